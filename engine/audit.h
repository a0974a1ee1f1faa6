/* SPDX-License-Identifier: MIT */
/* audit.h — the audit handle behind jx_audit_*, and what its reporters share with it.
 *
 * The audit keeps counters, sums and one tally per finding code: nothing that grows
 * with the number of projects, except the compact sample records (the words a draw
 * needs) when a sample was asked for.
 */
#ifndef JX_AUDIT_H
#define JX_AUDIT_H

#include "arena.h"
#include "model.h"
#include "sample.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Where a sampled project came from (parallel to the sample units). */
typedef struct jx_audit_origin {
    const char *file;     /* in the audit's arena */
    uint32_t line;        /* its line, or its table row when imported */
    unsigned flagged_for; /* JX_AUDIT_FLAG_* bits, 0 when it is not flagged */
} jx_audit_origin;

/** A submission the audit has seen: its key (单位, 项目, 年度) and where it came first. */
typedef struct jx_audit_seen {
    uint64_t hash;    /* of key; 0 marks an empty slot (a key hashing to 0 is stored as 1) */
    const char *key;  /* 单位 NUL 项目 NUL 年度, in the audit's arena */
    uint32_t keylen;  /* bytes of key */
    uint32_t line;    /* the project's line, or its table row when imported (0 when unknown) */
    const char *file; /* in the audit's arena */
} jx_audit_seen;

/** An audit: its options, the summary so far, the tallies and the sample records. */
struct jx_audit {
    const jx_allocator *alloc;   /* for everything below */
    const jx_policy *pol;        /* named in the reports; NULL when none was given */
    jx_audit_options opts;       /* as given (zeroed when NULL) */
    bool sampling;               /* a sample was asked for */
    bool share;                  /* it is the share opts.sample_bp, even 0 (jx_audit_set_sample_share) */
    bool finished;               /* jx_audit_finish ran */
    jx_audit_summary sum;        /* the summary so far */
    __int128 inflation;          /* Σ claimed − recomputed 总分, at scale JX_DEC_MAX_SCALE */
    jx_code_tally *tallies;      /* one per code, in byte order of the code */
    size_t ntallies, tallies_cap;
    jx_arena arena;              /* codes of the tallies; strings of the sample records */
    jx_sample_unit *units;       /* the sample records, in the order added (only when sampling) */
    jx_audit_origin *origins;    /* their files and lines */
    const char **reasons;        /* why each flagged unit is flagged for a claim, NULL for errors (jx_sample_spec) */
    size_t nunits, units_cap, origins_cap, reasons_cap;
    jx_sample draw;              /* the picks of jx_sample_choose */
    jx_audit_pick *picks;        /* those picks as the public API gives them */
    size_t npicks;
    jx_audit_seen *seen;         /* every submission, open addressing: seen_cap a power of two (or 0),
                                    at most half full */
    size_t nseen, seen_cap;
    const char *last_file;       /* the file of the last submission, in the arena (names repeat in a row) */
};

/** The findings of a project in report order, and their counts by severity. */
typedef struct jx_audit_findings {
    const jx_diag **v;  /* errors first, then warnings, then notes; the project's order within each */
    size_t n;           /* how many */
    size_t count[3];    /* by jx_severity */
} jx_audit_findings;

/**
 * Fills f with the diagnostics of p at or above min, in report order; v is taken from
 * ar (valid until ar is reset). Returns false when ar ran out of memory.
 */
bool jx_audit_collect(const jx_project *p, jx_severity min, jx_arena *ar, jx_audit_findings *f);

/**
 * The tally of code in the array *v of *n tallies (capacity *cap, grown with a) kept in
 * byte order of their codes, added with a copy of code in ar when new; NULL when memory
 * ran out. The audit's tallies and the 审核's (vet.c) are kept so.
 */
jx_code_tally *jx_code_tally_of(const jx_allocator *a, jx_arena *ar, jx_code_tally **v, size_t *n, size_t *cap,
                                const char *code);

/** A project's funds, as the audit counts them. */
typedef enum jx_audit_funds_kind {
    JX_AUDIT_FUNDS_NONE = 0,   /* no 资金 row that gives the amounts asked for */
    JX_AUDIT_FUNDS_OK,         /* converted to 分 */
    JX_AUDIT_FUNDS_UNCONVERTED /* a 金额单位 the audit cannot convert */
} jx_audit_funds_kind;

/**
 * The 全年预算 and 全年执行 of p in 分: those of its 年度资金总额 row, or when that row is
 * missing or has a 全年预算 of 0, the sums of the other rows. 金额单位 元, 千元, 万元,
 * 百万元 or 亿元 (万元 when not given); rounded half up to the 分.
 */
jx_audit_funds_kind jx_audit_project_funds(const jx_project *p, int64_t *budget_fen, int64_t *spent_fen);

/** The 年初预算 of p in 分, taken as jx_audit_project_funds takes 全年预算 (the 年度资金总额
 * row, or the sum of the others when it is missing or its 年初预算 is 0). */
jx_audit_funds_kind jx_audit_project_initial(const jx_project *p, int64_t *initial_fen);

/** 分 per one of the 金额单位 unit: 元, 千元, 万元, 百万元, 亿元; 0 for any other word. */
int64_t jx_audit_unit_fen(const char *unit);

/** d of a unit worth fen_per_unit 分, in 分: rounded half up, held at the int64 bounds. */
int64_t jx_audit_amount_fen(jx_dec d, int64_t fen_per_unit);

/** The line p is reported at: its 项目 line, or with JX_AUDIT_IMPORTED its table row (0 when unknown). */
uint32_t jx_audit_project_line(const jx_project *p, unsigned flags);

/**
 * The line d is reported at: its own, or with JX_AUDIT_IMPORTED the table row of its
 * source line, else the project's row; 0 for a diagnostic without a position.
 */
uint32_t jx_audit_diag_line(const jx_project *p, const jx_diag *d, unsigned flags);

/**
 * d's position as reported, in ar: "file:line:col", "file:row" with JX_AUDIT_IMPORTED
 * (a table has no columns worth naming), or "file" without a position; NULL when ar
 * ran out of memory.
 */
char *jx_audit_position(jx_arena *ar, const jx_project *p, const jx_diag *d, unsigned flags);

/**
 * Why p is flagged for 抽查 (docs/sampling.md): JX_AUDIT_FLAG_ERROR for an error-level
 * finding; for a scored p, JX_AUDIT_FLAG_TOTAL when its claimed 总分 is above the
 * recomputed one by more than margin points (any amount for a margin of 0), and
 * JX_AUDIT_FLAG_GRADE when its claimed 结论 is above the recomputed one. Understated
 * claims are not flagged. 0 when none holds.
 */
unsigned jx_audit_flag_bits_of(const jx_project *p, jx_dec margin);

/**
 * The margin of JX_AUDIT_FLAG_TOTAL under pol, in points: the policy's 抽查虚高 setting
 * (pol->flag_inflation, docs/sampling.md); 0 — any amount — by default and without a policy.
 */
jx_dec jx_audit_flag_margin(const jx_policy *pol);

/** The recomputed 总分 of p as a jx_dec (p scored): p->total at the policy's decimals. */
jx_dec jx_audit_total_dec(const jx_project *p);

/**
 * The claimed minus the recomputed 总分 of p, exactly, at the larger scale of the two
 * (claim 100 against 87.19 gives 12.81; 95 against 100.00 gives -5.00): in *out, and
 * true, when p was scored and claimed a 总分 and the difference fits a jx_dec (a claim
 * of 18 digits may not). The one computation of it: the 抽查 flags, the sample's
 * reasons and the reports' 差值 column all use it.
 */
bool jx_audit_claim_difference(const jx_project *p, jx_dec *out);

/** "error", "warning", "note". */
const char *jx_audit_severity_code(jx_severity s);

/** 分 as 万元 in plain notation without trailing zeros ("358.35", "0.000012") in buf. */
char *jx_audit_wan(int64_t fen, char *buf, size_t size);

#endif
