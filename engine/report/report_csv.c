/* report_csv.c — one RFC 4180 row per indicator, UTF-8 without BOM. */
#include "report.h"

#include "csv.h"
#include "form.h"
#include "order.h"
#include "report_parts.h"
#include "score.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* The bytes that make a field quoted: comma, quote and line breaks. */
static const unsigned char csv_special[256] = {[','] = 1, ['"'] = 1, ['\n'] = 1, ['\r'] = 1};

/* Writes one field, quoted (with quotes doubled) when it holds a comma, quote or line break,
 * with the formula guard "'" first when it would read as a formula (jx_csv_guarded, csv.h). */
void jx_out_csv_field(jx_writer *wr, const char *s, size_t n)
{
    bool guard = jx_csv_guarded(s, n);
    size_t i = 0;
    while (i < n && !csv_special[(unsigned char)s[i]])
        i++;
    if (i == n) {
        if (guard)
            jx_out_char(wr, '\'');
        jx_out_bytes(wr, s, n);
        return;
    }
    jx_out_char(wr, '"');
    if (guard)
        jx_out_char(wr, '\'');
    size_t run = 0;
    for (i = 0; i < n; i++) {
        if (s[i] == '"') {
            jx_out_bytes(wr, s + run, i + 1 - run);
            jx_out_char(wr, '"');
            run = i + 1;
        }
    }
    jx_out_bytes(wr, s + run, n - run);
    jx_out_char(wr, '"');
}

/* One field of s[0..n). */
static void field_n(jx_writer *wr, const char *s, size_t n)
{
    jx_out_csv_field(wr, s, n);
}

/* A NUL-terminated field. */
static void field(jx_writer *wr, const char *s)
{
    field_n(wr, s, strlen(s));
}

/* A score with the policy's decimals, or nothing when there is none. */
static void fixed_or_empty(jx_writer *wr, const jx_project *p, int64_t units)
{
    if (p->scored && units >= 0)
        jx_out_fixed(wr, units, p->decimals);
}

/* The columns after the indicator's own: 总分, 自评结论. */
static void totals(jx_writer *wr, const jx_project *p)
{
    jx_out_char(wr, ',');
    fixed_or_empty(wr, p, p->total);
    jx_out_char(wr, ',');
    if (p->scored)
        jx_out_str(wr, jx_grade_name(p->grade));
}

/* ,file:line:col of an indicator (empty without a position). */
static void position(jx_writer *wr, const jx_project *p, jx_pos pos)
{
    jx_out_char(wr, ',');
    if (pos.line == 0)
        return;
    size_t fn = strlen(p->src.file);
    /* file:line:col as one field, quoted when the file name needs it */
    if (strpbrk(p->src.file, ",\"\r\n")) {
        char *tmp = jx_arena_printf(&wr->scratch, "%s:%u:%u", p->src.file, (unsigned)pos.line, (unsigned)pos.col);
        if (tmp)
            field(wr, tmp);
        return;
    }
    jx_out_bytes(wr, p->src.file, fn);
    jx_out_char(wr, ':');
    jx_out_uint(wr, pos.line);
    jx_out_char(wr, ':');
    jx_out_uint(wr, pos.col);
}

static void begin(jx_writer *wr, const jx_project *first)
{
    (void)first;
    jx_out_str(wr, "项目,一级指标,二级指标,三级指标,年度指标值,实际完成值,权重,得分,计分方法,总分,自评结论,位置,满分\n");
}

/* Whether s[0..n) goes into a row as it is (it holds no comma, quote or line break). */
static bool csv_plain(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (csv_special[(unsigned char)s[i]])
            return false;
    return true;
}

/* Appends s[0..n) at o; returns the end. */
static inline char *o_put(char *o, const char *s, size_t n)
{
    jx_copy_short(o, s, n);
    return o + n;
}

/* Appends u in decimal at o; returns the end. */
static inline char *o_uint(char *o, uint64_t u)
{
    unsigned nd = jx_digit_count(u);
    jx_digits_put(o, u, nd);
    return o + nd;
}

/* What every row of a project shares, found once: its name field and the columns from
 * 总分 to the file name of 位置 (the row's line and column follow). */
typedef struct csv_rows {
    char head[512];   /* the name field and its comma */
    size_t head_n;    /* its length (0: too long or not plain, write it field by field) */
    char tail[512];   /* ",总分,自评结论,file:" */
    size_t tail_n;    /* its length (0: write it piece by piece) */
    const char *full; /* the 满分 column: "80（不适用 20 分剔除）" (form.h), "" when not stated */
    size_t full_n;    /* its length */
} csv_rows;

/* Fills r for p: both parts, or 0 lengths when they do not fit or need quoting. */
static void csv_rows_of(csv_rows *r, jx_writer *wr, const jx_project *p)
{
    jx_full_marks fm;
    jx_full_marks_of(p, &fm);
    r->full = jx_form_full_marks_value(&wr->scratch, &fm);
    r->full_n = strlen(r->full);
    r->head_n = r->tail_n = 0;
    if (p->name.n + 1 < sizeof r->head && csv_plain(p->name.s, p->name.n)) {
        memcpy(r->head, p->name.s, p->name.n);
        r->head[p->name.n] = ',';
        r->head_n = p->name.n + 1;
    }
    size_t fn = strlen(p->src.file);
    if (fn + 64 >= sizeof r->tail || !csv_plain(p->src.file, fn))
        return;
    char *o = r->tail;
    *o++ = ',';
    if (p->scored && p->total >= 0)
        o += jx_num_put(p->total, p->decimals, false, o);
    *o++ = ',';
    if (p->scored) {
        const char *g = jx_grade_name(p->grade);
        o = o_put(o, g, strlen(g));
    }
    *o++ = ',';
    o = o_put(o, p->src.file, fn);
    *o++ = ':';
    r->tail_n = (size_t)(o - r->tail);
}

/* The group of `level` an indicator's row names (as jx_indicator_level1 and _level2), NULL for none. */
static const jx_group *row_group(const jx_indicator *ind, int level)
{
    const jx_project *ip = ind->project;
    if (!ip || ind->group >= ip->ngroups)
        return NULL;
    const jx_group *g = &ip->groups[ind->group];
    if (level == 1 && g->level == 2 && g->parent < ip->ngroups)
        return &ip->groups[g->parent];
    return level == 2 && g->level != 2 ? NULL : g;
}

/*
 * Writes the row of ind in one go when it is the usual one: the project's shared parts
 * found, the texts plain (see jx_indicator.plain) and the group names plain; returns
 * false having written nothing otherwise.
 */
static bool row_fast(jx_writer *wr, const jx_project *p, const csv_rows *r, const jx_indicator *ind)
{
    const jx_group *g1 = row_group(ind, 1), *g2 = row_group(ind, 2);
    if (!r->head_n || !r->tail_n || !p->scored || ind->pos.line == 0 || ind->score < 0 ||
        (g1 && (g1->plain != g1->name.s || !csv_plain(g1->name.s, g1->name.n))) ||
        (g2 && (g2->plain != g2->name.s || !csv_plain(g2->name.s, g2->name.n))) ||
        !jx_indicator_plain(ind, ind->name) || !jx_indicator_plain(ind, ind->target.text) ||
        !jx_indicator_plain(ind, ind->actual.text) || (ind->has_weight && ind->weight.scale > 18))
        return false;
    if (!csv_plain(r->full, r->full_n))
        return false;
    size_t need = r->head_n + r->tail_n + r->full_n + ind->name.n + ind->target.text.n + ind->actual.text.n +
                  (g1 ? g1->name.n : 0) + (g2 ? g2->name.n : 0) + 3 * JX_DEC_BUFSZ + 64;
    if (wr->cap - wr->len < need) {
        jx_out_flush(wr);
        if (wr->cap - wr->len < need)
            return false;
    }
    char *o = wr->buf + wr->len;
    o = o_put(o, r->head, r->head_n);
    if (g1)
        o = o_put(o, g1->name.s, g1->name.n);
    *o++ = ',';
    if (g2)
        o = o_put(o, g2->name.s, g2->name.n);
    *o++ = ',';
    o = o_put(o, ind->name.s, ind->name.n);
    *o++ = ',';
    if (ind->target.present)
        o = o_put(o, ind->target.text.s, ind->target.text.n);
    *o++ = ',';
    if (ind->actual.present)
        o = o_put(o, ind->actual.text.s, ind->actual.text.n);
    *o++ = ',';
    if (ind->has_weight)
        o = ind->weight.scale == 0 && ind->weight.v >= 0 ? o_uint(o, (uint64_t)ind->weight.v)
                                                         : o + jx_num_put(ind->weight.v, ind->weight.scale, true, o);
    *o++ = ',';
    o += jx_num_put(ind->score, p->decimals, false, o);
    *o++ = ',';
    o = o_put(o, jx_method_code(ind->method), jx_method_code_len(ind->method));
    o = o_put(o, r->tail, r->tail_n);
    o = o_uint(o, ind->pos.line);
    *o++ = ':';
    o = o_uint(o, ind->pos.col);
    *o++ = ',';
    o = o_put(o, r->full, r->full_n);
    *o++ = '\n';
    wr->len = (size_t)(o - wr->buf);
    return true;
}

static void project(jx_writer *wr, const jx_project *p)
{
    csv_rows rows;
    csv_rows_of(&rows, wr, p);
    jx_order ord;
    if (jx_order_build(&ord, p, &wr->scratch) != JX_OK) {
        jx_scratch_fail(wr);
        return;
    }
    if (p->exec_separate) {
        field_n(wr, p->name.s, p->name.n);
        jx_out_str(wr, ",预算执行率,,,100%,,");
        jx_out_dec(wr, p->exec_points);
        jx_out_char(wr, ',');
        fixed_or_empty(wr, p, p->exec_score);
        jx_out_char(wr, ',');
        if (p->scored)
            jx_out_str(wr, jx_method_code(JX_METHOD_EXECUTION));
        totals(wr, p);
        jx_out_str(wr, ",,");
        field_n(wr, rows.full, rows.full_n);
        jx_out_char(wr, '\n');
    }
    for (size_t i = 0; i < ord.ninds; i++) {
        const jx_indicator *ind = ord.inds[i];
        if (row_fast(wr, p, &rows, ind))
            continue;
        field_n(wr, p->name.s, p->name.n);
        jx_out_char(wr, ',');
        field(wr, jx_indicator_level1(ind));
        jx_out_char(wr, ',');
        field(wr, jx_indicator_level2(ind));
        jx_out_char(wr, ',');
        field_n(wr, ind->name.s, ind->name.n);
        jx_out_char(wr, ',');
        if (ind->target.present)
            field_n(wr, ind->target.text.s, ind->target.text.n);
        jx_out_char(wr, ',');
        if (ind->actual.present)
            field_n(wr, ind->actual.text.s, ind->actual.text.n);
        jx_out_char(wr, ',');
        if (ind->has_weight)
            jx_out_dec(wr, ind->weight);
        jx_out_char(wr, ',');
        fixed_or_empty(wr, p, ind->score);
        jx_out_char(wr, ',');
        if (p->scored)
            jx_out_str(wr, jx_method_code(ind->method));
        totals(wr, p);
        position(wr, p, ind->pos);
        jx_out_char(wr, ',');
        field_n(wr, rows.full, rows.full_n);
        jx_out_char(wr, '\n');
    }
}

static void finish(jx_writer *wr)
{
    (void)wr;
}

const jx_reporter jx_reporter_csv = {"csv", begin, project, finish, NULL};
