/* SPDX-License-Identifier: MIT */
/* import_emit.c — writing a table model project as a DSL 项目 block.
 *
 * One block per project, built in a buffer and handed to the write function whole:
 *
 *     项目 "名称" {   # 第 3 行
 *         主管部门 "…"  单位 "…"  年度 2024  金额单位 万元
 *         资金 一般公共预算资金 年初预算 366 全年预算 358.35 全年执行 358.35   # 第 5 行
 *         年度目标 "…"
 *
 *         产出指标 60 {   # 第 9 行
 *             数量指标 50 {
 *                 接入系统数量 ≥60个 权重 30 实际 45个 偏差 "…" 得分 22.5   # 第 12 行
 *             }
 *         }
 *         总分 92.5 结论 优
 *     }
 *
 * Groups come in the order they first appear in the table, 一级 then its 二级. Each
 * indicator line ends with its source row, followed by the cells as written whenever
 * the line writes them differently, and by the row's note. What the rule language
 * cannot hold (a 资金 row without any amount, a weight that is not a number)
 * stays in a comment and is warned about on the model.
 */
#include "import_emit.h"

#include "alloc.h"
#include "dec.h"
#include "lexer.h"
#include "value.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/** A growable piece of text. */
typedef struct em_text {
    char *s;    /* the bytes, NUL-terminated once anything was put */
    size_t len; /* bytes used */
    size_t cap; /* bytes allocated */
} em_text;

struct jx_imp_emitter {
    const jx_allocator *alloc; /* the emitter, its buffers, the value reader */
    jx_write_fn fn;            /* where the text goes */
    void *ud;                  /* passed to fn */
    jx_value_reader *vr;       /* reads targets, actuals and numbers */
    jx_arena arena;            /* scratch of one project, reset for the next */
    em_text out;               /* the block being built */
    em_text cm;                /* the comment of the line being built */
    int oom;                   /* memory ran out */
    int unweighted;            /* a target table: a project without any weight is not warned about */
};

/** One 一级 or 二级 group of the project being written. */
typedef struct em_group {
    const char *name;    /* as written, or JX_IMP_UNGROUPED */
    size_t parent;       /* level 2: its 一级 group */
    const char *points;  /* declared points as written, "" when none */
    uint32_t points_row; /* row of the points, 0 when none */
    size_t first;        /* its first indicator (index), SIZE_MAX when none */
    size_t last;         /* its last indicator, to chain the next one */
} em_group;

/** What the indicator lines of one project add up to. */
typedef struct em_counts {
    size_t no_weight;       /* indicators without a 权重 cell */
    uint32_t no_weight_row; /* the first of them */
    size_t no_group;        /* indicators without a 一级 or 二级 cell */
    uint32_t no_group_row;  /* the first of them */
} em_counts;

/* ------------------------------------------------------------------- text */

/** Appends s[0..n) to t. */
static void em_text_put(jx_imp_emitter *em, em_text *t, const char *s, size_t n)
{
    if (em->oom)
        return;
    if (jx_grow(em->alloc, (void **)&t->s, &t->cap, t->len + n + 1, 1) != 0) {
        em->oom = 1;
        return;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

/** Appends the NUL-terminated s to the block. */
static void em_puts(jx_imp_emitter *em, const char *s)
{
    em_text_put(em, &em->out, s, strlen(s));
}

/** vprintf into the arena; NULL (and oom set) when memory ran out. */
static char *em_vfmt(jx_imp_emitter *em, const char *fmt, va_list ap)
{
    char *s = jx_arena_vprintf(&em->arena, fmt, ap);
    if (!s)
        em->oom = 1;
    return s;
}

/** printf into the block. */
static void __attribute__((format(printf, 2, 3))) em_printf(jx_imp_emitter *em, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = em_vfmt(em, fmt, ap);
    va_end(ap);
    if (s)
        em_puts(em, s);
}

/** printf into the arena; "" (and oom set) when memory ran out. */
static const char *__attribute__((format(printf, 2, 3))) em_fmt(jx_imp_emitter *em, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = em_vfmt(em, fmt, ap);
    va_end(ap);
    return s ? s : "";
}

/** True for a byte the rule language cannot hold inside a string or comment line. */
static bool em_control(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7F;
}

/**
 * Appends s to t with line breaks and control characters written as spaces: a comment
 * ends at the line's end.
 */
static void em_text_clean(jx_imp_emitter *em, em_text *t, const char *s)
{
    const char *run = s;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c != '\0' && !em_control(c))
            continue;
        em_text_put(em, t, run, (size_t)(p - run));
        if (c == '\0')
            return;
        em_text_put(em, t, " ", 1);
        run = p + 1;
    }
}

/**
 * Appends s to the block as a quoted string, escaped as every string of rule text the
 * library writes (jx_text_dsl_escaper, text.h: a line break of a cell is kept as \n);
 * a control character the rule language cannot hold becomes a space.
 */
static void em_string(jx_imp_emitter *em, const char *s)
{
    em_puts(em, "\"");
    const char *run = s;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        bool esc = c != '\0' && jx_text_dsl_plain(p, 1) == 0; /* '"', '\\', a line break */
        if (c != '\0' && !esc && !em_control(c))
            continue;
        em_text_put(em, &em->out, run, (size_t)(p - run));
        if (c == '\0')
            break;
        if (esc) {
            char e[JX_TEXT_ESCAPE_MAX];
            size_t used;
            em_text_put(em, &em->out, e, jx_text_dsl_escape(p, 1, e, &used));
        } else {
            em_text_put(em, &em->out, " ", 1);
        }
        run = p + 1;
    }
    em_puts(em, "\"");
}

/** Appends s to the block as a NAME: bare when the lexer reads it as one word, else quoted. */
static void em_name(jx_imp_emitter *em, const char *s)
{
    if (jx_lex_bare_name(s, strlen(s)))
        em_puts(em, s);
    else
        em_string(em, s);
}

/** Adds one part to the comment of the line being built; parts are joined by "；". */
static void __attribute__((format(printf, 2, 3))) em_cm(jx_imp_emitter *em, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = em_vfmt(em, fmt, ap);
    va_end(ap);
    if (!s)
        return;
    if (em->cm.len > 0)
        em_text_put(em, &em->cm, "；", strlen("；"));
    em_text_clean(em, &em->cm, s);
}

/** Writes "    # " label and text (cleaned) as a line of its own: what is kept in a comment. */
static void em_comment_line(jx_imp_emitter *em, const char *label, const char *text)
{
    em_puts(em, "    # ");
    em_puts(em, label);
    em_text_clean(em, &em->out, text);
    em_puts(em, "\n");
}

/** Ends a line: "   # 第 N 行", then "：" and the comment parts when there are any. */
static void em_end_line(jx_imp_emitter *em, uint32_t row)
{
    if (row > 0)
        em_printf(em, "   # 第 %u 行", (unsigned)row);
    if (em->cm.len > 0) {
        em_puts(em, row > 0 ? "：" : "   # ");
        em_text_put(em, &em->out, em->cm.s, em->cm.len);
    }
    em_puts(em, "\n");
    em->cm.len = 0;
}

/* ---------------------------------------------------------------- numbers */

/** Reading plain numbers: what a cell may carry besides the digits. */
enum {
    EM_NUM_AMOUNT = 1u << 0, /* an amount, read by jx_value_read_plain_number ("78,000.00", "７８") */
    EM_NUM_POINTS = 1u << 1  /* a trailing "分" ("10分": weights, scores, points) */
};

/** Reads text[0..n) with the value reader into *v; memory running out also sets oom. */
static jx_value_status em_read_value(jx_imp_emitter *em, const char *text, size_t n, jx_value *v)
{
    memset(v, 0, sizeof *v);
    const char *detail = NULL;
    jx_value_status st = jx_value_read(em->vr, &em->arena, text, n, v, &detail);
    if (st == JX_VALUE_NOMEM)
        em->oom = 1;
    return st;
}

/**
 * Reads a plain number from cell: "30", "30.00", "-2.5"; with EM_NUM_POINTS also "10分"
 * and whatever the value reader reads as a bare number (full-width digits); with
 * EM_NUM_AMOUNT what jx_value_read_plain_number reads ("78,000.00", "７８，０００"),
 * written with its digits as they stand, the grouping commas dropped ("78000.00").
 * Sets *text to the number as it is to be written — the cell itself when it is already
 * plain ASCII. 1 when read, 0 when the cell is not a number; then *why, when not NULL,
 * is what is wrong with it, to follow the cell quoted ("不是数字", or a comma that
 * groups no thousands).
 */
static int em_number(jx_imp_emitter *em, const char *cell, unsigned flags, const char **text, const char **why)
{
    size_t n = strlen(cell);
    jx_dec d;
    *text = cell;
    if (why)
        *why = "不是数字";
    if (n > 0 && jx_dec_parse(cell, n, &d) == JX_DEC_OK)
        return 1;
    if (n == 0)
        return 0;
    if (flags & EM_NUM_AMOUNT) {
        const char *detail;
        if (jx_value_read_plain_number(cell, n, &d, &detail) != JX_VALUE_OK) {
            if (why)
                *why = detail;
            return 0;
        }
        char buf[JX_DEC_BUFSZ];
        jx_num_put(d.v, d.scale, false, buf);
        *text = em_fmt(em, "%s", buf);
        return 1;
    }
    char *c = jx_arena_strndup(&em->arena, cell, n);
    if (!c) {
        em->oom = 1;
        return 0;
    }
    size_t k = n;
    if ((flags & EM_NUM_POINTS) && k >= strlen("分") && memcmp(c + k - strlen("分"), "分", strlen("分")) == 0)
        k -= strlen("分");
    while (k > 0 && c[k - 1] == ' ')
        k--;
    c[k] = '\0';
    if (k > 0 && jx_dec_parse(c, k, &d) == JX_DEC_OK) {
        *text = c;
        return 1;
    }
    jx_value v;
    if (em_read_value(em, c, k, &v) != JX_VALUE_OK || v.sign != JX_SIGN_NONE || v.percent)
        return 0;
    if (v.unit.n > 0 && !((flags & EM_NUM_POINTS) && strcmp(v.unit.s, "分") == 0))
        return 0;
    char buf[JX_DEC_BUFSZ];
    *text = em_fmt(em, "%s", jx_dec_format(v.num, buf, sizeof buf));
    return 1;
}

/**
 * Writes prefix and the points cell (a 权重, 得分 or group's 分值) as a number, with
 * "LABEL原文 cell" in the line's comment when the number is spelled differently. When
 * the cell is no number writes only that comment and returns false.
 */
static bool em_points(jx_imp_emitter *em, const char *prefix, const char *cell, const char *label)
{
    const char *w;
    if (!em_number(em, cell, EM_NUM_POINTS, &w, NULL)) {
        em_cm(em, "%s原文 %s", label, cell);
        return false;
    }
    em_puts(em, prefix);
    em_puts(em, w);
    if (w != cell)
        em_cm(em, "%s原文 %s", label, cell);
    return true;
}

/* ----------------------------------------------------------------- values */

/** The canonical spelling of a value read as a number: sign, number, %, unit ("≥1900核"). */
static const char *em_value_text(jx_imp_emitter *em, const jx_value *v)
{
    char num[JX_DEC_BUFSZ];
    jx_dec_format(v->num, num, sizeof num);
    return em_fmt(em, "%s%s%s%s", jx_sign_text(v->sign), num, v->percent ? "%" : "", v->unit.s ? v->unit.s : "");
}

/**
 * True when text, written as a target or actual, reads back as v: its tokens are a
 * sign, numbers, '%' and words without '#' (so the parser takes the whole of it as the
 * value), and the value reader gets the same sign, number, percent and unit. A word
 * spelt like a keyword is taken when the parser reads it as a word of the value
 * (jx_keyword_in_value: "≥85分", "≥3项目"): what follows a value on an indicator line
 * (" 权重 ", " 实际 ", " 偏差 ", " 得分 " or the line's end) never gives it a value of
 * its own, so the rest of text decides.
 */
static bool em_value_writable(jx_imp_emitter *em, const char *text, const jx_value *v)
{
    size_t n = strlen(text), off = 0, len;
    bool begun = false; /* a token other than the sign was met */
    while (off < n) {
        jx_token_kind k = jx_lex(text + off, n - off, &len);
        switch (k) {
        case JX_TK_SIGN:
            if (off > 0)
                return false;
            break;
        case JX_TK_NUMBER:
        case JX_TK_PERCENT:
            break;
        case JX_TK_WORD: {
            if (memchr(text + off, '#', len))
                return false;
            jx_keyword kw = jx_keyword_lookup(text + off, len);
            if (jx_keyword_ends_value(kw) && !(begun && jx_keyword_in_value(kw, text + off + len, n - off - len, NULL)))
                return false;
            break;
        }
        default:
            return false;
        }
        begun = begun || k != JX_TK_SIGN;
        off += len;
    }
    jx_value back;
    if (em_read_value(em, text, n, &back) != JX_VALUE_OK)
        return false;
    const char *u1 = back.unit.s ? back.unit.s : "", *u2 = v->unit.s ? v->unit.s : "";
    return back.sign == v->sign && back.percent == v->percent && jx_dec_cmp(back.num, v->num) == 0 &&
           strcmp(u1, u2) == 0;
}

/**
 * Writes prefix and v, read from the cell orig, in its canonical spelling, with
 * "LABEL原文 orig" in the line's comment when orig is spelled differently. false, writing
 * nothing, when that spelling would not read back as v.
 */
static bool em_value_number(jx_imp_emitter *em, const char *prefix, const jx_value *v, const char *orig,
                            const char *label)
{
    const char *w = em_value_text(em, v);
    if (!em_value_writable(em, w, v))
        return false;
    em_puts(em, prefix);
    em_puts(em, w);
    if (strcmp(w, orig) != 0)
        em_cm(em, "%s原文 %s", label, orig);
    return true;
}

/**
 * Writes the target of ind (named name): a number in its canonical spelling, or
 * 定性 "text". Returns true when the target is written as a text (定性).
 */
static bool em_target(jx_imp_emitter *em, jx_imp *im, const jx_imp_indicator *ind, const char *name)
{
    const char *sign = ind->sign, *unit = ind->unit;
    /* a unit column saying "定性指标" marks a qualitative indicator, as a sign column would */
    bool unit_qual = strcmp(unit, "定性") == 0 || strcmp(unit, "定性指标") == 0;
    if (strcmp(sign, "定性指标") == 0 || (unit_qual && (!*sign || strcmp(sign, "定性") == 0)))
        sign = "定性";
    if (unit_qual && strcmp(sign, "定性") == 0)
        unit = "";
    bool qual_sign = strcmp(sign, "定性") == 0;
    /* the cells as written, joined; a unit the value already ends with ("95%" | "%") once */
    size_t tn = strlen(ind->target), un = strlen(unit);
    bool repeated = un > 0 && tn >= un && strcmp(ind->target + tn - un, unit) == 0;
    /* a sign the value cell already begins with is written once (as the value reader reads it) */
    size_t lead = 0;
    bool own_sign = tn > 0 && jx_lex(ind->target, tn, &lead) == JX_TK_SIGN;
    const char *orig = em_fmt(em, "%s%s%s", qual_sign || own_sign ? "" : sign, ind->target, repeated ? "" : unit);
    jx_value v;
    memset(&v, 0, sizeof v);
    const char *text = NULL, *detail = NULL;
    jx_value_kind k = jx_value_classify_cells(em->vr, &em->arena, sign, ind->target, unit, &v, &text, &detail);
    switch (k) {
    case JX_VALUE_KIND_NUMBER:
        if (em_value_number(em, "", &v, orig, "指标值"))
            return false;
        em_puts(em, "定性 ");
        em_string(em, orig);
        jx_imp_warn(im, ind->row, "unreadable-value", "指标“%s”的指标值“%s”无法写成规则语言的数值，按定性文字导入",
                    name, orig);
        return true;
    case JX_VALUE_KIND_TEXT:
        em_puts(em, "定性 ");
        em_string(em, text ? text : orig);
        if (text && strcmp(text, orig) != 0)
            em_cm(em, "指标值原文 %s", orig);
        return true;
    case JX_VALUE_KIND_EMPTY:
        em_puts(em, "定性 \"\"");
        if (*orig)
            em_cm(em, "指标值原文 %s", orig);
        jx_imp_warn(im, ind->row, "empty-value", "指标“%s”没有指标值，写作 定性 \"\"", name);
        return true;
    case JX_VALUE_KIND_UNREADABLE:
        em_puts(em, "定性 ");
        em_string(em, text ? text : orig);
        jx_imp_warn(im, ind->row, "unreadable-value", "指标“%s”的指标值无法读作数值：%s；按定性文字导入", name,
                    detail ? detail : orig);
        return true;
    default:
        em->oom = 1;
        return true;
    }
}

/** Writes " 实际 …" for ind: as its target reads (text for a 定性 target), keeping the sign as written. */
static void em_actual(jx_imp_emitter *em, jx_imp *im, const jx_imp_indicator *ind, const char *name, bool qual)
{
    const char *a = ind->actual;
    if (!*a)
        return;
    if (qual) {
        em_puts(em, " 实际 ");
        em_string(em, a);
        return;
    }
    jx_value v;
    memset(&v, 0, sizeof v);
    const char *detail = NULL;
    jx_value_kind k = jx_value_classify(em->vr, &em->arena, a, strlen(a), &v, &detail);
    switch (k) {
    case JX_VALUE_KIND_NUMBER:
        if (em_value_number(em, " 实际 ", &v, a, "实际"))
            return;
        em_puts(em, " 实际 ");
        em_string(em, a);
        jx_imp_warn(im, ind->row, "unreadable-value", "指标“%s”的实际完成值“%s”无法写成规则语言的数值，按文字导入",
                    name, a);
        return;
    case JX_VALUE_KIND_TEXT:
        em_puts(em, " 实际 ");
        em_string(em, a);
        return;
    case JX_VALUE_KIND_EMPTY:
        em_cm(em, "实际原文 %s", a);
        jx_imp_warn(im, ind->row, "empty-value", "指标“%s”的实际完成值“%s”没有数值，未导入（保留在注释中）", name, a);
        return;
    case JX_VALUE_KIND_UNREADABLE:
        em_puts(em, " 实际 ");
        em_string(em, a);
        jx_imp_warn(im, ind->row, "unreadable-value", "指标“%s”的实际完成值无法读作数值：%s；按文字导入", name,
                    detail ? detail : a);
        return;
    default:
        em->oom = 1;
        return;
    }
}

/**
 * Writes " LABEL value" for a history cell of ind (上年, 前年): a number in its canonical
 * spelling, a text as "…", a cell of dashes or slashes as `/` (`-` when it is one), as
 * the parser reads them (jx_indicator.last_year). Of a 定性 indicator (qual) every year
 * but none is a text, as its target is: "100" stays "100". A cell the value reader cannot
 * read, or a number whose spelling would not read back, stays in the line's comment,
 * warned about (history-unreadable).
 */
static void em_history(jx_imp_emitter *em, jx_imp *im, const jx_imp_indicator *ind, const char *name,
                       const char *label, const char *cell, bool qual)
{
    if (!*cell)
        return;
    jx_value v;
    memset(&v, 0, sizeof v);
    const char *detail = NULL;
    const char *prefix = em_fmt(em, " %s ", label);
    jx_value_kind k = jx_value_classify(em->vr, &em->arena, cell, strlen(cell), &v, &detail);
    if (qual && (k == JX_VALUE_KIND_NUMBER || k == JX_VALUE_KIND_UNREADABLE))
        k = JX_VALUE_KIND_TEXT;
    switch (k) {
    case JX_VALUE_KIND_NUMBER:
        if (em_value_number(em, prefix, &v, cell, label))
            return;
        detail = "无法写成规则语言的数值";
        break;
    case JX_VALUE_KIND_TEXT:
        em_puts(em, prefix);
        em_string(em, cell);
        return;
    case JX_VALUE_KIND_EMPTY:
        em_puts(em, prefix);
        em_puts(em, strcmp(cell, "-") == 0 ? "-" : "/");
        if (strcmp(cell, "-") != 0 && strcmp(cell, "/") != 0)
            em_cm(em, "%s原文 %s", label, cell);
        return;
    case JX_VALUE_KIND_UNREADABLE:
        break;
    default:
        em->oom = 1;
        return;
    }
    em_cm(em, "%s %s", label, cell);
    jx_imp_warn(im, ind->row, "history-unreadable", "指标“%s”的%s指标值“%s”%s%s，未导入（保留在注释中）", name, label,
                cell, detail && *detail ? "：" : "", detail ? detail : "");
}

/* ------------------------------------------------------------- indicators */

/** The 评定 a cell reads as (达成 部分达成 未达成), or NULL. */
static const char *em_judge(const char *s)
{
    static const char *const judges[] = {"达成", "部分达成", "未达成"};
    for (size_t i = 0; i < sizeof judges / sizeof judges[0]; i++)
        if (strcmp(s, judges[i]) == 0)
            return judges[i];
    return NULL;
}

/** What a 不适用 cell says: 1 yes (是, 不适用, √), 0 no (否 or nothing), -1 neither. */
static int em_yes(const char *s)
{
    static const char *const yes[] = {"是", "不适用", "√"};
    if (!*s || strcmp(s, "否") == 0)
        return 0;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (strcmp(s, yes[i]) == 0)
            return 1;
    return -1;
}

/** Writes one indicator line (inside its 二级 group). */
static void em_indicator(jx_imp_emitter *em, jx_imp *im, const jx_imp_indicator *ind, em_counts *cnt)
{
    const char *name = ind->name;
    if (!*name) {
        name = em_fmt(em, "未命名指标（第 %u 行）", (unsigned)ind->row);
        jx_imp_warn(im, ind->row, "missing-name", "指标没有三级指标名称，写作“%s”", name);
    }
    em->cm.len = 0;
    em_puts(em, "            ");
    em_name(em, name);
    em_puts(em, " ");
    bool qual = em_target(em, im, ind, name);

    if (*ind->weight) {
        if (!em_points(em, " 权重 ", ind->weight, "权重"))
            jx_imp_error(im, ind->row, "weight-not-number", "指标“%s”的权重“%s”不是数字；该指标导入时不带权重", name,
                         ind->weight);
    } else if (cnt->no_weight++ == 0) {
        cnt->no_weight_row = ind->row;
    }

    em_actual(em, im, ind, name, qual);

    if (*ind->reason) {
        em_puts(em, " 偏差 ");
        em_string(em, ind->reason);
    }

    if (*ind->judge) {
        const char *j = em_judge(ind->judge);
        if (j) {
            em_puts(em, " 评定 ");
            em_puts(em, j);
        } else {
            em_cm(em, "评定原文 %s", ind->judge);
            jx_imp_warn(im, ind->row, "field-unreadable", "指标“%s”的评定“%s”不是达成、部分达成、未达成之一，未导入（保留在注释中）",
                        name, ind->judge);
        }
    }

    if (*ind->score && !em_points(em, " 得分 ", ind->score, "得分"))
        jx_imp_warn(im, ind->row, "score-not-number", "指标“%s”的得分“%s”不是数字，未导入（保留在注释中）", name,
                    ind->score);
    int na = em_yes(ind->not_applicable);
    if (na > 0) {
        em_puts(em, " 不适用");
    } else if (na < 0) {
        em_cm(em, "不适用原文 %s", ind->not_applicable);
        jx_imp_warn(im, ind->row, "field-unreadable", "指标“%s”的不适用“%s”不是“是”或“否”，未导入（保留在注释中）", name,
                    ind->not_applicable);
    }
    em_history(em, im, ind, name, "上年", ind->last_year, qual);
    em_history(em, im, ind, name, "前年", ind->year_before, qual);
    if (*ind->basis) {
        em_puts(em, " 依据 ");
        em_string(em, ind->basis);
    }
    if (*ind->note)
        em_cm(em, "%s", ind->note);
    em_end_line(em, ind->row);
}

/* ----------------------------------------------------------------- groups */

/** Adds a group called name under parent at g[*n] and returns its index. */
static size_t em_group_add(em_group *g, size_t *n, size_t parent, const char *name)
{
    em_group *e = &g[*n];
    memset(e, 0, sizeof *e);
    e->name = name;
    e->parent = parent;
    e->points = "";
    e->first = e->last = SIZE_MAX;
    return (*n)++;
}

/** The index of the 一级 group called name in g[0..*n), added when new. */
static size_t em_group1(em_group *g, size_t *n, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(g[i].name, name) == 0)
            return i;
    return em_group_add(g, n, 0, name);
}

/** The index of the 二级 group called name under parent in g[0..*n), added when new. */
static size_t em_group2(em_group *g, size_t *n, size_t parent, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (g[i].parent == parent && strcmp(g[i].name, name) == 0)
            return i;
    return em_group_add(g, n, parent, name);
}

/** Records declared points on group g; a second, different value is warned about. */
static void em_points_set(jx_imp *im, em_group *g, const jx_imp_points *pt)
{
    if (g->points_row == 0) {
        g->points = pt->points;
        g->points_row = pt->row;
    } else if (strcmp(g->points, pt->points) != 0) {
        jx_imp_warn(im, pt->row, "points-conflict", "“%s”的分值“%s”与第 %u 行的“%s”不同，按第 %u 行导入", g->name,
                    pt->points, (unsigned)g->points_row, g->points, (unsigned)g->points_row);
    }
}

/** Writes a group's head: "名称 分值 {" and its row; indent is its leading blanks. */
static void em_group_head(jx_imp_emitter *em, jx_imp *im, const em_group *g, const char *indent)
{
    em->cm.len = 0;
    em_puts(em, indent);
    em_name(em, g->name);
    if (*g->points && !em_points(em, " ", g->points, "分值"))
        jx_imp_warn(im, g->points_row, "points-not-number", "“%s”的分值“%s”不是数字，未导入（保留在注释中）", g->name,
                    g->points);
    em_puts(em, " {");
    em_end_line(em, g->points_row);
}

/** Sorts the indicators and points of p into groups and writes them. */
static void em_groups(jx_imp_emitter *em, jx_imp *im, const jx_imp_project *p, em_counts *cnt)
{
    size_t cap = p->ninds + p->npoints + 1;
    em_group *g1 = jx_arena_alloc(&em->arena, cap * sizeof *g1);
    em_group *g2 = jx_arena_alloc(&em->arena, cap * sizeof *g2);
    size_t *next = jx_arena_alloc(&em->arena, (p->ninds + 1) * sizeof *next);
    if (!g1 || !g2 || !next) {
        em->oom = 1;
        return;
    }
    size_t n1 = 0, n2 = 0, pi = 0, ii = 0;
    /* points and indicators in row order, so groups come in the order the table shows them */
    while (pi < p->npoints || ii < p->ninds) {
        if (pi < p->npoints && (ii >= p->ninds || p->points[pi].row <= p->inds[ii].row)) {
            const jx_imp_points *pt = &p->points[pi++];
            if (!*pt->level1) {
                jx_imp_warn(im, pt->row, "points-unplaced", "分值“%s”没有所属的一级指标，未导入", pt->points);
                continue;
            }
            size_t a = em_group1(g1, &n1, pt->level1);
            if (!*pt->level2)
                em_points_set(im, &g1[a], pt);
            else
                em_points_set(im, &g2[em_group2(g2, &n2, a, pt->level2)], pt);
            continue;
        }
        const jx_imp_indicator *ind = &p->inds[ii];
        if (!*ind->level1 || !*ind->level2) {
            if (cnt->no_group++ == 0)
                cnt->no_group_row = ind->row;
        }
        size_t a = em_group1(g1, &n1, *ind->level1 ? ind->level1 : JX_IMP_UNGROUPED);
        size_t b = em_group2(g2, &n2, a, *ind->level2 ? ind->level2 : JX_IMP_UNGROUPED);
        next[ii] = SIZE_MAX;
        if (g2[b].first == SIZE_MAX)
            g2[b].first = ii;
        else
            next[g2[b].last] = ii;
        g2[b].last = ii;
        ii++;
    }
    for (size_t a = 0; a < n1; a++) {
        em_group_head(em, im, &g1[a], "    ");
        for (size_t b = 0; b < n2; b++) {
            if (g2[b].parent != a)
                continue;
            em_group_head(em, im, &g2[b], "        ");
            for (size_t i = g2[b].first; i != SIZE_MAX; i = next[i])
                em_indicator(em, im, &p->inds[i], cnt);
            em_puts(em, "        }\n");
        }
        em_puts(em, "    }\n");
    }
}

/**
 * Hands the block built to the write function: JX_ERR_NOMEM when memory ran out building
 * it, JX_ERR_IO when not all of it was written.
 */
static jx_result em_flush(jx_imp_emitter *em)
{
    if (em->oom)
        return JX_ERR_NOMEM;
    if (em->fn(em->ud, em->out.s, em->out.len) != em->out.len)
        return JX_ERR_IO;
    return JX_OK;
}

/* ---------------------------------------------------------------- project */

/**
 * Writes one 资金 row with the amounts it gives (a target table's: 年初预算 alone; an
 * empty cell is an amount not given, jx_funds), or keeps it in a comment when it gives
 * none or an amount is not a number.
 */
static void em_funds(jx_imp_emitter *em, jx_imp *im, const jx_imp_funds *f)
{
    static const char *const kw[3] = {"年初预算", "全年预算", "全年执行"};
    const char *cell[3] = {f->initial, f->budget, f->spent};
    const char *w[3] = {NULL, NULL, NULL};
    const char *source = *f->source ? f->source : "年度资金总额";
    int have = 0, given = 0;
    const char *bad = NULL, *bad_why = NULL, *why;
    for (int i = 0; i < 3; i++) {
        if (!*cell[i])
            continue;
        given++;
        if (em_number(em, cell[i], EM_NUM_AMOUNT, &w[i], &why)) {
            have++;
        } else if (!bad) {
            bad = cell[i];
            bad_why = why;
        }
    }
    em->cm.len = 0;
    if (given > 0 && have == given) {
        em_puts(em, "    资金");
        if (*f->source) {
            em_puts(em, " ");
            em_name(em, f->source);
        }
        for (int i = 0; i < 3; i++)
            if (w[i])
                em_printf(em, " %s %s", kw[i], w[i]);
        em_end_line(em, f->row);
        return;
    }
    /* the row as written, in a comment */
    em_puts(em, "    # 资金 ");
    em_text_clean(em, &em->out, source);
    for (int i = 0; i < 3; i++) {
        if (*cell[i]) {
            em_printf(em, " %s ", kw[i]);
            em_text_clean(em, &em->out, cell[i]);
        }
    }
    if (given == 0)
        em_cm(em, "没有金额");
    else
        jx_imp_warn(im, f->row, "funds-not-number", "资金“%s”的金额“%s”%s；该资金行只写作注释", source, bad, bad_why);
    em_printf(em, "（第 %u 行%s%s）\n", (unsigned)f->row, em->cm.len ? "：" : "", em->cm.len ? em->cm.s : "");
    em->cm.len = 0;
}

/** s without one pair of surrounding brackets, ASCII or full-width ("（万元）" → "万元"), in the arena. */
static const char *em_unbracket(jx_imp_emitter *em, const char *s)
{
    static const char *const pairs[][2] = {{"(", ")"}, {"（", "）"}};
    size_t n = strlen(s);
    for (size_t i = 0; i < 2; i++) {
        size_t a = strlen(pairs[i][0]), b = strlen(pairs[i][1]);
        if (n >= a + b && memcmp(s, pairs[i][0], a) == 0 && memcmp(s + n - b, pairs[i][1], b) == 0)
            return em_fmt(em, "%.*s", (int)(n - a - b), s + a);
    }
    return s;
}

/** Writes 年度: a four-digit year from 1000 (what the parser reads), also when written "2024年"
 * or "（2024年度）"; anything else ("0202", "20202") stays in a comment, warned about. */
static void em_year(jx_imp_emitter *em, jx_imp *im, const jx_imp_project *p)
{
    const char *y = p->field[JX_IMP_YEAR];
    if (!*y)
        return;
    const char *s = em_unbracket(em, y);
    size_t n = strlen(s);
    if (n >= strlen("年度") && strcmp(s + n - strlen("年度"), "年度") == 0)
        n -= strlen("年度");
    else if (n >= strlen("年") && strcmp(s + n - strlen("年"), "年") == 0)
        n -= strlen("年");
    bool ok = n == 4 && s[0] != '0';
    for (size_t i = 0; ok && i < 4; i++)
        ok = s[i] >= '0' && s[i] <= '9';
    if (ok) {
        em_printf(em, "    年度 %.4s\n", s);
        return;
    }
    em_comment_line(em, "年度 ", y);
    jx_imp_warn(im, p->field_row[JX_IMP_YEAR], "field-unreadable", "年度“%s”不是 1000 到 9999 之间的四位数年份，未导入（保留在注释中）", y);
}

/** The grade 优 良 中 差 a claimed 自评结论 reads as ("优秀" → "优"), or NULL. */
static const char *em_grade(const char *s)
{
    static const char *const grades[][2] = {
        {"优", "优"}, {"良", "良"}, {"中", "中"}, {"差", "差"},
        {"优秀", "优"}, {"良好", "良"}, {"中等", "中"}, {"较差", "差"},
    };
    for (size_t i = 0; i < sizeof grades / sizeof grades[0]; i++)
        if (strcmp(s, grades[i][0]) == 0)
            return grades[i][1];
    return NULL;
}

/** Writes the field keyword kw with its text v as a string on a line of its own; nothing when v is "". */
static void em_string_field(jx_imp_emitter *em, const char *kw, const char *v)
{
    if (!*v)
        return;
    em_printf(em, "    %s ", kw);
    em_string(em, v);
    em_puts(em, "\n");
}

/** Writes the project's fields (主管部门 … 整改措施), in the order of jx_imp_field. */
static void em_fields(jx_imp_emitter *em, jx_imp *im, const jx_imp_project *p)
{
    static const struct {
        jx_imp_field f;
        const char *kw;
    } strings[] = {{JX_IMP_DEPT, "主管部门"}, {JX_IMP_ORG, "单位"}};
    static const struct {
        jx_imp_field f;
        const char *kw;
    } texts[] = {{JX_IMP_GOAL, "年度目标"}, {JX_IMP_OUTCOME, "完成情况"}, {JX_IMP_DEVIATION, "偏离原因"},
                 {JX_IMP_REMEDY, "整改措施"}};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        em_string_field(em, strings[i].kw, p->field[strings[i].f]);
    em_year(em, im, p);
    const char *mu = em_unbracket(em, p->field[JX_IMP_MONEY_UNIT]);
    if (*mu) {
        em_puts(em, "    金额单位 ");
        em_name(em, mu);
        em_puts(em, "\n");
    }
    for (size_t i = 0; i < p->nfunds; i++)
        em_funds(em, im, &p->funds[i]);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        em_string_field(em, texts[i].kw, p->field[texts[i].f]);
}

/** Writes the claimed 总分 and 结论, or keeps them in comments when they do not read. */
static void em_claims(jx_imp_emitter *em, jx_imp *im, const jx_imp_project *p)
{
    const char *t = p->field[JX_IMP_CLAIMED_TOTAL], *g = p->field[JX_IMP_CLAIMED_GRADE];
    const char *tw = NULL, *gw = NULL;
    if (*t && !em_number(em, t, EM_NUM_POINTS, &tw, NULL)) {
        tw = NULL;
        em_comment_line(em, "总分 ", t);
        jx_imp_warn(im, p->field_row[JX_IMP_CLAIMED_TOTAL], "field-unreadable", "总分“%s”不是数字，未导入（保留在注释中）",
                    t);
    }
    if (*g && !(gw = em_grade(g))) {
        em_comment_line(em, "结论 ", g);
        jx_imp_warn(im, p->field_row[JX_IMP_CLAIMED_GRADE], "field-unreadable",
                    "自评结论“%s”不是优、良、中、差之一，未导入（保留在注释中）", g);
    }
    if (!tw && !gw)
        return;
    em_puts(em, "    ");
    if (tw)
        em_printf(em, "总分 %s", tw);
    if (gw)
        em_printf(em, "%s结论 %s", tw ? " " : "", gw);
    em->cm.len = 0;
    if (tw && tw != t)
        em_cm(em, "总分原文 %s", t);
    if (gw && strcmp(gw, g) != 0)
        em_cm(em, "结论原文 %s", g);
    em_end_line(em, 0);
}

jx_result jx_imp_emit(jx_imp_emitter *em, jx_imp *im, const jx_imp_project *p, const char *const *notes,
                      size_t nnotes)
{
    jx_arena_reset(&em->arena);
    em->out.len = 0;
    em->cm.len = 0;
    const char *name = p->field[JX_IMP_NAME];
    if (!*name) {
        name = JX_IMP_UNNAMED;
        jx_imp_warn(im, p->row, "missing-name", "项目没有项目名称，写作“%s”", name);
    }
    em_puts(em, "项目 ");
    em_string(em, name);
    em_puts(em, " {");
    em_end_line(em, p->row);
    for (size_t i = 0; i < nnotes; i++)
        em_comment_line(em, "", notes[i]);
    size_t head = em->out.len;
    em_fields(em, im, p);
    em_counts cnt;
    memset(&cnt, 0, sizeof cnt);
    if (p->ninds > 0 || p->npoints > 0) {
        if (em->out.len > head)
            em_puts(em, "\n"); /* a blank line between the fields and the groups */
        em_groups(em, im, p, &cnt);
    }
    em_claims(em, im, p);
    em_puts(em, "}\n\n");

    if (p->ninds == 0)
        jx_imp_warn(im, p->row, "no-indicators", "项目“%s”没有导入任何指标", name);
    if (cnt.no_weight > 0 && !(em->unweighted && cnt.no_weight == p->ninds))
        jx_imp_warn(im, cnt.no_weight_row, "missing-weight",
                    "项目“%s”有 %zu 条指标没有权重，计分时按权重 0 计；可用 --weights equal 按一级指标分值平均分配", name,
                    cnt.no_weight);
    if (cnt.no_group > 0)
        jx_imp_warn(im, cnt.no_group_row, "missing-group", "项目“%s”有 %zu 条指标没有一级指标或二级指标，归入“%s”",
                    name, cnt.no_group, JX_IMP_UNGROUPED);
    return em_flush(em);
}

jx_result jx_imp_emit_source(jx_imp_emitter *em, const char *file, const char *format, const char *encoding)
{
    jx_arena_reset(&em->arena);
    em->out.len = 0;
    em_puts(em, "# 由“");
    em_text_clean(em, &em->out, file);
    em_printf(em, "”导入（表格格式 %s，编码 %s）\n\n", format, encoding);
    return em_flush(em);
}

void jx_imp_emitter_unweighted(jx_imp_emitter *em)
{
    em->unweighted = 1;
}

jx_imp_emitter *jx_imp_emitter_create(const jx_allocator *alloc, jx_write_fn fn, void *ud)
{
    alloc = jx_alloc_or_default(alloc);
    jx_imp_emitter *em = jx_calloc(alloc, sizeof *em);
    if (!em)
        return NULL;
    em->alloc = alloc;
    em->fn = fn;
    em->ud = ud;
    jx_arena_init(&em->arena, alloc);
    em->vr = jx_value_reader_create(alloc);
    if (!em->vr) {
        jx_imp_emitter_destroy(em);
        return NULL;
    }
    return em;
}

void jx_imp_emitter_destroy(jx_imp_emitter *em)
{
    if (!em)
        return;
    jx_value_reader_destroy(em->vr);
    jx_arena_free(&em->arena);
    jx_free(em->alloc, em->out.s, em->out.cap);
    jx_free(em->alloc, em->cm.s, em->cm.cap);
    jx_free(em->alloc, em, sizeof *em);
}
