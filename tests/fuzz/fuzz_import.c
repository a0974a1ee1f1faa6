/* SPDX-License-Identifier: MIT */
/* fuzz_import.c — the importers (engine/import.h's format registry). The first byte of
 * the input picks how the rest is imported: its low bits a format of
 * jx_import_format_names() by index, or detection when the index is past the last one
 * (byte % (formats + 1)); its high bit asks for `--weights equal`. The DSL written is
 * then read, scored and audited as `jixiao audit` does with a table (JX_AUDIT_IMPORTED),
 * and every diagnostic on the way is checked (fuzz.h).
 *
 * A seed for format i starts with the byte i (or i + 128 for equal weights); with the
 * index of the formats' count it is detected.
 */
#include "fuzz.h"

#include <string.h>

static jx_policy *pol;
static size_t nformats;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (jx_policy_open(&pol, "default", NULL) != JX_OK)
        jx_fuzz_fail("the default policy does not load");
    const char *const *names = jx_import_format_names();
    while (names[nformats])
        nformats++;
    return 0;
}

/* Reads the DSL an import wrote and audits it as the rows of the table it came from. */
static void audit_imported(const jx_fuzz_buf *dsl)
{
    jx_reader *rd = NULL;
    jx_audit *au = NULL;
    jx_audit_writer *aw = NULL;
    jx_fuzz_buf out = {0};
    if (jx_reader_open_memory(&rd, "fuzz.csv", dsl->s ? dsl->s : "", dsl->len, NULL) != JX_OK ||
        jx_audit_create(&au, pol, NULL, NULL) != JX_OK ||
        jx_audit_writer_create(&aw, au, JX_FORMAT_TEXT, jx_fuzz_buf_write, &out, NULL) != JX_OK)
        jx_fuzz_fail("the audit of the imported rules cannot be created");
    for (;;) {
        jx_project *p = NULL;
        jx_result rc = jx_reader_next(rd, &p);
        for (size_t i = 0; i < jx_reader_diag_count(rd); i++)
            jx_fuzz_check_diag(jx_reader_diag(rd, i));
        if (rc == JX_ERR_INPUT)
            continue;
        if (rc != JX_ROW)
            break;
        if (jx_project_error_count(p) == 0)
            jx_score(p, pol);
        for (size_t i = 0; i < jx_project_diag_count(p); i++)
            jx_fuzz_check_diag(jx_project_diag(p, i));
        if (jx_audit_add(au, p, JX_AUDIT_IMPORTED) != JX_OK ||
            jx_audit_writer_project(aw, p, JX_AUDIT_IMPORTED) != JX_OK)
            jx_fuzz_fail("the audit of an imported project failed");
    }
    if (jx_audit_writer_finish(aw) != JX_OK)
        jx_fuzz_fail("the audit of the imported rules does not finish");
    jx_fuzz_check_utf8(out.s, out.len, "audit text");
    jx_audit_writer_destroy(aw);
    jx_audit_destroy(au);
    jx_reader_close(rd);
    jx_fuzz_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    jx_import_options o;
    memset(&o, 0, sizeof o);
    size_t pick = (data[0] & 0x7f) % (nformats + 1);
    o.format = pick < nformats ? jx_import_format_names()[pick] : NULL;
    o.weights = data[0] & 0x80 ? JX_IMPORT_WEIGHTS_EQUAL : JX_IMPORT_WEIGHTS_NONE;
    jx_import *imp = NULL;
    jx_fuzz_buf dsl = {0};
    jx_result rc = jx_import_open_memory(&imp, "fuzz.csv", (const char *)data + 1, size - 1, &o, NULL);
    if (rc == JX_OK) {
        rc = jx_import_run(imp, jx_fuzz_buf_write, &dsl);
        if (rc != JX_OK && rc != JX_ERR_INPUT)
            jx_fuzz_fail("jx_import_run: %s", jx_strerror(rc));
        jx_fuzz_check_utf8(dsl.s, dsl.len, "imported rules");
    } else if (rc != JX_ERR_INPUT) {
        jx_fuzz_fail("jx_import_open_memory: %s", jx_strerror(rc));
    }
    for (size_t i = 0; i < jx_import_diag_count(imp); i++)
        jx_fuzz_check_diag(jx_import_diag(imp, i));
    jx_import_close(imp);
    if (rc == JX_OK || dsl.len > 0)
        audit_imported(&dsl);
    jx_fuzz_buf_free(&dsl);
    return 0;
}
