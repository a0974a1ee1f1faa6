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

#endif
