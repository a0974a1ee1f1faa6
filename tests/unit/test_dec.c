/* SPDX-License-Identifier: MIT */
/* test_dec.c — exact decimals: parsing, comparing, rounding half up, printing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dec.h"

#include <stdio.h>
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

/* jx_dec_cmp the plain way: both coefficients brought to the larger scale in 128 bits. */
static int cmp_plain(jx_dec a, jx_dec b)
{
    int s = a.scale > b.scale ? a.scale : b.scale;
    __int128 x = a.v, y = b.v;
    for (int k = a.scale; k < s; k++)
        x *= 10;
    for (int k = b.scale; k < s; k++)
        y *= 10;
    return (x > y) - (x < y);
}

/*
 * jx_dec_cmp_scaled takes the one with fewer decimals to the other's scale in 64 bits while
 * that fits, else both in 128: its answers at the edge of 64 bits, worked by hand, and as
 * the plain way's. INT64_MAX is 9223372036854775807, INT64_MIN -9223372036854775808.
 */
static void compare_across_scales_at_64_bits(void **state)
{
    (void)state;
    const struct {
        jx_dec a, b;
        int want;
    } cases[] = {
        /* 6.38 < 7: 7 × 100 = 700 > 638 */
        {{638, 2}, {7, 0}, -1},
        /* 7 > 6.99 and 90 = 90.00 (a total against a band) */
        {{7, 0}, {699, 2}, 1},
        {{9000, 2}, {90, 0}, 0},
        /* 922337203685477580 × 10 = 9223372036854775800 fits: equal to 922337203685477580.0 */
        {{922337203685477580, 0}, {9223372036854775800, 1}, 0},
        /* 922337203685477581 × 10 = 9223372036854775810 passes INT64_MAX: 128 bits, and it is
         * above 922337203685477580.7 (9223372036854775807 at scale 1) */
        {{922337203685477581, 0}, {INT64_MAX, 1}, 1},
        {{INT64_MAX, 1}, {922337203685477581, 0}, -1},
        /* -922337203685477581 × 10 = -9223372036854775810 passes INT64_MIN: 128 bits, below
         * -922337203685477580.8 (INT64_MIN at scale 1) */
        {{-922337203685477581, 0}, {INT64_MIN, 1}, -1},
        /* -922337203685477580 × 10 = -9223372036854775800 fits: above -9223372036854775808 / 10 */
        {{-922337203685477580, 0}, {INT64_MIN, 1}, 1},
        /* 10^18 at scale 9 is 10^9: 10^9 × 10^9 fits; 10^9 + 1 at scale 0 is above it */
        {{1000000000000000000, 9}, {1000000000, 0}, 0},
        {{1000000000000000000, 9}, {1000000001, 0}, -1},
        /* 10^10 × 10^9 = 10^19 passes INT64_MAX: 128 bits; 10^10 > 9.223372036854775807·10^9 */
        {{10000000000, 0}, {INT64_MAX, 9}, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(jx_dec_cmp(cases[i].a, cases[i].b), cases[i].want);
        assert_int_equal(jx_dec_cmp_scaled(cases[i].a, cases[i].b), cases[i].want);
        assert_int_equal(cmp_plain(cases[i].a, cases[i].b), cases[i].want);
    }
    /* every pair of a few coefficients near the edges and scales 0 to 9, as the plain way */
    const int64_t vs[] = {0, 1, -1, 7, 638, 922337203685477580, 922337203685477581, -922337203685477581,
                          INT64_MAX, INT64_MIN, 999999999999999999, -999999999999999999};
    const size_t nv = sizeof vs / sizeof vs[0];
    for (size_t i = 0; i < nv; i++)
        for (size_t j = 0; j < nv; j++)
            for (int sa = 0; sa <= JX_DEC_MAX_SCALE; sa++)
                for (int sb = 0; sb <= JX_DEC_MAX_SCALE; sb++) {
                    jx_dec a = {vs[i], sa}, b = {vs[j], sb};
                    assert_int_equal(jx_dec_cmp(a, b), cmp_plain(a, b));
                }
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

/* The 64-bit rounding division (jx_div_round_half_up64), by hand, and the same quotients
 * through jx_div_round_half_up with both operands times 2^63, past 64 bits: its 128-bit
 * path. Extremes of int64_t included, whose magnitudes (2^63) no int64_t holds. */
static void rounds_half_up_in_64_bits_as_in_128(void **state)
{
    (void)state;
    static const struct {
        int64_t num, den;
        __int128 want;
    } cases[] = {
        {5005, 10, 501},   /* 500.5 → 501 */
        {5004, 10, 500},   /* 500.4 → 500 */
        {-5005, 10, -501}, /* −500.5 → −501: away from zero */
        {7, -2, -4},       /* −3.5 → −4 */
        {-7, -2, 4},       /* 3.5 → 4 */
        {3, -2, -2},       /* −1.5 → −2 */
        {1, 3, 0},         /* 0.33 → 0 */
        {2, 3, 1},         /* 0.67 → 1 */
        {0, -5, 0},
        /* 9223372036854775807 / 2 = 4611686018427387903.5 → …904 */
        {INT64_MAX, 2, 4611686018427387904},
        /* −2^63 / 2 = −2^62 exactly */
        {INT64_MIN, 2, -(__int128)4611686018427387904},
        /* −2^63 / −1 = 2^63, one past INT64_MAX */
        {INT64_MIN, -1, (__int128)INT64_MAX + 1},
        {INT64_MIN, INT64_MIN, 1},
        /* 1 / −2^63 → 0; 2^62 / −2^63 = −0.5 → −1 */
        {1, INT64_MIN, 0},
        {4611686018427387904, INT64_MIN, -1},
        /* (2^63 − 1) / −2^63 = −0.99… → −1; (2^63 − 2) / (2^63 − 1) → 1 */
        {INT64_MAX, INT64_MIN, -1},
        {INT64_MAX - 1, INT64_MAX, 1},
        /* just below and just above a half: 2 × 4611686018427387903 = 2^63 − 2 < 2^63 − 1,
         * 2 × 4611686018427387904 = 2^63 > 2^63 − 1 */
        {4611686018427387903, INT64_MAX, 0},
        {4611686018427387904, INT64_MAX, 1},
    };
    const __int128 k = (__int128)1 << 63;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(jx_div_round_half_up64(cases[i].num, cases[i].den) == cases[i].want);
        assert_true(jx_div_round_half_up(cases[i].num, cases[i].den) == cases[i].want);
        assert_true(jx_div_round_half_up(cases[i].num * k, cases[i].den * k) == cases[i].want);
    }
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

/* The digits of u the slow way: a division by ten at a time. */
static unsigned count_by_division(uint64_t u)
{
    unsigned n = 1;
    while (u >= 10) {
        u /= 10;
        n++;
    }
    return n;
}

static void digit_count_at_every_power(void **state)
{
    (void)state;
    /* by hand: 0 and 9 have one digit, 10 two, 99 two, 100 three, 2^64 - 1 =
     * 18446744073709551615 twenty, 10^19 twenty, 10^19 - 1 nineteen */
    assert_int_equal(jx_digit_count(0), 1);
    assert_int_equal(jx_digit_count(9), 1);
    assert_int_equal(jx_digit_count(10), 2);
    assert_int_equal(jx_digit_count(99), 2);
    assert_int_equal(jx_digit_count(100), 3);
    assert_int_equal(jx_digit_count(UINT64_MAX), 20);
    assert_int_equal(jx_digit_count(10000000000000000000u), 20);
    assert_int_equal(jx_digit_count(9999999999999999999u), 19);
    /* either side of every power of ten and of two */
    for (unsigned k = 0; k < 20; k++) {
        uint64_t p = jx_pow10_64[k];
        assert_int_equal(jx_digit_count(p), k + 1);
        assert_int_equal(jx_digit_count(p - 1), count_by_division(p - 1));
        assert_int_equal(jx_digit_count(p + 1), count_by_division(p + 1));
    }
    for (unsigned b = 0; b < 64; b++) {
        uint64_t p = (uint64_t)1 << b;
        assert_int_equal(jx_digit_count(p), count_by_division(p));
        assert_int_equal(jx_digit_count(p - 1), count_by_division(p - 1));
        assert_int_equal(jx_digit_count(p + 1), count_by_division(p + 1));
    }
}

/* jx_uint_put writes what printf writes, its one- and two-digit stores among them. */
static void uint_put_as_printf(void **state)
{
    (void)state;
    char got[32], want[32];
    /* and either side of 10^4, where jx_uint_put stops writing two pairs at most */
    uint64_t vals[] = {0,       1,        9,        10,        11,         42,         99,         100,
                       101,     999,      1000,     9999,      10000,      10001,      10100,      65535,
                       1234567, 10000000, 99999999, 100000000, 100000001, 100020003, UINT64_MAX};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0] + 20; i++) {
        uint64_t v = i < sizeof vals / sizeof vals[0] ? vals[i] : jx_pow10_64[i - sizeof vals / sizeof vals[0]] - 1;
        char *end = jx_uint_put(got, v);
        *end = '\0';
        snprintf(want, sizeof want, "%llu", (unsigned long long)v);
        assert_string_equal(got, want);
    }
}

static void num_put_by_hand(void **state)
{
    (void)state;
    char buf[JX_DEC_BUFSZ];
    /* worked out by hand: 9394 × 10^-2 = 93.94; 5 × 10^-2 = 0.05; 500 × 10^-2 trimmed = 5;
     * 1230 × 10^-3 trimmed = 1.23, untrimmed 1.230; -7 × 10^-4 = -0.0007; 0 at scale 3
     * trimmed is 0, untrimmed 0.000; 12345678 × 10^-6 = 12.345678; 2^64 - 1 at scale 18
     * is 18.446744073709551615, and 2^64, one past it, 18.446744073709551616 */
    assert_int_equal(jx_num_put(9394, 2, true, buf), 5);
    assert_string_equal(buf, "93.94");
    assert_int_equal(jx_num_put(5, 2, false, buf), 4);
    assert_string_equal(buf, "0.05");
    jx_num_put(500, 2, true, buf);
    assert_string_equal(buf, "5");
    jx_num_put(1230, 3, true, buf);
    assert_string_equal(buf, "1.23");
    jx_num_put(1230, 3, false, buf);
    assert_string_equal(buf, "1.230");
    jx_num_put(-7, 4, false, buf);
    assert_string_equal(buf, "-0.0007");
    jx_num_put(0, 3, true, buf);
    assert_string_equal(buf, "0");
    jx_num_put(0, 3, false, buf);
    assert_string_equal(buf, "0.000");
    jx_num_put(12345678, 6, false, buf);
    assert_string_equal(buf, "12.345678");
    jx_num_put((__int128)UINT64_MAX, 18, false, buf);
    assert_string_equal(buf, "18.446744073709551615");
    jx_num_put((__int128)UINT64_MAX + 1, 18, false, buf);
    assert_string_equal(buf, "18.446744073709551616");
    jx_num_put(-(__int128)UINT64_MAX, 0, true, buf);
    assert_string_equal(buf, "-18446744073709551615");
}

/* Two decimals, whose trailing zeros the pair itself tells (jx_num_at_u64), and more than 18,
 * which jx_num_at_u64 hands to jx_num_put_plain after its '-' and its trimming. */
static void num_put_hundredths_and_past_18_by_hand(void **state)
{
    (void)state;
    char buf[JX_DEC_BUFSZ];
    /* worked out by hand: 8510 × 10^-2 = 85.10, trimmed 85.1 (its pair "10" ends in 0);
     * 8500 × 10^-2 trimmed = 85 (pair "00"); 8501 × 10^-2 = 85.01 either way; 70 × 10^-2
     * trimmed = 0.7 and 7 × 10^-2 = 0.07; -850 × 10^-2 trimmed = -8.5; 0 × 10^-2 trimmed =
     * 0; 1234567890123456780 × 10^-2 trimmed = 12345678901234567.8 */
    jx_num_put(8510, 2, true, buf);
    assert_string_equal(buf, "85.1");
    jx_num_put(8510, 2, false, buf);
    assert_string_equal(buf, "85.10");
    jx_num_put(8500, 2, true, buf);
    assert_string_equal(buf, "85");
    jx_num_put(8501, 2, true, buf);
    assert_string_equal(buf, "85.01");
    jx_num_put(70, 2, true, buf);
    assert_string_equal(buf, "0.7");
    jx_num_put(7, 2, true, buf);
    assert_string_equal(buf, "0.07");
    jx_num_put(-850, 2, true, buf);
    assert_string_equal(buf, "-8.5");
    assert_int_equal(jx_num_put(0, 2, true, buf), 1);
    assert_string_equal(buf, "0");
    jx_num_put(1234567890123456780, 2, true, buf);
    assert_string_equal(buf, "12345678901234567.8");
    /* either side of 10^4, where the division by 100 changes: 9999 × 10^-2 = 99.99,
     * 10000 × 10^-2 = 100.00 (trimmed 100), 10010 × 10^-2 trimmed = 100.1 */
    jx_num_put(9999, 2, true, buf);
    assert_string_equal(buf, "99.99");
    jx_num_put(10000, 2, false, buf);
    assert_string_equal(buf, "100.00");
    jx_num_put(10000, 2, true, buf);
    assert_string_equal(buf, "100");
    jx_num_put(10010, 2, true, buf);
    assert_string_equal(buf, "100.1");
    /* 5 × 10^-20: 19 zeros after the point, then 5, and with a '-' for -5; 500 × 10^-20
     * trimmed is 5 × 10^-18: 17 zeros, then 5; 1000 × 10^-21 trimmed is 10^-18, the same
     * but 1; 12 × 10^-19 untrimmed: 0.0000000000000000012 (17 zeros, then 12) */
    jx_num_put(5, 20, true, buf);
    assert_string_equal(buf, "0.00000000000000000005");
    jx_num_put(-5, 20, true, buf);
    assert_string_equal(buf, "-0.00000000000000000005");
    jx_num_put(500, 20, true, buf);
    assert_string_equal(buf, "0.000000000000000005");
    jx_num_put(1000, 21, true, buf);
    assert_string_equal(buf, "0.000000000000000001");
    jx_num_put(12, 19, false, buf);
    assert_string_equal(buf, "0.0000000000000000012");
}

/* jx_num_put and jx_num_put_plain write v at scale the same, both trimmed and not. */
static void agree_at(__int128 v, int scale)
{
    for (int trim = 0; trim < 2; trim++) {
        char fast[JX_DEC_BUFSZ], plain[JX_DEC_BUFSZ];
        memset(fast, 'x', sizeof fast);
        memset(plain, 'y', sizeof plain);
        size_t nf = jx_num_put(v, scale, trim, fast), np = jx_num_put_plain(v, scale, trim, plain);
        if (nf != np || strcmp(fast, plain) != 0)
            fail_msg("scale %d trim %d: fast \"%s\" (%zu), plain \"%s\" (%zu)", scale, trim, fast, nf, plain, np);
        assert_int_equal(strlen(fast), nf);
    }
}

/* Every number of two decimals to ±101.00 against the plain path, both trimmed and not:
 * those below 100.00 take the division by a 32-bit product (jx_num_at_u64), the others
 * the 64-bit one. */
static void hundredths_agree_with_plain(void **state)
{
    (void)state;
    for (int w = 0; w <= 10100; w++) {
        agree_at(w, 2);
        agree_at(-w, 2);
    }
}

/* The short path of jx_num_put against the plain one: every scale from -1 to 19 (the
 * short path takes 0 to 18), magnitudes on either side of every power of ten and of two up
 * to past 2^64, with trailing zeros and without, both signs, the bounds of int64_t and of
 * __int128, and pseudo-random values of every length. */
static void num_put_fast_agrees_with_plain(void **state)
{
    (void)state;
    __int128 vals[600];
    size_t n = 0;
    const __int128 max128 = (__int128)(((unsigned __int128)1 << 127) - 1);
    vals[n++] = 0;
    vals[n++] = INT64_MAX;
    vals[n++] = INT64_MIN;
    vals[n++] = (__int128)UINT64_MAX;
    vals[n++] = (__int128)UINT64_MAX + 1;
    vals[n++] = max128;
    vals[n++] = -max128 - 1;
    for (unsigned k = 0; k < 20; k++) {
        __int128 p = (__int128)jx_pow10_64[k];
        vals[n++] = p - 1;
        vals[n++] = p;
        vals[n++] = p + 1;
        vals[n++] = p * 7;
        vals[n++] = p * 123;
    }
    for (unsigned b = 0; b < 70; b++) {
        __int128 p = (__int128)1 << b;
        vals[n++] = p - 1;
        vals[n++] = p + 1;
    }
    uint64_t x = 88172645463325252u; /* xorshift64 */
    for (int i = 0; i < 120; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        vals[n++] = (__int128)(x >> (i % 64)); /* every length */
        vals[n++] = (__int128)((x >> (i % 60)) / 10 * 10); /* a trailing zero or more */
    }
    assert_true(n <= sizeof vals / sizeof vals[0]);
    for (size_t i = 0; i < n; i++)
        for (int scale = -1; scale <= 19; scale++) {
            agree_at(vals[i], scale);
            if (vals[i] != -max128 - 1)
                agree_at(-vals[i], scale);
        }
}

/* ------------------------------------------------------------------ 256 bits */

/* 2^k as an unsigned 128-bit number. */
static unsigned __int128 two_to(int k)
{
    return (unsigned __int128)1 << k;
}

/* 10^k as an unsigned 128-bit number (k <= 38). */
static unsigned __int128 ten_to(int k)
{
    unsigned __int128 r = 1;
    while (k-- > 0)
        r *= 10;
    return r;
}

static void u256_products_by_hand(void **state)
{
    (void)state;
    const unsigned __int128 ones = ~(unsigned __int128)0; /* 2^128 − 1 */
    /* (2^64 + 1)(2^64 − 1) = 2^128 − 1: all of the low half */
    jx_u256 r = jx_u256_mul(two_to(64) + 1, two_to(64) - 1);
    assert_true(r.hi == 0 && r.lo == ones);
    /* 2^127 × 4 = 2^129 = 2 × 2^128 */
    r = jx_u256_mul(two_to(127), 4);
    assert_true(r.hi == 2 && r.lo == 0);
    /* (2^128 − 1)^2 = 2^256 − 2^129 + 1 = (2^128 − 2) × 2^128 + 1 */
    r = jx_u256_mul(ones, ones);
    assert_true(r.hi == ones - 1 && r.lo == 1);
    /* 10^20 × 10^20 = 10^40 = 29 × 2^128 + (10^40 − 58 × 2^127): 2^128 ≈ 3.40·10^38 goes
     * 29 times into 10^40 (29.39…) */
    r = jx_u256_mul(ten_to(20), ten_to(20));
    assert_true(r.hi == 29);
    assert_true(r.lo == ten_to(38) * 100 - two_to(127) * 58); /* the same, mod 2^128 */
    /* differences: 2^128 − 1 borrows from the high half; a − a is 0 */
    jx_u256 a = {1, 0}, one = {0, 1};
    r = jx_u256_sub(a, one);
    assert_true(r.hi == 0 && r.lo == ones);
    r = jx_u256_sub(a, a);
    assert_true(r.hi == 0 && r.lo == 0);
    assert_int_equal(jx_u256_cmp(a, one), 1);
    assert_int_equal(jx_u256_cmp(one, a), -1);
    assert_int_equal(jx_u256_cmp(a, a), 0);
}

static void products_compared_exactly(void **state)
{
    (void)state;
    /* small factors, one 64-bit multiplication a side: 3 × 4 = 2 × 6, 3 × 5 > 2 × 7 */
    assert_int_equal(jx_cmp_products(3, 4, 2, 6), 0);
    assert_int_equal(jx_cmp_products(3, 5, 2, 7), 1);
    assert_int_equal(jx_cmp_products(2, 7, 3, 5), -1);
    /* 2^64 − 1 is the largest factor of the short way: (2^64 − 1)^2 against
     * (2^64 − 2) × 2^64 = (2^64 − 1)^2 − 1 */
    assert_int_equal(jx_cmp_products(two_to(64) - 1, two_to(64) - 1, two_to(64) - 2, two_to(64)), 1);
    /* 10^19 × 10^19 = 10^20 × 10^18 = 10^38; one more in a factor is 10^19 more */
    assert_int_equal(jx_cmp_products(ten_to(19), ten_to(19), ten_to(20), ten_to(18)), 0);
    assert_int_equal(jx_cmp_products(ten_to(19) + 1, ten_to(19), ten_to(20), ten_to(18)), 1);
    assert_int_equal(jx_cmp_products(ten_to(19), ten_to(19), ten_to(20), ten_to(18) + 1), -1);
    /* products past 2^128 that differ by 1: (2^100 + 1)(2^100 − 1) = 2^200 − 1 < 2^100 × 2^100 */
    assert_int_equal(jx_cmp_products(two_to(100) + 1, two_to(100) - 1, two_to(100), two_to(100)), -1);
    assert_int_equal(jx_u256_cmp_products(3, 4, 2, 6), 0);
}

/* jx_u256_div_round_half_up of num / den, which must fit: the quotient. */
static __int128 div_ok(jx_u256 num, jx_u256 den)
{
    __int128 q = -1;
    assert_true(jx_u256_div_round_half_up(num, den, &q));
    return q;
}

static void u256_divided_half_up(void **state)
{
    (void)state;
    const jx_u256 three = {0, 3}, hundred = {0, 100}, two = {0, 2};
    /* 10^38 / 3 = 33…33.33… (38 threes): rounds down; in 128 bits */
    __int128 threes = 0;
    for (int i = 0; i < 38; i++)
        threes = threes * 10 + 3;
    jx_u256 e38 = {0, ten_to(38)};
    assert_true(div_ok(e38, three) == threes);
    /* 10^40 / 300 is the same quotient, by long division (10^40 passes 2^128) */
    jx_u256 e40 = jx_u256_mul(ten_to(20), ten_to(20));
    assert_true(e40.hi != 0);
    jx_u256 three_hundred = {0, 300};
    assert_true(div_ok(e40, three_hundred) == threes);
    /* (10^40 + 50) / 100 = 10^38 + 0.5 rounds up, (10^40 + 49) / 100 down */
    jx_u256 n = e40;
    n.lo += 50; /* no carry: the low half of 10^40 is below 2^128 − 50 */
    assert_true(div_ok(n, hundred) == (__int128)ten_to(38) + 1);
    n.lo -= 1;
    assert_true(div_ok(n, hundred) == (__int128)ten_to(38));
    /* 2 / 2 = 1; 1 / 2 = 0.5 rounds up to 1; 0 / 2 = 0 */
    jx_u256 v = {0, 2};
    assert_true(div_ok(v, two) == 1);
    v.lo = 1;
    assert_true(div_ok(v, two) == 1);
    v.lo = 0;
    assert_true(div_ok(v, two) == 0);
    /* the largest quotient: (2^127 − 1) × 10^20 / 10^20; 2^127 × 10^20 / 10^20 does not fit */
    jx_u256 big = {0, ten_to(20)};
    assert_true(div_ok(jx_u256_mul(two_to(127) - 1, ten_to(20)), big) == (__int128)(two_to(127) - 1));
    __int128 q = 7;
    assert_false(jx_u256_div_round_half_up(jx_u256_mul(two_to(127), ten_to(20)), big, &q));
    assert_true(q == 7);
    /* (2^127 − 0.5) rounds up to 2^127, which does not fit: (2^128 − 1) / 2 */
    jx_u256 all_low = {0, ~(unsigned __int128)0};
    assert_false(jx_u256_div_round_half_up(all_low, two, &q));
    /* a divisor above 2^255: (2^256 − 1) / (2^255 + 1) = 1, remainder 2^255 − 2, twice
     * that >= the divisor: 2 */
    jx_u256 all = {~(unsigned __int128)0, ~(unsigned __int128)0}, d = {two_to(127), 1};
    assert_true(div_ok(all, d) == 2);
    /* 2^255 / (2^255 + 1) = 0, remainder 2^255, twice that >= the divisor: rounds to 1 */
    jx_u256 h = {two_to(127), 0};
    assert_true(div_ok(h, d) == 1);
}

/* The number the decimal digits s spell (at most 38), with a leading '-' for a negative. */
static __int128 digits(const char *s)
{
    bool neg = *s == '-';
    __int128 r = 0;
    for (s += neg; *s; s++)
        r = r * 10 + (*s - '0');
    return neg ? -r : r;
}

/* jx_muldiv_round_half_up of a × b × 10^shift / den, which must fit: the quotient. */
static __int128 muldiv_ok(__int128 a, __int128 b, int shift, __int128 den)
{
    __int128 q = -1;
    assert_true(jx_muldiv_round_half_up(a, b, shift, den, &q));
    return q;
}

/*
 * a × b × 10^shift / den, worked by hand, where a × b passes 128 bits (10^40 = 10^20 × 10^20):
 *   10^40 / 7000 = 10^37 / 7 = 142857 repeated: 1428571428571428571428571428571428571.428… → down;
 *   3·10^18 × 10^19 × 10 / 9000 = 10^35 / 3 = 33…3.33 (35 threes) → down;
 *   10^40 × 10^30 / (7·10^35) = 10^35 / 7 = 14285714285714285714285714285714285.714… → up;
 *   −10^20 × 10^20 / 8000 = −1.25·10^36 exactly; 10^40 / (1.6·10^38) = 62.5 → 63, and −62.5 → −63;
 *   10^40 × 10^-2 / 3 = 10^38 / 3: 38 threes;
 *   10^40 / 1 = 10^40 ≥ 2^127 ≈ 1.7·10^38: does not fit; 10^40 × 10^40 passes 2^256 ≈ 1.16·10^77;
 *   10^40 × 10^-60 / 10^30 = 10^-50 → 0 (the divisor passes 2^256), 10^40 × 10^-40 / 10^30 → 0.
 */
static void muldiv_past_128_bits(void **state)
{
    (void)state;
    const __int128 e20 = digits("100000000000000000000");
    assert_true(muldiv_ok(e20, e20, 0, 7000) == digits("1428571428571428571428571428571428571"));
    assert_true(muldiv_ok(digits("3000000000000000000"), digits("10000000000000000000"), 1, 9000) ==
                digits("33333333333333333333333333333333333"));
    assert_true(muldiv_ok(e20, e20, 30, digits("700000000000000000000000000000000000")) ==
                digits("14285714285714285714285714285714286"));
    assert_true(muldiv_ok(-e20, e20, 0, 8000) == digits("-1250000000000000000000000000000000000"));
    const __int128 d = digits("160000000000000000000000000000000000000");
    assert_true(muldiv_ok(e20, e20, 0, d) == 63);
    assert_true(muldiv_ok(-e20, e20, 0, d) == -63);
    assert_true(muldiv_ok(e20, -e20, 0, -d) == 63);
    assert_true(muldiv_ok(e20, e20, -2, 3) == digits("33333333333333333333333333333333333333"));
    __int128 q = 7;
    assert_false(jx_muldiv_round_half_up(e20, e20, 0, 1, &q));
    assert_false(jx_muldiv_round_half_up(e20, e20, 40, 1, &q));
    assert_true(q == 7);
    assert_true(muldiv_ok(e20, e20, -60, digits("1000000000000000000000000000000")) == 0);
    assert_true(muldiv_ok(e20, e20, -40, digits("1000000000000000000000000000000")) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_keeps_digits_and_scale),
        cmocka_unit_test(parse_reads_only_the_given_length),
        cmocka_unit_test(parse_rejects_malformed),
        cmocka_unit_test(parse_rejects_too_long),
        cmocka_unit_test(compare_across_scales),
        cmocka_unit_test(compare_across_scales_at_64_bits),
        cmocka_unit_test(scaled_and_powers),
        cmocka_unit_test(rounds_half_away_from_zero),
        cmocka_unit_test(rounds_half_up_in_64_bits_as_in_128),
        cmocka_unit_test(formats_plain),
        cmocka_unit_test(formats_fixed),
        cmocka_unit_test(digit_count_at_every_power),
        cmocka_unit_test(uint_put_as_printf),
        cmocka_unit_test(num_put_by_hand),
        cmocka_unit_test(num_put_hundredths_and_past_18_by_hand),
        cmocka_unit_test(num_put_fast_agrees_with_plain),
        cmocka_unit_test(hundredths_agree_with_plain),
        cmocka_unit_test(u256_products_by_hand),
        cmocka_unit_test(products_compared_exactly),
        cmocka_unit_test(u256_divided_half_up),
        cmocka_unit_test(muldiv_past_128_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
