/* SPDX-License-Identifier: MIT */
/* imp_collect.c — running a table format reader in a test and keeping what it produced. */
#include "imp_collect.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/** A malloc'd copy of s (never NULL). */
static char *dup(const char *s)
{
    char *c = strdup(s ? s : "");
    assert_non_null(c);
    return c;
}

/** The sink: deep-copies each finished project into r. */
static int collect(void *ud, const jx_imp_project *p)
{
    jx_test_imp *r = ud;
    r->projects = realloc(r->projects, (r->nprojects + 1) * sizeof *r->projects);
    assert_non_null(r->projects);
    jx_test_imp_project *c = &r->projects[r->nprojects++];
    memset(c, 0, sizeof *c);
    c->row = p->row;
    for (int f = 0; f < JX_IMP_FIELD_COUNT; f++)
        c->field[f] = dup(p->field[f]);
    c->nfunds = p->nfunds;
    c->funds = calloc(p->nfunds + 1, sizeof *c->funds);
    for (size_t i = 0; i < p->nfunds; i++) {
        c->funds[i].row = p->funds[i].row;
        c->funds[i].source = dup(p->funds[i].source);
        c->funds[i].initial = dup(p->funds[i].initial);
        c->funds[i].budget = dup(p->funds[i].budget);
        c->funds[i].spent = dup(p->funds[i].spent);
    }
    c->npoints = p->npoints;
    c->points = calloc(p->npoints + 1, sizeof *c->points);
    for (size_t i = 0; i < p->npoints; i++) {
        c->points[i].row = p->points[i].row;
        c->points[i].level1 = dup(p->points[i].level1);
        c->points[i].level2 = dup(p->points[i].level2);
        c->points[i].points = dup(p->points[i].points);
    }
    c->ninds = p->ninds;
    c->inds = calloc(p->ninds + 1, sizeof *c->inds);
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_imp_indicator *s = &p->inds[i];
        jx_imp_indicator *d = &c->inds[i];
        d->row = s->row;
        d->level1 = dup(s->level1);
        d->level2 = dup(s->level2);
        d->name = dup(s->name);
        d->sign = dup(s->sign);
        d->target = dup(s->target);
        d->unit = dup(s->unit);
        d->weight = dup(s->weight);
        d->actual = dup(s->actual);
        d->score = dup(s->score);
        d->reason = dup(s->reason);
        d->note = dup(s->note);
        d->last_year = dup(s->last_year);
        d->year_before = dup(s->year_before);
        d->basis = dup(s->basis);
    }
    r->nindicators += p->ninds;
    return 0;
}

/** Runs fmt over r->text. */
static void run(jx_test_imp *r, const jx_imp_format *fmt, const char *file_name)
{
    r->im = jx_imp_create(NULL, file_name, collect, r);
    assert_non_null(r->im);
    size_t len = strlen(r->text);
    jx_imp_set_text(r->im, r->text, len);
    assert_int_equal(fmt->read(r->im, r->text, len), 0);
    assert_int_equal(jx_imp_finish(r->im), 0);
    r->stats = jx_imp_get_stats(r->im);
}

jx_test_imp *jx_test_imp_run_text(const jx_imp_format *fmt, const char *file_name, const char *text)
{
    jx_test_imp *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->text = dup(text);
    run(r, fmt, file_name);
    return r;
}

jx_test_imp *jx_test_imp_run_file(const jx_imp_format *fmt, const char *path)
{
    char full[4096];
    const char *dir = getenv("JX_TESTS_DIR");
    if (path[0] != '/' && dir)
        snprintf(full, sizeof full, "%s/%s", dir, path);
    else
        snprintf(full, sizeof full, "%s", path);
    FILE *f = fopen(full, "rb");
    if (!f)
        fail_msg("cannot open %s", full);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    jx_test_imp *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->text = malloc((size_t)size + 1);
    assert_non_null(r->text);
    assert_int_equal(fread(r->text, 1, (size_t)size, f), (size_t)size);
    r->text[size] = '\0';
    fclose(f);
    run(r, fmt, path);
    return r;
}

const jx_test_imp_project *jx_test_imp_project_named(const jx_test_imp *r, const char *name)
{
    for (size_t i = 0; i < r->nprojects; i++)
        if (strcmp(r->projects[i].field[JX_IMP_NAME], name) == 0)
            return &r->projects[i];
    return NULL;
}

const jx_imp_indicator *jx_test_imp_ind_named(const jx_test_imp_project *p, const char *name)
{
    for (size_t i = 0; i < p->ninds; i++)
        if (strcmp(p->inds[i].name, name) == 0)
            return &p->inds[i];
    return NULL;
}

const jx_test_imp_project *jx_test_imp_project_get(const jx_test_imp *r, const char *name)
{
    const jx_test_imp_project *p = jx_test_imp_project_named(r, name);
    if (!p)
        fail_msg("no project %s", name);
    return p;
}

const jx_imp_indicator *jx_test_imp_ind_at(const jx_test_imp_project *p, uint32_t row)
{
    for (size_t i = 0; i < p->ninds; i++)
        if (p->inds[i].row == row)
            return &p->inds[i];
    fail_msg("no indicator on row %u", row);
    return NULL;
}

size_t jx_test_imp_diags(const jx_imp *im, const char *code, uint32_t from, uint32_t to, const char *prefix,
                         const jx_diag **first)
{
    size_t n = 0;
    if (first)
        *first = NULL;
    for (size_t i = 0; i < jx_imp_diag_count(im); i++) {
        const jx_diag *d = jx_imp_diag(im, i);
        if (strcmp(d->code, code) != 0 || d->line < from || d->line > to ||
            (prefix && strncmp(d->message, prefix, strlen(prefix)) != 0))
            continue;
        if (n++ == 0 && first)
            *first = d;
    }
    return n;
}

size_t jx_test_imp_count_code(const jx_test_imp *r, const char *code)
{
    return jx_test_imp_diags(r->im, code, 0, UINT32_MAX, NULL, NULL);
}

size_t jx_test_imp_count_diags(const jx_test_imp *r, const char *code, uint32_t from, uint32_t to,
                               const char *prefix)
{
    return jx_test_imp_diags(r->im, code, from, to, prefix, NULL);
}

const jx_diag *jx_test_imp_find_code(const jx_test_imp *r, const char *code)
{
    const jx_diag *d;
    jx_test_imp_diags(r->im, code, 0, UINT32_MAX, NULL, &d);
    return d;
}

/** Frees a copied string field (cast away the const of the model's types). */
static void release(const char *s)
{
    free((char *)s);
}

void jx_test_imp_free(jx_test_imp *r)
{
    if (!r)
        return;
    for (size_t k = 0; k < r->nprojects; k++) {
        jx_test_imp_project *c = &r->projects[k];
        for (int f = 0; f < JX_IMP_FIELD_COUNT; f++)
            free(c->field[f]);
        for (size_t i = 0; i < c->nfunds; i++) {
            release(c->funds[i].source);
            release(c->funds[i].initial);
            release(c->funds[i].budget);
            release(c->funds[i].spent);
        }
        for (size_t i = 0; i < c->npoints; i++) {
            release(c->points[i].level1);
            release(c->points[i].level2);
            release(c->points[i].points);
        }
        for (size_t i = 0; i < c->ninds; i++) {
            jx_imp_indicator *d = &c->inds[i];
            release(d->level1); release(d->level2); release(d->name); release(d->sign);
            release(d->target); release(d->unit); release(d->weight); release(d->actual);
            release(d->score); release(d->reason); release(d->note);
            release(d->last_year); release(d->year_before); release(d->basis);
        }
        free(c->funds);
        free(c->points);
        free(c->inds);
    }
    free(r->projects);
    jx_imp_destroy(r->im);
    free(r->text);
    free(r);
}
