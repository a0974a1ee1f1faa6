/* review_writer.c — jx_review_writer: the sheets of a run written in one format. The
 * bytes go through a jx_writer, used for its output buffer and scratch arena only. */
#include "report_review.h"

#include "alloc.h"

struct jx_review_writer {
    const jx_allocator *alloc;     /* for the handle */
    const jx_review_reporter *rep; /* the format's reporter */
    jx_writer *out;                /* the output buffer, the write function and the scratch arena */
    size_t nsheets;                /* sheets written so far */
    int begun;                     /* the reporter's begin ran */
    int finished;                  /* jx_review_writer_finish ran */
};

jx_result jx_review_writer_create(jx_review_writer **out, jx_format fmt, jx_write_fn fn, void *ud,
                                  const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    const jx_review_reporter *rep;
    const jx_format_row *row = jx_format_row_of(fmt);
    if (!row || !row->review)
        return JX_ERR_USAGE;
    rep = row->review;
    if (!fn)
        return JX_ERR_USAGE;
    const jx_allocator *a = jx_alloc_or_default(alloc);
    jx_review_writer *rw = jx_calloc(a, sizeof *rw);
    if (!rw)
        return JX_ERR_NOMEM;
    rw->alloc = a;
    rw->rep = rep;
    /* the text reporter of projects is never called: only the buffer is used */
    jx_result rc = jx_writer_create(&rw->out, JX_FORMAT_TEXT, 0, fn, ud, a);
    if (rc != JX_OK) {
        jx_free(a, rw, sizeof *rw);
        return rc;
    }
    *out = rw;
    return JX_OK;
}

/* Runs the reporter's begin once, before the first sheet or the end. */
static void begin_once(jx_review_writer *rw)
{
    if (!rw->begun) {
        rw->begun = 1;
        rw->rep->begin(rw->out);
    }
}

jx_result jx_review_writer_sheet(jx_review_writer *rw, const jx_review_sheet *s)
{
    if (!rw || !s || rw->finished)
        return JX_ERR_USAGE;
    if (rw->out->err != JX_OK)
        return rw->out->err;
    jx_arena_reset(&rw->out->scratch);
    begin_once(rw);
    rw->rep->sheet(rw->out, s, rw->nsheets);
    rw->nsheets++;
    return jx_out_result(rw->out);
}

jx_result jx_review_writer_finish(jx_review_writer *rw)
{
    if (!rw || rw->finished)
        return JX_ERR_USAGE;
    rw->finished = 1;
    jx_arena_reset(&rw->out->scratch);
    begin_once(rw);
    rw->rep->finish(rw->out, rw->nsheets);
    jx_out_result(rw->out);
    jx_out_flush(rw->out);
    return rw->out->err;
}

jx_result jx_review_writer_set_flags(jx_review_writer *rw, unsigned flags)
{
    if (!rw || rw->begun || rw->finished)
        return JX_ERR_USAGE;
    rw->out->flags = flags;
    return JX_OK;
}

void jx_review_writer_destroy(jx_review_writer *rw)
{
    if (!rw)
        return;
    jx_writer_destroy(rw->out);
    jx_free(rw->alloc, rw, sizeof *rw);
}
