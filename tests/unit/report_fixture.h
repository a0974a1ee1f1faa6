/* SPDX-License-Identifier: MIT */
/* report_fixture.h — projects filled in by hand for the reporter and actuals tests.
 *
 * fx_yuecheng() is the first 项目支出绩效自评表 of the 越城区 2024 final accounts,
 * scored by hand under the default policy: every actual restates or meets its target,
 * so each indicator scores its weight: 30 + 20 + 10 + 15 + 15 + 10 = 100.00 → 优.
 */
#ifndef JX_REPORT_FIXTURE_H
#define JX_REPORT_FIXTURE_H

#include "model.h"

#include "alloc.h"

#include <string.h>

static inline jx_dec fx_dec(const char *s)
{
    jx_dec d = {0, 0};
    jx_dec_parse(s, strlen(s), &d);
    return d;
}

static inline jx_str fx_str(jx_project *p, const char *s)
{
    return jx_project_str(p, s, strlen(s));
}

static inline jx_pos fx_pos(uint32_t line, uint32_t col)
{
    jx_pos pos = {0, line, col, 1};
    return pos;
}

/* Adds a group; points NULL for none. Returns its index. */
static inline uint32_t fx_group(jx_project *p, const char *name, int level, uint32_t parent, const char *points)
{
    JX_GROW(p->alloc, p->groups, p->groups_cap, p->ngroups + 1);
    jx_group *g = &p->groups[p->ngroups];
    memset(g, 0, sizeof *g);
    g->name = fx_str(p, name);
    g->level = level;
    g->parent = parent;
    g->has_points = points != NULL;
    g->points = points ? fx_dec(points) : jx_dec_from_int(0);
    g->score = -1;
    return (uint32_t)p->ngroups++;
}

/* A value as written: sign, number, unit and the text. */
static inline jx_value fx_value(jx_project *p, jx_sign sign, const char *num, const char *unit, int percent,
                         const char *text, uint32_t line, uint32_t col)
{
    jx_value v;
    memset(&v, 0, sizeof v);
    v.present = true;
    v.sign = sign;
    v.percent = percent != 0;
    v.is_text = sign == JX_SIGN_QUAL || num == NULL;
    v.num = num ? fx_dec(num) : jx_dec_from_int(0);
    v.unit = unit ? fx_str(p, unit) : jx_str_empty;
    v.text = fx_str(p, text);
    v.pos = fx_pos(line, col);
    return v;
}

/* Adds an indicator with target and actual given as values; weight NULL for none. */
static inline jx_indicator *fx_ind(jx_project *p, uint32_t group, const char *name, jx_value target, jx_value actual,
                            const char *weight, uint32_t line)
{
    JX_GROW(p->alloc, p->inds, p->inds_cap, p->ninds + 1);
    jx_indicator *ind = &p->inds[p->ninds++];
    memset(ind, 0, sizeof *ind);
    ind->project = p;
    ind->name = fx_str(p, name);
    ind->group = group;
    ind->target = target;
    ind->actual = actual;
    ind->has_weight = weight != NULL;
    ind->weight = weight ? fx_dec(weight) : jx_dec_from_int(0);
    ind->reason = jx_str_empty;
    ind->last_year.unit = ind->last_year.text = jx_str_empty; /* no history */
    ind->year_before.unit = ind->year_before.text = jx_str_empty;
    ind->basis = jx_str_empty;
    ind->pos = fx_pos(line, 13);
    ind->score = -1;
    ind->formula = "";
    return ind;
}

/* Sets the evaluator's fields of an indicator as worked out by hand. */
static inline void fx_scored(jx_indicator *ind, int64_t cents, jx_method m, const char *formula)
{
    ind->score = cents;
    ind->method = m;
    ind->formula = formula;
}

static inline void fx_funds(jx_project *p, const char *source, const char *initial, const char *budget, const char *spent)
{
    JX_GROW(p->alloc, p->funds, p->funds_cap, p->nfunds + 1);
    jx_funds *f = &p->funds[p->nfunds++];
    memset(f, 0, sizeof *f);
    f->source = fx_str(p, source);
    f->initial = fx_dec(initial);
    f->budget = fx_dec(budget);
    f->spent = fx_dec(spent);
    f->has_initial = f->has_budget = f->has_spent = true;
}

/* The first 自评表 of the 越城区 2024 accounts (see the comment at the top), scored. */
static inline void fx_yuecheng(jx_project *p)
{
    p->src.file = "yuecheng-2024.jx";
    p->name = fx_str(p, "越城区电子政务云资源服务项目");
    p->dept = fx_str(p, "301-大数据管理");
    p->org = fx_str(p, "301001-绍兴市越城区大数据发展管理中心（本级）");
    p->has_year = true;
    p->year = 2024;
    p->money_unit = fx_str(p, "万元");
    p->goal = fx_str(p, "提高电子政务云资源集约利用水平。");
    p->outcome = fx_str(p, "提高电子政务云资源集约利用水平。");
    p->pos = fx_pos(2, 1);
    fx_funds(p, "年度资金总额", "0", "0", "0");
    fx_funds(p, "一般公共预算资金", "366", "358.35", "358.35");
    uint32_t out = fx_group(p, "产出指标", 1, 0, "60");
    uint32_t qty = fx_group(p, "数量指标", 2, out, "50");
    fx_group(p, "质量指标", 2, out, "0");
    uint32_t tim = fx_group(p, "时效指标", 2, out, "10");
    fx_group(p, "成本指标", 2, out, "0");
    uint32_t ben = fx_group(p, "效益指标", 1, 0, "30");
    uint32_t eco = fx_group(p, "经济效益", 2, ben, "15");
    fx_group(p, "社会效益", 2, ben, "0");
    fx_group(p, "生态效益", 2, ben, "0");
    uint32_t sus = fx_group(p, "可持续影响", 2, ben, "15");
    uint32_t sat = fx_group(p, "满意度指标", 1, 0, "10");
    uint32_t sg = fx_group(p, "服务对象满意度", 2, sat, "10");
    jx_indicator *i;
    /* ≥60个, actual 60 (written ≥60个): A ≥ T → w = 30.00 */
    i = fx_ind(p, qty, "接入系统数量", fx_value(p, JX_SIGN_GE, "60", "个", 0, "≥60个", 14, 28),
               fx_value(p, JX_SIGN_NONE, "60", "个", 0, "≥60个", 14, 49), "30", 14);
    fx_scored(i, 3000, JX_METHOD_GE_MET, "30.00 = 30（60个 ≥ 60个，达成）");
    /* =1年, actual 1: A = T → 20.00 */
    i = fx_ind(p, qty, "运行保障期限", fx_value(p, JX_SIGN_EQ, "1", "年", 0, "=1年", 15, 28),
               fx_value(p, JX_SIGN_NONE, "1", "年", 0, "=1年", 15, 49), "20", 15);
    fx_scored(i, 2000, JX_METHOD_EQ_MET, "20.00 = 20（1年 = 1年，达成）");
    /* ≥95%, actual 100%: A ≥ T → 10.00 */
    i = fx_ind(p, tim, "执行率", fx_value(p, JX_SIGN_GE, "95", "", 1, "≥95%", 19, 28),
               fx_value(p, JX_SIGN_NONE, "100", "", 1, "100%", 19, 49), "10", 19);
    fx_scored(i, 1000, JX_METHOD_GE_MET, "10.00 = 10（100% ≥ 95%，达成）");
    /* 定性 提升, actual 提升: 达成 100% × 15 = 15.00 */
    i = fx_ind(p, eco, "工作效率", fx_value(p, JX_SIGN_QUAL, NULL, NULL, 0, "提升", 24, 30),
               fx_value(p, JX_SIGN_NONE, NULL, NULL, 0, "提升", 24, 50), "15", 24);
    fx_scored(i, 1500, JX_METHOD_QUAL_MET, "15.00 = 15 × 100%（达成）");
    /* ≥99%, actual 99%: 15.00 */
    i = fx_ind(p, sus, "政务云稳定性", fx_value(p, JX_SIGN_GE, "99", "", 1, "≥99%", 27, 30),
               fx_value(p, JX_SIGN_NONE, "99", "", 1, "≥99%", 27, 50), "15", 27);
    fx_scored(i, 1500, JX_METHOD_GE_MET, "15.00 = 15（99% ≥ 99%，达成）");
    /* ≥90%, actual 90%: 10.00 */
    i = fx_ind(p, sg, "服务对象满意率", fx_value(p, JX_SIGN_GE, "90", "", 1, "≥90%", 30, 30),
               fx_value(p, JX_SIGN_NONE, "90", "", 1, "≥90%", 30, 50), "10", 30);
    fx_scored(i, 1000, JX_METHOD_GE_MET, "10.00 = 10（90% ≥ 90%，达成）");
    /* group scores: sums of their indicators */
    int64_t gs[] = {6000, 5000, 0, 1000, 0, 3000, 1500, 0, 0, 1500, 1000, 1000};
    for (size_t g = 0; g < p->ngroups; g++)
        p->groups[g].score = gs[g];
    p->has_claimed_total = true;
    p->claimed_total = fx_dec("100");
    p->claimed_grade = JX_GRADE_EXCELLENT;
    p->scored = true;
    p->decimals = 2;
    p->total = 10000;
    p->grade = JX_GRADE_EXCELLENT;
    p->policy_name = "财政部2020";
    p->band_note = "总分高于90分（含）的结论为“优”，90～80分（含）为“良”，80～60分（含）为“中”，低于60分为“差”。";
    p->src.text = NULL;
    jx_project_diag_add(p, JX_SEV_WARNING, "vague-actual", fx_pos(14, 49),
                        "实际完成值“≥60个”带有计算符号，按 60 个计分");
}

/* A small project with a differing actual: ≥60个, weight 30, actual 45 → 30 × 45 / 60 = 22.50;
 * =4次, weight 20, actual 3 → 20 × 3 / 4 = 15.00; total 37.50 → 差. Its name needs JSON and
 * CSV escaping. */
static inline void fx_small(jx_project *p)
{
    p->src.file = "small.jx";
    p->name = fx_str(p, "测试\"项目\",\\一\n二");
    p->pos = fx_pos(1, 1);
    uint32_t out = fx_group(p, "产出指标", 1, 0, "50");
    uint32_t qty = fx_group(p, "数量指标", 2, out, "50");
    jx_indicator *i;
    i = fx_ind(p, qty, "接入系统数量", fx_value(p, JX_SIGN_GE, "60", "个", 0, "≥60个", 4, 20),
               fx_value(p, JX_SIGN_NONE, "45", "个", 0, "45个", 4, 40), "30", 4);
    fx_scored(i, 2250, JX_METHOD_GE_RATIO, "22.50 = 30 × 45 / 60");
    i->reason = fx_str(p, "部分系统延期，下年接入");
    i = fx_ind(p, qty, "巡检次数", fx_value(p, JX_SIGN_EQ, "4", "次", 0, "=4次", 5, 20),
               fx_value(p, JX_SIGN_NONE, "3", "次", 0, "3次", 5, 40), "20", 5);
    fx_scored(i, 1500, JX_METHOD_EQ_RATIO, "15.00 = 20 × 3 / 4");
    p->groups[0].score = 3750;
    p->groups[1].score = 3750;
    p->scored = true;
    p->decimals = 2;
    p->total = 3750;
    p->grade = JX_GRADE_POOR;
    p->policy_name = "财政部2020";
    p->band_note = "";
}

#endif

#ifndef JX_REPORT_FIXTURE_SINK
#define JX_REPORT_FIXTURE_SINK
#include <stdlib.h>

/** Collects a writer's output in memory. */
typedef struct fx_sink {
    char *buf;   /* the bytes, NUL-terminated */
    size_t len;  /* bytes written */
    size_t cap;  /* allocated */
    size_t calls; /* times the write function was called */
} fx_sink;

static inline size_t fx_sink_write(void *ud, const char *data, size_t len)
{
    fx_sink *s = ud;
    if (s->len + len + 1 > s->cap) {
        size_t ncap = (s->len + len + 1) * 2;
        char *nb = realloc(s->buf, ncap);
        if (!nb)
            return 0;
        s->buf = nb;
        s->cap = ncap;
    }
    memcpy(s->buf + s->len, data, len);
    s->len += len;
    s->buf[s->len] = '\0';
    s->calls++;
    return len;
}

/* Renders the projects in format fmt into a fresh sink (free with fx_sink_free). */
static inline fx_sink fx_render(jx_format fmt, unsigned flags, jx_project *const *ps, size_t n)
{
    fx_sink s = {NULL, 0, 0, 0};
    jx_writer *wr = NULL;
    if (jx_writer_create(&wr, fmt, flags, fx_sink_write, &s, NULL) != JX_OK)
        return s;
    for (size_t i = 0; i < n; i++)
        jx_writer_project(wr, ps[i]);
    jx_writer_finish(wr);
    jx_writer_destroy(wr);
    if (!s.buf)
        fx_sink_write(&s, "", 0);
    return s;
}

static inline void fx_sink_free(fx_sink *s)
{
    free(s->buf);
    s->buf = NULL;
}
#endif
