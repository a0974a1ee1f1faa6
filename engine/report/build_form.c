/* SPDX-License-Identifier: MIT */
/* build_form.c — the 项目支出绩效自评表 as a document (doc.h): what each project's form
 * says, worded once for every renderer.
 *
 * A part per project: the title and year; 项目名称 / 主管部门 / 预算单位; the 资金 table;
 * 年度总体目标; the indicator table in the form's order (order.h) with the 一级 and 二级
 * cells spanning their rows, a 单列 预算执行率 first and 总分 last; 满分 (when 不适用
 * indicators lowered it), 自评结论 and the policy's bands; the foot to sign (填报人, 审核人,
 * 联系电话, 填报日期); with --explain how each score was computed; then, unless
 * JX_WRITE_NO_FINDINGS (the form as submitted), the project's findings.
 *
 * A form is handed on: it names a file as the command line gave it when relative, by its
 * name alone when absolute (file_shown), so no form says where a file lay on the machine
 * that wrote it.
 *
 * The form's layout is the official form's, stated here as data (doc.h, "form grid"): the
 * printed page's nine columns (a column for the sections' labels, then the indicator
 * table's eight) and the sheet's eight, where each label, value and cell sits, the exact
 * numbers the workbook stores, and the document's list of projects (自评结果清单).
 *
 * The document's data (jx_doc_head.data) is the score CSV (jx_reporter_csv) of each part's
 * project, its file named as the form names it: the workbook carries it as its last sheet,
 * 数据, the one read back (docs/audit.md).
 */
#include "doc.h"

#include "csv.h"

#include <assert.h>
#include <string.h>

/* ------------------------------------------------------------------ the grid */

/** The page's columns: the sections' labels (项目资金, 年度总体目标, 绩效指标), then those of
 * the indicator table; each one's share of the width in tenths of a percent. */
static const uint16_t page_share[9] = {60, 120, 150, 150, 95, 95, 55, 75, 200};

/** The sheet's columns, those of the indicator table (the sections' labels in the first):
 * the narrowest and widest each may be, in Excel's units. */
static const uint8_t sheet_min[8] = {10, 10, 12, 10, 10, 7, 8, 20};
static const uint8_t sheet_max[8] = {16, 18, 22, 14, 14, 10, 10, 30};

static const jx_grid form_grid = {
    .ncols = {9, 8},
    .page_share = page_share,
    .sheet_min = sheet_min,
    .sheet_max = sheet_max,
};

/* ------------------------------------------------------------------ the tables */

/** Columns of the indicator table. */
enum { COL_L1, COL_L2, COL_L3, COL_TARGET, COL_ACTUAL, COL_WEIGHT, COL_SCORE, COL_REASON, NCOLS };

static const char *const ind_head[NCOLS] = {
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分", "偏差原因分析及改进措施",
};

/* A head of the form: bold; not measured when nofit (the group, name and reason columns
 * are as wide as what they hold, not as their heads). */
#define HEAD(text, no_fit) {.s = (text), .rows = 1, .kind = JX_CELL_LABEL, .look = JX_LOOK_STRONG, .nofit = (no_fit)}

/** The indicator table's head on both grids: a column each. */
static const jx_cell ind_grid_head[NCOLS] = {
    HEAD("一级指标", 1), HEAD("二级指标", 1), HEAD("三级指标", 1), HEAD("年度指标值", 0),
    HEAD("实际完成值", 0), HEAD("权重", 0), HEAD("得分", 0), HEAD("偏差原因分析及改进措施", 1),
};

/** Columns of the funds table. */
enum { FCOL_SOURCE, FCOL_INITIAL, FCOL_BUDGET, FCOL_SPENT, FCOL_RATE, NFCOLS };

static const char *const funds_head[NFCOLS] = {"资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率"};

/** The funds table's columns on each grid: on the page 全年预算数 (A) and 全年执行数 (B)
 * take two columns each, on the sheet 执行率 takes the last three. Σ 7 beside the label. */
static const uint8_t funds_cols[NFCOLS][JX_NGRIDS] = {{1, 1}, {1, 1}, {2, 1}, {2, 1}, {1, 3}};

/** Its head as the page prints it, and as the sheet has it (no head measured: the 资金
 * columns are those of the indicators, which set their widths). */
static const jx_cell funds_page_head[NFCOLS] = {
    HEAD("资金来源", 1), HEAD("年初预算数", 1),
    {.s = "全年预算数\n（A）", .rows = 1, .kind = JX_CELL_LABEL, .look = JX_LOOK_STRONG, .nofit = 1, .cols = {2, 1}},
    {.s = "全年执行数\n（B）", .rows = 1, .kind = JX_CELL_LABEL, .look = JX_LOOK_STRONG, .nofit = 1, .cols = {2, 1}},
    HEAD("执行率\n（B/A）", 1),
};
static const jx_cell funds_sheet_head[NFCOLS] = {
    HEAD("资金来源", 1), HEAD("年初预算数", 1), HEAD("全年预算数", 1), HEAD("全年执行数", 1),
    {.s = "执行率", .rows = 1, .kind = JX_CELL_LABEL, .look = JX_LOOK_STRONG, .nofit = 1, .cols = {1, 3}},
};

/* ------------------------------------------------------------------ the fields */

/** 项目名称 over the row; 主管部门 and 预算单位 side by side. */
static const jx_field_place head_places[3] = {
    {.label_cols = {2, 1}, .value_cols = {7, 7}},
    {.label_cols = {2, 1}, .value_cols = {3, 3}},
    {.label_cols = {1, 1}, .value_cols = {3, 3}},
};
static const jx_fields_grid head_grid = {.v = head_places};

/** 预期目标 and 实际完成情况 over their texts, beside the section's label; 目标偏离原因分析,
 * 整改措施及建议 and 其他需说明的问题 a row each, their long labels wrapped (the official form's
 * rows, in its order). */
static const jx_field_place goal_places[5] = {
    {.label_cols = {4, 4}, .value_cols = {4, 4}, .above = 1},
    {.label_cols = {3, 3}, .value_cols = {3, 3}, .above = 1},
    {.label_cols = {2, 1}, .value_cols = {7, 7}, .nofit = 1},
    {.label_cols = {2, 1}, .value_cols = {7, 7}, .nofit = 1},
    {.label_cols = {2, 1}, .value_cols = {7, 7}, .nofit = 1},
};
static const jx_fields_grid goal_grid = {.heading_cols = {2, 1}, .v = goal_places};

/* ------------------------------------------------------------------ the list */

/** Columns of the 自评结果清单, as the 附件 of a department's final accounts lists projects. */
enum { L_NO, L_ORG, L_NAME, L_TOTAL, L_GRADE, LCOLS };

static const char *const list_head[LCOLS] = {"序号", "预算部门（单位）", "项目名称", "总分", "自评结论"};
static const uint8_t list_min[LCOLS] = {6, 16, 20, 9, 10};
static const uint8_t list_max[LCOLS] = {8, 40, 50, 12, 10};

static const jx_doc_list form_list = {
    .name = "自评结果清单", .title = "项目支出绩效自评结果清单", .head = list_head, .min = list_min, .max = list_max, .ncols = LCOLS};

/* The data a workbook carries in its last sheet, 数据, to be read back (docs/audit.md): the
 * rows of `score --format csv`, which keep the department's claims where the form shows
 * the recomputed 得分. */
static const jx_doc_head form_doc = {
    .title = "项目支出绩效自评表",
    .empty = "没有可以计分的项目。",
    .list = &form_list,
    .data = &jx_reporter_csv,
    .data_name = JX_CSV_DATA_SHEET,
};

static const char *const steps_head[3] = {"指标", "计分过程", "计分方法"};

/** The foot, as forms handed in are signed: who filled it in, who checked it, a telephone
 * to ask, the date. On the sheet a pair of columns each, the date's the last two (the
 * reasons' column is the widest). */
static const jx_blank foot_lines[4] = {
    {.label = "填报人", .fill = "　　　　　　", .cols = {0, 2}},
    {.label = "审核人", .fill = "　　　　　　", .cols = {0, 2}},
    {.label = "联系电话", .fill = "　　　　　　", .cols = {0, 2}},
    {.label = "填报日期", .fill = "　　年　　月　　日", .cols = {0, 2}},
};
static const jx_foot form_foot = {.v = foot_lines, .n = 4};

/* ------------------------------------------------------------------ cells */

/** A cell of nothing: "" in a column of each grid. */
static const jx_cell empty_cell = {.s = "", .rows = 1, .kind = JX_CELL_TEXT};

/* Sets *c to a cell of kind k holding s, a column on each grid. (Cells are set in place:
 * they are copied to nowhere, which keeps the text forms as fast as they were.) */
static void set(jx_cell *c, const char *s, jx_cell_kind k)
{
    *c = empty_cell;
    c->s = s;
    c->kind = (uint8_t)k;
}

/* Sets *c to the number cell of the text s the form helpers made: a dash when it is "—",
 * else a number holding num (when set). */
static void set_number(jx_cell *c, const char *s, jx_cell_num num)
{
    int dash = strcmp(s, "—") == 0;
    set(c, s, dash ? JX_CELL_DASH : JX_CELL_NUMBER);
    if (!dash && num.set)
        c->num = num;
}

/* *c takes `page` columns on the page and `sheet` on the sheet. */
static void set_cols(jx_cell *c, uint8_t page, uint8_t sheet)
{
    c->cols[JX_GRID_PAGE] = page;
    c->cols[JX_GRID_SHEET] = sheet;
}

/* The exact decimal d, shown with its own places, at least two. */
static jx_cell_num dec_num(jx_dec d)
{
    assert(d.scale >= 0 && d.scale <= JX_DEC_MAX_SCALE);
    return (jx_cell_num){.v = d.v, .scale = (uint8_t)d.scale, .places = (uint8_t)(d.scale > 2 ? d.scale : 2), .set = 1};
}

/* A score of `units` with the project's decimals. */
static jx_cell_num score_num(const jx_project *p, int64_t units)
{
    return (jx_cell_num){.v = units, .scale = (uint8_t)p->decimals, .places = (uint8_t)p->decimals, .set = 1};
}

/* A rate in hundredths of a percent (9668 is 96.68%), as the fraction it is. */
static jx_cell_num rate_num(int64_t rate)
{
    return (jx_cell_num){.v = rate, .scale = 4, .places = 2, .percent = 1, .set = 1};
}

/* The cells of one row, empty. */
static void clear(jx_cell *cells, size_t n)
{
    for (size_t c = 0; c < n; c++)
        cells[c] = empty_cell;
}

/* ------------------------------------------------------------------ blocks */

/* 项目名称, 主管部门, 预算单位. */
static void head_fields(jx_writer *wr, const jx_renderer *r, const jx_project *p)
{
    const jx_field v[] = {
        {.label = "项目名称", .value = p->name.s},
        {.label = "主管部门", .value = p->dept.s, .optional = 1},
        {.label = "预算单位", .value = p->org.s, .optional = 1},
    };
    const jx_fields f = {.heading = "", .v = v, .n = 3, .per_row = 3, .grid = &head_grid};
    r->fields(wr, &f);
}

/* The 资金 table, when the project has funds. */
static void funds(jx_writer *wr, const jx_renderer *r, const jx_project *p)
{
    if (p->nfunds == 0)
        return;
    jx_arena *ar = &wr->scratch;
    const char *heading = "项目资金", *page_heading = "项目资金";
    if (p->money_unit.n) {
        const char *s = jx_arena_printf(ar, "项目资金（%s）", p->money_unit.s);
        const char *ps = jx_arena_printf(ar, "项目资金\n（%s）", p->money_unit.s);
        heading = s ? s : jx_scratch_fail(wr);
        page_heading = ps ? ps : jx_scratch_fail(wr);
    }
    const jx_table_spec t = {
        .heading = heading,
        .role = JX_TABLE_SECTION,
        .head = funds_head,
        .align = "lrrrr",
        .ncols = NFCOLS,
        .nrows = p->nfunds,
        .grid_heading = {page_heading, heading},
        .heading_cols = {2, 1},
        .grid_head = {funds_page_head, funds_sheet_head},
    };
    r->table_begin(wr, &t);
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        jx_cell cells[NFCOLS];
        set(&cells[FCOL_SOURCE], f->source.s, JX_CELL_LABEL);
        cells[FCOL_SOURCE].align = JX_ALIGN_LEFT;
        /* an amount not given (a target table's row: 年初预算 alone) is a dash, never 0 */
        set_number(&cells[FCOL_INITIAL], f->has_initial ? jx_form_dec(ar, f->initial) : "—", dec_num(f->initial));
        set_number(&cells[FCOL_BUDGET], f->has_budget ? jx_form_dec(ar, f->budget) : "—", dec_num(f->budget));
        set_number(&cells[FCOL_SPENT], f->has_spent ? jx_form_dec(ar, f->spent) : "—", dec_num(f->spent));
        set_number(&cells[FCOL_RATE], jx_form_funds_rate(ar, f), rate_num(jx_funds_rate(f)));
        for (size_t c = 0; c < NFCOLS; c++)
            set_cols(&cells[c], funds_cols[c][JX_GRID_PAGE], funds_cols[c][JX_GRID_SHEET]);
        r->row(wr, cells);
    }
    r->table_end(wr);
}

/* 年度总体目标: 预期目标 beside 实际完成情况, then 目标偏离原因分析, 整改措施及建议 and
 * 其他需说明的问题. */
static void goals(jx_writer *wr, const jx_renderer *r, const jx_project *p)
{
    const jx_field v[] = {
        {.label = "预期目标", .value = p->goal.s},
        {.label = "实际完成情况", .value = p->outcome.s},
        {.label = "目标偏离原因分析", .value = p->deviation.s, .optional = 1},
        {.label = "整改措施及建议", .value = p->remedy.s, .optional = 1},
        {.label = "其他需说明的问题", .value = "", .optional = 1}, /* the rule language has no text for it */
    };
    const jx_fields f = {.heading = "年度总体目标", .v = v, .n = 5, .per_row = 2, .optional = 1, .grid = &goal_grid};
    r->fields(wr, &f);
}

/* Places the 总分 row's 权重 is shown with: those of the most precise weight, at least two. */
static uint8_t weight_places(const jx_project *p)
{
    int places = 2;
    for (size_t i = 0; i < p->ninds; i++)
        if (p->inds[i].has_weight && p->inds[i].weight.scale > places)
            places = p->inds[i].weight.scale;
    return (uint8_t)places;
}

/* The 单列 预算执行率 row: its label over the three group and name columns. Not measured: the
 * 权重 and 得分 columns are as wide as the indicators' (and 总分's) figures. */
static void execution_row(jx_writer *wr, const jx_renderer *r, const jx_project *p)
{
    jx_arena *ar = &wr->scratch;
    jx_cell cells[NCOLS];
    clear(cells, NCOLS);
    set(&cells[COL_L1], jx_form_exec_label(ar, p), JX_CELL_LABEL);
    set_cols(&cells[COL_L1], 3, 3);
    set_cols(&cells[COL_L2], JX_COLS_JOINED, JX_COLS_JOINED);
    set_cols(&cells[COL_L3], JX_COLS_JOINED, JX_COLS_JOINED);
    set(&cells[COL_TARGET], "100%", JX_CELL_NUMBER);
    set_number(&cells[COL_ACTUAL], jx_form_total_rate(ar, p), rate_num(jx_project_funds_rate(p)));
    set_number(&cells[COL_WEIGHT], jx_form_dec(ar, p->exec_points), dec_num(p->exec_points));
    set_number(&cells[COL_SCORE], jx_form_score(ar, p, p->exec_score), score_num(p, p->exec_score));
    for (size_t c = COL_TARGET; c <= COL_SCORE; c++)
        cells[c].nofit = 1;
    r->row(wr, cells);
}

/* One indicator's cells after its group cells. Its score is not measured: 总分 bounds it. */
static void indicator_cells(jx_writer *wr, jx_cell *cells, const jx_project *p, const jx_indicator *ind)
{
    jx_arena *ar = &wr->scratch;
    set(&cells[COL_L3], ind->name.s, JX_CELL_LABEL);
    cells[COL_L3].align = JX_ALIGN_LEFT;
    set(&cells[COL_TARGET], ind->target.present ? ind->target.text.s : "", JX_CELL_TEXT);
    cells[COL_TARGET].align = JX_ALIGN_CENTER;
    set(&cells[COL_ACTUAL], ind->actual.present ? ind->actual.text.s : "", JX_CELL_TEXT);
    cells[COL_ACTUAL].align = JX_ALIGN_CENTER;
    set_number(&cells[COL_WEIGHT], jx_form_weight(ar, ind), ind->has_weight ? dec_num(ind->weight) : (jx_cell_num){0});
    const char *score = jx_form_indicator_score(ar, p, ind);
    if (strcmp(score, "不适用") == 0) {
        set(&cells[COL_SCORE], score, JX_CELL_TEXT);
        cells[COL_SCORE].align = JX_ALIGN_CENTER;
    } else {
        set_number(&cells[COL_SCORE], score, score_num(p, ind->score));
    }
    cells[COL_SCORE].nofit = 1;
    set(&cells[COL_REASON], ind->reason.s, JX_CELL_TEXT);
}

/* The row of a group without indicators: nothing under 三级指标 … 权重 (one cell over the
 * first three on the page), and 0 for its score like the form. */
static void empty_group_cells(jx_writer *wr, jx_cell *cells, const jx_project *p)
{
    for (size_t c = COL_L3; c <= COL_WEIGHT; c++)
        cells[c].blank = 1;
    set_cols(&cells[COL_L3], 3, 1);
    set_cols(&cells[COL_TARGET], JX_COLS_JOINED, 1);
    set_cols(&cells[COL_ACTUAL], JX_COLS_JOINED, 1);
    int64_t units = p->scored ? 0 : -1;
    set_number(&cells[COL_SCORE], jx_form_score(&wr->scratch, p, units), score_num(p, units));
    cells[COL_SCORE].nofit = 1;
}

/* The indicator table: a 单列 预算执行率, the rows with their group cells, 总分. */
static void indicators(jx_writer *wr, const jx_renderer *r, const jx_project *p, const jx_form *f)
{
    jx_arena *ar = &wr->scratch;
    const jx_table_spec t = {
        .heading = "绩效指标",
        .role = JX_TABLE_GRID,
        .head = ind_head,
        .align = "lllllrrl",
        .ncols = NCOLS,
        .nrows = (p->exec_separate ? 1 : 0) + f->nrows + 1,
        .nfoot = 1,
        .grid_heading = {"绩效指标", NULL},
        .heading_cols = {1, 0},
        .grid_head = {ind_grid_head, ind_grid_head},
    };
    r->table_begin(wr, &t);
    if (p->exec_separate)
        execution_row(wr, r, p);
    jx_cell cells[NCOLS];
    for (size_t i = 0; i < f->nrows; i++) {
        const jx_form_row *row = &f->rows[i];
        clear(cells, NCOLS);
        if (row->l1_span) {
            set(&cells[COL_L1], jx_form_group_label(ar, p, row->l1), JX_CELL_LABEL);
            cells[COL_L1].rows = row->l1_span;
            cells[COL_L1].look = JX_LOOK_GROUP;
        } else {
            cells[COL_L1].covered = 1;
            cells[COL_L1].rows = 0;
        }
        if (row->l2_span) {
            set(&cells[COL_L2], row->l2 ? jx_form_group_label(ar, p, row->l2) : "", JX_CELL_LABEL);
            cells[COL_L2].rows = row->l2_span;
            cells[COL_L2].look = JX_LOOK_GROUP;
            cells[COL_L2].blank = row->l2 == NULL; /* indicators written directly in their 一级 */
        } else {
            cells[COL_L2].covered = 1;
            cells[COL_L2].rows = 0;
        }
        if (row->ind)
            indicator_cells(wr, cells, p, row->ind);
        else
            empty_group_cells(wr, cells, p);
        r->row(wr, cells);
    }
    /* 总分: from the grid's first column, under the section's label */
    clear(cells, NCOLS);
    set(&cells[COL_L1], "总分", JX_CELL_LABEL);
    set_cols(&cells[COL_L1], 6, 5);
    cells[COL_L1].look = JX_LOOK_STRONG;
    for (size_t c = COL_L2; c <= COL_ACTUAL; c++)
        set_cols(&cells[c], JX_COLS_JOINED, JX_COLS_JOINED);
    jx_cell_num sum = dec_num(f->weight_sum);
    sum.places = weight_places(p);
    set_number(&cells[COL_WEIGHT], jx_form_dec(ar, f->weight_sum), sum);
    cells[COL_WEIGHT].nofit = 1;
    set_number(&cells[COL_SCORE], jx_form_score(ar, p, p->total), score_num(p, p->total));
    cells[COL_SCORE].look = JX_LOOK_STRONG;
    cells[COL_REASON].blank = 1;
    r->row(wr, cells);
    r->table_end(wr);
}

/* 满分 when stated, 自评结论 and the bands. */
static void conclusion(jx_writer *wr, const jx_renderer *r, const jx_project *p)
{
    jx_full_marks fm;
    jx_full_marks_of(p, &fm);
    const jx_verdict grade = {.label = "自评结论", .grade = jx_form_grade(p), .detail = ""};
    jx_conclusion c = {
        .full_label = "",
        .full_value = "",
        .v = &grade,
        .n = 1,
        .note = "",
        .label_cols = {2, 1},
        .grade_cols = {2, 1},
    };
    if (fm.stated) {
        c.full_label = jx_form_full_marks_label;
        c.full_value = jx_form_full_marks_value(&wr->scratch, &fm);
    }
    if (p->scored && p->band_note)
        c.note = p->band_note;
    r->conclusion(wr, &c);
}

/* 计分过程: each indicator's formula with the numbers put in (--explain), in the form's order. */
static void explain(jx_writer *wr, const jx_renderer *r, const jx_project *p, const jx_form *f)
{
    if (!p->scored)
        return;
    jx_arena *ar = &wr->scratch;
    jx_step *v = jx_arena_alloc(ar, (f->nrows + 1) * sizeof *v);
    if (!v) {
        jx_scratch_fail(wr);
        return;
    }
    size_t n = 0;
    if (p->exec_separate)
        v[n++] = (jx_step){"预算执行率", p->exec_formula ? p->exec_formula : "", jx_method_code(JX_METHOD_EXECUTION)};
    for (size_t i = 0; i < f->nrows; i++) {
        const jx_indicator *ind = f->rows[i].ind;
        if (!ind)
            continue;
        char small[256];
        jx_sbuf b;
        jx_sbuf_init(&b, small, sizeof small, ar);
        jx_formula_write(&b, ind, p->decimals);
        const char *text = jx_arena_strndup(ar, b.s, b.len);
        v[n++] = (jx_step){ind->name.s, text ? text : "", jx_method_code(ind->method)};
    }
    const jx_steps s = {.heading = "计分过程", .v = v, .n = n, .head = steps_head};
    r->steps(wr, &s);
}

/* ------------------------------------------------------------ the list's row */

/* The unit's name as the 附件 lists it: without the budget system's code before it
 * ("301001-绍兴市…（本级）" is listed "绍兴市…（本级）"); the code stays on the form. */
static const char *unit_name(const char *s)
{
    const char *c = s;
    while (*c >= '0' && *c <= '9')
        c++;
    return c > s && *c == '-' && c[1] ? c + 1 : s;
}

/* The project's row of the 自评结果清单: 序号 (not measured: the column is as narrow as
 * its head allows), the unit, the name, 总分 stored as a number, 自评结论. */
static const jx_cell *list_row(jx_writer *wr, const jx_project *p)
{
    jx_cell *c = jx_arena_alloc(&wr->scratch, LCOLS * sizeof *c);
    if (!c) {
        jx_scratch_fail(wr);
        return NULL;
    }
    uint64_t no = (uint64_t)wr->nprojects + 1;
    c[L_NO] = jx_cell_of(jx_scratch_printf(wr, "%llu", (unsigned long long)no), JX_CELL_NUMBER);
    c[L_NO].num = (jx_cell_num){.v = (int64_t)no, .set = 1};
    c[L_NO].nofit = 1;
    c[L_ORG] = jx_cell_of(unit_name(p->org.n ? p->org.s : p->dept.s), JX_CELL_TEXT);
    c[L_NAME] = jx_cell_of(p->name.s, JX_CELL_TEXT);
    if (p->scored) {
        c[L_TOTAL] = jx_cell_of(jx_form_score(&wr->scratch, p, p->total), JX_CELL_NUMBER);
        c[L_TOTAL].num = score_num(p, p->total);
    } else {
        c[L_TOTAL] = jx_cell_of("—", JX_CELL_DASH);
    }
    c[L_GRADE] = jx_cell_of(jx_form_grade(p), JX_CELL_TEXT);
    c[L_GRADE].align = JX_ALIGN_CENTER;
    return c;
}

/* ------------------------------------------------------------ files */

/* The file as a form names it: as given when relative ("samples/a.jx"), by its name alone
 * when absolute ("/home/…/samples/a.jx" is "a.jx"; a sheet read from it keeps its
 * "[sheet]", whose name has no '/'). */
static const char *file_shown(const char *file)
{
    if (!file || file[0] != '/')
        return file;
    const char *slash = strrchr(file, '/');
    assert(slash);
    return slash + 1;
}

/* p's findings as the form lists them: their files shown (file_shown), in the scratch
 * arena when one is absolute, else p's own; NULL (the writer failed) when it ran out. */
static const jx_diag *findings_shown(jx_writer *wr, const jx_project *p)
{
    const jx_diag *v = p->diags.v;
    size_t n = p->diags.n, i = 0;
    while (i < n && file_shown(v[i].file) == v[i].file)
        i++;
    if (i == n)
        return v;
    jx_diag *c = jx_arena_alloc(&wr->scratch, n * sizeof *c);
    if (!c) {
        jx_scratch_fail(wr);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        c[i] = v[i];
        c[i].file = file_shown(v[i].file);
    }
    return c;
}

/* p as the document's data shows it: its file as the form names it (file_shown), so its
 * 位置 cells (which are not read back) name no folder either — a shallow copy in the
 * scratch arena when that differs, read only; NULL (the writer failed) when it ran out. */
static const jx_project *data_shown(jx_writer *wr, const jx_project *p)
{
    const char *file = file_shown(p->src.file);
    if (file == p->src.file)
        return p;
    jx_project *c = jx_arena_alloc(&wr->scratch, sizeof *c);
    if (!c) {
        jx_scratch_fail(wr);
        return NULL;
    }
    *c = *p;
    c->src.file = file;
    return c;
}

/* ------------------------------------------------------------ reporter */

static void begin(jx_writer *wr, const jx_project *first)
{
    (void)first;
    wr->render->doc_begin(wr, &form_doc);
}

static void project(jx_writer *wr, const jx_project *p)
{
    const jx_renderer *r = wr->render;
    jx_form f;
    if (jx_form_build(&f, p, &wr->scratch) != JX_OK) {
        jx_scratch_fail(wr);
        return;
    }
    const char *caption = "", *list_title = "";
    if (p->has_year) {
        const char *s = jx_arena_printf(&wr->scratch, "（%d年度）", p->year > 0 ? p->year : 0);
        caption = s ? s : jx_scratch_fail(wr);
    }
    if (p->has_year && p->year > 0) {
        const char *s = jx_arena_printf(&wr->scratch, "%d年%s", p->year, form_list.title);
        list_title = s ? s : jx_scratch_fail(wr);
    }
    const jx_part pt = {
        .title = form_doc.title,
        .caption = caption,
        .name = p->name.s,
        .index = wr->nprojects,
        .grid = &form_grid,
        .file = file_shown(p->src.file),
        .list_row = list_row(wr, p),
        .list_title = list_title,
        .project = data_shown(wr, p),
    };
    r->part_begin(wr, &pt);
    head_fields(wr, r, p);
    funds(wr, r, p);
    goals(wr, r, p);
    indicators(wr, r, p, &f);
    conclusion(wr, r, p);
    assert(r->foot);
    r->foot(wr, &form_foot);
    if (wr->flags & JX_WRITE_EXPLAIN)
        explain(wr, r, p, &f);
    if (!(wr->flags & JX_WRITE_NO_FINDINGS)) {
        const jx_diag *v = findings_shown(wr, p);
        if (v)
            r->findings(wr, v, p->diags.n);
    }
    r->part_end(wr);
}

static void finish(jx_writer *wr)
{
    wr->render->doc_end(wr, &form_doc, wr->nprojects);
}

const jx_reporter jx_form_doc_reporter = {"document", begin, project, finish, NULL};

/* ------------------------------------------------ the grid and the texts of its cells */

/* ------------------------------------------------------------- full marks */

const char jx_form_full_marks_label[] = "满分";

const char *jx_form_full_marks_value(jx_arena *ar, const jx_full_marks *fm)
{
    if (!fm->stated)
        return "";
    char full[JX_DEC_BUFSZ], dropped[JX_DEC_BUFSZ];
    const char *s = jx_arena_printf(ar, "%s（不适用 %s 分剔除）", jx_dec_format(fm->full, full, sizeof full),
                                    jx_dec_format(fm->dropped, dropped, sizeof dropped));
    return s ? s : "";
}

/* ------------------------------------------------------------ the rows */

/* Appends the rows of group g's indicators (ind[0..n), or one empty row when there are
 * none and `empty_row` is set) under l1 and l2; returns how many were added. */
static size_t add_rows(jx_form *f, const jx_indicator *const *ind, size_t n, const jx_group *l1,
                       const jx_group *l2, int empty_row)
{
    if (n == 0 && !empty_row)
        return 0;
    size_t first = f->nrows;
    if (n == 0) {
        jx_form_row *r = &f->rows[f->nrows++];
        memset(r, 0, sizeof *r);
        r->l1 = l1;
        r->l2 = l2;
    }
    for (size_t k = 0; k < n; k++) {
        jx_form_row *r = &f->rows[f->nrows++];
        memset(r, 0, sizeof *r);
        r->ind = ind[k];
        r->l1 = l1;
        r->l2 = l2;
    }
    size_t added = f->nrows - first;
    f->rows[first].l2_span = (uint32_t)added;
    return added;
}

jx_result jx_form_build(jx_form *f, const jx_project *p, jx_arena *ar)
{
    memset(f, 0, sizeof *f);
    jx_order o;
    if (jx_order_build(&o, p, ar) != JX_OK)
        return JX_ERR_NOMEM;
    /* rows: every indicator, plus one per empty group that the form still shows */
    size_t cap = p->ninds + p->ngroups + 1;
    f->rows = jx_arena_alloc(ar, cap * sizeof *f->rows);
    if (!f->rows)
        return JX_ERR_NOMEM;
    size_t at = 0; /* the next indicator of o.inds */
    for (size_t t = 0; t < o.ngroups;) {
        const jx_group *top = o.groups[t++];
        if (top->level != 1)
            continue;
        size_t first = f->nrows;
        size_t gi = (size_t)(top - p->groups), n = 0;
        while (at + n < o.ninds && o.inds[at + n]->group == gi)
            n++;
        add_rows(f, o.inds + at, n, top, NULL, 0);
        at += n;
        for (; t < o.ngroups && o.groups[t]->level == 2 && o.groups[t]->parent == gi; t++) {
            size_t si = (size_t)(o.groups[t] - p->groups);
            n = 0;
            while (at + n < o.ninds && o.inds[at + n]->group == si)
                n++;
            add_rows(f, o.inds + at, n, top, o.groups[t], 1);
            at += n;
        }
        if (f->nrows == first)
            add_rows(f, NULL, 0, top, NULL, 1); /* an empty 一级 group: one row, scored 0 */
        f->rows[first].l1_span = (uint32_t)(f->nrows - first);
    }
    f->weight_sum = jx_weight_total(p);
    return JX_OK;
}

/* A copy of buf in ar, or "" when ar ran out. */
static const char *keep(jx_arena *ar, const char *buf)
{
    const char *s = jx_arena_strndup(ar, buf, strlen(buf));
    return s ? s : "";
}

const char *jx_form_group_label(jx_arena *ar, const jx_project *p, const jx_group *g)
{
    if (!g->has_points)
        return g->name.s;
    char buf[JX_DEC_BUFSZ];
    jx_fixed_format(jx_dec_to_units(g->points, p->decimals), p->decimals, buf, sizeof buf);
    /* "%s (%s分)" put together by hand: a label heads every group of every form */
    static const char close[] = "分)";
    size_t n = g->name.n, m = strlen(buf);
    char *s = jx_arena_alloc(ar, n + 2 + m + sizeof close);
    if (!s)
        return g->name.s;
    memcpy(s, g->name.s, n);
    memcpy(s + n, " (", 2);
    memcpy(s + n + 2, buf, m);
    memcpy(s + n + 2 + m, close, sizeof close);
    return s;
}

const char *jx_form_exec_label(jx_arena *ar, const jx_project *p)
{
    char buf[JX_DEC_BUFSZ];
    jx_fixed_format(jx_dec_to_units(p->exec_points, p->decimals), p->decimals, buf, sizeof buf);
    const char *s = jx_arena_printf(ar, "预算执行率 (%s分)", buf);
    return s ? s : "预算执行率";
}

const char *jx_form_score(jx_arena *ar, const jx_project *p, int64_t units)
{
    if (!p->scored || units < 0)
        return "—";
    char buf[JX_DEC_BUFSZ];
    jx_fixed_format(units, p->decimals, buf, sizeof buf);
    return keep(ar, buf);
}

const char *jx_form_indicator_score(jx_arena *ar, const jx_project *p, const jx_indicator *ind)
{
    if (ind->not_applicable && (!p->scored || ind->method == JX_METHOD_NOT_APPLICABLE))
        return "不适用";
    return jx_form_score(ar, p, ind->score);
}

const char *jx_form_weight(jx_arena *ar, const jx_indicator *ind)
{
    return ind->has_weight ? jx_form_dec(ar, ind->weight) : "—";
}

const char *jx_form_dec(jx_arena *ar, jx_dec d)
{
    char buf[JX_DEC_BUFSZ];
    jx_dec_format(d, buf, sizeof buf);
    return keep(ar, buf);
}

/* "96.68%" for a rate in hundredths of a percent, "—" for a negative one. */
static const char *rate_cell(jx_arena *ar, int64_t rate)
{
    if (rate < 0)
        return "—";
    char buf[JX_DEC_BUFSZ];
    jx_fixed_format(rate, 2, buf, sizeof buf);
    const char *s = jx_arena_printf(ar, "%s%%", buf);
    return s ? s : "—";
}

const char *jx_form_funds_rate(jx_arena *ar, const jx_funds *f)
{
    return rate_cell(ar, jx_funds_rate(f));
}

const char *jx_form_total_rate(jx_arena *ar, const jx_project *p)
{
    return rate_cell(ar, jx_project_funds_rate(p));
}

const char *jx_form_grade(const jx_project *p)
{
    if (!p->scored || p->grade == JX_GRADE_NONE)
        return "—";
    return jx_grade_name(p->grade);
}
