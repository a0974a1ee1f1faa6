/* SPDX-License-Identifier: MIT */
/* test_write_jx.c — `score --format jx` (write_jx.c): awkward texts are quoted so that the
 * parser reads back exactly the bytes the model held, and only the department's own claims
 * are written. The expected lines are written by hand from docs/dsl.md's quoting: '"' and
 * '\' are escaped as \" and \\, a line feed as \n, a carriage return as \r; a name is bare
 * only when it is one word that is no keyword, holds no '#' and does not start with a
 * digit or a sign. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"
#include "report.h"

#include "jixiao.h"

/* The awkward texts, each put into the model and expected back byte for byte. */
static const char NAME[] = "测试\"项目\",\\一\n二";          /* quotes, backslash, comma, line feed */
static const char DEPT[] = "301-大数据管理 # 不是注释";        /* '#' inside a string */
static const char GOAL[] = "ＡＢＣ１２３　全角\r\n第二行";       /* full-width, U+3000, CR LF */
static const char REASON[] = "权重 30 实际 45个 得分 8 不适用"; /* a text made of keywords and values */
static const char IND_KW[] = "权重";                          /* a name spelt as a keyword */
static const char IND_DIGIT[] = "60天办结率";                  /* a name starting with a digit */
static const char GROUP_HASH[] = "数量#指标";                  /* a name holding '#' */
static const char QUAL[] = "\\\\server\\共享\"盘\"";          /* backslashes and quotes in a 定性 text */

/* fx_small with the awkward texts put in, and claims on one indicator only. */
static void awkward_project(jx_project *p)
{
    jx_project_init(p, NULL);
    fx_small(p);
    p->name = fx_str(p, NAME);
    p->dept = fx_str(p, DEPT);
    p->goal = fx_str(p, GOAL);
    p->groups[1].name = fx_str(p, GROUP_HASH);
    p->inds[0].name = fx_str(p, IND_KW);
    p->inds[0].reason = fx_str(p, REASON);
    p->inds[1].name = fx_str(p, IND_DIGIT);
    p->inds[1].has_claim = true;
    p->inds[1].claim = fx_dec("15.00");
    /* a third, 定性 indicator: target and actual texts, 评定 部分达成 */
    jx_indicator *q = fx_ind(p, 1, "服务质量", fx_value(p, JX_SIGN_QUAL, NULL, NULL, 0, QUAL, 6, 20),
                             fx_value(p, JX_SIGN_NONE, NULL, NULL, 0, "基本\"满意\"", 6, 40), "0", 6);
    q->judge = JX_JUDGE_PARTLY;
}

static void quoting(void **state)
{
    (void)state;
    jx_project p;
    awkward_project(&p);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_JX, 0, ps, 1);
    /* by hand, from the rules in the comment at the top */
    assert_non_null(strstr(s.buf, "\n项目 \"测试\\\"项目\\\",\\\\一\\n二\" {\n"));
    assert_non_null(strstr(s.buf, "\n    主管部门 \"301-大数据管理 # 不是注释\"\n"));
    assert_non_null(strstr(s.buf, "\n    年度目标 \"ＡＢＣ１２３　全角\\r\\n第二行\"\n"));
    assert_non_null(strstr(s.buf, "\n    产出指标 50 {\n        \"数量#指标\" 50 {\n"));
    /* ≥60个 weight 30 actual 45个; the reason quoted whole */
    assert_non_null(strstr(s.buf, "\n            \"权重\" ≥60个 权重 30 实际 45个 偏差 \"权重 30 实际 45个 得分 8 不适用\"\n"));
    /* =4次 weight 20 actual 3次, the claim as given with its scale */
    assert_non_null(strstr(s.buf, "\n            \"60天办结率\" =4次 权重 20 实际 3次 得分 15.00\n"));
    assert_non_null(strstr(s.buf, "\n            服务质量 定性 \"\\\\\\\\server\\\\共享\\\"盘\\\"\" 权重 0 实际 \"基本\\\"满意\\\"\" 评定 部分达成\n"));
    /* recomputed total 37.50 / 差 is never written: no claim was made (the head comment
     * names 总分 and 结论, no line states them) */
    assert_null(strstr(s.buf, "\n    总分"));
    assert_null(strstr(s.buf, "\n    结论"));
    assert_null(strstr(s.buf, "37.5"));
    assert_null(strstr(s.buf, "22.5"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

/* The output, read back by the parser, holds every text as it was. */
static void reads_back(void **state)
{
    (void)state;
    jx_project p;
    awkward_project(&p);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_JX, 0, ps, 1);
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open_memory(&rd, "back.jx", s.buf, s.len, NULL), JX_OK);
    jx_project *b = NULL;
    assert_int_equal(jx_reader_next(rd, &b), JX_ROW);
    assert_int_equal(jx_project_error_count(b), 0);
    assert_string_equal(b->name.s, NAME);
    assert_string_equal(b->dept.s, DEPT);
    assert_string_equal(b->goal.s, GOAL);
    assert_int_equal(b->ngroups, 2);
    assert_string_equal(b->groups[1].name.s, GROUP_HASH);
    assert_int_equal(b->ninds, 3);
    assert_string_equal(b->inds[0].name.s, IND_KW);
    assert_string_equal(b->inds[0].reason.s, REASON);
    assert_int_equal(b->inds[0].weight.v, 30);
    assert_int_equal(b->inds[0].actual.num.v, 45);
    assert_string_equal(b->inds[0].actual.unit.s, "个");
    assert_false(b->inds[0].has_claim);
    assert_string_equal(b->inds[1].name.s, IND_DIGIT);
    assert_true(b->inds[1].has_claim);
    assert_int_equal(b->inds[1].claim.v, 1500); /* 15.00: its scale kept */
    assert_int_equal(b->inds[1].claim.scale, 2);
    assert_string_equal(b->inds[2].target.text.s, QUAL);
    assert_string_equal(b->inds[2].actual.text.s, "基本\"满意\"");
    assert_int_equal(b->inds[2].judge, JX_JUDGE_PARTLY);
    assert_false(b->has_claimed_total);
    assert_int_equal(b->claimed_grade, JX_GRADE_NONE);
    assert_int_equal(jx_reader_next(rd, &b), JX_DONE);
    jx_reader_close(rd);
    fx_sink_free(&s);
    jx_project_free(&p);
}

/* The escaper alone: what needs escaping and what does not. */
static void dsl_escaper(void **state)
{
    (void)state;
    assert_int_equal(jx_text_dsl_plain("ab#;{}\t中", strlen("ab#;{}\t中")), strlen("ab#;{}\t中"));
    assert_int_equal(jx_text_dsl_plain("ab\"c", 4), 2);
    assert_int_equal(jx_text_dsl_plain("a\\", 2), 1);
    assert_int_equal(jx_text_dsl_plain("\n", 1), 0);
    assert_int_equal(jx_text_dsl_plain("\r", 1), 0);
    char out[JX_TEXT_ESCAPE_MAX];
    size_t used = 0;
    assert_int_equal(jx_text_dsl_escape("\n", 1, out, &used), 2);
    assert_memory_equal(out, "\\n", 2);
    assert_int_equal(used, 1);
    assert_int_equal(jx_text_dsl_escape("\r", 1, out, &used), 2);
    assert_memory_equal(out, "\\r", 2);
    assert_int_equal(jx_text_dsl_escape("\"", 1, out, &used), 2);
    assert_memory_equal(out, "\\\"", 2);
    assert_int_equal(jx_text_dsl_escape("\\", 1, out, &used), 2);
    assert_memory_equal(out, "\\\\", 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quoting),
        cmocka_unit_test(reads_back),
        cmocka_unit_test(dsl_escaper),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
