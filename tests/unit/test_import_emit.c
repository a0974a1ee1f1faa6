/* SPDX-License-Identifier: MIT */
/* test_import_emit.c — table model projects written as DSL: every kind of value, quoting,
 * comments, what the language cannot hold, and a round trip through the library's reader. */
#include "import_emit.h"
#include "imp_collect.h"
#include "model.h"
#include "write_text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/** One emitting run: the model, its emitter and the text written. */
typedef struct run {
    jx_imp *im;          /* the model (its diagnostics are read by the tests) */
    jx_imp_emitter *em;  /* the emitter under test */
    jx_test_text out;    /* what it wrote */
} run;

/** The model's sink: write the project. */
static int emit_sink(void *ud, const jx_imp_project *p)
{
    run *r = ud;
    return jx_imp_emit(r->em, r->im, p, NULL, 0) == JX_OK ? 0 : -1;
}

/** Sets up a run over text (for diagnostics' quoted lines); rows refer to its lines. */
static void run_begin(run *r, const char *text)
{
    memset(r, 0, sizeof *r);
    r->im = jx_imp_create(NULL, "t.csv", emit_sink, r);
    assert_non_null(r->im);
    jx_imp_set_text(r->im, text, strlen(text));
    r->em = jx_imp_emitter_create(NULL, jx_test_text_write, &r->out);
    assert_non_null(r->em);
}

/** Finishes the run: the last project is written. */
static void run_finish(run *r)
{
    assert_int_equal(jx_imp_finish(r->im), 0);
}

static void run_free(run *r)
{
    jx_imp_emitter_destroy(r->em);
    jx_imp_destroy(r->im);
    free(r->out.s);
}

/** A string in the model's arena. */
static const char *S(run *r, const char *s)
{
    return jx_imp_str(r->im, s, strlen(s));
}

/** Adds an indicator with the common cells; the rest stay "". */
static jx_imp_indicator *ind(run *r, uint32_t row, const char *l1, const char *l2, const char *name,
                             const char *target, const char *weight)
{
    jx_imp_indicator *i = jx_imp_indicator_add(r->im, row);
    assert_non_null(i);
    i->level1 = S(r, l1);
    i->level2 = S(r, l2);
    i->name = S(r, name);
    i->target = S(r, target);
    i->weight = S(r, weight);
    return i;
}

/** How many diagnostics of the model have code, and the line of the first one. */
static size_t count_code(const run *r, const char *code, uint32_t *line)
{
    const jx_diag *d;
    size_t n = jx_test_imp_diags(r->im, code, 0, UINT32_MAX, NULL, &d);
    if (line && d)
        *line = d->line;
    return n;
}

/** Asserts the output has the line want (exactly, without its newline). */
static void assert_line(const run *r, const char *want)
{
    size_t n = strlen(want);
    for (const char *p = r->out.s; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len == n && memcmp(p, want, n) == 0)
            return;
        p = nl ? nl + 1 : p + len;
    }
    fail_msg("no line \"%s\" in:\n%s", want, r->out.s ? r->out.s : "");
}

/** Parses r's output with the library's reader: exactly one project, 0 errors. */
static jx_reader *parse_back(const run *r, jx_project **p)
{
    jx_reader *rd = NULL;
    assert_int_equal(jx_reader_open_memory(&rd, "out.jx", r->out.s, r->out.len, NULL), JX_OK);
    assert_int_equal(jx_reader_next(rd, p), JX_ROW);
    for (size_t i = 0; i < jx_project_diag_count(*p); i++) {
        const jx_diag *d = jx_project_diag(*p, i);
        if (d->severity == JX_SEV_ERROR)
            fail_msg("error in emitted DSL at %u:%u: %s\n%s", d->line, d->column, d->message, r->out.s);
    }
    return rd;
}

static const char rows10[] = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";

static void test_numbers_are_written_in_one_spelling(void **state)
{
    (void)state;
    run r;
    run_begin(&r, rows10);
    jx_imp_begin(r.im, 1);
    jx_imp_set(r.im, JX_IMP_NAME, 1, "甲项目", strlen("甲项目"));
    /* sign, value and unit in columns of their own: "≥" "60" "个" reads ≥60个, as written */
    jx_imp_indicator *a = ind(&r, 2, "产出指标", "数量指标", "接入系统数量", "60", "30");
    a->sign = S(&r, "≥");
    a->unit = S(&r, "个");
    /* a LaTeX remnant: written ≥1900核, the cell kept in the comment */
    ind(&r, 3, "产出指标", "数量指标", "CPU资源", "$\\geq 1900$ 核", "20");
    /* a percent with a bracketed unit column, full-width sign */
    jx_imp_indicator *c = ind(&r, 4, "产出指标", "质量指标", "合格率", "＞95", "10");
    c->unit = S(&r, "(%)");
    /* a unit column repeating the value's own unit: as written, no comment */
    jx_imp_indicator *d = ind(&r, 5, "产出指标", "质量指标", "达标率", "≥95%", "10");
    d->unit = S(&r, "%");
    run_finish(&r);
    assert_line(&r, "            接入系统数量 ≥60个 权重 30   # 第 2 行");
    assert_line(&r, "            CPU资源 ≥1900核 权重 20   # 第 3 行：指标值原文 $\\geq 1900$ 核");
    assert_line(&r, "            合格率 >95% 权重 10   # 第 4 行：指标值原文 ＞95(%)");
    assert_line(&r, "            达标率 ≥95% 权重 10   # 第 5 行");
    assert_line(&r, "项目 \"甲项目\" {   # 第 1 行");
    jx_project *p;
    jx_reader *rd = parse_back(&r, &p);
    assert_int_equal(jx_project_indicator_count(p), 4);
    assert_string_equal(jx_indicator_name(jx_project_indicator(p, 1)), "CPU资源");
    assert_int_equal(jx_indicator_weight_cents(jx_project_indicator(p, 1)), 2000);
    assert_string_equal(jx_indicator_level2(jx_project_indicator(p, 2)), "质量指标");
    jx_reader_close(rd);
    run_free(&r);
}

static void test_texts_empties_and_unreadables(void **state)
{
    (void)state;
    run r;
    run_begin(&r, rows10);
    jx_imp_begin(r.im, 1);
    jx_imp_set(r.im, JX_IMP_NAME, 1, "乙", strlen("乙"));
    ind(&r, 2, "效益指标", "社会效益", "服务及时性", "及时", "10");
    ind(&r, 3, "效益指标", "社会效益", "空的指标", "", "10");
    ind(&r, 4, "效益指标", "社会效益", "值班", "60~80 小时", "10");
    /* a unit column saying 定性指标 marks the value as a text */
    jx_imp_indicator *d = ind(&r, 5, "效益指标", "社会效益", "相关性", "相关", "10");
    d->unit = S(&r, "定性指标");
    /* a sign column saying 定性; 比例 is a keyword of policies, so the name is quoted */
    jx_imp_indicator *e = ind(&r, 6, "效益指标", "社会效益", "比例", "100%", "10");
    e->sign = S(&r, "定性");
    /* a product reads as its value (7 × 24 = 168); the cell as written stays in the comment */
    ind(&r, 7, "效益指标", "社会效益", "全天值班", "7*24 小时", "10");
    run_finish(&r);
    assert_line(&r, "            服务及时性 定性 \"及时\" 权重 10   # 第 2 行");
    assert_line(&r, "            空的指标 定性 \"\" 权重 10   # 第 3 行");
    assert_line(&r, "            值班 定性 \"60~80 小时\" 权重 10   # 第 4 行");
    assert_line(&r, "            全天值班 168小时 权重 10   # 第 7 行：指标值原文 7*24 小时");
    assert_line(&r, "            相关性 定性 \"相关\" 权重 10   # 第 5 行");
    assert_line(&r, "            \"比例\" 定性 \"100%\" 权重 10   # 第 6 行");
    uint32_t line = 0;
    assert_int_equal(count_code(&r, "empty-value", &line), 1);
    assert_int_equal(line, 3);
    assert_int_equal(count_code(&r, "unreadable-value", &line), 1);
    assert_int_equal(line, 4);
    jx_project *p;
    jx_reader *rd = parse_back(&r, &p);
    assert_int_equal(jx_project_indicator_count(p), 6);
    jx_reader_close(rd);
    run_free(&r);
}

static void test_names_are_quoted_when_the_lexer_needs_it(void **state)
{
    (void)state;
    run r;
    run_begin(&r, rows10);
    jx_imp_begin(r.im, 1);
    jx_imp_set(r.im, JX_IMP_NAME, 1, "带\"引号\"的项目", strlen("带\"引号\"的项目"));
    ind(&r, 2, "产出指标", "数量指标", "5G 基站", "≥3个", "25");      /* starts with a digit, has a space */
    ind(&r, 3, "产出指标", "数量指标", "得分", "≥1次", "25");          /* a keyword */
    ind(&r, 4, "产出指标", "数量指标", "一#号楼", "=1栋", "25");       /* '#' */
    ind(&r, 5, "产出指标", "数量指标", "反斜杠\\名", "=1个", "25");    /* '\' */
    run_finish(&r);
    assert_line(&r, "项目 \"带\\\"引号\\\"的项目\" {   # 第 1 行");
    assert_line(&r, "            \"5G 基站\" ≥3个 权重 25   # 第 2 行");
    assert_line(&r, "            \"得分\" ≥1次 权重 25   # 第 3 行");
    assert_line(&r, "            \"一#号楼\" =1栋 权重 25   # 第 4 行");
    assert_line(&r, "            反斜杠\\名 =1个 权重 25   # 第 5 行");
    assert_line(&r, "    产出指标 {");
    jx_project *p;
    jx_reader *rd = parse_back(&r, &p);
    assert_string_equal(jx_project_name(p), "带\"引号\"的项目");
    assert_int_equal(jx_project_indicator_count(p), 4);
    assert_string_equal(jx_indicator_name(jx_project_indicator(p, 0)), "5G 基站");
    assert_string_equal(jx_indicator_name(jx_project_indicator(p, 1)), "得分");
    assert_string_equal(jx_indicator_name(jx_project_indicator(p, 2)), "一#号楼");
    jx_reader_close(rd);
    run_free(&r);
}

/* A unit spelt like a keyword is written as any unit, straight after its number, and
 * reads back as that unit (docs/dsl.md, "Units spelt like keywords"); only 不适用, which
 * would read as the attribute, is kept as a text. Numbers and units other than seed
 * 000's ≥ 85 分, in sign / value / unit columns and in one cell. */
static void test_units_spelt_like_keywords(void **state)
{
    (void)state;
    static const struct {
        const char *sign, *target, *unit, *actual; /* the cells */
        const char *line;                          /* what is written */
        const char *tunit, *aunit;                 /* the units read back */
    } cases[] = {
        {"≥", "85", "分", "88分", "a ≥85分 权重 10 实际 88分   # 第 2 行", "分", "分"},
        {"≥", "3", "项目", "4 项目", "b ≥3项目 权重 10 实际 4项目   # 第 3 行：实际原文 4 项目", "项目", "项目"},
        {"", "≥ 12 得分", "", "12.5得分", "c ≥12得分 权重 10 实际 12.5得分   # 第 4 行：指标值原文 ≥ 12 得分", "得分", "得分"},
        {"≤", "2", "权重", "1权重", "d ≤2权重 权重 10 实际 1权重   # 第 5 行", "权重", "权重"},
        {"＝", "7", "实际", "", "e =7实际 权重 10   # 第 6 行：指标值原文 ＝7实际", "实际", ""},
        {"≥", "1", "个项目", "2个项目", "f ≥1个项目 权重 10 实际 2个项目   # 第 7 行", "个项目", "个项目"},
        {">", "0.5", "单位", "", "g >0.5单位 权重 10   # 第 8 行", "单位", ""},
        {"≥", "60", "%项目", "70%项目", "h ≥60%项目 权重 10 实际 70%项目   # 第 9 行", "项目", "项目"},
        {"≥", "3", "不适用", "", "i 定性 \"≥3不适用\" 权重 10   # 第 10 行", NULL, NULL},
    };
    size_t n = sizeof cases / sizeof cases[0];
    run r;
    run_begin(&r, rows10);
    jx_imp_begin(r.im, 1);
    jx_imp_set(r.im, JX_IMP_NAME, 1, "丁", strlen("丁"));
    for (size_t i = 0; i < n; i++) {
        char name[2] = {(char)('a' + i), '\0'};
        jx_imp_indicator *x = ind(&r, (uint32_t)(2 + i), "产出指标", "数量指标", name, cases[i].target, "10");
        x->sign = S(&r, cases[i].sign);
        x->unit = S(&r, cases[i].unit);
        x->actual = S(&r, cases[i].actual);
    }
    run_finish(&r);
    for (size_t i = 0; i < n; i++) {
        char want[256];
        snprintf(want, sizeof want, "            %s", cases[i].line);
        assert_line(&r, want);
    }
    uint32_t line = 0;
    assert_int_equal(count_code(&r, "unreadable-value", &line), 1); /* 不适用 only */
    assert_int_equal(line, 10);
    jx_project *p;
    jx_reader *rd = parse_back(&r, &p);
    assert_int_equal(jx_project_indicator_count(p), n);
    for (size_t i = 0; i < n; i++) {
        const jx_indicator *x = jx_project_indicator(p, i);
        assert_int_equal(jx_indicator_weight_cents(x), 1000);
        if (!cases[i].tunit) {
            assert_true(x->target.is_text);
            continue;
        }
        assert_false(x->target.is_text);
        assert_string_equal(x->target.unit.s, cases[i].tunit);
        if (*cases[i].aunit)
            assert_string_equal(x->actual.unit.s, cases[i].aunit);
        else
            assert_false(x->actual.present);
    }
    jx_reader_close(rd);
    run_free(&r);
}

static void test_weights_actuals_scores_and_reasons(void **state)
{
    (void)state;
    run r;
    run_begin(&r, rows10);
    jx_imp_begin(r.im, 1);
    jx_imp_set(r.im, JX_IMP_NAME, 1, "丙", strlen("丙"));
    jx_imp_indicator *a = ind(&r, 2, "产出指标", "数量指标", "接入系统数量", "≥60个", "30");
    a->actual = S(&r, "≥60个"); /* as many 自评表 write it: kept, so check warns vague-actual */
    a->score = S(&r, "30.00");
    jx_imp_indicator *b = ind(&r, 3, "产出指标", "数量指标", "驻场人员", "=3人", "三十");
    b->actual = S(&r, "2人");
    b->reason = S(&r, "一人\n离职");
    jx_imp_indicator *c = ind(&r, 4, "效益指标", "经济效益", "工作效率", "提升", "");
    c->actual = S(&r, "提升");
    c->score = S(&r, "满分");
    c->note = S(&r, "前年 无；上年 提升");
    ind(&r, 5, "效益指标", "经济效益", "成本", "≤5万元", "10分");
    ind(&r, 6, "效益指标", "经济效益", "另一个", "≤5万元", "");
    run_finish(&r);
    assert_line(&r, "            接入系统数量 ≥60个 权重 30 实际 ≥60个 得分 30.00   # 第 2 行");
    /* the cell's line break kept as \n, the escape of every string of rule text (docs/dsl.md) */
    assert_line(&r, "            驻场人员 =3人 实际 2人 偏差 \"一人\\n离职\"   # 第 3 行：权重原文 三十");
    assert_line(&r, "            工作效率 定性 \"提升\" 实际 \"提升\"   # 第 4 行：得分原文 满分；前年 无；上年 提升");
    assert_line(&r, "            成本 ≤5万元 权重 10   # 第 5 行：权重原文 10分");
    uint32_t line = 0;
    assert_int_equal(count_code(&r, "weight-not-number", &line), 1);
    assert_int_equal(line, 3);
    assert_int_equal(jx_imp_diag(r.im, 0)->severity, JX_SEV_ERROR);
    assert_int_equal(count_code(&r, "score-not-number", &line), 1);
    assert_int_equal(line, 4);
    /* two indicators without a weight: one warning for the project, at the first of them */
    assert_int_equal(count_code(&r, "missing-weight", &line), 1);
    assert_int_equal(line, 4);
    const jx_diag *mw = NULL;
    for (size_t i = 0; i < jx_imp_diag_count(r.im); i++)
        if (strcmp(jx_imp_diag(r.im, i)->code, "missing-weight") == 0)
            mw = jx_imp_diag(r.im, i);
    assert_non_null(strstr(mw->message, "有 2 条指标没有权重"));
    jx_project *p;
    jx_reader *rd = parse_back(&r, &p);
    assert_int_equal(jx_project_indicator_count(p), 5);
    assert_int_equal(jx_indicator_weight_cents(jx_project_indicator(p, 1)), -1);
    assert_int_equal(jx_indicator_weight_cents(jx_project_indicator(p, 3)), 1000);
    jx_reader_close(rd);
    run_free(&r);
}

/* 上年, 前年 and 指标值确定依据 are written as the attributes 上年, 前年, 依据: numbers in
 * their one spelling, words as "…", dashes and slashes as `-` or `/`; a cell the value
 * reader cannot read stays in the comment with history-unreadable. */
static void test_history(void **state)
{
    (void)state;
    run r;
    run_begin(&r, rows10);
    jx_imp_begin(r.im, 1);
    jx_imp_set(r.im, JX_IMP_NAME, 1, "丁", strlen("丁"));
    jx_imp_indicator *a = ind(&r, 2, "产出指标", "数量指标", "周报", "≥45", "");
    a->year_before = S(&r, "≥48");
    a->last_year = S(&r, "≥ 48");
    a->basis = S(&r, "每年周数不一样，下调最低数量要求。");
    jx_imp_indicator *b = ind(&r, 3, "产出指标", "时效指标", "汇总工作周报", "每周五", "");
    b->year_before = S(&r, "每周五");
    b->last_year = S(&r, "-");
    jx_imp_indicator *c = ind(&r, 4, "产出指标", "时效指标", "运维时长", "≥365 天", "");
    c->year_before = S(&r, "——");
    c->last_year = S(&r, "60~80");
    c->basis = S(&r, "经验\"标准\"");
    run_finish(&r);
    assert_line(&r, "            周报 ≥45 上年 ≥48 前年 ≥48 依据 \"每年周数不一样，下调最低数量要求。\"   # 第 2 行："
                    "上年原文 ≥ 48");
    assert_line(&r, "            汇总工作周报 定性 \"每周五\" 上年 - 前年 \"每周五\"   # 第 3 行");
    assert_line(&r, "            运维时长 ≥365天 前年 / 依据 \"经验\\\"标准\\\"\"   # 第 4 行：指标值原文 ≥365 天；上年 60~80；"
                    "前年原文 ——");
    uint32_t line = 0;
    assert_int_equal(count_code(&r, "history-unreadable", &line), 1);
    assert_int_equal(line, 4);
    jx_project *p;
    jx_reader *rd = parse_back(&r, &p);
    assert_int_equal(p->ninds, 3);
    const jx_indicator *x = &p->inds[0];
    assert_true(x->last_year.present && x->year_before.present);
    assert_int_equal(x->last_year.sign, JX_SIGN_GE);
    assert_int_equal(x->last_year.num.v, 48);
    assert_string_equal(x->basis.s, "每年周数不一样，下调最低数量要求。");
    x = &p->inds[1];
    assert_false(x->last_year.present); /* written as none */
    assert_string_equal(x->last_year.text.s, "-");
    assert_true(x->year_before.is_text);
    assert_string_equal(x->year_before.text.s, "每周五");
    x = &p->inds[2];
    assert_int_equal(x->last_year.pos.line, 0); /* kept in the comment: not written */
    assert_false(x->year_before.present);
    assert_string_equal(x->year_before.text.s, "/");
    assert_string_equal(x->basis.s, "经验\"标准\"");
    jx_reader_close(rd);
    run_free(&r);
}

static void test_fields_funds_points_and_claims(void **state)
{
    (void)state;
    run r;
    run_begin(&r, rows10);
    jx_imp_project *pr = jx_imp_begin(r.im, 1);
    jx_imp_set(r.im, JX_IMP_NAME, 1, "丁", strlen("丁"));
    jx_imp_set(r.im, JX_IMP_DEPT, 1, "301-大数据管理", strlen("301-大数据管理"));
    jx_imp_set(r.im, JX_IMP_YEAR, 1, "（2024年度）", strlen("（2024年度）"));
    jx_imp_set(r.im, JX_IMP_MONEY_UNIT, 1, "（万元）", strlen("（万元）"));
    jx_imp_set(r.im, JX_IMP_GOAL, 2, "提高\"利用\"水平", strlen("提高\"利用\"水平"));
    jx_imp_set(r.im, JX_IMP_CLAIMED_TOTAL, 9, "100", 3);
    jx_imp_set(r.im, JX_IMP_CLAIMED_GRADE, 10, "优秀", strlen("优秀"));
    jx_imp_funds *f = jx_imp_funds_add(r.im, 3);
    f->source = S(&r, "一般公共预算资金");
    f->initial = S(&r, "78,000.00");
    f->budget = S(&r, "77.5");
    f->spent = S(&r, "74.93");
    f = jx_imp_funds_add(r.im, 4); /* a target table: nothing spent yet */
    f->budget = S(&r, "300");
    f = jx_imp_funds_add(r.im, 5); /* no amounts at all */
    f->source = S(&r, "其他资金");
    assert_int_equal(jx_imp_points_add(r.im, 6, S(&r, "产出指标"), "", S(&r, "60.00")), 0);
    assert_int_equal(jx_imp_points_add(r.im, 6, S(&r, "产出指标"), S(&r, "成本指标"), S(&r, "0")), 0);
    ind(&r, 7, "产出指标", "数量指标", "漏洞扫描", "＝4次", "60");
    ind(&r, 8, "", "", "无分组", "=1次", "");
    (void)pr;
    run_finish(&r);
    assert_line(&r, "    主管部门 \"301-大数据管理\"");
    assert_line(&r, "    年度 2024");
    assert_line(&r, "    金额单位 万元");
    assert_line(&r, "    资金 一般公共预算资金 年初预算 78000.00 全年预算 77.5 全年执行 74.93   # 第 3 行");
    assert_line(&r, "    资金 全年预算 300   # 第 4 行"); /* the amounts given, the others not given */
    assert_line(&r, "    # 资金 其他资金（第 5 行：没有金额）");
    assert_line(&r, "    年度目标 \"提高\\\"利用\\\"水平\"");
    assert_line(&r, "    产出指标 60.00 {   # 第 6 行");
    assert_line(&r, "        成本指标 0 {   # 第 6 行");
    assert_line(&r, "            漏洞扫描 =4次 权重 60   # 第 7 行：指标值原文 ＝4次");
    assert_line(&r, "    未分类 {");
    assert_line(&r, "    总分 100 结论 优   # 结论原文 优秀");
    uint32_t line = 0;
    assert_int_equal(count_code(&r, "funds-not-number", &line), 0);
    assert_int_equal(count_code(&r, "missing-group", &line), 1);
    assert_int_equal(line, 8);
    jx_project *p;
    jx_reader *rd = parse_back(&r, &p);
    assert_int_equal(jx_project_indicator_count(p), 2);
    assert_int_equal(jx_project_claimed_total_cents(p), 10000);
    assert_int_equal(jx_project_claimed_grade(p), JX_GRADE_EXCELLENT);
    assert_string_equal(jx_indicator_level1(jx_project_indicator(p, 1)), JX_IMP_UNGROUPED);
    jx_reader_close(rd);
    run_free(&r);
}

/** The message of the first diagnostic of r with code, or "" when there is none. */
static const char *first_message(const run *r, const char *code)
{
    for (size_t i = 0; i < jx_imp_diag_count(r->im); i++)
        if (strcmp(jx_imp_diag(r->im, i)->code, code) == 0)
            return jx_imp_diag(r->im, i)->message;
    return "";
}

static void test_thousands_separators(void **state)
{
    (void)state;
    run r;
    run_begin(&r, rows10);
    jx_imp_begin(r.im, 1);
    jx_imp_set(r.im, JX_IMP_NAME, 1, "庚", strlen("庚"));
    /* amounts keep their digits as written, the grouping commas dropped; full-width ones
     * made ASCII */
    jx_imp_funds *f = jx_imp_funds_add(r.im, 2);
    f->initial = S(&r, "1,000,000");
    f->budget = S(&r, "７８，０００．００");
    f->spent = S(&r, "12,345.60");
    /* a comma that groups no thousands: the row stays a comment, the warning says why */
    f = jx_imp_funds_add(r.im, 3);
    f->source = S(&r, "其他资金");
    f->initial = S(&r, "1,20");
    f->budget = S(&r, "120");
    f->spent = S(&r, "120");
    /* targets and actuals with groupings read as numbers, the cells kept in the comment */
    jx_imp_indicator *a = ind(&r, 4, "产出指标", "数量指标", "培训人次", "1,000", "50");
    a->sign = S(&r, "≥");
    a->unit = S(&r, "人次");
    a->actual = S(&r, "1,200人次");
    jx_imp_indicator *b = ind(&r, 5, "产出指标", "数量指标", "采购金额", "≤１，５００元", "30");
    b->actual = S(&r, "1，480元");
    /* a bad grouping is no number: the actual is kept as a text, with the detail */
    jx_imp_indicator *c = ind(&r, 6, "产出指标", "数量指标", "巡检次数", "≥60次", "20");
    c->actual = S(&r, "1,20次");
    run_finish(&r);
    assert_line(&r, "    资金 年初预算 1000000 全年预算 78000.00 全年执行 12345.60   # 第 2 行");
    assert_line(&r, "    # 资金 其他资金 年初预算 1,20 全年预算 120 全年执行 120（第 3 行）");
    assert_line(&r, "            培训人次 ≥1000人次 权重 50 实际 1200人次   # 第 4 行：指标值原文 ≥1,000人次；"
                    "实际原文 1,200人次");
    assert_line(&r, "            采购金额 ≤1500元 权重 30 实际 1480元   # 第 5 行：指标值原文 ≤１，５００元；"
                    "实际原文 1，480元");
    assert_line(&r, "            巡检次数 ≥60次 权重 20 实际 \"1,20次\"   # 第 6 行");
    uint32_t line = 0;
    assert_int_equal(count_code(&r, "funds-not-number", &line), 1);
    assert_int_equal(line, 3);
    assert_string_equal(first_message(&r, "funds-not-number"),
                        "资金“其他资金”的金额“1,20”中的逗号不是千位分隔符（千位分隔应为 1,234 的形式）；该资金行只写作注释");
    assert_int_equal(count_code(&r, "unreadable-value", &line), 1);
    assert_int_equal(line, 6);
    assert_non_null(strstr(first_message(&r, "unreadable-value"), "“1,20次”中的逗号不是千位分隔符"));
    /* what is written reads back: the amounts and numbers as the cells meant them */
    jx_project *p;
    jx_reader *rd = parse_back(&r, &p);
    assert_int_equal(jx_project_indicator_count(p), 3);
    jx_reader_close(rd);
    run_free(&r);

    /* an amount that is not a number at all is still said to be none */
    run_begin(&r, rows10);
    jx_imp_begin(r.im, 1);
    jx_imp_set(r.im, JX_IMP_NAME, 1, "辛", strlen("辛"));
    f = jx_imp_funds_add(r.im, 2);
    f->initial = S(&r, "约100");
    f->budget = S(&r, "100");
    f->spent = S(&r, "100");
    run_finish(&r);
    assert_string_equal(first_message(&r, "funds-not-number"),
                        "资金“年度资金总额”的金额“约100”不是数字；该资金行只写作注释");
    run_free(&r);
}

static void test_groups_follow_first_appearance(void **state)
{
    (void)state;
    run r;
    run_begin(&r, rows10);
    jx_imp_begin(r.im, 1);
    jx_imp_set(r.im, JX_IMP_NAME, 1, "戊", strlen("戊"));
    /* the table interleaves groups; the output gathers each group where it first appears */
    ind(&r, 2, "产出指标", "数量指标", "甲", "=1个", "10");
    ind(&r, 3, "效益指标", "社会效益", "乙", "=1个", "10");
    ind(&r, 4, "产出指标", "时效指标", "丙", "=1个", "10");
    ind(&r, 5, "产出指标", "数量指标", "丁", "=1个", "10");
    run_finish(&r);
    const char *s = r.out.s;
    const char *order[] = {"产出指标 {", "数量指标 {", "甲 ", "丁 ", "时效指标 {", "丙 ", "效益指标 {", "社会效益 {", "乙 "};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        const char *at = strstr(s, order[i]);
        if (!at)
            fail_msg("\"%s\" missing or out of order in:\n%s", order[i], r.out.s);
        s = at + strlen(order[i]);
    }
    jx_project *p;
    jx_reader *rd = parse_back(&r, &p);
    assert_int_equal(jx_project_indicator_count(p), 4);
    assert_string_equal(jx_indicator_name(jx_project_indicator(p, 1)), "丁");
    jx_reader_close(rd);
    run_free(&r);
}

static void test_a_project_without_name_or_indicators(void **state)
{
    (void)state;
    run r;
    run_begin(&r, rows10);
    jx_imp_begin(r.im, 2);
    run_finish(&r);
    assert_line(&r, "项目 \"" JX_IMP_UNNAMED "\" {   # 第 2 行");
    assert_int_equal(count_code(&r, "missing-name", NULL), 1);
    assert_int_equal(count_code(&r, "no-indicators", NULL), 1);
    jx_project *p;
    jx_reader *rd = parse_back(&r, &p);
    assert_int_equal(jx_project_indicator_count(p), 0);
    jx_reader_close(rd);
    run_free(&r);
}

static void test_source_comment_notes_and_write_failure(void **state)
{
    (void)state;
    jx_test_text t = {NULL, 0};
    jx_imp_emitter *em = jx_imp_emitter_create(NULL, jx_test_text_write, &t);
    assert_int_equal(jx_imp_emit_source(em, "表\n.csv", "csv", "gb18030"), JX_OK);
    assert_string_equal(t.s, "# 由“表 .csv”导入（表格格式 csv，编码 gb18030）\n\n");
    jx_imp_emitter_destroy(em);
    free(t.s);
    /* notes (how weights came about) open the block as comments */
    t.s = NULL;
    t.len = 0;
    em = jx_imp_emitter_create(NULL, jx_test_text_write, &t);
    jx_imp *nim = jx_imp_create(NULL, "n.csv", NULL, NULL);
    jx_imp_project *np = jx_imp_begin(nim, 3);
    jx_imp_set(nim, JX_IMP_NAME, 3, "己", strlen("己"));
    const char *notes[] = {"权重按一级指标分值平均分配", "第二条\n说明"};
    assert_int_equal(jx_imp_emit(em, nim, np, notes, 2), JX_OK);
    assert_string_equal(t.s, "项目 \"己\" {   # 第 3 行\n"
                             "    # 权重按一级指标分值平均分配\n"
                             "    # 第二条 说明\n"
                             "}\n\n");
    jx_imp_destroy(nim);
    jx_imp_emitter_destroy(em);
    free(t.s);
    /* a write function that fails makes the emitter fail with JX_ERR_IO */
    em = jx_imp_emitter_create(NULL, jx_test_write_nothing, NULL);
    assert_int_equal(jx_imp_emit_source(em, "a.csv", "csv", "utf-8"), JX_ERR_IO);
    jx_imp *im = jx_imp_create(NULL, "a.csv", NULL, NULL);
    jx_imp_project *p = jx_imp_begin(im, 1);
    assert_int_equal(jx_imp_emit(em, im, p, NULL, 0), JX_ERR_IO);
    jx_imp_destroy(im);
    jx_imp_emitter_destroy(em);
    jx_imp_emitter_destroy(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_are_written_in_one_spelling),
        cmocka_unit_test(test_texts_empties_and_unreadables),
        cmocka_unit_test(test_names_are_quoted_when_the_lexer_needs_it),
        cmocka_unit_test(test_units_spelt_like_keywords),
        cmocka_unit_test(test_weights_actuals_scores_and_reasons),
        cmocka_unit_test(test_fields_funds_points_and_claims),
        cmocka_unit_test(test_history),
        cmocka_unit_test(test_thousands_separators),
        cmocka_unit_test(test_groups_follow_first_appearance),
        cmocka_unit_test(test_a_project_without_name_or_indicators),
        cmocka_unit_test(test_source_comment_notes_and_write_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
