/* SPDX-License-Identifier: MIT */
/* test_json_strings.c — how the JSON reporter writes texts: copied in runs, escaped
 * where JSON needs it, every byte that is not valid UTF-8 written as U+FFFD; and a text
 * needing nothing copied at once (jx_json_str_n's fast path) the same bytes as the
 * escaper's loop writes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"
#include "report.h"

#include <cjson/cJSON.h>
#include <string.h>

/* Writes fx_small with its name replaced by name and checks that the document holds
 * "name":<want> and parses. */
static void name_written_as(const char *name, const char *want)
{
    jx_project p;
    jx_project_init(&p, NULL);
    fx_small(&p);
    p.name = fx_str(&p, name);
    jx_project *ps[] = {&p};
    fx_sink s = fx_render(JX_FORMAT_JSON, 0, ps, 1);
    char key[256];
    strcpy(key, "\"name\":");
    strcat(key, want);
    strcat(key, ",");
    if (!strstr(s.buf, key))
        fail_msg("%s not found", key);
    cJSON *doc = cJSON_Parse(s.buf);
    assert_non_null(doc);
    cJSON_Delete(doc);
    fx_sink_free(&s);
    jx_project_free(&p);
}

static void valid_text_is_copied(void **state)
{
    (void)state;
    /* CJK (3 bytes), full-width ＝ (EF BC 9D), é (2 bytes), 😀 (4 bytes), DEL: all kept */
    name_written_as("项目＝é😀\x7f", "\"项目＝é😀\x7f\"");
    name_written_as("", "\"\"");
}

static void quotes_and_controls_are_escaped(void **state)
{
    (void)state;
    name_written_as("引\"号\\反\n\r\t\b\f\x1f", "\"引\\\"号\\\\反\\n\\r\\t\\b\\f\\u001f\"");
}

static void each_bad_byte_is_one_replacement(void **state)
{
    (void)state;
    /* a CJK character cut short at the end: its two bytes are each invalid */
    name_written_as("文\xe6\x95", "\"文\\ufffd\\ufffd\"");
    /* a lead byte followed by ASCII: the lead alone is replaced */
    name_written_as("\xe5\x41", "\"\\ufffdA\"");
    /* a surrogate (ED A0 80) and an overlong form (E0 80 80): three bytes each */
    name_written_as("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
    name_written_as("\xe0\x80\x80", "\"\\ufffd\\ufffd\\ufffd\"");
    /* beyond U+10FFFF (F4 90 80 80), and stray continuation bytes */
    name_written_as("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
    name_written_as("\x80\xbf", "\"\\ufffd\\ufffd\"");
}

/* Output gathered in memory. */
typedef struct mem {
    char buf[4096];
    size_t len;
} mem;

static size_t mem_write(void *ud, const char *data, size_t len)
{
    mem *m = ud;
    assert_true(m->len + len <= sizeof m->buf);
    memcpy(m->buf + m->len, data, len);
    m->len += len;
    return len;
}

/* s[0..n) through jx_json_str_n into *m: by its fast path when s is plain (general_only
 * false), or always by the escaper's loop (general_only true). */
static void json_str_into(mem *m, const char *s, size_t n, int general_only)
{
    jx_writer *w = NULL;
    m->len = 0;
    assert_int_equal(jx_sink_create(&w, mem_write, m, NULL), JX_OK);
    w->general_only = general_only;
    jx_json_str_n(w, s, n);
    jx_out_flush(w);
    assert_int_equal(w->err, JX_OK);
    jx_writer_destroy(w);
}

/* The fast path of jx_json_str_n writes what the escaper's loop writes: on plain texts
 * (ASCII, CJK, U+2028, 4-byte characters, DEL, short and past 64 bytes) and on texts it
 * must leave to the loop — a quote, a backslash, every control byte, invalid bytes, each
 * at the start, inside and at the end. */
static void fast_copy_agrees_with_escaping(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "", "a", "万元", "年度资金总额", "402-卫生健康", "做好嵊州市公共文化工作，提升服务质量。",
        "\xE2\x80\xA8行\xE2\x80\xA9段", "😀é\x7F", "/tmp/jb/k.jx",
        "指标“巡查次数”实际完成值“7个”与目标值“=7个”相同，按达成计分，权重 5 分，得分 5.00 分，无需说明偏差原因。",
        "\"引号\"", "反\\斜", "行\n换", "制\t表", "\x01", "尾\x1f", "文\xe6\x95", "\xe5\x41", "\xed\xa0\x80中",
        "a long ASCII text of more than sixty-four bytes, which the escaper scans sixteen at a time\"",
        "一段超过六十四个字节的中文文字，用来走十六个字节一步的路径，最后有一个引号\"",
        "一段超过六十四个字节的中文文字，用来走十六个字节一步的路径，最后一个字节坏了\xe6",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        mem fast, general;
        size_t n = strlen(texts[i]);
        json_str_into(&fast, texts[i], n, 0);
        json_str_into(&general, texts[i], n, 1);
        if (fast.len != general.len || memcmp(fast.buf, general.buf, fast.len) != 0)
            fail_msg("text %zu: fast %.*s, general %.*s", i, (int)fast.len, fast.buf, (int)general.len,
                     general.buf);
    }
    /* by hand: a plain text between quotes as it is; a quote and a bad byte escaped */
    mem m;
    json_str_into(&m, "万元", strlen("万元"), 0);
    assert_int_equal(m.len, 8);
    assert_memory_equal(m.buf, "\"万元\"", 8);
    json_str_into(&m, "a\"\xff", 3, 0);
    assert_int_equal(m.len, 11); /* the quotes, a, the quote's two bytes, the six of U+FFFD's escape */
    assert_memory_equal(m.buf, "\"a\\\"\\ufffd\"", 11);
}

/* Grade g through jx_json_grade into *m, general_only as json_str_into. */
static void grade_into(mem *m, jx_grade g, int general_only)
{
    jx_writer *w = NULL;
    m->len = 0;
    assert_int_equal(jx_sink_create(&w, mem_write, m, NULL), JX_OK);
    w->general_only = general_only;
    jx_json_grade(w, g);
    jx_out_flush(w);
    assert_int_equal(w->err, JX_OK);
    jx_writer_destroy(w);
}

/* A grade's name is copied as it is, untested (jx_json_grade: the library's own words need
 * no escape), and written through the escaper's loop on the general path: both as worked
 * by hand — each name one CJK character of 3 bytes between quotes, 5 bytes; no grade is
 * null. And each name is plain, what the copy relies on. */
static void grades_copied(void **state)
{
    (void)state;
    static const struct {
        jx_grade g;
        const char *want;
    } cases[] = {
        {JX_GRADE_NONE, "null"},        {JX_GRADE_EXCELLENT, "\"优\""}, {JX_GRADE_GOOD, "\"良\""},
        {JX_GRADE_FAIR, "\"中\""},     {JX_GRADE_POOR, "\"差\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t want_n = i == 0 ? 4 : 5;
        assert_int_equal(strlen(cases[i].want), want_n);
        for (int general = 0; general < 2; general++) {
            mem m;
            grade_into(&m, cases[i].g, general);
            assert_int_equal(m.len, want_n);
            assert_memory_equal(m.buf, cases[i].want, want_n);
        }
        if (cases[i].g != JX_GRADE_NONE) {
            const char *name = jx_grade_name(cases[i].g);
            assert_int_equal(jx_text_json_plain(name, strlen(name)), strlen(name));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_text_is_copied),
        cmocka_unit_test(quotes_and_controls_are_escaped),
        cmocka_unit_test(each_bad_byte_is_one_replacement),
        cmocka_unit_test(fast_copy_agrees_with_escaping),
        cmocka_unit_test(grades_copied),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
