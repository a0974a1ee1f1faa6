/* SPDX-License-Identifier: MIT */
/* test_score_fast.c — the shortcuts of the evaluator and the checks give what the general
 * code gives. Each shortcut is taken by some inputs and not by others that mean the same
 * (a number written with more decimals, names and texts of any bytes), and the two must
 * agree: the range of a weight (eval.c weight_in_range), the numbers of a formula
 * (jx_num_put's short path, dec.c, with and without zeros to drop), x × y / z in one 64-bit
 * division (eval.c x_muldiv128, against x_muldiv128_wide), the over-target comparison (dec.h jx_cmp_products),
 * the sums of points and weights in 64 bits at 9 decimals (eval.c tally, score.c
 * jx_weight_bits), a claim against its score in 64 bits (eval.c x_dec_is_units), an actual
 * that restates its target byte for byte (model.h jx_str_same_bytes), the first use of a
 * name (checks.c dup_first_of, against a pass over the earlier names), the sums and
 * comparisons of the checks (q_add_dec, dec_cmp), execution-gap's sums taken from the
 * scoring's (checks.c gap_from, against the checks adding them up), the 不适用 indicators
 * the 满分 drops found four indicators at a time (score.c jx_full_marks_of), the message
 * of qualitative-evidence put together piece by piece (against its format), trimming (jx_str_trimmed against
 * jx_str_trimmed_plain), the words looked for in names (checks.c name_has_execution and
 * name_has, against strstr), and the checks' exact numbers (checks.c qn), whose steps take 64 bits
 * when the numbers fit and 128 or 256 when not: the 资金 rows written at one scale and at
 * several, sums past 2^64, and execution-gap's answer with amounts just below 2^63,
 * between 2^63 and 2^64 and above 2^64, and with scales 18, 19 and 22 apart (the largest
 * power of ten a 64-bit step takes is 10^18). Expected numbers are worked out by hand
 * beside them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "build.h"
#include "checks.h"
#include "dec.h"
#include "model.h"
#include "score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ helpers */

/* A project with 产出指标 / 数量指标; *g2 is the latter. */
static jx_project *project_new(uint32_t *g2)
{
    jx_project *p = jx_test_project("测试项目");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    *g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    return p;
}

/* The message of p's first diagnostic with code, "" when there is none. */
static const char *message_of(const jx_project *p, const char *code)
{
    const jx_diag *d = jx_test_find_code(p, code);
    return d ? d->message : "";
}

/* --------------------------------------------------------- ranges of weights */

/* One indicator ≥60个 权重 w 实际 45个 scored under the default policy: the result, and
 * the value-range message in msg ("" when none). */
static jx_result score_weight(const char *w, char *msg, size_t size)
{
    jx_policy pol = jx_test_policy_default();
    uint32_t g2;
    jx_project *p = project_new(&g2);
    jx_indicator *ind = jx_test_ind(p, g2, "接入系统数量", "≥60个", w, "45个");
    jx_test_reason(p, ind, "说明");
    jx_result r = jx_score(p, &pol);
    snprintf(msg, size, "%s", message_of(p, "value-range"));
    jx_test_project_free(p);
    return r;
}

/* The same for a 一级 group whose 分值 is pts. */
static jx_result score_points(const char *pts, char *msg, size_t size)
{
    jx_policy pol = jx_test_policy_default();
    jx_project *p = jx_test_project("分值");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", pts, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_indicator *ind = jx_test_ind(p, g2, "甲", "≥1", "100", "1");
    jx_test_reason(p, ind, "说明");
    jx_result r = jx_score(p, &pol);
    snprintf(msg, size, "%s", message_of(p, "value-range"));
    jx_test_project_free(p);
    return r;
}

static void weight_range_fast_matches_plain(void **state)
{
    (void)state;
    /* Each value written with at most 4 decimals (the fast path) and with more, trailing
     * zeros (the general path): a weight is in when 0 ≤ w ≤ 100 with at most 4 decimals
     * that are not trailing zeros; the message prints the value without trailing zeros. */
    static const struct {
        const char *fast, *plain; /* one value, written two ways */
        bool in;                  /* worked out by hand */
        const char *number;       /* as the message prints it */
        const char *why;
    } cases[] = {
        {"100", "100.00000", true, "100", ""},             /* the top, included */
        {"100.0000", "100.000000000", true, "100", ""},   /* 9 decimals, the most a number has */
        {"0", "0.000000", true, "0", ""},                 /* the bottom, included */
        {"-0", "-0.00000", true, "0", ""},                /* −0 is 0 */
        {"99.9999", "99.99990", true, "99.9999", ""},     /* 4 significant decimals */
        {"0.0001", "0.00010", true, "0.0001", ""},
        {"100.0001", "100.000100", false, "100.0001", "超出范围"}, /* just above 100 */
        {"101", "101.00000", false, "101", "超出范围"},
        {"1000", "1000.000000000", false, "1000", "超出范围"},
        {"-0.0001", "-0.00010000", false, "-0.0001", "为负数"},  /* just below 0 */
        {"-10", "-10.00000", false, "-10", "为负数"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char m1[512], m2[512], want[512] = "";
        if (!cases[i].in)
            snprintf(want, sizeof want,
                     "指标“接入系统数量”的权重 %s %s：权重应在 0～100 之间，最多 4 位小数；项目无法计分",
                     cases[i].number, cases[i].why);
        jx_result want_r = cases[i].in ? JX_OK : JX_ERR_INPUT;
        assert_int_equal(score_weight(cases[i].fast, m1, sizeof m1), want_r);
        assert_int_equal(score_weight(cases[i].plain, m2, sizeof m2), want_r);
        assert_string_equal(m1, want);
        assert_string_equal(m2, want);

        /* a group's 分值, held to the same range */
        if (!cases[i].in)
            snprintf(want, sizeof want,
                     "一级指标“产出指标”的分值 %s %s：分值应在 0～100 之间，最多 4 位小数；项目无法计分",
                     cases[i].number, cases[i].why);
        assert_int_equal(score_points(cases[i].fast, m1, sizeof m1), want_r);
        assert_int_equal(score_points(cases[i].plain, m2, sizeof m2), want_r);
        assert_string_equal(m1, want);
        assert_string_equal(m2, want);
    }
    /* five significant decimals are out whichever way: 33.33333, and 33.333330 */
    char m[512];
    assert_int_equal(score_weight("33.33333", m, sizeof m), JX_ERR_INPUT);
    assert_int_equal(score_weight("33.333330", m, sizeof m), JX_ERR_INPUT);
    assert_string_equal(m, "指标“接入系统数量”的权重 33.33333 超出范围：权重应在 0～100 之间，最多 4 位小数；项目无法计分");
}

/* ------------------------------------------------------- formula's numbers */

/* The formula of one indicator scored under the default policy, with 评定 j (JX_JUDGE_NONE
 * for none) and 得分 claim (NULL for none). */
static void judged_formula_of(const char *target, const char *weight, const char *actual, jx_judge j,
                              const char *claim, char *out, size_t size)
{
    jx_policy pol = jx_test_policy_default();
    uint32_t g2;
    jx_project *p = project_new(&g2);
    jx_indicator *ind = jx_test_ind(p, g2, "指标", target, weight, actual);
    ind->judge = j;
    if (claim)
        jx_test_claim(ind, claim);
    jx_test_reason(p, ind, "说明");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    snprintf(out, size, "%s", jx_indicator_formula(&p->inds[0]));
    jx_test_project_free(p);
}

/* The same without 评定 or 得分. */
static void formula_of(const char *target, const char *weight, const char *actual, char *out, size_t size)
{
    judged_formula_of(target, weight, actual, JX_JUDGE_NONE, NULL, out, size);
}

/* Fails unless both indicators, one way and the other, are given the formula want. */
static void formulas_agree(const char *target1, const char *weight1, const char *actual1, const char *target2,
                           const char *weight2, const char *actual2, const char *want)
{
    char f1[512], f2[512];
    formula_of(target1, weight1, actual1, f1, sizeof f1);
    formula_of(target2, weight2, actual2, f2, sizeof f2);
    assert_string_equal(f1, want);
    assert_string_equal(f2, want);
}

static void formula_numbers_fast_match_plain(void **state)
{
    (void)state;
    /* Whole numbers not below zero are written as they are; the same numbers with
     * decimals that are zeros have them dropped by jx_num_put: the texts agree. */
    static const struct {
        const char *target, *weight, *actual; /* whole numbers */
        const char *target2, *weight2, *actual2; /* the same with zero decimals */
        const char *want;
    } cases[] = {
        /* ≥390个 权重6 实际444: met, 6 → 6.00 */
        {"≥390个", "6", "444个", "≥390.00个", "6.0", "444.000个", "6.00 = 6（444个 ≥ 390个，达成）"},
        /* ≥60 权重30 实际45: 30 × 45 / 60 = 22.50 */
        {"≥60", "30", "45", "≥60.0", "30.00", "45.0", "22.50 = 30 × 45 / 60"},
        /* 0 and one-, two-, ten-digit numbers: ≥1000000000 权重9 实际0 → 9 × 0 / 10^9 = 0 */
        {"≥1000000000", "9", "0", "≥1000000000.0", "9.0000", "0.000", "0.00 = 9 × 0 / 1000000000"},
        /* 18 digits: ≥999999999999999999 权重10 实际99 → 10 × 99 / (10^18 − 1) rounds to 0 */
        {"≥999999999999999999", "10", "99", "≥999999999999999999", "10.0", "99.0",
         "0.00 = 10 × 99 / 999999999999999999"},
        /* ≤24小时 权重15 实际30: 15 × (2 × 24 − 30) / 24 = 11.25 */
        {"≤24小时", "15", "30小时", "≤24.0小时", "15.0", "30.00小时", "11.25 = 15 × (2 × 24 − 30) / 24"},
        /* decimals that end in a digit other than 0 and the same with a 0 more (jx_num_put
         * drops it): 6.25 × 44.5 / 60 = 278.125 / 60 = 4.6354… → 4.64 */
        {"≥60", "6.25", "44.5", "≥60.00", "6.250", "44.50", "4.64 = 6.25 × 44.5 / 60"},
        /* zeros after the point: 10 × 0.05 / 0.1 = 5.00 */
        {"≥0.1", "10", "0.05", "≥0.10", "10.00", "0.0500", "5.00 = 10 × 0.05 / 0.1"},
        /* 9 decimals: 0.000000001 × 3 / 0.000000003 = 0.000000001 → 0.00 */
        {"≥0.000000003", "0.0001", "0.000000001", "≥0.000000003", "0.00010", "0.000000001",
         "0.00 = 0.0001 × 0.000000001 / 0.000000003"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        formulas_agree(cases[i].target, cases[i].weight, cases[i].actual, cases[i].target2, cases[i].weight2,
                       cases[i].actual2, cases[i].want);
    /* past 64 bits (only jx_num_put): 999999999999999999周 in 毫秒 is
     * 999999999999999999 × 604800000 = 604800000·10^18 − 604800000 = 604799999999999999395200000 */
    char f[512];
    formula_of("≥1毫秒", "5", "999999999999999999周", f, sizeof f);
    assert_string_equal(f, "5.00 = 5（604799999999999999395200000毫秒 ≥ 1毫秒，达成）"
                           "（实际 999999999999999999周 按 604799999999999999395200000毫秒 计）");
    /* below zero (only jx_num_put): a negative actual scores 0 */
    formula_of("≥60个", "30", "-3个", f, sizeof f);
    assert_string_equal(f, "0.00（实际完成值 -3个 为负数，按 0 分计）");
}

/* ------------------------------------------------------------- x × y / z */

/* The formula of 定性 提升 权重 w 实际 actual (a quoted text) with 评定 j (JX_JUDGE_NONE for
 * none) and 得分 claim (NULL for none), scored under the default policy. */
static void qual_formula_of(const char *w, const char *actual, jx_judge j, const char *claim, char *out,
                            size_t size)
{
    judged_formula_of("定性 提升", w, actual, j, claim, out, size);
}

static void muldiv_fast_matches_wide(void **state)
{
    (void)state;
    /* x × y × 10^shift / z (eval.c x_muldiv128), shift being z's decimals + 2 − x's − y's:
     * one 64-bit division when the shift is 0 to 18 and the product fits 64 bits; a weight
     * written with 9 decimals (trailing zeros: the same weight) makes the shift negative,
     * and the general path (x_muldiv128_wide) takes the same numbers. Rounded half up. */
    static const struct {
        const char *target, *fast_w, *wide_w, *actual, *want;
    } cases[] = {
        /* 1 × 1 / 8 = 0.125 → 0.13: half up */
        {"≥8", "1", "1.000000000", "1", "0.13 = 1 × 1 / 8"},
        /* 1 × 0.99 / 8 = 0.12375 → 0.12 */
        {"≥8", "1", "1.000000000", "0.99", "0.12 = 1 × 0.99 / 8"},
        /* = not met from below: 3 × 5 / 8 = 1.875 → 1.88 */
        {"=8", "3", "3.000000000", "5", "1.88 = 3 × 5 / 8"},
        /* 反向 线性: 1 × (48 − 31) / 24 = 17 / 24 = 0.7083… → 0.71 */
        {"≤24小时", "1", "1.000000000", "31小时", "0.71 = 1 × (2 × 24 − 31) / 24"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        formulas_agree(cases[i].target, cases[i].fast_w, cases[i].actual, cases[i].target, cases[i].wide_w,
                       cases[i].actual, cases[i].want);
    /* products past 2^63 ≈ 9.2·10^18, the general path only: 10 × 999999999999999998 already
     * (and 10.00 × 999999999999999998, with a shift of 0), 1 × 999999999999999998 once times
     * 10^2; 10 × (1 − 10^-18) = 9.999… → 10.00 and 1 × (1 − 10^-18) → 1.00 */
    char f[512];
    formula_of("≥999999999999999999", "10", "999999999999999998", f, sizeof f);
    assert_string_equal(f, "10.00 = 10 × 999999999999999998 / 999999999999999999");
    formula_of("≥999999999999999999", "10.00", "999999999999999998", f, sizeof f);
    assert_string_equal(f, "10.00 = 10 × 999999999999999998 / 999999999999999999");
    formula_of("≥999999999999999999", "1", "999999999999999998", f, sizeof f);
    assert_string_equal(f, "1.00 = 1 × 999999999999999998 / 999999999999999999");

    /* 定性 (w × pct / 100, each bound of a band the same way), the default policy's 部分达成
     * 70 % and bands 达成 [80 %, 100 %], 部分达成 [60 %, 80 %): with w = 0.05 and 0.07 written
     * with 2 decimals the shift is 0, with 9 it is −7 */
    static const char *const w5[2] = {"0.05", "0.050000000"}, *const w7[2] = {"0.07", "0.070000000"};
    for (int k = 0; k < 2; k++) {
        /* 0.05 × 70 % = 0.035 → 0.04 */
        qual_formula_of(w5[k], "\"基本提升\"", JX_JUDGE_PARTLY, NULL, f, sizeof f);
        assert_string_equal(f, "0.04 = 0.05 × 70%（部分达成）");
        /* 达成 of 0.07: [0.056, 0.07] → [0.06, 0.07], the claim 0.07 in it */
        qual_formula_of(w7[k], "\"提升\"", JX_JUDGE_MET, "0.07", f, sizeof f);
        assert_string_equal(f, "0.07（自评得分，在“达成”区间 [0.06, 0.07] 内）");
        /* no 评定: 0.05 is below 达成's 0.056 and in 部分达成's [0.042, 0.056) → [0.04, 0.06) */
        qual_formula_of(w7[k], "\"基本提升\"", JX_JUDGE_NONE, "0.05", f, sizeof f);
        assert_string_equal(f, "0.05（自评得分，未评定，属“部分达成”区间 [0.04, 0.06)）");
    }
}

/* ---------------------------------------------------------- over-target test */

/* One indicator ≥t 权重30 实际a under the default policy with 超额提示 over: the
 * over-target message ("" when none). */
static void over_target_message(const char *t, const char *a, const char *over, char *out, size_t size)
{
    jx_policy pol = jx_test_policy_default();
    pol.over_pct = jx_test_dec(over);
    uint32_t g2;
    jx_project *p = project_new(&g2);
    jx_indicator *ind = jx_test_ind(p, g2, "指标", t, "30", a);
    jx_test_reason(p, ind, "说明");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    snprintf(out, size, "%s", message_of(p, "over-target"));
    jx_test_project_free(p);
}

static void over_target_fast_matches_plain(void **state)
{
    (void)state;
    /* 100·A ≥ over·T: with T and over written with 9 decimals each the factors of the
     * products pass 2^63 (100 × 10^18) and are compared in 256 bits; written plainly, in
     * 128. A = 12 against T = 10 is 120.00 %, at the 120 % line: warned; 11.99 is not. */
    static const char *const slow_t[] = {"≥10.000000000", "≥10"};
    static const char *const slow_over[] = {"120.000000000", "120"};
    for (int k = 0; k < 2; k++) {
        char m[1024];
        over_target_message(slow_t[k], "12", slow_over[k], m, sizeof m);
        assert_string_equal(m, "指标“指标”实际完成值 12 达到目标值 10 的 120.00%（超额提示 120%），按满分计，目标值可能偏低，请说明原因");
        over_target_message(slow_t[k], "11.999999999", slow_over[k], m, sizeof m);
        assert_string_equal(m, "");
        /* 13 against 10 is 130.00 % */
        over_target_message(slow_t[k], "13", slow_over[k], m, sizeof m);
        assert_string_equal(m, "指标“指标”实际完成值 13 达到目标值 10 的 130.00%（超额提示 120%），按满分计，目标值可能偏低，请说明原因");
    }
}

/* ------------------------------------------------------------ sums of points */

/* 产出指标 p1 { 数量指标 p2 { 甲 w[0], 乙 w[1] } 时效指标 { 丙 w[2] } } scored under the default
 * policy: the points-mismatch messages, "" for each level without one. */
static void points_messages(const char *p1, const char *p2, const char *const w[3], char *m1, char *m2,
                            size_t size)
{
    jx_policy pol = jx_test_policy_default();
    jx_project *p = jx_test_project("分值");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", p1, 0);
    uint32_t q = jx_test_group(p, 2, "数量指标", p2, g1);
    uint32_t t = jx_test_group(p, 2, "时效指标", NULL, g1);
    jx_test_ind(p, q, "甲", "≥1", w[0], "1");
    jx_test_ind(p, q, "乙", "≥1", w[1], "1");
    jx_test_ind(p, t, "丙", "≥1", w[2], "1");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    m1[0] = m2[0] = '\0';
    for (size_t k = 0; k < jx_project_diag_count(p); k++) {
        const jx_diag *d = jx_project_diag(p, k);
        if (strcmp(d->code, "points-mismatch") == 0)
            snprintf(strstr(d->message, "一级") ? m1 : m2, size, "%s", d->message);
    }
    jx_test_project_free(p);
}

static void points_sums_at_any_scale(void **state)
{
    (void)state;
    /* The sums are kept at 9 decimals whatever the numbers are written with: written with
     * few decimals and with many, the messages are the same. 30.5 + 19.25 = 49.75 against
     * 数量指标's 50; 产出指标 sees 50 (数量指标's points) + 10.25 (时效指标's weights, it
     * declares none) = 60.25 against 60. */
    static const char *const short_w[3] = {"30.5", "19.25", "10.25"};
    static const char *const long_w[3] = {"30.500000000", "19.2500", "10.250"};
    const char *want1 = "一级指标“产出指标”的分值 60 与其下二级指标分值合计 60.25 不符";
    const char *want2 = "二级指标“数量指标”的分值 50 与其下三级指标权重合计 49.75 不符";
    char m1[512], m2[512];
    points_messages("60", "50", short_w, m1, m2, sizeof m1);
    assert_string_equal(m1, want1);
    assert_string_equal(m2, want2);
    points_messages("60.000000000", "50.00", long_w, m1, m2, sizeof m1);
    assert_string_equal(m1, want1);
    assert_string_equal(m2, want2);
    /* 30.5 + 19.5 = 50 and 50 + 10 = 60: no finding, however written */
    static const char *const even_w[3] = {"30.5", "19.5", "10"};
    static const char *const even_long_w[3] = {"30.50", "19.500000000", "10.0"};
    points_messages("60", "50", even_w, m1, m2, sizeof m1);
    assert_string_equal(m1, "");
    assert_string_equal(m2, "");
    points_messages("60.0000", "50.000000000", even_long_w, m1, m2, sizeof m1);
    assert_string_equal(m1, "");
    assert_string_equal(m2, "");
}

/* jx_indicator_weights sums at JX_DEC_MAX_SCALE in 64 bits, wrapping: the same coefficient
 * as the exact 128-bit sum cast to 64 bits, the plain way, in range and out of it. */
static void weights_sum_matches_128_bits(void **state)
{
    (void)state;
    /* in range: 30.5 + 19.25 + 50.25 = 100, at 9 decimals 100 000 000 000 */
    static const char *const in_w[3] = {"30.5", "19.25000", "50.25"};
    /* out of range (a project not scored, whose weights a report may still add up):
     * 10^17 and 999999999999999999 at 9 decimals pass 2^64 */
    static const char *const out_w[3] = {"100000000000000000", "999999999999999999", "0.000000001"};
    const char *const *sets[2] = {in_w, out_w};
    for (int k = 0; k < 2; k++) {
        uint32_t g2;
        jx_project *p = project_new(&g2);
        __int128 plain = 0;
        for (int i = 0; i < 3; i++) {
            jx_indicator *ind = jx_test_ind(p, g2, "甲", "≥1", sets[k][i], "1");
            plain += (__int128)ind->weight.v * jx_pow10_128(JX_DEC_MAX_SCALE - ind->weight.scale);
        }
        jx_test_ind(p, g2, "无权重", "≥1", NULL, "1"); /* adds nothing */
        jx_dec w = jx_indicator_weights(p);
        assert_int_equal(w.scale, JX_DEC_MAX_SCALE);
        assert_true(w.v == (int64_t)plain);
        if (k == 0)
            assert_true(w.v == 100000000000);
        jx_test_project_free(p);
    }
}

/* -------------------------------------------------------------- claimed score */

/* The claimed-score message of ≥60 权重30 实际50 (30 × 50 / 60 = 25.00) claiming claim, under
 * the default policy (2 decimals); "" when none. */
static void claimed_message(jx_dec claim, char *out, size_t size)
{
    jx_policy pol = jx_test_policy_default();
    uint32_t g2;
    jx_project *p = project_new(&g2);
    jx_indicator *ind = jx_test_ind(p, g2, "指标", "≥60", "30", "50");
    jx_test_reason(p, ind, "说明");
    ind->has_claim = true;
    ind->claim = claim;
    assert_int_equal(jx_score(p, &pol), JX_OK);
    snprintf(out, size, "%s", message_of(p, "claimed-score"));
    jx_test_project_free(p);
}

static void claim_against_score_fast_matches_plain(void **state)
{
    (void)state;
    /* A claim with at most 2 decimals is compared in 64 bits, one with more exactly as
     * before; both ways 25 is 25.00 and 25.001 is not. */
    static const struct {
        const char *claim;
        const char *want;
    } cases[] = {
        {"25", ""},
        {"25.0", ""},
        {"25.00", ""},
        {"25.000", ""},       /* 3 decimals: the plain way */
        {"25.000000000", ""},
        {"25.01", "指标“指标”自评得分 25.01 与重算得分 25.00 不符"},
        {"25.001", "指标“指标”自评得分 25.001 与重算得分 25.00 不符"},
        {"24.999999999", "指标“指标”自评得分 24.999999999 与重算得分 25.00 不符"},
        {"-25", "指标“指标”自评得分 -25 与重算得分 25.00 不符"},
        /* × 100 leaves 64 bits: cannot be 2500 */
        {"999999999999999999", "指标“指标”自评得分 999999999999999999 与重算得分 25.00 不符"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char m[512];
        claimed_message(jx_test_dec(cases[i].claim), m, sizeof m);
        assert_string_equal(m, cases[i].want);
    }
    /* 2^62 + 25 = 4611686018427387929: × 100 is 2500 modulo 2^64 (2^62 × 100 = 2^64 × 25),
     * yet far from 25 */
    char m[512];
    claimed_message((jx_dec){(int64_t)(((uint64_t)1 << 62) + 25), 0}, m, sizeof m);
    assert_string_equal(m, "指标“指标”自评得分 4611686018427387929 与重算得分 25.00 不符");
}

/* ------------------------------------------------------ qualitative restated */

/* The formula of 定性 提升 权重15 with the actual text actual (quoted, as the DSL writes it)
 * and no 评定. */
static void restated_formula(const char *target, const char *actual, char *out, size_t size)
{
    jx_policy pol = jx_test_policy_default();
    uint32_t g2;
    jx_project *p = project_new(&g2);
    jx_indicator *ind = jx_test_ind(p, g2, "指标", target, "15", actual);
    jx_test_reason(p, ind, "说明");
    jx_score(p, &pol);
    snprintf(out, size, "%s", jx_indicator_formula(&p->inds[0]));
    jx_test_project_free(p);
}

static void restated_text_fast_matches_trimmed(void **state)
{
    (void)state;
    /* An actual of the target's very bytes is taken as the same text at once; one that
     * differs only by blanks at its ends, after trimming. Either is 达成: 15 × 100%. */
    const char *met = "15.00 = 15 × 100%（达成，实际与目标一致）";
    char f[512];
    restated_formula("定性 提升", "\"提升\"", f, sizeof f);
    assert_string_equal(f, met);
    restated_formula("定性 提升", "\" 提升 \"", f, sizeof f);
    assert_string_equal(f, met);
    /* past 16 bytes (memcmp): 有效提升服务质量 is 24 */
    restated_formula("定性 有效提升服务质量", "\"有效提升服务质量\"", f, sizeof f);
    assert_string_equal(f, met);
    restated_formula("定性 有效提升服务质量", "\"有效提升服务质量 \"", f, sizeof f);
    assert_string_equal(f, met);
    /* 提开 differs from 提升 only in its fourth to sixth bytes; 有效提升服务质里 in its last
     * three: not judged, 0 */
    restated_formula("定性 提升", "\"提开\"", f, sizeof f);
    assert_string_equal(f, "0.00（实际“提开”与目标“提升”不同，未评定）");
    restated_formula("定性 有效提升服务质量", "\"有效提升服务质里\"", f, sizeof f);
    assert_string_equal(f, "0.00（实际“有效提升服务质里”与目标“有效提升服务质量”不同，未评定）");
}

/* ----------------------------------------------------------- duplicate names */

/* The names indicators are given below, by index: equal ones once trimmed, ones that
 * differ in their last byte only or past their first eight bytes, the empty name, and
 * bytes that are not UTF-8. */
static const char *const dup_pool[] = {
    "甲",        " 甲",       "甲 ",        "\t甲\t",     "乙",          "",
    "abcdefgh",  "abcdefgI",  "abcdefghi",  "abcdefgh ", "\xE5\xB7",    "\xE5\xB7x",
    "\xE5\xB7 ", "\xFF",      "接入系统数量", "接入系统数量 ", "接入系统数", "接入系统数量量",
};

/* Runs duplicate-indicator on a project of n indicators named from dup_pool (in an order
 * that mixes them) and checks every finding against a pass over the earlier names. */
static void duplicates_against_pairwise(size_t n)
{
    jx_project *p = jx_test_project("重复");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    size_t npool = sizeof dup_pool / sizeof dup_pool[0];
    for (size_t i = 0; i < n; i++)
        jx_test_ind(p, g2, dup_pool[(i * 7 + i / npool) % npool], "≥1", "1", "1");
    jx_checks_duplicates(p);
    size_t found = 0;
    for (size_t i = 0; i < n; i++) {
        /* the plain way: the first earlier indicator of the same name once trimmed */
        size_t first = i;
        for (size_t j = 0; j < i; j++)
            if (jx_str_same_text(p->inds[j].name, p->inds[i].name)) {
                first = j;
                break;
            }
        const jx_diag *d = NULL;
        for (size_t k = 0; k < jx_project_diag_count(p); k++) {
            const jx_diag *e = jx_project_diag(p, k);
            if (strcmp(e->code, "duplicate-indicator") == 0 && e->line == i + 1)
                d = e;
        }
        if (first == i) {
            assert_null(d);
            continue;
        }
        found++;
        assert_non_null(d);
        /* lines are indexes + 1; both under 产出指标, so "重复出现" with the two lines */
        char want[1024];
        snprintf(want, sizeof want, "指标“%s”在项目中重复出现（第 %zu 行和第 %zu 行）", p->inds[i].name.s,
                 first + 1, i + 1);
        assert_string_equal(d->message, want);
    }
    assert_int_equal(jx_test_count_code(p, "duplicate-indicator"), found);
    assert_true(n < npool || found > 0);
    jx_test_project_free(p);
}

static void duplicates_fast_match_pairwise(void **state)
{
    (void)state;
    /* a table on the stack (up to 64 indicators) and one in the arena (more) */
    duplicates_against_pairwise(2);
    duplicates_against_pairwise(18);
    duplicates_against_pairwise(64);
    duplicates_against_pairwise(65);
    duplicates_against_pairwise(300);
}

/* Fails unless the indicators named[0..4), each on its own line, give exactly the two
 * duplicate-indicator findings want0 and want1, in that order. */
static void two_repeats_of_four(const char *const named[4], const char *want0, const char *want1)
{
    jx_project *p = jx_test_project("重复");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    for (int i = 0; i < 4; i++)
        jx_test_ind(p, g2, named[i], "≥1", "1", "1");
    jx_checks_duplicates(p);
    assert_int_equal(jx_test_count_code(p, "duplicate-indicator"), 2);
    assert_string_equal(jx_project_diag(p, 0)->message, want0);
    assert_string_equal(jx_project_diag(p, 1)->message, want1);
    jx_test_project_free(p);
}

static void duplicates_by_hand(void **state)
{
    (void)state;
    /* 甲, 乙, " 甲" (甲 once trimmed), 乙: the third repeats the first, the fourth the second */
    static const char *const named[4] = {"甲", "乙", " 甲", "乙"};
    two_repeats_of_four(named, "指标“ 甲”在项目中重复出现（第 1 行和第 3 行）", "指标“乙”在项目中重复出现（第 2 行和第 4 行）");
}

/* ------------------------------------------------- the checks' sums and compares */

/* execution-gap of three indicators (≥1 实际1, met) weighing w[0..3), with 全年预算 100 and
 * 全年执行 50, under the default policy: the message. */
static void gap_message(const char *const w[3], char *out, size_t size)
{
    jx_policy pol = jx_test_policy_default();
    uint32_t g2;
    jx_project *p = project_new(&g2);
    static const char *const names[3] = {"甲", "乙", "丙"};
    for (int k = 0; k < 3; k++)
        jx_test_ind(p, g2, names[k], "≥1", w[k], "1");
    jx_test_funds(p, NULL, "100", "100", "50");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    snprintf(out, size, "%s", message_of(p, "execution-gap"));
    jx_test_project_free(p);
}

static void checks_sums_fast_match_plain(void **state)
{
    (void)state;
    /* Weights 30, 30, 40 all met: S = 100.00, W = 100, I = 100 %; E = 50 / 100 = 50 %;
     * (I − E) / I = 50 % > 5 %. The weights written at one scale add up without aligning;
     * written at several, aligned: W is 100 either way. */
    static const char *const ws[][3] = {
        {"30", "30", "40"},         {"30.0", "30.0", "40.0"}, {"30.00", "30", "40.0"},
        {"30", "30.0000", "40.00"}, {"30.5", "29.5", "40"},
    };
    const char *want = "项目“测试项目”指标完成度 100.00%（执行率以外的指标得分 100.00 / 权重 100）"
                       "高于预算执行完成度 50.00%（全年执行 50 / 全年预算 100），偏离 50.00%，超过执行偏差 5%";
    for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++) {
        char m[1024];
        gap_message(ws[i], m, sizeof m);
        assert_string_equal(m, want);
    }
}

/* The execution-gap message ("" when none) of 甲 and 乙 (≥1 权重 30 实际1, met), 预算执行率
 * (≥90% 权重 20 实际50%) and 丙 (权重 20, 不适用), 全年预算 100 and 全年执行 50, under pol;
 * scored, the checks taking their sums from the scoring (jx_checks_run_with) into `fast`;
 * then the checks run again alone, adding the sums up themselves, into `plain`. */
static void gap_sums_both_ways(const jx_policy *pol, char *fast, char *plain, size_t size)
{
    uint32_t g2;
    jx_project *p = project_new(&g2);
    jx_test_ind(p, g2, "甲", "≥1", "30", "1");
    jx_test_ind(p, g2, "乙", "≥1", "30", "1");
    jx_test_ind(p, g2, "预算执行率", "≥90%", "20", "50%");
    jx_test_ind(p, g2, "丙", "≥1", "20", "1")->not_applicable = true;
    jx_test_funds(p, NULL, "100", "100", "50");
    assert_int_equal(jx_score(p, pol), JX_OK);
    snprintf(fast, size, "%s", message_of(p, "execution-gap"));
    jx_checks_run(p, pol);
    snprintf(plain, size, "%s", message_of(p, "execution-gap"));
    assert_int_equal(jx_test_count_code(p, "execution-gap"), 1);
    jx_test_project_free(p);
}

static void gap_sums_from_scoring_match_plain(void **state)
{
    (void)state;
    char fast[1024], plain[1024];
    /* The default policy: execution-gap counts 甲 and 乙 alone, 预算执行率 being an 执行率
     * indicator and 丙 不适用: S = 30.00 + 30.00 = 60.00, W = 60, I = 100 %; E = 50 / 100 =
     * 50 %; (I − E) / I = 50 % > 5 %. The scoring's sums (S 71.11 with 预算执行率's
     * 20 × 50 / 90 = 11.11, W 80) less 预算执行率's part. */
    jx_policy pol = jx_test_policy_default();
    gap_sums_both_ways(&pol, fast, plain, sizeof fast);
    assert_string_equal(fast, "项目“测试项目”指标完成度 100.00%（执行率以外的指标得分 60.00 / 权重 60）"
                              "高于预算执行完成度 50.00%（全年执行 50 / 全年预算 100），偏离 50.00%，超过执行偏差 5%");
    assert_string_equal(plain, fast);
    /* 预算执行率 单列 (10 分): every indicator that applies counts, 预算执行率 too:
     * S = 71.11, W = 80, I = 71.11 / 80 = 88.8875 % → 88.89 %; its score 10 × 50 / 100 = 5.00,
     * E = 5 / 10 = 50 %; the gap (S·b − e·W) / (S·b) = (711.1 − 400) / 711.1 = 0.437491… →
     * 43.75 %. 丙 still left out. */
    pol.exec_separate = true;
    gap_sums_both_ways(&pol, fast, plain, sizeof fast);
    assert_string_equal(fast, "项目“测试项目”指标完成度 88.89%（得分 71.11 / 权重 80）高于预算执行完成度 50.00%"
                              "（预算执行率得分 5.00 / 10 分），偏离 43.75%，超过执行偏差 5%");
    assert_string_equal(plain, fast);
}

/* jx_full_marks_of of a project of n indicators (≥1 实际1) weighing 1, 2, …, n, those at
 * the places na[0..nna) 不适用, scored under the default policy (不适用 剔除). */
static jx_full_marks full_marks_with(size_t n, const size_t *na, size_t nna)
{
    jx_policy pol = jx_test_policy_default();
    uint32_t g2;
    jx_project *p = project_new(&g2);
    for (size_t i = 0; i < n; i++) {
        char w[24];
        snprintf(w, sizeof w, "%zu", i + 1);
        jx_test_ind(p, g2, "甲", "≥1", w, "1");
    }
    for (size_t k = 0; k < nna; k++)
        p->inds[na[k]].not_applicable = true;
    assert_int_equal(jx_score(p, &pol), JX_OK); /* weights not 100: a weight-sum error, scored */
    jx_full_marks fm;
    jx_full_marks_of(p, &fm);
    jx_test_project_free(p);
    return fm;
}

static void full_marks_four_at_a_time_match_each(void **state)
{
    (void)state;
    /* jx_full_marks_of passes the indicators four at a time while none of them is 不适用
     * (score.c). A 不适用 indicator at every place k of projects of 1 to 9 indicators is
     * found wherever it lies, before, in and after the blocks of four: the weights are
     * 1, 2, …, n, so dropped is k + 1 and the 满分 n(n + 1)/2 − (k + 1); a second one at
     * the last place adds n to dropped. None 不适用: nothing stated. */
    for (size_t n = 1; n <= 9; n++) {
        jx_full_marks fm = full_marks_with(n, NULL, 0);
        assert_false(fm.stated);
        int64_t all = (int64_t)(n * (n + 1) / 2);
        for (size_t k = 0; k < n; k++) {
            size_t na[2] = {k, n - 1};
            fm = full_marks_with(n, na, 1);
            assert_true(fm.stated);
            assert_int_equal(jx_dec_cmp(fm.dropped, jx_dec_from_int((int64_t)k + 1)), 0);
            assert_int_equal(jx_dec_cmp(fm.full, jx_dec_from_int(all - (int64_t)k - 1)), 0);
            if (k + 1 == n)
                continue;
            fm = full_marks_with(n, na, 2);
            assert_int_equal(jx_dec_cmp(fm.dropped, jx_dec_from_int((int64_t)(k + 1 + n))), 0);
            assert_int_equal(jx_dec_cmp(fm.full, jx_dec_from_int(all - (int64_t)(k + 1 + n))), 0);
        }
    }
}

/* score-over-weight of one indicator ≥1 权重 w 实际1 claiming c: the message ("" none). */
static void over_weight_message(const char *w, const char *c, char *out, size_t size)
{
    jx_policy pol = jx_test_policy_default();
    uint32_t g2;
    jx_project *p = project_new(&g2);
    jx_indicator *ind = jx_test_ind(p, g2, "接入系统数量", "≥1", w, "1");
    jx_test_claim(ind, c);
    jx_score(p, &pol);
    snprintf(out, size, "%s", message_of(p, "score-over-weight"));
    jx_test_project_free(p);
}

static void claim_compare_fast_matches_plain(void **state)
{
    (void)state;
    /* claim and weight at one scale compare their coefficients; at two, jx_dec_cmp */
    static const struct {
        const char *w, *c;
        const char *want;
    } cases[] = {
        {"60", "65", "指标“接入系统数量”自评得分 65 高于权重 60，得分不能超过分值"},
        {"60", "65.0", "指标“接入系统数量”自评得分 65 高于权重 60，得分不能超过分值"},
        {"60.00", "65", "指标“接入系统数量”自评得分 65 高于权重 60，得分不能超过分值"},
        {"60", "60.01", "指标“接入系统数量”自评得分 60.01 高于权重 60，得分不能超过分值"},
        {"60.0", "60.1", "指标“接入系统数量”自评得分 60.1 高于权重 60，得分不能超过分值"},
        {"60", "60", ""},    /* equal: not above */
        {"60", "60.000", ""},
        {"60.5", "60.5", ""},
        {"60.5", "60.49", ""},
        {"60.5", "59", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char m[512];
        over_weight_message(cases[i].w, cases[i].c, m, sizeof m);
        assert_string_equal(m, cases[i].want);
    }
}

/* ------------------------------------------------- qualitative-evidence text */

/* The message of qualitative-evidence as its format writes it: the plain way. */
static void evidence_by_format(char *out, size_t size, const char *name, const char *self,
                               const char *weight, const char *actual, bool restated)
{
    snprintf(out, size, "定性指标“%s”得分 %s 为满分（权重 %s），但实际完成值“%s”%s，没有写明完成情况和依据", name,
             self, weight, actual, restated ? "只是照抄年度指标值" : "只是评定用语");
}

/* One 定性 indicator named name, 目标 提升, 权重 w, 实际 actual (a quoted text), 评定 达成,
 * claiming claim (NULL for none), scored: compares its qualitative-evidence message with the
 * format's, and returns whether there was one. */
static bool evidence_matches_format(const char *name, const char *w, const char *actual, const char *claim)
{
    jx_policy pol = jx_test_policy_default();
    uint32_t g2;
    jx_project *p = project_new(&g2);
    jx_indicator *ind = jx_test_ind(p, g2, name, "定性 提升", w, actual);
    ind->judge = JX_JUDGE_MET;
    if (claim)
        jx_test_claim(ind, claim);
    jx_test_reason(p, ind, "说明");
    jx_score(p, &pol);
    const jx_diag *d = jx_test_find_code(p, "qualitative-evidence");
    if (d) {
        char self[JX_DEC_BUFSZ], weight[JX_DEC_BUFSZ];
        ind = &p->inds[0];
        if (ind->has_claim)
            jx_dec_format(ind->claim, self, sizeof self);
        else
            jx_fixed_format(ind->score, pol.decimals, self, sizeof self);
        jx_dec_format(ind->weight, weight, sizeof weight);
        bool restated = jx_str_same_text(ind->actual.text, ind->target.text);
        size_t size = 4096 + 2 * strlen(name);
        char *want = malloc(size);
        assert_non_null(want);
        evidence_by_format(want, size, ind->name.s, self, weight, ind->actual.text.s, restated);
        assert_string_equal(d->message, want);
        free(want);
    }
    jx_test_project_free(p);
    return d != NULL;
}

static void evidence_text_matches_format(void **state)
{
    (void)state;
    /* by hand: 提升 against 提升, 权重 15, no claim: 15 × 100% = 15.00, full marks */
    jx_policy pol = jx_test_policy_default();
    uint32_t g2;
    jx_project *p = project_new(&g2);
    jx_test_ind(p, g2, "工作效率", "定性 提升", "15", "\"提升\"");
    jx_score(p, &pol);
    assert_string_equal(message_of(p, "qualitative-evidence"),
                        "定性指标“工作效率”得分 15.00 为满分（权重 15），但实际完成值“提升”只是照抄年度指标值，没有写明完成情况和依据");
    jx_test_project_free(p);

    /* against the format, for names and texts of any bytes and numbers of any scale */
    char longname[700];
    memset(longname, 'a', sizeof longname - 1); /* the message outgrows its 512-byte buffer */
    longname[sizeof longname - 1] = '\0';
    static const char *const names[] = {"工作效率", "x", "\xE5\xB7", "名\xFF称", "a b"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        assert_true(evidence_matches_format(names[i], "15", "\"提升\"", NULL));
        assert_true(evidence_matches_format(names[i], "15.50", "\"提升\"", NULL));
        assert_true(evidence_matches_format(names[i], "15", "\"达成\"", NULL));
        assert_true(evidence_matches_format(names[i], "15", "\"提升\"", "15"));
        assert_true(evidence_matches_format(names[i], "15.5", "\"已完成\"", "15.500"));
        assert_true(evidence_matches_format(names[i], "0.0001", "\" 提升 \"", NULL));
    }
    assert_true(evidence_matches_format(longname, "15", "\"提升\"", NULL));
    assert_true(evidence_matches_format(longname, "15", "\"达成\"", "15.00"));
    /* not at full marks, or not a restatement: no finding */
    assert_false(evidence_matches_format("工作效率", "15", "\"提升\"", "14"));
    assert_false(evidence_matches_format("工作效率", "15", "\"上线三个系统\"", NULL));
}


/* ------------------------------------------------------------------ trimming */

static void trimmed_fast_matches_plain(void **state)
{
    (void)state;
    /* by hand: blanks of each length at either end go, others stay */
    static const struct {
        const char *in, *want;
    } hand[] = {
        {" 甲 ", "甲"},
        {"\xE3\x80\x80甲", "甲"},           /* U+3000, three bytes */
        {"甲\xC2\xA0", "甲"},               /* U+00A0, two bytes */
        {"甲\xE2\x81\x9F\t", "甲"},         /* U+205F and a tab */
        {"甲\xE2\x80\x8B", "甲\xE2\x80\x8B"}, /* U+200B is no blank */
        {"甲\xE3\x80", "甲\xE3\x80"},       /* a blank cut short is none */
        {"\xC2甲", "\xC2甲"},
        {"甲", "甲"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof hand / sizeof hand[0]; i++) {
        jx_str s = {hand[i].in, (uint32_t)strlen(hand[i].in)};
        jx_str t = jx_str_trimmed(s);
        assert_int_equal(t.n, strlen(hand[i].want));
        assert_memory_equal(t.s, hand[i].want, t.n);
    }
    /* every start, middle and end of these pieces: the fast path's answer is the plain
     * one's (the same bytes of s), whichever way it takes */
    static const char *const pieces[] = {
        "",         " ",        "\t",       "\n",       "\r",       "\v",           "\f",
        "\xC2\xA0", "\xE2\x80\x80", "\xE2\x80\x8A", "\xE2\x80\x8B", "\xE2\x80\xAF", "\xE2\x81\x9F",
        "\xE3\x80\x80", "\xE3\x80", "\xC2", "\xE2", "a", "甲", "\xA0", "\x80", "\xFF", "\x8A",
    };
    size_t np = sizeof pieces / sizeof pieces[0];
    char buf[64];
    for (size_t a = 0; a < np; a++)
        for (size_t b = 0; b < np; b++)
            for (size_t c = 0; c < np; c++) {
                int n = snprintf(buf, sizeof buf, "%s%s%s", pieces[a], pieces[b], pieces[c]);
                jx_str s = {buf, (uint32_t)n};
                jx_str fast = jx_str_trimmed(s), plain = jx_str_trimmed_plain(s);
                assert_ptr_equal(fast.s, plain.s);
                assert_int_equal(fast.n, plain.n);
            }
}

/* ------------------------------------------------------------- words in names */

/* Names around a word: the word at each place in names of 0 to 40 bytes (the registers'
 * layouts under and from sixteen bytes, and the plain way past 32), near misses, and a NUL
 * at the start (strstr stops there). *n is the name's length, counting past that NUL. */
static void word_name(size_t i, const char *word, char *out, size_t size, size_t *n)
{
    static const char *const fill[] = {"", "a", "甲", "ab", "甲a", "甲甲", "a甲甲", "甲甲甲"};
    static const char *const miss[] = {"执行", "行率", "执行 率", "成", "本", "成\xE6本", "执\xE6行率"};
    size_t nf = sizeof fill / sizeof fill[0], nm = sizeof miss / sizeof miss[0];
    size_t pre = i % nf, post = (i / nf) % nf, reps = (i / (nf * nf)) % 4;
    size_t k = 0;
    for (size_t r = 0; r < reps; r++)
        k += (size_t)snprintf(out + k, size - k, "%s", fill[pre]);
    k += (size_t)snprintf(out + k, size - k, "%s", fill[pre]);
    if (i % 5 == 4) /* a near miss in place of the word */
        k += (size_t)snprintf(out + k, size - k, "%s", miss[i % nm]);
    else
        k += (size_t)snprintf(out + k, size - k, "%s", word);
    k += (size_t)snprintf(out + k, size - k, "%s%s", fill[post], reps & 1 ? fill[pre] : "");
    if (i % 7 == 6 && k > 0) /* a NUL first: strstr finds nothing after it */
        out[0] = '\0';
    *n = k;
}

/* The plain answer: strstr on the name up to its first NUL. */
static bool name_contains(const char *name, const char *word)
{
    return strstr(name, word) != NULL;
}

static void name_words_fast_match_strstr(void **state)
{
    (void)state;
    /* by hand: 设备成本 has 成本; 预算执行率（%） has 预算执行率; 成 本 has neither */
    jx_project *h = jx_test_project("词");
    uint32_t hg1 = jx_test_group(h, 1, "产出指标", NULL, 0);
    uint32_t hg2 = jx_test_group(h, 2, "数量指标", NULL, hg1);
    assert_true(jx_check_is_cost(h, jx_test_ind(h, hg2, "设备成本", "≤1", "1", "1")));
    assert_true(jx_check_is_execution(jx_test_ind(h, hg2, "预算执行率（%）", "≥90%", "1", "1")));
    assert_false(jx_check_is_cost(h, jx_test_ind(h, hg2, "成 本", "≤1", "1", "1")));
    jx_test_project_free(h);

    size_t seen_cost = 0, seen_exec = 0; /* names with the word, among others without */
    for (size_t i = 0; i < 600; i++) {
        char cost[128], exec[128];
        size_t ncost, nexec;
        word_name(i, "成本", cost, sizeof cost, &ncost);
        word_name(i, "预算执行率", exec, sizeof exec, &nexec);
        bool want_cost = name_contains(cost, "成本");
        bool want_exec = name_contains(exec, "预算执行率");
        seen_cost += want_cost;
        seen_exec += want_exec;

        /* the questions of one indicator (is_cost, is_execution) */
        jx_project *p = jx_test_project("词");
        uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
        uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
        jx_indicator *a = jx_test_ind(p, g2, "甲", "≥1", "1", "1");
        a->name = (jx_str){cost, (uint32_t)ncost}; /* NUL inside kept: the length says where it ends */
        jx_indicator *b = jx_test_ind(p, g2, "乙", "≥1", "1", "1");
        b->name = (jx_str){exec, (uint32_t)nexec};
        assert_int_equal(jx_check_is_cost(p, a), want_cost);
        assert_int_equal(jx_check_is_execution(b), want_exec);
        jx_test_project_free(p);

        /* the pass over the indicators of a scoring (name_has_execution): a cost indicator with ≥
         * is warned by direction; an 执行率 one written 90% against funds executed at 50 % by
         * funds-inconsistent */
        jx_policy pol = jx_test_policy_default();
        p = jx_test_project("词");
        g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
        g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
        a = jx_test_ind(p, g2, "甲", "≥1", "10", "1");
        a->name = (jx_str){cost, (uint32_t)ncost};
        b = jx_test_ind(p, g2, "乙", "≥90%", "10", "90%");
        b->name = (jx_str){exec, (uint32_t)nexec};
        jx_test_funds(p, NULL, "100", "100", "50");
        jx_score(p, &pol);
        size_t cost_warned = 0;
        for (size_t k = 0; k < jx_project_diag_count(p); k++) {
            const jx_diag *d = jx_project_diag(p, k);
            if (strcmp(d->code, "direction") == 0 && strstr(d->message, "成本应设上限"))
                cost_warned++;
        }
        assert_int_equal(cost_warned, want_cost ? 1 : 0);
        const jx_diag *d = jx_test_find_code(p, "funds-inconsistent");
        assert_int_equal(d != NULL, want_exec);
        if (d) {
            /* 100 × 50 / 100 = 50.00 % against 90 % */
            char want[256];
            snprintf(want, sizeof want, "指标“%s”实际完成值 90%% 与资金执行率 50.00%%（全年执行 50 / 全年预算 100）不符",
                     exec);
            assert_string_equal(d->message, want);
        }
        jx_test_project_free(p);
    }
    assert_true(seen_cost > 100 && seen_cost < 500);
    assert_true(seen_exec > 100 && seen_exec < 500);
}

/* A project of one indicator, named name (n bytes, NULs kept), with target and actual and
 * weight 10, scored under the default policy; with funds, a 资金 row of 全年预算 100 and
 * 全年执行 50. Freed by jx_test_project_free. */
static jx_project *scored_named(const char *name, size_t n, const char *target, const char *actual, bool funds)
{
    jx_policy pol = jx_test_policy_default();
    uint32_t g2;
    jx_project *p = project_new(&g2);
    jx_indicator *ind = jx_test_ind(p, g2, "甲", target, "10", actual);
    ind->name = (jx_str){name, (uint32_t)n};
    if (funds)
        jx_test_funds(p, NULL, "100", "100", "50");
    jx_score(p, &pol);
    return p;
}

/* True when scoring an indicator named name (n bytes, NULs kept) with target ≥1 is
 * warned by direction as a cost indicator: the pass over the indicators (name_has_execution). */
static bool cost_warned(const char *name, size_t n)
{
    jx_project *p = scored_named(name, n, "≥1", "1", false);
    bool warned = false;
    for (size_t k = 0; k < jx_project_diag_count(p); k++) {
        const jx_diag *d = jx_project_diag(p, k);
        warned = warned || (strcmp(d->code, "direction") == 0 && strstr(d->message, "成本应设上限"));
    }
    jx_test_project_free(p);
    return warned;
}

/* True when an indicator named name (n bytes) with actual 90% is taken as one of budget
 * execution by funds-inconsistent, against 全年执行 50 of 全年预算 100 (50.00 %). */
static bool exec_warned(const char *name, size_t n)
{
    jx_project *p = scored_named(name, n, "≥90%", "90%", true);
    bool warned = jx_test_find_code(p, "funds-inconsistent") != NULL;
    jx_test_project_free(p);
    return warned;
}

/* is_execution the plain way: 执行率 alone once trimmed, or one of the four names
 * (strstr, up to the first NUL). */
static bool execution_plain(const char *name, size_t n)
{
    jx_str t = jx_str_trimmed((jx_str){name, (uint32_t)n});
    if (t.n == strlen("执行率") && memcmp(t.s, "执行率", t.n) == 0)
        return true;
    return strstr(name, "预算执行率") || strstr(name, "资金执行率") || strstr(name, "支出执行率") ||
           strstr(name, "经费执行率");
}

static void name_words_first_test_by_hand(void **state)
{
    (void)state;
    /* The first test of a name of 8 to 32 bytes is for 执's last byte (0xA7) or 本's
     * (0xAC). By hand: 执法检查次数 (18 bytes) has 执 but neither word; 基本公共服务覆盖率
     * (27) has 本 but not 成本; 人均成本 (12, the halves view), 单位成本控制率 (21) and
     * 成本 (6, under the view) have 成本; 预算执行率 (15) and 项目预算执行率达标 (27) have
     * 预算执行率; 完成率 (9) has 0xA7 and 0xAC nowhere (完 E5 AE 8C, 成 E6 88 90,
     * 率 E7 8E 87) and neither word. */
    static const struct {
        const char *name;
        bool cost, exec;
    } by_hand[] = {
        {"执法检查次数", false, false},    {"基本公共服务覆盖率", false, false},
        {"人均成本", true, false},         {"单位成本控制率", true, false},
        {"成本", true, false},             {"预算执行率", false, true},
        {"项目预算执行率达标", false, true}, {"完成率", false, false},
        {"预算执行率成本", true, true},     {"成本执行率", true, false},
    };
    for (size_t i = 0; i < sizeof by_hand / sizeof by_hand[0]; i++) {
        size_t n = strlen(by_hand[i].name);
        assert_int_equal(cost_warned(by_hand[i].name, n), by_hand[i].cost);
        assert_int_equal(exec_warned(by_hand[i].name, n), by_hand[i].exec);
    }
}

static void execution_names_fast_match_plain(void **state)
{
    (void)state;
    /* is_execution_named finds 执行率 and compares the six bytes before it with the
     * money's name. By hand: each of the four names, anywhere and at a later 执行率 than
     * the first (计划执行率与预算执行率); 执行率 alone once trimmed; not 计划执行率, nor 算执行率
     * (three bytes before 执行率, fewer than six), nor 执行率预算, nor a name cut by a NUL
     * before its word. */
    static const struct {
        const char *name;
        size_t n;
        bool exec;
    } by_hand[] = {
        {"预算执行率", 15, true},
        {"资金执行率（%）", 20, true},
        {"支出执行率", 15, true},
        {"经费执行率", 15, true},
        {"计划执行率与预算执行率", 33, true},
        {"执行率", 9, true},
        {" 执行率　", 13, true},
        {"计划执行率", 15, false},
        {"算执行率", 12, false},
        {"执行率预算", 15, false},
        {"预算\0执行率", 16, false},
        {"x\0预算执行率", 17, false},
        {"执行率执行率", 18, false},
    };
    for (size_t i = 0; i < sizeof by_hand / sizeof by_hand[0]; i++) {
        const char *s = by_hand[i].name;
        size_t n = by_hand[i].n;
        assert_int_equal(execution_plain(s, n), by_hand[i].exec); /* the table, by hand */
        jx_project *p = jx_test_project("执行率");
        uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
        uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
        jx_indicator *ind = jx_test_ind(p, g2, "甲", "≥90%", "10", "90%");
        ind->name = (jx_str){s, (uint32_t)n};
        assert_int_equal(jx_check_is_execution(ind), by_hand[i].exec);
        jx_test_project_free(p);
        assert_int_equal(exec_warned(s, n), by_hand[i].exec);
    }
    /* against the plain way: the four names and near ones, at every offset */
    static const char *const parts[] = {"预算", "资金", "支出", "经费", "计划", "算", "a", "执行率", "执行", "　"};
    size_t np = sizeof parts / sizeof parts[0];
    for (size_t i = 0; i < np * np * np; i++) {
        char name[64];
        int n = snprintf(name, sizeof name, "%s%s%s", parts[i % np], parts[i / np % np], parts[i / np / np]);
        assert_int_equal(exec_warned(name, (size_t)n), execution_plain(name, (size_t)n));
    }
}

static void duplicates_differing_in_one_byte(void **state)
{
    (void)state;
    /* 一二三四五六七八九 and 一二上四五六七八九 (27 bytes each) differ only in byte 8 (三 is
     * E4 B8 89, 上 E4 B8 8A): two names, told apart by the hash of every byte and by the
     * comparison of the bytes. By hand: the third indicator repeats the first, the fourth
     * (a blank after it, trimmed) the second. */
    static const char *const named[4] = {"一二三四五六七八九", "一二上四五六七八九", "一二三四五六七八九",
                                         "一二上四五六七八九 "};
    two_repeats_of_four(named, "指标“一二三四五六七八九”在项目中重复出现（第 1 行和第 3 行）",
                        "指标“一二上四五六七八九 ”在项目中重复出现（第 2 行和第 4 行）");
}

static void evidence_restated_by_bytes_or_trimmed(void **state)
{
    (void)state;
    /* by hand, 提升 against 提升 with 权重 15 and 得分 15 claimed (full marks whatever the
     * score): the very bytes restate it; " 提升 " restates it once trimmed (the actual is
     * quoted as written); 提开 does not, and no finding is made */
    static const char *const actual[] = {"\"提升\"", "\" 提升 \"", "\"提开\""};
    static const char *const want[] = {
        "定性指标“工作效率”得分 15 为满分（权重 15），但实际完成值“提升”只是照抄年度指标值，没有写明完成情况和依据",
        "定性指标“工作效率”得分 15 为满分（权重 15），但实际完成值“ 提升 ”只是照抄年度指标值，没有写明完成情况和依据",
        "",
    };
    for (size_t i = 0; i < 3; i++) {
        jx_policy pol = jx_test_policy_default();
        uint32_t g2;
        jx_project *p = project_new(&g2);
        jx_indicator *ind = jx_test_ind(p, g2, "工作效率", "定性 提升", "15", actual[i]);
        jx_test_claim(ind, "15");
        jx_score(p, &pol);
        assert_string_equal(message_of(p, "qualitative-evidence"), want[i]);
        jx_test_project_free(p);
    }
}

/* ------------------------------------------------------------- the 资金 rows */

/* funds-inconsistent of the 资金 rows total (initial, budget, spent) and the sources
 * src[0..n), under the default policy: the messages, one a line, "" when none. */
static void funds_messages(const char *const total[3], const char *const src[][3], size_t n, char *out,
                           size_t size)
{
    jx_policy pol = jx_test_policy_default();
    uint32_t g2;
    jx_project *p = project_new(&g2);
    jx_test_ind(p, g2, "甲", "≥1", "100", "1");
    jx_test_funds(p, NULL, total[0], total[1], total[2]);
    for (size_t i = 0; i < n; i++)
        jx_test_funds(p, "一般公共预算资金", src[i][0], src[i][1], src[i][2]);
    jx_score(p, &pol);
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < jx_project_diag_count(p); i++) {
        const jx_diag *d = jx_project_diag(p, i);
        if (strcmp(d->code, "funds-inconsistent") == 0)
            k += (size_t)snprintf(out + k, size - k, "%s\n", d->message);
    }
    jx_test_project_free(p);
}

static void funds_rows_at_one_scale_and_several(void **state)
{
    (void)state;
    /* Each case written with every amount at one scale (the sums and comparisons of
     * coefficients alone) and with amounts at several (aligned first): the same findings,
     * worked out by hand. */
    static const struct {
        const char *total[2][3];
        const char *src[2][2][3];
        size_t nsrc;
        const char *want;
    } cases[] = {
        /* 100/100/50 against one source of the same: agree */
        {{{"100", "100", "50"}, {"100.0", "100", "50.00"}},
         {{{"100", "100", "50"}}, {{"100", "100.0", "50"}}},
         1,
         ""},
        /* 60 + 40 = 100, 30 + 20 = 50: agree */
        {{{"100", "100", "50"}, {"100", "100.00", "50"}},
         {{{"60", "60", "30"}, {"40", "40", "20"}}, {{"60.5", "60.5", "30"}, {"39.5", "39.5", "20.0"}}},
         2,
         ""},
        /* 全年执行 60 against 50: differs */
        {{{"100", "100", "60"}, {"100", "100", "60.0"}},
         {{{"100", "100", "50"}}, {{"100.00", "100", "50"}}},
         1,
         "资金“年度资金总额”（年初预算 100、全年预算 100、全年执行 60）与各资金来源合计（100、100、50）不符\n"},
        /* a total of zeros against 100/100/50 */
        {{{"0", "0", "0"}, {"0.0", "0", "0"}},
         {{{"100", "100", "50"}}, {{"100", "100.0", "50"}}},
         1,
         "资金“年度资金总额”各数均为 0，但各资金来源合计年初预算 100、全年预算 100、全年执行 50\n"},
        /* 年初预算 not given on the total: compared with nothing; 60 + 40 = 100 ≠ 90 */
        {{{NULL, "90", "50"}, {NULL, "90.0", "50"}},
         {{{"60", "60", "25"}, {"40", "40", "25"}}, {{"60", "60.0", "25"}, {"40", "40", "25.00"}}},
         2,
         "资金“年度资金总额”（年初预算 未填、全年预算 90、全年执行 50）与各资金来源合计（未填、100、50）不符\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int way = 0; way < 2; way++) {
            char m[1024];
            funds_messages(cases[i].total[way], (const char *const(*)[3])cases[i].src[way], cases[i].nsrc, m,
                           sizeof m);
            assert_string_equal(m, cases[i].want);
        }
}

static void funds_sums_past_64_bits(void **state)
{
    (void)state;
    /* Twenty sources of 999999999999999999 (18 digits, the most a number may have) add up
     * to 20 × (10^18 − 1) = 19999999999999999980, past 2^64 = 18446744073709551616, and the
     * sum is printed with every digit. The total row's 999999999999999999 differs. */
    jx_policy pol = jx_test_policy_default();
    uint32_t g2;
    jx_project *p = project_new(&g2);
    jx_test_ind(p, g2, "甲", "≥1", "100", "1");
    const char *n18 = "999999999999999999";
    jx_test_funds(p, NULL, n18, n18, n18);
    for (int i = 0; i < 20; i++)
        jx_test_funds(p, "一般公共预算资金", n18, n18, n18);
    jx_score(p, &pol);
    assert_string_equal(message_of(p, "funds-inconsistent"),
                        "资金“年度资金总额”（年初预算 999999999999999999、全年预算 999999999999999999、"
                        "全年执行 999999999999999999）与各资金来源合计（19999999999999999980、"
                        "19999999999999999980、19999999999999999980）不符");
    jx_test_project_free(p);
}

/* ------------------------------------------------------ execution-gap's answer */

/* The execution-gap message ("" when none) of three indicators met, weighing 30, 30 and 40,
 * with the sources budget[0..n) and spent[0..n) (no 年度资金总额 row: the sums are
 * taken), under pol. */
static void gap_of(const jx_policy *pol, const char *const *budget, const char *const *spent, size_t n,
                   char *out, size_t size)
{
    uint32_t g2;
    jx_project *p = project_new(&g2);
    jx_test_ind(p, g2, "甲", "≥1", "30", "1");
    jx_test_ind(p, g2, "乙", "≥1", "30", "1");
    jx_test_ind(p, g2, "丙", "≥1", "40", "1");
    for (size_t i = 0; i < n; i++)
        jx_test_funds(p, "一般公共预算资金", budget[i], budget[i], spent[i]);
    assert_int_equal(jx_score(p, pol), JX_OK);
    snprintf(out, size, "%s", message_of(p, "execution-gap"));
    jx_test_project_free(p);
}

/* The execution-gap message with S = 100 (written as s_text), W = 100, I = 100 %, E and the
 * gap both 95.00 and 5.00 once rounded: e / b just under 0.95. */
static void gap_want(const char *s_text, const char *e, const char *b, char *out, size_t size)
{
    snprintf(out, size,
             "项目“测试项目”指标完成度 100.00%%（执行率以外的指标得分 %s / 权重 100）高于预算执行完成度 "
             "95.00%%（全年执行 %s / 全年预算 %s），偏离 5.00%%，超过执行偏差 5%%",
             s_text, e, b);
}

static void gap_decision_at_64_bit_edges(void **state)
{
    (void)state;
    /* Three indicators met, weights 30, 30, 40: S = 100.00, W = 100; with 全年预算 b the rule
     * is 95 · S · b > 100 · e · W, i.e. e < 0.95 · b. At e = 0.95 · b (exactly 5 %) it is not
     * warned; at 0.9499 · b it is: I = 100.00 %, E = 94.99 %, (I − E) / I = 5.01 %. */
    jx_policy pol = jx_test_policy_default();
    char m[1024], want[1024];
    static const struct {
        const char *budget, *spent;
        const char *want;
    } cases[] = {
        {"100", "95", ""},
        {"100", "94.99",
         "项目“测试项目”指标完成度 100.00%（执行率以外的指标得分 100.00 / 权重 100）高于预算执行完成度 94.99%"
         "（全年执行 94.99 / 全年预算 100），偏离 5.01%，超过执行偏差 5%"},
        {"100000000000000000", "95000000000000000", ""},
        {"100000000000000000", "94990000000000000",
         "项目“测试项目”指标完成度 100.00%（执行率以外的指标得分 100.00 / 权重 100）高于预算执行完成度 94.99%"
         "（全年执行 94990000000000000 / 全年预算 100000000000000000），偏离 5.01%，超过执行偏差 5%"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gap_of(&pol, &cases[i].budget, &cases[i].spent, 1, m, sizeof m);
        assert_string_equal(m, cases[i].want);
    }

    /* n sources of 全年预算 9·10^17 and 全年执行 8.55·10^17 each: b = n · 9·10^17 and
     * e = 0.95 · b exactly, not warned. With n = 10, b = 9·10^18 is just below
     * 2^63 ≈ 9.223·10^18; with 11, 9.9·10^18 lies between 2^63 and 2^64 ≈ 1.845·10^19;
     * with 21, 1.89·10^19 is above 2^64. One 全年执行 one less (854999999999999999) makes
     * e = 0.95 · b − 1, warned: E = 95 − 100 / b % rounds to 95.00 %, the gap
     * 5 + 100 / b % to 5.00 %. */
    static const char *const b9[21] = {
        "900000000000000000", "900000000000000000", "900000000000000000", "900000000000000000",
        "900000000000000000", "900000000000000000", "900000000000000000", "900000000000000000",
        "900000000000000000", "900000000000000000", "900000000000000000", "900000000000000000",
        "900000000000000000", "900000000000000000", "900000000000000000", "900000000000000000",
        "900000000000000000", "900000000000000000", "900000000000000000", "900000000000000000",
        "900000000000000000"};
    const char *e95[21];
    static const struct {
        size_t n;
        const char *e, *b; /* the sums of the warned case: n · 8.55·10^17 − 1, n · 9·10^17 */
    } sums[] = {
        {10, "8549999999999999999", "9000000000000000000"},
        {11, "9404999999999999999", "9900000000000000000"},
        {21, "17954999999999999999", "18900000000000000000"},
    };
    for (size_t i = 0; i < sizeof sums / sizeof sums[0]; i++) {
        size_t n = sums[i].n;
        for (size_t k = 0; k < n; k++)
            e95[k] = "855000000000000000";
        gap_of(&pol, b9, e95, n, m, sizeof m);
        assert_string_equal(m, "");
        e95[n - 1] = "854999999999999999";
        gap_of(&pol, b9, e95, n, m, sizeof m);
        gap_want("100.00", sums[i].e, sums[i].b, want, sizeof want);
        assert_string_equal(m, want);
    }

    /* 执行偏差 5.000000000 (9 decimals) and 小数 4: (100 − t) · S is at 9 + 4 decimals, and
     * with b = 900000000.000000000 (9 more) the left side is at 22; the right side, 100 · e
     * · W with W = 100, at e's: 0, 3 or 4 decimals, so the sides are 22, 19 and 18 apart.
     * e = 855000000 = 0.95 · b is not warned at any of them; 0.0001, 0.001 or 1 less is:
     * E = 95 − 0.0001 / 9·10^6 % and so on, 95.00 % rounded, the gap 5.00 %. */
    pol.decimals = 4;
    pol.exec_gap_pct = (jx_dec){5000000000, 9};
    static const char *const b1[1] = {"900000000.000000000"};
    static const char *const at[][2] = {
        {"855000000", "854999999"},
        {"855000000.000", "854999999.999"},
        {"855000000.0000", "854999999.9999"},
    };
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        gap_of(&pol, b1, &at[i][0], 1, m, sizeof m);
        assert_string_equal(m, "");
        gap_of(&pol, b1, &at[i][1], 1, m, sizeof m);
        gap_want("100.0000", at[i][1], "900000000", want, sizeof want);
        assert_string_equal(m, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weight_range_fast_matches_plain),
        cmocka_unit_test(formula_numbers_fast_match_plain),
        cmocka_unit_test(muldiv_fast_matches_wide),
        cmocka_unit_test(over_target_fast_matches_plain),
        cmocka_unit_test(points_sums_at_any_scale),
        cmocka_unit_test(weights_sum_matches_128_bits),
        cmocka_unit_test(claim_against_score_fast_matches_plain),
        cmocka_unit_test(restated_text_fast_matches_trimmed),
        cmocka_unit_test(duplicates_fast_match_pairwise),
        cmocka_unit_test(duplicates_by_hand),
        cmocka_unit_test(checks_sums_fast_match_plain),
        cmocka_unit_test(gap_sums_from_scoring_match_plain),
        cmocka_unit_test(full_marks_four_at_a_time_match_each),
        cmocka_unit_test(claim_compare_fast_matches_plain),
        cmocka_unit_test(evidence_text_matches_format),
        cmocka_unit_test(trimmed_fast_matches_plain),
        cmocka_unit_test(name_words_fast_match_strstr),
        cmocka_unit_test(name_words_first_test_by_hand),
        cmocka_unit_test(execution_names_fast_match_plain),
        cmocka_unit_test(duplicates_differing_in_one_byte),
        cmocka_unit_test(evidence_restated_by_bytes_or_trimmed),
        cmocka_unit_test(funds_rows_at_one_scale_and_several),
        cmocka_unit_test(funds_sums_past_64_bits),
        cmocka_unit_test(gap_decision_at_64_bit_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
