/* dec.c — parsing, comparing, rounding and printing exact decimals. */
#include "dec.h"

#include <stdio.h>
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

static char *format_units(__int128 units, int decimals, bool trim, char *buf, size_t size)
{
    char tmp[JX_DEC_BUFSZ];
    size_t k = 0;
    bool neg = units < 0;
    unsigned __int128 u = neg ? (unsigned __int128)(-units) : (unsigned __int128)units;
    int d = 0;
    do {
        tmp[k++] = (char)('0' + (int)(u % 10));
        u /= 10;
        d++;
        if (d == decimals)
            tmp[k++] = '.';
    } while (u != 0 || d <= decimals);
    /* tmp holds the digits reversed, with the point inserted after `decimals` digits */
    char out[JX_DEC_BUFSZ];
    size_t m = 0;
    if (neg)
        out[m++] = '-';
    while (k > 0)
        out[m++] = tmp[--k];
    out[m] = '\0';
    if (trim && decimals > 0) {
        while (m > 0 && out[m - 1] == '0')
            out[--m] = '\0';
        if (m > 0 && out[m - 1] == '.')
            out[--m] = '\0';
    }
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
    snprintf(buf, size, "%s", out);
    return buf;
}

char *jx_dec_format(jx_dec a, char *buf, size_t size)
{
    return format_units(a.v, a.scale, true, buf, size);
}

char *jx_fixed_format(int64_t units, int decimals, char *buf, size_t size)
{
    return format_units(units, decimals, false, buf, size);
}
