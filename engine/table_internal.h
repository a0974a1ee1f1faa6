/* SPDX-License-Identifier: MIT */
/* table_internal.h — what the table backends share: the handle, the backend vtable and
 * the helpers every backend uses (the row's cell array, sheet names, errors, numbers).
 * Only table*.c include it.
 */
#ifndef JX_TABLE_INTERNAL_H
#define JX_TABLE_INTERNAL_H

#include "table.h"

#include <stdarg.h>

/** One kind of table: how to open it and read its rows. */
typedef struct jx_table_backend {
    jx_table_kind kind;
    /**
     * Opens the table from the file at path (data NULL) or from data[0..len) (path
     * NULL; the bytes outlive the table). The text backend is always given bytes. Fills t->impl and the sheet names it will
     * read. JX_OK, or JX_ERR_INPUT / JX_ERR_IO / JX_ERR_USAGE with *err filled, or
     * JX_ERR_NOMEM. On failure close is still called.
     */
    jx_result (*open)(jx_table *t, const char *path, const char *data, size_t len,
                      const jx_table_options *opts, jx_table_error *err);
    /** The next non-empty row; on JX_TABLE_ERROR t->err says why. */
    jx_table_status (*next)(jx_table *t, jx_table_row *row);
    /** Frees t->impl (which may be NULL, or half set up after a failed open). */
    void (*close)(jx_table *t);
} jx_table_backend;

extern const jx_table_backend jx_table_text_backend; /* table_text.c */
extern const jx_table_backend jx_table_xlsx_backend; /* table_xlsx.c */
extern const jx_table_backend jx_table_xls_backend;  /* table_xls.c */

struct jx_table {
    const jx_allocator *alloc;    /* every allocation of the table */
    const jx_table_backend *be;   /* the kind's backend */
    const char *name;             /* the file as named in messages (owned) */
    size_t name_len;              /* its length */
    jx_table_error err;           /* why the last next() failed */
    char **sheets;                /* names of the sheets read, in order (owned) */
    size_t nsheets, sheets_cap;   /* count and capacity */
    jx_table_cell *cells;         /* the row being returned (see jx_table_cells) */
    size_t cells_cap;             /* capacity of cells */
    const char *encoding;         /* text: what the bytes were read as; "" for workbooks */
    char sep;                     /* text: ',' or '\t'; 0 for workbooks */
    const char *text;             /* text: the decoded text; NULL for workbooks */
    size_t text_len;              /* its length */
    char *owned;                  /* bytes read from a file or standard input, while a backend needs them */
    size_t owned_cap;             /* allocated size of owned */
    void *impl;                   /* the backend's own state */
    bool plain;                   /* workbooks: rows through the XML parser alone (jx_table_set_plain) */
    size_t fast_rows;             /* workbooks: rows read by the fast row path (jx_table_fast_rows) */
};

/** Room for n cells in t->cells, each zeroed with s = ""; NULL when memory ran out. */
jx_table_cell *jx_table_cells(jx_table *t, size_t n);

/** Adds a sheet name (copied); 0, or -1 when memory ran out. */
int jx_table_add_sheet(jx_table *t, const char *name, size_t n);

/** Fills *err: about line/col (0 when none), a printf-style Chinese message. */
void jx_table_fail(jx_table_error *err, uint32_t line, uint32_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/**
 * Whether a workbook's sheet number index (0-based) called name is to be read under
 * opts: every sheet when opts->sheet is NULL; else the sheet whose name is opts->sheet,
 * or whose 1-based number it is when it is all digits and no sheet is so named
 * (nsheets names, in order, decide that).
 */
bool jx_table_sheet_wanted(const jx_table_options *opts, size_t index, const char *name,
                           const char *const *names, size_t nsheets);

/** The message for a --sheet that names no sheet, listing names[0..n) into *err. */
void jx_table_no_such_sheet(jx_table_error *err, const char *sheet, const char *const *names, size_t n);

/** The longest text jx_table_number writes, with its NUL. */
#define JX_TABLE_NUMBER_MAX 400

/**
 * A number as a spreadsheet stores it (s[0..n): "1200", "0.97", "-1.5E-3",
 * "0.30000000000000004") written as a person reads it into out[JX_TABLE_NUMBER_MAX]:
 * plain decimal, rounded half up to 15 significant digits as Excel shows it, no
 * exponent, no trailing zeros after the point; times 100 with a "%" when percent.
 * Exact: digits are moved, never computed in floating point. Returns the length, or 0
 * when s is not a number (out then holds s as written, cut to fit).
 */
size_t jx_table_number(const char *s, size_t n, bool percent, char *out);

/**
 * An Excel date serial (days since 1899-12-30 in the 1900 system, with its phantom
 * 1900-02-29; since 1904-01-01 when date1904) as "2024-03-31", or "2024-03-31 08:30:00"
 * when it has a time of day, into out[32]. s is the serial as stored ("45382",
 * "45382.5"). Returns the length, or 0 when s is not a serial in 1900–9999.
 */
size_t jx_table_date(const char *s, size_t n, bool date1904, char *out);

#endif
