/* SPDX-License-Identifier: MIT */
/* build.h — making jx_project values in code, for tests that need no parser. */
#ifndef JX_TEST_BUILD_H
#define JX_TEST_BUILD_H

#include "model.h"

/** A new empty project named name, on the default allocator; free with jx_test_project_free. */
jx_project *jx_test_project(const char *name);

/** The national default policy (财政部2020), set field by field (jx_policy_set_defaults). */
jx_policy jx_test_policy_default(void);

/** Frees a project made by jx_test_project; NULL is a no-op. */
void jx_test_project_free(jx_project *p);

/**
 * Adds a group and returns its index. level is 1 or 2; parent is the index of the
 * level-1 group for level 2 (ignored for level 1); points is the declared points as
 * written ("60") or NULL for none.
 */
uint32_t jx_test_group(jx_project *p, int level, const char *name, const char *points,
                       uint32_t parent);

/**
 * Adds an indicator to group g. target is written as in the DSL ("≥60个", "≤24小时",
 * "=0次", "200") or "定性 提升" for a qualitative target; weight is the 权重 ("30") or
 * NULL; actual is the 实际 ("45", "96.68%", "2天", "≥60个"), a quoted text ("\"提升\"")
 * or NULL. Each indicator gets a distinct line number (its index + 1). The returned
 * pointer is valid until the next indicator is added.
 */
jx_indicator *jx_test_ind(jx_project *p, uint32_t g, const char *name, const char *target,
                          const char *weight, const char *actual);

/** Sets the 得分 the department claimed ("13"). */
void jx_test_claim(jx_indicator *ind, const char *score);

/** Sets the 偏差 text. */
void jx_test_reason(jx_project *p, jx_indicator *ind, const char *reason);

/** Adds a 资金 row (source NULL means 年度资金总额) with its three amounts as written. */
void jx_test_funds(jx_project *p, const char *source, const char *initial, const char *budget,
                   const char *spent);

/** Sets the claimed 总分 (as written) and 结论 (JX_GRADE_NONE for none). */
void jx_test_claim_total(jx_project *p, const char *total, jx_grade grade);

/** A jx_dec from its written form; aborts the test program on a malformed literal. */
jx_dec jx_test_dec(const char *s);

/** How many diagnostics of p carry code (any severity). */
size_t jx_test_count_code(const jx_project *p, const char *code);

/** The first diagnostic of p with code, or NULL. */
const jx_diag *jx_test_find_code(const jx_project *p, const char *code);

#endif
