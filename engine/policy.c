/* SPDX-License-Identifier: MIT */
/* policy.c — loading scoring policies (评分办法): defaults, shipped policies, validation. */
#include "model.h"

#include "alloc.h"
#include "builtin_rules.h"
#include "import_decode.h"
#include "parser.h"
#include "readall.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* The code of every diagnostic a policy's loading adds besides the parser's, but band-gap. */
static const char CODE_POLICY[] = "policy";
/* Grade bands out of order (an error), 定性区间 with a gap or an overlap (a warning). */
static const char CODE_BAND_GAP[] = "band-gap";

/* The vague words of 审核模糊词 by default (docs/vet.md). */
static const char jx_policy_vague_default[] = "提升/提高/有所提高/明显/较好/持续/进一步";

void jx_policy_set_defaults(jx_policy *pol)
{
    pol->name = jx_str_empty;
    pol->file = jx_str_empty;
    pol->bands[0] = jx_dec_from_int(90);
    pol->bands[1] = jx_dec_from_int(80);
    pol->bands[2] = jx_dec_from_int(60);
    pol->reverse = JX_REVERSE_LINEAR;
    pol->qual_pct[0] = jx_dec_from_int(100);
    pol->qual_pct[1] = jx_dec_from_int(70);
    pol->qual_pct[2] = jx_dec_from_int(30);
    pol->qual_band_lo[0] = jx_dec_from_int(80);
    pol->qual_band_lo[1] = jx_dec_from_int(60);
    pol->qual_band_lo[2] = jx_dec_from_int(0);
    pol->qual_band_hi[0] = jx_dec_from_int(100);
    pol->qual_band_hi[1] = jx_dec_from_int(80);
    pol->qual_band_hi[2] = jx_dec_from_int(60);
    pol->over_pct = jx_dec_from_int(120);
    pol->exec_separate = false;
    pol->exec_points = jx_dec_from_int(10);
    pol->exec_cap = false;
    pol->na_rule = JX_NA_DROP;
    pol->decimals = 2;
    pol->layout_total = jx_dec_from_int(100);
    pol->nlevel1 = 0;
    pol->exec_gap_pct = jx_dec_from_int(5);
    pol->weight_sum_warn = false;
    pol->group_source_order = false;
    pol->flag_inflation = jx_dec_from_int(0);
    pol->vet_need_satisfaction = false;
    pol->vet_need_cost = true;
    pol->vet_qual_share = jx_dec_from_int(50);
    pol->vet_vague = (jx_str){jx_policy_vague_default, (uint32_t)(sizeof jx_policy_vague_default - 1)};
    pol->vet_overlap = jx_dec_from_int(80);
    pol->vet_satisfaction_floor = jx_dec_from_int(80);
    pol->vet_execution_floor = jx_dec_from_int(90);
    pol->vet_redo_aspects = 2;
    memset(&pol->qual_bands_pos, 0, sizeof pol->qual_bands_pos);
    memset(&pol->pos, 0, sizeof pol->pos);
    pol->band_note.state = JX_BAND_NOTE_EMPTY;
}

/* A fresh handle holding the defaults, or NULL when memory ran out. */
static jx_policy *policy_new(const jx_allocator *alloc)
{
    const jx_allocator *a = jx_alloc_keep(alloc);
    jx_policy *pol = a ? jx_calloc(a, sizeof *pol) : NULL;
    if (!pol) {
        jx_alloc_drop(a);
        return NULL;
    }
    pol->alloc = a;
    jx_arena_init(&pol->arena, a);
    jx_diags_init(&pol->diags, a);
    jx_policy_set_defaults(pol);
    return pol;
}

/* A copy of s[0..n) in the policy's arena as a jx_str; jx_str_empty when out of memory. */
static jx_str policy_str(jx_policy *pol, const char *s, size_t n)
{
    char *c = jx_arena_strndup(&pol->arena, s, n);
    if (!c) {
        pol->diags.oom = 1;
        return jx_str_empty;
    }
    jx_str r = {c, (uint32_t)n};
    return r;
}

/* Adds a loading error without a source position. */
static void policy_error(jx_policy *pol, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void policy_error(jx_policy *pol, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    jx_pos none = {0, 0, 0, 1};
    jx_source src = {pol->file.s, NULL, 0, false};
    jx_diags_vadd(&pol->diags, &pol->arena, JX_SEV_ERROR, CODE_POLICY, &src, none, fmt, ap);
    va_end(ap);
}

/* Adds a validation error at the 评分办法 keyword, quoting its line. */
static void policy_invalid(jx_policy *pol, const char *text, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void policy_invalid(jx_policy *pol, const char *text, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    jx_source src = {pol->file.s, text, len, false};
    jx_diags_vadd(&pol->diags, &pol->arena, JX_SEV_ERROR, CODE_POLICY, &src, pol->pos, fmt, ap);
    va_end(ap);
}

/* True when lo ≤ d ≤ hi. */
static bool dec_between(jx_dec d, int64_t lo, int64_t hi)
{
    return jx_dec_cmp(d, jx_dec_from_int(lo)) >= 0 && jx_dec_cmp(d, jx_dec_from_int(hi)) <= 0;
}

/* d1 − d2 exactly, when both fit (policy numbers are small). */
static jx_dec dec_sub(jx_dec a, jx_dec b)
{
    int s = a.scale > b.scale ? a.scale : b.scale;
    jx_dec r = {(int64_t)(jx_dec_scaled(a, s) - jx_dec_scaled(b, s)), s};
    return r;
}

/* Adds a diagnostic at pos in the policy text, quoting its line. */
static void policy_at(jx_policy *pol, const char *text, size_t len, jx_severity sev, const char *code,
                      jx_pos pos, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
static void policy_at(jx_policy *pol, const char *text, size_t len, jx_severity sev, const char *code,
                      jx_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    jx_source src = {pol->file.s, text, len, false};
    jx_diags_vadd(&pol->diags, &pol->arena, sev, code, &src, pos, fmt, ap);
    va_end(ap);
}

/* a + b exactly, when both fit (policy numbers are small). */
static jx_dec dec_add(jx_dec a, jx_dec b)
{
    int s = a.scale > b.scale ? a.scale : b.scale;
    jx_dec r = {(int64_t)(jx_dec_scaled(a, s) + jx_dec_scaled(b, s)), s};
    return r;
}

/* ------------------------------------------------------------ 一级分值 names */

/** Bytes of the longest name a 一级分值 match compares; longer names match nothing. */
#define LEVEL1_KEY_MAX 256

/*
 * The part of the name s[0..n) a 一级分值 match compares, into key: the name without
 * blanks, then without a trailing 指标 or 目标 unless that is all of it ("产出 指标",
 * "产出目标" and "产出" all give "产出"). Returns its length, or SIZE_MAX when it does
 * not fit in LEVEL1_KEY_MAX bytes.
 */
static size_t level1_key(const char *s, size_t n, char key[LEVEL1_KEY_MAX])
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t b = jx_text_blank_at(s + i, n - i, JX_TEXT_BLANKS);
        if (b) {
            i += b;
            continue;
        }
        if (k == LEVEL1_KEY_MAX)
            return SIZE_MAX;
        key[k++] = s[i++];
    }
    static const char *const suffixes[] = {"指标", "目标"};
    for (size_t j = 0; j < sizeof suffixes / sizeof *suffixes; j++) {
        size_t sn = strlen(suffixes[j]);
        if (k > sn && memcmp(key + k - sn, suffixes[j], sn) == 0)
            return k - sn;
    }
    return k;
}

/* The next alternative of an entry's names after *at (split at '/'); false at the end. */
static bool level1_next_alt(const jx_str *names, size_t *at, const char **s, size_t *n)
{
    if (*at > names->n)
        return false;
    const char *start = names->s + *at;
    const char *slash = memchr(start, '/', names->n - *at);
    *s = start;
    *n = slash ? (size_t)(slash - start) : names->n - *at;
    *at += *n + 1;
    return true;
}

int jx_policy_level1_find(const jx_policy *pol, const char *name, size_t n)
{
    if (!pol || !name)
        return -1;
    char key[LEVEL1_KEY_MAX], alt[LEVEL1_KEY_MAX];
    size_t kn = level1_key(name, n, key);
    if (kn == SIZE_MAX || kn == 0)
        return -1;
    for (size_t i = 0; i < pol->nlevel1; i++) {
        size_t at = 0, an;
        const char *a;
        while (level1_next_alt(&pol->level1[i].names, &at, &a, &an)) {
            if (level1_key(a, an, alt) == kn && memcmp(alt, key, kn) == 0)
                return (int)i;
        }
    }
    return -1;
}

/*
 * Checks 一级分值: each entry's points within 0..100, no empty name, no two names for
 * the same group (errors at the entry); then warns `level1-points` unless the points
 * plus a 单列 预算执行率 add up to 100.
 */
static void level1_validate(jx_policy *pol, const char *text, size_t len)
{
    char b0[JX_DEC_BUFSZ], b1[JX_DEC_BUFSZ], b2[JX_DEC_BUFSZ];
    char key[LEVEL1_KEY_MAX], other[LEVEL1_KEY_MAX];
    jx_dec sum = jx_dec_from_int(0);
    for (size_t i = 0; i < pol->nlevel1; i++) {
        const jx_level1_points *e = &pol->level1[i];
        if (!dec_between(e->points, 0, 100))
            policy_at(pol, text, len, JX_SEV_ERROR, CODE_POLICY, e->pos,
                      "一级分值中“%s”的分值 %s 应在 0～100 之间", e->names.s,
                      jx_dec_format(e->points, b0, sizeof b0));
        else
            sum = dec_add(sum, e->points);
        size_t at = 0, an;
        const char *a;
        while (level1_next_alt(&e->names, &at, &a, &an)) {
            size_t kn = level1_key(a, an, key);
            if (kn == 0 || kn == SIZE_MAX) {
                policy_at(pol, text, len, JX_SEV_ERROR, CODE_POLICY, e->pos,
                          "一级分值中“%s”含有空的或过长的一级指标名称", e->names.s);
                continue;
            }
            /* the same group named twice: by an earlier entry, or earlier in this one */
            for (size_t j = 0; j <= i; j++) {
                size_t at2 = 0, on;
                const char *o;
                bool dup = false;
                while (level1_next_alt(&pol->level1[j].names, &at2, &o, &on)) {
                    if (j == i && o >= a)
                        break;
                    if (level1_key(o, on, other) == kn && memcmp(other, key, kn) == 0) {
                        policy_at(pol, text, len, JX_SEV_ERROR, CODE_POLICY, e->pos,
                                  "一级分值中“%.*s”与“%.*s”指同一个一级指标（比较时去掉空格和末尾的“指标”“目标”）",
                                  (int)an, a, (int)on, o);
                        dup = true;
                        break;
                    }
                }
                if (dup)
                    break;
            }
        }
    }
    if (pol->nlevel1 == 0 || pol->diags.errors > 0)
        return;
    jx_dec total = pol->exec_separate ? dec_add(sum, pol->exec_points) : sum;
    if (jx_dec_cmp(total, jx_dec_from_int(100)) == 0)
        return;
    if (pol->exec_separate)
        policy_at(pol, text, len, JX_SEV_WARNING, "level1-points", pol->level1[0].pos,
                  "评分办法“%s”的一级分值合计 %s 分，加上预算执行率单列 %s 分共 %s 分，不等于 100 分",
                  pol->name.s, jx_dec_format(sum, b0, sizeof b0),
                  jx_dec_format(pol->exec_points, b1, sizeof b1), jx_dec_format(total, b2, sizeof b2));
    else
        policy_at(pol, text, len, JX_SEV_WARNING, "level1-points", pol->level1[0].pos,
                  "评分办法“%s”的一级分值合计 %s 分，不等于 100 分", pol->name.s,
                  jx_dec_format(sum, b0, sizeof b0));
}

/*
 * band-gap: the 定性区间 bands, from 未达成 up to 达成, should cover 0%–100% end to end.
 * Warns each place where they leave a gap (a self-score there belongs to no 评定) or
 * overlap (it belongs to two), at the 定性区间 setting. Each band is already within
 * 0..100 with lo ≤ hi.
 */
static void qual_bands_tiling(jx_policy *pol, const char *text, size_t len)
{
    static const char *const judges[3] = {"达成", "部分达成", "未达成"};
    char b0[JX_DEC_BUFSZ], b1[JX_DEC_BUFSZ];
    const char *name = pol->name.s;
    jx_pos at = pol->qual_bands_pos.line ? pol->qual_bands_pos : pol->pos;
    const jx_dec *lo = pol->qual_band_lo, *hi = pol->qual_band_hi;
    if (jx_dec_cmp(lo[2], jx_dec_from_int(0)) > 0)
        policy_at(pol, text, len, JX_SEV_WARNING, CODE_BAND_GAP, at,
                  "评分办法“%s”的定性区间“未达成”从 %s%% 起，0%%～%s%% 的自评得分不属于任何评定", name,
                  jx_dec_format(lo[2], b0, sizeof b0), jx_dec_format(lo[2], b1, sizeof b1));
    for (int k = 2; k > 0; k--) { /* the band below (k) against the one above (k − 1) */
        int c = jx_dec_cmp(hi[k], lo[k - 1]);
        if (c < 0)
            policy_at(pol, text, len, JX_SEV_WARNING, CODE_BAND_GAP, at,
                      "评分办法“%s”的定性区间“%s”与“%s”之间有空档 %s%%～%s%%，其中的自评得分不属于任何评定",
                      name, judges[k], judges[k - 1], jx_dec_format(hi[k], b0, sizeof b0),
                      jx_dec_format(lo[k - 1], b1, sizeof b1));
        else if (c > 0)
            policy_at(pol, text, len, JX_SEV_WARNING, CODE_BAND_GAP, at,
                      "评分办法“%s”的定性区间“%s”与“%s”重叠 %s%%～%s%%，其中的自评得分可归入两种评定",
                      name, judges[k], judges[k - 1], jx_dec_format(lo[k - 1], b0, sizeof b0),
                      jx_dec_format(hi[k], b1, sizeof b1));
    }
    if (jx_dec_cmp(hi[0], jx_dec_from_int(100)) < 0)
        policy_at(pol, text, len, JX_SEV_WARNING, CODE_BAND_GAP, at,
                  "评分办法“%s”的定性区间“达成”只到 %s%%，%s%%～100%% 的自评得分不属于任何评定", name,
                  jx_dec_format(hi[0], b0, sizeof b0), jx_dec_format(hi[0], b1, sizeof b1));
}

/*
 * Checks what the parser cannot: grade bands strictly descending within 0..100
 * (band-gap), 小数 0..4, 定性 percentages and bands within 0..100 with each percentage
 * inside its own band and the bands covering 0..100 (band-gap), 执行偏差 within 0..100,
 * 超额提示 at least 100%, 单列 points below 100; sets layout_total; then 一级分值.
 */
static void policy_validate(jx_policy *pol, const char *text, size_t len)
{
    static const char *const judges[3] = {"达成", "部分达成", "未达成"};
    char b0[JX_DEC_BUFSZ], b1[JX_DEC_BUFSZ], b2[JX_DEC_BUFSZ];
    const char *name = pol->name.s;

    bool bands_ok = true;
    for (int k = 0; k < 3; k++)
        if (!dec_between(pol->bands[k], 0, 100))
            bands_ok = false;
    if (jx_dec_cmp(pol->bands[0], pol->bands[1]) <= 0 || jx_dec_cmp(pol->bands[1], pol->bands[2]) <= 0)
        bands_ok = false;
    if (!bands_ok)
        policy_at(pol, text, len, JX_SEV_ERROR, CODE_BAND_GAP, pol->pos,
                  "评分办法“%s”的等级分数线应在 0～100 之间且从高到低：优 %s、良 %s、中 %s", name,
                  jx_dec_format(pol->bands[0], b0, sizeof b0),
                  jx_dec_format(pol->bands[1], b1, sizeof b1),
                  jx_dec_format(pol->bands[2], b2, sizeof b2));

    if (pol->decimals < 0 || pol->decimals > 4)
        policy_invalid(pol, text, len, "评分办法“%s”的小数位数 %d 应在 0～4 之间", name, pol->decimals);

    bool qual_ok = true;
    for (int k = 0; k < 3; k++) {
        jx_dec pct = pol->qual_pct[k], lo = pol->qual_band_lo[k], hi = pol->qual_band_hi[k];
        if (!dec_between(pct, 0, 100) || !dec_between(lo, 0, 100) || !dec_between(hi, 0, 100) ||
            jx_dec_cmp(lo, hi) > 0) {
            qual_ok = false;
            policy_invalid(pol, text, len,
                           "评分办法“%s”的定性“%s”百分比 %s%% 或区间 [%s%%, %s%%] 不在 0%%～100%% 之内",
                           name, judges[k], jx_dec_format(pct, b0, sizeof b0),
                           jx_dec_format(lo, b1, sizeof b1), jx_dec_format(hi, b2, sizeof b2));
            continue;
        }
        bool inside = jx_dec_cmp(pct, lo) >= 0 &&
                      (k == 0 ? jx_dec_cmp(pct, hi) <= 0 : jx_dec_cmp(pct, hi) < 0);
        if (!inside)
            policy_invalid(pol, text, len, "评分办法“%s”的定性“%s”百分比 %s%% 不在其区间 [%s%%, %s%%%s 内",
                           name, judges[k], jx_dec_format(pct, b0, sizeof b0),
                           jx_dec_format(lo, b1, sizeof b1), jx_dec_format(hi, b2, sizeof b2),
                           k == 0 ? "]" : ")");
    }

    if (qual_ok)
        qual_bands_tiling(pol, text, len);

    if (!dec_between(pol->exec_gap_pct, 0, 100))
        policy_invalid(pol, text, len, "评分办法“%s”的执行偏差 %s%% 应在 0%%～100%% 之间", name,
                       jx_dec_format(pol->exec_gap_pct, b0, sizeof b0));

    if (jx_dec_cmp(pol->over_pct, jx_dec_from_int(100)) < 0 ||
        jx_dec_cmp(pol->over_pct, jx_dec_from_int(10000)) > 0)
        policy_invalid(pol, text, len, "评分办法“%s”的超额提示 %s%% 应在 100%%～10000%% 之间", name,
                       jx_dec_format(pol->over_pct, b0, sizeof b0));

    if (pol->exec_separate &&
        (jx_dec_cmp(pol->exec_points, jx_dec_from_int(0)) <= 0 ||
         jx_dec_cmp(pol->exec_points, jx_dec_from_int(100)) >= 0))
        policy_invalid(pol, text, len, "评分办法“%s”的预算执行率分值 %s 应大于 0 且小于 100", name,
                       jx_dec_format(pol->exec_points, b0, sizeof b0));

    pol->layout_total = pol->exec_separate ? dec_sub(jx_dec_from_int(100), pol->exec_points)
                                           : jx_dec_from_int(100);
    level1_validate(pol, text, len);
}

/* ------------------------------------------- 权重合计, 分组顺序, 抽查虚高, 审核… */

/*
 * Settings the policy grammar in parser.c does not have, each on a line of its own
 * (docs/dsl.md): policy_knobs reads them here and blanks their lines out of the copy the
 * parser reads, so every other line keeps its bytes and positions. A line starting with
 * one of the keywords but not of its form is a `policy` error at the line.
 *
 * - `权重合计 错误 | 警告` (ASCII `weight_sum error | warning`): what weights that do not
 *   add up to the layout's total do (docs/scoring.md, "A project");
 * - `分组顺序 规定 | 原文` (`group_order official | source`): the order the 自评表
 *   prints its groups in (docs/reports.md, "The order of the groups");
 * - `抽查虚高 N` (`flag_inflation N`): the points a claimed 总分 may exceed the
 *   recomputed one before the audit flags the project, 0～100 (docs/sampling.md);
 * - the knobs of the 审核 of targets (docs/vet.md): `审核满意度 必需 | 可选`, `审核成本
 *   必需 | 可选`, `审核定性占比 N`, `审核重合度 N`, `审核满意度下限 N`, `审核执行率下限 N`
 *   (percentages 0～100), `审核模糊词 词/词/…` and `审核退回 N` (1～4).
 */

/* The spellings of the keywords and of their values. */
static const char *const weight_sum_words[] = {"权重合计", "weight_sum"};
static const char *const weight_sum_error[] = {"错误", "error"};
static const char *const weight_sum_warning[] = {"警告", "warning"};
static const char *const group_order_words[] = {"分组顺序", "group_order"};
static const char *const group_order_official[] = {"规定", "official"};
static const char *const group_order_source[] = {"原文", "source"};
static const char *const flag_inflation_words[] = {"抽查虚高", "flag_inflation"};
static const char *const vet_satisfaction_words[] = {"审核满意度", "vet_satisfaction"};
static const char *const vet_cost_words[] = {"审核成本", "vet_cost"};
static const char *const vet_required[] = {"必需", "required"};
static const char *const vet_optional[] = {"可选", "optional"};
static const char *const vet_qual_share_words[] = {"审核定性占比", "vet_qualitative_share"};
static const char *const vet_vague_words[] = {"审核模糊词", "vet_vague_words"};
static const char *const vet_overlap_words[] = {"审核重合度", "vet_overlap"};
static const char *const vet_satisfaction_floor_words[] = {"审核满意度下限", "vet_satisfaction_floor"};
static const char *const vet_execution_floor_words[] = {"审核执行率下限", "vet_execution_floor"};
static const char *const vet_redo_words[] = {"审核退回", "vet_redo_aspects"};

/* True when s[0..n) is one of the k words. */
static bool knob_word_is(const char *s, size_t n, const char *const *words, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
            return true;
    return false;
}

/* The settings policy_knobs reads. */
enum {
    KNOB_WEIGHT_SUM, KNOB_GROUP_ORDER, KNOB_FLAG_INFLATION, KNOB_VET_SATISFACTION, KNOB_VET_COST,
    KNOB_VET_QUAL_SHARE, KNOB_VET_VAGUE, KNOB_VET_OVERLAP, KNOB_VET_SATISFACTION_FLOOR, KNOB_VET_EXECUTION_FLOOR,
    KNOB_VET_REDO, KNOB_NONE
};

/* Each knob's keywords, by KNOB_*. */
static const char *const *const knob_words[KNOB_NONE] = {
    weight_sum_words,          group_order_words,   flag_inflation_words,         vet_satisfaction_words,
    vet_cost_words,            vet_qual_share_words, vet_vague_words,             vet_overlap_words,
    vet_satisfaction_floor_words, vet_execution_floor_words, vet_redo_words,
};

/* The knob whose keyword is s[0..n), KNOB_NONE when none. */
static int knob_of(const char *s, size_t n)
{
    for (int k = 0; k < KNOB_NONE; k++)
        if (knob_word_is(s, n, knob_words[k], 2))
            return k;
    return KNOB_NONE;
}

/* Sets knob from its value v[0..n); false when the value is not one it takes. */
static bool knob_set(jx_policy *pol, int knob, const char *v, size_t n)
{
    switch (knob) {
    case KNOB_WEIGHT_SUM:
        if (knob_word_is(v, n, weight_sum_error, 2) || knob_word_is(v, n, weight_sum_warning, 2)) {
            pol->weight_sum_warn = knob_word_is(v, n, weight_sum_warning, 2);
            return true;
        }
        return false;
    case KNOB_GROUP_ORDER:
        if (knob_word_is(v, n, group_order_official, 2) || knob_word_is(v, n, group_order_source, 2)) {
            pol->group_source_order = knob_word_is(v, n, group_order_source, 2);
            return true;
        }
        return false;
    case KNOB_VET_SATISFACTION:
    case KNOB_VET_COST: {
        bool need = knob_word_is(v, n, vet_required, 2);
        if (!need && !knob_word_is(v, n, vet_optional, 2))
            return false;
        *(knob == KNOB_VET_COST ? &pol->vet_need_cost : &pol->vet_need_satisfaction) = need;
        return true;
    }
    case KNOB_VET_VAGUE: {
        /* words split by '/', none empty: "提升/提高" */
        if (n == 0 || v[0] == '/' || v[n - 1] == '/')
            return false;
        for (size_t i = 1; i < n; i++)
            if (v[i] == '/' && v[i - 1] == '/')
                return false;
        jx_str words = policy_str(pol, v, n);
        if (words.n != n)
            return false;
        pol->vet_vague = words;
        return true;
    }
    case KNOB_VET_REDO:
        if (n != 1 || v[0] < '1' || v[0] > '4')
            return false;
        pol->vet_redo_aspects = v[0] - '0';
        return true;
    default: { /* a number 0～100: 抽查虚高 in points, the others in percent */
        jx_dec d;
        if (n == 0 || v[0] == '+' || v[0] == '-' || jx_dec_parse(v, n, &d) != JX_DEC_OK)
            return false;
        if (jx_dec_cmp(d, jx_dec_from_int(100)) > 0)
            return false;
        jx_dec *to = knob == KNOB_VET_QUAL_SHARE            ? &pol->vet_qual_share
                     : knob == KNOB_VET_OVERLAP             ? &pol->vet_overlap
                     : knob == KNOB_VET_SATISFACTION_FLOOR  ? &pol->vet_satisfaction_floor
                     : knob == KNOB_VET_EXECUTION_FLOOR     ? &pol->vet_execution_floor
                                                            : &pol->flag_inflation;
        *to = d;
        return true;
    }
    }
}

/* What the error about knob's value says it should be. */
static const char *const knob_wants[] = {
    "应为“错误”或“警告”（权重合计不等于满分时：错误，不评定结论；警告，只警告）",
    "应为“规定”或“原文”（自评表中指标分组的顺序：规定，按产出、效益、满意度；原文，按填写顺序）",
    "应为 0～100 之间的分数（自评总分比重算总分高出多少分时抽查必抽，0 为高出即抽）",
    "应为“必需”或“可选”（审核时缺少满意度指标是否算作发现）",
    "应为“必需”或“可选”（审核时产出指标是否须有成本指标）",
    "应为 0～100 之间的百分数（定性指标超过这一比例时审核提出）",
    "应为用“/”隔开的词，如“提升/提高/明显”（定性指标值只有这些词时审核提出）",
    "应为 0～100 之间的百分数（同一单位两个项目的三级指标名称重合达到这一比例时审核提出）",
    "应为 0～100 之间的百分数（满意度指标值低于这一比例时审核提出）",
    "应为 0～100 之间的百分数（预算执行率指标值低于这一比例时审核提出）",
    "应为 1～4 之间的整数（有警告的审核方面达到这一数目时，审核结果为“中”）",
};
_Static_assert(sizeof knob_wants / sizeof knob_wants[0] == KNOB_NONE, "a sentence per knob");

/*
 * Reads the lines of text[0..len) that set a knob into pol and returns the text to
 * parse: text itself when it has none, else a copy in the policy's arena with those
 * lines blanked (NULL when memory ran out). A knob's line is a line of the rule
 * language, so its blanks are the language's (JX_TEXT_DSL): a CR ending the line (the
 * slice stops before its LF) is one, and so is a lone CR inside it, as the lexer reads it.
 */
static const char *policy_knobs(jx_policy *pol, const char *text, size_t len)
{
    char *copy = NULL;
    uint32_t line = 1;
    for (size_t at = 0; at < len; line++) {
        size_t end = at;
        while (end < len && text[end] != '\n')
            end++;
        size_t i = at, b;
        while ((b = jx_text_blank_at(text + i, end - i, JX_TEXT_DSL)) > 0)
            i += b;
        size_t kw = i;
        while (i < end && !jx_text_blank_at(text + i, end - i, JX_TEXT_DSL) && text[i] != '#')
            i++;
        size_t kw_end = i;
        int knob = knob_of(text + kw, kw_end - kw);
        if (knob == KNOB_NONE) {
            at = end + 1;
            continue;
        }
        while ((b = jx_text_blank_at(text + i, end - i, JX_TEXT_DSL)) > 0)
            i += b;
        size_t val = i;
        while (i < end && !jx_text_blank_at(text + i, end - i, JX_TEXT_DSL) && text[i] != '#')
            i++;
        size_t val_end = i;
        while ((b = jx_text_blank_at(text + i, end - i, JX_TEXT_DSL)) > 0)
            i += b;
        bool rest_empty = i == end || text[i] == '#';
        if (!rest_empty || !knob_set(pol, knob, text + val, val_end - val)) {
            size_t from = val_end > val ? val : kw;
            jx_pos pos = {(uint32_t)from, line, 1 + jx_text_utf8_count(text + at, from - at),
                          val_end > val ? jx_text_utf8_count(text + val, val_end - val) : 1};
            policy_at(pol, text, len, JX_SEV_ERROR, CODE_POLICY, pos, "评分办法的“%.*s”%s",
                      (int)(kw_end - kw), text + kw, knob_wants[knob]);
        }
        if (!copy) {
            copy = jx_arena_strndup(&pol->arena, text, len);
            if (!copy)
                return NULL;
        }
        size_t stop = kw; /* up to a comment or the CR of a CRLF, which stay */
        while (stop < end && text[stop] != '#' && !(text[stop] == '\r' && stop + 1 == end))
            stop++;
        memset(copy + kw, ' ', stop - kw);
        at = end + 1;
    }
    return copy ? copy : text;
}

/* Runs of bad bytes collected while a policy text is mended. */
typedef struct policy_runs {
    size_t *off;         /* offset in the mended text of each run's first U+FFFD */
    size_t *nbytes;      /* bytes in each run */
    unsigned char *first;/* the first byte of each as it was */
    size_t n;            /* how many */
} policy_runs;

static void policy_on_bad(void *ud, size_t off, size_t nbytes, unsigned char first)
{
    policy_runs *r = ud;
    r->off[r->n] = off;
    r->nbytes[r->n] = nbytes;
    r->first[r->n++] = first;
}

/* The position of byte off of text (its line counted from the start), width chars wide. */
static jx_pos policy_pos_of(const char *text, size_t off, uint32_t width)
{
    uint32_t line = 1;
    size_t lstart = 0;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n') {
            line++;
            lstart = i + 1;
        }
    return jx_pos_at(text, (uint32_t)lstart, line, (uint32_t)off, width);
}

/*
 * The text of a policy as the parser reads it (import_decode.h, "rule files"): a UTF-8
 * BOM skipped, UTF-16 with a BOM decoded, each run of bytes that are not UTF-8 made
 * U+FFFD and one error, a GBK/GB18030 file one error. A new text is in the arena
 * (*lasting set). JX_OK (errors, if any, on pol), JX_ERR_INPUT when nothing can be
 * read, JX_ERR_NOMEM.
 */
static jx_result policy_decode(jx_policy *pol, const char **text, size_t *len, bool *lasting)
{
    const char *enc;
    size_t bom = jx_imp_bom(*text, *len, &enc);
    if (enc && strcmp(enc, "utf-8") != 0) {
        jx_imp_text t;
        jx_imp_decode_error de;
        jx_imp_decode_status st = jx_imp_decode(pol->alloc, *text, *len, NULL, &t, &de);
        if (st == JX_IMP_DECODE_NOMEM)
            return JX_ERR_NOMEM;
        if (st != JX_IMP_DECODE_OK) {
            jx_pos pos = {0, de.line, de.col, 1};
            policy_at(pol, NULL, 0, JX_SEV_ERROR, "encoding", pos, "%s", de.reason);
            return JX_ERR_INPUT;
        }
        char *c = jx_arena_strndup(&pol->arena, t.s, t.len);
        *len = t.len;
        jx_imp_text_free(pol->alloc, &t);
        if (!c)
            return JX_ERR_NOMEM;
        *text = c;
        *lasting = true;
        return JX_OK; /* the decoder made it UTF-8 */
    }
    *text += bom;
    *len -= bom;
    jx_text_scan sc = jx_text_utf8_scan(*text, *len);
    if (sc.bad == 0)
        return JX_OK;
    char reason[512];
    if (jx_imp_rule_not_utf8(pol->alloc, *text, *len, &sc, reason, sizeof reason)) {
        jx_pos pos = policy_pos_of(*text, sc.first_bad, 1);
        policy_at(pol, NULL, 0, JX_SEV_ERROR, "encoding", pos, "%s", reason);
        return JX_ERR_INPUT;
    }
    char *m = jx_arena_alloc(&pol->arena, *len + 2 * sc.bad + 1);
    policy_runs r = {jx_arena_alloc(&pol->arena, sc.bad * sizeof(size_t)),
                     jx_arena_alloc(&pol->arena, sc.bad * sizeof(size_t)), jx_arena_alloc(&pol->arena, sc.bad), 0};
    if (!m || !r.off || !r.nbytes || !r.first)
        return JX_ERR_NOMEM;
    size_t n = jx_text_utf8_mend(*text, *len, m, policy_on_bad, &r);
    m[n] = '\0';
    for (size_t i = 0; i < r.n; i++) {
        char msg[64];
        jx_imp_bad_run_text(msg, sizeof msg, r.nbytes[i], r.first[i]);
        policy_at(pol, m, n, JX_SEV_ERROR, "syntax", policy_pos_of(m, r.off[i], (uint32_t)(3 * r.nbytes[i])), "%s",
                  msg);
    }
    *text = m;
    *len = n;
    *lasting = true;
    return JX_OK;
}

/* Parses text into pol and validates it. Unless the text outlives the policy (lasting:
 * it is in the policy's arena or compiled into the library) it is first copied into the
 * arena, so nothing the policy holds points into the caller's buffer. */
static jx_result policy_load(jx_policy *pol, const char *file, const char *text, size_t len,
                             bool lasting)
{
    pol->file = policy_str(pol, file, strlen(file));
    jx_result drc = policy_decode(pol, &text, &len, &lasting);
    if (drc != JX_OK)
        return drc;
    const char *copy = lasting ? text : jx_arena_strndup(&pol->arena, text, len);
    if (!copy)
        return JX_ERR_NOMEM;
    const char *knobs_read = policy_knobs(pol, copy, len);
    if (!knobs_read)
        return JX_ERR_NOMEM;
    size_t knob_errors = pol->diags.errors;
    jx_result rc = jx_parse_policy_text(pol, pol->file.s, knobs_read, len);
    if (rc == JX_OK && knob_errors > 0)
        rc = JX_ERR_INPUT;
    if (rc == JX_ERR_NOMEM)
        return rc;
    if (rc == JX_OK && pol->diags.errors == 0)
        policy_validate(pol, copy, len);
    if (pol->diags.oom)
        return JX_ERR_NOMEM;
    return pol->diags.errors > 0 ? JX_ERR_INPUT : JX_OK;
}

jx_result jx_policy_open_memory(jx_policy **out, const char *file_name, const char *text,
                                size_t len, const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!text)
        return JX_ERR_USAGE;
    jx_policy *pol = policy_new(alloc);
    if (!pol)
        return JX_ERR_NOMEM;
    *out = pol;
    return policy_load(pol, file_name ? file_name : "", text, len, false);
}

/*
 * The name in the 评分办法 header of a shipped policy text: the first quoted string
 * on the first line that is neither blank nor a comment. Sets *n; NULL when none.
 */
static const char *header_name(const char *text, size_t len, size_t *n)
{
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && text[end] != '\n')
            end++;
        size_t k = i + jx_text_blank_run(text + i, end - i, JX_TEXT_DSL);
        if (k < end && text[k] != '#') {
            const char *q = memchr(text + k, '"', end - k);
            if (!q)
                return NULL;
            const char *q2 = memchr(q + 1, '"', (size_t)(text + end - (q + 1)));
            if (!q2)
                return NULL;
            *n = (size_t)(q2 - (q + 1));
            return q + 1;
        }
        i = end + 1;
    }
    return NULL;
}

/* The shipped policy named by its stem or its header name, or NULL. */
static const jx_builtin_rule *find_builtin(const char *name)
{
    size_t len = strlen(name);
    for (const jx_builtin_rule *r = jx_builtin_rules; r->stem; r++)
        if (strcmp(r->stem, name) == 0)
            return r;
    for (const jx_builtin_rule *r = jx_builtin_rules; r->stem; r++) {
        size_t n;
        const char *h = header_name(r->text, r->len, &n);
        if (h && n == len && memcmp(h, name, n) == 0)
            return r;
    }
    return NULL;
}

/* Reads the file at path (a regular file, or a pipe such as <(…) or /dev/stdin) into the
 * policy's arena; JX_ERR_IO with a diagnostic saying why on failure. */
static jx_result read_file(jx_policy *pol, const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        policy_error(pol, "无法打开评分办法文件“%s”：%s", path, jx_errno_text(errno));
        return JX_ERR_IO;
    }
    char *buf = NULL;
    size_t got = 0, cap = 0;
    jx_result rc = jx_read_all(pol->alloc, f, &buf, &got, &cap);
    int err = errno;
    fclose(f);
    if (rc == JX_ERR_IO)
        policy_error(pol, "无法读取评分办法文件“%s”：%s", path, jx_errno_text(err));
    char *copy = rc == JX_OK ? jx_arena_alloc(&pol->arena, got + 1) : NULL;
    if (rc == JX_OK && !copy)
        rc = JX_ERR_NOMEM;
    if (copy) {
        memcpy(copy, buf, got);
        copy[got] = '\0';
        *text = copy;
        *len = got;
    }
    jx_free(pol->alloc, buf, cap);
    return rc;
}

/* Adds the not-found error, listing every shipped policy with its header name. */
/* True when name is a path, not a policy's name: it holds a '/' or ends in ".jx". A name
 * is only ever the shipped policy of that name, whatever files the working folder holds. */
static bool policy_is_path(const char *name)
{
    size_t n = strlen(name);
    return strchr(name, '/') != NULL || (n >= 3 && strcmp(name + n - 3, ".jx") == 0);
}

static void not_found(jx_policy *pol, const char *name)
{
    char list[512];
    size_t used = 0;
    list[0] = '\0';
    for (const jx_builtin_rule *r = jx_builtin_rules; r->stem; r++) {
        size_t n = 0;
        const char *h = header_name(r->text, r->len, &n);
        int w = snprintf(list + used, sizeof list - used, "%s%s“%.*s”", used ? "、" : "", r->stem,
                         (int)(h ? n : 0), h ? h : "");
        if (w < 0 || (size_t)w >= sizeof list - used)
            break;
        used += (size_t)w;
    }
    if (policy_is_path(name))
        policy_error(pol, "找不到评分办法文件“%s”", name);
    else
        policy_error(pol, "找不到评分办法“%s”：不是内置评分办法（内置：%s；文件请写路径，如 ./%s 或以 .jx 结尾）", name,
                     list, name);
}

jx_result jx_policy_open(jx_policy **out, const char *name_or_path, const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!name_or_path)
        return JX_ERR_USAGE;
    jx_policy *pol = policy_new(alloc);
    if (!pol)
        return JX_ERR_NOMEM;
    *out = pol;

    /* a name is a shipped policy's, never a file of the working folder; a path that exists
     * is read as a file, and so is one that cannot be looked at for another reason than not
     * being there */
    const jx_builtin_rule *r = find_builtin(name_or_path);
    if (!policy_is_path(name_or_path)) {
        if (r) {
            char file[128];
            snprintf(file, sizeof file, "rules/%s.jx", r->stem);
            return policy_load(pol, file, r->text, r->len, true);
        }
        pol->file = policy_str(pol, name_or_path, strlen(name_or_path));
        not_found(pol, name_or_path);
        return JX_ERR_NOTFOUND;
    }
    r = NULL;
    struct stat st;
    int found = stat(name_or_path, &st) == 0 ? 1 : errno == ENOENT || errno == ENOTDIR ? 0 : -1;
    if (found > 0 && S_ISDIR(st.st_mode)) {
        pol->file = policy_str(pol, name_or_path, strlen(name_or_path));
        policy_error(pol, "评分办法“%s”是一个文件夹，不是评分办法文件", name_or_path);
        return JX_ERR_IO;
    }
    if (found != 0) {
        char *text = NULL;
        size_t len = 0;
        pol->file = policy_str(pol, name_or_path, strlen(name_or_path));
        jx_result rc = read_file(pol, name_or_path, &text, &len);
        if (rc != JX_OK)
            return rc;
        return policy_load(pol, name_or_path, text, len, true);
    }
    pol->file = policy_str(pol, name_or_path, strlen(name_or_path));
    not_found(pol, name_or_path);
    return JX_ERR_NOTFOUND;
}

void jx_policy_close(jx_policy *pol)
{
    if (!pol)
        return;
    const jx_allocator *a = pol->alloc;
    jx_diags_free(&pol->diags);
    jx_arena_free(&pol->arena);
    jx_free(a, pol, sizeof *pol);
    jx_alloc_drop(a);
}

const char *jx_policy_name(const jx_policy *pol)
{
    return pol && pol->name.s ? pol->name.s : "";
}

size_t jx_policy_diag_count(const jx_policy *pol)
{
    return pol ? pol->diags.n : 0;
}

const jx_diag *jx_policy_diag(const jx_policy *pol, size_t i)
{
    return pol && i < pol->diags.n ? &pol->diags.v[i] : NULL;
}

const char *const *jx_policy_builtin_names(void)
{
    return jx_builtin_names;
}
