/* SPDX-License-Identifier: MIT */
/* text_find.h — what a test looks for in a report's text. */
#ifndef JX_TEST_TEXT_FIND_H
#define JX_TEST_TEXT_FIND_H

#include <stddef.h>

/** How many times needle occurs in s[0..end), not overlapping (end NULL: the whole string). */
size_t jx_test_occurrences(const char *s, const char *end, const char *needle);

/** Whether text holds line as a whole line. */
int jx_test_has_line(const char *text, const char *line);

/** Asserts that s holds want, printing want when it does not. */
void jx_test_has(const char *s, const char *want);

#endif
