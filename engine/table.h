/* SPDX-License-Identifier: MIT */
/* table.h — the one reader under every table input: a file's bytes → rows of cells.
 *
 * Every command that reads a table (import, `score --actuals`, `audit --review`) reads
 * it through here, so a file Excel or WPS saved reads the same everywhere. The kind of
 * file is found from its first bytes, never from its name:
 *
 *   text   (table_text.c)  CSV or tab-separated text in UTF-8 (BOM or not), GB18030/GBK
 *                          or UTF-16 with a BOM (import_decode.c); the separator is found
 *                          from the header row; RFC 4180 quoting, CRLF.
 *   xlsx   (table_xlsx.c)  a ZIP (libzip) of XML parts read by a streaming parser
 *                          (expat): shared and inline strings, numbers as their number
 *                          format shows them (a 0.97 formatted 0% reads "97%"), dates,
 *                          formulas' cached values, merged cells given to every cell
 *                          they cover. Memory holds the shared strings, the styles and
 *                          the merged ranges, never the rows read before.
 *   xls    (table_xls.c)   Excel 97–2003 through libfreexl: values and text, no number
 *                          formats (a percent cell reads as its fraction), merged ranges
 *                          not spread; the file is checked record by record before
 *                          freexl sees it, and formulas' cached results read alongside.
 *
 * Each kind is one row of a backend table (struct jx_table_backend in table_internal.h).
 *
 * A cell's text is what a person reads in the cell, in UTF-8: a number is written in
 * plain decimal with at most 15 significant digits as Excel shows it ("1200", "0.3",
 * "97%"), a date as "2024-03-31", a boolean as TRUE or FALSE. Text cells come as
 * written. Invariant: a row's cells are dense — cells[i] is column i + 1 — and a row
 * with no non-empty cell is never returned.
 */
#ifndef JX_TABLE_H
#define JX_TABLE_H

#include "jixiao.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** What the bytes are. */
typedef enum jx_table_kind {
    JX_TABLE_TEXT = 0, /* CSV or tab-separated text */
    JX_TABLE_XLSX,     /* Office Open XML workbook (a ZIP) */
    JX_TABLE_XLS       /* Excel 97–2003 workbook (an OLE2 compound file) */
} jx_table_kind;

/* How to read a table: jx_table_options in jixiao.h (encoding, sheet). */

/** One cell of a row. */
typedef struct jx_table_cell {
    const char *s; /* UTF-8, not NUL-terminated; valid until the next jx_table_next */
    uint32_t n;    /* bytes */
    uint32_t line; /* text: 1-based line where the cell starts; workbooks: the row */
    uint32_t col;  /* text: 1-based character column where the cell starts; workbooks: the column (A = 1) */
    uint32_t off;  /* text: byte offset of the cell in jx_table_text(); workbooks: 0 */
} jx_table_cell;

/** One row: a record of a text, a row of a sheet. */
typedef struct jx_table_row {
    uint32_t sheet;              /* 0-based sheet of the workbook (0 for text) */
    uint32_t row;                /* 1-based: the line where the record starts, or the sheet's row */
    uint32_t off;                /* text: byte offset where the record starts; workbooks: 0 */
    size_t ncells;               /* cells up to the last non-empty one */
    const jx_table_cell *cells;  /* cells[i] is column i + 1; an empty cell has n == 0 */
} jx_table_row;

/** Why a table could not be opened or read further. */
typedef struct jx_table_error {
    uint32_t line;       /* 1-based line (text) or row (sheet) it is about, 0 for the whole file */
    uint32_t col;        /* 1-based column, 0 when none */
    size_t offset;       /* byte offset in the file for bytes that do not decode, else 0 */
    const char *code;    /* the diagnostic code: "encoding" for text that does not decode, else "table" */
    char message[512];   /* one sentence of Chinese: what is wrong and what to do */
} jx_table_error;

/** Outcome of jx_table_next. */
typedef enum jx_table_status {
    JX_TABLE_ROW = 0, /* *row is filled */
    JX_TABLE_END,     /* no more rows */
    JX_TABLE_ERROR,   /* malformed input (an unclosed quote, broken XML); see jx_table_last_error */
    JX_TABLE_NOMEM    /* memory ran out */
} jx_table_status;

typedef struct jx_table jx_table;

/**
 * Opens the table in the file at path. Returns JX_OK with *out set; JX_ERR_IO when the
 * file cannot be read; JX_ERR_INPUT when it is not a table that can be read (bytes that
 * do not decode, a corrupt, truncated or encrypted workbook, no such sheet), with *err
 * saying why; JX_ERR_USAGE for an unknown encoding name; JX_ERR_NOMEM. *out is NULL
 * unless JX_OK.
 */
jx_result jx_table_open(jx_table **out, const char *path, const jx_table_options *opts,
                        const jx_allocator *alloc, jx_table_error *err);

/** The same for data[0..len) (copied when needed); name names it in messages. */
jx_result jx_table_open_memory(jx_table **out, const char *name, const char *data, size_t len,
                               const jx_table_options *opts, const jx_allocator *alloc, jx_table_error *err);

/** The next non-empty row, sheet after sheet. */
jx_table_status jx_table_next(jx_table *t, jx_table_row *row);

/** Why the last jx_table_next returned JX_TABLE_ERROR. */
const jx_table_error *jx_table_last_error(const jx_table *t);

/** Releases the table; NULL is a no-op. */
void jx_table_close(jx_table *t);

/**
 * Reads a workbook's rows through the XML parser alone, never its fast row path
 * (table_xlsx.c): for the tests that check the fast path against the plain one. Call
 * before the first jx_table_next; other kinds read the same either way.
 */
void jx_table_set_plain(jx_table *t, bool plain);

/** How many rows so far a workbook's fast row path has read (for the same tests). */
size_t jx_table_fast_rows(const jx_table *t);

/** What the bytes were found to be. */
jx_table_kind jx_table_get_kind(const jx_table *t);

/** The kind of a file that starts with data[0..len) (its first 8 bytes decide). */
jx_table_kind jx_table_kind_of(const char *data, size_t len);

/** The kind's name: "text", "xlsx", "xls". */
const char *jx_table_kind_name(jx_table_kind k);

/** Text: the encoding the bytes were read as ("utf-8", "gb18030", …); workbooks: "". */
const char *jx_table_encoding(const jx_table *t);

/** Text: the separator found (',' or '\t'); workbooks: 0. */
char jx_table_separator(const jx_table *t);

/** Text: the decoded text (UTF-8, "\n" line ends, NUL-terminated) and its length; workbooks: NULL. */
const char *jx_table_text(const jx_table *t, size_t *len);

/** Sheets of a workbook that rows are read from (1 for text). */
size_t jx_table_sheet_count(const jx_table *t);

/** The name of sheet i as in jx_table_row.sheet ("" for text). */
const char *jx_table_sheet_name(const jx_table *t, size_t i);

/** The column's letters for a workbook cell reference ("A", "AB") into buf[8]. */
const char *jx_table_col_letters(uint32_t col, char buf[8]);

#endif
