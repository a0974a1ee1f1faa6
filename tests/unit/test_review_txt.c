/* SPDX-License-Identifier: MIT */
/* test_review_txt.c — the 复核 sheet as plain lines for mail and chat (JX_FORMAT_TXT of
 * jx_review_writer, built by build_review.c and drawn by render_txt.c): one line per
 * given heading value, one self-contained line per table row naming its groups, both
 * verdicts and the notes, nothing aligned. Every number is worked by hand from the inputs
 * in the comments; the demo's are those of tests/golden/review-text/demo.jx. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text_find.h"

#include "counting.h"
#include "jixiao.h"
#include "write_text.h"

/* The path of a file under tests/ (the unit tests run there). */
static void tests_path(char *buf, size_t size, const char *rel)
{
    const char *dir = getenv("JX_TESTS_DIR");
    snprintf(buf, size, "%s/%s", dir ? dir : ".", rel);
}


/* Reviews the projects of the rule text dsl (or, when dsl is NULL, of the file at path)
 * with the reviewer's CSV csv (text with dsl, a path under tests/ without) under policy
 * (a name, or a policy text starting with 评分办法), writing txt on allocator a (NULL: the
 * default) into out; returns the first failure. */
static jx_result review_txt(const char *policy, const char *path, const char *dsl, const char *csv,
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
    if (dsl) {
        assert_int_equal(jx_review_open_memory(&rv, "review.csv", csv, strlen(csv), pol, NULL), JX_OK);
    } else {
        char file[4096];
        tests_path(file, sizeof file, csv);
        assert_int_equal(jx_review_open(&rv, file, pol, NULL), JX_OK);
    }
    jx_review_writer *rw = NULL;
    jx_result rc = jx_review_writer_create(&rw, JX_FORMAT_TXT, jx_test_text_write, out, a);
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

/* The demo's sheets as txt, on allocator a (NULL: the default); free the text. */
static char *demo(const jx_allocator *a, jx_result *rc)
{
    char jx[4096];
    tests_path(jx, sizeof jx, "golden/review-text/demo.jx");
    jx_test_text out = {NULL, 0};
    *rc = review_txt("default", jx, NULL, "golden/review-text/review.csv", a, &out);
    return out.s;
}

/*
 * The demo (tests/golden/review-text/demo.jx), default policy.
 * 复核示例项目, 年度 2024, every indicator met: 自评 20 + 10 + 10 + 10 + 10 + 15 + 5 + 10 + 10
 * = 100.00 → 优. Reviewed (review.csv):
 *   接入系统数量 ≥60个 w20, 复核完成值 45: 20 × 45 / 60 = 15.00, 偏差 −5.00;
 *   巡检次数 =12次 w10, 扣分 2.5: 10 − 2.5 = 7.50, −2.50;
 *   培训人次 ≥200人次 w10, 复核得分 8 with 扣分 2: 8.00, −2.00;
 *   响应时间 ≤24小时 w10, 复核完成值 30, 扣分 1: 10 × (2 × 24 − 30) / 24 = 7.50 − 1 = 6.50, −3.50;
 *   工作效率 定性 w15, 部分达成: 15 × 70% = 10.50, −4.50;
 *   平台运行 定性 w10, 稳定 (the target's text): 10.00, 0.00, no 备注;
 *   满意率 w10, only a 备注: 10.00 kept;
 *   执行率 (w10) and 覆盖率 (w5): no row, 10.00 and 5.00 kept.
 * 复核总分 15 + 7.5 + 8 + 6.5 + 10 + 10.5 + 5 + 10 + 10 = 82.50 → 良, 偏差 −17.50; 7 of 9 reviewed.
 * 未复核项目, 年度 2024, no rows: 巡查次数 ≥10次 w50 实际 8次: 50 × 8 / 10 = 40.00 (it wrote 50);
 * 满意率 ≥90% w50 实际 92% → 50.00; 90.00 → 优 (it wrote 总分 100 结论 优).
 */
static void demo_sheets(void **state)
{
    (void)state;
    jx_result rc;
    char *t = demo(NULL, &rc);
    assert_int_equal(rc, JX_OK);
    assert_non_null(t);
    char csv[4096];
    tests_path(csv, sizeof csv, "golden/review-text/review.csv");
    char head[8192];
    snprintf(head, sizeof head,
             "项目支出绩效自评复核表（2024年度）\n"
             "项目名称：复核示例项目\n"
             "主管部门：示例主管部门\n"
             "预算单位：示例单位\n"
             "复核表：%s\n"
             "\n",
             csv);
    assert_true(strncmp(t, head, strlen(head)) == 0);
    /* each row names its groups, the rows a group spans too */
    assert_true(jx_test_has_line(t, "- 产出指标 / 数量指标 / 接入系统数量：指标性质 正向，指标值 ≥60，单位 个，权重 20，"
                            "自评完成值 60个，复核完成值 45，填报得分 —，重算得分 20.00，复核得分 15.00，重算−填报 —，复核−重算 -5.00，"
                            "备注 实际接入 45 个, 见验收单第 3 页"));
    assert_true(jx_test_has_line(t, "- 产出指标 / 数量指标 / 巡检次数：指标性质 等于，指标值 =12，单位 次，权重 10，"
                            "自评完成值 12次，复核完成值 12次，填报得分 —，重算得分 10.00，复核得分 7.50，重算−填报 —，复核−重算 -2.50，备注 缺两次巡检记录"));
    assert_true(jx_test_has_line(t, "- 产出指标 / 数量指标 / 培训人次：指标性质 正向，指标值 ≥200，单位 人次，权重 10，"
                            "自评完成值 210人次，复核完成值 210人次，填报得分 —，重算得分 10.00，复核得分 8.00，重算−填报 —，复核−重算 -2.00，"
                            "备注 签到表缺 \"下午场\""));
    assert_true(jx_test_has_line(t, "- 产出指标 / 时效指标 / 响应时间：指标性质 反向，指标值 ≤24，单位 小时，权重 10，"
                            "自评完成值 24小时，复核完成值 30，填报得分 —，重算得分 10.00，复核得分 6.50，重算−填报 —，复核−重算 -3.50，"
                            "备注 平均响应 30 小时；另有一次超时未登记"));
    assert_true(jx_test_has_line(t, "- 产出指标 / 时效指标 / 执行率：指标性质 正向，指标值 ≥95，单位 %，权重 10，"
                            "自评完成值 96%，复核完成值 96%，填报得分 —，重算得分 10.00，复核得分 10.00，重算−填报 —，复核−重算 0.00，"
                            "备注 （未复核，沿用自评）"));
    /* a 定性 indicator has no 单位: the cell is left out, not written empty */
    assert_true(jx_test_has_line(t, "- 效益指标 / 社会效益 / 工作效率：指标性质 定性，指标值 提升，权重 15，"
                            "自评完成值 提升，复核完成值 部分达成，填报得分 —，重算得分 15.00，复核得分 10.50，重算−填报 —，复核−重算 -4.50，"
                            "备注 佐证材料不足"));
    /* no 备注 at all: the line ends at 复核−重算 */
    assert_true(jx_test_has_line(t, "- 效益指标 / 可持续影响 / 平台运行：指标性质 定性，指标值 稳定，权重 10，"
                            "自评完成值 稳定，复核完成值 稳定，填报得分 —，重算得分 10.00，复核得分 10.00，重算−填报 —，复核−重算 0.00"));
    assert_true(jx_test_has_line(t, "- 总分：权重 100，填报得分 100.00，重算得分 100.00，复核得分 82.50，重算−填报 0.00，复核−重算 -17.50"));
    assert_true(jx_test_has_line(t, "填报结论：优（总分 100.00）"));
    assert_true(jx_test_has_line(t, "重算结论：优（总分 100.00，较填报 0.00）"));
    assert_true(jx_test_has_line(t, "复核结论：良（总分 82.50，较重算 -17.50，较填报 -17.50）"));
    assert_true(jx_test_has_line(t, "已复核 7 个指标，2 个未复核，其复核列沿用自评。"));
    /* nine indicator rows and a 总分 row in the first sheet, two and a 总分 in the second */
    size_t rows = 0;
    for (const char *s = t; (s = strstr(s, "\n- ")); s++)
        rows++;
    assert_int_equal(rows, 10 + 3);
    /* the second sheet, after a rule: no 主管部门 / 预算单位 given, so no line for them */
    const char *second = strstr(t, "\n----------\n\n项目支出绩效自评复核表（2024年度）\n项目名称：未复核项目\n复核表：");
    assert_non_null(second);
    assert_null(strstr(second, "主管部门"));
    assert_null(strstr(strstr(t, "----------") + 1, "----------"));
    assert_true(jx_test_has_line(second, "- 产出指标 / 数量指标 / 巡查次数：指标性质 正向，指标值 ≥10，单位 次，权重 50，"
                                 "自评完成值 8次，复核完成值 8次，填报得分 50.00，重算得分 40.00，复核得分 40.00，重算−填报 -10.00，复核−重算 0.00，"
                                 "备注 （未复核，沿用自评）"));
    assert_true(jx_test_has_line(second, "- 总分：权重 100，填报得分 100.00，重算得分 90.00，复核得分 90.00，重算−填报 -10.00，复核−重算 0.00"));
    /* the verdicts (claimed 100 / 优, recomputed 90.00: 50 × 8 / 10 = 40 + 50), then after a
     * blank line the note (no row reviewed) and the foot to sign, the document's end */
    static const char tail[] = "\n填报结论：优（总分 100.00）\n"
                               "重算结论：优（总分 90.00，较填报 -10.00）\n"
                               "复核结论：优（总分 90.00，较重算 0.00，较填报 -10.00）\n"
                               "\n"
                               "尚未复核：复核表中没有本项目的行，复核列沿用自评。\n"
                               "复核人：\n"
                               "日期：\n";
    assert_string_equal(t + strlen(t) - strlen(tail), tail);
    /* nothing aligned: no run of two spaces, no table borders */
    assert_null(strstr(t, "  "));
    assert_null(strchr(t, '|'));
    /* the same input gives the same bytes */
    char *again = demo(NULL, &rc);
    assert_string_equal(t, again);
    free(again);
    free(t);
}

/*
 * central (预算执行率 单列 10 分): 丁 has 全年预算 100, 全年执行 90 → 10 × 90 / 100 = 9.00 on
 * both sides; A ≥10个 w50 实际 10个 → 50.00; B ≥90% w30 实际 95% → 30.00; C ≥90% w10 95% →
 * 10.00. Σ 权重 10 + 50 + 30 + 10 = 100; 自评 9 + 50 + 30 + 10 = 99.00 → 优.
 * B 扣分 10 → 20.00 (−10.00): 复核 89.00 → 良, 偏差 −10.00. No 年度, 主管部门 or 单位; 1 of 3
 * indicators reviewed (the 预算执行率 is no indicator of the table's).
 */
static void execution_row(void **state)
{
    (void)state;
    static const char dsl[] = "项目 \"丁\" {\n"
                              "    资金 年度资金总额 年初预算 100 全年预算 100 全年执行 90\n"
                              "    产出指标 50 { 数量指标 50 { A ≥10个 权重 50 实际 10个 } }\n"
                              "    效益指标 30 { 社会效益 30 { B ≥90% 权重 30 实际 95% } }\n"
                              "    满意度指标 10 { 满意度 10 { C ≥90% 权重 10 实际 95% } }\n"
                              "}\n";
    jx_test_text out = {NULL, 0};
    assert_int_equal(review_txt("central", NULL, dsl, "项目,三级指标,扣分,备注\n丁,B,10,效果未达预期\n", NULL, &out),
                     JX_OK);
    assert_string_equal(out.s,
                        "项目支出绩效自评复核表\n"
                        "项目名称：丁\n"
                        "复核表：review.csv\n"
                        "\n"
                        "- 预算执行率 (10.00分)：权重 10，填报得分 —，重算得分 9.00，复核得分 9.00，重算−填报 —，复核−重算 0.00，"
                        "备注 （按资金计分，不复核）\n"
                        "- 产出指标 / 数量指标 / A：指标性质 正向，指标值 ≥10，单位 个，权重 50，自评完成值 10个，复核完成值 10个，"
                        "填报得分 —，重算得分 50.00，复核得分 50.00，重算−填报 —，复核−重算 0.00，备注 （未复核，沿用自评）\n"
                        "- 效益指标 / 社会效益 / B：指标性质 正向，指标值 ≥90，单位 %，权重 30，自评完成值 95%，复核完成值 95%，"
                        "填报得分 —，重算得分 30.00，复核得分 20.00，重算−填报 —，复核−重算 -10.00，备注 效果未达预期\n"
                        "- 满意度指标 / 满意度 / C：指标性质 正向，指标值 ≥90，单位 %，权重 10，自评完成值 95%，复核完成值 95%，"
                        "填报得分 —，重算得分 10.00，复核得分 10.00，重算−填报 —，复核−重算 0.00，备注 （未复核，沿用自评）\n"
                        "- 总分：权重 100，填报得分 —，重算得分 99.00，复核得分 89.00，重算−填报 —，复核−重算 -10.00\n"
                        "\n"
                        "填报结论：—（未填报）\n"
                        "重算结论：优（总分 99.00）\n"
                        "复核结论：良（总分 89.00，较重算 -10.00）\n"
                        "\n"
                        "已复核 1 个指标，2 个未复核，其复核列沿用自评。\n"
                        "复核人：\n"
                        "日期：\n");
    free(out.s);
}

/*
 * 不适用 按比例折算: A ≥10个 w40 实际 10个 → 40.00; B 不适用 (w20); C ≥10个 w40 实际 8个 →
 * 40 × 8 / 10 = 32.00. 自评 (40 + 32) × 100 / 80 = 90.00 → 优. A 扣分 4 → 36.00: 复核
 * (36 + 32) × 100 / 80 = 85.00 → 良, 偏差 −5.00. B's row has a 备注 only: reviewed, its
 * scores 不适用 and its 偏差 a dash. 2 of 3 reviewed.
 */
static void not_applicable(void **state)
{
    (void)state;
    static const char policy[] = "评分办法 \"按比例\" {\n    不适用 按比例折算\n}\n";
    static const char dsl[] = "项目 \"乙\" {\n"
                              "    产出指标 100 { 数量指标 100 {\n"
                              "        A ≥10个 权重 40 实际 10个\n"
                              "        B ≥10个 权重 20 实际 5个 不适用\n"
                              "        C ≥10个 权重 40 实际 8个 偏差 \"延期\"\n"
                              "    } }\n"
                              "}\n";
    jx_test_text out = {NULL, 0};
    assert_int_equal(review_txt(policy, NULL, dsl, "项目,三级指标,扣分,备注\n乙,A,4,超出合同范围\n乙,B,,不适用属实\n",
                                NULL, &out),
                     JX_OK);
    const char *t = out.s;
    assert_true(jx_test_has_line(t, "- 产出指标 / 数量指标 / A：指标性质 正向，指标值 ≥10，单位 个，权重 40，自评完成值 10个，复核完成值 10个，"
                            "填报得分 —，重算得分 40.00，复核得分 36.00，重算−填报 —，复核−重算 -4.00，备注 超出合同范围"));
    assert_true(jx_test_has_line(t, "- 产出指标 / 数量指标 / B：指标性质 正向，指标值 ≥10，单位 个，权重 20，自评完成值 5个，"
                            "复核完成值 5个，填报得分 不适用，重算得分 不适用，复核得分 不适用，重算−填报 —，复核−重算 —，备注 不适用属实"));
    assert_true(jx_test_has_line(t, "- 总分：权重 100，填报得分 —，重算得分 90.00，复核得分 85.00，重算−填报 —，复核−重算 -5.00"));
    assert_true(jx_test_has_line(t, "复核结论：良（总分 85.00，较重算 -5.00）"));
    assert_true(jx_test_has_line(t, "已复核 2 个指标，1 个未复核，其复核列沿用自评。"));
    free(out.s);
}

/*
 * Groups without weights: 组 gives no 权重, so every weight is a dash, every score 0.00 and
 * both verdicts "—", and 填报 "—" as nothing is claimed (no grade for a total out of weights that do not add up). One
 * 二级指标 name (数量指标) under two 一级指标: the row of 丙 names 效益指标, not 产出指标.
 */
static void groups_and_dashes(void **state)
{
    (void)state;
    static const char dsl[] = "项目 \"组\" {\n"
                              "    产出指标 { 数量指标 { 甲 ≥10个 实际 10个\n"
                              "                          乙 ≥10个 实际 3个 } }\n"
                              "    效益指标 { 数量指标 { 丙 定性 \"好\" 实际 \"好\" } }\n"
                              "}\n";
    jx_test_text out = {NULL, 0};
    assert_int_equal(review_txt("default", NULL, dsl, "项目,三级指标,复核完成值,备注\n组,乙,5个,补充材料\n", NULL, &out),
                     JX_OK);
    const char *t = out.s;
    assert_true(jx_test_has_line(t, "- 产出指标 / 数量指标 / 甲：指标性质 正向，指标值 ≥10，单位 个，权重 —，自评完成值 10个，复核完成值 10个，"
                            "填报得分 —，重算得分 0.00，复核得分 0.00，重算−填报 —，复核−重算 0.00，备注 （未复核，沿用自评）"));
    assert_true(jx_test_has_line(t, "- 产出指标 / 数量指标 / 乙：指标性质 正向，指标值 ≥10，单位 个，权重 —，自评完成值 3个，复核完成值 5个，"
                            "填报得分 —，重算得分 0.00，复核得分 0.00，重算−填报 —，复核−重算 0.00，备注 补充材料"));
    assert_true(jx_test_has_line(t, "- 效益指标 / 数量指标 / 丙：指标性质 定性，指标值 好，权重 —，自评完成值 好，复核完成值 好，"
                            "填报得分 —，重算得分 0.00，复核得分 0.00，重算−填报 —，复核−重算 0.00，备注 （未复核，沿用自评）"));
    assert_true(jx_test_has_line(t, "- 总分：权重 0，填报得分 —，重算得分 0.00，复核得分 0.00，重算−填报 —，复核−重算 0.00"));
    assert_true(jx_test_has_line(t, "重算结论：—（总分 0.00）"));
    assert_true(jx_test_has_line(t, "复核结论：—（总分 0.00，较重算 0.00）"));
    free(out.s);
}

/* A run without sheets says so, and nothing else. */
static void empty_run(void **state)
{
    (void)state;
    jx_test_text out = {NULL, 0};
    jx_review_writer *rw = NULL;
    assert_int_equal(jx_review_writer_create(&rw, JX_FORMAT_TXT, jx_test_text_write, &out, NULL), JX_OK);
    assert_int_equal(jx_review_writer_finish(rw), JX_OK);
    assert_int_equal(jx_review_writer_finish(rw), JX_ERR_USAGE);
    jx_review_writer_destroy(rw);
    assert_string_equal(out.s, "没有复核的项目。\n");
    free(out.s);
}

/* Memory running out at any allocation of the writer fails it with JX_ERR_NOMEM, leaks
 * nothing, and a run that succeeds wrote every byte. */
static void out_of_memory_anywhere(void **state)
{
    (void)state;
    jx_result rc;
    char *want = demo(NULL, &rc);
    assert_int_equal(rc, JX_OK);
    size_t k;
    for (k = 1; k < 1000; k++) {
        jx_test_counting c = {.fail_at = k};
        jx_allocator a = jx_test_counting_allocator(&c);
        char *got = demo(&a, &rc);
        assert_int_equal(c.in_use, 0);
        if (rc == JX_OK)
            assert_string_equal(got, want);
        else if (rc != JX_ERR_NOMEM)
            fail_msg("allocation %zu failed, and the review returned %d", k, (int)rc);
        free(got);
        if (c.calls < k)
            break;
    }
    assert_true(k > 3);
    assert_true(k < 1000);
    free(want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_sheets),
        cmocka_unit_test(execution_row),
        cmocka_unit_test(not_applicable),
        cmocka_unit_test(groups_and_dashes),
        cmocka_unit_test(empty_run),
        cmocka_unit_test(out_of_memory_anywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
