/* SPDX-License-Identifier: MIT */
/* counting.c — the counting allocator of the tests: books kept on every call, a failure
 * where the test asks for one. */
#include "counting.h"

#include <stdlib.h>

void *jx_test_counting_fn(void *ud, void *ptr, size_t osize, size_t nsize)
{
    jx_test_counting *c = ud;
    if (nsize == 0) {
        if (ptr)
            c->in_use -= osize;
        free(ptr);
        return NULL;
    }
    c->calls++;
    if (c->calls == c->fail_at || (c->fail_from && c->calls >= c->fail_from))
        return NULL;
    void *p = realloc(ptr, nsize);
    if (!p)
        return NULL;
    c->in_use += nsize - (ptr ? osize : 0);
    if (c->in_use > c->peak)
        c->peak = c->in_use;
    return p;
}

jx_allocator jx_test_counting_allocator(jx_test_counting *c)
{
    jx_allocator a = {jx_test_counting_fn, c};
    return a;
}
