/* grid.h — a cursor over a part's grid (doc.h, "form grid"), for the renderers that draw a
 * form as one ruled grid (render_html.c, render_xlsx.c): where the next cell of a row goes,
 * past the columns that cells begun in rows above still take, and the check that every
 * row is filled — the layout a builder states adds up, or the renderer stops (assert).
 */
#ifndef JX_GRID_H
#define JX_GRID_H

#include "doc.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/** A grid being filled row by row. */
typedef struct jx_grid_cursor {
    size_t ncols;                   /* the grid's columns, at most JX_DOC_MAXCOLS */
    size_t at;                      /* the next free column of the row being filled; ncols when full */
    uint32_t taken[JX_DOC_MAXCOLS]; /* rows from this one on that a cell begun above still takes */
    uint32_t fresh[JX_DOC_MAXCOLS]; /* rows a cell begun in this row takes, 0 where none begun */
} jx_grid_cursor;

/* The first column from c on that no cell takes in the current row. */
static inline size_t jx_grid_next_free(const jx_grid_cursor *g, size_t c)
{
    while (c < g->ncols && (g->taken[c] > 0 || g->fresh[c] > 0))
        c++;
    return c;
}

/** Starts an empty grid of ncols columns. */
static inline void jx_grid_start(jx_grid_cursor *g, size_t ncols)
{
    assert(ncols > 0 && ncols <= JX_DOC_MAXCOLS);
    memset(g, 0, sizeof *g);
    g->ncols = ncols;
}

/** Begins a row: the cursor at its first free column. */
static inline void jx_grid_row(jx_grid_cursor *g)
{
    g->at = jx_grid_next_free(g, 0);
}

/** Columns of the current row no cell takes yet. */
static inline size_t jx_grid_left(const jx_grid_cursor *g)
{
    size_t n = 0;
    for (size_t c = 0; c < g->ncols; c++)
        n += g->taken[c] == 0 && g->fresh[c] == 0;
    return n;
}

/** Places a cell of cols columns and rows rows (each at least 1) at the cursor; returns its
 * first column. The columns must be free: the builder's layout adds up. */
static inline size_t jx_grid_place(jx_grid_cursor *g, size_t cols, uint32_t rows)
{
    size_t c0 = g->at;
    assert(cols >= 1 && rows >= 1);
    assert(c0 + cols <= g->ncols);
    for (size_t c = c0; c < c0 + cols; c++) {
        assert(g->taken[c] == 0 && g->fresh[c] == 0);
        g->fresh[c] = rows;
    }
    g->at = jx_grid_next_free(g, c0 + cols);
    return c0;
}

/** Ends the row: every column is taken (by a cell of this row or one above it). */
static inline void jx_grid_row_end(jx_grid_cursor *g)
{
    assert(g->at == g->ncols && jx_grid_left(g) == 0);
    for (size_t c = 0; c < g->ncols; c++) {
        if (g->fresh[c])
            g->taken[c] = g->fresh[c] - 1;
        else if (g->taken[c])
            g->taken[c]--;
        g->fresh[c] = 0;
    }
}

/** True when no cell begun in a row drawn reaches past it: the grid may end here. */
static inline int jx_grid_closed(const jx_grid_cursor *g)
{
    for (size_t c = 0; c < g->ncols; c++)
        if (g->taken[c])
            return 0;
    return 1;
}

/** The fields the grids show of a block laid out on them (jx_fields.grid): the grid's own list,
 * else the block's; their number in *n. */
static inline const jx_field *jx_grid_fields(const jx_fields *f, size_t *n)
{
    if (f->grid->fields) {
        *n = f->grid->n;
        return f->grid->fields;
    }
    *n = f->n;
    return f->v;
}

/** The first of the n fields from i on that grid k shows (n when none). */
static inline size_t jx_grid_field_next(const jx_fields_grid *g, size_t i, size_t n, int k)
{
    while (i < n && g->v[i].off[k])
        i++;
    return i;
}

/** A cell's columns on grid k: 0 for a cell not drawn there (joined to the one before). */
static inline size_t jx_grid_cols(const jx_cell *c, int k)
{
    uint8_t n = c->cols[k];
    return n == JX_COLS_JOINED ? 0 : n ? n : 1;
}

#endif
