/* report_audit_json.c — the audit report as one JSON document:
 *   {"jixiao":"0.1.0","policy":…,"min_severity":…,"projects":[ one object per line ],
 *    "summary":{…},"sample":null|{…}}
 * Scores are exact decimals with at least two places; money is in 万元, exact.
 */
#include "report_audit.h"

#include "report_parts.h"

/* A count. */
static void aj_uint(jx_writer *w, const char *k, size_t v)
{
    jx_json_key(w, k);
    jx_out_uint(w, v);
}

/* 分 as 万元, exact. */
static void aj_wan(jx_writer *w, int64_t fen)
{
    jx_dec wan = {fen, 6}; /* 1 万元 = 1 000 000 分, as jx_audit_wan */
    jx_out_dec(w, wan);
}

/* ------------------------------------------------------------------ project */

/* The "funds" member of a project: {"budget":…,"spent":…} in 万元, or null. */
static void aj_project_funds(jx_writer *w, const jx_audit_view *v)
{
    jx_json_key(w, "funds");
    if (v->funds != JX_AUDIT_FUNDS_OK) {
        jx_out_str(w, "null");
        return;
    }
    jx_out_str(w, "{\"budget\":");
    aj_wan(w, v->budget_fen);
    jx_out_str(w, ",\"spent\":");
    aj_wan(w, v->spent_fen);
    jx_out_char(w, '}');
}

/* The "name" member: the code's Chinese name (codes.c), null for a code without one. */
static void aj_code_name(jx_writer *w, const char *code)
{
    const char *name = jx_code_name(code);
    jx_json_key(w, "name");
    if (name)
        jx_json_str(w, name);
    else
        jx_out_str(w, "null");
}

/* The "findings" member: errors first. */
static void aj_findings(jx_writer *w, const jx_audit_view *v)
{
    jx_json_key(w, "findings");
    jx_out_char(w, '[');
    for (size_t i = 0; i < v->f.n; i++) {
        const jx_diag *d = v->f.v[i];
        jx_out_str(w, i ? ",{\"severity\":" : "{\"severity\":");
        jx_json_str(w, jx_audit_severity_code(d->severity));
        jx_json_key(w, "code");
        jx_json_str(w, d->code);
        jx_json_key(w, "message");
        jx_json_str(w, d->message);
        jx_json_key(w, "source");
        jx_json_str(w, jx_audit_position_str(w, v->p, d, v->flags));
        aj_code_name(w, d->code);
        jx_out_char(w, '}');
    }
    jx_out_char(w, ']');
}

/* One project object, on a line of its own. */
static void aj_project(jx_audit_writer *aw, const jx_audit_view *v)
{
    jx_writer *w = aw->out;
    const jx_project *p = v->p;
    jx_out_str(w, aw->nprojects ? ",\n{\"name\":" : "\n{\"name\":");
    jx_json_str_n(w, p->name.s, p->name.n);
    jx_json_key(w, "file");
    jx_json_str(w, p->src.file);
    jx_json_key(w, "line");
    jx_out_uint(w, v->line);
    jx_json_key(w, "dept");
    jx_json_str_n(w, p->dept.s, p->dept.n);
    jx_json_key(w, "org");
    jx_json_str_n(w, p->org.s, p->org.n);
    aj_project_funds(w, v);
    jx_json_key(w, "scored");
    jx_out_str(w, v->scored ? "true" : "false");
    jx_json_key(w, "claimed_total");
    if (p->has_claimed_total)
        jx_audit_out_points(w, p->claimed_total, false);
    else
        jx_out_str(w, "null");
    jx_json_key(w, "total");
    if (v->scored)
        jx_audit_out_points(w, jx_audit_total_dec(p), false);
    else
        jx_out_str(w, "null");
    jx_json_key(w, "difference");
    if (v->has_difference)
        jx_audit_out_points(w, v->difference, false);
    else
        jx_out_str(w, "null");
    jx_json_key(w, "claimed_grade");
    jx_json_grade(w, p->claimed_grade);
    jx_json_key(w, "grade");
    jx_json_grade(w, v->scored ? p->grade : JX_GRADE_NONE);
    jx_json_key(w, "grade_differs");
    jx_out_str(w, v->grade_differs ? "true" : "false");
    jx_json_key(w, "counts");
    jx_out_str(w, "{\"error\":");
    jx_out_uint(w, v->f.count[JX_SEV_ERROR]);
    aj_uint(w, "warning", v->f.count[JX_SEV_WARNING]);
    aj_uint(w, "note", v->f.count[JX_SEV_NOTE]);
    jx_out_char(w, '}');
    aj_findings(w, v);
    jx_out_char(w, '}');
}

/* ------------------------------------------------------------------ summary */

/* {"优":n,"良":n,"中":n,"差":n,"none":n} */
static void aj_grades(jx_writer *w, const size_t *counts)
{
    static const jx_grade order[] = {JX_GRADE_EXCELLENT, JX_GRADE_GOOD, JX_GRADE_FAIR, JX_GRADE_POOR};
    jx_out_char(w, '{');
    for (size_t i = 0; i < 4; i++) {
        if (i)
            jx_out_char(w, ',');
        jx_json_str(w, jx_grade_name(order[i]));
        jx_out_char(w, ':');
        jx_out_uint(w, counts[order[i]]);
    }
    aj_uint(w, "none", counts[JX_GRADE_NONE]);
    jx_out_char(w, '}');
}

/* The "findings" member of the summary: totals by severity and one tally per code. */
static void aj_codes(jx_writer *w, const jx_audit *au)
{
    const jx_audit_summary *s = &au->sum;
    jx_json_key(w, "findings");
    jx_out_str(w, "{\"error\":");
    jx_out_uint(w, s->findings[JX_SEV_ERROR]);
    aj_uint(w, "warning", s->findings[JX_SEV_WARNING]);
    aj_uint(w, "note", s->findings[JX_SEV_NOTE]);
    aj_uint(w, "flagged_projects", s->flagged);
    jx_json_key(w, "by_code");
    jx_out_char(w, '[');
    for (size_t i = 0; i < au->ntallies; i++) {
        const jx_code_tally *c = &au->tallies[i];
        jx_out_str(w, i ? ",{\"code\":" : "{\"code\":");
        jx_json_str(w, c->code);
        aj_uint(w, "error", c->count[JX_SEV_ERROR]);
        aj_uint(w, "warning", c->count[JX_SEV_WARNING]);
        aj_uint(w, "note", c->count[JX_SEV_NOTE]);
        aj_code_name(w, c->code);
        jx_out_char(w, '}');
    }
    jx_out_str(w, "]}");
}

/* The "summary" member. */
static void aj_summary(jx_writer *w, const jx_audit *au)
{
    const jx_audit_summary *s = &au->sum;
    jx_out_str(w, ",\n\"summary\":{\"projects\":");
    jx_out_uint(w, s->projects);
    aj_uint(w, "unscored", s->unscored);
    jx_json_key(w, "funds");
    jx_out_str(w, "{\"unit\":\"万元\",\"budget\":");
    aj_wan(w, s->budget_fen);
    jx_out_str(w, ",\"spent\":");
    aj_wan(w, s->spent_fen);
    aj_uint(w, "projects", s->funded);
    aj_uint(w, "unconverted", s->unconverted);
    jx_out_char(w, '}');
    jx_json_key(w, "grades");
    jx_out_str(w, "{\"claimed\":");
    aj_grades(w, s->claimed_grades);
    jx_out_str(w, ",\"recomputed\":");
    aj_grades(w, s->grades);
    jx_out_char(w, '}');
    jx_json_key(w, "inflation");
    jx_out_str(w, "{\"projects\":");
    jx_out_uint(w, s->claimed_totals);
    jx_json_key(w, "mean");
    if (s->claimed_totals)
        jx_out_fixed(w, s->inflation_cents, 2);
    else
        jx_out_str(w, "null");
    jx_out_char(w, '}');
    jx_json_key(w, "claims_100");
    jx_out_str(w, "{\"projects\":");
    jx_out_uint(w, s->claims_100);
    jx_json_key(w, "percent");
    jx_out_fixed(w, s->claims_100_bp, 2);
    jx_out_char(w, '}');
    jx_json_key(w, "differ");
    jx_out_str(w, "{\"total\":");
    jx_out_uint(w, s->total_differs);
    aj_uint(w, "grade", s->grade_differs);
    aj_uint(w, "either", s->differs);
    jx_out_char(w, '}');
    aj_codes(w, au);
    jx_out_char(w, '}');
}

/* The "flagged_for" member of a pick: what it is flagged for, [] when it is not. */
static void aj_flagged_for(jx_writer *w, unsigned bits)
{
    static const struct { unsigned bit; const char *code; } kinds[] = {
        {JX_AUDIT_FLAG_ERROR, "error"}, {JX_AUDIT_FLAG_TOTAL, "total"}, {JX_AUDIT_FLAG_GRADE, "grade"}};
    jx_json_key(w, "flagged_for");
    jx_out_char(w, '[');
    bool first = true;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (!(bits & kinds[i].bit))
            continue;
        if (!first)
            jx_out_char(w, ',');
        jx_json_str(w, kinds[i].code);
        first = false;
    }
    jx_out_char(w, ']');
}

/* The "sample" member: null, or how it was drawn and the picks. */
static void aj_sample(jx_writer *w, const jx_audit *au)
{
    jx_json_key(w, "sample");
    if (!au->sampling) {
        jx_out_str(w, "null");
        return;
    }
    const jx_audit_options *o = &au->opts;
    jx_out_str(w, "{\"size\":");
    if (au->share) {
        char pct[JX_DEC_BUFSZ];
        jx_dec_format((jx_dec){o->sample_bp, 2}, pct, sizeof pct);
        jx_out_char(w, '"');
        jx_out_str(w, pct);
        jx_out_str(w, "%\"");
    } else {
        jx_out_uint(w, o->sample_count);
    }
    jx_json_key(w, "seed");
    jx_out_uint(w, o->seed);
    jx_json_key(w, "by");
    if (o->by == JX_AUDIT_BY_NONE)
        jx_out_str(w, "null");
    else
        jx_json_str(w, o->by == JX_AUDIT_BY_ORG ? "单位" : "主管部门");
    jx_json_key(w, "weight");
    jx_out_str(w, o->weight_funds ? "\"funds\"" : "null");
    jx_json_key(w, "include_flagged");
    jx_out_str(w, o->include_flagged ? "true" : "false");
    jx_json_key(w, "picks");
    jx_out_char(w, '[');
    for (size_t i = 0; i < au->npicks; i++) {
        const jx_audit_pick *pk = &au->picks[i];
        jx_out_str(w, i ? ",\n{\"name\":" : "\n{\"name\":");
        jx_json_str(w, pk->name);
        jx_json_key(w, "file");
        jx_json_str(w, pk->file);
        jx_json_key(w, "line");
        jx_out_uint(w, pk->line);
        jx_json_key(w, "stratum");
        jx_json_str(w, pk->stratum);
        jx_json_key(w, "funds");
        aj_wan(w, pk->funds_fen);
        aj_flagged_for(w, pk->flagged_for);
        jx_json_key(w, "why");
        jx_json_str(w, jx_audit_why_code(pk->why));
        jx_json_key(w, "reason");
        jx_json_str(w, pk->reason);
        jx_out_char(w, '}');
    }
    jx_out_str(w, au->npicks ? "\n]}" : "]}");
}

/* The document's head: version, policy, minimum severity, and the projects array opened. */
static void aj_begin(jx_audit_writer *aw)
{
    jx_writer *w = aw->out;
    const char *pol = jx_audit_policy_name(aw->au);
    jx_out_str(w, "{\"jixiao\":\"" JX_VERSION "\",\"policy\":");
    if (pol[0])
        jx_json_str(w, pol);
    else
        jx_out_str(w, "null");
    jx_json_key(w, "min_severity");
    jx_json_str(w, jx_audit_severity_code(aw->au->opts.min_severity));
    jx_out_str(w, ",\"projects\":[");
}

/* Closes the projects array, then the summary and the sample close the document. */
static void aj_finish(jx_audit_writer *aw)
{
    jx_writer *w = aw->out;
    jx_out_str(w, aw->nprojects ? "\n]" : "]");
    aj_summary(w, aw->au);
    aj_sample(w, aw->au);
    jx_out_str(w, "}\n");
}

const jx_audit_reporter jx_audit_reporter_json = {"json", aj_begin, aj_project, aj_finish};
