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
        cmocka_unit_test(test_key_of_text_that_is_not_terminated),
        cmocka_unit_test(test_join_has_no_fixed_limit),
        cmocka_unit_test(test_naming_a_project),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
