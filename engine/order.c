/* SPDX-License-Identifier: MIT */
/* order.c — the order of a project's groups and indicators on the 自评表 (order.h):
 * the 一级 and 二级 groups ranked by the leading word of their names, stably, and the
 * indicators gathered group by group by counting.
 *
 * Every writer of a project asks for its order, so the usual project — its groups and
 * indicators written in the order the form lists them, as the forms are filled in — is
 * told in one pass over each (groups_as_written, then the indicators as they are
 * listed) and its order is then the source order; any other is sorted
 * (jx_order_build_plain). Invariant: both give the same order for every project
 * (tests/unit/test_order.c compares them). */
#include "order.h"

#include "text.h"

#include <assert.h>
#include <string.h>

/* True when the text t starts with the word w, a string literal (compared with memcmp
 * of a length known at compile time: a load or two). */
#define LEADS(t, w) ((t).n >= sizeof(w) - 1 && memcmp((t).s, (w), sizeof(w) - 1) == 0)

/* jx_order_group_rank, inline where a project's groups are ranked one after another. */
static inline int group_rank(int level, jx_str name)
{
    /* The blanks before the name are passed over. Those after it need not be: no word
     * holds a blank, so a name's bytes compared past its last character, which are
     * blanks, never match a word's (it starts with a blank where the word does not).
     * The usual name starts with a CJK character led by a byte past E3, which starts no
     * blank (each is led by an ASCII byte, C2, E2 or E3): no blank is looked for then.
     * name.s is NUL-terminated, so its first byte is there to read. */
    size_t lead = (unsigned char)name.s[0] > 0xE3 ? 0 : jx_text_blank_run(name.s, name.n, JX_TEXT_BLANKS);
    jx_str t = {name.s + lead, (uint32_t)(name.n - lead)};
    if (t.n < 6) /* every word is two characters or more, six bytes */
        return JX_ORDER_RANK_OTHER;
    /* The leading words of the groups the official form names, by rank. Every word
     * starts with a CJK character, three bytes, and the last of them tells the words of
     * a level apart (but for 效益 and 效果, of one rank): the name is compared with the
     * word or words its own first character's last byte picks, each case that byte. */
    if (level == 1) {
        switch ((unsigned char)t.s[2]) {
        case 0xA7: return LEADS(t, "产出") ? 0 : JX_ORDER_RANK_OTHER;
        case 0x88: return LEADS(t, "效益") || LEADS(t, "效果") ? 1 : JX_ORDER_RANK_OTHER;
        case 0xA1: return LEADS(t, "满意度") ? 2 : JX_ORDER_RANK_OTHER;
        case 0x8D: return LEADS(t, "服务对象满意度") ? 2 : JX_ORDER_RANK_OTHER;
        default: return JX_ORDER_RANK_OTHER;
        }
    }
    switch ((unsigned char)t.s[2]) {
    case 0xB0: return LEADS(t, "数量") ? 0 : JX_ORDER_RANK_OTHER;
    case 0xA8: return LEADS(t, "质量") ? 1 : JX_ORDER_RANK_OTHER;
    case 0xB6: return LEADS(t, "时效") ? 2 : JX_ORDER_RANK_OTHER;
    case 0x90: return LEADS(t, "成本") ? 3 : JX_ORDER_RANK_OTHER;
    case 0x8F: return LEADS(t, "经济") ? 4 : JX_ORDER_RANK_OTHER;
    case 0xBE: return LEADS(t, "社会") ? 5 : JX_ORDER_RANK_OTHER;
    case 0x9F: return LEADS(t, "生态") ? 6 : JX_ORDER_RANK_OTHER;
    case 0xAF: return LEADS(t, "可持续") ? 7 : JX_ORDER_RANK_OTHER;
    case 0x8D: return LEADS(t, "服务对象满意度") ? 8 : JX_ORDER_RANK_OTHER;
    case 0xA1: return LEADS(t, "满意度") ? 8 : JX_ORDER_RANK_OTHER;
    default: return JX_ORDER_RANK_OTHER;
    }
}

int jx_order_group_rank(int level, jx_str name) { return group_rank(level, name); }

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
 * True when p's groups are in their source order: each 一级 group followed at once by its
 * 二级 groups (every group of level 1 or 2, none before the first 一级), the 一级 groups in
 * rank order and the 二级 groups of each in rank order, as the stable sorts leave them
 * (under 分组顺序 原文 every rank is 0). The order is then the source order when the
 * indicators come group by group in the groups' order too (their group indexes never
 * falling, none past the groups), which jx_order_build sees as it lists them. Each group
 * looked at is listed in out as it is, the source order being the order while it holds.
 */
static bool groups_as_written(const jx_project *p, const jx_group **out)
{
    bool official = !p->group_source_order;
    size_t ng = p->ngroups, top = ng; /* top: the last 一级 group so far, ng before the first */
    int rank1 = 0, rank2 = 0;         /* the rank of the last 一级 group, of the last 二级 one under it */
    const jx_group *groups = p->groups; /* held: the stores to out could alias p->groups */
    for (size_t g = 0; g < ng; g++) {
        const jx_group *gr = &groups[g];
        out[g] = gr;
        int r = 0;
        if (gr->level == 1) {
            if (official)
                r = group_rank(1, gr->name);
            if (top < ng && r < rank1)
                return false;
            top = g;
            rank1 = r;
            rank2 = 0;
        } else if (gr->level == 2 && top < ng && gr->parent == top) {
            if (official)
                r = group_rank(2, gr->name);
            if (r < rank2)
                return false;
            rank2 = r;
        } else {
            return false;
        }
    }
    return true;
}

/*
 * Lists inds[0..ni) in out, in their order, and tells whether they come group by group:
 * their group indexes never falling and, the last being the largest, below ng. Four
 * indicators a step, their three steps and the one from the last before them tested at
 * once: one branch for four.
 */
static bool inds_by_group(const jx_indicator *inds, size_t ni, size_t ng, const jx_indicator **out)
{
    uint32_t last = 0;
    size_t i = 0;
    for (; i + 4 <= ni; i += 4) {
        uint32_t g0 = inds[i].group, g1 = inds[i + 1].group, g2 = inds[i + 2].group, g3 = inds[i + 3].group;
        if ((g0 < last) | (g1 < g0) | (g2 < g1) | (g3 < g2))
            return false;
        last = g3;
        out[i] = &inds[i];
        out[i + 1] = &inds[i + 1];
        out[i + 2] = &inds[i + 2];
        out[i + 3] = &inds[i + 3];
    }
    for (; i < ni; i++) {
        uint32_t g = inds[i].group;
        if (g < last)
            return false;
        last = g;
        out[i] = &inds[i];
    }
    return ni == 0 || last < ng;
}

jx_result jx_order_build(jx_order *o, const jx_project *p, jx_arena *ar)
{
    size_t ng = p->ngroups, ni = p->ninds;
    o->ngroups = ng;
    o->ninds = ni;
    o->groups = jx_arena_alloc(ar, (ng ? ng : 1) * sizeof *o->groups);
    o->inds = jx_arena_alloc(ar, (ni ? ni : 1) * sizeof *o->inds);
    if (!o->groups || !o->inds)
        return JX_ERR_NOMEM;
    /* the groups and the indicators listed in source order while seen to be in order (see
     * groups_as_written); when they are not, the order is sorted after all, the lists
     * made so far left in ar until it is reset, as every arena ar is (a project's rows
     * made once each: a writer's scratch, a sheet's, a form's) */
    if (!groups_as_written(p, o->groups) || !inds_by_group(p->inds, ni, ng, o->inds))
        return jx_order_build_plain(o, p, ar);
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
