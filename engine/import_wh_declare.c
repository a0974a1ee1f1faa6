/* SPDX-License-Identifier: MIT */
/* import_wh_declare.c — the wh-declare tables: 部门项目申报表 and 整体支出绩效目标申报表.
 *
 * A budget document (a text dump of a PDF, cells separated by tabs) carries one
 * 申报表 per project and one table for the whole department:
 *
 *   ## 大数据中心部门项目申报表(含绩效目标)          title
 *   单位: 万元                                      the money unit
 *   项目名称 | 网上群众工作部服务中心 | | 项目编码 |     key/value rows; a key's value is the
 *   项目主管部门 | 大数据中心 | | 项目执行单位 | 网群科   next non-empty cell
 *   项目总预算 | 360 | | 项目当年预算 | 360
 *   项目资金来源 … 项目支出明细测算 … 项目采购 …      sections of rows that are not targets
 *   项目绩效总目标 / 长期绩效目标 1 | … / 年度绩效目标 1 | …
 *   长期绩效目标表                                  the long-term table:
 *   目标名称 | 一级指标 | 事级指标 | 三级指标 | 指标值 | 指标值确定依据
 *   年度绩效目标表                                  the year's table:
 *   目标名称 | 一级指标 | 事级指标 | 三级指标 | 指标值 | | | 指标值确定依据
 *    | | | | 前年 | 上年 | 预计当年实现 |
 *   年度绩效目标 | 产出指标 | 时效指标 | 群众投诉的转办时限 | ≤24 小时 | ≤24 小时 | ≤24 小时 | 经验标准
 *
 * The indicators come from the year's table, 预计当年实现 (预期当年实现值) being the
 * target, and 前年, 上年 and 指标值确定依据 its history (written as 前年, 上年, 依据); the long-term table's rows
 * are the same indicators' long-term targets and are reported as skipped — unless the
 * project has no year's table, when they are imported instead. A long-term indicator
 * the year's table does not have is warned about.
 *
 * The PDF leaves the rows in poor shape: the merged 目标名称 / 一级 columns are often
 * dropped, so a row has one or two cells fewer than its header and sits further left;
 * a page break cuts a row in two (the second half, after a blank line, holds the rest of
 * the name, of a category word or of a cell: "疫情、防汛24小时值" / "班"); a sign is
 * split from its number (`≥ | 90%`); LaTeX is left in values (`$\geq 1900$ 核`, copied
 * as written). Each row is read at the offset from its header's columns that gives a
 * sensible row (a name that is not a value or a category word, categories where the
 * categories are, a target), and a row no offset makes sense of right after a page
 * break is joined to the row before it.
 */
#include "import.h"

#include "import_cells.h"

#include <stdio.h>
#include <string.h>

#define WH_MAX_CELLS 32
#define WH_MAX_LONG 256  /* long-term indicators remembered per project for the check */
#define WH_TITLE_MAX 120 /* bytes of a title's key; longer lines are prose */

/** Where the reader is in the document. */
typedef enum wh_where {
    WH_OUTSIDE = 0, /* prose, other tables, titles not yet followed by a table */
    WH_HEAD,        /* the key/value rows and sections of a project */
    WH_TABLE        /* the rows of a long-term or year's target table, after its header */
} wh_where;

/** What rows without a key of their own belong to in a project's head. */
typedef enum wh_part {
    WH_PART_NONE = 0, /* nothing: such a row is not understood */
    WH_PART_TEXT,     /* a text field that is not kept: its continuation lines */
    WH_PART_GOAL,     /* 年度绩效目标: its continuation lines */
    WH_PART_SOURCES,  /* 项目资金来源 */
    WH_PART_SPEND,    /* 项目支出明细测算 */
    WH_PART_PURCHASE, /* 项目采购 */
    WH_PART_GOALS,    /* 项目绩效总目标 */
    WH_PART_PROJECTS, /* 项目支出情况 of the 整体 table */
    WH_PART_FUNDS     /* 部门总体资金情况 of the 整体 table */
} wh_part;

/** Columns of a target table, from its header rows; -1 for a column it lacks. */
typedef struct wh_cols {
    int goal;          /* 目标名称 (or the unnamed column before 一级指标) */
    int l1, l2, name;  /* 一级指标, 二级指标 (事级指标), 三级指标 */
    int value;         /* 指标值: the target of a long-term table */
    int y1, y2, cur;   /* 前年, 上年, 预计当年实现: a year's table */
    int basis;         /* 指标值确定依据 */
    int w;             /* columns the header spans */
} wh_cols;

/** One row of a target table, its cells by column (model strings), before it is recorded. */
typedef struct wh_row {
    bool open;                /* a row is waiting */
    uint32_t row;             /* its first line */
    const char *goal;         /* 目标名称 */
    const char *l1, *l2;      /* its own 一级 / 二级 cells ("" when merged) */
    const char *name;         /* 三级指标 */
    const char *value;        /* the target: 预计当年实现, or 指标值 of a long-term table */
    const char *y1, *y2;      /* 前年, 上年 */
    const char *basis;        /* 指标值确定依据 */
} wh_row;

/** A long-term indicator, checked against the year's table when the project ends. */
typedef struct wh_long {
    uint32_t row;     /* its line */
    const char *name; /* its name (model string) */
} wh_long;

/** The reader's state while it walks the lines. */
typedef struct wh_reader {
    jx_imp *im;                /* the model being filled */
    const char *text;          /* the whole text, for looking ahead */
    size_t len;                /* its length */
    wh_where where;            /* see wh_where */
    wh_part part;              /* see wh_part */
    jx_imp_line title;         /* the last project title (row 0: none) */
    bool title_used;           /* a project was begun under that title */
    jx_imp_line unit;          /* "单位：万元" under the title (row 0: none) */
    jx_imp_line doc_year;      /* the document's "2023 年部门预算" line (row 0: none) */
    bool has_annual;           /* the current project has a year's table */
    wh_cols cols;              /* the table being read */
    bool annual;               /* it is the year's table */
    size_t table_rows;         /* data rows read since its header */
    const char *level1;        /* 一级指标 carried down */
    const char *level2;        /* 二级指标 carried down */
    wh_row pending;            /* the row read last, open to a continuation */
    bool page_break;           /* a blank line since the last table row */
    int money_col;             /* 部门总体资金情况: the 当年金额 column */
    bool income;               /* 部门总体资金情况: in the 收入构成 rows */
    wh_long longs[WH_MAX_LONG]; /* long-term indicators skipped in this project */
    size_t nlongs;             /* how many */
    bool longs_full;           /* more were skipped than longs holds */
} wh_reader;

/** Records a row as skipped with why. */
#define WH_SKIP(r, row, ...) jx_imp_row((r)->im, (row), JX_IMP_ROW_SKIPPED, __VA_ARGS__)

/* ------------------------------------------------------------------ lines */

/** The key form of a line without tabs, Markdown heading marks (#, *) dropped; "" when too long. */
static const char *wh_line_key(const jx_imp_line *line, char *key, size_t cap)
{
    size_t i = 0, n = line->n;
    while (i < n && (line->s[i] == '#' || line->s[i] == '*' || line->s[i] == ' '))
        i++;
    while (n > i && (line->s[n - 1] == '*' || line->s[n - 1] == ' '))
        n--;
    return jx_cell_key_n(line->s + i, n - i, key, cap);
}

/** True when the line (no tabs) is the title of a 项目申报表 or 整体支出绩效目标申报表. */
static bool wh_is_title(const jx_imp_line *line)
{
    if (memchr(line->s, '\t', line->n))
        return false;
    char key[JX_CELL_KEY_MAX];
    wh_line_key(line, key, sizeof key);
    size_t n = strlen(key);
    if (n == 0 || n > WH_TITLE_MAX || (n >= 3 && memcmp(key + n - 3, "。", 3) == 0))
        return false; /* a sentence of the prose that names the tables */
    return strstr(key, "项目申报表") || strstr(key, "整体支出绩效目标");
}

/** True when s (a key) is a ".....": rows standing for more of the same. */
static bool wh_dots(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s != '.')
            return false;
    return true;
}

/** True when every non-empty cell is a run of dashes (a Markdown table rule). */
static bool wh_rule(const char **c, size_t n)
{
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (!c[i][0])
            continue;
        for (const char *s = c[i]; *s; s++)
            if (*s != '-' && *s != ':')
                return false;
        any = true;
    }
    return any;
}

/** The only non-empty cell of the row, NULL when there are none or several. */
static const char *wh_only_cell(const char **c, size_t n)
{
    const char *only = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!c[i][0])
            continue;
        if (only)
            return NULL;
        only = c[i];
    }
    return only;
}

/** True when s (a cell) is the title of a target table: 长期绩效目标表 or 年度绩效目标表. */
static bool wh_table_title(const char *s)
{
    return jx_cell_is(s, "长期绩效目标表") || jx_cell_is(s, "年度绩效目标表");
}

/* --------------------------------------------------------------- projects */

/* Records the waiting row of a table (defined with the table code below). */
static void wh_flush(wh_reader *r);

/**
 * Ends the current project: records its last row, warns about long-term indicators
 * the year's table lacks and about a project without a target table.
 */
static void wh_end_project(wh_reader *r)
{
    wh_flush(r);
    jx_imp_project *p = jx_imp_current(r->im);
    if (!p)
        return;
    for (size_t i = 0; i < r->nlongs; i++) {
        bool found = false;
        for (size_t k = 0; k < p->ninds && !found; k++)
            found = jx_cell_same(p->inds[k].name, r->longs[i].name);
        if (!found)
            jx_imp_warn(r->im, r->longs[i].row, "long-term-only",
                        "长期指标“%s”在年度绩效目标表中没有同名指标，它的长期目标没有导入",
                        r->longs[i].name);
    }
    if (r->longs_full)
        jx_imp_warn(r->im, p->row, "long-term-only", "长期指标超过 %d 个，其余的没有与年度绩效目标表核对",
                    WH_MAX_LONG);
    /* a project without indicators is said once, by the emitter (no-indicators) */
    r->nlongs = 0;
    r->longs_full = false;
}

/** True when the project starting after line from has a year's target table. */
static bool wh_scan_annual(const wh_reader *r, size_t from)
{
    size_t pos = from;
    jx_imp_line line = {0};
    while (jx_imp_next_line(r->text, r->len, &pos, &line)) {
        if (wh_is_title(&line))
            return false;
        const char *tab = memchr(line.s, '\t', line.n);
        if (tab) {
            char key[JX_CELL_KEY_MAX];
            jx_cell_key_n(line.s, (size_t)(tab - line.s), key, sizeof key);
            if (strcmp(key, "项目名称") == 0 || strcmp(key, "部门(单位)名称") == 0)
                return false;
        }
        for (size_t i = 0; i + 12 <= line.n; i++)
            if (memcmp(line.s + i, "当年实现", 12) == 0)
                return true;
    }
    return false;
}

/**
 * Starts a project at a 项目名称 / 部门（单位）名称 row (line ends at next): it begins at
 * the title when one is waiting and takes the document's year and the title's money
 * unit. false when memory ran out or the sink stopped.
 */
static bool wh_begin(wh_reader *r, uint32_t row, size_t next)
{
    wh_end_project(r);
    bool titled = r->title.row && !r->title_used;
    if (!jx_imp_begin(r->im, titled ? r->title.row : row))
        return false;
    char y[5];
    if (r->doc_year.row && jx_cell_year(r->doc_year.s, r->doc_year.n, y))
        jx_imp_set(r->im, JX_IMP_YEAR, r->doc_year.row, y, 4);
    if (titled && r->unit.row) {
        char key[JX_CELL_KEY_MAX];
        const char *u = wh_line_key(&r->unit, key, sizeof key) + strlen("单位:");
        jx_imp_set(r->im, JX_IMP_MONEY_UNIT, r->unit.row, u, strlen(u));
    }
    r->title_used = r->title.row != 0;
    r->unit.row = 0;
    r->where = WH_HEAD;
    r->part = WH_PART_NONE;
    r->has_annual = wh_scan_annual(r, next);
    r->level1 = r->level2 = "";
    r->pending.open = false;
    return true;
}

/** The keys of a project's head, what they fill and why the rest are not kept. */
typedef enum wh_key {
    WH_K_NONE = 0, WH_K_DEPT, WH_K_ORG, WH_K_TOTAL, WH_K_YEAR_BUDGET, WH_K_UNKEPT, WH_K_TEXT
} wh_key;

/** What key s (a cell) is, with why it is not kept for WH_K_UNKEPT / WH_K_TEXT. */
static wh_key wh_key_of(const char *s, const char **why)
{
    static const struct { const char *key; wh_key kind; const char *why; } keys[] = {
        {"项目主管部门", WH_K_DEPT, NULL},
        {"项目执行单位", WH_K_ORG, NULL},
        {"项目总预算", WH_K_TOTAL, NULL},
        {"项目当年预算", WH_K_YEAR_BUDGET, NULL},
        {"项目编码", WH_K_UNKEPT, "项目编码没有对应的字段"},
        {"项目负责人", WH_K_UNKEPT, "项目负责人和联系电话没有对应的字段"},
        {"联系电话", WH_K_UNKEPT, "联系电话没有对应的字段"},
        {"填报人", WH_K_UNKEPT, "填报人和联系电话没有对应的字段"},
        {"单位地址", WH_K_UNKEPT, "单位地址和邮政编码没有对应的字段"},
        {"邮政编码", WH_K_UNKEPT, "邮政编码没有对应的字段"},
        {"项目属性", WH_K_UNKEPT, "“项目属性”没有对应的字段"},
        {"支出项目类别", WH_K_UNKEPT, "“支出项目类别”没有对应的字段"},
        {"起始年度", WH_K_UNKEPT, "项目起止年度没有对应的字段（年度取自文件的预算年度）"},
        {"终止年度", WH_K_UNKEPT, "项目终止年度没有对应的字段"},
        {"项目立项依据", WH_K_TEXT, "“项目立项依据”没有对应的字段"},
        {"项目实施方案", WH_K_TEXT, "“项目实施方案”没有对应的字段"},
        {"项目前两年预算及当年预算变动情况", WH_K_TEXT, "预算变动情况没有对应的字段"},
        {"部门职能概述", WH_K_TEXT, "“部门职能概述”没有对应的字段"},
        {"年度工作任务", WH_K_TEXT, "年度工作任务没有对应的字段（年度目标取自“年度目标”行）"},
    };
    char key[JX_CELL_KEY_MAX];
    jx_cell_key(s, key, sizeof key);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(key, keys[i].key) == 0) {
            *why = keys[i].why;
            return keys[i].kind;
        }
    return WH_K_NONE;
}

/** The value of the key at c[i]: the next non-empty cell, "" when that is another key or there is none. */
static const char *wh_value_after(const char **c, size_t n, size_t i)
{
    const char *why;
    for (size_t j = i + 1; j < n; j++) {
        if (!c[j][0])
            continue;
        return wh_key_of(c[j], &why) == WH_K_NONE ? c[j] : "";
    }
    return "";
}

/** The text after "年度目标 1:" in the first cell, or else the next non-empty cell. */
static const char *wh_goal_text(wh_reader *r, const char **c, size_t n)
{
    const char *s = c[0];
    const char *ascii = strchr(s, ':');
    const char *wide = strstr(s, "：");
    const char *after = NULL;
    if (wide && (!ascii || wide < ascii))
        after = wide + strlen("：");
    else if (ascii)
        after = ascii + 1;
    if (after && !jx_text_is_blank(after, strlen(after), JX_TEXT_BLANKS))
        return jx_imp_str(r->im, after, strlen(after));
    for (size_t j = 1; j < n; j++)
        if (c[j][0])
            return c[j];
    return "";
}

/** Adds goal to the project's 年度目标 (several goals joined by "；"). */
static void wh_add_goal(wh_reader *r, uint32_t row, const char *goal)
{
    jx_imp_project *p = jx_imp_current(r->im);
    const char *now = p->field[JX_IMP_GOAL];
    const char *joined = jx_cell_join(r->im, now, "；", goal);
    jx_cell_set(r->im, JX_IMP_GOAL, p->field_row[JX_IMP_GOAL] ? p->field_row[JX_IMP_GOAL] : row, joined);
}

/** A row of 部门总体资金情况: the 收入构成 rows are the department's 资金 by source. */
static void wh_whole_funds(wh_reader *r, uint32_t row, const char **c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (jx_cell_is(c[i], "收入构成"))
            r->income = true;
        else if (jx_cell_is(c[i], "支出构成"))
            r->income = false;
    }
    if (jx_cell_is(c[0], "合计")) {
        WH_SKIP(r, row, "部门资金的合计行（收入构成中已有合计）");
        return;
    }
    int m = r->money_col;
    const char *label = m >= 1 && (size_t)(m - 1) < n ? c[m - 1] : "";
    const char *amount = m >= 0 && (size_t)m < n ? c[m] : "";
    if (!label[0] && !amount[0]) {
        WH_SKIP(r, row, "表头");
        return;
    }
    if (!r->income) {
        WH_SKIP(r, row, "支出构成（按支出类别分），不是资金来源");
        return;
    }
    if (!label[0]) {
        jx_imp_row(r->im, row, JX_IMP_ROW_NOT_UNDERSTOOD, "部门总体资金情况的行没有资金名称");
        return;
    }
    jx_imp_funds *f = jx_imp_funds_add(r->im, row);
    if (f) {
        /* the sources' 合计 is the rule language's 年度资金总额 row (source ""), so that it is
         * not counted as one more source beside them */
        f->source = jx_cell_is(label, "合计") || jx_cell_is(label, "总计") ? "" : label;
        f->initial = amount;
    }
}

/** A row of a section without a key of its own. */
static void wh_part_row(wh_reader *r, uint32_t row, const char **c, size_t n)
{
    switch (r->part) {
    case WH_PART_SOURCES:
        WH_SKIP(r, row, "项目资金来源明细（资金取自“项目当年预算”）");
        return;
    case WH_PART_SPEND:
        WH_SKIP(r, row, "项目支出明细测算，不是绩效指标");
        return;
    case WH_PART_PURCHASE:
        WH_SKIP(r, row, "项目采购明细，不是绩效指标");
        return;
    case WH_PART_PROJECTS:
        WH_SKIP(r, row, "项目支出情况（项目清单），不是绩效指标");
        return;
    case WH_PART_FUNDS:
        wh_whole_funds(r, row, c, n);
        return;
    case WH_PART_TEXT:
        if (!c[0][0]) {
            WH_SKIP(r, row, "上一行文字的续行");
            return;
        }
        break;
    case WH_PART_GOAL:
        if (!c[0][0]) {
            const char *more = wh_value_after(c, n, 0);
            if (more[0]) {
                wh_add_goal(r, row, more);
                return;
            }
        }
        break;
    default:
        break;
    }
    jx_imp_row(r->im, row, JX_IMP_ROW_NOT_UNDERSTOOD, "项目表头中看不懂的行");
}

/** A row of the 项目绩效总目标 section with a key in its first cell; false when it has none. */
static bool wh_goals_row(wh_reader *r, uint32_t row, const char **c, size_t n)
{
    if (jx_cell_is(c[0], "名称")) {
        WH_SKIP(r, row, "表头");
    } else if (jx_cell_starts(c[0], "长期绩效目标")) {
        WH_SKIP(r, row, "长期绩效目标的说明（年度目标取自“年度绩效目标”）");
    } else if (jx_cell_starts(c[0], "年度绩效目标")) {
        const char *goal = wh_value_after(c, n, 0);
        if (goal[0])
            wh_add_goal(r, row, goal);
        else
            WH_SKIP(r, row, "年度绩效目标为空");
    } else {
        return false;
    }
    return true;
}

/**
 * A row of a project's head: key/value pairs, section starts, and the rows of the
 * current section.
 */
static void wh_head_row(wh_reader *r, uint32_t row, const char **c, size_t n)
{
    char key[JX_CELL_KEY_MAX];
    jx_cell_key(c[0], key, sizeof key);
    static const struct { const char *key; wh_part part; const char *why; } sections[] = {
        {"项目资金来源", WH_PART_SOURCES, "项目资金来源明细（资金取自“项目当年预算”）"},
        {"项目支出明细测算", WH_PART_SPEND, "项目支出明细测算，不是绩效指标"},
        {"项目采购", WH_PART_PURCHASE, "项目采购明细，不是绩效指标"},
        {"项目绩效总目标", WH_PART_GOALS, "分节标题"},
        {"项目支出情况", WH_PART_PROJECTS, "项目支出情况（项目清单），不是绩效指标"},
    };
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (strcmp(key, sections[i].key) == 0) {
            r->part = sections[i].part;
            WH_SKIP(r, row, "%s", sections[i].why);
            return;
        }
    if (strcmp(key, "部门总体资金情况") == 0) {
        r->part = WH_PART_FUNDS;
        r->money_col = -1;
        r->income = false;
        for (size_t i = 0; i < n; i++)
            if (jx_cell_is(c[i], "当年金额"))
                r->money_col = (int)i;
        WH_SKIP(r, row, "表头");
        return;
    }
    if (strncmp(key, "长期目标", strlen("长期目标")) == 0) {
        r->part = WH_PART_NONE;
        WH_SKIP(r, row, "长期目标的说明（年度目标取自“年度目标”行）");
        return;
    }
    if (strncmp(key, "年度目标", strlen("年度目标")) == 0) {
        const char *goal = wh_goal_text(r, c, n);
        r->part = WH_PART_NONE;
        if (goal[0])
            wh_add_goal(r, row, goal);
        else
            WH_SKIP(r, row, "年度目标为空");
        return;
    }
    if (r->part == WH_PART_GOALS && wh_goals_row(r, row, c, n))
        return;

    /* key/value pairs: 项目主管部门 | 大数据中心 | | 项目执行单位 | 网群科 */
    bool used = false, any = false;
    const char *unkept = NULL;
    wh_key first = WH_K_NONE;
    for (size_t i = 0; i < n; i++) {
        const char *why = NULL;
        wh_key k = wh_key_of(c[i], &why);
        if (k == WH_K_NONE)
            continue;
        if (!any)
            first = k;
        any = true;
        const char *v = wh_value_after(c, n, i);
        switch (k) {
        case WH_K_DEPT:
            jx_cell_set(r->im, JX_IMP_DEPT, row, v);
            used = true;
            break;
        case WH_K_ORG:
            jx_cell_set(r->im, JX_IMP_ORG, row, v);
            used = true;
            break;
        case WH_K_TOTAL:
        case WH_K_YEAR_BUDGET: {
            /* one 资金 row; a 申报表 is drawn up with the budget: the year's amount is its 年初预算 */
            jx_imp_project *p = jx_imp_current(r->im);
            jx_imp_funds *f = p->nfunds && p->funds[p->nfunds - 1].row == row ? &p->funds[p->nfunds - 1]
                                                                                : jx_imp_funds_add(r->im, row);
            if (f && (k == WH_K_YEAR_BUDGET || !f->initial[0]))
                f->initial = v;
            used = true;
            break;
        }
        default:
            if (!unkept)
                unkept = why;
            break;
        }
    }
    if (any) {
        r->part = first == WH_K_TEXT ? WH_PART_TEXT : WH_PART_NONE;
        if (!used)
            WH_SKIP(r, row, "%s", unkept);
        return;
    }
    if (wh_dots(key)) {
        WH_SKIP(r, row, "省略号行");
        return;
    }
    wh_part_row(r, row, c, n);
}

/* ------------------------------------------------------------------ table */

/** Finds a target table's header columns in c; false when the row is not such a header. */
static bool wh_header(const char **c, size_t n, wh_cols *cols)
{
    wh_cols k = {-1, -1, -1, -1, -1, -1, -1, -1, -1, 0};
    for (size_t i = 0; i < n; i++) {
        char key[JX_CELL_KEY_MAX];
        jx_cell_key(c[i], key, sizeof key);
        int col = (int)i;
        if (strcmp(key, "目标名称") == 0)
            k.goal = col;
        else if (strcmp(key, "一级指标") == 0)
            k.l1 = col;
        else if (strcmp(key, "二级指标") == 0 || strcmp(key, "事级指标") == 0)
            k.l2 = col;
        else if (strcmp(key, "三级指标") == 0)
            k.name = col;
        else if (strcmp(key, "指标值") == 0)
            k.value = col;
        else if (strcmp(key, "指标值确定依据") == 0)
            k.basis = col;
        if (key[0])
            k.w = col + 1;
    }
    if (k.l1 < 0 || k.name < 0)
        return false;
    if (k.l2 < 0)
        k.l2 = k.l1 + 1;
    if (k.value < 0)
        k.value = k.name + 1;
    if (k.goal < 0 && k.l1 > 0)
        k.goal = k.l1 - 1; /* the unnamed first column holds 目标名称 */
    *cols = k;
    return true;
}

/** A year's table sub-header (前年 | 上年 | 预计当年实现): updates cols; false when c is not one. */
static bool wh_subheader(const char **c, size_t n, wh_cols *cols)
{
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        char key[JX_CELL_KEY_MAX];
        jx_cell_key(c[i], key, sizeof key);
        int col = (int)i;
        if (strcmp(key, "前年") == 0)
            cols->y1 = col;
        else if (strcmp(key, "上年") == 0)
            cols->y2 = col;
        else if (strstr(key, "当年实现"))
            cols->cur = col;
        else if (strcmp(key, "近两年指标值") != 0)
            continue;
        any = true;
        if (col + 1 > cols->w)
            cols->w = col + 1;
    }
    return any;
}

/** The cell of column col when the row's cell i sits in column i + d; "" when there is none. */
static const char *wh_at(const char **c, size_t n, int col, int d)
{
    int i = col - d;
    return col >= 0 && i >= 0 && (size_t)i < n ? c[i] : "";
}

/** True when s can be an indicator's name: not a value, a bare number or a category word. */
static bool wh_name_ok(const char *s)
{
    return s[0] && !jx_cell_valueish(s) && !jx_cell_ascii_number(s) && !jx_cell_level1_word(s) &&
           !jx_cell_level2_word(s);
}

/** Reads the row's cells at offset d from the header's columns into out; false when it makes no sense. */
static bool wh_read_at(const wh_reader *r, const char **c, size_t n, int d, wh_row *out)
{
    const wh_cols *k = &r->cols;
    for (size_t i = 0; i < n; i++) {
        int col = (int)i + d;
        if ((col < 0 || col >= k->w) && c[i][0])
            return false; /* a cell would fall outside the table */
    }
    wh_row v = {0};
    v.goal = wh_at(c, n, k->goal, d);
    v.l1 = wh_at(c, n, k->l1, d);
    v.l2 = wh_at(c, n, k->l2, d);
    v.name = wh_at(c, n, k->name, d);
    v.value = wh_at(c, n, r->annual ? k->cur : k->value, d);
    v.y1 = wh_at(c, n, k->y1, d);
    v.y2 = wh_at(c, n, k->y2, d);
    v.basis = wh_at(c, n, k->basis, d);
    if (!wh_name_ok(v.name) || !v.value[0])
        return false;
    if ((v.l1[0] && !jx_cell_category_like(v.l1)) || (v.l2[0] && !jx_cell_category_like(v.l2)))
        return false;
    /* "产出指标 | 数量指标 | | name": the categories one column left of their header */
    if (v.l1[0] && !v.l2[0] && jx_cell_level2_word(v.l1) && !jx_cell_level1_word(v.l1)) {
        v.l2 = v.l1;
        v.l1 = "";
    }
    if (!v.l1[0] && jx_cell_level1_word(v.goal)) {
        v.l1 = v.goal;
        v.goal = "";
    }
    *out = v;
    return true;
}

/** The offset a row of n cells sits at when it is aligned to the header's right end. */
static int wh_right_offset(const wh_reader *r, size_t n)
{
    return (size_t)r->cols.w > n ? r->cols.w - (int)n : 0;
}

/** Finds the offset at which the row makes sense (tried nearest the right-aligned one first). */
static bool wh_align(const wh_reader *r, const char **c, size_t n, wh_row *out)
{
    int d0 = wh_right_offset(r, n);
    static const int tries[] = {0, 1, -1, 2, -2};
    for (size_t t = 0; t < sizeof tries / sizeof tries[0]; t++)
        if (wh_read_at(r, c, n, d0 + tries[t], out))
            return true;
    return false;
}

/** Appends piece to *field (a cell a page break split). */
static void wh_append(wh_reader *r, const char **field, const char *piece)
{
    *field = jx_cell_join(r->im, *field, "", piece);
}

/** Joins a row's cells to the waiting row, column by column (the row continues it after a page break). */
static void wh_continue(wh_reader *r, uint32_t row, const char **c, size_t n)
{
    const wh_cols *k = &r->cols;
    int d = wh_right_offset(r, n);
    wh_row *p = &r->pending;
    wh_append(r, &p->goal, wh_at(c, n, k->goal, d));
    wh_append(r, &p->l1, wh_at(c, n, k->l1, d));
    wh_append(r, &p->l2, wh_at(c, n, k->l2, d));
    wh_append(r, &p->name, wh_at(c, n, k->name, d));
    wh_append(r, &p->value, wh_at(c, n, r->annual ? k->cur : k->value, d));
    wh_append(r, &p->y1, wh_at(c, n, k->y1, d));
    wh_append(r, &p->y2, wh_at(c, n, k->y2, d));
    wh_append(r, &p->basis, wh_at(c, n, k->basis, d));
    WH_SKIP(r, row, "续行：第 %u 行的单元格被分页截断，已并入该行", p->row);
}

/** A note part "label value" joined to note with "；". */
static const char *wh_note(wh_reader *r, const char *note, const char *label, const char *value)
{
    if (!value[0])
        return note;
    return jx_cell_join(r->im, note, "；", jx_cell_join(r->im, label, " ", value));
}

/** True when the 目标名称 cell says something the name does not (not just 年度绩效目标). */
static bool wh_goal_says(const wh_row *v)
{
    return v->goal[0] && !jx_cell_same(v->goal, v->name) && !jx_cell_starts(v->goal, "年度绩效目标") &&
           !jx_cell_starts(v->goal, "长期绩效目标") && !jx_cell_starts(v->goal, "年度绩效指标") &&
           !jx_cell_starts(v->goal, "长期绩效指标");
}

/** Records the waiting row: an indicator, or a skipped long-term row. */
static void wh_flush(wh_reader *r)
{
    if (!r->pending.open)
        return;
    wh_row v = r->pending;
    r->pending.open = false;
    if (v.l1[0]) {
        r->level1 = v.l1;
        r->level2 = v.l2;
    } else if (v.l2[0]) {
        r->level2 = v.l2;
    }
    if (!r->annual && r->has_annual) {
        WH_SKIP(r, v.row, "长期绩效目标表的行（本年目标取自年度绩效目标表）");
        if (r->nlongs < WH_MAX_LONG)
            r->longs[r->nlongs++] = (wh_long){v.row, v.name};
        else
            r->longs_full = true;
        return;
    }
    jx_imp_indicator *ind = jx_imp_indicator_add(r->im, v.row);
    if (!ind)
        return;
    ind->level1 = r->level1;
    ind->level2 = r->level2;
    ind->name = v.name;
    ind->target = v.value;
    const char *basis = v.basis;
    if (jx_cell_bare_sign(v.value) && jx_cell_valueish(basis) && !jx_cell_bare_sign(basis)) {
        /* "≥ | 90%": the sign in the target's cell, the number in the next */
        ind->sign = v.value;
        ind->target = basis;
        basis = "";
    }
    const char *note = r->annual ? "" : "长期目标（项目没有年度绩效目标表）";
    ind->year_before = v.y1;
    ind->last_year = v.y2;
    ind->basis = basis;
    if (wh_goal_says(&v))
        note = wh_note(r, note, "目标名称", v.goal);
    ind->note = note;
}

/** True when every non-empty cell of the row is a category word (a category with no indicator). */
static bool wh_only_categories(const char **c, size_t n)
{
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (!c[i][0])
            continue;
        if (!jx_cell_category_like(c[i]))
            return false;
        any = true;
    }
    return any;
}

/** One data row of a target table. */
static void wh_table_row(wh_reader *r, uint32_t row, const char **c, size_t n)
{
    bool page_break = r->page_break;
    r->page_break = false;
    if (wh_rule(c, n)) {
        WH_SKIP(r, row, "分隔线");
        return;
    }
    wh_row v;
    if (!wh_align(r, c, n, &v)) {
        if (page_break && r->pending.open) {
            wh_continue(r, row, c, n);
            return;
        }
        if (wh_only_categories(c, n)) {
            WH_SKIP(r, row, "空类别：没有指标");
            return;
        }
        jx_imp_row(r->im, row, JX_IMP_ROW_NOT_UNDERSTOOD,
                   "本行的单元格对不上表头的列（缺少三级指标名称或指标值？），没有导入");
        return;
    }
    wh_flush(r);
    v.open = true;
    v.row = row;
    r->pending = v;
    r->table_rows++;
}

/* ------------------------------------------------------------------- read */

/** A line without tabs. */
static void wh_single_line(wh_reader *r, const jx_imp_line *line)
{
    char key[JX_CELL_KEY_MAX];
    wh_line_key(line, key, sizeof key);
    uint32_t row = line->row;
    if (wh_is_title(line)) {
        wh_flush(r);
        r->title = *line;
        r->title_used = false;
        r->unit.row = 0;
        r->where = WH_OUTSIDE;
        WH_SKIP(r, row, "表题");
        return;
    }
    bool in_project = r->where != WH_OUTSIDE;
    if (in_project && wh_table_title(key)) {
        wh_flush(r);
        r->where = WH_HEAD;
        r->part = WH_PART_NONE;
        WH_SKIP(r, row, "表题");
        return;
    }
    if (strncmp(key, "单位:", strlen("单位:")) == 0 && key[strlen("单位:")]) {
        const char *u = key + strlen("单位:");
        if (in_project) {
            const char *now = jx_imp_current(r->im)->field[JX_IMP_MONEY_UNIT];
            if (!now[0])
                jx_imp_set(r->im, JX_IMP_MONEY_UNIT, row, u, strlen(u));
            else if (strcmp(now, u) != 0)
                jx_imp_warn(r->im, row, "money-unit", "金额单位“%s”与前面的“%s”不同，仍按“%s”导入", u, now, now);
            else
                WH_SKIP(r, row, "金额单位（前面已有）");
            return;
        }
        if (r->title.row && !r->title_used && !r->unit.row) {
            r->unit = *line; /* used when the project begins */
            return;
        }
    }
    if (strncmp(key, "填报日期", strlen("填报日期")) == 0 && (in_project || (r->title.row && !r->title_used))) {
        WH_SKIP(r, row, "填报日期没有对应的字段");
        return;
    }
    if (in_project) {
        static const char *const sections[] = {"项目支出明细测算", "项目采购", "项目绩效总目标"};
        for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
            if (strcmp(key, sections[i]) == 0) {
                wh_flush(r);
                r->where = WH_HEAD;
                const char *c[1] = {key};
                wh_head_row(r, row, c, 1);
                return;
            }
        wh_flush(r);
        r->where = WH_OUTSIDE;
        WH_SKIP(r, row, "表格之外的文字");
        return;
    }
    WH_SKIP(r, row, "不在绩效目标表内");
}

/** True when a row in a table ends it: a key of the project's head or a goal line. */
static bool wh_ends_table(const char **c, size_t n)
{
    static const char *const keys[] = {"项目绩效总目标", "项目支出明细测算", "项目采购", "项目资金来源"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (jx_cell_is(c[0], keys[i]))
            return true;
    const char *only = wh_only_cell(c, n);
    if (only && wh_table_title(only))
        return true;
    char key[JX_CELL_KEY_MAX];
    jx_cell_key(c[0], key, sizeof key);
    return strncmp(key, "长期目标", strlen("长期目标")) == 0 ||
           strncmp(key, "年度目标", strlen("年度目标")) == 0 || wh_dots(key);
}

/** One line of the text (next: where the line after it starts). false when the import must stop. */
static bool wh_line(wh_reader *r, const jx_imp_line *line, size_t next)
{
    if (jx_cell_line_blank(line)) {
        r->page_break = true;
        return true;
    }
    if (!memchr(line->s, '\t', line->n)) {
        wh_single_line(r, line);
        return true;
    }
    const char *c[WH_MAX_CELLS];
    size_t n = jx_cell_split(r->im, line, c, WH_MAX_CELLS, JX_CELL_MARKUP | JX_CELL_JOIN);
    uint32_t row = line->row;
    bool whole = jx_cell_is(c[0], "部门(单位)名称");
    if (whole || jx_cell_is(c[0], "项目名称")) {
        if (!wh_begin(r, row, next))
            return false;
        /* the arena was reset: split again */
        n = jx_cell_split(r->im, line, c, WH_MAX_CELLS, JX_CELL_MARKUP | JX_CELL_JOIN);
        jx_cell_name_project(r->im, row, wh_value_after(c, n, 0), whole ? "整体支出绩效目标" : NULL);
        return true;
    }
    if (r->where == WH_OUTSIDE) {
        WH_SKIP(r, row, "不在绩效目标表内");
        return true;
    }
    const char *only = wh_only_cell(c, n);
    if (only && wh_table_title(only)) {
        wh_flush(r);
        r->where = WH_HEAD;
        r->part = WH_PART_NONE;
        WH_SKIP(r, row, "表题");
        return true;
    }
    wh_cols cols;
    if (wh_header(c, n, &cols)) {
        wh_flush(r);
        r->cols = cols;
        r->annual = false;
        r->table_rows = 0;
        r->where = WH_TABLE;
        r->level1 = r->level2 = "";
        r->page_break = false;
        WH_SKIP(r, row, "表头");
        return true;
    }
    if (r->where == WH_TABLE) {
        if (r->table_rows == 0 && !r->pending.open && wh_subheader(c, n, &r->cols)) {
            r->annual = r->cols.cur >= 0 || r->cols.y1 >= 0 || r->cols.y2 >= 0;
            if (r->annual && r->cols.cur < 0)
                r->cols.cur = (r->cols.y2 > r->cols.y1 ? r->cols.y2 : r->cols.y1) + 1;
            WH_SKIP(r, row, "表头");
            return true;
        }
        if (!wh_ends_table(c, n)) {
            wh_table_row(r, row, c, n);
            return true;
        }
        wh_flush(r);
        r->where = WH_HEAD;
        r->part = WH_PART_NONE;
    }
    wh_head_row(r, row, c, n);
    return true;
}

/** The first line naming the document's budget year ("…2023 年部门预算…"), row 0 when none. */
static jx_imp_line wh_find_year(const char *text, size_t len)
{
    size_t pos = 0;
    jx_imp_line line = {0};
    while (jx_imp_next_line(text, len, &pos, &line)) {
        char y[5];
        if (memchr(line.s, '\t', line.n) || !jx_cell_year(line.s, line.n, y))
            continue;
        char key[JX_CELL_KEY_MAX];
        wh_line_key(&line, key, sizeof key);
        if (strstr(key, "年部门预算") || strstr(key, "年度部门预算"))
            return line;
    }
    jx_imp_line none = {0};
    return none;
}

/** Reads the wh-declare tables of text[0..len) into im. */
static int wh_declare_read(jx_imp *im, const char *text, size_t len)
{
    wh_reader r;
    memset(&r, 0, sizeof r);
    r.im = im;
    r.text = text;
    r.len = len;
    r.level1 = r.level2 = "";
    r.doc_year = wh_find_year(text, len);
    size_t pos = 0;
    jx_imp_line line = {0};
    while (jx_imp_next_line(text, len, &pos, &line)) {
        if (!wh_line(&r, &line, pos))
            return -1;
        if (jx_imp_oom(im))
            return -1;
    }
    wh_end_project(&r);
    return jx_imp_oom(im) ? -1 : 0;
}

/* ----------------------------------------------------------------- detect */

/** How sure we are that text is a wh-declare document: 申报表 titles and a year's table header. */
static int wh_declare_detect(const char *text, size_t len)
{
    bool title = false, basis = false, current = false;
    size_t pos = 0;
    jx_imp_line line = {0};
    while (jx_imp_next_line(text, len, &pos, &line)) {
        if (!title && wh_is_title(&line))
            title = true;
        if (!memchr(line.s, '\t', line.n))
            continue;
        const char *raw[WH_MAX_CELLS];
        size_t rn[WH_MAX_CELLS];
        size_t n = jx_imp_split_tabs(&line, raw, rn, WH_MAX_CELLS);
        for (size_t i = 0; i < n; i++) {
            char key[JX_CELL_KEY_MAX];
            jx_cell_key_n(raw[i], rn[i], key, sizeof key);
            basis |= strcmp(key, "指标值确定依据") == 0;
            current |= strstr(key, "当年实现") != NULL;
        }
    }
    int score = (basis ? 50 : 0) + (current ? 30 : 0) + (title ? 20 : 0);
    return basis ? score : score / 3;
}

const jx_imp_format jx_imp_wh_declare = {
    "wh-declare", "部门项目申报表 / 整体支出绩效目标申报表（含长期与年度绩效目标表）", wh_declare_detect,
    wh_declare_read,
};
