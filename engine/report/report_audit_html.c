/* report_audit_html.c — the audit report as one self-contained HTML document for A4
 * print: the summary first (projects and funds, mean inflation, claims of 100, the
 * grade distribution as a table and an inline SVG chart, the findings by code), then,
 * on a new page, the projects table (claimed vs recomputed 总分 and 结论), the findings
 * table and the 抽查 picks.
 *
 * The summary is known only when the last project has been read, and it comes first:
 * the rows of the projects and findings tables are written to spools (spool.h) as the
 * projects stream past and copied after the summary at the end. The report thus holds
 * its tables in memory, about the size of the document.
 */
#include "report_audit.h"

#include "codes.h"
#include "html.h"
#include "report_parts.h"
#include "spool.h"
#include "svg_chart.h"

#include <string.h>

/* The style of the report, after the shared one. */
static const char audit_css[] =
    "p.meta { text-align: center; font-size: 9pt; margin: 1.5mm 0 4mm; }\n"
    "h2 { font-size: 11pt; margin: 5mm 0 1.5mm; }\n"
    "p.line { margin: 0 0 1.5mm; }\n"
    "p.note { font-size: 8pt; margin: 1mm 0 0; }\n"
    "table.kv th { text-align: left; font-weight: bold; }\n"
    "table.kv td { text-align: left; }\n"
    "table.dist th, table.codes thead th, table.projects thead th, table.picks th { font-weight: bold; }\n"
    "table.codes td.l, table.codes th.l { text-align: left; }\n"
    "svg.chart { display: block; width: 150mm; max-width: 100%; height: auto; margin: 3mm auto 0; }\n"
    "table.projects, table.picks { font-size: 8.5pt; line-height: 1.25; }\n"
    "table.projects th.l { text-align: left; }\n"
    "table.projects .sub { display: block; font-size: 7.5pt; overflow-wrap: anywhere; }\n"
    "table.projects td.x { font-weight: bold; }\n"
    "table.projects .flag { display: block; font-size: 7.5pt; font-weight: bold; }\n"
    "table.findings td.e { font-weight: bold; }\n"
    "table.findings th.p { text-align: left; vertical-align: top; font-weight: normal; }\n"
    "table.findings .sub { display: block; font-size: 7pt; overflow-wrap: anywhere; }\n"
    "table.codes tbody th { font-weight: normal; }\n"
    "@page { @bottom-center { content: \"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\"; font-size: 8pt; } }\n"
    "table.picks td { text-align: left; }\n"
    "table.picks td.n { text-align: center; }\n"
    "p.empty { margin: 2mm 0; }\n";

/* A cell of text, <td> with class cls (NULL for none). */
static void ah_td(jx_writer *w, const char *cls, const char *text)
{
    jx_html_cell c = {NULL, cls, 0, 0};
    jx_html_cell_text(w, &c, text);
}

/* A count as a <td>. */
static void ah_td_count(jx_writer *w, const char *cls, size_t n)
{
    jx_out_str(w, cls ? "<td class=\"" : "<td>");
    if (cls) {
        jx_out_str(w, cls);
        jx_out_str(w, "\">");
    }
    jx_out_uint(w, n);
    jx_out_str(w, "</td>");
}

/* ------------------------------------------------------------------ project */

/* The project's row of the projects table. */
static void ah_project_row(jx_writer *scratch, jx_writer *w, const jx_audit_view *v, size_t number)
{
    const jx_project *p = v->p;
    jx_out_str(w, "<tr>");
    ah_td_count(w, "n", number);
    jx_out_str(w, "<th scope=\"row\" class=\"l\">");
    jx_html_str(w, p->name.s);
    if (p->org.n || p->dept.n) {
        jx_out_str(w, "<span class=\"sub\">");
        jx_html_str(w, p->org.n ? p->org.s : p->dept.s);
        jx_out_str(w, "</span>");
    }
    jx_out_str(w, "<span class=\"sub\">");
    jx_html_str(w, jx_audit_where(scratch, p->src.file, v->line));
    jx_out_str(w, "</span></th>");
    ah_td(w, "r", jx_audit_funds_cell(scratch, v, false));
    ah_td(w, "r", jx_audit_funds_cell(scratch, v, true));
    bool total_differs = v->has_difference && v->difference.v != 0;
    ah_td(w, NULL, p->has_claimed_total ? jx_audit_points_str(scratch, p->claimed_total, false) : "—");
    ah_td(w, total_differs ? "x" : NULL, v->scored ? jx_audit_points_str(scratch, jx_audit_total_dec(p), false) : "—");
    ah_td(w, NULL, v->has_difference ? jx_audit_points_str(scratch, v->difference, true) : "—");
    ah_td(w, NULL, p->claimed_grade != JX_GRADE_NONE ? jx_grade_name(p->claimed_grade) : "—");
    if (v->grade_differs) {
        jx_out_str(w, "<td class=\"x\">");
        jx_html_str(w, jx_grade_name(p->grade));
        jx_out_str(w, "<span class=\"flag\">不符</span></td>");
    } else {
        ah_td(w, NULL, !v->scored ? "未能计分" : p->grade != JX_GRADE_NONE ? jx_grade_name(p->grade) : "—");
    }
    for (int sev = JX_SEV_ERROR; sev >= JX_SEV_NOTE; sev--)
        ah_td_count(w, NULL, v->f.count[sev]);
    jx_out_str(w, "</tr>\n");
}

/* A finding's 位置 in the findings table: without the project's file, named once in the
 * 项目 cell ("21:13", or the row "1107" of an imported table), else whole. */
static const char *ah_position(jx_writer *scratch, const jx_audit_view *v, const jx_diag *d)
{
    const char *pos = jx_audit_position_str(scratch, v->p, d, v->flags);
    size_t n = strlen(v->p->src.file);
    if (strncmp(pos, v->p->src.file, n) == 0 && pos[n] == ':')
        return pos + n + 1;
    return pos;
}

/* The project's findings, one row each, numbered on from the rows before; the first row
 * starts the 项目 cell spanning them all: the name, and the file the positions are in. */
static void ah_finding_rows(jx_writer *scratch, jx_writer *w, const jx_audit_view *v, size_t *number)
{
    if (v->f.n == 0)
        return;
    jx_out_str(w, "<tbody>\n");
    for (size_t i = 0; i < v->f.n; i++) {
        const jx_diag *d = v->f.v[i];
        jx_out_str(w, "<tr>");
        if (i == 0) {
            jx_out_str(w, "<th scope=\"rowgroup\"");
            if (v->f.n > 1) {
                jx_out_str(w, " rowspan=\"");
                jx_out_uint(w, v->f.n);
                jx_out_char(w, '"');
            }
            jx_out_str(w, " class=\"p\">");
            jx_html_str(w, v->p->name.s);
            jx_out_str(w, "<span class=\"sub\">");
            jx_html_str(w, v->p->src.file);
            jx_out_str(w, "</span></th>");
        }
        ah_td_count(w, "n", ++*number);
        ah_td(w, d->severity == JX_SEV_ERROR ? "n e" : "n", jx_severity_name(d->severity));
        ah_td(w, NULL, d->code);
        ah_td(w, NULL, ah_position(scratch, v, d));
        ah_td(w, NULL, d->message);
        jx_out_str(w, "</tr>\n");
    }
    jx_out_str(w, "</tbody>\n");
}

/* One project: a row of the projects table and its findings' rows, held until the end. */
static void ah_project(jx_audit_writer *aw, const jx_audit_view *v)
{
    jx_audit_spools *st = aw->out->state;
    if (!st || aw->out->err != JX_OK)
        return; /* nothing to write to: the writer failed making its spools */
    ah_project_row(aw->out, st->projects.w, v, aw->nprojects + 1);
    ah_finding_rows(aw->out, st->findings.w, v, &st->nfindings);
    jx_audit_spools_check(aw->out, st);
}

/* ------------------------------------------------------------------ summary */

/* The summary's lines as a table of labels and values. */
static void ah_totals(jx_writer *w, const jx_audit_summary *s)
{
    const char *label[JX_AUDIT_SUMMARY_ROWS], *value[JX_AUDIT_SUMMARY_ROWS];
    jx_audit_summary_rows(w, s, label, value);
    jx_out_str(w, "<h2>汇总</h2>\n<table class=\"kv\">\n<colgroup><col style=\"width: 18%\"><col style=\"width: 82%\"></colgroup>\n"
                  "<tbody>\n");
    static const jx_html_cell head = {"row", NULL, 0, 0};
    static const jx_html_cell left = {NULL, NULL, 0, 0};
    for (size_t i = 0; i < JX_AUDIT_SUMMARY_ROWS; i++) {
        jx_out_str(w, "<tr>");
        jx_html_cell_text(w, &head, label[i]);
        jx_html_cell_text(w, &left, value[i]);
        jx_out_str(w, "</tr>\n");
    }
    jx_out_str(w, "</tbody>\n</table>\n");
}

/* The grade distribution: a table of the counts, then the chart of the same counts. */
static void ah_grades(jx_writer *w, const jx_audit_summary *s)
{
    uint64_t claimed[5], recomputed[5];
    const char *heads[6] = {"结论"};
    for (size_t i = 0; i < 5; i++) {
        jx_grade g = jx_audit_grade_order[i];
        heads[i + 1] = jx_audit_grade_head(g);
        claimed[i] = s->claimed_grades[g];
        recomputed[i] = s->grades[g];
    }
    jx_out_str(w, "<h2>结论分布</h2>\n<table class=\"dist\">\n<colgroup><col style=\"width: 15%\">"
                  "<col style=\"width: 17%\"><col style=\"width: 17%\"><col style=\"width: 17%\">"
                  "<col style=\"width: 17%\"><col style=\"width: 17%\"></colgroup>\n<thead>");
    jx_html_head_row(w, heads, 6);
    jx_out_str(w, "</thead>\n<tbody>\n");
    static const jx_html_cell row_head = {"row", NULL, 0, 0};
    const char *names[2] = {"自评", "重算"};
    const uint64_t *counts[2] = {claimed, recomputed};
    for (size_t r = 0; r < 2; r++) {
        jx_out_str(w, "<tr>");
        jx_html_cell_text(w, &row_head, names[r]);
        for (size_t i = 0; i < 5; i++)
            ah_td_count(w, NULL, counts[r][i]);
        jx_out_str(w, "</tr>\n");
    }
    jx_out_str(w, "</tbody>\n</table>\n");
    const jx_svg_series series[2] = {{"自评", "#d4d4d4", claimed}, {"重算", "#404040", recomputed}};
    const jx_svg_bars chart = {"结论分布：自评与重算", "结论", "项目数（个）", "个", heads + 1, 5, series, 2};
    jx_svg_bar_chart(w, &chart);
}

/* The findings by code and severity. */
static void ah_codes(jx_writer *w, const jx_audit *au)
{
    const jx_audit_summary *s = &au->sum;
    jx_out_str(w, "<h2>发现（");
    jx_html_str(w, jx_audit_min_name(au->opts.min_severity));
    jx_out_str(w, "）</h2>\n<p class=\"line\">");
    jx_html_str(w, jx_audit_findings_words(w, s));
    jx_out_str(w, "</p>\n");
    if (au->ntallies == 0)
        return;
    static const char *const heads[] = {"代码", "名称", "错误", "警告", "提示", "合计"};
    jx_out_str(w, "<table class=\"codes\">\n<colgroup><col style=\"width: 25%\"><col style=\"width: 27%\">"
                  "<col style=\"width: 12%\"><col style=\"width: 12%\"><col style=\"width: 12%\"><col style=\"width: 12%\">"
                  "</colgroup>\n<thead>");
    jx_html_head_row(w, heads, 6);
    jx_out_str(w, "</thead>\n<tbody>\n");
    static const jx_html_cell code = {"row", "l", 0, 0};
    for (size_t i = 0; i < au->ntallies; i++) {
        const jx_code_tally *c = &au->tallies[i];
        jx_out_str(w, "<tr>");
        jx_html_cell_text(w, &code, c->code);
        ah_td(w, "l", jx_code_name_or_empty(c->code));
        for (int sev = JX_SEV_ERROR; sev >= JX_SEV_NOTE; sev--)
            ah_td_count(w, NULL, c->count[sev]);
        ah_td_count(w, NULL, c->count[0] + c->count[1] + c->count[2]);
        jx_out_str(w, "</tr>\n");
    }
    jx_out_str(w, "</tbody>\n</table>\n");
}

/* The projects table: its heads, then the rows held in the spool. */
static void ah_projects_table(jx_audit_writer *aw, jx_audit_spools *st)
{
    jx_writer *w = aw->out;
    jx_out_str(w, "<h2>项目（");
    jx_out_uint(w, aw->nprojects);
    jx_out_str(w, "）</h2>\n");
    if (aw->nprojects == 0) {
        jx_out_str(w, "<p class=\"empty\">没有审核的项目。</p>\n");
        return;
    }
    jx_out_str(w, "<table class=\"projects\">\n<colgroup><col style=\"width: 5%\"><col style=\"width: 27.5%\">"
                  "<col style=\"width: 8%\"><col style=\"width: 8%\"><col style=\"width: 7.5%\">"
                  "<col style=\"width: 7.5%\"><col style=\"width: 7.5%\"><col style=\"width: 6%\">"
                  "<col style=\"width: 6%\"><col style=\"width: 5.5%\"><col style=\"width: 5.5%\">"
                  "<col style=\"width: 6%\"></colgroup>\n<thead>\n<tr>"
                  "<th scope=\"col\" rowspan=\"2\">序号</th><th scope=\"col\" rowspan=\"2\">项目名称／预算单位／位置</th>"
                  "<th scope=\"colgroup\" colspan=\"2\">资金（万元）</th><th scope=\"colgroup\" colspan=\"3\">总分</th>"
                  "<th scope=\"colgroup\" colspan=\"2\">结论</th><th scope=\"colgroup\" colspan=\"3\">发现</th></tr>\n");
    static const char *const sub[] = {"全年预算", "全年执行", "自评", "重算", "差额", "自评", "重算", "错误",
                                      "警告", "提示"};
    jx_html_head_row(w, sub, sizeof sub / sizeof *sub);
    jx_out_str(w, "</thead>\n<tbody>\n");
    jx_spool_copy(&st->projects, w);
    jx_out_str(w, "</tbody>\n</table>\n<p class=\"note\">差额 = 自评总分 − 重算总分；加粗的重算总分、结论与自评不符。"
                  "资金按年度资金总额一行计，该行缺失或为 0 时按各资金来源合计。</p>\n");
}

/* The findings table: its heads, then the rows held in the spool. */
static void ah_findings_table(jx_audit_writer *aw, jx_audit_spools *st)
{
    jx_writer *w = aw->out;
    jx_out_str(w, "<h2>发现明细（");
    jx_out_uint(w, st->nfindings);
    jx_out_str(w, "）</h2>\n");
    if (st->nfindings == 0) {
        jx_out_str(w, "<p class=\"empty\">没有发现。</p>\n");
        return;
    }
    static const char *const heads[] = {"项目", "序号", "级别", "代码", "位置", "说明"};
    jx_out_str(w, "<table class=\"findings\">\n<colgroup><col style=\"width: 17%\"><col style=\"width: 5%\">"
                  "<col style=\"width: 5.5%\"><col style=\"width: 15%\"><col style=\"width: 7.5%\">"
                  "<col style=\"width: 50%\"></colgroup>\n<thead>");
    jx_html_head_row(w, heads, 6);
    jx_out_str(w, "</thead>\n");
    jx_spool_copy(&st->findings, w);
    jx_out_str(w, "</table>\n<p class=\"note\">位置：项目文件中的行:列（导入的表格为行号）。</p>\n");
}

/* The sample: how it was drawn, then each pick with its position and reason. */
static void ah_sample(jx_writer *w, const jx_audit *au)
{
    jx_out_str(w, "<h2>抽查</h2>\n<p class=\"line\">");
    jx_html_str(w, jx_scratch_printf(w, "%s：抽中 %zu 个项目", jx_audit_sample_words(w, au), au->npicks));
    jx_out_str(w, "</p>\n");
    if (au->npicks == 0)
        return;
    static const char *const heads[] = {"序号", "项目", "位置", "抽取方式", "说明"};
    jx_out_str(w, "<table class=\"picks\">\n<colgroup><col style=\"width: 5%\"><col style=\"width: 20%\">"
                  "<col style=\"width: 18%\"><col style=\"width: 10%\"><col style=\"width: 47%\"></colgroup>\n"
                  "<thead>");
    jx_html_head_row(w, heads, 5);
    jx_out_str(w, "</thead>\n<tbody>\n");
    for (size_t i = 0; i < au->npicks; i++) {
        const jx_audit_pick *pk = &au->picks[i];
        jx_out_str(w, "<tr>");
        ah_td_count(w, "n", i + 1);
        ah_td(w, NULL, pk->name);
        ah_td(w, NULL, jx_audit_where(w, pk->file, pk->line));
        ah_td(w, NULL, jx_audit_pick_why_name(pk));
        ah_td(w, NULL, pk->reason);
        jx_out_str(w, "</tr>\n");
    }
    jx_out_str(w, "</tbody>\n</table>\n");
}

/* The whole document: the summary on the first page, then the tables and the sample. */
static void ah_finish(jx_audit_writer *aw)
{
    jx_writer *w = aw->out;
    jx_audit_spools *st = w->state;
    if (!st || w->err != JX_OK) {
        jx_audit_spools_free(w);
        return;
    }
    const jx_audit *au = aw->au;
    const char *pol = jx_audit_policy_name(au);
    jx_html_begin(w, "审核报告", audit_css);
    jx_out_str(w, "<section class=\"sheet\">\n<h1>审核报告</h1>\n<p class=\"meta\">");
    jx_html_str(w, jx_scratch_printf(w, "评分办法：%s　列出%s的发现　自评总分、结论按评分办法重算", pol[0] ? pol : "—",
                                     jx_audit_min_name(au->opts.min_severity)));
    jx_out_str(w, "</p>\n");
    ah_totals(w, &au->sum);
    ah_grades(w, &au->sum);
    ah_codes(w, au);
    jx_out_str(w, "</section>\n<section class=\"sheet\">\n");
    ah_projects_table(aw, st);
    ah_findings_table(aw, st);
    if (au->sampling)
        ah_sample(w, au);
    jx_out_str(w, "</section>\n");
    jx_html_end(w);
    jx_audit_spools_free(w);
}

const jx_audit_reporter jx_audit_reporter_html = {"html", jx_audit_spools_begin, ah_project, ah_finish, NULL};
