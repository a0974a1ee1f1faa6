/* SPDX-License-Identifier: MIT */
/* test_render_grid.c — the form grid of the document model (doc.h, "(form grid)"): the
 * cursor that places cells past those spanning down from above (doc.h), the spans, looks,
 * exact numbers and column measures a builder states, drawn by the HTML and xlsx renderers
 * (render_html.c, render_xlsx.c) for a small document made by hand, and the 自评表's layout
 * as build_form.c states it, read back from the workbook. Expected values worked by hand
 * in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"
#include "zip_entry.h"
#include "doc.h"
#include "report.h"
#include "tmpdir.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------------ the cursor */

static void cursor_skips_cells_from_above(void **state)
{
    (void)state;
    jx_grid_cursor g;
    jx_grid_start(&g, 3);
    /* row 0: a cell over 2 rows in column 0, then one over columns 1..2 */
    jx_grid_row(&g);
    assert_int_equal(jx_grid_place(&g, 1, 2), 0);
    assert_int_equal(jx_grid_left(&g), 2);
    assert_int_equal(jx_grid_place(&g, 2, 1), 1);
    assert_int_equal(g.at, 3);
    jx_grid_row_end(&g);
    assert_false(jx_grid_closed(&g)); /* column 0 is still taken by row 0's first cell */
    /* row 1: column 0 taken from above, so the first cell goes to column 1 */
    jx_grid_row(&g);
    assert_int_equal(g.at, 1);
    assert_int_equal(jx_grid_left(&g), 2);
    assert_int_equal(jx_grid_place(&g, 1, 1), 1);
    assert_int_equal(jx_grid_place(&g, 1, 1), 2);
    jx_grid_row_end(&g);
    assert_true(jx_grid_closed(&g));
    /* row 2: free again from column 0 */
    jx_grid_row(&g);
    assert_int_equal(g.at, 0);
    assert_int_equal(jx_grid_place(&g, 3, 1), 0);
    jx_grid_row_end(&g);
    assert_true(jx_grid_closed(&g));
}

static void cell_columns_on_each_grid(void **state)
{
    (void)state;
    /* a cell made the usual way is one column on every grid, plain, without a number */
    jx_cell c = jx_cell_of("x", JX_CELL_TEXT);
    assert_int_equal(jx_grid_cols(&c, JX_GRID_PAGE), 1);
    assert_int_equal(jx_grid_cols(&c, JX_GRID_SHEET), 1);
    assert_int_equal(c.look, JX_LOOK_PLAIN);
    assert_int_equal(c.align, JX_ALIGN_AUTO);
    assert_false(c.num.set);
    /* two columns on the page, joined to the cell before it on the sheet */
    c.cols[JX_GRID_PAGE] = 2;
    c.cols[JX_GRID_SHEET] = JX_COLS_JOINED;
    assert_int_equal(jx_grid_cols(&c, JX_GRID_PAGE), 2);
    assert_int_equal(jx_grid_cols(&c, JX_GRID_SHEET), 0);
}

/* ------------------------------------------------------------------ a small document */

/* Three columns on both grids: the page's 33.3% + 33.3% + 33.4%; the sheet's 10 to 30 wide. */
static const uint16_t share[3] = {333, 333, 334};
static const uint8_t wmin[3] = {10, 10, 10};
static const uint8_t wmax[3] = {30, 30, 30};
static const jx_grid grid3 = {.ncols = {3, 3}, .page_share = share, .sheet_min = wmin, .sheet_max = wmax};

/* On the sheet the head's second cell takes two columns (the page has the heads a column
 * each, after the section's label). */
static const jx_cell sheet_head[2] = {
    {.s = "甲", .rows = 1, .kind = JX_CELL_LABEL},
    {.s = "乙", .rows = 1, .kind = JX_CELL_LABEL, .cols = {1, 2}},
};
static const char *const heads[2] = {"甲", "乙"};

/* Draws the document through renderer r into a fresh sink:
 *   a part 表（2024年度）;
 *   the field 名称 · 值 (the label a column, the value two, on both grids);
 *   a table under 节 (the section's label on the page only, over the head and its one body
 *     row), a group row 一二三四五六七八九十 · 1.5 (stored 15 × 10^-1 with 2 places), and a
 *     closing row 合计 over two page columns (starting in the section's column) · 1.5;
 *   the conclusion 很长…（not measured）· 优 · 注. */
static fx_sink draw(const jx_renderer *r, jx_format fmt)
{
    fx_sink s = {NULL, 0, 0, 0};
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, fmt, 0, fx_sink_write, &s, NULL), JX_OK);
    const jx_doc_head h = {.title = "文档", .empty = "无"};
    r->doc_begin(wr, &h);
    const jx_part pt = {.title = "表", .caption = "（2024年度）", .name = "甲", .grid = &grid3, .file = "a.jx"};
    r->part_begin(wr, &pt);
    const jx_field fv[1] = {{.label = "名称", .value = "值"}};
    static const jx_field_place place[1] = {{.label_cols = {1, 1}, .value_cols = {2, 2}}};
    static const jx_fields_grid fg = {.v = place};
    const jx_fields f = {.heading = "", .v = fv, .n = 1, .per_row = 1, .grid = &fg};
    r->fields(wr, &f);
    const jx_table_spec t = {
        .heading = "节",
        .head = heads,
        .align = "lr",
        .ncols = 2,
        .nrows = 2,
        .nfoot = 1,
        .grid_heading = {"节", NULL},
        .heading_cols = {1, 0},
        .grid_head = {NULL, sheet_head},
    };
    r->table_begin(wr, &t);
    jx_cell row[2] = {jx_cell_of("一二三四五六七八九十", JX_CELL_LABEL), jx_cell_of("1.5", JX_CELL_NUMBER)};
    row[0].look = JX_LOOK_GROUP;
    row[1].num = (jx_cell_num){.v = 15, .scale = 1, .places = 2, .set = 1};
    row[1].cols[JX_GRID_SHEET] = 2;
    r->row(wr, row);
    jx_cell foot[2] = {jx_cell_of("合计", JX_CELL_LABEL), row[1]};
    foot[0].look = JX_LOOK_STRONG;
    foot[0].cols[JX_GRID_PAGE] = 2;
    r->row(wr, foot);
    r->table_end(wr);
    const jx_verdict v = {.label = "很长很长很长很长很长很长很长很长", .grade = "优", .detail = ""};
    const jx_conclusion c = {
        .full_label = "", .full_value = "", .v = &v, .n = 1, .note = "注", .label_cols = {1, 1}, .grade_cols = {1, 1}};
    r->conclusion(wr, &c);
    r->findings(wr, NULL, 0);
    r->part_end(wr);
    r->doc_end(wr, &h, 1);
    jx_out_flush(wr);
    assert_int_equal(wr->err, JX_OK);
    jx_writer_destroy(wr);
    return s;
}

static void html_draws_the_grid(void **state)
{
    (void)state;
    fx_sink s = draw(&jx_render_html, JX_FORMAT_HTML);
    const char *t = s.buf;
    /* the shares in tenths of a percent: 333 → 33.3% */
    assert_non_null(strstr(t, "<table class=\"form\">\n<colgroup><col style=\"width: 33.3%\"><col style=\"width: "
                              "33.3%\"><col style=\"width: 33.4%\"></colgroup>\n<tbody>\n"));
    /* 1 + 2 = 3 columns */
    assert_non_null(strstr(t, "<tr><th scope=\"row\">名称</th><td colspan=\"2\" class=\"l\">值</td></tr>\n"));
    /* the section's label over the head row and the one row before the closing one: 1 + 2 − 1 */
    assert_non_null(strstr(t, "<tr><th scope=\"rowgroup\" rowspan=\"2\">节</th><th scope=\"col\">甲</th>"
                              "<th scope=\"col\">乙</th></tr>\n"));
    assert_non_null(strstr(t, "<tr><th scope=\"rowgroup\" class=\"g\">一二三四五六七八九十</th><td>1.5</td></tr>\n"));
    /* the closing row from the first column: 2 + 1 */
    assert_non_null(strstr(t, "<tr><th scope=\"row\" colspan=\"2\" class=\"k\">合计</th><td>1.5</td></tr>\n"));
    /* 1 + 1 + the rest, 1 */
    assert_non_null(strstr(t, "<tr><th scope=\"row\" class=\"k\">很长很长很长很长很长很长很长很长</th>"
                              "<td class=\"grade\">优</td><td class=\"note\">注</td></tr>\n</tbody>\n</table>\n"
                              "</section>\n"));
    fx_sink_free(&s);
}

/* The bytes of entry `name` of the workbook in z (free), NUL-terminated. */
static char *zip_entry(const fx_sink *z, const char *name)
{
    return jx_test_zip_entry(z->buf, z->len, name);
}

static void xlsx_lays_out_the_sheet(void **state)
{
    (void)state;
    jx_test_private_tmpdir("grid");
    fx_sink s = draw(&jx_render_xlsx, JX_FORMAT_XLSX);
    assert_memory_equal(s.buf, "PK\x03\x04", 4);
    /* no list: the part's sheet is the first */
    char *x = zip_entry(&s, "xl/worksheets/sheet1.xml");
    /* rows: 1 the title, 2 the caption, 3 名称 · 值 (B3:C3), 4 the head 甲 · 乙 (B4:C4; no
     * section label on the sheet), 5 the group · 1.5 (B5:C5), 6 合计 · 1.5 (B6:C6), 7 the
     * conclusion a column each */
    assert_non_null(strstr(x, "<mergeCells count=\"6\"><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"A2:C2\"/>"
                              "<mergeCell ref=\"B3:C3\"/><mergeCell ref=\"B4:C4\"/><mergeCell ref=\"B5:C5\"/>"
                              "<mergeCell ref=\"B6:C6\"/></mergeCells>"));
    /* 15 × 10^-1 stored as the number 1.5 */
    assert_non_null(strstr(x, "<c r=\"B5\" s=\""));
    assert_non_null(strstr(strstr(x, "<c r=\"B5\""), "<v>1.5</v>"));
    /* column A: the group label, 20 display cells × 1.1 + 2 = 24 (libxlsxwriter adds its
     * 0.7109375 of padding); the conclusion's longer label is not measured, or A would be
     * 32 × 1.1 + 2 = 37.2, cut to 30; B and C at their narrowest, 10 */
    assert_non_null(strstr(x, "<col min=\"1\" max=\"1\" width=\"24.7109375\" customWidth=\"1\"/>"));
    assert_non_null(strstr(x, "<col min=\"2\" max=\"2\" width=\"10.7109375\" customWidth=\"1\"/>"));
    free(x);
    fx_sink_free(&s);
}

/* ------------------------------------------------------------------ the 自评表's layout */

static void form_layout_on_the_sheet(void **state)
{
    (void)state;
    jx_test_private_tmpdir("grid");
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_XLSX, 0, ps, 1);
    char *x = zip_entry(&s, "xl/worksheets/sheet2.xml");
    /* 1 title A1:H1; 2 （2024年度） A2:H2; 3 项目名称 · name B3:H3 (1 + 7); 4 主管部门 · B4:D4,
     * 预算单位 · F4:H4 (1 + 3 + 1 + 3); 5–7 项目资金（万元） A5:A7 (the head and 2 rows), 执行率
     * over F..H in the head and both rows; 8–9 年度总体目标 A8:A9, 预期目标 B8:E8 over B9:E9,
     * 实际完成情况 F8:H8 over F9:H9 (目标偏离原因分析 and 整改措施及建议 not given: no rows);
     * 10 the indicators' head; 11–15 产出指标 (5 rows), 11–12 数量指标 (2); 16–19 效益指标 (4);
     * 20 满意度指标, one row: not merged; 21 总分 A21:E21 (5 columns); 22 自评结论 · 优 ·
     * the bands C22:H22 (1 + 1 + 6); 23 blank; 24 the foot: 填报人 A24:B24, 审核人 C24:D24,
     * 联系电话 E24:F24, 填报日期 G24:H24 (2 + 2 + 2 + 2); 25 blank; 26 警告（1） and 27 the
     * finding across: 21 merges before the foot, 4 in it = 25. The sheet is written in order,
     * a row at a time, and a range is merged once its last row is written: so they are listed
     * by their last row, a range over rows before the ranges of that row alone (A5:A7 after
     * F6:H6 and before F7:H7; A8:A9 after F8:H8; B11:B12 at 12, then A11:A15 at 15) */
    assert_non_null(strstr(x, "<mergeCells count=\"25\"><mergeCell ref=\"A1:H1\"/><mergeCell ref=\"A2:H2\"/>"
                              "<mergeCell ref=\"B3:H3\"/><mergeCell ref=\"B4:D4\"/><mergeCell ref=\"F4:H4\"/>"
                              "<mergeCell ref=\"F5:H5\"/><mergeCell ref=\"F6:H6\"/><mergeCell ref=\"A5:A7\"/>"
                              "<mergeCell ref=\"F7:H7\"/><mergeCell ref=\"B8:E8\"/><mergeCell ref=\"F8:H8\"/>"
                              "<mergeCell ref=\"A8:A9\"/><mergeCell ref=\"B9:E9\"/><mergeCell ref=\"F9:H9\"/>"
                              "<mergeCell ref=\"B11:B12\"/><mergeCell ref=\"A11:A15\"/><mergeCell ref=\"A16:A19\"/>"
                              "<mergeCell ref=\"A21:E21\"/><mergeCell ref=\"C22:H22\"/><mergeCell ref=\"A24:B24\"/>"
                              "<mergeCell ref=\"C24:D24\"/><mergeCell ref=\"E24:F24\"/><mergeCell ref=\"G24:H24\"/>"
                              "<mergeCell ref=\"A26:H26\"/><mergeCell ref=\"A27:H27\"/></mergeCells>"));
    /* a merge's cells below its first row are there, blank in its style (the 项目资金 label's
     * LABEL, s="3", and its 执行率 column's percentage, s="7") */
    assert_non_null(strstr(x, "<row r=\"7\" ht=\"30.5\" customHeight=\"1\"><c r=\"A7\" s=\"3\"/>"));
    assert_non_null(strstr(x, "<c r=\"G7\" s=\"7\"/><c r=\"H7\" s=\"7\"/></row>"));
    /* styles are numbered as they are first written, row by row, and the list (sheet 1) is
     * written at the end: 1 the title, 2 the caption, 3 a label (A3), 4 text (B3), 5 a head
     * (B5), 6 a number of two places (C6), 7 a percentage (F7); the foot's cells share the
     * eighth, whose border is ruled under only: a line to write on */
    assert_non_null(strstr(x, "<c r=\"A24\" s=\"8\" t=\"inlineStr\"><is><t>填报人：</t></is></c>"));
    assert_non_null(strstr(x, "<c r=\"B24\" s=\"8\"/><c r=\"C24\" s=\"8\" t=\"inlineStr\">"));
    assert_non_null(strstr(x, "<c r=\"H24\" s=\"8\"/>"));
    char *st = zip_entry(&s, "xl/styles.xml");
    const char *xfs = strstr(st, "<cellXfs");
    assert_non_null(xfs);
    const char *xf8 = xfs;
    for (int i = 0; i <= 8 && xf8; i++)
        xf8 = strstr(xf8 + 1, "<xf ");
    assert_non_null(xf8);
    assert_non_null(strstr(st, "<border><left/><right/><top/><bottom style=\"thin\"><color auto=\"1\"/></bottom>"
                               "<diagonal/></border></borders>"));
    assert_int_equal(strncmp(strstr(xf8, "borderId="), "borderId=\"2\"", 12), 0); /* the third border */
    free(st);
    /* 一般公共预算资金: 366, 358.35, 358.35 and 358.35 / 358.35 = 1 (100.00%) as numbers */
    assert_non_null(strstr(x, "<c r=\"C7\" s=\"6\"><v>366</v></c><c r=\"D7\" s=\"6\"><v>358.35</v></c>"
                              "<c r=\"E7\" s=\"6\"><v>358.35</v></c><c r=\"F7\" s=\"7\"><v>1</v></c>"));
    /* the head row (10) repeats on every printed page; the form and its foot (rows 1–24) are the
     * print area */
    char *wb = zip_entry(&s, "xl/workbook.xml");
    assert_non_null(strstr(wb, "_xlnm.Print_Titles\" localSheetId=\"1\">'越城区电子政务云资源服务项目'!$10:$10"));
    assert_non_null(strstr(wb, "_xlnm.Print_Area\" localSheetId=\"1\">'越城区电子政务云资源服务项目'!$A$1:$H$24"));
    free(wb);
    free(x);
    /* the list: 序号 1, the unit without its code, the name, 总分 100 stored as a number, 优,
     * under the year's title (its strings in the cells: the book is written in order). 序号 is
     * the first number of no places, the tenth style (after the form's nine); 总分 has the
     * form's two places, s="6" */
    char *list = zip_entry(&s, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(list, "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>2024年项目支出绩效自评结果清单</t>"));
    assert_non_null(strstr(list, "<c r=\"A3\" s=\"10\"><v>1</v></c>"
                                 "<c r=\"B3\" s=\"4\" t=\"inlineStr\"><is><t>绍兴市越城区大数据发展管理中心（本级）</t>"));
    assert_non_null(strstr(list, "<c r=\"D3\" s=\"6\"><v>100</v></c>"));
    free(list);
    fx_sink_free(&s);
    jx_project_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cursor_skips_cells_from_above),
        cmocka_unit_test(cell_columns_on_each_grid),
        cmocka_unit_test(html_draws_the_grid),
        cmocka_unit_test(xlsx_lays_out_the_sheet),
        cmocka_unit_test(form_layout_on_the_sheet),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(jx_test_private_tmpdir("grid"));
    return rc;
}
