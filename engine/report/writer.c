/* SPDX-License-Identifier: MIT */
/* writer.c — the four writers of the public API (jx_writer for the 自评表 and the
 * template, jx_audit_writer, jx_review_writer, jx_vet_writer), each dispatching to the reporter its format
 * has for its document (formats.c); the output they share: a buffer flushed through the
 * caller's jx_write_fn with a sticky first failure, a scratch arena reset per project, the
 * strings made in it, a table aligned by display width, and spools (parts held back in
 * memory and copied in later). Declared in report.h. */
#include "doc.h"

#include "alloc.h"
#include "readall.h"
#include "width.h"
#include "xlsx_book.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

jx_result jx_sink_create(jx_writer **out, jx_write_fn fn, void *ud, const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!fn)
        return JX_ERR_USAGE;
    const jx_allocator *a = jx_alloc_keep(alloc);
    jx_writer *wr = a ? jx_calloc(a, sizeof *wr) : NULL;
    if (!wr) {
        jx_alloc_drop(a);
        return JX_ERR_NOMEM;
    }
    wr->alloc = a;
    wr->fn = fn;
    wr->ud = ud;
    wr->err = JX_OK;
    jx_arena_init(&wr->scratch, a);
    wr->buf = jx_malloc(a, JX_WRITER_BUFSZ);
    if (!wr->buf) {
        jx_free(a, wr, sizeof *wr);
        jx_alloc_drop(a);
        return JX_ERR_NOMEM;
    }
    wr->cap = JX_WRITER_BUFSZ;
    *out = wr;
    return JX_OK;
}

jx_result jx_writer_create(jx_writer **out, jx_format fmt, unsigned flags, jx_write_fn fn,
                           void *ud, const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    const jx_format_row *row = jx_format_row_of(fmt);
    if (!row || !row->form)
        return JX_ERR_USAGE;
    jx_result rc = jx_sink_create(out, fn, ud, alloc);
    if (rc != JX_OK)
        return rc;
    (*out)->rep = row->form;
    (*out)->render = row->render;
    (*out)->flags = flags;
    return JX_OK;
}

jx_result jx_template_writer_create(jx_writer **out, jx_format fmt, unsigned flags, jx_write_fn fn, void *ud,
                                    const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    const jx_format_row *row = jx_format_row_of(fmt);
    if (!row || !row->tmpl)
        return JX_ERR_USAGE;
    jx_result rc = jx_sink_create(out, fn, ud, alloc);
    if (rc != JX_OK)
        return rc;
    (*out)->rep = row->tmpl;
    (*out)->flags = flags;
    return JX_OK;
}

jx_result jx_writer_project(jx_writer *wr, const jx_project *p)
{
    if (!wr || !p || !wr->rep || wr->finished)
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

/* ------------------------------------------------------------ rendered apart */

/* The bytes between two projects rendered apart: the reporter's (JSON, CSV), or, for the
 * 自评表 drawn by a renderer, the renderer's (all but xlsx); NULL when its projects are
 * not rendered apart. */
static const char *apart_of(const jx_writer *wr)
{
    if (!wr || !wr->rep)
        return NULL;
    if (wr->rep->apart)
        return wr->rep->apart;
    return wr->rep == &jx_form_doc_reporter && wr->render ? wr->render->apart : NULL;
}

int jx_writer_renders_apart(const jx_writer *wr)
{
    return apart_of(wr) != NULL;
}

/* How big a rendering's own buffer is: on the stack of the thread that renders. */
#define JX_WRITER_RENDER_BUFSZ 16384

jx_result jx_writer_render(const jx_writer *wr, const jx_project *p, jx_write_fn fn, void *ud)
{
    if (!jx_writer_renders_apart(wr) || !p || !fn)
        return JX_ERR_USAGE;
    /* a writer of its own over the same format and flags, as at the first project (the
     * bytes before the others are jx_writer_project_rendered's); wr is only read */
    char buf[JX_WRITER_RENDER_BUFSZ];
    jx_writer w;
    memset(&w, 0, sizeof w);
    w.alloc = wr->alloc;
    w.rep = wr->rep;
    w.render = wr->render;
    w.flags = wr->flags;
    w.general_only = wr->general_only;
    w.fn = fn;
    w.ud = ud;
    w.err = JX_OK;
    w.buf = buf;
    w.cap = sizeof buf;
    w.begun = 1;
    jx_arena_init(&w.scratch, w.alloc);
    w.rep->project(&w, p);
    jx_out_result(&w);
    jx_out_flush(&w);
    jx_arena_free(&w.scratch);
    return w.err;
}

jx_result jx_writer_project_rendered(jx_writer *wr, const jx_project *p, const char *bytes, size_t len)
{
    if (!jx_writer_renders_apart(wr) || !p || (!bytes && len) || wr->finished)
        return JX_ERR_USAGE;
    if (wr->err != JX_OK)
        return wr->err;
    if (!wr->begun) {
        wr->begun = 1;
        wr->rep->begin(wr, p);
    }
    if (wr->nprojects > 0)
        jx_out_str(wr, apart_of(wr));
    jx_out_bytes(wr, bytes, len);
    wr->nprojects++;
    return jx_out_result(wr);
}

jx_result jx_writer_finish(jx_writer *wr)
{
    if (!wr || !wr->rep || wr->finished)
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

size_t jx_writer_forms_left_out(const jx_writer *wr)
{
    return wr ? wr->sheetless : 0;
}

void jx_writer_destroy(jx_writer *wr)
{
    if (!wr)
        return;
    const jx_allocator *a = wr->alloc;
    jx_writer_state_drop(wr);
    jx_arena_free(&wr->scratch);
    jx_free(a, wr->buf, wr->cap);
    jx_free(a, wr, sizeof *wr);
    jx_alloc_drop(a);
}

void *jx_writer_state_new(jx_writer *wr, size_t size, void (*release)(jx_writer *wr))
{
    assert(!wr->state); /* the writer's state is one renderer's */
    void *st = jx_calloc(wr->alloc, size);
    if (!st) {
        if (wr->err == JX_OK)
            wr->err = JX_ERR_NOMEM;
        return NULL;
    }
    wr->state = st;
    wr->state_size = size;
    wr->state_free = release;
    return st;
}

void jx_writer_state_drop(jx_writer *wr)
{
    if (!wr->state)
        return;
    if (wr->state_free)
        wr->state_free(wr);
    jx_free(wr->alloc, wr->state, wr->state_size);
    wr->state = NULL;
    wr->state_size = 0;
    wr->state_free = NULL;
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

void jx_out_line(jx_writer *wr, const char *s)
{
    jx_out_str(wr, s);
    jx_out_char(wr, '\n');
}

/* A jx_write_fn appending a workbook's bytes to the writer in ud. */
static size_t out_xlsx_bytes(void *ud, const char *data, size_t len)
{
    jx_writer *wr = ud;
    jx_out_bytes(wr, data, len);
    return wr->err == JX_OK ? len : 0;
}

void jx_out_xlsx_close(jx_writer *wr, jx_xlsx_book *bk)
{
    jx_result rc = jx_xlsx_close(bk, out_xlsx_bytes, wr);
    if (rc != JX_OK && wr->err == JX_OK)
        wr->err = rc;
}

void jx_out_xlsx_error(jx_writer *wr, const jx_xlsx_book *bk)
{
    if (bk->err != JX_OK && wr->err == JX_OK)
        wr->err = bk->err;
}

bool jx_writer_order(jx_writer *wr, const jx_project *p, jx_order *ord)
{
    if (jx_order_build(ord, p, &wr->scratch) == JX_OK)
        return true;
    jx_scratch_fail(wr);
    return false;
}

void jx_out_escaped(jx_writer *wr, const jx_text_escaper *e, const char *s, size_t n)
{
    while (n > 0) {
        size_t k = e->plain(s, n), used;
        jx_out_bytes(wr, s, k);
        s += k;
        n -= k;
        if (n > 0) {
            char esc[JX_TEXT_ESCAPE_MAX];
            jx_out_bytes(wr, esc, e->escape(s, n, esc, &used));
            s += used;
            n -= used;
        }
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
    if (n <= 32 && wr->cap - wr->len >= 32) { /* a column's padding: 32 spaces stored, n kept */
        memcpy(wr->buf + wr->len, spaces, 32);
        wr->len += n;
        return;
    }
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
    if (wr->cap - wr->len >= 20) { /* the usual case: room for any number */
        wr->len = (size_t)(jx_uint_put(wr->buf + wr->len, v) - wr->buf);
        return;
    }
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

/* ================================================================ spools
   a jx_writer whose output is kept in memory until it is copied (report.h). */

/* The spool's write function: its stash's (jx_stash_write). */
static size_t spool_write(void *ud, const char *data, size_t len)
{
    return jx_stash_write(&((jx_spool *)ud)->bytes, data, len);
}

/* jx_stash_drain's put: the bytes into the writer copied to. */
static void spool_put(void *ud, const char *data, size_t len)
{
    jx_out_bytes(ud, data, len);
}

jx_result jx_spool_open(jx_spool *sp, const jx_allocator *alloc)
{
    memset(sp, 0, sizeof *sp);
    jx_stash_init(&sp->bytes, alloc, JX_SPOOL_MEMORY);
    /* the text reporter is never called: only the buffer is used */
    return jx_sink_create(&sp->w, spool_write, sp, sp->bytes.alloc);
}

jx_result jx_spool_error(const jx_spool *sp)
{
    if (sp->bytes.oom)
        return JX_ERR_NOMEM;
    if (sp->bytes.io)
        return JX_ERR_IO;
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
    if (!jx_stash_drain(&sp->bytes, spool_put, to) && to->err == JX_OK)
        to->err = JX_ERR_IO;
}

void jx_spool_close(jx_spool *sp)
{
    if (!sp->bytes.alloc)
        return;
    jx_writer_destroy(sp->w);
    jx_stash_free(&sp->bytes);
    memset(sp, 0, sizeof *sp);
}

/* ================================================================ jx_audit_writer
   jx_audit_writer: one reporter per format, the view of a project the
 * reporters print, and the number formats they share. */

jx_result jx_audit_writer_create(jx_audit_writer **out, jx_audit *au, jx_format fmt, jx_write_fn fn, void *ud,
                                 const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    const jx_audit_reporter *rep;
    const jx_format_row *row = jx_format_row_of(fmt);
    if (!row || !row->audit)
        return JX_ERR_USAGE;
    rep = row->audit;
    if (!au || !fn)
        return JX_ERR_USAGE;
    const jx_allocator *a = jx_alloc_keep(alloc);
    jx_audit_writer *aw = a ? jx_calloc(a, sizeof *aw) : NULL;
    if (!aw) {
        jx_alloc_drop(a);
        return JX_ERR_NOMEM;
    }
    aw->alloc = a;
    jx_result rc = jx_sink_create(&aw->out, fn, ud, a);
    if (rc == JX_OK)
        aw->out->render = row->render;
    if (rc != JX_OK) {
        jx_free(a, aw, sizeof *aw);
        jx_alloc_drop(a);
        return rc;
    }
    aw->rep = rep;
    aw->au = au;
    *out = aw;
    return JX_OK;
}

jx_result jx_audit_writer_set_flags(jx_audit_writer *aw, unsigned flags)
{
    if (!aw || aw->begun || aw->finished)
        return JX_ERR_USAGE;
    aw->out->flags = flags;
    return JX_OK;
}

void jx_audit_writer_destroy(jx_audit_writer *aw)
{
    if (!aw)
        return;
    jx_writer_destroy(aw->out);
    const jx_allocator *a = aw->alloc;
    jx_free(a, aw, sizeof *aw);
    jx_alloc_drop(a);
}

/* Runs the reporter's begin once. */
static void audit_begin(jx_audit_writer *aw)
{
    if (!aw->begun) {
        aw->begun = true;
        aw->rep->begin(aw);
    }
}

/* Works out what the reporters print of p. Returns false when the scratch arena ran out. */
static bool audit_view(jx_audit_writer *aw, const jx_project *p, unsigned flags, jx_audit_view *v)
{
    memset(v, 0, sizeof *v);
    v->p = p;
    v->flags = flags;
    v->line = jx_audit_project_line(p, flags);
    v->scored = p->scored; /* also with errors found while scoring: its total stands */
    v->funds = jx_audit_project_funds(p, &v->budget_fen, &v->spent_fen);
    v->has_difference = jx_audit_claim_difference(p, &v->difference); /* audit.c */
    v->grade_differs = v->scored && p->claimed_grade != JX_GRADE_NONE && p->grade != JX_GRADE_NONE &&
                       p->claimed_grade != p->grade;
    return jx_audit_collect(p, aw->au->opts.min_severity, &aw->out->scratch, &v->f);
}

jx_result jx_audit_writer_project(jx_audit_writer *aw, const jx_project *p, unsigned flags)
{
    if (!aw || !p || aw->finished)
        return JX_ERR_USAGE;
    if (aw->out->err != JX_OK)
        return aw->out->err;
    jx_arena_reset(&aw->out->scratch);
    audit_begin(aw);
    jx_audit_view v;
    if (!audit_view(aw, p, flags, &v))
        return aw->out->err = JX_ERR_NOMEM;
    aw->rep->project(aw, &v);
    aw->nprojects++;
    return jx_out_result(aw->out);
}

jx_result jx_audit_writer_finish(jx_audit_writer *aw)
{
    if (!aw || aw->finished)
        return JX_ERR_USAGE;
    aw->finished = true;
    jx_result rc = jx_audit_finish(aw->au);
    if (rc != JX_OK && aw->out->err == JX_OK)
        aw->out->err = rc;
    jx_arena_reset(&aw->out->scratch);
    audit_begin(aw);
    aw->rep->finish(aw);
    jx_out_result(aw->out);
    jx_out_flush(aw->out);
    return aw->out->err;
}

/* ================================================================ jx_vet_writer
   jx_vet_writer: the 审核's reporters behind one handle, as jx_audit_writer. */

jx_result jx_vet_writer_create(jx_vet_writer **out, jx_vet *vt, jx_format fmt, jx_write_fn fn, void *ud,
                               const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    const jx_format_row *row = jx_format_row_of(fmt);
    if (!row || !row->vet || !vt || !fn)
        return JX_ERR_USAGE;
    const jx_allocator *a = jx_alloc_keep(alloc);
    jx_vet_writer *vw = a ? jx_calloc(a, sizeof *vw) : NULL;
    if (!vw) {
        jx_alloc_drop(a);
        return JX_ERR_NOMEM;
    }
    vw->alloc = a;
    jx_result rc = jx_sink_create(&vw->out, fn, ud, a);
    if (rc != JX_OK) {
        jx_free(a, vw, sizeof *vw);
        jx_alloc_drop(a);
        return rc;
    }
    vw->out->render = row->render;
    vw->rep = row->vet;
    vw->vt = vt;
    *out = vw;
    return JX_OK;
}

jx_result jx_vet_writer_set_flags(jx_vet_writer *vw, unsigned flags)
{
    if (!vw || vw->begun || vw->finished)
        return JX_ERR_USAGE;
    vw->out->flags = flags;
    return JX_OK;
}

void jx_vet_writer_destroy(jx_vet_writer *vw)
{
    if (!vw)
        return;
    jx_writer_destroy(vw->out);
    const jx_allocator *a = vw->alloc;
    jx_free(a, vw, sizeof *vw);
    jx_alloc_drop(a);
}

/* Runs the reporter's begin once. */
static void vet_begin(jx_vet_writer *vw)
{
    if (!vw->begun) {
        vw->begun = true;
        vw->rep->begin(vw);
    }
}

jx_result jx_vet_writer_project(jx_vet_writer *vw, const jx_project *p, unsigned flags)
{
    if (!vw || !p || vw->finished)
        return JX_ERR_USAGE;
    if (vw->out->err != JX_OK)
        return vw->out->err;
    jx_arena_reset(&vw->out->scratch);
    vet_begin(vw);
    jx_vet_view v = {.p = p, .flags = flags, .line = jx_audit_project_line(p, flags),
                     .result = jx_vet_result(p, vw->vt->pol)};
    jx_vet_count(p, vw->vt->opts.min_severity, &v.c);
    if (!jx_audit_collect(p, vw->vt->opts.min_severity, &vw->out->scratch, &v.f))
        return vw->out->err = JX_ERR_NOMEM;
    v.of = v.f.n ? jx_arena_alloc(&vw->out->scratch, v.f.n * sizeof *v.of) : NULL;
    if (v.f.n && !v.of)
        return vw->out->err = JX_ERR_NOMEM;
    for (size_t i = 0; i < v.f.n; i++)
        v.of[i] = jx_audit_indicator_of(p, v.f.v[i]);
    vw->rep->project(vw, &v);
    vw->nprojects++;
    vw->nfindings += v.f.n;
    return jx_out_result(vw->out);
}

size_t jx_vet_writer_forms_left_out(const jx_vet_writer *vw)
{
    return vw ? jx_writer_forms_left_out(vw->out) : 0;
}

jx_result jx_vet_writer_finish(jx_vet_writer *vw)
{
    if (!vw || vw->finished)
        return JX_ERR_USAGE;
    vw->finished = true;
    jx_result rc = jx_vet_finish(vw->vt);
    if (rc != JX_OK && vw->out->err == JX_OK)
        vw->out->err = rc;
    jx_arena_reset(&vw->out->scratch);
    vet_begin(vw);
    vw->rep->finish(vw);
    jx_out_result(vw->out);
    jx_out_flush(vw->out);
    return vw->out->err;
}

/* ----------------------------------------------------------- shared formats */

/* d with at least two decimals, exactly, into buf (a '+' before a positive d when sign). */
static char *audit_points(jx_dec d, bool sign, char *buf, size_t size)
{
    char tmp[JX_DEC_BUFSZ];
    if (d.scale < 2) {
        int64_t units = (int64_t)jx_dec_scaled(d, 2);
        jx_fixed_format(units, 2, tmp, sizeof tmp);
    } else {
        jx_fixed_format(d.v, d.scale, tmp, sizeof tmp);
    }
    size_t k = 0;
    if (sign && d.v > 0 && size > 1)
        buf[k++] = '+';
    size_t n = strlen(tmp);
    if (n >= size - k)
        n = size - k - 1;
    memcpy(buf + k, tmp, n);
    buf[k + n] = '\0';
    return buf;
}

void jx_audit_out_points(jx_writer *w, jx_dec d, bool sign)
{
    char buf[JX_DEC_BUFSZ + 1];
    jx_out_str(w, audit_points(d, sign, buf, sizeof buf));
}

const char *jx_audit_points_str(jx_writer *w, jx_dec d, bool sign)
{
    char buf[JX_DEC_BUFSZ + 1];
    return jx_scratch_str(w, audit_points(d, sign, buf, sizeof buf));
}

const char *jx_audit_position_str(jx_writer *w, const jx_project *p, const jx_diag *d, unsigned flags)
{
    const char *s = jx_audit_position(&w->scratch, p, d, flags);
    return s ? s : jx_scratch_fail(w);
}

/* Whether something else of p starts on line `line` after column `after` and at or before
 * column `upto`: a group, a 资金 row, the 总分, the 结论 or the project's closing brace. */
static bool audit_other_between(const jx_project *p, uint32_t line, uint32_t after, uint32_t upto)
{
    const jx_pos *fixed[] = {&p->pos, &p->total_pos, &p->grade_pos, &p->close_pos};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (fixed[i]->line == line && fixed[i]->col > after && fixed[i]->col <= upto)
            return true;
    for (size_t g = 0; g < p->ngroups; g++)
        if (p->groups[g].pos.line == line && p->groups[g].pos.col > after && p->groups[g].pos.col <= upto)
            return true;
    for (size_t f = 0; f < p->nfunds; f++)
        if (p->funds[f].pos.line == line && p->funds[f].pos.col > after && p->funds[f].pos.col <= upto)
            return true;
    return false;
}

const jx_indicator *jx_audit_indicator_of(const jx_project *p, const jx_diag *d)
{
    if (d->line == 0)
        return NULL;
    const jx_indicator *best = NULL;
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        if (ind->pos.line == d->line && ind->pos.col <= d->column && (!best || ind->pos.col > best->pos.col))
            best = ind;
    }
    if (!best || audit_other_between(p, d->line, best->pos.col, d->column))
        return NULL;
    return best;
}

const char *jx_audit_indicator_name(const jx_project *p, const jx_diag *d)
{
    const jx_indicator *ind = jx_audit_indicator_of(p, d);
    return ind ? ind->name.s : "";
}

const char *jx_audit_policy_name(const jx_audit *au)
{
    return au->pol ? au->pol->name.s : "";
}

char *jx_audit_percent(uint32_t bp, char *buf, size_t size)
{
    return jx_fixed_format((int64_t)bp, 2, buf, size);
}

const char *jx_audit_why_code(jx_audit_why why)
{
    switch (why) {
    case JX_AUDIT_FLAGGED: return "flagged";
    case JX_AUDIT_WEIGHTED: return "weighted";
    default: return "drawn";
    }
}

/* ================================================================ jx_review_writer
   jx_review_writer: the sheets of a run written in one format. The
 * bytes go through a jx_writer, used for its output buffer and scratch arena only. */

struct jx_review_writer {
    const jx_allocator *alloc;     /* for the handle */
    const jx_review_reporter *rep; /* the format's reporter, or the template's (jx_review_writer_set_template) */
    jx_format fmt;                 /* the format */
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
    const jx_allocator *a = jx_alloc_keep(alloc);
    jx_review_writer *rw = a ? jx_calloc(a, sizeof *rw) : NULL;
    if (!rw) {
        jx_alloc_drop(a);
        return JX_ERR_NOMEM;
    }
    rw->alloc = a;
    rw->rep = rep;
    rw->fmt = fmt;
    jx_result rc = jx_sink_create(&rw->out, fn, ud, a);
    if (rc == JX_OK)
        rw->out->render = row->render;
    if (rc != JX_OK) {
        jx_free(a, rw, sizeof *rw);
        jx_alloc_drop(a);
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

jx_result jx_review_writer_set_template(jx_review_writer *rw)
{
    if (!rw || rw->begun || rw->finished)
        return JX_ERR_USAGE;
    const jx_review_reporter *rep = jx_review_template_reporter(rw->fmt);
    if (!rep)
        return JX_ERR_USAGE;
    rw->rep = rep;
    return JX_OK;
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
    const jx_allocator *a = rw->alloc;
    jx_free(a, rw, sizeof *rw);
    jx_alloc_drop(a);
}

/* ================================================================ held reports (doc.h) */

/* Closes the held report's spools (its state's release). */
static void held_release(jx_writer *wr)
{
    jx_held *h = wr->state;
    jx_spool_close(&h->rows);
    jx_spool_close(&h->findings);
    jx_spool_close(&h->sheets);
}

void jx_held_begin(jx_writer *wr)
{
    jx_held *h = jx_writer_state_new(wr, sizeof *h, held_release);
    if (!h)
        return;
    if (jx_spool_open(&h->rows, wr->alloc) != JX_OK || jx_spool_open(&h->findings, wr->alloc) != JX_OK ||
        jx_spool_open(&h->sheets, wr->alloc) != JX_OK)
        jx_scratch_fail(wr);
}

/* The state is a held report exactly when its release is jx_held_free. */
jx_held *jx_held_of(jx_writer *wr)
{
    return wr->state_free == held_release ? wr->state : NULL;
}

void jx_held_check(jx_writer *wr, const jx_held *h)
{
    jx_result err = jx_spool_error(&h->rows);
    if (err == JX_OK)
        err = jx_spool_error(&h->findings);
    if (err == JX_OK)
        err = jx_spool_error(&h->sheets);
    if (err != JX_OK && wr->err == JX_OK)
        wr->err = err;
}

void jx_held_part_end(jx_writer *wr)
{
    jx_held *h = jx_held_of(wr);
    if (!h)
        return;
    if (h->in_entry)
        jx_held_check(wr, h);
    h->in_entry = 0;
}
