/* SPDX-License-Identifier: MIT */
/* test_report_parts.c — what the audit's and the review's reporters share: a table
 * aligned by display width, JSON strings, members and grades, and strings in the
 * writer's scratch arena failing the writer when memory runs out. Every expected text
 * is written out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "counting.h"
#include "report.h"
#include "write_text.h"

/** A writer whose output is collected in text, on a counting allocator. */
typedef struct sink {
    jx_test_counting c; /* the allocator's books */
    jx_allocator a;     /* over c */
    jx_test_text text;  /* what was written */
    jx_writer *w;       /* the writer */
} sink;

/* Opens a writer into s. */
static void sink_open(sink *s)
{
    memset(s, 0, sizeof *s);
    s->a = jx_test_counting_allocator(&s->c);
    assert_int_equal(jx_writer_create(&s->w, JX_FORMAT_TEXT, 0, jx_test_text_write, &s->text, &s->a), JX_OK);
}

/* Flushes the writer and asserts that it wrote exactly want. */
static void sink_is(sink *s, const char *want)
{
    jx_out_flush(s->w);
    assert_int_equal(s->w->err, JX_OK);
    assert_non_null(s->text.s);
    assert_string_equal(s->text.s, want);
}

/* Closes the writer and checks that nothing is left allocated. */
static void sink_close(sink *s)
{
    jx_writer_destroy(s->w);
    free(s->text.s);
    assert_int_equal(s->c.in_use, 0);
}

static void table_aligned_by_display_width(void **state)
{
    (void)state;
    sink s;
    sink_open(&s);
    jx_table t;
    jx_table_init(&t, s.w, 3);
    /* column 1: "项目" is 4 cells, "a" 1, "自评总分" 8: widest 8; column 2: "95.00" 5,
     * "—" 1 (U+2014 is narrow), "x" 1: widest 5 */
    const char **r = jx_table_row(&t);
    r[0] = "项目";
    r[1] = "95.00";
    r[2] = "优";
    r = jx_table_row(&t);
    r[0] = "a";
    r[1] = "—"; /* the third cell is left empty: not written, nor the spaces before it */
    r = jx_table_row(&t);
    r[0] = "自评总分";
    r[1] = "x";
    r[2] = "良";
    for (int i = 0; i < 20; i++) /* past the first allocation of rows */
        jx_table_row(&t);
    jx_table_print(&t, 2);
    /* each cell padded to its column's width, then two spaces; 20 empty rows are the indent */
    static const char want_head[] = "  项目      95.00  优\n"
                                    "  a         —\n"
                                    "  自评总分  x      良\n";
    jx_out_flush(s.w);
    assert_int_equal(s.w->err, JX_OK);
    assert_int_equal(s.text.len, sizeof want_head - 1 + 20 * 3);
    assert_memory_equal(s.text.s, want_head, sizeof want_head - 1);
    for (size_t i = 0; i < 20; i++)
        assert_memory_equal(s.text.s + sizeof want_head - 1 + 3 * i, "  \n", 3);
    sink_close(&s);
}

static void json_strings_escaped(void **state)
{
    (void)state;
    sink s;
    sink_open(&s);
    /* quote, backslash, LF, CR, tab, U+0001, U+001F, DEL (kept), a stray 0xFF, a cut
     * three-byte character (E4 B8 then 'A'), CJK kept as it is */
    static const char in[] = "a\"b\\c\nd\re\tf\x01g\x1fh\x7fi\xffj\xe4\xb8" "A中";
    jx_json_str_n(s.w, in, sizeof in - 1);
    jx_out_char(s.w, ' ');
    jx_json_str(s.w, NULL);
    jx_out_char(s.w, ' ');
    jx_json_str(s.w, "项目");
    sink_is(&s, "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh\x7fi\\ufffdj\\ufffd\\ufffdA中\" \"\" \"项目\"");
    sink_close(&s);
}

/* Backspace and form feed take JSON's short escapes, as in the score document: the
 * audit's and the review's strings wrote them \u0008 and \u000c before every JSON
 * string was escaped by one rule (text.h). "x" BS "y" FF "z" is written "x\by\fz". */
static void json_backspace_and_form_feed(void **state)
{
    (void)state;
    sink s;
    sink_open(&s);
    jx_json_str_n(s.w, "x\by\fz", 5);
    sink_is(&s, "\"x\\by\\fz\"");
    sink_close(&s);
}

static void json_members_and_grades(void **state)
{
    (void)state;
    sink s;
    sink_open(&s);
    jx_out_str(s.w, "{\"a\":1");
    jx_json_key(s.w, "grade");
    jx_json_grade(s.w, JX_GRADE_EXCELLENT);
    jx_json_key(s.w, "claimed");
    jx_json_grade(s.w, JX_GRADE_NONE);
    jx_json_key(s.w, "poor");
    jx_json_grade(s.w, JX_GRADE_POOR);
    jx_out_char(s.w, '}');
    sink_is(&s, "{\"a\":1,\"grade\":\"优\",\"claimed\":null,\"poor\":\"差\"}");
    sink_close(&s);
}

static void scratch_strings(void **state)
{
    (void)state;
    sink s;
    sink_open(&s);
    assert_string_equal(jx_scratch_printf(s.w, "%s %d 万元", "资金", 366), "资金 366 万元");
    char buf[8] = "22.50";
    const char *copy = jx_scratch_str(s.w, buf);
    buf[0] = '9';
    assert_string_equal(copy, "22.50"); /* a copy, not the caller's buffer */
    assert_int_equal(s.w->err, JX_OK);
    /* memory running out: "" and the writer failed */
    s.c.fail_from = s.c.calls + 1;
    jx_arena_free(&s.w->scratch); /* no block left to take strings from */
    assert_string_equal(jx_scratch_printf(s.w, "%s", "一个很长的字符串，需要新的内存块"), "");
    assert_int_equal(s.w->err, JX_ERR_NOMEM);
    jx_table t;
    jx_table_init(&t, s.w, 2);
    assert_null(jx_table_row(&t));
    /* the writer's first failure is the one kept */
    s.w->err = JX_ERR_IO;
    assert_string_equal(jx_scratch_str(s.w, "x"), "");
    assert_string_equal(jx_scratch_fail(s.w), "");
    assert_int_equal(s.w->err, JX_ERR_IO);
    s.c.fail_from = 0;
    sink_close(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_aligned_by_display_width),
        cmocka_unit_test(json_strings_escaped),
        cmocka_unit_test(json_backspace_and_form_feed),
        cmocka_unit_test(json_members_and_grades),
        cmocka_unit_test(scratch_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
