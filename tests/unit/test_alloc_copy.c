/* SPDX-License-Identifier: MIT */
/* test_alloc_copy.c — a handle copies the jx_allocator struct it is given (jixiao.h,
 * "Ownership"): each struct here lives in a heap block that is scribbled over and freed
 * right after the handle is made, so a handle that kept the caller's pointer would call a
 * garbage function (and AddressSanitizer reports the use after free). Every handle of the
 * run — policy, reader, writer, vet, vet writer, audit, actuals, import — is made so, used
 * to the end, and everything it allocated is given back to the counting allocator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "counting.h"
#include "write_text.h"

#include <jixiao.h>

/* A copy of *a in a heap block, for handing to a create call and dropping right after. */
static jx_allocator *loan(const jx_allocator *a)
{
    jx_allocator *l = malloc(sizeof *l);
    assert_non_null(l);
    *l = *a;
    return l;
}

/* The loan ends: scribbled over, then freed. */
static void end_loan(jx_allocator *l)
{
    memset(l, 0xA5, sizeof *l);
    free(l);
}

static void handles_keep_their_own_copy(void **state)
{
    (void)state;
    jx_test_counting c = {0};
    const jx_allocator counting = jx_test_counting_allocator(&c);
    jx_allocator *l;

    jx_policy *pol = NULL;
    l = loan(&counting);
    assert_int_equal(jx_policy_open(&pol, "default", l), JX_OK);
    end_loan(l);

    jx_reader *rd = NULL;
    l = loan(&counting);
    assert_int_equal(jx_reader_open(&rd, "../samples/yuecheng-2024.jx", l), JX_OK);
    end_loan(l);

    jx_test_text out = {NULL, 0};
    jx_writer *wr = NULL;
    l = loan(&counting);
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_JSON, 0, jx_test_text_write, &out, l), JX_OK);
    end_loan(l);

    jx_vet *vt = NULL;
    l = loan(&counting);
    assert_int_equal(jx_vet_create(&vt, pol, NULL, l), JX_OK);
    end_loan(l);
    jx_test_text vout = {NULL, 0};
    jx_vet_writer *vw = NULL;
    l = loan(&counting);
    assert_int_equal(jx_vet_writer_create(&vw, vt, JX_FORMAT_HTML, jx_test_text_write, &vout, l), JX_OK);
    end_loan(l);

    jx_audit *au = NULL;
    l = loan(&counting);
    assert_int_equal(jx_audit_create(&au, pol, NULL, l), JX_OK);
    end_loan(l);

    jx_project *p;
    size_t n = 0;
    while (jx_reader_next(rd, &p) == JX_ROW) {
        assert_int_equal(jx_project_error_count(p), 0);
        assert_int_equal(jx_score(p, pol), JX_OK);
        assert_int_equal(jx_writer_project(wr, p), JX_OK);
        assert_int_equal(jx_audit_add(au, p, 0), JX_OK);
        assert_int_equal(jx_vet_add(vt, p, 0), JX_OK);
        assert_int_equal(jx_vet_writer_project(vw, p, 0), JX_OK);
        n++;
    }
    assert_true(n > 0);
    assert_int_equal(jx_writer_finish(wr), JX_OK);
    assert_int_equal(jx_vet_writer_finish(vw), JX_OK);
    assert_int_equal(jx_audit_finish(au), JX_OK);
    assert_non_null(strstr(out.s, "\"projects\""));
    assert_non_null(strstr(vout.s, "审核表"));

    jx_actuals *act = NULL;
    l = loan(&counting);
    assert_int_equal(jx_actuals_open(&act, "tables/actuals.xlsx", l), JX_OK);
    end_loan(l);
    jx_actuals_close(act);

    jx_import *imp = NULL;
    l = loan(&counting);
    assert_int_equal(jx_import_open(&imp, "tables/targets/targets.xlsx", NULL, l), JX_OK);
    end_loan(l);
    jx_test_text iout = {NULL, 0};
    assert_int_equal(jx_import_run(imp, jx_test_text_write, &iout), JX_OK);
    assert_non_null(strstr(iout.s, "社区养老服务补贴"));
    jx_import_close(imp);

    jx_audit_destroy(au);
    jx_vet_writer_destroy(vw);
    jx_vet_destroy(vt);
    jx_writer_destroy(wr);
    jx_reader_close(rd);
    jx_policy_close(pol);
    assert_int_equal(c.in_use, 0);
    free(out.s);
    free(vout.s);
    free(iout.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(handles_keep_their_own_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
