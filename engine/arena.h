/* arena.h — a bump allocator for one project's strings and records, reset between projects. */
#ifndef JX_ARENA_H
#define JX_ARENA_H

#include "jixiao.h"

#include <stdarg.h>
#include <stddef.h>

typedef struct jx_arena_chunk jx_arena_chunk;

/** A chain of chunks; memory is handed out in order and released all at once. */
typedef struct jx_arena {
    const jx_allocator *alloc; /* where chunks come from */
    jx_arena_chunk *head;      /* the chunk being filled; older chunks follow */
    size_t chunk_size;         /* size of a regular chunk */
} jx_arena;

/** Prepares an empty arena; no memory is taken until the first allocation. */
void jx_arena_init(jx_arena *ar, const jx_allocator *alloc);

/** n bytes aligned for any object, NULL when memory ran out. Valid until reset. */
void *jx_arena_alloc(jx_arena *ar, size_t n);

/** A NUL-terminated copy of s[0..n), NULL when memory ran out. */
char *jx_arena_strndup(jx_arena *ar, const char *s, size_t n);

/** printf into the arena; NULL when memory ran out. */
char *jx_arena_printf(jx_arena *ar, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** vprintf into the arena; NULL when memory ran out. */
char *jx_arena_vprintf(jx_arena *ar, const char *fmt, va_list ap);

/** Forgets everything allocated; keeps one chunk for reuse so steady state allocates nothing. */
void jx_arena_reset(jx_arena *ar);

/** Returns every chunk to the allocator. */
void jx_arena_free(jx_arena *ar);

#endif
