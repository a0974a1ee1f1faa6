/* SPDX-License-Identifier: MIT */
/* score.c — the arithmetic of the scoring rules shared by the evaluator, the 复核, the
 * audit and the reports (score.h), and the public API's view of scores: totals, scores
 * and weights in hundredths, and an indicator's formula built on request.
 *
 * Exact throughout: amounts and weights are summed at JX_DEC_MAX_SCALE in 128 bits
 * and every quotient is rounded once, half up. Within the ranges jx_score enforces
 * (docs/scoring.md, "Ranges": weights and points at most 100 with 4 decimals, at most
 * JX_LIMIT_INDICATORS indicators) every sum of weights at JX_DEC_MAX_SCALE is below
 * 10^4 × 100 × 10^9 = 10^15 and fits the 64-bit coefficient of a jx_dec.
 */
#include "score.h"

#include <assert.h>
#include <string.h>

/* ------------------------------------------------------------------ rounding */

/* jx_dec_to_units is inline, in score.h. */

int64_t jx_units_to_cents(int64_t units, int decimals)
{
    assert(decimals >= 0 && decimals <= JX_DEC_MAX_SCALE);
    if (units < 0)
        return -1;
    if (decimals == 2)
        return units;
    if (decimals < 2)
        return units * (int64_t)jx_pow10_64[2 - decimals];
    return (int64_t)jx_div_round_half_up(units, jx_pow10_128(decimals - 2));
}

/* ------------------------------------------------------------ execution rates */

int64_t jx_funds_rate(const jx_funds *f)
{
    if (!jx_funds_executed(f) || jx_dec_is_zero(f->budget))
        return -1;
    int scale = f->budget.scale > f->spent.scale ? f->budget.scale : f->spent.scale;
    __int128 spent = jx_dec_scaled(f->spent, scale);
    __int128 budget = jx_dec_scaled(f->budget, scale);
    return (int64_t)jx_div_round_half_up(spent * 10000, budget);
}

int64_t jx_project_funds_rate(const jx_project *p)
{
    __int128 b = 0, s = 0;
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        if (!jx_funds_executed(f))
            continue; /* no 全年预算 or 全年执行 given: no part in the rate */
        if (strcmp(f->source.s, "年度资金总额") == 0 && !jx_dec_is_zero(f->budget)) {
            b = jx_dec_scaled(f->budget, JX_DEC_MAX_SCALE);
            s = jx_dec_scaled(f->spent, JX_DEC_MAX_SCALE);
            break;
        }
        b += jx_dec_scaled(f->budget, JX_DEC_MAX_SCALE);
        s += jx_dec_scaled(f->spent, JX_DEC_MAX_SCALE);
    }
    if (b == 0)
        return -1;
    return (int64_t)jx_div_round_half_up(s * 10000, b);
}

/* ------------------------------------------------------------- sums of weights */

/* A sum at JX_DEC_MAX_SCALE as a jx_dec (see the bound at the top of the file). */
static jx_dec at_max_scale(__int128 v)
{
    return jx_weights_dec((uint64_t)(int64_t)v);
}

/* jx_score adds the same parts in its pass over the indicators, and asserts the two agree. */
jx_dec jx_indicator_weights(const jx_project *p)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < p->ninds; i++)
        sum += jx_indicator_weight_bits(&p->inds[i]);
    return jx_weights_dec(sum);
}

jx_dec jx_weight_total(const jx_project *p)
{
    jx_dec w = jx_indicator_weights(p);
    if (p->exec_separate)
        w.v += (int64_t)jx_dec_scaled(p->exec_points, JX_DEC_MAX_SCALE);
    return w;
}

jx_dec jx_applicable_weight(const jx_project *p)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < p->ninds; i++)
        if (!p->inds[i].not_applicable)
            sum += jx_indicator_weight_bits(&p->inds[i]);
    return jx_weights_dec(sum);
}

/* --------------------------------------------------------- 不适用 and the 满分 */

void jx_full_marks_of(const jx_project *p, jx_full_marks *fm)
{
    memset(fm, 0, sizeof *fm);
    if (!p->scored)
        return;
    if (p->ninds == 0)
        return; /* nothing dropped (and p->inds may be NULL, which takes no offset) */
    /* dropped: the weights of the 不适用 indicators the evaluator left out (剔除). Every
     * writer asks, and the usual project has no 不适用 indicator at all: the indicators
     * before the first that is one are passed four at a time, their flags ORed, one branch
     * for four; from the four that hold it, each is looked at. */
    __int128 dropped = 0;
    const jx_indicator *end = p->inds + p->ninds, *from = p->inds;
    while (end - from >= 4 && !(from[0].not_applicable | from[1].not_applicable | from[2].not_applicable |
                                from[3].not_applicable))
        from += 4;
    for (const jx_indicator *ind = from; ind < end; ind++) {
        /* not_applicable first: it answers for nearly every indicator, which applies */
        if (ind->not_applicable && ind->has_weight && ind->method == JX_METHOD_NOT_APPLICABLE &&
            !ind->fargs.rescale)
            dropped += jx_dec_scaled(ind->weight, JX_DEC_MAX_SCALE);
    }
    if (dropped <= 0)
        return;
    jx_dec all = jx_weight_total(p);
    fm->stated = true;
    fm->dropped = at_max_scale(dropped);
    fm->full = at_max_scale(all.v - dropped);
}

int64_t jx_na_rescale(int64_t sum, jx_dec layout, jx_dec applicable)
{
    __int128 den = jx_dec_scaled(applicable, JX_DEC_MAX_SCALE);
    assert(den > 0);
    __int128 q = jx_div_round_half_up((__int128)sum * jx_dec_scaled(layout, JX_DEC_MAX_SCALE), den);
    return q > INT64_MAX ? INT64_MAX : q < -(__int128)INT64_MAX ? -INT64_MAX : (int64_t)q;
}

/* ---------------------------------------------------------------- grade bands */

jx_grade jx_grade_of(const jx_policy *pol, jx_dec total)
{
    for (int k = 0; k < 3; k++)
        if (jx_dec_cmp(total, pol->bands[k]) >= 0)
            return (jx_grade)(JX_GRADE_EXCELLENT + k);
    return JX_GRADE_POOR;
}

/* ---------------------------------------------- the public API's view of scores */

int64_t jx_project_total_cents(const jx_project *p)
{
    return p->scored ? jx_units_to_cents(p->total, p->decimals) : -1;
}

int64_t jx_project_claimed_total_cents(const jx_project *p)
{
    return p->has_claimed_total ? jx_dec_to_units(p->claimed_total, 2) : -1;
}

int64_t jx_indicator_score_cents(const jx_indicator *ind)
{
    if (ind->score < 0 || !ind->project)
        return -1;
    return jx_units_to_cents(ind->score, ind->project->decimals);
}

int64_t jx_indicator_weight_cents(const jx_indicator *ind)
{
    return ind->has_weight ? jx_dec_to_units(ind->weight, 2) : -1;
}

/*
 * The formula is written on the first request and kept in the project's formula store
 * (model.h, jx_formula_store), not in the indicator: asking does not change the project.
 * The store is emptied by the next jx_score and by the reader moving on, so the text is
 * valid until then. "" before scoring, and when memory ran out.
 */
const char *jx_indicator_formula(const jx_indicator *ind)
{
    if (ind->formula && ind->formula[0])
        return ind->formula;
    const jx_project *p = ind->project;
    if (ind->method == JX_METHOD_NONE || !p || !p->formulas || ind < p->inds || ind >= p->inds + p->ninds)
        return "";
    jx_formula_store *st = p->formulas;
    size_t i = (size_t)(ind - p->inds);
    if (!st->text) { /* the first formula asked for since the scoring */
        st->text = jx_arena_alloc(&st->arena, p->ninds * sizeof *st->text);
        if (!st->text)
            return "";
        memset(st->text, 0, p->ninds * sizeof *st->text);
        st->ntext = p->ninds;
    }
    assert(st->ntext == p->ninds); /* the store was emptied when the indicators changed */
    if (i >= st->ntext)
        return "";
    if (st->text[i])
        return st->text[i];
    char small[256];
    jx_sbuf b;
    jx_sbuf_init(&b, small, sizeof small, &st->arena);
    jx_formula_write(&b, ind, p->decimals);
    char *s = b.oom ? NULL : jx_arena_strndup(&st->arena, b.s, b.len);
    if (!s)
        return "";
    st->text[i] = s;
    return s;
}
