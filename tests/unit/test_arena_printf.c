/* SPDX-License-Identifier: MIT */
/* test_arena_printf.c — jx_arena_printf writes what snprintf writes: its own quick
 * formatting of %s, %.*s, %d, %u, %zu and %% as much as the printf fallback for the rest;
 * in place in the arena's head chunk when it has room, else made apart and copied. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arena.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* An arena for one test, freed at the end. */
static int setup(void **state)
{
    static jx_arena ar;
    jx_arena_init(&ar, NULL);
    *state = &ar;
    return 0;
}

static int teardown(void **state)
{
    jx_arena_free(*state);
    return 0;
}

static void strings_and_numbers(void **state)
{
    jx_arena *ar = *state;
    assert_string_equal(jx_arena_printf(ar, "指标“%s”的%s", "接入系统数量", "年度指标值"),
                        "指标“接入系统数量”的年度指标值");
    assert_string_equal(jx_arena_printf(ar, "“%.*s”", 6, "权重权重"), "“权重”");
    assert_string_equal(jx_arena_printf(ar, "%.*s|", 10, "ab"), "ab|");
    assert_string_equal(jx_arena_printf(ar, "%.*s|", -1, "ab"), "ab|");
    assert_string_equal(jx_arena_printf(ar, "%d %d %d", 0, -7, 2024), "0 -7 2024");
    assert_string_equal(jx_arena_printf(ar, "%d", INT_MIN), "-2147483648");
    assert_string_equal(jx_arena_printf(ar, "%u", UINT_MAX), "4294967295");
    assert_string_equal(jx_arena_printf(ar, "%zu 字节", (size_t)268435456), "268435456 字节");
    assert_string_equal(jx_arena_printf(ar, "%s%%", "95"), "95%");
    assert_string_equal(jx_arena_printf(ar, "第 %u 行第 %u 列", 12u, 3u), "第 12 行第 3 列");
    assert_string_equal(jx_arena_printf(ar, "%s", ""), "");
    assert_string_equal(jx_arena_printf(ar, "no conversion"), "no conversion");
}

/* Conversions it does not do itself go to vsnprintf, with the same result. */
static void other_conversions_fall_back(void **state)
{
    jx_arena *ar = *state;
    assert_string_equal(jx_arena_printf(ar, "字节 0x%02X", 0xE5), "字节 0xE5");
    assert_string_equal(jx_arena_printf(ar, "%lld", -9223372036854775807LL - 1), "-9223372036854775808");
    assert_string_equal(jx_arena_printf(ar, "[%.4s]", "abcdefg"), "[abcd]");
    assert_string_equal(jx_arena_printf(ar, "[%5s]", "ab"), "[   ab]");
    assert_string_equal(jx_arena_printf(ar, "%s then %x", "a", 255u), "a then ff");
}

/* A text longer than the quick formatter's buffer is written whole. */
static void long_texts(void **state)
{
    jx_arena *ar = *state;
    char big[2001];
    memset(big, 'x', 2000);
    big[2000] = '\0';
    const char *s = jx_arena_printf(ar, "<%s>%d", big, 5);
    assert_int_equal(strlen(s), 2003);
    assert_int_equal(s[0], '<');
    assert_int_equal(s[2001], '>');
    assert_int_equal(s[2002], '5');
    char want[600];
    memset(want, 'y', 509);
    want[509] = '\0';
    s = jx_arena_printf(ar, "%s%u", want, 123u); /* 512 bytes: one past the buffer with its NUL */
    assert_int_equal(strlen(s), 512);
    assert_string_equal(s + 509, "123");
}

/* Every case above agrees with snprintf, byte for byte. */
static void agrees_with_snprintf(void **state)
{
    jx_arena *ar = *state;
    char want[256];
    snprintf(want, sizeof want, "%s|%.*s|%d|%u|%zu|%%|%s", "甲", 3, "乙丙", -12, 34u, (size_t)56, "丁");
    assert_string_equal(jx_arena_printf(ar, "%s|%.*s|%d|%u|%zu|%%|%s", "甲", 3, "乙丙", -12, 34u, (size_t)56, "丁"),
                        want);
}


/* Chars c, n of them, NUL-terminated, in buf. */
static char *run_of(char *buf, char c, size_t n)
{
    memset(buf, c, n);
    buf[n] = '\0';
    return buf;
}

/* Sets ar to chunks of `chunk` bytes and takes `taken` of the head, which must leave it
 * `room` free bytes; returns where they start. */
static unsigned char *head_with_room(jx_arena *ar, size_t chunk, size_t taken, ptrdiff_t room)
{
    ar->chunk_size = chunk;
    assert_non_null(jx_arena_alloc(ar, taken));
    assert_int_equal(ar->end - ar->free, room);
    return ar->free;
}

/*
 * Made in place: chunks of 1024 bytes; 496 taken (a multiple of 16) leaves the head
 * 1024 - 496 = 528 free bytes, at least the 512 of the buffer, so the text is made there.
 * "<%s>" of 525 letters is 1 + 525 + 1 = 527 bytes, with its NUL 528: all the room, at
 * the place the head's free bytes started, which then has none left. The next text, 10
 * bytes, goes to a new chunk (the head has 0 < 512 bytes: made apart, copied there).
 */
static void made_in_place(void **state)
{
    jx_arena *ar = *state;
    char a[600];
    unsigned char *at = head_with_room(ar, 1024, 496, 528);
    const char *s = jx_arena_printf(ar, "<%s>", run_of(a, 'a', 525));
    assert_ptr_equal(s, at);
    assert_int_equal(strlen(s), 527);
    assert_int_equal(s[0], '<');
    assert_int_equal(s[1], 'a');
    assert_int_equal(s[525], 'a');
    assert_int_equal(s[526], '>');
    assert_ptr_equal(ar->free, ar->end); /* 528 taken, none left */
    const char *t = jx_arena_printf(ar, "第 %u 行", 7u); /* "第 " 4 + "7" + " 行" 4 = 9 */
    assert_string_equal(t, "第 7 行");
    assert_string_equal(s + 521, "aaaaa>"); /* the first text untouched: its last letters are s[521..525] */
}

/*
 * The head's room is taken in whole steps of JX_ARENA_ALIGN: chunks of 1000 bytes; 470
 * taken (rounded up to 480) leaves 520 free, of which the text may use 512 (520 rounded
 * down to 16), since jx_arena_alloc hands out 16 at a time. 511 letters and the NUL (512)
 * are made in place; 515 letters (516 with the NUL, rounded up to 528 > 520) do not fit
 * there and are made apart, then copied into a new chunk, whole.
 */
static void room_in_steps_of_16(void **state)
{
    jx_arena *ar = *state;
    char a[600];
    unsigned char *at = head_with_room(ar, 1000, 470, 520);
    const char *s = jx_arena_printf(ar, "%s", run_of(a, 'b', 511));
    assert_ptr_equal(s, at);
    assert_string_equal(s, a);
    assert_int_equal(ar->end - ar->free, 520 - 512);

    jx_arena_reset(ar);
    at = head_with_room(ar, 1000, 470, 520);
    s = jx_arena_printf(ar, "%s", run_of(a, 'c', 515));
    assert_true(s < (const char *)at || s >= (const char *)at + 520); /* not in the old head */
    assert_string_equal(s, a);
}

/*
 * A head with less room than the buffer (512 bytes): the text is made in the buffer and
 * copied. Chunks of 1024, 768 taken: 256 left; "%s|%.*s|%d|%u|%zu|%%" makes
 * "甲|乙|-12|34|56|%" (3 + 1 + 3 + 1 + 3 + 1 + 2 + 1 + 2 + 1 + 1 = 19 bytes), which fits
 * the 256 and so is copied to where the head's free bytes started.
 */
static void made_apart_when_the_head_is_short(void **state)
{
    jx_arena *ar = *state;
    unsigned char *at = head_with_room(ar, 1024, 768, 256);
    const char *s = jx_arena_printf(ar, "%s|%.*s|%d|%u|%zu|%%", "甲", 3, "乙丙", -12, 34u, (size_t)56);
    assert_ptr_equal(s, at);
    assert_string_equal(s, "甲|乙|-12|34|56|%");
    assert_int_equal(strlen(s), 19);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(strings_and_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(other_conversions_fall_back, setup, teardown),
        cmocka_unit_test_setup_teardown(long_texts, setup, teardown),
        cmocka_unit_test_setup_teardown(agrees_with_snprintf, setup, teardown),
        cmocka_unit_test_setup_teardown(made_in_place, setup, teardown),
        cmocka_unit_test_setup_teardown(room_in_steps_of_16, setup, teardown),
        cmocka_unit_test_setup_teardown(made_apart_when_the_head_is_short, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
