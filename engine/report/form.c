/* form.c — the 自评表's indicator rows with the spans of their group cells, and the
 * texts of the cells that show a number the scoring layer gives (score.h). */
#include "form.h"

#include "report.h"

#include <string.h>

/* ------------------------------------------------------------- full marks */

const char jx_form_full_marks_label[] = "满分";

const char *jx_form_full_marks_value(jx_arena *ar, const jx_full_marks *fm)
{
    if (!fm->stated)
        return "";
    char full[JX_DEC_BUFSZ], dropped[JX_DEC_BUFSZ];
    const char *s = jx_arena_printf(ar, "%s（不适用 %s 分剔除）", jx_dec_format(fm->full, full, sizeof full),
                                    jx_dec_format(fm->dropped, dropped, sizeof dropped));
    return s ? s : "";
}

/* ------------------------------------------------------------ the rows */

/* Appends the rows of group g's indicators (ind[0..n), or one empty row when there are
 * none and `empty_row` is set) under l1 and l2; returns how many were added. */
static size_t add_rows(jx_form *f, const jx_indicator *const *ind, size_t n, const jx_group *l1,
                       const jx_group *l2, int empty_row)
{
    if (n == 0 && !empty_row)
        return 0;
    size_t first = f->nrows;
    if (n == 0) {
        jx_form_row *r = &f->rows[f->nrows++];
        memset(r, 0, sizeof *r);
        r->l1 = l1;
        r->l2 = l2;
    }
    for (size_t k = 0; k < n; k++) {
        jx_form_row *r = &f->rows[f->nrows++];
        memset(r, 0, sizeof *r);
        r->ind = ind[k];
        r->l1 = l1;
        r->l2 = l2;
    }
    size_t added = f->nrows - first;
    f->rows[first].l2_span = (uint32_t)added;
    return added;
}

jx_result jx_form_build(jx_form *f, const jx_project *p, jx_arena *ar)
{
    memset(f, 0, sizeof *f);
    jx_order o;
    if (jx_order_build(&o, p, ar) != JX_OK)
        return JX_ERR_NOMEM;
    /* rows: every indicator, plus one per empty group that the form still shows */
    size_t cap = p->ninds + p->ngroups + 1;
    f->rows = jx_arena_alloc(ar, cap * sizeof *f->rows);
    if (!f->rows)
        return JX_ERR_NOMEM;
    size_t at = 0; /* the next indicator of o.inds */
    for (size_t t = 0; t < o.ngroups;) {
        const jx_group *top = o.groups[t++];
        if (top->level != 1)
            continue;
        size_t first = f->nrows;
        size_t gi = (size_t)(top - p->groups), n = 0;
        while (at + n < o.ninds && o.inds[at + n]->group == gi)
            n++;
        add_rows(f, o.inds + at, n, top, NULL, 0);
        at += n;
        for (; t < o.ngroups && o.groups[t]->level == 2 && o.groups[t]->parent == gi; t++) {
            size_t si = (size_t)(o.groups[t] - p->groups);
            n = 0;
            while (at + n < o.ninds && o.inds[at + n]->group == si)
                n++;
            add_rows(f, o.inds + at, n, top, o.groups[t], 1);
            at += n;
        }
        if (f->nrows == first)
            add_rows(f, NULL, 0, top, NULL, 1); /* an empty 一级 group: one row, scored 0 */
        f->rows[first].l1_span = (uint32_t)(f->nrows - first);
    }
    f->weight_sum = jx_weight_total(p);
    return JX_OK;
}

/* A copy of buf in ar, or "" when ar ran out. */
static const char *keep(jx_arena *ar, const char *buf)
{
    const char *s = jx_arena_strndup(ar, buf, strlen(buf));
    return s ? s : "";
}

const char *jx_form_group_label(jx_arena *ar, const jx_project *p, const jx_group *g)
{
    if (!g->has_points)
        return g->name.s;
    char buf[JX_DEC_BUFSZ];
    jx_fixed_format(jx_dec_to_units(g->points, p->decimals), p->decimals, buf, sizeof buf);
    const char *s = jx_arena_printf(ar, "%s (%s分)", g->name.s, buf);
    return s ? s : g->name.s;
}

const char *jx_form_exec_label(jx_arena *ar, const jx_project *p)
{
    char buf[JX_DEC_BUFSZ];
    jx_fixed_format(jx_dec_to_units(p->exec_points, p->decimals), p->decimals, buf, sizeof buf);
    const char *s = jx_arena_printf(ar, "预算执行率 (%s分)", buf);
    return s ? s : "预算执行率";
}

const char *jx_form_score(jx_arena *ar, const jx_project *p, int64_t units)
{
    if (!p->scored || units < 0)
        return "—";
    char buf[JX_DEC_BUFSZ];
    jx_fixed_format(units, p->decimals, buf, sizeof buf);
    return keep(ar, buf);
}

const char *jx_form_indicator_score(jx_arena *ar, const jx_project *p, const jx_indicator *ind)
{
    if (ind->not_applicable && (!p->scored || ind->method == JX_METHOD_NOT_APPLICABLE))
        return "不适用";
    return jx_form_score(ar, p, ind->score);
}

const char *jx_form_weight(jx_arena *ar, const jx_indicator *ind)
{
    return ind->has_weight ? jx_form_dec(ar, ind->weight) : "—";
}

const char *jx_form_dec(jx_arena *ar, jx_dec d)
{
    char buf[JX_DEC_BUFSZ];
    jx_dec_format(d, buf, sizeof buf);
    return keep(ar, buf);
}

/* "96.68%" for a rate in hundredths of a percent, "—" for a negative one. */
static const char *rate_cell(jx_arena *ar, int64_t rate)
{
    if (rate < 0)
        return "—";
    char buf[JX_DEC_BUFSZ];
    jx_fixed_format(rate, 2, buf, sizeof buf);
    const char *s = jx_arena_printf(ar, "%s%%", buf);
    return s ? s : "—";
}

const char *jx_form_funds_rate(jx_arena *ar, const jx_funds *f)
{
    return rate_cell(ar, jx_funds_rate(f));
}

const char *jx_form_total_rate(jx_arena *ar, const jx_project *p)
{
    return rate_cell(ar, jx_project_funds_rate(p));
}

const char *jx_form_grade(const jx_project *p)
{
    if (!p->scored || p->grade == JX_GRADE_NONE)
        return "—";
    return jx_grade_name(p->grade);
}
