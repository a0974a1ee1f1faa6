/* spool.c — a jx_writer whose output is kept in memory until it is copied (spool.h). */
#include "spool.h"

#include "alloc.h"

#include <string.h>

/* The spool's write function: appends to the buffer; 0 (a failed write) when memory ran out. */
static size_t spool_write(void *ud, const char *data, size_t len)
{
    jx_spool *sp = ud;
    if (JX_GROW(sp->alloc, sp->data, sp->cap, sp->len + len) != 0) {
        sp->oom = 1;
        return 0;
    }
    memcpy(sp->data + sp->len, data, len);
    sp->len += len;
    return len;
}

jx_result jx_spool_open(jx_spool *sp, const jx_allocator *alloc)
{
    memset(sp, 0, sizeof *sp);
    sp->alloc = jx_alloc_or_default(alloc);
    /* the text reporter is never called: only the buffer is used */
    return jx_writer_create(&sp->w, JX_FORMAT_TEXT, 0, spool_write, sp, sp->alloc);
}

jx_result jx_spool_error(const jx_spool *sp)
{
    if (sp->oom)
        return JX_ERR_NOMEM;
    return sp->w ? sp->w->err : JX_OK;
}

void jx_spool_copy(jx_spool *sp, jx_writer *to)
{
    if (!sp->w)
        return;
    jx_out_flush(sp->w);
    jx_result err = jx_spool_error(sp);
    if (err != JX_OK && to->err == JX_OK)
        to->err = err;
    if (sp->len) /* data is NULL until something was held */
        jx_out_bytes(to, sp->data, sp->len);
    sp->len = 0;
}

void jx_spool_close(jx_spool *sp)
{
    if (!sp->alloc)
        return;
    jx_writer_destroy(sp->w);
    jx_free(sp->alloc, sp->data, sp->cap);
    memset(sp, 0, sizeof *sp);
}
