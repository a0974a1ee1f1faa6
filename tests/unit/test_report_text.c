/* SPDX-License-Identifier: MIT */
/* test_report_text.c — the 自评表 text: content, and columns aligned by display width. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"
#include "report.h"
#include "width.h"

#include <stdio.h>

/* The line of text that contains needle (copied into out), or 0 when none does. */
static int line_with(const char *text, const char *needle, char *out, size_t size)
{
    const char *hit = strstr(text, needle);
    if (!hit)
        return 0;
    const char *start = hit;
    while (start > text && start[-1] != '\n')
        start--;
    const char *end = strchr(hit, '\n');
    size_t n = end ? (size_t)(end - start) : strlen(start);
    if (n >= size)
        n = size - 1;
    memcpy(out, start, n);
    out[n] = '\0';
    return 1;
}

/* The display column (cells from the line's start) where the first `needle` starts. */
static long cell_col(const char *line, const char *needle)
{
    const char *hit = strstr(line, needle);
    if (!hit)
        return -1;
    return (long)jx_display_width(line, (size_t)(hit - line));
}

/* The display column of the last `needle` on the line. */
static long cell_col_last(const char *line, const char *needle)
{
    const char *hit = NULL;
    for (const char *s = strstr(line, needle); s; s = strstr(s + 1, needle))
        hit = s;
    if (!hit)
        return -1;
    return (long)jx_display_width(line, (size_t)(hit - line));
}

static void form_contents(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_TEXT, 0, ps, 1);
    const char *t = s.buf;
    assert_true(strncmp(t, "项目支出绩效自评表\n（2024年度）\n", strlen("项目支出绩效自评表\n（2024年度）\n")) == 0);
    assert_non_null(strstr(t, "\n项目名称  越城区电子政务云资源服务项目\n"));
    assert_non_null(strstr(t, "\n主管部门  301-大数据管理\n"));
    assert_non_null(strstr(t, "\n预算单位  301001-绍兴市越城区大数据发展管理中心（本级）\n"));
    assert_non_null(strstr(t, "\n项目资金（万元）\n"));
    char line[1024];
    /* 358.35 / 358.35 = 100.00%; a zero budget prints — */
    assert_true(line_with(t, "一般公共预算资金", line, sizeof line));
    assert_non_null(strstr(line, "366"));
    assert_non_null(strstr(line, "358.35"));
    assert_non_null(strstr(line, "100.00%"));
    assert_true(line_with(t, "年度资金总额", line, sizeof line));
    assert_non_null(strstr(line, "—"));
    assert_non_null(strstr(t, "年度总体目标\n  预期目标"));
    assert_non_null(strstr(t, "  实际完成情况"));
    assert_null(strstr(t, "目标偏离原因分析")); /* not given */
    /* group cells on the first row of their group */
    assert_true(line_with(t, "接入系统数量", line, sizeof line));
    assert_non_null(strstr(line, "产出指标 (60.00分)"));
    assert_non_null(strstr(line, "数量指标 (50.00分)"));
    assert_true(line_with(t, "运行保障期限", line, sizeof line));
    assert_null(strstr(line, "产出指标"));
    assert_null(strstr(line, "数量指标"));
    /* an empty group is one row scoring 0.00 */
    assert_true(line_with(t, "质量指标 (0.00分)", line, sizeof line));
    assert_non_null(strstr(line, "0.00"));
    assert_null(strstr(line, "产出指标"));
    /* 总分: weights 30 + 20 + 10 + 15 + 15 + 10 = 100, total 100.00 */
    char head[1024];
    assert_true(line_with(t, "一级指标", head, sizeof head));
    assert_true(line_with(t, "总分", line, sizeof line));
    assert_int_equal(cell_col(line, "100"), cell_col(head, "权重"));
    assert_int_equal(cell_col(line, "100.00"), cell_col(head, "得分"));
    assert_non_null(strstr(t, "\n自评结论  优\n  总分高于90分（含）的结论为“优”"));
    assert_non_null(strstr(t, "\n警告（1）\n  yuecheng-2024.jx:14:49 [vague-actual] 实际完成值“≥60个”带有计算符号，按 60 个计分\n"));
    assert_null(strstr(t, "计分过程"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void columns_line_up_by_display_width(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_TEXT, 0, ps, 1);
    char head[1024], line[1024];
    assert_true(line_with(s.buf, "一级指标", head, sizeof head));
    long c3 = cell_col(head, "三级指标");
    long ct = cell_col(head, "年度指标值");
    long cs = cell_col(head, "得分");
    assert_true(c3 > 0 && ct > c3 && cs > ct);
    /* the widest 一级 cell is "满意度指标 (10.00分)": 5 CJK × 2 + " (10.00" 7 + "分" 2 + ")" 1
     * = 20 cells; the widest 二级 is "服务对象满意度 (10.00分)": 7 × 2 + 10 = 24; columns
     * are two cells apart, so 三级 starts at 20 + 2 + 24 + 2 = 48 (not at its byte offset) */
    assert_int_equal(c3, 48);
    static const struct { const char *name, *target, *score; } rows[] = {
        {"接入系统数量", "≥60个", "30.00"}, {"运行保障期限", "=1年", "20.00"},
        {"执行率", "≥95%", "10.00"},       {"工作效率", "提升", "15.00"},
        {"政务云稳定性", "≥99%", "15.00"},  {"服务对象满意率", "≥90%", "10.00"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        char needle[64]; /* the name as a cell: "执行率" alone is also the funds header's */
        snprintf(needle, sizeof needle, "%s  ", rows[i].name);
        assert_true(line_with(s.buf, needle, line, sizeof line));
        assert_int_equal(cell_col(line, rows[i].name), c3);
        assert_int_equal(cell_col(line, rows[i].target), ct);
        assert_int_equal(cell_col_last(line, rows[i].score), cs);
        /* where CJK group cells precede the name, its byte offset is not its column */
        if (i == 0)
            assert_true((long)(strstr(line, rows[i].name) - line) > c3);
    }
    assert_true(line_with(s.buf, "总分", line, sizeof line));
    assert_int_equal(cell_col_last(line, "100.00"), cs);
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void explain_lists_formulas(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_TEXT, JX_WRITE_EXPLAIN, ps, 1);
    assert_non_null(strstr(s.buf, "\n计分过程\n  接入系统数量：22.50 = 30 × 45 / 60 [ge-ratio]\n"
                                  "  巡检次数：15.00 = 20 × 3 / 4 [eq-ratio]\n"));
    char line[1024];
    assert_true(line_with(s.buf, "接入系统数量  ", line, sizeof line));
    assert_non_null(strstr(line, "45个"));
    assert_non_null(strstr(line, "22.50  部分系统延期，下年接入"));
    char head[1024];
    assert_true(line_with(s.buf, "一级指标", head, sizeof head));
    assert_true(line_with(s.buf, "总分", line, sizeof line));
    /* weights 30 + 20 = 50; 22.50 + 15.00 = 37.50 */
    assert_int_equal(cell_col(line, "50"), cell_col(head, "权重"));
    assert_int_equal(cell_col(line, "37.50"), cell_col(head, "得分"));
    assert_non_null(strstr(s.buf, "\n自评结论  差\n"));
    assert_null(strstr(s.buf, "警告"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void unscored_prints_dashes(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    p.scored = false;
    for (size_t i = 0; i < p.ninds; i++)
        p.inds[i].score = -1;
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_TEXT, JX_WRITE_EXPLAIN, ps, 1);
    char line[1024];
    assert_true(line_with(s.buf, "巡检次数", line, sizeof line));
    assert_non_null(strstr(line, "—"));
    assert_null(strstr(line, "15.00"));
    assert_non_null(strstr(s.buf, "\n自评结论  —\n"));
    assert_null(strstr(s.buf, "计分过程"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void projects_are_separated_and_execution_comes_first(void **state)
{
    (void)state;
    jx_project a, b;
    jx_project_init(&a, NULL);
    jx_project_init(&b, NULL);
    fx_yuecheng(&a);
    fx_small(&b);
    /* 单列 10 分: 10 × 74.93 / 77.5 = 9.668… → 9.67 */
    b.exec_separate = true;
    b.exec_points = fx_dec("10");
    b.exec_score = 967;
    b.exec_formula = "9.67 = 10 × 74.93 / 77.5";
    fx_funds(&b, "一般公共预算资金", "80", "77.5", "74.93");
    jx_project *ps[] = {&a, &b};
    fx_sink s = fx_render(JX_FORMAT_TEXT, JX_WRITE_EXPLAIN, ps, 2);
    /* the second form starts after a blank line */
    const char *second = strstr(s.buf + 1, "项目支出绩效自评表");
    assert_non_null(second);
    assert_true(second[-1] == '\n' && second[-2] == '\n');
    const char *exec = strstr(second, "预算执行率 (10.00分)");
    const char *first_ind = strstr(second, "接入系统数量");
    assert_non_null(exec);
    assert_true(exec < first_ind);
    char line[1024];
    assert_true(line_with(second, "预算执行率 (10.00分)", line, sizeof line));
    /* 74.93 / 77.5 = 96.68% */
    assert_non_null(strstr(line, "96.68%"));
    assert_non_null(strstr(line, "9.67"));
    assert_true(line_with(second, "一般公共预算资金", line, sizeof line));
    assert_non_null(strstr(line, "96.68%"));
    /* weights 10 + 30 + 20 = 60 */
    char head[1024];
    assert_true(line_with(second, "一级指标", head, sizeof head));
    assert_true(line_with(second, "总分", line, sizeof line));
    assert_int_equal(cell_col(line, "60"), cell_col(head, "权重"));
    assert_int_equal(cell_col(line, "37.50"), cell_col(head, "得分"));
    assert_non_null(strstr(second, "  预算执行率：9.67 = 10 × 74.93 / 77.5 [execution-rate]\n"));
    fx_sink_free(&s);
    jx_project_free(&a);
    jx_project_free(&b);
}

static void not_applicable_is_named(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    /* 巡检次数 不适用 under 剔除: scored 0 and left out; the total is 22.50 alone */
    p.inds[1].not_applicable = true;
    fx_scored(&p.inds[1], 0, JX_METHOD_NOT_APPLICABLE, "不适用（剔除）");
    p.total = 2250;
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_TEXT, JX_WRITE_EXPLAIN, ps, 1);
    char line[1024];
    assert_true(line_with(s.buf, "巡检次数  ", line, sizeof line));
    assert_non_null(strstr(line, "不适用"));
    assert_null(strstr(line, "0.00"));
    assert_non_null(strstr(s.buf, "  巡检次数：不适用（剔除） [not-applicable]\n"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(form_contents),
        cmocka_unit_test(columns_line_up_by_display_width),
        cmocka_unit_test(explain_lists_formulas),
        cmocka_unit_test(unscored_prints_dashes),
        cmocka_unit_test(projects_are_separated_and_execution_comes_first),
        cmocka_unit_test(not_applicable_is_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
