/* SPDX-License-Identifier: MIT */
/* test_eval.c — the evaluator, on projects made in code. Every expected number is
 * worked out by hand from the scoring rules in the comment beside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "build.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------------- fixtures */

/* The central layout: 预算执行率 单列 10 分, weights sum to 90. */
static jx_policy policy_central(bool cap)
{
    jx_policy pol = jx_test_policy_default();
    pol.exec_separate = true;
    pol.exec_points = jx_dec_from_int(10);
    pol.exec_cap = cap;
    pol.layout_total = jx_dec_from_int(90);
    return pol;
}

/* One project with one level-1 and one level-2 group; indicators go in the latter. */
typedef struct fixture {
    jx_project *p; /* the project */
    uint32_t g1;   /* 产出指标 */
    uint32_t g2;   /* 数量指标 */
} fixture;

static fixture fixture_new(void)
{
    fixture f;
    f.p = jx_test_project("测试项目");
    f.g1 = jx_test_group(f.p, 1, "产出指标", NULL, 0);
    f.g2 = jx_test_group(f.p, 2, "数量指标", NULL, f.g1);
    return f;
}

/* Scores one indicator alone under pol and returns its score in cents; *out keeps the
 * project for further checks (free it with jx_test_project_free). */
static int64_t score_one(const jx_policy *pol, const char *target, const char *weight,
                         const char *actual, jx_project **out)
{
    fixture f = fixture_new();
    jx_test_ind(f.p, f.g2, "指标", target, weight, actual);
    jx_test_reason(f.p, &f.p->inds[0], "说明");
    assert_int_equal(jx_score(f.p, pol), JX_OK);
    int64_t cents = jx_indicator_score_cents(&f.p->inds[0]);
    if (out)
        *out = f.p;
    else
        jx_test_project_free(f.p);
    return cents;
}

/* Scores one indicator under the default policy; cents. */
static int64_t score_default(const char *target, const char *weight, const char *actual)
{
    jx_policy pol = jx_test_policy_default();
    return score_one(&pol, target, weight, actual, NULL);
}

/* A project whose only indicator (weight 100, ≥100) scores exactly `actual` points. */
static jx_grade grade_for_total(const jx_policy *pol, const char *actual)
{
    jx_project *p;
    score_one(pol, "≥100", "100", actual, &p);
    jx_grade g = jx_project_grade(p);
    jx_test_project_free(p);
    return g;
}

static jx_project *central_project(const char *budget, const char *spent);

/* ------------------------------------------------- the numbers */

static void ge_ratio_60_30_45(void **state)
{
    (void)state;
    /* ≥60个 权重30 实际45: 30 × 45 / 60 = 22.5 → 22.50 */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "≥60个", "30", "45", &p), 2250);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "ge-ratio");
    assert_string_equal(jx_indicator_formula(&p->inds[0]), "22.50 = 30 × 45 / 60");
    jx_test_project_free(p);
}

static void le_linear_24_15_30(void **state)
{
    (void)state;
    /* ≤24小时 权重15 实际30: 15 × (2 × 24 − 30) / 24 = 15 × 18 / 24 = 11.25 */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "≤24小时", "15", "30", &p), 1125);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "le-linear");
    assert_string_equal(jx_indicator_formula(&p->inds[0]), "11.25 = 15 × (2 × 24 − 30) / 24");
    jx_test_project_free(p);
}

static void le_ratio_24_15_30(void **state)
{
    (void)state;
    /* 反向 比例: 15 × 24 / 30 = 12.00 */
    jx_policy pol = jx_test_policy_default();
    pol.reverse = JX_REVERSE_RATIO;
    jx_project *p;
    assert_int_equal(score_one(&pol, "≤24小时", "15", "30", &p), 1200);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "le-ratio");
    assert_string_equal(jx_indicator_formula(&p->inds[0]), "12.00 = 15 × 24 / 30");
    jx_test_project_free(p);
}

static void le_linear_reaches_zero_at_twice_target(void **state)
{
    (void)state;
    /* ≤24小时 权重15 实际48: 2 × 24 − 48 = 0 → 0.00 */
    assert_int_equal(score_default("≤24小时", "15", "48"), 0);
    /* 实际 60 > 2T: still 0.00, never negative */
    assert_int_equal(score_default("≤24小时", "15", "60"), 0);
}

static void eq_ratio_4_20_3(void **state)
{
    (void)state;
    /* =4次 权重20 实际3: 20 × 3 / 4 = 15.00 */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "=4次", "20", "3", &p), 1500);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "eq-ratio");
    jx_test_project_free(p);
}

static void eq_zero_met(void **state)
{
    (void)state;
    /* =0次 权重10 实际0: A = T → 10.00 */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "=0次", "10", "0", &p), 1000);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "eq-met");
    jx_test_project_free(p);
}

static void eq_zero_missed(void **state)
{
    (void)state;
    /* =0次 权重10 实际1: T = 0 and A ≠ T → 0.00 */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "=0次", "10", "1", &p), 0);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "eq-zero");
    jx_test_project_free(p);
}

static void ge_percent_met(void **state)
{
    (void)state;
    /* ≥95% 权重10 实际96.68%: 96.68 ≥ 95 → 10.00 */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "≥95%", "10", "96.68%", &p), 1000);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "ge-met");
    assert_string_equal(jx_indicator_formula(&p->inds[0]), "10.00 = 10（96.68% ≥ 95%，达成）");
    jx_test_project_free(p);
}

static void half_cent_rounds_up(void **state)
{
    (void)state;
    /* ≥200 权重10 实际100.1: 10 × 100.1 / 200 = 5.005 exactly → 5.01 (half up) */
    assert_int_equal(score_default("≥200", "10", "100.1"), 501);
}

static void two_thirds(void **state)
{
    (void)state;
    /* ≥3 权重10 实际2: 10 × 2 / 3 = 6.666… → 6.67 */
    assert_int_equal(score_default("≥3", "10", "2"), 667);
}

static void reverse_linear_tie(void **state)
{
    (void)state;
    /* ≤28 权重7 实际55.7: 7 × (56 − 55.7) / 28 = 7 × 0.3 / 28 = 2.1 / 28 = 0.075 exactly → 0.08 */
    assert_int_equal(score_default("≤28", "7", "55.7"), 8);
}

static void qualitative_partly(void **state)
{
    (void)state;
    /* 定性 "提升" 权重15 评定 部分达成: 15 × 70% = 10.50 */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_indicator *ind = jx_test_ind(f.p, f.g2, "工作效率", "定性 提升", "15", "\"略有提升\"");
    ind->judge = JX_JUDGE_PARTLY;
    jx_test_reason(f.p, ind, "部分系统未完成迁移");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 1050);
    assert_string_equal(jx_indicator_method(&f.p->inds[0]), "qualitative-judged");
    assert_string_equal(jx_indicator_formula(&f.p->inds[0]), "10.50 = 15 × 70%（部分达成）");
    assert_int_equal(jx_test_count_code(f.p, "qualitative-band"), 0);
    jx_test_project_free(f.p);
}

static void qualitative_claim_outside_band(void **state)
{
    (void)state;
    /* 部分达成 band [60%, 80%) of 15 = [9.00, 12.00); 得分 13 is outside: rejected, an error
     * naming the claim and the band, scored min(13, 12.00) = 12.00 (before: 15 × 70% = 10.50);
     * the project is still scored (JX_OK) */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_indicator *ind = jx_test_ind(f.p, f.g2, "工作效率", "定性 提升", "15", "\"略有提升\"");
    ind->judge = JX_JUDGE_PARTLY;
    jx_test_claim(ind, "13");
    jx_test_reason(f.p, ind, "部分系统未完成迁移");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_true(f.p->scored);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 1200);
    assert_string_equal(jx_indicator_method(&f.p->inds[0]), "qualitative-out-of-band");
    assert_string_equal(jx_indicator_formula(&f.p->inds[0]),
                        "12.00 = min(自评得分 13, 区间上限 12.00)（自评得分不在“部分达成”区间 [9.00, 12.00) 内，不予认可）");
    const jx_diag *d = jx_test_find_code(f.p, "qualitative-band");
    assert_non_null(d);
    assert_int_equal(d->severity, JX_SEV_ERROR);
    assert_int_equal(d->line, ind->claim_pos.line);
    assert_int_equal(d->column, ind->claim_pos.col);
    assert_non_null(strstr(d->message, "[9.00, 12.00)"));
    assert_non_null(strstr(d->message, "部分达成"));
    assert_non_null(strstr(d->message, "工作效率"));
    assert_non_null(strstr(d->message, "自评得分 13 "));
    assert_non_null(strstr(d->message, "计 12.00 分"));
    /* the claim is weighed by the band, not also reported as claimed-score */
    assert_int_equal(jx_test_count_code(f.p, "claimed-score"), 0);
    jx_test_project_free(f.p);
}

static void qualitative_claim_below_band(void **state)
{
    (void)state;
    /* issue 10 item 3: 评定 达成 得分 7 on weight 10, band [80%, 100%] = [8.00, 10.00]: 7 is
     * below it; before, 10 × 100% = 10.00 (more than claimed); now min(7, 10.00) = 7.00 */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_indicator *ind = jx_test_ind(f.p, f.g2, "服务质量", "定性 提升", "10", "\"有提升\"");
    ind->judge = JX_JUDGE_MET;
    jx_test_claim(ind, "7");
    jx_test_reason(f.p, ind, "说明");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 700);
    const jx_diag *d = jx_test_find_code(f.p, "qualitative-band");
    assert_non_null(d);
    assert_int_equal(d->severity, JX_SEV_ERROR);
    assert_non_null(strstr(d->message, "自评得分 7 不在“达成”的区间 [8.00, 10.00] 内"));
    /* 部分达成 得分 5.555 on weight 10, band [6.00, 8.00): below; min(5.555, 8.00) rounds
     * half up to 5.56 like any score */
    ind->judge = JX_JUDGE_PARTLY;
    jx_test_claim(ind, "5.555");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 556);
    /* 未达成 band [0%, 60%) = [0.00, 6.00): 得分 9 is above, min(9, 6.00) = 6.00 */
    ind->judge = JX_JUDGE_UNMET;
    jx_test_claim(ind, "9");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 600);
    /* a negative claim is below every band: never below 0, 0.00 */
    jx_test_claim(ind, "-3");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 0);
    assert_string_equal(jx_indicator_formula(&f.p->inds[0]),
                        "0.00（自评得分 -3 为负数，不在“未达成”区间 [0.00, 6.00) 内，不予认可）");
    /* one qualitative-band each scoring, never repeated */
    assert_int_equal(jx_test_count_code(f.p, "qualitative-band"), 1);
    jx_test_project_free(f.p);
}

static void qualitative_claim_inside_band(void **state)
{
    (void)state;
    /* 得分 11 lies in [9.00, 12.00): the claim is used, 11.00, no warning */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_indicator *ind = jx_test_ind(f.p, f.g2, "工作效率", "定性 提升", "15", "\"略有提升\"");
    ind->judge = JX_JUDGE_PARTLY;
    jx_test_claim(ind, "11");
    jx_test_reason(f.p, ind, "部分系统未完成迁移");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 1100);
    assert_string_equal(jx_indicator_method(&f.p->inds[0]), "qualitative-claimed");
    assert_int_equal(jx_test_count_code(f.p, "qualitative-band"), 0);
    /* the upper bound 12 is open for 部分达成: 得分 12 is outside, an error, scored
     * min(12, 12.00) = 12.00 */
    jx_test_claim(&f.p->inds[0], "12");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 1200);
    assert_int_equal(jx_test_count_code(f.p, "qualitative-band"), 1);
    assert_int_equal(jx_test_find_code(f.p, "qualitative-band")->severity, JX_SEV_ERROR);
    jx_test_project_free(f.p);
}

static void qualitative_met_band_is_closed_above(void **state)
{
    (void)state;
    /* 达成 band [80%, 100%] of 15 = [12.00, 15.00]: 得分 15 is inside, 15.00 */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_indicator *ind = jx_test_ind(f.p, f.g2, "工作效率", "定性 提升", "15", "\"提升\"");
    jx_test_claim(ind, "15");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 1500);
    assert_int_equal(jx_test_count_code(f.p, "qualitative-band"), 0);
    jx_test_project_free(f.p);
}

static void qualitative_same_text_is_met(void **state)
{
    (void)state;
    /* 定性 "提升" 实际 " 提升 " (spaces trimmed): 达成 100% → 15.00 */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_test_ind(f.p, f.g2, "工作效率", "定性 提升", "15", "\" 提升 \"");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 1500);
    assert_string_equal(jx_indicator_method(&f.p->inds[0]), "qualitative-met");
    assert_int_equal(jx_test_count_code(f.p, "qualitative-unjudged"), 0);
    jx_test_project_free(f.p);
}

static void qualitative_unjudged(void **state)
{
    (void)state;
    /* 定性 "提升" 实际 "有所提升", no 评定, no 得分 → 0.00 + qualitative-unjudged */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_indicator *ind = jx_test_ind(f.p, f.g2, "工作效率", "定性 提升", "15", "\"有所提升\"");
    jx_test_reason(f.p, ind, "说明");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 0);
    assert_string_equal(jx_indicator_method(&f.p->inds[0]), "qualitative-unjudged");
    const jx_diag *d = jx_test_find_code(f.p, "qualitative-unjudged");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "有所提升"));
    jx_test_project_free(f.p);
}

static void qualitative_claim_without_judgement(void **state)
{
    (void)state;
    /* differing text, 得分 13 and no 评定: 13 lies in the 达成 band [12.00, 15.00] → 13.00 */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_indicator *ind = jx_test_ind(f.p, f.g2, "工作效率", "定性 提升", "15", "\"有所提升\"");
    jx_test_claim(ind, "13");
    jx_test_reason(f.p, ind, "说明");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 1300);
    assert_string_equal(jx_indicator_method(&f.p->inds[0]), "qualitative-claimed");
    assert_int_equal(jx_test_count_code(f.p, "qualitative-unjudged"), 0);
    assert_int_equal(jx_test_count_code(f.p, "claimed-score"), 0);
    /* 得分 20 is above the weight, in no band: 0.00, unjudged, and the claim differs */
    jx_test_claim(&f.p->inds[0], "20");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 0);
    assert_int_equal(jx_test_count_code(f.p, "qualitative-unjudged"), 1);
    assert_int_equal(jx_test_count_code(f.p, "claimed-score"), 1);
    jx_test_project_free(f.p);
}

static void over_target_warned(void **state)
{
    (void)state;
    /* ≥60个 权重30 实际80: met → 30.00; 80 ≥ 1.2 × 60 = 72 → over-target */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "≥60个", "30", "80", &p), 3000);
    const jx_diag *d = jx_test_find_code(p, "over-target");
    assert_non_null(d);
    /* 80 / 60 = 133.33% */
    assert_non_null(strstr(d->message, "133.33%"));
    jx_test_project_free(p);
}

static void over_target_not_below_threshold(void **state)
{
    (void)state;
    /* 实际70: 70 < 72 → no over-target, 30.00 */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "≥60个", "30", "70", &p), 3000);
    assert_int_equal(jx_test_count_code(p, "over-target"), 0);
    jx_test_project_free(p);
    /* exactly 72 = 120% of 60 is flagged (A ≥ 1.2 T) */
    score_one(&pol, "≥60个", "30", "72", &p);
    assert_int_equal(jx_test_count_code(p, "over-target"), 1);
    jx_test_project_free(p);
    /* ≤ targets are never over-target: ≤24 实际 1 */
    score_one(&pol, "≤24小时", "15", "1", &p);
    assert_int_equal(jx_test_count_code(p, "over-target"), 0);
    jx_test_project_free(p);
}

static void over_target_130_policy(void **state)
{
    (void)state;
    /* 实际75 = 125% of 60: flagged at 120%, not at 超额提示 130% (needs ≥ 78) */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    score_one(&pol, "≥60个", "30", "75", &p);
    assert_int_equal(jx_test_count_code(p, "over-target"), 1);
    jx_test_project_free(p);
    pol.over_pct = jx_dec_from_int(130);
    score_one(&pol, "≥60个", "30", "75", &p);
    assert_int_equal(jx_test_count_code(p, "over-target"), 0);
    jx_test_project_free(p);
    score_one(&pol, "≥60个", "30", "78", &p);
    assert_int_equal(jx_test_count_code(p, "over-target"), 1);
    jx_test_project_free(p);
}

/* The actual against its target where they are written with different decimals, compared
 * in 64 bits when the one with fewer decimals, brought to the other's, still fits, else in
 * 128. Under "=" the method tells the comparison: eq-met A = T, eq-ratio A < T, eq-over
 * A > T. Weight 10 throughout. */
static void actual_against_target_at_other_scales(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    /* =8 实际 8.000: 8 × 10^3 = 8000 = 8000, met, 10.00 */
    assert_int_equal(score_one(&pol, "=8个", "10", "8.000", &p), 1000);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "eq-met");
    jx_test_project_free(p);
    /* =8.000 实际 8: the same with the target carrying the decimals */
    assert_int_equal(score_one(&pol, "=8.000个", "10", "8", &p), 1000);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "eq-met");
    jx_test_project_free(p);
    /* =8.001 实际 8: 8000 < 8001, 10 × 8 / 8.001 = 9.99875… → 10.00 */
    assert_int_equal(score_one(&pol, "=8.001个", "10", "8", &p), 1000);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "eq-ratio");
    jx_test_project_free(p);
    /* =8 实际 7.999: 7999 < 8000, 10 × 7.999 / 8 = 9.99875 → 10.00 */
    assert_int_equal(score_one(&pol, "=8个", "10", "7.999", &p), 1000);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "eq-ratio");
    jx_test_project_free(p);
    /* =8 实际 8.001: 8001 > 8000, eq-over, 10.00 */
    assert_int_equal(score_one(&pol, "=8个", "10", "8.001", &p), 1000);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "eq-over");
    jx_test_project_free(p);
    /* Near 2^63 = 9223372036854775808. =92233720368547758.1 实际 922337203685477580: the
     * actual at one decimal is 9223372036854775800, below 2^63, against 922337203685477581:
     * A > T, eq-over, 10.00 */
    assert_int_equal(score_one(&pol, "=92233720368547758.1", "10", "922337203685477580", &p), 1000);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "eq-over");
    jx_test_project_free(p);
    /* 实际 922337203685477581 at one decimal is 9223372036854775810, past 2^63 − 1: compared
     * in 128 bits, still A > T */
    assert_int_equal(score_one(&pol, "=92233720368547758.1", "10", "922337203685477581", &p), 1000);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "eq-over");
    jx_test_project_free(p);
    /* the other way round, the target brought up past 2^63 − 1: =922337203685477581 实际
     * 92233720368547758.1, A < T; A / T = 0.1 exactly, 10 × 0.1 = 1.00 */
    assert_int_equal(score_one(&pol, "=922337203685477581", "10", "92233720368547758.1", &p), 100);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "eq-ratio");
    jx_test_project_free(p);
}

/* The over-target test 100 × A ≥ 超额提示 × T taken in 64 bits where its factors fit, at
 * its boundary, and with each side carrying the decimals. */
static void over_target_boundary_at_other_scales(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    /* ≥60.5 实际 72.6: 100 × 72.6 = 7260 = 120 × 60.5 → flagged (A ≥ 1.2 T) */
    score_one(&pol, "≥60.5个", "30", "72.6", &p);
    assert_int_equal(jx_test_count_code(p, "over-target"), 1);
    jx_test_project_free(p);
    /* 实际 72.59: 7259 < 7260 → not flagged */
    score_one(&pol, "≥60.5个", "30", "72.59", &p);
    assert_int_equal(jx_test_count_code(p, "over-target"), 0);
    jx_test_project_free(p);
    /* 实际 72.60: the actual with the decimals, 7260 = 7260 → flagged */
    score_one(&pol, "≥60.5个", "30", "72.60", &p);
    assert_int_equal(jx_test_count_code(p, "over-target"), 1);
    jx_test_project_free(p);
    /* ≥60.50 实际 72.6: the target with the decimals, 7260 = 7260 → flagged; 实际 72.5:
     * 7250 < 7260 → not */
    score_one(&pol, "≥60.50个", "30", "72.6", &p);
    assert_int_equal(jx_test_count_code(p, "over-target"), 1);
    jx_test_project_free(p);
    score_one(&pol, "≥60.50个", "30", "72.5", &p);
    assert_int_equal(jx_test_count_code(p, "over-target"), 0);
    jx_test_project_free(p);
    /* 超额提示 120.5%: ≥60 实际 72.3: 100 × 72.3 = 7230 = 1.205 × 6000 → flagged; 72.29 not */
    pol.over_pct = jx_test_dec("120.5");
    score_one(&pol, "≥60个", "30", "72.3", &p);
    assert_int_equal(jx_test_count_code(p, "over-target"), 1);
    jx_test_project_free(p);
    score_one(&pol, "≥60个", "30", "72.29", &p);
    assert_int_equal(jx_test_count_code(p, "over-target"), 0);
    jx_test_project_free(p);
}

/* An actual below its target is compared for over-target only under a 超额提示 below 100%,
 * which only a policy made in code can have (the rule language holds it to 100%～10000%):
 * ≥60 实际 50 under 80%: 100 × 50 = 5000 ≥ 80 × 60 = 4800 → flagged; scored 30 × 50 / 60 =
 * 25.00. Under the default 120% it is not. */
static void over_target_below_target_under_low_policy(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "≥60个", "30", "50", &p), 2500);
    assert_int_equal(jx_test_count_code(p, "over-target"), 0);
    jx_test_project_free(p);
    pol.over_pct = jx_dec_from_int(80);
    assert_int_equal(score_one(&pol, "≥60个", "30", "50", &p), 2500);
    assert_int_equal(jx_test_count_code(p, "over-target"), 1);
    jx_test_project_free(p);
}

static void eq_above_target_is_full_and_over(void **state)
{
    (void)state;
    /* =4次 权重20 实际5: A > T → 20.00 (eq-over); 5 ≥ 4.8 → over-target */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "=4次", "20", "5", &p), 2000);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "eq-over");
    assert_int_equal(jx_test_count_code(p, "over-target"), 1);
    jx_test_project_free(p);
}

/* ------------------------------------------------------------- grades */

static void grade_90_is_excellent(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    /* 100 × 90 / 100 = 90.00 ≥ 90 → 优 */
    assert_int_equal(grade_for_total(&pol, "90"), JX_GRADE_EXCELLENT);
}

static void grade_89_99_is_good(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    /* 89.99 < 90, ≥ 80 → 良 */
    assert_int_equal(grade_for_total(&pol, "89.99"), JX_GRADE_GOOD);
}

static void grade_80_is_good(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    assert_int_equal(grade_for_total(&pol, "80"), JX_GRADE_GOOD);
}

static void grade_79_99_is_fair(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    assert_int_equal(grade_for_total(&pol, "79.99"), JX_GRADE_FAIR);
}

static void grade_60_is_fair(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    assert_int_equal(grade_for_total(&pol, "60"), JX_GRADE_FAIR);
}

static void grade_59_99_is_poor(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    assert_int_equal(grade_for_total(&pol, "59.99"), JX_GRADE_POOR);
}

static void grade_bands_80_70_60(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    pol.bands[0] = jx_dec_from_int(80);
    pol.bands[1] = jx_dec_from_int(70);
    pol.bands[2] = jx_dec_from_int(60);
    /* 80.00 → 优 (良 under the default); 79.99 → 良 (中 under the default); 69.99 → 中 */
    assert_int_equal(grade_for_total(&pol, "80"), JX_GRADE_EXCELLENT);
    assert_int_equal(grade_for_total(&pol, "79.99"), JX_GRADE_GOOD);
    assert_int_equal(grade_for_total(&pol, "69.99"), JX_GRADE_FAIR);
    jx_project *p;
    score_one(&pol, "≥100", "100", "80", &p);
    assert_string_equal(p->band_note,
                        "总分高于80分（含）的结论为“优”，80～70分（含）为“良”，70～60分（含）为“中”，低于60分为“差”。");
    jx_test_project_free(p);
}

static void band_note_default(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    score_one(&pol, "≥100", "100", "100", &p);
    /* as seed 001 prints it */
    assert_string_equal(p->band_note,
                        "总分高于90分（含）的结论为“优”，90～80分（含）为“良”，80～60分（含）为“中”，低于60分为“差”。");
    assert_string_equal(p->policy_name, "财政部2020");
    jx_test_project_free(p);
}

/* Scores one indicator under pol and tells whether its project's band sentence is the
 * one pol keeps (jx_policy.band_note), checking its words first. */
static bool band_note_is_kept(const jx_policy *pol, const char *want)
{
    jx_project *p;
    score_one(pol, "≥100", "100", "100", &p);
    assert_string_equal(p->band_note, want);
    bool kept = p->band_note == pol->band_note.text;
    jx_test_project_free(p);
    return kept;
}

static void band_note_kept_by_the_policy(void **state)
{
    (void)state;
    /* Each policy keeps the sentence of its bands when the first project is scored under it,
     * and every later project under it points at that copy: low's and def's alike, whichever
     * came first. Bands set on a policy after it kept its sentence (as these tests set them)
     * get a sentence made anew, never the kept one's words. 90.0 is 90 to a grade and
     * written without its trailing zero: the same words as def's, kept by tenths. */
    jx_policy def = jx_test_policy_default();
    jx_policy low = def, half = def, tenths = def; /* copied before any scoring: none kept yet */
    low.bands[0] = jx_dec_from_int(80);
    low.bands[1] = jx_dec_from_int(70);
    half.bands[0] = jx_test_dec("85.5");
    tenths.bands[0] = jx_test_dec("90.0");
    const char *want_def = "总分高于90分（含）的结论为“优”，90～80分（含）为“良”，80～60分（含）为“中”，低于60分为“差”。";
    const char *want_low = "总分高于80分（含）的结论为“优”，80～70分（含）为“良”，70～60分（含）为“中”，低于60分为“差”。";
    const char *want_half =
        "总分高于85.5分（含）的结论为“优”，85.5～80分（含）为“良”，80～60分（含）为“中”，低于60分为“差”。";
    for (int round = 0; round < 2; round++) {
        assert_true(band_note_is_kept(&low, want_low));
        assert_true(band_note_is_kept(&def, want_def));
        assert_true(band_note_is_kept(&half, want_half));
        assert_true(band_note_is_kept(&tenths, want_def));
    }
    /* low's bands changed after its sentence was kept: half's words, made for the project */
    low.bands[0] = jx_test_dec("85.5");
    low.bands[1] = jx_dec_from_int(80);
    assert_false(band_note_is_kept(&low, want_half));
    assert_false(band_note_is_kept(&low, want_half));
    /* back to the bands it kept the sentence for: the kept copy again */
    low.bands[0] = jx_dec_from_int(80);
    low.bands[1] = jx_dec_from_int(70);
    assert_true(band_note_is_kept(&low, want_low));
}

/* ---------------------------------------------------------- units */

static void time_units_convert(void **state)
{
    (void)state;
    /* ≤24小时 实际2天 = 48小时: 2 × 24 − 48 = 0 → 0.00, no unit-mismatch */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "≤24小时", "15", "2天", &p), 0);
    assert_int_equal(jx_test_count_code(p, "unit-mismatch"), 0);
    assert_non_null(strstr(jx_indicator_formula(&p->inds[0]), "48小时"));
    jx_test_project_free(p);
    /* ≤24小时 实际1.25天 = 30小时: 15 × (48 − 30) / 24 = 11.25 */
    assert_int_equal(score_default("≤24小时", "15", "1.25天"), 1125);
    /* ≤1小时 实际90分钟: target becomes 60分钟; 10 × (120 − 90) / 60 = 5.00 */
    assert_int_equal(score_default("≤1小时", "10", "90分钟"), 500);
    /* ≥2周 实际7天 = 1周: 14 days target; 10 × 7 / 14 = 5.00 */
    assert_int_equal(score_default("≥2周", "10", "7天"), 500);
}

static void unit_mismatch_warned(void **state)
{
    (void)state;
    /* ≥60个 实际45次: units differ, scored as numbers stand 30 × 45 / 60 = 22.50 */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "≥60个", "30", "45次", &p), 2250);
    const jx_diag *d = jx_test_find_code(p, "unit-mismatch");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "次"));
    assert_non_null(strstr(d->message, "个"));
    jx_test_project_free(p);
    /* ≥95% 实际96 (no unit, no %): inherits the %, no warning */
    score_one(&pol, "≥95%", "10", "96", &p);
    assert_int_equal(jx_test_count_code(p, "unit-mismatch"), 0);
    jx_test_project_free(p);
    /* ≥60个 实际45个: same unit, no warning */
    score_one(&pol, "≥60个", "30", "45个", &p);
    assert_int_equal(jx_test_count_code(p, "unit-mismatch"), 0);
    jx_test_project_free(p);
    /* ≥95% 实际96个: % against 个 is a mismatch */
    score_one(&pol, "≥95%", "10", "96个", &p);
    assert_int_equal(jx_test_count_code(p, "unit-mismatch"), 1);
    jx_test_project_free(p);
}

/* --------------------------------------------------- other branches */

static void negative_actual_scores_zero(void **state)
{
    (void)state;
    /* ≤24 实际 -3: negative → 0.00 before the ≤ rule would give full marks */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "≤24", "15", "-3", &p), 0);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "negative-actual");
    jx_test_project_free(p);
}

static void gt_and_lt_behave_like_ge_and_le(void **state)
{
    (void)state;
    /* >60 实际60: met as for ≥ → 30.00; <24 实际24: met as for ≤ → 15.00 */
    assert_int_equal(score_default(">60", "30", "60"), 3000);
    assert_int_equal(score_default("<24", "15", "24"), 1500);
    /* >60 实际30: 30 × 30 / 60 = 15.00; <24 实际36: 15 × (48 − 36) / 24 = 7.50 */
    assert_int_equal(score_default(">60", "30", "30"), 1500);
    assert_int_equal(score_default("<24", "15", "36"), 750);
}

static void le_zero_target(void **state)
{
    (void)state;
    /* ≤0起 实际0: met → 10.00; 实际1: T = 0 → 0.00 (le-zero) */
    assert_int_equal(score_default("≤0起", "10", "0"), 1000);
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "≤0起", "10", "1", &p), 0);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "le-zero");
    jx_test_project_free(p);
}

static void missing_actual(void **state)
{
    (void)state;
    /* no 实际 → 0.00 + missing-actual */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "≥60个", "30", NULL, &p), 0);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "missing-actual");
    assert_int_equal(jx_test_count_code(p, "missing-actual"), 1);
    jx_test_project_free(p);
    score_one(&pol, "≥60个", "30", "60", &p);
    assert_int_equal(jx_test_count_code(p, "missing-actual"), 0);
    jx_test_project_free(p);
}

static void text_actual_is_vague(void **state)
{
    (void)state;
    /* ≥60个 实际 "达成预期指标": words for a number → 0.00 (text-actual) + vague-actual */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "≥60个", "30", "\"达成预期指标\"", &p), 0);
    assert_string_equal(jx_indicator_method(&p->inds[0]), "text-actual");
    const jx_diag *d = jx_test_find_code(p, "vague-actual");
    assert_non_null(d);
    assert_string_equal(d->message, "实际完成值“达成预期指标”不是数值，按 0 分计");
    assert_int_equal(d->severity, JX_SEV_WARNING);
    jx_test_project_free(p);
    score_one(&pol, "≥60个", "30", "60", &p);
    assert_int_equal(jx_test_count_code(p, "vague-actual"), 0);
    jx_test_project_free(p);
}

static void claimed_score(void **state)
{
    (void)state;
    /* ≥60个 权重30 实际45 得分30: recomputed 22.50 ≠ 30 → claimed-score */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_indicator *ind = jx_test_ind(f.p, f.g2, "接入系统数量", "≥60个", "30", "45");
    jx_test_claim(ind, "30");
    jx_test_reason(f.p, ind, "部分系统延后接入");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    const jx_diag *d = jx_test_find_code(f.p, "claimed-score");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "接入系统数量"));
    assert_non_null(strstr(d->message, "30"));
    assert_non_null(strstr(d->message, "22.50"));
    /* 得分 22.5 equals 22.50 → no warning */
    jx_test_claim(&f.p->inds[0], "22.5");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_test_count_code(f.p, "claimed-score"), 0);
    jx_test_project_free(f.p);
}

static void claimed_total_and_grade(void **state)
{
    (void)state;
    /* one indicator ≥60 权重100 实际45: 100 × 45 / 60 = 75.00 → 中; claimed 100 优 */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_indicator *ind = jx_test_ind(f.p, f.g2, "指标", "≥60", "100", "45");
    jx_test_reason(f.p, ind, "说明");
    jx_test_claim_total(f.p, "100", JX_GRADE_EXCELLENT);
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_project_total_cents(f.p), 7500);
    assert_int_equal(jx_project_grade(f.p), JX_GRADE_FAIR);
    const jx_diag *dt = jx_test_find_code(f.p, "claimed-total");
    const jx_diag *dg = jx_test_find_code(f.p, "claimed-grade");
    assert_non_null(dt);
    assert_non_null(strstr(dt->message, "75.00"));
    assert_non_null(dg);
    assert_non_null(strstr(dg->message, "“优”"));
    assert_non_null(strstr(dg->message, "“中”"));
    /* claimed 75 中 matches → neither */
    jx_test_claim_total(f.p, "75", JX_GRADE_FAIR);
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_test_count_code(f.p, "claimed-total"), 0);
    assert_int_equal(jx_test_count_code(f.p, "claimed-grade"), 0);
    jx_test_project_free(f.p);
}

static void missing_reason(void **state)
{
    (void)state;
    /* 22.50 < 30 with no 偏差 → missing-reason; with 偏差 → none; at full score → none */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_test_ind(f.p, f.g2, "接入系统数量", "≥60个", "30", "45");
    jx_test_ind(f.p, f.g2, "运行保障期限", "=1年", "20", "1");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_test_count_code(f.p, "missing-reason"), 1);
    const jx_diag *d = jx_test_find_code(f.p, "missing-reason");
    assert_non_null(strstr(d->message, "接入系统数量"));
    assert_int_equal(d->line, f.p->inds[0].pos.line);
    jx_test_reason(f.p, &f.p->inds[0], "部分系统延后接入");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_test_count_code(f.p, "missing-reason"), 0);
    jx_test_project_free(f.p);
}

static void weight_sum(void **state)
{
    (void)state;
    /* weights 30 + 60 = 90 ≠ 100: total is the raw sum 30 + 60 = 90.00, shown; weight-sum is
     * an error, the 结论 withheld (90.00 would have been 优); the project is still scored */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_test_ind(f.p, f.g2, "甲", "≥1", "30", "1");
    jx_test_ind(f.p, f.g2, "乙", "≥1", "60", "1");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_true(f.p->scored);
    assert_int_equal(jx_project_total_cents(f.p), 9000);
    assert_int_equal(jx_project_grade(f.p), JX_GRADE_NONE);
    assert_int_equal(jx_project_error_count(f.p), 1);
    const jx_diag *d = jx_test_find_code(f.p, "weight-sum");
    assert_non_null(d);
    assert_int_equal(d->severity, JX_SEV_ERROR);
    assert_int_equal(d->line, f.p->pos.line);
    assert_string_equal(d->message, "项目“测试项目”各指标权重合计 90，不等于 100，总分按实际合计计算，未折算；不评定自评结论");
    /* the reason stands beside the withheld 结论, in place of the band sentence */
    assert_string_equal(f.p->band_note, "各指标权重合计 90，不等于满分 100，不评定自评结论。");
    /* 30 + 70 = 100 → no weight-sum, total 100.00, 优 */
    f.p->inds[1].weight = jx_dec_from_int(70);
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_project_total_cents(f.p), 10000);
    assert_int_equal(jx_project_grade(f.p), JX_GRADE_EXCELLENT);
    assert_int_equal(jx_test_count_code(f.p, "weight-sum"), 0);
    assert_int_equal(jx_project_error_count(f.p), 0);
    assert_non_null(strstr(f.p->band_note, "总分高于90分"));
    jx_test_project_free(f.p);
}

static void weight_sum_110(void **state)
{
    (void)state;
    /* issue 10 item 2: weights 50 + 40 + 20 = 110. 甲 ≥60 实际 60 → 50.00; 乙 ≥40 实际 40 →
     * 40.00; 丙 ≥20 实际 19.5 → 20 × 19.5 / 20 = 19.50; total 109.50, which graded 优 with a
     * warning; now an error and no 结论. A claimed 结论 优 is not compared with a 结论 that
     * is not given. */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_test_ind(f.p, f.g2, "甲", "≥60", "50", "60");
    jx_test_ind(f.p, f.g2, "乙", "≥40", "40", "40");
    jx_indicator *c = jx_test_ind(f.p, f.g2, "丙", "≥20", "20", "19.5");
    jx_test_reason(f.p, c, "说明");
    jx_test_claim_total(f.p, "109.5", JX_GRADE_EXCELLENT);
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_project_total_cents(f.p), 10950);
    assert_int_equal(jx_project_grade(f.p), JX_GRADE_NONE);
    assert_int_equal(jx_test_find_code(f.p, "weight-sum")->severity, JX_SEV_ERROR);
    assert_non_null(strstr(jx_test_find_code(f.p, "weight-sum")->message, "合计 110，不等于 100"));
    assert_int_equal(jx_test_count_code(f.p, "claimed-grade"), 0);
    assert_int_equal(jx_test_count_code(f.p, "claimed-total"), 0);
    /* scoring again gives the same findings, not twice as many */
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_test_count_code(f.p, "weight-sum"), 1);
    assert_int_equal(jx_project_error_count(f.p), 1);
    /* the knob 权重合计 警告 keeps the old behaviour: a warning, 109.50 → 优 */
    pol.weight_sum_warn = true;
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_project_grade(f.p), JX_GRADE_EXCELLENT);
    assert_int_equal(jx_test_find_code(f.p, "weight-sum")->severity, JX_SEV_WARNING);
    assert_string_equal(jx_test_find_code(f.p, "weight-sum")->message,
                        "项目“测试项目”各指标权重合计 110，不等于 100，总分按实际合计计算，未折算");
    assert_int_equal(jx_project_error_count(f.p), 0);
    jx_test_project_free(f.p);
}

static void weight_sum_central_layout(void **state)
{
    (void)state;
    /* central: 满分 90 beside 预算执行率 单列 10. Weights 50 + 50 = 100 ≠ 90: an error naming
     * the 单列 points; indicators 100.00 + execution 10 × 90 / 100 = 9.00 → total 109.00 */
    jx_policy pol = policy_central(true);
    jx_project *p = central_project("100", "90");
    p->inds[1].weight = jx_dec_from_int(50);
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(jx_project_total_cents(p), 10900);
    assert_int_equal(jx_project_grade(p), JX_GRADE_NONE);
    assert_string_equal(jx_test_find_code(p, "weight-sum")->message,
                        "项目“中央项目”各指标权重合计 100，不等于 90（预算执行率单列 10 分），总分按实际合计计算，未折算；不评定自评结论");
    jx_test_project_free(p);
}

static void weight_sum_some_unweighted(void **state)
{
    (void)state;
    /* 甲 权重 60, 乙 权重 40, 丙 without: the declared weights add up to 100, yet 丙 cannot be
     * scored (weight 0 → 0.00): weight-sum is an error naming 1 unweighted indicator; total
     * 60.00 + 40.00 + 0.00 = 100.00 shown, no 结论 */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_test_ind(f.p, f.g2, "甲", "≥1", "60", "1");
    jx_test_ind(f.p, f.g2, "乙", "≥1", "40", "1");
    jx_test_ind(f.p, f.g2, "丙", "≥1", NULL, "1");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_project_total_cents(f.p), 10000);
    assert_int_equal(jx_project_grade(f.p), JX_GRADE_NONE);
    const jx_diag *d = jx_test_find_code(f.p, "weight-sum");
    assert_int_equal(d->severity, JX_SEV_ERROR);
    assert_string_equal(d->message,
                        "项目“测试项目”有 1 个指标没有权重，各指标权重合计 100，满分 100，总分按实际合计计算，未折算；不评定自评结论");
    assert_string_equal(f.p->band_note, "有 1 个指标没有权重，不评定自评结论。");
    /* under 权重合计 警告 the sum 100 is what counts, as before: no weight-sum, 优 */
    pol.weight_sum_warn = true;
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_test_count_code(f.p, "weight-sum"), 0);
    assert_int_equal(jx_project_grade(f.p), JX_GRADE_EXCELLENT);
    jx_test_project_free(f.p);
}

static void weight_sum_no_weights(void **state)
{
    (void)state;
    /* a target table without any 权重 (seeds 003, 004): each indicator weighs 0 and scores
     * 0.00, total 0.00; weight-sum stays a warning (0 ≠ 100), no error, and no 结论 (0.00
     * would have been 差) */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_test_ind(f.p, f.g2, "甲", "≥300项", NULL, NULL);
    jx_test_ind(f.p, f.g2, "乙", "定性 合理", NULL, NULL);
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_true(f.p->scored);
    assert_int_equal(jx_project_total_cents(f.p), 0);
    assert_int_equal(jx_project_grade(f.p), JX_GRADE_NONE);
    assert_int_equal(jx_project_error_count(f.p), 0);
    assert_int_equal(jx_test_find_code(f.p, "weight-sum")->severity, JX_SEV_WARNING);
    assert_string_equal(f.p->band_note, "指标都没有权重，不评定自评结论。");
    /* the same under 权重合计 警告 */
    pol.weight_sum_warn = true;
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_project_grade(f.p), JX_GRADE_NONE);
    assert_int_equal(jx_project_error_count(f.p), 0);
    jx_test_project_free(f.p);
}

/* ---------------------------------------------------------------- ranges */

/* A project of one indicator ≥60个 实际 45个 (偏差 given) with the weight w; scored under
 * the default policy, the result code asserted. */
static jx_project *weighted_project(const char *w, jx_result want)
{
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_indicator *ind = jx_test_ind(f.p, f.g2, "接入系统数量", "≥60个", w, "45个");
    jx_test_reason(f.p, ind, "说明");
    assert_int_equal(jx_score(f.p, &pol), want);
    return f.p;
}

static void weight_out_of_range(void **state)
{
    (void)state;
    /* issue 10 item 6: 权重 999999999999999999 made 30 × … wrap; now a value-range error at
     * the weight, the project not scored (total −1, no grade) */
    jx_project *p = weighted_project("999999999999999999", JX_ERR_INPUT);
    assert_false(p->scored);
    assert_int_equal(jx_project_total_cents(p), -1);
    assert_int_equal(jx_project_grade(p), JX_GRADE_NONE);
    assert_int_equal(jx_indicator_score_cents(&p->inds[0]), -1);
    const jx_diag *d = jx_test_find_code(p, "value-range");
    assert_non_null(d);
    assert_int_equal(d->severity, JX_SEV_ERROR);
    assert_int_equal(d->line, p->inds[0].weight_pos.line);
    assert_int_equal(d->column, p->inds[0].weight_pos.col);
    assert_string_equal(d->message, "指标“接入系统数量”的权重 999999999999999999 超出范围：权重应在 0～100 之间，最多 4 位小数；项目无法计分");
    /* nothing else was scored: no weight-sum, no missing-reason */
    assert_int_equal(jx_project_diag_count(p), 1);
    /* fixed and scored again: 30 × 45 / 60 = 22.50, the range error gone */
    p->inds[0].weight = jx_dec_from_int(30);
    jx_policy pol = jx_test_policy_default();
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&p->inds[0]), 2250);
    assert_int_equal(jx_test_count_code(p, "value-range"), 0);
    jx_test_project_free(p);

    /* a negative weight: an error, no longer a warning with a "not scored" score */
    p = weighted_project("-10", JX_ERR_INPUT);
    d = jx_test_find_code(p, "value-range");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "权重 -10 为负数"));
    jx_test_project_free(p);
    /* just above 100, and 5 decimals: out */
    p = weighted_project("100.0001", JX_ERR_INPUT);
    jx_test_project_free(p);
    p = weighted_project("33.33333", JX_ERR_INPUT);
    jx_test_project_free(p);
    /* 100, 0, 4 decimals, trailing zeros past 4 places: in. 100 × 45 / 60 = 75.00;
     * 33.3333 × 45 / 60 = 24.999975 → 25.00; 25.500000 × 45 / 60 = 19.125 → 19.13 */
    p = weighted_project("100", JX_OK);
    assert_int_equal(jx_indicator_score_cents(&p->inds[0]), 7500);
    jx_test_project_free(p);
    p = weighted_project("0", JX_OK);
    assert_int_equal(jx_indicator_score_cents(&p->inds[0]), 0);
    jx_test_project_free(p);
    p = weighted_project("33.3333", JX_OK);
    assert_int_equal(jx_indicator_score_cents(&p->inds[0]), 2500);
    jx_test_project_free(p);
    p = weighted_project("25.500000", JX_OK);
    assert_int_equal(jx_indicator_score_cents(&p->inds[0]), 1913);
    jx_test_project_free(p);

    /* a group's 分值 is held to the same range: 产出指标 999999999999999999 printed in
     * hundredths wrapped to 77662796314522418.20; now an error at the group */
    jx_policy pol2 = jx_test_policy_default();
    p = jx_test_project("分值");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", "999999999999999999", 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", "100", g1);
    jx_test_ind(p, g2, "甲", "≥1", "100", "1");
    assert_int_equal(jx_score(p, &pol2), JX_ERR_INPUT);
    d = jx_test_find_code(p, "value-range");
    assert_non_null(d);
    assert_int_equal(d->line, p->groups[g1].pos.line);
    assert_string_equal(d->message, "一级指标“产出指标”的分值 999999999999999999 超出范围：分值应在 0～100 之间，最多 4 位小数；项目无法计分");
    /* 100 is fine: 100.00 → 优 */
    p->groups[g1].points = jx_dec_from_int(100);
    assert_int_equal(jx_score(p, &pol2), JX_OK);
    assert_int_equal(jx_project_total_cents(p), 10000);
    jx_test_project_free(p);
}

static void funds_out_of_range(void **state)
{
    (void)state;
    /* a negative amount: value-range at the 资金 row, not scored */
    jx_policy pol = policy_central(true);
    jx_project *p = central_project("100", "-5");
    assert_int_equal(jx_score(p, &pol), JX_ERR_INPUT);
    const jx_diag *d = jx_test_find_code(p, "value-range");
    assert_non_null(d);
    assert_int_equal(d->line, p->funds[0].pos.line);
    assert_non_null(strstr(d->message, "全年执行数 -5 为负数"));
    jx_test_project_free(p);
    /* without 封顶, 全年执行 up to 100 × 全年预算: 10 × 100 / 1 = 1000.00, + 90.00 = 1090.00 */
    jx_policy open = policy_central(false);
    p = central_project("1", "100");
    assert_int_equal(jx_score(p, &open), JX_OK);
    assert_int_equal(p->exec_score, 100000);
    assert_int_equal(jx_project_total_cents(p), 109000);
    jx_test_project_free(p);
    /* 100.01 × 全年预算: past the range, an error */
    p = central_project("1", "100.01");
    assert_int_equal(jx_score(p, &open), JX_ERR_INPUT);
    assert_non_null(strstr(jx_test_find_code(p, "value-range")->message, "超过全年预算数 1 的 100 倍"));
    jx_test_project_free(p);
    /* with 封顶 the same amounts score 10.00 (a warning elsewhere, not an error) */
    p = central_project("1", "100.01");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(p->exec_score, 1000);
    jx_test_project_free(p);
    /* amounts of 18 digits with 封顶: 10 × 999999999999999999 / 0.000000001 is capped at
     * 10.00; nothing wraps */
    p = central_project("0.000000001", "999999999999999999");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(p->exec_score, 1000);
    jx_test_project_free(p);
}

static void wide_values_do_not_wrap(void **state)
{
    (void)state;
    /* targets and actuals take any number the rule language reads (18 digits, 9 decimals).
     * ≥0.000000001% 实际 999999999999999999%: met, 10.00; over-target with A / T × 100 =
     * 999999999999999999 × 10^9 × 100 = 99999999999999999900000000000.00 % */
    jx_project *p;
    jx_policy pol = jx_test_policy_default();
    assert_int_equal(score_one(&pol, "≥0.000000001%", "10", "999999999999999999%", &p), 1000);
    const jx_diag *d = jx_test_find_code(p, "over-target");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "的 99999999999999999900000000000.00%（"));
    jx_test_project_free(p);
    /* 实际 999999999999999999周 against ≥0.000000001ms: the actual becomes
     * 999999999999999999 × 604800000 ms ≈ 6.05 × 10^26 ms, A / T ≈ 6.05 × 10^35 times the
     * target: more than 10^34, said so */
    assert_int_equal(score_one(&pol, "≥0.000000001ms", "10", "999999999999999999周", &p), 1000);
    d = jx_test_find_code(p, "over-target");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "的 10^36% 以上（"));
    jx_test_project_free(p);
    /* the over-target test under 超额提示 120.000000001%: 实际 1000000000000周 = 10^12 ×
     * 604800000 = 6.048 × 10^20 ms against ≥0.000000001ms, met (10.00) and far over; the two
     * sides 100 × A and 120.000000001 × T meet at 18 decimals as 6.048 × 10^40 against
     * 1.2 × 10^11, past 128 bits, so they are compared in 256 */
    pol.over_pct = jx_test_dec("120.000000001");
    assert_int_equal(score_one(&pol, "≥0.000000001ms", "10", "1000000000000周", &p), 1000);
    assert_int_equal(jx_test_count_code(p, "over-target"), 1);
    jx_test_project_free(p);
    /* −999999999999999999 against ≥−999999999999999999: met (A ≥ T) but a negative actual
     * scores 0.00 */
    assert_int_equal(score_one(&pol, "≥-999999999999999999", "10", "-999999999999999999", NULL), 0);
}

/* -------------------------------------------------------- percent-fraction */

static void percent_fraction(void **state)
{
    (void)state;
    /* issue 10 item 5: 0.97 against ≥95%, 权重 10: read as 0.97%, 10 × 0.97 / 95 = 9.7 / 95
     * = 0.10210… → 0.10, as before, and now warned naming 97% */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    assert_int_equal(score_one(&pol, "≥95%", "10", "0.97", &p), 10);
    const jx_diag *d = jx_test_find_code(p, "percent-fraction");
    assert_non_null(d);
    assert_int_equal(d->severity, JX_SEV_WARNING);
    assert_int_equal(d->line, p->inds[0].actual.pos.line);
    assert_int_equal(d->column, p->inds[0].actual.pos.col);
    assert_string_equal(d->message, "指标“指标”实际完成值“0.97”没有百分号，对照目标值“≥95%”按 0.97% 计分；"
                                    "它可能是 97% 写成了小数（0.97 × 100%）");
    jx_test_project_free(p);
    /* A = 1 is the upper end: 10 × 1 / 95 = 0.10526… → 0.11, warned naming 100% */
    assert_int_equal(score_one(&pol, "≥95%", "10", "1", &p), 11);
    assert_non_null(strstr(jx_test_find_code(p, "percent-fraction")->message, "可能是 100% "));
    jx_test_project_free(p);
    /* any sign: 0.5 against ≤5%: 0.5% ≤ 5% met, 10.00, warned naming 50% */
    assert_int_equal(score_one(&pol, "≤5%", "10", "0.5", &p), 1000);
    assert_non_null(strstr(jx_test_find_code(p, "percent-fraction")->message, "可能是 50% "));
    jx_test_project_free(p);
    /* not warned: written with % (0.97%: 0.10), above 1 (1.2: 10 × 1.2 / 95 = 0.126… → 0.13),
     * 0 (0.00), a target of 1% or less (0.97 against ≥1%: 10 × 0.97 / 1 = 9.70), a target
     * without % (0.97 against ≥95: 0.10), an actual with a unit (0.97个: unit-mismatch) */
    static const struct {
        const char *target, *actual;
        int64_t cents;
    } quiet[] = {{"≥95%", "0.97%", 10}, {"≥95%", "1.2", 13},  {"≥95%", "0", 0},
                 {"≥1%", "0.97", 970},  {"≥95", "0.97", 10}, {"≥95%", "0.97个", 10}};
    for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++) {
        assert_int_equal(score_one(&pol, quiet[i].target, "10", quiet[i].actual, &p), quiet[i].cents);
        assert_int_equal(jx_test_count_code(p, "percent-fraction"), 0);
        jx_test_project_free(p);
    }
}

static void points_mismatch(void **state)
{
    (void)state;
    /* 产出指标 60 { 数量指标 50 { 30 + 15 } 时效指标 10 { 10 } }: level 2 sums 45 ≠ 50;
     * level 1: 50 + 10 = 60 matches. Then 时效指标 declared 5: level 1 sees 55 ≠ 60. */
    jx_policy pol = jx_test_policy_default();
    jx_project *p = jx_test_project("项目");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", "60", 0);
    uint32_t q = jx_test_group(p, 2, "数量指标", "50", g1);
    uint32_t t = jx_test_group(p, 2, "时效指标", "10", g1);
    jx_test_ind(p, q, "甲", "≥1", "30", "1");
    jx_test_ind(p, q, "乙", "≥1", "15", "1");
    jx_test_ind(p, t, "丙", "≥1", "10", "1");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(jx_test_count_code(p, "points-mismatch"), 1);
    const jx_diag *d = jx_test_find_code(p, "points-mismatch");
    assert_non_null(strstr(d->message, "数量指标"));
    assert_non_null(strstr(d->message, "45"));
    /* fix the level 2 group: 30 + 20 = 50 → no mismatch anywhere */
    p->inds[1].weight = jx_dec_from_int(20);
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(jx_test_count_code(p, "points-mismatch"), 0);
    /* 时效指标 declared 5 with a weight 10 child: both levels disagree */
    p->groups[t].points = jx_dec_from_int(5);
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(jx_test_count_code(p, "points-mismatch"), 2);
    /* group scores: 数量 30 + 20 = 50.00, 时效 10.00, 产出 60.00 */
    assert_int_equal(p->groups[q].score, 5000);
    assert_int_equal(p->groups[t].score, 1000);
    assert_int_equal(p->groups[g1].score, 6000);
    jx_test_project_free(p);
}

static void empty_groups_with_zero_points_are_fine(void **state)
{
    (void)state;
    /* 质量指标 0 {} as in seed 001: no points-mismatch */
    jx_policy pol = jx_test_policy_default();
    jx_project *p = jx_test_project("项目");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", "100", 0);
    uint32_t q = jx_test_group(p, 2, "数量指标", "100", g1);
    jx_test_group(p, 2, "质量指标", "0", g1);
    jx_test_ind(p, q, "甲", "≥1", "100", "1");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(jx_test_count_code(p, "points-mismatch"), 0);
    assert_int_equal(jx_test_count_code(p, "weight-sum"), 0);
    jx_test_project_free(p);
}

static void missing_weight_scores_zero(void **state)
{
    (void)state;
    /* no 权重: weight 0, so 0 × 45 / 60 = 0.00; not below its weight → no missing-reason */
    jx_policy pol = jx_test_policy_default();
    jx_project *p;
    fixture f = fixture_new();
    jx_test_ind(f.p, f.g2, "指标", "≥60个", NULL, "45");
    p = f.p;
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&p->inds[0]), 0);
    assert_int_equal(jx_test_count_code(p, "missing-reason"), 0);
    assert_int_equal(jx_test_count_code(p, "missing-weight"), 0);
    jx_test_project_free(p);
}

/* -------------------------------------------------------- policy knobs */

static void qualitative_percentages_policy(void **state)
{
    (void)state;
    /* 定性 部分达成 at 60% (band 50%..80%): 15 × 60% = 9.00 instead of 10.50 */
    jx_policy pol = jx_test_policy_default();
    pol.qual_pct[1] = jx_dec_from_int(60);
    pol.qual_band_lo[1] = jx_dec_from_int(50);
    fixture f = fixture_new();
    jx_indicator *ind = jx_test_ind(f.p, f.g2, "工作效率", "定性 提升", "15", "\"略有提升\"");
    ind->judge = JX_JUDGE_PARTLY;
    jx_test_claim(ind, "8");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    /* 得分 8 lies in [7.50, 12.00) under this policy, outside [9.00, 12.00) by default */
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 800);
    f.p->inds[0].has_claim = false;
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 900);
    /* 未达成 at 30% by default: 15 × 30% = 4.50 */
    jx_policy def = jx_test_policy_default();
    f.p->inds[0].judge = JX_JUDGE_UNMET;
    assert_int_equal(jx_score(f.p, &def), JX_OK);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), 450);
    jx_test_project_free(f.p);
}

/* A project for the central layout: weights 50 + 40 = 90, all met (90.00 from indicators). */
static jx_project *central_project(const char *budget, const char *spent)
{
    jx_project *p = jx_test_project("中央项目");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_test_ind(p, g2, "甲", "≥1", "50", "1");
    jx_test_ind(p, g2, "乙", "≥1", "40", "1");
    jx_test_funds(p, NULL, budget, budget, spent);
    return p;
}

static void execution_separate(void **state)
{
    (void)state;
    /* 单列 10 分: 10 × 90 / 100 = 9.00; total 90.00 + 9.00 = 99.00; weights 90 fit */
    jx_policy pol = policy_central(true);
    jx_project *p = central_project("100", "90");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_true(p->exec_separate);
    assert_int_equal(p->exec_score, 900);
    assert_string_equal(p->exec_formula, "9.00 = 10 × 90 / 100");
    assert_int_equal(jx_project_total_cents(p), 9900);
    assert_int_equal(jx_test_count_code(p, "weight-sum"), 0);
    jx_test_project_free(p);
    /* the same project under the default (不单列): weights 90 ≠ 100, total 90.00 */
    jx_policy def = jx_test_policy_default();
    p = central_project("100", "90");
    assert_int_equal(jx_score(p, &def), JX_OK);
    assert_false(p->exec_separate);
    assert_int_equal(jx_project_total_cents(p), 9000);
    assert_int_equal(jx_test_count_code(p, "weight-sum"), 1);
    jx_test_project_free(p);
}

static void execution_cap(void **state)
{
    (void)state;
    /* spent 110 of 100: 10 × 110 / 100 = 11.00; 封顶 → 10.00, total 100.00 */
    jx_policy capped = policy_central(true);
    jx_project *p = central_project("100", "110");
    assert_int_equal(jx_score(p, &capped), JX_OK);
    assert_int_equal(p->exec_score, 1000);
    assert_int_equal(jx_project_total_cents(p), 10000);
    jx_test_project_free(p);
    /* without 封顶: 11.00, total 101.00 */
    jx_policy open = policy_central(false);
    p = central_project("100", "110");
    assert_int_equal(jx_score(p, &open), JX_OK);
    assert_int_equal(p->exec_score, 1100);
    assert_int_equal(jx_project_total_cents(p), 10100);
    jx_test_project_free(p);
}

static void execution_funds_rows(void **state)
{
    (void)state;
    /* 年度资金总额 0 0 0 beside 一般公共预算资金 358.35 / 300 and 其他资金 41.65 / 41.65:
     * budget 400, spent 341.65 → 10 × 341.65 / 400 = 8.54125 → 8.54 */
    jx_policy pol = policy_central(true);
    jx_project *p = jx_test_project("项目");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_test_ind(p, g2, "甲", "≥1", "90", "1");
    jx_test_funds(p, NULL, "0", "0", "0");
    jx_test_funds(p, "一般公共预算资金", "366", "358.35", "300");
    jx_test_funds(p, "其他资金", "0", "41.65", "41.65");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(p->exec_score, 854);
    /* 90.00 + 8.54 = 98.54 */
    assert_int_equal(jx_project_total_cents(p), 9854);
    /* a 年度资金总额 row with a budget wins over the others: 10 × 50 / 200 = 2.50 */
    p->funds[0].budget = jx_dec_from_int(200);
    p->funds[0].spent = jx_dec_from_int(50);
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(p->exec_score, 250);
    jx_test_project_free(p);
}

static void execution_zero_budget(void **state)
{
    (void)state;
    /* 全年预算 0 → 0.00 and execution-budget; total 90.00 */
    jx_policy pol = policy_central(true);
    jx_project *p = central_project("0", "0");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(p->exec_score, 0);
    assert_int_equal(jx_project_total_cents(p), 9000);
    assert_int_equal(jx_test_count_code(p, "execution-budget"), 1);
    jx_test_project_free(p);
    p = central_project("100", "100");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(jx_test_count_code(p, "execution-budget"), 0);
    jx_test_project_free(p);
}

/* Weights 50 + 50; the second does not apply; the first scores 50 × 40 / 50 = 40.00. */
static jx_project *na_project(void)
{
    jx_project *p = jx_test_project("项目");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_indicator *a = jx_test_ind(p, g2, "甲", "≥50", "50", "40");
    jx_test_reason(p, a, "说明");
    jx_indicator *b = jx_test_ind(p, g2, "乙", "≥1", "50", NULL);
    b->not_applicable = true;
    return p;
}

static void not_applicable_dropped(void **state)
{
    (void)state;
    /* 剔除: total is the rest's sum, 40.00; 乙 has no missing-actual warning */
    jx_policy pol = jx_test_policy_default();
    jx_project *p = na_project();
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(jx_project_total_cents(p), 4000);
    assert_string_equal(jx_indicator_method(&p->inds[1]), "not-applicable");
    assert_int_equal(jx_test_count_code(p, "missing-actual"), 0);
    assert_int_equal(jx_test_count_code(p, "not-applicable-rescale"), 0);
    jx_test_project_free(p);
}

static void not_applicable_rescaled(void **state)
{
    (void)state;
    /* 按比例折算: 40.00 × 100 / 50 = 80.00, with a note */
    jx_policy pol = jx_test_policy_default();
    pol.na_rule = JX_NA_RESCALE;
    jx_project *p = na_project();
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(jx_project_total_cents(p), 8000);
    assert_int_equal(jx_project_grade(p), JX_GRADE_GOOD);
    const jx_diag *d = jx_test_find_code(p, "not-applicable-rescale");
    assert_non_null(d);
    assert_int_equal(d->severity, JX_SEV_NOTE);
    assert_non_null(strstr(d->message, "80.00"));
    jx_test_project_free(p);
}

static void decimals_policy(void **state)
{
    (void)state;
    /* ≥3 权重10 实际2 = 6.666…: 小数 0 → 7, 小数 3 → 6.667 (6.67 in cents) */
    jx_policy pol = jx_test_policy_default();
    pol.decimals = 0;
    jx_project *p;
    score_one(&pol, "≥3", "10", "2", &p);
    assert_int_equal(p->inds[0].score, 7);
    assert_int_equal(jx_indicator_score_cents(&p->inds[0]), 700);
    assert_string_equal(jx_indicator_formula(&p->inds[0]), "7 = 10 × 2 / 3");
    jx_test_project_free(p);
    pol.decimals = 3;
    score_one(&pol, "≥3", "10", "2", &p);
    assert_int_equal(p->inds[0].score, 6667);
    assert_int_equal(jx_indicator_score_cents(&p->inds[0]), 667);
    jx_test_project_free(p);
    /* 小数 1: 5.005 → 5.0 (only the first decimal counts: 50.05 tenths → 50) */
    pol.decimals = 1;
    score_one(&pol, "≥200", "10", "100.1", &p);
    assert_int_equal(p->inds[0].score, 50);
    jx_test_project_free(p);
}

static void total_is_sum_of_rounded_scores(void **state)
{
    (void)state;
    /* three × (≥3 权重10 实际2) = 6.67 each → 20.01, not round(20.00) */
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    for (int i = 0; i < 3; i++) {
        jx_indicator *ind = jx_test_ind(f.p, f.g2, "指标", "≥3", "10", "2");
        jx_test_reason(f.p, ind, "说明");
    }
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_project_total_cents(f.p), 2001);
    jx_test_project_free(f.p);
}

/* ------------------------------------------------------ the whole run */

static void rescoring_is_idempotent(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_test_ind(f.p, f.g2, "甲", "≥60个", "30", "45");
    jx_test_ind(f.p, f.g2, "乙", "≥60个", "30", "\"达成\"");
    /* a parse warning stays through rescoring */
    jx_project_diag_add(f.p, JX_SEV_WARNING, "vague-actual", f.p->inds[0].pos, "解析警告");
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    size_t n = jx_project_diag_count(f.p);
    size_t w = f.p->diags.warnings;
    int64_t total = jx_project_total_cents(f.p);
    assert_true(n > 1);
    assert_int_equal(jx_score(f.p, &pol), JX_OK);
    assert_int_equal(jx_project_diag_count(f.p), n);
    assert_int_equal(f.p->diags.warnings, w);
    assert_int_equal(jx_project_total_cents(f.p), total);
    /* the parse warning is still the first */
    assert_string_equal(jx_project_diag(f.p, 0)->message, "解析警告");
    /* vague-actual: the parser's one plus the evaluator's one for 乙 */
    assert_int_equal(jx_test_count_code(f.p, "vague-actual"), 2);
    jx_test_project_free(f.p);
}

static void syntax_errors_stop_scoring(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    fixture f = fixture_new();
    jx_test_ind(f.p, f.g2, "甲", "≥60个", "30", "45");
    jx_project_diag_add(f.p, JX_SEV_ERROR, "syntax", f.p->inds[0].pos, "语法错误");
    assert_int_equal(jx_score(f.p, &pol), JX_ERR_INPUT);
    assert_false(f.p->scored);
    assert_int_equal(jx_project_total_cents(f.p), -1);
    assert_int_equal(jx_indicator_score_cents(&f.p->inds[0]), -1);
    assert_int_equal(jx_project_diag_count(f.p), 1);
    assert_int_equal(jx_score(NULL, &pol), JX_ERR_USAGE);
    assert_int_equal(jx_score(f.p, NULL), JX_ERR_USAGE);
    jx_test_project_free(f.p);
}

static void seed_001_first_form(void **state)
{
    (void)state;
    /* seed 001's first 自评表, actuals read as numbers: every indicator met → 100.00 优 */
    jx_policy pol = jx_test_policy_default();
    jx_project *p = jx_test_project("越城区电子政务云资源服务项目");
    uint32_t out = jx_test_group(p, 1, "产出指标", "60", 0);
    uint32_t num = jx_test_group(p, 2, "数量指标", "50", out);
    jx_test_group(p, 2, "质量指标", "0", out);
    uint32_t tim = jx_test_group(p, 2, "时效指标", "10", out);
    jx_test_group(p, 2, "成本指标", "0", out);
    uint32_t ben = jx_test_group(p, 1, "效益指标", "30", 0);
    uint32_t eco = jx_test_group(p, 2, "经济效益", "15", ben);
    jx_test_group(p, 2, "社会效益", "0", ben);
    jx_test_group(p, 2, "生态效益", "0", ben);
    uint32_t sus = jx_test_group(p, 2, "可持续影响", "15", ben);
    uint32_t sat = jx_test_group(p, 1, "满意度指标", "10", 0);
    uint32_t sat2 = jx_test_group(p, 2, "服务对象满意度", "10", sat);
    jx_test_claim(jx_test_ind(p, num, "接入系统数量", "≥60个", "30", "≥60个"), "30");
    jx_test_claim(jx_test_ind(p, num, "运行保障期限", "=1年", "20", "=1年"), "20");
    jx_test_claim(jx_test_ind(p, tim, "执行率", "≥95%", "10", "100%"), "10");
    jx_test_claim(jx_test_ind(p, eco, "工作效率", "定性 提升", "15", "\"提升\""), "15");
    jx_test_claim(jx_test_ind(p, sus, "政务云稳定性", "≥99%", "15", "≥99%"), "15");
    jx_test_claim(jx_test_ind(p, sat2, "服务对象满意率", "≥90%", "10", "≥90%"), "10");
    jx_test_funds(p, NULL, "0", "0", "0");
    jx_test_funds(p, "一般公共预算资金", "366", "358.35", "358.35");
    jx_test_claim_total(p, "100", JX_GRADE_EXCELLENT);
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(jx_project_total_cents(p), 10000);
    assert_int_equal(jx_project_grade(p), JX_GRADE_EXCELLENT);
    /* no evaluator warning at all: claims, points and weights agree; only the checks'
     * findings (engine/checks.c): the 0 年度资金总额 row beside 358.35 of sources, 工作效率
     * at full marks with its target "提升" as its actual, and every indicator at full marks */
    assert_int_equal(jx_project_diag_count(p), 3);
    assert_int_equal(jx_test_count_code(p, "funds-inconsistent"), 1);
    assert_int_equal(jx_test_count_code(p, "qualitative-evidence"), 1);
    assert_int_equal(jx_test_count_code(p, "all-full-marks"), 1);
    assert_int_equal(p->groups[out].score, 6000);
    assert_int_equal(p->groups[ben].score, 3000);
    jx_test_project_free(p);
}

/* ------------------------------------------------ the worked sample */

static void sample_wangan_review(void **state)
{
    (void)state;
    /* samples/wangan-2025-review.jx, scored by hand in its header comment */
    static const struct {
        const char *name; /* 三级指标 */
        int64_t cents;    /* hand-computed score */
    } want[] = {
        {"漏洞扫描", 1667},         /* 20 × 10 / 12 = 16.666… → 16.67 */
        {"渗透测试", 750},          /* 10 × 3 / 4 = 7.50 */
        {"安全培训人次", 1000},     /* 260 ≥ 200 → 10.00 (over-target 130%) */
        {"高危漏洞修复率", 961},    /* 10 × 91.3 / 95 = 9.6105… → 9.61 */
        {"安全事件响应时间", 375},  /* 2小时 = 120分钟: 5 × (240 − 150) / 120 = 3.75 */
        {"执行率", 491},            /* 5 × 93.27 / 95 = 4.9089… → 4.91 */
        {"重大安全事故", 1000},     /* 0 = 0 → 10.00 */
        {"网络安全态势", 350},      /* 部分达成, 得分 3.5 in [3.00, 4.00) → 3.50 */
        {"隐患平均处置时长", 1125}, /* 15 × (48 − 30) / 24 = 11.25 */
        {"服务对象满意率", 1000},   /* 92.5 ≥ 90 → 10.00 */
    };
    const char *root = getenv("JX_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/samples/wangan-2025-review.jx", root ? root : "..");
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open(&rd, path, NULL), JX_OK);
    jx_project *p = NULL;
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_int_equal(jx_project_error_count(p), 0);
    assert_int_equal(jx_score(p, pol), JX_OK);
    assert_int_equal(jx_project_indicator_count(p), sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const jx_indicator *ind = jx_project_indicator(p, i);
        assert_string_equal(jx_indicator_name(ind), want[i].name);
        assert_int_equal(jx_indicator_score_cents(ind), want[i].cents);
    }
    /* 16.67 + 7.50 + 10.00 + 9.61 + 3.75 + 4.91 + 10.00 + 3.50 + 11.25 + 10.00 = 87.19 → 良 */
    assert_int_equal(jx_project_total_cents(p), 8719);
    assert_int_equal(jx_project_grade(p), JX_GRADE_GOOD);
    /* the claims match: only the over-target warning remains */
    assert_int_equal(jx_project_diag_count(p), 1);
    assert_string_equal(jx_project_diag(p, 0)->code, "over-target");
    assert_int_equal(jx_reader_next(rd, &p), JX_DONE);
    jx_reader_close(rd);
    jx_policy_close(pol);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ge_ratio_60_30_45),
        cmocka_unit_test(le_linear_24_15_30),
        cmocka_unit_test(le_ratio_24_15_30),
        cmocka_unit_test(le_linear_reaches_zero_at_twice_target),
        cmocka_unit_test(eq_ratio_4_20_3),
        cmocka_unit_test(eq_zero_met),
        cmocka_unit_test(eq_zero_missed),
        cmocka_unit_test(ge_percent_met),
        cmocka_unit_test(half_cent_rounds_up),
        cmocka_unit_test(two_thirds),
        cmocka_unit_test(reverse_linear_tie),
        cmocka_unit_test(qualitative_partly),
        cmocka_unit_test(qualitative_claim_outside_band),
        cmocka_unit_test(qualitative_claim_below_band),
        cmocka_unit_test(qualitative_claim_inside_band),
        cmocka_unit_test(qualitative_met_band_is_closed_above),
        cmocka_unit_test(qualitative_same_text_is_met),
        cmocka_unit_test(qualitative_unjudged),
        cmocka_unit_test(qualitative_claim_without_judgement),
        cmocka_unit_test(over_target_warned),
        cmocka_unit_test(over_target_not_below_threshold),
        cmocka_unit_test(over_target_130_policy),
        cmocka_unit_test(actual_against_target_at_other_scales),
        cmocka_unit_test(over_target_boundary_at_other_scales),
        cmocka_unit_test(over_target_below_target_under_low_policy),
        cmocka_unit_test(eq_above_target_is_full_and_over),
        cmocka_unit_test(grade_90_is_excellent),
        cmocka_unit_test(grade_89_99_is_good),
        cmocka_unit_test(grade_80_is_good),
        cmocka_unit_test(grade_79_99_is_fair),
        cmocka_unit_test(grade_60_is_fair),
        cmocka_unit_test(grade_59_99_is_poor),
        cmocka_unit_test(grade_bands_80_70_60),
        cmocka_unit_test(band_note_default),
        cmocka_unit_test(band_note_kept_by_the_policy),
        cmocka_unit_test(time_units_convert),
        cmocka_unit_test(unit_mismatch_warned),
        cmocka_unit_test(negative_actual_scores_zero),
        cmocka_unit_test(gt_and_lt_behave_like_ge_and_le),
        cmocka_unit_test(le_zero_target),
        cmocka_unit_test(missing_actual),
        cmocka_unit_test(text_actual_is_vague),
        cmocka_unit_test(claimed_score),
        cmocka_unit_test(claimed_total_and_grade),
        cmocka_unit_test(missing_reason),
        cmocka_unit_test(weight_sum),
        cmocka_unit_test(weight_sum_110),
        cmocka_unit_test(weight_sum_central_layout),
        cmocka_unit_test(weight_sum_some_unweighted),
        cmocka_unit_test(weight_sum_no_weights),
        cmocka_unit_test(weight_out_of_range),
        cmocka_unit_test(funds_out_of_range),
        cmocka_unit_test(wide_values_do_not_wrap),
        cmocka_unit_test(percent_fraction),
        cmocka_unit_test(points_mismatch),
        cmocka_unit_test(empty_groups_with_zero_points_are_fine),
        cmocka_unit_test(missing_weight_scores_zero),
        cmocka_unit_test(qualitative_percentages_policy),
        cmocka_unit_test(execution_separate),
        cmocka_unit_test(execution_cap),
        cmocka_unit_test(execution_funds_rows),
        cmocka_unit_test(execution_zero_budget),
        cmocka_unit_test(not_applicable_dropped),
        cmocka_unit_test(not_applicable_rescaled),
        cmocka_unit_test(decimals_policy),
        cmocka_unit_test(total_is_sum_of_rounded_scores),
        cmocka_unit_test(rescoring_is_idempotent),
        cmocka_unit_test(syntax_errors_stop_scoring),
        cmocka_unit_test(seed_001_first_form),
        cmocka_unit_test(sample_wangan_review),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
