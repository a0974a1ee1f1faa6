/* SPDX-License-Identifier: MIT */
/* test_checks.c — the consistency checks (engine/checks.c) and the policy's band-gap, on
 * the hand-written corpus in tests/checks/: for every check a project that must raise it
 * and one that must not. Each file's header works out the numbers by hand; the tests
 * assert the code, the severity, the position and the whole message with those numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "build.h"
#include "checks.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------------- harness */

/* tests/checks/name as a path (JX_TESTS_DIR is tests/ when run by ctest). */
static const char *corpus_path(const char *name, char *buf, size_t size)
{
    const char *root = getenv("JX_TESTS_DIR");
    snprintf(buf, size, "%s/checks/%s", root ? root : ".", name);
    return buf;
}

/* A corpus file being read and scored under a policy. */
typedef struct run {
    jx_policy *pol; /* the policy */
    jx_reader *rd;  /* the corpus file */
} run;

/* Opens the corpus file under policy (a shipped name, or a file of the corpus). */
static run run_open(const char *file, const char *policy)
{
    run r = {NULL, NULL};
    char path[1024];
    const char *pol = strstr(policy, ".jx") ? corpus_path(policy, path, sizeof path) : policy;
    assert_int_equal(jx_policy_open(&r.pol, pol, NULL), JX_OK);
    assert_int_equal(jx_reader_open(&r.rd, corpus_path(file, path, sizeof path), NULL), JX_OK);
    return r;
}

/* The next project, which must be called name, scored. */
static jx_project *run_next(run *r, const char *name)
{
    jx_project *p = NULL;
    assert_int_equal(jx_reader_next(r->rd, &p), JX_ROW);
    assert_string_equal(jx_project_name(p), name);
    assert_int_equal(jx_project_error_count(p), 0);
    assert_int_equal(jx_score(p, r->pol), JX_OK);
    return p;
}

/* Asserts the file is read to its end, and closes it. */
static void run_close(run *r)
{
    jx_project *p = NULL;
    assert_int_equal(jx_reader_next(r->rd, &p), JX_DONE);
    jx_reader_close(r->rd);
    jx_policy_close(r->pol);
}

/* Asserts p has a diagnostic with code at line:col, with severity sev and message msg. */
static void expect(const jx_project *p, const char *code, jx_severity sev, uint32_t line, uint32_t col,
                   const char *msg)
{
    for (size_t i = 0; i < jx_project_diag_count(p); i++) {
        const jx_diag *d = jx_project_diag(p, i);
        if (strcmp(d->code, code) != 0 || d->line != line || d->column != col)
            continue;
        assert_int_equal(d->severity, sev);
        assert_string_equal(d->message, msg);
        return;
    }
    fail_msg("no %s at %u:%u", code, (unsigned)line, (unsigned)col);
}

/* How many of p's diagnostics come from the checks (any of their codes). */
static size_t checks_count(const jx_project *p)
{
    static const char *const codes[] = {"score-over-weight", "qualitative-evidence", "direction",
                                        "duplicate-indicator", "execution-gap", "funds-inconsistent",
                                        "all-full-marks"};
    size_t n = 0;
    for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++)
        n += jx_test_count_code(p, codes[k]);
    return n;
}

/* -------------------------------------------------------- score-over-weight */

static void score_over_weight(void **state)
{
    (void)state;
    run r = run_open("score-over-weight.jx", "default");
    jx_project *p = run_next(&r, "得分超过权重");
    assert_int_equal(jx_test_count_code(p, "score-over-weight"), 2);
    expect(p, "score-over-weight", JX_SEV_WARNING, 8, 41,
           "指标“接入系统数量”自评得分 65 高于权重 60，得分不能超过分值");
    expect(p, "score-over-weight", JX_SEV_WARNING, 13, 60,
           "指标“工作效率”自评得分 12 高于权重 10，得分不能超过分值");
    /* the evaluator's own findings about the same claims stay */
    assert_int_equal(jx_test_count_code(p, "claimed-score"), 1);
    assert_int_equal(jx_test_count_code(p, "qualitative-band"), 1);
    assert_int_equal(checks_count(p), 2);
    /* 60 + 30 × 50 / 100 + 10 × 100% = 85.00 */
    assert_int_equal(jx_project_total_cents(p), 8500);

    p = run_next(&r, "得分等于权重");
    assert_int_equal(jx_test_count_code(p, "score-over-weight"), 0);
    assert_int_equal(checks_count(p), 0);
    run_close(&r);
}

/* ----------------------------------------------------- qualitative-evidence */

static void qualitative_evidence(void **state)
{
    (void)state;
    run r = run_open("qualitative-evidence.jx", "default");
    jx_project *p = run_next(&r, "照抄目标");
    assert_int_equal(jx_test_count_code(p, "qualitative-evidence"), 2);
    expect(p, "qualitative-evidence", JX_SEV_WARNING, 13, 35,
           "定性指标“工作效率”得分 15.00 为满分（权重 15），但实际完成值“提升”只是照抄年度指标值，没有写明完成情况和依据");
    expect(p, "qualitative-evidence", JX_SEV_WARNING, 14, 37,
           "定性指标“数据质量”得分 10.00 为满分（权重 10），但实际完成值“达成”只是评定用语，没有写明完成情况和依据");
    assert_int_equal(checks_count(p), 2);
    /* the texts quoted lie in the parser's plain copy: copied by their length */
    const jx_indicator *ind = &p->inds[p->ninds - 2];
    assert_string_equal(ind->name.s, "工作效率");
    assert_true(jx_indicator_plain(ind, ind->name) && jx_indicator_plain(ind, ind->actual.text));
    /* 75 × 50 / 100 + 15 + 10 = 62.50 */
    assert_int_equal(jx_project_total_cents(p), 6250);

    p = run_next(&r, "写明依据");
    assert_int_equal(checks_count(p), 0);
    /* 37.50 + 15 (claimed, in the 达成 band) + 10 × 70% = 59.50 */
    assert_int_equal(jx_project_total_cents(p), 5950);
    run_close(&r);
}

/* ---------------------------------------------------------------- direction */

static void direction(void **state)
{
    (void)state;
    run r = run_open("direction.jx", "default");
    jx_project *p = run_next(&r, "方向不对");
    assert_int_equal(jx_test_count_code(p, "direction"), 5);
    expect(p, "direction", JX_SEV_WARNING, 9, 20,
           "成本指标“单位运维成本”的年度指标值“≥50万元”用了“≥”，成本应设上限（≤ 或 <）");
    expect(p, "direction", JX_SEV_WARNING, 10, 20,
           "成本指标“单次巡检成本”的年度指标值“>2万元”用了“>”，成本应设上限（≤ 或 <）");
    expect(p, "direction", JX_SEV_WARNING, 13, 19, "指标“系统可用率”是比率，年度指标值 101% 超过 100%");
    expect(p, "direction", JX_SEV_WARNING, 14, 20,
           "指标“安全事故起数”的年度指标值“≥0起”是 ≥ 0，任何完成值都能达到，起不到约束作用");
    expect(p, "direction", JX_SEV_WARNING, 18, 41, "指标“服务对象满意度”是比率，实际完成值 105% 超过 100%");
    assert_int_equal(checks_count(p), 5);
    /* 5 × 45 / 50 + 5 + 30 × 99 / 101 + 30 + 30 = 4.50 + 5 + 29.41 + 60 = 98.91 */
    assert_int_equal(jx_project_total_cents(p), 9891);

    p = run_next(&r, "方向正确");
    assert_int_equal(checks_count(p), 0);
    run_close(&r);
}

/* ------------------------------------------------------ duplicate-indicator */

static void duplicate_indicator(void **state)
{
    (void)state;
    run r = run_open("duplicate-indicator.jx", "default");
    jx_project *p = run_next(&r, "重复指标");
    assert_int_equal(jx_test_count_code(p, "duplicate-indicator"), 2);
    expect(p, "duplicate-indicator", JX_SEV_WARNING, 10, 13, "指标“漏洞扫描”在项目中重复出现（第 9 行和第 10 行）");
    expect(p, "duplicate-indicator", JX_SEV_WARNING, 14, 16,
           "指标“接入系统数量”同时列在“产出指标”（第 8 行）和“效益指标”（第 14 行）下，同一指标重复计分");
    assert_int_equal(checks_count(p), 2);

    p = run_next(&r, "不重复");
    assert_int_equal(checks_count(p), 0);
    run_close(&r);
}

/* ------------------------------------------------------------ execution-gap */

static void execution_gap_inline(void **state)
{
    (void)state;
    run r = run_open("execution-gap.jx", "default");
    jx_project *p = run_next(&r, "甲");
    expect(p, "execution-gap", JX_SEV_WARNING, 12, 5,
           "项目“甲”指标完成度 100.00%（执行率以外的指标得分 90.00 / 权重 90）高于预算执行完成度 80.00%"
           "（全年执行 80 / 全年预算 100），偏离 20.00%，超过执行偏差 5%");
    assert_int_equal(checks_count(p), 1);
    assert_true(jx_str_plain_as_read(p->name, p->plain.name)); /* the name as read: plain */
    /* 90 + 10 × 80 / 95 = 90 + 8.42 */
    assert_int_equal(jx_project_total_cents(p), 9842);

    p = run_next(&r, "乙"); /* exactly 5 %: not above */
    assert_int_equal(jx_test_count_code(p, "execution-gap"), 0);

    p = run_next(&r, "丙"); /* 5.01 % */
    expect(p, "execution-gap", JX_SEV_WARNING, 28, 5,
           "项目“丙”指标完成度 100.00%（执行率以外的指标得分 90.00 / 权重 90）高于预算执行完成度 94.99%"
           "（全年执行 94.99 / 全年预算 100），偏离 5.01%，超过执行偏差 5%");
    assert_int_equal(jx_test_count_code(p, "execution-gap"), 1);

    p = run_next(&r, "丁"); /* (90 − 85) / 90 = 5.555… % */
    expect(p, "execution-gap", JX_SEV_WARNING, 36, 5,
           "项目“丁”指标完成度 90.00%（执行率以外的指标得分 81.00 / 权重 90）高于预算执行完成度 85.00%"
           "（全年执行 85 / 全年预算 100），偏离 5.56%，超过执行偏差 5%");
    assert_int_equal(checks_count(p), 1);

    p = run_next(&r, "戊"); /* (90 − 86) / 90 = 4.44 % */
    assert_int_equal(checks_count(p), 0);
    run_close(&r);
}

static void execution_gap_separate(void **state)
{
    (void)state;
    run r = run_open("execution-gap-central.jx", "central");
    jx_project *p = run_next(&r, "甲");
    expect(p, "execution-gap", JX_SEV_WARNING, 6, 5,
           "项目“甲”指标完成度 100.00%（得分 90.00 / 权重 90）高于预算执行完成度 80.00%"
           "（预算执行率得分 8.00 / 10 分），偏离 20.00%，超过执行偏差 5%");
    /* the indicators are all full, but 预算执行率 is not: no all-full-marks */
    assert_int_equal(checks_count(p), 1);
    assert_int_equal(jx_project_total_cents(p), 9800);

    p = run_next(&r, "乙"); /* 9.60 of 10: 4 % */
    assert_int_equal(checks_count(p), 0);
    assert_int_equal(jx_project_total_cents(p), 9960);
    run_close(&r);
}

static void execution_gap_threshold(void **state)
{
    (void)state;
    /* 执行偏差 25%: 20 % is within it */
    run r = run_open("execution-gap.jx", "gap-25.jx");
    assert_int_equal(jx_dec_cmp(r.pol->exec_gap_pct, jx_dec_from_int(25)), 0);
    const char *names[] = {"甲", "乙", "丙", "丁", "戊"};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(jx_test_count_code(run_next(&r, names[i]), "execution-gap"), 0);
    run_close(&r);

    /* execution_gap 10%: 甲 (20 %) still, 丙 (5.01 %) and 丁 (5.56 %) no more */
    r = run_open("execution-gap.jx", "gap-10-ascii.jx");
    jx_project *p = run_next(&r, "甲");
    expect(p, "execution-gap", JX_SEV_WARNING, 12, 5,
           "项目“甲”指标完成度 100.00%（执行率以外的指标得分 90.00 / 权重 90）高于预算执行完成度 80.00%"
           "（全年执行 80 / 全年预算 100），偏离 20.00%，超过执行偏差 10%");
    for (size_t i = 1; i < 5; i++)
        assert_int_equal(jx_test_count_code(run_next(&r, names[i]), "execution-gap"), 0);
    run_close(&r);

    /* the shipped policies keep 5 %; a threshold outside 0–100 % is refused */
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_int_equal(jx_dec_cmp(pol->exec_gap_pct, jx_dec_from_int(5)), 0);
    jx_policy_close(pol);
    const char *bad = "评分办法 \"过大\" {\n    执行偏差 120%\n}\n";
    assert_int_equal(jx_policy_open_memory(&pol, "bad.jx", bad, strlen(bad), NULL), JX_ERR_INPUT);
    assert_non_null(strstr(jx_policy_diag(pol, 0)->message, "执行偏差 120% 应在 0%～100% 之间"));
    jx_policy_close(pol);
}

/* ------------------------------------------------------- funds-inconsistent */

static void funds_inconsistent(void **state)
{
    (void)state;
    run r = run_open("funds-inconsistent.jx", "default");
    jx_project *p = run_next(&r, "甲");
    expect(p, "funds-inconsistent", JX_SEV_WARNING, 13, 5, "资金“一般公共预算资金”全年执行数 120 大于全年预算数 100");
    assert_int_equal(checks_count(p), 1);

    p = run_next(&r, "乙");
    expect(p, "funds-inconsistent", JX_SEV_WARNING, 18, 5,
           "资金“年度资金总额”各数均为 0，但各资金来源合计年初预算 50、全年预算 40、全年执行 40");
    assert_int_equal(checks_count(p), 1);

    p = run_next(&r, "丙");
    expect(p, "funds-inconsistent", JX_SEV_WARNING, 24, 5,
           "资金“年度资金总额”（年初预算 100、全年预算 100、全年执行 90）与各资金来源合计（90、90、80）不符");
    assert_int_equal(checks_count(p), 1);

    p = run_next(&r, "丁");
    expect(p, "funds-inconsistent", JX_SEV_WARNING, 34, 34,
           "指标“执行率”实际完成值 97% 与资金执行率 96.68%（全年执行 74.93 / 全年预算 77.5）不符");
    assert_int_equal(checks_count(p), 1);

    p = run_next(&r, "戊"); /* 0.0138 of a point off */
    expect(p, "funds-inconsistent", JX_SEV_WARNING, 42, 34,
           "指标“执行率”实际完成值 96.67% 与资金执行率 96.68%（全年执行 74.93 / 全年预算 77.5）不符");
    assert_int_equal(checks_count(p), 1);

    p = run_next(&r, "己"); /* totals agree; 97.06 % is 84.93 / 87.5 rounded */
    assert_int_equal(checks_count(p), 0);

    p = run_next(&r, "庚"); /* 100 % for 99.995 %, within a hundredth */
    assert_int_equal(checks_count(p), 0);

    p = run_next(&r, "辛"); /* exactly a hundredth off is not within it */
    expect(p, "funds-inconsistent", JX_SEV_WARNING, 68, 34,
           "指标“执行率”实际完成值 96.69% 与资金执行率 96.68%（全年执行 96.68 / 全年预算 100）不符");
    assert_int_equal(checks_count(p), 1);

    p = run_next(&r, "壬"); /* 预算执行率 is compared; 巡检计划执行率 measures work, not money */
    expect(p, "funds-inconsistent", JX_SEV_WARNING, 77, 33,
           "指标“预算执行率”实际完成值 97% 与资金执行率 96.68%（全年执行 96.68 / 全年预算 100）不符");
    assert_int_equal(checks_count(p), 1);
    run_close(&r);
}

static void funds_wide(void **state)
{
    (void)state;
    /* amounts of 18 digits and 9 decimals: funds-wide.jx works the numbers out */
    run r = run_open("funds-wide.jx", "default");
    jx_project *p = run_next(&r, "甲"); /* 100·A·budget passes 2^127; exactly 0.01 off */
    expect(p, "funds-inconsistent", JX_SEV_WARNING, 30, 34,
           "指标“执行率”实际完成值 900000000.01% 与资金执行率 900000000.00%"
           "（全年执行 18000000000000000 / 全年预算 2000000000）不符");
    expect(p, "funds-inconsistent", JX_SEV_WARNING, 25, 5,
           "资金“一般公共预算资金”全年执行数 18000000000000000 大于全年预算数 999999999.999999999");
    assert_int_equal(jx_test_count_code(p, "funds-inconsistent"), 2);
    assert_int_equal(jx_test_count_code(p, "execution-gap"), 0);

    p = run_next(&r, "乙"); /* 0.000000001 off: agrees */
    expect(p, "funds-inconsistent", JX_SEV_WARNING, 35, 5,
           "资金“一般公共预算资金”全年执行数 18000000000000000 大于全年预算数 999999999.999999999");
    assert_int_equal(jx_test_count_code(p, "funds-inconsistent"), 1);

    p = run_next(&r, "丙"); /* a rate of 29 digits, every one written */
    expect(p, "funds-inconsistent", JX_SEV_WARNING, 48, 34,
           "指标“执行率”实际完成值 100% 与资金执行率 99999999999999999900000000000.00%"
           "（全年执行 999999999999999999 / 全年预算 0.000000001）不符");
    expect(p, "funds-inconsistent", JX_SEV_WARNING, 45, 5,
           "资金“一般公共预算资金”全年执行数 999999999999999999 大于全年预算数 0.000000001");
    assert_int_equal(jx_test_count_code(p, "funds-inconsistent"), 2);

    p = run_next(&r, "丁"); /* exactly 5 % at 9 decimals: not above */
    assert_int_equal(jx_test_count_code(p, "execution-gap"), 0);
    assert_int_equal(jx_test_count_code(p, "funds-inconsistent"), 0);

    p = run_next(&r, "戊"); /* 5 + 10^-16 % */
    expect(p, "execution-gap", JX_SEV_WARNING, 62, 5,
           "项目“戊”指标完成度 100.00%（执行率以外的指标得分 90.00 / 权重 90）高于预算执行完成度 95.00%"
           "（全年执行 949999999.999999999 / 全年预算 1000000000），偏离 5.00%，超过执行偏差 5%");
    assert_int_equal(jx_test_count_code(p, "execution-gap"), 1);
    assert_int_equal(jx_test_count_code(p, "funds-inconsistent"), 0);

    p = run_next(&r, "己"); /* sums past 2^63 */
    expect(p, "funds-inconsistent", JX_SEV_WARNING, 83, 34,
           "指标“执行率”实际完成值 99% 与资金执行率 100.00%"
           "（全年执行 9999999999999999990 / 全年预算 9999999999999999990）不符");
    assert_int_equal(jx_test_count_code(p, "funds-inconsistent"), 1);
    assert_int_equal(jx_test_count_code(p, "execution-gap"), 0);
    run_close(&r);
}

/* ----------------------------------------------------------- all-full-marks */

static void all_full_marks(void **state)
{
    (void)state;
    run r = run_open("all-full-marks.jx", "default");
    jx_project *p = run_next(&r, "甲");
    /* one total, and which: no 总分 written, so the recomputed one (60.00 + 40.00) */
    expect(p, "all-full-marks", JX_SEV_NOTE, 10, 1,
           "项目“甲”的 2 个指标全部满分，重算总分 100.00；请核实目标是否偏低、完成值是否有依据");
    assert_int_equal(checks_count(p), 1);
    /* a note is neither an error nor a warning */
    assert_int_equal(p->diags.warnings, 0);
    assert_int_equal(jx_project_error_count(p), 0);

    p = run_next(&r, "乙"); /* claimed full, recomputed 80.00: the claims decide; 总分 100 written */
    expect(p, "all-full-marks", JX_SEV_NOTE, 26, 8,
           "项目“乙”的 2 个指标全部满分，填报总分 100；请核实目标是否偏低、完成值是否有依据");
    assert_int_equal(jx_project_total_cents(p), 8000);
    assert_int_equal(jx_test_count_code(p, "claimed-score"), 1);

    p = run_next(&r, "丙"); /* the 不适用 indicator is left out: 60 + 30 */
    expect(p, "all-full-marks", JX_SEV_NOTE, 29, 1,
           "项目“丙”的 2 个指标全部满分，重算总分 90.00；请核实目标是否偏低、完成值是否有依据");

    p = run_next(&r, "丁");
    assert_int_equal(checks_count(p), 0);

    /* issue 10, item 7: one indicator self-scored 100 of 100 but recomputed 100 × 30 / 60 =
     * 50.00, no 总分 written. The note once read "1 个指标全部满分，总分 50.00", the claimed
     * 得分 and the recomputed total in one sentence; it now says the total is the recomputed one */
    p = run_next(&r, "戊");
    expect(p, "all-full-marks", JX_SEV_NOTE, 48, 1,
           "项目“戊”的 1 个指标全部满分，重算总分 50.00；请核实目标是否偏低、完成值是否有依据");
    assert_int_equal(jx_project_total_cents(p), 5000);
    assert_int_equal(checks_count(p), 1);
    run_close(&r);
}

/* ----------------------------------------------------------------- band-gap */

/* Opens the corpus policy file, asserting the result; returns it. */
static jx_policy *open_policy(const char *file, jx_result want)
{
    char path[1024];
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, corpus_path(file, path, sizeof path), NULL), want);
    return pol;
}

/* Asserts the i-th diagnostic of pol. */
static void expect_policy(const jx_policy *pol, size_t i, jx_severity sev, uint32_t line, uint32_t col,
                          const char *msg)
{
    const jx_diag *d = jx_policy_diag(pol, i);
    assert_non_null(d);
    assert_string_equal(d->code, "band-gap");
    assert_int_equal(d->severity, sev);
    assert_int_equal(d->line, line);
    assert_int_equal(d->column, col);
    assert_string_equal(d->message, msg);
}

static void band_gap(void **state)
{
    (void)state;
    jx_policy *pol = open_policy("band-gap-hole.jx", JX_OK);
    assert_int_equal(jx_policy_diag_count(pol), 1);
    expect_policy(pol, 0, JX_SEV_WARNING, 3, 5,
                  "评分办法“有空档”的定性区间“部分达成”与“达成”之间有空档 80%～85%，其中的自评得分不属于任何评定");
    jx_policy_close(pol);

    pol = open_policy("band-gap-overlap.jx", JX_OK);
    assert_int_equal(jx_policy_diag_count(pol), 1);
    expect_policy(pol, 0, JX_SEV_WARNING, 3, 5,
                  "评分办法“有重叠”的定性区间“部分达成”与“达成”重叠 80%～85%，其中的自评得分可归入两种评定");
    jx_policy_close(pol);

    pol = open_policy("band-gap-ends.jx", JX_OK);
    assert_int_equal(jx_policy_diag_count(pol), 2);
    expect_policy(pol, 0, JX_SEV_WARNING, 4, 5,
                  "评分办法“两头空”的定性区间“未达成”从 5% 起，0%～5% 的自评得分不属于任何评定");
    expect_policy(pol, 1, JX_SEV_WARNING, 4, 5,
                  "评分办法“两头空”的定性区间“达成”只到 95%，95%～100% 的自评得分不属于任何评定");
    jx_policy_close(pol);

    /* grade bands out of order cannot grade at all: an error, at the 评分办法 keyword */
    pol = open_policy("band-gap-order.jx", JX_ERR_INPUT);
    assert_int_equal(jx_policy_diag_count(pol), 1);
    expect_policy(pol, 0, JX_SEV_ERROR, 2, 1,
                  "评分办法“乱序”的等级分数线应在 0～100 之间且从高到低：优 80、良 90、中 60");
    jx_policy_close(pol);

    /* the shipped policies' bands meet end to end: 0–60, 60–80, 80–100 */
    for (const char *const *n = jx_policy_builtin_names(); *n; n++) {
        assert_int_equal(jx_policy_open(&pol, *n, NULL), JX_OK);
        assert_int_equal(jx_policy_diag_count(pol), 0);
        jx_policy_close(pol);
    }
}

/* ------------------------------------------------------------- the whole run */

static void findings_follow_the_evaluator_in_source_order(void **state)
{
    (void)state;
    run r = run_open("score-over-weight.jx", "default");
    jx_project *p = run_next(&r, "得分超过权重");
    /* the evaluator's (in source order), then the checks' (in source order) */
    static const struct {
        const char *code;
        uint32_t line;
    } want[] = {{"claimed-score", 8}, {"qualitative-band", 13}, {"score-over-weight", 8}, {"score-over-weight", 13}};
    assert_int_equal(jx_project_diag_count(p), 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(jx_project_diag(p, i)->code, want[i].code);
        assert_int_equal(jx_project_diag(p, i)->line, want[i].line);
    }
    /* scoring again finds the same, once */
    assert_int_equal(jx_score(p, r.pol), JX_OK);
    assert_int_equal(jx_project_diag_count(p), 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(jx_project_diag(p, i)->code, want[i].code);
    /* qualitative-band is an error (issue 10: a 定性 claim outside its band is rejected) */
    assert_int_equal(p->diags.warnings, 3);
    assert_int_equal(p->diags.errors, 1);
    (void)run_next(&r, "得分等于权重");
    run_close(&r);
}

static void nothing_before_scoring(void **state)
{
    (void)state;
    /* a project that was not scored is left alone */
    jx_project *p = jx_test_project("未计分");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_test_claim(jx_test_ind(p, g2, "接入系统数量", "≥60个", "30", "60个"), "35");
    jx_policy pol;
    memset(&pol, 0, sizeof pol);
    jx_policy_set_defaults(&pol);
    jx_checks_run(p, &pol);
    assert_int_equal(jx_project_diag_count(p), 0);
    jx_checks_run(NULL, &pol);
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(jx_test_count_code(p, "score-over-weight"), 1);
    jx_test_project_free(p);
}

/*
 * Texts compared "once trimmed" (a 定性 actual restating its target, repeated indicator
 * names) are trimmed of the one blank set (text.h), no longer of space, tab and U+3000
 * only: "达成" + NBSP and EM SPACE + "达成" + CR are now the same text as "达成" (they were
 * not); an inner NBSP still counts.
 */
static void trimmed_by_the_blank_set(void **state)
{
    (void)state;
    jx_str plainw = {"达成", (uint32_t)strlen("达成")};
    jx_str nbsp = {"达成\xC2\xA0", (uint32_t)strlen("达成\xC2\xA0")};
    jx_str em = {"\xE2\x80\x83达成\r", (uint32_t)strlen("\xE2\x80\x83达成\r")};
    jx_str inner = {"达\xC2\xA0成", (uint32_t)strlen("达\xC2\xA0成")};
    assert_true(jx_str_same_text(nbsp, plainw));
    assert_true(jx_str_same_text(em, plainw));
    assert_false(jx_str_same_text(inner, plainw));
    jx_str t = jx_str_trimmed(em);
    assert_int_equal(t.n, 6);
    assert_memory_equal(t.s, "达成", 6);
}

/* ------------------------------------------------- names trimmed for repeats */

/* jx_checks_duplicates on a project of the indicators named[0..n), each on its own line
 * (its index + 1), all under 产出指标 / 数量指标: the number of duplicate-indicator findings. */
static size_t repeats_of(const char *const *named, size_t n)
{
    jx_project *p = jx_test_project("重复");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    for (size_t i = 0; i < n; i++)
        jx_test_ind(p, g2, named[i], "≥1", "1", "1");
    jx_checks_duplicates(p);
    size_t found = jx_test_count_code(p, "duplicate-indicator");
    jx_test_project_free(p);
    return found;
}

/*
 * A name is trimmed without the look at either end when its first byte is above E3 and
 * its last three bytes are a byte above E3, any byte, and a byte from 80 up but A0. Each
 * name below that ends or starts with a blank misses that test by one of its bytes, and is
 * trimmed: the same name as 指标名 (E6 8C 87 E6 A0 87 E5 90 8D, which takes the test) —
 *   指标名 + NBSP (C2 A0): its third byte from the end is 8D;
 *   U+3000 (E3 80 80) + 指标名: its first byte is E3;
 *   指标名 + EM SPACE (E2 80 83): its third byte from the end is E2;
 * and, not UTF-8, with a byte above E3 third from the end (so only the last byte tells):
 *   指标 E5 90 + space: its last byte is ASCII — the same as 指标 E5 90;
 *   指标 E5 + NBSP: its last byte is A0 — the same as 指标 E5;
 * while 指标名丠 (丠 E4 B8 A0: ends in A0, no blank) is trimmed to itself, no repeat.
 */
static void repeats_trimmed_by_their_ends(void **state)
{
    (void)state;
    static const char *const one[] = {"指标名", "指标名\xC2\xA0"};
    assert_int_equal(repeats_of(one, 2), 1);
    static const char *const two[] = {"指标名", "\xE3\x80\x80指标名"};
    assert_int_equal(repeats_of(two, 2), 1);
    static const char *const three[] = {"指标名", "指标名\xE2\x80\x83"};
    assert_int_equal(repeats_of(three, 2), 1);
    static const char *const four[] = {"指标\xE5\x90", "指标\xE5\x90 "};
    assert_int_equal(repeats_of(four, 2), 1);
    static const char *const five[] = {"指标\xE5", "指标\xE5\xC2\xA0"};
    assert_int_equal(repeats_of(five, 2), 1);
    static const char *const none[] = {"指标名", "指标名丠"};
    assert_int_equal(repeats_of(none, 2), 0);
    /* all together, and 指标名 again: lines 2 to 5 and 7 repeat line 1 */
    static const char *const all[] = {"指标名",  "指标名\xC2\xA0", "\xE3\x80\x80指标名", "指标名\xE2\x80\x83",
                                      "指标名 ", "指标名丠",         "指标名"};
    assert_int_equal(repeats_of(all, 7), 5);
}

/* ------------------------------------------------- 成本 by name or by group */

/*
 * A cost indicator is one with 成本 in its name or in its 二级 group's; the group's is
 * looked at first, the name's after. Five indicators of weight 20 (Σ 100), each ≥ or >
 * 5万元: in 数量指标 人均成本 (12 bytes: looked at in registers), a name of 45 bytes with
 * 成本 (past 32: strstr), 成本 alone (6 bytes: strstr) and 人均费用 (no 成本); in 成本指标
 * 单位运维费 (no 成本 itself). All but 人均费用 are cost indicators with a lower bound:
 * four findings.
 */
static void cost_by_name_or_group(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    jx_project *p = jx_test_project("成本方向");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t sl = jx_test_group(p, 2, "数量指标", NULL, g1);
    uint32_t cb = jx_test_group(p, 2, "成本指标", NULL, g1);
    jx_test_ind(p, sl, "人均成本", "≥5万元", "20", "5万元");
    jx_test_ind(p, sl, "每个服务对象的人均运行维护成本", "≥5万元", "20", "5万元");
    jx_test_ind(p, sl, "成本", ">5万元", "20", "6万元");
    jx_test_ind(p, sl, "人均费用", "≥5万元", "20", "5万元");
    jx_test_ind(p, cb, "单位运维费", "≥5万元", "20", "5万元");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_int_equal(jx_test_count_code(p, "direction"), 4);
    expect(p, "direction", JX_SEV_WARNING, 1, 10, "成本指标“人均成本”的年度指标值“≥5万元”用了“≥”，成本应设上限（≤ 或 <）");
    expect(p, "direction", JX_SEV_WARNING, 2, 10,
           "成本指标“每个服务对象的人均运行维护成本”的年度指标值“≥5万元”用了“≥”，成本应设上限（≤ 或 <）");
    expect(p, "direction", JX_SEV_WARNING, 3, 10, "成本指标“成本”的年度指标值“>5万元”用了“>”，成本应设上限（≤ 或 <）");
    expect(p, "direction", JX_SEV_WARNING, 5, 10, "成本指标“单位运维费”的年度指标值“≥5万元”用了“≥”，成本应设上限（≤ 或 <）");
    jx_test_project_free(p);
}

/* ------------------------------------------------- messages put together */

/* The message of p's finding with code, which must be there. */
static const char *finding(const jx_project *p, const char *code)
{
    const jx_diag *d = jx_test_find_code(p, code);
    assert_non_null(d);
    return d->message;
}

/*
 * Findings quote the indicator's name, its actual and the project's name as "%s" does: up
 * to a NUL inside. qualitative-evidence, whose message is put together piece by piece,
 * copies a text in the parser's plain copy (which has none) by its length, and looks at
 * one set otherwise (here, by hand) for a NUL; execution-gap, formatted, the same as "%s".
 */
static void messages_stop_at_a_nul(void **state)
{
    (void)state;
    jx_policy pol = jx_test_policy_default();
    /* 定性 提升, actual 提升, weight 100: 达成, 100 % of 100 = 100.00, full marks, restated */
    jx_project *p = jx_test_project("测试");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "质量指标", NULL, g1);
    jx_test_ind(p, g2, "工作效率", "定性 提升", "100", "\"提升\"");
    p->inds[0].name = (jx_str){"工作\0效率", (uint32_t)sizeof "工作\0效率" - 1};
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_string_equal(finding(p, "qualitative-evidence"),
                        "定性指标“工作”得分 100.00 为满分（权重 100），但实际完成值“提升”只是照抄年度指标值，没有写明完成情况和依据");
    jx_test_project_free(p);

    /* weights 30, 30, 40 met: I = 100.00 / 100 = 100 %; E = 50 / 100 = 50 %; the gap
     * (100 − 50) / 100 = 50 % > 5 % */
    p = jx_test_project("测试");
    p->name = (jx_str){"测\0试", (uint32_t)sizeof "测\0试" - 1};
    g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_test_ind(p, g2, "甲", "≥1", "30", "1");
    jx_test_ind(p, g2, "乙", "≥1", "30", "1");
    jx_test_ind(p, g2, "丙", "≥1", "40", "1");
    jx_test_funds(p, NULL, "100", "100", "50");
    assert_int_equal(jx_score(p, &pol), JX_OK);
    assert_string_equal(finding(p, "execution-gap"),
                        "项目“测”指标完成度 100.00%（执行率以外的指标得分 100.00 / 权重 100）"
                        "高于预算执行完成度 50.00%（全年执行 50 / 全年预算 100），偏离 50.00%，超过执行偏差 5%");
    jx_test_project_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(score_over_weight),
        cmocka_unit_test(qualitative_evidence),
        cmocka_unit_test(direction),
        cmocka_unit_test(duplicate_indicator),
        cmocka_unit_test(execution_gap_inline),
        cmocka_unit_test(execution_gap_separate),
        cmocka_unit_test(execution_gap_threshold),
        cmocka_unit_test(funds_inconsistent),
        cmocka_unit_test(funds_wide),
        cmocka_unit_test(all_full_marks),
        cmocka_unit_test(trimmed_by_the_blank_set),
        cmocka_unit_test(band_gap),
        cmocka_unit_test(findings_follow_the_evaluator_in_source_order),
        cmocka_unit_test(nothing_before_scoring),
        cmocka_unit_test(repeats_trimmed_by_their_ends),
        cmocka_unit_test(messages_stop_at_a_nul),
        cmocka_unit_test(cost_by_name_or_group),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
