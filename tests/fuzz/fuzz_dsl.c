/* SPDX-License-Identifier: MIT */
/* fuzz_dsl.c — the rule language: the input is a rule file. Every project is read,
 * scored under the shipped policies (central, then default, which it is written under)
 * and written by every writer, the 自评表's and the audit's, each in every format; the
 * outputs are checked (fuzz.h) and so are the audit's sums:
 *   Σ grades = Σ claimed grades = projects, and Σ over the codes' tallies = findings,
 * severity by severity.
 *
 * The two workbooks cost more than all the other writers together (libxlsxwriter builds
 * each in files), so they are written for one input in four, picked by a hash of its
 * bytes: the same input always takes the same writers.
 */
#include "fuzz.h"

#include <string.h>

static jx_policy *pol_default, *pol_central;

/** The writers of one run, created when its first project comes. */
typedef struct dsl_run {
    int started;
    int xlsx;                        /* write the workbooks too */
    jx_writer *wr[7];                /* by jx_fuzz_formats */
    jx_fuzz_buf out[7];
    jx_audit *au[7];                 /* by jx_fuzz_formats; none for the template */
    jx_audit_writer *aw[7];
    jx_fuzz_buf aout[7];
    size_t projects;                 /* projects given to the audits */
} dsl_run;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    jx_fuzz_tmpdir();
    if (jx_policy_open(&pol_default, "default", NULL) != JX_OK || jx_policy_open(&pol_central, "central", NULL) != JX_OK)
        jx_fuzz_fail("the shipped policies do not load");
    return 0;
}

static void run_start(dsl_run *run)
{
    run->started = 1;
    for (size_t f = 0; f < 7; f++) {
        jx_format fmt = jx_fuzz_formats[f];
        if (fmt == JX_FORMAT_XLSX && !run->xlsx)
            continue;
        unsigned flags = fmt == JX_FORMAT_TEXT || fmt == JX_FORMAT_HTML || fmt == JX_FORMAT_MD ? JX_WRITE_EXPLAIN : 0;
        if (jx_writer_create(&run->wr[f], fmt, flags, jx_fuzz_buf_write, &run->out[f], NULL) != JX_OK)
            jx_fuzz_fail("jx_writer_create failed for format %d", (int)fmt);
        if (fmt == JX_FORMAT_TEMPLATE)
            continue;
        /* a sample that takes every path of the draw: a share, by 单位, weighted, flagged forced in */
        jx_audit_options o = {.min_severity = JX_SEV_NOTE, .sample_count = 0, .sample_bp = 5000, .seed = 20241231u, .by = JX_AUDIT_BY_ORG, .weight_funds = 1, .include_flagged = 1};
        if (jx_audit_create(&run->au[f], pol_default, &o, NULL) != JX_OK ||
            jx_audit_writer_create(&run->aw[f], run->au[f], fmt, jx_fuzz_buf_write, &run->aout[f], NULL) != JX_OK)
            jx_fuzz_fail("the audit of format %d cannot be created", (int)fmt);
    }
}

static void check_project_diags(const jx_project *p)
{
    size_t n = jx_project_diag_count(p);
    for (size_t i = 0; i < n; i++)
        jx_fuzz_check_diag(jx_project_diag(p, i));
    if (jx_project_diag(p, n))
        jx_fuzz_fail("jx_project_diag out of range is not NULL");
}

static void one_project(dsl_run *run, jx_project *p)
{
    if (!run->started)
        run_start(run);
    check_project_diags(p);
    int write = 0;
    if (jx_project_error_count(p) == 0) {
        jx_score(p, pol_central);
        jx_result rc = jx_score(p, pol_default);
        check_project_diags(p);
        write = rc == JX_OK && jx_project_error_count(p) == 0;
        if (write && (jx_project_total_cents(p) < 0 || jx_project_total_cents(p) > 10000))
            jx_fuzz_fail("a total of %lld hundredths", (long long)jx_project_total_cents(p));
    }
    for (size_t f = 0; f < 7; f++) {
        if (!run->wr[f])
            continue;
        jx_result wrc = write ? jx_writer_project(run->wr[f], p) : JX_OK;
        if (wrc != JX_OK)
            jx_fuzz_fail("jx_writer_project in format %d: %s", (int)jx_fuzz_formats[f], jx_strerror(wrc));
        if (!run->au[f])
            continue;
        if (jx_audit_add(run->au[f], p, 0) != JX_OK || jx_audit_writer_project(run->aw[f], p, 0) != JX_OK)
            jx_fuzz_fail("the audit failed on a project in format %d", (int)jx_fuzz_formats[f]);
    }
    run->projects++;
}

static size_t sum5(const size_t v[5])
{
    return v[0] + v[1] + v[2] + v[3] + v[4];
}

static void check_audit(const jx_audit *au, size_t projects)
{
    const jx_audit_summary *s = jx_audit_get_summary(au);
    if (s->projects != projects || sum5(s->grades) != projects || sum5(s->claimed_grades) != projects ||
        s->unscored > projects || s->differs > projects || s->flagged > projects)
        jx_fuzz_fail("audit summary does not add up: %zu projects, grades %zu, claimed %zu", s->projects,
                     sum5(s->grades), sum5(s->claimed_grades));
    size_t by_sev[3] = {0, 0, 0};
    for (size_t i = 0; i < jx_audit_tally_count(au); i++) {
        const jx_code_tally *t = jx_audit_tally(au, i);
        for (int k = 0; k < 3; k++)
            by_sev[k] += t->count[k];
    }
    for (int k = 0; k < 3; k++)
        if (by_sev[k] != s->findings[k])
            jx_fuzz_fail("audit tallies of severity %d sum to %zu, findings say %zu", k, by_sev[k], s->findings[k]);
    if (jx_audit_pick_count(au) > projects)
        jx_fuzz_fail("the sample has more projects than the audit");
}

static void run_finish(dsl_run *run)
{
    if (!run->started)
        return;
    for (size_t f = 0; f < 7; f++) {
        if (!run->wr[f])
            continue;
        if (jx_writer_finish(run->wr[f]) != JX_OK)
            jx_fuzz_fail("jx_writer_finish failed in format %d", (int)jx_fuzz_formats[f]);
        jx_fuzz_check_output(jx_fuzz_formats[f], &run->out[f]);
        jx_writer_destroy(run->wr[f]);
        jx_fuzz_buf_free(&run->out[f]);
        if (!run->au[f])
            continue;
        if (jx_audit_writer_finish(run->aw[f]) != JX_OK)
            jx_fuzz_fail("jx_audit_writer_finish failed in format %d", (int)jx_fuzz_formats[f]);
        check_audit(run->au[f], run->projects);
        jx_fuzz_check_output(jx_fuzz_formats[f], &run->aout[f]);
        jx_audit_writer_destroy(run->aw[f]);
        jx_audit_destroy(run->au[f]);
        jx_fuzz_buf_free(&run->aout[f]);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jx_reader *rd = NULL;
    if (jx_reader_open_memory(&rd, "fuzz.jx", (const char *)data, size, NULL) != JX_OK)
        jx_fuzz_fail("jx_reader_open_memory failed");
    dsl_run run;
    memset(&run, 0, sizeof run);
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;
    run.xlsx = (h >> 30) == 0; /* the high bits: the low ones mix poorly */
    for (;;) {
        jx_project *p = NULL;
        jx_result rc = jx_reader_next(rd, &p);
        for (size_t i = 0; i < jx_reader_diag_count(rd); i++)
            jx_fuzz_check_diag(jx_reader_diag(rd, i));
        if (rc == JX_ROW)
            one_project(&run, p);
        else if (rc != JX_ERR_INPUT)
            break;
    }
    run_finish(&run);
    jx_reader_close(rd);
    return 0;
}
