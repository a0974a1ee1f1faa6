/* test_table_xls.c — the .xls reader: workbooks saved by LibreOffice as Excel 97–2003,
 * password-protected ones (tests/unit/data/xls, see its README.md), and a few compound
 * files built here byte by byte for what no producer at hand writes (a directory of two
 * sectors, a directory chain that loops). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "counting.h"
#include "table.h"
#include "tmpdir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ENCRYPTED_MSG "工作簿有密码保护（已加密），无法读取；请在 Excel 或 WPS 中取消密码后另存"
#define CORRUPT_PREFIX "不是可读的 .xls 工作簿（已损坏或不完整）"

/* ------------------------------------------------------- shared steps */

/** The path of a fixture. */
static const char *fixture(const char *name)
{
    static char path[1024];
    const char *dir = getenv("JX_TESTS_DIR");
    snprintf(path, sizeof path, "%s/unit/data/xls/%s", dir ? dir : ".", name); /* ctest runs in tests/ */
    return path;
}

/** Opens a fixture (sheet as --sheet, or NULL), which must open. */
static jx_table *open_fixture(const char *name, const char *sheet)
{
    jx_table_options opts = {NULL, sheet};
    jx_table_error err;
    jx_table *t = NULL;
    jx_result rc = jx_table_open(&t, fixture(name), &opts, NULL, &err);
    if (rc != JX_OK)
        fail_msg("%s: %d %s", name, (int)rc, err.message);
    assert_non_null(t);
    assert_int_equal(jx_table_get_kind(t), JX_TABLE_XLS);
    return t;
}

/** The whole file, read into memory; *len its size. Free with free(). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    assert_true(n > 0);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/**
 * The next row must be sheet's row rowno with exactly the n cells given (each a
 * NUL-terminated string; "" for an empty cell).
 */
static void expect_row(jx_table *t, uint32_t sheet, uint32_t rowno, size_t n, ...)
{
    jx_table_row row;
    jx_table_status st = jx_table_next(t, &row);
    if (st != JX_TABLE_ROW)
        fail_msg("row %u: status %d (%s)", (unsigned)rowno, (int)st, jx_table_last_error(t)->message);
    assert_int_equal(row.sheet, sheet);
    assert_int_equal(row.row, rowno);
    assert_int_equal(row.off, 0);
    if (row.ncells != n)
        fail_msg("row %u: %zu cells, expected %zu", (unsigned)rowno, row.ncells, n);
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++) {
        const char *want = va_arg(ap, const char *);
        const jx_table_cell *c = &row.cells[i];
        if (c->n != strlen(want) || memcmp(c->s, want, c->n) != 0)
            fail_msg("row %u column %zu: \"%.*s\", expected \"%s\"", (unsigned)rowno, i + 1, (int)c->n, c->s, want);
        assert_int_equal(c->line, rowno);
        assert_int_equal(c->col, i + 1);
        assert_int_equal(c->off, 0);
    }
    va_end(ap);
    assert_int_not_equal(row.cells[n - 1].n, 0); /* the last cell is never empty */
}

static void expect_end(jx_table *t)
{
    jx_table_row row;
    assert_int_equal(jx_table_next(t, &row), JX_TABLE_END);
    assert_int_equal(jx_table_next(t, &row), JX_TABLE_END);
}

/** Every row of t written out as "sheet:row:cell|cell|…\n" into a malloc'd string. */
static char *all_rows(jx_table *t)
{
    size_t cap = 4096, len = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    s[0] = '\0';
    jx_table_row row;
    jx_table_status st;
    while ((st = jx_table_next(t, &row)) == JX_TABLE_ROW) {
        size_t need = 64;
        for (size_t i = 0; i < row.ncells; i++)
            need += row.cells[i].n + 1;
        while (len + need >= cap) {
            cap *= 2;
            s = realloc(s, cap);
            assert_non_null(s);
        }
        len += (size_t)sprintf(s + len, "%u:%u:", (unsigned)row.sheet, (unsigned)row.row);
        for (size_t i = 0; i < row.ncells; i++) {
            memcpy(s + len, row.cells[i].s, row.cells[i].n);
            len += row.cells[i].n;
            s[len++] = '|';
        }
        s[len++] = '\n';
        s[len] = '\0';
    }
    assert_int_equal(st, JX_TABLE_END);
    return s;
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
    /* C7 is =C2*2 (2400 cached): freexl skips FORMULA records, so it reads empty */
    expect_row(t, sheet, 7, 1, "公式");
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
        jx_table_options opts = {NULL, missing[i]};
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
    size_t len;
    char *data = slurp(fixture("basic.xls"), &len);
    for (int memory = 0; memory < 2; memory++) {
        for (size_t at = 1;; at++) {
            jx_test_counting books = {0};
            books.fail_at = at;
            jx_allocator a = jx_test_counting_allocator(&books);
            jx_table_error err;
            jx_table *t = NULL;
            jx_result rc = memory ? jx_table_open_memory(&t, "basic.xls", data, len, NULL, &a, &err)
                                  : jx_table_open(&t, fixture("basic.xls"), NULL, &a, &err);
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
    }
    free(data);
}

/* ------------------------------------------ compound files built here */

#define SECTOR 512
#define FREESECT 0xFFFFFFFFu
#define ENDOFCHAIN 0xFFFFFFFEu
#define FATSECT 0xFFFFFFFDu

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(libreoffice_xls_cells_and_both_sheets),
        cmocka_unit_test(sheets_by_name_by_number_and_missing),
        cmocka_unit_test(from_memory_reads_as_from_the_file),
        cmocka_unit_test(truncated_workbook_is_an_input_error),
        cmocka_unit_test(password_protected_workbooks_say_so),
        cmocka_unit_test(out_of_memory_anywhere_fails_cleanly),
        cmocka_unit_test(encryption_info_in_a_later_directory_sector),
        cmocka_unit_test(damaged_compound_files_end_the_search),
        cmocka_unit_test(directory_found_through_a_difat_sector),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(jx_test_private_tmpdir("xls")); /* empty unless a temporary file was left behind */
    return failed;
}
