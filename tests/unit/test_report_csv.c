/* SPDX-License-Identifier: MIT */
/* test_report_csv.c — one RFC 4180 row per indicator, with quoting where needed, and the
 * columns appended after 满分 that carry the rest of the model (write_csv.c); the rows
 * of parsed rule text written by the fast paths (row_fast, bare_row_fast) and by the
 * general path alone, to the same bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
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

/* Rule text whose rows take each way of row_fast and score_project, all texts CJK. 越城区测试项目
 * has two 资金 rows, so its first row carries the project's fields and first 资金 row, its
 * second row the second 资金 row, and the others no project cell: 维修次数 is the usual row
 * (past the 资金 rows, no history), 到场率, 到岗率, 到位率 and 响应率 each have one history
 * cell (上年; 前年; 前年 written as none, "-", a position without a value; 依据). Its
 * groups without an indicator each get a row: 质量指标 (a 二级 group), 效益指标 (a 一级
 * group without 二级 ones) and 服务对象满意度 (a 二级 group: its 一级 group 满意度指标, named
 * on that row, gets none of its own; nor do 产出指标 and 数量指标, which hold indicators).
 * 越城区引号项目 has no 资金 row but a 单位, which its first row (巡查次数) carries, and texts
 * that need quoting — a comma, quotes — or the formula guard. */
static const char rows_text[] =
    "项目 \"越城区测试项目\" {\n"
    "    主管部门 \"301-大数据\"\n"
    "    单位 \"越城区测试中心\"\n"
    "    年度 2024\n"
    "    金额单位 万元\n"
    "    资金 年度资金总额 年初预算 100 全年预算 100 全年执行 90\n"
    "    资金 一般公共预算资金 年初预算 80 全年预算 80 全年执行 70\n"
    "    产出指标 60 {\n"
    "        数量指标 20 {\n"
    "            巡检次数 ≥12次 权重 10 实际 12次 得分 10\n"
    "            培训人次 ≥200人次 权重 10 实际 210人次 得分 10\n"
    "            维修次数 ≥5次 权重 10 实际 6次\n"
    "            到场率 ≥95% 权重 20 实际 96% 上年 ≥90%\n"
    "            到岗率 ≥95% 权重 20 实际 96% 前年 ≥85%\n"
    "            到位率 ≥95% 权重 10 实际 96% 前年 -\n"
    "            响应率 ≥95% 权重 20 实际 96% 依据 \"行业标准\"\n"
    "        }\n"
    "        质量指标 40 {\n"
    "        }\n"
    "    }\n"
    "    效益指标 30 {\n"
    "    }\n"
    "    满意度指标 10 {\n"
    "        服务对象满意度 10 {\n"
    "        }\n"
    "    }\n"
    "}\n"
    "\n"
    "项目 \"越城区引号项目\" {\n"
    "    单位 \"越城区引号中心\"\n"
    "    产出指标 100 {\n"
    "        数量指标 100 {\n"
    "            巡查次数 =4次 权重 0 实际 4次\n"
    "            \"培训,人次\" ≥200人次 权重 40 实际 210人次\n"
    "            \"说\\\"明\\\"次数\" ≥2次 权重 30 实际 2次\n"
    "            巡检次数 =4次 权重 30 实际 4次 偏差 \"设备\\\"维修\\\",延期\"\n"
    "        }\n"
    "    }\n"
    "}\n";

/* Whether ind is 维修次数 of rows_text (the usual row there). */
static bool is_repairs(const jx_indicator *ind)
{
    return ind->name.n == strlen("维修次数") && memcmp(ind->name.s, "维修次数", ind->name.n) == 0;
}

/* History the parser does not make, which the writers write all the same: every value of
 * p's indicators that is given (上年 ≥90%, 前年 ≥85%) without its position, and 维修次数's
 * 前年 written as none ("-", a position without a value) in a line the parser found plain. */
static void history_set_by_hand(jx_project *p)
{
    for (size_t i = 0; i < p->ninds; i++) {
        jx_indicator *ind = &p->inds[i];
        if (ind->last_year.present)
            ind->last_year.pos.line = 0;
        if (ind->year_before.present)
            ind->year_before.pos.line = 0;
        if (is_repairs(ind)) {
            ind->year_before.pos = ind->pos;
            ind->year_before.text = (jx_str){"-", 1};
        }
    }
}

/* 维修次数's 上年 written as none ("/"), in a line the parser found plain. */
static void last_year_none_by_hand(jx_project *p)
{
    for (size_t i = 0; i < p->ninds; i++)
        if (is_repairs(&p->inds[i])) {
            p->inds[i].last_year.pos = p->inds[i].pos;
            p->inds[i].last_year.text = (jx_str){"/", 1};
        }
}

/* Takes p for one that could not be scored (its scores stay as they were). */
static void unscored(jx_project *p)
{
    p->scored = false;
}

/* Every project of text (a rule file called name) scored under the default policy, changed
 * by tweak (NULL: none), and written as CSV, by the fast paths where they take a row or
 * (general_only) by the general path alone; *fast: the rows the fast paths wrote. */
static fx_sink csv_written(const char *name, const char *text, void (*tweak)(jx_project *), int general_only,
                           size_t *fast)
{
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open_memory(&rd, name, text, strlen(text), NULL), JX_OK);
    fx_sink s = {NULL, 0, 0, 0};
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_CSV, 0, fx_sink_write, &s, NULL), JX_OK);
    wr->general_only = general_only;
    jx_project *p = NULL;
    jx_result rc;
    while ((rc = jx_reader_next(rd, &p)) != JX_DONE) {
        assert_int_equal(rc, JX_ROW);
        assert_int_equal(jx_project_error_count(p), 0);
        assert_int_equal(jx_score(p, pol), JX_OK);
        assert_int_equal(jx_project_error_count(p), 0);
        if (tweak)
            tweak(p);
        assert_int_equal(jx_writer_project(wr, p), JX_OK);
    }
    assert_int_equal(jx_writer_finish(wr), JX_OK);
    *fast = wr->fast_written;
    jx_writer_destroy(wr);
    jx_reader_close(rd);
    jx_policy_close(pol);
    return s;
}

/* text changed by tweak written both ways: the same bytes, returned; *fast: the rows the
 * fast paths wrote (none when they are not tried). */
static fx_sink csv_both_ways(const char *text, void (*tweak)(jx_project *), size_t *fast)
{
    size_t general = 0;
    fx_sink f = csv_written("a.jx", text, tweak, 0, fast);
    fx_sink g = csv_written("a.jx", text, tweak, 1, &general);
    assert_non_null(f.buf);
    assert_non_null(g.buf);
    assert_string_equal(f.buf, g.buf);
    assert_int_equal(general, 0);
    fx_sink_free(&g);
    return f;
}

/* rows_text written both ways: the same bytes; the fast paths wrote all rows but 到位率's
 * (a history value written as none is the general path's) and the three whose texts need
 * quoting: 9 of 越城区测试项目's 10, 1 (巡查次数) of 越城区引号项目's 4. The scores: every
 * target met (维修次数 6次 ≥ 5次), so each is its weight; total 100 → 优. */
static void fast_rows_as_general(void **state)
{
    (void)state;
    size_t fast = 0;
    fx_sink f = csv_both_ways(rows_text, NULL, &fast);
    assert_int_equal(fast, 10);
    /* the first row: 单位, 主管部门, 年度, 金额单位, the first 资金 row, the 4 texts and the
     * claims empty, no history; the second: the second 资金 row only */
    assert_non_null(strstr(f.buf, ",巡检次数,≥12次,12次,10,10.00,ge-met,100.00,优,a.jx:10:13,,≥,次,,,,10,60,20,"
                                  "越城区测试中心,301-大数据,2024,万元,年度资金总额,100,100,90,,,,,,,,,\n"));
    assert_non_null(strstr(f.buf, ",培训人次,≥200人次,210人次,10,10.00,ge-met,100.00,优,a.jx:11:13,,≥,人次,,,,10,60,20,"
                                  ",,,,一般公共预算资金,80,80,70,,,,,,,,,\n"));
    /* the usual row: after 填报得分 (none) the points of its groups (60, 20), then its
     * project's 14 cells and the 3 history cells empty, each after its comma */
    assert_non_null(strstr(f.buf, "\n越城区测试项目,产出指标,数量指标,维修次数,≥5次,6次,10,10.00,ge-met,100.00,优,"
                                  "a.jx:12:13,,≥,次,,,,,60,20" NO_PROJECT "\n"));
    /* one history cell each: 上年; 前年; 前年 "-" behind the formula guard; 依据 */
    assert_non_null(strstr(f.buf, ",到场率,≥95%,96%,20,20.00,ge-met,100.00,优,a.jx:13:13,,≥,%,,,,,60,20"
                                  ",,,,,,,,,,,,,," ",≥90%,,\n"));
    assert_non_null(strstr(f.buf, ",到岗率,≥95%,96%,20,20.00,ge-met,100.00,优,a.jx:14:13,,≥,%,,,,,60,20"
                                  ",,,,,,,,,,,,,," ",,≥85%,\n"));
    assert_non_null(strstr(f.buf, ",到位率,≥95%,96%,10,10.00,ge-met,100.00,优,a.jx:15:13,,≥,%,,,,,60,20"
                                  ",,,,,,,,,,,,,," ",,'-,\n"));
    assert_non_null(strstr(f.buf, ",响应率,≥95%,96%,20,20.00,ge-met,100.00,优,a.jx:16:13,,≥,%,,,,,60,20"
                                  ",,,,,,,,,,,,,," ",,,行业标准\n"));
    /* 越城区引号项目's first row carries its 单位 (no 资金 row); the formula guard on the
     * target and the sign; quoted for a comma, quotes doubled */
    assert_non_null(strstr(f.buf, "\n越城区引号项目,产出指标,数量指标,巡查次数,'=4次,4次,0,0.00,eq-met,100.00,优,"
                                  "a.jx:33:13,,'=,次,,,,,100,100,越城区引号中心,,,,,,,,,,,,,,,,\n"));
    assert_non_null(strstr(f.buf, "\n越城区引号项目,产出指标,数量指标,\"培训,人次\",≥200人次,210人次,40,40.00,"));
    assert_non_null(strstr(f.buf, "\n越城区引号项目,产出指标,数量指标,\"说\"\"明\"\"次数\",≥2次,2次,30,30.00,"));
    assert_non_null(strstr(f.buf, ",巡检次数,'=4次,4次,30,30.00,eq-met,100.00,优,a.jx:36:13,,'=,次,"
                                  "\"设备\"\"维修\"\",延期\",,,,100,100" NO_PROJECT "\n"));
    fx_sink_free(&f);
}

/* History set by hand (history_set_by_hand, last_year_none_by_hand): written as it is by
 * both ways, the fast one still taking the rows but 维修次数's and 到位率's (a value
 * written as none). */
static void history_by_hand_as_general(void **state)
{
    (void)state;
    size_t fast = 0;
    fx_sink f = csv_both_ways(rows_text, history_set_by_hand, &fast);
    assert_int_equal(fast, 9);
    assert_non_null(strstr(f.buf, ",维修次数,≥5次,6次,10,10.00,ge-met,100.00,优,a.jx:12:13,,≥,次,,,,,60,20"
                                  ",,,,,,,,,,,,,," ",,'-,\n"));
    assert_non_null(strstr(f.buf, ",,≥90%,,\n"));
    assert_non_null(strstr(f.buf, ",,,≥85%,\n"));
    fx_sink_free(&f);
    f = csv_both_ways(rows_text, last_year_none_by_hand, &fast);
    assert_int_equal(fast, 9);
    assert_non_null(strstr(f.buf, ",维修次数,≥5次,6次,10,10.00,ge-met,100.00,优,a.jx:12:13,,≥,次,,,,,60,20"
                                  ",,,,,,,,,,,,,," ",/,,\n"));
    fx_sink_free(&f);
}

/* A project not scored: its rows without 得分, 计分方法, 总分 and 自评结论, by the general
 * path but for the rows of groups without an indicator (3 in 越城区测试项目). */
static void unscored_as_general(void **state)
{
    (void)state;
    size_t fast = 0;
    fx_sink f = csv_both_ways(rows_text, unscored, &fast);
    assert_int_equal(fast, 3);
    assert_non_null(strstr(f.buf, "\n越城区测试项目,产出指标,数量指标,维修次数,≥5次,6次,10,,,,,a.jx:12:13,,≥,次,,,,,60,20"
                                  NO_PROJECT "\n"));
    assert_non_null(strstr(f.buf, "\n越城区测试项目,效益指标,,,,,,,,,,a.jx:21:5,,,,,,,,30," NO_PROJECT "\n"));
    fx_sink_free(&f);
}

/* A group gets a row of its own when it holds no indicator and no 二级 group: in rows_text
 * 质量指标, 效益指标 and 服务对象满意度, after the indicators, in the 自评表's order; never
 * 产出指标, 数量指标 or 满意度指标. The header, 7 + 3 rows of 越城区测试项目, 4 of 越城区引号项目. */
static void groups_without_indicators(void **state)
{
    (void)state;
    size_t fast = 0;
    fx_sink s = csv_both_ways(rows_text, NULL, &fast);
    size_t lines = 0;
    for (const char *c = s.buf; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 1 + 10 + 4);
    /* 项目,一级指标,二级指标, then 三级指标 to 计分方法 empty, 总分 and 自评结论, 位置, 满分
     * empty, 计算符号 to 填报得分 empty, the groups' points, the project's and history cells */
    assert_non_null(strstr(s.buf, ",行业标准\n"
                                  "越城区测试项目,产出指标,质量指标,,,,,,,100.00,优,a.jx:18:9,,,,,,,,60,40" NO_PROJECT "\n"
                                  "越城区测试项目,效益指标,,,,,,,,100.00,优,a.jx:21:5,,,,,,,,30," NO_PROJECT "\n"
                                  "越城区测试项目,满意度指标,服务对象满意度,,,,,,,100.00,优,a.jx:24:9,,,,,,,,10,10"
                                  NO_PROJECT "\n越城区引号项目,"));
    assert_null(strstr(s.buf, ",数量指标,,"));
    assert_null(strstr(s.buf, ",产出指标,,"));
    assert_null(strstr(s.buf, ",满意度指标,,"));
    fx_sink_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(header_and_rows),
        cmocka_unit_test(quoting),
        cmocka_unit_test(unscored_has_empty_scores),
        cmocka_unit_test(history_and_partial_funds),
        cmocka_unit_test(fast_rows_as_general),
        cmocka_unit_test(history_by_hand_as_general),
        cmocka_unit_test(unscored_as_general),
        cmocka_unit_test(groups_without_indicators),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
