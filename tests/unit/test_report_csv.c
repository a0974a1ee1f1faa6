/* SPDX-License-Identifier: MIT */
/* test_report_csv.c — one RFC 4180 row per indicator, with quoting where needed, and the
 * columns appended after 满分 that carry the rest of the model (write_csv.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"
#include "report.h"

static const char header[] = "项目,一级指标,二级指标,三级指标,年度指标值,实际完成值,权重,得分,计分方法,总分,自评结论,位置,满分,"
                             "计算符号,计量单位,偏差原因,评定,不适用,填报得分,一级分值,二级分值,单位,主管部门,年度,"
                             "金额单位,资金来源,年初预算,全年预算,全年执行,年度目标,完成情况,偏离原因,整改措施,填报总分,"
                             "填报结论,上年,前年,依据\n";

/* The 14 project cells of a row past the project's first and its 资金 rows, all blank, and
 * the 3 history cells (上年, 前年, 依据) of an indicator that has none. */
#define NO_PROJECT ",,,,,,,,,,,,,," ",,,"

static void header_and_rows(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_CSV, 0, ps, 1);
    assert_true(strncmp(s.buf, header, strlen(header)) == 0);
    assert_false(s.buf[0] == '\xEF'); /* no BOM */
    size_t lines = 0;
    for (const char *c = s.buf; *c; c++)
        lines += *c == '\n';
    /* header + 6 indicators + the 4 groups without one (质量指标, 成本指标, 社会效益, 生态效益) */
    assert_int_equal(lines, 11);
    /* ≥60个, weight 30, scored 30.00; total 100.00 → 优; the first row carries the
     * project's fields and its first 资金 row (年度资金总额 0 0 0), the claim 100 优 */
    assert_non_null(strstr(s.buf, "\n越城区电子政务云资源服务项目,产出指标,数量指标,接入系统数量,≥60个,≥60个,30,30.00,"
                                  "ge-met,100.00,优,yuecheng-2024.jx:14:13,,≥,个,,,,,60,50,"));
    assert_non_null(strstr(s.buf, ",年度资金总额,0,0,0,"));
    /* the second row's 资金, then its 6 blank project cells and 3 blank history cells */
    assert_non_null(strstr(s.buf, ",一般公共预算资金,366,358.35,358.35,,,,,,,,,\n"));
    assert_non_null(strstr(s.buf, ",100,优,,,\n")); /* 填报总分, 填报结论, then the history (none) */
    /* 定性: the sign column says so, no unit */
    assert_non_null(strstr(s.buf, "\n越城区电子政务云资源服务项目,效益指标,经济效益,工作效率,提升,提升,15,15.00,"
                                  "qualitative-met,100.00,优,yuecheng-2024.jx:24:13,,定性,,,,,,30,15" NO_PROJECT "\n"));
    /* a group without indicators: its path and points, no 三级指标 */
    assert_non_null(strstr(s.buf, "\n越城区电子政务云资源服务项目,产出指标,质量指标,,,,,,,100.00,优,"));
    /* no 不适用: the 满分 column stays empty */
    assert_null(strstr(s.buf, "剔除"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void quoting(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    p.inds[1].name = fx_str(&p, "巡检,次数");
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_CSV, 0, ps, 1);
    /* the name holds quotes, a comma and a line break: quoted, quotes doubled;
     * 30 × 45 / 60 = 22.50, 20 × 3 / 4 = 15.00, total 37.50 → 差; the target "=4次"
     * would read as a formula: written with the guard "'" (csv.h) */
    /* after 满分: sign ≥, unit 个, the 偏差, points 50 and 50; the project's cells (none set) */
    assert_non_null(strstr(s.buf, "\n\"测试\"\"项目\"\",\\一\n二\",产出指标,数量指标,接入系统数量,≥60个,45个,30,22.50,"
                                  "ge-ratio,37.50,差,small.jx:4:13,,≥,个,部分系统延期，下年接入,,,,50,50" NO_PROJECT "\n"));
    /* the sign "=" guarded as the target is */
    assert_non_null(strstr(s.buf, ",\"巡检,次数\",'=4次,3次,20,15.00,eq-ratio,37.50,差,small.jx:5:13,,'=,次,,,,,50,50"
                                  NO_PROJECT "\n"));
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void unscored_has_empty_scores(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    p.scored = false;
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_CSV, 0, ps, 1);
    assert_non_null(strstr(s.buf, ",巡检次数,'=4次,3次,20,,,,,small.jx:5:13,,'=,次,,,,,50,50" NO_PROJECT
                                  "\n")); /* "=4次" guarded */
    fx_sink_free(&s);
    jx_project_free(&p);
}

/* The history of a target in the last three cells, a 资金 amount not given as an empty
 * cell (not 0), and the same in JSON: null, and the history as written. */
static void history_and_partial_funds(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    p.scored = false;
    jx_indicator *ind = &p.inds[0];
    ind->last_year.present = ind->last_year.is_text = true; /* 上年 a text */
    ind->last_year.sign = JX_SIGN_QUAL;
    ind->last_year.text = fx_str(&p, "每月4次");
    ind->last_year.pos.line = 5;
    ind->year_before.pos.line = 5; /* 前年 written as none: `-` */
    ind->year_before.text = fx_str(&p, "-");
    ind->basis = fx_str(&p, "经验,标准");
    fx_funds(&p, "政府性基金", "5", "0", "0");
    p.funds[p.nfunds - 1].has_budget = p.funds[p.nfunds - 1].has_spent = false;
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_CSV, 0, ps, 1);
    /* the last cells of the first row: 上年, 前年 ("-" behind the formula guard, which the
     * reader takes off), 依据 quoted for its comma */
    assert_non_null(strstr(s.buf, ",每月4次,'-,\"经验,标准\"\n"));
    assert_non_null(strstr(s.buf, ",政府性基金,5,,,")); /* 全年预算, 全年执行 not given */
    fx_sink_free(&s);
    s = fx_render(JX_FORMAT_JSON, 0, ps, 1);
    assert_non_null(strstr(s.buf, "{\"source\":\"政府性基金\",\"initial\":5,\"budget\":null,\"spent\":null,\"rate\":null}"));
    assert_non_null(strstr(s.buf, "\"last_year\":\"每月4次\",\"year_before\":\"-\",\"basis\":\"经验,标准\"}"));
    assert_non_null(strstr(s.buf, "\"last_year\":null,\"year_before\":null,\"basis\":null}")); /* the others */
    fx_sink_free(&s);
    jx_project_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(header_and_rows),
        cmocka_unit_test(quoting),
        cmocka_unit_test(unscored_has_empty_scores),
        cmocka_unit_test(history_and_partial_funds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
