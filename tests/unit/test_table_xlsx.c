/* SPDX-License-Identifier: MIT */
/* test_table_xlsx.c — the .xlsx reader: workbooks written by openpyxl, XlsxWriter and
 * LibreOffice (tests/unit/data/xlsx, see its README.md), and a few written here through
 * libzip for what no producer at hand writes (prefixed names, phonetic runs, escapes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "counting.h"
#include "table.h"
#include "table_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

/* ------------------------------------------------------------ helpers */

/** The path of a fixture. */
static const char *fixture(const char *name)
{
    return jx_test_table_fixture("xlsx", name);
}

/** Opens a fixture (sheet as --sheet, or NULL), which must open. */
static jx_table *open_fixture(const char *name, const char *sheet)
{
    return jx_test_table_open("xlsx", name, sheet, JX_TABLE_XLSX);
}

#define slurp jx_test_slurp
#define expect_row jx_test_expect_row
#define expect_end jx_test_expect_end
#define all_rows jx_test_all_rows

/* ------------------------------------------------------- real producers */

/** The rows of basic.xlsx, whoever saved it last (see README.md). */
static void expect_basic_rows(jx_table *t)
{
    assert_int_equal(jx_table_sheet_count(t), 1);
    assert_string_equal(jx_table_sheet_name(t, 0), "指标");
    expect_row(t, 0, 1, 4, "一级指标", "二级指标", "三级指标", "指标值");
    expect_row(t, 0, 2, 4, "产出指标", "数量指标", "完成率", "97%");
    /* A3 and A4 lie in the merged A2:A4 and read its value */
    expect_row(t, 0, 3, 4, "产出指标", "质量指标", "达标率", "97.12%");
    expect_row(t, 0, 4, 4, "产出指标", "时效指标", "金额", "1200");
    /* row 5 holds only a styled empty cell: skipped */
    expect_row(t, 0, 6, 7, "0.3", "2024-03-31", "2024-03-31 08:30:00", "TRUE", "FALSE", "42", "-1.5");
    expect_row(t, 0, 7, 4, "甲", "", "", "丁");
    expect_row(t, 0, 8, 5, "2024-03-31", "2024-03-31", "97.5%", "  前后空格 ", "第一行\n第二行");
    /* B9:D9 merged across */
    expect_row(t, 0, 9, 4, "", "合并标题", "合并标题", "合并标题");
    expect_end(t);
}

static void openpyxl_cells_formats_and_merges(void **state)
{
    (void)state;
    jx_table *t = open_fixture("basic.xlsx", NULL);
    assert_string_equal(jx_table_encoding(t), "");
    assert_int_equal(jx_table_separator(t), 0);
    assert_null(jx_table_text(t, NULL));
    expect_basic_rows(t);
    jx_table_close(t);
}

static void libreoffice_shared_strings_read_the_same(void **state)
{
    (void)state;
    jx_table *t = open_fixture("lo_basic.xlsx", NULL);
    expect_basic_rows(t);
    jx_table_close(t);
}

static void from_memory_reads_as_from_the_file(void **state)
{
    (void)state;
    static const char *const names[] = {"basic.xlsx", "lo_basic.xlsx", "sheets.xlsx", "formula.xlsx"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        jx_table *t = open_fixture(names[k], NULL);
        char *from_path = all_rows(t);
        jx_table_close(t);

        size_t len;
        char *data = slurp(fixture(names[k]), &len);
        jx_table_error err;
        assert_int_equal(jx_table_open_memory(&t, names[k], data, len, NULL, NULL, &err), JX_OK);
        assert_int_equal(jx_table_get_kind(t), JX_TABLE_XLSX);
        char *from_memory = all_rows(t);
        jx_table_close(t);
        assert_string_equal(from_memory, from_path);
        assert_true(strlen(from_path) > 20);
        free(from_path);
        free(from_memory);

        if (k == 0) { /* and row by row, against the hand-written values */
            assert_int_equal(jx_table_open_memory(&t, names[k], data, len, NULL, NULL, &err), JX_OK);
            expect_basic_rows(t);
            jx_table_close(t);
        }
        free(data);
    }
}

static void sheets_all_by_name_by_number_and_missing(void **state)
{
    (void)state;
    /* all: the chartsheet 图表 is skipped, the hidden 隐藏 is read */
    jx_table *t = open_fixture("sheets.xlsx", NULL);
    assert_int_equal(jx_table_sheet_count(t), 3);
    assert_string_equal(jx_table_sheet_name(t, 0), "目标");
    assert_string_equal(jx_table_sheet_name(t, 1), "自评");
    assert_string_equal(jx_table_sheet_name(t, 2), "隐藏");
    expect_row(t, 0, 1, 2, "项目", "目标值");
    expect_row(t, 0, 2, 2, "甲", "1");
    expect_row(t, 1, 1, 2, "项目", "完成值");
    expect_row(t, 1, 2, 2, "乙", "2");
    expect_row(t, 1, 3, 2, "丙", "3");
    expect_row(t, 2, 2, 2, "", "藏");
    expect_end(t);
    jx_table_close(t);

    /* by name, and by its number among the tabs */
    static const char *const picks[] = {"自评", "2"};
    for (size_t k = 0; k < 2; k++) {
        t = open_fixture("sheets.xlsx", picks[k]);
        assert_int_equal(jx_table_sheet_count(t), 1);
        assert_string_equal(jx_table_sheet_name(t, 0), "自评");
        expect_row(t, 0, 1, 2, "项目", "完成值");
        expect_row(t, 0, 2, 2, "乙", "2");
        expect_row(t, 0, 3, 2, "丙", "3");
        expect_end(t);
        jx_table_close(t);
    }

    /* tab 4 is the hidden sheet: the chartsheet counts as tab 3 */
    t = open_fixture("sheets.xlsx", "4");
    assert_int_equal(jx_table_sheet_count(t), 1);
    assert_string_equal(jx_table_sheet_name(t, 0), "隐藏");
    expect_row(t, 0, 2, 2, "", "藏");
    expect_end(t);
    jx_table_close(t);

    /* no such sheet: the message names the sheets there are */
    jx_table_options opts = {.sheet = "不存在"};
    jx_table_error err;
    t = (jx_table *)&err; /* must come back NULL */
    assert_int_equal(jx_table_open(&t, fixture("sheets.xlsx"), &opts, NULL, &err), JX_ERR_INPUT);
    assert_null(t);
    assert_non_null(strstr(err.message, "“不存在”"));
    assert_non_null(strstr(err.message, "“目标”"));
    assert_non_null(strstr(err.message, "“自评”"));
    opts.sheet = "9";
    assert_int_equal(jx_table_open(&t, fixture("sheets.xlsx"), &opts, NULL, &err), JX_ERR_INPUT);
    assert_non_null(strstr(err.message, "“9”"));

    /* the chartsheet has no cells to read */
    opts.sheet = "图表";
    assert_int_equal(jx_table_open(&t, fixture("sheets.xlsx"), &opts, NULL, &err), JX_ERR_INPUT);
    assert_non_null(strstr(err.message, "“图表”是图表"));
}

static void date1904_workbook(void **state)
{
    (void)state;
    jx_table *t = open_fixture("date1904.xlsx", NULL);
    expect_row(t, 0, 1, 2, "2024-03-31", "5");
    expect_end(t);
    jx_table_close(t);
}

static void xlsxwriter_inline_strings_and_cached_formula(void **state)
{
    (void)state;
    jx_table *t = open_fixture("inline.xlsx", NULL);
    assert_string_equal(jx_table_sheet_name(t, 0), "内联");
    expect_row(t, 0, 1, 2, "内联文字", "3.5");
    expect_row(t, 0, 2, 3, "", "", "第二行");
    expect_row(t, 0, 3, 1, "7");
    expect_end(t);
    jx_table_close(t);
}

static void libreoffice_calculated_formulas(void **state)
{
    (void)state;
    jx_table *t = open_fixture("formula.xlsx", NULL);
    assert_string_equal(jx_table_sheet_name(t, 0), "公式");
    expect_row(t, 0, 1, 4, "10", "20", "30", "50%");
    expect_row(t, 0, 2, 4, "甲", "甲乙", "#DIV/0!", "TRUE");
    expect_end(t);
    jx_table_close(t);
}

static void numbers_as_excel_stores_them(void **state)
{
    (void)state;
    jx_table *t = open_fixture("excel_numbers.xlsx", NULL);
    expect_row(t, 0, 1, 1, "0.3");
    expect_row(t, 0, 2, 1, "0.0015");
    expect_row(t, 0, 3, 1, "123456789012346000");
    expect_end(t);
    jx_table_close(t);
}

static void many_rows_hold_no_memory_per_row(void **state)
{
    (void)state;
    jx_test_counting books = {0};
    jx_allocator a = jx_test_counting_allocator(&books);
    jx_table_error err;
    jx_table *t = NULL;
    assert_int_equal(jx_table_open(&t, fixture("many_rows.xlsx"), NULL, &a, &err), JX_OK);
    expect_row(t, 0, 1, 3, "行0001", "1", "0.5");
    jx_table_row row;
    size_t in_use = 0, peak = 0;
    uint32_t n = 1;
    while (jx_table_next(t, &row) == JX_TABLE_ROW) {
        n++;
        assert_int_equal(row.row, n);
        assert_int_equal(row.ncells, 3);
        if (n == 2000) { /* by now every buffer is as long as the longest row needs */
            in_use = books.in_use;
            peak = books.peak;
        }
        if (n == 5000) {
            assert_int_equal(row.cells[0].n, strlen("行5000"));
            assert_memory_equal(row.cells[0].s, "行5000", row.cells[0].n);
            assert_memory_equal(row.cells[1].s, "5000", 4);
            assert_memory_equal(row.cells[2].s, "2500", 4);
            assert_int_equal(row.cells[2].n, 4);
        }
    }
    assert_int_equal(n, 5000);
    assert_int_equal(books.in_use, in_use);
    assert_int_equal(books.peak, peak);
    jx_table_close(t);
    assert_int_equal(books.in_use, 0);
}

/* ------------------------------------------------------------ corrupt files */

static void truncated_and_not_a_zip(void **state)
{
    (void)state;
    jx_table_error err;
    jx_table *t = NULL;
    assert_int_equal(jx_table_open(&t, fixture("truncated.xlsx"), NULL, NULL, &err), JX_ERR_INPUT);
    assert_null(t);
    assert_non_null(strstr(err.message, "工作簿已损坏或不完整"));
    assert_non_null(strstr(err.message, "ZIP"));

    size_t len;
    char *data = slurp(fixture("truncated.xlsx"), &len);
    assert_int_equal(jx_table_open_memory(&t, "truncated.xlsx", data, len, NULL, NULL, &err), JX_ERR_INPUT);
    assert_null(t);
    assert_non_null(strstr(err.message, "工作簿已损坏或不完整"));
    free(data);

    /* a ZIP's first four bytes and nothing of a ZIP after them */
    static const char junk[] = "PK\x03\x04 this is not a zip archive at all, only its magic";
    assert_int_equal(jx_table_open_memory(&t, "junk.xlsx", junk, sizeof junk - 1, NULL, NULL, &err), JX_ERR_INPUT);
    assert_null(t);
    assert_non_null(strstr(err.message, "ZIP"));
    assert_int_equal(jx_table_open_memory(&t, "junk.xlsx", junk, 4, NULL, NULL, &err), JX_ERR_INPUT);
    assert_null(t);

    /* a sound ZIP that is no workbook */
    assert_int_equal(jx_table_open(&t, fixture("no_workbook.xlsx"), NULL, NULL, &err), JX_ERR_INPUT);
    assert_null(t);
    assert_non_null(strstr(err.message, "xl/workbook.xml"));

    /*
     * a directory naming an entry that is not there (libzip: "No such file"), found by the
     * table fuzz target: the file was read, so it is a damaged workbook (exit 1), not a
     * file that could not be read (exit 3), from a path and from memory alike
     */
    char damaged[1024];
    const char *dir = getenv("JX_TESTS_DIR");
    snprintf(damaged, sizeof damaged, "%s/fuzz/corpus/table/crash-zip-missing-entry-io", dir ? dir : ".");
    assert_int_equal(jx_table_open(&t, damaged, NULL, NULL, &err), JX_ERR_INPUT);
    assert_null(t);
    assert_non_null(strstr(err.message, "工作簿已损坏或不完整"));
    data = slurp(damaged, &len);
    assert_int_equal(jx_table_open_memory(&t, "damaged.xlsx", data, len, NULL, NULL, &err), JX_ERR_INPUT);
    assert_null(t);
    assert_non_null(strstr(err.message, "工作簿已损坏或不完整"));
    free(data);
}

static void broken_sheet_xml_is_an_error_naming_sheet_and_row(void **state)
{
    (void)state;
    jx_table *t = open_fixture("broken_xml.xlsx", NULL);
    jx_table_row row;
    /* the cut took the sheet's <mergeCells> with it, so the sheet is parsed once: the rows
     * before the break (1 to 3) come first, then the error */
    jx_table_status st;
    uint32_t last = 0;
    while ((st = jx_table_next(t, &row)) == JX_TABLE_ROW)
        last = row.row;
    assert_int_equal(st, JX_TABLE_ERROR);
    assert_true(last < 4);
    const jx_table_error *e = jx_table_last_error(t);
    assert_non_null(strstr(e->message, "工作表“指标”的 XML 已损坏"));
    assert_non_null(strstr(e->message, "第 4 行附近"));
    assert_int_equal(e->line, 4);
    assert_int_equal(jx_table_next(t, &row), JX_TABLE_ERROR); /* and stays so */
    jx_table_close(t);
}

/** The offset of ZIP entry name's compressed data in data, from its local header. */
static size_t entry_data(const char *data, size_t len, const char *name)
{
    size_t k = strlen(name);
    for (size_t i = 0; i + 30 + k <= len; i++) {
        if (memcmp(data + i, "PK\x03\x04", 4) != 0)
            continue;
        const unsigned char *h = (const unsigned char *)data + i;
        size_t nlen = h[26] | (size_t)h[27] << 8, xlen = h[28] | (size_t)h[29] << 8;
        if (nlen == k && memcmp(data + i + 30, name, k) == 0)
            return i + 30 + nlen + xlen;
    }
    fail_msg("no entry %s", name);
    return 0;
}

/** True when msg holds a word of English (libzip's own texts are), where the user's message
 * is to be in Chinese: a run of three ASCII letters or more other than ZIP, XML and Excel. */
static bool has_english(const char *msg)
{
    static const char *const names[] = {"ZIP", "XML", "Excel"};
    while (*msg) {
        size_t run = 0;
        while (((msg[run] | 0x20) >= 'a' && (msg[run] | 0x20) <= 'z'))
            run++;
        bool named = false;
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            named = named || (strlen(names[k]) == run && memcmp(msg, names[k], run) == 0);
        if (run >= 3 && !named)
            return true;
        msg += run ? run : 1;
    }
    return false;
}

static void damaged_compressed_sheet_is_an_error(void **state)
{
    (void)state;
    size_t len;
    char *data = slurp(fixture("basic.xlsx"), &len);
    size_t at = entry_data(data, len, "xl/worksheets/sheet1.xml");
    for (size_t i = 20; i < 120; i++)
        data[at + i] = (char)(data[at + i] ^ 0x5A);
    jx_table_error err;
    jx_table *t = NULL;
    assert_int_equal(jx_table_open_memory(&t, "damaged.xlsx", data, len, NULL, NULL, &err), JX_OK);
    jx_table_row row;
    jx_table_status st;
    while ((st = jx_table_next(t, &row)) == JX_TABLE_ROW)
        ;
    assert_int_equal(st, JX_TABLE_ERROR);
    const char *msg = jx_table_last_error(t)->message;
    assert_non_null(strstr(msg, "工作表“指标”"));
    assert_non_null(strstr(msg, "压缩数据已损坏")); /* libzip: "Zlib error: data error" */
    assert_false(has_english(msg));
    jx_table_close(t);
    free(data);
}

/* A ZIP whose end record names another disk (a split archive): libzip refuses it as
 * ZIP_ER_MULTIDISK, said in Chinese like every reason of libzip's. */
static void split_zip_is_said_in_chinese(void **state)
{
    (void)state;
    size_t len;
    char *data = slurp(fixture("basic.xlsx"), &len);
    size_t eocd = len - 22; /* basic.xlsx has no archive comment: the end record is its last 22 bytes */
    assert_memory_equal(data + eocd, "PK\x05\x06", 4);
    data[eocd + 4] = 1; /* the number of this disk */
    jx_table_error err;
    jx_table *t = NULL;
    assert_int_equal(jx_table_open_memory(&t, "split.xlsx", data, len, NULL, NULL, &err), JX_ERR_INPUT);
    assert_null(t);
    assert_non_null(strstr(err.message, "工作簿已损坏或不完整"));
    assert_non_null(strstr(err.message, "分卷压缩的 ZIP 不受支持"));
    assert_false(has_english(err.message));
    free(data);
}

static void out_of_memory_anywhere_fails_cleanly(void **state)
{
    (void)state;
    static const char *const names[] = {"basic.xlsx", "lo_basic.xlsx"};
    for (size_t k = 0; k < 2; k++) {
        for (size_t at = 1;; at++) {
            jx_test_counting books = {0};
            books.fail_at = at;
            jx_allocator a = jx_test_counting_allocator(&books);
            jx_table_error err;
            jx_table *t = NULL;
            jx_result rc = jx_table_open(&t, fixture(names[k]), NULL, &a, &err);
            jx_table_status st = JX_TABLE_END;
            if (rc == JX_OK) {
                jx_table_row row;
                while ((st = jx_table_next(t, &row)) == JX_TABLE_ROW)
                    ;
                jx_table_close(t);
            } else {
                assert_int_equal(rc, JX_ERR_NOMEM);
                assert_null(t);
            }
            assert_int_equal(books.in_use, 0);
            if (books.calls < at) { /* no call failed: the whole file was read */
                assert_int_equal(rc, JX_OK);
                assert_int_equal(st, JX_TABLE_END);
                break;
            }
            assert_true(rc == JX_ERR_NOMEM || st == JX_TABLE_NOMEM);
        }
    }
}

/* --------------------------------------------- workbooks written here */

/** A folder of its own for the workbooks written here. */
static const char *scratch(void)
{
    static char dir[64];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/jx-xlsx-test-XXXXXX");
        assert_non_null(mkdtemp(dir));
    }
    return dir;
}

/** Writes a ZIP at path from n pairs of entry name and text. */
static void write_zip(const char *path, size_t n, const char *const parts[][2])
{
    int code = 0;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
    assert_non_null(za);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *src = zip_source_buffer(za, parts[i][1], strlen(parts[i][1]), 0);
        assert_non_null(src);
        assert_true(zip_file_add(za, parts[i][0], src, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"

static const char hand_book[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<x:workbook xmlns:x=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
    "<x:workbookPr date1904=\"false\"/>"
    "<x:sheets><x:sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></x:sheets></x:workbook>";

static const char hand_rels[] =
    "<Relationships xmlns=\"" NS_PKG "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"sub/../worksheets/s1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" NS_REL "/sharedStrings\" Target=\"strings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" NS_REL "/styles\" Target=\"/xl/styles.xml\"/>"
    "</Relationships>";

/* string 1 is rich text with a phonetic run; string 2 holds an escaped carriage return */
static const char hand_sst[] =
    "<x:sst xmlns:x=\"" NS_MAIN "\">"
    "<x:si><x:t>plain</x:t></x:si>"
    "<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>富</x:t></x:r><x:r><x:t xml:space=\"preserve\"> 文本</x:t></x:r>"
    "<x:rPh sb=\"0\" eb=\"1\"><x:t>フ</x:t></x:rPh><x:phoneticPr fontId=\"1\"/></x:si>"
    "<x:si><x:t>a_x000D_b_x005F_x</x:t></x:si>"
    "</x:sst>";

/* styles 1–5: 0.0%, [h]:mm, a red-negative currency code, a quoted "d", a date code in Chinese */
static const char hand_styles[] =
    "<x:styleSheet xmlns:x=\"" NS_MAIN "\"><x:numFmts count=\"5\">"
    "<x:numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"
    "<x:numFmt numFmtId=\"165\" formatCode=\"[h]:mm\"/>"
    "<x:numFmt numFmtId=\"166\" formatCode=\"#,##0.00_);[Red](#,##0.00)\"/>"
    "<x:numFmt numFmtId=\"167\" formatCode=\"&quot;d&quot;0\"/>"
    "<x:numFmt numFmtId=\"168\" formatCode=\"[$-804]yyyy&quot;年&quot;m&quot;月&quot;\"/></x:numFmts>"
    "<x:cellStyleXfs count=\"1\"><x:xf numFmtId=\"9\"/></x:cellStyleXfs>"
    "<x:cellXfs count=\"6\"><x:xf numFmtId=\"0\"/><x:xf numFmtId=\"164\"/><x:xf numFmtId=\"165\"/>"
    "<x:xf numFmtId=\"166\"/><x:xf numFmtId=\"167\"/><x:xf numFmtId=\"168\"/></x:cellXfs></x:styleSheet>";

/*
 * Row 1 and its cells have no r= (they follow on), but E1; row 2 has inline rich text
 * with a phonetic run, an error, a formula without a value, an ISO date and the styled
 * numbers (F2 has no cell of its own: the merged range F1:F3 gives it F1's); row 3 has
 * nothing of its own but F3 of that range, and is skipped; row 6 names a shared string
 * that does not exist.
 */
static const char hand_sheet[] =
    "<x:worksheet xmlns:x=\"" NS_MAIN "\"><x:sheetData>"
    "<x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"s\"><x:v>1</x:v></x:c><x:c r=\"E1\" t=\"s\"><x:v>2</x:v></x:c>"
    "<x:c><x:v>7</x:v></x:c><x:c t=\"str\"><x:f>\"上\"</x:f><x:v>上</x:v></x:c></x:row>"
    "<x:row>"
    "<x:c r=\"A2\" t=\"inlineStr\"><x:is><x:r><x:t>内</x:t></x:r><x:r><x:t>联</x:t></x:r><x:rPh><x:t>x</x:t></x:rPh></x:is></x:c>"
    "<x:c r=\"B2\" t=\"e\"><x:v>#N/A</x:v></x:c>"
    "<x:c r=\"C2\"><x:f>SUM(A9)</x:f></x:c>"
    "<x:c r=\"D2\" t=\"d\"><x:v>2024-03-31T00:00:00Z</x:v></x:c>"
    "<x:c r=\"E2\" s=\"1\"><x:v>0.5</x:v></x:c>"
    "<x:c r=\"G2\" t=\"s\"><x:v>0</x:v></x:c>"
    "<x:c r=\"H2\" s=\"3\"><x:v>1234.5</x:v></x:c>"
    "<x:c r=\"I2\" s=\"4\"><x:v>3</x:v></x:c>"
    "<x:c r=\"J2\" s=\"5\"><x:v>45382</x:v></x:c>"
    "<x:c r=\"K2\" s=\"99\"><x:v>0.25</x:v></x:c>"
    "<x:c r=\"L2\" s=\"2\"><x:v>45382.5</x:v></x:c>"
    "</x:row>"
    "<x:row r=\"3\"><x:c r=\"A3\" s=\"1\"/></x:row>"
    "<x:row r=\"6\"><x:c r=\"A6\" t=\"s\"><x:v>1</x:v></x:c><x:c r=\"B6\" t=\"s\"><x:v>99</x:v></x:c></x:row>"
    "</x:sheetData><x:mergeCells count=\"1\"><x:mergeCell ref=\"F1:F3\"/></x:mergeCells></x:worksheet>";

static void prefixed_names_rich_text_and_escapes(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/hand.xlsx", scratch());
    const char *const parts[][2] = {
        {"xl/workbook.xml", hand_book},         {"xl/_rels/workbook.xml.rels", hand_rels},
        {"xl/strings.xml", hand_sst},           {"xl/styles.xml", hand_styles},
        {"xl/worksheets/s1.xml", hand_sheet},
    };
    write_zip(path, sizeof parts / sizeof parts[0], parts);
    jx_table_error err;
    jx_table *t = NULL;
    assert_int_equal(jx_table_open(&t, path, NULL, NULL, &err), JX_OK);
    assert_string_equal(jx_table_sheet_name(t, 0), "S");
    /* F1 follows E1; G1 follows F1; F1:F3 merged gives "7" to F2 */
    expect_row(t, 0, 1, 7, "plain", "富 文本", "", "", "a\rb_x", "7", "上");
    expect_row(t, 0, 2, 12, "内联", "#N/A", "", "2024-03-31", "50%", "7", "plain", "1234.5", "3", "2024-03-31",
               "0.25", "2024-03-31 12:00:00");
    jx_table_row row;
    assert_int_equal(jx_table_next(t, &row), JX_TABLE_ERROR);
    const jx_table_error *e = jx_table_last_error(t);
    assert_non_null(strstr(e->message, "工作表“S”"));
    assert_non_null(strstr(e->message, "B6"));
    assert_int_equal(e->line, 6);
    assert_int_equal(e->col, 2);
    jx_table_close(t);
    unlink(path);
}

static void missing_sheet_part_is_an_input_error(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/nopart.xlsx", scratch());
    const char *const parts[][2] = {
        {"xl/workbook.xml", hand_book},
        {"xl/_rels/workbook.xml.rels", hand_rels},
    };
    write_zip(path, 2, parts);
    jx_table_error err;
    jx_table *t = NULL;
    assert_int_equal(jx_table_open(&t, path, NULL, NULL, &err), JX_ERR_INPUT);
    assert_null(t);
    assert_non_null(strstr(err.message, "“S”"));
    assert_non_null(strstr(err.message, "xl/worksheets/s1.xml"));
    unlink(path);
}

/* ------------------------------------------- the fast row path against expat */

/**
 * Reads the workbook at path both ways, through the fast row path and through expat
 * alone (jx_table_set_plain), and fails at the first row, status, message or cell
 * that differs. Returns the last status; *rows the rows read, *fast how many rows the
 * fast path read (empty ones too, which are not handed out).
 */
static jx_table_status both_ways(const char *path, const char *what, size_t *rows, size_t *fast)
{
    jx_table_error err1, err2;
    jx_table *t1 = NULL, *t2 = NULL;
    jx_result rc1 = jx_table_open(&t1, path, NULL, NULL, &err1);
    jx_result rc2 = jx_table_open(&t2, path, NULL, NULL, &err2);
    if (rc1 != rc2)
        fail_msg("%s: opened %d and %d", what, (int)rc1, (int)rc2);
    *rows = *fast = 0;
    if (rc1 != JX_OK)
        return JX_TABLE_ERROR;
    jx_table_set_plain(t2, true);
    jx_table_status st1, st2;
    for (;;) {
        jx_table_row r1, r2;
        st1 = jx_table_next(t1, &r1);
        st2 = jx_table_next(t2, &r2);
        if (st1 != st2)
            fail_msg("%s: after %zu rows, status %d fast and %d plain", what, *rows, (int)st1, (int)st2);
        if (st1 != JX_TABLE_ROW)
            break;
        if (r1.sheet != r2.sheet || r1.row != r2.row || r1.ncells != r2.ncells)
            fail_msg("%s: sheet %u row %u of %zu cells fast, sheet %u row %u of %zu plain", what, (unsigned)r1.sheet,
                     (unsigned)r1.row, r1.ncells, (unsigned)r2.sheet, (unsigned)r2.row, r2.ncells);
        for (size_t i = 0; i < r1.ncells; i++)
            if (r1.cells[i].n != r2.cells[i].n || memcmp(r1.cells[i].s, r2.cells[i].s, r1.cells[i].n) != 0 ||
                r1.cells[i].line != r2.cells[i].line)
                fail_msg("%s: row %u cell %zu: \"%.*s\" fast, \"%.*s\" plain", what, (unsigned)r1.row, i + 1,
                         (int)r1.cells[i].n, r1.cells[i].s, (int)r2.cells[i].n, r2.cells[i].s);
        (*rows)++;
    }
    if (st1 == JX_TABLE_ERROR) {
        const jx_table_error *e1 = jx_table_last_error(t1), *e2 = jx_table_last_error(t2);
        if (strcmp(e1->message, e2->message) != 0 || e1->line != e2->line || e1->col != e2->col)
            fail_msg("%s: fast \"%s\" (%u:%u), plain \"%s\" (%u:%u)", what, e1->message, (unsigned)e1->line,
                     (unsigned)e1->col, e2->message, (unsigned)e2->line, (unsigned)e2->col);
    }
    *fast = jx_table_fast_rows(t1);
    assert_int_equal(jx_table_fast_rows(t2), 0);
    jx_table_close(t1);
    jx_table_close(t2);
    return st1;
}

/** Every workbook the tests hold, each made by a spreadsheet program or library, reads the same both ways, and all on the fast path. */
static void fast_rows_read_as_expat_reads_every_fixture(void **state)
{
    (void)state;
    static const char *const names[] = {
        "unit/data/xlsx/basic.xlsx",    "unit/data/xlsx/lo_basic.xlsx", "unit/data/xlsx/date1904.xlsx",
        "unit/data/xlsx/excel_numbers.xlsx", "unit/data/xlsx/formula.xlsx", "unit/data/xlsx/inline.xlsx",
        "unit/data/xlsx/many_rows.xlsx", "unit/data/xlsx/sheets.xlsx",  "unit/data/xlsx/broken_xml.xlsx",
        "tables/actuals.xlsx",          "tables/review.xlsx",           "tables/percent.xlsx",
        "tables/sheets.xlsx",           "tables/zj-target/table.xlsx",  "tables/zj-target/two.xlsx",
    };
    const char *dir = getenv("JX_TESTS_DIR");
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", names[k]);
        size_t rows, fast;
        both_ways(path, names[k], &rows, &fast);
        /* every row of them on the fast path (it counts the empty rows it passes over too) */
        if (rows == 0 || fast < rows)
            fail_msg("%s: %zu rows, %zu of them on the fast path", names[k], rows, fast);
    }
}

/* a sheet part around rows: the default namespace and x14ac, declared as Excel declares them */
#define SHEET_HEAD                                                                                                 \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"                                              \
    "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\" "                                                     \
    "xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\">"                                 \
    "<dimension ref=\"A1:C3\"/><sheetData>"
#define SHEET_TAIL "</sheetData></worksheet>"

/** Writes a workbook whose one sheet is sheet (with hand_book's names and hand_sst's strings) at path. */
static void write_sheet_book(const char *path, const char *sheet)
{
    const char *const parts[][2] = {
        {"xl/workbook.xml", hand_book},
        {"xl/_rels/workbook.xml.rels", hand_rels},
        {"xl/strings.xml", hand_sst},
        {"xl/styles.xml", hand_styles},
        {"xl/worksheets/s1.xml", sheet},
    };
    write_zip(path, sizeof parts / sizeof parts[0], parts);
}

/** Sheets that step outside the plain form at every point it has, each read both ways. */
static void fast_rows_hand_back_what_they_do_not_read(void **state)
{
    (void)state;
    static const struct {
        const char *rows; /* between <sheetData> and </sheetData>, or a whole sheet when it starts with '<' '?' */
        int fast;         /* rows the fast path must read; -1 when any number will do */
        jx_table_status end;
    } cases[] = {
        /* the plain form, with what Excel writes on every row */
        {"<row r=\"1\" spans=\"1:3\" x14ac:dyDescent=\"0.25\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\">"
         "<v>0.5</v></c><c r=\"C1\"><f>1+1</f><v>2</v></c></row>"
         "<row r=\"2\"><c r=\"C2\" t=\"s\"><v>2</v></c></row><row r=\"3\"><c r=\"A3\"><v>3</v></c></row>",
         3, JX_TABLE_END},
        /* white space everywhere it may be, single quotes, empty elements and rows */
        {"\n  <row r = '1' >\r\n <c r='A1' t='s' >\t<v >0</v >\n</c ><c r='B1'/><c><v/></c></row >\n"
         "<row r='2'/>\n<row><c><f t='shared' si='0'/><v>7</v></c></row  >\n",
         3, JX_TABLE_END},
        /* rows and cells without r follow on */
        {"<row><c><v>1</v></c><c><v>2</v></c></row><row><c t=\"str\"><v>x y</v></c></row>", 2, JX_TABLE_END},
        /* a comment between rows: expat from row 2 on */
        {"<row r=\"1\"><c><v>1</v></c></row><!-- c --><row r=\"2\"><c><v>2</v></c></row>", 1, JX_TABLE_END},
        /* references, a lone ], text beyond ASCII, inline strings as openpyxl writes them: all read */
        {"<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c t=\"str\"><v>&#50;&#x4E0A;&lt;&gt;&amp;&quot;&apos;"
         "&#x10FFFF;</v></c></row>",
         2, JX_TABLE_END},
        {"<row><c t=\"str\"><v>a]b]</v></c></row><row><c t=\"str\"><v>上 下</v><f>A1&amp;B1</f></c></row>", 2,
         JX_TABLE_END},
        {"<row><c t=\"inlineStr\"><is><t>&#20869;</t><t xml:space=\"preserve\"> 联 </t></is></c>"
         "<c t=\"inlineStr\"><is/></c></row><row><c><v>1</v><v>2</v></c></row>",
         2, JX_TABLE_END},
        /* CDATA, a carriage return in text, rich text: expat from that row on */
        {"<row><c><v>1</v></c></row><row><c><v><![CDATA[2]]></v></c></row><row><c><v>3</v></c></row>", 1,
         JX_TABLE_END},
        {"<row><c t=\"str\"><v>a\r\nb</v></c></row>", 0, JX_TABLE_END},
        {"<row><c><v>1</v></c></row><row><c t=\"inlineStr\"><is><r><t>富</t></r></is></c></row>", 1, JX_TABLE_END},
        /* an undeclared entity, a reference to no XML character, "]]>", bytes that are not UTF-8: XML errors */
        {"<row><c><v>1</v></c></row><row><c><v>&nbsp;</v></c></row>", 1, JX_TABLE_ERROR},
        {"<row><c><v>1</v></c></row><row><c><v>&#1;</v></c></row>", 1, JX_TABLE_ERROR},
        {"<row><c><v>1</v></c></row><row><c><v>&#xD800;</v></c></row>", 1, JX_TABLE_ERROR},
        {"<row><c><v>1</v></c></row><row><c t=\"str\"><v>a]]>b</v></c></row>", 1, JX_TABLE_ERROR},
        {"<row><c><v>1</v></c></row><row><c t=\"str\"><v>\xe4\xb8</v></c></row>", 1, JX_TABLE_ERROR},
        {"<row><c><v>1</v></c></row><row><c t=\"str\"><v>\xef\xbf\xbe</v></c></row>", 1, JX_TABLE_ERROR},
        /* a namespace declared on a row, an attribute of an undeclared prefix (an XML error) */
        {"<row xmlns:y=\"urn:y\" y:a=\"1\"><c><v>1</v></c></row>", 0, JX_TABLE_END},
        {"<row><c><v>1</v></c></row><row z:a=\"1\"><c><v>2</v></c></row>", 1, JX_TABLE_ERROR},
        /* two attributes of one name, a missing space between attributes: XML errors */
        {"<row><c><v>1</v></c></row><row><c r=\"A2\" r=\"B2\"><v>2</v></c></row>", 1, JX_TABLE_ERROR},
        {"<row><c r=\"A1\"t=\"s\"><v>0</v></c></row>", 0, JX_TABLE_ERROR},
        /* mismatched tags, an unknown element in a cell, one value too many */
        {"<row><c><v>1</v></c></row><row><c><v>2</v></row>", 1, JX_TABLE_ERROR},
        {"<row><c><v>1</v><extLst/></c></row><row><c><v>2</v></c></row>", 0, JX_TABLE_END},
        /* a shared string that does not exist: the same error on either path, before and after a hand-back */
        {"<row r=\"4\"><c r=\"A4\" t=\"s\"><v>99</v></c></row>", 0, JX_TABLE_ERROR},
        {"<row r=\"3\"><c><v>1</v></c></row><!----><row r=\"4\"><c r=\"B4\" t=\"s\"><v>9</v></c></row>", 1,
         JX_TABLE_ERROR},
        /* a second sheetData after the first (not the schema, but XML): expat reads it */
        {"<row><c><v>1</v></c></row></sheetData><sheetData><row><c><v>2</v></c></row>", 1, JX_TABLE_END},
        /* whole sheets: merged cells (C2:C3 gives row 3 its C), a DOCTYPE, another encoding, prefixed names, an empty sheetData, a sheet cut short */
        {"<?xml version=\"1.0\"?><worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"2\"><c r=\"C2\"><v>5</v></c>"
         "</row><row r=\"3\"><c r=\"A3\"><v>1</v></c></row></sheetData><mergeCells count=\"1\">"
         "<mergeCell ref=\"C2:C3\"/></mergeCells></worksheet>",
         2, JX_TABLE_END},
        {"<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ATTLIST c t CDATA \"str\">]><worksheet xmlns=\"" NS_MAIN
         "\"><sheetData><row><c><v>x</v></c></row></sheetData></worksheet>",
         0, JX_TABLE_END},
        {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><worksheet xmlns=\"" NS_MAIN "\"><sheetData><row><c t=\"str\">"
         "<v>\xe4\xb8\x8a</v></c></row></sheetData></worksheet>",
         0, JX_TABLE_END},
        {"<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"" NS_MAIN "\"><x:sheetData><x:row><x:c><x:v>1</x:v></x:c>"
         "</x:row></x:sheetData></x:worksheet>",
         0, JX_TABLE_END},
        {"<?xml version=\"1.0\"?><worksheet xmlns=\"" NS_MAIN "\"><sheetData/></worksheet>", 0, JX_TABLE_END},
        {"<?xml version=\"1.0\"?><worksheet xmlns=\"" NS_MAIN "\"><sheetData><row><c><v>1</v></c></row><row><c>",
         1, JX_TABLE_ERROR},
        {"<?xml version=\"1.0\"?><worksheet xmlns=\"" NS_MAIN "\"><sheetData ><row><c><v>1</v></c></row>"
         "</sheetData></worksheet>trailing",
         1, JX_TABLE_ERROR},
    };
    char path[128];
    snprintf(path, sizeof path, "%s/fast.xlsx", scratch());
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *sheet;
        if (cases[k].rows[0] == '<' && cases[k].rows[1] == '?') {
            sheet = strdup(cases[k].rows);
        } else {
            size_t n = strlen(SHEET_HEAD) + strlen(cases[k].rows) + strlen(SHEET_TAIL) + 1;
            sheet = malloc(n);
            snprintf(sheet, n, "%s%s%s", SHEET_HEAD, cases[k].rows, SHEET_TAIL);
        }
        write_sheet_book(path, sheet);
        char what[32];
        snprintf(what, sizeof what, "case %zu", k);
        size_t rows, fast;
        jx_table_status st = both_ways(path, what, &rows, &fast);
        if (st != cases[k].end)
            fail_msg("%s: status %d", what, (int)st);
        if (cases[k].fast >= 0 && fast != (size_t)cases[k].fast)
            fail_msg("%s: %zu rows on the fast path, not %d", what, fast, cases[k].fast);
        free(sheet);
    }
    unlink(path);
}

/**
 * n rows of three cells, as a sheet's rows: a shared string, a styled number, a formula
 * with its value; every other row and its cells without r=, so that rows cut by the
 * end of a 64 KiB piece are read again from a row number that follows on.
 */
static char *many_plain_rows(unsigned n)
{
    size_t cap = (size_t)n * 192 + 1, len = 0;
    char *s = malloc(cap);
    for (unsigned r = 1; r <= n; r++)
        if (r % 2)
            len += (size_t)snprintf(s + len, cap - len,
                                    "<row r=\"%u\" spans=\"1:3\"><c r=\"A%u\" t=\"s\"><v>%u</v></c><c r=\"B%u\" "
                                    "s=\"1\"><v>0.%u</v></c><c r=\"C%u\"><f>B%u*2</f><v>%u</v></c></row>",
                                    r, r, r % 3, r, r, r, r, r * 2);
        else
            len += (size_t)snprintf(s + len, cap - len,
                                    "<row spans=\"1:3\"><c t=\"s\"><v>%u</v></c><c s=\"1\"><v>0.%u</v></c><c><f>B%u*2</f>"
                                    "<v>%u</v></c></row>",
                                    r % 3, r, r, r * 2);
    return s;
}

/**
 * Rows across many 64 KiB pieces of the part, then 400 fixed-seed mutations of them
 * (bytes replaced, deleted, and snippets of markup inserted): every one reads the same
 * both ways, rows, errors and all, under ASan.
 */
static void fast_rows_survive_mutations_as_expat_does(void **state)
{
    (void)state;
    static const char *const snippets[] = {
        "<", ">", "/", "\"", "'", "=", " ", "\r\n", "&amp;", "&#49;", "&bogus;", "<!---->", "<?pi?>",
        "<![CDATA[1]]>", "]]>", "\xe4\xb8\x8a", "\x01", "\xff", "x14ac:a=\"1\" ", "q:a=\"1\" ", "xmlns:q=\"urn:q\" ",
        "</row>", "<row>", "<c>", "</c>", "<v>", "</v>", "<f/>", "<is><t>t</t></is>", "r=\"A1\" ", "</sheetData>",
    };
    char *rows = many_plain_rows(2500);
    size_t nrows = strlen(rows);
    size_t n = strlen(SHEET_HEAD) + nrows + strlen(SHEET_TAIL);
    char *sheet = malloc(n + 64);
    snprintf(sheet, n + 1, "%s%s%s", SHEET_HEAD, rows, SHEET_TAIL);
    free(rows);
    assert_true(n > 3 * 65536);
    char path[128];
    snprintf(path, sizeof path, "%s/mutant.xlsx", scratch());
    write_sheet_book(path, sheet);
    size_t nread, fast;
    assert_int_equal(both_ways(path, "unmutated", &nread, &fast), JX_TABLE_END);
    assert_int_equal(nread, 2500);
    assert_int_equal(fast, 2500);

    uint64_t seed = 0x2545F4914F6CDD1Du;
    unsigned ended = 0, failed = 0;
    char *m = malloc(n + 64);
    for (unsigned i = 0; i < 400; i++) {
        size_t len = n;
        memcpy(m, sheet, n + 1);
        unsigned edits = 1 + (unsigned)(i % 3);
        for (unsigned e = 0; e < edits; e++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            /* past the head, so the part's start stays good and the rows are what changes */
            size_t at = strlen(SHEET_HEAD) + (size_t)(seed % (len - strlen(SHEET_HEAD)));
            unsigned kind = (unsigned)(seed >> 40) % 3;
            if (kind == 0) { /* a byte replaced */
                m[at] = snippets[(seed >> 20) % 7][0];
            } else if (kind == 1 && at + 4 < len) { /* up to 4 bytes deleted */
                size_t d = 1 + (size_t)((seed >> 24) % 4);
                memmove(m + at, m + at + d, len - at - d + 1);
                len -= d;
            } else { /* a snippet inserted, the part kept within its buffer */
                const char *snip = snippets[(seed >> 28) % (sizeof snippets / sizeof snippets[0])];
                size_t sn = strlen(snip);
                if (len + sn > n + 63)
                    continue;
                memmove(m + at + sn, m + at, len - at + 1);
                memcpy(m + at, snip, sn);
                len += sn;
            }
        }
        write_sheet_book(path, m);
        char what[32];
        snprintf(what, sizeof what, "mutation %u", i);
        jx_table_status st = both_ways(path, what, &nread, &fast);
        ended += st == JX_TABLE_END;
        failed += st == JX_TABLE_ERROR;
    }
    /* the mutations reach both outcomes */
    assert_true(ended > 20);
    assert_true(failed > 20);
    free(m);
    free(sheet);
    unlink(path);
}

static int remove_scratch(void **state)
{
    (void)state;
    rmdir(scratch());
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(openpyxl_cells_formats_and_merges),
        cmocka_unit_test(libreoffice_shared_strings_read_the_same),
        cmocka_unit_test(from_memory_reads_as_from_the_file),
        cmocka_unit_test(sheets_all_by_name_by_number_and_missing),
        cmocka_unit_test(date1904_workbook),
        cmocka_unit_test(xlsxwriter_inline_strings_and_cached_formula),
        cmocka_unit_test(libreoffice_calculated_formulas),
        cmocka_unit_test(numbers_as_excel_stores_them),
        cmocka_unit_test(many_rows_hold_no_memory_per_row),
        cmocka_unit_test(truncated_and_not_a_zip),
        cmocka_unit_test(broken_sheet_xml_is_an_error_naming_sheet_and_row),
        cmocka_unit_test(damaged_compressed_sheet_is_an_error),
        cmocka_unit_test(split_zip_is_said_in_chinese),
        cmocka_unit_test(out_of_memory_anywhere_fails_cleanly),
        cmocka_unit_test(prefixed_names_rich_text_and_escapes),
        cmocka_unit_test(missing_sheet_part_is_an_input_error),
        cmocka_unit_test(fast_rows_read_as_expat_reads_every_fixture),
        cmocka_unit_test(fast_rows_hand_back_what_they_do_not_read),
        cmocka_unit_test(fast_rows_survive_mutations_as_expat_does),
    };
    return cmocka_run_group_tests(tests, NULL, remove_scratch);
}
