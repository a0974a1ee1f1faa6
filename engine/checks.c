/* SPDX-License-Identifier: MIT */
/* checks.c — the consistency checks run on a scored project (docs/checks.md).
 *
 * jx_score calls jx_checks_run last. Every finding names the indicator or the 资金 row
 * and the numbers involved, at the position a reviewer would look at: the indicator's
 * name, its target or actual, its 得分, the 资金 keyword, the 总分. Numbers are compared
 * exactly (128-bit decimals), so a rule's boundary (执行偏差 exactly 5 %) is where the
 * documentation says it is; only inputs far beyond any budget fall back to long double.
 */
#include "checks.h"
#include "score.h"

#include <string.h>

/* ------------------------------------------------------------------ codes */

/* The checks' diagnostic codes. Named arrays (not literals), so their addresses tell
 * the checks' findings apart from every other diagnostic when a project is rescored. */
static const char CODE_SCORE_OVER_WEIGHT[] = "score-over-weight";
static const char CODE_QUAL_EVIDENCE[] = "qualitative-evidence";
static const char CODE_DIRECTION[] = "direction";
static const char CODE_DUPLICATE[] = "duplicate-indicator";
static const char CODE_EXEC_GAP[] = "execution-gap";
static const char CODE_FUNDS[] = "funds-inconsistent";
static const char CODE_ALL_FULL[] = "all-full-marks";

static const char *const own_codes[] = {CODE_SCORE_OVER_WEIGHT, CODE_QUAL_EVIDENCE, CODE_DIRECTION,
                                        CODE_DUPLICATE,         CODE_EXEC_GAP,      CODE_FUNDS,
                                        CODE_ALL_FULL};

/* True when code is one of the checks' code arrays (compared by address). */
static bool own_code(const char *code)
{
    for (size_t i = 0; i < sizeof own_codes / sizeof own_codes[0]; i++)
        if (code == own_codes[i])
            return true;
    return false;
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

/* A decimal kept exactly (v × 10^-scale) and, for inputs that overflow 128 bits, also
 * approximately: once ovf is set, f decides. f is set only then, from the exact operands
 * of the operation that overflowed (q_f), so the exact path never touches long double. */
typedef struct qn {
    __int128 v;    /* coefficient, exact while !ovf */
    int scale;     /* digits after the point */
    bool ovf;      /* the exact form overflowed */
    long double f; /* the value in long double; meaningful only when ovf */
} qn;

/* 10^n in long double. */
static long double ld_pow10(int n)
{
    long double r = 1;
    for (int i = 0; i < n; i++)
        r *= 10;
    return r;
}

/* v × 10^-scale as a qn. */
static qn q_make(__int128 v, int scale)
{
    qn q = {v, scale, false, 0};
    return q;
}

/* The value of a in long double: f once it overflowed, else its exact form converted. */
static long double q_f(qn a)
{
    return a.ovf ? a.f : (long double)a.v / ld_pow10(a.scale);
}

/* A jx_dec as a qn. */
static qn q_dec(jx_dec d) { return q_make(d.v, d.scale); }

/* An integer as a qn. */
static qn q_int(int64_t v) { return q_make(v, 0); }

/* A score in units of 10^-dec as a qn. */
static qn q_units(int64_t units, int dec) { return q_make(units, dec); }

/* a and b at one scale (the larger); false, changing neither, when that overflows. */
static bool q_align(qn *a, qn *b)
{
    qn *lo = a->scale < b->scale ? a : b;
    int diff = a->scale < b->scale ? b->scale - a->scale : a->scale - b->scale;
    __int128 v;
    if (diff == 0)
        return true;
    if (diff > 36 || __builtin_mul_overflow(lo->v, jx_pow10_128(diff), &v))
        return false;
    lo->v = v;
    lo->scale += diff;
    return true;
}

/* The approximate result r of an operation that overflowed, f its value. */
static qn q_over(long double f)
{
    qn r = {0, 0, true, f};
    return r;
}

/* a + b. */
static qn q_add(qn a, qn b)
{
    qn r = a;
    if (a.ovf || b.ovf || !q_align(&r, &b) || __builtin_add_overflow(r.v, b.v, &r.v))
        return q_over(q_f(a) + q_f(b));
    return r;
}

/* *sum + d, in place: q_add, without its copies and calls when *sum is exact at d's
 * scale and the sum fits (every 权重 and amount of a project written alike), as in the
 * sums the checks take over every indicator. */
static inline void q_add_dec(qn *sum, jx_dec d)
{
    __int128 v;
    if (!sum->ovf && sum->scale == d.scale && !__builtin_add_overflow(sum->v, (__int128)d.v, &v))
        sum->v = v;
    else
        *sum = q_add(*sum, q_dec(d));
}

/* a − b. */
static qn q_sub(qn a, qn b)
{
    qn r = a;
    if (a.ovf || b.ovf || !q_align(&r, &b) || __builtin_sub_overflow(r.v, b.v, &r.v))
        return q_over(q_f(a) - q_f(b));
    return r;
}

/* a × b. */
static qn q_mul(qn a, qn b)
{
    qn r = {0, a.scale + b.scale, false, 0};
    if (a.ovf || b.ovf || r.scale > 36 || __builtin_mul_overflow(a.v, b.v, &r.v))
        return q_over(q_f(a) * q_f(b));
    return r;
}

/* -1, 0 or 1 as a <, =, > b. */
static int q_cmp(qn a, qn b)
{
    qn x = a, y = b;
    if (a.ovf || b.ovf || !q_align(&x, &y)) {
        long double fa = q_f(a), fb = q_f(b);
        return (fa > fb) - (fa < fb);
    }
    return (x.v > y.v) - (x.v < y.v);
}

/* The sign of a: -1, 0 or 1. */
static int q_sign(qn a) { return a.ovf ? (a.f > 0) - (a.f < 0) : (a.v > 0) - (a.v < 0); }

/* |a|. */
static qn q_abs(qn a)
{
    if (q_sign(a) < 0) {
        a.v = -a.v;
        a.f = -a.f;
    }
    return a;
}

/* x / y rounded half away from zero to `decimals` places, in units of 10^-decimals.
 * y must not be zero. */
static int64_t q_ratio_units(qn x, qn y, int decimals)
{
    int e = decimals + y.scale - x.scale;
    __int128 num = x.v, den = y.v;
    bool ovf = x.ovf || y.ovf || e > 36 || e < -36;
    if (!ovf && e >= 0)
        ovf = __builtin_mul_overflow(num, jx_pow10_128(e), &num);
    else if (!ovf)
        ovf = __builtin_mul_overflow(den, jx_pow10_128(-e), &den);
    if (ovf) {
        long double q = q_f(x) / q_f(y) * ld_pow10(decimals);
        return (int64_t)(q < 0 ? q - 0.5L : q + 0.5L);
    }
    return (int64_t)jx_div_round_half_up(num, den);
}

/* ---------------------------------------------------------- the context */

/* What one run of the checks needs. */
typedef struct chk {
    jx_project *p;        /* the scored project */
    const jx_policy *pol; /* the policy it was scored under */
    int dec;              /* the policy's 小数 */
    unsigned char *exec;  /* per indicator: 0 not yet asked, 1 not an 执行率 one, 2 one
                             (is_execution, asked by two checks); NULL: ask every time */
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
static const char *fmt_pct(int64_t hundredths, char *buf)
{
    return jx_fixed_format(hundredths, 2, buf, JX_DEC_BUFSZ);
}

/* An exact qn in plain notation without trailing zeros ("90", "86.4"). */
static const char *fmt_q(qn q, char *buf)
{
    if (q.ovf)
        return jx_fixed_format(q_ratio_units(q, q_int(1), 2), 2, buf, JX_DEC_BUFSZ);
    while (q.scale > 0 && q.v % 10 == 0) {
        q.v /= 10;
        q.scale--;
    }
    if (q.scale <= JX_DEC_MAX_SCALE && q.v >= INT64_MIN && q.v <= INT64_MAX) {
        jx_dec d = {(int64_t)q.v, q.scale};
        return jx_dec_format(d, buf, JX_DEC_BUFSZ);
    }
    return jx_fixed_format(q_ratio_units(q, q_int(1), 2), 2, buf, JX_DEC_BUFSZ);
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
 * for "%s", without scanning the format for conversions at each finding.
 */

/* Adds the finding whose message b holds (out of memory when b could not hold it). */
static void add_text(chk *c, jx_severity sev, const char *code, jx_pos pos, const jx_sbuf *b)
{
    jx_project *p = c->p;
    if (b->oom) {
        p->diags.oom = 1;
        return;
    }
    jx_diags_add_text(&p->diags, &p->arena, sev, code, &p->src, pos, b->s, b->len);
}

/* ------------------------------------------------------------------ names */

/* True when the NUL-terminated s contains word. */
static bool has(const char *s, const char *word)
{
    return s && strstr(s, word) != NULL;
}

/* The name of the indicator's 二级 group ("" when it sits directly in a 一级 group). */
static const char *level2_name(const jx_project *p, const jx_indicator *ind)
{
    if (ind->group >= p->ngroups)
        return "";
    const jx_group *g = &p->groups[ind->group];
    return g->level == 2 ? g->name.s : "";
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
 * money named. "计划执行率" and the like measure work, not money, and are not among them. */
static const char *const execution_names[] = {"预算执行率", "资金执行率", "支出执行率", "经费执行率"};

/* True for an indicator of budget execution. */
static bool is_execution(const jx_indicator *ind)
{
    if (!has(ind->name.s, "执行率")) /* every name below ends in it */
        return false;
    jx_str n = jx_str_trimmed(ind->name);
    if (n.n == strlen("执行率") && memcmp(n.s, "执行率", n.n) == 0)
        return true;
    for (size_t i = 0; i < sizeof execution_names / sizeof execution_names[0]; i++)
        if (has(ind->name.s, execution_names[i]))
            return true;
    return false;
}

/* is_execution of the i-th indicator, found once a run. */
static bool chk_is_execution(chk *c, size_t i)
{
    if (!c->exec)
        return is_execution(&c->p->inds[i]);
    if (c->exec[i] == 0)
        c->exec[i] = is_execution(&c->p->inds[i]) ? 2 : 1;
    return c->exec[i] == 2;
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
    return strcmp(f->source.s, "年度资金总额") == 0;
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
    for (size_t i = 0; i < p->nfunds; i++)
        if (is_total_row(&p->funds[i]) && jx_funds_executed(&p->funds[i]))
            total_row = &p->funds[i];
    if (total_row && jx_dec_cmp(total_row->budget, jx_dec_from_int(0)) > 0) {
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
static bool at_full_marks(const chk *c, const jx_indicator *ind)
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

/* qualitative-evidence: a 定性 indicator at full marks whose actual restates the
 * target (or is a bare verdict), so nothing shows what was achieved. */
static void check_qualitative_evidence(chk *c, const jx_indicator *ind)
{
    if (ind->not_applicable || ind->target.sign != JX_SIGN_QUAL || !ind->actual.present ||
        !ind->actual.is_text || !at_full_marks(c, ind))
        return;
    bool restated = jx_str_same_text(ind->actual.text, ind->target.text);
    if (!restated && !is_verdict_word(ind->actual.text))
        return;
    /* 定性指标“%s”得分 %s 为满分（权重 %s），但实际完成值“%s”%s，没有写明完成情况和依据 */
    char small[512];
    jx_sbuf b;
    jx_sbuf_init(&b, small, sizeof small, &c->p->arena);
    JX_SBUF_LIT(&b, "定性指标“");
    jx_sbuf_str(&b, ind->name.s);
    JX_SBUF_LIT(&b, "”得分 ");
    put_self_score(c, ind, &b);
    JX_SBUF_LIT(&b, " 为满分（权重 ");
    jx_sbuf_num(&b, ind->weight.v, ind->weight.scale, true);
    JX_SBUF_LIT(&b, "），但实际完成值“");
    jx_sbuf_str(&b, ind->actual.text.s);
    if (restated)
        JX_SBUF_LIT(&b, "”只是照抄年度指标值，没有写明完成情况和依据");
    else
        JX_SBUF_LIT(&b, "”只是评定用语，没有写明完成情况和依据");
    add_text(c, JX_SEV_WARNING, CODE_QUAL_EVIDENCE, ind->actual.pos, &b);
}

/* True for an indicator of cost: 成本 in its own or its 二级 group's name. */
static bool is_cost(const jx_project *p, const jx_indicator *ind)
{
    return has(ind->name.s, "成本") || has(level2_name(p, ind), "成本");
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
    return v->present && !v->is_text && v->percent && v->num.v > 100 &&
           jx_dec_cmp(v->num, jx_dec_from_int(100)) > 0;
}

/* direction: a target or actual pointing the wrong way for what it measures. */
static void check_direction(chk *c, const jx_indicator *ind)
{
    jx_project *p = c->p;
    const jx_value *T = &ind->target, *A = &ind->actual;
    char b[JX_DEC_BUFSZ];
    if ((T->sign == JX_SIGN_GE || T->sign == JX_SIGN_GT) && is_cost(p, ind))
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_DIRECTION, T->pos,
                            "成本指标“%s”的年度指标值“%s”用了“%s”，成本应设上限（≤ 或 <）",
                            ind->name.s, T->text.s, T->sign == JX_SIGN_GE ? "≥" : ">");
    if ((pct_over_100(T) || pct_over_100(A)) && is_bounded_rate(p, ind)) {
        if (pct_over_100(T))
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_DIRECTION, T->pos,
                                "指标“%s”是比率，年度指标值 %s%% 超过 100%%", ind->name.s,
                                fmt_dec(T->num, b));
        if (pct_over_100(A))
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_DIRECTION, A->pos,
                                "指标“%s”是比率，实际完成值 %s%% 超过 100%%", ind->name.s,
                                fmt_dec(A->num, b));
    }
    if (T->sign == JX_SIGN_GE && T->present && !T->is_text && jx_dec_is_zero(T->num))
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

/* A hash of s[0..n): its bytes eight at a time, multiplied in (equal names, equal hashes). */
static uint64_t dup_hash(const char *s, size_t n)
{
    const uint64_t k = 0x9E3779B97F4A7C15u;
    uint64_t h = (uint64_t)n * k;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    if (n > 0) {
        uint64_t w = 0;
        jx_copy_short(&w, s, n);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    return h;
}

/*
 * first_of[i] for every indicator of p: the first indicator whose trimmed name is i's
 * (i itself when it is the first). The names go into an open-addressed table of at least
 * twice as many slots, in index order, so the entry an equal name finds is its first use:
 * each indicator costs its name's trimming and hashing and, the table being at most half
 * full, a probe or two, however many indicators the project has (only names whose hashes
 * collide lengthen a probe sequence). False when memory ran out, or for more indicators
 * than a slot can count.
 */
static bool dup_first_of(jx_project *p, size_t *first_of)
{
    size_t n = p->ninds;
    if (n >= UINT32_MAX / 2) /* a slot holds an index + 1 in 32 bits */
        return false;
    dup_key *keys = jx_arena_alloc(&p->arena, n * sizeof *keys);
    size_t size = 64;
    while (size < 2 * n)
        size *= 2;
    uint32_t small[128]; /* slots: an indicator's index + 1, 0 when free */
    uint32_t *slot = size <= 128 ? small : jx_arena_alloc(&p->arena, size * sizeof *slot);
    if (!keys || !slot)
        return false;
    memset(slot, 0, size * sizeof *slot);
    for (size_t i = 0; i < n; i++) {
        jx_str name = jx_str_trimmed(p->inds[i].name);
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
    size_t *first_of = p->ninds > 1 ? jx_arena_alloc(&p->arena, p->ninds * sizeof *first_of) : NULL;
    if (first_of && !dup_first_of(p, first_of))
        first_of = NULL;
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

/* funds-inconsistent on the 资金 rows: 全年执行 above 全年预算; a 年度资金总额 row that
 * is 0, or differs from its sources' sum. An amount not given is compared with nothing:
 * an amount of the total row is checked only when that row and every source give it. */
static void check_funds_rows(chk *c)
{
    jx_project *p = c->p;
    char b0[JX_DEC_BUFSZ], b1[JX_DEC_BUFSZ], b2[JX_DEC_BUFSZ];
    char b3[JX_DEC_BUFSZ], b4[JX_DEC_BUFSZ], b5[JX_DEC_BUFSZ];
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        if (jx_funds_executed(f) && jx_dec_cmp(f->spent, f->budget) > 0)
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_FUNDS, f->pos,
                                "资金“%s”全年执行数 %s 大于全年预算数 %s", f->source.s,
                                fmt_dec(f->spent, b0), fmt_dec(f->budget, b1));
    }
    qn sum[3] = {q_int(0), q_int(0), q_int(0)};
    bool all[3] = {true, true, true}; /* every source gives the amount */
    size_t sources = 0;
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        if (is_total_row(f))
            continue;
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
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        if (!is_total_row(f))
            continue;
        qn row[3] = {q_dec(f->initial), q_dec(f->budget), q_dec(f->spent)};
        const bool known[3] = {all[0] && f->has_initial, all[1] && f->has_budget, all[2] && f->has_spent};
        if (!known[0] && !known[1] && !known[2])
            continue;
        bool row_zero = true, sum_zero = true, differs = false;
        for (int k = 0; k < 3; k++) {
            if (!known[k])
                continue;
            row_zero = row_zero && q_sign(row[k]) == 0;
            sum_zero = sum_zero && q_sign(sum[k]) == 0;
            differs = differs || q_cmp(row[k], sum[k]) != 0;
        }
        if (row_zero && !sum_zero)
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_FUNDS, f->pos,
                                "资金“年度资金总额”各数均为 0，但各资金来源合计年初预算 %s、全年预算 %s、全年执行 %s",
                                fmt_known(sum[0], known[0], b0), fmt_known(sum[1], known[1], b1),
                                fmt_known(sum[2], known[2], b2));
        else if (differs)
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_FUNDS, f->pos,
                                "资金“年度资金总额”（年初预算 %s、全年预算 %s、全年执行 %s）与各资金来源合计（%s、%s、%s）不符",
                                fmt_known(row[0], known[0], b0), fmt_known(row[1], known[1], b1),
                                fmt_known(row[2], known[2], b2), fmt_known(sum[0], known[0], b3),
                                fmt_known(sum[1], known[1], b4), fmt_known(sum[2], known[2], b5));
    }
}

/*
 * funds-inconsistent on an 执行率 indicator: its actual, a percentage, should be
 * 100 × 全年执行 / 全年预算 to within a hundredth of a point, i.e. the rate rounded or
 * cut to two decimals: |100·A·budget − 10000·spent| < budget.
 */
static void check_execution_rate(chk *c, const funds_use *u)
{
    jx_project *p = c->p;
    if (!u->any)
        return;
    char ba[JX_DEC_BUFSZ], br[JX_DEC_BUFSZ], bs[JX_DEC_BUFSZ], bb[JX_DEC_BUFSZ];
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        const jx_value *A = &ind->actual;
        if (ind->not_applicable || !A->present || A->is_text || !A->percent || !chk_is_execution(c, i))
            continue;
        qn lhs = q_mul(q_mul(q_dec(A->num), q_int(100)), u->budget);
        qn diff = q_abs(q_sub(lhs, q_mul(u->spent, q_int(10000))));
        if (q_cmp(diff, u->budget) < 0)
            continue;
        int64_t rate = q_ratio_units(q_mul(u->spent, q_int(100)), u->budget, 2);
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_FUNDS, A->pos,
                            "指标“%s”实际完成值 %s%% 与资金执行率 %s%%（全年执行 %s / 全年预算 %s）不符",
                            ind->name.s, fmt_dec(A->num, ba), fmt_pct(rate, br), fmt_q(u->spent, bs),
                            fmt_q(u->budget, bb));
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
static void check_execution_gap(chk *c, const funds_use *u)
{
    jx_project *p = c->p;
    const jx_policy *pol = c->pol;
    if (!u->any)
        return;
    int64_t s_units = 0;
    qn W = q_int(0);
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        if (ind->not_applicable || ind->score < 0 || (!pol->exec_separate && chk_is_execution(c, i)))
            continue;
        s_units += ind->score;
        if (ind->has_weight)
            q_add_dec(&W, ind->weight);
    }
    qn S = q_units(s_units, c->dec);
    if (q_sign(S) <= 0 || q_sign(W) <= 0)
        return;
    qn e = pol->exec_separate ? q_units(p->exec_score, c->dec) : u->spent;
    qn b = pol->exec_separate ? q_dec(p->exec_points) : u->budget;
    if (q_sign(b) <= 0)
        return;
    qn t = q_dec(pol->exec_gap_pct);
    qn Sb = q_mul(S, b), eW = q_mul(e, W);
    if (q_cmp(q_mul(q_sub(q_int(100), t), Sb), q_mul(q_int(100), eW)) <= 0)
        return;
    int64_t gap = q_ratio_units(q_mul(q_sub(Sb, eW), q_int(100)), Sb, 2);
    int64_t ipct = q_ratio_units(q_mul(S, q_int(100)), W, 2);
    int64_t epct = q_ratio_units(q_mul(e, q_int(100)), b, 2);
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
    chk ctx = {p, NULL, 0, NULL}; /* check_duplicates reads the project only */
    check_duplicates(&ctx);
}

bool jx_check_is_cost(const jx_project *p, const jx_indicator *ind) { return is_cost(p, ind); }
bool jx_check_is_bounded_rate(const jx_project *p, const jx_indicator *ind) { return is_bounded_rate(p, ind); }
bool jx_check_is_execution(const jx_indicator *ind) { return is_execution(ind); }
bool jx_check_is_output(const char *level1) { return is_output(level1); }
bool jx_check_is_benefit(const char *level1) { return is_benefit(level1); }

void jx_checks_run(jx_project *p, const jx_policy *pol)
{
    if (!p || !pol || !p->scored)
        return;
    drop_own(&p->diags);
    size_t first = p->diags.n;
    chk ctx = {p, pol, pol->decimals, NULL};
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        check_score_over_weight(&ctx, ind);
        check_qualitative_evidence(&ctx, ind);
        check_direction(&ctx, ind);
    }
    check_duplicates(&ctx);
    funds_use u = funds_for_execution(p);
    if (u.any && p->ninds > 0) { /* both checks below ask is_execution */
        ctx.exec = jx_arena_alloc(&p->arena, p->ninds);
        if (ctx.exec)
            memset(ctx.exec, 0, p->ninds);
    }
    check_funds_rows(&ctx);
    check_execution_rate(&ctx, &u);
    check_execution_gap(&ctx, &u);
    check_all_full_marks(&ctx);
    sort_from(&p->diags, first);
}
