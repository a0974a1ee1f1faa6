/* SPDX-License-Identifier: MIT */
/* actuals.c — 实际完成值 read from a table and applied to projects as they stream.
 *
 * The whole table is loaded once as an indicator sheet (indrows.h): its rows are kept as
 * slices of it and indexed by project name, so applying them to a project costs one
 * lookup and a pass over its indicators; this file says what a matched row does.
 *
 * Besides the indicators' cells (实际完成值, 偏差原因, 评定, 得分) a sheet may carry the
 * project's own (年初预算, 全年预算, 全年执行, 实际完成情况, 目标偏离原因, 整改措施): in the
 * CSV template on a project's first row, in the workbook template on its 项目 sheet (a row
 * without 三级指标). Each is taken from whichever row of the project fills it; two rows
 * filling it differently are an error naming both. The three amounts go to the project's
 * 年度资金总额 row (made when it has none), which the 预算执行率 then reads (eval.c: the
 * 年度资金总额 row when its 全年预算 is above 0). A row made without a 年初预算 given keeps
 * 年初预算数 0 with a warning, so the 0 the 自评表 then prints is not taken for a known amount.
 */
#include "model.h"

#include "alloc.h"
#include "indrows.h"
#include "value.h"

#include <string.h>

/** The columns the header may name; the first four are the ones every indicator sheet has. */
enum {
    AC_PROJECT = JX_INDROWS_PROJECT, AC_ORG = JX_INDROWS_ORG, AC_DEPT = JX_INDROWS_DEPT, AC_L1 = JX_INDROWS_L1,
    AC_L2 = JX_INDROWS_L2, AC_L3 = JX_INDROWS_L3, AC_ACTUAL, AC_REASON, AC_JUDGE, AC_CLAIM,
    AC_INITIAL, AC_BUDGET, AC_SPENT, /* the project's columns, AC_INITIAL first: its amounts, */
    AC_OUTCOME, AC_DEVIATION, AC_REMEDY, /* then its texts */
    AC_NCOLS
};

/** The first of the project's columns, and how many there are. */
#define AC_PROJECT_FIRST AC_INITIAL
#define AC_NPROJECT (AC_NCOLS - AC_PROJECT_FIRST)

static const char *const column_names[AC_NCOLS] = {
    "项目", "单位", "主管部门", "一级指标", "二级指标", "三级指标", "实际完成值", "偏差原因", "评定", "得分",
    "年初预算", "全年预算", "全年执行", "实际完成情况", "目标偏离原因", "整改措施",
};

/** Other names the templates and the forms give the same columns. */
static const jx_indrows_alias column_aliases[] = {
    {AC_REASON, "偏差原因分析及改进措施"}, {AC_INITIAL, "年初预算数"}, {AC_BUDGET, "全年预算数"},
    {AC_SPENT, "全年执行数"},             {AC_DEVIATION, "目标偏离原因分析"}, {AC_REMEDY, "整改措施及建议"},
};

static const int required_columns[] = {AC_PROJECT, AC_L3, AC_ACTUAL};

/** The actuals sheet: its columns and the words of its messages. */
static const jx_indrows_spec actuals_spec = {
    .code = "actuals",
    .unused_code = "actuals-unused",
    .what = "实际完成值文件",
    .header_hint = "项目、三级指标、实际完成值，或项目、全年预算等项目列",
    .columns = column_names,
    .ncolumns = AC_NCOLS,
    .required = required_columns,
    .nrequired = sizeof required_columns / sizeof required_columns[0],
    .aliases = column_aliases,
    .naliases = sizeof column_aliases / sizeof column_aliases[0],
    .project_first = AC_PROJECT_FIRST,
};

_Static_assert(AC_NCOLS <= JX_INDROWS_MAXCOLS, "the actuals sheet's columns fit a row");

typedef jx_indrows_cell act_cell;
typedef jx_indrows_row act_row;

struct jx_actuals {
    const jx_allocator *alloc; /* for the handle */
    jx_indrows rows;           /* the loaded sheet, its index and its diagnostics (code "actuals") */
    const act_row **filled;    /* during jx_actuals_apply: indicator i → the row that filled it, NULL before */
    size_t filled_cap;         /* capacity of filled */
    const act_row *project_from[AC_NPROJECT]; /* during jx_actuals_apply: the row that filled each project
                                                  column (AC_PROJECT_FIRST + k), NULL before */
    const act_row *total_made_by; /* during jx_actuals_apply: the row whose amount made the project's
                                     年度资金总额 row, NULL when the rule file had one or none was made */
    int total_made_col;           /* the column of that amount (AC_INITIAL … AC_SPENT) */
    bool initial_given;           /* during jx_actuals_apply: a row of the project fills 年初预算 */
};

/* True when the cell holds exactly s[0..n). */
static int cell_eq(act_cell c, const char *s, size_t n)
{
    return jx_indrows_cell_eq(c, s, n);
}

/* Adds an error at a row's cell. */
#define ACT_ERROR(act, r, pos, ...) jx_indrows_diag(&(act)->rows, JX_SEV_ERROR, (r), (pos), __VA_ARGS__)

jx_result jx_actuals_open(jx_actuals **out, const char *path, const jx_allocator *alloc)
{
    return jx_actuals_open_table(out, path, NULL, alloc);
}

jx_result jx_actuals_know(jx_actuals *act, const jx_project *p)
{
    if (!act || !p)
        return JX_ERR_USAGE;
    return jx_indrows_know(&act->rows, p) == 0 ? JX_OK : JX_ERR_NOMEM;
}

/* A new handle with its table not yet loaded, in *out; JX_ERR_NOMEM. */
static jx_result actuals_new(jx_actuals **out, const jx_allocator *alloc)
{
    const jx_allocator *a = jx_alloc_keep(alloc);
    jx_actuals *act = a ? jx_calloc(a, sizeof *act) : NULL;
    if (!act) {
        jx_alloc_drop(a);
        return JX_ERR_NOMEM;
    }
    act->alloc = a;
    jx_indrows_init(&act->rows, &actuals_spec, a);
    *out = act;
    return JX_OK;
}

jx_result jx_actuals_open_memory(jx_actuals **out, const char *file_name, const char *data, size_t len,
                                 const jx_table_options *opts, const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!file_name || (!data && len))
        return JX_ERR_USAGE;
    jx_result rc = actuals_new(out, alloc);
    return rc == JX_OK ? jx_indrows_load_memory(&(*out)->rows, file_name, data ? data : "", len, opts) : rc;
}

jx_result jx_actuals_open_table(jx_actuals **out, const char *path, const jx_table_options *opts,
                                const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!path)
        return JX_ERR_USAGE;
    jx_result rc = actuals_new(out, alloc);
    return rc == JX_OK ? jx_indrows_load_file(&(*out)->rows, path, opts) : rc;
}

void jx_actuals_close(jx_actuals *act)
{
    if (!act)
        return;
    const jx_allocator *a = act->alloc;
    jx_indrows_free(&act->rows);
    jx_free(a, act->filled, act->filled_cap * sizeof *act->filled);
    jx_free(a, act, sizeof *act);
    jx_alloc_drop(a);
}

/* Drops the parser's vague-actual warning about an actual the CSV replaces. */
static void drop_stale_warning(jx_project *p, const jx_value *old)
{
    if (!old->present || old->pos.line == 0)
        return;
    for (size_t i = 0; i < p->diags.n; i++) {
        jx_diag *d = &p->diags.v[i];
        if (strcmp(d->code, "vague-actual") == 0 && d->line == old->pos.line && d->column == old->pos.col) {
            if (d->severity == JX_SEV_WARNING)
                p->diags.warnings--;
            memmove(d, d + 1, (p->diags.n - i - 1) * sizeof *d);
            p->diags.n--;
            return;
        }
    }
}

/* Sets ind's actual from the row's 实际完成值 cell, warning about a sign written with it. */
static jx_result set_actual(jx_actuals *act, jx_project *p, jx_indicator *ind, const act_row *r)
{
    jx_value v;
    bool had_sign = false;
    jx_result rc = jx_indrows_actual(&act->rows, p, ind, r, jx_indrows_cell_of(r, AC_ACTUAL), &v, &had_sign);
    if (rc != JX_OK)
        return rc;
    if (had_sign) {
        const char *as = jx_indrows_value_text(&act->rows, &v);
        if (!as)
            return JX_ERR_NOMEM;
        jx_project_diag_add(p, JX_SEV_WARNING, "vague-actual", ind->pos,
                            "指标“%s”的实际完成值“%s”带有计算符号，按 %s 计分（%s 第 %u 行）", ind->name.s, v.text.s, as,
                            act->rows.srcs[r->sheet].file, (unsigned)r->line);
    }
    drop_stale_warning(p, &ind->actual);
    ind->actual = v;
    ind->actual_from_csv = true;
    return JX_OK;
}

/* Fills ind from row r: its actual, 偏差原因, 评定 and 得分, whichever cells are given. */
static jx_result apply_row(jx_actuals *act, jx_project *p, act_row *r, jx_indicator *ind)
{
    bool qualitative = jx_indicator_qualitative(ind); /* as jx_indrows_actual reads it */
    if (jx_indrows_cell_of(r, AC_ACTUAL).n) {
        jx_result rc = set_actual(act, p, ind, r);
        if (rc != JX_OK)
            return rc;
    }
    act_cell reason = jx_indrows_cell_of(r, AC_REASON);
    if (reason.n)
        ind->reason = jx_project_str(p, reason.s, reason.n);
    act_cell j = jx_indrows_cell_of(r, AC_JUDGE);
    if (j.n) {
        if (cell_eq(j, "达成", strlen("达成")) || cell_eq(j, "met", 3))
            ind->judge = JX_JUDGE_MET;
        else if (cell_eq(j, "部分达成", strlen("部分达成")) || cell_eq(j, "partly", 6))
            ind->judge = JX_JUDGE_PARTLY;
        else if (cell_eq(j, "未达成", strlen("未达成")) || cell_eq(j, "unmet", 5))
            ind->judge = JX_JUDGE_UNMET;
        else {
            ACT_ERROR(act, r, jx_indrows_cell_pos(r, j),
                      "第 %u 行（项目“%s”，指标“%s”）的评定“%.*s”应为 达成、部分达成 或 未达成",
                      (unsigned)r->line, p->name.s, ind->name.s, (int)j.n, j.s);
            return JX_ERR_INPUT;
        }
        /* kept as the rule language keeps a 评定 of a 定量 indicator, which the score does not use */
        if (!qualitative)
            jx_indrows_diag(&act->rows, JX_SEV_WARNING, r, jx_indrows_cell_pos(r, j),
                            "第 %u 行（项目“%s”，指标“%s”）是定量指标，按实际完成值计分，评定“%.*s”不影响得分",
                            (unsigned)r->line, p->name.s, ind->name.s, (int)j.n, j.s);
    }
    act_cell s = jx_indrows_cell_of(r, AC_CLAIM);
    if (s.n) {
        jx_dec d;
        if (!jx_indrows_number(&act->rows, p, ind, r, AC_CLAIM, s, &d))
            return JX_ERR_INPUT;
        ind->has_claim = true;
        ind->claim = d;
        ind->claim_pos = ind->pos;
    }
    return JX_OK;
}

/* True when the row fills an indicator's cell after 三级指标 (a template row left empty fills none). */
static bool row_fills(const act_row *r)
{
    for (size_t k = AC_L3 + 1; k < AC_PROJECT_FIRST; k++)
        if (jx_indrows_cell_of(r, k).n)
            return true;
    return false;
}

/* True when column k is one of the project's amounts (年初预算, 全年预算, 全年执行). */
static bool is_amount(int k)
{
    return k == AC_INITIAL || k == AC_BUDGET || k == AC_SPENT;
}

/* An amount (column k) of row r as a number ≥ 0 into *out; false after an error at the cell. */
static bool amount_cell(jx_actuals *act, const jx_project *p, const act_row *r, int k, jx_dec *out)
{
    act_cell c = jx_indrows_cell_of(r, k);
    const char *why = NULL;
    if (jx_value_read_plain_number(c.s, c.n, out, &why) != JX_VALUE_OK) {
        ACT_ERROR(act, r, jx_indrows_cell_pos(r, c), "第 %u 行（项目“%s”）的%s“%.*s”%s", (unsigned)r->line,
                  p->name.s, column_names[k], (int)c.n, c.s, why);
        return false;
    }
    if (jx_dec_is_negative(*out)) {
        ACT_ERROR(act, r, jx_indrows_cell_pos(r, c), "第 %u 行（项目“%s”）的%s“%.*s”为负数：金额不能小于 0",
                  (unsigned)r->line, p->name.s, column_names[k], (int)c.n, c.s);
        return false;
    }
    return true;
}

/* True when the cells a and b of column k say the same: equal numbers for the amounts, equal text else. */
static bool same_cell(int k, act_cell a, act_cell b)
{
    if (is_amount(k)) {
        jx_dec x, y;
        const char *why;
        if (jx_value_read_plain_number(a.s, a.n, &x, &why) == JX_VALUE_OK &&
            jx_value_read_plain_number(b.s, b.n, &y, &why) == JX_VALUE_OK)
            return jx_dec_cmp(x, y) == 0;
    }
    return a.n == b.n && memcmp(a.s, b.s, a.n) == 0;
}

/*
 * The 年度资金总额 row of p, made first of its 资金 rows (where the forms show it) when it
 * has none, with no amount given (an amount not filled is not made up: jx_funds; each one
 * filled is given; jx_actuals_apply warns when the 年初预算数 stays not given), at the 项目
 * keyword; *made tells which. NULL when memory ran out.
 */
static jx_funds *total_funds(jx_project *p, bool *made)
{
    *made = false;
    static const char total[] = "年度资金总额";
    for (size_t i = 0; i < p->nfunds; i++)
        if (strcmp(p->funds[i].source.s, total) == 0)
            return &p->funds[i];
    if (JX_GROW(p->alloc, p->funds, p->funds_cap, p->nfunds + 1) != 0)
        return NULL;
    jx_str source = jx_project_str(p, total, strlen(total));
    if (source.n == 0)
        return NULL; /* the arena ran out */
    memmove(p->funds + 1, p->funds, p->nfunds * sizeof *p->funds);
    jx_funds *f = &p->funds[0];
    memset(f, 0, sizeof *f);
    f->source = source;
    f->initial = f->budget = f->spent = jx_dec_from_int(0);
    f->pos = p->pos;
    p->nfunds++;
    *made = true;
    return f;
}

/* Sets p's project fields from the project columns row r fills; a column another row of
 * the project filled differently is an error naming both rows, the first row's value standing. */
static jx_result apply_project(jx_actuals *act, jx_project *p, const act_row *r)
{
    jx_result rc = JX_OK;
    for (int k = AC_PROJECT_FIRST; k < AC_NCOLS; k++) {
        act_cell c = jx_indrows_cell_of(r, k);
        if (!c.n)
            continue;
        if (k == AC_INITIAL)
            act->initial_given = true; /* even when refused below: its own error says so */
        const act_row **from = &act->project_from[k - AC_PROJECT_FIRST];
        if (*from) {
            act_cell was = jx_indrows_cell_of(*from, k);
            if (!same_cell(k, was, c)) {
                ACT_ERROR(act, r, jx_indrows_cell_pos(r, c),
                          "第 %u 行（项目“%s”）的%s“%.*s”与第 %u 行的“%.*s”不一致，每个项目只能填一个；按第 %u 行",
                          (unsigned)r->line, p->name.s, column_names[k], (int)c.n, c.s, (unsigned)(*from)->line,
                          (int)was.n, was.s, (unsigned)(*from)->line);
                rc = JX_ERR_INPUT;
            }
            continue;
        }
        if (is_amount(k)) {
            jx_dec d;
            if (!amount_cell(act, p, r, k, &d)) {
                rc = JX_ERR_INPUT;
                continue;
            }
            bool made;
            jx_funds *f = total_funds(p, &made);
            if (!f)
                return JX_ERR_NOMEM;
            if (made) {
                act->total_made_by = r;
                act->total_made_col = k;
            }
            *(k == AC_INITIAL ? &f->initial : k == AC_BUDGET ? &f->budget : &f->spent) = d;
            *(k == AC_INITIAL ? &f->has_initial : k == AC_BUDGET ? &f->has_budget : &f->has_spent) = true;
        } else {
            jx_str v = jx_project_str(p, c.s, c.n);
            if (v.n == 0)
                return JX_ERR_NOMEM; /* c.n > 0: the arena ran out */
            *(k == AC_OUTCOME ? &p->outcome : k == AC_DEVIATION ? &p->deviation : &p->remedy) = v;
        }
        *from = r;
    }
    return rc;
}

/* The matching row r of indicator ind, applied (jx_indrows_fn); a project row (ind NULL)
 * sets the project's columns. A second row filling the same indicator is an error naming
 * both rows, and the first row's values stand. */
static jx_result apply_matched(void *ud, jx_project *p, jx_indrows_row *r, jx_indicator *ind)
{
    jx_actuals *act = ud;
    jx_result prc = apply_project(act, p, r);
    if (prc == JX_ERR_NOMEM || !ind)
        return prc;
    if (!row_fills(r))
        return prc;
    const act_row **filled = &act->filled[ind - p->inds];
    if (*filled) {
        ACT_ERROR(act, r, jx_indrows_cell_pos(r, jx_indrows_cell_of(r, AC_L3)),
                  "第 %u 行（项目“%s”，指标“%s”）与第 %u 行填写的是同一个指标，每个指标只能有一行", (unsigned)r->line,
                  p->name.s, ind->name.s, (unsigned)(*filled)->line);
        return JX_ERR_INPUT;
    }
    *filled = r;
    jx_result rc = apply_row(act, p, r, ind);
    return rc != JX_OK ? rc : prc;
}

jx_result jx_actuals_apply(jx_actuals *act, jx_project *p)
{
    if (!act || !p)
        return JX_ERR_USAGE;
    if (p->ninds > 0 && JX_GROW(act->alloc, act->filled, act->filled_cap, p->ninds) != 0)
        return JX_ERR_NOMEM;
    if (p->ninds > 0)
        memset(act->filled, 0, p->ninds * sizeof *act->filled);
    memset(act->project_from, 0, sizeof act->project_from);
    act->total_made_by = NULL;
    act->initial_given = false;
    jx_result rc = jx_indrows_match(&act->rows, p, apply_matched, act);
    if (rc == JX_ERR_NOMEM)
        return rc;
    /* every row of p applied: a 年度资金总额 row made here whose 年初预算 no row gave */
    const act_row *r = act->total_made_by;
    if (r && !act->initial_given)
        jx_indrows_diag(&act->rows, JX_SEV_WARNING, r, jx_indrows_cell_pos(r, jx_indrows_cell_of(r, act->total_made_col)),
                        "第 %u 行（项目“%s”）没有填写年初预算，新建的年度资金总额资金行没有年初预算；"
                        "请在模板中填写年初预算",
                        (unsigned)r->line, p->name.s);
    return rc;
}

jx_result jx_actuals_finish(jx_actuals *act)
{
    if (!act)
        return JX_ERR_USAGE;
    return jx_indrows_finish(&act->rows);
}

size_t jx_actuals_diag_count(const jx_actuals *act)
{
    return act ? act->rows.diags.n : 0;
}

const jx_diag *jx_actuals_diag(const jx_actuals *act, size_t i)
{
    return act && i < act->rows.diags.n ? &act->rows.diags.v[i] : NULL;
}
