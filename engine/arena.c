/* SPDX-License-Identifier: MIT */
/* arena.c — chunked bump allocation with reuse across projects. */
#define _GNU_SOURCE /* strchrnul */
#include "arena.h"

#include "alloc.h"
#include "dec.h"

#include <assert.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct jx_arena_chunk {
    jx_arena_chunk *next; /* older chunk */
    size_t size;          /* usable bytes in data */
    _Alignas(JX_ARENA_ALIGN) unsigned char data[];
};

enum { ARENA_DEFAULT_CHUNK = 64 * 1024 };

void jx_arena_init(jx_arena *ar, const jx_allocator *alloc)
{
    ar->alloc = jx_alloc_or_default(alloc);
    ar->head = NULL;
    ar->free = ar->end = NULL;
    ar->chunk_size = ARENA_DEFAULT_CHUNK;
    ar->oom = 0;
}

static jx_arena_chunk *new_chunk(jx_arena *ar, size_t min)
{
    size_t size = ar->chunk_size;
    if (size < min)
        size = min;
    jx_arena_chunk *c = jx_malloc(ar->alloc, sizeof *c + size);
    if (!c)
        return NULL;
    c->size = size;
    c->next = ar->head;
    ar->head = c;
    return c;
}

void *jx_arena_alloc_chunk(jx_arena *ar, size_t n, size_t need)
{
    jx_arena_chunk *c = need < n ? NULL : new_chunk(ar, need); /* need < n: n + 15 wrapped */
    if (!c) {
        ar->oom = 1;
        return NULL;
    }
    /* the new chunk is head from now on, what was left of the old one unused */
    ar->free = c->data + need;
    ar->end = c->data + c->size;
    return c->data;
}

/*
 * Formats fmt with ap into out[0..cap) as vsnprintf would, for the conversions the
 * engine's messages use: %s, %.*s, %d, %u, %zu and %%. Returns the length, or -1 when
 * fmt holds another conversion or the text and its NUL do not fit (vsnprintf then does
 * it). Pieces are copied by jx_copy_short: a message is a few short words and numbers
 * between pieces of its template, each a call to memcpy otherwise.
 */
static int quick_vformat(char *out, size_t cap, const char *fmt, va_list ap)
{
    size_t n = 0;
    for (const char *f = fmt;;) {
        const char *pct = strchrnul(f, '%');
        size_t lit = (size_t)(pct - f);
        if (lit >= cap - n)
            return -1;
        jx_copy_short(out + n, f, lit);
        n += lit;
        f = pct;
        if (!*f)
            break;
        f++; /* past the '%'; f[0] is the template's NUL at worst */
        const char *str = NULL;
        size_t len = 0;
        char num[24];
        if (f[0] == 's') {
            str = va_arg(ap, const char *);
            if (!str)
                str = "(null)";
            len = strlen(str);
            f += 1;
        } else if (f[0] == '.' && f[1] == '*' && f[2] == 's') {
            int prec = va_arg(ap, int);
            str = va_arg(ap, const char *);
            if (!str)
                return -1;
            len = prec < 0 ? strlen(str) : strnlen(str, (size_t)prec);
            f += 3;
        } else if (f[0] == 'd' || f[0] == 'u' || (f[0] == 'z' && f[1] == 'u')) {
            uint64_t u;
            bool neg = false;
            if (f[0] == 'd') {
                int v = va_arg(ap, int);
                neg = v < 0;
                u = neg ? (uint64_t)0 - (uint64_t)(int64_t)v : (uint64_t)v;
            } else if (f[0] == 'u') {
                u = va_arg(ap, unsigned);
            } else {
                u = va_arg(ap, size_t);
            }
            f += f[0] == 'z' ? 2 : 1;
            unsigned nd = jx_digit_count(u), k = neg;
            num[0] = '-';
            jx_digits_put(num + k, u, nd);
            str = num;
            len = nd + k;
        } else if (f[0] == '%') {
            str = "%";
            len = 1;
            f += 1;
        } else {
            return -1;
        }
        if (len >= cap - n)
            return -1;
        jx_copy_short(out + n, str, len);
        n += len;
    }
    out[n] = '\0';
    return (int)n;
}

char *jx_arena_vprintf(jx_arena *ar, const char *fmt, va_list ap)
{
    /* The usual: formatted by quick_vformat straight into the head chunk's free bytes,
     * then handed out from there; room is rounded down to JX_ARENA_ALIGN so that the text
     * and its NUL, once they fit in it, fit as jx_arena_alloc rounds them: the allocation
     * is then taken inline, at ar->free, where the text already is. When the head has
     * less room than small, the text is made in small and copied. */
    char small[512];
    size_t room = (size_t)((uintptr_t)ar->end - (uintptr_t)ar->free) & ~(size_t)(JX_ARENA_ALIGN - 1);
    if (room > INT_MAX) /* the length quick_vformat returns is an int */
        room = (size_t)INT_MAX & ~(size_t)(JX_ARENA_ALIGN - 1);
    bool in_place = room >= sizeof small;
    char *out = in_place ? (char *)ar->free : small;
    size_t cap = in_place ? room : sizeof small;
    va_list ap2;
    va_copy(ap2, ap);
    int n = quick_vformat(out, cap, fmt, ap2);
    va_end(ap2);
    if (n >= 0 && in_place) {
        char *p = jx_arena_alloc(ar, (size_t)n + 1); /* fits the head, rounded: taken at out */
        assert(p == out);
        return p;
    }
    if (n < 0) { /* another conversion, or a text longer than cap: vsnprintf's */
        va_copy(ap2, ap);
        n = vsnprintf(small, sizeof small, fmt, ap2);
        va_end(ap2);
        if (n < 0)
            return NULL;
    }
    char *p = jx_arena_alloc(ar, (size_t)n + 1);
    if (!p)
        return NULL;
    if ((size_t)n < sizeof small)
        memcpy(p, small, (size_t)n + 1);
    else
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *jx_arena_printf(jx_arena *ar, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = jx_arena_vprintf(ar, fmt, ap);
    va_end(ap);
    return p;
}

void jx_arena_reset(jx_arena *ar)
{
    jx_arena_chunk *keep = NULL;
    for (jx_arena_chunk *c = ar->head, *next; c; c = next) {
        next = c->next;
        if (!keep || c->size > keep->size) {
            if (keep)
                jx_free(ar->alloc, keep, sizeof *keep + keep->size);
            keep = c;
        } else {
            jx_free(ar->alloc, c, sizeof *c + c->size);
        }
    }
    if (keep)
        keep->next = NULL;
    ar->head = keep;
    ar->free = keep ? keep->data : NULL;
    ar->end = keep ? keep->data + keep->size : NULL;
    ar->oom = 0;
}

void jx_arena_free(jx_arena *ar)
{
    for (jx_arena_chunk *c = ar->head, *next; c; c = next) {
        next = c->next;
        jx_free(ar->alloc, c, sizeof *c + c->size);
    }
    ar->head = NULL;
    ar->free = ar->end = NULL;
}

void jx_sbuf_init(jx_sbuf *b, char *buf, size_t cap, jx_arena *ar)
{
    b->s = buf;
    b->len = 0;
    b->cap = cap;
    b->ar = ar;
    b->oom = 0;
    buf[0] = '\0';
}

int jx_sbuf_reserve(jx_sbuf *b, size_t n)
{
    if (b->cap - b->len > n)
        return 1;
    size_t need = b->len + n + 1, ncap = b->cap * 2;
    if (ncap < need)
        ncap = need;
    char *ns = b->ar && !b->oom && need > b->len ? jx_arena_alloc(b->ar, ncap) : NULL;
    if (!ns) {
        b->oom = 1;
        return 0;
    }
    memcpy(ns, b->s, b->len);
    b->s = ns;
    b->cap = ncap;
    return 1;
}
