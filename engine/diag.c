/* diag.c — diagnostic lists and their compiler-style rendering. */
#include "diag.h"

#include "alloc.h"
#include "width.h"

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

void jx_diags_free(jx_diags *d)
{
    jx_free(d->alloc, d->v, d->cap * sizeof *d->v);
    d->v = NULL;
    d->n = d->cap = 0;
}

uint32_t jx_utf8_count(const char *s, size_t n)
{
    uint32_t count = 0;
    for (size_t i = 0; i < n; count++) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        size_t k = 1;
        while (k < len && i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
            k++;
        i += k;
    }
    return count;
}

jx_pos jx_pos_at(const char *text, uint32_t line_start, uint32_t line, uint32_t off, uint32_t len)
{
    jx_pos p;
    p.off = off;
    p.line = line;
    p.col = 1 + jx_utf8_count(text + line_start, off - line_start);
    p.width = len ? jx_utf8_count(text + off, len) : 1;
    if (p.width == 0)
        p.width = 1;
    return p;
}

/* The line of src holding offset off, in ar, with each invalid byte as U+FFFD. */
static const char *cut_line(jx_arena *ar, const jx_source *src, uint32_t off)
{
    if (!src || !src->text || off > src->len)
        return NULL;
    size_t start = off, end = off;
    while (start > 0 && src->text[start - 1] != '\n')
        start--;
    while (end < src->len && src->text[end] != '\n')
        end++;
    if (end > start && src->text[end - 1] == '\r')
        end--;
    /* an invalid byte is shown as U+FFFD, so the quoted line is valid UTF-8 */
    const char *s = src->text + start;
    size_t n = end - start;
    char *out = jx_arena_alloc(ar, n * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        /* ASCII, and 3-byte characters that cannot be overlong or surrogates, are copied
         * without decoding */
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            out[o++] = (char)c;
            i++;
            continue;
        }
        if (c >= 0xE1 && c != 0xED && c <= 0xEF && n - i >= 3 &&
            ((unsigned char)s[i + 1] & 0xC0) == 0x80 && ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
            memcpy(out + o, s + i, 3);
            o += 3;
            i += 3;
            continue;
        }
        int32_t cp;
        size_t len = jx_utf8_decode(s + i, n - i, &cp);
        if (cp < 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else {
            memcpy(out + o, s + i, len);
            o += len;
        }
        i += len;
    }
    out[o] = '\0';
    return out;
}

jx_diag *jx_diags_vadd(jx_diags *d, jx_arena *ar, jx_severity sev, const char *code,
                       const jx_source *src, jx_pos pos, const char *fmt, va_list ap)
{
    if (JX_GROW(d->alloc, d->v, d->cap, d->n + 1) != 0) {
        d->oom = 1;
        return NULL;
    }
    jx_diag *g = &d->v[d->n];
    g->severity = sev;
    g->code = code;
    g->message = jx_arena_vprintf(ar, fmt, ap);
    g->file = src && src->file ? src->file : "";
    g->line = pos.line;
    g->column = pos.line ? pos.col : 0;
    g->width = pos.width ? pos.width : 1;
    g->source_line = pos.line ? cut_line(ar, src, pos.off) : NULL;
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
        /* pad with the cells the text before the token takes (CJK = 2), keeping tabs */
        while (i < n && col < d->column) {
            int32_t cp;
            size_t len = jx_utf8_decode(s + i, n - i, &cp);
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
            size_t len = jx_utf8_decode(s + i, n - i, &cp);
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
