/* SPDX-License-Identifier: MIT */
/* order.h — the order the 自评表 lists a project's groups and indicators in: a decision
 * of the rules (docs/reports.md, "The order of the groups"), made once here for every
 * writer of the form, the template and the 复核 computation (review.c). Depends on the
 * model only.
 */
#ifndef JX_ORDER_H
#define JX_ORDER_H

#include "arena.h"
#include "model.h"

#include <stddef.h>

/**
 * The order of a project's groups and indicators. Under the policy's default
 * `分组顺序 规定` the 一级 groups go 产出 → 效益 → 满意度 and the 二级 groups within theirs
 * 数量 · 质量 · 时效 · 成本 → 经济 · 社会 · 生态 · 可持续影响 → 服务对象满意度, each known by
 * the leading word of its name (产出指标, 产出, 社会效益指标 …); groups of another name
 * follow those of their level, in source order, and groups of the same place keep their
 * source order. Under `分组顺序 原文` (p->group_source_order) the groups stay as written.
 * Each 一级 group is followed by its 二级 groups; a group's own indicators keep their
 * source order, those written directly in a 一级 group before its 二级 groups.
 *
 * Invariants once built: groups[0..ngroups) and inds[0..ninds) are permutations of the
 * project's groups and indicators (each pointer into p->groups / p->inds exactly once;
 * ngroups == p->ngroups and ninds == p->ninds for a project the parser built), and the
 * indicators come group by group in the order of groups.
 */
typedef struct jx_order {
    const jx_group **groups;   /* every group: each 一级 followed by its 二级 groups */
    size_t ngroups;            /* p->ngroups */
    const jx_indicator **inds; /* every indicator, group by group in the order of groups */
    size_t ninds;              /* p->ninds */
} jx_order;

/** Fills o for p in ar; JX_ERR_NOMEM when ar ran out. */
jx_result jx_order_build(jx_order *o, const jx_project *p, jx_arena *ar);

/** jx_order_build by sorting every project, even one already in order: the same order,
 *  what the one pass jx_order_build makes over a project in order is checked against. */
jx_result jx_order_build_plain(jx_order *o, const jx_project *p, jx_arena *ar);

/**
 * The place of a group of `level` (1 or 2) called name in the official order: 0 for 产出 /
 * 数量, … ; JX_ORDER_RANK_OTHER for a name the official form does not have.
 */
int jx_order_group_rank(int level, jx_str name);

/** The rank of a group the official form does not name: after all that it does. */
#define JX_ORDER_RANK_OTHER 100

#endif
