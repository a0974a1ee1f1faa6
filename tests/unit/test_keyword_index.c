/* SPDX-License-Identifier: MIT */
/* test_keyword_index.c — the hashed keyword index finds exactly what the table lookup does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "lexer.h"

#include <string.h>

/* Every ASCII alias of the DSL, with the keyword it stands for (from docs/dsl.md). */
static const struct {
    const char *word; /* the alias */
    jx_keyword kw;    /* its keyword */
} aliases[] = {
    {"project", JX_KW_PROJECT}, {"dept", JX_KW_DEPT}, {"org", JX_KW_ORG}, {"year", JX_KW_YEAR},
    {"money_unit", JX_KW_MONEY_UNIT}, {"funds", JX_KW_FUNDS}, {"initial", JX_KW_INITIAL},
    {"budget", JX_KW_BUDGET}, {"spent", JX_KW_SPENT}, {"goal", JX_KW_GOAL},
    {"outcome", JX_KW_OUTCOME}, {"deviation", JX_KW_DEVIATION}, {"remedy", JX_KW_REMEDY},
    {"total", JX_KW_TOTAL}, {"verdict", JX_KW_VERDICT}, {"weight", JX_KW_WEIGHT},
    {"actual", JX_KW_ACTUAL}, {"reason", JX_KW_REASON}, {"grade", JX_KW_JUDGE},
    {"score", JX_KW_SCORE}, {"qualitative", JX_KW_QUALITATIVE},
    {"not_applicable", JX_KW_NOT_APPLICABLE}, {"met", JX_KW_MET}, {"partly", JX_KW_PARTLY},
    {"unmet", JX_KW_UNMET}, {"excellent", JX_KW_EXCELLENT}, {"good", JX_KW_GOOD},
    {"fair", JX_KW_FAIR}, {"poor", JX_KW_POOR}, {"policy", JX_KW_POLICY}, {"bands", JX_KW_BANDS},
    {"reverse", JX_KW_REVERSE}, {"linear", JX_KW_LINEAR}, {"ratio", JX_KW_RATIO},
    {"qualitative_bands", JX_KW_QUAL_BANDS}, {"over_target", JX_KW_OVER_TARGET},
    {"execution_rate", JX_KW_EXEC_RATE}, {"inline", JX_KW_INLINE}, {"separate", JX_KW_SEPARATE},
    {"points", JX_KW_POINTS}, {"cap", JX_KW_CAP}, {"drop", JX_KW_DROP},
    {"rescale", JX_KW_RESCALE}, {"decimals", JX_KW_DECIMALS},
};

static void finds_every_spelling(void **state)
{
    (void)state;
    jx_keyword_index ix;
    jx_keyword_index_init(&ix);
    for (int kw = 1; kw < JX_KW_COUNT_; kw++) {
        const char *nm = jx_keyword_name((jx_keyword)kw);
        assert_int_equal(jx_keyword_find(&ix, nm, strlen(nm)), kw);
    }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        assert_int_equal(jx_keyword_find(&ix, aliases[i].word, strlen(aliases[i].word)),
                         aliases[i].kw);
}

static void refuses_other_words(void **state)
{
    (void)state;
    jx_keyword_index ix;
    jx_keyword_index_init(&ix);
    static const char *const words[] = {
        "", "权", "权重2", "Weight", "个", "天", "万元", "小时", "个/月", "人次", "数量指标",
        "产出指标", "接入系统数量", "服务对象满意度指标名称很长", "projects", "projec", "达", "成",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        assert_int_equal(jx_keyword_find(&ix, words[i], strlen(words[i])), JX_KW_NONE);
}

/* Every piece of a text full of keywords and near-keywords is looked up both ways. */
static void agrees_with_the_table_lookup(void **state)
{
    (void)state;
    jx_keyword_index ix;
    jx_keyword_index_init(&ix);
    const char *text = "项目 主管部门单位年度金额单位资金年初预算全年预算全年执行年度目标完成情况偏离原因"
                       "整改措施总分结论权重实际偏差评定得分定性不适用达成部分达成未达成优良中差评分办法"
                       "等级反向线性比例定性区间超额提示预算执行率不单列单列分封顶剔除按比例折算小数"
                       "project dept org year money_unit qualitative_bands not_applicable execution_rate";
    size_t n = strlen(text);
    for (size_t i = 0; i < n; i++)
        for (size_t len = 1; i + len <= n && len <= 20; len++)
            assert_int_equal(jx_keyword_find(&ix, text + i, len), jx_keyword_lookup(text + i, len));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_every_spelling),
        cmocka_unit_test(refuses_other_words),
        cmocka_unit_test(agrees_with_the_table_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
