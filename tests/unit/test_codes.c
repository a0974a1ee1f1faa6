/* SPDX-License-Identifier: MIT */
/* test_codes.c — the finding codes' Chinese names (engine/codes.c, issue 10 item 10): the
 * table is in byte order and answers by binary search; docs/checks.md's "Codes and their
 * names" lists the same codes with the same names, no more and no fewer; every code the
 * engine's sources raise (a literal code beside a JX_SEV_* severity, in jx_imp_warn /
 * jx_imp_error / jx_imp_note / jx_imp_row_error, a CODE_* array, or set as ->code) has a name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "codes.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------------- helpers */

/* The whole file at path, NUL-terminated (NULL when it cannot be read). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    fclose(f);
    return s;
}

/* The source tree's root: JX_SOURCE_DIR when ctest runs the test, else the parent of the
 * folder it runs in (tests/). */
static const char *source_dir(void)
{
    const char *d = getenv("JX_SOURCE_DIR");
    return d ? d : "..";
}

/* True when s[0..n) is spelt as a code: lower-case words of letters and digits joined by '-'. */
static bool code_like(const char *s, size_t n)
{
    if (n == 0 || s[0] < 'a' || s[0] > 'z' || s[n - 1] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
        if (c == '-' && s[i - 1] == '-')
            return false;
    }
    return true;
}

/* ------------------------------------------------------------------- table */

static void table_is_sorted_and_answers(void **state)
{
    (void)state;
    size_t n = jx_code_count();
    assert_true(n >= 60);
    for (size_t i = 0; i < n; i++) {
        const jx_code_entry *e = jx_code_at(i);
        assert_non_null(e);
        assert_true(code_like(e->code, strlen(e->code)));
        assert_true(e->name[0] != '\0');
        if (i)
            assert_true(strcmp(jx_code_at(i - 1)->code, e->code) < 0); /* byte order, no repeats */
        assert_string_equal(jx_code_name(e->code), e->name);
    }
    assert_null(jx_code_at(n));
    /* the names the issue gives, and a few more */
    assert_string_equal(jx_code_name("claimed-score"), "自评得分与重算不符");
    assert_string_equal(jx_code_name("weight-sum"), "权重合计不符");
    assert_string_equal(jx_code_name("claimed-total"), "自评总分与重算不符");
    assert_string_equal(jx_code_name("all-full-marks"), "指标全部满分");
    assert_string_equal(jx_code_name("actuals-unused"), "实际完成值表有未用的行");
    assert_string_equal(jx_code_name("sheets-not-imported"), "有工作表未导入");
    assert_string_equal(jx_code_name("percent-fraction"), "百分比写成小数");
    assert_string_equal(jx_code_name("value-range"), "数值超出范围");
    /* not a code jixiao uses */
    assert_null(jx_code_name("no-such-code"));
    assert_null(jx_code_name(""));
    assert_null(jx_code_name(NULL));
    assert_null(jx_code_name("claimed-total "));
    assert_string_equal(jx_code_name_or_empty("no-such-code"), "");
    assert_string_equal(jx_code_name_or_empty("syntax"), "语法错误");
}

/* ------------------------------------------------------------------ docs */

/* docs/checks.md's "Codes and their names" is the table, row for row. */
static void docs_list_every_code_with_its_name(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/checks.md", source_dir());
    char *doc = slurp(path);
    assert_non_null(doc);
    const char *sec = strstr(doc, "\n## Codes and their names\n");
    assert_non_null(sec);
    const char *end = strstr(sec + 1, "\n## ");
    assert_non_null(end);
    size_t rows = 0;
    for (const char *p = strstr(sec, "\n| `"); p && p < end; p = strstr(p + 1, "\n| `")) {
        const char *code = p + 4;
        const char *code_end = strchr(code, '`');
        assert_non_null(code_end);
        assert_true(strncmp(code_end, "` | ", 4) == 0);
        const char *name = code_end + 4;
        const char *name_end = strstr(name, " |");
        assert_non_null(name_end);
        char c[64], nm[128];
        snprintf(c, sizeof c, "%.*s", (int)(code_end - code), code);
        snprintf(nm, sizeof nm, "%.*s", (int)(name_end - name), name);
        const char *want = jx_code_name(c);
        if (!want)
            fail_msg("docs/checks.md names `%s`, which engine/codes.c does not", c);
        if (strcmp(want, nm) != 0)
            fail_msg("`%s` is “%s” in docs/checks.md, “%s” in engine/codes.c", c, nm, want);
        /* in the table's order */
        assert_string_equal(jx_code_at(rows)->code, c);
        rows++;
    }
    assert_int_equal(rows, jx_code_count());

    /* every code of the summary table above it has a name */
    const char *sum = strstr(doc, "\n## Summary\n");
    assert_non_null(sum);
    size_t listed = 0;
    for (const char *p = strstr(sum, "\n| `"); p && p < sec; p = strstr(p + 1, "\n| `")) {
        const char *code = p + 4;
        const char *code_end = strchr(code, '`');
        char c[64];
        snprintf(c, sizeof c, "%.*s", (int)(code_end - code), code);
        if (!jx_code_name(c))
            fail_msg("the summary of docs/checks.md lists `%s`, which has no name", c);
        listed++;
    }
    assert_true(listed >= 25);
    free(doc);
}

/* -------------------------------------------------------------- the sources */

/* The start of the statement holding s[at]: after the last ';', '{' or '}' before it. */
static size_t statement_start(const char *s, size_t at)
{
    while (at > 0 && s[at - 1] != ';' && s[at - 1] != '{' && s[at - 1] != '}')
        at--;
    return at;
}

/* True when s[from..to) has no '"' and at most max commas. */
static bool plain_args(const char *s, size_t from, size_t to, int max)
{
    int commas = 0;
    for (size_t i = from; i < to; i++) {
        if (s[i] == '"')
            return false;
        commas += s[i] == ',';
    }
    return commas <= max;
}

/* True when s[from..to), blanks at its end dropped, ends with tail. */
static bool ends_with_trimmed(const char *s, size_t from, size_t to, const char *tail)
{
    while (to > from && (s[to - 1] == ' ' || s[to - 1] == '\t' || s[to - 1] == '\n'))
        to--;
    size_t n = strlen(tail);
    return to - from >= n && memcmp(s + to - n, tail, n) == 0;
}

/* True when the literal at s[q] (its opening quote) is a diagnostic's code: right after a
 * JX_SEV_* severity (and at most one more argument), the third argument of jx_imp_warn /
 * jx_imp_error / jx_imp_note / jx_imp_row_error, a CODE_* array's text, or set as ->code. */
static bool raised_code(const char *s, size_t q)
{
    size_t st = statement_start(s, q);
    /* the last JX_SEV_ of the statement before the literal */
    const char *sev = NULL;
    for (const char *p = strstr(s + st, "JX_SEV_"); p && (size_t)(p - s) < q; p = strstr(p + 1, "JX_SEV_"))
        sev = p;
    if (sev && plain_args(s, (size_t)(sev - s), q, 2) && strchr(sev, ',') < s + q)
        return true;
    static const char *const imp[] = {"jx_imp_warn(", "jx_imp_error(", "jx_imp_note(", "jx_imp_row_error("};
    for (size_t k = 0; k < sizeof imp / sizeof imp[0]; k++) {
        const char *call = strstr(s + st, imp[k]);
        if (call && (size_t)(call - s) < q) {
            size_t open = (size_t)(call - s) + strlen(imp[k]);
            int commas = 0;
            for (size_t i = open; i < q; i++)
                commas += s[i] == ',';
            if (commas == 2 && plain_args(s, open, q, 2))
                return true;
        }
    }
    if (ends_with_trimmed(s, st, q, "[] =") && strstr(s + st, "CODE_") && (size_t)(strstr(s + st, "CODE_") - s) < q)
        return true;
    return ends_with_trimmed(s, st, q, "->code =");
}

/* Every code raised in the engine's C files has a name. */
static void every_raised_code_has_a_name(void **state)
{
    (void)state;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/engine", source_dir());
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t seen = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 3 || strcmp(e->d_name + len - 2, ".c") != 0)
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *s = slurp(path);
        assert_non_null(s);
        /* a small lexer: string literals outside comments and character literals */
        for (size_t i = 0; s[i]; i++) {
            if (s[i] == '/' && s[i + 1] == '/') {
                while (s[i + 1] && s[i + 1] != '\n')
                    i++;
            } else if (s[i] == '/' && s[i + 1] == '*') {
                const char *c = strstr(s + i + 2, "*/");
                if (!c)
                    break;
                i = (size_t)(c - s) + 1;
            } else if (s[i] == '\'') {
                for (i++; s[i] && s[i] != '\''; i++)
                    if (s[i] == '\\' && s[i + 1])
                        i++;
                if (!s[i])
                    break;
            } else if (s[i] == '"') {
                size_t q = i;
                for (i++; s[i] && s[i] != '"'; i++)
                    if (s[i] == '\\' && s[i + 1])
                        i++;
                if (!s[i])
                    break;
                if (code_like(s + q + 1, i - q - 1) && raised_code(s, q)) {
                    char c[64];
                    snprintf(c, sizeof c, "%.*s", (int)(i - q - 1), s + q + 1);
                    if (!jx_code_name(c))
                        fail_msg("engine/%s raises `%s`, which has no Chinese name in engine/codes.c", e->d_name, c);
                    seen++;
                }
            }
        }
        free(s);
    }
    closedir(d);
    assert_true(seen >= 60); /* the scan found the codes at all */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_is_sorted_and_answers),
        cmocka_unit_test(docs_list_every_code_with_its_name),
        cmocka_unit_test(every_raised_code_has_a_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
