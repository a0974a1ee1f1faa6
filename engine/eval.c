/* SPDX-License-Identifier: MIT */
/* eval.c — the evaluator: scores every indicator of a project under a policy.
 *
 * Every score is computed from exact decimals with one division and rounded half up
 * once, to the policy's 小数; the total is the sum of the rounded scores, as the
 * 自评表 adds them. The evaluator's findings go to the project's diagnostics; their
 * codes are the named arrays below, so a second scoring can find and drop the
 * findings of the first one (the parser's diagnostics stay).
 *
 * Two kinds of the evaluator's findings are errors (docs/scoring.md, "Errors that do
 * not stop scoring"): `value-range`, a number outside the range the arithmetic is
 * defined for, leaves the project unscored (JX_ERR_INPUT); `weight-sum` and
 * `qualitative-band` are errors on a project that is still scored (JX_OK): the caller
 * writes it and fails the run, as jx_project_error_count() tells.
 *
 * Every indicator is scored and, on request, its formula written, so the usual one has a
 * path of its own, written by hand: with no unit converted its numbers are those of its
 * jx_decs, and its scoring takes them as such (operands_as_written), comparing them in 64
 * bits (x_cmp_small, x_reaches_pct) where they fit and in 128 or 256 where they do not,
 * with the same answers (tests/unit/test_eval.c checks the boundaries).
 *
 * The arithmetic the 复核, the audit and the reports share with the evaluator — rounding a
 * weight, sums of weights, 不适用 按比例折算, grade bands — is score.c's, one
 * implementation each; an indicator's formula is written here, from what scoring kept,
 * when it is asked for (jx_formula_write; jx_indicator_formula in score.c keeps it).
 */
#include "checks.h"
#include "model.h"
#include "score.h"
#include "value.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ codes */

/* The evaluator's diagnostic codes. Named arrays (not literals), so their addresses tell
 * the evaluator's findings apart from every other diagnostic when a project is rescored;
 * in one object, so that is one test of where an address lies (own_code), not one
 * comparison for each code. */
static const struct own_codes {
    char weight_sum[sizeof "weight-sum"];
    char points_mismatch[sizeof "points-mismatch"];
    char over_target[sizeof "over-target"];
    char unit_mismatch[sizeof "unit-mismatch"];
    char qual_band[sizeof "qualitative-band"];
    char qual_unjudged[sizeof "qualitative-unjudged"];
    char claimed_score[sizeof "claimed-score"];
    char claimed_total[sizeof "claimed-total"];
    char claimed_grade[sizeof "claimed-grade"];
    char missing_actual[sizeof "missing-actual"];
    char missing_reason[sizeof "missing-reason"];
    char vague_actual[sizeof "vague-actual"];
    char exec_budget[sizeof "execution-budget"];
    char na_rescale[sizeof "not-applicable-rescale"];
    char percent_fraction[sizeof "percent-fraction"];
    char value_range[sizeof "value-range"];
} own_codes = {"weight-sum",     "points-mismatch", "over-target",      "unit-mismatch",
               "qualitative-band", "qualitative-unjudged", "claimed-score", "claimed-total",
               "claimed-grade",  "missing-actual",  "missing-reason",   "vague-actual",
               "execution-budget", "not-applicable-rescale", "percent-fraction", "value-range"};

#define CODE_WEIGHT_SUM own_codes.weight_sum
#define CODE_POINTS_MISMATCH own_codes.points_mismatch
#define CODE_OVER_TARGET own_codes.over_target
#define CODE_UNIT_MISMATCH own_codes.unit_mismatch
#define CODE_QUAL_BAND own_codes.qual_band
#define CODE_QUAL_UNJUDGED own_codes.qual_unjudged
#define CODE_CLAIMED_SCORE own_codes.claimed_score
#define CODE_CLAIMED_TOTAL own_codes.claimed_total
#define CODE_CLAIMED_GRADE own_codes.claimed_grade
#define CODE_MISSING_ACTUAL own_codes.missing_actual
#define CODE_MISSING_REASON own_codes.missing_reason
#define CODE_VAGUE_ACTUAL own_codes.vague_actual
#define CODE_EXEC_BUDGET own_codes.exec_budget
#define CODE_NA_RESCALE own_codes.na_rescale
#define CODE_PERCENT_FRACTION own_codes.percent_fraction
#define CODE_VALUE_RANGE own_codes.value_range

/* True when code is one of the evaluator's code arrays (by its address: inside own_codes). */
static bool own_code(const char *code)
{
    return (uintptr_t)code - (uintptr_t)&own_codes < sizeof own_codes;
}

/* Drops the diagnostics an earlier scoring added, keeping every other one in order. */
static void drop_own_diags(jx_project *p)
{
    jx_diags *d = &p->diags;
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

/* ---------------------------------------------------------- exact numbers */

/* An exact decimal with a 128-bit coefficient: v × 10^-scale. */
typedef struct xnum {
    __int128 v; /* coefficient */
    int scale;  /* digits after the point */
} xnum;

/* A jx_dec as an exact number. */
static xnum x_from_dec(jx_dec d)
{
    xnum x = {d.v, d.scale};
    return x;
}

/* An integer as an exact number. */
static xnum x_from_int(int64_t v)
{
    xnum x = {v, 0};
    return x;
}

/* A value in units of 10^-decimals as an exact number. */
static xnum x_from_units(int64_t units, int decimals)
{
    xnum x = {units, decimals};
    return x;
}

/* a and b brought to the same scale (the larger of the two). */
static void x_align(xnum *a, xnum *b)
{
    if (a->scale < b->scale) {
        a->v *= jx_pow10_128(b->scale - a->scale);
        a->scale = b->scale;
    } else if (b->scale < a->scale) {
        b->v *= jx_pow10_128(a->scale - b->scale);
        b->scale = a->scale;
    }
}

/* -1, 0 or 1 as a <, =, > b. */
static int x_cmp(xnum a, xnum b)
{
    x_align(&a, &b);
    return (a.v > b.v) - (a.v < b.v);
}

/* x_cmp(a, b), in 64 bits when both coefficients fit 64 bits — known where they were made
 * from jx_decs (operands_as_written), so the test goes — and the one with fewer decimals
 * still fits brought to the other's scale: the same numbers compared, so the same answer.
 * Else x_cmp's. */
static inline int x_cmp_small(xnum a, xnum b)
{
    int r;
    if (a.v == (int64_t)a.v && b.v == (int64_t)b.v && jx_cmp64_scaled((int64_t)a.v, a.scale, (int64_t)b.v, b.scale, &r))
        return r;
    return x_cmp(a, b);
}

/* True when d is units × 10^-decimals: x_cmp(d, units) == 0, in 64 bits when d has no more
 * decimals than that (a claim written as its score is): d's coefficient brought to the
 * scale either is units or, leaving 64 bits, cannot be. Asked of every claimed score. */
static inline bool x_dec_is_units(jx_dec d, int64_t units, int decimals)
{
    int64_t v;
    if (d.scale >= 0 && d.scale <= decimals && decimals - d.scale < 19)
        return !__builtin_mul_overflow(d.v, (int64_t)jx_pow10_64[decimals - d.scale], &v) && v == units;
    return x_cmp(x_from_dec(d), x_from_units(units, decimals)) == 0;
}

/* True when a is below zero. */
static bool x_is_neg(xnum a) { return a.v < 0; }

/* -1, 0 or 1 as a <, =, > 0: x_cmp(a, 0) without scaling 0 to a's scale (the sign of a
 * decimal is its coefficient's). */
static int x_sign(xnum a) { return (a.v > 0) - (a.v < 0); }

/* a − b, exactly. */
static xnum x_sub(xnum a, xnum b)
{
    x_align(&a, &b);
    a.v -= b.v;
    return a;
}

/* a × k, exactly. */
static xnum x_mul_int(xnum a, int64_t k)
{
    a.v *= k;
    return a;
}

/* The greatest common divisor of |a| and |b| (0 when both are 0). */
static __int128 gcd128(__int128 a, __int128 b)
{
    if (a < 0)
        a = -a;
    if (b < 0)
        b = -b;
    if (a <= INT64_MAX && b <= INT64_MAX) { /* the usual case, in 64-bit arithmetic */
        uint64_t x = (uint64_t)a, y = (uint64_t)b;
        while (y != 0) {
            uint64_t t = x % y;
            x = y;
            y = t;
        }
        return x;
    }
    while (b != 0) {
        __int128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/*
 * x × y / z rounded half up to `decimals` places, as a 128-bit integer in units of
 * 10^-decimals: one exact division. z must not be zero. Common factors are taken
 * out first. For a score no product comes near the 128-bit range within the ranges
 * check_ranges() enforces (docs/scoring.md, "Ranges"), and a divisor past it gives 0;
 * should a product still overflow, it is taken in 256 bits (jx_muldiv_round_half_up), and
 * a quotient past ±10^36 is held there, never wrapped.
 */
static __int128 x_muldiv128_wide(xnum x, xnum y, xnum z, int decimals)
{
    int shift = z.scale + decimals - x.scale - y.scale;
    /* coefficients below 2^31 and a shift of at most 18 cannot overflow 128 bits, and the
     * quotient rounds the same whether common factors are taken out or not */
    if (shift >= 0 && shift <= 18 && x.v > -(__int128)INT32_MAX && x.v < INT32_MAX &&
        y.v > -(__int128)INT32_MAX && y.v < INT32_MAX && z.v != 0 && z.v > -(__int128)INT64_MAX &&
        z.v < INT64_MAX)
        return jx_div_round_half_up(x.v * y.v * jx_pow10_128(shift), z.v);
    __int128 a = x.v, b = y.v, den = z.v;
    __int128 g = gcd128(a, den);
    if (g > 1) {
        a /= g;
        den /= g;
    }
    g = gcd128(b, den);
    if (g > 1) {
        b /= g;
        den /= g;
    }
    __int128 num, scaled = den, p10 = jx_pow10_128(shift >= 0 ? shift : -shift);
    bool overflow = __builtin_mul_overflow(a, b, &num);
    if (!overflow && shift >= 0) {
        overflow = __builtin_mul_overflow(num, p10, &num);
    } else if (!overflow && __builtin_mul_overflow(den, p10, &scaled)) {
        /* |den| × 10^-shift is 2^127 or more: a numerator below 2^126 is less than half of
         * it, so the quotient rounds to 0, exactly (a score of a tiny A against a huge T) */
        if (num > -((__int128)1 << 126) && num < ((__int128)1 << 126))
            return 0;
        overflow = true;
    }
    if (overflow) {
        const __int128 lim = jx_pow10_128(36);
        __int128 q;
        if (!jx_muldiv_round_half_up(a, b, shift, den, &q))
            return ((a < 0) != (b < 0)) != (den < 0) ? -lim : lim;
        return q > lim ? lim : q < -lim ? -lim : q;
    }
    return jx_div_round_half_up(num, scaled);
}

/* x_muldiv128_wide, inline for the usual case: the coefficients, and x × y × 10^shift for a
 * shift of 0 to 18, fit 64 bits, so the quotient is one 64-bit division (rounded as any:
 * jx_div_round_half_up64). Inlined where the numbers come from jx_decs, the test that they
 * fit 64 bits is known true and goes. */
static inline __int128 x_muldiv128(xnum x, xnum y, xnum z, int decimals)
{
    int shift = z.scale + decimals - x.scale - y.scale;
    int64_t n;
    if ((unsigned)shift <= 18 && x.v == (int64_t)x.v && y.v == (int64_t)y.v && z.v == (int64_t)z.v &&
        z.v != 0 && !__builtin_mul_overflow((int64_t)x.v, (int64_t)y.v, &n) &&
        !__builtin_mul_overflow(n, (int64_t)jx_pow10_64[shift], &n))
        return jx_div_round_half_up64(n, (int64_t)z.v);
    return x_muldiv128_wide(x, y, z, decimals);
}

/*
 * 100 × a / t in hundredths of a percent point (A as a percentage of T, 2 places),
 * rounded half up, for a ≥ 0 and t > 0 of any size the rule language reads: by long
 * division one digit at a time, so nothing leaves 128 bits. False when the result is
 * 10^36 or more (A more than 10^34 times T).
 */
static bool x_pct_units(xnum a, xnum t, __int128 *out)
{
    const __int128 limit = jx_pow10_128(36);
    int e = t.scale + 4 - a.scale; /* a.v × 10^e / t.v */
    __int128 num = a.v, den = t.v;
    if (e < 0) {
        den *= jx_pow10_128(-e); /* t.v < 6.05·10^26 (after a time unit conversion), −e ≤ 5 */
        e = 0;
    }
    __int128 q = num / den, r = num % den;
    for (; e > 0; e--) {
        if (q >= limit)
            return false;
        r *= 10; /* r < den < 10^32: no overflow */
        q = q * 10 + r / den;
        r %= den;
    }
    if (2 * r >= den)
        q++;
    if (q >= limit)
        return false;
    *out = q;
    return true;
}

/* x_muldiv128 for a quotient known to fit 64 bits (a score: at most its weight, which
 * check_ranges() holds to 100); held within the 64-bit range all the same. */
static inline int64_t x_muldiv(xnum x, xnum y, xnum z, int decimals)
{
    __int128 q = x_muldiv128(x, y, z, decimals);
    return q > INT64_MAX ? INT64_MAX : q < -(__int128)INT64_MAX ? -INT64_MAX : (int64_t)q;
}

/* Writes x in plain notation without trailing zeros ("96.68", "48", "0.5"). */
static char *x_format(xnum x, char *buf)
{
    jx_num_put(x.v, x.scale, true, buf);
    return buf;
}

/* ------------------------------------------------------------- the context */

/* Everything one scoring run needs. */
typedef struct eval_ctx {
    jx_project *p;         /* the project being scored */
    const jx_policy *pol;  /* the policy */
    int dec;               /* the policy's 小数 */
    bool over_par;         /* the policy's 超额提示 is 100% or more (policy.c holds it to 100%～10000%) */
} eval_ctx;

/* A score in units of 10^-dec printed with exactly dec places. */
static const char *fmt_units(const eval_ctx *c, int64_t units, char *buf)
{
    return jx_fixed_format(units, c->dec, buf, JX_DEC_BUFSZ);
}

/* A jx_dec in plain notation ("96.68", "30"). */
static const char *fmt_dec(jx_dec d, char *buf)
{
    return jx_dec_format(d, buf, JX_DEC_BUFSZ);
}

/* An exact number in plain notation. */
static const char *fmt_x(xnum x, char *buf)
{
    return x_format(x, buf);
}

/* A formula in the project arena; "" when memory ran out. */
static const char *formula(jx_project *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *formula(jx_project *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = jx_arena_vprintf(&p->arena, fmt, ap);
    va_end(ap);
    if (!s) {
        p->diags.oom = 1;
        return "";
    }
    return s;
}

/* The weight of an indicator: 0 when none was written (the parser warned). */
static xnum weight_of(const jx_indicator *ind)
{
    return ind->has_weight ? x_from_dec(ind->weight) : x_from_int(0);
}

/* w as a score in units: w rounded half up to the policy's decimals (jx_dec_to_units).
 * w is a weight or points, made from a jx_dec, so its coefficient fits one. */
static int64_t full_units(const eval_ctx *c, xnum w)
{
    assert(w.v >= INT64_MIN && w.v <= INT64_MAX);
    jx_dec d = {(int64_t)w.v, w.scale};
    return jx_dec_to_units(d, c->dec);
}

/* ------------------------------------------------------------------- units */

/* Which side a time unit conversion changed (jx_formula_args.converted). */
typedef enum converted {
    CONV_NONE = 0, /* both sides as written */
    CONV_TARGET,   /* the target, given in the coarser unit: 1小时 → 60分钟 */
    CONV_ACTUAL    /* the actual, given in the coarser unit: 2天 → 48小时 */
} converted;

/* The numbers an indicator is scored with, after units are reconciled. */
typedef struct operands {
    xnum t;            /* target, in the common unit */
    xnum a;            /* actual, in the common unit */
    bool percent;      /* both are percentages */
    jx_str unit;       /* the common unit ("" when none) */
    converted conv;    /* which side was converted (the formula notes it) */
} operands;

/* The target in the common unit: its number times k, fa's tk (reconcile). */
static inline xnum target_in_unit(const jx_indicator *ind, int64_t k)
{
    return x_mul_int(x_from_dec(ind->target.num), k);
}

/* The actual in the common unit: its number times k, fa's ak. */
static inline xnum actual_in_unit(const jx_indicator *ind, int64_t k)
{
    return x_mul_int(x_from_dec(ind->actual.num), k);
}

/* The common unit: the actual's when the target was converted to it, else the target's. */
static inline jx_str common_unit(const jx_indicator *ind, const jx_formula_args *fa)
{
    return fa->converted == CONV_TARGET ? ind->actual.unit : ind->target.unit;
}

/*
 * The operands of a quantitative indicator, in the common unit its scoring kept in
 * fa (reconcile): pure, so the formula writer shows the numbers it was scored with.
 */
static operands operands_of(const jx_indicator *ind, const jx_formula_args *fa)
{
    operands o;
    o.t = target_in_unit(ind, fa->tk);
    o.a = actual_in_unit(ind, fa->ak);
    o.percent = fa->percent;
    o.conv = (converted)fa->converted;
    o.unit = common_unit(ind, fa);
    return o;
}

/* operands_of for fa's factors both 1 — no time unit conversion, nearly every indicator:
 * the numbers as written. Inlined, no 128-bit product is taken, and each is known to fit
 * 64 bits wherever it goes next. */
static inline operands operands_as_written(const jx_indicator *ind, const jx_formula_args *fa)
{
    jx_formula_args one = *fa;
    one.tk = one.ak = 1;
    return operands_of(ind, &one);
}

/*
 * The common unit of a quantitative indicator's operands, kept in ind->fargs. An
 * actual with neither unit nor % takes the target's; time units convert to the finer
 * of the two (exactly, every ratio being whole); any other difference is warned as a
 * mismatch and scored as the numbers stand.
 */
static void reconcile(eval_ctx *c, jx_indicator *ind)
{
    const jx_value *T = &ind->target, *A = &ind->actual;
    jx_value_common cu;
    bool mismatch = !jx_value_common_unit(T, A, &cu);
    jx_formula_args *fa = &ind->fargs;
    fa->tk = (uint32_t)cu.ka;
    fa->ak = (uint32_t)cu.kb;
    fa->percent = cu.percent;
    fa->converted = (uint8_t)cu.converted; /* the numbering of enum converted */
    if (mismatch) {
        char bt[JX_DEC_BUFSZ], ba[JX_DEC_BUFSZ];
        operands o = operands_of(ind, fa);
        jx_project_diag_add(c->p, JX_SEV_WARNING, CODE_UNIT_MISMATCH, A->pos,
                            "指标“%s”实际完成值“%s”的单位“%s%s”与目标值“%s”的单位“%s%s”不同，按数值 %s 与 %s 计分",
                            ind->name.s, A->text.s, A->percent ? "%" : "", A->unit.s, T->text.s,
                            T->percent ? "%" : "", T->unit.s, fmt_x(o.a, ba), fmt_x(o.t, bt));
    }
}

/* ------------------------------------------------------- writing a text */

/*
 * A formula, and a number with its unit, is written through a cursor: o where the next
 * byte goes, kept in a register, where a jx_sbuf's len, behind a pointer the stores may
 * alias, was loaded and stored again for every piece. A checked cursor writes into a
 * jx_sbuf, up to end: each piece tests the room first with the test of jx_sbuf_put and
 * jx_sbuf_num (so the bytes are theirs, even when memory runs out), and only one that
 * does not fit goes through the sbuf, to grow it. An unchecked one tests nothing: its
 * writer made sure of the room for the whole text first (formula_room).
 * Invariant: checked, b->len is the length written once cur_close has run.
 */
typedef struct cursor {
    jx_sbuf *b;   /* the text, when checked */
    char *o;      /* where the next byte goes */
    char *end;    /* b->s + b->cap, when checked */
    bool checked; /* the room is tested piece by piece */
} cursor;

/* A checked cursor at the end of b. */
static inline cursor cur_open(jx_sbuf *b)
{
    cursor c = {b, b->s + b->len, b->s + b->cap, true};
    return c;
}

static inline void cur_close(const cursor *c)
{
    c->b->len = (size_t)(c->o - c->b->s);
}

/* True when n more bytes and the NUL fit, the sbuf grown first when they do not
 * (jx_sbuf_reserve); false, the piece to be left out, when memory ran out. */
static inline bool cur_room(cursor *c, size_t n)
{
    if (!c->checked || __builtin_expect((size_t)(c->end - c->o) > n, 1))
        return true;
    cur_close(c);
    if (!jx_sbuf_reserve(c->b, n))
        return false;
    *c = cur_open(c->b);
    return true;
}

/* Appends s[0..n), as jx_sbuf_put. */
static inline void cur_put(cursor *c, const char *s, size_t n)
{
    if (cur_room(c, n)) {
        jx_copy_short(c->o, s, n);
        c->o += n;
    }
}

/* Appends a string literal. */
#define CUR_LIT(c, lit) cur_put((c), "" lit, sizeof(lit) - 1)

/* Appends v × 10^-scale, as jx_sbuf_num. */
static inline void cur_num(cursor *c, __int128 v, int scale, bool trim)
{
    if (cur_room(c, JX_DEC_BUFSZ))
        c->o = jx_num_at(c->o, v, scale, trim);
}

/* "%", "小时", "%万元" or "": what follows a number, its percent sign and unit. */
static inline void cur_unit(cursor *c, bool percent, jx_str unit)
{
    if (percent)
        CUR_LIT(c, "%");
    if (unit.n)
        cur_put(c, unit.s, unit.n);
}

/* "96.68%", "48小时": a number with its percent sign and unit. */
static inline void cur_with_unit(cursor *c, xnum x, bool percent, jx_str unit)
{
    cur_num(c, x.v, x.scale, true);
    cur_unit(c, percent, unit);
}

/* cur_with_unit appended to b. */
static void put_with_unit(jx_sbuf *b, xnum x, bool percent, jx_str unit)
{
    cursor c = cur_open(b);
    cur_with_unit(&c, x, percent, unit);
    cur_close(&c);
}

/* x with its percent sign and unit as a string in the project arena (for messages). */
static const char *with_unit(jx_project *p, xnum x, bool percent, jx_str unit)
{
    char small[128];
    jx_sbuf b;
    jx_sbuf_init(&b, small, sizeof small, &p->arena);
    put_with_unit(&b, x, percent, unit);
    const char *s = b.oom ? NULL : jx_arena_strndup(&p->arena, b.s, b.len);
    if (!s) {
        p->diags.oom = 1;
        return "";
    }
    return s;
}

/* ------------------------------------------------------- one indicator */

/* The comparison a met target satisfies, as the formula prints it between its spaces
 * (" ≥ "), with its length. */
static jx_str met_symbol(jx_sign s)
{
    static const jx_str ge = {" ≥ ", sizeof " ≥ " - 1}, le = {" ≤ ", sizeof " ≤ " - 1}, eq = {" = ", 3};
    switch (s) {
    case JX_SIGN_GE:
    case JX_SIGN_GT: return ge;
    case JX_SIGN_LE:
    case JX_SIGN_LT: return le;
    default: return eq;
    }
}

/*
 * percent-fraction: an actual A with 0 < A ≤ 1 written without % (and without a unit, so
 * it takes the target's %) against a % target T > 1, e.g. 0.97 against ≥95%: what a
 * spreadsheet writes when a percent cell loses its format. Scored as written (0.97%);
 * the warning names the likely reading, A × 100 %.
 */
static __attribute__((noinline)) void warn_percent_fraction(eval_ctx *c, const jx_indicator *ind)
{
    const jx_value *T = &ind->target, *A = &ind->actual;
    char ba[JX_DEC_BUFSZ], bh[JX_DEC_BUFSZ];
    jx_project_diag_add(c->p, JX_SEV_WARNING, CODE_PERCENT_FRACTION, A->pos,
                        "指标“%s”实际完成值“%s”没有百分号，对照目标值“%s”按 %s%% 计分；它可能是 %s%% 写成了小数（%s × 100%%）",
                        ind->name.s, A->text.s, T->text.s, fmt_dec(A->num, ba),
                        fmt_x(x_mul_int(x_from_dec(A->num), 100), bh), fmt_dec(A->num, ba));
}

/* percent-fraction when it applies: the test inline (nearly always answered by the units),
 * the warning out of line, so the registers of the scoring around it need not be saved. */
static inline void check_percent_fraction(eval_ctx *c, const jx_indicator *ind)
{
    if (jx_value_fraction_of_percent(&ind->target, &ind->actual))
        warn_percent_fraction(c, ind);
}

/*
 * 100·a ≥ pct·t, exactly, for a ≥ 0 and t > 0: a.v × 100·10^(S − a.scale) against
 * t.v × pct.v·10^(S − t.scale − pct.scale) at the common scale S, the products in 256
 * bits (each second factor is below 10^23). The second factors are made in 64 bits when
 * they fit — 100·10^ea for ea ≤ 17 (at most 10^19 < 2^64), and pct.v·10^et
 * when that product does not overflow — as for every usual number (a 超额提示 of 120 and
 * a few decimals); jx_cmp_products then multiplies in 128 bits when a.v and t.v fit 64.
 * The same factors either way, so the same answer.
 */
static inline bool x_reaches_pct(xnum a, xnum t, jx_dec pct)
{
    int S = a.scale > t.scale + pct.scale ? a.scale : t.scale + pct.scale;
    int ea = S - a.scale, et = S - t.scale - pct.scale; /* at least 0, one of them 0 */
    uint64_t rf64;
    if (ea <= 17 && et <= 19 && pct.v >= 0 && !__builtin_mul_overflow((uint64_t)pct.v, jx_pow10_64[et], &rf64))
        return jx_cmp_products((unsigned __int128)a.v, 100 * jx_pow10_64[ea], (unsigned __int128)t.v, rf64) >= 0;
    __int128 lf = 100 * jx_pow10_128(ea);
    __int128 rf = pct.v * jx_pow10_128(et);
    return jx_cmp_products((unsigned __int128)a.v, (unsigned __int128)lf, (unsigned __int128)t.v,
                           (unsigned __int128)rf) >= 0;
}

/* Scores a quantitative indicator whose actual is a number, o its operands (operands_of);
 * full is its score when met (full_units of its weight). */
static inline __attribute__((always_inline)) void score_quantitative_of(eval_ctx *c, jx_indicator *ind,
                                                                        int64_t full, operands o)
{
    xnum w = weight_of(ind);
    jx_sign sign = ind->target.sign == JX_SIGN_NONE ? JX_SIGN_EQ : ind->target.sign;
    int cmp = x_cmp_small(o.a, o.t);
    int64_t s = 0;
    check_percent_fraction(c, ind);

    if (x_is_neg(o.a)) {
        ind->method = JX_METHOD_NEGATIVE;
        ind->score = 0;
        return;
    }
    bool met = (sign == JX_SIGN_GE || sign == JX_SIGN_GT)   ? cmp >= 0
               : (sign == JX_SIGN_LE || sign == JX_SIGN_LT) ? cmp <= 0
                                                            : cmp == 0;
    if (met) {
        s = full;
        ind->method = (sign == JX_SIGN_GE || sign == JX_SIGN_GT)   ? JX_METHOD_GE_MET
                      : (sign == JX_SIGN_LE || sign == JX_SIGN_LT) ? JX_METHOD_LE_MET
                                                                   : JX_METHOD_EQ_MET;
    } else if (sign == JX_SIGN_GE || sign == JX_SIGN_GT) {
        s = x_muldiv(w, o.a, o.t, c->dec);
        ind->method = JX_METHOD_GE_RATIO;
    } else if (sign == JX_SIGN_EQ) {
        if (x_sign(o.t) <= 0) {
            s = 0;
            ind->method = JX_METHOD_EQ_ZERO;
        } else if (cmp < 0) {
            s = x_muldiv(w, o.a, o.t, c->dec);
            ind->method = JX_METHOD_EQ_RATIO;
        } else {
            s = full;
            ind->method = JX_METHOD_EQ_OVER;
        }
    } else { /* ≤, < not met: A > T */
        if (x_sign(o.t) <= 0) {
            s = 0;
            ind->method = JX_METHOD_LE_ZERO;
        } else if (c->pol->reverse == JX_REVERSE_RATIO) {
            s = x_muldiv(w, o.t, o.a, c->dec);
            ind->method = JX_METHOD_LE_RATIO;
        } else {
            xnum room = x_sub(x_mul_int(o.t, 2), o.a); /* 2T − A */
            ind->method = JX_METHOD_LE_LINEAR;
            s = x_sign(room) <= 0 ? 0 : x_muldiv(w, room, o.t, c->dec);
        }
    }
    ind->score = s;

    /* over-target: A ≥ over_pct% × T for ≥, > and = with T > 0 (A ≥ 0 here: a negative
     * actual returned above). An actual below its target (cmp < 0: a ratio's) cannot reach
     * over_pct% × T when over_pct is 100 or more, as a valid policy's is (c->over_par): it
     * is not compared. */
    bool upward = sign == JX_SIGN_GE || sign == JX_SIGN_GT || sign == JX_SIGN_EQ;
    if (upward && (cmp >= 0 || !c->over_par) && x_sign(o.t) > 0 && x_reaches_pct(o.a, o.t, c->pol->over_pct)) {
        jx_project *p = c->p;
        char bp[JX_DEC_BUFSZ], bo[JX_DEC_BUFSZ];
        __int128 pct;
        bool exact = x_pct_units(o.a, o.t, &pct);
        if (exact) /* else A / T passes 10^34: said so rather than a rounded number */
            jx_num_put(pct, 2, false, bp);
        else
            snprintf(bp, sizeof bp, "10^36");
        const char *ta = with_unit(p, o.a, o.percent, o.unit);
        const char *tt = with_unit(p, o.t, o.percent, o.unit);
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_OVER_TARGET, ind->actual.pos,
                            "指标“%s”实际完成值 %s 达到目标值 %s 的 %s%%%s（超额提示 %s%%），按满分计，目标值可能偏低，请说明原因",
                            ind->name.s, ta, tt, bp, exact ? "" : " 以上", fmt_dec(c->pol->over_pct, bo));
    }
}

/* Scores a quantitative indicator whose actual is a number; full is its score when met.
 * Its operands as written (operands_as_written) when no unit was converted, so that, for
 * nearly every indicator, what score_quantitative_of does with them is done in 64 bits. */
static void score_quantitative(eval_ctx *c, jx_indicator *ind, int64_t full)
{
    reconcile(c, ind);
    if (ind->fargs.tk == 1 && ind->fargs.ak == 1)
        score_quantitative_of(c, ind, full, operands_as_written(ind, &ind->fargs));
    else
        score_quantitative_of(c, ind, full, operands_of(ind, &ind->fargs));
}

/* w × pct, exactly: w × pct% in hundredths of a point. */
static inline xnum x_times_pct(xnum w, jx_dec pct)
{
    w.v *= pct.v;
    w.scale += pct.scale;
    return w;
}

/* A number of hundredths of a point (x_times_pct) as a score: over 100, rounded. */
static inline int64_t hundredths_units(const eval_ctx *c, xnum h)
{
    return x_muldiv(h, x_from_int(1), x_from_int(100), c->dec);
}

/* The score w × pct% rounded, for a 定性 percentage. */
static int64_t pct_units(const eval_ctx *c, xnum w, jx_dec pct)
{
    return hundredths_units(c, x_times_pct(w, pct));
}

/* The band of judgement j for a weight w, exactly, in hundredths of a point: [w × lo%,
 * w × hi%], hi included for 达成 only. Worked out once for an indicator, it gives both the
 * test of a claim (claim_in_band) and the bounds in points (band_units). */
typedef struct qband {
    xnum lo, hi;
    jx_judge j;
} qband;

static inline qband band_of(const eval_ctx *c, xnum w, jx_judge j)
{
    int k = (int)j - 1;
    qband b = {x_times_pct(w, c->pol->qual_band_lo[k]), x_times_pct(w, c->pol->qual_band_hi[k]), j};
    return b;
}

/* The band in points: its bounds rounded as any score (pct_units). */
static void band_units(const eval_ctx *c, const qband *b, int64_t *lo, int64_t *hi)
{
    *lo = hundredths_units(c, b->lo);
    *hi = hundredths_units(c, b->hi);
}

/* True when claim × 100 lies in the band. */
static inline bool claim_in_band(const qband *b, jx_dec claim)
{
    xnum cl = x_mul_int(x_from_dec(claim), 100);
    if (x_cmp(cl, b->lo) < 0)
        return false;
    int top = x_cmp(cl, b->hi);
    return b->j == JX_JUDGE_MET ? top <= 0 : top < 0;
}

/* "[9.00, 12.00)": the band of judgement j in points, lo and hi from band_units. */
static const char *band_text(eval_ctx *c, int64_t lo, int64_t hi, jx_judge j)
{
    char bl[JX_DEC_BUFSZ], bh[JX_DEC_BUFSZ];
    return formula(c->p, "[%s, %s%s", fmt_units(c, lo, bl), fmt_units(c, hi, bh),
                   j == JX_JUDGE_MET ? "]" : ")");
}

/* Scores a 定性 indicator; sets *claim_done when its 得分 was weighed here. */
static void score_qualitative(eval_ctx *c, jx_indicator *ind, bool *claim_done)
{
    jx_project *p = c->p;
    xnum w = weight_of(ind);
    char bs[JX_DEC_BUFSZ], bp[JX_DEC_BUFSZ], bc[JX_DEC_BUFSZ];
    jx_judge j = ind->judge;
    bool implied = false;
    /* the same bytes are the same text: nearly every actual that restates its target is
     * written just as the target, and needs no trimming (jx_str_same_text) */
    if (j == JX_JUDGE_NONE && (jx_str_same_bytes(ind->actual.text, ind->target.text) ||
                               jx_str_same_text(ind->actual.text, ind->target.text))) {
        j = JX_JUDGE_MET;
        implied = true;
    }
    if (j != JX_JUDGE_NONE) {
        jx_dec pct = c->pol->qual_pct[j - 1];
        ind->fargs.judge = j;
        ind->fargs.pct = pct;
        if (ind->has_claim) {
            *claim_done = true;
            qband b = band_of(c, w, j);
            band_units(c, &b, &ind->fargs.band_lo, &ind->fargs.band_hi);
            if (claim_in_band(&b, ind->claim)) { /* 0 ≤ claim ≤ w ≤ 100: rounded as any weight */
                ind->score = jx_dec_to_units(ind->claim, c->dec);
                ind->method = JX_METHOD_QUAL_CLAIMED;
                return;
            }
            /* rejected, as deployed systems do: scored min(claim, band top), never more
             * than claimed and never above the band; 0 for a negative claim. Compared
             * exactly (claim × 100 against w × top%), then rounded like any score. */
            int64_t got;
            if (jx_dec_is_negative(ind->claim))
                got = 0;
            else if (x_cmp(x_mul_int(x_from_dec(ind->claim), 100), b.hi) >= 0)
                got = ind->fargs.band_hi;
            else /* 0 ≤ claim < w × top% ≤ w */
                got = jx_dec_to_units(ind->claim, c->dec);
            ind->score = got;
            ind->method = JX_METHOD_QUAL_OUT_OF_BAND;
            jx_project_diag_add(p, JX_SEV_ERROR, CODE_QUAL_BAND,
                                ind->claim_pos.line ? ind->claim_pos : ind->pos,
                                "指标“%s”自评得分 %s 不在“%s”的区间 %s 内，不予认可；按自评得分与区间上限 %s 中较低者计 %s 分",
                                ind->name.s, fmt_dec(ind->claim, bc), jx_judge_name(j),
                                band_text(c, ind->fargs.band_lo, ind->fargs.band_hi, j),
                                fmt_units(c, ind->fargs.band_hi, bp), fmt_units(c, got, bs));
            return;
        }
        ind->score = pct_units(c, w, pct);
        ind->method = implied ? JX_METHOD_QUAL_MET : JX_METHOD_QUAL_JUDGED;
        return;
    }
    if (ind->has_claim) {
        /* a 得分 without 评定: used when it lies in one of the bands, which names it;
         * otherwise it is judged as no claim, and reported as a differing claim */
        for (jx_judge k = JX_JUDGE_MET; k <= JX_JUDGE_UNMET; k++) {
            qband b = band_of(c, w, k);
            if (claim_in_band(&b, ind->claim)) {
                *claim_done = true;
                int64_t cl = x_muldiv(x_from_dec(ind->claim), x_from_int(1), x_from_int(1), c->dec);
                ind->score = cl;
                ind->method = JX_METHOD_QUAL_CLAIMED;
                ind->fargs.judge = k;
                ind->fargs.unjudged = true;
                band_units(c, &b, &ind->fargs.band_lo, &ind->fargs.band_hi);
                return;
            }
        }
    }
    ind->score = 0;
    ind->method = JX_METHOD_QUAL_UNJUDGED;
    jx_project_diag_add(p, JX_SEV_WARNING, CODE_QUAL_UNJUDGED, ind->actual.pos,
                        "指标“%s”实际完成值“%s”与目标值“%s”不同，且没有评定，按 0 分计",
                        ind->name.s, ind->actual.text.s, ind->target.text.s);
}

/* Scores one applicable indicator and checks its claim and its 偏差. */
static void score_indicator(eval_ctx *c, jx_indicator *ind)
{
    jx_project *p = c->p;
    char bs[JX_DEC_BUFSZ], bc[JX_DEC_BUFSZ], bw[JX_DEC_BUFSZ];
    bool claim_done = false;
    xnum w = weight_of(ind);
    int64_t full = full_units(c, w); /* the score of a met target, and what a lower one is warned below */
    if (!ind->actual.present) {
        ind->score = 0;
        ind->method = JX_METHOD_MISSING_ACTUAL;
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_MISSING_ACTUAL, ind->pos,
                            "指标“%s”没有实际完成值，按 0 分计", ind->name.s);
    } else if (ind->target.sign == JX_SIGN_QUAL) {
        score_qualitative(c, ind, &claim_done);
    } else if (ind->actual.is_text) {
        ind->score = 0;
        ind->method = JX_METHOD_TEXT_ACTUAL;
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_VAGUE_ACTUAL, ind->actual.pos,
                            "实际完成值“%s”不是数值，按 0 分计", ind->actual.text.s);
    } else {
        score_quantitative(c, ind, full);
    }

    if (ind->has_claim && !claim_done && !x_dec_is_units(ind->claim, ind->score, c->dec))
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_CLAIMED_SCORE,
                            ind->claim_pos.line ? ind->claim_pos : ind->pos,
                            "指标“%s”自评得分 %s 与重算得分 %s 不符", ind->name.s,
                            fmt_dec(ind->claim, bc), fmt_units(c, ind->score, bs));

    if (ind->reason.n == 0 && ind->score < full)
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_MISSING_REASON, ind->pos,
                            "指标“%s”得分 %s 低于权重 %s，没有填写偏差原因分析及改进措施",
                            ind->name.s, fmt_units(c, ind->score, bs), fmt_x(w, bw));
}

/* ------------------------------------------------------------ the project */

/*
 * What the indicators of each group add up to is gathered in the scoring pass, one
 * indicator at a time (tally): the group's score (jx_group.score, a 二级 group's carried
 * to its 一级 parent) and, for points-mismatch, the weights of the indicators directly
 * inside it. Weights are added at JX_DEC_MAX_SCALE in 64 bits (jx_weight_bits):
 * check_ranges() has held each to 0..100, so no sum of them nears 2^63 (score.c), and
 * an exact sum is the same number whatever scale it is kept at.
 */
typedef struct group_sums {
    int64_t own;   /* the weights of the indicators directly inside, at JX_DEC_MAX_SCALE */
    int64_t kids;  /* the 二级 children's parts (a 一级 group's), at JX_DEC_MAX_SCALE */
    bool has_own;  /* some indicator lies directly inside */
    bool has_kids; /* some 二级 child does */
} group_sums;

/* The groups' sums before the first indicator: gs (one per group, in the project arena)
 * empty; gs is NULL when there are no groups or memory ran out. Every group's score is 0
 * already, set so by check_ranges. */
static group_sums *tally_open(jx_project *p)
{
    if (p->ngroups == 0)
        return NULL;
    group_sums *gs = jx_arena_alloc(&p->arena, p->ngroups * sizeof *gs);
    if (!gs) {
        p->diags.oom = 1;
        return NULL;
    }
    memset(gs, 0, p->ngroups * sizeof *gs);
    return gs;
}

/* Adds a scored indicator, whose jx_indicator_weight_bits are wbits, to its group's sums
 * (and its score to the group's 一级 parent). */
static inline void tally(jx_project *p, group_sums *gs, const jx_indicator *ind, uint64_t wbits)
{
    /* each read once, before the stores below, which could alias them for the compiler */
    uint32_t gi = ind->group;
    jx_group *groups = p->groups;
    size_t ngroups = p->ngroups;
    int64_t score = ind->score;
    if (gi >= ngroups)
        return;
    jx_group *g = &groups[gi];
    if (score >= 0) {
        g->score += score;
        if (g->level == 2 && g->parent < ngroups && g->parent != gi)
            groups[g->parent].score += score;
    }
    if (gs) {
        gs[gi].own += (int64_t)wbits; /* 0 without a weight */
        gs[gi].has_own = true;
    }
}

/* points-mismatch: each group with declared points against what its children declare —
 * the weights of its indicators (gs, from tally) and, for a 一级 group, its 二级
 * children's points, or their indicators' weights where they declare none. */
static void check_points(eval_ctx *c, group_sums *gs)
{
    jx_project *p = c->p;
    char bp[JX_DEC_BUFSZ], bsum[JX_DEC_BUFSZ];
    if (!gs)
        return;
    /* held: the sums' stores, 64-bit integers, could alias p->ngroups as far as the
     * compiler knows, which would then be loaded again for each group */
    const jx_group *groups = p->groups;
    size_t ngroups = p->ngroups;
    for (size_t k = 0; k < ngroups; k++) {
        const jx_group *kid = &groups[k];
        if (kid->level != 2 || kid->parent >= ngroups || kid->parent == k || groups[kid->parent].level != 1)
            continue;
        group_sums *up = &gs[kid->parent];
        up->kids += kid->has_points ? (int64_t)jx_weight_bits(kid->points) : gs[k].own;
        up->has_kids = true;
    }
    for (size_t g = 0; g < ngroups; g++) {
        const jx_group *grp = &groups[g];
        if (!grp->has_points)
            continue;
        int64_t sum = gs[g].own;
        bool any = gs[g].has_own;
        if (grp->level == 1 && gs[g].has_kids) {
            sum += gs[g].kids;
            any = true;
        }
        if (sum == (int64_t)jx_weight_bits(grp->points))
            continue;
        if (!any && jx_dec_is_zero(grp->points))
            continue;
        if (grp->level == 1)
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_POINTS_MISMATCH, grp->pos,
                                "一级指标“%s”的分值 %s 与其下二级指标分值合计 %s 不符",
                                grp->name.s, fmt_dec(grp->points, bp),
                                fmt_x(x_from_units(sum, JX_DEC_MAX_SCALE), bsum));
        else
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_POINTS_MISMATCH, grp->pos,
                                "二级指标“%s”的分值 %s 与其下三级指标权重合计 %s 不符",
                                grp->name.s, fmt_dec(grp->points, bp),
                                fmt_x(x_from_units(sum, JX_DEC_MAX_SCALE), bsum));
    }
}

/* The position of a project-wide diagnostic. */
static jx_pos project_pos(const jx_project *p)
{
    return p->pos;
}

/* The 全年预算 and 全年执行 预算执行率 单列 is taken from: the 年度资金总额 row when its
 * 全年预算 is above 0, otherwise the sum of the other 资金 rows; rows that do not give both
 * amounts take no part (jx_funds_executed). */
static void exec_amounts(const jx_project *p, xnum *budget, xnum *spent)
{
    *budget = x_from_int(0);
    *spent = x_from_int(0);
    const jx_funds *total_row = NULL;
    for (size_t i = 0; i < p->nfunds; i++)
        if (strcmp(p->funds[i].source.s, "年度资金总额") == 0 && jx_funds_executed(&p->funds[i]))
            total_row = &p->funds[i];
    if (total_row && jx_dec_cmp(total_row->budget, jx_dec_from_int(0)) > 0) {
        *budget = x_from_dec(total_row->budget);
        *spent = x_from_dec(total_row->spent);
        return;
    }
    for (size_t i = 0; i < p->nfunds; i++) {
        if (&p->funds[i] == total_row || !jx_funds_executed(&p->funds[i]) ||
            strcmp(p->funds[i].source.s, "年度资金总额") == 0)
            continue;
        xnum b = x_from_dec(p->funds[i].budget), s = x_from_dec(p->funds[i].spent);
        x_align(budget, &b);
        budget->v += b.v;
        x_align(spent, &s);
        spent->v += s.v;
    }
}

/* 预算执行率 单列: points × 全年执行 / 全年预算, capped under 封顶. Returns its units. The
 * amounts are within check_ranges()'s bounds, and without 封顶 全年执行 is at most
 * EXEC_RATE_MAX × 全年预算, so the score fits 64 bits. */
static int64_t score_execution(eval_ctx *c)
{
    jx_project *p = c->p;
    const jx_policy *pol = c->pol;
    char bs[JX_DEC_BUFSZ], bn[JX_DEC_BUFSZ], bb[JX_DEC_BUFSZ], be[JX_DEC_BUFSZ];
    xnum budget, spent;
    exec_amounts(p, &budget, &spent);
    xnum n = x_from_dec(pol->exec_points);
    p->exec_points = pol->exec_points;
    fmt_x(n, bn);
    if (x_sign(budget) <= 0) {
        p->exec_formula = formula(p, "%s（全年预算数为 0，预算执行率按 0 分计）", fmt_units(c, 0, bs));
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_EXEC_BUDGET,
                            p->nfunds ? p->funds[0].pos : project_pos(p),
                            "项目“%s”的全年预算数为 0，预算执行率（%s 分）按 0 分计", p->name.s, bn);
        return 0;
    }
    __int128 q = x_muldiv128(n, spent, budget, c->dec);
    fmt_x(budget, bb);
    fmt_x(spent, be);
    int64_t cap = full_units(c, n);
    if (pol->exec_cap && q > cap) {
        p->exec_formula = formula(p, "%s = %s（%s × %s / %s 超过 %s，封顶）", fmt_units(c, cap, bs), bn,
                                  bn, be, bb, bn);
        return cap;
    }
    int64_t s = q > INT64_MAX ? INT64_MAX : (int64_t)q;
    p->exec_formula = formula(p, "%s = %s × %s / %s", fmt_units(c, s, bs), bn, be, bb);
    return s;
}

/* ------------------------------------------------------------------ ranges */

/*
 * The numbers of a project must lie where the exact arithmetic is defined for them
 * (docs/scoring.md, "Ranges"); outside, a `value-range` error at the value, and the
 * project is not scored:
 *   - 权重, and a group's 分值: 0 to WEIGHT_MAX with at most WEIGHT_DECIMALS decimals
 *     (trailing zeros do not count), so every score is at most 100 and a total, or a
 *     group's points in hundredths, never leaves 64 bits;
 *   - 资金 amounts: not negative (a negative 全年执行 would make a negative 预算执行率 score);
 *   - under 预算执行率 单列 without 封顶: 全年执行 at most EXEC_RATE_MAX × 全年预算.
 * 年度指标值 and 实际完成值 take any number the rule language reads (up to 18 digits, 9 of
 * them decimals; a longer one is a syntax error): with w ≤ 100 the products of the
 * formulas stay below 10^33 (a ratio's numerator is below w × T's coefficient × 10^4,
 * T's coefficient below 10^18 × 6.048·10^8 after a time unit conversion), and the
 * over-target test is taken in 256 bits.
 */
#define WEIGHT_MAX 100
#define WEIGHT_DECIMALS 4
#define EXEC_RATE_MAX 100 /* 10000 % */

/* The decimals of d that are not trailing zeros (20.50 has 1). */
static int significant_decimals(jx_dec d)
{
    int64_t v = d.v;
    int k = d.scale;
    while (k > 0 && v % 10 == 0) {
        v /= 10;
        k--;
    }
    return k;
}

/* weight_in_range for d written with more than WEIGHT_DECIMALS places: out of line, as
 * few weights are. */
static bool weight_in_range_plain(jx_dec d)
{
    return !jx_dec_is_negative(d) && jx_dec_cmp(d, jx_dec_from_int(WEIGHT_MAX)) <= 0 &&
           significant_decimals(d) <= WEIGHT_DECIMALS;
}

/* True when d lies in 0..WEIGHT_MAX with at most WEIGHT_DECIMALS decimals that are not
 * trailing zeros: the range of a 权重 and of a group's 分值. */
static inline bool weight_in_range(jx_dec d)
{
    /* Written with at most WEIGHT_DECIMALS places, as nearly every weight is: every decimal
     * may count, so only the coefficient is compared, against WEIGHT_MAX at d's scale.
     * Kept, and inline, because it is asked of every indicator and group of every project. */
    static const uint64_t max_at[WEIGHT_DECIMALS + 1] = {WEIGHT_MAX, WEIGHT_MAX * 10, WEIGHT_MAX * 100,
                                                         WEIGHT_MAX * 1000, WEIGHT_MAX * 10000};
    _Static_assert(WEIGHT_DECIMALS == 4, "max_at is WEIGHT_MAX at each scale up to WEIGHT_DECIMALS");
    if ((uint32_t)d.scale <= WEIGHT_DECIMALS)
        return (uint64_t)d.v <= max_at[d.scale]; /* a negative v is past it */
    return weight_in_range_plain(d);
}

/* Checks every number of the project against its range; false when one is out. Each
 * group's score is set to 0 on the way, for tally to add to (or to stay, unscored). */
static bool check_ranges(eval_ctx *c)
{
    jx_project *p = c->p;
    char b1[JX_DEC_BUFSZ], b2[JX_DEC_BUFSZ], b3[JX_DEC_BUFSZ];
    size_t before = p->diags.errors;
    const jx_indicator *inds = p->inds; /* held: a finding changes neither these nor the groups */
    size_t ninds = p->ninds;
    for (size_t i = 0; i < ninds; i++) {
        const jx_indicator *ind = &inds[i];
        if (!ind->has_weight || weight_in_range(ind->weight))
            continue;
        jx_project_diag_add(p, JX_SEV_ERROR, CODE_VALUE_RANGE, ind->weight_pos.line ? ind->weight_pos : ind->pos,
                            "指标“%s”的权重 %s %s：权重应在 0～100 之间，最多 4 位小数；项目无法计分",
                            ind->name.s, fmt_dec(ind->weight, b1),
                            jx_dec_is_negative(ind->weight) ? "为负数" : "超出范围");
    }
    jx_group *groups = p->groups; /* held, as inds */
    size_t ngroups = p->ngroups;
    for (size_t g = 0; g < ngroups; g++) {
        jx_group *grp = &groups[g];
        grp->score = 0;
        if (grp->has_points && !weight_in_range(grp->points))
            jx_project_diag_add(p, JX_SEV_ERROR, CODE_VALUE_RANGE, grp->pos,
                                "%s指标“%s”的分值 %s %s：分值应在 0～100 之间，最多 4 位小数；项目无法计分",
                                grp->level == 1 ? "一级" : "二级", grp->name.s, fmt_dec(grp->points, b1),
                                jx_dec_is_negative(grp->points) ? "为负数" : "超出范围");
    }
    static const char *const amount_names[3] = {"年初预算数", "全年预算数", "全年执行数"};
    bool funds_ok = true;
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        const jx_dec amounts[3] = {f->initial, f->budget, f->spent};
        for (int k = 0; k < 3; k++) {
            if (!jx_dec_is_negative(amounts[k]))
                continue;
            funds_ok = false;
            jx_project_diag_add(p, JX_SEV_ERROR, CODE_VALUE_RANGE, f->pos,
                                "资金“%s”的%s %s 为负数：金额不能小于 0；项目无法计分", f->source.s,
                                amount_names[k], fmt_dec(amounts[k], b1));
        }
    }
    if (funds_ok && c->pol->exec_separate && !c->pol->exec_cap) {
        xnum budget, spent;
        exec_amounts(p, &budget, &spent);
        if (x_sign(budget) > 0 && x_cmp(spent, x_mul_int(budget, EXEC_RATE_MAX)) > 0)
            jx_project_diag_add(p, JX_SEV_ERROR, CODE_VALUE_RANGE, p->nfunds ? p->funds[0].pos : project_pos(p),
                                "项目“%s”的全年执行数 %s 超过全年预算数 %s 的 100 倍，预算执行率（%s 分，不封顶）无法计分；项目无法计分",
                                p->name.s, fmt_x(spent, b1), fmt_x(budget, b2),
                                fmt_dec(c->pol->exec_points, b3));
    }
    return p->diags.errors == before;
}

/*
 * weight-sum: the declared weights (不适用 ones included) against the layout's total T;
 * `unweighted` is how many indicators have none.
 * Returns the reason the 结论 is withheld (the note printed beside it), NULL when it
 * is given:
 *   - no indicator has a weight (a target table, seeds 003 and 004): the parser warned
 *     missing-weight for each; weight-sum is warned as before; no 结论;
 *   - under 权重合计 警告: weight-sum warned when the sum differs from T; the 结论 given
 *     from the raw total (the behaviour before issue 10);
 *   - otherwise a sum that differs from T, or some indicators without a weight, is a
 *     weight-sum error (the project is still scored) and no 结论.
 */
static const char *check_weight_sum(eval_ctx *c, xnum weights, xnum layout, size_t unweighted)
{
    jx_project *p = c->p;
    const jx_policy *pol = c->pol;
    char b1[JX_DEC_BUFSZ], b2[JX_DEC_BUFSZ], b3[JX_DEC_BUFSZ];
    bool differs = x_cmp_small(weights, layout) != 0;
    bool none = unweighted == p->ninds;
    if (!differs && !none && unweighted == 0)
        return NULL; /* nearly every project: nothing to say, so no number is written */
    char sep[JX_DEC_BUFSZ + 64] = "";
    if (pol->exec_separate)
        snprintf(sep, sizeof sep, "（预算执行率单列 %s 分）", fmt_dec(pol->exec_points, b3));
    fmt_x(weights, b1);
    fmt_x(layout, b2);
    if (none || pol->weight_sum_warn) {
        if (differs)
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_WEIGHT_SUM, project_pos(p),
                                "项目“%s”各指标权重合计 %s，不等于 %s%s，总分按实际合计计算，未折算", p->name.s,
                                b1, b2, sep);
        return none ? formula(p, "指标都没有权重，不评定自评结论。") : NULL;
    }
    if (unweighted > 0) {
        jx_project_diag_add(p, JX_SEV_ERROR, CODE_WEIGHT_SUM, project_pos(p),
                            "项目“%s”有 %zu 个指标没有权重，各指标权重合计 %s，满分 %s%s，总分按实际合计计算，未折算；不评定自评结论",
                            p->name.s, unweighted, b1, b2, sep);
        return formula(p, "有 %zu 个指标没有权重，不评定自评结论。", unweighted);
    }
    if (!differs)
        return NULL;
    jx_project_diag_add(p, JX_SEV_ERROR, CODE_WEIGHT_SUM, project_pos(p),
                        "项目“%s”各指标权重合计 %s，不等于 %s%s，总分按实际合计计算，未折算；不评定自评结论",
                        p->name.s, b1, b2, sep);
    return formula(p, "各指标权重合计 %s，不等于满分 %s，不评定自评结论。", b1, b2);
}

/* The grade of a total in units under the policy's bands (jx_grade_of). */
static jx_grade grade_of(const eval_ctx *c, int64_t total)
{
    jx_dec t = {total, c->dec};
    return jx_grade_of(c->pol, t);
}

/* 总分高于90分（含）的结论为“优”，90～80分（含）为“良”，80～60分（含）为“中”，低于60分为“差”:
 * the sentence of the bands bands[0..3), written at buf (JX_BAND_NOTE_ROOM bytes), without
 * printf or a growing buffer: through an unchecked cursor. Returns its length (no NUL). */
static size_t band_text_put(char *buf, const jx_dec bands[3])
{
    char b[3][JX_DEC_BUFSZ];
    jx_str n[3];
    /* jx_num_put, out of line, not jx_num_at: inlined into jx_score in the build by profile,
     * jx_num_at's length was not bounded for gcc, which warned of reading past b
     * (-Warray-bounds) */
    for (int k = 0; k < 3; k++)
        n[k] = (jx_str){b[k], (uint32_t)jx_num_put(bands[k].v, bands[k].scale, true, b[k])};
    cursor o = {NULL, buf, NULL, false};
    CUR_LIT(&o, "总分高于");
    cur_put(&o, n[0].s, n[0].n);
    CUR_LIT(&o, "分（含）的结论为“优”，");
    cur_put(&o, n[0].s, n[0].n);
    CUR_LIT(&o, "～");
    cur_put(&o, n[1].s, n[1].n);
    CUR_LIT(&o, "分（含）为“良”，");
    cur_put(&o, n[1].s, n[1].n);
    CUR_LIT(&o, "～");
    cur_put(&o, n[2].s, n[2].n);
    CUR_LIT(&o, "分（含）为“中”，低于");
    cur_put(&o, n[2].s, n[2].n);
    CUR_LIT(&o, "分为“差”。");
    return (size_t)(o.o - buf);
}

/* True when a and b are the same three decimals, coefficient and scale. */
static inline bool same_bands(const jx_dec a[3], const jx_dec b[3])
{
    return ((a[0].v ^ b[0].v) | (a[1].v ^ b[1].v) | (a[2].v ^ b[2].v)) == 0 &&
           a[0].scale == b[0].scale && a[1].scale == b[1].scale && a[2].scale == b[2].scale;
}

/*
 * The band sentence of c's policy (band_text_put). It depends on the bands alone, and a
 * run scores all its projects under one policy: the first scoring keeps it in the policy
 * (jx_band_note, whose invariant makes the read after an acquire of READY safe on any
 * thread), and every project scored under the very same bands — each coefficient and
 * scale equal, so the same digits — points at it. Under bands changed since, or while
 * another thread is making it, the sentence is made in the project's arena.
 */
static const char *band_note(eval_ctx *c)
{
    const jx_dec *bands = c->pol->bands;
    jx_band_note *kept = (jx_band_note *)&c->pol->band_note; /* see jx_policy.band_note */
    int state = __atomic_load_n(&kept->state, __ATOMIC_ACQUIRE);
    if (state == JX_BAND_NOTE_READY && same_bands(kept->bands, bands))
        return kept->text;
    char buf[JX_BAND_NOTE_ROOM];
    size_t n = band_text_put(buf, bands);
    int empty = JX_BAND_NOTE_EMPTY;
    if (state == JX_BAND_NOTE_EMPTY && __atomic_compare_exchange_n(&kept->state, &empty, JX_BAND_NOTE_MAKING, false,
                                                                   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        memcpy(kept->bands, bands, sizeof kept->bands);
        memcpy(kept->text, buf, n);
        kept->text[n] = '\0';
        __atomic_store_n(&kept->state, JX_BAND_NOTE_READY, __ATOMIC_RELEASE);
        return kept->text;
    }
    const char *note = jx_arena_strndup(&c->p->arena, buf, n);
    if (!note) {
        c->p->diags.oom = 1;
        return "";
    }
    return note;
}

/* Orders the diagnostics from index `from` on by source position (stable; those without
 * a position last), so the evaluator's warnings read in the order of the file. */
static void sort_by_position(jx_diags *d, size_t from)
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

jx_result jx_score(jx_project *p, const jx_policy *pol)
{
    if (!p || !pol)
        return JX_ERR_USAGE;
    /* the formulas built on request since the last scoring are stale from here on */
    if (!jx_project_formula_store(p))
        return JX_ERR_NOMEM;
    jx_project_forget_formulas(p);
    drop_own_diags(p); /* an earlier scoring's findings, errors among them */
    if (p->diags.errors > 0)
        return JX_ERR_INPUT;
    size_t first_own = p->diags.n;
    /* any string of the project arena that could not be made while scoring (a
     * finding's text, a check's table) makes the scoring JX_ERR_NOMEM */
    p->arena.oom = 0;

    eval_ctx ctx = {p, pol, pol->decimals, jx_dec_cmp(pol->over_pct, jx_dec_from_int(100)) >= 0};
    eval_ctx *c = &ctx;
    char b1[JX_DEC_BUFSZ], b2[JX_DEC_BUFSZ], b3[JX_DEC_BUFSZ], b4[JX_DEC_BUFSZ];

    /* numbers out of range: the project is not scored (as after a syntax error) */
    p->group_source_order = pol->group_source_order;
    p->scored = false;
    p->grade = JX_GRADE_NONE;
    p->total = 0;
    if (!check_ranges(c)) {
        for (size_t i = 0; i < p->ninds; i++) {
            p->inds[i].score = -1;
            p->inds[i].method = JX_METHOD_NONE;
            p->inds[i].formula = "";
        }
        sort_by_position(&p->diags, first_own); /* the groups' scores are 0 (check_ranges) */
        return p->diags.oom || p->arena.oom ? JX_ERR_NOMEM : JX_ERR_INPUT;
    }

    p->decimals = pol->decimals;
    const char *pname = pol->name.s ? pol->name.s : "";
    p->policy_name = jx_arena_strndup(&p->arena, pname, strlen(pname));
    if (!p->policy_name) {
        p->diags.oom = 1;
        p->policy_name = "";
    }

    /* the indicators, in source order, each added to its group's sums */
    int64_t sum = 0;
    bool any_na = false;
    size_t unweighted = 0;
    uint64_t weights = 0; /* jx_indicator_weights(p), its parts added in this pass */
    uint64_t na_bits = 0;   /* the part of it of the 不适用 indicators */
    int64_t scores_or = 0;  /* the applicable indicators' scores ORed: below 0 when one is */
    group_sums *gs = tally_open(p);
    jx_indicator *inds = p->inds; /* held: scoring and its findings add no indicator */
    size_t ninds = p->ninds;
    for (size_t i = 0; i < ninds; i++) {
        jx_indicator *ind = &inds[i];
        ind->project = p;
        ind->formula = "";
        memset(&ind->fargs, 0, sizeof ind->fargs);
        unweighted += !ind->has_weight;
        if (ind->not_applicable) {
            any_na = true;
            ind->score = 0;
            ind->method = JX_METHOD_NOT_APPLICABLE;
            ind->fargs.rescale = pol->na_rule == JX_NA_RESCALE;
            na_bits += jx_indicator_weight_bits(ind);
        } else {
            ind->score = -1;
            ind->method = JX_METHOD_NONE;
            score_indicator(c, ind);
            sum += ind->score;
            scores_or |= ind->score;
        }
        uint64_t wbits = jx_indicator_weight_bits(ind);
        weights += wbits;
        tally(p, gs, ind, wbits);
    }
    uint64_t applicable_bits = weights - na_bits; /* jx_applicable_weight(p)'s */
    assert(jx_weights_dec(weights).v == jx_indicator_weights(p).v);
    assert(jx_weights_dec(applicable_bits).v == jx_applicable_weight(p).v);
    check_points(c, gs);

    /* weights against the layout's total (满分): withhold the 结论 when they cannot be
     * graded against it (docs/scoring.md, "A project") */
    xnum layout = x_from_dec(pol->layout_total);
    const char *withheld = check_weight_sum(c, x_from_dec(jx_weights_dec(weights)), layout, unweighted);

    /* 不适用 按比例折算: the rest's sum × layout total / applicable weight */
    int64_t total = sum;
    jx_dec applicable = any_na && pol->na_rule == JX_NA_RESCALE ? jx_weights_dec(applicable_bits) : jx_dec_from_int(0);
    if (applicable.v > 0) {
        total = jx_na_rescale(sum, pol->layout_total, applicable);
        jx_project_diag_add(p, JX_SEV_NOTE, CODE_NA_RESCALE, project_pos(p),
                            "项目“%s”有不适用指标，其余指标得分 %s 按 %s / %s 折算为 %s",
                            p->name.s, fmt_units(c, sum, b1), fmt_x(layout, b2),
                            fmt_dec(applicable, b3), fmt_units(c, total, b4));
    }

    /* 预算执行率 单列 */
    p->exec_separate = pol->exec_separate;
    p->exec_score = 0;
    p->exec_points = jx_dec_from_int(0);
    p->exec_formula = "";
    if (pol->exec_separate) {
        p->exec_score = score_execution(c);
        total += p->exec_score;
    }

    p->total = total;
    p->grade = withheld ? JX_GRADE_NONE : grade_of(c, total);
    p->band_note = withheld ? withheld : band_note(c);
    p->scored = true;

    if (p->has_claimed_total && x_cmp_small(x_from_dec(p->claimed_total), x_from_units(total, c->dec)) != 0)
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_CLAIMED_TOTAL,
                            p->total_pos.line ? p->total_pos : project_pos(p),
                            "项目“%s”自评总分 %s 与重算总分 %s 不符", p->name.s,
                            fmt_dec(p->claimed_total, b1), fmt_units(c, total, b2));
    if (p->claimed_grade != JX_GRADE_NONE && !withheld && p->claimed_grade != p->grade)
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_CLAIMED_GRADE,
                            p->grade_pos.line ? p->grade_pos : project_pos(p),
                            "项目“%s”自评结论“%s”与按重算总分 %s 评定的“%s”不符", p->name.s,
                            jx_grade_name(p->claimed_grade), fmt_units(c, total, b1),
                            jx_grade_name(p->grade));
    sort_by_position(&p->diags, first_own);
    /* the checks' sums of the indicators that apply are this pass's: `sum` and
     * applicable_bits, valid as no score is below 0 (jx_checks_sums) */
    jx_checks_sums sums = {sum, applicable_bits};
    jx_checks_run_with(p, pol, scores_or >= 0 ? &sums : NULL);
    return p->diags.oom || p->arena.oom ? JX_ERR_NOMEM : JX_OK;
}

/* -------------------------------------------------------------- formulas */

/*
 * The formula of an indicator ("22.50 = 30 × 45 / 60") is not built while scoring:
 * most runs never print it. jx_score leaves the method, the score and the few
 * numbers that came from the policy (ind->fargs); everything else is read again
 * from the indicator, so the text below is written only when it is asked for.
 */

/* A score in units of 10^-decimals with exactly `decimals` places. */
static inline void put_units(cursor *c, int64_t units, int decimals)
{
    cur_num(c, units, decimals, false);
}

/* An exact number in plain notation. */
static inline void put_x(cursor *c, xnum x)
{
    cur_num(c, x.v, x.scale, true);
}

/* A jx_dec in plain notation. */
static inline void put_dec(cursor *c, jx_dec d)
{
    put_x(c, x_from_dec(d));
}

/* A jx_str. */
static inline void put_str(cursor *c, jx_str s)
{
    cur_put(c, s.s, s.n);
}

/* A NUL-terminated string. */
static inline void put_cstr(cursor *c, const char *s)
{
    cur_put(c, s, strlen(s));
}

/*
 * The weight and the operands of ind's formula (weight_of; actual_in_unit with factor ak,
 * target_in_unit with factor tk), each made from ind where it is written rather than
 * carried across the bytes before it (see put_quantitative_of); an operand with the
 * percent sign and unit of its scoring when unit is set, read from ind after its number.
 */
static inline void put_weight(cursor *c, const jx_indicator *ind)
{
    put_x(c, weight_of(ind));
}

static inline void put_operand(cursor *c, const jx_indicator *ind, xnum x, bool unit)
{
    put_x(c, x);
    if (unit)
        cur_unit(c, ind->fargs.percent, common_unit(ind, &ind->fargs));
}

static inline void put_actual(cursor *c, const jx_indicator *ind, int64_t ak, bool unit)
{
    put_operand(c, ind, actual_in_unit(ind, ak), unit);
}

static inline void put_target(cursor *c, const jx_indicator *ind, int64_t tk, bool unit)
{
    put_operand(c, ind, target_in_unit(ind, tk), unit);
}

/* The note of a time unit conversion: "（实际 2天 按 48小时 计）", "" when none. */
static inline void put_note(cursor *c, const jx_indicator *ind, int64_t tk, int64_t ak)
{
    if (ind->fargs.converted == CONV_ACTUAL) {
        CUR_LIT(c, "（实际 ");
        put_str(c, ind->actual.text);
        CUR_LIT(c, " 按 ");
        cur_with_unit(c, actual_in_unit(ind, ak), false, ind->target.unit);
        CUR_LIT(c, " 计）");
    } else if (ind->fargs.converted == CONV_TARGET) {
        CUR_LIT(c, "（目标 ");
        put_str(c, ind->target.text);
        CUR_LIT(c, " 按 ");
        cur_with_unit(c, target_in_unit(ind, tk), false, ind->actual.unit);
        CUR_LIT(c, " 计）");
    }
}

/*
 * The formula of a quantitative method: the numbers it was scored with put in (operands_of
 * with factors tk and ak). Each is read from ind where it is written, after the bytes
 * before it: a struct of them all, made first, would be kept across those stores, which
 * may alias ind as far as the compiler knows, and so go to the stack and back.
 */
static inline void put_quantitative_of(cursor *c, const jx_indicator *ind, int decimals, int64_t tk, int64_t ak)
{
    put_units(c, ind->score, decimals);
    switch (ind->method) {
    case JX_METHOD_NEGATIVE: /* （实际完成值 -3个 为负数，按 0 分计） — no note */
        CUR_LIT(c, "（实际完成值 ");
        put_actual(c, ind, ak, true);
        CUR_LIT(c, " 为负数，按 0 分计）");
        return;
    case JX_METHOD_GE_MET:
    case JX_METHOD_LE_MET:
    case JX_METHOD_EQ_MET: /* = w（A ≥ T，达成） */
        CUR_LIT(c, " = ");
        put_weight(c, ind);
        CUR_LIT(c, "（");
        put_actual(c, ind, ak, true);
        put_str(c, met_symbol(ind->target.sign == JX_SIGN_NONE ? JX_SIGN_EQ : ind->target.sign));
        put_target(c, ind, tk, true);
        CUR_LIT(c, "，达成）");
        break;
    case JX_METHOD_GE_RATIO:
    case JX_METHOD_EQ_RATIO: /* = w × A / T */
        CUR_LIT(c, " = ");
        put_weight(c, ind);
        CUR_LIT(c, " × ");
        put_actual(c, ind, ak, false);
        CUR_LIT(c, " / ");
        put_target(c, ind, tk, false);
        break;
    case JX_METHOD_LE_RATIO: /* = w × T / A */
        CUR_LIT(c, " = ");
        put_weight(c, ind);
        CUR_LIT(c, " × ");
        put_target(c, ind, tk, false);
        CUR_LIT(c, " / ");
        put_actual(c, ind, ak, false);
        break;
    case JX_METHOD_EQ_ZERO:
    case JX_METHOD_LE_ZERO: /* （目标值为 T，实际 A 不等于目标 / 超过目标，按 0 分计） */
        CUR_LIT(c, "（目标值为 ");
        put_target(c, ind, tk, true);
        CUR_LIT(c, "，实际 ");
        put_actual(c, ind, ak, true);
        if (ind->method == JX_METHOD_EQ_ZERO)
            CUR_LIT(c, " 不等于目标，按 0 分计）");
        else
            CUR_LIT(c, " 超过目标，按 0 分计）");
        break;
    case JX_METHOD_EQ_OVER: /* = w（A > T，超过目标值按满分计） */
        CUR_LIT(c, " = ");
        put_weight(c, ind);
        CUR_LIT(c, "（");
        put_actual(c, ind, ak, true);
        CUR_LIT(c, " > ");
        put_target(c, ind, tk, true);
        CUR_LIT(c, "，超过目标值按满分计）");
        break;
    default: /* JX_METHOD_LE_LINEAR: w × (2T − A) / T, or 0 from A ≥ 2T */
        if (x_sign(x_sub(x_mul_int(target_in_unit(ind, tk), 2), actual_in_unit(ind, ak))) <= 0) {
            CUR_LIT(c, "（实际 ");
            put_actual(c, ind, ak, false);
            CUR_LIT(c, " ≥ 2 × ");
            put_target(c, ind, tk, false);
            CUR_LIT(c, "，按 0 分计）");
        } else {
            CUR_LIT(c, " = ");
            put_weight(c, ind);
            CUR_LIT(c, " × (2 × ");
            put_target(c, ind, tk, false);
            CUR_LIT(c, " − ");
            put_actual(c, ind, ak, false);
            CUR_LIT(c, ") / ");
            put_target(c, ind, tk, false);
        }
        break;
    }
    put_note(c, ind, tk, ak);
}

/* put_quantitative_of with ind's operands: as written (factors 1, as operands_as_written
 * takes them) when no unit was converted, nearly every indicator, so each is known to fit
 * 64 bits where it is written. */
static inline void put_quantitative(cursor *c, const jx_indicator *ind, int decimals)
{
    if (ind->fargs.tk == 1 && ind->fargs.ak == 1)
        put_quantitative_of(c, ind, decimals, 1, 1);
    else
        put_quantitative_of(c, ind, decimals, ind->fargs.tk, ind->fargs.ak);
}

/* "[9.00, 12.00]" for 达成, "[6.00, 9.00)" for the others. */
static inline void put_band(cursor *c, const jx_formula_args *fa, int decimals)
{
    CUR_LIT(c, "[");
    put_units(c, fa->band_lo, decimals);
    CUR_LIT(c, ", ");
    put_units(c, fa->band_hi, decimals);
    if (fa->judge == JX_JUDGE_MET)
        CUR_LIT(c, "]");
    else
        CUR_LIT(c, ")");
}

/* The formula written from how ind was scored (jx_formula_write). */
static inline void put_formula(cursor *c, const jx_indicator *ind, int decimals)
{
    const jx_formula_args *fa = &ind->fargs;
    /* The quantitative methods, JX_METHOD_GE_MET to JX_METHOD_NEGATIVE in jx_method's order
     * (model.h) and the usual, by one test before the switch's jump; they are its default. */
    if ((unsigned)ind->method - JX_METHOD_GE_MET <= JX_METHOD_NEGATIVE - JX_METHOD_GE_MET) {
        put_quantitative(c, ind, decimals);
        return;
    }
    switch (ind->method) {
    case JX_METHOD_NONE:
    case JX_METHOD_EXECUTION:
        return;
    case JX_METHOD_NOT_APPLICABLE:
        if (fa->rescale)
            CUR_LIT(c, "不适用（按比例折算）");
        else
            CUR_LIT(c, "不适用（剔除）");
        return;
    case JX_METHOD_MISSING_ACTUAL:
        put_units(c, ind->score, decimals);
        CUR_LIT(c, "（没有实际完成值）");
        return;
    case JX_METHOD_TEXT_ACTUAL:
        put_units(c, ind->score, decimals);
        CUR_LIT(c, "（实际完成值“");
        put_str(c, ind->actual.text);
        CUR_LIT(c, "”不是数值）");
        return;
    case JX_METHOD_QUAL_MET:
    case JX_METHOD_QUAL_JUDGED: /* = w × 70%（部分达成） */
        put_units(c, ind->score, decimals);
        CUR_LIT(c, " = ");
        put_weight(c, ind);
        CUR_LIT(c, " × ");
        put_dec(c, fa->pct);
        CUR_LIT(c, "%（");
        put_cstr(c, jx_judge_name(fa->judge));
        if (ind->method == JX_METHOD_QUAL_MET)
            CUR_LIT(c, "，实际与目标一致");
        CUR_LIT(c, "）");
        return;
    case JX_METHOD_QUAL_CLAIMED:
        put_units(c, ind->score, decimals);
        if (fa->unjudged) { /* （自评得分，未评定，属“达成”区间 [9.00, 10.00]） */
            CUR_LIT(c, "（自评得分，未评定，属“");
            put_cstr(c, jx_judge_name(fa->judge));
            CUR_LIT(c, "”区间 ");
            put_band(c, fa, decimals);
            CUR_LIT(c, "）");
        } else { /* （自评得分，在“达成”区间 [9.00, 10.00] 内） */
            CUR_LIT(c, "（自评得分，在“");
            put_cstr(c, jx_judge_name(fa->judge));
            CUR_LIT(c, "”区间 ");
            put_band(c, fa, decimals);
            CUR_LIT(c, " 内）");
        }
        return;
    case JX_METHOD_QUAL_OUT_OF_BAND:
        /* 7.00 = min(自评得分 7, 区间上限 10.00)（自评得分不在“达成”区间 [8.00, 10.00] 内，不予认可） */
        put_units(c, ind->score, decimals);
        if (jx_dec_is_negative(ind->claim)) {
            CUR_LIT(c, "（自评得分 ");
            put_dec(c, ind->claim);
            CUR_LIT(c, " 为负数，");
        } else {
            CUR_LIT(c, " = min(自评得分 ");
            put_dec(c, ind->claim);
            CUR_LIT(c, ", 区间上限 ");
            put_units(c, fa->band_hi, decimals);
            CUR_LIT(c, ")（自评得分");
        }
        CUR_LIT(c, "不在“");
        put_cstr(c, jx_judge_name(fa->judge));
        CUR_LIT(c, "”区间 ");
        put_band(c, fa, decimals);
        CUR_LIT(c, " 内，不予认可）");
        return;
    case JX_METHOD_QUAL_UNJUDGED:
        put_units(c, ind->score, decimals);
        CUR_LIT(c, "（实际“");
        put_str(c, ind->actual.text);
        CUR_LIT(c, "”与目标“");
        put_str(c, ind->target.text);
        CUR_LIT(c, "”不同，未评定）");
        return;
    default:
        put_quantitative(c, ind, decimals);
        return;
    }
}

/*
 * The room formula_room promises: the words of the longest formula, the 定性 claim
 * outside its band (about 130 bytes with its 评定), with room to spare; six numbers at
 * most (the 反向 linear formula's five and a conversion's note); and the indicator's
 * own texts: its actual and target as written (a 定性 pair not judged, a note) and the
 * unit, written three times at most with a % sign (the common unit is the target's or
 * the actual's).
 */
#define FORMULA_WORDS 256
#define FORMULA_NUMBERS 6

/* The bytes formula_put may take for ind's formula, a NUL after it included. */
static inline size_t formula_room(const jx_indicator *ind)
{
    return FORMULA_WORDS + FORMULA_NUMBERS * JX_DEC_BUFSZ + ind->actual.text.n + ind->target.text.n +
           3 * ((size_t)1 + ind->target.unit.n + ind->actual.unit.n);
}

/* The formula written from how ind was scored, at o, which has room for
 * formula_room(ind) bytes, in one go; returns its end (no NUL is written). */
static inline char *formula_put(char *o, const jx_indicator *ind, int decimals)
{
    cursor c = {NULL, o, NULL, false};
    put_formula(&c, ind, decimals);
    assert((size_t)(c.o - o) < formula_room(ind)); /* the room promised holds the formula and a NUL */
    return c.o;
}

/*
 * With room for the whole formula (formula_room), it is written in one go, through an
 * unchecked cursor; else piece by piece, through a checked one, the sbuf growing as it
 * must. The two give the same bytes (tests/unit/test_formula.c writes every method both
 * ways). Every piece above is inlined here (flatten), twice, so the cursor lives in
 * registers (a helper left as a call would take its address, and the stores through o
 * could then alias it) and, unchecked, tests nothing.
 */
__attribute__((flatten)) void jx_formula_write(jx_sbuf *b, const jx_indicator *ind, int decimals)
{
    if (ind->formula && ind->formula[0]) {
        jx_sbuf_str(b, ind->formula);
        return;
    }
    if (b->cap - b->len > formula_room(ind)) { /* the usual with a large buffer */
        b->len = (size_t)(formula_put(b->s + b->len, ind, decimals) - b->s);
        return;
    }
    cursor c = cur_open(b);
    put_formula(&c, ind, decimals);
    cur_close(&c);
}
