/* SPDX-License-Identifier: MIT */
/* test_audit.c — the audit: the inflated corpus (tests/audit/jx_test_inflated, every number worked
 * out by hand in the files' comments), seed 001's two 自评表 imported from the seed text,
 * findings in report order and filtered, funds in every 金额单位, the table rows of
 * imported text, inflation rounding, unscored projects, the sample records, the sample
 * corpus and its draw, refused options and running out of memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audit.h"
#include "build.h"
#include "counting.h"
#include "write_text.h"
#include "audit_run.h"

#include <cjson/cJSON.h>

#define SEED "import/seeds/001_79da5c65fa76b1ff.txt"


/** What the corpus's comments work out for each project, in reading order. */
static const struct {
    const char *name;      /* 项目名称 */
    int64_t total;         /* recomputed 总分, hundredths */
    jx_grade grade;        /* recomputed 结论 */
    int64_t claimed;       /* claimed 总分, hundredths */
    const char *difference; /* claimed − recomputed as the JSON writes it */
    int line;              /* the 项目 line */
} want[] = {
    {"越城区道路养护项目", 8644, JX_GRADE_GOOD, 10000, "13.56", 12},
    {"柯桥区垃圾分类项目", 7750, JX_GRADE_FAIR, 9500, "17.50", 12},
    {"上虞区基层医疗培训项目", 8356, JX_GRADE_GOOD, 9200, "8.44", 14},
    {"诸暨市河道保洁项目", 9842, JX_GRADE_EXCELLENT, 9842, "0.00", 16},
    {"嵊州市应急物资储备项目", 10000, JX_GRADE_EXCELLENT, 9400, "-6.00", 42},
};
#define NWANT (sizeof want / sizeof want[0])

/** A whole audit run over some files: the audit, the report and what the projects scored. */
typedef struct run {
    jx_audit *au;         /* the audit */
    jx_audit_writer *aw;  /* its report */
    jx_test_text out;     /* the report's text */
    size_t n;             /* projects read */
    int64_t totals[16];   /* their recomputed totals */
    jx_grade grades[16];  /* their recomputed grades */
    int64_t claimed[16];  /* their claimed totals */
    jx_grade claimed_grades[16]; /* their claimed grades */
} run;

/* Scores p and hands it to the audit and the report; records its totals. */
static void run_project(run *r, const jx_policy *pol, jx_project *p, unsigned flags)
{
    if (jx_project_error_count(p) == 0)
        assert_int_equal(jx_score(p, pol), JX_OK);
    if (r->n < 16) {
        r->totals[r->n] = jx_project_total_cents(p);
        r->grades[r->n] = jx_project_grade(p);
        r->claimed[r->n] = jx_project_claimed_total_cents(p);
        r->claimed_grades[r->n] = jx_project_claimed_grade(p);
    }
    r->n++;
    assert_int_equal(jx_audit_add(r->au, p, flags), JX_OK);
    assert_int_equal(jx_audit_writer_project(r->aw, p, flags), JX_OK);
}

/* Starts a run writing format fmt. */
static void run_start(run *r, const jx_policy *pol, const jx_audit_options *o, jx_format fmt)
{
    memset(r, 0, sizeof *r);
    assert_int_equal(jx_audit_create(&r->au, pol, o, NULL), JX_OK);
    assert_int_equal(jx_audit_writer_create(&r->aw, r->au, fmt, jx_test_text_write, &r->out, NULL), JX_OK);
}

/* Reads every project of the rule file at path into the run. */
static void run_file(run *r, const jx_policy *pol, const char *path)
{
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open(&rd, path, NULL), JX_OK);
    jx_project *p;
    jx_result rc;
    while ((rc = jx_reader_next(rd, &p)) == JX_ROW)
        run_project(r, pol, p, 0);
    assert_int_equal(rc, JX_DONE);
    jx_reader_close(rd);
}

/* Finishes the report and releases the run (its text is kept in r->out). */
static void run_end(run *r)
{
    assert_int_equal(jx_audit_writer_finish(r->aw), JX_OK);
    jx_audit_writer_destroy(r->aw);
    r->aw = NULL;
}

/* The tally of code, or NULL. */
static const jx_code_tally *tally_of(const jx_audit *au, const char *code)
{
    for (size_t i = 0; i < jx_audit_tally_count(au); i++)
        if (strcmp(jx_audit_tally(au, i)->code, code) == 0)
            return jx_audit_tally(au, i);
    return NULL;
}

/* How many findings of code at severity sev the audit counted. */
static size_t count_of(const jx_audit *au, const char *code, jx_severity sev)
{
    const jx_code_tally *t = tally_of(au, code);
    return t ? t->count[sev] : 0;
}

/* ------------------------------------------------------------ the corpus */

static void test_inflated_corpus(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    run r;
    run_start(&r, pol, NULL, JX_FORMAT_JSON);
    for (size_t i = 0; i < sizeof jx_test_inflated / sizeof jx_test_inflated[0]; i++)
        run_file(&r, pol, jx_test_inflated[i]);
    run_end(&r);

    assert_int_equal(r.n, NWANT);
    for (size_t i = 0; i < NWANT; i++) {
        assert_int_equal(r.totals[i], want[i].total);
        assert_int_equal(r.grades[i], want[i].grade);
        assert_int_equal(r.claimed[i], want[i].claimed);
        assert_int_equal(r.claimed_grades[i], JX_GRADE_EXCELLENT);
    }

    const jx_audit_summary *s = jx_audit_get_summary(r.au);
    assert_int_equal(s->projects, 5);
    assert_int_equal(s->unscored, 0);
    /* funds: 180 + 45 (450000 元) + 70 (60 + 10 beside a 0 total row) + 30 (the total row) */
    assert_int_equal(s->funded, 4);
    assert_int_equal(s->unconverted, 0);
    assert_int_equal(s->budget_fen, 325 * 1000000LL);
    assert_int_equal(s->spent_fen, 3088 * 100000LL); /* 171.5 + 45 + 64.3 + 28 = 308.8 万元 */
    assert_int_equal(s->claimed_grades[JX_GRADE_EXCELLENT], 5);
    assert_int_equal(s->claimed_grades[JX_GRADE_NONE], 0);
    assert_int_equal(s->grades[JX_GRADE_EXCELLENT], 2);
    assert_int_equal(s->grades[JX_GRADE_GOOD], 2);
    assert_int_equal(s->grades[JX_GRADE_FAIR], 1);
    assert_int_equal(s->grades[JX_GRADE_POOR], 0);
    assert_int_equal(s->grades[JX_GRADE_NONE], 0);
    /* (13.56 + 17.50 + 8.44 + 0.00 − 6.00) / 5 = 33.50 / 5 = 6.70 */
    assert_int_equal(s->claimed_totals, 5);
    assert_int_equal(s->inflation_cents, 670);
    assert_int_equal(s->claims_100, 1);
    assert_int_equal(s->claims_100_bp, 2000);
    assert_int_equal(s->total_differs, 4);
    assert_int_equal(s->grade_differs, 3);
    assert_int_equal(s->differs, 4);
    assert_int_equal(s->findings[JX_SEV_ERROR], 1); /* c's 定性 claim outside its band */
    assert_int_equal(s->flagged, 1);
    /* claimed-total: every project but 河道保洁; claimed-grade: the three inflated ones.
     * claimed-score: 养护里程, 道路完好率, 群众满意率 (a); 投诉率, 清运响应时间 (b); 培训场次,
     * 满意率 (c); 储备品种 (d) = 8. qualitative-band (an error): 服务水平 (c). missing-reason: the
     * indicators below full without 偏差 = 3 (a) + 2 (b) + 3 (c) = 8. */
    assert_int_equal(count_of(r.au, "claimed-total", JX_SEV_WARNING), 4);
    assert_int_equal(count_of(r.au, "claimed-grade", JX_SEV_WARNING), 3);
    assert_int_equal(count_of(r.au, "claimed-score", JX_SEV_WARNING), 8);
    assert_int_equal(count_of(r.au, "qualitative-band", JX_SEV_ERROR), 1);
    assert_int_equal(count_of(r.au, "missing-reason", JX_SEV_WARNING), 8);
    /* from the checks: c's 年度资金总额 row is 0 beside 70 万元 of sources; d (河道保洁)
     * completes its indicators to 98.42 / 100 = 98.42% against an execution of 28 / 30 =
     * 93.33%: (98.42 − 93.33) / 98.42 = 5.17% > 5%; a and c claim every indicator in full */
    assert_int_equal(count_of(r.au, "funds-inconsistent", JX_SEV_WARNING), 1);
    assert_int_equal(count_of(r.au, "execution-gap", JX_SEV_WARNING), 1);
    assert_int_equal(count_of(r.au, "all-full-marks", JX_SEV_NOTE), 2);
    assert_int_equal(s->findings[JX_SEV_WARNING], 4 + 3 + 8 + 8 + 1 + 1); /* qualitative-band is an error */
    for (size_t i = 1; i < jx_audit_tally_count(r.au); i++) /* codes in byte order */
        assert_true(strcmp(jx_audit_tally(r.au, i - 1)->code, jx_audit_tally(r.au, i)->code) < 0);

    /* the JSON report carries the same numbers, as exact decimals */
    cJSON *doc = cJSON_Parse(r.out.s);
    assert_non_null(doc);
    const cJSON *projects = cJSON_GetObjectItemCaseSensitive(doc, "projects");
    assert_int_equal(cJSON_GetArraySize(projects), NWANT);
    for (size_t i = 0; i < NWANT; i++) {
        const cJSON *pj = cJSON_GetArrayItem(projects, (int)i);
        assert_string_equal(cJSON_GetObjectItemCaseSensitive(pj, "name")->valuestring, want[i].name);
        assert_int_equal(cJSON_GetObjectItemCaseSensitive(pj, "line")->valueint, want[i].line);
        assert_true(cJSON_GetObjectItemCaseSensitive(pj, "total")->valuedouble * 100 ==
                    (double)want[i].total);
        char lit[64];
        snprintf(lit, sizeof lit, "\"difference\":%s,", want[i].difference);
        assert_non_null(strstr(r.out.s, lit));
    }
    assert_non_null(strstr(r.out.s, "\"total\":86.44,"));
    assert_non_null(strstr(r.out.s, "\"claimed_total\":100.00,"));
    assert_non_null(strstr(r.out.s, "\"grade\":\"中\""));
    assert_non_null(strstr(r.out.s, "\"inflation\":{\"projects\":5,\"mean\":6.70}"));
    assert_non_null(strstr(r.out.s, "\"claims_100\":{\"projects\":1,\"percent\":20.00}"));
    assert_non_null(strstr(r.out.s, "\"funds\":{\"unit\":\"万元\",\"budget\":325,\"spent\":308.8,"));
    assert_non_null(strstr(r.out.s, "\"differ\":{\"total\":4,\"grade\":3,\"either\":4}"));
    assert_non_null(strstr(r.out.s, "\"sample\":null}"));
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(doc, "summary");
    const cJSON *grades = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(sum, "grades"), "recomputed");
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(grades, "优")->valueint, 2);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(grades, "良")->valueint, 2);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(grades, "中")->valueint, 1);
    cJSON_Delete(doc);
    free(r.out.s);
    jx_audit_destroy(r.au);
    jx_policy_close(pol);
}

/* The text and CSV reports of the corpus show the same hand-worked numbers. */
static void test_inflated_text_and_csv(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    run r;
    run_start(&r, pol, NULL, JX_FORMAT_TEXT);
    for (size_t i = 0; i < sizeof jx_test_inflated / sizeof jx_test_inflated[0]; i++)
        run_file(&r, pol, jx_test_inflated[i]);
    run_end(&r);
    /* columns padded by display width: 自评 100.00 (6 cells) then 重算 86.44 */
    assert_non_null(strstr(r.out.s, "  总分  100.00  86.44  +13.56\n"));
    assert_non_null(strstr(r.out.s, "  结论  优      良     不符\n"));
    assert_non_null(strstr(r.out.s, "  总分  94.00  100.00  -6.00\n"));
    assert_non_null(strstr(r.out.s, "平均虚高        +6.70 分（自评总分 − 重算总分，5 个填了总分并已计分的项目的平均）\n"));
    assert_non_null(strstr(r.out.s, "资金            全年预算 325 万元，全年执行 308.8 万元（4 个项目）\n"));
    assert_non_null(strstr(r.out.s, "  重算  2   2   1   0   0\n"));
    free(r.out.s);
    jx_audit_destroy(r.au);

    run_start(&r, pol, NULL, JX_FORMAT_CSV);
    for (size_t i = 0; i < sizeof jx_test_inflated / sizeof jx_test_inflated[0]; i++)
        run_file(&r, pol, jx_test_inflated[i]);
    run_end(&r);
    assert_non_null(strstr(r.out.s, "\n项目,柯桥区垃圾分类项目,audit/inflated/b-waste.jx,12,512-综合执法,"
                                    "512003-柯桥区环境卫生管理处,95.00,77.50,17.50,优,中,,,,\n"));
    assert_non_null(strstr(r.out.s, "\n汇总,,,,,,,,,,,,inflation,,6.70\n"));
    assert_non_null(strstr(r.out.s, "\n按代码,,,,,,,,,,,警告,claimed-total,,4\n"));
    free(r.out.s);
    jx_audit_destroy(r.au);
    jx_policy_close(pol);
}

/* ---------------------------------------------------------------- seed 001 */

static void test_seed_001_imported(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_import *imp = NULL;
    jx_test_text dsl = {NULL, 0};
    assert_int_equal(jx_import_open(&imp, SEED, NULL, NULL), JX_OK);
    assert_int_equal(jx_import_run(imp, jx_test_text_write, &dsl), JX_OK);
    jx_import_close(imp);

    run r;
    run_start(&r, pol, NULL, JX_FORMAT_JSON);
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open_memory(&rd, SEED, dsl.s, dsl.len, NULL), JX_OK);
    jx_project *p;
    while (jx_reader_next(rd, &p) == JX_ROW)
        run_project(&r, pol, p, JX_AUDIT_IMPORTED);
    jx_reader_close(rd);
    run_end(&r);

    /* two 自评表, each claiming 100 / 优 and recomputed so */
    assert_int_equal(r.n, 2);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(r.claimed[i], 10000);
        assert_int_equal(r.totals[i], 10000);
        assert_int_equal(r.claimed_grades[i], JX_GRADE_EXCELLENT);
        assert_int_equal(r.grades[i], JX_GRADE_EXCELLENT);
    }
    const jx_audit_summary *s = jx_audit_get_summary(r.au);
    assert_int_equal(s->differs, 0);
    assert_int_equal(s->inflation_cents, 0);
    assert_int_equal(s->claims_100, 2);
    assert_int_equal(s->claims_100_bp, 10000);
    assert_int_equal(s->findings[JX_SEV_ERROR], 0);
    /* the 年度资金总额 rows are 0, so the sources count: 358.35 + 77.5 and 358.35 + 74.93 */
    assert_int_equal(s->budget_fen, 43585 * 10000LL);
    assert_int_equal(s->spent_fen, 43328 * 10000LL);
    /* actuals that restate the target with its sign: 接入系统数量, 运行保障期限, 政务云稳定性,
     * 服务对象满意率 in the first; 漏洞扫描, 安全培训服务, 驻场人员, 政务外网重大安全事故发生率,
     * 网络安全隐患处理速度, 服务对象满意度 in the second */
    assert_int_equal(count_of(r.au, "vague-actual", JX_SEV_WARNING), 4 + 6);
    assert_int_equal(count_of(r.au, "claimed-total", JX_SEV_WARNING), 0);
    assert_int_equal(count_of(r.au, "claimed-grade", JX_SEV_WARNING), 0);
    /* and exactly these besides: 工作效率 (定性 "提升", actual "提升", full marks) restates its
     * target; each form's 年度资金总额 row is 0 beside real sources; each form scores every
     * indicator in full. Nothing else: 10 + 1 + 2 findings of warning level, 2 notes. */
    assert_int_equal(count_of(r.au, "qualitative-evidence", JX_SEV_WARNING), 1);
    assert_int_equal(count_of(r.au, "funds-inconsistent", JX_SEV_WARNING), 2);
    assert_int_equal(count_of(r.au, "all-full-marks", JX_SEV_NOTE), 2);
    assert_int_equal(jx_audit_tally_count(r.au), 4);
    assert_int_equal(s->findings[JX_SEV_WARNING], 10 + 1 + 2);
    assert_int_equal(s->findings[JX_SEV_NOTE], 2);
    /* positions are the seed's rows: the tables start at 1042 and 1193; 接入系统数量 is on
     * row 1107, 网络安全隐患处理速度 on 1309 */
    assert_non_null(strstr(r.out.s, "\"file\":\"" SEED "\",\"line\":1042,"));
    assert_non_null(strstr(r.out.s, "\"file\":\"" SEED "\",\"line\":1193,"));
    assert_non_null(strstr(r.out.s, "\"source\":\"" SEED ":1107\""));
    assert_non_null(strstr(r.out.s, "\"source\":\"" SEED ":1309\""));
    free(r.out.s);
    free(dsl.s);
    jx_audit_destroy(r.au);
    jx_policy_close(pol);
}

/* ---------------------------------------------------------------- findings */

/* A project with one diagnostic of each kind, in the order note, warning, error, warning, note. */
static jx_project *five_diags(void)
{
    jx_project *p = jx_test_project("五条发现");
    static const struct {
        jx_severity sev;  /* its severity */
        const char *code; /* its code */
    } d[] = {{JX_SEV_NOTE, "n-one"}, {JX_SEV_WARNING, "w-one"}, {JX_SEV_ERROR, "e-one"},
             {JX_SEV_WARNING, "w-two"}, {JX_SEV_NOTE, "n-one"}};
    for (uint32_t i = 0; i < 5; i++) {
        jx_pos pos = {0, i + 1, 1, 1};
        assert_non_null(jx_project_diag_add(p, d[i].sev, d[i].code, pos, "第 %u 条", (unsigned)(i + 1)));
    }
    return p;
}

static void test_findings_in_report_order(void **state)
{
    (void)state;
    jx_project *p = five_diags();
    jx_arena ar;
    jx_arena_init(&ar, NULL);
    jx_audit_findings f;
    assert_true(jx_audit_collect(p, JX_SEV_NOTE, &ar, &f));
    /* errors, then warnings, then notes; the project's order within each */
    static const uint32_t all[] = {3, 2, 4, 1, 5};
    assert_int_equal(f.n, 5);
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(f.v[i]->line, all[i]);
    assert_int_equal(f.count[JX_SEV_ERROR], 1);
    assert_int_equal(f.count[JX_SEV_WARNING], 2);
    assert_int_equal(f.count[JX_SEV_NOTE], 2);
    assert_true(jx_audit_collect(p, JX_SEV_WARNING, &ar, &f));
    assert_int_equal(f.n, 3);
    assert_int_equal(f.v[2]->line, 4);
    assert_int_equal(f.count[JX_SEV_NOTE], 0);
    assert_true(jx_audit_collect(p, JX_SEV_ERROR, &ar, &f));
    assert_int_equal(f.n, 1);
    assert_string_equal(f.v[0]->code, "e-one");
    jx_arena_free(&ar);

    /* the audit counts what is at or above its minimum, and flags the project either way */
    jx_audit_options o = {.min_severity = JX_SEV_WARNING, .sample_count = 0, .sample_bp = 0, .seed = 0, .by = JX_AUDIT_BY_NONE, .weight_funds = 0, .include_flagged = 0};
    jx_audit *au = NULL;
    assert_int_equal(jx_audit_create(&au, NULL, &o, NULL), JX_OK);
    assert_int_equal(jx_audit_add(au, p, 0), JX_OK);
    const jx_audit_summary *s = jx_audit_get_summary(au);
    assert_int_equal(s->findings[JX_SEV_ERROR], 1);
    assert_int_equal(s->findings[JX_SEV_WARNING], 2);
    assert_int_equal(s->findings[JX_SEV_NOTE], 0);
    assert_int_equal(s->flagged, 1);
    assert_int_equal(jx_audit_tally_count(au), 3); /* e-one, w-one, w-two: no n-one */
    assert_string_equal(jx_audit_tally(au, 0)->code, "e-one");
    assert_null(jx_audit_tally(au, 3));
    /* not scored: it has an error */
    assert_int_equal(s->unscored, 1);
    assert_int_equal(s->grades[JX_GRADE_NONE], 1);
    jx_audit_destroy(au);

    /* the text report lists them errors first, with their severity words */
    jx_test_text out = {NULL, 0};
    jx_audit_options all_o = {.min_severity = JX_SEV_NOTE, .sample_count = 0, .sample_bp = 0, .seed = 0, .by = JX_AUDIT_BY_NONE, .weight_funds = 0, .include_flagged = 0};
    jx_audit_writer *aw = NULL;
    assert_int_equal(jx_audit_create(&au, NULL, &all_o, NULL), JX_OK);
    assert_int_equal(jx_audit_writer_create(&aw, au, JX_FORMAT_TEXT, jx_test_text_write, &out, NULL), JX_OK);
    assert_int_equal(jx_audit_add(au, p, 0), JX_OK);
    assert_int_equal(jx_audit_writer_project(aw, p, 0), JX_OK);
    assert_int_equal(jx_audit_writer_finish(aw), JX_OK);
    assert_non_null(strstr(out.s, "发现（5 条：错误 1，警告 2，提示 2）\n"
                                  "  错误  test.jx:3:1  e-one  第 3 条\n"
                                  "  警告  test.jx:2:1  w-one  第 2 条\n"
                                  "  警告  test.jx:4:1  w-two  第 4 条\n"
                                  "  提示  test.jx:1:1  n-one  第 1 条\n"
                                  "  提示  test.jx:5:1  n-one  第 5 条\n"));
    assert_non_null(strstr(out.s, "有错误，未能计分"));
    jx_audit_writer_destroy(aw);
    jx_audit_destroy(au);
    free(out.s);
    jx_test_project_free(p);
}

/* ------------------------------------------------------------------- funds */

static void test_funds_in_every_unit(void **state)
{
    (void)state;
    int64_t b, s;
    jx_project *p = jx_test_project("元");
    p->money_unit = jx_project_str(p, "元", strlen("元"));
    jx_test_funds(p, "一般公共预算资金", "0", "1234.565", "1234.564");
    assert_int_equal(jx_audit_project_funds(p, &b, &s), JX_AUDIT_FUNDS_OK);
    assert_int_equal(b, 123457); /* 123456.5 分, half up */
    assert_int_equal(s, 123456); /* 123456.4 分 */
    jx_test_project_free(p);

    p = jx_test_project("亿元");
    p->money_unit = jx_project_str(p, "亿元", strlen("亿元"));
    jx_test_funds(p, NULL, "1.5", "1.5", "0.25");
    assert_int_equal(jx_audit_project_funds(p, &b, &s), JX_AUDIT_FUNDS_OK);
    assert_int_equal(b, 15000000000LL);
    assert_int_equal(s, 2500000000LL);
    jx_test_project_free(p);

    /* no 金额单位: 万元, as the forms print; a 年度资金总额 row that is not 0 is taken alone */
    p = jx_test_project("万元");
    jx_test_funds(p, "一般公共预算资金", "10", "10", "9");
    jx_test_funds(p, NULL, "12", "12", "11");
    jx_test_funds(p, "其他资金", "2", "2", "2");
    assert_int_equal(jx_audit_project_funds(p, &b, &s), JX_AUDIT_FUNDS_OK);
    assert_int_equal(b, 12000000);
    assert_int_equal(s, 11000000);
    jx_test_project_free(p);

    p = jx_test_project("千元");
    p->money_unit = jx_project_str(p, "千元", strlen("千元"));
    jx_test_funds(p, NULL, "0", "0", "0");
    jx_test_funds(p, "一般公共预算资金", "3", "3", "2.5");
    assert_int_equal(jx_audit_project_funds(p, &b, &s), JX_AUDIT_FUNDS_OK);
    assert_int_equal(b, 300000);
    assert_int_equal(s, 250000);
    jx_test_project_free(p);

    p = jx_test_project("美元");
    p->money_unit = jx_project_str(p, "美元", strlen("美元"));
    jx_test_funds(p, NULL, "1", "1", "1");
    assert_int_equal(jx_audit_project_funds(p, &b, &s), JX_AUDIT_FUNDS_UNCONVERTED);
    jx_audit *au = NULL;
    assert_int_equal(jx_audit_create(&au, NULL, NULL, NULL), JX_OK);
    assert_int_equal(jx_audit_add(au, p, 0), JX_OK);
    assert_int_equal(jx_audit_get_summary(au)->unconverted, 1);
    assert_int_equal(jx_audit_get_summary(au)->funded, 0);
    assert_int_equal(jx_audit_get_summary(au)->budget_fen, 0);
    jx_audit_destroy(au);
    jx_test_project_free(p);

    p = jx_test_project("没有资金");
    assert_int_equal(jx_audit_project_funds(p, &b, &s), JX_AUDIT_FUNDS_NONE);
    jx_test_project_free(p);

    char buf[JX_DEC_BUFSZ];
    assert_string_equal(jx_audit_wan(435850000, buf, sizeof buf), "435.85");
    assert_string_equal(jx_audit_wan(12, buf, sizeof buf), "0.000012");
}

/* -------------------------------------------------------------- table rows */

static void test_rows_of_imported_text(void **state)
{
    (void)state;
#define ROW(s) jx_source_row(s, strlen(s))
    assert_int_equal(ROW("    接入系统数量 ≥60个 权重 30 实际 ≥60个 得分 30.00   # 第 1107 行"), 1107);
    assert_int_equal(ROW("漏洞扫描 =4次 权重 20   # 第 1263 行：指标值原文 ＝4次；实际原文 ＝4次"), 1263);
    /* a # inside a string is not the comment, nor is one after an escaped quote */
    assert_int_equal(ROW("偏差 \"见 # 第 5 行\"   # 第 7 行"), 7);
    assert_int_equal(ROW("偏差 \"引号\\\" # 第 5 行\"   # 第 8 行"), 8);
    assert_int_equal(ROW("    总分 100.00 结论 优"), 0);
    assert_int_equal(ROW("# 由“x.txt”导入"), 0);
    assert_int_equal(ROW("x # 第  行"), 0);
    assert_int_equal(ROW("x # 第 99999999999 行"), 0);
    assert_int_equal(ROW("x # 第 12"), 0);
#undef ROW
}

/* ---------------------------------------------------------------- rounding */

/* A scored project of one indicator worth 100, met, claiming total. */
static jx_project *claiming(const jx_policy *pol, const char *total)
{
    jx_project *p = jx_test_project("一个指标");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", "100", 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", "100", g1);
    jx_test_ind(p, g2, "巡查次数", "≥10次", "100", "10");
    jx_test_claim_total(p, total, JX_GRADE_NONE);
    assert_int_equal(jx_score(p, pol), JX_OK);
    assert_int_equal(jx_project_total_cents(p), 10000);
    return p;
}

/* The mean inflation of projects claiming the given totals (each recomputed 100.00). */
static int64_t mean_inflation(const jx_policy *pol, const char *const *totals, size_t n)
{
    jx_audit *au = NULL;
    assert_int_equal(jx_audit_create(&au, pol, NULL, NULL), JX_OK);
    for (size_t i = 0; i < n; i++) {
        jx_project *p = claiming(pol, totals[i]);
        assert_int_equal(jx_audit_add(au, p, 0), JX_OK);
        jx_test_project_free(p);
    }
    int64_t m = jx_audit_get_summary(au)->inflation_cents;
    assert_int_equal(jx_audit_get_summary(au)->claimed_totals, n);
    jx_audit_destroy(au);
    return m;
}

static void test_inflation_exact_and_half_up(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    /* +0.005 → 0.01; −0.005 → −0.01 (half away from zero); +0.005 − 0.005 → 0.00 exactly */
    const char *up[] = {"100.005"};
    const char *down[] = {"99.995"};
    const char *both[] = {"100.005", "99.995"};
    assert_int_equal(mean_inflation(pol, up, 1), 1);
    assert_int_equal(mean_inflation(pol, down, 1), -1);
    assert_int_equal(mean_inflation(pol, both, 2), 0);
    /* (0.01 + 0.01 + 0) / 3 = 0.00666… → 0.01 */
    const char *thirds[] = {"100.01", "100.01", "100"};
    assert_int_equal(mean_inflation(pol, thirds, 3), 1);
    /* a total of 100.005 is not 100: it differs, and is no claim of 100 */
    jx_audit *au = NULL;
    assert_int_equal(jx_audit_create(&au, pol, NULL, NULL), JX_OK);
    jx_project *p = claiming(pol, "100.005");
    assert_int_equal(jx_audit_add(au, p, 0), JX_OK);
    jx_test_project_free(p);
    p = claiming(pol, "100.00");
    assert_int_equal(jx_audit_add(au, p, 0), JX_OK);
    jx_test_project_free(p);
    assert_int_equal(jx_audit_get_summary(au)->total_differs, 1);
    assert_int_equal(jx_audit_get_summary(au)->claims_100, 1);
    assert_int_equal(jx_audit_get_summary(au)->claims_100_bp, 5000);
    jx_audit_destroy(au);
    jx_policy_close(pol);
}

/* ---------------------------------------------------------------- unscored */

static void test_unscored_project(void **state)
{
    (void)state;
    static const char text[] =
        "项目 \"有语法错误\" {\n"
        "    产出指标 100 { 数量指标 100 { 巡查次数 ≥12次 权重 abc 实际 12次 } }\n"
        "    总分 100 结论 优\n"
        "}\n";
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    run r;
    run_start(&r, pol, NULL, JX_FORMAT_JSON);
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open_memory(&rd, "bad.jx", text, sizeof text - 1, NULL), JX_OK);
    jx_project *p;
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_true(jx_project_error_count(p) > 0);
    run_project(&r, pol, p, 0);
    jx_reader_close(rd);
    run_end(&r);
    const jx_audit_summary *s = jx_audit_get_summary(r.au);
    assert_int_equal(s->projects, 1);
    assert_int_equal(s->unscored, 1);
    assert_int_equal(s->grades[JX_GRADE_NONE], 1);
    assert_int_equal(s->claimed_grades[JX_GRADE_EXCELLENT], 1);
    assert_int_equal(s->claims_100, 1);
    assert_int_equal(s->claimed_totals, 0); /* no recomputed total to set against it */
    assert_int_equal(s->differs, 0);
    assert_true(s->findings[JX_SEV_ERROR] >= 1);
    assert_int_equal(s->flagged, 1);
    assert_non_null(strstr(r.out.s, "\"scored\":false,\"claimed_total\":100.00,\"total\":null,\"difference\":null,"));
    free(r.out.s);
    jx_audit_destroy(r.au);
    jx_policy_close(pol);
}

/* ------------------------------------------------------------------ sample */

static void test_sample_records_only_when_asked(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    /* without a sample nothing per project is kept */
    run r;
    run_start(&r, pol, NULL, JX_FORMAT_CSV);
    run_file(&r, pol, jx_test_inflated[0]);
    run_end(&r);
    assert_int_equal(r.au->nunits, 0);
    assert_int_equal(jx_audit_pick_count(r.au), 0);
    free(r.out.s);
    jx_audit_destroy(r.au);

    /* with one, each project's record: name, 单位, funds in 分, flagged, file and line;
     * a-road claims 100 against 86.44 and 优 against 良: flagged (docs/sampling.md) */
    jx_audit_options o = {.min_severity = JX_SEV_NOTE, .sample_count = 0, .sample_bp = 2000, .seed = 42, .by = JX_AUDIT_BY_ORG, .weight_funds = 1, .include_flagged = 1};
    run_start(&r, pol, &o, JX_FORMAT_JSON);
    for (size_t i = 0; i < sizeof jx_test_inflated / sizeof jx_test_inflated[0]; i++)
        run_file(&r, pol, jx_test_inflated[i]);
    run_end(&r);
    assert_int_equal(r.au->nunits, NWANT);
    assert_string_equal(r.au->units[0].name, "越城区道路养护项目");
    assert_string_equal(r.au->units[0].stratum, "205001-越城区公路养护中心");
    assert_int_equal(r.au->units[0].funds_cents, 180 * 1000000LL);
    assert_true(r.au->units[0].flagged);
    assert_int_equal(r.au->origins[0].flagged_for, JX_AUDIT_FLAG_TOTAL | JX_AUDIT_FLAG_GRADE);
    assert_int_equal(r.au->units[1].funds_cents, 45 * 1000000LL); /* 450000 元 */
    assert_int_equal(r.au->units[4].funds_cents, 0);              /* no 资金 */
    assert_string_equal(r.au->origins[4].file, jx_test_inflated[3]);
    assert_int_equal(r.au->origins[4].line, 42);
    /* every 单位 of the corpus has one project: 20% of 1 is 0.2, rounded to 0, raised to 1,
     * so all five are picked; the sentence names the stratum as 单位 (docs/sampling.md).
     * a-road, b-waste and c-training claim more than they recompute to (100 − 86.44 =
     * 13.56, 95 − 77.50 = 17.50, 92 − 83.56 = 8.44, each 优 against 良, 中, 良): forced in
     * under --include-flagged, the stratum's one; the two 诸暨 and 嵊州 projects claim 98.42
     * as recomputed and 94 below 100: drawn, each the whole of its stratum's funds */
    assert_int_equal(jx_audit_pick_count(r.au), NWANT);
    assert_int_equal(jx_audit_picked(r.au, 0)->why, JX_AUDIT_FLAGGED);
    assert_int_equal(jx_audit_picked(r.au, 0)->flagged_for, JX_AUDIT_FLAG_TOTAL | JX_AUDIT_FLAG_GRADE);
    assert_string_equal(jx_audit_picked(r.au, 0)->reason,
                        "按单位分层：单位“205001-越城区公路养护中心”共 1 个项目，抽 1 个（20%，至少 1 个），"
                        "其中有错误级问题或自评高于重算的 1 个必抽，本项目自评总分 100 比重算总分 86.44 高 13.56 分，"
                        "自评结论“优”高于重算结论“良”，必抽");
    assert_int_equal(jx_audit_picked(r.au, 1)->why, JX_AUDIT_FLAGGED);
    assert_int_equal(jx_audit_picked(r.au, 2)->why, JX_AUDIT_FLAGGED);
    assert_int_equal(jx_audit_picked(r.au, 3)->why, JX_AUDIT_WEIGHTED);
    assert_int_equal(jx_audit_picked(r.au, 3)->flagged_for, 0);
    assert_int_equal(jx_audit_picked(r.au, 4)->why, JX_AUDIT_WEIGHTED);
    assert_int_equal(jx_audit_picked(r.au, 4)->flagged_for, 0);
    assert_string_equal(jx_audit_picked(r.au, 4)->reason,
                        "按单位分层：单位“118004-嵊州市应急物资储备中心”共 1 个项目，抽 1 个（20%，至少 1 个），"
                        "按资金加权抽中（第 1 次抽取）：该层项目均无资金数，机会均等");
    /* the JSON says how the sample was asked for */
    assert_non_null(strstr(r.out.s, "\"sample\":{\"size\":\"20%\",\"seed\":42,\"by\":\"单位\",\"weight\":\"funds\","
                                    "\"include_flagged\":true,\"picks\":["));
    free(r.out.s);
    jx_audit_destroy(r.au);
    jx_policy_close(pol);
}

/* The sample corpus (tests/audit/sample): every project's total as its comment works it
 * out, the summary, and the sample of seed 42 by 单位 with --include-flagged as
 * tests/audit/sample_picks.py, a separate implementation of docs/sampling.md, draws it
 * (the same picks tests/cli/test_audit_sample.sh and the golden audit-sample-text show). */
static void test_sample_corpus(void **state)
{
    (void)state;
    static const char *const files[] = {
        "audit/sample/a-bigdata.jx", "audit/sample/b-roads.jx",
        "audit/sample/c-transport.jx", "audit/sample/d-more.jx",
    };
    /* 数量 60 × k / 20 + 30 + 10, k = 18, 19, 17, …; 0 for 路灯维修 (权重 abc, not scored) */
    static const int64_t totals[16] = {9400, 9700, 9100, 9400, 9700, 0,    9100, 9400,
                                       9700, 9400, 9100, 9700, 9400, 9700, 9100, 9400};
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_audit_options o = {.min_severity = JX_SEV_NOTE, .sample_count = 0, .sample_bp = 2000, .seed = 42, .by = JX_AUDIT_BY_ORG, .weight_funds = 0, .include_flagged = 1};
    run r;
    run_start(&r, pol, &o, JX_FORMAT_TEXT);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        run_file(&r, pol, files[i]);
    run_end(&r);
    assert_int_equal(r.n, 16);
    for (size_t i = 0; i < 16; i++) {
        if (i == 5) {
            assert_int_equal(r.grades[i], JX_GRADE_NONE);
            continue;
        }
        assert_int_equal(r.totals[i], totals[i]);
        assert_int_equal(r.claimed[i], totals[i]);
        assert_int_equal(r.grades[i], JX_GRADE_EXCELLENT);
    }
    const jx_audit_summary *s = jx_audit_get_summary(r.au);
    assert_int_equal(s->projects, 16);
    assert_int_equal(s->unscored, 1);
    /* 366 + 120.5 + 180 + 18 + 64 + 27 + 1200 + 55 + 75.3 + 36 + 310 (300 + 10 beside a
     * 年度资金总额 of 0) + 9.9 + 42 + 8.8 + 12.5 (125000 元) = 2525 万元 over 15 projects
     * (政务外网改造 has no 资金); spent 350 + 118 + 171.5 + 18 + 60 + 25 + 1150 + 52 + 70 + 35
     * + 300 + 9.9 + 40 + 8.8 + 12 = 2420.2 */
    assert_int_equal(s->funded, 15);
    assert_int_equal(s->budget_fen, 2525 * 1000000LL);
    assert_int_equal(s->spent_fen, 24202 * 100000LL);
    assert_int_equal(s->claimed_totals, 15);
    assert_int_equal(s->inflation_cents, 0);
    assert_int_equal(s->differs, 0);
    assert_int_equal(s->grades[JX_GRADE_EXCELLENT], 15);
    assert_int_equal(s->grades[JX_GRADE_NONE], 1);
    assert_int_equal(s->findings[JX_SEV_ERROR], 1);
    assert_int_equal(s->findings[JX_SEV_WARNING], 1);
    assert_int_equal(s->findings[JX_SEV_NOTE], 0);
    assert_int_equal(count_of(r.au, "syntax", JX_SEV_ERROR), 1);
    assert_int_equal(count_of(r.au, "funds-inconsistent", JX_SEV_WARNING), 1);
    assert_int_equal(s->flagged, 1);
    /* 20% by 单位: 2 of the 8 of 301001, the flagged one of 205001's 5, the one without a
     * 单位, 1 of 205002's 2 */
    static const struct {
        const char *name;
        jx_audit_why why;
        uint32_t line;
    } picks[] = {
        {"越城区视频会议系统升级项目", JX_AUDIT_DRAWN, 80}, {"越城区路灯维修项目", JX_AUDIT_FLAGGED, 28},
        {"越城区政务热线升级项目", JX_AUDIT_DRAWN, 80},     {"越城区电子证照归集项目", JX_AUDIT_DRAWN, 2},
        {"越城区共享单车治理项目", JX_AUDIT_DRAWN, 54},
    };
    assert_int_equal(jx_audit_pick_count(r.au), 5);
    for (size_t i = 0; i < 5; i++) {
        const jx_audit_pick *pk = jx_audit_picked(r.au, i);
        assert_string_equal(pk->name, picks[i].name);
        assert_int_equal(pk->why, picks[i].why);
        assert_int_equal(pk->line, picks[i].line);
    }
    assert_string_equal(jx_audit_picked(r.au, 1)->reason,
                        "按单位分层：单位“205001-越城区公路养护中心”共 5 个项目，抽 1 个（20%），"
                        "其中有错误级问题的 1 个必抽，本项目有错误级问题，必抽");
    assert_string_equal(jx_audit_picked(r.au, 2)->reason,
                        "按单位分层：单位（未填）共 1 个项目，抽 1 个（20%，至少 1 个），随机抽中（第 1 次抽取）");
    assert_int_equal(jx_audit_picked(r.au, 4)->funds_fen, 125000 * 100LL);
    free(r.out.s);
    jx_audit_destroy(r.au);
    jx_policy_close(pol);
}

/* ----------------------------------------------------------------- refused */

/* ------------------------------------------------------------ flagged for 抽查 */

/* tests/audit/flagged/claims.jx (issue 10, item 9), every total worked out in its comment:
 * 甲 claims 100 / 优 and recomputes to 87.19 / 良; 丁 claims 88.5 against 88.00; 戊 claims 优
 * against a recomputed 85.00 / 良 with the same 总分; 己 has an error; 乙 claims what it
 * recomputes to, 丙 claims less (85 / 良 against 90.00 / 优), 庚 claims nothing. */
static void test_flagged_projects(void **state)
{
    (void)state;
    static const char *const path = "audit/flagged/claims.jx";
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);

    /* the rule, project by project, with the margin of 抽查虚高: 0 (any amount), then
     * 0.50 (丁's 0.50 is not above it) and 12.81 (甲's 12.81 is not, its grade still is) */
    static const unsigned want_bits[] = {
        JX_AUDIT_FLAG_TOTAL | JX_AUDIT_FLAG_GRADE, 0, 0, JX_AUDIT_FLAG_TOTAL, JX_AUDIT_FLAG_GRADE,
        JX_AUDIT_FLAG_ERROR, 0,
    };
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open(&rd, path, NULL), JX_OK);
    jx_project *p;
    size_t i = 0;
    while (jx_reader_next(rd, &p) == JX_ROW) {
        if (jx_project_error_count(p) == 0)
            assert_int_equal(jx_score(p, pol), JX_OK);
        assert_true(i < 7);
        assert_int_equal(jx_audit_flag_bits_of(p, jx_dec_from_int(0)), want_bits[i]);
        if (i == 3) {
            assert_int_equal(jx_audit_flag_bits_of(p, (jx_dec){50, 2}), 0);
            assert_int_equal(jx_audit_flag_bits_of(p, (jx_dec){49, 2}), JX_AUDIT_FLAG_TOTAL);
        }
        if (i == 0)
            assert_int_equal(jx_audit_flag_bits_of(p, (jx_dec){1281, 2}), JX_AUDIT_FLAG_GRADE);
        i++;
    }
    assert_int_equal(i, 7);
    jx_reader_close(rd);
    assert_int_equal(jx_dec_cmp(jx_audit_flag_margin(pol), jx_dec_from_int(0)), 0);
    assert_int_equal(jx_dec_cmp(jx_audit_flag_margin(NULL), jx_dec_from_int(0)), 0);
    /* 抽查虚高 N sets the margin (policy.c) */
    {
        static const char text[] = "评分办法 \"三分\" {\n    抽查虚高 3\n}\n";
        jx_policy *three = NULL;
        assert_int_equal(jx_policy_open_memory(&three, "three.jx", text, sizeof text - 1, NULL), JX_OK);
        assert_int_equal(jx_dec_cmp(jx_audit_flag_margin(three), jx_dec_from_int(3)), 0);
        jx_policy_close(three);
    }

    /* --sample 0% --include-flagged: 0 of 7 drawn, the 4 flagged all in */
    jx_audit_options o = {.min_severity = JX_SEV_NOTE, .sample_count = 0, .sample_bp = 0, .seed = 1, .by = JX_AUDIT_BY_NONE, .weight_funds = 0, .include_flagged = 1};
    run r;
    run_start(&r, pol, &o, JX_FORMAT_JSON);
    assert_int_equal(jx_audit_set_sample_share(r.au, 0), JX_OK);
    run_file(&r, pol, path);
    run_end(&r);
    assert_int_equal(jx_audit_pick_count(r.au), 4);
    static const struct {
        const char *name;
        unsigned bits;
        const char *why;
    } picks[] = {
        {"甲", JX_AUDIT_FLAG_TOTAL | JX_AUDIT_FLAG_GRADE, "本项目自评总分 100 比重算总分 87.19 高 12.81 分，自评结论“优”高于重算结论“良”，必抽"},
        {"丁", JX_AUDIT_FLAG_TOTAL, "本项目自评总分 88.5 比重算总分 88.00 高 0.50 分，必抽"},
        {"戊", JX_AUDIT_FLAG_GRADE, "本项目自评结论“优”高于重算结论“良”，必抽"},
        {"己", JX_AUDIT_FLAG_ERROR, "本项目有错误级问题，必抽"},
    };
    for (size_t k = 0; k < 4; k++) {
        const jx_audit_pick *pk = jx_audit_picked(r.au, k);
        assert_string_equal(pk->name, picks[k].name);
        assert_int_equal(pk->why, JX_AUDIT_FLAGGED);
        assert_int_equal(pk->flagged_for, picks[k].bits);
        char want_reason[512];
        snprintf(want_reason, sizeof want_reason, "共 7 个项目，抽 0 个（0%%），有错误级问题或自评高于重算的 4 个全部必抽，%s",
                 picks[k].why);
        assert_string_equal(pk->reason, want_reason);
    }
    assert_non_null(strstr(r.out.s, "\"sample\":{\"size\":\"0%\",\"seed\":1,"));
    assert_non_null(strstr(r.out.s, "\"flagged_for\":[\"total\",\"grade\"],\"why\":\"flagged\""));
    /* the summary's count of projects with an error stays what it says */
    assert_int_equal(jx_audit_get_summary(r.au)->flagged, 1);
    free(r.out.s);
    jx_audit_destroy(r.au);

    /* without --include-flagged, 0% picks nothing */
    o.include_flagged = 0;
    run_start(&r, pol, &o, JX_FORMAT_TEXT);
    assert_int_equal(jx_audit_set_sample_share(r.au, 0), JX_OK);
    run_file(&r, pol, path);
    run_end(&r);
    assert_int_equal(jx_audit_pick_count(r.au), 0);
    assert_non_null(strstr(r.out.s, "\n抽查（抽取 0%，种子 1）：抽中 0 个项目\n"));
    free(r.out.s);
    jx_audit_destroy(r.au);

    /* a share is asked for before the first project, and is at most 100% */
    jx_audit *au = NULL;
    assert_int_equal(jx_audit_create(&au, pol, NULL, NULL), JX_OK);
    assert_int_equal(jx_audit_set_sample_share(au, 10001), JX_ERR_USAGE);
    assert_int_equal(jx_audit_set_sample_share(NULL, 0), JX_ERR_USAGE);
    p = jx_test_project("先到的项目");
    assert_int_equal(jx_audit_add(au, p, 0), JX_OK);
    assert_int_equal(jx_audit_set_sample_share(au, 0), JX_ERR_USAGE);
    jx_test_project_free(p);
    jx_audit_destroy(au);
    jx_policy_close(pol);
}

/* A project of 单位 org, 年度 year (0: none), from file at line. */
static jx_project *submission(const char *name, const char *org, int year, const char *file, uint32_t line)
{
    jx_project *p = jx_test_project(name);
    p->org = jx_project_str(p, org, strlen(org));
    p->has_year = year != 0;
    p->year = year;
    p->src.file = file;
    p->pos.line = line;
    return p;
}

/* duplicate-submission: the same 单位 + 项目 + 年度 again is one warning on the later
 * project naming the first's file and line; another 单位, another 年度 or none is not; the
 * table keeps every key past its first growth (64 slots: 300 projects make it grow thrice). */
static void test_duplicate_submission(void **state)
{
    (void)state;
    jx_audit *au = NULL;
    assert_int_equal(jx_audit_create(&au, NULL, NULL, NULL), JX_OK);
    char name[32];
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "项目%03d", i);
        jx_project *p = submission(name, "甲单位", 2024, "a.jx", (uint32_t)(10 + i));
        assert_int_equal(jx_audit_add(au, p, 0), JX_OK);
        assert_int_equal(jx_test_count_code(p, "duplicate-submission"), 0);
        jx_test_project_free(p);
    }
    /* 项目150 again, from b.jx: named at a.jx, line 10 + 150 */
    jx_project *p = submission("项目150", "甲单位", 2024, "b.jx", 3);
    assert_int_equal(jx_audit_add(au, p, 0), JX_OK);
    assert_int_equal(jx_test_count_code(p, "duplicate-submission"), 1);
    const jx_diag *d = jx_test_find_code(p, "duplicate-submission");
    assert_int_equal(d->severity, JX_SEV_WARNING);
    assert_string_equal(d->message, "与 a.jx:160 的项目重复提交：单位“甲单位”、项目“项目150”、年度 2024 都相同");
    jx_test_project_free(p);
    /* another 单位, another 年度, no 年度: three more submissions, none a duplicate */
    jx_project *other[3] = {submission("项目150", "乙单位", 2024, "c.jx", 1),
                            submission("项目150", "甲单位", 2025, "c.jx", 2),
                            submission("项目150", "甲单位", 0, "c.jx", 3)};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(jx_audit_add(au, other[i], 0), JX_OK);
        assert_int_equal(jx_test_count_code(other[i], "duplicate-submission"), 0);
        jx_test_project_free(other[i]);
    }
    /* …and the one without a 年度 made again is one, the 年度 said to be missing */
    p = submission("项目150", "甲单位", 0, "d.jx", 9);
    assert_int_equal(jx_audit_add(au, p, 0), JX_OK);
    d = jx_test_find_code(p, "duplicate-submission");
    assert_non_null(d);
    assert_string_equal(d->message, "与 c.jx:3 的项目重复提交：单位“甲单位”、项目“项目150”都相同，都未填年度");
    jx_test_project_free(p);
    /* the tally: two warnings */
    for (size_t i = 0; i < jx_audit_tally_count(au); i++) {
        const jx_code_tally *t = jx_audit_tally(au, i);
        if (strcmp(t->code, "duplicate-submission") == 0)
            assert_int_equal(t->count[JX_SEV_WARNING], 2);
    }
    assert_int_equal(jx_audit_get_summary(au)->findings[JX_SEV_WARNING], 2);
    jx_audit_destroy(au);
}

static void test_refused_calls(void **state)
{
    (void)state;
    jx_audit *au = NULL;
    jx_audit_options both = {.min_severity = JX_SEV_NOTE, .sample_count = 5, .sample_bp = 2000, .seed = 1, .by = JX_AUDIT_BY_NONE, .weight_funds = 0, .include_flagged = 0};
    assert_int_equal(jx_audit_create(&au, NULL, &both, NULL), JX_ERR_USAGE);
    assert_null(au);
    jx_audit_options over = {.min_severity = JX_SEV_NOTE, .sample_count = 0, .sample_bp = 10001, .seed = 1, .by = JX_AUDIT_BY_NONE, .weight_funds = 0, .include_flagged = 0};
    assert_int_equal(jx_audit_create(&au, NULL, &over, NULL), JX_ERR_USAGE);
    assert_int_equal(jx_audit_create(NULL, NULL, NULL, NULL), JX_ERR_USAGE);
    assert_int_equal(jx_audit_create(&au, NULL, NULL, NULL), JX_OK);
    jx_audit_writer *aw = NULL;
    assert_int_equal(jx_audit_writer_create(&aw, au, JX_FORMAT_TEMPLATE, jx_test_text_write, NULL, NULL),
                     JX_ERR_USAGE);
    assert_int_equal(jx_audit_writer_create(&aw, NULL, JX_FORMAT_TEXT, jx_test_text_write, NULL, NULL),
                     JX_ERR_USAGE);
    assert_int_equal(jx_audit_writer_create(&aw, au, JX_FORMAT_TEXT, NULL, NULL, NULL), JX_ERR_USAGE);
    assert_int_equal(jx_audit_add(au, NULL, 0), JX_ERR_USAGE);
    assert_int_equal(jx_audit_finish(au), JX_OK);
    jx_project *p = jx_test_project("晚到的项目");
    assert_int_equal(jx_audit_add(au, p, 0), JX_ERR_USAGE);
    jx_test_project_free(p);
    assert_null(jx_audit_get_summary(NULL));
    assert_null(jx_audit_picked(au, 0));
    jx_audit_destroy(au);
    jx_audit_destroy(NULL);
    jx_audit_writer_destroy(NULL);

    /* a write that fails is an I/O error of the writer */
    assert_int_equal(jx_audit_create(&au, NULL, NULL, NULL), JX_OK);
    assert_int_equal(jx_audit_writer_create(&aw, au, JX_FORMAT_JSON, jx_test_write_nothing, NULL, NULL), JX_OK);
    assert_int_equal(jx_audit_writer_finish(aw), JX_ERR_IO);
    assert_int_equal(jx_audit_writer_finish(aw), JX_ERR_USAGE);
    jx_audit_writer_destroy(aw);
    jx_audit_destroy(au);
}

/* ------------------------------------------------------------ out of memory */

/* Audits the corpus with the audit and its writer on allocator a; returns the first failure. */
static jx_result audit_with(const jx_policy *pol, const jx_allocator *a, jx_test_text *out)
{
    jx_audit_options o = {.min_severity = JX_SEV_NOTE, .sample_count = 0, .sample_bp = 5000, .seed = 7, .by = JX_AUDIT_BY_DEPT, .weight_funds = 0, .include_flagged = 0};
    jx_test_audit_spec spec = {pol, jx_test_inflated, JX_TEST_NINFLATED, NULL, &o, JX_FORMAT_TEXT, 0, true};
    return jx_test_audit_files(&spec, a, out);
}

static void test_out_of_memory_anywhere(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_test_text want_text = {NULL, 0};
    assert_int_equal(audit_with(pol, NULL, &want_text), JX_OK);
    size_t k;
    for (k = 1; k < 2000; k++) {
        jx_test_counting c = {.fail_at = k};
        jx_allocator a = jx_test_counting_allocator(&c);
        jx_test_text out = {NULL, 0};
        jx_result rc = audit_with(pol, &a, &out);
        assert_int_equal(c.in_use, 0);
        if (rc == JX_OK)
            assert_string_equal(out.s, want_text.s);
        else if (rc != JX_ERR_NOMEM)
            fail_msg("allocation %zu failed, and the audit returned %d", k, (int)rc);
        free(out.s);
        if (c.calls < k)
            break; /* no call failed: every allocation has had its turn */
    }
    assert_true(k > 5);
    assert_true(k < 2000);
    free(want_text.s);
    jx_policy_close(pol);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inflated_corpus),
        cmocka_unit_test(test_inflated_text_and_csv),
        cmocka_unit_test(test_seed_001_imported),
        cmocka_unit_test(test_findings_in_report_order),
        cmocka_unit_test(test_funds_in_every_unit),
        cmocka_unit_test(test_rows_of_imported_text),
        cmocka_unit_test(test_inflation_exact_and_half_up),
        cmocka_unit_test(test_unscored_project),
        cmocka_unit_test(test_sample_records_only_when_asked),
        cmocka_unit_test(test_sample_corpus),
        cmocka_unit_test(test_flagged_projects),
        cmocka_unit_test(test_duplicate_submission),
        cmocka_unit_test(test_refused_calls),
        cmocka_unit_test(test_out_of_memory_anywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
