/* SPDX-License-Identifier: MIT */
/* test_render_sheet.c — what the 复核 sheet added to the document model (doc.h, "the 复核
 * sheet"): fields the grids show beyond the block's and those one grid leaves out, a fields
 * block on a page grid of its own, a head of two rows with a column group, a marked value,
 * a blank merged over its rows, a verdict's detail set off on the page and in a cell of its
 * own on the sheet, notes, the page style, a sheet printed across the page, and a list with
 * its own title, rows as tall as their text, a filter over its head alone and printed across.
 * A small document made by hand is drawn by render_html.c and render_xlsx.c; expected
 * values worked by hand in the comments. And the 复核 workbook, drawn by render_xlsx.c,
 * bounded at JX_XLSX_PROJECTS_MAX sheets. */
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

/* ------------------------------------------------------------------ the fields helpers */

static const jx_field block_fields[1] = {{.label = "名称", .value = "值"}};
static const jx_field grid_fields_v[3] = {
    {.label = "名称", .value = "值"},
    {.label = "来源", .value = "a.jx:3"},
    {.label = "页", .value = "p"},
};
/* 来源 is on the sheet only, 页 on the page only */
static const jx_field_place places[3] = {
    {.label_cols = {1, 1}, .value_cols = {1, 2}},
    {.label_cols = {1, 1}, .value_cols = {1, 2}, .off = {1, 0}},
    {.label_cols = {1, 1}, .value_cols = {1, 2}, .off = {0, 1}},
};

static void fields_each_grid_shows(void **state)
{
    (void)state;
    /* without a list of its own the grid shows the block's one field */
    const jx_fields_grid plain = {.v = places};
    const jx_fields f1 = {.heading = "", .v = block_fields, .n = 1, .per_row = 1, .grid = &plain};
    size_t n;
    assert_ptr_equal(jx_grid_fields(&f1, &n), block_fields);
    assert_int_equal(n, 1);
    /* with one, its three */
    const jx_fields_grid more = {.v = places, .fields = grid_fields_v, .n = 3};
    const jx_fields f3 = {.heading = "", .v = block_fields, .n = 1, .per_row = 1, .grid = &more};
    assert_ptr_equal(jx_grid_fields(&f3, &n), grid_fields_v);
    assert_int_equal(n, 3);
    /* the page shows 0 and 2 (1 is off there): from 0, 0; from 1, 2; from 3, none (3) */
    assert_int_equal(jx_grid_field_next(&more, 0, 3, JX_GRID_PAGE), 0);
    assert_int_equal(jx_grid_field_next(&more, 1, 3, JX_GRID_PAGE), 2);
    assert_int_equal(jx_grid_field_next(&more, 3, 3, JX_GRID_PAGE), 3);
    /* the sheet shows 0 and 1 (2 is off there): from 2, none */
    assert_int_equal(jx_grid_field_next(&more, 1, 3, JX_GRID_SHEET), 1);
    assert_int_equal(jx_grid_field_next(&more, 2, 3, JX_GRID_SHEET), 3);
}

/* ------------------------------------------------------------------ a small sheet */

/* The part's grid "t": three columns, 20% + 30% + 50% of the page, 10 to 30 wide on the
 * sheet, printed across the page. The head's own page grid "h": 40% + 60%. */
static const uint16_t t_share[3] = {200, 300, 500};
static const uint8_t t_min[3] = {10, 10, 10};
static const uint8_t t_max[3] = {30, 30, 30};
static const jx_grid t_grid = {
    .ncols = {3, 3}, .page_share = t_share, .sheet_min = t_min, .sheet_max = t_max, .name = "t", .landscape = 1};
static const uint16_t h_share[2] = {400, 600};
static const jx_grid h_grid = {.ncols = {2, 0}, .page_share = h_share, .name = "h"};

/* The list: two columns 6 to 10 wide, its own title, rows fitted, filtered even empty,
 * across the page. */
static const char *const list_head[2] = {"名称", "分"};
static const uint8_t list_min[2] = {6, 6};
static const uint8_t list_max[2] = {10, 10};
static const jx_doc_list list = {
    .name = "清单",
    .title = "清单标题",
    .head = list_head,
    .min = list_min,
    .max = list_max,
    .ncols = 2,
    .own_title = 1,
    .fit_rows = 1,
    .filter_empty = 1,
    .landscape = 1,
};
static const jx_doc_head head = {.title = "文档", .empty = "无", .list = &list, .style = JX_STYLE_SHEET};

/* The head of the table on both grids, two rows: 甲 over both; 组 over 乙 and 丙. */
static const jx_cell two_row_head[6] = {
    {.s = "甲", .rows = 2, .kind = JX_CELL_LABEL},
    {.s = "组", .rows = 1, .kind = JX_CELL_LABEL, .cols = {2, 2}},
    {.s = "", .rows = 1, .kind = JX_CELL_LABEL, .cols = {JX_COLS_JOINED, JX_COLS_JOINED}},
    {.s = "", .rows = 0, .kind = JX_CELL_LABEL, .covered = 1},
    {.s = "乙", .rows = 1, .kind = JX_CELL_LABEL},
    {.s = "丙", .rows = 1, .kind = JX_CELL_LABEL},
};
static const char *const heads[3] = {"甲", "乙", "丙"};

/* Draws through renderer r into a fresh sink, with `parts` parts (0 or 1):
 *   a part 表 on the grid t, its row of the list 一二三四五六七八九十 · 1.5;
 *   the fields 名称 · 值 (on the page alone on h, on the sheet beside nothing: 1 + 2), 来源 ·
 *     a.jx:3 (the sheet only), 页 · p (the page only);
 *   the table under the two-row head: a blank merged over both rows, 1.5 marked, the
 *     ten-character text; under it (covered), 0.00, y;
 *   the verdict 结论 · 优 ·（说明）: on the page the grade over the last two columns with the
 *     detail, on the sheet a column each; no note;
 *   the note 注一. */
static fx_sink draw(const jx_renderer *r, jx_format fmt, int parts)
{
    fx_sink s = {NULL, 0, 0, 0};
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, fmt, 0, fx_sink_write, &s, NULL), JX_OK);
    r->doc_begin(wr, &head);
    for (int p = 0; p < parts; p++) {
        jx_cell list_row[2] = {jx_cell_of("一二三四五六七八九十", JX_CELL_TEXT), jx_cell_of("1.5", JX_CELL_NUMBER)};
        list_row[1].num = (jx_cell_num){.v = 15, .scale = 1, .places = 2, .set = 1};
        const jx_part pt = {.title = "表", .caption = "", .name = "甲", .grid = &t_grid, .list_row = list_row};
        r->part_begin(wr, &pt);
        const jx_fields_grid fg = {.v = places, .fields = grid_fields_v, .n = 3, .own = &h_grid};
        const jx_fields f = {.heading = "", .v = block_fields, .n = 1, .per_row = 1, .grid = &fg};
        r->fields(wr, &f);
        const jx_table_spec t = {
            .heading = "",
            .role = JX_TABLE_GRID,
            .head = heads,
            .align = "lrl",
            .ncols = 3,
            .nrows = 2,
            .grid_head = {two_row_head, two_row_head},
            .head_rows = {2, 2},
        };
        r->table_begin(wr, &t);
        jx_cell a[3] = {jx_cell_of("", JX_CELL_LABEL), jx_cell_of("1.5", JX_CELL_NUMBER),
                        jx_cell_of("一二三四五六七八九十", JX_CELL_TEXT)};
        a[0].rows = 2;
        a[0].blank = a[0].span_blank = 1;
        a[1].num = (jx_cell_num){.v = 15, .scale = 1, .places = 2, .set = 1};
        a[1].look = JX_LOOK_MARKED;
        r->row(wr, a);
        jx_cell b[3] = {{.s = "", .rows = 0, .kind = JX_CELL_LABEL, .covered = 1}, jx_cell_of("0.00", JX_CELL_NUMBER),
                        jx_cell_of("y", JX_CELL_TEXT)};
        b[1].num = (jx_cell_num){.v = 0, .scale = 2, .places = 2, .set = 1};
        r->row(wr, b);
        r->table_end(wr);
        const jx_verdict v = {.label = "结论", .grade = "优", .detail = "（说明）"};
        const jx_conclusion c = {
            .full_label = "",
            .full_value = "",
            .v = &v,
            .n = 1,
            .note = "",
            .label_cols = {1, 1},
            .grade_cols = {2, 1},
            .detail_cols = {0, 1},
        };
        r->conclusion(wr, &c);
        const char *const nv[1] = {"注一"};
        const jx_notes ns = {.v = nv, .n = 1};
        r->notes(wr, &ns);
        r->part_end(wr);
    }
    r->doc_end(wr, &head, (size_t)parts);
    jx_out_flush(wr);
    assert_int_equal(wr->err, JX_OK);
    jx_writer_destroy(wr);
    return s;
}

static void html_draws_the_sheet(void **state)
{
    (void)state;
    fx_sink s = draw(&jx_render_html, JX_FORMAT_HTML, 1);
    const char *t = s.buf;
    /* the working sheet's style, not the form's */
    assert_non_null(strstr(t, "table.review td.grade b { font-size: 12pt; }\n"));
    assert_null(strstr(t, "table.form {"));
    /* the head on its own grid h: 名称 · 值 (1 + 1); 来源 is not on the page; 页 · p is */
    assert_non_null(strstr(t, "<h1>表</h1>\n<table class=\"h\">\n<colgroup><col style=\"width: 40%\">"
                              "<col style=\"width: 60%\"></colgroup>\n<tbody>\n"
                              "<tr><th scope=\"row\">名称</th><td class=\"l\">值</td></tr>\n"
                              "<tr><th scope=\"row\">页</th><td class=\"l\">p</td></tr>\n</tbody>\n</table>\n"));
    assert_null(strstr(t, "来源"));
    /* the table opens the grid t: its two head rows are the <thead>; 甲 over both rows, 组 a
     * column group over 乙 and 丙 (1 + 2 columns, then the 2 left under 组) */
    assert_non_null(strstr(t, "<table class=\"t\">\n<colgroup><col style=\"width: 20%\"><col style=\"width: 30%\">"
                              "<col style=\"width: 50%\"></colgroup>\n<thead>\n"
                              "<tr><th scope=\"col\" rowspan=\"2\">甲</th><th scope=\"colgroup\" colspan=\"2\">组</th></tr>\n"
                              "<tr><th scope=\"col\">乙</th><th scope=\"col\">丙</th></tr>\n</thead>\n<tbody>\n"));
    /* the blank a plain cell over both rows, 1.5 marked (x), the text from the left (l) */
    assert_non_null(strstr(t, "<tr><td rowspan=\"2\"></td><td class=\"x\">1.5</td>"
                              "<td class=\"l\">一二三四五六七八九十</td></tr>\n<tr><td>0.00</td><td class=\"l\">y</td></tr>\n"));
    /* 1 + 2 = 3 columns: no room for a note; the grade set off before its detail */
    assert_non_null(strstr(t, "<tr><th scope=\"row\" class=\"k\">结论</th><td colspan=\"2\" class=\"grade\">"
                              "<b>优</b>（说明）</td></tr>\n</tbody>\n</table>\n<p class=\"note\">注一</p>\n</section>\n"));
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
    jx_test_private_tmpdir("sheet");
    fx_sink s = draw(&jx_render_xlsx, JX_FORMAT_XLSX, 1);
    assert_memory_equal(s.buf, "PK\x03\x04", 4);
    char *x = zip_entry(&s, "xl/worksheets/sheet2.xml");
    /* rows: 1 the title A1:C1; 2 名称 · 值 (B2:C2: the sheet has no grid of the head's own);
     * 3 来源 · a.jx:3 (B3:C3; 页 is not on the sheet); 4–5 the head: 甲 A4:A5, 组 B4:C4, 乙 B5,
     * 丙 C5; 6–7 the blank A6:A7 merged, 1.5 and 0 stored as numbers; 8 结论 A8, 优 B8, （说明）
     * C8, a column each; 9 注一 across A9:C9. Written in order, a range is merged once its last
     * row is written: A4:A5 after B4:C4 */
    assert_non_null(strstr(x, "<mergeCells count=\"7\"><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"B2:C2\"/>"
                              "<mergeCell ref=\"B3:C3\"/><mergeCell ref=\"B4:C4\"/><mergeCell ref=\"A4:A5\"/>"
                              "<mergeCell ref=\"A6:A7\"/><mergeCell ref=\"A9:C9\"/></mergeCells>"));
    assert_non_null(strstr(strstr(x, "<c r=\"B6\""), "<v>1.5</v>"));
    assert_non_null(strstr(x, "<c r=\"C8\""));
    /* column C: the ten characters, 20 display cells × 1.1 + 2 = 24 (libxlsxwriter adds its
     * 0.7109375); A and B at their narrowest, 10 */
    assert_non_null(strstr(x, "<col min=\"3\" max=\"3\" width=\"24.7109375\" customWidth=\"1\"/>"));
    assert_non_null(strstr(x, "<col min=\"1\" max=\"1\" width=\"10.7109375\" customWidth=\"1\"/>"
                              "<col min=\"2\" max=\"2\" width=\"10.7109375\" customWidth=\"1\"/>"));
    /* printed across the page */
    assert_non_null(strstr(x, "orientation=\"landscape\""));
    free(x);
    /* both head rows (4–5) repeat on every printed page; the notes are in the print area */
    char *wb = zip_entry(&s, "xl/workbook.xml");
    assert_non_null(strstr(wb, "_xlnm.Print_Titles\" localSheetId=\"1\">'甲'!$4:$5"));
    assert_non_null(strstr(wb, "_xlnm.Print_Area\" localSheetId=\"1\">'甲'!$A$1:$C$9"));
    free(wb);
    /* the list's own title in its first row, its strings in the cells (the book is written in
     * order); its row: the name in column A at its widest, 10: (10 − 2) / 1.1 = 7 display cells
     * a line, 20 cells on 3 lines, 3 × 14.25 + 2 = 44.75 points; the head fits one line */
    char *l = zip_entry(&s, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(l, "<row r=\"1\" ht=\"28\" customHeight=\"1\"><c r=\"A1\" s=\"1\" t=\"inlineStr\">"
                              "<is><t>清单标题</t></is></c>"));
    assert_non_null(strstr(l, "<row r=\"3\" ht=\"44.75\" customHeight=\"1\">"));
    assert_non_null(strstr(l, "<row r=\"2\">"));
    assert_non_null(strstr(l, "<autoFilter ref=\"A2:B3\"/>"));
    assert_non_null(strstr(l, "orientation=\"landscape\""));
    free(l);
    fx_sink_free(&s);
}

static void xlsx_list_alone(void **state)
{
    (void)state;
    jx_test_private_tmpdir("sheet");
    fx_sink s = draw(&jx_render_xlsx, JX_FORMAT_XLSX, 0);
    /* no part: the list alone, its head filtered all the same (A2:B2), its title row 28 high */
    char *l = zip_entry(&s, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(l, "<autoFilter ref=\"A2:B2\"/>"));
    assert_non_null(strstr(l, "<row r=\"1\" ht=\"28\" customHeight=\"1\">"));
    free(l);
    fx_sink_free(&s);
}

/* ------------------------------------------------------------------ the 复核 workbook's bound */

/* The 复核 workbook, drawn by render_xlsx.c like the 自评表's, takes JX_XLSX_PROJECTS_MAX
 * (1000) sheets after its list; the 1001st is refused with JX_ERR_LIMIT, and so is the end:
 * nothing is written. A sheet of one indicator, 10 × 1 / 1 = 10.00 on both sides, 优. */
static void review_book_bounded(void **state)
{
    (void)state;
    jx_test_private_tmpdir("sheet");
    const jx_review_line line = {
        .level1 = "产出指标", .level2 = "数量指标", .name = "接入", .line = 4, .nature = "正向", .target = "≥1",
        .target_text = "≥1个", .unit = "个", .weight_cents = 1000, .self_actual = "1个", .self_cents = 1000,
        .claimed_cents = -1, .review_actual = "1个", .review_cents = 1000, .deduction_cents = -1, .diff_cents = 0,
        .note = "", .basis = JX_REVIEW_UNREVIEWED,
    };
    const jx_review_sheet sheet = {
        .project = "甲", .dept = "", .org = "", .file = "a.jx", .line = 1, .review_file = "r.csv",
        .lines = &line, .nlines = 1, .weight_cents = 1000, .execution_points_cents = -1, .execution_cents = -1,
        .self_total_cents = 1000, .self_grade = JX_GRADE_EXCELLENT, .claimed_total_cents = -1,
        .claimed_grade = JX_GRADE_NONE, .review_total_cents = 1000, .review_grade = JX_GRADE_EXCELLENT,
    };
    for (int over = 0; over <= 1; over++) {
        fx_sink s = {NULL, 0, 0, 0};
        jx_review_writer *rw = NULL;
        assert_int_equal(jx_review_writer_create(&rw, JX_FORMAT_XLSX, fx_sink_write, &s, NULL), JX_OK);
        for (int i = 0; i < JX_XLSX_PROJECTS_MAX; i++)
            assert_int_equal(jx_review_writer_sheet(rw, &sheet), JX_OK);
        if (over) {
            assert_int_equal(jx_review_writer_sheet(rw, &sheet), JX_ERR_LIMIT);
            assert_int_equal(jx_review_writer_finish(rw), JX_ERR_LIMIT);
            assert_int_equal(s.len, 0);
        } else {
            assert_int_equal(jx_review_writer_finish(rw), JX_OK);
            assert_memory_equal(s.buf, "PK\x03\x04", 4);
        }
        jx_review_writer_destroy(rw);
        fx_sink_free(&s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fields_each_grid_shows),
        cmocka_unit_test(html_draws_the_sheet),
        cmocka_unit_test(xlsx_lays_out_the_sheet),
        cmocka_unit_test(xlsx_list_alone),
        cmocka_unit_test(review_book_bounded),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(jx_test_private_tmpdir("sheet"));
    return rc;
}
