/* SPDX-License-Identifier: MIT */
/* test_table.c — the table reader's shared part and its text backend: the kind found from
 * the bytes, the separator from the header row, encodings, blank rows and trailing empty
 * columns, and numbers and dates written as a spreadsheet shows them (every expected
 * text worked by hand in the comment beside it). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "table_internal.h"

#include <string.h>

/** Opens a text table held in a literal of n bytes. */
static jx_table *open_text(const char *s, size_t n, const char *encoding)
{
    jx_table *t = NULL;
    jx_table_error err;
    jx_table_options o = {.encoding = encoding};
    assert_int_equal(jx_table_open_memory(&t, "t.csv", s, n, &o, NULL, &err), JX_OK);
    return t;
}

/** Asserts cell i of row r holds want. */
static void assert_cell(const jx_table_row *r, size_t i, const char *want)
{
    assert_true(i < r->ncells);
    assert_int_equal(r->cells[i].n, strlen(want));
    assert_memory_equal(r->cells[i].s, want, strlen(want));
}

static void comma_or_tab_from_the_header(void **state)
{
    (void)state;
    /* the header holds two tabs and no comma: tab-separated, so "1,200" stays one cell */
    static const char tsv[] = "\n项目\t三级指标\t实际完成值\n甲\t服务人次\t1,200\n";
    jx_table *t = open_text(tsv, sizeof tsv - 1, NULL);
    assert_int_equal(jx_table_separator(t), '\t');
    assert_int_equal(jx_table_get_kind(t), JX_TABLE_TEXT);
    jx_table_row r;
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ROW);
    assert_int_equal(r.row, 2); /* the blank first line is skipped, its number kept */
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ROW);
    assert_int_equal(r.ncells, 3);
    assert_cell(&r, 2, "1,200");
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_END);
    jx_table_close(t);

    /* a comma header with a tab inside a quoted cell: still comma-separated */
    static const char csv[] = "项目,\"三级\t指标\",实际完成值\r\n甲,\"1,200\",9\r\n";
    t = open_text(csv, sizeof csv - 1, NULL);
    assert_int_equal(jx_table_separator(t), ',');
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ROW);
    assert_cell(&r, 1, "三级\t指标");
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ROW);
    assert_cell(&r, 1, "1,200");
    assert_cell(&r, 2, "9"); /* CRLF: no "\r" left on the last cell */
    assert_int_equal(r.cells[2].col, 11); /* 甲 , " 1 , 2 0 0 " , are ten characters before 9 */
    jx_table_close(t);
}

static void blank_rows_and_trailing_columns(void **state)
{
    (void)state;
    /* Excel pads every row to the widest and writes ",,," for empty rows */
    static const char s[] = "a,b,,\n,,,\n  ,\t,\nc,,,\n\n";
    jx_table *t = open_text(s, sizeof s - 1, NULL);
    jx_table_row r;
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ROW);
    assert_int_equal(r.ncells, 2); /* the empty columns after b are dropped */
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ROW);
    assert_int_equal(r.row, 4); /* rows 2 and 3 hold nothing but blanks */
    assert_int_equal(r.ncells, 1);
    assert_cell(&r, 0, "c");
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_END);
    jx_table_close(t);
}

/*
 * What is blank is the one blank set (text.h), no longer space, tab and CR only: a last
 * cell of U+3000 is dropped (it was a third cell), a row of NBSP and U+3000 is skipped (it
 * was a row of two cells), and so is a last cell holding a quoted line break. A first line
 * of nothing but U+3000 is passed over when the separator is looked for, so the tabs of
 * the header below it decide (the U+3000 line, with no tab and no comma, made it a comma).
 */
static void blank_cells_of_every_blank(void **state)
{
    (void)state;
    static const char s[] = "a,b,\xE3\x80\x80\n\xC2\xA0,\xE3\x80\x80\nc,\"\n\"\n";
    jx_table *t = open_text(s, sizeof s - 1, NULL);
    jx_table_row r;
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ROW);
    assert_int_equal(r.row, 1);
    assert_int_equal(r.ncells, 2);
    assert_cell(&r, 1, "b");
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ROW);
    assert_int_equal(r.row, 3);
    assert_int_equal(r.ncells, 1);
    assert_cell(&r, 0, "c");
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_END);
    jx_table_close(t);

    static const char tsv[] = "\xE3\x80\x80\n项目\t三级指标\t实际完成值\n甲\t服务人次\t1,200\n";
    t = open_text(tsv, sizeof tsv - 1, NULL);
    assert_int_equal(jx_table_separator(t), '\t');
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ROW);
    assert_int_equal(r.row, 2);
    assert_int_equal(r.ncells, 3);
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ROW);
    assert_cell(&r, 2, "1,200");
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_END);
    jx_table_close(t);
}

static void encodings(void **state)
{
    (void)state;
    /* "项目\n" in GB18030: 项 = CF EE, 目 = C4 BF */
    static const char gb[] = "\xCF\xEE\xC4\xBF\r\n";
    jx_table *t = open_text(gb, sizeof gb - 1, NULL);
    assert_string_equal(jx_table_encoding(t), "gb18030");
    jx_table_row r;
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ROW);
    assert_cell(&r, 0, "项目");
    jx_table_close(t);
    /* UTF-16LE with a BOM, tab-separated: "a\tb\r\n" */
    static const char u16[] = "\xFF\xFE" "a\0\t\0b\0\r\0\n\0";
    t = open_text(u16, sizeof u16 - 1, NULL);
    assert_string_equal(jx_table_encoding(t), "utf-16le");
    assert_int_equal(jx_table_separator(t), '\t');
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ROW);
    assert_int_equal(r.ncells, 2);
    assert_cell(&r, 1, "b");
    jx_table_close(t);
    /* bytes that do not decode: an error with the code "encoding"; an unknown name: usage */
    jx_table_error err;
    t = NULL;
    static const char bad[] = "ok\n\xFF\xFE\xFD";
    assert_int_equal(jx_table_open_memory(&t, "b.csv", bad, sizeof bad - 1, NULL, NULL, &err), JX_ERR_INPUT);
    assert_null(t);
    assert_string_equal(err.code, "encoding");
    assert_int_equal(err.line, 2);
    jx_table_options o = {.encoding = "latin9"};
    assert_int_equal(jx_table_open_memory(&t, "b.csv", "a", 1, &o, NULL, &err), JX_ERR_USAGE);
}

static void unclosed_quote_is_an_error(void **state)
{
    (void)state;
    static const char s[] = "a,b\n\"c,d\n";
    jx_table *t = open_text(s, sizeof s - 1, NULL);
    jx_table_row r;
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ROW);
    assert_int_equal(jx_table_next(t, &r), JX_TABLE_ERROR);
    assert_int_equal(jx_table_last_error(t)->line, 2);
    assert_non_null(strstr(jx_table_last_error(t)->message, "引号没有闭合"));
    jx_table_close(t);
}

static void kind_from_the_bytes(void **state)
{
    (void)state;
    jx_table *t = NULL;
    jx_table_error err;
    /* "PK\3\4" makes a workbook whatever the name: here a broken one, refused as such */
    assert_int_equal(jx_table_open_memory(&t, "actuals.csv", "PK\x03\x04zzzz", 8, NULL, NULL, &err), JX_ERR_INPUT);
    assert_string_equal(err.code, "table");
    /* a missing file is I/O */
    assert_int_equal(jx_table_open(&t, "/nonexistent/a.csv", NULL, NULL, &err), JX_ERR_IO);
    assert_null(t);
}

/** jx_table_number(s, percent) as a string. */
static const char *num(const char *s, bool percent)
{
    static char out[JX_TABLE_NUMBER_MAX];
    size_t n = jx_table_number(s, strlen(s), percent, out);
    return n ? out : NULL;
}

static void numbers_as_shown(void **state)
{
    (void)state;
    assert_string_equal(num("1200", false), "1200");
    assert_string_equal(num("0.97", true), "97%");           /* 0.97 × 100 */
    assert_string_equal(num("0.9712", true), "97.12%");
    assert_string_equal(num("0.975", true), "97.5%");
    assert_string_equal(num("1", true), "100%");
    assert_string_equal(num("0.30000000000000004", false), "0.3"); /* 15 digits: 0.300000000000000|04 */
    assert_string_equal(num("0.1", false), "0.1");
    assert_string_equal(num("1.5E-3", false), "0.0015");
    assert_string_equal(num("1.2345678901234568E+17", false), "123456789012346000");
    /* 15 significant digits, half up: 2.00000000000000049 → 2.00000000000000|049 → 2 */
    assert_string_equal(num("2.00000000000000049", false), "2");
    /* 9.99999999999999951 → 9.99999999999999|951 rounds up through every 9 → 10 */
    assert_string_equal(num("9.99999999999999951", false), "10");
    assert_string_equal(num("-0.5", false), "-0.5");
    assert_string_equal(num("0", false), "0");
    assert_string_equal(num("0", true), "0%");
    assert_string_equal(num("100.000", false), "100");
    assert_string_equal(num("1E+3", false), "1000");
    assert_null(num("", false));
    assert_null(num("abc", false));
    assert_null(num("1.2.3", false));
    assert_null(num("1E", false));
}

/** jx_table_date(s) as a string. */
static const char *date(const char *s, bool date1904)
{
    static char out[32];
    size_t n = jx_table_date(s, strlen(s), date1904, out);
    return n ? out : NULL;
}

static void dates_as_shown(void **state)
{
    (void)state;
    /* 45382 days after 1899-12-30: 2024-03-31 (Excel shows it so) */
    assert_string_equal(date("45382", false), "2024-03-31");
    /* half a day: 12:00:00 */
    assert_string_equal(date("45382.5", false), "2024-03-31 12:00:00");
    /* 8:30 is 0.354166666… of a day: 30600 s */
    assert_string_equal(date("45382.354166666664", false), "2024-03-31 08:30:00");
    assert_string_equal(date("1", false), "1900-01-01");
    assert_string_equal(date("59", false), "1900-02-28");
    assert_string_equal(date("60", false), "1900-02-29"); /* Excel's day that never was */
    assert_string_equal(date("61", false), "1900-03-01");
    /* the 1904 system: 43920 days after 1904-01-01 is 2024-03-31 */
    assert_string_equal(date("43920", true), "2024-03-31");
    assert_null(date("-1", false));
    assert_null(date("abc", false));
    assert_null(date("99999999", false));
}

static void sheet_choice(void **state)
{
    (void)state;
    const char *names[] = {"说明", "3", "实际完成值"};
    jx_table_options all = {0}, byname = {.sheet = "实际完成值"}, bynum = {.sheet = "1"}, three = {.sheet = "3"};
    assert_true(jx_table_sheet_wanted(&all, 0, "说明", names, 3));
    assert_true(jx_table_sheet_wanted(&byname, 2, "实际完成值", names, 3));
    assert_false(jx_table_sheet_wanted(&byname, 0, "说明", names, 3));
    assert_true(jx_table_sheet_wanted(&bynum, 0, "说明", names, 3));
    /* "3" is a sheet's name: it means that sheet, not the third */
    assert_true(jx_table_sheet_wanted(&three, 1, "3", names, 3));
    assert_false(jx_table_sheet_wanted(&three, 2, "实际完成值", names, 3));
    char b[8];
    assert_string_equal(jx_table_col_letters(1, b), "A");
    assert_string_equal(jx_table_col_letters(26, b), "Z");
    assert_string_equal(jx_table_col_letters(28, b), "AB");
    assert_string_equal(jx_table_col_letters(16384, b), "XFD");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(comma_or_tab_from_the_header),
        cmocka_unit_test(blank_rows_and_trailing_columns),
        cmocka_unit_test(blank_cells_of_every_blank),
        cmocka_unit_test(encodings),
        cmocka_unit_test(unclosed_quote_is_an_error),
        cmocka_unit_test(kind_from_the_bytes),
        cmocka_unit_test(numbers_as_shown),
        cmocka_unit_test(dates_as_shown),
        cmocka_unit_test(sheet_choice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
