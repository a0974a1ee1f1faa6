/* dec.c — parsing, comparing, rounding and printing exact decimals. */
#include "dec.h"

#include <string.h>

jx_dec_status jx_dec_parse(const char *s, size_t n, jx_dec *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        neg = s[i] == '-';
        i++;
    }
    int64_t v = 0;
    int digits = 0, scale = 0, int_digits = 0;
    bool seen_point = false, any = false;
    for (; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            any = true;
            if (seen_point) {
                scale++;
                if (scale > JX_DEC_MAX_SCALE)
                    return JX_DEC_TOO_LONG;
            } else {
                int_digits++;
            }
            if (v != 0 || c != '0' || seen_point)
                digits++;
            if (digits > JX_DEC_MAX_DIGITS)
                return JX_DEC_TOO_LONG;
            v = v * 10 + (c - '0');
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            return JX_DEC_SYNTAX;
        }
    }
    if (!any || (seen_point && scale == 0) || int_digits == 0)
        return JX_DEC_SYNTAX;
    out->v = neg ? -v : v;
    out->scale = scale;
    return JX_DEC_OK;
}

jx_dec jx_dec_from_int(int64_t v)
{
    jx_dec d = {v, 0};
    return d;
}

__int128 jx_pow10_128(int n)
{
    __int128 p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

__int128 jx_dec_scaled(jx_dec a, int scale)
{
    return (__int128)a.v * jx_pow10_128(scale - a.scale);
}

int jx_dec_cmp(jx_dec a, jx_dec b)
{
    int s = a.scale > b.scale ? a.scale : b.scale;
    __int128 x = jx_dec_scaled(a, s), y = jx_dec_scaled(b, s);
    return (x > y) - (x < y);
}

bool jx_dec_is_negative(jx_dec a)
{
    return a.v < 0;
}

bool jx_dec_is_zero(jx_dec a)
{
    return a.v == 0;
}

__int128 jx_div_round_half_up(__int128 num, __int128 den)
{
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

/* Writes the decimal digits of u, most significant first, into out; returns how many.
 * Numbers that fit 64 bits (all but the rarest) take the cheaper 64-bit division. */
static size_t put_digits(unsigned __int128 u, char *out)
{
    char tmp[40];
    size_t k = sizeof tmp;
    while (u > UINT64_MAX) {
        tmp[--k] = (char)('0' + (int)(u % 10));
        u /= 10;
    }
    uint64_t v = (uint64_t)u;
    do {
        tmp[--k] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v != 0);
    memcpy(out, tmp + k, sizeof tmp - k);
    return sizeof tmp - k;
}

size_t jx_num_put(__int128 v, int scale, bool trim, char *out)
{
    unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
    if (trim) {
        while (scale > 0 && u % 10 == 0) {
            u /= 10;
            scale--;
        }
    }
    size_t m = 0;
    if (v < 0 && u != 0)
        out[m++] = '-';
    char digits[40];
    size_t n = put_digits(u, digits);
    if ((size_t)scale < n) { /* digits before the point, then after it */
        memcpy(out + m, digits, n - (size_t)scale);
        m += n - (size_t)scale;
    } else {                 /* 0.0…digits */
        out[m++] = '0';
    }
    if (scale > 0) {
        out[m++] = '.';
        for (size_t z = n; z < (size_t)scale; z++)
            out[m++] = '0';
        size_t frac = (size_t)scale < n ? (size_t)scale : n;
        memcpy(out + m, digits + n - frac, frac);
        m += frac;
    }
    out[m] = '\0';
    return m;
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
