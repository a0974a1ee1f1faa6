/* SPDX-License-Identifier: MIT */
/* import_zj_target.c — the zj-target format: 市级部门预算项目绩效目标表, tab-separated.
 *
 * The table of a 部门预算 (e.g. "2021年市级部门预算项目绩效目标表") comes after a short
 * preamble (title with the year, 部门名称：【253】市大数据局, 单位：元) and one header row
 *
 *   单位编码 | 单位名称(项目名称) | 资金安排 … | 总体绩效目标 | 一级指标 | 二级指标 | 三级指标 |
 *   计算符号 | 指标值 | 计量单位 | 指标权重
 *
 * whose 资金安排 spans 总计 and one column per source, named by a second header row
 * (总计 | 一般公共预算 | 政府性基金 | 专户资金 | 其他资金). Then come:
 *   - code rows: `253 | 市大数据局` names the 部门, `253001 | 绍兴市…本级` the 单位 whose
 *     projects follow;
 *   - a project's first row: its name, its amounts, its 总体绩效目标 and its first indicator;
 *   - continuation rows, holding the indicator columns only.
 *
 * The text was taken out of a PDF: from page to page the columns before the indicators
 * gain or lose an empty cell, and blank lines stand where the pages broke. A row's
 * columns are therefore found by content — the leftmost cell naming a 一级指标 — and
 * the other indicator columns placed at the header's offsets from it; the cells before
 * the 总体绩效目标 hold the name and the amounts, read from the left.
 *
 * Only the lines from a header row to the first line that is not table-like (a line
 * of text without a tab) are read, so the rest of the document makes no projects.
 * Within it every line is an indicator, a project, code or header row, a page number
 * (skipped), a blank line (passed over: it is no row of the table), or reported as not
 * understood.
 */
#include "import.h"

#include <stdio.h>
#include <string.h>

#define ZT_MAX_CELLS 64   /* cells read from a row; a row with more is reported */
#define ZT_MAX_SOURCES 8  /* 资金来源 columns after 总计 kept from the second header row */
#define ZT_NONE (-1000)   /* offset of a column the header does not have */

/** The indicator columns, in the order of the table. */
enum {
    ZT_L1, ZT_L2, ZT_NAME, ZT_SIGN, ZT_TARGET, ZT_UNIT, ZT_WEIGHT, ZT_NCOLS
};

/** The header texts of the indicator columns. */
static const char *const zt_col_names[ZT_NCOLS] = {
    "一级指标", "二级指标", "三级指标", "计算符号", "指标值", "计量单位", "指标权重",
};

/** What a 一级指标 cell holds; the leftmost such cell places a row's indicator columns. */
static const char *const zt_level1_names[] = {
    "产出指标", "效益指标", "满意度指标", "成本指标",
};

/** The 资金来源 columns after 总计 when the table has no second header row naming them. */
static const char *const zt_default_sources[] = {
    "一般公共预算", "政府性基金", "专户资金", "其他资金",
};

/** One row split at its tabs, each cell trimmed. */
typedef struct zt_row {
    jx_imp_span cell[ZT_MAX_CELLS]; /* the cells */
    int n;                          /* how many */
    int last;                       /* index of the last non-blank cell, -1 when all are blank */
    uint32_t line;                  /* the row's line */
} zt_row;

/** A field remembered for the projects that follow, with the line it came from. */
typedef struct zt_ctx_field {
    jx_imp_span code; /* "253001", or empty */
    jx_imp_span text; /* "绍兴市大数据发展管理局本级", "元", "2021" */
    uint32_t row;     /* where it was read, 0 when not set */
} zt_ctx_field;

/** The reader's state over one text. */
typedef struct zt_reader {
    jx_imp *im;                         /* the model being filled */
    bool in_table;                      /* between a header row and the end of its table */
    bool seen_header;                   /* a header row was found */
    int off[ZT_NCOLS];                  /* each indicator column relative to 一级指标, ZT_NONE when absent */
    int goal_off;                       /* 总体绩效目标 relative to 一级指标, ZT_NONE when absent */
    int max_off;                        /* the rightmost indicator column relative to 一级指标 */
    int funds_cols;                     /* cells from 资金安排 to 总体绩效目标 in the header (总计 + sources) */
    jx_imp_span source[ZT_MAX_SOURCES]; /* names of the 资金来源 columns after 总计 */
    int nsources;                       /* how many */
    zt_ctx_field year;                  /* 年度, from the title above the table */
    zt_ctx_field money_unit;            /* 单位：元 above the table */
    zt_ctx_field dept;                  /* 部门: 部门名称 above the table or a 3-digit code row */
    zt_ctx_field org;                   /* 单位: the last 6-digit code row */
    size_t projects;                    /* projects begun */
} zt_reader;

/* --------------------------------------------------------- text slices, cells */

/** True when a is one or more ASCII digits. */
static bool zt_digits(jx_imp_span a)
{
    if (a.n == 0)
        return false;
    for (size_t i = 0; i < a.n; i++)
        if (a.s[i] < '0' || a.s[i] > '9')
            return false;
    return true;
}

/** True when a reads as an amount as these tables write it: digits, "," and one ".". */
static bool zt_amount(jx_imp_span a)
{
    size_t digits = 0, dots = 0;
    for (size_t i = 0; i < a.n; i++) {
        char c = a.s[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (c == '.')
            dots++;
        else if (c != ',' && !(c == '-' && i == 0))
            return false;
    }
    return digits > 0 && dots <= 1;
}

/** Splits line into r's cells (trimmed). */
static void zt_split(const jx_imp_line *line, zt_row *r)
{
    const char *cell[ZT_MAX_CELLS];
    size_t cell_n[ZT_MAX_CELLS];
    r->n = (int)jx_imp_split_tabs(line, cell, cell_n, ZT_MAX_CELLS);
    r->last = -1;
    r->line = line->row;
    for (int i = 0; i < r->n; i++) {
        r->cell[i] = jx_text_trim(cell[i], cell_n[i], JX_TEXT_BLANKS);
        if (r->cell[i].n)
            r->last = i;
    }
}

/** The cell at i, empty when the row is shorter. */
static jx_imp_span zt_cell(const zt_row *r, int i)
{
    jx_imp_span none = {"", 0};
    return i >= 0 && i < r->n ? r->cell[i] : none;
}

/** True when line has a tab. */
static bool zt_has_tab(const jx_imp_line *line)
{
    return memchr(line->s, '\t', line->n) != NULL;
}

/* ----------------------------------------------------------- row kinds */

/** Index of the cell of r equal to name, or -1. */
static int zt_find_cell(const zt_row *r, const char *name)
{
    for (int i = 0; i < r->n; i++)
        if (jx_imp_span_eq(r->cell[i], name))
            return i;
    return -1;
}

/** True when r is the header row: 单位编码 … 一级指标 … 三级指标 计算符号 指标值 … */
static bool zt_is_header(const zt_row *r)
{
    return zt_find_cell(r, "单位编码") >= 0 && zt_find_cell(r, "一级指标") >= 0 &&
           zt_find_cell(r, "三级指标") >= 0 && zt_find_cell(r, "计算符号") >= 0 &&
           zt_find_cell(r, "指标值") >= 0;
}

/** True when r is the second header row naming the 资金安排 columns (总计 | 一般公共预算 …). */
static bool zt_is_funds_header(const zt_row *r)
{
    return zt_find_cell(r, "总计") >= 0 && zt_find_cell(r, "一级指标") < 0;
}

/** True when r only numbers the columns ("** | ** | 1 | 2 | 3"). */
static bool zt_is_column_numbers(const zt_row *r)
{
    for (int i = 0; i < r->n; i++) {
        jx_imp_span c = r->cell[i];
        if (c.n == 0)
            continue;
        bool stars = true;
        for (size_t k = 0; k < c.n; k++)
            stars = stars && c.s[k] == '*';
        if (!stars && !(zt_digits(c) && c.n <= 2))
            return false;
    }
    return true;
}

/** True when a line without tabs is a page number: "12", "- 12 -", "第 3 页", "3/10". */
static bool zt_is_page_number(jx_imp_span t)
{
    static const char *const words[] = {"第", "页", "共"};
    size_t digits = 0;
    for (size_t i = 0; i < t.n;) {
        char c = t.s[i];
        if (c >= '0' && c <= '9')
            digits++;
        if ((c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '/') {
            i++;
            continue;
        }
        size_t k = 0;
        while (k < 3 && !jx_imp_span_starts((jx_imp_span){t.s + i, t.n - i}, words[k]))
            k++;
        if (k == 3)
            return false;
        i += strlen(words[k]);
    }
    return digits > 0 && t.n <= 24;
}

/** Index of the leftmost cell from 1 on that names a 一级指标, or -1. */
static int zt_find_level1(const zt_row *r)
{
    for (int i = 1; i < r->n; i++)
        for (size_t k = 0; k < sizeof zt_level1_names / sizeof zt_level1_names[0]; k++)
            if (jx_imp_span_eq(r->cell[i], zt_level1_names[k]))
                return i;
    return -1;
}

/* --------------------------------------------------------- the header */

/** Takes the columns of a header row (it has 一级指标): offsets from 一级指标, 资金安排 width. */
static void zt_read_header(zt_reader *z, const zt_row *r)
{
    int l1 = zt_find_cell(r, "一级指标");
    int goal = zt_find_cell(r, "总体绩效目标");
    int funds = zt_find_cell(r, "资金安排");
    z->max_off = 0;
    for (int c = 0; c < ZT_NCOLS; c++) {
        int at = zt_find_cell(r, zt_col_names[c]);
        z->off[c] = at >= 0 ? at - l1 : ZT_NONE;
        if (z->off[c] != ZT_NONE && z->off[c] > z->max_off)
            z->max_off = z->off[c];
    }
    z->goal_off = goal >= 0 ? goal - l1 : ZT_NONE;
    z->funds_cols = funds >= 0 && goal > funds ? goal - funds : 0;
    if (z->nsources == 0) {
        z->nsources = (int)(sizeof zt_default_sources / sizeof zt_default_sources[0]);
        for (int k = 0; k < z->nsources; k++) {
            z->source[k].s = zt_default_sources[k];
            z->source[k].n = strlen(zt_default_sources[k]);
        }
    }
}

/** Takes the 资金来源 names from the second header row: the cells after 总计. */
static void zt_read_funds_header(zt_reader *z, const zt_row *r)
{
    int total = zt_find_cell(r, "总计");
    z->nsources = 0;
    for (int i = total + 1; i < r->n && z->nsources < ZT_MAX_SOURCES; i++)
        if (r->cell[i].n)
            z->source[z->nsources++] = r->cell[i];
}

/* ------------------------------------------------------- the preamble */

/** Reads a line of text outside the table: the title's year, 部门名称, 单位. */
static void zt_preamble(zt_reader *z, jx_imp_span t, uint32_t row)
{
    static const char *const dept_labels[] = {"部门名称：", "部门名称:"};
    static const char *const unit_labels[] = {"单位：", "单位:", "金额单位：", "金额单位:"};
    if (t.n >= 7 && zt_digits((jx_imp_span){t.s, 4}) && jx_imp_span_starts((jx_imp_span){t.s + 4, t.n - 4}, "年") &&
        jx_imp_span_find(t, "绩效目标表")) {
        z->year.text = (jx_imp_span){t.s, 4};
        z->year.row = row;
        return;
    }
    for (size_t k = 0; k < 2; k++) {
        if (!jx_imp_span_starts(t, dept_labels[k]))
            continue;
        jx_imp_span v = jx_text_trim(t.s + strlen(dept_labels[k]), t.n - strlen(dept_labels[k]), JX_TEXT_BLANKS);
        /* 【253】市大数据局 */
        const char *open = "【", *close = "】";
        if (jx_imp_span_starts(v, open)) {
            const char *end = jx_imp_span_find(v, close);
            if (end) {
                z->dept.code = jx_text_trim(v.s + strlen(open), (size_t)(end - v.s) - strlen(open), JX_TEXT_BLANKS);
                size_t skip = (size_t)(end - v.s) + strlen(close);
                v = jx_text_trim(v.s + skip, v.n - skip, JX_TEXT_BLANKS);
            }
        } else {
            z->dept.code = (jx_imp_span){"", 0};
        }
        if (v.n) {
            z->dept.text = v;
            z->dept.row = row;
        }
        return;
    }
    for (size_t k = 0; k < 4; k++) {
        if (!jx_imp_span_starts(t, unit_labels[k]))
            continue;
        jx_imp_span v = jx_text_trim(t.s + strlen(unit_labels[k]), t.n - strlen(unit_labels[k]), JX_TEXT_BLANKS);
        if (v.n) {
            z->money_unit.text = v;
            z->money_unit.row = row;
        }
        return;
    }
}

/**
 * Forgets the year and 单位 of a preamble: a row of another table came after it. (The
 * 部门 and 单位 stay: one document is one department's.)
 */
static void zt_forget_preamble(zt_reader *z)
{
    memset(&z->year, 0, sizeof z->year);
    memset(&z->money_unit, 0, sizeof z->money_unit);
}

/* --------------------------------------------------------- projects */

/** Sets field f of the current project from a remembered "code name" pair. */
static int zt_set_ctx(zt_reader *z, jx_imp_field f, const zt_ctx_field *c)
{
    if (!c->row)
        return 0;
    if (c->code.n == 0)
        return jx_imp_set(z->im, f, c->row, c->text.s, c->text.n);
    jx_imp_span part[3] = {c->code, {" ", 1}, c->text};
    const char *joined = jx_imp_join(z->im, part, 3);
    return jx_imp_set(z->im, f, c->row, joined, strlen(joined));
}

/** Adds one 资金 row (年初预算数 = amount) to the current project. */
static int zt_funds(zt_reader *z, uint32_t row, jx_imp_span source, jx_imp_span amount)
{
    jx_imp_funds *f = jx_imp_funds_add(z->im, row);
    if (!f)
        return -1;
    f->source = jx_imp_str(z->im, source.s, source.n);
    f->initial = jx_imp_str(z->im, amount.s, amount.n);
    return jx_imp_oom(z->im) ? -1 : 0;
}

/**
 * Reads the 资金安排 cells r[first..end): 总计 then one cell per 资金来源, left-aligned
 * (the cells a page lost or gained are the empty ones before 总体绩效目标). 总计
 * becomes the 年度资金总额 row, each filled source a row of its own; amounts as written.
 */
static int zt_read_funds(zt_reader *z, const zt_row *r, int first, int end)
{
    bool aligned = end - first == z->funds_cols;
    jx_imp_span total = zt_cell(r, first);
    if (total.n && zt_amount(total) && zt_funds(z, r->line, (jx_imp_span){"年度资金总额", strlen("年度资金总额")}, total))
        return -1;
    for (int i = first; i < end; i++) {
        jx_imp_span c = zt_cell(r, i);
        int k = i - first - 1; /* the source column, -1 for 总计 */
        if (c.n == 0 || (k < 0 && zt_amount(c)))
            continue;
        if (!zt_amount(c)) {
            jx_imp_warn(z->im, r->line, "funds-not-understood", "资金安排中的“%.*s”不是金额，没有导入",
                        jx_imp_span_len(c), c.s);
        } else if (k >= z->nsources || (!aligned && k > 0)) {
            jx_imp_warn(z->im, r->line, "funds-not-understood",
                        "资金安排的列与表头对不齐，金额“%.*s”的资金来源无法确定，没有导入", jx_imp_span_len(c), c.s);
        } else if (zt_funds(z, r->line, z->source[k], c)) {
            return -1;
        }
    }
    return 0;
}

/**
 * Begins a project named r[name]: fields from the context, the 资金安排 cells
 * r[name + 1 .. funds_end), the 总体绩效目标 r[goal] (goal -1: none).
 */
static int zt_begin(zt_reader *z, const zt_row *r, int name, int funds_end, int goal)
{
    if (!jx_imp_begin(z->im, r->line))
        return -1;
    z->projects++;
    jx_imp_span nm = r->cell[name];
    if (jx_imp_set(z->im, JX_IMP_NAME, r->line, nm.s, nm.n) || zt_set_ctx(z, JX_IMP_DEPT, &z->dept) ||
        zt_set_ctx(z, JX_IMP_ORG, &z->org) || zt_set_ctx(z, JX_IMP_YEAR, &z->year) ||
        zt_set_ctx(z, JX_IMP_MONEY_UNIT, &z->money_unit))
        return -1;
    jx_imp_span g = zt_cell(r, goal);
    if (g.n && jx_imp_set(z->im, JX_IMP_GOAL, r->line, g.s, g.n))
        return -1;
    return zt_read_funds(z, r, name + 1, funds_end);
}

/** Copies the indicator columns placed from 一级指标 at l1 into a new indicator. */
static int zt_indicator(zt_reader *z, const zt_row *r, int l1)
{
    jx_imp_indicator *ind = jx_imp_indicator_add(z->im, r->line);
    if (!ind)
        return -1;
    const char **field[ZT_NCOLS] = {
        &ind->level1, &ind->level2, &ind->name, &ind->sign, &ind->target, &ind->unit, &ind->weight,
    };
    for (int c = 0; c < ZT_NCOLS; c++) {
        if (z->off[c] == ZT_NONE)
            continue;
        jx_imp_span v = zt_cell(r, l1 + z->off[c]);
        *field[c] = jx_imp_str(z->im, v.s, v.n);
    }
    return jx_imp_oom(z->im) ? -1 : 0;
}

/** A row with no 一级指标 cell: a code row, a project row without an indicator, or unreadable. */
static int zt_row_without_indicator(zt_reader *z, const zt_row *r)
{
    jx_imp_span c0 = zt_cell(r, 0), c1 = zt_cell(r, 1);
    if (zt_digits(c0) && c0.n >= 3 && c1.n && r->last == 1) {
        /* 253 | 市大数据局 names the 部门; 253001 | 绍兴市…本级 the 单位 of the projects below. */
        zt_ctx_field *f = c0.n <= 3 ? &z->dept : &z->org;
        f->code = c0;
        f->text = c1;
        f->row = r->line;
        return 0;
    }
    int name = -1;
    for (int i = 0; i <= r->last; i++)
        if (r->cell[i].n) {
            name = i;
            break;
        }
    if (name >= 0 && (jx_imp_span_eq(r->cell[name], "合计") || jx_imp_span_eq(r->cell[name], "总计") ||
                      jx_imp_span_eq(r->cell[name], "小计"))) {
        jx_imp_row(z->im, r->line, JX_IMP_ROW_SKIPPED, "合计行");
        return 0;
    }
    if (name >= 0 && !zt_digits(r->cell[name]) && zt_amount(zt_cell(r, name + 1))) {
        /* A project whose first row holds no indicator: name, amounts, maybe a goal. */
        int goal = -1;
        for (int i = name + 1; i <= r->last; i++) {
            if (r->cell[i].n == 0 || zt_amount(r->cell[i]))
                continue;
            if (goal >= 0) {
                jx_imp_row(z->im, r->line, JX_IMP_ROW_NOT_UNDERSTOOD,
                           "项目行“%.*s”没有一级指标，其后的单元格无法对应到列", jx_imp_span_len(r->cell[name]),
                           r->cell[name].s);
                return 0;
            }
            goal = i;
        }
        return zt_begin(z, r, name, goal >= 0 ? goal : r->last + 1, goal);
    }
    jx_imp_row(z->im, r->line, JX_IMP_ROW_NOT_UNDERSTOOD, "无法识别的表格行：找不到一级指标（%s）",
               "产出指标、效益指标、满意度指标或成本指标");
    return 0;
}

/** Reads one row of the table (the line has a tab). */
static int zt_table_row(zt_reader *z, const zt_row *r)
{
    if (r->last < 0)
        return 0; /* only tabs: a blank line */
    if (r->n == ZT_MAX_CELLS && memchr(r->cell[ZT_MAX_CELLS - 1].s, '\t', r->cell[ZT_MAX_CELLS - 1].n)) {
        jx_imp_row(z->im, r->line, JX_IMP_ROW_NOT_UNDERSTOOD, "这一行超过 %d 列，无法对应到表头", ZT_MAX_CELLS);
        return 0;
    }
    if (zt_is_header(r)) {
        zt_read_header(z, r);
        jx_imp_row(z->im, r->line, JX_IMP_ROW_SKIPPED, "表头");
        return 0;
    }
    if (zt_is_funds_header(r)) {
        zt_read_funds_header(z, r);
        jx_imp_row(z->im, r->line, JX_IMP_ROW_SKIPPED, "表头（资金安排的列）");
        return 0;
    }
    if (zt_is_column_numbers(r)) {
        jx_imp_row(z->im, r->line, JX_IMP_ROW_SKIPPED, "表头（列序号）");
        return 0;
    }
    int l1 = zt_find_level1(r);
    if (l1 < 0 || z->off[ZT_L1] == ZT_NONE)
        return zt_row_without_indicator(z, r);
    jx_imp_span name = zt_cell(r, l1 + z->off[ZT_NAME]);
    if (r->last > l1 + z->max_off) {
        jx_imp_row(z->im, r->line, JX_IMP_ROW_NOT_UNDERSTOOD,
                   "指标“%.*s”这一行在“指标权重”之后还有内容，列无法对齐", jx_imp_span_len(name), name.s);
        return 0;
    }
    if (r->n <= l1 + z->max_off) {
        jx_imp_span which = name.n ? name : r->cell[l1];
        jx_imp_row(z->im, r->line, JX_IMP_ROW_NOT_UNDERSTOOD,
                   "指标行“%.*s”不完整：只有 %d 列，“%.*s”之后应有 %d 列（到“%s”为止）", jx_imp_span_len(which),
                   which.s, r->n, jx_imp_span_len(r->cell[l1]), r->cell[l1].s, z->max_off,
                   zt_col_names[ZT_WEIGHT]);
        return 0;
    }
    if (name.n == 0) {
        jx_imp_row(z->im, r->line, JX_IMP_ROW_NOT_UNDERSTOOD, "指标行的三级指标为空");
        return 0;
    }
    /* The cells before 一级指标: [name, amounts…,] 总体绩效目标, all empty on a continuation row. */
    int goal = z->goal_off != ZT_NONE && l1 + z->goal_off >= 0 ? l1 + z->goal_off : -1;
    int prefix_end = goal >= 0 ? goal : l1;
    int first = -1;
    for (int i = 0; i < prefix_end; i++)
        if (r->cell[i].n) {
            first = i;
            break;
        }
    if (first >= 0) {
        if (zt_digits(r->cell[first])) {
            jx_imp_row(z->im, r->line, JX_IMP_ROW_NOT_UNDERSTOOD,
                       "单位编码“%.*s”与指标“%.*s”在同一行，无法确定项目名称", jx_imp_span_len(r->cell[first]),
                       r->cell[first].s, jx_imp_span_len(name), name.s);
            return 0;
        }
        if (zt_begin(z, r, first, prefix_end, goal))
            return -1;
    } else if (zt_cell(r, goal).n) {
        jx_imp_row(z->im, r->line, JX_IMP_ROW_NOT_UNDERSTOOD, "这一行有总体绩效目标却没有项目名称");
        return 0;
    } else if (!jx_imp_current(z->im)) {
        jx_imp_row(z->im, r->line, JX_IMP_ROW_NOT_UNDERSTOOD, "指标“%.*s”之前没有项目名称",
                   jx_imp_span_len(name), name.s);
        return 0;
    }
    return zt_indicator(z, r, l1);
}

/* ----------------------------------------------------------- the format */

/** 95 when a line of text is the table's header row, else 0. */
static int zj_target_detect(const char *text, size_t len)
{
    size_t pos = 0;
    jx_imp_line line = {0};
    zt_row r;
    while (jx_imp_next_line(text, len, &pos, &line)) {
        if (!zt_has_tab(&line) || !jx_imp_span_find((jx_imp_span){line.s, line.n}, "三级指标"))
            continue;
        zt_split(&line, &r);
        if (zt_is_header(&r))
            return 95;
    }
    return 0;
}

/** Reads every table of text into im. */
static int zj_target_read(jx_imp *im, const char *text, size_t len)
{
    zt_reader z;
    memset(&z, 0, sizeof z);
    z.im = im;
    for (int c = 0; c < ZT_NCOLS; c++)
        z.off[c] = ZT_NONE;
    z.goal_off = ZT_NONE;
    zt_row r;
    size_t pos = 0;
    jx_imp_line line = {0};
    while (jx_imp_next_line(text, len, &pos, &line)) {
        jx_imp_span t = jx_text_trim(line.s, line.n, JX_TEXT_BLANKS);
        if (t.n == 0)
            continue; /* a blank line: where a page broke, or between paragraphs */
        if (zt_has_tab(&line)) {
            zt_split(&line, &r);
            if (!z.in_table && zt_is_header(&r)) {
                z.in_table = z.seen_header = true;
                if (zt_table_row(&z, &r))
                    return -1;
            } else if (z.in_table) {
                if (zt_table_row(&z, &r))
                    return -1;
            } else {
                zt_forget_preamble(&z); /* a row of another table */
            }
            continue;
        }
        if (z.in_table && zt_is_page_number(t)) {
            jx_imp_row(im, line.row, JX_IMP_ROW_SKIPPED, "页码");
            continue;
        }
        z.in_table = false; /* text: the table has ended */
        zt_preamble(&z, t, line.row);
    }
    if (!z.seen_header)
        jx_imp_warn(im, 1, "no-table", "没有找到绩效目标表的表头（单位编码 … 三级指标 计算符号 指标值 …）");
    else if (z.projects == 0)
        jx_imp_warn(im, 1, "no-table", "绩效目标表里没有项目");
    return jx_imp_oom(im) ? -1 : 0;
}

const jx_imp_format jx_imp_zj_target = {
    "zj-target", "市级部门预算项目绩效目标表（制表符分隔）", zj_target_detect, zj_target_read,
};
