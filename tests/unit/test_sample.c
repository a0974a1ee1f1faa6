/* SPDX-License-Identifier: MIT */
/* test_sample.c — picking projects for 抽查: the generator against published outputs, the
 * number per stratum, the draws fixed for given seeds, weighting by funds, projects forced
 * in, the reason sentences and memory.
 *
 * Where a test fixes random outputs or picks, the expected values come from a separate
 * implementation of the same rules (docs/sampling.md) in Python, on its unbounded integers
 * masked to 64 bits; it was run once and its results are pasted here as constants. The
 * quotas, the shares and the bounds of the counting tests are worked out by hand in the
 * comments beside them. */
#include "sample.h"

#include "counting.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* ------------------------------------------------------------- the corpus */

/** 万元 in cents. */
#define WAN INT64_C(1000000)

/* 18 projects of three units, interleaved: 甲局 12 (first at 0), 乙局 5 (first at 2), 丙局 1
 * (at 13). In byte order the names sort 丙 < 乙 < 甲, the reverse of their first
 * appearance. Funds: 甲局 2746.60 万元, 乙局 474.90, 丙局 500.00, 3721.50 in all. Projects 3
 * and 13 have error-level findings. */
static const jx_sample_unit corpus[18] = {
    {"p0", "甲局", 366 * WAN, false},      {"p1", "甲局", 12500000, false},
    {"p2", "乙局", 88 * WAN, false},       {"p3", "甲局", 1200 * WAN, true},
    {"p4", "甲局", 5200000, false},        {"p5", "乙局", 40 * WAN, false},
    {"p6", "甲局", 0, false},              {"p7", "甲局", 75300000, false},
    {"p8", "乙局", 310 * WAN, false},      {"p9", "甲局", 22 * WAN, false},
    {"p10", "甲局", 150 * WAN, false},     {"p11", "乙局", 9900000, false},
    {"p12", "甲局", 64 * WAN, false},      {"p13", "丙局", 500 * WAN, true},
    {"p14", "甲局", 18 * WAN, false},      {"p15", "甲局", 830 * WAN, false},
    {"p16", "乙局", 27 * WAN, false},      {"p17", "甲局", 3600000, false},
};
#define NCORPUS (sizeof corpus / sizeof corpus[0])

/* A spec taking a share in basis points. */
static jx_sample_spec share(uint32_t bp, uint64_t seed)
{
    jx_sample_spec s;
    memset(&s, 0, sizeof s);
    s.percent = true;
    s.size_bp = bp;
    s.seed = seed;
    return s;
}

/* A spec taking a number of projects. */
static jx_sample_spec count(uint32_t k, uint64_t seed)
{
    jx_sample_spec s;
    memset(&s, 0, sizeof s);
    s.size_count = k;
    s.seed = seed;
    return s;
}

/* The same spec stratified by 单位. */
static jx_sample_spec by_unit(jx_sample_spec s)
{
    s.stratify = true;
    s.by = "单位";
    return s;
}

/** A draw on a counting allocator. */
typedef struct run {
    jx_test_counting c; /* the allocator's books */
    jx_allocator a;     /* over c */
    jx_sample s;        /* the result */
} run;

/* Draws, asserting success; release with done. */
static void draw(run *r, const jx_sample_unit *units, size_t n, const jx_sample_spec *spec)
{
    memset(r, 0, sizeof *r);
    r->a = jx_test_counting_allocator(&r->c);
    assert_int_equal(jx_sample_choose(units, n, spec, &r->a, &r->s), JX_OK);
    for (size_t i = 0; i < r->s.npicks; i++) {
        assert_true(r->s.picks[i].index < n);
        if (i)
            assert_true(r->s.picks[i - 1].index < r->s.picks[i].index); /* reading order */
        assert_non_null(r->s.picks[i].reason);
    }
}

/* Frees the result and checks that nothing is left allocated. */
static void done(run *r)
{
    jx_sample_free(&r->s);
    assert_int_equal(r->c.in_use, 0);
}

/* Asserts the picks are exactly want[0..n), with the reasons why[0..n). */
static void picks_are(const run *r, const size_t *want, const jx_sample_why *why, size_t n)
{
    if (r->s.npicks != n)
        fail_msg("%zu picks, expected %zu", r->s.npicks, n);
    for (size_t i = 0; i < n; i++) {
        if (r->s.picks[i].index != want[i])
            fail_msg("pick %zu is %zu, expected %zu", i, r->s.picks[i].index, want[i]);
        assert_int_equal(r->s.picks[i].why, why[i]);
    }
}

/* The reason of the pick of unit index. */
static const char *reason_of(const run *r, size_t index)
{
    for (size_t i = 0; i < r->s.npicks; i++)
        if (r->s.picks[i].index == index)
            return r->s.picks[i].reason;
    fail_msg("unit %zu was not picked", index);
    return NULL;
}

/* Whether unit index was picked. */
static bool picked(const run *r, size_t index)
{
    for (size_t i = 0; i < r->s.npicks; i++)
        if (r->s.picks[i].index == index)
            return true;
    return false;
}

/* How many picks are in the stratum named name. */
static size_t picks_in(const run *r, const jx_sample_unit *units, const char *name)
{
    size_t k = 0;
    for (size_t i = 0; i < r->s.npicks; i++)
        k += strcmp(units[r->s.picks[i].index].stratum, name) == 0;
    return k;
}

/* How many picks a draw of units makes. */
static size_t npicks(const jx_sample_unit *units, size_t n, const jx_sample_spec *spec)
{
    run r;
    draw(&r, units, n, spec);
    size_t k = r.s.npicks;
    done(&r);
    return k;
}

/* Asserts that text ends with tail. */
static void ends_with(const char *text, const char *tail)
{
    size_t a = strlen(text), b = strlen(tail);
    if (a < b || strcmp(text + a - b, tail) != 0)
        fail_msg("“%s” does not end with “%s”", text, tail);
}

/* ------------------------------------------------------------- generator */

/* splitmix64's first four outputs for seed 0, as published with the reference code
 * (https://prng.di.unimi.it/splitmix64.c) and reproduced by the Python implementation,
 * are the state jx_rng_seed(0) sets. */
static void test_splitmix64_seed_0(void **state)
{
    (void)state;
    jx_rng r;
    jx_rng_seed(&r, 0);
    assert_true(r.s[0] == UINT64_C(0xe220a8397b1dcdaf));
    assert_true(r.s[1] == UINT64_C(0x6e789e6aa1b965f4));
    assert_true(r.s[2] == UINT64_C(0x06c45d188009454f));
    assert_true(r.s[3] == UINT64_C(0xf88bb8a8724c81ec));
}

/* xoshiro256** from the state {1, 2, 3, 4}: the outputs other implementations test the
 * reference code against (e.g. the rand_xoshiro crate), reproduced by the Python one. */
static void test_xoshiro256starstar_state_1234(void **state)
{
    (void)state;
    jx_rng r = {{1, 2, 3, 4}};
    static const uint64_t want[] = {
        UINT64_C(11520), UINT64_C(0), UINT64_C(1509978240), UINT64_C(1215971899390074240),
        UINT64_C(1216172134540287360), UINT64_C(607988272756665600),
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_true(jx_rng_next(&r) == want[i]);
}

/* Seed 42 end to end: state, outputs, and ten draws below 10 (Python). */
static void test_seed_42(void **state)
{
    (void)state;
    jx_rng r;
    jx_rng_seed(&r, 42);
    assert_true(r.s[0] == UINT64_C(0xbdd732262feb6e95));
    assert_true(r.s[1] == UINT64_C(0x28efe333b266f103));
    assert_true(r.s[2] == UINT64_C(0x47526757130f9f52));
    assert_true(r.s[3] == UINT64_C(0x581ce1ff0e4ae394));
    assert_true(jx_rng_next(&r) == UINT64_C(0x15780b2e0c2ec716));
    assert_true(jx_rng_next(&r) == UINT64_C(0x6104d9866d113a7e));
    assert_true(jx_rng_next(&r) == UINT64_C(0xae17533239e499a1));
    jx_rng_seed(&r, 42);
    static const uint64_t below10[] = {2, 2, 9, 3, 6, 4, 4, 7, 8, 5};
    for (size_t i = 0; i < 10; i++)
        assert_true(jx_rng_below(&r, 10) == below10[i]);
}

/* jx_rng_below(n) with n = 2^63 + 1 rejects the outputs below 2^64 mod n = 2^63 − 1, about
 * half of them. Seed 7's first outputs are 12923355070828475994 (kept: − n gives
 * 3699983033973700185), 5142052590334782674 (below 2^63 − 1: rejected) and
 * 15488392906492639638 (kept: 6265020869637863829). */
static void test_below_rejects_the_biased_outputs(void **state)
{
    (void)state;
    jx_rng r;
    jx_rng_seed(&r, 7);
    uint64_t n = (UINT64_C(1) << 63) + 1;
    static const uint64_t want[] = {
        UINT64_C(3699983033973700185), UINT64_C(6265020869637863829),
        UINT64_C(8874686607794401855), UINT64_C(9054773939583320855),
        UINT64_C(6876465445380131912), UINT64_C(763097503181529494),
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_true(jx_rng_below(&r, n) == want[i]);
    for (int i = 0; i < 100; i++)
        assert_true(jx_rng_below(&r, 1) == 0);
}

/* 60 000 draws below 6: each face 10 000 times give or take; σ = √(60000 × 1/6 × 5/6) ≈ 91.3,
 * and 5σ ≈ 457. */
static void test_below_is_even(void **state)
{
    (void)state;
    jx_rng r;
    jx_rng_seed(&r, 2024);
    size_t seen[6] = {0};
    for (int i = 0; i < 60000; i++)
        seen[jx_rng_below(&r, 6)]++;
    for (int i = 0; i < 6; i++)
        assert_in_range(seen[i], 10000 - 457, 10000 + 457);
}

/* ----------------------------------------------------------- determinism */

/* 20% by 单位, seed 42: 甲局 gets 2 (12 × 20% = 2.4), 乙局 1 (5 × 20% = 1), 丙局 1 (0.2
 * rounds to 0, raised to 1). The picks (Python): 9 and 12 in 甲局, 16 in 乙局, 13 in 丙局.
 * The same again on a second run, reasons and all; seed 43 picks 7 and 12, 2, 13. */
static void test_same_seed_same_picks(void **state)
{
    (void)state;
    jx_sample_spec spec = by_unit(share(2000, 42));
    static const size_t want[] = {9, 12, 13, 16};
    static const jx_sample_why drawn[] = {JX_SAMPLE_DRAWN, JX_SAMPLE_DRAWN, JX_SAMPLE_DRAWN,
                                          JX_SAMPLE_DRAWN};
    run a, b;
    draw(&a, corpus, NCORPUS, &spec);
    draw(&b, corpus, NCORPUS, &spec);
    picks_are(&a, want, drawn, 4);
    picks_are(&b, want, drawn, 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(a.s.picks[i].reason, b.s.picks[i].reason);
    /* 13 has errors, but include_flagged is off: it was drawn like the others */
    assert_string_equal(reason_of(&a, 9), "按单位分层：单位“甲局”共 12 个项目，抽 2 个（20%），随机抽中（第 1 次抽取）");
    assert_string_equal(reason_of(&a, 12), "按单位分层：单位“甲局”共 12 个项目，抽 2 个（20%），随机抽中（第 2 次抽取）");
    assert_string_equal(reason_of(&a, 16), "按单位分层：单位“乙局”共 5 个项目，抽 1 个（20%），随机抽中（第 1 次抽取）");
    assert_string_equal(reason_of(&a, 13), "按单位分层：单位“丙局”共 1 个项目，抽 1 个（20%，至少 1 个），随机抽中（第 1 次抽取）");
    done(&a);
    done(&b);

    spec.seed = 43;
    static const size_t want43[] = {2, 7, 12, 13};
    draw(&a, corpus, NCORPUS, &spec);
    picks_are(&a, want43, drawn, 4);
    done(&a);
}

/* Without strata, a count: 3 of the 18 (Python: 6, 15, 3 in the order drawn). */
static void test_count_without_strata(void **state)
{
    (void)state;
    jx_sample_spec spec = count(3, 42);
    static const size_t want[] = {3, 6, 15};
    static const jx_sample_why drawn[] = {JX_SAMPLE_DRAWN, JX_SAMPLE_DRAWN, JX_SAMPLE_DRAWN};
    run r;
    draw(&r, corpus, NCORPUS, &spec);
    picks_are(&r, want, drawn, 3);
    assert_string_equal(reason_of(&r, 6), "共 18 个项目，抽 3 个，随机抽中（第 1 次抽取）");
    assert_string_equal(reason_of(&r, 15), "共 18 个项目，抽 3 个，随机抽中（第 2 次抽取）");
    assert_string_equal(reason_of(&r, 3), "共 18 个项目，抽 3 个，随机抽中（第 3 次抽取）");
    done(&r);
}

/* --------------------------------------------------------- stratification */

/* Over 200 seeds, 20% by 单位 gives 甲局 exactly 2, 乙局 1 and 丙局 1, each pick in its own
 * stratum; without --by the 18 are one stratum and give 3.6 → 4. */
static void test_each_stratum_gets_its_share(void **state)
{
    (void)state;
    size_t hits[NCORPUS] = {0};
    for (uint64_t seed = 1; seed <= 200; seed++) {
        jx_sample_spec spec = by_unit(share(2000, seed));
        run r;
        draw(&r, corpus, NCORPUS, &spec);
        assert_int_equal(r.s.npicks, 4);
        assert_int_equal(picks_in(&r, corpus, "甲局"), 2);
        assert_int_equal(picks_in(&r, corpus, "乙局"), 1);
        assert_int_equal(picks_in(&r, corpus, "丙局"), 1);
        for (size_t i = 0; i < r.s.npicks; i++)
            hits[r.s.picks[i].index]++;
        done(&r);
        spec = share(2000, seed);
        assert_int_equal(npicks(corpus, NCORPUS, &spec), 4);
    }
    /* every project of 甲局 and 乙局 comes up at some seed: the draw is not stuck */
    for (size_t i = 0; i < NCORPUS; i++)
        assert_true(hits[i] > 0);
    assert_int_equal(hits[13], 200); /* 丙局's only project, every time */
}

/* A count over strata goes by size, largest remainders: 5 of 18 gives 甲局 5 × 12 / 18 =
 * 3 r 6, 乙局 5 × 5 / 18 = 1 r 7, 丙局 5 × 1 / 18 = 0 r 5; the one left goes to 乙局 (7):
 * 3, 2, 0. Seed 42 (Python): 9, 12, 17 in 甲局, 11 and 5 in 乙局. */
static void test_count_split_over_strata(void **state)
{
    (void)state;
    jx_sample_spec spec = by_unit(count(5, 42));
    static const size_t want[] = {5, 9, 11, 12, 17};
    static const jx_sample_why drawn[] = {JX_SAMPLE_DRAWN, JX_SAMPLE_DRAWN, JX_SAMPLE_DRAWN,
                                          JX_SAMPLE_DRAWN, JX_SAMPLE_DRAWN};
    run r;
    draw(&r, corpus, NCORPUS, &spec);
    picks_are(&r, want, drawn, 5);
    assert_string_equal(reason_of(&r, 5), "按单位分层：单位“乙局”共 5 个项目，抽 2 个（共抽 5 个，按各层项目数分配），随机抽中（第 2 次抽取）");
    assert_string_equal(reason_of(&r, 17), "按单位分层：单位“甲局”共 12 个项目，抽 3 个（共抽 5 个，按各层项目数分配），随机抽中（第 3 次抽取）");
    done(&r);
    for (uint64_t seed = 1; seed <= 100; seed++) {
        spec.seed = seed;
        draw(&r, corpus, NCORPUS, &spec);
        assert_int_equal(picks_in(&r, corpus, "甲局"), 3);
        assert_int_equal(picks_in(&r, corpus, "乙局"), 2);
        assert_int_equal(picks_in(&r, corpus, "丙局"), 0);
        done(&r);
    }
}

/* Equal remainders go to the earlier stratum (by first appearance, not by name): 1 of
 * 乙 乙 甲 甲 (2 × 1 mod 4 = 2 each) falls to 乙; of 甲 甲 乙 乙 to 甲. 2 of three strata of 3
 * (2 × 3 mod 9 = 6 each) go to the first two. */
static void test_remainder_ties_go_to_the_earlier_stratum(void **state)
{
    (void)state;
    const jx_sample_unit four[] = {
        {"a", "乙", 0, false}, {"b", "乙", 0, false}, {"c", "甲", 0, false}, {"d", "甲", 0, false},
    };
    const jx_sample_unit swapped[] = {
        {"a", "甲", 0, false}, {"b", "甲", 0, false}, {"c", "乙", 0, false}, {"d", "乙", 0, false},
    };
    const jx_sample_unit nine[] = {
        {"a", "丙", 0, false}, {"b", "甲", 0, false}, {"c", "乙", 0, false},
        {"d", "丙", 0, false}, {"e", "甲", 0, false}, {"f", "乙", 0, false},
        {"g", "丙", 0, false}, {"h", "甲", 0, false}, {"i", "乙", 0, false},
    };
    for (uint64_t seed = 1; seed <= 20; seed++) {
        jx_sample_spec spec = by_unit(count(1, seed));
        run r;
        draw(&r, four, 4, &spec);
        assert_int_equal(picks_in(&r, four, "乙"), 1);
        done(&r);
        draw(&r, swapped, 4, &spec);
        assert_int_equal(picks_in(&r, swapped, "甲"), 1);
        done(&r);
        spec.size_count = 2;
        draw(&r, nine, 9, &spec);
        assert_int_equal(picks_in(&r, nine, "丙"), 1);
        assert_int_equal(picks_in(&r, nine, "甲"), 1);
        assert_int_equal(picks_in(&r, nine, "乙"), 0);
        done(&r);
    }
}

/* Shares of one stratum of 10, rounded half up: 25% → 2.5 → 3, 24.99% → 2, 15% → 1.5 → 2,
 * 14.99% → 1, 0.05% → 0.005 → 0 raised to 1, 0% → 0, 100% and 150% → all 10. */
static void test_share_rounding(void **state)
{
    (void)state;
    jx_sample_unit ten[10];
    for (size_t i = 0; i < 10; i++)
        ten[i] = (jx_sample_unit){"x", "甲", 0, false};
    static const struct {
        uint32_t bp;
        size_t want;
    } cases[] = {{2500, 3}, {2499, 2}, {1500, 2}, {1499, 1}, {5, 1}, {0, 0}, {10000, 10}, {15000, 10}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        jx_sample_spec spec = share(cases[i].bp, 42);
        if (npicks(ten, 10, &spec) != cases[i].want)
            fail_msg("%u bp of 10 gave %zu picks, expected %zu", cases[i].bp, npicks(ten, 10, &spec), cases[i].want);
        spec = by_unit(spec);
        assert_int_equal(npicks(ten, 10, &spec), cases[i].want);
    }
    /* the share as written, exactly */
    run r;
    jx_sample_spec spec = share(1250, 42);
    draw(&r, ten, 10, &spec);
    assert_int_equal(r.s.npicks, 1);
    assert_true(strstr(r.s.picks[0].reason, "共 10 个项目，抽 1 个（12.5%），") == r.s.picks[0].reason);
    done(&r);
    spec = share(1234, 42);
    draw(&r, ten, 10, &spec);
    assert_true(strstr(r.s.picks[0].reason, "共 10 个项目，抽 1 个（12.34%），") == r.s.picks[0].reason);
    done(&r);
    spec = share(5, 42);
    draw(&r, ten, 10, &spec);
    assert_true(strstr(r.s.picks[0].reason, "共 10 个项目，抽 1 个（0.05%，至少 1 个），") == r.s.picks[0].reason);
    done(&r);
}

/* A count of 0 picks nothing; a count above n picks all and says so. */
static void test_count_limits(void **state)
{
    (void)state;
    jx_sample_spec spec = count(0, 42);
    assert_int_equal(npicks(corpus, NCORPUS, &spec), 0);
    spec = by_unit(spec);
    assert_int_equal(npicks(corpus, NCORPUS, &spec), 0);
    spec = count(25, 42);
    run r;
    draw(&r, corpus, NCORPUS, &spec);
    assert_int_equal(r.s.npicks, NCORPUS);
    assert_true(strstr(r.s.picks[0].reason, "共 18 个项目，抽 18 个（要求 25 个，只有 18 个），随机抽中（第 ") == r.s.picks[0].reason);
    done(&r);
    spec = by_unit(count(25, 42));
    assert_int_equal(npicks(corpus, NCORPUS, &spec), NCORPUS);
}

/* Names of strata: no --by word, and a stratum with no name. */
static void test_stratum_names_in_reasons(void **state)
{
    (void)state;
    const jx_sample_unit two[] = {{"a", "", 0, false}, {"b", NULL, 0, false}, {"c", "甲局", 0, false}};
    jx_sample_spec spec = by_unit(share(10000, 42));
    run r;
    draw(&r, two, 3, &spec);
    assert_int_equal(r.s.npicks, 3);
    /* "" and NULL are one stratum of 2 */
    assert_true(strstr(reason_of(&r, 0), "按单位分层：单位（未填）共 2 个项目，抽 2 个（100%），随机抽中（第 ") == reason_of(&r, 0));
    assert_true(strstr(reason_of(&r, 1), "按单位分层：单位（未填）共 2 个项目，") == reason_of(&r, 1));
    done(&r);
    spec.by = NULL;
    draw(&r, two, 3, &spec);
    assert_string_equal(reason_of(&r, 2), "分层“甲局”共 1 个项目，抽 1 个（100%），随机抽中（第 1 次抽取）");
    assert_true(strstr(reason_of(&r, 0), "分层（未填）共 2 个项目，") == reason_of(&r, 0));
    done(&r);
}

/* ------------------------------------------------------- include_flagged */

/* 20% by 单位 with --include-flagged, seed 42: 甲局's 2 are its flagged 3 and one drawn
 * among its other 11 (Python: 0); 乙局 has none flagged and draws 1 (8); 丙局's 1 is its
 * flagged 13, nothing drawn. */
static void test_flagged_count_toward_the_quota(void **state)
{
    (void)state;
    jx_sample_spec spec = by_unit(share(2000, 42));
    spec.include_flagged = true;
    static const size_t want[] = {0, 3, 8, 13};
    static const jx_sample_why why[] = {JX_SAMPLE_DRAWN, JX_SAMPLE_FLAGGED, JX_SAMPLE_DRAWN,
                                        JX_SAMPLE_FLAGGED};
    run r;
    draw(&r, corpus, NCORPUS, &spec);
    picks_are(&r, want, why, 4);
    assert_string_equal(reason_of(&r, 0), "按单位分层：单位“甲局”共 12 个项目，抽 2 个（20%），其中有错误级问题的 1 个必抽，在其余 11 个中随机抽中（第 1 次抽取）");
    assert_string_equal(reason_of(&r, 3), "按单位分层：单位“甲局”共 12 个项目，抽 2 个（20%），其中有错误级问题的 1 个必抽，本项目有错误级问题，必抽");
    assert_string_equal(reason_of(&r, 8), "按单位分层：单位“乙局”共 5 个项目，抽 1 个（20%），随机抽中（第 1 次抽取）");
    assert_string_equal(reason_of(&r, 13), "按单位分层：单位“丙局”共 1 个项目，抽 1 个（20%，至少 1 个），其中有错误级问题的 1 个必抽，本项目有错误级问题，必抽");
    done(&r);
    /* whatever the seed, 3 and 13 are in, and the sample stays at 4 */
    for (uint64_t seed = 1; seed <= 100; seed++) {
        spec.seed = seed;
        draw(&r, corpus, NCORPUS, &spec);
        assert_int_equal(r.s.npicks, 4);
        assert_true(picked(&r, 3) && picked(&r, 13));
        done(&r);
    }
}

/* More flagged projects than the quota: all of them, nothing drawn; a share of 0 still
 * takes the flagged ones. */
static void test_flagged_beyond_the_quota(void **state)
{
    (void)state;
    const jx_sample_unit five[] = {
        {"a", "甲", 0, true}, {"b", "甲", 0, false}, {"c", "甲", 0, true},
        {"d", "甲", 0, false}, {"e", "甲", 0, true},
    };
    jx_sample_spec spec = share(2000, 42); /* 5 × 20% = 1 */
    spec.include_flagged = true;
    static const size_t want[] = {0, 2, 4};
    static const jx_sample_why why[] = {JX_SAMPLE_FLAGGED, JX_SAMPLE_FLAGGED, JX_SAMPLE_FLAGGED};
    run r;
    draw(&r, five, 5, &spec);
    picks_are(&r, want, why, 3);
    assert_string_equal(reason_of(&r, 2), "共 5 个项目，抽 1 个（20%），有错误级问题的 3 个全部必抽，本项目有错误级问题，必抽");
    done(&r);
    spec.size_bp = 0;
    draw(&r, five, 5, &spec);
    picks_are(&r, want, why, 3);
    done(&r);
    spec.include_flagged = false;
    assert_int_equal(npicks(five, 5, &spec), 0);
}

/* Flagged for a claim (issue 10, item 9): a project claiming 100 / 优 that recomputes to
 * 87.19 / 良 is flagged as one with an error is, and its reason says why (the audit writes
 * the words, spec.flag_reasons). A share of 0% (--sample 0%) with include_flagged takes the
 * flagged alone: a (an error) and b (the claim) of five, nothing drawn. 40% of 5 = 2: the
 * two flagged fill the number; 60% of 5 = 3: one more drawn among the other three. */
static void test_flagged_for_claims(void **state)
{
    (void)state;
    const jx_sample_unit five[] = {
        {"a", "", 0, true}, {"b", "", 0, true}, {"c", "", 0, false}, {"d", "", 0, false}, {"e", "", 0, false},
    };
    static const char *const reasons[] = {
        NULL, "自评总分 100 比重算总分 87.19 高 12.81 分，自评结论“优”高于重算结论“良”", NULL, NULL, NULL};
    jx_sample_spec spec = share(0, 42);
    spec.include_flagged = true;
    spec.flag_reasons = reasons;
    static const size_t want[] = {0, 1};
    static const jx_sample_why why[] = {JX_SAMPLE_FLAGGED, JX_SAMPLE_FLAGGED};
    run r;
    draw(&r, five, 5, &spec);
    picks_are(&r, want, why, 2);
    assert_string_equal(reason_of(&r, 0), "共 5 个项目，抽 0 个（0%），有错误级问题或自评高于重算的 2 个全部必抽，"
                                          "本项目有错误级问题，必抽");
    assert_string_equal(reason_of(&r, 1), "共 5 个项目，抽 0 个（0%），有错误级问题或自评高于重算的 2 个全部必抽，"
                                          "本项目自评总分 100 比重算总分 87.19 高 12.81 分，自评结论“优”高于重算结论“良”，必抽");
    done(&r);
    /* 0% whatever the seed: the two flagged, never another */
    for (uint64_t seed = 1; seed <= 50; seed++) {
        spec.seed = seed;
        draw(&r, five, 5, &spec);
        picks_are(&r, want, why, 2);
        done(&r);
    }
    spec.size_bp = 4000;
    draw(&r, five, 5, &spec);
    picks_are(&r, want, why, 2);
    assert_string_equal(reason_of(&r, 1), "共 5 个项目，抽 2 个（40%），其中有错误级问题或自评高于重算的 2 个必抽，"
                                          "本项目自评总分 100 比重算总分 87.19 高 12.81 分，自评结论“优”高于重算结论“良”，必抽");
    done(&r);
    spec.size_bp = 6000;
    draw(&r, five, 5, &spec);
    assert_int_equal(r.s.npicks, 3);
    assert_true(picked(&r, 0) && picked(&r, 1));
    for (size_t i = 0; i < r.s.npicks; i++)
        if (r.s.picks[i].index > 1) {
            assert_int_equal(r.s.picks[i].why, JX_SAMPLE_DRAWN);
            ends_with(r.s.picks[i].reason, "，在其余 3 个中随机抽中（第 1 次抽取）");
        }
    done(&r);
    /* without include_flagged, 0% takes nothing and the flags are not looked at */
    spec.size_bp = 0;
    spec.include_flagged = false;
    assert_int_equal(npicks(five, 5, &spec), 0);
}

/* ------------------------------------------------------------- weighting */

/* Fixed weighted picks (Python). Without strata, 20% of 18 = 4: drawn 15, 3, 13, 1 in that
 * order. 15 holds 830.00 of 3721.50 万元 = 22.30…% → 22.3%; 1 holds 12.50 → 0.33…% → 0.3%.
 * By 单位 with --include-flagged: 7 in 甲局 (75.30 of 2746.60 = 2.74…% → 2.7%), 2 in 乙局
 * (88.00 of 474.90 = 18.53…% → 18.5%), and the flagged 3 and 13. */
static void test_weighted_picks(void **state)
{
    (void)state;
    jx_sample_spec spec = share(2000, 42);
    spec.weight_funds = true;
    static const size_t want[] = {1, 3, 13, 15};
    static const jx_sample_why weighted[] = {JX_SAMPLE_WEIGHTED, JX_SAMPLE_WEIGHTED,
                                             JX_SAMPLE_WEIGHTED, JX_SAMPLE_WEIGHTED};
    run r;
    draw(&r, corpus, NCORPUS, &spec);
    picks_are(&r, want, weighted, 4);
    assert_string_equal(reason_of(&r, 15), "共 18 个项目，抽 4 个（20%），按资金加权抽中（第 1 次抽取）：资金 830.00 万元，占全部资金的 22.3%");
    assert_string_equal(reason_of(&r, 1), "共 18 个项目，抽 4 个（20%），按资金加权抽中（第 4 次抽取）：资金 12.50 万元，占全部资金的 0.3%");
    done(&r);

    spec = by_unit(spec);
    spec.include_flagged = true;
    static const size_t want2[] = {2, 3, 7, 13};
    static const jx_sample_why why2[] = {JX_SAMPLE_WEIGHTED, JX_SAMPLE_FLAGGED, JX_SAMPLE_WEIGHTED,
                                         JX_SAMPLE_FLAGGED};
    draw(&r, corpus, NCORPUS, &spec);
    picks_are(&r, want2, why2, 4);
    assert_string_equal(reason_of(&r, 7), "按单位分层：单位“甲局”共 12 个项目，抽 2 个（20%），其中有错误级问题的 1 个必抽，在其余 11 个中按资金加权抽中（第 1 次抽取）：资金 75.30 万元，占该层资金的 2.7%");
    assert_string_equal(reason_of(&r, 2), "按单位分层：单位“乙局”共 5 个项目，抽 1 个（20%），按资金加权抽中（第 1 次抽取）：资金 88.00 万元，占该层资金的 18.5%");
    done(&r);
}

/* Shares in the reasons: 366.00 and 522.35 of 888.35 万元 are 41.199…% → 41.2% and
 * 58.800…% → 58.8%; seed 42 draws 522.35 first (Python). */
static void test_weighted_reason_shares(void **state)
{
    (void)state;
    const jx_sample_unit two[] = {{"a", "", 366 * WAN, false}, {"b", "", 522350000, false}};
    jx_sample_spec spec = count(2, 42);
    spec.weight_funds = true;
    run r;
    draw(&r, two, 2, &spec);
    assert_int_equal(r.s.npicks, 2);
    assert_string_equal(reason_of(&r, 0), "共 2 个项目，抽 2 个，按资金加权抽中（第 2 次抽取）：资金 366.00 万元，占全部资金的 41.2%");
    assert_string_equal(reason_of(&r, 1), "共 2 个项目，抽 2 个，按资金加权抽中（第 1 次抽取）：资金 522.35 万元，占全部资金的 58.8%");
    done(&r);
}

/* A longer pool: 100 projects, project i holding (37 i mod 101) × 1000 cents (project 0
 * none). Python, drawing with a plain scan over the units left: 10 of them with seed 42,
 * in the order 73, 78, 72, 61, 75, 5, 16, 47, 59, 92; 30% with seed 2024, the 30 below. */
static void test_weighted_picks_from_a_long_pool(void **state)
{
    (void)state;
    jx_sample_unit units[100];
    for (size_t i = 0; i < 100; i++)
        units[i] = (jx_sample_unit){"p", "", (int64_t)(i * 37 % 101) * 1000, false};
    jx_sample_spec spec = count(10, 42);
    spec.weight_funds = true;
    static const size_t want[] = {5, 16, 47, 59, 61, 72, 73, 75, 78, 92};
    static const size_t order[] = {6, 7, 8, 9, 4, 3, 1, 5, 2, 10};
    jx_sample_why why[30];
    for (size_t i = 0; i < 30; i++)
        why[i] = JX_SAMPLE_WEIGHTED;
    run r;
    draw(&r, units, 100, &spec);
    picks_are(&r, want, why, 10);
    for (size_t i = 0; i < 10; i++) {
        char piece[64];
        snprintf(piece, sizeof piece, "按资金加权抽中（第 %zu 次抽取）", order[i]);
        assert_non_null(strstr(r.s.picks[i].reason, piece));
    }
    done(&r);
    spec = share(3000, 2024);
    spec.weight_funds = true;
    static const size_t want30[] = {3,  10, 13, 15, 16, 19, 21, 24, 29, 35, 38, 46, 48, 49, 57,
                                    59, 60, 66, 67, 68, 75, 76, 84, 86, 87, 89, 90, 91, 92, 98};
    draw(&r, units, 100, &spec);
    picks_are(&r, want30, why, 30);
    done(&r);
}

/* Over 2000 seeds, 1 of {70, 10, 10, 10} 万元 weighted by funds is the 70 with chance 0.7:
 * 1400 expected, σ = √(2000 × 0.7 × 0.3) ≈ 20.5, bounds ±5σ → [1298, 1502]. Two of them:
 * 0.7 + 0.3 × 70/90 = 0.9333…, 1866.7 expected, σ ≈ 11.2 → [1811, 1922]. Unweighted, 1 of 4
 * is it with chance 0.25: 500, σ ≈ 19.4 → [403, 597]. */
static void test_weighting_favours_large_projects(void **state)
{
    (void)state;
    const jx_sample_unit four[] = {
        {"big", "", 70 * WAN, false}, {"a", "", 10 * WAN, false},
        {"b", "", 10 * WAN, false},   {"c", "", 10 * WAN, false},
    };
    size_t one = 0, two = 0, plain = 0;
    for (uint64_t seed = 1; seed <= 2000; seed++) {
        jx_sample_spec spec = count(1, seed);
        run r;
        draw(&r, four, 4, &spec);
        plain += picked(&r, 0);
        done(&r);
        spec.weight_funds = true;
        draw(&r, four, 4, &spec);
        one += picked(&r, 0);
        done(&r);
        spec.size_count = 2;
        draw(&r, four, 4, &spec);
        assert_int_equal(r.s.npicks, 2);
        two += picked(&r, 0);
        done(&r);
    }
    assert_in_range(one, 1298, 1502);
    assert_in_range(two, 1811, 1922);
    assert_in_range(plain, 403, 597);
}

/* A project without funds weighs one cent: beside a project of 1 cent it has chance 1/2
 * (1000 of 2000, σ ≈ 22.4, ±5σ → [888, 1112]); when no project has funds the draw is even
 * and says so; beside real funds it says it counted one cent. */
static void test_projects_without_funds_weigh_one_cent(void **state)
{
    (void)state;
    const jx_sample_unit pair[] = {{"zero", "", 0, false}, {"cent", "", 1, false}};
    size_t zero = 0;
    for (uint64_t seed = 1; seed <= 2000; seed++) {
        jx_sample_spec spec = count(1, seed);
        spec.weight_funds = true;
        run r;
        draw(&r, pair, 2, &spec);
        zero += picked(&r, 0);
        done(&r);
    }
    assert_in_range(zero, 888, 1112);

    const jx_sample_unit none[] = {{"a", "甲局", 0, false}, {"b", "甲局", -5, false}};
    jx_sample_spec spec = by_unit(count(1, 42));
    spec.weight_funds = true;
    run r;
    draw(&r, none, 2, &spec);
    assert_int_equal(r.s.npicks, 1);
    ends_with(r.s.picks[0].reason, "按资金加权抽中（第 1 次抽取）：该层项目均无资金数，机会均等");
    done(&r);

    const jx_sample_unit mixed[] = {{"a", "", 0, false}, {"b", "", 100 * WAN, false}};
    spec = count(2, 42);
    spec.weight_funds = true;
    draw(&r, mixed, 2, &spec);
    assert_int_equal(r.s.npicks, 2);
    ends_with(reason_of(&r, 0), "：无资金数，按 0.01 元计");
    ends_with(reason_of(&r, 1), "：资金 100.00 万元，占全部资金的 100.0%");
    done(&r);
}

/* Funds whose sum passes 2^64 cents: three of INT64_MAX are halved once (3 × (2^62 − 1)
 * fits) and each is a third of the stratum; amounts print exactly (9223372036854775807
 * cents = 9223372036854.775807 万元) and shares round half up. */
static void test_funds_beyond_64_bits(void **state)
{
    (void)state;
    const jx_sample_unit three[] = {
        {"a", "", INT64_MAX, false}, {"b", "", INT64_MAX, false}, {"c", "", INT64_MAX, false},
    };
    jx_sample_spec spec = count(3, 42);
    spec.weight_funds = true;
    run r;
    draw(&r, three, 3, &spec);
    assert_int_equal(r.s.npicks, 3);
    for (size_t i = 0; i < 3; i++)
        ends_with(r.s.picks[i].reason, "：资金 9223372036854.775807 万元，占全部资金的 33.3%");
    done(&r);
    /* shares round half up: 1 and 1999 cents of 2000 are 0.05% → 0.1% and 99.95% → 100.0% */
    const jx_sample_unit halves[] = {{"a", "", 1, false}, {"b", "", 1999, false}};
    spec = count(2, 42);
    spec.weight_funds = true;
    draw(&r, halves, 2, &spec);
    ends_with(reason_of(&r, 0), "：资金 0.000001 万元，占全部资金的 0.1%");
    ends_with(reason_of(&r, 1), "：资金 0.001999 万元，占全部资金的 100.0%");
    done(&r);
    /* and small amounts keep their digits: 0.012345 万元 is 123.45 元 */
    const jx_sample_unit small[] = {{"a", "", 12345, false}};
    spec = count(1, 42);
    spec.weight_funds = true;
    draw(&r, small, 1, &spec);
    ends_with(r.s.picks[0].reason, "：资金 0.012345 万元，占全部资金的 100.0%");
    done(&r);
}

/* -------------------------------------------------------- edges, memory */

/* No units: nothing picked, nothing allocated. Bad arguments: JX_ERR_USAGE. */
static void test_no_units_and_bad_arguments(void **state)
{
    (void)state;
    jx_sample_spec spec = share(2000, 42);
    spec.include_flagged = true;
    spec.weight_funds = true;
    run r;
    draw(&r, NULL, 0, &spec);
    assert_int_equal(r.s.npicks, 0);
    assert_null(r.s.picks);
    assert_int_equal(r.c.calls, 0);
    done(&r);
    jx_sample s;
    assert_int_equal(jx_sample_choose(NULL, 3, &spec, NULL, &s), JX_ERR_USAGE);
    assert_int_equal(s.npicks, 0);
    assert_int_equal(jx_sample_choose(corpus, NCORPUS, NULL, NULL, &s), JX_ERR_USAGE);
    assert_int_equal(jx_sample_choose(corpus, NCORPUS, &spec, NULL, NULL), JX_ERR_USAGE);
    jx_sample_free(&s);
    jx_sample_free(NULL);
    jx_sample zero;
    memset(&zero, 0, sizeof zero);
    jx_sample_free(&zero);
    /* the default allocator */
    assert_int_equal(jx_sample_choose(corpus, NCORPUS, &spec, NULL, &s), JX_OK);
    assert_int_equal(s.npicks, 4);
    jx_sample_free(&s);
    assert_null(s.picks);
}

/* Each allocation failing in turn: JX_ERR_NOMEM, an empty result and nothing left
 * allocated; once none fails, the picks of a run that never failed. */
static void test_out_of_memory_anywhere(void **state)
{
    (void)state;
    static const jx_sample_spec *specs[4];
    jx_sample_spec a = by_unit(share(2000, 42)), b = by_unit(count(5, 7)), c = share(5000, 3), d;
    d = by_unit(share(2000, 42));
    d.weight_funds = true;
    d.include_flagged = true;
    specs[0] = &a;
    specs[1] = &b;
    specs[2] = &c;
    specs[3] = &d;
    for (size_t i = 0; i < 4; i++) {
        run ref;
        draw(&ref, corpus, NCORPUS, specs[i]);
        size_t k;
        for (k = 1; k < 1000; k++) {
            jx_test_counting cnt = {.fail_at = k};
            jx_allocator al = jx_test_counting_allocator(&cnt);
            jx_sample s;
            jx_result rc = jx_sample_choose(corpus, NCORPUS, specs[i], &al, &s);
            if (rc == JX_OK) {
                assert_int_equal(s.npicks, ref.s.npicks);
                for (size_t j = 0; j < s.npicks; j++) {
                    assert_int_equal(s.picks[j].index, ref.s.picks[j].index);
                    assert_string_equal(s.picks[j].reason, ref.s.picks[j].reason);
                }
            } else {
                assert_int_equal(rc, JX_ERR_NOMEM);
                assert_int_equal(s.npicks, 0);
                assert_null(s.picks);
                assert_null(s.text);
            }
            jx_sample_free(&s);
            assert_int_equal(cnt.in_use, 0);
            if (cnt.calls < k)
                break; /* no call failed: every allocation has had its turn */
        }
        assert_true(k > 4); /* entries, marks, strata, scratch, picks, text at least */
        assert_true(k < 1000);
        done(&ref);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_splitmix64_seed_0),
        cmocka_unit_test(test_xoshiro256starstar_state_1234),
        cmocka_unit_test(test_seed_42),
        cmocka_unit_test(test_below_rejects_the_biased_outputs),
        cmocka_unit_test(test_below_is_even),
        cmocka_unit_test(test_same_seed_same_picks),
        cmocka_unit_test(test_count_without_strata),
        cmocka_unit_test(test_each_stratum_gets_its_share),
        cmocka_unit_test(test_count_split_over_strata),
        cmocka_unit_test(test_remainder_ties_go_to_the_earlier_stratum),
        cmocka_unit_test(test_share_rounding),
        cmocka_unit_test(test_count_limits),
        cmocka_unit_test(test_stratum_names_in_reasons),
        cmocka_unit_test(test_flagged_count_toward_the_quota),
        cmocka_unit_test(test_flagged_beyond_the_quota),
        cmocka_unit_test(test_weighted_picks),
        cmocka_unit_test(test_weighted_reason_shares),
        cmocka_unit_test(test_weighted_picks_from_a_long_pool),
        cmocka_unit_test(test_flagged_for_claims),
        cmocka_unit_test(test_weighting_favours_large_projects),
        cmocka_unit_test(test_projects_without_funds_weigh_one_cent),
        cmocka_unit_test(test_funds_beyond_64_bits),
        cmocka_unit_test(test_no_units_and_bad_arguments),
        cmocka_unit_test(test_out_of_memory_anywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
