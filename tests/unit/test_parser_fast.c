/* SPDX-License-Identifier: MIT */
/* test_parser_fast.c — the parser's fast paths (ordinary indicator lines, group heads,
 * project statements, an item's first word, closing braces and the blank lines before
 * them) read exactly what the general parser reads, and a project parsed before it is
 * framed ends where the reader's framer ends it.
 *
 * Every line below is parsed as written and with a comment after a space, both of which
 * a fast path takes, and with the comment after an ideographic space (U+3000) instead (or
 * with one before the line), which only the general parser takes. The projects must agree
 * field by field: values, positions, numbers, strings and every diagnostic. Which path
 * took an indicator line is checked too: only the fast path keeps an indicator's plain
 * copy (jx_indicator.plain). Comments the fast paths must leave to the general parser —
 * right after a number, a '%' or a string, after an ideographic space, or a '#' inside a
 * word — are checked to be left, and a project whose comments the reader's framer reads
 * as the lexer does is framed while it is parsed. A line is scanned up to the item's last
 * '\n' without a look for its own: a last line without one, and a line in an item longer
 * than JX_LIMIT_LINE, are checked to be left to the general parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model.h"
#include "parser.h"
#include "value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* ------------------------------------------------------------------ helpers */

/* A reader over one text and the first project it yields. */
typedef struct parsed {
    jx_reader *rd; /* the reader (owns the project) */
    jx_project *p; /* the first project */
} parsed;

/* Parses text (which must hold one project) and returns it. */
static parsed parse(const char *text)
{
    parsed r;
    assert_int_equal(jx_reader_open_memory(&r.rd, "t.jx", text, strlen(text), NULL), JX_OK);
    assert_int_equal(jx_reader_next(r.rd, &r.p), JX_ROW);
    return r;
}

/* Parses the item at the start of text, framed first (to its last '}'), into *p: by
 * jx_parse_project itself, on text not known to be valid UTF-8 (jx_item_text.utf8 false),
 * whose fast paths then check every sequence, where a reader's know it valid. */
static void parse_framed(jx_project *p, jx_value_reader *vr, const char *text)
{
    jx_project_init(p, NULL);
    size_t end = (size_t)(strrchr(text, '}') - text) + 1;
    jx_item_text item = {"t.jx", text, 0, end, strlen(text), 1, false};
    assert_int_equal(jx_parse_project(p, vr, &item), JX_OK);
}

/* Fails unless a and b hold the same bytes. */
static void same_str(jx_str a, jx_str b, const char *what)
{
    if (a.n != b.n || memcmp(a.s, b.s, a.n) != 0 || a.s[a.n] != '\0' || b.s[b.n] != '\0')
        fail_msg("%s: \"%s\" and \"%s\" differ", what, a.s, b.s);
}

/* Fails unless positions a and b are the same (byte offsets too, unless with_off is false). */
static void same_pos(jx_pos a, jx_pos b, bool with_off, const char *what)
{
    if (a.line != b.line || a.col != b.col || a.width != b.width || (with_off && a.off != b.off))
        fail_msg("%s: %u:%u+%u@%u and %u:%u+%u@%u differ", what, a.line, a.col, a.width, a.off, b.line,
                 b.col, b.width, b.off);
}

/* Fails unless decimals a and b are the same coefficient and scale. */
static void same_dec(jx_dec a, jx_dec b, const char *what)
{
    if (a.v != b.v || a.scale != b.scale)
        fail_msg("%s: %lld/%d and %lld/%d differ", what, (long long)a.v, a.scale, (long long)b.v, b.scale);
}

/* Fails unless values a and b read the same (byte offsets too, unless with_off is false). */
static void same_value(const jx_value *a, const jx_value *b, bool with_off, const char *what)
{
    if (a->sign != b->sign || a->present != b->present || a->implicit != b->implicit ||
        a->is_text != b->is_text || a->percent != b->percent)
        fail_msg("%s: sign/present/implicit/text/percent differ", what);
    same_dec(a->num, b->num, what);
    same_str(a->unit, b->unit, what);
    same_str(a->text, b->text, what);
    if (a->present)
        same_pos(a->pos, b->pos, with_off, what);
}

/* Fails unless the diagnostics of a and b are the same (their quoted lines aside). */
static void same_diags(const jx_project *a, const jx_project *b)
{
    assert_int_equal(a->diags.n, b->diags.n);
    assert_int_equal(a->diags.errors, b->diags.errors);
    assert_int_equal(a->diags.warnings, b->diags.warnings);
    for (size_t i = 0; i < a->diags.n; i++) {
        const jx_diag *x = &a->diags.v[i], *y = &b->diags.v[i];
        assert_int_equal(x->severity, y->severity);
        assert_string_equal(x->code, y->code);
        assert_string_equal(x->message, y->message);
        assert_int_equal(x->line, y->line);
        assert_int_equal(x->column, y->column);
        assert_int_equal(x->width, y->width);
    }
}

/* Fails unless the indicators of a and b are the same, field by field (byte offsets too,
 * unless with_off is false). */
static void same_indicators(const jx_project *a, const jx_project *b, bool with_off)
{
    assert_int_equal(a->ninds, b->ninds);
    for (size_t i = 0; i < a->ninds; i++) {
        const jx_indicator *x = &a->inds[i], *y = &b->inds[i];
        same_str(x->name, y->name, "name");
        assert_int_equal(x->group, y->group);
        same_value(&x->target, &y->target, with_off, "target");
        same_value(&x->actual, &y->actual, with_off, "actual");
        assert_int_equal(x->has_weight, y->has_weight);
        same_dec(x->weight, y->weight, "weight");
        assert_int_equal(x->has_claim, y->has_claim);
        same_dec(x->claim, y->claim, "claim");
        assert_int_equal(x->judge, y->judge);
        same_str(x->reason, y->reason, "reason");
        assert_int_equal(x->not_applicable, y->not_applicable);
        same_pos(x->pos, y->pos, with_off, "name");
        same_pos(x->weight_pos, y->weight_pos, with_off, "weight");
        same_pos(x->claim_pos, y->claim_pos, with_off, "claim");
        same_value(&x->last_year, &y->last_year, with_off, "last_year");
        same_value(&x->year_before, &y->year_before, with_off, "year_before");
        same_pos(x->last_year.pos, y->last_year.pos, with_off, "last_year"); /* also when written as none */
        same_pos(x->year_before.pos, y->year_before.pos, with_off, "year_before");
        same_str(x->basis, y->basis, "basis");
        same_pos(x->basis_pos, y->basis_pos, with_off, "basis");
        assert_int_equal(x->score, -1);
        assert_int_equal(y->score, -1);
    }
}

/* Fails unless the statements of x and y (strings, year, funds) are the same; positions
 * by column (byte offsets aside). */
static void same_statements(const jx_project *x, const jx_project *y)
{
    same_str(x->name, y->name, "name");
    same_str(x->dept, y->dept, "dept");
    same_str(x->org, y->org, "org");
    same_str(x->goal, y->goal, "goal");
    same_str(x->outcome, y->outcome, "outcome");
    same_str(x->deviation, y->deviation, "deviation");
    same_str(x->remedy, y->remedy, "remedy");
    same_str(x->money_unit, y->money_unit, "money_unit");
    assert_int_equal(x->has_year, y->has_year);
    assert_int_equal(x->year, y->year);
    same_pos(x->pos, y->pos, false, "project");
    same_pos(x->close_pos, y->close_pos, false, "close");
    assert_int_equal(x->nfunds, y->nfunds);
    for (size_t i = 0; i < x->nfunds; i++) {
        assert_int_equal(x->funds[i].has_initial, y->funds[i].has_initial);
        assert_int_equal(x->funds[i].has_budget, y->funds[i].has_budget);
        assert_int_equal(x->funds[i].has_spent, y->funds[i].has_spent);
        same_str(x->funds[i].source, y->funds[i].source, "source");
        same_dec(x->funds[i].initial, y->funds[i].initial, "initial");
        same_dec(x->funds[i].budget, y->funds[i].budget, "budget");
        same_dec(x->funds[i].spent, y->funds[i].spent, "spent");
        same_pos(x->funds[i].pos, y->funds[i].pos, false, "funds");
    }
}

/* Fails unless the groups of x and y are the same; positions by column (offsets aside). */
static void same_groups(const jx_project *x, const jx_project *y)
{
    assert_int_equal(x->ngroups, y->ngroups);
    for (size_t i = 0; i < x->ngroups; i++) {
        const jx_group *a = &x->groups[i], *b = &y->groups[i];
        same_str(a->name, b->name, "group");
        assert_int_equal(a->level, b->level);
        assert_int_equal(a->parent, b->parent);
        assert_int_equal(a->has_points, b->has_points);
        same_dec(a->points, b->points, "points");
        assert_int_equal(a->plain != NULL, b->plain != NULL);
        same_pos(a->pos, b->pos, false, "group");
        same_pos(a->open_pos, b->open_pos, false, "open");
    }
}

/* Fails unless x and y are the same project (statements, groups, indicators and
 * diagnostics; positions by column, and with with_off by byte offset too). */
static void same_project(const jx_project *x, const jx_project *y, bool with_off)
{
    same_statements(x, y);
    same_groups(x, y);
    same_indicators(x, y, with_off);
    same_diags(x, y);
}

/* The text of a project whose one group holds line, followed by tail on its line. */
static void project_with(char *buf, size_t size, const char *line, const char *tail)
{
    snprintf(buf, size,
             "项目 \"测试\" {\n"
             "    产出指标 60 {\n"
             "        数量指标 60 {\n"
             "            %s%s\n"
             "        }\n"
             "    }\n"
             "}\n",
             line, tail);
}

/* Indicator lines the fast path takes, with what makes each one worth a look. */
static const char *const lines[] = {
    "接入系统数量 ≥390个/月 权重 6 实际 444个/月 得分 6",
    "维修次数 ＝8个 权重 5 实际 8个 得分 5",                 /* full-width sign */
    "服务执行率 ≥82% 权重 8 实际 85.18% 得分 8",
    "满意率 >=90％ 权重 10 实际 93%",                        /* ASCII sign, full-width % */
    "响应时间 ≤34小时 权重 8 实际 ≤34小时 得分 8",           /* vague-actual */
    "数量 60个 权重 3 实际 61个",                            /* implicit-sign */
    "人数 ≥60人以上 权重 3 实际 70人",                       /* a unit word agreeing with its sign */
    "时限 24小时内 权重 2 实际 20小时",                      /* a unit word giving the sign */
    "比率 ≥100百分比 权重 2 实际 100%",                      /* 百分比 spelt out */
    "工作效率 定性 \"提升\" 权重 15 实际 \"提升\" 评定 达成 得分 15",
    "覆盖面 定性 \"全覆盖\" 权重 5 实际 \"部分\" 评定 部分达成 偏差 \"资金未到位,延期\"",
    "好评 定性 \"好\" 权重 2 实际 \"差\" 评定 未达成",
    "空说明 定性 \"\" 权重 1 实际 \"\" 偏差 \"\"",              /* empty strings */
    "带宽 ≥100M 权重 4 实际 120M 不适用",
    "无权重 ≥5次",                                           /* missing-weight */
    "a1 <10ms 权重 1.5 实际 8ms 得分 1.50",
    "丙\t≥3\t权重\t3\t实际\t3",                               /* tabs */
    "丁  ≥4   权重  4    实际 5  ",                          /* runs of blanks, trailing blanks */
    "制表 ≥1 权重 1 实际 0 偏差 \"a\tb\"",                    /* a tab inside a string */
    "GDP增长率 ≥6.5% 权重 5 实际 7%",
    "零值 ≥0 权重 1 实际 0",
    "上限 <5 权重 1 实际 4 得分 0.5",
    "等于 ==100% 权重 1 实际 100%",
    "大于 ＞3 权重 1 实际 ＜2",
    "年限 =1年 权重 1 实际 1年",
    "数量(个) ≥7.50 权重 007 实际 8",                         /* leading zeros, trailing zeros */
    /* numbers, read eight bytes at a time up to seven digits a part and byte by byte past it */
    "七位 ≥1234567 权重 1 实际 7654321.1234567 得分 0.9999999",
    "八位 ≥12345678 权重 1 实际 87654321.12345678 得分 1.0000001",
    "九位 ≥999999999 权重 9999999 实际 9999999.9999999",
    "十八位 ≥123456789012345678 权重 1 实际 123456789.123456789",
    "前导零 ≥0000000 权重 00000001 实际 0000000.0000000 得分 0.0",
    "实际在前 ≥1 实际 2 得分 1 权重 1",                        /* attributes in another order */
    "甲 ≥1 权重 1; 乙 ≥2 权重 2",                             /* two on one line */
    /* units spelt like keywords (docs/dsl.md, "Units spelt like keywords") */
    "等保测评结果 ≥85分 权重 10 实际 88分",                  /* 分 ends no value */
    "测评系统数 ≥3项目 权重 20 实际 4项目 得分 20",          /* before an attribute */
    "末尾单位 ≥3权重 权重 1 实际 4项目",                     /* at the line's end */
    "百分比后 ≥60%得分 得分 5 权重 5 实际 70%得分",
    "不适用前 ≥2实际 不适用 权重 1 实际 3实际",
    "评定前 ≥2单位 评定 达成 权重 1 实际 2单位 偏差 \"无\"",
    "分号前 ≥2总分 权重 1 实际 3偏差; 次行 ≥1项目 权重 1",
    "得分单位 ≥60 权重 30 实际 70得分 得分 30",               /* 得分 the unit, then the claim */
    /* the history of a target table: 上年, 前年, 依据 */
    "周报 ≥45 权重 1 上年 ≥48 前年 ≥48 依据 \"每年周数不一样\"",
    "月报 12 权重 1 上年 12 前年 12个 依据 \"经验标准\"",    /* no sign: '=' as a target */
    "汇总 定性 \"每周五\" 权重 1 上年 \"每周五\" 前年 \"每周四\"", /* texts */
    "比率 ≥95% 权重 1 前年 ≥90% 上年 ≥92.5% 实际 96%",          /* another order */
    "单位词 ≥3项目 上年 ≥3项目 前年 2项目 权重 1",             /* a keyword-like unit before 上年 */
    "依据在前 ≥1 依据 \"行业标准,经验\" 权重 1 上年 1",          /* a ',' in the basis: not plain */
    "单位上年 ≥3上年 上年 ≥2上年",                            /* 上年 the unit, then the attribute */
    "时限 ≤24小时 权重 1 上年 ≤24小时 前年 24小时内",          /* a unit word giving the sign */
    /* strings longer than sixteen bytes, which valid text lets the fast path step through
     * sixteen bytes at a time: the quote, a ',' or a tab at each place of a block */
    "长说明 定性 \"做好镜湖新区河道保洁工作，提升服务质量。\" 权重 1 实际 \"做好镜湖新区河道保洁工作，提升服务质量\"",
    "逗号 定性 \"做好镜湖新区河道保洁工作,提升服务质量\" 权重 1",  /* a ',' on the 31st byte */
    "逗号二 定性 \"一二三四五,六\" 权重 1 实际 \"一二三四五六七八九十,\"", /* on the 16th, the 31st */
    "英文 定性 \"abcdefghijklmnopqrstuvwxyz0123456789\" 权重 1 实际 \"abcdefghijklmno\"",
    "十六 定性 \"abcdefghijklmnop\" 权重 1 实际 \"abcdefghijklmnopq\" 偏差 \"abcdefghijklmn\"",
    "制表长 ≥1 权重 1 实际 0 偏差 \"a\t部分对象反映响应偏慢部分对象反映响应偏慢\"",
    "四字节 定性 \"好😀好好好好好好好好😀\" 权重 1 实际 \"😀😀😀😀😀\"",     /* 4-byte characters */
    "替换符 定性 \"\xef\xbf\xbd\xef\xbf\xbd一二三四五六七\" 权重 1",          /* U+FFFD, as a mended byte is */
    "长名称指标长名称指标长名称指标 ≥1项目次数 权重 1 实际 \"长长长长长长长长长长长长长长\"",
    /* strings ending the line, whose last bytes the fast path reads as the sixteen that end
     * the line: the closing quote, a ',', a tab or a character cut by where they start at
     * each place of them */
    "尾一 ≥1 权重 1 偏差 \"a\"",
    "尾二 ≥1 权重 1 偏差 \"任务划转\"",
    "尾三 ≥1 权重 1 偏差 \"受天气影响推迟\"",
    "尾四 ≥1 权重 1 偏差 \"abcdefghijklm\"",                   /* thirteen bytes: fifteen to the end */
    "尾五 ≥1 权重 1 偏差 \"abcdefghijklmn\"",                  /* fourteen: sixteen */
    "尾六 ≥1 权重 1 偏差 \"abcdefghijklmno\"",                 /* fifteen: seventeen */
    "尾七 ≥1 权重 1 偏差 \"a一二三四五\"",                      /* characters cut one byte in */
    "尾八 ≥1 权重 1 偏差 \"ab一二三四五\"",                     /* two bytes in */
    "尾九 ≥1 权重 1 偏差 \"一,二\"",                            /* a ',' in the last sixteen */
    "尾十 ≥1 权重 1 偏差 \"一二三四五六七,八\"",                /* after a step of sixteen */
    "尾制表 ≥1 权重 1 偏差 \"a\t一二\"",                        /* a tab in the last sixteen */
    "尾实际 ≥1 权重 1 得分 1 实际 \"一二三四五六七八九十\"",
    "尾依据 ≥1 权重 1 上年 1 依据 \"一二三四五六七八九十甲乙丙丁\"",
    /* names and units of 15, 16, 17, 31, 32 and 33 bytes, about where sixteen or thirty-two
     * bytes end; CJK characters cut there; letters, digits and marks among them */
    "一二三四五 ≥1一二三四五 权重 1 实际 2一二三四五",                    /* 15 */
    "一二三四五a ≥1一二三四五a 权重 1 实际 2a一二三四五",                 /* 16 */
    "一二三四五ab ≥1一二三四五ab 权重 1 实际 2ab一二三四五",              /* 17 */
    "a一二三四五六 ≥1a一二三四五六 权重 1",                              /* a character on bytes 16..18 */
    "ab一二三四五 ≥1ab一二三四五 权重 1",                                /* on 15..17 */
    "一二三四五六七八九十a ≥1一二三四五六七八九十a 权重 1",              /* 31 */
    "一二三四五六七八九十ab ≥1一二三四五六七八九十ab 权重 1",            /* 32 */
    "一二三四五六七八九十百 ≥1一二三四五六七八九十百 权重 1",            /* 33 */
    "abcdefghijklmno ≥1abcdefghijklmno 权重 1",                          /* 15 ASCII */
    "abcdefghijklmnop ≥1abcdefghijklmnop 权重 1",                        /* 16 */
    "abcdefghijklmnopq ≥1abcdefghijklmnopq/h 权重 1",                    /* 17, and 19 */
    "A(1)b_2:c-d.e*f+g/h一 ≥1km/h 权重 1",                               /* every mark */
    "指标一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥 ≥1 权重 1", /* 108 bytes */
    "甲က乙 ≥1 权重 1",                                                  /* E1: a lead of LC_CJK */
    "가나다아 ≥1 权重 1",                                                /* EA, EB, EC */
    "长名称\t≥1\t权重\t1",                                              /* the name ended by a tab */
    "名称 ≥50％ 权重 1 实际 49%",                                         /* ％ and % */
    "边界 ≥1一龥 权重 1 实际 2丁一",                                      /* units of U+4E00, U+9FA5 */
};

/* Fails unless the indicators of p were read by the fast path (fast) or the last of them by
 * the general parser (!fast), which only the fast path gives a plain copy (a string with a
 * ',' or a tab is not plain: then only !fast is checked, and that it has no plain copy). */
static void taken_by(const jx_project *p, bool fast, const char *line, const char *tail)
{
    if (p->ninds == 0)
        fail_msg("no indicator: %s%s", line, tail);
    for (size_t i = fast ? 0 : p->ninds - 1; i < p->ninds; i++) {
        const char *plain = p->inds[i].plain;
        if (!fast && plain != NULL)
            fail_msg("the general parser did not take: %s%s", line, tail);
        if (fast && plain == NULL && !strchr(line, ',') && !strstr(line, "\"a\t"))
            fail_msg("the fast path did not take: %s%s", line, tail);
        if (plain != NULL && (strchr(line, ',') || strstr(line, "\"a\t")))
            fail_msg("a plain copy of a line with a ',' or a tab in a string: %s%s", line, tail);
    }
}

/* The comments the fast path reads a line without, each after the line's last token. */
static const char *const comments[] = {
    " # 注释", "\t# 注释", "   #", " ## 第 37 行", " # 含 { } \" ; 项目 权重 5", " #\t注释\t", " # \r 中间的回车",
};

/*
 * One line parsed as written, with each comment after it and with a comment after an
 * ideographic space (tail ends the line: "" or "\r") agrees; the fast path took all but
 * the one after the ideographic space. Nothing before a comment moves, so byte offsets
 * are compared too.
 */
static void check_line(const char *line, const char *tail)
{
    char a[1024], b[1024], t[128];
    snprintf(t, sizeof t, "\u3000# 注释%s", tail);
    project_with(b, sizeof b, line, t);
    parsed pb = parse(b);
    taken_by(pb.p, false, line, t);
    project_with(a, sizeof a, line, tail);
    parsed pa = parse(a);
    taken_by(pa.p, true, line, tail);
    same_indicators(pa.p, pb.p, true);
    same_diags(pa.p, pb.p);
    /* and not known to be valid UTF-8: the fast path checking each sequence */
    jx_value_reader *vr = jx_value_reader_create(NULL);
    jx_project pc;
    parse_framed(&pc, vr, a);
    taken_by(&pc, true, line, tail);
    same_indicators(pa.p, &pc, true);
    same_diags(pa.p, &pc);
    jx_project_free(&pc);
    jx_value_reader_destroy(vr);
    jx_reader_close(pa.rd);
    for (size_t i = 0; i < sizeof comments / sizeof comments[0]; i++) {
        snprintf(t, sizeof t, "%s%s", comments[i], tail);
        project_with(a, sizeof a, line, t);
        pa = parse(a);
        taken_by(pa.p, true, line, t);
        same_indicators(pa.p, pb.p, true);
        same_diags(pa.p, pb.p);
        jx_reader_close(pa.rd);
    }
    jx_reader_close(pb.rd);
}

static void indicator_lines_agree(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        check_line(lines[i], "");
}

/* The same, line by line with CRLF endings. */
static void indicator_lines_agree_with_crlf(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        check_line(lines[i], "\r");
}

/*
 * A '#' the fast path must not take as a comment: inside a string, a name, a unit or a
 * word, where it is no comment to the lexer; right after a number, a '%' or a string, where
 * the lexer starts a comment but the reader's framer (which looks only at the byte before
 * a '#') may not; after an ideographic space. Each line is left to the general parser;
 * where the lexer reads a comment, the result is the line's without it (same, offsets
 * included), and a '#' in a string is kept in it.
 */
static void comments_left_to_the_parser(void **state)
{
    (void)state;
    static const struct {
        const char *line; /* with the '#' */
        const char *same; /* the line read the same, or NULL */
    } left[] = {
        {"甲 ≥1 权重 1# 注释", "甲 ≥1 权重 1"},               /* right after a number */
        {"甲 ≥1# 注释", "甲 ≥1"},
        {"甲 ≥1.5% 权重 2 实际 1.2#", "甲 ≥1.5% 权重 2 实际 1.2"},
        {"甲 ≥60%# 权重 5", "甲 ≥60%"},                       /* right after a '%' */
        {"甲 ≥60％# 注释", "甲 ≥60％"},                       /* after ％, whose last byte the framer does not know */
        {"甲 定性 \"好\"# 注释", "甲 定性 \"好\""},         /* right after a string */
        {"甲 ≥1 权重 1 偏差 \"无\"#", "甲 ≥1 权重 1 偏差 \"无\""},
        {"甲 ≥1 权重 1\u3000# 注释", "甲 ≥1 权重 1"},        /* after an ideographic space */
        {"甲 ≥1 权重 1 \u3000# 注释", "甲 ≥1 权重 1 "},
        {"甲 ≥1 权重 1\u3000\t# 注释", "甲 ≥1 权重 1"},
        {"甲 ≥1 不适用# 注释", NULL},                          /* inside a word: 不适用# */
        {"甲 ≥1 权重 1 评定 达成#", NULL},
        {"甲# ≥1 权重 1", NULL},                               /* in the name */
        {"甲 ≥5个#x 权重 1", NULL},                            /* in the unit */
        {"甲 ≥5个/#月 权重 1", NULL},
    };
    for (size_t i = 0; i < sizeof left / sizeof left[0]; i++) {
        char a[1024], b[1024];
        project_with(a, sizeof a, left[i].line, "");
        parsed pa = parse(a);
        if (pa.p->ninds > 0 && pa.p->inds[0].plain != NULL)
            fail_msg("the fast path took: %s", left[i].line);
        if (!left[i].same && pa.p->ninds > 0) /* read with the '#' in its word, or not at all */
            assert_true(strchr(pa.p->inds[0].name.s, '#') || strchr(pa.p->inds[0].target.unit.s, '#'));
        if (left[i].same) {
            project_with(b, sizeof b, left[i].same, "");
            parsed pb = parse(b);
            same_indicators(pa.p, pb.p, true);
            same_diags(pa.p, pb.p);
            jx_reader_close(pb.rd);
        }
        jx_reader_close(pa.rd);
    }

    /* a '#' in a string is the string's, with a comment after it or not */
    static const char *const in_string[] = {
        "甲 定性 \"a # b\" 权重 1 实际 \"#\" 偏差 \"{#}\"",
        "甲 定性 \"a # b\" 权重 1 实际 \"#\" 偏差 \"{#}\" # 注释",
    };
    for (size_t i = 0; i < 2; i++) {
        char a[1024];
        project_with(a, sizeof a, in_string[i], "");
        parsed pa = parse(a);
        assert_int_equal(pa.p->ninds, 1);
        assert_non_null(pa.p->inds[0].plain);
        assert_string_equal(pa.p->inds[0].target.text.s, "a # b");
        assert_string_equal(pa.p->inds[0].actual.text.s, "#");
        assert_string_equal(pa.p->inds[0].reason.s, "{#}");
        assert_int_equal(pa.p->diags.n, 0);
        jx_reader_close(pa.rd);
    }
}

/* A copy of text[0..n) ending where a page ends, the next page readable by nothing, so a
 * read past it faults; *map and *maplen are the mapping, to unmap. */
static char *at_page_end(const char *text, size_t n, void **map, size_t *maplen)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), pages = (n + page - 1) / page + 1;
    *maplen = pages * page;
    *map = mmap(NULL, *maplen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(*map != MAP_FAILED);
    char *guard = (char *)*map + (pages - 1) * page;
    assert_int_equal(mprotect(guard, page, PROT_NONE), 0);
    memcpy(guard - n, text, n);
    return guard - n;
}

/* The item at the start of text[0..n), framed first, which is valid UTF-8, into *p as
 * parse_framed parses one. */
static void parse_framed_n(jx_project *p, jx_value_reader *vr, const char *text, size_t n)
{
    jx_project_init(p, NULL);
    jx_item_text item = {"t.jx", text, 0, n, n, 1, true};
    assert_int_equal(jx_parse_project(p, vr, &item), JX_OK);
}

/* The same, on text not known to be valid UTF-8 (it may not be). */
static void parse_framed_n_unchecked(jx_project *p, jx_value_reader *vr, const char *text, size_t n)
{
    jx_project_init(p, NULL);
    jx_item_text item = {"t.jx", text, 0, n, n, 1, false};
    assert_int_equal(jx_parse_project(p, vr, &item), JX_OK);
}

/* An indicator line as the item's last: the project 测试 with 产出指标 60 and 数量指标 60
 * opened, then `line` (its '\n' last), copied to end where a page ends (at_page_end), so a
 * read past the '\n' faults; parsed into p, the text taken as valid UTF-8 when utf8 (as
 * parse_framed_n), else not (parse_framed_n_unchecked). Freed by end_line_free. */
typedef struct end_line {
    jx_project p;
    void *map;
    size_t maplen;
} end_line;

static void end_line_parse(end_line *e, jx_value_reader *vr, const char *line, bool utf8)
{
    char text[512];
    int len = snprintf(text, sizeof text, "项目 \"测试\" {\n产出指标 60 {\n数量指标 60 {\n%s", line);
    assert_true(len > 0 && (size_t)len < sizeof text);
    const char *at = at_page_end(text, (size_t)len, &e->map, &e->maplen);
    if (utf8)
        parse_framed_n(&e->p, vr, at, (size_t)len);
    else
        parse_framed_n_unchecked(&e->p, vr, at, (size_t)len);
}

static void end_line_free(end_line *e)
{
    jx_project_free(&e->p);
    munmap(e->map, e->maplen);
}

/*
 * Indicator lines that end their item's text but for the '\n' and the closing braces,
 * copied to end where a page ends (at_page_end), so a read of the fast path past the text
 * faults (its string scan reads sixteen bytes at a time while they lie on the line). What
 * it reads, as written: ≥1.5 → 15 at scale 1; 权重 7654321 → 7654321; 实际 3.25 → 325 at
 * scale 2; 得分 7 → 7; in the second, 实际 12.5 → 125 at scale 1 and 偏差 "延期", whose
 * closing quote is five bytes before the end.
 */
static void lines_at_the_text_end(void **state)
{
    (void)state;
    static const char text[] = "项目 \"测试\" {\n产出指标 60 {\n数量指标 60 {\n"
                               "甲 ≥1.5 权重 7654321 实际 3.25 得分 7\n}}}";
    static const char text2[] = "项目 \"测试\" {\n产出指标 60 {\n数量指标 60 {\n"
                                "乙 ≥1 权重 1 实际 12.5 偏差 \"延期\"\n}}}";
    jx_value_reader *vr = jx_value_reader_create(NULL);
    jx_project p;
    void *map;
    size_t maplen;
    parse_framed_n(&p, vr, at_page_end(text, sizeof text - 1, &map, &maplen), sizeof text - 1);
    assert_int_equal(p.ninds, 1);
    assert_non_null(p.inds[0].plain); /* the fast path read it */
    assert_int_equal(p.inds[0].target.num.v, 15);
    assert_int_equal(p.inds[0].target.num.scale, 1);
    assert_int_equal(p.inds[0].weight.v, 7654321);
    assert_int_equal(p.inds[0].weight.scale, 0);
    assert_int_equal(p.inds[0].actual.num.v, 325);
    assert_int_equal(p.inds[0].actual.num.scale, 2);
    assert_int_equal(p.inds[0].claim.v, 7);
    assert_int_equal(p.inds[0].claim.scale, 0);
    jx_project_free(&p);
    munmap(map, maplen);
    parse_framed_n(&p, vr, at_page_end(text2, sizeof text2 - 1, &map, &maplen), sizeof text2 - 1);
    assert_int_equal(p.ninds, 1);
    assert_non_null(p.inds[0].plain);
    assert_int_equal(p.inds[0].actual.num.v, 125);
    assert_int_equal(p.inds[0].actual.num.scale, 1);
    assert_string_equal(p.inds[0].reason.s, "延期");
    jx_project_free(&p);
    munmap(map, maplen);
    jx_value_reader_destroy(vr);
}

/*
 * An indicator line that ends its item's text at its '\n' (as a reader's item may end),
 * copied to end where a page ends, its last token a string of 0 to 20 bytes, ASCII or
 * CJK characters: the string scan reads no byte past the '\n' (it faults), and reads the
 * string. Worked by hand, for 乙 ≥1 权重 1 实际 "S": the columns are 乙 1, ≥ 3, 1 4, 权
 * 6, 重 7, 1 9, 实 11, 际 12, the quote 14; so the actual value is at column 14, its
 * width the characters of S and 2; its text is S.
 */
static void strings_at_the_text_end(void **state)
{
    (void)state;
    jx_value_reader *vr = jx_value_reader_create(NULL);
    for (int cjk = 0; cjk < 2; cjk++) {
        for (unsigned n = 0; n <= 20; n++) {
            char str[80] = "", line[128];
            for (unsigned k = 0; k < n; k++)
                strcat(str, cjk ? "延" : "a");
            snprintf(line, sizeof line, "乙 ≥1 权重 1 实际 \"%s\"\n", str);
            end_line e;
            end_line_parse(&e, vr, line, true);
            const jx_project *p = &e.p;
            assert_true(p->ninds >= 1);
            assert_non_null(p->inds[0].plain); /* the fast path read it */
            assert_true(p->inds[0].actual.is_text);
            assert_string_equal(p->inds[0].actual.text.s, str);
            assert_int_equal(p->inds[0].actual.pos.line, 4);
            assert_int_equal(p->inds[0].actual.pos.col, 14);
            assert_int_equal(p->inds[0].actual.pos.width, n + 2);
            end_line_free(&e);
        }
    }
    jx_value_reader_destroy(vr);
}

/*
 * Attribute words at the end of an indicator line that ends its item's text at its '\n',
 * copied to end where a page ends, so a read past the '\n' faults: the word 7 to 11 bytes
 * before the end, the '\n' included. A word and its blank need eight bytes with the '\n'
 * (ten for 不适用 and its end), which the fast path loads at once. As written, for 甲 ≥1
 * and then: 得分 7 → the claim 7 at column 9 (甲 1, ≥ 3, 1 4, 得 6, 分 7, 7 9), by the
 * fast path; 权重 1 不适用 → not applicable, fast; 权重 12 and 权重 123 → the weight 12
 * and 123, fast; 得分 and "得分 " → no number, left to the general parser (no plain
 * copy), which reports it.
 */
static void attributes_at_the_text_end(void **state)
{
    (void)state;
    static const struct {
        const char *tail; /* after "甲 ≥1 " */
        bool fast;        /* the fast path takes the line */
        int64_t weight, claim;
        bool na;
    } cases[] = {
        {"得分 7", true, 0, 7, false},     {"权重 1 不适用", true, 1, 0, true}, {"权重 12", true, 12, 0, false},
        {"权重 123", true, 123, 0, false}, {"得分", false, 0, 0, false},       {"得分 ", false, 0, 0, false},
    };
    jx_value_reader *vr = jx_value_reader_create(NULL);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char line[64];
        snprintf(line, sizeof line, "甲 ≥1 %s\n", cases[i].tail);
        end_line e;
        end_line_parse(&e, vr, line, false);
        assert_int_equal(e.p.ninds, 1);
        const jx_indicator *ind = &e.p.inds[0];
        if (!cases[i].fast) {
            assert_null(ind->plain);
            assert_true(e.p.diags.errors > 0);
        } else {
            assert_non_null(ind->plain);
            assert_int_equal(ind->weight.v, cases[i].weight);
            assert_int_equal(ind->claim.v, cases[i].claim);
            assert_int_equal(ind->not_applicable, cases[i].na);
            if (cases[i].claim) {
                assert_int_equal(ind->claim_pos.line, 4);
                assert_int_equal(ind->claim_pos.col, 9);
            }
        }
        end_line_free(&e);
        end_line_parse(&e, vr, line, true); /* valid UTF-8 */
        assert_int_equal(e.p.inds[0].plain != NULL, cases[i].fast);
        end_line_free(&e);
    }
    jx_value_reader_destroy(vr);
}

/* A keyword-like unit followed by what may be the keyword's own value, or 不适用 after a
 * number, is left to the general parser, which reads the keyword as the attribute. */
static void keyword_attributes_left_to_the_parser(void **state)
{
    (void)state;
    static const char *const left[] = {
        "甲 ≥60%权重 30 实际 70%", /* 权重 with its number */
        "甲 ≥60不适用 权重 30",    /* 不适用 is never a unit */
    };
    for (size_t i = 0; i < sizeof left / sizeof left[0]; i++) {
        char a[1024];
        project_with(a, sizeof a, left[i], "");
        parsed pa = parse(a);
        assert_int_equal(pa.p->ninds, 1);
        assert_null(pa.p->inds[0].plain);
        assert_int_equal(pa.p->diags.errors, 0);
        assert_true(pa.p->inds[0].has_weight);
        assert_int_equal(pa.p->inds[0].weight.v, 30);
        assert_int_equal(pa.p->inds[0].target.unit.n, 0);
        assert_int_equal(pa.p->inds[0].not_applicable, i == 1);
        jx_reader_close(pa.rd);
    }
}

/* A history written as none (`/`, `-`) or as 定性 "…", and the ASCII spellings, are left
 * to the general parser, which reads them; what it reads is checked by hand. */
static void history_left_to_the_parser(void **state)
{
    (void)state;
    char a[1024];
    project_with(a, sizeof a, "甲 ≥1 权重 1 上年 / 前年 - 依据 \"无\"", "");
    parsed pa = parse(a);
    assert_int_equal(pa.p->ninds, 1);
    const jx_indicator *ind = &pa.p->inds[0];
    assert_null(ind->plain);
    assert_int_equal(pa.p->diags.errors, 0);
    /* written as none: not present, the mark kept, the position set. Line 4; the name at
     * column 13 (12 blanks), then "甲 ≥1 权重 1 上年 " is 1+1+2+1+2+1+1+1+2+1 = 13
     * characters, so "/" is at 26; "/ 前年 " is 5 more, so "-" is at 31. */
    assert_false(ind->last_year.present);
    assert_string_equal(ind->last_year.text.s, "/");
    assert_int_equal(ind->last_year.pos.line, 4);
    assert_int_equal(ind->last_year.pos.col, 26);
    assert_false(ind->year_before.present);
    assert_string_equal(ind->year_before.text.s, "-");
    assert_int_equal(ind->year_before.pos.col, 31);
    assert_string_equal(ind->basis.s, "无");
    jx_reader_close(pa.rd);

    project_with(a, sizeof a, "甲 定性 \"好\" 权重 1 上年 定性 \"较好\" year_before \"一般\" basis \"经验\"", "");
    pa = parse(a);
    ind = &pa.p->inds[0];
    assert_int_equal(pa.p->diags.errors, 0);
    assert_true(ind->last_year.present && ind->last_year.is_text);
    assert_int_equal(ind->last_year.sign, JX_SIGN_QUAL);
    assert_string_equal(ind->last_year.text.s, "较好");
    assert_true(ind->year_before.present && ind->year_before.is_text);
    assert_string_equal(ind->year_before.text.s, "一般");
    assert_string_equal(ind->basis.s, "经验");
    jx_reader_close(pa.rd);

    project_with(a, sizeof a, "甲 ≥1 权重 1 last_year >=2.5% year_before 3个", "");
    pa = parse(a);
    ind = &pa.p->inds[0];
    assert_int_equal(pa.p->diags.errors, 0);
    assert_int_equal(ind->last_year.sign, JX_SIGN_GE);
    assert_true(ind->last_year.percent);
    assert_int_equal(ind->last_year.num.v, 25);
    assert_int_equal(ind->last_year.num.scale, 1);
    assert_int_equal(ind->year_before.sign, JX_SIGN_EQ); /* no sign: '=' as a target, without a warning */
    assert_true(ind->year_before.implicit);
    assert_string_equal(ind->year_before.unit.s, "个");
    assert_int_equal(pa.p->diags.warnings, 0);
    jx_reader_close(pa.rd);
}

/* An indicator on its group's line, closing the group there, or ending the line in a
 * comment after a space (the fast path) or an ideographic space (the general parser). */
static void indicator_on_group_line_agrees(void **state)
{
    (void)state;
    const char *a = "项目 \"测试\" {\n"
                    "    产出指标 60 {\n"
                    "        质量指标 8 { 服务执行率 ≥82% 权重 8 实际 85.18% 得分 8 }\n"
                    "        经济效益 0 {}\n"
                    "    }\n"
                    "}\n";
    const char *b = "项目 \"测试\" {\n"
                    "    产出指标 60 {\n"
                    "        质量指标 8 { 服务执行率 ≥82% 权重 8 实际 85.18% 得分 8\u3000# 注释\n"
                    "        }\n"
                    "        经济效益 0 {}\n"
                    "    }\n"
                    "}\n";
    const char *c = "项目 \"测试\" {\n"
                    "    产出指标 60 {\n"
                    "        质量指标 8 { 服务执行率 ≥82% 权重 8 实际 85.18% 得分 8 # 注释 }\n"
                    "        }\n"
                    "        经济效益 0 {} # 注释\n"
                    "    }\n"
                    "}\n";
    parsed pa = parse(a), pb = parse(b), pc = parse(c);
    assert_int_equal(pa.p->ninds, 1);
    assert_non_null(pa.p->inds[0].plain);
    assert_null(pb.p->inds[0].plain);
    assert_non_null(pc.p->inds[0].plain);
    same_indicators(pa.p, pb.p, true);
    same_diags(pa.p, pb.p);
    same_indicators(pc.p, pb.p, true);
    same_diags(pc.p, pb.p);
    same_groups(pb.p, pc.p);
    /* the name at column 18: eight blanks, four CJK characters, " 8 { " */
    assert_int_equal(pa.p->inds[0].pos.col, 18);
    jx_reader_close(pa.rd);
    jx_reader_close(pb.rd);
    jx_reader_close(pc.rd);
}

/* Group heads read by the fast path and (after an ideographic space) by the general one. */
static void group_heads_agree(void **state)
{
    (void)state;
    const char *a = "项目 \"测试\" {\n"
                    " 产出指标 60 {\n"
                    " 数量指标 10.5 {\n"
                    "  甲 ≥1 权重 1\n"
                    " }\n"
                    " 时效指标 {\n"
                    " }\n"
                    " }\n"
                    "}\n";
    const char *b = "项目 \"测试\" {\n"
                    "\u3000产出指标 60 {\n"
                    "\u3000数量指标 10.5 {\n"
                    "  甲 ≥1 权重 1\n"
                    " }\n"
                    "\u3000时效指标 {\n"
                    " }\n"
                    " }\n"
                    "}\n";
    parsed pa = parse(a), pb = parse(b);
    assert_int_equal(pa.p->ngroups, 3);
    assert_int_equal(pb.p->ngroups, 3);
    for (size_t i = 0; i < 3; i++) {
        const jx_group *x = &pa.p->groups[i], *y = &pb.p->groups[i];
        same_str(x->name, y->name, "group");
        assert_int_equal(x->level, y->level);
        assert_int_equal(x->parent, y->parent);
        assert_int_equal(x->has_points, y->has_points);
        same_dec(x->points, y->points, "points");
        /* the same columns; the bytes differ by two for each ideographic space so far */
        same_pos(x->pos, y->pos, false, "group");
        same_pos(x->open_pos, y->open_pos, false, "open");
        assert_int_equal(x->pos.off + 2 * (i + 1), y->pos.off);
    }
    assert_int_equal(pa.p->groups[1].points.v, 105);
    assert_int_equal(pa.p->groups[1].points.scale, 1);
    assert_false(pa.p->groups[2].has_points);
    same_indicators(pa.p, pb.p, false);
    same_diags(pa.p, pb.p);
    jx_reader_close(pa.rd);
    jx_reader_close(pb.rd);
}

/*
 * Comments after group heads (read by the fast path, and by the general one after an
 * ideographic space before the head), after '}' and after the project's head, CRLF on
 * some lines: the same groups, indicators and diagnostics as without the comments.
 */
static void comments_after_heads_and_braces_agree(void **state)
{
    (void)state;
    const char *plain = "项目 \"测试\" {\n"
                        " 产出指标 60 {\n"
                        " 数量指标 10.5 {\r\n"
                        "  甲 ≥1 权重 1\n"
                        " }\n"
                        " 时效指标 {\n"
                        "  乙 ≥2 权重 2 }\n"
                        " 效益指标 {\n"
                        "  丙 ≥3 }\r\n"
                        " }\n"
                        "}\n";
    const char *a = "项目 \"测试\" {   # 第 1 行\n"
                    " 产出指标 60 {  # 一级 { \"\n"
                    " 数量指标 10.5 {\t# 二级\r\n"
                    "  甲 ≥1 权重 1   # 第 4 行\n"
                    " }   # 二级完 }\n"
                    " 时效指标 { #\n"
                    "  乙 ≥2 权重 2 } # 同行收尾\n"
                    " 效益指标 { # 项目 \"x\" {\n"
                    "  丙 ≥3 }\t#\r\n"
                    " } # 一级完\n"
                    "} # 项目完\n";
    const char *b = "项目 \"测试\" {   # 第 1 行\n"
                    "\u3000产出指标 60 {  # 一级 { \"\n"
                    "\u3000数量指标 10.5 {\t# 二级\r\n"
                    "  甲 ≥1 权重 1\u3000# 第 4 行\n"
                    " }   # 二级完 }\n"
                    "\u3000时效指标 { #\n"
                    "  乙 ≥2 权重 2 } # 同行收尾\n"
                    "\u3000效益指标 { # 项目 \"x\" {\n"
                    "  丙 ≥3 }\t#\r\n"
                    " } # 一级完\n"
                    "} # 项目完\n";
    parsed p0 = parse(plain), pa = parse(a), pb = parse(b);
    assert_int_equal(pa.p->ngroups, 4);
    assert_int_equal(pa.p->ninds, 3);
    assert_non_null(pa.p->inds[0].plain);
    assert_null(pb.p->inds[0].plain);
    assert_int_equal(pa.p->diags.warnings, 1); /* 丙 without a weight */
    assert_int_equal(pa.p->diags.errors, 0);
    for (size_t i = 0; i < 2; i++) {
        const jx_project *x = i ? pb.p : p0.p;
        same_project(pa.p, x, false);
    }
    jx_reader_close(p0.rd);
    jx_reader_close(pa.rd);
    jx_reader_close(pb.rd);
}

/*
 * Closing braces alone on their lines, or ending an indicator's or a group's line, with
 * spaces, a tab or "\r" before the newline (read by the fast path), and the same with a
 * U+3000 before or after each '}' (read by the general one): the same project, and the
 * same as when the item is framed before it is parsed. The lines are counted by hand:
 * 丙 is on line 13, column 13; 丁 on line 17, column 9. 效益指标 is not closed before
 * 满意度指标, which is then its second group: line 18 closes 满意度指标, 19 效益指标 and
 * 20 the project.
 */
static void closing_braces_agree(void **state)
{
    (void)state;
    const char *a = "项目 \"测试\" {\n"                                /* 1 */
                    "    产出指标 60 {\n"                               /* 2 */
                    "        数量指标 30 {\n"                           /* 3 */
                    "            甲 ≥1个 权重 10 实际 1个 得分 10\n"    /* 4 */
                    "        }\n"                                       /* 5 */
                    "        质量指标 30 { 乙 ≥1个 权重 10 实际 1个 }  \n" /* 6 */
                    "        时效指标 0 {}\t\n"                         /* 7 */
                    "        成本指标 0 {\n"                            /* 8 */
                    "        }\t \r\n"                                  /* 9 */
                    "    }\n"                                           /* 10 */
                    "    效益指标 40 {\n"                               /* 11 */
                    "        社会效益 30 {\n"                           /* 12 */
                    "            丙 ≥1个 权重 30 实际 1个\n"            /* 13 */
                    "\n"                                                /* 14 */
                    "        }\n"                                       /* 15 */
                    "   满意度指标 10 {\n"                              /* 16 */
                    "        丁 ≥90% 权重 10\n"                         /* 17 */
                    "}\n"                                               /* 18 */
                    "}\n"                                               /* 19 */
                    "}\n";                                              /* 20 */
    const char *b = "项目 \"测试\" {\n"
                    "    产出指标 60 {\n"
                    "        数量指标 30 {\n"
                    "            甲 ≥1个 权重 10 实际 1个 得分 10\n"
                    "        \u3000}\n"
                    "        质量指标 30 { 乙 ≥1个 权重 10 实际 1个 }\u3000\n"
                    "        时效指标 0 {}\u3000\n"
                    "        成本指标 0 {\n"
                    "        \u3000}\t \r\n"
                    "    \u3000}\n"
                    "    效益指标 40 {\n"
                    "        社会效益 30 {\n"
                    "            丙 ≥1个 权重 30 实际 1个\n"
                    "\n"
                    "        \u3000}\n"
                    "   满意度指标 10 {\n"
                    "        丁 ≥90% 权重 10\n"
                    "\u3000}\n"
                    "\u3000}\n"
                    "}\n";
    parsed pa = parse(a), pb = parse(b);
    const jx_project *x = pa.p;
    assert_int_equal(x->ngroups, 8);
    assert_int_equal(x->ninds, 4);
    assert_int_equal(x->inds[2].pos.line, 13);
    assert_int_equal(x->inds[2].pos.col, 13);
    assert_int_equal(x->inds[3].pos.line, 17);
    assert_int_equal(x->inds[3].pos.col, 9);
    assert_int_equal(x->close_pos.line, 20);
    assert_int_equal(x->close_pos.col, 1);
    assert_int_equal(x->groups[7].parent, 5); /* 满意度指标 in 效益指标 (groups 0-4 are 产出指标's) */
    same_project(x, pb.p, false);
    /* parsed on the item framed first: the same, offsets too */
    jx_value_reader *vr = jx_value_reader_create(NULL);
    jx_project pc;
    jx_project_init(&pc, NULL);
    size_t end = strlen(a) - 1; /* just past the last '}' */
    jx_item_text item = {"t.jx", a, 0, end, strlen(a), 1, false};
    assert_int_equal(jx_parse_project(&pc, vr, &item), JX_OK);
    same_project(x, &pc, true);
    jx_project_free(&pc);
    jx_value_reader_destroy(vr);
    jx_project *next; /* and nothing after it */
    assert_int_not_equal(jx_reader_next(pa.rd, &next), JX_ROW);
    jx_reader_close(pa.rd);
    jx_reader_close(pb.rd);

    /* the project's own '}' missing: the error stands just after the last '}' read, on
     * line 6 at column 3 (past " }"), whichever path read it */
    const char *c = "项目 \"测试\" {\n 产出指标 60 {\n  数量指标 60 {\n   甲 ≥1 权重 60\n  }\n }\n";
    const char *d = "项目 \"测试\" {\n 产出指标 60 {\n  数量指标 60 {\n   甲 ≥1 权重 60\n\u3000}\n\u3000}\n";
    parsed pc2 = parse(c), pd = parse(d);
    assert_int_equal(pc2.p->diags.errors, 1);
    assert_int_equal(pc2.p->diags.v[0].line, 6);
    assert_int_equal(pc2.p->diags.v[0].column, 3);
    same_groups(pc2.p, pd.p);
    same_diags(pc2.p, pd.p);
    jx_reader_close(pc2.rd);
    jx_reader_close(pd.rd);
}

/* The same project read from text by a reader, and framed first (parse_framed), as
 * *reader and *framed; the two are checked to agree unless stray is true (text after the
 * project, which only the reader reads). */
static void parse_both(const char *text, parsed *reader, jx_project *framed, jx_value_reader *vr, bool stray)
{
    *reader = parse(text);
    parse_framed(framed, vr, text);
    if (!stray)
        same_project(reader->p, framed, false);
}

/*
 * The lines of level-2 groups as their bodies meet them, each next line that is not blank
 * looked at once: indicator lines, a blank line ending in "\r\n" (which no fast path
 * takes), a '}' ending an indicator's line, alone on its line, or either with a comment
 * after it (which the general parser reads), a line that is neither (a string, reported),
 * and the text ending inside a group. Each read as written (by the fast paths where they
 * take it) and with a U+3000 in place of the last space of each indentation (by the
 * general parser): the same project, positions by column, and the same diagnostics.
 * Counted by hand: 乙 is on line 6 and 丙 on line 8, at column 13; the string on line 9
 * is the one error; the project's '}' is on line 15. Cut after line 8, the text leaves
 * 质量指标 unclosed, the one error (its parents are cut by the same end), reported just
 * after the last token: line 8, column 23 (丙 at 13, then " ≥3 权重 10", ten columns).
 */
static void level2_lines_agree(void **state)
{
    (void)state;
    const char *form = "项目 \"测试\" {\n"                    /* 1 */
                       "    产出指标 60 {\n"                   /* 2 */
                       "        数量指标 30 {\n"               /* 3 */
                       "           %s甲 ≥1 权重 10\n"          /* 4 */
                       " \t\r\n"                              /* 5 */
                       "           %s乙 ≥2 权重 10 }\n"        /* 6 */
                       "        质量指标 30 {\n"               /* 7 */
                       "           %s丙 ≥3 权重 10\n"          /* 8 */
                       "           %s\"说明\"\n"               /* 9 */
                       "\n"                                    /* 10 */
                       "       %s} # 注释\n"                   /* 11 */
                       "        时效指标 0 {\n"                /* 12 */
                       "           %s丁 ≥4 权重 0 } # 注释\n"  /* 13 */
                       "   %s}\n"                              /* 14 */
                       "}\n";                                  /* 15 */
    const char *sp = " ", *wide = "\u3000";
    char a[1024], b[1024];
    snprintf(a, sizeof a, form, sp, sp, sp, sp, sp, sp, sp);
    snprintf(b, sizeof b, form, wide, wide, wide, wide, wide, wide, wide);
    parsed pa, pb;
    jx_project fa, fb;
    jx_value_reader *vr = jx_value_reader_create(NULL);
    parse_both(a, &pa, &fa, vr, false);
    parse_both(b, &pb, &fb, vr, false);
    same_project(pa.p, pb.p, false);
    taken_by(pa.p, true, "甲 乙 丙 丁", "");
    const jx_project *x = pa.p;
    assert_int_equal(x->ngroups, 4);
    assert_int_equal(x->ninds, 4);
    assert_int_equal(x->inds[1].pos.line, 6);
    assert_int_equal(x->inds[1].pos.col, 13);
    assert_int_equal(x->inds[2].pos.line, 8);
    assert_int_equal(x->inds[2].pos.col, 13);
    assert_int_equal(x->inds[2].group, 2);
    assert_int_equal(x->inds[3].group, 3);
    assert_int_equal(x->diags.errors, 1);
    assert_int_equal(x->diags.v[0].line, 9);
    assert_int_equal(x->close_pos.line, 15);
    assert_int_equal(x->close_pos.col, 1);
    jx_project_free(&fa);
    jx_project_free(&fb);
    jx_reader_close(pa.rd);
    jx_reader_close(pb.rd);
    /* the text ending after line 8, inside 质量指标 */
    size_t cut = (size_t)(strstr(a, "丙") - a), cutb = (size_t)(strstr(b, "丙") - b);
    cut += strcspn(a + cut, "\n") + 1;
    cutb += strcspn(b + cutb, "\n") + 1;
    a[cut] = '\0';
    b[cutb] = '\0';
    pa = parse(a);
    pb = parse(b);
    same_project(pa.p, pb.p, false);
    assert_int_equal(pa.p->ninds, 3);
    assert_int_equal(pa.p->diags.errors, 1);
    assert_int_equal(pa.p->diags.v[0].line, 8);
    assert_int_equal(pa.p->diags.v[0].column, 23);
    jx_reader_close(pa.rd);
    jx_reader_close(pb.rd);
    jx_value_reader_destroy(vr);
}

/*
 * The project's own '}', alone on its line past spaces and tabs, blank lines before it
 * or not, a comment or more after it (read by the fast path), and the same with a U+3000
 * in the last blank before it (read by the general one): the same project, its '}' at the
 * same column. With the item's end past what follows the '}' (jx_parse_project), what is
 * there is read alike: a comment, or a word reported as too many. By hand: the '}' of
 * closes[1] is on line 6, column 3; of closes[3], line 8, column 2.
 */
static void project_closes_agree(void **state)
{
    (void)state;
    static const struct {
        const char *fast, *general; /* what follows the last group's '}' line */
    } closes[] = {
        {" }\n", "\u3000}\n"},
        {"  }\n", " \u3000}\n"},
        {"\t}\r\n", "\u3000}\r\n"},
        {"\n  \t\n }\n", "\n  \t\n\u3000}\n"},
        {" } # 注释\n", "\u3000} # 注释\n"},
        {" } 多余\n", "\u3000} 多余\n"},
        {" }", "\u3000}"},
    };
    const char *head = "项目 \"测试\" {\n    单位 \"中心\"\n    产出指标 60 {\n        数量指标 60 { 甲 ≥1 权重 60 }\n    }\n";
    jx_value_reader *vr = jx_value_reader_create(NULL);
    for (size_t i = 0; i < sizeof closes / sizeof closes[0]; i++) {
        char a[512], b[512];
        snprintf(a, sizeof a, "%s%s", head, closes[i].fast);
        snprintf(b, sizeof b, "%s%s", head, closes[i].general);
        parsed pa, pb;
        jx_project fa, fb;
        bool stray = strstr(a, "多余") != NULL;
        parse_both(a, &pa, &fa, vr, stray);
        parse_both(b, &pb, &fb, vr, stray);
        same_project(pa.p, pb.p, false);
        same_project(&fa, &fb, false);
        assert_int_equal(fa.diags.errors, 0);
        if (i == 1) {
            assert_int_equal(pa.p->close_pos.line, 6);
            assert_int_equal(pa.p->close_pos.col, 3);
        } else if (i == 3) {
            assert_int_equal(pa.p->close_pos.line, 8);
            assert_int_equal(pa.p->close_pos.col, 2);
        }
        jx_project_free(&fa);
        jx_project_free(&fb);
        /* the item ending past the line (not where the framer ends it) */
        jx_project_init(&fa, NULL);
        jx_project_init(&fb, NULL);
        jx_item_text ia = {"t.jx", a, 0, strlen(a), strlen(a), 1, true};
        jx_item_text ib = {"t.jx", b, 0, strlen(b), strlen(b), 1, true};
        assert_int_equal(jx_parse_project(&fa, vr, &ia), JX_OK);
        assert_int_equal(jx_parse_project(&fb, vr, &ib), JX_OK);
        same_project(&fa, &fb, false);
        if (!stray)
            same_project(pa.p, &fa, false);
        assert_int_equal(fa.diags.errors, stray ? 1 : 0);
        jx_project_free(&fa);
        jx_project_free(&fb);
        jx_reader_close(pa.rd);
        jx_reader_close(pb.rd);
    }
    /* the '}' the text's last byte, where a page ends: nothing past it is read */
    char a[512];
    int n = snprintf(a, sizeof a, "%s\n\n}", head);
    void *map;
    size_t maplen;
    jx_project p;
    parse_framed_n(&p, vr, at_page_end(a, (size_t)n, &map, &maplen), (size_t)n);
    assert_int_equal(p.diags.n, 0);
    assert_int_equal(p.close_pos.line, 8);
    assert_int_equal(p.close_pos.col, 1);
    jx_project_free(&p);
    munmap(map, maplen);
    jx_value_reader_destroy(vr);
}

/*
 * Blank lines (empty, or spaces and tabs) before the '}' of each level, which the fast
 * paths pass over, and the same with a U+3000 before each '}', which leaves it to the
 * general parser: the same project, every '}' at the same column. By hand: the
 * project's '}' is on line 12, column 2.
 */
static void blank_lines_before_braces_agree(void **state)
{
    (void)state;
    const char *form = "项目 \"测试\" {\n"            /* 1 */
                       "    产出指标 60 {\n"           /* 2 */
                       "        数量指标 60 {\n"       /* 3 */
                       "            甲 ≥1 权重 60\n"   /* 4 */
                       "\n"                            /* 5 */
                       "       %s}\n"                  /* 6 */
                       " \t \n"                        /* 7 */
                       "\n"                            /* 8 */
                       "   %s}\n"                      /* 9 */
                       "\t\n"                          /* 10 */
                       "\n"                            /* 11 */
                       "%s}\n";                        /* 12 */
    char a[512], b[512];
    snprintf(a, sizeof a, form, " ", " ", " ");
    snprintf(b, sizeof b, form, "\u3000", "\u3000", "\u3000");
    parsed pa, pb;
    jx_project fa, fb;
    jx_value_reader *vr = jx_value_reader_create(NULL);
    parse_both(a, &pa, &fa, vr, false);
    parse_both(b, &pb, &fb, vr, false);
    same_project(pa.p, pb.p, false);
    assert_int_equal(pa.p->diags.n, 0);
    assert_int_equal(pa.p->ngroups, 2);
    assert_int_equal(pa.p->close_pos.line, 12);
    assert_int_equal(pa.p->close_pos.col, 2);
    jx_project_free(&fa);
    jx_project_free(&fb);
    jx_reader_close(pa.rd);
    jx_reader_close(pb.rd);
    /* a '}' missing: the one on line 6 closes the level-2 group, the last the level-1
     * group, and the project is reported unclosed, by either path */
    snprintf(a, sizeof a, "项目 \"测试\" {\n 产出指标 60 {\n  数量指标 60 {\n   甲 ≥1 权重 60\n\n }\n\n}\n");
    snprintf(b, sizeof b, "项目 \"测试\" {\n 产出指标 60 {\n  数量指标 60 {\n   甲 ≥1 权重 60\n\n\u3000}\n\n}\n");
    parse_both(a, &pa, &fa, vr, false);
    parse_both(b, &pb, &fb, vr, false);
    same_project(pa.p, pb.p, false);
    assert_int_equal(pa.p->diags.errors, 1);
    jx_project_free(&fa);
    jx_project_free(&fb);
    jx_reader_close(pa.rd);
    jx_reader_close(pb.rd);
    jx_value_reader_destroy(vr);
}

/*
 * An item's first word 项目 followed by a blank (read without the lexer) and followed
 * by the name's quote (read by the lexer), past spaces or not: the same word, at the
 * same position, and the same project. Framed first, the item may start with blanks:
 * the word is then at column 3. A word only starting with 项目 is not taken for it.
 */
static void project_words_agree(void **state)
{
    (void)state;
    static const char *const fast[] = {"项目 \"测试\" {", "项目\t\"测试\" {", "项目  \"测试\" {"};
    const char *general = "项目\"测试\" {";
    const char *rest = "\n    单位 \"中心\"\n    产出指标 60 {\n        数量指标 60 { 甲 ≥1 权重 60 }\n    }\n}\n";
    char b[512];
    snprintf(b, sizeof b, "%s%s", general, rest);
    parsed pb = parse(b);
    jx_value_reader *vr = jx_value_reader_create(NULL);
    for (size_t i = 0; i < sizeof fast / sizeof fast[0]; i++) {
        char a[512];
        snprintf(a, sizeof a, "%s%s", fast[i], rest);
        parsed pa = parse(a);
        same_pos(pa.p->pos, pb.p->pos, true, "project");
        same_project(pa.p, pb.p, false);
        jx_reader_close(pa.rd);
        /* after blanks, framed first */
        jx_project fa, fb;
        char c[600], d[600];
        snprintf(c, sizeof c, "  %s", a);
        snprintf(d, sizeof d, " \t%s", b);
        parse_framed(&fa, vr, c);
        parse_framed(&fb, vr, d);
        same_pos(fa.pos, fb.pos, true, "project");
        assert_int_equal(fa.pos.col, 3);
        assert_int_equal(fa.pos.width, 2);
        same_project(&fa, &fb, false);
        jx_project_free(&fa);
        jx_project_free(&fb);
    }
    assert_int_equal(pb.p->pos.line, 1);
    assert_int_equal(pb.p->pos.col, 1);
    assert_int_equal(pb.p->pos.width, 2);
    assert_string_equal(pb.p->name.s, "测试");
    assert_int_equal(pb.p->diags.n, 0);
    jx_reader_close(pb.rd);
    /* 项目 going on with a letter or a digit is another word to the lexer, not 项目: the
     * item is refused, its name not read */
    static const char *const others[] = {"项目甲 \"测试\" {\n}\n", "项目1 \"测试\" {\n}\n"};
    for (size_t i = 0; i < 2; i++) {
        jx_project p;
        parse_framed(&p, vr, others[i]);
        assert_int_equal(p.diags.errors, 1);
        assert_int_equal(p.name.n, 0);
        assert_non_null(strstr(p.diags.v[0].message, "项目"));
        jx_project_free(&p);
    }
    jx_value_reader_destroy(vr);
}

/* Project statements read by the fast path (as written, or with a comment after a blank)
 * and by the general one (with the comment after an ideographic space). */
static void statements_agree(void **state)
{
    (void)state;
    static const char *const stmts[] = {
        "主管部门 \"301-大数据管理\"", "单位 \"中心\"", "年度 2024", "金额单位 万元",
        "资金 年初预算 1 全年预算 2 全年执行 3",
        "资金 一般公共预算资金 全年执行 358.35 年初预算 366 全年预算 358.35",
        "资金 政府性基金 年初预算 20", "资金 其他资金 全年执行 5 全年预算 6", /* amounts not given */
        "资金 年初预计 年初预算 7", "资金 全年预计 全年执行 8 全年预算 9", /* sources spelt as an amount's first eight bytes */
        "年度目标 \"提高利用水平\"", "完成情况 \"\"", "偏离原因 \"无\"", "整改措施 \"加强管理\"",
    };
    /* as written, with a comment after a space (both fast), with it after an ideographic
     * space (general), and the same three with CRLF endings */
    static const char *const tails[] = {"", " # 注释", "\u3000# 注释", "\r", "\t# 注释 {\r", "\u3000# 注释\r"};
    parsed pt[6];
    for (size_t t = 0; t < 6; t++) {
        char a[2048];
        size_t na = 0;
        na += (size_t)snprintf(a + na, sizeof a - na, "项目 \"测试\" {%s\n", tails[t]);
        for (size_t i = 0; i < sizeof stmts / sizeof stmts[0]; i++)
            na += (size_t)snprintf(a + na, sizeof a - na, "    %s%s\n", stmts[i], tails[t]);
        snprintf(a + na, sizeof a - na, "    产出指标 60 {\n        数量指标 60 { 甲 ≥1 权重 60 }\n    }\n}\n");
        pt[t] = parse(a);
    }
    for (size_t t = 1; t < 6; t++) { /* the comments move the bytes: columns only */
        same_statements(pt[0].p, pt[t].p);
        same_indicators(pt[0].p, pt[t].p, false);
        same_diags(pt[0].p, pt[t].p);
    }
    const jx_project *x = pt[0].p;
    assert_true(x->has_year);
    assert_int_equal(x->year, 2024);
    assert_int_equal(x->nfunds, 6);
    assert_string_equal(x->funds[0].source.s, "年度资金总额");
    assert_string_equal(x->funds[1].source.s, "一般公共预算资金");
    assert_int_equal(x->funds[1].spent.v, 35835);
    assert_int_equal(x->funds[1].pos.line, 7);
    assert_int_equal(x->funds[1].pos.col, 5);
    assert_true(x->funds[2].has_initial && !x->funds[2].has_budget && !x->funds[2].has_spent);
    assert_int_equal(x->funds[2].initial.v, 20);
    assert_true(!x->funds[3].has_initial && x->funds[3].has_budget && x->funds[3].has_spent);
    assert_int_equal(x->funds[3].budget.v, 6);
    assert_string_equal(x->funds[4].source.s, "年初预计");
    assert_true(x->funds[4].has_initial && !x->funds[4].has_budget && !x->funds[4].has_spent);
    assert_int_equal(x->funds[4].initial.v, 7);
    assert_string_equal(x->funds[5].source.s, "全年预计");
    assert_true(!x->funds[5].has_initial && x->funds[5].has_budget && x->funds[5].has_spent);
    assert_int_equal(x->funds[5].spent.v, 8);
    assert_int_equal(x->funds[5].budget.v, 9);
    for (size_t t = 0; t < 6; t++)
        jx_reader_close(pt[t].rd);
}

/*
 * 资金 lines whose words look like amounts but are not one followed by a blank (年初预算1
 * is a word of its own to the lexer, a source), or that the general parser reports (an
 * amount without its number, one given twice), read as written (the fast path, where it
 * takes them) and after a U+3000 in place of the indentation's last space (the general
 * parser): the same funds and the same diagnostics, at the same columns.
 */
static void funds_look_alikes_agree(void **state)
{
    (void)state;
    static const char *const funds[] = {
        "资金 年初预算1 全年预算 2", "资金 甲 全年执行\t3 年初预算7 4", "资金 全年预算", "资金 全年预算 1 全年预算 2",
        "资金 全年预计 全年执行 8", "资金 年初预算 1 全年预算", "资金 全年执行",
    };
    for (size_t i = 0; i < sizeof funds / sizeof funds[0]; i++) {
        char a[512], b[512];
        const char *form = "项目 \"测试\" {\n   %s%s\n    产出指标 60 {\n        数量指标 60 { 甲 ≥1 权重 60 }\n    }\n}\n";
        snprintf(a, sizeof a, form, " ", funds[i]);
        snprintf(b, sizeof b, form, "\u3000", funds[i]);
        parsed pa = parse(a), pb = parse(b);
        same_project(pa.p, pb.p, false);
        jx_reader_close(pa.rd);
        jx_reader_close(pb.rd);
    }
}

/* Blank lines the fast paths pass over, and lines holding only a comment, which the
 * general parser passes over, leave the same project. */
static void blank_lines_agree(void **state)
{
    (void)state;
    const char *a = "项目 \"测试\" {\n"
                    "    单位 \"中心\"\n"
                    "\n"
                    "    \n"
                    "    产出指标 60 {\n"
                    "\n"
                    "        数量指标 60 {\n"
                    "\t\n"
                    "            甲 ≥1 权重 30 实际 2\n"
                    "\n"
                    "            乙 ≥2 权重 30\n"
                    "        }\n"
                    "    }\n"
                    "}\n";
    const char *b = "项目 \"测试\" {\n"
                    "    单位 \"中心\"\n"
                    "# 注释\n"
                    "    # 注释\n"
                    "    产出指标 60 {\n"
                    "# 注释\n"
                    "        数量指标 60 {\n"
                    "\t# 注释\n"
                    "            甲 ≥1 权重 30 实际 2\n"
                    "# 注释\n"
                    "            乙 ≥2 权重 30\n"
                    "        }\n"
                    "    }\n"
                    "}\n";
    parsed pa = parse(a), pb = parse(b);
    assert_int_equal(pa.p->ngroups, 2);
    assert_int_equal(pb.p->ngroups, 2);
    for (size_t i = 0; i < 2; i++) {
        same_str(pa.p->groups[i].name, pb.p->groups[i].name, "group");
        same_pos(pa.p->groups[i].pos, pb.p->groups[i].pos, false, "group");
    }
    assert_int_equal(pa.p->groups[1].pos.line, 7);
    assert_int_equal(pa.p->ninds, 2);
    assert_int_equal(pa.p->inds[1].pos.line, 11);
    assert_int_equal(pa.p->inds[1].pos.col, 13);
    assert_non_null(pa.p->inds[1].plain);
    same_indicators(pa.p, pb.p, false);
    same_diags(pa.p, pb.p);
    jx_reader_close(pa.rd);
    jx_reader_close(pb.rd);
}

/* A repeated statement is left to the general parser, which reports it. */
static void repeated_statement_is_reported(void **state)
{
    (void)state;
    parsed pa = parse("项目 \"测试\" {\n    单位 \"甲\"\n    单位 \"乙\"\n}\n");
    assert_int_equal(pa.p->diags.errors, 1);
    assert_string_equal(pa.p->org.s, "甲");
    assert_int_equal(pa.p->diags.v[0].line, 3);
    assert_int_equal(pa.p->diags.v[0].column, 5);
    jx_reader_close(pa.rd);
}

/* A project's head line read by the fast path (as written, or with a comment after a
 * blank) and by the general one (a comment after an ideographic space, or the '{' on
 * the next line): the same name, positions and diagnostics, the '{''s position read from
 * the diagnostic of the '}' left out. The last name ends in a tab and a comma, which a
 * string may hold. */
static void project_heads_agree(void **state)
{
    (void)state;
    static const char *const names[] = {"\"测试\"", "\"嵊州市公共文化项目000001\"", "\"\"", "\"a，b\t,\""};
    static const char *const heads[] = {" {%s\n", " {%s\r\n", "\t{\t# 注释%s\n", " {\u3000# 注释%s\n",
                                        "%s\n{\n"};
    for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
        parsed pt[5], pu[5];
        for (size_t h = 0; h < 5; h++) {
            char a[512], head[128];
            snprintf(head, sizeof head, heads[h], "");
            snprintf(a, sizeof a, "项目 %s%s    单位 \"中心\"\n    产出指标 60 {\n        数量指标 60 { 甲 ≥1 权重 60 }\n    }\n}\n",
                     names[n], head);
            pt[h] = parse(a);
            a[strlen(a) - 2] = '\0'; /* the project's '}' left out: its '{' is named */
            pu[h] = parse(a);
        }
        for (size_t h = 1; h < 5; h++) {
            same_pos(pt[0].p->pos, pt[h].p->pos, true, "project");
            same_str(pt[0].p->name, pt[h].p->name, "name");
            same_diags(pt[0].p, pt[h].p);
            if (h < 4) { /* the '{' on the head line: the lines after it are where they were */
                same_statements(pt[0].p, pt[h].p);
                same_groups(pt[0].p, pt[h].p);
                same_diags(pu[0].p, pu[h].p);
            }
        }
        assert_int_equal(pt[0].p->diags.errors, 0);
        assert_int_equal(pu[0].p->diags.errors, 1);
        for (size_t h = 0; h < 5; h++) {
            jx_reader_close(pt[h].rd);
            jx_reader_close(pu[h].rd);
        }
    }
    /* by hand: 项 目 ␠ " 测 试 " ␠ { — the '{' is the ninth character of line 1, and the
     * name (the string's contents) starts at column 4 for its quote */
    parsed pa = parse("项目 \"测试\" { # 注释\n    单位 \"中心\"\n");
    assert_string_equal(pa.p->name.s, "测试");
    assert_int_equal(pa.p->pos.line, 1);
    assert_int_equal(pa.p->pos.col, 1);
    assert_int_equal(pa.p->diags.errors, 1);
    assert_non_null(strstr(pa.p->diags.v[0].message, "第 1 行第 9 列"));
    assert_string_equal(pa.p->org.s, "中心");
    jx_reader_close(pa.rd);
}

/* A line whose first character is that of a statement keyword but whose word is not
 * the keyword (主管单位 against 主管部门, 单价 against 单位, 年度指标 against 年度 and
 * 年度目标) is left to the general parser: an unknown keyword, or a group. */
static void statement_look_alikes_left(void **state)
{
    (void)state;
    parsed pa = parse("项目 \"测试\" {\n    主管单位 \"某局\"\n    单价 \"x\"\n    年度指标 60 {\n"
                      "        数量指标 60 { 甲 ≥1 权重 60 }\n    }\n}\n");
    /* by hand: two unknown keywords, on lines 2 and 3 at column 5, and nothing set */
    assert_int_equal(pa.p->diags.errors, 2);
    assert_int_equal(pa.p->diags.v[0].line, 2);
    assert_int_equal(pa.p->diags.v[0].column, 5);
    assert_int_equal(pa.p->diags.v[1].line, 3);
    assert_int_equal(pa.p->diags.v[1].column, 5);
    assert_int_equal(pa.p->dept.n, 0);
    assert_int_equal(pa.p->org.n, 0);
    assert_false(pa.p->has_year);
    assert_int_equal(pa.p->goal.n, 0);
    assert_int_equal(pa.p->ngroups, 2);
    assert_string_equal(pa.p->groups[0].name.s, "年度指标");
    jx_reader_close(pa.rd);
}

/*
 * Lines whose first character shares its second byte, which the statement fast path goes
 * by, with a statement keyword's (市 E5 B8 as 主 E4 B8, 捕 E6 8D as 单 E5 8D, 湖 E6 B9 as
 * 年 E5 B9, 残 E6 AE as 完 E5 AE, 恩 E6 81 as 偏 E5 81, 效 E6 95 as 整 E6 95, 重 E9 87 as
 * 金 E9 87, 赵 E8 B5 as 资 E8 B5), or that start like a keyword without being it (单价,
 * 年度目标值): each is a level-1 group's head, then the word followed by each statement's
 * value (a string, a year, a unit, an amount), which no statement takes. Read with
 * spaces before them (the fast paths, which leave these lines) and with a U+3000 in place
 * of the indentation's last space (the general parser): the same project. By hand: two
 * groups, the first named by the word, and four unknown keywords, on lines 5 to 8 at
 * column 5.
 */
static void statement_second_bytes_left(void **state)
{
    (void)state;
    static const char *const words[] = {"市级指标", "捕捞指标", "湖区指标", "残留指标", "恩施指标",
                                        "效益指标", "重点指标", "赵县指标", "单价", "年度目标值"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        char a[1024], b[1024];
        const char *form = "项目 \"测试\" {\n"
                           "   %s%s 60 {\n"
                           "        数量指标 60 { 甲 ≥1 权重 60 }\n"
                           "    }\n"
                           "   %s%s \"某局\"\n"
                           "   %s%s 2024\n"
                           "   %s%s 万元\n"
                           "   %s%s 年初预算 1\n"
                           "}\n";
        snprintf(a, sizeof a, form, " ", words[i], " ", words[i], " ", words[i], " ", words[i], " ", words[i]);
        snprintf(b, sizeof b, form, "\u3000", words[i], "\u3000", words[i], "\u3000", words[i], "\u3000",
                 words[i], "\u3000", words[i]);
        parsed pa = parse(a), pb = parse(b);
        same_project(pa.p, pb.p, false);
        assert_int_equal(pa.p->ngroups, 2);
        assert_string_equal(pa.p->groups[0].name.s, words[i]);
        assert_int_equal(pa.p->diags.errors, 4);
        for (size_t d = 0; d < 4; d++) {
            assert_int_equal(pa.p->diags.v[d].line, 5 + d);
            assert_int_equal(pa.p->diags.v[d].column, 5);
        }
        assert_int_equal(pa.p->dept.n + pa.p->org.n + pa.p->goal.n + pa.p->outcome.n + pa.p->deviation.n +
                             pa.p->remedy.n + pa.p->money_unit.n + pa.p->nfunds,
                         0);
        assert_false(pa.p->has_year);
        jx_reader_close(pa.rd);
        jx_reader_close(pb.rd);
    }
}

/*
 * Lines indented with tabs, with spaces and tabs mixed, or with sixteen blanks and more,
 * and blank lines of such blanks, before statements, group heads, indicators and closing
 * braces: the fast paths find each line's first character where the general parser
 * does. Read as written and with a U+3000 in place of each line's last blank (which
 * leaves every line to the general parser, and is one column as a space or a tab is):
 * the same project. By hand: past the head, three statements, 产出指标 and the blank
 * lines of 3, 17 and 20 blanks, 数量指标 is on line 9 at column 19 (two tabs, sixteen
 * spaces); past a blank line of eighteen tabs, 甲 on line 11 at column 21 (twenty
 * spaces) and 乙 on line 12 at column 6 (space, tab, space, tab, space).
 */
static void indentation_agrees(void **state)
{
    (void)state;
    /* each line: its indentation (its last blank is the one replaced) and the rest */
    static const char *const lines_[][2] = {
        {"\t", "单位 \"中心\""},
        {" \t ", "年度 2024"},
        {"                 ", "资金 年初预算 1"},
        {"\t \t", "产出指标 60 {"},
        {" \t ", ""},
        {"                 ", ""},
        {"                    ", ""},
        {"\t\t                ", "数量指标 60 {"},
        {"\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t", ""},
        {"                    ", "甲 ≥1 权重 30 实际 2"},
        {" \t \t ", "乙 ≥2 权重 30"},
        {"\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t", "}"},
        {"\t ", "}"},
    };
    char a[2048], b[2048];
    size_t na = (size_t)snprintf(a, sizeof a, "项目 \"测试\" {\n");
    size_t nb = (size_t)snprintf(b, sizeof b, "项目 \"测试\" {\n");
    for (size_t i = 0; i < sizeof lines_ / sizeof lines_[0]; i++) {
        const char *ind = lines_[i][0];
        int n = (int)strlen(ind) - 1;
        na += (size_t)snprintf(a + na, sizeof a - na, "%s%s\n", ind, lines_[i][1]);
        nb += (size_t)snprintf(b + nb, sizeof b - nb, "%.*s\u3000%s\n", n, ind, lines_[i][1]);
    }
    snprintf(a + na, sizeof a - na, "}\n");
    snprintf(b + nb, sizeof b - nb, "}\n");
    parsed pa = parse(a), pb = parse(b);
    same_project(pa.p, pb.p, false);
    assert_int_equal(pa.p->diags.n, 0);
    assert_string_equal(pa.p->org.s, "中心");
    assert_int_equal(pa.p->year, 2024);
    assert_int_equal(pa.p->nfunds, 1);
    assert_int_equal(pa.p->ngroups, 2);
    assert_int_equal(pa.p->groups[1].pos.line, 9);
    assert_int_equal(pa.p->groups[1].pos.col, 19);
    assert_int_equal(pa.p->ninds, 2);
    assert_non_null(pa.p->inds[0].plain); /* the fast path read them */
    assert_non_null(pa.p->inds[1].plain);
    assert_int_equal(pa.p->inds[0].pos.line, 11);
    assert_int_equal(pa.p->inds[0].pos.col, 21);
    assert_int_equal(pa.p->inds[1].pos.line, 12);
    assert_int_equal(pa.p->inds[1].pos.col, 6);
    jx_reader_close(pa.rd);
    jx_reader_close(pb.rd);
}

/*
 * Closing braces and blank lines in an item's last fifteen bytes, copied to end where a
 * page ends (at_page_end), so a read of the fast paths past the text faults (the search
 * for a line's first character reads sixteen bytes at a time where sixteen are left).
 * By hand: one indicator, 甲, and the project's '}' on line 9 at column 2.
 */
static void blanks_at_the_text_end(void **state)
{
    (void)state;
    jx_value_reader *vr = jx_value_reader_create(NULL);
    end_line e;
    end_line_parse(&e, vr, "甲 ≥1 权重 60\n \t \n  }\n\t\n }\n }", true);
    assert_int_equal(e.p.ninds, 1);
    assert_non_null(e.p.inds[0].plain);
    assert_int_equal(e.p.diags.n, 0);
    assert_int_equal(e.p.close_pos.line, 9);
    assert_int_equal(e.p.close_pos.col, 2);
    end_line_free(&e);
    jx_value_reader_destroy(vr);
}

/* ------------------------------------------------------------------ framing */

/* Parses the item at the start of text without framing it; returns what it found. */
static jx_item_frame frame_of(const char *text, size_t *errors)
{
    jx_project p;
    jx_project_init(&p, NULL);
    jx_value_reader *vr = jx_value_reader_create(NULL);
    jx_keyword_index ix;
    jx_keyword_index_init(&ix);
    jx_item_text item = {"t.jx", text, 0, strlen(text), strlen(text), 1, false};
    jx_item_frame fr;
    memset(&fr, 0, sizeof fr);
    assert_int_equal(jx_parse_project_framing(&p, vr, &ix, &item, &fr), JX_OK);
    *errors = p.diags.errors;
    jx_value_reader_destroy(vr);
    jx_project_free(&p);
    return fr;
}

/* The end of an item is found where the framer finds it: after the '}' that closes it
 * (not one in a string), or at a line starting with 项目 when a '}' is missing. */
static void framing_finds_the_end(void **state)
{
    (void)state;
    size_t errors;
    const char *two = "项目 \"a\" {\n    单位 \"}\"\n}\n项目 \"b\" {\n}\n";
    jx_item_frame fr = frame_of(two, &errors);
    assert_true(fr.found);
    assert_int_equal(errors, 0);
    assert_int_equal(fr.end, strstr(two, "\n}\n") - two + 2); /* just past the '}' */
    assert_int_equal(fr.end_line, 3);
    assert_int_equal(fr.end_lstart, strstr(two, "\n}\n") - two + 1);

    const char *cut = "项目 \"a\" {\n    产出指标 60 {\n        数量指标 60 { 甲 ≥1 权重 60 }\n"
                      "  项目 \"b\" {\n}\n";
    fr = frame_of(cut, &errors);
    assert_true(fr.found);
    assert_int_equal(errors, 1); /* the '}' missing */
    assert_int_equal(fr.end, strstr(cut, "  项目") - cut); /* at the start of that line */
    assert_int_equal(fr.end_line, 4);
    assert_int_equal(fr.end_lstart, fr.end);

    const char *early = "项目 \"a\" }\n项目 \"b\" {\n}\n"; /* a '}' before any '{' */
    fr = frame_of(early, &errors);
    assert_true(fr.found);
    assert_int_equal(fr.end, strchr(early, '}') - early + 1);
    assert_int_equal(fr.end_line, 1);
}

/* Where the framer might read the item otherwise, or the text runs out, the end is not
 * found: the reader frames the item first. */
static void framing_gives_up(void **state)
{
    (void)state;
    size_t errors;
    /* a '#' the lexer starts a comment at and the framer does not (after a digit, a sign
     * character, ％), or the framer does and the lexer does not (in a word) */
    assert_false(frame_of("项目 \"a\" {\n    年度 2024# }\n}\n", &errors).found);
    assert_false(frame_of("项目 \"a\" {\n 产出指标 60 {\n  数量指标 60 {\n   甲 ≥1 权重 60# \"\n  }\n }\n}\n",
                          &errors).found);
    assert_false(frame_of("项目 \"a\" {\n 产出指标 60 {\n  数量指标 60 {\n   甲 ≥#{\n  }\n }\n}\n", &errors).found);
    assert_false(frame_of("项目 \"a\" {\n 产出指标 60 {\n  数量指标 60 {\n   甲 ≥1％# }\n  }\n }\n}\n",
                          &errors).found);
    assert_false(frame_of("项目 \"a\" {\n    单位#1 \"x\"\n}\n", &errors).found);
    assert_false(frame_of("项目 \"a\" {\n    单位 \"x\"\n", &errors).found);
    assert_false(frame_of("项目 \"a\" { 项目 \"b\" { } }\n", &errors).found);
}

/*
 * A comment the framer reads as one too — at a line start, after a blank (U+3000 too), a
 * brace, a quote, ';' or '%' — does not stop framing: the end is found where the framer
 * finds it, and the project is the one parsed on the framed item.
 */
static void framing_reads_comments(void **state)
{
    (void)state;
    size_t errors;
    const char *one = "项目 \"a\" { # 注释 }\n}\n项目 \"b\" {\n}\n";
    jx_item_frame fr = frame_of(one, &errors);
    assert_true(fr.found);
    assert_int_equal(errors, 0);
    assert_int_equal(fr.end, strstr(one, "\n}\n") - one + 2);
    assert_int_equal(fr.end_line, 2);

    /* the way jixiao import writes a project, and comments elsewhere */
    const char *text =
        "项目 \"2024年保障经费\" {   # 第 11 行\n"
        "    主管部门 \"101 市文化广电旅游局\"\n"
        "    年度 2024   # 第 2 行\n"
        "    金额单位 元 # 第 3 行\n"
        "    资金 年度资金总额 年初预算 2495000.00   # 第 11 行\n"
        "    资金 一般公共预算 年初预算 2495000.00   # 第 11 行：{\n"
        "    年度目标 \"保障\"   # }\n"
        "\n"
        "    产出指标 {   # 一级\n"
        "        数量指标 {\n"
        "            运维报表次数 ≥4份 权重 5   # 第 11 行\n"
        "            走访故障率 ≤0.9% 权重 5   # 第 12 行：指标值原文 ≤0.9(%)\n"
        "            维修完成及时性 定性 \"及时处理\" 权重 5   # 第 17 行\n"
        "            \"预算执行率\" ≥87% 权重 5   # 第 21 行\n"
        "        }  # }}}\n"
        "# 注释 {\n"
        "        质量指标 {\"x\"# 注释 {\n"
        "            甲 ≥1 权重 1;# 注释 {\n"
        "            乙 >=2%# 注释 {\n"
        "            丙 ≥3 权重 3\u3000# 注释 {\n"
        "        }\n"
        "    }\n"
        "} # 完\n";
    fr = frame_of(text, &errors);
    assert_true(fr.found);
    assert_int_equal(fr.end, strrchr(text, '}') - text + 1);
    parsed pa = parse(text);
    jx_value_reader *vr = jx_value_reader_create(NULL);
    jx_project pb;
    parse_framed(&pb, vr, text);
    assert_int_equal(pa.p->ninds, 7);
    assert_non_null(pa.p->inds[0].plain);
    same_project(pa.p, &pb, true);
    jx_project_free(&pb);
    jx_value_reader_destroy(vr);
    jx_reader_close(pa.rd);
}

/*
 * Names the fast path leaves to the general parser, which reads the same whether the text
 * is known to be valid UTF-8 or not: a character of two or four bytes, or of three whose
 * lead is not one of LC_CJK (E0 E2 E3 ED EE EF), at the start, inside or at the end of a
 * name, at each place about sixteen bytes; units of characters outside U+4E00..U+9FFF; a
 * name that ends the line.
 */
static void names_left_to_the_parser(void **state)
{
    (void)state;
    static const char *const left[] = {
        "café ≥1 权重 1",                       /* é: C3 A9 */
        "éa ≥1 权重 1",
        "名称😀 ≥1 权重 1",                     /* F0 9F 98 80 */
        "😀名称 ≥1 权重 1",
        "一二三四五😀 ≥1 权重 1",               /* the lead on byte 16 */
        "一二三四五a😀 ≥1 权重 1",              /* on byte 17 */
        "一二三四é五 ≥1 权重 1",                /* on byte 13, its second byte 14 */
        "一二三四五é ≥1 权重 1",                /* on 16, 17 */
        "一二三四五六七八九十é ≥1 权重 1",      /* on 31, 32 */
        "一二三四五六七八九十a😀 ≥1 权重 1",    /* on 32 */
        "甲→乙 ≥1 权重 1",                      /* E2 */
        "甲あ乙 ≥1 权重 1",                     /* E3 */
        "甲한 ≥1 权重 1",                       /* ED */
        "甲\xee\x80\x80 ≥1 权重 1",             /* EE: U+E000 */
        "甲Ａ ≥1 权重 1",                       /* EF: a full-width letter */
        "甲\xe0\xa4\x85 ≥1 权重 1",             /* E0: U+0905 */
        "甲,乙 ≥1 权重 1",                      /* ASCII bytes no name holds */
        "甲\"乙 ≥1 权重 1",
        "甲{乙 ≥1 权重 1",
        "甲@乙 ≥1 权重 1", /* next to the letters, digits and marks: @ [ ` ' < ^ ~ */
        "甲[乙 ≥1 权重 1",
        "甲`乙 ≥1 权重 1",
        "甲'乙 ≥1 权重 1",
        "一二三四五a@ ≥1 权重 1", /* on byte 16 */
        "一二三四五<乙 ≥1 权重 1",  /* on byte 15 */
        "甲^乙 ≥1 权重 1",
        "甲~乙 ≥1 权重 1",
        "甲=1 权重 1",
        "韩文 ≥1가 权重 1",                      /* a unit the value reader does not take: EA */
        "易经 ≥1䷿ 权重 1",                     /* E4 B7 BF: U+4DFF, before U+4E00 */
        "符号 ≥1个→ 权重 1",                     /* E2 */
        "一二三四五六七八九十甲乙丙丁",          /* the line ends right after the name */
        "一二三四五",
        "a",
    };
    jx_value_reader *vr = jx_value_reader_create(NULL);
    for (size_t i = 0; i < sizeof left / sizeof left[0]; i++) {
        for (int crlf = 0; crlf < 2; crlf++) {
            char a[1024];
            project_with(a, sizeof a, left[i], crlf ? "\r" : "");
            parsed pa = parse(a);
            if (pa.p->ninds > 0)
                taken_by(pa.p, false, left[i], "");
            jx_project pc;
            parse_framed(&pc, vr, a);
            if (pc.ninds > 0)
                taken_by(&pc, false, left[i], "");
            same_indicators(pa.p, &pc, true);
            same_diags(pa.p, &pc);
            jx_project_free(&pc);
            jx_reader_close(pa.rd);
        }
    }
    jx_value_reader_destroy(vr);
}

/*
 * Text not valid UTF-8 (jx_item_text.utf8 false): a lead of LC_CJK without its two
 * continuation bytes in a name or a unit, which the fast path checks and leaves, with
 * the byte after it a continuation byte, an ASCII one or the line's '\n'. Each line is
 * copied to end where a page ends at its '\n' (at_page_end), the item's last byte: the
 * check reads nothing past the '\n'. What is read is the general parser's; the names
 * are those it reads.
 */
static void bad_text_left_to_the_parser(void **state)
{
    (void)state;
    static const struct {
        const char *line; /* with its '\n' */
        const char *name; /* the first indicator's name as read */
    } bad[] = {
        {"甲\xe4\n", NULL},                         /* the lead before the '\n' */
        {"甲\xe4\xb8\n", NULL},                     /* one continuation byte, then the '\n' */
        {"甲\xe4" "a ≥1 权重 1\n", NULL},               /* an ASCII byte after the lead */
        {"甲\xe4\xb8" "a ≥1 权重 1\n", NULL},
        {"甲 ≥1个\xe4\n", "甲"},                     /* in a unit */
        {"甲 ≥1个\xe4\xb8\n", "甲"},
        {"甲 ≥1个\xe4" "a 权重 1\n", "甲"},
    };
    jx_value_reader *vr = jx_value_reader_create(NULL);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        end_line e;
        end_line_parse(&e, vr, bad[i].line, false);
        if (e.p.ninds > 0) {
            assert_null(e.p.inds[0].plain); /* the general parser read it */
            if (bad[i].name)
                assert_string_equal(e.p.inds[0].name.s, bad[i].name);
        }
        assert_true(e.p.diags.errors > 0);
        end_line_free(&e);
    }
    jx_value_reader_destroy(vr);
}

/*
 * Lines that end their item's text with no '\n' after them, copied to end where a page
 * ends (at_page_end), so a read past the text faults: an indicator (its number, and a
 * string, last), a level-2 group's head and a project statement. The fast paths scan a
 * line up to just past the item's last '\n' (parser.lines_end) without looking for the
 * line's own; a line after that '\n' is not below it, its '\n' is looked for and not
 * found, and the general parser reads it: the indicator with no plain copy, and the
 * braces left open reported.
 */
static void last_lines_without_newline_left(void **state)
{
    (void)state;
    static const struct {
        const char *text; /* the item's text, its last line without '\n' */
        size_t inds;      /* the indicators read */
        size_t groups;    /* the groups read */
    } cases[] = {
        {"项目 \"测试\" {\n产出指标 60 {\n数量指标 60 {\n甲 ≥1 权重 12", 1, 2},
        {"项目 \"测试\" {\n产出指标 60 {\n数量指标 60 {\n甲 ≥1 权重 1 偏差 \"延期\"", 1, 2},
        {"项目 \"测试\" {\n产出指标 60 {\n数量指标 60 {\n甲 ≥1 权重 1\n乙 ≥2 权重 3", 2, 2},
        {"项目 \"测试\" {\n产出指标 60 {\n数量指标 60 {", 0, 2},
        {"项目 \"测试\" {\n单位 \"甲\"", 0, 0},
    };
    jx_value_reader *vr = jx_value_reader_create(NULL);
    for (int utf8 = 0; utf8 < 2; utf8++) {
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            void *map;
            size_t maplen, n = strlen(cases[i].text);
            const char *at = at_page_end(cases[i].text, n, &map, &maplen);
            jx_project p;
            if (utf8)
                parse_framed_n(&p, vr, at, n);
            else
                parse_framed_n_unchecked(&p, vr, at, n);
            assert_int_equal(p.ninds, cases[i].inds);
            assert_int_equal(p.ngroups, cases[i].groups);
            if (p.ninds > 0)
                assert_null(p.inds[p.ninds - 1].plain); /* the general parser read the last */
            if (p.ninds > 1)
                assert_non_null(p.inds[0].plain); /* a line before it, the fast path */
            assert_true(p.diags.errors > 0);      /* a '}' missing */
            jx_project_free(&p);
            munmap(map, maplen);
        }
    }
    jx_value_reader_destroy(vr);
}

/*
 * An item longer than JX_LIMIT_LINE (16 MiB), whose indicator line is longer than that
 * (spaces before its 权重): the fast paths scan a line without looking for its '\n' only
 * in an item that short, where no line can be too long; here the line's '\n' is looked
 * for, the line found too long and left to the general parser, which reports it (and
 * reads the indicator, with no plain copy). The indicator before it is the fast path's.
 */
static void long_lines_left_to_the_parser(void **state)
{
    (void)state;
    static const char head[] = "项目 \"测试\" {\n产出指标 60 {\n数量指标 60 {\n乙 ≥2 权重 3\n甲 ≥1",
                      tail[] = " 权重 1\n}\n}\n}\n";
    size_t blanks = JX_LIMIT_LINE, n = sizeof head - 1 + blanks + sizeof tail - 1;
    char *text = malloc(n);
    assert_non_null(text);
    memcpy(text, head, sizeof head - 1);
    memset(text + sizeof head - 1, ' ', blanks);
    memcpy(text + sizeof head - 1 + blanks, tail, sizeof tail - 1);
    jx_value_reader *vr = jx_value_reader_create(NULL);
    jx_project p;
    parse_framed_n(&p, vr, text, n);
    assert_int_equal(p.ninds, 2);
    assert_non_null(p.inds[0].plain);
    assert_null(p.inds[1].plain);
    assert_int_equal(p.diags.errors, 1);
    assert_non_null(strstr(p.diags.v[0].message, "这一行过长"));
    jx_project_free(&p);
    jx_value_reader_destroy(vr);
    free(text);
}

/*
 * The vague-actual warning, put together piece by piece (as both paths put it), against
 * its wording worked by hand: 指标“NAME”的实际完成值“TEXT”带有计算符号，按 N[%] UNIT计分,
 * N the number without trailing zeros (≥5.50个 is 5.5, ≥0.10 is 0.1), a space after it
 * (and after its '%'), then the unit if any. Each line by the fast path, then by the
 * general parser (a comment after an ideographic space); the fourth, its 偏差 holding a
 * ',', has no plain copy, so its texts are measured up to their NUL.
 */
static void vague_actual_messages(void **state)
{
    (void)state;
    static const struct {
        const char *line;
        const char *message;
    } cases[] = {
        {"甲 ≥1 权重 1 实际 ≥5.50个", "指标“甲”的实际完成值“≥5.50个”带有计算符号，按 5.5 个计分"},
        {"乙 ≥80% 权重 1 实际 ≥90%", "指标“乙”的实际完成值“≥90%”带有计算符号，按 90% 计分"},
        {"丙 =3 权重 1 实际 ＝3", "指标“丙”的实际完成值“＝3”带有计算符号，按 3 计分"},
        {"丁 ≥1个 权重 1 实际 ≥2个/月 偏差 \"慢,迟\"", "指标“丁”的实际完成值“≥2个/月”带有计算符号，按 2 个/月计分"},
        {"戊二 ≥1 权重 1 实际 ≤0.10小时", "指标“戊二”的实际完成值“≤0.10小时”带有计算符号，按 0.1 小时计分"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (int general = 0; general < 2; general++) {
            char a[1024];
            project_with(a, sizeof a, cases[i].line, general ? "\u3000# 注释" : "");
            parsed pa = parse(a);
            assert_int_equal(pa.p->ninds, 1);
            assert_int_equal(pa.p->inds[0].plain == NULL, general || i == 3);
            assert_int_equal(pa.p->diags.n, 1);
            assert_string_equal(pa.p->diags.v[0].code, "vague-actual");
            assert_string_equal(pa.p->diags.v[0].message, cases[i].message);
            jx_reader_close(pa.rd);
        }
    }
}

/* The fast paths set every member of a group, a funds row and an indicator where they
 * add one, none zeroed first: a project's arrays are kept from the reader's last project,
 * so a member left unset would show the last one's. The first project below is scored
 * (group scores, methods and formula numbers set) and has what the second lacks (上年,
 * 依据, 评定, 不适用, a 全年执行, points); the second, read into the same arrays, must be
 * what it is when read alone, with its groups' scores 0 and its indicators unscored. */
static void reused_slots_set_anew(void **state)
{
    (void)state;
    static const char first[] =
        "项目 \"甲\" {\n"
        "    资金 一般公共预算资金 年初预算 10 全年预算 10 全年执行 9\n"
        "    产出指标 60 {\n"
        "        数量指标 60 {\n"
        "            子一 ≥5个 权重 30 实际 6个 得分 30 上年 4个 依据 \"往年\"\n"
        "            子二 定性 \"好\" 权重 30 实际 \"好\" 评定 达成 得分 30\n"
        "            子三 ≥1个 权重 0 不适用\n"
        "        }\n"
        "    }\n"
        "}\n";
    static const char second[] =
        "项目 \"乙\" {\n"
        "    资金 年初预算 5\n"
        "    产出指标 {\n"
        "        数量指标 {\n"
        "            丑一 3个 权重 20\n"
        "            丑二 ≥2 实际 1\n"
        "            丑三 ≤7小时 权重 10 实际 5小时\n"
        "        }\n"
        "    }\n"
        "}\n";
    /* the second alone, on the lines it has after the first (10) */
    char both[sizeof first + sizeof second], alone_text[10 + sizeof second];
    snprintf(both, sizeof both, "%s%s", first, second);
    snprintf(alone_text, sizeof alone_text, "\n\n\n\n\n\n\n\n\n\n%s", second);
    jx_policy *pol;
    assert_int_equal(jx_policy_open(&pol, "default", NULL), JX_OK);
    jx_reader *rd;
    jx_project *p;
    assert_int_equal(jx_reader_open_memory(&rd, "t.jx", both, strlen(both), NULL), JX_OK);
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_int_equal(p->ninds, 3);
    assert_int_equal(p->inds[0].plain != NULL, true); /* read by the fast path */
    assert_int_equal(jx_score(p, pol), JX_OK);
    assert_true(p->groups[0].score > 0 && p->groups[1].score > 0 && p->inds[0].method != JX_METHOD_NONE);
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    parsed alone = parse(alone_text);
    same_project(p, alone.p, false);
    for (size_t i = 0; i < p->ngroups; i++)
        assert_int_equal(p->groups[i].score, 0);
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        assert_non_null(ind->plain); /* read by the fast path */
        assert_int_equal(ind->method, JX_METHOD_NONE);
        assert_int_equal(ind->fargs.tk, 0);
        assert_int_equal(ind->fargs.ak, 0);
        assert_string_equal(ind->formula, "");
        assert_false(ind->actual_from_csv);
    }
    jx_reader_close(alone.rd);
    jx_reader_close(rd);
    jx_policy_close(pol);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(indicator_lines_agree),
        cmocka_unit_test(indicator_lines_agree_with_crlf),
        cmocka_unit_test(comments_left_to_the_parser),
        cmocka_unit_test(lines_at_the_text_end),
        cmocka_unit_test(strings_at_the_text_end),
        cmocka_unit_test(attributes_at_the_text_end),
        cmocka_unit_test(keyword_attributes_left_to_the_parser),
        cmocka_unit_test(history_left_to_the_parser),
        cmocka_unit_test(indicator_on_group_line_agrees),
        cmocka_unit_test(group_heads_agree),
        cmocka_unit_test(comments_after_heads_and_braces_agree),
        cmocka_unit_test(closing_braces_agree),
        cmocka_unit_test(level2_lines_agree),
        cmocka_unit_test(project_closes_agree),
        cmocka_unit_test(blank_lines_before_braces_agree),
        cmocka_unit_test(project_words_agree),
        cmocka_unit_test(statements_agree),
        cmocka_unit_test(funds_look_alikes_agree),
        cmocka_unit_test(blank_lines_agree),
        cmocka_unit_test(repeated_statement_is_reported),
        cmocka_unit_test(project_heads_agree),
        cmocka_unit_test(statement_look_alikes_left),
        cmocka_unit_test(statement_second_bytes_left),
        cmocka_unit_test(indentation_agrees),
        cmocka_unit_test(blanks_at_the_text_end),
        cmocka_unit_test(framing_finds_the_end),
        cmocka_unit_test(framing_gives_up),
        cmocka_unit_test(framing_reads_comments),
        cmocka_unit_test(names_left_to_the_parser),
        cmocka_unit_test(bad_text_left_to_the_parser),
        cmocka_unit_test(last_lines_without_newline_left),
        cmocka_unit_test(long_lines_left_to_the_parser),
        cmocka_unit_test(vague_actual_messages),
        cmocka_unit_test(reused_slots_set_anew),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
