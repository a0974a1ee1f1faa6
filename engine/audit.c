/* SPDX-License-Identifier: MIT */
/* audit.c — jx_audit: the summary of many recomputed self-evaluations, in flat memory.
 *
 * jx_audit_add folds one project into counters and sums (grades claimed and recomputed,
 * funds, inflation, claims of 100, differences, one tally per finding code); only when
 * a sample was asked for does it also keep the project's sample record (name, stratum,
 * funds, whether it is flagged and why, file and line), which jx_audit_finish hands to
 * jx_sample_choose. What grows with the projects besides: each one's key (单位, 项目,
 * 年度) and first place, to find a submission made twice (duplicate-submission).
 */
#include "audit.h"

#include "alloc.h"
#include "options.h"

#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

jx_result jx_audit_create(jx_audit **out, const jx_policy *pol, const jx_audit_options *opts,
                          const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (opts && !JX_OPTIONS_SIZE_OK(opts, jx_audit_options, include_flagged))
        return JX_ERR_USAGE;
    if (opts && ((opts->sample_count && opts->sample_bp) || opts->sample_bp > 10000 ||
                 (unsigned)opts->min_severity > JX_SEV_ERROR || (unsigned)opts->by > JX_AUDIT_BY_DEPT))
        return JX_ERR_USAGE;
    const jx_allocator *a = jx_alloc_keep(alloc);
    jx_audit *au = a ? jx_calloc(a, sizeof *au) : NULL;
    if (!au) {
        jx_alloc_drop(a);
        return JX_ERR_NOMEM;
    }
    au->alloc = a;
    au->pol = pol;
    if (opts)
        au->opts = *opts;
    au->sampling = au->opts.sample_count > 0 || au->opts.sample_bp > 0;
    au->share = au->opts.sample_bp > 0;
    jx_arena_init(&au->arena, a);
    au->draw.alloc = a;
    *out = au;
    return JX_OK;
}

void jx_audit_destroy(jx_audit *au)
{
    if (!au)
        return;
    const jx_allocator *a = au->alloc;
    jx_sample_free(&au->draw);
    jx_free(a, au->picks, au->npicks * sizeof *au->picks);
    jx_free(a, au->units, au->units_cap * sizeof *au->units);
    jx_free(a, au->origins, au->origins_cap * sizeof *au->origins);
    jx_free(a, au->reasons, au->reasons_cap * sizeof *au->reasons);
    jx_free(a, au->tallies, au->tallies_cap * sizeof *au->tallies);
    jx_free(a, au->seen, au->seen_cap * sizeof *au->seen);
    jx_arena_free(&au->arena);
    jx_free(a, au, sizeof *au);
    jx_alloc_drop(a);
}

/* ------------------------------------------------------------------ findings */

bool jx_audit_collect(const jx_project *p, jx_severity min, jx_arena *ar, jx_audit_findings *f)
{
    memset(f, 0, sizeof *f);
    size_t n = p->diags.n;
    if (n == 0)
        return true;
    f->v = jx_arena_alloc(ar, n * sizeof *f->v);
    if (!f->v)
        return false;
    for (int sev = JX_SEV_ERROR; sev >= (int)min; sev--)
        for (size_t i = 0; i < n; i++)
            if ((int)p->diags.v[i].severity == sev) {
                f->v[f->n++] = &p->diags.v[i];
                f->count[sev]++;
            }
    return true;
}

jx_code_tally *jx_code_tally_of(const jx_allocator *a, jx_arena *ar, jx_code_tally **v, size_t *n, size_t *cap,
                                const char *code)
{
    size_t lo = 0, hi = *n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp((*v)[mid].code, code);
        if (c == 0)
            return &(*v)[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (JX_GROW(a, *v, *cap, *n + 1) != 0)
        return NULL;
    char *copy = jx_arena_strndup(ar, code, strlen(code));
    if (!copy)
        return NULL;
    memmove(&(*v)[lo + 1], &(*v)[lo], (*n - lo) * sizeof **v);
    (*n)++;
    jx_code_tally *t = &(*v)[lo];
    memset(t, 0, sizeof *t);
    t->code = copy;
    return t;
}

/* The tally of code, added in byte order when new; NULL when memory ran out. */
static jx_code_tally *audit_tally(jx_audit *au, const char *code)
{
    return jx_code_tally_of(au->alloc, &au->arena, &au->tallies, &au->ntallies, &au->tallies_cap, code);
}

/* Counts p's findings at or above the minimum severity; sets *has_error when p has an error. */
static jx_result audit_count_findings(jx_audit *au, const jx_project *p, bool *has_error)
{
    *has_error = false;
    for (size_t i = 0; i < p->diags.n; i++) {
        const jx_diag *d = &p->diags.v[i];
        if (d->severity == JX_SEV_ERROR)
            *has_error = true;
        if (d->severity < au->opts.min_severity)
            continue;
        jx_code_tally *t = audit_tally(au, d->code);
        if (!t)
            return JX_ERR_NOMEM;
        t->count[d->severity]++;
        au->sum.findings[d->severity]++;
    }
    if (*has_error)
        au->sum.flagged++;
    return JX_OK;
}

/* --------------------------------------------------------------------- funds */

/** A 金额单位 and how many 分 one of it is. */
typedef struct audit_unit {
    const char *name; /* as written */
    int64_t fen;      /* 分 per unit */
} audit_unit;

static const audit_unit audit_units[] = {
    {"元", 100}, {"千元", 100000}, {"万元", 1000000}, {"百万元", 100000000}, {"亿元", 10000000000},
};

int64_t jx_audit_unit_fen(const char *unit)
{
    for (size_t i = 0; i < sizeof audit_units / sizeof audit_units[0]; i++)
        if (strcmp(unit, audit_units[i].name) == 0)
            return audit_units[i].fen;
    return 0;
}

/* 分 per unit of p's 金额单位 (万元 when it has none), or 0 when it is not one of audit_units. */
static int64_t audit_fen_per_unit(const jx_project *p)
{
    return p->money_unit.n == 0 ? 1000000 : jx_audit_unit_fen(p->money_unit.s);
}

/* An amount at scale JX_DEC_MAX_SCALE × fen_per_unit, rounded half up to 分 (saturating). */
static int64_t audit_to_fen(__int128 scaled, int64_t fen_per_unit)
{
    __int128 fen = jx_div_round_half_up(scaled * fen_per_unit, jx_pow10_128(JX_DEC_MAX_SCALE));
    if (fen > INT64_MAX)
        return INT64_MAX;
    if (fen < INT64_MIN)
        return INT64_MIN;
    return (int64_t)fen;
}

int64_t jx_audit_amount_fen(jx_dec d, int64_t fen_per_unit)
{
    return audit_to_fen(jx_dec_scaled(d, JX_DEC_MAX_SCALE), fen_per_unit);
}

/* The amounts of p's 资金 at the members `at` of each row (offsets of jx_dec in jx_funds),
 * n of them, in 分 into fen[]: those of its 年度资金总额 row, or when that row is missing or
 * the first amount of it (at[0]) is 0, the sums of the other rows. A row that does not give
 * every one of them (the bool members `has`) takes no part; when no row does, NONE. */
static jx_audit_funds_kind audit_amounts(const jx_project *p, const size_t *at, const size_t *has, size_t n,
                                         int64_t *fen)
{
    for (size_t k = 0; k < n; k++)
        fen[k] = 0;
    if (p->nfunds == 0)
        return JX_AUDIT_FUNDS_NONE;
    int64_t per = audit_fen_per_unit(p);
    if (per == 0)
        return JX_AUDIT_FUNDS_UNCONVERTED;
    __int128 sum[2] = {0, 0};
    assert(n <= 2);
#define AMOUNT(f, k) (*(const jx_dec *)((const char *)(f) + at[k]))
#define GIVEN(f, k) (*(const bool *)((const char *)(f) + has[k]))
    size_t used = 0;
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        bool given = true;
        for (size_t k = 0; k < n; k++)
            given = given && GIVEN(f, k);
        if (!given)
            continue; /* an amount not given: not 0, so no part in the sums */
        used++;
        if (strcmp(f->source.s, "年度资金总额") == 0) {
            if (jx_dec_is_zero(AMOUNT(f, 0)))
                continue; /* a total row of 0 beside the sources (seed 001): the sources count */
            for (size_t k = 0; k < n; k++)
                sum[k] = jx_dec_scaled(AMOUNT(f, k), JX_DEC_MAX_SCALE);
            break;
        }
        for (size_t k = 0; k < n; k++)
            sum[k] += jx_dec_scaled(AMOUNT(f, k), JX_DEC_MAX_SCALE);
    }
#undef AMOUNT
#undef GIVEN
    if (used == 0)
        return JX_AUDIT_FUNDS_NONE;
    for (size_t k = 0; k < n; k++)
        fen[k] = audit_to_fen(sum[k], per);
    return JX_AUDIT_FUNDS_OK;
}

jx_audit_funds_kind jx_audit_project_funds(const jx_project *p, int64_t *budget_fen, int64_t *spent_fen)
{
    static const size_t at[2] = {offsetof(jx_funds, budget), offsetof(jx_funds, spent)};
    static const size_t has[2] = {offsetof(jx_funds, has_budget), offsetof(jx_funds, has_spent)};
    int64_t fen[2];
    jx_audit_funds_kind k = audit_amounts(p, at, has, 2, fen);
    *budget_fen = fen[0];
    *spent_fen = fen[1];
    return k;
}

jx_audit_funds_kind jx_audit_project_initial(const jx_project *p, int64_t *initial_fen)
{
    static const size_t at[1] = {offsetof(jx_funds, initial)};
    static const size_t has[1] = {offsetof(jx_funds, has_initial)};
    return audit_amounts(p, at, has, 1, initial_fen);
}

/* a + b, held at the int64 bounds instead of overflowing. */
static int64_t audit_add_sat(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r))
        return b > 0 ? INT64_MAX : INT64_MIN;
    return r;
}

/* ---------------------------------------------------------------- positions */

uint32_t jx_audit_project_line(const jx_project *p, unsigned flags)
{
    if (!(flags & JX_AUDIT_IMPORTED))
        return p->pos.line;
    if (!p->src.text || p->pos.line == 0 || p->pos.off >= p->src.len)
        return 0;
    const char *s = p->src.text + p->pos.off;
    const char *end = memchr(s, '\n', p->src.len - p->pos.off);
    return jx_source_row(s, end ? (size_t)(end - s) : p->src.len - p->pos.off);
}

uint32_t jx_audit_diag_line(const jx_project *p, const jx_diag *d, unsigned flags)
{
    if (!(flags & JX_AUDIT_IMPORTED) || d->line == 0)
        return d->line;
    uint32_t row = d->source_line ? jx_source_row(d->source_line, strlen(d->source_line)) : 0;
    return row ? row : jx_audit_project_line(p, flags);
}

char *jx_audit_position(jx_arena *ar, const jx_project *p, const jx_diag *d, unsigned flags)
{
    uint32_t line = jx_audit_diag_line(p, d, flags);
    if (line == 0)
        return jx_arena_printf(ar, "%s", d->file);
    if (flags & JX_AUDIT_IMPORTED)
        return jx_arena_printf(ar, "%s:%u", d->file, (unsigned)line);
    return jx_arena_printf(ar, "%s:%u:%u", d->file, (unsigned)line, (unsigned)d->column);
}

const char *jx_audit_severity_code(jx_severity s)
{
    return s == JX_SEV_ERROR ? "error" : s == JX_SEV_WARNING ? "warning" : "note";
}

char *jx_audit_wan(int64_t fen, char *buf, size_t size)
{
    jx_dec d = {fen, 6}; /* 1 万元 = 1 000 000 分 */
    return jx_dec_format(d, buf, size);
}

/* ---------------------------------------------------------------- sampling */

jx_dec jx_audit_flag_margin(const jx_policy *pol)
{
    return pol ? pol->flag_inflation : jx_dec_from_int(0);
}

jx_dec jx_audit_total_dec(const jx_project *p)
{
    jx_dec d = {p->total, p->decimals};
    return d;
}

/* claimed − recomputed 总分 of a scored p that claimed one, at the larger scale of the
 * two, in 128 bits (an 18-digit claim at 9 decimals less a total still fits). */
static __int128 audit_claim_excess(const jx_project *p, int *scale)
{
    jx_dec total = jx_audit_total_dec(p);
    *scale = p->claimed_total.scale > total.scale ? p->claimed_total.scale : total.scale;
    return jx_dec_scaled(p->claimed_total, *scale) - jx_dec_scaled(total, *scale);
}

bool jx_audit_claim_difference(const jx_project *p, jx_dec *out)
{
    if (!p->scored || !p->has_claimed_total)
        return false;
    int scale;
    __int128 diff = audit_claim_excess(p, &scale);
    if (diff > INT64_MAX || diff < INT64_MIN)
        return false;
    out->v = (int64_t)diff;
    out->scale = scale;
    return true;
}

unsigned jx_audit_flag_bits_of(const jx_project *p, jx_dec margin)
{
    unsigned bits = 0;
    for (size_t i = 0; i < p->diags.n; i++)
        if (p->diags.v[i].severity == JX_SEV_ERROR)
            bits |= JX_AUDIT_FLAG_ERROR;
    if (!p->scored || p->diags.errors > 0)
        return bits;
    if (p->has_claimed_total) {
        int scale;
        __int128 excess = audit_claim_excess(p, &scale);
        int ms = margin.scale > scale ? margin.scale : scale;
        if (excess > 0 && excess * jx_pow10_128(ms - scale) > jx_dec_scaled(margin, ms))
            bits |= JX_AUDIT_FLAG_TOTAL;
    }
    /* 优 (1) above 良 (2) above 中 (3) above 差 (4); JX_GRADE_NONE (0) is no grade */
    if (p->claimed_grade != JX_GRADE_NONE && p->grade != JX_GRADE_NONE && p->claimed_grade < p->grade)
        bits |= JX_AUDIT_FLAG_GRADE;
    return bits;
}

/* Why p is flagged for a claim, for the sample's reason text, in the arena: "自评总分 100
 * 比重算总分 87.19 高 12.81 分", "自评结论“优”高于重算结论“良”", or both; NULL when it is
 * flagged for an error (the sampler says so itself) or not at all. *oom on failure. */
static const char *audit_flag_reason(jx_audit *au, const jx_project *p, unsigned bits, jx_dec margin, bool *oom)
{
    if ((bits & JX_AUDIT_FLAG_ERROR) || !(bits & (JX_AUDIT_FLAG_TOTAL | JX_AUDIT_FLAG_GRADE)))
        return NULL;
    char claimed[JX_DEC_BUFSZ], total[JX_DEC_BUFSZ], excess[JX_DEC_BUFSZ], over[JX_DEC_BUFSZ];
    const char *s = "";
    if (bits & JX_AUDIT_FLAG_TOTAL) {
        int scale;
        __int128 d = audit_claim_excess(p, &scale);
        jx_dec_format(p->claimed_total, claimed, sizeof claimed);
        jx_fixed_format(p->total, p->decimals, total, sizeof total);
        jx_fixed_format((int64_t)d, scale, excess, sizeof excess);
        s = jx_dec_is_zero(margin)
                ? jx_arena_printf(&au->arena, "自评总分 %s 比重算总分 %s 高 %s 分", claimed, total, excess)
                : jx_arena_printf(&au->arena, "自评总分 %s 比重算总分 %s 高 %s 分（超过 %s 分）", claimed, total, excess,
                                  jx_dec_format(margin, over, sizeof over));
    }
    if (s && (bits & JX_AUDIT_FLAG_GRADE))
        s = jx_arena_printf(&au->arena, "%s%s自评结论“%s”高于重算结论“%s”", s, s[0] ? "，" : "",
                            jx_grade_name(p->claimed_grade), jx_grade_name(p->grade));
    if (!s)
        *oom = true;
    return s;
}

/* Keeps p's sample record: name, stratum, funds, why it is flagged, file and line. */
static jx_result audit_keep_unit(jx_audit *au, const jx_project *p, unsigned flags, int64_t funds_fen)
{
    if (JX_GROW(au->alloc, au->units, au->units_cap, au->nunits + 1) != 0 ||
        JX_GROW(au->alloc, au->origins, au->origins_cap, au->nunits + 1) != 0 ||
        JX_GROW(au->alloc, au->reasons, au->reasons_cap, au->nunits + 1) != 0)
        return JX_ERR_NOMEM;
    const jx_str *stratum = au->opts.by == JX_AUDIT_BY_ORG ? &p->org : au->opts.by == JX_AUDIT_BY_DEPT ? &p->dept : NULL;
    const char *file = p->src.file ? p->src.file : "";
    char *name = jx_arena_strndup(&au->arena, p->name.s, p->name.n);
    char *st = stratum ? jx_arena_strndup(&au->arena, stratum->s, stratum->n) : (char *)"";
    char *fn = jx_arena_strndup(&au->arena, file, strlen(file));
    if (!name || !st || !fn)
        return JX_ERR_NOMEM;
    jx_sample_unit *u = &au->units[au->nunits];
    u->name = name;
    u->stratum = st;
    u->funds_cents = funds_fen > 0 ? funds_fen : 0;
    jx_dec margin = jx_audit_flag_margin(au->pol);
    unsigned bits = jx_audit_flag_bits_of(p, margin);
    bool oom = false;
    u->flagged = bits != 0;
    au->reasons[au->nunits] = audit_flag_reason(au, p, bits, margin, &oom);
    if (oom)
        return JX_ERR_NOMEM;
    au->origins[au->nunits].file = fn;
    au->origins[au->nunits].line = jx_audit_project_line(p, flags);
    au->origins[au->nunits].flagged_for = bits;
    au->nunits++;
    return JX_OK;
}

jx_result jx_audit_set_sample_share(jx_audit *au, uint32_t bp)
{
    if (!au || bp > 10000 || au->sum.projects > 0 || au->finished)
        return JX_ERR_USAGE;
    au->opts.sample_count = 0;
    au->opts.sample_bp = bp;
    au->sampling = true;
    au->share = true;
    return JX_OK;
}

jx_result jx_audit_finish(jx_audit *au)
{
    if (!au)
        return JX_ERR_USAGE;
    if (au->finished)
        return JX_OK;
    au->finished = true;
    if (!au->sampling)
        return JX_OK;
    jx_sample_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.percent = au->share;
    spec.size_bp = au->opts.sample_bp;
    spec.size_count = au->opts.sample_count;
    spec.seed = au->opts.seed;
    spec.stratify = au->opts.by != JX_AUDIT_BY_NONE;
    spec.by = au->opts.by == JX_AUDIT_BY_ORG ? "单位" : au->opts.by == JX_AUDIT_BY_DEPT ? "主管部门" : NULL;
    spec.weight_funds = au->opts.weight_funds != 0;
    spec.include_flagged = au->opts.include_flagged != 0;
    spec.flag_reasons = au->reasons;
    jx_result rc = jx_sample_choose(au->units, au->nunits, &spec, au->alloc, &au->draw);
    if (rc != JX_OK)
        return rc;
    if (au->draw.npicks == 0)
        return JX_OK;
    au->picks = jx_calloc(au->alloc, au->draw.npicks * sizeof *au->picks);
    if (!au->picks)
        return JX_ERR_NOMEM;
    for (size_t i = 0; i < au->draw.npicks; i++) {
        const jx_sample_pick *sp = &au->draw.picks[i];
        if (sp->index >= au->nunits)
            continue;
        jx_audit_pick *pk = &au->picks[au->npicks++];
        const jx_sample_unit *u = &au->units[sp->index];
        pk->name = u->name;
        pk->file = au->origins[sp->index].file;
        pk->line = au->origins[sp->index].line;
        pk->stratum = u->stratum;
        pk->funds_fen = u->funds_cents;
        pk->why = sp->why == JX_SAMPLE_FLAGGED ? JX_AUDIT_FLAGGED
                  : sp->why == JX_SAMPLE_WEIGHTED ? JX_AUDIT_WEIGHTED
                                                   : JX_AUDIT_DRAWN;
        pk->reason = sp->reason ? sp->reason : "";
        pk->flagged_for = au->origins[sp->index].flagged_for;
        pk->index = sp->index; /* a unit per project added, in the order added */
    }
    return JX_OK;
}

size_t jx_audit_pick_count(const jx_audit *au)
{
    return au ? au->npicks : 0;
}

const jx_audit_pick *jx_audit_picked(const jx_audit *au, size_t i)
{
    return au && i < au->npicks ? &au->picks[i] : NULL;
}

/* ------------------------------------------------------------------ summary */

/* The claimed and recomputed totals and grades of a scored p. */
static void audit_count_claims(jx_audit *au, const jx_project *p)
{
    jx_audit_summary *s = &au->sum;
    bool total_differs = false, grade_differs = false;
    if (p->has_claimed_total) {
        __int128 claimed = jx_dec_scaled(p->claimed_total, JX_DEC_MAX_SCALE);
        __int128 recomputed = (__int128)p->total * jx_pow10_128(JX_DEC_MAX_SCALE - p->decimals);
        s->claimed_totals++;
        au->inflation += claimed - recomputed;
        s->inflation_cents = (int64_t)jx_div_round_half_up(
            au->inflation, (__int128)s->claimed_totals * jx_pow10_128(JX_DEC_MAX_SCALE - 2));
        total_differs = claimed != recomputed;
    }
    if (p->claimed_grade != JX_GRADE_NONE && p->grade != JX_GRADE_NONE) /* a 结论 withheld differs from nothing */
        grade_differs = p->claimed_grade != p->grade;
    s->grades[p->grade <= JX_GRADE_POOR ? p->grade : JX_GRADE_NONE]++;
    s->total_differs += total_differs;
    s->grade_differs += grade_differs;
    s->differs += total_differs || grade_differs;
}

/* ------------------------------------------------------------ submissions */

/* FNV-1a of s[0..n), never 0 (0 marks an empty slot). */
static uint64_t audit_hash(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h ? h : 1;
}

/* The slot of key in the table: where it is, or the empty one where it would go. */
static jx_audit_seen *audit_slot(jx_audit_seen *t, size_t cap, uint64_t h, const char *key, size_t n)
{
    assert(cap > 0 && (cap & (cap - 1)) == 0);
    for (size_t i = (size_t)h & (cap - 1);; i = (i + 1) & (cap - 1)) {
        jx_audit_seen *e = &t[i];
        if (e->hash == 0 || (e->hash == h && e->keylen == n && memcmp(e->key, key, n) == 0))
            return e;
    }
}

/* Doubles the table (from 64 slots) when one more entry would fill it past half. */
static bool audit_seen_grow(jx_audit *au)
{
    if (2 * (au->nseen + 1) <= au->seen_cap)
        return true;
    size_t cap = au->seen_cap ? 2 * au->seen_cap : 64;
    jx_audit_seen *t = jx_calloc(au->alloc, cap * sizeof *t);
    if (!t)
        return false;
    for (size_t i = 0; i < au->seen_cap; i++)
        if (au->seen[i].hash)
            *audit_slot(t, cap, au->seen[i].hash, au->seen[i].key, au->seen[i].keylen) = au->seen[i];
    jx_free(au->alloc, au->seen, au->seen_cap * sizeof *au->seen);
    au->seen = t;
    au->seen_cap = cap;
    return true;
}

/*
 * Records p's submission; when an earlier project of the audit has the same 单位, 项目
 * and 年度 (the bytes as read; none written is a value too), adds duplicate-submission to
 * p naming where that one came. JX_ERR_NOMEM.
 */
static jx_result audit_note_submission(jx_audit *au, jx_project *p, unsigned flags)
{
    char year[16] = "";
    if (p->has_year)
        snprintf(year, sizeof year, "%d", p->year);
    size_t ny = strlen(year), n = (size_t)p->org.n + 1 + p->name.n + 1 + ny;
    if (n > UINT32_MAX || !audit_seen_grow(au))
        return JX_ERR_NOMEM;
    char *key = jx_arena_alloc(&au->arena, n);
    if (!key)
        return JX_ERR_NOMEM;
    memcpy(key, p->org.s, p->org.n);
    key[p->org.n] = '\0';
    memcpy(key + p->org.n + 1, p->name.s, p->name.n);
    key[p->org.n + 1 + p->name.n] = '\0';
    memcpy(key + p->org.n + 2 + p->name.n, year, ny);
    uint64_t h = audit_hash(key, n);
    jx_audit_seen *e = audit_slot(au->seen, au->seen_cap, h, key, n);
    if (e->hash) { /* made before: the key's copy is left in the arena, as small as a name */
        const char *org = jx_diag_quote(&p->arena, p->org.s, p->org.n);
        const char *name = jx_diag_quote(&p->arena, p->name.s, p->name.n);
        char at[32] = "";
        if (e->line)
            snprintf(at, sizeof at, ":%u", (unsigned)e->line);
        if (!org || !name ||
            !jx_diags_add(&p->diags, &p->arena, JX_SEV_WARNING, "duplicate-submission", &p->src, p->pos,
                          "与 %s%s 的项目重复提交：单位“%s”、项目“%s”%s%s%s", e->file, at, org, name,
                          ny ? "、年度 " : "", year, ny ? " 都相同" : "都相同，都未填年度"))
            return JX_ERR_NOMEM;
        return JX_OK;
    }
    const char *file = p->src.file ? p->src.file : "";
    if (!au->last_file || strcmp(au->last_file, file) != 0) {
        size_t fn = strlen(file);
        char *copy = jx_arena_alloc(&au->arena, fn + 1);
        if (!copy)
            return JX_ERR_NOMEM;
        memcpy(copy, file, fn + 1);
        au->last_file = copy;
    }
    *e = (jx_audit_seen){
        .hash = h, .key = key, .keylen = (uint32_t)n, .line = jx_audit_project_line(p, flags), .file = au->last_file};
    au->nseen++;
    return JX_OK;
}

jx_result jx_audit_add(jx_audit *au, jx_project *p, unsigned flags)
{
    if (!au || !p || au->finished)
        return JX_ERR_USAGE;
    jx_result dup = audit_note_submission(au, p, flags);
    if (dup != JX_OK)
        return dup;
    jx_audit_summary *s = &au->sum;
    s->projects++;
    s->claimed_grades[p->claimed_grade <= JX_GRADE_POOR ? p->claimed_grade : JX_GRADE_NONE]++;
    if (p->has_claimed_total && jx_dec_cmp(p->claimed_total, jx_dec_from_int(100)) == 0)
        s->claims_100++;
    s->claims_100_bp = (uint32_t)jx_div_round_half_up((__int128)s->claims_100 * 10000, (__int128)s->projects);
    /* scored: jx_score gave it a total, even with an error found while scoring (a
     * withheld 结论, a rejected 定性 claim: docs/scoring.md, "Errors that do not stop
     * scoring"); a project with the parser's errors is not */
    bool scored = p->scored;
    if (scored) {
        audit_count_claims(au, p);
    } else {
        s->unscored++;
        s->grades[JX_GRADE_NONE]++;
    }
    int64_t budget = 0, spent = 0;
    switch (jx_audit_project_funds(p, &budget, &spent)) {
    case JX_AUDIT_FUNDS_OK:
        s->funded++;
        s->budget_fen = audit_add_sat(s->budget_fen, budget);
        s->spent_fen = audit_add_sat(s->spent_fen, spent);
        break;
    case JX_AUDIT_FUNDS_UNCONVERTED:
        s->unconverted++;
        break;
    case JX_AUDIT_FUNDS_NONE:
        break;
    }
    bool has_error = false;
    jx_result rc = audit_count_findings(au, p, &has_error);
    if (rc == JX_OK && au->sampling)
        rc = audit_keep_unit(au, p, flags, budget);
    return rc;
}

const jx_audit_summary *jx_audit_get_summary(const jx_audit *au)
{
    return au ? &au->sum : NULL;
}

size_t jx_audit_tally_count(const jx_audit *au)
{
    return au ? au->ntallies : 0;
}

const jx_code_tally *jx_audit_tally(const jx_audit *au, size_t i)
{
    return au && i < au->ntallies ? &au->tallies[i] : NULL;
}
