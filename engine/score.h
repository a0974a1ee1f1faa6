/* SPDX-License-Identifier: MIT */
/* score.h — the arithmetic of the scoring rules, one implementation of each, for the
 * evaluator (eval.c), the 复核 (review.c), the audit and the reports: rounding, execution
 * rates, sums of weights, the 满分 under 不适用, grade bands, 不适用 按比例折算, and an
 * indicator's formula. docs/scoring.md states the rules.
 *
 * Every number is an exact decimal or an integer count of 10^-decimals units; a
 * division rounds once, half up (jx_div_round_half_up): 5.005 → 5.01. No floating
 * point. The report layer formats what these return and computes nothing itself.
 * Depends on the model only (model.h, dec.h).
 */
#ifndef JX_SCORE_H
#define JX_SCORE_H

#include "arena.h"
#include "model.h"

#include <stdbool.h>
#include <stdint.h>

/* ------------------------------------------------------------------ rounding */

/**
 * d rounded half up to `decimals` places (0..JX_DEC_MAX_SCALE), in units of
 * 10^-decimals: {5005, 3} at 2 is 501, {60, 0} at 2 is 6000. The result must fit 64
 * bits: a weight, a group's points, an amount within its range (docs/scoring.md).
 * Inline: the evaluator rounds a met indicator's weight with it.
 */
static inline int64_t jx_dec_to_units(jx_dec d, int decimals)
{
    if (d.scale <= decimals)
        return (int64_t)jx_dec_scaled64(d, decimals);
    return (int64_t)jx_div_round_half_up(d.v, jx_pow10_128(d.scale - decimals));
}

/**
 * A score in units of 10^-decimals (the policy's 小数) as hundredths of a point, rounded
 * half up: the unit of the public API. -1 for a negative value (no score).
 */
int64_t jx_units_to_cents(int64_t units, int decimals);

/* ------------------------------------------------------------ execution rates */

/**
 * The execution rate 全年执行 / 全年预算 of a 资金 row in hundredths of a percent,
 * rounded half up (9668 for 96.68%), or -1 when the budget is zero or the row does not
 * give both amounts (jx_funds_executed).
 */
int64_t jx_funds_rate(const jx_funds *f);

/**
 * The execution rate of a project's funds together, in hundredths of a percent: the
 * first 年度资金总额 row that has a budget, else the sum of the rows; -1 when there is
 * no budget; rows without both 全年预算 and 全年执行 take no part (jx_funds_executed).
 * What a 单列 预算执行率 row of the 自评表 shows.
 */
int64_t jx_project_funds_rate(const jx_project *p);

/* ------------------------------------------------------------- sums of weights */

/**
 * A weight (or a group's 分值) at JX_DEC_MAX_SCALE, modulo 2^64: one 64-bit
 * multiplication. A sum of these wraps where the exact 128-bit sum cast to 64 bits would,
 * so it gives that coefficient bit for bit whatever the weights; of weights within their
 * range (0..100, docs/scoring.md) it does not wrap at all (see score.c).
 */
static inline uint64_t jx_weight_bits(jx_dec w)
{
    return jx_dec_scaled64(w, JX_DEC_MAX_SCALE);
}

/** An indicator's part of jx_indicator_weights: its 权重's jx_weight_bits, 0 when it has none. */
static inline uint64_t jx_indicator_weight_bits(const jx_indicator *ind)
{
    return ind->has_weight ? jx_weight_bits(ind->weight) : 0;
}

/** A sum of jx_weight_bits as the decimal it stands for, at JX_DEC_MAX_SCALE. */
static inline jx_dec jx_weights_dec(uint64_t bits)
{
    jx_dec d = {(int64_t)bits, JX_DEC_MAX_SCALE};
    return d;
}

/** Σ 权重 of the indicators that have one, 不适用 ones included, at JX_DEC_MAX_SCALE. */
jx_dec jx_indicator_weights(const jx_project *p);

/**
 * The 权重 of the 总分 row: jx_indicator_weights() plus the points of a 单列 预算执行率
 * (p->exec_separate), at JX_DEC_MAX_SCALE.
 */
jx_dec jx_weight_total(const jx_project *p);

/** Σ 权重 of the indicators that apply (not 不适用) and have one, at JX_DEC_MAX_SCALE. */
jx_dec jx_applicable_weight(const jx_project *p);

/* --------------------------------------------------------- 不适用 and the 满分 */

/**
 * What 不适用 indicators do to the 满分 of a scored project. Under `不适用 剔除` their
 * weights are dropped from the maximum the total can reach: one of weight 20 and the rest
 * met give 80.00, out of 80. Under `不适用 按比例折算` the rest is rescaled to the layout's
 * total, the 满分 stays, and nothing is stated (the note not-applicable-rescale says how).
 * Invariant: stated implies dropped > 0 and full == jx_weight_total() − dropped.
 */
typedef struct jx_full_marks {
    bool stated;    /* weighted 不适用 indicators were dropped: the 自评表 states the 满分 */
    jx_dec full;    /* the 满分: Σ 权重 (the 总分 row's, with a 单列 预算执行率) less dropped */
    jx_dec dropped; /* Σ 权重 of the dropped 不适用 indicators */
} jx_full_marks;

/** Fills fm for p (stated false before scoring and when nothing was dropped). */
void jx_full_marks_of(const jx_project *p, jx_full_marks *fm);

/**
 * 不适用 按比例折算: the applicable indicators' sum rescaled to the layout's total,
 * sum × layout / applicable rounded half up, in the units sum is in (10^-decimals of
 * the policy, or hundredths). applicable must be above 0.
 */
int64_t jx_na_rescale(int64_t sum, jx_dec layout, jx_dec applicable);

/* ---------------------------------------------------------------- grade bands */

/**
 * The grade of a total under pol's bands: 优 from bands[0], 良 from bands[1], 中 from
 * bands[2] (each lower bound inclusive), else 差. Exact at any scale of total.
 */
jx_grade jx_grade_of(const jx_policy *pol, jx_dec total);

/* ------------------------------------------------------------------- formulas */

/**
 * Appends the formula of ind ("22.50 = 30 × 45 / 60") to b: ind->formula when one was
 * given, else the text written from how ind was scored (its method, score and fargs,
 * and its own values), its scores with `decimals` places (the project's). Appends
 * nothing before scoring. No printf. Defined beside the scoring, in eval.c.
 */
void jx_formula_write(jx_sbuf *b, const jx_indicator *ind, int decimals);

#endif
