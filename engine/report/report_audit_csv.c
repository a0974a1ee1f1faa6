/* report_audit_csv.c — the audit report as one RFC 4180 table, UTF-8 without BOM.
 *
 * Every row has the same columns; the first, 类别, says what the row is:
 *   项目    one per project: its totals and grades, claimed and recomputed
 *   发现    one per finding, after its project's row
 *   汇总    one statistic of the summary: its key in 代码, its value in 说明
 *   按代码  the findings of one code at one severity: the count in 说明
 *   抽查    one project of the sample: why in 代码, the reason in 说明
 */
#include "report_audit.h"

#include "report_parts.h"

#include <string.h>

static const char ac_header[] =
    "类别,项目,文件,行,主管部门,单位,自评总分,重算总分,差额,自评结论,重算结论,严重程度,代码,位置,说明\n";

/** The columns, in order. */
enum { AC_KIND, AC_NAME, AC_FILE, AC_LINE, AC_DEPT, AC_ORG, AC_CLAIMED, AC_TOTAL, AC_DIFF, AC_CGRADE, AC_GRADE,
       AC_SEVERITY, AC_CODE, AC_POS, AC_TEXT, AC_NCOLS };

/* Writes one row of cells (NULL cells are empty). */
static void ac_row(jx_writer *w, const char *const *cells)
{
    for (size_t c = 0; c < AC_NCOLS; c++) {
        if (c)
            jx_out_char(w, ',');
        if (cells[c])
            jx_out_csv_field(w, cells[c], strlen(cells[c]));
    }
    jx_out_char(w, '\n');
}

/* The 项目 row of a project, then a 发现 row per finding. */
static void ac_project(jx_audit_writer *aw, const jx_audit_view *v)
{
    jx_writer *w = aw->out;
    const jx_project *p = v->p;
    const char *cells[AC_NCOLS] = {0};
    cells[AC_KIND] = "项目";
    cells[AC_NAME] = p->name.s;
    cells[AC_FILE] = p->src.file;
    cells[AC_LINE] = v->line ? jx_scratch_printf(w, "%u", (unsigned)v->line) : NULL;
    cells[AC_DEPT] = p->dept.s;
    cells[AC_ORG] = p->org.s;
    cells[AC_CLAIMED] = p->has_claimed_total ? jx_audit_points_str(w, p->claimed_total, false) : NULL;
    cells[AC_TOTAL] = v->scored ? jx_audit_points_str(w, jx_audit_total_dec(p), false) : NULL;
    cells[AC_DIFF] = v->has_difference ? jx_audit_points_str(w, v->difference, false) : NULL;
    cells[AC_CGRADE] = jx_grade_name(p->claimed_grade);
    cells[AC_GRADE] = v->scored && p->grade != JX_GRADE_NONE ? jx_grade_name(p->grade) : NULL;
    cells[AC_TEXT] = v->scored ? NULL : "有错误，未能计分";
    ac_row(w, cells);
    for (size_t i = 0; i < v->f.n; i++) {
        const jx_diag *d = v->f.v[i];
        const char *f[AC_NCOLS] = {0};
        f[AC_KIND] = "发现";
        f[AC_NAME] = p->name.s;
        f[AC_FILE] = p->src.file;
        f[AC_LINE] = cells[AC_LINE];
        f[AC_SEVERITY] = jx_severity_name(d->severity);
        f[AC_CODE] = d->code;
        f[AC_POS] = jx_audit_position_str(w, p, d, v->flags);
        f[AC_TEXT] = d->message;
        ac_row(w, f);
    }
}

/* One 汇总 row: key and value. */
static void ac_stat(jx_writer *w, const char *key, const char *value)
{
    const char *cells[AC_NCOLS] = {0};
    cells[AC_KIND] = "汇总";
    cells[AC_CODE] = key;
    cells[AC_TEXT] = value;
    ac_row(w, cells);
}

/* A 汇总 row of a count. */
static void ac_count(jx_writer *w, const char *key, size_t n)
{
    ac_stat(w, key, jx_scratch_printf(w, "%zu", n));
}

/* The 汇总 rows of the grade distribution, prefix "claimed" or "recomputed". */
static void ac_grades(jx_writer *w, const char *prefix, const size_t *counts)
{
    static const jx_grade order[] = {JX_GRADE_EXCELLENT, JX_GRADE_GOOD, JX_GRADE_FAIR, JX_GRADE_POOR, JX_GRADE_NONE};
    for (size_t i = 0; i < 5; i++)
        ac_count(w, jx_scratch_printf(w, "%s:%s", prefix, order[i] == JX_GRADE_NONE ? "none" : jx_grade_name(order[i])),
                 counts[order[i]]);
}

/* The 汇总 rows, then the 按代码 rows. */
static void ac_summary(jx_writer *w, const jx_audit *au)
{
    const jx_audit_summary *s = &au->sum;
    char buf[JX_DEC_BUFSZ];
    ac_count(w, "projects", s->projects);
    ac_count(w, "unscored", s->unscored);
    ac_count(w, "funded", s->funded);
    ac_count(w, "unconverted", s->unconverted);
    ac_stat(w, "budget", jx_scratch_printf(w, "%s", jx_audit_wan(s->budget_fen, buf, sizeof buf)));
    ac_stat(w, "spent", jx_scratch_printf(w, "%s", jx_audit_wan(s->spent_fen, buf, sizeof buf)));
    ac_grades(w, "claimed", s->claimed_grades);
    ac_grades(w, "recomputed", s->grades);
    ac_count(w, "claimed_totals", s->claimed_totals);
    ac_stat(w, "inflation", s->claimed_totals ? jx_scratch_printf(w, "%s", jx_fixed_format(s->inflation_cents, 2, buf, sizeof buf))
                                              : NULL);
    ac_count(w, "claims_100", s->claims_100);
    ac_stat(w, "claims_100_percent", jx_scratch_printf(w, "%s", jx_audit_percent(s->claims_100_bp, buf, sizeof buf)));
    ac_count(w, "total_differs", s->total_differs);
    ac_count(w, "grade_differs", s->grade_differs);
    ac_count(w, "differs", s->differs);
    ac_count(w, "errors", s->findings[JX_SEV_ERROR]);
    ac_count(w, "warnings", s->findings[JX_SEV_WARNING]);
    ac_count(w, "notes", s->findings[JX_SEV_NOTE]);
    ac_count(w, "flagged", s->flagged);
    for (size_t i = 0; i < au->ntallies; i++) {
        const jx_code_tally *c = &au->tallies[i];
        for (int sev = JX_SEV_ERROR; sev >= JX_SEV_NOTE; sev--) {
            if (c->count[sev] == 0)
                continue;
            const char *cells[AC_NCOLS] = {0};
            cells[AC_KIND] = "按代码";
            cells[AC_SEVERITY] = jx_severity_name((jx_severity)sev);
            cells[AC_CODE] = c->code;
            cells[AC_TEXT] = jx_scratch_printf(w, "%zu", c->count[sev]);
            ac_row(w, cells);
        }
    }
}

/* One 抽查 row per project picked. */
static void ac_sample(jx_writer *w, const jx_audit *au)
{
    for (size_t i = 0; i < au->npicks; i++) {
        const jx_audit_pick *pk = &au->picks[i];
        const char *cells[AC_NCOLS] = {0};
        cells[AC_KIND] = "抽查";
        cells[AC_NAME] = pk->name;
        cells[AC_FILE] = pk->file;
        cells[AC_LINE] = pk->line ? jx_scratch_printf(w, "%u", (unsigned)pk->line) : NULL;
        if (au->opts.by == JX_AUDIT_BY_DEPT)
            cells[AC_DEPT] = pk->stratum;
        else if (au->opts.by == JX_AUDIT_BY_ORG)
            cells[AC_ORG] = pk->stratum;
        cells[AC_CODE] = jx_audit_why_code(pk->why);
        cells[AC_TEXT] = pk->reason;
        ac_row(w, cells);
    }
}

/* The header row. */
static void ac_begin(jx_audit_writer *aw)
{
    jx_out_str(aw->out, ac_header);
}

/* The summary and the sample, after the last project. */
static void ac_finish(jx_audit_writer *aw)
{
    ac_summary(aw->out, aw->au);
    ac_sample(aw->out, aw->au);
}

const jx_audit_reporter jx_audit_reporter_csv = {"csv", ac_begin, ac_project, ac_finish};
