/* SPDX-License-Identifier: MIT */
/* test_report_fast.c — the fast paths of the score serialisations (write_json.c
 * funds_fast, group_fast and indicator_fast, write_csv.c row_fast and bare_row_fast)
 * checked against the general path: every input below is written twice in each format,
 * as usual and with the writer's general_only set (no fast path tried), and the two
 * outputs must be the same bytes. That the fast paths did write rows in the first run is
 * checked too, or the comparison would prove nothing; and that they wrote none in the
 * second.
 *
 * The inputs: the samples and the audit corpora (ordinary projects, the fast paths' own
 * ground), the escaping golden case, and awkward text written here — commas, quotes,
 * a tab and a line break in strings, texts a spreadsheet would take for a formula,
 * full-width signs, 不适用, 定性 with 评定 and claims, weights and points with many
 * decimals, several 资金 rows (one giving 年初预算 alone), groups without indicators, the
 * history of targets (上年, 前年 — a number, a text, one written as none — and 依据), and a
 * project whose own cells (单位, 主管部门, 年度目标, a 资金 source) need quoting or the
 * formula guard on the rows that carry them, group names that need quoting, and rows that
 * are no indicator's (groups without indicators, 资金 rows left to carry).
 *
 * Each input is also written with every project rendered apart (jx_writer_render, then
 * jx_writer_project_rendered, what `score -j` does), to the same bytes: in JSON and CSV,
 * and in the 自评表's formats drawn by a renderer that draws each part alone (text, txt,
 * md, html), with and without --explain and the findings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report.h"

/* Output gathered in memory. */
typedef struct sink {
    char *buf;
    size_t len, cap;
} sink;

static size_t sink_write(void *ud, const char *data, size_t len)
{
    sink *s = ud;
    if (s->len + len > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        while (cap < s->len + len)
            cap *= 2;
        s->buf = realloc(s->buf, cap);
        assert_non_null(s->buf);
        s->cap = cap;
    }
    memcpy(s->buf + s->len, data, len);
    s->len += len;
    return len;
}

/* Awkward text for both paths. */
static const char awkward[] =
    "项目 \"逗号,与\\\"引号\\\"的项目\" {\n"
    "    主管部门 \"301-大数据\"\n"
    "    单位 \"=301001 单位\"\n"
    "    年度 2024\n"
    "    金额单位 万元\n"
    "    资金 年度资金总额 年初预算 100 全年预算 100.5 全年执行 90.25\n"
    "    资金 一般公共预算资金 年初预算 80 全年预算 80 全年执行 70\n"
    "    资金 其他资金 年初预算 20 全年预算 20.5 全年执行 20.25\n"
    "    资金 政府性基金 年初预算 5\n"
    "    完成情况 \"第一行\\n第二行\"\n"
    "    产出指标 60 {\n"
    "        数量指标 40.0000 {\n"
    "            巡检次数 ≥12次 权重 20.125 实际 9次 偏差 \"设备,维修\"\n"
    "            \"培训,人次\" ≥200人次 权重 19.875 实际 210人次\n"
    "            到场率 ≥95% 权重 0 实际 96% 上年 ≥90% 前年 \"较高\" 依据 \"行业标准\"\n"
    "            到岗率 ≥95% 权重 0 上年 - 前年 \"=每月\" 依据 \"经验,标准\"\n"
    "        }\n"
    "        质量指标 {\n"
    "        }\n"
    "        时效指标 20 {\n"
    "            响应时间 ≤2小时 权重 10 实际 3小时 偏差 \"=夜间\tTab\"\n"
    "            完成时限 ＝1年 权重 10 实际 1年 得分 9.999\n"
    "        }\n"
    "    }\n"
    "    效益指标 30 {\n"
    "        社会效益 30 {\n"
    "            服务质量 定性 \"提升\" 权重 15 实际 \"基本提升\" 评定 部分达成 得分 11\n"
    "            群众评价 定性 \"好评\" 权重 15 实际 \"好评\" 不适用\n"
    "        }\n"
    "    }\n"
    "    满意度指标 10 {\n"
    "        满意度 10 { 满意率 ≥90% 权重 10 实际 \"-93%\" }\n"
    "    }\n"
    "    总分 80 结论 良\n"
    "}\n"
    /* names the fast path takes, and one of the project's own cells to quote (or to
     * guard) on the rows that carry it, one project each */
    "项目 \"单位带逗号\" {\n"
    "    单位 \"甲,乙\"\n"
    "    资金 年度资金总额 年初预算 100 全年预算 100 全年执行 90\n"
    "    产出指标 100 { 数量指标 100 { 甲 ≥1个 权重 50 实际 1个; 乙 ≥1个 权重 50 实际 1个 } }\n"
    "}\n"
    "项目 \"主管部门带引号\" {\n"
    "    主管部门 \"丙\\\"丁\\\"\"\n"
    "    资金 年度资金总额 年初预算 100 全年预算 100 全年执行 90\n"
    "    产出指标 100 { 数量指标 100 { 甲 ≥1个 权重 50 实际 1个; 乙 ≥1个 权重 50 实际 1个 } }\n"
    "}\n"
    "项目 \"目标两行\" {\n"
    "    年度目标 \"一行\\n二行\"\n"
    "    资金 年度资金总额 年初预算 100 全年预算 100 全年执行 90\n"
    "    产出指标 100 { 数量指标 100 { 甲 ≥1个 权重 50 实际 1个; 乙 ≥1个 权重 50 实际 1个 } }\n"
    "}\n"
    "项目 \"整改像公式\" {\n"
    "    整改措施 \"=SUM(A1)\"\n"
    "    资金 年度资金总额 年初预算 100 全年预算 100 全年执行 90\n"
    "    产出指标 100 { 数量指标 100 { 甲 ≥1个 权重 50 实际 1个; 乙 ≥1个 权重 50 实际 1个 } }\n"
    "}\n"
    "项目 \"资金来源带逗号\" {\n"
    "    资金 年度资金总额 年初预算 100 全年预算 100 全年执行 90\n"
    "    资金 \"一般,公共\" 年初预算 80 全年预算 80 全年执行 70\n"
    "    资金 \"=其他\" 年初预算 20\n"
    "    产出指标 100 { 数量指标 100 { 甲 ≥1个 权重 25 实际 1个; 乙 ≥1个 权重 25 实际 1个\n"
    "        丙 ≥1个 权重 25 实际 1个; 丁 ≥1个 权重 25 实际 1个 } }\n"
    "}\n"
    /* rows that are no indicator's: groups without indicators (one whose name takes the
     * formula guard, one to quote, points with many decimals, a 一级 group alone) and 资金
     * rows left to carry after them; and a project of 资金 rows alone */
    "项目 \"空组\" {\n"
    "    资金 年度资金总额 年初预算 100 全年预算 100 全年执行 90\n"
    "    资金 一般公共预算资金 年初预算 80 全年预算 80 全年执行 70\n"
    "    资金 其他资金 年初预算 20\n"
    "    资金 政府性基金 全年预算 5 全年执行 5\n"
    "    资金 专项资金 年初预算 1\n"
    "    资金 \"=自筹\" 年初预算 2\n"
    "    产出指标 60 { @空组 10.125 {} \"逗号,空组\" 5 {}\n"
    "        数量指标 44.875 { 甲 ≥1个 权重 60 实际 1个 } }\n"
    "    效益指标 40 { 社会效益 40 { 乙 ≥1个 权重 40 实际 1个 } }\n"
    "    满意度指标 0 {}\n"
    "}\n"
    "项目 \"只有资金\" {\n"
    "    资金 年度资金总额 年初预算 100 全年预算 100 全年执行 90\n"
    "    资金 一般公共预算资金 年初预算 80\n"
    "    资金 其他资金 年初预算 20\n"
    "}\n"
    /* group names to quote on every row of their indicators (a string, not a word) */
    "项目 \"组名带逗号\" {\n"
    "    资金 年度资金总额 年初预算 100 全年预算 100 全年执行 90\n"
    "    产出指标 100 { \"数量,指标\" 50 { 甲 ≥1个 权重 50 实际 1个 }\n"
    "        \"质量\\\"指标\\\"\" 50 { 乙 ≥1个 权重 50 实际 1个 } }\n"
    "}\n";

/* How write_all writes each project. */
enum { WRITE_FAST, WRITE_GENERAL, WRITE_APART };

/* Writes every project of the rule text at path (or of text, when given) in fmt, scored
 * under the default policy, its first indicator then changed by edit (NULL: none): as
 * usual (WRITE_FAST), with the writer's general_only set (WRITE_GENERAL), or each project
 * rendered apart by jx_writer_render into memory of its own and handed over by
 * jx_writer_project_rendered (WRITE_APART). Returns the output, and the rows the fast
 * paths wrote in *fast. */
static sink write_all_edited(const char *path, const char *text, jx_format fmt, unsigned flags, int how,
                             size_t *fast, void (*edit)(jx_indicator *ind))
{
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_reader *rd = NULL;
    if (text)
        assert_int_equal(jx_reader_open_memory(&rd, path, text, strlen(text), NULL), JX_OK);
    else
        assert_int_equal(jx_reader_open(&rd, path, NULL), JX_OK);
    sink s = {0};
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, fmt, flags, sink_write, &s, NULL), JX_OK);
    wr->general_only = how == WRITE_GENERAL;
    assert_int_equal(jx_writer_renders_apart(wr), 1);
    jx_project *p = NULL;
    jx_result rc;
    while ((rc = jx_reader_next(rd, &p)) != JX_DONE) {
        if (rc != JX_ROW || jx_project_error_count(p) > 0)
            continue; /* the command leaves those out too */
        if (jx_score(p, pol) != JX_OK && jx_project_error_count(p) > 0)
            continue;
        if (edit && p->ninds > 0)
            edit(&p->inds[0]);
        if (how != WRITE_APART) {
            assert_int_equal(jx_writer_project(wr, p), JX_OK);
            continue;
        }
        sink one = {0};
        assert_int_equal(jx_writer_render(wr, p, sink_write, &one), JX_OK);
        assert_true(one.len > 0);
        assert_int_equal(jx_writer_project_rendered(wr, p, one.buf, one.len), JX_OK);
        free(one.buf);
    }
    assert_int_equal(jx_writer_finish(wr), JX_OK);
    *fast = wr->fast_written;
    jx_writer_destroy(wr);
    jx_reader_close(rd);
    jx_policy_close(pol);
    return s;
}

/* write_all_edited, nothing edited. */
static sink write_all(const char *path, const char *text, jx_format fmt, unsigned flags, int how, size_t *fast)
{
    return write_all_edited(path, text, fmt, flags, how, fast, NULL);
}

/* The first line where a and b part, for the failure message. */
static void report_difference(const char *what, const sink *a, const sink *b)
{
    size_t i = 0, line = 1, start = 0;
    while (i < a->len && i < b->len && a->buf[i] == b->buf[i]) {
        if (a->buf[i] == '\n') {
            line++;
            start = i + 1;
        }
        i++;
    }
    fail_msg("%s: the fast path and the general path part at line %zu:\n  fast:    %.200s\n  general: %.200s", what,
             line, a->buf + start, b->buf + start);
}

/* Both paths agree on path (or text) in JSON and CSV; returns the rows the fast paths wrote. */
static size_t agree(const char *path, const char *text)
{
    static const jx_format fmts[] = {JX_FORMAT_JSON, JX_FORMAT_CSV};
    size_t total = 0;
    for (size_t f = 0; f < 2; f++) {
        size_t fast = 0, none = 0, apart_fast = 0;
        sink a = write_all(path, text, fmts[f], 0, WRITE_FAST, &fast);
        sink b = write_all(path, text, fmts[f], 0, WRITE_GENERAL, &none);
        sink c = write_all(path, text, fmts[f], 0, WRITE_APART, &apart_fast);
        assert_int_equal(none, 0);
        assert_int_equal(apart_fast, 0); /* the renderings counted their own rows */
        char what[256];
        snprintf(what, sizeof what, "%s (%s)", path, fmts[f] == JX_FORMAT_JSON ? "json" : "csv");
        if (a.len != b.len || memcmp(a.buf, b.buf, a.len) != 0)
            report_difference(what, &a, &b);
        /* rendered apart, the same bytes again */
        if (a.len != c.len || memcmp(a.buf, c.buf, a.len) != 0) {
            strcat(what, " rendered apart");
            report_difference(what, &a, &c);
        }
        total += fast;
        free(a.buf);
        free(b.buf);
        free(c.buf);
    }
    return total;
}

/* Findings: four whose code and message need no escape (甲's vague-actual and
 * over-target, 丁's missing-actual and missing-reason) and four that name an indicator
 * with a '"' (乙) or a '\\' (丙) in their message, to escape. */
static const char findings_text[] = "项目 \"告警\" {\n"
                                    "    资金 年度资金总额 年初预算 100 全年预算 100 全年执行 90\n"
                                    "    产出指标 100 { 数量指标 100 {\n"
                                    "        甲 ≥1个 权重 25 实际 ≥2个\n"
                                    "        \"乙\\\"引\\\"\" ≥1个 权重 25 实际 ≥2个\n"
                                    "        \"丙\\\\斜\" ≥1个 权重 25 实际 ≥2个\n"
                                    "        丁 ≥1个 权重 25\n"
                                    "    } }\n"
                                    "}\n";

/* Whether s holds the bytes of needle. */
static bool sink_has(const sink *s, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= s->len; i++)
        if (memcmp(s->buf + i, needle, n) == 0)
            return true;
    return false;
}

/* The audit's JSON of findings_text, by the fast path of a finding's object or
 * (general_only) not. */
static sink audit_json(int general_only)
{
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_audit *au = NULL;
    assert_int_equal(jx_audit_create(&au, pol, NULL, NULL), JX_OK);
    sink s = {0};
    jx_audit_writer *aw = NULL;
    assert_int_equal(jx_audit_writer_create(&aw, au, JX_FORMAT_JSON, sink_write, &s, NULL), JX_OK);
    aw->out->general_only = general_only;
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open_memory(&rd, "findings.jx", findings_text, strlen(findings_text), NULL), JX_OK);
    jx_project *p = NULL;
    size_t n = 0;
    while (jx_reader_next(rd, &p) == JX_ROW) {
        assert_int_equal(jx_score(p, pol), JX_OK);
        assert_int_equal(jx_project_diag_count(p), 8);
        assert_int_equal(jx_audit_add(au, p, 0), JX_OK);
        assert_int_equal(jx_audit_writer_project(aw, p, 0), JX_OK);
        n++;
    }
    assert_int_equal(n, 1);
    assert_int_equal(jx_audit_writer_finish(aw), JX_OK);
    jx_audit_writer_destroy(aw);
    jx_audit_destroy(au);
    jx_reader_close(rd);
    jx_policy_close(pol);
    return s;
}

/* A finding's object (diag_open) is written in one go when its code and message need no
 * escape (the four plain findings), by the general path otherwise (the four others, and
 * all eight with general_only): the same bytes both ways, in the scores (code first) and
 * in the audit (severity first). */
static void findings(void **state)
{
    (void)state;
    agree("findings.jx", findings_text);
    sink a = audit_json(0), b = audit_json(1);
    if (a.len != b.len || memcmp(a.buf, b.buf, a.len) != 0)
        report_difference("findings.jx (audit json)", &a, &b);
    assert_true(sink_has(&a, "\"message\":\"指标“乙\\\"引\\\"”的")); /* escaped */
    free(a.buf);
    free(b.buf);
}

static void samples_and_corpora(void **state)
{
    (void)state;
    static const char *const files[] = {
        "../samples/yuecheng-2024.jx",     "../samples/wangan-2025-review.jx", "audit/inflated/a-road.jx",
        "audit/inflated/b-waste.jx",       "audit/inflated/c-training.jx",     "audit/inflated/d-claims-hold.jx",
        "audit/sample/a-bigdata.jx",       "audit/sample/b-roads.jx",          "audit/sample/c-transport.jx",
        "golden/score-md-escape/escape.jx",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t fast = agree(files[i], NULL);
        /* the ordinary projects are the fast paths' own: they wrote rows there */
        if (i < 2)
            assert_true(fast > 0);
    }
}

static void awkward_text(void **state)
{
    (void)state;
    size_t fast = agree("awkward.jx", awkward);
    /* the plain lines of it (培训 aside) still go the fast way */
    assert_true(fast > 0);
}

/* Long lines: a project of 50 indicators whose reasons run from 1 000 bytes up by 97 a
 * line (so the output buffer, 64 KiB, fills at a different point of an indicator each
 * time), some with part of a history (上年 alone, 前年 alone, 依据 alone), and one with a
 * reason of 9 000 bytes, past what indicator_fast asks room for by its bound (eight texts
 * of the line's length) and so written by the general path. Both paths agree, and the
 * fast one wrote the others. The room indicator_fast asks for must hold what it writes,
 * or it writes past the buffer (the sanitizer's heap overflow). */
static void long_lines(void **state)
{
    (void)state;
    enum { NINDS = 50, LONGEST = 9000 };
    size_t cap = 64 + NINDS * (LONGEST + 200) + 512;
    char *text = malloc(cap), *reason = malloc(LONGEST + 1);
    assert_non_null(text);
    assert_non_null(reason);
    for (size_t k = 0; k < LONGEST; k++)
        reason[k] = (char)('a' + k % 26);
    size_t n = (size_t)snprintf(text, cap, "项目 \"长行\" {\n    产出指标 100 {\n        数量指标 100 {\n");
    static const char *const history[] = {"", " 上年 ≥90%", " 前年 \"较高\"", " 依据 \"行业标准\""};
    for (int i = 0; i < NINDS; i++) {
        int len = i == NINDS / 2 ? LONGEST : 1000 + 97 * i;
        n += (size_t)snprintf(text + n, cap - n, "            指标%d ≥95%% 权重 2 实际 %d%%%s 偏差 \"%.*s\"\n", i,
                              90 + i % 10, history[i % 4], len, reason);
    }
    n += (size_t)snprintf(text + n, cap - n, "        }\n    }\n}\n");
    assert_true(n < cap);
    size_t fast = agree("long.jx", text);
    assert_true(fast >= 2 * (NINDS - 1)); /* JSON and CSV: all but the longest (and the groups) */
    free(reason);
    free(text);
}

/* jx_at_dec_fixed, a group's points at the policy's places: the whole number at 2 places
 * its own way, the rest as jx_at_fixed(jx_dec_to_units). Worked by hand: 60 at 2 places is
 * 6000 hundredths, "60.00"; 7.5 ({75, 1}) is 750, "7.50"; 1.005 ({1005, 3}) rounds half
 * up to 101 hundredths, "1.01"; 60 at 0 places is "60", at 4 places 600000 units,
 * "60.0000"; -5 at 2 places is -500 hundredths, "-5.00". Each as the general way writes
 * it too. */
static void points_at_places(void **state)
{
    (void)state;
    static const struct {
        jx_dec d;
        int decimals;
        const char *want;
    } cases[] = {
        {{60, 0}, 2, "60.00"},       {{0, 0}, 2, "0.00"},         {{9, 0}, 2, "9.00"},
        {{100, 0}, 2, "100.00"},     {{1234567, 0}, 2, "1234567.00"}, {{75, 1}, 2, "7.50"},
        {{1005, 3}, 2, "1.01"},      {{60, 0}, 0, "60"},          {{60, 0}, 4, "60.0000"},
        {{-5, 0}, 2, "-5.00"},
        /* the most the whole-number way takes: INT64_MAX / 100 = 92233720368547758, whose
         * 9223372036854775800 hundredths still fit 64 bits */
        {{INT64_MAX / 100, 0}, 2, "92233720368547758.00"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char at[JX_DEC_BUFSZ + 8], general[JX_DEC_BUFSZ + 8];
        size_t n = (size_t)(jx_at_dec_fixed(at, cases[i].d, cases[i].decimals) - at);
        assert_int_equal(n, strlen(cases[i].want));
        assert_memory_equal(at, cases[i].want, n);
        size_t m = (size_t)(jx_at_fixed(general, jx_dec_to_units(cases[i].d, cases[i].decimals), cases[i].decimals) -
                            general);
        assert_int_equal(m, n);
        assert_memory_equal(general, at, n);
    }
}

/* Scores at 2 places, which the JSON's fast paths write their own way (write_json.c,
 * o_fixed: up to 99.99 by one 32-bit product) and the general path by jx_out_fixed. A
 * project a score: one indicator of weight 100, target ≥10000个, actual n个, scored
 * 100 × n / 10000 = n hundredths (ge-ratio), as are its groups and total. Worked by hand:
 * n = 0 is "0.00", 5 "0.05", 99 "0.99", 100 "1.00", 938 "9.38", 9999 "99.99" (the last of
 * the 32-bit product's range), 10000 "100.00" (met: the weight). Both paths agree, the
 * fast ones wrote each group and indicator (JSON: 3 a project, CSV: 1), and the
 * indicator's score reads as worked. */
static void scores_at_two_places(void **state)
{
    (void)state;
    static const struct {
        unsigned n;
        const char *want;
    } cases[] = {{0, "0.00"}, {5, "0.05"}, {99, "0.99"}, {100, "1.00"}, {938, "9.38"}, {9999, "99.99"}, {10000, "100.00"}};
    enum { NCASES = sizeof cases / sizeof cases[0] };
    char text[4096];
    size_t n = 0;
    for (size_t i = 0; i < NCASES; i++)
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "项目 \"分%u\" {\n    产出指标 100 {\n        数量指标 100 {\n"
                              "            甲 ≥10000个 权重 100 实际 %u个\n        }\n    }\n}\n",
                              cases[i].n, cases[i].n);
    assert_true(n < sizeof text);
    assert_int_equal(agree("scores.jx", text), NCASES * (3 + 1));
    size_t fast = 0;
    sink a = write_all("scores.jx", text, JX_FORMAT_JSON, 0, WRITE_FAST, &fast);
    a.buf = realloc(a.buf, a.len + 1);
    assert_non_null(a.buf);
    a.buf[a.len] = '\0';
    const char *at = a.buf;
    for (size_t i = 0; i < NCASES; i++) {
        char want[96];
        snprintf(want, sizeof want, "\"weight\":100,\"score\":%s,\"claimed\":null", cases[i].want);
        at = strstr(at, want);
        if (!at)
            fail_msg("not found in order: %s", want);
    }
    free(a.buf);
}

/* What follows an indicator's sign: indicator_fast writes it as one constant when it has
 * no 偏差, 评定, 不适用, 上年, 前年 or 依据, else member by member. Plain indicators, the
 * first of the usual kind, then each with one of those alone (上年 also written as none),
 * and one with all of them: both paths write the same bytes, and the fast one wrote every
 * indicator that it takes. */
static void indicator_tails(void **state)
{
    (void)state;
    static const char text[] = "项目 \"尾部\" {\n"
                               "    产出指标 100 {\n"
                               "        数量指标 100 {\n"
                               "            平常 ≥1个 权重 10 实际 1个\n"
                               "            有偏差 ≥2个 权重 10 实际 1个 偏差 \"天气原因\"\n"
                               "            有评定 定性 \"好\" 权重 10 实际 \"较好\" 评定 部分达成\n"
                               "            不适用的 ≥1个 权重 10 不适用\n"
                               "            有上年 ≥1个 权重 10 实际 1个 上年 ≥3个\n"
                               "            上年为无 ≥1个 权重 10 实际 1个 上年 /\n"
                               "            有前年 ≥1个 权重 10 实际 1个 前年 \"较高\"\n"
                               "            有依据 ≥1个 权重 10 实际 1个 依据 \"行业标准\"\n"
                               "            都有 定性 \"好\" 权重 20 实际 \"差\" 评定 未达成 偏差 \"原因\" 上年 ≥1个 前年 ≥2个 "
                               "依据 \"标准\"\n"
                               "        }\n"
                               "    }\n"
                               "}\n";
    enum { FAST = 8 };
    /* the fast paths wrote all but 上年为无 (a history written as none is no text of the
     * line): in JSON the two groups and eight indicators, in CSV eight rows */
    assert_int_equal(agree("tails.jx", text), 2 + 2 * FAST);
}

/* A text to escape, lying outside every line's plain copy (as a text set after parsing). */
static const jx_str quoted = {"引\"号", sizeof "引\"号" - 1};

static void edit_reason(jx_indicator *ind) { ind->reason = quoted; }
static void edit_basis(jx_indicator *ind) { ind->basis = quoted; }
static void edit_last_year(jx_indicator *ind)
{
    ind->last_year.present = true;
    ind->last_year.text = quoted;
}
static void edit_year_before(jx_indicator *ind)
{
    ind->year_before.present = true;
    ind->year_before.text = quoted;
}

/* A 偏差, 依据, 上年 or 前年 set after parsing, outside the line's plain copy, the others
 * empty: indicator_fast, which looks at those four only when one is not empty, leaves the
 * indicator to the general path, which escapes the text ("引\"号" written "引\\\"号"): both
 * paths write the same bytes, and the fast one wrote the other indicator and the two groups
 * alone. */
static void late_texts(void **state)
{
    (void)state;
    static const char text[] = "项目 \"后改\" {\n"
                               "    产出指标 100 {\n"
                               "        数量指标 100 {\n"
                               "            甲 ≥1个 权重 50 实际 1个\n"
                               "            乙 ≥1个 权重 50 实际 1个\n"
                               "        }\n"
                               "    }\n"
                               "}\n";
    static void (*const edits[])(jx_indicator *) = {edit_reason, edit_basis, edit_last_year, edit_year_before};
    for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
        size_t fast = 0, none = 0;
        sink a = write_all_edited("edited.jx", text, JX_FORMAT_JSON, 0, WRITE_FAST, &fast, edits[e]),
             b = write_all_edited("edited.jx", text, JX_FORMAT_JSON, 0, WRITE_GENERAL, &none, edits[e]);
        if (a.len != b.len || memcmp(a.buf, b.buf, a.len) != 0)
            report_difference("a text set after parsing", &a, &b);
        assert_int_equal(fast, 3);
        assert_int_equal(none, 0);
        a.buf = realloc(a.buf, a.len + 1);
        assert_non_null(a.buf);
        a.buf[a.len] = '\0';
        assert_non_null(strstr(a.buf, "\"引\\\"号\""));
        free(a.buf);
        free(b.buf);
    }
}

/* Texts copied by a fixed move past their end (write_json.c, o_over): the path up to an
 * indicator's name from path_groups (,{"path":[" and the two group names), the name, the
 * target, the actual and the unit from the line's plain copy, ,"source":"file: made once
 * a project. Group names of 1 to 100 bytes (the path's bytes about the moves of 16, 32 and
 * 64), indicator names of 1 to 130 bytes, units of 0 to 11 人 (3 bytes each), and the
 * actual last on its line, so that as little as its own bytes can be read after it; under
 * file names of 4 to 130 bytes (about the 128 bytes of the source's opening: "," "source"
 * ":" "\"" is 12 of them). Both paths agree, the fast one wrote every indicator, and one
 * indicator reads as worked by hand. */
static void over_copies(void **state)
{
    (void)state;
    static const size_t group_len[] = {1, 3, 4, 16, 17, 34, 35, 36, 60, 100};
    enum { NGROUPS = sizeof group_len / sizeof group_len[0], PER_GROUP = 5, NINDS = NGROUPS * PER_GROUP };
    size_t cap = 64 * 1024, n = 0;
    char *text = malloc(cap), fill[256];
    assert_non_null(text);
    n += (size_t)snprintf(text + n, cap - n, "项目 \"越界\" {\n    产出指标 100 {\n");
    for (size_t g = 0; g < NGROUPS; g++) {
        memset(fill, 'g', group_len[g]);
        n += (size_t)snprintf(text + n, cap - n, "        %.*s 10 {\n", (int)group_len[g], fill);
        for (size_t k = 0; k < PER_GROUP; k++) {
            size_t i = g * PER_GROUP + k, name_len = i < 40 ? i + 1 : 45 + (i - 40) * 9, units = i % 12;
            char unit[64] = "";
            for (size_t u = 0; u < units; u++)
                strcat(unit, "人");
            memset(fill, 'n', name_len);
            n += (size_t)snprintf(text + n, cap - n, "            %.*s ≥1个%s 权重 2 实际 %zu个%s\n", (int)name_len,
                                  fill, unit, i, unit);
        }
        n += (size_t)snprintf(text + n, cap - n, "        }\n");
    }
    n += (size_t)snprintf(text + n, cap - n, "    }\n}\n");
    assert_true(n < cap);
    static const size_t file_len[] = {4, 52, 53, 116, 117, 130};
    for (size_t f = 0; f < sizeof file_len / sizeof file_len[0]; f++) {
        char path[256];
        memset(path, 'f', file_len[f] - 3);
        memcpy(path + file_len[f] - 3, ".jx", 4);
        /* JSON: the groups and the indicators (and the 资金 rows: none); CSV: a row an indicator */
        assert_int_equal(agree(path, text), (1 + NGROUPS + NINDS) + NINDS);
    }
    /* the 6th indicator (i 5), the first of the group of 3 bytes: a name of 6 bytes, the
     * unit 个 and five 人, its actual "5个人人人人人" last on the line (1 + 3 + 5 * 3 = 19
     * bytes, nothing after them); on line 11 (the project's and 产出指标's lines, the first
     * group's line, its five indicators and its brace, then this group's line: 1 + 1 + 7 +
     * 1 = 10 lines before it) at column 13 (after twelve blanks) */
    size_t fast = 0;
    sink a = write_all("t.jx", text, JX_FORMAT_JSON, 0, WRITE_FAST, &fast);
    static const char want[] = ",{\"path\":[\"产出指标\",\"ggg\",\"nnnnnn\"],\"target\":\"≥1个人人人人人\","
                               "\"actual\":\"5个人人人人人\",\"unit\":\"个人人人人人\",\"weight\":2,\"score\":2.00,";
    a.buf = realloc(a.buf, a.len + 1);
    assert_non_null(a.buf);
    a.buf[a.len] = '\0';
    if (!strstr(a.buf, want))
        fail_msg("not found: %s", want);
    assert_non_null(strstr(a.buf, "\"source\":\"t.jx:11:13\""));
    free(a.buf);
    free(text);
}

/* Positions past line 10 000: jx_at_line writes a number of five or six digits its own
 * way. The numbers about the bounds of that way, and others, as printf writes them; then
 * the awkward text after 9 990, 99 990 and 999 990 blank lines, so that its indicators
 * and groups stand on lines of four to seven digits, written both ways. */
static void far_lines(void **state)
{
    (void)state;
    static const uint32_t bounds[] = {0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10000, 10001, 10099, 10100,
                                      12345, 99999, 100000, 100001, 123456, 909090, 999999, 1000000,
                                      1000001, 4294967295u};
    for (size_t i = 0; i < sizeof bounds / sizeof bounds[0] + 2000; i++) {
        uint32_t u = i < sizeof bounds / sizeof bounds[0] ? bounds[i] : (uint32_t)(i * 997u);
        char at[32], want[32];
        size_t n = (size_t)(jx_at_line(at, u) - at);
        snprintf(want, sizeof want, "%u", (unsigned)u);
        assert_int_equal(n, strlen(want));
        assert_memory_equal(at, want, n);
    }
    static const size_t blanks[] = {9990, 99990, 999990};
    for (size_t b = 0; b < sizeof blanks / sizeof blanks[0]; b++) {
        size_t cap = blanks[b] + sizeof awkward;
        char *text = malloc(cap);
        assert_non_null(text);
        memset(text, '\n', blanks[b]);
        memcpy(text + blanks[b], awkward, sizeof awkward);
        assert_true(agree("far.jx", text) > 0);
        free(text);
    }
}

/* The 自评表 drawn as text, txt, md and html, every project rendered apart, is the same
 * bytes as written in turn: each part drawn alone, the renderer's bytes between parts
 * (text's blank line, txt's rule) written before every one but the first. Over the
 * samples, the corpora and the awkward text, with no flags, with --explain, and without
 * findings. */
static void document_formats_apart(void **state)
{
    (void)state;
    static const jx_format fmts[] = {JX_FORMAT_TEXT, JX_FORMAT_TXT, JX_FORMAT_MD, JX_FORMAT_HTML};
    static const char *const names[] = {"text", "txt", "md", "html"};
    static const unsigned flags[] = {0, JX_WRITE_EXPLAIN, JX_WRITE_NO_FINDINGS};
    static const char *const files[] = {
        "../samples/yuecheng-2024.jx", "../samples/wangan-2025-review.jx", "audit/inflated/a-road.jx",
        "audit/sample/b-roads.jx",     "golden/score-md-escape/escape.jx", NULL,
    };
    size_t compared = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++)
            for (size_t g = 0; g < sizeof flags / sizeof flags[0]; g++) {
                const char *path = files[i] ? files[i] : "awkward.jx", *text = files[i] ? NULL : awkward;
                size_t fast = 0;
                sink a = write_all(path, text, fmts[f], flags[g], WRITE_FAST, &fast);
                sink c = write_all(path, text, fmts[f], flags[g], WRITE_APART, &fast);
                char what[256];
                snprintf(what, sizeof what, "%s (%s, flags %u) rendered apart", path, names[f], flags[g]);
                assert_true(a.len > 0);
                if (a.len != c.len || memcmp(a.buf, c.buf, a.len) != 0)
                    report_difference(what, &a, &c);
                free(a.buf);
                free(c.buf);
                compared++;
            }
    assert_int_equal(compared, 6 * 4 * 3);
}

/* The other formats are not rendered apart: jx_writer_render refuses. */
static void apart_refused(void **state)
{
    (void)state;
    static const jx_format fmts[] = {JX_FORMAT_XLSX, JX_FORMAT_JX, JX_FORMAT_TEMPLATE};
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open_memory(&rd, "awkward.jx", awkward, strlen(awkward), NULL), JX_OK);
    jx_project *p = NULL;
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
        sink s = {0};
        jx_writer *wr = NULL;
        assert_int_equal(jx_writer_create(&wr, fmts[f], 0, sink_write, &s, NULL), JX_OK);
        assert_int_equal(jx_writer_renders_apart(wr), 0);
        assert_int_equal(jx_writer_render(wr, p, sink_write, &s), JX_ERR_USAGE);
        assert_int_equal(jx_writer_project_rendered(wr, p, "x", 1), JX_ERR_USAGE);
        assert_int_equal(s.len, 0);
        jx_writer_destroy(wr);
    }
    jx_reader_close(rd);
}

/* The caller's data on a project: released when replaced, when the reader moves on, and at close. */
static int released;
static void count_release(void *data)
{
    released += *(int *)data;
}

static void user_data(void **state)
{
    (void)state;
    static int one = 1, ten = 10, hundred = 100;
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open(&rd, "../samples/yuecheng-2024.jx", NULL), JX_OK);
    jx_project *p = NULL;
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_null(jx_project_user_data(p));
    jx_project_set_user_data(p, &one, count_release);
    assert_ptr_equal(jx_project_user_data(p), &one);
    jx_project_set_user_data(p, &ten, count_release); /* replaced: one released */
    assert_int_equal(released, 1);
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW); /* the reader moved on: ten released */
    assert_int_equal(released, 11);
    assert_null(jx_project_user_data(p));
    jx_project_set_user_data(p, &hundred, count_release);
    jx_reader_close(rd); /* closed: hundred released */
    assert_int_equal(released, 111);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(samples_and_corpora),
        cmocka_unit_test(awkward_text),
        cmocka_unit_test(findings),
        cmocka_unit_test(long_lines),
        cmocka_unit_test(indicator_tails),
        cmocka_unit_test(over_copies),
        cmocka_unit_test(late_texts),
        cmocka_unit_test(points_at_places),
        cmocka_unit_test(scores_at_two_places),
        cmocka_unit_test(far_lines),
        cmocka_unit_test(document_formats_apart),
        cmocka_unit_test(apart_refused),
        cmocka_unit_test(user_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
