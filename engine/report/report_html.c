/* report_html.c — the 项目支出绩效自评表 as one self-contained HTML page per project,
 * printing on A4 the way the paper form looks.
 *
 * Each project is a `<section class="sheet">`: the title and year, then one ruled table
 * of nine columns as the form has them — 项目名称 / 主管部门 / 预算单位, the 资金 block,
 * 年度总体目标, the indicators with the 一级 and 二级 cells spanning their rows, 总分 and
 * 自评结论 with the band note — then, with --explain, how each score was computed, and
 * the findings as a printed appendix. Every project after the first starts a page.
 */
#include "report.h"

#include "form.h"
#include "html.h"
#include "score.h"

#include <stdio.h>
#include <string.h>

/* The form's nine columns: the section labels, then the indicator table's eight. */
static const char form_cols[] =
    "<colgroup>"
    "<col style=\"width: 6%\">"    /* 项目资金, 年度总体目标, 绩效指标 */
    "<col style=\"width: 12%\">"   /* 一级指标 */
    "<col style=\"width: 15%\">"   /* 二级指标 */
    "<col style=\"width: 15%\">"   /* 三级指标 */
    "<col style=\"width: 9.5%\">"  /* 年度指标值 */
    "<col style=\"width: 9.5%\">"  /* 实际完成值 */
    "<col style=\"width: 5.5%\">"  /* 权重 */
    "<col style=\"width: 7.5%\">"  /* 得分 */
    "<col style=\"width: 20%\">"   /* 偏差原因分析及改进措施 */
    "</colgroup>\n";

/* The style of the form itself, after the shared one. */
static const char form_css[] =
    "table.form { font-size: 9pt; }\n"
    "table.form th.k { font-weight: bold; }\n"
    "table.form th.g { word-break: keep-all; }\n"
    "table.form td:empty { height: 1.6em; }\n"
    "table.form td.grade { font-size: 12pt; font-weight: bold; }\n"
    "table.form td.note { text-align: left; font-size: 9pt; }\n"
    "p.year { text-align: center; margin: 1mm 0 3mm; }\n"
    "table.explain { font-size: 9pt; }\n"
    "table.explain th { font-weight: bold; }\n"
    "table.explain td { text-align: left; }\n"
    "p.empty { text-align: center; margin-top: 40mm; }\n";

/* Cells of the form, by the part they play. */
static const jx_html_cell label2 = {"row", NULL, 0, 2};       /* a row's label over the first two columns */
static const jx_html_cell col_head = {"col", "k", 0, 0};      /* a column head */
static const jx_html_cell plain = {NULL, NULL, 0, 0};         /* a centred value */
static const jx_html_cell left = {NULL, "l", 0, 0};           /* a text read from the left */

/* A cell like c spanning cols columns. */
static jx_html_cell spanning(const jx_html_cell *c, uint32_t cols)
{
    jx_html_cell s = *c;
    s.colspan = cols;
    return s;
}

/* 项目名称, then 主管部门 and 预算单位 on one row. */
static void heading_rows(jx_writer *wr, const jx_project *p)
{
    jx_out_str(wr, "<tr>");
    jx_html_cell_text(wr, &label2, "项目名称");
    jx_html_cell c = spanning(&left, 7);
    jx_html_cell_text(wr, &c, p->name.s);
    jx_out_str(wr, "</tr>\n<tr>");
    jx_html_cell_text(wr, &label2, "主管部门");
    c = spanning(&left, 3);
    jx_html_cell_text(wr, &c, p->dept.s);
    static const jx_html_cell org_label = {"row", NULL, 0, 1};
    jx_html_cell_text(wr, &org_label, "预算单位");
    jx_html_cell_text(wr, &c, p->org.s);
    jx_out_str(wr, "</tr>\n");
}

/* The 资金 block: a label spanning the block, the heads, one row per source. */
static void funds_rows(jx_writer *wr, const jx_project *p)
{
    if (p->nfunds == 0)
        return;
    jx_arena *ar = &wr->scratch;
    const char *label = "项目资金";
    if (p->money_unit.n) {
        const char *s = jx_arena_printf(ar, "项目资金\n（%s）", p->money_unit.s);
        label = s ? s : label;
    }
    jx_html_cell c = {"rowgroup", NULL, (uint32_t)p->nfunds + 1, 2};
    jx_out_str(wr, "<tr>");
    jx_html_cell_text(wr, &c, label);
    jx_html_cell_text(wr, &col_head, "资金来源");
    jx_html_cell_text(wr, &col_head, "年初预算数");
    jx_html_cell h = spanning(&col_head, 2);
    jx_html_cell_text(wr, &h, "全年预算数\n（A）");
    jx_html_cell_text(wr, &h, "全年执行数\n（B）");
    jx_html_cell_text(wr, &col_head, "执行率\n（B/A）");
    jx_out_str(wr, "</tr>\n");
    static const jx_html_cell source = {"row", NULL, 0, 0};
    jx_html_cell wide = spanning(&plain, 2);
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        jx_out_str(wr, "<tr>");
        jx_html_cell_text(wr, &source, f->source.s);
        jx_html_cell_text(wr, &plain, jx_form_dec(ar, f->initial));
        jx_html_cell_text(wr, &wide, jx_form_dec(ar, f->budget));
        jx_html_cell_text(wr, &wide, jx_form_dec(ar, f->spent));
        jx_html_cell_text(wr, &plain, jx_form_funds_rate(ar, f));
        jx_out_str(wr, "</tr>\n");
    }
}

/* 年度总体目标 (预期目标 beside 实际完成情况), then 目标偏离原因分析 and 整改措施及建议,
 * shown empty when not given, as on the form. */
static void goal_rows(jx_writer *wr, const jx_project *p)
{
    jx_html_cell c = {"rowgroup", NULL, 2, 2};
    jx_out_str(wr, "<tr>");
    jx_html_cell_text(wr, &c, "年度总体目标");
    jx_html_cell h = spanning(&col_head, 4);
    jx_html_cell_text(wr, &h, "预期目标");
    h = spanning(&col_head, 3);
    jx_html_cell_text(wr, &h, "实际完成情况");
    jx_out_str(wr, "</tr>\n<tr>");
    jx_html_cell t = spanning(&left, 4);
    jx_html_cell_text(wr, &t, p->goal.s);
    t = spanning(&left, 3);
    jx_html_cell_text(wr, &t, p->outcome.s);
    jx_out_str(wr, "</tr>\n<tr>");
    t = spanning(&left, 7);
    jx_html_cell_text(wr, &label2, "目标偏离原因分析");
    jx_html_cell_text(wr, &t, p->deviation.s);
    jx_out_str(wr, "</tr>\n<tr>");
    jx_html_cell_text(wr, &label2, "整改措施及建议");
    jx_html_cell_text(wr, &t, p->remedy.s);
    jx_out_str(wr, "</tr>\n");
}

/* The cells of one indicator row after its group cells. */
static void indicator_cells(jx_writer *wr, const jx_project *p, const jx_indicator *ind)
{
    jx_arena *ar = &wr->scratch;
    static const jx_html_cell name = {"row", NULL, 0, 0};
    jx_html_cell_text(wr, &name, ind->name.s);
    jx_html_cell_text(wr, &plain, ind->target.present ? ind->target.text.s : "");
    jx_html_cell_text(wr, &plain, ind->actual.present ? ind->actual.text.s : "");
    jx_html_cell_text(wr, &plain, jx_form_weight(ar, ind));
    jx_html_cell_text(wr, &plain, jx_form_indicator_score(ar, p, ind));
    jx_html_cell_text(wr, &left, ind->reason.s);
}

/* The indicator table: its heads, a 单列 预算执行率, the rows with their group cells,
 * and 总分. */
static void indicator_rows(jx_writer *wr, const jx_project *p, const jx_form *f)
{
    jx_arena *ar = &wr->scratch;
    static const char *const heads[] = {"一级指标", "二级指标", "三级指标", "年度指标值",
                                        "实际完成值", "权重", "得分", "偏差原因分析及改进措施"};
    jx_html_cell c = {"rowgroup", NULL, (uint32_t)(f->nrows + 1 + (p->exec_separate ? 1 : 0)), 0};
    jx_out_str(wr, "<tr>");
    jx_html_cell_text(wr, &c, "绩效指标");
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
        jx_html_cell_text(wr, &col_head, heads[i]);
    jx_out_str(wr, "</tr>\n");
    if (p->exec_separate) {
        static const jx_html_cell exec = {"row", NULL, 0, 3};
        jx_out_str(wr, "<tr>");
        jx_html_cell_text(wr, &exec, jx_form_exec_label(ar, p));
        jx_html_cell_text(wr, &plain, "100%");
        jx_html_cell_text(wr, &plain, jx_form_total_rate(ar, p));
        jx_html_cell_text(wr, &plain, jx_form_dec(ar, p->exec_points));
        jx_html_cell_text(wr, &plain, jx_form_score(ar, p, p->exec_score));
        jx_html_cell_text(wr, &left, "");
        jx_out_str(wr, "</tr>\n");
    }
    for (size_t r = 0; r < f->nrows; r++) {
        const jx_form_row *row = &f->rows[r];
        jx_out_str(wr, "<tr>");
        if (row->l1_span) {
            jx_html_cell g = {"rowgroup", "g", row->l1_span, 0};
            jx_html_cell_text(wr, &g, jx_form_group_label(ar, p, row->l1));
        }
        if (row->l2_span) {
            jx_html_cell g = {row->l2 ? "rowgroup" : NULL, row->l2 ? "g" : NULL, row->l2_span, 0};
            jx_html_cell_text(wr, &g, row->l2 ? jx_form_group_label(ar, p, row->l2) : "");
        }
        if (row->ind) {
            indicator_cells(wr, p, row->ind);
        } else {
            /* an empty group: nothing to score, 0 like the form */
            static const jx_html_cell blank3 = {NULL, NULL, 0, 3};
            jx_html_cell_text(wr, &blank3, "");
            jx_html_cell_text(wr, &plain, "");
            jx_html_cell_text(wr, &plain, jx_form_score(ar, p, p->scored ? 0 : -1));
            jx_html_cell_text(wr, &left, "");
        }
        jx_out_str(wr, "</tr>\n");
    }
    static const jx_html_cell total = {"row", "k", 0, 6};
    static const jx_html_cell strong = {NULL, "k", 0, 0};
    jx_out_str(wr, "<tr>");
    jx_html_cell_text(wr, &total, "总分");
    jx_html_cell_text(wr, &plain, jx_form_dec(ar, f->weight_sum));
    jx_html_cell_text(wr, &strong, jx_form_score(ar, p, p->total));
    jx_html_cell_text(wr, &plain, "");
    jx_out_str(wr, "</tr>\n");
}

/* 满分, when 不适用 indicators lowered it (score.h): "80（不适用 20 分剔除）". */
static void full_marks_row(jx_writer *wr, const jx_project *p)
{
    jx_full_marks fm;
    jx_full_marks_of(p, &fm);
    if (!fm.stated)
        return;
    static const jx_html_cell label = {"row", "k", 0, 2};
    static const jx_html_cell value = {NULL, "l", 0, 7};
    jx_out_str(wr, "<tr>");
    jx_html_cell_text(wr, &label, jx_form_full_marks_label);
    jx_html_cell_text(wr, &value, jx_form_full_marks_value(&wr->scratch, &fm));
    jx_out_str(wr, "</tr>\n");
}

/* 自评结论: the grade, and the policy's bands beside it. */
static void conclusion_row(jx_writer *wr, const jx_project *p)
{
    static const jx_html_cell label = {"row", "k", 0, 2};
    static const jx_html_cell grade = {NULL, "grade", 0, 2};
    static const jx_html_cell note = {NULL, "note", 0, 5};
    jx_out_str(wr, "<tr>");
    jx_html_cell_text(wr, &label, "自评结论");
    jx_html_cell_text(wr, &grade, jx_form_grade(p));
    jx_html_cell_text(wr, &note, p->scored && p->band_note ? p->band_note : "");
    jx_out_str(wr, "</tr>\n");
}

/* 计分过程: each indicator's formula with the numbers put in (--explain). */
static void explain(jx_writer *wr, const jx_project *p, const jx_form *f)
{
    if (!p->scored)
        return;
    static const char *const heads[] = {"指标", "计分过程", "计分方法"};
    jx_out_str(wr, "<h2>计分过程</h2>\n<table class=\"explain\">\n<colgroup><col style=\"width: 22%\">"
                   "<col style=\"width: 58%\"><col style=\"width: 20%\"></colgroup>\n<thead>");
    jx_html_head_row(wr, heads, sizeof heads / sizeof *heads);
    jx_out_str(wr, "</thead>\n<tbody>\n");
    static const jx_html_cell name = {"row", "l", 0, 0};
    if (p->exec_separate) {
        jx_out_str(wr, "<tr>");
        jx_html_cell_text(wr, &name, "预算执行率");
        jx_html_cell_text(wr, &left, p->exec_formula ? p->exec_formula : "");
        jx_html_cell_text(wr, &left, jx_method_code(JX_METHOD_EXECUTION));
        jx_out_str(wr, "</tr>\n");
    }
    for (size_t r = 0; r < f->nrows; r++) {
        const jx_indicator *ind = f->rows[r].ind;
        if (!ind)
            continue;
        char small[256];
        jx_sbuf b;
        jx_sbuf_init(&b, small, sizeof small, &wr->scratch);
        jx_formula_write(&b, ind, p->decimals);
        jx_out_str(wr, "<tr>");
        jx_html_cell_text(wr, &name, ind->name.s);
        jx_html_cell_text(wr, &left, jx_sbuf_cstr(&b));
        jx_html_cell_text(wr, &left, jx_method_code(ind->method));
        jx_out_str(wr, "</tr>\n");
    }
    jx_out_str(wr, "</tbody>\n</table>\n");
}

/* Opens the document. */
static void begin(jx_writer *wr, const jx_project *first)
{
    (void)first;
    jx_html_begin(wr, "项目支出绩效自评表", form_css);
}

/* One sheet: the form, how it was scored when asked, and the findings. */
static void project(jx_writer *wr, const jx_project *p)
{
    jx_form f;
    if (jx_form_build(&f, p, &wr->scratch) != JX_OK) {
        wr->err = JX_ERR_NOMEM;
        return;
    }
    jx_out_str(wr, "<section class=\"sheet\">\n<h1>项目支出绩效自评表</h1>\n");
    if (p->has_year) {
        jx_out_str(wr, "<p class=\"year\">（");
        jx_out_uint(wr, (uint64_t)(p->year > 0 ? p->year : 0));
        jx_out_str(wr, "年度）</p>\n");
    }
    jx_out_str(wr, "<table class=\"form\">\n");
    jx_out_str(wr, form_cols);
    jx_out_str(wr, "<tbody>\n");
    heading_rows(wr, p);
    funds_rows(wr, p);
    goal_rows(wr, p);
    indicator_rows(wr, p, &f);
    full_marks_row(wr, p);
    conclusion_row(wr, p);
    jx_out_str(wr, "</tbody>\n</table>\n");
    if (wr->flags & JX_WRITE_EXPLAIN)
        explain(wr, p, &f);
    char title[64];
    snprintf(title, sizeof title, "附：检查发现（%zu）", p->diags.n);
    jx_html_diag_table(wr, title, p->src.file, p->diags.v, p->diags.n);
    jx_out_str(wr, "</section>\n");
}

/* Closes the document; a run without projects says so on its one sheet. */
static void finish(jx_writer *wr)
{
    if (wr->nprojects == 0)
        jx_out_str(wr, "<section class=\"sheet\">\n<h1>项目支出绩效自评表</h1>\n"
                       "<p class=\"empty\">没有可以计分的项目。</p>\n</section>\n");
    jx_html_end(wr);
}

const jx_reporter jx_reporter_html = {"html", begin, project, finish, NULL};
