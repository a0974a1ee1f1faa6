/* SPDX-License-Identifier: MIT */
/* model.h — the in-memory form of a project and of a scoring policy.
 *
 * A jx_project is filled by the parser (parser.c), possibly amended by CSV actuals
 * (actuals.c), scored by the evaluator (eval.c) and read by the reporters
 * (engine/report/). Its strings and diagnostics live in its arena; its arrays are reused
 * from one project to the next, so a reader in steady state allocates nothing.
 * The model knows nothing of scoring or reporting: no file of it includes a header of
 * the scoring layer or of engine/report/ (tests/cli/test_layers.sh).
 */
#ifndef JX_MODEL_H
#define JX_MODEL_H

#include "arena.h"
#include "dec.h"
#include "diag.h"
#include "jixiao.h"
#include "text.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** A string in a project's arena: always NUL-terminated, n bytes long. */
typedef struct jx_str {
    const char *s; /* the bytes, NUL-terminated; "" (never NULL) when empty */
    uint32_t n;    /* length in bytes */
} jx_str;

/** The comparison of a target (计算符号), with the deployed systems' codes in comments. */
typedef enum jx_sign {
    JX_SIGN_NONE = 0, /* none written (an actual without a sign) */
    JX_SIGN_GE,       /* ≥  (code 1) */
    JX_SIGN_GT,       /* >  (code 2) */
    JX_SIGN_EQ,       /* =  (code 3) */
    JX_SIGN_LT,       /* <  (code 4) */
    JX_SIGN_LE,       /* ≤  (code 5) */
    JX_SIGN_QUAL      /* 定性 (code 6): the value is a text */
} jx_sign;

/** A target (年度指标值) or an actual (实际完成值) as read from the source. */
typedef struct jx_value {
    jx_sign sign;  /* comparison; NONE for an actual without one; QUAL for 定性 targets */
    bool present;  /* the value was given at all */
    bool implicit; /* a target written without a sign, read as '=' */
    bool is_text;  /* the value is a text: a 定性 target, or an actual written in quotes */
    bool percent;  /* a '%' followed the number */
    jx_dec num;    /* the number (when !is_text) */
    jx_str unit;   /* the unit after the number ("个", "小时", "个/月"), "" when none */
    jx_str text;   /* 定性 text, or for a number the value as written (for reports) */
    jx_pos pos;    /* where the value starts, spanning all of it */
} jx_value;

/** The 评定 of a 定性 indicator. */
typedef enum jx_judge {
    JX_JUDGE_NONE = 0, /* not given */
    JX_JUDGE_MET,      /* 达成 / met */
    JX_JUDGE_PARTLY,   /* 部分达成 / partly */
    JX_JUDGE_UNMET     /* 未达成 / unmet */
} jx_judge;

/** How an indicator's score was computed; reported as a stable code by jx_method_code(). */
typedef enum jx_method {
    JX_METHOD_NONE = 0,       /* not scored */
    JX_METHOD_GE_MET,         /* ≥/>: A ≥ T → w */
    JX_METHOD_GE_RATIO,       /* ≥/>: w × A / T */
    JX_METHOD_EQ_MET,         /* =: A = T → w */
    JX_METHOD_EQ_RATIO,       /* =, A < T: w × A / T */
    JX_METHOD_EQ_OVER,        /* =, A > T: w */
    JX_METHOD_EQ_ZERO,        /* =, T = 0, A ≠ 0: 0 */
    JX_METHOD_LE_MET,         /* ≤/<: A ≤ T → w */
    JX_METHOD_LE_LINEAR,      /* ≤/<: w × (2T − A) / T, 0 from A ≥ 2T */
    JX_METHOD_LE_RATIO,       /* ≤/< under 反向 比例: w × T / A */
    JX_METHOD_LE_ZERO,        /* ≤/<, T = 0, A > 0: 0 */
    JX_METHOD_NEGATIVE,       /* negative actual: 0 */
    JX_METHOD_QUAL_MET,       /* 定性, actual text equals target: 达成 percentage */
    JX_METHOD_QUAL_JUDGED,    /* 定性 with 评定: the policy's percentage of w */
    JX_METHOD_QUAL_CLAIMED,   /* 定性 with 评定 and 得分 inside the band: the claim */
    JX_METHOD_QUAL_UNJUDGED,  /* 定性, differing text, no 评定/得分: 0 */
    JX_METHOD_MISSING_ACTUAL, /* no actual: 0 */
    JX_METHOD_TEXT_ACTUAL,    /* quantitative target, actual is words: 0 */
    JX_METHOD_NOT_APPLICABLE, /* 不适用: excluded */
    JX_METHOD_EXECUTION,      /* 预算执行率 单列: points × 全年执行 / 全年预算 */
    JX_METHOD_QUAL_OUT_OF_BAND /* 定性 with 评定 and 得分 outside the band: min(得分, band top), 0 when negative */
} jx_method;

/** What the evaluator keeps, besides method and score, to write a formula when asked. */
typedef struct jx_formula_args {
    jx_judge judge;   /* 定性: the 评定 the score follows (达成 when the texts agree) */
    bool unjudged;    /* 定性 claim without 评定: "未评定，属…区间" rather than "在…区间 … 内" */
    bool rescale;     /* 不适用 under 按比例折算 (else 剔除) */
    jx_dec pct;       /* 定性: the policy's percentage for judge */
    int64_t band_lo;  /* 定性 claim: the band's lower bound in score units */
    int64_t band_hi;  /* …and its upper bound */
    /* a number scored against its target: the unit both were put in (value.h,
     * jx_value_common_unit), kept so that the formula does not work it out again */
    uint32_t tk, ak;   /* what the target's and the actual's numbers were multiplied by (≤ 604 800 000) */
    uint8_t converted; /* 0 both as written, 1 the target converted to the actual's unit, 2 the
                          actual to the target's; the unit is the actual's for 1, else the target's */
    bool percent;      /* the unit is % */
} jx_formula_args;

/** One 三级指标 line. */
struct jx_indicator {
    const struct jx_project *project; /* the project it belongs to (set by the parser) */
    jx_str name;           /* 三级指标 */
    uint32_t group;        /* index into jx_project.groups of its 二级 group */
    jx_value target;       /* 年度指标值 */
    jx_value actual;       /* 实际完成值; actual.present false when none */
    bool has_weight;       /* 权重 given */
    jx_dec weight;         /* 权重 */
    bool has_claim;        /* 得分 given */
    jx_dec claim;          /* 得分 as the department wrote it */
    jx_judge judge;        /* 评定 */
    jx_str reason;         /* 偏差 (偏差原因分析及改进措施), "" when none */
    bool not_applicable;   /* 不适用 */
    bool actual_from_csv;  /* the actual came from --actuals, not the DSL */
    jx_pos pos;            /* the name token */
    jx_pos weight_pos;     /* the weight's number (line 0 when none) */
    jx_pos claim_pos;      /* the 得分 number (line 0 when none) */
    /* The history a target table gives beside the target (上年, 前年, 指标值确定依据): read
     * and written back, never scored. A value is read as a target is (sign, number, %,
     * unit; a "文字" or 定性 "文字" is a text with sign QUAL), except that it draws no
     * warning; a number without a sign is sign EQ with implicit set, as a target.
     * Invariant: present is false when the attribute is absent or written as none
     * (`/` or `-`); the two are told apart by pos.line, 0 only when absent, and a value
     * written as none keeps the dash or slash in text. */
    jx_value last_year;    /* 上年 (last_year) */
    jx_value year_before;  /* 前年 (year_before) */
    jx_str basis;          /* 依据 (basis): 指标值确定依据, "" when none */
    jx_pos basis_pos;      /* the 依据 string (line 0 when none) */
    /* filled by the evaluator */
    int64_t score;         /* in units of 10^-decimals of the policy; -1 before scoring */
    jx_method method;      /* how */
    jx_formula_args fargs; /* the policy's numbers the formula shows */
    const char *formula;   /* a formula given with the indicator (a project built by hand), written
                              in place of the one written from how it was scored; "" otherwise, and
                              after jx_score. Formulas built on request are kept in the project's
                              jx_formula_store, never here: see jx_formula_write (score.h) */
    const char *plain;     /* the parser's copy of the indicator's line, NULL when none: a text
                              lying inside it is valid UTF-8 without '"', '\\', ',' or a control
                              character, so reporters copy it as it is (jx_indicator_plain) */
    uint32_t plain_len;    /* the bytes of that copy */
};

/**
 * True when the text s of ind is empty or lies in ind's plain copy (see
 * jx_indicator.plain): it needs no checking or escaping for JSON or CSV. A text set
 * after parsing lies elsewhere.
 */
static inline bool jx_indicator_plain(const jx_indicator *ind, jx_str s)
{
    uintptr_t from = (uintptr_t)ind->plain, at = (uintptr_t)s.s;
    return s.n == 0 || (at - from <= ind->plain_len && s.n <= ind->plain_len - (at - from));
}

/**
 * True when s is empty, or is the text the parser found plain and kept at `plain` (see
 * jx_project.plain, jx_funds.source_plain): it needs no checking or escaping for JSON or
 * CSV.
 */
static inline bool jx_str_plain_as_read(jx_str s, const char *plain)
{
    return s.n == 0 || s.s == plain;
}

/** A 一级 (level 1) or 二级 (level 2) group of indicators. */
typedef struct jx_group {
    jx_str name;         /* 产出指标, 数量指标, … */
    const char *plain;   /* name.s when the parser found the name plain (see jx_indicator.plain), else NULL */
    int level;           /* 1 or 2 */
    uint32_t parent;     /* for level 2: index of its level-1 group */
    bool has_points;     /* points declared after the name */
    jx_dec points;       /* declared points, e.g. 60 */
    jx_pos pos;          /* the name token */
    jx_pos open_pos;     /* its '{' */
    int64_t score;       /* sum of its indicators' scores after scoring (10^-decimals units) */
} jx_group;

/**
 * One 资金 row: a funding source with up to three amounts. A target table gives only
 * 年初预算 (nothing is spent yet), so a row may give any of them, at least one.
 * Invariant: an amount not given (has_… false) is 0 and means "not given", never
 * "zero": a rate or a sum that needs it is not computed from this row.
 */
typedef struct jx_funds {
    jx_str source;    /* 年度资金总额, 一般公共预算资金, … ("年度资金总额" when omitted) */
    jx_dec initial;   /* 年初预算数 (0 when !has_initial) */
    jx_dec budget;    /* 全年预算数 (0 when !has_budget) */
    jx_dec spent;     /* 全年执行数 (0 when !has_spent) */
    bool has_initial; /* 年初预算 given */
    bool has_budget;  /* 全年预算 given */
    bool has_spent;   /* 全年执行 given */
    jx_pos pos;       /* the 资金 keyword */
    const char *source_plain; /* source.s when the parser found it plain (see jx_project.plain), else NULL */
} jx_funds;

/**
 * True when f gives both 全年预算 and 全年执行. Only such a row takes part in an execution
 * rate or in the project's sums of 全年预算 and 全年执行 (eval.c, score.c, checks.c,
 * audit.c): a row without them is as if it were not there for those.
 */
static inline bool jx_funds_executed(const jx_funds *f)
{
    return f->has_budget && f->has_spent;
}

/**
 * A history value (jx_indicator.last_year, .year_before) as written, the one text every
 * output gives for it (the score JSON and CSV, which import reads back, the vet's tables,
 * jx_indicator_last_year): its text when given (a number as written, a text as it is),
 * its dash or slash when written as none ("/" when it holds neither, as a value built by
 * hand may); false when it was not written at all (null, an empty cell). *out is
 * NUL-terminated, as every jx_str.
 */
static inline bool jx_history_text(const jx_value *h, jx_str *out)
{
    static const jx_str slash = {"/", 1};
    if (h->present) {
        *out = h->text;
        return true;
    }
    if (h->pos.line == 0)
        return false;
    *out = h->text.n == 1 && (h->text.s[0] == '-' || h->text.s[0] == '/') ? h->text : slash;
    return true;
}

/** jx_history_text's text, "" when the value was not written. */
static inline const char *jx_history_str(const jx_value *h)
{
    jx_str t;
    return jx_history_text(h, &t) ? t.s : "";
}

/**
 * The formulas jx_indicator_formula() built for a scored project (score.c), kept beside
 * the project rather than in it: that accessor is handed a const indicator, and asking
 * for a formula does not change the project. The project owns the store (made by its
 * first jx_score, emptied by jx_project_reset, freed by jx_project_free, all in
 * model.c); only the formula accessor writes into it.
 * Invariant: text is NULL, or has ntext == the project's ninds entries, entry i NULL or
 * the formula of inds[i] as last scored; jx_score empties it (jx_project_forget_formulas).
 */
typedef struct jx_formula_store {
    jx_arena arena;    /* the texts and the text array */
    const char **text; /* per indicator, by its index in inds; NULL until a formula is asked for */
    size_t ntext;      /* entries of text */
} jx_formula_store;

/** A whole project (one 自评表). */
struct jx_project {
    const jx_allocator *alloc; /* for the arrays below */
    jx_arena arena;            /* strings, formulas and diagnostics of this project */
    jx_source src;             /* the text the project was parsed from (valid while the project is) */

    jx_str name;        /* 项目名称 */
    jx_str dept;        /* 主管部门 */
    jx_str org;         /* 单位 (预算单位) */
    bool has_year;      /* 年度 given */
    int year;           /* 年度 */
    jx_str money_unit;  /* 金额单位, e.g. 万元 */
    jx_str goal;        /* 年度目标 (预期目标) */
    jx_str outcome;     /* 完成情况 (实际完成情况) */
    jx_str deviation;   /* 偏离原因 (目标偏离原因分析) */
    jx_str remedy;      /* 整改措施 (整改措施及建议) */
    /* The texts above that the parser found plain (as jx_indicator.plain: valid UTF-8
     * without '"', '\\', ',' or a control character), each kept as the address of the text
     * it found so, NULL when it did not: a text set since (by jx_actuals_apply, by a
     * caller) lies elsewhere and is checked as any other (jx_str_plain_as_read). */
    struct {
        const char *name, *dept, *org, *money_unit, *goal, *outcome, *deviation, *remedy;
    } plain;
    bool has_claimed_total; /* 总分 given */
    jx_dec claimed_total;   /* 总分 as claimed */
    jx_grade claimed_grade; /* 结论 as claimed */
    jx_pos pos;             /* the 项目 keyword */
    jx_pos total_pos;       /* the 总分 number (line 0 when none) */
    jx_pos grade_pos;       /* the 结论 word (line 0 when none) */
    jx_pos close_pos;       /* the closing '}' of the project */

    jx_funds *funds;      /* 资金 rows, in source order */
    size_t nfunds, funds_cap;
    jx_group *groups;     /* groups in source order (a level-1 group precedes its children) */
    size_t ngroups, groups_cap;
    jx_indicator *inds;   /* indicators in source order */
    size_t ninds, inds_cap;

    jx_diags diags;       /* syntax errors, parse warnings, then evaluation warnings */
    jx_formula_store *formulas; /* formulas built on request (see jx_formula_store); NULL before
                                   the first scoring */

    /* filled by the evaluator */
    bool scored;          /* jx_score ran */
    bool vetted;          /* jx_vet_check's checks of the project alone ran (vet.c) */
    void *user;           /* jx_project_set_user_data's data, NULL when none */
    void (*user_free)(void *); /* releases user at reset and free, or NULL */
    int decimals;         /* the policy's 小数 */
    int64_t total;        /* recomputed total, 10^-decimals units */
    jx_grade grade;       /* recomputed grade */
    bool exec_separate;   /* 预算执行率 单列 */
    int64_t exec_score;   /* its score when separate */
    jx_dec exec_points;   /* its points when separate */
    const char *exec_formula; /* its formula when separate */
    const char *policy_name;  /* the policy used */
    const char *band_note;    /* the band sentence printed under 自评结论; when the 结论 is withheld
                                 (scored, grade JX_GRADE_NONE), the reason instead */
    bool group_source_order;  /* the policy's 分组顺序 原文: the 自评表 prints groups as written,
                                 not in the official order (jx_order_build in order.h) */
};

/**
 * The group of `level` (1 or 2) an indicator's path names, NULL for none — the groups
 * whose names jx_indicator_level1() and _level2() give: for level 1 its 一级 group (the
 * parent of its 二级 group), for level 2 its 二级 group.
 */
static inline const jx_group *jx_indicator_group_at(const jx_indicator *ind, int level)
{
    const jx_project *p = ind->project;
    if (!p || ind->group >= p->ngroups)
        return NULL;
    const jx_group *g = &p->groups[ind->group];
    if (level == 1 && g->level == 2 && g->parent < p->ngroups)
        return &p->groups[g->parent];
    return level == 2 && g->level != 2 ? NULL : g;
}

/** How 反向 (≤, <) indicators below target are scored. */
typedef enum jx_reverse_rule {
    JX_REVERSE_LINEAR = 0, /* w × (2T − A) / T, 0 at A ≥ 2T */
    JX_REVERSE_RATIO       /* w × T / A */
} jx_reverse_rule;

/** What 不适用 does to the total. */
typedef enum jx_na_rule {
    JX_NA_DROP = 0,  /* 剔除: the indicator is left out; the total is the rest's sum */
    JX_NA_RESCALE    /* 按比例折算: the rest's sum × layout total / applicable weight */
} jx_na_rule;

/** Most first-level groups a 一级分值 setting may list. */
#define JX_LEVEL1_MAX 16

/** One entry of 一级分值: the first-level group it names and its points. */
typedef struct jx_level1_points {
    jx_str names;  /* as written: "产出指标", or alternatives split by '/': "效益指标/效果目标" */
    jx_dec points; /* the group's points, e.g. 60 */
    jx_pos pos;    /* the name in the policy text */
} jx_level1_points;

/** Room for the band sentence printed under 自评结论 (jx_band_note): its words (about 130
 * bytes) and its six numbers. */
#define JX_BAND_NOTE_ROOM (256 + 6 * JX_DEC_BUFSZ)

/**
 * The band sentence of a policy's bands, kept by the first scoring under it (eval.c
 * band_note) so that every project scored under the same bands points at one copy.
 * Invariant: state goes JX_BAND_NOTE_EMPTY → MAKING → READY once, atomically, claimed
 * by one thread; once READY, bands and text never change again. A scoring that finds
 * the policy's bands changed since (tests set them on a built policy) makes its own.
 */
typedef struct jx_band_note {
    int state;                          /* JX_BAND_NOTE_EMPTY, _MAKING or _READY */
    jx_dec bands[3];                    /* the bands it was made for */
    char text[JX_BAND_NOTE_ROOM + 1];   /* the sentence, NUL-terminated */
} jx_band_note;

enum { JX_BAND_NOTE_EMPTY, JX_BAND_NOTE_MAKING, JX_BAND_NOTE_READY };

/** A scoring policy (评分办法). Percentages are jx_dec percents: 100% is {100, 0}. */
struct jx_policy {
    const jx_allocator *alloc; /* for the handle */
    jx_arena arena;            /* strings and diagnostics */
    jx_diags diags;            /* loading errors */
    jx_str name;               /* 评分办法 "name" */
    jx_str file;               /* where it was loaded from */
    jx_dec bands[3];           /* lower bounds (inclusive) of 优, 良, 中 in points: 90, 80, 60 */
    jx_reverse_rule reverse;   /* 反向 线性 | 比例 */
    jx_dec qual_pct[3];        /* 定性 percentages for 达成, 部分达成, 未达成: 100, 70, 30 */
    jx_dec qual_band_lo[3];    /* 定性 bands in percent, lower (inclusive): 80, 60, 0 */
    jx_dec qual_band_hi[3];    /* upper: 100 (inclusive for 达成), 80, 60 (exclusive) */
    jx_pos qual_bands_pos;     /* the 定性区间 keyword (line 0 when the defaults stand) */
    jx_dec over_pct;           /* 超额提示: flag A ≥ over_pct% × T; 120 */
    bool exec_separate;        /* 预算执行率 单列 */
    jx_dec exec_points;        /* its points, 10 */
    bool exec_cap;             /* 封顶: cap its score at its points */
    jx_na_rule na_rule;        /* 不适用 剔除 | 按比例折算 */
    int decimals;              /* 小数: 2 */
    jx_dec layout_total;       /* the points all weights should sum to: 100, or 100 − exec_points */
    jx_level1_points level1[JX_LEVEL1_MAX]; /* 一级分值, in the order written */
    size_t nlevel1;            /* entries in level1; 0 when the policy sets none */
    jx_dec exec_gap_pct;       /* 执行偏差: warn execution-gap when indicators outrun execution by more; 5 */
    bool weight_sum_warn;      /* 权重合计 警告: weights not adding up to layout_total are only warned and
                                  the 结论 is given from the raw total (before issue 10); default
                                  (权重合计 错误): an error, the 结论 withheld */
    bool group_source_order;   /* 分组顺序 原文: the 自评表 prints groups as written; default (分组顺序
                                  规定): 产出 → 效益 → 满意度, each's 二级 groups in the official order */
    jx_dec flag_inflation;     /* 抽查虚高 N: the points a claimed 总分 may exceed the recomputed one
                                  before the audit flags the project; 0 (any amount) */
    /* 审核 (the vetting of targets before the year, engine/vet.c, docs/vet.md): its knobs */
    bool vet_need_satisfaction; /* 审核满意度 必需: a missing 满意度 一级 is a finding; default 可选 */
    bool vet_need_cost;         /* 审核成本 必需: 产出 needs a 成本 二级 group; default 必需 */
    jx_dec vet_qual_share;      /* 审核定性占比 N: warn when 定性 indicators are more than N % of a project's; 50 */
    jx_str vet_vague;           /* 审核模糊词 a/b/…: the vague words, '/' between them; never empty */
    jx_dec vet_overlap;         /* 审核重合度 N: warn when two projects of one 单位 share N % of their 三级 names; 80 */
    jx_dec vet_satisfaction_floor; /* 审核满意度下限 N: a 满意度 target below N % is low; 80 */
    jx_dec vet_execution_floor; /* 审核执行率下限 N: a 预算执行率 target below N % is low; 90 */
    int vet_redo_aspects;       /* 审核退回 N: warnings under N aspects or more give 中; 1…4, 2 */
    jx_pos pos;                /* the 评分办法 keyword */
    jx_band_note band_note;    /* kept by the scoring, the one member it writes: a policy
                                  is const to jx_score but never defined const */
};

/** Fills pol with the national defaults (bands 90/80/60, linear, 100/70/30, 120%, …). */
void jx_policy_set_defaults(jx_policy *pol);

/**
 * The 一级分值 entry naming the first-level group called name[0..n), or -1. A group
 * matches an entry when their names are equal once blanks and a trailing 指标 or 目标
 * are removed from both; an entry may list alternatives split by '/' (docs/dsl.md).
 */
int jx_policy_level1_find(const jx_policy *pol, const char *name, size_t n);

/** The stable code of a method ("ge-met", "le-linear", …). */
const char *jx_method_code(jx_method m);

/** The word of a 评定 as the rule language writes it: 达成, 部分达成, 未达成; "" for none. */
const char *jx_judge_name(jx_judge j);

/** The length of jx_method_code(m). */
size_t jx_method_code_len(jx_method m);

/** The number of methods: one more than the last of jx_method. */
#define JX_METHOD_COUNT (JX_METHOD_QUAL_OUT_OF_BAND + 1)

/** The code of each method with its length, in the order of jx_method (model.c). */
extern const jx_str jx_method_codes[];

/** jx_method_code(m) with its length, in one lookup: for a writer that copies it. */
static inline jx_str jx_method_code_str(jx_method m)
{
    return (unsigned)m < JX_METHOD_COUNT ? jx_method_codes[m] : (jx_str){"", 0};
}

/** Number of jx_sign values. */
#define JX_SIGN_COUNT (JX_SIGN_QUAL + 1)

/** The text of every sign as the rule language writes it ("≥", ">", "=", "<", "≤"; ""
 * for none and for 定性), in the order of jx_sign, with its length (model.c). */
extern const jx_str jx_sign_texts[];

/** jx_sign_text(s) with its length, in one lookup. */
static inline jx_str jx_sign_str(jx_sign s)
{
    return (unsigned)s < JX_SIGN_COUNT ? jx_sign_texts[s] : (jx_str){"", 0};
}

/**
 * The 计算符号 of ind's target as the score documents give it, with its length: the sign
 * as written ("≥"), "定性" for a text target, "" for none (a number written without one,
 * scored as "="; the target's text, as written, says the rest). The one statement of
 * jx_indicator_sign, for the writers that copy it.
 */
static inline jx_str jx_indicator_sign_str(const jx_indicator *ind)
{
    const jx_value *t = &ind->target;
    if (t->sign == JX_SIGN_QUAL || t->is_text)
        return (jx_str){"定性", sizeof "定性" - 1};
    return t->implicit ? (jx_str){"", 0} : jx_sign_str(t->sign);
}

/** Initialises an empty project whose arrays and arena use alloc. */
void jx_project_init(jx_project *p, const jx_allocator *alloc);

/** Empties p for reuse by the next project (keeps array capacity and one arena chunk). */
void jx_project_reset(jx_project *p);

/** Frees everything p holds (not p itself). */
void jx_project_free(jx_project *p);

/** Gives p its formula store when it has none; false when memory ran out. */
bool jx_project_formula_store(jx_project *p);

/** Empties p's formula store: every formula built so far is stale (p is scored anew). */
void jx_project_forget_formulas(jx_project *p);

/** The empty string as a jx_str. */
extern const jx_str jx_str_empty;

/** jx_str_trimmed the plain way, by jx_text_trim: for any s, what the fast path below
 *  gives for the texts it takes. */
jx_str jx_str_trimmed_plain(jx_str s);

/*
 * Trimming, the fast path: most texts trimmed (every indicator's name, once a scoring,
 * for duplicate-indicator) have no blank at either end, which their first byte and last
 * character tell (jx_text_blank_at, jx_text_blank_before, inline); they are s as it is.
 */

/** s without blanks (JX_TEXT_BLANKS, text.h) at either end; points into s. */
static inline jx_str jx_str_trimmed(jx_str s)
{
    if (s.n > 0 && jx_text_blank_at(s.s, s.n, JX_TEXT_BLANKS) == 0 &&
        jx_text_blank_before(s.s, s.n, JX_TEXT_BLANKS) == 0)
        return s;
    return jx_str_trimmed_plain(s);
}

/** True when a and b are the same bytes (jx_text_same): the units of every target and
 * its actual ("个", "小时", "" for none) are compared, and short texts. */
static inline bool jx_str_same_bytes(jx_str a, jx_str b)
{
    return a.n == b.n && jx_text_same(a.s, b.s, a.n);
}

/** True when a and b are byte-equal once trimmed (a 定性 actual restating its target). */
bool jx_str_same_text(jx_str a, jx_str b);

/** True when ind is 定性: its 年度指标值 is a 定性 word or a text, so its 实际完成值 is read as text
 *  and a 评定 judges it (the template's 指标性质; the actuals read so). */
bool jx_indicator_qualitative(const jx_indicator *ind);

/** Copies s[0..n) into p's arena as a jx_str; jx_str_empty on n == 0 or out of memory. */
jx_str jx_project_str(jx_project *p, const char *s, size_t n);

/** Adds a diagnostic to p at pos, quoting p's source. */
jx_diag *jx_project_diag_add(jx_project *p, jx_severity sev, const char *code, jx_pos pos,
                             const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
