/* SPDX-License-Identifier: MIT */
/* test_import_csv.c — the csv table format, and the public import API end to end. */
#include "counting.h"
#include "imp_collect.h"
#include "write_text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/*
 * tests/golden/import-csv/table.csv holds the two 项目支出绩效自评表 of seed 001
 * (越城区大数据发展管理中心, 2024) typed into one sheet the way Excel saves it, merged
 * cells left blank. Counted by hand from the seed:
 *   越城区电子政务云资源服务项目: 接入系统数量, 运行保障期限, 执行率, 工作效率,
 *     政务云稳定性, 服务对象满意率 — 6 indicators; its 一级/二级 rows with points,
 *     including the empty categories 质量指标, 成本指标, 社会效益, 生态效益 at 0.
 *   越城区网络安全运营中心项目: 漏洞扫描, 安全培训服务, 驻场人员, 执行率,
 *     政务外网重大安全事故发生率, 网络安全隐患处理速度, 服务对象满意度 — 7 indicators.
 * 29 lines: the title, the header, 19 rows of the first project (6 indicators, 12
 * points rows, the 总分 row) and 8 of the second (7 indicators, the 总分 row).
 */
static void test_the_seed_table(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_csv, "golden/import-csv/table.csv");
    assert_int_equal(r->nprojects, 2);
    assert_int_equal(r->nindicators, 6 + 7);
    assert_int_equal(r->stats.rows, 29);
    assert_int_equal(r->stats.skipped, 2); /* the title and the header */
    assert_int_equal(r->stats.not_understood, 0);
    const jx_test_imp_project *a = jx_test_imp_project_named(r, "越城区电子政务云资源服务项目");
    assert_non_null(a);
    assert_int_equal(a->ninds, 6);
    assert_int_equal(a->npoints, 12); /* 产出 数量 质量 时效 成本 效益 经济 社会 生态 可持续 满意度 服务对象满意度 */
    assert_string_equal(a->field[JX_IMP_DEPT], "301-大数据管理");
    assert_string_equal(a->field[JX_IMP_MONEY_UNIT], "万元"); /* from the header "年初预算数（万元）" */
    assert_string_equal(a->field[JX_IMP_CLAIMED_TOTAL], "100.00");
    assert_string_equal(a->field[JX_IMP_CLAIMED_GRADE], "优");
    assert_int_equal(a->nfunds, 1);
    assert_string_equal(a->funds[0].initial, "366");
    assert_string_equal(a->funds[0].budget, "358.35");
    assert_string_equal(a->funds[0].spent, "358.35");
    /* merged cells carried down: 执行率 sits under 产出指标 / 时效指标 */
    const jx_imp_indicator *rate = jx_test_imp_ind_named(a, "执行率");
    assert_string_equal(rate->level1, "产出指标");
    assert_string_equal(rate->level2, "时效指标");
    assert_string_equal(rate->target, "≥95%");
    assert_string_equal(rate->actual, "100%");
    assert_int_equal(rate->row, 9);
    const jx_test_imp_project *b = jx_test_imp_project_named(r, "越城区网络安全运营中心项目");
    assert_non_null(b);
    assert_int_equal(b->ninds, 7);
    const jx_imp_indicator *scan = jx_test_imp_ind_named(b, "漏洞扫描");
    assert_string_equal(scan->target, "＝4次");
    assert_string_equal(scan->weight, "20");
    assert_string_equal(scan->score, "20.00");
    const jx_imp_indicator *rate2 = jx_test_imp_ind_named(b, "执行率");
    assert_string_equal(rate2->level1, "产出指标"); /* carried over a row that named only 二级 */
    assert_string_equal(rate2->actual, "96.68%");
    assert_string_equal(rate2->reason, "因越城区体制机制调整，2.5万元划转至滨海新区自行支付");
    assert_string_equal(b->funds[0].spent, "74.93");
    jx_test_imp_free(r);
}

/*
 * The inputs of the other import golden cases, counted by hand line by line.
 *   import-verbose/plan.tsv (tab-separated, 8 lines): 1 title and 2 header (skipped),
 *     3 链路覆盖点位, 4 成本指标 with no indicator (skipped), 5 系统可用率, 6 a row one
 *     cell short (not understood), 7 服务保障, 8 合计 (skipped).
 *   import-truncated-row/short.csv (4 lines): the header, 驻场人员, a row cut after
 *     巡检次数 (not understood), 响应时间.
 */
static void test_the_other_golden_inputs(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_file(&jx_imp_csv, "golden/import-verbose/plan.tsv");
    assert_int_equal(r->nprojects, 1);
    assert_int_equal(r->nindicators, 3);
    assert_int_equal(r->stats.rows, 8);
    assert_int_equal(r->stats.skipped, 4);
    assert_int_equal(r->stats.not_understood, 1);
    assert_int_equal(jx_test_imp_find_code(r, "row-not-understood")->line, 6);
    assert_string_equal(jx_test_imp_ind_named(&r->projects[0], "系统可用率")->level1, "产出指标");
    jx_test_imp_free(r);

    r = jx_test_imp_run_file(&jx_imp_csv, "golden/import-truncated-row/short.csv");
    assert_int_equal(r->nindicators, 2);
    assert_int_equal(r->stats.rows, 4);
    assert_int_equal(r->stats.skipped, 1);
    assert_int_equal(r->stats.not_understood, 1);
    assert_int_equal(jx_test_imp_find_code(r, "row-not-understood")->line, 3);
    jx_test_imp_free(r);
}

/** Parses DSL text with the library's reader; returns projects, adds up indicators and errors. */
static size_t parse_dsl(const char *text, size_t *inds, size_t *errors, int64_t *first_claimed)
{
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open_memory(&rd, "out.jx", text, strlen(text), NULL), JX_OK);
    size_t projects = 0;
    *inds = *errors = 0;
    jx_project *p;
    jx_result rc;
    while ((rc = jx_reader_next(rd, &p)) != JX_DONE) {
        assert_int_equal(rc, JX_ROW);
        if (projects++ == 0 && first_claimed)
            *first_claimed = jx_project_claimed_total_cents(p);
        *inds += jx_project_indicator_count(p);
        *errors += jx_project_error_count(p);
    }
    jx_reader_close(rd);
    return projects;
}

static void test_public_api_round_trip(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/golden/import-csv/table.csv", getenv("JX_TESTS_DIR"));
    jx_import *imp = NULL;
    assert_int_equal(jx_import_open(&imp, path, NULL, NULL), JX_OK);
    assert_string_equal(jx_import_format(imp), "csv");
    assert_string_equal(jx_import_encoding(imp), "utf-8");
    assert_int_equal(jx_import_row_count(imp), 29);
    jx_test_text out = {NULL, 0};
    assert_int_equal(jx_import_run(imp, jx_test_text_write, &out), JX_OK);
    assert_int_equal(jx_import_project_count(imp), 2);
    assert_int_equal(jx_import_indicator_count(imp), 13);
    assert_int_equal(jx_import_skipped_count(imp), 2);
    assert_int_equal(jx_import_not_understood_count(imp), 0);
    assert_int_equal(jx_import_error_count(imp), 0);
    /* each skipped row is a note with its row */
    size_t notes = 0;
    for (size_t i = 0; i < jx_import_diag_count(imp); i++) {
        const jx_diag *d = jx_import_diag(imp, i);
        if (strcmp(d->code, "skipped-row") == 0) {
            assert_int_equal(d->severity, JX_SEV_NOTE);
            assert_true(d->line == 1 || d->line == 2);
            notes++;
        }
    }
    assert_int_equal(notes, 2);
    assert_null(jx_import_diag(imp, jx_import_diag_count(imp)));
    /* a second run is a misuse */
    assert_int_equal(jx_import_run(imp, jx_test_text_write, &out), JX_ERR_USAGE);
    jx_import_close(imp);

    size_t inds, errors;
    int64_t claimed = 0;
    assert_int_equal(parse_dsl(out.s, &inds, &errors, &claimed), 2);
    assert_int_equal(inds, 13);
    assert_int_equal(errors, 0);
    assert_int_equal(claimed, 10000);
    free(out.s);
    jx_import_close(NULL);
}

static void test_bom_quotes_and_line_breaks_in_cells(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_text(&jx_imp_csv, "q.csv",
                                          "\xEF\xBB\xBF项目,三级指标,指标值,权重,偏差原因\n"
                                          "甲,\"接入,系统\",≥60个,30,\"说\"\"明\"\n"
                                          "甲,运行保障期限,=1年,20,\"两行\n的原因\"\n"
                                          "甲,执行率,≥95%,10,\n");
    assert_int_equal(r->nprojects, 1);
    assert_int_equal(r->nindicators, 3);
    const jx_test_imp_project *p = &r->projects[0];
    assert_string_equal(p->inds[0].name, "接入,系统");
    assert_string_equal(p->inds[0].reason, "说\"明");
    assert_string_equal(p->inds[1].reason, "两行\n的原因");
    assert_int_equal(p->inds[2].row, 5); /* the quoted line break takes a line */
    assert_int_equal(r->stats.rows, 5);
    assert_int_equal(r->stats.skipped, 1);
    jx_test_imp_free(r);
}

/*
 * Header names and cells lose the blanks of the one blank set (text.h), no longer only
 * space, tab and U+3000: the header "一级" NBSP "指标" and "三级" EM SPACE "指标" name the
 * 一级指标 and 三级指标 columns (there was no header at all: no-header), the cell "周报",
 * space, U+3000, space is the name 周报, EM SPACE "≥45份" NBSP the target ≥45份, and a 项目
 * cell holding only an NBSP is blank, so its row is 甲's like the row above.
 */
static void test_cells_trimmed_of_every_blank(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_text(&jx_imp_csv, "b.csv",
                                          "项目,一级\xC2\xA0指标,三级\xE2\x80\x83指标,指标值,权重\n"
                                          "甲,产出指标,周报 \xE3\x80\x80 ,\xE2\x80\x83≥45份\xC2\xA0,50\n"
                                          "\xC2\xA0,,月报,≥12份,50\n");
    assert_int_equal(r->nprojects, 1);
    assert_int_equal(r->nindicators, 2);
    assert_int_equal(r->stats.skipped, 1); /* the header */
    const jx_test_imp_project *p = &r->projects[0];
    assert_string_equal(p->field[JX_IMP_NAME], "甲");
    assert_string_equal(p->inds[0].name, "周报");
    assert_string_equal(p->inds[0].target, "≥45份");
    assert_string_equal(p->inds[1].name, "月报");
    assert_null(jx_test_imp_find_code(r, "no-header"));
    jx_test_imp_free(r);
}

static void test_rows_of_a_project_need_not_be_adjacent(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_text(&jx_imp_csv, "g.csv",
                                          "项目,一级指标,二级指标,三级指标,指标值,权重\n"
                                          "甲,产出指标,数量指标,甲一,=1个,10\n"
                                          "乙,产出指标,数量指标,乙一,=1个,10\n"
                                          "甲,产出指标,质量指标,甲二,=1个,10\n"
                                          ",,,甲三,=1个,10\n" /* blank 项目, 一级, 二级: the row above's */
                                          "乙,效益指标,,乙二,=1个,10\n");
    assert_int_equal(r->nprojects, 2);
    const jx_test_imp_project *a = &r->projects[0], *b = &r->projects[1];
    assert_string_equal(a->field[JX_IMP_NAME], "甲");
    assert_int_equal(a->ninds, 3);
    assert_string_equal(a->inds[1].name, "甲二");
    assert_string_equal(a->inds[2].name, "甲三");
    assert_string_equal(a->inds[2].level2, "质量指标");
    assert_int_equal(a->inds[2].row, 5);
    assert_string_equal(b->field[JX_IMP_NAME], "乙");
    assert_int_equal(b->ninds, 2);
    /* a new 一级 with a blank 二级 does not inherit the old 二级 */
    assert_string_equal(b->inds[1].level1, "效益指标");
    assert_string_equal(b->inds[1].level2, "");
    jx_test_imp_free(r);
}

static void test_truncated_and_overlong_rows_are_reported(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_text(&jx_imp_csv, "t.csv",
                                          "项目,三级指标,指标值,权重\n"
                                          "甲,完整,≥1个,50\n"
                                          "甲,截断\n"
                                          "甲,多格,≥1个,50,1,000\n"
                                          ",,,\n");
    assert_int_equal(r->nindicators, 1);
    assert_int_equal(r->stats.not_understood, 2);
    assert_int_equal(r->stats.skipped, 2); /* the header and the empty row */
    const jx_diag *d = jx_test_imp_find_code(r, "row-not-understood");
    assert_non_null(d);
    assert_int_equal(d->line, 3);
    assert_int_equal(d->severity, JX_SEV_WARNING);
    assert_non_null(strstr(d->message, "只有 2 格，表头有 4 列"));
    jx_test_imp_free(r);
}

static void test_tab_separated_with_a_title_row(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_text(&jx_imp_csv, "t.txt",
                                          "2021年项目绩效目标表\n"
                                          "\n"
                                          "项目名称\t一级 指标\t事级指标\t三级指标\t计算符号\t指标值\t计量单位\n"
                                          "乙\t产出指标\t数量指标\t周报\t≥\t45\t份\n");
    assert_int_equal(r->nindicators, 1);
    const jx_imp_indicator *i = &r->projects[0].inds[0];
    assert_string_equal(i->level1, "产出指标");
    assert_string_equal(i->level2, "数量指标"); /* the seeds' 事级指标 misprint */
    assert_string_equal(i->sign, "≥");
    assert_string_equal(i->target, "45");
    assert_string_equal(i->unit, "份");
    assert_int_equal(i->row, 4);
    assert_int_equal(r->stats.skipped, 2); /* the title and the header */
    jx_test_imp_free(r);
}

static void test_unknown_columns_go_to_the_comment(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_text(&jx_imp_csv, "u.csv",
                                          "项目,三级指标,指标值,牵头处室,备注\n"
                                          "甲,周报,≥45份,综合处,每周五报送\n");
    const jx_diag *d = jx_test_imp_find_code(r, "unknown-column");
    assert_non_null(d);
    assert_int_equal(d->line, 1);
    assert_non_null(strstr(d->message, "牵头处室"));
    assert_string_equal(r->projects[0].inds[0].note, "牵头处室：综合处；备注：每周五报送");
    jx_test_imp_free(r);
}

static void test_points_empty_categories_and_totals(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_text(&jx_imp_csv, "p.csv",
                                          "项目,一级指标,二级指标,三级指标,指标值,权重,得分\n"
                                          "甲,产出指标,,,,60,\n"
                                          ",,成本指标,,,,\n"     /* an empty category without points */
                                          ",,数量指标,接入,≥1个,60,60\n"
                                          ",合计,,,,60,60\n"
                                          ",,,,≥5个,,\n");       /* a value without a name */
    const jx_test_imp_project *p = &r->projects[0];
    assert_int_equal(p->npoints, 1);
    assert_string_equal(p->points[0].level1, "产出指标");
    assert_string_equal(p->points[0].level2, "");
    assert_string_equal(p->points[0].points, "60");
    assert_int_equal(p->ninds, 1);
    assert_int_equal(r->stats.skipped, 3); /* header, 成本指标, 合计 */
    assert_int_equal(r->stats.not_understood, 1);
    assert_int_equal(jx_test_imp_find_code(r, "row-not-understood")->line, 6);
    jx_test_imp_free(r);
}

static void test_tables_without_a_usable_header(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_text(&jx_imp_csv, "n.csv", "甲,乙,丙\n1,2,3\n");
    const jx_diag *d = jx_test_imp_find_code(r, "no-header");
    assert_non_null(d);
    assert_int_equal(d->severity, JX_SEV_ERROR);
    assert_int_equal(d->line, 0); /* about the whole file, which it still names */
    assert_string_equal(d->file, "n.csv");
    assert_int_equal(r->nprojects, 0);
    jx_test_imp_free(r);
    r = jx_test_imp_run_text(&jx_imp_csv, "n.csv", "项目,三级指标,实际完成值\n甲,周报,45\n");
    d = jx_test_imp_find_code(r, "no-header");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "指标值"));
    jx_test_imp_free(r);
}

/*
 * An unclosed quote on row 3 (甲 is column 1, the comma 2, the quote 3) is an error at
 * row 3, column 3, and the rows after it are read again from row 4: 乙's 年报 and 季报
 * are imported, with 甲's 周报 — 3 indicators of 2 projects, 1 row not understood.
 */
static void test_unclosed_quote_swallows_no_row(void **state)
{
    (void)state;
    jx_test_imp *r = jx_test_imp_run_text(&jx_imp_csv, "q.csv",
                                          "项目,三级指标,指标值\n甲,周报,≥45\n甲,\"月报,12\n乙,年报,1\n乙,季报,4\n");
    assert_int_equal(r->nprojects, 2);
    assert_int_equal(r->nindicators, 3);
    assert_non_null(jx_test_imp_ind_named(jx_test_imp_project_get(r, "乙"), "年报"));
    assert_non_null(jx_test_imp_ind_named(jx_test_imp_project_get(r, "乙"), "季报"));
    assert_int_equal(r->stats.rows, 5);
    assert_int_equal(r->stats.not_understood, 1);
    const jx_diag *d = jx_test_imp_find_code(r, "unclosed-quote");
    assert_non_null(d);
    assert_int_equal(d->severity, JX_SEV_ERROR);
    assert_string_equal(d->file, "q.csv");
    assert_int_equal(d->line, 3);
    assert_int_equal(d->column, 3);
    assert_non_null(strstr(d->message, "第 3 行第 3 列的引号没有闭合"));
    jx_test_imp_free(r);
    /* a quote closed on a later line joins rows 3 and 4 into one record of 2 cells: not
     * understood, and the message names both lines it took */
    r = jx_test_imp_run_text(&jx_imp_csv, "j.csv",
                             "项目,三级指标,指标值\n甲,周报,≥45\n甲,\"月报,12\n乙,年报,1\"\n乙,季报,4\n");
    assert_int_equal(r->nindicators, 2); /* 周报 and 季报 */
    d = jx_test_imp_find_code(r, "row-not-understood");
    assert_non_null(d);
    assert_int_equal(d->line, 3);
    assert_non_null(strstr(d->message, "第 3 行到第 4 行"));
    jx_test_imp_free(r);
    /* the header itself unclosed: an error at it, nothing imported */
    r = jx_test_imp_run_text(&jx_imp_csv, "h.csv", "项目,三级指标,\"指标值\n甲,周报,≥45\n");
    d = jx_test_imp_find_code(r, "unclosed-quote");
    assert_non_null(d);
    assert_int_equal(d->line, 1);
    assert_int_equal(d->column, 9);
    assert_int_equal(r->nprojects, 0);
    jx_test_imp_free(r);
}

static void test_detection(void **state)
{
    (void)state;
    static const char csv[] = "项目,三级指标,指标值\n甲,周报,≥45\n";
    static const char tsv[] = "标题\n项目\t三级指标\t目标值\n";
    static const char tsv_flat[] = "标题\n三级指标\t目标值\n";
    static const char prose[] = "绍兴市大数据发展管理局\n\n2021 年部门预算\n";
    static const char no_target[] = "项目,三级指标,实际完成值\n";
    static const char no_target_tsv[] = "项目\t三级指标\t实际完成值\n";
    assert_int_equal(jx_imp_csv.detect(csv, strlen(csv)), 95);
    assert_int_equal(jx_imp_csv.detect(csv + strlen("项目,"), strlen(csv) - strlen("项目,")), 90); /* no 项目 column */
    /* a header naming the project (a flat table, a project a row) above the systems' own
     * forms, whose indicator headers never name it; without it under them */
    assert_int_equal(jx_imp_csv.detect(tsv, strlen(tsv)), 95);
    assert_int_equal(jx_imp_csv.detect(tsv_flat, strlen(tsv_flat)), 50);
    assert_int_equal(jx_imp_csv.detect(no_target, strlen(no_target)), 40);
    assert_int_equal(jx_imp_csv.detect(no_target_tsv, strlen(no_target_tsv)), 0);
    assert_int_equal(jx_imp_csv.detect(prose, strlen(prose)), 0);
}

static void test_weight_text_through_the_api(void **state)
{
    (void)state;
    /* golden/import-weight-text/weights.csv: the header, 驻场人员 with 权重 四十 on line 2, 响应时间 */
    char path[4096];
    snprintf(path, sizeof path, "%s/golden/import-weight-text/weights.csv", getenv("JX_TESTS_DIR"));
    jx_import *imp = NULL;
    jx_import_options o = {.format = "csv", .encoding = "utf-8", .weights = JX_IMPORT_WEIGHTS_NONE, .policy = NULL, .sheet = NULL};
    assert_int_equal(jx_import_open(&imp, path, &o, NULL), JX_OK);
    jx_test_text out = {NULL, 0};
    assert_int_equal(jx_import_run(imp, jx_test_text_write, &out), JX_ERR_INPUT);
    assert_int_equal(jx_import_error_count(imp), 1);
    const jx_diag *d = NULL;
    for (size_t i = 0; i < jx_import_diag_count(imp); i++)
        if (strcmp(jx_import_diag(imp, i)->code, "weight-not-number") == 0)
            d = jx_import_diag(imp, i);
    assert_non_null(d);
    assert_int_equal(d->line, 2);
    assert_string_equal(d->file, path);
    /* both indicators are still written, the first without its weight */
    assert_int_equal(jx_import_indicator_count(imp), 2);
    size_t inds, errors;
    assert_int_equal(parse_dsl(out.s, &inds, &errors, NULL), 1);
    assert_int_equal(inds, 2);
    assert_int_equal(errors, 0);
    jx_import_close(imp);
    free(out.s);
}

static void test_api_errors(void **state)
{
    (void)state;
    jx_import *imp = NULL;
    jx_import_options bad_format = {.format = "xls", .encoding = NULL, .weights = JX_IMPORT_WEIGHTS_NONE, .policy = NULL, .sheet = NULL};
    assert_int_equal(jx_import_open_memory(&imp, "a", "x", 1, &bad_format, NULL), JX_ERR_USAGE);
    assert_non_null(imp);
    assert_non_null(strstr(jx_import_diag(imp, 0)->message, "xls"));
    assert_int_equal(jx_import_run(imp, jx_test_text_write, NULL), JX_ERR_USAGE);
    jx_import_close(imp);

    jx_import_options bad_enc = {.format = NULL, .encoding = "latin-1", .weights = JX_IMPORT_WEIGHTS_NONE, .policy = NULL, .sheet = NULL};
    assert_int_equal(jx_import_open_memory(&imp, "a", "x", 1, &bad_enc, NULL), JX_ERR_USAGE);
    jx_import_close(imp);

    /* nothing recognises prose: the error lists the formats */
    static const char prose[] = "绍兴市大数据发展管理局\n2021 年部门预算\n";
    assert_int_equal(jx_import_open_memory(&imp, "p.txt", prose, strlen(prose), NULL, NULL), JX_ERR_INPUT);
    const jx_diag *d = jx_import_diag(imp, 0);
    assert_string_equal(d->code, "format");
    assert_non_null(strstr(d->message, "csv"));
    assert_non_null(strstr(d->message, "zj-target"));
    jx_import_close(imp);

    /* bytes that do not decode: the error names the line and the byte */
    static const char bad[] = "项目,三级指标,指标值\n甲,周\xFF报,≥45\n";
    assert_int_equal(jx_import_open_memory(&imp, "b.csv", bad, strlen(bad), NULL, NULL), JX_ERR_INPUT);
    d = jx_import_diag(imp, 0);
    assert_string_equal(d->code, "encoding");
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 4);
    jx_import_close(imp);

    /* golden/import-encoding-error/broken.csv: the header is 63 bytes; on line 2 the 0xFF
     * follows "驻场运维项目,产出指标,数量指标,驻场" (51 bytes, 19 characters) */
    char path[4096];
    snprintf(path, sizeof path, "%s/golden/import-encoding-error/broken.csv", getenv("JX_TESTS_DIR"));
    assert_int_equal(jx_import_open(&imp, path, NULL, NULL), JX_ERR_INPUT);
    d = jx_import_diag(imp, 0);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 20);
    assert_non_null(strstr(d->message, "字节偏移 114"));
    jx_import_close(imp);

    assert_int_equal(jx_import_open(&imp, "/nonexistent/dir/t.csv", NULL, NULL), JX_ERR_IO);
    assert_string_equal(jx_import_diag(imp, 0)->code, "io");
    jx_import_close(imp);

    /* the output failing is an I/O error */
    static const char ok[] = "项目,三级指标,指标值,权重\n甲,周报,≥45份,100\n";
    assert_int_equal(jx_import_open_memory(&imp, "o.csv", ok, strlen(ok), NULL, NULL), JX_OK);
    assert_int_equal(jx_import_run(imp, jx_test_write_nothing, NULL), JX_ERR_IO);
    jx_import_close(imp);
}

static void test_out_of_memory_anywhere(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/golden/import-csv/table.csv", getenv("JX_TESTS_DIR"));
    jx_test_text want = {NULL, 0};
    jx_import *ref = NULL;
    assert_int_equal(jx_import_open(&ref, path, NULL, NULL), JX_OK);
    assert_int_equal(jx_import_run(ref, jx_test_text_write, &want), JX_OK);
    jx_import_close(ref);
    /* fail each allocation of a whole import in turn: NOMEM and nothing leaked, or — where
     * the failure only costs speed (PCRE2's JIT) — the very same output */
    size_t k;
    for (k = 1; k < 5000; k++) {
        jx_test_counting c = {.fail_at = k};
        jx_allocator a = jx_test_counting_allocator(&c);
        jx_import *imp = NULL;
        jx_test_text out = {NULL, 0};
        jx_result rc = jx_import_open(&imp, path, NULL, &a);
        if (rc == JX_OK)
            rc = jx_import_run(imp, jx_test_text_write, &out);
        jx_import_close(imp);
        assert_int_equal(c.in_use, 0);
        if (rc == JX_OK)
            assert_string_equal(out.s, want.s);
        else if (rc != JX_ERR_NOMEM)
            fail_msg("allocation %zu failed, and the import returned %d", k, (int)rc);
        free(out.s);
        if (c.calls < k)
            break; /* no call failed: every allocation has had its turn */
    }
    free(want.s);
    assert_true(k > 10);
    assert_true(k < 5000);
}

static void test_format_names_match_the_table(void **state)
{
    (void)state;
    const char *const *names = jx_import_format_names();
    size_t i = 0;
    for (; jx_imp_formats[i]; i++) {
        assert_non_null(names[i]);
        assert_string_equal(names[i], jx_imp_formats[i]->name);
        assert_string_equal(jx_import_format_title(names[i]), jx_imp_formats[i]->title);
    }
    assert_null(names[i]);
    assert_null(jx_import_format_title("xls"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_seed_table),
        cmocka_unit_test(test_the_other_golden_inputs),
        cmocka_unit_test(test_public_api_round_trip),
        cmocka_unit_test(test_bom_quotes_and_line_breaks_in_cells),
        cmocka_unit_test(test_cells_trimmed_of_every_blank),
        cmocka_unit_test(test_rows_of_a_project_need_not_be_adjacent),
        cmocka_unit_test(test_truncated_and_overlong_rows_are_reported),
        cmocka_unit_test(test_tab_separated_with_a_title_row),
        cmocka_unit_test(test_unknown_columns_go_to_the_comment),
        cmocka_unit_test(test_points_empty_categories_and_totals),
        cmocka_unit_test(test_tables_without_a_usable_header),
        cmocka_unit_test(test_unclosed_quote_swallows_no_row),
        cmocka_unit_test(test_detection),
        cmocka_unit_test(test_weight_text_through_the_api),
        cmocka_unit_test(test_api_errors),
        cmocka_unit_test(test_out_of_memory_anywhere),
        cmocka_unit_test(test_format_names_match_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
