/* SPDX-License-Identifier: MIT */
/* test_import_model.c — the table model: fields, rows, trimming, line helpers, the sink. */
#include "imp_collect.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/** Sink counting projects and remembering the last one's name and indicator count. */
typedef struct seen {
    int projects;
    char name[64];
    size_t inds;
} seen;

static int remember(void *ud, const jx_imp_project *p)
{
    seen *s = ud;
    s->projects++;
    snprintf(s->name, sizeof s->name, "%s", p->field[JX_IMP_NAME]);
    s->inds = p->ninds;
    return 0;
}

static void test_projects_go_to_the_sink_one_at_a_time(void **state)
{
    (void)state;
    seen s = {0};
    static const char text[] = "a\nb\nc\n";
    jx_imp *im = jx_imp_create(NULL, "t.txt", remember, &s);
    assert_non_null(im);
    jx_imp_set_text(im, text, strlen(text));
    assert_non_null(jx_imp_begin(im, 1));
    assert_int_equal(jx_imp_set(im, JX_IMP_NAME, 1, " 　项目甲\t", strlen(" 　项目甲\t")), 0);
    assert_non_null(jx_imp_indicator_add(im, 1));
    assert_non_null(jx_imp_indicator_add(im, 2));
    assert_int_equal(s.projects, 0);
    assert_non_null(jx_imp_begin(im, 3));
    assert_int_equal(s.projects, 1);
    assert_string_equal(s.name, "项目甲");
    assert_int_equal(s.inds, 2);
    assert_int_equal(jx_imp_set(im, JX_IMP_NAME, 3, "项目乙", strlen("项目乙")), 0);
    jx_imp_row(im, 2, JX_IMP_ROW_SKIPPED, "表头");
    jx_imp_row(im, 3, JX_IMP_ROW_NOT_UNDERSTOOD, "看不懂");
    assert_int_equal(jx_imp_finish(im), 0);
    assert_int_equal(s.projects, 2);
    assert_string_equal(s.name, "项目乙");
    jx_imp_stats st = jx_imp_get_stats(im);
    assert_int_equal(st.projects, 2);
    assert_int_equal(st.indicators, 2);
    assert_int_equal(st.rows, 3);
    assert_int_equal(st.skipped, 1);
    assert_int_equal(st.not_understood, 1);
    assert_int_equal(jx_imp_diag_count(im), 2);
    const jx_diag *d = jx_imp_diag(im, 1);
    assert_string_equal(d->code, "row-not-understood");
    assert_int_equal(d->severity, JX_SEV_WARNING);
    assert_int_equal(d->line, 3);
    assert_string_equal(d->source_line, "c");
    jx_imp_destroy(im);
    jx_imp_destroy(NULL);
}

static void test_lines_and_tabs(void **state)
{
    (void)state;
    static const char text[] = "a\tb\t\tc\r\n\n末行";
    size_t pos = 0;
    jx_imp_line line = {0};
    const char *cell[8];
    size_t cn[8];
    assert_true(jx_imp_next_line(text, strlen(text), &pos, &line));
    assert_int_equal(line.row, 1);
    assert_int_equal(line.n, 6); /* "a\tb\t\tc" without "\r" */
    assert_int_equal(jx_imp_split_tabs(&line, cell, cn, 8), 4);
    assert_int_equal(cn[2], 0);
    assert_memory_equal(cell[3], "c", 1);
    assert_int_equal(jx_imp_split_tabs(&line, cell, cn, 2), 2);
    assert_int_equal(cn[1], 4); /* "b\t\tc": the last cell takes the rest */
    assert_true(jx_imp_next_line(text, strlen(text), &pos, &line));
    assert_int_equal(line.n, 0);
    assert_int_equal(jx_imp_split_tabs(&line, cell, cn, 8), 1);
    assert_true(jx_imp_next_line(text, strlen(text), &pos, &line));
    assert_int_equal(line.row, 3);
    assert_memory_equal(line.s, "末行", line.n);
    assert_false(jx_imp_next_line(text, strlen(text), &pos, &line));
    assert_true(jx_text_is_blank(" \t　", strlen(" \t　"), JX_TEXT_BLANKS));
    assert_false(jx_text_is_blank(" x", 2, JX_TEXT_BLANKS));
}

static void test_blanks_trimming_and_spans(void **state)
{
    (void)state;
    assert_int_equal(jx_text_blank_at("　x", strlen("　x"), JX_TEXT_BLANKS), 3);  /* U+3000 */
    assert_int_equal(jx_text_blank_at("\xC2\xA0x", 3, JX_TEXT_BLANKS), 2);        /* NBSP */
    assert_int_equal(jx_text_blank_at("\nx", 2, JX_TEXT_BLANKS), 1);
    assert_int_equal(jx_text_blank_at("\xE3\x80", 2, JX_TEXT_BLANKS), 0);        /* U+3000 cut short is no blank */
    assert_int_equal(jx_text_blank_at("x ", 2, JX_TEXT_BLANKS), 0);
    static const char text[] = " \t　项目 甲\xC2\xA0\r\n";
    jx_imp_span t = jx_text_trim(text, strlen(text), JX_TEXT_BLANKS);
    assert_int_equal(t.n, strlen("项目 甲"));
    assert_memory_equal(t.s, "项目 甲", t.n);
    assert_int_equal(jx_text_trim("　 ", strlen("　 "), JX_TEXT_BLANKS).n, 0);
    /* the Unicode spaces NFKC reads as a space are blanks of an import too (they were not):
     * EN SPACE, NARROW NO-BREAK SPACE and MEDIUM MATHEMATICAL SPACE around 甲 go */
    jx_imp_span u = jx_text_trim("\xE2\x80\x82甲\xE2\x80\xAF\xE2\x81\x9F", 12, JX_TEXT_BLANKS);
    assert_int_equal(u.n, 3);
    assert_memory_equal(u.s, "甲", 3);
    assert_true(jx_imp_span_eq(t, "项目 甲"));
    assert_false(jx_imp_span_eq(t, "项目"));
    assert_true(jx_imp_span_starts(t, "项目"));
    assert_false(jx_imp_span_starts(t, "甲"));
    assert_ptr_equal(jx_imp_span_find(t, "甲"), t.s + strlen("项目 "));
    assert_null(jx_imp_span_find(t, "乙"));
    static char wide[5000];
    memset(wide, 'x', sizeof wide);
    jx_imp_span w = {wide, sizeof wide};
    assert_int_equal(jx_imp_span_len(w), 4096); /* quoted cut in messages */
    assert_int_equal(jx_imp_span_len(t), (int)strlen("项目 甲"));
}

static void test_join_builds_text_of_any_length(void **state)
{
    (void)state;
    jx_imp *im = jx_imp_create(NULL, "t.txt", NULL, NULL);
    assert_non_null(im);
    assert_non_null(jx_imp_begin(im, 1));
    /* the parts as written, trimmed around the whole only: the blank between stays */
    jx_imp_span part[3] = {{"　253001", strlen("　253001")}, {" ", 1}, {"市大数据局 ", strlen("市大数据局 ")}};
    assert_string_equal(jx_imp_join(im, part, 3), "253001 市大数据局");
    jx_imp_span blank[2] = {{" ", 1}, {NULL, 0}};
    assert_string_equal(jx_imp_join(im, blank, 2), "");
    assert_string_equal(jx_imp_join(im, part, 0), "");
    /* three pieces of 20 000 bytes: 60 000, more than any fixed buffer held */
    static char piece[20000];
    memset(piece, 'a', sizeof piece);
    jx_imp_span big[3] = {{piece, sizeof piece}, {piece, sizeof piece}, {piece, sizeof piece}};
    const char *joined = jx_imp_join(im, big, 3);
    assert_int_equal(strlen(joined), 3 * sizeof piece);
    assert_int_equal(jx_imp_oom(im), 0);
    jx_imp_destroy(im);
}

static void test_formats_are_found_by_name(void **state)
{
    (void)state;
    static const char *const names[] = {"zj-target", "zz-target", "wh-declare", "zj-selfeval", "csv"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const jx_imp_format *f = jx_imp_format_find(names[i]);
        assert_non_null(f);
        assert_string_equal(f->name, names[i]);
    }
    assert_null(jx_imp_format_find("xlsx"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_projects_go_to_the_sink_one_at_a_time),
        cmocka_unit_test(test_lines_and_tabs),
        cmocka_unit_test(test_blanks_trimming_and_spans),
        cmocka_unit_test(test_join_builds_text_of_any_length),
        cmocka_unit_test(test_formats_are_found_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
