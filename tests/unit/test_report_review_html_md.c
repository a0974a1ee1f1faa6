/* SPDX-License-Identifier: MIT */
/* test_report_review_html_md.c — the 复核 sheet as HTML and as Markdown: the demo of
 * tests/golden/review-text (every number worked out in its demo.jx) read back from both,
 * the 一级/二级 cells spanning their rows, a 单列 预算执行率 and a 不适用 indicator, the
 * notes under a sheet, an empty run, the same bytes twice and running out of memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "counting.h"
#include "jixiao.h"
#include "write_text.h"
#include "text_find.h"

/* The path of a file under tests/ (the unit tests run there). */
static void tests_path(char *buf, size_t size, const char *rel)
{
    const char *dir = getenv("JX_TESTS_DIR");
    snprintf(buf, size, "%s/%s", dir ? dir : ".", rel);
}

/* Reviews the projects of the rule text dsl (or, when dsl is NULL, of the file at path)
 * with the reviewer's CSV csv under policy, writing fmt on allocator a (NULL: the default)
 * into out; returns the first failure. */
static jx_result review_run(const char *policy, const char *path, const char *dsl, const char *csv, jx_format fmt,
                            const jx_allocator *a, jx_test_text *out)
{
    jx_policy *pol = NULL;
    if (strncmp(policy, "评分办法", strlen("评分办法")) == 0)
        assert_int_equal(jx_policy_open_memory(&pol, "policy.jx", policy, strlen(policy), NULL), JX_OK);
    else
        assert_int_equal(jx_policy_open(&pol, policy, NULL), JX_OK);
    jx_reader *rd = NULL;
    if (dsl)
        assert_int_equal(jx_reader_open_memory(&rd, "p.jx", dsl, strlen(dsl), NULL), JX_OK);
    else
        assert_int_equal(jx_reader_open(&rd, path, NULL), JX_OK);
    jx_review *rv = NULL;
    char file[4096];
    if (dsl) {
        assert_int_equal(jx_review_open_memory(&rv, "review.csv", csv, strlen(csv), pol, NULL), JX_OK);
    } else {
        tests_path(file, sizeof file, csv);
        assert_int_equal(jx_review_open(&rv, file, pol, NULL), JX_OK);
    }
    jx_review_writer *rw = NULL;
    jx_result rc = jx_review_writer_create(&rw, fmt, jx_test_text_write, out, a);
    jx_project *p;
    while (rc == JX_OK && jx_reader_next(rd, &p) == JX_ROW) {
        assert_int_equal(jx_score(p, pol), JX_OK);
        assert_int_equal(jx_review_apply(rv, p), JX_OK);
        rc = jx_review_writer_sheet(rw, jx_review_sheet_get(rv));
    }
    if (rc == JX_OK)
        rc = jx_review_writer_finish(rw);
    jx_review_writer_destroy(rw);
    jx_review_close(rv);
    jx_reader_close(rd);
    jx_policy_close(pol);
    return rc;
}

/* The demo's sheets in format fmt (free the text). */
static char *demo(jx_format fmt)
{
    char jx[4096];
    tests_path(jx, sizeof jx, "golden/review-text/demo.jx");
    jx_test_text out = {NULL, 0};
    assert_int_equal(review_run("default", jx, NULL, "golden/review-text/review.csv", fmt, NULL, &out), JX_OK);
    assert_non_null(out.s);
    return out.s;
}

/*
 * The demo (tests/golden/review-text/demo.jx): 复核示例项目, every indicator full, 自评
 * 100.00 优. Reviewed: 接入系统数量 20 × 45 / 60 = 15.00 (−5.00); 巡检次数 10 − 2.5 = 7.50;
 * 培训人次 8.00; 响应时间 10 × (48 − 30) / 24 − 1 = 6.50; 工作效率 部分达成 15 × 70% = 10.50;
 * 复核总分 82.50 → 良, 偏差 −17.50. 未复核项目: 巡查次数 50 × 8 / 10 = 40.00 (填报 50),
 * 满意率 50.00, 90.00 → 优 (填报 100).
 */
static void demo_html(void **state)
{
    (void)state;
    char *s = demo(JX_FORMAT_HTML);
    assert_true(strncmp(s, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n", 36) == 0);
    assert_string_equal(s + strlen(s) - 16, "</body>\n</html>\n");
    static const char *const outside[] = {"http", "//", "<script", "<link", "<img", "src=", "url(", "@import"};
    for (size_t i = 0; i < sizeof outside / sizeof *outside; i++)
        assert_null(strstr(s, outside[i]));
    /* one sheet per project, every one after the first on a new page (the shared style) */
    assert_int_equal(jx_test_occurrences(s, NULL, "<section class=\"sheet\">"), 2);
    assert_int_equal(jx_test_occurrences(s, NULL, "<h1>项目支出绩效自评复核表</h1>\n<p class=\"year\">（2024年度）</p>"), 2);
    jx_test_has(s, ".sheet + .sheet { break-before: page;");
    jx_test_has(s, "<tr><th scope=\"row\">项目名称</th><td colspan=\"3\" class=\"l\">复核示例项目</td></tr>");
    jx_test_has(s, "<th scope=\"row\">复核表</th><td colspan=\"3\" class=\"l\">");
    /* the head: 完成值 over 自评 and 复核, 得分 over 填报, 重算 and 复核, 偏差 over the two steps */
    jx_test_has(s, "<th scope=\"colgroup\" colspan=\"2\">完成值</th><th scope=\"colgroup\" colspan=\"3\">得分</th>"
           "<th scope=\"colgroup\" colspan=\"2\">偏差</th>");
    jx_test_has(s, "<tr><th scope=\"col\">自评</th><th scope=\"col\">复核</th><th scope=\"col\">填报</th>"
           "<th scope=\"col\">重算</th><th scope=\"col\">复核</th><th scope=\"col\">重算−填报</th>"
           "<th scope=\"col\">复核−重算</th></tr>");
    /* 产出指标 over 数量指标 (3) and 时效指标 (2); 效益指标 over 社会效益 (2) and 可持续影响 (1) */
    jx_test_has(s, "<tr><th scope=\"rowgroup\" rowspan=\"5\" class=\"g\">产出指标</th>"
           "<th scope=\"rowgroup\" rowspan=\"3\" class=\"g\">数量指标</th><th scope=\"row\">接入系统数量</th>"
           "<td>正向</td><td>≥60</td><td>个</td><td>20</td><td>60个</td><td>45</td><td>—</td><td>20.00</td><td>15.00</td>"
           "<td>—</td><td class=\"x\">-5.00</td><td class=\"l\">实际接入 45 个, 见验收单第 3 页</td></tr>");
    jx_test_has(s, "<tr><th scope=\"rowgroup\" rowspan=\"2\" class=\"g\">时效指标</th><th scope=\"row\">响应时间</th>"
           "<td>反向</td><td>≤24</td><td>小时</td><td>10</td><td>24小时</td><td>30</td><td>—</td><td>10.00</td><td>6.50</td>"
           "<td>—</td><td class=\"x\">-3.50</td>");
    jx_test_has(s, "<th scope=\"rowgroup\" rowspan=\"3\" class=\"g\">效益指标</th>"
           "<th scope=\"rowgroup\" rowspan=\"2\" class=\"g\">社会效益</th><th scope=\"row\">工作效率</th>"
           "<td>定性</td><td>提升</td><td></td><td>15</td><td>提升</td><td>部分达成</td><td>—</td><td>15.00</td><td>10.50</td>"
           "<td>—</td><td class=\"x\">-4.50</td>");
    jx_test_has(s, "<th scope=\"row\">执行率</th><td>正向</td><td>≥95</td><td>%</td><td>10</td><td>96%</td><td>96%</td>"
           "<td>—</td><td>10.00</td><td>10.00</td><td>—</td><td>0.00</td><td class=\"l\">（未复核，沿用自评）</td>");
    jx_test_has(s, "<tr><th scope=\"rowgroup\" class=\"g\">满意度指标</th><th scope=\"rowgroup\" class=\"g\">服务对象满意度</th>");
    /* 总分 (填报 100, 重算 100.00, 复核 82.50) and the three conclusions */
    jx_test_has(s, "<tr><th scope=\"row\" colspan=\"6\" class=\"k\">总分</th><td>100</td><td></td><td></td><td>100.00</td>"
           "<td>100.00</td><td>82.50</td><td>0.00</td><td class=\"x\">-17.50</td><td class=\"l\"></td></tr>");
    jx_test_has(s, "<th scope=\"row\" colspan=\"3\" class=\"k\">填报结论</th><td colspan=\"12\" class=\"grade\"><b>优</b>（总分 100.00）</td>");
    jx_test_has(s, "<th scope=\"row\" colspan=\"3\" class=\"k\">重算结论</th><td colspan=\"12\" class=\"grade\"><b>优</b>"
           "（总分 100.00，较填报 0.00）</td>");
    jx_test_has(s, "<th scope=\"row\" colspan=\"3\" class=\"k\">复核结论</th><td colspan=\"12\" class=\"grade\"><b>良</b>"
           "（总分 82.50，较重算 -17.50，较填报 -17.50）</td>");
    jx_test_has(s, "<p class=\"note\">已复核 7 个指标，2 个未复核，其复核列沿用自评。</p>");
    /* the foot: 复核人 and 日期 blank, on the head's four columns */
    jx_test_has(s, "<tr><th scope=\"row\">复核人</th><td class=\"l\"></td><th scope=\"row\">日期</th><td class=\"l\"></td></tr>");
    /* the second sheet: no row; 巡查次数 claims 50, recomputes 50 × 8 / 10 = 40: 总分 100 → 90.00 */
    jx_test_has(s, "<td>100</td><td></td><td></td><td>100.00</td><td>90.00</td><td>90.00</td><td class=\"x\">-10.00</td><td>0.00</td>");
    jx_test_has(s, "<p class=\"note\">尚未复核：复核表中没有本项目的行，复核列沿用自评。</p>");
    /* the quote in a 备注 is escaped */
    jx_test_has(s, "签到表缺 &quot;下午场&quot;");
    free(s);
}

static void demo_md(void **state)
{
    (void)state;
    char *s = demo(JX_FORMAT_MD);
    assert_true(strncmp(s, "# 项目支出绩效自评复核表\n\n## 复核示例项目（2024年度）\n", 62) == 0);
    jx_test_has(s, "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 单位 | 权重 | 自评完成值 | 复核完成值 | 填报得分 | "
           "重算得分 | 复核得分 | 重算−填报 | 复核−重算 | 备注 |\n| --- | --- | --- | --- | --- | --- | ---: | --- | --- | ---: "
           "| ---: | ---: | ---: | ---: | --- |\n");
    jx_test_has(s, "| 产出指标 | 数量指标 | 接入系统数量 | 正向 | ≥60 | 个 | 20 | 60个 | 45 | — | 20.00 | 15.00 | — | -5.00 | "
           "实际接入 45 个, 见验收单第 3 页 |\n");
    /* a group's name on its first row only */
    jx_test_has(s, "|  |  | 巡检次数 | 等于 | =12 | 次 | 10 | 12次 | 12次 | — | 10.00 | 7.50 | — | -2.50 | 缺两次巡检记录 |\n");
    jx_test_has(s, "|  | 时效指标 | 响应时间 | 反向 | ≤24 | 小时 | 10 | 24小时 | 30 | — | 10.00 | 6.50 | — | -3.50 |");
    jx_test_has(s, "| 总分 |  |  |  |  |  | 100 |  |  | 100.00 | 100.00 | 82.50 | 0.00 | -17.50 |  |\n");
    jx_test_has(s, "**填报结论：优**（总分 100.00）\n\n**重算结论：优**（总分 100.00，较填报 0.00）\n\n"
           "**复核结论：良**（总分 82.50，较重算 -17.50，较填报 -17.50）\n\n"
           "- 已复核 7 个指标，2 个未复核，其复核列沿用自评。\n\n| 复核人 | 日期 |\n| --- | --- |\n|  |  |\n");
    jx_test_has(s, "## 未复核项目（2024年度）");
    jx_test_has(s, "| 总分 |  |  |  |  |  | 100 |  |  | 100.00 | 90.00 | 90.00 | -10.00 | 0.00 |  |\n");
    jx_test_has(s, "- 尚未复核：复核表中没有本项目的行，复核列沿用自评。\n");
    free(s);
}

/*
 * central (预算执行率 单列 10 分), as in test_review.c: 丁 has 全年预算 100, 全年执行 90 →
 * 10 × 90 / 100 = 9.00; A ≥10个 w50 A10 → 50.00, B ≥90% w30 A95% → 30.00, C 10.00; 自评总分
 * 99.00 → 优.
 * B 扣分 10 → 20.00: 复核总分 89.00 → 良, 偏差 −10.00.
 */
static const char central_project[] =
    "项目 \"丁\" {\n"
    "    资金 年度资金总额 年初预算 100 全年预算 100 全年执行 90\n"
    "    产出指标 50 { 数量指标 50 { A ≥10个 权重 50 实际 10个 } }\n"
    "    效益指标 30 { 社会效益 30 { B ≥90% 权重 30 实际 95% } }\n"
    "    满意度指标 10 { 满意度 10 { C ≥90% 权重 10 实际 95% } }\n"
    "}\n";

/*
 * 不适用 按比例折算, as in test_review.c: A 40.00, B 不适用, C 32.00: 自评 (40 + 32) × 100 / 80
 * = 90.00 → 优; A 扣分 4 → 36.00: 复核 (36 + 32) × 100 / 80 = 85.00 → 良, 偏差 −5.00.
 */
static const char rescaled[] =
    "项目 \"乙\" {\n"
    "    产出指标 100 { 数量指标 100 {\n"
    "        A ≥10个 权重 40 实际 10个\n"
    "        B ≥10个 权重 20 实际 5个 不适用\n"
    "        C ≥10个 权重 40 实际 8个 偏差 \"延期\"\n"
    "    } }\n"
    "}\n";

static void execution_and_not_applicable(void **state)
{
    (void)state;
    jx_test_text html = {NULL, 0}, md = {NULL, 0};
    const char *csv = "项目,三级指标,扣分,备注\n丁,B,10,效果未达预期\n";
    assert_int_equal(review_run("central", NULL, central_project, csv, JX_FORMAT_HTML, NULL, &html), JX_OK);
    assert_int_equal(review_run("central", NULL, central_project, csv, JX_FORMAT_MD, NULL, &md), JX_OK);
    /* the 单列 row first, over the three name columns */
    jx_test_has(html.s, "<tbody>\n<tr><th scope=\"row\" colspan=\"3\">预算执行率 (10.00分)</th><td></td><td></td><td></td>"
                "<td>10</td><td></td><td></td><td>—</td><td>9.00</td><td>9.00</td><td>—</td><td>0.00</td>"
                "<td class=\"l\">（按资金计分，不复核）</td></tr>");
    jx_test_has(html.s, "<td>30</td><td>95%</td><td>95%</td><td>—</td><td>30.00</td><td>20.00</td><td>—</td>"
                "<td class=\"x\">-10.00</td><td class=\"l\">效果未达预期</td>");
    jx_test_has(html.s, "<b>优</b>（总分 99.00）");
    jx_test_has(html.s, "<b>良</b>（总分 89.00，较重算 -10.00）");
    jx_test_has(md.s, "| 预算执行率 (10.00分) |  |  |  |  |  | 10 |  |  | — | 9.00 | 9.00 | — | 0.00 | （按资金计分，不复核） |\n");
    jx_test_has(md.s, "| 总分 |  |  |  |  |  | 100 |  |  | — | 99.00 | 89.00 | — | -10.00 |  |\n");
    free(html.s);
    free(md.s);

    html = (jx_test_text){NULL, 0};
    md = (jx_test_text){NULL, 0};
    static const char policy[] = "评分办法 \"按比例\" {\n    不适用 按比例折算\n}\n";
    csv = "项目,三级指标,扣分,备注\n乙,A,4,超出合同范围\n乙,B,,不适用属实\n";
    assert_int_equal(review_run(policy, NULL, rescaled, csv, JX_FORMAT_HTML, NULL, &html), JX_OK);
    assert_int_equal(review_run(policy, NULL, rescaled, csv, JX_FORMAT_MD, NULL, &md), JX_OK);
    jx_test_has(html.s, "<th scope=\"row\">B</th><td>正向</td><td>≥10</td><td>个</td><td>20</td><td>5个</td><td>5个</td>"
                "<td>不适用</td><td>不适用</td><td>不适用</td><td>—</td><td>—</td><td class=\"l\">不适用属实</td>");
    jx_test_has(html.s, "<td>—</td><td>90.00</td><td>85.00</td><td>—</td><td class=\"x\">-5.00</td>");
    jx_test_has(md.s, "|  |  | B | 正向 | ≥10 | 个 | 20 | 5个 | 5个 | 不适用 | 不适用 | 不适用 | — | — | 不适用属实 |\n");
    jx_test_has(md.s, "**复核结论：良**（总分 85.00，较重算 -5.00）");
    free(html.s);
    free(md.s);
}

static void empty_run_and_same_bytes(void **state)
{
    (void)state;
    jx_format formats[] = {JX_FORMAT_HTML, JX_FORMAT_MD};
    const char *empty[] = {"<p class=\"empty\">没有复核的项目。</p>", "# 项目支出绩效自评复核表\n\n没有复核的项目。\n"};
    for (size_t i = 0; i < 2; i++) {
        jx_test_text out = {NULL, 0};
        jx_review_writer *rw = NULL;
        assert_int_equal(jx_review_writer_create(&rw, formats[i], jx_test_text_write, &out, NULL), JX_OK);
        assert_int_equal(jx_review_writer_finish(rw), JX_OK);
        jx_review_writer_destroy(rw);
        jx_test_has(out.s, empty[i]);
        free(out.s);
        char *a = demo(formats[i]), *b = demo(formats[i]);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
}

static void out_of_memory_anywhere(void **state)
{
    (void)state;
    char jx[4096];
    tests_path(jx, sizeof jx, "golden/review-text/demo.jx");
    jx_format formats[] = {JX_FORMAT_HTML, JX_FORMAT_MD};
    for (size_t i = 0; i < 2; i++) {
        char *want = demo(formats[i]);
        size_t k;
        for (k = 1; k < 1000; k++) {
            jx_test_counting c = {.fail_at = k};
            jx_allocator a = jx_test_counting_allocator(&c);
            jx_test_text out = {NULL, 0};
            jx_result rc = review_run("default", jx, NULL, "golden/review-text/review.csv", formats[i], &a, &out);
            assert_int_equal(c.in_use, 0);
            if (rc == JX_OK)
                assert_string_equal(out.s, want);
            else if (rc != JX_ERR_NOMEM)
                fail_msg("allocation %zu failed, and the review returned %d", k, (int)rc);
            free(out.s);
            if (c.calls < k)
                break;
        }
        assert_true(k > 3);
        assert_true(k < 1000);
        free(want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_html),
        cmocka_unit_test(demo_md),
        cmocka_unit_test(execution_and_not_applicable),
        cmocka_unit_test(empty_run_and_same_bytes),
        cmocka_unit_test(out_of_memory_anywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
