/* SPDX-License-Identifier: MIT */
/* test_frame.c — the framer (frame.c): where an item ends, worked out by hand for a few
 * texts, and the block framer (64 bytes a step, where the CPU has AVX2) checked against
 * the bytewise one on random texts made of the pieces that matter to it — braces,
 * quotes, escapes, comments, blanks, line ends and lines that start, or nearly start,
 * with 项目 — at every length, start and limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "frame.h"

#include <stdio.h>
#include <string.h>

/* A line of padding: four spaces, eleven letters and its '\n', 16 bytes. */
#define PAD "    abcdefghijk\n"
/* The head of the item: 项目 (6 bytes), " a {" and '\n', 11 bytes. */
#define HEAD "项目 a {\n"

/* Frames the item of text at start, on line 1 starting at 0, with both framers, checks
 * they agree and returns the block framer's answer. */
static bool both_at(const char *text, size_t start, size_t limit, bool eof, jx_frame *fr)
{
    jx_frame b, w;
    memset(&b, 0xAB, sizeof b);
    memset(&w, 0xCD, sizeof w);
    bool rb = jx_frame_item(text, start, 1, 0, limit, eof, &b);
    bool rw = jx_frame_item_bytewise(text, start, 1, 0, limit, eof, &w);
    assert_int_equal(rb, rw);
    if (rb) {
        assert_int_equal(b.end, w.end);
        assert_int_equal(b.end_line, w.end_line);
        assert_int_equal(b.end_lstart, w.end_lstart);
    }
    *fr = b;
    return rb;
}

static bool both(const char *text, size_t limit, bool eof, jx_frame *fr)
{
    return both_at(text, 0, limit, eof, fr);
}

static void expect(const char *text, bool eof, size_t end, uint32_t line, size_t lstart)
{
    jx_frame fr;
    assert_true(both(text, strlen(text), eof, &fr));
    assert_int_equal(fr.end, end);
    assert_int_equal(fr.end_line, line);
    assert_int_equal(fr.end_lstart, lstart);
}

static void test_by_hand(void **state)
{
    (void)state;
    /* HEAD is line 1, bytes 0..10, its '{' at 9; ten PADs are lines 2..11 at 11 + 16k;
     * line 12 starts at 11 + 160 = 171. */
    /* its '}' at 171 brings the depth back to 0: the item ends past it, at 172 */
    expect(HEAD PAD PAD PAD PAD PAD PAD PAD PAD PAD PAD "}\n项目 b {}\n", true, 172, 12, 171);
    /* no '}': line 12 starts with 项目, and the item ends at its start */
    expect(HEAD PAD PAD PAD PAD PAD PAD PAD PAD PAD PAD "项目 b {\n}\n", true, 171, 12, 171);
    /* line 12 is PAD and one letter more (17 bytes, 171..187); line 13 starts at 188 with
     * eight spaces (188..195, across the block boundary at 192), then 项目 at 196: the
     * item ends at 188 */
    expect(HEAD PAD PAD PAD PAD PAD PAD PAD PAD PAD PAD "    abcdefghijkl\n        项目 b {\n}\n", true, 188, 13,
           188);
    /* the same line with 项目完成率 (5 characters, 15 bytes) is another word: line 13 is
     * 8 + 15 + 2 + 1 = 26 bytes, so line 14 starts at 214 with the '}' */
    expect(HEAD PAD PAD PAD PAD PAD PAD PAD PAD PAD PAD "    abcdefghijkl\n        项目完成率 1\n}\n", true, 215, 14,
           214);
    /* line 2 (11..25, 15 bytes) holds braces in a string and in a comment, which do not
     * count; four PADs are lines 3..6 at 26, 42, 58, 74; the '}' of line 7 is at 90 */
    expect(HEAD "    s \"}}\" # }\n" PAD PAD PAD PAD "}\n", true, 91, 7, 90);
    /* an escaped quote keeps the string open past its '}': line 2 is four spaces, the
     * string "a\"}" (6 bytes), a space and '\n', 12 bytes (11..22); the '}' of line 3 at 23 */
    expect(HEAD "    \"a\\\"}\" \n}\n", true, 24, 3, 23);
    /* no end: five PADs (lines 2..6) end at 91, where line 7 would start */
    jx_frame fr;
    const char *open = HEAD PAD PAD PAD PAD PAD;
    assert_false(both(open, strlen(open), false, &fr)); /* more is to be read */
    expect(open, true, 91, 7, 91);                      /* at eof it ends there */
}

/* splitmix64, for reproducible random texts */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* What texts are made of. */
static const char *const pieces[] = {
    "{", "}", "{", "}", "\"", "\"", "\\", "#", " ", "    ", "\t", "\n", "\n", "\n", "\r\n", "\r",
    "项目", "项目 x {\n", "\n项目 y {", "\n  项目", "\n\t项目 ", "\n　项目 ", "\n项目完成率 1", "\nproject p {",
    "\nprojects", "项", "\n项", "金额单位 万元", "x", "abc", "1", ";", "%#", " # c {\n", "\"s}{\"", "\"a\\\"b\"",
    "　", "数量指标 11 {\n", "        指标 ≥1 权重 1\n", "}\n", "\"long string that runs on past a block {}{}{} #\"",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

static void test_random(void **state)
{
    (void)state;
    uint64_t seed = 20261207;
    char t[1200];
    for (int round = 0; round < 20000; round++) {
        /* the text: the item's keyword, maybe after blanks, then pieces, often with long
         * runs of blanks or letters so that blocks are taken whole */
        size_t n = 0, start = 0;
        if (next(&seed) % 4 == 0) {
            memcpy(t, "   ", 3);
            n = start = 3;
        }
        memcpy(t + n, "项目", 6);
        n += 6;
        size_t want = 8 + next(&seed) % 1000;
        while (n < want) {
            uint64_t r = next(&seed);
            const char *p = pieces[r % NPIECES];
            size_t k = strlen(p);
            if (r >> 60 == 0) { /* a run of spaces or letters */
                p = (r >> 59) & 1 ? "                                                   "
                                  : "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxy";
                k = 1 + (r >> 8) % 50;
            }
            if (n + k >= sizeof t)
                break;
            memcpy(t + n, p, k);
            n += k;
        }
        /* the whole text at eof, where every item ends; and, not at eof, up to a line's end */
        jx_frame fr;
        assert_true(both_at(t, start, n, true, &fr));
        size_t limit = next(&seed) % (n + 1);
        while (limit > start && t[limit - 1] != '\n')
            limit--;
        if (limit > start)
            both_at(t, start, limit, false, &fr);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_hand),
        cmocka_unit_test(test_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
