/* form.h — the 项目支出绩效自评表 of a project laid out as the printed form's grid.
 *
 * The reporters that draw the form (text, HTML, Markdown, the workbook) share this: the
 * indicator rows in the form's order with the rows each 一级 and 二级 cell spans, and the
 * texts of the cells that show a number ("产出指标 (60.00分)", "96.68%", "—"). The numbers
 * come from the scoring layer (score.h: rates, rounding, Σ 权重, the 满分) and the order
 * from order.h; this only words them.
 * Everything is allocated in the arena the caller passes (a writer's scratch arena).
 */
#ifndef JX_FORM_H
#define JX_FORM_H

#include "arena.h"
#include "model.h"
#include "order.h"
#include "score.h"

#include <stddef.h>
#include <stdint.h>

/** The label of the statement: "满分". */
extern const char jx_form_full_marks_label[];

/** The value of the 满分 statement (jx_full_marks_of, score.h): "80（不适用 20 分剔除）", in ar
 * ("" when ar ran out or fm is not stated). */
const char *jx_form_full_marks_value(jx_arena *ar, const jx_full_marks *fm);

/** One row of the indicator table. */
typedef struct jx_form_row {
    const jx_indicator *ind; /* the indicator; NULL for an empty group's row */
    const jx_group *l1;      /* its 一级 group */
    const jx_group *l2;      /* its 二级 group; NULL for an indicator written directly in 一级 */
    uint32_t l1_span;        /* rows the 一级 cell spans when this row starts it, else 0 */
    uint32_t l2_span;        /* rows the 二级 cell (empty when l2 is NULL) spans when this row starts it, else 0 */
} jx_form_row;

/** The indicator table of a project, laid out. */
typedef struct jx_form {
    jx_form_row *rows; /* in the form's order (jx_order_build): each 一级 group, its direct indicators,
                          then its 二级 groups */
    size_t nrows;      /* how many */
    jx_dec weight_sum; /* Σ 权重, with the points of a 单列 预算执行率 (the 总分 row's 权重: jx_weight_total) */
} jx_form;

/**
 * Lays out p's indicator table in ar. An empty 二级 group is one row (ind NULL), and so
 * is an empty 一级 group (l2 NULL too). JX_ERR_NOMEM when ar ran out.
 */
jx_result jx_form_build(jx_form *f, const jx_project *p, jx_arena *ar);

/** "产出指标 (60.00分)" with the project's decimals, or the bare name when no points were declared. */
const char *jx_form_group_label(jx_arena *ar, const jx_project *p, const jx_group *g);

/** The label of a 单列 预算执行率 row: "预算执行率 (10.00分)". */
const char *jx_form_exec_label(jx_arena *ar, const jx_project *p);

/** A score with the project's decimals ("30.00"), or "—" before scoring or when units < 0. */
const char *jx_form_score(jx_arena *ar, const jx_project *p, int64_t units);

/** An indicator's 得分 cell: its score, "不适用", or "—". */
const char *jx_form_indicator_score(jx_arena *ar, const jx_project *p, const jx_indicator *ind);

/** An indicator's 权重 cell: the weight as written ("30"), or "—" when none. */
const char *jx_form_weight(jx_arena *ar, const jx_indicator *ind);

/** A number as written ("358.35", "0"). */
const char *jx_form_dec(jx_arena *ar, jx_dec d);

/** The 执行率 of one 资金 row ("100.00%"), or "—" when its 全年预算数 is 0. */
const char *jx_form_funds_rate(jx_arena *ar, const jx_funds *f);

/**
 * The 执行率 of all the funds together ("96.68%"): the 年度资金总额 row when it has a
 * budget, else the sum of the rows; "—" when the budget is 0.
 */
const char *jx_form_total_rate(jx_arena *ar, const jx_project *p);

/** The 自评结论 cell: the grade ("优"), or "—" before scoring. */
const char *jx_form_grade(const jx_project *p);

#endif
