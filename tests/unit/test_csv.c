/* SPDX-License-Identifier: MIT */
/* test_csv.c — the RFC 4180 reader, and the one encoder of a field (jx_csv_put_field)
 * with its search for the bytes that make a field quoted (jx_csv_special_at). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "csv.h"

#include <stdio.h>
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

/* Every field's line and column (characters), counted by hand: on a line of many fields
 * the reader counts on from the field before, and starts again on each new line — after a
 * record's end and inside a quoted field that runs onto the next line. */
static void columns_of_every_field(void **state)
{
    (void)state;
    reader r;
    /* line 1: 甲乙,"丙,丁",,ab,戊   line 2: "己\n庚",辛   (the quoted field ends on line 3) */
    open_text(&r, "甲乙,\"丙,丁\",,ab,戊\n\"己\n庚\",辛\n");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(r.csv.nfields, 5);
    /* 甲 乙 , → 4; "丙,丁" is 5 characters, then ',' → column 10; empty field, ',' → 11 */
    static const uint32_t cols1[] = {1, 4, 10, 11, 14};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(r.csv.fields[i].line, 1);
        assert_int_equal(r.csv.fields[i].col, cols1[i]);
    }
    assert_field(&r.csv, 4, "戊");
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(r.csv.nfields, 2);
    assert_int_equal(r.csv.fields[0].line, 2);
    assert_int_equal(r.csv.fields[0].col, 1);
    assert_field(&r.csv, 0, "己\n庚");
    /* 辛 is on line 3, after 庚 " , : column 4 of that line */
    assert_int_equal(r.csv.fields[1].line, 3);
    assert_int_equal(r.csv.fields[1].col, 4);
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_END);
    close_reader(&r);
    /* with its columns off the reader gives the same fields and lines, every column 0 */
    open_text(&r, "甲乙,\"丙,丁\",,ab,戊\n");
    r.csv.columns = false;
    assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
    assert_int_equal(r.csv.nfields, 5);
    assert_field(&r.csv, 1, "丙,丁");
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(r.csv.fields[i].line, 1);
        assert_int_equal(r.csv.fields[i].col, 0);
    }
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

/** Bytes jx_csv_put_field wrote, in a fixed buffer; `stop_after` puts fail after that many calls. */
typedef struct put_buf {
    char s[256];
    size_t n;
    int calls, stop_after;
} put_buf;

static int put_into(void *ud, const char *s, size_t n)
{
    put_buf *b = ud;
    if (b->stop_after && b->calls >= b->stop_after)
        return -7;
    b->calls++;
    assert_true(b->n + n < sizeof b->s);
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
    return 0;
}

/* Each text as a field, worked out from RFC 4180 and csv.h's guard: plain as it is; a
 * comma, quote or line break quoted, quotes doubled; a formula-like text after "'" (inside
 * the quotes when quoted); a number never guarded. Each reads back as the text. */
static void put_field_encodes_and_reads_back(void **state)
{
    (void)state;
    static const struct {
        const char *text, *field;
    } cases[] = {
        {"≥60个", "≥60个"},
        {"", ""},
        {"a,b", "\"a,b\""},
        {"说\"好\"", "\"说\"\"好\"\"\""},
        {"一\n二", "\"一\n二\""},
        {"=1年", "'=1年"},
        {"-5", "-5"},
        {"-5%", "-5%"},
        {"-x", "'-x"},
        {"'=2", "''=2"},
        {"=a,\"b\"", "\"'=a,\"\"b\"\"\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        put_buf b = {.n = 0};
        assert_int_equal(jx_csv_put_field(cases[i].text, strlen(cases[i].text), put_into, &b), 0);
        assert_string_equal(b.s, cases[i].field);
        reader r;
        char line[300];
        snprintf(line, sizeof line, "%s,end\n", b.s);
        open_text(&r, line);
        assert_int_equal(jx_csv_next(&r.csv), JX_CSV_ROW);
        assert_int_equal(r.csv.nfields, 2);
        assert_field(&r.csv, 0, cases[i].text);
        assert_field(&r.csv, 1, "end");
        close_reader(&r);
    }
    /* a failure of put stops it, and is what it returns */
    put_buf b = {.stop_after = 1};
    assert_int_equal(jx_csv_put_field("=a,b", 4, put_into, &b), -7);
    assert_string_equal(b.s, "\"'");
}

/*
 * jx_csv_special_at finds the first ',', '"', '\n' or '\r', sixteen bytes a step then
 * byte by byte: each of them, and bytes near them that are none ('\t', ';', '\'' and a
 * Chinese character, whose bytes are all above 0x80), at every place of texts of every
 * length to 40, so before, inside and after a sixteen-byte step; the answer is the place
 * put, or the length when the byte is none of the four.
 */
static void special_at_every_place(void **state)
{
    (void)state;
    static const char *const bytes[] = {",", "\"", "\n", "\r", "\t", ";", "'", "中"};
    char t[64];
    for (size_t b = 0; b < sizeof bytes / sizeof bytes[0]; b++) {
        size_t l = strlen(bytes[b]);
        bool special = b < 4;
        for (size_t n = 0; n <= 40; n++) {
            for (size_t at = 0; at + l <= n; at++) {
                memset(t, 'a', n);
                memcpy(t + at, bytes[b], l);
                size_t want = special ? at : n;
                if (jx_csv_special_at(t, n) != want)
                    fail_msg("byte %zu at %zu of %zu: %zu, want %zu", b, at, n, jx_csv_special_at(t, n), want);
            }
        }
    }
    /* the first of two */
    assert_int_equal(jx_csv_special_at("abcdefghijklmnopqrs\"tu,v", 24), 19);
    assert_int_equal(jx_csv_special_at("a,b\"", 4), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_rows_and_bom),
        cmocka_unit_test(columns_of_every_field),
        cmocka_unit_test(quoted_comma_and_doubled_quote),
        cmocka_unit_test(crlf_and_newline_in_quotes),
        cmocka_unit_test(text_after_the_closing_quote_is_kept),
        cmocka_unit_test(ragged_rows_and_blank_lines),
        cmocka_unit_test(unclosed_quote_is_an_error),
        cmocka_unit_test(empty_input),
        cmocka_unit_test(put_field_encodes_and_reads_back),
        cmocka_unit_test(special_at_every_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
