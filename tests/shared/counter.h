/* SPDX-License-Identifier: MIT */
/* counter.h — a counting jx_allocator for the programs that see only <jixiao.h>
 * (tests/shared/shared_client.c, tests/thread/threads.c; tests/unit/test_reader_threads.c
 * too): the blocks and bytes in use, their peak and the allocations made, kept under a lock, since a reader reading ahead
 * (jx_reader_set_threads) calls its allocator from its own threads too. */
#ifndef JX_TEST_COUNTER_H
#define JX_TEST_COUNTER_H

#include <pthread.h>
#include <stdlib.h>

/** What one allocator has given out and not had back. */
typedef struct counter {
    pthread_mutex_t mu; /* guards the rest */
    long blocks;        /* blocks in use */
    long bytes;         /* their size */
    long calls;         /* allocations made */
    long peak;          /* the most bytes in use at once */
} counter;

/** A counter with nothing counted. */
#define COUNTER_INIT {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 0}

/** The jx_alloc_fn of a counting allocator whose books are the counter ud. */
static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    counter *c = ud;
    void *np = NULL;
    if (nsize == 0)
        free(ptr);
    else if (!(np = realloc(ptr, nsize)))
        return NULL;
    pthread_mutex_lock(&c->mu);
    if (nsize == 0) {
        if (ptr) {
            c->blocks--;
            c->bytes -= (long)osize;
        }
    } else if (!ptr) {
        c->blocks++;
        c->calls++;
        c->bytes += (long)nsize;
    } else {
        c->bytes += (long)nsize - (long)osize;
    }
    if (c->bytes > c->peak)
        c->peak = c->bytes;
    pthread_mutex_unlock(&c->mu);
    return np;
}

#endif
