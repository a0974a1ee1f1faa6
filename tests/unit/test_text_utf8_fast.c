/* SPDX-License-Identifier: MIT */
/* test_text_utf8_fast.c — jx_text_utf8_scan's fast paths (thirty-two bytes a step with
 * AVX2 and sixteen with SSSE3, text.c; each where the CPU has it) checked against the
 * plain path (jx_text_utf8_scan_plain, a character at a time): the same first bad byte,
 * multibyte count and bad count, and jx_text_utf8_valid's answer, for every kind of
 * sequence, valid and not, at every offset from a block's start and with every length
 * of the text, and for random bytes and random Chinese text with damage put in. The
 * expected values of a few texts are also counted by hand, so that both paths cannot be
 * wrong together. And jx_text_json_plain's path for long texts, which builds on it,
 * against the definition. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The widths of the fast path: each step jx_text_utf8_scan_step takes, then what
 * jx_text_utf8_scan picks. */
static const unsigned steps[] = {16, 32, 0};
#define NSTEPS (sizeof steps / sizeof steps[0])

/* The scan of s[0..n) at steps[k] (the default for the last). */
static jx_text_scan scan_at(size_t k, const char *s, size_t n)
{
    return steps[k] ? jx_text_utf8_scan_step(s, n, steps[k]) : jx_text_utf8_scan(s, n);
}

/* Each fast path's answer on s[0..n) equals the plain path's. */
static void same(const char *s, size_t n)
{
    jx_text_scan p = jx_text_utf8_scan_plain(s, n);
    for (size_t k = 0; k < NSTEPS; k++) {
        jx_text_scan f = scan_at(k, s, n);
        if (f.first_bad != p.first_bad || f.multibyte != p.multibyte || f.bad != p.bad) {
            char hex[3 * 96 + 1] = "";
            for (size_t i = 0; i < n && i < 96; i++)
                snprintf(hex + 3 * i, 4, "%02x ", (unsigned char)s[i]);
            fail_msg("n %zu, step %u: fast (%zu, %zu, %zu), plain (%zu, %zu, %zu): %s", n, steps[k], f.first_bad,
                     f.multibyte, f.bad, p.first_bad, p.multibyte, p.bad, hex);
        }
        bool valid = steps[k] ? jx_text_utf8_valid_step(s, n, steps[k]) : jx_text_utf8_valid(s, n);
        if (valid != (p.bad == 0))
            fail_msg("n %zu, step %u: valid %d, plain %zu bad bytes (first at %zu)", n, steps[k], valid, p.bad,
                     p.first_bad);
    }
}

/* Sequences of every kind: valid ones of each length and at the edges of the ranges, and
 * each way a sequence can be wrong. */
static const char *const pieces[] = {
    "a", "\x7f", "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xe4\xb8\xad" /* 中 */, "\xef\xbf\xbd",
    "\xed\x9f\xbf" /* U+D7FF */, "\xee\x80\x80", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf" /* U+10FFFF */,
    "\xe3\x80\x80" /* U+3000 */,
    /* invalid */
    "\x80", "\xbf", "\xc0\x80" /* overlong */, "\xc1\xbf", "\xc2", "\xc2\x41", "\xe0\x80\x80" /* overlong */,
    "\xe0\x9f\xbf", "\xed\xa0\x80" /* surrogate */, "\xed\xbf\xbf", "\xe4\xb8", "\xe4", "\xe4\x41\x80",
    "\xf0\x80\x80\x80" /* overlong */, "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80" /* past U+10FFFF */, "\xf5\x80\x80\x80",
    "\xf8\x88\x80\x80\x80", "\xff", "\xfe", "\xf0\x90\x80", "\xc2\x80\x80",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

/* A few texts counted by hand, at steps[k]. */
static void by_hand(size_t k)
{
    /* 70 bytes: 60 ASCII, then 中 (3 bytes), 文 (3 bytes) and an invalid 0xFF, then three ASCII */
    char t[128];
    memset(t, 'a', 60);
    memcpy(t + 60, "\xe4\xb8\xad\xe6\x96\x87\xff" "bcd", 10);
    jx_text_scan r = scan_at(k, t, 70);
    assert_int_equal(r.first_bad, 66);
    assert_int_equal(r.multibyte, 2);
    assert_int_equal(r.bad, 1);
    /* the same without the 0xFF: valid, first_bad is n */
    t[66] = 'x';
    r = scan_at(k, t, 70);
    assert_int_equal(r.first_bad, 70);
    assert_int_equal(r.multibyte, 2);
    assert_int_equal(r.bad, 0);
    /* 中 cut by the end of the 64-byte block and of the text: 64 bytes, the last two 0xE4 0xB8 */
    memset(t, 'a', 62);
    memcpy(t + 62, "\xe4\xb8", 2);
    r = scan_at(k, t, 64);
    assert_int_equal(r.first_bad, 62);
    assert_int_equal(r.multibyte, 0);
    assert_int_equal(r.bad, 2);
    /* 32 × 中 (96 bytes): 32 sequences, none bad */
    for (int i = 0; i < 32; i++)
        memcpy(t + 3 * i, "\xe4\xb8\xad", 3);
    r = scan_at(k, t, 96);
    assert_int_equal(r.first_bad, 96);
    assert_int_equal(r.multibyte, 32);
    assert_int_equal(r.bad, 0);
    /* 3,000 × U+20000 𠀀 (F0 A0 80 80, 12,000 bytes): 3,000 sequences. Four bytes a
     * character, so a lead falls on the same byte lanes at every step: 375 steps of 32
     * bytes or 750 of 16, past the 255 leads a lane counts before it is summed */
    static char lots[12000];
    for (int i = 0; i < 3000; i++)
        memcpy(lots + 4 * i, "\xf0\xa0\x80\x80", 4);
    r = scan_at(k, lots, sizeof lots);
    assert_int_equal(r.first_bad, 12000);
    assert_int_equal(r.multibyte, 3000);
    assert_int_equal(r.bad, 0);
}

static void test_by_hand(void **state)
{
    (void)state;
    for (size_t k = 0; k < NSTEPS; k++)
        by_hand(k);
}

/* Every piece, and every pair of pieces, at every offset from 40 to 71 (across the middle
 * of a 32-byte block, where a 16-byte one ends, and the end of a 64-byte one), with text
 * around it, and the text cut at every length from 64 on. The text before is Chinese, so
 * no block is skipped as ASCII, or ASCII, so that a clash across the middle of a 32-byte
 * block is the block's only one (taking the wrong bytes as the ones before it would then
 * miss it, where among Chinese it makes other clashes and the plain path answers). */
static void test_every_piece_at_every_offset(void **state)
{
    (void)state;
    char t[256];
    for (int chinese = 0; chinese < 2; chinese++) {
        for (size_t a = 0; a < NPIECES; a++) {
            for (size_t b = 0; b < NPIECES; b++) {
                for (size_t off = 40; off < 72; off++) {
                    if (chinese) {
                        for (size_t i = 0; i + 3 <= off; i += 3)
                            memcpy(t + i, "\xe4\xb8\xad", 3);
                        memset(t + off - off % 3, 'x', off % 3);
                    } else {
                        memset(t, 'x', off);
                    }
                    size_t n = off, la = strlen(pieces[a]), lb = strlen(pieces[b]);
                    memcpy(t + n, pieces[a], la);
                    n += la;
                    memcpy(t + n, pieces[b], lb);
                    n += lb;
                    memset(t + n, 'z', 100);
                    for (size_t len = 64; len <= n + 20; len++)
                        same(t, len);
                }
            }
        }
    }
}

/* splitmix64, for reproducible random texts */
static uint64_t next(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void test_random(void **state)
{
    (void)state;
    uint64_t seed = 20261206;
    char t[1024];
    for (int round = 0; round < 20000; round++) {
        size_t n = 64 + next(&seed) % 900;
        int kind = (int)(next(&seed) % 3);
        size_t i = 0;
        while (i < n) {
            if (kind == 0) { /* random bytes */
                t[i++] = (char)next(&seed);
                continue;
            }
            /* valid pieces, and with kind 2 now and then an invalid one or a byte changed */
            size_t k = next(&seed) % (kind == 1 ? 12 : NPIECES);
            size_t l = strlen(pieces[k]);
            if (i + l > n)
                break;
            memcpy(t + i, pieces[k], l);
            i += l;
        }
        n = i;
        if (kind == 2 && n > 0 && next(&seed) % 2)
            t[next(&seed) % n] = (char)next(&seed);
        if (n >= 1)
            same(t, n);
    }
}

/* Where a JSON string must stop copying, by the definition: the first byte below 0x20,
 * '"' or '\\', or the first byte that starts no valid UTF-8 sequence. */
static size_t json_plain_by_definition(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\')
            return i;
        size_t k = jx_text_utf8_len(s + i, n - i);
        if (k == 0)
            return i;
        i += k;
    }
    return n;
}

/* jx_text_json_plain against the definition, on texts of every length to 300: its paths
 * for texts of 16 to 63 bytes and of 64 and more, each tested whole first (with AVX2; the
 * long ones thirty-two bytes a step, the escapes and the UTF-8 together), then, when not
 * all plain, an escape search sixteen bytes a step and the UTF-8 check; for ASCII texts
 * of 8 to 32 bytes (tested a word at a time), and a character at a time. */
static void test_json_plain(void **state)
{
    (void)state;
    static const char *const bits[] = {"a", " ", "中", "（", "\"", "\\", "\n", "\t", "\x1f", "\x7f",
                                       "\xff", "\xe4\xb8", "\xc2\x80", "\xf0\x90\x80\x80", "9"};
    uint64_t seed = 7;
    char t[512];
    for (int round = 0; round < 20000; round++) {
        size_t n = 0, want = next(&seed) % 300;
        /* mostly plain text, with the odd byte that stops it somewhere */
        int rare = (int)(next(&seed) % 4);
        while (n < want) {
            size_t k = next(&seed) % 100 < 97 || !rare ? next(&seed) % 4 : next(&seed) % (sizeof bits / sizeof bits[0]);
            size_t l = strlen(bits[k]);
            if (n + l > sizeof t)
                break;
            memcpy(t + n, bits[k], l);
            n += l;
        }
        size_t got = jx_text_json_plain(t, n), exp = json_plain_by_definition(t, n);
        if (got != exp)
            fail_msg("json plain: n %zu, got %zu, want %zu", n, got, exp);
    }
    /* texts of 8 to 130 bytes, which are tested whole (a word at a time when ASCII and
     * at most 32 bytes; with AVX2 below 64 bytes and from 64 on): each bit at each place,
     * among ASCII and among Chinese, the text cut at every length after it (a sequence
     * cut by the end among them, the last 32 bytes read again across the ones before) */
    enum { WHOLE_MAX = 130 };
    for (int chinese = 0; chinese < 2; chinese++) {
        for (size_t k = 0; k < sizeof bits / sizeof bits[0]; k++) {
            size_t l = strlen(bits[k]);
            for (size_t off = 0; off + l <= WHOLE_MAX; off++) {
                for (size_t i = 0; i <= WHOLE_MAX; i++)
                    t[i] = chinese ? "\xe4\xb8\xad"[i % 3] : 'x';
                memcpy(t + off, bits[k], l);
                for (size_t n = off + 1 > 8 ? off + 1 : 8; n <= WHOLE_MAX; n++) {
                    size_t got = jx_text_json_plain(t, n), exp = json_plain_by_definition(t, n);
                    if (got != exp)
                        fail_msg("json plain: bit %zu at %zu, n %zu, got %zu, want %zu", k, off, n, got, exp);
                }
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_hand),
        cmocka_unit_test(test_every_piece_at_every_offset),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_json_plain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
