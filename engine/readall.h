/* SPDX-License-Identifier: MIT */
/* readall.h — reading a stream to its end into memory: what the inputs read whole (an
 * import's table, a policy file) use, so a pipe (<(…), /dev/stdin, "-") reads as a file
 * does; nothing is asked of the stream but fread (no size, no seeking). And what is kept
 * out of memory: the one place temporary files go (jx_tmpdir), and bytes held back to be
 * read once later, in memory while they are few and in a temporary file past that
 * (jx_stash: a report's spooled parts, the rule text of an imported table). */
#ifndef JX_READALL_H
#define JX_READALL_H

#include "jixiao.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/**
 * Reads f to its end into *buf, grown with a (*cap bytes allocated, *len used; start
 * with *buf NULL and *cap 0; free with jx_free(a, *buf, *cap) whatever the result).
 * JX_OK; JX_ERR_NOMEM; JX_ERR_IO when reading failed, errno then saying why.
 */
jx_result jx_read_all(const jx_allocator *a, FILE *f, char **buf, size_t *len, size_t *cap);

/** The directory for temporary files: $TMPDIR when set and not empty, else /tmp. */
const char *jx_tmpdir(void);

/**
 * A new temporary file in jx_tmpdir(), opened for reading and writing and removed at
 * once, so it goes when it is closed or the program ends; NULL when none could be made
 * (errno says why).
 */
FILE *jx_tmpfile(void);

/**
 * Bytes written once and read back later: in memory (data) up to `memory` bytes, then,
 * all of them, in a temporary file (jx_tmpfile); in memory still when no file can be
 * made. Invariant: file is NULL or holds every byte written and data none.
 */
typedef struct jx_stash {
    const jx_allocator *alloc; /* for data */
    size_t memory;             /* bytes held in memory before the file */
    char *data;                /* the bytes while in memory (NULL until the first) */
    size_t len, cap;           /* bytes in data, and its size */
    FILE *file;                /* past memory: the temporary file, written to its end; NULL before */
    bool oom;                  /* data could not grow: what followed was dropped */
    bool io;                   /* the file could not be written */
    int err;                   /* when io: errno as the write failed, for the message (a later
                                  call may have changed errno by the time it is said) */
} jx_stash;

/** An empty store holding up to memory bytes in memory, from alloc (NULL: the default). */
void jx_stash_init(jx_stash *h, const jx_allocator *alloc, size_t memory);

/** Appends data[0..len); len, or 0 when memory or the file failed (oom, or io and err,
 * then set). */
size_t jx_stash_write(jx_stash *h, const char *data, size_t len);

/**
 * Hands every byte held to put(ud, …), in order, and empties the store: what is written
 * next is held in memory again. False when the file could not be read back (what was
 * read is handed over all the same).
 */
bool jx_stash_drain(jx_stash *h, void (*put)(void *ud, const char *data, size_t len), void *ud);

/** Releases the memory and closes the file; a zeroed store is a no-op. */
void jx_stash_free(jx_stash *h);

#endif
