/* SPDX-License-Identifier: MIT */
/* test_review.c — the 复核 sheet: hand-worked sheets, the rows refused and why, matching,
 * the header, BOM and quoting, 不适用 and a 单列 预算执行率, the writers. Every expected
 * number is worked out in the comment beside it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "counting.h"
#include "model.h"
#include "write_text.h"
#include "wide_sheet.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** A policy, the project read from a rule text, and a review handle. */
typedef struct fixture {
    jx_policy *pol; /* the scoring policy */
    jx_reader *rd;  /* reads the project */
    jx_project *p;  /* the project, scored */
    jx_review *rv;  /* the reviewer's CSV */
} fixture;

/*
 * 甲, under the default policy:
 *   接入系统数量 ≥60个 w30 A60      → 30.00
 *   巡检次数     =12次 w20 A12      → 20.00
 *   响应时间     ≤24小时 w10 A24    → 10.00
 *   工作效率     定性 提升 w30 提升  → 30.00 (the texts agree: 达成, 100%)
 *   满意率       ≥90% w10 A85%      → 10 × 85 / 90 = 9.444… → 9.44
 *   total 30 + 20 + 10 + 30 + 9.44 = 99.44 → 优
 */
static const char jia[] =
    "项目 \"甲\" {\n"
    "    产出指标 60 { 数量指标 60 {\n"
    "        接入系统数量 ≥60个 权重 30 实际 60个\n"
    "        巡检次数 =12次 权重 20 实际 12次\n"
    "        响应时间 ≤24小时 权重 10 实际 24小时\n"
    "    } }\n"
    "    效益指标 30 { 社会效益 30 { 工作效率 定性 \"提升\" 权重 30 实际 \"提升\" } }\n"
    "    满意度指标 10 { 满意度 10 { 满意率 ≥90% 权重 10 实际 85% 偏差 \"问卷偏少\" } }\n"
    "}\n";

/* The header of the CSVs written for 甲. */
#define HEADER "项目,三级指标,复核完成值,复核得分,扣分,备注\n"

/* Opens the policy called name (or the policy text given in it when it starts with 评分办法). */
static void open_policy(fixture *f, const char *name)
{
    memset(f, 0, sizeof *f);
    if (strncmp(name, "评分办法", strlen("评分办法")) == 0)
        assert_int_equal(jx_policy_open_memory(&f->pol, "policy.jx", name, strlen(name), NULL), JX_OK);
    else
        assert_int_equal(jx_policy_open(&f->pol, name, NULL), JX_OK);
}

/* Reads the first project of the rule text dsl and scores it. */
static void read_project(fixture *f, const char *dsl)
{
    assert_int_equal(jx_reader_open_memory(&f->rd, "jia.jx", dsl, strlen(dsl), NULL), JX_OK);
    assert_int_equal(jx_reader_next(f->rd, &f->p), JX_ROW);
    assert_int_equal(jx_project_error_count(f->p), 0);
    assert_int_equal(jx_score(f->p, f->pol), JX_OK);
}

/* Opens the CSV text as the review, expecting want. */
static void open_review(fixture *f, const char *csv, jx_result want)
{
    assert_int_equal(jx_review_open_memory(&f->rv, "review.csv", csv, strlen(csv), f->pol, NULL), want);
    assert_non_null(f->rv);
}

/* Policy, project dsl and review csv (which must open) in one go. */
static void setup(fixture *f, const char *policy, const char *dsl, const char *csv)
{
    open_policy(f, policy);
    read_project(f, dsl);
    open_review(f, csv, JX_OK);
}

/* Releases everything. */
static void teardown(fixture *f)
{
    jx_review_close(f->rv);
    jx_reader_close(f->rd);
    jx_policy_close(f->pol);
}

/* The line of the sheet for the indicator called name (the first). */
static const jx_review_line *line_named(const jx_review_sheet *s, const char *name)
{
    for (size_t i = 0; i < s->nlines; i++)
        if (strcmp(s->lines[i].name, name) == 0)
            return &s->lines[i];
    fail_msg("no line %s", name);
    return NULL;
}

/* Checks one line: 自评得分, 复核得分, 扣分 (-1 none), 偏差, basis and CSV row. */
static void check_line(const jx_review_sheet *s, const char *name, int64_t self, int64_t review, int64_t ded,
                       jx_review_basis basis, uint32_t row)
{
    const jx_review_line *l = line_named(s, name);
    assert_int_equal(l->self_cents, self);
    assert_int_equal(l->review_cents, review);
    assert_int_equal(l->deduction_cents, ded);
    assert_int_equal(l->diff_cents, review - self);
    assert_int_equal(l->basis, basis);
    assert_int_equal(l->row, row);
}

/* The path of a file under tests/. */
static void tests_path(char *buf, size_t size, const char *rel)
{
    const char *dir = getenv("JX_TESTS_DIR");
    snprintf(buf, size, "%s/%s", dir ? dir : ".", rel);
}

/* ------------------------------------------------------------------ the demo */

/* The numbers the review-text, review-json and review-csv golden files pin, on their own
 * (worked out in tests/golden/review-text/demo.jx). */
static void demo_sheets(void **state)
{
    (void)state;
    char jx[4096], csv[4096];
    tests_path(jx, sizeof jx, "golden/review-text/demo.jx");
    tests_path(csv, sizeof csv, "golden/review-text/review.csv");
    fixture f;
    open_policy(&f, "default");
    assert_int_equal(jx_reader_open(&f.rd, jx, NULL), JX_OK);
    assert_int_equal(jx_review_open(&f.rv, csv, f.pol, NULL), JX_OK);

    assert_int_equal(jx_reader_next(f.rd, &f.p), JX_ROW);
    assert_int_equal(jx_score(f.p, f.pol), JX_OK);
    size_t ndiags = jx_project_diag_count(f.p);
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
    const jx_review_sheet *s = jx_review_sheet_get(f.rv);
    assert_non_null(s);
    assert_string_equal(s->project, "复核示例项目");
    assert_string_equal(s->org, "示例单位");
    assert_int_equal(s->year, 2024);
    assert_int_equal(s->nlines, 9);
    assert_int_equal(s->reviewed, 7);
    /* 20 × 45 / 60 = 15.00 */
    check_line(s, "接入系统数量", 2000, 1500, -1, JX_REVIEW_VALUE, 2);
    /* 10 − 2.5 = 7.50 */
    check_line(s, "巡检次数", 1000, 750, 250, JX_REVIEW_DEDUCTION, 3);
    /* 复核得分 8 = 10 − 扣分 2 */
    check_line(s, "培训人次", 1000, 800, 200, JX_REVIEW_SCORE, 4);
    /* 10 × (2 × 24 − 30) / 24 = 7.50, − 1 = 6.50 */
    check_line(s, "响应时间", 1000, 650, 100, JX_REVIEW_DEDUCTION, 5);
    check_line(s, "执行率", 1000, 1000, -1, JX_REVIEW_UNREVIEWED, 0);
    /* 15 × 70% = 10.50 */
    check_line(s, "工作效率", 1500, 1050, -1, JX_REVIEW_VALUE, 6);
    check_line(s, "覆盖率", 500, 500, -1, JX_REVIEW_UNREVIEWED, 0);
    /* the text restates the target: 达成, 10 × 100% */
    check_line(s, "平台运行", 1000, 1000, -1, JX_REVIEW_VALUE, 7);
    check_line(s, "满意率", 1000, 1000, -1, JX_REVIEW_KEPT, 8);
    const jx_review_line *l = line_named(s, "接入系统数量");
    assert_string_equal(l->nature, "正向");
    assert_string_equal(l->target, "≥60");
    assert_string_equal(l->target_text, "≥60个");
    assert_string_equal(l->unit, "个");
    assert_int_equal(l->weight_cents, 2000);
    assert_string_equal(l->self_actual, "60个");
    assert_string_equal(l->review_actual, "45");
    assert_true(l->value_given);
    assert_string_equal(l->note, "实际接入 45 个, 见验收单第 3 页");
    assert_string_equal(line_named(s, "培训人次")->note, "签到表缺 \"下午场\"");
    assert_string_equal(line_named(s, "巡检次数")->nature, "等于");
    assert_string_equal(line_named(s, "响应时间")->nature, "反向");
    assert_string_equal(line_named(s, "响应时间")->unit, "小时");
    assert_string_equal(line_named(s, "执行率")->unit, "%");
    assert_string_equal(line_named(s, "执行率")->review_actual, "96%");
    assert_false(line_named(s, "执行率")->value_given);
    assert_string_equal(line_named(s, "工作效率")->nature, "定性");
    assert_string_equal(line_named(s, "工作效率")->target, "提升");
    assert_string_equal(line_named(s, "工作效率")->unit, "");
    assert_int_equal(line_named(s, "覆盖率")->claimed_cents, 500);
    /* 20 + 10 + 10 + 10 + 10 + 15 + 5 + 10 + 10 = 100.00 → 优 */
    assert_int_equal(s->self_total_cents, 10000);
    assert_int_equal(s->self_grade, JX_GRADE_EXCELLENT);
    assert_int_equal(s->claimed_total_cents, 10000);
    assert_int_equal(s->claimed_grade, JX_GRADE_EXCELLENT);
    /* 15 + 7.5 + 8 + 6.5 + 10 + 10.5 + 5 + 10 + 10 = 82.50 → 良 */
    assert_int_equal(s->review_total_cents, 8250);
    assert_int_equal(s->review_grade, JX_GRADE_GOOD);
    assert_int_equal(s->diff_cents, -1750);
    assert_int_equal(s->weight_cents, 10000);
    assert_int_equal(s->execution_cents, -1);
    /* the project is left as it came: its own actuals, scores and warnings */
    assert_int_equal(jx_project_total_cents(f.p), 10000);
    assert_int_equal(jx_project_diag_count(f.p), ndiags);
    assert_string_equal(f.p->inds[0].actual.text.s, "60个");
    assert_int_equal(jx_indicator_score_cents(jx_project_indicator(f.p, 0)), 2000);
    assert_int_equal(f.p->inds[5].judge, JX_JUDGE_NONE);

    /* 未复核项目: ≥10次 A8 → 50 × 8 / 10 = 40.00 (claimed 50), ≥90% A92% → 50.00; 90.00 → 优 */
    assert_int_equal(jx_reader_next(f.rd, &f.p), JX_ROW);
    assert_int_equal(jx_score(f.p, f.pol), JX_OK);
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
    s = jx_review_sheet_get(f.rv);
    assert_int_equal(s->reviewed, 0);
    check_line(s, "巡查次数", 4000, 4000, -1, JX_REVIEW_UNREVIEWED, 0);
    check_line(s, "满意率", 5000, 5000, -1, JX_REVIEW_UNREVIEWED, 0);
    assert_int_equal(line_named(s, "巡查次数")->claimed_cents, 5000);
    assert_int_equal(s->self_total_cents, 9000);
    assert_int_equal(s->review_total_cents, 9000);
    assert_int_equal(s->review_grade, JX_GRADE_EXCELLENT);
    assert_int_equal(s->claimed_total_cents, 10000);
    assert_int_equal(s->diff_cents, 0);
    assert_int_equal(jx_reader_next(f.rd, &f.p), JX_DONE);
    assert_int_equal(jx_review_finish(f.rv), JX_OK);
    assert_int_equal(jx_review_diag_count(f.rv), 0);
    teardown(&f);
}

/* The demo written as JSON and read back: valid, and the numbers of demo_sheets. */
static void demo_json(void **state)
{
    (void)state;
    char jx[4096], csv[4096];
    tests_path(jx, sizeof jx, "golden/review-text/demo.jx");
    tests_path(csv, sizeof csv, "golden/review-text/review.csv");
    fixture f;
    open_policy(&f, "default");
    assert_int_equal(jx_reader_open(&f.rd, jx, NULL), JX_OK);
    assert_int_equal(jx_review_open(&f.rv, csv, f.pol, NULL), JX_OK);
    jx_test_text out = {NULL, 0};
    jx_review_writer *rw = NULL;
    assert_int_equal(jx_review_writer_create(&rw, JX_FORMAT_JSON, jx_test_text_write, &out, NULL), JX_OK);
    while (jx_reader_next(f.rd, &f.p) == JX_ROW) {
        assert_int_equal(jx_score(f.p, f.pol), JX_OK);
        assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
        assert_int_equal(jx_review_writer_sheet(rw, jx_review_sheet_get(f.rv)), JX_OK);
    }
    assert_int_equal(jx_review_writer_finish(rw), JX_OK);
    jx_review_writer_destroy(rw);
    cJSON *doc = cJSON_Parse(out.s);
    assert_non_null(doc);
    const cJSON *sheets = cJSON_GetObjectItemCaseSensitive(doc, "sheets");
    assert_int_equal(cJSON_GetArraySize(sheets), 2);
    const cJSON *s0 = cJSON_GetArrayItem(sheets, 0);
    const cJSON *inds = cJSON_GetObjectItemCaseSensitive(s0, "indicators");
    assert_int_equal(cJSON_GetArraySize(inds), 9);
    const cJSON *first = cJSON_GetArrayItem(inds, 0);
    assert_float_equal(cJSON_GetObjectItemCaseSensitive(first, "review_score")->valuedouble, 15.0, 1e-9);
    assert_float_equal(cJSON_GetObjectItemCaseSensitive(first, "difference")->valuedouble, -5.0, 1e-9);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(first, "basis")->valuestring, "value");
    assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(first, "deduction")));
    const cJSON *review = cJSON_GetObjectItemCaseSensitive(s0, "review");
    assert_float_equal(cJSON_GetObjectItemCaseSensitive(review, "total")->valuedouble, 82.5, 1e-9);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(review, "grade")->valuestring, "良");
    assert_float_equal(cJSON_GetObjectItemCaseSensitive(s0, "difference")->valuedouble, -17.5, 1e-9);
    /* exact decimals as written: "82.50", "-17.50" */
    assert_non_null(strstr(out.s, "\"review\":{\"total\":82.50,\"grade\":\"良\"},\"difference\":-17.50}"));
    cJSON_Delete(doc);
    free(out.s);
    teardown(&f);
}

/* ------------------------------------------------------------ refusals */

/** A row that is refused: the CSV after the header, the error's line, column and message. */
typedef struct refusal {
    const char *rows;    /* the data rows */
    uint32_t line;       /* the line the error names */
    uint32_t column;     /* the column it points at */
    const char *message; /* the whole message */
} refusal;

static const refusal refusals[] = {
    /* a deduction with an empty 备注: at the 扣分 cell (甲1 ,2 巡检次数3–6 ,7 ,8 ,9 → 10) */
    {"甲,巡检次数,,,2,\n", 2, 10, "第 2 行（项目“甲”，指标“巡检次数”）扣分 2.00，备注中没有说明理由，不予采用"},
    /* a 复核得分 below 自评得分 20.00 with an empty 备注 */
    {"甲,巡检次数,,15,,\n", 2, 9, "第 2 行（项目“甲”，指标“巡检次数”）复核得分 15.00 低于自评得分 20.00，备注中没有说明理由，不予采用"},
    /* a 复核完成值 scoring 30 × 45 / 60 = 22.50 < 30.00, empty 备注: at the value */
    {"甲,接入系统数量,45,,,\n", 2, 10,
     "第 2 行（项目“甲”，指标“接入系统数量”）复核得分 22.50 低于自评得分 30.00，备注中没有说明理由，不予采用"},
    /* 复核得分 and 扣分 disagree: 20 − 3 = 17 */
    {"甲,巡检次数,,18,3,缺记录\n", 2, 9, "第 2 行（项目“甲”，指标“巡检次数”）的复核得分 18.00 与自评得分 20.00 减扣分 3.00 得 17.00 不符"},
    /* 复核得分 and 复核完成值 disagree: 30 × 45 / 60 = 22.50 */
    {"甲,接入系统数量,45,30,,理由\n", 2, 13,
     "第 2 行（项目“甲”，指标“接入系统数量”）的复核得分 30.00 与按复核完成值“45”计算的得分 22.50 不符；"
     "另行扣分请填写扣分，并在备注中说明理由"},
    /* 扣分 above 自评得分 */
    {"甲,响应时间,,,12,理由\n", 2, 10, "第 2 行（项目“甲”，指标“响应时间”）的扣分 12.00 超过自评得分 10.00"},
    /* 扣分 above the value's score 10 × (48 − 36) / 24 = 5.00 */
    {"甲,响应时间,36,,6,理由\n", 2, 12, "第 2 行（项目“甲”，指标“响应时间”）的扣分 6.00 超过按复核完成值计算的得分 5.00"},
    {"甲,满意率,,10.5,,\n", 2, 8, "第 2 行（项目“甲”，指标“满意率”）的复核得分 10.50 超过权重 10.00"},
    {"甲,满意率,,-1,,理由\n", 2, 8, "第 2 行（项目“甲”，指标“满意率”）的复核得分“-1”不能是负数"},
    {"甲,满意率,,十分,,\n", 2, 8, "第 2 行（项目“甲”，指标“满意率”）的复核得分“十分”不是数字"},
    {"甲,满意率,,,x,\n", 2, 9, "第 2 行（项目“甲”，指标“满意率”）的扣分“x”不是数字"},
    {"甲,满意率,,,99999999999999999,理由\n", 2, 9, "第 2 行（项目“甲”，指标“满意率”）的扣分“99999999999999999”超出范围"},
    {"甲,工作效率,基本提升,,,理由\n", 2, 8,
     "第 2 行（项目“甲”，指标“工作效率”）的复核完成值“基本提升”与指标值“提升”不同，不能据以计分："
     "定性指标请写 达成、部分达成 或 未达成，或填写复核得分、扣分"},
    {"甲,接入系统数量,未提供,,,理由\n", 2, 10,
     "第 2 行（项目“甲”，指标“接入系统数量”）的复核完成值“未提供”不是数值，不能据以计分，请填写复核得分或扣分"},
    /* two rows for one indicator: the second is refused, at its 三级指标 */
    {"甲,巡检次数,,,1,缺记录\n甲,巡检次数,,,2,缺记录\n", 3, 3,
     "第 3 行（项目“甲”，指标“巡检次数”）与第 2 行复核的是同一个指标，每个指标只能有一行"},
};

/* Each refused row: JX_ERR_INPUT, no sheet, one error naming the row; the project unchanged. */
static void rows_refused(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        const refusal *r = &refusals[i];
        char csv[1024];
        snprintf(csv, sizeof csv, HEADER "%s", r->rows);
        fixture f;
        setup(&f, "default", jia, csv);
        assert_int_equal(jx_review_apply(f.rv, f.p), JX_ERR_INPUT);
        assert_null(jx_review_sheet_get(f.rv));
        assert_int_equal(jx_review_error_count(f.rv), 1);
        const jx_diag *d = jx_review_diag(f.rv, 0);
        assert_int_equal(d->severity, JX_SEV_ERROR);
        assert_string_equal(d->code, "review");
        assert_string_equal(d->file, "review.csv");
        assert_string_equal(d->message, r->message);
        assert_int_equal(d->line, r->line);
        assert_int_equal(d->column, r->column);
        /* 30 + 20 + 10 + 30 + 9.44 */
        assert_int_equal(jx_project_total_cents(f.p), 9944);
        /* no row is left unmatched */
        assert_int_equal(jx_review_finish(f.rv), JX_ERR_INPUT);
        assert_int_equal(jx_review_error_count(f.rv), 1);
        teardown(&f);
    }
}

/* ------------------------------------------------------------ accepted */

/** A row that is taken: the indicator's 复核得分, 扣分 and basis that follow. */
typedef struct taken {
    const char *row;           /* the data row */
    const char *name;          /* the indicator */
    int64_t review;            /* 复核得分 in hundredths */
    int64_t deduction;         /* 扣分, -1 none */
    jx_review_basis basis;     /* where it came from */
    const char *review_actual; /* 复核完成值 on the sheet */
} taken;

static const taken takens[] = {
    /* words for a number, with a 复核得分: the score stands, the words are shown */
    {"甲,接入系统数量,未提供佐证,0,,无佐证材料", "接入系统数量", 0, -1, JX_REVIEW_SCORE, "未提供佐证"},
    /* a 复核得分 above 自评得分 9.44 needs no reason */
    {"甲,满意率,,10,,", "满意率", 1000, -1, JX_REVIEW_SCORE, "85%"},
    /* 92% ≥ 90%: met, 10.00 */
    {"甲,满意率,92%,,,", "满意率", 1000, -1, JX_REVIEW_VALUE, "92%"},
    /* 80%: 10 × 80 / 90 = 8.888… → 8.89 */
    {"甲,满意率,80%,,,样本有误", "满意率", 889, -1, JX_REVIEW_VALUE, "80%"},
    /* 扣分 0 with no reason: no deduction */
    {"甲,巡检次数,,,0,", "巡检次数", 2000, 0, JX_REVIEW_DEDUCTION, "12次"},
    /* 未达成: 30 × 30% = 9.00 */
    {"甲,工作效率,未达成,,,效果较差", "工作效率", 900, -1, JX_REVIEW_VALUE, "未达成"},
    {"甲,工作效率,met,,,", "工作效率", 3000, -1, JX_REVIEW_VALUE, "met"},
    /* the target restated: 达成 */
    {"甲,工作效率,提升,,,", "工作效率", 3000, -1, JX_REVIEW_VALUE, "提升"},
    /* 2天 = 48小时 ≥ 2 × 24: 0.00 */
    {"甲,响应时间,2天,,,超时严重", "响应时间", 0, -1, JX_REVIEW_VALUE, "2天"},
    /* 10 × (48 − 30) / 24 = 7.50, − 1 = 6.50 */
    {"甲,响应时间,30,,1,一次超时未登记", "响应时间", 650, 100, JX_REVIEW_DEDUCTION, "30"},
    /* 30 × 45 / 60 = 22.50; 扣分 1.995 → 2.00 (half up); 22.50 − 2.00 = 20.50 */
    {"甲,接入系统数量,45,20.5,1.995,两个系统未验收", "接入系统数量", 2050, 200, JX_REVIEW_SCORE, "45"},
    /* only a 备注 */
    {"甲,巡检次数,,,,记录齐全", "巡检次数", 2000, -1, JX_REVIEW_KEPT, "12次"},
};

/* Each accepted row: the line and the totals move by its 偏差 from 99.44. */
static void rows_taken(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof takens / sizeof takens[0]; i++) {
        const taken *t = &takens[i];
        char csv[1024];
        snprintf(csv, sizeof csv, HEADER "%s\n", t->row);
        fixture f;
        setup(&f, "default", jia, csv);
        assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
        assert_int_equal(jx_review_diag_count(f.rv), 0);
        const jx_review_sheet *s = jx_review_sheet_get(f.rv);
        assert_non_null(s);
        const jx_review_line *l = line_named(s, t->name);
        assert_int_equal(l->review_cents, t->review);
        assert_int_equal(l->deduction_cents, t->deduction);
        assert_int_equal(l->basis, t->basis);
        assert_int_equal(l->row, 2);
        assert_string_equal(l->review_actual, t->review_actual);
        assert_int_equal(s->reviewed, 1);
        assert_int_equal(s->self_total_cents, 9944);
        assert_int_equal(s->review_total_cents, 9944 + l->diff_cents);
        assert_int_equal(s->diff_cents, l->diff_cents);
        assert_int_equal(jx_review_finish(f.rv), JX_OK);
        teardown(&f);
    }
}

/* A signed 复核完成值 is read as its number and warned. */
static void signed_value_is_warned(void **state)
{
    (void)state;
    fixture f;
    setup(&f, "default", jia, HEADER "甲,满意率,≥95%,,,\n");
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
    assert_int_equal(jx_review_diag_count(f.rv), 1);
    const jx_diag *d = jx_review_diag(f.rv, 0);
    assert_int_equal(d->severity, JX_SEV_WARNING);
    assert_string_equal(d->message, "第 2 行（项目“甲”，指标“满意率”）的复核完成值“≥95%”带有计算符号，按 95%计分");
    assert_int_equal(d->column, 7); /* 甲1 ,2 满意率3–5 ,6 → 7 */
    /* 95% ≥ 90%: 10.00 */
    assert_int_equal(line_named(jx_review_sheet_get(f.rv), "满意率")->review_cents, 1000);
    assert_int_equal(jx_review_error_count(f.rv), 0);
    teardown(&f);
}

/* A project the evaluator will not score again (an error found after scoring) gets no
 * sheet when a 复核完成值 needs scoring, and is left as it was. */
static void project_that_cannot_be_rescored(void **state)
{
    (void)state;
    fixture f;
    setup(&f, "default", jia, HEADER "甲,接入系统数量,45,,,见验收单\n");
    jx_pos at = f.p->inds[0].pos;
    jx_project_diag_add(f.p, JX_SEV_ERROR, "test", at, "评分后发现的错误");
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_ERR_INPUT);
    assert_null(jx_review_sheet_get(f.rv));
    assert_int_equal(jx_review_error_count(f.rv), 1);
    assert_string_equal(jx_review_diag(f.rv, 0)->message, "项目“甲”无法按复核完成值重新计分");
    assert_string_equal(f.p->inds[0].actual.text.s, "60个");
    assert_int_equal(jx_project_total_cents(f.p), 9944);
    teardown(&f);
}

/* -------------------------------------------------------------- matching */

/* Two indicators called 覆盖率 in different 二级 groups. */
static const char twins[] =
    "项目 \"双\" {\n"
    "    产出指标 60 {\n"
    "        数量指标 30 { 覆盖率 ≥90% 权重 30 实际 90% }\n"
    "        质量指标 30 { 覆盖率 ≥95% 权重 30 实际 95% }\n"
    "    }\n"
    "    效益指标 40 { 社会效益 40 { 满意率 ≥90% 权重 40 实际 90% } }\n"
    "}\n";

/* A row naming two indicators is refused; naming its 二级 group picks one. */
static void ambiguous_and_told_apart(void **state)
{
    (void)state;
    fixture f;
    setup(&f, "default", twins, "项目,二级指标,三级指标,扣分,备注\n双,,覆盖率,1,理由\n");
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_ERR_INPUT);
    assert_null(jx_review_sheet_get(f.rv));
    assert_int_equal(jx_review_diag_count(f.rv), 1);
    assert_string_equal(jx_review_diag(f.rv, 0)->message,
                        "第 2 行（项目“双”，指标“覆盖率”）对应 2 个指标，请填写一级指标、二级指标加以区分");
    /* reported once: not again as unmatched */
    assert_int_equal(jx_review_finish(f.rv), JX_ERR_INPUT);
    assert_int_equal(jx_review_diag_count(f.rv), 1);
    teardown(&f);

    setup(&f, "default", twins, "项目,二级指标,三级指标,扣分,备注\n双,质量指标,覆盖率,3,抽检不合格\n");
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
    const jx_review_sheet *s = jx_review_sheet_get(f.rv);
    /* the first 覆盖率 keeps 30.00; the second 30 − 3 = 27.00; total 100 − 3 = 97.00 */
    assert_int_equal(s->lines[0].review_cents, 3000);
    assert_int_equal(s->lines[0].basis, JX_REVIEW_UNREVIEWED);
    assert_int_equal(s->lines[1].review_cents, 2700);
    assert_string_equal(s->lines[1].level2, "质量指标");
    assert_int_equal(s->review_total_cents, 9700);
    assert_int_equal(jx_review_finish(f.rv), JX_OK);
    teardown(&f);
}

/* Rows naming no indicator of a project read are errors at the end, with positions; rows
 * naming a project never read are one warning. */
static void unmatched_rows_at_finish(void **state)
{
    (void)state;
    fixture f;
    setup(&f, "default", jia, HEADER "甲,不存在的指标,,,1,理由\n丙,满意率,,,1,理由\n甲,巡检次数,,,,记录齐全\n");
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
    assert_int_equal(jx_review_diag_count(f.rv), 0);
    assert_int_equal(jx_review_finish(f.rv), JX_ERR_INPUT);
    assert_int_equal(jx_review_diag_count(f.rv), 2);
    const jx_diag *d = jx_review_diag(f.rv, 0);
    assert_string_equal(d->message, "第 2 行（项目“甲”，指标“不存在的指标”）没有对应的指标");
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 3);
    assert_string_equal(d->source_line, "甲,不存在的指标,,,1,理由");
    assert_string_equal(jx_review_diag(f.rv, 1)->message, "复核表中有 1 行所属的项目不在本次计分的项目中，未使用：“丙”");
    assert_string_equal(jx_review_diag(f.rv, 1)->code, "review-unused");
    assert_int_equal(jx_review_diag(f.rv, 1)->severity, JX_SEV_WARNING);
    assert_null(jx_review_diag(f.rv, 2));
    teardown(&f);
}

/* A project without rows gets the sheet of its self-evaluation. */
static void project_without_rows(void **state)
{
    (void)state;
    fixture f;
    setup(&f, "default", jia, HEADER "乙,满意率,,,1,理由\n");
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
    const jx_review_sheet *s = jx_review_sheet_get(f.rv);
    assert_int_equal(s->reviewed, 0);
    assert_int_equal(s->nlines, 5);
    for (size_t i = 0; i < s->nlines; i++) {
        assert_int_equal(s->lines[i].basis, JX_REVIEW_UNREVIEWED);
        assert_int_equal(s->lines[i].review_cents, s->lines[i].self_cents);
        assert_string_equal(s->lines[i].review_actual, s->lines[i].self_actual);
    }
    assert_int_equal(s->review_total_cents, 9944);
    assert_int_equal(s->review_grade, JX_GRADE_EXCELLENT);
    teardown(&f);
}

/* ---------------------------------------------------------------- the file */

/* BOM, CRLF, columns in any order, a quoted 备注 with a comma and doubled quotes. */
static void bom_crlf_quoting(void **state)
{
    (void)state;
    fixture f;
    setup(&f, "default", jia,
          "\xEF\xBB\xBF备注,扣分,三级指标,项目,其他\r\n"
          "\"记录缺失, 见\"\"台账\"\"\",2,巡检次数,甲,忽略\r\n");
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
    const jx_review_line *l = line_named(jx_review_sheet_get(f.rv), "巡检次数");
    assert_string_equal(l->note, "记录缺失, 见\"台账\"");
    /* 20 − 2 = 18.00 */
    assert_int_equal(l->review_cents, 1800);
    assert_int_equal(l->deduction_cents, 200);
    assert_int_equal(l->row, 2);
    assert_int_equal(jx_review_finish(f.rv), JX_OK);
    teardown(&f);
}

/*
 * A header of any width: 项目, 三级指标, 70 columns the sheet does not use, then 扣分
 * (column 73) and 备注 (column 74). 巡检次数 w20 less 扣分 2 is 18.00, as above.
 */
static void wide_header(void **state)
{
    (void)state;
    char csv[4096];
    jx_test_wide_sheet(csv, sizeof csv, 70, "扣分,备注", "甲,巡检次数", "2,记录缺失");
    fixture f;
    setup(&f, "default", jia, csv);
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
    const jx_review_line *l = line_named(jx_review_sheet_get(f.rv), "巡检次数");
    assert_string_equal(l->note, "记录缺失");
    assert_int_equal(l->review_cents, 1800);
    assert_int_equal(jx_review_finish(f.rv), JX_OK);
    teardown(&f);
}

/** A CSV that does not open, and the one error it gives. */
typedef struct bad_file {
    const char *csv;     /* the text */
    const char *message; /* the error */
    uint32_t line;       /* its line */
} bad_file;

static const bad_file bad_files[] = {
    {"项目,三级指标,扣分\n甲,满意率,1\n", "表头缺少“备注”列", 1},
    {"项目,三级指标,备注\n甲,满意率,好\n", "表头缺少“复核完成值”“复核得分”“扣分”列，至少要有其中一列", 1},
    {"", "复核表是空的，缺少表头（项目、三级指标、复核完成值、复核得分、扣分、备注）", 0},
    {"项目,三级指标,扣分,备注\n甲,满意率,1,\"未闭合\n", "第 2 行：引号没有闭合", 2},
    {"项目,三级指标,扣分,备注\n,满意率,1,理由\n", "第 2 行缺少项目名称", 2},
};

/* Malformed CSVs: JX_ERR_INPUT with the error on the handle. */
static void malformed_files(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++) {
        fixture f;
        open_policy(&f, "default");
        open_review(&f, bad_files[i].csv, JX_ERR_INPUT);
        assert_int_equal(jx_review_diag_count(f.rv), 1);
        assert_string_equal(jx_review_diag(f.rv, 0)->message, bad_files[i].message);
        assert_int_equal(jx_review_diag(f.rv, 0)->line, bad_files[i].line);
        teardown(&f);
    }
    fixture f;
    open_policy(&f, "default");
    assert_int_equal(jx_review_open(&f.rv, "/nonexistent/复核.csv", f.pol, NULL), JX_ERR_IO);
    assert_non_null(f.rv);
    assert_int_equal(jx_review_diag_count(f.rv), 1);
    assert_non_null(strstr(jx_review_diag(f.rv, 0)->message, "无法打开复核表："));
    teardown(&f);
}

/* --------------------------------------------------------- other layouts */

/*
 * 不适用 按比例折算: 乙 has A ≥10个 w40 A10 → 40.00, B w20 不适用, C ≥10个 w40 A8 → 32.00;
 * 自评总分 (40 + 32) × 100 / 80 = 90.00 → 优. A 扣分 4 → 36.00: 复核总分
 * (36 + 32) × 100 / 80 = 85.00 → 良, 偏差 −5.00 (the 扣分 4.00 rescaled).
 */
static const char rescaled[] =
    "项目 \"乙\" {\n"
    "    产出指标 100 { 数量指标 100 {\n"
    "        A ≥10个 权重 40 实际 10个\n"
    "        B ≥10个 权重 20 实际 5个 不适用\n"
    "        C ≥10个 权重 40 实际 8个 偏差 \"延期\"\n"
    "    } }\n"
    "}\n";

static const char rescale_policy[] = "评分办法 \"按比例\" {\n    不适用 按比例折算\n}\n";

/* 不适用 rows: a score refused, a 备注 taken; the 复核总分 rescaled like the 自评总分. */
static void not_applicable_rescaled(void **state)
{
    (void)state;
    fixture f;
    setup(&f, rescale_policy, rescaled, "项目,三级指标,扣分,备注\n乙,A,4,超出合同范围\n乙,B,,不适用属实\n");
    assert_int_equal(jx_project_total_cents(f.p), 9000);
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
    const jx_review_sheet *s = jx_review_sheet_get(f.rv);
    check_line(s, "A", 4000, 3600, 400, JX_REVIEW_DEDUCTION, 2);
    const jx_review_line *b = line_named(s, "B");
    assert_true(b->not_applicable);
    assert_int_equal(b->self_cents, -1);
    assert_int_equal(b->review_cents, -1);
    assert_int_equal(b->diff_cents, 0);
    assert_int_equal(b->basis, JX_REVIEW_KEPT);
    assert_string_equal(b->note, "不适用属实");
    check_line(s, "C", 3200, 3200, -1, JX_REVIEW_UNREVIEWED, 0);
    assert_int_equal(s->self_total_cents, 9000);
    assert_int_equal(s->review_total_cents, 8500);
    assert_int_equal(s->review_grade, JX_GRADE_GOOD);
    assert_int_equal(s->diff_cents, -500);
    teardown(&f);

    setup(&f, rescale_policy, rescaled, "项目,三级指标,扣分,备注\n乙,B,1,理由\n");
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_ERR_INPUT);
    assert_string_equal(jx_review_diag(f.rv, 0)->message,
                        "第 2 行（项目“乙”，指标“B”）是不适用的指标，不能填写复核完成值、复核得分或扣分");
    teardown(&f);
}

/*
 * central (预算执行率 单列 10 分): 丁 has 全年预算 100, 全年执行 90 → 10 × 90 / 100 = 9.00;
 * A ≥10个 w50 A10 → 50.00, B ≥90% w40 A95% → 40.00; 自评总分 99.00 → 优. B 扣分 10 →
 * 30.00: 复核总分 89.00 → 良.
 */
static const char central_project[] =
    "项目 \"丁\" {\n"
    "    资金 年度资金总额 年初预算 100 全年预算 100 全年执行 90\n"
    "    产出指标 50 { 数量指标 50 { A ≥10个 权重 50 实际 10个 } }\n"
    "    效益指标 30 { 社会效益 30 { B ≥90% 权重 30 实际 95% } }\n"
    "    满意度指标 10 { 满意度 10 { C ≥90% 权重 10 实际 95% } }\n"
    "}\n";

/* The 单列 预算执行率 is on the sheet and in both totals, and is not reviewed. */
static void central_execution(void **state)
{
    (void)state;
    fixture f;
    setup(&f, "central", central_project, "项目,三级指标,扣分,备注\n丁,B,10,效果未达预期\n");
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
    const jx_review_sheet *s = jx_review_sheet_get(f.rv);
    assert_int_equal(s->execution_points_cents, 1000);
    assert_int_equal(s->execution_cents, 900);
    /* 50 + 30 + 10 + 10 */
    assert_int_equal(s->weight_cents, 10000);
    /* 9 + 50 + 30 + 10 = 99.00 → 优; 30 − 10 = 20: 89.00 → 良 */
    assert_int_equal(s->self_total_cents, 9900);
    check_line(s, "B", 3000, 2000, 1000, JX_REVIEW_DEDUCTION, 2);
    assert_int_equal(s->review_total_cents, 8900);
    assert_int_equal(s->review_grade, JX_GRADE_GOOD);
    teardown(&f);
}

/* ------------------------------------------------------------- seed 001 */

/*
 * The two 自评表 of seed 001 imported from the seed text and reviewed with
 * tests/golden/review-seed001/review.csv (the numbers that golden file pins). Both claim
 * and recompute 100.00 / 优 (every actual restates or meets its target).
 *   越城区电子政务云资源服务项目: 接入系统数量 ≥60个 w30, 复核完成值 45 → 30 × 45 / 60 = 22.50;
 *     工作效率 定性 w15, 部分达成 → 15 × 70% = 10.50; 复核总分 100 − 7.5 − 4.5 = 88.00 → 良
 *   越城区网络安全运营中心项目: 驻场人员 =3人 w20, 复核完成值 2 → 20 × 2 / 3 = 13.333… → 13.33;
 *     执行率 ≥95% w10, 96.68% → met, 10.00 (no 备注 needed); 网络安全隐患处理速度 ≤24小时 w15,
 *     36小时 → 15 × (48 − 36) / 24 = 7.50; 复核总分 100 − 6.67 − 7.5 = 85.83 → 良
 */
static void seed001_review(void **state)
{
    (void)state;
    char seed[4096], csv[4096];
    tests_path(seed, sizeof seed, "import/seeds/001_79da5c65fa76b1ff.txt");
    tests_path(csv, sizeof csv, "golden/review-seed001/review.csv");
    jx_import *imp = NULL;
    jx_test_text dsl = {NULL, 0};
    assert_int_equal(jx_import_open(&imp, seed, NULL, NULL), JX_OK);
    assert_int_equal(jx_import_run(imp, jx_test_text_write, &dsl), JX_OK);
    jx_import_close(imp);
    fixture f;
    open_policy(&f, "default");
    assert_int_equal(jx_reader_open_memory(&f.rd, "seed001.jx", dsl.s, dsl.len, NULL), JX_OK);
    assert_int_equal(jx_review_open(&f.rv, csv, f.pol, NULL), JX_OK);

    assert_int_equal(jx_reader_next(f.rd, &f.p), JX_ROW);
    assert_int_equal(jx_score(f.p, f.pol), JX_OK);
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
    const jx_review_sheet *s = jx_review_sheet_get(f.rv);
    assert_string_equal(s->project, "越城区电子政务云资源服务项目");
    assert_int_equal(s->nlines, 6);
    check_line(s, "接入系统数量", 3000, 2250, -1, JX_REVIEW_VALUE, 2);
    check_line(s, "工作效率", 1500, 1050, -1, JX_REVIEW_VALUE, 3);
    assert_string_equal(line_named(s, "接入系统数量")->self_actual, "≥60个");
    assert_int_equal(s->self_total_cents, 10000);
    assert_int_equal(s->claimed_total_cents, 10000);
    assert_int_equal(s->review_total_cents, 8800);
    assert_int_equal(s->review_grade, JX_GRADE_GOOD);

    assert_int_equal(jx_reader_next(f.rd, &f.p), JX_ROW);
    assert_int_equal(jx_score(f.p, f.pol), JX_OK);
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
    s = jx_review_sheet_get(f.rv);
    assert_string_equal(s->project, "越城区网络安全运营中心项目");
    assert_int_equal(s->nlines, 7);
    check_line(s, "驻场人员", 2000, 1333, -1, JX_REVIEW_VALUE, 4);
    check_line(s, "执行率", 1000, 1000, -1, JX_REVIEW_VALUE, 5);
    check_line(s, "网络安全隐患处理速度", 1500, 750, -1, JX_REVIEW_VALUE, 6);
    assert_int_equal(s->self_total_cents, 10000);
    assert_int_equal(s->review_total_cents, 8583);
    assert_int_equal(s->diff_cents, -1417);
    assert_int_equal(s->review_grade, JX_GRADE_GOOD);
    assert_int_equal(jx_reader_next(f.rd, &f.p), JX_DONE);
    assert_int_equal(jx_review_finish(f.rv), JX_OK);
    assert_int_equal(jx_review_diag_count(f.rv), 0);
    free(dsl.s);
    teardown(&f);
}

/* ------------------------------------------------------------- misuse */

/* NULL arguments, an unscored project, a format without a sheet reporter, a failing write. */
static void misuse_and_failures(void **state)
{
    (void)state;
    fixture f;
    open_policy(&f, "default");
    assert_int_equal(jx_review_open(NULL, "x.csv", f.pol, NULL), JX_ERR_USAGE);
    jx_review *rv = NULL;
    assert_int_equal(jx_review_open(&rv, "x.csv", NULL, NULL), JX_ERR_USAGE);
    assert_null(rv);
    assert_int_equal(jx_reader_open_memory(&f.rd, "jia.jx", jia, strlen(jia), NULL), JX_OK);
    assert_int_equal(jx_reader_next(f.rd, &f.p), JX_ROW);
    open_review(&f, HEADER, JX_OK);
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_ERR_USAGE); /* not scored */
    assert_int_equal(jx_review_apply(NULL, f.p), JX_ERR_USAGE);
    assert_null(jx_review_sheet_get(f.rv));
    assert_int_equal(jx_review_finish(NULL), JX_ERR_USAGE);
    assert_int_equal(jx_review_diag_count(NULL), 0);
    assert_null(jx_review_diag(f.rv, 0));
    assert_string_equal(jx_review_basis_code(JX_REVIEW_DEDUCTION), "deduction");

    jx_review_writer *rw = NULL;
    jx_test_text out = {NULL, 0};
    assert_int_equal(jx_review_writer_create(&rw, JX_FORMAT_TEMPLATE, jx_test_text_write, &out, NULL),
                     JX_ERR_USAGE);
    assert_null(rw);
    /* an empty run: the JSON document is still whole */
    assert_int_equal(jx_review_writer_create(&rw, JX_FORMAT_JSON, jx_test_text_write, &out, NULL), JX_OK);
    assert_int_equal(jx_review_writer_finish(rw), JX_OK);
    assert_int_equal(jx_review_writer_finish(rw), JX_ERR_USAGE);
    jx_review_writer_destroy(rw);
    assert_string_equal(out.s, "{\"jixiao\":\"" JX_VERSION "\",\"sheets\":[\n]}\n");
    free(out.s);
    /* a write that fails is JX_ERR_IO */
    assert_int_equal(jx_score(f.p, f.pol), JX_OK);
    assert_int_equal(jx_review_apply(f.rv, f.p), JX_OK);
    assert_int_equal(jx_review_writer_create(&rw, JX_FORMAT_CSV, jx_test_write_nothing, NULL, NULL), JX_OK);
    jx_review_writer_sheet(rw, jx_review_sheet_get(f.rv));
    assert_int_equal(jx_review_writer_finish(rw), JX_ERR_IO);
    jx_review_writer_destroy(rw);
    jx_review_writer_destroy(NULL);
    jx_review_close(NULL);
    teardown(&f);
}

/* Memory running out at each allocation of the review fails cleanly (no crash, no leak). */
static void out_of_memory_everywhere(void **state)
{
    (void)state;
    const char *csv = HEADER "甲,接入系统数量,45,,,见验收单\n甲,巡检次数,,,2,缺记录\n";
    for (size_t n = 0;; n++) {
        fixture f;
        open_policy(&f, "default");
        read_project(&f, jia);
        jx_test_counting c = {.fail_from = n + 1}; /* the n-th call from 0 and every one after it */
        jx_allocator a = jx_test_counting_allocator(&c);
        jx_result rc = jx_review_open_memory(&f.rv, "review.csv", csv, strlen(csv), f.pol, &a);
        if (rc == JX_OK)
            rc = jx_review_apply(f.rv, f.p);
        jx_review_writer *rw = NULL;
        jx_test_text out = {NULL, 0};
        if (rc == JX_OK)
            rc = jx_review_writer_create(&rw, JX_FORMAT_TEXT, jx_test_text_write, &out, &a);
        if (rc == JX_OK)
            rc = jx_review_writer_sheet(rw, jx_review_sheet_get(f.rv));
        if (rc == JX_OK)
            rc = jx_review_writer_finish(rw);
        jx_review_writer_destroy(rw);
        free(out.s);
        teardown(&f);
        assert_int_equal(c.in_use, 0);
        if (rc == JX_OK)
            break;
        assert_int_equal(rc, JX_ERR_NOMEM);
        assert_true(n < 1000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_sheets),
        cmocka_unit_test(demo_json),
        cmocka_unit_test(rows_refused),
        cmocka_unit_test(rows_taken),
        cmocka_unit_test(wide_header),
        cmocka_unit_test(signed_value_is_warned),
        cmocka_unit_test(project_that_cannot_be_rescored),
        cmocka_unit_test(ambiguous_and_told_apart),
        cmocka_unit_test(unmatched_rows_at_finish),
        cmocka_unit_test(project_without_rows),
        cmocka_unit_test(bom_crlf_quoting),
        cmocka_unit_test(malformed_files),
        cmocka_unit_test(not_applicable_rescaled),
        cmocka_unit_test(central_execution),
        cmocka_unit_test(seed001_review),
        cmocka_unit_test(misuse_and_failures),
        cmocka_unit_test(out_of_memory_everywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
