/* test_value.c — reading targets and actuals: every form, every refusal, every byte freed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

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

/* ------------------------------------------------------------- memory */

static void test_every_byte_freed(void **state)
{
    (void)state;
    jx_test_counting c = {0};
    jx_allocator a = jx_test_counting_allocator(&c);
    jx_value_reader *vr = jx_value_reader_create(&a);
    assert_non_null(vr);
    /* the compiled patterns and match data were counted too */
    assert_true(c.in_use > 1024);
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
        cmocka_unit_test_setup_teardown(test_classify_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_classify_cells, setup, teardown),
        cmocka_unit_test(test_every_byte_freed),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_classify_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
