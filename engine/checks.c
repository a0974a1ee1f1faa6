/* SPDX-License-Identifier: MIT */
/* checks.c — the consistency checks run on a scored project (docs/checks.md).
 *
 * jx_score calls jx_checks_run_with last, handing over its sums. Every finding names the
 * indicator or the 资金 row and the numbers involved, at the position a reviewer would
 * look at: the indicator's name, its target or actual, its 得分, the 资金 keyword, the
 * 总分. Numbers are compared exactly, so a rule's boundary (执行偏差 exactly 5 %) is where
 * the documentation says it is, for every number the parser reads: decimals with 128-bit
 * coefficients, and the products of an amount with another number in 256 bits (see
 * "numbers"). No floating point is used.
 */
#include "checks.h"
#include "score.h"

#include <assert.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ------------------------------------------------------------------ codes */

/* The checks' diagnostic codes. Named arrays (not literals), so their addresses tell
 * the checks' findings apart from every other diagnostic when a project is rescored; in
 * one object, so that is one test of where an address lies (own_code). */
static const struct own_codes {
    char score_over_weight[sizeof "score-over-weight"];
    char qual_evidence[sizeof "qualitative-evidence"];
    char direction[sizeof "direction"];
    char duplicate[sizeof "duplicate-indicator"];
    char exec_gap[sizeof "execution-gap"];
    char funds[sizeof "funds-inconsistent"];
    char all_full[sizeof "all-full-marks"];
} own_codes = {"score-over-weight", "qualitative-evidence", "direction", "duplicate-indicator",
               "execution-gap",     "funds-inconsistent",   "all-full-marks"};

#define CODE_SCORE_OVER_WEIGHT own_codes.score_over_weight
#define CODE_QUAL_EVIDENCE own_codes.qual_evidence
#define CODE_DIRECTION own_codes.direction
#define CODE_DUPLICATE own_codes.duplicate
#define CODE_EXEC_GAP own_codes.exec_gap
#define CODE_FUNDS own_codes.funds
#define CODE_ALL_FULL own_codes.all_full

/* True when code is one of the checks' code arrays (by its address: inside own_codes). */
static bool own_code(const char *code)
{
    return (uintptr_t)code - (uintptr_t)&own_codes < sizeof own_codes;
}

/* Drops the findings of an earlier run, keeping every other diagnostic in order. */
static void drop_own(jx_diags *d)
{
    size_t kept = 0;
    d->errors = d->warnings = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (own_code(d->v[i].code))
            continue;
        d->v[kept++] = d->v[i];
        if (d->v[i].severity == JX_SEV_ERROR)
            d->errors++;
        else if (d->v[i].severity == JX_SEV_WARNING)
            d->warnings++;
    }
    d->n = kept;
}

/* Orders the diagnostics from index `from` on by source position (stable; those
 * without a position last). */
static void sort_from(jx_diags *d, size_t from)
{
    for (size_t i = from + 1; i < d->n; i++) {
        jx_diag x = d->v[i];
        uint64_t kx = ((uint64_t)(x.line ? x.line : UINT32_MAX) << 32) | x.column;
        size_t j = i;
        while (j > from) {
            const jx_diag *y = &d->v[j - 1];
            uint64_t ky = ((uint64_t)(y->line ? y->line : UINT32_MAX) << 32) | y->column;
            if (ky <= kx)
                break;
            d->v[j] = d->v[j - 1];
            j--;
        }
        d->v[j] = x;
    }
}

/* ---------------------------------------------------------------- numbers */

/*
 * The checks' numbers are exact decimals v × 10^-scale with a 128-bit coefficient (qn),
 * and no step of theirs leaves 128 bits. For every project jx_score accepts (its ranges,
 * docs/scoring.md, and the parser's limits) the numbers a qn holds are:
 *   - a 资金 amount: 0 <= v < 10^18 (JX_DEC_MAX_DIGITS), scale <= 9 (JX_DEC_MAX_SCALE);
 *   - a sum of amounts, of at most FUNDS_ROWS_MAX rows, at its terms' largest scale: below
 *     2^31 × 10^18 × 10^9 < 2.2·10^36, and 2^127 > 1.7·10^38 (AMOUNT_BOUND);
 *   - a weight (0 to 100, scale <= 9): v <= 10^11; their sum over at most
 *     JX_LIMIT_INDICATORS indicators: v <= 10^15;
 *   - a score in units of the policy's decimals (at most 4): v <= 10^6, their sum <= 10^10;
 *     预算执行率 单列's score, at most 100 times its points without 封顶: v <= 10^8;
 *   - an actual: |v| < 10^18, scale <= 9; the 执行偏差: 0 to 100, scale <= 9;
 *   - the few products of these the rules take below (each states its bound), which do
 *     not multiply an amount.
 * A rule that multiplies an amount by another number compares the products in 256 bits
 * (q_cmp_products), and a ratio that may pass 128 bits divides in 256 (q_ratio_units). Each
 * step of more than 64 bits asserts its bound. The steps try 64-bit arithmetic first — a
 * project's amounts, weights and scores are small — and take 128 bits when that overflows.
 */

/* The most 资金 rows a project can have: each is a 资金 statement of at least six bytes, in
 * the project's text of at most JX_LIMIT_PROJECT (2^30) bytes or in an actuals file's, and
 * jx_actuals_apply may add a 年度资金总额 row. */
#define FUNDS_ROWS_MAX ((size_t)1 << 31)

/* Every coefficient a qn holds is above -AMOUNT_BOUND and below it (see above). */
#define AMOUNT_BOUND ((__int128)FUNDS_ROWS_MAX * 1000000000000000000 * 1000000000)

/* v × 10^-scale, exactly. */
typedef struct qn {
    __int128 v; /* coefficient */
    int scale;  /* digits after the point, 0..36 */
} qn;

/* v × 10^-scale as a qn. */
static inline qn q_make(__int128 v, int scale)
{
    qn q = {v, scale};
    return q;
}

/* A jx_dec as a qn. */
static inline qn q_dec(jx_dec d) { return q_make(d.v, d.scale); }

/* An integer as a qn. */
static inline qn q_int(int64_t v) { return q_make(v, 0); }

/* A score in units of 10^-dec as a qn. */
static inline qn q_units(int64_t units, int dec) { return q_make(units, dec); }

/* True when v fits 64 bits. */
static inline bool fits64(__int128 v) { return v == (int64_t)v; }

/* v × 10^k (0 <= k <= 36), which the caller's bound keeps within 128 bits: in 64 bits when
 * v and the product fit them (10^18 is the largest power of ten a signed 64-bit holds). */
static inline __int128 q_pow10_times(__int128 v, int k)
{
    assert(k >= 0 && k <= 36);
    int64_t r;
    if (k <= 18 && fits64(v) && !__builtin_mul_overflow((int64_t)v, (int64_t)jx_pow10_64[k], &r))
        return r;
    __int128 w;
    bool over = __builtin_mul_overflow(v, jx_pow10_128(k), &w);
    assert(!over);
    (void)over;
    return w;
}

/* a and b at one scale, the larger. */
static inline void q_align(qn *a, qn *b)
{
    if (a->scale < b->scale) {
        a->v = q_pow10_times(a->v, b->scale - a->scale);
        a->scale = b->scale;
    } else if (b->scale < a->scale) {
        b->v = q_pow10_times(b->v, a->scale - b->scale);
        b->scale = a->scale;
    }
}

/* a + b. */
static qn q_add(qn a, qn b)
{
    q_align(&a, &b);
    bool over = __builtin_add_overflow(a.v, b.v, &a.v); /* a sum of amounts: within AMOUNT_BOUND */
    assert(!over && a.v > -AMOUNT_BOUND && a.v < AMOUNT_BOUND);
    (void)over;
    return a;
}

/* *sum + d, in place: q_add, without its copies and call when *sum is at d's scale (every
 * 权重 and amount of a project written alike), as in the sums the checks take over every
 * indicator and every 资金 row. */
static inline void q_add_dec(qn *sum, jx_dec d)
{
    if (sum->scale == d.scale) {
        sum->v += d.v;
        assert(sum->v > -AMOUNT_BOUND && sum->v < AMOUNT_BOUND);
    } else {
        *sum = q_add(*sum, q_dec(d));
    }
}

/* a − b. */
static qn q_sub(qn a, qn b)
{
    b.v = -b.v;
    return q_add(a, b);
}

/* a × b, for operands whose product the caller bounds within 128 bits: in 64 bits when
 * both and the product fit them. */
static inline qn q_mul(qn a, qn b)
{
    int64_t r;
    if (fits64(a.v) && fits64(b.v) && !__builtin_mul_overflow((int64_t)a.v, (int64_t)b.v, &r))
        return q_make(r, a.scale + b.scale);
    __int128 w;
    bool over = __builtin_mul_overflow(a.v, b.v, &w);
    assert(!over && a.scale + b.scale <= 36);
    (void)over;
    return q_make(w, a.scale + b.scale);
}

/* -1, 0 or 1 as a <, =, > b. Two numbers at one scale (the amounts of a project's 资金
 * rows, written alike) compare their coefficients; others are aligned first. */
static inline int q_cmp(qn a, qn b)
{
    if (a.scale != b.scale)
        q_align(&a, &b);
    return (a.v > b.v) - (a.v < b.v);
}

/* The sign of a: -1, 0 or 1. */
static inline int q_sign(qn a) { return (a.v > 0) - (a.v < 0); }

/* |v| as an unsigned 128-bit number. */
static inline unsigned __int128 q_mag(__int128 v)
{
    return v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
}

/*
 * -1, 0 or 1 as x·y <, =, > z·w, exactly whatever the size of the products, for y, w >= 0
 * (amounts): the products are taken in 256 bits, or in 128 when every factor fits 64
 * (jx_cmp_products). The side with fewer decimals is brought to the other's scale by its
 * first factor, x or z, which the caller keeps small enough for that to stay in 128 bits.
 */
static inline int q_cmp_products(qn x, qn y, qn z, qn w)
{
    assert(y.v >= 0 && w.v >= 0);
    int ls = x.scale + y.scale, rs = z.scale + w.scale;
    if (ls < rs)
        x.v = q_pow10_times(x.v, rs - ls);
    else if (rs < ls)
        z.v = q_pow10_times(z.v, ls - rs);
    int sl = y.v == 0 ? 0 : q_sign(x), sr = w.v == 0 ? 0 : q_sign(z); /* the products' signs */
    if (sl != sr || sl == 0)
        return (sl > sr) - (sl < sr);
    int c = jx_cmp_products(q_mag(x.v), (unsigned __int128)y.v, q_mag(z.v), (unsigned __int128)w.v);
    return sl < 0 ? -c : c;
}

/*
 * x / y rounded half up to `decimals` places, in units of 10^-decimals, for x >= 0 and
 * y > 0, into *out: in 128 bits when the coefficient to scale fits 64 (below 2^63 × 10^18
 * < 2^127), else in 256. False when the quotient passes 128 bits (2^127 units or more).
 */
static bool q_ratio_units(qn x, qn y, int decimals, __int128 *out)
{
    assert(x.v >= 0 && y.v > 0);
    int e = decimals + y.scale - x.scale; /* x.v × 10^e / y.v, or x.v / (y.v × 10^-e) */
    if (e >= 0 && e <= 18 && fits64(x.v)) {
        *out = jx_div_round_half_up(x.v * (int64_t)jx_pow10_64[e], y.v);
        return true;
    }
    if (e < 0 && e >= -18 && fits64(y.v)) {
        *out = jx_div_round_half_up(x.v, y.v * (int64_t)jx_pow10_64[-e]);
        return true;
    }
    assert(e >= -36 && e <= 36);
    jx_u256 num = jx_u256_mul((unsigned __int128)x.v, (unsigned __int128)jx_pow10_128(e > 0 ? e : 0));
    jx_u256 den = jx_u256_mul((unsigned __int128)y.v, (unsigned __int128)jx_pow10_128(e < 0 ? -e : 0));
    return jx_u256_div_round_half_up(num, den, out);
}

/* ---------------------------------------------------------- the context */

/* What one run of the checks needs. */
typedef struct chk {
    jx_project *p;        /* the scored project */
    const jx_policy *pol; /* the policy it was scored under */
    int dec;              /* the policy's 小数 */
    size_t exec_from;     /* every indicator of budget execution (is_execution) is one of */
    size_t exec_to;       /* inds[exec_from..exec_to), found by the pass over the indicators */
    uint32_t cost_group;  /* the group whose 二级 name is_cost looked at last, + 1 (0: none; a */
    bool cost_group_has;  /* group's indicators come together), and whether it has 成本 */
} chk;

/* A score in units printed with the policy's decimals ("15.00"). */
static const char *fmt_units(const chk *c, int64_t units, char *buf)
{
    return jx_fixed_format(units, c->dec, buf, JX_DEC_BUFSZ);
}

/* A jx_dec in plain notation ("358.35", "30"). */
static const char *fmt_dec(jx_dec d, char *buf)
{
    return jx_dec_format(d, buf, JX_DEC_BUFSZ);
}

/* A value in hundredths as a percentage number with two places ("96.68"). */
static const char *fmt_pct(__int128 hundredths, char *buf)
{
    jx_num_put(hundredths, 2, false, buf);
    return buf;
}

/* A qn in plain notation without trailing zeros ("90", "86.4"), every digit exact. */
static const char *fmt_q(qn q, char *buf)
{
    assert(q.scale >= 0 && q.scale <= 18);
    jx_num_put(q.v, q.scale, true, buf);
    return buf;
}

/* The weight as a full score in units: w rounded half up to the policy's decimals, as the
 * evaluator rounds it (jx_dec_to_units; a weight fits 64 bits at any scale). */
static int64_t full_units(const chk *c, jx_dec w)
{
    return jx_dec_to_units(w, c->dec);
}

/* --------------------------------------------------------------- messages */

/*
 * The message of a finding raised on most indicators of a file (qualitative-evidence) is
 * put together piece by piece rather than formatted: the same bytes as the format, "%s"
 * for "%s", without scanning the format for conversions at each finding. It is put
 * together where it stays, in the project's arena (msg_start), and kept there by the
 * finding as it is (jx_diags_add_kept), not copied.
 */

/* Starts b on `bound` bytes of the project's arena: a message of fewer bytes than bound
 * is written there without growing. False when the arena ran out (the finding is lost,
 * and said so by the diagnostics' oom). */
static bool msg_start(chk *c, jx_sbuf *b, size_t bound)
{
    char *m = jx_arena_alloc(&c->p->arena, bound);
    if (!m) {
        c->p->diags.oom = 1;
        return false;
    }
    jx_sbuf_init(b, m, bound, &c->p->arena);
    return true;
}

/* Appends the text s of ind as "%s" would: up to its first NUL. A text lying in the
 * indicator's plain copy has no NUL, being without control characters
 * (jx_indicator_plain): its length is s.n, without a look for one. */
static inline void put_text(jx_sbuf *b, const jx_indicator *ind, jx_str s)
{
    if (jx_indicator_plain(ind, s))
        jx_sbuf_put(b, s.s, s.n);
    else
        jx_sbuf_str(b, s.s);
}

/* Adds the finding whose message b, begun by msg_start, holds (out of memory when b could
 * not hold it). b's bytes are in the arena wherever it grew to, and are kept. */
static void add_msg(chk *c, jx_severity sev, const char *code, jx_pos pos, jx_sbuf *b)
{
    jx_project *p = c->p;
    if (b->oom) {
        p->diags.oom = 1;
        return;
    }
    jx_diags_add_kept(&p->diags, &p->arena, sev, code, &p->src, pos, jx_sbuf_cstr(b));
}

/* ------------------------------------------------------------------ names */

/* True when the NUL-terminated s contains word. */
static bool has(const char *s, const char *word)
{
    return s && strstr(s, word) != NULL;
}

/* ------------------------------------------------- words in names: fast path */

/*
 * Every indicator's name is looked at for 执行率, and those of targets ≥ or > for 成本:
 * has() above, the plain way, costs a call of strstr each. With SSE2, a name of 8 to 32
 * bytes is loaded once into two registers (name_view), where the bytes equal to a word's
 * first byte and, k − 1 bytes on, to its last are found together; only those places are
 * compared in full. Other names, and builds without SSE2, take has(). Like strstr, a view
 * finds nothing after a NUL, which a name may hold (a JSON "\u0000").
 */

#if defined(__SSE2__)
/* A name of 8 to 32 bytes in registers, read inside its bytes only: under sixteen bytes
 * (halves) a holds its first eight bytes then its last eight; from sixteen on, a its
 * first sixteen and b its last sixteen (overlapping). */
typedef struct name_view {
    __m128i a, b;
    uint32_t n;  /* the name's length */
    bool halves; /* n < 16 */
} name_view;

/* The view of s[0..n), 8 ≤ n ≤ 32. */
static inline name_view view_of(const char *s, uint32_t n)
{
    name_view v;
    v.n = n;
    v.halves = n < 16;
    if (v.halves) {
        uint64_t lo, hi;
        memcpy(&lo, s, 8);
        memcpy(&hi, s + n - 8, 8);
        v.a = v.b = _mm_set_epi64x((long long)hi, (long long)lo);
    } else {
        v.a = _mm_loadu_si128((const __m128i *)(const void *)s);
        v.b = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
    }
    return v;
}

/* Bit i set where the viewed name's byte i is c. */
static inline uint32_t view_mask(const name_view *v, char c)
{
    const __m128i vc = _mm_set1_epi8(c);
    uint32_t ma = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v->a, vc));
    if (v->halves)
        return (ma & 0xFFu) | (ma >> 8) << (v->n - 8);
    uint32_t mb = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v->b, vc));
    return ma | mb << (v->n - 16);
}

/* has(s, word) for the name s viewed as v and the k-byte word (2 ≤ k ≤ 32), whose bytes
 * are none of them NUL. */
static inline bool view_has(const name_view *v, const char *s, const char *word, size_t k)
{
    /* bit i: the word's first byte at i and its last at i + k − 1, inside the name */
    uint32_t at = view_mask(v, word[0]) & (view_mask(v, word[k - 1]) >> (k - 1));
    for (; at != 0; at &= at - 1) {
        unsigned i = (unsigned)__builtin_ctz(at);
        if (memcmp(s + i + 1, word + 1, k - 2) == 0)                  /* the first match */
            return (view_mask(v, '\0') & ((1u << i) - 1)) == 0; /* that strstr reaches */
    }
    return false;
}

/* True when the viewed name has a byte c anywhere. */
static inline bool view_any(const name_view *v, char c)
{
    const __m128i vc = _mm_set1_epi8(c);
    __m128i m = _mm_cmpeq_epi8(v->a, vc);
    if (!v->halves) /* b is a's copy under sixteen bytes */
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v->b, vc));
    return _mm_movemask_epi8(m) != 0;
}

/* has(s, "执行率") for the name s viewed as v. A name with 执行率 has 0xA7, the last byte
 * of 执, one of the rarer bytes in names (率, in many, ends in 0x87); a name without it,
 * as most, is told by that first test, one pass over the view. */
static inline bool view_execution(const name_view *v, const char *s)
{
    return view_any(v, "执"[2]) && view_has(v, s, "执行率", strlen("执行率"));
}
#endif

/* has(s.s, word) for the k-byte word (2 ≤ k ≤ 32), whose bytes are none of them NUL. */
static inline bool name_has(jx_str s, const char *word, size_t k)
{
    if (s.n < k) /* a NUL inside s only shortens it */
        return false;
#if defined(__SSE2__)
    if (s.n >= 8 && s.n <= 32) {
        name_view v = view_of(s.s, s.n);
        return view_has(&v, s.s, word, k);
    }
#endif
    return has(s.s, word);
}

/* name_has for a word written as a literal. */
#define NAME_HAS(s, word) name_has((s), "" word, sizeof(word) - 1)

/* NAME_HAS(s, "执行率"), asked of every indicator's name. */
static inline bool name_has_execution(jx_str s)
{
#if defined(__SSE2__)
    if (s.n >= 8 && s.n < 16) { /* two views, each inline with its own layout */
        name_view v = view_of(s.s, s.n);
        return view_execution(&v, s.s);
    }
    if (s.n >= 16 && s.n <= 32) {
        name_view v = view_of(s.s, s.n);
        return view_execution(&v, s.s);
    }
#endif
    return NAME_HAS(s, "执行率");
}

/* The name of the indicator's 二级 group ("" when it sits directly in a 一级 group). */
static jx_str level2_str(const jx_project *p, const jx_indicator *ind)
{
    if (ind->group >= p->ngroups)
        return jx_str_empty;
    const jx_group *g = &p->groups[ind->group];
    return g->level == 2 ? g->name : jx_str_empty;
}

/* level2_str as a C string. */
static const char *level2_name(const jx_project *p, const jx_indicator *ind)
{
    return level2_str(p, ind).s;
}

/* The name of the indicator's 一级 group. */
static const char *level1_name(const jx_project *p, const jx_indicator *ind)
{
    if (ind->group >= p->ngroups)
        return "";
    const jx_group *g = &p->groups[ind->group];
    if (g->level == 2 && g->parent < p->ngroups)
        g = &p->groups[g->parent];
    return g->name.s;
}

/* Names that measure budget execution: 执行率 alone (as on seed 001's 自评表), or with the
 * money named. "计划执行率" and the like measure work, not money, and are not among them.
 * Each is two characters of six bytes, then 执行率 (is_execution_named compares the six). */
static const char *const execution_names[] = {"预算执行率", "资金执行率", "支出执行率", "经费执行率"};

/* is_execution of an indicator whose name has 执行率, in which every name below ends. */
static bool is_execution_named(const jx_indicator *ind)
{
    jx_str n = jx_str_trimmed(ind->name);
    if (n.n == strlen("执行率") && memcmp(n.s, "执行率", n.n) == 0)
        return true;
    /* has(name, "预算执行率") and the rest at once: a name has one of them exactly where
     * it has 执行率 (strstr, up to the first NUL) after the word's first two characters */
    const char *s = ind->name.s;
    const size_t k = strlen("执行率"), pre = strlen("预算");
    for (const char *at = s ? strstr(s, "执行率") : NULL; at; at = strstr(at + k, "执行率")) {
        if ((size_t)(at - s) < pre)
            continue;
        for (size_t i = 0; i < sizeof execution_names / sizeof execution_names[0]; i++)
            if (memcmp(at - pre, execution_names[i], pre) == 0)
                return true;
    }
    return false;
}

/* True for an indicator of budget execution. */
static bool is_execution(const jx_indicator *ind)
{
    return NAME_HAS(ind->name, "执行率") && is_execution_named(ind);
}

/* ------------------------------------------------------------------ funds */

/* The amounts budget execution is measured by, the way the evaluator takes them. */
typedef struct funds_use {
    bool any;           /* a 全年预算 above 0 was found */
    qn budget;          /* 全年预算 */
    qn spent;           /* 全年执行 */
    const jx_funds *at; /* the row to point at (the 年度资金总额 row, or the first source) */
} funds_use;

/* True for the 年度资金总额 row (also a 资金 line written without a source). */
static bool is_total_row(const jx_funds *f)
{
    /* strcmp's answer, from the length first: the source is the word up to its NUL */
    static const char total[] = "年度资金总额";
    const size_t k = sizeof total - 1;
    return f->source.n >= k && f->source.s[k] == '\0' && memcmp(f->source.s, total, k) == 0;
}

/*
 * The 年度资金总额 row when its 全年预算 is above 0, otherwise the sum of the other
 * rows (the sources): the same amounts the evaluator scores 预算执行率 单列 from. Rows
 * without both 全年预算 and 全年执行 take no part (jx_funds_executed).
 */
static funds_use funds_for_execution(const jx_project *p)
{
    funds_use u = {false, q_int(0), q_int(0), NULL};
    const jx_funds *total_row = NULL;
    assert(p->nfunds <= FUNDS_ROWS_MAX); /* the sums within AMOUNT_BOUND */
    for (size_t i = 0; i < p->nfunds; i++)
        if (is_total_row(&p->funds[i]) && jx_funds_executed(&p->funds[i]))
            total_row = &p->funds[i];
    if (total_row && total_row->budget.v > 0) { /* a decimal's sign is its coefficient's */
        u.budget = q_dec(total_row->budget);
        u.spent = q_dec(total_row->spent);
        u.at = total_row;
    } else {
        for (size_t i = 0; i < p->nfunds; i++) {
            if (&p->funds[i] == total_row || is_total_row(&p->funds[i]) || !jx_funds_executed(&p->funds[i]))
                continue;
            q_add_dec(&u.budget, p->funds[i].budget);
            q_add_dec(&u.spent, p->funds[i].spent);
            if (!u.at)
                u.at = &p->funds[i];
        }
    }
    u.any = q_sign(u.budget) > 0;
    return u;
}

/* ------------------------------------------------------- one indicator */

/* True when the indicator has a weight above 0 and its self-score reaches it: the
 * claimed 得分 when one is written, otherwise the recomputed score. */
static inline bool at_full_marks(const chk *c, const jx_indicator *ind)
{
    if (!ind->has_weight || ind->weight.v <= 0) /* a decimal's sign is its coefficient's */
        return false;
    if (ind->has_claim)
        return jx_dec_cmp(ind->claim, ind->weight) >= 0;
    return ind->score >= full_units(c, ind->weight);
}

/* The self-score as the form shows it, appended to b: the claim as written, else the
 * recomputed score. */
static void put_self_score(const chk *c, const jx_indicator *ind, jx_sbuf *b)
{
    if (ind->has_claim)
        jx_sbuf_num(b, ind->claim.v, ind->claim.scale, true);
    else
        jx_sbuf_num(b, ind->score, c->dec, false);
}

/* score-over-weight: a claimed 得分 above the 权重. */
static void check_score_over_weight(chk *c, const jx_indicator *ind)
{
    if (ind->not_applicable || !ind->has_claim || !ind->has_weight ||
        jx_dec_cmp(ind->claim, ind->weight) <= 0)
        return;
    char bc[JX_DEC_BUFSZ], bw[JX_DEC_BUFSZ];
    jx_project_diag_add(c->p, JX_SEV_WARNING, CODE_SCORE_OVER_WEIGHT,
                        ind->claim_pos.line ? ind->claim_pos : ind->pos,
                        "指标“%s”自评得分 %s 高于权重 %s，得分不能超过分值", ind->name.s,
                        fmt_dec(ind->claim, bc), fmt_dec(ind->weight, bw));
}

/* Actuals of a 定性 indicator that only give a verdict, with nothing achieved in them. */
static const char *const verdict_words[] = {
    "达成",     "已达成",       "完成",     "已完成",       "达成预期",
    "达成预期指标", "达成预期目标", "达到预期", "达到预期目标", "符合预期",
};

/* True when the text is one of verdict_words once trimmed. */
static bool is_verdict_word(jx_str s)
{
    s = jx_str_trimmed(s);
    for (size_t i = 0; i < sizeof verdict_words / sizeof verdict_words[0]; i++)
        if (strlen(verdict_words[i]) == s.n && memcmp(verdict_words[i], s.s, s.n) == 0)
            return true;
    return false;
}

/* True when the actual a restates the target t, byte for byte once both are trimmed
 * (jx_str_same_text). Texts equal as they are are equal trimmed: that first test, without
 * the trimming, answers most actuals that restate (the target copied as it is). */
static inline bool restates(jx_str a, jx_str t)
{
    return jx_str_same_bytes(a, t) || jx_str_same_text(a, t);
}

/* qualitative-evidence: a 定性 indicator at full marks whose actual restates the
 * target (or is a bare verdict), so nothing shows what was achieved. */
static void check_qualitative_evidence(chk *c, const jx_indicator *ind)
{
    if (ind->not_applicable || ind->target.sign != JX_SIGN_QUAL || !ind->actual.present ||
        !ind->actual.is_text || !at_full_marks(c, ind))
        return;
    bool restated = restates(ind->actual.text, ind->target.text);
    if (!restated && !is_verdict_word(ind->actual.text))
        return;
    /* 定性指标“%s”得分 %s 为满分（权重 %s），但实际完成值“%s”%s，没有写明完成情况和依据:
     * the words, the two texts (a NUL inside one only shortens it) and two numbers */
    static const size_t words = sizeof "定性指标“”得分  为满分（权重 ），但实际完成值“" +
                                sizeof "”只是照抄年度指标值，没有写明完成情况和依据";
    jx_sbuf b;
    if (!msg_start(c, &b, words + ind->name.n + ind->actual.text.n + 2 * JX_DEC_BUFSZ))
        return;
    JX_SBUF_LIT(&b, "定性指标“");
    put_text(&b, ind, ind->name);
    JX_SBUF_LIT(&b, "”得分 ");
    put_self_score(c, ind, &b);
    JX_SBUF_LIT(&b, " 为满分（权重 ");
    jx_sbuf_num(&b, ind->weight.v, ind->weight.scale, true);
    JX_SBUF_LIT(&b, "），但实际完成值“");
    put_text(&b, ind, ind->actual.text);
    if (restated)
        JX_SBUF_LIT(&b, "”只是照抄年度指标值，没有写明完成情况和依据");
    else
        JX_SBUF_LIT(&b, "”只是评定用语，没有写明完成情况和依据");
    add_msg(c, JX_SEV_WARNING, CODE_QUAL_EVIDENCE, ind->actual.pos, &b);
}

/* True for an indicator of cost: 成本 in its own or its 二级 group's name. */
static bool is_cost(const jx_project *p, const jx_indicator *ind)
{
    return NAME_HAS(ind->name, "成本") || NAME_HAS(level2_str(p, ind), "成本");
}

/* is_cost, the group's name looked at once for the indicators of a group that come
 * together, and before the indicator's own: 成本 is in a 成本 group's name, rarely in an
 * indicator's but of such a group. */
static bool chk_is_cost(chk *c, const jx_indicator *ind)
{
    if (c->cost_group != ind->group + 1) {
        c->cost_group = ind->group + 1;
        c->cost_group_has = NAME_HAS(level2_str(c->p, ind), "成本");
    }
    return c->cost_group_has || NAME_HAS(ind->name, "成本");
}

/* True for a rate that cannot pass 100 %: 率 or 满意度 in its name, or a 满意度 group;
 * growth (增长, 增幅, 增速) can, and is left out. */
static bool is_bounded_rate(const jx_project *p, const jx_indicator *ind)
{
    const char *n = ind->name.s;
    if (has(n, "增长") || has(n, "增幅") || has(n, "增速"))
        return false;
    return has(n, "率") || has(n, "满意度") || has(level2_name(p, ind), "满意度");
}

/* True when v is a number written with % above 100. A coefficient of at most 100 is a
 * value of at most 100 at any scale (scale >= 0), so most numbers need no comparison. */
static bool pct_over_100(const jx_value *v)
{
    return v->percent && v->present && !v->is_text && v->num.v > 100 &&
           jx_dec_cmp(v->num, (jx_dec){100, 0}) > 0;
}

/* direction: a target or actual pointing the wrong way for what it measures. */
static void check_direction(chk *c, const jx_indicator *ind)
{
    jx_project *p = c->p;
    const jx_value *T = &ind->target, *A = &ind->actual;
    char b[JX_DEC_BUFSZ];
    if ((T->sign == JX_SIGN_GE || T->sign == JX_SIGN_GT) && chk_is_cost(c, ind))
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_DIRECTION, T->pos,
                            "成本指标“%s”的年度指标值“%s”用了“%s”，成本应设上限（≤ 或 <）",
                            ind->name.s, T->text.s, T->sign == JX_SIGN_GE ? "≥" : ">");
    bool t_over = pct_over_100(T), a_over = pct_over_100(A);
    if ((t_over || a_over) && is_bounded_rate(p, ind)) {
        if (t_over)
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_DIRECTION, T->pos,
                                "指标“%s”是比率，年度指标值 %s%% 超过 100%%", ind->name.s,
                                fmt_dec(T->num, b));
        if (a_over)
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_DIRECTION, A->pos,
                                "指标“%s”是比率，实际完成值 %s%% 超过 100%%", ind->name.s,
                                fmt_dec(A->num, b));
    }
    if (T->sign == JX_SIGN_GE && T->present && !T->is_text && T->num.v == 0) /* 0: its coefficient is */
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_DIRECTION, T->pos,
                            "指标“%s”的年度指标值“%s”是 ≥ 0，任何完成值都能达到，起不到约束作用",
                            ind->name.s, T->text.s);
}

/* ------------------------------------------------------------ the project */

/* True for a 一级 group of outputs (产出指标, 产出目标). */
static bool is_output(const char *level1) { return has(level1, "产出"); }

/* True for a 一级 group of effects (效益指标, or 效果目标 in 郑州's tables). */
static bool is_benefit(const char *level1) { return has(level1, "效益") || has(level1, "效果"); }

/* The line a message names for pos: the table row an imported line came from, else the line. */
static unsigned row_of(const jx_project *p, jx_pos pos)
{
    uint32_t row = jx_source_row_at(&p->src, pos);
    return row ? row : pos.line;
}

/* A trimmed indicator name and a hash of its bytes. */
typedef struct dup_key {
    uint64_t hash;
    jx_str name;
} dup_key;

/* One step of dup_hash: the word w mixed into h. */
static inline uint64_t dup_mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9E3779B97F4A7C15u;
    return h ^ (h >> 29);
}

/* A hash of s[0..n) (equal names, equal hashes): its bytes eight at a time, the last
 * eight bytes as one word (overlapping the word before), so no name needs a loop over
 * its tail; under eight bytes, two words of four, or its first, middle and last byte. */
static uint64_t dup_hash(const char *s, size_t n)
{
    uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15u, w = 0;
    if (n > 8) {
        memcpy(&w, s, 8);
        h = dup_mix(h, w);
        for (size_t i = 8; i + 8 < n; i += 8) { /* past sixteen bytes */
            memcpy(&w, s + i, 8);
            h = dup_mix(h, w);
        }
        memcpy(&w, s + n - 8, 8);
    } else if (n == 8) {
        memcpy(&w, s, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        w = a | (uint64_t)b << 32;
    } else if (n > 0) {
        const unsigned char *u = (const unsigned char *)s;
        w = u[0] | (uint64_t)u[n / 2] << 8 | (uint64_t)u[n - 1] << 16;
    }
    return dup_mix(h, w);
}

/* jx_str_trimmed(s), the usual name told untrimmed by three of its bytes
 * (jx_text_unblanked_ends) without a call. */
static inline jx_str dup_trimmed(jx_str s)
{
    return jx_text_unblanked_ends(s.s, s.n) ? s : jx_str_trimmed(s);
}

/*
 * first_of[i] for every indicator of p: the first indicator whose trimmed name is i's
 * (i itself when it is the first). The names go into an open-addressed table of at least
 * twice as many slots, in index order, so the entry an equal name finds is its first use:
 * each indicator costs its name's trimming and hashing and, the table being at most half
 * full, a probe or two, however many indicators the project has (only names whose hashes
 * collide lengthen a probe sequence). *repeats is the number of indicators that are not
 * their name's first. False when memory ran out, or for more indicators than a slot can
 * count. The tables of a project of up to SMALL_INDS indicators (nearly every one) are on
 * the stack, not in the arena.
 */
#define SMALL_INDS 64


static bool dup_first_of(jx_project *p, size_t *first_of, size_t *repeats)
{
    size_t n = p->ninds;
    *repeats = 0;
    if (n >= UINT32_MAX / 2) /* a slot holds an index + 1 in 32 bits */
        return false;
    dup_key small_keys[SMALL_INDS];
    dup_key *keys = n <= SMALL_INDS ? small_keys : jx_arena_alloc(&p->arena, n * sizeof *keys);
    size_t size = 64;
    while (size < 2 * n)
        size *= 2;
    uint32_t small[128]; /* slots: an indicator's index + 1, 0 when free */
    uint32_t *slot = size <= 128 ? small : jx_arena_alloc(&p->arena, size * sizeof *slot);
    if (!keys || !slot)
        return false;
    memset(slot, 0, size * sizeof *slot);
    const jx_indicator *inds = p->inds;
    for (size_t i = 0; i < n; i++) {
        jx_str name = dup_trimmed(inds[i].name);
        uint64_t h = dup_hash(name.s, name.n);
        keys[i] = (dup_key){h, name};
        size_t at = (size_t)(h >> 32) & (size - 1);
        first_of[i] = i;
        for (; slot[at] != 0; at = (at + 1) & (size - 1)) {
            const dup_key *k = &keys[slot[at] - 1];
            if (k->hash == h && k->name.n == name.n && memcmp(k->name.s, name.s, name.n) == 0) {
                first_of[i] = slot[at] - 1;
                break;
            }
        }
        if (first_of[i] == i)
            slot[at] = (uint32_t)i + 1;
        else
            (*repeats)++;
    }
    return true;
}

/* duplicate-indicator: a 三级指标 name used again in the project, reported at each
 * later use against the first. The first use of each name is found once, by a table of
 * the names (dup_first_of), not by a pass over the earlier ones for each, so a project of
 * many indicators costs no more per indicator. */
static void check_duplicates(chk *c)
{
    jx_project *p = c->p;
    size_t small[SMALL_INDS];
    size_t *first_of = p->ninds <= 1           ? NULL
                       : p->ninds <= SMALL_INDS ? small
                                               : jx_arena_alloc(&p->arena, p->ninds * sizeof *first_of);
    size_t repeats = 0;
    if (first_of && !dup_first_of(p, first_of, &repeats))
        first_of = NULL;
    else if (first_of && repeats == 0) /* every name its first use: nothing to report */
        return;
    for (size_t i = 1; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        for (size_t j = first_of ? first_of[i] : 0; j < i; j++) {
            const jx_indicator *first = &p->inds[j];
            if (!first_of && !jx_str_same_text(ind->name, first->name))
                continue;
            const char *l1 = level1_name(p, first), *l2 = level1_name(p, ind);
            unsigned r1 = row_of(p, first->pos), r2 = row_of(p, ind->pos);
            if ((is_output(l1) && is_benefit(l2)) || (is_benefit(l1) && is_output(l2)))
                jx_project_diag_add(p, JX_SEV_WARNING, CODE_DUPLICATE, ind->pos,
                                    "指标“%s”同时列在“%s”（第 %u 行）和“%s”（第 %u 行）下，同一指标重复计分",
                                    ind->name.s, l1, r1, l2, r2);
            else if (r1 == r2) /* one line of a table holds the whole project (jixiao's JSON) */
                jx_project_diag_add(p, JX_SEV_WARNING, CODE_DUPLICATE, ind->pos, "指标“%s”在项目中重复出现（第 %u 行）",
                                    ind->name.s, r1);
            else
                jx_project_diag_add(p, JX_SEV_WARNING, CODE_DUPLICATE, ind->pos,
                                    "指标“%s”在项目中重复出现（第 %u 行和第 %u 行）", ind->name.s, r1, r2);
            break;
        }
    }
}

/* An amount of the 资金 rows for a message: "未填" when it is not compared (not given). */
static const char *fmt_known(qn q, bool known, char *buf)
{
    return known ? fmt_q(q, buf) : "未填";
}

/* ---------------------------------------------------------------- funds */

/* funds-inconsistent on the 资金 rows: 全年执行 above 全年预算; a 年度资金总额 row that
 * is 0, or differs from its sources' sum. An amount not given is compared with nothing:
 * an amount of the total row is checked only when that row and every source give it. */
static void check_funds_rows(chk *c)
{
    jx_project *p = c->p;
    char b0[JX_DEC_BUFSZ], b1[JX_DEC_BUFSZ], b2[JX_DEC_BUFSZ];
    char b3[JX_DEC_BUFSZ], b4[JX_DEC_BUFSZ], b5[JX_DEC_BUFSZ];
    assert(p->nfunds <= FUNDS_ROWS_MAX); /* every sum within AMOUNT_BOUND */
    qn sum[3] = {q_int(0), q_int(0), q_int(0)};
    bool all[3] = {true, true, true}; /* every source gives the amount */
    size_t sources = 0, first_total = p->nfunds; /* the first 年度资金总额 row */
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        if (jx_funds_executed(f) && jx_dec_cmp(f->spent, f->budget) > 0)
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_FUNDS, f->pos,
                                "资金“%s”全年执行数 %s 大于全年预算数 %s", f->source.s,
                                fmt_dec(f->spent, b0), fmt_dec(f->budget, b1));
        if (is_total_row(f)) {
            if (first_total == p->nfunds)
                first_total = i;
            continue;
        }
        sources++;
        all[0] = all[0] && f->has_initial;
        all[1] = all[1] && f->has_budget;
        all[2] = all[2] && f->has_spent;
        q_add_dec(&sum[0], f->initial);
        q_add_dec(&sum[1], f->budget);
        q_add_dec(&sum[2], f->spent);
    }
    if (sources == 0)
        return;
    for (size_t i = first_total; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        if (i != first_total && !is_total_row(f))
            continue;
        qn row[3] = {q_dec(f->initial), q_dec(f->budget), q_dec(f->spent)};
        const bool known[3] = {all[0] && f->has_initial, all[1] && f->has_budget, all[2] && f->has_spent};
        if (!known[0] && !known[1] && !known[2])
            continue;
        bool differs = false;
        for (int k = 0; k < 3; k++)
            differs = differs || (known[k] && q_cmp(row[k], sum[k]) != 0);
        if (!differs) /* the row is its sources' sum: 0 only where they are, nothing to say */
            continue;
        bool row_zero = true, sum_zero = true;
        for (int k = 0; k < 3; k++) {
            if (!known[k])
                continue;
            row_zero = row_zero && q_sign(row[k]) == 0;
            sum_zero = sum_zero && q_sign(sum[k]) == 0;
        }
        if (row_zero && !sum_zero)
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_FUNDS, f->pos,
                                "资金“年度资金总额”各数均为 0，但各资金来源合计年初预算 %s、全年预算 %s、全年执行 %s",
                                fmt_known(sum[0], known[0], b0), fmt_known(sum[1], known[1], b1),
                                fmt_known(sum[2], known[2], b2));
        else
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_FUNDS, f->pos,
                                "资金“年度资金总额”（年初预算 %s、全年预算 %s、全年执行 %s）与各资金来源合计（%s、%s、%s）不符",
                                fmt_known(row[0], known[0], b0), fmt_known(row[1], known[1], b1),
                                fmt_known(row[2], known[2], b2), fmt_known(sum[0], known[0], b3),
                                fmt_known(sum[1], known[1], b4), fmt_known(sum[2], known[2], b5));
    }
}

/*
 * funds-inconsistent on an 执行率 indicator: its actual A, a percentage, should be
 * 100 × 全年执行 / 全年预算 to within a hundredth of a point, i.e. the rate rounded or cut
 * to two decimals: |100·A·budget − 10000·spent| < budget, or, as two comparisons of
 * products, (100·A − 1)·budget < 10000·spent < (100·A + 1)·budget. 100·A ± 1 is below
 * 10^20 + 10^9 at A's scale; aligned to the other side it gains at most 10^9 (spent's
 * scale), 10000 at most 10^18 (A's and budget's): both stay far within 128 bits.
 */
static void check_execution_rate(chk *c, const funds_use *u)
{
    jx_project *p = c->p;
    if (!u->any)
        return;
    char ba[JX_DEC_BUFSZ], br[JX_DEC_BUFSZ], bs[JX_DEC_BUFSZ], bb[JX_DEC_BUFSZ];
    for (size_t i = c->exec_from; i < c->exec_to; i++) { /* the others are no 执行率 ones */
        const jx_indicator *ind = &p->inds[i];
        const jx_value *A = &ind->actual;
        if (ind->not_applicable || !A->present || A->is_text || !A->percent || !is_execution(ind))
            continue;
        qn a100 = q_mul(q_dec(A->num), q_int(100)), ten4 = q_int(10000);
        if (q_cmp_products(q_sub(a100, q_int(1)), u->budget, ten4, u->spent) < 0 &&
            q_cmp_products(q_add(a100, q_int(1)), u->budget, ten4, u->spent) > 0)
            continue;
        __int128 rate;
        bool exact = q_ratio_units(u->spent, u->budget, 4, &rate);
        if (!exact) /* 2^127 hundredths or more: said so rather than a rounded number */
            memcpy(br, "10^36", sizeof "10^36");
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_FUNDS, A->pos,
                            "指标“%s”实际完成值 %s%% 与资金执行率 %s%%%s（全年执行 %s / 全年预算 %s）不符",
                            ind->name.s, fmt_dec(A->num, ba), exact ? fmt_pct(rate, br) : br,
                            exact ? "" : " 以上", fmt_q(u->spent, bs), fmt_q(u->budget, bb));
    }
}

/*
 * execution-gap: indicators completed far beyond the budget executed. With I the
 * indicator completion and E the execution completion, it warns when
 * (I − E) / I > 执行偏差 (5 %). Under 预算执行率 单列: I = Σscores / Σweights of the
 * indicators (Σscores / 90 in the usual layout), E = its score / its points. Otherwise:
 * I the same over the indicators other than 执行率 ones, E = 全年执行 / 全年预算.
 * With I = S / W and E = e / b, the rule is exactly (100 − t)·S·b > 100·e·W.
 */

/*
 * Σscores (in units) and Σweights of the indicators execution-gap counts, added up in
 * index order by gap_add during the pass over the indicators, not by a pass of its own.
 * Σweights has a fast path: while every weight so far has one scale (a project's weights
 * are written alike) and their sum fits 64 bits, their coefficients are added up in w;
 * q_add_dec, the plain way, takes over from the sum so far at the first weight of another
 * scale or that would overflow w. gap_weights gives the qn the plain way alone gives,
 * q_add_dec from q_int(0): the same coefficient and scale.
 */
typedef struct gap_sums {
    int64_t s_units; /* Σscores */
    bool one_scale;  /* every weight so far had the scale wscale: w is Σweights, W unused */
    int32_t wscale;  /* -1 before the first weight */
    int64_t w;       /* the coefficients' sum while one_scale */
    qn W;            /* Σweights once !one_scale */
} gap_sums;

/* No indicator counted yet. */
static gap_sums gap_none(void)
{
    gap_sums g = {0, true, -1, 0, q_int(0)};
    return g;
}

/* True when execution-gap counts the indicator: applicable, scored and, unless
 * 预算执行率 单列, not an 执行率 one (exec). */
static inline bool gap_counts(bool exec_separate, const jx_indicator *ind, bool exec)
{
    return !ind->not_applicable && ind->score >= 0 && (exec_separate || !exec);
}

/* Counts the indicator in g when execution-gap does (gap_counts). */
static inline void gap_add(gap_sums *g, bool exec_separate, const jx_indicator *ind, bool exec)
{
    if (!gap_counts(exec_separate, ind, exec))
        return;
    g->s_units += ind->score;
    if (!ind->has_weight)
        return;
    jx_dec d = ind->weight;
    int64_t w;
    if (g->one_scale && (d.scale == g->wscale || (g->wscale < 0 && d.scale >= 0)) &&
        !__builtin_add_overflow(g->w, d.v, &w)) {
        g->wscale = d.scale; /* the sum so far, 0 or at d's scale, plus d: exact */
        g->w = w;
        return;
    }
    if (g->one_scale) { /* the plain way from here, on the sum so far */
        g->W = g->wscale < 0 ? q_int(0) : q_make(g->w, g->wscale);
        g->one_scale = false;
    }
    q_add_dec(&g->W, d);
}

/*
 * The sums of g from jx_score's (jx_checks_sums), taken over every indicator that applies,
 * each with a score of 0 or more: those gap_counts counts, and the 执行率 indicators too,
 * which gap_take_out takes out again as the pass over the indicators meets them (only
 * those can be in the scoring's sums and not counted). Σweights at JX_DEC_MAX_SCALE: the
 * same number as gap_add's sum at its weights' scale, and every step execution-gap takes
 * of it is exact, its words trimmed of trailing zeros (fmt_q), so the same finding.
 */
static gap_sums gap_from(const jx_checks_sums *s)
{
    gap_sums g = {s->score_units, true, JX_DEC_MAX_SCALE, (int64_t)s->weight_bits, q_int(0)};
    return g;
}

/* Takes the 执行率 indicator (exec) out of sums made by gap_from when it is in them (it
 * applies) and gap_counts does not count it. */
static inline void gap_take_out(gap_sums *g, bool exec_separate, const jx_indicator *ind, bool exec)
{
    if (ind->not_applicable || gap_counts(exec_separate, ind, exec))
        return;
    assert(ind->score >= 0 && g->one_scale && g->wscale == JX_DEC_MAX_SCALE);
    g->s_units -= ind->score;
    g->w -= (int64_t)jx_indicator_weight_bits(ind);
}

/* Σweights of g. */
static qn gap_weights(const gap_sums *g)
{
    if (!g->one_scale)
        return g->W;
    return g->wscale < 0 ? q_int(0) : q_make(g->w, g->wscale);
}

/* ------------------------------------------------------------ execution-gap */

/*
 * The gap (I − E) / I in hundredths of a percent, rounded half up, for S·b > e·W (warned):
 * 10^4·(S·b − e·W) / (S·b), in 256 bits. The products are taken at their common scale,
 * each brought to it and multiplied by 10^4 through its small factor: S·10^k·10^4 below
 * 10^10 × 10^18 × 10^4 (k <= e's and W's scales), W·10^k·10^4 below 10^15 × 10^13 × 10^4
 * (k <= S's and b's scales), both within 128 bits. The quotient is at most 10^4.
 */
static __int128 gap_units(const qn *S, const qn *b, const qn *e, const qn *W)
{
    int ls = S->scale + b->scale, rs = e->scale + W->scale, scale = ls > rs ? ls : rs;
    __int128 s1 = q_pow10_times(S->v, scale - ls), w4 = q_pow10_times(W->v, scale - rs + 4);
    jx_u256 sb = jx_u256_mul((unsigned __int128)s1, (unsigned __int128)b->v);
    jx_u256 sb4 = jx_u256_mul((unsigned __int128)(s1 * 10000), (unsigned __int128)b->v);
    jx_u256 ew4 = jx_u256_mul((unsigned __int128)e->v, (unsigned __int128)w4);
    __int128 q = 0;
    bool fit = jx_u256_div_round_half_up(jx_u256_sub(sb4, ew4), sb, &q);
    assert(fit && jx_u256_cmp(sb4, ew4) > 0 && q <= 10000);
    (void)fit;
    return q;
}


static void check_execution_gap(chk *c, const funds_use *u, const gap_sums *g)
{
    jx_project *p = c->p;
    const jx_policy *pol = c->pol;
    if (!u->any)
        return;
    int64_t s_units = g->s_units;
    qn W = gap_weights(g);
    qn S = q_units(s_units, c->dec);
    if (q_sign(S) <= 0 || q_sign(W) <= 0)
        return;
    qn e = pol->exec_separate ? q_units(p->exec_score, c->dec) : u->spent;
    qn b = pol->exec_separate ? q_dec(p->exec_points) : u->budget;
    if (q_sign(b) <= 0)
        return;
    qn t = q_dec(pol->exec_gap_pct);
    assert(q_sign(e) >= 0 && q_cmp(t, q_int(0)) >= 0 && q_cmp(t, q_int(100)) <= 0);
    /* (100 − t)·S below 10^11 × 10^10, 100·W below 10^17 (see "numbers") */
    if (q_cmp_products(q_mul(q_sub(q_int(100), t), S), b, q_mul(q_int(100), W), e) <= 0)
        return;
    __int128 gap = gap_units(&S, &b, &e, &W), ipct, epct;
    /* I and E as percentages: I below 10^10 × 10^4 / 10^-4 units; E below I, as warned */
    bool fit = q_ratio_units(S, W, 4, &ipct) && q_ratio_units(e, b, 4, &epct);
    assert(fit);
    (void)fit;
    char bi[JX_DEC_BUFSZ], bS[JX_DEC_BUFSZ], bW[JX_DEC_BUFSZ], bE[JX_DEC_BUFSZ];
    char be[JX_DEC_BUFSZ], bb[JX_DEC_BUFSZ], bg[JX_DEC_BUFSZ], bt[JX_DEC_BUFSZ];
    jx_pos at = u->at ? u->at->pos : p->pos;
    if (pol->exec_separate)
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_EXEC_GAP, at,
                            "项目“%s”指标完成度 %s%%（得分 %s / 权重 %s）高于预算执行完成度 %s%%（预算执行率得分 %s / %s 分），偏离 %s%%，超过执行偏差 %s%%",
                            p->name.s, fmt_pct(ipct, bi), fmt_units(c, s_units, bS), fmt_q(W, bW),
                            fmt_pct(epct, bE), fmt_units(c, p->exec_score, be),
                            fmt_dec(p->exec_points, bb), fmt_pct(gap, bg),
                            fmt_dec(pol->exec_gap_pct, bt));
    else
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_EXEC_GAP, at,
                            "项目“%s”指标完成度 %s%%（执行率以外的指标得分 %s / 权重 %s）高于预算执行完成度 %s%%（全年执行 %s / 全年预算 %s），偏离 %s%%，超过执行偏差 %s%%",
                            p->name.s, fmt_pct(ipct, bi), fmt_units(c, s_units, bS), fmt_q(W, bW),
                            fmt_pct(epct, bE), fmt_q(e, be), fmt_q(b, bb), fmt_pct(gap, bg),
                            fmt_dec(pol->exec_gap_pct, bt));
}

/* all-full-marks (a note): every applicable indicator with a weight at full marks
 * (and 预算执行率 单列 at its points), at the 总分 or the project. The message names one
 * total and says which: 填报总分 (the 总分 written) or, without one, 重算总分. */
static void check_all_full_marks(chk *c)
{
    jx_project *p = c->p;
    size_t weighted = 0;
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        if (ind->not_applicable || !ind->has_weight || ind->weight.v <= 0)
            continue;
        if (!at_full_marks(c, ind))
            return;
        weighted++;
    }
    if (weighted == 0)
        return;
    if (p->exec_separate && p->exec_score < full_units(c, p->exec_points))
        return;
    /* one total, and which: the 总分 the department wrote (填报), else the recomputed one */
    char bt[JX_DEC_BUFSZ];
    const char *total = p->has_claimed_total ? fmt_dec(p->claimed_total, bt) : fmt_units(c, p->total, bt);
    jx_project_diag_add(p, JX_SEV_NOTE, CODE_ALL_FULL, p->total_pos.line ? p->total_pos : p->pos,
                        "项目“%s”的 %zu 个指标%s全部满分，%s总分 %s；请核实目标是否偏低、完成值是否有依据",
                        p->name.s, weighted, p->exec_separate ? "和预算执行率" : "",
                        p->has_claimed_total ? "填报" : "重算", total);
}

void jx_checks_duplicates(jx_project *p)
{
    chk ctx = {p, NULL, 0, 0, 0, 0, false}; /* check_duplicates reads the project only */
    check_duplicates(&ctx);
}

bool jx_check_is_cost(const jx_project *p, const jx_indicator *ind) { return is_cost(p, ind); }
bool jx_check_is_bounded_rate(const jx_project *p, const jx_indicator *ind) { return is_bounded_rate(p, ind); }
bool jx_check_is_execution(const jx_indicator *ind) { return is_execution(ind); }
bool jx_check_is_output(const char *level1) { return is_output(level1); }
bool jx_check_is_benefit(const char *level1) { return is_benefit(level1); }

void jx_checks_run(jx_project *p, const jx_policy *pol)
{
    jx_checks_run_with(p, pol, NULL);
}

void jx_checks_run_with(jx_project *p, const jx_policy *pol, const jx_checks_sums *sums)
{
    if (!p || !pol || !p->scored)
        return;
    drop_own(&p->diags);
    size_t first = p->diags.n;
    chk ctx = {p, pol, pol->decimals, 0, 0, 0, false};
    /* is_execution, which the checks of the funds below ask, is found here; execution-gap's
     * sums taken from the scoring's when given (the 执行率 indicators taken out of them as
     * they are met), else added up after this pass, in one of their own */
    gap_sums gap = sums ? gap_from(sums) : gap_none();
    const bool exec_separate = pol->exec_separate;
    const jx_indicator *inds = p->inds; /* the checks add findings, never indicators */
    for (size_t i = 0, n = p->ninds; i < n; i++) {
        const jx_indicator *ind = &inds[i];
        bool exec = name_has_execution(ind->name) && is_execution_named(ind);
        if (exec) {
            if (ctx.exec_to == 0)
                ctx.exec_from = i;
            ctx.exec_to = i + 1;
            if (sums)
                gap_take_out(&gap, exec_separate, ind, exec);
        }
        check_score_over_weight(&ctx, ind);
        check_qualitative_evidence(&ctx, ind);
        check_direction(&ctx, ind);
    }
    if (!sums) /* the plain way, in a pass of its own */
        for (size_t i = 0, n = p->ninds; i < n; i++)
            gap_add(&gap, exec_separate, &inds[i], is_execution(&inds[i]));
    check_duplicates(&ctx);
    funds_use u = funds_for_execution(p);
    check_funds_rows(&ctx);
    check_execution_rate(&ctx, &u);
    check_execution_gap(&ctx, &u, &gap);
    check_all_full_marks(&ctx);
    sort_from(&p->diags, first);
}
