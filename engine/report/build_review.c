/* SPDX-License-Identifier: MIT */
/* build_review.c — the 项目支出绩效自评复核表 (the 复核 sheet of `jixiao audit --review`) as a
 * document (doc.h): every label, number and sentence of a sheet worded once, for every
 * renderer (text, Markdown, txt, the A4 HTML page, the workbook).
 *
 * A part per sheet: the title and the year; 项目名称 / 主管部门 / 预算单位 / 复核表; the table
 * of 15 columns — a 单列 预算执行率 first, the indicators in the order of the 自评表 with
 * the 一级 and 二级 cells spanning their rows, 总分 last — where every score stands three
 * times side by side: 填报 (what the department wrote), 重算 (the policy's), 复核 (the
 * reviewer's), with the two steps between them, 重算−填报 and 复核−重算; the three verdicts
 * (填报结论, 重算结论, 复核结论, each with its total and how far it moved); the notes (how
 * many indicators were reviewed); and the foot, 复核人 and 日期 left blank to sign by hand.
 * The workbook lists the sheets first (复核结果清单).
 *
 * The sheet's layout is stated here as data (doc.h, "form grid"): on the page the head is
 * a table of four columns and the rest one ruled table of the 15 columns, 完成值 over 自评
 * and 复核, 得分 over 填报, 重算 and 复核, 偏差 over its two steps, in a head of two rows; on
 * the sheet (printed across the page) everything is on the 15 columns, the 自评表 among the
 * head's fields, the scores stored as numbers, each column as wide as what the workbook
 * always measured in it.
 *
 * The sheet (review.c) holds the numbers; this file only words them (two decimals for
 * scores, the weight as written) and computes none.
 */
#include "doc.h"

#include "review.h"

#include <assert.h>
#include <stdbool.h>
#include <string.h>

/* ------------------------------------------------------------ the words of a sheet
 * Strings in the writer's scratch arena; "" (and the writer failed) when it ran out. */

/** The columns of a sheet's table. */
enum {
    RV_L1, RV_L2, RV_L3, RV_NATURE, RV_TARGET, RV_UNIT, RV_WEIGHT, RV_SELF_ACTUAL, RV_REVIEW_ACTUAL,
    RV_CLAIMED, RV_SELF_SCORE, RV_REVIEW_SCORE, RV_DIFF_CALC, RV_DIFF, RV_NOTE, RV_NCOLS
};

/** The heads of the columns: 一级指标 … 备注. 填报得分 is the department's, 重算得分 the
 * policy's, 复核得分 the reviewer's; 重算−填报 and 复核−重算 the steps between them. */
static const char *const heads[RV_NCOLS] = {
    "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "单位", "权重", "自评完成值", "复核完成值",
    "填报得分", "重算得分", "复核得分", "重算−填报", "复核−重算", "备注",
};

/* The word of a grade for a sheet: 优 … 差, or "—" for none. */
static const char *grade_word(jx_grade g)
{
    return g == JX_GRADE_NONE ? "—" : jx_grade_name(g);
}

/* Hundredths as "22.50". */
static const char *cents_words(jx_writer *wr, int64_t cents)
{
    char buf[JX_DEC_BUFSZ];
    return jx_scratch_str(wr, jx_fixed_format(cents, 2, buf, sizeof buf));
}

/* A weight in hundredths as written in the form ("30", "7.5"), "—" when none. */
static const char *weight_words(jx_writer *wr, int64_t cents)
{
    if (cents < 0)
        return "—";
    char buf[JX_DEC_BUFSZ];
    jx_dec d = {cents, 2};
    return jx_scratch_str(wr, jx_dec_format(d, buf, sizeof buf));
}

/* Hundredths as "22.50", "—" when none (-1: nothing claimed). */
static const char *claim_words(jx_writer *wr, int64_t cents)
{
    return cents < 0 ? "—" : cents_words(wr, cents);
}

/* The step from a claim to a recomputed score, "—" when nothing was claimed. */
static const char *step_words(jx_writer *wr, int64_t claimed, int64_t recomputed)
{
    return claimed < 0 ? "—" : cents_words(wr, recomputed - claimed);
}

/* Every cell empty. */
static void clear_words(const char *cells[RV_NCOLS])
{
    for (size_t c = 0; c < RV_NCOLS; c++)
        cells[c] = "";
}

/* Fills cells[] with the row of line l as the text sheet prints it: group names always
 * (the table spans or covers repeats), weight as written, scores with two decimals,
 * 不适用 and "—" for an indicator that is not applicable, "（未复核，沿用自评）" as the
 * 备注 of a line without a row. */
static void line_words(jx_writer *wr, const jx_review_line *l, const char *cells[RV_NCOLS])
{
    cells[RV_L1] = l->level1;
    cells[RV_L2] = l->level2;
    cells[RV_L3] = l->name;
    cells[RV_NATURE] = l->nature;
    cells[RV_TARGET] = l->target;
    cells[RV_UNIT] = l->unit;
    cells[RV_WEIGHT] = weight_words(wr, l->weight_cents);
    cells[RV_SELF_ACTUAL] = l->self_actual;
    cells[RV_REVIEW_ACTUAL] = l->review_actual;
    if (l->not_applicable) {
        cells[RV_CLAIMED] = cells[RV_SELF_SCORE] = cells[RV_REVIEW_SCORE] = "不适用";
        cells[RV_DIFF_CALC] = cells[RV_DIFF] = "—";
    } else {
        cells[RV_CLAIMED] = claim_words(wr, l->claimed_cents);
        cells[RV_SELF_SCORE] = cents_words(wr, l->self_cents);
        cells[RV_REVIEW_SCORE] = cents_words(wr, l->review_cents);
        cells[RV_DIFF_CALC] = step_words(wr, l->claimed_cents, l->self_cents);
        cells[RV_DIFF] = cents_words(wr, l->diff_cents);
    }
    cells[RV_NOTE] = l->basis == JX_REVIEW_UNREVIEWED ? "（未复核，沿用自评）" : l->note;
}

/* The row of a 单列 预算执行率 (s->execution_cents >= 0), scored from the funds on both sides. */
static void execution_words(jx_writer *wr, const jx_review_sheet *s, const char *cells[RV_NCOLS])
{
    clear_words(cells);
    cells[RV_L1] = jx_scratch_printf(wr, "预算执行率 (%s分)", cents_words(wr, s->execution_points_cents));
    cells[RV_WEIGHT] = weight_words(wr, s->execution_points_cents);
    cells[RV_CLAIMED] = cells[RV_DIFF_CALC] = "—"; /* the 自评表 writes no score of its own for it */
    cells[RV_SELF_SCORE] = cells[RV_REVIEW_SCORE] = cents_words(wr, s->execution_cents);
    cells[RV_DIFF] = cents_words(wr, 0);
    cells[RV_NOTE] = "（按资金计分，不复核）";
}

/* The 总分 row: Σ 权重, the three totals and the two steps between them. */
static void total_words(jx_writer *wr, const jx_review_sheet *s, const char *cells[RV_NCOLS])
{
    clear_words(cells);
    cells[RV_L1] = "总分";
    cells[RV_WEIGHT] = weight_words(wr, s->weight_cents);
    cells[RV_CLAIMED] = claim_words(wr, s->claimed_total_cents);
    cells[RV_SELF_SCORE] = cents_words(wr, s->self_total_cents);
    cells[RV_REVIEW_SCORE] = cents_words(wr, s->review_total_cents);
    cells[RV_DIFF_CALC] = step_words(wr, s->claimed_total_cents, s->self_total_cents);
    cells[RV_DIFF] = cents_words(wr, s->diff_cents);
}

/* The grade the department wrote, "—" when it wrote none. */
static const char *claimed_grade_word(const jx_review_sheet *s)
{
    return grade_word(s->claimed_grade);
}

/* What backs the 填报结论: "（总分 100.00）", "（未填总分）", or "（未填报）" when the 自评表
 * wrote neither a 总分 nor a 结论. */
static const char *claimed_detail(jx_writer *wr, const jx_review_sheet *s)
{
    if (s->claimed_total_cents >= 0)
        return jx_scratch_printf(wr, "（总分 %s）", cents_words(wr, s->claimed_total_cents));
    return s->claimed_grade != JX_GRADE_NONE ? "（未填总分）" : "（未填报）";
}

/* What backs the 重算结论: "（总分 87.19，较填报 -12.81）", without the step when no 总分
 * was claimed. */
static const char *self_detail(jx_writer *wr, const jx_review_sheet *s)
{
    if (s->claimed_total_cents < 0)
        return jx_scratch_printf(wr, "（总分 %s）", cents_words(wr, s->self_total_cents));
    return jx_scratch_printf(wr, "（总分 %s，较填报 %s）", cents_words(wr, s->self_total_cents),
                             cents_words(wr, s->self_total_cents - s->claimed_total_cents));
}

/* What backs the 复核结论: "（总分 82.50，较重算 -4.69，较填报 -17.50）", without the last
 * step when no 总分 was claimed. */
static const char *review_detail(jx_writer *wr, const jx_review_sheet *s)
{
    if (s->claimed_total_cents < 0)
        return jx_scratch_printf(wr, "（总分 %s，较重算 %s）", cents_words(wr, s->review_total_cents),
                                 cents_words(wr, s->diff_cents));
    return jx_scratch_printf(wr, "（总分 %s，较重算 %s，较填报 %s）", cents_words(wr, s->review_total_cents),
                             cents_words(wr, s->diff_cents),
                             cents_words(wr, s->review_total_cents - s->claimed_total_cents));
}

/* The sentence under a sheet: how many indicators were reviewed, or that none was (a
 * project of the 抽查 sample the reviewer's table has no row of). The table itself sets
 * each claim beside its recomputation. An array of *n strings in the scratch arena (NULL
 * and *n 0 when it ran out). */
static const char **notes_words(jx_writer *wr, const jx_review_sheet *s, size_t *n)
{
    *n = 0;
    const char **v = jx_arena_alloc(&wr->scratch, sizeof *v);
    if (!v) {
        jx_scratch_fail(wr);
        return NULL;
    }
    size_t unreviewed = s->nlines - s->reviewed;
    v[(*n)++] = s->reviewed == 0 ? "尚未复核：复核表中没有本项目的行，复核列沿用自评。"
                : unreviewed ? jx_scratch_printf(wr, "已复核 %zu 个指标，%zu 个未复核，其复核列沿用自评。", s->reviewed,
                                                 unreviewed)
                             : jx_scratch_printf(wr, "已复核 %zu 个指标。", s->reviewed);
    return v;
}

/* ------------------------------------------------------------ the layout */

/** The head on the page: a table of its own, label · value · label · value. */
static const uint16_t head_share[4] = {120, 380, 120, 380};
static const jx_grid head_grid = {.ncols = {4, 0}, .page_share = head_share, .name = "head"};

/** The table's 15 columns: their shares of the page, in tenths of a percent (Σ 1000), and
 * their bounds on the sheet, in Excel's units. The sheet is printed across the page. */
static const uint16_t page_share[RV_NCOLS] = {70, 70, 100, 40, 55, 35, 40, 65, 65, 50, 50, 50, 50, 50, 210};
static const uint8_t sheet_min[RV_NCOLS] = {10, 10, 12, 10, 8, 6, 7, 12, 12, 10, 10, 10, 11, 11, 20};
static const uint8_t sheet_max[RV_NCOLS] = {16, 18, 24, 11, 14, 10, 11, 16, 16, 11, 11, 11, 12, 12, 36};
static const jx_grid sheet_grid = {
    .ncols = {RV_NCOLS, RV_NCOLS},
    .page_share = page_share,
    .sheet_min = sheet_min,
    .sheet_max = sheet_max,
    .name = "review",
    .landscape = 1,
};

/** The head's fields on the grids: 项目名称 over the row; 主管部门 beside 预算单位; on the sheet
 * the 自评表 beside the 复核表, which has a row of its own on the page. Every label is measured
 * on the sheet: 项目名称, 主管部门 and 自评表 stand in the first column, no wider than its head
 * 一级指标; 预算单位 stands over 权重. */
enum { F_PROJECT, F_DEPT, F_ORG, F_SELF_FILE, F_REVIEW_FILE, NFIELDS };
static const jx_field_place head_places[NFIELDS] = {
    [F_PROJECT] = {.label_cols = {1, 1}, .value_cols = {3, RV_NCOLS - 1}},
    [F_DEPT] = {.label_cols = {1, 1}, .value_cols = {1, 5}},
    [F_ORG] = {.label_cols = {1, 1}, .value_cols = {1, RV_NCOLS - 7}},
    [F_SELF_FILE] = {.label_cols = {1, 1}, .value_cols = {1, 5}, .off = {1, 0}},
    [F_REVIEW_FILE] = {.label_cols = {1, 1}, .value_cols = {3, RV_NCOLS - 7}},
};

/** The foot's fields, 复核人 and 日期, blank to sign by hand: on the page the head's four
 * columns, on the sheet 复核人 over the indicator's columns and 日期 over the rest. Their
 * labels are not measured (the columns are the table's). */
enum { F_REVIEWER, F_DATE, NFOOT };
static const jx_field_place foot_places[NFOOT] = {
    [F_REVIEWER] = {.label_cols = {1, 1}, .value_cols = {1, 6}, .nofit = 1},
    [F_DATE] = {.label_cols = {1, 1}, .value_cols = {1, RV_NCOLS - 8}, .nofit = 1},
};

/* A head of the table on the page over `nrows` rows and `ncols` columns; a place a head above
 * covers; the columns a head before spans. */
#define PAGE_HEAD(text, nrows, ncols) {.s = (text), .rows = (nrows), .kind = JX_CELL_LABEL, .cols = {(ncols), 1}}
#define UNDER {.s = "", .rows = 0, .kind = JX_CELL_LABEL, .covered = 1}
#define JOINED {.s = "", .rows = 1, .kind = JX_CELL_LABEL, .cols = {JX_COLS_JOINED, 1}}

/** The head on the page, two rows: the indicator's columns and 备注 over both; 完成值 over
 * 自评 and 复核, 得分 over 填报, 重算 and 复核, 偏差 over 重算−填报 and 复核−重算. (The sheet has
 * the heads a column each, in one row.) */
static const jx_cell page_head[2 * RV_NCOLS] = {
    PAGE_HEAD("一级指标", 2, 1), PAGE_HEAD("二级指标", 2, 1), PAGE_HEAD("三级指标", 2, 1),
    PAGE_HEAD("指标性质", 2, 1), PAGE_HEAD("指标值", 2, 1),   PAGE_HEAD("单位", 2, 1),
    PAGE_HEAD("权重", 2, 1),     PAGE_HEAD("完成值", 1, 2),   JOINED,
    PAGE_HEAD("得分", 1, 3),     JOINED,                      JOINED,
    PAGE_HEAD("偏差", 1, 2),     JOINED,                      PAGE_HEAD("备注", 2, 1),
    UNDER, UNDER, UNDER, UNDER, UNDER, UNDER, UNDER,
    PAGE_HEAD("自评", 1, 1),     PAGE_HEAD("复核", 1, 1),
    PAGE_HEAD("填报", 1, 1),     PAGE_HEAD("重算", 1, 1),     PAGE_HEAD("复核", 1, 1),
    PAGE_HEAD("重算−填报", 1, 1), PAGE_HEAD("复核−重算", 1, 1), UNDER,
};

#undef PAGE_HEAD
#undef UNDER
#undef JOINED

/* ------------------------------------------------------------ the list */

/** Columns of the 复核结果清单: a row per sheet. */
enum {
    L_NO, L_NAME, L_ORG, L_CLAIMED, L_CLAIMED_GRADE, L_SELF, L_SELF_GRADE, L_REVIEW, L_REVIEW_GRADE, L_DIFF_CALC,
    L_DIFF, L_REVIEWED, L_UNREVIEWED, LCOLS
};

static const char *const list_head[LCOLS] = {
    "序号", "项目名称", "预算单位", "填报总分", "填报结论", "重算总分", "重算结论", "复核总分", "复核结论",
    "重算−填报", "复核−重算", "已复核指标", "未复核指标",
};
static const uint8_t list_min[LCOLS] = {6, 20, 16, 10, 10, 10, 10, 10, 10, 11, 11, 12, 12};
static const uint8_t list_max[LCOLS] = {8, 40, 40, 12, 11, 12, 11, 12, 11, 12, 12, 13, 13};

/** Its title is its own, its rows as tall as their text, its head filtered even alone, and
 * it is printed across the page. */
static const jx_doc_list review_list = {
    .name = "复核结果清单",
    .title = "项目支出绩效自评复核结果清单",
    .head = list_head,
    .min = list_min,
    .max = list_max,
    .ncols = LCOLS,
    .own_title = 1,
    .fit_rows = 1,
    .filter_empty = 1,
    .landscape = 1,
};

/* ------------------------------------------------------------ the document */

static const jx_doc_head review_doc = {
    .title = "项目支出绩效自评复核表",
    .empty = "没有复核的项目。",
    .list = &review_list,
    .style = JX_STYLE_SHEET,
};

/* The alignment of the columns: numbers right, text left. */
static const char review_align[RV_NCOLS + 1] = "llllllrllrrrrrl";

/* What each column holds: the three names are labels, 权重 and the scores numbers. */
static const jx_cell_kind column_kind[RV_NCOLS] = {
    [RV_L1] = JX_CELL_LABEL,           [RV_L2] = JX_CELL_LABEL,           [RV_L3] = JX_CELL_LABEL,
    [RV_NATURE] = JX_CELL_TEXT,        [RV_TARGET] = JX_CELL_TEXT,        [RV_UNIT] = JX_CELL_TEXT,
    [RV_WEIGHT] = JX_CELL_NUMBER,      [RV_SELF_ACTUAL] = JX_CELL_TEXT,   [RV_REVIEW_ACTUAL] = JX_CELL_TEXT,
    [RV_CLAIMED] = JX_CELL_NUMBER,     [RV_SELF_SCORE] = JX_CELL_NUMBER,  [RV_REVIEW_SCORE] = JX_CELL_NUMBER,
    [RV_DIFF_CALC] = JX_CELL_NUMBER,   [RV_DIFF] = JX_CELL_NUMBER,        [RV_NOTE] = JX_CELL_TEXT,
};

/* Where each column's text stands on the grids: the name from the left, the 备注 as text,
 * the group cells as labels; everything else (values, 不适用, "—", nothing) centred. */
static const jx_cell_align column_align[RV_NCOLS] = {
    [RV_L1] = JX_ALIGN_AUTO,          [RV_L2] = JX_ALIGN_AUTO,          [RV_L3] = JX_ALIGN_LEFT,
    [RV_NATURE] = JX_ALIGN_CENTER,    [RV_TARGET] = JX_ALIGN_CENTER,    [RV_UNIT] = JX_ALIGN_CENTER,
    [RV_WEIGHT] = JX_ALIGN_CENTER,    [RV_SELF_ACTUAL] = JX_ALIGN_CENTER, [RV_REVIEW_ACTUAL] = JX_ALIGN_CENTER,
    [RV_CLAIMED] = JX_ALIGN_CENTER,   [RV_SELF_SCORE] = JX_ALIGN_CENTER, [RV_REVIEW_SCORE] = JX_ALIGN_CENTER,
    [RV_DIFF_CALC] = JX_ALIGN_CENTER, [RV_DIFF] = JX_ALIGN_CENTER,     [RV_NOTE] = JX_ALIGN_AUTO,
};

/* The columns not measured where the sheet fits its columns to their text: 指标性质 and the
 * three scores are as wide as their heads (and bounds) say. */
static const uint8_t column_nofit[RV_NCOLS] = {
    [RV_NATURE] = 1, [RV_CLAIMED] = 1, [RV_SELF_SCORE] = 1, [RV_REVIEW_SCORE] = 1};

/* True when s is a number as the words above write one: an optional '-', digits, at most
 * one '.' followed by digits. Such a cell is ASCII, as wide as it is long (doc.h). */
static bool is_number(const char *s)
{
    if (*s == '-')
        s++;
    if (!(*s >= '0' && *s <= '9'))
        return false;
    while (*s >= '0' && *s <= '9')
        s++;
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9'))
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

/* The cell of column c holding s: in a number column a number, "—" a dash, anything else
 * (不适用, nothing) text; placed on the grids as its column is. */
static jx_cell cell(size_t c, const char *s)
{
    jx_cell_kind k = column_kind[c];
    if (k == JX_CELL_NUMBER && !is_number(s))
        k = strcmp(s, "—") == 0 ? JX_CELL_DASH : JX_CELL_TEXT;
    jx_cell x = jx_cell_of(s, k);
    x.align = (uint8_t)column_align[c];
    x.nofit = column_nofit[c];
    return x;
}

/* The exact hundredths of a number cell, for the formats that store numbers (two places,
 * as every score of the sheet); nothing for a cell that shows no number. */
static void set_cents(jx_cell *c, int64_t cents)
{
    if (c->kind == JX_CELL_NUMBER)
        c->num = (jx_cell_num){.v = cents, .scale = 2, .places = 2, .set = 1};
}

/* A 偏差 other than 0 is marked. */
static void mark_diff(jx_cell *c, int64_t diff_cents)
{
    if (c->kind == JX_CELL_NUMBER && diff_cents != 0)
        c->look = JX_LOOK_MARKED;
}

/* The cells of a row the words above fill (execution, total): its names one cell over the
 * first `cols` columns on both grids, the names of the row its first cell (the others are
 * no labels); the cells after as they are, none measured but those `fit` names. */
static void row_of_words(const char *words[RV_NCOLS], size_t cols, const uint8_t fit[RV_NCOLS], jx_cell *cells)
{
    for (size_t c = 0; c < RV_NCOLS; c++) {
        cells[c] = cell(c, words[c]);
        cells[c].nofit = !fit[c];
    }
    cells[RV_L2].kind = cells[RV_L3].kind = JX_CELL_TEXT;
    cells[RV_L1].cols[JX_GRID_PAGE] = cells[RV_L1].cols[JX_GRID_SHEET] = (uint8_t)cols;
    for (size_t c = 1; c < cols; c++)
        cells[c].cols[JX_GRID_PAGE] = cells[c].cols[JX_GRID_SHEET] = JX_COLS_JOINED;
}

/* Whether line i starts a run of lines under one 一级指标 (and, with l2, one 二级指标 too):
 * the first line, or one whose group differs from the line before. */
static bool starts_group(const jx_review_sheet *s, size_t i, bool l2)
{
    if (i == 0)
        return true;
    const jx_review_line *l = &s->lines[i], *prev = &s->lines[i - 1];
    if (strcmp(prev->level1, l->level1) != 0)
        return true;
    return l2 && strcmp(prev->level2, l->level2) != 0;
}

/* The lines of the run that line i starts: it and those after it up to the next start. */
static uint32_t group_rows(const jx_review_sheet *s, size_t i, bool l2)
{
    assert(starts_group(s, i, l2));
    size_t end = i + 1;
    while (end < s->nlines && !starts_group(s, end, l2))
        end++;
    return (uint32_t)(end - i);
}

/* 项目名称, 主管部门, 预算单位 (left out when not given) and the reviewer's table; on the
 * grids (placed by head_places) with the 自评表 the project was read from, on the sheet. */
static void head_fields(jx_writer *wr, const jx_renderer *r, const jx_review_sheet *s)
{
    const jx_field v[] = {
        {.label = "项目名称", .value = s->project},
        {.label = "主管部门", .value = s->dept, .optional = 1},
        {.label = "预算单位", .value = s->org, .optional = 1},
        {.label = "复核表", .value = s->review_file},
    };
    const char *self_file = s->line ? jx_scratch_printf(wr, "%s:%u", s->file, (unsigned)s->line) : s->file;
    const jx_field on_grid[NFIELDS] = {
        [F_PROJECT] = v[0],
        [F_DEPT] = v[1],
        [F_ORG] = v[2],
        [F_SELF_FILE] = {.label = "自评表", .value = self_file},
        [F_REVIEW_FILE] = v[3],
    };
    const jx_fields_grid g = {.v = head_places, .fields = on_grid, .n = NFIELDS, .own = &head_grid};
    const jx_fields f = {.heading = "", .v = v, .n = 4, .per_row = 4, .grid = &g};
    r->fields(wr, &f);
}

/* The 单列 预算执行率: its label over the three names, scored from the funds on both sides;
 * nothing of it measured. */
static void execution_row(jx_writer *wr, const jx_renderer *r, const jx_review_sheet *s)
{
    static const uint8_t none[RV_NCOLS] = {0};
    const char *words[RV_NCOLS];
    jx_cell cells[RV_NCOLS];
    execution_words(wr, s, words);
    row_of_words(words, 3, none, cells);
    set_cents(&cells[RV_WEIGHT], s->execution_points_cents);
    set_cents(&cells[RV_SELF_SCORE], s->execution_cents);
    set_cents(&cells[RV_REVIEW_SCORE], s->execution_cents);
    set_cents(&cells[RV_DIFF], 0);
    r->row(wr, cells);
}

/* One indicator's row, its group cells spanning their runs of lines from the first (a
 * group without a name an empty cell over its lines) and covered below it. */
static void line_row(jx_writer *wr, const jx_renderer *r, const jx_review_sheet *s, size_t i, uint32_t *l1_left,
                     uint32_t *l2_left)
{
    /* a group cell's place on the rows below it that it spans */
    static const jx_cell covered = {.s = "", .rows = 0, .kind = JX_CELL_LABEL, .covered = 1};
    const jx_review_line *l = &s->lines[i];
    const char *words[RV_NCOLS];
    line_words(wr, l, words);
    jx_cell cells[RV_NCOLS];
    for (size_t c = 0; c < RV_NCOLS; c++)
        cells[c] = cell(c, words[c]);
    bool new_l1 = starts_group(s, i, false), new_l2 = starts_group(s, i, true);
    assert(new_l1 == (*l1_left == 0) && new_l2 == (*l2_left == 0));
    if (new_l1) {
        *l1_left = cells[RV_L1].rows = group_rows(s, i, false);
        cells[RV_L1].look = JX_LOOK_GROUP;
    } else {
        cells[RV_L1] = covered;
    }
    if (new_l2) {
        *l2_left = cells[RV_L2].rows = group_rows(s, i, true);
        cells[RV_L2].look = JX_LOOK_GROUP;
        cells[RV_L2].blank = cells[RV_L2].span_blank = !l->level2[0];
    } else {
        cells[RV_L2] = covered;
    }
    assert(*l2_left <= *l1_left); /* a 二级 group lies within its 一级 group */
    (*l1_left)--;
    (*l2_left)--;
    set_cents(&cells[RV_WEIGHT], l->weight_cents);
    cells[RV_WEIGHT].nofit = l->weight_cents < 0; /* "—" */
    if (!l->not_applicable) {
        set_cents(&cells[RV_CLAIMED], l->claimed_cents); /* a number cell only when claimed */
        set_cents(&cells[RV_SELF_SCORE], l->self_cents);
        set_cents(&cells[RV_REVIEW_SCORE], l->review_cents);
        set_cents(&cells[RV_DIFF], l->diff_cents);
        mark_diff(&cells[RV_DIFF], l->diff_cents);
        if (l->claimed_cents >= 0) {
            set_cents(&cells[RV_DIFF_CALC], l->self_cents - l->claimed_cents);
            mark_diff(&cells[RV_DIFF_CALC], l->self_cents - l->claimed_cents);
        }
    }
    cells[RV_NOTE].nofit = l->basis == JX_REVIEW_UNREVIEWED; /* the 备注 says so, the line has none */
    r->row(wr, cells);
}

/* 总分 over the columns before 权重: Σ 权重, the three totals and the two steps between them
 * (权重 and the steps measured). */
static void total_row(jx_writer *wr, const jx_renderer *r, const jx_review_sheet *s)
{
    static const uint8_t fit[RV_NCOLS] = {[RV_WEIGHT] = 1, [RV_DIFF_CALC] = 1, [RV_DIFF] = 1};
    const char *words[RV_NCOLS];
    jx_cell cells[RV_NCOLS];
    total_words(wr, s, words);
    row_of_words(words, RV_WEIGHT, fit, cells);
    cells[RV_L1].look = JX_LOOK_STRONG;
    set_cents(&cells[RV_WEIGHT], s->weight_cents);
    set_cents(&cells[RV_CLAIMED], s->claimed_total_cents);
    set_cents(&cells[RV_SELF_SCORE], s->self_total_cents);
    set_cents(&cells[RV_REVIEW_SCORE], s->review_total_cents);
    set_cents(&cells[RV_DIFF], s->diff_cents);
    mark_diff(&cells[RV_DIFF], s->diff_cents);
    if (s->claimed_total_cents >= 0) {
        set_cents(&cells[RV_DIFF_CALC], s->self_total_cents - s->claimed_total_cents);
        mark_diff(&cells[RV_DIFF_CALC], s->self_total_cents - s->claimed_total_cents);
    }
    r->row(wr, cells);
}

/* The table: a 单列 预算执行率, the indicators with their group cells spanning their
 * runs of lines, 总分. A group cell covers the rows below it that its span reaches, so a
 * covered cell always lies under one of an earlier row (doc.h). */
static void table(jx_writer *wr, const jx_renderer *r, const jx_review_sheet *s)
{
    const bool execution = s->execution_cents >= 0;
    const jx_table_spec t = {
        .heading = "",
        .role = JX_TABLE_GRID,
        .head = heads,
        .align = review_align,
        .ncols = RV_NCOLS,
        .nrows = (execution ? 1 : 0) + s->nlines + 1,
        .nfoot = 1,
        .grid_head = {page_head, NULL},
        .head_rows = {2, 1},
    };
    r->table_begin(wr, &t);
    if (execution)
        execution_row(wr, r, s);
    uint32_t l1_left = 0, l2_left = 0; /* rows the current group cells still span, this one included */
    for (size_t i = 0; i < s->nlines; i++)
        line_row(wr, r, s, i, &l1_left, &l2_left);
    assert(l1_left == 0 && l2_left == 0);
    total_row(wr, r, s);
    r->table_end(wr);
}

/* 填报结论, 重算结论 and 复核结论, each with its total and how far it moved: on the page the
 * label over three columns and the grade with its detail over the rest; on the sheet the
 * label, the grade, and the detail over the rest. */
static void verdicts(jx_writer *wr, const jx_renderer *r, const jx_review_sheet *s)
{
    const jx_verdict v[3] = {
        {.label = "填报结论", .grade = claimed_grade_word(s), .detail = claimed_detail(wr, s)},
        {.label = "重算结论", .grade = grade_word(s->self_grade), .detail = self_detail(wr, s)},
        {.label = "复核结论", .grade = grade_word(s->review_grade), .detail = review_detail(wr, s)},
    };
    const jx_conclusion c = {
        .full_label = "",
        .full_value = "",
        .v = v,
        .n = 3,
        .note = "",
        .label_cols = {3, 1},
        .grade_cols = {RV_NCOLS - 3, 1},
        .detail_cols = {0, RV_NCOLS - 2},
    };
    r->conclusion(wr, &c);
}

/* The notes: reviewed and unreviewed indicators, claims recomputed otherwise. */
static void notes(jx_writer *wr, const jx_renderer *r, const jx_review_sheet *s)
{
    size_t n;
    const char **v = notes_words(wr, s, &n);
    if (!v || n == 0)
        return; /* the scratch arena ran out: the writer failed */
    const jx_notes ns = {.v = v, .n = n};
    r->notes(wr, &ns);
}

/* The foot: 复核人 and 日期, blank to fill in and sign by hand. */
static void foot(jx_writer *wr, const jx_renderer *r)
{
    const jx_field v[NFOOT] = {
        [F_REVIEWER] = {.label = "复核人", .value = "", .fill = 1},
        [F_DATE] = {.label = "日期", .value = "", .fill = 1},
    };
    const jx_fields_grid g = {.v = foot_places, .n = NFOOT, .own = &head_grid};
    const jx_fields f = {.heading = "", .v = v, .n = NFOOT, .per_row = NFOOT, .grid = &g};
    r->fields(wr, &f);
}

/* The sheet's row of the 复核结果清单 (list->ncols cells): 序号, the project and its unit, the
 * three totals stored as numbers (填报 a dash when none was claimed) with their grades, the
 * two steps, the indicators reviewed and not. Every cell is measured. */
static const jx_cell *list_row(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    jx_cell *c = jx_arena_alloc(&wr->scratch, LCOLS * sizeof *c);
    if (!c) {
        jx_scratch_fail(wr);
        return NULL;
    }
    const bool claimed = s->claimed_total_cents >= 0;
    const struct {
        size_t col;
        int64_t v;
        uint8_t scale;
        bool set;
    } nums[] = {
        {L_NO, (int64_t)i + 1, 0, true},
        {L_CLAIMED, s->claimed_total_cents, 2, claimed},
        {L_SELF, s->self_total_cents, 2, true},
        {L_REVIEW, s->review_total_cents, 2, true},
        {L_DIFF_CALC, s->self_total_cents - s->claimed_total_cents, 2, claimed},
        {L_DIFF, s->diff_cents, 2, true},
        {L_REVIEWED, (int64_t)s->reviewed, 0, true},
        {L_UNREVIEWED, (int64_t)(s->nlines - s->reviewed), 0, true},
    };
    for (size_t k = 0; k < sizeof nums / sizeof *nums; k++) {
        if (!nums[k].set) {
            c[nums[k].col] = jx_cell_of("—", JX_CELL_DASH);
            c[nums[k].col].align = JX_ALIGN_CENTER;
            continue;
        }
        char buf[JX_DEC_BUFSZ];
        const char *text = jx_scratch_str(wr, jx_fixed_format(nums[k].v, nums[k].scale, buf, sizeof buf));
        c[nums[k].col] = jx_cell_of(text, JX_CELL_NUMBER);
        c[nums[k].col].num = (jx_cell_num){.v = nums[k].v, .scale = nums[k].scale, .places = nums[k].scale, .set = 1};
    }
    c[L_NAME] = jx_cell_of(s->project, JX_CELL_TEXT);
    c[L_ORG] = jx_cell_of(s->org[0] ? s->org : s->dept, JX_CELL_TEXT);
    c[L_CLAIMED_GRADE] = jx_cell_of(claimed_grade_word(s), JX_CELL_TEXT);
    c[L_CLAIMED_GRADE].align = JX_ALIGN_CENTER;
    c[L_SELF_GRADE] = jx_cell_of(grade_word(s->self_grade), JX_CELL_TEXT);
    c[L_SELF_GRADE].align = JX_ALIGN_CENTER;
    c[L_REVIEW_GRADE] = jx_cell_of(grade_word(s->review_grade), JX_CELL_TEXT);
    c[L_REVIEW_GRADE].align = JX_ALIGN_CENTER;
    return c;
}

/* One sheet as a part of the document. */
static void build_sheet(jx_writer *wr, const jx_renderer *r, const jx_review_sheet *s, size_t i)
{
    assert(jx_review_sheet_consistent(s));
    assert(r->notes); /* a renderer of the sheet draws its notes */
    const char *caption = s->year > 0 ? jx_scratch_printf(wr, "（%d年度）", s->year) : "";
    const jx_part pt = {
        .title = review_doc.title,
        .caption = caption,
        .name = s->project,
        .index = i,
        .grid = &sheet_grid,
        .file = s->file,
        .list_row = list_row(wr, s, i),
    };
    r->part_begin(wr, &pt);
    head_fields(wr, r, s);
    table(wr, r, s);
    verdicts(wr, r, s);
    notes(wr, r, s);
    foot(wr, r);
    r->part_end(wr);
}

/* ------------------------------------------------------------ reporters
 * A jx_review_reporter's functions get the writer only: each format's are bound here to
 * its reporter, whose render draws the document. */

static void doc_begin(jx_writer *wr)
{
    wr->render->doc_begin(wr, &review_doc);
}

static void doc_sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    build_sheet(wr, wr->render, s, i);
}

static void doc_finish(jx_writer *wr, size_t nsheets)
{
    wr->render->doc_end(wr, &review_doc, nsheets);
}

const jx_review_reporter jx_review_doc_reporter = {
    .name = "document", .begin = doc_begin, .sheet = doc_sheet, .finish = doc_finish};
