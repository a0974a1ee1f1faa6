/* SPDX-License-Identifier: MIT */
/* test_json_strings.c — how the JSON reporter writes texts: copied in runs, escaped
 * where JSON needs it, every byte that is not valid UTF-8 written as U+FFFD. */
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
    name_written_as("\xe5" "A", "\"\\ufffdA\"");
    /* a surrogate (ED A0 80) and an overlong form (E0 80 80): three bytes each */
    name_written_as("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
    name_written_as("\xe0\x80\x80", "\"\\ufffd\\ufffd\\ufffd\"");
    /* beyond U+10FFFF (F4 90 80 80), and stray continuation bytes */
    name_written_as("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
    name_written_as("\x80\xbf", "\"\\ufffd\\ufffd\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_text_is_copied),
        cmocka_unit_test(quotes_and_controls_are_escaped),
        cmocka_unit_test(each_bad_byte_is_one_replacement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
