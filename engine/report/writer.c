/* writer.c — jx_writer: buffered output, and dispatch to one reporter per format; the
 * strings made in its scratch arena and the table aligned by display width that the
 * reporters share (report_parts.h). */
#include "report.h"

#include "report_parts.h"

#include "alloc.h"
#include "width.h"

#include <stdarg.h>
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

void jx_doc_block(jx_writer *wr)
{
    if (wr->in_report && wr->blocks++ > 0)
        jx_out_char(wr, '\n');
}

void jx_out_title(jx_writer *wr, const char *title, const char *caption, const char *result)
{
    jx_out_str(wr, title);
    if (caption[0]) {
        jx_out_str(wr, "（");
        jx_out_str(wr, caption);
        jx_out_str(wr, "）");
    }
    if (result[0]) {
        jx_out_str(wr, "：");
        jx_out_str(wr, result);
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

void jx_out_uint(jx_writer *wr, uint64_t v)
{
    unsigned nd = jx_digit_count(v);
    if (wr->cap - wr->len < nd)
        jx_out_flush(wr);
    jx_digits_put(wr->buf + wr->len, v, nd);
    wr->len += nd;
}

/* jx_out_fixed and jx_out_dec write the number straight into the buffer when it has room
 * for any number (JX_DEC_BUFSZ), else through a copy: the same bytes as jx_at_fixed and
 * jx_at_dec (report.h), which the JSON and CSV fast paths use. */

void jx_out_fixed(jx_writer *wr, int64_t units, int decimals)
{
    if (wr->cap - wr->len >= JX_DEC_BUFSZ) {
        wr->len = (size_t)(jx_at_fixed(wr->buf + wr->len, units, decimals) - wr->buf);
        return;
    }
    char buf[JX_DEC_BUFSZ];
    jx_out_bytes(wr, buf, (size_t)(jx_at_fixed(buf, units, decimals) - buf));
}

void jx_out_dec(jx_writer *wr, jx_dec d)
{
    if (wr->cap - wr->len >= JX_DEC_BUFSZ) {
        wr->len = (size_t)(jx_at_dec(wr->buf + wr->len, d) - wr->buf);
        return;
    }
    char buf[JX_DEC_BUFSZ];
    jx_out_bytes(wr, buf, (size_t)(jx_at_dec(buf, d) - buf));
}

/* ------------------------------------------------------------------- table */

void jx_table_init(jx_table *t, jx_writer *w, size_t ncols)
{
    t->w = w;
    t->ncols = ncols < JX_TABLE_MAXCOLS ? ncols : JX_TABLE_MAXCOLS;
    t->cells = NULL;
    t->nrows = 0;
    t->cap = 0;
}

const char **jx_table_row(jx_table *t)
{
    if (t->nrows == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 16;
        const char **nc = jx_arena_alloc(&t->w->scratch, ncap * t->ncols * sizeof *nc);
        if (!nc) {
            jx_scratch_fail(t->w);
            return NULL;
        }
        if (t->nrows)
            memcpy(nc, t->cells, t->nrows * t->ncols * sizeof *nc);
        t->cells = nc;
        t->cap = ncap;
    }
    const char **row = t->cells + t->nrows * t->ncols;
    for (size_t c = 0; c < t->ncols; c++)
        row[c] = "";
    t->nrows++;
    return row;
}

void jx_table_print(const jx_table *t, size_t indent)
{
    size_t widths[JX_TABLE_MAXCOLS] = {0};
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = t->cells[r * t->ncols + c];
            size_t wd = jx_display_width(s, strlen(s));
            if (wd > widths[c])
                widths[c] = wd;
        }
    for (size_t r = 0; r < t->nrows; r++) {
        const char **row = t->cells + r * t->ncols;
        size_t last = t->ncols;
        while (last > 0 && row[last - 1][0] == '\0')
            last--;
        jx_out_spaces(t->w, indent);
        for (size_t c = 0; c < last; c++) {
            size_t n = strlen(row[c]);
            jx_out_bytes(t->w, row[c], n);
            if (c + 1 < last)
                jx_out_spaces(t->w, widths[c] - jx_display_width(row[c], n) + 2);
        }
        jx_out_char(t->w, '\n');
    }
}

/* --------------------------------------------------------- scratch strings */

const char *jx_scratch_fail(jx_writer *w)
{
    if (w->err == JX_OK)
        w->err = JX_ERR_NOMEM;
    return "";
}

const char *jx_scratch_printf(jx_writer *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = jx_arena_vprintf(&w->scratch, fmt, ap);
    va_end(ap);
    return s ? s : jx_scratch_fail(w);
}

const char *jx_scratch_str(jx_writer *w, const char *s)
{
    char *c = jx_arena_strndup(&w->scratch, s, strlen(s));
    return c ? c : jx_scratch_fail(w);
}
