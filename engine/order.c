/* SPDX-License-Identifier: MIT */
/* order.c — the order of a project's groups and indicators on the 自评表 (order.h):
 * the 一级 and 二级 groups ranked by the leading word of their names, stably, and the
 * indicators gathered group by group by counting.
 *
 * Every writer of a project asks for its order, so the usual project — its groups and
 * indicators written in the order the form lists them, as the forms are filled in — is
 * told in one pass over each (as_written) and its order is then the source order; any
 * other is sorted (jx_order_build_plain). Invariant: both give the same order for every
 * project (tests/unit/test_order.c compares them). */
#include "order.h"

#include "text.h"

#include <assert.h>
#include <string.h>

/* The leading words of the groups the official form names, in its order; each word's
 * length in n, so a name is compared with memcmp only when its length allows and its
 * first byte agrees (every word starts with a CJK character, three bytes). */
typedef struct rank_word {
    const char *word;
    size_t n;
    int rank;
} rank_word;

#define RANK_WORD(w, r) {w, sizeof w - 1, r}

static const rank_word level1_words[] = {
    RANK_WORD("产出", 0), RANK_WORD("效益", 1), RANK_WORD("效果", 1), RANK_WORD("满意度", 2),
    RANK_WORD("服务对象满意度", 2),
};

static const rank_word level2_words[] = {
    RANK_WORD("数量", 0),   RANK_WORD("质量", 1),           RANK_WORD("时效", 2),
    RANK_WORD("成本", 3),   RANK_WORD("经济", 4),           RANK_WORD("社会", 5),
    RANK_WORD("生态", 6),   RANK_WORD("可持续", 7),         RANK_WORD("服务对象满意度", 8),
    RANK_WORD("满意度", 8),
};

int jx_order_group_rank(int level, jx_str name)
{
    /* The blanks before the name are passed over. Those after it need not be: no word
     * holds a blank, so a name's bytes compared past its last character, which are
     * blanks, never match a word's (it starts with a blank where the word does not). */
    size_t lead = jx_text_blank_run(name.s, name.n, JX_TEXT_BLANKS);
    jx_str t = {name.s + lead, (uint32_t)(name.n - lead)};
    const rank_word *w = level == 1 ? level1_words : level2_words;
    size_t n = level == 1 ? sizeof level1_words / sizeof *level1_words : sizeof level2_words / sizeof *level2_words;
    for (size_t i = 0; i < n; i++)
        if (t.n >= w[i].n && t.s[1] == w[i].word[1] && t.s[2] == w[i].word[2] &&
            memcmp(t.s, w[i].word, w[i].n) == 0)
            return w[i].rank;
    return JX_ORDER_RANK_OTHER;
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

/*
 * True when p's order is its source order: each 一级 group followed at once by its 二级
 * groups (every group of level 1 or 2, none before the first 一级), the 一级 groups in
 * rank order and the 二级 groups of each in rank order, as the stable sorts leave them
 * (under 分组顺序 原文 every rank is 0), and the indicators group by group in the
 * groups' order (their group indexes never falling, none past the groups).
 */
static bool as_written(const jx_project *p)
{
    bool official = !p->group_source_order;
    size_t ng = p->ngroups, top = ng; /* top: the last 一级 group so far, ng before the first */
    int rank1 = 0, rank2 = 0;         /* the rank of the last 一级 group, of the last 二级 one under it */
    for (size_t g = 0; g < ng; g++) {
        const jx_group *gr = &p->groups[g];
        int r = 0;
        if (gr->level == 1) {
            if (official)
                r = jx_order_group_rank(1, gr->name);
            if (top < ng && r < rank1)
                return false;
            top = g;
            rank1 = r;
            rank2 = 0;
        } else if (gr->level == 2 && top < ng && gr->parent == top) {
            if (official)
                r = jx_order_group_rank(2, gr->name);
            if (r < rank2)
                return false;
            rank2 = r;
        } else {
            return false;
        }
    }
    uint32_t last = 0;
    for (size_t i = 0; i < p->ninds; i++) {
        uint32_t g = p->inds[i].group;
        if (g < last || g >= ng)
            return false;
        last = g;
    }
    return true;
}

jx_result jx_order_build(jx_order *o, const jx_project *p, jx_arena *ar)
{
    size_t ng = p->ngroups, ni = p->ninds;
    if (!as_written(p))
        return jx_order_build_plain(o, p, ar);
    o->ngroups = ng;
    o->ninds = ni;
    o->groups = jx_arena_alloc(ar, (ng ? ng : 1) * sizeof *o->groups);
    o->inds = jx_arena_alloc(ar, (ni ? ni : 1) * sizeof *o->inds);
    if (!o->groups || !o->inds)
        return JX_ERR_NOMEM;
    for (size_t g = 0; g < ng; g++)
        o->groups[g] = &p->groups[g];
    for (size_t i = 0; i < ni; i++)
        o->inds[i] = &p->inds[i];
    return JX_OK;
}

jx_result jx_order_build_plain(jx_order *o, const jx_project *p, jx_arena *ar)
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
            rank[n1++] = official ? jx_order_group_rank(1, p->groups[g].name) : 0;
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
                rank[k++] = official ? jx_order_group_rank(2, p->groups[g].name) : 0;
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
    assert(k <= ng && m <= ni); /* each group and indicator placed at most once */
    o->ninds = m;
    return JX_OK;
}
