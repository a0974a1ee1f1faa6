/* SPDX-License-Identifier: MIT */
/* codes.h — the one table of finding codes and their neutral Chinese names.
 *
 * Every place that lists codes (the audit's summary in every format, its findings, the
 * xlsx 发现 sheet, the text 自评表's findings) shows the name beside the code through
 * jx_code_name (jixiao.h); docs/checks.md lists the same table, and a unit test keeps the
 * two equal.
 */
#ifndef JX_CODES_H
#define JX_CODES_H

#include "jixiao.h"

#include <stddef.h>

/** One code and its name. */
typedef struct jx_code_entry {
    const char *code; /* "claimed-total" */
    const char *name; /* "自评总分与重算不符" */
} jx_code_entry;

/** Number of codes in the table. */
size_t jx_code_count(void);

/** The i-th entry, the codes in byte order; NULL when i is out of range. */
const jx_code_entry *jx_code_at(size_t i);

/** jx_code_name, or "" for a code without a name (so it can be printed as it is). */
const char *jx_code_name_or_empty(const char *code);

#endif
