/* SPDX-License-Identifier: MIT */
/* diag.h — collecting diagnostics with positions and source lines on a handle. */
#ifndef JX_DIAG_H
#define JX_DIAG_H

#include "arena.h"
#include "jixiao.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** A place in a source text: byte offset plus the 1-based line/column it maps to. */
typedef struct jx_pos {
    uint32_t off;   /* byte offset from the start of the text the position is in */
    uint32_t line;  /* 1-based line; 0 = no position */
    uint32_t col;   /* 1-based column in characters */
    uint32_t width; /* characters the token spans (>= 1) */
} jx_pos;

/** The text a position refers to, so a diagnostic can quote its line. */
typedef struct jx_source {
    const char *file; /* name for messages (owned elsewhere, outlives the diagnostics) */
    const char *text; /* the bytes; positions' off index into it; may be NULL */
    size_t len;       /* length of text */
    bool utf8;        /* text[0..len) is valid UTF-8 (a reader's item, jx_item_text.utf8): a
                         quoted line is copied without checking */
} jx_source;

/**
 * How much of the source a diagnostic quotes (docs/limits.md): a line of at most
 * JX_DIAG_LINE_WHOLE bytes whole; a longer one as an excerpt of at most
 * JX_DIAG_EXCERPT_COLS display columns, JX_DIAG_EXCERPT_BEFORE of them before the
 * position, with "…" where it is cut. A piece of text quoted in a message (a token, a
 * name) is cut after JX_DIAG_QUOTE_COLS columns (jx_diag_quote). So one diagnostic is a
 * few hundred bytes however long its line or token.
 */
#define JX_DIAG_LINE_WHOLE 1024
#define JX_DIAG_EXCERPT_COLS 120
#define JX_DIAG_EXCERPT_BEFORE 40
#define JX_DIAG_QUOTE_COLS 40

/** A growable list of diagnostics whose strings live in an arena. */
typedef struct jx_diags {
    const jx_allocator *alloc; /* for the array */
    jx_diag *v;                /* the diagnostics, in the order added */
    size_t n;                  /* how many */
    size_t cap;                /* capacity of v */
    size_t errors;             /* how many have severity error */
    size_t warnings;           /* how many have severity warning */
    int oom;                   /* set when a diagnostic could not be recorded */
} jx_diags;

/** An empty list using alloc for its array. */
void jx_diags_init(jx_diags *d, const jx_allocator *alloc);

/** Forgets every diagnostic (keeps the array for reuse). */
void jx_diags_clear(jx_diags *d);

/** Forgets the diagnostics of code, keeping the others in order; returns how many went. */
size_t jx_diags_drop(jx_diags *d, const char *code);

/** Frees the array. */
void jx_diags_free(jx_diags *d);

/**
 * Adds a diagnostic. Its strings are copied into ar; the source line (or an excerpt of
 * it, see JX_DIAG_LINE_WHOLE) is cut out of src->text at pos.off when src and src->text
 * are given and pos.line > 0. Returns
 * the new entry, or NULL when memory ran out (d->oom is then set).
 */
jx_diag *jx_diags_add(jx_diags *d, jx_arena *ar, jx_severity sev, const char *code,
                      const jx_source *src, jx_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/** jx_diags_add with a va_list. */
jx_diag *jx_diags_vadd(jx_diags *d, jx_arena *ar, jx_severity sev, const char *code,
                       const jx_source *src, jx_pos pos, const char *fmt, va_list ap);

/**
 * jx_diags_add for a message already written in ar, msg (NUL-terminated), which the
 * diagnostic keeps as it is, not copied: for the findings a check raises on most
 * indicators of a file, whose message is put together piece by piece, in ar, rather than
 * formatted.
 */
jx_diag *jx_diags_add_kept(jx_diags *d, jx_arena *ar, jx_severity sev, const char *code,
                           const jx_source *src, jx_pos pos, const char *msg);

/**
 * s[0..n) for quoting in a message, in ar: at most JX_DIAG_QUOTE_COLS display columns,
 * cut at a character boundary with "…" after it when cut, each invalid byte as U+FFFD.
 * NULL when memory ran out.
 */
const char *jx_diag_quote(jx_arena *ar, const char *s, size_t n);

/**
 * The position of byte offset off in text, given the offset and line number of the
 * start of the line containing it (column counted in characters). width is the
 * number of characters in text[off .. off+len).
 */
jx_pos jx_pos_at(const char *text, uint32_t line_start, uint32_t line, uint32_t off, uint32_t len);

/**
 * The table row named by the `# 第 N 行` comment of the rule-text line s[0..n) that the
 * importer wrote (the first # outside a "string"), or 0 when it has none.
 */
uint32_t jx_source_row(const char *s, size_t n);

/** jx_source_row of the line of src that pos lies on; 0 when src has no text there. */
uint32_t jx_source_row_at(const jx_source *src, jx_pos pos);

#endif
