/* test_csv.c — the RFC 4180 reader. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "csv.h"

#include <string.h>

/** A reader over a literal, with its arena. */
typedef struct reader {
    jx_arena arena;
    jx_csv csv;
} reader;

static void open_text(reader *r, const char *text)
{
    jx_arena_init(&r->arena, NULL);
    jx_csv_init(&r->csv, text, strlen(text), NULL, &r->arena);
}

static void close_reader(reader *r)
{
    jx_csv_free(&r->csv);
    jx_arena_free(&r->arena);
}

static void assert_field(const jx_csv *c, size_t i, const char *want)
{
    assert_true(i < c->nfields);
    assert_int_equal(c->fields[i].n, strlen(want));
    assert_memory_equal(c->fields[i].s, want, strlen(want));
}

static void plain_rows_and_bom(void **state)
{
    (void)state;
    reader r;
    open_text(&r, "\xEF\xBB\xBF项目,三级指标\nA,B\n");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(r.csv.nfields, 2);
    assert_field(&r.csv, 0, "项目"); /* the BOM is not part of the first name */
    assert_field(&r.csv, 1, "三级指标");
    assert_int_equal(r.csv.fields[1].col, 4); /* 项 目 , then 三: column 4 */
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(r.csv.rec_line, 2);
    assert_field(&r.csv, 0, "A");
    assert_field(&r.csv, 1, "B");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_END);
    close_reader(&r);
}

static void quoted_comma_and_doubled_quote(void **state)
{
    (void)state;
    reader r;
    open_text(&r, "\"a,b\",\"say \"\"hi\"\"\",\"\"\n");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(r.csv.nfields, 3);
    assert_field(&r.csv, 0, "a,b");
    assert_field(&r.csv, 1, "say \"hi\"");
    assert_field(&r.csv, 2, "");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_END);
    close_reader(&r);
}

/*
 * Text after a closing quote is part of the field, as Excel reads "智慧城市"建设 (智慧城市建设),
 * up to the separator or the line's end (CRLF not included); it used to be dropped.
 */
static void text_after_the_closing_quote_is_kept(void **state)
{
    (void)state;
    reader r;
    open_text(&r, "\"智慧城市\"建设,\"a\"\"b\"c\r\n\"x\" \n");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(r.csv.nfields, 2);
    assert_field(&r.csv, 0, "智慧城市建设");
    assert_field(&r.csv, 1, "a\"bc");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(r.csv.nfields, 1);
    assert_field(&r.csv, 0, "x ");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_END);
    close_reader(&r);
}

static void crlf_and_newline_in_quotes(void **state)
{
    (void)state;
    reader r;
    open_text(&r, "x,\"line1\r\nline2\"\r\ny,z\r\n");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(r.csv.nfields, 2);
    assert_field(&r.csv, 0, "x");
    assert_field(&r.csv, 1, "line1\r\nline2");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    /* the quoted line break moved the next record to line 3 */
    assert_int_equal(r.csv.rec_line, 3);
    assert_field(&r.csv, 0, "y");
    assert_field(&r.csv, 1, "z"); /* no \r left on the last field */
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_END);
    close_reader(&r);
}

static void ragged_rows_and_blank_lines(void **state)
{
    (void)state;
    reader r;
    open_text(&r, "a,b,c\n\nd\n\r\ne,f,g,h,\ni,");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(r.csv.nfields, 3);
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(r.csv.rec_line, 3);
    assert_int_equal(r.csv.nfields, 1);
    assert_field(&r.csv, 0, "d");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(r.csv.rec_line, 5);
    assert_int_equal(r.csv.nfields, 5); /* the trailing comma ends an empty fifth field */
    assert_field(&r.csv, 4, "");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(r.csv.nfields, 2); /* no final newline */
    assert_field(&r.csv, 0, "i");
    assert_field(&r.csv, 1, "");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_END);
    close_reader(&r);
}

static void unclosed_quote_is_an_error(void **state)
{
    (void)state;
    reader r;
    open_text(&r, "a,b\nc,\"never closed\n");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ERROR);
    assert_non_null(r.csv.error);
    assert_int_equal(r.csv.err_line, 2);
    assert_int_equal(r.csv.err_col, 3);
    close_reader(&r);
}

static void empty_input(void **state)
{
    (void)state;
    reader r;
    open_text(&r, "\xEF\xBB\xBF");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_END);
    close_reader(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_rows_and_bom),
        cmocka_unit_test(quoted_comma_and_doubled_quote),
        cmocka_unit_test(crlf_and_newline_in_quotes),
        cmocka_unit_test(text_after_the_closing_quote_is_kept),
        cmocka_unit_test(ragged_rows_and_blank_lines),
        cmocka_unit_test(unclosed_quote_is_an_error),
        cmocka_unit_test(empty_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
