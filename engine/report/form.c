/* form.c — the 自评表's indicator rows with the spans of their group cells, and the
 * texts of the cells the form computes. */
#include "form.h"

#include "report.h"

#include <string.h>

/* ------------------------------------------------------------------ order */

/* The leading words of the groups the official form names, in its order. */
typedef struct rank_word {
    const char *word;
    int rank;
} rank_word;

static const rank_word level1_words[] = {
    {"产出", 0}, {"效益", 1}, {"效果", 1}, {"满意度", 2}, {"服务对象满意度", 2},
};

static const rank_word level2_words[] = {
    {"数量", 0}, {"质量", 1}, {"时效", 2}, {"成本", 3}, {"经济", 4}, {"社会", 5},
    {"生态", 6}, {"可持续", 7}, {"服务对象满意度", 8}, {"满意度", 8},
};

int jx_form_group_rank(int level, jx_str name)
{
    jx_str t = jx_str_trimmed(name);
    const rank_word *w = level == 1 ? level1_words : level2_words;
    size_t n = level == 1 ? sizeof level1_words / sizeof *level1_words : sizeof level2_words / sizeof *level2_words;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(w[i].word);
        if (t.n >= len && memcmp(t.s, w[i].word, len) == 0)
            return w[i].rank;
    }
    return JX_FORM_RANK_OTHER;
}

/* Sorts the n groups of v by rank, stably (insertion: a project has few groups). */
static void sort_groups(const jx_group **v, int *rank, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        const jx_group *g = v[i];
        int r = rank[i];
        size_t j = i;
        for (; j > 0 && rank[j - 1] > r; j--) {
            v[j] = v[j - 1];
            rank[j] = rank[j - 1];
        }
        v[j] = g;
        rank[j] = r;
    }
}

jx_result jx_form_order(jx_order *o, const jx_project *p, jx_arena *ar)
{
    size_t ng = p->ngroups, ni = p->ninds;
    o->ngroups = ng;
    o->ninds = ni;
    o->groups = jx_arena_alloc(ar, (ng ? ng : 1) * sizeof *o->groups);
    o->inds = jx_arena_alloc(ar, (ni ? ni : 1) * sizeof *o->inds);
    int *rank = jx_arena_alloc(ar, (ng ? ng : 1) * sizeof *rank);
    size_t *start = jx_arena_alloc(ar, (ng + 1) * sizeof *start);
    size_t *fill = jx_arena_alloc(ar, (ng + 1) * sizeof *fill);
    if (!o->groups || !o->inds || !rank || !start || !fill)
        return JX_ERR_NOMEM;
    bool official = !p->group_source_order;

    /* the 一级 groups, sorted, each followed by its 二级 groups, sorted */
    size_t n1 = 0;
    for (size_t g = 0; g < ng; g++)
        if (p->groups[g].level == 1) {
            o->groups[n1] = &p->groups[g];
            rank[n1++] = official ? jx_form_group_rank(1, p->groups[g].name) : 0;
        }
    sort_groups(o->groups, rank, n1);
    /* the 二级 groups go after all the 一级 ones first, then into place: copy the 一级 */
    const jx_group **top = jx_arena_alloc(ar, (n1 ? n1 : 1) * sizeof *top);
    if (!top)
        return JX_ERR_NOMEM;
    memcpy(top, o->groups, n1 * sizeof *top);
    size_t k = 0;
    for (size_t t = 0; t < n1; t++) {
        size_t gi = (size_t)(top[t] - p->groups);
        o->groups[k++] = top[t];
        size_t first = k;
        for (size_t g = gi + 1; g < ng; g++)
            if (p->groups[g].level == 2 && p->groups[g].parent == gi) {
                o->groups[k] = &p->groups[g];
                rank[k++] = official ? jx_form_group_rank(2, p->groups[g].name) : 0;
            }
        sort_groups(o->groups + first, rank + first, k - first);
    }
    /* a 二级 group whose 一级 is not there (never from the parser): last, as written */
    for (size_t g = 0; g < ng && k < ng; g++)
        if (p->groups[g].level != 1 &&
            (p->groups[g].parent >= ng || p->groups[g].parent >= g || p->groups[p->groups[g].parent].level != 1))
            o->groups[k++] = &p->groups[g];
    o->ngroups = k;

    /* the indicators group by group, in source order within each (by counting) */
    memset(start, 0, (ng + 1) * sizeof *start);
    for (size_t i = 0; i < ni; i++)
        if (p->inds[i].group < ng)
            start[p->inds[i].group + 1]++;
    for (size_t g = 0; g < ng; g++)
        start[g + 1] += start[g];
    memcpy(fill, start, (ng + 1) * sizeof *fill);
    const jx_indicator **by = jx_arena_alloc(ar, (ni ? ni : 1) * sizeof *by);
    if (!by)
        return JX_ERR_NOMEM;
    for (size_t i = 0; i < ni; i++)
        if (p->inds[i].group < ng)
            by[fill[p->inds[i].group]++] = &p->inds[i];
    size_t m = 0;
    for (size_t t = 0; t < o->ngroups; t++) {
        size_t g = (size_t)(o->groups[t] - p->groups);
        for (size_t j = start[g]; j < start[g + 1]; j++)
            o->inds[m++] = by[j];
    }
    for (size_t i = 0; i < ni; i++) /* an indicator of no group (never from the parser): last */
        if (p->inds[i].group >= ng)
            o->inds[m++] = &p->inds[i];
    o->ninds = m;
    return JX_OK;
}

/* ------------------------------------------------------------- full marks */

const char jx_form_full_marks_label[] = "满分";

void jx_form_full_marks(const jx_project *p, jx_full_marks *fm)
{
    memset(fm, 0, sizeof *fm);
    if (!p->scored)
        return;
    __int128 all = 0, dropped = 0;
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        if (!ind->has_weight)
            continue;
        __int128 w = jx_dec_scaled(ind->weight, JX_DEC_MAX_SCALE);
        all += w;
        if (ind->not_applicable && ind->method == JX_METHOD_NOT_APPLICABLE && !ind->fargs.rescale)
            dropped += w;
    }
    if (p->exec_separate)
        all += jx_dec_scaled(p->exec_points, JX_DEC_MAX_SCALE);
    if (dropped <= 0)
        return;
    fm->stated = true;
    fm->full = (jx_dec){(int64_t)(all - dropped), JX_DEC_MAX_SCALE};
    fm->dropped = (jx_dec){(int64_t)dropped, JX_DEC_MAX_SCALE};
}

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
    if (jx_form_order(&o, p, ar) != JX_OK)
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
