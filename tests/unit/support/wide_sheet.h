/* SPDX-License-Identifier: MIT */
/* wide_sheet.h — a CSV sheet wider than any fixed column limit, for the tests of the
 * sheets read by header (actuals, 复核表). */
#ifndef JX_TEST_WIDE_SHEET_H
#define JX_TEST_WIDE_SHEET_H

#include <stddef.h>

/**
 * Writes into buf (size bytes, enough or the test fails) a header and one data row:
 * "项目,三级指标", then `filler` columns named "其他1".."其他N", then the header cells
 * `tail_head` ("扣分,备注"); the row is `row_head` ("甲,巡检次数"), `filler` empty
 * cells, then `row_tail` ("2,记录缺失"). So the first tail column is column filler + 3.
 */
void jx_test_wide_sheet(char *buf, size_t size, int filler, const char *tail_head, const char *row_head,
                        const char *row_tail);

#endif
