/* SPDX-License-Identifier: MIT */
/* test_formula.c — numbers written without printf, and formulas written only when asked
 * for. Every expected text is worked out by hand beside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "build.h"
#include "dec.h"
#include "model.h"

#include <string.h>

/* jx_num_put into a buffer, checking that the returned length is the string's. */
static const char *num(__int128 v, int scale, bool trim, char *buf)
{
    size_t n = jx_num_put(v, scale, trim, buf);
    assert_int_equal(n, strlen(buf));
    return buf;
}

static void num_put_fixed_places(void **state)
{
    (void)state;
    char b[JX_DEC_BUFSZ];
    assert_string_equal(num(9668, 2, false, b), "96.68");
    /* 5 hundredths: a zero before the point and one after it */
    assert_string_equal(num(5, 2, false, b), "0.05");
    assert_string_equal(num(-5, 2, false, b), "-0.05");
    assert_string_equal(num(0, 2, false, b), "0.00");
    assert_string_equal(num(2250, 2, false, b), "22.50");
    assert_string_equal(num(60, 0, false, b), "60");
    assert_string_equal(num(7, 4, false, b), "0.0007");
}

static void num_put_trims_zeros(void **state)
{
    (void)state;
    char b[JX_DEC_BUFSZ];
    /* 1500 × 10^-3 = 1.5; 100 × 10^-2 = 1; zero at any scale is "0" */
    assert_string_equal(num(1500, 3, true, b), "1.5");
    assert_string_equal(num(100, 2, true, b), "1");
    assert_string_equal(num(0, 2, true, b), "0");
    assert_string_equal(num(-50, 1, true, b), "-5");
    /* the zeros of the integer part stay */
    assert_string_equal(num(600, 0, true, b), "600");
    assert_string_equal(num(35835, 2, true, b), "358.35");
}

static void num_put_beyond_64_bits(void **state)
{
    (void)state;
    char b[JX_DEC_BUFSZ];
    __int128 e20 = (__int128)10000000000LL * 10000000000LL; /* 10^20 */
    assert_string_equal(num(e20, 0, true, b), "100000000000000000000");
    /* −(10^20 + 1234) at 4 places: −10000000000000000.1234 */
    assert_string_equal(num(-(e20 + 1234), 4, false, b), "-10000000000000000.1234");
    /* the old entry points give the same text */
    jx_dec d = {35835, 2};
    assert_string_equal(jx_dec_format(d, b, sizeof b), "358.35");
    assert_string_equal(jx_fixed_format(-5, 2, b, sizeof b), "-0.05");
    /* and cut like snprintf */
    assert_string_equal(jx_fixed_format(2250, 2, b, 3), "22");
}

/* One indicator scored under the shipped default policy, the policy closed before the
 * formula is asked for: the formula must not need it. */
static jx_project *scored_then_policy_closed(const char *target, const char *weight,
                                             const char *actual, jx_judge judge)
{
    jx_project *p = jx_test_project("测试项目");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_indicator *ind = jx_test_ind(p, g2, "指标", target, weight, actual);
    ind->judge = judge;
    jx_test_reason(p, ind, "说明");
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_int_equal(jx_score(p, pol), JX_OK);
    jx_policy_close(pol);
    return p;
}

static void formula_is_built_on_request(void **state)
{
    (void)state;
    /* ≥60个 权重30 实际45: 30 × 45 / 60 = 22.50 */
    jx_project *p = scored_then_policy_closed("≥60个", "30", "45", JX_JUDGE_NONE);
    /* scoring leaves the text unbuilt */
    assert_string_equal(p->inds[0].formula, "");
    const char *f = jx_indicator_formula(&p->inds[0]);
    assert_string_equal(f, "22.50 = 30 × 45 / 60");
    /* built once, then kept */
    assert_ptr_equal(jx_indicator_formula(&p->inds[0]), f);
    jx_test_project_free(p);
}

static void formula_keeps_the_policy_numbers(void **state)
{
    (void)state;
    /* 定性 部分达成 under the default policy: 15 × 70% = 10.50 */
    jx_project *p = scored_then_policy_closed("定性 提升", "15", "\"基本提升\"", JX_JUDGE_PARTLY);
    assert_string_equal(jx_indicator_formula(&p->inds[0]), "10.50 = 15 × 70%（部分达成）");
    jx_test_project_free(p);
}

static void formula_notes_time_conversions(void **state)
{
    (void)state;
    /* ≤24小时 实际2天 = 48小时: 2 × 24 − 48 = 0, so 0 points */
    jx_project *p = scored_then_policy_closed("≤24小时", "15", "2天", JX_JUDGE_NONE);
    assert_string_equal(jx_indicator_formula(&p->inds[0]),
                        "0.00（实际 48 ≥ 2 × 24，按 0 分计）（实际 2天 按 48小时 计）");
    jx_test_project_free(p);
    /* ≤1小时 实际90分钟: the target becomes 60分钟; 10 × (120 − 90) / 60 = 5.00 */
    p = scored_then_policy_closed("≤1小时", "10", "90分钟", JX_JUDGE_NONE);
    assert_string_equal(jx_indicator_formula(&p->inds[0]),
                        "5.00 = 10 × (2 × 60 − 90) / 60（目标 ≤1小时 按 60分钟 计）");
    jx_test_project_free(p);
}

static void long_formula_is_not_cut(void **state)
{
    (void)state;
    /* a worded actual of 100 × "很好" (600 bytes) against a number: 0 points, the text
     * quoted whole, far past the 256 bytes written on the stack */
    char actual[700] = "\"";
    for (int i = 0; i < 100; i++)
        strcat(actual, "很好");
    strcat(actual, "\"");
    jx_project *p = scored_then_policy_closed("≥60个", "30", actual, JX_JUDGE_NONE);
    const char *f = jx_indicator_formula(&p->inds[0]);
    assert_int_equal(strlen(f), strlen("0.00（实际完成值“") + 600 + strlen("”不是数值）"));
    assert_memory_equal(f, "0.00（实际完成值“很好", strlen("0.00（实际完成值“很好"));
    assert_string_equal(f + strlen(f) - strlen("很好”不是数值）"), "很好”不是数值）");
    jx_test_project_free(p);
}

static void wide_numbers_score_exactly(void **state)
{
    (void)state;
    /* ≥999999999999999999 权重30 实际999999999999999998: 30 × (10^18 − 2) / (10^18 − 1)
     * = 30 − 3 × 10^-17 → 30.00; the product 30 × 100 × (10^18 − 2) needs 128 bits */
    jx_project *p = scored_then_policy_closed("≥999999999999999999", "30", "999999999999999998",
                                              JX_JUDGE_NONE);
    assert_int_equal(jx_indicator_score_cents(&p->inds[0]), 3000);
    assert_string_equal(jx_indicator_formula(&p->inds[0]),
                        "30.00 = 30 × 999999999999999998 / 999999999999999999");
    jx_test_project_free(p);
    /* ≥10^17周 实际1ms: the target becomes 10^17 × 604800000 = 6.048 × 10^25 ms, past
     * 64 bits; 10 × 1 / 6.048 × 10^25 rounds to 0.00 */
    p = scored_then_policy_closed("≥100000000000000000周", "10", "1ms", JX_JUDGE_NONE);
    assert_int_equal(jx_indicator_score_cents(&p->inds[0]), 0);
    assert_string_equal(jx_indicator_formula(&p->inds[0]),
                        "0.00 = 10 × 1 / 60480000000000000000000000"
                        "（目标 ≥100000000000000000周 按 60480000000000000000000000ms 计）");
    jx_test_project_free(p);
}

static void wide_rounding_and_powers(void **state)
{
    (void)state;
    __int128 e21 = jx_pow10_128(21);
    /* 10^21 as 10^10 × 10^11: the table ends at 10^19, beyond it the powers are multiplied */
    assert_true(e21 == (__int128)10000000000LL * 100000000000LL);
    assert_true(jx_pow10_128(19) == (__int128)10000000000000000000u);
    /* 2.5 × 10^21 / 10^21 = 2.5 → 3, and −3 */
    assert_true(jx_div_round_half_up(25 * jx_pow10_128(20), e21) == 3);
    assert_true(jx_div_round_half_up(-25 * jx_pow10_128(20), e21) == -3);
    /* (2.5 × 10^21 − 1) / 10^21 is just below 2.5 → 2 */
    assert_true(jx_div_round_half_up(25 * jx_pow10_128(20) - 1, e21) == 2);
}

static void sbuf_moves_to_the_arena(void **state)
{
    (void)state;
    jx_arena ar;
    jx_arena_init(&ar, NULL);
    char small[4];
    jx_sbuf b;
    jx_sbuf_init(&b, small, sizeof small, &ar);
    JX_SBUF_LIT(&b, "abc");
    assert_ptr_equal(b.s, small); /* three bytes and the NUL fit */
    JX_SBUF_LIT(&b, "defgh");
    assert_ptr_not_equal(b.s, small);
    assert_string_equal(jx_sbuf_cstr(&b), "abcdefgh");
    assert_int_equal(b.oom, 0);
    /* without an arena the text stops where the buffer ends */
    jx_sbuf_init(&b, small, sizeof small, NULL);
    JX_SBUF_LIT(&b, "ab");
    JX_SBUF_LIT(&b, "cd");
    assert_int_equal(b.oom, 1);
    assert_string_equal(jx_sbuf_cstr(&b), "ab");
    jx_arena_free(&ar);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(num_put_fixed_places),
        cmocka_unit_test(num_put_trims_zeros),
        cmocka_unit_test(num_put_beyond_64_bits),
        cmocka_unit_test(formula_is_built_on_request),
        cmocka_unit_test(formula_keeps_the_policy_numbers),
        cmocka_unit_test(formula_notes_time_conversions),
        cmocka_unit_test(long_formula_is_not_cut),
        cmocka_unit_test(wide_numbers_score_exactly),
        cmocka_unit_test(wide_rounding_and_powers),
        cmocka_unit_test(sbuf_moves_to_the_arena),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
