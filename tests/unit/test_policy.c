/* SPDX-License-Identifier: MIT */
/* test_policy.c — loading scoring policies: defaults, shipped policies, files, validation,
 * and each setting's effect on a score. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "build.h"
#include "model.h"

#include "builtin_rules.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* An allocator that counts live bytes and calls, to prove every allocation goes through it. */
typedef struct counting {
    long live_bytes; /* allocated minus freed */
    long calls;      /* how many times it was called */
} counting;

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    counting *c = ud;
    c->calls++;
    if (nsize == 0) {
        if (ptr)
            c->live_bytes -= (long)osize;
        free(ptr);
        return NULL;
    }
    void *q = realloc(ptr, nsize);
    if (q)
        c->live_bytes += (long)nsize - (long)(ptr ? osize : 0);
    return q;
}

/* Opens text from memory, asserting the result code. */
static jx_policy *open_text(const char *text, jx_result want)
{
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open_memory(&pol, "test.jx", text, strlen(text), NULL), want);
    assert_non_null(pol);
    return pol;
}

/* The first diagnostic of pol with code, or NULL. */
static const jx_diag *policy_find(const jx_policy *pol, const char *code)
{
    for (size_t i = 0; i < jx_policy_diag_count(pol); i++)
        if (strcmp(jx_policy_diag(pol, i)->code, code) == 0)
            return jx_policy_diag(pol, i);
    return NULL;
}

/* Scores one indicator (with a 偏差) under pol; cents. */
static int64_t score_with(const jx_policy *pol, const char *target, const char *weight,
                          const char *actual)
{
    jx_project *p = jx_test_project("项目");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_indicator *ind = jx_test_ind(p, g2, "指标", target, weight, actual);
    jx_test_reason(p, ind, "说明");
    assert_int_equal(jx_score(p, pol), JX_OK);
    int64_t cents = jx_indicator_score_cents(&p->inds[0]);
    jx_test_project_free(p);
    return cents;
}

/* ---------------------------------------------------------------- tests */

static void defaults_are_national(void **state)
{
    (void)state;
    jx_policy pol;
    memset(&pol, 0xff, sizeof pol);
    jx_policy_set_defaults(&pol);
    assert_int_equal(jx_dec_cmp(pol.bands[0], jx_dec_from_int(90)), 0);
    assert_int_equal(jx_dec_cmp(pol.bands[1], jx_dec_from_int(80)), 0);
    assert_int_equal(jx_dec_cmp(pol.bands[2], jx_dec_from_int(60)), 0);
    assert_int_equal(pol.reverse, JX_REVERSE_LINEAR);
    assert_int_equal(jx_dec_cmp(pol.qual_pct[0], jx_dec_from_int(100)), 0);
    assert_int_equal(jx_dec_cmp(pol.qual_pct[1], jx_dec_from_int(70)), 0);
    assert_int_equal(jx_dec_cmp(pol.qual_pct[2], jx_dec_from_int(30)), 0);
    assert_int_equal(jx_dec_cmp(pol.qual_band_lo[1], jx_dec_from_int(60)), 0);
    assert_int_equal(jx_dec_cmp(pol.qual_band_hi[1], jx_dec_from_int(80)), 0);
    assert_int_equal(jx_dec_cmp(pol.over_pct, jx_dec_from_int(120)), 0);
    assert_false(pol.exec_separate);
    assert_false(pol.exec_cap);
    assert_int_equal(pol.na_rule, JX_NA_DROP);
    assert_int_equal(pol.decimals, 2);
    assert_int_equal(jx_dec_cmp(pol.layout_total, jx_dec_from_int(100)), 0);
    /* weights that do not add up are an error and withhold the 结论 */
    assert_false(pol.weight_sum_warn);
}

static void builtin_names_list_the_shipped_files(void **state)
{
    (void)state;
    const char *const *names = jx_policy_builtin_names();
    bool has_default = false, has_central = false;
    size_t n = 0;
    for (; names[n]; n++) {
        has_default |= strcmp(names[n], "default") == 0;
        has_central |= strcmp(names[n], "central") == 0;
        jx_policy *pol = NULL;
        assert_int_equal(jx_policy_open(&pol, names[n], NULL), JX_OK); /* every listed name opens */
        assert_int_equal(jx_policy_diag_count(pol), 0);
        jx_policy_close(pol);
    }
    size_t files = 0;
    for (const jx_builtin_rule *r = jx_builtin_rules; r->stem; r++)
        files++;
    assert_int_equal(n, files);
    assert_true(has_default);
    assert_true(has_central);
}

static void open_default(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_string_equal(jx_policy_name(pol), "财政部2020");
    assert_int_equal(jx_policy_diag_count(pol), 0);
    assert_null(jx_policy_diag(pol, 0));
    assert_false(pol->exec_separate);
    assert_int_equal(jx_dec_cmp(pol->layout_total, jx_dec_from_int(100)), 0);
    jx_policy_close(pol);
}

static void open_central(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "central", NULL), JX_OK);
    assert_string_equal(jx_policy_name(pol), "中央部门自评");
    assert_true(pol->exec_separate);
    assert_true(pol->exec_cap);
    /* 100 − 10 = 90 */
    assert_int_equal(jx_dec_cmp(pol->exec_points, jx_dec_from_int(10)), 0);
    assert_int_equal(jx_dec_cmp(pol->layout_total, jx_dec_from_int(90)), 0);
    jx_policy_close(pol);
}

static void open_by_header_name(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "财政部2020", NULL), JX_OK);
    assert_false(pol->exec_separate);
    jx_policy_close(pol);
    assert_int_equal(jx_policy_open(&pol, "中央部门自评", NULL), JX_OK);
    assert_true(pol->exec_separate);
    jx_policy_close(pol);
}

static void open_unknown_lists_shipped(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "no-such-policy", NULL), JX_ERR_NOTFOUND);
    assert_non_null(pol);
    assert_int_equal(jx_policy_diag_count(pol), 1);
    const jx_diag *d = jx_policy_diag(pol, 0);
    assert_int_equal(d->severity, JX_SEV_ERROR);
    assert_non_null(strstr(d->message, "no-such-policy"));
    assert_non_null(strstr(d->message, "default"));
    assert_non_null(strstr(d->message, "central"));
    assert_non_null(strstr(d->message, "财政部2020"));
    assert_non_null(strstr(d->message, "中央部门自评"));
    jx_policy_close(pol);
    /* a directory is not a policy file: an I/O error saying it is a folder */
    assert_int_equal(jx_policy_open(&pol, "./", NULL), JX_ERR_IO);
    assert_int_equal(jx_policy_diag_count(pol), 1);
    assert_string_equal(jx_policy_diag(pol, 0)->message, "评分办法“./”是一个文件夹，不是评分办法文件");
    jx_policy_close(pol);
    /* "." names no policy: a name is never a file, a path holds a '/' or ends in .jx */
    assert_int_equal(jx_policy_open(&pol, ".", NULL), JX_ERR_NOTFOUND);
    jx_policy_close(pol);
}

/* A name is the shipped policy of that name, whatever the working folder holds: a file
 * called "default" there (not a policy at all) is not read; "./default" is, and fails. */
static void open_name_not_a_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/jx_policy_name_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char old[4096];
    assert_non_null(getcwd(old, sizeof old));
    assert_int_equal(chdir(dir), 0);
    FILE *f = fopen("default", "w");
    assert_non_null(f);
    fputs("这不是评分办法\n", f);
    fclose(f);
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_string_equal(jx_policy_name(pol), "财政部2020");
    jx_policy_close(pol);
    assert_int_not_equal(jx_policy_open(&pol, "./default", NULL), JX_OK);
    jx_policy_close(pol);
    assert_int_equal(unlink("default"), 0);
    assert_int_equal(chdir(old), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* A path that exists but cannot be opened (a link to itself) names the system's reason. */
static void open_unopenable_names_the_reason(void **state)
{
    (void)state;
    char dir[] = "/tmp/jx_policy_dir_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char link[64];
    snprintf(link, sizeof link, "%s/loop.jx", dir);
    assert_int_equal(symlink(link, link), 0);
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, link, NULL), JX_ERR_IO);
    char want[256];
    snprintf(want, sizeof want, "无法打开评分办法文件“%s”：符号链接层数过多", link); /* ELOOP */
    assert_int_equal(jx_policy_diag_count(pol), 1);
    assert_string_equal(jx_policy_diag(pol, 0)->message, want);
    jx_policy_close(pol);
    unlink(link);
    rmdir(dir);
}

static void open_file(void **state)
{
    (void)state;
    char path[] = "/tmp/jx_policy_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "# 地方办法\n评分办法 \"某市2024\" {\n    等级 优 80 良 70 中 60\n    反向 比例\n}\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, path, NULL), JX_OK);
    assert_string_equal(jx_policy_name(pol), "某市2024");
    assert_int_equal(pol->reverse, JX_REVERSE_RATIO);
    /* settings left out keep the defaults */
    assert_int_equal(pol->decimals, 2);
    jx_policy_close(pol);
    unlink(path);
}

static void open_file_with_errors(void **state)
{
    (void)state;
    char path[] = "/tmp/jx_policy_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "评分办法 \"坏\" {\n    反向 斜线\n}\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, path, NULL), JX_ERR_INPUT);
    assert_true(jx_policy_diag_count(pol) >= 1);
    const jx_diag *d = jx_policy_diag(pol, 0);
    assert_string_equal(d->file, path);
    assert_int_equal(d->line, 2);
    jx_policy_close(pol);
    unlink(path);
}

static void memory_settings(void **state)
{
    (void)state;
    jx_policy *pol = open_text("评分办法 \"全设置\" {\n"
                               "    等级 优 85 良 75 中 60\n"
                               "    反向 比例\n"
                               "    定性 达成 100% 部分达成 75% 未达成 20%\n"
                               "    超额提示 130%\n"
                               "    预算执行率 单列 5 分 封顶\n"
                               "    不适用 按比例折算\n"
                               "    小数 3\n"
                               "}\n",
                               JX_OK);
    assert_string_equal(jx_policy_name(pol), "全设置");
    assert_int_equal(jx_dec_cmp(pol->bands[0], jx_dec_from_int(85)), 0);
    assert_int_equal(pol->reverse, JX_REVERSE_RATIO);
    assert_int_equal(jx_dec_cmp(pol->qual_pct[1], jx_dec_from_int(75)), 0);
    assert_int_equal(jx_dec_cmp(pol->over_pct, jx_dec_from_int(130)), 0);
    assert_true(pol->exec_separate);
    assert_true(pol->exec_cap);
    /* 100 − 5 = 95 */
    assert_int_equal(jx_dec_cmp(pol->layout_total, jx_dec_from_int(95)), 0);
    assert_int_equal(pol->na_rule, JX_NA_RESCALE);
    assert_int_equal(pol->decimals, 3);
    jx_policy_close(pol);
}

static void bands_must_descend(void **state)
{
    (void)state;
    jx_policy *pol = open_text("评分办法 \"乱序\" {\n    等级 优 80 良 90 中 60\n}\n", JX_ERR_INPUT);
    const jx_diag *d = policy_find(pol, "band-gap");
    assert_non_null(d);
    assert_int_equal(d->severity, JX_SEV_ERROR);
    assert_non_null(strstr(d->message, "从高到低"));
    /* at the 评分办法 keyword, line 1 */
    assert_int_equal(d->line, 1);
    jx_policy_close(pol);
    /* equal bands are not descending either */
    pol = open_text("评分办法 \"相等\" {\n    等级 优 80 良 80 中 60\n}\n", JX_ERR_INPUT);
    jx_policy_close(pol);
    /* above 100 */
    pol = open_text("评分办法 \"过高\" {\n    等级 优 120 良 80 中 60\n}\n", JX_ERR_INPUT);
    jx_policy_close(pol);
    /* 80/70/60 is fine */
    pol = open_text("评分办法 \"地方\" {\n    等级 优 80 良 70 中 60\n}\n", JX_OK);
    jx_policy_close(pol);
}

static void percentages_must_be_sane(void **state)
{
    (void)state;
    /* 部分达成 90% lies outside its band [60%, 80%) */
    jx_policy *pol = open_text("评分办法 \"定性\" {\n    定性 达成 100% 部分达成 90% 未达成 30%\n}\n",
                               JX_ERR_INPUT);
    const jx_diag *d = policy_find(pol, "policy");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "部分达成"));
    jx_policy_close(pol);
    /* above 100% */
    pol = open_text("评分办法 \"定性\" {\n    定性 达成 110% 部分达成 70% 未达成 30%\n}\n", JX_ERR_INPUT);
    jx_policy_close(pol);
    /* a band whose bounds are reversed */
    pol = open_text("评分办法 \"区间\" {\n    定性区间 达成 80% 100% 部分达成 80% 60% 未达成 0% 60%\n}\n",
                    JX_ERR_INPUT);
    jx_policy_close(pol);
    /* 超额提示 below 100% */
    pol = open_text("评分办法 \"超额\" {\n    超额提示 90%\n}\n", JX_ERR_INPUT);
    assert_non_null(strstr(policy_find(pol, "policy")->message, "超额提示"));
    jx_policy_close(pol);
    /* 预算执行率 单列 100 分 leaves nothing for the indicators */
    pol = open_text("评分办法 \"执行率\" {\n    预算执行率 单列 100 分\n}\n", JX_ERR_INPUT);
    jx_policy_close(pol);
}

static void syntax_errors_are_reported(void **state)
{
    (void)state;
    jx_policy *pol = open_text("评分办法 \"坏\" {\n    小数 7\n}\n", JX_ERR_INPUT);
    assert_non_null(policy_find(pol, "syntax"));
    /* validation is skipped when parsing failed: no second, "policy" error */
    assert_null(policy_find(pol, "policy"));
    jx_policy_close(pol);
}

/*
 * A first token that is itself an error (a NUL, a control character, a string never
 * closed) is reported at 1:1 like any other: it used to be read before the parser knew
 * where diagnostics go (found by the policy fuzz target).
 */
static void bad_first_token_is_reported(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t len;
    } cases[] = {{"\0", 1}, {"\x01评分办法 \"x\" {\n}\n", 22}, {"\"abc", 4}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        jx_policy *pol = NULL;
        assert_int_equal(jx_policy_open_memory(&pol, "bad.jx", cases[i].text, cases[i].len, NULL), JX_ERR_INPUT);
        assert_non_null(pol);
        assert_true(jx_policy_diag_count(pol) >= 1);
        const jx_diag *d = jx_policy_diag(pol, 0);
        assert_int_equal(d->line, 1);
        assert_int_equal(d->column, 1);
        jx_policy_close(pol);
    }
}

static void null_arguments(void **state)
{
    (void)state;
    jx_policy *pol = (jx_policy *)&pol;
    assert_int_equal(jx_policy_open(NULL, "default", NULL), JX_ERR_USAGE);
    assert_int_equal(jx_policy_open(&pol, NULL, NULL), JX_ERR_USAGE);
    assert_null(pol);
    assert_int_equal(jx_policy_open_memory(&pol, "x", NULL, 0, NULL), JX_ERR_USAGE);
    jx_policy_close(NULL);
    assert_string_equal(jx_policy_name(NULL), "");
    assert_int_equal(jx_policy_diag_count(NULL), 0);
    assert_null(jx_policy_diag(NULL, 0));
}

static void allocator_is_used_and_balanced(void **state)
{
    (void)state;
    counting c = {0, 0};
    jx_allocator a = {counting_alloc, &c};
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "central", &a), JX_OK);
    assert_true(c.calls > 0);
    assert_true(c.live_bytes > 0);
    jx_policy_close(pol);
    assert_int_equal(c.live_bytes, 0);
    assert_int_equal(jx_policy_open(&pol, "nope", &a), JX_ERR_NOTFOUND);
    jx_policy_close(pol);
    assert_int_equal(c.live_bytes, 0);
}

/* ------------------------------------------- each setting changes a score */

static void reverse_ratio_from_text(void **state)
{
    (void)state;
    /* ≤24 权重15 实际30: 线性 15 × 18 / 24 = 11.25; 比例 15 × 24 / 30 = 12.00 */
    jx_policy *lin = open_text("评分办法 \"线性\" {\n    反向 线性\n}\n", JX_OK);
    jx_policy *rat = open_text("评分办法 \"比例\" {\n    反向 比例\n}\n", JX_OK);
    assert_int_equal(score_with(lin, "≤24小时", "15", "30"), 1125);
    assert_int_equal(score_with(rat, "≤24小时", "15", "30"), 1200);
    jx_policy_close(lin);
    jx_policy_close(rat);
}

static void decimals_from_text(void **state)
{
    (void)state;
    /* ≥3 权重10 实际2 = 6.666…: 小数 1 → 6.7 (670 cents); 小数 2 → 6.67 */
    jx_policy *one = open_text("评分办法 \"一位\" {\n    小数 1\n}\n", JX_OK);
    assert_int_equal(score_with(one, "≥3", "10", "2"), 670);
    jx_policy_close(one);
    jx_policy *two = open_text("评分办法 \"两位\" {\n    小数 2\n}\n", JX_OK);
    assert_int_equal(score_with(two, "≥3", "10", "2"), 667);
    jx_policy_close(two);
}

static void central_from_text_adds_execution(void **state)
{
    (void)state;
    /* central: weights 90 all met + 10 × 45 / 50 = 9.00 → 99.00 */
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "central", NULL), JX_OK);
    jx_project *p = jx_test_project("项目");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_test_ind(p, g2, "甲", "≥1", "90", "1");
    jx_test_funds(p, "一般公共预算资金", "50", "50", "45");
    assert_int_equal(jx_score(p, pol), JX_OK);
    assert_int_equal(jx_project_total_cents(p), 9900);
    assert_int_equal(jx_test_count_code(p, "weight-sum"), 0);
    assert_string_equal(p->policy_name, "中央部门自评");
    jx_test_project_free(p);
    jx_policy_close(pol);
}


/* ------------------------------------------------------------------ 一级分值 */

/* Asserts entry i of pol's 一级分值: its names as written and its points. */
static void assert_level1(const jx_policy *pol, size_t i, const char *names, int64_t points)
{
    assert_true(i < pol->nlevel1);
    assert_string_equal(pol->level1[i].names.s, names);
    assert_int_equal(jx_dec_cmp(pol->level1[i].points, jx_dec_from_int(points)), 0);
}

static void level1_shipped(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    /* default: seed 001's layout, 产出 60 + 效益 30 + 满意度 10 = 100, 执行率 not 单列 */
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_int_equal(pol->nlevel1, 3);
    assert_level1(pol, 0, "产出指标", 60);
    assert_level1(pol, 1, "效益指标/效果目标", 30);
    assert_level1(pol, 2, "满意度指标", 10);
    assert_int_equal(jx_policy_diag_count(pol), 0); /* adds up: no level1-points warning */
    jx_policy_close(pol);
    /* central: 50 + 30 + 10 = 90, plus 预算执行率 单列 10 = 100 */
    assert_int_equal(jx_policy_open(&pol, "central", NULL), JX_OK);
    assert_int_equal(pol->nlevel1, 3);
    assert_level1(pol, 0, "产出指标", 50);
    assert_level1(pol, 1, "效益指标/效果目标", 30);
    assert_level1(pol, 2, "满意度指标", 10);
    assert_int_equal(jx_policy_diag_count(pol), 0);
    jx_policy_close(pol);
}

/* The entry index jx_policy_level1_find gives for a group name. */
static int find(const jx_policy *pol, const char *name)
{
    return jx_policy_level1_find(pol, name, strlen(name));
}

static void level1_name_rule(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    /* exact names */
    assert_int_equal(find(pol, "产出指标"), 0);
    assert_int_equal(find(pol, "效益指标"), 1);
    assert_int_equal(find(pol, "满意度指标"), 2);
    /* blanks removed, a trailing 指标 / 目标 removed on both sides */
    assert_int_equal(find(pol, "产出 指标"), 0);
    assert_int_equal(find(pol, "产出目标"), 0);   /* seed 003 */
    assert_int_equal(find(pol, "产出"), 0);
    assert_int_equal(find(pol, "满意度"), 2);     /* seed 003 */
    assert_int_equal(find(pol, "满意度目标"), 2);
    /* the alternative after '/' */
    assert_int_equal(find(pol, "效果目标"), 1);   /* seed 003 */
    assert_int_equal(find(pol, "效果"), 1);
    /* no prefix or part matches */
    assert_int_equal(find(pol, "服务对象满意度指标"), -1);
    assert_int_equal(find(pol, "产出指标体系"), -1);
    assert_int_equal(find(pol, "投入与目标管理"), -1); /* seed 003: not named by the policy */
    assert_int_equal(find(pol, "成本指标"), -1);       /* seed 004: a 一级 group of its own */
    assert_int_equal(find(pol, "指标"), -1);
    assert_int_equal(find(pol, ""), -1);
    assert_int_equal(jx_policy_level1_find(NULL, "产出指标", strlen("产出指标")), -1);
    /* the blanks removed are the one blank set (text.h): VT, FF and the Unicode spaces as
     * well, which used to stay in the name and match nothing ("产出" VT "指标" was -1) */
    assert_int_equal(find(pol, "产出\v指标"), 0);
    assert_int_equal(find(pol, "产出\xE2\x80\x82指标"), 0); /* EN SPACE */
    assert_int_equal(find(pol, "\f满意度"), 2);
    assert_int_equal(find(pol, "产出\xC2\xA0指标"), 0);      /* NBSP, as before */
    jx_policy_close(pol);
    /* a policy without 一级分值 names nothing */
    pol = open_text("评分办法 \"无\" {\n    小数 2\n}\n", JX_OK);
    assert_int_equal(pol->nlevel1, 0);
    assert_int_equal(find(pol, "产出指标"), -1);
    jx_policy_close(pol);
}

static void level1_ascii_points_word_and_replacement(void **state)
{
    (void)state;
    /* the ASCII alias, 分 after a number, a quoted name with a space */
    jx_policy *pol = open_text("policy \"ascii\" {\n"
                               "    level1_points 产出指标 50 分 成本指标 10 points \"效益 指标\" 30 满意度指标 10\n"
                               "}\n",
                               JX_OK);
    assert_int_equal(pol->nlevel1, 4);
    assert_level1(pol, 1, "成本指标", 10);
    assert_level1(pol, 2, "效益 指标", 30);
    assert_int_equal(find(pol, "成本指标"), 1);
    assert_int_equal(find(pol, "效益指标"), 2);
    assert_int_equal(jx_policy_diag_count(pol), 0); /* 50 + 10 + 30 + 10 = 100 */
    jx_policy_close(pol);
    /* a later 一级分值 replaces the earlier one */
    pol = open_text("评分办法 \"两次\" {\n"
                    "    一级分值 产出指标 40 效益指标 60\n"
                    "    一级分值 产出指标 70 效益指标 30\n"
                    "}\n",
                    JX_OK);
    assert_int_equal(pol->nlevel1, 2);
    assert_level1(pol, 0, "产出指标", 70);
    jx_policy_close(pol);
}

static void level1_sum_warns(void **state)
{
    (void)state;
    /* 60 + 30 = 90 ≠ 100: a warning (the policy still loads) at the first name, 2:10 */
    jx_policy *pol = open_text("评分办法 \"少了\" {\n    一级分值 产出指标 60 效益指标 30\n}\n", JX_OK);
    assert_int_equal(jx_policy_diag_count(pol), 1);
    const jx_diag *d = policy_find(pol, "level1-points");
    assert_non_null(d);
    assert_int_equal(d->severity, JX_SEV_WARNING);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 10);
    assert_non_null(strstr(d->message, "合计 90 分"));
    jx_policy_close(pol);
    /* 60 + 30 + 10 = 100, but 预算执行率 单列 10 makes 110 */
    pol = open_text("评分办法 \"多了\" {\n"
                    "    预算执行率 单列 10 分\n"
                    "    一级分值 产出指标 60 效益指标 30 满意度指标 10\n"
                    "}\n",
                    JX_OK);
    d = policy_find(pol, "level1-points");
    assert_non_null(d);
    assert_int_equal(d->line, 3);
    assert_non_null(strstr(d->message, "共 110 分"));
    jx_policy_close(pol);
    /* decimals add exactly: 59.5 + 30.5 + 10 = 100 */
    pol = open_text("评分办法 \"小数\" {\n    一级分值 产出指标 59.5 效益指标 30.5 满意度指标 10\n}\n", JX_OK);
    assert_int_equal(jx_policy_diag_count(pol), 0);
    jx_policy_close(pol);
}

/* 权重合计 错误 | 警告: what weights not adding up to the 满分 do (docs/scoring.md). */
static void weight_sum_setting(void **state)
{
    (void)state;
    /* the shipped policies keep the default: an error */
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_false(pol->weight_sum_warn);
    jx_policy_close(pol);
    assert_int_equal(jx_policy_open(&pol, "central", NULL), JX_OK);
    assert_false(pol->weight_sum_warn);
    jx_policy_close(pol);
    /* 警告, with a comment after it, between other settings that still read */
    pol = open_text("评分办法 \"旧办法\" {\n"
                    "    超额提示 130%\n"
                    "    权重合计 警告   # 权重合计不符只警告\n"
                    "    小数 3\n"
                    "}\n",
                    JX_OK);
    assert_true(pol->weight_sum_warn);
    assert_int_equal(jx_dec_cmp(pol->over_pct, jx_dec_from_int(130)), 0);
    assert_int_equal(pol->decimals, 3);
    assert_int_equal(jx_policy_diag_count(pol), 0);
    /* under it, weights 30 + 60 = 90 score 90.00 and grade 优, as before issue 10 */
    jx_project *p = jx_test_project("项目");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_test_ind(p, g2, "甲", "≥1", "30", "1");
    jx_test_ind(p, g2, "乙", "≥1", "60", "1");
    assert_int_equal(jx_score(p, pol), JX_OK);
    assert_int_equal(jx_project_grade(p), JX_GRADE_EXCELLENT);
    assert_int_equal(jx_project_error_count(p), 0);
    jx_test_project_free(p);
    jx_policy_close(pol);
    /* a lone CR between the setting and its value is a blank of the rule language, as
     * the lexer reads it (it used to end the setting's word, leaving no value: an error
     * on 权重合计 and "未知的关键字“警告”" at line 2 column 18) */
    pol = open_text("评分办法 \"旧\" {\n    权重合计\r警告\n    小数 3\n}\n", JX_OK);
    assert_true(pol->weight_sum_warn);
    assert_int_equal(pol->decimals, 3);
    assert_int_equal(jx_policy_diag_count(pol), 0);
    jx_policy_close(pol);
    /* CRLF line ends, as before */
    pol = open_text("评分办法 \"旧\" {\r\n    权重合计 警告\r\n    小数 3 # 三位\r\n}\r\n", JX_OK);
    assert_true(pol->weight_sum_warn);
    assert_int_equal(pol->decimals, 3);
    assert_int_equal(jx_policy_diag_count(pol), 0);
    jx_policy_close(pol);
    /* the ASCII spelling, and 错误 back again (the last one written counts) */
    pol = open_text("policy \"old\" {\n  weight_sum warning\n  weight_sum error\n}\n", JX_OK);
    assert_false(pol->weight_sum_warn);
    jx_policy_close(pol);
    /* an error on the line after the setting keeps its own position (line 3, col 5) */
    pol = open_text("评分办法 \"坏\" {\n    权重合计 警告\n    未知设置 1\n}\n", JX_ERR_INPUT);
    const jx_diag *d = policy_find(pol, "syntax");
    assert_non_null(d);
    assert_int_equal(d->line, 3);
    assert_int_equal(d->column, 5);
    jx_policy_close(pol);
    /* a value that is neither: a policy error at it (line 2, col 10), the policy not loaded */
    pol = open_text("评分办法 \"坏\" {\n    权重合计 宽松\n}\n", JX_ERR_INPUT);
    d = policy_find(pol, "policy");
    assert_non_null(d);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 10);
    assert_int_equal(d->width, 2);
    assert_non_null(strstr(d->message, "“权重合计”应为“错误”或“警告”"));
    jx_policy_close(pol);
    /* nothing after the keyword, or more than one word: errors too */
    pol = open_text("评分办法 \"坏\" {\n    权重合计\n}\n", JX_ERR_INPUT);
    assert_non_null(policy_find(pol, "policy"));
    jx_policy_close(pol);
    pol = open_text("评分办法 \"坏\" {\n    权重合计 警告 错误\n}\n", JX_ERR_INPUT);
    assert_non_null(policy_find(pol, "policy"));
    jx_policy_close(pol);
}

/* 分组顺序 规定 | 原文: the order the 自评表 prints its groups in (docs/reports.md). */
static void group_order_setting(void **state)
{
    (void)state;
    /* the shipped policies keep the default: the official order */
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_false(pol->group_source_order);
    jx_policy_close(pol);
    assert_int_equal(jx_policy_open(&pol, "central", NULL), JX_OK);
    assert_false(pol->group_source_order);
    jx_policy_close(pol);
    /* 原文, with a comment, between settings that still read; scoring copies it to the project */
    pol = open_text("评分办法 \"原文\" {\n"
                    "    超额提示 130%\n"
                    "    分组顺序 原文   # 按填写顺序\n"
                    "    小数 3\n"
                    "}\n",
                    JX_OK);
    assert_true(pol->group_source_order);
    assert_int_equal(pol->decimals, 3);
    assert_int_equal(jx_policy_diag_count(pol), 0);
    jx_project *p = jx_test_project("项目");
    uint32_t g1 = jx_test_group(p, 1, "产出指标", NULL, 0);
    uint32_t g2 = jx_test_group(p, 2, "数量指标", NULL, g1);
    jx_test_ind(p, g2, "甲", "≥1", "100", "1");
    assert_false(p->group_source_order);
    assert_int_equal(jx_score(p, pol), JX_OK);
    assert_true(p->group_source_order);
    jx_test_project_free(p);
    jx_policy_close(pol);
    /* the ASCII spellings; the last one written counts */
    pol = open_text("policy \"o\" {\n  group_order source\n  group_order official\n}\n", JX_OK);
    assert_false(pol->group_source_order);
    jx_policy_close(pol);
    pol = open_text("policy \"o\" {\n  group_order source\n}\n", JX_OK);
    assert_true(pol->group_source_order);
    jx_policy_close(pol);
    /* another value: a policy error at it (line 2, col 10) */
    pol = open_text("评分办法 \"坏\" {\n    分组顺序 随意\n}\n", JX_ERR_INPUT);
    const jx_diag *d = policy_find(pol, "policy");
    assert_non_null(d);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 10);
    assert_int_equal(d->width, 2);
    assert_non_null(strstr(d->message, "“分组顺序”应为“规定”或“原文”"));
    jx_policy_close(pol);
    pol = open_text("评分办法 \"坏\" {\n    分组顺序\n}\n", JX_ERR_INPUT);
    assert_non_null(policy_find(pol, "policy"));
    jx_policy_close(pol);
}

/* 抽查虚高 N: the margin of the audit's flag for a claimed 总分 (docs/sampling.md). */
static void flag_inflation_setting(void **state)
{
    (void)state;
    jx_policy *pol = NULL;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    assert_int_equal(jx_dec_cmp(pol->flag_inflation, jx_dec_from_int(0)), 0);
    jx_policy_close(pol);
    assert_int_equal(jx_policy_open(&pol, "central", NULL), JX_OK);
    assert_int_equal(jx_dec_cmp(pol->flag_inflation, jx_dec_from_int(0)), 0);
    jx_policy_close(pol);
    /* a whole number, a decimal, the two ends of the range, the ASCII spelling */
    static const struct {
        const char *text;
        jx_dec want;
    } good[] = {
        {"评分办法 \"甲\" {\n    抽查虚高 3\n}\n", {3, 0}},
        {"评分办法 \"甲\" {\n    抽查虚高 2.5   # 分\n    小数 2\n}\n", {25, 1}},
        {"评分办法 \"甲\" {\n    抽查虚高 0\n}\n", {0, 0}},
        {"评分办法 \"甲\" {\n    抽查虚高 100\n}\n", {100, 0}},
        {"policy \"a\" {\n  flag_inflation 0.01\n}\n", {1, 2}},
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        pol = open_text(good[i].text, JX_OK);
        assert_int_equal(jx_dec_cmp(pol->flag_inflation, good[i].want), 0);
        assert_int_equal(jx_policy_diag_count(pol), 0);
        jx_policy_close(pol);
    }
    /* outside 0～100, not a number, or nothing: a policy error at the value */
    static const char *const bad[] = {
        "评分办法 \"乙\" {\n    抽查虚高 100.01\n}\n", "评分办法 \"乙\" {\n    抽查虚高 -1\n}\n",
        "评分办法 \"乙\" {\n    抽查虚高 三\n}\n",      "评分办法 \"乙\" {\n    抽查虚高 3分\n}\n",
        "评分办法 \"乙\" {\n    抽查虚高\n}\n",         "评分办法 \"乙\" {\n    抽查虚高 3 5\n}\n",
        "评分办法 \"乙\" {\n    抽查虚高 +3\n}\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        pol = open_text(bad[i], JX_ERR_INPUT);
        const jx_diag *d = policy_find(pol, "policy");
        assert_non_null(d);
        assert_int_equal(d->line, 2);
        assert_non_null(strstr(d->message, "“抽查虚高”应为 0～100 之间的分数"));
        jx_policy_close(pol);
    }
    pol = open_text("评分办法 \"乙\" {\n    抽查虚高 200\n}\n", JX_ERR_INPUT);
    const jx_diag *d = policy_find(pol, "policy");
    assert_int_equal(d->column, 10);
    assert_int_equal(d->width, 3);
    jx_policy_close(pol);
}

static void level1_errors(void **state)
{
    (void)state;
    /* nothing after the keyword: wants a name, at the end of line 2 (col 9) */
    jx_policy *pol = open_text("评分办法 \"坏\" {\n    一级分值\n}\n", JX_ERR_INPUT);
    const jx_diag *d = policy_find(pol, "syntax");
    assert_non_null(d);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 9);
    assert_non_null(strstr(d->message, "一级指标的名称"));
    jx_policy_close(pol);
    /* a name without its points: wants a number at the end of the line (col 14) */
    pol = open_text("评分办法 \"坏\" {\n    一级分值 产出指标\n}\n", JX_ERR_INPUT);
    d = policy_find(pol, "syntax");
    assert_non_null(d);
    assert_int_equal(d->column, 14);
    assert_non_null(strstr(d->message, "分值"));
    jx_policy_close(pol);
    /* points written in words: at 六十, col 15 */
    pol = open_text("评分办法 \"坏\" {\n    一级分值 产出指标 六十\n}\n", JX_ERR_INPUT);
    d = policy_find(pol, "syntax");
    assert_non_null(d);
    assert_int_equal(d->column, 15);
    jx_policy_close(pol);
    /* a keyword is not a group name */
    pol = open_text("评分办法 \"坏\" {\n    一级分值 权重 60\n}\n", JX_ERR_INPUT);
    assert_non_null(policy_find(pol, "syntax"));
    jx_policy_close(pol);
    /* points above 100: a policy error at the name, col 10 */
    pol = open_text("评分办法 \"坏\" {\n    一级分值 产出指标 120\n}\n", JX_ERR_INPUT);
    d = policy_find(pol, "policy");
    assert_non_null(d);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 10);
    assert_non_null(strstr(d->message, "0～100"));
    assert_null(policy_find(pol, "level1-points")); /* no sum warning on top of an error */
    jx_policy_close(pol);
    /* 产出目标 and 产出指标 name the same group: an error at the second, col 18 */
    pol = open_text("评分办法 \"坏\" {\n    一级分值 产出指标 60 产出目标 30 满意度指标 10\n}\n", JX_ERR_INPUT);
    d = policy_find(pol, "policy");
    assert_non_null(d);
    assert_int_equal(d->column, 18);
    assert_non_null(strstr(d->message, "同一个一级指标"));
    jx_policy_close(pol);
    /* the same inside one entry's alternatives */
    pol = open_text("评分办法 \"坏\" {\n    一级分值 效益指标/效益 100\n}\n", JX_ERR_INPUT);
    assert_non_null(policy_find(pol, "policy"));
    jx_policy_close(pol);
    /* an empty alternative */
    pol = open_text("评分办法 \"坏\" {\n    一级分值 效益指标/ 100\n}\n", JX_ERR_INPUT);
    d = policy_find(pol, "policy");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "空的"));
    jx_policy_close(pol);
    /* too many entries: the 17th name is an error */
    char text[1024];
    int k = snprintf(text, sizeof text, "评分办法 \"多\" {\n    一级分值");
    for (int i = 0; i < JX_LEVEL1_MAX + 1; i++)
        k += snprintf(text + k, sizeof text - (size_t)k, " 组%d 1", i);
    snprintf(text + k, sizeof text - (size_t)k, "\n}\n");
    pol = open_text(text, JX_ERR_INPUT);
    d = policy_find(pol, "syntax");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "最多"));
    jx_policy_close(pol);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_are_national),
        cmocka_unit_test(builtin_names_list_the_shipped_files),
        cmocka_unit_test(open_default),
        cmocka_unit_test(open_central),
        cmocka_unit_test(open_by_header_name),
        cmocka_unit_test(open_name_not_a_file),
        cmocka_unit_test(open_unknown_lists_shipped),
        cmocka_unit_test(open_file),
        cmocka_unit_test(open_unopenable_names_the_reason),
        cmocka_unit_test(open_file_with_errors),
        cmocka_unit_test(memory_settings),
        cmocka_unit_test(bands_must_descend),
        cmocka_unit_test(percentages_must_be_sane),
        cmocka_unit_test(syntax_errors_are_reported),
        cmocka_unit_test(bad_first_token_is_reported),
        cmocka_unit_test(null_arguments),
        cmocka_unit_test(allocator_is_used_and_balanced),
        cmocka_unit_test(reverse_ratio_from_text),
        cmocka_unit_test(decimals_from_text),
        cmocka_unit_test(central_from_text_adds_execution),
        cmocka_unit_test(level1_shipped),
        cmocka_unit_test(level1_name_rule),
        cmocka_unit_test(level1_ascii_points_word_and_replacement),
        cmocka_unit_test(level1_sum_warns),
        cmocka_unit_test(level1_errors),
        cmocka_unit_test(weight_sum_setting),
        cmocka_unit_test(group_order_setting),
        cmocka_unit_test(flag_inflation_setting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
