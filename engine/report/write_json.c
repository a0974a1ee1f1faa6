/* SPDX-License-Identifier: MIT */
/* write_json.c — the library's JSON documents, written by hand straight into the
 * writer's output buffer (report.h): the scores (jx_reporter_json), the audit
 * (jx_audit_reporter_json) and the 复核 sheets (jx_review_reporter_json).
 *
 *   scores  {"jixiao":"0.1.0","policy":…,"projects":[ one object per line ]}
 *   audit   {"jixiao":"0.1.0","policy":…,"min_severity":…,"projects":[ one object per
 *            line ],"summary":{…},"sample":null|{…}}
 *   review  {"jixiao":"0.1.0","sheets":[ one object per line ]}
 *
 * One set of primitives serves the three: a string escaped as text.h says, in one place
 * (jx_json_str_n); keys; exact decimals (scores with the policy's decimals, money in 万元,
 * weights as written); null for an absent value; grades. The shapes the documents share
 * are written once: the head, the head of a project or sheet (name, file, line, 主管部门,
 * 单位), a finding, counts by severity, a 单列 预算执行率.
 *
 * Why by hand: the scores are the hot path of `jixiao score --format json` (bench/). A
 * JSON library would build a tree per project and escape every string; here the usual
 * 资金 row, group and indicator — its texts found plain by the parser (jx_indicator_plain),
 * so nothing to escape — is written through a pointer after one check of the room left
 * (funds_fast, group_fast, indicator_fast), and a project's object is compiled as one
 * function (score_project, JX_FAST_PATH) rather than a call for each small piece. An
 * indicator's short texts, copied from where more bytes may be read after them (its
 * line's plain copy, the path and position openings made once), are one fixed move each
 * (o_over) rather than a copy told apart by size.
 * Invariant: a fast path writes exactly the bytes the general path would, or writes
 * nothing and returns false; tests/unit/test_report_fast.c writes every input both ways
 * and compares, and the golden runs hold the bytes.
 */
#include "report.h"

#include "order.h"
#include "score.h"
#include "text.h"
#include "value.h"

#include <string.h>

/* ------------------------------------------------------------- primitives */

/* Appends s[0..n): a copy into the buffer when it fits (with n known at compile time,
 * as for the literals below, a few moves), else jx_out_bytes. */
static inline void put(jx_writer *wr, const char *s, size_t n)
{
    if (wr->cap - wr->len >= n) {
        memcpy(wr->buf + wr->len, s, n);
        wr->len += n;
    } else {
        jx_out_bytes(wr, s, n);
    }
}

/* Appends a string literal: a piece of the document such as `,"funds":[`. */
#define LIT(wr, lit) put((wr), "" lit, sizeof(lit) - 1)

/* `,"k":` for a literal key k: a member after the first (jx_json_key, made at compile time). */
#define KEY(wr, k) LIT(wr, ",\"" k "\":")

/* `,"k":"s"` and `,"k":n`: a string and a count member after the first, k a literal. */
#define KEY_STR(wr, k, s) (KEY(wr, k), jx_json_str((wr), (s)))
#define KEY_UINT(wr, k, v) (KEY(wr, k), jx_out_uint((wr), (v)))

/* `,"k":{`: an object member after the first, its first bytes lit after the brace. */
#define OBJECT(wr, k, lit) LIT(wr, ",\"" k "\":{" lit)

/* Appends one byte. */
static inline void put_char(jx_writer *wr, char c)
{
    if (wr->len == wr->cap)
        jx_out_flush(wr);
    wr->buf[wr->len++] = c;
}

/* Opens element i of an array: the comma before every element but the first. */
static inline void elem(jx_writer *wr, size_t i)
{
    if (i)
        put_char(wr, ',');
}

/* Element i of an array that starts with the literal lit, such as `{"code":`: with the
 * comma before it unless it is the first, in one move. */
#define ELEM(wr, i, lit) put((wr), &("," lit)[!(i)], sizeof(lit) - !(i))

/* How the object of a group, an indicator or a review line opens, up to its path's
 * first name: the fast paths add that name's quote to it. */
#define JSON_PATH_OPEN "{\"path\":["

/* `,"k":[`: an array member after the first. */
#define ARRAY(wr, k) LIT(wr, ",\"" k "\":[")

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
    put_char(wr, '"');
    put(wr, s, n);
    put_char(wr, '"');
}

/* Writes s[0..n) as a JSON string: copied as it is when plain is true (the text is known
 * to need no escape: the parser found it so, or it was tested once for many uses), else
 * escaped; the general path (general_only) always escapes. */
static inline void json_known(jx_writer *wr, const char *s, size_t n, bool plain)
{
    if (plain && !wr->general_only)
        json_plain_n(wr, s, n);
    else
        jx_json_str_n(wr, s, n);
}

void jx_json_str_n(jx_writer *w, const char *s, size_t n)
{
    /* The usual text needs no escape: when it is empty or the escaper's first step takes
     * all of it, it is copied between its quotes at once. Else (and with general_only)
     * the escaper's loop writes it, from the start. */
    if (!w->general_only && (n == 0 || jx_text_json_plain(s, n) == n)) {
        json_plain_n(w, s, n);
        return;
    }
    put_char(w, '"');
    jx_out_escaped(w, &jx_text_json_escaper, s, n);
    put_char(w, '"');
}

void jx_json_str(jx_writer *w, const char *s)
{
    jx_json_str_n(w, s ? s : "", s ? strlen(s) : 0);
}

void jx_json_key(jx_writer *w, const char *k)
{
    LIT(w, ",\"");
    put(w, k, strlen(k));
    LIT(w, "\":");
}

void jx_json_grade(jx_writer *w, jx_grade g)
{
    /* A grade's name is one of the library's own words (优 良 中 差, model.c), which need no
     * escape (test_json_strings.c, grades_copied): copied as it is, not tested. */
    if (g == JX_GRADE_NONE) {
        LIT(w, "null");
    } else {
        const char *name = jx_grade_name(g);
        json_known(w, name, strlen(name), true);
    }
}

/* Writes an ASCII code that needs no escaping ("ge-met", "warning") as a JSON string. */
static void code_str(jx_writer *wr, const char *code)
{
    json_plain_n(wr, code, strlen(code));
}

static void json_bool(jx_writer *wr, bool b)
{
    if (b)
        LIT(wr, "true");
    else
        LIT(wr, "false");
}

/* A string, or null for NULL. Out of line: inlined where s is a literal ("单位"), gcc by
 * profile follows jx_copy_short's branches for longer texts past its end and warns
 * (-Warray-bounds), though strlen rules them out. */
static __attribute__((noinline)) void str_or_null(jx_writer *wr, const char *s)
{
    if (s)
        jx_json_str(wr, s);
    else
        LIT(wr, "null");
}

/* units with `decimals` places, or null when negative (absent). */
static void fixed_or_null(jx_writer *wr, int64_t units, int decimals)
{
    if (units < 0)
        LIT(wr, "null");
    else
        jx_out_fixed(wr, units, decimals);
}

/* A score of project p (10^-decimals units), null when p is not scored or it is absent. */
static inline void score_or_null(jx_writer *wr, const jx_project *p, int64_t units)
{
    fixed_or_null(wr, p->scored ? units : -1, p->decimals);
}

/* d as written ("30", "7.5"), or null when it is absent. */
static void dec_or_null(jx_writer *wr, bool has, jx_dec d)
{
    if (has)
        jx_out_dec(wr, d);
    else
        LIT(wr, "null");
}

static void uint_or_null(jx_writer *wr, bool has, uint64_t v)
{
    if (has)
        jx_out_uint(wr, v);
    else
        LIT(wr, "null");
}

/* A NUL-terminated string, NULL taken for "", as a jx_str. */
static jx_str cstr(const char *s)
{
    jx_str r = {s ? s : "", s ? (uint32_t)strlen(s) : 0};
    return r;
}

/* ------------------------------------------------------------ shared shapes */

/* The head every document starts with: {"jixiao":"0.1.0", then unless policy is NULL
 * ,"policy": with the policy's name, null when it is "" (no policy). */
static void doc_head(jx_writer *wr, const char *policy)
{
    LIT(wr, "{\"jixiao\":\"" JX_VERSION "\"");
    if (!policy)
        return;
    KEY(wr, "policy");
    str_or_null(wr, policy[0] ? policy : NULL);
}

/* What opens the i-th object of a list of projects, one per line ("[" and the newline
 * before the first written with it). */
#define NAME_LEAD(i) ((i) ? ",\n{\"name\":" : "\n{\"name\":")

/* Closes a document's list of n objects written one per line. */
static void list_close(jx_writer *wr, size_t n)
{
    if (n)
        LIT(wr, "\n]");
    else
        LIT(wr, "]");
}

/* The file name of the positions written, looked at once per project. */
typedef struct source_file {
    const char *name; /* the file name */
    size_t n;         /* its length */
    bool plain;       /* it needs no escaping, so it is copied as it is */
    bool fast;        /* set by score_project: the project's indicators may be written in one
                         go (indicator_fast), the name plain, the project scored and the
                         writer not general_only; false elsewhere */
} source_file;

/* Describes file (NULL taken for "") for item_head_of() and source(). */
static source_file source_file_of(const char *file)
{
    source_file f = {file ? file : "", file ? strlen(file) : 0, false, false};
    f.plain = jx_text_json_plain(f.name, f.n) == f.n;
    return f;
}

/* Writes s, a text of a project: as it is when the parser found it plain and kept it at
 * `plain` (jx_project.plain, jx_funds.source_plain; NULL: not known), else escaped. */
static inline void project_text(jx_writer *wr, jx_str s, const char *plain)
{
    json_known(wr, s.s, s.n, jx_str_plain_as_read(s, plain));
}

/* Opens the object of a project, a sheet or a pick: lead (`{"name":` after what
 * separates it from the one before), its name (as project_text writes it, name_plain
 * NULL when not known), then "file" (as described by file, copied as it is when plain)
 * and "line". */
static void item_head_of(jx_writer *wr, const char *lead, jx_str name, const char *name_plain,
                         const source_file *file, uint64_t line)
{
    put(wr, lead, strlen(lead));
    project_text(wr, name, name_plain);
    KEY(wr, "file");
    json_known(wr, file->name, file->n, file->plain);
    KEY_UINT(wr, "line", line);
}

/* item_head_of for a file name (NULL taken for ""). */
static void item_head(jx_writer *wr, const char *lead, jx_str name, const char *file, uint64_t line)
{
    source_file f = source_file_of(file);
    item_head_of(wr, lead, name, NULL, &f, line);
}

/* ,"dept":…,"org":… — a project's 主管部门 and 单位, as project_text writes them. */
static void dept_org(jx_writer *wr, jx_str dept, const char *dept_plain, jx_str org, const char *org_plain)
{
    KEY(wr, "dept");
    project_text(wr, dept, dept_plain);
    KEY(wr, "org");
    project_text(wr, org, org_plain);
}

/* Opens a 单列 预算执行率: {"points":…,"score":… (null for an absent one). */
static void execution_open(jx_writer *wr, bool has_points, jx_dec points, int64_t score, int decimals)
{
    LIT(wr, "{\"points\":");
    dec_or_null(wr, has_points, points);
    KEY(wr, "score");
    fixed_or_null(wr, score, decimals);
}

/* ================================================================= scores */

/* Writes a text of ind: as it is when the parser found it plain, else escaped. */
static inline void ind_text(jx_writer *wr, const jx_indicator *ind, jx_str s)
{
    json_known(wr, s.s, s.n, jx_indicator_plain(ind, s));
}

/* Writes the name of a group: as it is when the parser found it plain, else escaped. */
static inline void group_name(jx_writer *wr, const jx_group *g)
{
    json_known(wr, g->name.s, g->name.n, g->plain == g->name.s);
}

/* True when g's name is written as it is (the parser found it plain); NULL is "". */
static inline bool group_plain(const jx_group *g)
{
    return !g || g->plain == g->name.s;
}

/* "file:line:col", or null without a position. */
static void source(jx_writer *wr, const source_file *f, uint32_t line, uint32_t col)
{
    if (line == 0) {
        LIT(wr, "null");
        return;
    }
    if (f->plain && !wr->general_only && wr->cap - wr->len >= f->n + 24) { /* the usual: in one go */
        char *o = wr->buf + wr->len;
        *o++ = '"';
        jx_copy_short(o, f->name, f->n);
        o += f->n;
        *o++ = ':';
        o = jx_uint_put(o, line);
        *o++ = ':';
        o = jx_uint_put(o, col);
        *o++ = '"';
        wr->len = (size_t)(o - wr->buf);
        return;
    }
    if (f->plain) {
        put_char(wr, '"');
        put(wr, f->name, f->n);
    } else {
        jx_json_str_n(wr, f->name, f->n);
        wr->len--; /* jx_json_str_n closed the quote, its last byte in the buffer; the position follows inside it */
    }
    put_char(wr, ':');
    jx_out_uint(wr, line);
    put_char(wr, ':');
    jx_out_uint(wr, col);
    put_char(wr, '"');
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
        jx_json_str_n(wr, b.s, b.len);
    else
        LIT(wr, "null");
}

/* Writes the name of an indicator's group of `level`, "" when it has none. */
static void level_name(jx_writer *wr, const jx_indicator *ind, int level)
{
    const jx_group *g = jx_indicator_group_at(ind, level);
    if (g)
        group_name(wr, g);
    else
        LIT(wr, "\"\"");
}

/* The parent of a 二级 group g, NULL for a 一级 group. */
static inline const jx_group *group_parent(const jx_project *p, const jx_group *g)
{
    return g->level == 2 && g->parent < p->ngroups ? &p->groups[g->parent] : NULL;
}

/* The usual group and indicator are written in one go: their names (and the indicator's
 * texts and the file name) plain, so their size is known but for the formula; written
 * through a pointer o after one test of the room left (jx_out_room, jx_at_*). */

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

/* units with `decimals` places at o, as jx_at_fixed: the usual 2 places of a score or a
 * rate >= 0 as jx_num_put splits them (jx_num_at_u64, up to 99.99 by one 32-bit product
 * rather than jx_at_fixed's 64-bit division), the others jx_at_fixed's. Here, not in
 * jx_at_fixed itself: the CSV's row_fast, grown by it, is no longer inlined by the
 * profile-optimised build and costs more than it gains. */
static inline char *o_fixed(char *o, int64_t units, int decimals)
{
    if (decimals == 2 && units >= 0)
        return jx_num_at_u64(o, (uint64_t)units, 2, false);
    return jx_at_fixed(o, units, decimals);
}

/* Room an over-copy (o_over) may write past the bytes it appends. */
#define O_OVER_SLACK 64

/* Appends s[0..n) at o and returns the end, where `readable` bytes from s may be read
 * (readable >= n) and o has O_OVER_SLACK bytes of room past n. The usual short text, 1 to
 * 64 bytes, is one fixed move of 16, 32 or 64 bytes: the bytes past n are left at o + n,
 * to be written over by what follows (or left past wr->len), so no size is told apart
 * within the move as jx_copy_short must. Else (none, past 64, too little to read) as
 * jx_at_bytes. Nothing is read from s when n is 0. */
static inline char *o_over(char *o, const char *s, size_t n, size_t readable)
{
    if (n - 1 < 16 && readable >= 16) {
        memcpy(o, s, 16);
        return o + n;
    }
    if (n - 1 < 32 && readable >= 32) {
        memcpy(o, s, 32);
        return o + n;
    }
    if (n - 1 < 64 && readable >= 64) {
        memcpy(o, s, 64);
        return o + n;
    }
    return jx_at_bytes(o, s, n);
}

/* Appends text s[0..n) of an indicator whose plain copy ends at end, by o_over. A text of
 * one byte or more lies in the copy (jx_indicator_plain, asked first), so all from s to
 * the copy's end may be read; an empty one, which may lie anywhere, is nothing read. */
static inline char *o_text(char *o, const char *s, size_t n, const char *end)
{
    return o_over(o, s, n, (uintptr_t)end - (uintptr_t)s);
}

/* o_text between quotes. */
static inline char *o_text_str(char *o, const char *s, size_t n, const char *end)
{
    *o++ = '"';
    o = o_text(o, s, n, end);
    *o++ = '"';
    return o;
}

/* Appends s[0..n) between quotes at o when present, else null; returns the end. */
static inline char *o_opt_str(char *o, bool present, const char *s, size_t n)
{
    if (present)
        return o_str(o, s, n);
    O_LIT(o, "null");
    return o;
}

/* Appends d when has, else null; returns the end. */
static inline char *o_opt_dec(char *o, bool has, jx_dec d)
{
    if (has)
        return jx_at_dec(o, d);
    O_LIT(o, "null");
    return o;
}

/* Writes 资金 row f (after a comma when comma) in one go, through a pointer after one test
 * of the room left, when its source was found plain; returns false having written nothing
 * otherwise. The same bytes as the loop of funds() below. */
static bool funds_fast(jx_writer *wr, const jx_funds *f, bool comma)
{
    if (JX_RARE(wr->general_only || !jx_str_plain_as_read(f->source, f->source_plain) ||
                !jx_out_room(wr, 64 + f->source.n + 4 * JX_DEC_BUFSZ)))
        return false;
    char *o = wr->buf + wr->len;
    if (comma)
        *o++ = ',';
    O_LIT(o, "{\"source\":\"");
    o = jx_at_bytes(o, f->source.s, f->source.n);
    O_LIT(o, "\",\"initial\":");
    o = o_opt_dec(o, f->has_initial, f->initial);
    O_LIT(o, ",\"budget\":");
    o = o_opt_dec(o, f->has_budget, f->budget);
    O_LIT(o, ",\"spent\":");
    o = o_opt_dec(o, f->has_spent, f->spent);
    O_LIT(o, ",\"rate\":");
    int64_t rate = jx_funds_rate(f);
    if (rate < 0)
        O_LIT(o, "null");
    else
        o = o_fixed(o, rate, 2);
    *o++ = '}';
    wr->len = (size_t)(o - wr->buf);
    return true;
}

static void funds(jx_writer *wr, const jx_project *p)
{
    ARRAY(wr, "funds");
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        if (funds_fast(wr, f, i > 0)) {
            wr->fast_written++;
            continue;
        }
        ELEM(wr, i, "{\"source\":");
        project_text(wr, f->source, f->source_plain);
        KEY(wr, "initial");
        dec_or_null(wr, f->has_initial, f->initial); /* null: not given (jx_funds) */
        KEY(wr, "budget");
        dec_or_null(wr, f->has_budget, f->budget);
        KEY(wr, "spent");
        dec_or_null(wr, f->has_spent, f->spent);
        KEY(wr, "rate");
        fixed_or_null(wr, jx_funds_rate(f), 2);
        put_char(wr, '}');
    }
    put_char(wr, ']');
}

/* Appends the name of g at o, nothing for none; returns the end. */
static inline char *o_group(char *o, const jx_group *g)
{
    return g ? jx_at_bytes(o, g->name.s, g->name.n) : o;
}

/* Where an object of at most need bytes is written in one go: after a comma when comma,
 * opened with `{"path":["`, the quote of the first name of its path with it; NULL,
 * nothing written, when the buffer cannot hold it. */
static inline char *o_path_open(jx_writer *wr, size_t need, bool comma)
{
    if (!jx_out_room(wr, need))
        return NULL;
    char *o = wr->buf + wr->len;
    if (comma)
        *o++ = ',';
    O_LIT(o, JSON_PATH_OPEN "\"");
    return o;
}

/* Writes group g in one go when its names are plain and there is room; returns false
 * having written nothing otherwise. */
JX_FAST_PATH static bool group_fast(jx_writer *wr, const jx_project *p, const jx_group *g, bool comma)
{
    const jx_group *parent = group_parent(p, g);
    if (JX_RARE(wr->general_only || !group_plain(g) || !group_plain(parent) || (g->has_points && g->points.scale > 18)))
        return false;
    char *o = o_path_open(wr, 128 + 3 * JX_DEC_BUFSZ + g->name.n + (parent ? parent->name.n : 0), comma);
    if (!o)
        return false;
    if (parent) {
        o = jx_at_bytes(o, parent->name.s, parent->name.n);
        O_LIT(o, "\",\"");
    }
    o = jx_at_bytes(o, g->name.s, g->name.n);
    O_LIT(o, "\"]");
    if (g->level == 2)
        O_LIT(o, ",\"level\":2,\"points\":");
    else
        O_LIT(o, ",\"level\":1,\"points\":");
    if (g->has_points)
        o = jx_at_dec_fixed(o, g->points, p->decimals);
    else
        O_LIT(o, "null");
    O_LIT(o, ",\"score\":");
    if (!p->scored || g->score < 0)
        O_LIT(o, "null");
    else
        o = o_fixed(o, g->score, p->decimals);
    *o++ = '}';
    wr->len = (size_t)(o - wr->buf);
    return true;
}

JX_FAST_PATH static void groups(jx_writer *wr, const jx_project *p, const jx_order *ord)
{
    ARRAY(wr, "groups");
    for (size_t i = 0; i < ord->ngroups; i++) {
        const jx_group *g = ord->groups[i], *parent = group_parent(p, g);
        if (group_fast(wr, p, g, i > 0)) {
            wr->fast_written++;
            continue;
        }
        ELEM(wr, i, JSON_PATH_OPEN);
        if (parent) {
            group_name(wr, parent);
            put_char(wr, ',');
        }
        group_name(wr, g);
        LIT(wr, "],\"level\":");
        jx_out_uint(wr, g->level == 2 ? 2 : 1);
        KEY(wr, "points");
        if (g->has_points)
            jx_out_fixed(wr, jx_dec_to_units(g->points, p->decimals), p->decimals);
        else
            LIT(wr, "null");
        KEY(wr, "score");
        score_or_null(wr, p, g->score);
        put_char(wr, '}');
    }
    put_char(wr, ']');
}

/* The groups of the path of the indicators written last, and the opening of their
 * positions. The indicators come group by group, so whether the names of a path's groups
 * are plain, and the bytes of the object before the indicator's own name, are found once
 * a group rather than once an indicator. Invariant: with g1 and g2 what
 * jx_indicator_group_at gives for levels 1 and 2 of an indicator of `project` whose group
 * is `group`, plain is true when both names are plain (a NULL group is) and the bytes
 * `,{"path":["g1","g2","` (a NULL group's name empty) are in names[0..names_n), which they
 * fit; source_n is 0 or source[0..source_n) is `,"source":"file:` for the project's file.
 * Both arrays are read by o_over past their bytes, within the arrays. */
typedef struct path_groups {
    const jx_project *project; /* the indicator's project (jx_indicator.project) */
    uint32_t group;            /* its group (jx_indicator.group) */
    bool plain;                /* both names plain, and names made */
    size_t names_n;            /* the bytes of names */
    char names[512];           /* how the object opens, up to the indicator's name:
                                  ,{"path":["g1","g2"," (the comma left out before the first) */
    size_t source_n;           /* the bytes of source, 0 when not made (a file name too long) */
    char source[128];          /* how the position of an indicator of the file opens: ,"source":"file: */
} path_groups;

/* Sets pg to hold for no indicator yet (names left unset: made when first asked for; an
 * indicator of no project and of group UINT32_MAX, never from the parser, finds plain
 * false and takes the general path), with the opening of the positions in file when its
 * indicators go the fast way (file->fast) and it fits. */
static inline void path_groups_none(path_groups *pg, const source_file *file)
{
    pg->project = NULL;
    pg->group = UINT32_MAX;
    pg->plain = false;
    pg->source_n = 0;
    if (file->fast && file->n + 12 <= sizeof pg->source) {
        char *o = pg->source;
        O_LIT(o, ",\"source\":\"");
        o = jx_at_bytes(o, file->name, file->n);
        *o++ = ':';
        pg->source_n = (size_t)(o - pg->source);
    }
}

/* The path of ind, from pg when it is the last indicator's, else found and
 * kept in pg. */
static inline const path_groups *path_groups_of(path_groups *pg, const jx_indicator *ind)
{
    if (ind->group != pg->group || ind->project != pg->project) {
        const jx_group *g1 = jx_indicator_group_at(ind, 1), *g2 = jx_indicator_group_at(ind, 2);
        size_t n1 = g1 ? g1->name.n : 0, n2 = g2 ? g2->name.n : 0;
        pg->project = ind->project;
        pg->group = ind->group;
        pg->plain = group_plain(g1) && group_plain(g2) && n1 + n2 + 17 <= sizeof pg->names;
        if (pg->plain) {
            char *o = pg->names;
            O_LIT(o, "," JSON_PATH_OPEN "\"");
            o = o_group(o, g1);
            O_LIT(o, "\",\"");
            o = o_group(o, g2);
            O_LIT(o, "\",\"");
            pg->names_n = (size_t)(o - pg->names);
        }
    }
    return pg;
}

/* Bytes an indicator takes besides its texts and formula: keys, numbers and codes, and
 * the room an over-copy writes past its last bytes (O_OVER_SLACK). */
#define IND_FIXED_BYTES (384 + 4 * JX_DEC_BUFSZ + O_OVER_SLACK)
/* The texts of an indicator written besides its path's groups: its name, target, actual
 * and unit before the formula, its reason, history and basis after it. In the fast path
 * each lies in the indicator's plain copy, so takes at most plain_len bytes (a history
 * written as none, "/", one byte, within IND_FIXED_BYTES): the room asked for is
 * reckoned from that bound rather than summed text by text. Only a line of several
 * thousand bytes asks for more than a buffer holds and takes the general path. */
#define IND_TEXTS_BEFORE 4
#define IND_TEXTS_AFTER 4
/* Room kept for the formula: what jx_formula_write takes to write it in one go, but for
 * the longest texts; a longer one is written piece by piece, or copied from where it
 * was built when it outgrows the buffer. */
#define IND_FORMULA_ROOM 1024

/*
 * Writes ind in one go (see above) and returns true, or returns false having written
 * nothing when it is not the usual one: its project scored, its texts, its groups' names
 * (their path's bytes within path_groups.names) and the file name plain (file->fast), no
 * formula given by hand, its score known. pg: the groups of the path written last
 * (path_groups_of).
 */
JX_FAST_PATH static bool indicator_fast(jx_writer *wr, const jx_project *p, const jx_indicator *ind,
                                        const source_file *file, path_groups *pg, bool comma)
{
    if (!file->fast)
        return false;
    const path_groups *path = path_groups_of(pg, ind);
    if (JX_RARE((ind->formula && ind->formula[0]) || !path->plain ||
        !jx_indicator_plain(ind, ind->name) || !jx_indicator_plain(ind, ind->target.text) ||
        !jx_indicator_plain(ind, ind->target.unit) || !jx_indicator_plain(ind, ind->actual.text) ||
        !jx_indicator_plain(ind, ind->actual.unit) || ind->score < 0 ||
        ((ind->reason.n | ind->last_year.text.n | ind->year_before.text.n | ind->basis.n) &&
         (!jx_indicator_plain(ind, ind->reason) || !jx_indicator_plain(ind, ind->last_year.text) ||
          !jx_indicator_plain(ind, ind->year_before.text) || !jx_indicator_plain(ind, ind->basis))) ||
        (ind->has_weight && ind->weight.scale > 18) ||
        (ind->has_claim && ind->claim.scale > 18)))
        return false;
    size_t text_max = ind->plain_len; /* the most bytes any one text takes (see IND_TEXTS_BEFORE) */
    size_t need = IND_FIXED_BYTES + IND_FORMULA_ROOM + file->n + path->names_n +
                  (IND_TEXTS_BEFORE + IND_TEXTS_AFTER) * text_max;
    if (!jx_out_room(wr, need))
        return false;
    size_t lead = !comma; /* the comma names opens with, left out before the first */
    char *o = o_over(wr->buf + wr->len, path->names + lead, path->names_n - lead, sizeof path->names - lead);
    const char *end = ind->plain + ind->plain_len;
    o = o_text(o, ind->name.s, ind->name.n, end);
    O_LIT(o, "\"],\"target\":");
    if (ind->target.present)
        o = o_text_str(o, ind->target.text.s, ind->target.text.n, end);
    else
        O_LIT(o, "null");
    O_LIT(o, ",\"actual\":");
    if (ind->actual.present)
        o = o_text_str(o, ind->actual.text.s, ind->actual.text.n, end);
    else
        O_LIT(o, "null");
    O_LIT(o, ",\"unit\":");
    if (ind->target.unit.n == 0 && ind->target.percent)
        O_LIT(o, "\"%\"");
    else
        o = o_text_str(o, ind->target.unit.s, ind->target.unit.n, end);
    O_LIT(o, ",\"weight\":");
    o = o_opt_dec(o, ind->has_weight, ind->weight);
    O_LIT(o, ",\"score\":");
    o = o_fixed(o, ind->score, p->decimals);
    O_LIT(o, ",\"claimed\":");
    o = o_opt_dec(o, ind->has_claim, ind->claim);
    O_LIT(o, ",\"method\":");
    jx_str method = jx_method_code_str(ind->method);
    o = o_str(o, method.s, method.n);
    O_LIT(o, ",\"formula\":");
    /* The formula has the buffer's room but for its quotes and what follows it (rest), at
     * least IND_FORMULA_ROOM less the bytes before it, so the usual one is written in one
     * go (jx_formula_write). Its sbuf is jx_sbuf_init's but for the NUL, not needed. */
    size_t rest = IND_FIXED_BYTES + file->n + IND_TEXTS_AFTER * text_max;
    jx_sbuf b = {o + 1, 0, (size_t)(wr->buf + wr->cap - (o + 2)) - rest, &wr->scratch, 0};
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
        if (wr->cap - wr->len < rest)
            jx_out_flush(wr); /* the whole object fitted a flushed buffer, so the rest does */
        o = wr->buf + wr->len;
    }
    if (ind->pos.line == 0) {
        O_LIT(o, ",\"source\":null");
    } else {
        if (pg->source_n) {
            o = o_over(o, pg->source, pg->source_n, sizeof pg->source);
        } else {
            O_LIT(o, ",\"source\":\"");
            o = jx_at_bytes(o, file->name, file->n);
            *o++ = ':';
        }
        o = jx_at_line(o, ind->pos.line);
        *o++ = ':';
        o = jx_at_line(o, ind->pos.col);
        *o++ = '"';
    }
    O_LIT(o, ",\"sign\":\"");
    jx_str sign = jx_indicator_sign_str(ind);
    o = jx_at_bytes(o, sign.s, sign.n);
    jx_str ly = {"", 0}, yb = {"", 0}; /* set by jx_history_text when given */
    bool ly_given = jx_history_text(&ind->last_year, &ly), yb_given = jx_history_text(&ind->year_before, &yb);
    /* The usual: no reason, 评定, 不适用 or history, so what follows the sign is constant. Said
     * to be likely, or gcc, guessing each test apt to fail, takes the branch for rare and
     * copies the constant byte by byte (rep movsb) rather than by registers. */
    if (__builtin_expect(!ly_given && !yb_given && ind->reason.n == 0 && ind->judge == JX_JUDGE_NONE &&
                             !ind->not_applicable && ind->basis.n == 0,
                         1)) {
        O_LIT(o, "\",\"reason\":\"\",\"judge\":null,\"not_applicable\":false,");
        O_LIT(o, "\"last_year\":null,\"year_before\":null,\"basis\":null}");
    } else {
        O_LIT(o, "\",\"reason\":");
        o = o_str(o, ind->reason.s, ind->reason.n);
        O_LIT(o, ",\"judge\":");
        if (ind->judge == JX_JUDGE_NONE) {
            O_LIT(o, "null");
        } else {
            const char *j = jx_judge_name(ind->judge);
            o = o_str(o, j, strlen(j));
        }
        if (ind->not_applicable)
            O_LIT(o, ",\"not_applicable\":true");
        else
            O_LIT(o, ",\"not_applicable\":false");
        O_LIT(o, ",\"last_year\":");
        o = o_opt_str(o, ly_given, ly.s, ly.n);
        O_LIT(o, ",\"year_before\":");
        o = o_opt_str(o, yb_given, yb.s, yb.n);
        O_LIT(o, ",\"basis\":");
        o = o_opt_str(o, ind->basis.n > 0, ind->basis.s, ind->basis.n);
        *o++ = '}';
    }
    wr->len = (size_t)(o - wr->buf);
    return true;
}

/* `{"path":[一级,二级,三级],"target":…` (after a comma when not the first): how an
 * indicator's object begins, in the score's and the vet's JSON alike. */
static void indicator_head(jx_writer *wr, const jx_indicator *ind, size_t i)
{
    ELEM(wr, i, JSON_PATH_OPEN);
    level_name(wr, ind, 1);
    put_char(wr, ',');
    level_name(wr, ind, 2);
    put_char(wr, ',');
    ind_text(wr, ind, ind->name);
    LIT(wr, "],\"target\":");
    value_or_null(wr, ind, &ind->target);
}

/* `,"last_year":…,"year_before":…,"basis":…`: the history, text as written, null when not written. */
static void history(jx_writer *wr, const jx_indicator *ind)
{
    jx_str h;
    KEY(wr, "last_year");
    if (jx_history_text(&ind->last_year, &h))
        ind_text(wr, ind, h);
    else
        LIT(wr, "null");
    KEY(wr, "year_before");
    if (jx_history_text(&ind->year_before, &h))
        ind_text(wr, ind, h);
    else
        LIT(wr, "null");
    KEY(wr, "basis");
    if (ind->basis.n > 0)
        ind_text(wr, ind, ind->basis);
    else
        LIT(wr, "null");
}

JX_FAST_PATH static void indicators(jx_writer *wr, const jx_project *p, const source_file *file, const jx_order *ord)
{
    path_groups pg;
    path_groups_none(&pg, file);
    ARRAY(wr, "indicators");
    for (size_t i = 0; i < ord->ninds; i++) {
        const jx_indicator *ind = ord->inds[i];
        if (indicator_fast(wr, p, ind, file, &pg, i > 0)) {
            wr->fast_written++;
            continue;
        }
        indicator_head(wr, ind, i);
        KEY(wr, "actual");
        value_or_null(wr, ind, &ind->actual);
        KEY(wr, "unit");
        if (ind->target.unit.n == 0 && ind->target.percent)
            LIT(wr, "\"%\"");
        else
            ind_text(wr, ind, ind->target.unit);
        KEY(wr, "weight");
        dec_or_null(wr, ind->has_weight, ind->weight);
        KEY(wr, "score");
        score_or_null(wr, p, ind->score);
        KEY(wr, "claimed");
        dec_or_null(wr, ind->has_claim, ind->claim);
        KEY(wr, "method");
        if (p->scored)
            code_str(wr, jx_method_code(ind->method));
        else
            LIT(wr, "null");
        KEY(wr, "formula");
        formula(wr, p, ind);
        KEY(wr, "source");
        source(wr, file, ind->pos.line, ind->pos.col);
        KEY(wr, "sign");
        jx_str sign = jx_indicator_sign_str(ind);
        jx_json_str_n(wr, sign.s, sign.n);
        KEY(wr, "reason");
        ind_text(wr, ind, ind->reason);
        KEY(wr, "judge");
        str_or_null(wr, ind->judge == JX_JUDGE_NONE ? NULL : jx_judge_name(ind->judge));
        KEY(wr, "not_applicable");
        json_bool(wr, ind->not_applicable);
        history(wr, ind);
        put_char(wr, '}');
    }
    put_char(wr, ']');
}

/* The members diag_open writes, each key with its colon: spelt once for its two paths. */
#define DIAG_CODE "\"code\":"
#define DIAG_SEVERITY "\"severity\":"
#define DIAG_MESSAGE "\"message\":"
#define DIAG_SOURCE "\"source\":"

/* Opens the object of finding d — {"code":…,"severity":…,"message":…,"source": in the
 * scores, {"severity":…,"code":… (severity_first) in the audit — leaving its source and
 * what follows to the caller. The usual finding, its code and message needing no
 * escape, is written through a pointer after one test of the room (bench/'s corpus has a
 * warning on about one indicator in five); any other by the general path, which escapes. */
static void diag_open(jx_writer *wr, const jx_diag *d, bool severity_first)
{
    const char *sev = jx_audit_severity_code(d->severity);
    const char *code = d->code ? d->code : "", *msg = d->message ? d->message : "";
    size_t sn = strlen(sev), cn = strlen(code), mn = strlen(msg);
    if (!wr->general_only && jx_out_room(wr, sn + cn + mn + 64) && jx_text_json_plain(code, cn) == cn &&
        jx_text_json_plain(msg, mn) == mn) {
        /* 64: the literals below (41 bytes) and the six quotes */
        char *o = wr->buf + wr->len;
        if (severity_first) {
            O_LIT(o, "{" DIAG_SEVERITY);
            o = o_str(o, sev, sn);
            O_LIT(o, "," DIAG_CODE);
            o = o_str(o, code, cn);
        } else {
            O_LIT(o, "{" DIAG_CODE);
            o = o_str(o, code, cn);
            O_LIT(o, "," DIAG_SEVERITY);
            o = o_str(o, sev, sn);
        }
        O_LIT(o, "," DIAG_MESSAGE);
        o = o_str(o, msg, mn);
        O_LIT(o, "," DIAG_SOURCE);
        wr->len = (size_t)(o - wr->buf);
        return;
    }
    if (severity_first) {
        LIT(wr, "{" DIAG_SEVERITY);
        code_str(wr, sev);
        LIT(wr, "," DIAG_CODE);
        jx_json_str_n(wr, code, cn);
    } else {
        LIT(wr, "{" DIAG_CODE);
        jx_json_str_n(wr, code, cn);
        LIT(wr, "," DIAG_SEVERITY);
        code_str(wr, sev);
    }
    LIT(wr, "," DIAG_MESSAGE);
    jx_json_str_n(wr, msg, mn);
    LIT(wr, "," DIAG_SOURCE);
}

static void warnings(jx_writer *wr, const jx_project *p, const source_file *file)
{
    ARRAY(wr, "warnings");
    for (size_t i = 0; i < p->diags.n; i++) {
        const jx_diag *d = &p->diags.v[i];
        elem(wr, i);
        diag_open(wr, d, false);
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

static void score_begin(jx_writer *wr, const jx_project *first)
{
    doc_head(wr, first && first->scored && first->policy_name ? first->policy_name : "");
    ARRAY(wr, "projects");
}

JX_FAST_PATH static void score_project(jx_writer *wr, const jx_project *p)
{
    source_file file = source_file_of(p->src.file);
    item_head_of(wr, NAME_LEAD(wr->nprojects), p->name, p->plain.name, &file, p->pos.line);
    dept_org(wr, p->dept, p->plain.dept, p->org, p->plain.org);
    KEY(wr, "year");
    uint_or_null(wr, p->has_year && p->year >= 0, (uint64_t)p->year);
    KEY(wr, "money_unit");
    project_text(wr, p->money_unit, p->plain.money_unit);
    funds(wr, p);
    jx_order ord;
    if (!jx_writer_order(wr, p, &ord))
        return;
    groups(wr, p, &ord);
    file.fast = file.plain && p->scored && !wr->general_only;
    indicators(wr, p, &file, &ord);
    KEY(wr, "total");
    score_or_null(wr, p, p->total);
    KEY(wr, "grade");
    jx_json_grade(wr, p->scored ? p->grade : JX_GRADE_NONE);
    jx_full_marks fm;
    jx_full_marks_of(p, &fm);
    if (fm.stated) { /* 不适用 剔除 lowered the 满分 (score.h) */
        KEY(wr, "full_marks");
        jx_out_dec(wr, fm.full);
        KEY(wr, "not_applicable_points");
        jx_out_dec(wr, fm.dropped);
    }
    KEY(wr, "claimed_total");
    dec_or_null(wr, p->has_claimed_total, p->claimed_total);
    KEY(wr, "claimed_grade");
    jx_json_grade(wr, p->claimed_grade);
    KEY(wr, "goal");
    project_text(wr, p->goal, p->plain.goal);
    KEY(wr, "outcome");
    project_text(wr, p->outcome, p->plain.outcome);
    KEY(wr, "deviation");
    project_text(wr, p->deviation, p->plain.deviation);
    KEY(wr, "remedy");
    project_text(wr, p->remedy, p->plain.remedy);
    if (p->exec_separate) {
        KEY(wr, "execution");
        execution_open(wr, true, p->exec_points, p->scored ? p->exec_score : -1, p->decimals);
        KEY_STR(wr, "formula", p->exec_formula);
        put_char(wr, '}');
    }
    warnings(wr, p, &file);
    put_char(wr, '}');
}

static void score_finish(jx_writer *wr)
{
    list_close(wr, wr->nprojects);
    LIT(wr, "}\n");
}

/* NAME_LEAD is the only part of a project that depends on those before it: "," more */
const jx_reporter jx_reporter_json = {.name = "json", .begin = score_begin, .project = score_project,
                                      .finish = score_finish, .apart = ","};

/* ================================================================== audit */

/* 分 as 万元, exact. */
static void aj_wan(jx_writer *w, int64_t fen)
{
    jx_dec wan = {fen, 6}; /* 1 万元 = 1 000 000 分, as jx_audit_wan */
    jx_out_dec(w, wan);
}

/* "budget":…,"spent":… in 万元. */
static void aj_budget_spent(jx_writer *w, int64_t budget_fen, int64_t spent_fen)
{
    LIT(w, "\"budget\":");
    aj_wan(w, budget_fen);
    KEY(w, "spent");
    aj_wan(w, spent_fen);
}

/* "error":n,"warning":n,"note":n of counts by jx_severity. */
static void aj_severities(jx_writer *w, const size_t count[3])
{
    LIT(w, "\"error\":");
    jx_out_uint(w, count[JX_SEV_ERROR]);
    KEY_UINT(w, "warning", count[JX_SEV_WARNING]);
    KEY_UINT(w, "note", count[JX_SEV_NOTE]);
}

/* Points with at least two decimals (jx_audit_out_points), or null. */
static void aj_points_or_null(jx_writer *w, bool has, jx_dec d)
{
    if (has)
        jx_audit_out_points(w, d, false);
    else
        LIT(w, "null");
}

/* The "name" member: the code's Chinese name (codes.c), null for a code without one. */
static void aj_code_name(jx_writer *w, const char *code)
{
    KEY(w, "name");
    str_or_null(w, jx_code_name(code));
}

/* One project object, on a line of its own; its findings errors first. */
static void aj_project(jx_audit_writer *aw, const jx_audit_view *v)
{
    jx_writer *w = aw->out;
    const jx_project *p = v->p;
    item_head(w, NAME_LEAD(aw->nprojects), p->name, p->src.file, v->line);
    dept_org(w, p->dept, NULL, p->org, NULL);
    KEY(w, "funds");
    if (v->funds == JX_AUDIT_FUNDS_OK) {
        put_char(w, '{');
        aj_budget_spent(w, v->budget_fen, v->spent_fen);
        put_char(w, '}');
    } else {
        LIT(w, "null");
    }
    KEY(w, "scored");
    json_bool(w, v->scored);
    KEY(w, "claimed_total");
    aj_points_or_null(w, p->has_claimed_total, p->claimed_total);
    KEY(w, "total");
    aj_points_or_null(w, v->scored, jx_audit_total_dec(p));
    KEY(w, "difference");
    aj_points_or_null(w, v->has_difference, v->difference);
    KEY(w, "claimed_grade");
    jx_json_grade(w, p->claimed_grade);
    KEY(w, "grade");
    jx_json_grade(w, v->scored ? p->grade : JX_GRADE_NONE);
    KEY(w, "grade_differs");
    json_bool(w, v->grade_differs);
    KEY(w, "counts");
    put_char(w, '{');
    aj_severities(w, v->f.count);
    put_char(w, '}');
    ARRAY(w, "findings");
    for (size_t i = 0; i < v->f.n; i++) {
        const jx_diag *d = v->f.v[i];
        elem(w, i);
        diag_open(w, d, true);
        jx_json_str(w, jx_audit_position_str(w, p, d, v->flags));
        aj_code_name(w, d->code);
        put_char(w, '}');
    }
    LIT(w, "]}");
}

/* `{"优":n,"良":n,"中":n,"差":n`: the four grades' counts, the object left open. */
static void grade_counts(jx_writer *w, const size_t *counts)
{
    static const jx_grade order[] = {JX_GRADE_EXCELLENT, JX_GRADE_GOOD, JX_GRADE_FAIR, JX_GRADE_POOR};
    put_char(w, '{');
    for (size_t i = 0; i < 4; i++) {
        elem(w, i);
        jx_json_str(w, jx_grade_name(order[i]));
        put_char(w, ':');
        jx_out_uint(w, counts[order[i]]);
    }
}

/* {"优":n,"良":n,"中":n,"差":n,"none":n} */
static void aj_grades(jx_writer *w, const size_t *counts)
{
    grade_counts(w, counts);
    KEY_UINT(w, "none", counts[JX_GRADE_NONE]);
    put_char(w, '}');
}

/* The "findings" member of the summary: totals by severity and one tally per code. */
static void aj_codes(jx_writer *w, const jx_audit *au)
{
    KEY(w, "findings");
    put_char(w, '{');
    aj_severities(w, au->sum.findings);
    KEY_UINT(w, "flagged_projects", au->sum.flagged);
    ARRAY(w, "by_code");
    for (size_t i = 0; i < au->ntallies; i++) {
        const jx_code_tally *c = &au->tallies[i];
        ELEM(w, i, "{\"code\":");
        jx_json_str(w, c->code);
        put_char(w, ',');
        aj_severities(w, c->count);
        aj_code_name(w, c->code);
        put_char(w, '}');
    }
    LIT(w, "]}");
}

/* The "summary" member. */
static void aj_summary(jx_writer *w, const jx_audit *au)
{
    const jx_audit_summary *s = &au->sum;
    LIT(w, ",\n\"summary\":{\"projects\":");
    jx_out_uint(w, s->projects);
    KEY_UINT(w, "unscored", s->unscored);
    OBJECT(w, "funds", "\"unit\":\"万元\",");
    aj_budget_spent(w, s->budget_fen, s->spent_fen);
    KEY_UINT(w, "projects", s->funded);
    KEY_UINT(w, "unconverted", s->unconverted);
    put_char(w, '}');
    OBJECT(w, "grades", "\"claimed\":");
    aj_grades(w, s->claimed_grades);
    KEY(w, "recomputed");
    aj_grades(w, s->grades);
    put_char(w, '}');
    OBJECT(w, "inflation", "\"projects\":");
    jx_out_uint(w, s->claimed_totals);
    KEY(w, "mean");
    if (s->claimed_totals)
        jx_out_fixed(w, s->inflation_cents, 2); /* signed: the mean may be below the recomputed totals */
    else
        LIT(w, "null");
    put_char(w, '}');
    OBJECT(w, "claims_100", "\"projects\":");
    jx_out_uint(w, s->claims_100);
    KEY(w, "percent");
    jx_out_fixed(w, s->claims_100_bp, 2);
    put_char(w, '}');
    OBJECT(w, "differ", "\"total\":");
    jx_out_uint(w, s->total_differs);
    KEY_UINT(w, "grade", s->grade_differs);
    KEY_UINT(w, "either", s->differs);
    put_char(w, '}');
    aj_codes(w, au);
    put_char(w, '}');
}

/* The "flagged_for" member of a pick: what it is flagged for, [] when it is not. */
static void aj_flagged_for(jx_writer *w, unsigned bits)
{
    static const struct { unsigned bit; const char *code; } kinds[] = {
        {JX_AUDIT_FLAG_ERROR, "error"}, {JX_AUDIT_FLAG_TOTAL, "total"}, {JX_AUDIT_FLAG_GRADE, "grade"}};
    ARRAY(w, "flagged_for");
    bool first = true;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (!(bits & kinds[i].bit))
            continue;
        if (!first)
            put_char(w, ',');
        code_str(w, kinds[i].code);
        first = false;
    }
    put_char(w, ']');
}

/* The "sample" member: null, or how it was drawn and the picks, one per line. */
static void aj_sample(jx_writer *w, const jx_audit *au)
{
    KEY(w, "sample");
    if (!au->sampling) {
        LIT(w, "null");
        return;
    }
    const jx_audit_options *o = &au->opts;
    LIT(w, "{\"size\":");
    if (au->share) {
        char pct[JX_DEC_BUFSZ];
        jx_dec_format((jx_dec){o->sample_bp, 2}, pct, sizeof pct);
        put_char(w, '"');
        put(w, pct, strlen(pct));
        LIT(w, "%\"");
    } else {
        jx_out_uint(w, o->sample_count);
    }
    KEY_UINT(w, "seed", o->seed);
    KEY(w, "by");
    str_or_null(w, o->by == JX_AUDIT_BY_NONE ? NULL : o->by == JX_AUDIT_BY_ORG ? "单位" : "主管部门");
    KEY(w, "weight");
    if (o->weight_funds)
        LIT(w, "\"funds\"");
    else
        LIT(w, "null");
    KEY(w, "include_flagged");
    json_bool(w, o->include_flagged);
    ARRAY(w, "picks");
    for (size_t i = 0; i < au->npicks; i++) {
        const jx_audit_pick *pk = &au->picks[i];
        item_head(w, NAME_LEAD(i), cstr(pk->name), pk->file, pk->line);
        KEY_STR(w, "stratum", pk->stratum);
        KEY(w, "funds");
        aj_wan(w, pk->funds_fen);
        aj_flagged_for(w, pk->flagged_for);
        KEY(w, "why");
        code_str(w, jx_audit_why_code(pk->why));
        KEY_STR(w, "reason", pk->reason);
        put_char(w, '}');
    }
    list_close(w, au->npicks);
    put_char(w, '}');
}

/* The document's head: version, policy, minimum severity, and the projects array opened. */
static void aj_begin(jx_audit_writer *aw)
{
    jx_writer *w = aw->out;
    doc_head(w, jx_audit_policy_name(aw->au));
    KEY(w, "min_severity");
    code_str(w, jx_audit_severity_code(aw->au->opts.min_severity));
    ARRAY(w, "projects");
}

/* Closes the projects array, then the summary and the sample close the document. */
static void aj_finish(jx_audit_writer *aw)
{
    jx_writer *w = aw->out;
    list_close(w, aw->nprojects);
    aj_summary(w, aw->au);
    aj_sample(w, aw->au);
    LIT(w, "}\n");
}

const jx_audit_reporter jx_audit_reporter_json = {.name = "json", .begin = aj_begin, .project = aj_project,
                                                  .finish = aj_finish};

/* ================================================================= review */

/* Hundredths as a 2-decimal number, null when negative (absent). */
static void rj_cents(jx_writer *wr, int64_t cents)
{
    fixed_or_null(wr, cents, 2);
}

/* A weight in hundredths as written ("30", "7.5"), null when negative (absent). */
static void rj_weight(jx_writer *wr, int64_t cents)
{
    dec_or_null(wr, cents >= 0, (jx_dec){cents, 2});
}

/* Opens a side's conclusion: ,"k":{"total":…,"grade":… — the caller closes it. */
static void rj_side_open(jx_writer *wr, const char *k, int64_t total_cents, jx_grade grade)
{
    jx_json_key(wr, k);
    LIT(wr, "{\"total\":");
    jx_out_fixed(wr, total_cents, 2);
    KEY(wr, "grade");
    jx_json_grade(wr, grade);
}

/* One indicator's object. */
static void rj_line(jx_writer *wr, const jx_review_line *l)
{
    LIT(wr, JSON_PATH_OPEN);
    jx_json_str(wr, l->level1);
    put_char(wr, ',');
    jx_json_str(wr, l->level2);
    put_char(wr, ',');
    jx_json_str(wr, l->name);
    put_char(wr, ']');
    KEY_UINT(wr, "line", l->line);
    KEY_STR(wr, "nature", l->nature);
    KEY_STR(wr, "target", l->target);
    KEY_STR(wr, "target_text", l->target_text);
    KEY_STR(wr, "unit", l->unit);
    KEY(wr, "weight");
    rj_weight(wr, l->weight_cents);
    KEY(wr, "not_applicable");
    json_bool(wr, l->not_applicable);
    KEY_STR(wr, "self_actual", l->self_actual);
    KEY(wr, "self_score");
    rj_cents(wr, l->self_cents);
    KEY(wr, "claimed_score");
    rj_cents(wr, l->claimed_cents);
    KEY_STR(wr, "review_actual", l->review_actual);
    KEY(wr, "review_score");
    rj_cents(wr, l->review_cents);
    KEY(wr, "deduction");
    rj_cents(wr, l->deduction_cents);
    KEY(wr, "difference");
    if (l->not_applicable)
        LIT(wr, "null");
    else
        jx_out_fixed(wr, l->diff_cents, 2); /* signed */
    KEY_STR(wr, "note", l->note);
    KEY_STR(wr, "basis", jx_review_basis_code(l->basis));
    KEY(wr, "row");
    uint_or_null(wr, l->row != 0, l->row);
    put_char(wr, '}');
}

/* The document's head; the sheets follow it, one per line. */
static void rj_begin(jx_writer *wr)
{
    doc_head(wr, NULL);
    KEY(wr, "sheets");
    LIT(wr, "[\n");
}

/* One sheet, on a line of its own. */
static void rj_sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    item_head(wr, i ? ",\n{\"project\":" : "{\"project\":", cstr(s->project), s->file, s->line);
    dept_org(wr, cstr(s->dept), NULL, cstr(s->org), NULL);
    KEY(wr, "year");
    uint_or_null(wr, s->year > 0, (uint64_t)s->year);
    KEY_STR(wr, "review_file", s->review_file);
    ARRAY(wr, "indicators");
    for (size_t k = 0; k < s->nlines; k++) {
        if (k)
            put_char(wr, ',');
        rj_line(wr, &s->lines[k]);
    }
    put_char(wr, ']');
    KEY_UINT(wr, "reviewed", s->reviewed);
    KEY(wr, "execution");
    if (s->execution_cents < 0) {
        LIT(wr, "null");
    } else {
        execution_open(wr, s->execution_points_cents >= 0, (jx_dec){s->execution_points_cents, 2},
                       s->execution_cents, 2);
        put_char(wr, '}');
    }
    KEY(wr, "weight");
    rj_weight(wr, s->weight_cents);
    rj_side_open(wr, "self", s->self_total_cents, s->self_grade);
    KEY(wr, "claimed_total");
    rj_cents(wr, s->claimed_total_cents);
    KEY(wr, "claimed_grade");
    jx_json_grade(wr, s->claimed_grade);
    put_char(wr, '}');
    rj_side_open(wr, "review", s->review_total_cents, s->review_grade);
    put_char(wr, '}');
    KEY(wr, "difference");
    jx_out_fixed(wr, s->diff_cents, 2); /* signed */
    put_char(wr, '}');
}

/* Closes the array and the document. */
static void rj_finish(jx_writer *wr, size_t nsheets)
{
    list_close(wr, nsheets);
    LIT(wr, "}\n");
}

const jx_review_reporter jx_review_reporter_json = {.name = "json", .begin = rj_begin, .sheet = rj_sheet,
                                                    .finish = rj_finish};

/* =================================================================== vet
 * {"jixiao":…,"policy":…,"min_severity":…,"projects":[
 * {"name","file","line","dept","org","result":"良","counts":{…},"aspects":{"完整性":{…},…},
 *  "findings":[{"severity","code","message","source","aspect","name"},…],
 *  "indicators":[{"path","target","last_year","year_before","basis","findings":[i…]},…]},…],
 * "summary":{"projects","results":{"优"…"差"},"findings":{…,"by_code":[…]},
 *  "by_aspect":{"完整性":{…},…},"by_org":[{"org","projects","results","error","warning","note"},…]}} */

/* {"优":n,"良":n,"中":n,"差":n} */
static void vj_results(jx_writer *w, const size_t *counts)
{
    grade_counts(w, counts);
    put_char(w, '}');
}

/* {"完整性":{"error":…},…} */
static void vj_aspects(jx_writer *w, const size_t (*by)[3])
{
    put_char(w, '{');
    for (int a = 0; a < JX_VET_ASPECTS; a++) {
        elem(w, (size_t)a);
        jx_json_str(w, jx_vet_aspect_name((jx_vet_aspect)a));
        LIT(w, ":{");
        aj_severities(w, by[a]);
        put_char(w, '}');
    }
    put_char(w, '}');
}

/* `,"indicators":[{"path":[一级,二级,三级],"target","last_year","year_before","basis",
 * "findings":[i,…]},…]`: the 审核表, each indicator with the indexes of its findings in the
 * project's "findings". */
static void vj_indicators(jx_writer *w, const jx_vet_view *v)
{
    const jx_project *p = v->p;
    ARRAY(w, "indicators");
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        indicator_head(w, ind, i);
        history(w, ind);
        ARRAY(w, "findings");
        for (size_t k = 0, n = 0; k < v->f.n; k++)
            if (v->of[k] == ind) {
                if (n++)
                    put_char(w, ',');
                jx_out_uint(w, k);
            }
        LIT(w, "]}");
    }
    put_char(w, ']');
}

static void vj_project(jx_vet_writer *vw, const jx_vet_view *v)
{
    jx_writer *w = vw->out;
    const jx_project *p = v->p;
    item_head(w, NAME_LEAD(vw->nprojects), p->name, p->src.file, v->line);
    dept_org(w, p->dept, NULL, p->org, NULL);
    KEY(w, "result");
    jx_json_grade(w, v->result);
    KEY(w, "counts");
    put_char(w, '{');
    aj_severities(w, v->f.count);
    put_char(w, '}');
    KEY(w, "aspects");
    vj_aspects(w, (const size_t(*)[3])v->c.by_aspect);
    ARRAY(w, "findings");
    for (size_t i = 0; i < v->f.n; i++) {
        const jx_diag *d = v->f.v[i];
        elem(w, i);
        diag_open(w, d, true);
        jx_json_str(w, jx_audit_position_str(w, p, d, v->flags));
        KEY_STR(w, "aspect", jx_vet_aspect_name(jx_vet_aspect_of(d->code)));
        aj_code_name(w, d->code);
        put_char(w, '}');
    }
    put_char(w, ']');
    vj_indicators(w, v);
    put_char(w, '}');
}

static void vj_begin(jx_vet_writer *vw)
{
    jx_writer *w = vw->out;
    const jx_policy *pol = vw->vt->pol;
    doc_head(w, pol->name.n ? pol->name.s : "");
    KEY(w, "min_severity");
    code_str(w, jx_audit_severity_code(vw->vt->opts.min_severity));
    ARRAY(w, "projects");
}

static void vj_finish(jx_vet_writer *vw)
{
    jx_writer *w = vw->out;
    const jx_vet *vt = vw->vt;
    const jx_vet_summary *s = jx_vet_get_summary(vt);
    list_close(w, vw->nprojects);
    LIT(w, ",\n\"summary\":{\"projects\":");
    jx_out_uint(w, s->projects);
    KEY(w, "results");
    vj_results(w, s->results);
    KEY(w, "findings");
    put_char(w, '{');
    aj_severities(w, s->findings);
    ARRAY(w, "by_code");
    for (size_t i = 0; i < jx_vet_tally_count(vt); i++) {
        const jx_code_tally *c = jx_vet_tally(vt, i);
        ELEM(w, i, "{\"code\":");
        jx_json_str(w, c->code);
        put_char(w, ',');
        aj_severities(w, c->count);
        KEY_STR(w, "aspect", jx_vet_aspect_name(jx_vet_aspect_of(c->code)));
        aj_code_name(w, c->code);
        put_char(w, '}');
    }
    LIT(w, "]}");
    KEY(w, "by_aspect");
    vj_aspects(w, (const size_t(*)[3])s->aspects);
    ARRAY(w, "by_org");
    for (size_t i = 0; i < jx_vet_org_count(vt); i++) {
        const jx_vet_org *o = jx_vet_org_at(vt, i);
        ELEM(w, i, "{\"org\":");
        jx_json_str(w, o->org);
        KEY_UINT(w, "projects", o->projects);
        KEY(w, "results");
        vj_results(w, o->results);
        put_char(w, ',');
        aj_severities(w, o->findings);
        put_char(w, '}');
    }
    LIT(w, "]}}\n");
}

const jx_vet_reporter jx_vet_reporter_json = {.name = "json", .begin = vj_begin, .project = vj_project,
                                              .finish = vj_finish};
