/* SPDX-License-Identifier: MIT */
/* write_review_template.c — the reviewer's table to fill in (`jixiao audit
 * --review-template`, docs/review.md), written from the sheets of a review without a
 * table (jx_review_open_blank): a row per indicator, in the order of the 自评表.
 *
 * Its columns are the ones the review reader (review.c, indrows.c) matches on — 项目,
 * 单位, 主管部门, 一级指标, 二级指标, 三级指标 — then what the reviewer reads while
 * checking — 年度指标值 as written, the 实际完成值 the department wrote, its 填报得分 ("" when
 * it wrote none) and the 重算得分 the policy gives — and last the four columns to fill,
 * named as the reader looks for them: 复核完成值, 复核得分, 扣分, 备注. The reader ignores
 * the columns in between, so the table reads back as it is, filled or not.
 *
 *   csv   UTF-8 with a BOM (so Excel and WPS open it as UTF-8), every cell through the
 *         one field writer and its formula guard (jx_out_csv_field);
 *   xlsx  one sheet 复核 under a frozen, filtered header repeated on every printed page,
 *         A4 landscape (xlsx_book.h, lists); the cells to read locked and shaded, the four
 *         to fill unlocked, the sheet protected without a password; 复核得分 and 扣分
 *         take numbers ≥ 0. Written in order (flat memory for any number of projects)
 *         with a fixed document time unless JX_WRITE_TIMESTAMP.
 *
 * The scores are the sheet's (review.c): this file words them (two decimals) and
 * computes none.
 */
#include "report.h"

#include "xlsx_book.h"

#include <assert.h>
#include <time.h>

/** The columns: the naming ones, those to read, those to fill (from COL_FILL on). */
enum {
    COL_PROJECT, COL_ORG, COL_DEPT, COL_L1, COL_L2, COL_L3, COL_TARGET, COL_ACTUAL, COL_CLAIMED, COL_SELF,
    COL_FILL, COL_REVIEW_ACTUAL = COL_FILL, COL_REVIEW_SCORE, COL_DEDUCTION, COL_NOTE, NCOLS
};

static const char *const head[NCOLS] = {
    "项目", "单位", "主管部门", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "填报得分",
    "重算得分", "复核完成值", "复核得分", "扣分", "备注",
};

/* The cells of line l of sheet s, in the scratch arena; the columns to fill empty. */
static void line_cells(jx_writer *wr, const jx_review_sheet *s, const jx_review_line *l, const char *c[NCOLS])
{
    char buf[JX_DEC_BUFSZ];
    c[COL_PROJECT] = s->project;
    c[COL_ORG] = s->org;
    c[COL_DEPT] = s->dept;
    c[COL_L1] = l->level1;
    c[COL_L2] = l->level2;
    c[COL_L3] = l->name;
    c[COL_TARGET] = l->target_text;
    c[COL_ACTUAL] = l->self_actual;
    c[COL_CLAIMED] = l->not_applicable  ? "不适用"
                     : l->claimed_cents < 0 ? ""
                                            : jx_scratch_str(wr, jx_fixed_format(l->claimed_cents, 2, buf, sizeof buf));
    c[COL_SELF] = l->not_applicable ? "不适用" : jx_scratch_str(wr, jx_fixed_format(l->self_cents, 2, buf, sizeof buf));
    for (size_t k = COL_FILL; k < NCOLS; k++)
        c[k] = "";
}

/* ------------------------------------------------------------------ csv */

static void csv_begin(jx_writer *wr)
{
    jx_out_str(wr, "\xEF\xBB\xBF");
    for (size_t k = 0; k < NCOLS; k++) {
        if (k)
            jx_out_char(wr, ',');
        jx_out_str(wr, head[k]);
    }
    jx_out_char(wr, '\n');
}

static void csv_sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    (void)i;
    for (size_t n = 0; n < s->nlines; n++) {
        const char *c[NCOLS];
        line_cells(wr, s, &s->lines[n], c);
        for (size_t k = 0; k < NCOLS; k++) {
            if (k)
                jx_out_char(wr, ',');
            jx_out_csv_field(wr, c[k], strlen(c[k]));
        }
        jx_out_char(wr, '\n');
    }
}

static void csv_finish(jx_writer *wr, size_t nsheets)
{
    (void)wr;
    (void)nsheets;
}

static const jx_review_reporter template_csv = {.name = "csv", .begin = csv_begin, .sheet = csv_sheet,
                                                .finish = csv_finish};

/* ----------------------------------------------------------------- xlsx */

/* Narrowest and widest widths of the columns, in Excel's units (characters of '0'). */
static const double col_min[NCOLS] = {14, 10, 10, 8, 8, 12, 10, 10, 8, 8, 12, 8, 6, 24};
static const double col_max[NCOLS] = {30, 24, 24, 14, 14, 30, 24, 24, 8, 8, 20, 8, 6, 40};

static const jx_xlsx_list_spec review_list = {
    .name = "复核", .head = head, .min = col_min, .max = col_max, .ncols = NCOLS, .landscape = 1, .protect = 1,
};

/** The workbook being written and its list. */
typedef struct tpl_state {
    jx_xlsx_book book; /* the workbook on its temporary file */
    jx_xlsx_list list; /* the 复核 sheet */
} tpl_state;

/* Releases the workbook of a writer destroyed before finishing (the state's release). */
static void state_free(jx_writer *wr)
{
    tpl_state *st = wr->state;
    jx_xlsx_discard(&st->book);
}

/* A score to fill (复核得分, 扣分): a number not below 0; a failure is the book's. */
static void score_rule(tpl_state *st, uint32_t row, size_t col)
{
    if (st->book.err != JX_OK || !st->list.cu.sh.ws)
        return;
    lxw_data_validation dv = {
        .validate = LXW_VALIDATION_TYPE_DECIMAL,
        .criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
        .value_number = 0,
        .show_error = LXW_VALIDATION_ON,
        .error_title = "分数",
        .error_message = "请填写不小于 0 的数字（如 7.5），不带“分”字",
    };
    if (worksheet_data_validation_cell(st->list.cu.sh.ws, row, (lxw_col_t)col, &dv) != LXW_NO_ERROR)
        st->book.err = JX_ERR_NOMEM;
}

static void xlsx_begin(jx_writer *wr)
{
    tpl_state *st = jx_writer_state_new(wr, sizeof *st, state_free);
    if (!st)
        return;
    time_t created = (wr->flags & JX_WRITE_TIMESTAMP) ? time(NULL) : JX_XLSX_FIXED_TIME;
    jx_result rc = jx_xlsx_open(&st->book, wr->alloc, "项目支出绩效自评复核表（复核人填写）", created);
    if (rc != JX_OK) {
        wr->err = rc;
        jx_writer_state_drop(wr);
        return;
    }
    jx_xlsx_list_open(&st->list, &st->book, &review_list);
    jx_out_xlsx_error(wr, &st->book);
}

static void xlsx_sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    (void)i;
    tpl_state *st = wr->state;
    if (!st)
        return;
    for (size_t n = 0; n < s->nlines; n++) {
        const char *c[NCOLS];
        line_cells(wr, s, &s->lines[n], c);
        uint32_t row = jx_xlsx_list_row(&st->list);
        for (size_t k = 0; k < NCOLS; k++)
            jx_xlsx_list_text(&st->list, k, c[k], k < COL_FILL ? JX_XLSX_LOCKED : JX_XLSX_INPUT);
        score_rule(st, row, COL_REVIEW_SCORE);
        score_rule(st, row, COL_DEDUCTION);
    }
    jx_out_xlsx_error(wr, &st->book);
}

static void xlsx_finish(jx_writer *wr, size_t nsheets)
{
    (void)nsheets;
    tpl_state *st = wr->state;
    if (!st)
        return;
    if (wr->err == JX_OK) {
        jx_xlsx_list_close(&st->list);
        jx_out_xlsx_close(wr, &st->book);
    }
    jx_writer_state_drop(wr);
}

static const jx_review_reporter template_xlsx = {.name = "xlsx", .begin = xlsx_begin, .sheet = xlsx_sheet,
                                                 .finish = xlsx_finish};

const jx_review_reporter *jx_review_template_reporter(jx_format fmt)
{
    return fmt == JX_FORMAT_CSV ? &template_csv : fmt == JX_FORMAT_XLSX ? &template_xlsx : NULL;
}
