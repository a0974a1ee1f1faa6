/* SPDX-License-Identifier: MIT */
/* render_html.c — documents (doc.h) as one self-contained HTML page for A4 print.
 *
 * Why one renderer: the page is the same whatever the document (its HTML section below gives the shell,
 * the escaping and the findings table), and only what a block is decides how it is drawn;
 * the 自评表 and the other documents differ in their blocks and their layout, which the
 * builders state.
 *
 * A part is a `<section class="sheet">` under its title (every sheet after the first
 * starts a page). A part with a grid (jx_part.grid) is drawn as its paper form: one ruled
 * table whose columns are the page grid's (JX_GRID_PAGE), its fields, tables and conclusion
 * rows of it, each label, value and cell spanning the rows and columns the builder states;
 * the steps and the findings follow under their headings, tables of their own. A table
 * that opens the grid has its head as the grid's <thead>; a fields block with a grid of its
 * own (the 复核 sheet's head) is a table of its own ahead of the part's; notes are
 * paragraphs under the grid. A block without a layout gets a table of its own, a column a
 * cell. The stylesheet is the document's style's (jx_doc_style), each grid's table of the
 * class its name says.
 *
 * The part's state (its grid, the table being drawn) lives in the scratch arena from
 * part_begin to part_end, in wr->render_state; nothing is kept between parts.
 *
 * A report (the audit) is its own sheets: its summary first, the overview after it, each
 * table of its own (see "a report" below); what it holds back lives in wr->state.
 */
#include "doc.h"

#include "alloc.h"
#include "text.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* The style of the renderer's blocks, after the shared one (below): the form's grid
 * (th.k set off, th.g a group, td.grade, td.note), the caption, the steps, an empty document. */
static const char render_css[] =
    "table.form { font-size: 9pt; line-height: 1.2; }\n"
    "table.form th.k { font-weight: bold; }\n"
    "table.form th.g { word-break: keep-all; }\n"
    "table.form td:empty { height: 1.6em; }\n"
    "table.form td.grade { font-size: 12pt; font-weight: bold; }\n"
    "table.form td.note { text-align: left; font-size: 9pt; }\n"
    "p.year { text-align: center; margin: 1mm 0 3mm; }\n"
    "table.explain { font-size: 9pt; }\n"
    "table.explain th { font-weight: bold; }\n"
    "table.explain td { text-align: left; }\n"
    "p.foot { display: flex; justify-content: space-between; margin: 4mm 0 0; }\n"
    "p.foot .blank { border-bottom: 0.75pt solid #000; }\n"
    "p.empty { text-align: center; margin-top: 40mm; }\n";

/* The style of a working sheet (JX_STYLE_SHEET): the head's table (table.head), the dense
 * main table (table.review: its thead, th.k set off, th.g a group, td.x marked, td.grade
 * with its grade in bold), the notes under it, an empty document, the pages numbered. */
static const char sheet_css[] =
    "p.year { text-align: center; margin: 1mm 0 3mm; }\n"
    "table.head { margin-bottom: 2mm; font-size: 9pt; }\n"
    "table.head th { font-weight: bold; }\n"
    "table.review { font-size: 8.5pt; line-height: 1.25; }\n"
    "table.review thead th, table.review th.k { font-weight: bold; }\n"
    "table.review th.g { word-break: keep-all; }\n"
    "table.review td.x { font-weight: bold; }\n"
    "table.review td.grade { text-align: left; font-size: 10pt; }\n"
    "table.review td.grade b { font-size: 12pt; }\n"
    "p.note { font-size: 8.5pt; margin: 1.5mm 0 0; }\n"
    "p.empty { text-align: center; margin-top: 40mm; }\n"
    "@page { @bottom-center { content: \"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\"; font-size: 8pt; } }\n";

/* The style of a report (JX_STYLE_REPORT, the audit): its head's line (p.meta), the sections'
 * headings and lines, the notes under the tables, the tables by their grids' names —
 * labelled values (kv), a distribution (dist) and its chart, the findings by code (codes),
 * the overview (projects: a name's lines under it, a marked cell and its flag), the
 * findings (an error set off, the entry over its rows), the picks, a project's 审核表
 * (targets) —, the pages numbered. */
static const char report_css[] =
    "p.meta { text-align: center; font-size: 9pt; margin: 1.5mm 0 4mm; }\n"
    "h2 { font-size: 11pt; margin: 5mm 0 1.5mm; overflow-wrap: anywhere; }\n"
    "p.line { margin: 0 0 1.5mm; }\n"
    "p.note { font-size: 8pt; margin: 1mm 0 0; }\n"
    "table.kv th { text-align: left; font-weight: bold; }\n"
    "table.kv td { text-align: left; }\n"
    "table.dist th, table.codes thead th, table.projects thead th, table.picks th { font-weight: bold; }\n"
    "table.codes td.l, table.codes th.l { text-align: left; }\n"
    "svg.chart { display: block; width: 150mm; max-width: 100%; height: auto; margin: 3mm auto 0; }\n"
    "table.projects, table.picks { font-size: 8.5pt; line-height: 1.25; }\n"
    "table.projects th.l { text-align: left; }\n"
    "table.projects .sub { display: block; font-size: 7.5pt; overflow-wrap: anywhere; }\n"
    "table.projects td.x { font-weight: bold; }\n"
    "table.projects .flag { display: block; font-size: 7.5pt; font-weight: bold; }\n"
    "table.findings td.e { font-weight: bold; }\n"
    "table.findings th.p { text-align: left; vertical-align: top; font-weight: normal; }\n"
    "table.findings .sub { display: block; font-size: 7pt; overflow-wrap: anywhere; }\n"
    "table.codes tbody th { font-weight: normal; }\n"
    "@page { @bottom-center { content: \"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\"; font-size: 8pt; } }\n"
    "table.picks td { text-align: left; }\n"
    "table.targets { font-size: 8.5pt; line-height: 1.25; }\n"
    "table.targets thead th { font-weight: bold; }\n"
    "table.targets td, table.targets tbody th { text-align: left; vertical-align: top; }\n"
    "table.picks td.n { text-align: center; }\n"
    "p.empty { margin: 2mm 0; }\n";

/** The stylesheet of each jx_doc_style. */
static const char *const style_css[] = {
    [JX_STYLE_FORM] = render_css, [JX_STYLE_SHEET] = sheet_css, [JX_STYLE_REPORT] = report_css};

/** A part being drawn. */
typedef struct hpart {
    const jx_part *pt;          /* the part (alive until part_end) */
    int open;                   /* a grid's <table> is open */
    const jx_grid *grid;        /* …that grid: the part's, or a block's own */
    int body;                   /* …and its <tbody> */
    jx_grid_cursor cur;         /* the grid's rows, while open */
    const jx_table_spec *spec;  /* the table being drawn, between table_begin and table_end */
    int table_on_grid;          /* …as rows of the grid (else a table of its own) */
    size_t rows;                /* its body rows drawn */
} hpart;

/* The part being drawn; NULL outside a part or when the scratch arena ran out. */
static hpart *part_of(jx_writer *wr)
{
    return wr->render_state;
}

/* A report (below): its state, and how the calls of any document draw it. */
typedef struct jx_held jx_held;
static void report_fields(jx_writer *wr, jx_held *st, const jx_fields *f);
static void report_table_row(jx_writer *wr, jx_held *st, const jx_cell *cells);
static void report_table_end(jx_writer *wr, jx_held *st);
static void report_doc_end(jx_writer *wr, jx_held *st);

/* ------------------------------------------------------------------ the grid */

/* The page columns of grid g with their shares of the width ("9.5%"). */
static void col_widths(jx_writer *wr, const jx_grid *g)
{
    jx_out_str(wr, "<colgroup>");
    for (size_t c = 0; c < g->ncols[JX_GRID_PAGE]; c++) {
        unsigned share = g->page_share[c];
        jx_out_str(wr, "<col style=\"width: ");
        jx_out_uint(wr, share / 10);
        if (share % 10) {
            jx_out_char(wr, '.');
            jx_out_char(wr, (char)('0' + share % 10));
        }
        jx_out_str(wr, "%\">");
    }
    jx_out_str(wr, "</colgroup>\n");
}

/* Opens grid g's table (its class the grid's name): its columns with their shares of the
 * width; its body is begun by the first row that is not the head of a table. */
static void grid_open(jx_writer *wr, hpart *h, const jx_grid *g)
{
    assert(g && !h->open);
    size_t n = g->ncols[JX_GRID_PAGE];
    jx_out_str(wr, "<table class=\"");
    jx_html_str(wr, g->name ? g->name : "form");
    jx_out_str(wr, "\">\n");
    col_widths(wr, g);
    jx_grid_start(&h->cur, n);
    h->open = 1;
    h->grid = g;
    h->body = 0;
}

/* Begins the open grid's body, when not yet. */
static void grid_body(jx_writer *wr, hpart *h)
{
    if (h && h->open && !h->body) {
        jx_out_str(wr, "<tbody>\n");
        h->body = 1;
    }
}

/* Closes the grid's table, when open: no cell reaches below its last row. */
static void grid_close(jx_writer *wr, hpart *h)
{
    if (!h || !h->open)
        return;
    assert(jx_grid_closed(&h->cur));
    grid_body(wr, h);
    jx_out_str(wr, "</tbody>\n</table>\n");
    h->open = 0;
}

/* True when a block of the part goes on its grid (laid is whether the block has a
 * layout); opens the grid (closing a block's own), or closes it for a block of its own. */
static int on_grid(jx_writer *wr, hpart *h, int laid)
{
    if (!h || !h->pt->grid || !laid) {
        grid_close(wr, h);
        return 0;
    }
    if (h->open && h->grid != h->pt->grid)
        grid_close(wr, h);
    if (!h->open)
        grid_open(wr, h, h->pt->grid);
    return 1;
}

static void row_begin(jx_writer *wr, hpart *h)
{
    jx_out_str(wr, "<tr>");
    if (h && h->open)
        jx_grid_row(&h->cur);
}

static void row_end(jx_writer *wr, hpart *h)
{
    jx_out_str(wr, "</tr>\n");
    if (h && h->open)
        jx_grid_row_end(&h->cur);
}

/* Places cell c (cols × rows) on the grid, when one is open. */
static void grid_mark(hpart *h, const jx_html_cell *c)
{
    if (h && h->open)
        jx_grid_place(&h->cur, c->colspan ? c->colspan : 1, c->rowspan ? c->rowspan : 1);
}

/* One cell c of a grid row: placed (cols × rows) and written. */
static void grid_put(jx_writer *wr, hpart *h, const jx_html_cell *c, const char *text)
{
    grid_mark(h, c);
    jx_html_cell_text(wr, c, text);
}

/* True when the cell's text reads from the left. */
static int reads_left(const jx_cell *c)
{
    return c->align == JX_ALIGN_LEFT || (c->align == JX_ALIGN_AUTO && c->kind == JX_CELL_TEXT);
}

/* A table cell: nothing for a covered or joined one. A label is a <th> (a group's over its
 * rows, scope rowgroup); on the printed form every label is centred, elsewhere one that
 * reads from the left says so. A blank cell is a plain empty <td>. */
static void table_cell(jx_writer *wr, hpart *h, const jx_cell *c, int grid)
{
    size_t cols = jx_grid_cols(c, JX_GRID_PAGE);
    if (c->covered || cols == 0)
        return;
    jx_html_cell hc = {NULL, NULL, c->rows > 1 ? c->rows : 0, (uint32_t)cols};
    if (c->blank) {
        grid_put(wr, h, &hc, "");
        return;
    }
    if (c->kind == JX_CELL_LABEL) {
        hc.scope = c->look == JX_LOOK_GROUP ? "rowgroup" : "row";
        hc.cls = c->look == JX_LOOK_GROUP ? "g" : c->look == JX_LOOK_STRONG ? "k" : !grid && reads_left(c) ? "l" : NULL;
    } else {
        hc.cls = c->look == JX_LOOK_STRONG ? "k" : c->look == JX_LOOK_MARKED ? "x" : reads_left(c) ? "l" : NULL;
    }
    grid_put(wr, h, &hc, c->s);
}

/* ------------------------------------------------------------------ fields */

/* The fields on the grid (those the page shows): the heading in the first columns over the
 * leading above fields' two rows (or the first row); a run of above fields as a row of
 * heads and a row of values; beside fields filling a row each, label then value. The
 * printed form keeps every field. */
static void grid_fields(jx_writer *wr, hpart *h, const jx_fields *f)
{
    const jx_fields_grid *g = f->grid;
    size_t n;
    const jx_field *fv = jx_grid_fields(f, &n);
    size_t hc = f->heading[0] ? g->heading_cols[JX_GRID_PAGE] : 0;
    grid_body(wr, h);
    size_t i = jx_grid_field_next(g, 0, n, JX_GRID_PAGE);
    while (i < n) {
        size_t end = i; /* past the run of above fields from i */
        while (end < n && g->v[end].above)
            end = jx_grid_field_next(g, end + 1, n, JX_GRID_PAGE);
        row_begin(wr, h);
        if (hc) {
            jx_html_cell c = {"rowgroup", NULL, end > i ? 2 : 0, (uint32_t)hc};
            grid_put(wr, h, &c, f->heading);
            hc = 0;
        }
        if (end > i) {
            for (size_t k = i; k < end; k = jx_grid_field_next(g, k + 1, n, JX_GRID_PAGE)) {
                jx_html_cell c = {"col", "k", 0, g->v[k].label_cols[JX_GRID_PAGE]};
                grid_put(wr, h, &c, fv[k].label);
            }
            row_end(wr, h);
            row_begin(wr, h);
            for (size_t k = i; k < end; k = jx_grid_field_next(g, k + 1, n, JX_GRID_PAGE)) {
                jx_html_cell c = {NULL, "l", 0, g->v[k].value_cols[JX_GRID_PAGE]};
                grid_put(wr, h, &c, fv[k].value);
            }
            i = end;
        } else {
            do {
                jx_html_cell l = {"row", NULL, 0, g->v[i].label_cols[JX_GRID_PAGE]};
                jx_html_cell v = {NULL, "l", 0, g->v[i].value_cols[JX_GRID_PAGE]};
                grid_put(wr, h, &l, fv[i].label);
                grid_put(wr, h, &v, fv[i].value);
                i = jx_grid_field_next(g, i + 1, n, JX_GRID_PAGE);
            } while (i < n && !g->v[i].above && h->cur.at < h->cur.ncols);
        }
        row_end(wr, h);
    }
}

/* A section's heading over a block of its own. */
static void heading(jx_writer *wr, const char *s)
{
    if (!s[0])
        return;
    jx_out_str(wr, "<h2>");
    jx_html_str(wr, s);
    jx_out_str(wr, "</h2>\n");
}

/* The fields as a table of their own: a label and a value a row, the empty optional ones
 * (and an optional block all empty) left out. */
static void own_fields(jx_writer *wr, const jx_fields *f)
{
    if (jx_fields_skipped(f))
        return;
    heading(wr, f->heading);
    jx_out_str(wr, "<table>\n<tbody>\n");
    static const jx_html_cell label = {"row", NULL, 0, 0}, value = {NULL, "l", 0, 0};
    for (size_t i = 0; i < f->n; i++) {
        if (f->v[i].optional && !f->v[i].value[0])
            continue;
        jx_out_str(wr, "<tr>");
        jx_html_cell_text(wr, &label, f->v[i].label);
        jx_html_cell_text(wr, &value, f->v[i].value);
        jx_out_str(wr, "</tr>\n");
    }
    jx_out_str(wr, "</tbody>\n</table>\n");
}

/* The fields on the part's grid, or on a grid of their own (a table of theirs, ahead of the
 * part's), or as a table of their own. */
static void html_fields(jx_writer *wr, const jx_fields *f)
{
    jx_held *rs = jx_held_of(wr);
    if (rs) {
        report_fields(wr, rs, f);
        return;
    }
    hpart *h = part_of(wr);
    const jx_grid *own = f->grid ? f->grid->own : NULL;
    if (h && own && own->ncols[JX_GRID_PAGE]) {
        grid_close(wr, h);
        grid_open(wr, h, own);
        grid_fields(wr, h, f);
        grid_close(wr, h);
    } else if (on_grid(wr, h, f->grid != NULL)) {
        grid_fields(wr, h, f);
    } else {
        own_fields(wr, f);
    }
}

/* ------------------------------------------------------------------ tables */

/* The head rows: the heads (the grid's head cells when given, else a column each in one
 * row), after the section's label spanning the rows down to the table's closing rows on a
 * grid. A head over heads in a row below it is a column group's (自评 over 完成值, 得分). */
static void head_row(jx_writer *wr, hpart *h, const jx_table_spec *t, int grid)
{
    const jx_cell *cells = t->grid_head[JX_GRID_PAGE];
    size_t nr = cells && t->head_rows[JX_GRID_PAGE] > 1 ? t->head_rows[JX_GRID_PAGE] : 1;
    for (size_t r = 0; r < nr; r++, cells = cells ? cells + t->ncols : NULL) {
        row_begin(wr, h);
        if (r == 0 && grid && t->grid_heading[JX_GRID_PAGE] && t->heading_cols[JX_GRID_PAGE]) {
            assert(t->nrows >= t->nfoot);
            jx_html_cell c = {"rowgroup", NULL, (uint32_t)(nr + t->nrows - t->nfoot), t->heading_cols[JX_GRID_PAGE]};
            grid_put(wr, h, &c, t->grid_heading[JX_GRID_PAGE]);
        }
        for (size_t i = 0; i < t->ncols; i++) {
            jx_html_cell c = {"col", NULL, 0, 0};
            const char *s = t->head[i];
            if (cells) {
                size_t cols = jx_grid_cols(&cells[i], JX_GRID_PAGE);
                if (cells[i].covered || cols == 0)
                    continue;
                uint32_t rows = cells[i].rows > 1 ? cells[i].rows : 1;
                assert(r + rows <= nr);
                c.scope = cols > 1 && r + rows < nr ? "colgroup" : "col";
                c.rowspan = rows > 1 ? rows : 0;
                c.colspan = (uint32_t)cols;
                c.cls = cells[i].look == JX_LOOK_STRONG ? "k" : NULL;
                s = cells[i].s;
            }
            grid_put(wr, h, &c, s);
        }
        row_end(wr, h);
    }
}

/* A table: on the grid its head rows, as the grid's <thead> when the table opens the grid;
 * else a table of its own under its heading. */
static void html_table_begin(jx_writer *wr, const jx_table_spec *t)
{
    assert(t->ncols <= JX_DOC_MAXCOLS);
    hpart *h = part_of(wr);
    int opens = h && h->pt->grid && !(h->open && h->grid == h->pt->grid);
    int grid = on_grid(wr, h, 1);
    if (h) {
        h->spec = t;
        h->table_on_grid = grid;
        h->rows = 0;
    }
    if (!grid) {
        heading(wr, t->heading);
        jx_out_str(wr, "<table>\n<thead>");
    } else if (opens) {
        jx_out_str(wr, "<thead>\n");
    } else {
        grid_body(wr, h);
    }
    head_row(wr, h, t, grid);
    if (!grid) {
        jx_out_str(wr, "</thead>\n<tbody>\n");
    } else if (opens) {
        jx_out_str(wr, "</thead>\n");
        grid_body(wr, h);
    }
}

static void html_row(jx_writer *wr, const jx_cell *cells)
{
    jx_held *rs = jx_held_of(wr);
    if (rs) {
        report_table_row(wr, rs, cells);
        return;
    }
    hpart *h = part_of(wr);
    if (!h || !h->spec)
        return;
    row_begin(wr, h);
    for (size_t c = 0; c < h->spec->ncols; c++)
        table_cell(wr, h, &cells[c], h->table_on_grid);
    row_end(wr, h);
    h->rows++;
}

static void html_table_end(jx_writer *wr)
{
    jx_held *rs = jx_held_of(wr);
    if (rs) {
        report_table_end(wr, rs);
        return;
    }
    hpart *h = part_of(wr);
    if (!h || !h->spec)
        return;
    assert(h->spec->nrows == 0 || h->rows == h->spec->nrows);
    if (!h->table_on_grid)
        jx_out_str(wr, "</tbody>\n</table>\n");
    h->spec = NULL;
}

/* ------------------------------------------------------------------ conclusion */

/* A verdict's grade cell c: the grade, and what backs it after the grade set off in bold
 * ("<b>良</b>（总分 82.50，偏差 -17.50）"). */
static void grade_cell(jx_writer *wr, hpart *h, const jx_html_cell *c, const jx_verdict *v)
{
    if (!v->detail[0]) {
        grid_put(wr, h, c, v->grade);
        return;
    }
    grid_mark(h, c);
    jx_html_cell_open(wr, c);
    jx_out_str(wr, "<b>");
    jx_html_str(wr, v->grade);
    jx_out_str(wr, "</b>");
    jx_html_str(wr, v->detail);
    jx_html_cell_close(wr, c);
}

/* 满分 and the verdicts as rows: the label set off, the value from the left over the rest;
 * the grade large, the bands beside the last (when the row has room for them). On the grid
 * the columns are the builder's (the page says a verdict's detail in its grade's cell);
 * else a label, a grade and a note column. */
static void html_conclusion(jx_writer *wr, const jx_conclusion *c)
{
    hpart *h = part_of(wr);
    int grid = on_grid(wr, h, 1);
    size_t width = grid ? h->cur.ncols : 3;
    size_t lc = grid && c->label_cols[JX_GRID_PAGE] ? c->label_cols[JX_GRID_PAGE] : 1;
    size_t gc = grid && c->grade_cols[JX_GRID_PAGE] ? c->grade_cols[JX_GRID_PAGE] : 1;
    assert(lc + gc < width || (lc + gc == width && !c->note[0]));
    if (!grid)
        jx_out_str(wr, "<table class=\"form\">\n<tbody>\n");
    else
        grid_body(wr, h);
    const jx_html_cell label = {"row", "k", 0, (uint32_t)lc};
    if (c->full_label[0]) {
        row_begin(wr, h);
        jx_html_cell value = {NULL, "l", 0, (uint32_t)(width - lc)};
        grid_put(wr, h, &label, c->full_label);
        grid_put(wr, h, &value, c->full_value);
        row_end(wr, h);
    }
    for (size_t i = 0; i < c->n; i++) {
        int last = i + 1 == c->n;
        row_begin(wr, h);
        grid_put(wr, h, &label, c->v[i].label);
        jx_html_cell grade = {NULL, "grade", 0, (uint32_t)(last ? gc : width - lc)};
        grade_cell(wr, h, &grade, &c->v[i]);
        if (last && lc + gc < width) {
            jx_html_cell note = {NULL, "note", 0, (uint32_t)(width - lc - gc)};
            grid_put(wr, h, &note, c->note);
        }
        row_end(wr, h);
    }
    if (!grid)
        jx_out_str(wr, "</tbody>\n</table>\n");
}

/* ------------------------------------------------------------------ steps, findings */

/* The steps as a table under their heading: what (a label read from the left), how, and
 * the tag, under the heads when given. */
static void html_steps(jx_writer *wr, const jx_steps *s)
{
    grid_close(wr, part_of(wr));
    heading(wr, s->heading);
    jx_out_str(wr, "<table class=\"explain\">\n<colgroup><col style=\"width: 22%\">"
                   "<col style=\"width: 58%\"><col style=\"width: 20%\"></colgroup>\n");
    if (s->head) {
        jx_out_str(wr, "<thead>");
        jx_html_head_row(wr, s->head, 3);
        jx_out_str(wr, "</thead>\n");
    }
    jx_out_str(wr, "<tbody>\n");
    static const jx_html_cell name = {"row", "l", 0, 0}, left = {NULL, "l", 0, 0};
    for (size_t i = 0; i < s->n; i++) {
        jx_out_str(wr, "<tr>");
        jx_html_cell_text(wr, &name, s->v[i].label);
        jx_html_cell_text(wr, &left, s->v[i].text);
        jx_html_cell_text(wr, &left, s->v[i].tag);
        jx_out_str(wr, "</tr>\n");
    }
    jx_out_str(wr, "</tbody>\n</table>\n");
}

/* The foot under the form's grid: its lines side by side across the page, each label
 * followed by its blank on a ruled line to write on. */
static void html_foot(jx_writer *wr, const jx_foot *f)
{
    grid_close(wr, part_of(wr));
    jx_out_str(wr, "<p class=\"foot\">");
    for (size_t i = 0; i < f->n; i++) {
        jx_out_str(wr, "<span>");
        jx_html_str(wr, f->v[i].label);
        jx_out_str(wr, "：<span class=\"blank\">");
        jx_html_str(wr, f->v[i].fill);
        jx_out_str(wr, "</span></span>");
    }
    jx_out_str(wr, "</p>\n");
}

/* The notes under the part's table, a paragraph each. */
static void html_notes(jx_writer *wr, const jx_notes *n)
{
    grid_close(wr, part_of(wr));
    for (size_t i = 0; i < n->n; i++) {
        jx_out_str(wr, "<p class=\"note\">");
        jx_html_str(wr, n->v[i]);
        jx_out_str(wr, "</p>\n");
    }
}

/* The findings as a printed appendix, those in the part's own file by line:col. */
static void html_findings(jx_writer *wr, const jx_diag *v, size_t n)
{
    hpart *h = part_of(wr);
    grid_close(wr, h);
    char title[64];
    snprintf(title, sizeof title, "附：检查发现（%zu）", n);
    jx_html_diag_table(wr, title, h ? h->pt->file : NULL, v, n);
}

/* ------------------------------------------------------------------ parts */

/* Begins the page, with the stylesheet of the document's style. */
static void html_doc_begin(jx_writer *wr, const jx_doc_head *hd)
{
    assert(hd->style < sizeof style_css / sizeof *style_css);
    jx_html_begin(wr, hd->title, style_css[hd->style]);
}

/* A sheet: its title and the caption under it. */
static void html_part_begin(jx_writer *wr, const jx_part *pt)
{
    hpart *h = jx_arena_alloc(&wr->scratch, sizeof *h);
    wr->render_state = h;
    if (h) {
        memset(h, 0, sizeof *h);
        h->pt = pt;
    } else {
        jx_scratch_fail(wr);
    }
    jx_out_str(wr, "<section class=\"sheet\">\n<h1>");
    jx_html_str(wr, pt->title);
    jx_out_str(wr, "</h1>\n");
    if (pt->caption[0]) {
        jx_out_str(wr, "<p class=\"year\">");
        jx_html_str(wr, pt->caption);
        jx_out_str(wr, "</p>\n");
    }
}

static void html_part_end(jx_writer *wr)
{
    jx_held *rs = jx_held_of(wr);
    if (rs) {
        jx_held_part_end(wr);
        return;
    }
    grid_close(wr, part_of(wr));
    jx_out_str(wr, "</section>\n");
    wr->render_state = NULL;
}

/* Closes the page; a document without parts says so on its one sheet. */
static void html_doc_end(jx_writer *wr, const jx_doc_head *hd, size_t nparts)
{
    jx_held *rs = jx_held_of(wr);
    if (rs) {
        report_doc_end(wr, rs);
        return;
    }
    if (nparts == 0) {
        jx_out_str(wr, "<section class=\"sheet\">\n<h1>");
        jx_html_str(wr, hd->title);
        jx_out_str(wr, "</h1>\n<p class=\"empty\">");
        jx_html_str(wr, hd->empty);
        jx_out_str(wr, "</p>\n</section>\n");
    }
    jx_html_end(wr);
}

/* ------------------------------------------------------------------ a report
 * A report (the audit, build_audit.c) is A4 sheets too: the first holds its head (the
 * title, the caption and the note on one line) and the sections before the overview, each
 * under its title (汇总); the overview starts the next sheet, and the sections after it
 * follow it (抽查). Of each entry only its row of the overview and its findings are drawn,
 * and they are held in spools (report.h) until the overview closes: its table, then every
 * entry's findings as one table, a group of rows an entry, the entry named once over its
 * rows and the positions in its file without the file; then the entries' own sheets
 * (JX_TABLE_SHEET, the vet's 审核表), held too, each on a sheet of its own. A report's table is a ruled table of
 * its own, of its grid's class and columns (jx_report_table.grid), its head of one row or
 * two, opened by its first row (a table without rows is its heading and lead alone); a
 * cell heading its row is a <th>, a marked one set off (td.x, a flagged one with its
 * table's flag), a cell joined to it drawn in the cell before it, under its text; a chart
 * follows its table. The workbook's own tables are not drawn. */

/* <p class="cls">a, sep and b</p> (either alone when the other is ""); nothing when both are "". */
static void paragraph(jx_writer *wr, const char *cls, const char *a, const char *sep, const char *b)
{
    if (!a[0] && !b[0])
        return;
    jx_out_str(wr, "<p class=\"");
    jx_out_str(wr, cls);
    jx_out_str(wr, "\">");
    jx_html_str(wr, a);
    if (a[0] && b[0])
        jx_out_str(wr, sep);
    jx_html_str(wr, b);
    jx_out_str(wr, "</p>\n");
}

/* Opens a table of its own on grid g: of g's class, its columns g's (NULL: a plain table). */
static void own_table_open(jx_writer *wr, const jx_grid *g)
{
    jx_out_str(wr, "<table");
    if (g && g->name) {
        jx_out_str(wr, " class=\"");
        jx_html_str(wr, g->name);
        jx_out_char(wr, '"');
    }
    jx_out_str(wr, ">\n");
    if (g && g->page_share)
        col_widths(wr, g);
}

/* The head of a report's table: its head rows (head_row) as its <thead>. */
static void report_head(jx_writer *wr, const jx_table_spec *t)
{
    int two = t->grid_head[JX_GRID_PAGE] && t->head_rows[JX_GRID_PAGE] > 1;
    jx_out_str(wr, two ? "<thead>\n" : "<thead>");
    head_row(wr, NULL, t, 0);
    jx_out_str(wr, "</thead>\n");
}

/* Opens a report's table: of its grid, its head unless it is labelled values, its body. */
static void report_table_open(jx_writer *wr, const jx_report_table *rt)
{
    own_table_open(wr, rt->grid);
    if (rt->spec.role != JX_TABLE_PAIRS)
        report_head(wr, &rt->spec);
    jx_out_str(wr, "<tbody>\n");
}

/* The class of a report's cell on the page: a marked one set off, else its alignment's. */
static const char *report_cell_class(const jx_cell *c)
{
    if (c->look == JX_LOOK_MARKED || c->look == JX_LOOK_FLAGGED)
        return "x";
    switch (c->align) {
    case JX_ALIGN_LEFT: return "l";
    case JX_ALIGN_CENTER: return "n";
    case JX_ALIGN_RIGHT: return "r";
    default: return NULL;
    }
}

/* A row of report table rt into `to`: each cell not covered nor joined, the one heading the
 * row a <th>; a flagged cell's flag and the text of the cells joined to a cell under its
 * own, each set off. */
static void report_row(jx_writer *to, const jx_report_table *rt, const jx_cell *cells)
{
    size_t n = rt->spec.ncols;
    jx_out_str(to, "<tr>");
    for (size_t c = 0; c < n; c++) {
        const jx_cell *cell = &cells[c];
        size_t cols = jx_grid_cols(cell, JX_GRID_PAGE);
        if (cell->covered || cols == 0)
            continue;
        const jx_html_cell hc = {rt->row_head == c + 1 ? "row" : NULL, report_cell_class(cell),
                                 cell->rows > 1 ? cell->rows : 0, cols > 1 ? (uint32_t)cols : 0};
        jx_html_cell_open(to, &hc);
        jx_html_str(to, cell->s);
        if (cell->look == JX_LOOK_FLAGGED && rt->flag) {
            jx_out_str(to, "<span class=\"flag\">");
            jx_html_str(to, rt->flag);
            jx_out_str(to, "</span>");
        }
        for (size_t k = c + 1; k < n && !cells[k].covered && jx_grid_cols(&cells[k], JX_GRID_PAGE) == 0; k++) {
            if (!cells[k].s[0])
                continue;
            jx_out_str(to, "<span class=\"sub\">");
            jx_html_str(to, cells[k].s);
            jx_out_str(to, "</span>");
        }
        jx_html_cell_close(to, &hc);
    }
    jx_out_str(to, "</tr>\n");
}

/* The note under a report's table: the one saying what its marks mean, where it has one. */
static const char *report_note(const jx_report_table *rt)
{
    return rt->marked_note ? rt->marked_note : rt->note;
}

/* A report: its state, the page with the report's stylesheet, its first sheet with the title
 * and the caption and note under it, their phrases on one line. */
static void html_report_begin(jx_writer *wr, const jx_report_head *h)
{
    jx_held_begin(wr);
    html_doc_begin(wr, &h->doc);
    jx_out_str(wr, "<section class=\"sheet\">\n<h1>");
    jx_html_str(wr, h->doc.title);
    jx_out_str(wr, "</h1>\n<p class=\"meta\">");
    for (size_t i = 0; i < h->nmeta; i++) {
        if (i)
            jx_out_str(wr, "　");
        jx_html_str(wr, h->meta[i]);
    }
    jx_out_str(wr, "</p>\n");
}

/* A section: its title, then what it is and what it came to ("抽取 20%…：抽中 2 个项目");
 * an entry: nothing, its row and findings are held. */
static void html_report_part_begin(jx_writer *wr, const jx_report_part *p)
{
    jx_held *st = jx_held_of(wr);
    if (st)
        st->in_entry = p->role == JX_PART_ENTRY;
    if (p->role == JX_PART_ENTRY)
        return;
    heading(wr, p->part.title);
    paragraph(wr, "line", p->part.caption, "：", p->result);
}

/* A report's table: a row of the overview held; a section's table under its heading and its
 * lead, opened by its first row; nothing else of an entry, nor the workbook's own. */
static void html_report_table_begin(jx_writer *wr, const jx_report_table *rt)
{
    assert(rt->spec.ncols <= JX_DOC_MAXCOLS);
    jx_held *st = jx_held_of(wr);
    if (!st)
        return; /* the writer failed making the report's state */
    st->table = NULL;
    st->table_rows = 0;
    if (rt->view == JX_VIEW_BOOK)
        return;
    if (rt->spec.role == JX_TABLE_OVERVIEW) {
        st->table = st->rows.w ? rt : NULL; /* no spool: the writer failed making it */
        st->to = st->rows.w;
        return;
    }
    if (rt->spec.role == JX_TABLE_SHEET) { /* an entry's sheet: held, a page of its own */
        jx_writer *to = st->sheets.w;
        if (!to)
            return;
        jx_out_str(to, "</section>\n<section class=\"sheet\">\n");
        heading(to, rt->spec.heading);
        paragraph(to, "line", rt->lead, "", "");
        st->table = rt;
        st->to = to;
        return;
    }
    if (st->in_entry)
        return;
    heading(wr, rt->spec.heading);
    paragraph(wr, "line", rt->lead, "", "");
    st->table = rt;
    st->to = wr;
}

/* True when st's table is drawn whole where its rows go (not rows held for the overview). */
static int table_whole(const jx_writer *wr, const jx_held *st)
{
    return st->to == wr || st->table->spec.role == JX_TABLE_SHEET;
}

/* A row of a report's table; the first of a table drawn in place opens it. */
static void report_table_row(jx_writer *wr, jx_held *st, const jx_cell *cells)
{
    if (!st->table)
        return;
    if (st->table_rows == 0 && table_whole(wr, st))
        report_table_open(st->to, st->table);
    st->table_rows++;
    report_row(st->to, st->table, cells);
}

/* A report's table drawn in place ends, when it has rows, with the note under it. */
static void report_table_end(jx_writer *wr, jx_held *st)
{
    if (st->table && table_whole(wr, st) && st->table_rows > 0) {
        jx_out_str(st->to, "</tbody>\n</table>\n");
        paragraph(st->to, "note", report_note(st->table), "", "");
    }
    st->table = NULL;
}

/* An entry's findings, held until the overview closes: a group of rows, the first naming the
 * entry (and the file its positions are in) over them all; each finding numbered on from
 * the entries before, an error set off. */
static void html_finding_list(jx_writer *wr, const jx_finding_list *l)
{
    jx_held *st = jx_held_of(wr);
    jx_writer *to = st && st->in_entry ? st->findings.w : NULL;
    if (!to || l->n == 0)
        return;
    jx_out_str(to, "<tbody>\n");
    for (size_t i = 0; i < l->n; i++) {
        const jx_finding *f = &l->v[i];
        jx_out_str(to, "<tr>");
        if (i == 0) {
            const jx_html_cell entry = {"rowgroup", "p", l->n > 1 ? (uint32_t)l->n : 0, 0};
            jx_html_cell_open(to, &entry);
            jx_html_str(to, l->name);
            jx_out_str(to, "<span class=\"sub\">");
            jx_html_str(to, l->file);
            jx_out_str(to, "</span>");
            jx_html_cell_close(to, &entry);
        }
        jx_out_str(to, "<td class=\"n\">");
        jx_out_uint(to, ++st->count);
        jx_out_str(to, "</td>");
        const jx_html_cell level = {NULL, f->severity == JX_SEV_ERROR ? "n e" : "n", 0, 0}, plain = {NULL, NULL, 0, 0};
        jx_html_cell_text(to, &level, f->level);
        jx_html_cell_text(to, &plain, f->code);
        jx_html_cell_text(to, &plain, f->at);
        jx_html_cell_text(to, &plain, f->message);
        jx_out_str(to, "</tr>\n");
    }
    jx_out_str(to, "</tbody>\n");
}

/* The close of the overview, on a sheet of its own: its heading, the held rows in its table
 * and the note, or what is said without entries; then the heading of the findings and the
 * held groups of rows in one table, or what is said without findings. */
static void html_overview(jx_writer *wr, const jx_overview *o)
{
    jx_held *st = jx_held_of(wr);
    if (!st)
        return;
    const jx_report_table *rt = o->table;
    jx_out_str(wr, "</section>\n<section class=\"sheet\">\n");
    heading(wr, rt->spec.heading);
    if (o->nrows == 0) {
        paragraph(wr, "empty", o->empty, "", "");
    } else {
        report_table_open(wr, rt);
        jx_spool_copy(&st->rows, wr);
        jx_out_str(wr, "</tbody>\n</table>\n");
        paragraph(wr, "note", report_note(rt), "", "");
    }
    heading(wr, o->findings);
    if (o->nfindings == 0) {
        paragraph(wr, "empty", o->findings_empty, "", "");
    } else {
        own_table_open(wr, o->findings_grid);
        jx_out_str(wr, "<thead>");
        jx_html_head_row(wr, o->findings_head, o->findings_grid->ncols[JX_GRID_PAGE]);
        jx_out_str(wr, "</thead>\n");
        jx_spool_copy(&st->findings, wr);
        jx_out_str(wr, "</table>\n");
        paragraph(wr, "note", o->findings_note, "", "");
    }
    jx_spool_copy(&st->sheets, wr); /* each opens a page of its own */
}

/* The fills of a chart's series, in order: greys that print, told apart by their shade. */
static const char *const chart_fills[JX_SVG_MAX_SERIES] = {"#d4d4d4", "#404040", "#8c8c8c", "#f0f0f0"};

/* A chart as grouped bars (svg_chart.c), after the table whose numbers it draws. */
static void html_chart(jx_writer *wr, const jx_chart *c)
{
    jx_held *st = jx_held_of(wr);
    if (st && st->in_entry)
        return;
    jx_svg_series series[JX_SVG_MAX_SERIES];
    size_t n = c->nseries < JX_SVG_MAX_SERIES ? c->nseries : JX_SVG_MAX_SERIES;
    for (size_t i = 0; i < n; i++)
        series[i] = (jx_svg_series){.name = c->series[i].name, .fill = chart_fills[i], .values = c->series[i].values};
    const jx_svg_bars bars = {
        .title = c->title,
        .x_label = c->x_label,
        .y_label = c->y_label,
        .unit = c->unit,
        .categories = c->categories,
        .ncategories = c->ncategories,
        .series = series,
        .nseries = n,
    };
    jx_svg_bar_chart(wr, &bars);
}

/* A report's fields: an entry's detail is not drawn; a section's as a table of their own. */
static void report_fields(jx_writer *wr, jx_held *st, const jx_fields *f)
{
    if (!st->in_entry)
        own_fields(wr, f);
}

/* The end of the last sheet and of the page; the report lets go of what it held. */
static void report_doc_end(jx_writer *wr, jx_held *st)
{
    (void)st;
    jx_out_str(wr, "</section>\n");
    jx_html_end(wr);
    jx_writer_state_drop(wr);
}

const jx_renderer jx_render_html = {
    .name = "html",
    .apart = "", /* each part a <section> of its own */
    .doc_begin = html_doc_begin,
    .part_begin = html_part_begin,
    .fields = html_fields,
    .table_begin = html_table_begin,
    .row = html_row,
    .table_end = html_table_end,
    .conclusion = html_conclusion,
    .steps = html_steps,
    .findings = html_findings,
    .part_end = html_part_end,
    .doc_end = html_doc_end,
    .notes = html_notes,
    /* the audit report */
    .report_begin = html_report_begin,
    .report_part_begin = html_report_part_begin,
    .report_table_begin = html_report_table_begin,
    .finding_list = html_finding_list,
    .overview = html_overview,
    .chart = html_chart,
    /* the 自评表 */
    .foot = html_foot,
};

/* ================================================================ HTML text and cells
   escaped text, cells, the document shell and the findings table of the HTML reports. */

void jx_html_text(jx_writer *wr, const char *s, size_t n)
{
    jx_out_escaped(wr, &jx_text_html_escaper, s, n);
}

void jx_html_str(jx_writer *wr, const char *s)
{
    jx_html_text(wr, s, strlen(s));
}

/* Appends ` name="v"` for v > 1. */
static void span_attr(jx_writer *wr, const char *name, uint32_t v)
{
    if (v <= 1)
        return;
    jx_out_char(wr, ' ');
    jx_out_str(wr, name);
    jx_out_str(wr, "=\"");
    jx_out_uint(wr, v);
    jx_out_char(wr, '"');
}

void jx_html_cell_open(jx_writer *wr, const jx_html_cell *c)
{
    jx_out_str(wr, c->scope ? "<th" : "<td");
    if (c->scope) {
        jx_out_str(wr, " scope=\"");
        jx_out_str(wr, c->scope);
        jx_out_char(wr, '"');
    }
    span_attr(wr, "rowspan", c->rowspan);
    span_attr(wr, "colspan", c->colspan);
    if (c->cls) {
        jx_out_str(wr, " class=\"");
        jx_html_str(wr, c->cls);
        jx_out_char(wr, '"');
    }
    jx_out_char(wr, '>');
}

void jx_html_cell_close(jx_writer *wr, const jx_html_cell *c)
{
    jx_out_str(wr, c->scope ? "</th>" : "</td>");
}

void jx_html_cell_text(jx_writer *wr, const jx_html_cell *c, const char *text)
{
    jx_html_cell_open(wr, c);
    jx_html_str(wr, text);
    jx_html_cell_close(wr, c);
}

void jx_html_head_row(jx_writer *wr, const char *const *heads, size_t n)
{
    static const jx_html_cell col = {"col", NULL, 0, 0};
    jx_out_str(wr, "<tr>");
    for (size_t i = 0; i < n; i++)
        jx_html_cell_text(wr, &col, heads[i]);
    jx_out_str(wr, "</tr>\n");
}

/* The style every HTML report shares: A4 pages, the fonts, ruled tables, and on
 * screen each sheet drawn as a page. */
static const char base_css[] =
    "@page { size: A4; margin: 12mm 12mm; }\n"
    "* { box-sizing: border-box; }\n"
    "html { font-family: \"SimSun\", \"宋体\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\",\n"
    "  \"Noto Sans CJK SC\", \"WenQuanYi Micro Hei\", \"Microsoft YaHei\", serif;\n"
    "  font-size: 10pt; line-height: 1.3; color: #000; }\n"
    "body { margin: 0; background: #e8e8e8; }\n"
    ".sheet { background: #fff; width: 210mm; min-height: 297mm; margin: 6mm auto; padding: 12mm 12mm;\n"
    "  box-shadow: 0 0 2mm rgba(0, 0, 0, 0.3); }\n"
    ".sheet + .sheet { break-before: page; page-break-before: always; }\n"
    "h1 { font-size: 15pt; font-weight: bold; text-align: center; letter-spacing: 0.08em; margin: 0; }\n"
    "h2 { font-size: 10pt; font-weight: bold; margin: 3mm 0 1mm;\n"
    "  break-after: avoid; page-break-after: avoid; }\n"
    "table { width: 100%; border-collapse: collapse; table-layout: fixed; }\n"
    "th, td { border: 0.75pt solid #000; padding: 0.5mm 0.8mm; text-align: center; vertical-align: middle;\n"
    "  white-space: pre-line; overflow-wrap: anywhere; }\n"
    "th { font-weight: normal; }\n"
    "tr { break-inside: avoid; page-break-inside: avoid; }\n"
    "td.l, th.l { text-align: left; }\n"
    "p.file { font-size: 8.5pt; margin: 0 0 1mm; overflow-wrap: anywhere; break-after: avoid; }\n"
    "table.findings { font-size: 8.5pt; line-height: 1.25; }\n"
    "table.findings th { font-weight: bold; }\n"
    "table.findings td { text-align: left; vertical-align: top; }\n"
    "table.findings td.n { text-align: center; }\n"
    "@media print {\n"
    "  body { background: none; }\n"
    "  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }\n"
    "}\n";

void jx_html_begin(jx_writer *wr, const char *title, const char *css)
{
    jx_out_str(wr, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"generator\" content=\"jixiao " JX_VERSION "\">\n<title>");
    jx_html_str(wr, title);
    jx_out_str(wr, "</title>\n<style>\n");
    jx_out_str(wr, base_css);
    if (css)
        jx_out_str(wr, css);
    jx_out_str(wr, "</style>\n</head>\n<body>\n");
}

void jx_html_end(jx_writer *wr)
{
    jx_out_str(wr, "</body>\n</html>\n");
}

/* The columns of the findings table and their widths. */
static const char *const diag_head[] = {"序号", "级别", "代码", "位置", "说明"};
static const char diag_cols[] =
    "<colgroup><col style=\"width: 5%\"><col style=\"width: 6%\"><col style=\"width: 17%\">"
    "<col style=\"width: 10%\"><col style=\"width: 62%\"></colgroup>\n";

void jx_html_diag_table(jx_writer *wr, const char *title, const char *file, const jx_diag *d, size_t n)
{
    if (n == 0)
        return;
    jx_out_str(wr, "<h2>");
    jx_html_str(wr, title);
    jx_out_str(wr, "</h2>\n");
    if (file) {
        jx_out_str(wr, "<p class=\"file\">文件：");
        jx_html_str(wr, file);
        jx_out_str(wr, "</p>\n");
    }
    jx_out_str(wr, "<table class=\"findings\">\n");
    jx_out_str(wr, diag_cols);
    jx_out_str(wr, "<thead>");
    jx_html_head_row(wr, diag_head, sizeof diag_head / sizeof *diag_head);
    jx_out_str(wr, "</thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        jx_out_str(wr, "<tr><td class=\"n\">");
        jx_out_uint(wr, i + 1);
        jx_out_str(wr, "</td><td class=\"n\">");
        jx_html_str(wr, jx_severity_name(d[i].severity));
        jx_out_str(wr, "</td><td>");
        jx_html_str(wr, d[i].code);
        jx_out_str(wr, "</td><td>");
        int same_file = file && strcmp(d[i].file, file) == 0;
        if (!same_file)
            jx_html_str(wr, d[i].file);
        if (d[i].line) {
            if (!same_file)
                jx_out_char(wr, ':');
            jx_out_uint(wr, d[i].line);
            jx_out_char(wr, ':');
            jx_out_uint(wr, d[i].column);
        }
        jx_out_str(wr, "</td><td>");
        jx_html_str(wr, d[i].message);
        jx_out_str(wr, "</td></tr>\n");
    }
    jx_out_str(wr, "</tbody>\n</table>\n");
}
