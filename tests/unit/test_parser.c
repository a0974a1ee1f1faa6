/* SPDX-License-Identifier: MIT */
/* test_parser.c — projects and 评分办法 blocks: statements, attributes, aliases, positions,
 * errors with their line:col, recovery, and the parser's warnings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "alloc.h"
#include "model.h"
#include "parser.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ helpers */

/* A reader over one text and the first project it yields. */
typedef struct parsed {
    jx_reader *rd; /* the reader (owns the project) */
    jx_project *p; /* the first project */
} parsed;

/* Parses text (which must hold one project) and returns it; fails the test when there is none. */
static parsed parse(const char *text)
{
    parsed r;
    assert_int_equal(jx_reader_open_memory(&r.rd, "t.jx", text, strlen(text), NULL), JX_OK);
    assert_int_equal(jx_reader_next(r.rd, &r.p), JX_ROW);
    return r;
}

static void done(parsed *r)
{
    jx_reader_close(r->rd);
}

/* The number of diagnostics of p with the given code. */
static size_t count_code(const jx_project *p, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < p->diags.n; i++)
        if (strcmp(p->diags.v[i].code, code) == 0)
            n++;
    return n;
}

/* Checks that diagnostic i of p is at line:col with severity sev and its message contains part. */
static void expect_diag(const jx_project *p, size_t i, jx_severity sev, uint32_t line, uint32_t col,
                        const char *part)
{
    if (i >= p->diags.n)
        fail_msg("diagnostic %zu missing (have %zu)", i, p->diags.n);
    const jx_diag *d = &p->diags.v[i];
    if (d->severity != sev || d->line != line || d->column != col || !strstr(d->message, part))
        fail_msg("diagnostic %zu: got %u:%u sev %d \"%s\", want %u:%u sev %d containing \"%s\"", i,
                 d->line, d->column, d->severity, d->message, line, col, sev, part);
}

/* The decimal d as text. */
static const char *dec(jx_dec d, char *buf)
{
    return jx_dec_format(d, buf, JX_DEC_BUFSZ);
}

/* --------------------------------------------------------------- a project */

static const char full_zh[] =
    "# 注释行\n"                                                            /* 1 */
    "项目 \"示例项目\" {\n"                                                 /* 2 */
    "    主管部门 \"301-大数据管理\"\n"                                     /* 3 */
    "    单位 \"301001-中心\"\n"                                            /* 4 */
    "    年度 2024\n"                                                       /* 5 */
    "    金额单位 万元\n"                                                   /* 6 */
    "    资金 年初预算 1 全年预算 2 全年执行 3\n"                           /* 7 */
    "    资金 一般公共预算资金 年初预算 366 全年预算 358.35 全年执行 358.35\n" /* 8 */
    "    年度目标 \"目标\\\"甲\\\\\"\n"                                     /* 9 */
    "    完成情况 \"完成\"\n"                                               /* 10 */
    "    偏离原因 \"原因\"\n"                                               /* 11 */
    "    整改措施 \"措施\"\n"                                               /* 12 */
    "    产出指标 60 {\n"                                                   /* 13 */
    "        数量指标 50 {\n"                                               /* 14 */
    "            接入系统数量 ≥60个 权重 30 实际 45 偏差 \"少了\" 得分 22.5\n" /* 15 */
    "            \"3 号系统\" ≤24 小时 实际 30 权重 15; 响应 >= 95 % 权重 5\n" /* 16 */
    "        }\n"                                                           /* 17 */
    "        质量指标 0 {}\n"                                               /* 18 */
    "    }\n"                                                               /* 19 */
    "    效益指标 {\n"                                                      /* 20 */
    "        社会效益 { 工作效率 定性 \"提升\" 权重 15 实际 \"基本提升\" 评定 部分达成 得分 10.5 }\n" /* 21 */
    "        生态效益 10 { 绿化 =0次 权重 10 不适用 }\n"                    /* 22 */
    "    }\n"                                                               /* 23 */
    "    总分 90.5 结论 良\n"                                               /* 24 */
    "}\n";                                                                  /* 25 */

static const char full_ascii[] =
    "# comment\n"
    "project \"示例项目\" {\n"
    "    dept \"301-大数据管理\"\n"
    "    org \"301001-中心\"\n"
    "    year 2024\n"
    "    money_unit 万元\n"
    "    funds initial 1 budget 2 spent 3\n"
    "    funds 一般公共预算资金 initial 366 budget 358.35 spent 358.35\n"
    "    goal \"目标\\\"甲\\\\\"\n"
    "    outcome \"完成\"\n"
    "    deviation \"原因\"\n"
    "    remedy \"措施\"\n"
    "    产出指标 60 {\n"
    "        数量指标 50 {\n"
    "            接入系统数量 >=60个 weight 30 actual 45 reason \"少了\" score 22.5\n"
    "            \"3 号系统\" <=24 小时 actual 30 weight 15; 响应 >= 95 % weight 5\n"
    "        }\n"
    "        质量指标 0 {}\n"
    "    }\n"
    "    效益指标 {\n"
    "        社会效益 { 工作效率 qualitative \"提升\" weight 15 actual \"基本提升\" grade partly score 10.5 }\n"
    "        生态效益 10 { 绿化 =0次 weight 10 not_applicable }\n"
    "    }\n"
    "    total 90.5 verdict good\n"
    "}\n";

/* Every statement and attribute of the Chinese file lands in the model. */
static void test_statements(void **state)
{
    (void)state;
    char b[JX_DEC_BUFSZ];
    parsed r = parse(full_zh);
    jx_project *p = r.p;
    assert_int_equal(p->diags.errors, 0);
    assert_string_equal(p->name.s, "示例项目");
    assert_string_equal(p->dept.s, "301-大数据管理");
    assert_string_equal(p->org.s, "301001-中心");
    assert_true(p->has_year);
    assert_int_equal(p->year, 2024);
    assert_string_equal(p->money_unit.s, "万元");
    assert_string_equal(p->goal.s, "目标\"甲\\"); /* escapes \" and \\ undone */
    assert_string_equal(p->outcome.s, "完成");
    assert_string_equal(p->deviation.s, "原因");
    assert_string_equal(p->remedy.s, "措施");
    assert_int_equal(p->nfunds, 2);
    assert_string_equal(p->funds[0].source.s, "年度资金总额"); /* source omitted */
    assert_string_equal(dec(p->funds[0].initial, b), "1");
    assert_string_equal(dec(p->funds[0].budget, b), "2");
    assert_string_equal(dec(p->funds[0].spent, b), "3");
    assert_string_equal(p->funds[1].source.s, "一般公共预算资金");
    assert_string_equal(dec(p->funds[1].budget, b), "358.35");
    assert_true(p->has_claimed_total);
    assert_string_equal(dec(p->claimed_total, b), "90.5");
    assert_int_equal(p->claimed_grade, JX_GRADE_GOOD);

    /* groups: 产出指标, 数量指标, 质量指标, 效益指标, 社会效益, 生态效益 */
    assert_int_equal(p->ngroups, 6);
    assert_string_equal(p->groups[0].name.s, "产出指标");
    assert_int_equal(p->groups[0].level, 1);
    assert_true(p->groups[0].has_points);
    assert_string_equal(dec(p->groups[0].points, b), "60");
    assert_int_equal(p->groups[1].level, 2);
    assert_int_equal(p->groups[1].parent, 0);
    assert_string_equal(p->groups[2].name.s, "质量指标");
    assert_false(p->groups[3].has_points); /* 效益指标 without points */
    assert_int_equal(p->groups[4].parent, 3);

    assert_int_equal(p->ninds, 5);
    const jx_indicator *a = &p->inds[0];
    assert_ptr_equal(a->project, p);
    assert_string_equal(a->name.s, "接入系统数量");
    assert_int_equal(a->group, 1);
    assert_int_equal(a->target.sign, JX_SIGN_GE);
    assert_false(a->target.implicit);
    assert_string_equal(a->target.text.s, "≥60个");
    assert_string_equal(dec(a->target.num, b), "60");
    assert_string_equal(a->target.unit.s, "个");
    assert_true(a->has_weight);
    assert_string_equal(dec(a->weight, b), "30");
    assert_true(a->actual.present);
    assert_false(a->actual.is_text);
    assert_string_equal(dec(a->actual.num, b), "45");
    assert_string_equal(a->reason.s, "少了");
    assert_true(a->has_claim);
    assert_string_equal(dec(a->claim, b), "22.5");
    assert_int_equal(a->score, -1);

    const jx_indicator *c = &p->inds[1]; /* quoted name; attributes in another order; ';' */
    assert_string_equal(c->name.s, "3 号系统");
    assert_int_equal(c->target.sign, JX_SIGN_LE);
    assert_string_equal(c->target.unit.s, "小时");
    assert_string_equal(dec(c->weight, b), "15");
    assert_string_equal(dec(c->actual.num, b), "30");

    const jx_indicator *d = &p->inds[2]; /* after ';' on the same line, spaced sign and % */
    assert_string_equal(d->name.s, "响应");
    assert_int_equal(d->target.sign, JX_SIGN_GE);
    assert_true(d->target.percent);
    assert_string_equal(d->target.text.s, ">= 95 %");

    const jx_indicator *q = &p->inds[3];
    assert_int_equal(q->target.sign, JX_SIGN_QUAL);
    assert_true(q->target.is_text);
    assert_string_equal(q->target.text.s, "提升");
    assert_true(q->actual.is_text);
    assert_string_equal(q->actual.text.s, "基本提升");
    assert_int_equal(q->judge, JX_JUDGE_PARTLY);
    assert_string_equal(dec(q->claim, b), "10.5");
    assert_int_equal(q->group, 4);

    const jx_indicator *na = &p->inds[4];
    assert_true(na->not_applicable);
    assert_int_equal(na->target.sign, JX_SIGN_EQ);
    assert_false(na->actual.present);
    done(&r);
}

/* The ASCII-only twin parses to the same model. */
static void test_ascii_twin(void **state)
{
    (void)state;
    char b1[JX_DEC_BUFSZ], b2[JX_DEC_BUFSZ];
    parsed zr = parse(full_zh), ar = parse(full_ascii);
    const jx_project *z = zr.p, *a = ar.p;
    assert_int_equal(a->diags.errors, 0);
    assert_string_equal(a->name.s, z->name.s);
    assert_string_equal(a->dept.s, z->dept.s);
    assert_string_equal(a->org.s, z->org.s);
    assert_int_equal(a->year, z->year);
    assert_string_equal(a->money_unit.s, z->money_unit.s);
    assert_string_equal(a->goal.s, z->goal.s);
    assert_string_equal(a->remedy.s, z->remedy.s);
    assert_int_equal(a->nfunds, z->nfunds);
    for (size_t i = 0; i < z->nfunds; i++) {
        assert_string_equal(a->funds[i].source.s, z->funds[i].source.s);
        assert_string_equal(dec(a->funds[i].spent, b1), dec(z->funds[i].spent, b2));
    }
    assert_int_equal(a->ngroups, z->ngroups);
    assert_int_equal(a->ninds, z->ninds);
    for (size_t i = 0; i < z->ninds; i++) {
        const jx_indicator *x = &a->inds[i], *y = &z->inds[i];
        assert_string_equal(x->name.s, y->name.s);
        assert_int_equal(x->target.sign, y->target.sign);
        assert_int_equal(x->target.percent, y->target.percent);
        assert_string_equal(dec(x->target.num, b1), dec(y->target.num, b2));
        assert_string_equal(x->target.unit.s, y->target.unit.s);
        assert_int_equal(x->has_weight, y->has_weight);
        assert_string_equal(dec(x->weight, b1), dec(y->weight, b2));
        assert_int_equal(x->actual.present, y->actual.present);
        assert_int_equal(x->judge, y->judge);
        assert_int_equal(x->not_applicable, y->not_applicable);
        assert_int_equal(x->has_claim, y->has_claim);
        assert_string_equal(x->reason.s, y->reason.s);
        assert_int_equal(x->group, y->group);
    }
    assert_string_equal(dec(a->claimed_total, b1), dec(z->claimed_total, b2));
    assert_int_equal(a->claimed_grade, z->claimed_grade);
    done(&zr);
    done(&ar);
}

/* Every jx_pos of the model, counted by hand on full_zh (columns in characters). */
static void test_positions(void **state)
{
    (void)state;
    parsed r = parse(full_zh);
    const jx_project *p = r.p;
    assert_int_equal(p->pos.line, 2);       /* 项目 at 2:1 */
    assert_int_equal(p->pos.col, 1);
    assert_int_equal(p->pos.width, 2);
    assert_int_equal(p->close_pos.line, 25);
    assert_int_equal(p->close_pos.col, 1);
    assert_int_equal(p->total_pos.line, 24); /* "    总分 90.5": 4 blanks, 总分, blank → col 8 */
    assert_int_equal(p->total_pos.col, 8);
    assert_int_equal(p->total_pos.width, 4);
    assert_int_equal(p->grade_pos.line, 24); /* "90.5 结论 良": 8 + 4 + 1 + 2 + 1 → col 16 */
    assert_int_equal(p->grade_pos.col, 16);
    assert_int_equal(p->funds[1].pos.line, 8);
    assert_int_equal(p->funds[1].pos.col, 5);
    assert_int_equal(p->groups[0].pos.line, 13); /* 产出指标 at col 5, its { at 5+4+1+2+1 = 13 */
    assert_int_equal(p->groups[0].pos.col, 5);
    assert_int_equal(p->groups[0].open_pos.col, 13);
    assert_int_equal(p->groups[1].pos.line, 14);
    assert_int_equal(p->groups[1].pos.col, 9);
    const jx_indicator *a = &p->inds[0];
    /* "            接入系统数量 ≥60个 权重 30 实际 45 偏差 \"少了\" 得分 22.5" */
    assert_int_equal(a->pos.line, 15);
    assert_int_equal(a->pos.col, 13);
    assert_int_equal(a->pos.width, 6);
    assert_int_equal(a->target.pos.col, 20); /* 13 + 6 + 1 */
    assert_int_equal(a->target.pos.width, 4); /* ≥ 6 0 个 */
    assert_int_equal(a->weight_pos.col, 28);  /* 20 + 4 + 1 + 2 + 1 */
    assert_int_equal(a->weight_pos.width, 2);
    assert_int_equal(a->actual.pos.col, 34);  /* 28 + 2 + 1 + 2 + 1 */
    assert_int_equal(a->claim_pos.col, 48);   /* 34 + 2 + 1 + 2 + 1 + 4 + 1 + 2 + 1 */
    assert_int_equal(a->claim_pos.width, 4);
    assert_int_equal(p->inds[2].pos.line, 16);
    assert_int_equal(p->inds[2].target.pos.width, 7); /* ">= 95 %" */
    assert_int_equal(p->inds[4].weight_pos.line, 22);
    assert_int_equal(p->inds[4].pos.line, 22);
    assert_true(p->src.text != NULL);
    assert_memory_equal(p->src.text + p->pos.off, "项目", 6); /* off is relative to src.text */
    assert_memory_equal(p->src.text + a->target.pos.off, "≥60个", strlen("≥60个"));
    done(&r);
}

/* A value at the end of a line never takes the next line's name as its unit. */
static void test_value_ends_at_newline(void **state)
{
    (void)state;
    parsed r = parse("项目 x {\n a {\n  b {\n   人数 ≥60 个\n   时长 ≤2 小时 权重 ３０\n  }\n }\n}\n");
    const jx_project *p = r.p;
    assert_int_equal(p->diags.errors, 0);
    assert_int_equal(p->ninds, 2);
    assert_string_equal(p->inds[0].target.unit.s, "个");
    assert_string_equal(p->inds[1].name.s, "时长");
    char b[JX_DEC_BUFSZ];
    assert_string_equal(dec(p->inds[1].weight, b), "30"); /* full-width digits read as a number */
    done(&r);
}

/* --------------------------------------------------------------- warnings */

static void test_warnings(void **state)
{
    (void)state;
    parsed r = parse("项目 x {\n"
                     " 产出 {\n"
                     "  数量 {\n"
                     "   甲 60个 权重 10 实际 60个\n"      /* implicit-sign */
                     "   乙 ≥60个 权重 10 实际 ≥60个\n"    /* vague-actual */
                     "   丙 ≥5 实际 5\n"                   /* missing-weight */
                     "   丁 ≥5 权重 5 实际 \"很多\"\n"     /* a text actual: no parser warning */
                     "  }\n"
                     " }\n"
                     "}\n");
    const jx_project *p = r.p;
    assert_int_equal(p->diags.errors, 0);
    assert_int_equal(p->diags.warnings, 3);
    assert_int_equal(count_code(p, "implicit-sign"), 1);
    assert_int_equal(count_code(p, "vague-actual"), 1);
    assert_int_equal(count_code(p, "missing-weight"), 1);
    expect_diag(p, 0, JX_SEV_WARNING, 4, 6, "“60个”没有计算符号");
    assert_true(p->inds[0].target.implicit);
    assert_int_equal(p->inds[0].target.sign, JX_SIGN_EQ);
    expect_diag(p, 1, JX_SEV_WARNING, 5, 20, "实际完成值“≥60个”带有计算符号，按 60 个计分");
    assert_int_equal(p->inds[1].actual.sign, JX_SIGN_GE); /* read as its number */
    expect_diag(p, 2, JX_SEV_WARNING, 6, 4, "计分时按权重 0 计");
    assert_true(p->inds[3].actual.is_text);
    done(&r);
}

/* ----------------------------------------------------------------- errors */

/* Parses text and checks it yields one project with exactly nerr errors. */
static parsed parse_errors(const char *text, size_t nerr)
{
    parsed r = parse(text);
    if (r.p->diags.errors != nerr) {
        for (size_t i = 0; i < r.p->diags.n; i++)
            fprintf(stderr, "  %u:%u %s\n", r.p->diags.v[i].line, r.p->diags.v[i].column,
                    r.p->diags.v[i].message);
        fail_msg("want %zu errors, got %zu", nerr, r.p->diags.errors);
    }
    return r;
}

static void test_error_bad_sign(void **state)
{
    (void)state;
    parsed r = parse_errors("项目 x {\n 产 {\n  数 { 甲 ≠60个 权重 10 }\n }\n}\n", 1);
    expect_diag(r.p, 0, JX_SEV_ERROR, 3, 9, "“≠”");
    assert_string_equal(r.p->diags.v[0].code, "syntax");
    assert_int_equal(r.p->ninds, 0);
    done(&r);
}

/* The history as written, the one text every output gives (jx_history_text): a value as
 * written, a string's text, the dash or slash of none, "" when not written; and "/" for a
 * value marked written as none whose text is neither (as one built by hand may be). */
static void test_history_as_written(void **state)
{
    (void)state;
    parsed r = parse("项目 x {\n"
                     " 产 {\n"
                     "  数 {\n"
                     "   甲 ≥60个 权重 10 上年 ≥48个 前年 /\n"
                     "   乙 ≥1 权重 10 上年 - 前年 \"每周五\"\n"
                     "   丙 ≥1 权重 10\n"
                     "  }\n"
                     " }\n"
                     "}\n");
    assert_int_equal(r.p->ninds, 3);
    assert_string_equal(jx_indicator_last_year(&r.p->inds[0]), "≥48个");
    assert_string_equal(jx_indicator_year_before(&r.p->inds[0]), "/");
    assert_string_equal(jx_indicator_last_year(&r.p->inds[1]), "-");
    assert_string_equal(jx_indicator_year_before(&r.p->inds[1]), "每周五");
    assert_string_equal(jx_indicator_last_year(&r.p->inds[2]), "");
    assert_string_equal(jx_indicator_year_before(&r.p->inds[2]), "");
    jx_str t;
    assert_false(jx_history_text(&r.p->inds[2].last_year, &t));
    jx_value none = {0};
    none.pos.line = 7; /* written, as none, without its dash */
    none.text = jx_str_empty;
    assert_true(jx_history_text(&none, &t));
    assert_string_equal(t.s, "/");
    assert_int_equal(t.n, 1);
    assert_string_equal(jx_history_str(&none), "/");
    r.p->inds[2].last_year = none; /* the accessor gives what the outputs give */
    assert_string_equal(jx_indicator_last_year(&r.p->inds[2]), "/");
    done(&r);
}

/* The history attributes: a value that does not read, one given twice, 依据 without a
 * string, and a 资金 row without any amount, each reported at its line and column (the
 * columns counted by hand: three blanks, then one column per character). */
static void test_error_history(void **state)
{
    (void)state;
    parsed r = parse_errors("项目 x {\n"
                            " 资金 其他资金\n"                    /* 2: 资金 at 2 */
                            " 产 {\n"
                            "  数 {\n"
                            "   甲 ≥60个 权重 10 上年 ≥三十\n"      /* 5: "   甲 ≥60个 权重 10 上年 " is 19 */
                            "   乙 ≥1 上年 1 last_year 2\n"       /* 6: "   乙 ≥1 上年 1 " is 13 */
                            "   丙 ≥1 依据 经验\n"                /* 7: "   丙 ≥1 依据 " is 11 */
                            "   丁 ≥1 前年 定性 及时\n"           /* 8: "   丁 ≥1 前年 定性 " is 14 */
                            "  }\n"
                            " }\n"
                            "}\n",
                            5);
    expect_diag(r.p, 0, JX_SEV_ERROR, 2, 2, "资金“其他资金”没有金额");
    expect_diag(r.p, 1, JX_SEV_ERROR, 5, 20, "指标“甲”的上年指标值“≥三十”无法识别为数值");
    expect_diag(r.p, 2, JX_SEV_ERROR, 6, 14, "指标“乙”的“last_year”重复");
    expect_diag(r.p, 3, JX_SEV_ERROR, 7, 12, "这里应有带引号的指标值确定依据，却是“经验”");
    expect_diag(r.p, 4, JX_SEV_ERROR, 8, 15, "这里应有定性指标值（带引号的文字），却是“及时”");
    assert_int_equal(r.p->nfunds, 0);
    assert_int_equal(r.p->ninds, 0); /* each line is skipped whole */
    done(&r);
}

static void test_error_weight_not_number(void **state)
{
    (void)state;
    parsed r = parse_errors("项目 x {\n 产 {\n  数 {\n   甲 ≥60个 权重 三十\n  }\n }\n}\n", 1);
    expect_diag(r.p, 0, JX_SEV_ERROR, 4, 14, "权重应为数字，这里是“三十”");
    assert_int_equal(r.p->diags.v[0].width, 2);
    done(&r);
}

static void test_error_unknown_keyword(void **state)
{
    (void)state;
    parsed r = parse_errors("项目 x {\n  负责人 \"张三\"\n  年度 2024\n}\n", 1);
    expect_diag(r.p, 0, JX_SEV_ERROR, 2, 3, "未知的关键字“负责人”");
    assert_int_equal(r.p->year, 2024); /* parsing went on */
    done(&r);
}

static void test_error_missing_brace(void **state)
{
    (void)state;
    /* line 5's '}' closes 数; 产's '{' (2:4) is the innermost left open. Reported once,
     * just after the last token (5:2 → 5:3); the project's own '{' is not named again. */
    parsed r = parse_errors("项目 x {\n 产 {\n  数 {\n   甲 ≥1 权重 1\n }\n", 1);
    expect_diag(r.p, 0, JX_SEV_ERROR, 5, 3, "缺少“}”：第 2 行第 4 列的“{”没有闭合");
    done(&r);
}

static void test_error_invalid_utf8(void **state)
{
    (void)state;
    /* the reader reads the byte as U+FFFD, which the parser then finds to be stray */
    parsed r = parse_errors("项目 x {\n 单位 \"a\" \xFF\n}\n", 2);
    expect_diag(r.p, 0, JX_SEV_ERROR, 2, 9, "无效的 UTF-8 字节 0xFF");
    expect_diag(r.p, 1, JX_SEV_ERROR, 2, 9, "多余的“\xEF\xBF\xBD”");
    assert_string_equal(r.p->org.s, "a");
    done(&r);
}

/* A bad byte inside a string is reported at that byte; the string is still read. */
static void test_error_invalid_utf8_in_string(void **state)
{
    (void)state;
    parsed r = parse_errors("项目 x {\n 单位 \"绍兴\xFF中心\"\n 年度 2024\n}\n", 1);
    expect_diag(r.p, 0, JX_SEV_ERROR, 2, 8, "0xFF"); /* " 单位 \"绍兴": 1 + 2 + 1 + 1 + 2 → col 8 */
    assert_int_equal(r.p->year, 2024);
    done(&r);
}

/* CRLF line ends and comments after a line change nothing. */
static void test_crlf_and_comments(void **state)
{
    (void)state;
    parsed r = parse_errors("项目 x { # 注释 {\r\n"
                            " 产 { 量 { # 注释 }\r\n"
                            "  甲 ≥1个 权重 100 实际 1个 # 注释\r\n"
                            " } }\r\n"
                            "}\r\n",
                            0);
    assert_int_equal(r.p->ninds, 1);
    assert_string_equal(r.p->inds[0].target.unit.s, "个");
    assert_string_equal(r.p->inds[0].actual.text.s, "1个");
    assert_int_equal(r.p->inds[0].pos.line, 3);
    assert_int_equal(r.p->close_pos.line, 5);
    done(&r);
}

static void test_error_unterminated_string(void **state)
{
    (void)state;
    parsed r = parse_errors("项目 x {\n 单位 \"abc\n 年度 2024\n}\n", 1);
    expect_diag(r.p, 0, JX_SEV_ERROR, 2, 5, "引号");
    assert_int_equal(r.p->year, 2024);
    done(&r);
}

static void test_error_structure(void **state)
{
    (void)state;
    parsed r = parse_errors("项目 x {\n"
                            " 产 {\n"
                            "  甲 ≥1 权重 1\n"                 /* indicator in a level-1 group */
                            "  数 { 乙 ≥1 权重 1 权重 2 }\n"   /* repeated attribute */
                            "  质 { 三 { 丙 ≥1 } }\n"          /* third level */
                            " }\n"
                            " 年度 2024\n"
                            " 年度 2025\n"                     /* repeated statement */
                            " 结论 极好\n"                     /* not a grade */
                            "}\n",
                            5);
    expect_diag(r.p, 0, JX_SEV_ERROR, 3, 3, "一级指标“产”");
    expect_diag(r.p, 1, JX_SEV_ERROR, 4, 17, "“权重”重复");
    expect_diag(r.p, 2, JX_SEV_ERROR, 5, 7, "第三层");
    expect_diag(r.p, 3, JX_SEV_ERROR, 8, 2, "“年度”重复");
    expect_diag(r.p, 4, JX_SEV_ERROR, 9, 5, "结论");
    done(&r);
}

/* Three errors in one file: all three are reported, and the good lines still parse. */
static void test_recovery(void **state)
{
    (void)state;
    parsed r = parse_errors("项目 x {\n"
                            " 负责人 \"张三\"\n"
                            " 产出 {\n"
                            "  数量 {\n"
                            "   甲 =<5次 权重 10\n"
                            "   乙 ≥5次 权重 10 实际 6次\n"
                            "   丙 ≥5次 权重 十\n"
                            "  }\n"
                            " }\n"
                            "}\n",
                            3);
    expect_diag(r.p, 0, JX_SEV_ERROR, 2, 2, "负责人");
    expect_diag(r.p, 1, JX_SEV_ERROR, 5, 6, "“=<”");
    expect_diag(r.p, 2, JX_SEV_ERROR, 7, 13, "权重应为数字");
    assert_int_equal(r.p->ninds, 1);
    assert_string_equal(r.p->inds[0].name.s, "乙");
    done(&r);
}

/* ------------------------------------------------- units spelt like keywords */

/* Checks indicator i of p: its name, target number, percent and unit, and (when anum is
 * not NULL) its actual number and unit; weight "" when it has none. */
static void expect_units(const jx_project *p, size_t i, const char *name, const char *tnum, const char *tunit,
                         const char *anum, const char *aunit, const char *weight)
{
    char b[JX_DEC_BUFSZ];
    if (i >= p->ninds)
        fail_msg("indicator %zu missing (have %zu)", i, p->ninds);
    const jx_indicator *ind = &p->inds[i];
    assert_string_equal(ind->name.s, name);
    assert_false(ind->target.is_text);
    assert_string_equal(dec(ind->target.num, b), tnum);
    assert_string_equal(ind->target.unit.n ? ind->target.unit.s : "", tunit);
    if (anum) {
        assert_true(ind->actual.present);
        assert_false(ind->actual.is_text);
        assert_string_equal(dec(ind->actual.num, b), anum);
        assert_string_equal(ind->actual.unit.n ? ind->actual.unit.s : "", aunit);
    } else {
        assert_false(ind->actual.present);
    }
    assert_int_equal(ind->has_weight, *weight != '\0');
    if (*weight)
        assert_string_equal(dec(ind->weight, b), weight);
}

/* A word after a number is its unit unless it is an attribute keyword followed by its
 * own value (docs/dsl.md, "Units spelt like keywords"): with a blank or without, whatever
 * the keyword, with other numbers than seed 000's ≥ 85 分. */
static void test_keyword_units(void **state)
{
    (void)state;
    parsed r = parse_errors("项目 x {\n"
                            " 产 {\n"
                            "  数 {\n"
                            "   a ≥85分 权重 10 实际 88分\n"                 /* 4: 分 ends no value */
                            "   b ≥ 85 分 权重 10 实际 88 分\n"              /* 5 */
                            "   c ≥3项目 权重 20 实际 4项目\n"               /* 6: 权重 after 项目; the line ends */
                            "   d ≥ 3 项目 权重 20 实际 4 项目\n"            /* 7 */
                            "   e ≥ 7 个 项目 权重 5\n"                      /* 8: 个项目 */
                            "   f ≥60 权重 30 实际 70\n"                     /* 9: 权重 followed by its number */
                            "   g ≥60%权重 30\n"                             /* 10: the same without a blank */
                            "   h ≥3权重 权重 10 实际 2 权重\n"              /* 11: a unit 权重, then the weight */
                            "   i ≥90 得分 权重 10 实际 95 得分 得分 9.5\n"  /* 12: 得分 unit, then the claim */
                            "   j ≥1.5单位 weight 2 actual 2 实际; k ≥4 总分 权重 1\n" /* 13: ASCII, ';' */
                            "   l ≥60 不适用 权重 1\n"                       /* 14: 不适用 is never a unit */
                            "   m ≥60不适用 权重 1\n"                        /* 15 */
                            "   n ≥5 实际 # 实际 is left without a value\n"  /* 16 */
                            "  }\n"
                            " }\n"
                            "}\n",
                            0);
    const jx_project *p = r.p;
    assert_int_equal(p->ninds, 14);
    expect_units(p, 0, "a", "85", "分", "88", "分", "10");
    expect_units(p, 1, "b", "85", "分", "88", "分", "10");
    expect_units(p, 2, "c", "3", "项目", "4", "项目", "20");
    expect_units(p, 3, "d", "3", "项目", "4", "项目", "20");
    expect_units(p, 4, "e", "7", "个项目", NULL, NULL, "5");
    expect_units(p, 5, "f", "60", "", "70", "", "30");
    expect_units(p, 6, "g", "60", "", NULL, NULL, "30");
    assert_true(p->inds[6].target.percent);
    expect_units(p, 7, "h", "3", "权重", "2", "权重", "10");
    expect_units(p, 8, "i", "90", "得分", "95", "得分", "10");
    assert_true(p->inds[8].has_claim);
    assert_int_equal(p->inds[8].claim.v, 95);
    expect_units(p, 9, "j", "1.5", "单位", "2", "实际", "2");
    expect_units(p, 10, "k", "4", "总分", NULL, NULL, "1");
    expect_units(p, 11, "l", "60", "", NULL, NULL, "1");
    assert_true(p->inds[11].not_applicable);
    expect_units(p, 12, "m", "60", "", NULL, NULL, "1");
    assert_true(p->inds[12].not_applicable);
    expect_units(p, 13, "n", "5", "实际", NULL, NULL, "");
    /* the text and position of a value cover its unit: "≥ 3 项目" at 7:6, 6 characters */
    assert_string_equal(p->inds[3].target.text.s, "≥ 3 项目");
    assert_int_equal(p->inds[3].target.pos.line, 7);
    assert_int_equal(p->inds[3].target.pos.col, 6);
    assert_int_equal(p->inds[3].target.pos.width, 6);
    assert_int_equal(p->inds[3].weight_pos.col, 16); /* 6 + 6 + 1 + 2 + 1 */
    assert_int_equal(p->inds[3].actual.pos.col, 22); /* 16 + 2 + 1 + 2 + 1 */
    assert_int_equal(p->inds[3].actual.pos.width, 4);
    done(&r);
}

/* A keyword that is followed by a value of its own ends the value, as before, and the
 * errors keep their line and column. */
static void test_keyword_units_errors(void **state)
{
    (void)state;
    parsed r = parse_errors("项目 x {\n"
                            " 产 {\n"
                            "  数 {\n"
                            "   a ≥3项目 \"说明\" 权重 1\n"  /* 项目 takes the string: no attribute */
                            "   b ≥3 年度 2024 权重 1\n"     /* 年度 takes its number */
                            "   c ≥ 权重 10\n"               /* no number before 权重: the value is "≥" */
                            "   d ≥1 权重 1 实际 2 项目 3\n"  /* 项目 takes 3 */
                            "  }\n"
                            " }\n"
                            "}\n",
                            4);
    expect_diag(r.p, 0, JX_SEV_ERROR, 4, 8, "指标“a”里有不认识的“项目”");
    expect_diag(r.p, 1, JX_SEV_ERROR, 5, 9, "指标“b”里有不认识的“年度”");
    expect_diag(r.p, 2, JX_SEV_ERROR, 6, 6, "指标“c”的年度指标值“≥”");
    expect_diag(r.p, 3, JX_SEV_ERROR, 7, 19, "指标“d”里有不认识的“项目”");
    assert_int_equal(r.p->diags.v[0].width, 2);
    assert_int_equal(r.p->ninds, 0);
    done(&r);
}

static void test_error_policy_in_project(void **state)
{
    (void)state;
    parsed r = parse_errors("项目 x {\n 评分办法 \"y\"\n}\n", 1);
    expect_diag(r.p, 0, JX_SEV_ERROR, 2, 2, "--policy");
    done(&r);
}

/* ---------------------------------------------------------------- policies */

/* A policy parsed from text over the defaults; the caller frees it with policy_free. */
static jx_result parse_policy(jx_policy *pol, const char *text)
{
    memset(pol, 0, sizeof *pol);
    pol->alloc = jx_alloc_or_default(NULL);
    jx_arena_init(&pol->arena, pol->alloc);
    jx_diags_init(&pol->diags, pol->alloc);
    jx_policy_set_defaults(pol);
    return jx_parse_policy_text(pol, "p.jx", text, strlen(text));
}

static void policy_free(jx_policy *pol)
{
    jx_diags_free(&pol->diags);
    jx_arena_free(&pol->arena);
}

static void test_policy_chinese(void **state)
{
    (void)state;
    char b[JX_DEC_BUFSZ];
    jx_policy pol;
    /* rules/central.jx as shipped, with every setting changed from the defaults where possible */
    assert_int_equal(parse_policy(&pol, "# 说明\n"
                                        "评分办法 \"中央部门自评\" {\n"
                                        "    等级 优 85 良 75 中 60.5\n"
                                        "    反向 比例\n"
                                        "    定性 达成 100% 部分达成 60% 未达成 20%\n"
                                        "    定性区间 达成 85% 100% 部分达成 60% 85% 未达成 0% 60%\n"
                                        "    超额提示 130%\n"
                                        "    预算执行率 单列 10 分 封顶\n"
                                        "    不适用 按比例折算\n"
                                        "    小数 1\n"
                                        "}\n"),
                     JX_OK);
    assert_string_equal(pol.name.s, "中央部门自评");
    assert_string_equal(dec(pol.bands[0], b), "85");
    assert_string_equal(dec(pol.bands[2], b), "60.5");
    assert_int_equal(pol.reverse, JX_REVERSE_RATIO);
    assert_string_equal(dec(pol.qual_pct[1], b), "60");
    assert_string_equal(dec(pol.qual_pct[2], b), "20");
    assert_string_equal(dec(pol.qual_band_lo[0], b), "85");
    assert_string_equal(dec(pol.qual_band_hi[1], b), "85");
    assert_string_equal(dec(pol.over_pct, b), "130");
    assert_true(pol.exec_separate);
    assert_true(pol.exec_cap);
    assert_string_equal(dec(pol.exec_points, b), "10");
    assert_string_equal(dec(pol.layout_total, b), "90"); /* 100 − 10 */
    assert_int_equal(pol.na_rule, JX_NA_RESCALE);
    assert_int_equal(pol.decimals, 1);
    assert_int_equal(pol.pos.line, 2);
    policy_free(&pol);
}

static void test_policy_ascii(void **state)
{
    (void)state;
    char b[JX_DEC_BUFSZ];
    jx_policy pol;
    assert_int_equal(parse_policy(&pol, "policy \"p\" {\n"
                                        "  bands excellent 80 good 70 fair 60\n"
                                        "  reverse linear\n"
                                        "  qualitative met 90% partly 70% unmet 30%\n"
                                        "  qualitative_bands met 80% 100% partly 60% 80% unmet 0% 60%\n"
                                        "  over_target 120%\n"
                                        "  execution_rate separate 20 points\n"
                                        "  not_applicable drop; decimals 2\n"
                                        "}\n"),
                     JX_OK);
    assert_string_equal(dec(pol.bands[0], b), "80");
    assert_string_equal(dec(pol.qual_pct[0], b), "90");
    assert_true(pol.exec_separate);
    assert_false(pol.exec_cap);
    assert_string_equal(dec(pol.layout_total, b), "80");
    assert_int_equal(pol.na_rule, JX_NA_DROP);
    policy_free(&pol);
}

/* Settings left out keep the defaults; 不单列 keeps the layout at 100. */
static void test_policy_defaults_kept(void **state)
{
    (void)state;
    char b[JX_DEC_BUFSZ];
    jx_policy pol;
    assert_int_equal(parse_policy(&pol, "评分办法 \"简\" { 预算执行率 不单列 }"), JX_OK);
    assert_string_equal(dec(pol.bands[1], b), "80");
    assert_false(pol.exec_separate);
    assert_string_equal(dec(pol.layout_total, b), "100");
    assert_int_equal(pol.decimals, 2);
    policy_free(&pol);
}

static void test_policy_errors(void **state)
{
    (void)state;
    jx_policy pol;
    assert_int_equal(parse_policy(&pol, "评分办法 \"坏\" {\n"
                                        "  小数 7\n"
                                        "  反向 倒数\n"
                                        "  颜色 红\n"
                                        "  等级 优 九十 良 80 中 60\n"),
                     JX_ERR_INPUT);
    assert_int_equal(pol.diags.errors, 5);
    assert_int_equal(pol.diags.v[0].line, 2); /* 小数 out of 0..4 */
    assert_int_equal(pol.diags.v[0].column, 6);
    assert_int_equal(pol.diags.v[1].line, 3); /* 倒数 */
    assert_int_equal(pol.diags.v[1].column, 6);
    assert_non_null(strstr(pol.diags.v[2].message, "未知的关键字“颜色”"));
    assert_int_equal(pol.diags.v[3].line, 5); /* 九十 */
    assert_non_null(strstr(pol.diags.v[4].message, "第 1 行第 10 列的“{”没有闭合"));
    assert_int_equal(pol.decimals, 2);        /* a bad setting leaves the default */
    policy_free(&pol);

    assert_int_equal(parse_policy(&pol, "项目 \"x\" {}"), JX_ERR_INPUT);
    assert_int_equal(pol.diags.errors, 1);
    policy_free(&pol);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_statements),
        cmocka_unit_test(test_ascii_twin),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_value_ends_at_newline),
        cmocka_unit_test(test_warnings),
        cmocka_unit_test(test_error_bad_sign),
        cmocka_unit_test(test_history_as_written),
        cmocka_unit_test(test_error_history),
        cmocka_unit_test(test_error_weight_not_number),
        cmocka_unit_test(test_error_unknown_keyword),
        cmocka_unit_test(test_error_missing_brace),
        cmocka_unit_test(test_error_invalid_utf8),
        cmocka_unit_test(test_error_unterminated_string),
        cmocka_unit_test(test_error_invalid_utf8_in_string),
        cmocka_unit_test(test_crlf_and_comments),
        cmocka_unit_test(test_error_structure),
        cmocka_unit_test(test_recovery),
        cmocka_unit_test(test_error_policy_in_project),
        cmocka_unit_test(test_keyword_units),
        cmocka_unit_test(test_keyword_units_errors),
        cmocka_unit_test(test_policy_chinese),
        cmocka_unit_test(test_policy_ascii),
        cmocka_unit_test(test_policy_defaults_kept),
        cmocka_unit_test(test_policy_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
