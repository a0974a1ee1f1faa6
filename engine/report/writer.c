/* writer.c — jx_writer: buffered output, and dispatch to one reporter per format. */
#include "report.h"

#include "formats.h"

#include "alloc.h"

#include <string.h>

jx_result jx_writer_create(jx_writer **out, jx_format fmt, unsigned flags, jx_write_fn fn,
                           void *ud, const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    const jx_format_row *row = jx_format_row_of(fmt);
    if (!row || !row->form)
        return JX_ERR_USAGE;
    const jx_reporter *rep = row->form;
    if (!fn)
        return JX_ERR_USAGE;
    const jx_allocator *a = jx_alloc_or_default(alloc);
    jx_writer *wr = jx_calloc(a, sizeof *wr);
    if (!wr)
        return JX_ERR_NOMEM;
    wr->alloc = a;
    wr->rep = rep;
    wr->flags = flags;
    wr->fn = fn;
    wr->ud = ud;
    wr->err = JX_OK;
    jx_arena_init(&wr->scratch, a);
    wr->buf = jx_malloc(a, JX_WRITER_BUFSZ);
    if (!wr->buf) {
        jx_free(a, wr, sizeof *wr);
        return JX_ERR_NOMEM;
    }
    wr->cap = JX_WRITER_BUFSZ;
    *out = wr;
    return JX_OK;
}

jx_result jx_writer_project(jx_writer *wr, const jx_project *p)
{
    if (!wr || !p || wr->finished)
        return JX_ERR_USAGE;
    if (wr->err != JX_OK)
        return wr->err;
    jx_arena_reset(&wr->scratch);
    if (!wr->begun) {
        wr->begun = 1;
        wr->rep->begin(wr, p);
    }
    wr->rep->project(wr, p);
    wr->nprojects++;
    return jx_out_result(wr);
}

jx_result jx_writer_finish(jx_writer *wr)
{
    if (!wr || wr->finished)
        return JX_ERR_USAGE;
    wr->finished = 1;
    if (!wr->begun) {
        wr->begun = 1;
        wr->rep->begin(wr, NULL);
    }
    wr->rep->finish(wr);
    jx_out_result(wr);
    jx_out_flush(wr);
    return wr->err;
}

void jx_writer_destroy(jx_writer *wr)
{
    if (!wr)
        return;
    const jx_allocator *a = wr->alloc;
    if (wr->state_free)
        wr->state_free(wr);
    jx_arena_free(&wr->scratch);
    jx_free(a, wr->buf, wr->cap);
    jx_free(a, wr, sizeof *wr);
}

/* ------------------------------------------------------------ output buffer */

jx_result jx_out_result(jx_writer *wr)
{
    if (wr->scratch.oom && wr->err == JX_OK)
        wr->err = JX_ERR_NOMEM;
    return wr->err;
}

void jx_out_flush(jx_writer *wr)
{
    if (wr->len == 0)
        return;
    if (wr->err == JX_OK && wr->fn(wr->ud, wr->buf, wr->len) != wr->len)
        wr->err = JX_ERR_IO;
    wr->len = 0;
}

void jx_out_bytes(jx_writer *wr, const char *s, size_t n)
{
    if (wr->cap - wr->len >= n) {
        memcpy(wr->buf + wr->len, s, n);
        wr->len += n;
        return;
    }
    while (n > 0) {
        size_t room = wr->cap - wr->len;
        if (room == 0) {
            jx_out_flush(wr);
            room = wr->cap;
        }
        size_t k = n < room ? n : room;
        memcpy(wr->buf + wr->len, s, k);
        wr->len += k;
        s += k;
        n -= k;
    }
}

void jx_out_str(jx_writer *wr, const char *s)
{
    jx_out_bytes(wr, s, strlen(s));
}

void jx_out_char(jx_writer *wr, char c)
{
    if (wr->len == wr->cap)
        jx_out_flush(wr);
    wr->buf[wr->len++] = c;
}

void jx_out_spaces(jx_writer *wr, size_t n)
{
    static const char spaces[] = "                                ";
    if (wr->cap - wr->len >= n) { /* the usual case: room in the buffer */
        memset(wr->buf + wr->len, ' ', n);
        wr->len += n;
        return;
    }
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        jx_out_bytes(wr, spaces, k);
        n -= k;
    }
}

/* Appends v × 10^-scale as jx_num_put writes it, straight into the buffer when it has
 * room for any number, else through a copy. */
static void out_num(jx_writer *wr, __int128 v, int scale, bool trim)
{
    if (wr->cap - wr->len >= JX_DEC_BUFSZ) {
        wr->len += jx_num_put(v, scale, trim, wr->buf + wr->len);
        return;
    }
    char buf[JX_DEC_BUFSZ];
    jx_out_bytes(wr, buf, jx_num_put(v, scale, trim, buf));
}

void jx_out_uint(jx_writer *wr, uint64_t v)
{
    unsigned nd = jx_digit_count(v);
    if (wr->cap - wr->len < nd)
        jx_out_flush(wr);
    jx_digits_put(wr->buf + wr->len, v, nd);
    wr->len += nd;
}

void jx_out_fixed(jx_writer *wr, int64_t units, int decimals)
{
    if (decimals == 2 && units >= 0 && wr->cap - wr->len >= 24) {
        /* the common case, "22.50", written in place */
        uint64_t u = (uint64_t)units, hi = u / 100;
        unsigned nd = jx_digit_count(hi);
        char *o = wr->buf + wr->len;
        jx_digits_put(o, hi, nd);
        o[nd] = '.';
        memcpy(o + nd + 1, jx_digit_pairs + 2 * (u - hi * 100), 2);
        wr->len += nd + 3;
        return;
    }
    out_num(wr, units, decimals, false);
}

void jx_out_dec(jx_writer *wr, jx_dec d)
{
    if (d.scale == 0 && d.v >= 0) {
        jx_out_uint(wr, (uint64_t)d.v);
        return;
    }
    out_num(wr, d.v, d.scale, true);
}
