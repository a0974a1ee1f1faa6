/* report_parts.h — what the reporters of the audit (report_audit_*.c) and of the 复核
 * sheet (report_review_*.c) share, all writing through a jx_writer: a table whose
 * columns are aligned by display width (CJK = 2 cells), strings made in the writer's
 * scratch arena, and JSON strings and members.
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

/**
 * Writes s[0..n) as a JSON string, escaped as jx_text_json_escape says (\" \\ \b \f
 * \n \r \t, \u00XX for the other control characters, \ufffd for each invalid byte),
 * the rest copied as it is, in runs. Every JSON document of the library (score, audit,
 * review) writes its strings so.
 */
void jx_json_str_n(jx_writer *w, const char *s, size_t n);

/** jx_json_str_n of a NUL-terminated string; NULL is written "". */
void jx_json_str(jx_writer *w, const char *s);

/** `,"k":` — a member after the first of an object. */
void jx_json_key(jx_writer *w, const char *k);

/** A grade's name as a JSON string, or null for JX_GRADE_NONE. */
void jx_json_grade(jx_writer *w, jx_grade g);

#endif
