/* report_audit_summary.c — the audit's summary in words, as the text report prints it and
 * the HTML, Markdown and workbook reports put it in their tables (report_audit.h). */
#include "report_audit.h"

#include "report_parts.h"

const jx_grade jx_audit_grade_order[5] = {JX_GRADE_EXCELLENT, JX_GRADE_GOOD, JX_GRADE_FAIR, JX_GRADE_POOR,
                                          JX_GRADE_NONE};

const char *jx_audit_grade_head(jx_grade g)
{
    return g == JX_GRADE_NONE ? "未填/未计分" : jx_grade_name(g);
}

void jx_audit_summary_rows(jx_writer *w, const jx_audit_summary *s, const char *label[JX_AUDIT_SUMMARY_ROWS],
                           const char *value[JX_AUDIT_SUMMARY_ROWS])
{
    char b[JX_DEC_BUFSZ], sp[JX_DEC_BUFSZ], pct[JX_DEC_BUFSZ];
    label[0] = "项目";
    value[0] = jx_scratch_printf(w, "%zu 个，其中无法计分 %zu 个", s->projects, s->unscored);
    label[1] = "资金";
    value[1] = jx_scratch_printf(w, "全年预算 %s 万元，全年执行 %s 万元（%zu 个项目）",
                                 jx_audit_wan(s->budget_fen, b, sizeof b), jx_audit_wan(s->spent_fen, sp, sizeof sp),
                                 s->funded);
    if (s->unconverted)
        value[1] = jx_scratch_printf(w, "%s；另有 %zu 个项目的金额单位无法换算，未计入", value[1], s->unconverted);
    label[2] = "平均虚高";
    jx_dec mean = {s->inflation_cents, 2};
    value[2] = s->claimed_totals
                   ? jx_scratch_printf(w, "%s 分（自评总分 − 重算总分，%zu 个填了总分并已计分的项目的平均）",
                                       jx_audit_points_str(w, mean, true), s->claimed_totals)
                   : "—（没有填了总分并已计分的项目）";
    label[3] = "自评 100 分";
    value[3] = jx_scratch_printf(w, "%zu 个，占全部项目的 %s%%", s->claims_100,
                                 jx_audit_percent(s->claims_100_bp, pct, sizeof pct));
    label[4] = "自评与重算不符";
    value[4] = jx_scratch_printf(w, "%zu 个：总分不符 %zu 个，结论不符 %zu 个", s->differs, s->total_differs,
                                 s->grade_differs);
}

const char *jx_audit_findings_words(jx_writer *w, const jx_audit_summary *s)
{
    size_t n = s->findings[0] + s->findings[1] + s->findings[2];
    if (n == 0)
        return "无";
    return jx_scratch_printf(w, "%zu 条：错误 %zu，警告 %zu，提示 %zu；有错误的项目 %zu 个", n,
                             s->findings[JX_SEV_ERROR], s->findings[JX_SEV_WARNING], s->findings[JX_SEV_NOTE],
                             s->flagged);
}

const char *jx_audit_sample_words(jx_writer *w, const jx_audit *au)
{
    const jx_audit_options *o = &au->opts;
    char pct[JX_DEC_BUFSZ];
    const char *s = au->share
                        ? jx_scratch_printf(w, "抽取 %s%%", jx_dec_format((jx_dec){o->sample_bp, 2}, pct, sizeof pct))
                        : jx_scratch_printf(w, "抽取 %u 个", (unsigned)o->sample_count);
    s = jx_scratch_printf(w, "%s，种子 %llu", s, (unsigned long long)o->seed);
    if (o->by != JX_AUDIT_BY_NONE)
        s = jx_scratch_printf(w, "%s，按%s分层", s, o->by == JX_AUDIT_BY_ORG ? "单位" : "主管部门");
    if (o->weight_funds)
        s = jx_scratch_printf(w, "%s，按资金加权", s);
    if (o->include_flagged)
        s = jx_scratch_printf(w, "%s，有错误或自评高于重算的项目必抽", s);
    return s;
}

const char *jx_audit_funds_cell(jx_writer *w, const jx_audit_view *v, bool spent)
{
    if (v->funds != JX_AUDIT_FUNDS_OK)
        return "—";
    char buf[JX_DEC_BUFSZ];
    return jx_scratch_str(w, jx_audit_wan(spent ? v->spent_fen : v->budget_fen, buf, sizeof buf));
}

const char *jx_audit_where(jx_writer *w, const char *file, uint32_t line)
{
    return line ? jx_scratch_printf(w, "%s:%u", file, (unsigned)line) : file;
}
