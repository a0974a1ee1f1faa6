/* SPDX-License-Identifier: MIT */
/* alloc.h — every allocation of the library goes through the handle's jx_allocator. */
#ifndef JX_ALLOC_H
#define JX_ALLOC_H

#include "jixiao.h"

#include <stddef.h>

/** The allocator used when a caller passes NULL: the C library's realloc/free. */
extern const jx_allocator jx_default_allocator;

/** alloc, or the default allocator when alloc is NULL. */
const jx_allocator *jx_alloc_or_default(const jx_allocator *alloc);

/**
 * The allocator a public handle keeps: a copy of *alloc made with it (so a caller's
 * allocator may be a local that goes out of scope once the handle is made), or the
 * default one when alloc is NULL; NULL when the copy could not be allocated. The handle
 * gives it back with jx_alloc_drop after its last jx_free.
 */
const jx_allocator *jx_alloc_keep(const jx_allocator *alloc);

/** Gives back what jx_alloc_keep returned (NULL and the default allocator: nothing). */
void jx_alloc_drop(const jx_allocator *kept);

/** n bytes (uninitialised), NULL on failure. */
void *jx_malloc(const jx_allocator *a, size_t n);

/** n zeroed bytes, NULL on failure. */
void *jx_calloc(const jx_allocator *a, size_t n);

/** Resizes p from osize to nsize bytes; NULL on failure (p is then untouched). */
void *jx_realloc(const jx_allocator *a, void *p, size_t osize, size_t nsize);

/** Frees p of size bytes; NULL is a no-op. */
void jx_free(const jx_allocator *a, void *p, size_t size);

/** A NUL-terminated copy of s (n bytes), NULL on failure. Free with jx_free(a, p, n + 1). */
char *jx_strndup(const jx_allocator *a, const char *s, size_t n);

/**
 * Makes room for at least need elements of elem bytes in the array *p of capacity
 * *cap (growing geometrically). Returns 0 on success, -1 when memory ran out.
 */
int jx_grow(const jx_allocator *a, void **p, size_t *cap, size_t need, size_t elem);

/** Convenience: JX_GROW(a, v, cap, need) for a typed pointer v. */
#define JX_GROW(a, v, cap, need) jx_grow((a), (void **)&(v), &(cap), (need), sizeof *(v))

#endif
