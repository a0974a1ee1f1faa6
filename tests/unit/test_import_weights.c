/* SPDX-License-Identifier: MIT */
/* test_import_weights.c — `--weights equal`: 一级分值 split evenly, in cents, by the stated
 * rule, with one weights-equal note per project. Every number is worked out by hand in
 * the comment beside it. */
#include "import.h"
#include "model.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/** A model with one open project, for filling by hand. */
typedef struct fx {
    jx_imp *im;         /* the model */
    jx_imp_project *p;  /* its open project */
    jx_policy *pol;     /* the policy, NULL for none */
} fx;

/* A model with an open project at row 1 and the shipped policy named policy (or none). */
static fx start(const char *policy)
{
    fx f = {NULL, NULL, NULL};
    f.im = jx_imp_create(NULL, "t.txt", NULL, NULL);
    assert_non_null(f.im);
    f.p = jx_imp_begin(f.im, 1);
    assert_non_null(f.p);
    if (policy)
        assert_int_equal(jx_policy_open(&f.pol, policy, NULL), JX_OK);
    return f;
}

static void stop(fx *f)
{
    jx_imp_destroy(f->im);
    jx_policy_close(f->pol);
}

/* Adds an indicator row with its 一级指标, name and 权重 ("" for none). */
static void add(fx *f, const char *level1, const char *name, const char *weight)
{
    jx_imp_indicator *ind = jx_imp_indicator_add(f->im, (uint32_t)(f->p->ninds + 2));
    assert_non_null(ind);
    ind->level1 = level1;
    ind->name = name;
    ind->weight = weight;
}

/* The weight of the i-th indicator. */
static const char *w(const fx *f, size_t i)
{
    assert_true(i < f->p->ninds);
    return f->p->inds[i].weight;
}

/* Runs the rule and returns the one weights-equal note it must have left. */
static const char *run(fx *f)
{
    assert_int_equal(jx_imp_weights_equal(f->im, f->p, f->pol), 0);
    const char *msg = NULL;
    size_t n = 0;
    for (size_t i = 0; i < jx_imp_diag_count(f->im); i++) {
        const jx_diag *d = jx_imp_diag(f->im, i);
        if (strcmp(d->code, "weights-equal") == 0) {
            assert_int_equal(d->severity, JX_SEV_NOTE);
            assert_int_equal(d->line, 1); /* the project's row */
            msg = d->message;
            n++;
        }
    }
    assert_int_equal(n, 1);
    return msg;
}

/* Asserts that the note contains piece. */
static void says(const char *msg, const char *piece)
{
    if (!strstr(msg, piece))
        fail_msg("note lacks “%s”: %s", piece, msg);
}

static void sixty_over_seven(void **state)
{
    (void)state;
    fx f = start("default");
    /* 产出 interleaved with 效益, so "first in table order" is tested across groups */
    add(&f, "产出指标", "甲1", "");
    add(&f, "产出指标", "甲2", "");
    add(&f, "效益指标", "乙1", "");
    add(&f, "产出指标", "甲3", "");
    add(&f, "产出指标", "甲4", "");
    add(&f, "产出指标", "甲5", "");
    add(&f, "效益指标", "乙2", "");
    add(&f, "产出指标", "甲6", "");
    add(&f, "产出指标", "甲7", "");
    add(&f, "满意度指标", "丙1", "");
    add(&f, "满意度指标", "丙2", "");
    add(&f, "满意度指标", "丙3", "");
    const char *msg = run(&f);
    /* 产出 60: 6000 cents ÷ 7 = 857 rest 1 → the first gets 8.58, the other six 8.57;
     * 8.58 + 6 × 8.57 = 60.00 */
    assert_string_equal(w(&f, 0), "8.58");
    assert_string_equal(w(&f, 1), "8.57");
    assert_string_equal(w(&f, 3), "8.57");
    assert_string_equal(w(&f, 4), "8.57");
    assert_string_equal(w(&f, 5), "8.57");
    assert_string_equal(w(&f, 7), "8.57");
    assert_string_equal(w(&f, 8), "8.57");
    /* 效益 30: 3000 ÷ 2 = 1500 → 15.00 each */
    assert_string_equal(w(&f, 2), "15.00");
    assert_string_equal(w(&f, 6), "15.00");
    /* 满意度 10: 1000 ÷ 3 = 333 rest 1 → 3.34, 3.33, 3.33 = 10.00 */
    assert_string_equal(w(&f, 9), "3.34");
    assert_string_equal(w(&f, 10), "3.33");
    assert_string_equal(w(&f, 11), "3.33");
    says(msg, "评分办法“财政部2020”");
    says(msg, "依表中顺序给前面的指标");
    says(msg, "产出指标 60.00 分，7 个指标 8.58 ×1、8.57 ×6");
    says(msg, "效益指标 30.00 分，2 个指标 15.00 ×2");
    says(msg, "满意度指标 10.00 分，3 个指标 3.34 ×1、3.33 ×2");
    says(msg, "合计 100.00 分");
    assert_null(strstr(msg, "不等于"));
    stop(&f);
}

static void existing_weights_are_kept(void **state)
{
    (void)state;
    fx f = start("default");
    add(&f, "产出指标", "甲1", "20");
    add(&f, "产出指标", "甲2", "");
    add(&f, "产出指标", "甲3", "");
    add(&f, "效益指标", "乙1", "");
    add(&f, "效益指标", "乙2", "10.00");
    add(&f, "效益指标", "乙3", "");
    add(&f, "满意度指标", "丙1", "10分");
    const char *msg = run(&f);
    /* 产出: 60 − 20 = 40 over 2 → 20.00 each; the 20 keeps its spelling */
    assert_string_equal(w(&f, 0), "20");
    assert_string_equal(w(&f, 1), "20.00");
    assert_string_equal(w(&f, 2), "20.00");
    /* 效益: 30 − 10 = 20 over 2 → 10.00 each */
    assert_string_equal(w(&f, 3), "10.00");
    assert_string_equal(w(&f, 4), "10.00");
    assert_string_equal(w(&f, 5), "10.00");
    /* 满意度: its only indicator has 10分 */
    assert_string_equal(w(&f, 6), "10分");
    says(msg, "产出指标 60.00 分，减去已有权重 20.00 余 40.00 分，2 个指标 20.00 ×2");
    says(msg, "效益指标 30.00 分，减去已有权重 10.00 余 20.00 分，2 个指标 10.00 ×2");
    says(msg, "满意度指标 10.00 分，1 个指标都已有权重");
    /* 20 + 20 + 20 + 10 + 10 + 10 + 10 = 100 */
    says(msg, "合计 100.00 分");
    stop(&f);
}

static void weights_above_the_points_leave_zero(void **state)
{
    (void)state;
    fx f = start("default");
    add(&f, "产出指标", "甲1", "70");
    add(&f, "产出指标", "甲2", "");
    add(&f, "效益指标", "乙1", "");
    add(&f, "满意度指标", "丙1", "");
    const char *msg = run(&f);
    /* 60 − 70 < 0: nothing left, 0.00 */
    assert_string_equal(w(&f, 1), "0.00");
    assert_string_equal(w(&f, 2), "30.00");
    assert_string_equal(w(&f, 3), "10.00");
    says(msg, "已有权重 70.00 超过分值，余 0 分，1 个指标 0.00 ×1");
    /* 70 + 0 + 30 + 10 = 110 */
    says(msg, "合计 110.00 分，不等于 100.00 分");
    stop(&f);
}

static void unnamed_groups_when_nothing_is_left(void **state)
{
    (void)state;
    /* seed 003's 项目绩效目标表 layout under the default policy */
    fx f = start("default");
    add(&f, "投入与目标管理", "预算执行率", "");
    add(&f, "产出目标", "上线事项数量", "");
    add(&f, "产出目标", "上线率", "");
    add(&f, "产出目标", "完成时间", "");
    add(&f, "效果目标", "办事效率", "");
    add(&f, "效果目标", "群众获得感", "");
    add(&f, "满意度", "使用单位满意度", "");
    const char *msg = run(&f);
    /* named: 产出 60 + 效益 30 + 满意度 10 = 100, nothing left for 投入与目标管理 */
    assert_string_equal(w(&f, 0), "0.00");
    /* 6000 ÷ 3 = 2000 → 20.00 ×3 */
    assert_string_equal(w(&f, 1), "20.00");
    assert_string_equal(w(&f, 2), "20.00");
    assert_string_equal(w(&f, 3), "20.00");
    /* 效果目标 is 效益: 3000 ÷ 2 → 15.00 ×2 */
    assert_string_equal(w(&f, 4), "15.00");
    assert_string_equal(w(&f, 5), "15.00");
    assert_string_equal(w(&f, 6), "10.00");
    says(msg, "投入与目标管理 0.00 分（评分办法未列，一级分值已分完，没有余下的分值），1 个指标 0.00 ×1");
    says(msg, "产出目标 60.00 分（一级分值“产出指标”），3 个指标 20.00 ×3");
    says(msg, "效果目标 30.00 分，2 个指标 15.00 ×2"); /* written as the policy lists it */
    says(msg, "满意度 10.00 分（一级分值“满意度指标”），1 个指标 10.00 ×1");
    says(msg, "合计 100.00 分");
    stop(&f);
}

static void unnamed_groups_share_what_is_left(void **state)
{
    (void)state;
    fx f = start("default");
    add(&f, "产出指标", "甲1", "");
    add(&f, "成本指标", "成本1", "");
    add(&f, "产出指标", "甲2", "");
    add(&f, "投入与目标管理", "预算执行率", "");
    add(&f, "成本指标", "成本2", "");
    add(&f, "决策", "决策1", "");
    add(&f, "决策", "决策2", "");
    add(&f, "决策", "决策3", "");
    const char *msg = run(&f);
    /* only 产出 is named: 60 → 30.00 ×2; 100 − 60 = 40 left for 3 unnamed groups:
     * 4000 ÷ 3 = 1333 rest 1 → 成本指标 (first in table order) 13.34, the others 13.33 */
    assert_string_equal(w(&f, 0), "30.00");
    assert_string_equal(w(&f, 2), "30.00");
    /* 成本指标 13.34: 1334 ÷ 2 = 667 → 6.67 ×2 */
    assert_string_equal(w(&f, 1), "6.67");
    assert_string_equal(w(&f, 4), "6.67");
    /* 投入与目标管理 13.33 */
    assert_string_equal(w(&f, 3), "13.33");
    /* 决策 13.33: 1333 ÷ 3 = 444 rest 1 → 4.45, 4.44, 4.44 */
    assert_string_equal(w(&f, 5), "4.45");
    assert_string_equal(w(&f, 6), "4.44");
    assert_string_equal(w(&f, 7), "4.44");
    says(msg, "成本指标 13.34 分（评分办法未列，分余下的 40.00 分），2 个指标 6.67 ×2");
    says(msg, "投入与目标管理 13.33 分（评分办法未列，分余下的 40.00 分），1 个指标 13.33 ×1");
    says(msg, "决策 13.33 分（评分办法未列，分余下的 40.00 分），3 个指标 4.45 ×1、4.44 ×2");
    /* 60 + 13.34 + 13.33 + 13.33 = 100.00 */
    says(msg, "合计 100.00 分");
    stop(&f);
}

static void central_layout_is_ninety(void **state)
{
    (void)state;
    fx f = start("central");
    add(&f, "产出指标", "甲1", "");
    add(&f, "产出指标", "甲2", "");
    add(&f, "产出指标", "甲3", "");
    add(&f, "效益指标", "乙1", "");
    add(&f, "满意度指标", "丙1", "");
    add(&f, "成本指标", "成本1", "");
    const char *msg = run(&f);
    /* 产出 50: 5000 ÷ 3 = 1666 rest 2 → 16.67, 16.67, 16.66 */
    assert_string_equal(w(&f, 0), "16.67");
    assert_string_equal(w(&f, 1), "16.67");
    assert_string_equal(w(&f, 2), "16.66");
    assert_string_equal(w(&f, 3), "30.00");
    assert_string_equal(w(&f, 4), "10.00");
    /* 50 + 30 + 10 = 90 = the layout beside 预算执行率 单列 10: nothing left */
    assert_string_equal(w(&f, 5), "0.00");
    says(msg, "评分办法“中央部门自评”");
    says(msg, "平分 90.00 分中余下的分值");
    says(msg, "产出指标 50.00 分，3 个指标 16.67 ×2、16.66 ×1");
    says(msg, "合计 90.00 分");
    assert_null(strstr(msg, "不等于"));
    stop(&f);
}

static void table_points_come_first(void **state)
{
    (void)state;
    fx f = start("default");
    add(&f, "产出指标", "甲1", "");
    add(&f, "产出指标", "甲2", "");
    add(&f, "效益指标", "乙1", "");
    add(&f, "满意度指标", "丙1", "");
    add(&f, "成本指标", "成本1", "");
    assert_int_equal(jx_imp_points_add(f.im, 2, "产出指标", "数量指标", "30"), 0); /* a 二级: not used */
    assert_int_equal(jx_imp_points_add(f.im, 2, "产出指标", "", "50.00"), 0);
    assert_int_equal(jx_imp_points_add(f.im, 5, "效益指标", "", "四十"), 0);
    assert_int_equal(jx_imp_points_add(f.im, 7, "成本指标", "", "10 分"), 0);
    const char *msg = run(&f);
    /* 产出: the table's 50 → 25.00 ×2 */
    assert_string_equal(w(&f, 0), "25.00");
    assert_string_equal(w(&f, 1), "25.00");
    /* 效益: the table's 四十 is not a number → the policy's 30 */
    assert_string_equal(w(&f, 2), "30.00");
    assert_string_equal(w(&f, 3), "10.00");
    /* 成本指标: not in the policy, but the table gives it 10 */
    assert_string_equal(w(&f, 4), "10.00");
    says(msg, "产出指标 50.00 分（表中分值），2 个指标 25.00 ×2");
    says(msg, "效益指标 30.00 分（表中分值“四十”无法识别，未用），1 个指标 30.00 ×1");
    says(msg, "成本指标 10.00 分（表中分值），1 个指标 10.00 ×1");
    /* 50 + 30 + 10 + 10 = 100 */
    says(msg, "合计 100.00 分");
    stop(&f);
}

static void missing_group_leaves_the_total_short(void **state)
{
    (void)state;
    fx f = start("default");
    add(&f, "产出指标", "甲1", "");
    add(&f, "效益指标", "乙1", "");
    const char *msg = run(&f);
    /* no 满意度 group: 60 + 30 = 90, and the note says so */
    assert_string_equal(w(&f, 0), "60.00");
    assert_string_equal(w(&f, 1), "30.00");
    says(msg, "合计 90.00 分，不等于 100.00 分");
    stop(&f);
}

static void spellings_of_one_group_pool_together(void **state)
{
    (void)state;
    fx f = start("default");
    add(&f, "产出指标", "甲1", "");
    add(&f, "产出 指标", "甲2", "");
    add(&f, "效益", "乙1", "");
    add(&f, "满意度指标", "丙1", "");
    run(&f);
    /* one pool of 60 over 2 spellings → 30.00 ×2 */
    assert_string_equal(w(&f, 0), "30.00");
    assert_string_equal(w(&f, 1), "30.00");
    assert_string_equal(w(&f, 2), "30.00");
    stop(&f);
}

static void unreadable_weight_is_kept(void **state)
{
    (void)state;
    fx f = start("default");
    add(&f, "产出指标", "甲1", "十分");
    add(&f, "产出指标", "甲2", "");
    add(&f, "效益指标", "乙1", "");
    add(&f, "满意度指标", "丙1", "");
    const char *msg = run(&f);
    /* 十分 is kept as written (the import reports it) and counts 0: 60 − 0 → 60.00 */
    assert_string_equal(w(&f, 0), "十分");
    assert_string_equal(w(&f, 1), "60.00");
    says(msg, "权重“十分”等 1 个无法识别，保留原样、按 0 扣除");
    stop(&f);
}

/*
 * A weight is read once the blanks of the one blank set (text.h) are trimmed around it
 * and before its 分: "20" U+3000 "分" is 20 (only space and tab were, so it was kept as
 * unreadable and counted 0, leaving 60.00 for 甲2). 产出: 60 − 20 = 40 → 甲2 40.00.
 */
static void weight_with_a_wide_space_before_fen(void **state)
{
    (void)state;
    fx f = start("default");
    add(&f, "产出指标", "甲1", "20\xE3\x80\x80分");
    add(&f, "产出指标", "甲2", "");
    add(&f, "效益指标", "乙1", "");
    add(&f, "满意度指标", "丙1", "");
    const char *msg = run(&f);
    assert_string_equal(w(&f, 0), "20\xE3\x80\x80分");
    assert_string_equal(w(&f, 1), "40.00");
    says(msg, "产出指标 60.00 分，减去已有权重 20.00 余 40.00 分，1 个指标 40.00 ×1");
    assert_null(strstr(msg, "无法识别"));
    stop(&f);
}

static void no_level1_and_no_policy(void **state)
{
    (void)state;
    /* indicators without a 一级指标: one unnamed pool, 100 − 0 left → 50.00 ×2 */
    fx f = start("default");
    add(&f, "", "甲1", "");
    add(&f, "", "甲2", "");
    const char *msg = run(&f);
    assert_string_equal(w(&f, 0), "50.00");
    assert_string_equal(w(&f, 1), "50.00");
    says(msg, "（无一级指标） 100.00 分（评分办法未列，分余下的 100.00 分），2 个指标 50.00 ×2");
    stop(&f);
    /* no policy: no 一级分值, every group shares 100: 50 per group → 25.00 ×2 each */
    f = start(NULL);
    add(&f, "产出指标", "甲1", "");
    add(&f, "产出指标", "甲2", "");
    add(&f, "效益指标", "乙1", "");
    add(&f, "效益指标", "乙2", "");
    run(&f);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(w(&f, i), "25.00");
    stop(&f);
}

static void many_groups_cut_the_note_not_the_weights(void **state)
{
    (void)state;
    /* 300 groups the policy does not name, one indicator each: 100 − 0 left, 10000 cents
     * ÷ 300 = 33 rest 100 → the first 100 groups 0.34, the other 200 0.33
     * (100 × 0.34 + 200 × 0.33 = 34 + 66 = 100) */
    static char names[300][16];
    fx f = start("default");
    for (int i = 0; i < 300; i++) {
        snprintf(names[i], sizeof names[i], "组%03d", i);
        add(&f, names[i], "指标", "");
    }
    const char *msg = run(&f);
    assert_string_equal(w(&f, 0), "0.34");
    assert_string_equal(w(&f, 99), "0.34");
    assert_string_equal(w(&f, 100), "0.33");
    assert_string_equal(w(&f, 299), "0.33");
    /* the note is bounded and says where it stops */
    assert_true(strlen(msg) < 8192);
    says(msg, "组000 0.34 分");
    says(msg, "（其余从略）");
    stop(&f);
}

static void all_weighted_changes_nothing(void **state)
{
    (void)state;
    fx f = start("default");
    add(&f, "产出指标", "甲1", "60");
    add(&f, "效益指标", "乙1", "30");
    add(&f, "满意度指标", "丙1", "10");
    assert_int_equal(jx_imp_weights_equal(f.im, f.p, f.pol), 0);
    assert_int_equal(jx_imp_diag_count(f.im), 0); /* nothing given, nothing to explain */
    assert_string_equal(w(&f, 0), "60");
    assert_string_equal(w(&f, 1), "30");
    assert_string_equal(w(&f, 2), "10");
    stop(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sixty_over_seven),
        cmocka_unit_test(existing_weights_are_kept),
        cmocka_unit_test(weights_above_the_points_leave_zero),
        cmocka_unit_test(unnamed_groups_when_nothing_is_left),
        cmocka_unit_test(unnamed_groups_share_what_is_left),
        cmocka_unit_test(central_layout_is_ninety),
        cmocka_unit_test(table_points_come_first),
        cmocka_unit_test(missing_group_leaves_the_total_short),
        cmocka_unit_test(spellings_of_one_group_pool_together),
        cmocka_unit_test(unreadable_weight_is_kept),
        cmocka_unit_test(weight_with_a_wide_space_before_fen),
        cmocka_unit_test(no_level1_and_no_policy),
        cmocka_unit_test(many_groups_cut_the_note_not_the_weights),
        cmocka_unit_test(all_weighted_changes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
