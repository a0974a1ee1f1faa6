/* SPDX-License-Identifier: MIT */
/* test_report_template.c — the actuals template: BOM, header, one empty row per indicator
 * (the CSV), and the workbook's sheets, header cells, protection and drop-downs (xlsx). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_fixture.h"
#include "report.h"
#include "zip_entry.h"

static const char bom_header[] =
    "\xEF\xBB\xBF主管部门,单位,项目,一级指标,二级指标,三级指标,指标性质,年度指标值,权重,实际完成值,评定,"
    "偏差原因分析及改进措施,得分,金额单位,年初预算,全年预算,全年执行,实际完成情况,目标偏离原因,整改措施\n";

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
    /* 实际完成值, 评定, 偏差原因…, 得分 empty although the project has actuals (≥60个 here) and
     * 得分; the first row carries the 金额单位 (万元) and the project's 6 cells (年初预算 …
     * 整改措施), empty although the project has 资金 rows */
    assert_non_null(strstr(s.buf, "\n301-大数据管理,301001-绍兴市越城区大数据发展管理中心（本级）,越城区电子政务云资源服务项目,产出指标,数量指标,接入系统数量,定量,≥60个,30,,,,,万元,,,,,,\n"));
    /* "=1年" written "＝1年", so a spreadsheet does not take it for a formula */
    /* (the project's other rows leave 金额单位 and its cells empty: 4 + 1 + 6 empty fields) */
    assert_non_null(strstr(s.buf, "\n301-大数据管理,301001-绍兴市越城区大数据发展管理中心（本级）,越城区电子政务云资源服务项目,产出指标,数量指标,运行保障期限,定量,＝1年,20,,,,,,,,,,,\n"));
    assert_non_null(strstr(s.buf, "\n301-大数据管理,301001-绍兴市越城区大数据发展管理中心（本级）,越城区电子政务云资源服务项目,产出指标,时效指标,执行率,定量,≥95%,10,,,,,,,,,,,\n"));
    /* a 定性 target shows its text, and 定性 */
    assert_non_null(strstr(s.buf, "\n301-大数据管理,301001-绍兴市越城区大数据发展管理中心（本级）,越城区电子政务云资源服务项目,效益指标,经济效益,工作效率,定性,提升,15,,,,,,,,,,,\n"));
    assert_non_null(strstr(s.buf, "\n301-大数据管理,301001-绍兴市越城区大数据发展管理中心（本级）,越城区电子政务云资源服务项目,满意度指标,服务对象满意度,服务对象满意率,定量,≥90%,10,,,,,,,,,,,\n"));
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
    assert_non_null(strstr(scored.buf, "\n,,\"测试\"\"项目\"\",\\一\n二\",产出指标,数量指标,接入系统数量,定量,≥60个,12.5,,,,,,,,,,,\n"));
    /* no weight: an empty 权重 cell; "==" is one sign, written "＝" */
    assert_non_null(strstr(scored.buf, ",\"巡检,次数\",定量,＝4次,,,,,,,,,,,,\n"));
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

/* ------------------------------------------------------------------ the workbook */

/* The yuecheng project's template as a workbook, in a sink. */
static fx_sink render_book(jx_project *p)
{
    fx_sink s = {NULL, 0, 0, 0};
    jx_writer *wr = NULL;
    assert_int_equal(jx_template_writer_create(&wr, JX_FORMAT_XLSX, 0, fx_sink_write, &s, NULL), JX_OK);
    if (p)
        assert_int_equal(jx_writer_project(wr, p), JX_OK);
    assert_int_equal(jx_writer_finish(wr), JX_OK);
    jx_writer_destroy(wr);
    return s;
}

/* Occurrences of needle in hay. */
static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *q = hay; (q = strstr(q, needle)); q += strlen(needle))
        n++;
    return n;
}

/* The style index (s="N") of the cell ref in the sheet XML; -1 when the cell is missing. */
static int cell_style(const char *sheet, const char *ref)
{
    char key[32];
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    const char *c = strstr(sheet, key);
    if (!c)
        return -1;
    const char *end = strchr(c, '>');
    const char *st = strstr(c, " s=\"");
    return st && st < end ? atoi(st + 4) : 0;
}

/* True when the cell format number idx of styles.xml's <cellXfs> is unlocked
 * (<protection locked="0"/>); Excel takes a format without <protection> as locked. */
static bool xf_unlocked(const char *styles, int idx)
{
    const char *xf = strstr(styles, "<cellXfs");
    assert_non_null(xf);
    for (int i = 0; i <= idx; i++) {
        xf = strstr(xf + 1, "<xf ");
        assert_non_null(xf);
    }
    const char *tag_end = strchr(xf, '>');
    const char *end = tag_end[-1] == '/' ? tag_end : strstr(xf, "</xf>");
    const char *lk = strstr(xf, "locked=\"0\"");
    return lk && lk < end;
}

static void workbook_sheets_and_header(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    fx_sink s = render_book(&p);
    char *wb = jx_test_zip_entry(s.buf, s.len, "xl/workbook.xml");
    /* two sheets, 指标 first */
    const char *a = strstr(wb, "name=\"指标\""), *b = strstr(wb, "name=\"项目\"");
    assert_non_null(a);
    assert_non_null(b);
    assert_true(a < b);
    assert_int_equal(count_of(wb, "<sheet "), 2);
    char *ind = jx_test_zip_entry(s.buf, s.len, "xl/worksheets/sheet1.xml");
    char *proj = jx_test_zip_entry(s.buf, s.len, "xl/worksheets/sheet2.xml");
    /* the header rows, in order, as actuals.c reads them back */
    static const char *const ih[] = {"主管部门", "单位", "项目", "一级指标", "二级指标", "三级指标", "指标性质",
                                     "年度指标值", "权重", "实际完成值", "评定", "偏差原因分析及改进措施", "得分"};
    const char *at = ind;
    for (size_t i = 0; i < sizeof ih / sizeof ih[0]; i++) {
        char t[64];
        snprintf(t, sizeof t, "<t>%s</t>", ih[i]);
        const char *q = strstr(at, t);
        assert_non_null(q);
        at = q;
    }
    static const char *const ph[] = {"主管部门", "单位", "项目", "金额单位", "年初预算", "全年预算",
                                     "全年执行", "实际完成情况", "目标偏离原因", "整改措施"};
    at = proj;
    for (size_t i = 0; i < sizeof ph / sizeof ph[0]; i++) {
        char t[64];
        snprintf(t, sizeof t, "<t>%s</t>", ph[i]);
        const char *q = strstr(at, t);
        assert_non_null(q);
        at = q;
    }
    /* 1 header + 6 indicator rows; 1 header + 1 project row */
    assert_int_equal(count_of(ind, "<row "), 7);
    assert_int_equal(count_of(proj, "<row "), 2);
    /* the 指标性质 of 工作效率 (定性) and of the others (定量); the 金额单位 */
    assert_int_equal(count_of(ind, "<t>定性</t>"), 1);
    assert_int_equal(count_of(ind, "<t>定量</t>"), 5);
    assert_non_null(strstr(proj, "<t>万元</t>"));
    /* frozen header, A4 (paperSize 9) landscape fitted to the width, header repeated */
    for (char *sh = ind; sh; sh = sh == ind ? proj : NULL) {
        assert_non_null(strstr(sh, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
        assert_non_null(strstr(sh, "paperSize=\"9\""));
        assert_non_null(strstr(sh, "orientation=\"landscape\""));
        assert_non_null(strstr(sh, "<pageSetUpPr fitToPage=\"1\"/>"));
        assert_non_null(strstr(sh, "<sheetProtection sheet=\"1\""));
    }
    char *names = jx_test_zip_entry(s.buf, s.len, "xl/workbook.xml");
    assert_int_equal(count_of(names, "_xlnm.Print_Titles"), 2);
    free(names);
    free(wb);
    free(ind);
    free(proj);
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void workbook_locks_and_dropdowns(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    fx_sink s = render_book(&p);
    char *ind = jx_test_zip_entry(s.buf, s.len, "xl/worksheets/sheet1.xml");
    char *proj = jx_test_zip_entry(s.buf, s.len, "xl/worksheets/sheet2.xml");
    char *styles = jx_test_zip_entry(s.buf, s.len, "xl/styles.xml");
    /* the order of the 自评表: 接入系统数量, 运行保障期限, 执行率 (rows 2–4), 工作效率 (row 5, the
     * only 定性 one), …: one drop-down, on K5 (评定), with the three words */
    assert_int_equal(count_of(ind, "<dataValidation "), 1);
    assert_non_null(strstr(ind, "sqref=\"K5\""));
    assert_non_null(strstr(ind, "<formula1>\"达成,部分达成,未达成\"</formula1>"));
    /* the 项目 sheet: 年初预算 (E), 全年预算 (F) and 全年执行 (G) take decimals ≥ 0, the same rule
     * thrice; the texts after them (H–J) none */
    assert_int_equal(count_of(proj, "<dataValidation "), 3);
    assert_int_equal(count_of(proj, "type=\"decimal\" operator=\"greaterThanOrEqual\""), 3);
    assert_int_equal(count_of(proj, "<formula1>0</formula1>"), 3);
    assert_non_null(strstr(proj, "sqref=\"E2\""));
    assert_non_null(strstr(proj, "sqref=\"F2\""));
    assert_non_null(strstr(proj, "sqref=\"G2\""));
    assert_null(strstr(proj, "sqref=\"H2\""));
    /* cells to read locked, cells to fill unlocked: row 2 of each sheet, every column */
    for (char col = 'A'; col <= 'M'; col++) {
        char ref[4] = {col, '2', 0};
        int st = cell_style(ind, ref);
        assert_true(st >= 0);
        assert_int_equal(xf_unlocked(styles, st), col >= 'J');
    }
    for (char col = 'A'; col <= 'J'; col++) {
        char ref[4] = {col, '2', 0};
        int st = cell_style(proj, ref);
        assert_true(st >= 0);
        assert_int_equal(xf_unlocked(styles, st), col >= 'E');
    }
    /* the header cells are locked too */
    assert_false(xf_unlocked(styles, cell_style(ind, "J1")));
    free(ind);
    free(proj);
    free(styles);
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void workbook_same_bytes_and_no_project(void **state)
{
    (void)state;
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    fx_sink a = render_book(&p), b = render_book(&p);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.buf, b.buf, a.len);
    fx_sink_free(&a);
    fx_sink_free(&b);
    /* no project: both sheets, their headers only */
    fx_sink e = render_book(NULL);
    char *ind = jx_test_zip_entry(e.buf, e.len, "xl/worksheets/sheet1.xml");
    assert_int_equal(count_of(ind, "<row "), 1);
    free(ind);
    fx_sink_free(&e);
    /* formats without a template are refused; csv is the CSV template */
    jx_writer *wr = NULL;
    assert_int_equal(jx_template_writer_create(&wr, JX_FORMAT_JSON, 0, fx_sink_write, &e, NULL), JX_ERR_USAGE);
    assert_null(wr);
    assert_int_equal(jx_template_writer_create(&wr, JX_FORMAT_TEMPLATE, 0, fx_sink_write, &e, NULL), JX_ERR_USAGE);
    assert_int_equal(jx_template_writer_create(&wr, JX_FORMAT_CSV, 0, fx_sink_write, &e, NULL), JX_OK);
    jx_writer_destroy(wr);
    jx_project_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_name_parses),
        cmocka_unit_test(bom_header_and_rows),
        cmocka_unit_test(quoting_weights_and_scores_ignored),
        cmocka_unit_test(several_projects_and_none),
        cmocka_unit_test(workbook_sheets_and_header),
        cmocka_unit_test(workbook_locks_and_dropdowns),
        cmocka_unit_test(workbook_same_bytes_and_no_project),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
