/* SPDX-License-Identifier: MIT */
/* test_import_zj_target.c — the zj-target reader: seed 000's 绩效目标表 and hand-made edge cases. */
#include "imp_collect.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define SEED "import/seeds/000_070324ba240a519e.txt"

/*
 * The projects of seed 000's "2021年市级部门预算项目绩效目标表" (lines 375–562) in table
 * order, with their indicator rows counted by hand: a project runs from the row carrying
 * its name to the row before the next project's name; blank lines (413, 447, 490, 536,
 * where pages broke) and the unit row 253002 (424) are not indicator rows. The 29 names
 * are the 29 projects of the 项目支出表 above it (lines 345–373).
 */
static const struct {
    const char *name; /* 单位名称(项目名称) */
    size_t inds;      /* indicator rows, counted by hand */
} seed_projects[] = {
    /* 253001 绍兴市大数据发展管理局本级: 38 rows */
    {"2021年重点人员管控组保障经费", 5},                                   /* 385–389 */
    {"2021年重点人员管控组保障经费(租车专项)", 5},                         /* 390–394 */
    {"信息化项目管理咨询费", 5},                                           /* 395–399 */
    {"大数据发展管理业务经费", 5},                                         /* 400–404 */
    {"大数据讲堂", 5},                                                     /* 405–409 */
    {"绍兴市疫情管控平台", 8},                                             /* 410–412, 414–418 */
    {"绍兴绿通-企业复工管理系统", 5},                                      /* 419–423 */
    /* 253002 绍兴市大数据保障中心: 135 rows */
    {"2017年绍兴电子政务办整体打包项目", 8},                               /* 425–432 */
    {"2018年“最多跑一次”相关打包项目", 7},                                 /* 433–439 */
    {"2018年雪亮工程公共安全视频图像共享平台项目", 6},                     /* 440–445 */
    {"2019年绍兴市“浙里办”绍兴站点优化完善及运营支撑项目-2021年续付", 4},  /* 446, 448–450 */
    {"2020年电子政务外网中心机房运维管理及视频会议系统保障服务项目", 10},  /* 451–460 */
    {"2020年绍兴市电子政务外网IPv6改造项目", 8},                           /* 461–468 */
    {"2021年信息系统安全等级保护测评项目", 6},                             /* 469–474 */
    {"2021年政务服务2.0绍兴市权力运行系统改造及运维项目", 5},              /* 475–479 */
    {"2021年政府门户网站群运维普查监测系统服务项目", 4},                   /* 480–483 */
    {"2021年电子政务安全运营及保障服务项目", 6},                           /* 484–489 */
    {"2021年电子政务网络出口及专线租赁项目", 7},                           /* 491–497 */
    {"2021年电子政务视联网租赁及会议现场保障服务项目", 8},                 /* 498–505 */
    {"2021年绍兴市电子政务专有云项目", 11},                                /* 506–516 */
    {"2021年绍兴市电子政务中心机房机房维保及环控平台升级项目", 7},         /* 517–523 */
    {"国家电子证照应用试点项目-2021年续付", 5},                            /* 524–528 */
    {"政务服务短信费", 5},                                                 /* 529–533 */
    {"日元贷款还本付息", 4},                                               /* 534–535, 537–538 */
    {"浙政钉绍兴市运维服务费", 5},                                         /* 539–543 */
    {"绍兴市城市大脑通用平台建设项目", 4},                                 /* 544–547 */
    {"绍兴市政务信息化等项目评审劳务费", 5},                               /* 548–552 */
    {"绍兴市电子政务内网机房维保项目", 5},                                 /* 553–557 */
    {"部门间“最多跑一次”平台", 5},                                         /* 558–562 */
};

/*
 * Seed 000 as a whole: 173 indicator rows. Cross-check: lines 385–562 are 178 lines, less
 * the 4 blank lines and the unit row 424 = 173 = 38 + 135.
 */
#define SEED_INDICATORS 173

/** Checks one indicator's columns as written. */
static void check_ind(const jx_imp_indicator *ind, uint32_t row, const char *l1, const char *l2,
                      const char *name, const char *sign, const char *target, const char *unit,
                      const char *weight)
{
    assert_non_null(ind);
    assert_int_equal(ind->row, row);
    assert_string_equal(ind->level1, l1);
    assert_string_equal(ind->level2, l2);
    assert_string_equal(ind->name, name);
    assert_string_equal(ind->sign, sign);
    assert_string_equal(ind->target, target);
    assert_string_equal(ind->unit, unit);
    assert_string_equal(ind->weight, weight);
    assert_string_equal(ind->actual, "");
    assert_string_equal(ind->score, "");
}

static void test_detect(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zj_target, SEED);
    assert_int_equal(jx_imp_zj_target.detect(r->text, strlen(r->text)), 95);
    jx_test_imp_free(r);
    r = jx_test_imp_run_file(&jx_imp_zj_target, "import/seeds/001_79da5c65fa76b1ff.txt");
    assert_int_equal(jx_imp_zj_target.detect(r->text, strlen(r->text)), 0);
    jx_test_imp_free(r);
    /* 单位编码 alone (seed 000's 收入总表 header, line 170) is not this table. */
    static const char other[] = "单位编码\t单位名称\t总计\t本年收入\n";
    assert_int_equal(jx_imp_zj_target.detect(other, strlen(other)), 0);
}

static void test_seed_counts(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zj_target, SEED);
    size_t n = sizeof seed_projects / sizeof seed_projects[0], sum = 0;
    assert_int_equal(r->nprojects, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(r->projects[i].field[JX_IMP_NAME], seed_projects[i].name);
        assert_int_equal(r->projects[i].ninds, seed_projects[i].inds);
        sum += seed_projects[i].inds;
    }
    assert_int_equal(sum, SEED_INDICATORS);
    assert_int_equal(r->nindicators, SEED_INDICATORS);
    assert_int_equal(r->stats.indicators, SEED_INDICATORS);
    /* Skipped: the header row (381) and the row naming the 资金安排 columns (382). The
       page breaks are blank lines, passed over; no row is left unread. */
    assert_int_equal(r->stats.skipped, 2);
    assert_int_equal(r->stats.not_understood, 0);
    assert_int_equal(jx_test_imp_count_code(r, "funds-not-understood"), 0);
    assert_int_equal(jx_test_imp_count_code(r, "no-table"), 0);
    /* The rest of the document (its other tables, lines 1–374) makes no project. */
    assert_int_equal(r->projects[0].row, 385);
    jx_test_imp_free(r);
}

static void test_seed_first_project(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zj_target, SEED);
    const jx_test_imp_project *p = jx_test_imp_project_named(r, "2021年重点人员管控组保障经费");
    assert_non_null(p);
    assert_string_equal(p->field[JX_IMP_DEPT], "253 市大数据局");               /* row 383 */
    assert_string_equal(p->field[JX_IMP_ORG], "253001 绍兴市大数据发展管理局本级"); /* row 384 */
    assert_string_equal(p->field[JX_IMP_YEAR], "2021");                         /* title, 375 */
    assert_string_equal(p->field[JX_IMP_MONEY_UNIT], "元");                     /* 单位：元, 379 */
    assert_string_equal(p->field[JX_IMP_GOAL], "保障重点人员管控、信息研判工作的开展。");
    /* 资金安排: 总计 78,000.00 and 一般公共预算 78,000.00, the other sources empty. */
    assert_int_equal(p->nfunds, 2);
    assert_string_equal(p->funds[0].source, "年度资金总额");
    assert_string_equal(p->funds[0].initial, "78,000.00");
    assert_string_equal(p->funds[0].budget, "");
    assert_string_equal(p->funds[0].spent, "");
    assert_string_equal(p->funds[1].source, "一般公共预算");
    assert_string_equal(p->funds[1].initial, "78,000.00");
    assert_int_equal(p->funds[1].row, 385);
    check_ind(&p->inds[0], 385, "效益指标", "社会效益指标", "重点人员管控、信息研判数量", "≥", "10000", "人次", "20");
    check_ind(&p->inds[4], 389, "效益指标", "经济效益指标", "预算执行率", "≥", "95", "(%)", "20");
    jx_test_imp_free(r);
}

static void test_seed_shifted_rows(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zj_target, SEED);
    /* 绍兴市疫情管控平台: rows 410–412 have 一级指标 in column 7 (0-based), the rows after
       the page break (414–418) in column 8. */
    const jx_test_imp_project *p = jx_test_imp_project_named(r, "绍兴市疫情管控平台");
    assert_non_null(p);
    assert_string_equal(p->field[JX_IMP_GOAL], "实现该项目建设项目可以有效运行");
    check_ind(&p->inds[2], 412, "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "95", "(%)", "10");
    check_ind(&p->inds[3], 414, "产出指标", "数量指标", "预算执行率", "≥", "95", "(%)", "20");
    check_ind(&p->inds[7], 418, "产出指标", "质量指标", "系统验收合格率", "≥", "100", "(%)", "10");
    /* 绍兴绿通-企业复工管理系统: its first row (419) has 一级指标 in column 9, the next in 8. */
    p = jx_test_imp_project_named(r, "绍兴绿通-企业复工管理系统");
    assert_non_null(p);
    assert_int_equal(strncmp(p->field[JX_IMP_GOAL], "通过实施企业复工管理建设系统浙政钉端",
                             strlen("通过实施企业复工管理建设系统浙政钉端")),
                     0);
    assert_string_equal(p->funds[0].initial, "1,000,000.00");
    check_ind(&p->inds[0], 419, "满意度指标", "服务对象满意度指标", "用户使用满意度", "≥", "80", "(%)", "10");
    check_ind(&p->inds[1], 420, "效益指标", "社会效益指标", "系统访问量", "≥", "30", "万人次", "10");
    /* After the unit row 253002 (424) the projects belong to the 保障中心. */
    p = jx_test_imp_project_named(r, "2017年绍兴电子政务办整体打包项目");
    assert_non_null(p);
    assert_string_equal(p->field[JX_IMP_ORG], "253002 绍兴市大数据保障中心");
    check_ind(&p->inds[0], 425, "效益指标", "社会效益指标", "数据共享率", "≥", "90", "(%)", "10");
    /* Lines 491–562: 15 cells, 一级指标 in column 8 as the header has it. */
    p = jx_test_imp_project_named(r, "2021年电子政务网络出口及专线租赁项目");
    assert_non_null(p);
    assert_string_equal(p->field[JX_IMP_GOAL], "实现电子政务外网互联网访问和应急指挥中心部门网络接入。");
    assert_string_equal(p->funds[0].initial, "287,800.00");
    check_ind(&p->inds[0], 491, "效益指标", "可持续影响指标", "系统使用年限指数", "≥", "5", "年", "10");
    /* A project whose goal cell is empty has no goal. */
    p = jx_test_imp_project_named(r, "2021年绍兴市电子政务专有云项目");
    assert_non_null(p);
    assert_string_equal(p->field[JX_IMP_GOAL], "");
    assert_string_equal(p->funds[0].initial, "113,050,000.00");
    check_ind(&p->inds[2], 508, "产出指标", "数量指标", "CPU租赁数量", "≥", "13600", "核", "10");
    jx_test_imp_free(r);
}

static void test_seed_empty_and_qualitative_cells(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zj_target, SEED);
    /* Line 401: "=" with no value stays empty (the emitter reports it). */
    const jx_test_imp_project *p = jx_test_imp_project_named(r, "大数据发展管理业务经费");
    assert_non_null(p);
    assert_string_equal(p->field[JX_IMP_GOAL], "全年行政行为的合法性进一步提高，不发");
    check_ind(jx_test_imp_ind_named(p, "行政诉讼败诉、行政复议撤销案件数"), 401, "满意度指标",
              "服务对象满意度指标", "行政诉讼败诉、行政复议撤销案件数", "=", "", "件", "20");
    /* Line 535: 定性 with its text, no unit; then the page break and two more rows. */
    p = jx_test_imp_project_named(r, "日元贷款还本付息");
    assert_non_null(p);
    check_ind(&p->inds[1], 535, "效益指标", "社会效益指标", "按合同支付", "定性", "足额支付", "", "40");
    check_ind(&p->inds[3], 538, "产出指标", "时效指标", "内部审批时限", "≤", "10", "工作日", "20");
    jx_test_imp_free(r);
}

/*
 * tests/import/zj/target_edge.txt, made by hand (19 lines): header (5), 资金安排 header (6),
 * 部门 901 (7), 单位 901001 (8), project 项目甲 laid out as the header (9) with a weight
 * written "二十", a row shifted right (10), a row cut after 计算符号 (11), a blank line and
 * a page number (12, 13), a row shifted left (14), a 合计 row (15), a row whose 一级指标
 * is unknown (16), project 项目乙 with one tab more and an amount in the third 资金 cell
 * (17), a line of text ending the table (18) and a table-like row after it (19).
 */
static void test_edge_fixture(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zj_target, "import/zj/target_edge.txt");
    assert_int_equal(r->nprojects, 2);
    assert_int_equal(r->nindicators, 4); /* 9, 10, 14 for 项目甲; 17 for 项目乙 */
    assert_int_equal(r->stats.skipped, 4); /* 5, 6, 13, 15 */
    assert_int_equal(r->stats.not_understood, 2); /* 11, 16 */
    const jx_test_imp_project *p = &r->projects[0];
    assert_string_equal(p->field[JX_IMP_NAME], "项目甲");
    assert_string_equal(p->field[JX_IMP_DEPT], "901 市测试局");
    assert_string_equal(p->field[JX_IMP_ORG], "901001 市测试局本级");
    assert_string_equal(p->field[JX_IMP_YEAR], "2023");
    assert_string_equal(p->field[JX_IMP_MONEY_UNIT], "万元");
    assert_string_equal(p->field[JX_IMP_GOAL], "目标甲");
    /* A weight written as text is kept as written. */
    check_ind(&p->inds[0], 9, "产出指标", "数量指标", "培训次数", "≥", "4", "次", "二十");
    check_ind(&p->inds[1], 10, "满意度指标", "服务对象满意度指标", "满意度", "≥", "90", "(%)", "30");
    check_ind(&p->inds[2], 14, "产出指标", "时效指标", "完成及时性", "定性", "及时", "", "20");
    p = &r->projects[1];
    assert_string_equal(p->field[JX_IMP_NAME], "项目乙");
    assert_string_equal(p->field[JX_IMP_GOAL], "目标乙");
    check_ind(&p->inds[0], 17, "效益指标", "社会效益指标", "受益人数", "≥", "100", "人", "100");
    /* The first two amounts are 总计 and 一般公共预算; the third cannot be placed once
       the row is out of line with the header: reported, not guessed. */
    assert_int_equal(p->nfunds, 2);
    assert_string_equal(p->funds[1].source, "一般公共预算");
    assert_string_equal(p->funds[1].initial, "15.00");
    assert_int_equal(jx_test_imp_count_code(r, "funds-not-understood"), 1);
    /* The truncated row is a warning naming its line and its indicator. */
    size_t found = 0;
    for (size_t i = 0; i < jx_imp_diag_count(r->im); i++) {
        const jx_diag *d = jx_imp_diag(r->im, i);
        if (strcmp(d->code, "row-not-understood") != 0 || d->line != 11)
            continue;
        found++;
        assert_int_equal(d->severity, JX_SEV_WARNING);
        assert_non_null(strstr(d->message, "受益人数"));
    }
    assert_int_equal(found, 1);
    jx_test_imp_free(r);
}

static void test_header_only(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zj_target, "import/zj/target_header_only.txt");
    assert_int_equal(jx_imp_zj_target.detect(r->text, strlen(r->text)), 95);
    assert_int_equal(r->nprojects, 0);
    assert_int_equal(r->nindicators, 0);
    assert_int_equal(r->stats.skipped, 1);
    assert_int_equal(r->stats.not_understood, 0);
    assert_int_equal(jx_test_imp_count_code(r, "no-table"), 1);
    jx_test_imp_free(r);
}

static void test_odd_rows_do_not_crash(void **state)
{
    (void)state;
    /* A continuation row before any project, a row of 80 cells, a last line with no newline. */
    char text[2048];
    int n = snprintf(text, sizeof text, "%s",
                     "单位编码\t单位名称(项目名称)\t资金安排\t总体绩效目标\t一级指标\t二级指标\t三级指标\t"
                     "计算符号\t指标值\t计量单位\t指标权重\n"
                     "\t\t\t\t产出指标\t数量指标\t次数\t≥\t1\t次\t10\n");
    for (int i = 0; i < 80; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "\t产出指标");
    n += snprintf(text + n, sizeof text - (size_t)n, "\n\t项目丙\t1.00\t目标\t产出指标\t数量指标\t次数\t≥");
    jx_test_imp *r = jx_test_imp_run_text(&jx_imp_zj_target, "odd.txt", text);
    assert_int_equal(r->nprojects, 0);
    assert_int_equal(r->stats.not_understood, 3); /* lines 2, 3 and 4 */
    assert_int_equal(r->stats.skipped, 1);
    jx_test_imp_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_seed_counts),
        cmocka_unit_test(test_seed_first_project),
        cmocka_unit_test(test_seed_shifted_rows),
        cmocka_unit_test(test_seed_empty_and_qualitative_cells),
        cmocka_unit_test(test_edge_fixture),
        cmocka_unit_test(test_header_only),
        cmocka_unit_test(test_odd_rows_do_not_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
