/* report_audit_text.c — the audit report as text: per project the claimed and
 * recomputed 总分 and 结论 and the findings, then the summary and the sample, every
 * table aligned by display width (CJK = 2 cells; report_parts.h).
 */
#include "report_audit.h"

#include "codes.h"
#include "report_parts.h"

/* Adds the row "label  value" to a two-column table. */
static void at_pair(jx_table *t, const char *label, const char *value)
{
    const char **row = jx_table_row(t);
    if (row) {
        row[0] = label;
        row[1] = value;
    }
}

/* "全年预算 358.35 万元，全年执行 358.35 万元" */
static const char *at_funds(jx_writer *w, int64_t budget_fen, int64_t spent_fen)
{
    char b[JX_DEC_BUFSZ], s[JX_DEC_BUFSZ];
    return jx_scratch_printf(w, "全年预算 %s 万元，全年执行 %s 万元", jx_audit_wan(budget_fen, b, sizeof b),
                  jx_audit_wan(spent_fen, s, sizeof s));
}

/* ------------------------------------------------------------------ project */

/* The project's head: name, position, 主管部门, 单位, funds. */
static void at_head(jx_writer *w, const jx_audit_view *v)
{
    const jx_project *p = v->p;
    jx_table t;
    jx_table_init(&t, w, 2);
    at_pair(&t, "项目名称", p->name.s);
    at_pair(&t, "位置", jx_audit_where(w, p->src.file, v->line));
    if (p->dept.n)
        at_pair(&t, "主管部门", p->dept.s);
    if (p->org.n)
        at_pair(&t, "预算单位", p->org.s);
    if (v->funds == JX_AUDIT_FUNDS_OK)
        at_pair(&t, "资金", at_funds(w, v->budget_fen, v->spent_fen));
    else if (v->funds == JX_AUDIT_FUNDS_UNCONVERTED)
        at_pair(&t, "资金", jx_scratch_printf(w, "金额单位“%s”无法换算为万元", p->money_unit.s));
    jx_table_print(&t, 0);
}

/* The 总分 and 结论 rows: claimed, recomputed and how they differ. */
static void at_claims(jx_writer *w, const jx_audit_view *v)
{
    const jx_project *p = v->p;
    jx_table t;
    jx_table_init(&t, w, 4);
    const char **row = jx_table_row(&t);
    if (!row)
        return;
    row[1] = "自评";
    row[2] = "重算";
    row[3] = "差额";
    if (!(row = jx_table_row(&t)))
        return;
    row[0] = "总分";
    row[1] = p->has_claimed_total ? jx_audit_points_str(w, p->claimed_total, false) : "—";
    row[2] = v->scored ? jx_audit_points_str(w, jx_audit_total_dec(p), false) : "—";
    row[3] = v->has_difference ? jx_audit_points_str(w, v->difference, true) : "—";
    if (!(row = jx_table_row(&t)))
        return;
    row[0] = "结论";
    row[1] = p->claimed_grade != JX_GRADE_NONE ? jx_grade_name(p->claimed_grade) : "—";
    row[2] = v->scored && p->grade != JX_GRADE_NONE ? jx_grade_name(p->grade) : "—";
    row[3] = v->grade_differs ? "不符" : "";
    jx_table_print(&t, 2);
    if (!v->scored)
        jx_out_str(w, "  有错误，未能计分\n");
}

/* The findings, errors first, one aligned row each. */
static void at_findings(jx_writer *w, const jx_audit_view *v)
{
    const jx_audit_findings *f = &v->f;
    if (f->n == 0) {
        jx_out_str(w, "发现  无\n");
        return;
    }
    jx_out_str(w, jx_scratch_printf(w, "发现（%zu 条：错误 %zu，警告 %zu，提示 %zu）\n", f->n, f->count[JX_SEV_ERROR],
                         f->count[JX_SEV_WARNING], f->count[JX_SEV_NOTE]));
    jx_table t;
    jx_table_init(&t, w, 4);
    for (size_t i = 0; i < f->n; i++) {
        const jx_diag *d = f->v[i];
        const char **row = jx_table_row(&t);
        if (!row)
            return;
        row[0] = jx_severity_name(d->severity);
        row[1] = jx_audit_position_str(w, v->p, d, v->flags);
        row[2] = d->code;
        row[3] = d->message;
    }
    jx_table_print(&t, 2);
}

/* One project: its head, its totals and grades, its findings. */
static void at_project(jx_audit_writer *aw, const jx_audit_view *v)
{
    jx_writer *w = aw->out;
    jx_out_char(w, '\n');
    at_head(w, v);
    jx_out_char(w, '\n');
    at_claims(w, v);
    jx_out_char(w, '\n');
    at_findings(w, v);
}

/* ------------------------------------------------------------------ summary */

/* The lines of projects, funds, inflation, claims of 100 and differences. */
static void at_totals(jx_writer *w, const jx_audit_summary *s)
{
    const char *label[JX_AUDIT_SUMMARY_ROWS], *value[JX_AUDIT_SUMMARY_ROWS];
    jx_audit_summary_rows(w, s, label, value);
    jx_table t;
    jx_table_init(&t, w, 2);
    for (size_t i = 0; i < JX_AUDIT_SUMMARY_ROWS; i++)
        at_pair(&t, label[i], value[i]);
    jx_table_print(&t, 0);
}

/* The grade distribution, claimed and recomputed. */
static void at_grades(jx_writer *w, const jx_audit_summary *s)
{
    jx_out_str(w, "结论分布\n");
    jx_table t;
    jx_table_init(&t, w, 6);
    const char **head = jx_table_row(&t), **claimed = jx_table_row(&t), **recomputed = jx_table_row(&t);
    if (!head || !claimed || !recomputed)
        return;
    claimed[0] = "自评";
    recomputed[0] = "重算";
    for (size_t i = 0; i < 5; i++) {
        jx_grade g = jx_audit_grade_order[i];
        head[i + 1] = jx_audit_grade_head(g);
        claimed[i + 1] = jx_scratch_printf(w, "%zu", s->claimed_grades[g]);
        recomputed[i + 1] = jx_scratch_printf(w, "%zu", s->grades[g]);
    }
    jx_table_print(&t, 2);
}

/* The findings by code, each code with its Chinese name. */
static void at_codes(jx_writer *w, const jx_audit *au)
{
    const jx_audit_summary *s = &au->sum;
    jx_out_str(w, jx_scratch_printf(w, "发现（%s）  %s\n", jx_audit_min_name(au->opts.min_severity),
                                    jx_audit_findings_words(w, s)));
    if (s->findings[0] + s->findings[1] + s->findings[2] == 0)
        return;
    jx_table t;
    jx_table_init(&t, w, 5);
    const char **row = jx_table_row(&t);
    if (!row)
        return;
    row[0] = "代码";
    row[1] = "名称";
    row[2] = "错误";
    row[3] = "警告";
    row[4] = "提示";
    for (size_t i = 0; i < au->ntallies; i++) {
        const jx_code_tally *c = &au->tallies[i];
        if (!(row = jx_table_row(&t)))
            return;
        row[0] = c->code;
        row[1] = jx_code_name_or_empty(c->code);
        row[2] = jx_scratch_printf(w, "%zu", c->count[JX_SEV_ERROR]);
        row[3] = jx_scratch_printf(w, "%zu", c->count[JX_SEV_WARNING]);
        row[4] = jx_scratch_printf(w, "%zu", c->count[JX_SEV_NOTE]);
    }
    jx_table_print(&t, 2);
}

/* The sample: how it was drawn, then each pick with its position and reason. */
static void at_sample(jx_writer *w, const jx_audit *au)
{
    jx_out_str(w, jx_scratch_printf(w, "\n抽查（%s）：抽中 %zu 个项目\n", jx_audit_sample_words(w, au), au->npicks));
    if (au->npicks == 0)
        return;
    jx_table t;
    jx_table_init(&t, w, 4);
    for (size_t i = 0; i < au->npicks; i++) {
        const jx_audit_pick *pk = &au->picks[i];
        const char **row = jx_table_row(&t);
        if (!row)
            return;
        row[0] = pk->name;
        row[1] = jx_audit_where(w, pk->file, pk->line);
        row[2] = jx_audit_pick_why_name(pk);
        row[3] = pk->reason;
    }
    jx_table_print(&t, 2);
}

/* The report's title line: the policy and the minimum severity. */
static void at_begin(jx_audit_writer *aw)
{
    const char *pol = jx_audit_policy_name(aw->au);
    jx_out_str(aw->out, jx_scratch_printf(aw->out, "审核报告（评分办法：%s；列出%s的发现）\n", pol[0] ? pol : "—",
                                jx_audit_min_name(aw->au->opts.min_severity)));
}

/* The summary, then the sample when one was asked for. */
static void at_finish(jx_audit_writer *aw)
{
    jx_writer *w = aw->out;
    const jx_audit_summary *s = &aw->au->sum;
    jx_out_str(w, "\n汇总\n");
    at_totals(w, s);
    jx_out_char(w, '\n');
    at_grades(w, s);
    jx_out_char(w, '\n');
    at_codes(w, aw->au);
    if (aw->au->sampling)
        at_sample(w, aw->au);
}

const jx_audit_reporter jx_audit_reporter_text = {"text", at_begin, at_project, at_finish};
