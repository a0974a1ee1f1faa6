/* report_review_json.c — the 复核 sheets as one JSON document:
 * {"jixiao":"0.1.0","sheets":[ one object per project, one per line ]}.
 * Scores are exact 2-decimal numbers, weights as written; absent values are null.
 */
#include "review.h"

#include "width.h"

#include <string.h>

/* Writes s as a JSON string: quotes, backslashes and control characters escaped, an
 * invalid UTF-8 byte replaced by U+FFFD. */
static void json_str(jx_writer *wr, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = strlen(s), run = 0;
    jx_out_char(wr, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t len = 1;
        const char *esc = NULL;
        char u[7];
        if (c >= 0x80) {
            int32_t cp;
            len = jx_utf8_decode(s + i, n - i, &cp);
            if (cp >= 0) {
                i += len;
                continue;
            }
            esc = "\\ufffd";
        } else if (c == '"') {
            esc = "\\\"";
        } else if (c == '\\') {
            esc = "\\\\";
        } else if (c == '\n') {
            esc = "\\n";
        } else if (c == '\r') {
            esc = "\\r";
        } else if (c == '\t') {
            esc = "\\t";
        } else if (c < 0x20) {
            memcpy(u, "\\u00", 4);
            u[4] = hex[c >> 4];
            u[5] = hex[c & 15];
            u[6] = '\0';
            esc = u;
        } else {
            i++;
            continue;
        }
        jx_out_bytes(wr, s + run, i - run);
        jx_out_str(wr, esc);
        i += len;
        run = i;
    }
    jx_out_bytes(wr, s + run, n - run);
    jx_out_char(wr, '"');
}

/* ,"key": — a key after the first of an object. */
static void key(jx_writer *wr, const char *k)
{
    jx_out_str(wr, ",\"");
    jx_out_str(wr, k);
    jx_out_str(wr, "\":");
}

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
    if (cents < 0) {
        jx_out_str(wr, "null");
        return;
    }
    jx_dec d = {cents, 2};
    char buf[JX_DEC_BUFSZ];
    jx_out_str(wr, jx_dec_format(d, buf, sizeof buf));
}

/* A grade as its word, null for none. */
static void grade(jx_writer *wr, jx_grade g)
{
    if (g == JX_GRADE_NONE)
        jx_out_str(wr, "null");
    else
        json_str(wr, jx_grade_name(g));
}

/* One indicator's object. */
static void line_obj(jx_writer *wr, const jx_review_line *l)
{
    jx_out_str(wr, "{\"path\":[");
    json_str(wr, l->level1);
    jx_out_char(wr, ',');
    json_str(wr, l->level2);
    jx_out_char(wr, ',');
    json_str(wr, l->name);
    jx_out_char(wr, ']');
    key(wr, "line");
    jx_out_uint(wr, l->line);
    key(wr, "nature");
    json_str(wr, l->nature);
    key(wr, "target");
    json_str(wr, l->target);
    key(wr, "target_text");
    json_str(wr, l->target_text);
    key(wr, "unit");
    json_str(wr, l->unit);
    key(wr, "weight");
    weight(wr, l->weight_cents);
    key(wr, "not_applicable");
    jx_out_str(wr, l->not_applicable ? "true" : "false");
    key(wr, "self_actual");
    json_str(wr, l->self_actual);
    key(wr, "self_score");
    cents_or_null(wr, l->self_cents);
    key(wr, "claimed_score");
    cents_or_null(wr, l->claimed_cents);
    key(wr, "review_actual");
    json_str(wr, l->review_actual);
    key(wr, "review_score");
    cents_or_null(wr, l->review_cents);
    key(wr, "deduction");
    cents_or_null(wr, l->deduction_cents);
    key(wr, "difference");
    if (l->not_applicable)
        jx_out_str(wr, "null");
    else
        signed_cents(wr, l->diff_cents);
    key(wr, "note");
    json_str(wr, l->note);
    key(wr, "basis");
    json_str(wr, jx_review_basis_code(l->basis));
    key(wr, "row");
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
    json_str(wr, jx_version());
    jx_out_str(wr, ",\"sheets\":[\n");
}

/* One sheet, on a line of its own. */
static void sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    if (i > 0)
        jx_out_str(wr, ",\n");
    jx_out_str(wr, "{\"project\":");
    json_str(wr, s->project);
    key(wr, "file");
    json_str(wr, s->file);
    key(wr, "line");
    jx_out_uint(wr, s->line);
    key(wr, "dept");
    json_str(wr, s->dept);
    key(wr, "org");
    json_str(wr, s->org);
    key(wr, "year");
    if (s->year > 0)
        jx_out_uint(wr, (uint64_t)s->year);
    else
        jx_out_str(wr, "null");
    key(wr, "review_file");
    json_str(wr, s->review_file);
    key(wr, "indicators");
    jx_out_char(wr, '[');
    for (size_t k = 0; k < s->nlines; k++) {
        if (k)
            jx_out_char(wr, ',');
        line_obj(wr, &s->lines[k]);
    }
    jx_out_char(wr, ']');
    key(wr, "reviewed");
    jx_out_uint(wr, s->reviewed);
    key(wr, "execution");
    if (s->execution_cents < 0) {
        jx_out_str(wr, "null");
    } else {
        jx_out_str(wr, "{\"points\":");
        weight(wr, s->execution_points_cents);
        key(wr, "score");
        jx_out_fixed(wr, s->execution_cents, 2);
        jx_out_char(wr, '}');
    }
    key(wr, "weight");
    weight(wr, s->weight_cents);
    key(wr, "self");
    jx_out_str(wr, "{\"total\":");
    jx_out_fixed(wr, s->self_total_cents, 2);
    key(wr, "grade");
    grade(wr, s->self_grade);
    key(wr, "claimed_total");
    cents_or_null(wr, s->claimed_total_cents);
    key(wr, "claimed_grade");
    grade(wr, s->claimed_grade);
    jx_out_char(wr, '}');
    key(wr, "review");
    jx_out_str(wr, "{\"total\":");
    jx_out_fixed(wr, s->review_total_cents, 2);
    key(wr, "grade");
    grade(wr, s->review_grade);
    jx_out_char(wr, '}');
    key(wr, "difference");
    signed_cents(wr, s->diff_cents);
    jx_out_char(wr, '}');
}

/* Closes the array and the document. */
static void finish(jx_writer *wr, size_t nsheets)
{
    jx_out_str(wr, nsheets ? "\n]}\n" : "]}\n");
}

const jx_review_reporter jx_review_reporter_json = {"json", begin, sheet, finish};
