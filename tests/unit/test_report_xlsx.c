/* SPDX-License-Identifier: MIT */
/* test_report_xlsx.c — the Excel workbook: sheet names Excel accepts however long or odd the
 * project name, wrapped-line counts, the bytes streamed through the write function (a zip,
 * the same bytes for the same input, different with JX_WRITE_TIMESTAMP), failures, the
 * temporary file removed in every case, and all of the library's memory through its
 * allocator. What the cells hold is read back by tests/cli/test_xlsx.sh. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"
#include "report.h"
#include "write_text.h"
#include "zip_entry.h"
#include "xlsx_book.h"
#include "tmpdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Characters (code points) in the UTF-8 text s. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The n-th candidate name for name, in a static buffer. */
static const char *cand(const char *name, unsigned n)
{
    static char out[JX_XLSX_NAME_BUFSZ];
    size_t len = jx_xlsx_sheet_name(name, n, out);
    assert_int_equal(len, strlen(out));
    return out;
}

/* A project name of 60 characters, ten to a line (the running count in the comments). */
static const char long_name[] =
    "一二三四五六七八九十" /* 10 */
    "甲乙丙丁戊己庚辛壬癸" /* 20 */
    "子丑寅卯辰巳午未申酉" /* 30 */
    "春夏秋冬东南西北上下" /* 40 */
    "金木水火土日月星辰风" /* 50 */
    "山川河海江湖天地人和"; /* 60 */

static void names_kept_when_valid(void **state)
{
    (void)state;
    assert_string_equal(cand("越城区电子政务云资源服务项目", 1), "越城区电子政务云资源服务项目");
    assert_string_equal(cand("越城区电子政务云资源服务项目", 2), "越城区电子政务云资源服务项目(2)");
    assert_string_equal(cand("Project A", 12), "Project A(12)");
}

static void names_cut_to_31_characters(void **state)
{
    (void)state;
    assert_int_equal(chars(long_name), 60);
    /* 60 > 31: the first 30 characters and "…" */
    assert_string_equal(cand(long_name, 1), "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉…");
    assert_int_equal(chars(cand(long_name, 1)), 31);
    /* with "(2)" (3 characters): 27 characters, "…", "(2)" */
    assert_string_equal(cand(long_name, 2), "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午…(2)");
    assert_int_equal(chars(cand(long_name, 2)), 31);
    /* "(10)" is 4: 26 characters, "…", "(10)" */
    assert_string_equal(cand(long_name, 10), "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳…(10)");
    /* exactly 31 characters: kept whole; with "(2)" cut to 27 */
    const char *n31 = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉春";
    assert_int_equal(chars(n31), 31);
    assert_string_equal(cand(n31, 1), n31);
    assert_string_equal(cand(n31, 2), "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午…(2)");
}

static void names_count_utf16_units(void **state)
{
    (void)state;
    /* U+20000 𠀀 is two UTF-16 units in Excel's count: 20 of them are 40 > 31, so 15 (30
     * units) and "…" */
    char name[20 * 4 + 1] = "";
    for (int i = 0; i < 20; i++)
        strcat(name, "\xF0\xA0\x80\x80");
    char want[15 * 4 + 4] = "";
    for (int i = 0; i < 15; i++)
        strcat(want, "\xF0\xA0\x80\x80");
    strcat(want, "…");
    assert_string_equal(cand(name, 1), want);
}

static void names_replace_what_excel_refuses(void **state)
{
    (void)state;
    assert_string_equal(cand("a[b]c:d*e?f/g\\h", 1), "a［b］c：d＊e？f／g＼h");
    /* apostrophes may not open or close a name; inside they stay */
    assert_string_equal(cand("'报表'", 1), "报表");
    assert_string_equal(cand("''张三's 项目''", 1), "张三's 项目");
    /* line breaks and tabs become spaces */
    assert_string_equal(cand("一\n二\t三", 1), "一 二 三");
    /* nothing left: 项目 */
    assert_string_equal(cand("", 1), "项目");
    assert_string_equal(cand("'''", 1), "项目");
    assert_string_equal(cand("'''", 3), "项目(3)");
    /* an invalid byte reads U+FFFD */
    assert_string_equal(cand("a\xFF" "b", 1), "a\xEF\xBF\xBD" "b");
}

static void sheets_unique_ignoring_case(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("xlsx");
    jx_xlsx_book bk;
    assert_int_equal(jx_xlsx_open(&bk, NULL, "t", JX_XLSX_FIXED_TIME), JX_OK);
    assert_int_equal(jx_test_files_in(dir), 0); /* the workbook's file has no name */
    jx_xlsx_sheet sh;
    char used[JX_XLSX_NAME_BUFSZ];
    jx_xlsx_add_sheet(&bk, &sh, "自评结果清单", 5, used);
    assert_string_equal(used, "自评结果清单");
    jx_xlsx_add_sheet(&bk, &sh, "自评结果清单", 8, used);
    assert_string_equal(used, "自评结果清单(2)");
    jx_xlsx_add_sheet(&bk, &sh, "Abc", 8, used);
    assert_string_equal(used, "Abc");
    jx_xlsx_add_sheet(&bk, &sh, "aBC", 8, used);
    assert_string_equal(used, "aBC(2)");
    /* Excel folds more than ASCII: Ｑ (U+FF31) and ｑ (U+FF51) are one name */
    jx_xlsx_add_sheet(&bk, &sh, "Ｑ项目", 8, used);
    assert_string_equal(used, "Ｑ项目");
    jx_xlsx_add_sheet(&bk, &sh, "ｑ项目", 8, used);
    assert_string_equal(used, "ｑ项目(2)");
    /* reserved by Excel */
    jx_xlsx_add_sheet(&bk, &sh, "history", 8, used);
    assert_string_equal(used, "history(2)");
    /* the 60-character name three times */
    jx_xlsx_add_sheet(&bk, &sh, long_name, 8, used);
    assert_string_equal(used, "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉…");
    jx_xlsx_add_sheet(&bk, &sh, long_name, 8, used);
    assert_string_equal(used, "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午…(2)");
    jx_xlsx_add_sheet(&bk, &sh, long_name, 8, used);
    assert_string_equal(used, "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午…(3)");
    /* names beyond the first 64 slots of the set: 200 more sheets, all different */
    for (int i = 0; i < 200; i++) {
        jx_xlsx_add_sheet(&bk, &sh, "同名项目", 8, used);
        if (i == 0)
            assert_string_equal(used, "同名项目");
        if (i == 199)
            assert_string_equal(used, "同名项目(200)");
    }
    assert_non_null(sh.ws);
    assert_int_equal(bk.err, JX_OK);
    jx_xlsx_discard(&bk);
    assert_int_equal(jx_test_files_in(dir), 0);
}

/* A workbook takes JX_XLSX_SHEETS_MAX sheets (a list and one for each of
 * JX_XLSX_PROJECTS_MAX projects), and refuses the next with JX_ERR_LIMIT. */
static void sheets_bounded(void **state)
{
    (void)state;
    jx_test_private_tmpdir("xlsx");
    jx_xlsx_book bk;
    assert_int_equal(jx_xlsx_open(&bk, NULL, "t", JX_XLSX_FIXED_TIME), JX_OK);
    jx_xlsx_sheet sh;
    for (int i = 0; i < JX_XLSX_SHEETS_MAX; i++) {
        jx_xlsx_add_sheet(&bk, &sh, "项目", 8, NULL);
        assert_non_null(sh.ws);
    }
    assert_int_equal(bk.err, JX_OK);
    jx_xlsx_add_sheet(&bk, &sh, "项目", 8, NULL);
    assert_null(sh.ws);
    assert_int_equal(bk.err, JX_ERR_LIMIT);
    jx_xlsx_discard(&bk);
}

static void wrapped_lines(void **state)
{
    (void)state;
    jx_xlsx_sheet sh;
    memset(&sh, 0, sizeof sh);
    sh.ncols = 3;
    sh.width[0] = 13.0; /* (13 − 2 padding) / 1.1 = 10 cells a line */
    sh.width[1] = 11.0;
    sh.width[2] = 11.0;
    assert_int_equal(jx_xlsx_lines(&sh, 0, 0, ""), 1);
    assert_int_equal(jx_xlsx_lines(&sh, 0, 0, "一二三四五"), 1);         /* 10 cells */
    assert_int_equal(jx_xlsx_lines(&sh, 0, 0, "一二三四五六"), 2);       /* 12 cells */
    assert_int_equal(jx_xlsx_lines(&sh, 0, 0, "一二三\n四五\n六"), 3);   /* three short lines */
    assert_int_equal(jx_xlsx_lines(&sh, 0, 0, "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子"), 5); /* 42 cells */
    /* columns 0..2 together: 13 + 11 + 11 − 2 = 33 units, 30 cells a line */
    assert_int_equal(jx_xlsx_lines(&sh, 0, 2, "一二三四五六七八九十甲乙丙丁戊"), 1);   /* 30 cells */
    assert_int_equal(jx_xlsx_lines(&sh, 0, 2, "一二三四五六七八九十甲乙丙丁戊己"), 2); /* 32 cells */
    /* the width a column needs: 1.1 units a cell and 2 of padding */
    assert_true(jx_xlsx_text_width("一二三四五") > 12.99 && jx_xlsx_text_width("一二三四五") < 13.01);
    assert_true(jx_xlsx_text_width("ab\n一二三四五") > 12.99);
}

/* Renders projects as a workbook into memory. */
static jx_test_text render(jx_project *const *ps, size_t n, unsigned flags, jx_result *rc)
{
    jx_test_text t = {NULL, 0};
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_XLSX, flags, jx_test_text_write, &t, NULL), JX_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(jx_writer_project(wr, ps[i]), JX_OK);
    *rc = jx_writer_finish(wr);
    jx_writer_destroy(wr);
    return t;
}

static void same_bytes_every_run(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("xlsx");
    jx_project a, b;
    jx_project_init(&a, NULL);
    jx_project_init(&b, NULL);
    fx_yuecheng(&a);
    fx_small(&b);
    jx_project *ps[] = {&a, &b};
    jx_result rc;
    jx_test_text one = render(ps, 2, 0, &rc);
    assert_int_equal(rc, JX_OK);
    sleep(1); /* a second later, in case the time crept in */
    jx_test_text two = render(ps, 2, 0, &rc);
    assert_int_equal(rc, JX_OK);
    assert_true(one.len > 4);
    assert_memory_equal(one.s, "PK\x03\x04", 4); /* a zip's first local header */
    assert_int_equal(one.len, two.len);
    assert_memory_equal(one.s, two.s, one.len);
    /* the current time goes into the document properties only when asked */
    jx_test_text stamped = render(ps, 2, JX_WRITE_TIMESTAMP, &rc);
    assert_int_equal(rc, JX_OK);
    assert_false(stamped.len == one.len && memcmp(stamped.s, one.s, one.len) == 0);
    assert_int_equal(jx_test_files_in(dir), 0);
    free(one.s);
    free(two.s);
    free(stamped.s);
    jx_project_free(&a);
    jx_project_free(&b);
}

/* The 自评表 workbook gives JX_XLSX_PROJECTS_MAX (1000) projects a sheet each after the
 * list, then its 数据 sheet (beyond JX_XLSX_SHEETS_MAX: it takes no project's room). The
 * projects past them get no sheet but are in the list and the data all the same, and the
 * writer counts them. fx_small has 2 indicators: 1002 projects are 1002 rows of the list
 * (rows 3 to 1004, under its title and head; the last 序号 1002) and 2004 rows of the data
 * under its head (rows 2 to 2005). */
static void projects_past_the_sheets(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("xlsx");
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    jx_test_text t = {NULL, 0};
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_XLSX, 0, jx_test_text_write, &t, NULL), JX_OK);
    for (int i = 0; i < 1002; i++)
        assert_int_equal(jx_writer_project(wr, &p), JX_OK);
    assert_int_equal(jx_writer_finish(wr), JX_OK);
    assert_int_equal(jx_writer_forms_left_out(wr), 2);
    jx_writer_destroy(wr);
    assert_memory_equal(t.s, "PK\x03\x04", 4);
    char last[64];
    assert_int_equal(jx_test_zip_sheets(t.s, t.len, last, sizeof last), 1 + 1000 + 1);
    assert_string_equal(last, "数据");
    char *list = jx_test_zip_entry(t.s, t.len, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(list, "<autoFilter ref=\"A2:E1004\"/>"));
    const char *row = strstr(list, "<row r=\"1004\"");
    assert_non_null(row);
    assert_non_null(strstr(row, "<v>1002</v>"));
    assert_null(strstr(list, "<row r=\"1005\""));
    free(list);
    char *data = jx_test_zip_entry(t.s, t.len, "xl/worksheets/sheet1002.xml");
    assert_non_null(strstr(data, "<row r=\"2005\""));
    assert_null(strstr(data, "<row r=\"2006\""));
    free(data);
    free(t.s);
    /* 1000 are a workbook of as many sheets, none left out */
    t = (jx_test_text){NULL, 0};
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_XLSX, 0, jx_test_text_write, &t, NULL), JX_OK);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(jx_writer_project(wr, &p), JX_OK);
    assert_int_equal(jx_writer_finish(wr), JX_OK);
    assert_int_equal(jx_writer_forms_left_out(wr), 0);
    assert_int_equal(jx_test_zip_sheets(t.s, t.len, last, sizeof last), 1 + 1000 + 1);
    assert_string_equal(last, "数据");
    jx_writer_destroy(wr);
    free(t.s);
    assert_int_equal(jx_test_files_in(dir), 0);
    /* the other formats leave none out */
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_CSV, 0, jx_test_text_write, &t, NULL), JX_OK);
    assert_int_equal(jx_writer_forms_left_out(wr), 0);
    jx_writer_destroy(wr);
    assert_int_equal(jx_writer_forms_left_out(NULL), 0);
    jx_project_free(&p);
}

static void empty_run_is_a_workbook(void **state)
{
    (void)state;
    jx_result rc;
    jx_test_text t = render(NULL, 0, 0, &rc);
    assert_int_equal(rc, JX_OK);
    assert_true(t.len > 4);
    assert_memory_equal(t.s, "PK\x03\x04", 4);
    /* the list and 数据, as the CSV of no project: its header row alone (A1 项目 … AL1 依据,
     * 38 columns: 13, 8 of the indicator, 14 of the project, 3 of the history) */
    char last[64];
    assert_int_equal(jx_test_zip_sheets(t.s, t.len, last, sizeof last), 2);
    assert_string_equal(last, "数据");
    char *data = jx_test_zip_entry(t.s, t.len, "xl/worksheets/sheet2.xml");
    assert_non_null(strstr(data, "<row r=\"1\""));
    assert_null(strstr(data, "<row r=\"2\""));
    assert_non_null(strstr(data, "<c r=\"AL1\""));
    assert_null(strstr(data, "<c r=\"AM1\""));
    free(data);
    free(t.s);
}

static void write_failure_is_io_and_leaves_no_file(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("xlsx");
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_XLSX, 0, jx_test_write_nothing, NULL, NULL), JX_OK);
    assert_int_equal(jx_writer_project(wr, &p), JX_OK); /* nothing is written before finish */
    assert_int_equal(jx_test_files_in(dir), 0); /* the workbook's file has no name */
    assert_int_equal(jx_writer_finish(wr), JX_ERR_IO);
    assert_int_equal(jx_test_files_in(dir), 0);
    jx_writer_destroy(wr);
    jx_project_free(&p);
}

static void destroy_before_finish_removes_the_file(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("xlsx");
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_test_text t = {NULL, 0};
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_XLSX, 0, jx_test_text_write, &t, NULL), JX_OK);
    assert_int_equal(jx_writer_project(wr, &p), JX_OK);
    assert_int_equal(jx_test_files_in(dir), 0); /* the workbook's file has no name */
    jx_writer_destroy(wr);
    assert_int_equal(jx_test_files_in(dir), 0);
    assert_int_equal(t.len, 0);
    jx_project_free(&p);
}

static void unwritable_tmpdir_is_io(void **state)
{
    (void)state;
    setenv("TMPDIR", "/nonexistent/jixiao", 1);
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    jx_test_text t = {NULL, 0};
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_XLSX, 0, jx_test_text_write, &t, NULL), JX_OK);
    assert_int_equal(jx_writer_project(wr, &p), JX_ERR_IO);
    assert_int_equal(jx_writer_finish(wr), JX_ERR_IO);
    assert_int_equal(t.len, 0);
    jx_writer_destroy(wr);
    jx_project_free(&p);
    jx_test_private_tmpdir("xlsx");
}

/** An allocator counting the bytes in use and the calls. */
typedef struct counting {
    size_t in_use; /* bytes allocated and not freed */
    size_t calls;  /* allocations and resizes */
} counting;

static void *counting_fn(void *ud, void *ptr, size_t osize, size_t nsize)
{
    counting *c = ud;
    if (nsize == 0) {
        if (ptr)
            c->in_use -= osize;
        free(ptr);
        return NULL;
    }
    void *np = realloc(ptr, nsize);
    if (np) {
        c->in_use = c->in_use - (ptr ? osize : 0) + nsize;
        c->calls++;
    }
    return np;
}

static void memory_through_the_allocator(void **state)
{
    (void)state;
    jx_test_private_tmpdir("xlsx");
    counting c = {0, 0};
    jx_allocator a = {counting_fn, &c};
    jx_project p;
    jx_project_init(&p, NULL);
    fx_yuecheng(&p);
    jx_test_text t = {NULL, 0};
    jx_writer *wr = NULL;
    assert_int_equal(jx_writer_create(&wr, JX_FORMAT_XLSX, 0, jx_test_text_write, &t, &a), JX_OK);
    assert_int_equal(jx_writer_project(wr, &p), JX_OK);
    size_t before_finish = c.calls;
    assert_int_equal(jx_writer_finish(wr), JX_OK);
    assert_true(before_finish > 2); /* the handle, the buffer, and the workbook's state */
    jx_writer_destroy(wr);
    assert_int_equal(c.in_use, 0);
    assert_true(t.len > 0);
    free(t.s);
    jx_project_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_kept_when_valid),
        cmocka_unit_test(names_cut_to_31_characters),
        cmocka_unit_test(names_count_utf16_units),
        cmocka_unit_test(names_replace_what_excel_refuses),
        cmocka_unit_test(sheets_unique_ignoring_case),
        cmocka_unit_test(sheets_bounded),
        cmocka_unit_test(projects_past_the_sheets),
        cmocka_unit_test(wrapped_lines),
        cmocka_unit_test(same_bytes_every_run),
        cmocka_unit_test(empty_run_is_a_workbook),
        cmocka_unit_test(write_failure_is_io_and_leaves_no_file),
        cmocka_unit_test(destroy_before_finish_removes_the_file),
        cmocka_unit_test(unwritable_tmpdir_is_io),
        cmocka_unit_test(memory_through_the_allocator),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(jx_test_private_tmpdir("xlsx"));
    return rc;
}
