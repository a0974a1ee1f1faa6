/* report_review_json.c — the 复核 sheets as one JSON document:
 * {"jixiao":"0.1.0","sheets":[ one object per project, one per line ]}.
 * Scores are exact 2-decimal numbers, weights as written; absent values are null.
 */
#include "report_review.h"

#include "report_parts.h"

/* Hundredths as a 2-decimal number, null when negative (absent). */
static void cents_or_null(jx_writer *wr, int64_t cents)
{
    if (cents < 0)
        jx_out_str(wr, "null");
    else
        jx_out_fixed(wr, cents, 2);
}

/* A difference in hundredths: a signed 2-decimal number. */
static void signed_cents(jx_writer *wr, int64_t cents)
{
    jx_out_fixed(wr, cents, 2);
}

/* A weight in hundredths as written ("30", "7.5"), null when absent. */
static void weight(jx_writer *wr, int64_t cents)
{
    jx_dec d = {cents, 2};
    if (cents < 0)
        jx_out_str(wr, "null");
    else
        jx_out_dec(wr, d);
}

/* One indicator's object. */
static void line_obj(jx_writer *wr, const jx_review_line *l)
{
    jx_out_str(wr, "{\"path\":[");
    jx_json_str(wr, l->level1);
    jx_out_char(wr, ',');
    jx_json_str(wr, l->level2);
    jx_out_char(wr, ',');
    jx_json_str(wr, l->name);
    jx_out_char(wr, ']');
    jx_json_key(wr, "line");
    jx_out_uint(wr, l->line);
    jx_json_key(wr, "nature");
    jx_json_str(wr, l->nature);
    jx_json_key(wr, "target");
    jx_json_str(wr, l->target);
    jx_json_key(wr, "target_text");
    jx_json_str(wr, l->target_text);
    jx_json_key(wr, "unit");
    jx_json_str(wr, l->unit);
    jx_json_key(wr, "weight");
    weight(wr, l->weight_cents);
    jx_json_key(wr, "not_applicable");
    jx_out_str(wr, l->not_applicable ? "true" : "false");
    jx_json_key(wr, "self_actual");
    jx_json_str(wr, l->self_actual);
    jx_json_key(wr, "self_score");
    cents_or_null(wr, l->self_cents);
    jx_json_key(wr, "claimed_score");
    cents_or_null(wr, l->claimed_cents);
    jx_json_key(wr, "review_actual");
    jx_json_str(wr, l->review_actual);
    jx_json_key(wr, "review_score");
    cents_or_null(wr, l->review_cents);
    jx_json_key(wr, "deduction");
    cents_or_null(wr, l->deduction_cents);
    jx_json_key(wr, "difference");
    if (l->not_applicable)
        jx_out_str(wr, "null");
    else
        signed_cents(wr, l->diff_cents);
    jx_json_key(wr, "note");
    jx_json_str(wr, l->note);
    jx_json_key(wr, "basis");
    jx_json_str(wr, jx_review_basis_code(l->basis));
    jx_json_key(wr, "row");
    if (l->row)
        jx_out_uint(wr, l->row);
    else
        jx_out_str(wr, "null");
    jx_out_char(wr, '}');
}

/* The document's head. */
static void begin(jx_writer *wr)
{
    jx_out_str(wr, "{\"jixiao\":");
    jx_json_str(wr, jx_version());
    jx_out_str(wr, ",\"sheets\":[\n");
}

/* One sheet, on a line of its own. */
static void sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    if (i > 0)
        jx_out_str(wr, ",\n");
    jx_out_str(wr, "{\"project\":");
    jx_json_str(wr, s->project);
    jx_json_key(wr, "file");
    jx_json_str(wr, s->file);
    jx_json_key(wr, "line");
    jx_out_uint(wr, s->line);
    jx_json_key(wr, "dept");
    jx_json_str(wr, s->dept);
    jx_json_key(wr, "org");
    jx_json_str(wr, s->org);
    jx_json_key(wr, "year");
    if (s->year > 0)
        jx_out_uint(wr, (uint64_t)s->year);
    else
        jx_out_str(wr, "null");
    jx_json_key(wr, "review_file");
    jx_json_str(wr, s->review_file);
    jx_json_key(wr, "indicators");
    jx_out_char(wr, '[');
    for (size_t k = 0; k < s->nlines; k++) {
        if (k)
            jx_out_char(wr, ',');
        line_obj(wr, &s->lines[k]);
    }
    jx_out_char(wr, ']');
    jx_json_key(wr, "reviewed");
    jx_out_uint(wr, s->reviewed);
    jx_json_key(wr, "execution");
    if (s->execution_cents < 0) {
        jx_out_str(wr, "null");
    } else {
        jx_out_str(wr, "{\"points\":");
        weight(wr, s->execution_points_cents);
        jx_json_key(wr, "score");
        jx_out_fixed(wr, s->execution_cents, 2);
        jx_out_char(wr, '}');
    }
    jx_json_key(wr, "weight");
    weight(wr, s->weight_cents);
    jx_json_key(wr, "self");
    jx_out_str(wr, "{\"total\":");
    jx_out_fixed(wr, s->self_total_cents, 2);
    jx_json_key(wr, "grade");
    jx_json_grade(wr, s->self_grade);
    jx_json_key(wr, "claimed_total");
    cents_or_null(wr, s->claimed_total_cents);
    jx_json_key(wr, "claimed_grade");
    jx_json_grade(wr, s->claimed_grade);
    jx_out_char(wr, '}');
    jx_json_key(wr, "review");
    jx_out_str(wr, "{\"total\":");
    jx_out_fixed(wr, s->review_total_cents, 2);
    jx_json_key(wr, "grade");
    jx_json_grade(wr, s->review_grade);
    jx_out_char(wr, '}');
    jx_json_key(wr, "difference");
    signed_cents(wr, s->diff_cents);
    jx_out_char(wr, '}');
}

/* Closes the array and the document. */
static void finish(jx_writer *wr, size_t nsheets)
{
    jx_out_str(wr, nsheets ? "\n]}\n" : "]}\n");
}

const jx_review_reporter jx_review_reporter_json = {"json", begin, sheet, finish};
