/* report_review_html.c — the 复核 sheets as one self-contained HTML document for A4
 * print, each project a sheet starting its own page: the title and year, the project's
 * heading rows and the reviewer's file, then one ruled table — per indicator 指标性质 ·
 * 指标值 · 单位 · 权重, the 自评 and 复核 完成值 and 得分, 偏差 and 备注, the 一级 and 二级
 * cells spanning their rows — with 总分 and both conclusions, and the notes under it.
 */
#include "report_review.h"

#include "html.h"
#include "report_parts.h"

#include <string.h>

/* The style of the sheets, after the shared one. */
static const char review_css[] =
    "p.year { text-align: center; margin: 1mm 0 3mm; }\n"
    "table.head { margin-bottom: 2mm; font-size: 9pt; }\n"
    "table.head th { font-weight: bold; }\n"
    "table.review { font-size: 8.5pt; line-height: 1.25; }\n"
    "table.review thead th, table.review th.k { font-weight: bold; }\n"
    "table.review th.g { word-break: keep-all; }\n"
    "table.review td.x { font-weight: bold; }\n"
    "table.review td.grade { text-align: left; font-size: 10pt; }\n"
    "table.review td.grade b { font-size: 12pt; }\n"
    "p.note { font-size: 8.5pt; margin: 1.5mm 0 0; }\n"
    "p.empty { text-align: center; margin-top: 40mm; }\n"
    "@page { @bottom-center { content: \"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\"; font-size: 8pt; } }\n";

/* The table's thirteen columns. */
static const char review_cols[] =
    "<colgroup><col style=\"width: 8.5%\"><col style=\"width: 8.5%\"><col style=\"width: 11%\">"
    "<col style=\"width: 5%\"><col style=\"width: 6.5%\"><col style=\"width: 4.5%\"><col style=\"width: 4.5%\">"
    "<col style=\"width: 7.5%\"><col style=\"width: 6%\"><col style=\"width: 7.5%\"><col style=\"width: 6%\">"
    "<col style=\"width: 6%\"><col style=\"width: 18.5%\"></colgroup>\n";

/* The table's head: the columns of the indicator, then 自评 and 复核 each over 完成值 and 得分. */
static const char review_thead[] =
    "<thead>\n<tr><th scope=\"col\" rowspan=\"2\">一级指标</th><th scope=\"col\" rowspan=\"2\">二级指标</th>"
    "<th scope=\"col\" rowspan=\"2\">三级指标</th><th scope=\"col\" rowspan=\"2\">指标性质</th>"
    "<th scope=\"col\" rowspan=\"2\">指标值</th><th scope=\"col\" rowspan=\"2\">单位</th>"
    "<th scope=\"col\" rowspan=\"2\">权重</th><th scope=\"colgroup\" colspan=\"2\">自评</th>"
    "<th scope=\"colgroup\" colspan=\"2\">复核</th><th scope=\"col\" rowspan=\"2\">偏差</th>"
    "<th scope=\"col\" rowspan=\"2\">备注</th></tr>\n"
    "<tr><th scope=\"col\">完成值</th><th scope=\"col\">得分</th><th scope=\"col\">完成值</th>"
    "<th scope=\"col\">得分</th></tr>\n</thead>\n";

/* A <td> of text with class cls (NULL for none) spanning cols columns. */
static void rh_td(jx_writer *wr, const char *cls, uint32_t cols, const char *text)
{
    jx_html_cell c = {NULL, cls, 0, cols};
    jx_html_cell_text(wr, &c, text);
}

/* The rows of 项目名称, 主管部门 and 预算单位, and the reviewer's file. */
static void rh_heading(jx_writer *wr, const jx_review_sheet *s)
{
    static const jx_html_cell label = {"row", NULL, 0, 0};
    jx_out_str(wr, "<table class=\"head\">\n<colgroup><col style=\"width: 12%\"><col style=\"width: 38%\">"
                   "<col style=\"width: 12%\"><col style=\"width: 38%\"></colgroup>\n<tbody>\n<tr>");
    jx_html_cell_text(wr, &label, "项目名称");
    rh_td(wr, "l", 3, s->project);
    jx_out_str(wr, "</tr>\n<tr>");
    jx_html_cell_text(wr, &label, "主管部门");
    rh_td(wr, "l", 0, s->dept);
    jx_html_cell_text(wr, &label, "预算单位");
    rh_td(wr, "l", 0, s->org);
    jx_out_str(wr, "</tr>\n<tr>");
    jx_html_cell_text(wr, &label, "复核表");
    rh_td(wr, "l", 3, s->review_file);
    jx_out_str(wr, "</tr>\n</tbody>\n</table>\n");
}

/* How many lines from i on share line i's 一级 group (and its 二级 group when both). */
static uint32_t rh_span(const jx_review_sheet *s, size_t i, bool both)
{
    uint32_t n = 1;
    const jx_review_line *a = &s->lines[i];
    for (size_t k = i + 1; k < s->nlines; k++, n++) {
        const jx_review_line *b = &s->lines[k];
        if (strcmp(a->level1, b->level1) != 0 || (both && strcmp(a->level2, b->level2) != 0))
            break;
    }
    return n;
}

/* The cells from 指标性质 on: cells[from..] as <td>, 偏差 bold when not 0. */
static void rh_values(jx_writer *wr, const char *const cells[JX_RV_NCOLS], size_t from, bool differs)
{
    for (size_t c = from; c < JX_RV_NCOLS; c++) {
        const char *cls = NULL;
        if (c == JX_RV_NOTE)
            cls = "l";
        else if (c == JX_RV_DIFF && differs)
            cls = "x";
        rh_td(wr, cls, 0, cells[c]);
    }
}

/* The indicator rows, each group's cell spanning its rows. */
static void rh_lines(jx_writer *wr, const jx_review_sheet *s)
{
    static const jx_html_cell name = {"row", NULL, 0, 0};
    for (size_t i = 0; i < s->nlines; i++) {
        const jx_review_line *l = &s->lines[i];
        const jx_review_line *prev = i ? &s->lines[i - 1] : NULL;
        bool new_l1 = !prev || strcmp(prev->level1, l->level1) != 0;
        bool new_l2 = new_l1 || strcmp(prev->level2, l->level2) != 0;
        const char *cells[JX_RV_NCOLS];
        jx_review_line_cells(wr, l, cells);
        jx_out_str(wr, "<tr>");
        if (new_l1) {
            jx_html_cell g = {"rowgroup", "g", rh_span(s, i, false), 0};
            jx_html_cell_text(wr, &g, l->level1);
        }
        if (new_l2) {
            jx_html_cell g = {l->level2[0] ? "rowgroup" : NULL, l->level2[0] ? "g" : NULL, rh_span(s, i, true), 0};
            jx_html_cell_text(wr, &g, l->level2);
        }
        jx_html_cell_text(wr, &name, l->name);
        rh_values(wr, cells, JX_RV_NATURE, !l->not_applicable && l->diff_cents != 0);
        jx_out_str(wr, "</tr>\n");
    }
}

/* The table: its head, a 单列 预算执行率, the indicators, 总分 and both conclusions. */
static void rh_table(jx_writer *wr, const jx_review_sheet *s)
{
    const char *cells[JX_RV_NCOLS];
    jx_out_str(wr, "<table class=\"review\">\n");
    jx_out_str(wr, review_cols);
    jx_out_str(wr, review_thead);
    jx_out_str(wr, "<tbody>\n");
    if (s->execution_cents >= 0) {
        static const jx_html_cell exec = {"row", NULL, 0, 3};
        jx_review_execution_cells(wr, s, cells);
        jx_out_str(wr, "<tr>");
        jx_html_cell_text(wr, &exec, cells[JX_RV_L1]);
        rh_values(wr, cells, JX_RV_NATURE, false);
        jx_out_str(wr, "</tr>\n");
    }
    rh_lines(wr, s);
    static const jx_html_cell total = {"row", "k", 0, 6};
    jx_review_total_cells(wr, s, cells);
    jx_out_str(wr, "<tr>");
    jx_html_cell_text(wr, &total, cells[JX_RV_L1]);
    rh_values(wr, cells, JX_RV_WEIGHT, s->diff_cents != 0);
    jx_out_str(wr, "</tr>\n");
    static const jx_html_cell label = {"row", "k", 0, 3};
    const char *words[2] = {jx_review_self_words(wr, s), jx_review_review_words(wr, s)};
    const char *labels[2] = {"自评结论", "复核结论"};
    const char *grades[2] = {jx_review_grade_word(s->self_grade), jx_review_grade_word(s->review_grade)};
    for (size_t k = 0; k < 2; k++) {
        jx_out_str(wr, "<tr>");
        jx_html_cell_text(wr, &label, labels[k]);
        /* the grade in bold, then the rest of the words ("（总分 …）") */
        size_t n = strlen(grades[k]);
        jx_out_str(wr, "<td colspan=\"10\" class=\"grade\"><b>");
        jx_html_str(wr, grades[k]);
        jx_out_str(wr, "</b>");
        jx_html_str(wr, strncmp(words[k], grades[k], n) == 0 ? words[k] + n : words[k]);
        jx_out_str(wr, "</td></tr>\n");
    }
    jx_out_str(wr, "</tbody>\n</table>\n");
}

/* Opens the document. */
static void rh_begin(jx_writer *wr)
{
    jx_html_begin(wr, "项目支出绩效自评复核表", review_css);
}

/* One project's sheet. */
static void rh_sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    (void)i;
    jx_out_str(wr, "<section class=\"sheet\">\n<h1>项目支出绩效自评复核表</h1>\n");
    if (s->year > 0) {
        jx_out_str(wr, "<p class=\"year\">（");
        jx_out_uint(wr, (uint64_t)s->year);
        jx_out_str(wr, "年度）</p>\n");
    }
    rh_heading(wr, s);
    rh_table(wr, s);
    size_t n;
    const char **notes = jx_review_notes(wr, s, &n);
    for (size_t k = 0; k < n; k++) {
        jx_out_str(wr, "<p class=\"note\">");
        jx_html_str(wr, notes[k]);
        jx_out_str(wr, "</p>\n");
    }
    jx_out_str(wr, "</section>\n");
}

/* Closes the document; a run without sheets says so on its one page. */
static void rh_finish(jx_writer *wr, size_t nsheets)
{
    if (nsheets == 0)
        jx_out_str(wr, "<section class=\"sheet\">\n<h1>项目支出绩效自评复核表</h1>\n"
                       "<p class=\"empty\">没有复核的项目。</p>\n</section>\n");
    jx_html_end(wr);
}

const jx_review_reporter jx_review_reporter_html = {
    .name = "html", .begin = rh_begin, .sheet = rh_sheet, .finish = rh_finish, .render = NULL,
};
