/* SPDX-License-Identifier: MIT */
/* test_form.c — the 自评表 laid out as the form's grid: rows in the order of order.h,
 * the spans of the group cells, Σ 权重, and the texts of the cells that show the scoring
 * layer's numbers (the numbers themselves are tested in test_score.c and test_order.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"
#include "build.h"
#include "report.h"

#include <string.h>

/* Lays out p in ar, failing the test when it cannot. */
static jx_form layout(const jx_project *p, jx_arena *ar)
{
    jx_form f;
    assert_int_equal(jx_form_build(&f, p, ar), JX_OK);
    return f;
}

static void yuecheng_rows_and_spans(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_arena ar;
    jx_arena_init(&ar, jx_alloc_or_default(NULL));
    jx_form f = layout(&p, &ar);
    /* 产出指标: 数量 2, 质量 (empty) 1, 时效 1, 成本 (empty) 1 = 5 rows; 效益指标: 经济 1,
     * 社会 1, 生态 1, 可持续 1 = 4; 满意度指标 1: 10 rows */
    assert_int_equal(f.nrows, 10);
    static const uint32_t l1_span[10] = {5, 0, 0, 0, 0, 4, 0, 0, 0, 1};
    static const uint32_t l2_span[10] = {2, 0, 1, 1, 1, 1, 1, 1, 1, 1};
    static const char *const l2[10] = {"数量指标", "数量指标", "质量指标", "时效指标", "成本指标",
                                       "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度"};
    static const char *const name[10] = {"接入系统数量", "运行保障期限", NULL, "执行率", NULL,
                                         "工作效率", NULL, NULL, "政务云稳定性", "服务对象满意率"};
    for (size_t r = 0; r < 10; r++) {
        assert_int_equal(f.rows[r].l1_span, l1_span[r]);
        assert_int_equal(f.rows[r].l2_span, l2_span[r]);
        assert_non_null(f.rows[r].l2);
        assert_string_equal(f.rows[r].l2->name.s, l2[r]);
        if (name[r])
            assert_string_equal(f.rows[r].ind->name.s, name[r]);
        else
            assert_null(f.rows[r].ind);
    }
    assert_string_equal(f.rows[4].l1->name.s, "产出指标");
    assert_string_equal(f.rows[5].l1->name.s, "效益指标");
    assert_string_equal(f.rows[9].l1->name.s, "满意度指标");
    /* 30 + 20 + 10 + 15 + 15 + 10 = 100 */
    assert_string_equal(jx_form_dec(&ar, f.weight_sum), "100");
    jx_arena_free(&ar);
    jx_project_free(&p);
}

static void direct_indicators_and_empty_level1(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    p.src.file = "direct.jx";
    /* two indicators written straight in 一级 (a library user may build that), a 二级
     * group after them, and an empty 一级 group */
    uint32_t out = fx_group(&p, "产出指标", 1, 0, "60");
    uint32_t qty = fx_group(&p, "数量指标", 2, out, "20");
    fx_group(&p, "效益指标", 1, 0, NULL);
    jx_value t = fx_value(&p, JX_SIGN_GE, "1", "", 0, "≥1", 1, 1);
    fx_ind(&p, out, "甲", t, t, "20", 1);
    fx_ind(&p, qty, "乙", t, t, "20", 2);
    fx_ind(&p, out, "丙", t, t, "20.5", 3);
    jx_arena ar;
    jx_arena_init(&ar, jx_alloc_or_default(NULL));
    jx_form f = layout(&p, &ar);
    /* 甲, 丙 (direct, in source order), 乙, then the empty 效益指标 */
    assert_int_equal(f.nrows, 4);
    assert_string_equal(f.rows[0].ind->name.s, "甲");
    assert_string_equal(f.rows[1].ind->name.s, "丙");
    assert_string_equal(f.rows[2].ind->name.s, "乙");
    assert_null(f.rows[3].ind);
    assert_int_equal(f.rows[0].l1_span, 3);
    assert_int_equal(f.rows[3].l1_span, 1);
    assert_null(f.rows[0].l2);
    assert_int_equal(f.rows[0].l2_span, 2); /* one empty 二级 cell beside both */
    assert_int_equal(f.rows[1].l2_span, 0);
    assert_int_equal(f.rows[2].l2_span, 1);
    assert_null(f.rows[3].l2);
    assert_int_equal(f.rows[3].l2_span, 1);
    /* 20 + 20 + 20.5 */
    assert_string_equal(jx_form_dec(&ar, f.weight_sum), "60.5");
    /* no points declared: the bare name */
    assert_string_equal(jx_form_group_label(&ar, &p, f.rows[3].l1), "效益指标");
    jx_arena_free(&ar);
    jx_project_free(&p);
}

static void cell_texts(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    jx_arena ar;
    jx_arena_init(&ar, jx_alloc_or_default(NULL));
    assert_string_equal(jx_form_group_label(&ar, &p, &p.groups[0]), "产出指标 (50.00分)");
    assert_string_equal(jx_form_score(&ar, &p, 3750), "37.50");
    assert_string_equal(jx_form_score(&ar, &p, -1), "—");
    assert_string_equal(jx_form_indicator_score(&ar, &p, &p.inds[0]), "22.50");
    assert_string_equal(jx_form_weight(&ar, &p.inds[1]), "20");
    assert_string_equal(jx_form_grade(&p), "差");
    /* 单列 10 分 */
    p.exec_points = fx_dec("10");
    assert_string_equal(jx_form_exec_label(&ar, &p), "预算执行率 (10.00分)");
    /* no funds: no rate */
    assert_string_equal(jx_form_total_rate(&ar, &p), "—");
    /* 74.93 / 77.5 = 0.966838… → 96.68%; a zero budget has no rate */
    fx_funds(&p, "年度资金总额", "0", "0", "0");
    fx_funds(&p, "一般公共预算资金", "80", "77.5", "74.93");
    assert_string_equal(jx_form_funds_rate(&ar, &p.funds[0]), "—");
    assert_string_equal(jx_form_funds_rate(&ar, &p.funds[1]), "96.68%");
    /* 年度资金总额 without a budget: the rows' sum, 74.93 / 77.5 */
    assert_string_equal(jx_form_total_rate(&ar, &p), "96.68%");
    /* 年度资金总额 with one: it alone, 107.26 / 115 = 0.932695… → 93.27% */
    p.funds[0].budget = fx_dec("115");
    p.funds[0].spent = fx_dec("107.26");
    assert_string_equal(jx_form_total_rate(&ar, &p), "93.27%");
    /* 不适用, and before scoring */
    p.inds[1].not_applicable = true;
    p.inds[1].method = JX_METHOD_NOT_APPLICABLE;
    assert_string_equal(jx_form_indicator_score(&ar, &p, &p.inds[1]), "不适用");
    p.scored = false;
    assert_string_equal(jx_form_indicator_score(&ar, &p, &p.inds[0]), "—");
    assert_string_equal(jx_form_grade(&p), "—");
    p.inds[0].has_weight = false;
    assert_string_equal(jx_form_weight(&ar, &p.inds[0]), "—");
    jx_arena_free(&ar);
    jx_project_free(&p);
}

/* The rows follow the order of order.h: a project written 效益 before 产出, 质量 before
 * 数量, one indicator directly in 产出 after its 二级 groups. */
static void rows_follow_the_order(void **state)
{
    (void)state;
    jx_project *p = jx_test_project("顺序");
    uint32_t xy = jx_test_group(p, 1, "效益指标", NULL, 0);
    uint32_t sh = jx_test_group(p, 2, "社会效益指标", NULL, xy);
    jx_test_ind(p, sh, "社", "≥1", "10", "1");
    uint32_t cc = jx_test_group(p, 1, "产出", NULL, 0);
    uint32_t zl = jx_test_group(p, 2, "质量", NULL, cc);
    jx_test_ind(p, zl, "质", "≥1", "10", "1");
    uint32_t sl = jx_test_group(p, 2, "数量指标", NULL, cc);
    jx_test_ind(p, sl, "数", "≥1", "10", "1");
    jx_test_ind(p, cc, "直", "≥1", "10", "1");
    jx_arena ar;
    jx_arena_init(&ar, jx_alloc_or_default(NULL));
    jx_order o;
    assert_int_equal(jx_order_build(&o, p, &ar), JX_OK);
    jx_form f = layout(p, &ar);
    /* 产出: 直, 数, 质 (3 rows); 效益指标: 社 (1 row) */
    assert_int_equal(f.nrows, 4);
    for (size_t r = 0; r < 4; r++)
        assert_ptr_equal(f.rows[r].ind, o.inds[r]);
    assert_string_equal(f.rows[0].ind->name.s, "直");
    assert_int_equal(f.rows[0].l1_span, 3);
    assert_string_equal(f.rows[1].l2->name.s, "数量指标");
    assert_string_equal(f.rows[3].l1->name.s, "效益指标");
    jx_arena_free(&ar);
    jx_test_project_free(p);
}

/* The 满分 statement words what jx_full_marks_of (score.h) gives: 100 − 17.5 = 82.5. */
static void full_marks_wording(void **state)
{
    (void)state;
    jx_arena ar;
    jx_arena_init(&ar, jx_alloc_or_default(NULL));
    jx_full_marks fm = {true, fx_dec("82.5"), fx_dec("17.5")};
    assert_string_equal(jx_form_full_marks_label, "满分");
    assert_string_equal(jx_form_full_marks_value(&ar, &fm), "82.5（不适用 17.5 分剔除）");
    /* at the scale the scoring layer sums at: 82.500000000 is written 82.5 */
    fm.full = (jx_dec){82500000000, 9};
    fm.dropped = (jx_dec){17500000000, 9};
    assert_string_equal(jx_form_full_marks_value(&ar, &fm), "82.5（不适用 17.5 分剔除）");
    fm.stated = false;
    assert_string_equal(jx_form_full_marks_value(&ar, &fm), "");
    jx_arena_free(&ar);
}

/* An allocator that refuses everything. */
static void *no_memory(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0)
        free(ptr);
    return NULL;
}

static void out_of_memory_is_reported(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_allocator none = {no_memory, NULL};
    jx_arena ar;
    jx_arena_init(&ar, &none);
    jx_form f;
    assert_int_equal(jx_form_build(&f, &p, &ar), JX_ERR_NOMEM);
    jx_arena_free(&ar);
    jx_project_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(yuecheng_rows_and_spans),
        cmocka_unit_test(direct_indicators_and_empty_level1),
        cmocka_unit_test(cell_texts),
        cmocka_unit_test(rows_follow_the_order),
        cmocka_unit_test(full_marks_wording),
        cmocka_unit_test(out_of_memory_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
