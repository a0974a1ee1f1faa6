/* SPDX-License-Identifier: MIT */
/* builtin_rules.h — the policy files of the rules folder, compiled into the library. */
#ifndef JX_BUILTIN_RULES_H
#define JX_BUILTIN_RULES_H

#include <stddef.h>

/** One shipped policy file: its file stem ("default"), its DSL text and length. */
typedef struct jx_builtin_rule {
    const char *stem; /* file name without .jx */
    const char *text; /* the file's bytes, NUL-terminated */
    size_t len;       /* bytes, without the NUL */
} jx_builtin_rule;

/** The shipped policies, ended by an entry whose stem is NULL. */
extern const jx_builtin_rule jx_builtin_rules[];

/** The stems of the shipped policies in the same order, ended by NULL. */
extern const char *const jx_builtin_names[];

#endif
