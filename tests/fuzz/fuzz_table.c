/* SPDX-License-Identifier: MIT */
/* fuzz_table.c — the table reader (engine/table.h) under every table input: the input is
 * a file's bytes (CSV or tab-separated text in any encoding, .xlsx, .xls). Each row is
 * checked against the reader's invariants — dense cells, the last one non-empty, every
 * cell valid UTF-8 — and a workbook is read a second time through the XML parser alone
 * (jx_table_set_plain), which must give the same rows and end the same way as the fast
 * row path, with the same error if any.
 */
#include "fuzz.h"

#include "table.h"

#include <string.h>

/** What a read gave: its rows flattened into a buffer, and how it ended. */
typedef struct table_read {
    jx_fuzz_buf rows;      /* per row: sheet, row, then each cell's bytes after its length */
    jx_table_status end;   /* JX_TABLE_END, _ERROR or _NOMEM */
    jx_table_error err;    /* the error when it ended on one */
} table_read;

static void put_u32(jx_fuzz_buf *b, uint32_t v)
{
    jx_fuzz_buf_write(b, (const char *)&v, sizeof v);
}

static void read_table(const uint8_t *data, size_t size, int plain, table_read *out)
{
    jx_table *t = NULL;
    jx_table_error err;
    memset(out, 0, sizeof *out);
    out->end = JX_TABLE_ERROR;
    jx_result rc = jx_table_open_memory(&t, "fuzz", (const char *)data, size, NULL, NULL, &err);
    if (rc != JX_OK) {
        if (rc != JX_ERR_INPUT || t)
            jx_fuzz_fail("jx_table_open_memory: %s", jx_strerror(rc));
        jx_fuzz_check_utf8(err.message, strlen(err.message), "the table's open error");
        out->err = err;
        return;
    }
    jx_table_set_plain(t, plain != 0);
    jx_table_row row;
    jx_table_status st;
    while ((st = jx_table_next(t, &row)) == JX_TABLE_ROW) {
        if (row.ncells == 0 || row.cells[row.ncells - 1].n == 0)
            jx_fuzz_fail("row %u: a row ends with an empty cell or has none", (unsigned)row.row);
        if (row.sheet >= jx_table_sheet_count(t))
            jx_fuzz_fail("row %u: sheet %u of %zu", (unsigned)row.row, (unsigned)row.sheet, jx_table_sheet_count(t));
        put_u32(&out->rows, row.sheet);
        put_u32(&out->rows, row.row);
        put_u32(&out->rows, (uint32_t)row.ncells);
        for (size_t i = 0; i < row.ncells; i++) {
            const jx_table_cell *c = &row.cells[i];
            jx_fuzz_check_utf8(c->s, c->n, "a cell");
            put_u32(&out->rows, c->n);
            jx_fuzz_buf_write(&out->rows, c->s, c->n);
        }
    }
    out->end = st;
    if (st == JX_TABLE_ERROR) {
        out->err = *jx_table_last_error(t);
        jx_fuzz_check_utf8(out->err.message, strlen(out->err.message), "the table's error");
    }
    for (size_t i = 0; i < jx_table_sheet_count(t); i++) {
        const char *name = jx_table_sheet_name(t, i);
        jx_fuzz_check_utf8(name, strlen(name), "a sheet's name");
    }
    jx_table_close(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    table_read fast, plain;
    read_table(data, size, 0, &fast);
    if (jx_table_kind_of((const char *)data, size) == JX_TABLE_XLSX) {
        read_table(data, size, 1, &plain);
        if (fast.end != plain.end || fast.rows.len != plain.rows.len ||
            (fast.rows.len && memcmp(fast.rows.s, plain.rows.s, fast.rows.len) != 0) ||
            strcmp(fast.err.message, plain.err.message) != 0)
            jx_fuzz_fail("xlsx: the fast row path read %zu bytes of rows ending %d (%s), the XML parser %zu ending %d (%s)",
                         fast.rows.len, (int)fast.end, fast.err.message, plain.rows.len, (int)plain.end,
                         plain.err.message);
        jx_fuzz_buf_free(&plain.rows);
    }
    jx_fuzz_buf_free(&fast.rows);
    return 0;
}
