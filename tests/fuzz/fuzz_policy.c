/* SPDX-License-Identifier: MIT */
/* fuzz_policy.c — policy files (`--policy FILE`): the input is a file holding a
 * `评分办法 "…" { … }` block, loaded with jx_policy_open_memory as jx_policy_open loads a
 * file. A policy that loads scores the projects of samples/yuecheng-2024.jx, which are
 * written as text (with formulas) and JSON and audited under it (its margin and group
 * order take part); every diagnostic and output is checked (fuzz.h).
 */
#include "fuzz.h"

#include <string.h>

static char *projects;
static size_t projects_len;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    projects = jx_fuzz_read_source("samples/yuecheng-2024.jx", &projects_len);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jx_policy *pol = NULL;
    jx_result rc = jx_policy_open_memory(&pol, "fuzz.jx", (const char *)data, size, NULL);
    for (size_t i = 0; pol && i < jx_policy_diag_count(pol); i++)
        jx_fuzz_check_diag(jx_policy_diag(pol, i));
    if (rc != JX_OK) {
        if (rc != JX_ERR_INPUT && rc != JX_ERR_NOTFOUND)
            jx_fuzz_fail("jx_policy_open_memory: %s", jx_strerror(rc));
        jx_policy_close(pol);
        return 0;
    }
    const char *name = jx_policy_name(pol);
    jx_fuzz_check_utf8(name, strlen(name), "the policy's name");
    jx_writer *text = NULL, *json = NULL;
    jx_audit *au = NULL;
    jx_audit_writer *aw = NULL;
    jx_fuzz_buf text_out = {0}, json_out = {0}, audit_out = {0};
    jx_audit_options o = {.min_severity = JX_SEV_NOTE, .sample_count = 0, .sample_bp = 0, .seed = 7u, .by = JX_AUDIT_BY_NONE, .weight_funds = 0, .include_flagged = 1};
    jx_reader *rd = NULL;
    if (jx_writer_create(&text, JX_FORMAT_TEXT, JX_WRITE_EXPLAIN, jx_fuzz_buf_write, &text_out, NULL) != JX_OK ||
        jx_writer_create(&json, JX_FORMAT_JSON, 0, jx_fuzz_buf_write, &json_out, NULL) != JX_OK ||
        jx_audit_create(&au, pol, &o, NULL) != JX_OK || jx_audit_set_sample_share(au, 0) != JX_OK ||
        jx_audit_writer_create(&aw, au, JX_FORMAT_MD, jx_fuzz_buf_write, &audit_out, NULL) != JX_OK ||
        jx_reader_open_memory(&rd, "yuecheng-2024.jx", projects, projects_len, NULL) != JX_OK)
        jx_fuzz_fail("the writers or the projects cannot be opened");
    jx_project *p;
    while (jx_reader_next(rd, &p) == JX_ROW) {
        if (jx_project_error_count(p) > 0)
            jx_fuzz_fail("samples/yuecheng-2024.jx has errors");
        rc = jx_score(p, pol);
        for (size_t i = 0; i < jx_project_diag_count(p); i++)
            jx_fuzz_check_diag(jx_project_diag(p, i));
        if (rc == JX_OK && jx_project_error_count(p) == 0 &&
            (jx_writer_project(text, p) != JX_OK || jx_writer_project(json, p) != JX_OK))
            jx_fuzz_fail("a writer failed");
        if (jx_audit_add(au, p, 0) != JX_OK || jx_audit_writer_project(aw, p, 0) != JX_OK)
            jx_fuzz_fail("the audit failed");
    }
    if (jx_writer_finish(text) != JX_OK || jx_writer_finish(json) != JX_OK || jx_audit_writer_finish(aw) != JX_OK)
        jx_fuzz_fail("a writer does not finish");
    jx_fuzz_check_output(JX_FORMAT_TEXT, &text_out);
    jx_fuzz_check_output(JX_FORMAT_JSON, &json_out);
    jx_fuzz_check_output(JX_FORMAT_MD, &audit_out);
    jx_reader_close(rd);
    jx_audit_writer_destroy(aw);
    jx_audit_destroy(au);
    jx_writer_destroy(json);
    jx_writer_destroy(text);
    jx_fuzz_buf_free(&text_out);
    jx_fuzz_buf_free(&json_out);
    jx_fuzz_buf_free(&audit_out);
    jx_policy_close(pol);
    return 0;
}
