/* SPDX-License-Identifier: MIT */
/* test_import_keyword_units.c — a numeric target whose unit is spelt like a keyword
 * (分, 项目, 得分 …) imports as that number and unit, not as 定性, and scores as one:
 * seed 000 line 471 `等保测评结果 ≥ 85 分 10`, from the smallest table that shows it and
 * from the seed itself. */
#include "write_text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jixiao.h"

#define SEED "import/seeds/000_070324ba240a519e.txt"

/* The smallest zj-target table holding seed 000's row: the header row and one project
 * row whose only indicator is 等保测评结果, ≥ 85 分 in the 计算符号 / 指标值 / 计量单位
 * columns, weight 10. */
static const char smallest[] =
    "单位编码\t单位名称(项目名称)\t资金安排\t总体绩效目标\t一级指标\t二级指标\t三级指标\t计算符号\t指标值\t计量单位\t指标权重\n"
    "\t等保测评项目\t\t\t产出指标\t质量指标\t等保测评结果\t≥\t85\t分\t10\n";

/* Imports (the format detected) and returns the DSL; *unreadable gets the number of
 * unreadable-value diagnostics. */
static char *import(jx_import *imp, size_t *unreadable)
{
    jx_test_text out = {NULL, 0};
    assert_int_equal(jx_import_run(imp, jx_test_text_write, &out), JX_OK);
    assert_string_equal(jx_import_format(imp), "zj-target");
    *unreadable = 0;
    for (size_t i = 0; i < jx_import_diag_count(imp); i++)
        if (strcmp(jx_import_diag(imp, i)->code, "unreadable-value") == 0)
            (*unreadable)++;
    jx_import_close(imp);
    assert_non_null(out.s);
    return out.s;
}

/* The text with what inserted just after the first occurrence of after (which must be there). */
static char *insert_after(const char *text, const char *after, const char *what)
{
    const char *at = strstr(text, after);
    assert_non_null(at);
    size_t head = (size_t)(at - text) + strlen(after), n = strlen(text), w = strlen(what);
    char *s = malloc(n + w + 1);
    assert_non_null(s);
    memcpy(s, text, head);
    memcpy(s + head, what, w);
    memcpy(s + head + w, text + head, n - head + 1);
    return s;
}

/* Parses dsl, scores the project named project under the default policy and returns the
 * score in cents of its indicator named name (its weight, method and the project's
 * errors checked on the way). */
static int64_t score_of(const char *dsl, const char *project, const char *name, int64_t weight_cents)
{
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open_memory(&rd, "imported.jx", dsl, strlen(dsl), NULL), JX_OK);
    int64_t cents = -1;
    bool found = false;
    jx_project *p;
    while (!found && jx_reader_next(rd, &p) == JX_ROW) {
        if (strcmp(jx_project_name(p), project) != 0)
            continue;
        found = true;
        assert_int_equal(jx_project_error_count(p), 0);
        assert_int_equal(jx_score(p, pol), JX_OK);
        for (size_t i = 0; i < jx_project_indicator_count(p); i++) {
            const jx_indicator *ind = jx_project_indicator(p, i);
            if (strcmp(jx_indicator_name(ind), name) != 0)
                continue;
            assert_int_equal(jx_indicator_weight_cents(ind), weight_cents);
            assert_string_equal(jx_indicator_method(ind), "ge-met");
            cents = jx_indicator_score_cents(ind);
        }
    }
    assert_true(found);
    jx_reader_close(rd);
    jx_policy_close(pol);
    return cents;
}

/*
 * The smallest input: the row imports as `≥85分`, with no unreadable-value, where it
 * used to be `定性 "≥85分"` (分 being spelt like the keyword of policies, the importer
 * refused it as a unit). By hand: target ≥ 85 分, weight 10; actual 88 分 ≥ 85 分, so
 * the indicator is met and scores its whole weight, 10.00.
 */
static void test_smallest_table(void **state)
{
    (void)state;
    jx_import *imp = NULL;
    assert_int_equal(jx_import_open_memory(&imp, "t.txt", smallest, strlen(smallest), NULL, NULL), JX_OK);
    size_t unreadable;
    char *dsl = import(imp, &unreadable);
    assert_int_equal(unreadable, 0);
    assert_non_null(strstr(dsl, "\n            等保测评结果 ≥85分 权重 10   # 第 2 行\n"));
    assert_null(strstr(dsl, "定性"));
    char *scored = insert_after(dsl, "等保测评结果 ≥85分 权重 10", " 实际 88分");
    assert_int_equal(score_of(scored, "等保测评项目", "等保测评结果", 1000), 1000);
    free(scored);
    free(dsl);
}

/*
 * Seed 000 as it is: nothing in it is unreadable any more, line 471 (project
 * 2021年信息系统安全等级保护测评项目, 指标权重 10) is `等保测评结果 ≥85分 权重 10`, and with
 * an actual of 88分 it scores 10.00 — met, the whole weight of 10, as worked above.
 */
static void test_seed_000(void **state)
{
    (void)state;
    jx_import *imp = NULL;
    assert_int_equal(jx_import_open(&imp, SEED, NULL, NULL), JX_OK);
    size_t unreadable;
    char *dsl = import(imp, &unreadable);
    assert_int_equal(unreadable, 0);
    assert_non_null(strstr(dsl, "\n            等保测评结果 ≥85分 权重 10   # 第 471 行\n"));
    char *scored = insert_after(dsl, "等保测评结果 ≥85分 权重 10", " 实际 88分");
    assert_int_equal(score_of(scored, "2021年信息系统安全等级保护测评项目", "等保测评结果", 1000), 1000);
    free(scored);
    free(dsl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_smallest_table),
        cmocka_unit_test(test_seed_000),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
