/* SPDX-License-Identifier: MIT */
/* test_lexer.c — the stateless tokenizer: each token kind, its length, keywords. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "lexer.h"

#include <string.h>

/* Lexes the first token of s and checks its kind and byte length. */
static void expect_token(const char *s, jx_token_kind kind, size_t len)
{
    size_t got = 99;
    jx_token_kind k = jx_lex(s, strlen(s), &got);
    if (k != kind || got != len)
        fail_msg("\"%s\": got %s/%zu, want %s/%zu", s, jx_token_kind_name(k), got,
                 jx_token_kind_name(kind), len);
}

static void test_punctuation(void **state)
{
    (void)state;
    expect_token("", JX_TK_EOF, 0);
    expect_token("\n项目", JX_TK_NEWLINE, 1);
    expect_token("\r\nx", JX_TK_NEWLINE, 2);
    expect_token(";x", JX_TK_SEMI, 1);
    expect_token("{}", JX_TK_LBRACE, 1);
    expect_token("}{", JX_TK_RBRACE, 1);
    expect_token("  \t x", JX_TK_SPACE, 4);
    expect_token("\xE3\x80\x80x", JX_TK_SPACE, 3); /* U+3000 ideographic space */
    expect_token("# 注释 { \" }\nx", JX_TK_COMMENT, strlen("# 注释 { \" }"));
}

static void test_strings(void **state)
{
    (void)state;
    expect_token("\"提升\" 权重", JX_TK_STRING, 8);                 /* 2 + 2×3 bytes */
    expect_token("\"a\\\"b\\\\\"x", JX_TK_STRING, 8);               /* "a\"b\\" */
    expect_token("\"# not a comment\"", JX_TK_STRING, 17);
    expect_token("\"open\n\"", JX_TK_UNTERMINATED, 5);              /* stops at the newline */
    expect_token("\"open", JX_TK_UNTERMINATED, 5);
}

static void test_numbers(void **state)
{
    (void)state;
    expect_token("60个", JX_TK_NUMBER, 2);
    expect_token("358.35 ", JX_TK_NUMBER, 6);
    expect_token("-1.5", JX_TK_NUMBER, 4);
    expect_token("+7", JX_TK_NUMBER, 2);
    expect_token("1.", JX_TK_NUMBER, 1);       /* a dot without digits is not part of it */
    expect_token("96.68%", JX_TK_NUMBER, 5);
    expect_token("-x", JX_TK_WORD, 2);         /* a sign without digits is a word */
}

static void test_percent_and_signs(void **state)
{
    (void)state;
    expect_token("%", JX_TK_PERCENT, 1);
    expect_token("\xEF\xBC\x85 ", JX_TK_PERCENT, 3); /* ％ */
    expect_token("≥60", JX_TK_SIGN, 3);
    expect_token("≤24小时", JX_TK_SIGN, 3);
    expect_token("＝4次", JX_TK_SIGN, 3);
    expect_token("＞5", JX_TK_SIGN, 3);
    expect_token("＜5", JX_TK_SIGN, 3);
    expect_token("≧5", JX_TK_SIGN, 3);
    expect_token("≦5", JX_TK_SIGN, 3);
    expect_token(">= 95", JX_TK_SIGN, 2);
    expect_token("<=5", JX_TK_SIGN, 2);
    expect_token("==5", JX_TK_SIGN, 2);
    expect_token(">5", JX_TK_SIGN, 1);
    expect_token("=<5", JX_TK_SIGN, 2);        /* a wrong sign is still one sign token */
    expect_token("≠60", JX_TK_SIGN, 3);
    expect_token("!=60", JX_TK_SIGN, 2);
}

static void test_words(void **state)
{
    (void)state;
    expect_token("接入系统数量 ≥60个", JX_TK_WORD, 18);
    expect_token("个 权重", JX_TK_WORD, 3);
    expect_token("个/月;", JX_TK_WORD, 7);
    expect_token("第3批 x", JX_TK_WORD, 7);      /* digits inside a word are part of it */
    expect_token("A1{", JX_TK_WORD, 2);
    expect_token("率%", JX_TK_WORD, 3);
    expect_token("率≥", JX_TK_WORD, 3);
    expect_token("名\"x\"", JX_TK_WORD, 3);
    expect_token("a#b", JX_TK_WORD, 3);          /* '#' starts a comment only at a token start */
    expect_token("３０ 分", JX_TK_WORD, 6);      /* full-width digits are a word */
    expect_token("x\xFFy", JX_TK_WORD, 1);       /* an invalid byte ends a word */
}

static void test_invalid(void **state)
{
    (void)state;
    expect_token("\xFF", JX_TK_INVALID, 1);
    expect_token("\x80x", JX_TK_INVALID, 1);         /* stray continuation byte */
    expect_token("\xC0\xAF", JX_TK_INVALID, 1);      /* overlong '/' */
    expect_token("\xED\xA0\x80", JX_TK_INVALID, 1);  /* a surrogate */
    expect_token("\xE6\x9D", JX_TK_INVALID, 1);      /* a sequence cut short */
    expect_token("\x01", JX_TK_INVALID, 1);          /* a control character */
    expect_token("\x7F", JX_TK_INVALID, 1);
}

/* The first bad byte inside a string's bytes, or n when all are good. */
static void test_first_bad_byte(void **state)
{
    (void)state;
    assert_int_equal(jx_lex_first_bad_byte("\"绍兴中心\"", 14), 14);
    assert_int_equal(jx_lex_first_bad_byte("\"绍兴\xFF中心\"", 15), 7); /* 1 + 2×3 */
    assert_int_equal(jx_lex_first_bad_byte("ab\x01", 3), 2);
    assert_int_equal(jx_lex_first_bad_byte("a\tb", 3), 3); /* a tab is fine */
    assert_int_equal(jx_lex_first_bad_byte("\xE7\xBB", 2), 0); /* cut short */
}

/* Never reads past n: a sequence cut by n is invalid even if the bytes after it complete it. */
static void test_bounded(void **state)
{
    (void)state;
    size_t len;
    assert_int_equal(jx_lex("≥60", 2, &len), JX_TK_INVALID);
    assert_int_equal(len, 1);
    assert_int_equal(jx_lex("123456", 3, &len), JX_TK_NUMBER);
    assert_int_equal(len, 3);
    assert_int_equal(jx_lex("\"ab\"", 3, &len), JX_TK_UNTERMINATED);
    assert_int_equal(len, 3);
}

/* A whole line splits into the expected kinds. */
static void test_line(void **state)
{
    (void)state;
    const char *s = "执行率 ≥95% 权重 10 实际 \"全部\"; }";
    const jx_token_kind want[] = {JX_TK_WORD, JX_TK_SPACE, JX_TK_SIGN, JX_TK_NUMBER, JX_TK_PERCENT,
                                  JX_TK_SPACE, JX_TK_WORD, JX_TK_SPACE, JX_TK_NUMBER, JX_TK_SPACE,
                                  JX_TK_WORD, JX_TK_SPACE, JX_TK_STRING, JX_TK_SEMI, JX_TK_SPACE,
                                  JX_TK_RBRACE, JX_TK_EOF};
    size_t off = 0, n = strlen(s);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        size_t len;
        jx_token_kind k = jx_lex(s + off, n - off, &len);
        assert_int_equal(k, want[i]);
        off += len;
    }
    assert_int_equal(off, n);
}

static void test_keywords(void **state)
{
    (void)state;
    assert_int_equal(jx_keyword_lookup("项目", 6), JX_KW_PROJECT);
    assert_int_equal(jx_keyword_lookup("project", 7), JX_KW_PROJECT);
    assert_int_equal(jx_keyword_lookup("权重", 6), JX_KW_WEIGHT);
    assert_int_equal(jx_keyword_lookup("weight", 6), JX_KW_WEIGHT);
    assert_int_equal(jx_keyword_lookup("部分达成", 12), JX_KW_PARTLY);
    assert_int_equal(jx_keyword_lookup("not_applicable", 14), JX_KW_NOT_APPLICABLE);
    assert_int_equal(jx_keyword_lookup("按比例折算", 15), JX_KW_RESCALE);
    assert_int_equal(jx_keyword_lookup("qualitative_bands", 17), JX_KW_QUAL_BANDS);
    assert_int_equal(jx_keyword_lookup("优", 3), JX_KW_EXCELLENT);
    assert_int_equal(jx_keyword_lookup("grade", 5), JX_KW_JUDGE);   /* 评定 */
    assert_int_equal(jx_keyword_lookup("verdict", 7), JX_KW_VERDICT); /* 结论 */
    assert_int_equal(jx_keyword_lookup("上年", 6), JX_KW_LAST_YEAR);
    assert_int_equal(jx_keyword_lookup("last_year", 9), JX_KW_LAST_YEAR);
    assert_int_equal(jx_keyword_lookup("前年", 6), JX_KW_YEAR_BEFORE);
    assert_int_equal(jx_keyword_lookup("year_before", 11), JX_KW_YEAR_BEFORE);
    assert_int_equal(jx_keyword_lookup("依据", 6), JX_KW_BASIS);
    assert_int_equal(jx_keyword_lookup("basis", 5), JX_KW_BASIS);
    assert_int_equal(jx_keyword_lookup("权", 3), JX_KW_NONE);
    assert_int_equal(jx_keyword_lookup("权重2", 7), JX_KW_NONE);
    assert_int_equal(jx_keyword_lookup("Weight", 6), JX_KW_NONE); /* aliases are lower case */
    assert_int_equal(jx_keyword_lookup("", 0), JX_KW_NONE);
    assert_string_equal(jx_keyword_name(JX_KW_WEIGHT), "权重");
    /* every keyword's Chinese name looks up to itself */
    for (int kw = 1; kw < JX_KW_COUNT_; kw++) {
        const char *nm = jx_keyword_name((jx_keyword)kw);
        assert_int_equal(jx_keyword_lookup(nm, strlen(nm)), kw);
    }
}

/* The keywords that end a value, and when one after a value's number is its unit instead. */
static void test_keyword_in_value(void **state)
{
    (void)state;
    static const jx_keyword ending[] = {
        JX_KW_WEIGHT, JX_KW_ACTUAL, JX_KW_REASON, JX_KW_JUDGE, JX_KW_SCORE, JX_KW_QUALITATIVE,
        JX_KW_NOT_APPLICABLE, JX_KW_PROJECT, JX_KW_DEPT, JX_KW_ORG, JX_KW_YEAR, JX_KW_MONEY_UNIT,
        JX_KW_FUNDS, JX_KW_INITIAL, JX_KW_BUDGET, JX_KW_SPENT, JX_KW_GOAL, JX_KW_OUTCOME,
        JX_KW_DEVIATION, JX_KW_REMEDY, JX_KW_TOTAL, JX_KW_VERDICT,
        JX_KW_LAST_YEAR, JX_KW_YEAR_BEFORE, JX_KW_BASIS, /* the history of a target: 上年 前年 依据 */
    };
    size_t n = 0;
    for (int kw = 0; kw < JX_KW_COUNT_; kw++)
        n += jx_keyword_ends_value((jx_keyword)kw);
    assert_int_equal(n, sizeof ending / sizeof ending[0]);
    for (size_t i = 0; i < sizeof ending / sizeof ending[0]; i++)
        assert_true(jx_keyword_ends_value(ending[i]));
    assert_false(jx_keyword_ends_value(JX_KW_NONE));
    assert_false(jx_keyword_ends_value(JX_KW_POINTS)); /* 分 */
    assert_false(jx_keyword_ends_value(JX_KW_EXCELLENT));

    jx_keyword_index ix;
    jx_keyword_index_init(&ix);
    const jx_keyword_index *ixs[2] = {NULL, &ix};
    for (int k = 0; k < 2; k++) {
        const jx_keyword_index *x = ixs[k];
#define IN(kw, rest) jx_keyword_in_value((kw), (rest), strlen(rest), x)
        /* a keyword that ends nothing always belongs: "≥85分 权重 10" */
        assert_true(IN(JX_KW_POINTS, " 权重 10"));
        assert_true(IN(JX_KW_POINTS, " 30"));
        /* the line ends after it: a unit ("≥3项目", "实际 88 得分") */
        assert_true(IN(JX_KW_PROJECT, ""));
        assert_true(IN(JX_KW_SCORE, "\n 乙 ≥1"));
        assert_true(IN(JX_KW_SCORE, "\r\n"));
        assert_true(IN(JX_KW_WEIGHT, "  ;"));
        assert_true(IN(JX_KW_WEIGHT, " }"));
        assert_true(IN(JX_KW_ACTUAL, "\t# 注释"));
        assert_true(IN(JX_KW_ACTUAL, "\xE3\x80\x80")); /* an ideographic space, then the end */
        /* another keyword that ends values follows: a unit ("≥3项目 权重 10") */
        assert_true(IN(JX_KW_PROJECT, " 权重 10"));
        assert_true(IN(JX_KW_WEIGHT, " weight 10"));
        assert_true(IN(JX_KW_SCORE, " 得分 8"));
        assert_true(IN(JX_KW_ORG, " 不适用"));
        assert_true(IN(JX_KW_ACTUAL, " 偏差 \"x\""));
        /* its own value follows: the attribute ("≥60 权重 30", "实际 88 得分 8") */
        assert_false(IN(JX_KW_WEIGHT, " 30"));
        assert_false(IN(JX_KW_WEIGHT, "30"));
        assert_false(IN(JX_KW_SCORE, " ８"));      /* a word: full-width digits */
        assert_false(IN(JX_KW_ACTUAL, " \"提升\""));
        assert_false(IN(JX_KW_ACTUAL, " ≥60个"));
        assert_false(IN(JX_KW_JUDGE, " 达成"));    /* 达成 ends no value: 评定's own */
        assert_false(IN(JX_KW_PROJECT, " 说明"));
        assert_false(IN(JX_KW_PROJECT, " {"));
        assert_false(IN(JX_KW_REASON, " \"未闭合"));
        assert_false(IN(JX_KW_WEIGHT, " \xFF"));
        /* the history: 上年/前年 followed by 定性 take it as their own value ("≥1 上年 定性 \"好\""),
         * by another attribute they are a unit as any keyword is ("≥3上年 权重 1") */
        assert_false(IN(JX_KW_LAST_YEAR, " 定性 \"好\""));
        assert_false(IN(JX_KW_YEAR_BEFORE, " qualitative \"好\""));
        assert_true(IN(JX_KW_WEIGHT, " 定性 \"好\""));
        assert_true(IN(JX_KW_LAST_YEAR, " 权重 1"));
        assert_true(IN(JX_KW_BASIS, " 上年 1"));
        assert_false(IN(JX_KW_BASIS, " \"经验\""));
        /* 不适用 takes no value and never belongs */
        assert_false(IN(JX_KW_NOT_APPLICABLE, ""));
        assert_false(IN(JX_KW_NOT_APPLICABLE, " 权重 1"));
#undef IN
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_punctuation), cmocka_unit_test(test_strings),
        cmocka_unit_test(test_numbers),     cmocka_unit_test(test_percent_and_signs),
        cmocka_unit_test(test_words),       cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_bounded),     cmocka_unit_test(test_line),
        cmocka_unit_test(test_first_bad_byte),
        cmocka_unit_test(test_keywords),
        cmocka_unit_test(test_keyword_in_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
