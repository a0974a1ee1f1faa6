/* SPDX-License-Identifier: MIT */
/* render_text.c — documents (doc.h) as text for a terminal or a printer, aligned by
 * display width (CJK = 2 cells, width.h).
 *
 * A table is kept whole in the writer's scratch arena until its end, measured once, then
 * printed with every column padded to its widest cell, two cells apart. A cell the arena
 * has no room for fails the writer (jx_out_result), so a short table is never taken for
 * the whole.
 *
 * A report (the audit, build_audit.c) is drawn as its text always was: the title with
 * its caption in brackets on the first line; each part after a blank line, a section
 * under its title; the blocks of a part a blank line apart; each entry's detail where it
 * comes, the overview not at all; tables without a blank line after them, their rows
 * indented under their heading (a list of labelled values not), a cross table's corner
 * blank, the derived columns left out, and a table without rows drawn as its heading.
 */
#include "doc.h"

#include "alloc.h"
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
    size_t ncols;     /* columns drawn */
    size_t indent;    /* spaces before each row */
    tcell *cells;     /* rows × ncols, row-major */
    size_t nrows;     /* rows filled, the head's among them */
    size_t cap;       /* rows allocated */
    int oom;          /* the arena ran out: the writer failed */
    int head;         /* the first row is the head */
    int head_alone;   /* the head is drawn even without rows under it (a form's tables) */
    int blank_after;  /* a blank line after the table (a form's section) */
    const char *note; /* said under the rows, indented as they are; "" for none */
    uint8_t col[JX_DOC_MAXCOLS]; /* the column of the spec each drawn column shows */
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

/* A table of ncols columns (the first ncols of the spec's, until table_columns says
 * otherwise) in the scratch arena; NULL, the writer failed, when it ran out. */
static ttable *table_make(jx_writer *wr, size_t ncols, size_t indent)
{
    assert(ncols <= JX_DOC_MAXCOLS);
    ttable *t = jx_arena_alloc(&wr->scratch, sizeof *t);
    if (!t) {
        jx_scratch_fail(wr);
        return NULL;
    }
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->indent = indent;
    t->note = "";
    for (size_t c = 0; c < ncols && c < JX_DOC_MAXCOLS; c++) /* the assert's bound, for gcc's check of col */
        t->col[c] = (uint8_t)c;
    t->cap = 16;
    t->cells = jx_arena_alloc(&wr->scratch, t->cap * (ncols ? ncols : 1) * sizeof *t->cells);
    if (!t->cells) {
        t->oom = 1;
        jx_scratch_fail(wr);
    }
    return t;
}

/* The columns of spec the text shows: all but the derived ones (derived: a letter per
 * column, '.' for one of its own; NULL for none derived). */
static void table_columns(ttable *t, const jx_table_spec *spec, const char *derived)
{
    size_t n = 0;
    for (size_t c = 0; c < spec->ncols; c++)
        if (!derived || derived[c] == '.')
            t->col[n++] = (uint8_t)c;
    assert(n <= t->ncols);
    t->ncols = n;
}

/* The head of spec as the first row; a cross table's corner left blank. */
static void table_head(jx_writer *wr, ttable *t, const jx_table_spec *spec)
{
    t->head = 1;
    tcell *row = table_row(wr, t);
    for (size_t c = 0; row && c < t->ncols; c++) {
        size_t k = t->col[c];
        int corner = k == 0 && spec->role == JX_TABLE_CROSS;
        jx_cell h = jx_cell_of(corner ? "" : spec->head[k], JX_CELL_TEXT);
        set_cell(&row[c], &h);
    }
}

/* A form's table: a section under its heading, indented, a blank line after it; the grid
 * full width. */
static ttable *form_table(jx_writer *wr, const jx_table_spec *spec)
{
    if (spec->role == JX_TABLE_SECTION) {
        jx_out_line(wr, spec->heading);
    }
    int section = spec->role == JX_TABLE_SECTION;
    ttable *t = table_make(wr, spec->ncols, section ? 2 : 0);
    if (t) {
        t->blank_after = section;
        t->head_alone = 1;
    }
    return t;
}

/* A report's table: the heading with its lead on a line, the rows indented under it but
 * for labelled values, no head over a list or labelled values; none of the overview,
 * which the text does not draw, nor the workbook's own. */
static ttable *report_table(jx_writer *wr, const jx_report_table *rt)
{
    const jx_table_spec *spec = &rt->spec;
    if (spec->role == JX_TABLE_OVERVIEW || rt->view == JX_VIEW_BOOK)
        return NULL;
    jx_doc_block(wr);
    const char *lead = rt->lead;
    if (spec->heading[0]) {
        jx_out_str(wr, spec->heading);
        if (lead[0])
            jx_out_str(wr, "  ");
    }
    jx_out_str(wr, lead);
    if (spec->heading[0] || lead[0])
        jx_out_char(wr, '\n');
    ttable *t = table_make(wr, spec->ncols, spec->role == JX_TABLE_PAIRS ? 0 : 2);
    if (t) {
        t->head = spec->role != JX_TABLE_PAIRS && spec->role != JX_TABLE_LIST;
        t->note = rt->note;
    }
    return t;
}

/* Makes t the table being drawn, with the columns shown and the head. */
static void table_start(jx_writer *wr, ttable *t, const jx_table_spec *spec, const char *derived)
{
    assert(spec->ncols <= JX_DOC_MAXCOLS);
    wr->render_state = t;
    if (!t || t->oom)
        return;
    table_columns(t, spec, derived);
    if (t->head || t->head_alone)
        table_head(wr, t, spec);
}

static void text_table_begin(jx_writer *wr, const jx_table_spec *spec)
{
    table_start(wr, form_table(wr, spec), spec, NULL);
}

static void text_report_table_begin(jx_writer *wr, const jx_report_table *rt)
{
    table_start(wr, report_table(wr, rt), &rt->spec, rt->derived);
}

static void text_row(jx_writer *wr, const jx_cell *cells)
{
    ttable *t = table_of(wr);
    tcell *row = t ? table_row(wr, t) : NULL;
    for (size_t c = 0; row && c < t->ncols; c++)
        set_cell(&row[c], &cells[t->col[c]]);
}

/* Prints the rows with each column padded to its widest cell, two cells apart; a row's
 * trailing empty cells are not written. Each cell is measured once. A report's head
 * without rows under it is not drawn. Then the note, and the blank line of a section. */
static void table_print(jx_writer *wr, ttable *t)
{
    if (t->oom)
        return;
    if (t->head && !t->head_alone && t->nrows == 1)
        t->nrows = 0;
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
    if (t->note[0]) {
        jx_out_spaces(wr, t->indent);
        jx_out_line(wr, t->note);
    }
    if (t->blank_after)
        jx_out_char(wr, '\n'); /* a form's section ends with a blank line */
}

static void text_table_end(jx_writer *wr)
{
    ttable *t = table_of(wr);
    wr->render_state = NULL;
    if (t)
        table_print(wr, t);
}

/* A label and its text, the label padded to `width` cells. */
static void labelled(jx_writer *wr, size_t indent, const char *label, size_t width, const char *text)
{
    jx_out_spaces(wr, indent);
    jx_out_str(wr, label);
    jx_out_spaces(wr, width - jx_display_width(label, strlen(label)) + 2);
    jx_out_line(wr, text);
}

/* A report's fields: a line each, the labels padded to the widest shown, nothing after
 * an empty value; under a heading, indented. Optional empty fields are left out. */
static void report_fields(jx_writer *wr, const jx_fields *f)
{
    jx_doc_block(wr);
    if (f->heading[0]) {
        jx_out_line(wr, f->heading);
    }
    ttable *t = table_make(wr, 2, f->heading[0] ? 2 : 0);
    for (size_t i = 0; t && i < f->n; i++) {
        if (f->v[i].optional && !f->v[i].value[0])
            continue;
        tcell *row = table_row(wr, t);
        if (!row)
            return;
        const jx_cell label = jx_cell_of(f->v[i].label, JX_CELL_LABEL), value = jx_cell_of(f->v[i].value, JX_CELL_TEXT);
        set_cell(&row[0], &label);
        set_cell(&row[1], &value);
    }
    if (t)
        table_print(wr, t);
}

/* One line per field, labels padded to the widest label of the block (those left out
 * too); under a heading, indented. Optional empty fields are left out. */
static void text_fields(jx_writer *wr, const jx_fields *f)
{
    if (jx_fields_skipped(f))
        return;
    if (wr->in_report) {
        report_fields(wr, f);
        return;
    }
    size_t width = 0;
    for (size_t i = 0; i < f->n; i++) {
        size_t w = jx_display_width(f->v[i].label, strlen(f->v[i].label));
        width = w > width ? w : width;
    }
    size_t indent = 0;
    if (f->heading[0]) {
        jx_out_line(wr, f->heading);
        indent = 2;
    }
    for (size_t i = 0; i < f->n; i++)
        if (!f->v[i].optional || f->v[i].value[0])
            labelled(wr, indent, f->v[i].label, width,
                     f->v[i].fill && !f->v[i].value[0] ? "____________________" : f->v[i].value); /* a line to sign on */
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
        jx_out_line(wr, c->v[i].detail);
    }
    if (c->note[0]) {
        jx_out_str(wr, "  ");
        jx_out_line(wr, c->note);
    }
}

/* The foot after a blank line, its lines side by side on one line as the paper puts them:
 * "填报人：____________    审核人：…    填报日期：____年____月____日", each full-width space of
 * a blank a line to write on as wide ("__"). */
static void text_foot(jx_writer *wr, const jx_foot *f)
{
    assert(f->n > 0);
    static const char space[] = "　";
    jx_out_char(wr, '\n');
    for (size_t i = 0; i < f->n; i++) {
        if (i > 0)
            jx_out_spaces(wr, 4);
        jx_out_str(wr, f->v[i].label);
        jx_out_str(wr, "：");
        for (const char *c = f->v[i].fill; *c;) {
            if (strncmp(c, space, sizeof space - 1) == 0) {
                jx_out_str(wr, "__");
                c += sizeof space - 1;
            } else {
                jx_out_char(wr, *c++);
            }
        }
    }
    jx_out_char(wr, '\n');
}

static void text_steps(jx_writer *wr, const jx_steps *s)
{
    jx_out_char(wr, '\n');
    jx_out_line(wr, s->heading);
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
        jx_out_line(wr, d->message);
    }
}

/* Errors, then warnings, then notes (提示). */
static void text_findings(jx_writer *wr, const jx_diag *v, size_t n)
{
    findings_of(wr, v, n, JX_SEV_ERROR);
    findings_of(wr, v, n, JX_SEV_WARNING);
    findings_of(wr, v, n, JX_SEV_NOTE);
}

/* The notes, a line each, unindented, right after the block before them. */
static void text_notes(jx_writer *wr, const jx_notes *n)
{
    for (size_t i = 0; i < n->n; i++) {
        jx_out_line(wr, n->v[i]);
    }
}

/* A report's entry's findings: a line saying there are none, or the heading and a row
 * each — severity, position, code, message — aligned, indented. */
static void text_finding_list(jx_writer *wr, const jx_finding_list *l)
{
    jx_doc_block(wr);
    if (l->n == 0) {
        jx_out_str(wr, l->label);
        jx_out_str(wr, "  ");
        jx_out_line(wr, l->empty);
        return;
    }
    jx_out_line(wr, l->heading);
    ttable *t = table_make(wr, 4, 2);
    for (size_t i = 0; t && i < l->n; i++) {
        tcell *row = table_row(wr, t);
        if (!row)
            return;
        const jx_finding *f = &l->v[i];
        const jx_cell c[4] = {jx_cell_of(f->level, JX_CELL_TEXT), jx_cell_of(f->where, JX_CELL_TEXT),
                              jx_cell_of(f->code, JX_CELL_TEXT), jx_cell_of(f->message, JX_CELL_TEXT)};
        for (size_t k = 0; k < 4; k++)
            set_cell(&row[k], &c[k]);
    }
    if (t)
        table_print(wr, t);
}

/* The overview is not drawn: the text shows each entry's detail where it comes. */
static void text_overview(jx_writer *wr, const jx_overview *o)
{
    (void)wr;
    (void)o;
}

/* A report's part: a blank line, then a section's title, its caption in brackets and what
 * it came to ("抽查（抽取 20%，…）：抽中 2 个项目"); an entry has no title. */
static void text_report_part_begin(jx_writer *wr, const jx_report_part *rp)
{
    wr->blocks = 0;
    const jx_part *pt = &rp->part;
    jx_out_char(wr, '\n');
    if (!pt->title[0])
        return;
    jx_out_title(wr, pt->title, pt->caption, rp->result);
    jx_out_char(wr, '\n');
}

/* A part: a blank line after the one before, the title and the caption centred in spirit. */
static void text_part_begin(jx_writer *wr, const jx_part *pt)
{
    if (pt->index > 0)
        jx_out_char(wr, '\n');
    jx_out_line(wr, pt->title);
    if (pt->caption[0]) {
        jx_out_line(wr, pt->caption);
    }
    jx_out_char(wr, '\n');
}

static void text_doc_begin(jx_writer *wr, const jx_doc_head *h)
{
    (void)wr;
    (void)h;
}

/* A report: its state, then its title with the caption in brackets (the note is for the
 * formats with room). */
static void text_report_begin(jx_writer *wr, const jx_report_head *h)
{
    wr->in_report = 1;
    wr->blocks = 0;
    jx_out_title(wr, h->doc.title, h->caption, "");
    jx_out_char(wr, '\n');
}

static void text_part_end(jx_writer *wr)
{
    (void)wr;
}

static void text_doc_end(jx_writer *wr, const jx_doc_head *h, size_t nparts)
{
    (void)h;
    (void)nparts;
    wr->in_report = 0;
}

const jx_renderer jx_render_text = {
    .name = "text",
    .apart = "\n", /* text_part_begin */
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
    .notes = text_notes,
    .report_begin = text_report_begin,
    .report_part_begin = text_report_part_begin,
    .report_table_begin = text_report_table_begin,
    .finding_list = text_finding_list,
    .overview = text_overview,
    .foot = text_foot,
};
