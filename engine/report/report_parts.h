/* report_parts.h — what the reporters of the audit (report_audit_*.c), of the 复核
 * sheet and the renderers share, all writing through a jx_writer (defined in writer.c):
 * a table whose columns are aligned by display width (CJK = 2 cells), and strings made
 * in the writer's scratch arena. The JSON strings and the CSV field every document
 * writes are report.h's (write_json.c, write_csv.c).
 *
 * Running out of memory fails the writer (its first failure is kept) and yields "" or
 * NULL, so a reporter goes on without checking and its output is dropped.
 */
#ifndef JX_REPORT_PARTS_H
#define JX_REPORT_PARTS_H

#include "report.h"

#include <stddef.h>

/** Most columns a table has. */
#define JX_TABLE_MAXCOLS 16

/** A table being laid out: rows of ncols strings, kept in the writer's scratch arena. */
typedef struct jx_table {
    jx_writer *w;       /* the writer: its scratch arena holds the rows, its output gets them */
    size_t ncols;       /* columns, at most JX_TABLE_MAXCOLS */
    const char **cells; /* rows × ncols, row-major */
    size_t nrows;       /* rows filled */
    size_t cap;         /* rows allocated */
} jx_table;

/** Starts an empty table of ncols columns (at most JX_TABLE_MAXCOLS) written to w. */
void jx_table_init(jx_table *t, jx_writer *w, size_t ncols);

/** A new row of empty cells to fill in; NULL (the writer failed) when memory ran out. */
const char **jx_table_row(jx_table *t);

/**
 * Writes the rows after indent spaces, each column padded to its widest cell in display
 * cells and two cells from the next; a row's trailing empty cells are not written.
 */
void jx_table_print(const jx_table *t, size_t indent);

/** Fails w for want of memory (unless it failed before) and returns "". */
const char *jx_scratch_fail(jx_writer *w);

/** printf into w's scratch arena; "" when memory ran out. */
const char *jx_scratch_printf(jx_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** A copy of s in w's scratch arena; "" when memory ran out. */
const char *jx_scratch_str(jx_writer *w, const char *s);

#endif
