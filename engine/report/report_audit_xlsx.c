/* report_audit_xlsx.c — the audit report as an Excel workbook.
 *
 * Four sheets, whatever the number of projects: 汇总 (the summary of the text report:
 * projects and funds, mean inflation, claims of 100, differences, the grades claimed and
 * recomputed, the findings by code), 项目 (one row per project: claimed and recomputed
 * 总分 and 结论, the difference, the findings counted), 发现 (one row per finding: 代码,
 * 代码名称, 级别, 项目, 指标, 位置, 说明) and, with a sample, 抽查 (the picks and why). The lists
 * have their header row frozen and filtered, and go on in 项目(2), 发现(2), … past the
 * rows a sheet holds. The projects stream into the lists; the summary is written at the
 * end, in the first sheet. Every sheet is written top to bottom, each row whole before the
 * next, so the workbook is built in flat memory (jx_xlsx_open_in_order, xlsx_book.c).
 */
#include "report_audit.h"

#include "alloc.h"
#include "codes.h"
#include "report_parts.h"
#include "xlsx_book.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/** Columns of the 项目 sheet. */
enum {
    P_NO, P_NAME, P_WHERE, P_DEPT, P_ORG, P_BUDGET, P_SPENT, P_CLAIMED, P_TOTAL, P_DIFF,
    P_CLAIMED_GRADE, P_GRADE, P_ERRORS, P_WARNINGS, P_NOTES, P_REMARK, PCOLS
};

static const char *const project_head[PCOLS] = {
    "序号", "项目名称", "位置", "主管部门", "预算单位", "全年预算（万元）", "全年执行（万元）", "自评总分",
    "重算总分", "差额", "自评结论", "重算结论", "错误", "警告", "提示", "备注",
};
static const double project_min[PCOLS] = {6, 20, 16, 12, 16, 12, 12, 10, 10, 9, 10, 10, 6, 6, 6, 10};
static const double project_max[PCOLS] = {8, 40, 40, 30, 40, 20, 20, 12, 12, 12, 11, 11, 8, 8, 8, 40};

/** Columns of the 发现 sheet. */
enum { F_CODE, F_CODE_NAME, F_SEVERITY, F_PROJECT, F_INDICATOR, F_WHERE, F_MESSAGE, FCOLS };

static const char *const finding_head[FCOLS] = {"代码", "代码名称", "级别", "项目", "指标", "位置", "说明"};
static const double finding_min[FCOLS] = {12, 12, 8, 20, 14, 16, 40};
static const double finding_max[FCOLS] = {24, 24, 8, 36, 24, 48, 60};

/** Columns of the 抽查 sheet. */
enum { S_NO, S_NAME, S_WHERE, S_STRATUM, S_FUNDS, S_WHY, S_REASON, SCOLS };

static const double sample_min[SCOLS] = {6, 20, 16, 12, 12, 12, 40};
static const double sample_max[SCOLS] = {8, 40, 40, 40, 20, 16, 60};

/** Columns of the 汇总 sheet: a label, then five of numbers (a note spans the last four). */
enum { M_LABEL, M_VALUE, M_C, M_D, M_E, M_F, MCOLS };

/** The workbook of an audit writer, from the first project to finish. */
typedef struct audit_book {
    jx_xlsx_book book;     /* the workbook */
    jx_xlsx_cursor sum;    /* 汇总, the first sheet, written at the end */
    jx_xlsx_list projects; /* 项目 */
    jx_xlsx_list findings; /* 发现 */
} audit_book;

/* ------------------------------------------------------------------ numbers */

/* The exact decimal d as the nearest double. */
static double ax_dec(jx_dec d)
{
    return (double)d.v / (double)jx_pow10_128(d.scale);
}

/* Places to show d with: its own, at least two. */
static int ax_places(jx_dec d)
{
    return d.scale > 2 ? d.scale : 2;
}

/* 分 as 万元. */
static double ax_wan(int64_t fen)
{
    return (double)fen / 1e6;
}

/* Places to show 分 as 万元 exactly: as many as it needs (1 万元 = 10^6 分), at least two. */
static int ax_wan_places(int64_t fen)
{
    int places = 6;
    while (places > 2 && fen % 10 == 0) {
        fen /= 10;
        places--;
    }
    return places;
}

/* ------------------------------------------------------------------ findings */

/* The finding's row of the 发现 sheet. */
static void ax_finding(jx_audit_writer *aw, audit_book *ab, const jx_audit_view *v, const jx_diag *d)
{
    jx_xlsx_list *l = &ab->findings;
    jx_xlsx_list_row(l);
    jx_xlsx_list_text(l, F_CODE, d->code, JX_XLSX_TEXT);
    jx_xlsx_list_text(l, F_CODE_NAME, jx_code_name_or_empty(d->code), JX_XLSX_TEXT);
    jx_xlsx_list_text(l, F_SEVERITY, jx_severity_name(d->severity), JX_XLSX_CENTER);
    jx_xlsx_list_text(l, F_PROJECT, v->p->name.s, JX_XLSX_TEXT);
    jx_xlsx_list_text(l, F_INDICATOR, jx_audit_indicator_name(v->p, d), JX_XLSX_TEXT);
    jx_xlsx_list_text(l, F_WHERE, jx_audit_position_str(aw->out, v->p, d, v->flags), JX_XLSX_TEXT);
    jx_xlsx_list_text(l, F_MESSAGE, d->message, JX_XLSX_TEXT);
}

/* ------------------------------------------------------------------ projects */

/* A score in column col of the record's row, or "—" when there is none. */
static void ax_points(jx_xlsx_list *l, size_t col, bool has, jx_dec d)
{
    if (has)
        jx_xlsx_list_number(l, col, ax_dec(d), ax_places(d));
    else
        jx_xlsx_list_text(l, col, "—", JX_XLSX_CENTER);
}

/* 备注 of a project's row: what its numbers do not say. */
static const char *ax_remark(jx_writer *w, const jx_audit_view *v)
{
    const char *s = "";
    if (!v->scored)
        s = "有错误，未能计分";
    if (v->funds == JX_AUDIT_FUNDS_UNCONVERTED)
        s = jx_scratch_printf(w, "%s%s金额单位“%s”无法换算为万元，未计入资金合计", s, s[0] ? "；" : "",
                              v->p->money_unit.s);
    if (v->grade_differs)
        s = jx_scratch_printf(w, "%s%s结论不符", s, s[0] ? "；" : "");
    return s;
}

/* The project's row of the 项目 sheet. */
static void ax_project_row(jx_audit_writer *aw, audit_book *ab, const jx_audit_view *v)
{
    jx_writer *w = aw->out;
    const jx_project *p = v->p;
    jx_xlsx_list *l = &ab->projects;
    jx_xlsx_list_row(l);
    jx_xlsx_list_number(l, P_NO, (double)(aw->nprojects + 1), 0);
    jx_xlsx_list_text(l, P_NAME, p->name.s, JX_XLSX_TEXT);
    jx_xlsx_list_text(l, P_WHERE, jx_audit_where(w, p->src.file, v->line), JX_XLSX_TEXT);
    jx_xlsx_list_text(l, P_DEPT, p->dept.s, JX_XLSX_TEXT);
    jx_xlsx_list_text(l, P_ORG, p->org.s, JX_XLSX_TEXT);
    if (v->funds == JX_AUDIT_FUNDS_OK) {
        jx_xlsx_list_number(l, P_BUDGET, ax_wan(v->budget_fen), ax_wan_places(v->budget_fen));
        jx_xlsx_list_number(l, P_SPENT, ax_wan(v->spent_fen), ax_wan_places(v->spent_fen));
    } else {
        jx_xlsx_list_text(l, P_BUDGET, "—", JX_XLSX_CENTER);
        jx_xlsx_list_text(l, P_SPENT, "—", JX_XLSX_CENTER);
    }
    ax_points(l, P_CLAIMED, p->has_claimed_total, p->claimed_total);
    ax_points(l, P_TOTAL, v->scored, jx_audit_total_dec(p));
    ax_points(l, P_DIFF, v->has_difference, v->difference);
    jx_xlsx_list_text(l, P_CLAIMED_GRADE, p->claimed_grade != JX_GRADE_NONE ? jx_grade_name(p->claimed_grade) : "—",
                      JX_XLSX_CENTER);
    jx_xlsx_list_text(l, P_GRADE, v->scored && p->grade != JX_GRADE_NONE ? jx_grade_name(p->grade) : "—",
                      JX_XLSX_CENTER);
    jx_xlsx_list_number(l, P_ERRORS, (double)v->f.count[JX_SEV_ERROR], 0);
    jx_xlsx_list_number(l, P_WARNINGS, (double)v->f.count[JX_SEV_WARNING], 0);
    jx_xlsx_list_number(l, P_NOTES, (double)v->f.count[JX_SEV_NOTE], 0);
    jx_xlsx_list_text(l, P_REMARK, ax_remark(w, v), JX_XLSX_TEXT);
}

/* ------------------------------------------------------------------ summary */

/* A row "label  number  note" of the summary. */
static void ax_figure(jx_xlsx_cursor *cu, const char *label, double v, int decimals, const char *note)
{
    jx_xlsx_cursor_text(cu, M_LABEL, label, JX_XLSX_LABEL);
    jx_xlsx_cursor_number(cu, M_VALUE, v, decimals);
    jx_xlsx_cursor_span(cu, M_C, M_F, note ? note : "", JX_XLSX_TEXT);
    jx_xlsx_cursor_end_row(cu);
}

/* A band naming the table below it, across the summary. */
static void ax_band(jx_xlsx_cursor *cu, const char *s)
{
    cu->row++;
    jx_xlsx_cursor_span(cu, M_LABEL, M_F, s, JX_XLSX_HEAD);
    jx_xlsx_cursor_end_row(cu);
}

/* The summary's column widths: the labels and codes, the numbers' and the codes' names. */
static void ax_summary_widths(audit_book *ab, const jx_audit *au)
{
    double w[MCOLS] = {26, 14, 14, 14, 14, 14};
    for (size_t i = 0; i < au->ntallies; i++) {
        double need = jx_xlsx_text_width(au->tallies[i].code);
        if (need > w[M_LABEL])
            w[M_LABEL] = need > 40 ? 40 : need;
        need = jx_xlsx_text_width(jx_code_name_or_empty(au->tallies[i].code));
        if (need > w[M_VALUE])
            w[M_VALUE] = need > 30 ? 30 : need;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", ax_wan_places(au->sum.budget_fen), ax_wan(au->sum.budget_fen));
    double need = jx_xlsx_text_width(buf);
    if (need > w[M_VALUE])
        w[M_VALUE] = need > 24 ? 24 : need;
    jx_xlsx_set_widths(&ab->book, &ab->sum.sh, w);
}

/* The figures of the text summary's first table. */
static void ax_totals(jx_writer *w, jx_xlsx_cursor *cu, const jx_audit_summary *s)
{
    ax_figure(cu, "项目", (double)s->projects, 0, "审核的项目");
    ax_figure(cu, "无法计分", (double)s->unscored, 0, "有错误、未能重算总分的项目");
    const char *funded = jx_scratch_printf(w, "%zu 个项目的资金合计", s->funded);
    ax_figure(cu, "全年预算（万元）", ax_wan(s->budget_fen), ax_wan_places(s->budget_fen), funded);
    ax_figure(cu, "全年执行（万元）", ax_wan(s->spent_fen), ax_wan_places(s->spent_fen), funded);
    ax_figure(cu, "计入资金的项目", (double)s->funded, 0, "资金取年度资金总额行，该行缺失或全年预算为 0 时取各来源之和");
    ax_figure(cu, "金额单位无法换算", (double)s->unconverted, 0, "金额单位不是元、千元、万元、百万元、亿元的项目，未计入资金合计");
    jx_xlsx_cursor_text(cu, M_LABEL, "平均虚高（分）", JX_XLSX_LABEL);
    if (s->claimed_totals) {
        jx_xlsx_cursor_number(cu, M_VALUE, (double)s->inflation_cents / 100.0, 2);
        jx_xlsx_cursor_span(cu, M_C, M_F,
                            jx_scratch_printf(w, "自评总分 − 重算总分，%zu 个填了总分并已计分的项目的平均", s->claimed_totals),
                            JX_XLSX_TEXT);
    } else {
        jx_xlsx_cursor_text(cu, M_VALUE, "—", JX_XLSX_CENTER);
        jx_xlsx_cursor_span(cu, M_C, M_F, "没有填了总分并已计分的项目", JX_XLSX_TEXT);
    }
    jx_xlsx_cursor_end_row(cu);
    ax_figure(cu, "填了总分并已计分", (double)s->claimed_totals, 0, "平均虚高所平均的项目");
    ax_figure(cu, "自评 100 分", (double)s->claims_100, 0, "自评总分为 100 的项目");
    jx_xlsx_cursor_text(cu, M_LABEL, "自评 100 分的比例", JX_XLSX_LABEL);
    jx_xlsx_number_styled(cu->bk, &cu->sh, cu->row, M_VALUE, (double)s->claims_100_bp / 10000.0, JX_XLSX_PERCENT);
    jx_xlsx_cursor_span(cu, M_C, M_F, "占全部项目", JX_XLSX_TEXT);
    jx_xlsx_cursor_end_row(cu);
    ax_figure(cu, "自评与重算不符", (double)s->differs, 0, "总分或结论与重算不符的已计分项目");
    ax_figure(cu, "总分不符", (double)s->total_differs, 0, NULL);
    ax_figure(cu, "结论不符", (double)s->grade_differs, 0, NULL);
}

/* The grades claimed and recomputed. */
static void ax_grades(jx_xlsx_cursor *cu, const jx_audit_summary *s)
{
    ax_band(cu, "结论分布");
    jx_xlsx_cursor_text(cu, M_LABEL, "", JX_XLSX_HEAD);
    for (size_t i = 0; i < 5; i++)
        jx_xlsx_cursor_text(cu, M_VALUE + i, jx_audit_grade_head(jx_audit_grade_order[i]), JX_XLSX_HEAD);
    jx_xlsx_cursor_end_row(cu);
    const size_t *rows[2] = {s->claimed_grades, s->grades};
    static const char *const labels[2] = {"自评", "重算"};
    for (size_t r = 0; r < 2; r++) {
        jx_xlsx_cursor_text(cu, M_LABEL, labels[r], JX_XLSX_LABEL);
        for (size_t i = 0; i < 5; i++)
            jx_xlsx_cursor_number(cu, M_VALUE + i, (double)rows[r][jx_audit_grade_order[i]], 0);
        jx_xlsx_cursor_end_row(cu);
    }
}

/* The findings by code (with the code's Chinese name) and severity, their totals and the
 * projects with an error. */
static void ax_codes(jx_writer *w, jx_xlsx_cursor *cu, const jx_audit *au)
{
    const jx_audit_summary *s = &au->sum;
    ax_band(cu, jx_scratch_printf(w, "发现（%s）", jx_audit_min_name(au->opts.min_severity)));
    static const char *const head[] = {"代码", "名称", "错误", "警告", "提示", "合计"};
    for (size_t c = 0; c < 6; c++)
        jx_xlsx_cursor_text(cu, c, head[c], JX_XLSX_HEAD);
    jx_xlsx_cursor_end_row(cu);
    for (size_t i = 0; i < au->ntallies; i++) {
        const jx_code_tally *t = &au->tallies[i];
        jx_xlsx_cursor_text(cu, 0, t->code, JX_XLSX_TEXT);
        jx_xlsx_cursor_text(cu, 1, jx_code_name_or_empty(t->code), JX_XLSX_TEXT);
        jx_xlsx_cursor_number(cu, 2, (double)t->count[JX_SEV_ERROR], 0);
        jx_xlsx_cursor_number(cu, 3, (double)t->count[JX_SEV_WARNING], 0);
        jx_xlsx_cursor_number(cu, 4, (double)t->count[JX_SEV_NOTE], 0);
        jx_xlsx_cursor_number(cu, 5, (double)(t->count[0] + t->count[1] + t->count[2]), 0);
        jx_xlsx_cursor_end_row(cu);
    }
    jx_xlsx_cursor_text(cu, 0, "合计", JX_XLSX_LABEL);
    jx_xlsx_cursor_number(cu, 2, (double)s->findings[JX_SEV_ERROR], 0);
    jx_xlsx_cursor_number(cu, 3, (double)s->findings[JX_SEV_WARNING], 0);
    jx_xlsx_cursor_number(cu, 4, (double)s->findings[JX_SEV_NOTE], 0);
    jx_xlsx_cursor_number(cu, 5, (double)(s->findings[0] + s->findings[1] + s->findings[2]), 0);
    jx_xlsx_cursor_end_row(cu);
    ax_figure(cu, "有错误的项目", (double)s->flagged, 0, "有错误级发现的项目");
}

/* The 汇总 sheet: the title, the policy, then the summary's tables. */
static void ax_summary(jx_audit_writer *aw, audit_book *ab)
{
    jx_writer *w = aw->out;
    jx_xlsx_cursor *cu = &ab->sum;
    const jx_audit *au = aw->au;
    ax_summary_widths(ab, au);
    jx_xlsx_cursor_span(cu, M_LABEL, M_F, "审核汇总", JX_XLSX_TITLE);
    jx_xlsx_row_height(cu->bk, &cu->sh, cu->row, 28);
    cu->row++;
    const char *pol = jx_audit_policy_name(au);
    jx_xlsx_cursor_span(cu, M_LABEL, M_F,
                        jx_scratch_printf(w, "评分办法：%s；列出%s的发现", pol[0] ? pol : "—",
                                          jx_audit_min_name(au->opts.min_severity)),
                        JX_XLSX_CAPTION);
    jx_xlsx_cursor_end_row(cu);
    cu->row++;
    ax_totals(w, cu, &au->sum);
    ax_grades(cu, &au->sum);
    ax_codes(w, cu, au);
    jx_xlsx_print_setup(cu->bk, &cu->sh, 1, 0, cu->row - 1);
}

/* ------------------------------------------------------------------ sample */

/* How the sample was drawn: "抽取 20%，种子 42，按单位分层，…：抽中 4 个项目". */
static const char *ax_sample_spec(jx_writer *w, const jx_audit *au)
{
    return jx_scratch_printf(w, "%s：抽中 %zu 个项目", jx_audit_sample_words(w, au), au->npicks);
}

/* The 抽查 sheet: how the sample was drawn, then each pick with its position and reason. */
static void ax_sample(jx_audit_writer *aw, audit_book *ab)
{
    const jx_audit *au = aw->au;
    const char *head[SCOLS] = {"序号", "项目名称", "位置", "分层", "全年预算（万元）", "抽取方式", "理由"};
    if (au->opts.by != JX_AUDIT_BY_NONE)
        head[S_STRATUM] = au->opts.by == JX_AUDIT_BY_ORG ? "单位" : "主管部门";
    jx_xlsx_list_spec spec = {"抽查", "抽查", ax_sample_spec(aw->out, au), head, sample_min, sample_max, SCOLS, 1};
    jx_xlsx_list l;
    jx_xlsx_list_open(&l, &ab->book, &spec);
    for (size_t i = 0; i < au->npicks; i++) {
        const jx_audit_pick *pk = &au->picks[i];
        jx_xlsx_list_row(&l);
        jx_xlsx_list_number(&l, S_NO, (double)(i + 1), 0);
        jx_xlsx_list_text(&l, S_NAME, pk->name, JX_XLSX_TEXT);
        jx_xlsx_list_text(&l, S_WHERE, jx_audit_where(aw->out, pk->file, pk->line), JX_XLSX_TEXT);
        jx_xlsx_list_text(&l, S_STRATUM, pk->stratum, JX_XLSX_TEXT);
        jx_xlsx_list_number(&l, S_FUNDS, ax_wan(pk->funds_fen), ax_wan_places(pk->funds_fen));
        jx_xlsx_list_text(&l, S_WHY, jx_audit_pick_why_name(pk), JX_XLSX_CENTER);
        jx_xlsx_list_text(&l, S_REASON, pk->reason, JX_XLSX_TEXT);
    }
    jx_xlsx_list_close(&l);
}

/* ------------------------------------------------------------------ reporter */

/* Releases the workbook of a writer destroyed before (or after) finishing. */
static void ax_state_free(jx_writer *wr)
{
    audit_book *ab = wr->state;
    if (!ab)
        return;
    jx_xlsx_discard(&ab->book);
    jx_free(wr->alloc, ab, sizeof *ab);
    wr->state = NULL;
    wr->state_free = NULL;
}

/* A jx_write_fn appending the workbook's bytes to the writer's output. */
static size_t ax_out_bytes(void *ud, const char *data, size_t len)
{
    jx_writer *wr = ud;
    jx_out_bytes(wr, data, len);
    return wr->err == JX_OK ? len : 0;
}

/* Keeps the book's first failure as the writer's. */
static void ax_check(jx_writer *w, const audit_book *ab)
{
    if (ab->book.err != JX_OK && w->err == JX_OK)
        w->err = ab->book.err;
}

/* Opens the workbook on its temporary file: 汇总 first (written at the end), then the
 * 项目 and 发现 lists with their header rows. */
static void ax_begin(jx_audit_writer *aw)
{
    jx_writer *w = aw->out;
    audit_book *ab = jx_calloc(w->alloc, sizeof *ab);
    if (!ab) {
        w->err = JX_ERR_NOMEM;
        return;
    }
    w->state = ab;
    w->state_free = ax_state_free;
    time_t created = (w->flags & JX_WRITE_TIMESTAMP) ? time(NULL) : JX_XLSX_FIXED_TIME;
    jx_result rc = jx_xlsx_open_in_order(&ab->book, w->alloc, "审核报告", created, 1);
    if (rc != JX_OK) {
        w->err = rc;
        return;
    }
    jx_xlsx_cursor_start(&ab->sum, &ab->book, "汇总", MCOLS, NULL);
    jx_xlsx_list_spec ps = {"项目", NULL, NULL, project_head, project_min, project_max, PCOLS, 1};
    jx_xlsx_list_open(&ab->projects, &ab->book, &ps);
    jx_xlsx_list_spec fs = {"发现", NULL, NULL, finding_head, finding_min, finding_max, FCOLS, 1};
    jx_xlsx_list_open(&ab->findings, &ab->book, &fs);
    ax_check(w, ab);
}

/* The project's row of 项目 and its findings' rows of 发现. */
static void ax_project(jx_audit_writer *aw, const jx_audit_view *v)
{
    audit_book *ab = aw->out->state;
    if (!ab || aw->out->err != JX_OK)
        return;
    ax_project_row(aw, ab, v);
    for (size_t i = 0; i < v->f.n; i++)
        ax_finding(aw, ab, v, v->f.v[i]);
    ax_check(aw->out, ab);
}

/* Closes the lists, adds the sample, writes the summary and sends the workbook through
 * the writer's output. */
static void ax_finish(jx_audit_writer *aw)
{
    jx_writer *w = aw->out;
    audit_book *ab = w->state;
    if (!ab)
        return;
    if (w->err == JX_OK) {
        jx_xlsx_list_close(&ab->projects);
        jx_xlsx_list_close(&ab->findings);
        if (aw->au->sampling)
            ax_sample(aw, ab);
        ax_summary(aw, ab);
        ax_check(w, ab);
    }
    if (w->err == JX_OK) {
        jx_result rc = jx_xlsx_close(&ab->book, ax_out_bytes, w);
        if (rc != JX_OK && w->err == JX_OK)
            w->err = rc;
    }
    ax_state_free(w);
}

const jx_audit_reporter jx_audit_reporter_xlsx = {"xlsx", ax_begin, ax_project, ax_finish, NULL};
