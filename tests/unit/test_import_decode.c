/* SPDX-License-Identifier: MIT */
/* test_import_decode.c — bytes → UTF-8: BOM, line ends, GB18030/GBK, UTF-16, and bytes that do not decode. */
#include "import_decode.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/** Decodes data[0..len) as enc (NULL: detect) and checks the outcome is st. */
static jx_imp_decode_status decode(const char *data, size_t len, const char *enc, jx_imp_text *t,
                                   jx_imp_decode_error *err)
{
    return jx_imp_decode(NULL, data, len, enc, t, err);
}

static void test_utf8_bom_is_dropped_and_crlf_becomes_lf(void **state)
{
    (void)state;
    static const char in[] = "\xEF\xBB\xBF项目,指标\r\n甲,乙\r\n";
    jx_imp_text t;
    jx_imp_decode_error err;
    assert_int_equal(decode(in, sizeof in - 1, NULL, &t, &err), JX_IMP_DECODE_OK);
    assert_string_equal(t.s, "项目,指标\n甲,乙\n");
    assert_int_equal(t.len, strlen("项目,指标\n甲,乙\n"));
    assert_string_equal(t.encoding, "utf-8");
    jx_imp_text_free(NULL, &t);
    assert_null(t.s);
}

static void test_line_ends_keep_line_numbers(void **state)
{
    (void)state;
    /* four lines ended by CRLF, a lone CR, LF, and nothing: still four lines */
    static const char in[] = "a\r\nb\rc\nd";
    jx_imp_text t;
    jx_imp_decode_error err;
    assert_int_equal(decode(in, sizeof in - 1, "utf-8", &t, &err), JX_IMP_DECODE_OK);
    assert_string_equal(t.s, "a\nb\nc\nd");
    jx_imp_text_free(NULL, &t);
}

static void test_gb18030_bytes_decode_to_the_same_utf8(void **state)
{
    (void)state;
    /* "指标值,权重\n项目¥\n" in GB18030: 指 D6B8 标 B1EA 值 D6B5 权 C8A8 重 D6D8 项 CFEE 目 C4BF,
     * and ¥ (U+00A5) as the four-byte sequence 81 30 84 36 */
    static const char gb[] = "\xD6\xB8\xB1\xEA\xD6\xB5,\xC8\xA8\xD6\xD8\r\n\xCF\xEE\xC4\xBF\x81\x30\x84\x36\n";
    jx_imp_text t;
    jx_imp_decode_error err;
    assert_int_equal(decode(gb, sizeof gb - 1, NULL, &t, &err), JX_IMP_DECODE_OK);
    assert_string_equal(t.s, "指标值,权重\n项目¥\n");
    assert_string_equal(t.encoding, "gb18030");
    jx_imp_text_free(NULL, &t);

    /* named: GBK (the two-byte part), and GB18030 */
    static const char gbk[] = "\xCF\xEE\xC4\xBF";
    assert_int_equal(decode(gbk, sizeof gbk - 1, "GBK", &t, &err), JX_IMP_DECODE_OK);
    assert_string_equal(t.s, "项目");
    assert_string_equal(t.encoding, "gbk");
    jx_imp_text_free(NULL, &t);
    assert_int_equal(decode(gb, sizeof gb - 1, "gb18030", &t, &err), JX_IMP_DECODE_OK);
    assert_string_equal(t.s, "指标值,权重\n项目¥\n");
    jx_imp_text_free(NULL, &t);
}

static void test_utf16_with_bom(void **state)
{
    (void)state;
    /* FF FE, then "项\r\n" in UTF-16LE: 项 is U+9879 */
    static const char in[] = "\xFF\xFE\x79\x98\r\0\n\0";
    jx_imp_text t;
    jx_imp_decode_error err;
    assert_int_equal(decode(in, sizeof in - 1, NULL, &t, &err), JX_IMP_DECODE_OK);
    assert_string_equal(t.s, "项\n");
    assert_string_equal(t.encoding, "utf-16le");
    jx_imp_text_free(NULL, &t);
}

static void test_invalid_byte_in_utf8_is_an_error_with_its_offset(void **state)
{
    (void)state;
    /* "项目\n名称" is 6 + 1 + 6 = 13 bytes; the 0xFF after it is byte 13, line 2, column 3 */
    static const char in[] = "项目\n名称\xFF尾\n";
    jx_imp_text t;
    jx_imp_decode_error err;
    assert_int_equal(decode(in, sizeof in - 1, NULL, &t, &err), JX_IMP_DECODE_BAD_BYTES);
    assert_null(t.s);
    assert_int_equal(err.offset, 13);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 3);
    assert_int_equal(err.nbytes, 1);
    assert_int_equal(err.bytes[0], 0xFF);
    assert_non_null(strstr(err.reason, "0xFF"));
    assert_non_null(strstr(err.reason, "字节偏移 13"));
    /* mostly well-formed UTF-8: reported as broken UTF-8, not read as GB18030 mojibake */
    assert_non_null(strstr(err.reason, "UTF-8"));
}

static void test_named_encoding_refuses_bytes_it_cannot_read(void **state)
{
    (void)state;
    jx_imp_text t;
    jx_imp_decode_error err;
    /* GB18030 bytes named as UTF-8: the first, 0xCF at offset 2 on line 1, column 3 */
    static const char gb[] = "a,\xCF\xEE\xC4\xBF\n";
    assert_int_equal(decode(gb, sizeof gb - 1, "utf-8", &t, &err), JX_IMP_DECODE_BAD_BYTES);
    assert_int_equal(err.offset, 2);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 3);
    /* 0xFF is never a GB18030 lead byte: offset 4, after "项" decoded on line 2 → column 2 */
    static const char bad[] = "a\n\xCF\xEE\xFF\n";
    assert_int_equal(decode(bad, sizeof bad - 1, "gb18030", &t, &err), JX_IMP_DECODE_BAD_BYTES);
    assert_int_equal(err.offset, 4);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 2);
    assert_non_null(strstr(err.reason, "gb18030"));
}

static void test_neither_utf8_nor_gb18030(void **state)
{
    (void)state;
    /* 0xFF starts no UTF-8 sequence and is no GB18030 lead byte either */
    static const char junk[] = "ab\xFF\xFF\n";
    jx_imp_text t;
    jx_imp_decode_error err;
    assert_int_equal(decode(junk, sizeof junk - 1, NULL, &t, &err), JX_IMP_DECODE_BAD_BYTES);
    assert_int_equal(err.offset, 2);
    assert_non_null(strstr(err.reason, "GB18030"));
    assert_non_null(strstr(err.reason, "--encoding"));
}

static void test_binary_files_are_refused(void **state)
{
    (void)state;
    jx_imp_text t;
    jx_imp_decode_error err;
    static const char nul[] = "a,b\nc\0d\n";
    assert_int_equal(decode(nul, sizeof nul - 1, NULL, &t, &err), JX_IMP_DECODE_BAD_BYTES);
    assert_int_equal(err.offset, 5);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.reason, "NUL"));
    static const char xlsx[] = "PK\x03\x04\x14\0\x06\0";
    assert_int_equal(decode(xlsx, sizeof xlsx - 1, NULL, &t, &err), JX_IMP_DECODE_BAD_BYTES);
    assert_non_null(strstr(err.reason, "xlsx"));
    assert_int_equal(err.line, 0);
}

static void test_encoding_names(void **state)
{
    (void)state;
    assert_string_equal(jx_imp_encoding_name("UTF8"), "utf-8");
    assert_string_equal(jx_imp_encoding_name("GB2312"), "gbk");
    assert_string_equal(jx_imp_encoding_name("gb18030"), "gb18030");
    assert_null(jx_imp_encoding_name("latin-1"));
    assert_null(jx_imp_encoding_name(NULL));
    jx_imp_text t;
    jx_imp_decode_error err;
    assert_int_equal(decode("a", 1, "latin-1", &t, &err), JX_IMP_DECODE_UNKNOWN);
    assert_non_null(strstr(err.reason, "latin-1"));
    /* a UTF-8 BOM under a named GB encoding would turn into mojibake: refused */
    assert_int_equal(decode("\xEF\xBB\xBF" "a", 4, "gbk", &t, &err), JX_IMP_DECODE_BAD_BYTES);
}

static void test_empty_input(void **state)
{
    (void)state;
    jx_imp_text t;
    jx_imp_decode_error err;
    assert_int_equal(decode("", 0, NULL, &t, &err), JX_IMP_DECODE_OK);
    assert_non_null(t.s);
    assert_int_equal(t.len, 0);
    jx_imp_text_free(NULL, &t);
}

/* Copies text into a new block of cap bytes (cap ≥ its length), as the importer reads a file. */
static char *block(const char *text, size_t len, size_t cap)
{
    char *b = malloc(cap);
    assert_non_null(b);
    memcpy(b, text, len);
    return b;
}

static void test_take_uses_the_block_for_utf8(void **state)
{
    (void)state;
    /* UTF-8 with a BOM and CRLF: the block becomes the text, the BOM moved out, lines mended */
    static const char in[] = "\xEF\xBB\xBF项目,指标\r\n甲,乙\r\n";
    size_t len = sizeof in - 1;
    char *buf = block(in, len, len + 16), *was = buf;
    jx_imp_text t;
    jx_imp_decode_error err;
    assert_int_equal(jx_imp_decode_take(NULL, &buf, len, len + 16, NULL, &t, &err), JX_IMP_DECODE_OK);
    assert_null(buf);
    assert_ptr_equal(t.s, was);
    assert_int_equal(t.cap, len + 16);
    assert_string_equal(t.s, "项目,指标\n甲,乙\n");
    assert_string_equal(t.encoding, "utf-8");
    jx_imp_text_free(NULL, &t);

    /* no room for the NUL: copied, the block left to the caller */
    buf = block(in, len, len);
    assert_int_equal(jx_imp_decode_take(NULL, &buf, len, len, NULL, &t, &err), JX_IMP_DECODE_OK);
    assert_non_null(buf);
    assert_ptr_not_equal(t.s, buf);
    assert_string_equal(t.s, "项目,指标\n甲,乙\n");
    jx_imp_text_free(NULL, &t);
    free(buf);

    /* GB18030 (项目 is CF EE C4 BF): decoded into a text of its own, the block left */
    static const char gb[] = "\xCF\xEE\xC4\xBF,x\n";
    buf = block(gb, sizeof gb - 1, 64);
    assert_int_equal(jx_imp_decode_take(NULL, &buf, sizeof gb - 1, 64, NULL, &t, &err), JX_IMP_DECODE_OK);
    assert_non_null(buf);
    assert_string_equal(t.s, "项目,x\n");
    assert_string_equal(t.encoding, "gb18030");
    jx_imp_text_free(NULL, &t);
    free(buf);

    /* bytes that do not decode: an error, the block left */
    static const char bad[] = "\x00\x01binary";
    buf = block(bad, sizeof bad - 1, 64);
    assert_int_not_equal(jx_imp_decode_take(NULL, &buf, sizeof bad - 1, 64, NULL, &t, &err), JX_IMP_DECODE_OK);
    assert_non_null(buf);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_bom_is_dropped_and_crlf_becomes_lf),
        cmocka_unit_test(test_line_ends_keep_line_numbers),
        cmocka_unit_test(test_gb18030_bytes_decode_to_the_same_utf8),
        cmocka_unit_test(test_utf16_with_bom),
        cmocka_unit_test(test_invalid_byte_in_utf8_is_an_error_with_its_offset),
        cmocka_unit_test(test_named_encoding_refuses_bytes_it_cannot_read),
        cmocka_unit_test(test_neither_utf8_nor_gb18030),
        cmocka_unit_test(test_binary_files_are_refused),
        cmocka_unit_test(test_encoding_names),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_take_uses_the_block_for_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
