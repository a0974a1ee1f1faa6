/* SPDX-License-Identifier: MIT */
/* csv.c — RFC 4180 records: fields split at commas (or another separator), quoted fields may hold commas,
 * doubled quotes and line breaks; records end at LF or CRLF. Also the formula guard (csv.h) that the
 * writer of a field (jx_csv_put_field) adds and the reader here takes off. */
#include "csv.h"

#include "alloc.h"
#include "diag.h"
#include "text.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

void jx_csv_init(jx_csv *c, const char *text, size_t len, const jx_allocator *alloc, jx_arena *arena)
{
    memset(c, 0, sizeof *c);
    c->alloc = jx_alloc_or_default(alloc);
    c->arena = arena;
    c->text = text;
    c->len = len;
    c->line = 1;
    c->sep = ',';
    c->columns = true;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        c->off = 3;
    c->line_start = c->off;
}

void jx_csv_free(jx_csv *c)
{
    jx_free(c->alloc, c->fields, c->cap * sizeof *c->fields);
    c->fields = NULL;
    c->nfields = c->cap = 0;
}

/* Whether s[0..n) is a number a spreadsheet reads as one: [+-] digits [,ddd]… [.digits] [e[+-]digits] [%]. */
static bool csv_number(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    for (; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            digits++;
        } else if (s[i] == ',' && digits > 0 && n - i > 3 && s[i + 1] >= '0' && s[i + 1] <= '9' &&
                   s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9' &&
                   (n - i == 4 || s[i + 4] < '0' || s[i + 4] > '9')) {
            /* a thousands group: ",ddd" then no fourth digit */
        } else {
            break;
        }
    }
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    if (digits == 0)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1, exp = 0;
        if (j < n && (s[j] == '+' || s[j] == '-'))
            j++;
        for (; j < n && s[j] >= '0' && s[j] <= '9'; j++)
            exp++;
        if (exp == 0)
            return false;
        i = j;
    }
    if (i < n && s[i] == '%')
        i++;
    return i == n;
}

bool jx_csv_guarded(const char *s, size_t n)
{
    if (!jx_csv_guard_lead(s, n))
        return false; /* the usual cell, at its first byte */
    size_t quotes = 0;
    while (quotes < n && s[quotes] == '\'')
        quotes++; /* "'" + a guarded text is guarded: look past every leading "'" */
    if (quotes == n)
        return false;
    const char *t = s + quotes;
    size_t m = n - quotes;
    switch (t[0]) {
    case '=':
    case '@':
    case '\t':
    case '\r':
        return true;
    case '+':
    case '-':
        return !csv_number(t, m);
    default:
        return false;
    }
}

/* The bytes that make a field quoted: comma, quote and line breaks. */
static const unsigned char csv_special[256] = {[','] = 1, ['"'] = 1, ['\n'] = 1, ['\r'] = 1};

size_t jx_csv_special_at(const char *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n'),
                  cr = _mm_set1_epi8('\r');
    for (; n - i >= 16; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, comma), _mm_cmpeq_epi8(x, quote)),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, cr)));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
    }
#endif
    while (i < n && !csv_special[(unsigned char)s[i]])
        i++;
    return i;
}

int jx_csv_put_field(const char *s, size_t n, jx_csv_put_fn put, void *ud)
{
    bool guard = jx_csv_guarded(s, n);
    size_t i;
    int rc;
    if (jx_csv_special_at(s, n) == n) {
        if (guard && (rc = put(ud, "'", 1)) != 0)
            return rc;
        return put(ud, s, n);
    }
    if ((rc = put(ud, guard ? "\"'" : "\"", guard ? 2 : 1)) != 0)
        return rc;
    size_t run = 0;
    for (i = 0; i < n; i++)
        if (s[i] == '"') { /* the quote and one more */
            if ((rc = put(ud, s + run, i + 1 - run)) != 0 || (rc = put(ud, "\"", 1)) != 0)
                return rc;
            run = i + 1;
        }
    if ((rc = put(ud, s + run, n - run)) != 0)
        return rc;
    return put(ud, "\"", 1);
}

static jx_csv_status add_field(jx_csv *c, const char *s, size_t n, uint32_t line, size_t line_start, size_t off)
{
    if (JX_GROW(c->alloc, c->fields, c->cap, c->nfields + 1) != 0)
        return JX_CSV_NOMEM;
    jx_csv_field *f = &c->fields[c->nfields++];
    if (n >= 2 && s[0] == '\'' && jx_csv_guarded(s + 1, n - 1)) {
        s++; /* the formula guard a CSV writer put there */
        n--;
    }
    f->s = s;
    f->n = n;
    f->line = line;
    f->off = (uint32_t)off;
    f->col = 0;
    if (!c->columns)
        return JX_CSV_ROW;
    /* The column is counted on from the field before on the same line, so a record of
     * many fields is counted once, not from its line's start for each field. */
    if (c->col_line != line_start || c->col_at > off) {
        c->col_line = c->col_at = line_start;
        c->col_n = 0;
    }
    c->col_n += jx_text_utf8_count(c->text + c->col_at, off - c->col_at);
    c->col_at = off;
    f->col = 1 + c->col_n;
    return JX_CSV_ROW;
}

/* Reads a quoted field starting at the quote at c->off; leaves c->off after the closing quote. */
static jx_csv_status quoted_field(jx_csv *c, uint32_t line, size_t line_start)
{
    size_t start = c->off;
    size_t i = start + 1;
    size_t doubled = 0;
    for (;;) {
        if (i >= c->len) {
            c->error = "引号没有闭合";
            c->err_line = line;
            c->err_col = 1 + jx_text_utf8_count(c->text + line_start, start - line_start);
            return JX_CSV_ERROR;
        }
        char ch = c->text[i];
        if (ch == '"') {
            if (i + 1 < c->len && c->text[i + 1] == '"') {
                doubled++;
                i += 2;
                continue;
            }
            break;
        }
        if (ch == '\n') {
            c->line++;
            c->line_start = i + 1;
        }
        i++;
    }
    const char *body = c->text + start + 1;
    size_t n = i - start - 1;
    const char *s = body;
    if (doubled) {
        char *u = jx_arena_alloc(c->arena, n - doubled + 1);
        if (!u)
            return JX_CSV_NOMEM;
        size_t k = 0;
        for (size_t j = 0; j < n; j++) {
            u[k++] = body[j];
            if (body[j] == '"')
                j++;
        }
        u[k] = '\0';
        s = u;
        n = k;
    }
    c->off = i + 1;
    return add_field(c, s, n, line, line_start, start);
}

jx_csv_status jx_csv_next(jx_csv *c)
{
    c->nfields = 0;
    c->error = NULL;
    /* skip blank lines */
    while (c->off < c->len) {
        char ch = c->text[c->off];
        if (ch == '\n') {
            c->off++;
            c->line++;
            c->line_start = c->off;
        } else if (ch == '\r' && c->off + 1 < c->len && c->text[c->off + 1] == '\n') {
            c->off += 2;
            c->line++;
            c->line_start = c->off;
        } else {
            break;
        }
    }
    if (c->off >= c->len)
        return JX_CSV_END;
    c->rec_line = c->line;
    c->rec_off = c->off;
    for (;;) {
        uint32_t line = c->line;
        size_t line_start = c->line_start;
        jx_csv_status st;
        if (c->off < c->len && c->text[c->off] == '"') {
            st = quoted_field(c, line, line_start);
            if (st != JX_CSV_ROW)
                return st;
            /* text after the closing quote up to the separator belongs to the field, as
             * Excel and LibreOffice read it ("智慧城市"建设 is 智慧城市建设): never dropped */
            size_t tail = c->off;
            while (c->off < c->len && c->text[c->off] != c->sep && c->text[c->off] != '\n' &&
                   !(c->text[c->off] == '\r' && c->off + 1 < c->len && c->text[c->off + 1] == '\n'))
                c->off++;
            if (c->off > tail) {
                jx_csv_field *f = &c->fields[c->nfields - 1];
                size_t more = c->off - tail;
                char *u = jx_arena_alloc(c->arena, f->n + more + 1);
                if (!u)
                    return JX_CSV_NOMEM;
                memcpy(u, f->s, f->n);
                memcpy(u + f->n, c->text + tail, more);
                u[f->n + more] = '\0';
                f->s = u;
                f->n += more;
            }
        } else {
            size_t start = c->off, end = c->off;
            while (end < c->len && c->text[end] != c->sep && c->text[end] != '\n')
                end++;
            size_t stop = end;
            if (end > start && c->text[end - 1] == '\r' && (end == c->len || c->text[end] == '\n'))
                stop = end - 1;
            st = add_field(c, c->text + start, stop - start, line, line_start, start);
            if (st != JX_CSV_ROW)
                return st;
            c->off = end;
        }
        if (c->off >= c->len)
            return JX_CSV_ROW;
        char ch = c->text[c->off];
        if (ch == c->sep) {
            c->off++;
            if (c->off >= c->len)
                return add_field(c, c->text + c->off, 0, c->line, c->line_start, c->off);
            continue;
        }
        if (ch == '\r')
            c->off++;
        if (c->off < c->len && c->text[c->off] == '\n') {
            c->off++;
            c->line++;
            c->line_start = c->off;
        }
        return JX_CSV_ROW;
    }
}

uint32_t jx_csv_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}
