/* SPDX-License-Identifier: MIT */
/* test_dec.c — exact decimals: parsing, comparing, rounding half up, printing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dec.h"

#include <string.h>

/* Parses s, asserting success, and returns the number. */
static jx_dec parse_ok(const char *s)
{
    jx_dec d = {0, 0};
    assert_int_equal(jx_dec_parse(s, strlen(s), &d), JX_DEC_OK);
    return d;
}

static void parse_keeps_digits_and_scale(void **state)
{
    (void)state;
    jx_dec d = parse_ok("96.68");
    assert_int_equal(d.v, 9668);
    assert_int_equal(d.scale, 2);
    d = parse_ok("60");
    assert_int_equal(d.v, 60);
    assert_int_equal(d.scale, 0);
    /* trailing zeros keep their scale: 1.50 is 150 × 10^-2 */
    d = parse_ok("1.50");
    assert_int_equal(d.v, 150);
    assert_int_equal(d.scale, 2);
    d = parse_ok("-0.5");
    assert_int_equal(d.v, -5);
    assert_int_equal(d.scale, 1);
    d = parse_ok("+3");
    assert_int_equal(d.v, 3);
    d = parse_ok("0");
    assert_int_equal(d.v, 0);
    /* leading zeros are not significant digits */
    d = parse_ok("000000000000000000000007");
    assert_int_equal(d.v, 7);
    /* nine decimals is the most a jx_dec carries */
    d = parse_ok("0.000000001");
    assert_int_equal(d.v, 1);
    assert_int_equal(d.scale, 9);
}

static void parse_reads_only_the_given_length(void **state)
{
    (void)state;
    jx_dec d;
    /* "12" out of "123": n bounds the text */
    assert_int_equal(jx_dec_parse("123", 2, &d), JX_DEC_OK);
    assert_int_equal(d.v, 12);
}

static void parse_rejects_malformed(void **state)
{
    (void)state;
    jx_dec d;
    const char *bad[] = {"", "-", "+", ".5", "1.", "1.2.3", "1e5", "12a", " 1", "1 ", "--1", "%"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(jx_dec_parse(bad[i], strlen(bad[i]), &d), JX_DEC_SYNTAX);
}

static void parse_rejects_too_long(void **state)
{
    (void)state;
    jx_dec d;
    /* 18 significant digits fit, 19 do not */
    assert_int_equal(jx_dec_parse("999999999999999999", 18, &d), JX_DEC_OK);
    assert_int_equal(jx_dec_parse("1000000000000000000", 19, &d), JX_DEC_TOO_LONG);
    /* ten decimals exceed JX_DEC_MAX_SCALE */
    assert_int_equal(jx_dec_parse("0.0000000001", 12, &d), JX_DEC_TOO_LONG);
}

static void compare_across_scales(void **state)
{
    (void)state;
    /* 1.5 = 1.50; -1 < 0.5; 100.1 > 100.09; 0 = -0 */
    assert_int_equal(jx_dec_cmp(parse_ok("1.5"), parse_ok("1.50")), 0);
    assert_int_equal(jx_dec_cmp(parse_ok("-1"), parse_ok("0.5")), -1);
    assert_int_equal(jx_dec_cmp(parse_ok("100.1"), parse_ok("100.09")), 1);
    assert_int_equal(jx_dec_cmp(parse_ok("0"), parse_ok("-0")), 0);
    assert_true(jx_dec_is_negative(parse_ok("-0.01")));
    assert_false(jx_dec_is_negative(parse_ok("0")));
    assert_true(jx_dec_is_zero(parse_ok("0.000")));
    assert_false(jx_dec_is_zero(parse_ok("0.001")));
}

static void scaled_and_powers(void **state)
{
    (void)state;
    /* 96.68 at scale 4 is 966800 */
    assert_true(jx_dec_scaled(parse_ok("96.68"), 4) == 966800);
    assert_true(jx_pow10_128(0) == 1);
    assert_true(jx_pow10_128(3) == 1000);
    /* 10^36 = (10^18)^2 */
    __int128 e18 = 1000000000000000000LL;
    assert_true(jx_pow10_128(36) == e18 * e18);
    assert_int_equal(jx_dec_from_int(-7).v, -7);
    assert_int_equal(jx_dec_from_int(-7).scale, 0);
}

static void rounds_half_away_from_zero(void **state)
{
    (void)state;
    /* 5005 / 10 = 500.5 → 501 (5.005 → 5.01 in cents) */
    assert_true(jx_div_round_half_up(5005, 10) == 501);
    /* 5004 / 10 = 500.4 → 500 */
    assert_true(jx_div_round_half_up(5004, 10) == 500);
    /* -500.5 → -501 */
    assert_true(jx_div_round_half_up(-5005, 10) == -501);
    /* a negative denominator: 5005 / -10 = -500.5 → -501 */
    assert_true(jx_div_round_half_up(5005, -10) == -501);
    /* 1/2 → 1, 1/3 → 0, 2/3 → 1 */
    assert_true(jx_div_round_half_up(1, 2) == 1);
    assert_true(jx_div_round_half_up(1, 3) == 0);
    assert_true(jx_div_round_half_up(2, 3) == 1);
    /* 7 × 0.3 / 28 in cents: 7 × 3 × 100 / (28 × 10) = 2100 / 280 = 7.5 → 8 */
    assert_true(jx_div_round_half_up(2100, 280) == 8);
    /* 200/3 = 66.67 → 67 */
    assert_true(jx_div_round_half_up(200, 3) == 67);
    assert_true(jx_div_round_half_up(0, 5) == 0);
}

static void formats_plain(void **state)
{
    (void)state;
    char buf[JX_DEC_BUFSZ];
    assert_string_equal(jx_dec_format(parse_ok("96.68"), buf, sizeof buf), "96.68");
    assert_string_equal(jx_dec_format(parse_ok("60"), buf, sizeof buf), "60");
    assert_string_equal(jx_dec_format(parse_ok("0.5"), buf, sizeof buf), "0.5");
    /* trailing zeros go: 100.00 → 100, 1.50 → 1.5 */
    assert_string_equal(jx_dec_format(parse_ok("100.00"), buf, sizeof buf), "100");
    assert_string_equal(jx_dec_format(parse_ok("1.50"), buf, sizeof buf), "1.5");
    assert_string_equal(jx_dec_format(parse_ok("-0.05"), buf, sizeof buf), "-0.05");
    assert_string_equal(jx_dec_format(parse_ok("-0.000"), buf, sizeof buf), "0");
    assert_string_equal(jx_dec_format(parse_ok("0.000000001"), buf, sizeof buf), "0.000000001");
}

static void formats_fixed(void **state)
{
    (void)state;
    char buf[JX_DEC_BUFSZ];
    assert_string_equal(jx_fixed_format(501, 2, buf, sizeof buf), "5.01");
    assert_string_equal(jx_fixed_format(10000, 2, buf, sizeof buf), "100.00");
    assert_string_equal(jx_fixed_format(5, 2, buf, sizeof buf), "0.05");
    assert_string_equal(jx_fixed_format(0, 2, buf, sizeof buf), "0.00");
    assert_string_equal(jx_fixed_format(-5, 2, buf, sizeof buf), "-0.05");
    assert_string_equal(jx_fixed_format(7, 0, buf, sizeof buf), "7");
    assert_string_equal(jx_fixed_format(12345, 4, buf, sizeof buf), "1.2345");
    assert_string_equal(jx_fixed_format(6667, 3, buf, sizeof buf), "6.667");
    /* a short buffer truncates like snprintf */
    char small[4];
    assert_string_equal(jx_fixed_format(10000, 2, small, sizeof small), "100");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_keeps_digits_and_scale),
        cmocka_unit_test(parse_reads_only_the_given_length),
        cmocka_unit_test(parse_rejects_malformed),
        cmocka_unit_test(parse_rejects_too_long),
        cmocka_unit_test(compare_across_scales),
        cmocka_unit_test(scaled_and_powers),
        cmocka_unit_test(rounds_half_away_from_zero),
        cmocka_unit_test(formats_plain),
        cmocka_unit_test(formats_fixed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
