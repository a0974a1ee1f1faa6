/* SPDX-License-Identifier: MIT */
/* diag.c — diagnostic lists and their compiler-style rendering. */
#define _GNU_SOURCE /* memrchr */
#include "diag.h"

#include "alloc.h"
#include "text.h"
#include "width.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void jx_diags_init(jx_diags *d, const jx_allocator *alloc)
{
    memset(d, 0, sizeof *d);
    d->alloc = jx_alloc_or_default(alloc);
}

void jx_diags_clear(jx_diags *d)
{
    d->n = 0;
    d->errors = 0;
    d->warnings = 0;
    d->oom = 0;
}

size_t jx_diags_drop(jx_diags *d, const char *code)
{
    size_t k = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (d->v[i].code && strcmp(d->v[i].code, code) == 0) {
            d->errors -= d->v[i].severity == JX_SEV_ERROR;
            d->warnings -= d->v[i].severity == JX_SEV_WARNING;
        } else {
            d->v[k++] = d->v[i];
        }
    }
    size_t dropped = d->n - k;
    d->n = k;
    return dropped;
}

void jx_diags_free(jx_diags *d)
{
    jx_free(d->alloc, d->v, d->cap * sizeof *d->v);
    d->v = NULL;
    d->n = d->cap = 0;
}

jx_pos jx_pos_at(const char *text, uint32_t line_start, uint32_t line, uint32_t off, uint32_t len)
{
    jx_pos p;
    p.off = off;
    p.line = line;
    p.col = 1 + jx_text_utf8_count(text + line_start, off - line_start);
    p.width = len ? jx_text_utf8_count(text + off, len) : 1;
    if (p.width == 0)
        p.width = 1;
    return p;
}

/* The horizontal ellipsis that marks where an excerpt is cut. */
static const char ELLIPSIS[] = "\xE2\x80\xA6";

/* Cells of the character at s (n > 0 bytes remain), its length in *len. */
static int char_cells(const char *s, size_t n, size_t *len)
{
    int32_t cp;
    *len = jx_text_utf8_decode(s, n, &cp);
    return jx_char_width(cp);
}

/*
 * Bytes of the first characters of s[0..n) that fit in cols display columns and in
 * max_bytes bytes (a character is never split; an invalid byte is one character of one
 * cell).
 */
static size_t fit_cols(const char *s, size_t n, size_t cols, size_t max_bytes)
{
    size_t i = 0, used = 0, len;
    while (i < n) {
        size_t w = (size_t)char_cells(s + i, n - i, &len);
        if (used + w > cols || i + len > max_bytes)
            break;
        used += w;
        i += len;
    }
    return i;
}

/*
 * cut_line's general path, given the stretch t[start, end) around pos.off that cut_line
 * found (start just after a '\n' or where the look for one stopped, end at a '\n' or
 * where that look stopped): the line whole, or the excerpt of it around pos.off, mended
 * unless src is known valid UTF-8.
 */
static __attribute__((noinline)) const char *cut_excerpt(jx_arena *ar, const jx_source *src, jx_pos pos,
                                                         size_t start, size_t end, uint32_t *first_col)
{
    const char *t = src->text;
    size_t off = pos.off;
    bool at_start = start == 0 || t[start - 1] == '\n';
    bool at_end = end == src->len || t[end] == '\n';
    if (at_end && end > start && t[end - 1] == '\r')
        end--;
    bool cut_before = false, cut_after = false;
    if (!at_start || !at_end || end - start > JX_DIAG_LINE_WHOLE) {
        /* an excerpt: up to JX_DIAG_EXCERPT_BEFORE columns before off (at most four bytes
         * a column), the rest of JX_DIAG_EXCERPT_COLS from off on */
        size_t lo = off - start > 4 * JX_DIAG_EXCERPT_BEFORE ? off - 4 * JX_DIAG_EXCERPT_BEFORE : start;
        while (lo < off && lo > start && ((unsigned char)t[lo] & 0xC0) == 0x80)
            lo++; /* not inside a character */
        size_t cells = jx_display_width(t + lo, off - lo), len;
        while (cells > JX_DIAG_EXCERPT_BEFORE - (lo > start)) {
            cells -= (size_t)char_cells(t + lo, off - lo, &len);
            lo += len;
        }
        if (lo > start || !at_start) {
            cut_before = true;
            uint32_t before = jx_text_utf8_count(t + lo, off - lo);
            *first_col = pos.col > before ? pos.col - before : 1;
        }
        size_t room = JX_DIAG_EXCERPT_COLS - cells - cut_before;
        size_t hi = off + fit_cols(t + off, end - off, room, 4 * room);
        if (hi < end || !at_end) {
            /* leave a column for the mark */
            cut_after = true;
            hi = off + fit_cols(t + off, hi - off, room - 1, 4 * room);
        }
        start = lo;
        end = hi;
    }
    size_t n = end - start;
    char *out = jx_arena_alloc(ar, n * 3 + 2 * sizeof ELLIPSIS);
    if (!out)
        return NULL;
    size_t o = 0;
    if (cut_before) {
        memcpy(out, ELLIPSIS, 3);
        o = 3;
    }
    if (src->utf8) { /* valid: as it is */
        memcpy(out + o, t + start, n);
        o += n;
    } else {
        o += jx_text_utf8_mend(t + start, n, out + o, NULL, NULL);
    }
    if (cut_after) {
        memcpy(out + o, ELLIPSIS, 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}

/*
 * The line of src holding pos.off, or the excerpt of it around pos.off (see
 * JX_DIAG_LINE_WHOLE), in ar; *first_col is the column of its first character after a
 * leading "…" (1 for the line's start). Only a bounded stretch of text around pos.off is
 * ever looked at, so a diagnostic costs the same on any line. The usual line — both its
 * ends found, at most JX_DIAG_LINE_WHOLE bytes, of a source known valid UTF-8 — is copied
 * here, as cut_excerpt would copy it; any other is cut_excerpt's (kept out of line, so
 * that this path saves few registers around its two searches).
 */
static const char *cut_line(jx_arena *ar, const jx_source *src, jx_pos pos, uint32_t *first_col)
{
    *first_col = 1;
    size_t off = pos.off;
    if (!src || !src->text || off > src->len)
        return NULL;
    const char *t = src->text;
    /* the line's ends, looked for at most JX_DIAG_LINE_WHOLE + 1 bytes away: start just
     * after the last '\n' of t[from, off), else from; end at the first '\n' of t[off, to), else to */
    size_t from = off > JX_DIAG_LINE_WHOLE + 1 ? off - (JX_DIAG_LINE_WHOLE + 1) : 0;
    size_t to = src->len - off > JX_DIAG_LINE_WHOLE + 1 ? off + JX_DIAG_LINE_WHOLE + 1 : src->len;
    const char *nl = memrchr(t + from, '\n', off - from);
    size_t start = nl ? (size_t)(nl - t) + 1 : from;
    bool whole = nl || from == 0; /* start is the line's */
    nl = memchr(t + off, '\n', to - off);
    size_t end = nl ? (size_t)(nl - t) : to;
    whole = whole && (nl || to == src->len); /* and end too */
    if (whole && src->utf8) {
        size_t n = end - start - (end > start && t[end - 1] == '\r');
        if (n <= JX_DIAG_LINE_WHOLE)
            return jx_arena_strndup(ar, t + start, n);
    }
    return cut_excerpt(ar, src, pos, start, end, first_col);
}

const char *jx_diag_quote(jx_arena *ar, const char *s, size_t n)
{
    size_t keep = fit_cols(s, n, JX_DIAG_QUOTE_COLS, 4 * JX_DIAG_QUOTE_COLS);
    bool cut = keep < n;
    char *out = jx_arena_alloc(ar, keep * 3 + sizeof ELLIPSIS);
    if (!out)
        return NULL;
    size_t o = jx_text_utf8_mend(s, keep, out, NULL, NULL);
    if (cut) {
        memcpy(out + o, ELLIPSIS, 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}

/* The slot of the next diagnostic of d, NULL (d->oom set) when the list cannot grow.
 * jx_grow is called only when the array is full (n never exceeds cap): some files have a
 * warning on most indicators, and the call is most of what taking a slot costs. */
static jx_diag *diag_slot(jx_diags *d)
{
    if (d->n == d->cap && JX_GROW(d->alloc, d->v, d->cap, d->n + 1) != 0) {
        d->oom = 1;
        return NULL;
    }
    return &d->v[d->n];
}

/* Completes g, the slot diag_slot gave, whose message is set (NULL when it could not be
 * made), and adds it to d; NULL when memory ran out (d->oom is then set). */
static jx_diag *diag_push(jx_diags *d, jx_arena *ar, jx_diag *g, jx_severity sev, const char *code,
                          const jx_source *src, jx_pos pos)
{
    g->severity = sev;
    g->code = code;
    g->file = src && src->file ? src->file : "";
    g->line = pos.line;
    g->column = pos.line ? pos.col : 0;
    g->width = pos.width ? pos.width : 1;
    g->source_column = 1;
    g->source_line = pos.line ? cut_line(ar, src, pos, &g->source_column) : NULL;
    if (!g->message) {
        d->oom = 1;
        return NULL;
    }
    d->n++;
    if (sev == JX_SEV_ERROR)
        d->errors++;
    else if (sev == JX_SEV_WARNING)
        d->warnings++;
    return g;
}

jx_diag *jx_diags_vadd(jx_diags *d, jx_arena *ar, jx_severity sev, const char *code,
                       const jx_source *src, jx_pos pos, const char *fmt, va_list ap)
{
    jx_diag *g = diag_slot(d);
    if (!g)
        return NULL;
    g->message = jx_arena_vprintf(ar, fmt, ap);
    return diag_push(d, ar, g, sev, code, src, pos);
}

jx_diag *jx_diags_add_kept(jx_diags *d, jx_arena *ar, jx_severity sev, const char *code,
                           const jx_source *src, jx_pos pos, const char *msg)
{
    jx_diag *g = diag_slot(d);
    if (!g)
        return NULL;
    g->message = msg;
    return diag_push(d, ar, g, sev, code, src, pos);
}

jx_diag *jx_diags_add(jx_diags *d, jx_arena *ar, jx_severity sev, const char *code,
                      const jx_source *src, jx_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    jx_diag *g = jx_diags_vadd(d, ar, sev, code, src, pos, fmt, ap);
    va_end(ap);
    return g;
}

const char *jx_severity_name(jx_severity s)
{
    switch (s) {
    case JX_SEV_ERROR: return "错误";
    case JX_SEV_WARNING: return "警告";
    default: return "提示";
    }
}

static const char *severity_word(jx_severity s)
{
    switch (s) {
    case JX_SEV_ERROR: return "error";
    case JX_SEV_WARNING: return "warning";
    default: return "note";
    }
}

/* Appends to buf like snprintf, tracking the length the whole text needs. */
typedef struct outbuf {
    char *buf;
    size_t size;
    size_t len;
} outbuf;

static void out_put(outbuf *o, const char *s, size_t n)
{
    if (o->len < o->size) {
        size_t room = o->size - o->len - 1;
        memcpy(o->buf + o->len, s, n < room ? n : room);
        size_t end = o->len + (n < room ? n : room);
        o->buf[end] = '\0';
    }
    o->len += n;
}

static void out_str(outbuf *o, const char *s)
{
    out_put(o, s, strlen(s));
}

size_t jx_diag_format(const jx_diag *d, char *buf, size_t size)
{
    outbuf o = {buf, size, 0};
    if (size)
        buf[0] = '\0';
    char head[64];
    out_str(&o, d->file ? d->file : "");
    if (d->line) {
        snprintf(head, sizeof head, ":%u:%u", (unsigned)d->line, (unsigned)d->column);
        out_str(&o, head);
    }
    out_str(&o, ": ");
    out_str(&o, severity_word(d->severity));
    out_str(&o, ": ");
    out_str(&o, d->message ? d->message : "");
    if (d->severity != JX_SEV_ERROR || strcmp(d->code, "syntax") != 0) {
        out_str(&o, " [");
        out_str(&o, d->code);
        out_str(&o, "]");
    }
    out_str(&o, "\n");
    if (d->source_line && d->line) {
        /* the line, tabs kept so carets line up under them */
        out_str(&o, "    ");
        out_str(&o, d->source_line);
        out_str(&o, "\n    ");
        const char *s = d->source_line;
        size_t n = strlen(s);
        uint32_t col = 1;
        size_t i = 0;
        if (d->source_column > 1 && n >= 3 && memcmp(s, ELLIPSIS, 3) == 0) {
            /* an excerpt: the "…" first, then the text from source_column on */
            for (int k = jx_char_width(0x2026); k > 0; k--)
                out_str(&o, " ");
            i = 3;
            col = d->source_column;
        }
        /* pad with the cells the text before the token takes (CJK = 2), keeping tabs */
        while (i < n && col < d->column) {
            int32_t cp;
            size_t len = jx_text_utf8_decode(s + i, n - i, &cp);
            if (cp == '\t')
                out_str(&o, "\t");
            else
                for (int k = jx_char_width(cp); k > 0; k--)
                    out_str(&o, " ");
            i += len;
            col++;
        }
        uint32_t cells = 0;
        for (uint32_t k = 0; k < d->width && i < n; k++) {
            int32_t cp;
            size_t len = jx_text_utf8_decode(s + i, n - i, &cp);
            cells += (uint32_t)jx_char_width(cp);
            i += len;
        }
        if (cells == 0)
            cells = 1;
        for (uint32_t k = 0; k < cells; k++)
            out_str(&o, "^");
        out_str(&o, "\n");
    }
    return o.len;
}

uint32_t jx_source_row(const char *s, size_t n)
{
    /* the comment starts at the first # outside a "string" (with \" and \\ escapes) */
    bool quoted = false;
    size_t i = 0;
    for (; i < n; i++) {
        if (quoted) {
            if (s[i] == '\\' && i + 1 < n)
                i++;
            else if (s[i] == '"')
                quoted = false;
        } else if (s[i] == '"') {
            quoted = true;
        } else if (s[i] == '#') {
            break;
        }
    }
    static const char head[] = "# 第 ";
    if (n - i < sizeof head - 1 || memcmp(s + i, head, sizeof head - 1) != 0)
        return 0;
    i += sizeof head - 1;
    uint64_t row = 0;
    size_t digits = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9' && digits < 10; i++, digits++)
        row = row * 10 + (uint64_t)(s[i] - '0');
    static const char tail[] = " 行";
    if (digits == 0 || row > UINT32_MAX || n - i < sizeof tail - 1 || memcmp(s + i, tail, sizeof tail - 1) != 0)
        return 0;
    return (uint32_t)row;
}

uint32_t jx_source_row_at(const jx_source *src, jx_pos pos)
{
    if (!src || !src->text || pos.line == 0 || pos.off >= src->len)
        return 0;
    size_t start = pos.off, end = pos.off;
    while (start > 0 && src->text[start - 1] != '\n')
        start--;
    while (end < src->len && src->text[end] != '\n')
        end++;
    return jx_source_row(src->text + start, end - start);
}
