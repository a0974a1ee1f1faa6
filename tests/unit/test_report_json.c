/* SPDX-License-Identifier: MIT */
/* test_report_json.c — the JSON reporter, read back with cJSON and every number checked. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"
#include "report.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

/* The number a JSON member holds, or -1 when it is not a number. */
static double num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int is_null(const cJSON *o, const char *k)
{
    return cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, k));
}

static void yuecheng_numbers(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_JSON, 0, ps, 1);
    cJSON *doc = cJSON_Parse(s.buf);
    assert_non_null(doc);
    assert_string_equal(str(doc, "jixiao"), JX_VERSION);
    assert_string_equal(str(doc, "policy"), "财政部2020");
    const cJSON *projects = cJSON_GetObjectItemCaseSensitive(doc, "projects");
    assert_int_equal(cJSON_GetArraySize(projects), 1);
    const cJSON *pj = cJSON_GetArrayItem(projects, 0);
    assert_string_equal(str(pj, "name"), "越城区电子政务云资源服务项目");
    assert_string_equal(str(pj, "file"), "yuecheng-2024.jx");
    assert_int_equal((int)num(pj, "line"), 2);
    assert_int_equal((int)num(pj, "year"), 2024);
    assert_string_equal(str(pj, "money_unit"), "万元");
    /* 30 + 20 + 10 + 15 + 15 + 10 = 100.00 → 优 */
    assert_true(num(pj, "total") == 100.0);
    assert_string_equal(str(pj, "grade"), "优");
    assert_true(num(pj, "claimed_total") == 100.0);
    assert_string_equal(str(pj, "claimed_grade"), "优");
    /* the literals are exact two-decimal numbers */
    assert_non_null(strstr(s.buf, "\"total\":100.00,"));
    assert_non_null(strstr(s.buf, "\"score\":30.00,"));

    /* funds: 358.35 / 358.35 = 100.00%; a zero budget has no rate */
    const cJSON *funds = cJSON_GetObjectItemCaseSensitive(pj, "funds");
    assert_int_equal(cJSON_GetArraySize(funds), 2);
    assert_true(is_null(cJSON_GetArrayItem(funds, 0), "rate"));
    const cJSON *f1 = cJSON_GetArrayItem(funds, 1);
    assert_string_equal(str(f1, "source"), "一般公共预算资金");
    assert_true(num(f1, "initial") == 366.0);
    assert_true(num(f1, "budget") == 358.35);
    assert_true(num(f1, "spent") == 358.35);
    assert_true(num(f1, "rate") == 100.0);
    assert_non_null(strstr(s.buf, "\"budget\":358.35,"));

    /* groups: 产出 60 scores 30 + 20 + 10 = 60; 质量 0 scores 0 */
    const cJSON *groups = cJSON_GetObjectItemCaseSensitive(pj, "groups");
    assert_int_equal(cJSON_GetArraySize(groups), 12);
    const cJSON *g0 = cJSON_GetArrayItem(groups, 0);
    assert_int_equal((int)num(g0, "level"), 1);
    assert_true(num(g0, "points") == 60.0);
    assert_true(num(g0, "score") == 60.0);
    const cJSON *g2 = cJSON_GetArrayItem(groups, 2);
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(g2, "path");
    assert_string_equal(cJSON_GetArrayItem(path, 0)->valuestring, "产出指标");
    assert_string_equal(cJSON_GetArrayItem(path, 1)->valuestring, "质量指标");
    assert_true(num(g2, "score") == 0.0);

    /* indicators, each scored by hand in report_fixture.h */
    static const struct {
        const char *name, *l1, *l2, *target, *actual, *method;
        double weight, score;
    } want[] = {
        {"接入系统数量", "产出指标", "数量指标", "≥60个", "≥60个", "ge-met", 30, 30.00},
        {"运行保障期限", "产出指标", "数量指标", "=1年", "=1年", "eq-met", 20, 20.00},
        {"执行率", "产出指标", "时效指标", "≥95%", "100%", "ge-met", 10, 10.00},
        {"工作效率", "效益指标", "经济效益", "提升", "提升", "qualitative-met", 15, 15.00},
        {"政务云稳定性", "效益指标", "可持续影响", "≥99%", "≥99%", "ge-met", 15, 15.00},
        {"服务对象满意率", "满意度指标", "服务对象满意度", "≥90%", "≥90%", "ge-met", 10, 10.00},
    };
    const cJSON *inds = cJSON_GetObjectItemCaseSensitive(pj, "indicators");
    assert_int_equal(cJSON_GetArraySize(inds), 6);
    for (int k = 0; k < 6; k++) {
        const cJSON *ind = cJSON_GetArrayItem(inds, k);
        const cJSON *ip = cJSON_GetObjectItemCaseSensitive(ind, "path");
        assert_string_equal(cJSON_GetArrayItem(ip, 0)->valuestring, want[k].l1);
        assert_string_equal(cJSON_GetArrayItem(ip, 1)->valuestring, want[k].l2);
        assert_string_equal(cJSON_GetArrayItem(ip, 2)->valuestring, want[k].name);
        assert_string_equal(str(ind, "target"), want[k].target);
        assert_string_equal(str(ind, "actual"), want[k].actual);
        assert_string_equal(str(ind, "method"), want[k].method);
        assert_true(num(ind, "weight") == want[k].weight);
        assert_true(num(ind, "score") == want[k].score);
        assert_true(is_null(ind, "claimed"));
        assert_non_null(str(ind, "formula"));
    }
    assert_string_equal(str(cJSON_GetArrayItem(inds, 0), "source"), "yuecheng-2024.jx:14:13");
    assert_string_equal(str(cJSON_GetArrayItem(inds, 0), "unit"), "个");
    assert_string_equal(str(cJSON_GetArrayItem(inds, 0), "formula"), "30.00 = 30（60个 ≥ 60个，达成）");

    const cJSON *warn = cJSON_GetObjectItemCaseSensitive(pj, "warnings");
    assert_int_equal(cJSON_GetArraySize(warn), 1);
    const cJSON *w0 = cJSON_GetArrayItem(warn, 0);
    assert_string_equal(str(w0, "code"), "vague-actual");
    assert_string_equal(str(w0, "severity"), "warning");
    assert_string_equal(str(w0, "source"), "yuecheng-2024.jx:14:49");
    assert_non_null(strstr(str(w0, "message"), "≥60个"));
    assert_null(cJSON_GetObjectItemCaseSensitive(pj, "execution"));

    cJSON_Delete(doc);
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void escaping_and_ratio_scores(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_JSON, 0, ps, 1);
    cJSON *doc = cJSON_Parse(s.buf);
    assert_non_null(doc);
    const cJSON *pj = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "projects"), 0);
    /* quotes, a backslash and a newline survive the round trip */
    assert_string_equal(str(pj, "name"), "测试\"项目\",\\一\n二");
    assert_non_null(strstr(s.buf, "\"name\":\"测试\\\"项目\\\",\\\\一\\n二\""));
    /* 30 × 45 / 60 = 22.50; 20 × 3 / 4 = 15.00; 22.50 + 15.00 = 37.50 → 差 */
    const cJSON *inds = cJSON_GetObjectItemCaseSensitive(pj, "indicators");
    assert_true(num(cJSON_GetArrayItem(inds, 0), "score") == 22.5);
    assert_true(num(cJSON_GetArrayItem(inds, 1), "score") == 15.0);
    assert_true(num(pj, "total") == 37.5);
    assert_non_null(strstr(s.buf, "\"score\":22.50,"));
    assert_non_null(strstr(s.buf, "\"total\":37.50,"));
    assert_string_equal(str(pj, "grade"), "差");
    assert_true(is_null(pj, "claimed_total"));
    assert_true(is_null(pj, "claimed_grade"));
    assert_true(is_null(pj, "year"));
    cJSON_Delete(doc);
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void control_characters_and_bad_utf8(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    p.name = fx_str(&p, "a\x01\tb\xff\xc3(c");
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_JSON, 0, ps, 1);
    assert_non_null(strstr(s.buf, "\"name\":\"a\\u0001\\tb\\ufffd\\ufffd(c\""));
    cJSON *doc = cJSON_Parse(s.buf);
    assert_non_null(doc);
    cJSON_Delete(doc);
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void unscored_project_has_nulls(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    p.scored = false;
    p.total = -1;
    p.policy_name = "";
    for (size_t i = 0; i < p.ninds; i++)
        p.inds[i].score = -1;
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_JSON, 0, ps, 1);
    cJSON *doc = cJSON_Parse(s.buf);
    assert_non_null(doc);
    assert_true(is_null(doc, "policy"));
    const cJSON *pj = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "projects"), 0);
    assert_true(is_null(pj, "total"));
    assert_true(is_null(pj, "grade"));
    const cJSON *ind = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(pj, "indicators"), 0);
    assert_true(is_null(ind, "score"));
    assert_true(is_null(ind, "method"));
    cJSON_Delete(doc);
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void execution_row_when_separate(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    /* 单列 10 分: 10 × 74.93 / 77.5 = 9.668… → 9.67 */
    p.exec_separate = true;
    p.exec_points = fx_dec("10");
    p.exec_score = 967;
    p.exec_formula = "9.67 = 10 × 74.93 / 77.5";
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_JSON, 0, ps, 1);
    cJSON *doc = cJSON_Parse(s.buf);
    assert_non_null(doc);
    const cJSON *pj = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "projects"), 0);
    const cJSON *ex = cJSON_GetObjectItemCaseSensitive(pj, "execution");
    assert_non_null(ex);
    assert_true(num(ex, "points") == 10.0);
    assert_true(num(ex, "score") == 9.67);
    assert_string_equal(str(ex, "formula"), "9.67 = 10 × 74.93 / 77.5");
    cJSON_Delete(doc);
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void empty_run_is_valid_json(void **state)
{
    (void)state;
    fx_sink s = fx_render(JX_FORMAT_JSON, 0, NULL, 0);
    assert_string_equal(s.buf, "{\"jixiao\":\"0.1.0\",\"policy\":null,\"projects\":[]}\n");
    fx_sink_free(&s);
}

static void many_projects_flush_in_chunks(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    enum { N = 500 };
    jx_project *ps[N];
    for (int i = 0; i < N; i++)
        ps[i] = &p;
    fx_sink s = fx_render(JX_FORMAT_JSON, 0, ps, N);
    /* several KB per project: the 64 KiB buffer must have been flushed more than once */
    assert_true(s.len > 2 * JX_WRITER_BUFSZ);
    assert_true(s.calls >= s.len / JX_WRITER_BUFSZ);
    cJSON *doc = cJSON_Parse(s.buf);
    assert_non_null(doc);
    const cJSON *projects = cJSON_GetObjectItemCaseSensitive(doc, "projects");
    assert_int_equal(cJSON_GetArraySize(projects), N);
    assert_true(num(cJSON_GetArrayItem(projects, N - 1), "total") == 100.0);
    cJSON_Delete(doc);
    fx_sink_free(&s);
    jx_project_free(&p);
}

static size_t failing_write(void *ud, const char *data, size_t len)
{
    (void)ud;
    (void)data;
    return len > 0 ? len - 1 : 0;
}

static void write_failure_is_io_error(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_JSON, 0, failing_write, NULL, NULL), JX_OK);
    assert_int_equal(jx_writer_project(wr, &p), JX_OK); /* still buffered */
    assert_int_equal(jx_writer_finish(wr), JX_ERR_IO);
    jx_writer_destroy(wr);
    jx_project_free(&p);
}

/* A file of the golden cases, found through JX_TESTS_DIR (set by ctest) or from tests/. */
static void golden_path(char *buf, size_t size, const char *rel)
{
    const char *dir = getenv("JX_TESTS_DIR");
    snprintf(buf, size, "%s/golden/%s", dir ? dir : ".", rel);
}

/* The numbers the score-json golden file pins, parsed, scored and asserted on their own. */
static void golden_yuecheng_numbers(void **state)
{
    (void)state;
    char path[4096];
    golden_path(path, sizeof path, "score-json/yuecheng-2024.jx");
    jx_policy *pol = NULL;
    jx_reader *rd = NULL;
    jx_writer *wr = NULL;
    fx_sink s = {NULL, 0, 0, 0};
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_int_equal(jx_reader_open(&rd, path, NULL), JX_OK);
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_JSON, 0, fx_sink_write, &s, NULL), JX_OK);
    jx_project *p = NULL;
    while (jx_reader_next(rd, &p) == JX_ROW) {
        assert_int_equal(jx_score(p, pol), JX_OK);
        assert_int_equal(jx_writer_project(wr, p), JX_OK);
    }
    assert_int_equal(jx_writer_finish(wr), JX_OK);
    jx_writer_destroy(wr);
    jx_reader_close(rd);
    jx_policy_close(pol);

    cJSON *doc = cJSON_Parse(s.buf);
    assert_non_null(doc);
    assert_string_equal(str(doc, "policy"), "财政部2020");
    const cJSON *projects = cJSON_GetObjectItemCaseSensitive(doc, "projects");
    assert_int_equal(cJSON_GetArraySize(projects), 2);
    /* Every actual meets (or restates) its target, so every indicator scores its weight:
     * first form 30 + 20 + 10 + 15 + 15 + 10 = 100.00; second 20 + 10 + 20 + 10 + 15 + 15
     * + 10 = 100.00; both 优 (≥ 90). Ten actuals restate a target with its sign
     * (4 in the first form, 6 in the second): ten vague-actual warnings. */
    static const double weights[2][7] = {{30, 20, 10, 15, 15, 10, -1}, {20, 10, 20, 10, 15, 15, 10}};
    static const int nind[2] = {6, 7}, nvague[2] = {4, 6};
    for (int k = 0; k < 2; k++) {
        const cJSON *pj = cJSON_GetArrayItem(projects, k);
        assert_true(num(pj, "total") == 100.0);
        assert_string_equal(str(pj, "grade"), "优");
        assert_true(num(pj, "claimed_total") == 100.0);
        const cJSON *inds = cJSON_GetObjectItemCaseSensitive(pj, "indicators");
        assert_int_equal(cJSON_GetArraySize(inds), nind[k]);
        for (int i = 0; i < nind[k]; i++) {
            const cJSON *ind = cJSON_GetArrayItem(inds, i);
            assert_true(num(ind, "weight") == weights[k][i]);
            assert_true(num(ind, "score") == weights[k][i]);
        }
        const cJSON *warn = cJSON_GetObjectItemCaseSensitive(pj, "warnings");
        int vague = 0;
        for (int i = 0; i < cJSON_GetArraySize(warn); i++)
            vague += strcmp(str(cJSON_GetArrayItem(warn, i), "code"), "vague-actual") == 0;
        assert_int_equal(vague, nvague[k]);
    }
    /* 74.93 / 77.5 = 0.96683… → 96.68% */
    const cJSON *funds = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(projects, 1), "funds");
    assert_true(num(cJSON_GetArrayItem(funds, 1), "rate") == 96.68);
    assert_non_null(strstr(s.buf, "\"rate\":96.68}"));
    cJSON_Delete(doc);
    fx_sink_free(&s);
}

static void format_names(void **state)
{
    (void)state;
    jx_format f = JX_FORMAT_TEXT;
    assert_int_equal(jx_format_parse("json", &f), JX_OK);
    assert_int_equal(f, JX_FORMAT_JSON);
    assert_int_equal(jx_format_parse("csv", &f), JX_OK);
    assert_int_equal(f, JX_FORMAT_CSV);
    assert_int_equal(jx_format_parse("text", &f), JX_OK);
    assert_int_equal(f, JX_FORMAT_TEXT);
    assert_int_equal(jx_format_parse("xml", &f), JX_ERR_USAGE);
    assert_int_equal(jx_format_parse(NULL, &f), JX_ERR_USAGE);
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, (jx_format)99, 0, fx_sink_write, NULL, NULL), JX_ERR_USAGE);
    assert_null(wr);
    jx_writer_destroy(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(yuecheng_numbers),
        cmocka_unit_test(escaping_and_ratio_scores),
        cmocka_unit_test(control_characters_and_bad_utf8),
        cmocka_unit_test(unscored_project_has_nulls),
        cmocka_unit_test(execution_row_when_separate),
        cmocka_unit_test(empty_run_is_valid_json),
        cmocka_unit_test(many_projects_flush_in_chunks),
        cmocka_unit_test(write_failure_is_io_error),
        cmocka_unit_test(format_names),
        cmocka_unit_test(golden_yuecheng_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
