/* SPDX-License-Identifier: MIT */
/* test_vet.c — the 审核 of targets (engine/vet.c): each check on a small project written
 * here, every expected finding worked out by hand in the comments; the result rule and
 * its knob; the knobs of the policy; overlapping-projects within one 单位 only; the
 * summary by 单位 and by code; the JSON and text reports; the workbook past the sheets it
 * gives projects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "build.h"
#include "tmpdir.h"
#include "vet.h"
#include "write_text.h"
#include "zip_entry.h"

#include <unistd.h>

#include <cjson/cJSON.h>

/* The codes a test counts, in this order. */
static const char *const codes[] = {
    "missing-level1", "missing-level2",      "missing-goal",         "missing-target",    "missing-unit",
    "qualitative-share", "vague-target",     "duplicate-indicator",  "overlapping-projects", "satisfaction-target",
    "target-always-met", "cost-over-budget", "execution-target-low", "target-lowered", "target-lowered-before",
    "target-flat", "missing-weight",
};
enum { NCODES = sizeof codes / sizeof codes[0], MAXP = 8 };

/** What vetting some rule text gave: per project, the count of each code and the result. */
typedef struct vetted {
    size_t n;                    /* projects */
    size_t count[MAXP][NCODES];  /* by project and code */
    size_t diags[MAXP];          /* all diagnostics of each project */
    jx_grade result[MAXP];
    jx_vet *vt;                  /* kept for the summary (destroyed by vetted_free) */
    jx_test_text out;            /* the report when a format was asked for */
    jx_policy *own;              /* the default policy when none was given (closed by vetted_free) */
} vetted;

static size_t idx(const char *code)
{
    for (size_t i = 0; i < NCODES; i++)
        if (strcmp(codes[i], code) == 0)
            return i;
    fail_msg("unknown code %s", code);
    return 0;
}

/* Vets every project of text under pol (the default policy when NULL), writing format fmt
 * (or nothing when fmt < 0). */
static void vet_text(vetted *v, const char *text, const jx_policy *given, int fmt)
{
    memset(v, 0, sizeof *v);
    jx_policy *own = NULL;
    const jx_policy *pol = given;
    if (!pol) {
        assert_int_equal(jx_policy_open(&own, "default", NULL), JX_OK);
        pol = own;
    }
    assert_int_equal(jx_vet_create(&v->vt, pol, NULL, NULL), JX_OK);
    jx_vet_writer *vw = NULL;
    if (fmt >= 0)
        assert_int_equal(jx_vet_writer_create(&vw, v->vt, (jx_format)fmt, jx_test_text_write, &v->out, NULL), JX_OK);
    jx_reader *rd;
    assert_int_equal(jx_reader_open_memory(&rd, "t.jx", text, strlen(text), NULL), JX_OK);
    jx_project *p;
    while (jx_reader_next(rd, &p) == JX_ROW) {
        assert_true(v->n < MAXP);
        assert_int_equal(jx_vet_add(v->vt, p, 0), JX_OK);
        if (vw)
            assert_int_equal(jx_vet_writer_project(vw, p, 0), JX_OK);
        for (size_t c = 0; c < NCODES; c++)
            v->count[v->n][c] = jx_test_count_code(p, codes[c]);
        v->diags[v->n] = p->diags.n;
        v->result[v->n] = jx_vet_result(p, pol);
        v->n++;
    }
    jx_reader_close(rd);
    if (vw) {
        assert_int_equal(jx_vet_writer_finish(vw), JX_OK);
        jx_vet_writer_destroy(vw);
    } else {
        assert_int_equal(jx_vet_finish(v->vt), JX_OK);
    }
    v->own = own; /* the policy outlives the vet: closed after it */
}

static void vetted_free(vetted *v)
{
    jx_vet_destroy(v->vt);
    jx_policy_close(v->own);
    free(v->out.s);
}

/* A project with every part a target table needs: no finding, 优.
 *   一级: 产出, 效益 (满意度 too, not required by default); 产出's 二级: 数量, 质量, 时效,
 *   成本; a 年度目标; every target a number with a unit or a %; 学员满意度 90% lies in
 *   [80, 100); no 定性; the cost ≤5万元 has no 资金 to exceed. */
static const char complete[] =
    "项目 \"甲\" {\n"
    "    单位 \"A\"\n"
    "    年度目标 \"完成培训\"\n"
    "    产出指标 {\n"
    "        数量指标 { 培训次数 ≥4次 权重 20 }\n"
    "        质量指标 { 合格率 ≥95% 权重 20 }\n"
    "        时效指标 { 完成时间 ≤12月 权重 20 }\n"
    "        成本指标 { 培训成本 ≤5万元 权重 10 }\n"
    "    }\n"
    "    效益指标 { 社会效益指标 { 知晓率 ≥90% 权重 20 } }\n"
    "    满意度指标 { 服务对象满意度指标 { 学员满意度 ≥90% 权重 10 } }\n"
    "}\n";

static void test_complete_is_excellent(void **state)
{
    (void)state;
    vetted v;
    vet_text(&v, complete, NULL, -1);
    assert_int_equal(v.n, 1);
    assert_int_equal(v.diags[0], 0);
    assert_int_equal(v.result[0], JX_GRADE_EXCELLENT);
    vetted_free(&v);
}

/* 完整性: no 效益 (1 missing-level1; 满意度 is optional by default), 产出 with 数量 only
 * (1 missing-level2 naming 质量、时效、成本), no 年度目标 (1), 资料 定性 "" (1
 * missing-target), 培训次数 ≥4 in 数量 without a unit (1 missing-unit). 定性: 资料, 1 of 2
 * = 50 %, not above 50 %: no qualitative-share. Warnings under one aspect: 良. */
static const char incomplete[] =
    "项目 \"乙\" {\n"
    "    产出指标 { 数量指标 { 培训次数 ≥4 权重 50\n"
    "        资料 定性 \"\" 权重 50 } }\n"
    "}\n";

static void test_completeness(void **state)
{
    (void)state;
    vetted v;
    vet_text(&v, incomplete, NULL, -1);
    assert_int_equal(v.count[0][idx("missing-level1")], 1);
    assert_int_equal(v.count[0][idx("missing-level2")], 1);
    assert_int_equal(v.count[0][idx("missing-goal")], 1);
    assert_int_equal(v.count[0][idx("missing-target")], 1);
    assert_int_equal(v.count[0][idx("missing-unit")], 1);
    assert_int_equal(v.count[0][idx("qualitative-share")], 0);
    assert_int_equal(v.diags[0], 5);
    assert_int_equal(v.result[0], JX_GRADE_GOOD);
    vetted_free(&v);
}

/* The knobs: 满意度 required adds a second missing-level1 (6 findings); 成本 optional
 * leaves 质量、时效 missing, still one missing-level2; 审核退回 1 makes one aspect 中. */
static void test_knobs(void **state)
{
    (void)state;
    static const char pol_text[] = "评分办法 \"审核\" {\n    等级 优 90 良 80 中 60\n}\n"
                                   "审核满意度 必需\n审核成本 可选\n审核退回 1\n";
    jx_policy *pol;
    assert_int_equal(jx_policy_open_memory(&pol, "p.jx", pol_text, strlen(pol_text), NULL), JX_OK);
    vetted v;
    vet_text(&v, incomplete, pol, -1);
    assert_int_equal(v.count[0][idx("missing-level1")], 2);
    assert_int_equal(v.count[0][idx("missing-level2")], 1);
    assert_int_equal(v.diags[0], 6);
    assert_int_equal(v.result[0], JX_GRADE_FAIR);
    vetted_free(&v);
    jx_policy_close(pol);

    /* a bad value is the policy's error */
    static const char bad[] = "评分办法 \"审核\" {\n    等级 优 90 良 80 中 60\n}\n审核退回 5\n";
    assert_int_not_equal(jx_policy_open_memory(&pol, "p.jx", bad, strlen(bad), NULL), JX_OK);
    jx_policy_close(pol);
}

/* 相关性: 甲 定性 "提升" and 乙 定性 "明显提高。" are only vague words (2 vague-target);
 * 丙 定性 "按时完成" is not. 定性 3 of 4 = 75 % > 50 %: 1 qualitative-share. 甲 under
 * 产出 and 效益: 1 duplicate-indicator. 产出 lacks 质量、时效、成本: 1 missing-level2
 * (完整性). Warnings under two aspects: 中. */
static const char relevance[] =
    "项目 \"丙\" {\n"
    "    年度目标 \"x\"\n"
    "    产出指标 { 数量指标 {\n"
    "        甲 定性 \"提升\" 权重 25\n"
    "        乙 定性 \"明显提高。\" 权重 25\n"
    "        丙 定性 \"按时完成\" 权重 25 } }\n"
    "    效益指标 { 社会效益指标 { 甲 ≥1次 权重 25 } }\n"
    "}\n";

static void test_relevance(void **state)
{
    (void)state;
    vetted v;
    vet_text(&v, relevance, NULL, -1);
    assert_int_equal(v.count[0][idx("vague-target")], 2);
    assert_int_equal(v.count[0][idx("qualitative-share")], 1);
    assert_int_equal(v.count[0][idx("duplicate-indicator")], 1);
    assert_int_equal(v.count[0][idx("missing-level2")], 1);
    assert_int_equal(v.diags[0], 5);
    assert_int_equal(v.result[0], JX_GRADE_FAIR);
    vetted_free(&v);
}

/* 适当性 and 可行性, budget 10 万元 (全年预算):
 *   群众满意度 ≥100%: 100 ≥ 100, unverifiable — satisfaction-target;
 *   学员满意度 ≥70%: 70 < 80 (the floor) — satisfaction-target;
 *   故障次数 ≥0次: always met — target-always-met;
 *   系统可用率 ≤100%: a rate, ≤ 100 % — target-always-met;
 *   设备购置成本 ≤12万元: 12 万元 > 10 万元 — cost-over-budget (error);
 *   培训成本 ≤100000元: 10 万元, not above — none;
 *   预算执行率 ≥85%: 85 < 90 (the floor) — execution-target-low.
 * An error: 差. */
static const char appropriate[] =
    "项目 \"丁\" {\n"
    "    单位 \"B\"\n"
    "    金额单位 万元\n"
    "    资金 年度资金总额 年初预算 10 全年预算 10 全年执行 0\n"
    "    年度目标 \"x\"\n"
    "    产出指标 {\n"
    "        数量指标 { 故障次数 ≥0次 权重 10 }\n"
    "        质量指标 { 系统可用率 ≤100% 权重 10 }\n"
    "        时效指标 { 预算执行率 ≥85% 权重 10 }\n"
    "        成本指标 { 设备购置成本 ≤12万元 权重 10\n"
    "                   培训成本 ≤100000元 权重 10 }\n"
    "    }\n"
    "    效益指标 { 社会效益指标 { 知晓率 ≥90% 权重 30 } }\n"
    "    满意度指标 { 服务对象满意度指标 { 群众满意度 ≥100% 权重 10\n"
    "                                 学员满意度 ≥70% 权重 10 } }\n"
    "}\n";

static void test_appropriateness_feasibility(void **state)
{
    (void)state;
    vetted v;
    vet_text(&v, appropriate, NULL, -1);
    assert_int_equal(v.count[0][idx("satisfaction-target")], 2);
    assert_int_equal(v.count[0][idx("target-always-met")], 2);
    assert_int_equal(v.count[0][idx("cost-over-budget")], 1);
    assert_int_equal(v.count[0][idx("execution-target-low")], 1);
    assert_int_equal(v.diags[0], 6);
    assert_int_equal(v.result[0], JX_GRADE_POOR);
    const jx_vet_summary *s = jx_vet_get_summary(v.vt);
    assert_int_equal(s->aspects[JX_VET_APPROPRIATENESS][JX_SEV_WARNING], 4);
    assert_int_equal(s->aspects[JX_VET_FEASIBILITY][JX_SEV_ERROR], 1);
    assert_int_equal(s->aspects[JX_VET_FEASIBILITY][JX_SEV_WARNING], 1);
    vetted_free(&v);
}

/* History (上年, 前年) and the weights of a target table, each line worked by hand:
 *   周报 ≥45 上年 ≥48 前年 ≥48: ≥, 45 < 48 last year → target-lowered (warning), quoting the 依据;
 *   核 ≥1900核 上年 1900核 前年 2700核: not below 上年 (equal), 1900 < 2700 → target-lowered-before (note);
 *   响应 ≤2小时 上年 ≤90分钟: ≤, 2小时 = 120分钟 > 90分钟 → target-lowered (times converted exactly);
 *   合格率 ≥95% 上年 ≥95% 前年 95%: the same number three years (前年 without a sign) → target-flat (note);
 *   带宽 ≥100M 上年 80G: units apart (M and G do not convert) → nothing;
 *   时限 ≤1天 上年 ≤24小时 前年 ≤1440分钟: one length three ways → target-flat;
 *   巡查 定性 "每周五" 上年 "每周五" 前年 "每周五": the same text → target-flat;
 *   次数 =12次 上年 =15次: = has no direction → nothing (and 12 ≠ 15: not flat).
 * So 2 target-lowered, 1 target-lowered-before, 3 target-flat. No indicator has a weight: the
 * parser's 10 missing-weight are dropped (a table that sets no weights). Warnings under 适当性
 * only (the notes count for nothing): 良. With `权重 0` on 成本 alone, the other 9 keep their
 * missing-weight (a table that sets some weights and not others): warnings under 完整性
 * too, 中. */
#define HISTORY(COST_WEIGHT) \
    "项目 \"史\" {\n" \
    "    年度目标 \"x\"\n" \
    "    产出指标 {\n" \
    "        数量指标 { 周报 ≥45份 上年 ≥48 前年 ≥48 依据 \"下调最低数量要求\"\n" \
    "                   核 ≥1900核 上年 1900核 前年 2700核\n" \
    "                   次数 =12次 上年 =15次 }\n" \
    "        质量指标 { 合格率 ≥95% 上年 ≥95% 前年 95%\n" \
    "                   带宽 ≥100M 上年 80G\n" \
    "                   巡查 定性 \"每周五\" 上年 \"每周五\" 前年 \"每周五\" }\n" \
    "        时效指标 { 响应 ≤2小时 上年 ≤90分钟\n" \
    "                   时限 ≤1天 上年 ≤24小时 前年 ≤1440分钟 }\n" \
    "        成本指标 { 成本 ≤5万元 " COST_WEIGHT " }\n" \
    "    }\n" \
    "    效益指标 { 社会效益指标 { 知晓率 ≥90% } }\n" \
    "}\n"

static void test_history(void **state)
{
    (void)state;
    vetted v;
    vet_text(&v, HISTORY(""), NULL, JX_FORMAT_TEXT);
    assert_int_equal(v.count[0][idx("target-lowered")], 2);
    assert_int_equal(v.count[0][idx("target-lowered-before")], 1);
    assert_int_equal(v.count[0][idx("target-flat")], 3);
    assert_int_equal(v.count[0][idx("missing-weight")], 0);
    assert_int_equal(v.result[0], JX_GRADE_GOOD);
    assert_non_null(strstr(v.out.s, "指标“周报”的年度指标值“≥45份”比上年的“≥48”要求低，标准下调；指标值确定依据：“下调最低数量要求”"));
    assert_non_null(strstr(v.out.s, "指标“核”的年度指标值“≥1900核”与上年的“1900核”持平，但比前年的“2700核”要求低"));
    vetted_free(&v);
    vet_text(&v, HISTORY("权重 0"), NULL, -1);
    assert_int_equal(v.count[0][idx("missing-weight")], 9);
    assert_int_equal(v.count[0][idx("target-lowered")], 2);
    assert_int_equal(v.result[0], JX_GRADE_FAIR);
    vetted_free(&v);
}

/* overlapping-projects, names normalised: 单位 A has P1 {培训次数, 合格率, 完成时间,
 * 培训成本, 知晓率}; P2 the same with 知晓率 → 参与率: 4 common of 6 = 66.67 % < 80 %;
 * P3 writes P1's names as “培训次数”, "合格 率" …: 5 of 5 = 100 % with P1 (one finding), 4 of
 * 6 with P2 (none). P4, of 单位 B, equals P1: another 单位, none. The 单位 in byte order
 * after finish: A (3 projects), B (1). */
#define OV_PROJECT(name, org, a, b, last)                                                                    \
    "项目 \"" name "\" {\n    单位 \"" org "\"\n    年度目标 \"x\"\n    产出指标 {\n"                          \
    "        数量指标 { " a " ≥4次 权重 20 }\n        质量指标 { " b " ≥95% 权重 20 }\n"                  \
    "        时效指标 { 完成时间 ≤12月 权重 20 }\n        成本指标 { 培训成本 ≤5万元 权重 20 }\n    }\n"      \
    "    效益指标 { 社会效益指标 { " last " ≥90% 权重 20 } }\n}\n"

static void test_overlap(void **state)
{
    (void)state;
    static const char text[] = OV_PROJECT("P1", "B单位之前的A", "培训次数", "合格率", "知晓率")
        OV_PROJECT("P2", "B单位之前的A", "培训次数", "合格率", "参与率")
        OV_PROJECT("P3", "B单位之前的A", "“培训次数”", "\"合格 率\"", "知晓率")
        OV_PROJECT("P4", "B", "培训次数", "合格率", "知晓率");
    vetted v;
    vet_text(&v, text, NULL, -1);
    assert_int_equal(v.n, 4);
    assert_int_equal(v.count[0][idx("overlapping-projects")], 0);
    assert_int_equal(v.count[1][idx("overlapping-projects")], 0);
    assert_int_equal(v.count[2][idx("overlapping-projects")], 1);
    assert_int_equal(v.count[3][idx("overlapping-projects")], 0);
    /* the only finding of all four: P3's overlap, 相关性 → 良; the others 优 */
    assert_int_equal(v.result[0], JX_GRADE_EXCELLENT);
    assert_int_equal(v.result[2], JX_GRADE_GOOD);
    assert_int_equal(jx_vet_org_count(v.vt), 2);
    const jx_vet_org *b = jx_vet_org_at(v.vt, 0), *a = jx_vet_org_at(v.vt, 1); /* "B" < "B单位…" */
    assert_string_equal(b->org, "B");
    assert_int_equal(b->projects, 1);
    assert_int_equal(a->projects, 3);
    assert_int_equal(a->results[JX_GRADE_EXCELLENT], 2);
    assert_int_equal(a->results[JX_GRADE_GOOD], 1);
    assert_int_equal(a->findings[JX_SEV_WARNING], 1);
    assert_int_equal(jx_vet_tally_count(v.vt), 1);
    assert_string_equal(jx_vet_tally(v.vt, 0)->code, "overlapping-projects");
    vetted_free(&v);
}

/* The JSON report of the relevance project (test_relevance): one project, result 中, 5
 * findings — 1 under 完整性, 4 under 相关性 —, 4 codes in the tallies (duplicate-indicator,
 * missing-level2, qualitative-share, vague-target). */
static void test_json(void **state)
{
    (void)state;
    vetted v;
    vet_text(&v, relevance, NULL, JX_FORMAT_JSON);
    cJSON *doc = cJSON_ParseWithLength(v.out.s, v.out.len);
    assert_non_null(doc);
    cJSON *p = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "projects"), 0);
    assert_string_equal(cJSON_GetObjectItem(p, "result")->valuestring, "中");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(p, "findings")), 5);
    cJSON *rel = cJSON_GetObjectItem(cJSON_GetObjectItem(p, "aspects"), "相关性");
    assert_int_equal(cJSON_GetObjectItem(rel, "warning")->valueint, 4);
    cJSON *sum = cJSON_GetObjectItem(doc, "summary");
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(sum, "results"), "中")->valueint, 1);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(sum, "findings"), "by_code")), 4);
    cJSON_Delete(doc);
    vetted_free(&v);
}

/* The text report groups the findings under the aspects and says the result. */
static void test_text(void **state)
{
    (void)state;
    vetted v;
    vet_text(&v, relevance, NULL, JX_FORMAT_TEXT);
    assert_non_null(strstr(v.out.s, "审核结果  中（退回重报）"));
    assert_non_null(strstr(v.out.s, "完整性（1 条：错误 0，警告 1，提示 0）"));
    assert_non_null(strstr(v.out.s, "相关性（4 条：错误 0，警告 4，提示 0）"));
    vetted_free(&v);
}

/* Every format whose row writes the 审核 writes it; the others are refused. */
static void test_formats(void **state)
{
    (void)state;
    for (size_t i = 0; jx_format_at(i); i++) {
        const jx_format_info *f = jx_format_at(i);
        vetted v;
        memset(&v, 0, sizeof v);
        jx_policy *pol;
        assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
        assert_int_equal(jx_vet_create(&v.vt, pol, NULL, NULL), JX_OK);
        jx_vet_writer *vw = NULL;
        jx_result rc = jx_vet_writer_create(&vw, v.vt, f->format, jx_test_text_write, &v.out, NULL);
        assert_int_equal(rc, f->help[JX_DOC_VET] ? JX_OK : JX_ERR_USAGE);
        if (vw)
            assert_int_equal(jx_vet_writer_finish(vw), JX_OK);
        jx_vet_writer_destroy(vw);
        vetted_free(&v);
        jx_policy_close(pol);
    }
}

/* Vets n projects P1 … Pn into *book in format fmt; the projects it left without a 审核表. Each
 * has 产出 with 数量 only — one missing-level2, a warning — and a 三级 name of its own
 * (次数i), so that no two overlap (overlapping-projects); no weight, so no missing-weight. */
static size_t vet_book(int n, jx_format fmt, jx_test_text *book)
{
    size_t cap = (size_t)n * 200 + 1, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (int i = 1; i <= n; i++) {
        len += (size_t)snprintf(text + len, cap - len,
                                "项目 \"P%d\" {\n    年度目标 \"x\"\n    产出指标 { 数量指标 { 次数%d ≥1次 } }\n"
                                "    效益指标 { 社会效益指标 { 知晓率 ≥90%% } }\n}\n", i, i);
        assert_true(len < cap);
    }
    jx_policy *pol;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_vet *vt;
    assert_int_equal(jx_vet_create(&vt, pol, NULL, NULL), JX_OK);
    jx_vet_writer *vw;
    *book = (jx_test_text){NULL, 0};
    assert_int_equal(jx_vet_writer_create(&vw, vt, fmt, jx_test_text_write, book, NULL), JX_OK);
    jx_reader *rd;
    assert_int_equal(jx_reader_open_memory(&rd, "t.jx", text, len, NULL), JX_OK);
    jx_project *p;
    while (jx_reader_next(rd, &p) == JX_ROW) {
        assert_int_equal(jx_vet_add(vt, p, 0), JX_OK);
        assert_int_equal(jx_vet_writer_project(vw, p, 0), JX_OK);
    }
    jx_reader_close(rd);
    assert_int_equal(jx_vet_writer_finish(vw), JX_OK);
    size_t left_out = jx_vet_writer_forms_left_out(vw);
    assert_int_equal(jx_vet_get_summary(vt)->projects, (size_t)n);
    jx_vet_writer_destroy(vw);
    jx_vet_destroy(vt);
    jx_policy_close(pol);
    free(text);
    return left_out;
}

/* The workbook gives the first JX_XLSX_PROJECTS_MAX (1000) projects a 审核表 sheet each after
 * 汇总, 项目 and 发现; past them a project has none, but it is a row of 项目 and its findings
 * rows of 发现, and the writer counts it. 1002 projects of vet_book are 3 + 1000 sheets, the
 * last P1000's; rows 2 … 1003 of 项目 under its head, the last 序号 1002 (P1002); their 1002
 * findings (one each) rows 2 … 1003 of 发现, the last P1002's missing-level2. 1000 projects
 * leave none out; the other formats none either. */
static void test_workbook_past_the_sheets(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("vet");
    jx_test_text book;
    assert_int_equal(vet_book(1002, JX_FORMAT_XLSX, &book), 2);
    char last[64];
    assert_int_equal(jx_test_zip_sheets(book.s, book.len, last, sizeof last), 3 + 1000);
    assert_string_equal(last, "P1000");
    char *projects = jx_test_zip_entry(book.s, book.len, "xl/worksheets/sheet2.xml");
    const char *row = strstr(projects, "<row r=\"1003\"");
    assert_non_null(row);
    assert_non_null(strstr(row, "<v>1002</v>"));
    assert_non_null(strstr(row, ">P1002<"));
    assert_null(strstr(projects, "<row r=\"1004\""));
    free(projects);
    char *findings = jx_test_zip_entry(book.s, book.len, "xl/worksheets/sheet3.xml");
    row = strstr(findings, "<row r=\"1003\"");
    assert_non_null(row);
    assert_non_null(strstr(row, ">missing-level2<"));
    assert_non_null(strstr(row, ">P1002<"));
    assert_null(strstr(findings, "<row r=\"1004\""));
    free(findings);
    free(book.s);
    assert_int_equal(vet_book(1000, JX_FORMAT_XLSX, &book), 0);
    assert_int_equal(jx_test_zip_sheets(book.s, book.len, last, sizeof last), 3 + 1000);
    assert_string_equal(last, "P1000");
    free(book.s);
    assert_int_equal(jx_test_files_in(dir), 0);
    assert_int_equal(vet_book(1002, JX_FORMAT_CSV, &book), 0);
    free(book.s);
    assert_int_equal(jx_vet_writer_forms_left_out(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_complete_is_excellent),
        cmocka_unit_test(test_completeness),
        cmocka_unit_test(test_knobs),
        cmocka_unit_test(test_relevance),
        cmocka_unit_test(test_appropriateness_feasibility),
        cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_history),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_workbook_past_the_sheets),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(jx_test_private_tmpdir("vet"));
    return rc;
}
