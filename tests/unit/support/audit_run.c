/* SPDX-License-Identifier: MIT */
/* audit_run.c — an audit of rule files written in one format, for tests. */
#include "audit_run.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

const char *const jx_test_inflated[JX_TEST_NINFLATED] = {
    "audit/inflated/a-road.jx",
    "audit/inflated/b-waste.jx",
    "audit/inflated/c-training.jx",
    "audit/inflated/d-claims-hold.jx",
};

jx_result jx_test_audit_files(const jx_test_audit_spec *spec, const jx_allocator *a, jx_test_text *out)
{
    jx_audit *au = NULL;
    jx_audit_writer *aw = NULL;
    jx_result rc = jx_audit_create(&au, spec->pol, spec->o, a);
    if (rc == JX_OK)
        rc = jx_audit_writer_create(&aw, au, spec->fmt, jx_test_text_write, out, a);
    if (rc == JX_OK && spec->flags)
        rc = jx_audit_writer_set_flags(aw, spec->flags);
    for (size_t i = 0; rc == JX_OK && i <= spec->n; i++) {
        jx_reader *rd = NULL;
        if (i < spec->n)
            assert_int_equal(jx_reader_open(&rd, spec->paths[i], NULL), JX_OK);
        else if (spec->extra)
            assert_int_equal(jx_reader_open_memory(&rd, "extra.jx", spec->extra, strlen(spec->extra), NULL), JX_OK);
        else
            break;
        jx_project *p;
        while (rc == JX_OK && jx_reader_next(rd, &p) == JX_ROW) {
            if (spec->score_all || jx_project_error_count(p) == 0)
                assert_int_equal(jx_score(p, spec->pol), JX_OK);
            rc = jx_audit_add(au, p, 0);
            if (rc == JX_OK)
                rc = jx_audit_writer_project(aw, p, 0);
        }
        jx_reader_close(rd);
    }
    if (rc == JX_OK)
        rc = jx_audit_writer_finish(aw);
    jx_audit_writer_destroy(aw);
    jx_audit_destroy(au);
    return rc;
}
