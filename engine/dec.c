/* SPDX-License-Identifier: MIT */
/* dec.c — parsing, comparing, rounding and printing exact decimals. */
#include "dec.h"

#include <assert.h>

#include <string.h>

/* True when c is an ASCII digit. */
static inline bool is_digit(char c)
{
    return (unsigned char)(c - '0') < 10;
}

/*
 * Reads the digits before the point, then those after it, left to right; a number
 * with too many significant digits or decimals is refused as soon as that is seen,
 * before anything after it is looked at.
 */
jx_dec_status jx_dec_parse(const char *s, size_t n, jx_dec *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        neg = s[i] == '-';
        i++;
    }
    int64_t v = 0;
    int digits = 0, scale = 0; /* significant digits (leading zeros are not), decimals */
    size_t int_start = i;
    for (; i < n && is_digit(s[i]); i++) {
        if ((v != 0 || s[i] != '0') && ++digits > JX_DEC_MAX_DIGITS)
            return JX_DEC_TOO_LONG;
        v = v * 10 + (s[i] - '0');
    }
    size_t int_digits = i - int_start;
    if (i < n && s[i] == '.') {
        size_t frac_start = ++i;
        for (; i < n && is_digit(s[i]); i++) {
            if (++scale > JX_DEC_MAX_SCALE || ++digits > JX_DEC_MAX_DIGITS)
                return JX_DEC_TOO_LONG;
            v = v * 10 + (s[i] - '0');
        }
        if (i == frac_start)
            return JX_DEC_SYNTAX; /* "1." */
    }
    if (i != n || int_digits == 0)
        return JX_DEC_SYNTAX;
    out->v = neg ? -v : v;
    out->scale = scale;
    return JX_DEC_OK;
}

const uint64_t jx_pow10_64[20] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u,
    10000000000u, 100000000000u, 1000000000000u, 10000000000000u, 100000000000000u,
    1000000000000000u, 10000000000000000u, 100000000000000000u, 1000000000000000000u,
    10000000000000000000u,
};

__int128 jx_pow10_128_big(int n)
{
    __int128 p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

/* A claim of 6.38 against a weight of 7, a total against a band of 90: one product in 64
 * bits (jx_cmp64_scaled), else 128. */
int jx_dec_cmp_scaled(jx_dec a, jx_dec b)
{
    int r;
    if (jx_cmp64_scaled(a.v, a.scale, b.v, b.scale, &r))
        return r;
    int s = a.scale > b.scale ? a.scale : b.scale;
    __int128 x = jx_dec_scaled(a, s), y = jx_dec_scaled(b, s);
    return (x > y) - (x < y);
}

int jx_dec_cmp_times(jx_dec a, int64_t ka, jx_dec b, int64_t kb)
{
    assert(ka >= 1 && ka <= 1000000000 && kb >= 1 && kb <= 1000000000);
    /* |v| < 2^63, 10^9 at most from the scale, 10^9 at most from k: below 2^126 */
    int s = a.scale > b.scale ? a.scale : b.scale;
    __int128 x = jx_dec_scaled(a, s) * ka, y = jx_dec_scaled(b, s) * kb;
    return (x > y) - (x < y);
}

__int128 jx_div_round_half_up(__int128 num, __int128 den)
{
    if (num == (int64_t)num && den == (int64_t)den) /* the usual case, in 64-bit arithmetic */
        return jx_div_round_half_up64((int64_t)num, (int64_t)den);
    if (den < 0) {
        num = -num;
        den = -den;
    }
    bool neg = num < 0;
    if (neg)
        num = -num;
    __int128 q = num / den, r = num % den;
    if (2 * r >= den)
        q++;
    return neg ? -q : q;
}

/* a × b from four 64 × 64-bit products. */
jx_u256 jx_u256_mul(unsigned __int128 a, unsigned __int128 b)
{
    uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64), b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
    unsigned __int128 p00 = (unsigned __int128)a0 * b0, p01 = (unsigned __int128)a0 * b1;
    unsigned __int128 p10 = (unsigned __int128)a1 * b0, p11 = (unsigned __int128)a1 * b1;
    unsigned __int128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
    jx_u256 r;
    r.lo = (uint64_t)p00 | (mid << 64);
    r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    return r;
}

int jx_u256_cmp_products(unsigned __int128 a, unsigned __int128 b, unsigned __int128 c, unsigned __int128 d)
{
    return jx_u256_cmp(jx_u256_mul(a, b), jx_u256_mul(c, d));
}

/*
 * Restoring division, one bit of num at a time from the top: r, the remainder so far, is
 * below den, and before the bit at i is brought down it is also at most num's bits above
 * i, below 2^(255 − i), so doubling it never leaves 256 bits; doubled and given the next
 * bit it is below 2 × den, and one subtraction brings it back below den.
 */
bool jx_u256_div_round_half_up(jx_u256 num, jx_u256 den, __int128 *q)
{
    assert(den.hi != 0 || den.lo != 0);
    const unsigned __int128 top = (unsigned __int128)1 << 127;
    unsigned __int128 quo = 0;
    jx_u256 r = {0, 0};
    if (num.hi == 0 && den.hi == 0) { /* the usual case, in 128-bit arithmetic */
        quo = num.lo / den.lo;
        r.lo = num.lo % den.lo;
    } else {
        for (int i = 255; i >= 0; i--) {
            unsigned __int128 bit = i >= 128 ? num.hi >> (i - 128) & 1 : num.lo >> i & 1;
            r.hi = r.hi << 1 | r.lo >> 127;
            r.lo = r.lo << 1 | bit;
            if (jx_u256_cmp(r, den) >= 0) {
                if (i >= 127)
                    return false; /* a quotient bit at 2^127 or above */
                r = jx_u256_sub(r, den);
                quo |= (unsigned __int128)1 << i;
            }
        }
    }
    if (jx_u256_cmp(r, jx_u256_sub(den, r)) >= 0) /* 2r >= den, without doubling r */
        quo++;
    if (quo >= top)
        return false;
    *q = (__int128)quo;
    return true;
}

/* |v| as an unsigned number (|INT128_MIN| included). */
static unsigned __int128 u128_mag(__int128 v)
{
    return v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
}

/* x × 10^k in place, 10^36 a step at most (each below 2^120, so each step's partial
 * products are two 256-bit ones); false when the product passes 256 bits. */
static bool u256_times_pow10(jx_u256 *x, int k)
{
    while (k > 0) {
        int step = k < 36 ? k : 36;
        unsigned __int128 p = (unsigned __int128)jx_pow10_128(step);
        jx_u256 lo = jx_u256_mul(x->lo, p), hi = jx_u256_mul(x->hi, p);
        unsigned __int128 top = lo.hi + hi.lo;
        if (hi.hi != 0 || top < lo.hi)
            return false;
        x->lo = lo.lo;
        x->hi = top;
        k -= step;
    }
    return true;
}

bool jx_muldiv_round_half_up(__int128 a, __int128 b, int shift, __int128 den, __int128 *q)
{
    assert(den != 0 && shift >= -72 && shift <= 72);
    bool neg = ((a < 0) != (b < 0)) != (den < 0);
    jx_u256 n = jx_u256_mul(u128_mag(a), u128_mag(b)), d = {0, u128_mag(den)};
    if (shift >= 0 && !u256_times_pow10(&n, shift))
        return false; /* n >= 2^256 and d < 2^128: the quotient passes 2^128 */
    if (shift < 0 && !u256_times_pow10(&d, -shift)) {
        *q = 0; /* n <= 2^254 (|a|, |b| <= 2^127) and d >= 2^256: below a quarter */
        return true;
    }
    __int128 r;
    if (!jx_u256_div_round_half_up(n, d, &r))
        return false;
    *q = neg ? -r : r;
    return true;
}

const char jx_digit_pairs[200] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                 "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                 "8081828384858687888990919293949596979899";

/* Writes u (below 2^64) × 10^-scale, with exactly `scale` decimals and a '-' when neg:
 * every digit in place, two at a time from the last (divisions by 100, which compile
 * to multiplications), then the integer digits moved one byte left for the point.
 * Returns the length. */
static size_t put_u64(uint64_t u, int scale, bool neg, char *out)
{
    char *p = out;
    if (neg)
        *p++ = '-';
    unsigned nd = jx_digit_count(u);
    if (scale <= 0) {
        jx_digits_put(p, u, nd);
        p += nd;
    } else {
        unsigned s = (unsigned)scale, all = nd > s ? nd : s + 1, nint = all - s;
        jx_digits_put(p + 1, u, all); /* leading zeros included: "0.05" */
        for (unsigned k = 0; k < nint; k++)
            p[k] = p[k + 1];
        p[nint] = '.';
        p += all + 1;
    }
    *p = '\0';
    return (size_t)(p - out);
}

/* put_u64 for a magnitude beyond 64 bits (only extreme inputs reach it). */
static size_t put_u128(unsigned __int128 u, int scale, bool neg, char *out)
{
    char digits[40]; /* 2^128 has 39 digits */
    size_t k = sizeof digits;
    do {
        digits[--k] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u != 0);
    /* nd >= 20 > scale: there are always digits before the point */
    size_t nd = sizeof digits - k, m = 0;
    if (neg)
        out[m++] = '-';
    for (size_t i = 0; i < nd; i++) {
        if (scale > 0 && i == nd - (size_t)scale)
            out[m++] = '.';
        out[m++] = digits[k + i];
    }
    out[m] = '\0';
    return m;
}

size_t jx_num_put_plain(__int128 v, int scale, bool trim, char *out)
{
    unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
    bool neg = v < 0;
    if (u <= UINT64_MAX) { /* the usual case, in 64-bit arithmetic */
        uint64_t w = (uint64_t)u;
        while (trim && scale > 0 && w % 10 == 0) {
            w /= 10;
            scale--;
        }
        return put_u64(w, scale, neg && w != 0, out);
    }
    while (trim && scale > 0 && u % 10 == 0) {
        u /= 10;
        scale--;
    }
    return put_u128(u, scale, neg, out);
}

/* The printer every number goes through: jx_num_at (dec.h), NUL-terminated. */
size_t jx_num_put(__int128 v, int scale, bool trim, char *out)
{
    char *end = jx_num_at(out, v, scale, trim);
    *end = '\0';
    return (size_t)(end - out);
}

/* Copies the NUL-terminated src of length n into buf of size bytes, cut like snprintf. */
static char *copy_out(const char *src, size_t n, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    if (n >= size)
        n = size - 1;
    memcpy(buf, src, n);
    buf[n] = '\0';
    return buf;
}

char *jx_dec_format(jx_dec a, char *buf, size_t size)
{
    char tmp[JX_DEC_BUFSZ];
    return copy_out(tmp, jx_num_put(a.v, a.scale, true, tmp), buf, size);
}

char *jx_fixed_format(int64_t units, int decimals, char *buf, size_t size)
{
    char tmp[JX_DEC_BUFSZ];
    return copy_out(tmp, jx_num_put(units, decimals, false, tmp), buf, size);
}
