/* SPDX-License-Identifier: MIT */
/* frame.h — where a top-level item of a rule file ends (the reader's framer). */
#ifndef JX_FRAME_H
#define JX_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * True when a '#' after byte b, the byte before it on its line, starts a comment for the
 * framer: after a blank, a delimiter, one of % < > = or U+3000 (whose last byte is 0x80).
 * A '#' that starts its line does too. After anything else the framer reads on through
 * the line (the parser, which must frame an item as the framer does, asks the same).
 */
static inline bool jx_frame_comment_after(unsigned char b)
{
    return b == ' ' || b == '\t' || b == ';' || b == '{' || b == '}' || b == '"' || b == '\r' || b == '%' ||
           b == '<' || b == '>' || b == '=' || b == 0x80;
}

/** Where an item ends. */
typedef struct jx_frame {
    size_t end;         /* offset just past the item */
    uint32_t end_line;  /* file line at end */
    size_t end_lstart;  /* start of that line */
} jx_frame;

/**
 * Frames the item whose keyword starts at d[start], on line `line` starting at d[lstart],
 * scanning d[start..limit): it ends after the '}' that brings the depth of braces back
 * to 0, or at the start of a later line whose first token is 项目
 * (jx_line_starts_project). Only braces, quotes, comments and line starts matter, since
 * strings and comments never span lines. Returns true with *fr; at eof an item that
 * does not end before limit ends there; false when it runs past limit and eof is false
 * (more is to be read).
 */
bool jx_frame_item(const char *d, size_t start, uint32_t line, size_t lstart, size_t limit, bool eof, jx_frame *fr);

/** jx_frame_item read a byte of interest at a time, the plain path the block path is checked against. */
bool jx_frame_item_bytewise(const char *d, size_t start, uint32_t line, size_t lstart, size_t limit, bool eof,
                            jx_frame *fr);

#endif
