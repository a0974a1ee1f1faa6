/* SPDX-License-Identifier: MIT */
/* table_rows.c — what the table reader's tests share: fixtures, and rows as expected. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "table_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* See table_rows.h. */
const char *jx_test_table_fixture(const char *dir, const char *name)
{
    static char path[1024];
    const char *tests = getenv("JX_TESTS_DIR");
    snprintf(path, sizeof path, "%s/unit/data/%s/%s", tests ? tests : ".", dir, name); /* ctest runs in tests/ */
    return path;
}

/** Opens a fixture (sheet as --sheet, or NULL), which must open. */
jx_table *jx_test_table_open(const char *dir, const char *name, const char *sheet, jx_table_kind kind)
{
    jx_table_options opts = {.sheet = sheet};
    jx_table_error err;
    jx_table *t = NULL;
    jx_result rc = jx_table_open(&t, jx_test_table_fixture(dir, name), &opts, NULL, &err);
    if (rc != JX_OK)
        fail_msg("%s: %d %s", name, (int)rc, err.message);
    assert_non_null(t);
    assert_int_equal(jx_table_get_kind(t), kind);
    return t;
}

/** The whole file, read into memory; *len its size. Free with free(). */
char *jx_test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    assert_true(n > 0);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/**
 * The next row must be sheet's row rowno with exactly the n cells given (each a
 * NUL-terminated string; "" for an empty cell).
 */
void jx_test_expect_row(jx_table *t, uint32_t sheet, uint32_t rowno, size_t n, ...)
{
    jx_table_row row;
    jx_table_status st = jx_table_next(t, &row);
    if (st != JX_TABLE_ROW)
        fail_msg("row %u: status %d (%s)", (unsigned)rowno, (int)st, jx_table_last_error(t)->message);
    assert_int_equal(row.sheet, sheet);
    assert_int_equal(row.row, rowno);
    assert_int_equal(row.off, 0);
    if (row.ncells != n)
        fail_msg("row %u: %zu cells, expected %zu", (unsigned)rowno, row.ncells, n);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++) {
        const char *want = va_arg(ap, const char *);
        const jx_table_cell *c = &row.cells[i];
        if (c->n != strlen(want) || memcmp(c->s, want, c->n) != 0)
            fail_msg("row %u column %zu: \"%.*s\", expected \"%s\"", (unsigned)rowno, i + 1, (int)c->n, c->s, want);
        assert_int_equal(c->line, rowno);
        assert_int_equal(c->col, i + 1);
        assert_int_equal(c->off, 0);
    }
    va_end(ap);
    assert_int_not_equal(row.cells[n - 1].n, 0); /* the last cell is never empty */
}

void jx_test_expect_end(jx_table *t)
{
    jx_table_row row;
    assert_int_equal(jx_table_next(t, &row), JX_TABLE_END);
    assert_int_equal(jx_table_next(t, &row), JX_TABLE_END);
}

/** Every row of t written out as "sheet:row:cell|cell|…\n" into a malloc'd string. */
char *jx_test_all_rows(jx_table *t)
{
    size_t cap = 4096, len = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    s[0] = '\0';
    jx_table_row row;
    jx_table_status st;
    while ((st = jx_table_next(t, &row)) == JX_TABLE_ROW) {
        size_t need = 64;
        for (size_t i = 0; i < row.ncells; i++)
            need += row.cells[i].n + 1;
        while (len + need >= cap) {
            cap *= 2;
            s = realloc(s, cap);
            assert_non_null(s);
        }
        len += (size_t)sprintf(s + len, "%u:%u:", (unsigned)row.sheet, (unsigned)row.row);
        for (size_t i = 0; i < row.ncells; i++) {
            memcpy(s + len, row.cells[i].s, row.cells[i].n);
            len += row.cells[i].n;
            s[len++] = '|';
        }
        s[len++] = '\n';
        s[len] = '\0';
    }
    assert_int_equal(st, JX_TABLE_END);
    return s;
}
