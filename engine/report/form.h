/* form.h — the 项目支出绩效自评表 of a project laid out as the printed form's grid.
 *
 * The reporters that draw the form (text, HTML, Markdown, the workbook) share this: the
 * indicator rows in the form's order with the rows each 一级 and 二级 cell spans, and the
 * texts of the cells the form computes ("产出指标 (60.00分)", "96.68%", "—"). The order
 * itself (jx_form_order) and the 满分 statement (jx_form_full_marks) serve every writer of
 * the 自评表, JSON and CSV too, the template and the 复核 sheet.
 * Everything is allocated in the arena the caller passes (a writer's scratch arena).
 */
#ifndef JX_FORM_H
#define JX_FORM_H

#include "arena.h"
#include "model.h"

#include <stddef.h>
#include <stdint.h>

/**
 * The order the 自评表 shows a project's groups and indicators in (docs/reports.md, "The
 * order of the groups"): every writer of the form — text, JSON, CSV, HTML, Markdown, the
 * workbook — and the template and the 复核 sheet list them so.
 *
 * Under the policy's default `分组顺序 规定` the 一级 groups go 产出 → 效益 → 满意度 and
 * the 二级 groups within theirs 数量 · 质量 · 时效 · 成本 → 经济 · 社会 · 生态 · 可持续影响 →
 * 服务对象满意度, each known by the leading word of its name (产出指标, 产出, 社会效益指标 …);
 * groups of another name follow those of their level, in source order, and groups of the
 * same place keep their source order. Under `分组顺序 原文` (p->group_source_order) the
 * groups stay as written. Each 一级 group is followed by its 二级 groups; a group's own
 * indicators keep their source order, those written directly in a 一级 group before its
 * 二级 groups.
 */
typedef struct jx_order {
    const jx_group **groups;   /* every group: each 一级 followed by its 二级 groups */
    size_t ngroups;            /* p->ngroups */
    const jx_indicator **inds; /* every indicator, group by group in the order of groups */
    size_t ninds;              /* p->ninds */
} jx_order;

/** Fills o for p in ar; JX_ERR_NOMEM when ar ran out. */
jx_result jx_form_order(jx_order *o, const jx_project *p, jx_arena *ar);

/**
 * The place of a group of `level` (1 or 2) called name in the official order: 0 for 产出 /
 * 数量, … ; JX_FORM_RANK_OTHER for a name the form does not have.
 */
int jx_form_group_rank(int level, jx_str name);

/** The rank of a group the official form does not name: after all that it does. */
#define JX_FORM_RANK_OTHER 100

/**
 * What 不适用 indicators do to the 满分 of a scored project. Under `不适用 剔除` their
 * weights are dropped from the maximum the total can reach: one of weight 20 and the rest
 * met give 80.00, out of 80. Under `不适用 按比例折算` the rest is rescaled to the layout's
 * total, the 满分 stays, and nothing is stated (the note not-applicable-rescale says how).
 */
typedef struct jx_full_marks {
    bool stated;    /* weighted 不适用 indicators were dropped: the 自评表 states the 满分 */
    jx_dec full;    /* the 满分: Σ 权重 (the 总分 row's, with a 单列 预算执行率) less dropped */
    jx_dec dropped; /* Σ 权重 of the dropped 不适用 indicators */
} jx_full_marks;

/** Fills fm for p (stated false before scoring and when nothing was dropped). */
void jx_form_full_marks(const jx_project *p, jx_full_marks *fm);

/** The label of the statement: "满分". */
extern const char jx_form_full_marks_label[];

/** Its value: "80（不适用 20 分剔除）", in ar ("" when ar ran out or fm is not stated). */
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
    jx_form_row *rows; /* in the form's order (jx_form_order): each 一级 group, its direct indicators,
                          then its 二级 groups */
    size_t nrows;      /* how many */
    jx_dec weight_sum; /* Σ 权重, with the points of a 单列 预算执行率 (the 总分 row's 权重) */
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
