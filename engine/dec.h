/* SPDX-License-Identifier: MIT */
/* dec.h — exact decimal numbers for money-grade scores: a coefficient and a scale. */
#ifndef JX_DEC_H
#define JX_DEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/** The largest scale (digits after the point) a jx_dec may carry. */
#define JX_DEC_MAX_SCALE 9
/** The most significant digits a parsed number may have. */
#define JX_DEC_MAX_DIGITS 18

/** The value v × 10^-scale, exactly. 96.68 is {9668, 2}; 60 is {60, 0}. */
typedef struct jx_dec {
    int64_t v;     /* coefficient */
    int32_t scale; /* digits after the decimal point, 0..JX_DEC_MAX_SCALE */
} jx_dec;

/** Outcome of jx_dec_parse. */
typedef enum jx_dec_status {
    JX_DEC_OK = 0,      /* parsed */
    JX_DEC_SYNTAX,      /* not of the form [+-]digits[.digits] */
    JX_DEC_TOO_LONG     /* more than JX_DEC_MAX_DIGITS digits or JX_DEC_MAX_SCALE decimals */
} jx_dec_status;

/** Parses exactly s[0..n) as [+-]digits[.digits] (ASCII). Trailing zeros keep their scale. */
jx_dec_status jx_dec_parse(const char *s, size_t n, jx_dec *out);

/** A jx_dec from an integer. Inline, as the two tests below: each is asked of every
 * project, some of every 资金 amount. */
static inline jx_dec jx_dec_from_int(int64_t v)
{
    jx_dec d = {v, 0};
    return d;
}

/** jx_dec_cmp of decimals at different scales: in 64 bits where jx_cmp64_scaled can,
 * else both brought to the larger in 128 bits. */
int jx_dec_cmp_scaled(jx_dec a, jx_dec b);

/** -1, 0 or 1 as a <, =, > b. Exact at any scales. Inline: the usual case, a claim and
 * a weight written alike, is one comparison of coefficients, asked of every indicator. */
static inline int jx_dec_cmp(jx_dec a, jx_dec b)
{
    if (a.scale == b.scale)
        return (a.v > b.v) - (a.v < b.v);
    return jx_dec_cmp_scaled(a, b);
}

/** a·ka against b·kb, exactly, as jx_dec_cmp (ka and kb in 1..10^9: a unit's length). */
int jx_dec_cmp_times(jx_dec a, int64_t ka, jx_dec b, int64_t kb);

/** True when a is below zero: its coefficient is. */
static inline bool jx_dec_is_negative(jx_dec a)
{
    return a.v < 0;
}

/** True when a is zero: its coefficient is. */
static inline bool jx_dec_is_zero(jx_dec a)
{
    return a.v == 0;
}

/** The powers of ten that fit 64 bits, 10^0 … 10^19. */
extern const uint64_t jx_pow10_64[20];

/** x·10^-xs against y·10^-ys in 64 bits: true, *out -1, 0 or 1, when the scales are
 * alike or the one with fewer decimals brought to the other's scale (by less than 10^19)
 * still fits 64 bits — the same numbers compared, so the answer jx_dec_cmp gives; false,
 * *out untouched, else (the caller compares in 128 bits). */
static inline bool jx_cmp64_scaled(int64_t x, int xs, int64_t y, int ys, int *out)
{
    int d = ys - xs;
    if (d == 0 || (d > 0 && d < 19 && !__builtin_mul_overflow(x, (int64_t)jx_pow10_64[d], &x)) ||
        (d < 0 && d > -19 && !__builtin_mul_overflow(y, (int64_t)jx_pow10_64[-d], &y))) {
        *out = (x > y) - (x < y);
        return true;
    }
    return false;
}

/** 10^n as a 128-bit integer, n in 0..36 (larger n past 10^19 multiplied out). */
__int128 jx_pow10_128_big(int n);

/** 10^n as a 128-bit integer, n in 0..36. */
static inline __int128 jx_pow10_128(int n)
{
    if (n >= 0 && n < 20)
        return jx_pow10_64[n];
    return jx_pow10_128_big(n);
}

/** a rescaled to exactly `scale` decimals as a 128-bit integer (no rounding: scale >= a.scale). */
static inline __int128 jx_dec_scaled(jx_dec a, int scale)
{
    return (__int128)a.v * jx_pow10_128(scale - a.scale);
}

/** jx_dec_scaled modulo 2^64, by one 64-bit multiplication: the same coefficient bit for
 * bit wherever the exact one fits 64 bits (a score, a weight at JX_DEC_MAX_SCALE). */
static inline uint64_t jx_dec_scaled64(jx_dec a, int scale)
{
    return (uint64_t)a.v * (uint64_t)jx_pow10_128(scale - a.scale);
}

/**
 * num / den rounded half away from zero to an integer, as a person rounds
 * (0.5 → 1, 1.005 × 100 → 101). den must not be 0.
 */
__int128 jx_div_round_half_up(__int128 num, __int128 den);

/**
 * jx_div_round_half_up of 64-bit operands, inline: the rule itself, which
 * jx_div_round_half_up follows for every num and den that fit 64 bits. On the magnitudes,
 * unsigned (each at most 2^63, so no negation overflows): the quotient goes up when the
 * remainder r is at least half of den, r ≥ den − r (r < den: no wrap). den must not be 0;
 * the quotient, at most 2^63, is returned in 128 bits.
 */
static inline __int128 jx_div_round_half_up64(int64_t num, int64_t den)
{
    uint64_t n = num < 0 ? -(uint64_t)num : (uint64_t)num, d = den < 0 ? -(uint64_t)den : (uint64_t)den;
    uint64_t q = n / d, r = n - q * d;
    q += r >= d - r;
    return (num < 0) != (den < 0) ? -(__int128)q : (__int128)q;
}

/* ---------------------------------------------------------------- 256 bits */

/** A 256-bit unsigned number, hi × 2^128 + lo: the products of two 128-bit numbers
 *  (an amount times a weight, a percentage times an amount) and their differences. */
typedef struct jx_u256 {
    unsigned __int128 hi, lo;
} jx_u256;

/** a × b in 256 bits, exactly. */
jx_u256 jx_u256_mul(unsigned __int128 a, unsigned __int128 b);

/** -1, 0 or 1 as a <, =, > b. */
static inline int jx_u256_cmp(jx_u256 a, jx_u256 b)
{
    if (a.hi != b.hi)
        return a.hi < b.hi ? -1 : 1;
    return (a.lo > b.lo) - (a.lo < b.lo);
}

/** a − b modulo 2^256 (exactly a − b when a >= b). */
static inline jx_u256 jx_u256_sub(jx_u256 a, jx_u256 b)
{
    jx_u256 r;
    r.lo = a.lo - b.lo;
    r.hi = a.hi - b.hi - (a.lo < b.lo);
    return r;
}

/** -1, 0 or 1 as a × b <, =, > c × d, exactly whatever their size (products in 256 bits). */
int jx_u256_cmp_products(unsigned __int128 a, unsigned __int128 b, unsigned __int128 c, unsigned __int128 d);

/** jx_u256_cmp_products, in 128 bits when every factor is below 2^64 (each product is then
 *  one 64 × 64-bit multiplication, below 2^128): the usual numbers, which are small. */
static inline int jx_cmp_products(unsigned __int128 a, unsigned __int128 b, unsigned __int128 c,
                                  unsigned __int128 d)
{
    if (((a | b | c | d) >> 64) == 0) {
        unsigned __int128 l = (unsigned __int128)(uint64_t)a * (uint64_t)b;
        unsigned __int128 r = (unsigned __int128)(uint64_t)c * (uint64_t)d;
        return (l > r) - (l < r);
    }
    return jx_u256_cmp_products(a, b, c, d);
}

/**
 * num / den rounded half up (as jx_div_round_half_up; both are magnitudes) into *q, for
 * den above 0. False, leaving *q alone, when the quotient is 2^127 or more, which no
 * __int128 holds. In 128-bit arithmetic when num and den fit it, else by long division
 * a bit at a time.
 */
bool jx_u256_div_round_half_up(jx_u256 num, jx_u256 den, __int128 *q);

/**
 * a × b × 10^shift / den rounded half away from zero (as jx_div_round_half_up), exactly
 * whatever the size of the product, for den not 0 and |shift| up to 72, into *q: the
 * products in 256 bits. False, leaving *q alone, when |quotient| is 2^127 or more; a
 * quotient below a half, however large den × 10^-shift, is 0.
 */
bool jx_muldiv_round_half_up(__int128 a, __int128 b, int shift, __int128 den, __int128 *q);

/** Writes a in plain notation without trailing zeros ("96.68", "60", "0.5") to buf; returns buf. */
char *jx_dec_format(jx_dec a, char *buf, size_t size);

/** Writes cents/100 with exactly `decimals` places given a value in units of 10^-decimals. */
char *jx_fixed_format(int64_t units, int decimals, char *buf, size_t size);

/** The pairs "00", "01", … "99", for writing numbers two digits at a time. */
extern const char jx_digit_pairs[200];

/** The number of decimal digits of u (1 for 0). From three digits on, without a loop:
 * with 2^b <= u < 2^(b+1) and t = floor(b × log10 2) — (b × 1233) >> 12, exact for every
 * b < 64 — 10^t <= u < 2 × 10^(t+1), so u has t + 1 digits, or t + 2 when u >= 10^(t+1). */
static inline unsigned jx_digit_count(uint64_t u)
{
    if (u < 10)
        return 1;
    if (u < 100)
        return 2;
    unsigned b = 63u - (unsigned)__builtin_clzll(u), t = (b * 1233u) >> 12; /* t <= 18 */
    return t + 1 + (u >= jx_pow10_64[t + 1]);
}

/** Writes u, which is below 10^nd, as nd decimal digits (leading zeros included) into
 * out[0..nd), two at a time from the end; the odd one left first is then u itself. */
static inline void jx_digits_put(char *out, uint64_t u, unsigned nd)
{
    char *p = out + nd;
    while (nd >= 2) {
        uint64_t q = u / 100;
        unsigned r = (unsigned)(u - q * 100);
        p -= 2;
        memcpy(p, jx_digit_pairs + 2 * r, 2);
        u = q;
        nd -= 2;
    }
    if (nd)
        *--p = (char)('0' + u);
}

/** Writes u in decimal at out (room for 20 bytes); returns the end. A number of one or two
 * digits — a weight, the integer part of a score — is one store; one of three or four
 * two, after one division. */
static inline char *jx_uint_put(char *out, uint64_t u)
{
    if (u < 10) {
        *out = (char)('0' + u);
        return out + 1;
    }
    if (u < 100) {
        memcpy(out, jx_digit_pairs + 2 * u, 2);
        return out + 2;
    }
    if (u < 10000) {
        unsigned q = (unsigned)u / 100, r = (unsigned)u - q * 100;
        if (q < 10) {
            *out = (char)('0' + q);
            memcpy(out + 1, jx_digit_pairs + 2 * r, 2);
            return out + 3;
        }
        memcpy(out, jx_digit_pairs + 2 * q, 2);
        memcpy(out + 2, jx_digit_pairs + 2 * r, 2);
        return out + 4;
    }
    unsigned nd = jx_digit_count(u);
    jx_digits_put(out, u, nd);
    return out + nd;
}

/** A buffer large enough for any jx_dec_format / jx_fixed_format / jx_num_put output. */
#define JX_DEC_BUFSZ 48

/**
 * Writes v × 10^-scale (scale 0..18) into out, which has room for
 * JX_DEC_BUFSZ bytes: with exactly `scale` decimals, or without trailing zeros when
 * trim is set ("96.68", "60"). NUL-terminates and returns the length. No printf.
 */
size_t jx_num_put(__int128 v, int scale, bool trim, char *out);

/** jx_num_put the plain way, a digit at a time for magnitudes past 2^64: the same bytes
 *  for every input, what the short path of jx_num_put is checked against. */
size_t jx_num_put_plain(__int128 v, int scale, bool trim, char *out);

/* q and r hundredths, r below 100, at p: "85.10", or trimmed "85.1" ("85" for r = 0), the
 * trailing zero told by the pair itself; returns the end. */
static inline char *jx_hundredths_put(char *p, uint64_t q, unsigned r, bool trim)
{
    p = jx_uint_put(p, q);
    if (trim && jx_digit_pairs[2 * r + 1] == '0') { /* "85.10" → "85.1", "85.00" → "85" */
        if (r == 0)
            return p;
        p[0] = '.';
        p[1] = jx_digit_pairs[2 * r];
        return p + 2;
    }
    *p = '.';
    memcpy(p + 1, jx_digit_pairs + 2 * r, 2);
    return p + 3;
}

/*
 * jx_num_at's digits: the magnitude w with scale decimals, at p, after any '-' jx_num_at
 * wrote; returns the end. Two decimals, the usual (a score, a rate), are split from the
 * integer part by one division and written by jx_hundredths_put; a whole number is
 * jx_uint_put's; 1 or 3 to 18 decimals lose their trailing zeros first, one division
 * each, then are split as two are; more than 18 are jx_num_put_plain's, which writes the
 * same bytes for w (so for -w after jx_num_at's '-', w being above 0 there).
 */
static inline char *jx_num_at_u64(char *p, uint64_t w, int scale, bool trim)
{
    if (scale == 2) {
        if (w < 10000) { /* up to 99.99, a score or a rate: w / 100 by one 32-bit product */
            /* 5243 / 2^19 = 1/100 + 12 / (100 × 2^19): w × 5243 / 2^19 passes w / 100 by less
             * than 10^4 × 12 / 52428800 < 0.003, and w / 100 is at most 0.99 past a whole
             * number, so the floors agree; w × 5243 < 2^32 */
            uint32_t q = (uint32_t)w * 5243u >> 19;
            return jx_hundredths_put(p, q, (uint32_t)w - q * 100, trim);
        }
        uint64_t q = w / 100;
        return jx_hundredths_put(p, q, (unsigned)(w - q * 100), trim);
    }
    if (scale <= 0)
        return jx_uint_put(p, w);
    if (trim && w % 10 == 0) {
        if (w == 0)
            return jx_uint_put(p, 0);
        do {
            w /= 10;
            scale--;
        } while (scale > 0 && w % 10 == 0);
        if (scale == 0)
            return jx_uint_put(p, w);
    }
    if (scale > 18)
        return p + jx_num_put_plain((__int128)w, scale, trim, p);
    uint64_t q = scale == 1 ? w / 10 : w / jx_pow10_64[scale]; /* the integer part */
    p = jx_uint_put(p, q);
    *p++ = '.';
    jx_digits_put(p, w - q * jx_pow10_64[scale], (unsigned)scale); /* leading zeros included: "0.05" */
    return p + scale;
}

/*
 * jx_num_at of a 64-bit coefficient (a jx_dec's, a score's units): a '-' for a negative
 * one, then the digits of its magnitude (jx_num_at_u64), which stays above 0 as its zeros
 * are trimmed, so no "-0" is written.
 */
static inline char *jx_num_at64(char *out, int64_t v, int scale, bool trim)
{
    char *p = out;
    uint64_t w = (uint64_t)v;
    if (v < 0) {
        *p++ = '-';
        w = -w;
    }
    return jx_num_at_u64(p, w, scale, trim);
}

/*
 * jx_num_put's own body, inline, for the writers that put a number straight after
 * another piece (a formula's three or four, a report's scores): it writes at out (room
 * for JX_DEC_BUFSZ bytes) and returns the end, without the NUL. It is kept short for
 * the usual numbers, which fit 64 bits (jx_num_at64; where v was made from a jx_dec the
 * compiler knows it, and the test goes), and for those below 2^64; anything else is
 * jx_num_put_plain's, which gives the same bytes for every input (tests/unit/test_dec.c
 * checks the two against each other over the extremes and every scale).
 */
static inline char *jx_num_at(char *out, __int128 v, int scale, bool trim)
{
    if (v == (int64_t)v)
        return jx_num_at64(out, (int64_t)v, scale, trim);
    if (v > 0 && (unsigned __int128)v <= UINT64_MAX)
        return jx_num_at_u64(out, (uint64_t)v, scale, trim);
    return out + jx_num_put_plain(v, scale, trim, out);
}

#endif
