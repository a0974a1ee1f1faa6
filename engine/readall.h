/* SPDX-License-Identifier: MIT */
/* readall.h — reading a stream to its end into memory: what the inputs read whole (an
 * import's table, a policy file) use, so a pipe (<(…), /dev/stdin, "-") reads as a file
 * does; nothing is asked of the stream but fread (no size, no seeking). And the one place
 * temporary files go (jx_tmpdir), for what is kept out of memory (spools, workbooks). */
#ifndef JX_READALL_H
#define JX_READALL_H

#include "jixiao.h"

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

#endif
