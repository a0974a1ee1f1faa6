/* SPDX-License-Identifier: MIT */
/* test_order.c — the order the 自评表 lists a project's groups and indicators in
 * (order.h): the official ranks of the group names, the order under 分组顺序 规定 and
 * 原文, that the order is a permutation of the project's groups and indicators, and that
 * jx_order_build's one pass over a project in order gives what sorting gives
 * (jx_order_build_plain) on projects in order and out of it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "build.h"
#include "order.h"

#include <stdlib.h>
#include <string.h>

/* A name as a jx_str. */
static jx_str str_of(const char *s)
{
    return (jx_str){s, (uint32_t)strlen(s)};
}

/* Groups are known by the leading word of their name (docs/reports.md). */
static void group_ranks(void **state)
{
    (void)state;
    assert_int_equal(jx_order_group_rank(1, str_of("产出指标")), 0);
    assert_int_equal(jx_order_group_rank(1, str_of("产出")), 0);
    assert_int_equal(jx_order_group_rank(1, str_of("效益指标")), 1);
    assert_int_equal(jx_order_group_rank(1, str_of("效果目标")), 1);
    assert_int_equal(jx_order_group_rank(1, str_of("满意度指标")), 2);
    assert_int_equal(jx_order_group_rank(1, str_of("服务对象满意度指标")), 2);
    assert_int_equal(jx_order_group_rank(1, str_of("投入管理")), JX_ORDER_RANK_OTHER);
    assert_int_equal(jx_order_group_rank(2, str_of("数量指标")), 0);
    assert_int_equal(jx_order_group_rank(2, str_of("质量")), 1);
    assert_int_equal(jx_order_group_rank(2, str_of("时效指标")), 2);
    assert_int_equal(jx_order_group_rank(2, str_of("成本指标")), 3);
    assert_int_equal(jx_order_group_rank(2, str_of("经济效益指标")), 4);
    assert_int_equal(jx_order_group_rank(2, str_of("社会效益")), 5);
    assert_int_equal(jx_order_group_rank(2, str_of("生态效益指标")), 6);
    assert_int_equal(jx_order_group_rank(2, str_of("可持续影响指标")), 7);
    assert_int_equal(jx_order_group_rank(2, str_of("服务对象满意度指标")), 8);
    assert_int_equal(jx_order_group_rank(2, str_of("满意度")), 8);
    assert_int_equal(jx_order_group_rank(2, str_of("进度")), JX_ORDER_RANK_OTHER);
    /* the word must lead: 项目产出 is no 产出; blanks around the name do not count */
    assert_int_equal(jx_order_group_rank(1, str_of("项目产出")), JX_ORDER_RANK_OTHER);
    assert_int_equal(jx_order_group_rank(1, str_of("\u3000效益指标 ")), 1);
    assert_int_equal(jx_order_group_rank(2, str_of(" \u00a0数量指标")), 0);
    /* a word cut short is none; nor is a character that ends as a word's first does */
    assert_int_equal(jx_order_group_rank(1, str_of("满意")), JX_ORDER_RANK_OTHER);
    assert_int_equal(jx_order_group_rank(2, str_of("可持")), JX_ORDER_RANK_OTHER);
    assert_int_equal(jx_order_group_rank(2, str_of("服务对象满意")), JX_ORDER_RANK_OTHER);
    assert_int_equal(jx_order_group_rank(1, str_of("丧出指标")), JX_ORDER_RANK_OTHER);
    assert_int_equal(jx_order_group_rank(2, str_of("丰量指标")), JX_ORDER_RANK_OTHER);
    assert_int_equal(jx_order_group_rank(1, str_of("")), JX_ORDER_RANK_OTHER);
}

/* A project written 效益 before 产出, 质量 before 数量, an unknown 一级 group first and
 * one last, indicators directly in 产出 after its 二级 groups. */
static jx_project *unordered(void)
{
    jx_project *p = jx_test_project("顺序");
    uint32_t xy = jx_test_group(p, 1, "效益指标", NULL, 0);
    uint32_t sh = jx_test_group(p, 2, "社会效益指标", NULL, xy);
    jx_test_ind(p, sh, "社", "≥1", "10", "1");
    uint32_t jj = jx_test_group(p, 2, "经济效益", NULL, xy);
    jx_test_ind(p, jj, "经", "≥1", "10", "1");
    uint32_t tr = jx_test_group(p, 1, "投入管理", NULL, 0);
    jx_test_ind(p, tr, "投", "≥1", "10", "1");
    uint32_t cc = jx_test_group(p, 1, "产出", NULL, 0);
    uint32_t zl = jx_test_group(p, 2, "质量", NULL, cc);
    jx_test_ind(p, zl, "质1", "≥1", "10", "1");
    jx_test_ind(p, zl, "质2", "≥1", "10", "1");
    uint32_t sl = jx_test_group(p, 2, "数量指标", NULL, cc);
    jx_test_ind(p, sl, "数", "≥1", "10", "1");
    jx_test_ind(p, cc, "直", "≥1", "10", "1");
    uint32_t my = jx_test_group(p, 1, "服务对象满意度指标", NULL, 0);
    jx_test_ind(p, my, "满", "≥1", "10", "1");
    uint32_t gl = jx_test_group(p, 1, "项目管理", NULL, 0);
    jx_test_group(p, 2, "制度", NULL, gl);
    jx_test_ind(p, gl, "管", "≥1", "10", "1");
    return p;
}

/* Each group and each indicator of p appears exactly once in o. */
static void assert_permutation(const jx_order *o, const jx_project *p)
{
    assert_int_equal(o->ngroups, p->ngroups);
    assert_int_equal(o->ninds, p->ninds);
    for (size_t g = 0; g < p->ngroups; g++) {
        size_t seen = 0;
        for (size_t k = 0; k < o->ngroups; k++)
            seen += o->groups[k] == &p->groups[g];
        assert_int_equal(seen, 1);
    }
    for (size_t i = 0; i < p->ninds; i++) {
        size_t seen = 0;
        for (size_t k = 0; k < o->ninds; k++)
            seen += o->inds[k] == &p->inds[i];
        assert_int_equal(seen, 1);
    }
}

static void official_and_source_order(void **state)
{
    (void)state;
    jx_project *p = unordered();
    jx_arena ar;
    jx_arena_init(&ar, NULL);
    jx_order o;
    assert_int_equal(jx_order_build(&o, p, &ar), JX_OK);
    assert_permutation(&o, p);
    /* 产出 (0) → 效益 (1) → 满意度 (2), then the unknown 投入管理 and 项目管理 as written;
     * within 产出 数量 (0) before 质量 (1), within 效益 经济 (4) before 社会 (5) */
    static const char *const groups[] = {"产出", "数量指标", "质量", "效益指标", "经济效益", "社会效益指标",
                                         "服务对象满意度指标", "投入管理", "项目管理", "制度"};
    for (size_t i = 0; i < 10; i++)
        assert_string_equal(o.groups[i]->name.s, groups[i]);
    /* a 一级 group's own indicators before its 二级 groups' */
    static const char *const inds[] = {"直", "数", "质1", "质2", "经", "社", "满", "投", "管"};
    for (size_t i = 0; i < 9; i++)
        assert_string_equal(o.inds[i]->name.s, inds[i]);

    /* 分组顺序 原文: as written */
    p->group_source_order = true;
    assert_int_equal(jx_order_build(&o, p, &ar), JX_OK);
    assert_permutation(&o, p);
    static const char *const src_groups[] = {"效益指标", "社会效益指标", "经济效益", "投入管理", "产出",
                                             "质量", "数量指标", "服务对象满意度指标", "项目管理", "制度"};
    for (size_t i = 0; i < 10; i++)
        assert_string_equal(o.groups[i]->name.s, src_groups[i]);
    static const char *const src_inds[] = {"社", "经", "投", "直", "质1", "质2", "数", "满", "管"};
    for (size_t i = 0; i < 9; i++)
        assert_string_equal(o.inds[i]->name.s, src_inds[i]);
    jx_arena_free(&ar);
    jx_test_project_free(p);
}

/* jx_order_build and jx_order_build_plain give p the same order, under 分组顺序 规定 and
 * 原文; returns whether that order is the source order (the one-pass case). */
static bool same_as_plain(jx_project *p)
{
    bool in_source_order = true;
    for (int source = 0; source < 2; source++) {
        p->group_source_order = source;
        jx_arena ar;
        jx_arena_init(&ar, NULL);
        jx_order fast, plain;
        assert_int_equal(jx_order_build(&fast, p, &ar), JX_OK);
        assert_int_equal(jx_order_build_plain(&plain, p, &ar), JX_OK);
        assert_int_equal(fast.ngroups, plain.ngroups);
        assert_int_equal(fast.ninds, plain.ninds);
        for (size_t g = 0; g < plain.ngroups; g++) {
            assert_ptr_equal(fast.groups[g], plain.groups[g]);
            in_source_order &= source == 1 || plain.groups[g] == &p->groups[g];
        }
        for (size_t i = 0; i < plain.ninds; i++) {
            assert_ptr_equal(fast.inds[i], plain.inds[i]);
            in_source_order &= source == 1 || plain.inds[i] == &p->inds[i];
        }
        jx_arena_free(&ar);
    }
    p->group_source_order = false;
    return in_source_order;
}

/* A project as the forms list it: 产出 (数量, 质量), 效益 (经济, 社会), 满意度, each with
 * indicators, an unknown 一级 group last with one of its own and an empty 二级. */
static jx_project *ordered(void)
{
    jx_project *p = jx_test_project("有序");
    uint32_t cc = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t sl = jx_test_group(p, 2, "数量指标", NULL, cc);
    jx_test_ind(p, sl, "数1", "≥1", "10", "1");
    jx_test_ind(p, sl, "数2", "≥1", "10", "1");
    uint32_t zl = jx_test_group(p, 2, " 质量指标", NULL, cc);
    jx_test_ind(p, zl, "质", "≥1", "10", "1");
    uint32_t xy = jx_test_group(p, 1, "效益指标", NULL, 0);
    uint32_t jj = jx_test_group(p, 2, "经济效益指标", NULL, xy);
    jx_test_ind(p, jj, "经", "≥1", "10", "1");
    uint32_t sh = jx_test_group(p, 2, "社会效益指标\u3000", NULL, xy);
    jx_test_ind(p, sh, "社", "≥1", "10", "1");
    uint32_t my = jx_test_group(p, 1, "满意度指标", NULL, 0);
    uint32_t dx = jx_test_group(p, 2, "服务对象满意度指标", NULL, my);
    jx_test_ind(p, dx, "满", "≥1", "10", "1");
    uint32_t gl = jx_test_group(p, 1, "项目管理", NULL, 0);
    jx_test_ind(p, gl, "管", "≥1", "10", "1");
    jx_test_group(p, 2, "制度", NULL, gl);
    return p;
}

static void one_pass_agrees_with_sorting(void **state)
{
    (void)state;
    /* in order: the source order, and the same under both */
    jx_project *p = ordered();
    assert_true(same_as_plain(p));
    /* each way of leaving the order, one at a time, from the ordered project */
    for (int how = 0; how < 9; how++) {
        jx_project *q = ordered();
        switch (how) {
        case 0: q->groups[6].name = str_of("产出"); break;          /* a 一级 out of rank: 产出 after 效益 */
        case 1: q->groups[1].name = str_of("时效指标"); break;      /* a 二级 out of rank: 时效 before 质量 */
        case 2: q->groups[4].parent = 0; break;                     /* a 二级 apart from its 一级 */
        case 3: q->groups[4].parent = 99; break;                    /* a 二级 of no 一级 */
        case 4: q->groups[0].level = 2; break;                      /* a 二级 before every 一级 */
        case 5: q->groups[2].level = 3; break;                      /* a group of neither level */
        case 6: q->inds[0].group = 2; break;                        /* an indicator after its group's */
        case 7: q->inds[q->ninds - 1].group = 99; break;            /* an indicator of no group */
        default: jx_test_ind(q, 0, "直", "≥1", "10", "1"); break;  /* one directly in 产出, last */
        }
        same_as_plain(q);
        jx_test_project_free(q);
    }
    /* out of order from the start */
    jx_project *u = unordered();
    assert_false(same_as_plain(u));
    jx_test_project_free(u);
    jx_test_project_free(p);
}

/*
 * The indicators are seen to come group by group four at a time, then one at a time: a
 * fall at any place of a step of four, or among the last ones, is seen. A project of ten
 * indicators under 产出指标 (group 0): 数量 (1) holds inds 0-2, 质量 (2) 3-5, 时效 (3) 6-9.
 * Moving indicator k (1 to 9) into 产出指标 itself, group 0, makes its group fall below its
 * predecessor's: sorted, a 一级 group's own indicators come first, so the order is k, then
 * the others as written; k = 0 leaves the order as written.
 */
static void a_fall_anywhere_is_seen(void **state)
{
    (void)state;
    for (size_t k = 0; k < 10; k++) {
        jx_project *p = jx_test_project("十个");
        uint32_t cc = jx_test_group(p, 1, "产出指标", NULL, 0);
        uint32_t sl = jx_test_group(p, 2, "数量指标", NULL, cc);
        uint32_t zl = jx_test_group(p, 2, "质量指标", NULL, cc);
        uint32_t sx = jx_test_group(p, 2, "时效指标", NULL, cc);
        static const char *const names[10] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        for (size_t i = 0; i < 10; i++)
            jx_test_ind(p, i < 3 ? sl : i < 6 ? zl : sx, names[i], "≥1", "10", "1");
        p->inds[k].group = cc;
        jx_arena ar;
        jx_arena_init(&ar, NULL);
        jx_order o;
        assert_int_equal(jx_order_build(&o, p, &ar), JX_OK);
        assert_int_equal(o.ninds, 10);
        size_t at = 0;
        assert_ptr_equal(o.inds[at++], &p->inds[k]);
        for (size_t j = 0; j < 10; j++)
            if (j != k)
                assert_ptr_equal(o.inds[at++], &p->inds[j]);
        jx_arena_free(&ar);
        assert_int_equal(same_as_plain(p), k == 0);
        jx_test_project_free(p);
    }
}

static void empty_project(void **state)
{
    (void)state;
    jx_project *p = jx_test_project("空");
    jx_arena ar;
    jx_arena_init(&ar, NULL);
    jx_order o;
    assert_int_equal(jx_order_build(&o, p, &ar), JX_OK);
    assert_int_equal(o.ngroups, 0);
    assert_int_equal(o.ninds, 0);
    jx_arena_free(&ar);
    jx_test_project_free(p);
}

/* An allocator that refuses everything. */
static void *no_memory(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0)
        free(ptr);
    return NULL;
}

static void out_of_memory_is_reported(void **state)
{
    (void)state;
    jx_project *p = unordered();
    jx_allocator none = {no_memory, NULL};
    jx_arena ar;
    jx_arena_init(&ar, &none);
    jx_order o;
    assert_int_equal(jx_order_build(&o, p, &ar), JX_ERR_NOMEM);
    jx_arena_free(&ar);
    jx_test_project_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(group_ranks),
        cmocka_unit_test(official_and_source_order),
        cmocka_unit_test(one_pass_agrees_with_sorting),
        cmocka_unit_test(a_fall_anywhere_is_seen),
        cmocka_unit_test(empty_project),
        cmocka_unit_test(out_of_memory_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
