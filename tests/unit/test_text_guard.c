/* SPDX-License-Identifier: MIT */
/* test_text_guard.c — text that enters from outside: rule files decoded and checked as
 * UTF-8 (import_decode.h "rule files", the reader, policies), and the CSV formula guard
 * (csv.h) written and read back. Hostile bytes are written as escapes in the literals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "csv.h"
#include "import_decode.h"
#include "model.h"
#include "reader.h"
#include "write_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* "项目 \"甲\" {\n 单位 \"乙\"\n}\n" as UTF-8, and the same saved as UTF-16LE and GBK. */
#define PROJ_UTF8 "项目 \"甲\" {\n 单位 \"乙\"\n}\n"

/* ----------------------------------------------------------- the decoder */

static void bom_is_found(void **state)
{
    (void)state;
    const char *enc;
    assert_int_equal(jx_imp_bom("\xEF\xBB\xBFx", 4, &enc), 3);
    assert_string_equal(enc, "utf-8");
    assert_int_equal(jx_imp_bom("\xFF\xFEx\0", 4, &enc), 2);
    assert_string_equal(enc, "utf-16le");
    assert_int_equal(jx_imp_bom("\xFE\xFF\0x", 4, &enc), 2);
    assert_string_equal(enc, "utf-16be");
    assert_int_equal(jx_imp_bom("\xEF\xBB", 2, &enc), 0); /* cut short: no BOM */
    assert_null(enc);
}

static void scan_counts_bad_bytes(void **state)
{
    (void)state;
    /* "a项" is one sequence; 0xFF and a lone continuation 0x80 are two bad bytes; the
     * first at offset 4 (a = 0, 项 = 1..3) */
    jx_text_scan sc = jx_text_utf8_scan("a项\xFF\x80z", 7);
    assert_int_equal(sc.first_bad, 4);
    assert_int_equal(sc.bad, 2);
    assert_int_equal(sc.multibyte, 1);
    sc = jx_text_utf8_scan("plain", 5);
    assert_int_equal(sc.bad, 0);
    assert_int_equal(sc.first_bad, 5);
    /* an overlong "/" (C0 AF) and a surrogate (ED A0 80) are not UTF-8 either */
    sc = jx_text_utf8_scan("\xC0\xAF\xED\xA0\x80", 5);
    assert_int_equal(sc.bad, 5);
}

/* Records the runs jx_text_utf8_mend reports. */
typedef struct runs {
    size_t off[4], nbytes[4];
    unsigned char first[4];
    size_t n;
} runs;

static void on_run(void *ud, size_t off, size_t nbytes, unsigned char first)
{
    runs *r = ud;
    r->off[r->n] = off;
    r->nbytes[r->n] = nbytes;
    r->first[r->n++] = first;
}

static void mend_replaces_each_bad_byte(void **state)
{
    (void)state;
    char out[64];
    runs r = {{0}, {0}, {0}, 0};
    /* "a" FF FE "b" E4: a run of two, then a cut sequence at the end (one byte) */
    size_t n = jx_text_utf8_mend("a\xFF\xFE" "b\xE4", 5, out, on_run, &r);
    const char want[] = "a\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD";
    assert_int_equal(n, sizeof want - 1);
    assert_memory_equal(out, want, n);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.off[0], 1); /* after "a" */
    assert_int_equal(r.nbytes[0], 2);
    assert_int_equal(r.first[0], 0xFF);
    assert_int_equal(r.off[1], 8); /* a, two U+FFFD (6 bytes), b */
    assert_int_equal(r.nbytes[1], 1);
    assert_int_equal(r.first[1], 0xE4);
}

static void gbk_text_is_told_from_broken_utf8(void **state)
{
    (void)state;
    char reason[512];
    /* "项目 甲" in GBK: CF EE C4 BF 20 BC D7 — six bad bytes, no UTF-8 sequence */
    const char gbk[] = "\xCF\xEE\xC4\xBF \xBC\xD7";
    jx_text_scan sc = jx_text_utf8_scan(gbk, sizeof gbk - 1);
    assert_true(jx_imp_rule_not_utf8(NULL, gbk, sizeof gbk - 1, &sc, reason, sizeof reason));
    assert_non_null(strstr(reason, "不是 UTF-8"));
    assert_non_null(strstr(reason, "0xCF")); /* the first bad byte */
    assert_non_null(strstr(reason, "gb18030"));
    /* mostly UTF-8 with one bad byte: not GBK, the byte is an error of its own */
    const char broken[] = "项目 甲\xFF";
    sc = jx_text_utf8_scan(broken, sizeof broken - 1);
    assert_false(jx_imp_rule_not_utf8(NULL, broken, sizeof broken - 1, &sc, reason, sizeof reason));
    /* more bad bytes than sequences but no GB18030 either (0xFF never is): not GBK */
    sc = jx_text_utf8_scan("ab\xFF", 3);
    assert_false(jx_imp_rule_not_utf8(NULL, "ab\xFF", 3, &sc, reason, sizeof reason));
}

/* ------------------------------------------------------------- the reader */

/* Reads the one project of a file holding data[0..len); checks its name and 单位. */
static void read_one(const char *data, size_t len, bool from_file)
{
    jx_reader *rd = NULL;
    if (from_file) {
        assert_int_equal(jx_reader_open(&rd, jx_test_temp_file(data, len), NULL), JX_OK);
        jx_reader_set_chunk_size(rd, 5); /* the BOM and the lines straddle refills */
    } else {
        assert_int_equal(jx_reader_open_memory(&rd, "m.jx", data, len, NULL), JX_OK);
    }
    jx_project *p = NULL;
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_int_equal(p->diags.errors, 0);
    assert_string_equal(p->name.s, "甲");
    assert_string_equal(p->org.s, "乙");
    assert_int_equal(p->pos.line, 1);
    assert_int_equal(p->pos.col, 1); /* the BOM is no column */
    assert_int_equal(jx_reader_next(rd, &p), JX_DONE);
    if (from_file)
        unlink(jx_reader_file(rd));
    jx_reader_close(rd);
}

static void bom_files_read_like_plain(void **state)
{
    (void)state;
    static const char utf8_bom[] = "\xEF\xBB\xBF" PROJ_UTF8;
    /* PROJ_UTF8 as UTF-16LE and UTF-16BE (iconv -t UTF-16LE / UTF-16BE), with their BOM */
    static const char le[] = "\xFF\xFE\x79\x98\xEE\x76\x20\x00\x22\x00\x32\x75\x22\x00\x20\x00\x7B\x00\x0A\x00"
                             "\x20\x00\x55\x53\x4D\x4F\x20\x00\x22\x00\x59\x4E\x22\x00\x0A\x00\x7D\x00\x0A\x00";
    static const char be[] = "\xFE\xFF\x98\x79\x76\xEE\x00\x20\x00\x22\x75\x32\x00\x22\x00\x20\x00\x7B\x00\x0A"
                             "\x00\x20\x53\x55\x4F\x4D\x00\x20\x00\x22\x4E\x59\x00\x22\x00\x0A\x00\x7D\x00\x0A";
    for (int f = 0; f < 2; f++) {
        read_one(PROJ_UTF8, sizeof PROJ_UTF8 - 1, f);
        read_one(utf8_bom, sizeof utf8_bom - 1, f);
        read_one(le, sizeof le - 1, f);
        read_one(be, sizeof be - 1, f);
    }
}

static void gbk_file_is_one_encoding_error(void **state)
{
    (void)state;
    /* PROJ_UTF8 in GBK (iconv -t GBK): 项目 = CF EE C4 BF, 甲 = BC D7, 单位 = B5 A5 CE BB, 乙 = D2 D2 */
    static const char gbk[] = "\xCF\xEE\xC4\xBF \"\xBC\xD7\" {\n \xB5\xA5\xCE\xBB \"\xD2\xD2\"\n}\n";
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open_memory(&rd, "g.jx", gbk, sizeof gbk - 1, NULL), JX_OK);
    jx_project *p = NULL;
    assert_int_equal(jx_reader_next(rd, &p), JX_ERR_INPUT);
    assert_int_equal(jx_reader_diag_count(rd), 1);
    const jx_diag *d = jx_reader_diag(rd, 0);
    assert_string_equal(d->code, "encoding");
    assert_int_equal(d->line, 1);
    assert_int_equal(d->column, 1);
    assert_non_null(strstr(d->message, "GBK/GB18030"));
    assert_int_equal(jx_reader_next(rd, &p), JX_DONE); /* nothing more is read of it */
    jx_reader_close(rd);
}

static void bad_byte_is_an_error_and_never_kept(void **state)
{
    (void)state;
    /* line 3: ` 单位 "绍兴` is 1 + 2 + 1 + 1 + 2 characters, so 0xFF is column 8; the
     * 单位 keeps U+FFFD in its place */
    static const char text[] = "# 注释\n项目 \"甲\" {\n 单位 \"绍兴\xFF中心\"\n}\n";
    for (int f = 0; f < 2; f++) {
        jx_reader *rd = NULL;
        if (f) {
            assert_int_equal(jx_reader_open(&rd, jx_test_temp_file(text, sizeof text - 1), NULL), JX_OK);
            jx_reader_set_chunk_size(rd, 3);
        } else {
            assert_int_equal(jx_reader_open_memory(&rd, "b.jx", text, sizeof text - 1, NULL), JX_OK);
        }
        jx_project *p = NULL;
        assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
        assert_int_equal(p->diags.errors, 1);
        assert_int_equal(p->diags.v[0].line, 3);
        assert_int_equal(p->diags.v[0].column, 8);
        assert_string_equal(p->diags.v[0].message, "无效的 UTF-8 字节 0xFF");
        assert_string_equal(p->org.s, "绍兴\xEF\xBF\xBD中心");
        assert_non_null(strstr(p->diags.v[0].source_line, "绍兴\xEF\xBF\xBD中心"));
        assert_int_equal(jx_reader_next(rd, &p), JX_DONE);
        if (f)
            unlink(jx_reader_file(rd));
        jx_reader_close(rd);
    }
}

static void bad_bytes_between_projects_are_the_readers(void **state)
{
    (void)state;
    /* line 2 holds two bad bytes in a row outside any project: one error, columns 3..4 */
    static const char text[] = "项目 \"甲\" { }\n# \xC3\x28\xFF\n项目 \"乙\" { }\n";
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open_memory(&rd, "s.jx", text, sizeof text - 1, NULL), JX_OK);
    jx_project *p = NULL;
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_int_equal(p->diags.errors, 0);
    assert_int_equal(jx_reader_next(rd, &p), JX_ERR_INPUT);
    assert_int_equal(jx_reader_diag_count(rd), 2); /* C3 (cut by "("), then FF */
    assert_int_equal(jx_reader_diag(rd, 0)->line, 2);
    assert_int_equal(jx_reader_diag(rd, 0)->column, 3);
    assert_string_equal(jx_reader_diag(rd, 0)->message, "无效的 UTF-8 字节 0xC3");
    assert_int_equal(jx_reader_diag(rd, 1)->column, 5);
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_string_equal(p->name.s, "乙");
    jx_reader_close(rd);
}

/* ------------------------------------------------------------- policies */

static void policy_with_bom_loads(void **state)
{
    (void)state;
    static const char text[] = "\xEF\xBB\xBF评分办法 \"带BOM\" {\n}\n";
    jx_policy *pol = NULL;
    jx_result rc = jx_policy_open_memory(&pol, "p.jx", text, sizeof text - 1, NULL);
    assert_string_equal(jx_policy_name(pol), "带BOM");
    assert_int_equal(rc, JX_OK);
    jx_policy_close(pol);
    /* a bad byte in the name: an error at 1:11 (评分办法 + space + quote = 6, 带 is 7 … 0xFF after "带BOM") */
    static const char bad[] = "评分办法 \"带BOM\xFF\" {\n}\n";
    rc = jx_policy_open_memory(&pol, "p.jx", bad, sizeof bad - 1, NULL);
    assert_int_equal(rc, JX_ERR_INPUT);
    assert_true(jx_policy_diag_count(pol) >= 1);
    assert_int_equal(jx_policy_diag(pol, 0)->line, 1);
    assert_int_equal(jx_policy_diag(pol, 0)->column, 11);
    assert_string_equal(jx_policy_diag(pol, 0)->message, "无效的 UTF-8 字节 0xFF");
    jx_policy_close(pol);
}

/* ------------------------------------------------------- the formula guard */

static void guard_each_leading_character(void **state)
{
    (void)state;
    /* OWASP's list: = + - @ tab CR start a formula */
    assert_true(jx_csv_guarded("=4次", strlen("=4次")));
    assert_true(jx_csv_guarded("+A1", 3));
    assert_true(jx_csv_guarded("-培训", strlen("-培训")));
    assert_true(jx_csv_guarded("@SUM(A1)", 8));
    assert_true(jx_csv_guarded("\tx", 2));
    assert_true(jx_csv_guarded("\rx", 2));
    assert_true(jx_csv_guarded("-1+2", 4)); /* not a number: a formula */
    assert_true(jx_csv_guarded("-", 1));
    assert_true(jx_csv_guarded("'=x", 3)); /* "'" + guarded: guarded, so it reads back */
    assert_true(jx_csv_guarded("''=x", 4));
    /* numbers stay as they are */
    assert_false(jx_csv_guarded("-5", 2));
    assert_false(jx_csv_guarded("+3.5", 4));
    assert_false(jx_csv_guarded("-12.5%", 6));
    assert_false(jx_csv_guarded("-1,200.5", 8));
    assert_false(jx_csv_guarded("-.5", 3));
    assert_false(jx_csv_guarded("+1.5E-3", 7));
    /* other texts */
    assert_false(jx_csv_guarded("", 0));
    assert_false(jx_csv_guarded("项目", strlen("项目")));
    assert_false(jx_csv_guarded("≥60个", strlen("≥60个")));
    assert_false(jx_csv_guarded("'", 1));
    assert_false(jx_csv_guarded("'-5", 3));
    assert_false(jx_csv_guarded(" =x", 3));
}

static void guard_comes_off_when_read(void **state)
{
    (void)state;
    /* what the CSV writer writes for =4次, '=x, -5 and a plain 'a: read back as they were */
    static const char text[] = "'=4次,''=x,-5,'a,\"'@a,b\",'-5\n";
    jx_arena ar;
    jx_arena_init(&ar, NULL);
    jx_csv c;
    jx_csv_init(&c, text, sizeof text - 1, NULL, &ar);
    assert_int_equal(jx_csv_next(&c), JX_CSV_ROW);
    assert_int_equal(c.nfields, 6);
    static const char *const want[] = {"=4次", "'=x", "-5", "'a", "@a,b", "'-5"};
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(c.fields[i].n, strlen(want[i]));
        assert_memory_equal(c.fields[i].s, want[i], strlen(want[i]));
    }
    assert_int_equal(c.fields[1].col, 6); /* after '=4次, (five characters): where its "'" is */
    jx_csv_free(&c);
    jx_arena_free(&ar);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bom_is_found),
        cmocka_unit_test(scan_counts_bad_bytes),
        cmocka_unit_test(mend_replaces_each_bad_byte),
        cmocka_unit_test(gbk_text_is_told_from_broken_utf8),
        cmocka_unit_test(bom_files_read_like_plain),
        cmocka_unit_test(gbk_file_is_one_encoding_error),
        cmocka_unit_test(bad_byte_is_an_error_and_never_kept),
        cmocka_unit_test(bad_bytes_between_projects_are_the_readers),
        cmocka_unit_test(policy_with_bom_loads),
        cmocka_unit_test(guard_each_leading_character),
        cmocka_unit_test(guard_comes_off_when_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
