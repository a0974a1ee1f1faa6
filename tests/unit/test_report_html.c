/* SPDX-License-Identifier: MIT */
/* test_report_html.c — the 自评表 as HTML: escaping, the document shell, the form's
 * cells with their spans, the findings appendix, and failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"
#include "doc.h"
#include "write_text.h"
#include "report.h"

/* Runs fn on a fresh writer and returns what it wrote (free with fx_sink_free). */
static fx_sink primitive(void (*fn)(jx_writer *wr, const void *arg), const void *arg)
{
    fx_sink s = {NULL, 0, 0, 0};
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_HTML, 0, fx_sink_write, &s, NULL), JX_OK);
    fn(wr, arg);
    jx_out_flush(wr);
    jx_writer_destroy(wr);
    if (!s.buf)
        fx_sink_write(&s, "", 0);
    return s;
}

/* jx_html_str of the string arg. */
static void text_of(jx_writer *wr, const void *arg)
{
    jx_html_str(wr, arg);
}

/* Occurrences of needle in hay. */
static size_t occurrences(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *s = strstr(hay, needle); s; s = strstr(s + 1, needle))
        n++;
    return n;
}

static void text_is_escaped(void **state)
{
    (void)state;
    fx_sink s = primitive(text_of, "a&b<c>d\"e'f");
    assert_string_equal(s.buf, "a&amp;b&lt;c&gt;d&quot;e&#39;f");
    fx_sink_free(&s);
    /* CJK, tab and line breaks stay; U+00A0 (C2 A0) is an ordinary character */
    s = primitive(text_of, "项目\t名称\n二\r\n三\xC2\xA0");
    assert_string_equal(s.buf, "项目\t名称\n二\r\n三\xC2\xA0");
    fx_sink_free(&s);
    /* controls HTML does not allow: C0 (but tab, LF, CR), DEL, and C1 (C2 80..C2 9F) */
    s = primitive(text_of, "a\x01" "b\x7f" "c\xC2\x85" "d\x1f");
    assert_string_equal(s.buf, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD");
    fx_sink_free(&s);
    /* a C2 lead at the very end is left to the text as it is */
    s = primitive(text_of, "x\xC2");
    assert_string_equal(s.buf, "x\xC2");
    fx_sink_free(&s);
}

static void long_text_crosses_the_buffer(void **state)
{
    (void)state;
    /* 70 000 ampersands: more than the writer's buffer once escaped (5 bytes each) */
    size_t n = 70000;
    char *in = malloc(n + 1);
    assert_non_null(in);
    memset(in, '&', n);
    in[n] = '\0';
    fx_sink s = primitive(text_of, in);
    assert_int_equal(s.len, 5 * n);
    assert_int_equal(occurrences(s.buf, "&amp;"), n);
    fx_sink_free(&s);
    free(in);
}

/* One header cell spanning rows and columns, with a class. */
static void a_cell(jx_writer *wr, const void *arg)
{
    (void)arg;
    jx_html_cell c = {"rowgroup", "g", 5, 2};
    jx_html_cell_text(wr, &c, "产出指标 (60.00分)");
    jx_html_cell d = {NULL, NULL, 1, 0};
    jx_html_cell_text(wr, &d, "<x>");
}

static void cells_carry_their_spans(void **state)
{
    (void)state;
    fx_sink s = primitive(a_cell, NULL);
    assert_string_equal(s.buf, "<th scope=\"rowgroup\" rowspan=\"5\" colspan=\"2\" class=\"g\">产出指标 (60.00分)</th>"
                               "<td>&lt;x&gt;</td>");
    fx_sink_free(&s);
}

static void form_of_yuecheng(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_HTML, 0, ps, 1);
    const char *t = s.buf;
    static const char head[] = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n";
    assert_true(strncmp(t, head, strlen(head)) == 0);
    assert_non_null(strstr(t, "@page { size: A4;"));
    assert_non_null(strstr(t, "\"Noto Serif CJK SC\""));
    assert_true(strlen(t) > 16 && strcmp(t + strlen(t) - 16, "</body>\n</html>\n") == 0);
    assert_null(strstr(t, "http"));
    assert_null(strstr(t, "//"));
    assert_int_equal(occurrences(t, "<section class=\"sheet\">"), 1);
    assert_non_null(strstr(t, "<h1>项目支出绩效自评表</h1>\n<p class=\"year\">（2024年度）</p>"));
    assert_non_null(strstr(t, "<th scope=\"row\" colspan=\"2\">项目名称</th>"
                              "<td colspan=\"7\" class=\"l\">越城区电子政务云资源服务项目</td>"));
    assert_non_null(strstr(t, "<td colspan=\"3\" class=\"l\">301-大数据管理</td><th scope=\"row\">预算单位</th>"));
    /* the 资金 block spans its head and 2 rows; 358.35 / 358.35 = 100.00%; no budget: — */
    assert_non_null(strstr(t, "<th scope=\"rowgroup\" rowspan=\"3\" colspan=\"2\">项目资金\n（万元）</th>"));
    assert_non_null(strstr(t, "<th scope=\"row\">一般公共预算资金</th><td>366</td><td colspan=\"2\">358.35</td>"
                              "<td colspan=\"2\">358.35</td><td>100.00%</td>"));
    assert_non_null(strstr(t, "<th scope=\"row\">年度资金总额</th><td>0</td><td colspan=\"2\">0</td>"
                              "<td colspan=\"2\">0</td><td>—</td>"));
    /* 年度总体目标 over its two rows; the rows the form always has, empty here */
    assert_non_null(strstr(t, "<th scope=\"rowgroup\" rowspan=\"2\" colspan=\"2\">年度总体目标</th>"));
    assert_non_null(strstr(t, "<th scope=\"row\" colspan=\"2\">目标偏离原因分析</th><td colspan=\"7\" class=\"l\"></td>"));
    assert_non_null(strstr(t, "<th scope=\"row\" colspan=\"2\">整改措施及建议</th>"));
    /* 绩效指标 spans the head and 10 rows; 产出指标 5 rows, 数量指标 2, 效益指标 4 */
    assert_non_null(strstr(t, "<th scope=\"rowgroup\" rowspan=\"11\">绩效指标</th>"));
    assert_non_null(strstr(t, "<th scope=\"col\" class=\"k\">一级指标</th>"));
    assert_non_null(strstr(t, "<tr><th scope=\"rowgroup\" rowspan=\"5\" class=\"g\">产出指标 (60.00分)</th>"
                              "<th scope=\"rowgroup\" rowspan=\"2\" class=\"g\">数量指标 (50.00分)</th>"
                              "<th scope=\"row\">接入系统数量</th><td>≥60个</td><td>≥60个</td><td>30</td>"
                              "<td>30.00</td><td class=\"l\"></td></tr>"));
    assert_non_null(strstr(t, "<tr><th scope=\"row\">运行保障期限</th><td>=1年</td><td>=1年</td><td>20</td>"
                              "<td>20.00</td>"));
    /* an empty group: one row scored 0.00 */
    assert_non_null(strstr(t, "<tr><th scope=\"rowgroup\" class=\"g\">质量指标 (0.00分)</th><td colspan=\"3\"></td>"
                              "<td></td><td>0.00</td><td class=\"l\"></td></tr>"));
    assert_non_null(strstr(t, "<th scope=\"rowgroup\" rowspan=\"4\" class=\"g\">效益指标 (30.00分)</th>"));
    assert_non_null(strstr(t, "<tr><th scope=\"rowgroup\" class=\"g\">满意度指标 (10.00分)</th>"));
    /* 总分: Σ 权重 100, every indicator full marks: 100.00 → 优 with the band note */
    assert_non_null(strstr(t, "<tr><th scope=\"row\" colspan=\"6\" class=\"k\">总分</th><td>100</td>"
                              "<td class=\"k\">100.00</td><td></td></tr>"));
    assert_non_null(strstr(t, "<tr><th scope=\"row\" colspan=\"2\" class=\"k\">自评结论</th>"
                              "<td colspan=\"2\" class=\"grade\">优</td><td colspan=\"5\" class=\"note\">"
                              "总分高于90分（含）的结论为“优”"));
    /* the finding, in the project's own file: line:col, the file named once */
    assert_non_null(strstr(t, "<h2>附：检查发现（1）</h2>\n<p class=\"file\">文件：yuecheng-2024.jx</p>"));
    assert_non_null(strstr(t, "<tr><td class=\"n\">1</td><td class=\"n\">警告</td><td>vague-actual</td>"
                              "<td>14:49</td><td>实际完成值“≥60个”带有计算符号，按 60 个计分</td></tr>"));
    assert_null(strstr(t, "计分过程"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void small_project_escaped_with_explain(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    /* a finding from another file keeps its file name */
    jx_diag *d = jx_project_diag_add(&p, JX_SEV_NOTE, "other", fx_pos(3, 1), "别处的提示");
    assert_non_null(d);
    d->file = "actuals.csv";
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_HTML, JX_WRITE_EXPLAIN, ps, 1);
    const char *t = s.buf;
    /* the name 测试"项目",\一<LF>二 */
    assert_non_null(strstr(t, "<td colspan=\"7\" class=\"l\">测试&quot;项目&quot;,\\一\n二</td>"));
    assert_null(strstr(t, "class=\"year\"")); /* no 年度 */
    assert_null(strstr(t, "项目资金"));        /* no 资金 */
    /* 30 × 45 / 60 = 22.50, 20 × 3 / 4 = 15.00; Σ 权重 50, 总分 37.50 → 差 */
    assert_non_null(strstr(t, "<th scope=\"row\">接入系统数量</th><td>≥60个</td><td>45个</td><td>30</td>"
                              "<td>22.50</td><td class=\"l\">部分系统延期，下年接入</td>"));
    assert_non_null(strstr(t, "<td>=4次</td><td>3次</td><td>20</td><td>15.00</td>"));
    assert_non_null(strstr(t, "<td>50</td><td class=\"k\">37.50</td>"));
    assert_non_null(strstr(t, "<td colspan=\"2\" class=\"grade\">差</td><td colspan=\"5\" class=\"note\"></td>"));
    /* 计分过程 */
    assert_non_null(strstr(t, "<h2>计分过程</h2>"));
    assert_non_null(strstr(t, "<tr><th scope=\"row\" class=\"l\">接入系统数量</th><td class=\"l\">22.50 = 30 × 45 / 60</td>"
                              "<td class=\"l\">ge-ratio</td></tr>"));
    assert_non_null(strstr(t, "<td class=\"l\">15.00 = 20 × 3 / 4</td><td class=\"l\">eq-ratio</td>"));
    assert_non_null(strstr(t, "<h2>附：检查发现（1）</h2>\n<p class=\"file\">文件：small.jx</p>"));
    assert_non_null(strstr(t, "<td class=\"n\">提示</td><td>other</td><td>actuals.csv:3:1</td><td>别处的提示</td>"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void execution_row_and_two_sheets(void **state)
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
    fx_sink s = fx_render(JX_FORMAT_HTML, JX_WRITE_EXPLAIN, ps, 2);
    const char *t = s.buf;
    assert_int_equal(occurrences(t, "<section class=\"sheet\">"), 2);
    assert_int_equal(occurrences(t, "<!DOCTYPE html>"), 1);
    assert_non_null(strstr(t, ".sheet + .sheet { break-before: page;"));
    const char *second = strstr(strstr(t, "<section class=\"sheet\">") + 1, "<section class=\"sheet\">");
    assert_non_null(second);
    /* the second form: 绩效指标 spans its head, the 预算执行率 row and 2 rows */
    assert_non_null(strstr(second, "<th scope=\"rowgroup\" rowspan=\"4\">绩效指标</th>"));
    const char *exec = strstr(second, "<tr><th scope=\"row\" colspan=\"3\">预算执行率 (10.00分)</th><td>100%</td>"
                                      "<td>96.68%</td><td>10</td><td>9.67</td><td class=\"l\"></td></tr>");
    assert_non_null(exec);
    assert_true(exec < strstr(second, "接入系统数量"));
    /* Σ 权重 10 + 30 + 20 = 60 */
    assert_non_null(strstr(second, "<td>60</td><td class=\"k\">37.50</td>"));
    assert_non_null(strstr(second, "<th scope=\"row\" class=\"l\">预算执行率</th><td class=\"l\">9.67 = 10 × 74.93 / 77.5</td>"
                                   "<td class=\"l\">execution-rate</td>"));
    fx_sink_free(&s);
    jx_project_free(&a);
    jx_project_free(&b);
}

static void not_applicable_and_unscored(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    p.inds[1].not_applicable = true;
    fx_scored(&p.inds[1], 0, JX_METHOD_NOT_APPLICABLE, "不适用（剔除）");
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_HTML, 0, ps, 1);
    assert_non_null(strstr(s.buf, "<td>20</td><td>不适用</td>"));
    fx_sink_free(&s);
    p.scored = false;
    p.inds[0].score = -1;
    s = fx_render(JX_FORMAT_HTML, JX_WRITE_EXPLAIN, ps, 1);
    assert_non_null(strstr(s.buf, "<td>30</td><td>—</td>"));
    assert_non_null(strstr(s.buf, "<td colspan=\"2\" class=\"grade\">—</td>"));
    assert_null(strstr(s.buf, "计分过程"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void empty_run_is_a_whole_document(void **state)
{
    (void)state;
    fx_sink s = fx_render(JX_FORMAT_HTML, 0, NULL, 0);
    assert_true(strncmp(s.buf, "<!DOCTYPE html>\n", 16) == 0);
    assert_non_null(strstr(s.buf, "<p class=\"empty\">没有可以计分的项目。</p>"));
    assert_non_null(strstr(s.buf, "</body>\n</html>\n"));
    fx_sink_free(&s);
}

static void two_runs_same_bytes(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_project *ps[] = {&p};
    fx_sink a = fx_render(JX_FORMAT_HTML, JX_WRITE_EXPLAIN, ps, 1);
    fx_sink b = fx_render(JX_FORMAT_HTML, JX_WRITE_EXPLAIN, ps, 1);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.buf, b.buf, a.len);
    fx_sink_free(&a);
    fx_sink_free(&b);
    jx_project_free(&p);
}

static void write_failure_is_io(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_HTML, 0, jx_test_write_nothing, NULL, NULL), JX_OK);
    jx_writer_project(wr, &p);
    assert_int_equal(jx_writer_finish(wr), JX_ERR_IO);
    jx_writer_destroy(wr);
    jx_project_free(&p);
}

/* Allocations the refusing allocator still grants. */
static int grants;

/* An allocator that grants `grants` allocations, then refuses. */
static void *rationed(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    if (grants <= 0)
        return NULL;
    grants--;
    return realloc(ptr, nsize);
}

static void out_of_memory_is_reported(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_allocator a = {rationed, NULL};
    fx_sink s = {NULL, 0, 0, 0};
    jx_writer *wr = NULL;
    grants = 3; /* the kept copy of the allocator, the handle and its buffer; the scratch arena gets nothing */
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_HTML, 0, fx_sink_write, &s, &a), JX_OK);
    assert_int_equal(jx_writer_project(wr, &p), JX_ERR_NOMEM);
    jx_writer_destroy(wr);
    fx_sink_free(&s);
    jx_project_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_is_escaped),
        cmocka_unit_test(long_text_crosses_the_buffer),
        cmocka_unit_test(cells_carry_their_spans),
        cmocka_unit_test(form_of_yuecheng),
        cmocka_unit_test(small_project_escaped_with_explain),
        cmocka_unit_test(execution_row_and_two_sheets),
        cmocka_unit_test(not_applicable_and_unscored),
        cmocka_unit_test(empty_run_is_a_whole_document),
        cmocka_unit_test(two_runs_same_bytes),
        cmocka_unit_test(write_failure_is_io),
        cmocka_unit_test(out_of_memory_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
