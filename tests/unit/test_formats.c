/* SPDX-License-Identifier: MIT */
/* test_formats.c — the one table of output formats (formats.c): every row parses back by
 * its name, each writer accepts exactly the formats whose row names its document, and
 * the names are unique. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "jixiao.h"

#include <string.h>

static size_t ignore(void *ud, const char *data, size_t len)
{
    (void)ud;
    (void)data;
    return len;
}

static void rows_parse_back(void **state)
{
    (void)state;
    size_t n = 0;
    for (; jx_format_at(n); n++) {
        const jx_format_info *f = jx_format_at(n);
        jx_format got;
        assert_int_equal(jx_format_parse(f->name, &got), JX_OK);
        assert_int_equal(got, f->format);
        for (size_t k = 0; k < n; k++) {
            assert_string_not_equal(jx_format_at(k)->name, f->name);
            assert_int_not_equal(jx_format_at(k)->format, f->format);
        }
    }
    /* text json csv html md xlsx txt jx template */
    assert_int_equal(n, 9);
    assert_null(jx_format_at(n));
    jx_format got;
    assert_int_equal(jx_format_parse("TXT", &got), JX_ERR_USAGE);
    assert_int_equal(jx_format_parse("", &got), JX_ERR_USAGE);
}

/* Each writer takes a format exactly when the table says it writes that document. */
static void writers_follow_the_table(void **state)
{
    (void)state;
    jx_audit *au = NULL;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_int_equal(jx_audit_create(&au, pol, NULL, NULL), JX_OK);
    for (size_t i = 0; jx_format_at(i); i++) {
        const jx_format_info *f = jx_format_at(i);
        jx_writer *wr = NULL;
        jx_result rc = jx_writer_create(&wr, f->format, 0, ignore, NULL, NULL);
        int form = f->help[JX_DOC_FORM] != NULL || f->help[JX_DOC_TEMPLATE] != NULL;
        assert_int_equal(rc, form ? JX_OK : JX_ERR_USAGE);
        jx_writer_destroy(wr);
        jx_audit_writer *aw = NULL;
        rc = jx_audit_writer_create(&aw, au, f->format, ignore, NULL, NULL);
        assert_int_equal(rc, f->help[JX_DOC_AUDIT] ? JX_OK : JX_ERR_USAGE);
        jx_audit_writer_destroy(aw);
        jx_review_writer *rw = NULL;
        rc = jx_review_writer_create(&rw, f->format, ignore, NULL, NULL);
        assert_int_equal(rc, f->help[JX_DOC_REVIEW] ? JX_OK : JX_ERR_USAGE);
        jx_review_writer_destroy(rw);
    }
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, (jx_format)99, 0, ignore, NULL, NULL), JX_ERR_USAGE);
    jx_audit_destroy(au);
    jx_policy_close(pol);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_parse_back),
        cmocka_unit_test(writers_follow_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
