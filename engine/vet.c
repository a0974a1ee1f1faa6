/* SPDX-License-Identifier: MIT */
/* vet.c — jx_vet: the 审核 of 绩效目标表 before the budget year (docs/vet.md).
 *
 * jx_vet_add runs the checks of the four aspects on one project's targets (it is not
 * scored: a target table has no actuals), adding each finding to the project's
 * diagnostics, then folds the project into counters, one tally per code and its 单位's
 * record. The result (优/良/中/差) is computed from the diagnostics by the policy's rule
 * (jx_vet_result), so the reporters and the counters agree by construction.
 *
 * Numbers are compared exactly (jx_dec, 128-bit), money through the audit's 金额单位
 * (audit.h), percentages as the value reader read them (a target "≥95%" is 95 with
 * percent set). What an indicator is — a cost, a rate, budget execution — is the
 * checks' reading of its names (checks.h), and duplicate-indicator is the checks' own.
 */
#include "vet.h"

#include "alloc.h"
#include "checks.h"
#include "options.h"
#include "text.h"
#include "value.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ codes */

static const char CODE_NO_INDICATORS[] = "missing-indicators";
static const char CODE_MISSING_LEVEL1[] = "missing-level1";
static const char CODE_MISSING_LEVEL2[] = "missing-level2";
static const char CODE_MISSING_GOAL[] = "missing-goal";
static const char CODE_MISSING_TARGET[] = "missing-target";
static const char CODE_MISSING_UNIT[] = "missing-unit";
static const char CODE_QUAL_SHARE[] = "qualitative-share";
static const char CODE_VAGUE_TARGET[] = "vague-target";
static const char CODE_OVERLAP[] = "overlapping-projects";
static const char CODE_SATISFACTION[] = "satisfaction-target";
static const char CODE_ALWAYS_MET[] = "target-always-met";
static const char CODE_LOWERED[] = "target-lowered";
static const char CODE_LOWERED_BEFORE[] = "target-lowered-before";
static const char CODE_FLAT[] = "target-flat";
static const char CODE_COST_BUDGET[] = "cost-over-budget";
static const char CODE_EXEC_LOW[] = "execution-target-low";

/* Every code the 审核 gives and its aspect; a code not here is the text's own (the
 * parser's, the import's): 完整性. */
static const struct {
    const char *code;
    jx_vet_aspect aspect;
} aspect_of_code[] = {
    {CODE_NO_INDICATORS, JX_VET_COMPLETENESS},  {CODE_MISSING_LEVEL1, JX_VET_COMPLETENESS},
    {CODE_MISSING_LEVEL2, JX_VET_COMPLETENESS},
    {CODE_MISSING_GOAL, JX_VET_COMPLETENESS},   {CODE_MISSING_TARGET, JX_VET_COMPLETENESS},
    {CODE_MISSING_UNIT, JX_VET_COMPLETENESS},   {CODE_QUAL_SHARE, JX_VET_RELEVANCE},
    {CODE_VAGUE_TARGET, JX_VET_RELEVANCE},      {"duplicate-indicator", JX_VET_RELEVANCE},
    {CODE_OVERLAP, JX_VET_RELEVANCE},           {CODE_SATISFACTION, JX_VET_APPROPRIATENESS},
    {CODE_ALWAYS_MET, JX_VET_APPROPRIATENESS},  {CODE_LOWERED, JX_VET_APPROPRIATENESS},
    {CODE_LOWERED_BEFORE, JX_VET_APPROPRIATENESS}, {CODE_FLAT, JX_VET_APPROPRIATENESS},
    {CODE_COST_BUDGET, JX_VET_FEASIBILITY},
    {CODE_EXEC_LOW, JX_VET_FEASIBILITY},
};

jx_vet_aspect jx_vet_aspect_of(const char *code)
{
    for (size_t i = 0; code && i < sizeof aspect_of_code / sizeof aspect_of_code[0]; i++)
        if (strcmp(code, aspect_of_code[i].code) == 0)
            return aspect_of_code[i].aspect;
    return JX_VET_COMPLETENESS;
}

const char *jx_vet_aspect_name(jx_vet_aspect a)
{
    static const char *const names[JX_VET_ASPECTS] = {"完整性", "相关性", "适当性", "可行性"};
    return (unsigned)a < JX_VET_ASPECTS ? names[a] : "";
}

const char *jx_vet_result_name(jx_grade g)
{
    return g == JX_GRADE_NONE ? "—" : jx_grade_name(g);
}

const char *jx_vet_result_meaning(jx_grade g)
{
    switch (g) {
    case JX_GRADE_EXCELLENT: return "通过";
    case JX_GRADE_GOOD: return "修改后通过";
    case JX_GRADE_FAIR: return "退回重报";
    case JX_GRADE_POOR: return "不予通过";
    default: return "";
    }
}

/* ------------------------------------------------------------------ names */

static bool has(const char *s, const char *word)
{
    return s && strstr(s, word) != NULL;
}

/* The name of ind's group at level (1 or 2), "" when none. */
static const char *group_name(const jx_indicator *ind, int level)
{
    const jx_group *g = jx_indicator_group_at(ind, level);
    return g ? g->name.s : "";
}

/* True for a satisfaction indicator: 满意 in its name, or, under a 满意度 group, a name that
 * says what people think of it (认可, 好评, 评价). Another indicator filed under 满意度
 * (支付及时率, 验收合格率) is not one: a survey does not measure it. */
static bool is_satisfaction(const jx_indicator *ind)
{
    if (has(ind->name.s, "满意"))
        return true;
    if (!has(group_name(ind, 2), "满意度") && !has(group_name(ind, 1), "满意度"))
        return false;
    return has(ind->name.s, "认可") || has(ind->name.s, "好评") || has(ind->name.s, "评价");
}

/* True when v is a number (not a text), given. */
static bool is_number(const jx_value *v)
{
    return v->present && !v->is_text && v->sign != JX_SIGN_QUAL;
}

/* A jx_dec in plain notation, in buf. */
static const char *fmt(jx_dec d, char *buf)
{
    return jx_dec_format(d, buf, JX_DEC_BUFSZ);
}

/* ------------------------------------------------------------- 完整性 */

/* The 一级 groups p has: bits 1 产出, 2 效益, 4 满意度, 8 成本 (the 2021 tables set 成本 beside
 * 产出); *output the first 产出 group. */
static unsigned level1_present(const jx_project *p, const jx_group **output)
{
    unsigned bits = 0;
    *output = NULL;
    for (size_t i = 0; i < p->ngroups; i++) {
        const jx_group *g = &p->groups[i];
        if (g->level != 1)
            continue;
        if (has(g->name.s, "成本"))
            bits |= 8;
        if (jx_check_is_output(g->name.s)) {
            bits |= 1;
            if (!*output)
                *output = g;
        }
        if (jx_check_is_benefit(g->name.s))
            bits |= 2;
        if (has(g->name.s, "满意度"))
            bits |= 4;
    }
    return bits;
}

/* missing-indicators (an error: a project without 绩效目标 does not enter the project
 * library), or missing-level1 and missing-level2; missing-goal. */
static void check_structure(jx_project *p, const jx_policy *pol)
{
    if (p->ninds == 0) {
        jx_project_diag_add(p, JX_SEV_ERROR, CODE_NO_INDICATORS, p->pos,
                            "项目“%s”没有绩效指标：未设定绩效目标的项目不得纳入项目库", p->name.s);
        if (jx_str_trimmed(p->goal).n == 0)
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_MISSING_GOAL, p->pos, "项目“%s”没有填写年度目标", p->name.s);
        return;
    }
    const jx_group *output;
    unsigned bits = level1_present(p, &output);
    static const struct {
        unsigned bit;
        const char *name;
    } need[] = {{1, "产出指标"}, {2, "效益指标"}, {4, "满意度指标"}};
    for (size_t i = 0; i < 3; i++) {
        if (bits & need[i].bit)
            continue;
        if (need[i].bit == 4 && !pol->vet_need_satisfaction)
            continue;
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_MISSING_LEVEL1, p->pos, "项目“%s”缺少一级指标“%s”",
                            p->name.s, need[i].name);
    }
    if (output) {
        /* the 二级 groups under every 产出 一级 group */
        static const char *const kinds[4] = {"数量", "质量", "时效", "成本"};
        bool seen[4] = {false, false, false, false};
        for (size_t i = 0; i < p->ngroups; i++) {
            const jx_group *g = &p->groups[i];
            if (g->level != 2 || g->parent >= p->ngroups || !jx_check_is_output(p->groups[g->parent].name.s))
                continue;
            for (size_t k = 0; k < 4; k++)
                seen[k] = seen[k] || has(g->name.s, kinds[k]);
        }
        char missing[64] = "";
        size_t nmissing = 0;
        for (size_t k = 0; k < 4; k++) {
            if (seen[k] || (k == 3 && (!pol->vet_need_cost || (bits & 8))))
                continue;
            snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s指标", nmissing ? "、" : "",
                     kinds[k]);
            nmissing++;
        }
        if (nmissing)
            jx_project_diag_add(p, JX_SEV_WARNING, CODE_MISSING_LEVEL2, output->pos,
                                "“%s”下缺少二级指标：%s", output->name.s, missing);
    }
    if (jx_str_trimmed(p->goal).n == 0)
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_MISSING_GOAL, p->pos, "项目“%s”没有填写年度目标", p->name.s);
}

/* missing-target, missing-unit. */
static void check_values(jx_project *p, const jx_indicator *ind)
{
    const jx_value *T = &ind->target;
    if (T->present && T->is_text && jx_str_trimmed(T->text).n == 0)
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_MISSING_TARGET, ind->pos, "指标“%s”没有年度指标值",
                            ind->name.s);
    if (is_number(T) && !T->percent && T->unit.n == 0 && has(group_name(ind, 2), "数量"))
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_MISSING_UNIT, T->pos,
                            "数量指标“%s”的年度指标值“%s”没有计量单位", ind->name.s, T->text.s);
}

/* ------------------------------------------------------------- 相关性 */

/* qualitative-share: 定性 indicators above the policy's share of p's, strictly. */
static void check_qualitative_share(jx_project *p, const jx_policy *pol)
{
    size_t q = 0;
    for (size_t i = 0; i < p->ninds; i++)
        q += jx_indicator_qualitative(&p->inds[i]);
    if (p->ninds == 0 || q == 0)
        return;
    /* q / n > s / 100  ⇔  100·q·10^scale > s.v · n */
    const jx_dec s = pol->vet_qual_share;
    if ((__int128)q * 100 * jx_pow10_128(s.scale) <= (__int128)s.v * (__int128)p->ninds)
        return;
    char b[JX_DEC_BUFSZ], bs[JX_DEC_BUFSZ];
    jx_fixed_format((int64_t)jx_div_round_half_up((__int128)q * 10000, (__int128)p->ninds), 2, b, sizeof b);
    jx_project_diag_add(p, JX_SEV_WARNING, CODE_QUAL_SHARE, p->pos,
                        "项目“%s”的 %zu 个指标中定性指标 %zu 个，占 %s%%，超过审核定性占比 %s%%", p->name.s,
                        p->ninds, q, b, fmt(s, bs));
}

/* The length of the vague word of the policy's list that s[0..n) starts with (the longest), 0 when none. */
static size_t vague_word_at(const jx_policy *pol, const char *s, size_t n)
{
    size_t best = 0;
    const char *w = pol->vet_vague.s, *end = w + pol->vet_vague.n;
    while (w < end) {
        const char *slash = memchr(w, '/', (size_t)(end - w));
        size_t len = (size_t)((slash ? slash : end) - w);
        if (len > best && len <= n && memcmp(s, w, len) == 0)
            best = len;
        w += len + 1;
    }
    return best;
}

/* Punctuation a vague target may carry around its words. */
static size_t punct_at(const char *s, size_t n)
{
    static const char *const marks[] = {"。", "，", "、", "；", "！", "…", ".", ",", ";", "!"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t len = strlen(marks[i]);
        if (len <= n && memcmp(s, marks[i], len) == 0)
            return len;
    }
    return 0;
}

/* True when the text t is made only of the policy's vague words (blanks and punctuation
 * between them aside), and has at least one. */
static bool only_vague(const jx_policy *pol, jx_str t)
{
    size_t i = 0, words = 0, k;
    while (i < t.n) {
        if ((k = jx_text_blank_at(t.s + i, t.n - i, JX_TEXT_DSL)) > 0 || (k = punct_at(t.s + i, t.n - i)) > 0) {
            i += k;
        } else if ((k = vague_word_at(pol, t.s + i, t.n - i)) > 0) {
            i += k;
            words++;
        } else {
            return false;
        }
    }
    return words > 0;
}

/* vague-target: a 定性 target that says only 提升, 明显提高, … */
static void check_vague(jx_project *p, const jx_policy *pol, const jx_indicator *ind)
{
    const jx_value *T = &ind->target;
    if (!T->present || !T->is_text || !only_vague(pol, T->text))
        return;
    jx_project_diag_add(p, JX_SEV_WARNING, CODE_VAGUE_TARGET, T->pos,
                        "定性指标“%s”的年度指标值“%s”只有含糊的用语，无法判断是否达成，应写明可衡量的标准",
                        ind->name.s, T->text.s);
}

/* ------------------------------------------------------------- 适当性 */

/* satisfaction-target: a 满意度 target of 100 % or more (no survey shows it), or below the floor. */
static void check_satisfaction(jx_project *p, const jx_policy *pol, const jx_indicator *ind)
{
    const jx_value *T = &ind->target;
    if (!is_number(T) || !T->percent || !is_satisfaction(ind) || T->sign == JX_SIGN_LE || T->sign == JX_SIGN_LT)
        return;
    char b[JX_DEC_BUFSZ], bf[JX_DEC_BUFSZ];
    if (jx_dec_cmp(T->num, jx_dec_from_int(100)) >= 0)
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_SATISFACTION, T->pos,
                            "满意度指标“%s”的年度指标值“%s”为 %s%%，调查无法证实，应设在 100%% 以下", ind->name.s,
                            T->text.s, fmt(T->num, b));
    else if (jx_dec_cmp(T->num, pol->vet_satisfaction_floor) < 0)
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_SATISFACTION, T->pos,
                            "满意度指标“%s”的年度指标值 %s%% 低于审核满意度下限 %s%%", ind->name.s, fmt(T->num, b),
                            fmt(pol->vet_satisfaction_floor, bf));
}

/* target-always-met: ≥ 0 or > a negative number (any count reaches it), or ≤ 100 % (or
 * < above 100 %) on a rate that cannot pass 100 %. */
static void check_always_met(jx_project *p, const jx_indicator *ind)
{
    const jx_value *T = &ind->target;
    if (!is_number(T))
        return;
    int zero = jx_dec_cmp(T->num, jx_dec_from_int(0));
    int hundred = jx_dec_cmp(T->num, jx_dec_from_int(100));
    bool floor_met = (T->sign == JX_SIGN_GE && zero <= 0) || (T->sign == JX_SIGN_GT && zero < 0);
    bool cap_met = T->percent && jx_check_is_bounded_rate(p, ind) &&
                   ((T->sign == JX_SIGN_LE && hundred >= 0) || (T->sign == JX_SIGN_LT && hundred > 0));
    if (floor_met)
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_ALWAYS_MET, T->pos,
                            "指标“%s”的年度指标值“%s”任何完成值都能达到，起不到约束作用", ind->name.s, T->text.s);
    else if (cap_met)
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_ALWAYS_MET, T->pos,
                            "指标“%s”是比率，年度指标值“%s”任何完成值都能达到，起不到约束作用", ind->name.s,
                            T->text.s);
}

/* Which way ind's target is more ambitious: +1 higher (≥ >), -1 lower (≤ <), 0 neither (= or none). */
static int ambition(const jx_value *T)
{
    return T->sign == JX_SIGN_GE || T->sign == JX_SIGN_GT ? 1 : T->sign == JX_SIGN_LE || T->sign == JX_SIGN_LT ? -1 : 0;
}

/* T against an earlier year's H: -1 when H asked for more (the target is lowered), 0 the
 * same number, +1 less; 2 when they do not compare (H not a number, units apart). A year
 * written as a fraction of a % target (0.97 against ≥95%) is read as its percentage. */
static int against(const jx_value *T, const jx_value *H, int dir)
{
    jx_value_common cu;
    if (!is_number(H) || !jx_value_common_unit(T, H, &cu))
        return 2;
    if (jx_value_fraction_of_percent(T, H))
        cu.kb *= 100;
    return dir * jx_dec_cmp_times(T->num, cu.ka, H->num, cu.kb);
}

/* An earlier year's value for a message: its text, with its reading when it is a fraction
 * of a % target ("0.97（按 97% 计）"). */
static const char *year_words(jx_project *p, const jx_value *T, const jx_value *H)
{
    if (!is_number(H) || !jx_value_fraction_of_percent(T, H))
        return H->text.s;
    char b[JX_DEC_BUFSZ];
    jx_dec pct = H->num;
    if (pct.scale >= 2)
        pct.scale -= 2; /* × 100, exactly */
    else
        pct.v *= pct.scale == 1 ? 10 : 100, pct.scale = 0;
    const char *s = jx_arena_printf(&p->arena, "%s（按 %s%% 计）", H->text.s, fmt(pct, b));
    return s ? s : H->text.s;
}

/* "；指标值确定依据：“…”" for a message, "" when ind has none. */
static const char *basis_clause(jx_project *p, const jx_indicator *ind)
{
    jx_str b = jx_str_trimmed(ind->basis);
    if (b.n == 0)
        return "";
    const char *q = jx_diag_quote(&p->arena, b.s, b.n);
    const char *s = q ? jx_arena_printf(&p->arena, "；指标值确定依据：“%s”", q) : NULL;
    return s ? s : "";
}

/* target-lowered: a target less ambitious than 上年's; target-lowered-before (a note):
 * than 前年's only; target-flat (a note): the same target three years running. */
static void check_history(jx_project *p, const jx_indicator *ind)
{
    const jx_value *T = &ind->target, *L = &ind->last_year, *B = &ind->year_before;
    if (!T->present || (!L->present && !B->present))
        return;
    if (!is_number(T)) { /* 定性: flat when the three texts are one */
        if (T->is_text && L->present && B->present && L->is_text && B->is_text && jx_str_trimmed(T->text).n > 0 &&
            jx_str_same_text(T->text, L->text) && jx_str_same_text(T->text, B->text))
            jx_project_diag_add(p, JX_SEV_NOTE, CODE_FLAT, T->pos, "指标“%s”的年度指标值“%s”与上年、前年相同，连续三年未变",
                                ind->name.s, T->text.s);
        return;
    }
    int dir = ambition(T), way = dir ? dir : 1;
    int last = L->present ? against(T, L, way) : 2, before = B->present ? against(T, B, way) : 2;
    if (dir != 0 && last == -1)
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_LOWERED, T->pos, "指标“%s”的年度指标值“%s”比上年的“%s”要求低，标准下调%s",
                            ind->name.s, T->text.s, year_words(p, T, L), basis_clause(p, ind));
    else if (dir != 0 && before == -1 && last != 2)
        jx_project_diag_add(p, JX_SEV_NOTE, CODE_LOWERED_BEFORE, T->pos,
                            "指标“%s”的年度指标值“%s”%s上年的“%s”%s，但比前年的“%s”要求低%s", ind->name.s, T->text.s,
                            last == 0 ? "与" : "比", year_words(p, T, L), last == 0 ? "持平" : "要求高",
                            year_words(p, T, B),
                            basis_clause(p, ind));
    else if (dir != 0 && before == -1)
        jx_project_diag_add(p, JX_SEV_NOTE, CODE_LOWERED_BEFORE, T->pos, "指标“%s”的年度指标值“%s”比前年的“%s”要求低%s",
                            ind->name.s, T->text.s, year_words(p, T, B), basis_clause(p, ind));
    else if (last == 0 && before == 0 && (L->sign == T->sign || L->implicit) && (B->sign == T->sign || B->implicit))
        jx_project_diag_add(p, JX_SEV_NOTE, CODE_FLAT, T->pos, "指标“%s”的年度指标值“%s”与上年、前年相同，连续三年未变",
                            ind->name.s, T->text.s);
}

/* ------------------------------------------------------------- 可行性 */

/* The project's budget in 分 for cost-over-budget: 全年预算, or, when no row gives one (a
 * target table before the year) or it is 0, 年初预算; 0 when there is neither. *which says
 * which. */
static int64_t project_budget_fen(const jx_project *p, const char **which)
{
    int64_t budget = 0, spent, initial = 0;
    *which = "全年预算";
    if (jx_audit_project_funds(p, &budget, &spent) == JX_AUDIT_FUNDS_OK && budget > 0)
        return budget;
    *which = "年初预算";
    if (jx_audit_project_initial(p, &initial) != JX_AUDIT_FUNDS_OK)
        return 0;
    return initial > 0 ? initial : 0;
}

/* cost-over-budget: a 成本 indicator in money whose cap is above the project's budget. */
static void check_cost(jx_project *p, const jx_indicator *ind, int64_t budget_fen, const char *which)
{
    const jx_value *T = &ind->target;
    if (budget_fen <= 0 || !is_number(T) || T->percent || T->sign == JX_SIGN_GE || T->sign == JX_SIGN_GT ||
        !jx_check_is_cost(p, ind))
        return;
    int64_t per = jx_audit_unit_fen(T->unit.s);
    if (per == 0)
        return;
    int64_t target_fen = jx_audit_amount_fen(T->num, per);
    if (target_fen <= budget_fen)
        return;
    char bt[JX_DEC_BUFSZ], bb[JX_DEC_BUFSZ];
    jx_project_diag_add(p, JX_SEV_ERROR, CODE_COST_BUDGET, T->pos,
                        "成本指标“%s”的年度指标值“%s”（%s 万元）超过项目%s %s 万元", ind->name.s, T->text.s,
                        jx_audit_wan(target_fen, bt, sizeof bt), which, jx_audit_wan(budget_fen, bb, sizeof bb));
}

/* execution-target-low: a 预算执行率 target below the policy's floor. */
static void check_execution(jx_project *p, const jx_policy *pol, const jx_indicator *ind)
{
    const jx_value *T = &ind->target;
    if (!is_number(T) || !T->percent || T->sign == JX_SIGN_LE || T->sign == JX_SIGN_LT || !jx_check_is_execution(ind))
        return;
    if (jx_dec_cmp(T->num, pol->vet_execution_floor) >= 0)
        return;
    char b[JX_DEC_BUFSZ], bf[JX_DEC_BUFSZ];
    jx_project_diag_add(p, JX_SEV_WARNING, CODE_EXEC_LOW, T->pos, "指标“%s”的年度指标值 %s%% 低于审核执行率下限 %s%%",
                        ind->name.s, fmt(T->num, b), fmt(pol->vet_execution_floor, bf));
}

/* ------------------------------------------------------------- overlap */

/* FNV-1a of s[0..n), never 0. */
static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h ? h : 1;
}

/* The hash of a 三级 name normalised: blanks, punctuation, quotes and brackets left out,
 * ASCII letters in lower case ("“一网通办”事项" and "一网通办 事项" are one name). */
static uint64_t name_hash(jx_str s)
{
    static const char *const skip[] = {"“", "”", "‘", "’", "（", "）", "《", "》", "【", "】", "、", "，", "。", "：", "；", "·", "—"};
    uint64_t h = 14695981039346656037u;
    size_t i = 0, k;
    while (i < s.n) {
        unsigned char c = (unsigned char)s.s[i];
        if ((k = jx_text_blank_at(s.s + i, s.n - i, JX_TEXT_DSL)) > 0) {
            i += k;
            continue;
        }
        if (c < 0x80) {
            i++;
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
                h = (h ^ c) * 1099511628211u;
            else if (c >= 'A' && c <= 'Z')
                h = (h ^ (unsigned char)(c - 'A' + 'a')) * 1099511628211u;
            continue;
        }
        /* every skipped mark starts with C2, E2, E3 or EF; any other byte is hashed at once */
        bool skipped = false;
        bool may_skip = c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF;
        for (size_t m = 0; may_skip && m < sizeof skip / sizeof skip[0] && !skipped; m++) {
            size_t len = strlen(skip[m]);
            if (len <= s.n - i && memcmp(s.s + i, skip[m], len) == 0) {
                i += len;
                skipped = true;
            }
        }
        if (!skipped)
            h = (h ^ c) * 1099511628211u, i++;
    }
    return h ? h : 1;
}

static int hash_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* |a ∩ b| of two sorted sets. */
static size_t common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else
            n++, i++, j++;
    }
    return n;
}

/* The 单位 record of p, made when new; NULL when memory ran out. */
static jx_vet_unit *unit_of(jx_vet *vt, const jx_project *p)
{
    uint64_t h = hash_bytes(p->org.s, p->org.n);
    if (2 * (vt->nunits + 1) > vt->index_cap) { /* at most half full */
        size_t cap = vt->index_cap ? 2 * vt->index_cap : 64;
        size_t *t = jx_calloc(vt->alloc, cap * sizeof *t);
        if (!t)
            return NULL;
        for (size_t u = 0; u < vt->nunits; u++) {
            size_t i = (size_t)vt->units[u]->hash & (cap - 1);
            while (t[i])
                i = (i + 1) & (cap - 1);
            t[i] = u + 1;
        }
        jx_free(vt->alloc, vt->index, vt->index_cap * sizeof *vt->index);
        vt->index = t;
        vt->index_cap = cap;
    }
    size_t i = (size_t)h & (vt->index_cap - 1);
    for (; vt->index[i]; i = (i + 1) & (vt->index_cap - 1)) {
        jx_vet_unit *u = vt->units[vt->index[i] - 1];
        if (u->hash == h && u->orglen == p->org.n && memcmp(u->pub.org, p->org.s, p->org.n) == 0)
            return u;
    }
    if (JX_GROW(vt->alloc, vt->units, vt->units_cap, vt->nunits + 1) != 0)
        return NULL;
    jx_vet_unit *u = jx_calloc(vt->alloc, sizeof *u);
    char *org = u ? jx_arena_strndup(&vt->arena, p->org.s, p->org.n) : NULL;
    if (!org) {
        jx_free(vt->alloc, u, sizeof *u);
        return NULL;
    }
    u->pub.org = org;
    u->hash = h;
    u->orglen = p->org.n;
    vt->units[vt->nunits++] = u;
    vt->index[i] = vt->nunits;
    return u;
}

/* overlapping-projects: p against the projects of its 单位's window, then p kept in it. */
static jx_result check_overlap(jx_vet *vt, jx_project *p, jx_vet_unit *u, unsigned flags)
{
    size_t n = p->ninds < JX_VET_NAMES ? p->ninds : JX_VET_NAMES;
    if (n == 0)
        return JX_OK;
    const char *file = p->src.file ? p->src.file : "";
    size_t nname = p->name.n, nfile = strlen(file);
    size_t bytes = n * sizeof(uint64_t) + nname + 1 + nfile + 1;
    uint64_t *hash = jx_malloc(vt->alloc, bytes);
    if (!hash)
        return JX_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        hash[i] = name_hash(p->inds[i].name);
    qsort(hash, n, sizeof *hash, hash_cmp);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++)
        if (distinct == 0 || hash[i] != hash[distinct - 1])
            hash[distinct++] = hash[i];
    const jx_dec thr = vt->pol->vet_overlap;
    size_t kept = u->nkept < JX_VET_WINDOW ? u->nkept : JX_VET_WINDOW;
    for (size_t k = 0; k < kept; k++) {
        const jx_vet_kept *e = &u->kept[(u->nkept - 1 - k) % JX_VET_WINDOW]; /* the latest first */
        size_t both = common(hash, distinct, e->hash, e->n), either = distinct + e->n - both;
        /* Jaccard both / either ≥ thr / 100  ⇔  100·both·10^scale ≥ thr.v · either */
        if (both == 0 || (__int128)both * 100 * jx_pow10_128(thr.scale) < (__int128)thr.v * (__int128)either)
            continue;
        char b[JX_DEC_BUFSZ], bt[JX_DEC_BUFSZ], at[32] = "";
        jx_fixed_format((int64_t)jx_div_round_half_up((__int128)both * 10000, (__int128)either), 2, b, sizeof b);
        if (e->line)
            snprintf(at, sizeof at, ":%u", (unsigned)e->line);
        jx_project_diag_add(p, JX_SEV_WARNING, CODE_OVERLAP, p->pos,
                            "与同一单位的项目“%s”（%s%s）三级指标名称重合 %s%%（相同 %zu 个，合计 %zu 个），达到审核重合度 %s%%",
                            e->name, e->file, at, b, both, either, fmt(thr, bt));
    }
    /* keep p in the window, in place of the oldest */
    jx_vet_kept *slot = &u->kept[u->nkept % JX_VET_WINDOW];
    if (slot->hash)
        jx_free(vt->alloc, slot->hash, slot->bytes);
    char *name = (char *)(hash + n);
    memcpy(name, p->name.s, nname);
    name[nname] = '\0';
    memcpy(name + nname + 1, file, nfile + 1);
    *slot = (jx_vet_kept){.hash = hash, .n = distinct, .bytes = bytes, .name = name, .file = name + nname + 1,
                          .line = jx_audit_project_line(p, flags)};
    u->nkept++;
    return JX_OK;
}

/* ------------------------------------------------------------- the vet */

/* A target table that sets no weight at all (many provinces' 目标表 have no 分值 column)
 * is not missing any: the parser's missing-weight findings are dropped. When some
 * indicators have weights and others not, they stay. */
static void drop_unset_weights(jx_project *p)
{
    for (size_t i = 0; i < p->ninds; i++)
        if (p->inds[i].has_weight)
            return;
    jx_diags_drop(&p->diags, "missing-weight");
}

jx_grade jx_vet_result(const jx_project *p, const jx_policy *pol)
{
    if (!p || !pol)
        return JX_GRADE_NONE;
    bool warned[JX_VET_ASPECTS] = {false, false, false, false};
    for (size_t i = 0; i < p->diags.n; i++) {
        const jx_diag *d = &p->diags.v[i];
        if (d->severity == JX_SEV_ERROR)
            return JX_GRADE_POOR;
        if (d->severity == JX_SEV_WARNING)
            warned[jx_vet_aspect_of(d->code)] = true;
    }
    int n = warned[0] + warned[1] + warned[2] + warned[3];
    return n == 0 ? JX_GRADE_EXCELLENT : n >= pol->vet_redo_aspects ? JX_GRADE_FAIR : JX_GRADE_GOOD;
}

void jx_vet_count(const jx_project *p, jx_severity min, jx_vet_counts *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < p->diags.n; i++) {
        const jx_diag *d = &p->diags.v[i];
        if (d->severity >= min)
            c->by_aspect[jx_vet_aspect_of(d->code)][d->severity]++;
    }
}

jx_result jx_vet_create(jx_vet **out, const jx_policy *pol, const jx_vet_options *opts, const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!pol || (opts && (!JX_OPTIONS_SIZE_OK(opts, jx_vet_options, min_severity) ||
                          (unsigned)opts->min_severity > JX_SEV_ERROR)))
        return JX_ERR_USAGE;
    const jx_allocator *a = jx_alloc_keep(alloc);
    jx_vet *vt = a ? jx_calloc(a, sizeof *vt) : NULL;
    if (!vt) {
        jx_alloc_drop(a);
        return JX_ERR_NOMEM;
    }
    vt->alloc = a;
    vt->pol = pol;
    if (opts)
        vt->opts = *opts;
    jx_arena_init(&vt->arena, a);
    *out = vt;
    return JX_OK;
}

void jx_vet_destroy(jx_vet *vt)
{
    if (!vt)
        return;
    const jx_allocator *a = vt->alloc;
    for (size_t i = 0; i < vt->nunits; i++) {
        jx_vet_unit *u = vt->units[i];
        for (size_t k = 0; k < JX_VET_WINDOW; k++)
            if (u->kept[k].hash)
                jx_free(a, u->kept[k].hash, u->kept[k].bytes);
        jx_free(a, u, sizeof *u);
    }
    jx_free(a, vt->units, vt->units_cap * sizeof *vt->units);
    jx_free(a, vt->index, vt->index_cap * sizeof *vt->index);
    jx_free(a, vt->tallies, vt->tallies_cap * sizeof *vt->tallies);
    jx_arena_free(&vt->arena);
    jx_free(a, vt, sizeof *vt);
    jx_alloc_drop(a);
}

/* The checks of p alone, once: what jx_vet_check and jx_vet_add run. */
static void vet_check(const jx_vet *vt, jx_project *p)
{
    if (p->vetted)
        return;
    p->vetted = true;
    const jx_policy *pol = vt->pol;
    drop_unset_weights(p);
    check_structure(p, pol);
    const char *which;
    int64_t budget = project_budget_fen(p, &which);
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        check_values(p, ind);
        check_vague(p, pol, ind);
        check_satisfaction(p, pol, ind);
        check_always_met(p, ind);
        check_history(p, ind);
        check_cost(p, ind, budget, which);
        check_execution(p, pol, ind);
    }
    check_qualitative_share(p, pol);
    jx_checks_duplicates(p);
}

jx_result jx_vet_check(const jx_vet *vt, jx_project *p)
{
    if (!vt || !p)
        return JX_ERR_USAGE;
    vet_check(vt, p);
    return p->diags.oom ? JX_ERR_NOMEM : JX_OK;
}

jx_result jx_vet_add(jx_vet *vt, jx_project *p, unsigned flags)
{
    if (!vt || !p || vt->finished)
        return JX_ERR_USAGE;
    const jx_policy *pol = vt->pol;
    vet_check(vt, p);
    jx_vet_unit *u = unit_of(vt, p);
    if (!u)
        return JX_ERR_NOMEM;
    jx_result rc = check_overlap(vt, p, u, flags);
    if (rc != JX_OK)
        return rc;
    if (p->diags.oom)
        return JX_ERR_NOMEM;

    jx_grade g = jx_vet_result(p, pol);
    vt->sum.projects++;
    vt->sum.results[g]++;
    u->pub.projects++;
    u->pub.results[g]++;
    for (size_t i = 0; i < p->diags.n; i++) {
        const jx_diag *d = &p->diags.v[i];
        if (d->severity < vt->opts.min_severity)
            continue;
        jx_code_tally *t = jx_code_tally_of(vt->alloc, &vt->arena, &vt->tallies, &vt->ntallies, &vt->tallies_cap, d->code);
        if (!t)
            return JX_ERR_NOMEM;
        t->count[d->severity]++;
        vt->sum.findings[d->severity]++;
        vt->sum.aspects[jx_vet_aspect_of(d->code)][d->severity]++;
        u->pub.findings[d->severity]++;
    }
    return JX_OK;
}

static int unit_cmp(const void *a, const void *b)
{
    const jx_vet_unit *x = *(jx_vet_unit *const *)a, *y = *(jx_vet_unit *const *)b;
    return strcmp(x->pub.org, y->pub.org);
}

jx_result jx_vet_finish(jx_vet *vt)
{
    if (!vt)
        return JX_ERR_USAGE;
    if (vt->finished)
        return JX_OK;
    vt->finished = true;
    if (vt->nunits > 1)
        qsort(vt->units, vt->nunits, sizeof *vt->units, unit_cmp); /* the index is not used after this */
    return JX_OK;
}

const jx_vet_summary *jx_vet_get_summary(const jx_vet *vt)
{
    return vt ? &vt->sum : NULL;
}

size_t jx_vet_tally_count(const jx_vet *vt)
{
    return vt ? vt->ntallies : 0;
}

const jx_code_tally *jx_vet_tally(const jx_vet *vt, size_t i)
{
    return vt && i < vt->ntallies ? &vt->tallies[i] : NULL;
}

size_t jx_vet_org_count(const jx_vet *vt)
{
    return vt ? vt->nunits : 0;
}

const jx_vet_org *jx_vet_org_at(const jx_vet *vt, size_t i)
{
    return vt && i < vt->nunits ? &vt->units[i]->pub : NULL;
}
