/* SPDX-License-Identifier: MIT */
/* test_render_txt_audit.c — the audit report as plain lines for mail and chat
 * (JX_FORMAT_TXT: the document of build_audit.c drawn by render_txt.c): every labelled
 * value a line "标签：值", every table row a line that stands on its own, findings a line
 * each, projects separated by a rule, nothing aligned, no markup, no overview table.
 * The numbers are those of the inflated corpus (tests/audit/inflated), worked by hand in
 * the files' comments and again below; an unscored project, an empty run, the sample,
 * a failed write and running out of memory at any allocation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audit_run.h"
#include "counting.h"
#include "text_find.h"
#include "write_text.h"

/* Audits the rule files paths[0..n) (and the rule text extra, when not NULL) under the
 * default policy with options o, as txt on allocator a (NULL: the default) into out;
 * returns the first failure. */
static jx_result audit_txt(const char *const *paths, size_t n, const char *extra, const jx_audit_options *o,
                           const jx_allocator *a, jx_test_text *out)
{
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_test_audit_spec spec = {pol, paths, n, extra, o, JX_FORMAT_TXT, 0, false};
    jx_result rc = jx_test_audit_files(&spec, a, out);
    jx_policy_close(pol);
    return rc;
}

/* The txt report of the inflated corpus (free it). */
static char *inflated_txt(void)
{
    jx_test_text out = {NULL, 0};
    assert_int_equal(audit_txt(jx_test_inflated, JX_TEST_NINFLATED, NULL, NULL, NULL, &out), JX_OK);
    assert_non_null(out.s);
    return out.s;
}

/* Asserts that text holds line as a whole line. */
static void has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *s = strstr(text, line); s; s = strstr(s + 1, line))
        if ((s == text || s[-1] == '\n') && (s[n] == '\n' || s[n] == '\0'))
            return;
    fail_msg("no line \"%s\"", line);
}

static void inflated(void **state)
{
    (void)state;
    char *s = inflated_txt();
    /* the head: the default policy, findings of every severity */
    static const char head[] = "审核报告（评分办法：财政部2020；列出提示及以上的发现）\n"
                               "自评总分、结论按评分办法重算。\n"
                               "\n"
                               "项目名称：越城区道路养护项目\n"
                               "位置：audit/inflated/a-road.jx:12\n"
                               "主管部门：205-交通运输\n"
                               "预算单位：205001-越城区公路养护中心\n"
                               "资金：全年预算 180 万元，全年执行 171.5 万元\n"
                               "\n";
    assert_true(strncmp(s, head, strlen(head)) == 0);
    /* 道路养护: 30.00 + 20.00 + 27.00 + 9.44 = 86.44 → 良; 100.00 − 86.44 = +13.56 */
    has_line(s, "- 总分：自评 100.00，重算 86.44，差额 +13.56");
    has_line(s, "- 结论：自评 优，重算 良，差额 不符");
    /* 3 × (missing-reason, claimed-score) + claimed-total + claimed-grade = 8 warnings,
     * all-full-marks 1 note */
    has_line(s, "发现（9 条：错误 0，警告 8，提示 1）");
    has_line(s, "- 警告 missing-reason audit/inflated/a-road.jx:21:13 指标“养护里程”得分 30.00 低于权重 40，"
                "没有填写偏差原因分析及改进措施");
    /* 垃圾分类: 450000 元 = 45 万元; 15.00 + 22.50 + 30.00 + 10.00 = 77.50 → 中, +17.50 */
    has_line(s, "资金：全年预算 45 万元，全年执行 45 万元");
    has_line(s, "- 总分：自评 95.00，重算 77.50，差额 +17.50");
    has_line(s, "- 结论：自评 优，重算 中，差额 不符");
    /* 基层培训: the 年度资金总额 row is 0, so 60 + 10 = 70 and 54.3 + 10 = 64.3;
     * 22.50 + 30.00 + 24.00 + 7.06 = 83.56 → 良, +8.44; the error comes first */
    has_line(s, "资金：全年预算 70 万元，全年执行 64.3 万元");
    has_line(s, "- 总分：自评 92.00，重算 83.56，差额 +8.44");
    has_line(s, "发现（10 条：错误 1，警告 8，提示 1）");
    const char *band = strstr(s, "- 错误 qualitative-band audit/inflated/c-training.jx:31:63 ");
    assert_non_null(band);
    assert_true(band < strstr(s, "- 警告 missing-reason audit/inflated/c-training.jx:25:13 "));
    /* 河道保洁: 60.00 + 28.42 + 10.00 = 98.42 as claimed: 0.00, the grades agree (no 差额 said) */
    has_line(s, "- 总分：自评 98.42，重算 98.42，差额 0.00");
    has_line(s, "- 结论：自评 优，重算 优");
    /* 应急物资: no 资金 row, so no 资金 line; 94.00 − 100.00 = −6.00 */
    const char *last = strstr(s, "项目名称：嵊州市应急物资储备项目\n位置：audit/inflated/d-claims-hold.jx:42\n"
                                 "主管部门：118-应急管理\n预算单位：118004-嵊州市应急物资储备中心\n\n");
    assert_non_null(last);
    has_line(s, "- 总分：自评 94.00，重算 100.00，差额 -6.00");
    has_line(s, "发现（2 条：错误 0，警告 2，提示 0）");

    /* the summary, after a rule: five parts before it, so five rules in all */
    assert_int_equal(jx_test_occurrences(s, NULL, "\n----------\n"), 5);
    has_line(s, "汇总");
    has_line(s, "项目：5 个，其中无法计分 0 个");
    /* 180 + 45 + 70 + 30 = 325, 171.5 + 45 + 64.3 + 28 = 308.8 over the 4 with 资金 */
    has_line(s, "资金：全年预算 325 万元，全年执行 308.8 万元（4 个项目）");
    /* (13.56 + 17.50 + 8.44 + 0.00 − 6.00) / 5 = 33.50 / 5 = +6.70 */
    has_line(s, "平均虚高：+6.70 分（自评总分 − 重算总分，5 个填了总分并已计分的项目的平均）");
    /* 1 of 5 claims 100 = 20.00%; 总分 differs in all but 河道保洁, 结论 in the first three */
    has_line(s, "自评 100 分：1 个，占全部项目的 20.00%");
    has_line(s, "自评与重算不符：4 个：总分不符 4 个，结论不符 3 个");
    /* all five claim 优; recomputed 98.42 and 100.00 优, 86.44 and 83.56 良, 77.50 中 */
    has_line(s, "结论分布");
    has_line(s, "- 自评：优 5，良 0，中 0，差 0，未填/未计分 0");
    has_line(s, "- 重算：优 2，良 2，中 1，差 0，未填/未计分 0");
    /* 9 + 6 + 10 + 1 + 2 = 28 findings: 1 error, 25 warnings, 2 notes; by code without 合计 */
    has_line(s, "发现（提示及以上）");
    has_line(s, "28 条：错误 1，警告 25，提示 2；有错误的项目 1 个");
    has_line(s, "- claimed-total / 自评总分与重算不符：错误 0，警告 4，提示 0");
    has_line(s, "- missing-reason / 缺少偏差原因：错误 0，警告 8，提示 0");
    assert_null(strstr(s, "，合计 ")); /* the derived column: "合计" is also in a finding's words */
    /* the summary ends the report: no sample asked for */
    assert_null(strstr(s, "抽查"));
    assert_string_equal(s + strlen(s) - strlen("- qualitative-band / 定性得分不在评定区间：错误 1，警告 0，提示 0\n"),
                        "- qualitative-band / 定性得分不在评定区间：错误 1，警告 0，提示 0\n");
    /* nothing aligned, no markup, no overview (its 序号 and 重算总分 columns) */
    assert_null(strstr(s, "  "));
    assert_null(strchr(s, '|'));
    assert_null(strstr(s, "序号"));
    assert_null(strstr(s, "，重算总分 "));
    assert_null(strstr(s, "发现明细"));
    free(s);
}

/* A project that cannot be scored and one without findings above the threshold. */
static const char odd[] = "项目 \"有语法错误\" {\n"
                          "    产出指标 100 { 数量指标 100 { 巡查次数 ≥12次 权重 abc 实际 12次 } }\n"
                          "    总分 100 结论 优\n"
                          "}\n"
                          "项目 \"巡查项目\" {\n"
                          "    单位 \"a|b\"\n"
                          "    产出指标 100 { 数量指标 100 { 巡查次数 ≥12次 权重 100 实际 12次 } }\n"
                          "    总分 100 结论 优\n"
                          "}\n";

static void unscored_and_without_findings(void **state)
{
    (void)state;
    /* warnings and errors only: 巡查项目's all-full-marks note is left out */
    jx_audit_options o = {.min_severity = JX_SEV_WARNING, .sample_count = 0, .sample_bp = 0, .seed = 0, .by = JX_AUDIT_BY_NONE, .weight_funds = 0, .include_flagged = 0};
    jx_test_text out = {NULL, 0};
    assert_int_equal(audit_txt(NULL, 0, odd, &o, NULL, &out), JX_OK);
    const char *s = out.s;
    has_line(s, "审核报告（评分办法：财政部2020；列出警告及以上的发现）");
    /* claimed 100.00 优, nothing recomputed: dashes, no 差额 of the grades, and it says why */
    has_line(s, "- 总分：自评 100.00，重算 —，差额 —");
    has_line(s, "- 结论：自评 优，重算 —");
    has_line(s, "有错误，未能计分");
    has_line(s, "- 错误 syntax extra.jx:2:40 权重应为数字，这里是“abc”");
    /* 巡查项目: 12 ≥ 12 → 100 × 1 = 100.00 as claimed; its only finding is a note */
    has_line(s, "预算单位：a|b");
    has_line(s, "- 总分：自评 100.00，重算 100.00，差额 0.00");
    has_line(s, "发现：无");
    /* 2 projects, 1 unscored; the one scored claimed 100.00 and got 100.00: 0.00 */
    has_line(s, "项目：2 个，其中无法计分 1 个");
    has_line(s, "平均虚高：0.00 分（自评总分 − 重算总分，1 个填了总分并已计分的项目的平均）");
    has_line(s, "- 重算：优 1，良 0，中 0，差 0，未填/未计分 1");
    has_line(s, "1 条：错误 1，警告 0，提示 0；有错误的项目 1 个");
    has_line(s, "- syntax / 语法错误：错误 1，警告 0，提示 0");
    free(out.s);
}

static void empty_run(void **state)
{
    (void)state;
    jx_test_text out = {NULL, 0};
    assert_int_equal(audit_txt(NULL, 0, NULL, NULL, NULL, &out), JX_OK);
    /* the summary alone, after a blank line (no part before it, so no rule); no findings */
    assert_string_equal(out.s, "审核报告（评分办法：财政部2020；列出提示及以上的发现）\n"
                               "自评总分、结论按评分办法重算。\n"
                               "\n"
                               "汇总\n"
                               "项目：0 个，其中无法计分 0 个\n"
                               "资金：全年预算 0 万元，全年执行 0 万元（0 个项目）\n"
                               "平均虚高：—（没有填了总分并已计分的项目）\n"
                               "自评 100 分：0 个，占全部项目的 0.00%\n"
                               "自评与重算不符：0 个：总分不符 0 个，结论不符 0 个\n"
                               "\n"
                               "结论分布\n"
                               "- 自评：优 0，良 0，中 0，差 0，未填/未计分 0\n"
                               "- 重算：优 0，良 0，中 0，差 0，未填/未计分 0\n"
                               "\n"
                               "发现（提示及以上）\n"
                               "无\n");
    free(out.s);
}

static void sample_picks(void **state)
{
    (void)state;
    static const char *const corpus[] = {"audit/sample/a-bigdata.jx", "audit/sample/b-roads.jx",
                                         "audit/sample/c-transport.jx", "audit/sample/d-more.jx"};
    /* the draw of the golden case audit-sample-text: 20%, seed 42, by 单位, errors always in;
     * the picks are those the sample test (test_audit.c) fixes, in the order read */
    jx_audit_options o = {.min_severity = JX_SEV_NOTE, .sample_count = 0, .sample_bp = 2000, .seed = 42, .by = JX_AUDIT_BY_ORG, .weight_funds = 0, .include_flagged = 1};
    jx_test_text out = {NULL, 0};
    assert_int_equal(audit_txt(corpus, 4, NULL, &o, NULL, &out), JX_OK);
    const char *s = out.s;
    const char *sample = strstr(s, "\n----------\n\n抽查（抽取 20%，种子 42，按单位分层，有错误或自评高于重算的项目必抽）："
                                   "抽中 5 个项目\n");
    assert_non_null(sample);
    /* one line a pick, without its 序号: name, then 位置, 抽取方式 and 说明 */
    assert_int_equal(jx_test_occurrences(sample, NULL, "\n- "), 5);
    has_line(sample, "- 越城区路灯维修项目：位置 audit/sample/b-roads.jx:28，抽取方式 有错误，必抽，说明 按单位分层：单位“205001-"
                     "越城区公路养护中心”共 5 个项目，抽 1 个（20%），其中有错误级问题的 1 个必抽，本项目有错误级问题，必抽");
    jx_test_has(sample, "- 越城区共享单车治理项目：位置 audit/sample/d-more.jx:54，抽取方式 随机抽取，说明 按单位分层：");
    /* the sample comes last */
    assert_null(strstr(sample + 1, "\n----------\n"));
    free(out.s);
}

/* ------------------------------------------------- bytes, failures, memory */

static void same_bytes_twice(void **state)
{
    (void)state;
    char *a = inflated_txt();
    char *b = inflated_txt();
    assert_string_equal(a, b);
    free(a);
    free(b);
}

static void write_failure_is_io(void **state)
{
    (void)state;
    jx_audit *au = NULL;
    jx_audit_writer *aw = NULL;
    assert_int_equal(jx_audit_create(&au, NULL, NULL, NULL), JX_OK);
    assert_int_equal(jx_audit_writer_create(&aw, au, JX_FORMAT_TXT, jx_test_write_nothing, NULL, NULL), JX_OK);
    assert_int_equal(jx_audit_writer_finish(aw), JX_ERR_IO);
    jx_audit_writer_destroy(aw);
    jx_audit_destroy(au);
}

/* Whatever allocation fails, the audit fails for want of memory, frees everything, and
 * never gives a report short of the whole. */
static void out_of_memory_anywhere(void **state)
{
    (void)state;
    char *want = inflated_txt();
    size_t k;
    for (k = 1; k < 3000; k++) {
        jx_test_counting c = {.fail_at = k};
        jx_allocator a = jx_test_counting_allocator(&c);
        jx_test_text out = {NULL, 0};
        jx_result rc = audit_txt(jx_test_inflated, JX_TEST_NINFLATED, NULL, NULL, &a, &out);
        assert_int_equal(c.in_use, 0);
        if (rc == JX_OK)
            assert_string_equal(out.s, want);
        else if (rc != JX_ERR_NOMEM)
            fail_msg("allocation %zu failed, and the audit returned %d", k, (int)rc);
        free(out.s);
        if (c.calls < k)
            break; /* no call failed: every allocation has had its turn */
    }
    assert_true(k < 3000);
    free(want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inflated),
        cmocka_unit_test(unscored_and_without_findings),
        cmocka_unit_test(empty_run),
        cmocka_unit_test(sample_picks),
        cmocka_unit_test(same_bytes_twice),
        cmocka_unit_test(write_failure_is_io),
        cmocka_unit_test(out_of_memory_anywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
