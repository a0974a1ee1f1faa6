/* SPDX-License-Identifier: MIT */
/* repeat.h — long texts for tests of long lines and tokens. */
#ifndef JX_TEST_REPEAT_H
#define JX_TEST_REPEAT_H

#include <stddef.h>

/** n copies of the bytes of s, NUL-terminated, in a malloc'd string the caller frees;
 * fails the test when memory runs out. */
char *jx_test_repeat(const char *s, size_t n);

#endif
