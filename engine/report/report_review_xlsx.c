/* report_review_xlsx.c — the 复核 sheets as an Excel workbook.
 *
 * A first sheet 复核结果清单 lists every project reviewed (自评 and 复核 总分 and 结论, the
 * difference, the indicators reviewed), then each project has its own sheet laid out as
 * the text sheet: the heading (项目名称, 主管部门, 预算单位, the 自评表 and the 复核表), one row
 * per indicator with 指标性质 · 指标值 · 单位 · 权重 · 自评完成值 · 自评得分 · 复核完成值 ·
 * 复核得分 · 偏差 · 备注 (the 一级 and 二级 cells merged over their rows), the 总分 row, both
 * conclusions and the notes. Scores are numbers with two decimals; A4 landscape with the
 * header row repeated. The workbook is built by xlsx_book.c.
 */
#include "report_review.h"

#include "alloc.h"
#include "report_parts.h"
#include "xlsx_book.h"

#include <string.h>
#include <time.h>

/** The narrowest and widest each column of a project's sheet may be, in Excel's units. */
static const double col_min[JX_RV_NCOLS] = {10, 10, 12, 10, 8, 6, 7, 12, 10, 12, 10, 8, 20};
static const double col_max[JX_RV_NCOLS] = {16, 18, 24, 11, 14, 10, 11, 16, 11, 16, 11, 10, 36};

/** Columns of the 复核结果清单. */
enum { L_NO, L_NAME, L_ORG, L_SELF, L_SELF_GRADE, L_REVIEW, L_REVIEW_GRADE, L_DIFF, L_REVIEWED, L_UNREVIEWED, LCOLS };

static const char *const list_head[LCOLS] = {
    "序号", "项目名称", "预算单位", "自评总分", "自评结论", "复核总分", "复核结论", "偏差", "已复核指标", "未复核指标",
};
static const double list_min[LCOLS] = {6, 20, 16, 10, 10, 10, 10, 9, 12, 12};
static const double list_max[LCOLS] = {8, 40, 40, 12, 11, 12, 11, 10, 13, 13};

/** A writer's workbook, from the first sheet to finish. */
typedef struct review_book {
    jx_xlsx_book book; /* the workbook */
    jx_xlsx_list list; /* the 复核结果清单 */
} review_book;

/* Hundredths as a number. */
static double rx_cents(int64_t cents)
{
    return (double)cents / 100.0;
}

/* ------------------------------------------------------------------ widths */

/* Widens w[col] to hold s on one line. */
static void rx_widen(double *w, size_t col, const char *s)
{
    double need = jx_xlsx_text_width(s);
    if (need > w[col])
        w[col] = need;
}

/* Sets the columns of a project's sheet to fit its cells that stand in one column,
 * within col_min..col_max; longer text wraps. */
static void rx_widths(jx_writer *wr, jx_xlsx_cursor *cu, const jx_review_sheet *s)
{
    double w[JX_RV_NCOLS];
    for (size_t c = 0; c < JX_RV_NCOLS; c++) {
        w[c] = col_min[c];
        rx_widen(w, c, jx_review_heads[c]);
    }
    for (size_t i = 0; i < s->nlines; i++) {
        const jx_review_line *l = &s->lines[i];
        rx_widen(w, JX_RV_L1, l->level1);
        rx_widen(w, JX_RV_L2, l->level2);
        rx_widen(w, JX_RV_L3, l->name);
        rx_widen(w, JX_RV_TARGET, l->target);
        rx_widen(w, JX_RV_UNIT, l->unit);
        rx_widen(w, JX_RV_SELF_ACTUAL, l->self_actual);
        rx_widen(w, JX_RV_REVIEW_ACTUAL, l->review_actual);
        rx_widen(w, JX_RV_NOTE, l->note);
        if (l->weight_cents >= 0)
            rx_widen(w, JX_RV_WEIGHT, jx_review_cents(wr, l->weight_cents));
        rx_widen(w, JX_RV_DIFF, jx_review_cents(wr, l->diff_cents));
    }
    rx_widen(w, JX_RV_WEIGHT, "预算单位"); /* the label of the heading's second row */
    rx_widen(w, JX_RV_WEIGHT, jx_review_cents(wr, s->weight_cents));
    rx_widen(w, JX_RV_DIFF, jx_review_cents(wr, s->diff_cents));
    for (size_t c = 0; c < JX_RV_NCOLS; c++)
        if (w[c] > col_max[c])
            w[c] = col_max[c];
    jx_xlsx_set_widths(cu->bk, &cu->sh, w);
}

/* ------------------------------------------------------------------ the sheet */

/* The title, the year and the heading rows: 项目名称, 主管部门 / 预算单位, 自评表 / 复核表. */
static void rx_heading(jx_writer *wr, jx_xlsx_cursor *cu, const jx_review_sheet *s)
{
    jx_xlsx_cursor_span(cu, 0, JX_RV_NCOLS - 1, "项目支出绩效自评复核表", JX_XLSX_TITLE);
    jx_xlsx_row_height(cu->bk, &cu->sh, cu->row, 28);
    cu->row++;
    if (s->year > 0) {
        jx_xlsx_cursor_span(cu, 0, JX_RV_NCOLS - 1, jx_scratch_printf(wr, "（%d年度）", s->year), JX_XLSX_CAPTION);
        jx_xlsx_cursor_end_row(cu);
    }
    jx_xlsx_cursor_text(cu, JX_RV_L1, "项目名称", JX_XLSX_LABEL);
    jx_xlsx_cursor_span(cu, JX_RV_L2, JX_RV_NOTE, s->project, JX_XLSX_TEXT);
    jx_xlsx_cursor_end_row(cu);
    jx_xlsx_cursor_text(cu, JX_RV_L1, "主管部门", JX_XLSX_LABEL);
    jx_xlsx_cursor_span(cu, JX_RV_L2, JX_RV_UNIT, s->dept, JX_XLSX_TEXT);
    jx_xlsx_cursor_text(cu, JX_RV_WEIGHT, "预算单位", JX_XLSX_LABEL);
    jx_xlsx_cursor_span(cu, JX_RV_SELF_ACTUAL, JX_RV_NOTE, s->org, JX_XLSX_TEXT);
    jx_xlsx_cursor_end_row(cu);
    jx_xlsx_cursor_text(cu, JX_RV_L1, "自评表", JX_XLSX_LABEL);
    jx_xlsx_cursor_span(cu, JX_RV_L2, JX_RV_UNIT, s->line ? jx_scratch_printf(wr, "%s:%u", s->file, (unsigned)s->line) : s->file,
                        JX_XLSX_TEXT);
    jx_xlsx_cursor_text(cu, JX_RV_WEIGHT, "复核表", JX_XLSX_LABEL);
    jx_xlsx_cursor_span(cu, JX_RV_SELF_ACTUAL, JX_RV_NOTE, s->review_file, JX_XLSX_TEXT);
    jx_xlsx_cursor_end_row(cu);
}

/* A score in column col, or 不适用. */
static void rx_score(jx_xlsx_cursor *cu, size_t col, const jx_review_line *l, int64_t cents)
{
    if (l->not_applicable)
        jx_xlsx_cursor_text(cu, col, "不适用", JX_XLSX_CENTER);
    else
        jx_xlsx_cursor_number(cu, col, rx_cents(cents), 2);
}

/* One indicator's row from 三级指标 on (its group cells are written by the caller). */
static void rx_line(jx_xlsx_cursor *cu, const jx_review_line *l)
{
    jx_xlsx_cursor_text(cu, JX_RV_L3, l->name, JX_XLSX_TEXT);
    jx_xlsx_cursor_text(cu, JX_RV_NATURE, l->nature, JX_XLSX_CENTER);
    jx_xlsx_cursor_text(cu, JX_RV_TARGET, l->target, JX_XLSX_CENTER);
    jx_xlsx_cursor_text(cu, JX_RV_UNIT, l->unit, JX_XLSX_CENTER);
    if (l->weight_cents >= 0)
        jx_xlsx_cursor_number(cu, JX_RV_WEIGHT, rx_cents(l->weight_cents), 2);
    else
        jx_xlsx_cursor_text(cu, JX_RV_WEIGHT, "—", JX_XLSX_CENTER);
    jx_xlsx_cursor_text(cu, JX_RV_SELF_ACTUAL, l->self_actual, JX_XLSX_CENTER);
    rx_score(cu, JX_RV_SELF_SCORE, l, l->self_cents);
    jx_xlsx_cursor_text(cu, JX_RV_REVIEW_ACTUAL, l->review_actual, JX_XLSX_CENTER);
    rx_score(cu, JX_RV_REVIEW_SCORE, l, l->review_cents);
    if (l->not_applicable)
        jx_xlsx_cursor_text(cu, JX_RV_DIFF, "—", JX_XLSX_CENTER);
    else
        jx_xlsx_cursor_number(cu, JX_RV_DIFF, rx_cents(l->diff_cents), 2);
    jx_xlsx_cursor_text(cu, JX_RV_NOTE, l->basis == JX_REVIEW_UNREVIEWED ? "（未复核，沿用自评）" : l->note, JX_XLSX_TEXT);
    jx_xlsx_cursor_end_row(cu);
}

/* The group cell of column col over rows first..first+n-1: merged, or one cell. */
static void rx_group(jx_xlsx_cursor *cu, size_t col, uint32_t first, uint32_t n, const char *name)
{
    if (n == 1)
        jx_xlsx_cursor_text(cu, col, name, JX_XLSX_LABEL);
    else
        jx_xlsx_merge(cu->bk, &cu->sh, first, col, first + n - 1, col, name, JX_XLSX_LABEL);
}

/* Lines from i on that share line i's 一级指标 (and, when level2, its 二级指标 too), up to end. */
static size_t rx_run(const jx_review_sheet *s, size_t i, size_t end, bool level2)
{
    size_t k = i + 1;
    while (k < end && strcmp(s->lines[k].level1, s->lines[i].level1) == 0 &&
           (!level2 || strcmp(s->lines[k].level2, s->lines[i].level2) == 0))
        k++;
    return k - i;
}

/* The indicator rows, the 一级 and 二级 cells merged over consecutive rows of one group. */
static void rx_lines(jx_xlsx_cursor *cu, const jx_review_sheet *s)
{
    for (size_t i = 0; i < s->nlines;) {
        size_t n1 = rx_run(s, i, s->nlines, false);
        rx_group(cu, JX_RV_L1, cu->row, (uint32_t)n1, s->lines[i].level1);
        for (size_t j = i; j < i + n1;) {
            size_t n2 = rx_run(s, j, i + n1, true);
            rx_group(cu, JX_RV_L2, cu->row, (uint32_t)n2, s->lines[j].level2);
            for (size_t k = j; k < j + n2; k++)
                rx_line(cu, &s->lines[k]);
            j += n2;
        }
        i += n1;
    }
}

/* The 单列 预算执行率: scored from the funds, the same on both sides. */
static void rx_execution(jx_writer *wr, jx_xlsx_cursor *cu, const jx_review_sheet *s)
{
    jx_xlsx_cursor_span(cu, JX_RV_L1, JX_RV_L3,
                        jx_scratch_printf(wr, "预算执行率 (%s分)", jx_review_cents(wr, s->execution_points_cents)),
                        JX_XLSX_LABEL);
    for (size_t c = JX_RV_NATURE; c <= JX_RV_UNIT; c++)
        jx_xlsx_cursor_text(cu, c, "", JX_XLSX_CENTER);
    jx_xlsx_cursor_number(cu, JX_RV_WEIGHT, rx_cents(s->execution_points_cents), 2);
    jx_xlsx_cursor_text(cu, JX_RV_SELF_ACTUAL, "", JX_XLSX_CENTER);
    jx_xlsx_cursor_number(cu, JX_RV_SELF_SCORE, rx_cents(s->execution_cents), 2);
    jx_xlsx_cursor_text(cu, JX_RV_REVIEW_ACTUAL, "", JX_XLSX_CENTER);
    jx_xlsx_cursor_number(cu, JX_RV_REVIEW_SCORE, rx_cents(s->execution_cents), 2);
    jx_xlsx_cursor_number(cu, JX_RV_DIFF, 0, 2);
    jx_xlsx_cursor_text(cu, JX_RV_NOTE, "（按资金计分，不复核）", JX_XLSX_TEXT);
    jx_xlsx_cursor_end_row(cu);
}

/* The 总分 row and the two conclusions. */
static void rx_totals(jx_writer *wr, jx_xlsx_cursor *cu, const jx_review_sheet *s)
{
    jx_xlsx_cursor_span(cu, JX_RV_L1, JX_RV_UNIT, "总分", JX_XLSX_LABEL);
    jx_xlsx_cursor_number(cu, JX_RV_WEIGHT, rx_cents(s->weight_cents), 2);
    jx_xlsx_cursor_text(cu, JX_RV_SELF_ACTUAL, "", JX_XLSX_CENTER);
    jx_xlsx_cursor_number(cu, JX_RV_SELF_SCORE, rx_cents(s->self_total_cents), 2);
    jx_xlsx_cursor_text(cu, JX_RV_REVIEW_ACTUAL, "", JX_XLSX_CENTER);
    jx_xlsx_cursor_number(cu, JX_RV_REVIEW_SCORE, rx_cents(s->review_total_cents), 2);
    jx_xlsx_cursor_number(cu, JX_RV_DIFF, rx_cents(s->diff_cents), 2);
    jx_xlsx_cursor_text(cu, JX_RV_NOTE, "", JX_XLSX_TEXT);
    jx_xlsx_cursor_end_row(cu);
    jx_xlsx_cursor_text(cu, JX_RV_L1, "自评结论", JX_XLSX_LABEL);
    jx_xlsx_cursor_text(cu, JX_RV_L2, jx_review_grade_word(s->self_grade), JX_XLSX_CENTER);
    jx_xlsx_cursor_span(cu, JX_RV_L3, JX_RV_NOTE, jx_scratch_printf(wr, "（总分 %s）", jx_review_cents(wr, s->self_total_cents)),
                        JX_XLSX_TEXT);
    jx_xlsx_cursor_end_row(cu);
    jx_xlsx_cursor_text(cu, JX_RV_L1, "复核结论", JX_XLSX_LABEL);
    jx_xlsx_cursor_text(cu, JX_RV_L2, jx_review_grade_word(s->review_grade), JX_XLSX_CENTER);
    jx_xlsx_cursor_span(cu, JX_RV_L3, JX_RV_NOTE,
                        jx_scratch_printf(wr, "（总分 %s，偏差 %s）", jx_review_cents(wr, s->review_total_cents),
                                          jx_review_cents(wr, s->diff_cents)),
                        JX_XLSX_TEXT);
    jx_xlsx_cursor_end_row(cu);
}

/* A note under the table, across the sheet. */
static void rx_note(jx_xlsx_cursor *cu, const char *s)
{
    jx_xlsx_cursor_span(cu, 0, JX_RV_NCOLS - 1, s, JX_XLSX_PLAIN);
    jx_xlsx_cursor_end_row(cu);
}

/* The notes under the table, as the text sheet gives them: how many indicators were
 * reviewed, and the claims of the 自评表 that differ from the recomputed ones. */
static void rx_notes(jx_writer *wr, jx_xlsx_cursor *cu, const jx_review_sheet *s)
{
    size_t n;
    const char **notes = jx_review_notes(wr, s, &n);
    for (size_t i = 0; i < n; i++)
        rx_note(cu, notes[i]);
}

/* The project's row of the 复核结果清单. */
static void rx_list_row(review_book *rb, const jx_review_sheet *s, size_t i)
{
    jx_xlsx_list *l = &rb->list;
    jx_xlsx_list_row(l);
    jx_xlsx_list_number(l, L_NO, (double)(i + 1), 0);
    jx_xlsx_list_text(l, L_NAME, s->project, JX_XLSX_TEXT);
    jx_xlsx_list_text(l, L_ORG, s->org[0] ? s->org : s->dept, JX_XLSX_TEXT);
    jx_xlsx_list_number(l, L_SELF, rx_cents(s->self_total_cents), 2);
    jx_xlsx_list_text(l, L_SELF_GRADE, jx_review_grade_word(s->self_grade), JX_XLSX_CENTER);
    jx_xlsx_list_number(l, L_REVIEW, rx_cents(s->review_total_cents), 2);
    jx_xlsx_list_text(l, L_REVIEW_GRADE, jx_review_grade_word(s->review_grade), JX_XLSX_CENTER);
    jx_xlsx_list_number(l, L_DIFF, rx_cents(s->diff_cents), 2);
    jx_xlsx_list_number(l, L_REVIEWED, (double)s->reviewed, 0);
    jx_xlsx_list_number(l, L_UNREVIEWED, (double)(s->nlines - s->reviewed), 0);
}

/* ------------------------------------------------------------------ reporter */

/* Releases the workbook of a writer destroyed before (or after) finishing. */
static void rx_state_free(jx_writer *wr)
{
    review_book *rb = wr->state;
    if (!rb)
        return;
    jx_xlsx_discard(&rb->book);
    jx_free(wr->alloc, rb, sizeof *rb);
    wr->state = NULL;
    wr->state_free = NULL;
}

/* A jx_write_fn appending the workbook's bytes to the writer's output. */
static size_t rx_out_bytes(void *ud, const char *data, size_t len)
{
    jx_writer *wr = ud;
    jx_out_bytes(wr, data, len);
    return wr->err == JX_OK ? len : 0;
}

/* Keeps the book's first failure as the writer's. */
static void rx_check(jx_writer *wr, const review_book *rb)
{
    if (rb->book.err != JX_OK && wr->err == JX_OK)
        wr->err = rb->book.err;
}

/* Opens the workbook on its temporary file and starts the 复核结果清单. */
static void rx_begin(jx_writer *wr)
{
    review_book *rb = jx_calloc(wr->alloc, sizeof *rb);
    if (!rb) {
        wr->err = JX_ERR_NOMEM;
        return;
    }
    wr->state = rb;
    wr->state_free = rx_state_free;
    time_t created = (wr->flags & JX_WRITE_TIMESTAMP) ? time(NULL) : JX_XLSX_FIXED_TIME;
    jx_result rc = jx_xlsx_open(&rb->book, wr->alloc, "项目支出绩效自评复核表", created);
    if (rc != JX_OK) {
        wr->err = rc;
        return;
    }
    jx_xlsx_list_spec spec = {"复核结果清单", "项目支出绩效自评复核结果清单", NULL, list_head, list_min, list_max, LCOLS, 1};
    jx_xlsx_list_open(&rb->list, &rb->book, &spec);
    rx_check(wr, rb);
}

/* The project's sheet, then its row of the list. */
static void rx_sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    review_book *rb = wr->state;
    if (!rb || wr->err != JX_OK)
        return;
    jx_xlsx_cursor cu;
    jx_xlsx_cursor_start(&cu, &rb->book, s->project, JX_RV_NCOLS, NULL);
    rx_widths(wr, &cu, s);
    rx_heading(wr, &cu, s);
    uint32_t head_row = cu.row;
    for (size_t c = 0; c < JX_RV_NCOLS; c++)
        jx_xlsx_cursor_text(&cu, c, jx_review_heads[c], JX_XLSX_HEAD);
    jx_xlsx_cursor_end_row(&cu);
    if (s->execution_cents >= 0)
        rx_execution(wr, &cu, s);
    rx_lines(&cu, s);
    rx_totals(wr, &cu, s);
    rx_notes(wr, &cu, s);
    jx_xlsx_print_setup(cu.bk, &cu.sh, head_row, head_row, cu.row - 1);
    jx_xlsx_landscape(cu.bk, &cu.sh);
    rx_list_row(rb, s, i);
    rx_check(wr, rb);
}

/* Finishes the list and sends the workbook through the writer's output. */
static void rx_finish(jx_writer *wr, size_t nsheets)
{
    (void)nsheets;
    review_book *rb = wr->state;
    if (!rb)
        return;
    if (wr->err == JX_OK) {
        jx_xlsx_list_close(&rb->list);
        rx_check(wr, rb);
    }
    if (wr->err == JX_OK) {
        jx_result rc = jx_xlsx_close(&rb->book, rx_out_bytes, wr);
        if (rc != JX_OK && wr->err == JX_OK)
            wr->err = rc;
    }
    rx_state_free(wr);
}

const jx_review_reporter jx_review_reporter_xlsx = {
    .name = "xlsx", .begin = rx_begin, .sheet = rx_sheet, .finish = rx_finish, .render = NULL,
};
