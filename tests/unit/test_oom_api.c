/* SPDX-License-Identifier: MIT */
/* test_oom_api.c — running out of memory through the public API: a whole `score` run
 * (policy, actuals from a CSV, two passes over the projects, every writer), a whole
 * 复核 run and an import, with each allocation failing in turn. A run whose allocation
 * k failed must say JX_ERR_NOMEM; a run that says JX_OK must have written exactly what
 * a run with memory to spare writes; nothing may leak. Also every writer, and the
 * scoring, with each string of their arena an allocation of its own, and the value
 * reader in PCRE2's interpreter (a PCRE2 without JIT), whose matches allocate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "counting.h"
#include "model.h"
#include "report.h"
#include "tmpdir.h"
#include "value.h"
#include "value_internal.h"
#include "write_text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * One project with everything a writer prints: 资金 rows, a 定性 indicator with a
 * 评定, a value only the slow path reads (the full-width "＝１２次"), vague actuals (a
 * sign written before the actual; words where a number is due), an actual left to the
 * CSV (满意率), warnings (vague-actual, missing-reason) and claims that differ from
 * the recomputed ones (claimed-total, claimed-grade). What it scores does not matter
 * here — every run is compared with the run that had memory to spare.
 */
static const char dsl[] =
    "项目 \"甲项目\" {\n"
    "    主管部门 \"301-大数据管理\"\n"
    "    单位 \"301001-大数据发展管理中心\"\n"
    "    年度 2024\n"
    "    金额单位 万元\n"
    "    资金 年度资金总额 年初预算 120 全年预算 115 全年执行 107.26\n"
    "    资金 一般公共预算资金 年初预算 120 全年预算 115 全年执行 107.26\n"
    "    年度目标 \"完成系统接入和巡检。\"\n"
    "    完成情况 \"接入 45 个系统，巡检 12 次。\"\n"
    "    产出指标 60 {\n"
    "        数量指标 40 {\n"
    "            接入系统数量 ≥60个 权重 20 实际 45个 偏差 \"两个系统推迟上云\"\n"
    "            巡检次数 ＝１２次 权重 20 实际 ≥12次\n"
    "        }\n"
    "        时效指标 20 {\n"
    "            响应时间 ≤24小时 权重 20 实际 \"及时\"\n"
    "        }\n"
    "    }\n"
    "    效益指标 30 {\n"
    "        社会效益 30 {\n"
    "            工作效率 定性 \"明显提升\" 权重 30 实际 \"有所提升\" 评定 部分达成 偏差 \"仍需加强\" 得分 21\n"
    "        }\n"
    "    }\n"
    "    满意度指标 10 {\n"
    "        服务对象满意度 10 { 满意率 ≥90% 权重 10 }\n"
    "    }\n"
    "    总分 95 结论 优\n"
    "}\n";

/* The actuals: 满意率 in full-width digits (the slow path of the actuals' reader), and
 * 接入系统数量 again with its reason. */
static const char actuals_csv[] =
    "项目,三级指标,实际完成值,偏差原因\n"
    "甲项目,满意率,９２．５％,\n"
    "甲项目,接入系统数量,45个,两个系统推迟上云\n";

/* The 复核 sheet: a 复核完成值 scored under the policy, and a 扣分 with its 备注. */
static const char review_csv[] =
    "项目,三级指标,复核完成值,扣分,备注\n"
    "甲项目,接入系统数量,40个,,见验收单\n"
    "甲项目,巡检次数,,2,缺记录\n";

/* Every format a jx_writer and a jx_review_writer write (the template is no report). */
static const jx_format formats[] = {
    JX_FORMAT_TEXT, JX_FORMAT_JSON, JX_FORMAT_CSV, JX_FORMAT_HTML, JX_FORMAT_MD, JX_FORMAT_XLSX,
};
#define NFORMATS (sizeof formats / sizeof formats[0])

/** The outputs of one run, one per format (an import's DSL in the first). */
typedef struct outputs {
    jx_test_text text[NFORMATS];
} outputs;

static void outputs_free(outputs *o)
{
    for (size_t i = 0; i < NFORMATS; i++)
        free(o->text[i].s);
}

/*
 * The result of a step of a run: JX_ERR_NOMEM stops the run and is its result; any
 * result but the expected one stops it too and is returned as it is, for the test to
 * report.
 */
#define STEP(rc, call, want)                                                                                 \
    do {                                                                                                     \
        jx_result step_ = (call);                                                                            \
        if (step_ != (want)) {                                                                               \
            (rc) = step_;                                                                                    \
            goto done;                                                                                       \
        }                                                                                                    \
    } while (0)

/* A path for the actuals CSV, written once into a private folder. */
static const char *actuals_path(void)
{
    static char path[512];
    if (!path[0]) {
        snprintf(path, sizeof path, "%s/actuals.csv", jx_test_private_tmpdir("oom-api"));
        FILE *fp = fopen(path, "wb");
        assert_non_null(fp);
        assert_int_equal(fwrite(actuals_csv, 1, strlen(actuals_csv), fp), strlen(actuals_csv));
        assert_int_equal(fclose(fp), 0);
    }
    return path;
}

/*
 * `jixiao score --actuals actuals.csv` into every format at once, everything on
 * allocator a: the policy, the actuals, a pass making the projects known, a pass
 * applying, scoring and writing. Returns JX_OK, or the first result that is not the
 * one a run with memory to spare gives.
 */
static jx_result score_run(const jx_allocator *a, outputs *out)
{
    jx_result rc = JX_OK;
    jx_policy *pol = NULL;
    jx_actuals *act = NULL;
    jx_reader *rd = NULL;
    jx_writer *wr[NFORMATS] = {0};
    jx_project *p;
    STEP(rc, jx_policy_open(&pol, "default", a), JX_OK);
    STEP(rc, jx_actuals_open(&act, actuals_path(), a), JX_OK);
    STEP(rc, jx_reader_open_memory(&rd, "甲.jx", dsl, strlen(dsl), a), JX_OK);
    STEP(rc, jx_reader_next(rd, &p), JX_ROW);
    STEP(rc, jx_actuals_know(act, p), JX_OK);
    STEP(rc, jx_reader_next(rd, &p), JX_DONE);
    jx_reader_close(rd);
    rd = NULL;
    for (size_t i = 0; i < NFORMATS; i++)
        STEP(rc, jx_writer_create(&wr[i], formats[i], JX_WRITE_EXPLAIN, jx_test_text_write, &out->text[i], a),
             JX_OK);
    STEP(rc, jx_reader_open_memory(&rd, "甲.jx", dsl, strlen(dsl), a), JX_OK);
    STEP(rc, jx_reader_next(rd, &p), JX_ROW);
    STEP(rc, jx_project_error_count(p) == 0 ? JX_OK : JX_ERR_INPUT, JX_OK);
    STEP(rc, jx_actuals_apply(act, p), JX_OK);
    STEP(rc, jx_score(p, pol), JX_OK);
    for (size_t i = 0; i < NFORMATS; i++)
        STEP(rc, jx_writer_project(wr[i], p), JX_OK);
    STEP(rc, jx_reader_next(rd, &p), JX_DONE);
    STEP(rc, jx_actuals_finish(act), JX_OK);
    for (size_t i = 0; i < NFORMATS; i++)
        STEP(rc, jx_writer_finish(wr[i]), JX_OK);
done:
    for (size_t i = 0; i < NFORMATS; i++)
        jx_writer_destroy(wr[i]);
    jx_reader_close(rd);
    jx_actuals_close(act);
    jx_policy_close(pol);
    return rc;
}

/* `jixiao audit --review` in every sheet format at once, everything on allocator a. */
static jx_result review_run(const jx_allocator *a, outputs *out)
{
    jx_result rc = JX_OK;
    jx_policy *pol = NULL;
    jx_review *rv = NULL;
    jx_reader *rd = NULL;
    jx_review_writer *rw[NFORMATS] = {0};
    jx_project *p;
    STEP(rc, jx_policy_open(&pol, "default", a), JX_OK);
    STEP(rc, jx_review_open_memory(&rv, "复核.csv", review_csv, strlen(review_csv), pol, a), JX_OK);
    for (size_t i = 0; i < NFORMATS; i++)
        STEP(rc, jx_review_writer_create(&rw[i], formats[i], jx_test_text_write, &out->text[i], a), JX_OK);
    STEP(rc, jx_reader_open_memory(&rd, "甲.jx", dsl, strlen(dsl), a), JX_OK);
    STEP(rc, jx_reader_next(rd, &p), JX_ROW);
    STEP(rc, jx_project_error_count(p) == 0 ? JX_OK : JX_ERR_INPUT, JX_OK);
    STEP(rc, jx_review_know(rv, p), JX_OK);
    STEP(rc, jx_score(p, pol), JX_OK);
    STEP(rc, jx_review_apply(rv, p), JX_OK);
    for (size_t i = 0; i < NFORMATS; i++)
        STEP(rc, jx_review_writer_sheet(rw[i], jx_review_sheet_get(rv)), JX_OK);
    STEP(rc, jx_reader_next(rd, &p), JX_DONE);
    STEP(rc, jx_review_finish(rv), JX_OK);
    for (size_t i = 0; i < NFORMATS; i++)
        STEP(rc, jx_review_writer_finish(rw[i]), JX_OK);
done:
    for (size_t i = 0; i < NFORMATS; i++)
        jx_review_writer_destroy(rw[i]);
    jx_reader_close(rd);
    jx_review_close(rv);
    jx_policy_close(pol);
    return rc;
}

/* A CSV of indicators to import: one project, a 定性 row, a full-width value. */
static const char import_csv[] =
    "项目名称,一级指标,二级指标,三级指标,指标值,权重,实际完成值\n"
    "甲项目,产出指标,数量指标,接入系统数量,≥60个,30,45个\n"
    "甲项目,产出指标,数量指标,巡检次数,＝１２次,30,12次\n"
    "甲项目,效益指标,社会效益,工作效率,提升,30,有所提升\n"
    "甲项目,满意度指标,服务对象满意度,满意率,≥90%,10,９２．５％\n";

/* `jixiao import` of import_csv, the DSL written as the text output. */
static jx_result import_run(const jx_allocator *a, outputs *out)
{
    jx_result rc = JX_OK;
    jx_import *imp = NULL;
    STEP(rc, jx_import_open_memory(&imp, "指标.csv", import_csv, strlen(import_csv), NULL, a), JX_OK);
    STEP(rc, jx_import_run(imp, jx_test_text_write, &out->text[0]), JX_OK);
done:
    jx_import_close(imp);
    return rc;
}

typedef jx_result (*run_fn)(const jx_allocator *a, outputs *out);

/*
 * Runs fn with allocation k failing, for k = 1, 2, … until a run allocates fewer than
 * k times: allocation k alone when `from` is false (the run may go on after it), every
 * allocation from k on when it is true (the cleanup runs out too). Each run must say
 * JX_ERR_NOMEM when its allocation k failed (the counter reached k), and otherwise say
 * JX_OK with every output the same as the first run's; it must give back every byte.
 * Returns how many allocations a whole run makes.
 */
static size_t fail_each_allocation(run_fn fn, const char *what, bool from)
{
    outputs want = {0};
    jx_test_counting c0 = {0};
    jx_allocator a0 = jx_test_counting_allocator(&c0);
    jx_result rc = fn(&a0, &want);
    if (rc != JX_OK)
        fail_msg("%s: the run with memory to spare returned %d", what, (int)rc);
    assert_int_equal(c0.in_use, 0);
    assert_true(want.text[0].len > 0);
    size_t k;
    for (k = 1;; k++) {
        jx_test_counting c = {0};
        if (from)
            c.fail_from = k;
        else
            c.fail_at = k;
        jx_allocator a = jx_test_counting_allocator(&c);
        outputs got = {0};
        rc = fn(&a, &got);
        if (c.in_use != 0)
            fail_msg("%s: allocation %zu failed and %zu bytes were not given back", what, k, c.in_use);
        bool failed = c.calls >= k;
        if (failed && rc != JX_ERR_NOMEM)
            fail_msg("%s: allocation %zu of %zu failed and the run returned %d", what, k, c0.calls, (int)rc);
        if (!failed && rc != JX_OK)
            fail_msg("%s: no allocation failed and the run returned %d", what, (int)rc);
        if (!failed)
            for (size_t i = 0; i < NFORMATS; i++)
                if (got.text[i].len != want.text[i].len ||
                    (want.text[i].len && memcmp(got.text[i].s, want.text[i].s, want.text[i].len) != 0))
                    fail_msg("%s: format %d wrote something else", what, (int)formats[i]);
        outputs_free(&got);
        if (!failed)
            break;
    }
    outputs_free(&want);
    assert_int_equal(k, c0.calls + 1);
    return c0.calls;
}

static void test_score_run(void **state)
{
    (void)state;
    size_t n = fail_each_allocation(score_run, "score", false);
    assert_true(n > 50);
    assert_int_equal(fail_each_allocation(score_run, "score", true), n);
}

static void test_review_run(void **state)
{
    (void)state;
    size_t n = fail_each_allocation(review_run, "review", false);
    assert_true(n > 50);
    assert_int_equal(fail_each_allocation(review_run, "review", true), n);
}

static void test_import_run(void **state)
{
    (void)state;
    size_t n = fail_each_allocation(import_run, "import", false);
    assert_true(n > 20);
    assert_int_equal(fail_each_allocation(import_run, "import", true), n);
}

/*
 * Every writer with a scratch arena of tiny chunks, so that each string, cell and
 * table it lays out is an allocation of its own, failing in turn: the writer must say
 * JX_ERR_NOMEM (from the project or the finish) whenever its allocation k failed, and
 * otherwise write what it writes with memory to spare. The runs above reach only a
 * writer's first scratch chunk; this reaches every stand-in a reporter has for a
 * string it could not make.
 */
static jx_result write_tiny_scratch(jx_format fmt, const jx_project *p, const jx_allocator *a, jx_test_text *out)
{
    jx_writer *wr = NULL;
    jx_result rc = jx_writer_create(&wr, fmt, JX_WRITE_EXPLAIN, jx_test_text_write, out, a);
    if (rc != JX_OK)
        return rc;
    wr->scratch.chunk_size = 16; /* report.h: the arena is the writer's own */
    rc = jx_writer_project(wr, p);
    jx_result fin = jx_writer_finish(wr);
    jx_writer_destroy(wr);
    return rc != JX_OK ? rc : fin;
}

static void test_every_scratch_string(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    jx_reader *rd = NULL;
    jx_actuals *act = NULL;
    jx_project *p;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_int_equal(jx_actuals_open(&act, actuals_path(), NULL), JX_OK);
    assert_int_equal(jx_reader_open_memory(&rd, "甲.jx", dsl, strlen(dsl), NULL), JX_OK);
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_int_equal(jx_actuals_apply(act, p), JX_OK);
    assert_int_equal(jx_score(p, pol), JX_OK);
    for (size_t i = 0; i < NFORMATS; i++) {
        jx_test_text want = {NULL, 0};
        jx_test_counting c0 = {0};
        jx_allocator a0 = jx_test_counting_allocator(&c0);
        assert_int_equal(write_tiny_scratch(formats[i], p, &a0, &want), JX_OK);
        assert_int_equal(c0.in_use, 0);
        assert_true(c0.calls >= 5); /* the strings were allocations of their own (JSON's writer makes
                                       no string: five, with the order's arrays) */
        size_t k;
        for (k = 1;; k++) {
            jx_test_counting c = {.fail_at = k};
            jx_allocator a = jx_test_counting_allocator(&c);
            jx_test_text got = {NULL, 0};
            jx_result rc = write_tiny_scratch(formats[i], p, &a, &got);
            assert_int_equal(c.in_use, 0);
            bool failed = c.calls >= k;
            if (failed && rc != JX_ERR_NOMEM)
                fail_msg("format %d: allocation %zu of %zu failed and the writer returned %d", (int)formats[i], k,
                         c0.calls, (int)rc);
            if (!failed) {
                assert_int_equal(rc, JX_OK);
                assert_int_equal(got.len, want.len);
                assert_memory_equal(got.s, want.s, want.len);
            }
            free(got.s);
            if (!failed)
                break;
        }
        assert_int_equal(k, c0.calls + 1);
        free(want.s);
    }
    jx_reader_close(rd);
    jx_actuals_close(act);
    jx_policy_close(pol);
}

/*
 * Scoring with the project arena in tiny chunks, so that each string scoring makes (a
 * finding's text and source line, a check's table) is an allocation of its own, failing
 * in turn: jx_score must say JX_ERR_NOMEM whenever its allocation k failed, and
 * otherwise score as with memory to spare — the same form and findings, none left out.
 */
static jx_result score_tiny_arena(const jx_policy *pol, size_t k, jx_test_text *out, size_t *calls)
{
    jx_test_counting c = {0};
    jx_allocator a = jx_test_counting_allocator(&c);
    jx_reader *rd = NULL;
    jx_project *p;
    assert_int_equal(jx_reader_open_memory(&rd, "甲.jx", dsl, strlen(dsl), &a), JX_OK);
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    /* fill the chunk the parse left, so that scoring starts on chunks of its own */
    p->arena.chunk_size = 16;
    for (size_t before = c.calls; c.calls == before;)
        assert_non_null(jx_arena_alloc(&p->arena, 16));
    size_t base = c.calls;
    c.fail_at = k ? base + k : 0;
    jx_result rc = jx_score(p, pol);
    *calls = c.calls - base;
    bool failed = k && c.calls >= c.fail_at;
    c.fail_at = 0;
    if (failed && rc != JX_ERR_NOMEM)
        fail_msg("allocation %zu of scoring failed and jx_score returned %d", k, (int)rc);
    if (!failed) {
        assert_int_equal(rc, JX_OK);
        jx_writer *wr = NULL;
        assert_int_equal(jx_writer_create(&wr, JX_FORMAT_TEXT, JX_WRITE_EXPLAIN, jx_test_text_write, out, NULL),
                         JX_OK);
        assert_int_equal(jx_writer_project(wr, p), JX_OK);
        assert_int_equal(jx_writer_finish(wr), JX_OK);
        jx_writer_destroy(wr);
    }
    jx_reader_close(rd);
    assert_int_equal(c.in_use, 0);
    return failed ? JX_ERR_NOMEM : rc;
}

static void test_every_scoring_string(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_test_text want = {NULL, 0};
    size_t n;
    assert_int_equal(score_tiny_arena(pol, 0, &want, &n), JX_OK);
    assert_true(n > 5); /* the findings' strings were allocations of their own */
    size_t k;
    for (k = 1;; k++) {
        jx_test_text got = {NULL, 0};
        size_t calls;
        jx_result rc = score_tiny_arena(pol, k, &got, &calls);
        if (rc == JX_OK) {
            assert_int_equal(got.len, want.len);
            assert_memory_equal(got.s, want.s, want.len);
        }
        free(got.s);
        if (rc == JX_OK)
            break;
    }
    assert_int_equal(k, n + 1);
    free(want.s);
    jx_policy_close(pol);
}

/*
 * The value reader in PCRE2's interpreter, each allocation of a read failing in turn
 * (the reader made with memory to spare): each text must read as it does with memory,
 * or say JX_VALUE_NOMEM — never unreadable for want of memory. A fresh reader each
 * time, since the interpreter keeps its frames in the match data.
 *   "＝１２次"  NFKC "=12次", a row of value_forms[]: = 12 次
 *   "约5次"     no row fits, no date; the row "approximate" of value_refusals[] says
 *              why: “约5次”是约数，计分需要确切的数
 */
static void test_interpreter_out_of_memory(void **state)
{
    (void)state;
    const struct { const char *text; jx_value_status st; int64_t num; const char *detail; } cases[] = {
        {"＝１２次", JX_VALUE_OK, 12, ""},
        {"约5次", JX_VALUE_UNREADABLE, 0, "“约5次”是约数，计分需要确切的数"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t k, matches = 0;
        for (k = 1;; k++) {
            jx_test_counting c = {0};
            jx_allocator a = jx_test_counting_allocator(&c);
            jx_value_reader *vr = jx_value_reader_create_interpreted(&a);
            assert_non_null(vr);
            assert_int_equal(jx_value_reader_uses_jit(vr), 0);
            jx_arena ar;
            jx_arena_init(&ar, &a);
            c.fail_at = c.calls + k;
            jx_value v;
            memset(&v, 0, sizeof v);
            const char *detail;
            jx_value_status st = jx_value_read(vr, &ar, cases[i].text, strlen(cases[i].text), &v, &detail);
            bool failed = c.calls >= c.fail_at;
            if (failed && st != JX_VALUE_NOMEM)
                fail_msg("“%s” with allocation %zu failing: status %d (%s)", cases[i].text, k, (int)st, detail);
            if (!failed) {
                assert_int_equal(st, cases[i].st);
                assert_string_equal(detail, cases[i].detail);
                if (st == JX_VALUE_OK) {
                    assert_int_equal(v.sign, JX_SIGN_EQ);
                    assert_int_equal(v.num.v, cases[i].num);
                    assert_int_equal(v.num.scale, 0);
                    assert_string_equal(v.unit.s, "次");
                }
                matches = jx_value_reader_match_count(vr);
            }
            jx_arena_free(&ar);
            jx_value_reader_destroy(vr);
            assert_int_equal(c.in_use, 0);
            if (!failed)
                break;
        }
        assert_true(matches > 0); /* the text went through PCRE2 */
        /* and the matches allocated: the read took more allocations (k - 1) than the
         * same read by a JIT-compiled reader, whose matches allocate nothing */
        jx_test_counting c = {0};
        jx_allocator a = jx_test_counting_allocator(&c);
        jx_value_reader *vr = jx_value_reader_create(&a);
        assert_non_null(vr);
        jx_arena ar;
        jx_arena_init(&ar, &a);
        size_t before = c.calls;
        jx_value v;
        const char *detail;
        assert_int_equal(jx_value_read(vr, &ar, cases[i].text, strlen(cases[i].text), &v, &detail), cases[i].st);
        if (jx_value_reader_uses_jit(vr))
            assert_true(k - 1 > c.calls - before);
        jx_arena_free(&ar);
        jx_value_reader_destroy(vr);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_score_run),
        cmocka_unit_test(test_review_run),
        cmocka_unit_test(test_import_run),
        cmocka_unit_test(test_every_scratch_string),
        cmocka_unit_test(test_every_scoring_string),
        cmocka_unit_test(test_interpreter_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
