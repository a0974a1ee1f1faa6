/* SPDX-License-Identifier: MIT */
/* write_jx.c — `score --format jx`: the projects written back as rule text
 * (docs/dsl.md), targets and results in one file to submit (jx_reporter_jx).
 *
 * What the model holds is written, in one canonical layout whatever the source's:
 *
 *     项目 "名称" {
 *         主管部门 "…"
 *         单位 "…"
 *         年度 2024
 *         金额单位 万元
 *         资金 一般公共预算资金 年初预算 366 全年预算 358.35 全年执行 358.35
 *         资金 政府性基金 年初预算 20
 *         年度目标 "…"
 *         完成情况 "…"
 *         偏离原因 "…"
 *         整改措施 "…"
 *
 *         产出指标 60 {
 *             数量指标 50 {
 *                 接入系统数量 ≥60个 权重 30 实际 45个 偏差 "…" 评定 达成 得分 22.5 不适用 上年 ≥50个
 *                     前年 / 依据 "…"          (on the one line)
 *             }
 *         }
 *         总分 92.5 结论 优
 *     }
 *
 * Invariants, each a promise of docs/reports.md:
 *   - nothing is written that the model does not hold: a field, an attribute or a claim
 *     (得分, 总分, 结论) only when it was given (has_claim, has_claimed_total,
 *     claimed_grade), a 资金 amount only when given (has_initial …), 上年 and 前年 only
 *     when written (pos.line, `/` or `-` kept); the recomputed scores are never written,
 *     not even in a comment;
 *   - groups and indicators in source order (not the 自评表's order), so scoring the
 *     output gives the same results as scoring the input;
 *   - numbers exactly as the model holds them, scale and all (jx_num_put untrimmed);
 *     strings through the one escaper of rule text (jx_text_dsl_escaper, text.h), names
 *     bare only when the lexer reads them back as one word (jx_lex_bare_name, lexer.h);
 *   - idempotent: the output, scored with --format jx, gives the same bytes.
 */
#include "report.h"

#include "lexer.h"
#include "value.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* One level of indentation. */
#define JX_INDENT 4

/* The line that heads the output; a comment, so it reads as nothing. */
static const char head_comment[] =
    "# 绩效目标与实际完成情况（规则文本，可再计分）；得分、总分、结论为单位自报，计分时重算\n";

/* A keyword's Chinese spelling, as the keyword table has it. */
static void kw(jx_writer *wr, jx_keyword k)
{
    jx_out_str(wr, jx_keyword_name(k));
}

/* s[0..n) as a "string" of the rule language. */
static void quoted(jx_writer *wr, jx_str s)
{
    jx_out_char(wr, '"');
    jx_out_escaped(wr, &jx_text_dsl_escaper, s.s, s.n);
    jx_out_char(wr, '"');
}

/* s as a NAME: bare when the lexer reads it back as that one word, else quoted. */
static void name(jx_writer *wr, jx_str s)
{
    if (jx_lex_bare_name(s.s, s.n))
        jx_out_bytes(wr, s.s, s.n);
    else
        quoted(wr, s);
}

/* d exactly as held: its scale kept ("358.35", "78000.00", "60"). */
static void number(jx_writer *wr, jx_dec d)
{
    char buf[JX_DEC_BUFSZ];
    jx_out_bytes(wr, buf, jx_num_put(d.v, d.scale, false, buf));
}

/* " KEYWORD " and d. */
static void kw_number(jx_writer *wr, jx_keyword k, jx_dec d)
{
    jx_out_char(wr, ' ');
    kw(wr, k);
    jx_out_char(wr, ' ');
    number(wr, d);
}

/* A line "KEYWORD "string"" of the project, when s is not empty. */
static void text_line(jx_writer *wr, jx_keyword k, jx_str s)
{
    if (s.n == 0)
        return;
    jx_out_spaces(wr, JX_INDENT);
    kw(wr, k);
    jx_out_char(wr, ' ');
    quoted(wr, s);
    jx_out_char(wr, '\n');
}

/*
 * A number read as a value: sign, number, '%', unit, as the value reader gave them. The
 * sign is left out where none was written: a target read as '=' for want of one
 * (implicit, warned implicit-sign again when read back), an actual without one. A unit
 * follows the number without a blank, so a unit spelt like a keyword ("≥85分", "≥3项目")
 * stays the unit: what follows a value here is " " and an attribute keyword with its
 * value, another keyword or the line's end (docs/dsl.md, "Units spelt like keywords").
 */
static void value_number(jx_writer *wr, const jx_value *v)
{
    if (!v->implicit)
        jx_out_str(wr, jx_sign_text(v->sign));
    number(wr, v->num);
    if (v->percent)
        jx_out_char(wr, '%');
    jx_out_bytes(wr, v->unit.s, v->unit.n);
}

/* " KEYWORD value" of a history (上年, 前年) when it was written: a text as "…", a number
 * as value_number writes it, a value written as none as its dash or slash (see
 * jx_indicator.last_year). */
static void history(jx_writer *wr, jx_keyword k, const jx_value *v)
{
    if (!v->present && v->pos.line == 0)
        return;
    jx_out_char(wr, ' ');
    kw(wr, k);
    jx_out_char(wr, ' ');
    if (!v->present)
        jx_out_str(wr, v->text.n == 1 && v->text.s[0] == '-' ? "-" : "/");
    else if (v->is_text)
        quoted(wr, v->text);
    else
        value_number(wr, v);
}

/* One indicator on a line of its own at depth, its attributes in a fixed order. */
static void indicator(jx_writer *wr, const jx_indicator *ind, size_t depth)
{
    jx_out_spaces(wr, depth * JX_INDENT);
    name(wr, ind->name);
    jx_out_char(wr, ' ');
    if (ind->target.sign == JX_SIGN_QUAL || ind->target.is_text) { /* a text: 定性 "…" */
        kw(wr, JX_KW_QUALITATIVE);
        jx_out_char(wr, ' ');
        quoted(wr, ind->target.text);
    } else {
        value_number(wr, &ind->target);
    }
    if (ind->has_weight)
        kw_number(wr, JX_KW_WEIGHT, ind->weight);
    if (ind->actual.present) {
        jx_out_char(wr, ' ');
        kw(wr, JX_KW_ACTUAL);
        jx_out_char(wr, ' ');
        if (ind->actual.is_text)
            quoted(wr, ind->actual.text);
        else
            value_number(wr, &ind->actual);
    }
    if (ind->reason.n > 0) {
        jx_out_char(wr, ' ');
        kw(wr, JX_KW_REASON);
        jx_out_char(wr, ' ');
        quoted(wr, ind->reason);
    }
    if (ind->judge != JX_JUDGE_NONE) {
        static const jx_keyword judges[] = {[JX_JUDGE_MET] = JX_KW_MET, [JX_JUDGE_PARTLY] = JX_KW_PARTLY,
                                            [JX_JUDGE_UNMET] = JX_KW_UNMET};
        assert((unsigned)ind->judge < sizeof judges / sizeof *judges);
        jx_out_char(wr, ' ');
        kw(wr, JX_KW_JUDGE);
        jx_out_char(wr, ' ');
        kw(wr, judges[ind->judge]);
    }
    if (ind->has_claim)
        kw_number(wr, JX_KW_SCORE, ind->claim);
    if (ind->not_applicable) {
        jx_out_char(wr, ' ');
        kw(wr, JX_KW_NOT_APPLICABLE);
    }
    history(wr, JX_KW_LAST_YEAR, &ind->last_year);
    history(wr, JX_KW_YEAR_BEFORE, &ind->year_before);
    if (ind->basis.n > 0) {
        jx_out_char(wr, ' ');
        kw(wr, JX_KW_BASIS);
        jx_out_char(wr, ' ');
        quoted(wr, ind->basis);
    }
    jx_out_char(wr, '\n');
}

/* "NAME [POINTS] {" at depth, the line left open: "{}" closes a group without indicators on
 * it, any other is closed on a line of its own (group_close). */
static void group_open(jx_writer *wr, const jx_group *g, size_t depth)
{
    jx_out_spaces(wr, depth * JX_INDENT);
    name(wr, g->name);
    if (g->has_points) {
        jx_out_char(wr, ' ');
        number(wr, g->points);
    }
    jx_out_str(wr, " {");
}

/* "}" at depth, or "}" on the line of "{" when the group held nothing (empty). */
static void group_close(jx_writer *wr, size_t depth, bool empty)
{
    if (!empty)
        jx_out_spaces(wr, depth * JX_INDENT);
    jx_out_str(wr, "}\n");
}

/*
 * The indicators of each group, in source order, as chains: first[g] is the first
 * indicator of group g, next[i] the one after indicator i, UINT32_MAX none. NULL when
 * the scratch arena ran out (the writer then fails: jx_out_result).
 */
typedef struct chains {
    uint32_t *first, *next;
} chains;

static bool chains_make(jx_writer *wr, const jx_project *p, chains *c)
{
    c->first = jx_arena_alloc(&wr->scratch, (p->ngroups + 1) * sizeof *c->first);
    c->next = jx_arena_alloc(&wr->scratch, (p->ninds + 1) * sizeof *c->next);
    if (!c->first || !c->next)
        return false;
    memset(c->first, 0xFF, (p->ngroups + 1) * sizeof *c->first);
    for (size_t i = p->ninds; i-- > 0;) { /* backwards: each chain ends up in source order */
        uint32_t g = p->inds[i].group;
        assert(g < p->ngroups); /* the parser puts every indicator in a group */
        if (g >= p->ngroups)
            continue;
        c->next[i] = c->first[g];
        c->first[g] = (uint32_t)i;
    }
    return true;
}

/* The indicators of group g at depth. */
static void group_indicators(jx_writer *wr, const jx_project *p, const chains *c, size_t g, size_t depth)
{
    for (uint32_t i = c->first[g]; i != UINT32_MAX; i = c->next[i])
        indicator(wr, &p->inds[i], depth);
}

static void jx_begin(jx_writer *wr, const jx_project *first)
{
    (void)first;
    jx_out_str(wr, head_comment);
}

static void jx_project_write(jx_writer *wr, const jx_project *p)
{
    chains c;
    if (!chains_make(wr, p, &c))
        return;
    jx_out_char(wr, '\n');
    kw(wr, JX_KW_PROJECT);
    jx_out_char(wr, ' ');
    quoted(wr, p->name);
    jx_out_str(wr, " {\n");

    text_line(wr, JX_KW_DEPT, p->dept);
    text_line(wr, JX_KW_ORG, p->org);
    if (p->has_year) {
        jx_out_spaces(wr, JX_INDENT);
        kw(wr, JX_KW_YEAR);
        jx_out_char(wr, ' ');
        jx_out_uint(wr, (uint64_t)p->year);
        jx_out_char(wr, '\n');
    }
    if (p->money_unit.n > 0) {
        jx_out_spaces(wr, JX_INDENT);
        kw(wr, JX_KW_MONEY_UNIT);
        jx_out_char(wr, ' ');
        name(wr, p->money_unit);
        jx_out_char(wr, '\n');
    }
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        jx_out_spaces(wr, JX_INDENT);
        kw(wr, JX_KW_FUNDS);
        jx_out_char(wr, ' ');
        name(wr, f->source);
        if (f->has_initial)
            kw_number(wr, JX_KW_INITIAL, f->initial);
        if (f->has_budget)
            kw_number(wr, JX_KW_BUDGET, f->budget);
        if (f->has_spent)
            kw_number(wr, JX_KW_SPENT, f->spent);
        jx_out_char(wr, '\n');
    }
    text_line(wr, JX_KW_GOAL, p->goal);
    text_line(wr, JX_KW_OUTCOME, p->outcome);
    text_line(wr, JX_KW_DEVIATION, p->deviation);
    text_line(wr, JX_KW_REMEDY, p->remedy);

    if (p->ngroups > 0)
        jx_out_char(wr, '\n');
    for (size_t g = 0; g < p->ngroups; g++) {
        const jx_group *g1 = &p->groups[g];
        if (g1->level != 1)
            continue;
        group_open(wr, g1, 1);
        bool empty = true;
        if (c.first[g] != UINT32_MAX) { /* none from the parser: its 一级 groups hold 二级 ones */
            jx_out_char(wr, '\n');
            group_indicators(wr, p, &c, g, 2);
            empty = false;
        }
        for (size_t h = g + 1; h < p->ngroups; h++) {
            const jx_group *g2 = &p->groups[h];
            if (g2->level != 2 || g2->parent != g)
                continue;
            if (empty)
                jx_out_char(wr, '\n');
            empty = false;
            group_open(wr, g2, 2);
            if (c.first[h] != UINT32_MAX)
                jx_out_char(wr, '\n');
            group_indicators(wr, p, &c, h, 3);
            group_close(wr, 2, c.first[h] == UINT32_MAX);
        }
        group_close(wr, 1, empty);
    }

    if (p->has_claimed_total || p->claimed_grade != JX_GRADE_NONE) {
        jx_out_spaces(wr, JX_INDENT);
        if (p->has_claimed_total) {
            kw(wr, JX_KW_TOTAL);
            jx_out_char(wr, ' ');
            number(wr, p->claimed_total);
        }
        if (p->claimed_grade != JX_GRADE_NONE) {
            if (p->has_claimed_total)
                jx_out_char(wr, ' ');
            kw(wr, JX_KW_VERDICT);
            jx_out_char(wr, ' ');
            jx_out_str(wr, jx_grade_name(p->claimed_grade));
        }
        jx_out_char(wr, '\n');
    }
    jx_out_str(wr, "}\n");
}

static void jx_finish(jx_writer *wr)
{
    (void)wr;
}

const jx_reporter jx_reporter_jx = {.name = "jx", .begin = jx_begin, .project = jx_project_write,
                                    .finish = jx_finish};
