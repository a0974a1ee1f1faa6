/* SPDX-License-Identifier: MIT */
/* fuzz_actuals.c — the 实际完成值 reader (`score --actuals`): the input is the table, in
 * any kind the table reader takes (CSV or tab-separated text in any encoding, .xlsx,
 * .xls), given to jx_actuals_open by path as the command does (an in-memory file). Its
 * rows are applied to the projects of tests/tables/demo.jx, which are then scored and
 * written as JSON; every diagnostic and the JSON are checked (fuzz.h).
 */
#include "fuzz.h"

static jx_policy *pol;

/** One run: the actuals and the report. */
typedef struct actuals_run {
    jx_actuals *act;
    jx_writer *wr;
} actuals_run;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (jx_policy_open(&pol, "default", NULL) != JX_OK)
        jx_fuzz_fail("the default policy does not load");
    return 0;
}

static void check_diags(const jx_actuals *act)
{
    for (size_t i = 0; i < jx_actuals_diag_count(act); i++)
        jx_fuzz_check_diag(jx_actuals_diag(act, i));
}

static void know(void *ud, jx_project *p)
{
    actuals_run *run = ud;
    if (jx_actuals_know(run->act, p) != JX_OK)
        jx_fuzz_fail("jx_actuals_know failed");
}

static void apply(void *ud, jx_project *p)
{
    actuals_run *run = ud;
    jx_result rc = jx_actuals_apply(run->act, p);
    check_diags(run->act);
    if (rc != JX_OK) {
        if (rc != JX_ERR_INPUT)
            jx_fuzz_fail("jx_actuals_apply: %s", jx_strerror(rc));
        return;
    }
    rc = jx_score(p, pol);
    for (size_t i = 0; i < jx_project_diag_count(p); i++)
        jx_fuzz_check_diag(jx_project_diag(p, i));
    if (rc == JX_OK && jx_project_error_count(p) == 0 && jx_writer_project(run->wr, p) != JX_OK)
        jx_fuzz_fail("jx_writer_project failed");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    actuals_run run = {NULL, NULL};
    jx_result rc = jx_actuals_open(&run.act, jx_fuzz_memfile(data, size), NULL);
    if (run.act)
        check_diags(run.act);
    if (rc != JX_OK) {
        if (rc != JX_ERR_INPUT)
            jx_fuzz_fail("jx_actuals_open: %s", jx_strerror(rc));
        jx_actuals_close(run.act);
        return 0;
    }
    jx_fuzz_buf out = {0};
    if (jx_writer_create(&run.wr, JX_FORMAT_JSON, 0, jx_fuzz_buf_write, &out, NULL) != JX_OK)
        jx_fuzz_fail("jx_writer_create failed");
    jx_fuzz_demo_passes(know, apply, &run);
    rc = jx_actuals_finish(run.act);
    if (rc != JX_OK && rc != JX_ERR_INPUT)
        jx_fuzz_fail("jx_actuals_finish: %s", jx_strerror(rc));
    check_diags(run.act);
    if (jx_writer_finish(run.wr) != JX_OK)
        jx_fuzz_fail("jx_writer_finish failed");
    jx_fuzz_check_output(JX_FORMAT_JSON, &out);
    jx_writer_destroy(run.wr);
    jx_fuzz_buf_free(&out);
    jx_actuals_close(run.act);
    return 0;
}
