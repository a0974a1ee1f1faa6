/* SPDX-License-Identifier: MIT */
/* sample.c — picking projects for 抽查: the generator, the number per stratum, the draws and
 * the reason for every pick.
 *
 * The generator is splitmix64 (Steele, Lea, Flood) expanding the seed into the state of
 * xoshiro256** (Blackman, Vigna), both as in their reference C code; jx_rng_below rejects
 * the 2^64 mod n lowest outputs and reduces the rest modulo n, so every value below n is
 * equally likely. Everything after is integer arithmetic, and the order of every step is
 * fixed (units in reading order, strata in the order of their first unit), so one seed
 * names one sample on any machine. docs/sampling.md states the rules.
 *
 * Memory: a few arrays of n elements for the draw, freed before returning, and the picks
 * with their reasons, freed by jx_sample_free; all through the caller's allocator.
 */
#include "sample.h"

#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- generator */

/* The next output of splitmix64 over the counter *x. */
static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* x rotated left by k bits, 0 < k < 64. */
static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* The four words are four successive outputs of splitmix64, which is a bijection of its
 * counter: at most one of them is 0, so the state is never all zero. */
void jx_rng_seed(jx_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

/* xoshiro256** 1.0. */
uint64_t jx_rng_next(jx_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Plain rejection: the outputs at or above 2^64 mod n are a whole number of runs of n
 * values, so their remainder modulo n is uniform; the others are drawn again. */
uint64_t jx_rng_below(jx_rng *r, uint64_t n)
{
    uint64_t floor = (0 - n) % n; /* 2^64 mod n */
    for (;;) {
        uint64_t x = jx_rng_next(r);
        if (x >= floor)
            return x % n;
    }
}

/* ------------------------------------------------------------- the draw */

/** A unit as sorted into its stratum. */
typedef struct entry {
    const char *key; /* its stratum ("" without stratify) */
    size_t index;    /* its position among the units */
} entry;

/** One stratum. */
typedef struct stratum {
    size_t first;      /* where its units start among the sorted entries */
    size_t size;       /* how many units */
    size_t flagged;    /* how many are forced in (0 without include_flagged) */
    bool claims;       /* some of them are flagged for a claim (flag_reason), not only for errors */
    size_t quota;      /* the number to pick, before forced units beyond it */
    size_t draws;      /* the number drawn at random */
    uint64_t rem;      /* count × size mod n, for the largest remainders */
    bool raised;       /* the quota was raised from 0 to 1 */
    unsigned shift;    /* funds are divided by 2^shift so their sum fits 64 bits */
    uint64_t funds;    /* Σ of its positive funds >> shift */
} stratum;

/** What became of one unit. */
typedef struct mark {
    size_t stratum;    /* its stratum's position in draw order */
    size_t draw;       /* the draw that picked it, from 1; 0 when not drawn */
    bool picked;       /* it is in the sample */
    jx_sample_why why; /* why, when picked */
} mark;

/** Everything the draw allocates for a while. */
typedef struct work {
    const jx_allocator *a;          /* where from */
    const jx_sample_unit *units;    /* the units */
    size_t n;                       /* how many */
    const jx_sample_spec *spec;     /* the request */
    entry *entries;                 /* units sorted by (stratum, index) */
    stratum *strata;                /* in draw order */
    size_t nstrata;                 /* how many */
    mark *marks;                    /* one per unit */
    size_t *pool;                   /* scratch: a stratum's candidates */
    uint64_t *weights;              /* scratch, n + 1: their running sums, with weight_funds */
    char *text;                     /* the reasons being written */
    size_t text_len;                /* bytes used */
    size_t text_cap;                /* bytes allocated */
} work;

/* Orders entries by stratum name, then by reading position: a total order, so the
 * sorted array is the same whatever qsort does with equal elements. */
static int entry_cmp(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    return a->index < b->index ? -1 : a->index > b->index;
}

/** A stratum's first unit, for ordering strata by first appearance. */
typedef struct first_of {
    size_t index;   /* the unit's position */
    size_t entry;   /* where the stratum starts among the entries */
    size_t size;    /* its size */
} first_of;

/* Orders strata by their first unit. */
static int first_cmp(const void *pa, const void *pb)
{
    const first_of *a = pa, *b = pb;
    return a->index < b->index ? -1 : a->index > b->index;
}

/** A stratum's remainder, for handing out the count's leftover. */
typedef struct remainder {
    uint64_t rem;   /* count × size mod n */
    size_t pos;     /* the stratum's position in draw order */
} remainder;

/* Larger remainders first, ties to the earlier stratum. */
static int rem_cmp(const void *pa, const void *pb)
{
    const remainder *a = pa, *b = pb;
    if (a->rem != b->rem)
        return a->rem > b->rem ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Frees the scratch arrays (not the text, which becomes the result's). */
static void work_free_scratch(work *w)
{
    jx_free(w->a, w->entries, w->n * sizeof *w->entries);
    jx_free(w->a, w->strata, w->nstrata * sizeof *w->strata);
    jx_free(w->a, w->marks, w->n * sizeof *w->marks);
    jx_free(w->a, w->pool, w->n * sizeof *w->pool);
    jx_free(w->a, w->weights, (w->n + 1) * sizeof *w->weights);
    w->entries = NULL;
    w->strata = NULL;
    w->marks = NULL;
    w->pool = NULL;
    w->weights = NULL;
}

/* Why unit u is flagged for a claim, or NULL when for its errors (spec->flag_reasons). */
static const char *flag_reason(const work *w, size_t u)
{
    return w->spec->flag_reasons ? w->spec->flag_reasons[u] : NULL;
}

/* Sorts the units into strata, in the order of their first unit. 0, or -1 when memory
 * ran out. */
static int form_strata(work *w)
{
    const jx_sample_spec *spec = w->spec;
    w->entries = jx_malloc(w->a, w->n * sizeof *w->entries);
    w->marks = jx_calloc(w->a, w->n * sizeof *w->marks);
    if (!w->entries || !w->marks)
        return -1;
    for (size_t i = 0; i < w->n; i++) {
        const char *key = spec->stratify ? w->units[i].stratum : "";
        w->entries[i].key = key ? key : "";
        w->entries[i].index = i;
    }
    qsort(w->entries, w->n, sizeof *w->entries, entry_cmp);
    size_t ns = 0;
    for (size_t i = 0; i < w->n; i++)
        if (i == 0 || strcmp(w->entries[i].key, w->entries[i - 1].key) != 0)
            ns++;
    first_of *firsts = jx_malloc(w->a, ns * sizeof *firsts);
    w->strata = jx_calloc(w->a, ns * sizeof *w->strata);
    if (!firsts || !w->strata) {
        jx_free(w->a, firsts, ns * sizeof *firsts);
        jx_free(w->a, w->strata, ns * sizeof *w->strata);
        w->strata = NULL;
        return -1;
    }
    w->nstrata = ns;
    size_t k = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (i == 0 || strcmp(w->entries[i].key, w->entries[i - 1].key) != 0) {
            firsts[k].index = w->entries[i].index;
            firsts[k].entry = i;
            firsts[k].size = 0;
            k++;
        }
        firsts[k - 1].size++;
    }
    qsort(firsts, ns, sizeof *firsts, first_cmp);
    for (size_t s = 0; s < ns; s++) {
        stratum *st = &w->strata[s];
        st->first = firsts[s].entry;
        st->size = firsts[s].size;
        for (size_t j = st->first; j < st->first + st->size; j++) {
            size_t u = w->entries[j].index;
            w->marks[u].stratum = s;
            if (spec->include_flagged && w->units[u].flagged) {
                st->flagged++;
                st->claims |= flag_reason(w, u) != NULL;
            }
        }
    }
    jx_free(w->a, firsts, ns * sizeof *firsts);
    return 0;
}

/* Sets every stratum's quota and number of draws. 0, or -1 when memory ran out. */
static int set_quotas(work *w)
{
    const jx_sample_spec *spec = w->spec;
    if (spec->percent) {
        uint64_t bp = spec->size_bp > 10000 ? 10000 : spec->size_bp;
        for (size_t s = 0; s < w->nstrata; s++) {
            stratum *st = &w->strata[s];
            st->quota = (size_t)(((uint64_t)st->size * bp + 5000) / 10000);
            if (st->quota == 0 && bp > 0) {
                st->quota = 1;
                st->raised = true;
            }
        }
    } else {
        /* count × size stays below 2^64 while n < 2^32 units */
        uint64_t count = spec->size_count > w->n ? w->n : spec->size_count;
        uint64_t given = 0;
        for (size_t s = 0; s < w->nstrata; s++) {
            stratum *st = &w->strata[s];
            st->quota = (size_t)(count * st->size / w->n);
            st->rem = count * st->size % w->n;
            given += st->quota;
        }
        /* the leftover is below the number of strata with a remainder, so no stratum
         * gets more than its size */
        uint64_t left = count - given;
        if (left) {
            remainder *r = jx_malloc(w->a, w->nstrata * sizeof *r);
            if (!r)
                return -1;
            for (size_t s = 0; s < w->nstrata; s++) {
                r[s].rem = w->strata[s].rem;
                r[s].pos = s;
            }
            qsort(r, w->nstrata, sizeof *r, rem_cmp);
            for (uint64_t i = 0; i < left; i++)
                w->strata[r[i].pos].quota++;
            jx_free(w->a, r, w->nstrata * sizeof *r);
        }
    }
    for (size_t s = 0; s < w->nstrata; s++) {
        stratum *st = &w->strata[s];
        if (st->quota > st->size)
            st->quota = st->size;
        st->draws = st->quota > st->flagged ? st->quota - st->flagged : 0;
    }
    return 0;
}

/* A unit's weight under a shift: its funds in cents >> shift, at least 1; 1 when it has
 * no positive funds. */
static uint64_t weight_of(const jx_sample_unit *u, unsigned shift)
{
    if (u->funds_cents <= 0)
        return 1;
    uint64_t f = (uint64_t)u->funds_cents >> shift;
    return f ? f : 1;
}

/* Finds the least shift under which the stratum's weights add up within 64 bits, and its
 * funds total under that shift. */
static void set_shift(work *w, stratum *st)
{
    for (unsigned shift = 0; shift < 64; shift++) {
        uint64_t sum = 0, funds = 0;
        bool fits = true;
        for (size_t j = st->first; j < st->first + st->size && fits; j++) {
            const jx_sample_unit *u = &w->units[w->entries[j].index];
            uint64_t wt = weight_of(u, shift);
            if (sum > UINT64_MAX - wt)
                fits = false;
            sum += wt;
            if (u->funds_cents > 0)
                funds += (uint64_t)u->funds_cents >> shift; /* funds <= sum */
        }
        if (fits) {
            st->shift = shift;
            st->funds = funds;
            return;
        }
    }
}

/* Draws st->draws units from the stratum: forced units first marked, then a partial
 * Fisher–Yates over the others, or successive draws weighted by funds. */
static void draw_stratum(work *w, stratum *st, jx_rng *rng)
{
    const jx_sample_spec *spec = w->spec;
    size_t m = 0;
    for (size_t j = st->first; j < st->first + st->size; j++) {
        size_t u = w->entries[j].index;
        if (spec->include_flagged && w->units[u].flagged) {
            w->marks[u].picked = true;
            w->marks[u].why = JX_SAMPLE_FLAGGED;
        } else {
            w->pool[m++] = u;
        }
    }
    if (!spec->weight_funds) {
        for (size_t k = 0; k < st->draws; k++) {
            size_t j = k + (size_t)jx_rng_below(rng, m - k);
            size_t t = w->pool[k];
            w->pool[k] = w->pool[j];
            w->pool[j] = t;
            mark *mk = &w->marks[w->pool[k]];
            mk->picked = true;
            mk->why = JX_SAMPLE_DRAWN;
            mk->draw = k + 1;
        }
        return;
    }
    set_shift(w, st);
    /* the units not yet picked, in reading order, lie end to end on [0, total); a draw
     * x takes the first unit whose running sum passes x. The running sums are kept in a
     * Fenwick tree over the pool (tree[i] sums pool positions (i − lowbit(i), i], 1-based),
     * and a picked unit's weight drops to 0, so each draw costs O(log m). */
    uint64_t *tree = w->weights; /* 1-based: tree[0] unused */
    uint64_t total = 0;
    for (size_t i = 1; i <= m; i++) {
        tree[i] = weight_of(&w->units[w->pool[i - 1]], st->shift);
        total += tree[i];
    }
    for (size_t i = 1; i <= m; i++) {
        size_t up = i + (i & (0 - i));
        if (up <= m)
            tree[up] += tree[i]; /* within total, which fits */
    }
    size_t top = 1;
    while (top <= m / 2)
        top <<= 1;
    for (size_t k = 0; k < st->draws; k++) {
        uint64_t x = jx_rng_below(rng, total);
        size_t pos = 0;
        for (size_t step = top; step; step >>= 1) {
            if (pos + step <= m && tree[pos + step] <= x) {
                pos += step;
                x -= tree[pos];
            }
        }
        size_t u = w->pool[pos]; /* 1-based position pos + 1 */
        mark *mk = &w->marks[u];
        mk->picked = true;
        mk->why = JX_SAMPLE_WEIGHTED;
        mk->draw = k + 1;
        uint64_t wt = weight_of(&w->units[u], st->shift);
        total -= wt;
        for (size_t i = pos + 1; i <= m; i += i & (0 - i))
            tree[i] -= wt;
    }
}

/* ----------------------------------------------------------- the reasons */

/* Appends printf output to the reasons. 0, or -1 when memory ran out. */
static int text_add(work *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int text_add(work *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k < 0)
        return -1;
    if (JX_GROW(w->a, w->text, w->text_cap, w->text_len + (size_t)k + 1))
        return -1;
    va_start(ap, fmt);
    vsnprintf(w->text + w->text_len, w->text_cap - w->text_len, fmt, ap);
    va_end(ap);
    w->text_len += (size_t)k;
    return 0;
}

/* Writes a share in basis points exactly: 2000 → "20%", 2050 → "20.5%", 1234 → "12.34%". */
static void format_bp(char *buf, size_t size, uint32_t bp)
{
    if (bp % 100 == 0)
        snprintf(buf, size, "%u%%", (unsigned)(bp / 100));
    else if (bp % 10 == 0)
        snprintf(buf, size, "%u.%u%%", (unsigned)(bp / 100), (unsigned)(bp % 100 / 10));
    else
        snprintf(buf, size, "%u.%02u%%", (unsigned)(bp / 100), (unsigned)(bp % 100));
}

/* Writes positive cents as 万元, exactly: two decimals at least, up to six, trailing zeros
 * beyond the second dropped: 366000000 → "366.00", 358350000 → "358.35", 12345 →
 * "0.012345". */
static void format_wan(char *buf, size_t size, uint64_t cents)
{
    unsigned long long whole = cents / 1000000, frac = cents % 1000000;
    int digits = 6;
    while (digits > 2 && frac % 10 == 0) {
        frac /= 10;
        digits--;
    }
    snprintf(buf, size, "%llu.%0*llu", whole, digits, frac);
}

/* Writes a / b (a <= b, b > 0) as a percentage with one decimal, rounded half up, by long
 * division: 366 / 888.35 → "41.2%". */
static void format_share(char *buf, size_t size, uint64_t a, uint64_t b)
{
    while (b > UINT64_MAX / 10) { /* never for real budgets: keep 10 × remainder in range */
        a >>= 1;
        b >>= 1;
    }
    uint64_t q = a / b, r = a % b;
    for (int i = 0; i < 3; i++) {
        r *= 10;
        q = q * 10 + r / b;
        r %= b;
    }
    if (r >= b - r) /* 2r >= b, half up */
        q++;
    snprintf(buf, size, "%llu.%llu%%", (unsigned long long)(q / 10), (unsigned long long)(q % 10));
}

/* Writes the reason unit u was picked. 0, or -1 when memory ran out. */
static int write_reason(work *w, size_t u)
{
    const jx_sample_spec *spec = w->spec;
    const mark *mk = &w->marks[u];
    const stratum *st = &w->strata[mk->stratum];
    int bad = 0;
    if (spec->stratify) {
        const char *name = w->units[u].stratum ? w->units[u].stratum : "";
        const char *by = spec->by && *spec->by ? spec->by : NULL;
        if (by)
            bad |= text_add(w, "按%s分层：%s", by, by);
        else
            bad |= text_add(w, "分层");
        if (*name)
            bad |= text_add(w, "“%s”", name);
        else
            bad |= text_add(w, "（未填）");
    }
    bad |= text_add(w, "共 %zu 个项目，抽 %zu 个", st->size, st->quota);
    if (spec->percent) {
        char pct[32];
        format_bp(pct, sizeof pct, spec->size_bp);
        bad |= text_add(w, st->raised ? "（%s，至少 1 个）" : "（%s）", pct);
    } else if (w->nstrata > 1) {
        uint64_t count = spec->size_count > w->n ? w->n : spec->size_count;
        bad |= text_add(w, "（共抽 %llu 个，按各层项目数分配）", (unsigned long long)count);
    } else if (spec->size_count > w->n) {
        bad |= text_add(w, "（要求 %u 个，只有 %zu 个）", (unsigned)spec->size_count, w->n);
    }
    /* the flagged are named by what they have: errors, or claims above the recomputed ones */
    const char *kind = st->claims ? "有错误级问题或自评高于重算" : "有错误级问题";
    if (st->flagged > st->quota)
        bad |= text_add(w, "，%s的 %zu 个全部必抽", kind, st->flagged);
    else if (st->flagged)
        bad |= text_add(w, "，其中%s的 %zu 个必抽", kind, st->flagged);
    if (mk->why == JX_SAMPLE_FLAGGED) {
        const char *why = flag_reason(w, u);
        return bad | text_add(w, "，本项目%s，必抽", why ? why : "有错误级问题");
    }
    if (st->flagged)
        bad |= text_add(w, "，在其余 %zu 个中", st->size - st->flagged);
    else
        bad |= text_add(w, "，");
    if (mk->why == JX_SAMPLE_DRAWN)
        return bad | text_add(w, "随机抽中（第 %zu 次抽取）", mk->draw);
    bad |= text_add(w, "按资金加权抽中（第 %zu 次抽取）", mk->draw);
    const char *where = spec->stratify ? "该层" : "全部";
    int64_t f = w->units[u].funds_cents;
    if (st->funds == 0)
        return bad | text_add(w, "：%s项目均无资金数，机会均等", where);
    if (f <= 0)
        return bad | text_add(w, "：无资金数，按 0.01 元计");
    char amount[48], share[32];
    format_wan(amount, sizeof amount, (uint64_t)f);
    format_share(share, sizeof share, (uint64_t)f >> st->shift, st->funds);
    return bad | text_add(w, "：资金 %s 万元，占%s资金的 %s", amount, where, share);
}

/* Collects the picks in reading order with their reasons into out. 0, or -1 when memory
 * ran out. */
static int collect(work *w, jx_sample *out)
{
    size_t np = 0;
    for (size_t u = 0; u < w->n; u++)
        np += w->marks[u].picked;
    if (np == 0)
        return 0;
    out->picks = jx_calloc(w->a, np * sizeof *out->picks);
    if (!out->picks)
        return -1;
    out->npicks = np;
    size_t *offsets = w->pool; /* free now: the reasons' offsets into the text */
    size_t k = 0;
    for (size_t u = 0; u < w->n; u++) {
        if (!w->marks[u].picked)
            continue;
        offsets[k] = w->text_len;
        if (write_reason(w, u))
            return -1;
        w->text_len++; /* keep the NUL text_add wrote */
        out->picks[k].index = u;
        out->picks[k].why = w->marks[u].why;
        k++;
    }
    out->text = w->text;
    out->text_size = w->text_cap;
    w->text = NULL;
    for (k = 0; k < np; k++)
        out->picks[k].reason = out->text + offsets[k];
    return 0;
}

jx_result jx_sample_choose(const jx_sample_unit *units, size_t n, const jx_sample_spec *spec,
                           const jx_allocator *alloc, jx_sample *out)
{
    if (!out)
        return JX_ERR_USAGE;
    memset(out, 0, sizeof *out);
    out->alloc = jx_alloc_or_default(alloc);
    if (!spec || (!units && n))
        return JX_ERR_USAGE;
    if (n == 0)
        return JX_OK;
    work w;
    memset(&w, 0, sizeof w);
    w.a = out->alloc;
    w.units = units;
    w.n = n;
    w.spec = spec;
    int bad = form_strata(&w) || set_quotas(&w);
    if (!bad) {
        w.pool = jx_malloc(w.a, n * sizeof *w.pool);
        if (spec->weight_funds)
            w.weights = jx_malloc(w.a, (n + 1) * sizeof *w.weights);
        bad = !w.pool || (spec->weight_funds && !w.weights);
    }
    if (!bad) {
        jx_rng rng;
        jx_rng_seed(&rng, spec->seed);
        for (size_t s = 0; s < w.nstrata; s++)
            draw_stratum(&w, &w.strata[s], &rng);
        bad = collect(&w, out);
    }
    work_free_scratch(&w);
    jx_free(w.a, w.text, w.text_cap);
    if (bad) {
        jx_sample_free(out);
        return JX_ERR_NOMEM;
    }
    return JX_OK;
}

void jx_sample_free(jx_sample *s)
{
    if (!s)
        return;
    if (s->alloc) {
        jx_free(s->alloc, s->picks, s->npicks * sizeof *s->picks);
        jx_free(s->alloc, s->text, s->text_size);
    }
    memset(s, 0, sizeof *s);
}
