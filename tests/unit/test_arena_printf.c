/* SPDX-License-Identifier: MIT */
/* test_arena_printf.c — jx_arena_printf writes what snprintf writes: its own quick
 * formatting of %s, %.*s, %d, %u, %zu and %% as much as the printf fallback for the rest. */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(strings_and_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(other_conversions_fall_back, setup, teardown),
        cmocka_unit_test_setup_teardown(long_texts, setup, teardown),
        cmocka_unit_test_setup_teardown(agrees_with_snprintf, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
