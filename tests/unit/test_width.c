/* SPDX-License-Identifier: MIT */
/* test_width.c — UTF-8 decoding (text.h) and display widths: the decoder's own path for
 * 3-byte characters gives what utf8proc gives, for every 3-byte sequence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "width.h"

#include <string.h>
#include <utf8proc.h>

/* What jx_text_utf8_decode must give for s[0..n): utf8proc's reading, an invalid byte alone. */
static size_t reference_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    utf8proc_int32_t out;
    utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)n, &out);
    if (k <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = out;
    return (size_t)k;
}

static void every_three_byte_sequence(void **state)
{
    (void)state;
    /* all leads E0..EF with every second and third byte: valid characters, overlong
     * forms (E0 80..9F), surrogates (ED A0..BF), and sequences cut by a non-continuation */
    unsigned char s[3];
    for (unsigned a = 0xE0; a <= 0xEF; a++)
        for (unsigned b = 0; b <= 0xFF; b++)
            for (unsigned c = 0; c <= 0xFF; c++) {
                s[0] = (unsigned char)a;
                s[1] = (unsigned char)b;
                s[2] = (unsigned char)c;
                for (size_t n = 1; n <= 3; n++) {
                    int32_t want, got;
                    size_t wl = reference_decode(s, n, &want);
                    size_t gl = jx_text_utf8_decode((const char *)s, n, &got);
                    if (wl != gl || want != got)
                        fail_msg("%02X %02X %02X (n=%zu): got %d/%zu, want %d/%zu", a, b, c, n,
                                 got, gl, want, wl);
                }
            }
}

static void widths_of_mixed_text(void **state)
{
    (void)state;
    /* 接入 (2 × 2) + "60" (2) + ＝ (full-width, 2) + é (1) + a tab (1) = 10 */
    assert_int_equal(jx_display_width("接入60＝é\t", strlen("接入60＝é\t")), 10);
    /* an invalid byte counts one cell */
    assert_int_equal(jx_display_width("\xff" "a", 2), 2);
    assert_int_equal(jx_display_width("", 0), 0);
}

/* The width of s[0..n) by the definition: each character decoded as utf8proc reads it,
 * an invalid byte one cell, ASCII printable or a tab one cell, the rest as utf8proc says. */
static size_t reference_width(const unsigned char *s, size_t n)
{
    size_t want = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += reference_decode(s + i, n - i, &cp);
        if (cp < 0)
            want += 1;
        else if (cp < 0x80)
            want += (cp >= 0x20 && cp != 0x7f) || cp == '\t';
        else
            want += utf8proc_charwidth(cp) < 0 ? 1 : (size_t)utf8proc_charwidth(cp);
    }
    return want;
}

/* The width of every 3-byte sequence, on its own and between ASCII letters, is what
 * decoding it and asking utf8proc gives (the CJK ideographs are counted without asking). */
static void every_three_byte_width(void **state)
{
    (void)state;
    unsigned char s[5];
    for (unsigned a = 0xE0; a <= 0xEF; a++)
        for (unsigned b = 0; b <= 0xFF; b++)
            for (unsigned c = 0; c <= 0xFF; c++) {
                s[0] = 'a';
                s[1] = (unsigned char)a;
                s[2] = (unsigned char)b;
                s[3] = (unsigned char)c;
                s[4] = 'z';
                size_t want = 2 + reference_width(s + 1, 3); /* the two letters and the sequence */
                size_t got = jx_display_width((const char *)s, 5);
                if (got != want)
                    fail_msg("a %02X %02X %02X z: width %zu, want %zu", a, b, c, got, want);
            }
}

/* ASCII in runs: every byte below 0x80 at every place of a run of 24 printable bytes,
 * after nothing, a letter or a CJK character, and the run cut at every length. By hand: 24 printable bytes are 24 cells; a control byte or 0x7F in place of one
 * makes 23, a tab keeps 24 (the check below is against the definition for all of them). */
static void ascii_runs(void **state)
{
    (void)state;
    char run[32];
    memset(run, '7', 24);
    assert_int_equal(jx_display_width(run, 24), 24);
    run[9] = 0x7f;
    assert_int_equal(jx_display_width(run, 24), 23);
    run[9] = 0x01;
    assert_int_equal(jx_display_width(run, 24), 23);
    run[9] = '\t';
    assert_int_equal(jx_display_width(run, 24), 24);
    static const char *const before[] = {"", "x", "中"};
    unsigned char s[40];
    for (size_t b = 0; b < 3; b++)
        for (unsigned c = 0; c < 0x80; c++)
            for (size_t at = 0; at < 24; at++) {
                size_t lb = strlen(before[b]);
                memcpy(s, before[b], lb);
                memset(s + lb, '-', 24);
                s[lb + at] = (unsigned char)c;
                for (size_t n = 0; n <= lb + 24; n++) {
                    size_t got = jx_display_width((const char *)s, n), want = reference_width(s, n);
                    if (got != want)
                        fail_msg("before \"%s\", byte %02X at %zu, n %zu: width %zu, want %zu", before[b], c, at,
                                 n, got, want);
                }
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_three_byte_sequence),
        cmocka_unit_test(widths_of_mixed_text),
        cmocka_unit_test(every_three_byte_width),
        cmocka_unit_test(ascii_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
