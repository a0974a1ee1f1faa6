/* SPDX-License-Identifier: MIT */
/* import_decode.h — the first stage of an import: a file's bytes → UTF-8 text.
 *
 * Tables come as UTF-8 (with or without a BOM), as GB18030 / GBK (what Excel and
 * most budget systems on Chinese Windows save), or as UTF-16 with a BOM (Excel's
 * "Unicode text"). The decoded text has "\n" line ends only — a CRLF pair or a lone
 * CR becomes one "\n" — so every line of the text is the same line of the file and
 * row numbers in messages point at the file the user has. Bytes that do not decode
 * are an error with their offset and line, never replacement characters.
 */
#ifndef JX_IMPORT_DECODE_H
#define JX_IMPORT_DECODE_H

#include "jixiao.h"
#include "text.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Outcome of jx_imp_decode. */
typedef enum jx_imp_decode_status {
    JX_IMP_DECODE_OK = 0,        /* decoded; the result is filled */
    JX_IMP_DECODE_BAD_BYTES,     /* bytes that do not decode (or are no text at all); see the error */
    JX_IMP_DECODE_UNKNOWN,       /* the encoding name is not one this build knows */
    JX_IMP_DECODE_NOMEM          /* memory ran out */
} jx_imp_decode_status;

/** Decoded text, allocated through the allocator given to jx_imp_decode. */
typedef struct jx_imp_text {
    char *s;              /* UTF-8, "\n" line ends, NUL-terminated (also when empty) */
    size_t len;           /* bytes in s, without the NUL */
    size_t cap;           /* bytes allocated for s */
    const char *encoding; /* what the bytes were read as: "utf-8", "gb18030", "gbk", "utf-16le", "utf-16be" */
} jx_imp_text;

/** Where and why decoding failed. */
typedef struct jx_imp_decode_error {
    size_t offset;         /* byte offset in the file of the first byte that does not decode */
    uint32_t line;         /* its 1-based line (0 when the whole file is refused) */
    uint32_t col;          /* its 1-based column in characters of the line as far as it decoded */
    unsigned char bytes[4];/* the offending bytes as found */
    size_t nbytes;         /* how many of bytes are set */
    char reason[256];      /* one sentence of Chinese saying what is wrong and what to do */
} jx_imp_decode_error;

/**
 * Decodes data[0..len). encoding is "utf-8", "gb18030", "gbk" or "utf-16" (case does
 * not matter; "utf8", "gb2312" and "cp936" are accepted too), or NULL to detect: a
 * BOM decides; else text that is valid UTF-8 is UTF-8; else the bytes are tried as
 * GB18030 and taken when every one decodes — unless most of the text is well-formed
 * UTF-8, in which case the bad bytes are reported as a broken UTF-8 file rather than
 * read as GB18030 mojibake. A NUL byte, an Excel workbook or another binary file is
 * refused. On JX_IMP_DECODE_OK *out is filled (free it with jx_imp_text_free); on
 * JX_IMP_DECODE_BAD_BYTES *err says where.
 */
jx_imp_decode_status jx_imp_decode(const jx_allocator *alloc, const char *data, size_t len,
                                   const char *encoding, jx_imp_text *out, jx_imp_decode_error *err);

/**
 * jx_imp_decode of *buf, a block of cap > len bytes from alloc: text that is valid UTF-8
 * read as it is becomes out without a copy (its BOM moved out), and *buf is set to NULL;
 * otherwise *buf is left to the caller, as jx_imp_decode leaves data.
 */
jx_imp_decode_status jx_imp_decode_take(const jx_allocator *alloc, char **buf, size_t len, size_t cap,
                                        const char *encoding, jx_imp_text *out, jx_imp_decode_error *err);

/* ------------------------------------------------------------ rule files
 *
 * A rule file (projects, a 评分办法) is UTF-8, with or without a BOM, or UTF-16 with a
 * BOM; the reader streams UTF-8 and hands a UTF-16 file to jx_imp_decode whole. Bytes
 * that are not UTF-8 are each one error at their line and column, and the text the
 * parser sees has U+FFFD in their place, so nothing read from them carries them on.
 * A file that is mostly not UTF-8 but decodes as GB18030 is one error saying so. The
 * scan and the mending are text.h's (jx_text_utf8_scan, jx_text_utf8_mend).
 */

/**
 * The byte-order mark at the start of data[0..len): its length (3 for UTF-8, 2 for
 * UTF-16, 0 for none) and in *encoding "utf-8", "utf-16le", "utf-16be" or NULL.
 */
size_t jx_imp_bom(const char *data, size_t len, const char **encoding);

/**
 * Whether a rule text s[0..n) whose scan found bad bytes is rather a GB18030/GBK file:
 * more bad bytes than UTF-8 sequences, and every byte decodes as GB18030. When true,
 * reason holds the one error to give (naming the first bad byte and how to convert).
 */
bool jx_imp_rule_not_utf8(const jx_allocator *alloc, const char *s, size_t n, const jx_text_scan *scan,
                          char *reason, size_t size);

/** The error for a run of nbytes bad bytes starting with first, into buf[size]: "无效的 UTF-8 字节 0xFF". */
void jx_imp_bad_run_text(char *buf, size_t size, size_t nbytes, unsigned char first);

/** Releases the text of a decode; a zeroed jx_imp_text is a no-op. */
void jx_imp_text_free(const jx_allocator *alloc, jx_imp_text *t);

/** The canonical name of an encoding the user may give ("GBK" → "gbk"), or NULL when unknown. */
const char *jx_imp_encoding_name(const char *name);

#endif
