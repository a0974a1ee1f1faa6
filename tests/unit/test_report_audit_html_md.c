/* SPDX-License-Identifier: MIT */
/* test_report_audit_html_md.c — the audit report as HTML and as Markdown: the inflated
 * corpus (tests/audit/inflated, every number worked out by hand in the files' comments)
 * read back from both — the summary's numbers, the grade distribution and its chart's
 * bars, each project's claimed and recomputed 总分 and 结论, the findings —, an unscored
 * project and escaped names, the sample's picks, an empty run, the same bytes twice, a
 * failed write, and running out of memory at any allocation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audit.h"
#include "counting.h"
#include "write_text.h"
#include "audit_run.h"
#include "text_find.h"


/* Audits the rule files paths[0..n) (and the rule text extra, when not NULL) under the
 * default policy with options o, writing format fmt on allocator a (NULL: the default)
 * into out; returns the first failure. */
static jx_result audit_run(const char *const *paths, size_t n, const char *extra, const jx_audit_options *o,
                           jx_format fmt, const jx_allocator *a, jx_test_text *out)
{
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_test_audit_spec spec = {pol, paths, n, extra, o, fmt, 0, false};
    jx_result rc = jx_test_audit_files(&spec, a, out);
    jx_policy_close(pol);
    return rc;
}

/* The report of the inflated corpus in format fmt (free the text). */
static char *inflated_report(jx_format fmt)
{
    jx_test_text out = {NULL, 0};
    assert_int_equal(audit_run(jx_test_inflated, JX_TEST_NINFLATED, NULL, NULL, fmt, NULL, &out), JX_OK);
    assert_non_null(out.s);
    return out.s;
}

/* The heights of the bars of series j of the report's chart, in order, into h; returns how many. */
static size_t bar_heights(const char *s, int j, long *h, size_t max)
{
    char key[32];
    snprintf(key, sizeof key, "<rect class=\"bar s%d\"", j);
    size_t n = 0;
    for (const char *p = strstr(s, key); p && n < max; p = strstr(p + 1, key)) {
        const char *a = strstr(p, " height=\"");
        assert_non_null(a);
        h[n++] = strtol(a + 9, NULL, 10);
    }
    return n;
}

/* ------------------------------------------------------------------ HTML */

static void inflated_html(void **state)
{
    (void)state;
    char *s = inflated_report(JX_FORMAT_HTML);
    assert_true(strncmp(s, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n", 36) == 0);
    assert_string_equal(s + strlen(s) - 16, "</body>\n</html>\n");
    /* self-contained: no script, image, link or address */
    static const char *const outside[] = {"http", "//", "<script", "<link", "<img", "src=", "url(", "@import"};
    for (size_t i = 0; i < sizeof outside / sizeof *outside; i++)
        if (strstr(s, outside[i]))
            fail_msg("the document holds %s", outside[i]);
    /* two sheets: the summary, then the tables */
    assert_int_equal(jx_test_occurrences(s, NULL, "<section class=\"sheet\">"), 2);
    jx_test_has(s, "<h1>审核报告</h1>\n<p class=\"meta\">评分办法：财政部2020　列出提示及以上的发现");

    /* the summary: 5 projects, none unscored; funds 180 + 45 + 70 + 30 = 325 and
     * 171.5 + 45 + 64.3 + 28 = 308.8 over the 4 projects with 资金 (嵊州 has none);
     * inflation (13.56 + 17.50 + 8.44 + 0.00 − 6.00) / 5 = 33.50 / 5 = +6.70; one claim
     * of 100 (道路养护) = 20.00%; totals differ in 4 (all but 河道保洁), grades in 3 */
    jx_test_has(s, "<tr><th scope=\"row\">项目</th><td>5 个，其中无法计分 0 个</td></tr>");
    jx_test_has(s, "<td>全年预算 325 万元，全年执行 308.8 万元（4 个项目）</td>");
    jx_test_has(s, "<td>+6.70 分（自评总分 − 重算总分，5 个填了总分并已计分的项目的平均）</td>");
    jx_test_has(s, "<tr><th scope=\"row\">自评 100 分</th><td>1 个，占全部项目的 20.00%</td></tr>");
    jx_test_has(s, "<td>4 个：总分不符 4 个，结论不符 3 个</td>");
    /* all five claim 优; recomputed 98.42 and 100.00 优, 86.44 and 83.56 良, 77.50 中 */
    jx_test_has(s, "<tr><th scope=\"col\">结论</th><th scope=\"col\">优</th><th scope=\"col\">良</th><th scope=\"col\">中</th>"
           "<th scope=\"col\">差</th><th scope=\"col\">未填/未计分</th></tr>");
    jx_test_has(s, "<tr><th scope=\"row\">自评</th><td>5</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>");
    jx_test_has(s, "<tr><th scope=\"row\">重算</th><td>2</td><td>2</td><td>1</td><td>0</td><td>0</td></tr>");
    /* the chart: axis 0 … 5, 200 units tall, 40 a project */
    long h[8];
    static const long claimed[] = {200, 0, 0, 0, 0}, recomputed[] = {80, 80, 40, 0, 0};
    assert_int_equal(bar_heights(s, 0, h, 8), 5);
    assert_memory_equal(h, claimed, sizeof claimed);
    assert_int_equal(bar_heights(s, 1, h, 8), 5);
    assert_memory_equal(h, recomputed, sizeof recomputed);
    jx_test_has(s, "<desc>自评：优 5 个，良 0 个，中 0 个，差 0 个，未填/未计分 0 个；重算：优 2 个，良 2 个，中 1 个，差 0 个，"
           "未填/未计分 0 个</desc>");

    /* the projects: funds, claimed, recomputed (bold when it differs), 差额, grades */
    jx_test_has(s, "<th scope=\"row\" class=\"l\">越城区道路养护项目<span class=\"sub\">205001-越城区公路养护中心</span>"
           "<span class=\"sub\">audit/inflated/a-road.jx:12</span></th>");
    jx_test_has(s, "<td class=\"r\">180</td><td class=\"r\">171.5</td><td>100.00</td><td class=\"x\">86.44</td><td>+13.56</td>"
           "<td>优</td><td class=\"x\">良<span class=\"flag\">不符</span></td>");
    jx_test_has(s, "<td class=\"r\">45</td><td class=\"r\">45</td><td>95.00</td><td class=\"x\">77.50</td><td>+17.50</td>"
           "<td>优</td><td class=\"x\">中<span class=\"flag\">不符</span></td>");
    jx_test_has(s, "<td class=\"r\">70</td><td class=\"r\">64.3</td><td>92.00</td><td class=\"x\">83.56</td><td>+8.44</td>"
           "<td>优</td><td class=\"x\">良<span class=\"flag\">不符</span></td>");
    jx_test_has(s, "<td class=\"r\">30</td><td class=\"r\">28</td><td>98.42</td><td>98.42</td><td>0.00</td><td>优</td><td>优</td>");
    jx_test_has(s, "<td class=\"r\">—</td><td class=\"r\">—</td><td>94.00</td><td class=\"x\">100.00</td><td>-6.00</td>"
           "<td>优</td><td>优</td>");
    jx_test_has(s, "<h2>项目（5）</h2>");

    /* the findings: as many rows as the summary counts, one group per project with any */
    const char *table = strstr(s, "<table class=\"findings\">");
    assert_non_null(table);
    const char *end = strstr(table, "</table>");
    const char *codes = strstr(s, "<table class=\"codes\">");
    assert_non_null(codes);
    const char *codes_end = strstr(codes, "</table>");
    size_t counted = 0;
    for (const char *p = strstr(codes, "<th scope=\"row\" class=\"l\">"); p && p < codes_end;
         p = strstr(p + 1, "<th scope=\"row\" class=\"l\">")) {
        /* the 合计 cell closes the row: the last <td> before </tr> */
        const char *tr = strstr(p, "</tr>");
        const char *last = tr;
        while (strncmp(last, "<td>", 4) != 0)
            last--;
        counted += (size_t)strtoul(last + 4, NULL, 10);
    }
    char title[64];
    snprintf(title, sizeof title, "<h2>发现明细（%zu）</h2>", counted);
    jx_test_has(s, title);
    assert_int_equal(jx_test_occurrences(table, end, "<tr>") - 1, counted); /* less the head */
    assert_int_equal(jx_test_occurrences(table, end, "<tbody>"), 5);
    /* every finding names its code and its position in the project's file */
    jx_test_has(table, "<th scope=\"rowgroup\" rowspan=\"2\" class=\"p\">嵊州市应急物资储备项目<span class=\"sub\">"
               "audit/inflated/d-claims-hold.jx</span></th>");
    jx_test_has(table, "<td>claimed-total</td><td>62:8</td><td>项目“嵊州市应急物资储备项目”自评总分 94 与重算总分 100.00 不符</td>");
    /* the summary's codes, each with its Chinese name */
    jx_test_has(codes, "<th scope=\"row\" class=\"l\">claimed-total</th><td class=\"l\">自评总分与重算不符</td>");
    /* the single finding of 河道保洁 spans no rows */
    jx_test_has(table, "<th scope=\"rowgroup\" class=\"p\">诸暨市河道保洁项目");
    /* no sample asked for */
    assert_null(strstr(s, "<h2>抽查</h2>"));
    free(s);
}

/* ---------------------------------------------------------------- Markdown */

static void inflated_md(void **state)
{
    (void)state;
    char *s = inflated_report(JX_FORMAT_MD);
    assert_true(strncmp(s, "# 审核报告\n\n评分办法：财政部2020；列出提示及以上的发现；", 60) == 0);
    /* the same summary as the HTML's (worked out there) */
    jx_test_has(s, "| 项目 | 5 个，其中无法计分 0 个 |\n");
    jx_test_has(s, "| 资金 | 全年预算 325 万元，全年执行 308.8 万元（4 个项目） |\n");
    jx_test_has(s, "| 平均虚高 | +6.70 分（");
    jx_test_has(s, "| 自评 100 分 | 1 个，占全部项目的 20.00% |\n");
    jx_test_has(s, "| 自评与重算不符 | 4 个：总分不符 4 个，结论不符 3 个 |\n");
    /* the distribution, the chart's numbers as a small table */
    jx_test_has(s, "### 结论分布\n\n| 结论 | 优 | 良 | 中 | 差 | 未填/未计分 |\n| --- | ---: | ---: | ---: | ---: | ---: |\n"
           "| 自评 | 5 | 0 | 0 | 0 | 0 |\n| 重算 | 2 | 2 | 1 | 0 | 0 |\n");
    /* the projects */
    jx_test_has(s, "| 1 | 越城区道路养护项目 | 205001-越城区公路养护中心 | audit/inflated/a-road.jx:12 | 180 | 171.5 | "
           "100.00 | 86.44 | +13.56 | 优 | 良（不符） |");
    jx_test_has(s, "| 2 | 柯桥区垃圾分类项目 | 512003-柯桥区环境卫生管理处 | audit/inflated/b-waste.jx:12 | 45 | 45 | "
           "95.00 | 77.50 | +17.50 | 优 | 中（不符） |");
    jx_test_has(s, "| 3 | 上虞区基层医疗培训项目 | 402007-上虞区基层卫生指导中心 | audit/inflated/c-training.jx:14 | 70 | 64.3 | "
           "92.00 | 83.56 | +8.44 | 优 | 良（不符） |");
    jx_test_has(s, "| 4 | 诸暨市河道保洁项目 | 330002-诸暨市河道管理站 | audit/inflated/d-claims-hold.jx:16 | 30 | 28 | "
           "98.42 | 98.42 | 0.00 | 优 | 优 |");
    jx_test_has(s, "| 5 | 嵊州市应急物资储备项目 | 118004-嵊州市应急物资储备中心 | audit/inflated/d-claims-hold.jx:42 | — | — | "
           "94.00 | 100.00 | -6.00 | 优 | 优 |");
    /* the findings: one list per project, as many items as the summary counts */
    const char *list = strstr(s, "\n## 发现明细（");
    assert_non_null(list);
    size_t total = (size_t)strtoul(list + strlen("\n## 发现明细（"), NULL, 10);
    size_t items = jx_test_occurrences(list, NULL, " 警告 `") + jx_test_occurrences(list, NULL, " 提示 `") +
                   jx_test_occurrences(list, NULL, " 错误 `");
    assert_int_equal(items, total);
    jx_test_has(s, "| 合计 |");
    jx_test_has(list, "### 5. 嵊州市应急物资储备项目（2 条）\n\n1. 警告 `claimed-score` audit/inflated/d-claims-hold.jx:49:51：");
    /* the summary's codes, each with its Chinese name */
    jx_test_has(s, "| 代码 | 名称 | 错误 | 警告 | 提示 | 合计 |\n");
    jx_test_has(s, "| claimed-total | 自评总分与重算不符 | 0 | 4 | 0 | 4 |\n");
    assert_int_equal(jx_test_occurrences(list, NULL, "\n### "), 5);
    assert_null(strstr(s, "## 抽查"));
    free(s);
}

/* ------------------------------------------------- unscored, escaped, sample */

/* A project that cannot be scored, and one whose name and unit need escaping:
 * 巡查次数 ≥12次 w100 A12 → 100.00 优, as claimed. */
static const char odd[] =
    "项目 \"有语法错误\" {\n"
    "    产出指标 100 { 数量指标 100 { 巡查次数 ≥12次 权重 abc 实际 12次 } }\n"
    "    总分 100 结论 优\n"
    "}\n"
    "项目 \"<b>&'x'|*_\" {\n"
    "    单位 \"a|b\"\n"
    "    产出指标 100 { 数量指标 100 { 巡查次数 ≥12次 权重 100 实际 12次 } }\n"
    "    总分 100 结论 优\n"
    "}\n";

static void unscored_and_escaped(void **state)
{
    (void)state;
    jx_test_text html = {NULL, 0}, md = {NULL, 0};
    assert_int_equal(audit_run(NULL, 0, odd, NULL, JX_FORMAT_HTML, NULL, &html), JX_OK);
    assert_int_equal(audit_run(NULL, 0, odd, NULL, JX_FORMAT_MD, NULL, &md), JX_OK);
    /* unscored: claimed 100.00 优, nothing recomputed */
    jx_test_has(html.s, "<td>100.00</td><td>—</td><td>—</td><td>优</td><td>未能计分</td><td>1</td>");
    jx_test_has(md.s, "| 有语法错误 |  | extra.jx:1 | — | — | 100.00 | — | — | 优 | 未能计分 | 1 | 0 | 0 |");
    /* one of two projects recomputed, one not: the distribution's last column */
    jx_test_has(html.s, "<tr><th scope=\"row\">重算</th><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>");
    jx_test_has(md.s, "| 重算 | 1 | 0 | 0 | 0 | 1 |");
    jx_test_has(html.s, "<td>2 个，其中无法计分 1 个</td>");
    /* the error is set apart in the findings */
    jx_test_has(html.s, "<td class=\"n e\">错误</td><td>syntax</td>");
    jx_test_has(md.s, "1. 错误 `syntax` extra.jx:2:");
    /* escaped */
    jx_test_has(html.s, "&lt;b&gt;&amp;&#39;x&#39;|*_<span class=\"sub\">a|b</span>");
    assert_null(strstr(html.s, "<b>&"));
    jx_test_has(md.s, "| 2 | \\<b\\>\\&'x'\\|\\*\\_ | a\\|b | extra.jx:5 |");
    jx_test_has(md.s, "### 2. \\<b\\>\\&'x'\\|\\*\\_（");
    free(html.s);
    free(md.s);
}

static void sample_picks(void **state)
{
    (void)state;
    static const char *const corpus[] = {"audit/sample/a-bigdata.jx", "audit/sample/b-roads.jx",
                                         "audit/sample/c-transport.jx", "audit/sample/d-more.jx"};
    /* the draw of the golden case audit-sample-text: 20%, seed 42, by 单位, errors always in */
    jx_audit_options o = {.min_severity = JX_SEV_NOTE, .sample_count = 0, .sample_bp = 2000, .seed = 42, .by = JX_AUDIT_BY_ORG, .weight_funds = 0, .include_flagged = 1};
    jx_test_text html = {NULL, 0}, md = {NULL, 0};
    assert_int_equal(audit_run(corpus, 4, NULL, &o, JX_FORMAT_HTML, NULL, &html), JX_OK);
    assert_int_equal(audit_run(corpus, 4, NULL, &o, JX_FORMAT_MD, NULL, &md), JX_OK);
    jx_test_has(html.s, "<h2>抽查</h2>\n<p class=\"line\">抽取 20%，种子 42，按单位分层，有错误或自评高于重算的项目必抽："
                        "抽中 5 个项目</p>");
    jx_test_has(md.s, "## 抽查\n\n抽取 20%，种子 42，按单位分层，有错误或自评高于重算的项目必抽：抽中 5 个项目\n");
    /* the picks the sample test (test_audit.c) fixes, in the order read */
    jx_test_has(html.s, "<td class=\"n\">2</td><td>越城区路灯维修项目</td><td>audit/sample/b-roads.jx:28</td>"
                "<td>有错误，必抽</td>");
    jx_test_has(md.s, "| 5 | 越城区共享单车治理项目 | audit/sample/d-more.jx:54 | 随机抽取 | 按单位分层：");
    const char *picks = strstr(html.s, "<table class=\"picks\">");
    assert_non_null(picks);
    assert_int_equal(jx_test_occurrences(picks, strstr(picks, "</table>"), "<tr>"), 1 + 5);
    free(html.s);
    free(md.s);
}

static void empty_run(void **state)
{
    (void)state;
    jx_test_text html = {NULL, 0}, md = {NULL, 0};
    assert_int_equal(audit_run(NULL, 0, NULL, NULL, JX_FORMAT_HTML, NULL, &html), JX_OK);
    assert_int_equal(audit_run(NULL, 0, NULL, NULL, JX_FORMAT_MD, NULL, &md), JX_OK);
    jx_test_has(html.s, "<td>0 个，其中无法计分 0 个</td>");
    jx_test_has(html.s, "<h2>项目（0）</h2>\n<p class=\"empty\">没有审核的项目。</p>");
    jx_test_has(html.s, "<h2>发现明细（0）</h2>\n<p class=\"empty\">没有发现。</p>");
    /* an empty chart: axis 0 … 1, every bar 0 high */
    long h[8];
    assert_int_equal(bar_heights(html.s, 1, h, 8), 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(h[i], 0);
    jx_test_has(html.s, ">1</text>");
    assert_string_equal(html.s + strlen(html.s) - 16, "</body>\n</html>\n");
    jx_test_has(md.s, "## 项目（0）\n\n没有审核的项目。\n");
    jx_test_has(md.s, "## 发现明细（0）\n\n没有发现。\n");
    free(html.s);
    free(md.s);
}

/* ------------------------------------------------- bytes, failures, memory */

static void same_bytes_twice(void **state)
{
    (void)state;
    jx_format formats[] = {JX_FORMAT_HTML, JX_FORMAT_MD};
    for (size_t i = 0; i < 2; i++) {
        char *a = inflated_report(formats[i]);
        char *b = inflated_report(formats[i]);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
}

static void write_failure_is_io(void **state)
{
    (void)state;
    jx_format formats[] = {JX_FORMAT_HTML, JX_FORMAT_MD};
    for (size_t i = 0; i < 2; i++) {
        jx_audit *au = NULL;
        jx_audit_writer *aw = NULL;
        assert_int_equal(jx_audit_create(&au, NULL, NULL, NULL), JX_OK);
        assert_int_equal(jx_audit_writer_create(&aw, au, formats[i], jx_test_write_nothing, NULL, NULL), JX_OK);
        assert_int_equal(jx_audit_writer_finish(aw), JX_ERR_IO);
        jx_audit_writer_destroy(aw);
        jx_audit_destroy(au);
    }
}

static void out_of_memory_anywhere(void **state)
{
    (void)state;
    jx_format formats[] = {JX_FORMAT_HTML, JX_FORMAT_MD};
    for (size_t i = 0; i < 2; i++) {
        char *want = inflated_report(formats[i]);
        size_t k;
        for (k = 1; k < 3000; k++) {
            jx_test_counting c = {.fail_at = k};
            jx_allocator a = jx_test_counting_allocator(&c);
            jx_test_text out = {NULL, 0};
            jx_result rc = audit_run(jx_test_inflated, JX_TEST_NINFLATED, NULL, NULL, formats[i], &a, &out);
            assert_int_equal(c.in_use, 0);
            if (rc == JX_OK)
                assert_string_equal(out.s, want);
            else if (rc != JX_ERR_NOMEM)
                fail_msg("allocation %zu failed, and the audit returned %d", k, (int)rc);
            free(out.s);
            if (c.calls < k)
                break; /* no call failed: every allocation has had its turn */
        }
        assert_true(k > 5);
        assert_true(k < 3000);
        /* and a writer destroyed before the end, its tables still held, leaks nothing */
        jx_test_counting c = {0};
        jx_allocator a = jx_test_counting_allocator(&c);
        jx_audit *au = NULL;
        jx_audit_writer *aw = NULL;
        jx_test_text out = {NULL, 0};
        assert_int_equal(jx_audit_create(&au, NULL, NULL, &a), JX_OK);
        assert_int_equal(jx_audit_writer_create(&aw, au, formats[i], jx_test_text_write, &out, &a), JX_OK);
        jx_project *p = NULL;
        jx_reader *rd = NULL;
        assert_int_equal(jx_reader_open(&rd, jx_test_inflated[0], NULL), JX_OK);
        assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
        assert_int_equal(jx_audit_writer_project(aw, p, 0), JX_OK);
        jx_reader_close(rd);
        jx_audit_writer_destroy(aw);
        jx_audit_destroy(au);
        assert_int_equal(c.in_use, 0);
        assert_null(out.s); /* nothing was written before the end */
        free(want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inflated_html),
        cmocka_unit_test(inflated_md),
        cmocka_unit_test(unscored_and_escaped),
        cmocka_unit_test(sample_picks),
        cmocka_unit_test(empty_run),
        cmocka_unit_test(same_bytes_twice),
        cmocka_unit_test(write_failure_is_io),
        cmocka_unit_test(out_of_memory_anywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
