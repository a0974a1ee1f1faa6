/* SPDX-License-Identifier: MIT */
/* fuzz.h — what the libFuzzer targets of this folder share: where a writer's bytes go,
 * the checks every output and diagnostic must pass, and the fixed inputs a target reads
 * once at start-up.
 *
 * A check that fails aborts, so libFuzzer saves the input as a crash: a target calls
 * jx_fuzz_fail() for every property the library promises and an input broke (valid
 * UTF-8 out, JSON that parses, a workbook the table reader reads back, a code every
 * diagnostic names in the codes table, …).
 */
#ifndef JX_FUZZ_H
#define JX_FUZZ_H

#include "jixiao.h"

#include <stddef.h>
#include <stdint.h>

/** Bytes a writer wrote; start zeroed, reuse with jx_fuzz_buf_clear, free with jx_fuzz_buf_free. */
typedef struct jx_fuzz_buf {
    char *s;    /* the bytes, NUL-terminated once anything was written */
    size_t len; /* how many */
    size_t cap; /* allocated */
} jx_fuzz_buf;

/** A jx_write_fn appending to the jx_fuzz_buf ud. */
size_t jx_fuzz_buf_write(void *ud, const char *data, size_t len);

/** Forgets the bytes, keeping the memory. */
void jx_fuzz_buf_clear(jx_fuzz_buf *b);

/** Frees the bytes. */
void jx_fuzz_buf_free(jx_fuzz_buf *b);

/** Reports a broken promise on stderr (printf-style) and aborts. */
void jx_fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/** Fails unless s[0..n) is valid UTF-8; what names the output in the message. */
void jx_fuzz_check_utf8(const char *s, size_t n, const char *what);

/** Fails unless s[0..n) parses as one JSON document. */
void jx_fuzz_check_json(const char *s, size_t n, const char *what);

/**
 * Fails unless s[0..n) is a workbook the table reader opens as xlsx and reads to its
 * end without an error.
 */
void jx_fuzz_check_xlsx(const char *s, size_t n, const char *what);

/**
 * Checks a diagnostic: its code is in the codes table (jx_code_name), its strings are
 * valid UTF-8, and jx_diag_format measures what it writes (snprintf's contract).
 */
void jx_fuzz_check_diag(const jx_diag *d);

/** Checks what a writer of format fmt wrote: UTF-8 for the text formats, JSON, a readable xlsx. */
void jx_fuzz_check_output(jx_format fmt, const jx_fuzz_buf *b);

/**
 * Reads the file at the path relative to the source tree (JX_FUZZ_SOURCE_DIR) whole, or
 * aborts: the fixed projects a target scores. NUL-terminated; *len is its length.
 */
char *jx_fuzz_read_source(const char *rel, size_t *len);

/**
 * Reads the projects of tests/tables/demo.jx (two of one name told apart by 单位, the
 * projects the tables of tests/tables are about) in two passes, as a command with a table
 * does: know(ud, p) for every project, then apply(ud, p) for every project. The text is
 * read from the source tree on the first call.
 */
void jx_fuzz_demo_passes(void (*know)(void *ud, jx_project *p), void (*apply)(void *ud, jx_project *p), void *ud);

/**
 * A path naming a file in memory that holds data[0..size): for the openers that only take
 * a path (jx_actuals_open). The file is rewritten on every call; the path stays the same.
 */
const char *jx_fuzz_memfile(const uint8_t *data, size_t size);

/** Points TMPDIR at memory (/dev/shm) when it is not set, so workbooks are built there. */
void jx_fuzz_tmpdir(void);

/** The writers' formats, every one: text, JSON, CSV, template, HTML, Markdown, xlsx. */
extern const jx_format jx_fuzz_formats[7];

#endif
