/* SPDX-License-Identifier: MIT */
/* test_import_cells.c — the cell helpers the budget-document readers share: splitting a
 * row into cleaned cells, keys of text that is not NUL-terminated, joining without a
 * fixed limit, and naming a project from its 名称 row. */
#include "import_cells.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/** A model with one project begun, for the helpers that copy into it. */
static jx_imp *open_model(void)
{
    jx_imp *im = jx_imp_create(NULL, "t.txt", NULL, NULL);
    assert_non_null(im);
    assert_non_null(jx_imp_begin(im, 1));
    return im;
}

static void test_split_cleans_each_cell(void **state)
{
    (void)state;
    jx_imp *im = open_model();
    static const char text[] = "<p>项目 名称</p>\t 根据需求开 通 \t\tx";
    jx_imp_line line = {text, strlen(text), 7};
    const char *c[4];
    assert_int_equal(jx_cell_split(im, &line, c, 4, JX_CELL_MARKUP | JX_CELL_JOIN), 4);
    assert_string_equal(c[0], "项目名称");     /* tags dropped, the blank between CJK too */
    assert_string_equal(c[1], "根据需求开通"); /* trimmed */
    assert_string_equal(c[2], "");
    assert_string_equal(c[3], "x");
    /* two cells at most: the second takes the rest, cleaned as one cell */
    assert_int_equal(jx_cell_split(im, &line, c, 2, JX_CELL_MARKUP), 2);
    assert_string_equal(c[0], "项目 名称"); /* without JX_CELL_JOIN the blank stays */
    assert_string_equal(c[1], "根据需求开 通 \t\tx");
    jx_imp_destroy(im);
}

/*
 * The blanks inside a cell are the one blank set but a line break (JX_TEXT_NO_BREAK):
 * the Unicode spaces EM SPACE (U+2003) and NARROW NO-BREAK SPACE (U+202F) count now, as
 * NBSP and U+3000 did. "数据" EM SPACE "中心" joins to 数据中心 (it kept the EM SPACE), the
 * cell EN SPACE "甲" NNBSP is trimmed to 甲, and 数据 NNBSP 中心 names the same as 数据中心. A
 * line break in a cell still stays: "一期" LF "二期" keeps its LF.
 */
static void test_unicode_spaces_are_blanks(void **state)
{
    (void)state;
    jx_imp *im = open_model();
    static const char text[] = "数据\xE2\x80\x83中心\t\xE2\x80\x82甲\xE2\x80\xAF\t一期\n二期";
    jx_imp_line line = {text, strlen(text), 3};
    const char *c[3];
    assert_int_equal(jx_cell_split(im, &line, c, 3, JX_CELL_JOIN), 3);
    assert_string_equal(c[0], "数据中心");
    assert_string_equal(c[1], "甲");
    assert_string_equal(c[2], "一期\n二期");
    assert_true(jx_cell_same("数据\xE2\x80\xAF中心", "数据中心"));
    assert_false(jx_cell_same("数据\n中心", "数据中心"));
    jx_imp_destroy(im);
}

static void test_key_of_text_that_is_not_terminated(void **state)
{
    (void)state;
    char key[JX_CELL_KEY_MAX];
    static const char row[] = "部门 （单位） 名称：\t越城区";
    assert_string_equal(jx_cell_key_n(row, strlen("部门 （单位） 名称："), key, sizeof key), "部门(单位)名称");
    static char wide[JX_CELL_KEY_MAX];
    memset(wide, 'a', sizeof wide);
    assert_string_equal(jx_cell_key_n(wide, sizeof wide, key, sizeof key), ""); /* too long to be a key */
    assert_int_equal(strlen(jx_cell_key_n(wide, sizeof wide - 2, key, sizeof key)), sizeof wide - 2);
}

static void test_join_has_no_fixed_limit(void **state)
{
    (void)state;
    jx_imp *im = open_model();
    assert_string_equal(jx_cell_join(im, "253001", " ", "市大数据局"), "253001 市大数据局");
    assert_string_equal(jx_cell_join(im, "", "；", "目标"), "目标");
    assert_string_equal(jx_cell_join(im, "目标", "；", ""), "目标");
    static char half[20000];
    memset(half, 'a', sizeof half - 1);
    const char *joined = jx_cell_join(im, half, "；", half);
    assert_int_equal(strlen(joined), 2 * (sizeof half - 1) + strlen("；")); /* over 16 KiB */
    jx_imp_destroy(im);
}

static void test_naming_a_project(void **state)
{
    (void)state;
    jx_imp *im = open_model();
    jx_cell_name_project(im, 3, "越城区大数据局", "整体绩效目标");
    jx_imp_project *p = jx_imp_current(im);
    assert_string_equal(p->field[JX_IMP_NAME], "越城区大数据局整体绩效目标");
    assert_string_equal(p->field[JX_IMP_DEPT], "越城区大数据局");
    assert_string_equal(p->field[JX_IMP_ORG], "越城区大数据局");
    assert_int_equal(p->field_row[JX_IMP_ORG], 3);
    assert_int_equal(jx_imp_diag_count(im), 0);
    assert_non_null(jx_imp_begin(im, 9));
    jx_cell_name_project(im, 9, "", NULL);
    p = jx_imp_current(im);
    assert_string_equal(p->field[JX_IMP_NAME], "");
    assert_string_equal(p->field[JX_IMP_DEPT], ""); /* only a whole department's row names them */
    assert_int_equal(jx_imp_diag_count(im), 1);
    assert_string_equal(jx_imp_diag(im, 0)->code, "missing-name");
    assert_int_equal(jx_imp_diag(im, 0)->line, 9);
    jx_imp_destroy(im);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_cleans_each_cell),
        cmocka_unit_test(test_unicode_spaces_are_blanks),
        cmocka_unit_test(test_key_of_text_that_is_not_terminated),
        cmocka_unit_test(test_join_has_no_fixed_limit),
        cmocka_unit_test(test_naming_a_project),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
