/* SPDX-License-Identifier: MIT */
/* review.h — the 复核 computation (review.c): a reviewer's table applied to a scored
 * project gives the sheet of jixiao.h (jx_review_sheet), the indicators in the order of
 * the 自评表 (order.h) with both sides' scores, differences, totals and grades, all from
 * the scoring layer's arithmetic (score.h). Writing sheets is the report layer's
 * (engine/report/report.h, build_review.c); this side depends on the model and scoring only.
 */
#ifndef JX_REVIEW_H
#define JX_REVIEW_H

#include "model.h"

#include <stdbool.h>

/**
 * True when s keeps the invariants every writer of a sheet relies on (review.c asserts
 * them in debug builds after building one):
 *   - a line that applies has diff_cents == review_cents − self_cents, both ≥ 0; a
 *     不适用 line has diff_cents 0 and self_cents == review_cents == -1;
 *   - review_total_cents == self_total_cents + diff_cents;
 *   - reviewed ≤ nlines;
 *   - execution_cents and execution_points_cents are both -1 or both ≥ 0.
 */
bool jx_review_sheet_consistent(const jx_review_sheet *s);

#endif
