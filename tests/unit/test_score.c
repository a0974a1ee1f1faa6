/* SPDX-License-Identifier: MIT */
/* test_score.c — the arithmetic of the scoring rules (score.h), one implementation
 * each: rounding half up, execution rates, sums of weights, the 满分 under 不适用, grade
 * bands, 不适用 按比例折算, the public API's hundredths, and formulas built on request
 * without changing the project. Every expected number is worked out by hand beside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "build.h"
#include "score.h"

#include <string.h>

/* A jx_dec from its written form. */
static jx_dec d(const char *s)
{
    return jx_test_dec(s);
}

/* a == b as numbers, whatever their scales. */
static void assert_dec_equal(jx_dec a, const char *b)
{
    assert_int_equal(jx_dec_cmp(a, d(b)), 0);
}

static void rounding_half_up(void **state)
{
    (void)state;
    /* 5.005 at 2 places: the third decimal is a 5 exactly, so up: 5.01 */
    assert_int_equal(jx_dec_to_units(d("5.005"), 2), 501);
    /* 5.0049 → 5.00; −5.005 → −5.01 (away from zero, as a person rounds) */
    assert_int_equal(jx_dec_to_units(d("5.0049"), 2), 500);
    assert_int_equal(jx_dec_to_units(d("-5.005"), 2), -501);
    /* no rounding: 60 at 2 places is 6000 units, 7.5 at 4 is 75000 */
    assert_int_equal(jx_dec_to_units(d("60"), 2), 6000);
    assert_int_equal(jx_dec_to_units(d("7.5"), 4), 75000);
    /* 0.5 at 0 places → 1; 123.4567 at 0 → 123 */
    assert_int_equal(jx_dec_to_units(d("0.5"), 0), 1);
    assert_int_equal(jx_dec_to_units(d("123.4567"), 0), 123);

    /* scores in 10^-decimals units as hundredths */
    assert_int_equal(jx_units_to_cents(2250, 2), 2250); /* 22.50 */
    assert_int_equal(jx_units_to_cents(5005, 3), 501);  /* 5.005 → 5.01 */
    assert_int_equal(jx_units_to_cents(12345, 4), 123); /* 1.2345 → 1.23 */
    assert_int_equal(jx_units_to_cents(12350, 4), 124); /* 1.2350 → 1.24 */
    assert_int_equal(jx_units_to_cents(15, 1), 150);    /* 1.5 → 1.50 */
    assert_int_equal(jx_units_to_cents(7, 0), 700);     /* 7 → 7.00 */
    assert_int_equal(jx_units_to_cents(-1, 2), -1);     /* no score */
    assert_int_equal(jx_units_to_cents(-1, 4), -1);
}

static void execution_rates(void **state)
{
    (void)state;
    jx_project *p = jx_test_project("资金");
    /* no funds: no rate */
    assert_int_equal(jx_project_funds_rate(p), -1);
    jx_test_funds(p, NULL, "0", "0", "0");
    jx_test_funds(p, "一般公共预算资金", "80", "77.5", "74.93");
    /* 74.93 / 77.5 = 0.9668387… → 96.68 % = 9668 hundredths of a percent */
    assert_int_equal(jx_funds_rate(&p->funds[1]), 9668);
    /* a zero budget has no rate */
    assert_int_equal(jx_funds_rate(&p->funds[0]), -1);
    /* 年度资金总额 without a budget: the rows' sum, 74.93 / 77.5 again */
    assert_int_equal(jx_project_funds_rate(p), 9668);
    /* 年度资金总额 with one: it alone, 107.26 / 115 = 0.9326956… → 93.27 % */
    p->funds[0].budget = d("115");
    p->funds[0].spent = d("107.26");
    assert_int_equal(jx_project_funds_rate(p), 9327);
    /* half up: 1 of 20000 is 0.005 % exactly → 0.01 %; 2 / 3 = 66.666… % → 66.67 % */
    jx_funds f = p->funds[1];
    f.budget = d("20000");
    f.spent = d("1");
    assert_int_equal(jx_funds_rate(&f), 1);
    f.budget = d("3");
    f.spent = d("2");
    assert_int_equal(jx_funds_rate(&f), 6667);
    /* amounts of different scales: 1.5 of 2.25 = 66.666… % → 66.67 % */
    f.budget = d("2.25");
    f.spent = d("1.5");
    assert_int_equal(jx_funds_rate(&f), 6667);
    jx_test_project_free(p);
}

/* 甲 62.5, 乙 17.5 不适用, 丙 20, 丁 without a weight. */
static jx_project *weighted(void)
{
    jx_project *p = jx_test_project("权重");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_test_ind(p, g2, "甲", "≥1", "62.5", "1");
    jx_test_ind(p, g2, "乙", "≥1", "17.5", NULL)->not_applicable = true;
    jx_test_ind(p, g2, "丙", "≥1", "20", "1");
    jx_test_ind(p, g2, "丁", "≥1", NULL, "1");
    return p;
}

static void sums_of_weights(void **state)
{
    (void)state;
    jx_project *p = weighted();
    /* 62.5 + 17.5 + 20 = 100 (丁 has none) */
    assert_dec_equal(jx_indicator_weights(p), "100");
    /* without 乙 (不适用): 62.5 + 20 = 82.5 */
    assert_dec_equal(jx_applicable_weight(p), "82.5");
    /* the 总分 row: no 单列 执行率 → 100; with 10 points 单列 → 110 */
    assert_dec_equal(jx_weight_total(p), "100");
    p->exec_separate = true;
    p->exec_points = d("10");
    assert_dec_equal(jx_weight_total(p), "110");
    jx_test_project_free(p);
}

/* 不适用 剔除 lowers the 满分; 按比例折算 and a 不适用 of no weight do not state one. */
static void full_marks(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_project *p = jx_test_project("满分");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_test_ind(p, g2, "甲", "≥1", "62.5", "1");
    jx_test_ind(p, g2, "乙", "≥1", "17.5", NULL)->not_applicable = true;
    jx_test_ind(p, g2, "丙", "≥1", "20", "1");
    jx_full_marks fm;
    jx_full_marks_of(p, &fm); /* before scoring: nothing */
    assert_false(fm.stated);
    assert_int_equal(jx_score(p, pol), JX_OK);
    /* 62.50 + 20.00 = 82.50 out of 100 − 17.5 = 82.5 */
    assert_int_equal(jx_project_total_cents(p), 8250);
    jx_full_marks_of(p, &fm);
    assert_true(fm.stated);
    assert_dec_equal(fm.full, "82.5");
    assert_dec_equal(fm.dropped, "17.5");
    jx_policy_close(pol);

    /* 按比例折算: the 满分 stays 100, nothing stated; 82.50 × 100 / 82.5 = 100.00 */
    static const char rescale[] = "评分办法 \"折算\" {\n    不适用 按比例折算\n}\n";
    assert_int_equal(jx_policy_open_memory(&pol, "r.jx", rescale, sizeof rescale - 1, NULL), JX_OK);
    assert_int_equal(jx_score(p, pol), JX_OK);
    assert_int_equal(jx_project_total_cents(p), 10000);
    jx_full_marks_of(p, &fm);
    assert_false(fm.stated);
    jx_policy_close(pol);
    jx_test_project_free(p);

    /* a 不适用 of weight 0 drops nothing */
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    p = jx_test_project("零");
    g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    jx_test_ind(p, g1, "甲", "≥1", "100", "1");
    jx_test_ind(p, g1, "乙", "≥1", "0", NULL)->not_applicable = true;
    assert_int_equal(jx_score(p, pol), JX_OK);
    jx_full_marks_of(p, &fm);
    assert_false(fm.stated);
    jx_policy_close(pol);
    jx_test_project_free(p);
}

static void not_applicable_rescale(void **state)
{
    (void)state;
    /* 82.50 of 82.5 applicable points, to 100: 8250 × 100 / 82.5 = 10000 */
    assert_int_equal(jx_na_rescale(8250, d("100"), d("82.5")), 10000);
    /* 66.67 of 70, to 100: 6667 × 100 / 70 = 9524.285… → 9524 */
    assert_int_equal(jx_na_rescale(6667, d("100"), d("70")), 9524);
    /* half up: 3 × 90 / 60 = 4.5 → 5; 1 × 1 / 2 = 0.5 → 1 */
    assert_int_equal(jx_na_rescale(3, d("90"), d("60")), 5);
    assert_int_equal(jx_na_rescale(1, d("1"), d("2")), 1);
    /* units of 10^-4 (小数 4): 0.1234 × 90 / 45 = 0.2468 */
    assert_int_equal(jx_na_rescale(1234, d("90"), d("45")), 2468);
}

static void grade_bands(void **state)
{
    (void)state;
    jx_policy pol;
    memset(&pol, 0, sizeof pol);
    jx_policy_set_defaults(&pol);
    /* 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below; each lower bound inclusive */
    assert_int_equal(jx_grade_of(&pol, d("100")), JX_GRADE_EXCELLENT);
    assert_int_equal(jx_grade_of(&pol, d("90.00")), JX_GRADE_EXCELLENT);
    assert_int_equal(jx_grade_of(&pol, d("89.99")), JX_GRADE_GOOD);
    assert_int_equal(jx_grade_of(&pol, d("80")), JX_GRADE_GOOD);
    assert_int_equal(jx_grade_of(&pol, d("79.9999")), JX_GRADE_FAIR);
    assert_int_equal(jx_grade_of(&pol, d("60")), JX_GRADE_FAIR);
    assert_int_equal(jx_grade_of(&pol, d("59.99")), JX_GRADE_POOR);
    assert_int_equal(jx_grade_of(&pol, d("0")), JX_GRADE_POOR);
    /* 80/70/60 bands: 79.99 is 良, 70 良, 69.5 中 */
    pol.bands[0] = d("80");
    pol.bands[1] = d("70");
    assert_int_equal(jx_grade_of(&pol, d("79.99")), JX_GRADE_GOOD);
    assert_int_equal(jx_grade_of(&pol, d("70")), JX_GRADE_GOOD);
    assert_int_equal(jx_grade_of(&pol, d("69.5")), JX_GRADE_FAIR);
}

/* The public accessors speak hundredths, whatever the policy's 小数. */
static void public_hundredths(void **state)
{
    (void)state;
    jx_project *p = jx_test_project("百分");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    jx_indicator *ind = jx_test_ind(p, g1, "甲", "≥3", "17.555", "2");
    /* 17.555 → 17.56 (half up); no weight → -1 */
    assert_int_equal(jx_indicator_weight_cents(ind), 1756);
    jx_test_ind(p, g1, "乙", "≥1", NULL, "1");
    assert_int_equal(jx_indicator_weight_cents(&p->inds[1]), -1);
    /* before scoring: -1 */
    assert_int_equal(jx_project_total_cents(p), -1);
    assert_int_equal(jx_indicator_score_cents(&p->inds[0]), -1);
    /* a claimed 总分 of 95.125 → 95.13 */
    jx_test_claim_total(p, "95.125", JX_GRADE_NONE);
    assert_int_equal(jx_project_claimed_total_cents(p), 9513);
    /* as jx_score would leave it under 小数 3: 甲 17.555 × 2 / 3 = 11.70333… → 11.703,
     * in hundredths 11.70; a total of 11.705 → 11.71 */
    p->scored = true;
    p->decimals = 3;
    p->inds[0].score = 11703;
    p->total = 11705;
    assert_int_equal(jx_indicator_score_cents(&p->inds[0]), 1170);
    assert_int_equal(jx_project_total_cents(p), 1171);
    jx_test_project_free(p);
}

/* One indicator ≥60个 权重 30 实际 45, scored under the default policy: 22.50. */
static jx_project *scored_one(jx_policy **pol)
{
    jx_project *p = jx_test_project("公式");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_indicator *ind = jx_test_ind(p, g2, "指标", "≥60个", "30", "45");
    jx_test_reason(p, ind, "说明");
    assert_int_equal(jx_policy_open(pol, "default", NULL), JX_OK);
    assert_int_equal(jx_score(p, *pol), JX_OK);
    return p;
}

static void formula_leaves_the_project_alone(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    jx_project *p = scored_one(&pol);
    const jx_indicator *ind = &p->inds[0];
    /* 30 × 45 / 60 = 22.50 */
    const char *f = jx_indicator_formula(ind);
    assert_string_equal(f, "22.50 = 30 × 45 / 60");
    /* kept in the formula store, not in the indicator */
    assert_string_equal(ind->formula, "");
    assert_non_null(p->formulas);
    assert_ptr_equal(p->formulas->text[0], f);
    assert_ptr_equal(jx_indicator_formula(ind), f);
    /* scoring again empties the store: a new text, the same words */
    assert_int_equal(jx_score(p, pol), JX_OK);
    assert_null(p->formulas->text);
    assert_string_equal(jx_indicator_formula(ind), "22.50 = 30 × 45 / 60");
    /* a formula given with the indicator is returned as it is */
    p->inds[0].formula = "手写";
    assert_string_equal(jx_indicator_formula(ind), "手写");
    p->inds[0].formula = "";
    /* the reader moving on (reset) empties it too */
    jx_project_reset(p);
    assert_null(p->formulas->text);
    jx_policy_close(pol);
    jx_test_project_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rounding_half_up),
        cmocka_unit_test(execution_rates),
        cmocka_unit_test(sums_of_weights),
        cmocka_unit_test(full_marks),
        cmocka_unit_test(not_applicable_rescale),
        cmocka_unit_test(grade_bands),
        cmocka_unit_test(public_hundredths),
        cmocka_unit_test(formula_leaves_the_project_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
