/* render_text.c — documents (doc.h) as text for a terminal or a printer, aligned by
 * display width (CJK = 2 cells, width.h).
 *
 * A table is kept whole in the writer's scratch arena until its end, measured once, then
 * printed with every column padded to its widest cell, two cells apart. A cell the arena
 * has no room for fails the writer (jx_out_result), so a short table is never taken for
 * the whole.
 */
#include "doc.h"

#include "report_parts.h"
#include "width.h"

#include <assert.h>
#include <string.h>

/** A cell being laid out: its bytes and width. */
typedef struct tcell {
    const char *s;  /* the text, NUL-terminated */
    uint32_t len;   /* its length in bytes */
    uint32_t width; /* its width in terminal cells, UNMEASURED until measured */
} tcell;

/** The width of a cell not measured yet. */
#define UNMEASURED UINT32_MAX

/**
 * The table being drawn: its rows in the scratch arena. One table at a time (the stream
 * never nests them); it lives in the writer's renderer state between table_begin and
 * table_end.
 */
typedef struct ttable {
    size_t ncols;     /* columns */
    size_t indent;    /* spaces before each row */
    tcell *cells;     /* rows × ncols, row-major */
    size_t nrows;     /* rows filled */
    size_t cap;       /* rows allocated */
    int oom;          /* the arena ran out: the writer failed */
} ttable;

/* The table of wr, in the scratch arena (made at table_begin). */
static ttable *table_of(jx_writer *wr)
{
    return wr->render_state;
}

/* Appends s[0..n) to the output, inline when the buffer has room. */
static inline void out_put(jx_writer *wr, const char *s, size_t n)
{
    if (wr->cap - wr->len >= n) {
        jx_copy_short(wr->buf + wr->len, s, n);
        wr->len += n;
    } else {
        jx_out_bytes(wr, s, n);
    }
}

/* A new row of ncols cells; NULL when memory ran out. */
static tcell *table_row(jx_writer *wr, ttable *t)
{
    if (t->oom)
        return NULL;
    if (t->nrows == t->cap) {
        size_t ncap = t->cap * 2;
        tcell *nc = jx_arena_alloc(&wr->scratch, ncap * t->ncols * sizeof *nc);
        if (!nc) {
            t->oom = 1;
            jx_scratch_fail(wr);
            return NULL;
        }
        memcpy(nc, t->cells, t->nrows * t->ncols * sizeof *nc);
        t->cells = nc;
        t->cap = ncap;
    }
    return t->cells + t->ncols * t->nrows++;
}

/* Fills c with the cell's text: a covered cell is empty, a number as wide as it is long. */
static void set_cell(tcell *c, const jx_cell *d)
{
    const char *s = d->covered ? "" : d->s;
    c->s = s;
    c->len = (uint32_t)strlen(s);
    c->width = d->kind == JX_CELL_NUMBER || c->len == 0 ? c->len : UNMEASURED;
}

static void text_table_begin(jx_writer *wr, const jx_table_spec *spec)
{
    assert(spec->ncols <= JX_DOC_MAXCOLS);
    ttable *t = jx_arena_alloc(&wr->scratch, sizeof *t);
    wr->render_state = t;
    if (!t) {
        jx_scratch_fail(wr);
        return;
    }
    memset(t, 0, sizeof *t);
    t->ncols = spec->ncols;
    if (spec->role == JX_TABLE_SECTION) {
        jx_out_str(wr, spec->heading);
        jx_out_char(wr, '\n');
        t->indent = 2;
    }
    t->cap = 16;
    t->cells = jx_arena_alloc(&wr->scratch, t->cap * t->ncols * sizeof *t->cells);
    if (!t->cells) {
        t->oom = 1;
        jx_scratch_fail(wr);
        return;
    }
    tcell *row = table_row(wr, t);
    for (size_t c = 0; row && c < t->ncols; c++) {
        jx_cell h = jx_cell_of(spec->head[c], JX_CELL_TEXT);
        set_cell(&row[c], &h);
    }
}

static void text_row(jx_writer *wr, const jx_cell *cells)
{
    ttable *t = table_of(wr);
    tcell *row = t ? table_row(wr, t) : NULL;
    for (size_t c = 0; row && c < t->ncols; c++)
        set_cell(&row[c], &cells[c]);
}

/* Prints the rows with each column padded to its widest cell, two cells apart; a row's
 * trailing empty cells are not written. Each cell is measured once. */
static void text_table_end(jx_writer *wr)
{
    ttable *t = table_of(wr);
    wr->render_state = NULL;
    if (!t || t->oom)
        return;
    size_t widths[JX_DOC_MAXCOLS] = {0};
    size_t ncells = t->nrows * t->ncols;
    for (size_t i = 0; i < ncells; i++) {
        tcell *c = &t->cells[i];
        if (c->width == UNMEASURED)
            c->width = (uint32_t)jx_display_width(c->s, c->len);
        if (c->width > widths[i % t->ncols])
            widths[i % t->ncols] = c->width;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        const tcell *row = t->cells + r * t->ncols;
        size_t last = t->ncols;
        while (last > 0 && row[last - 1].len == 0)
            last--;
        jx_out_spaces(wr, t->indent);
        for (size_t c = 0; c < last; c++) {
            out_put(wr, row[c].s, row[c].len);
            if (c + 1 < last)
                jx_out_spaces(wr, widths[c] - row[c].width + 2);
        }
        jx_out_char(wr, '\n');
    }
    if (t->indent)
        jx_out_char(wr, '\n'); /* a section ends with a blank line */
}

/* A label and its text, the label padded to `width` cells. */
static void labelled(jx_writer *wr, size_t indent, const char *label, size_t width, const char *text)
{
    jx_out_spaces(wr, indent);
    jx_out_str(wr, label);
    jx_out_spaces(wr, width - jx_display_width(label, strlen(label)) + 2);
    jx_out_str(wr, text);
    jx_out_char(wr, '\n');
}

/* True when every value of f is empty. */
static int fields_empty(const jx_fields *f)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].value[0])
            return 0;
    return 1;
}

/* One line per field, labels padded to the widest label of the block (those left out
 * too); under a heading, indented. Optional empty fields are left out. */
static void text_fields(jx_writer *wr, const jx_fields *f)
{
    if (f->optional && fields_empty(f))
        return;
    size_t width = 0;
    for (size_t i = 0; i < f->n; i++) {
        size_t w = jx_display_width(f->v[i].label, strlen(f->v[i].label));
        width = w > width ? w : width;
    }
    size_t indent = 0;
    if (f->heading[0]) {
        jx_out_str(wr, f->heading);
        jx_out_char(wr, '\n');
        indent = 2;
    }
    for (size_t i = 0; i < f->n; i++)
        if (!f->v[i].optional || f->v[i].value[0])
            labelled(wr, indent, f->v[i].label, width, f->v[i].value);
    jx_out_char(wr, '\n');
}

/* 满分 and the verdicts as labelled lines (labels as wide as the widest verdict's), the
 * bands indented under them. */
static void text_conclusion(jx_writer *wr, const jx_conclusion *c)
{
    size_t width = 0;
    for (size_t i = 0; i < c->n; i++) {
        size_t w = jx_display_width(c->v[i].label, strlen(c->v[i].label));
        width = w > width ? w : width;
    }
    if (c->full_label[0])
        labelled(wr, 0, c->full_label, width, c->full_value);
    for (size_t i = 0; i < c->n; i++) {
        jx_out_str(wr, c->v[i].label);
        jx_out_spaces(wr, width - jx_display_width(c->v[i].label, strlen(c->v[i].label)) + 2);
        jx_out_str(wr, c->v[i].grade);
        jx_out_str(wr, c->v[i].detail);
        jx_out_char(wr, '\n');
    }
    if (c->note[0]) {
        jx_out_str(wr, "  ");
        jx_out_str(wr, c->note);
        jx_out_char(wr, '\n');
    }
}

static void text_steps(jx_writer *wr, const jx_steps *s)
{
    jx_out_char(wr, '\n');
    jx_out_str(wr, s->heading);
    jx_out_char(wr, '\n');
    for (size_t i = 0; i < s->n; i++) {
        jx_out_str(wr, "  ");
        jx_out_str(wr, s->v[i].label);
        jx_out_str(wr, "：");
        jx_out_str(wr, s->v[i].text);
        jx_out_str(wr, " [");
        jx_out_str(wr, s->v[i].tag);
        jx_out_str(wr, "]\n");
    }
}

/* The findings of severity sev under a heading naming it and their count ("警告（7）"),
 * in the order they were made; nothing when there are none. */
static void findings_of(jx_writer *wr, const jx_diag *v, size_t n, jx_severity sev)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += v[i].severity == sev;
    if (count == 0)
        return;
    jx_out_char(wr, '\n');
    jx_out_str(wr, jx_severity_name(sev));
    jx_out_str(wr, "（");
    jx_out_uint(wr, count);
    jx_out_str(wr, "）\n");
    for (size_t i = 0; i < n; i++) {
        const jx_diag *d = &v[i];
        if (d->severity != sev)
            continue;
        jx_out_str(wr, "  ");
        jx_out_str(wr, d->file);
        if (d->line) {
            jx_out_char(wr, ':');
            jx_out_uint(wr, d->line);
            jx_out_char(wr, ':');
            jx_out_uint(wr, d->column);
        }
        jx_out_str(wr, " [");
        jx_out_str(wr, d->code);
        jx_out_str(wr, "] ");
        jx_out_str(wr, d->message);
        jx_out_char(wr, '\n');
    }
}

/* Errors, then warnings, then notes (提示). */
static void text_findings(jx_writer *wr, const jx_diag *v, size_t n)
{
    findings_of(wr, v, n, JX_SEV_ERROR);
    findings_of(wr, v, n, JX_SEV_WARNING);
    findings_of(wr, v, n, JX_SEV_NOTE);
}

/* A part: a blank line after the one before, the title and the caption centred in spirit. */
static void text_part_begin(jx_writer *wr, const jx_part *pt)
{
    if (pt->index > 0)
        jx_out_char(wr, '\n');
    jx_out_str(wr, pt->title);
    jx_out_char(wr, '\n');
    if (pt->caption[0]) {
        jx_out_str(wr, pt->caption);
        jx_out_char(wr, '\n');
    }
    jx_out_char(wr, '\n');
}

static void text_doc_begin(jx_writer *wr, const jx_doc_head *h)
{
    (void)wr;
    (void)h;
}

static void text_part_end(jx_writer *wr)
{
    (void)wr;
}

static void text_doc_end(jx_writer *wr, const jx_doc_head *h, size_t nparts)
{
    (void)wr;
    (void)h;
    (void)nparts;
}

const jx_renderer jx_render_text = {
    .name = "text",
    .doc_begin = text_doc_begin,
    .part_begin = text_part_begin,
    .fields = text_fields,
    .table_begin = text_table_begin,
    .row = text_row,
    .table_end = text_table_end,
    .conclusion = text_conclusion,
    .steps = text_steps,
    .findings = text_findings,
    .part_end = text_part_end,
    .doc_end = text_doc_end,
};
