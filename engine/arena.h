/* SPDX-License-Identifier: MIT */
/* arena.h — a bump allocator for one project's strings and records, reset between projects. */
#ifndef JX_ARENA_H
#define JX_ARENA_H

#include "dec.h"
#include "jixiao.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef struct jx_arena_chunk jx_arena_chunk;

/**
 * A chain of chunks; memory is handed out in order and released all at once. Invariant:
 * free .. end are the bytes of head not handed out yet (both NULL before the first
 * chunk), free aligned to JX_ARENA_ALIGN; an allocation that fits them takes them inline
 * (jx_arena_alloc), any other goes to a new chunk (jx_arena_alloc_chunk).
 */
typedef struct jx_arena {
    const jx_allocator *alloc; /* where chunks come from */
    jx_arena_chunk *head;      /* the chunk being filled; older chunks follow */
    unsigned char *free;       /* head's first byte not handed out */
    unsigned char *end;        /* just past head's last byte */
    size_t chunk_size;         /* size of a regular chunk */
    int oom;                   /* an allocation returned NULL since init or the last reset */
} jx_arena;

/** The alignment of every allocation: enough for any object the engine keeps. */
#define JX_ARENA_ALIGN 16

/** Prepares an empty arena; no memory is taken until the first allocation. */
void jx_arena_init(jx_arena *ar, const jx_allocator *alloc);

/** jx_arena_alloc of `need` bytes (n rounded up) from a new chunk; NULL when memory ran out. */
void *jx_arena_alloc_chunk(jx_arena *ar, size_t n, size_t need);

/** n bytes aligned for any object, NULL when memory ran out. Valid until reset. */
static inline void *jx_arena_alloc(jx_arena *ar, size_t n)
{
    size_t need = ((n ? n : 1) + JX_ARENA_ALIGN - 1) & ~(size_t)(JX_ARENA_ALIGN - 1);
    if (need >= n && need <= (size_t)((uintptr_t)ar->end - (uintptr_t)ar->free)) {
        void *p = ar->free;
        ar->free += need;
        return p;
    }
    return jx_arena_alloc_chunk(ar, n, need);
}

/** printf into the arena; NULL when memory ran out. */
char *jx_arena_printf(jx_arena *ar, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** vprintf into the arena; NULL when memory ran out. */
char *jx_arena_vprintf(jx_arena *ar, const char *fmt, va_list ap);

/** Forgets everything allocated (and oom); keeps one chunk for reuse so steady state allocates nothing. */
void jx_arena_reset(jx_arena *ar);

/** Returns every chunk to the allocator. */
void jx_arena_free(jx_arena *ar);

/**
 * A text built piece by piece: in the caller's buffer while it fits, then in an
 * arena, so short texts cost no allocation and long ones are never cut.
 */
typedef struct jx_sbuf {
    char *s;      /* the bytes so far (NUL-terminated by jx_sbuf_cstr) */
    size_t len;   /* bytes written */
    size_t cap;   /* bytes s can hold, the NUL included */
    jx_arena *ar; /* where a text outgrowing s continues */
    int oom;      /* the arena ran out: the text is cut short */
} jx_sbuf;

/** Starts an empty text in buf[0..cap) (cap >= 1), continuing in ar when it grows. */
void jx_sbuf_init(jx_sbuf *b, char *buf, size_t cap, jx_arena *ar);

/** Makes room for n more bytes and the NUL; 0 when memory ran out (oom is then set). */
int jx_sbuf_reserve(jx_sbuf *b, size_t n);

/**
 * memcpy for the short copies of names, values, numbers and indicator lines: up to 64
 * bytes by overlapping loads and stores of the largest size that fits (never past either
 * end; as with memcpy, the two may not overlap), longer ones by memcpy. It saves a call
 * and the size dispatch of the library's copy, and keeps a compiler that has profiled
 * the sizes from making the copy a "rep movs", slow to start.
 */
static inline void jx_copy_short(void *dst, const void *src, size_t n)
{
    char *d = (char *)dst;
    const char *s = (const char *)src;
    if (n >= 8) {
        if (n > 64) {
            memcpy(d, s, n);
#if defined(__SSE2__)
        } else if (n > 32) {
            __m128i a = _mm_loadu_si128((const __m128i *)(const void *)s);
            __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + 16));
            __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 32));
            __m128i e = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
            _mm_storeu_si128((__m128i *)(void *)d, a);
            _mm_storeu_si128((__m128i *)(void *)(d + 16), b);
            _mm_storeu_si128((__m128i *)(void *)(d + n - 32), c);
            _mm_storeu_si128((__m128i *)(void *)(d + n - 16), e);
#else
        } else if (n > 32) {
            memcpy(d, s, n);
#endif
        } else if (n > 16) {
            uint64_t a, b, c, e;
            memcpy(&a, s, 8);
            memcpy(&b, s + 8, 8);
            memcpy(&c, s + n - 16, 8);
            memcpy(&e, s + n - 8, 8);
            memcpy(d, &a, 8);
            memcpy(d + 8, &b, 8);
            memcpy(d + n - 16, &c, 8);
            memcpy(d + n - 8, &e, 8);
        } else {
            uint64_t a, b;
            memcpy(&a, s, 8);
            memcpy(&b, s + n - 8, 8);
            memcpy(d, &a, 8);
            memcpy(d + n - 8, &b, 8);
        }
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
    } else if (n > 0) {
        d[0] = s[0];
        d[n / 2] = s[n / 2];
        d[n - 1] = s[n - 1];
    }
}

/** A NUL-terminated copy of s[0..n), NULL when memory ran out. */
static inline char *jx_arena_strndup(jx_arena *ar, const char *s, size_t n)
{
    char *p = jx_arena_alloc(ar, n + 1);
    if (p) {
        jx_copy_short(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/** Appends s[0..n). */
static inline void jx_sbuf_put(jx_sbuf *b, const char *s, size_t n)
{
    if (b->cap - b->len <= n && !jx_sbuf_reserve(b, n))
        return;
    jx_copy_short(b->s + b->len, s, n);
    b->len += n;
}

/** Appends a NUL-terminated string. */
static inline void jx_sbuf_str(jx_sbuf *b, const char *s)
{
    jx_sbuf_put(b, s, strlen(s));
}

/** Appends v × 10^-scale as jx_num_put writes it (trailing zeros of the decimals dropped
 * when trim): the numbers of a formula or a finding's message. Inline: every formula
 * writes three or four. */
static inline void jx_sbuf_num(jx_sbuf *b, __int128 v, int scale, bool trim)
{
    if (b->cap - b->len <= JX_DEC_BUFSZ && !jx_sbuf_reserve(b, JX_DEC_BUFSZ))
        return;
    b->len += jx_num_put(v, scale, trim, b->s + b->len);
}

/** Appends a string literal, its length known at compile time. */
#define JX_SBUF_LIT(b, lit) jx_sbuf_put((b), "" lit, sizeof(lit) - 1)

/** The text so far, NUL-terminated; valid until the next append. */
static inline const char *jx_sbuf_cstr(jx_sbuf *b)
{
    b->s[b->len] = '\0';
    return b->s;
}

#endif
