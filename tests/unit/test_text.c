/* SPDX-License-Identifier: MIT */
/* test_text.c — the shared text rules of text.h: the blank set character by character
 * for each kind of caller, UTF-8 (valid, invalid, overlong, surrogate, cut short),
 * decoding, encoding, counting, scanning and mending, and JSON and HTML escaping of
 * every byte that needs it. Every expected value is worked out by hand in the literals;
 * invalid bytes are written as escapes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "text.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------------ blanks */

/* One character and the bytes of the blank it is for each kind: every blank, no line
 * break, the rule language's. The byte after it in the tests is 'x' (so a lone CR). */
typedef struct blank_case {
    const char *name;
    const char *s;
    size_t all, no_break, dsl;
} blank_case;

static const blank_case blank_cases[] = {
    /* the ASCII blanks */
    {"space", " ", 1, 1, 1},
    {"tab", "\t", 1, 1, 1},
    {"LF", "\n", 1, 0, 0},
    {"CR (lone)", "\r", 1, 1, 1},
    {"VT", "\v", 1, 1, 0},
    {"FF", "\f", 1, 1, 0},
    /* the Unicode spaces NFKC makes U+0020 */
    {"U+00A0 no-break space", "\xC2\xA0", 2, 2, 0},
    {"U+2000 en quad", "\xE2\x80\x80", 3, 3, 0},
    {"U+2001 em quad", "\xE2\x80\x81", 3, 3, 0},
    {"U+2002 en space", "\xE2\x80\x82", 3, 3, 0},
    {"U+2003 em space", "\xE2\x80\x83", 3, 3, 0},
    {"U+2004 three-per-em space", "\xE2\x80\x84", 3, 3, 0},
    {"U+2005 four-per-em space", "\xE2\x80\x85", 3, 3, 0},
    {"U+2006 six-per-em space", "\xE2\x80\x86", 3, 3, 0},
    {"U+2007 figure space", "\xE2\x80\x87", 3, 3, 0},
    {"U+2008 punctuation space", "\xE2\x80\x88", 3, 3, 0},
    {"U+2009 thin space", "\xE2\x80\x89", 3, 3, 0},
    {"U+200A hair space", "\xE2\x80\x8A", 3, 3, 0},
    {"U+202F narrow no-break space", "\xE2\x80\xAF", 3, 3, 0},
    {"U+205F medium mathematical space", "\xE2\x81\x9F", 3, 3, 0},
    {"U+3000 ideographic space", "\xE3\x80\x80", 3, 3, 3},
    /* neighbours that are no blanks */
    {"NUL", "\0", 0, 0, 0},
    {"x", "x", 0, 0, 0},
    {"U+001C file separator", "\x1C", 0, 0, 0},
    {"U+0085 next line", "\xC2\x85", 0, 0, 0},
    {"U+00A1 inverted exclamation", "\xC2\xA1", 0, 0, 0},
    {"U+1680 ogham space mark", "\xE1\x9A\x80", 0, 0, 0},
    {"U+200B zero width space", "\xE2\x80\x8B", 0, 0, 0},
    {"U+2028 line separator", "\xE2\x80\xA8", 0, 0, 0},
    {"U+2029 paragraph separator", "\xE2\x80\xA9", 0, 0, 0},
    {"U+2060 word joiner", "\xE2\x81\xA0", 0, 0, 0},
    {"U+3001 ideographic comma", "\xE3\x80\x81", 0, 0, 0},
    {"U+FEFF byte order mark", "\xEF\xBB\xBF", 0, 0, 0},
    {"U+4E00 一", "\xE4\xB8\x80", 0, 0, 0},
};

static void blank_set_character_by_character(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof blank_cases / sizeof blank_cases[0]; i++) {
        const blank_case *c = &blank_cases[i];
        size_t len = c->s[0] ? strlen(c->s) : 1;
        char buf[8];
        memcpy(buf, c->s, len);
        buf[len] = 'x';
        size_t got[3] = {jx_text_blank_at(buf, len + 1, JX_TEXT_BLANKS),
                         jx_text_blank_at(buf, len + 1, JX_TEXT_NO_BREAK),
                         jx_text_blank_at(buf, len + 1, JX_TEXT_DSL)};
        if (got[0] != c->all || got[1] != c->no_break || got[2] != c->dsl)
            fail_msg("%s: %zu/%zu/%zu, want %zu/%zu/%zu", c->name, got[0], got[1], got[2], c->all,
                     c->no_break, c->dsl);
        /* at the end of a text, the same */
        if (jx_text_blank_before(buf, len, JX_TEXT_BLANKS) != c->all)
            fail_msg("%s: blank_before %zu", c->name, jx_text_blank_before(buf, len, JX_TEXT_BLANKS));
        /* cut short, a character of several bytes is no blank */
        for (size_t k = 1; k < len; k++)
            if (jx_text_blank_at(buf, k, JX_TEXT_BLANKS) != 0)
                fail_msg("%s cut to %zu bytes is a blank", c->name, k);
    }
    /* of the ASCII bytes, exactly these six are blanks */
    for (unsigned b = 0; b < 0x80; b++) {
        char s[2] = {(char)b, 'x'};
        size_t want = b == ' ' || b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r';
        assert_int_equal(jx_text_blank_at(s, 2, JX_TEXT_BLANKS), want);
    }
    /* no byte >= 0x80 is a blank of one byte */
    for (unsigned b = 0x80; b <= 0xFF; b++) {
        char s[1] = {(char)b};
        assert_int_equal(jx_text_blank_at(s, 1, JX_TEXT_BLANKS), 0);
    }
    assert_int_equal(jx_text_blank_at("", 0, JX_TEXT_BLANKS), 0);
}

static void line_breaks_by_kind(void **state)
{
    (void)state;
    /* CR before LF is part of a line break: no blank where lines matter */
    assert_int_equal(jx_text_blank_at("\r\n", 2, JX_TEXT_BLANKS), 1);
    assert_int_equal(jx_text_blank_at("\r\n", 2, JX_TEXT_NO_BREAK), 0);
    assert_int_equal(jx_text_blank_at("\r\n", 2, JX_TEXT_DSL), 0);
    /* a CR at the end of the text has no LF after it: a lone CR */
    assert_int_equal(jx_text_blank_at("\r", 1, JX_TEXT_DSL), 1);
    assert_int_equal(jx_text_blank_before("a\r", 2, JX_TEXT_NO_BREAK), 1);
    assert_int_equal(jx_text_blank_before("a\n", 2, JX_TEXT_NO_BREAK), 0);
    assert_int_equal(jx_text_blank_before("a\n", 2, JX_TEXT_BLANKS), 1);
}

static void blank_before_reads_whole_characters(void **state)
{
    (void)state;
    assert_int_equal(jx_text_blank_before("", 0, JX_TEXT_BLANKS), 0);
    assert_int_equal(jx_text_blank_before("a", 1, JX_TEXT_BLANKS), 0);
    /* 一 is E4 B8 80 and 丠 is E4 B8 A0: they end as U+3000 and U+00A0 do, but are none */
    assert_int_equal(jx_text_blank_before("\xE4\xB8\x80", 3, JX_TEXT_BLANKS), 0);
    assert_int_equal(jx_text_blank_before("\xE4\xB8\xA0", 3, JX_TEXT_BLANKS), 0);
    /* A0 alone (no C2 before it) is no blank */
    assert_int_equal(jx_text_blank_before("x\xA0", 2, JX_TEXT_BLANKS), 0);
    assert_int_equal(jx_text_blank_before("x\xC2\xA0", 3, JX_TEXT_BLANKS), 2);
    assert_int_equal(jx_text_blank_before("x\xC2\xA0", 3, JX_TEXT_DSL), 0);
    assert_int_equal(jx_text_blank_before("x\xE3\x80\x80", 4, JX_TEXT_DSL), 3);
}

/* The definition jx_text_blank_before's first test stands in front of: the blank of w
 * bytes, for w = 1 to 3, that ends s. */
static size_t blank_before_plain(const char *s, size_t n, unsigned how)
{
    for (size_t w = 1; w <= 3 && w <= n; w++)
        if (jx_text_blank_at(s + n - w, w, how) == w)
            return w;
    return 0;
}

/* The fast answer for the usual last byte agrees with the definition on every ending of
 * up to four bytes drawn from the bytes that matter: the blanks' bytes, their neighbours,
 * ASCII, continuation bytes, the leads of CJK and other characters, and bytes never in UTF-8. */
static void blank_before_fast_as_plain(void **state)
{
    (void)state;
    static const unsigned char bytes[] = {0x00, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1F, 0x20, 0x21, 0x41, 0x7F,
                                          0x80, 0x81, 0x8A, 0x8B, 0x9F, 0xA0, 0xAF, 0xB8, 0xBF, 0xC0, 0xC2,
                                          0xC3, 0xE1, 0xE2, 0xE3, 0xE4, 0xE9, 0xEF, 0xF0, 0xFF};
    static const unsigned hows[] = {JX_TEXT_BLANKS, JX_TEXT_NO_BREAK, JX_TEXT_DSL};
    const size_t nb = sizeof bytes;
    size_t checked = 0;
    char s[4];
    for (size_t a = 0; a < nb; a++)
        for (size_t b = 0; b < nb; b++)
            for (size_t c = 0; c < nb; c++)
                for (size_t d = 0; d < nb; d++) {
                    s[0] = (char)bytes[a];
                    s[1] = (char)bytes[b];
                    s[2] = (char)bytes[c];
                    s[3] = (char)bytes[d];
                    for (size_t n = 0; n <= 4; n++)
                        for (size_t h = 0; h < 3; h++) {
                            size_t got = jx_text_blank_before(s, n, hows[h]);
                            if (got != blank_before_plain(s, n, hows[h]))
                                fail_msg("%02X %02X %02X %02X, n %zu, how %u: %zu, not %zu", bytes[a], bytes[b],
                                         bytes[c], bytes[d], n, hows[h], got, blank_before_plain(s, n, hows[h]));
                            checked++;
                        }
                }
    assert_int_equal(checked, 31u * 31u * 31u * 31u * 5u * 3u);
}

/* jx_text_unblanked_ends, by hand: 指标 (E6 8C 87 E6 A0 87) starts above E3 and ends in a
 * continuation byte other than A0 three bytes after E6: surely no blank at either end.
 * Each other is left to the definition: a space first; U+3000 last (E3 80 80: the third
 * byte from the end is E3); NBSP last (its A0); ASCII last; two bytes only. */
static void unblanked_ends_by_hand(void **state)
{
    (void)state;
    assert_true(jx_text_unblanked_ends("指标", strlen("指标")));
    assert_true(jx_text_unblanked_ends("一", strlen("一"))); /* E4 B8 80 */
    assert_false(jx_text_unblanked_ends(" 指标", strlen(" 指标")));
    assert_false(jx_text_unblanked_ends("指标\xE3\x80\x80", strlen("指标") + 3));
    assert_false(jx_text_unblanked_ends("指标\xC2\xA0", strlen("指标") + 2));
    assert_false(jx_text_unblanked_ends("指标a", strlen("指标") + 1));
    assert_false(jx_text_unblanked_ends("\xE6\x8C", 2));
    assert_false(jx_text_unblanked_ends("", 0));
}

/* Wherever jx_text_unblanked_ends says so, no blank of any kind starts or ends the text, by
 * the definition: every text of up to five bytes drawn from the bytes that matter. */
static void unblanked_ends_as_plain(void **state)
{
    (void)state;
    static const unsigned char bytes[] = {0x09, 0x20, 0x41, 0x80, 0x8A, 0xA0, 0xBF,
                                          0xC2, 0xE2, 0xE3, 0xE4, 0xE9, 0xEF, 0xFF};
    const size_t nb = sizeof bytes;
    size_t said = 0;
    char s[5];
    for (size_t k = 0; k < nb * nb * nb * nb * nb; k++) {
        size_t r = k;
        for (size_t i = 0; i < 5; i++, r /= nb)
            s[i] = (char)bytes[r % nb];
        for (size_t n = 0; n <= 5; n++) {
            if (!jx_text_unblanked_ends(s, n))
                continue;
            said++;
            if (jx_text_blank_at(s, n, JX_TEXT_BLANKS) != 0 || blank_before_plain(s, n, JX_TEXT_BLANKS) != 0)
                fail_msg("%02X %02X %02X %02X %02X, n %zu: a blank at an end", (unsigned char)s[0],
                         (unsigned char)s[1], (unsigned char)s[2], (unsigned char)s[3], (unsigned char)s[4], n);
        }
    }
    assert_true(said > 0);
}

static void runs_trims_and_all_blank(void **state)
{
    (void)state;
    /* space (1) + U+3000 (3) + NBSP (2) + tab (1) = 7 bytes, then "甲" */
    static const char a[] = " \xE3\x80\x80\xC2\xA0\t甲";
    assert_int_equal(jx_text_blank_run(a, strlen(a), JX_TEXT_BLANKS), 7);
    /* the rule language stops at the NBSP: space + U+3000 = 4 */
    assert_int_equal(jx_text_blank_run(a, strlen(a), JX_TEXT_DSL), 4);
    assert_int_equal(jx_text_blank_run("", 0, JX_TEXT_BLANKS), 0);

    /* "\t\u3000 项目 甲\u2002\n": the inner space stays */
    static const char b[] = "\t\xE3\x80\x80 项目 甲\xE2\x80\x82\n";
    jx_text_span t = jx_text_trim(b, strlen(b), JX_TEXT_BLANKS);
    assert_int_equal(t.n, strlen("项目 甲"));
    assert_memory_equal(t.s, "项目 甲", t.n);
    assert_ptr_equal(t.s, b + 5);
    /* without line breaks the LF stays, and with it the en space before it */
    t = jx_text_trim(b, strlen(b), JX_TEXT_NO_BREAK);
    assert_int_equal(t.n, strlen("项目 甲\xE2\x80\x82\n"));
    /* the rule language's: the en space is a character, the LF stays */
    t = jx_text_trim("\xE2\x80\x82" "a ", 5, JX_TEXT_DSL);
    assert_int_equal(t.n, 4);
    /* all blanks: nothing left, pointing at the end */
    t = jx_text_trim(" \xC2\xA0\r\n", 5, JX_TEXT_BLANKS);
    assert_int_equal(t.n, 0);
    t = jx_text_trim("", 0, JX_TEXT_BLANKS);
    assert_int_equal(t.n, 0);

    assert_true(jx_text_is_blank("", 0, JX_TEXT_BLANKS));
    assert_true(jx_text_is_blank(" \t\r\n\v\f\xC2\xA0\xE3\x80\x80\xE2\x80\xAF", 14, JX_TEXT_BLANKS));
    assert_false(jx_text_is_blank(" \t\r\n", 4, JX_TEXT_NO_BREAK));
    assert_true(jx_text_is_blank(" \t\r", 3, JX_TEXT_NO_BREAK));
    assert_false(jx_text_is_blank(" x ", 3, JX_TEXT_BLANKS));
    /* a U+3000 cut short at the end is no blank */
    assert_false(jx_text_is_blank(" \xE3\x80", 3, JX_TEXT_BLANKS));
}

static void spaces_skipped_fast(void **state)
{
    (void)state;
    char s[64];
    memset(s, ' ', sizeof s);
    s[37] = '\t';
    s[50] = 'x';
    /* 37 spaces, a tab, 12 spaces, then x at 50 */
    assert_int_equal(jx_text_skip_spaces(s, 0, sizeof s), 50);
    assert_int_equal(jx_text_skip_spaces(s, 51, sizeof s), 64);
    assert_int_equal(jx_text_skip_spaces(s, 50, sizeof s), 50);
    assert_int_equal(jx_text_skip_spaces(s, 0, 20), 20);
    /* only ASCII: U+3000 stops it */
    assert_int_equal(jx_text_skip_spaces("  \xE3\x80\x80", 0, 5), 2);
}

/* ------------------------------------------------------------------- UTF-8 */

/* A byte sequence and the length of the valid sequence it starts with (0: invalid). */
typedef struct utf8_case {
    const char *name;
    const char *s;
    size_t n;
    size_t len;
    int32_t cp; /* the code point, -1 when invalid */
} utf8_case;

static const utf8_case utf8_cases[] = {
    {"A", "A", 1, 1, 0x41},
    {"NUL", "\0", 1, 1, 0},
    {"DEL", "\x7F", 1, 1, 0x7F},
    {"U+0080, the smallest of two bytes", "\xC2\x80", 2, 2, 0x80},
    {"é U+00E9", "\xC3\xA9", 2, 2, 0xE9},
    {"U+07FF, the largest of two bytes", "\xDF\xBF", 2, 2, 0x7FF},
    {"U+0800, the smallest of three bytes", "\xE0\xA0\x80", 3, 3, 0x800},
    {"一 U+4E00", "\xE4\xB8\x80", 3, 3, 0x4E00},
    {"中 U+4E2D", "\xE4\xB8\xAD", 3, 3, 0x4E2D},
    {"U+D7FF, before the surrogates", "\xED\x9F\xBF", 3, 3, 0xD7FF},
    {"U+E000, after the surrogates", "\xEE\x80\x80", 3, 3, 0xE000},
    {"＝ U+FF1D", "\xEF\xBC\x9D", 3, 3, 0xFF1D},
    {"U+FFFF", "\xEF\xBF\xBF", 3, 3, 0xFFFF},
    {"U+10000, the smallest of four bytes", "\xF0\x90\x80\x80", 4, 4, 0x10000},
    {"😀 U+1F600", "\xF0\x9F\x98\x80", 4, 4, 0x1F600},
    {"U+10FFFF, the largest", "\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF},
    /* stray continuation bytes and bytes that start nothing */
    {"stray 80", "\x80", 1, 0, -1},
    {"stray BF", "\xBF", 1, 0, -1},
    {"C0 80 (overlong NUL)", "\xC0\x80", 2, 0, -1},
    {"C1 BF (overlong U+007F)", "\xC1\xBF", 2, 0, -1},
    {"F5 80 80 80 (past U+10FFFF)", "\xF5\x80\x80\x80", 4, 0, -1},
    {"FE", "\xFE", 1, 0, -1},
    {"FF", "\xFF", 1, 0, -1},
    /* overlong three- and four-byte forms */
    {"E0 80 80 (overlong NUL)", "\xE0\x80\x80", 3, 0, -1},
    {"E0 9F BF (overlong U+07FF)", "\xE0\x9F\xBF", 3, 0, -1},
    {"F0 80 80 80 (overlong NUL)", "\xF0\x80\x80\x80", 4, 0, -1},
    {"F0 8F BF BF (overlong U+FFFF)", "\xF0\x8F\xBF\xBF", 4, 0, -1},
    /* surrogates and beyond U+10FFFF */
    {"ED A0 80 (U+D800)", "\xED\xA0\x80", 3, 0, -1},
    {"ED BF BF (U+DFFF)", "\xED\xBF\xBF", 3, 0, -1},
    {"F4 90 80 80 (U+110000)", "\xF4\x90\x80\x80", 4, 0, -1},
    /* cut short by the end */
    {"C3 alone", "\xC3", 1, 0, -1},
    {"E4 B8 at the end", "\xE4\xB8", 2, 0, -1},
    {"F0 9F 98 at the end", "\xF0\x9F\x98", 3, 0, -1},
    /* broken by a byte that does not continue */
    {"C3 41", "\xC3\x41", 2, 0, -1},
    {"E4 41 41", "\xE4\x41\x41", 3, 0, -1},
    {"E4 B8 41", "\xE4\xB8\x41", 3, 0, -1},
    {"F0 9F 98 41", "\xF0\x9F\x98\x41", 4, 0, -1},
    {"E4 B8 E4 (a lead where the third byte belongs)", "\xE4\xB8\xE4", 3, 0, -1},
};

static void utf8_lengths_and_code_points(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof utf8_cases / sizeof utf8_cases[0]; i++) {
        const utf8_case *c = &utf8_cases[i];
        size_t len = jx_text_utf8_len(c->s, c->n);
        if (len != c->len)
            fail_msg("%s: length %zu, want %zu", c->name, len, c->len);
        int32_t cp;
        size_t used = jx_text_utf8_decode(c->s, c->n, &cp);
        if (cp != c->cp || used != (c->len ? c->len : 1))
            fail_msg("%s: decoded %d in %zu bytes, want %d", c->name, cp, used, c->cp);
    }
    int32_t cp = 0;
    assert_int_equal(jx_text_utf8_decode("", 0, &cp), 0);
    assert_int_equal(cp, -1);
}

/* Every sequence led by C0..DF, and every four-byte lead with every second byte (then
 * 80 80, or a byte that does not continue), read as utf8proc reads it: the same length
 * and code point, or invalid for both (a reference from outside, besides the cases above;
 * test_width.c does the same for every three-byte sequence). */
static void utf8_agrees_with_utf8proc(void **state)
{
    (void)state;
    unsigned char s[4];
    for (unsigned a = 0x80; a <= 0xFF; a++)
        for (unsigned b = 0; b <= 0xFF; b++) {
            static const unsigned char tails[][2] = {{0x80, 0x80}, {0xBF, 0xBF}, {0x80, 0x41}};
            for (size_t t = 0; t < 3; t++) {
                s[0] = (unsigned char)a;
                s[1] = (unsigned char)b;
                s[2] = tails[t][0];
                s[3] = tails[t][1];
                size_t n = a >= 0xF0 ? 4 : a >= 0xE0 ? 3 : 2;
                utf8proc_int32_t want;
                utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)n, &want);
                int32_t got;
                size_t used = jx_text_utf8_decode((const char *)s, n, &got);
                size_t len = jx_text_utf8_len((const char *)s, n);
                if (k > 0 ? (got != want || used != (size_t)k || len != (size_t)k) : (got != -1 || used != 1 || len != 0))
                    fail_msg("%02X %02X %02X %02X: %d in %zu, utf8proc %d in %zd", a, b, s[2], s[3], got, used,
                             want, k);
            }
        }
}

static void utf8_written(void **state)
{
    (void)state;
    static const struct {
        uint32_t cp;
        const char *want;
    } cases[] = {
        {0x41, "A"},
        {0x7F, "\x7F"},
        {0x80, "\xC2\x80"},
        {0xE9, "\xC3\xA9"},
        {0x7FF, "\xDF\xBF"},
        {0x800, "\xE0\xA0\x80"},
        {0x4E2D, "\xE4\xB8\xAD"},
        {0x2026, "\xE2\x80\xA6"},
        {0xFFFD, "\xEF\xBF\xBD"},
        {0xFFFF, "\xEF\xBF\xBF"},
        {0x10000, "\xF0\x90\x80\x80"},
        {0x1F600, "\xF0\x9F\x98\x80"},
        {0x10FFFF, "\xF4\x8F\xBF\xBF"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[4];
        size_t n = jx_text_utf8_put(out, cases[i].cp);
        if (n != strlen(cases[i].want) || memcmp(out, cases[i].want, n) != 0)
            fail_msg("U+%04X written wrong (%zu bytes)", (unsigned)cases[i].cp, n);
    }
    char nul[1] = {'x'};
    assert_int_equal(jx_text_utf8_put(nul, 0), 1);
    assert_int_equal(nul[0], '\0');
}

static void utf8_characters_counted(void **state)
{
    (void)state;
    assert_int_equal(jx_text_utf8_count("", 0), 0);
    /* a, 中, 😀 */
    assert_int_equal(jx_text_utf8_count("a中😀", strlen("a中😀")), 3);
    /* E4 B8 cut by 'A': two invalid bytes and the A */
    assert_int_equal(jx_text_utf8_count("\xE4\xB8" "A", 3), 3);
    /* an overlong NUL is two invalid bytes, a surrogate three */
    assert_int_equal(jx_text_utf8_count("\xC0\x80", 2), 2);
    assert_int_equal(jx_text_utf8_count("\xED\xA0\x80", 3), 3);
    /* twenty ASCII letters (eight a step), 中, five more */
    static const char long_ascii[] = "abcdefghijklmnopqrst中uvwxy";
    assert_int_equal(jx_text_utf8_count(long_ascii, strlen(long_ascii)), 26);
}

static void utf8_scanned(void **state)
{
    (void)state;
    /* a (1), 项 (E9 A1 B9: 3 bytes), FF and 80 (invalid, at offsets 4 and 5), z */
    jx_text_scan sc = jx_text_utf8_scan("a\xE9\xA1\xB9\xFF\x80z", 7);
    assert_int_equal(sc.first_bad, 4);
    assert_int_equal(sc.bad, 2);
    assert_int_equal(sc.multibyte, 1);
    sc = jx_text_utf8_scan("plain ASCII longer than eight", 29);
    assert_int_equal(sc.first_bad, 29);
    assert_int_equal(sc.bad, 0);
    assert_int_equal(sc.multibyte, 0);
    /* sixteen ASCII bytes (the eight-byte steps), then a stray byte at 16 */
    sc = jx_text_utf8_scan("0123456789abcdef\x80", 17);
    assert_int_equal(sc.first_bad, 16);
    assert_int_equal(sc.bad, 1);
    /* overlong C0 AF and surrogate ED A0 80: five invalid bytes from 0 */
    sc = jx_text_utf8_scan("\xC0\xAF\xED\xA0\x80", 5);
    assert_int_equal(sc.first_bad, 0);
    assert_int_equal(sc.bad, 5);
    assert_int_equal(sc.multibyte, 0);
}

/* The runs jx_text_utf8_mend reports. */
typedef struct runs {
    size_t n;
    size_t off[8], nbytes[8];
    unsigned char first[8];
} runs;

static void on_run(void *ud, size_t off, size_t nbytes, unsigned char first)
{
    runs *r = ud;
    r->off[r->n] = off;
    r->nbytes[r->n] = nbytes;
    r->first[r->n] = first;
    r->n++;
}

static void utf8_mended(void **state)
{
    (void)state;
    char out[64];
    runs r = {0};
    /* "a", FF FE (a run of two), "b", E4 cut at the end (a run of one): a, U+FFFD ×2, b,
     * U+FFFD; the runs start at out offsets 1 and 1 + 6 + 1 = 8 */
    size_t n = jx_text_utf8_mend("a\xFF\xFE" "b\xE4", 5, out, on_run, &r);
    static const char want[] = "a\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD";
    assert_int_equal(n, sizeof want - 1);
    assert_memory_equal(out, want, n);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.off[0], 1);
    assert_int_equal(r.nbytes[0], 2);
    assert_int_equal(r.first[0], 0xFF);
    assert_int_equal(r.off[1], 8);
    assert_int_equal(r.nbytes[1], 1);
    assert_int_equal(r.first[1], 0xE4);

    /* a surrogate and an overlong form: one U+FFFD per byte, one run of five */
    r.n = 0;
    n = jx_text_utf8_mend("\xED\xA0\x80\xC0\xAF", 5, out, on_run, &r);
    assert_int_equal(n, 15);
    for (size_t i = 0; i < 5; i++)
        assert_memory_equal(out + 3 * i, "\xEF\xBF\xBD", 3);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.nbytes[0], 5);
    assert_int_equal(r.first[0], 0xED);

    /* E4 B8 then 'A': the two bytes of the cut character, then A as it is */
    n = jx_text_utf8_mend("\xE4\xB8" "A", 3, out, NULL, NULL);
    assert_int_equal(n, 7);
    assert_memory_equal(out, "\xEF\xBF\xBD\xEF\xBF\xBD" "A", 7);

    /* valid text is copied as it is */
    static const char ok[] = "项目 é😀\x7F";
    n = jx_text_utf8_mend(ok, sizeof ok - 1, out, NULL, NULL);
    assert_int_equal(n, sizeof ok - 1);
    assert_memory_equal(out, ok, n);
}

/* ---------------------------------------------------------------- escaping */

/* s[0..n) escaped for JSON (html false) or HTML by the two steps a writer takes, into a
 * static buffer, NUL-terminated. */
static const char *escaped(bool html, const char *s, size_t n)
{
    static char buf[1024];
    size_t o = 0;
    while (n > 0) {
        size_t k = html ? jx_text_html_plain(s, n) : jx_text_json_plain(s, n), used;
        memcpy(buf + o, s, k);
        o += k;
        s += k;
        n -= k;
        if (n > 0) {
            char e[JX_TEXT_ESCAPE_MAX];
            size_t m = html ? jx_text_html_escape(s, n, e, &used) : jx_text_json_escape(s, n, e, &used);
            assert_true(m >= 1 && m <= JX_TEXT_ESCAPE_MAX);
            assert_true(used >= 1 && used <= n);
            memcpy(buf + o, e, m);
            o += m;
            s += used;
            n -= used;
        }
        assert_true(o < sizeof buf - JX_TEXT_ESCAPE_MAX);
    }
    buf[o] = '\0';
    return buf;
}

static void json_control_characters(void **state)
{
    (void)state;
    /* every control character U+0000..U+001F: the short escapes where JSON has one */
    static const char *const want[32] = {
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\b",     "\\t",     "\\n",     "\\u000b", "\\f",     "\\r",     "\\u000e", "\\u000f",
        "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
        "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
    };
    for (unsigned c = 0; c < 32; c++) {
        char s[1] = {(char)c};
        assert_int_equal(jx_text_json_plain(s, 1), 0);
        const char *got = escaped(false, s, 1);
        if (strcmp(got, want[c]) != 0)
            fail_msg("U+%04X escaped as %s, want %s", c, got, want[c]);
    }
}

static void json_quotes_and_plain_bytes(void **state)
{
    (void)state;
    assert_string_equal(escaped(false, "\"", 1), "\\\"");
    assert_string_equal(escaped(false, "\\", 1), "\\\\");
    /* every other printable ASCII byte, DEL among them, is plain; so is '/' */
    for (unsigned c = 0x20; c < 0x80; c++) {
        char s[1] = {(char)c};
        size_t want = c == '"' || c == '\\' ? 0 : 1;
        assert_int_equal(jx_text_json_plain(s, 1), want);
    }
    /* valid UTF-8 is plain, the C1 control U+0080 among it (JSON allows it) */
    static const char cjk[] = "项目＝é😀\xC2\x80";
    assert_int_equal(jx_text_json_plain(cjk, sizeof cjk - 1), sizeof cjk - 1);
    /* a run stops at the first byte to escape: "ab" then the quote */
    assert_int_equal(jx_text_json_plain("ab\"c", 4), 2);
    /* a mixed text, whole */
    assert_string_equal(escaped(false, "甲\"乙\\丙\n丁\t戊\b己\f庚\x01", strlen("甲\"乙\\丙\n丁\t戊\b己\f庚\x01")),
                        "甲\\\"乙\\\\丙\\n丁\\t戊\\b己\\f庚\\u0001");
    assert_string_equal(escaped(false, "", 0), "");
}

static void json_invalid_bytes(void **state)
{
    (void)state;
    /* each invalid byte is one \ufffd */
    assert_string_equal(escaped(false, "\xFF", 1), "\\ufffd");
    assert_string_equal(escaped(false, "a\x80z", 3), "a\\ufffdz");
    /* a CJK character cut short at the end: both its bytes */
    assert_string_equal(escaped(false, "文\xE6\x95", 5), "文\\ufffd\\ufffd");
    /* a lead byte followed by ASCII: the lead alone */
    assert_string_equal(escaped(false, "\xE5" "A", 2), "\\ufffdA");
    /* surrogate ED A0 80 and overlong E0 80 80: three each */
    assert_string_equal(escaped(false, "\xED\xA0\x80", 3), "\\ufffd\\ufffd\\ufffd");
    assert_string_equal(escaped(false, "\xE0\x80\x80", 3), "\\ufffd\\ufffd\\ufffd");
    /* overlong C0 AF: two; past U+10FFFF (F4 90 80 80): four */
    assert_string_equal(escaped(false, "\xC0\xAF", 2), "\\ufffd\\ufffd");
    assert_string_equal(escaped(false, "\xF4\x90\x80\x80", 4), "\\ufffd\\ufffd\\ufffd\\ufffd");
    /* a valid character right after an invalid byte is kept */
    assert_string_equal(escaped(false, "\xBF中", 4), "\\ufffd中");
}

/* jx_text_json_plain's definition a byte at a time: the valid UTF-8 before the first
 * byte below 0x20, '"', '\\' or invalid byte. */
static size_t json_plain_by_definition(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\')
            break;
        size_t k = jx_text_utf8_len(s + i, n - i);
        if (k == 0)
            break;
        i += k;
    }
    return i;
}

/* The paths of jx_text_json_plain (a character at a time with eight ASCII bytes a step
 * below 64 bytes, sixteen a step from 64 on) against its definition: texts of every length
 * from 0 to 100 made of ASCII (in runs of up to 34 bytes), CJK (3 bytes), é (2), 😀 (4) and
 * U+2028 (E2 80 A8, plain in JSON), each with a byte to stop at — every control byte, '"', '\\', and invalid
 * bytes (a stray continuation, a cut CJK lead, a surrogate, an overlong C0, F5) — put in
 * turn at every offset. */
static void json_plain_agrees_with_definition(void **state)
{
    (void)state;
    static const char *const pieces[] = {"a", "ab3", "项", "é", "😀", "\xE2\x80\xA8", "~\x7F",
                                         "目标值 ", "/tmp/data/2024-budget.jx:12:5 ", "A"};
    static const char *const stops[] = {"\"", "\\", "\x80", "\xE9\x87", "\xED\xA0\x80", "\xC0\xAF", "\xF5"};
    char text[160];
    size_t checked = 0;
    for (size_t len = 0; len <= 100; len++) {
        for (size_t start = 0; start < sizeof pieces / sizeof pieces[0]; start++) {
            /* a text of len bytes built from the pieces in turn, cut at len */
            size_t n = 0;
            for (size_t k = start; n < len; k++) {
                const char *pc = pieces[k % (sizeof pieces / sizeof pieces[0])];
                size_t m = strlen(pc);
                memcpy(text + n, pc, m);
                n += m;
            }
            n = len;
            if (json_plain_by_definition(text, n) != jx_text_json_plain(text, n))
                fail_msg("length %zu from piece %zu: plain %zu, want %zu", len, start, jx_text_json_plain(text, n),
                         json_plain_by_definition(text, n));
            checked++;
            char save[8];
            for (size_t at = 0; at < n; at += 1 + at / 16) {
                for (unsigned c = 0; c < 0x20 + sizeof stops / sizeof stops[0]; c++) {
                    const char *stop;
                    char ctl[2] = {(char)c, 0};
                    size_t m = 1;
                    if (c < 0x20) {
                        stop = ctl;
                    } else {
                        stop = stops[c - 0x20];
                        m = strlen(stop);
                    }
                    if (at + m > n)
                        continue;
                    memcpy(save, text + at, m);
                    memcpy(text + at, stop, m);
                    size_t got = jx_text_json_plain(text, n), want = json_plain_by_definition(text, n);
                    if (got != want)
                        fail_msg("length %zu, stop %u at %zu: plain %zu, want %zu", n, c, at, got, want);
                    memcpy(text + at, save, m);
                    checked++;
                }
            }
        }
    }
    assert_true(checked > 10000);
}

static void html_references_and_controls(void **state)
{
    (void)state;
    assert_string_equal(escaped(true, "&", 1), "&amp;");
    assert_string_equal(escaped(true, "<", 1), "&lt;");
    assert_string_equal(escaped(true, ">", 1), "&gt;");
    assert_string_equal(escaped(true, "\"", 1), "&quot;");
    assert_string_equal(escaped(true, "'", 1), "&#39;");
    /* of the ASCII bytes, these go out as they are: tab, LF, CR, and 0x20..0x7E but & < > " ' */
    for (unsigned c = 0; c < 0x80; c++) {
        char s[1] = {(char)c};
        bool plain = c == '\t' || c == '\n' || c == '\r' ||
                     (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'');
        assert_int_equal(jx_text_html_plain(s, 1), plain ? 1 : 0);
        if (!plain && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'')
            assert_string_equal(escaped(true, s, 1), "\xEF\xBF\xBD"); /* a control character: U+FFFD */
    }
    /* the C1 controls U+0080..U+009F (C2 80..C2 9F): one U+FFFD for the two bytes */
    for (unsigned b = 0x80; b <= 0x9F; b++) {
        char s[2] = {(char)0xC2, (char)b};
        assert_int_equal(jx_text_html_plain(s, 2), 0);
        assert_string_equal(escaped(true, s, 2), "\xEF\xBF\xBD");
    }
    /* from U+00A0 on, C2 leads ordinary characters: NBSP and ¿ (C2 BF) are kept */
    assert_int_equal(jx_text_html_plain("\xC2\xA0\xC2\xBF", 4), 4);
    /* a whole text */
    static const char in[] = "项目\t<b>\"甲\" & '乙'</b>\r\n\x01\xC2\x85中\x7F";
    assert_string_equal(escaped(true, in, sizeof in - 1),
                        "项目\t&lt;b&gt;&quot;甲&quot; &amp; &#39;乙&#39;&lt;/b&gt;\r\n"
                        "\xEF\xBF\xBD\xEF\xBF\xBD中\xEF\xBF\xBD");
    assert_string_equal(escaped(true, "", 0), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(blank_set_character_by_character),
        cmocka_unit_test(line_breaks_by_kind),
        cmocka_unit_test(blank_before_reads_whole_characters),
        cmocka_unit_test(blank_before_fast_as_plain),
        cmocka_unit_test(unblanked_ends_by_hand),
        cmocka_unit_test(unblanked_ends_as_plain),
        cmocka_unit_test(runs_trims_and_all_blank),
        cmocka_unit_test(spaces_skipped_fast),
        cmocka_unit_test(utf8_lengths_and_code_points),
        cmocka_unit_test(utf8_agrees_with_utf8proc),
        cmocka_unit_test(utf8_written),
        cmocka_unit_test(utf8_characters_counted),
        cmocka_unit_test(utf8_scanned),
        cmocka_unit_test(utf8_mended),
        cmocka_unit_test(json_control_characters),
        cmocka_unit_test(json_quotes_and_plain_bytes),
        cmocka_unit_test(json_invalid_bytes),
        cmocka_unit_test(json_plain_agrees_with_definition),
        cmocka_unit_test(html_references_and_controls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
