/* form.c — the 自评表's indicator rows with the spans of their group cells, and the
 * texts of the cells the form computes. */
#include "form.h"

#include "report.h"

#include <string.h>

/* The indicators of each group in source order: by[start[g] .. start[g + 1]). Built
 * by counting, so laying out a project is linear in its groups and indicators. */
typedef struct by_group {
    const jx_indicator **by; /* indicators ordered by group */
    size_t *start;           /* ngroups + 1 offsets into by */
} by_group;

/* Fills bg for p in ar; 0 when ar ran out. */
static int group_index(by_group *bg, const jx_project *p, jx_arena *ar)
{
    bg->start = jx_arena_alloc(ar, (p->ngroups + 1) * sizeof *bg->start);
    bg->by = jx_arena_alloc(ar, (p->ninds ? p->ninds : 1) * sizeof *bg->by);
    if (!bg->start || !bg->by)
        return 0;
    memset(bg->start, 0, (p->ngroups + 1) * sizeof *bg->start);
    for (size_t i = 0; i < p->ninds; i++)
        if (p->inds[i].group < p->ngroups)
            bg->start[p->inds[i].group + 1]++;
    for (size_t g = 0; g < p->ngroups; g++)
        bg->start[g + 1] += bg->start[g];
    size_t *fill = jx_arena_alloc(ar, (p->ngroups ? p->ngroups : 1) * sizeof *fill);
    if (!fill)
        return 0;
    memcpy(fill, bg->start, p->ngroups * sizeof *fill);
    for (size_t i = 0; i < p->ninds; i++)
        if (p->inds[i].group < p->ngroups)
            bg->by[fill[p->inds[i].group]++] = &p->inds[i];
    return 1;
}

/* Indicators of group g. */
static size_t group_count(const by_group *bg, size_t g)
{
    return bg->start[g + 1] - bg->start[g];
}

/* Appends the rows of group g's indicators (or one empty row when it has none and
 * `empty_row` is set) under l1 and l2; returns how many were added. */
static size_t add_rows(jx_form *f, const by_group *bg, size_t g, const jx_group *l1, const jx_group *l2,
                       int empty_row)
{
    size_t n = group_count(bg, g);
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
        r->ind = bg->by[bg->start[g] + k];
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
    by_group bg;
    if (!group_index(&bg, p, ar))
        return JX_ERR_NOMEM;
    /* rows: every indicator, plus one per empty group that the form still shows */
    size_t cap = p->ninds + p->ngroups + 1;
    f->rows = jx_arena_alloc(ar, cap * sizeof *f->rows);
    if (!f->rows)
        return JX_ERR_NOMEM;
    for (size_t g1 = 0; g1 < p->ngroups; g1++) {
        const jx_group *top = &p->groups[g1];
        if (top->level != 1)
            continue;
        size_t first = f->nrows;
        add_rows(f, &bg, g1, top, NULL, 0);
        for (size_t g2 = g1 + 1; g2 < p->ngroups; g2++) {
            const jx_group *sub = &p->groups[g2];
            if (sub->level == 2 && sub->parent == g1)
                add_rows(f, &bg, g2, top, sub, 1);
        }
        if (f->nrows == first)
            add_rows(f, &bg, g1, top, NULL, 1); /* an empty 一级 group: one row, scored 0 */
        f->rows[first].l1_span = (uint32_t)(f->nrows - first);
    }
    __int128 sum = 0;
    for (size_t i = 0; i < p->ninds; i++)
        if (p->inds[i].has_weight)
            sum += jx_dec_scaled(p->inds[i].weight, JX_DEC_MAX_SCALE);
    if (p->exec_separate)
        sum += jx_dec_scaled(p->exec_points, JX_DEC_MAX_SCALE);
    f->weight_sum.v = (int64_t)sum;
    f->weight_sum.scale = JX_DEC_MAX_SCALE;
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
