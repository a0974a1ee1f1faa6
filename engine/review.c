/* SPDX-License-Identifier: MIT */
/* review.c — the reviewer's CSV (复核表) applied to scored projects: each indicator's
 * 复核得分 decided from the row naming it, the rows refused, and the totals and grades
 * of both sides. The rules are in docs/review.md.
 *
 * The CSV is an indicator sheet (indrows.h), read and matched as the actuals are. A
 * 复核完成值 is scored by the evaluator itself: the project is scored once with the
 * reviewed values in place and once more as it was. Rounding, grades, sums of weights
 * and 不适用 按比例折算 are the scoring layer's (score.h), the order of the lines the
 * 自评表's (order.h); writing the sheet is the report layer's (engine/report/build_review.c).
 */
#include "review.h"

#include "alloc.h"
#include "indrows.h"
#include "order.h"
#include "score.h"
#include "value.h"

#include <assert.h>
#include <stdarg.h>
#include <string.h>

/** The columns of the reviewer's CSV; the first four are the ones every indicator sheet has. */
enum {
    RV_PROJECT = JX_INDROWS_PROJECT, RV_ORG = JX_INDROWS_ORG, RV_DEPT = JX_INDROWS_DEPT, RV_L1 = JX_INDROWS_L1,
    RV_L2 = JX_INDROWS_L2, RV_L3 = JX_INDROWS_L3, RV_VALUE, RV_SCORE, RV_DEDUCTION, RV_NOTE, RV_NCOLS
};

static const char *const column_names[RV_NCOLS] = {
    "项目", "单位", "主管部门", "一级指标", "二级指标", "三级指标", "复核完成值", "复核得分", "扣分", "备注",
};

static const int required_columns[] = {RV_PROJECT, RV_L3, RV_NOTE};

/** The review sheet: its columns and the words of its messages. */
static const jx_indrows_spec review_spec = {
    "review", "review-unused", "复核表", "项目、三级指标、复核完成值、复核得分、扣分、备注", column_names, RV_NCOLS,
    required_columns, sizeof required_columns / sizeof required_columns[0], NULL, 0, 0, /* no project rows */
};

/** What the row of one indicator says, once read, and the indicator while it is rescored. */
typedef struct rv_ind {
    jx_indrows_row *row;     /* its row, NULL when none */
    bool refused;            /* an error names the row */
    bool has_value;          /* 复核完成值 given */
    jx_value value;          /* it, read for the indicator (strings in the project's arena) */
    jx_judge judge;          /* a 定性 复核完成值 that is a 评定 word: 达成, 部分达成, 未达成 */
    bool value_scored;       /* the value earns a score under the policy */
    int64_t value_cents;     /* that score */
    bool has_score;          /* 复核得分 given */
    int64_t score_cents;     /* it, in hundredths */
    bool has_deduction;      /* 扣分 given */
    int64_t deduction_cents; /* it, in hundredths */
    bool swapped;            /* the fields below hold the indicator's own while it is rescored */
    jx_value saved_actual;   /* its 实际 */
    jx_judge saved_judge;    /* its 评定 */
    bool saved_has_claim;    /* whether it has a 得分 */
} rv_ind;

struct jx_review {
    const jx_allocator *alloc;   /* for the handle and its arrays */
    const jx_policy *pol;        /* the policy the projects are scored under */
    jx_indrows rows;             /* the CSV, its index and the diagnostics (code "review"); reads 复核完成值 */
    jx_arena sheet_arena;        /* the sheet's strings, reset for each project */
    bool sheet_oom;              /* a string of the sheet could not be copied */
    rv_ind *inds;                /* per indicator of the project being applied */
    size_t inds_cap;             /* capacity of inds */
    jx_review_line *lines;       /* the sheet's lines */
    size_t lines_cap;            /* capacity of lines */
    jx_review_sheet sheet;       /* the last sheet built */
    bool has_sheet;              /* sheet is valid */
};

/* ------------------------------------------------------------ the handle */

/* A new handle on pol with its CSV not yet loaded; NULL when memory ran out. */
static jx_review *review_new(const jx_policy *pol, const jx_allocator *alloc)
{
    const jx_allocator *a = jx_alloc_keep(alloc);
    jx_review *rv = a ? jx_calloc(a, sizeof *rv) : NULL;
    if (!rv) {
        jx_alloc_drop(a);
        return NULL;
    }
    rv->alloc = a;
    rv->pol = pol;
    jx_indrows_init(&rv->rows, &review_spec, a);
    jx_arena_init(&rv->sheet_arena, a);
    return rv;
}

/* After loading: a header must name at least one column that scores. */
static jx_result check_header(jx_review *rv, jx_result rc)
{
    if (rc == JX_ERR_IO || rc == JX_ERR_NOMEM || !rv->rows.header_read)
        return rc;
    const bool *seen = rv->rows.seen;
    if (seen[RV_VALUE] || seen[RV_SCORE] || seen[RV_DEDUCTION])
        return rc;
    jx_pos at = {0, 1, 1, 1};
    jx_indrows_diag(&rv->rows, JX_SEV_ERROR, NULL, at, "表头缺少“复核完成值”“复核得分”“扣分”列，至少要有其中一列");
    return JX_ERR_INPUT;
}

/* The common part of both opens: the handle, then the CSV loaded into it. */
static jx_result review_open(jx_review **out, const jx_policy *pol, const jx_allocator *alloc,
                             const char *name, const char *data, size_t len, const jx_table_options *opts)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!pol || !name)
        return JX_ERR_USAGE;
    jx_review *rv = review_new(pol, alloc);
    if (!rv)
        return JX_ERR_NOMEM;
    *out = rv;
    jx_result rc = data ? jx_indrows_load_memory(&rv->rows, name, data, len, opts)
                        : jx_indrows_load_file(&rv->rows, name, opts);
    return check_header(rv, rc);
}

jx_result jx_review_open_table(jx_review **out, const char *path, const jx_table_options *opts,
                               const jx_policy *pol, const jx_allocator *alloc)
{
    return review_open(out, pol, alloc, path, NULL, 0, opts);
}

jx_result jx_review_open(jx_review **out, const char *path, const jx_policy *pol, const jx_allocator *alloc)
{
    return review_open(out, pol, alloc, path, NULL, 0, NULL);
}

jx_result jx_review_open_blank(jx_review **out, const jx_policy *pol, const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!pol)
        return JX_ERR_USAGE;
    *out = review_new(pol, alloc); /* no table loaded: no row names any project */
    return *out ? JX_OK : JX_ERR_NOMEM;
}

jx_result jx_review_know(jx_review *rv, const jx_project *p)
{
    if (!rv || !p)
        return JX_ERR_USAGE;
    return jx_indrows_know(&rv->rows, p) == 0 ? JX_OK : JX_ERR_NOMEM;
}

jx_result jx_review_open_memory(jx_review **out, const char *file_name, const char *data, size_t len,
                                const jx_policy *pol, const jx_allocator *alloc)
{
    if (!data && len)
        return JX_ERR_USAGE;
    return review_open(out, pol, alloc, file_name, data ? data : "", len, NULL);
}

void jx_review_close(jx_review *rv)
{
    if (!rv)
        return;
    const jx_allocator *a = rv->alloc;
    jx_indrows_free(&rv->rows);
    jx_arena_free(&rv->sheet_arena);
    jx_free(a, rv->inds, rv->inds_cap * sizeof *rv->inds);
    jx_free(a, rv->lines, rv->lines_cap * sizeof *rv->lines);
    jx_free(a, rv, sizeof *rv);
    jx_alloc_drop(a);
}

jx_result jx_review_finish(jx_review *rv)
{
    if (!rv)
        return JX_ERR_USAGE;
    return jx_indrows_finish(&rv->rows);
}

size_t jx_review_diag_count(const jx_review *rv)
{
    return rv ? rv->rows.diags.n : 0;
}

const jx_diag *jx_review_diag(const jx_review *rv, size_t i)
{
    return rv && i < rv->rows.diags.n ? &rv->rows.diags.v[i] : NULL;
}

size_t jx_review_error_count(const jx_review *rv)
{
    return rv ? rv->rows.diags.errors : 0;
}

const jx_review_sheet *jx_review_sheet_get(const jx_review *rv)
{
    return rv && rv->has_sheet ? &rv->sheet : NULL;
}

const char *jx_review_basis_code(jx_review_basis b)
{
    switch (b) {
    case JX_REVIEW_UNREVIEWED: return "unreviewed";
    case JX_REVIEW_KEPT: return "kept";
    case JX_REVIEW_VALUE: return "value";
    case JX_REVIEW_DEDUCTION: return "deduction";
    case JX_REVIEW_SCORE: return "score";
    }
    return "";
}

bool jx_review_sheet_consistent(const jx_review_sheet *s)
{
    if (s->reviewed > s->nlines || s->review_total_cents != s->self_total_cents + s->diff_cents ||
        (s->execution_cents < 0) != (s->execution_points_cents < 0))
        return false;
    for (size_t i = 0; i < s->nlines; i++) {
        const jx_review_line *l = &s->lines[i];
        if (l->not_applicable ? l->diff_cents != 0 || l->self_cents != -1 || l->review_cents != -1
                              : l->self_cents < 0 || l->review_cents < 0 ||
                                    l->diff_cents != l->review_cents - l->self_cents)
            return false;
    }
    return true;
}

/* ---------------------------------------------------------- numbers */

/* "22.50" for 2250 hundredths, into buf (for the messages). */
static const char *cents_text(int64_t cents, char *buf)
{
    return jx_fixed_format(cents, 2, buf, JX_DEC_BUFSZ);
}

/* The grade of a total in hundredths under the policy's bands. */
static jx_grade grade_of(const jx_policy *pol, int64_t cents)
{
    jx_dec t = {cents, 2};
    return jx_grade_of(pol, t);
}

/* ------------------------------------------------------- reading a row */

/* Refuses the row of s: an error at cell c, "第 N 行（项目“…”，指标“…”）" and the rest. */
static void row_error(jx_review *rv, const jx_project *p, const jx_indicator *ind, rv_ind *s, jx_indrows_cell c,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void row_error(jx_review *rv, const jx_project *p, const jx_indicator *ind, rv_ind *s, jx_indrows_cell c,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *rest = jx_arena_vprintf(&rv->rows.arena, fmt, ap);
    va_end(ap);
    jx_indrows_diag(&rv->rows, JX_SEV_ERROR, s->row, jx_indrows_cell_pos(s->row, c), "第 %u 行（项目“%s”，指标“%s”）%s",
                    (unsigned)s->row->line, p->name.s, ind->name.s, rest ? rest : "");
    s->refused = true;
}

/** The largest 复核得分 or 扣分 read (no weight comes near it; it keeps hundredths in range). */
#define AMOUNT_MAX 1000000000

/* Reads the number cell k of s's row into *cents (hundredths, half up); false after an
 * error when it is not a number, is negative or is out of range. */
static bool read_amount(jx_review *rv, const jx_project *p, const jx_indicator *ind, rv_ind *s, int k,
                        int64_t *cents)
{
    jx_indrows_cell c = jx_indrows_cell_of(s->row, k);
    jx_dec d;
    if (!jx_indrows_number(&rv->rows, p, ind, s->row, k, c, &d)) {
        s->refused = true;
        return false;
    }
    if (jx_dec_is_negative(d)) {
        row_error(rv, p, ind, s, c, "的%s“%.*s”不能是负数", column_names[k], (int)c.n, c.s);
        return false;
    }
    if (jx_dec_cmp(d, jx_dec_from_int(AMOUNT_MAX)) > 0) {
        row_error(rv, p, ind, s, c, "的%s“%.*s”超出范围", column_names[k], (int)c.n, c.s);
        return false;
    }
    *cents = jx_dec_to_units(d, 2);
    return true;
}

/* The 评定 a 定性 复核完成值 names, or JX_JUDGE_NONE when it is another text. */
static jx_judge judge_word(jx_indrows_cell c)
{
    if (jx_indrows_cell_eq(c, "达成", strlen("达成")) || jx_indrows_cell_eq(c, "met", 3))
        return JX_JUDGE_MET;
    if (jx_indrows_cell_eq(c, "部分达成", strlen("部分达成")) || jx_indrows_cell_eq(c, "partly", 6))
        return JX_JUDGE_PARTLY;
    if (jx_indrows_cell_eq(c, "未达成", strlen("未达成")) || jx_indrows_cell_eq(c, "unmet", 5))
        return JX_JUDGE_UNMET;
    return JX_JUDGE_NONE;
}

/* Reads the 复核完成值 of s's row for ind, warning about a sign written with a number. */
static jx_result read_value(jx_review *rv, jx_project *p, const jx_indicator *ind, rv_ind *s)
{
    jx_indrows_cell c = jx_indrows_cell_of(s->row, RV_VALUE);
    bool had_sign = false;
    jx_result rc = jx_indrows_actual(&rv->rows, p, ind, s->row, c, &s->value, &had_sign);
    if (rc == JX_ERR_INPUT)
        s->refused = true;
    if (rc != JX_OK)
        return rc;
    s->has_value = true;
    if (ind->target.sign == JX_SIGN_QUAL)
        s->judge = judge_word(c);
    if (had_sign) {
        const char *as = jx_indrows_value_text(&rv->rows, &s->value);
        if (!as)
            return JX_ERR_NOMEM;
        jx_indrows_diag(&rv->rows, JX_SEV_WARNING, s->row, jx_indrows_cell_pos(s->row, c),
                        "第 %u 行（项目“%s”，指标“%s”）的复核完成值“%.*s”带有计算符号，按 %s计分",
                        (unsigned)s->row->line, p->name.s, ind->name.s, (int)c.n, c.s, as);
    }
    return JX_OK;
}

/* The weight of ind in hundredths, 0 when it has none. */
static int64_t weight_cents(const jx_indicator *ind)
{
    return ind->has_weight ? jx_dec_to_units(ind->weight, 2) : 0;
}

/* Takes the row r naming ind (jx_indrows_fn): reads its cells, refusing what is malformed. */
static jx_result collect(void *ud, jx_project *p, jx_indrows_row *r, jx_indicator *ind)
{
    jx_review *rv = ud;
    rv_ind *s = &rv->inds[ind - p->inds];
    if (!jx_indrows_cell_of(r, RV_VALUE).n && !jx_indrows_cell_of(r, RV_SCORE).n && !jx_indrows_cell_of(r, RV_DEDUCTION).n && !jx_indrows_cell_of(r, RV_NOTE).n)
        return JX_OK; /* a row naming the indicator and nothing else (a template's left unfilled): not reviewed */
    if (s->row) {
        jx_indrows_row *first = s->row;
        s->row = r;
        row_error(rv, p, ind, s, jx_indrows_cell_of(r, RV_L3), "与第 %u 行复核的是同一个指标，每个指标只能有一行", (unsigned)first->line);
        s->row = first;
        return JX_ERR_INPUT;
    }
    s->row = r;
    jx_indrows_cell v = jx_indrows_cell_of(r, RV_VALUE), sc = jx_indrows_cell_of(r, RV_SCORE), d = jx_indrows_cell_of(r, RV_DEDUCTION);
    if (ind->not_applicable) {
        jx_indrows_cell first = v.n ? v : sc.n ? sc : d;
        if (first.n)
            row_error(rv, p, ind, s, first, "是不适用的指标，不能填写复核完成值、复核得分或扣分");
        return s->refused ? JX_ERR_INPUT : JX_OK;
    }
    if (v.n) {
        jx_result rc = read_value(rv, p, ind, s);
        if (rc != JX_OK)
            return rc;
    }
    if (sc.n && read_amount(rv, p, ind, s, RV_SCORE, &s->score_cents)) {
        s->has_score = true;
        int64_t w = weight_cents(ind);
        if (s->score_cents > w) {
            char b1[JX_DEC_BUFSZ], b2[JX_DEC_BUFSZ];
            row_error(rv, p, ind, s, sc, "的复核得分 %s 超过权重 %s", cents_text(s->score_cents, b1),
                      cents_text(w, b2));
        }
    }
    if (d.n && read_amount(rv, p, ind, s, RV_DEDUCTION, &s->deduction_cents))
        s->has_deduction = true;
    return s->refused ? JX_ERR_INPUT : JX_OK;
}

/* ------------------------------------------------ scoring the values */

/* Puts the reviewed values in place of the indicators' own, scores the project, reads
 * each value's score, puts the indicators back and scores the project again. */
static jx_result score_values(jx_review *rv, jx_project *p)
{
    bool any = false;
    for (size_t i = 0; i < p->ninds; i++) {
        rv_ind *s = &rv->inds[i];
        if (!s->row || s->refused || !s->has_value)
            continue;
        jx_indicator *ind = &p->inds[i];
        s->saved_actual = ind->actual;
        s->saved_judge = ind->judge;
        s->saved_has_claim = ind->has_claim;
        s->swapped = true;
        ind->actual = s->value;
        ind->judge = s->judge;
        ind->has_claim = false;
        any = true;
    }
    if (!any)
        return JX_OK;
    jx_result rc = jx_score(p, rv->pol);
    for (size_t i = 0; i < p->ninds; i++) {
        rv_ind *s = &rv->inds[i];
        if (!s->swapped)
            continue;
        jx_indicator *ind = &p->inds[i];
        if (rc == JX_OK) {
            s->value_scored = ind->method != JX_METHOD_TEXT_ACTUAL && ind->method != JX_METHOD_QUAL_UNJUDGED &&
                              ind->method != JX_METHOD_MISSING_ACTUAL;
            s->value_cents = jx_units_to_cents(ind->score, p->decimals);
        }
        ind->actual = s->saved_actual;
        ind->judge = s->saved_judge;
        ind->has_claim = s->saved_has_claim;
        s->swapped = false;
    }
    jx_result again = jx_score(p, rv->pol);
    if (rc == JX_ERR_INPUT || again == JX_ERR_INPUT) {
        jx_pos none = {0, 0, 0, 1};
        jx_indrows_diag(&rv->rows, JX_SEV_ERROR, NULL, none, "项目“%s”无法按复核完成值重新计分", p->name.s);
    }
    return rc != JX_OK ? rc : again;
}

/* ------------------------------------------------------ the sheet */

/* s[0..n) copied into the sheet's arena; "" (and the sheet marked) when memory ran out. */
static const char *keep(jx_review *rv, const char *s, size_t n)
{
    if (n == 0)
        return "";
    char *c = jx_arena_strndup(&rv->sheet_arena, s, n);
    if (!c) {
        rv->sheet_oom = true;
        return "";
    }
    return c;
}

/* A NUL-terminated string kept in the sheet's arena. */
static const char *keep_str(jx_review *rv, const char *s)
{
    return keep(rv, s, strlen(s));
}

/* 指标性质 of a target. */
static const char *nature_of(const jx_value *t)
{
    if (!t->present)
        return "";
    switch (t->sign) {
    case JX_SIGN_GE:
    case JX_SIGN_GT: return "正向";
    case JX_SIGN_LE:
    case JX_SIGN_LT: return "反向";
    case JX_SIGN_QUAL: return "定性";
    default: return "等于";
    }
}

/* 指标值: the comparison as written ("≥", ">", "=", …, none when it was left out) and the
 * number with its decimals; the text of a 定性 target. */
static const char *target_cell(jx_review *rv, const jx_value *t)
{
    if (!t->present)
        return "";
    if (t->sign == JX_SIGN_QUAL || t->is_text)
        return keep(rv, t->text.s, t->text.n);
    const char *sym = "";
    if (!t->implicit) {
        switch (t->sign) {
        case JX_SIGN_GE: sym = "≥"; break;
        case JX_SIGN_GT: sym = ">"; break;
        case JX_SIGN_EQ: sym = "="; break;
        case JX_SIGN_LT: sym = "<"; break;
        case JX_SIGN_LE: sym = "≤"; break;
        default: break;
        }
    }
    char num[JX_DEC_BUFSZ];
    jx_fixed_format(t->num.v, t->num.scale, num, sizeof num);
    const char *c = jx_arena_printf(&rv->sheet_arena, "%s%s", sym, num);
    if (!c)
        rv->sheet_oom = true;
    return c ? c : "";
}

/* 单位 of a target: "%" for a percentage, else its unit. */
static const char *unit_cell(jx_review *rv, const jx_value *t)
{
    if (!t->present || t->sign == JX_SIGN_QUAL || t->is_text)
        return "";
    return t->percent ? "%" : keep(rv, t->unit.s, t->unit.n);
}

/* The line of ind before any review: the self-evaluation on both sides. */
static void self_line(jx_review *rv, const jx_project *p, const jx_indicator *ind, jx_review_line *l)
{
    memset(l, 0, sizeof *l);
    l->level1 = keep_str(rv, jx_indicator_level1(ind));
    l->level2 = keep_str(rv, jx_indicator_level2(ind));
    l->name = keep(rv, ind->name.s, ind->name.n);
    l->line = ind->pos.line;
    l->nature = nature_of(&ind->target);
    l->target = target_cell(rv, &ind->target);
    l->target_text = ind->target.present ? keep(rv, ind->target.text.s, ind->target.text.n) : "";
    l->unit = unit_cell(rv, &ind->target);
    l->weight_cents = ind->has_weight ? jx_dec_to_units(ind->weight, 2) : -1;
    l->not_applicable = ind->not_applicable;
    l->self_actual = ind->actual.present ? keep(rv, ind->actual.text.s, ind->actual.text.n) : "";
    l->self_cents = ind->not_applicable ? -1 : jx_units_to_cents(ind->score, p->decimals);
    l->claimed_cents = ind->has_claim ? jx_dec_to_units(ind->claim, 2) : -1;
    l->review_actual = l->self_actual;
    l->review_cents = l->self_cents;
    l->deduction_cents = -1;
    l->diff_cents = 0;
    l->note = "";
    l->basis = JX_REVIEW_UNREVIEWED;
}

/* Decides 复核得分 of a line that has a row, refusing the row when its cells disagree. */
static void decide(jx_review *rv, const jx_project *p, const jx_indicator *ind, rv_ind *s, jx_review_line *l)
{
    jx_indrows_row *r = s->row;
    char b1[JX_DEC_BUFSZ], b2[JX_DEC_BUFSZ], b3[JX_DEC_BUFSZ], b4[JX_DEC_BUFSZ];
    l->row = r->line;
    jx_indrows_cell note = jx_indrows_cell_of(r, RV_NOTE);
    l->note = keep(rv, note.s, note.n);
    l->basis = JX_REVIEW_KEPT;
    if (s->has_value) {
        l->value_given = 1;
        l->review_actual = keep(rv, s->value.text.s, s->value.text.n); /* as read: "1,150" shows 1150 */
    }
    if (s->has_deduction)
        l->deduction_cents = s->deduction_cents;
    if (ind->not_applicable || s->refused)
        return;
    bool by_value = s->has_value && s->value_scored;
    int64_t base = by_value ? s->value_cents : l->self_cents;
    const char *base_name = by_value ? "按复核完成值计算的得分" : "自评得分";
    jx_indrows_cell v = jx_indrows_cell_of(r, RV_VALUE);
    if (s->has_score) {
        l->basis = JX_REVIEW_SCORE;
        l->review_cents = s->score_cents;
        if (s->has_deduction && s->score_cents != base - s->deduction_cents)
            row_error(rv, p, ind, s, jx_indrows_cell_of(r, RV_SCORE), "的复核得分 %s 与%s %s 减扣分 %s 得 %s 不符",
                      cents_text(s->score_cents, b1), base_name, cents_text(base, b2),
                      cents_text(s->deduction_cents, b3), cents_text(base - s->deduction_cents, b4));
        else if (!s->has_deduction && by_value && s->score_cents != s->value_cents)
            row_error(rv, p, ind, s, jx_indrows_cell_of(r, RV_SCORE),
                      "的复核得分 %s 与按复核完成值“%.*s”计算的得分 %s 不符；另行扣分请填写扣分，并在备注中说明理由",
                      cents_text(s->score_cents, b1), (int)v.n, v.s, cents_text(s->value_cents, b2));
    } else if (s->has_deduction) {
        l->basis = JX_REVIEW_DEDUCTION;
        if (s->deduction_cents > base)
            row_error(rv, p, ind, s, jx_indrows_cell_of(r, RV_DEDUCTION), "的扣分 %s 超过%s %s",
                      cents_text(s->deduction_cents, b1), base_name, cents_text(base, b2));
        else
            l->review_cents = base - s->deduction_cents;
    } else if (s->has_value) {
        l->basis = JX_REVIEW_VALUE;
        if (s->value_scored)
            l->review_cents = s->value_cents;
        else if (ind->target.sign == JX_SIGN_QUAL)
            row_error(rv, p, ind, s, v,
                      "的复核完成值“%.*s”与指标值“%s”不同，不能据以计分：定性指标请写 达成、部分达成 或 未达成，或填写复核得分、扣分",
                      (int)v.n, v.s, ind->target.text.s);
        else
            row_error(rv, p, ind, s, v, "的复核完成值“%.*s”不是数值，不能据以计分，请填写复核得分或扣分", (int)v.n,
                      v.s);
    }
    if (s->refused || jx_indrows_cell_of(r, RV_NOTE).n > 0)
        return;
    /* a deduction must give its reason */
    if (s->has_deduction && s->deduction_cents > 0)
        row_error(rv, p, ind, s, jx_indrows_cell_of(r, RV_DEDUCTION), "扣分 %s，备注中没有说明理由，不予采用",
                  cents_text(s->deduction_cents, b1));
    else if (l->review_cents < l->self_cents)
        row_error(rv, p, ind, s, s->has_score ? jx_indrows_cell_of(r, RV_SCORE) : v, "复核得分 %s 低于自评得分 %s，备注中没有说明理由，不予采用",
                  cents_text(l->review_cents, b1), cents_text(l->self_cents, b2));
}

/* The totals of both sides, from the lines. 复核总分 is 自评总分 moved by the lines' 偏差
 * (after 按比例折算 when the policy rescales for 不适用), so it equals it with no 偏差. */
static void totals(jx_review *rv, const jx_project *p)
{
    jx_review_sheet *sh = &rv->sheet;
    const jx_policy *pol = rv->pol;
    int64_t self_sum = 0, review_sum = 0, weights = 0;
    bool any_na = false;
    for (size_t i = 0; i < sh->nlines; i++) {
        const jx_review_line *l = &sh->lines[i];
        if (l->weight_cents > 0)
            weights += l->weight_cents;
        if (l->not_applicable) {
            any_na = true;
            continue;
        }
        self_sum += l->self_cents;
        review_sum += l->review_cents;
    }
    sh->self_total_cents = jx_units_to_cents(p->total, p->decimals);
    sh->self_grade = p->grade;
    int64_t moved = review_sum - self_sum;
    jx_dec aw = jx_applicable_weight(p);
    if (any_na && pol->na_rule == JX_NA_RESCALE && aw.v > 0) /* both sides rescaled as jx_score does */
        moved = jx_na_rescale(review_sum, pol->layout_total, aw) - jx_na_rescale(self_sum, pol->layout_total, aw);
    sh->execution_points_cents = p->exec_separate ? jx_dec_to_units(p->exec_points, 2) : -1;
    sh->execution_cents = p->exec_separate ? jx_units_to_cents(p->exec_score, p->decimals) : -1;
    if (p->exec_separate)
        weights += sh->execution_points_cents;
    sh->weight_cents = weights;
    sh->review_total_cents = sh->self_total_cents + moved;
    /* a 结论 withheld for the self-evaluation (weights not adding up) is withheld for the 复核 too */
    sh->review_grade = p->grade == JX_GRADE_NONE ? JX_GRADE_NONE : grade_of(pol, sh->review_total_cents);
    sh->diff_cents = moved;
    sh->claimed_total_cents = p->has_claimed_total ? jx_dec_to_units(p->claimed_total, 2) : -1;
    sh->claimed_grade = p->claimed_grade;
}

/* The project's own fields of the sheet. */
static void sheet_head(jx_review *rv, const jx_project *p)
{
    jx_review_sheet *sh = &rv->sheet;
    sh->project = keep(rv, p->name.s, p->name.n);
    sh->dept = keep(rv, p->dept.s, p->dept.n);
    sh->org = keep(rv, p->org.s, p->org.n);
    sh->year = p->has_year ? p->year : 0;
    sh->file = keep_str(rv, p->src.file ? p->src.file : "");
    sh->line = p->pos.line;
    sh->review_file = rv->rows.src.file;
}

jx_result jx_review_apply(jx_review *rv, jx_project *p)
{
    if (!rv || !p)
        return JX_ERR_USAGE;
    rv->has_sheet = false;
    if (!p->scored)
        return JX_ERR_USAGE;
    jx_arena_reset(&rv->sheet_arena);
    rv->sheet_oom = false;
    if (JX_GROW(rv->alloc, rv->inds, rv->inds_cap, p->ninds) != 0 ||
        JX_GROW(rv->alloc, rv->lines, rv->lines_cap, p->ninds) != 0)
        return JX_ERR_NOMEM;
    if (p->ninds)
        memset(rv->inds, 0, p->ninds * sizeof *rv->inds);
    size_t errors_before = rv->rows.diags.errors;

    jx_result rc = jx_indrows_match(&rv->rows, p, collect, rv);
    if (rc == JX_ERR_NOMEM)
        return rc;
    jx_result src = score_values(rv, p);
    if (src != JX_OK)
        return src;

    memset(&rv->sheet, 0, sizeof rv->sheet);
    sheet_head(rv, p);
    /* the lines in the order of the 自评表 (order.h), so the sheet reads beside it */
    jx_order ord;
    if (jx_order_build(&ord, p, &rv->sheet_arena) != JX_OK)
        return JX_ERR_NOMEM;
    for (size_t k = 0; k < ord.ninds; k++) {
        size_t i = (size_t)(ord.inds[k] - p->inds);
        jx_review_line *l = &rv->lines[k];
        self_line(rv, p, &p->inds[i], l);
        if (rv->inds[i].row) {
            decide(rv, p, &p->inds[i], &rv->inds[i], l);
            rv->sheet.reviewed++;
        }
        if (!l->not_applicable)
            l->diff_cents = l->review_cents - l->self_cents;
    }
    rv->sheet.lines = rv->lines;
    rv->sheet.nlines = ord.ninds;
    if (rv->sheet_oom || rv->rows.diags.oom)
        return JX_ERR_NOMEM;
    if (rc != JX_OK || rv->rows.diags.errors > errors_before)
        return JX_ERR_INPUT;
    totals(rv, p);
    assert(jx_review_sheet_consistent(&rv->sheet));
    rv->has_sheet = true;
    return JX_OK;
}
