/* SPDX-License-Identifier: MIT */
/* csv.h — an RFC 4180 reader over a text in memory (BOM, quoted fields, CRLF), and the
 * formula guard every CSV jixiao writes and reads shares.
 *
 * Formula guard (OWASP, "CSV Injection"): a spreadsheet opening a CSV takes a cell that
 * starts with '=', '+', '-', '@', a tab or a carriage return for a formula. A cell jixiao
 * writes whose text is formula-like — starts with one of those and is not a number such
 * as "-5", "+3.5" or "-12.5%" — is written with a "'" before it ("=4次" → "'=4次"), and
 * the reader takes that "'" off again, so what jixiao writes reads back as it was. To
 * keep that lossless, a text that is one "'" followed by a guarded text ("'=4次") is
 * guarded too ("''=4次"): jx_csv_guarded is exactly the set of texts written with the
 * prefix, and a field read as "'" + a guarded text is always one that was so written.
 */
#ifndef JX_CSV_H
#define JX_CSV_H

#include "arena.h"
#include "jixiao.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** The name of the sheet of a workbook that holds a CSV of jixiao's as its cells, a record a
 * row (the 自评表 workbook's last, the rows of `score --format csv`: render_xlsx.c), which
 * import reads as that CSV (import.c); a continuation past a full sheet is "数据(2)", …. */
#define JX_CSV_DATA_SHEET "数据"

/** One field of the current record. */
typedef struct jx_csv_field {
    const char *s; /* the field's bytes, unquoted (into the text, or the arena when unescaped) */
    size_t n;      /* length in bytes */
    uint32_t line; /* 1-based line where the field starts */
    uint32_t col;  /* 1-based column (characters) where the field starts; 0 when the reader's
                      columns are off (jx_csv.columns) */
    uint32_t off;  /* byte offset of the field in the text */
} jx_csv_field;

/** Reads records one at a time; fields of the current record are in `fields`. */
typedef struct jx_csv {
    const jx_allocator *alloc; /* for the field array */
    jx_arena *arena;           /* where fields with doubled quotes are unescaped */
    const char *text;          /* the whole input */
    size_t len;                /* its length */
    char sep;                  /* the field separator: ',' (set by jx_csv_init), or '\t' */
    bool columns;              /* work out each field's column (set by jx_csv_init); a reader
                                  that never shows them turns it off and saves the counting */
    size_t off;                /* where the next record starts */
    uint32_t line;             /* line number at off */
    size_t line_start;         /* byte offset of the start of that line */
    jx_csv_field *fields;      /* fields of the current record */
    size_t nfields;            /* how many */
    size_t cap;                /* capacity of fields */
    uint32_t rec_line;         /* line where the current record starts */
    size_t rec_off;            /* byte offset where the current record starts */
    size_t col_line;           /* the line start the column cursor counts from */
    size_t col_at;             /* the cursor: a byte offset on that line, >= col_line */
    uint32_t col_n;            /* characters from col_line to col_at */
    const char *error;         /* Chinese description of the last error, NULL when none */
    uint32_t err_line;         /* where it happened */
    uint32_t err_col;          /* column of it */
} jx_csv;

/** Result of jx_csv_next. */
typedef enum jx_csv_status {
    JX_CSV_ROW = 0,   /* a record is ready */
    JX_CSV_END,       /* no more records */
    JX_CSV_ERROR,     /* malformed input (an unclosed quote); see error */
    JX_CSV_NOMEM      /* memory ran out */
} jx_csv_status;

/**
 * Whether a cell s[0..n) is written with the formula guard "'" before it: it starts
 * with '=', '+', '-', '@', a tab or a carriage return and is not a number ([+-], digits
 * with optional "," grouping, optional ".digits", optional exponent, optional "%"), or
 * it is "'" followed by a guarded text.
 */
bool jx_csv_guarded(const char *s, size_t n);

/**
 * Whether s[0..n) starts with a byte a guarded text can start with: = + - @ tab CR or
 * "'". Invariant: jx_csv_guarded(s, n) implies it (jx_csv_guarded tests it first), so
 * a writer's fast path tests this inline and calls jx_csv_guarded only when it holds.
 */
static inline bool jx_csv_guard_lead(const char *s, size_t n)
{
    if (n == 0)
        return false;
    switch (s[0]) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': case '\'':
        return true;
    default:
        return false;
    }
}

/** The offset of the first byte of s[0..n) that makes a field quoted (',', '"' or a line
 * break), n when there is none: sixteen bytes a step where SSE2 is there. */
size_t jx_csv_special_at(const char *s, size_t n);

/** Where jx_csv_put_field sends its bytes: appends s[0..n) for ud; non-zero stops it (memory ran out). */
typedef int (*jx_csv_put_fn)(void *ud, const char *s, size_t n);

/**
 * Writes s[0..n) through put as one field that jx_csv_next reads back as s: quoted, quotes
 * doubled, when it holds ',', '"' or a line break, and with the formula guard "'" first when
 * jx_csv_guarded says so. The one encoder of a CSV field: jixiao's CSV documents
 * (jx_out_csv_field) and a workbook's sheet handed to the CSV reader (import.c) write
 * through it. Returns put's first non-zero result (and stops there), else 0.
 */
int jx_csv_put_field(const char *s, size_t n, jx_csv_put_fn put, void *ud);

/**
 * Starts reading text[0..len); a UTF-8 BOM at the start is skipped. A field that is the
 * formula guard "'" followed by a guarded text (jx_csv_guarded) is read without the "'".
 */
void jx_csv_init(jx_csv *c, const char *text, size_t len, const jx_allocator *alloc, jx_arena *arena);

/** Reads the next record; blank lines are skipped. Rows may have any number of fields. */
jx_csv_status jx_csv_next(jx_csv *c);

/** Frees the field array. */
void jx_csv_free(jx_csv *c);

/** FNV-1a of a field's bytes s[0..n): how the tables read from CSV (actuals, imports) index rows by 项目. */
uint32_t jx_csv_hash(const char *s, size_t n);

#endif
