/* SPDX-License-Identifier: MIT */
/* zip_entry.h — one entry of a workbook (a zip) held in memory, and its sheets, for tests
 * that read back the parts a writer made. */
#ifndef JX_TEST_ZIP_ENTRY_H
#define JX_TEST_ZIP_ENTRY_H

#include <stddef.h>

/** The bytes of entry `name` of the zip buf[0..len), NUL-terminated (free them); the test
 * fails when the zip or the entry cannot be read. */
char *jx_test_zip_entry(const char *buf, size_t len, const char *name);

/** The sheets of the workbook buf[0..len) (its xl/workbook.xml): how many, and the last
 * one's name in last[size] ("" when none). */
size_t jx_test_zip_sheets(const char *buf, size_t len, char *last, size_t size);

#endif
