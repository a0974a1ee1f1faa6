/* SPDX-License-Identifier: MIT */
/* fuzz_review.c — the 复核 sheet reader (`audit --review`): the input is the reviewer's
 * table in any kind the table reader takes, opened with jx_review_open_memory. Its rows
 * are applied to the projects of tests/tables/demo.jx, scored under the default policy,
 * and each sheet is written by the review writer in every format. Checked besides the
 * outputs and diagnostics (fuzz.h): a sheet has a line per indicator, 复核总分 −
 * 自评总分 is its diff, each line's diff is its 复核得分 − 自评得分, and applying the
 * review leaves the project's total as it was.
 */
#include "fuzz.h"

#include <string.h>

static jx_policy *pol;

/** The review writer's formats: all but the template. */
static const jx_format formats[6] = {
    JX_FORMAT_TEXT, JX_FORMAT_JSON, JX_FORMAT_CSV, JX_FORMAT_HTML, JX_FORMAT_MD, JX_FORMAT_XLSX,
};

/** One run: the review and its writers. */
typedef struct review_run {
    jx_review *rv;
    jx_review_writer *rw[6];
    jx_fuzz_buf out[6];
} review_run;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    jx_fuzz_tmpdir();
    if (jx_policy_open(&pol, "default", NULL) != JX_OK)
        jx_fuzz_fail("the default policy does not load");
    return 0;
}

static void check_diags(const jx_review *rv)
{
    for (size_t i = 0; i < jx_review_diag_count(rv); i++)
        jx_fuzz_check_diag(jx_review_diag(rv, i));
}

static void check_sheet(const jx_review_sheet *s, const jx_project *p)
{
    if (s->nlines != jx_project_indicator_count(p))
        jx_fuzz_fail("a sheet of %zu lines for %zu indicators", s->nlines, jx_project_indicator_count(p));
    if (s->diff_cents != s->review_total_cents - s->self_total_cents)
        jx_fuzz_fail("sheet diff %lld is not %lld - %lld", (long long)s->diff_cents,
                     (long long)s->review_total_cents, (long long)s->self_total_cents);
    for (size_t i = 0; i < s->nlines; i++) {
        const jx_review_line *l = &s->lines[i];
        if (!l->not_applicable && l->diff_cents != l->review_cents - l->self_cents)
            jx_fuzz_fail("line %zu: diff %lld is not %lld - %lld", i, (long long)l->diff_cents,
                         (long long)l->review_cents, (long long)l->self_cents);
    }
}

static void know(void *ud, jx_project *p)
{
    review_run *run = ud;
    if (jx_review_know(run->rv, p) != JX_OK)
        jx_fuzz_fail("jx_review_know failed");
}

static void apply(void *ud, jx_project *p)
{
    review_run *run = ud;
    if (jx_score(p, pol) != JX_OK || jx_project_error_count(p) > 0)
        jx_fuzz_fail("tests/tables/demo.jx does not score");
    int64_t total = jx_project_total_cents(p);
    jx_result rc = jx_review_apply(run->rv, p);
    check_diags(run->rv);
    if (jx_project_total_cents(p) != total)
        jx_fuzz_fail("jx_review_apply changed the project's total");
    if (rc != JX_OK) {
        if (rc != JX_ERR_INPUT)
            jx_fuzz_fail("jx_review_apply: %s", jx_strerror(rc));
        return;
    }
    const jx_review_sheet *s = jx_review_sheet_get(run->rv);
    check_sheet(s, p);
    for (size_t f = 0; f < 6; f++)
        if (jx_review_writer_sheet(run->rw[f], s) != JX_OK)
            jx_fuzz_fail("jx_review_writer_sheet failed in format %d", (int)formats[f]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    review_run run;
    memset(&run, 0, sizeof run);
    jx_result rc = jx_review_open_memory(&run.rv, "fuzz.csv", (const char *)data, size, pol, NULL);
    if (run.rv)
        check_diags(run.rv);
    if (rc != JX_OK) {
        if (rc != JX_ERR_INPUT)
            jx_fuzz_fail("jx_review_open_memory: %s", jx_strerror(rc));
        jx_review_close(run.rv);
        return 0;
    }
    for (size_t f = 0; f < 6; f++)
        if (jx_review_writer_create(&run.rw[f], formats[f], jx_fuzz_buf_write, &run.out[f], NULL) != JX_OK)
            jx_fuzz_fail("jx_review_writer_create failed for format %d", (int)formats[f]);
    jx_fuzz_demo_passes(know, apply, &run);
    rc = jx_review_finish(run.rv);
    if (rc != JX_OK && rc != JX_ERR_INPUT)
        jx_fuzz_fail("jx_review_finish: %s", jx_strerror(rc));
    check_diags(run.rv);
    for (size_t f = 0; f < 6; f++) {
        if (jx_review_writer_finish(run.rw[f]) != JX_OK)
            jx_fuzz_fail("jx_review_writer_finish failed in format %d", (int)formats[f]);
        jx_fuzz_check_output(formats[f], &run.out[f]);
        jx_review_writer_destroy(run.rw[f]);
        jx_fuzz_buf_free(&run.out[f]);
    }
    jx_review_close(run.rv);
    return 0;
}
