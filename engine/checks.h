/* SPDX-License-Identifier: MIT */
/* checks.h — the consistency checks a finance bureau runs on a scored self-evaluation.
 *
 * The evaluator (eval.c) scores a project and warns where a claim or a value does not
 * hold; the checks here look at the scored project as a whole, the way a reviewer
 * spot-checking 自评表 does (docs/checks.md lists every code):
 *   score-over-weight    a claimed 得分 above the indicator's 权重
 *   qualitative-evidence a 定性 indicator at full marks whose actual only restates the target
 *   direction            a 成本 indicator with ≥, a rate above 100 %, a ≥ 0 target
 *   duplicate-indicator  one indicator twice in a project, or under both 产出 and 效益
 *   execution-gap        indicator completion far above budget execution (执行偏差)
 *   funds-inconsistent   全年执行 > 全年预算, a 0 年度资金总额 beside real sources, an 执行率
 *                        that does not match the amounts
 *   all-full-marks       every indicator at full score (a note)
 */
#ifndef JX_CHECKS_H
#define JX_CHECKS_H

#include "model.h"

/**
 * Runs every check on p, which jx_score has just scored under pol, and adds the
 * findings to p's diagnostics after the evaluator's, in source order. Findings of an
 * earlier run are dropped first, so rescoring does not repeat them. Out of memory
 * sets p->diags.oom.
 */
void jx_checks_run(jx_project *p, const jx_policy *pol);

/**
 * What jx_score's pass over the indicators has added up already, of the indicators that
 * apply (not 不适用): Σ 得分 in units of the policy's 小数, and Σ jx_indicator_weight_bits
 * (score.h). Valid only when every one of those indicators has a score of 0 or more, as
 * scoring gives each.
 */
typedef struct jx_checks_sums {
    int64_t score_units;
    uint64_t weight_bits;
} jx_checks_sums;

/**
 * jx_checks_run for jx_score, which hands over its sums (NULL: the checks add them up
 * themselves, as jx_checks_run does), so that execution-gap takes them from there rather
 * than from a second sum over every indicator. The same findings either way
 * (tests/unit/test_score_fast.c).
 */
void jx_checks_run_with(jx_project *p, const jx_policy *pol, const jx_checks_sums *sums);

/* What the checks know of an indicator by its names, for the 审核 of targets (vet.c),
 * which looks at targets before the year, without scoring: */

/** duplicate-indicator alone on p, scored or not (the 审核's 相关性). */
void jx_checks_duplicates(jx_project *p);

/** True for an indicator of cost: 成本 in its name or its 二级 group's. */
bool jx_check_is_cost(const jx_project *p, const jx_indicator *ind);

/** True for a rate that cannot pass 100 %: 率 or 满意度 in its name, or a 满意度 group; not growth. */
bool jx_check_is_bounded_rate(const jx_project *p, const jx_indicator *ind);

/** True for an indicator of budget execution (预算执行率, 资金执行率, 执行率 alone, …). */
bool jx_check_is_execution(const jx_indicator *ind);

/** True for a 一级 name of outputs (产出…), of effects (效益…, 效果…). */
bool jx_check_is_output(const char *level1);
bool jx_check_is_benefit(const char *level1);

#endif
