/* SPDX-License-Identifier: MIT */
/* table_text.c — the text backend of the table reader: CSV or tab-separated text as
 * Excel and WPS save it ("CSV (逗号分隔)" in GB18030, "CSV UTF-8" with a BOM, "Unicode
 * 文本" in UTF-16LE with tabs).
 *
 * The bytes are decoded whole by the import decoder (import_decode.h: the BOM, or UTF-8,
 * or GB18030; CRLF made "\n"), then split into records by the RFC 4180 reader (csv.h)
 * at the separator found from the header row: the first line that is not blank, a tab
 * when it holds more tabs than commas outside quotes, else a comma. The decoded text is
 * kept for the table's life, so cells are slices of it and messages can quote its lines.
 */
#include "table_internal.h"

#include "alloc.h"
#include "arena.h"
#include "csv.h"
#include "import_decode.h"
#include "text.h"

#include <string.h>

typedef struct text_impl {
    jx_imp_text text; /* the decoded bytes */
    jx_arena arena;   /* fields with doubled quotes, unescaped */
    jx_csv csv;       /* the record reader over text */
} text_impl;

/** The separator of the first line of s[0..n) that is not all blanks: '\t' or ','. */
static char text_separator(const char *s, size_t n)
{
    size_t i = 0;
    for (;;) { /* skip blank lines */
        size_t j = i + jx_text_blank_run(s + i, n - i, JX_TEXT_NO_BREAK);
        if (j < n && s[j] == '\n') {
            i = j + 1;
            continue;
        }
        break;
    }
    size_t tabs = 0, commas = 0;
    bool quoted = false;
    for (; i < n && (quoted || s[i] != '\n'); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == '\t')
            tabs++;
        else if (!quoted && s[i] == ',')
            commas++;
    }
    return tabs > commas ? '\t' : ',';
}

/**
 * The 1-based column (cell) of the byte at off in data[0..len): the separators outside
 * quotes from the start of its line. Separators and quotes are ASCII and never part of
 * a UTF-8 or GB18030 sequence, so this holds for bytes that did not decode; 0 for
 * UTF-16, where it does not.
 */
static size_t text_bad_cell(const char *data, size_t len, size_t off, const char *encoding)
{
    const char *bom;
    jx_imp_bom(data, len, &bom);
    const char *named = encoding ? jx_imp_encoding_name(encoding) : NULL;
    if ((bom && strcmp(bom, "utf-8") != 0) || (named && strncmp(named, "utf-16", 6) == 0) || off >= len)
        return 0;
    size_t start = off;
    while (start > 0 && data[start - 1] != '\n')
        start--;
    char sep = text_separator(data, len);
    size_t cell = 1;
    bool quoted = false;
    for (size_t i = start; i < off; i++) {
        if (data[i] == '"')
            quoted = !quoted;
        else if (!quoted && data[i] == sep)
            cell++;
    }
    return cell;
}

static jx_result text_open(jx_table *t, const char *path, const char *data, size_t len,
                           const jx_table_options *opts, jx_table_error *err)
{
    (void)path; /* table.c always hands text over as bytes */
    text_impl *x = jx_calloc(t->alloc, sizeof *x);
    if (!x)
        return JX_ERR_NOMEM;
    t->impl = x;
    jx_arena_init(&x->arena, t->alloc);
    jx_imp_decode_error de;
    /* the bytes the table read itself: UTF-8 text takes them over rather than a copy */
    bool own = t->owned && data == t->owned;
    jx_imp_decode_status st = own ? jx_imp_decode_take(t->alloc, &t->owned, len, t->owned_cap, opts->encoding,
                                                       &x->text, &de)
                                  : jx_imp_decode(t->alloc, data, len, opts->encoding, &x->text, &de);
    if (own && !t->owned)
        t->owned_cap = 0; /* taken: x->text has them */
    switch (st) {
    case JX_IMP_DECODE_OK:
        break;
    case JX_IMP_DECODE_NOMEM:
        return JX_ERR_NOMEM;
    case JX_IMP_DECODE_UNKNOWN:
        jx_table_fail(err, 0, 0, "%s", de.reason);
        return JX_ERR_USAGE;
    default: {
        size_t cell = de.line ? text_bad_cell(data, len, de.offset, opts->encoding) : 0;
        if (cell)
            jx_table_fail(err, de.line, de.col, "第 %u 行第 %zu 列：%s", (unsigned)de.line, cell, de.reason);
        else
            jx_table_fail(err, de.line, de.col, "%s", de.reason);
        err->offset = de.offset;
        err->code = "encoding";
        return JX_ERR_INPUT;
    }
    }
    t->encoding = x->text.encoding;
    t->text = x->text.s;
    t->text_len = x->text.len;
    t->sep = text_separator(x->text.s, x->text.len);
    jx_csv_init(&x->csv, x->text.s, x->text.len, t->alloc, &x->arena);
    x->csv.sep = t->sep;
    return JX_OK;
}

static jx_table_status text_next(jx_table *t, jx_table_row *row)
{
    text_impl *x = t->impl;
    for (;;) {
        jx_arena_reset(&x->arena);
        jx_csv_status st = jx_csv_next(&x->csv);
        if (st == JX_CSV_END)
            return JX_TABLE_END;
        if (st == JX_CSV_NOMEM)
            return JX_TABLE_NOMEM;
        if (st == JX_CSV_ERROR) {
            jx_table_fail(&t->err, x->csv.err_line, x->csv.err_col, "第 %u 行：%s", (unsigned)x->csv.err_line,
                          x->csv.error);
            return JX_TABLE_ERROR;
        }
        size_t n = x->csv.nfields;
        while (n > 0 && jx_text_is_blank(x->csv.fields[n - 1].s, x->csv.fields[n - 1].n, JX_TEXT_BLANKS))
            n--;
        if (n == 0)
            continue; /* a blank record, or one of empty cells (",,,") */
        jx_table_cell *c = jx_table_cells(t, n);
        if (!c)
            return JX_TABLE_NOMEM;
        for (size_t i = 0; i < n; i++) {
            const jx_csv_field *f = &x->csv.fields[i];
            c[i] = (jx_table_cell){f->s, (uint32_t)f->n, f->line, f->col, f->off};
        }
        row->sheet = 0;
        row->row = x->csv.rec_line;
        row->off = (uint32_t)x->csv.rec_off;
        row->ncells = n;
        row->cells = c;
        return JX_TABLE_ROW;
    }
}

static void text_close(jx_table *t)
{
    text_impl *x = t->impl;
    if (!x)
        return;
    jx_csv_free(&x->csv);
    jx_arena_free(&x->arena);
    jx_imp_text_free(t->alloc, &x->text);
    jx_free(t->alloc, x, sizeof *x);
    t->impl = NULL;
}

const jx_table_backend jx_table_text_backend = {JX_TABLE_TEXT, text_open, text_next, text_close};
