/* SPDX-License-Identifier: MIT */
/* test_import_zj_selfeval.c — the zj-selfeval reader: seed 001's two 自评表 and hand-made edge cases. */
#include "imp_collect.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define SEED "import/seeds/001_79da5c65fa76b1ff.txt"

/*
 * Seed 001 holds two 项目支出绩效自评表 (lines 1042–1167 and 1193–1328). Their indicator
 * rows, counted by hand (a row is a 三级指标 with its 年度指标值, 实际完成值, 权重, 得分):
 *   越城区电子政务云资源服务项目: 接入系统数量, 运行保障期限 (数量指标), 执行率 (时效指标),
 *     工作效率 (经济效益), 政务云稳定性 (可持续影响), 服务对象满意率 (服务对象满意度) = 6;
 *   越城区网络安全运营中心项目: 漏洞扫描, 安全培训服务, 驻场人员 (数量指标), 执行率
 *     (时效指标), 政务外网重大安全事故发生率 (社会效益, its name over two lines),
 *     网络安全隐患处理速度 (可持续影响), 服务对象满意度 (服务对象满意度) = 7.
 * The groups with 0 points and no row (质量指标, 成本指标, and 社会效益 + 生态效益 in the
 * first, 经济效益 + 生态效益 in the second) hold no indicator.
 */
#define SEED_INDICATORS (6 + 7)

/*
 * Rows skipped, counted by hand, per table: the title (1); the funds header, six lines
 * (资金来源 年初预算数 / 全年预算数 全年执行数 / 全年执行数 / (其他) / 执行率 / （A） （B）
 * （B/A）); 年度总体目标 and 预期目标 实际完成情况 (2); the labels 目标偏离原因分析,
 * 整改措施及建议 and 其他需说明的问题, each alone on its line (3); the indicator header,
 * five lines (绩效指 / 标 / 一级指标 … 得分 / 偏差原因分析及 / 改进措施); the 得分
 * cell "0.00" of each of the four empty groups (4); the three lines under 自评结论 on how
 * grades are given (3). 1 + 6 + 2 + 3 + 5 + 4 + 3 = 24 per table.
 */
#define SEED_SKIPPED (24 + 24)

/** Checks one indicator of a self-evaluation, its cells as written. */
static void check_ind(const jx_imp_indicator *ind, uint32_t row, const char *l1, const char *l2,
                      const char *name, const char *target, const char *actual, const char *weight,
                      const char *score)
{
    assert_non_null(ind);
    assert_int_equal(ind->row, row);
    assert_string_equal(ind->level1, l1);
    assert_string_equal(ind->level2, l2);
    assert_string_equal(ind->name, name);
    assert_string_equal(ind->sign, "");
    assert_string_equal(ind->target, target);
    assert_string_equal(ind->actual, actual);
    assert_string_equal(ind->weight, weight);
    assert_string_equal(ind->score, score);
}

/** Checks group points i of p. */
static void check_points(const jx_test_imp_project *p, size_t i, uint32_t row, const char *l1,
                         const char *l2, const char *points)
{
    assert_true(i < p->npoints);
    assert_int_equal(p->points[i].row, row);
    assert_string_equal(p->points[i].level1, l1);
    assert_string_equal(p->points[i].level2, l2);
    assert_string_equal(p->points[i].points, points);
}

static void test_detect(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zj_selfeval, SEED);
    assert_int_equal(jx_imp_zj_selfeval.detect(r->text, strlen(r->text)), 95);
    jx_test_imp_free(r);
    r = jx_test_imp_run_file(&jx_imp_zj_selfeval, "import/seeds/000_070324ba240a519e.txt");
    assert_int_equal(jx_imp_zj_selfeval.detect(r->text, strlen(r->text)), 0);
    assert_int_equal(r->nprojects, 0);
    assert_int_equal(jx_test_imp_count_code(r, "no-table"), 1);
    jx_test_imp_free(r);
    /* The title alone, without the indicator header, is not enough. */
    static const char title[] = "项目支出绩效自评表\n（2024年度）\n";
    assert_int_equal(jx_imp_zj_selfeval.detect(title, strlen(title)), 0);
}

static void test_seed_counts(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zj_selfeval, SEED);
    assert_int_equal(r->nprojects, 2);
    assert_string_equal(r->projects[0].field[JX_IMP_NAME], "越城区电子政务云资源服务项目");
    assert_int_equal(r->projects[0].ninds, 6);
    assert_string_equal(r->projects[1].field[JX_IMP_NAME], "越城区网络安全运营中心项目");
    assert_int_equal(r->projects[1].ninds, 7);
    assert_int_equal(r->nindicators, SEED_INDICATORS);
    assert_int_equal(r->stats.skipped, SEED_SKIPPED);
    assert_int_equal(r->stats.not_understood, 0);
    assert_int_equal(jx_test_imp_count_code(r, "funds-not-understood"), 0);
    assert_int_equal(jx_test_imp_count_code(r, "goal-not-split"), 0);
    /* Each project starts at its table's title; the prose around them makes none. */
    assert_int_equal(r->projects[0].row, 1042);
    assert_int_equal(r->projects[1].row, 1193);
    jx_test_imp_free(r);
}

static void test_seed_first_table(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zj_selfeval, SEED);
    const jx_test_imp_project *p = &r->projects[0];
    assert_string_equal(p->field[JX_IMP_DEPT], "301-大数据管理");
    /* 预算单位 wraps over lines 1048 and 1050. */
    assert_string_equal(p->field[JX_IMP_ORG], "301001-绍兴市越城区大数据发展管理中心（本级）");
    assert_string_equal(p->field[JX_IMP_YEAR], "2024");
    assert_string_equal(p->field[JX_IMP_MONEY_UNIT], "万元");
    /* 预期目标 (lines 1074–1078, ending in "。" alone) and 实际完成情况 (1080–1082). */
    assert_string_equal(p->field[JX_IMP_GOAL],
                        "提高电子政务云资源集约利用水平，为各镇街、区级各部门提供更加便捷高效的电子政务云资源应用环境。");
    assert_string_equal(p->field[JX_IMP_OUTCOME],
                        "提高电子政务云资源集约利用水平，为各镇街、区级各部门提供更加便捷高效的电子政务云资源应用环境。");
    assert_string_equal(p->field[JX_IMP_DEVIATION], "");
    assert_string_equal(p->field[JX_IMP_REMEDY], "");
    /* 总  分 100 100.00: 100 is the 权重 total, 100.00 the claimed score. */
    assert_string_equal(p->field[JX_IMP_CLAIMED_TOTAL], "100.00");
    assert_string_equal(p->field[JX_IMP_CLAIMED_GRADE], "优");
    /* Both 资金 rows, the zero one included (lines 1066, 1068). */
    assert_int_equal(p->nfunds, 2);
    assert_int_equal(p->funds[0].row, 1066);
    assert_string_equal(p->funds[0].source, "年度资金总额");
    assert_string_equal(p->funds[0].initial, "0");
    assert_string_equal(p->funds[0].budget, "0");
    assert_string_equal(p->funds[0].spent, "0");
    assert_int_equal(p->funds[1].row, 1068);
    assert_string_equal(p->funds[1].source, "一般公共预算资金");
    assert_string_equal(p->funds[1].initial, "366");
    assert_string_equal(p->funds[1].budget, "358.35");
    assert_string_equal(p->funds[1].spent, "358.35");
    /* Group points: 3 一级 and 9 二级 groups. */
    assert_int_equal(p->npoints, 12);
    check_points(p, 0, 1099, "产出指标", "", "60.00");
    check_points(p, 1, 1103, "产出指标", "数量指标", "50.00");
    check_points(p, 2, 1111, "产出指标", "质量指标", "0"); /* "质量指标(0" / "分)" */
    check_points(p, 4, 1121, "产出指标", "成本指标", "0");
    check_points(p, 5, 1126, "效益指标", "", "30.00");
    check_points(p, 7, 1135, "效益指标", "社会效益", "0");
    check_points(p, 10, 1150, "满意度指标", "", "10.00");
    check_points(p, 11, 1154, "满意度指标", "服务对象满意度", "10.00"); /* over lines 1154–1158 */
    check_ind(&p->inds[0], 1107, "产出指标", "数量指标", "接入系统数量", "≥60个", "≥60个", "30", "30.00");
    check_ind(&p->inds[1], 1109, "产出指标", "数量指标", "运行保障期限", "=1年", "=1年", "20", "20.00");
    check_ind(&p->inds[2], 1119, "产出指标", "时效指标", "执行率", "≥95%", "100%", "10", "10.00");
    check_ind(&p->inds[3], 1133, "效益指标", "经济效益", "工作效率", "提升", "提升", "15", "15.00");
    check_ind(&p->inds[5], 1160, "满意度指标", "服务对象满意度", "服务对象满意率", "≥90%", "≥90%", "10", "10.00");
    for (size_t i = 0; i < p->ninds; i++) {
        assert_string_not_equal(p->inds[i].level2, "质量指标");
        assert_string_not_equal(p->inds[i].level2, "成本指标");
        assert_string_not_equal(p->inds[i].level2, "社会效益");
        assert_string_not_equal(p->inds[i].level2, "生态效益");
        assert_string_equal(p->inds[i].reason, "");
    }
    jx_test_imp_free(r);
}

static void test_seed_second_table(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zj_selfeval, SEED);
    const jx_test_imp_project *p = jx_test_imp_project_named(r, "越城区网络安全运营中心项目");
    assert_non_null(p);
    assert_string_equal(p->field[JX_IMP_YEAR], "2024");
    assert_string_equal(p->field[JX_IMP_GOAL],
                        "组织开展网络安全智治服务、违规外联检测、漏洞扫描、渗透测试、机房运维服务、日常安全值守及重要活动安全保障。");
    assert_string_equal(p->field[JX_IMP_OUTCOME],
                        "开展网络安全智治服务、违规外联检测、漏洞扫描、渗透测试、机房运维服务、日常安全值守及重要活动安全保障。");
    /* 目标偏离原因分析, wrapped after "2.5" (lines 1238, 1240). */
    assert_string_equal(p->field[JX_IMP_DEVIATION],
                        "因越城区体制机制调整，原斗门街道、马山街道、孙端街道、沥海街道等4个街道网络安全智治终端相关费用"
                        "2.5万元划转至滨海新区自行支付。");
    assert_string_equal(p->field[JX_IMP_CLAIMED_TOTAL], "100.00");
    assert_string_equal(p->field[JX_IMP_CLAIMED_GRADE], "优");
    assert_int_equal(p->nfunds, 2);
    assert_string_equal(p->funds[0].source, "年度资金总额");
    assert_string_equal(p->funds[0].spent, "0");
    assert_string_equal(p->funds[1].source, "一般公共预算资金");
    assert_string_equal(p->funds[1].initial, "80");
    assert_string_equal(p->funds[1].budget, "77.5");
    assert_string_equal(p->funds[1].spent, "74.93");
    check_points(p, 6, 1287, "效益指标", "经济效益", "0");
    check_points(p, 7, 1292, "效益指标", "社会效益", "15.00");
    check_ind(&p->inds[0], 1263, "产出指标", "数量指标", "漏洞扫描", "＝4次", "＝4次", "20", "20.00");
    check_ind(&p->inds[3], 1275, "产出指标", "时效指标", "执行率", "≥95%", "96.68%", "10", "10.00");
    /* "政务外网重大安全事故发" / "生率" / "≤0.5% ≤0.5% 15 15.00": one row from line 1296. */
    check_ind(jx_test_imp_ind_named(p, "政务外网重大安全事故发生率"), 1296, "效益指标", "社会效益",
              "政务外网重大安全事故发生率", "≤0.5%", "≤0.5%", "15", "15.00");
    check_ind(&p->inds[5], 1309, "效益指标", "可持续影响", "网络安全隐患处理速度", "≤24小时", "≤24小时", "15",
              "15.00");
    jx_test_imp_free(r);
}

/*
 * tests/import/zj/selfeval_edge.txt, made by hand: the year on the title's line, 实施单位
 * on 主管部门's line, 项目资金（万元） on one line, a funds row with a non-zero 4th number,
 * a 预期目标 ending in "。", texts on their labels' lines, a reason after the score, a sign
 * split from its value, a row without its 得分 (line 41), 成本指标 as a 一级 group with
 * 经济成本指标 under it, and points wrapped after "(10".
 */
static void test_edge_fixture(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zj_selfeval, "import/zj/selfeval_edge.txt");
    assert_int_equal(r->nprojects, 1);
    const jx_test_imp_project *p = &r->projects[0];
    assert_string_equal(p->field[JX_IMP_NAME], "测试项目");
    assert_string_equal(p->field[JX_IMP_YEAR], "2023");
    assert_string_equal(p->field[JX_IMP_DEPT], "901-测试局");
    assert_string_equal(p->field[JX_IMP_ORG], "901001-测试局本级");
    assert_string_equal(p->field[JX_IMP_MONEY_UNIT], "万元");
    assert_string_equal(p->field[JX_IMP_GOAL], "完成培训。");
    assert_string_equal(p->field[JX_IMP_OUTCOME], "完成了培训");
    assert_string_equal(p->field[JX_IMP_DEVIATION], "部分培训延期。");
    assert_string_equal(p->field[JX_IMP_REMEDY], "加快进度。");
    assert_string_equal(p->field[JX_IMP_CLAIMED_TOTAL], "55.00");
    assert_string_equal(p->field[JX_IMP_CLAIMED_GRADE], "差");
    assert_int_equal(p->nfunds, 2);
    assert_string_equal(p->funds[1].source, "财政拨款");
    assert_string_equal(p->funds[1].spent, "9");
    assert_int_equal(jx_test_imp_count_code(r, "funds-not-understood"), 1); /* the "2" */
    /* 4 rows: 培训次数, 培训人数, 人均成本, 满意度; 合格率 has no 得分. */
    assert_int_equal(r->nindicators, 4);
    assert_int_equal(r->stats.not_understood, 1);
    /* Skipped: title, funds header, 年度总体目标, 预期目标 实际完成情况, 其他需说明的问题 无,
       the indicator header. */
    assert_int_equal(r->stats.skipped, 6);
    check_ind(&p->inds[0], 35, "产出指标", "数量指标", "培训次数", "≥4次", "3次", "20", "15.00");
    assert_string_equal(p->inds[0].reason, "一次培训延期");
    check_ind(&p->inds[1], 37, "产出指标", "数量指标", "培训人数", "≥ 100人", "120人", "20", "20.00");
    check_ind(&p->inds[2], 51, "成本指标", "经济成本指标", "人均成本", "≤500元", "480元", "10", "10.00");
    check_ind(&p->inds[3], 59, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "92%", "10", "10.00");
    assert_int_equal(p->npoints, 7);
    check_points(p, 2, 39, "产出指标", "质量指标", "20");
    check_points(p, 3, 43, "成本指标", "", "10");
    check_points(p, 4, 47, "成本指标", "经济成本指标", "10");
    check_points(p, 6, 55, "满意度指标", "服务对象满意度指标", "10");
    size_t found = 0;
    for (size_t i = 0; i < jx_imp_diag_count(r->im); i++) {
        const jx_diag *d = jx_imp_diag(r->im, i);
        if (strcmp(d->code, "row-not-understood") != 0)
            continue;
        found++;
        assert_int_equal(d->line, 41);
        assert_non_null(strstr(d->message, "合格率"));
    }
    assert_int_equal(found, 1);
    jx_test_imp_free(r);
}

static void test_header_only(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zj_selfeval, "import/zj/selfeval_header_only.txt");
    assert_int_equal(jx_imp_zj_selfeval.detect(r->text, strlen(r->text)), 95);
    assert_int_equal(r->nprojects, 0); /* nothing to hold, so no project */
    assert_int_equal(r->nindicators, 0);
    assert_int_equal(r->stats.skipped, 2);
    assert_int_equal(r->stats.not_understood, 0);
    assert_int_equal(jx_test_imp_count_code(r, "table-incomplete"), 1);
    jx_test_imp_free(r);
}

static void test_cut_short(void **state)
{
    (void)state;
    /* A table that stops inside a wrapped name, with no newline at the end. */
    static const char text[] = "项目支出绩效自评表\n项目名称 甲\n一级指标 二级指标 三级指标 年度指标值 实际完成值 权重 得分\n"
                               "产出指标\n(100分)\n数量指标 (100分)\n次数 ≥1次 1次 100 100\n未写完的指";
    jx_test_imp *r = jx_test_imp_run_text(&jx_imp_zj_selfeval, "cut.txt", text);
    assert_int_equal(r->nprojects, 1);
    assert_int_equal(r->nindicators, 1);
    assert_int_equal(r->stats.not_understood, 1); /* the held "未写完的指", line 8 */
    assert_int_equal(jx_test_imp_count_code(r, "table-incomplete"), 1);
    jx_test_imp_free(r);
}

static void test_long_wrapped_text(void **state)
{
    (void)state;
    /* 目标偏离原因分析 wrapped over 60 lines of 100 "因" (300 bytes each): 18 000 bytes,
       joined whole (no fixed buffer cuts it). */
    static const char head[] = "项目支出绩效自评表\n项目名称 甲\n目标偏离原因分析\n";
    static const char tail[] = "整改措施及建议 无\n";
    size_t line_n = 100 * strlen("因") + 1, n = strlen(head) + 60 * line_n + strlen(tail);
    char *text = malloc(n + 1);
    assert_non_null(text);
    char *o = text;
    o += sprintf(o, "%s", head);
    for (int i = 0; i < 60; i++) {
        for (int k = 0; k < 100; k++)
            o += sprintf(o, "因");
        *o++ = '\n';
    }
    sprintf(o, "%s", tail);
    jx_test_imp *r = jx_test_imp_run_text(&jx_imp_zj_selfeval, "long.txt", text);
    free(text);
    assert_int_equal(r->nprojects, 1);
    const char *deviation = r->projects[0].field[JX_IMP_DEVIATION];
    assert_int_equal(strlen(deviation), 60 * 100 * strlen("因"));
    assert_memory_equal(deviation + strlen(deviation) - strlen("因"), "因", strlen("因"));
    assert_string_equal(r->projects[0].field[JX_IMP_REMEDY], "无");
    /* the title and the label are skipped; the table lacks 总分 and 自评结论; nothing else is said */
    assert_int_equal(r->stats.skipped, 2);
    assert_int_equal(jx_test_imp_count_code(r, "table-incomplete"), 1);
    assert_int_equal(jx_imp_diag_count(r->im), 2 + 1);
    jx_test_imp_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_seed_counts),
        cmocka_unit_test(test_seed_first_table),
        cmocka_unit_test(test_seed_second_table),
        cmocka_unit_test(test_edge_fixture),
        cmocka_unit_test(test_header_only),
        cmocka_unit_test(test_cut_short),
        cmocka_unit_test(test_long_wrapped_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
