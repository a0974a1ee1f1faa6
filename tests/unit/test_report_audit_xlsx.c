/* SPDX-License-Identifier: MIT */
/* test_report_audit_xlsx.c — the audit's and the 复核 sheet's workbooks as bytes: a list
 * that goes on in a new sheet of the same name when one is full (read back with unzip),
 * the same bytes for the same input and the time only with JX_WRITE_TIMESTAMP, flags
 * refused once writing began, failures (no temporary folder, a write that takes nothing,
 * a writer destroyed before finishing) leaving no temporary file, and running out of
 * memory at any allocation without a leak. What the cells hold is read back by
 * tests/cli/test_audit_xlsx.sh. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "counting.h"
#include "model.h"
#include "write_text.h"
#include "xlsx_book.h"
#include "audit_run.h"
#include "tmpdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


/** The review demo of tests/golden/review-text. */
#define REVIEW_CSV "golden/review-text/review.csv"
#define REVIEW_JX "golden/review-text/demo.jx"

/* ------------------------------------------------------------------ a list */

/* A jx_write_fn writing to the FILE ud. */
static size_t write_file(void *ud, const char *data, size_t len)
{
    return fwrite(data, 1, len, ud);
}

/* The part `part` of the zip at path, as unzip prints it (free it). */
static char *zip_part(const char *path, const char *part)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", path, part);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    jx_test_text t = {NULL, 0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        jx_test_text_write(&t, buf, n);
    assert_int_equal(pclose(p), 0);
    assert_non_null(t.s);
    return t.s;
}

static void list_goes_on_in_new_sheets(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("axlsx");
    static const char *const head[] = {"代码", "说明"};
    static const double min[] = {8, 20}, max[] = {12, 40};
    jx_xlsx_book bk;
    assert_int_equal(jx_xlsx_open(&bk, NULL, "list", JX_XLSX_FIXED_TIME), JX_OK);
    jx_xlsx_list_spec spec = {.name = "发现", .head = head, .min = min, .max = max, .ncols = 2, .landscape = 1};
    jx_xlsx_list l;
    jx_xlsx_list_open(&l, &bk, &spec);
    /* a sheet of rows 0..3: the header and three records */
    l.last_row = 3;
    char code[16];
    for (int i = 1; i <= 7; i++) {
        uint32_t row = jx_xlsx_list_row(&l);
        /* records 1–3 in rows 1–3 of 发现, 4–6 of 发现(2), 7 in row 1 of 发现(3) */
        assert_int_equal(row, (uint32_t)((i - 1) % 3 + 1));
        snprintf(code, sizeof code, "c%d", i);
        jx_xlsx_list_text(&l, 0, code, JX_XLSX_TEXT);
        jx_xlsx_list_number(&l, 1, i, 2);
    }
    jx_xlsx_list_close(&l);
    assert_int_equal(l.nrecords, 7);
    assert_int_equal(bk.err, JX_OK);
    char path[256];
    snprintf(path, sizeof path, "%s/list.xlsx", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(jx_xlsx_close(&bk, write_file, f), JX_OK);
    fclose(f);

    char *wb = zip_part(path, "xl/workbook.xml");
    const char *a = strstr(wb, "name=\"发现\""), *b = strstr(wb, "name=\"发现(2)\""), *c = strstr(wb, "name=\"发现(3)\"");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_true(a < b && b < c);
    free(wb);
    /* each sheet: the header filtered over its records, frozen, repeated in print */
    static const char *const filters[] = {"<autoFilter ref=\"A1:B4\"/>", "<autoFilter ref=\"A1:B4\"/>",
                                          "<autoFilter ref=\"A1:B2\"/>"};
    for (int s = 1; s <= 3; s++) {
        char part[64];
        snprintf(part, sizeof part, "xl/worksheets/sheet%d.xml", s);
        char *x = zip_part(path, part);
        assert_non_null(strstr(x, filters[s - 1]));
        assert_non_null(strstr(x, "<pane ySplit=\"1\" topLeftCell=\"A2\""));
        assert_non_null(strstr(x, "orientation=\"landscape\""));
        assert_non_null(strstr(x, "paperSize=\"9\""));
        free(x);
    }
    /* the header is in each sheet, its strings in its cells (a book written in order) */
    for (int s = 1; s <= 3; s++) {
        char part[64];
        snprintf(part, sizeof part, "xl/worksheets/sheet%d.xml", s);
        char *x = zip_part(path, part);
        assert_non_null(strstr(x, "<t>代码</t>"));
        assert_non_null(strstr(x, "<t>说明</t>"));
        free(x);
    }
    char *s3 = zip_part(path, "xl/worksheets/sheet3.xml");
    assert_non_null(strstr(s3, "<t>c7</t>"));           /* record 7's code */
    assert_non_null(strstr(s3, "<c r=\"B2\" s=\"")); /* and its number */
    assert_null(strstr(s3, "r=\"A3\""));           /* and nothing after it */
    free(s3);
    unlink(path);
    assert_int_equal(jx_test_files_in(dir), 0);
}

/* ------------------------------------------------------------------ audits */

/* Audits the inflated corpus into a workbook with flags, on allocator a (NULL: the C
 * library's); the bytes go to out. Returns the first failure. */
static jx_result audit_book(const jx_policy *pol, unsigned flags, const jx_allocator *a, jx_test_text *out)
{
    jx_audit_options o = {.min_severity = JX_SEV_NOTE, .sample_count = 0, .sample_bp = 5000, .seed = 7, .by = JX_AUDIT_BY_DEPT, .weight_funds = 0, .include_flagged = 0};
    jx_test_audit_spec spec = {pol, jx_test_inflated, JX_TEST_NINFLATED, NULL, &o, JX_FORMAT_XLSX, flags, true};
    return jx_test_audit_files(&spec, a, out);
}

static void audit_same_bytes_every_run(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("axlsx");
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_test_text one = {NULL, 0}, two = {NULL, 0}, stamped = {NULL, 0};
    assert_int_equal(audit_book(pol, 0, NULL, &one), JX_OK);
    sleep(1); /* a second later, in case the time crept in */
    assert_int_equal(audit_book(pol, 0, NULL, &two), JX_OK);
    assert_true(one.len > 4);
    assert_memory_equal(one.s, "PK\x03\x04", 4);
    assert_int_equal(one.len, two.len);
    assert_memory_equal(one.s, two.s, one.len);
    assert_int_equal(audit_book(pol, JX_WRITE_TIMESTAMP, NULL, &stamped), JX_OK);
    assert_false(stamped.len == one.len && memcmp(stamped.s, one.s, one.len) == 0);
    assert_int_equal(jx_test_files_in(dir), 0);
    free(one.s);
    free(two.s);
    free(stamped.s);
    jx_policy_close(pol);
}

static void audit_flags_before_writing(void **state)
{
    (void)state;
    jx_test_private_tmpdir("axlsx");
    jx_audit *au = NULL;
    jx_audit_writer *aw = NULL;
    assert_int_equal(jx_audit_writer_set_flags(NULL, 0), JX_ERR_USAGE);
    assert_int_equal(jx_audit_create(&au, NULL, NULL, NULL), JX_OK);
    jx_test_text t = {NULL, 0};
    assert_int_equal(jx_audit_writer_create(&aw, au, JX_FORMAT_XLSX, jx_test_text_write, &t, NULL), JX_OK);
    assert_int_equal(jx_audit_writer_set_flags(aw, JX_WRITE_TIMESTAMP), JX_OK);
    jx_project *p = NULL;
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open(&rd, jx_test_inflated[0], NULL), JX_OK);
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_int_equal(jx_audit_add(au, p, 0), JX_OK);
    assert_int_equal(jx_audit_writer_project(aw, p, 0), JX_OK);
    assert_int_equal(jx_audit_writer_set_flags(aw, 0), JX_ERR_USAGE);
    assert_int_equal(jx_audit_writer_finish(aw), JX_OK);
    assert_int_equal(jx_audit_writer_set_flags(aw, 0), JX_ERR_USAGE);
    jx_reader_close(rd);
    jx_audit_writer_destroy(aw);
    jx_audit_destroy(au);
    assert_memory_equal(t.s, "PK\x03\x04", 4);
    free(t.s);
}

static void audit_failures_leave_no_file(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("axlsx");
    jx_reader *rd = NULL;
    jx_project *p = NULL;
    assert_int_equal(jx_reader_open(&rd, jx_test_inflated[0], NULL), JX_OK);
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    jx_audit *au = NULL;
    jx_audit_writer *aw = NULL;
    assert_int_equal(jx_audit_create(&au, NULL, NULL, NULL), JX_OK);

    /* a write that takes nothing: nothing is written before the end, which fails */
    assert_int_equal(jx_audit_writer_create(&aw, au, JX_FORMAT_XLSX, jx_test_write_nothing, NULL, NULL), JX_OK);
    assert_int_equal(jx_audit_writer_project(aw, p, 0), JX_OK);
    assert_int_equal(jx_test_files_in(dir), 0); /* the workbook's file has no name */
    assert_int_equal(jx_audit_writer_finish(aw), JX_ERR_IO);
    assert_int_equal(jx_test_files_in(dir), 0);
    jx_audit_writer_destroy(aw);

    /* destroyed before finishing: the file goes, nothing was written */
    jx_test_text t = {NULL, 0};
    assert_int_equal(jx_audit_writer_create(&aw, au, JX_FORMAT_XLSX, jx_test_text_write, &t, NULL), JX_OK);
    assert_int_equal(jx_audit_writer_project(aw, p, 0), JX_OK);
    assert_int_equal(jx_test_files_in(dir), 0); /* the workbook's file has no name */
    jx_audit_writer_destroy(aw);
    assert_int_equal(jx_test_files_in(dir), 0);
    assert_int_equal(t.len, 0);

    /* no temporary folder: an I/O error from the first project on */
    setenv("TMPDIR", "/nonexistent/jixiao", 1);
    assert_int_equal(jx_audit_writer_create(&aw, au, JX_FORMAT_XLSX, jx_test_text_write, &t, NULL), JX_OK);
    assert_int_equal(jx_audit_writer_project(aw, p, 0), JX_ERR_IO);
    assert_int_equal(jx_audit_writer_finish(aw), JX_ERR_IO);
    assert_int_equal(t.len, 0);
    jx_audit_writer_destroy(aw);
    jx_test_private_tmpdir("axlsx");

    jx_audit_destroy(au);
    jx_reader_close(rd);
}

static void audit_out_of_memory_anywhere(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("axlsx");
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_test_text want = {NULL, 0};
    assert_int_equal(audit_book(pol, 0, NULL, &want), JX_OK);
    size_t k;
    for (k = 1; k < 3000; k++) {
        jx_test_counting c = {.fail_at = k};
        jx_allocator a = jx_test_counting_allocator(&c);
        jx_test_text out = {NULL, 0};
        jx_result rc = audit_book(pol, 0, &a, &out);
        assert_int_equal(c.in_use, 0);
        assert_int_equal(jx_test_files_in(dir), 0);
        if (rc == JX_OK) {
            assert_int_equal(out.len, want.len);
            assert_memory_equal(out.s, want.s, want.len);
        } else if (rc != JX_ERR_NOMEM) {
            fail_msg("allocation %zu failed, and the audit returned %d", k, (int)rc);
        }
        free(out.s);
        if (c.calls < k)
            break; /* no call failed: every allocation has had its turn */
    }
    assert_true(k > 5);
    assert_true(k < 3000);
    free(want.s);
    jx_policy_close(pol);
}

/* ------------------------------------------------------------------ the review */

/* Writes the 复核 sheets of the review demo as a workbook with flags, on allocator a; the
 * bytes go to out. Returns the first failure. */
static jx_result review_book(const jx_policy *pol, unsigned flags, const jx_allocator *a, jx_test_text *out)
{
    jx_review *rv = NULL;
    jx_review_writer *rw = NULL;
    jx_result rc = jx_review_open(&rv, REVIEW_CSV, pol, a);
    if (rc == JX_OK)
        rc = jx_review_writer_create(&rw, JX_FORMAT_XLSX, jx_test_text_write, out, a);
    if (rc == JX_OK)
        rc = jx_review_writer_set_flags(rw, flags);
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open(&rd, REVIEW_JX, NULL), JX_OK);
    jx_project *p;
    size_t sheets = 0;
    while (rc == JX_OK && jx_reader_next(rd, &p) == JX_ROW) {
        assert_int_equal(jx_score(p, pol), JX_OK);
        rc = jx_review_apply(rv, p);
        if (rc == JX_OK)
            rc = jx_review_writer_sheet(rw, jx_review_sheet_get(rv));
        sheets++;
    }
    jx_reader_close(rd);
    if (rc == JX_OK) {
        assert_int_equal(sheets, 2);
        rc = jx_review_finish(rv);
    }
    if (rc == JX_OK)
        rc = jx_review_writer_finish(rw);
    jx_review_writer_destroy(rw);
    jx_review_close(rv);
    return rc;
}

static void review_same_bytes_every_run(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("axlsx");
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_test_text one = {NULL, 0}, two = {NULL, 0}, stamped = {NULL, 0};
    assert_int_equal(review_book(pol, 0, NULL, &one), JX_OK);
    sleep(1);
    assert_int_equal(review_book(pol, 0, NULL, &two), JX_OK);
    assert_true(one.len > 4);
    assert_memory_equal(one.s, "PK\x03\x04", 4);
    assert_int_equal(one.len, two.len);
    assert_memory_equal(one.s, two.s, one.len);
    assert_int_equal(review_book(pol, JX_WRITE_TIMESTAMP, NULL, &stamped), JX_OK);
    assert_false(stamped.len == one.len && memcmp(stamped.s, one.s, one.len) == 0);
    assert_int_equal(jx_test_files_in(dir), 0);
    free(one.s);
    free(two.s);
    free(stamped.s);
    jx_policy_close(pol);
}

static void review_flags_and_failures(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("axlsx");
    jx_review_writer *rw = NULL;
    assert_int_equal(jx_review_writer_set_flags(NULL, 0), JX_ERR_USAGE);
    /* an empty run is a workbook with its list alone; flags are refused after the end */
    jx_test_text t = {NULL, 0};
    assert_int_equal(jx_review_writer_create(&rw, JX_FORMAT_XLSX, jx_test_text_write, &t, NULL), JX_OK);
    assert_int_equal(jx_review_writer_finish(rw), JX_OK);
    assert_int_equal(jx_review_writer_set_flags(rw, 0), JX_ERR_USAGE);
    jx_review_writer_destroy(rw);
    assert_memory_equal(t.s, "PK\x03\x04", 4);
    free(t.s);
    assert_int_equal(jx_test_files_in(dir), 0);
    /* a write that takes nothing */
    assert_int_equal(jx_review_writer_create(&rw, JX_FORMAT_XLSX, jx_test_write_nothing, NULL, NULL), JX_OK);
    assert_int_equal(jx_review_writer_finish(rw), JX_ERR_IO);
    jx_review_writer_destroy(rw);
    assert_int_equal(jx_test_files_in(dir), 0);
    /* no temporary folder */
    setenv("TMPDIR", "/nonexistent/jixiao", 1);
    t = (jx_test_text){NULL, 0};
    assert_int_equal(jx_review_writer_create(&rw, JX_FORMAT_XLSX, jx_test_text_write, &t, NULL), JX_OK);
    assert_int_equal(jx_review_writer_finish(rw), JX_ERR_IO);
    assert_int_equal(t.len, 0);
    jx_review_writer_destroy(rw);
    jx_test_private_tmpdir("axlsx");
}

static void review_out_of_memory_anywhere(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("axlsx");
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_test_text want = {NULL, 0};
    assert_int_equal(review_book(pol, 0, NULL, &want), JX_OK);
    size_t k;
    for (k = 1; k < 3000; k++) {
        jx_test_counting c = {.fail_at = k};
        jx_allocator a = jx_test_counting_allocator(&c);
        jx_test_text out = {NULL, 0};
        jx_result rc = review_book(pol, 0, &a, &out);
        assert_int_equal(c.in_use, 0);
        assert_int_equal(jx_test_files_in(dir), 0);
        if (rc == JX_OK) {
            assert_int_equal(out.len, want.len);
            assert_memory_equal(out.s, want.s, want.len);
        } else if (rc != JX_ERR_NOMEM) {
            fail_msg("allocation %zu failed, and the review returned %d", k, (int)rc);
        }
        free(out.s);
        if (c.calls < k)
            break;
    }
    assert_true(k > 5);
    assert_true(k < 3000);
    free(want.s);
    jx_policy_close(pol);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(list_goes_on_in_new_sheets),
        cmocka_unit_test(audit_same_bytes_every_run),
        cmocka_unit_test(audit_flags_before_writing),
        cmocka_unit_test(audit_failures_leave_no_file),
        cmocka_unit_test(audit_out_of_memory_anywhere),
        cmocka_unit_test(review_same_bytes_every_run),
        cmocka_unit_test(review_flags_and_failures),
        cmocka_unit_test(review_out_of_memory_anywhere),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(jx_test_private_tmpdir("axlsx"));
    return rc;
}
