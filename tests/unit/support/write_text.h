/* SPDX-License-Identifier: MIT */
/* write_text.h — where a test points a jx_write_fn: text collected in memory, or a write
 * that takes nothing; and text written to a temporary file. */
#ifndef JX_TEST_WRITE_TEXT_H
#define JX_TEST_WRITE_TEXT_H

#include <stddef.h>

/** Text written so far; start with {NULL, 0} and free s when done. */
typedef struct jx_test_text {
    char *s;    /* the bytes, NUL-terminated once anything was written */
    size_t len; /* how many */
} jx_test_text;

/** A jx_write_fn appending data to the jx_test_text ud; fails the test when memory runs out. */
size_t jx_test_text_write(void *ud, const char *data, size_t len);

/** A jx_write_fn that writes nothing (returns 0), for write failures. */
size_t jx_test_write_nothing(void *ud, const char *data, size_t len);

/** Writes data[0..len) to a new file under /tmp and returns its name (a static buffer,
 * until the next call); the test removes it. */
const char *jx_test_temp_file(const char *data, size_t len);

/** jx_test_temp_file of n small projects "p0" … "p<n-1>", each of two indicators in
 * 产出指标 / 数量指标 (the reader's tests of memory over many projects). */
const char *jx_test_projects_file(int n);

#endif
