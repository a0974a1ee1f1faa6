/* SPDX-License-Identifier: MIT */
/* test_value.c — reading targets and actuals: every form, every refusal, every byte freed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "alloc.h"
#include "arena.h"
#include "counting.h"
#include "dec.h"
#include "value.h"
#include "value_internal.h"

/** A reader and an arena on a counting allocator, checked for leaks at teardown. */
typedef struct fixture {
    jx_test_counting count; /* the allocator's books */
    jx_allocator alloc;     /* the counting allocator over count */
    jx_value_reader *vr;    /* the reader under test */
    jx_arena ar;            /* where units and details go */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    f->alloc = jx_test_counting_allocator(&f->count);
    f->vr = jx_value_reader_create(&f->alloc);
    if (!f->vr)
        return -1;
    jx_arena_init(&f->ar, &f->alloc);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    jx_arena_free(&f->ar);
    jx_value_reader_destroy(f->vr);
    int leaked = f->count.in_use != 0;
    free(f);
    return leaked ? -1 : 0;
}

/** Reads s with the fixture's reader. */
static jx_value_status read_value(fixture *f, const char *s, jx_value *out, const char **detail)
{
    memset(out, 0, sizeof *out);
    return jx_value_read(f->vr, &f->ar, s, strlen(s), out, detail);
}

/** One form that must read: what is written and what it means. */
typedef struct form_case {
    const char *text;    /* as written */
    jx_sign sign;        /* expected sign */
    const char *num;     /* expected number, written plainly */
    int scale;           /* expected scale of the number as written */
    bool percent;        /* expected percent flag */
    const char *unit;    /* expected unit (NFKC) */
} form_case;

/** Checks that every case reads as expected. */
static void check_forms(fixture *f, const form_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const form_case *c = &cases[i];
        jx_value v;
        const char *detail = NULL;
        jx_value_status st = read_value(f, c->text, &v, &detail);
        if (st != JX_VALUE_OK)
            fail_msg("“%s” did not read: %d %s", c->text, (int)st, detail ? detail : "");
        jx_dec want;
        assert_int_equal(jx_dec_parse(c->num, strlen(c->num), &want), JX_DEC_OK);
        if (v.sign != c->sign || jx_dec_cmp(v.num, want) != 0 || v.num.scale != c->scale ||
            v.percent != c->percent || strcmp(v.unit.s, c->unit) != 0 || v.unit.n != strlen(c->unit))
            fail_msg("“%s”: sign %d num %lld/%d percent %d unit “%s”", c->text, (int)v.sign,
                     (long long)v.num.v, (int)v.num.scale, (int)v.percent, v.unit.s);
    }
}

/* ------------------------------------------------------------ fast path */

/* The forms of the budget tables, as written: none may reach PCRE2. */
static const form_case fast_cases[] = {
    {"≥60个", JX_SIGN_GE, "60", 0, false, "个"},
    {"=1年", JX_SIGN_EQ, "1", 0, false, "年"},
    {"100%", JX_SIGN_NONE, "100", 0, true, ""},
    {"≤24小时", JX_SIGN_LE, "24", 0, false, "小时"},
    {">60", JX_SIGN_GT, "60", 0, false, ""},
    {"<5", JX_SIGN_LT, "5", 0, false, ""},
    {">=95%", JX_SIGN_GE, "95", 0, true, ""},
    {"<=3次", JX_SIGN_LE, "3", 0, false, "次"},
    {"==4次", JX_SIGN_EQ, "4", 0, false, "次"},
    {"＞60", JX_SIGN_GT, "60", 0, false, ""},
    {"＜60人", JX_SIGN_LT, "60", 0, false, "人"},
    {"＝4次", JX_SIGN_EQ, "4", 0, false, "次"},
    {"≧90%", JX_SIGN_GE, "90", 0, true, ""},
    {"≦10天", JX_SIGN_LE, "10", 0, false, "天"},
    {"96.68%", JX_SIGN_NONE, "96.68", 2, true, ""},
    {"95.00%", JX_SIGN_NONE, "95", 2, true, ""},
    {"60％", JX_SIGN_NONE, "60", 0, true, ""},
    {"358.35万元", JX_SIGN_NONE, "358.35", 2, false, "万元"},
    {"≥2000人次", JX_SIGN_GE, "2000", 0, false, "人次"},
    {"≥5个/月", JX_SIGN_GE, "5", 0, false, "个/月"},
    {"≤300元/日", JX_SIGN_LE, "300", 0, false, "元/日"},
    {"<10ms", JX_SIGN_LT, "10", 0, false, "ms"},
    {"100M", JX_SIGN_NONE, "100", 0, false, "M"},
    {"-5", JX_SIGN_NONE, "-5", 0, false, ""},
    {"+3.5", JX_SIGN_NONE, "3.5", 1, false, ""},
    {"0", JX_SIGN_NONE, "0", 0, false, ""},
    /* spacing anywhere between the parts, and around them */
    {"≥ 60 个", JX_SIGN_GE, "60", 0, false, "个"},
    {"  ≥60个  ", JX_SIGN_GE, "60", 0, false, "个"},
    {"≥95 %", JX_SIGN_GE, "95", 0, true, ""},
    {">= 95 %", JX_SIGN_GE, "95", 0, true, ""},
    {"＞ 95 ％", JX_SIGN_GT, "95", 0, true, ""},
    {"\t=\t1\t年\t", JX_SIGN_EQ, "1", 0, false, "年"},
    /* the forms the follow-up import brings that fit the scanner */
    {"12 个月", JX_SIGN_NONE, "12", 0, false, "个月"},
    {"=122586100 万元", JX_SIGN_EQ, "122586100", 0, false, "万元"},
    {"2000000 人次/年", JX_SIGN_NONE, "2000000", 0, false, "人次/年"},
    /* unit words: 百分比 is a percent sign, 以上 / 以内 / 以下 imply a sign */
    {"≥100百分比", JX_SIGN_GE, "100", 0, true, ""},
    {"-0%以内", JX_SIGN_LE, "0", 0, true, ""},
    {"5%以内", JX_SIGN_LE, "5", 0, true, ""},
    {"60个以上", JX_SIGN_GE, "60", 0, false, "个"},
    {"10次以下", JX_SIGN_LE, "10", 0, false, "次"},
    {"≥60个以上", JX_SIGN_GE, "60", 0, false, "个"},
    {"≤5%以内", JX_SIGN_LE, "5", 0, true, ""},
    {"24小时内", JX_SIGN_LE, "24", 0, false, "小时"},
    {"3个工作日内", JX_SIGN_LE, "3", 0, false, "个工作日"},
    {"1年内", JX_SIGN_LE, "1", 0, false, "年"},
    /* the seeds' units: Mbps, video lines, gigabytes, cores */
    {"1080P", JX_SIGN_NONE, "1080", 0, false, "P"},
    {"≥4000GB", JX_SIGN_GE, "4000", 0, false, "GB"},
    {"≥1900 核", JX_SIGN_GE, "1900", 0, false, "核"},
    {"25 路", JX_SIGN_NONE, "25", 0, false, "路"},
    {"≤0", JX_SIGN_LE, "0", 0, false, ""},
};

static void test_fast_forms(void **state)
{
    fixture *f = *state;
    check_forms(f, fast_cases, sizeof fast_cases / sizeof fast_cases[0]);
    /* not one of them went through NFKC and PCRE2 */
    assert_int_equal(jx_value_reader_slow_count(f->vr), 0);
    assert_int_equal(jx_value_reader_match_count(f->vr), 0);
}

static void test_unit_is_copied(void **state)
{
    fixture *f = *state;
    char text[] = "≥60个";
    jx_value v;
    const char *detail;
    memset(&v, 0, sizeof v);
    assert_int_equal(jx_value_read(f->vr, &f->ar, text, strlen(text), &v, &detail), JX_VALUE_OK);
    /* the unit lives in the arena, not in the caller's buffer */
    assert_true(v.unit.s < text || v.unit.s >= text + sizeof text);
    memset(text, 'x', sizeof text - 1);
    assert_string_equal(v.unit.s, "个");

    /* no unit: an empty string, never NULL */
    assert_int_equal(read_value(f, "60", &v, &detail), JX_VALUE_OK);
    assert_non_null(v.unit.s);
    assert_string_equal(v.unit.s, "");
    assert_int_equal(v.unit.n, 0);
}

static void test_other_fields_untouched(void **state)
{
    fixture *f = *state;
    jx_value v;
    const char *detail;
    memset(&v, 0, sizeof v);
    v.text.s = "as written";
    v.text.n = 10;
    v.present = true;
    v.implicit = true;
    v.pos.line = 7;
    assert_int_equal(jx_value_read(f->vr, &f->ar, "≥60个", strlen("≥60个"), &v, &detail), JX_VALUE_OK);
    assert_string_equal(v.text.s, "as written");
    assert_true(v.present);
    assert_true(v.implicit);
    assert_int_equal(v.pos.line, 7);
    assert_false(v.is_text);
}

/* ------------------------------------------------------------ slow path */

/* Forms the scanner hands on: NFKC first, then the pattern rows. */
static const form_case slow_cases[] = {
    {"＝４次", JX_SIGN_EQ, "4", 0, false, "次"},
    {"＞６０ ％", JX_SIGN_GT, "60", 0, true, ""},
    {"６０", JX_SIGN_NONE, "60", 0, false, ""},
    {"≥ ９５．５％", JX_SIGN_GE, "95.5", 1, true, ""},
    {"１０　小时", JX_SIGN_NONE, "10", 0, false, "小时"},   /* ideographic space */
    {"≤３　ｋｍ", JX_SIGN_LE, "3", 0, false, "km"},        /* full-width letters */
    {"≥100 ㎡", JX_SIGN_GE, "100", 0, false, "m2"},         /* compatibility unit sign */
    {"$\\geq 1900$ 核", JX_SIGN_GE, "1900", 0, false, "核"},
    {"$\\le 5\\%$", JX_SIGN_LE, "5", 0, true, ""},
    {"$95\\%$", JX_SIGN_NONE, "95", 0, true, ""},
    {"$= 3$ 次", JX_SIGN_EQ, "3", 0, false, "次"},
    /* products: a 7×24 service reads as the hours of a week */
    {"7*24 小时", JX_SIGN_NONE, "168", 0, false, "小时"},
    {"7×24小时", JX_SIGN_NONE, "168", 0, false, "小时"},
    {"7x24小时", JX_SIGN_NONE, "168", 0, false, "小时"},
    {"= 5 * 8 小时", JX_SIGN_EQ, "40", 0, false, "小时"},
    {"≥７＊２４小时", JX_SIGN_GE, "168", 0, false, "小时"},
    {"2*1.5*2.5", JX_SIGN_NONE, "7.5", 2, false, ""},
    /* units a PDF split with spaces, joined back */
    {"436528 人 次", JX_SIGN_NONE, "436528", 0, false, "人次"},
    {"≥500 用 户", JX_SIGN_GE, "500", 0, false, "用户"},
    {"60 个 人", JX_SIGN_NONE, "60", 0, false, "个人"},
    {"60 个 以上", JX_SIGN_GE, "60", 0, false, "个"},
    {"2000000 人 次/年", JX_SIGN_NONE, "2000000", 0, false, "人次/年"},
};

static void test_slow_forms(void **state)
{
    fixture *f = *state;
    size_t n = sizeof slow_cases / sizeof slow_cases[0];
    check_forms(f, slow_cases, n);
    assert_int_equal(jx_value_reader_slow_count(f->vr), n);
    assert_true(jx_value_reader_match_count(f->vr) >= n);
}

static void test_slow_path_only_when_needed(void **state)
{
    fixture *f = *state;
    jx_value v;
    const char *detail;
    assert_int_equal(read_value(f, "≥60个", &v, &detail), JX_VALUE_OK);
    assert_int_equal(jx_value_reader_slow_count(f->vr), 0);
    assert_int_equal(read_value(f, "≥６０个", &v, &detail), JX_VALUE_OK);
    assert_int_equal(jx_value_reader_slow_count(f->vr), 1);
    assert_int_equal(read_value(f, "=1年", &v, &detail), JX_VALUE_OK);
    assert_int_equal(jx_value_reader_slow_count(f->vr), 1);
    /* the patterns are JIT-compiled whenever this PCRE2 has a JIT */
    uint32_t has_jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &has_jit);
    assert_int_equal(jx_value_reader_uses_jit(f->vr), has_jit ? 1 : 0);
}

/* ------------------------------------------------------------ refusals */

static void expect_status(fixture *f, const char *text, jx_value_status want, const char *want_detail)
{
    jx_value v;
    const char *detail = NULL;
    jx_value_status st = read_value(f, text, &v, &detail);
    if (st != want)
        fail_msg("“%s”: status %d, expected %d (%s)", text, (int)st, (int)want, detail ? detail : "");
    assert_non_null(detail);
    if (want_detail && strcmp(detail, want_detail) != 0)
        fail_msg("“%s”: detail “%s”, expected “%s”", text, detail, want_detail);
}

static void test_bad_signs(void **state)
{
    fixture *f = *state;
    expect_status(f, "≠60", JX_VALUE_BAD_SIGN, "“≠” 不是计算符号");
    expect_status(f, "≈60", JX_VALUE_BAD_SIGN, "“≈” 不是计算符号");
    expect_status(f, "≒60", JX_VALUE_BAD_SIGN, "“≒” 不是计算符号");
    expect_status(f, "~60", JX_VALUE_BAD_SIGN, "“~” 不是计算符号");
    expect_status(f, "～60", JX_VALUE_BAD_SIGN, "“～” 不是计算符号");
    expect_status(f, "±5%", JX_VALUE_BAD_SIGN, "“±” 不是计算符号");
    expect_status(f, "≮60", JX_VALUE_BAD_SIGN, "“≮” 不是计算符号");
    expect_status(f, "≯60", JX_VALUE_BAD_SIGN, "“≯” 不是计算符号");
    expect_status(f, "  ≠ 60个", JX_VALUE_BAD_SIGN, "“≠” 不是计算符号");
    /* two signs in a row */
    expect_status(f, "=<60", JX_VALUE_BAD_SIGN, "“=<” 不是计算符号");
    expect_status(f, "=>60", JX_VALUE_BAD_SIGN, "“=>” 不是计算符号");
    expect_status(f, ">>60", JX_VALUE_BAD_SIGN, "“>>” 不是计算符号");
    expect_status(f, "<<60", JX_VALUE_BAD_SIGN, "“<<” 不是计算符号");
    expect_status(f, "=≥60", JX_VALUE_BAD_SIGN, "“=≥” 不是计算符号");
    expect_status(f, "≥=60", JX_VALUE_BAD_SIGN, "“≥=” 不是计算符号");
    expect_status(f, ">==60", JX_VALUE_BAD_SIGN, "“>==” 不是计算符号");
    expect_status(f, "＝＜60", JX_VALUE_BAD_SIGN, "“＝＜” 不是计算符号");
    expect_status(f, "> = 60", JX_VALUE_BAD_SIGN, "“> =” 不是计算符号");
    /* a full-width bad sign is named as written when the fast path sees it */
    expect_status(f, "＝≠60", JX_VALUE_BAD_SIGN, "“＝≠” 不是计算符号");
    /* a written sign that contradicts the words after the number */
    expect_status(f, "≥5%以内", JX_VALUE_BAD_SIGN, "计算符号“≥”与“以内”矛盾");
    expect_status(f, "<60个以上", JX_VALUE_BAD_SIGN, "计算符号“<”与“以上”矛盾");
    expect_status(f, "=3次以下", JX_VALUE_BAD_SIGN, "计算符号“=”与“以下”矛盾");
    expect_status(f, "≥24小时内", JX_VALUE_BAD_SIGN, "计算符号“≥”与“内”矛盾");
}

static void test_too_long(void **state)
{
    fixture *f = *state;
    jx_value v;
    const char *detail;
    /* 18 digits is the most a jx_dec holds; 19 is too many */
    assert_int_equal(read_value(f, "123456789012345678", &v, &detail), JX_VALUE_OK);
    expect_status(f, "1234567890123456789", JX_VALUE_TOO_LONG,
                  "“1234567890123456789”位数过多，最多 18 位数字、9 位小数");
    expect_status(f, "≥1234567890123456789个", JX_VALUE_TOO_LONG, NULL);
    /* a product holds at most as much as one number */
    assert_int_equal(read_value(f, "1000000000*100000000", &v, &detail), JX_VALUE_OK);
    expect_status(f, "1000000000*1000000000", JX_VALUE_TOO_LONG,
                  "“1000000000*1000000000”位数过多，最多 18 位数字、9 位小数");
    expect_status(f, "0.00001*0.00001", JX_VALUE_TOO_LONG, NULL);
    /* 9 decimals fit, 10 do not */
    assert_int_equal(read_value(f, "0.123456789", &v, &detail), JX_VALUE_OK);
    expect_status(f, "0.1234567891%", JX_VALUE_TOO_LONG, NULL);
    /* also through the slow path */
    expect_status(f, "＝１２３４５６７８９０１２３４５６７８９", JX_VALUE_TOO_LONG, NULL);
}

static void test_unreadable(void **state)
{
    fixture *f = *state;
    expect_status(f, "三十", JX_VALUE_UNREADABLE, "“三十”无法识别为数值");
    expect_status(f, "每周五", JX_VALUE_UNREADABLE, "“每周五”无法识别为数值");
    expect_status(f, "及时", JX_VALUE_UNREADABLE, "“及时”无法识别为数值");
    expect_status(f, "", JX_VALUE_UNREADABLE, "“”无法识别为数值");
    expect_status(f, "≥", JX_VALUE_UNREADABLE, NULL);
    expect_status(f, "≥个", JX_VALUE_UNREADABLE, NULL);
    expect_status(f, "60.", JX_VALUE_UNREADABLE, NULL);
    expect_status(f, ".5", JX_VALUE_UNREADABLE, NULL);
    expect_status(f, "60 km h", JX_VALUE_UNREADABLE, NULL);
    expect_status(f, "7*", JX_VALUE_UNREADABLE, NULL);
    expect_status(f, "*24小时", JX_VALUE_UNREADABLE, NULL);
    expect_status(f, "7*24%", JX_VALUE_UNREADABLE, NULL);
    expect_status(f, "60%%", JX_VALUE_UNREADABLE, NULL);
    expect_status(f, "60%百分比", JX_VALUE_UNREADABLE, NULL);
    expect_status(f, "$95$%", JX_VALUE_UNREADABLE, NULL);
    expect_status(f, "\xff" "60", JX_VALUE_UNREADABLE, NULL);
    /* a long text is quoted cut short */
    char longtext[700];
    memset(longtext, 'a', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = '\0';
    jx_value v;
    const char *detail;
    assert_int_equal(read_value(f, longtext, &v, &detail), JX_VALUE_UNREADABLE);
    assert_true(strlen(detail) < 100);
    assert_non_null(strstr(detail, "…"));
}

/* Texts that hold a number and still do not read say why. */
static void test_unreadable_details(void **state)
{
    fixture *f = *state;
    /* a number that is part of a date or an ordinal */
    expect_status(f, "2023年底前", JX_VALUE_UNREADABLE, "“2023年底前”是日期或序数，不是数值");
    expect_status(f, "6 月底前", JX_VALUE_UNREADABLE, "“6 月底前”是日期或序数，不是数值");
    expect_status(f, "第1季度", JX_VALUE_UNREADABLE, "“第1季度”是日期或序数，不是数值");
    expect_status(f, "1季度末", JX_VALUE_UNREADABLE, "“1季度末”是日期或序数，不是数值");
    expect_status(f, "2021-12-31", JX_VALUE_UNREADABLE, "“2021-12-31”是日期或序数，不是数值");
    expect_status(f, "2020年6月", JX_VALUE_UNREADABLE, "“2020年6月”是日期或序数，不是数值");
    expect_status(f, "12月31日前", JX_VALUE_UNREADABLE, "“12月31日前”是日期或序数，不是数值");
    expect_status(f, "每月5日前", JX_VALUE_UNREADABLE, "“每月5日前”是日期或序数，不是数值");
    expect_status(f, "9月份", JX_VALUE_UNREADABLE, "“9月份”是日期或序数，不是数值");
    expect_status(f, "每日17:00前", JX_VALUE_UNREADABLE, "“每日17:00前”是日期或序数，不是数值");
    expect_status(f, "≤2023年底", JX_VALUE_UNREADABLE, "“≤2023年底”是日期或序数，不是数值");
    /* a bare 年, 月 or 日 after a number is a quantity */
    jx_value v;
    const char *detail;
    assert_int_equal(read_value(f, "2023年", &v, &detail), JX_VALUE_OK);
    assert_int_equal(read_value(f, "≤10日", &v, &detail), JX_VALUE_OK);
    assert_string_equal(v.unit.s, "日");
    assert_int_equal(read_value(f, "3年以上", &v, &detail), JX_VALUE_OK);
    assert_int_equal(v.sign, JX_SIGN_GE);
    assert_string_equal(v.unit.s, "年");
    /* ranges: a target has one bound */
    expect_status(f, "60~80", JX_VALUE_UNREADABLE, "“60~80”是数值范围，计分只能用一个数");
    expect_status(f, "60～80分", JX_VALUE_UNREADABLE, "“60～80分”是数值范围，计分只能用一个数");
    expect_status(f, "60%-80%", JX_VALUE_UNREADABLE, "“60%-80%”是数值范围，计分只能用一个数");
    expect_status(f, "3至5天", JX_VALUE_UNREADABLE, "“3至5天”是数值范围，计分只能用一个数");
    expect_status(f, "≥60~80", JX_VALUE_UNREADABLE, "“≥60~80”是数值范围，计分只能用一个数");
    /* estimates */
    expect_status(f, "约 5 次", JX_VALUE_UNREADABLE, "“约 5 次”是约数，计分需要确切的数");
    expect_status(f, "大约90%", JX_VALUE_UNREADABLE, "“大约90%”是约数，计分需要确切的数");
    expect_status(f, "5次左右", JX_VALUE_UNREADABLE, "“5次左右”是约数，计分需要确切的数");
    /* several numbers, none a date */
    expect_status(f, "≥5个/月3次", JX_VALUE_UNREADABLE, "“≥5个/月3次”含有多个数，无法确定按哪个计分");
    expect_status(f, "6月完成80%", JX_VALUE_UNREADABLE, "“6月完成80%”含有多个数，无法确定按哪个计分");
    /* one number in words the reader does not know */
    expect_status(f, "每周5次", JX_VALUE_UNREADABLE, "“每周5次”无法识别为数值");
    expect_status(f, "≥三十个", JX_VALUE_UNREADABLE, "“≥三十个”无法识别为数值");
}

/* ---------------------------------------------------- thousands separators */

/* Numbers grouped by thousands that the scanner reads itself: none may reach PCRE2. */
static const form_case thousands_fast_cases[] = {
    {"1,200", JX_SIGN_NONE, "1200", 0, false, ""},
    {"12,345,678.5", JX_SIGN_NONE, "12345678.5", 1, false, ""},
    {"≥1,000人次", JX_SIGN_GE, "1000", 0, false, "人次"},
    {"1,200元", JX_SIGN_NONE, "1200", 0, false, "元"},
    {"-1,200", JX_SIGN_NONE, "-1200", 0, false, ""},
    {"+1,200.50", JX_SIGN_NONE, "1200.5", 2, false, ""},
    {"≥ 1,000 个", JX_SIGN_GE, "1000", 0, false, "个"},
    {"＞ 1,000.5 ％", JX_SIGN_GT, "1000.5", 1, true, ""},
    {"＞2,500%", JX_SIGN_GT, "2500", 0, true, ""},
    {"≤1,234,567.89万元", JX_SIGN_LE, "1234567.89", 2, false, "万元"},
    {"100,000 人次/年", JX_SIGN_NONE, "100000", 0, false, "人次/年"},
    {"1,000以上", JX_SIGN_GE, "1000", 0, false, ""},
    {"999,999", JX_SIGN_NONE, "999999", 0, false, ""},
    {"1,000,000,000", JX_SIGN_NONE, "1000000000", 0, false, ""},
    /* 18 digits, the most a jx_dec holds */
    {"123,456,789,012,345,678", JX_SIGN_NONE, "123456789012345678", 0, false, ""},
};

static void test_thousands_fast(void **state)
{
    fixture *f = *state;
    check_forms(f, thousands_fast_cases, sizeof thousands_fast_cases / sizeof thousands_fast_cases[0]);
    assert_int_equal(jx_value_reader_slow_count(f->vr), 0);
    assert_int_equal(jx_value_reader_match_count(f->vr), 0);
}

/* Groupings NFKC makes ASCII, or with a unit a PDF split: the row "thousands". */
static const form_case thousands_slow_cases[] = {
    {"１，２００", JX_SIGN_NONE, "1200", 0, false, ""},
    {"1，200", JX_SIGN_NONE, "1200", 0, false, ""},            /* full-width comma U+FF0C */
    {"1，200元", JX_SIGN_NONE, "1200", 0, false, "元"},
    {"≥１，０００人次", JX_SIGN_GE, "1000", 0, false, "人次"},
    {"＝１２，３４５．６７", JX_SIGN_EQ, "12345.67", 2, false, ""},
    {"＞１，０００．５ ％", JX_SIGN_GT, "1000.5", 1, true, ""},
    {"1,200 人 次", JX_SIGN_NONE, "1200", 0, false, "人次"},
    {"≥1,000 ㎡", JX_SIGN_GE, "1000", 0, false, "m2"},
    {"１０，０００　小时", JX_SIGN_NONE, "10000", 0, false, "小时"},
};

static void test_thousands_slow(void **state)
{
    fixture *f = *state;
    size_t n = sizeof thousands_slow_cases / sizeof thousands_slow_cases[0];
    check_forms(f, thousands_slow_cases, n);
    assert_int_equal(jx_value_reader_slow_count(f->vr), n);
}

/* Fails unless a and b read the same: sign, number (value and scale), percent, unit. */
static void same_reading(const jx_value *a, const jx_value *b, const char *text)
{
    if (a->sign != b->sign || a->num.v != b->num.v || a->num.scale != b->num.scale || a->percent != b->percent ||
        a->unit.n != b->unit.n || strcmp(a->unit.s, b->unit.s) != 0)
        fail_msg("“%s”: the fast path read %d %lld/%d %d “%s”, the slow path %d %lld/%d %d “%s”", text,
                 (int)a->sign, (long long)a->num.v, (int)a->num.scale, (int)a->percent, a->unit.s, (int)b->sign,
                 (long long)b->num.v, (int)b->num.scale, (int)b->percent, b->unit.s);
}

/* The fast path and the slow path read every grouping alike, field by field: each text
 * is read as written (the scanner takes it) and after an ideographic space, which only
 * the slow path takes (NFKC makes it a space). */
static void test_thousands_paths_agree(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof thousands_fast_cases / sizeof thousands_fast_cases[0]; i++) {
        const char *text = thousands_fast_cases[i].text;
        jx_value fast, slow;
        const char *detail;
        size_t before = jx_value_reader_slow_count(f->vr);
        assert_int_equal(read_value(f, text, &fast, &detail), JX_VALUE_OK);
        assert_int_equal(jx_value_reader_slow_count(f->vr), before);
        char wide[128];
        snprintf(wide, sizeof wide, "\u3000%s", text);
        assert_int_equal(read_value(f, wide, &slow, &detail), JX_VALUE_OK);
        assert_int_equal(jx_value_reader_slow_count(f->vr), before + 1);
        same_reading(&fast, &slow, text);
    }
    /* what the scanner hands on, both ways: it never reads a bad grouping */
    const char *bad[] = {"1,20", "1,2345", "1,200,00", "0,500", "1234,567", "1,,200", "1,200,"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        jx_value v;
        const char *detail;
        size_t before = jx_value_reader_slow_count(f->vr);
        assert_int_equal(read_value(f, bad[i], &v, &detail), JX_VALUE_UNREADABLE);
        assert_int_equal(jx_value_reader_slow_count(f->vr), before + 1);
    }
}

static void test_thousands_refused(void **state)
{
    fixture *f = *state;
    /* a comma that groups no thousands: neither a decimal point nor two numbers */
    const char *const commas[] = {
        "1,20", "1,2345", ",100", "1,,200", "1,200,00", "60,80", "3,5", "0,500", "01,234", "1234,567",
        "1.234,5", "1,200.5,3", "≥1,20个", "1，20", "１，２０", "≥,100", "-1,20", "1,20%", "1,20,000",
    };
    for (size_t i = 0; i < sizeof commas / sizeof commas[0]; i++) {
        char want[256];
        snprintf(want, sizeof want, "“%s”中的逗号不是千位分隔符（千位分隔应为 1,234 的形式）", commas[i]);
        expect_status(f, commas[i], JX_VALUE_UNREADABLE, want);
    }
    /* the detail in full, once more as a literal */
    expect_status(f, "1,20", JX_VALUE_UNREADABLE, "“1,20”中的逗号不是千位分隔符（千位分隔应为 1,234 的形式）");
    /* a comma with no digit after it separates numbers; groupings count as one number */
    expect_status(f, "60, 80", JX_VALUE_UNREADABLE, "“60, 80”含有多个数，无法确定按哪个计分");
    expect_status(f, "5个,200人", JX_VALUE_UNREADABLE, "“5个,200人”含有多个数，无法确定按哪个计分");
    expect_status(f, "1,200, 300", JX_VALUE_UNREADABLE, "“1,200, 300”含有多个数，无法确定按哪个计分");
    expect_status(f, "≥1,000个/月3次", JX_VALUE_UNREADABLE, "“≥1,000个/月3次”含有多个数，无法确定按哪个计分");
    expect_status(f, "1,000 km h", JX_VALUE_UNREADABLE, "“1,000 km h”无法识别为数值");
    expect_status(f, "1,200,", JX_VALUE_UNREADABLE, "“1,200,”无法识别为数值");
    expect_status(f, "1,000~2,000", JX_VALUE_UNREADABLE, "“1,000~2,000”是数值范围，计分只能用一个数");
    expect_status(f, "≥1,000-2,000人", JX_VALUE_UNREADABLE, "“≥1,000-2,000人”是数值范围，计分只能用一个数");
    expect_status(f, "约1,000人", JX_VALUE_UNREADABLE, "“约1,000人”是约数，计分需要确切的数");
    expect_status(f, "1,000次左右", JX_VALUE_UNREADABLE, "“1,000次左右”是约数，计分需要确切的数");
    /* too many digits or decimals, named as written */
    expect_status(f, "1,234,567,890,123,456,789", JX_VALUE_TOO_LONG,
                  "“1,234,567,890,123,456,789”位数过多，最多 18 位数字、9 位小数");
    expect_status(f, "1,000.1234567891", JX_VALUE_TOO_LONG, "“1,000.1234567891”位数过多，最多 18 位数字、9 位小数");
    expect_status(f, "１，２３４，５６７，８９０，１２３，４５６，７８９", JX_VALUE_TOO_LONG,
                  "“1,234,567,890,123,456,789”位数过多，最多 18 位数字、9 位小数");
}

/** Reads s with jx_value_read_plain_number; *out is preset to a marker. */
static jx_value_status plain(const char *s, jx_dec *out, const char **detail)
{
    out->v = 4242;
    out->scale = 3;
    *detail = NULL;
    return jx_value_read_plain_number(s, strlen(s), out, detail);
}

static void test_plain_numbers(void **state)
{
    fixture *f = *state;
    const struct {
        const char *text; /* the cell */
        int64_t v;        /* coefficient, by hand */
        int scale;        /* decimals as written */
    } ok[] = {
        {"0", 0, 0},
        {"30", 30, 0},
        {"30.00", 3000, 2},
        {"-2.5", -25, 1},
        {"+5", 5, 0},
        {"-0", 0, 0},
        {"007", 7, 0},
        {"0.5", 5, 1},
        {"0.123456789", 123456789, 9},
        {"358.35", 35835, 2},
        {"1,200", 1200, 0},
        {"12,345,678.5", 123456785, 1},
        {"78,000.00", 7800000, 2},
        {"-1,234.5", -12345, 1},
        {"999", 999, 0},
        {"  358.35\t", 35835, 2},
        {"\u3000１２０\u3000", 120, 0},
        {"\u00a012\u00a0", 12, 0},
        {"１，２００", 1200, 0},
        {"1，200", 1200, 0},
        {"７８，０００．００", 7800000, 2},
        {"－１．５", -15, 1},
        {"＋３", 3, 0},
        {"123456789012345678", 123456789012345678, 0},
        {"123,456,789,012,345,678", 123456789012345678, 0},
        {"0000000000000000000000000000000000000001", 1, 0},
        {"00000000000000000000000000000000000000.5", 5, 1},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        jx_dec d;
        const char *detail;
        jx_value_status st = plain(ok[i].text, &d, &detail);
        if (st != JX_VALUE_OK || d.v != ok[i].v || d.scale != ok[i].scale)
            fail_msg("“%s”: status %d, %lld/%d (%s)", ok[i].text, (int)st, (long long)d.v, (int)d.scale,
                     detail ? detail : "");
        assert_string_equal(detail, "");
        /* jx_value_read reads it as the same number, with no sign, % or unit */
        jx_value v;
        const char *vd;
        assert_int_equal(read_value(f, ok[i].text, &v, &vd), JX_VALUE_OK);
        if (v.num.v != d.v || v.num.scale != d.scale || v.sign != JX_SIGN_NONE || v.percent || v.unit.n != 0)
            fail_msg("“%s”: jx_value_read reads %lld/%d", ok[i].text, (long long)v.num.v, (int)v.num.scale);
    }

    const char *comma = "中的逗号不是千位分隔符（千位分隔应为 1,234 的形式）";
    const struct {
        const char *text;      /* the cell */
        jx_value_status st;    /* what it gives */
        const char *detail;    /* NULL: the comma detail */
    } bad[] = {
        {"1,20", JX_VALUE_UNREADABLE, NULL},
        {"1,2345", JX_VALUE_UNREADABLE, NULL},
        {",100", JX_VALUE_UNREADABLE, NULL},
        {"1,,200", JX_VALUE_UNREADABLE, NULL},
        {"1,200,00", JX_VALUE_UNREADABLE, NULL},
        {"1,200,", JX_VALUE_UNREADABLE, NULL},
        {"0,500", JX_VALUE_UNREADABLE, NULL},
        {"01,234", JX_VALUE_UNREADABLE, NULL},
        {"1234,567", JX_VALUE_UNREADABLE, NULL},
        {"1.234,5", JX_VALUE_UNREADABLE, NULL},
        {"-1,20", JX_VALUE_UNREADABLE, NULL},
        {"1，20", JX_VALUE_UNREADABLE, NULL},
        {"60,80", JX_VALUE_UNREADABLE, NULL},
        {"", JX_VALUE_UNREADABLE, "不是数字"},
        {"   ", JX_VALUE_UNREADABLE, "不是数字"},
        {"abc", JX_VALUE_UNREADABLE, "不是数字"},
        {"一百", JX_VALUE_UNREADABLE, "不是数字"},
        {"1.", JX_VALUE_UNREADABLE, "不是数字"},
        {".5", JX_VALUE_UNREADABLE, "不是数字"},
        {"-", JX_VALUE_UNREADABLE, "不是数字"},
        {",", JX_VALUE_UNREADABLE, "不是数字"},
        {"1 200", JX_VALUE_UNREADABLE, "不是数字"},
        {"10分", JX_VALUE_UNREADABLE, "不是数字"},
        {"60%", JX_VALUE_UNREADABLE, "不是数字"},
        {"≥5", JX_VALUE_UNREADABLE, "不是数字"},
        {"1,200元", JX_VALUE_UNREADABLE, "不是数字"},
        {"1.2.3", JX_VALUE_UNREADABLE, "不是数字"},
        {"1,200.5.3", JX_VALUE_UNREADABLE, "不是数字"},
        {"--5", JX_VALUE_UNREADABLE, "不是数字"},
        {"+-5", JX_VALUE_UNREADABLE, "不是数字"},
        {"5-", JX_VALUE_UNREADABLE, "不是数字"},
        {"1,20 分", JX_VALUE_UNREADABLE, "不是数字"},
        {"7*24", JX_VALUE_UNREADABLE, "不是数字"},
        {"\xff" "5", JX_VALUE_UNREADABLE, "不是数字"},
        {"5\xef\xbc", JX_VALUE_UNREADABLE, "不是数字"}, /* a cut full-width character */
        {"1234567890123456789", JX_VALUE_TOO_LONG, "位数过多，最多 18 位数字、9 位小数"},
        {"1,234,567,890,123,456,789", JX_VALUE_TOO_LONG, "位数过多，最多 18 位数字、9 位小数"},
        {"0.1234567891", JX_VALUE_TOO_LONG, "位数过多，最多 18 位数字、9 位小数"},
        {"１２３４５６７８９０１２３４５６７８９", JX_VALUE_TOO_LONG, "位数过多，最多 18 位数字、9 位小数"},
        {"12345678901234567890123456789012345", JX_VALUE_TOO_LONG, "位数过多，最多 18 位数字、9 位小数"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        jx_dec d;
        const char *detail;
        jx_value_status st = plain(bad[i].text, &d, &detail);
        const char *want = bad[i].detail ? bad[i].detail : comma;
        if (st != bad[i].st || !detail || strcmp(detail, want) != 0)
            fail_msg("“%s”: status %d “%s”, expected %d “%s”", bad[i].text, (int)st, detail ? detail : "(null)",
                     (int)bad[i].st, want);
        /* *out is left alone */
        assert_int_equal(d.v, 4242);
        assert_int_equal(d.scale, 3);
    }
    /* only the n bytes given are read */
    jx_dec d;
    const char *detail;
    assert_int_equal(jx_value_read_plain_number("1,2005", 5, &d, &detail), JX_VALUE_OK);
    assert_int_equal(d.v, 1200);
}


/* ---------------------------------------------------------- classifying */

/** Classifies s with the fixture's reader. */
static jx_value_kind classify(fixture *f, const char *s, jx_value *out, const char **detail)
{
    memset(out, 0, sizeof *out);
    return jx_value_classify(f->vr, &f->ar, s, strlen(s), out, detail);
}

static void test_classify_kinds(void **state)
{
    fixture *f = *state;
    jx_value v;
    const char *detail;
    /* words, read without NFKC and PCRE2 */
    const char *words[] = {"每周五", "全年", "及时", "提升", "每月最后一个工作日", "第一季度", "完整、准确",
                           "合格率百分比", "  光纤 ", "OK", "持续发展（信息共享）"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (classify(f, words[i], &v, &detail) != JX_VALUE_KIND_TEXT)
            fail_msg("“%s” is not a text", words[i]);
    assert_int_equal(jx_value_reader_slow_count(f->vr), 0);
    /* nothing: a sign alone, dashes, slashes */
    const char *empty[] = {"", "   ", "=", "≥", " ＝ ", "$\\geq$", "$ \\leq $", "-", "/", "——", "－", "- /"};
    for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++)
        if (classify(f, empty[i], &v, &detail) != JX_VALUE_KIND_EMPTY)
            fail_msg("“%s” is not empty", empty[i]);
    assert_int_equal(jx_value_reader_slow_count(f->vr), 0);
    /* numbers the scanner takes stay off the slow path */
    assert_int_equal(classify(f, " ≥60个 ", &v, &detail), JX_VALUE_KIND_NUMBER);
    assert_int_equal(v.sign, JX_SIGN_GE);
    assert_string_equal(v.unit.s, "个");
    assert_int_equal(classify(f, "\u3000100%\u3000", &v, &detail), JX_VALUE_KIND_NUMBER);
    assert_true(v.percent);
    assert_int_equal(jx_value_reader_slow_count(f->vr), 0);
    /* dates and ordinals are texts; with a sign, or beside other numbers, unreadable */
    const char *dates[] = {"2023年底前", "6 月底前", "第1季度", "每月5日前", "２０２３年底前"};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
        if (classify(f, dates[i], &v, &detail) != JX_VALUE_KIND_TEXT)
            fail_msg("“%s” is not a text", dates[i]);
    const struct { const char *text, *detail; } unreadable[] = {
        {"≤2023年底", "“≤2023年底”是日期或序数，不是数值"},
        {"6月完成80%", "“6月完成80%”含有多个数，无法确定按哪个计分"},
        {"60~80", "“60~80”是数值范围，计分只能用一个数"},
        {"约 5 次", "“约 5 次”是约数，计分需要确切的数"},
        {"≥良好", "“≥良好”无法识别为数值"},       /* a sign wants a number */
        {"≠60", "“≠” 不是计算符号"},
        {"≈", "“≈” 不是计算符号"},
        {"1234567890123456789", "“1234567890123456789”位数过多，最多 18 位数字、9 位小数"},
    };
    for (size_t i = 0; i < sizeof unreadable / sizeof unreadable[0]; i++) {
        if (classify(f, unreadable[i].text, &v, &detail) != JX_VALUE_KIND_UNREADABLE)
            fail_msg("“%s” is not unreadable", unreadable[i].text);
        if (strcmp(detail, unreadable[i].detail) != 0)
            fail_msg("“%s”: detail “%s”", unreadable[i].text, detail);
    }
    /* a long text of words is a text; with a digit in it, unreadable */
    char longtext[3 * 200 + 1];
    for (int i = 0; i < 200; i++)
        memcpy(longtext + 3 * i, "字", 3);
    longtext[600] = '\0';
    assert_int_equal(classify(f, longtext, &v, &detail), JX_VALUE_KIND_TEXT);
    longtext[0] = '5';
    longtext[1] = longtext[2] = ' ';
    assert_int_equal(classify(f, longtext, &v, &detail), JX_VALUE_KIND_UNREADABLE);
}

/** Classifies three cells with the fixture's reader, returning the kind; *text gets the text kept. */
static jx_value_kind cells(fixture *f, const char *sign, const char *value, const char *unit, jx_value *out,
                           const char **text)
{
    const char *detail;
    memset(out, 0, sizeof *out);
    return jx_value_classify_cells(f->vr, &f->ar, sign, value, unit, out, text, &detail);
}

static void test_classify_cells(void **state)
{
    fixture *f = *state;
    jx_value v;
    const char *text;
    /* the unit cell joins the value, its brackets dropped */
    assert_int_equal(cells(f, "≥", "90", "(%)", &v, &text), JX_VALUE_KIND_NUMBER);
    assert_int_equal(v.sign, JX_SIGN_GE);
    assert_true(v.percent);
    assert_null(text);
    assert_int_equal(cells(f, "", "≥ 90", "(%)", &v, &text), JX_VALUE_KIND_NUMBER);
    assert_int_equal(v.sign, JX_SIGN_GE);
    assert_true(v.percent);
    assert_string_equal(v.unit.s, "");
    assert_int_equal(cells(f, "≤", "10", "（工作日）", &v, &text), JX_VALUE_KIND_NUMBER);
    assert_string_equal(v.unit.s, "工作日");
    assert_int_equal(cells(f, "", "≥95%", "%", &v, &text), JX_VALUE_KIND_NUMBER); /* not "≥95%%" */
    assert_true(v.percent);
    assert_int_equal(cells(f, "", "≥20个", "个", &v, &text), JX_VALUE_KIND_NUMBER);
    assert_string_equal(v.unit.s, "个");
    /* a sign in both cells counts once; two different signs do not read */
    assert_int_equal(cells(f, "≥", "≥90", "%", &v, &text), JX_VALUE_KIND_NUMBER);
    assert_int_equal(v.sign, JX_SIGN_GE);
    assert_int_equal(cells(f, "≥", "≤90", "%", &v, &text), JX_VALUE_KIND_UNREADABLE);
    assert_string_equal(text, "≥≤90%");
    /* 定性 in the sign or the unit column: the value is a text; a percent unit is dropped */
    assert_int_equal(cells(f, "定性", "及时处理", "(%)", &v, &text), JX_VALUE_KIND_TEXT);
    assert_string_equal(text, "及时处理");
    assert_int_equal(cells(f, "定性", "1", "", &v, &text), JX_VALUE_KIND_TEXT);
    assert_string_equal(text, "1");
    assert_int_equal(cells(f, "", "健全", "定性指标", &v, &text), JX_VALUE_KIND_TEXT);
    assert_string_equal(text, "健全");
    assert_int_equal(cells(f, "", "合理", "%", &v, &text), JX_VALUE_KIND_TEXT);
    assert_string_equal(text, "合理");
    /* any other unit beside a word is kept with it */
    assert_int_equal(cells(f, "", "良好", "等级", &v, &text), JX_VALUE_KIND_TEXT);
    assert_string_equal(text, "良好等级");
    assert_int_equal(cells(f, "", "2023年底前", "", &v, &text), JX_VALUE_KIND_TEXT);
    assert_string_equal(text, "2023年底前");
    /* no value cell: nothing, whatever the other cells say */
    assert_int_equal(cells(f, "=", "", "件", &v, &text), JX_VALUE_KIND_EMPTY);
    assert_int_equal(cells(f, "定性", "", "", &v, &text), JX_VALUE_KIND_EMPTY);
    assert_int_equal(cells(f, "", " - ", "个", &v, &text), JX_VALUE_KIND_EMPTY);
    /* a sign before words does not read; the joined cells are kept for the message */
    assert_int_equal(cells(f, "≤", "及时", "", &v, &text), JX_VALUE_KIND_UNREADABLE);
    assert_string_equal(text, "≤及时");
}

/*
 * A text that does not read is quoted as every message quotes one (jx_diag_quote): up to
 * 40 display columns, then "…". Thirty CJK characters take 60 columns, so the first 20
 * are kept; the value reader used to cut after 40 bytes instead, which kept 14 (the
 * character that reaches byte 40 is the 14th: 14 × 3 = 42).
 */
static void test_unreadable_quoted_by_columns(void **state)
{
    fixture *f = *state;
    expect_status(f, "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸", JX_VALUE_UNREADABLE,
                  "“甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸…”无法识别为数值");
    /* forty ASCII letters fit; the 41st is cut */
    expect_status(f, "abcdefghijabcdefghijabcdefghijabcdefghij", JX_VALUE_UNREADABLE,
                  "“abcdefghijabcdefghijabcdefghijabcdefghij”无法识别为数值");
    expect_status(f, "abcdefghijabcdefghijabcdefghijabcdefghijk", JX_VALUE_UNREADABLE,
                  "“abcdefghijabcdefghijabcdefghijabcdefghij…”无法识别为数值");
}

/*
 * Cells are trimmed of the one blank set (text.h). jx_value_read_plain_number used to
 * trim only space, tab, U+00A0 and U+3000, and jx_value_classify(_cells) only space, tab
 * and U+3000, nor did a run of dashes take any blank but space and tab. Worked by hand:
 * "\r\n12\v" is 12 once CR, LF and VT are dropped; EM SPACE + "7.5" + FF is 7.5; a
 * value cell NBSP 及时 NBSP keeps the text 及时 (it kept the NBSPs); "-", U+3000, "-" is
 * dashes and a blank, so no value (it was the text "-　-个").
 */
static void test_one_blank_set(void **state)
{
    fixture *f = *state;
    jx_dec d;
    const char *detail;
    assert_int_equal(plain("\r\n12\v", &d, &detail), JX_VALUE_OK);
    assert_int_equal(d.v, 12);
    assert_int_equal(d.scale, 0);
    assert_int_equal(plain("\xE2\x80\x83" "7.5\f", &d, &detail), JX_VALUE_OK);
    assert_int_equal(d.v, 75);
    assert_int_equal(d.scale, 1);
    /* a blank inside the number is still refused */
    assert_int_equal(plain("1\xE2\x80\x83" "2", &d, &detail), JX_VALUE_UNREADABLE);
    jx_value v;
    const char *text;
    assert_int_equal(cells(f, "", "\xC2\xA0及时\xC2\xA0", "", &v, &text), JX_VALUE_KIND_TEXT);
    assert_string_equal(text, "及时");
    assert_int_equal(cells(f, "", "-\xE3\x80\x80-", "个", &v, &text), JX_VALUE_KIND_EMPTY);
}

/* Cells with groupings, as the importers classify them. */
static void test_thousands_classify(void **state)
{
    fixture *f = *state;
    jx_value v;
    const char *detail, *text;
    assert_int_equal(classify(f, " 1,200 ", &v, &detail), JX_VALUE_KIND_NUMBER);
    assert_int_equal(v.num.v, 1200);
    assert_int_equal(classify(f, "\u30001,20\u3000", &v, &detail), JX_VALUE_KIND_UNREADABLE);
    assert_string_equal(detail, "“1,20”中的逗号不是千位分隔符（千位分隔应为 1,234 的形式）");
    assert_int_equal(cells(f, "≥", "1,000", "人次", &v, &text), JX_VALUE_KIND_NUMBER);
    assert_int_equal(v.sign, JX_SIGN_GE);
    assert_int_equal(v.num.v, 1000);
    assert_string_equal(v.unit.s, "人次");
    assert_null(text);
    assert_int_equal(cells(f, "", "1，200", "（元）", &v, &text), JX_VALUE_KIND_NUMBER);
    assert_int_equal(v.num.v, 1200);
    assert_string_equal(v.unit.s, "元");
    assert_int_equal(cells(f, "", "1,20", "%", &v, &text), JX_VALUE_KIND_UNREADABLE);
    assert_string_equal(text, "1,20%");
}

/* ------------------------------------------------------------- memory */

static void test_every_byte_freed(void **state)
{
    (void)state;
    jx_test_counting c = {0};
    jx_allocator a = jx_test_counting_allocator(&c);
    jx_value_reader *vr = jx_value_reader_create(&a);
    assert_non_null(vr);
    /* the match data was counted too; the compiled rows are the process's (malloc) */
    assert_true(c.in_use > 0);
    size_t shared_use = c.in_use;
    jx_value_reader *own = jx_value_reader_create_interpreted(&a);
    assert_non_null(own);
    /* an interpreted reader compiles rows of its own, 8 KB and more, through the allocator */
    assert_true(c.in_use - shared_use > 8192);
    jx_value_reader_destroy(own);
    assert_int_equal(c.in_use, shared_use);
    jx_arena ar;
    jx_arena_init(&ar, &a);
    jx_value v;
    const char *detail;
    const char *texts[] = {"≥60个", "＝４次", "$\\geq 1900$ 核", "≠3", "三十", "１０　小时"};
    for (int round = 0; round < 3; round++) {
        for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
            jx_value_read(vr, &ar, texts[i], strlen(texts[i]), &v, &detail);
        jx_arena_reset(&ar);
    }
    jx_arena_free(&ar);
    jx_value_reader_destroy(vr);
    assert_int_equal(c.in_use, 0);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    /* make each allocation of create fail in turn: NULL back, nothing leaked */
    size_t k;
    for (k = 1; k < 200; k++) {
        jx_test_counting c = {.fail_at = k};
        jx_allocator a = jx_test_counting_allocator(&c);
        jx_value_reader *vr = jx_value_reader_create(&a);
        if (vr) {
            jx_value_reader_destroy(vr);
            assert_int_equal(c.in_use, 0);
            break;
        }
        assert_int_equal(c.in_use, 0);
    }
    assert_true(k > 3); /* the reader, the contexts and the patterns all allocate */
    assert_true(k < 200);

    /* a read whose arena or scratch buffer cannot grow says NOMEM */
    jx_test_counting c = {0};
    jx_allocator a = jx_test_counting_allocator(&c);
    jx_value_reader *vr = jx_value_reader_create(&a);
    assert_non_null(vr);
    jx_arena ar;
    jx_arena_init(&ar, &a);
    c.fail_at = c.calls + 1;
    jx_value v;
    const char *detail;
    assert_int_equal(jx_value_read(vr, &ar, "≥60个", strlen("≥60个"), &v, &detail), JX_VALUE_NOMEM);
    c.fail_at = 0;
    jx_arena_free(&ar);
    jx_value_reader_destroy(vr);
    assert_int_equal(c.in_use, 0);
}

/* Classifying through the slow path with each allocation failing in turn: NOMEM or the
 * right kind, and nothing leaked. */
static void test_classify_out_of_memory(void **state)
{
    (void)state;
    const struct { const char *sign, *value, *unit; jx_value_kind kind; } cases[] = {
        {"", "7*24 小时", "", JX_VALUE_KIND_NUMBER},
        {"", "60~80", "", JX_VALUE_KIND_UNREADABLE},
        {"", "2023年底前", "", JX_VALUE_KIND_TEXT},
        {"定性", "及时处理", "(%)", JX_VALUE_KIND_TEXT},
        {"≥", "90", "(%)", JX_VALUE_KIND_NUMBER},
        {"", "１，２００", "元", JX_VALUE_KIND_NUMBER},
        {"", "1,20", "", JX_VALUE_KIND_UNREADABLE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool done = false;
        for (size_t k = 1; k < 20 && !done; k++) {
            jx_test_counting c = {0};
            jx_allocator a = jx_test_counting_allocator(&c);
            jx_value_reader *vr = jx_value_reader_create(&a);
            assert_non_null(vr);
            jx_arena ar;
            jx_arena_init(&ar, &a);
            c.fail_at = c.calls + k;
            jx_value v;
            const char *text, *detail;
            memset(&v, 0, sizeof v);
            jx_value_kind got = jx_value_classify_cells(vr, &ar, cases[i].sign, cases[i].value, cases[i].unit, &v,
                                                        &text, &detail);
            if (got != JX_VALUE_KIND_NOMEM) {
                if (got != cases[i].kind)
                    fail_msg("“%s” with allocation %zu failing: kind %d", cases[i].value, k, (int)got);
                done = c.calls < c.fail_at; /* nothing failed: every allocation was tried */
            }
            jx_arena_free(&ar);
            jx_value_reader_destroy(vr);
            assert_int_equal(c.in_use, 0);
        }
        if (!done)
            fail_msg("“%s” never classified", cases[i].value);
    }
}

/* jx_str_same_bytes, which compares by overlapping loads up to 16 bytes and by memcmp
 * past them, gives what a comparison a byte at a time gives: for every length from 0 to
 * 40, two equal texts are the same, and differing in any one byte (by one bit) they are
 * not. The bytes sit at the start of larger buffers whose rest
 * differs, so a load past the end would be seen too. */
static void test_same_bytes_against_bytewise(void **state)
{
    (void)state;
    char a[64], b[64];
    for (uint32_t n = 0; n <= 40; n++) {
        for (size_t i = 0; i < sizeof a; i++) {
            a[i] = (char)('A' + i % 26);
            b[i] = i < n ? a[i] : (char)('a' + i % 26);
        }
        jx_str sa = {a, n}, sb = {b, n};
        assert_true(jx_str_same_bytes(sa, sb));
        for (uint32_t k = 0; k < n; k++) {
            b[k] ^= 1;
            assert_false(jx_str_same_bytes(sa, sb));
            b[k] ^= 1;
        }
        /* a text and a longer one it begins: never the same */
        jx_str longer = {b, n + 1};
        assert_false(jx_str_same_bytes(sa, longer));
    }
    /* units as written: 个 against 个 and 人, 小时 against 小时 and 分钟 */
    assert_true(jx_str_same_bytes((jx_str){"个", 3}, (jx_str){"个", 3}));
    assert_false(jx_str_same_bytes((jx_str){"个", 3}, (jx_str){"人", 3}));
    assert_true(jx_str_same_bytes((jx_str){"小时", 6}, (jx_str){"小时", 6}));
    assert_false(jx_str_same_bytes((jx_str){"小时", 6}, (jx_str){"分钟", 6}));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fast_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_is_copied, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_fields_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slow_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slow_path_only_when_needed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_signs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_too_long, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_details, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thousands_fast, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thousands_slow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thousands_paths_agree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thousands_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plain_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_classify_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thousands_classify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_classify_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_quoted_by_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_blank_set, setup, teardown),
        cmocka_unit_test(test_every_byte_freed),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_classify_out_of_memory),
        cmocka_unit_test(test_same_bytes_against_bytewise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
