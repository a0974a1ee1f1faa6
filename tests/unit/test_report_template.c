/* test_report_template.c — the actuals template: BOM, header, one empty row per indicator. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"
#include "report.h"

static const char bom_header[] =
    "\xEF\xBB\xBF项目,主管部门,单位,一级指标,二级指标,三级指标,年度指标值,权重,实际完成值,偏差原因,评定\n";

/* Lines (\n) in s. */
static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void format_name_parses(void **state)
{
    (void)state;
    jx_format f = JX_FORMAT_TEXT;
    assert_int_equal(jx_format_parse("template", &f), JX_OK);
    assert_int_equal(f, JX_FORMAT_TEMPLATE);
    assert_int_equal(jx_format_parse("Template", &f), JX_ERR_USAGE);
}

static void bom_header_and_rows(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_TEMPLATE, 0, ps, 1);
    assert_true(strncmp(s.buf, bom_header, strlen(bom_header)) == 0);
    /* the header and the 6 indicators of the 越城区 自评表 */
    assert_int_equal(count_lines(s.buf), 7);
    /* 实际完成值, 偏差原因, 评定 empty although the project has actuals (≥60个 here) */
    assert_non_null(strstr(s.buf, "\n越城区电子政务云资源服务项目,301-大数据管理,301001-绍兴市越城区大数据发展管理中心（本级）,产出指标,数量指标,接入系统数量,≥60个,30,,,\n"));
    /* "=1年" written "＝1年", so a spreadsheet does not take it for a formula */
    assert_non_null(strstr(s.buf, "\n越城区电子政务云资源服务项目,301-大数据管理,301001-绍兴市越城区大数据发展管理中心（本级）,产出指标,数量指标,运行保障期限,＝1年,20,,,\n"));
    assert_non_null(strstr(s.buf, "\n越城区电子政务云资源服务项目,301-大数据管理,301001-绍兴市越城区大数据发展管理中心（本级）,产出指标,时效指标,执行率,≥95%,10,,,\n"));
    /* a 定性 target shows its text */
    assert_non_null(strstr(s.buf, "\n越城区电子政务云资源服务项目,301-大数据管理,301001-绍兴市越城区大数据发展管理中心（本级）,效益指标,经济效益,工作效率,提升,15,,,\n"));
    assert_non_null(strstr(s.buf, "\n越城区电子政务云资源服务项目,301-大数据管理,301001-绍兴市越城区大数据发展管理中心（本级）,满意度指标,服务对象满意度,服务对象满意率,≥90%,10,,,\n"));
    /* rows in source order: 接入系统数量 before 服务对象满意率 */
    assert_true(strstr(s.buf, "接入系统数量") < strstr(s.buf, "服务对象满意率"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void quoting_weights_and_scores_ignored(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    p.inds[1].name = fx_str(&p, "巡检,次数");
    p.inds[1].has_weight = false;
    p.inds[0].weight = fx_dec("12.50");
    p.inds[1].target.text = fx_str(&p, "==4次");
    jx_project *ps[] = {&p};
    fx_sink scored = fx_render(JX_FORMAT_TEMPLATE, 0, ps, 1);
    /* the name holds quotes, a comma, a backslash and a line break: quoted, quotes doubled;
     * the weight 12.50 is written as the number 12.5 */
    assert_non_null(strstr(scored.buf, "\n\"测试\"\"项目\"\",\\一\n二\",,,产出指标,数量指标,接入系统数量,≥60个,12.5,,,\n"));
    /* no weight: an empty 权重 cell; "==" is one sign, written "＝" */
    assert_non_null(strstr(scored.buf, ",\"巡检,次数\",＝4次,,,,\n"));
    /* scores play no part: the unscored project gives the same bytes */
    p.scored = false;
    fx_sink unscored = fx_render(JX_FORMAT_TEMPLATE, 0, ps, 1);
    assert_string_equal(scored.buf, unscored.buf);
    fx_sink_free(&scored);
    fx_sink_free(&unscored);
    jx_project_free(&p);
}

static void several_projects_and_none(void **state)
{
    (void)state;
    jx_project a, b;
    jx_project_init(&a, NULL);
    jx_project_init(&b, NULL);
    fx_yuecheng(&a);
    fx_small(&b);
    jx_project *ps[] = {&a, &b};
    fx_sink s = fx_render(JX_FORMAT_TEMPLATE, 0, ps, 2);
    /* one header (and one BOM) for the run: 1 + 6 + 2 rows, the small project's name
     * holding one line break of its own */
    assert_int_equal(count_lines(s.buf), 1 + 6 + 2 + 2);
    assert_null(strstr(s.buf + 3, "\xEF\xBB\xBF"));
    assert_null(strstr(s.buf + strlen(bom_header), "项目,一级指标"));
    fx_sink_free(&s);
    /* no project at all: the BOM and the header */
    s = fx_render(JX_FORMAT_TEMPLATE, 0, NULL, 0);
    assert_string_equal(s.buf, bom_header);
    fx_sink_free(&s);
    jx_project_free(&a);
    jx_project_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_name_parses),
        cmocka_unit_test(bom_header_and_rows),
        cmocka_unit_test(quoting_weights_and_scores_ignored),
        cmocka_unit_test(several_projects_and_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
