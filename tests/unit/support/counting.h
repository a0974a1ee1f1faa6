/* SPDX-License-Identifier: MIT */
/* counting.h — an allocator for tests that counts what is in use and can run out of
 * memory on purpose: at one call, or at every call from one on. */
#ifndef JX_TEST_COUNTING_H
#define JX_TEST_COUNTING_H

#include "jixiao.h"

#include <stddef.h>

/** The books of a counting allocator; start from {0} and set a fail_* to run out. */
typedef struct jx_test_counting {
    size_t in_use;    /* bytes allocated and not freed */
    size_t peak;      /* the most bytes ever in use at once */
    size_t calls;     /* calls that allocate or resize (frees are not counted) */
    size_t fail_at;   /* the call (1-based) that returns NULL, the others succeeding; 0: none */
    size_t fail_from; /* every call from this one on (1-based) returns NULL; 0: none */
} jx_test_counting;

/** The jx_alloc_fn of a counting allocator whose books are the jx_test_counting ud. */
void *jx_test_counting_fn(void *ud, void *ptr, size_t osize, size_t nsize);

/** A jx_allocator keeping its books in c. */
jx_allocator jx_test_counting_allocator(jx_test_counting *c);

#endif
