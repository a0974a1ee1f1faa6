/* SPDX-License-Identifier: MIT */
/* test_actuals.c — 实际完成值 from CSV: matching, errors, BOM and quoting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "counting.h"
#include "report_fixture.h"
#include "wide_sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Writes text to a fresh temporary file; its path goes into path (free with unlink). */
static void write_csv(char *path, const char *text)
{
    strcpy(path, "/tmp/jx_actuals_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
}

/* Opens the CSV text as actuals; the file is removed again at once. */
static jx_actuals *open_actuals(const char *text, jx_result want)
{
    char path[64];
    write_csv(path, text);
    jx_actuals *act = NULL;
    assert_int_equal(jx_actuals_open(&act, path, NULL), want);
    unlink(path);
    assert_non_null(act);
    return act;
}

/* A project with two indicators of the same name under different 二级 groups. */
static void twin_project(jx_project *p)
{
    p->src.file = "twin.jx";
    p->name = fx_str(p, "双胞胎项目");
    uint32_t out = fx_group(p, "产出指标", 1, 0, "60");
    uint32_t qty = fx_group(p, "数量指标", 2, out, "30");
    uint32_t qual = fx_group(p, "质量指标", 2, out, "30");
    jx_value none;
    memset(&none, 0, sizeof none);
    none.unit = none.text = jx_str_empty;
    fx_ind(p, qty, "覆盖率", fx_value(p, JX_SIGN_GE, "90", "", 1, "≥90%", 4, 10), none, "30", 4);
    fx_ind(p, qual, "覆盖率", fx_value(p, JX_SIGN_GE, "95", "", 1, "≥95%", 7, 10), none, "30", 7);
}

static const char *diag_message(const jx_actuals *act, size_t i)
{
    const jx_diag *d = jx_actuals_diag(act, i);
    assert_non_null(d);
    return d->message;
}

static void bom_crlf_any_column_order(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    /* BOM, CRLF, columns in another order, an unknown column (备注) that is ignored */
    jx_actuals *act = open_actuals("\xEF\xBB\xBF三级指标,实际完成值,项目,备注,评定,得分\r\n"
                                   "工作效率,基本提升,越城区电子政务云资源服务项目,忽略,部分达成,10.5\r\n",
                                   JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_OK);
    const jx_indicator *work = &p.inds[3];
    assert_string_equal(work->name.s, "工作效率");
    assert_true(work->actual_from_csv);
    assert_true(work->actual.is_text); /* 定性 target: the cell is a text */
    assert_string_equal(work->actual.text.s, "基本提升");
    assert_int_equal(work->judge, JX_JUDGE_PARTLY);
    assert_true(work->has_claim);
    assert_int_equal(jx_dec_cmp(work->claim, fx_dec("10.5")), 0);
    assert_string_equal(work->reason.s, ""); /* no 偏差原因 column */
    /* the other indicators keep their DSL actuals */
    assert_false(p.inds[0].actual_from_csv);
    assert_int_equal(jx_actuals_finish(act), JX_OK);
    jx_actuals_close(act);
    jx_project_free(&p);
}

/* The same table from memory (jx_actuals_open_memory) as from a file: 工作效率 基本提升 部分达成
 * 10.5 applied, named after the name given; a NULL table with a length is a usage error. */
static void from_memory(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    static const char csv[] = "项目,三级指标,实际完成值,评定,得分\n越城区电子政务云资源服务项目,工作效率,基本提升,部分达成,10.5\n";
    jx_actuals *act = NULL;
    assert_int_equal(jx_actuals_open_memory(&act, "内存.csv", csv, strlen(csv), NULL, NULL), JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_OK);
    assert_string_equal(p.inds[3].actual.text.s, "基本提升");
    assert_int_equal(p.inds[3].judge, JX_JUDGE_PARTLY);
    assert_int_equal(jx_dec_cmp(p.inds[3].claim, fx_dec("10.5")), 0);
    assert_int_equal(jx_actuals_finish(act), JX_OK);
    jx_actuals_close(act);
    /* a header without 实际完成值's kin is an error on the handle, named after file_name */
    static const char bad[] = "甲,乙\n1,2\n";
    assert_int_not_equal(jx_actuals_open_memory(&act, "坏.csv", bad, strlen(bad), NULL, NULL), JX_OK);
    assert_non_null(act);
    assert_non_null(strstr(jx_actuals_diag(act, 0)->file, "坏.csv"));
    jx_actuals_close(act);
    assert_int_equal(jx_actuals_open_memory(&act, "x.csv", NULL, 3, NULL, NULL), JX_ERR_USAGE);
    jx_project_free(&p);
}

static void quantitative_actual_and_quoted_comma(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    size_t warnings_before = p.diags.warnings;
    jx_actuals *act = open_actuals(
        "项目,一级指标,二级指标,三级指标,实际完成值,偏差原因,得分\n"
        "越城区电子政务云资源服务项目,产出指标,数量指标,接入系统数量,45,\"延期，下年接入, 见附件\",22.5\n"
        "越城区电子政务云资源服务项目,,,运行保障期限,很好,,\n",
        JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_OK);
    const jx_indicator *ind = &p.inds[0];
    assert_string_equal(ind->name.s, "接入系统数量");
    assert_true(ind->actual_from_csv);
    assert_true(ind->actual.present);
    assert_false(ind->actual.is_text);
    assert_int_equal(jx_dec_cmp(ind->actual.num, fx_dec("45")), 0);
    assert_string_equal(ind->actual.unit.s, "个"); /* inherited from the target ≥60个 */
    assert_string_equal(ind->actual.text.s, "45");
    assert_string_equal(ind->reason.s, "延期，下年接入, 见附件");
    assert_true(ind->has_claim);
    assert_int_equal(jx_dec_cmp(ind->claim, fx_dec("22.5")), 0);
    /* the DSL's vague-actual warning about ≥60个 no longer applies */
    assert_int_equal(p.diags.warnings, warnings_before - 1);
    /* words for a quantitative target: a text actual, scored 0 by the evaluator */
    const jx_indicator *term = &p.inds[1];
    assert_true(term->actual.is_text);
    assert_string_equal(term->actual.text.s, "很好");
    assert_int_equal(jx_actuals_finish(act), JX_OK);
    assert_int_equal(jx_actuals_diag_count(act), 0);
    jx_actuals_close(act);
    jx_project_free(&p);
}

/*
 * Cells are trimmed of the one blank set (text.h), and names compared loosely drop every
 * blank of it. Before, a cell lost only space, tab, CR, LF and U+3000 at its ends: the
 * project NBSP-ended matched nothing (an error suggesting the project), the EM SPACE
 * before and VT after 接入系统数量 stayed, FF 45 NBSP was no number, and U+3000 延期 EN
 * SPACE kept both. Now the row is the project's 接入系统数量 with the actual 45 and the
 * reason 延期. A project name broken by a line break ("越城区电子政务云" LF
 * "资源服务项目") used to be an unused row (a warning); its loose form now is the
 * project's, so it is the error that names the project it may mean.
 */
static void cells_and_names_of_every_blank(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_actuals *act = open_actuals("项目,三级指标,实际完成值,偏差原因\n"
                                   "越城区电子政务云资源服务项目\xC2\xA0,\xE2\x80\x83接入系统数量\v,\f45\xC2\xA0,"
                                   "\xE3\x80\x80延期\xE2\x80\x82\n",
                                   JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_OK);
    const jx_indicator *ind = &p.inds[0];
    assert_string_equal(ind->name.s, "接入系统数量");
    assert_true(ind->actual_from_csv);
    assert_int_equal(jx_dec_cmp(ind->actual.num, fx_dec("45")), 0);
    assert_string_equal(ind->reason.s, "延期");
    assert_int_equal(jx_actuals_finish(act), JX_OK);
    assert_int_equal(jx_actuals_diag_count(act), 0);
    jx_actuals_close(act);
    jx_project_free(&p);

    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    act = open_actuals("项目,三级指标,实际完成值\n\"越城区电子政务云\n资源服务项目\",接入系统数量,45\n", JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_OK);
    assert_int_equal(jx_actuals_finish(act), JX_ERR_INPUT);
    assert_int_equal(jx_actuals_diag_count(act), 1);
    assert_string_equal(jx_actuals_diag(act, 0)->code, "actuals");
    assert_non_null(strstr(diag_message(act, 0), "是否是“越城区电子政务云资源服务项目”？"));
    jx_actuals_close(act);
    jx_project_free(&p);
}

static void signed_actual_is_read_and_warned(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    size_t n0 = p.diags.n;
    jx_actuals *act = open_actuals("项目,三级指标,实际完成值\n越城区电子政务云资源服务项目,政务云稳定性,≥99.5%\n", JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_OK);
    const jx_indicator *ind = &p.inds[4];
    assert_string_equal(ind->name.s, "政务云稳定性");
    assert_false(ind->actual.is_text);
    assert_true(ind->actual.percent);
    assert_int_equal(jx_dec_cmp(ind->actual.num, fx_dec("99.5")), 0);
    assert_int_equal(p.diags.n, n0 + 1);
    assert_string_equal(p.diags.v[n0].code, "vague-actual");
    assert_non_null(strstr(p.diags.v[n0].message, "≥99.5%"));
    assert_non_null(strstr(p.diags.v[n0].message, "按 99.5% 计分"));
    jx_actuals_close(act);
    jx_project_free(&p);

    /* a number with a unit: the unit after a space, and the whole message; the fixture's
     * own vague-actual warning about the 实际 it replaces (≥60个 in the text) is dropped */
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    n0 = p.diags.n;
    act = open_actuals("项目,三级指标,实际完成值\n越城区电子政务云资源服务项目,接入系统数量,≥58个\n", JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_OK);
    assert_int_equal(p.diags.n, n0);
    const char *m = p.diags.v[n0 - 1].message;
    assert_non_null(strstr(m, "指标“接入系统数量”的实际完成值“≥58个”带有计算符号，按 58 个 计分（"));
    assert_non_null(strstr(m, " 第 2 行）"));
    jx_actuals_close(act);
    jx_project_free(&p);
}

/*
 * The project's amounts go to its 年度资金总额 row. A project without one (twin_project
 * has no 资金) gets it made; when no row gives its 年初预算 the 年初预算数 stays 0 with one
 * warning at the cell that made the row, here 全年预算 of row 2 (column 7: "双胞胎项目" is
 * 5 characters, then a comma). Given (as 年初预算数 too), it is taken and nothing is said;
 * a project that has the row already keeps it, and is not warned either.
 */
static void initial_budget_is_filled_or_warned(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    twin_project(&p);
    jx_actuals *act = open_actuals("项目,全年预算,全年执行\n双胞胎项目,100,80\n", JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_OK);
    assert_int_equal(p.nfunds, 1);
    assert_string_equal(p.funds[0].source.s, "年度资金总额");
    assert_int_equal(jx_dec_cmp(p.funds[0].initial, fx_dec("0")), 0);
    assert_int_equal(jx_dec_cmp(p.funds[0].budget, fx_dec("100")), 0);
    assert_int_equal(jx_dec_cmp(p.funds[0].spent, fx_dec("80")), 0);
    assert_int_equal(jx_actuals_diag_count(act), 1);
    const jx_diag *d = jx_actuals_diag(act, 0);
    assert_string_equal(d->code, "actuals");
    assert_int_equal(d->severity, JX_SEV_WARNING);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 7);
    assert_string_equal(d->message, "第 2 行（项目“双胞胎项目”）没有填写年初预算，新建的年度资金总额资金行没有年初预算；"
                                    "请在模板中填写年初预算");
    assert_int_equal(jx_actuals_finish(act), JX_OK);
    jx_actuals_close(act);
    jx_project_free(&p);

    /* 年初预算数 (the forms' word) on another row of the project than the amounts */
    jx_project_init(&p, NULL);
    twin_project(&p);
    act = open_actuals("项目,全年预算,年初预算数\n双胞胎项目,100,\n双胞胎项目,,120.50\n", JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_OK);
    assert_int_equal(p.nfunds, 1);
    assert_int_equal(jx_dec_cmp(p.funds[0].initial, fx_dec("120.5")), 0);
    assert_int_equal(jx_dec_cmp(p.funds[0].budget, fx_dec("100")), 0);
    assert_int_equal(jx_actuals_diag_count(act), 0);
    jx_actuals_close(act);
    jx_project_free(&p);

    /* the 越城区 project has a 年度资金总额 row (年初预算 0 in its 自评表): set, not made, no warning */
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    size_t nfunds = p.nfunds;
    act = open_actuals("项目,全年预算\n越城区电子政务云资源服务项目,360\n", JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_OK);
    assert_int_equal(p.nfunds, nfunds);
    assert_int_equal(jx_actuals_diag_count(act), 0);
    jx_actuals_close(act);
    jx_project_free(&p);
}

static void no_match_is_reported_at_finish(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_actuals *act = open_actuals("项目,三级指标,实际完成值\n"
                                   "越城区电子政务云资源服务项目,执行率,98%\n"
                                   "越城区电子政务云资源服务项目,不存在的指标,1\n"
                                   "别的项目,执行率,1\n"
                                   ",,\n",
                                   JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_OK);
    assert_int_equal(jx_actuals_finish(act), JX_ERR_INPUT);
    assert_int_equal(jx_actuals_diag_count(act), 2);
    assert_string_equal(diag_message(act, 0), "第 3 行（项目“越城区电子政务云资源服务项目”，指标“不存在的指标”）没有对应的指标");
    /* a project not scored in this run is a warning, not an error; the empty row is skipped */
    assert_string_equal(diag_message(act, 1), "实际完成值文件中有 1 行所属的项目不在本次计分的项目中，未使用：“别的项目”");
    assert_string_equal(jx_actuals_diag(act, 1)->code, "actuals-unused");
    assert_int_equal(jx_actuals_diag(act, 1)->severity, JX_SEV_WARNING);
    assert_int_equal(jx_actuals_diag(act, 1)->line, 4);
    const jx_diag *d = jx_actuals_diag(act, 0);
    assert_string_equal(d->code, "actuals");
    assert_int_equal(d->severity, JX_SEV_ERROR);
    assert_int_equal(d->line, 3);
    assert_int_equal(d->column, 16); /* after 越城区电子政务云资源服务项目 (14 characters) and a comma */
    assert_string_equal(d->source_line, "越城区电子政务云资源服务项目,不存在的指标,1");
    assert_null(jx_actuals_diag(act, 2));
    jx_actuals_close(act);
    jx_project_free(&p);
}

/*
 * A long name in the unused-rows warning is quoted as a diagnostic quotes text: cut
 * after JX_DIAG_QUOTE_COLS (40) display columns, a whole character at a time, with "…":
 * 300 × 项 (2 columns each) lists 20 of them. It used to be cut at a byte count, inside a
 * character.
 */
static void long_unused_name_is_cut_between_characters(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    char csv[2048] = "项目,三级指标,实际完成值\n";
    for (int i = 0; i < 300; i++)
        strcat(csv, "项");
    strcat(csv, ",执行率,1\n");
    jx_actuals *act = open_actuals(csv, JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_OK);
    assert_int_equal(jx_actuals_finish(act), JX_OK);
    assert_int_equal(jx_actuals_diag_count(act), 1);
    char want[512] = "实际完成值文件中有 1 行所属的项目不在本次计分的项目中，未使用：“";
    for (int i = 0; i < 20; i++)
        strcat(want, "项");
    strcat(want, "…”");
    assert_string_equal(diag_message(act, 0), want);
    jx_actuals_close(act);
    jx_project_free(&p);
}

static void ambiguous_match_names_the_row(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    twin_project(&p);
    jx_actuals *act = open_actuals("项目,二级指标,三级指标,实际完成值\n"
                                   "双胞胎项目,,覆盖率,92%\n"
                                   "双胞胎项目,质量指标,覆盖率,96%\n",
                                   JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_ERR_INPUT);
    assert_int_equal(jx_actuals_diag_count(act), 1);
    assert_non_null(strstr(diag_message(act, 0), "第 2 行（项目“双胞胎项目”，指标“覆盖率”）对应 2 个指标"));
    /* the row that names its 二级 group applies to that indicator only */
    assert_false(p.inds[0].actual.present);
    assert_true(p.inds[1].actual.present);
    assert_int_equal(jx_dec_cmp(p.inds[1].actual.num, fx_dec("96")), 0);
    /* the ambiguous row is not reported a second time as unmatched */
    assert_int_equal(jx_actuals_finish(act), JX_ERR_INPUT);
    assert_int_equal(jx_actuals_diag_count(act), 1);
    jx_actuals_close(act);
    jx_project_free(&p);
}

static void missing_column_is_named(void **state)
{
    (void)state;
    jx_actuals *act = open_actuals("项目,三级指标,偏差原因\nA,B,C\n", JX_ERR_INPUT);
    assert_int_equal(jx_actuals_diag_count(act), 1);
    assert_string_equal(diag_message(act, 0), "表头缺少“实际完成值”列");
    assert_int_equal(jx_actuals_diag(act, 0)->line, 1);
    jx_actuals_close(act);
}

static void bad_judge_and_claim(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_actuals *act = open_actuals("项目,三级指标,实际完成值,评定,得分\n"
                                   "越城区电子政务云资源服务项目,工作效率,提升,大概,\n"
                                   "越城区电子政务云资源服务项目,执行率,99%,,十分\n",
                                   JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_ERR_INPUT);
    assert_int_equal(jx_actuals_diag_count(act), 2);
    assert_non_null(strstr(diag_message(act, 0), "评定“大概”应为 达成、部分达成 或 未达成"));
    assert_non_null(strstr(diag_message(act, 1), "得分“十分”不是数字"));
    jx_actuals_close(act);
    jx_project_free(&p);
}

/* The numbers the score-actuals golden file pins, asserted on their own. */
static void golden_demo_scores(void **state)
{
    (void)state;
    const char *dir = getenv("JX_TESTS_DIR");
    char jx[4096], csv[4096];
    snprintf(jx, sizeof jx, "%s/golden/score-actuals/demo.jx", dir ? dir : ".");
    snprintf(csv, sizeof csv, "%s/golden/score-actuals/actuals.csv", dir ? dir : ".");
    jx_policy *pol = NULL;
    jx_reader *rd = NULL;
    jx_actuals *act = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_int_equal(jx_reader_open(&rd, jx, NULL), JX_OK);
    assert_int_equal(jx_actuals_open(&act, csv, NULL), JX_OK);
    jx_project *p = NULL;
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_int_equal(jx_actuals_apply(act, p), JX_OK);
    assert_int_equal(jx_score(p, pol), JX_OK);
    /* ≥60个 w30 A45: 30 × 45 / 60 = 22.50; =4次 w20 A3: 20 × 3 / 4 = 15.00;
     * ≥2次 w10 A2: met, 10.00; ≤24小时 w40 A30: 40 × (48 − 30) / 24 = 30.00 */
    static const int64_t want[] = {2250, 1500, 1000, 3000};
    assert_int_equal(jx_project_indicator_count(p), 4);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(jx_indicator_score_cents(jx_project_indicator(p, i)), want[i]);
    /* 22.50 + 15.00 + 10.00 + 30.00 = 77.50 → 中 (60 ≤ 77.50 < 80) */
    assert_int_equal(jx_project_total_cents(p), 7750);
    assert_int_equal(jx_project_grade(p), JX_GRADE_FAIR);
    assert_string_equal(p->inds[0].reason.s, "部分系统延期, 已列入下年计划");
    assert_int_equal(jx_reader_next(rd, &p), JX_DONE);
    assert_int_equal(jx_actuals_finish(act), JX_OK);
    jx_actuals_close(act);
    jx_reader_close(rd);
    jx_policy_close(pol);
}

/* Two 越城区 projects of one name in different 单位, made known before either is applied. */
static void same_name_told_apart_by_org(void **state)
{
    (void)state;
    jx_project a, b;
    jx_project_init(&a, NULL);
    jx_project_init(&b, NULL);
    fx_yuecheng(&a);
    fx_yuecheng(&b);
    b.org = fx_str(&b, "302001-数据资源中心");
    jx_actuals *act = open_actuals("项目,单位,三级指标,实际完成值\n"
                                   "越城区电子政务云资源服务项目,数据资源中心,接入系统数量,50\n"
                                   "越城区电子政务云资源服务项目,,执行率,98%\n"
                                   "越城区电子政务云资源服务项目,301001-绍兴市越城区大数据发展管理中心（本级）,接入系统数量,1,200\n",
                                   JX_OK);
    assert_int_equal(jx_actuals_know(act, &a), JX_OK);
    assert_int_equal(jx_actuals_know(act, &b), JX_OK);
    /* row 2 names b by its 单位 without the code; row 3 names neither: refused for both */
    assert_int_equal(jx_actuals_apply(act, &a), JX_ERR_INPUT);
    assert_int_equal(jx_actuals_apply(act, &b), JX_ERR_INPUT);
    assert_int_equal(jx_dec_cmp(b.inds[0].actual.num, fx_dec("50")), 0);
    assert_int_equal(jx_dec_cmp(a.inds[0].actual.num, fx_dec("1")), 0); /* "1" of "1,200" unquoted: two cells */
    assert_false(a.inds[5].actual_from_csv);
    assert_false(b.inds[5].actual_from_csv);
    assert_string_equal(diag_message(act, 0),
                        "第 3 行的项目“越城区电子政务云资源服务项目”有 2 个同名项目（单位 “301001-绍兴市越城区大数据发展管理中心（本级）”、"
                        "“302001-数据资源中心”），这一行没有说明是哪一个，未采用；请填写“单位”或“主管部门”列");
    assert_null(jx_actuals_diag(act, 1)); /* said once, not once per project */
    jx_actuals_close(act);
    jx_project_free(&a);
    jx_project_free(&b);
}

static void missing_file_is_io(void **state)
{
    (void)state;
    jx_actuals *act = NULL;
    assert_int_equal(jx_actuals_open(&act, "/nonexistent/actuals.csv", NULL), JX_ERR_IO);
    assert_non_null(act);
    assert_int_equal(jx_actuals_diag_count(act), 1);
    jx_actuals_close(act);
    jx_actuals_close(NULL);
}

/*
 * Two rows filling the same indicator: rows 2 and 4 both name 接入系统数量 of the project
 * (row 4 also by its groups, which the identity rules match to the same indicator). The
 * second is an error naming both rows, and the first row's 45 stands. Row 3 names it too
 * but fills nothing after 三级指标 (a template row left empty), so it is no duplicate.
 */
static void duplicate_row_names_both_rows(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_actuals *act = open_actuals("项目,一级指标,二级指标,三级指标,实际完成值\n"
                                   "越城区电子政务云资源服务项目,,,接入系统数量,45\n"
                                   "越城区电子政务云资源服务项目,,,接入系统数量,\n"
                                   "越城区电子政务云资源服务项目,产出指标,数量指标,接入系统数量,50\n",
                                   JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_ERR_INPUT);
    assert_int_equal(jx_actuals_diag_count(act), 1);
    const jx_diag *d = jx_actuals_diag(act, 0);
    assert_int_equal(d->severity, JX_SEV_ERROR);
    assert_int_equal(d->line, 4);
    assert_string_equal(d->message, "第 4 行（项目“越城区电子政务云资源服务项目”，指标“接入系统数量”）与第 2 行填写的是同一个指标，"
                                    "每个指标只能有一行");
    assert_string_equal(p.inds[0].name.s, "接入系统数量");
    assert_int_equal(jx_dec_cmp(p.inds[0].actual.num, fx_dec("45")), 0);
    jx_actuals_close(act);
    jx_project_free(&p);
}

/*
 * A header wider than any fixed limit: 项目 and 三级指标, then 70 columns the sheet does
 * not know, then 偏差原因 (column 73) and 实际完成值 (column 74). Both are read.
 */
static void wide_header_has_no_column_limit(void **state)
{
    (void)state;
    char text[4096];
    jx_test_wide_sheet(text, sizeof text, 70, "偏差原因,实际完成值", "越城区电子政务云资源服务项目,接入系统数量",
                       "两个系统推迟上云,45");
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_actuals *act = open_actuals(text, JX_OK);
    assert_int_equal(jx_actuals_apply(act, &p), JX_OK);
    assert_true(p.inds[0].actual_from_csv);
    assert_int_equal(jx_dec_cmp(p.inds[0].actual.num, fx_dec("45")), 0);
    assert_string_equal(p.inds[0].reason.s, "两个系统推迟上云");
    assert_int_equal(jx_actuals_finish(act), JX_OK);
    assert_int_equal(jx_actuals_diag_count(act), 0);
    jx_actuals_close(act);
    jx_project_free(&p);
}

/* A folder given as the actuals: an I/O error saying it is a folder. */
static void folder_is_named_a_folder(void **state)
{
    (void)state;
    char dir[] = "/tmp/jx_actuals_dir_XXXXXX";
    assert_non_null(mkdtemp(dir));
    jx_actuals *act = NULL;
    assert_int_equal(jx_actuals_open(&act, dir, NULL), JX_ERR_IO);
    assert_int_equal(jx_actuals_diag_count(act), 1);
    assert_non_null(strstr(diag_message(act, 0), "是一个文件夹"));
    jx_actuals_close(act);
    rmdir(dir);
}

/*
 * An unclosed quote stops the table at row 2: an error at row 2, column 3 (甲, the comma,
 * then the quote) that quotes row 2 itself, not the header.
 */
static void unclosed_quote_quotes_its_own_line(void **state)
{
    (void)state;
    jx_actuals *act = open_actuals("项目,三级指标,实际完成值\n甲,\"周报,45\n乙,年报,1\n", JX_ERR_INPUT);
    assert_int_equal(jx_actuals_diag_count(act), 1);
    const jx_diag *d = jx_actuals_diag(act, 0);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 3);
    assert_non_null(d->source_line);
    assert_string_equal(d->source_line, "甲,\"周报,45");
    jx_actuals_close(act);
}

/* Opens n rows of a five-column sheet of actuals under a counting allocator; the peak of
 * bytes in use, and the file's size in *size. */
static size_t actuals_peak(size_t n, size_t *size)
{
    char path[64];
    strcpy(path, "/tmp/jx_actuals_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("项目,单位,三级指标,实际完成值,偏差原因\n", f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "项目%06zu,001001-单位1,服务人次,\"1,010\",\n", i / 10);
    *size = (size_t)ftell(f);
    fclose(f);
    jx_test_counting c = {0};
    jx_allocator a = jx_test_counting_allocator(&c);
    jx_actuals *act = NULL;
    assert_int_equal(jx_actuals_open(&act, path, &a), JX_OK);
    unlink(path);
    jx_actuals_close(act);
    assert_int_equal(c.in_use, 0);
    return c.peak;
}

/*
 * A province's actuals are a million rows, so a row keeps the cells of the columns its
 * sheet's header names and no more. Worked by hand for a row of this five-column sheet,
 * beyond its text: the row record 48 bytes (its array doubles: at most 96 a row), five
 * cells of 24 bytes (120, which the arena rounds to 128), four cells' copies ("项目000001"
 * 12 bytes, "001001-单位1" 14, "服务人次" 12, "1,010" 5, each with its NUL rounded to 16:
 * 64; the empty 偏差原因 is not copied), the index up to four 4-byte buckets a row (16):
 * at most 304. So from 10,000 to 20,000 rows the peak grows, less twice what the file
 * grows (the text and the room it was read into), by under 320 bytes a row. With the 16
 * cells every row kept before (a 416-byte record, 832 with its array's room) it grew by
 * over 700.
 */
static void rows_keep_only_the_named_columns(void **state)
{
    (void)state;
    size_t size1, size2;
    size_t peak1 = actuals_peak(10000, &size1);
    size_t peak2 = actuals_peak(20000, &size2);
    assert_true(peak2 > peak1);
    size_t grown = peak2 - peak1, text = 2 * (size2 - size1);
    size_t per_row = grown > text ? (grown - text) / 10000 : 0;
    print_message("peak %zu -> %zu bytes, file %zu -> %zu: %zu bytes a row besides the text\n", peak1, peak2,
                  size1, size2, per_row);
    assert_true(per_row < 320);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(from_memory),
        cmocka_unit_test(bom_crlf_any_column_order),
        cmocka_unit_test(quantitative_actual_and_quoted_comma),
        cmocka_unit_test(cells_and_names_of_every_blank),
        cmocka_unit_test(signed_actual_is_read_and_warned),
        cmocka_unit_test(initial_budget_is_filled_or_warned),
        cmocka_unit_test(no_match_is_reported_at_finish),
        cmocka_unit_test(long_unused_name_is_cut_between_characters),
        cmocka_unit_test(ambiguous_match_names_the_row),
        cmocka_unit_test(missing_column_is_named),
        cmocka_unit_test(bad_judge_and_claim),
        cmocka_unit_test(same_name_told_apart_by_org),
        cmocka_unit_test(missing_file_is_io),
        cmocka_unit_test(duplicate_row_names_both_rows),
        cmocka_unit_test(wide_header_has_no_column_limit),
        cmocka_unit_test(folder_is_named_a_folder),
        cmocka_unit_test(unclosed_quote_quotes_its_own_line),
        cmocka_unit_test(golden_demo_scores),
        cmocka_unit_test(rows_keep_only_the_named_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
