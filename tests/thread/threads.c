/* SPDX-License-Identifier: MIT */
/*
 * threads.c — the threads rule of <jixiao.h>, tested: one policy shared read-only by
 * THREADS threads, each with handles of its own, all working at the same time, must give
 * every thread the very bytes one thread alone gets.
 *
 * A round does, with handles made for it alone:
 *   - the 自评表: every project of the samples (each .jx of ../samples), of tables/demo.jx
 *     with the actuals of tables/actuals.xlsx, actuals.xls and actuals-gb18030.csv
 *     (jx_actuals_*: a pass that makes the projects known, then one that applies them),
 *     and of the target table tables/targets/targets.xlsx read through the importer
 *     (jx_reader_open_import), scored and written, formulas explained, in every format
 *     the table of formats gives the form (jx_format_at: text, json, csv, html, md, xlsx,
 *     txt, jx, template), and the actuals template in every format it has (csv, xlsx);
 *   - that JSON read back from memory through the importer, scored and written again;
 *   - a vet (审核) of the samples and of targets.xlsx and targets.xls, in every vet format;
 *   - an audit of the samples, demo.jx and targets.xlsx, with a sample drawn, in every
 *     audit format (the vet's and the audit's rule files read ahead on 3 threads of the
 *     reader's own, jx_reader_set_threads, checked or scored there; in main's round, on one);
 *   - a 复核 of tables/demo-filled.jx against tables/review.xlsx in every review format,
 *     and the reviewer's template of demo.jx (csv, xlsx);
 *   - a log of all the result codes, diagnostics, totals, formulas and summaries.
 * Every output goes to memory through the write callback, workbooks too.
 *
 * main opens the policy "default" and does one round alone: the reference. Then the
 * threads start, and each does ROUNDS rounds, all beginning each round together (a
 * barrier), and compares every output of each round with the reference byte for byte —
 * the workbooks too: no JX_WRITE_TIMESTAMP is set, so they carry the fixed time and the
 * same input gives the same bytes (the header says so), and they must also be zip files.
 * Every thread allocates through a counting allocator of its own, and must have given
 * back every block at its end.
 *
 * Run from tests/: the paths are relative to it. Exit 0 when every thread got the
 * reference, 1 (with the differences on standard error) otherwise.
 * Usage: threads [DIR]   DIR: where to write both sides of an output that differs
 */
#define _POSIX_C_SOURCE 200809L /* pthread_barrier_t */

#include <jixiao.h>

#include "../shared/counter.h"

#include <glob.h>
#include <iconv.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define THREADS 4
#define ROUNDS 4
#define POLICY "default"
#define DOCS_MAX 64

/* ------------------------------------------------------------------ memory */

/* ----------------------------------------------------------------- outputs */

/** Bytes written through the write callback. */
typedef struct buf {
    char *data;
    size_t len, cap;
} buf;

static size_t buf_write(void *ud, const char *data, size_t len)
{
    buf *b = ud;
    if (len > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < len)
            cap *= 2;
        char *nd = realloc(b->data, cap);
        if (!nd)
            return 0;
        b->data = nd;
        b->cap = cap;
    }
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    return len;
}

static void buf_printf(buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        buf_write(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big)
        return;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf_write(b, big, (size_t)n);
    free(big);
}

/** One output of a round: its name, its bytes, whether it is a workbook. */
typedef struct doc {
    char name[64];
    int xlsx;
    buf b;
} doc;

/** One round: what it uses and what it wrote. */
typedef struct run {
    const jx_policy *pol; /* shared by every thread, only read */
    jx_allocator alloc;   /* every handle's allocator: counting into the thread's counter */
    unsigned reader_threads; /* the vet's and the audit's rule files are read ahead on these
                                (jx_reader_set_threads): 1 for the reference, 3 in the threads */
    doc docs[DOCS_MAX];   /* the outputs, in the order made */
    size_t ndocs;
    buf *log;             /* docs[0]: result codes, diagnostics, totals, summaries */
    int failed;           /* a call failed as no input explains (memory, I/O, usage) */
    int who;              /* 0 for main, 1… for the threads */
} run;

static buf *new_doc(run *r, const char *kind, const char *format, int xlsx)
{
    if (r->ndocs == DOCS_MAX) {
        fprintf(stderr, "threads: more than %d outputs in a round\n", DOCS_MAX);
        r->failed = 1;
        return NULL;
    }
    doc *d = &r->docs[r->ndocs++];
    memset(d, 0, sizeof *d);
    snprintf(d->name, sizeof d->name, "%s.%s", kind, format);
    d->xlsx = xlsx;
    return &d->b;
}

static void free_docs(run *r)
{
    for (size_t i = 0; i < r->ndocs; i++) {
        free(r->docs[i].b.data);
        memset(&r->docs[i].b, 0, sizeof r->docs[i].b);
    }
    r->ndocs = 0;
}

/**
 * Logs the result of a call, so that the outputs compared hold it too; a result no input
 * explains (memory, I/O, a bad argument, a limit) fails the round at once.
 */
static jx_result check(run *r, const char *what, jx_result rc)
{
    buf_printf(r->log, "%s: %d\n", what, (int)rc);
    if (rc == JX_ERR_NOMEM || rc == JX_ERR_IO || rc == JX_ERR_USAGE || rc == JX_ERR_NOTFOUND || rc == JX_ERR_LIMIT) {
        fprintf(stderr, "threads: %s %d: %s: %s\n", r->who ? "thread" : "main", r->who, what, jx_strerror(rc));
        r->failed = 1;
    }
    return rc;
}

static void log_diag(run *r, const jx_diag *d)
{
    if (!d)
        return;
    char small[1024];
    size_t n = jx_diag_format(d, small, sizeof small);
    if (n < sizeof small) {
        buf_printf(r->log, "%s\n", small);
        return;
    }
    char *big = malloc(n + 1);
    if (!big)
        return;
    jx_diag_format(d, big, n + 1);
    buf_printf(r->log, "%s\n", big);
    free(big);
}

static void log_reader_diags(run *r, const jx_reader *rd)
{
    for (size_t i = 0; i < jx_reader_diag_count(rd); i++)
        log_diag(r, jx_reader_diag(rd, i));
}

static void log_project(run *r, const jx_project *p)
{
    buf_printf(r->log, "project %s [%s] %s:%u total %lld grade %s claimed %lld\n", jx_project_name(p),
               jx_project_org(p), jx_project_file(p), (unsigned)jx_project_line(p),
               (long long)jx_project_total_cents(p), jx_grade_name(jx_project_grade(p)),
               (long long)jx_project_claimed_total_cents(p));
    for (size_t i = 0; i < jx_project_indicator_count(p); i++) {
        const jx_indicator *ind = jx_project_indicator(p, i);
        buf_printf(r->log, "  %s/%s/%s %lld %s %s\n", jx_indicator_level1(ind), jx_indicator_level2(ind),
                   jx_indicator_name(ind), (long long)jx_indicator_score_cents(ind), jx_indicator_method(ind),
                   jx_indicator_formula(ind));
    }
    for (size_t i = 0; i < jx_project_diag_count(p); i++)
        log_diag(r, jx_project_diag(p, i));
}

/* ------------------------------------------------------------------ inputs */

static glob_t samples; /* each .jx of ../samples, found by main before any thread starts */

#define DEMO "tables/demo.jx"
#define DEMO_FILLED "tables/demo-filled.jx"
#define REVIEW_TABLE "tables/review.xlsx"
static const char *const actuals_tables[] = {"tables/actuals.xlsx", "tables/actuals.xls",
                                             "tables/actuals-gb18030.csv"};
static const char *const target_tables[] = {"tables/targets/targets.xlsx", "tables/targets/targets.xls"};

/** A reader of rule text; NULL (logged) when it cannot be opened. */
static jx_reader *open_rules(run *r, const char *path)
{
    jx_reader *rd = NULL;
    if (check(r, "jx_reader_open", jx_reader_open(&rd, path, &r->alloc)) != JX_OK) {
        log_reader_diags(r, rd);
        jx_reader_close(rd);
        r->failed = 1;
        return NULL;
    }
    return rd;
}

/** A reader of a table through the importer, its diagnostics logged; NULL when nothing can be read. */
static jx_reader *open_table(run *r, const char *path, jx_import_weights weights)
{
    jx_import_options o = JX_OPTIONS_INIT(jx_import_options);
    o.weights = weights;
    jx_reader *rd = NULL;
    jx_result rc = check(r, "jx_reader_open_import", jx_reader_open_import(&rd, path, &o, &r->alloc));
    log_reader_diags(r, rd);
    if (rc != JX_OK && rc != JX_ERR_INPUT) {
        jx_reader_close(rd);
        r->failed = 1;
        return NULL;
    }
    return rd;
}

/** rd read ahead on r->reader_threads threads, fn running on each project there. */
static jx_reader *ahead(run *r, jx_reader *rd, jx_project_fn fn, void *ud)
{
    if (rd && check(r, "jx_reader_set_threads", jx_reader_set_threads(rd, r->reader_threads, fn, ud)) != JX_OK)
        r->failed = 1;
    return rd;
}

/** Calls each(r, p, ud) on every project of rd, then closes it. */
static void read_all(run *r, jx_reader *rd, void (*each)(run *, jx_project *, void *), void *ud)
{
    if (!rd)
        return;
    for (;;) {
        jx_project *p = NULL;
        jx_result rc = jx_reader_next(rd, &p);
        if (rc == JX_DONE)
            break;
        if (rc == JX_ROW) {
            each(r, p, ud);
            continue;
        }
        check(r, "jx_reader_next", rc);
        log_reader_diags(r, rd);
        if (rc != JX_ERR_INPUT)
            break;
    }
    jx_reader_close(rd);
}

/* -------------------------------------------------------------------- form */

/** The writers of one document, each over its own output. */
typedef struct writers {
    jx_writer *w[DOCS_MAX];
    size_t n;
    jx_actuals *act; /* applied to each project first, when not NULL */
} writers;

/** Opens a writer of every format that writes the 自评表, and of every actuals template. */
static void form_writers(run *r, writers *ws, const char *kind)
{
    for (size_t i = 0; jx_format_at(i); i++) {
        const jx_format_info *f = jx_format_at(i);
        if (!f->help[JX_DOC_FORM])
            continue;
        buf *b = new_doc(r, kind, f->name, f->format == JX_FORMAT_XLSX);
        if (b && check(r, "jx_writer_create", jx_writer_create(&ws->w[ws->n], f->format, JX_WRITE_EXPLAIN,
                                                                buf_write, b, &r->alloc)) == JX_OK)
            ws->n++;
    }
    char name[64];
    for (size_t i = 0; jx_format_at(i); i++) {
        const jx_format_info *f = jx_format_at(i);
        if (!f->help[JX_DOC_TEMPLATE])
            continue;
        snprintf(name, sizeof name, "%s-template", kind);
        buf *b = new_doc(r, name, f->name, f->format == JX_FORMAT_XLSX);
        if (b && check(r, "jx_template_writer_create",
                       jx_template_writer_create(&ws->w[ws->n], f->format, 0, buf_write, b, &r->alloc)) == JX_OK)
            ws->n++;
    }
}

static void close_writers(run *r, writers *ws)
{
    for (size_t i = 0; i < ws->n; i++) {
        check(r, "jx_writer_finish", jx_writer_finish(ws->w[i]));
        jx_writer_destroy(ws->w[i]);
    }
    ws->n = 0;
}

static void form_project(run *r, jx_project *p, void *ud)
{
    writers *ws = ud;
    if (jx_project_error_count(p) > 0) {
        log_project(r, p);
        return;
    }
    if (ws->act) {
        size_t before = jx_actuals_diag_count(ws->act);
        check(r, "jx_actuals_apply", jx_actuals_apply(ws->act, p));
        for (size_t i = before; i < jx_actuals_diag_count(ws->act); i++)
            log_diag(r, jx_actuals_diag(ws->act, i));
    }
    jx_result rc = check(r, "jx_score", jx_score(p, r->pol));
    log_project(r, p);
    if (rc != JX_OK)
        return;
    for (size_t i = 0; i < ws->n; i++)
        check(r, "jx_writer_project", jx_writer_project(ws->w[i], p));
}

static void know_project(run *r, jx_project *p, void *ud)
{
    check(r, "jx_actuals_know", jx_actuals_know(ud, p));
}

/** demo.jx with the actuals of table: one pass to make its projects known, one to apply and score. */
static void form_with_actuals(run *r, writers *ws, const char *table)
{
    jx_actuals *act = NULL;
    jx_result rc = check(r, "jx_actuals_open", jx_actuals_open(&act, table, &r->alloc));
    for (size_t i = 0; act && i < jx_actuals_diag_count(act); i++)
        log_diag(r, jx_actuals_diag(act, i));
    if (rc != JX_OK) {
        jx_actuals_close(act);
        r->failed = 1;
        return;
    }
    read_all(r, open_rules(r, DEMO), know_project, act);
    ws->act = act;
    read_all(r, open_rules(r, DEMO), form_project, ws);
    ws->act = NULL;
    size_t before = jx_actuals_diag_count(act);
    check(r, "jx_actuals_finish", jx_actuals_finish(act));
    for (size_t i = before; i < jx_actuals_diag_count(act); i++)
        log_diag(r, jx_actuals_diag(act, i));
    jx_actuals_close(act);
}

static void do_form(run *r)
{
    writers ws = {.n = 0};
    form_writers(r, &ws, "form");
    for (size_t i = 0; i < samples.gl_pathc; i++)
        read_all(r, open_rules(r, samples.gl_pathv[i]), form_project, &ws);
    for (size_t i = 0; i < sizeof actuals_tables / sizeof *actuals_tables; i++)
        form_with_actuals(r, &ws, actuals_tables[i]);
    read_all(r, open_table(r, target_tables[0], JX_IMPORT_WEIGHTS_EQUAL), form_project, &ws);
    close_writers(r, &ws);
}

/** The form's JSON read back from memory through the importer, scored and written again. */
static void do_json_again(run *r)
{
    const doc *json = NULL;
    for (size_t i = 0; i < r->ndocs; i++)
        if (strcmp(r->docs[i].name, "form.json") == 0)
            json = &r->docs[i];
    if (!json) {
        fprintf(stderr, "threads: no form.json to read back\n");
        r->failed = 1;
        return;
    }
    writers ws = {.n = 0};
    buf *b = new_doc(r, "again", "json", 0);
    if (!b || check(r, "jx_writer_create", jx_writer_create(&ws.w[0], JX_FORMAT_JSON, JX_WRITE_EXPLAIN, buf_write, b,
                                                            &r->alloc)) != JX_OK)
        return;
    ws.n = 1;
    jx_import_options o = JX_OPTIONS_INIT(jx_import_options);
    o.format = "json";
    jx_reader *rd = NULL;
    jx_result rc = check(r, "jx_reader_open_import_memory",
                         jx_reader_open_import_memory(&rd, "form.json", json->b.data, json->b.len, &o, &r->alloc));
    log_reader_diags(r, rd);
    if (rc == JX_OK || rc == JX_ERR_INPUT)
        read_all(r, rd, form_project, &ws);
    else
        jx_reader_close(rd);
    close_writers(r, &ws);
}

/* --------------------------------------------------------------------- vet */

typedef struct vetting {
    jx_vet *vt;
    jx_vet_writer *w[DOCS_MAX];
    size_t n;
    unsigned flags;
} vetting;

static void vet_project(run *r, jx_project *p, void *ud)
{
    vetting *v = ud;
    check(r, "jx_vet_add", jx_vet_add(v->vt, p, v->flags));
    log_project(r, p);
    buf_printf(r->log, "vet result %s\n", jx_grade_name(jx_vet_result(p, r->pol)));
    for (size_t i = 0; i < v->n; i++)
        check(r, "jx_vet_writer_project", jx_vet_writer_project(v->w[i], p, v->flags));
}

/* jx_vet_check as a reader's fn: the checks of a project alone, on the thread that read it. */
static jx_result vet_check(void *ud, jx_project *p)
{
    return jx_vet_check(ud, p);
}

static void do_vet(run *r)
{
    vetting v = {.n = 0};
    jx_vet_options o = JX_OPTIONS_INIT(jx_vet_options);
    o.min_severity = JX_SEV_NOTE;
    if (check(r, "jx_vet_create", jx_vet_create(&v.vt, r->pol, &o, &r->alloc)) != JX_OK)
        return;
    for (size_t i = 0; jx_format_at(i); i++) {
        const jx_format_info *f = jx_format_at(i);
        if (!f->help[JX_DOC_VET])
            continue;
        buf *b = new_doc(r, "vet", f->name, f->format == JX_FORMAT_XLSX);
        if (b && check(r, "jx_vet_writer_create",
                       jx_vet_writer_create(&v.w[v.n], v.vt, f->format, buf_write, b, &r->alloc)) == JX_OK)
            v.n++;
    }
    for (size_t i = 0; i < samples.gl_pathc; i++)
        read_all(r, ahead(r, open_rules(r, samples.gl_pathv[i]), vet_check, v.vt), vet_project, &v);
    v.flags = JX_AUDIT_IMPORTED;
    for (size_t i = 0; i < sizeof target_tables / sizeof *target_tables; i++)
        read_all(r, open_table(r, target_tables[i], JX_IMPORT_WEIGHTS_UNSET), vet_project, &v);
    for (size_t i = 0; i < v.n; i++) {
        check(r, "jx_vet_writer_finish", jx_vet_writer_finish(v.w[i]));
        jx_vet_writer_destroy(v.w[i]);
    }
    const jx_vet_summary *s = jx_vet_get_summary(v.vt);
    buf_printf(r->log, "vet: %zu projects, results %zu/%zu/%zu/%zu, findings %zu/%zu/%zu\n", s->projects,
               s->results[1], s->results[2], s->results[3], s->results[4], s->findings[0], s->findings[1],
               s->findings[2]);
    for (size_t i = 0; i < jx_vet_tally_count(v.vt); i++) {
        const jx_code_tally *t = jx_vet_tally(v.vt, i);
        buf_printf(r->log, "vet tally %s %zu/%zu/%zu\n", t->code, t->count[0], t->count[1], t->count[2]);
    }
    for (size_t i = 0; i < jx_vet_org_count(v.vt); i++) {
        const jx_vet_org *g = jx_vet_org_at(v.vt, i);
        buf_printf(r->log, "vet org %s %zu\n", g->org, g->projects);
    }
    jx_vet_destroy(v.vt);
}

/* ------------------------------------------------------------------- audit */

typedef struct auditing {
    jx_audit *au;
    jx_audit_writer *w[DOCS_MAX];
    size_t n;
    unsigned flags;
} auditing;

static void audit_project(run *r, jx_project *p, void *ud)
{
    auditing *a = ud;
    if (jx_project_error_count(p) == 0)
        check(r, "jx_score", jx_score(p, r->pol));
    check(r, "jx_audit_add", jx_audit_add(a->au, p, a->flags));
    log_project(r, p);
    for (size_t i = 0; i < a->n; i++)
        check(r, "jx_audit_writer_project", jx_audit_writer_project(a->w[i], p, a->flags));
}

/* A reader's fn: scores a project without errors on the thread that read it (audit_project
 * scores it again, to the same result). */
static jx_result audit_score(void *ud, jx_project *p)
{
    return jx_project_error_count(p) == 0 ? jx_score(p, ud) : JX_OK;
}

static void do_audit(run *r)
{
    auditing a = {.n = 0};
    jx_audit_options o = JX_OPTIONS_INIT(jx_audit_options);
    o.min_severity = JX_SEV_NOTE;
    o.sample_bp = 5000;
    o.seed = 20240601;
    o.by = JX_AUDIT_BY_ORG;
    o.weight_funds = 1;
    o.include_flagged = 1;
    if (check(r, "jx_audit_create", jx_audit_create(&a.au, r->pol, &o, &r->alloc)) != JX_OK)
        return;
    for (size_t i = 0; jx_format_at(i); i++) {
        const jx_format_info *f = jx_format_at(i);
        if (!f->help[JX_DOC_AUDIT])
            continue;
        buf *b = new_doc(r, "audit", f->name, f->format == JX_FORMAT_XLSX);
        if (b && check(r, "jx_audit_writer_create",
                       jx_audit_writer_create(&a.w[a.n], a.au, f->format, buf_write, b, &r->alloc)) == JX_OK)
            a.n++;
    }
    for (size_t i = 0; i < samples.gl_pathc; i++)
        read_all(r, ahead(r, open_rules(r, samples.gl_pathv[i]), audit_score, (void *)r->pol), audit_project, &a);
    read_all(r, ahead(r, open_rules(r, DEMO), audit_score, (void *)r->pol), audit_project, &a);
    a.flags = JX_AUDIT_IMPORTED;
    read_all(r, open_table(r, target_tables[0], JX_IMPORT_WEIGHTS_EQUAL), audit_project, &a);
    for (size_t i = 0; i < a.n; i++) {
        check(r, "jx_audit_writer_finish", jx_audit_writer_finish(a.w[i]));
        jx_audit_writer_destroy(a.w[i]);
    }
    const jx_audit_summary *s = jx_audit_get_summary(a.au);
    buf_printf(r->log,
               "audit: %zu projects, %zu unscored, budget %lld spent %lld, inflation %lld, findings %zu/%zu/%zu\n",
               s->projects, s->unscored, (long long)s->budget_fen, (long long)s->spent_fen,
               (long long)s->inflation_cents, s->findings[0], s->findings[1], s->findings[2]);
    for (size_t i = 0; i < jx_audit_tally_count(a.au); i++) {
        const jx_code_tally *t = jx_audit_tally(a.au, i);
        buf_printf(r->log, "audit tally %s %zu/%zu/%zu\n", t->code, t->count[0], t->count[1], t->count[2]);
    }
    for (size_t i = 0; i < jx_audit_pick_count(a.au); i++) {
        const jx_audit_pick *k = jx_audit_picked(a.au, i);
        buf_printf(r->log, "audit pick %zu %s %s:%u %d %s\n", k->index, k->name, k->file, (unsigned)k->line,
                   (int)k->why, k->reason);
    }
    jx_audit_destroy(a.au);
}

/* ------------------------------------------------------------------ review */

typedef struct reviewing {
    jx_review *rv;
    jx_review_writer *w[DOCS_MAX];
    size_t n;
} reviewing;

static void review_know(run *r, jx_project *p, void *ud)
{
    check(r, "jx_review_know", jx_review_know(ud, p));
}

static void review_project(run *r, jx_project *p, void *ud)
{
    reviewing *v = ud;
    if (jx_project_error_count(p) > 0 || check(r, "jx_score", jx_score(p, r->pol)) != JX_OK) {
        log_project(r, p);
        return;
    }
    size_t before = jx_review_diag_count(v->rv);
    jx_result rc = check(r, "jx_review_apply", jx_review_apply(v->rv, p));
    for (size_t i = before; i < jx_review_diag_count(v->rv); i++)
        log_diag(r, jx_review_diag(v->rv, i));
    log_project(r, p);
    const jx_review_sheet *s = rc == JX_OK ? jx_review_sheet_get(v->rv) : NULL;
    if (!s)
        return;
    buf_printf(r->log, "review %s: self %lld review %lld diff %lld\n", s->project, (long long)s->self_total_cents,
               (long long)s->review_total_cents, (long long)s->diff_cents);
    for (size_t i = 0; i < v->n; i++)
        check(r, "jx_review_writer_sheet", jx_review_writer_sheet(v->w[i], s));
}

/** The 复核 of rules against the reviewer's table (NULL: the blank one, its template written). */
static void review_of(run *r, const char *rules, const char *table)
{
    reviewing v = {.n = 0};
    jx_result rc = table ? check(r, "jx_review_open", jx_review_open(&v.rv, table, r->pol, &r->alloc))
                         : check(r, "jx_review_open_blank", jx_review_open_blank(&v.rv, r->pol, &r->alloc));
    for (size_t i = 0; v.rv && i < jx_review_diag_count(v.rv); i++)
        log_diag(r, jx_review_diag(v.rv, i));
    if (rc != JX_OK) {
        jx_review_close(v.rv);
        r->failed = 1;
        return;
    }
    for (size_t i = 0; jx_format_at(i); i++) {
        const jx_format_info *f = jx_format_at(i);
        if (!f->help[JX_DOC_REVIEW] || (!table && f->format != JX_FORMAT_CSV && f->format != JX_FORMAT_XLSX))
            continue;
        buf *b = new_doc(r, table ? "review" : "review-template", f->name, f->format == JX_FORMAT_XLSX);
        if (!b || check(r, "jx_review_writer_create",
                        jx_review_writer_create(&v.w[v.n], f->format, buf_write, b, &r->alloc)) != JX_OK)
            continue;
        v.n++;
        if (!table)
            check(r, "jx_review_writer_set_template", jx_review_writer_set_template(v.w[v.n - 1]));
    }
    read_all(r, open_rules(r, rules), review_know, v.rv);
    read_all(r, open_rules(r, rules), review_project, &v);
    size_t before = jx_review_diag_count(v.rv);
    check(r, "jx_review_finish", jx_review_finish(v.rv));
    for (size_t i = before; i < jx_review_diag_count(v.rv); i++)
        log_diag(r, jx_review_diag(v.rv, i));
    for (size_t i = 0; i < v.n; i++) {
        check(r, "jx_review_writer_finish", jx_review_writer_finish(v.w[i]));
        jx_review_writer_destroy(v.w[i]);
    }
    jx_review_close(v.rv);
}

/* ------------------------------------------------------------------- round */

/** One round of everything, into r's outputs; 0 when no call failed as no input explains. */
static int do_round(run *r)
{
    r->ndocs = 0;
    r->failed = 0;
    r->log = new_doc(r, "log", "txt", 0);
    buf_printf(r->log, "policy %s, %zu diagnostics\n", jx_policy_name(r->pol), jx_policy_diag_count(r->pol));
    do_form(r);
    do_json_again(r);
    do_vet(r);
    do_audit(r);
    review_of(r, DEMO_FILLED, REVIEW_TABLE);
    review_of(r, DEMO, NULL);
    return r->failed ? -1 : 0;
}

/* ----------------------------------------------------------------- compare */

static const char *diff_dir; /* argv[1], or NULL */

static void write_file(const char *path, const buf *b)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b->data, 1, b->len, f) != b->len)
        fprintf(stderr, "threads: cannot write %s\n", path);
    if (f)
        fclose(f);
}

/** Prints the bytes of b around at, control bytes escaped. */
static void show(const char *label, const buf *b, size_t at)
{
    size_t from = at > 40 ? at - 40 : 0, to = at + 40 < b->len ? at + 40 : b->len;
    while (from < at && ((unsigned char)b->data[from] & 0xC0) == 0x80) /* begin on a character */
        from++;
    fprintf(stderr, "    %s: \"", label);
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)b->data[i];
        if (c == '\n')
            fputs("\\n", stderr);
        else if (c < 0x20 || c == 0x7f)
            fprintf(stderr, "\\x%02x", c);
        else
            fputc(c, stderr);
    }
    fputs("\"\n", stderr);
}

/** 0 when got's outputs are want's; else prints each difference. */
static int compare(const run *got, const run *want, int round)
{
    int bad = 0;
    if (got->ndocs != want->ndocs) {
        fprintf(stderr, "threads: thread %d round %d: %zu outputs, alone %zu\n", got->who, round, got->ndocs,
                want->ndocs);
        return 1;
    }
    for (size_t i = 0; i < want->ndocs; i++) {
        const doc *g = &got->docs[i], *w = &want->docs[i];
        if (strcmp(g->name, w->name) != 0) {
            fprintf(stderr, "threads: thread %d round %d: output %zu is %s, alone %s\n", got->who, round, i, g->name,
                    w->name);
            bad = 1;
            continue;
        }
        if (g->xlsx && (g->b.len < 4 || memcmp(g->b.data, "PK\3\4", 4) != 0)) {
            fprintf(stderr, "threads: thread %d round %d: %s is no zip file (%zu bytes)\n", got->who, round, g->name,
                    g->b.len);
            bad = 1;
        }
        if (g->b.len == w->b.len && (w->b.len == 0 || memcmp(g->b.data, w->b.data, w->b.len) == 0))
            continue;
        size_t at = 0;
        while (at < g->b.len && at < w->b.len && g->b.data[at] == w->b.data[at])
            at++;
        fprintf(stderr, "threads: thread %d round %d: %s differs from one thread's alone at byte %zu "
                        "(%zu bytes, alone %zu)\n",
                got->who, round, g->name, at, g->b.len, w->b.len);
        show("thread", &g->b, at);
        show("alone ", &w->b, at);
        if (diff_dir) {
            char path[1024];
            snprintf(path, sizeof path, "%s/alone-%s", diff_dir, w->name);
            write_file(path, &w->b);
            snprintf(path, sizeof path, "%s/thread%d-round%d-%s", diff_dir, got->who, round, g->name);
            write_file(path, &g->b);
        }
        bad = 1;
    }
    return bad;
}

/* -------------------------------------------------------- the C library */

/*
 * Two things the C library does under locks of its own look like races to
 * ThreadSanitizer, which cannot see those locks; worse, its runtime can deadlock
 * reporting one from inside the dynamic loader (the report waits for the loader's lock to
 * name an address, while the loader's thread waits for the report to end). Both are
 * settled in main before any thread starts, outside the library tested:
 *  - mktime(3), which libzip calls for the dates of an .xlsx's entries, frees and copies
 *    the time zone's name on every call while TZ is unset: TZ is set (to UTC) when unset;
 *    nothing jixiao writes depends on it;
 *  - iconv_open and iconv_close load and unload a converter's module with dlopen and
 *    dlclose (GB18030 and GBK for tables in them, UTF-16 for an .xls's strings and
 *    UTF-16 tables): one descriptor of each is held open until the threads are done, so
 *    no module is unloaded and loaded again meanwhile.
 */
static const char *const held_encodings[] = {"GB18030", "GBK", "UTF-16LE", "UTF-16BE"};
static iconv_t held[sizeof held_encodings / sizeof *held_encodings];

static void hold_c_library(void)
{
    setenv("TZ", "UTC", 0);
    tzset();
    for (size_t i = 0; i < sizeof held / sizeof *held; i++)
        held[i] = iconv_open("UTF-8", held_encodings[i]);
}

static void release_c_library(void)
{
    for (size_t i = 0; i < sizeof held / sizeof *held; i++)
        if (held[i] != (iconv_t)-1)
            iconv_close(held[i]);
}

/* ----------------------------------------------------------------- threads */

static run reference;              /* main's round alone */
static pthread_barrier_t together; /* each round begins in every thread at once */

typedef struct worker {
    pthread_t id;
    int who;
    const jx_policy *pol;
    counter cnt;
    int failed;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    run *r = calloc(1, sizeof *r);
    if (!r) {
        w->failed = 1;
        for (int round = 0; round < ROUNDS; round++)
            pthread_barrier_wait(&together);
        return NULL;
    }
    r->pol = w->pol;
    r->alloc.fn = counting_alloc;
    r->alloc.ud = &w->cnt;
    r->who = w->who;
    r->reader_threads = 3;
    for (int round = 0; round < ROUNDS; round++) {
        pthread_barrier_wait(&together);
        if (do_round(r) != 0)
            w->failed = 1;
        if (compare(r, &reference, round) != 0)
            w->failed = 1;
        free_docs(r);
    }
    free(r);
    if (w->cnt.blocks != 0 || w->cnt.bytes != 0) {
        fprintf(stderr, "threads: thread %d: %ld blocks (%ld bytes) not given back\n", w->who, w->cnt.blocks,
                w->cnt.bytes);
        w->failed = 1;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    diff_dir = argc > 1 ? argv[1] : NULL;
    hold_c_library();
    if (glob("../samples/*.jx", 0, NULL, &samples) != 0 || samples.gl_pathc == 0) {
        fprintf(stderr, "threads: no ../samples/*.jx (run from tests/)\n");
        return 1;
    }
    jx_policy *pol = NULL;
    jx_result rc = jx_policy_open(&pol, POLICY, NULL);
    if (rc != JX_OK) {
        fprintf(stderr, "threads: policy %s: %s\n", POLICY, jx_strerror(rc));
        jx_policy_close(pol);
        return 1;
    }

    /* the reference: one round in main, alone */
    counter main_cnt = COUNTER_INIT;
    reference.pol = pol;
    reference.reader_threads = 1;
    reference.alloc.fn = counting_alloc;
    reference.alloc.ud = &main_cnt;
    int failed = do_round(&reference) != 0;
    static const jx_format wanted[] = {JX_FORMAT_TEXT, JX_FORMAT_JSON, JX_FORMAT_CSV, JX_FORMAT_HTML, JX_FORMAT_MD,
                                       JX_FORMAT_TXT,  JX_FORMAT_XLSX, JX_FORMAT_JX};
    for (size_t k = 0; k < sizeof wanted / sizeof *wanted; k++) {
        const char *name = NULL;
        for (size_t i = 0; jx_format_at(i); i++)
            if (jx_format_at(i)->format == wanted[k])
                name = jx_format_at(i)->name;
        char want[64];
        snprintf(want, sizeof want, "form.%s", name ? name : "?");
        size_t i = 0;
        while (i < reference.ndocs && strcmp(reference.docs[i].name, want) != 0)
            i++;
        if (i == reference.ndocs || reference.docs[i].b.len == 0) {
            fprintf(stderr, "threads: the round alone wrote no %s\n", want);
            failed = 1;
        }
    }
    for (size_t i = 0; i < reference.ndocs; i++)
        if (reference.docs[i].b.len == 0) {
            fprintf(stderr, "threads: the round alone wrote an empty %s\n", reference.docs[i].name);
            failed = 1;
        }
    if (failed) {
        fprintf(stderr, "threads: the round alone failed; no thread started\n");
        free_docs(&reference);
        jx_policy_close(pol);
        globfree(&samples);
        return 1;
    }

    worker workers[THREADS];
    memset(workers, 0, sizeof workers);
    pthread_barrier_init(&together, NULL, THREADS);
    int started = 0;
    for (int i = 0; i < THREADS; i++) {
        workers[i].who = i + 1;
        workers[i].pol = pol;
        pthread_mutex_init(&workers[i].cnt.mu, NULL);
        if (pthread_create(&workers[i].id, NULL, work, &workers[i]) != 0) {
            fprintf(stderr, "threads: cannot start thread %d\n", i + 1);
            return 1; /* the others wait at the barrier for ever: end at once */
        }
        started++;
    }
    for (int i = 0; i < started; i++) {
        pthread_join(workers[i].id, NULL);
        failed |= workers[i].failed;
    }
    pthread_barrier_destroy(&together);
    release_c_library();

    size_t outputs = reference.ndocs, bytes = 0;
    for (size_t i = 0; i < reference.ndocs; i++)
        bytes += reference.docs[i].b.len;
    free_docs(&reference);
    jx_policy_close(pol);
    globfree(&samples);
    if (main_cnt.blocks != 0) {
        fprintf(stderr, "threads: main: %ld blocks (%ld bytes) not given back\n", main_cnt.blocks, main_cnt.bytes);
        failed = 1;
    }
    if (failed) {
        fprintf(stderr, "threads: FAILED\n");
        return 1;
    }
    printf("threads: %d threads × %d rounds sharing policy %s: %zu outputs a round (%zu bytes), each the same as "
           "one thread's alone\n",
           THREADS, ROUNDS, POLICY, outputs, bytes);
    return 0;
}
