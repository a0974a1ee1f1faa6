/* SPDX-License-Identifier: MIT */
/*
 * test_oom.c — running out of memory in whole jobs, through the public header alone:
 * the samples and a table scored with an actuals table into every format, vetted and
 * audited (with a sample) into the reports' formats, target tables imported, the
 * samples' JSON read back, each allocation of a job refused in turn.
 *
 * A job is split into parts (score, vet, audit, workbooks, import, json), each with every
 * handle on one counting allocator. A first run of a part, with memory to spare, counts
 * its allocations N and records what each call returned and everything the part wrote; a
 * second one must return and write the same. Then, for k = 1 … N (scheduled(): every k
 * but in repeated set-ups), the part runs again with allocation k refused: allocation k
 * alone (those after it succeed), then every allocation from k on (the cleanup runs out
 * too). A run follows the recorded calls and stops at the first call that returns
 * something else, then closes every handle it holds. Then:
 *   - that call returned JX_ERR_NOMEM, and it is the call in which allocation k was
 *     refused (or, when that was a writer's project, a later call of a writer of the same
 *     kind: deferred());
 *   - a run that stops nowhere wrote, byte for byte, what the first run wrote: every
 *     writer's output, workbooks too, and a text of every result, summary and diagnostic;
 *   - every block and byte taken from the allocator was given back (AddressSanitizer
 *     watches the libraries that allocate outside it: libxlsxwriter, libzip, expat).
 *
 * JX_OOM_ONLY=part:mode:k (mode "at" or "from") runs that one case, for a debugger.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "counting.h"
#include "jixiao.h"
#include "write_text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rule files, from tests/ where the unit tests run: the two samples, and the table
 * whose actuals are tables/actuals-gb18030.csv (two projects of one name, told apart by
 * 单位). */
static const char *const rule_files[] = {
    "../samples/yuecheng-2024.jx",
    "../samples/wangan-2025-review.jx",
    "tables/demo.jx",
};
#define NFILES (sizeof rule_files / sizeof rule_files[0])

/* The actuals of tables/demo.jx as saved on Chinese Windows: GB18030, CRLF, numbers shown
 * with a thousands separator and quoted. */
static const char actuals_path[] = "tables/actuals-gb18030.csv";

/* A department's target table, saved as CSV in GB18030 and as a workbook. */
static const char *const target_tables[] = {
    "tables/targets/targets-gb18030.csv",
    "tables/targets/targets.xlsx",
};
#define NTABLES (sizeof target_tables / sizeof target_tables[0])

/* Every format a jx_writer writes: the 自评表's, and the actuals template. */
static const jx_format form_formats[] = {
    JX_FORMAT_TEXT, JX_FORMAT_JSON, JX_FORMAT_CSV, JX_FORMAT_HTML, JX_FORMAT_MD,
    JX_FORMAT_TXT,  JX_FORMAT_XLSX, JX_FORMAT_JX,  JX_FORMAT_TEMPLATE,
};
#define NFORM (sizeof form_formats / sizeof form_formats[0])

/* The formats of the vet's and the audit's reports but the workbook, which the part
 * "workbooks" writes. */
static const jx_format report_formats[] = {
    JX_FORMAT_JSON, JX_FORMAT_HTML, JX_FORMAT_TEXT, JX_FORMAT_CSV, JX_FORMAT_MD, JX_FORMAT_TXT,
};
#define NREPORT (sizeof report_formats / sizeof report_formats[0])

/* The audit's workbook and the vet's. */
static const jx_format workbook_formats[] = {JX_FORMAT_XLSX, JX_FORMAT_XLSX};

/* Outputs of a run: one per writer, then the text of results and diagnostics. */
#define NOUT (NFORM + 1)
#define LOG (NOUT - 1)
#define MAXCALLS 512

/* ---------------------------------------------------------------- one run */

/** One run of a part: its allocator, the calls it made, what it wrote. */
typedef struct run {
    jx_test_counting c;         /* the books; c.fail_at or c.fail_from refuses allocations */
    size_t blocks;              /* blocks allocated and not freed */
    jx_allocator a;             /* the allocator of every handle of the run */
    size_t refused;             /* the refused allocation k; 0 for none */
    const jx_result *want;      /* what each call returned with memory to spare; NULL in that run */
    size_t nwant;               /* how many calls that run made */
    size_t ncalls;              /* calls made */
    jx_result got[MAXCALLS];    /* what each returned */
    const char *name[MAXCALLS]; /* its name */
    size_t first[MAXCALLS];     /* allocations before it: its own are first + 1 … first + count */
    size_t count[MAXCALLS];
    size_t *sizes;              /* the size of each allocation, in the run with memory to spare */
    size_t nsizes, sizes_cap;
    const char *met_in;         /* the call in which allocation k was refused; NULL when none was */
    size_t met_at;              /* its place among the calls */
    const char *stop_in;        /* the call whose result was not the recorded one; NULL when none */
    jx_result stop_rc;          /* what it returned */
    size_t stop_at;             /* its place among the calls */
    jx_test_text out[NOUT];     /* the writers' bytes; out[LOG] the results and diagnostics */
} run;

/* The allocator of a run: the counting allocator, counting blocks too (and, in the run
 * with memory to spare, keeping the sizes). */
static void *run_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    run *r = ud;
    void *q = jx_test_counting_fn(&r->c, ptr, osize, nsize);
    if (nsize != 0 && !r->want) {
        if (r->nsizes == r->sizes_cap) {
            r->sizes_cap = r->sizes_cap ? 2 * r->sizes_cap : 1024;
            r->sizes = realloc(r->sizes, r->sizes_cap * sizeof *r->sizes);
            assert_non_null(r->sizes);
        }
        r->sizes[r->nsizes++] = nsize;
    }
    if (nsize == 0 && ptr)
        r->blocks--;
    else if (nsize != 0 && !ptr && q)
        r->blocks++;
    return q;
}

static void run_init(run *r, size_t k, bool from, const jx_result *want, size_t nwant)
{
    memset(r, 0, sizeof *r);
    r->refused = k;
    if (from)
        r->c.fail_from = k;
    else
        r->c.fail_at = k;
    r->a.fn = run_alloc;
    r->a.ud = r;
    r->want = want;
    r->nwant = nwant;
}

static void run_free(run *r)
{
    for (size_t i = 0; i < NOUT; i++)
        free(r->out[i].s);
    free(r->sizes);
    memset(r, 0, sizeof *r);
}

/* Appends a line to the run's text of results and diagnostics. */
static void say(run *r, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof buf);
    jx_test_text_write(&r->out[LOG], buf, (size_t)n);
}

/* A diagnostic in that text, as a compiler shows it. */
static void say_diag(run *r, const char *whose, const jx_diag *d)
{
    char buf[8192];
    size_t n = jx_diag_format(d, buf, sizeof buf);
    assert_true(n < sizeof buf);
    say(r, "%s [%s]: %s\n", whose, d->code, buf);
}

/*
 * Records the result rc of the call `what`, begun when the allocator had been called
 * `before` times. False when the run must stop: rc is not what the call returned with
 * memory to spare (or that run made fewer calls).
 */
static bool step(run *r, const char *what, jx_result rc, size_t before)
{
    size_t i = r->ncalls++;
    assert_true(i < MAXCALLS);
    r->got[i] = rc;
    r->name[i] = what;
    r->first[i] = before;
    r->count[i] = r->c.calls - before;
    if (!r->met_in && r->refused && before < r->refused && r->c.calls >= r->refused) {
        r->met_in = what;
        r->met_at = i;
    }
    say(r, "%s = %d\n", what, (int)rc);
    if (r->want && (i >= r->nwant || r->want[i] != rc)) {
        r->stop_in = what;
        r->stop_rc = rc;
        r->stop_at = i;
        return false;
    }
    return true;
}

/* One call of a run; the run stops (goto done) when it returns something else than it did. */
#define CALL(r, what, expr)                                                                                  \
    do {                                                                                                     \
        size_t before_ = (r)->c.calls;                                                                       \
        jx_result rc_ = (expr);                                                                              \
        if (!step((r), (what), rc_, before_))                                                                \
            goto done;                                                                                       \
    } while (0)

/*
 * jx_reader_next as a call of the run, its reader's diagnostics said. True for a project
 * to go on with (*rc JX_ROW); false at the end, after stray text or an I/O failure (the
 * reader goes on after those: *rc says which), and when the run stops (*stop).
 */
static bool next_project(run *r, const char *what, jx_reader *rd, jx_project **p, jx_result *rc, bool *stop)
{
    size_t before = r->c.calls;
    *rc = jx_reader_next(rd, p);
    *stop = !step(r, what, *rc, before);
    if (*stop)
        return false;
    for (size_t i = 0; i < jx_reader_diag_count(rd); i++)
        say_diag(r, "reader", jx_reader_diag(rd, i));
    return *rc == JX_ROW;
}

/* ------------------------------------------------------------------ parts */

/*
 * `jixiao score --actuals tables/actuals-gb18030.csv --explain` over the rule files into
 * every format at once: the policy, the actuals, a pass making every project known to
 * them, a pass applying them, scoring and writing, then the actuals' report of the rows
 * not applied and the end of every writer.
 */
static void part_score(run *r)
{
    jx_policy *pol = NULL;
    jx_actuals *act = NULL;
    jx_reader *rd = NULL;
    jx_writer *wr[NFORM] = {0};
    jx_project *p = NULL;
    jx_result rc;
    bool stop;
    CALL(r, "jx_policy_open", jx_policy_open(&pol, "default", &r->a));
    say(r, "policy %s\n", jx_policy_name(pol));
    CALL(r, "jx_actuals_open", jx_actuals_open(&act, actuals_path, &r->a));
    for (size_t f = 0; f < NFILES; f++) {
        CALL(r, "jx_reader_open", jx_reader_open(&rd, rule_files[f], &r->a));
        while (next_project(r, "jx_reader_next (know)", rd, &p, &rc, &stop) || rc == JX_ERR_INPUT)
            if (rc == JX_ROW)
                CALL(r, "jx_actuals_know", jx_actuals_know(act, p));
        if (stop)
            goto done;
        jx_reader_close(rd);
        rd = NULL;
    }
    for (size_t i = 0; i < NFORM; i++)
        CALL(r, "jx_writer_create",
             jx_writer_create(&wr[i], form_formats[i], JX_WRITE_EXPLAIN, jx_test_text_write, &r->out[i], &r->a));
    for (size_t f = 0; f < NFILES; f++) {
        CALL(r, "jx_reader_open", jx_reader_open(&rd, rule_files[f], &r->a));
        while (next_project(r, "jx_reader_next", rd, &p, &rc, &stop) || rc == JX_ERR_INPUT) {
            if (rc != JX_ROW)
                continue;
            say(r, "project %s: %zu errors\n", jx_project_name(p), jx_project_error_count(p));
            if (jx_project_error_count(p) != 0)
                continue;
            CALL(r, "jx_actuals_apply", jx_actuals_apply(act, p));
            CALL(r, "jx_score", jx_score(p, pol));
            say(r, "total %lld %s\n", (long long)jx_project_total_cents(p), jx_grade_name(jx_project_grade(p)));
            for (size_t i = 0; i < jx_project_indicator_count(p); i++) {
                const jx_indicator *ind = jx_project_indicator(p, i);
                say(r, "  %s %s %lld %s\n", jx_indicator_name(ind), jx_indicator_actual(ind),
                    (long long)jx_indicator_score_cents(ind), jx_indicator_method(ind));
            }
            for (size_t i = 0; i < jx_project_diag_count(p); i++)
                say_diag(r, "project", jx_project_diag(p, i));
            for (size_t i = 0; i < NFORM; i++)
                CALL(r, "jx_writer_project", jx_writer_project(wr[i], p));
        }
        if (stop)
            goto done;
        jx_reader_close(rd);
        rd = NULL;
    }
    CALL(r, "jx_actuals_finish", jx_actuals_finish(act));
    for (size_t i = 0; i < jx_actuals_diag_count(act); i++)
        say_diag(r, "actuals", jx_actuals_diag(act, i));
    for (size_t i = 0; i < NFORM; i++)
        CALL(r, "jx_writer_finish", jx_writer_finish(wr[i]));
done:
    for (size_t i = 0; i < NFORM; i++)
        jx_writer_destroy(wr[i]);
    jx_reader_close(rd);
    jx_actuals_close(act);
    jx_policy_close(pol);
}

/* The i-th source of projects to vet or audit: the rule files, then the table `table`
 * read through the importer (a target table: no weights). */
static jx_result open_source(run *r, size_t i, const char *table, jx_reader **rd)
{
    if (i < NFILES)
        return jx_reader_open(rd, rule_files[i], &r->a);
    jx_import_options o = JX_OPTIONS_INIT(jx_import_options);
    o.weights = JX_IMPORT_WEIGHTS_UNSET;
    return jx_reader_open_import(rd, table, &o, &r->a);
}

/* `jixiao vet` of the rule files and the target table in GB18030 (its findings at table
 * rows), the report in every format but the workbook. */
static void part_vet(run *r)
{
    jx_policy *pol = NULL;
    jx_vet *vt = NULL;
    jx_vet_writer *vw[NREPORT] = {0};
    jx_reader *rd = NULL;
    jx_project *p = NULL;
    jx_result rc;
    bool stop;
    CALL(r, "jx_policy_open", jx_policy_open(&pol, "default", &r->a));
    jx_vet_options o = JX_OPTIONS_INIT(jx_vet_options);
    o.min_severity = JX_SEV_NOTE;
    CALL(r, "jx_vet_create", jx_vet_create(&vt, pol, &o, &r->a));
    for (size_t i = 0; i < NREPORT; i++)
        CALL(r, "jx_vet_writer_create",
             jx_vet_writer_create(&vw[i], vt, report_formats[i], jx_test_text_write, &r->out[i], &r->a));
    for (size_t f = 0; f <= NFILES; f++) {
        CALL(r, "jx_reader_open", open_source(r, f, target_tables[0], &rd));
        for (size_t i = 0; i < jx_reader_diag_count(rd); i++)
            say_diag(r, "import", jx_reader_diag(rd, i));
        unsigned flags = jx_reader_imported(rd) ? JX_AUDIT_IMPORTED : 0;
        while (next_project(r, "jx_reader_next", rd, &p, &rc, &stop) || rc == JX_ERR_INPUT) {
            if (rc != JX_ROW)
                continue;
            CALL(r, "jx_vet_add", jx_vet_add(vt, p, flags));
            say(r, "project %s: %s\n", jx_project_name(p), jx_grade_name(jx_vet_result(p, pol)));
            for (size_t i = 0; i < jx_project_diag_count(p); i++)
                say_diag(r, "project", jx_project_diag(p, i));
            for (size_t i = 0; i < NREPORT; i++)
                CALL(r, "jx_vet_writer_project", jx_vet_writer_project(vw[i], p, flags));
        }
        if (stop)
            goto done;
        jx_reader_close(rd);
        rd = NULL;
    }
    for (size_t i = 0; i < NREPORT; i++)
        CALL(r, "jx_vet_writer_finish", jx_vet_writer_finish(vw[i]));
    const jx_vet_summary *s = jx_vet_get_summary(vt);
    say(r, "vetted %zu: %zu %zu %zu %zu; findings %zu %zu %zu\n", s->projects, s->results[1], s->results[2],
        s->results[3], s->results[4], s->findings[0], s->findings[1], s->findings[2]);
    for (size_t i = 0; i < jx_vet_tally_count(vt); i++) {
        const jx_code_tally *t = jx_vet_tally(vt, i);
        say(r, "tally %s %zu %zu %zu\n", t->code, t->count[0], t->count[1], t->count[2]);
    }
    for (size_t i = 0; i < jx_vet_org_count(vt); i++) {
        const jx_vet_org *g = jx_vet_org_at(vt, i);
        say(r, "单位 %s: %zu\n", g->org, g->projects);
    }
done:
    for (size_t i = 0; i < NREPORT; i++)
        jx_vet_writer_destroy(vw[i]);
    jx_reader_close(rd);
    jx_vet_destroy(vt);
    jx_policy_close(pol);
}

/*
 * `jixiao audit --sample 50% --by org --include-flagged --seed 2024` of the rule files and
 * the target table as a workbook (its projects, without actuals, are scored too), the
 * report in every format but the workbook.
 */
static void part_audit(run *r)
{
    jx_policy *pol = NULL;
    jx_audit *au = NULL;
    jx_audit_writer *aw[NREPORT] = {0};
    jx_reader *rd = NULL;
    jx_project *p = NULL;
    jx_result rc;
    bool stop;
    CALL(r, "jx_policy_open", jx_policy_open(&pol, "default", &r->a));
    jx_audit_options o = JX_OPTIONS_INIT(jx_audit_options);
    o.min_severity = JX_SEV_NOTE;
    o.sample_bp = 5000;
    o.seed = 2024;
    o.by = JX_AUDIT_BY_ORG;
    o.include_flagged = 1;
    CALL(r, "jx_audit_create", jx_audit_create(&au, pol, &o, &r->a));
    for (size_t i = 0; i < NREPORT; i++)
        CALL(r, "jx_audit_writer_create",
             jx_audit_writer_create(&aw[i], au, report_formats[i], jx_test_text_write, &r->out[i], &r->a));
    for (size_t f = 0; f <= NFILES; f++) {
        CALL(r, "jx_reader_open", open_source(r, f, target_tables[1], &rd));
        for (size_t i = 0; i < jx_reader_diag_count(rd); i++)
            say_diag(r, "import", jx_reader_diag(rd, i));
        unsigned flags = jx_reader_imported(rd) ? JX_AUDIT_IMPORTED : 0;
        while (next_project(r, "jx_reader_next", rd, &p, &rc, &stop) || rc == JX_ERR_INPUT) {
            if (rc != JX_ROW)
                continue;
            if (jx_project_error_count(p) == 0)
                CALL(r, "jx_score", jx_score(p, pol));
            CALL(r, "jx_audit_add", jx_audit_add(au, p, flags));
            for (size_t i = 0; i < NREPORT; i++)
                CALL(r, "jx_audit_writer_project", jx_audit_writer_project(aw[i], p, flags));
        }
        if (stop)
            goto done;
        jx_reader_close(rd);
        rd = NULL;
    }
    for (size_t i = 0; i < NREPORT; i++)
        CALL(r, "jx_audit_writer_finish", jx_audit_writer_finish(aw[i]));
    const jx_audit_summary *s = jx_audit_get_summary(au);
    say(r, "audited %zu, unscored %zu, budget %lld, findings %zu %zu %zu, flagged %zu\n", s->projects, s->unscored,
        (long long)s->budget_fen, s->findings[0], s->findings[1], s->findings[2], s->flagged);
    for (size_t i = 0; i < jx_audit_tally_count(au); i++) {
        const jx_code_tally *t = jx_audit_tally(au, i);
        say(r, "tally %s %zu %zu %zu\n", t->code, t->count[0], t->count[1], t->count[2]);
    }
    for (size_t i = 0; i < jx_audit_pick_count(au); i++) {
        const jx_audit_pick *k = jx_audit_picked(au, i);
        say(r, "pick %zu %s %s:%u %s\n", k->index, k->name, k->file, (unsigned)k->line, k->reason);
    }
done:
    for (size_t i = 0; i < NREPORT; i++)
        jx_audit_writer_destroy(aw[i]);
    jx_reader_close(rd);
    jx_audit_destroy(au);
    jx_policy_close(pol);
}

/*
 * The audit's and the vet's reports as workbooks (`--format xlsx`), which are written in
 * order in flat memory, unlike the 自评表's: the first sample scored and audited (one
 * project drawn), then vetted, a pass each. A part of its own, on one file: a workbook
 * writer costs every run that makes one a workbook, and these are made first.
 */
static void part_workbooks(run *r)
{
    jx_policy *pol = NULL;
    jx_audit *au = NULL;
    jx_audit_writer *aw = NULL;
    jx_vet *vt = NULL;
    jx_vet_writer *vw = NULL;
    jx_reader *rd = NULL;
    jx_project *p = NULL;
    jx_result rc;
    bool stop;
    CALL(r, "jx_policy_open", jx_policy_open(&pol, "default", &r->a));
    jx_audit_options o = JX_OPTIONS_INIT(jx_audit_options);
    o.sample_count = 1;
    o.seed = 7;
    CALL(r, "jx_audit_create", jx_audit_create(&au, pol, &o, &r->a));
    CALL(r, "jx_audit_writer_create",
         jx_audit_writer_create(&aw, au, workbook_formats[0], jx_test_text_write, &r->out[0], &r->a));
    CALL(r, "jx_vet_create", jx_vet_create(&vt, pol, NULL, &r->a));
    CALL(r, "jx_vet_writer_create",
         jx_vet_writer_create(&vw, vt, workbook_formats[1], jx_test_text_write, &r->out[1], &r->a));
    for (int pass = 0; pass < 2; pass++) {
        CALL(r, "jx_reader_open", jx_reader_open(&rd, rule_files[0], &r->a));
        while (next_project(r, "jx_reader_next", rd, &p, &rc, &stop) || rc == JX_ERR_INPUT) {
            if (rc != JX_ROW)
                continue;
            if (pass == 0) {
                CALL(r, "jx_score", jx_score(p, pol));
                CALL(r, "jx_audit_add", jx_audit_add(au, p, 0));
                CALL(r, "jx_audit_writer_project", jx_audit_writer_project(aw, p, 0));
            } else {
                CALL(r, "jx_vet_add", jx_vet_add(vt, p, 0));
                CALL(r, "jx_vet_writer_project", jx_vet_writer_project(vw, p, 0));
            }
        }
        if (stop)
            goto done;
        jx_reader_close(rd);
        rd = NULL;
    }
    CALL(r, "jx_audit_writer_finish", jx_audit_writer_finish(aw));
    CALL(r, "jx_vet_writer_finish", jx_vet_writer_finish(vw));
    say(r, "picked %zu\n", jx_audit_pick_count(au));
done:
    jx_vet_writer_destroy(vw);
    jx_audit_writer_destroy(aw);
    jx_reader_close(rd);
    jx_vet_destroy(vt);
    jx_audit_destroy(au);
    jx_policy_close(pol);
}

/* The samples as JX_FORMAT_JSON writes them, scored: what `jixiao score --from json` reads.
 * Made once, with the C library's allocator. */
static const jx_test_text *samples_json(void)
{
    static jx_test_text json;
    if (json.len)
        return &json;
    jx_policy *pol = NULL;
    jx_writer *wr = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_JSON, 0, jx_test_text_write, &json, NULL), JX_OK);
    for (size_t f = 0; f < 2; f++) {
        jx_reader *rd = NULL;
        jx_project *p;
        assert_int_equal(jx_reader_open(&rd, rule_files[f], NULL), JX_OK);
        while (jx_reader_next(rd, &p) == JX_ROW) {
            assert_int_equal(jx_score(p, pol), JX_OK);
            assert_int_equal(jx_writer_project(wr, p), JX_OK);
        }
        jx_reader_close(rd);
    }
    assert_int_equal(jx_writer_finish(wr), JX_OK);
    jx_writer_destroy(wr);
    jx_policy_close(pol);
    return &json;
}

/* `jixiao import --weights equal` of the target table, as CSV and as a workbook. */
static void part_import(run *r)
{
    jx_import *imp = NULL;
    for (size_t t = 0; t < NTABLES; t++) {
        jx_import_options o = JX_OPTIONS_INIT(jx_import_options);
        o.weights = JX_IMPORT_WEIGHTS_EQUAL;
        CALL(r, "jx_import_open", jx_import_open(&imp, target_tables[t], &o, &r->a));
        CALL(r, "jx_import_run", jx_import_run(imp, jx_test_text_write, &r->out[t]));
        say(r, "%s %s: %zu projects, %zu indicators, %zu rows, %zu skipped, %zu not understood\n",
            jx_import_format(imp), jx_import_encoding(imp), jx_import_project_count(imp),
            jx_import_indicator_count(imp), jx_import_row_count(imp), jx_import_skipped_count(imp),
            jx_import_not_understood_count(imp));
        for (size_t i = 0; i < jx_import_diag_count(imp); i++)
            say_diag(r, "import", jx_import_diag(imp, i));
        jx_import_close(imp);
        imp = NULL;
    }
done:
    jx_import_close(imp);
}

/* `jixiao score --from json` of the samples' JSON, read from memory through the importer. */
static void part_json(run *r)
{
    const jx_test_text *json = samples_json();
    jx_policy *pol = NULL;
    jx_reader *rd = NULL;
    jx_project *p = NULL;
    jx_result rc;
    bool stop;
    CALL(r, "jx_policy_open", jx_policy_open(&pol, "default", &r->a));
    CALL(r, "jx_reader_open_import_memory",
         jx_reader_open_import_memory(&rd, "samples.json", json->s, json->len, NULL, &r->a));
    for (size_t i = 0; i < jx_reader_diag_count(rd); i++)
        say_diag(r, "import", jx_reader_diag(rd, i));
    while (next_project(r, "jx_reader_next", rd, &p, &rc, &stop) || rc == JX_ERR_INPUT) {
        if (rc != JX_ROW)
            continue;
        CALL(r, "jx_score", jx_score(p, pol));
        say(r, "%s: %lld %s\n", jx_project_name(p), (long long)jx_project_total_cents(p),
            jx_grade_name(jx_project_grade(p)));
        for (size_t i = 0; i < jx_project_diag_count(p); i++)
            say_diag(r, "project", jx_project_diag(p, i));
    }
done:
    jx_reader_close(rd);
    jx_policy_close(pol);
}

/* ----------------------------------------------------------- the failures */

typedef struct part {
    const char *name;
    void (*fn)(run *r);
    const jx_format *formats; /* what the writers' outputs out[0 … nformats) are */
    size_t nformats;
} part;

/** The first output of two runs that differs (workbooks only when xlsx), NOUT when none does. */
static size_t first_difference(const part *pt, const run *a, const run *b, bool xlsx)
{
    for (size_t i = 0; i < NOUT; i++) {
        if (!xlsx && i < pt->nformats && pt->formats[i] == JX_FORMAT_XLSX)
            continue;
        if (a->out[i].len != b->out[i].len ||
            (a->out[i].len && memcmp(a->out[i].s, b->out[i].s, a->out[i].len) != 0))
            return i;
    }
    return NOUT;
}

/** What the runs of one mode found wrong: each kind once, with the range of k it was seen at. */
#define MAXKINDS 16
typedef struct defects {
    char text[MAXKINDS][512];
    size_t first[MAXKINDS], last[MAXKINDS], count[MAXKINDS];
    size_t n;     /* kinds */
    size_t total; /* runs */
} defects;

static void defect(defects *d, size_t k, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    d->total++;
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->text[i], buf) == 0) {
            d->last[i] = k;
            d->count[i]++;
            return;
        }
    if (d->n < MAXKINDS) {
        snprintf(d->text[d->n], sizeof d->text[d->n], "%s", buf);
        d->first[d->n] = d->last[d->n] = k;
        d->count[d->n] = 1;
        d->n++;
    }
}

/*
 * Whether the writer call `met`, in which an allocation was refused, may return as it
 * did with memory to spare and leave JX_ERR_NOMEM to a later call `stop` of a writer of
 * the same kind: a project's call (jx_writer_project, jx_vet_writer_project,
 * jx_audit_writer_project), the failure kept by the writer and returned by its next
 * project or its finish. The 自评表's workbook does so when it cannot keep a project's
 * rows of its data sheet: nothing is written before the finish, which fails.
 */
static bool deferred(const char *met, const char *stop)
{
    static const char tail[] = "writer_project";
    size_t n = strlen(met), t = sizeof tail - 1;
    if (n < t || strcmp(met + n - t, tail) != 0)
        return false;
    return strncmp(met, stop, n - strlen("project")) == 0;
}

static const char *or_none(const char *s)
{
    return s ? s : "no call";
}

/*
 * Checks run r, allocation k refused, against the run with memory to spare `want`. A run
 * that stopped stopped on JX_ERR_NOMEM from the call that met the refusal (or deferred());
 * a run that did not wrote what `want` wrote; no run keeps memory.
 */
static void check_run(const part *pt, const run *want, const run *r, size_t k, bool xlsx, defects *d)
{
    if (r->c.in_use != 0 || r->blocks != 0)
        defect(d, k, "%zu bytes in %zu blocks not given back (the refusal met in %s)", r->c.in_use, r->blocks,
               or_none(r->met_in));
    if (r->stop_in) {
        if (r->stop_rc != JX_ERR_NOMEM)
            defect(d, k, "%s returned %d, not JX_ERR_NOMEM (the refusal met in %s)", r->stop_in, (int)r->stop_rc,
                   or_none(r->met_in));
        else if (!r->met_in || r->stop_at < r->met_at)
            defect(d, k, "%s returned JX_ERR_NOMEM before any allocation was refused", r->stop_in);
        else if (r->stop_at > r->met_at && !deferred(r->met_in, r->stop_in))
            defect(d, k, "%s returned %d though an allocation of it was refused; JX_ERR_NOMEM came from %s",
                   r->met_in, (int)want->got[r->met_at], r->stop_in);
        return;
    }
    if (r->ncalls != want->ncalls) {
        defect(d, k, "the run made %zu calls, not %zu (the refusal met in %s)", r->ncalls, want->ncalls,
               or_none(r->met_in));
        return;
    }
    size_t i = first_difference(pt, want, r, xlsx);
    if (i == LOG)
        defect(d, k, "every call succeeded, but the results or diagnostics differ (the refusal met in %s)",
               or_none(r->met_in));
    else if (i != NOUT)
        defect(d, k, "every call succeeded, but output %zu (format %d) differs (the refusal met in %s)", i,
               i < pt->nformats ? (int)pt->formats[i] : -1, or_none(r->met_in));
}

/*
 * Which k are refused: every one, but those in a set-up repeated within a part, a call
 * that makes the same allocations as an earlier call of the same name — as many, at least
 * REPEAT_MIN, of the same sizes in the same order but for at most one: the workbook's
 * jx_import_run after the CSV's, 136 of the same sizes (the same rule text from the same
 * cells). A repeat has its allocations 1 … 4, its last 4 and every 8th refused: the paths
 * are those the first one took. A reader's open (the reader, its buffer, its keyword
 * index, the value reader's match data; the compiled patterns are the process's) makes
 * fewer than REPEAT_MIN allocations and is refused in full every time.
 */
#define REPEAT_MIN 32

static bool same_allocations(const run *want, size_t a, size_t b)
{
    if (want->count[a] != want->count[b] || strcmp(want->name[a], want->name[b]) != 0)
        return false;
    size_t differ = 0;
    for (size_t j = 0; j < want->count[a]; j++)
        differ += want->sizes[want->first[a] + j] != want->sizes[want->first[b] + j];
    return differ <= 1;
}

static bool scheduled(const run *want, size_t k)
{
    for (size_t i = 0; i < want->ncalls; i++) {
        if (k <= want->first[i] || k > want->first[i] + want->count[i])
            continue;
        size_t n = want->count[i], j = k - want->first[i];
        if (n < REPEAT_MIN)
            return true;
        for (size_t e = 0; e < i; e++)
            if (same_allocations(want, e, i))
                return j <= 4 || j > n - 4 || j % 8 == 0;
        return true;
    }
    return true; /* made between calls (none is): refused */
}

/* False when JX_OOM_ONLY names another case than (part, mode, k); *set when it is set. */
static bool only(const char *which, bool from, size_t k, bool *set)
{
    const char *e = getenv("JX_OOM_ONLY");
    *set = e && *e;
    if (!*set)
        return true;
    char name[32], mode[8];
    size_t want;
    if (sscanf(e, "%31[^:]:%7[^:]:%zu", name, mode, &want) != 3)
        fail_msg("JX_OOM_ONLY=%s is not part:mode:k", e);
    return strcmp(name, which) == 0 && strcmp(mode, from ? "from" : "at") == 0 && want == k;
}

/*
 * Runs part pt with memory to spare, twice, then with each scheduled allocation k refused,
 * alone and from k on, and one more time past N (nothing refused). Returns N.
 */
static size_t fail_each_allocation(const part *pt)
{
    static run want, again, r; /* large: off the stack */
    run_init(&want, 0, false, NULL, 0);
    pt->fn(&want);
    assert_int_equal(want.c.in_use, 0);
    assert_int_equal(want.blocks, 0);
    for (size_t i = 0; i < pt->nformats; i++)
        assert_true(want.out[i].len > 0);
    size_t n = want.c.calls;
    /* the same results, the same bytes: workbooks too, unless they hold the time */
    run_init(&again, 0, false, want.got, want.ncalls);
    pt->fn(&again);
    assert_null(again.stop_in);
    assert_int_equal(again.c.calls, n);
    assert_int_equal(first_difference(pt, &want, &again, false), NOUT);
    bool xlsx = first_difference(pt, &want, &again, true) == NOUT;
    run_free(&again);

    size_t tried = 0, nomem = 0, bad = 0;
    for (int mode = 0; mode < 2; mode++) {
        bool from = mode == 1;
        defects d;
        memset(&d, 0, sizeof d);
        for (size_t k = 1; k <= n + 1; k++) {
            bool set;
            if (!only(pt->name, from, k, &set) || (!set && k <= n && !scheduled(&want, k)))
                continue;
            run_init(&r, k, from, want.got, want.ncalls);
            pt->fn(&r);
            if (k > n && r.met_in)
                defect(&d, k, "the run made more allocations than the first");
            check_run(pt, &want, &r, k, xlsx, &d);
            tried += k <= n;
            nomem += r.stop_in && r.stop_rc == JX_ERR_NOMEM;
            run_free(&r);
        }
        for (size_t i = 0; i < d.n; i++)
            print_error("%s, allocation k %s, k = %zu … %zu of %zu (%zu runs): %s\n", pt->name,
                        from ? "and every later one refused" : "alone refused", d.first[i], d.last[i], n,
                        d.count[i], d.text[i]);
        bad += d.total;
    }
    print_message("%s: N = %zu allocations; %zu runs with one refused, %zu of them JX_ERR_NOMEM%s\n", pt->name, n,
                  tried, nomem, xlsx ? "" : " (workbooks not compared: they hold the time)");
    run_free(&want);
    if (bad)
        fail_msg("%s: %zu runs with an allocation refused went wrong", pt->name, bad);
    return n;
}

static void test_score(void **state)
{
    (void)state;
    part pt = {"score", part_score, form_formats, NFORM};
    assert_true(fail_each_allocation(&pt) > 100);
}

static void test_vet(void **state)
{
    (void)state;
    part pt = {"vet", part_vet, report_formats, NREPORT};
    assert_true(fail_each_allocation(&pt) > 100);
}

static void test_audit(void **state)
{
    (void)state;
    part pt = {"audit", part_audit, report_formats, NREPORT};
    assert_true(fail_each_allocation(&pt) > 100);
}

static void test_workbooks(void **state)
{
    (void)state;
    part pt = {"workbooks", part_workbooks, workbook_formats, 2};
    assert_true(fail_each_allocation(&pt) > 50);
}

static void test_import(void **state)
{
    (void)state;
    part pt = {"import", part_import, NULL, 0};
    assert_true(fail_each_allocation(&pt) > 50);
}

static void test_json(void **state)
{
    (void)state;
    part pt = {"json", part_json, NULL, 0};
    assert_true(fail_each_allocation(&pt) > 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_score),     cmocka_unit_test(test_vet),    cmocka_unit_test(test_audit),
        cmocka_unit_test(test_workbooks), cmocka_unit_test(test_import), cmocka_unit_test(test_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
