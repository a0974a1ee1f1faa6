/* SPDX-License-Identifier: MIT */
/* test_import_wh_declare.c — the wh-declare reader on seed 004 (部门项目申报表, 整体支出绩效目标
 * 申报表) and on small hand-made tables. Every expected number below was counted by reading the seed. */
#include "imp_collect.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define SEED_004 "import/seeds/004_6deff1062909ad4a.txt"

/** Asserts every field of an indicator that the wh tables fill: hist is its 前年, 上年 and
 * 指标值确定依据 cells, in that order. */
static void check_ind(const jx_imp_indicator *ind, const char *l1, const char *l2, const char *name,
                      const char *sign, const char *target, const char *const hist[3], const char *note)
{
    assert_string_equal(ind->level1, l1);
    assert_string_equal(ind->level2, l2);
    assert_string_equal(ind->name, name);
    assert_string_equal(ind->sign, sign);
    assert_string_equal(ind->target, target);
    assert_string_equal(ind->unit, "");
    assert_string_equal(ind->weight, "");
    assert_string_equal(ind->actual, "");
    assert_string_equal(ind->year_before, hist[0]);
    assert_string_equal(ind->last_year, hist[1]);
    assert_string_equal(ind->basis, hist[2]);
    assert_string_equal(ind->note, note);
}

/* The history cells for check_ind: 前年, 上年, 指标值确定依据. */
#define HIST(before, last, basis) ((const char *const[3]){before, last, basis})

/*
 * Seed 004 holds the department's 整体支出绩效目标申报表 and ten 部门项目申报表. The
 * indicators are the rows of each 年度绩效目标表, counted by hand (a row split by a page
 * break counts once; its second half is named in parentheses):
 *
 *   整体 (540–632): 543–549 = 7 (551), 552–570 = 19, 572–590 = 19, 592–609 = 18 (611),
 *     612–618 = 7, 620–632 = 13                                                     → 83
 *   网上群众工作部服务中心 (692–704): 694–697 = 4 (699), 700–704 = 5                    → 9
 *   IT 外包服务项目 (754–763): 756–760 = 5, 762–763 = 2                                → 7
 *   全区政务网络互联网接入服务及运维项目 (819–828): 821, 823–828 = 6                   → 7
 *   视频会议运维项目 (883–895): 885–890 = 6 (892), 893–895 = 3                         → 9
 *   办公室租赁 (947–953): 949–953                                                      → 5
 *   区政府门户网站运维服务 (1013–1020): 1015–1018 = 4, 1020                            → 5
 *   政务云资源服务采购项目 (1085–1101): 1087–1101                                      → 15
 *   2023年数据治理运维项目 (1166–1181): 1168–1175 = 8, 1177–1181 = 5                   → 13
 *   AK 项目质保金: no target table                                                    → 0
 *   “民呼我应”信息化服务平台整合提升项目 (1258–1265): 1260–1265                        → 6
 *                                                                             total 159
 */
static void test_seed_004_indicator_counts(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_wh_declare, SEED_004);
    assert_int_equal(r->nprojects, 11);
    static const struct { const char *name; size_t inds; } want[] = {
        {"武汉经济技术开发区 (汉南区) 大数据中心整体支出绩效目标", 83},
        {"网上群众工作部服务中心", 9},
        {"IT 外包服务项目", 7},
        {"全区政务网络互联网接入服务及运维项目", 7},
        {"视频会议运维项目", 9},
        {"办公室租赁", 5},
        {"区政府门户网站运维服务", 5},
        {"政务云资源服务采购项目", 15},
        {"2023年数据治理运维项目", 13},
        {"AK 项目质保金", 0},
        {"“民呼我应”信息化服务平台整合提升项目", 6},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_string_equal(r->projects[i].field[JX_IMP_NAME], want[i].name);
        assert_int_equal(r->projects[i].ninds, want[i].inds);
    }
    assert_int_equal(r->nindicators, 159);
    assert_int_equal(r->stats.indicators, 159);
    assert_int_equal(r->stats.not_understood, 0);
    /* the project without a target table (row 1183) is imported with no indicators; the
     * reader does not warn: the emitter says no-indicators once for every format */
    assert_int_equal(r->projects[9].ninds, 0);
    assert_int_equal(jx_test_imp_count_code(r, "no-indicators"), 0);
    jx_test_imp_free(r);
}

/* A project's head: fields, the one 资金 row from 项目当年预算, the 年度绩效目标. */
static void test_seed_004_project_head(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_wh_declare, SEED_004);
    const jx_test_imp_project *p = jx_test_imp_project_get(r, "网上群众工作部服务中心");
    assert_int_equal(p->row, 638);
    assert_string_equal(p->field[JX_IMP_DEPT], "大数据中心");
    assert_string_equal(p->field[JX_IMP_ORG], "网群科");
    assert_string_equal(p->field[JX_IMP_MONEY_UNIT], "万元");
    assert_string_equal(p->field[JX_IMP_YEAR], "2023"); /* "… 2023 年部门预算说明", line 3 */
    assert_string_equal(p->field[JX_IMP_GOAL], "不断完善、改进工作机制，提高工作效率，提升整体满意率");
    assert_int_equal(p->nfunds, 1);
    assert_int_equal(p->funds[0].row, 653);
    assert_string_equal(p->funds[0].initial, "360");

    /* 项目总预算 620, 项目当年预算 217.64: the year's amount */
    p = jx_test_imp_project_get(r, "全区政务网络互联网接入服务及运维项目");
    assert_int_equal(p->nfunds, 1);
    assert_string_equal(p->funds[0].initial, "217.64");
    /* 1039: "项目总预算 | | 500 | 项目当年预算 | 360.5": values after an empty cell */
    p = jx_test_imp_project_get(r, "政务云资源服务采购项目");
    assert_string_equal(p->funds[0].initial, "360.5");
    p = jx_test_imp_project_get(r, "区政府门户网站运维服务");
    assert_string_equal(p->field[JX_IMP_DEPT], "管委会办公室");
    assert_string_equal(p->field[JX_IMP_ORG], "区大数据中心");

    /* the department-wide table: 部门总体资金情况 收入构成 rows are its funds */
    p = &r->projects[0];
    assert_int_equal(p->row, 420);
    assert_string_equal(p->field[JX_IMP_DEPT], "武汉经济技术开发区 (汉南区) 大数据中心");
    assert_string_equal(p->field[JX_IMP_MONEY_UNIT], "万元");
    assert_memory_equal(p->field[JX_IMP_GOAL], "1. 强化基础能力", strlen("1. 强化基础能力"));
    assert_int_equal(p->nfunds, 4);
    assert_string_equal(p->funds[0].source, "财政拨款");
    assert_string_equal(p->funds[0].initial, "1930.07");
    assert_string_equal(p->funds[1].source, "财政专户管理资金");
    assert_string_equal(p->funds[1].initial, "");
    assert_string_equal(p->funds[3].source, ""); /* 合计: the 年度资金总额 row */
    assert_string_equal(p->funds[3].initial, "1930.07");
    jx_test_imp_free(r);
}

/* The year's table: 预计当年实现 is the target, 前年/上年/指标值确定依据 its history. */
static void test_seed_004_year_table(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_wh_declare, SEED_004);
    const jx_test_imp_project *p = jx_test_imp_project_get(r, "网上群众工作部服务中心");
    check_ind(jx_test_imp_ind_at(p, 694), "产出指标", "时效指标", "群众投诉的转办时限", "", "≤24 小时",
              HIST("≤24 小时", "≤24 小时", "经验标准"),
              "");
    /* merged 一级 cell carried down; 前年 and 上年 differ from the target */
    check_ind(jx_test_imp_ind_at(p, 704), "满意度指标", "服务对象满意度指标", "群众投诉办理满意率", "", "≥85%",
              HIST("≥75%", "≥80%", "结合近几年的整体满意率水平，上调满意率标准。"),
              "");
    /* 697/699: the 指标值确定依据 cell continues after the page break */
    check_ind(jx_test_imp_ind_at(p, 697), "产出指标", "数量指标", "周报", "", "≥45",
              HIST("≥48", "≥48", "每年周数不一样，再结合公休调休等因素影响，下调最低数量要求。"),
              "");
    check_ind(jx_test_imp_ind_at(p, 700), "产出指标", "数量指标", "月报", "", "12", HIST("12", "12", "经验标准"), "");

    p = jx_test_imp_project_get(r, "视频会议运维项目");
    /* 890/892: "音频处" and "理" across a page break */
    check_ind(jx_test_imp_ind_at(p, 890), "产出指标", "质量指标", "音频处理", "", "256 路",
              HIST("256 路", "256 路", "行业标准"),
              "");
    /* 893–895 lack the 目标名称 cell: one column left of the header */
    check_ind(jx_test_imp_ind_at(p, 894), "产出指标", "时效指标", "会议系统回复时效", "", "≤12 小时",
              HIST("≤24 小时", "≤12 小时", "经验标准"),
              "");
    assert_null(jx_test_imp_ind_named(p, "理"));

    /* 办公室租赁 949: the 一级 word sits in the 目标名称 column */
    p = jx_test_imp_project_get(r, "办公室租赁");
    check_ind(jx_test_imp_ind_at(p, 949), "产出指标", "数量指标", "按照合同约定取得339.76平方米办公用房面积", "", "339.76平方米",
              HIST("-", "339.76平方米", "计划标准"),
              "");
    jx_test_imp_free(r);
}

/* The department-wide year's table: header variants, rows missing a column, rows split by pages. */
static void test_seed_004_whole_year_table(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_wh_declare, SEED_004);
    const jx_test_imp_project *p = &r->projects[0];
    /* 事级指标 for 二级指标, 预期当年实现值 for 预计当年实现, 前 年 / 上 年 spaced */
    check_ind(jx_test_imp_ind_at(p, 543), "产出指标", "时效指标", "群众投诉的转办时限", "", "≤24 小时",
              HIST("≤24 小时", "≤24 小时", "经验标准"),
              "");
    /* 548: seven cells and an empty eighth — one column left */
    check_ind(jx_test_imp_ind_at(p, 548), "产出指标", "时效指标", "故障运维响应时间", "", "≤1 小时",
              HIST("≤2 小时", "≤1 小时", "行业经验"),
              "");
    /* 549/551: the name broken across a page break */
    check_ind(jx_test_imp_ind_at(p, 549), "产出指标", "时效指标", "疫情、防汛24小时值班", "", "24 小时",
              HIST("24 小时", "24 小时", "部门要求"),
              "");
    /* 556: no 指标值确定依据 */
    check_ind(jx_test_imp_ind_at(p, 556), "产出指标", "时效指标", "预算资金执行率", "", "100%", HIST("-", "100%", ""), "");
    /* 575: "根据需求开 通 CPU 资源" — the PDF's break inside a word joined, the ASCII word kept apart */
    check_ind(jx_test_imp_ind_at(p, 575), "产出指标", "数量指标", "根据需求开通 CPU 资源", "", "≥1900 核",
              HIST("2700 核", "1900 核", "设计方案"),
              "");
    /* 609/611: 二级 word, name and target all cut by the page break; 效益指标 on the second line */
    check_ind(jx_test_imp_ind_at(p, 609), "效益指标", "社会效益指标", "整合、维护全区信息化系统硬件资源、业务系统和数据", "",
              "持续整合", HIST("整合维护", "整合维护", "行业经验"), "");
    /* 623: both category cells merged */
    check_ind(jx_test_imp_ind_at(p, 623), "效益指标", "经济效益指标", "资金利用率", "", "100%",
              HIST("100%", "100%", "经验标准"),
              "");
    check_ind(jx_test_imp_ind_at(p, 628), "满意度指标", "服务对象满意度指标", "群众投诉办理满意率", "", "≥85%",
              HIST("≥75%", "≥80%", "结合近几年的整体满意率水平，上调满意率标准。"),
              "");
    assert_null(jx_test_imp_ind_named(p, "班"));
    jx_test_imp_free(r);
}

/*
 * The long-term tables' rows are skipped (the year's tables hold the same indicators'
 * targets). Counted by hand: 整体 455–536 = 72 rows (455, 460–480, 483–503, 505–516,
 * 519–528, 530–536); 网上群众 681–689 = 9; IT 746–752 = 7; 全区 809–817 = 9; 视频
 * 873–881 = 9; 办公室 940–943 = 4; 门户 1004–1007, 1010 = 5; 政务云 1067–1081 = 15;
 * 数据治理 1147–1156, 1158–1162 = 15; 民呼我应 1251–1255 = 5 → 150.
 * Long-term names the year's table lacks, compared by hand: 整体 464 469 470 487 492 498
 * 499 500 505 507 511 512 535 (13); IT 747 748; 全区 814 815; 视频 880; 办公室 941 942
 * 943; 门户 1006 1007; 数据治理 1148 1161 → 25.
 */
static void test_seed_004_long_term_rows(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_wh_declare, SEED_004);
    assert_int_equal(jx_test_imp_count_diags(r, "skipped-row", 1, 1429, "长期绩效目标表的行"), 150);
    assert_int_equal(jx_test_imp_count_diags(r, "skipped-row", 455, 536, "长期绩效目标表的行"), 72);
    assert_int_equal(jx_test_imp_count_code(r, "long-term-only"), 25);
    assert_int_equal(jx_test_imp_count_diags(r, "long-term-only", 455, 536, NULL), 13);
    assert_int_equal(jx_test_imp_count_diags(r, "long-term-only", 747, 748, NULL), 2);
    /* "实行全天 24小时值班" (687) is the year's "实行全天24小时值班"; "拉动社会需求, 产生…"
       (1077) the year's "拉动社会需求，产生…": no warning */
    assert_int_equal(jx_test_imp_count_diags(r, "long-term-only", 681, 689, NULL), 0);
    assert_int_equal(jx_test_imp_count_diags(r, "long-term-only", 1067, 1081, NULL), 0);
    /* rows continuing the row before them after a page break, by hand:
       457 482 518 (整体 long-term), 551 611 (整体 year), 699, 892, 1009 */
    assert_int_equal(jx_test_imp_count_diags(r, "skipped-row", 1, 1429, "续行：第"), 8);
    jx_test_imp_free(r);
}

/*
 * A project with only a long-term table imports it. The rows are seed 004 lines 454–457,
 * 480–482, 488, 492 and 511, copied verbatim: a page break inside a name, a LaTeX value,
 * and a sign split from its number.
 */
static void test_long_term_only(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_wh_declare, "import/wh/long_term_only.txt");
    assert_int_equal(r->nprojects, 1);
    const jx_test_imp_project *p = &r->projects[0];
    assert_string_equal(p->field[JX_IMP_NAME], "长期目标测试项目");
    assert_string_equal(p->funds[0].initial, "40");
    assert_int_equal(p->ninds, 5);
    /* 10/12: "群众投诉" + "的转办时限", and 产出指标 from the second half */
    check_ind(jx_test_imp_ind_at(p, 10), "产出指标", "时效指标", "群众投诉的转办时限", "", "≤24 小时",
              HIST("", "", "经验标准"),
              "长期目标（项目没有年度绩效目标表）");
    check_ind(jx_test_imp_ind_at(p, 13), "产出指标", "数量指标", "主、分会场联调", "", "≥12",
              HIST("", "", "行业标准"),
              "长期目标（项目没有年度绩效目标表）");
    /* the LaTeX value is copied as written: the value reader reads it */
    check_ind(jx_test_imp_ind_at(p, 16), "产出指标", "数量指标", "根据需求开通 CPU 资源", "", "$\\geq 1900$ 核",
              HIST("", "", "设计方案"),
              "长期目标（项目没有年度绩效目标表）");
    /* "$\geq$ | 365 天" and "≥ | 90%": the sign in sign, the number in target */
    check_ind(jx_test_imp_ind_at(p, 17), "产出指标", "数量指标", "常态化监控周期", "$\\geq$", "365 天",
              HIST("", "", ""),
              "长期目标（项目没有年度绩效目标表）");
    check_ind(jx_test_imp_ind_at(p, 18), "产出指标", "质量指标", "安全保障有效率", "≥", "90%", HIST("", "", ""), "长期目标（项目没有年度绩效目标表）");
    assert_int_equal(jx_test_imp_count_code(r, "long-term-only"), 0);
    /* title, 长期绩效目标表, header, the two continuation lines 12 and 15 */
    assert_int_equal(r->stats.skipped, 5);
    assert_int_equal(r->stats.not_understood, 0);
    jx_test_imp_free(r);
}

/* A row cut short (a name, no values) is reported, not dropped; the rows around it read on. */
static void test_truncated_row(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_wh_declare, "import/wh/truncated.txt");
    assert_int_equal(r->nprojects, 1);
    const jx_test_imp_project *p = &r->projects[0];
    assert_int_equal(p->ninds, 2);
    check_ind(jx_test_imp_ind_at(p, 11), "产出指标", "数量指标", "周报", "", "≥45", HIST("≥48", "≥48", "经验标准"), "");
    check_ind(jx_test_imp_ind_at(p, 13), "产出指标", "数量指标", "月报", "", "12", HIST("12", "12", "经验标准"), "");
    assert_null(jx_test_imp_ind_named(p, "汇总工作周报"));
    assert_int_equal(r->stats.not_understood, 1);
    assert_int_equal(jx_test_imp_count_diags(r, "row-not-understood", 12, 12, NULL), 1);
    assert_int_equal(r->stats.skipped, 4); /* title, 年度绩效目标表, two header rows */
    jx_test_imp_free(r);
}

/* A 申报表 whose year's table has a header and no rows; a file that is only a header row. */
static void test_header_only(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_wh_declare, "import/wh/header_only.txt");
    assert_int_equal(r->nprojects, 1);
    assert_string_equal(r->projects[0].field[JX_IMP_NAME], "只有表头的项目");
    assert_string_equal(r->projects[0].field[JX_IMP_ORG], "测试科");
    assert_int_equal(r->nindicators, 0);
    assert_int_equal(jx_test_imp_count_code(r, "no-indicators"), 0); /* the emitter's to say */
    assert_int_equal(r->stats.skipped, 4);
    assert_int_equal(r->stats.not_understood, 0);
    jx_test_imp_free(r);

    r = jx_test_imp_run_file(&jx_imp_wh_declare, "import/wh/header_row_only.txt");
    assert_int_equal(r->nprojects, 0);
    assert_int_equal(r->stats.skipped, 1);
    assert_int_equal(r->stats.not_understood, 0);
    jx_test_imp_free(r);
}

/* detect: seed 004 is this format's, seed 003 (the zz-target tables) is not. */
static void test_detect(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_wh_declare, SEED_004);
    int own = jx_imp_wh_declare.detect(r->text, strlen(r->text));
    jx_test_imp_free(r);
    r = jx_test_imp_run_file(&jx_imp_wh_declare, "import/seeds/003_e426a0e6973cc52b.txt");
    int other = jx_imp_wh_declare.detect(r->text, strlen(r->text));
    jx_test_imp_free(r);
    assert_true(own >= 90);
    assert_true(other < 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_004_indicator_counts),
        cmocka_unit_test(test_seed_004_project_head),
        cmocka_unit_test(test_seed_004_year_table),
        cmocka_unit_test(test_seed_004_whole_year_table),
        cmocka_unit_test(test_seed_004_long_term_rows),
        cmocka_unit_test(test_long_term_only),
        cmocka_unit_test(test_truncated_row),
        cmocka_unit_test(test_header_only),
        cmocka_unit_test(test_detect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
