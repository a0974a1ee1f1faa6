/* SPDX-License-Identifier: MIT */
/* test_render_txt.c — the 自评表 as plain lines for mail and chat (JX_FORMAT_TXT, built
 * by build_form.c and drawn by render_txt.c): one line per labelled value, one
 * self-contained line per table row with its groups' names, nothing aligned. The numbers
 * are those of the fixtures, worked by hand in report_fixture.h and below. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "text_find.h"

#include "report_fixture.h"
#include "report.h"


static void form_of_yuecheng(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_TXT, 0, ps, 1);
    const char *t = s.buf;
    static const char head[] = "项目支出绩效自评表（2024年度）\n"
                               "项目名称：越城区电子政务云资源服务项目\n"
                               "主管部门：301-大数据管理\n"
                               "预算单位：301001-绍兴市越城区大数据发展管理中心（本级）\n"
                               "\n"
                               "项目资金（万元）\n";
    assert_true(strncmp(t, head, strlen(head)) == 0);
    /* 358.35 / 358.35 = 100.00%; a zero budget has no rate */
    assert_true(jx_test_has_line(t, "- 一般公共预算资金：年初预算数 366，全年预算数 358.35，全年执行数 358.35，执行率 100.00%"));
    assert_true(jx_test_has_line(t, "- 年度资金总额：年初预算数 0，全年预算数 0，全年执行数 0，执行率 —"));
    assert_true(jx_test_has_line(t, "预期目标：提高电子政务云资源集约利用水平。"));
    assert_null(strstr(t, "目标偏离原因分析")); /* not given */
    assert_true(jx_test_has_line(t, "绩效指标"));
    /* every row names its groups, the second row of a group too */
    assert_true(jx_test_has_line(t, "- 产出指标 (60.00分) / 数量指标 (50.00分) / 接入系统数量：年度指标值 ≥60个，实际完成值 ≥60个，权重 30，得分 30.00"));
    assert_true(jx_test_has_line(t, "- 产出指标 (60.00分) / 数量指标 (50.00分) / 运行保障期限：年度指标值 =1年，实际完成值 =1年，权重 20，得分 20.00"));
    /* an empty group: one row, 0.00 */
    assert_true(jx_test_has_line(t, "- 产出指标 (60.00分) / 质量指标 (0.00分)：得分 0.00"));
    /* Σ 权重 30 + 20 + 10 + 15 + 15 + 10 = 100; every indicator full marks: 100.00 → 优 */
    assert_true(jx_test_has_line(t, "- 总分：权重 100，得分 100.00"));
    assert_true(jx_test_has_line(t, "自评结论：优（总分高于90分（含）的结论为“优”，90～80分（含）为“良”，"
                            "80～60分（含）为“中”，低于60分为“差”。）"));
    assert_true(jx_test_has_line(t, "检查发现（1）"));
    assert_true(jx_test_has_line(t, "- 警告 vague-actual yuecheng-2024.jx:14:49 实际完成值“≥60个”带有计算符号，按 60 个计分"));
    /* nothing aligned: no run of two spaces anywhere, no table borders */
    assert_null(strstr(t, "  "));
    assert_null(strchr(t, '|'));
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void explain_and_execution_row(void **state)
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
    jx_project *ps[] = {&p, &p};
    fx_sink s = fx_render(JX_FORMAT_TXT, JX_WRITE_EXPLAIN, ps, 2);
    const char *t = s.buf;
    /* no year: the title alone */
    assert_true(strncmp(t, "项目支出绩效自评表\n", strlen("项目支出绩效自评表\n")) == 0);
    assert_true(jx_test_has_line(t, "- 预算执行率 (10.00分)：年度指标值 100%，实际完成值 96.68%，权重 10，得分 9.67"));
    /* 30 × 45 / 60 = 22.50 with its reason; 20 × 3 / 4 = 15.00; 总分 37.50 → 差, no bands */
    assert_true(jx_test_has_line(t, "- 产出指标 (50.00分) / 数量指标 (50.00分) / 接入系统数量：年度指标值 ≥60个，实际完成值 45个，"
                            "权重 30，得分 22.50，偏差原因分析及改进措施 部分系统延期，下年接入"));
    assert_true(jx_test_has_line(t, "- 总分：权重 60，得分 37.50"));
    assert_true(jx_test_has_line(t, "自评结论：差"));
    assert_true(jx_test_has_line(t, "计分过程"));
    assert_true(jx_test_has_line(t, "- 预算执行率：9.67 = 10 × 74.93 / 77.5（execution-rate）"));
    assert_true(jx_test_has_line(t, "- 接入系统数量：22.50 = 30 × 45 / 60（ge-ratio）"));
    assert_null(strstr(t, "检查发现"));
    /* two parts, a rule between them */
    assert_true(jx_test_has_line(t, "----------"));
    assert_null(strstr(strstr(t, "----------") + 1, "----------"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void empty_run_says_so(void **state)
{
    (void)state;
    fx_sink s = fx_render(JX_FORMAT_TXT, 0, NULL, 0);
    assert_string_equal(s.buf, "没有可以计分的项目。\n");
    fx_sink_free(&s);
    jx_format f = JX_FORMAT_TEXT;
    assert_int_equal(jx_format_parse("txt", &f), JX_OK);
    assert_int_equal(f, JX_FORMAT_TXT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(form_of_yuecheng),
        cmocka_unit_test(explain_and_execution_row),
        cmocka_unit_test(empty_run_says_so),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
