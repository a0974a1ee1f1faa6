/* SPDX-License-Identifier: MIT */
/* sample.h — picking projects for 抽查, the same picks for the same seed on any machine.
 *
 * The generator is written here, not taken from the C library: splitmix64 expands the
 * seed into the state of xoshiro256**, and every draw is made with integer arithmetic
 * only (no floating point, no libm), so a seed names one sample everywhere.
 *
 * The audit hands over one jx_sample_unit per project it read, in reading order;
 * jx_sample_choose returns the picks, each with the reason it was picked, in reading
 * order.
 */
#ifndef JX_SAMPLE_H
#define JX_SAMPLE_H

#include "jixiao.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** The state of xoshiro256**. */
typedef struct jx_rng {
    uint64_t s[4]; /* never all zero */
} jx_rng;

/** Seeds r from seed through splitmix64. */
void jx_rng_seed(jx_rng *r, uint64_t seed);

/** The next 64 random bits (xoshiro256**). */
uint64_t jx_rng_next(jx_rng *r);

/** A uniform integer in [0, n) without modulo bias; n > 0. */
uint64_t jx_rng_below(jx_rng *r, uint64_t n);

/** One project that may be picked. */
typedef struct jx_sample_unit {
    const char *name;     /* 项目名称, for the reason text */
    const char *stratum;  /* its stratum under --by (单位, or 主管部门), "" when none */
    int64_t funds_cents;  /* its funds (全年预算 of 年度资金总额, else the sum of the sources), in cents; 0 when none */
    bool flagged;         /* it is flagged: an error-level finding, or a claim above the recomputed one */
} jx_sample_unit;

/** How many to pick and how. */
typedef struct jx_sample_spec {
    bool percent;          /* size is a share: size_bp in basis points (20% = 2000) */
    uint32_t size_bp;      /* the share, when percent */
    uint32_t size_count;   /* the number of projects, when !percent */
    uint64_t seed;         /* the seed */
    bool stratify;         /* --by: pick the share within each stratum */
    bool weight_funds;     /* --weight funds: larger projects are likelier picks */
    bool include_flagged;  /* --include-flagged: flagged projects are always in */
    const char *by;        /* what the strata are ("单位", "主管部门"), for the reason text; NULL: none named */
    const char *const *flag_reasons; /* parallel to the units: why a flagged unit is flagged, for its reason text
                                        ("自评总分 100 比重算总分 87.19 高 12.81 分"); NULL, or a NULL entry: it has
                                        error-level findings ("有错误级问题") */
} jx_sample_spec;

/** Why a project was picked. */
typedef enum jx_sample_why {
    JX_SAMPLE_DRAWN = 0,   /* drawn at random, each project alike */
    JX_SAMPLE_WEIGHTED,    /* drawn at random with chances in proportion to its funds */
    JX_SAMPLE_FLAGGED      /* forced in: it is flagged */
} jx_sample_why;

/** One pick. */
typedef struct jx_sample_pick {
    size_t index;          /* the unit's position in the array given to jx_sample_choose */
    jx_sample_why why;     /* why */
    const char *reason;    /* one Chinese sentence saying why, naming the stratum, its size and the draw */
} jx_sample_pick;

/** The result of a draw; release with jx_sample_free. */
typedef struct jx_sample {
    const jx_allocator *alloc; /* where the memory came from */
    jx_sample_pick *picks;     /* in the units' order */
    size_t npicks;             /* how many */
    char *text;                /* storage of the reason strings */
    size_t text_size;          /* its size */
} jx_sample;

/**
 * Picks from units[0..n) as spec says. The number per stratum is the share of the
 * stratum's size rounded half up (at least 1 for a non-empty stratum when the share is
 * above 0), or the count split over strata in proportion to their sizes (largest
 * remainders, ties to the earlier stratum). Without stratify all units are one stratum;
 * strata are drawn in the order of their first unit, from one generator seeded once,
 * so the picks depend only on (units, n, spec). A share above 100% and a count above
 * n pick everything.
 *
 * Within a stratum: with include_flagged its flagged units are all in and count toward
 * its number (when they are more than it, they are all in and nothing is drawn); the
 * rest is drawn from its other units, in reading order, by a partial Fisher–Yates
 * shuffle, or with weight_funds by successive draws with chances in proportion to
 * funds_cents among the units not yet picked (a unit with funds_cents <= 0 weighs one
 * cent). Without include_flagged, flagged is not looked at. docs/sampling.md states the
 * rules with examples. JX_OK, JX_ERR_NOMEM (out is then empty), or JX_ERR_USAGE when
 * spec or out is NULL, or units is NULL with n > 0.
 */
jx_result jx_sample_choose(const jx_sample_unit *units, size_t n, const jx_sample_spec *spec,
                           const jx_allocator *alloc, jx_sample *out);

/** Releases what jx_sample_choose allocated; a zeroed jx_sample is fine. */
void jx_sample_free(jx_sample *s);

#endif
