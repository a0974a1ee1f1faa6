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
#include "score.h"

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

/* One formula case: an indicator as jx_test_ind takes it, its 评定, 得分 and 不适用, and the
 * formula worked out by hand. */
typedef struct formula_case {
    const char *target, *weight, *actual; /* as jx_test_ind takes them */
    jx_judge judge;
    const char *claim; /* 得分, NULL for none */
    bool not_applicable;
    const char *want;
} formula_case;

/*
 * Every method under the default policy (定性 100% / 70% / 30%, 区间 达成 [80%, 100%],
 * 部分达成 [60%, 80%), 未达成 [0, 60%); 反向 线性; 2 decimals), each worked by hand:
 *   ≥60个 30 实际75个: met, 30.00            ≥60个 30 实际45: 30 × 45 / 60 = 22.50
 *   =7个 5 实际7个: met, 5.00                 =10次 10 实际5次: 10 × 5 / 10 = 5.00
 *   =10次 10 实际12次: over, 10.00            =0次 10 实际3次: 0.00
 *   ≤5% 10 实际3%: met, 10.00                 ≤24小时 15 实际30小时: 15 × (48 − 30) / 24 = 11.25
 *   ≤24小时 15 实际2天 = 48小时 ≥ 2 × 24: 0    ≤1小时 10 实际90分钟: 10 × (120 − 90) / 60 = 5.00
 *   ≥1小时 10 实际90分钟: 90 ≥ 60分钟, met     ≥24小时 10 实际2天: 48 ≥ 24小时, met
 *   ≥60个 10 实际75 (takes 个): met           ≥90% 10 实际95%: met; each 10.00
 *   ≤0次 10 实际2次: 0.00                     ≥10个 10 实际-3个: negative, 0.00
 *   ≥93% 3 实际91.90%: 3 × 91.9 / 93 = 275.7 / 93 = 2.9645… → 2.96
 *   ≥82.50% 7.5 实际85.10%: met, 7.50; the zeros of 82.50 and 85.10 dropped, 7.5 as written
 *   ≤628.00万元 6 实际595.37万元: met, 6.00; 628.00 written 628
 *   定性 提升 15 实际提升: 15 × 100% = 15.00   定性 15 部分达成: 15 × 70% = 10.50
 *   定性 15 实际基本提升, no 评定: 0.00
 *   定性 10 达成 得分9: in [8.00, 10.00], 9.00
 *   定性 10 得分7, no 评定: in 部分达成's [6.00, 8.00), 7.00
 *   定性 10 达成 得分7: below the band, min(7, 10.00) = 7.00; 得分-1: 0.00
 *   no actual, a worded actual, 不适用: 0.00, 0.00, no score
 */
static const formula_case formula_cases[] = {
    {"≥60个", "30", "75个", JX_JUDGE_NONE, NULL, false, "30.00 = 30（75个 ≥ 60个，达成）"},
    {"≥60个", "30", "45", JX_JUDGE_NONE, NULL, false, "22.50 = 30 × 45 / 60"},
    {"=7个", "5", "7个", JX_JUDGE_NONE, NULL, false, "5.00 = 5（7个 = 7个，达成）"},
    {"=10次", "10", "5次", JX_JUDGE_NONE, NULL, false, "5.00 = 10 × 5 / 10"},
    {"=10次", "10", "12次", JX_JUDGE_NONE, NULL, false, "10.00 = 10（12次 > 10次，超过目标值按满分计）"},
    {"=0次", "10", "3次", JX_JUDGE_NONE, NULL, false, "0.00（目标值为 0次，实际 3次 不等于目标，按 0 分计）"},
    {"≤5%", "10", "3%", JX_JUDGE_NONE, NULL, false, "10.00 = 10（3% ≤ 5%，达成）"},
    {"≤24小时", "15", "30小时", JX_JUDGE_NONE, NULL, false, "11.25 = 15 × (2 × 24 − 30) / 24"},
    {"≤24小时", "15", "2天", JX_JUDGE_NONE, NULL, false, "0.00（实际 48 ≥ 2 × 24，按 0 分计）（实际 2天 按 48小时 计）"},
    {"≤1小时", "10", "90分钟", JX_JUDGE_NONE, NULL, false, "5.00 = 10 × (2 × 60 − 90) / 60（目标 ≤1小时 按 60分钟 计）"},
    /* the unit kept from the scoring: the actual's, the target converted to it (1小时 = 60分钟) */
    {"≥1小时", "10", "90分钟", JX_JUDGE_NONE, NULL, false, "10.00 = 10（90分钟 ≥ 60分钟，达成）（目标 ≥1小时 按 60分钟 计）"},
    /* …and the target's, the actual converted (2天 = 48小时), or taken (75 is 75个) */
    {"≥24小时", "10", "2天", JX_JUDGE_NONE, NULL, false, "10.00 = 10（48小时 ≥ 24小时，达成）（实际 2天 按 48小时 计）"},
    {"≥60个", "10", "75", JX_JUDGE_NONE, NULL, false, "10.00 = 10（75个 ≥ 60个，达成）"},
    {"≥90%", "10", "95%", JX_JUDGE_NONE, NULL, false, "10.00 = 10（95% ≥ 90%，达成）"},
    {"≤0次", "10", "2次", JX_JUDGE_NONE, NULL, false, "0.00（目标值为 0次，实际 2次 超过目标，按 0 分计）"},
    {"≥10个", "10", "-3个", JX_JUDGE_NONE, NULL, false, "0.00（实际完成值 -3个 为负数，按 0 分计）"},
    {"≥93%", "3", "91.90%", JX_JUDGE_NONE, NULL, false, "2.96 = 3 × 91.9 / 93"},
    {"≥82.50%", "7.5", "85.10%", JX_JUDGE_NONE, NULL, false, "7.50 = 7.5（85.1% ≥ 82.5%，达成）"},
    {"≤628.00万元", "6", "595.37万元", JX_JUDGE_NONE, NULL, false, "6.00 = 6（595.37万元 ≤ 628万元，达成）"},
    {"定性 提升", "15", "\"提升\"", JX_JUDGE_NONE, NULL, false, "15.00 = 15 × 100%（达成，实际与目标一致）"},
    {"定性 提升", "15", "\"基本提升\"", JX_JUDGE_PARTLY, NULL, false, "10.50 = 15 × 70%（部分达成）"},
    {"定性 提升", "15", "\"基本提升\"", JX_JUDGE_NONE, NULL, false, "0.00（实际“基本提升”与目标“提升”不同，未评定）"},
    {"定性 提升", "10", "\"提升\"", JX_JUDGE_MET, "9", false, "9.00（自评得分，在“达成”区间 [8.00, 10.00] 内）"},
    {"定性 提升", "10", "\"基本提升\"", JX_JUDGE_NONE, "7", false, "7.00（自评得分，未评定，属“部分达成”区间 [6.00, 8.00)）"},
    {"定性 提升", "10", "\"提升\"", JX_JUDGE_MET, "7", false,
     "7.00 = min(自评得分 7, 区间上限 10.00)（自评得分不在“达成”区间 [8.00, 10.00] 内，不予认可）"},
    {"定性 提升", "10", "\"提升\"", JX_JUDGE_MET, "-1", false, "0.00（自评得分 -1 为负数，不在“达成”区间 [8.00, 10.00] 内，不予认可）"},
    {"≥60个", "10", NULL, JX_JUDGE_NONE, NULL, false, "0.00（没有实际完成值）"},
    {"≥60个", "10", "\"较多\"", JX_JUDGE_NONE, NULL, false, "0.00（实际完成值“较多”不是数值）"},
    {"≥60个", "10", "75个", JX_JUDGE_NONE, NULL, true, "不适用（剔除）"},
};

/* ind's formula into a buffer of cap bytes (1: every piece grows it, piece by piece), as
 * a NUL-terminated string in ar; and whether it stayed where it began. */
static const char *formula_into(const jx_indicator *ind, int decimals, char *buf, size_t cap, jx_arena *ar,
                                bool *in_place)
{
    jx_sbuf b;
    jx_sbuf_init(&b, buf, cap, ar);
    jx_formula_write(&b, ind, decimals);
    assert_int_equal(b.oom, 0);
    *in_place = b.s == buf;
    return jx_sbuf_cstr(&b);
}

/* The formula written in one go, into a buffer with room for it, and piece by piece, into
 * a buffer of one byte that grows at every piece: the same bytes, and the text worked
 * out by hand. */
static void formula_both_ways(const jx_indicator *ind, int decimals, const char *want)
{
    jx_arena ar;
    jx_arena_init(&ar, NULL);
    char big[4096], one[1];
    bool big_in_place, one_in_place;
    const char *whole = formula_into(ind, decimals, big, sizeof big, &ar, &big_in_place);
    const char *pieces = formula_into(ind, decimals, one, sizeof one, &ar, &one_in_place);
    assert_true(big_in_place);
    assert_false(one_in_place);
    assert_string_equal(whole, pieces);
    assert_string_equal(whole, want);
    jx_arena_free(&ar);
}

static void formula_written_in_one_go_or_piece_by_piece(void **state)
{
    (void)state;
    size_t n = sizeof formula_cases / sizeof formula_cases[0];
    jx_project *p = jx_test_project("测试项目");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    for (size_t i = 0; i < n; i++) {
        const formula_case *fc = &formula_cases[i];
        jx_indicator *ind = jx_test_ind(p, g2, "指标", fc->target, fc->weight, fc->actual);
        ind->judge = fc->judge;
        ind->not_applicable = fc->not_applicable;
        if (fc->claim)
            jx_test_claim(ind, fc->claim);
        jx_test_reason(p, ind, "说明");
    }
    /* a unit of 40 characters (120 bytes), written three times: the room for the whole
     * formula counts it so; 30 × 75 / 60 would be 37.5, so met: 30.00 */
    static const char unit[] = "个个个个个个个个个个个个个个个个个个个个个个个个个个个个个个个个个个个个个个个个";
    char target[200] = "≥60", actual[200] = "75";
    strcat(target, unit);
    strcat(actual, unit);
    jx_test_ind(p, g2, "长单位", target, "30", actual);
    /* a formula given by hand is written as it is */
    jx_test_ind(p, g2, "手写", "≥60个", "30", "75个");
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_int_equal(jx_score(p, pol), JX_OK);
    jx_policy_close(pol);
    for (size_t i = 0; i < n; i++)
        formula_both_ways(&p->inds[i], p->decimals, formula_cases[i].want);
    char want[400] = "30.00 = 30（75";
    strcat(want, unit);
    strcat(want, " ≥ 60");
    strcat(want, unit);
    strcat(want, "，达成）");
    formula_both_ways(&p->inds[n], p->decimals, want);
    jx_indicator *given = &p->inds[n + 1];
    given->formula = "30 = 30（按手写）";
    formula_both_ways(given, p->decimals, "30 = 30（按手写）");
    jx_test_project_free(p);
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
        cmocka_unit_test(formula_written_in_one_go_or_piece_by_piece),
        cmocka_unit_test(sbuf_moves_to_the_arena),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
