/* SPDX-License-Identifier: MIT */
/* alloc.c — the pluggable allocation pair and the array growth helper. */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

static void *default_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, nsize);
}

const jx_allocator jx_default_allocator = {default_alloc, NULL};

const jx_allocator *jx_alloc_or_default(const jx_allocator *alloc)
{
    return alloc && alloc->fn ? alloc : &jx_default_allocator;
}

const jx_allocator *jx_alloc_keep(const jx_allocator *alloc)
{
    if (!alloc || !alloc->fn)
        return &jx_default_allocator;
    jx_allocator *k = alloc->fn(alloc->ud, NULL, 0, sizeof *k);
    if (k)
        *k = *alloc;
    return k;
}

void jx_alloc_drop(const jx_allocator *kept)
{
    if (kept && kept != &jx_default_allocator)
        kept->fn(kept->ud, (void *)kept, sizeof *kept, 0); /* its fn and ud are read before it goes */
}

void *jx_malloc(const jx_allocator *a, size_t n)
{
    return a->fn(a->ud, NULL, 0, n ? n : 1);
}

void *jx_calloc(const jx_allocator *a, size_t n)
{
    void *p = jx_malloc(a, n);
    if (p)
        memset(p, 0, n ? n : 1);
    return p;
}

void *jx_realloc(const jx_allocator *a, void *p, size_t osize, size_t nsize)
{
    if (!p)
        osize = 0;
    return a->fn(a->ud, p, osize, nsize ? nsize : 1);
}

void jx_free(const jx_allocator *a, void *p, size_t size)
{
    if (p)
        a->fn(a->ud, p, size, 0);
}

char *jx_strndup(const jx_allocator *a, const char *s, size_t n)
{
    char *p = jx_malloc(a, n + 1);
    if (p) {
        if (n)
            memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

int jx_grow(const jx_allocator *a, void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > ((size_t)-1) / 2 / elem)
            return -1;
        ncap *= 2;
    }
    void *np = jx_realloc(a, *p, *cap * elem, ncap * elem);
    if (!np)
        return -1;
    *p = np;
    *cap = ncap;
    return 0;
}
