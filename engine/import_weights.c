/* SPDX-License-Identifier: MIT */
/* import_weights.c — `--weights equal`: weights for a table that has none, by a stated rule.
 *
 * The rule (docs/dsl.md, "import --weights equal"):
 *   1. Indicators are pooled by their first-level group (一级指标). Names the policy's
 *      一级分值 matches (by stem, see jx_policy_level1_find) pool together, so
 *      `产出指标` and `产出 指标` in one table are one pool; other names pool by their
 *      exact spelling.
 *   2. A pool's points: the points the table declares for that 一级 group, when it does;
 *      else the policy's 一级分值 for it; else (a group the policy does not name) an
 *      even share of what the named pools leave of the layout's total (100, or 90 beside
 *      a 单列 预算执行率), 0 when they leave nothing.
 *   3. Within a pool, indicators that have a 权重 keep it; the pool's points minus those
 *      weights (never below 0) are split evenly among the others.
 *   4. Splits are made in cents: q = points ÷ n, and the r = points mod n cents left
 *      over go one each to the first r, in table order (60 over 7: 8.58 ×1, 8.57 ×6).
 *      Unnamed pools share the leftover the same way, the first pools getting the cent.
 * One note, code weights-equal, at the project's row states the rule and what each
 * pool got. Nothing is allocated but the weight strings, in the model's arena; the
 * pools are found by rescanning the indicators, so memory stays flat.
 */
#include "import.h"

#include "model.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

/** The note is cut, saying so, beyond this many bytes. */
#define NOTE_MAX 8192

/** The note being written. */
typedef struct note {
    char buf[NOTE_MAX]; /* the text, NUL-terminated */
    size_t n;           /* bytes used */
    int cut;            /* a piece did not fit */
} note;

/* Appends a formatted piece to the note, unless it has been cut. */
static void note_add(note *nt, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note_add(note *nt, const char *fmt, ...)
{
    if (nt->cut)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(nt->buf + nt->n, sizeof nt->buf - nt->n, fmt, ap);
    va_end(ap);
    if (k < 0 || (size_t)k >= sizeof nt->buf - nt->n - 64) {
        nt->buf[nt->n] = '\0'; /* drop the partial piece; keep room for the ending */
        nt->cut = 1;
        return;
    }
    nt->n += (size_t)k;
}

/* A jx_dec in cents, rounded half up beyond two decimals. */
static int64_t dec_cents(jx_dec d)
{
    if (d.scale <= 2)
        return (int64_t)jx_dec_scaled(d, 2);
    return (int64_t)jx_div_round_half_up(d.v, jx_pow10_128(d.scale - 2));
}

/* Cents as "8.58" into buf. */
static const char *cents_text(int64_t cents, char *buf, size_t size)
{
    return jx_fixed_format(cents, 2, buf, size);
}

/*
 * Reads a number as a table writes points or weights ("20", "20.00", " 20 分") into
 * cents; false when it is not one (empty, words, "20%").
 */
static bool read_cents(const char *s, int64_t *out)
{
    jx_text_span t = jx_text_trim(s, strlen(s), JX_TEXT_BLANKS);
    s = t.s;
    size_t n = t.n;
    static const char fen[] = "分";
    if (n >= sizeof fen - 1 && memcmp(s + n - (sizeof fen - 1), fen, sizeof fen - 1) == 0) {
        n -= sizeof fen - 1;
        n = jx_text_trim(s, n, JX_TEXT_BLANKS).n;
    }
    jx_dec d;
    if (n == 0 || jx_dec_parse(s, n, &d) != JX_DEC_OK || jx_dec_is_negative(d))
        return false;
    *out = dec_cents(d);
    return true;
}

/* The policy entry a 一级 name belongs to, or -1. */
static int entry_of(const jx_policy *pol, const char *level1)
{
    return jx_policy_level1_find(pol, level1, strlen(level1));
}

/* True when two 一级 names fall in the same pool (their entries were looked up as ea, eb). */
static bool same_pool(const char *a, int ea, const char *b, int eb)
{
    if (ea >= 0 || eb >= 0)
        return ea == eb;
    return strcmp(a, b) == 0;
}

/* True when indicator i is the first of its pool in table order. */
static bool pool_head(const jx_imp_project *p, const jx_policy *pol, size_t i, int ei)
{
    for (size_t j = 0; j < i; j++)
        if (same_pool(p->inds[j].level1, entry_of(pol, p->inds[j].level1), p->inds[i].level1, ei))
            return false;
    return true;
}

/** What a pool holds, counted from its head. */
typedef struct pool {
    size_t head;        /* its first indicator */
    int entry;          /* its 一级分值 entry, -1 when the policy does not name it */
    bool table_points;  /* the table declares its points */
    const char *bad_points; /* the table's points as written when they could not be read, or NULL */
    int64_t points;     /* its points in cents (table or policy; unnamed: set from the leftover) */
    size_t count;       /* its indicators */
    size_t free;        /* of them, those without a 权重 */
    int64_t fixed;      /* the weights they already have, in cents */
    size_t unreadable;  /* weights that are not numbers (kept, counted as 0) */
    const char *bad_weight; /* the first of them, as written */
} pool;

/* Counts pool head's indicators and finds its points (not the unnamed share). */
static pool pool_scan(const jx_imp_project *p, const jx_policy *pol, size_t head)
{
    pool pl;
    memset(&pl, 0, sizeof pl);
    pl.head = head;
    pl.entry = entry_of(pol, p->inds[head].level1);
    for (size_t j = head; j < p->ninds; j++) {
        const jx_imp_indicator *ind = &p->inds[j];
        if (!same_pool(ind->level1, entry_of(pol, ind->level1), p->inds[head].level1, pl.entry))
            continue;
        pl.count++;
        int64_t w;
        if (ind->weight[0] == '\0')
            pl.free++;
        else if (read_cents(ind->weight, &w))
            pl.fixed += w;
        else if (pl.unreadable++ == 0)
            pl.bad_weight = ind->weight;
    }
    for (size_t k = 0; k < p->npoints; k++) {
        const jx_imp_points *pt = &p->points[k];
        if (pt->level2[0] != '\0' ||
            !same_pool(pt->level1, entry_of(pol, pt->level1), p->inds[head].level1, pl.entry))
            continue;
        if (read_cents(pt->points, &pl.points)) {
            pl.table_points = true;
            pl.bad_points = NULL;
            break;
        }
        if (!pl.bad_points)
            pl.bad_points = pt->points;
    }
    if (!pl.table_points)
        pl.points = pl.entry >= 0 ? dec_cents(pol->level1[pl.entry].points) : 0;
    return pl;
}

/* Gives the pool's free indicators their weights; false when memory ran out. */
static bool pool_give(jx_imp *im, jx_imp_project *p, const jx_policy *pol, const pool *pl,
                      int64_t *given)
{
    if (pl->free == 0)
        return true;
    int64_t share = pl->points - pl->fixed;
    if (share < 0)
        share = 0;
    int64_t q = share / (int64_t)pl->free;
    int64_t r = share % (int64_t)pl->free;
    size_t k = 0;
    for (size_t j = pl->head; j < p->ninds; j++) {
        jx_imp_indicator *ind = &p->inds[j];
        if (ind->weight[0] != '\0' ||
            !same_pool(ind->level1, entry_of(pol, ind->level1), p->inds[pl->head].level1, pl->entry))
            continue;
        int64_t w = q + ((int64_t)k < r ? 1 : 0);
        char buf[JX_DEC_BUFSZ];
        const char *t = cents_text(w, buf, sizeof buf);
        ind->weight = jx_imp_str(im, t, strlen(t));
        if (jx_imp_oom(im))
            return false;
        *given += w;
        k++;
    }
    return true;
}

/* True when name is written exactly as one of the '/'-separated alternatives of names. */
static bool names_spell(const jx_str *names, const char *name)
{
    size_t n = strlen(name);
    const char *s = names->s, *end = names->s + names->n;
    while (s <= end) {
        const char *slash = memchr(s, '/', (size_t)(end - s));
        const char *e = slash ? slash : end;
        if ((size_t)(e - s) == n && memcmp(s, name, n) == 0)
            return true;
        s = e + 1;
    }
    return false;
}

/* Describes one pool in the note: its name, where its points came from, what it gave. */
static void pool_describe(note *nt, const jx_imp_project *p, const jx_policy *pol, const pool *pl,
                          int64_t leftover)
{
    char b0[JX_DEC_BUFSZ], b1[JX_DEC_BUFSZ], b2[JX_DEC_BUFSZ];
    const char *name = p->inds[pl->head].level1;
    note_add(nt, "；%s %s 分", name[0] ? name : "（无一级指标）", cents_text(pl->points, b0, sizeof b0));
    if (pl->table_points)
        note_add(nt, "（表中分值）");
    else if (pl->entry >= 0 && !names_spell(&pol->level1[pl->entry].names, name))
        note_add(nt, "（一级分值“%s”）", pol->level1[pl->entry].names.s);
    else if (pl->entry < 0 && leftover > 0)
        note_add(nt, "（评分办法未列，分余下的 %s 分）", cents_text(leftover, b0, sizeof b0));
    else if (pl->entry < 0)
        note_add(nt, "（评分办法未列，一级分值已分完，没有余下的分值）");
    if (pl->bad_points)
        note_add(nt, "（表中分值“%s”无法识别，未用）", pl->bad_points);
    if (pl->unreadable)
        note_add(nt, "，权重“%s”等 %zu 个无法识别，保留原样、按 0 扣除", pl->bad_weight, pl->unreadable);
    if (pl->free == 0) {
        note_add(nt, "，%zu 个指标都已有权重", pl->count);
        return;
    }
    int64_t share = pl->points - pl->fixed;
    if (pl->fixed > 0 && share < 0)
        note_add(nt, "，已有权重 %s 超过分值，余 0 分", cents_text(pl->fixed, b0, sizeof b0));
    else if (pl->fixed > 0)
        note_add(nt, "，减去已有权重 %s 余 %s 分", cents_text(pl->fixed, b0, sizeof b0),
                 cents_text(share, b1, sizeof b1));
    if (share < 0)
        share = 0;
    int64_t q = share / (int64_t)pl->free;
    int64_t r = share % (int64_t)pl->free;
    note_add(nt, "，%zu 个指标", pl->free);
    if (r > 0)
        note_add(nt, " %s ×%lld、%s ×%lld", cents_text(q + 1, b1, sizeof b1), (long long)r,
                 cents_text(q, b2, sizeof b2), (long long)((int64_t)pl->free - r));
    else
        note_add(nt, " %s ×%zu", cents_text(q, b1, sizeof b1), pl->free);
}

int jx_imp_weights_equal(jx_imp *im, jx_imp_project *p, const jx_policy *pol)
{
    if (!im || !p)
        return 0;
    jx_policy defaults;
    if (!pol) {
        /* no policy: no 一级分值, a layout of 100; every group shares it */
        jx_policy_set_defaults(&defaults);
        pol = &defaults;
    }
    size_t nfree = 0;
    for (size_t i = 0; i < p->ninds; i++)
        nfree += p->inds[i].weight[0] == '\0';
    if (nfree == 0)
        return 0;

    /* what the pools with points of their own (table or 一级分值) take of the layout */
    int64_t layout = dec_cents(pol->layout_total);
    int64_t named = 0;
    size_t unnamed = 0;
    for (size_t i = 0; i < p->ninds; i++) {
        int e = entry_of(pol, p->inds[i].level1);
        if (!pool_head(p, pol, i, e))
            continue;
        pool pl = pool_scan(p, pol, i);
        if (pl.table_points || pl.entry >= 0)
            named += pl.points;
        else
            unnamed++;
    }
    int64_t leftover = layout - named > 0 ? layout - named : 0;

    char b0[JX_DEC_BUFSZ], b1[JX_DEC_BUFSZ];
    note nt;
    nt.n = 0;
    nt.cut = 0;
    nt.buf[0] = '\0';
    note_add(&nt,
             "权重按一级分值平均分配（评分办法“%s”）：每个一级指标的分值（表中有分值用表中的，否则用一级分值；"
             "评分办法未列的一级指标平分 %s 分中余下的分值）减去已有权重，在没有权重的指标间平分，"
             "保留 2 位小数，除不尽的 0.01 分依表中顺序给前面的指标",
             pol->name.s[0] ? pol->name.s : "默认", cents_text(layout, b0, sizeof b0));

    int64_t given = 0, kept = 0;
    size_t k = 0; /* unnamed pools seen */
    for (size_t i = 0; i < p->ninds; i++) {
        int e = entry_of(pol, p->inds[i].level1);
        if (!pool_head(p, pol, i, e))
            continue;
        pool pl = pool_scan(p, pol, i);
        if (!pl.table_points && pl.entry < 0) {
            pl.points = (int64_t)(leftover / (int64_t)unnamed) + ((int64_t)k < leftover % (int64_t)unnamed ? 1 : 0);
            k++;
        }
        kept += pl.fixed;
        pool_describe(&nt, p, pol, &pl, leftover);
        if (!pool_give(im, p, pol, &pl, &given))
            return -1;
    }
    int64_t total = kept + given;
    if (total == layout)
        note_add(&nt, "；合计 %s 分", cents_text(total, b0, sizeof b0));
    else
        note_add(&nt, "；合计 %s 分，不等于 %s 分", cents_text(total, b0, sizeof b0),
                 cents_text(layout, b1, sizeof b1));
    if (nt.cut)
        snprintf(nt.buf + nt.n, sizeof nt.buf - nt.n, "；……（其余从略）");
    jx_imp_note(im, p->row, "weights-equal", "%s", nt.buf);
    return jx_imp_oom(im) ? -1 : 0;
}
