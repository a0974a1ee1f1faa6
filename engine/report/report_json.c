/* report_json.c — the JSON document, written by hand straight into the output buffer:
 * {"jixiao":"0.1.0","policy":"…","projects":[ one object per line ]}.
 * Numbers are exact decimals (scores with the policy's decimals); absent values null.
 */
#include "report.h"

#include "form.h"
#include "order.h"
#include "report_parts.h"
#include "score.h"
#include "text.h"

#include <string.h>

/* Appends s[0..n) to the output: a copy into the buffer when it fits (with n known
 * at compile time, as for the literals below, a few moves), else jx_out_bytes. */
static inline void put(jx_writer *wr, const char *s, size_t n)
{
    if (wr->cap - wr->len >= n) {
        memcpy(wr->buf + wr->len, s, n);
        wr->len += n;
    } else {
        jx_out_bytes(wr, s, n);
    }
}

/* Appends a string literal. */
#define LIT(wr, lit) put((wr), "" lit, sizeof(lit) - 1)

/* Writes s[0..n) as a JSON string, escaped (report_parts.h). */
#define json_str_n jx_json_str_n

/* Writes s[0..n), which needs no escaping, as a JSON string. */
static inline void json_plain_n(jx_writer *wr, const char *s, size_t n)
{
    if (wr->cap - wr->len >= n + 2) {
        char *o = wr->buf + wr->len;
        o[0] = '"';
        jx_copy_short(o + 1, s, n);
        o[n + 1] = '"';
        wr->len += n + 2;
        return;
    }
    put(wr, "\"", 1);
    put(wr, s, n);
    put(wr, "\"", 1);
}

/* Writes a text of ind: as it is when the parser found it plain, else escaped. */
static inline void ind_text(jx_writer *wr, const jx_indicator *ind, jx_str s)
{
    if (jx_indicator_plain(ind, s))
        json_plain_n(wr, s.s, s.n);
    else
        json_str_n(wr, s.s, s.n);
}

/* Writes the name of a group: as it is when the parser found it plain, else escaped. */
static inline void group_name(jx_writer *wr, const jx_group *g)
{
    if (g->plain == g->name.s)
        json_plain_n(wr, g->name.s, g->name.n);
    else
        json_str_n(wr, g->name.s, g->name.n);
}

static void json_str(jx_writer *wr, const char *s)
{
    json_str_n(wr, s ? s : "", s ? strlen(s) : 0);
}

/* Writes a literal piece of the document, such as `,"funds":[`. */
#define key(wr, k) LIT(wr, k)

/* Appends one byte. */
static inline void put_char(jx_writer *wr, char c)
{
    if (wr->len == wr->cap)
        jx_out_flush(wr);
    wr->buf[wr->len++] = c;
}

/* True when s[0..n) goes into a JSON string as it is: nothing to escape, valid UTF-8. */
static bool json_plain(const char *s, size_t n)
{
    return jx_text_json_plain(s, n) == n;
}

static void fixed_or_null(jx_writer *wr, const jx_project *p, int64_t units)
{
    if (!p->scored || units < 0)
        LIT(wr, "null");
    else
        jx_out_fixed(wr, units, p->decimals);
}

/* The file name of the positions written, looked at once per project. */
typedef struct source_file {
    const char *name; /* the file name */
    size_t n;         /* its length */
    bool plain;       /* it needs no escaping, so it is copied as it is */
} source_file;

/* Describes file for source(). */
static source_file source_file_of(const char *file)
{
    source_file f = {file, strlen(file), false};
    f.plain = json_plain(f.name, f.n);
    return f;
}

/* "file:line:col", or null without a position. */
static void source(jx_writer *wr, const source_file *f, uint32_t line, uint32_t col)
{
    if (line == 0) {
        LIT(wr, "null");
        return;
    }
    if (f->plain) {
        put_char(wr, '"');
        put(wr, f->name, f->n);
    } else {
        json_str_n(wr, f->name, f->n);
        wr->len--; /* json_str_n closed the quote; the position follows inside it */
    }
    put_char(wr, ':');
    jx_out_uint(wr, line);
    put_char(wr, ':');
    jx_out_uint(wr, col);
    put_char(wr, '"');
}

/* Writes an ASCII code that needs no escaping ("ge-met") as a JSON string. */
static void code_str(jx_writer *wr, const char *code)
{
    put_char(wr, '"');
    put(wr, code, strlen(code));
    put_char(wr, '"');
}

static void group_path(jx_writer *wr, const jx_project *p, const jx_group *g)
{
    put_char(wr, '[');
    if (g->level == 2 && g->parent < p->ngroups) {
        group_name(wr, &p->groups[g->parent]);
        put_char(wr, ',');
    }
    group_name(wr, g);
    put_char(wr, ']');
}

static void funds(jx_writer *wr, const jx_project *p)
{
    key(wr, ",\"funds\":[");
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        if (i)
            put_char(wr, ',');
        key(wr, "{\"source\":");
        json_str_n(wr, f->source.s, f->source.n);
        key(wr, ",\"initial\":");
        jx_out_dec(wr, f->initial);
        key(wr, ",\"budget\":");
        jx_out_dec(wr, f->budget);
        key(wr, ",\"spent\":");
        jx_out_dec(wr, f->spent);
        key(wr, ",\"rate\":");
        int64_t rate = jx_funds_rate(f);
        if (rate < 0)
            LIT(wr, "null");
        else
            jx_out_fixed(wr, rate, 2);
        put_char(wr, '}');
    }
    put_char(wr, ']');
}

static void value_or_null(jx_writer *wr, const jx_indicator *ind, const jx_value *v)
{
    if (v->present)
        ind_text(wr, ind, v->text);
    else
        LIT(wr, "null");
}

/* The indicator's formula as a string, written from how it was scored; null when none. */
static void formula(jx_writer *wr, const jx_project *p, const jx_indicator *ind)
{
    /* Written from texts the parser found plain, the formula is plain too (its own words
     * are): it goes straight into the buffer, between quotes, when there is room. */
    if (p->scored && !(ind->formula && ind->formula[0]) && wr->cap - wr->len >= 258 &&
        jx_indicator_plain(ind, ind->target.text) && jx_indicator_plain(ind, ind->target.unit) &&
        (!ind->actual.present || (jx_indicator_plain(ind, ind->actual.text) &&
                                  jx_indicator_plain(ind, ind->actual.unit)))) {
        jx_sbuf b;
        char *at = wr->buf + wr->len + 1;
        jx_sbuf_init(&b, at, wr->cap - wr->len - 2, &wr->scratch);
        jx_formula_write(&b, ind, p->decimals);
        if (b.len == 0) {
            LIT(wr, "null");
        } else if (b.s == at) {
            at[-1] = '"';
            at[b.len] = '"';
            wr->len += b.len + 2;
        } else {
            json_plain_n(wr, b.s, b.len); /* it outgrew the buffer's room */
        }
        return;
    }
    char small[256];
    jx_sbuf b;
    jx_sbuf_init(&b, small, sizeof small, &wr->scratch);
    if (p->scored)
        jx_formula_write(&b, ind, p->decimals);
    if (b.len > 0)
        json_str_n(wr, b.s, b.len);
    else
        LIT(wr, "null");
}

/* Writes the name of an indicator's group of `level` (1 or 2), as jx_indicator_level1()
 * and _level2() give it: "" when it has none. */
static void level_name(jx_writer *wr, const jx_indicator *ind, int level)
{
    const jx_group *g = NULL;
    if (ind->project && ind->group < ind->project->ngroups) {
        const jx_project *ip = ind->project;
        g = &ip->groups[ind->group];
        if (level == 1 && g->level == 2 && g->parent < ip->ngroups)
            g = &ip->groups[g->parent];
        else if (level == 2 && g->level != 2)
            g = NULL;
    }
    if (g)
        group_name(wr, g);
    else
        LIT(wr, "\"\"");
}

/*
 * The usual indicator, written in one go: its project is scored, its texts, its groups'
 * names and the file name are plain (nothing to escape), so its size is known but for
 * the formula, and it is written through a pointer after one test of the room left.
 */

/* Appends a string literal at o. */
#define O_LIT(o, lit) (memcpy((o), "" lit, sizeof(lit) - 1), (o) += sizeof(lit) - 1)

/* Appends s[0..n) between quotes at o; returns the end. */
static inline char *o_str(char *o, const char *s, size_t n)
{
    *o++ = '"';
    jx_copy_short(o, s, n);
    o[n] = '"';
    return o + n + 1;
}

/* Appends u in decimal at o; returns the end. */
static inline char *o_uint(char *o, uint64_t u)
{
    unsigned nd = jx_digit_count(u);
    jx_digits_put(o, u, nd);
    return o + nd;
}

/* Appends d as jx_out_dec writes it; returns the end (room for JX_DEC_BUFSZ bytes). */
static inline char *o_dec(char *o, jx_dec d)
{
    if (d.scale == 0 && d.v >= 0)
        return o_uint(o, (uint64_t)d.v);
    return o + jx_num_put(d.v, d.scale, true, o);
}

/* Appends units (>= 0) with `decimals` places as jx_out_fixed writes them; returns the end. */
static inline char *o_fixed(char *o, int64_t units, int decimals)
{
    if (decimals != 2)
        return o + jx_num_put(units, decimals, false, o);
    uint64_t u = (uint64_t)units, hi = u / 100;
    o = o_uint(o, hi);
    *o = '.';
    memcpy(o + 1, jx_digit_pairs + 2 * (u - hi * 100), 2);
    return o + 3;
}

/* Appends units with `decimals` places as jx_out_fixed writes them, at o; returns the end. */
static inline char *o_fixed_any(char *o, int64_t units, int decimals)
{
    return units >= 0 ? o_fixed(o, units, decimals) : o + jx_num_put(units, decimals, false, o);
}

/* Writes group g in one go when its names are plain and there is room; returns false
 * having written nothing otherwise. */
static bool group_fast(jx_writer *wr, const jx_project *p, const jx_group *g, bool comma)
{
    const jx_group *parent = g->level == 2 && g->parent < p->ngroups ? &p->groups[g->parent] : NULL;
    if (g->plain != g->name.s || (parent && parent->plain != parent->name.s) || (g->has_points && g->points.scale > 18))
        return false;
    size_t need = 128 + 3 * JX_DEC_BUFSZ + g->name.n + (parent ? parent->name.n : 0);
    if (wr->cap - wr->len < need) {
        jx_out_flush(wr);
        if (wr->cap - wr->len < need)
            return false;
    }
    char *o = wr->buf + wr->len;
    if (comma)
        *o++ = ',';
    O_LIT(o, "{\"path\":[");
    if (parent) {
        o = o_str(o, parent->name.s, parent->name.n);
        *o++ = ',';
    }
    o = o_str(o, g->name.s, g->name.n);
    *o++ = ']';
    if (g->level == 2)
        O_LIT(o, ",\"level\":2,\"points\":");
    else
        O_LIT(o, ",\"level\":1,\"points\":");
    if (g->has_points)
        o = o_fixed_any(o, jx_dec_to_units(g->points, p->decimals), p->decimals);
    else
        O_LIT(o, "null");
    O_LIT(o, ",\"score\":");
    if (!p->scored || g->score < 0)
        O_LIT(o, "null");
    else
        o = o_fixed_any(o, g->score, p->decimals);
    *o++ = '}';
    wr->len = (size_t)(o - wr->buf);
    return true;
}

static void groups(jx_writer *wr, const jx_project *p, const jx_order *ord)
{
    key(wr, ",\"groups\":[");
    for (size_t i = 0; i < ord->ngroups; i++) {
        const jx_group *g = ord->groups[i];
        if (group_fast(wr, p, g, i > 0))
            continue;
        if (i)
            put_char(wr, ',');
        key(wr, "{\"path\":");
        group_path(wr, p, g);
        key(wr, ",\"level\":");
        jx_out_uint(wr, g->level == 2 ? 2 : 1);
        key(wr, ",\"points\":");
        if (g->has_points)
            jx_out_fixed(wr, jx_dec_to_units(g->points, p->decimals), p->decimals);
        else
            LIT(wr, "null");
        key(wr, ",\"score\":");
        fixed_or_null(wr, p, g->score);
        put_char(wr, '}');
    }
    put_char(wr, ']');
}

/* Appends the code of method m between quotes; returns the end. */
static inline char *o_method(char *o, jx_method m)
{
    return o_str(o, jx_method_code(m), jx_method_code_len(m));
}

/* The group of `level` an indicator's path names (see level_name), NULL for none. */
static const jx_group *level_group(const jx_indicator *ind, int level)
{
    const jx_project *ip = ind->project;
    if (!ip || ind->group >= ip->ngroups)
        return NULL;
    const jx_group *g = &ip->groups[ind->group];
    if (level == 1 && g->level == 2 && g->parent < ip->ngroups)
        return &ip->groups[g->parent];
    return level == 2 && g->level != 2 ? NULL : g;
}

/* Bytes an indicator takes besides its texts and formula: keys, numbers and codes. */
#define IND_FIXED_BYTES (256 + 4 * JX_DEC_BUFSZ)
/* Room kept for the formula; a longer one is copied from where it was built. */
#define IND_FORMULA_ROOM 256

/*
 * Writes ind by the usual way (see above) and returns true, or returns false having
 * written nothing when it is not usual.
 */
static bool indicator_fast(jx_writer *wr, const jx_project *p, const jx_indicator *ind, const source_file *file,
                           bool comma)
{
    const jx_group *g1 = level_group(ind, 1), *g2 = level_group(ind, 2);
    if (!p->scored || !file->plain || (ind->formula && ind->formula[0]) || (g1 && g1->plain != g1->name.s) ||
        (g2 && g2->plain != g2->name.s) || !jx_indicator_plain(ind, ind->name) ||
        !jx_indicator_plain(ind, ind->target.text) || !jx_indicator_plain(ind, ind->target.unit) ||
        !jx_indicator_plain(ind, ind->actual.text) || !jx_indicator_plain(ind, ind->actual.unit) ||
        ind->score < 0 || (ind->has_weight && ind->weight.scale > 18) || (ind->has_claim && ind->claim.scale > 18))
        return false;
    size_t need = IND_FIXED_BYTES + IND_FORMULA_ROOM + file->n + ind->name.n + ind->target.text.n +
                  ind->actual.text.n + ind->target.unit.n + (g1 ? g1->name.n : 0) + (g2 ? g2->name.n : 0);
    if (wr->cap - wr->len < need) {
        jx_out_flush(wr);
        if (wr->cap - wr->len < need)
            return false;
    }
    char *o = wr->buf + wr->len;
    if (comma)
        *o++ = ',';
    O_LIT(o, "{\"path\":[");
    o = g1 ? o_str(o, g1->name.s, g1->name.n) : o_str(o, "", 0);
    *o++ = ',';
    o = g2 ? o_str(o, g2->name.s, g2->name.n) : o_str(o, "", 0);
    *o++ = ',';
    o = o_str(o, ind->name.s, ind->name.n);
    O_LIT(o, "],\"target\":");
    if (ind->target.present)
        o = o_str(o, ind->target.text.s, ind->target.text.n);
    else
        O_LIT(o, "null");
    O_LIT(o, ",\"actual\":");
    if (ind->actual.present)
        o = o_str(o, ind->actual.text.s, ind->actual.text.n);
    else
        O_LIT(o, "null");
    O_LIT(o, ",\"unit\":");
    if (ind->target.unit.n == 0 && ind->target.percent)
        O_LIT(o, "\"%\"");
    else
        o = o_str(o, ind->target.unit.s, ind->target.unit.n);
    O_LIT(o, ",\"weight\":");
    if (ind->has_weight)
        o = o_dec(o, ind->weight);
    else
        O_LIT(o, "null");
    O_LIT(o, ",\"score\":");
    o = o_fixed(o, ind->score, p->decimals);
    O_LIT(o, ",\"claimed\":");
    if (ind->has_claim)
        o = o_dec(o, ind->claim);
    else
        O_LIT(o, "null");
    O_LIT(o, ",\"method\":");
    o = o_method(o, ind->method);
    O_LIT(o, ",\"formula\":");
    jx_sbuf b;
    jx_sbuf_init(&b, o + 1, IND_FORMULA_ROOM, &wr->scratch);
    jx_formula_write(&b, ind, p->decimals);
    if (b.len == 0) {
        O_LIT(o, "null");
    } else if (b.s == o + 1) {
        *o = '"';
        o += b.len + 1;
        *o++ = '"';
    } else { /* it outgrew its room: copied, the buffer flushed first when need be */
        wr->len = (size_t)(o - wr->buf);
        json_plain_n(wr, b.s, b.len);
        if (wr->cap - wr->len < IND_FIXED_BYTES + file->n)
            jx_out_flush(wr);
        o = wr->buf + wr->len;
    }
    O_LIT(o, ",\"source\":");
    if (ind->pos.line == 0) {
        O_LIT(o, "null");
    } else {
        *o++ = '"';
        jx_copy_short(o, file->name, file->n);
        o += file->n;
        *o++ = ':';
        o = o_uint(o, ind->pos.line);
        *o++ = ':';
        o = o_uint(o, ind->pos.col);
        *o++ = '"';
    }
    *o++ = '}';
    wr->len = (size_t)(o - wr->buf);
    return true;
}

static void indicators(jx_writer *wr, const jx_project *p, const source_file *file, const jx_order *ord)
{
    key(wr, ",\"indicators\":[");
    for (size_t i = 0; i < ord->ninds; i++) {
        const jx_indicator *ind = ord->inds[i];
        if (indicator_fast(wr, p, ind, file, i > 0))
            continue;
        if (i)
            put_char(wr, ',');
        key(wr, "{\"path\":[");
        level_name(wr, ind, 1);
        put_char(wr, ',');
        level_name(wr, ind, 2);
        put_char(wr, ',');
        ind_text(wr, ind, ind->name);
        key(wr, "],\"target\":");
        value_or_null(wr, ind, &ind->target);
        key(wr, ",\"actual\":");
        value_or_null(wr, ind, &ind->actual);
        key(wr, ",\"unit\":");
        if (ind->target.unit.n == 0 && ind->target.percent)
            LIT(wr, "\"%\"");
        else
            ind_text(wr, ind, ind->target.unit);
        key(wr, ",\"weight\":");
        if (ind->has_weight)
            jx_out_dec(wr, ind->weight);
        else
            LIT(wr, "null");
        key(wr, ",\"score\":");
        fixed_or_null(wr, p, ind->score);
        key(wr, ",\"claimed\":");
        if (ind->has_claim)
            jx_out_dec(wr, ind->claim);
        else
            LIT(wr, "null");
        key(wr, ",\"method\":");
        if (p->scored)
            code_str(wr, jx_method_code(ind->method));
        else
            LIT(wr, "null");
        key(wr, ",\"formula\":");
        formula(wr, p, ind);
        key(wr, ",\"source\":");
        source(wr, file, ind->pos.line, ind->pos.col);
        put_char(wr, '}');
    }
    put_char(wr, ']');
}

static void warnings(jx_writer *wr, const jx_project *p, const source_file *file)
{
    key(wr, ",\"warnings\":[");
    for (size_t i = 0; i < p->diags.n; i++) {
        const jx_diag *d = &p->diags.v[i];
        if (i)
            put_char(wr, ',');
        key(wr, "{\"code\":");
        json_str(wr, d->code);
        key(wr, ",\"severity\":");
        code_str(wr, d->severity == JX_SEV_ERROR ? "error" : d->severity == JX_SEV_WARNING ? "warning" : "note");
        key(wr, ",\"message\":");
        json_str(wr, d->message);
        key(wr, ",\"source\":");
        if (d->file == file->name) {
            source(wr, file, d->line, d->column);
        } else {
            source_file other = source_file_of(d->file);
            source(wr, &other, d->line, d->column);
        }
        put_char(wr, '}');
    }
    put_char(wr, ']');
}

static void begin(jx_writer *wr, const jx_project *first)
{
    jx_out_str(wr, "{\"jixiao\":\"" JX_VERSION "\",\"policy\":");
    if (first && first->scored && first->policy_name && first->policy_name[0])
        json_str(wr, first->policy_name);
    else
        LIT(wr, "null");
    jx_out_str(wr, ",\"projects\":[");
}

static void project(jx_writer *wr, const jx_project *p)
{
    jx_out_str(wr, wr->nprojects ? ",\n{\"name\":" : "\n{\"name\":");
    json_str_n(wr, p->name.s, p->name.n);
    key(wr, ",\"file\":");
    json_str(wr, p->src.file);
    key(wr, ",\"line\":");
    jx_out_uint(wr, p->pos.line);
    key(wr, ",\"dept\":");
    json_str_n(wr, p->dept.s, p->dept.n);
    key(wr, ",\"org\":");
    json_str_n(wr, p->org.s, p->org.n);
    key(wr, ",\"year\":");
    if (p->has_year && p->year >= 0)
        jx_out_uint(wr, (uint64_t)p->year);
    else
        LIT(wr, "null");
    key(wr, ",\"money_unit\":");
    json_str_n(wr, p->money_unit.s, p->money_unit.n);
    funds(wr, p);
    jx_order ord;
    if (jx_order_build(&ord, p, &wr->scratch) != JX_OK) {
        jx_scratch_fail(wr);
        return;
    }
    groups(wr, p, &ord);
    source_file file = source_file_of(p->src.file);
    indicators(wr, p, &file, &ord);
    key(wr, ",\"total\":");
    fixed_or_null(wr, p, p->total);
    key(wr, ",\"grade\":");
    if (p->scored && p->grade != JX_GRADE_NONE)
        json_str(wr, jx_grade_name(p->grade));
    else
        LIT(wr, "null");
    jx_full_marks fm;
    jx_full_marks_of(p, &fm);
    if (fm.stated) { /* 不适用 剔除 lowered the 满分 (score.h) */
        key(wr, ",\"full_marks\":");
        jx_out_dec(wr, fm.full);
        key(wr, ",\"not_applicable_points\":");
        jx_out_dec(wr, fm.dropped);
    }
    key(wr, ",\"claimed_total\":");
    if (p->has_claimed_total)
        jx_out_dec(wr, p->claimed_total);
    else
        LIT(wr, "null");
    key(wr, ",\"claimed_grade\":");
    if (p->claimed_grade != JX_GRADE_NONE)
        json_str(wr, jx_grade_name(p->claimed_grade));
    else
        LIT(wr, "null");
    if (p->exec_separate) {
        key(wr, ",\"execution\":{\"points\":");
        jx_out_dec(wr, p->exec_points);
        key(wr, ",\"score\":");
        fixed_or_null(wr, p, p->exec_score);
        key(wr, ",\"formula\":");
        json_str(wr, p->exec_formula);
        put_char(wr, '}');
    }
    warnings(wr, p, &file);
    put_char(wr, '}');
}

static void finish(jx_writer *wr)
{
    jx_out_str(wr, wr->nprojects ? "\n]}\n" : "]}\n");
}

const jx_reporter jx_reporter_json = {"json", begin, project, finish, NULL};
