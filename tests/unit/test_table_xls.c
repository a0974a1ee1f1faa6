/* SPDX-License-Identifier: MIT */
/* test_table_xls.c — the .xls reader: workbooks saved by LibreOffice as Excel 97–2003,
 * password-protected ones and formulas (tests/unit/data/xls, see its README.md); those
 * workbooks with a byte changed where a producer would not change it (a damaged record,
 * a BOOLERR); 2000 + 1000 deterministic mutations of them, which must all end in rows or
 * a clean error (under the sanitizer build, without a leak); and a few compound files
 * built here byte by byte for what no producer at hand writes (a directory of two
 * sectors, a directory chain that loops). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "counting.h"
#include "table.h"
#include "repeat.h"
#include "table_rows.h"
#include "tmpdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ENCRYPTED_MSG "工作簿有密码保护（已加密），无法读取；请在 Excel 或 WPS 中取消密码后另存"
#define CORRUPT_PREFIX "不是可读的 .xls 工作簿（已损坏或不完整）"
#define RECORDS_PREFIX "不是可读的 .xls 工作簿（记录已损坏："

/* ------------------------------------------------------- shared steps */

/** The path of a fixture. */
static const char *fixture(const char *name)
{
    return jx_test_table_fixture("xls", name);
}

/** Opens a fixture (sheet as --sheet, or NULL), which must open. */
static jx_table *open_fixture(const char *name, const char *sheet)
{
    return jx_test_table_open("xls", name, sheet, JX_TABLE_XLS);
}

#define slurp jx_test_slurp
#define expect_row jx_test_expect_row
#define expect_end jx_test_expect_end
#define all_rows jx_test_all_rows

/** Writes v at p, little-endian. */
static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/** Opening path (or, when data is not NULL, data[0..len)) must fail with rc and a message starting with msg. */
static void expect_open_fails(const char *path, const char *data, size_t len, jx_result rc, const char *msg)
{
    jx_table_error err;
    jx_table *t = (jx_table *)&err; /* must be set to NULL */
    jx_result got = data ? jx_table_open_memory(&t, "内存.xls", data, len, NULL, NULL, &err)
                         : jx_table_open(&t, path, NULL, NULL, &err);
    if (got != rc)
        fail_msg("%s: %d (%s), expected %d", path, (int)got, err.message, (int)rc);
    assert_null(t);
    if (strncmp(err.message, msg, strlen(msg)) != 0)
        fail_msg("%s: \"%s\", expected it to start with \"%s\"", path, err.message, msg);
    assert_int_equal(err.line, 0);
}

/* ------------------------------------------------------ real producers */

/** The rows of basic.xls's first sheet (see README.md), as sheet number sheet. */
static void expect_first_sheet(jx_table *t, uint32_t sheet)
{
    expect_row(t, sheet, 1, 4, "项目", "指标", "数值", "日期");
    expect_row(t, sheet, 2, 4, "日常运维经费", "服务人次", "1200", "2024-03-31");
    expect_row(t, sheet, 3, 4, "日常运维经费", "单价", "12.5", "2024-03-31 08:30:00");
    /* row 4 holds only a styled empty cell: skipped */
    /* 0.1 + 0.2, as LibreOffice stores it: 0.29999999999999999 to 17 digits */
    expect_row(t, sheet, 5, 3, "合计", "", "0.3");
    /* 0.97 formatted 0%: .xls through freexl has no number formats, so the fraction */
    expect_row(t, sheet, 6, 4, "满意率", "", "0.97", "备注, 含逗号");
    /* C7 is =C2*2: freexl skips FORMULA records; its cached 2400 is read from the record */
    expect_row(t, sheet, 7, 3, "公式", "", "2400");
    expect_row(t, sheet, 8, 4, "大数", "-1234567.891", "100000000000000000000", "0.333333333333333");
    expect_row(t, sheet, 9, 2, "时间", "08:30:00");
}

static void libreoffice_xls_cells_and_both_sheets(void **state)
{
    (void)state;
    jx_table *t = open_fixture("basic.xls", NULL);
    assert_int_equal(jx_table_sheet_count(t), 2);
    assert_string_equal(jx_table_sheet_name(t, 0), "实际完成值");
    assert_string_equal(jx_table_sheet_name(t, 1), "复核");
    assert_string_equal(jx_table_sheet_name(t, 2), "");
    assert_string_equal(jx_table_encoding(t), "");
    assert_int_equal(jx_table_separator(t), 0);
    size_t len = 1;
    assert_null(jx_table_text(t, &len));
    assert_int_equal(len, 0);
    expect_first_sheet(t, 0);
    expect_row(t, 1, 1, 2, "三级指标", "复核得分");
    expect_row(t, 1, 2, 2, "满意率", "8");
    expect_end(t);
    jx_table_close(t);
}

static void sheets_by_name_by_number_and_missing(void **state)
{
    (void)state;
    jx_table *t = open_fixture("basic.xls", "复核");
    assert_int_equal(jx_table_sheet_count(t), 1);
    assert_string_equal(jx_table_sheet_name(t, 0), "复核");
    expect_row(t, 0, 1, 2, "三级指标", "复核得分");
    expect_row(t, 0, 2, 2, "满意率", "8");
    expect_end(t);
    jx_table_close(t);

    t = open_fixture("basic.xls", "2");
    assert_int_equal(jx_table_sheet_count(t), 1);
    assert_string_equal(jx_table_sheet_name(t, 0), "复核");
    expect_row(t, 0, 1, 2, "三级指标", "复核得分");
    expect_row(t, 0, 2, 2, "满意率", "8");
    expect_end(t);
    jx_table_close(t);

    t = open_fixture("basic.xls", "1");
    assert_int_equal(jx_table_sheet_count(t), 1);
    assert_string_equal(jx_table_sheet_name(t, 0), "实际完成值");
    expect_first_sheet(t, 0);
    expect_end(t);
    jx_table_close(t);

    static const char *const missing[] = {"汇总", "3", "0"};
    for (size_t i = 0; i < 3; i++) {
        jx_table_options opts = {.sheet = missing[i]};
        jx_table_error err;
        jx_table *m = NULL;
        assert_int_equal(jx_table_open(&m, fixture("basic.xls"), &opts, NULL, &err), JX_ERR_INPUT);
        assert_null(m);
        char want[128];
        snprintf(want, sizeof want, "工作簿中没有工作表“%s”", missing[i]);
        assert_non_null(strstr(err.message, want));
        assert_non_null(strstr(err.message, "“实际完成值”、“复核”"));
    }
}

static void from_memory_reads_as_from_the_file(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("xls");
    size_t len;
    char *data = slurp(fixture("basic.xls"), &len);
    jx_table_error err;
    jx_table *m = NULL;
    assert_int_equal(jx_table_open_memory(&m, "实际.xls", data, len, NULL, NULL, &err), JX_OK);
    assert_int_equal(jx_table_get_kind(m), JX_TABLE_XLS);
    assert_int_equal(jx_test_files_in(dir), 0); /* the temporary file is gone once open */
    jx_table *f = open_fixture("basic.xls", NULL);
    char *a = all_rows(m), *b = all_rows(f);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "0:2:日常运维经费|服务人次|1200|2024-03-31|\n"));
    assert_int_equal(jx_table_sheet_count(m), 2);
    assert_string_equal(jx_table_sheet_name(m, 1), "复核");
    free(a);
    free(b);
    jx_table_close(m);
    jx_table_close(f);
    free(data);

    /* failures leave nothing behind either */
    data = slurp(fixture("truncated.xls"), &len);
    expect_open_fails("truncated.xls", data, len, JX_ERR_INPUT, CORRUPT_PREFIX);
    free(data);
    data = slurp(fixture("encrypted.xls"), &len);
    expect_open_fails("encrypted.xls", data, len, JX_ERR_INPUT, ENCRYPTED_MSG);
    free(data);
    assert_int_equal(jx_test_files_in(dir), 0);
}

static void truncated_workbook_is_an_input_error(void **state)
{
    (void)state;
    expect_open_fails(fixture("truncated.xls"), NULL, 0, JX_ERR_INPUT, CORRUPT_PREFIX);
    /* the magic alone */
    static const char magic[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    expect_open_fails("magic", magic, 8, JX_ERR_INPUT, CORRUPT_PREFIX);
    /* the magic and then text */
    static const char text[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1项目,单位\r\n日常运维经费,301001\r\n";
    expect_open_fails("text", text, sizeof text - 1, JX_ERR_INPUT, CORRUPT_PREFIX);
}

static void password_protected_workbooks_say_so(void **state)
{
    (void)state;
    /* an OLE2 file holding EncryptionInfo (a password-protected .xlsx), and .xls files
     * with FILEPASS: the workbook stream in the mini stream, and in regular sectors */
    static const char *const names[] = {"encrypted.xlsx", "encrypted.xls", "encrypted_large.xls"};
    for (size_t i = 0; i < 3; i++) {
        jx_table_error err;
        jx_table *t = NULL;
        assert_int_equal(jx_table_open(&t, fixture(names[i]), NULL, NULL, &err), JX_ERR_INPUT);
        assert_null(t);
        assert_string_equal(err.message, ENCRYPTED_MSG);
        size_t len;
        char *data = slurp(fixture(names[i]), &len);
        expect_open_fails(names[i], data, len, JX_ERR_INPUT, ENCRYPTED_MSG);
        free(data);
    }
}

static void out_of_memory_anywhere_fails_cleanly(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("xls");
    /* basic.xls, and formulas.xls for the cells and texts read beside freexl */
    for (int memory = 0; memory < 4; memory++) {
        const char *name = memory < 2 ? "basic.xls" : "formulas.xls";
        size_t len;
        char *data = slurp(fixture(name), &len);
        for (size_t at = 1;; at++) {
            jx_test_counting books = {0};
            books.fail_at = at;
            jx_allocator a = jx_test_counting_allocator(&books);
            jx_table_error err;
            jx_table *t = NULL;
            jx_result rc = memory % 2 ? jx_table_open_memory(&t, name, data, len, NULL, &a, &err)
                                      : jx_table_open(&t, fixture(name), NULL, &a, &err);
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
            assert_int_equal(jx_test_files_in(dir), 0);
            if (books.calls < at) { /* no call failed: the whole file was read */
                assert_int_equal(rc, JX_OK);
                assert_int_equal(st, JX_TABLE_END);
                break;
            }
            assert_true(rc == JX_ERR_NOMEM || st == JX_TABLE_NOMEM);
        }
        free(data);
    }
}

/* ---------------------------------------------------------- formulas */

/** The rows of formulas.xls's first sheet (see README.md), as sheet number sheet. */
static void expect_formulas(jx_table *t, uint32_t sheet)
{
    expect_row(t, sheet, 1, 4, "项目", "指标", "实际完成值", "说明");
    /* =600*2, and =IF(C2>=1000,"达标","未达标"): a string, in the STRING record */
    expect_row(t, sheet, 2, 4, "日常运维经费", "服务人次", "1200", "达标");
    /* =0.1+0.2: LibreOffice stores 0.30000000000000004, read as freexl's doubles are */
    expect_row(t, sheet, 3, 3, "日常运维经费", "合计", "0.3");
    /* =97/100 formatted 0%: no number formats in .xls here, so the fraction */
    expect_row(t, sheet, 4, 3, "满意率", "", "0.97");
    /* =C2>1000, =C2<1000 */
    expect_row(t, sheet, 5, 3, "判断", "TRUE", "FALSE");
    /* =1/0, =NA(), ="a"+1 */
    expect_row(t, sheet, 6, 4, "错误", "#DIV/0!", "#N/A", "#VALUE!");
    /* ="" is an empty cell */
    expect_row(t, sheet, 7, 1, "空");
    /* a row of formula cells only: =C2+C3, =LEN(D2) */
    expect_row(t, sheet, 8, 3, "", "1200.3", "2");
    /* =DATE(2024,3,31) formatted yyyy-mm-dd, and +0.5 formatted yyyy-mm-dd hh:mm: as freexl
     * reads such numbers when they are no formulas */
    expect_row(t, sheet, 9, 3, "日期", "2024-03-31", "2024-03-31 12:00:00");
    /* =REPT("长",5000): a STRING record of 4110 characters and a CONTINUE of the rest */
    char *long_text = jx_test_repeat("长", 5000);
    expect_row(t, sheet, 10, 2, "长文本", long_text);
    free(long_text);
    expect_row(t, sheet, 11, 2, "三分之一", "0.333333333333333");
}

static void formulas_read_from_their_cached_results(void **state)
{
    (void)state;
    jx_table *t = open_fixture("formulas.xls", NULL);
    assert_int_equal(jx_table_sheet_count(t), 2);
    assert_string_equal(jx_table_sheet_name(t, 0), "实际完成值");
    assert_string_equal(jx_table_sheet_name(t, 1), "复核");
    expect_formulas(t, 0);
    /* =实际完成值!C2 on the second sheet */
    expect_row(t, 1, 1, 2, "1200", "复核");
    expect_end(t);
    jx_table_close(t);

    /* a formula belongs to its sheet, whichever sheets are read */
    static const char *const second[] = {"复核", "2"};
    for (size_t i = 0; i < 2; i++) {
        t = open_fixture("formulas.xls", second[i]);
        assert_int_equal(jx_table_sheet_count(t), 1);
        expect_row(t, 0, 1, 2, "1200", "复核");
        expect_end(t);
        jx_table_close(t);
    }
    t = open_fixture("formulas.xls", "实际完成值");
    expect_formulas(t, 0);
    expect_end(t);
    jx_table_close(t);

    /* from memory the same */
    size_t len;
    char *data = slurp(fixture("formulas.xls"), &len);
    jx_table_error err;
    jx_table *m = NULL;
    assert_int_equal(jx_table_open_memory(&m, "公式.xls", data, len, NULL, NULL, &err), JX_OK);
    t = open_fixture("formulas.xls", NULL);
    char *a = all_rows(m), *b = all_rows(t);
    assert_string_equal(a, b);
    free(a);
    free(b);
    jx_table_close(m);
    jx_table_close(t);
    free(data);
}

/* ------------------------------------------ records changed here, byte by byte */

/** Where the bytes pat[0..n) first occur in data[0..len); fails when nowhere. */
static size_t find(const char *data, size_t len, const char *pat, size_t n)
{
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(data + i, pat, n) == 0)
            return i;
    fail_msg("pattern not found");
    return 0;
}

/** A fixture in memory with the bytes at pat's first place (plus skip) replaced by rep[0..n). */
static char *patched(const char *name, size_t *len, const char *pat, size_t patlen, size_t skip, const char *rep,
                     size_t n)
{
    char *data = slurp(fixture(name), len);
    size_t at = find(data, *len, pat, patlen) + skip;
    assert_true(at + n <= *len);
    memcpy(data + at, rep, n);
    return data;
}

/** Opening name with that change must fail with rc and a message starting with msg. */
static void expect_patch_fails(const char *name, const char *pat, size_t patlen, size_t skip, const char *rep,
                               size_t n, jx_result rc, const char *msg)
{
    size_t len;
    char *data = patched(name, &len, pat, patlen, skip, rep, n);
    expect_open_fails(name, data, len, rc, msg);
    free(data);
}

#define PAT(s) s, sizeof s - 1

static void boolerr_cells_read_as_true_false_and_errors(void **state)
{
    (void)state;
    /* basic.xls's 复核!B2 (RK 8) turned into a BOOLERR of the same length: freexl reads a
     * BOOLERR as the integer 1 or 0, whether TRUE or an error */
    static const char rk[] = "\x7E\x02\x0A\x00\x01\x00\x01\x00\x0F\x00\x22\x00\x00\x00";
    static const struct {
        const char *bytes; /* type, then value and fError */
        const char *reads;
    } cases[] = {
        {"\x05\x02\x0A\x00\x01\x00\x01\x00\x0F\x00\x01\x00", "TRUE"},
        {"\x05\x02\x0A\x00\x01\x00\x01\x00\x0F\x00\x00\x00", "FALSE"},
        {"\x05\x02\x0A\x00\x01\x00\x01\x00\x0F\x00\x07\x01", "#DIV/0!"},
        {"\x05\x02\x0A\x00\x01\x00\x01\x00\x0F\x00\x2A\x01", "#N/A"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        char *data = patched("basic.xls", &len, PAT(rk), 0, cases[i].bytes, 12);
        jx_table_options opts = {.sheet = "复核"};
        jx_table_error err;
        jx_table *t = NULL;
        assert_int_equal(jx_table_open_memory(&t, "b.xls", data, len, &opts, NULL, &err), JX_OK);
        expect_row(t, 0, 1, 2, "三级指标", "复核得分");
        expect_row(t, 0, 2, 2, "满意率", cases[i].reads);
        expect_end(t);
        jx_table_close(t);
        free(data);
    }
    /* an error code Excel does not have, a boolean 2 */
    expect_patch_fails("basic.xls", PAT(rk), 0, "\x05\x02\x0A\x00\x01\x00\x01\x00\x0F\x00\x63\x01", 12,
                       JX_ERR_INPUT, RECORDS_PREFIX);
    expect_patch_fails("basic.xls", PAT(rk), 0, "\x05\x02\x0A\x00\x01\x00\x01\x00\x0F\x00\x02\x00", 12,
                       JX_ERR_INPUT, RECORDS_PREFIX);
}

static void damaged_records_are_refused_before_freexl(void **state)
{
    (void)state;
    /* basic.xls's records (README.md): each changed so freexl would read past a buffer,
     * leak, or lose data without a word */
    static const char labelsst[] = "\xFD\x00\x0A\x00\x00\x00\x00\x00\x15\x00\x00\x00\x00\x00";
    static const char mulrk[] = "\xBD\x00\x12\x00\x01\x00\x02\x00";
    static const char dimension[] = "\x00\x02\x0E\x00\x00\x00\x00\x00\x09\x00\x00\x00";
    static const char sst[] = "\xFC\x00\x9F\x00\x11\x00\x00\x00\x0F\x00\x00\x00";
    static const char boundsheet[] = "\x85\x00\x12\x00";
    static const char row[] = "\x08\x02\x10\x00\x00\x00\x00\x00";
    static const char last_eof[] = "\x22\x00\x00\x00\x0A\x00\x00\x00";
    static const char format[] = "\x1E\x04\x0C\x00\xA4\x00\x07\x00";
    /* a string index past the SST */
    expect_patch_fails("basic.xls", PAT(labelsst), 10, "\x00\x10", 2, JX_ERR_INPUT, RECORDS_PREFIX);
    /* the same cell twice: the second LABELSST of row 1 set to column A */
    static const char labelsst2[] = "\xFD\x00\x0A\x00\x00\x00\x01\x00\x15\x00";
    expect_patch_fails("basic.xls", PAT(labelsst2), 6, "\x00\x00", 2, JX_ERR_INPUT, RECORDS_PREFIX);
    /* a MULRK whose last column does not match its cells */
    expect_patch_fails("basic.xls", PAT(mulrk), 20, "\x05\x00", 2, JX_ERR_INPUT, RECORDS_PREFIX);
    /* cells below the DIMENSION (5 rows of 9) */
    expect_patch_fails("basic.xls", PAT(dimension), 8, "\x05", 1, JX_ERR_INPUT, RECORDS_PREFIX);
    /* a DIMENSION wider than a sheet */
    expect_patch_fails("basic.xls", PAT(dimension), 14, "\x01\x01", 2, JX_ERR_INPUT, RECORDS_PREFIX);
    /* an SST declaring one string more than it holds, or a million more */
    expect_patch_fails("basic.xls", PAT(sst), 8, "\x10", 1, JX_ERR_INPUT, RECORDS_PREFIX);
    expect_patch_fails("basic.xls", PAT(sst), 8, "\x10\x00\x10", 3, JX_ERR_INPUT, RECORDS_PREFIX);
    /* the first sheet's BOUNDSHEET pointing a byte off its BOF */
    static const char bs_off[] = "\x37";
    expect_patch_fails("basic.xls", PAT(boundsheet), 4, bs_off, 1, JX_ERR_INPUT, RECORDS_PREFIX);
    /* a sheet name longer than its record */
    expect_patch_fails("basic.xls", PAT(boundsheet), 10, "\x40", 1, JX_ERR_INPUT, RECORDS_PREFIX);
    /* a ROW longer than 8224 bytes */
    expect_patch_fails("basic.xls", PAT(row), 2, "\x21\x20", 2, JX_ERR_INPUT, RECORDS_PREFIX);
    /* a FORMAT whose string runs past its record */
    expect_patch_fails("basic.xls", PAT(format), 6, "\x70", 1, JX_ERR_INPUT, RECORDS_PREFIX);
    /* the last EOF claiming bytes past the end of the stream */
    size_t len;
    char *data = slurp(fixture("basic.xls"), &len);
    size_t at = 2048 + 3065 - 4; /* the stream lies at sector 3 onwards (README.md) */
    assert_memory_equal(data + at, last_eof + 4, 4);
    data[at + 2] = 0x40;
    expect_open_fails("eof", data, len, JX_ERR_INPUT, RECORDS_PREFIX);
    free(data);
    /* a formula whose string result has no STRING record after it */
    static const char string[] = "\x07\x02\x07\x00\x02\x00\x01\xBE\x8F\x07\x68";
    expect_patch_fails("formulas.xls", PAT(string), 0, "\x0B\x0A", 2, JX_ERR_INPUT, RECORDS_PREFIX);
    /* its STRING shorter than the text it declares */
    expect_patch_fails("formulas.xls", PAT(string), 4, "\x03", 1, JX_ERR_INPUT, RECORDS_PREFIX);
    /* a formula's error value Excel does not have */
    static const char div0[] = "\x06\x00\x1D\x00\x05\x00\x01\x00\x0F\x00\x02\x00\x07";
    expect_patch_fails("formulas.xls", PAT(div0), 12, "\x08", 1, JX_ERR_INPUT, RECORDS_PREFIX);
    /* a FORMULA shorter than its layout: the first LABELSST's type made FORMULA's */
    expect_patch_fails("basic.xls", PAT(labelsst), 0, "\x06\x00", 2, JX_ERR_INPUT, RECORDS_PREFIX);
}

/** The little-endian u32 at data + at. */
static uint32_t get32(const char *data, size_t at)
{
    const unsigned char *p = (const unsigned char *)data + at;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/** The byte where a 512-byte-sector file's directory entry i starts (first directory sector). */
static size_t dir_at(const char *data, unsigned i)
{
    return ((size_t)get32(data, 48) + 1) * 512 + 128 * i;
}

static void damaged_streams_are_refused_before_freexl(void **state)
{
    (void)state;
    /* basic.xls: its workbook stream (3065 bytes, the directory's second entry) lies in
     * the mini stream, the root entry's 3712 bytes in consecutive sectors */
    static const char workbook[] = "W\0o\0r\0k\0b\0o\0o\0k\0\0";
    size_t len;
    char *orig = slurp(fixture("basic.xls"), &len);
    const size_t book = dir_at(orig, 1), root = dir_at(orig, 0);
    assert_memory_equal(orig + book, workbook, sizeof workbook);
    assert_int_equal(get32(orig, book + 120), 3065);
    assert_int_equal(get32(orig, root + 120), 3712);
    const uint32_t root_last = get32(orig, root + 116) + 3712 / 512; /* the root entry's last sector */
    assert_int_equal(get32(orig, 512 + 4 * root_last), 0xFFFFFFFEu);
    const size_t minifat = ((size_t)get32(orig, 60) + 1) * 512;
    assert_int_equal(get32(orig, minifat + 4 * 5), 6);
    char *data = malloc(len);
    assert_non_null(data);

    /* a stream longer than the mini stream holding it (3800 bytes, its mini FAT chain
     * made as long): freexl read past its copy of the mini stream */
    memcpy(data, orig, len);
    put32((unsigned char *)data + book + 120, 3800);
    for (uint32_t i = 47; i < 59; i++)
        put32((unsigned char *)data + minifat + 4 * i, i + 1);
    put32((unsigned char *)data + minifat + 4 * 59, 0xFFFFFFFEu);
    expect_open_fails("long stream", data, len, JX_ERR_INPUT, CORRUPT_PREFIX);
    /* a stream said to start at mini sector 1: freexl would read it from 0 anyway */
    memcpy(data, orig, len);
    put32((unsigned char *)data + book + 116, 1);
    expect_open_fails("mini start", data, len, JX_ERR_INPUT, CORRUPT_PREFIX);
    /* the root entry's chain going on past its size: freexl leaked its mini stream */
    memcpy(data, orig, len);
    put32((unsigned char *)data + 512 + 4 * root_last, get32(orig, 48));
    expect_open_fails("root chain", data, len, JX_ERR_INPUT, CORRUPT_PREFIX);
    /* the mini FAT no longer chaining the stream's mini sectors in order */
    memcpy(data, orig, len);
    put32((unsigned char *)data + minifat + 4 * 5, 9);
    expect_open_fails("mini FAT", data, len, JX_ERR_INPUT, CORRUPT_PREFIX);
    /* the entry's name longer than the 64 bytes it has */
    memcpy(data, orig, len);
    data[book + 64] = 70;
    expect_open_fails("name length", data, len, JX_ERR_INPUT, CORRUPT_PREFIX);
    /* a free slot in the header's FAT list before a used one: freexl would skip it */
    memcpy(data, orig, len);
    put32((unsigned char *)data + 76, 0xFFFFFFFFu);
    put32((unsigned char *)data + 80, get32(orig, 76));
    put32((unsigned char *)data + 44, 2);
    expect_open_fails("FAT list", data, len, JX_ERR_INPUT, CORRUPT_PREFIX);
    free(data);
    free(orig);

    /* formulas.xls: its stream (13446 bytes) in consecutive regular sectors, its chain
     * cut short at the fourth */
    data = slurp(fixture("formulas.xls"), &len);
    const size_t fbook = dir_at(data, 1);
    assert_memory_equal(data + fbook, workbook, sizeof workbook);
    assert_int_equal(get32(data, fbook + 120), 13446);
    const uint32_t first = get32(data, fbook + 116);
    const size_t fat = ((size_t)get32(data, 76) + 1) * 512;
    assert_int_equal(get32(data, fat + 4 * (first + 2)), first + 3);
    put32((unsigned char *)data + fat + 4 * (first + 3), 0xFFFFFFFEu);
    expect_open_fails("short chain", data, len, JX_ERR_INPUT, CORRUPT_PREFIX);
    free(data);
}

static void long_texts_and_charts_say_what_is_unreadable(void **state)
{
    (void)state;
    /* longtext.xls: a text of 10000 characters, an SST string in three records: freexl
     * would read the third as more strings, having copied past its record */
    expect_open_fails(fixture("longtext.xls"), NULL, 0, JX_ERR_INPUT,
                      "工作簿中有一个长达数千字、跨越多个记录的文本单元格，本程序的 .xls 读取器无法读取");
    /* chart.xls: a sheet with a chart in it, nested in its records (freexl fails on it) */
    expect_open_fails(fixture("chart.xls"), NULL, 0, JX_ERR_INPUT,
                      "第 1 个工作表中有嵌入的图表或对象（或记录已损坏），本程序的 .xls 读取器无法读取");
}

/* ------------------------------------------------------------ mutations */

/** The next number of a xorshift64 generator. */
static uint64_t xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/**
 * The offsets in the file of the length fields of the workbook stream's records (at most
 * max), found by walking from the stream's first BOF: the fixtures' streams lie in
 * consecutive sectors.
 */
static size_t record_lengths(const unsigned char *d, size_t n, size_t *out, size_t max)
{
    static const unsigned char bof[] = {0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00};
    size_t p = 0, k = 0;
    while (p + sizeof bof <= n && memcmp(d + p, bof, sizeof bof) != 0)
        p++;
    while (p + 4 <= n && k < max) {
        size_t type = d[p] | (size_t)d[p + 1] << 8, len = d[p + 2] | (size_t)d[p + 3] << 8;
        if (type == 0 && len == 0)
            break;
        out[k++] = p + 2;
        p += 4 + len;
    }
    return k;
}

/**
 * count mutations of the fixture name, from seed: a byte flipped, a record's length
 * overwritten (0, one more or less, 0xFFFF, 8225, or anything) or the file cut short,
 * a third each. Each opened from memory and read to the end must give rows or a clean
 * input error; under the sanitizer build, no crash and (LeakSanitizer at exit) no leak.
 */
static void mutate_and_read(const char *name, unsigned count, uint64_t seed)
{
    size_t len;
    char *orig = slurp(fixture(name), &len);
    char *buf = malloc(len);
    assert_non_null(buf);
    static size_t lens[2048];
    size_t nlens = record_lengths((const unsigned char *)orig, len, lens, 2048);
    assert_true(nlens > 50);
    unsigned read = 0, refused = 0, broken = 0;
    for (unsigned i = 0; i < count; i++) {
        memcpy(buf, orig, len);
        size_t n = len;
        uint64_t what = xorshift(&seed) % 3;
        if (what == 0) {
            buf[xorshift(&seed) % len] ^= (char)(1 + xorshift(&seed) % 255);
        } else if (what == 1) {
            size_t at = lens[xorshift(&seed) % nlens];
            unsigned old = (unsigned char)buf[at] | (unsigned char)buf[at + 1] << 8, v;
            switch (xorshift(&seed) % 6) {
            case 0: v = 0; break;
            case 1: v = old + 1; break;
            case 2: v = old - 1; break;
            case 3: v = 0xFFFF; break;
            case 4: v = 8225; break;
            default: v = (unsigned)(xorshift(&seed) % 0x10000); break;
            }
            buf[at] = (char)v;
            buf[at + 1] = (char)(v >> 8);
        } else {
            n = 8 + xorshift(&seed) % (len - 8);
        }
        jx_table_error err;
        jx_table *t = NULL;
        jx_result rc = jx_table_open_memory(&t, "变异.xls", buf, n, NULL, NULL, &err);
        if (rc != JX_OK) {
            if (rc != JX_ERR_INPUT)
                fail_msg("%s mutation %u: %d (%s)", name, i, (int)rc, err.message);
            assert_null(t);
            refused++;
            continue;
        }
        jx_table_row row;
        jx_table_status st;
        while ((st = jx_table_next(t, &row)) == JX_TABLE_ROW)
            for (size_t c = 0; c < row.ncells; c++)
                assert_true(row.cells[c].n == 0 || row.cells[c].s != NULL);
        if (st != JX_TABLE_END && st != JX_TABLE_ERROR)
            fail_msg("%s mutation %u: status %d", name, i, (int)st);
        if (st == JX_TABLE_END)
            read++;
        else
            broken++;
        jx_table_close(t);
    }
    /* the mutations reach both outcomes: not all stopped at the compound file */
    assert_true(read > count / 10);
    assert_true(refused > count / 10);
    (void)broken;
    free(buf);
    free(orig);
}

static void mutations_never_crash_nor_leak(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("xls");
    mutate_and_read("basic.xls", 2000, 0x9E3779B97F4A7C15u);
    mutate_and_read("formulas.xls", 1000, 0xD1B54A32D192ED03u);
    assert_int_equal(jx_test_files_in(dir), 0);
}

/* ------------------------------------------ compound files built here */

#define SECTOR 512
#define FREESECT 0xFFFFFFFFu
#define ENDOFCHAIN 0xFFFFFFFEu
#define FATSECT 0xFFFFFFFDu

/** A directory entry at e: name (ASCII) in UTF-16LE, type, first sector, size. */
static void dir_entry(unsigned char *e, const char *name, unsigned char type, uint32_t start, uint32_t size)
{
    memset(e, 0, 128);
    size_t n = strlen(name);
    for (size_t i = 0; i < n; i++)
        e[2 * i] = (unsigned char)name[i];
    e[64] = (unsigned char)(2 * (n + 1));
    e[66] = type;
    put32(e + 68, FREESECT); /* no siblings, no child */
    put32(e + 72, FREESECT);
    put32(e + 76, FREESECT);
    put32(e + 116, start);
    put32(e + 120, size);
}

/**
 * A version 3 compound file of 512-byte sectors into buf (4 sectors after the header):
 * sector 0 the FAT, sectors 1 and 2 the directory (chained 1 → 2, or 1 → 2 → 1 when
 * loop), sector 3 a stream "Data". The second directory sector holds "last" as its first
 * entry. Returns the size.
 */
static size_t build_cfb(unsigned char *buf, const char *last, bool loop)
{
    memset(buf, 0, SECTOR * 5);
    unsigned char *h = buf;
    memcpy(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    h[24] = 0x3E;  /* minor version */
    h[26] = 3;     /* major version */
    h[28] = 0xFE;  /* byte order FFFE */
    h[29] = 0xFF;
    h[30] = 9;     /* 512-byte sectors */
    h[32] = 6;     /* 64-byte mini sectors */
    put32(h + 44, 1);          /* FAT sectors */
    put32(h + 48, 1);          /* first directory sector */
    put32(h + 56, 4096);       /* mini stream cutoff */
    put32(h + 60, ENDOFCHAIN); /* no mini FAT */
    put32(h + 68, ENDOFCHAIN); /* no DIFAT sectors */
    for (int i = 0; i < 109; i++)
        put32(h + 76 + 4 * i, i == 0 ? 0 : FREESECT);
    unsigned char *fat = buf + SECTOR;
    for (int i = 0; i < SECTOR / 4; i++)
        put32(fat + 4 * i, FREESECT);
    put32(fat + 0, FATSECT);
    put32(fat + 4, 2);
    put32(fat + 8, loop ? 1 : ENDOFCHAIN);
    put32(fat + 12, ENDOFCHAIN);
    unsigned char *dir1 = buf + 2 * SECTOR, *dir2 = buf + 3 * SECTOR;
    dir_entry(dir1, "Root Entry", 5, ENDOFCHAIN, 0);
    dir_entry(dir1 + 128, "Data", 2, 3, 4096);
    dir_entry(dir1 + 256, "\x05SummaryInformation", 2, ENDOFCHAIN, 0);
    dir_entry(dir1 + 384, "\x05DocumentSummaryInformation", 2, ENDOFCHAIN, 0);
    dir_entry(dir2, last, 2, ENDOFCHAIN, 0);
    memset(buf + 4 * SECTOR, 'x', SECTOR);
    return SECTOR * 5;
}

static void encryption_info_in_a_later_directory_sector(void **state)
{
    (void)state;
    unsigned char buf[SECTOR * 5];
    size_t n = build_cfb(buf, "EncryptionInfo", false);
    expect_open_fails("two sectors", (const char *)buf, n, JX_ERR_INPUT, ENCRYPTED_MSG);
    /* any ASCII case, as names in a compound file compare */
    n = build_cfb(buf, "encryptioninfo", false);
    expect_open_fails("lower case", (const char *)buf, n, JX_ERR_INPUT, ENCRYPTED_MSG);
    /* a storage of that name is not the stream */
    n = build_cfb(buf, "EncryptionInfo", false);
    buf[3 * SECTOR + 66] = 1;
    expect_open_fails("storage", (const char *)buf, n, JX_ERR_INPUT, CORRUPT_PREFIX);
    /* another name: no workbook in it, so not a readable .xls */
    n = build_cfb(buf, "EncryptionInfo2", false);
    expect_open_fails("other name", (const char *)buf, n, JX_ERR_INPUT, CORRUPT_PREFIX);
}

static void damaged_compound_files_end_the_search(void **state)
{
    (void)state;
    unsigned char buf[SECTOR * 5];
    /* a directory chain that loops: the search ends, and it is not a workbook */
    size_t n = build_cfb(buf, "Data2", true);
    expect_open_fails("loop", (const char *)buf, n, JX_ERR_INPUT, CORRUPT_PREFIX);
    /* the directory outside the file */
    n = build_cfb(buf, "EncryptionInfo", false);
    put32(buf + 48, 4000);
    expect_open_fails("far directory", (const char *)buf, n, JX_ERR_INPUT, CORRUPT_PREFIX);
    /* the directory chain leaving the file, and a header with no FAT sectors */
    n = build_cfb(buf, "EncryptionInfo", false);
    put32(buf + SECTOR + 4, 200000);
    expect_open_fails("chain leaves", (const char *)buf, n, JX_ERR_INPUT, CORRUPT_PREFIX);
    n = build_cfb(buf, "EncryptionInfo", false);
    put32(buf + 44, 0);
    expect_open_fails("no FAT", (const char *)buf, n, JX_ERR_INPUT, CORRUPT_PREFIX);
    /* a FAT entry past the header's 109 FAT sectors, with no DIFAT sector to say where */
    n = build_cfb(buf, "EncryptionInfo", false);
    put32(buf + SECTOR + 4, 109 * 128 + 5);
    put32(buf + 44, 200);
    put32(buf + 68, 70000);
    put32(buf + 72, 0);
    expect_open_fails("no DIFAT", (const char *)buf, n, JX_ERR_INPUT, CORRUPT_PREFIX);
    /* a bad sector size */
    n = build_cfb(buf, "EncryptionInfo", false);
    buf[30] = 20;
    expect_open_fails("sector size", (const char *)buf, n, JX_ERR_INPUT, CORRUPT_PREFIX);
    /* cut inside the second directory sector */
    n = build_cfb(buf, "EncryptionInfo", false);
    expect_open_fails("cut", (const char *)buf, 3 * SECTOR + 40, JX_ERR_INPUT, CORRUPT_PREFIX);
}

static void directory_found_through_a_difat_sector(void **state)
{
    (void)state;
    /* the FAT of sectors 13952… is the 110th FAT sector, listed in a DIFAT sector, not in
     * the header: the directory is put at sectors 14000 → 14001, a file of 7 MB */
    const uint32_t d = 14000;
    size_t n = ((size_t)d + 3) * SECTOR;
    unsigned char *buf = calloc(1, n);
    assert_non_null(buf);
    build_cfb(buf, "EncryptionInfo", false);
    put32(buf + 44, 110);        /* FAT sectors: 0, and 2 through the DIFAT */
    put32(buf + 48, d);          /* first directory sector */
    put32(buf + 68, 1);          /* the DIFAT sector is sector 1 */
    put32(buf + 72, 1);
    unsigned char *difat = buf + 2 * SECTOR;
    for (int i = 0; i < SECTOR / 4; i++)
        put32(difat + 4 * i, FREESECT);
    put32(difat + 0, 2);                     /* FAT sector 109 is sector 2 */
    put32(difat + SECTOR - 4, ENDOFCHAIN);   /* no more DIFAT sectors */
    unsigned char *fat2 = buf + 3 * SECTOR;
    for (int i = 0; i < SECTOR / 4; i++)
        put32(fat2 + 4 * i, FREESECT);
    put32(fat2 + 4 * (d % 128), d + 1);      /* the directory chain: d → d + 1 → end */
    put32(fat2 + 4 * (d % 128 + 1), ENDOFCHAIN);
    unsigned char *dir1 = buf + ((size_t)d + 1) * SECTOR, *dir2 = dir1 + SECTOR;
    dir_entry(dir1, "Root Entry", 5, ENDOFCHAIN, 0);
    dir_entry(dir1 + 128, "a", 2, ENDOFCHAIN, 0);
    dir_entry(dir1 + 256, "b", 2, ENDOFCHAIN, 0);
    dir_entry(dir1 + 384, "c", 2, ENDOFCHAIN, 0);
    dir_entry(dir2, "EncryptionInfo", 2, ENDOFCHAIN, 0);
    expect_open_fails("difat", (const char *)buf, n, JX_ERR_INPUT, ENCRYPTED_MSG);
    /* without the DIFAT sector the chain cannot be followed past d */
    put32(buf + 72, 0);
    expect_open_fails("difat", (const char *)buf, n, JX_ERR_INPUT, CORRUPT_PREFIX);
    free(buf);
}

static void a_workbook_stream_of_exactly_4096_bytes(void **state)
{
    (void)state;
    /* MS-CFB keeps a stream of 4096 bytes in regular sectors; freexl looks for it in the
     * mini stream when the file has one (Excel pads small workbooks to 4096 bytes) */
    unsigned char buf[SECTOR * 5];
    size_t n = build_cfb(buf, "Data2", false);
    dir_entry(buf + 2 * SECTOR + 128, "Workbook", 2, 3, 4096);
    put32(buf + 60, 3); /* a mini FAT of one sector (3, the stream's own: no matter here) */
    put32(buf + 64, 1);
    expect_open_fails("4096", (const char *)buf, n, JX_ERR_INPUT,
                      "工作簿的数据流恰为 4096 字节，本程序的 .xls 读取器无法读取");
    /* without a mini FAT freexl reads it from its sectors: here the chain is too short */
    put32(buf + 64, 0);
    expect_open_fails("4096", (const char *)buf, n, JX_ERR_INPUT, CORRUPT_PREFIX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(libreoffice_xls_cells_and_both_sheets),
        cmocka_unit_test(sheets_by_name_by_number_and_missing),
        cmocka_unit_test(from_memory_reads_as_from_the_file),
        cmocka_unit_test(truncated_workbook_is_an_input_error),
        cmocka_unit_test(password_protected_workbooks_say_so),
        cmocka_unit_test(out_of_memory_anywhere_fails_cleanly),
        cmocka_unit_test(formulas_read_from_their_cached_results),
        cmocka_unit_test(boolerr_cells_read_as_true_false_and_errors),
        cmocka_unit_test(damaged_records_are_refused_before_freexl),
        cmocka_unit_test(damaged_streams_are_refused_before_freexl),
        cmocka_unit_test(long_texts_and_charts_say_what_is_unreadable),
        cmocka_unit_test(mutations_never_crash_nor_leak),
        cmocka_unit_test(encryption_info_in_a_later_directory_sector),
        cmocka_unit_test(damaged_compound_files_end_the_search),
        cmocka_unit_test(directory_found_through_a_difat_sector),
        cmocka_unit_test(a_workbook_stream_of_exactly_4096_bytes),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(jx_test_private_tmpdir("xls")); /* empty unless a temporary file was left behind */
    return failed;
}
