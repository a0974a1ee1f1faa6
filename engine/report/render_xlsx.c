/* SPDX-License-Identifier: MIT */
/* render_xlsx.c — documents (doc.h) as one Excel workbook: the document's list of parts on
 * the first sheet (jx_doc_head.list), then a sheet per part.
 *
 * Why one renderer: a workbook is the same whatever the document (xlsx_book.c holds it in
 * a temporary file, streamed through the writer at the end, with fixed document
 * properties unless JX_WRITE_TIMESTAMP, sheet names Excel accepts, widths by display
 * width, the A4 print setup, and the bound of JX_XLSX_PROJECTS_MAX sheets), and only what
 * a block is decides how it is laid out; the documents differ in their blocks and their
 * layout, which the builders state.
 *
 * Every workbook is written in order (jx_xlsx_open, libxlsxwriter's constant
 * memory): each sheet top to bottom, a row at a time, so what the book holds in memory is
 * the row being written of each sheet, however many rows there are. What cannot be
 * written as it comes waits in a spool (report.h: JX_SPOOL_MEMORY in memory, the rest in
 * a temporary file): the list's rows (its title, above them, is known at the end only) and
 * the data, each read back a run of whole records at a time at doc_end.
 *
 * The parts a workbook gives a sheet are JX_XLSX_PROJECTS_MAX at most: each sheet holds a
 * temporary file open until the book is closed (JX_XLSX_SHEETS_MAX). A document with data
 * (the 自评表) gives the parts past them no sheet — their rows of the list and of the data
 * are written all the same, so the workbook still holds every part, and the writer counts
 * them (jx_writer.sheetless); so does a report for the entries past them with a sheet of
 * their own (the vet's 审核表, whose records are in its lists). Any other document (the
 * 复核 workbook, whose sheets are the only record of its review lines) is refused at the
 * part past them (JX_ERR_LIMIT).
 *
 * A part with a grid (jx_part.grid) is its paper form on the sheet grid (JX_GRID_SHEET):
 * its title over the grid, its fields, tables and conclusion in cells merged over the rows
 * and columns the builder states, numbers stored as numbers (jx_cell_num); the notes under
 * it a line each, in its print area; below the form, outside it, the steps and the findings
 * a line each. A block without a layout is laid out a column a cell. The list's title, the
 * height of its rows, its filter and the orientation of the list and of a part's sheet are
 * the builder's too (jx_doc_list, jx_grid).
 *
 * A sheet's columns are as wide as the cells standing in one column need (not the headings,
 * nor the cells the builder marks nofit), within the grid's bounds, and each row as tall
 * as its wrapped text: so the whole part is seen before its sheet is written. Its cells
 * are recorded in the scratch arena as the blocks come, in the order they are written —
 * row by row, a cell at its first row — and written at part_end in that order; a cell
 * merged over rows has its rows below written as the sheet reaches them (xlsx_book.h).
 * The workbook, the list's widths, its title and the spools live in wr->state from
 * doc_begin to doc_end (freed through wr->state_free when the writer goes first).
 *
 * The list's rows are held back in a spool as the parts end, two CSV fields a cell: how
 * it is written ("s" and its style; "n", "p" for a percentage, with its places and scale)
 * and what (its text, or the number's integer v of v / 10^scale, which reads back as the
 * same number); at doc_end the title, the head and those rows are written.
 *
 * A document with data (jx_doc_head.data: the 自评表's, the rows of `score --format csv`)
 * carries it as its last sheet (data_name, 数据), the table audit and import read the
 * workbook back by (docs/audit.md): each part's project serialised as it ends into a spool,
 * and at doc_end the bytes split into cells by the CSV reader (csv.h) and written a row
 * each, every cell as text, under the header row, frozen and filtered (jx_xlsx_list). Its
 * sheets (数据, then 数据(2), … past a full sheet) are beyond JX_XLSX_SHEETS_MAX (the book's
 * sheets_max lifted): they take no part's room.
 *
 * A report (the audit, the vet) is a workbook written in order, in flat memory: its first
 * sheet of the sections' tables, then its lists of records, then the vet's 审核表 (see "a
 * report" below).
 */
#include "doc.h"

#include "alloc.h"
#include "csv.h"
#include "score.h"
#include "xlsx_book.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/** A column meaning "the sheet's last": the spans across the sheet, before its width is known. */
#define COL_LAST 0xFF

/** A sheet's columns' bounds when its part has no grid, in Excel's units. */
#define OWN_MIN 10
#define OWN_MAX 40

/** The height in points of a part's title row (and of the list's). */
#define TITLE_POINTS 28

/** What a recorded step writes. */
enum { OP_TEXT, OP_NUM, OP_ROW, OP_TITLE_ROW };

/** One recorded step of a sheet: a cell (text or number, merged over r1..r2 × c1..c2), or
 * the end of a row (its height set for its wrapped text, or the title's). */
typedef struct xop {
    uint8_t op;       /* OP_* */
    uint8_t style;    /* a text's jx_xlsx_style */
    uint8_t fit;      /* the text counts in its row's height (a cell of one row) */
    uint8_t size;     /* the text counts in its column's width (a cell of one column) */
    uint8_t c1, c2;   /* columns, COL_LAST for the last */
    uint32_t r1, r2;  /* rows */
    const char *s;    /* the text; a number's as shown */
    jx_cell_num num;  /* OP_NUM: the number */
} xop;

/** A part being recorded (scratch arena, part_begin to part_end). */
typedef struct xpart {
    const jx_part *pt;
    size_t ncols;           /* the sheet's columns: the grid's; else the widest block's (at least 2) */
    int grid;               /* laid out on the part's grid */
    jx_grid_cursor cur;     /* the grid's rows, when grid */
    uint32_t row;           /* the row being recorded */
    int has_head;           /* the main table (JX_TABLE_GRID) came: its head row repeats on printed pages */
    uint32_t head_row;
    int form_done;          /* the form ended (steps or findings came): its last row is form_last */
    uint32_t form_last;
    xop *ops;               /* the steps, in order */
    size_t nops, cap;
    /* the table being recorded */
    const jx_table_spec *spec;
    int table_grid;         /* …on the grid */
    size_t rows;            /* its body rows */
    uint8_t under[JX_DOC_MAXCOLS];      /* per table column: 1 while its cell above spans down blank */
    uint8_t under_col[JX_DOC_MAXCOLS];  /* …the sheet columns of that blank, */
    uint8_t under_cols[JX_DOC_MAXCOLS];
    uint8_t under_style[JX_DOC_MAXCOLS]; /* …and its style */
    /* the 复核 sheet */
    uint32_t head_last;     /* the main table's last head row (its head_rows after head_row) */
    int sheetless;          /* a part past JX_XLSX_PROJECTS_MAX of a document with data: nothing recorded */
} xpart;

/** A writer's workbook, from doc_begin to doc_end. */
typedef struct xlsx_state {
    jx_xlsx_book book;
    const jx_doc_list *list;       /* the document's list (the head lives until doc_end); NULL: none */
    jx_xlsx_sheet list_sheet;
    uint32_t listed;               /* rows in the list */
    double list_w[JX_DOC_MAXCOLS]; /* each list column's widest cell, from its narrowest bound */
    char *title;                   /* the list title every part so far shares (jx_malloc'd), NULL */
    size_t title_size;
    int titled;                    /* 0 before the first part, 1 while the parts share `title`, -1 after */
    xpart *part;                   /* the part being recorded, NULL between parts */
    const jx_doc_head *head;       /* the document's head (it lives until doc_end) */
    jx_spool data;                 /* its data (head->data) serialised so far; unopened (zeroed) when none */
    int data_begun;                /* …the serialisation's begin ran */
    jx_spool rows;                 /* the list's rows held back (two fields a cell); unopened when no list */
    size_t sheets;                 /* parts given a sheet so far: JX_XLSX_PROJECTS_MAX at most */
} xlsx_state;

static xlsx_state *state_of(jx_writer *wr)
{
    return wr->state;
}

/* A report (below): its state, and how the calls of any document draw it. */
typedef struct xreport xreport;
static xreport *xreport_of(jx_writer *wr);
static void report_row(jx_writer *wr, xreport *st, const jx_cell *cells);
static void report_table_end(jx_writer *wr, xreport *st);
static void report_part_end(jx_writer *wr, xreport *st);
static void report_doc_end(jx_writer *wr, xreport *st);

/* The part being recorded; NULL when there is none, it has no sheet, or the writer failed. */
static xpart *part_of(jx_writer *wr)
{
    xlsx_state *st = state_of(wr);
    return st && wr->err == JX_OK && st->part && !st->part->sheetless ? st->part : NULL;
}

/* ------------------------------------------------------------------ numbers */

/* The exact number as the nearest double: v and 10^scale are exact doubles (|v| < 2^53 for
 * the numbers a project holds), and one division rounds once. */
static double num_value(const jx_cell_num *n)
{
    return (double)n->v / (double)jx_pow10_128(n->scale);
}

/* A number as the sheet shows it ("30.00" for 30 at two places), for its width; a
 * percentage, or one shown with fewer places than it has, as its cell's text. */
static const char *num_text(jx_writer *wr, const jx_cell_num *n, const char *s)
{
    if (n->percent || n->places < n->scale)
        return s;
    char buf[JX_DEC_BUFSZ];
    jx_fixed_format(jx_dec_to_units((jx_dec){n->v, n->scale}, n->places), n->places, buf, sizeof buf);
    return jx_scratch_str(wr, buf);
}

/* ------------------------------------------------------------------ recording */

/* A new step at the end of x's; NULL (the writer failed) when the arena ran out. */
static xop *op_add(jx_writer *wr, xpart *x)
{
    if (x->nops == x->cap) {
        size_t ncap = x->cap ? x->cap * 2 : 64;
        xop *n = jx_arena_alloc(&wr->scratch, ncap * sizeof *n);
        if (!n) {
            jx_scratch_fail(wr);
            return NULL;
        }
        if (x->nops)
            memcpy(n, x->ops, x->nops * sizeof *n);
        x->ops = n;
        x->cap = ncap;
    }
    xop *o = &x->ops[x->nops++];
    memset(o, 0, sizeof *o);
    return o;
}

/* Text over columns c1..c2 and `rows` rows from the current one. */
static void rec_text(jx_writer *wr, xpart *x, size_t c1, size_t c2, uint32_t rows, const char *s, jx_xlsx_style st,
                     int size)
{
    assert(c1 <= c2 && rows >= 1);
    xop *o = op_add(wr, x);
    if (!o)
        return;
    o->op = OP_TEXT;
    o->style = (uint8_t)st;
    o->fit = rows == 1;
    o->size = size && c1 == c2;
    o->c1 = (uint8_t)c1;
    o->c2 = (uint8_t)c2;
    o->r1 = x->row;
    o->r2 = x->row + rows - 1;
    o->s = s;
}

/* The number n over columns c1..c2 and `rows` rows; s is its cell's text. */
static void rec_num(jx_writer *wr, xpart *x, size_t c1, size_t c2, uint32_t rows, const jx_cell_num *n,
                    const char *s, int size)
{
    assert(c1 <= c2 && rows >= 1 && n->set);
    xop *o = op_add(wr, x);
    if (!o)
        return;
    o->op = OP_NUM;
    o->size = size && c1 == c2;
    o->c1 = (uint8_t)c1;
    o->c2 = (uint8_t)c2;
    o->r1 = x->row;
    o->r2 = x->row + rows - 1;
    o->s = o->size ? num_text(wr, n, s) : s;
    o->num = *n;
}

/* Ends the current row: tall enough for its wrapped text (or the title's height). */
static void end_row(jx_writer *wr, xpart *x, int title)
{
    xop *o = op_add(wr, x);
    if (o) {
        o->op = title ? OP_TITLE_ROW : OP_ROW;
        o->r1 = x->row;
    }
    x->row++;
}

/* A line across the sheet in style st, as a row of its own. */
static void line(jx_writer *wr, xpart *x, const char *s, jx_xlsx_style st)
{
    rec_text(wr, x, 0, COL_LAST, 1, s, st, 0);
    end_row(wr, x, 0);
}

/* The form's blocks are over (steps and findings go below it): its last row is kept for
 * the print area. */
static void form_done(xpart *x)
{
    if (x->form_done)
        return;
    x->form_done = 1;
    x->form_last = x->row ? x->row - 1 : 0;
}

/* Widens the sheet of a part without a grid to n columns. */
static void need_cols(xpart *x, size_t n)
{
    if (!x->grid && n > x->ncols) {
        assert(n <= JX_XLSX_MAX_COLS);
        x->ncols = n;
    }
}

/* ------------------------------------------------------------------ grid rows */

static void row_begin(xpart *x)
{
    if (x->grid)
        jx_grid_row(&x->cur);
}

static void row_end(jx_writer *wr, xpart *x)
{
    if (x->grid)
        jx_grid_row_end(&x->cur);
    end_row(wr, x, 0);
}

/* The sheet column of the next cell of `cols` columns and `rows` rows: on the grid the
 * cursor's, else `at`. */
static size_t place(xpart *x, size_t at, size_t cols, uint32_t rows)
{
    return x->grid ? jx_grid_place(&x->cur, cols, rows) : at;
}

/* The style of a cell on the sheet: a label centred unless it reads from the left (then
 * as text); text from the left; short values, numbers shown as text and dashes centred. */
static jx_xlsx_style cell_style(const jx_cell *c)
{
    if (c->kind == JX_CELL_LABEL)
        return c->align == JX_ALIGN_LEFT ? JX_XLSX_TEXT : JX_XLSX_LABEL;
    if (c->align == JX_ALIGN_LEFT)
        return JX_XLSX_TEXT;
    if (c->align == JX_ALIGN_CENTER || c->kind != JX_CELL_TEXT)
        return JX_XLSX_CENTER;
    return JX_XLSX_TEXT;
}

/* A blank cell's style: a label's or text's, centred or not as its kind. */
static jx_xlsx_style blank_style(const jx_cell *c)
{
    return c->kind == JX_CELL_LABEL ? JX_XLSX_LABEL : JX_XLSX_TEXT;
}

/* Cell c at sheet columns c0..c0+cols-1 over `rows` rows: a number stored as a number, a
 * blank written empty in each of its cells (its rows below by the covered cells there). */
static void put_cell(jx_writer *wr, xpart *x, size_t col, size_t c0, size_t cols, const jx_cell *c)
{
    uint32_t rows = c->rows > 1 ? c->rows : 1;
    int size = !c->nofit;
    if (c->blank && c->span_blank) { /* one empty cell over its rows and columns */
        x->under[col] = 0;
        rec_text(wr, x, c0, c0 + cols - 1, rows, "", blank_style(c), 0);
        return;
    }
    if (c->blank) {
        for (size_t k = c0; k < c0 + cols; k++)
            rec_text(wr, x, k, k, 1, "", blank_style(c), 0);
        x->under[col] = rows > 1;
        x->under_col[col] = (uint8_t)c0;
        x->under_cols[col] = (uint8_t)cols;
        x->under_style[col] = (uint8_t)blank_style(c);
        return;
    }
    x->under[col] = 0;
    if (c->kind == JX_CELL_NUMBER && c->num.set)
        rec_num(wr, x, c0, c0 + cols - 1, rows, &c->num, c->s, size);
    else
        rec_text(wr, x, c0, c0 + cols - 1, rows, c->s, cell_style(c), size);
}

/* ------------------------------------------------------------------ fields */

/* True when field i takes a grid row to itself on the sheet (its label and value all the
 * row's columns): an optional one left empty is then left out, as a row saying nothing. */
static int own_row(const xpart *x, const jx_fields *f, size_t i)
{
    const jx_field_place *pl = &f->grid->v[i];
    size_t lc = pl->label_cols[JX_GRID_SHEET] ? pl->label_cols[JX_GRID_SHEET] : 1;
    size_t vc = pl->value_cols[JX_GRID_SHEET] ? pl->value_cols[JX_GRID_SHEET] : 1;
    return !pl->above && lc + vc == x->ncols;
}

/* The fields on the sheet grid (as render_html.c on the page; those the sheet shows, always
 * on the part's grid): the heading merged over the leading above fields' two rows, a run of
 * above fields as heads over values, beside fields filling a row each. An optional block
 * all empty is left out, as is an optional field empty on a row of its own. Labels count
 * in their columns' widths unless nofit; the heading does not. */
static void grid_fields(jx_writer *wr, xpart *x, const jx_fields *f)
{
    const jx_fields_grid *g = f->grid;
    size_t n;
    const jx_field *fv = jx_grid_fields(f, &n);
    size_t hc = f->heading[0] ? g->heading_cols[JX_GRID_SHEET] : 0;
    size_t i = jx_grid_field_next(g, 0, n, JX_GRID_SHEET);
    while (i < n) {
        size_t end = i; /* past the run of above fields from i */
        while (end < n && g->v[end].above)
            end = jx_grid_field_next(g, end + 1, n, JX_GRID_SHEET);
        if (end == i && fv[i].optional && !fv[i].value[0] && own_row(x, f, i) && !hc) {
            i = jx_grid_field_next(g, i + 1, n, JX_GRID_SHEET);
            continue;
        }
        row_begin(x);
        if (hc) {
            uint32_t rows = end > i ? 2 : 1;
            size_t c0 = place(x, 0, hc, rows);
            rec_text(wr, x, c0, c0 + hc - 1, rows, f->heading, JX_XLSX_LABEL, 0);
            hc = 0;
        }
        if (end > i) {
            for (size_t k = i; k < end; k = jx_grid_field_next(g, k + 1, n, JX_GRID_SHEET)) {
                size_t cols = g->v[k].label_cols[JX_GRID_SHEET];
                size_t c0 = place(x, 0, cols, 1);
                rec_text(wr, x, c0, c0 + cols - 1, 1, fv[k].label, JX_XLSX_HEAD, !g->v[k].nofit);
            }
            row_end(wr, x);
            row_begin(x);
            for (size_t k = i; k < end; k = jx_grid_field_next(g, k + 1, n, JX_GRID_SHEET)) {
                size_t cols = g->v[k].value_cols[JX_GRID_SHEET];
                size_t c0 = place(x, 0, cols, 1);
                rec_text(wr, x, c0, c0 + cols - 1, 1, fv[k].value, JX_XLSX_TEXT, 1);
            }
            i = end;
        } else {
            do {
                size_t lc = g->v[i].label_cols[JX_GRID_SHEET] ? g->v[i].label_cols[JX_GRID_SHEET] : 1;
                size_t vc = g->v[i].value_cols[JX_GRID_SHEET] ? g->v[i].value_cols[JX_GRID_SHEET] : 1;
                size_t c0 = place(x, 0, lc, 1);
                rec_text(wr, x, c0, c0 + lc - 1, 1, fv[i].label, JX_XLSX_LABEL, !g->v[i].nofit);
                c0 = place(x, 0, vc, 1);
                rec_text(wr, x, c0, c0 + vc - 1, 1, fv[i].value, JX_XLSX_TEXT, 1);
                i = jx_grid_field_next(g, i + 1, n, JX_GRID_SHEET);
            } while (i < n && !g->v[i].above && x->cur.at < x->cur.ncols);
        }
        row_end(wr, x);
    }
}

/* The fields laid out a row each: the label, then the value over the other columns; the
 * empty optional ones (and an optional block all empty) left out. */
static void own_fields(jx_writer *wr, xpart *x, const jx_fields *f)
{
    if (f->heading[0])
        line(wr, x, f->heading, JX_XLSX_PLAIN);
    for (size_t i = 0; i < f->n; i++) {
        if (f->v[i].optional && !f->v[i].value[0])
            continue;
        rec_text(wr, x, 0, 0, 1, f->v[i].label, JX_XLSX_LABEL, 1);
        rec_text(wr, x, 1, COL_LAST, 1, f->v[i].value, JX_XLSX_TEXT, 0);
        end_row(wr, x, 0);
    }
}

static void xlsx_fields(jx_writer *wr, const jx_fields *f)
{
    if (xreport_of(wr))
        return; /* a report's fields are an entry's detail */
    xpart *x = part_of(wr);
    if (!x)
        return;
    if (jx_fields_skipped(f))
        return;
    if (x->grid && f->grid)
        grid_fields(wr, x, f);
    else
        own_fields(wr, x, f);
}

/* ------------------------------------------------------------------ tables */

/* Begins a table: on the grid, the section's label merged over the head and the rows down
 * to the closing ones, then the head rows (a head over rows or columns merged); else a
 * heading line and the head row. The main table's head rows repeat on every printed page. */
static void xlsx_table_begin(jx_writer *wr, const jx_table_spec *t)
{
    assert(t->ncols <= JX_DOC_MAXCOLS);
    xpart *x = part_of(wr);
    if (!x)
        return;
    x->spec = t;
    x->table_grid = x->grid;
    x->rows = 0;
    memset(x->under, 0, sizeof x->under);
    if (!x->grid) {
        need_cols(x, t->ncols);
        if (t->heading[0])
            line(wr, x, t->heading, JX_XLSX_PLAIN);
    }
    int main_head = t->role == JX_TABLE_GRID && !x->has_head;
    if (main_head) {
        x->has_head = 1;
        x->head_row = x->row;
    }
    const char *hd = t->grid_heading[JX_GRID_SHEET];
    size_t hc = t->heading_cols[JX_GRID_SHEET];
    const jx_cell *cells = x->grid ? t->grid_head[JX_GRID_SHEET] : NULL;
    size_t nr = cells && t->head_rows[JX_GRID_SHEET] > 1 ? t->head_rows[JX_GRID_SHEET] : 1;
    for (size_t r = 0; r < nr; r++, cells = cells ? cells + t->ncols : NULL) {
        row_begin(x);
        if (r == 0 && x->grid && hd && hc) {
            assert(t->nrows >= t->nfoot);
            uint32_t rows = (uint32_t)(nr + t->nrows - t->nfoot);
            size_t c0 = place(x, 0, hc, rows);
            rec_text(wr, x, c0, c0 + hc - 1, rows, hd, JX_XLSX_LABEL, 0);
        }
        for (size_t i = 0, at = 0; i < t->ncols; i++) {
            size_t cols = cells ? jx_grid_cols(&cells[i], JX_GRID_SHEET) : 1;
            if ((cells && cells[i].covered) || cols == 0)
                continue;
            uint32_t rows = cells && cells[i].rows > 1 ? cells[i].rows : 1;
            size_t c0 = place(x, at, cols, rows);
            rec_text(wr, x, c0, c0 + cols - 1, rows, cells ? cells[i].s : t->head[i], JX_XLSX_HEAD,
                     cells ? !cells[i].nofit : 1);
            at = c0 + cols;
        }
        row_end(wr, x);
    }
    if (main_head)
        x->head_last = x->row - 1;
}

/* A row: each cell at its sheet columns, in the order of the table's columns; a covered
 * cell under a blank is written blank too (a blank is never merged). */
static void xlsx_row(jx_writer *wr, const jx_cell *cells)
{
    xreport *rs = xreport_of(wr);
    if (rs) {
        report_row(wr, rs, cells);
        return;
    }
    xpart *x = part_of(wr);
    if (!x || !x->spec)
        return;
    row_begin(x);
    for (size_t i = 0, at = 0; i < x->spec->ncols; i++) {
        const jx_cell *c = &cells[i];
        if (c->covered) {
            if (x->under[i]) {
                for (size_t k = x->under_col[i]; k < (size_t)x->under_col[i] + x->under_cols[i]; k++)
                    rec_text(wr, x, k, k, 1, "", (jx_xlsx_style)x->under_style[i], 0);
                at = (size_t)x->under_col[i] + x->under_cols[i];
            } else {
                at++;
            }
            continue;
        }
        size_t cols = x->table_grid ? jx_grid_cols(c, JX_GRID_SHEET) : 1;
        if (cols == 0)
            continue;
        size_t c0 = place(x, at, cols, c->rows > 1 ? c->rows : 1);
        put_cell(wr, x, i, c0, cols, c);
        at = c0 + cols;
    }
    row_end(wr, x);
    x->rows++;
}

static void xlsx_table_end(jx_writer *wr)
{
    xreport *rs = xreport_of(wr);
    if (rs) {
        report_table_end(wr, rs);
        return;
    }
    xpart *x = part_of(wr);
    if (!x || !x->spec)
        return;
    assert(x->spec->nrows == 0 || x->rows == x->spec->nrows);
    x->spec = NULL;
}

/* ------------------------------------------------------------------ conclusion */

/* 满分 and the verdicts, a row each: the label, then the value (or the grade, centred, and
 * after the last verdict's the note) over the rest of the row; on the grid a verdict's
 * detail may have a cell of its own after the grade (jx_conclusion.detail_cols). Not
 * measured: the form's columns are those of the blocks above. */
static void xlsx_conclusion(jx_writer *wr, const jx_conclusion *c)
{
    xpart *x = part_of(wr);
    if (!x)
        return;
    if (!x->grid)
        need_cols(x, 3);
    size_t lc = x->grid && c->label_cols[JX_GRID_SHEET] ? c->label_cols[JX_GRID_SHEET] : 1;
    size_t gc = x->grid && c->grade_cols[JX_GRID_SHEET] ? c->grade_cols[JX_GRID_SHEET] : 1;
    if (c->full_label[0]) {
        row_begin(x);
        size_t c0 = place(x, 0, lc, 1);
        rec_text(wr, x, c0, c0 + lc - 1, 1, c->full_label, JX_XLSX_LABEL, 0);
        c0 = place(x, lc, x->grid ? x->ncols - lc : 1, 1);
        rec_text(wr, x, c0, x->grid ? x->ncols - 1 : COL_LAST, 1, c->full_value, JX_XLSX_TEXT, 0);
        row_end(wr, x);
    }
    size_t dc = x->grid ? c->detail_cols[JX_GRID_SHEET] : 0;
    assert(!dc || lc + gc + dc < x->ncols || (lc + gc + dc == x->ncols && !c->note[0]));
    for (size_t i = 0; i < c->n; i++) {
        int last = i + 1 == c->n;
        const jx_verdict *v = &c->v[i];
        row_begin(x);
        size_t c0 = place(x, 0, lc, 1);
        rec_text(wr, x, c0, c0 + lc - 1, 1, v->label, JX_XLSX_LABEL, 0);
        if (dc) { /* the grade, the detail in a cell of its own, the note after the last's */
            c0 = place(x, lc, gc, 1);
            rec_text(wr, x, c0, c0 + gc - 1, 1, v->grade, JX_XLSX_CENTER, 0);
            c0 = place(x, lc + gc, dc, 1);
            rec_text(wr, x, c0, c0 + dc - 1, 1, v->detail, JX_XLSX_TEXT, 0);
            if (last && lc + gc + dc < x->ncols) {
                c0 = place(x, lc + gc + dc, x->ncols - lc - gc - dc, 1);
                rec_text(wr, x, c0, x->ncols - 1, 1, c->note, JX_XLSX_TEXT, 0);
            }
            row_end(wr, x);
            continue;
        }
        const char *grade = v->detail[0] ? jx_scratch_printf(wr, "%s%s", v->grade, v->detail) : v->grade;
        size_t g = last ? gc : (x->grid ? x->ncols - lc : 1);
        c0 = place(x, lc, g, 1);
        rec_text(wr, x, c0, last || x->grid ? c0 + g - 1 : COL_LAST, 1, grade, JX_XLSX_CENTER, 0);
        if (last) {
            c0 = place(x, lc + gc, x->grid ? x->ncols - lc - gc : 1, 1);
            rec_text(wr, x, c0, x->grid ? x->ncols - 1 : COL_LAST, 1, c->note, JX_XLSX_TEXT, 0);
        }
        row_end(wr, x);
    }
}

/* ------------------------------------------------------------------ the foot */

/* The foot below the form after a blank row, in its print area: its lines side by side,
 * each a cell over its columns (jx_blank.cols; one off the grid) ruled under as a line to
 * write on, holding its label and what its blank prints ("填报日期：　　年　　月　　日": the
 * blank's trailing full-width spaces are the cell's room); a line that does not fit in
 * the row begins the next. Not measured: the form's columns are those of the blocks above. */
static void xlsx_foot(jx_writer *wr, const jx_foot *f)
{
    xpart *x = part_of(wr);
    if (!x)
        return;
    static const char space[] = "　";
    const size_t sn = sizeof space - 1;
    x->row++;
    size_t at = 0;
    for (size_t i = 0; i < f->n; i++) {
        const jx_blank *b = &f->v[i];
        size_t cols = x->grid && b->cols[JX_GRID_SHEET] ? b->cols[JX_GRID_SHEET] : 1;
        assert(cols <= x->ncols);
        if (at + cols > x->ncols) {
            end_row(wr, x, 0);
            at = 0;
        }
        size_t len = strlen(b->fill);
        while (len >= sn && memcmp(b->fill + len - sn, space, sn) == 0)
            len -= sn;
        const char *s = jx_scratch_printf(wr, "%s：%.*s", b->label, (int)len, b->fill);
        rec_text(wr, x, at, at + cols - 1, 1, s ? s : "", JX_XLSX_BLANK, 0);
        at += cols;
    }
    end_row(wr, x, 0);
}

/* ------------------------------------------------------------------ steps, findings */

/* Below the form, after a blank row: the heading, then a line per step
 * ("接入系统数量：22.50 = 30 × 45 / 60 [ge-ratio]"). */
static void xlsx_steps(jx_writer *wr, const jx_steps *s)
{
    xpart *x = part_of(wr);
    if (!x)
        return;
    form_done(x);
    x->row++;
    line(wr, x, s->heading, JX_XLSX_PLAIN);
    for (size_t i = 0; i < s->n; i++)
        line(wr, x, jx_scratch_printf(wr, "%s：%s [%s]", s->v[i].label, s->v[i].text, s->v[i].tag), JX_XLSX_PLAIN);
}

/* The notes under the part's table, a line each across the sheet (in the print area). */
static void xlsx_notes(jx_writer *wr, const jx_notes *n)
{
    xpart *x = part_of(wr);
    if (!x)
        return;
    for (size_t i = 0; i < n->n; i++)
        line(wr, x, n->v[i], JX_XLSX_PLAIN);
}

/* Below the form, after a blank row: "警告（n）", then a line per finding in the order made
 * ("a.jx:19:41 [vague-actual] …"); nothing when there are none. */
static void xlsx_findings(jx_writer *wr, const jx_diag *v, size_t n)
{
    xpart *x = part_of(wr);
    if (!x)
        return;
    form_done(x);
    if (n == 0)
        return;
    x->row++;
    line(wr, x, jx_scratch_printf(wr, "警告（%zu）", n), JX_XLSX_PLAIN);
    for (size_t i = 0; i < n; i++) {
        const jx_diag *d = &v[i];
        const char *s = d->line ? jx_scratch_printf(wr, "%s:%u:%u [%s] %s", d->file, (unsigned)d->line,
                                                    (unsigned)d->column, d->code, d->message)
                                : jx_scratch_printf(wr, "%s [%s] %s", d->file, d->code, d->message);
        line(wr, x, s, JX_XLSX_PLAIN);
    }
}

/* ------------------------------------------------------------------ spooled records */

/** Whole records read back from a spool at a time, in bytes (at least). */
#define SPOOL_RUN (256u << 10)

/** A spool's CSV read back: its bytes copied in through a sink (jx_spool_copy), cut after
 * the last line break outside quotes, and each run of whole records read by the CSV reader
 * (csv.h) — the one that reads them back from a file — so a run is in memory at a time. */
typedef struct spool_reader {
    jx_writer *wr;    /* the workbook's writer: a failure is its */
    void (*record)(struct spool_reader *rd, const jx_csv *csv); /* called with each record */
    void *ud;         /* for record */
    char *buf;        /* the bytes not yet read as records */
    size_t len, cap;
    size_t scanned;   /* bytes of buf looked at for line breaks, */
    int quoted;       /* …ending inside quotes or not */
    size_t whole;     /* bytes of buf that are whole records (up to a line break outside quotes) */
    jx_arena arena;   /* the fields the reader unescapes and the record's texts (spool_text), for one run */
} spool_reader;

/* Reads buf[0..n) as records, each to rd->record. The CSV is the writer's own bytes: a
 * malformed one is a defect, failed as output that cannot be written. */
static void spool_run(spool_reader *rd, size_t n)
{
    jx_writer *wr = rd->wr;
    jx_csv csv;
    jx_csv_init(&csv, rd->buf ? rd->buf : "", n, wr->alloc, &rd->arena);
    jx_csv_status cs = JX_CSV_END;
    while (wr->err == JX_OK && (cs = jx_csv_next(&csv)) == JX_CSV_ROW)
        rd->record(rd, &csv);
    assert(cs != JX_CSV_ERROR);
    if (cs == JX_CSV_NOMEM || (rd->arena.oom && wr->err == JX_OK))
        wr->err = JX_ERR_NOMEM;
    else if (cs == JX_CSV_ERROR && wr->err == JX_OK)
        wr->err = JX_ERR_IO;
    jx_csv_free(&csv);
    jx_arena_reset(&rd->arena);
}

/* The sink's write function: takes the bytes, and once a run of whole records is there
 * reads it. The next run begins with the line break that ended it, a blank line to the
 * reader: so a byte-order mark is taken for one at the spool's start only. */
static size_t spool_take(void *ud, const char *data, size_t len)
{
    spool_reader *rd = ud;
    jx_writer *wr = rd->wr;
    if (wr->err != JX_OK)
        return 0;
    if (JX_GROW(wr->alloc, rd->buf, rd->cap, rd->len + len) != 0) {
        wr->err = JX_ERR_NOMEM;
        return 0;
    }
    memcpy(rd->buf + rd->len, data, len);
    rd->len += len;
    for (; rd->scanned < rd->len; rd->scanned++) {
        char ch = rd->buf[rd->scanned];
        if (ch == '"')
            rd->quoted = !rd->quoted; /* a quote within a quoted field is doubled: two toggles */
        else if (ch == '\n' && !rd->quoted)
            rd->whole = rd->scanned + 1;
    }
    if (rd->whole >= SPOOL_RUN) {
        spool_run(rd, rd->whole);
        size_t cut = rd->whole - 1; /* the line break stays */
        memmove(rd->buf, rd->buf + cut, rd->len - cut);
        rd->len -= cut;
        rd->scanned -= cut;
        rd->whole = 0;
    }
    return wr->err == JX_OK ? len : 0;
}

/* Reads every record of sp to record(rd, csv), rd->ud being ud, and empties sp. */
static void spool_records(jx_writer *wr, jx_spool *sp, void (*record)(spool_reader *, const jx_csv *), void *ud)
{
    if (wr->err != JX_OK || !sp->w)
        return;
    spool_reader rd = {.wr = wr, .record = record, .ud = ud};
    jx_arena_init(&rd.arena, wr->alloc);
    jx_writer *sink = NULL;
    jx_result rc = jx_sink_create(&sink, spool_take, &rd, wr->alloc);
    if (rc != JX_OK) {
        wr->err = rc;
    } else {
        jx_spool_copy(sp, sink);
        jx_out_flush(sink);
        if (sink->err != JX_OK && wr->err == JX_OK)
            wr->err = sink->err;
        if (wr->err == JX_OK)
            spool_run(&rd, rd.len); /* the last records, with or without a line break after them */
    }
    jx_writer_destroy(sink);
    jx_arena_free(&rd.arena);
    jx_free(wr->alloc, rd.buf, rd.cap);
}

/* A NUL-terminated copy of field f for the record being read (until its run ends); NULL,
 * the writer failed, when memory ran out. */
static const char *spool_text(spool_reader *rd, const jx_csv_field *f)
{
    char *t = jx_arena_strndup(&rd->arena, f->s, f->n);
    if (!t && rd->wr->err == JX_OK)
        rd->wr->err = JX_ERR_NOMEM;
    return t;
}

/* ------------------------------------------------------------------ the list */

/* Widens the list's column col to hold s on one line. */
static void list_widen(xlsx_state *st, size_t col, const char *s)
{
    double need = jx_xlsx_text_width(s);
    if (need > st->list_w[col])
        st->list_w[col] = need;
}

/* Makes a row of the list as tall as its texts wrap to at the columns' widest, when the
 * list fits its rows (the sheet's widths are then its bounds until list_finish). */
static void list_fit(xlsx_state *st, uint32_t row, const char *const *texts)
{
    if (!st->list->fit_rows)
        return;
    unsigned lines = 1;
    for (size_t c = 0; c < st->list->ncols; c++) {
        unsigned n = texts[c] ? jx_xlsx_lines(&st->list_sheet, c, c, texts[c]) : 1;
        lines = n > lines ? n : lines;
    }
    jx_xlsx_row_lines(&st->book, &st->list_sheet, row, lines);
}

/* Holds the part's row of the list back in st->rows (see the head of this file); its
 * widths counted unless nofit. */
static void list_row(jx_writer *wr, xlsx_state *st, const jx_cell *cells)
{
    jx_writer *rw = st->rows.w;
    for (size_t c = 0; c < st->list->ncols; c++) {
        const jx_cell *cell = &cells[c];
        const char *shown = cell->s, *value = cell->s;
        char tag[32], num[32];
        if (cell->kind == JX_CELL_NUMBER && cell->num.set) {
            snprintf(tag, sizeof tag, "%c%u:%u", cell->num.percent ? 'p' : 'n', (unsigned)cell->num.places,
                     (unsigned)cell->num.scale);
            snprintf(num, sizeof num, "%lld", (long long)cell->num.v);
            value = num;
            if (!cell->nofit)
                shown = num_text(wr, &cell->num, cell->s);
        } else {
            snprintf(tag, sizeof tag, "s%d", (int)cell_style(cell));
        }
        if (c > 0)
            jx_out_char(rw, ',');
        jx_out_csv_field(rw, tag, strlen(tag));
        jx_out_char(rw, ',');
        jx_out_csv_field(rw, value, strlen(value));
        if (!cell->nofit)
            list_widen(st, c, shown);
    }
    jx_out_char(rw, '\n');
    if (jx_spool_error(&st->rows) != JX_OK && wr->err == JX_OK)
        wr->err = jx_spool_error(&st->rows);
}

/* A row of the list read back (list_row): each cell written as it was held, a number as
 * the number it was. */
static void list_record(spool_reader *rd, const jx_csv *csv)
{
    xlsx_state *st = rd->ud;
    jx_xlsx_book *bk = &st->book;
    size_t n = st->list->ncols;
    assert(csv->nfields == 2 * n);
    uint32_t row = 2 + st->listed++;
    const char *texts[JX_DOC_MAXCOLS] = {NULL}; /* the texts written, for the row's height */
    for (size_t c = 0; c < n && 2 * c + 1 < csv->nfields; c++) {
        const char *tag = spool_text(rd, &csv->fields[2 * c]), *value = spool_text(rd, &csv->fields[2 * c + 1]);
        if (!tag || !value)
            return;
        if (tag[0] == 's') {
            jx_xlsx_text(bk, &st->list_sheet, row, c, value, (jx_xlsx_style)strtol(tag + 1, NULL, 10));
            texts[c] = value;
            continue;
        }
        char *colon;
        unsigned long places = strtoul(tag + 1, &colon, 10);
        jx_cell_num num = {.v = strtoll(value, NULL, 10), .scale = (uint8_t)strtoul(colon + 1, NULL, 10),
                           .places = (uint8_t)places, .percent = tag[0] == 'p', .set = 1};
        if (num.percent)
            jx_xlsx_number_styled(bk, &st->list_sheet, row, c, num_value(&num), JX_XLSX_PERCENT);
        else
            jx_xlsx_number(bk, &st->list_sheet, row, c, num_value(&num), num.places);
    }
    list_fit(st, row, texts);
}

/* Notes the part's list title: kept while every part has the same. */
static void list_title(jx_writer *wr, xlsx_state *st, const char *t)
{
    if (st->titled < 0)
        return;
    if (!t || !t[0]) {
        st->titled = -1;
        return;
    }
    if (st->titled > 0) {
        if (strcmp(st->title, t) != 0)
            st->titled = -1;
        return;
    }
    size_t n = strlen(t) + 1;
    st->title = jx_malloc(wr->alloc, n);
    if (!st->title) {
        wr->err = JX_ERR_NOMEM;
        return;
    }
    memcpy(st->title, t, n);
    st->title_size = n;
    st->titled = 1;
}

/* Writes the list, top to bottom: its title (its own, else the parts' when they share
 * one), merged across and as tall as a title; the head; the rows held back; then widths
 * within their bounds, the head frozen, filtered (when there are rows, or the list says
 * so) and repeated on printed pages. */
static void list_finish(jx_writer *wr, xlsx_state *st)
{
    jx_xlsx_book *bk = &st->book;
    jx_xlsx_sheet *sh = &st->list_sheet;
    size_t n = st->list->ncols;
    const char *title = st->list->own_title || st->titled <= 0 ? st->list->title : st->title;
    jx_xlsx_merge(bk, sh, 0, 0, 0, n - 1, title, JX_XLSX_TITLE);
    jx_xlsx_row_height(bk, sh, 0, TITLE_POINTS);
    for (size_t c = 0; c < n; c++)
        jx_xlsx_text(bk, sh, 1, c, st->list->head[c], JX_XLSX_HEAD);
    list_fit(st, 1, st->list->head);
    jx_out_xlsx_error(wr, bk);
    spool_records(wr, &st->rows, list_record, st);
    double w[JX_DOC_MAXCOLS];
    for (size_t c = 0; c < n; c++)
        w[c] = st->list_w[c] > st->list->max[c] ? st->list->max[c] : st->list_w[c];
    jx_xlsx_set_widths(bk, sh, w);
    jx_xlsx_freeze_rows(bk, sh, 2);
    if (st->listed > 0 || st->list->filter_empty)
        jx_xlsx_autofilter(bk, sh, 1, 0, 1 + st->listed, n - 1);
    jx_xlsx_print_setup(bk, sh, 1, 1, 1 + st->listed);
    if (st->list->landscape)
        jx_xlsx_landscape(bk, sh);
    jx_out_xlsx_error(wr, bk);
}

/* ------------------------------------------------------------------ the sheet */

/* The widths of the part's sheet: each column as wide as its widest measured cell (one
 * standing in that column alone), within the grid's bounds. */
static void sheet_widths(const xpart *x, double *w)
{
    const jx_grid *g = x->grid ? x->pt->grid : NULL;
    for (size_t c = 0; c < x->ncols; c++)
        w[c] = g ? g->sheet_min[c] : OWN_MIN;
    for (size_t i = 0; i < x->nops; i++) {
        const xop *o = &x->ops[i];
        if ((o->op == OP_TEXT || o->op == OP_NUM) && o->size && o->c1 < x->ncols) {
            double need = jx_xlsx_text_width(o->s);
            if (need > w[o->c1])
                w[o->c1] = need;
        }
    }
    for (size_t c = 0; c < x->ncols; c++) {
        double max = g ? g->sheet_max[c] : OWN_MAX;
        if (w[c] > max)
            w[c] = max;
    }
}

/* Writes the recorded part into its sheet, in the order recorded (row by row: a cell is
 * recorded at its first row, and the rows only grow), each row made as tall as its tallest
 * wrapped text of one row; the rows a merge covers below written as the sheet reaches them. */
static void sheet_write(jx_xlsx_book *bk, jx_xlsx_sheet *sh, const xpart *x)
{
    unsigned lines = 1;
    size_t last = x->ncols - 1;
    for (size_t i = 0; i < x->nops; i++) {
        const xop *o = &x->ops[i];
        size_t c1 = o->c1 == COL_LAST ? last : o->c1, c2 = o->c2 == COL_LAST ? last : o->c2;
        switch (o->op) {
        case OP_TEXT:
            jx_xlsx_merge(bk, sh, o->r1, c1, o->r2, c2, o->s, (jx_xlsx_style)o->style);
            if (o->fit) {
                unsigned n = jx_xlsx_lines(sh, c1, c2, o->s);
                lines = n > lines ? n : lines;
            }
            break;
        case OP_NUM:
            if (o->num.percent)
                jx_xlsx_merge_percent(bk, sh, o->r1, c1, o->r2, c2, num_value(&o->num));
            else
                jx_xlsx_merge_number(bk, sh, o->r1, c1, o->r2, c2, num_value(&o->num), o->num.places);
            break;
        case OP_ROW:
            jx_xlsx_row_lines(bk, sh, o->r1, lines);
            lines = 1;
            break;
        default:
            assert(o->op == OP_TITLE_ROW);
            jx_xlsx_row_height(bk, sh, o->r1, TITLE_POINTS);
            lines = 1;
            break;
        }
    }
    jx_xlsx_rows_end(bk, sh);
}

/* ------------------------------------------------------------------ the data */

/* Column bounds of the data's sheet, in Excel's units: a table to read and filter, not a
 * form to print. */
#define DATA_MIN 6
#define DATA_MAX 40

/* p in the document's data (its serialisation's rows, after its header before the first
 * project); nothing without data or a project. A failure stays in the spool's writer. */
static void data_part(xlsx_state *st, const jx_project *p)
{
    const jx_reporter *d = st->head->data;
    jx_writer *dw = st->data.w;
    if (!d || !p || !dw || dw->err != JX_OK)
        return;
    jx_arena_reset(&dw->scratch);
    if (!st->data_begun) {
        st->data_begun = 1;
        d->begin(dw, p);
    }
    d->project(dw, p);
    jx_out_result(dw); /* a scratch allocation that failed is the spool writer's failure */
}

/* The data's sheet being written from its spool: its header the first record. */
typedef struct data_fill {
    xlsx_state *st;
    const char *head[JX_XLSX_MAX_COLS]; /* the header's cells, in the scratch arena */
    double min[JX_XLSX_MAX_COLS], max[JX_XLSX_MAX_COLS];
    size_t ncols;                       /* 0 until the header is read */
    jx_xlsx_list l;                     /* open once it is */
} data_fill;

/* A record of the data: the header opens the list, each other record is a row of it, each
 * cell written as text as it reads (nothing reformatted, no number made of it). Invariant:
 * the serialisation writes a header of at most JX_XLSX_MAX_COLS columns, and no row wider. */
static void data_record(spool_reader *rd, const jx_csv *csv)
{
    data_fill *d = rd->ud;
    jx_writer *wr = rd->wr;
    xlsx_state *st = d->st;
    if (d->ncols == 0) {
        assert(csv->nfields > 0 && csv->nfields <= JX_XLSX_MAX_COLS);
        if (csv->nfields == 0 || csv->nfields > JX_XLSX_MAX_COLS) {
            wr->err = JX_ERR_LIMIT; /* a header wider than a sheet of this book (see the invariant) */
            return;
        }
        for (size_t c = 0; c < csv->nfields; c++) {
            const jx_csv_field *f = &csv->fields[c];
            char *t = jx_arena_strndup(&wr->scratch, f->s, f->n);
            d->head[c] = t ? t : jx_scratch_fail(wr);
            d->min[c] = DATA_MIN;
            d->max[c] = DATA_MAX;
        }
        if (wr->err != JX_OK)
            return;
        d->ncols = csv->nfields;
        const jx_xlsx_list_spec spec = {
            .name = st->head->data_name,
            .head = d->head,
            .min = d->min,
            .max = d->max,
            .ncols = d->ncols,
            .landscape = 1,
        };
        /* the data's sheets, once every part has its own: as many as its rows fill (a temporary
           file each while the book is written, 1,048,575 rows a sheet) */
        st->book.sheets_max = SIZE_MAX;
        jx_xlsx_list_open(&d->l, &st->book, &spec);
        return;
    }
    assert(csv->nfields <= d->ncols);
    if (csv->nfields > d->ncols) {
        wr->err = JX_ERR_LIMIT;
        return;
    }
    jx_xlsx_list_row(&d->l);
    for (size_t c = 0; c < csv->nfields; c++) {
        const char *t = spool_text(rd, &csv->fields[c]);
        if (!t)
            return;
        jx_xlsx_list_text(&d->l, c, t, JX_XLSX_TEXT);
    }
}

/* The data's sheet, the workbook's last: the serialised bytes read back a run of records at
 * a time (spool_records), the first the header. */
static void data_sheet(jx_writer *wr, xlsx_state *st)
{
    const jx_doc_head *h = st->head;
    jx_writer *dw = st->data.w;
    if (!h->data || !dw || wr->err != JX_OK)
        return;
    if (!st->data_begun) {
        st->data_begun = 1;
        h->data->begin(dw, NULL);
    }
    h->data->finish(dw);
    jx_out_result(dw);
    jx_out_flush(dw);
    jx_result rc = jx_spool_error(&st->data);
    if (rc != JX_OK) {
        wr->err = rc;
        return;
    }
    data_fill d = {.st = st};
    spool_records(wr, &st->data, data_record, &d);
    if (d.ncols > 0)
        jx_xlsx_list_close(&d.l);
    else if (wr->err == JX_OK)
        wr->err = JX_ERR_LIMIT; /* no header (see the invariant) */
    jx_out_xlsx_error(wr, &st->book);
}

/* ------------------------------------------------------------------ the workbook */

/* Releases the workbook of a writer destroyed before (or after) finishing (the state's
 * release). */
static void state_free(jx_writer *wr)
{
    xlsx_state *st = wr->state;
    jx_xlsx_discard(&st->book);
    jx_spool_close(&st->data);
    jx_spool_close(&st->rows);
    if (st->title)
        jx_free(wr->alloc, st->title, st->title_size);
}

/* Opens the workbook, written in order, on its temporary file, and the spools; the list is
 * the first sheet, written at the end (list_finish). */
static void xlsx_doc_begin(jx_writer *wr, const jx_doc_head *h)
{
    xlsx_state *st = jx_writer_state_new(wr, sizeof *st, state_free);
    if (!st)
        return;
    time_t created = (wr->flags & JX_WRITE_TIMESTAMP) ? time(NULL) : JX_XLSX_FIXED_TIME;
    jx_result rc = jx_xlsx_open(&st->book, wr->alloc, h->title, created);
    if (rc != JX_OK) {
        wr->err = rc;
        return;
    }
    st->head = h;
    if (h->data) {
        assert(h->data_name && h->data_name[0]);
        rc = jx_spool_open(&st->data, wr->alloc);
        if (rc != JX_OK) {
            wr->err = rc;
            return;
        }
    }
    st->list = h->list;
    if (st->list) {
        assert(st->list->ncols > 0 && st->list->ncols <= JX_DOC_MAXCOLS);
        rc = jx_spool_open(&st->rows, wr->alloc);
        if (rc != JX_OK) {
            wr->err = rc;
            return;
        }
        jx_xlsx_add_sheet(&st->book, &st->list_sheet, st->list->name, st->list->ncols, NULL);
        for (size_t c = 0; c < st->list->ncols; c++) {
            st->list_w[c] = st->list->min[c];
            list_widen(st, c, st->list->head[c]);
            if (st->list->fit_rows)
                st->list_sheet.width[c] = st->list->max[c];
        }
    }
    if (st->book.err != JX_OK)
        wr->err = st->book.err;
}

/* Starts recording a part: its title over the sheet, and the caption under it. */
static void xlsx_part_begin(jx_writer *wr, const jx_part *pt)
{
    xlsx_state *st = state_of(wr);
    if (!st || wr->err != JX_OK)
        return;
    xpart *x = jx_arena_alloc(&wr->scratch, sizeof *x);
    st->part = x;
    if (!x) {
        jx_scratch_fail(wr);
        return;
    }
    memset(x, 0, sizeof *x);
    x->pt = pt;
    /* past JX_XLSX_PROJECTS_MAX sheets a part of a document with data gets none (see the head
       of this file); of any other, its sheet is refused when added (JX_XLSX_SHEETS_MAX) */
    x->sheetless = st->head->data && st->sheets == JX_XLSX_PROJECTS_MAX;
    if (x->sheetless)
        return;
    x->grid = pt->grid != NULL;
    x->ncols = x->grid ? pt->grid->ncols[JX_GRID_SHEET] : 2;
    assert(x->ncols >= 1 && x->ncols <= JX_XLSX_MAX_COLS);
    if (x->grid)
        jx_grid_start(&x->cur, x->ncols);
    rec_text(wr, x, 0, COL_LAST, 1, pt->title, JX_XLSX_TITLE, 0);
    end_row(wr, x, 1);
    if (pt->caption[0]) {
        rec_text(wr, x, 0, COL_LAST, 1, pt->caption, JX_XLSX_CAPTION, 0);
        end_row(wr, x, 0);
    }
}

/* Writes the part's sheet (named after the part), its print setup (A4, the main table's
 * head repeated, the form as the print area), and holds its row of the list and its data;
 * a part without a sheet is counted. */
static void xlsx_part_end(jx_writer *wr)
{
    xreport *rs = xreport_of(wr);
    if (rs) {
        report_part_end(wr, rs);
        return;
    }
    xlsx_state *st = state_of(wr);
    xpart *x = st && wr->err == JX_OK ? st->part : NULL;
    if (x && !wr->scratch.oom) {
        if (x->sheetless) {
            wr->sheetless++;
        } else {
            form_done(x);
            assert(!x->grid || jx_grid_closed(&x->cur));
            jx_xlsx_sheet sh;
            jx_xlsx_add_sheet(&st->book, &sh, x->pt->name, x->ncols, NULL);
            double w[JX_XLSX_MAX_COLS];
            sheet_widths(x, w);
            jx_xlsx_set_widths(&st->book, &sh, w);
            sheet_write(&st->book, &sh, x);
            uint32_t head = x->has_head ? x->head_row : 1;
            jx_xlsx_print_setup(&st->book, &sh, head, x->has_head ? x->head_last : 0, x->form_last);
            if (x->grid && x->pt->grid->landscape)
                jx_xlsx_landscape(&st->book, &sh);
            st->sheets++;
        }
        if (st->list && x->pt->list_row)
            list_row(wr, st, x->pt->list_row);
        data_part(st, x->pt->project);
        list_title(wr, st, x->pt->list_title);
        if (st->book.err != JX_OK && wr->err == JX_OK)
            wr->err = st->book.err;
    }
    if (st)
        st->part = NULL;
}

/* Finishes the list, writes the workbook through the writer's output and removes its file. */
static void xlsx_doc_end(jx_writer *wr, const jx_doc_head *h, size_t nparts)
{
    (void)h;
    (void)nparts;
    xreport *rs = xreport_of(wr);
    if (rs) {
        report_doc_end(wr, rs);
        return;
    }
    xlsx_state *st = state_of(wr);
    if (!st)
        return;
    if (wr->err == JX_OK) {
        jx_arena_reset(&wr->scratch);
        if (st->list)
            list_finish(wr, st);
        data_sheet(wr, st);
        jx_out_xlsx_error(wr, &st->book);
        if (wr->err == JX_OK)
            jx_out_xlsx_close(wr, &st->book);
    }
    jx_writer_state_drop(wr);
}

/* ------------------------------------------------------------------ a report
 * A report (the audit, build_audit.c; the vet, build_vet.c) is a workbook written in
 * order, in flat memory (jx_xlsx_open). Its first sheet (jx_report_head.sheet)
 * holds the title, the caption and the tables of the sections (those of every format and
 * the workbook's own, JX_VIEW_BOOK): each table after a blank row and a band of its
 * heading, its head row unless it is labelled values or a list, a row of cells a row —
 * labels, text, numbers stored as numbers, a cell over the columns its cols[JX_GRID_SHEET]
 * says, nothing for a JX_CELL_NONE; no lead, no note. It sums up what follows it, so it is
 * written last: its steps are kept until then (in the report's own arena), and its columns
 * are as wide as the cells of one column measured in them (not nofit ones), within the
 * sheet's bounds.
 * Each list of records the entries give (jx_report_head.lists) is a sheet after it, begun
 * with the report and ended with the entries (jx_xlsx_list: its head frozen and filtered,
 * more sheets of the same name when one is full); a section's records are a sheet of their
 * own, under the section's title and what it came to; an entry's own sheet (JX_TABLE_SHEET,
 * the vet's 审核表) is a list of its own, named after the entry, its heading the title and
 * its lead the caption — for the first JX_XLSX_PROJECTS_MAX entries with one: an entry past
 * them has no sheet (counted in wr->sheetless), its records in the lists all the same. So
 * a report holds open its first sheet, those entries' and its lists', the lists' as many
 * as their records fill (beyond JX_XLSX_SHEETS_MAX: the book's sheets_max lifted). Nothing
 * else of an entry is drawn, nor the overview, nor the tables of the pages (JX_VIEW_PAGE). */

/** What a kept step of the first sheet writes. */
enum { SOP_TEXT, SOP_SPAN, SOP_NUM, SOP_PERCENT, SOP_ROW, SOP_SKIP };

/** A kept step of the first sheet. */
typedef struct sop {
    uint8_t op;      /* SOP_* */
    uint8_t style;   /* a text's jx_xlsx_style */
    uint8_t c1, c2;  /* its columns */
    uint8_t places;  /* a number's */
    uint8_t measure; /* counts in its column's width */
    double v;        /* a number */
    const char *s;   /* a text, in the report's arena */
} sop;

/** A list of records being written, with its own copy of its name and heads and its bounds. */
typedef struct xlist {
    jx_xlsx_list l;
    const jx_doc_list *spec; /* the builder's, to know it by */
    double min[JX_DOC_MAXCOLS];
    double max[JX_DOC_MAXCOLS];
    const char *head[JX_DOC_MAXCOLS];
} xlist;

/** A writer's report, from report_begin to doc_end (its state). */
typedef struct xreport {
    jx_xlsx_book book;
    jx_arena arena;                /* the first sheet's steps and texts, the lists' names and heads */
    jx_xlsx_cursor first;          /* the first sheet */
    const char *title, *caption;   /* its title and caption */
    double min[JX_DOC_MAXCOLS];    /* its columns' bounds */
    double max[JX_DOC_MAXCOLS];
    size_t ncols;
    sop *ops;                      /* its steps, in order */
    size_t nops, cap;
    xlist lists[JX_REPORT_MAXLISTS]; /* the entries' lists */
    size_t nlists;
    int lists_open;                /* …begun and not yet ended */
    xlist own;                     /* a section's records, between table_begin and table_end */
    int in_entry;                  /* the part is an entry: only its records are drawn */
    const jx_report_part *section; /* the section being drawn (until part_end) */
    const jx_report_table *table;  /* the table being drawn; NULL when none is, or it is not drawn */
    xlist *to;                     /* …its list, for records; NULL: the first sheet */
    size_t sheets;                 /* entries given a sheet of their own so far: JX_XLSX_PROJECTS_MAX at most */
    int sheetless;                 /* the entry being drawn has a sheet of its own not written (past them) */
} xreport;

/* Releases the report's workbook and arena (the state's release). */
static void xreport_free(jx_writer *wr)
{
    xreport *st = wr->state;
    jx_xlsx_discard(&st->book);
    jx_arena_free(&st->arena);
}

/* The report being drawn; NULL for other documents. The state is this renderer's report
 * exactly when its release is xreport_free. */
static xreport *xreport_of(jx_writer *wr)
{
    return wr->state_free == xreport_free ? wr->state : NULL;
}

/* A copy of s in the report's arena; "" and the writer failed when it ran out. */
static const char *keep(jx_writer *wr, xreport *st, const char *s)
{
    char *k = jx_arena_strndup(&st->arena, s, strlen(s));
    return k ? k : jx_scratch_fail(wr);
}

/* A new step of the first sheet; NULL (the writer failed) when the arena ran out. */
static sop *sop_add(jx_writer *wr, xreport *st, int op)
{
    if (st->nops == st->cap) {
        size_t ncap = st->cap ? st->cap * 2 : 64;
        sop *n = jx_arena_alloc(&st->arena, ncap * sizeof *n);
        if (!n) {
            jx_scratch_fail(wr);
            return NULL;
        }
        if (st->nops)
            memcpy(n, st->ops, st->nops * sizeof *n);
        st->ops = n;
        st->cap = ncap;
    }
    sop *o = &st->ops[st->nops++];
    memset(o, 0, sizeof *o);
    o->op = (uint8_t)op;
    return o;
}

/* Text over columns c1..c2 of the first sheet's row (a span when more than one). */
static void sop_text(jx_writer *wr, xreport *st, size_t c1, size_t c2, const char *s, jx_xlsx_style style,
                     int measure)
{
    sop *o = sop_add(wr, st, c1 == c2 ? SOP_TEXT : SOP_SPAN);
    if (!o)
        return;
    o->c1 = (uint8_t)c1;
    o->c2 = (uint8_t)c2;
    o->style = (uint8_t)style;
    o->measure = measure && c1 == c2;
    o->s = keep(wr, st, s);
}

/* Opens list x of `spec` in the book: its name and heads kept, its bounds as the list wants
 * them, under title and caption (NULL: none). */
static void xlist_open(jx_writer *wr, xreport *st, xlist *x, const jx_doc_list *spec, const char *title,
                       const char *caption)
{
    assert(spec->ncols > 0 && spec->ncols <= JX_DOC_MAXCOLS);
    x->spec = spec;
    for (size_t c = 0; c < spec->ncols; c++) {
        x->head[c] = keep(wr, st, spec->head[c]);
        x->min[c] = spec->min[c];
        x->max[c] = spec->max[c];
    }
    const jx_xlsx_list_spec ls = {
        .name = keep(wr, st, spec->name),
        .title = title,
        .caption = caption,
        .head = x->head,
        .min = x->min,
        .max = x->max,
        .ncols = spec->ncols,
        .landscape = spec->landscape,
    };
    jx_xlsx_list_open(&x->l, &st->book, &ls);
}

/* Ends the entries' lists, once. */
static void lists_close(xreport *st)
{
    if (!st->lists_open)
        return;
    for (size_t i = 0; i < st->nlists; i++)
        jx_xlsx_list_close(&st->lists[i].l);
    st->lists_open = 0;
}

/* A record's row of list l: each cell in its column, a number stored as one. */
static void record_row(xlist *x, const jx_cell *cells, size_t ncols)
{
    jx_xlsx_list *l = &x->l;
    jx_xlsx_list_row(l);
    for (size_t c = 0; c < ncols; c++) {
        const jx_cell *cell = &cells[c];
        if (cell->covered || cell->kind == JX_CELL_NONE)
            continue;
        if (cell->kind == JX_CELL_NUMBER && cell->num.set && cell->num.percent)
            jx_xlsx_number_styled(l->cu.bk, &l->cu.sh, l->cu.row, c, num_value(&cell->num), JX_XLSX_PERCENT);
        else if (cell->kind == JX_CELL_NUMBER && cell->num.set)
            jx_xlsx_list_number(l, c, num_value(&cell->num), cell->num.places);
        else
            jx_xlsx_list_text(l, c, cell->s, cell_style(cell));
    }
}

/* A row of a table of the first sheet, kept: its cells left to right, each over its columns. */
static void first_sheet_row(jx_writer *wr, xreport *st, const jx_cell *cells, size_t ncols)
{
    size_t at = 0;
    for (size_t c = 0; c < ncols; c++) {
        const jx_cell *cell = &cells[c];
        size_t cols = jx_grid_cols(cell, JX_GRID_SHEET);
        if (cell->covered) {
            at++;
            continue;
        }
        if (cols == 0)
            continue;
        assert(at + cols <= st->ncols);
        if (cell->kind == JX_CELL_NUMBER && cell->num.set) {
            assert(cols == 1);
            sop *o = sop_add(wr, st, cell->num.percent ? SOP_PERCENT : SOP_NUM);
            if (o) {
                o->c1 = o->c2 = (uint8_t)at;
                o->v = num_value(&cell->num);
                o->places = cell->num.places;
                o->measure = !cell->nofit && !cell->num.percent; /* a percentage is not measured */
            }
        } else if (cell->kind != JX_CELL_NONE) {
            sop_text(wr, st, at, at + cols - 1, cell->s, cell_style(cell), !cell->nofit);
        }
        at += cols;
    }
    sop_add(wr, st, SOP_ROW);
}

/* The first sheet's columns: each as wide as its widest measured cell, within its bounds. */
static void first_sheet_widths(const xreport *st, double *w)
{
    for (size_t c = 0; c < st->ncols; c++)
        w[c] = st->min[c];
    for (size_t i = 0; i < st->nops; i++) {
        const sop *o = &st->ops[i];
        if (!o->measure)
            continue;
        char buf[64];
        const char *s = o->s;
        if (o->op == SOP_NUM) {
            snprintf(buf, sizeof buf, "%.*f", o->places > 9 ? 9 : (int)o->places, o->v);
            s = buf;
        }
        double need = jx_xlsx_text_width(s);
        if (need > w[o->c1])
            w[o->c1] = need;
    }
    for (size_t c = 0; c < st->ncols; c++)
        if (w[c] > st->max[c])
            w[c] = st->max[c];
}

/* Writes the first sheet, top to bottom: its widths, the title, the caption, a blank row,
 * then the kept steps; A4, every row in the print area. */
static void first_sheet_write(xreport *st)
{
    jx_xlsx_cursor *cu = &st->first;
    size_t last = st->ncols - 1;
    double w[JX_DOC_MAXCOLS];
    first_sheet_widths(st, w);
    jx_xlsx_set_widths(&st->book, &cu->sh, w);
    jx_xlsx_cursor_span(cu, 0, last, st->title, JX_XLSX_TITLE);
    jx_xlsx_row_height(cu->bk, &cu->sh, cu->row, TITLE_POINTS);
    cu->row++;
    jx_xlsx_cursor_span(cu, 0, last, st->caption, JX_XLSX_CAPTION);
    jx_xlsx_cursor_end_row(cu);
    cu->row++;
    for (size_t i = 0; i < st->nops; i++) {
        const sop *o = &st->ops[i];
        switch (o->op) {
        case SOP_TEXT:
            jx_xlsx_cursor_text(cu, o->c1, o->s, (jx_xlsx_style)o->style);
            break;
        case SOP_SPAN:
            jx_xlsx_cursor_span(cu, o->c1, o->c2, o->s, (jx_xlsx_style)o->style);
            break;
        case SOP_NUM:
            jx_xlsx_cursor_number(cu, o->c1, o->v, o->places);
            break;
        case SOP_PERCENT:
            jx_xlsx_number_styled(cu->bk, &cu->sh, cu->row, o->c1, o->v, JX_XLSX_PERCENT);
            break;
        case SOP_ROW:
            jx_xlsx_cursor_end_row(cu);
            break;
        default:
            assert(o->op == SOP_SKIP);
            cu->row++;
            break;
        }
    }
    jx_xlsx_print_setup(cu->bk, &cu->sh, 1, 0, cu->row - 1);
}

/* A report: the workbook on its temporary file, its first sheet (written at the end), then
 * the lists of the entries' records with their head rows. */
static void xlsx_report_begin(jx_writer *wr, const jx_report_head *h)
{
    xreport *st = jx_writer_state_new(wr, sizeof *st, xreport_free);
    if (!st)
        return;
    jx_arena_init(&st->arena, wr->alloc);
    time_t created = (wr->flags & JX_WRITE_TIMESTAMP) ? time(NULL) : JX_XLSX_FIXED_TIME;
    jx_result rc = jx_xlsx_open(&st->book, wr->alloc, h->doc.title, created);
    if (rc != JX_OK) {
        wr->err = rc;
        return;
    }
    /* the first sheet (the book's list) and the lists, as many sheets as their records fill,
     * beside the entries' own sheets (the vet's 审核表), which this renderer bounds to
     * JX_XLSX_PROJECTS_MAX (st->sheets); a temporary file each while the book is written */
    st->book.sheets_max = SIZE_MAX;
    const jx_doc_list *sheet = h->sheet;
    assert(sheet && sheet->ncols > 0 && sheet->ncols <= JX_DOC_MAXCOLS && h->nlists <= JX_REPORT_MAXLISTS);
    st->ncols = sheet->ncols;
    for (size_t c = 0; c < sheet->ncols; c++) {
        st->min[c] = sheet->min[c];
        st->max[c] = sheet->max[c];
    }
    st->title = keep(wr, st, sheet->title ? sheet->title : h->doc.title);
    st->caption = keep(wr, st, h->caption);
    jx_xlsx_cursor_start(&st->first, &st->book, sheet->name, sheet->ncols, NULL);
    for (size_t i = 0; i < h->nlists; i++)
        xlist_open(wr, st, &st->lists[i], h->lists[i], h->lists[i]->title ? keep(wr, st, h->lists[i]->title) : NULL,
                   NULL);
    st->nlists = h->nlists;
    st->lists_open = 1;
    jx_out_xlsx_error(wr, &st->book);
}

/* An entry: only its records are drawn. A section: the entries are over, their lists end. */
static void xlsx_report_part_begin(jx_writer *wr, const jx_report_part *p)
{
    xreport *st = xreport_of(wr);
    if (!st)
        return;
    st->in_entry = p->role == JX_PART_ENTRY;
    st->section = st->in_entry ? NULL : p;
    if (!st->in_entry && wr->err == JX_OK)
        lists_close(st);
}

/* A report's table: an entry's records go to their list; a section's records to a sheet of
 * their own; a section's other tables, but those of the pages, to the first sheet after a
 * band of their heading, with their head row unless they are labelled values or a list. */
static void xlsx_report_table_begin(jx_writer *wr, const jx_report_table *rt)
{
    const jx_table_spec *t = &rt->spec;
    assert(t->ncols <= JX_DOC_MAXCOLS);
    xreport *st = xreport_of(wr);
    if (!st)
        return;
    st->table = NULL;
    st->to = NULL;
    if (rt->view == JX_VIEW_PAGE || wr->err != JX_OK)
        return;
    if (t->role == JX_TABLE_RECORDS) {
        assert(rt->list && rt->list->ncols == t->ncols);
        if (st->in_entry) {
            for (size_t i = 0; i < st->nlists && st->lists_open; i++)
                if (st->lists[i].spec == rt->list)
                    st->to = &st->lists[i];
        } else if (st->section) {
            const jx_part *sp = &st->section->part;
            const char *caption = st->section->result[0] && sp->caption[0]
                                      ? jx_scratch_printf(wr, "%s：%s", sp->caption, st->section->result)
                                      : sp->caption[0] ? sp->caption : st->section->result;
            xlist_open(wr, st, &st->own, rt->list, sp->title, caption);
            st->to = &st->own;
        }
        st->table = st->to ? rt : NULL;
        return;
    }
    if (t->role == JX_TABLE_SHEET) { /* an entry's own sheet, after the lists */
        if (!st->in_entry || !rt->sheet_name)
            return;
        if (st->sheets == JX_XLSX_PROJECTS_MAX) { /* past them: not drawn, counted at part_end */
            st->sheetless = 1;
            return;
        }
        st->sheets++;
        const jx_doc_list own = {.name = rt->sheet_name, .head = t->head, .min = rt->sheet_min,
                                 .max = rt->sheet_max, .ncols = t->ncols, .landscape = 1};
        xlist_open(wr, st, &st->own, &own, t->heading, rt->lead);
        st->own.spec = NULL; /* `own` ends here; no list is looked up by it */
        st->to = &st->own;
        st->table = rt;
        return;
    }
    if (st->in_entry || t->role == JX_TABLE_OVERVIEW)
        return;
    st->table = rt;
    if (t->heading[0]) {
        sop_add(wr, st, SOP_SKIP);
        sop_text(wr, st, 0, st->ncols - 1, t->heading, JX_XLSX_HEAD, 0);
        sop_add(wr, st, SOP_ROW);
    }
    if (t->role != JX_TABLE_PAIRS && t->role != JX_TABLE_LIST) {
        for (size_t c = 0; c < t->ncols; c++)
            sop_text(wr, st, c, c, c == 0 && t->role == JX_TABLE_CROSS ? "" : t->head[c], JX_XLSX_HEAD, 0);
        sop_add(wr, st, SOP_ROW);
    }
}

/* A row of a report's table: a record, or a row of the first sheet. */
static void report_row(jx_writer *wr, xreport *st, const jx_cell *cells)
{
    if (!st->table || wr->err != JX_OK)
        return;
    if (st->to)
        record_row(st->to, cells, st->table->spec.ncols);
    else
        first_sheet_row(wr, st, cells, st->table->spec.ncols);
}

/* A report's table ends; a section's records and an entry's own sheet end their sheet. */
static void report_table_end(jx_writer *wr, xreport *st)
{
    if (st->to == &st->own && wr->err == JX_OK)
        jx_xlsx_list_close(&st->own.l);
    st->table = NULL;
    st->to = NULL;
    jx_out_xlsx_error(wr, &st->book);
}

/* A part's end; an entry without the sheet of its own it had is counted. */
static void report_part_end(jx_writer *wr, xreport *st)
{
    if (st->sheetless)
        wr->sheetless++;
    st->sheetless = 0;
    st->in_entry = 0;
    st->section = NULL;
    jx_out_xlsx_error(wr, &st->book);
}

/* The end: the first sheet written, the workbook through the writer's output. */
static void report_doc_end(jx_writer *wr, xreport *st)
{
    if (wr->err == JX_OK) {
        lists_close(st);
        first_sheet_write(st);
        jx_out_xlsx_error(wr, &st->book);
    }
    if (wr->err == JX_OK)
        jx_out_xlsx_close(wr, &st->book);
    jx_writer_state_drop(wr);
}

/* The parts of an entry but its records are not drawn: its findings and the overview. */
static void xlsx_finding_list(jx_writer *wr, const jx_finding_list *l)
{
    (void)wr;
    (void)l;
}

static void xlsx_overview(jx_writer *wr, const jx_overview *o)
{
    (void)wr;
    (void)o;
}

const jx_renderer jx_render_xlsx = {
    .name = "xlsx",
    .doc_begin = xlsx_doc_begin,
    .part_begin = xlsx_part_begin,
    .fields = xlsx_fields,
    .table_begin = xlsx_table_begin,
    .row = xlsx_row,
    .table_end = xlsx_table_end,
    .conclusion = xlsx_conclusion,
    .steps = xlsx_steps,
    .findings = xlsx_findings,
    .part_end = xlsx_part_end,
    .doc_end = xlsx_doc_end,
    .notes = xlsx_notes,
    /* the audit report */
    .report_begin = xlsx_report_begin,
    .report_part_begin = xlsx_report_part_begin,
    .report_table_begin = xlsx_report_table_begin,
    .finding_list = xlsx_finding_list,
    .overview = xlsx_overview,
    .book_view = 1,
    /* the 自评表 */
    .foot = xlsx_foot,
};
