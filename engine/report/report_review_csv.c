/* report_review_csv.c — the 复核 sheets as one CSV (UTF-8 without BOM, RFC 4180): a row
 * per indicator, after it a row for a 单列 预算执行率, and a 总分 row per project carrying
 * both totals and the three conclusions (自评 recomputed, as 填报, 复核). */
#include "report_review.h"

#include <string.h>

/* A NUL-terminated field. */
static void field(jx_writer *wr, const char *s)
{
    jx_out_csv_field(wr, s, strlen(s));
}

/* ",", then hundredths with 2 decimals, nothing when negative (absent). */
static void cents(jx_writer *wr, int64_t c)
{
    jx_out_char(wr, ',');
    if (c >= 0)
        jx_out_fixed(wr, c, 2);
}

/* ",", then a weight in hundredths as written ("30", "7.5"), nothing when absent. */
static void weight(jx_writer *wr, int64_t c)
{
    jx_dec d = {c, 2};
    jx_out_char(wr, ',');
    if (c >= 0)
        jx_out_dec(wr, d);
}

/* ",", then a text field. */
static void text(jx_writer *wr, const char *s)
{
    jx_out_char(wr, ',');
    field(wr, s);
}

/* ",", then a grade's word, nothing for none. */
static void grade(jx_writer *wr, jx_grade g)
{
    jx_out_char(wr, ',');
    if (g != JX_GRADE_NONE)
        jx_out_str(wr, jx_grade_name(g));
}

/* The header row. */
static void begin(jx_writer *wr)
{
    jx_out_str(wr, "项目,一级指标,二级指标,三级指标,指标性质,指标值,单位,权重,自评完成值,自评得分,填报得分,"
                   "复核完成值,复核得分,扣分,偏差,备注,复核依据,复核表行,自评结论,填报结论,复核结论\n");
}

/* One indicator's row. */
static void line_row(jx_writer *wr, const jx_review_sheet *s, const jx_review_line *l)
{
    field(wr, s->project);
    text(wr, l->level1);
    text(wr, l->level2);
    text(wr, l->name);
    text(wr, l->nature);
    text(wr, l->target);
    text(wr, l->unit);
    weight(wr, l->weight_cents);
    text(wr, l->self_actual);
    cents(wr, l->self_cents);
    cents(wr, l->claimed_cents);
    text(wr, l->review_actual);
    cents(wr, l->review_cents);
    cents(wr, l->deduction_cents);
    jx_out_char(wr, ',');
    if (!l->not_applicable)
        jx_out_fixed(wr, l->diff_cents, 2);
    text(wr, l->note);
    text(wr, jx_review_basis_code(l->basis));
    jx_out_char(wr, ',');
    if (l->row)
        jx_out_uint(wr, l->row);
    jx_out_str(wr, ",,,\n");
}

/* The project's rows. */
static void sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    (void)i;
    for (size_t k = 0; k < s->nlines; k++)
        line_row(wr, s, &s->lines[k]);
    if (s->execution_cents >= 0) {
        field(wr, s->project);
        jx_out_str(wr, ",预算执行率,,,,,");
        weight(wr, s->execution_points_cents);
        jx_out_char(wr, ',');
        cents(wr, s->execution_cents);
        cents(wr, -1);
        jx_out_char(wr, ',');
        cents(wr, s->execution_cents);
        cents(wr, -1);
        cents(wr, 0);
        jx_out_str(wr, ",按资金计分，不复核,,,,,\n");
    }
    field(wr, s->project);
    jx_out_str(wr, ",总分,,,,,");
    weight(wr, s->weight_cents);
    jx_out_char(wr, ',');
    cents(wr, s->self_total_cents);
    cents(wr, s->claimed_total_cents);
    jx_out_char(wr, ',');
    cents(wr, s->review_total_cents);
    jx_out_char(wr, ',');
    jx_out_char(wr, ',');
    jx_out_fixed(wr, s->diff_cents, 2);
    jx_out_str(wr, ",,,");
    grade(wr, s->self_grade);
    grade(wr, s->claimed_grade);
    grade(wr, s->review_grade);
    jx_out_char(wr, '\n');
}

/* Nothing follows the last row. */
static void finish(jx_writer *wr, size_t nsheets)
{
    (void)wr;
    (void)nsheets;
}

const jx_review_reporter jx_review_reporter_csv = {"csv", begin, sheet, finish};
