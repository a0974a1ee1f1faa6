/* report_json.c — the JSON document, written by hand straight into the output buffer:
 * {"jixiao":"0.1.0","policy":"…","projects":[ one object per line ]}.
 * Numbers are exact decimals (scores with the policy's decimals); absent values null.
 */
#include "report.h"

#include <string.h>

static const char hexdigits[] = "0123456789abcdef";

/* Length of the valid UTF-8 sequence at s[0..n) (s[0] >= 0x80), or 0 when it is not valid. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c >= 0xE1 && c <= 0xEC && n >= 3) {
        /* the common case: a CJK character, no overlong or surrogate possible */
        return (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    return len;
}

/* Writes s[0..n) as a JSON string: quotes, backslashes and control characters escaped,
 * invalid UTF-8 replaced by U+FFFD. */
static void json_str_n(jx_writer *wr, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    jx_out_char(wr, '"');
    size_t run = 0; /* start of the bytes not yet written */
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0x80) {
            size_t len = utf8_valid_len(u + i, n - i);
            if (len) {
                i += len;
                continue;
            }
        }
        jx_out_bytes(wr, s + run, i - run);
        switch (c) {
        case '"': jx_out_bytes(wr, "\\\"", 2); break;
        case '\\': jx_out_bytes(wr, "\\\\", 2); break;
        case '\n': jx_out_bytes(wr, "\\n", 2); break;
        case '\r': jx_out_bytes(wr, "\\r", 2); break;
        case '\t': jx_out_bytes(wr, "\\t", 2); break;
        case '\b': jx_out_bytes(wr, "\\b", 2); break;
        case '\f': jx_out_bytes(wr, "\\f", 2); break;
        default:
            if (c < 0x20) {
                char esc[6] = {'\\', 'u', '0', '0', hexdigits[c >> 4], hexdigits[c & 15]};
                jx_out_bytes(wr, esc, 6);
            } else {
                jx_out_bytes(wr, "\\ufffd", 6);
            }
        }
        i++;
        run = i;
    }
    jx_out_bytes(wr, s + run, n - run);
    jx_out_char(wr, '"');
}

static void json_str(jx_writer *wr, const char *s)
{
    json_str_n(wr, s ? s : "", s ? strlen(s) : 0);
}

/* Writes a literal piece of the document, such as `,"funds":[`. */
static void key(jx_writer *wr, const char *k)
{
    jx_out_str(wr, k);
}

static void fixed_or_null(jx_writer *wr, const jx_project *p, int64_t units)
{
    if (!p->scored || units < 0)
        jx_out_bytes(wr, "null", 4);
    else
        jx_out_fixed(wr, units, p->decimals);
}

/* "file:line:col", or null without a position. */
static void source(jx_writer *wr, const char *file, uint32_t line, uint32_t col)
{
    if (line == 0) {
        jx_out_bytes(wr, "null", 4);
        return;
    }
    json_str_n(wr, file, strlen(file));
    wr->len--; /* json_str_n closed the quote; the position follows inside it */
    jx_out_char(wr, ':');
    jx_out_uint(wr, line);
    jx_out_char(wr, ':');
    jx_out_uint(wr, col);
    jx_out_char(wr, '"');
}

static void group_path(jx_writer *wr, const jx_project *p, const jx_group *g)
{
    jx_out_char(wr, '[');
    if (g->level == 2 && g->parent < p->ngroups) {
        json_str_n(wr, p->groups[g->parent].name.s, p->groups[g->parent].name.n);
        jx_out_char(wr, ',');
    }
    json_str_n(wr, g->name.s, g->name.n);
    jx_out_char(wr, ']');
}

static void funds(jx_writer *wr, const jx_project *p)
{
    key(wr, ",\"funds\":[");
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        if (i)
            jx_out_char(wr, ',');
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
            jx_out_bytes(wr, "null", 4);
        else
            jx_out_fixed(wr, rate, 2);
        jx_out_char(wr, '}');
    }
    jx_out_char(wr, ']');
}

static void groups(jx_writer *wr, const jx_project *p)
{
    key(wr, ",\"groups\":[");
    for (size_t i = 0; i < p->ngroups; i++) {
        const jx_group *g = &p->groups[i];
        if (i)
            jx_out_char(wr, ',');
        key(wr, "{\"path\":");
        group_path(wr, p, g);
        key(wr, ",\"level\":");
        jx_out_uint(wr, g->level == 2 ? 2 : 1);
        key(wr, ",\"points\":");
        if (g->has_points)
            jx_out_fixed(wr, jx_dec_to_units(g->points, p->decimals), p->decimals);
        else
            jx_out_bytes(wr, "null", 4);
        key(wr, ",\"score\":");
        fixed_or_null(wr, p, g->score);
        jx_out_char(wr, '}');
    }
    jx_out_char(wr, ']');
}

static void value_or_null(jx_writer *wr, const jx_value *v)
{
    if (v->present)
        json_str_n(wr, v->text.s, v->text.n);
    else
        jx_out_bytes(wr, "null", 4);
}

/* The indicator's formula as a string, written from how it was scored; null when none. */
static void formula(jx_writer *wr, const jx_project *p, const jx_indicator *ind)
{
    char small[256];
    jx_sbuf b;
    jx_sbuf_init(&b, small, sizeof small, &wr->scratch);
    if (p->scored)
        jx_formula_write(&b, ind, p->decimals);
    if (b.len > 0)
        json_str_n(wr, b.s, b.len);
    else
        jx_out_bytes(wr, "null", 4);
}

static void indicators(jx_writer *wr, const jx_project *p)
{
    key(wr, ",\"indicators\":[");
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        if (i)
            jx_out_char(wr, ',');
        key(wr, "{\"path\":[");
        json_str(wr, jx_indicator_level1(ind));
        jx_out_char(wr, ',');
        json_str(wr, jx_indicator_level2(ind));
        jx_out_char(wr, ',');
        json_str_n(wr, ind->name.s, ind->name.n);
        key(wr, "],\"target\":");
        value_or_null(wr, &ind->target);
        key(wr, ",\"actual\":");
        value_or_null(wr, &ind->actual);
        key(wr, ",\"unit\":");
        if (ind->target.unit.n == 0 && ind->target.percent)
            jx_out_bytes(wr, "\"%\"", 3);
        else
            json_str_n(wr, ind->target.unit.s, ind->target.unit.n);
        key(wr, ",\"weight\":");
        if (ind->has_weight)
            jx_out_dec(wr, ind->weight);
        else
            jx_out_bytes(wr, "null", 4);
        key(wr, ",\"score\":");
        fixed_or_null(wr, p, ind->score);
        key(wr, ",\"claimed\":");
        if (ind->has_claim)
            jx_out_dec(wr, ind->claim);
        else
            jx_out_bytes(wr, "null", 4);
        key(wr, ",\"method\":");
        if (p->scored)
            json_str(wr, jx_method_code(ind->method));
        else
            jx_out_bytes(wr, "null", 4);
        key(wr, ",\"formula\":");
        formula(wr, p, ind);
        key(wr, ",\"source\":");
        source(wr, p->src.file, ind->pos.line, ind->pos.col);
        jx_out_char(wr, '}');
    }
    jx_out_char(wr, ']');
}

static void warnings(jx_writer *wr, const jx_project *p)
{
    key(wr, ",\"warnings\":[");
    for (size_t i = 0; i < p->diags.n; i++) {
        const jx_diag *d = &p->diags.v[i];
        if (i)
            jx_out_char(wr, ',');
        key(wr, "{\"code\":");
        json_str(wr, d->code);
        key(wr, ",\"severity\":");
        json_str(wr, d->severity == JX_SEV_ERROR ? "error" : d->severity == JX_SEV_WARNING ? "warning" : "note");
        key(wr, ",\"message\":");
        json_str(wr, d->message);
        key(wr, ",\"source\":");
        source(wr, d->file, d->line, d->column);
        jx_out_char(wr, '}');
    }
    jx_out_char(wr, ']');
}

static void begin(jx_writer *wr, const jx_project *first)
{
    jx_out_str(wr, "{\"jixiao\":\"" JX_VERSION "\",\"policy\":");
    if (first && first->scored && first->policy_name && first->policy_name[0])
        json_str(wr, first->policy_name);
    else
        jx_out_bytes(wr, "null", 4);
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
        jx_out_bytes(wr, "null", 4);
    key(wr, ",\"money_unit\":");
    json_str_n(wr, p->money_unit.s, p->money_unit.n);
    funds(wr, p);
    groups(wr, p);
    indicators(wr, p);
    key(wr, ",\"total\":");
    fixed_or_null(wr, p, p->total);
    key(wr, ",\"grade\":");
    if (p->scored && p->grade != JX_GRADE_NONE)
        json_str(wr, jx_grade_name(p->grade));
    else
        jx_out_bytes(wr, "null", 4);
    key(wr, ",\"claimed_total\":");
    if (p->has_claimed_total)
        jx_out_dec(wr, p->claimed_total);
    else
        jx_out_bytes(wr, "null", 4);
    key(wr, ",\"claimed_grade\":");
    if (p->claimed_grade != JX_GRADE_NONE)
        json_str(wr, jx_grade_name(p->claimed_grade));
    else
        jx_out_bytes(wr, "null", 4);
    if (p->exec_separate) {
        key(wr, ",\"execution\":{\"points\":");
        jx_out_dec(wr, p->exec_points);
        key(wr, ",\"score\":");
        fixed_or_null(wr, p, p->exec_score);
        key(wr, ",\"formula\":");
        json_str(wr, p->exec_formula);
        jx_out_char(wr, '}');
    }
    warnings(wr, p);
    jx_out_char(wr, '}');
}

static void finish(jx_writer *wr)
{
    jx_out_str(wr, wr->nprojects ? "\n]}\n" : "]}\n");
}

const jx_reporter jx_reporter_json = {"json", begin, project, finish};
