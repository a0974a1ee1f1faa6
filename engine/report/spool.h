/* spool.h — part of a report held back in memory and written later.
 *
 * A report whose head sums up what follows (the audit's summary before its tables)
 * cannot stream its tables as they come: it writes them to a spool, a jx_writer whose
 * bytes are kept in a growing buffer, and copies them into the real output at the end.
 * The buffer comes from the writer's jx_allocator; running out of memory fails the
 * spool's writer, and the copy passes the failure on.
 */
#ifndef JX_SPOOL_H
#define JX_SPOOL_H

#include "report.h"

#include <stddef.h>

/** A spool: a writer and the bytes it has flushed so far. */
typedef struct jx_spool {
    jx_writer *w;              /* write the held-back text here (jx_out_*, jx_html_*, …) */
    const jx_allocator *alloc; /* for the buffer */
    char *data;                /* the bytes flushed from w */
    size_t len;                /* bytes in data */
    size_t cap;                /* size of data */
    int oom;                   /* the buffer could not grow: what followed was dropped */
} jx_spool;

/**
 * Opens an empty spool whose memory comes from alloc (NULL: the default); JX_ERR_NOMEM.
 * Its writer writes to sp itself: sp must not move while it is open.
 */
jx_result jx_spool_open(jx_spool *sp, const jx_allocator *alloc);

/** JX_OK, or the spool's failure: JX_ERR_NOMEM when its buffer could not grow. */
jx_result jx_spool_error(const jx_spool *sp);

/**
 * Writes everything the spool holds into `to` and empties it; a failure of the spool's
 * writer (memory) becomes to's failure, unless `to` failed before.
 */
void jx_spool_copy(jx_spool *sp, jx_writer *to);

/** Releases the spool's writer and buffer; a spool that was never opened (zeroed) is a no-op. */
void jx_spool_close(jx_spool *sp);

#endif
