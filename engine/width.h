/* SPDX-License-Identifier: MIT */
/* width.h — display width of UTF-8 text in terminal cells (CJK = 2). Characters are
 * read as text.h decodes them. */
#ifndef JX_WIDTH_H
#define JX_WIDTH_H

#include "text.h"

#include <stddef.h>
#include <stdint.h>

/** Cells one code point takes: 2 for wide (CJK, full-width), 0 for combining, else 1. */
int jx_char_width(int32_t cp);

/** Cells s[0..n) takes on a terminal; an invalid byte counts as one cell. */
size_t jx_display_width(const char *s, size_t n);

#endif
