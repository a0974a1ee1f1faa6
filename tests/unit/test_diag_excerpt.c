/* SPDX-License-Identifier: MIT */
/* test_diag_excerpt.c — what a diagnostic quotes of a long line or a long token
 * (docs/limits.md): a line of at most 1024 bytes whole, a longer one as an excerpt of at
 * most 120 display columns, 40 of them before the position (one of those taken by the
 * "…" that marks the cut), a quoted token cut after 40 columns. Every expected value is
 * counted by hand from those rules in the comment above it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arena.h"
#include "diag.h"
#include "text.h"
#include "repeat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The arena and list the diagnostics of a test go to. */
typedef struct fixture {
    jx_arena ar;
    jx_diags d;
} fixture;

static int setup(void **state)
{
    fixture *f = malloc(sizeof *f);
    assert_non_null(f);
    jx_arena_init(&f->ar, NULL);
    jx_diags_init(&f->d, NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    jx_diags_free(&f->d);
    jx_arena_free(&f->ar);
    free(f);
    return 0;
}

/* The diagnostic at byte off (column col) of text, in f. When text is valid UTF-8 it is
 * added again from a source said to be so (jx_source.utf8), whose line is copied without
 * checking: the two quote the same. */
static const jx_diag *diag_at(fixture *f, const char *text, uint32_t off, uint32_t col, uint32_t width)
{
    jx_source src = {"t.jx", text, strlen(text), false};
    jx_pos pos = {off, 1, col, width};
    size_t i = f->d.n;
    assert_non_null(jx_diags_add(&f->d, &f->ar, JX_SEV_ERROR, "syntax", &src, pos, "错"));
    if (jx_text_utf8_scan(text, src.len).bad == 0) {
        src.utf8 = true;
        const jx_diag *v = jx_diags_add(&f->d, &f->ar, JX_SEV_ERROR, "syntax", &src, pos, "错");
        assert_non_null(v);
        const jx_diag *g = &f->d.v[i]; /* after the list grew */
        assert_string_equal(g->source_line, v->source_line);
        assert_int_equal(g->source_column, v->source_column);
    }
    return &f->d.v[i];
}

/*
 * The diagnostic at character `at` (0-based) of a line of n copies of the character c
 * (`bytes` bytes long): its source line must be "…", `keep` copies of c and "…", the first
 * of them at column first_col.
 */
static const jx_diag *expect_cut(fixture *f, const char *c, size_t bytes, size_t n, uint32_t at, size_t keep,
                                 uint32_t first_col)
{
    char *line = jx_test_repeat(c, n), *mid = jx_test_repeat(c, keep);
    const jx_diag *g = diag_at(f, line, at * (uint32_t)bytes, at + 1, 1);
    char *want = malloc(strlen(mid) + 7);
    assert_non_null(want);
    sprintf(want, "…%s…", mid);
    assert_string_equal(g->source_line, want);
    assert_int_equal(g->source_column, first_col);
    free(want);
    free(mid);
    free(line);
    return g;
}

/* A line of 2,000 ASCII letters, the position at column 1000 (byte 999): 39 columns
 * before it after the "…", then 120 - 39 - 1 = 80 columns left, one of them for the
 * closing "…": 79 letters from the position on. 118 letters in all, the first at column
 * 1000 - 39 = 961. The carets go under the position: 4 blanks of indent, 1 cell of "…",
 * 39 letters. */
static void ascii_line_is_cut_around_the_column(void **state)
{
    fixture *f = *state;
    const jx_diag *g = expect_cut(f, "a", 1, 2000, 999, 118, 961);
    char out[1024];
    size_t n = jx_diag_format(g, out, sizeof out);
    assert_true(n < sizeof out);
    char *caret = strrchr(out, '\n');
    *caret = '\0';
    caret = strrchr(out, '\n') + 1;
    char want_caret[64];
    snprintf(want_caret, sizeof want_caret, "%44s^", "");
    assert_string_equal(caret, want_caret);
}

/* A line of 1,000 字 (3 bytes, 2 columns each), the position on the 500th (byte 1497,
 * column 500): 19 characters (38 columns; a 20th would pass 39) before it, then
 * 120 - 38 - 1 = 81 columns, 80 after one is kept for "…": 40 characters. 59 in all, the
 * first at column 500 - 19 = 481. No character is split. */
static void cjk_line_is_cut_at_characters(void **state)
{
    expect_cut(*state, "字", 3, 1000, 499, 59, 481);
}

/* A line of 1,024 bytes is quoted whole; one of 1,025 is cut, at its end only when the
 * position is its first column: 120 columns, 119 letters and "…". The line's neighbours
 * are never quoted. */
static void whole_up_to_1024_bytes(void **state)
{
    fixture *f = *state;
    char *a1024 = jx_test_repeat("a", 1024), *a1025 = jx_test_repeat("a", 1025);
    char *text = malloc(2 + 1024 + 1 + 1025 + 4);
    assert_non_null(text);
    sprintf(text, "x\n%s\n%s\ny", a1024, a1025);
    const jx_diag *g = diag_at(f, text, 2, 1, 1);
    assert_string_equal(g->source_line, a1024);
    assert_int_equal(g->source_column, 1);
    g = diag_at(f, text, 2 + 1025, 1, 1);
    char *a119 = jx_test_repeat("a", 119), want[200];
    snprintf(want, sizeof want, "%s…", a119);
    assert_string_equal(g->source_line, want);
    assert_int_equal(g->source_column, 1);
    /* a short line with a CRLF end and a neighbour: the line alone, without the "\r" */
    g = diag_at(f, "ab\r\ncd 字x\r\nef", 10, 5, 1);
    assert_string_equal(g->source_line, "cd 字x");
    assert_int_equal(g->source_column, 1);
    /* a position on a line's '\n', and one at the end of text without a last '\n' */
    g = diag_at(f, "ab\ncd\nef", 5, 3, 1);
    assert_string_equal(g->source_line, "cd");
    g = diag_at(f, "ab\ncd", 5, 3, 1);
    assert_string_equal(g->source_line, "cd");
    g = diag_at(f, "\n\n", 1, 2, 1); /* an empty line */
    assert_string_equal(g->source_line, "");
    free(a119);
    free(text);
    free(a1024);
    free(a1025);
}

/* The usual line, whole, is copied where both its ends are found (from a source known
 * valid UTF-8, diag_at's second add): on the text's first line (no '\n' before it), on
 * its last (no '\n' after it, one of them ended by a '\r', which is not quoted), and a
 * line of 1024 bytes ended by "\r\n" — 1025 with the '\r': 1024, whole. One of 1025
 * bytes before its "\r\n" is cut as in whole_up_to_1024_bytes: 119 letters and "…". */
static void usual_lines_copied_whole(void **state)
{
    fixture *f = *state;
    const jx_diag *g = diag_at(f, "ab 字\ncd", 1, 2, 1);
    assert_string_equal(g->source_line, "ab 字");
    g = diag_at(f, "ab\ncd 字", 4, 2, 1);
    assert_string_equal(g->source_line, "cd 字");
    g = diag_at(f, "字", 0, 1, 1); /* the one line of a text */
    assert_string_equal(g->source_line, "字");
    g = diag_at(f, "ab\ncd\r", 3, 1, 1); /* the last, its "\r" with no '\n' after it */
    assert_string_equal(g->source_line, "cd");
    char *a1024 = jx_test_repeat("a", 1024), *a1025 = jx_test_repeat("a", 1025);
    char *text = malloc(2 + 1025 + 3 + 1);
    assert_non_null(text);
    sprintf(text, "x\n%s\r\ny", a1024);
    g = diag_at(f, text, 2 + 1000, 1001, 1);
    assert_string_equal(g->source_line, a1024);
    assert_int_equal(g->source_column, 1);
    sprintf(text, "x\n%s\r\n", a1025);
    g = diag_at(f, text, 2, 1, 1);
    char *a119 = jx_test_repeat("a", 119), want[200];
    snprintf(want, sizeof want, "%s…", a119);
    assert_string_equal(g->source_line, want);
    free(a119);
    free(text);
    free(a1024);
    free(a1025);
}

/* A token in a message: 40 columns, then "…" — 40 letters, or 20 字; an invalid byte is
 * U+FFFD; a short one unchanged. */
static void quote_is_cut_after_40_columns(void **state)
{
    fixture *f = *state;
    char *x100 = jx_test_repeat("x", 100), *x40 = jx_test_repeat("x", 40), *z30 = jx_test_repeat("字", 30), *z20 = jx_test_repeat("字", 20);
    char want[200];
    snprintf(want, sizeof want, "%s…", x40);
    assert_string_equal(jx_diag_quote(&f->ar, x100, 100), want);
    snprintf(want, sizeof want, "%s…", z20);
    assert_string_equal(jx_diag_quote(&f->ar, z30, strlen(z30)), want);
    assert_string_equal(jx_diag_quote(&f->ar, x40, 40), x40);
    assert_string_equal(jx_diag_quote(&f->ar, "a\xFF" "b", 3), "a\xEF\xBF\xBD" "b");
    free(x100);
    free(x40);
    free(z30);
    free(z20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(ascii_line_is_cut_around_the_column, setup, teardown),
        cmocka_unit_test_setup_teardown(cjk_line_is_cut_at_characters, setup, teardown),
        cmocka_unit_test_setup_teardown(whole_up_to_1024_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(usual_lines_copied_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(quote_is_cut_after_40_columns, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
