/* SPDX-License-Identifier: MIT */
/* value_internal.h — counters of a value reader and a reader without JIT, for tests and
 * measurements only. */
#ifndef JX_VALUE_INTERNAL_H
#define JX_VALUE_INTERNAL_H

#include "value.h"

#include <stddef.h>

/**
 * A value reader whose patterns run in PCRE2's interpreter, as under a PCRE2 built
 * without JIT: its matches allocate (the backtracking frames), through alloc.
 */
jx_value_reader *jx_value_reader_create_interpreted(const jx_allocator *alloc);

/** How many jx_value_read calls on vr went to the slow path (NFKC and PCRE2). */
size_t jx_value_reader_slow_count(const jx_value_reader *vr);

/** How many PCRE2 matches vr has run (over every pattern row tried). */
size_t jx_value_reader_match_count(const jx_value_reader *vr);

/** 1 when vr's patterns were JIT-compiled, 0 when they run in the interpreter. */
int jx_value_reader_uses_jit(const jx_value_reader *vr);

#endif
