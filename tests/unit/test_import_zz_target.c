/* SPDX-License-Identifier: MIT */
/* test_import_zz_target.c — the zz-target reader on seed 003 (项目绩效目标表, 整体绩效目标申报表)
 * and on small hand-made tables. Every expected number below was counted by reading the seed. */
#include "imp_collect.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define SEED_003 "import/seeds/003_e426a0e6973cc52b.txt"

/** Asserts every field of an indicator that the zz tables fill. */
static void check_ind(const jx_imp_indicator *ind, const char *l1, const char *l2, const char *name,
                      const char *sign, const char *target, const char *unit)
{
    assert_string_equal(ind->level1, l1);
    assert_string_equal(ind->level2, l2);
    assert_string_equal(ind->name, name);
    assert_string_equal(ind->sign, sign);
    assert_string_equal(ind->target, target);
    assert_string_equal(ind->unit, unit);
    assert_string_equal(ind->weight, "");
    assert_string_equal(ind->actual, "");
    assert_string_equal(ind->note, "");
}

/*
 * Seed 003 holds seven tables, counted by hand from the file (a row counts when it has
 * a 三级指标 name; rows holding only 一级/二级 words are empty categories, not indicators):
 *
 *   整体绩效目标申报表 (lines 474–507): 投入管理指标 19 (工作目标管理 475–477 = 3,
 *     预算和财务管理 478–482 + 484–490 = 5 + 7, 绩效管理 491–494 = 4), 产出指标 495–502 = 8,
 *     效益指标 503–505 = 3 (503/504 shifted right, 505 moved left), 满意度 506–507 = 2  → 32
 *   “一网通办”专网业务系统对接经费 (530–558): 投入管理 531/533/534 = 3, 财务管理 535–537 = 3,
 *     项目管理 538–542 = 5, 产出 544–546 = 3, 社会效益 549–550 = 2, 部门协助 555 = 1,
 *     信息共享 557 = 1                                                                     → 18
 *   大数据、电子政务工作管理经费 (581–606): 582/583/585 = 3, 586–588 = 3, 589–591 = 3,
 *     593–595 = 3, 598 = 1, 600 = 1, 601 = 1, 604 = 1                                     → 16
 *   基础地理信息数据年度更新维护经费 (629–656): 630–632 = 3, 633/634/636 = 3, 637–641 = 5,
 *     643–645 = 3, 648 = 1, 650 = 1, 651 = 1, 654 = 1                                     → 18
 *   全市政务数据治理经费 (679–708): 681–683 = 3, 684–686 = 3, 687–690 = 4, 692–695 = 4,
 *     698–700 = 3, 702 = 1 (满意度, shifted), 703 = 1, 706–707 = 2                         → 21
 *   全市政务信息安全经费 (732–760): 733–735 = 3, 737–739 = 3, 740–742 = 3, 744–748 = 5,
 *     751–752 = 2, 754 = 1 (满意度, shifted), 755 = 1, 757 = 1                             → 19
 *   市政务网络、云、机房及业务系统建设维护经费 (784–830): 785–787 = 3, 788–790 = 3,
 *     791–796 = 6, 798–809 = 12, 质量 810–813 + 815–816 = 6, 时效 817 = 1, 成本 818 = 1,
 *     820–822 = 3, 824 = 1, 825 = 1, 828 = 1                                              → 38
 *                                                                              total 162
 */
static void test_seed_003_indicator_counts(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zz_target, SEED_003);
    assert_int_equal(r->nprojects, 7);
    static const struct { const char *name; size_t inds; } want[] = {
        {"郑州市大数据管理局整体绩效目标", 32},
        {"“一网通办”专网业务系统对接经费（2021 年一次性经费）", 18},
        {"大数据、电子政务工作管理经费", 16},
        {"基础地理信息数据年度更新维护经费", 18},
        {"全市政务数据治理经费", 21},
        {"全市政务信息安全经费", 19},
        {"市政务网络、云、机房及业务系统建设维护经费", 38},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_string_equal(r->projects[i].field[JX_IMP_NAME], want[i].name);
        assert_int_equal(r->projects[i].ninds, want[i].inds);
    }
    assert_int_equal(r->nindicators, 162);
    assert_int_equal(r->stats.indicators, 162);
    assert_int_equal(r->stats.not_understood, 0);
    jx_test_imp_free(r);
}

/* The department-wide table: its own fields, 预算情况 as funds, 度量单位 in its own column. */
static void test_seed_003_whole_table(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zz_target, SEED_003);
    const jx_test_imp_project *p = jx_test_imp_project_get(r, "郑州市大数据管理局整体绩效目标");
    assert_int_equal(p->row, 456);
    assert_string_equal(p->field[JX_IMP_DEPT], "郑州市大数据管理局");
    assert_string_equal(p->field[JX_IMP_ORG], "郑州市大数据管理局");
    assert_string_equal(p->field[JX_IMP_YEAR], "2021");
    assert_string_equal(p->field[JX_IMP_MONEY_UNIT], "万元");
    assert_memory_equal(p->field[JX_IMP_GOAL], "全面推广应用城市大脑二期", strlen("全面推广应用城市大脑二期"));
    /* 部门预算总额（万元）, the total: the 年度资金总额 row (source ""); the two 资金来源 rows;
     * the 资金结构 rows 472–473 are not sources */
    assert_int_equal(p->nfunds, 3);
    assert_string_equal(p->funds[0].source, "");
    assert_string_equal(p->funds[0].initial, "9653.46");
    assert_string_equal(p->funds[1].source, "财政性资金");
    assert_string_equal(p->funds[1].initial, "9653.46");
    assert_string_equal(p->funds[2].source, "其他资金");
    assert_string_equal(p->funds[2].initial, "");
    check_ind(jx_test_imp_ind_at(p, 475), "投入管理指标", "工作目标管理", "年度履职目标相关性", "定性", "相关", "");
    check_ind(jx_test_imp_ind_at(p, 476), "投入管理指标", "工作目标管理", "工作任务科学性", "定性", "科学", "");
    check_ind(jx_test_imp_ind_at(p, 480), "投入管理指标", "预算和财务管理", "预算执行率", "", "≥95%", "%");
    /* after the page break, "投入管理 指标" is the same 一级指标 */
    check_ind(jx_test_imp_ind_at(p, 487), "投入管理指标", "预算和财务管理", "资金使用合规性", "定性", "合规", "");
    check_ind(jx_test_imp_ind_at(p, 495), "产出指标", "履职目标和主要任务完成情况", "“一网通办”便民利企高频事项", "", "≥300", "项");
    check_ind(jx_test_imp_ind_at(p, 497), "产出指标", "履职目标和主要任务完成情况", "全市各部门设备托管", "", "≥100", "个");
    /* 503: the row moved right by two columns; 504 likewise with merged categories */
    check_ind(jx_test_imp_ind_at(p, 503), "效益指标", "履职效益", "全市数字化建设水平", "定性", "提高", "");
    check_ind(jx_test_imp_ind_at(p, 504), "效益指标", "履职效益", "政务网络及应用系统运行稳定性", "定性", "提升", "");
    /* 505: name in the 一级 column, value in the 二级 column, unit in place */
    check_ind(jx_test_imp_ind_at(p, 505), "效益指标", "履职效益", "数据共享量（支撑应用系统）", "", "=20", "个");
    /* 506/507: 满意度 has no 二级指标; the names sit in the 二级 column */
    check_ind(jx_test_imp_ind_at(p, 506), "满意度", "", "数据使用单位对数据共享提供服务满意程度", "", "≥85%", "%");
    check_ind(jx_test_imp_ind_at(p, 507), "满意度", "", "市直各单位对本单位信息化建设方案技术审核结果满意", "", "≥85%", "%");
    jx_test_imp_free(r);
}

/* A project table: key/value head, merged cells carried down, <p> markup dropped. */
static void test_seed_003_project_tables(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zz_target, SEED_003);
    const jx_test_imp_project *p = jx_test_imp_project_get(r, "“一网通办”专网业务系统对接经费（2021 年一次性经费）");
    assert_int_equal(p->row, 509);
    assert_string_equal(p->field[JX_IMP_ORG], "113001 郑州市大数据管理局机关");
    assert_string_equal(p->field[JX_IMP_YEAR], "2021");
    assert_string_equal(p->field[JX_IMP_DEPT], "");
    assert_memory_equal(p->field[JX_IMP_GOAL], "完成 300 个“一件事”", strlen("完成 300 个“一件事”"));
    assert_int_equal(p->nfunds, 1);
    assert_int_equal(p->funds[0].row, 518);
    assert_string_equal(p->funds[0].initial, "4984200.00");
    assert_string_equal(p->funds[0].spent, "");
    /* in 元: the seed's line 123 gives the same project as 498.42 万元 */
    assert_string_equal(p->field[JX_IMP_MONEY_UNIT], "元");
    check_ind(jx_test_imp_ind_at(p, 531), "投入与目标管理", "投入管理", "预算执行率", "", "=100%", "");
    /* 533 follows a page break; both category cells are merged (empty) */
    check_ind(jx_test_imp_ind_at(p, 533), "投入与目标管理", "投入管理", "预算编制合理性", "", "合理", "");
    check_ind(jx_test_imp_ind_at(p, 536), "投入与目标管理", "财务管理", "资金使用规范性", "", "合规", "");
    check_ind(jx_test_imp_ind_at(p, 544), "产出目标", "数量", "一件事和高频事项上线数量", "", "≥300 项", "");
    check_ind(jx_test_imp_ind_at(p, 549), "效果目标", "社会效益", "政务服务能力", "", "≥50 万件", "");
    check_ind(jx_test_imp_ind_at(p, 557), "影响力目标", "信息共享", "相关部门系统打通和数据共享力度", "", "良好", "");

    /* 全市政务信息安全经费: rows 722–735 are wrapped in <p>…</p> */
    p = jx_test_imp_project_get(r, "全市政务信息安全经费");
    assert_null(strstr(p->field[JX_IMP_GOAL], "<p>"));
    assert_memory_equal(p->field[JX_IMP_GOAL], "一是对郑州市重点政务上云单位", strlen("一是对郑州市重点政务上云单位"));
    check_ind(jx_test_imp_ind_at(p, 733), "投入与目标管理", "投入管理", "预算执行率", "", "=100%", "");
    check_ind(jx_test_imp_ind_at(p, 734), "投入与目标管理", "投入管理", "预算编制合理性", "", "合理", "");
    check_ind(jx_test_imp_ind_at(p, 737), "投入与目标管理", "财务管理", "财务管理制度健全性", "", "健全", "");
    /* 754: "满意度 | name | value |" — the name in the 二级 column, the value in the name column */
    check_ind(jx_test_imp_ind_at(p, 754), "满意度", "", "各级政务部门对安全检查工作满意度", "", "满意", "");
    /* 749 "成本" stands in the 一级 column: an empty 二级 category under 产出目标, not a new 一级 */
    check_ind(jx_test_imp_ind_at(p, 751), "效果目标", "社会效益", "保障政务信息系统运行效率", "", "提高", "");
    jx_test_imp_free(r);
}

/* Seed lines 810–813: a 二级 word and names in the wrong columns, realigned with warnings. */
static void test_seed_003_shifted_rows(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zz_target, SEED_003);
    const jx_test_imp_project *p = jx_test_imp_project_get(r, "市政务网络、云、机房及业务系统建设维护经费");
    /* "| | 质量 | 通信网络运行": 质量 is the 二级指标, the indicator has no target */
    check_ind(jx_test_imp_ind_at(p, 810), "产出目标", "质量", "通信网络运行", "", "", "");
    check_ind(jx_test_imp_ind_at(p, 811), "产出目标", "质量", "信息资源中心运行", "", "稳定", "");
    check_ind(jx_test_imp_ind_at(p, 813), "产出目标", "质量", "网络连接需要", "", "满足", "");
    check_ind(jx_test_imp_ind_at(p, 815), "产出目标", "质量", "系统部署需求", "", "满足", "");
    check_ind(jx_test_imp_ind_at(p, 818), "产出目标", "成本", "市政务网络、云、机房及业务系统建设维护经费", "", "=122586100 万元", "");
    check_ind(jx_test_imp_ind_at(p, 824), "满意度", "", "政务部门对服务满意程度", "", "≥85%", "");
    /* rows read with their cells moved back, by hand: 503, 504, 505, 506, 507 (整体),
       702, 754, 810, 811, 812, 813, 824 */
    assert_int_equal(jx_test_imp_count_code(r, "shifted-row"), 12);
    assert_int_equal(jx_test_imp_count_diags(r, "shifted-row", 810, 813, NULL), 4);
    /* 593 and 643 name their indicator "1" */
    assert_int_equal(jx_test_imp_count_code(r, "suspect-name"), 2);
    assert_int_equal(jx_test_imp_count_diags(r, "suspect-name", 593, 593, NULL), 1);
    jx_test_imp_free(r);
}

/*
 * Empty categories are skipped rows, never indicators. Counted by hand per project:
 * 一网通办 543 547 548 551 552 553 554 556 558 = 9; 大数据 592 596 597 599 602 603 605 606 = 8;
 * 基础地理 642 646 647 649 652 653 655 656 = 8; 数据治理 691 696 697 701 704 705 708 = 7;
 * 信息安全 743 749 750 753 756 758 759 760 = 8; 政务网络 797 819 823 826 827 829 830 = 7 → 47.
 */
static void test_seed_003_empty_categories(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zz_target, SEED_003);
    assert_int_equal(jx_test_imp_count_diags(r, "skipped-row", 456, 830, "空类别"), 47);
    assert_int_equal(jx_test_imp_count_diags(r, "skipped-row", 543, 543, "空类别：二级指标“资产管理”"), 1);
    assert_int_equal(jx_test_imp_count_diags(r, "skipped-row", 552, 552, "空类别：一级指标“满意度”"), 1);
    assert_int_equal(jx_test_imp_count_diags(r, "skipped-row", 749, 749, "空类别：二级指标“成本”"), 1);
    static const char *const words[] = {"资产管理", "成本", "环境效益", "满意度", "经济效益", "其它"};
    for (size_t k = 0; k < r->nprojects; k++)
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
            assert_null(jx_test_imp_ind_named(&r->projects[k], words[i]));
    jx_test_imp_free(r);
}

/*
 * Every row from the first table on (456–830) is an indicator, a field or funds row, or
 * reported. Skipped rows counted by hand: 整体 = title 456, 年度主要任务 462–468 (7),
 * 资金结构 472–473 (2), header 474 → 11; each project = title, 项目负责人, 联系电话,
 * 开始时间, 上年度金额, 项目详细信息, 项目概况 … 备注 (6), 项目绩效目标, 项目总目标,
 * header → 15, plus its empty categories (9, 8, 8, 7, 8, 7) → 11 + 6 × 15 + 47 = 148.
 */
static void test_seed_003_rows_accounted_for(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zz_target, SEED_003);
    assert_int_equal(jx_test_imp_count_diags(r, "skipped-row", 456, 830, NULL), 148);
    assert_int_equal(jx_test_imp_count_diags(r, "row-not-understood", 1, 830, NULL), 0);
    assert_int_equal(jx_test_imp_count_diags(r, "skipped-row", 474, 474, "表头"), 1);
    /* the prose and budget tables before the first 绩效目标表 make no project */
    assert_int_equal(r->projects[0].row, 456);
    jx_test_imp_free(r);
}

/* A row cut short (three cells, no 目标值 cell) is reported, not dropped; the rest reads on. */
static void test_truncated_row(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zz_target, "import/zz/truncated.txt");
    assert_int_equal(r->nprojects, 1);
    const jx_test_imp_project *p = &r->projects[0];
    assert_string_equal(p->field[JX_IMP_NAME], "测试项目");
    assert_string_equal(p->field[JX_IMP_ORG], "113001 郑州市测试局机关");
    assert_string_equal(p->field[JX_IMP_GOAL], "完成测试"); /* <p> dropped */
    assert_int_equal(p->nfunds, 1);
    assert_string_equal(p->funds[0].initial, "60000.00"); /* 项目本年度金额, not 项目总金额 */
    /* line 10 is whole, line 11 has no 目标值 cell, line 12 has an empty one, line 13 is whole */
    assert_int_equal(p->ninds, 3);
    check_ind(jx_test_imp_ind_at(p, 10), "投入与目标管理", "投入管理", "预算执行率", "", "=100%", "");
    check_ind(jx_test_imp_ind_at(p, 12), "投入与目标管理", "投入管理", "预算资金到位情况", "", "", "");
    check_ind(jx_test_imp_ind_at(p, 13), "产出目标", "数量", "上线数量", "", "≥300 项", "");
    assert_int_equal(r->stats.not_understood, 1);
    assert_int_equal(jx_test_imp_count_diags(r, "row-not-understood", 11, 11, NULL), 1);
    const jx_diag *d = NULL;
    for (size_t i = 0; i < jx_imp_diag_count(r->im); i++)
        if (strcmp(jx_imp_diag(r->im, i)->code, "row-not-understood") == 0)
            d = jx_imp_diag(r->im, i);
    assert_non_null(d);
    assert_non_null(strstr(d->message, "预算编制合理性"));
    assert_int_equal(r->stats.skipped, 2); /* title, header */
    jx_test_imp_free(r);
}

/* A table with its head and indicator header but no rows; a file that is only a header row. */
static void test_header_only(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zz_target, "import/zz/header_only.txt");
    assert_int_equal(r->nprojects, 1);
    assert_string_equal(r->projects[0].field[JX_IMP_NAME], "只有表头的项目");
    assert_string_equal(r->projects[0].field[JX_IMP_YEAR], "2021");
    assert_int_equal(r->nindicators, 0);
    assert_int_equal(r->stats.skipped, 2); /* title, header */
    assert_int_equal(r->stats.not_understood, 0);
    jx_test_imp_free(r);

    r = jx_test_imp_run_file(&jx_imp_zz_target, "import/zz/header_row_only.txt");
    assert_int_equal(r->nprojects, 0);
    assert_int_equal(r->stats.skipped, 1);
    assert_int_equal(r->stats.not_understood, 0);
    jx_test_imp_free(r);

    r = jx_test_imp_run_text(&jx_imp_zz_target, "empty.txt", "");
    assert_int_equal(r->nprojects, 0);
    assert_int_equal(r->stats.skipped, 0);
    jx_test_imp_free(r);
}

/* detect: seed 003 is this format's, seed 004 (the wh-declare tables) is not. */
static void test_detect(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_zz_target, SEED_003);
    int own = jx_imp_zz_target.detect(r->text, strlen(r->text));
    jx_test_imp_free(r);
    r = jx_test_imp_run_file(&jx_imp_zz_target, "import/seeds/004_6deff1062909ad4a.txt");
    int other = jx_imp_zz_target.detect(r->text, strlen(r->text));
    jx_test_imp_free(r);
    assert_true(own >= 90);
    assert_true(other < 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_003_indicator_counts),
        cmocka_unit_test(test_seed_003_whole_table),
        cmocka_unit_test(test_seed_003_project_tables),
        cmocka_unit_test(test_seed_003_shifted_rows),
        cmocka_unit_test(test_seed_003_empty_categories),
        cmocka_unit_test(test_seed_003_rows_accounted_for),
        cmocka_unit_test(test_truncated_row),
        cmocka_unit_test(test_header_only),
        cmocka_unit_test(test_detect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
