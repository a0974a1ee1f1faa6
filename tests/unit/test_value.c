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
#include "dec.h"
#include "value.h"
#include "value_internal.h"

/* ------------------------------------------------------ counting allocator */

/** Tracks the bytes in use and can fail the n-th allocation. */
typedef struct counting {
    size_t in_use;    /* bytes currently allocated */
    size_t peak;      /* most bytes ever in use */
    size_t calls;     /* allocations and resizes asked for */
    size_t fail_at;   /* the call number that fails (1-based), 0 = never */
} counting;

static void *counting_fn(void *ud, void *ptr, size_t osize, size_t nsize)
{
    counting *c = ud;
    if (nsize == 0) {
        if (ptr)
            c->in_use -= osize;
        free(ptr);
        return NULL;
    }
    c->calls++;
    if (c->fail_at && c->calls == c->fail_at)
        return NULL;
    void *p = realloc(ptr, nsize);
    if (!p)
        return NULL;
    c->in_use += nsize - (ptr ? osize : 0);
    if (c->in_use > c->peak)
        c->peak = c->in_use;
    return p;
}

/* ------------------------------------------------------------- fixtures */

/** A reader and an arena on a counting allocator, checked for leaks at teardown. */
typedef struct fixture {
    counting count;       /* the allocator's books */
    jx_allocator alloc;   /* counting_fn over count */
    jx_value_reader *vr;  /* the reader under test */
    jx_arena ar;          /* where units and details go */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    f->alloc.fn = counting_fn;
    f->alloc.ud = &f->count;
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
    expect_status(f, "60~80", JX_VALUE_UNREADABLE, NULL);
    expect_status(f, "7*24 小时", JX_VALUE_UNREADABLE, NULL);
    expect_status(f, "60 个 人", JX_VALUE_UNREADABLE, NULL);
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

/* ------------------------------------------------------------- memory */

static void test_every_byte_freed(void **state)
{
    (void)state;
    counting c = {0};
    jx_allocator a = {counting_fn, &c};
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
        counting c = {0};
        c.fail_at = k;
        jx_allocator a = {counting_fn, &c};
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
    counting c = {0};
    jx_allocator a = {counting_fn, &c};
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
        cmocka_unit_test(test_every_byte_freed),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
