/* SPDX-License-Identifier: MIT */
/* build.c — making jx_project values in code, for tests that need no parser. */
#include "build.h"

#include "alloc.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

jx_project *jx_test_project(const char *name)
{
    jx_project *p = jx_malloc(&jx_default_allocator, sizeof *p);
    if (!p)
        abort();
    jx_project_init(p, NULL);
    p->src.file = "test.jx";
    p->name = jx_project_str(p, name, strlen(name));
    p->pos.line = 1;
    p->pos.col = 1;
    p->pos.width = 2;
    return p;
}

void jx_test_project_free(jx_project *p)
{
    if (!p)
        return;
    jx_project_free(p);
    jx_free(&jx_default_allocator, p, sizeof *p);
}

/* A jx_dec from s[0..n); aborts on a malformed literal. */
static jx_dec dec_n(const char *s, size_t n)
{
    jx_dec d;
    if (jx_dec_parse(s, n, &d) != JX_DEC_OK) {
        fprintf(stderr, "bad decimal literal in a test: %.*s\n", (int)n, s);
        abort();
    }
    return d;
}

jx_dec jx_test_dec(const char *s)
{
    return dec_n(s, strlen(s));
}

/* A position with no source text behind it. */
static jx_pos fake_pos(uint32_t line, uint32_t col)
{
    jx_pos pos = {0, line, col, 1};
    return pos;
}

uint32_t jx_test_group(jx_project *p, int level, const char *name, const char *points,
                       uint32_t parent)
{
    if (JX_GROW(p->alloc, p->groups, p->groups_cap, p->ngroups + 1) != 0)
        abort();
    jx_group *g = &p->groups[p->ngroups];
    memset(g, 0, sizeof *g);
    g->name = jx_project_str(p, name, strlen(name));
    g->level = level;
    g->parent = level == 2 ? parent : 0;
    g->has_points = points != NULL;
    g->points = points ? jx_test_dec(points) : jx_dec_from_int(0);
    g->pos = fake_pos(1000 + (uint32_t)p->ngroups, 1);
    g->open_pos = g->pos;
    return (uint32_t)p->ngroups++;
}

/* The sign at the start of *s, which is advanced past it (and past spaces). */
static jx_sign read_sign(const char **s)
{
    static const struct {
        const char *text; /* the sign as written */
        jx_sign sign;     /* what it means */
    } signs[] = {{"≥", JX_SIGN_GE}, {">=", JX_SIGN_GE}, {"≤", JX_SIGN_LE}, {"<=", JX_SIGN_LE},
                 {"==", JX_SIGN_EQ}, {"=", JX_SIGN_EQ},  {">", JX_SIGN_GT},  {"<", JX_SIGN_LT}};
    for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++) {
        size_t n = strlen(signs[i].text);
        if (strncmp(*s, signs[i].text, n) == 0) {
            *s += n;
            while (**s == ' ')
                (*s)++;
            return signs[i].sign;
        }
    }
    return JX_SIGN_NONE;
}

/* Reads a target or actual as the test wrote it: sign, number, %, unit; or a text. */
static void read_value(jx_project *p, const char *s, jx_value *v, uint32_t line, uint32_t col)
{
    memset(v, 0, sizeof *v);
    v->present = true;
    v->text = jx_project_str(p, s, strlen(s));
    v->unit = jx_str_empty;
    v->pos = fake_pos(line, col);
    v->pos.width = jx_text_utf8_count(s, strlen(s));
    if (strncmp(s, "定性", strlen("定性")) == 0) {
        const char *t = s + strlen("定性");
        while (*t == ' ')
            t++;
        v->sign = JX_SIGN_QUAL;
        v->is_text = true;
        v->text = jx_project_str(p, t, strlen(t));
        return;
    }
    if (s[0] == '"') {
        size_t n = strlen(s);
        v->is_text = true;
        v->text = jx_project_str(p, s + 1, n >= 2 && s[n - 1] == '"' ? n - 2 : n - 1);
        return;
    }
    const char *c = s;
    v->sign = read_sign(&c);
    const char *start = c;
    if (*c == '-' || *c == '+')
        c++;
    while ((*c >= '0' && *c <= '9') || *c == '.')
        c++;
    v->num = dec_n(start, (size_t)(c - start));
    while (*c == ' ')
        c++;
    if (*c == '%') {
        v->percent = true;
        c++;
    }
    while (*c == ' ')
        c++;
    v->unit = jx_project_str(p, c, strlen(c));
}

jx_indicator *jx_test_ind(jx_project *p, uint32_t g, const char *name, const char *target,
                          const char *weight, const char *actual)
{
    if (JX_GROW(p->alloc, p->inds, p->inds_cap, p->ninds + 1) != 0)
        abort();
    jx_indicator *ind = &p->inds[p->ninds];
    uint32_t line = (uint32_t)p->ninds + 1;
    memset(ind, 0, sizeof *ind);
    ind->project = p;
    ind->name = jx_project_str(p, name, strlen(name));
    ind->group = g;
    ind->pos = fake_pos(line, 1);
    ind->pos.width = jx_text_utf8_count(name, strlen(name));
    read_value(p, target, &ind->target, line, 10);
    if (!ind->target.is_text && ind->target.sign == JX_SIGN_NONE) {
        ind->target.sign = JX_SIGN_EQ;
        ind->target.implicit = true;
    }
    if (weight) {
        ind->has_weight = true;
        ind->weight = jx_test_dec(weight);
        ind->weight_pos = fake_pos(line, 20);
    }
    if (actual)
        read_value(p, actual, &ind->actual, line, 30);
    ind->reason = jx_str_empty;
    ind->last_year.unit = ind->last_year.text = jx_str_empty; /* no history */
    ind->year_before.unit = ind->year_before.text = jx_str_empty;
    ind->basis = jx_str_empty;
    ind->score = -1;
    ind->formula = "";
    p->ninds++;
    return ind;
}

void jx_test_claim(jx_indicator *ind, const char *score)
{
    ind->has_claim = true;
    ind->claim = jx_test_dec(score);
    ind->claim_pos = fake_pos(ind->pos.line, 40);
}

void jx_test_reason(jx_project *p, jx_indicator *ind, const char *reason)
{
    ind->reason = jx_project_str(p, reason, strlen(reason));
}

void jx_test_funds(jx_project *p, const char *source, const char *initial, const char *budget,
                   const char *spent)
{
    if (JX_GROW(p->alloc, p->funds, p->funds_cap, p->nfunds + 1) != 0)
        abort();
    jx_funds *f = &p->funds[p->nfunds];
    const char *src = source ? source : "年度资金总额";
    f->source = jx_project_str(p, src, strlen(src));
    /* an amount passed as NULL is not given (jx_funds) */
    f->has_initial = initial != NULL;
    f->has_budget = budget != NULL;
    f->has_spent = spent != NULL;
    f->initial = jx_test_dec(initial ? initial : "0");
    f->budget = jx_test_dec(budget ? budget : "0");
    f->spent = jx_test_dec(spent ? spent : "0");
    f->pos = fake_pos(500 + (uint32_t)p->nfunds, 5);
    p->nfunds++;
}

void jx_test_claim_total(jx_project *p, const char *total, jx_grade grade)
{
    if (total) {
        p->has_claimed_total = true;
        p->claimed_total = jx_test_dec(total);
        p->total_pos = fake_pos(900, 5);
    }
    p->claimed_grade = grade;
    if (grade != JX_GRADE_NONE)
        p->grade_pos = fake_pos(900, 20);
}

size_t jx_test_count_code(const jx_project *p, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < p->diags.n; i++)
        if (strcmp(p->diags.v[i].code, code) == 0)
            n++;
    return n;
}

const jx_diag *jx_test_find_code(const jx_project *p, const char *code)
{
    for (size_t i = 0; i < p->diags.n; i++)
        if (strcmp(p->diags.v[i].code, code) == 0)
            return &p->diags.v[i];
    return NULL;
}

jx_policy jx_test_policy_default(void)
{
    jx_policy pol;
    memset(&pol, 0, sizeof pol);
    jx_policy_set_defaults(&pol);
    pol.name.s = "财政部2020";
    pol.name.n = (uint32_t)strlen(pol.name.s);
    return pol;
}
