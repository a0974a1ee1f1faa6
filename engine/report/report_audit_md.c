/* report_audit_md.c — the audit report as GitHub-flavoured Markdown, with the content of
 * the HTML report: the summary (its lines, the grade distribution, the findings by code)
 * as tables, then the projects table, the findings as one numbered list per project, and
 * the 抽查 picks.
 *
 * As in the HTML report the summary comes first, so the projects' rows and findings are
 * held in spools (spool.h) until the end.
 */
#include "report_audit.h"

#include "codes.h"
#include "md.h"
#include "report_parts.h"
#include "spool.h"

/* The columns of the projects table and their alignment. */
static const char *const project_heads[] = {"序号", "项目名称", "预算单位", "位置", "全年预算（万元）",
                                            "全年执行（万元）", "自评总分", "重算总分", "差额", "自评结论",
                                            "重算结论", "错误", "警告", "提示"};
#define NPROJECT_COLS (sizeof project_heads / sizeof *project_heads)

/* One project: its row of the projects table, and its findings as a numbered list. */
static void am_project(jx_audit_writer *aw, const jx_audit_view *v)
{
    jx_audit_spools *st = aw->out->state;
    if (!st || aw->out->err != JX_OK)
        return; /* nothing to write to: the writer failed making its spools */
    jx_writer *w = aw->out;
    const jx_project *p = v->p;
    size_t number = aw->nprojects + 1;
    const char *recomputed_grade = !v->scored ? "未能计分" : p->grade != JX_GRADE_NONE ? jx_grade_name(p->grade) : "—";
    if (v->grade_differs)
        recomputed_grade = jx_scratch_printf(w, "%s（不符）", recomputed_grade);
    const char *cells[NPROJECT_COLS] = {
        jx_scratch_printf(w, "%zu", number),
        p->name.s,
        p->org.n ? p->org.s : p->dept.s,
        jx_audit_where(w, p->src.file, v->line),
        jx_audit_funds_cell(w, v, false),
        jx_audit_funds_cell(w, v, true),
        p->has_claimed_total ? jx_audit_points_str(w, p->claimed_total, false) : "—",
        v->scored ? jx_audit_points_str(w, jx_audit_total_dec(p), false) : "—",
        v->has_difference ? jx_audit_points_str(w, v->difference, true) : "—",
        p->claimed_grade != JX_GRADE_NONE ? jx_grade_name(p->claimed_grade) : "—",
        recomputed_grade,
        jx_scratch_printf(w, "%zu", v->f.count[JX_SEV_ERROR]),
        jx_scratch_printf(w, "%zu", v->f.count[JX_SEV_WARNING]),
        jx_scratch_printf(w, "%zu", v->f.count[JX_SEV_NOTE]),
    };
    jx_md_table_row(st->projects.w, cells, NPROJECT_COLS);

    if (v->f.n) {
        jx_writer *fw = st->findings.w;
        jx_out_str(fw, "\n### ");
        jx_out_uint(fw, number);
        jx_out_str(fw, ". ");
        jx_md_str(fw, p->name.s);
        jx_out_str(fw, jx_scratch_printf(w, "（%zu 条）\n\n", v->f.n));
        for (size_t i = 0; i < v->f.n; i++) {
            const jx_diag *d = v->f.v[i];
            jx_out_uint(fw, i + 1);
            jx_out_str(fw, ". ");
            jx_out_str(fw, jx_severity_name(d->severity));
            jx_out_str(fw, " `");
            jx_out_str(fw, d->code); /* codes are words and hyphens: nothing to escape */
            jx_out_str(fw, "` ");
            jx_md_str(fw, jx_audit_position_str(w, p, d, v->flags));
            jx_out_str(fw, "：");
            jx_md_str(fw, d->message);
            jx_out_char(fw, '\n');
        }
        st->nfindings += v->f.n;
    }
    jx_audit_spools_check(w, st);
}

/* The summary: its lines, the grade distribution and the findings by code. */
static void am_summary(jx_writer *w, const jx_audit *au)
{
    const jx_audit_summary *s = &au->sum;
    const char *label[JX_AUDIT_SUMMARY_ROWS], *value[JX_AUDIT_SUMMARY_ROWS];
    jx_audit_summary_rows(w, s, label, value);
    static const char *const kv_heads[] = {"统计", "结果"};
    jx_out_str(w, "\n## 汇总\n\n");
    jx_md_table_head(w, kv_heads, "ll", 2);
    for (size_t i = 0; i < JX_AUDIT_SUMMARY_ROWS; i++) {
        const char *row[] = {label[i], value[i]};
        jx_md_table_row(w, row, 2);
    }

    const char *heads[6] = {"结论"};
    const char *claimed[6] = {"自评"}, *recomputed[6] = {"重算"};
    for (size_t i = 0; i < 5; i++) {
        jx_grade g = jx_audit_grade_order[i];
        heads[i + 1] = jx_audit_grade_head(g);
        claimed[i + 1] = jx_scratch_printf(w, "%zu", s->claimed_grades[g]);
        recomputed[i + 1] = jx_scratch_printf(w, "%zu", s->grades[g]);
    }
    jx_out_str(w, "\n### 结论分布\n\n");
    jx_md_table_head(w, heads, "lrrrrr", 6);
    jx_md_table_row(w, claimed, 6);
    jx_md_table_row(w, recomputed, 6);

    jx_out_str(w, "\n### 发现（");
    jx_out_str(w, jx_audit_min_name(au->opts.min_severity));
    jx_out_str(w, "）\n\n");
    jx_out_str(w, jx_audit_findings_words(w, s));
    jx_out_str(w, "\n");
    if (au->ntallies == 0)
        return;
    static const char *const code_heads[] = {"代码", "名称", "错误", "警告", "提示", "合计"};
    jx_out_char(w, '\n');
    jx_md_table_head(w, code_heads, "llrrrr", 6);
    for (size_t i = 0; i < au->ntallies; i++) {
        const jx_code_tally *c = &au->tallies[i];
        const char *row[] = {
            c->code,
            jx_code_name_or_empty(c->code),
            jx_scratch_printf(w, "%zu", c->count[JX_SEV_ERROR]),
            jx_scratch_printf(w, "%zu", c->count[JX_SEV_WARNING]),
            jx_scratch_printf(w, "%zu", c->count[JX_SEV_NOTE]),
            jx_scratch_printf(w, "%zu", c->count[0] + c->count[1] + c->count[2]),
        };
        jx_md_table_row(w, row, 6);
    }
}

/* The sample: how it was drawn, then each pick with its position and reason. */
static void am_sample(jx_writer *w, const jx_audit *au)
{
    jx_out_str(w, "\n## 抽查\n\n");
    jx_md_str(w, jx_scratch_printf(w, "%s：抽中 %zu 个项目", jx_audit_sample_words(w, au), au->npicks));
    jx_out_char(w, '\n');
    if (au->npicks == 0)
        return;
    static const char *const heads[] = {"序号", "项目", "位置", "抽取方式", "说明"};
    jx_out_char(w, '\n');
    jx_md_table_head(w, heads, "rllll", 5);
    for (size_t i = 0; i < au->npicks; i++) {
        const jx_audit_pick *pk = &au->picks[i];
        const char *row[] = {jx_scratch_printf(w, "%zu", i + 1), pk->name, jx_audit_where(w, pk->file, pk->line),
                             jx_audit_pick_why_name(pk), pk->reason};
        jx_md_table_row(w, row, 5);
    }
}

/* The whole document: the summary, the projects, the findings and the sample. */
static void am_finish(jx_audit_writer *aw)
{
    jx_writer *w = aw->out;
    jx_audit_spools *st = w->state;
    if (!st || w->err != JX_OK) {
        jx_audit_spools_free(w);
        return;
    }
    const jx_audit *au = aw->au;
    const char *pol = jx_audit_policy_name(au);
    jx_out_str(w, "# 审核报告\n\n");
    jx_md_str(w, jx_scratch_printf(w, "评分办法：%s；列出%s的发现；自评总分、结论按评分办法重算。", pol[0] ? pol : "—",
                                   jx_audit_min_name(au->opts.min_severity)));
    jx_out_char(w, '\n');
    am_summary(w, au);

    jx_out_str(w, jx_scratch_printf(w, "\n## 项目（%zu）\n\n", aw->nprojects));
    if (aw->nprojects == 0) {
        jx_out_str(w, "没有审核的项目。\n");
    } else {
        jx_md_table_head(w, project_heads, "rlllrrrrrccrrr", NPROJECT_COLS);
        jx_spool_copy(&st->projects, w);
        jx_out_str(w, "\n差额 = 自评总分 − 重算总分。资金按年度资金总额一行计，该行缺失或为 0 时按各资金来源合计。\n");
    }

    jx_out_str(w, jx_scratch_printf(w, "\n## 发现明细（%zu）\n", st->nfindings));
    if (st->nfindings == 0)
        jx_out_str(w, "\n没有发现。\n");
    else
        jx_spool_copy(&st->findings, w);
    if (au->sampling)
        am_sample(w, au);
    jx_audit_spools_free(w);
}

const jx_audit_reporter jx_audit_reporter_md = {"md", jx_audit_spools_begin, am_project, am_finish};
