/* SPDX-License-Identifier: MIT */
/* zip_entry.h — one entry of a workbook (a zip) held in memory, for tests that read back
 * the parts a writer made. */
#ifndef JX_TEST_ZIP_ENTRY_H
#define JX_TEST_ZIP_ENTRY_H

#include <stddef.h>

/** The bytes of entry `name` of the zip buf[0..len), NUL-terminated (free them); the test
 * fails when the zip or the entry cannot be read. */
char *jx_test_zip_entry(const char *buf, size_t len, const char *name);

#endif
