/* width.h — display width of UTF-8 text in terminal cells (CJK = 2). */
#ifndef JX_WIDTH_H
#define JX_WIDTH_H

#include <stddef.h>
#include <stdint.h>

/**
 * Decodes one UTF-8 sequence at s[0..n). Stores the code point (or -1 for an
 * invalid byte) and returns the bytes consumed (>= 1 when n > 0).
 */
size_t jx_utf8_decode(const char *s, size_t n, int32_t *cp);

/** Cells one code point takes: 2 for wide (CJK, full-width), 0 for combining, else 1. */
int jx_char_width(int32_t cp);

/** Cells s[0..n) takes on a terminal; an invalid byte counts as one cell. */
size_t jx_display_width(const char *s, size_t n);

#endif
