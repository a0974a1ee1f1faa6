/* SPDX-License-Identifier: MIT */
/* test_render_report.c — a report of the document model (doc.h, "the audit report in HTML
 * and the workbook") made by hand and drawn by every renderer: the views (a table of the
 * pages only, of the workbook only), a report's tables on the page (their grid's class and
 * widths, the cell heading its row, the alignments, a marked and a flagged cell, the cells
 * joined to the one before, a head of two rows, the note of the marks, a table without
 * rows), the entries' rows and findings held until the overview closes, the chart, and the
 * workbook: its first sheet written last (figures over the columns their cells say, a
 * percentage, nothing for a JX_CELL_NONE, the columns as wide as their measured cells
 * within bounds), the entries' list of records and a section's records in a sheet of their
 * own. Expected values worked by hand in the comments. */
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

/* ------------------------------------------------------------------ the report */

/* The workbook's first sheet: four columns, 10 wide at least; A up to 20, B up to 30. */
static const uint8_t sheet_min[4] = {10, 10, 10, 10};
static const uint8_t sheet_max[4] = {20, 30, 10, 10};
static const jx_doc_list sheet = {.name = "总", .title = "总表", .min = sheet_min, .max = sheet_max, .ncols = 4};

/* The entries' list of records: 名 and 数, printed across. */
static const char *const rec_head[2] = {"名", "数"};
static const uint8_t rec_min[2] = {8, 8};
static const uint8_t rec_max[2] = {20, 12};
static const jx_doc_list records = {
    .name = "记录", .head = rec_head, .min = rec_min, .max = rec_max, .ncols = 2, .landscape = 1};
static const jx_doc_list *const lists[1] = {&records};

/* The overview: 号, 名 (位置 joined to it on the page), then 数 and 结论 under the group 组. */
static const char *const ov_head[5] = {"号", "名", "位置", "数", "结论"};
static const uint16_t ov_share[4] = {100, 400, 250, 250};
static const jx_grid ov_grid = {.ncols = {4, 0}, .page_share = ov_share, .name = "ov"};
static const jx_cell ov_page_head[10] = {
    {.s = "号", .rows = 2, .kind = JX_CELL_LABEL},
    {.s = "名", .rows = 2, .kind = JX_CELL_LABEL},
    {.s = "", .rows = 1, .kind = JX_CELL_LABEL, .cols = {JX_COLS_JOINED, 1}},
    {.s = "组", .rows = 1, .kind = JX_CELL_LABEL, .cols = {2, 1}},
    {.s = "", .rows = 1, .kind = JX_CELL_LABEL, .cols = {JX_COLS_JOINED, 1}},
    {.s = "", .rows = 0, .kind = JX_CELL_LABEL, .covered = 1},
    {.s = "", .rows = 0, .kind = JX_CELL_LABEL, .covered = 1},
    {.s = "", .rows = 1, .kind = JX_CELL_LABEL, .cols = {JX_COLS_JOINED, 1}},
    {.s = "数", .rows = 1, .kind = JX_CELL_LABEL},
    {.s = "结论", .rows = 1, .kind = JX_CELL_LABEL},
};

static jx_report_table ov_table(const char *heading)
{
    const jx_report_table t = {
        .spec = {.heading = heading, .role = JX_TABLE_OVERVIEW, .head = ov_head, .align = "rllrc", .ncols = 5,
                 .grid_head = {ov_page_head, NULL}, .head_rows = {2, 0}},
        .lead = "",
        .note = "注。",
        .grid = &ov_grid,
        .row_head = 2,
        .flag = "不符",
        .marked_note = "注：加粗的不符。",
    };
    return t;
}

/* The findings on the page: six columns. */
static const uint16_t fd_share[6] = {200, 50, 50, 200, 100, 400};
static const jx_grid fd_grid = {.ncols = {6, 0}, .page_share = fd_share, .name = "fd"};
static const char *const fd_head[6] = {"项", "序", "级", "码", "位", "说"};

static const uint16_t kv_share[2] = {300, 700};
static const jx_grid kv_grid = {.ncols = {2, 0}, .page_share = kv_share, .name = "kv"};
static const uint16_t dist_share[3] = {200, 400, 400};
static const jx_grid dist_grid = {.ncols = {3, 0}, .page_share = dist_share, .name = "dist"};

/* A number cell: v × 10^-scale shown with `places` places. */
static jx_cell num(const char *s, int64_t v, uint8_t scale, uint8_t places)
{
    jx_cell c = jx_cell_of(s, JX_CELL_NUMBER);
    c.num = (jx_cell_num){.v = v, .scale = scale, .places = places, .set = 1};
    return c;
}

/* A text of the first sheet over two columns (a note). */
static jx_cell wide(const char *s)
{
    jx_cell c = jx_cell_of(s, JX_CELL_TEXT);
    c.cols[JX_GRID_SHEET] = 2;
    return c;
}

/* An entry: its overview row (1 · 项一 · a.jx:3 · 1.5 marked · 良 flagged; 2 · 项二 · "" ·
 * — · 优), its record, its findings (项一: an error at a.jx:3:4, a note in b.jx; 项二: none). */
static void entry(jx_writer *wr, const jx_renderer *r, int second)
{
    const jx_report_part pt = {.part = {.title = "", .caption = "", .name = second ? "项二" : "项一", .index = 0},
                               .role = JX_PART_ENTRY, .result = ""};
    r->report_part_begin(wr, &pt);
    const jx_report_table t = ov_table("项");
    r->report_table_begin(wr, &t);
    jx_cell c[5] = {num(second ? "2" : "1", second ? 2 : 1, 0, 0), jx_cell_of(pt.part.name, JX_CELL_LABEL),
                    jx_cell_of(second ? "" : "a.jx:3", JX_CELL_TEXT),
                    second ? jx_cell_of("—", JX_CELL_DASH) : num("1.5", 15, 1, 2),
                    jx_cell_of(second ? "优" : "良", JX_CELL_TEXT)};
    c[0].align = JX_ALIGN_CENTER;
    c[1].align = JX_ALIGN_LEFT;
    c[2].cols[JX_GRID_PAGE] = JX_COLS_JOINED;
    c[3].align = JX_ALIGN_RIGHT;
    if (!second) {
        c[3].look = JX_LOOK_MARKED;
        c[4].look = JX_LOOK_FLAGGED;
    }
    r->row(wr, c);
    r->table_end(wr);
    if (r->book_view) {
        const jx_report_table rt = {
            .spec = {.heading = "", .role = JX_TABLE_RECORDS, .head = rec_head, .align = "lr", .ncols = 2},
            .lead = "", .note = "", .view = JX_VIEW_BOOK, .list = &records};
        r->report_table_begin(wr, &rt);
        const jx_cell rc[2] = {jx_cell_of(pt.part.name, JX_CELL_TEXT), second ? num("2", 2, 0, 0) : num("1.5", 15, 1, 2)};
        r->row(wr, rc);
        r->table_end(wr);
    }
    static const jx_finding found[2] = {
        {.severity = JX_SEV_ERROR, .level = "错误", .where = "a.jx:3:4", .code = "c-one", .message = "m1", .at = "3:4"},
        {.severity = JX_SEV_NOTE, .level = "提示", .where = "b.jx:1", .code = "c-two", .message = "m2", .at = "b.jx:1"},
    };
    const jx_finding_list l = {.heading = second ? "" : "发现（2 条）", .title = second ? "项二（0 条）" : "项一（2 条）",
                               .label = "发现", .empty = "无", .v = second ? NULL : found, .n = second ? 0 : 2,
                               .name = pt.part.name, .file = "a.jx"};
    r->finding_list(wr, &l);
    r->part_end(wr);
}

/* 节 (说：成): labelled values for the pages; figures for the workbook (数 3 · 注 over two
 * columns; 比 25% · ""; 长 a measured text of 40 letters; a label of 25 letters not
 * measured); 分布, a cross table of every format, and its chart; the sum 合 for the
 * workbook (nothing under the second column, 4 in the third); 空, a table without rows. */
static void section_one(jx_writer *wr, const jx_renderer *r)
{
    const jx_report_part pt = {.part = {.title = "节", .caption = "说", .name = "", .index = 2},
                               .role = JX_PART_SECTION, .result = "成"};
    r->report_part_begin(wr, &pt);
    static const char *const kv_head[2] = {"项", "值"};
    const jx_report_table kv = {.spec = {.heading = "", .role = JX_TABLE_PAIRS, .head = kv_head, .align = "ll", .ncols = 2},
                                .lead = "", .note = "", .view = JX_VIEW_PAGE, .grid = &kv_grid, .row_head = 1};
    r->report_table_begin(wr, &kv);
    const jx_cell kc[2] = {jx_cell_of("甲", JX_CELL_LABEL), jx_cell_of("一", JX_CELL_TEXT)};
    r->row(wr, kc);
    r->table_end(wr);

    static const char *const fig_head[3] = {"项", "数", "说"};
    const jx_report_table fig = {.spec = {.heading = "", .role = JX_TABLE_PAIRS, .head = fig_head, .align = "lrl", .ncols = 3},
                                 .lead = "", .note = "", .view = JX_VIEW_BOOK};
    r->report_table_begin(wr, &fig);
    jx_cell f1[3] = {jx_cell_of("abcdefghijklmno", JX_CELL_LABEL), num("3", 3, 0, 0), wide("注")};
    r->row(wr, f1);
    jx_cell f2[3] = {jx_cell_of("比", JX_CELL_LABEL), num("25.00%", 2500, 4, 2), wide("")};
    f2[1].num.percent = 1;
    r->row(wr, f2);
    jx_cell f3[3] = {jx_cell_of("长", JX_CELL_LABEL), jx_cell_of("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", JX_CELL_TEXT),
                     wide("")};
    r->row(wr, f3);
    jx_cell f4[3] = {jx_cell_of("yyyyyyyyyyyyyyyyyyyyyyyyy", JX_CELL_LABEL), num("0", 0, 0, 0), wide("")};
    f4[0].nofit = 1;
    r->row(wr, f4);
    r->table_end(wr);

    static const char *const dist_head[3] = {"类", "A", "B"};
    const jx_report_table dist = {.spec = {.heading = "分布", .role = JX_TABLE_CROSS, .head = dist_head, .align = "lrr", .ncols = 3},
                                  .lead = "", .note = "", .grid = &dist_grid, .row_head = 1};
    r->report_table_begin(wr, &dist);
    const jx_cell d1[3] = {jx_cell_of("自", JX_CELL_LABEL), num("3", 3, 0, 0), num("1", 1, 0, 0)};
    const jx_cell d2[3] = {jx_cell_of("重", JX_CELL_LABEL), num("0", 0, 0, 0), num("2", 2, 0, 0)};
    r->row(wr, d1);
    r->row(wr, d2);
    r->table_end(wr);
    if (r->chart) {
        static const char *const cats[2] = {"A", "B"};
        static const uint64_t self[2] = {3, 1}, again[2] = {0, 2};
        const jx_chart_series series[2] = {{.name = "自", .values = self}, {.name = "重", .values = again}};
        const jx_chart ch = {.title = "分布图", .x_label = "类", .y_label = "个数", .unit = "个", .categories = cats,
                             .ncategories = 2, .series = series, .nseries = 2};
        r->chart(wr, &ch);
    }

    static const char *const sum_head[3] = {"项", "空", "数"};
    const jx_report_table sum = {.spec = {.heading = "", .role = JX_TABLE_LIST, .head = sum_head, .align = "llr", .ncols = 3},
                                 .lead = "", .note = "", .view = JX_VIEW_BOOK};
    r->report_table_begin(wr, &sum);
    const jx_cell s1[3] = {jx_cell_of("合", JX_CELL_LABEL), jx_cell_of("", JX_CELL_NONE), num("4", 4, 0, 0)};
    r->row(wr, s1);
    r->table_end(wr);

    static const char *const none_head[2] = {"x", "y"};
    const jx_report_table none = {.spec = {.heading = "空", .role = JX_TABLE_SECTION, .head = none_head, .align = "ll", .ncols = 2},
                                  .lead = "无行", .note = "不说", .grid = &kv_grid};
    r->report_table_begin(wr, &none);
    r->table_end(wr);
    r->part_end(wr);
}

/* 查 (抽：中 1): its records for the workbook, in a sheet of their own. */
static void section_two(jx_writer *wr, const jx_renderer *r)
{
    const jx_report_part pt = {.part = {.title = "查", .caption = "抽", .name = "", .index = 3},
                               .role = JX_PART_SECTION, .result = "中 1"};
    r->report_part_begin(wr, &pt);
    static const char *const head[1] = {"名"};
    static const uint8_t min[1] = {8}, max[1] = {20};
    const jx_doc_list own = {.name = "查", .head = head, .min = min, .max = max, .ncols = 1};
    const jx_report_table t = {.spec = {.heading = "", .role = JX_TABLE_RECORDS, .head = head, .align = "l", .ncols = 1},
                               .lead = "", .note = "", .view = JX_VIEW_BOOK, .list = &own};
    r->report_table_begin(wr, &t);
    const jx_cell c[1] = {jx_cell_of("项一", JX_CELL_TEXT)};
    r->row(wr, c);
    r->table_end(wr);
    r->part_end(wr);
}

/* Draws the report through renderer r into a fresh sink: the head 报告 (甲 乙 丙), two
 * entries, the section 节, the overview's close, the section 查. */
static fx_sink draw(const jx_renderer *r, jx_format fmt)
{
    fx_sink s = {NULL, 0, 0, 0};
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, fmt, 0, fx_sink_write, &s, NULL), JX_OK);
    static const char *const meta[3] = {"甲", "乙", "丙"};
    const jx_report_head h = {.doc = {.title = "报告", .empty = "", .style = JX_STYLE_REPORT}, .caption = "甲；乙",
                              .note = "丙。", .meta = meta, .nmeta = 3, .sheet = &sheet, .lists = lists, .nlists = 1};
    r->report_begin(wr, &h);
    entry(wr, r, 0);
    entry(wr, r, 1);
    section_one(wr, r);
    const jx_report_table t = ov_table("项（2）");
    const jx_overview o = {.table = &t, .empty = "无项", .nrows = 2, .findings = "发（2）", .findings_empty = "无发",
                           .nfindings = 2, .findings_grid = &fd_grid, .findings_head = fd_head, .findings_note = "位置说明"};
    r->overview(wr, &o);
    section_two(wr, r);
    r->doc_end(wr, &h.doc, 4);
    jx_out_flush(wr);
    assert_int_equal(wr->err, JX_OK);
    assert_null(wr->state); /* the renderer let go of the report */
    jx_writer_destroy(wr);
    return s;
}

/* True when s holds t. */
static void has(const char *s, const char *t)
{
    if (!strstr(s, t))
        fail_msg("missing: %s", t);
}

/* The heights of the bars of series j, in order, into h; returns how many. */
static size_t bar_heights(const char *s, int j, long *h, size_t max)
{
    char key[32];
    snprintf(key, sizeof key, "<rect class=\"bar s%d\"", j);
    size_t n = 0;
    for (const char *p = strstr(s, key); p && n < max; p = strstr(p + 1, key))
        h[n++] = strtol(strstr(p, " height=\"") + 9, NULL, 10);
    return n;
}

/* ------------------------------------------------------------------ the pages */

static void html_draws_the_report(void **state)
{
    (void)state;
    fx_sink s = draw(&jx_render_html, JX_FORMAT_HTML);
    const char *t = s.buf;
    /* the head: the phrases of the caption and the note apart on one line */
    has(t, "<section class=\"sheet\">\n<h1>报告</h1>\n<p class=\"meta\">甲　乙　丙</p>\n");
    /* the section: its title, what it is and what it came to; the labelled values of its grid
     * (30% and 70%), no head, the label heading its row; the workbook's figures not at all */
    has(t, "<h2>节</h2>\n<p class=\"line\">说：成</p>\n<table class=\"kv\">\n<colgroup><col style=\"width: 30%\">"
           "<col style=\"width: 70%\"></colgroup>\n<tbody>\n<tr><th scope=\"row\">甲</th><td>一</td></tr>\n"
           "</tbody>\n</table>\n<h2>分布</h2>\n");
    assert_null(strstr(t, "abcdefghijklmno"));
    assert_null(strstr(t, "<td>合</td>"));
    /* the cross table with its head, then the chart */
    has(t, "<thead><tr><th scope=\"col\">类</th><th scope=\"col\">A</th><th scope=\"col\">B</th></tr>\n</thead>\n"
           "<tbody>\n<tr><th scope=\"row\">自</th><td>3</td><td>1</td></tr>\n"
           "<tr><th scope=\"row\">重</th><td>0</td><td>2</td></tr>\n</tbody>\n</table>\n<svg class=\"chart\"");
    /* the largest value 3: an axis of 0 … 3 in steps of 1 (3 steps, at most 5), 200 units tall;
     * 3 → 200, 1 → 200 / 3 = 66.7 → 67, 0 → 0, 2 → 133.3 → 133; a group 560 / 2 = 280 wide, a
     * bar 280 / 3 = 93, inset (280 − 2 × 93) / 2 = 47: the first bar at 64 + 47 = 111, 44 down
     * (244 − 200), in the first grey */
    long h[4];
    static const long self[2] = {200, 67}, again[2] = {0, 133};
    assert_int_equal(bar_heights(t, 0, h, 4), 2);
    assert_memory_equal(h, self, sizeof self);
    assert_int_equal(bar_heights(t, 1, h, 4), 2);
    assert_memory_equal(h, again, sizeof again);
    has(t, "<rect class=\"bar s0\" x=\"111\" y=\"44\" width=\"93\" height=\"200\" fill=\"#d4d4d4\"");
    has(t, "<rect class=\"bar s1\" x=\"204\" y=\"244\" width=\"93\" height=\"0\" fill=\"#404040\"");
    /* a table without rows is its heading and its lead: no table, no note */
    has(t, "<h2>空</h2>\n<p class=\"line\">无行</p>\n</section>\n<section class=\"sheet\">\n<h2>项（2）</h2>\n");
    assert_null(strstr(t, "不说"));
    /* the overview on the next sheet: its grid's 4 columns (位置 joined to 名), a head of two
     * rows (组 over 数 and 结论), the held rows: 1 centred, the name heading its row from the
     * left with its position under it (项二's empty one left out), 1.5 marked, 良 flagged, —
     * to the right; the note saying what the marks mean */
    has(t, "<table class=\"ov\">\n<colgroup><col style=\"width: 10%\"><col style=\"width: 40%\">"
           "<col style=\"width: 25%\"><col style=\"width: 25%\"></colgroup>\n<thead>\n"
           "<tr><th scope=\"col\" rowspan=\"2\">号</th><th scope=\"col\" rowspan=\"2\">名</th>"
           "<th scope=\"colgroup\" colspan=\"2\">组</th></tr>\n<tr><th scope=\"col\">数</th><th scope=\"col\">结论</th></tr>\n"
           "</thead>\n<tbody>\n"
           "<tr><td class=\"n\">1</td><th scope=\"row\" class=\"l\">项一<span class=\"sub\">a.jx:3</span></th>"
           "<td class=\"x\">1.5</td><td class=\"x\">良<span class=\"flag\">不符</span></td></tr>\n"
           "<tr><td class=\"n\">2</td><th scope=\"row\" class=\"l\">项二</th><td class=\"r\">—</td><td>优</td></tr>\n"
           "</tbody>\n</table>\n<p class=\"note\">注：加粗的不符。</p>\n");
    /* the findings as one table: 项一 over its two rows with its file, numbered 1 and 2, the
     * error set off, the position in a.jx without it, the other file's whole; 项二 none */
    has(t, "<h2>发（2）</h2>\n<table class=\"fd\">\n<colgroup><col style=\"width: 20%\"><col style=\"width: 5%\">"
           "<col style=\"width: 5%\"><col style=\"width: 20%\"><col style=\"width: 10%\"><col style=\"width: 40%\">"
           "</colgroup>\n<thead><tr><th scope=\"col\">项</th><th scope=\"col\">序</th><th scope=\"col\">级</th>"
           "<th scope=\"col\">码</th><th scope=\"col\">位</th><th scope=\"col\">说</th></tr>\n</thead>\n<tbody>\n"
           "<tr><th scope=\"rowgroup\" rowspan=\"2\" class=\"p\">项一<span class=\"sub\">a.jx</span></th>"
           "<td class=\"n\">1</td><td class=\"n e\">错误</td><td>c-one</td><td>3:4</td><td>m1</td></tr>\n"
           "<tr><td class=\"n\">2</td><td class=\"n\">提示</td><td>c-two</td><td>b.jx:1</td><td>m2</td></tr>\n"
           "</tbody>\n</table>\n<p class=\"note\">位置说明</p>\n");
    /* the section after the overview: its records are the workbook's */
    has(t, "<h2>查</h2>\n<p class=\"line\">抽：中 1</p>\n</section>\n</body>\n</html>\n");
    assert_string_equal(t + strlen(t) - strlen("</section>\n</body>\n</html>\n"), "</section>\n</body>\n</html>\n");
    fx_sink_free(&s);
}

static void text_formats_leave_the_workbook_out(void **state)
{
    (void)state;
    /* Markdown: the flagged 结论 with the flag in brackets; the workbook's tables not at all */
    fx_sink md = draw(&jx_render_md, JX_FORMAT_MD);
    has(md.buf, "| 1 | 项一 | a.jx:3 | 1.5 | 良（不符） |\n| 2 | 项二 |  | — | 优 |\n");
    has(md.buf, "| 甲 | 一 |");
    const jx_renderer *rs[3] = {&jx_render_md, &jx_render_text, &jx_render_txt};
    jx_format fs[3] = {JX_FORMAT_MD, JX_FORMAT_TEXT, JX_FORMAT_TXT};
    for (size_t i = 0; i < 3; i++) {
        fx_sink s = i == 0 ? md : draw(rs[i], fs[i]);
        assert_null(strstr(s.buf, "abcdefghijklmno")); /* the figures */
        assert_null(strstr(s.buf, "合"));              /* the sums */
        assert_null(strstr(s.buf, "记录"));
        has(s.buf, "甲"); /* the labelled values of the pages */
        fx_sink_free(&s);
    }
}

/* ------------------------------------------------------------------ the workbook */

/* The value of cell ref of sheet x, as the sheet holds it ("" when it holds none). */
static const char *cell_value(const char *x, const char *ref, char *buf, size_t size)
{
    char key[32];
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    const char *c = strstr(x, key);
    buf[0] = '\0';
    if (!c)
        return buf;
    const char *end = strstr(c, "</c>"), *self = strstr(c, "/>"), *v = strstr(c, "<v>");
    if (!end || (self && self < end) || !v || v > end)
        return buf;
    size_t n = (size_t)(strstr(v, "</v>") - v - 3);
    snprintf(buf, size, "%.*s", (int)n, v + 3);
    return buf;
}

/* The bytes of entry `name` of the workbook in z (free), NUL-terminated. */
static char *zip_entry(const fx_sink *z, const char *name)
{
    return jx_test_zip_entry(z->buf, z->len, name);
}

static void xlsx_draws_the_report(void **state)
{
    (void)state;
    jx_test_private_tmpdir("report");
    fx_sink s = draw(&jx_render_xlsx, JX_FORMAT_XLSX);
    assert_memory_equal(s.buf, "PK\x03\x04", 4);
    /* the sheets in order: the first, the entries' list, the section's records */
    char *wb = zip_entry(&s, "xl/workbook.xml");
    const char *a = strstr(wb, "<sheet name=\"总\""), *b = strstr(wb, "<sheet name=\"记录\""),
               *c = strstr(wb, "<sheet name=\"查\"");
    assert_true(a && b && c && a < b && b < c);
    free(wb);

    /* the first sheet: 1 the title A1:D1, 2 the caption A2:D2, 3 blank; the figures: 4 … · 3 ·
     * 注 C4:D4, 5 比 · 25% · C5:D5, 6 长 · the 40 x · C6:D6, 7 the 25 y · 0 · C7:D7; 分布 after a
     * blank row 8: 9 its band A9:D9, 10 the head (its corner blank), 11 自, 12 重; 13 合 with
     * nothing in B, 4 in C; 空 after a blank row 14: 15 its band A15:D15, 16 its head. The
     * labelled values and the lead and note of 空 are the pages' */
    char *x = zip_entry(&s, "xl/worksheets/sheet1.xml");
    has(x, "<mergeCells count=\"8\"><mergeCell ref=\"A1:D1\"/><mergeCell ref=\"A2:D2\"/><mergeCell ref=\"C4:D4\"/>"
           "<mergeCell ref=\"C5:D5\"/><mergeCell ref=\"C6:D6\"/><mergeCell ref=\"C7:D7\"/><mergeCell ref=\"A9:D9\"/>"
           "<mergeCell ref=\"A15:D15\"/></mergeCells>");
    has(x, "<t>总表</t>");
    has(x, "<t>甲；乙</t>");
    char v[32];
    assert_string_equal(cell_value(x, "B4", v, sizeof v), "3");
    assert_string_equal(cell_value(x, "B5", v, sizeof v), "0.25");
    assert_string_equal(cell_value(x, "C13", v, sizeof v), "4");
    assert_null(strstr(x, "r=\"B13\""));
    has(x, "<c r=\"A10\" s=\"1\"/><c r=\"B10\" s=\"1\" t=\"inlineStr\"><is><t>A</t></is></c>");
    assert_null(strstr(x, "无行"));
    assert_null(strstr(x, "不说"));
    has(x, "<t>x</t>");
    /* the columns: A as wide as its widest measured cell, 15 letters × 1.1 + 2 = 18.5 (the
     * 25 y not measured: 29.5), which libxlsxwriter keeps in pixels, 18.5 × 7 rounded + 5 =
     * 135, as 135 / 7 in 256ths: 4937 / 256 = 19.28515625; B the 40 x, 46, cut to 30; C and D
     * at their narrowest, 10 (a whole width n is kept as (7n + 5) / 7 = n + 0.7109375) */
    has(x, "<col min=\"1\" max=\"1\" width=\"19.28515625\" customWidth=\"1\"/>");
    has(x, "<col min=\"2\" max=\"2\" width=\"30.7109375\" customWidth=\"1\"/>");
    has(x, "<col min=\"3\" max=\"3\" width=\"10.7109375\" customWidth=\"1\"/>");
    free(x);
    char *styles = zip_entry(&s, "xl/styles.xml");
    has(styles, "formatCode=\"0.00%\"");
    free(styles);

    /* the entries' list: the head, then a record each, 1.5 and 2 stored as numbers; frozen,
     * filtered over A1:B3, across the page */
    char *r = zip_entry(&s, "xl/worksheets/sheet2.xml");
    has(r, "<t>项一</t>");
    assert_string_equal(cell_value(r, "B2", v, sizeof v), "1.5");
    assert_string_equal(cell_value(r, "B3", v, sizeof v), "2");
    has(r, "<autoFilter ref=\"A1:B3\"/>");
    has(r, "state=\"frozen\"");
    has(r, "orientation=\"landscape\"");
    free(r);
    /* the section's records under its title and what it is, what it came to: 1 查, 2 抽：中 1,
     * 3 the head, 4 项一 */
    char *q = zip_entry(&s, "xl/worksheets/sheet3.xml");
    has(q, "<c r=\"A1\" s=\"");
    has(q, "<t>查</t>");
    has(q, "<t>抽：中 1</t>");
    has(q, "<c r=\"A3\" s=\"1\" t=\"inlineStr\"><is><t>名</t></is></c>");
    has(q, "<t>项一</t>");
    free(q);
    fx_sink_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_draws_the_report),
        cmocka_unit_test(text_formats_leave_the_workbook_out),
        cmocka_unit_test(xlsx_draws_the_report),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(jx_test_private_tmpdir("report"));
    return rc;
}
