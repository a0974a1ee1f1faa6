/* SPDX-License-Identifier: MIT */
/* rng.h — the generators' randomness (bench/gen.c, bench/gen_target.c): splitmix64, so
 * the same seed gives the same bytes on every machine. */
#ifndef JX_BENCH_RNG_H
#define JX_BENCH_RNG_H

#include <stdint.h>

/** splitmix64 state: one 64-bit counter. */
typedef struct bench_rng {
    uint64_t state; /* advanced by the golden gamma at each draw */
} bench_rng;

/** The next 64 random bits (splitmix64, Steele, Lea and Flood 2014). */
static inline uint64_t bench_next(bench_rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/** A number in [0, n), n > 0. */
static inline uint32_t bench_below(bench_rng *r, uint32_t n)
{
    return (uint32_t)(((bench_next(r) >> 32) * (uint64_t)n) >> 32);
}

/** A number in [lo, hi]. */
static inline int bench_range(bench_rng *r, int lo, int hi)
{
    return lo + (int)bench_below(r, (uint32_t)(hi - lo + 1));
}

/** True with probability pct / 100. */
static inline int bench_chance(bench_rng *r, int pct)
{
    return (int)bench_below(r, 100) < pct;
}

/** The number of elements of an array. */
#define BENCH_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#endif
