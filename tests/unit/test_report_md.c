/* SPDX-License-Identifier: MIT */
/* test_report_md.c — the 自评表 as GitHub-flavoured Markdown: escaping, the tables row
 * by row, the findings list. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "text_find.h"

#include "report_fixture.h"
#include "doc.h"
#include "report.h"

/* Writes the string arg with jx_md_str through a fresh writer and returns the text. */
static fx_sink md_text(const char *arg)
{
    fx_sink s = {NULL, 0, 0, 0};
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_MD, 0, fx_sink_write, &s, NULL), JX_OK);
    jx_md_str(wr, arg);
    jx_out_flush(wr);
    jx_writer_destroy(wr);
    if (!s.buf)
        fx_sink_write(&s, "", 0);
    return s;
}


/* The '|' of a line that are not escaped with a backslash: the cell borders. */
static size_t borders(const char *line, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (line[i] == '\\') {
            i++;
            continue;
        }
        k += line[i] == '|';
    }
    return k;
}

static void text_is_escaped(void **state)
{
    (void)state;
    fx_sink s = md_text("a|b\\c*d_e`f[g]h<i>j~k&l$m");
    assert_string_equal(s.buf, "a\\|b\\\\c\\*d\\_e\\`f\\[g\\]h\\<i\\>j\\~k\\&l\\$m");
    fx_sink_free(&s);
    /* line breaks of every kind become <br>; \r\n is one */
    s = md_text("一\n二\r\n三\r四");
    assert_string_equal(s.buf, "一<br>二<br>三<br>四");
    fx_sink_free(&s);
    /* CJK and the signs the forms use stay as they are */
    s = md_text("≥60个 ＝4次 (60.00分) 100% #1 -2 +3");
    assert_string_equal(s.buf, "≥60个 ＝4次 (60.00分) 100% #1 -2 +3");
    fx_sink_free(&s);
}

static void form_of_yuecheng(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_MD, 0, ps, 1);
    const char *t = s.buf;
    static const char head[] = "# 项目支出绩效自评表\n\n## 越城区电子政务云资源服务项目（2024年度）\n\n";
    assert_true(strncmp(t, head, strlen(head)) == 0);
    assert_true(jx_test_has_line(t, "| 项目名称 | 主管部门 | 预算单位 |"));
    assert_true(jx_test_has_line(t, "| 越城区电子政务云资源服务项目 | 301-大数据管理 | 301001-绍兴市越城区大数据发展管理中心（本级） |"));
    assert_true(jx_test_has_line(t, "### 项目资金（万元）"));
    assert_true(jx_test_has_line(t, "| 资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |"));
    assert_true(jx_test_has_line(t, "| --- | ---: | ---: | ---: | ---: |"));
    /* 358.35 / 358.35 = 100.00%; a zero budget has no rate */
    assert_true(jx_test_has_line(t, "| 一般公共预算资金 | 366 | 358.35 | 358.35 | 100.00% |"));
    assert_true(jx_test_has_line(t, "| 年度资金总额 | 0 | 0 | 0 | — |"));
    assert_true(jx_test_has_line(t, "| 提高电子政务云资源集约利用水平。 | 提高电子政务云资源集约利用水平。 |"));
    assert_null(strstr(t, "目标偏离原因分析")); /* neither it nor 整改措施 was given */
    assert_true(jx_test_has_line(t, "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 权重 | 得分 | 偏差原因分析及改进措施 |"));
    assert_true(jx_test_has_line(t, "| --- | --- | --- | --- | --- | ---: | ---: | --- |"));
    /* a group's names on its first row only; an empty group one row of 0.00 */
    assert_true(jx_test_has_line(t, "| 产出指标 (60.00分) | 数量指标 (50.00分) | 接入系统数量 | ≥60个 | ≥60个 | 30 | 30.00 |  |"));
    assert_true(jx_test_has_line(t, "|  |  | 运行保障期限 | =1年 | =1年 | 20 | 20.00 |  |"));
    assert_true(jx_test_has_line(t, "|  | 质量指标 (0.00分) |  |  |  |  | 0.00 |  |"));
    assert_true(jx_test_has_line(t, "| 效益指标 (30.00分) | 经济效益 (15.00分) | 工作效率 | 提升 | 提升 | 15 | 15.00 |  |"));
    assert_true(jx_test_has_line(t, "| 满意度指标 (10.00分) | 服务对象满意度 (10.00分) | 服务对象满意率 | ≥90% | ≥90% | 10 | 10.00 |  |"));
    /* Σ 权重 30 + 20 + 10 + 15 + 15 + 10 = 100; every indicator full marks: 100.00 → 优 */
    assert_true(jx_test_has_line(t, "| 总分 |  |  |  |  | 100 | 100.00 |  |"));
    assert_true(jx_test_has_line(t, "**自评结论：优**　总分高于90分（含）的结论为“优”，90～80分（含）为“良”，"
                            "80～60分（含）为“中”，低于60分为“差”。"));
    assert_true(jx_test_has_line(t, "### 检查发现（1）"));
    assert_true(jx_test_has_line(t, "1. 警告 `vague-actual` yuecheng-2024.jx:14:49：实际完成值“≥60个”带有计算符号，按 60 个计分"));
    /* 10 indicator rows, the head, the delimiter row and 总分: 13 lines of 9 borders */
    size_t rows9 = 0;
    for (const char *line = t; *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        if (n && line[0] == '|' && borders(line, n) == 9)
            rows9++;
        line += n + (end ? 1 : 0);
    }
    assert_int_equal(rows9, 13);
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void small_project_escaped_with_explain(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    p.deviation = fx_str(&p, "原因|一");
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_MD, JX_WRITE_EXPLAIN, ps, 1);
    const char *t = s.buf;
    /* the name 测试"项目",\一<LF>二, without a year */
    assert_true(jx_test_has_line(t, "## 测试\"项目\",\\\\一<br>二"));
    assert_null(strstr(t, "项目资金"));
    assert_true(jx_test_has_line(t, "| 目标偏离原因分析 | 整改措施及建议 |"));
    assert_true(jx_test_has_line(t, "| 原因\\|一 |  |"));
    /* 30 × 45 / 60 = 22.50; 20 × 3 / 4 = 15.00; Σ 权重 50, 总分 37.50 → 差, no band note */
    assert_true(jx_test_has_line(t, "| 产出指标 (50.00分) | 数量指标 (50.00分) | 接入系统数量 | ≥60个 | 45个 | 30 | 22.50 | 部分系统延期，下年接入 |"));
    assert_true(jx_test_has_line(t, "|  |  | 巡检次数 | =4次 | 3次 | 20 | 15.00 |  |"));
    assert_true(jx_test_has_line(t, "| 总分 |  |  |  |  | 50 | 37.50 |  |"));
    assert_true(jx_test_has_line(t, "**自评结论：差**"));
    assert_true(jx_test_has_line(t, "### 计分过程"));
    assert_true(jx_test_has_line(t, "- 接入系统数量：22.50 = 30 × 45 / 60 `ge-ratio`"));
    assert_true(jx_test_has_line(t, "- 巡检次数：15.00 = 20 × 3 / 4 `eq-ratio`"));
    assert_null(strstr(t, "检查发现"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void execution_row_first(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    /* 单列 10 分: 10 × 74.93 / 77.5 = 9.668… → 9.67; Σ 权重 10 + 30 + 20 = 60 */
    p.exec_separate = true;
    p.exec_points = fx_dec("10");
    p.exec_score = 967;
    p.exec_formula = "9.67 = 10 × 74.93 / 77.5";
    fx_funds(&p, "一般公共预算资金", "80", "77.5", "74.93");
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_MD, JX_WRITE_EXPLAIN, ps, 1);
    const char *row = "| 预算执行率 (10.00分) |  |  | 100% | 96.68% | 10 | 9.67 |  |";
    assert_true(jx_test_has_line(s.buf, row));
    assert_true(strstr(s.buf, row) < strstr(s.buf, "接入系统数量"));
    assert_true(jx_test_has_line(s.buf, "| 总分 |  |  |  |  | 60 | 37.50 |  |"));
    assert_true(jx_test_has_line(s.buf, "- 预算执行率：9.67 = 10 × 74.93 / 77.5 `execution-rate`"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void empty_run_and_same_bytes(void **state)
{
    (void)state;
    fx_sink s = fx_render(JX_FORMAT_MD, 0, NULL, 0);
    assert_string_equal(s.buf, "# 项目支出绩效自评表\n\n没有可以计分的项目。\n");
    fx_sink_free(&s);
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_project *ps[] = {&p};
    fx_sink a = fx_render(JX_FORMAT_MD, JX_WRITE_EXPLAIN, ps, 1);
    fx_sink b = fx_render(JX_FORMAT_MD, JX_WRITE_EXPLAIN, ps, 1);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.buf, b.buf, a.len);
    fx_sink_free(&a);
    fx_sink_free(&b);
    jx_project_free(&p);
}

static void format_names_parse(void **state)
{
    (void)state;
    jx_format f = JX_FORMAT_TEXT;
    assert_int_equal(jx_format_parse("md", &f), JX_OK);
    assert_int_equal(f, JX_FORMAT_MD);
    assert_int_equal(jx_format_parse("html", &f), JX_OK);
    assert_int_equal(f, JX_FORMAT_HTML);
    assert_int_equal(jx_format_parse("HTML", &f), JX_ERR_USAGE);
    assert_int_equal(jx_format_parse("markdown", &f), JX_ERR_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_is_escaped),
        cmocka_unit_test(form_of_yuecheng),
        cmocka_unit_test(small_project_escaped_with_explain),
        cmocka_unit_test(execution_row_first),
        cmocka_unit_test(empty_run_and_same_bytes),
        cmocka_unit_test(format_names_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
