/* SPDX-License-Identifier: MIT */
/* import_zz_target.c — the zz-target tables: 项目绩效目标表 and 整体绩效目标申报表.
 *
 * A budget document (a text dump, cells separated by tabs) carries, among its prose
 * and budget tables, one table per project:
 *
 *   郑州市大数据管理局机关支出项目绩效目标表        title: the unit, then 项目绩效目标表
 *   (2021 年)                                      the year
 *   项目名称 | “一网通办”专网业务系统对接经费 | |   key/value rows …
 *   单位编码 | 113001 | 资金用途 | 业务类
 *   项目总金额 | 4984200.00 | 项目本年度金额 | 4984200.00
 *   年度绩效目标 | 完成 300 个…
 *   一级指标 | 二级指标 | 三级指标 | 目标值         the indicator table
 *   投入与目标管理 | 投入管理 | 预算执行率 | =100%
 *    |  | 预算编制合理性 | 合理                    merged cells left empty: carried down
 *   资产管理 |  |  |                               an empty category: no indicator
 *
 * and one department-wide table (市级部门（单位）整体绩效目标申报表: 部门（单位）名称,
 * 年度履职目标, 年度主要任务, 预算情况 in 万元, then 一级/二级/三级/指标值/度量单位),
 * imported as a project named after the department ("郑州市大数据管理局整体绩效目标").
 * Cells may be wrapped in `<p>…</p>`; a page break may leave a blank line inside a
 * table; some rows have their cells shifted (a name in the 二级 column, a value in the
 * 三级 column, a whole row moved right by two columns). Rows are realigned where the
 * cells leave no doubt, with a warning; anything else is reported, never dropped.
 */
#include "import.h"

#include "import_cells.h"

#include <stdio.h>
#include <string.h>

#define ZZ_MAX_CELLS 32
#define ZZ_TITLE_MAX 120 /* bytes of a title's key; longer lines are prose */

/** Where the reader is in the document. */
typedef enum zz_where {
    ZZ_OUTSIDE = 0, /* prose, other tables, titles not yet followed by a table */
    ZZ_HEAD,        /* the key/value rows of a project */
    ZZ_TABLE        /* the indicator rows, after their header */
} zz_where;

/** What rows with an empty first cell continue in the head of a 整体 table. */
typedef enum zz_part {
    ZZ_PART_NONE = 0,  /* nothing: such a row is not understood */
    ZZ_PART_TASKS,     /* 年度主要任务: one task per row */
    ZZ_PART_FUNDS,     /* 预算情况: the total and the 资金来源 rows */
    ZZ_PART_STRUCTURE  /* 预算情况 continued: 资金结构 (by use), not sources */
} zz_part;

/** Columns of the indicator table, from its header row. */
typedef struct zz_cols {
    int l1, l2, name; /* 一级指标, 二级指标, 三级指标 */
    int value;        /* 目标值 / 指标值 */
    int unit;         /* 度量单位 / 计量单位, -1 when the table has none */
    int w;            /* columns in the header */
} zz_cols;

/** The reader's state while it walks the lines. */
typedef struct zz_reader {
    jx_imp *im;            /* the model being filled */
    zz_where where;        /* see zz_where */
    zz_part part;          /* see zz_part */
    jx_imp_line title;     /* the last table title (row 0: none) */
    bool title_used;       /* a project was begun under that title */
    jx_imp_line year;      /* the year line under the title (row 0: none) */
    zz_cols cols;          /* the indicator table's columns */
    const char *level1;    /* 一级指标 carried down to rows whose cell is empty */
    const char *level2;    /* 二级指标, likewise */
} zz_reader;

/* ------------------------------------------------------------------ cells */

/** True when the line (no tabs) is the title of a 项目绩效目标表 or 整体绩效目标申报表. */
static bool zz_is_title(const jx_imp_line *line)
{
    if (memchr(line->s, '\t', line->n))
        return false;
    char key[JX_CELL_KEY_MAX];
    jx_cell_key_n(line->s, line->n, key, sizeof key);
    size_t n = strlen(key);
    if (n > ZZ_TITLE_MAX)
        return false; /* a sentence of the prose that names the tables */
    static const char *const ends[] = {"绩效目标表", "绩效目标申报表"};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t en = strlen(ends[i]);
        if (n >= en && memcmp(key + n - en, ends[i], en) == 0)
            return true;
    }
    return false;
}

/** True when the line (no tabs) is a year under a title: "(2021年度)", "（2021 年）". */
static bool zz_is_year(const jx_imp_line *line)
{
    char y[5];
    return !memchr(line->s, '\t', line->n) && line->n < 40 && jx_cell_year(line->s, line->n, y);
}

/* --------------------------------------------------------------- projects */

/** Records a row as skipped with why. */
#define ZZ_SKIP(r, row, ...) jx_imp_row((r)->im, (row), JX_IMP_ROW_SKIPPED, __VA_ARGS__)

/**
 * Starts a project at a 项目名称 / 部门（单位）名称 row: it begins at the title when one
 * is waiting, and takes the year under it. false when memory ran out or the sink stopped.
 */
static bool zz_begin(zz_reader *r, uint32_t row)
{
    uint32_t start = r->title.row && !r->title_used ? r->title.row : row;
    if (!jx_imp_begin(r->im, start))
        return false;
    if (r->title.row && !r->title_used && r->year.row) {
        char y[5];
        if (jx_cell_year(r->year.s, r->year.n, y))
            jx_imp_set(r->im, JX_IMP_YEAR, r->year.row, y, 4);
    }
    r->title_used = r->title.row != 0;
    r->where = ZZ_HEAD;
    r->part = ZZ_PART_NONE;
    r->level1 = r->level2 = "";
    return true;
}

/** The unit a project title names before 支出项目绩效目标表 / 项目绩效目标表, "" when none. */
static const char *zz_title_unit(zz_reader *r)
{
    if (!r->title.row || !r->title_used)
        return "";
    const char *t = jx_cell_clean(r->im, r->title.s, r->title.n, JX_CELL_MARKUP);
    static const char *const suffixes[] = {"支出项目绩效目标表", "项目绩效目标表"};
    size_t n = strlen(t);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t sn = strlen(suffixes[i]);
        if (n > sn && memcmp(t + n - sn, suffixes[i], sn) == 0)
            return jx_imp_str(r->im, t, n - sn);
    }
    return "";
}

/** The value of the key at c[i]: the next non-empty cell, "" when there is none. */
static const char *zz_value_after(const char **c, size_t n, size_t i)
{
    for (size_t j = i + 1; j < n; j++)
        if (c[j][0])
            return c[j];
    return "";
}

/** The cell after the one whose key is word, "" when the row has no such key. */
static const char *zz_pair(const char **c, size_t n, const char *word)
{
    for (size_t i = 0; i < n; i++)
        if (jx_cell_is(c[i], word))
            return i + 1 < n ? c[i + 1] : "";
    return "";
}

/** A 预算情况 row of the 整体 table: label in c[1], amount in c[2]. */
static void zz_budget_row(zz_reader *r, uint32_t row, const char **c, size_t n)
{
    const char *label = n > 1 ? c[1] : "";
    const char *amount = n > 2 ? c[2] : "";
    if (strstr(label, "资金结构"))
        r->part = ZZ_PART_STRUCTURE;
    if (r->part == ZZ_PART_STRUCTURE) {
        ZZ_SKIP(r, row, "预算情况的“资金结构”行（按支出用途分），不是资金来源");
        return;
    }
    if (!label[0]) {
        jx_imp_row(r->im, row, JX_IMP_ROW_NOT_UNDERSTOOD, "预算情况的行没有资金名称");
        return;
    }
    /* "部门预算总额（万元）" names the unit; "1、资金来源：（1）财政性资金" the source after its numbering */
    size_t ln = strlen(label);
    static const struct { const char *text; const char *unit; } units[] = {
        {"（万元）", "万元"}, {"(万元)", "万元"}, {"（元）", "元"}, {"(元)", "元"},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t un = strlen(units[i].text);
        if (ln > un && memcmp(label + ln - un, units[i].text, un) == 0) {
            ln -= un;
            if (!jx_imp_current(r->im)->field[JX_IMP_MONEY_UNIT][0])
                jx_imp_set(r->im, JX_IMP_MONEY_UNIT, row, units[i].unit, strlen(units[i].unit));
            break;
        }
    }
    size_t start = 0;
    static const char *const marks[] = {"）", ")", "：", ":", "、"};
    for (size_t i = 0; i < ln; i++)
        for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
            size_t mn = strlen(marks[m]);
            if (ln - i >= mn && memcmp(label + i, marks[m], mn) == 0)
                start = i + mn;
        }
    /* the total (部门预算总额, 预算合计) is the 年度资金总额 row; the rest are its sources */
    const char *name = jx_imp_str(r->im, label + start, ln - start);
    bool total = name && (strstr(name, "总额") || strstr(name, "合计"));
    jx_imp_funds *f = jx_imp_funds_add(r->im, row);
    if (f) {
        f->source = total ? "" : name;
        f->initial = amount;
    }
}

/** The keys of a project's head that carry nothing the model keeps, with why. */
static const char *zz_unkept(const char *key)
{
    static const struct { const char *key, *why; } unkept[] = {
        {"项目负责人", "项目负责人和联系人没有对应的字段"},
        {"联系电话", "联系电话没有对应的字段"},
        {"开始时间", "项目起止时间没有对应的字段（年度取自表题下的年份）"},
        {"上年度项目总金额", "上年度金额，不属于本年度"},
        {"项目详细信息", "分节标题"},
        {"项目绩效目标", "分节标题"},
        {"项目概况", "“项目概况”没有对应的字段"},
        {"立项依据", "“立项依据”没有对应的字段"},
        {"项目设立的必要性", "“项目设立的必要性”没有对应的字段"},
        {"项目配套制度措施", "“项目配套制度措施”没有对应的字段"},
        {"项目实施计划", "“项目实施计划”没有对应的字段"},
        {"备注", "“备注”没有对应的字段"},
        {"项目总目标", "项目总目标是整个项目期的目标，年度目标取自“年度绩效目标”"},
    };
    for (size_t i = 0; i < sizeof unkept / sizeof unkept[0]; i++)
        if (strcmp(key, unkept[i].key) == 0)
            return unkept[i].why;
    return NULL;
}

/**
 * A row of a project's head whose first cell is a key. Returns false when the key is
 * not one of the head's keys (the caller decides what the row is).
 */
static bool zz_head_row(zz_reader *r, uint32_t row, const char **c, size_t n)
{
    char key[JX_CELL_KEY_MAX];
    jx_cell_key(c[0], key, sizeof key);
    const char *why = zz_unkept(key);
    if (why) {
        ZZ_SKIP(r, row, "%s", why);
        r->part = ZZ_PART_NONE;
        return true;
    }
    r->part = ZZ_PART_NONE;
    if (strcmp(key, "单位编码") == 0) {
        const char *code = zz_value_after(c, n, 0);
        const char *unit = zz_title_unit(r);
        const char *org = jx_cell_join(r->im, code, " ", unit);
        jx_cell_set(r->im, JX_IMP_ORG, row, org);
    } else if (strcmp(key, "项目总金额") == 0) {
        /* a target table is drawn up with the budget: the year's amount is its 年初预算. The
         * form names no unit and states it in 元, to the 分 (4984200.00 where the department's
         * table says 498.42 万元 of the same money): 金额单位 元 unless a row said otherwise */
        const char *year = zz_pair(c, n, "项目本年度金额");
        if (!jx_imp_current(r->im)->field[JX_IMP_MONEY_UNIT][0])
            jx_imp_set(r->im, JX_IMP_MONEY_UNIT, row, "元", strlen("元"));
        jx_imp_funds *f = jx_imp_funds_add(r->im, row);
        if (f)
            f->initial = year[0] ? year : zz_value_after(c, n, 0);
    } else if (strcmp(key, "年度绩效目标") == 0 || strcmp(key, "年度履职目标") == 0) {
        const char *goal = zz_value_after(c, n, 0);
        if (goal[0])
            jx_cell_set(r->im, JX_IMP_GOAL, row, goal);
        else
            ZZ_SKIP(r, row, "年度绩效目标为空");
    } else if (strcmp(key, "年度主要任务") == 0) {
        ZZ_SKIP(r, row, "年度主要任务的表头（任务不是绩效指标）");
        r->part = ZZ_PART_TASKS;
    } else if (strcmp(key, "预算情况") == 0) {
        r->part = ZZ_PART_FUNDS;
        zz_budget_row(r, row, c, n);
    } else {
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ table */

/** Finds the indicator header's columns in c; false when the row is not that header. */
static bool zz_header(const char **c, size_t n, zz_cols *cols)
{
    zz_cols k = {-1, -1, -1, -1, -1, 0};
    for (size_t i = 0; i < n; i++) {
        char key[JX_CELL_KEY_MAX];
        jx_cell_key(c[i], key, sizeof key);
        int col = (int)i;
        if (strcmp(key, "一级指标") == 0)
            k.l1 = col;
        else if (strcmp(key, "二级指标") == 0 || strcmp(key, "事级指标") == 0)
            k.l2 = col;
        else if (strcmp(key, "三级指标") == 0)
            k.name = col;
        else if (strcmp(key, "目标值") == 0 || strcmp(key, "指标值") == 0 || strcmp(key, "年度指标值") == 0)
            k.value = col;
        else if (strcmp(key, "度量单位") == 0 || strcmp(key, "计量单位") == 0)
            k.unit = col;
        if (key[0])
            k.w = col + 1;
    }
    if (k.l1 < 0 || k.l2 < 0 || k.name < 0)
        return false;
    if (k.value < 0)
        k.value = k.name + 1;
    if (k.w <= k.value)
        k.w = k.value + 1;
    *cols = k;
    return true;
}

/** True when the 一级 cell holds a 二级 word that is never a 一级 one (资产管理, 成本 moved left). */
static bool zz_level2_in_level1(const char *s)
{
    return jx_cell_level2_word(s) && !jx_cell_level1_word(s);
}

/** The 产出 sub-categories, never an indicator's own name: 数量, 质量, 时效, 成本. */
static bool zz_output_word(const char *s)
{
    return jx_cell_is(s, "数量") || jx_cell_is(s, "质量") || jx_cell_is(s, "时效") || jx_cell_is(s, "成本");
}

/** Sets the carried categories from a row's own 一级 / 二级 cells. */
static void zz_carry(zz_reader *r, const char *l1, const char *l2)
{
    if (l1[0]) {
        if (zz_level2_in_level1(l1) && !l2[0]) {
            r->level2 = l1;
            return;
        }
        r->level1 = l1;
        r->level2 = "";
    }
    if (l2[0])
        r->level2 = l2;
}

/** Adds an indicator under the carried categories. */
static void zz_indicator(zz_reader *r, uint32_t row, const char *name, const char *value,
                         const char *unit)
{
    jx_imp_indicator *ind = jx_imp_indicator_add(r->im, row);
    if (!ind)
        return;
    ind->level1 = r->level1;
    ind->level2 = r->level2;
    ind->name = name;
    ind->target = value;
    /* the 整体 table marks a text target by 度量单位 “定性指标”: the sign column's 定性 */
    if (jx_cell_is(unit, "定性指标") || jx_cell_is(unit, "定性"))
        ind->sign = "定性";
    else
        ind->unit = unit;
    if (jx_cell_ascii_number(name))
        jx_imp_warn(r->im, row, "suspect-name", "三级指标名称“%s”只是一个数字，可能缺了名称", name);
}

/** Warns that a row was read with its cells moved back to their columns. */
static void zz_shifted(zz_reader *r, uint32_t row, const char *name, const char *value)
{
    jx_imp_warn(r->im, row, "shifted-row", "本行的列错了位，按三级指标“%s”、目标值“%s”读入", name, value);
}

/**
 * One row of the indicator table. The cells are first brought to the header's width
 * (extra empty cells at either end dropped), then read by where their text is.
 */
static void zz_table_row(zz_reader *r, uint32_t row, const char **c, size_t n)
{
    const zz_cols *k = &r->cols;
    size_t w = (size_t)k->w;
    bool short_row = n < w;
    if (n > w) {
        size_t extra = n - w, lead = 0, tail = 0;
        while (lead < extra && !c[lead][0])
            lead++;
        while (tail < extra && !c[n - 1 - tail][0])
            tail++;
        if (tail == extra) {
            n = w;
        } else if (lead == extra) {
            /* "| | 效益指标 | 履职效益 | …": the whole row moved right */
            c += extra;
            n = w;
            jx_imp_warn(r->im, row, "shifted-row", "本行整体右移了 %zu 列，按表头的列读入", extra);
        } else {
            jx_imp_row(r->im, row, JX_IMP_ROW_NOT_UNDERSTOOD, "本行有 %zu 列，多于表头的 %zu 列", n, w);
            return;
        }
    }
    const char *l1 = (size_t)k->l1 < n ? c[k->l1] : "";
    const char *l2 = (size_t)k->l2 < n ? c[k->l2] : "";
    const char *name = (size_t)k->name < n ? c[k->name] : "";
    const char *value = (size_t)k->value < n ? c[k->value] : "";
    const char *unit = k->unit >= 0 && (size_t)k->unit < n ? c[k->unit] : "";

    if (name[0] && value[0]) {
        if (!l2[0] && zz_output_word(name) && !jx_cell_valueish(value)) {
            /* "| | 质量 | 通信网络运行": a 二级 word in the name column, the name in the value column */
            zz_carry(r, l1, name);
            jx_imp_warn(r->im, row, "shifted-row",
                        "本行的列错了位：“%s”是二级指标，“%s”是三级指标，没有目标值", name, value);
            zz_indicator(r, row, value, "", unit);
            return;
        }
        zz_carry(r, l1, l2);
        zz_indicator(r, row, name, value, unit);
        return;
    }
    if (value[0]) {
        /* no name in its column: the name sits in the 二级 (or 一级) column */
        const char *got = l2[0] ? l2 : l1;
        bool in_l2 = l2[0] != '\0';
        if (!got[0] || (in_l2 ? jx_cell_level2_word(got) : jx_cell_level1_word(got))) {
            jx_imp_row(r->im, row, JX_IMP_ROW_NOT_UNDERSTOOD, "有目标值“%s”但没有三级指标名称", value);
            return;
        }
        if (in_l2 && l1[0])
            zz_carry(r, l1, "");
        zz_shifted(r, row, got, value);
        zz_indicator(r, row, got, value, unit);
        return;
    }
    if (name[0]) {
        if (l2[0] && !jx_cell_level2_word(l2)) {
            /* "满意度 | 数据使用单位满意 | 满意 |": the name in the 二级 column, the value in the name column */
            if (l1[0])
                zz_carry(r, l1, "");
            zz_shifted(r, row, l2, name);
            zz_indicator(r, row, l2, name, unit);
            return;
        }
        if (short_row) {
            jx_imp_row(r->im, row, JX_IMP_ROW_NOT_UNDERSTOOD,
                       "本行只有 %zu 列（表头有 %zu 列），指标“%s”缺少目标值", n, w, name);
            return;
        }
        zz_carry(r, l1, l2);
        zz_indicator(r, row, name, "", unit);
        return;
    }
    if (l1[0] && l2[0] && jx_cell_valueish(l2) && !jx_cell_valueish(l1)) {
        /* "数据共享量（支撑应用系统） | =20 | | | 个": name and value moved two columns left */
        zz_shifted(r, row, l1, l2);
        zz_indicator(r, row, l1, l2, unit);
        return;
    }
    if ((l1[0] && jx_cell_valueish(l1)) || (l2[0] && jx_cell_valueish(l2)) || unit[0]) {
        jx_imp_row(r->im, row, JX_IMP_ROW_NOT_UNDERSTOOD, "有值但没有三级指标名称");
        return;
    }
    if (!l1[0] && !l2[0])
        return; /* only tabs */
    zz_carry(r, l1, l2);
    if (l2[0] || zz_level2_in_level1(l1))
        ZZ_SKIP(r, row, "空类别：二级指标“%s”下没有指标", r->level2);
    else
        ZZ_SKIP(r, row, "空类别：一级指标“%s”下没有指标", r->level1);
}

/* ------------------------------------------------------------------- read */

/** A line without tabs (or with one non-empty cell only). */
static void zz_single_line(zz_reader *r, const jx_imp_line *line)
{
    if (zz_is_title(line)) {
        r->title = *line;
        r->title_used = false;
        r->year.row = 0;
        r->where = ZZ_OUTSIDE;
        ZZ_SKIP(r, line->row, "表题");
        return;
    }
    if (r->title.row && !r->title_used && !r->year.row && line->row <= r->title.row + 4 &&
        zz_is_year(line)) {
        r->year = *line; /* used when the project begins; reported if none does */
        return;
    }
    if (r->where != ZZ_OUTSIDE) {
        r->where = ZZ_OUTSIDE;
        ZZ_SKIP(r, line->row, "表格之外的文字");
        return;
    }
    ZZ_SKIP(r, line->row, "不在绩效目标表内");
}

/** Reports the year line of a title no project followed. */
static void zz_drop_year(zz_reader *r)
{
    if (r->year.row && r->title.row && !r->title_used)
        ZZ_SKIP(r, r->year.row, "年份（其后没有绩效目标表）");
    r->year.row = 0;
}

/** One line of the text. false when the import must stop (memory, sink). */
static bool zz_line(zz_reader *r, const jx_imp_line *line)
{
    if (jx_cell_line_blank(line))
        return true; /* blank lines (page breaks) are not rows */
    if (!memchr(line->s, '\t', line->n)) {
        if (zz_is_title(line))
            zz_drop_year(r);
        zz_single_line(r, line);
        return true;
    }
    const char *c[ZZ_MAX_CELLS];
    size_t n = jx_cell_split(r->im, line, c, ZZ_MAX_CELLS, JX_CELL_MARKUP | JX_CELL_JOIN);
    uint32_t row = line->row;
    bool whole = jx_cell_is(c[0], "部门(单位)名称");
    if (whole || jx_cell_is(c[0], "项目名称")) {
        jx_imp_project *p = jx_imp_current(r->im);
        if (!p || p->field[JX_IMP_NAME][0] || r->where != ZZ_HEAD) {
            if (!zz_begin(r, row))
                return false;
            /* the arena was reset: split again */
            n = jx_cell_split(r->im, line, c, ZZ_MAX_CELLS, JX_CELL_MARKUP | JX_CELL_JOIN);
        }
        jx_cell_name_project(r->im, row, zz_value_after(c, n, 0), whole ? "整体绩效目标" : NULL);
        return true;
    }
    if (r->where == ZZ_OUTSIDE) {
        ZZ_SKIP(r, row, "不在绩效目标表内");
        return true;
    }
    zz_cols cols;
    if (zz_header(c, n, &cols)) {
        r->cols = cols;
        r->where = ZZ_TABLE;
        r->level1 = r->level2 = "";
        ZZ_SKIP(r, row, "表头");
        return true;
    }
    if (r->where == ZZ_TABLE) {
        zz_table_row(r, row, c, n);
        return true;
    }
    if (c[0][0] && zz_head_row(r, row, c, n))
        return true;
    if (!c[0][0] && r->part == ZZ_PART_TASKS) {
        ZZ_SKIP(r, row, "年度主要任务（任务不是绩效指标）");
        return true;
    }
    if (!c[0][0] && (r->part == ZZ_PART_FUNDS || r->part == ZZ_PART_STRUCTURE)) {
        zz_budget_row(r, row, c, n);
        return true;
    }
    jx_imp_row(r->im, row, JX_IMP_ROW_NOT_UNDERSTOOD, "项目表头中看不懂的行");
    return true;
}

/** Reads the zz-target tables of text[0..len) into im. */
static int zz_target_read(jx_imp *im, const char *text, size_t len)
{
    zz_reader r;
    memset(&r, 0, sizeof r);
    r.im = im;
    r.level1 = r.level2 = "";
    size_t pos = 0;
    jx_imp_line line = {0};
    while (jx_imp_next_line(text, len, &pos, &line)) {
        if (!zz_line(&r, &line))
            return -1;
        if (jx_imp_oom(im))
            return -1;
    }
    zz_drop_year(&r);
    return jx_imp_oom(im) ? -1 : 0;
}

/* ----------------------------------------------------------------- detect */

/** How sure we are that text is a zz-target document: its titles and its indicator header. */
static int zz_target_detect(const char *text, size_t len)
{
    int score = 0;
    bool title = false, header = false, goal = false;
    size_t pos = 0;
    jx_imp_line line = {0};
    while (jx_imp_next_line(text, len, &pos, &line)) {
        if (!title && zz_is_title(&line))
            title = true;
        if (!memchr(line.s, '\t', line.n))
            continue;
        const char *raw[ZZ_MAX_CELLS];
        size_t rn[ZZ_MAX_CELLS];
        size_t n = jx_imp_split_tabs(&line, raw, rn, ZZ_MAX_CELLS);
        char key[JX_CELL_KEY_MAX];
        bool l1 = false, l3 = false, target = false;
        for (size_t i = 0; i < n; i++) {
            jx_cell_key_n(raw[i], rn[i], key, sizeof key);
            l1 |= strcmp(key, "一级指标") == 0;
            l3 |= strcmp(key, "三级指标") == 0;
            target |= strcmp(key, "目标值") == 0 || strcmp(key, "度量单位") == 0;
            goal |= i == 0 && strcmp(key, "年度绩效目标") == 0;
        }
        header |= l1 && l3 && target;
    }
    score += header ? 60 : 0;
    score += title ? 30 : 0;
    score += goal ? 10 : 0;
    return header ? score : score / 3;
}

const jx_imp_format jx_imp_zz_target = {
    "zz-target", "项目绩效目标表 / 整体绩效目标申报表（单元格以制表符分隔）", zz_target_detect, zz_target_read,
};
