/* SPDX-License-Identifier: MIT */
/* table_rows.h — what the table reader's tests share: fixtures, and rows as expected. */
#ifndef JX_TEST_TABLE_ROWS_H
#define JX_TEST_TABLE_ROWS_H

#include "table.h"

#include <stddef.h>
#include <stdint.h>

/** The path of fixture name under tests/unit/data/dir/ (a static buffer, overwritten by the next call). */
const char *jx_test_table_fixture(const char *dir, const char *name);

/** Opens fixture dir/name (sheet as --sheet, or NULL), which must open as a table of kind. */
jx_table *jx_test_table_open(const char *dir, const char *name, const char *sheet, jx_table_kind kind);

/** The whole file at path, read into memory; *len its size. Free with free(). */
char *jx_test_slurp(const char *path, size_t *len);

/**
 * The next row must be sheet's row rowno of a workbook with exactly the n cells given
 * (each a NUL-terminated string; "" for an empty cell), each at its row and column.
 */
void jx_test_expect_row(jx_table *t, uint32_t sheet, uint32_t rowno, size_t n, ...);

/** The table must be at its end, and stay there. */
void jx_test_expect_end(jx_table *t);

/** Every row of t written out as "sheet:row:cell|cell|…\n" into a malloc'd string. */
char *jx_test_all_rows(jx_table *t);

#endif
