/* SPDX-License-Identifier: MIT */
/* write_template_xlsx.c — the actuals template as an Excel workbook (`template --format
 * xlsx`), and the template's columns the CSV template (write_csv.c) writes too.
 *
 * Two sheets, each a list under its own header row (xlsx_book.h: frozen, filtered,
 * repeated on every printed page, A4 landscape fitted to the width, columns as wide as
 * their text by display width):
 *   指标  one row per indicator in the order of the 自评表 (order.h): 主管部门 … 权重 to
 *         read, then 实际完成值, 评定, 偏差原因分析及改进措施, 得分 to fill;
 *   项目  one row per project: 主管部门, 单位, 项目, 金额单位 to read, then 年初预算,
 *         全年预算, 全年执行, 实际完成情况, 目标偏离原因, 整改措施 to fill.
 * Both sheets are protected without a password: the cells to read are locked and shaded,
 * the cells to fill unlocked (JX_XLSX_LOCKED, JX_XLSX_INPUT). The 评定 cell of a 定性 row
 * offers 达成/部分达成/未达成 in a drop-down and takes nothing else; 年初预算, 全年预算 and
 * 全年执行 take numbers ≥ 0. Every cell to fill starts empty, even where the rule file has a value:
 * an empty cell read back (actuals.c) changes nothing, so what is not filled keeps what
 * the rule file says. The book is written in order (flat memory for any number of
 * projects) with a fixed document time unless JX_WRITE_TIMESTAMP, so the same input gives
 * the same bytes.
 */
#include "report.h"

#include "xlsx_book.h"

#include <assert.h>
#include <time.h>

const char *const jx_template_indicator_head[JX_TEMPLATE_INDICATOR_COLS] = {
    "主管部门", "单位", "项目", "一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "权重",
    "实际完成值", "评定", "偏差原因分析及改进措施", "得分",
};

const char *const jx_template_project_head[JX_TEMPLATE_PROJECT_COLS] = {
    "主管部门", "单位", "项目", "金额单位", "年初预算", "全年预算", "全年执行", "实际完成情况", "目标偏离原因", "整改措施",
};

/** The 评定 column of the 指标 sheet, where 定性 rows get their drop-down. */
#define COL_JUDGE 10

const char *jx_template_kind(const jx_indicator *ind)
{
    return jx_indicator_qualitative(ind) ? "定性" : "定量";
}

/* Narrowest and widest widths of the columns, in Excel's units (characters of '0'). */
static const double ind_min[JX_TEMPLATE_INDICATOR_COLS] = {8, 8, 10, 8, 8, 10, 8, 10, 5, 12, 10, 24, 6};
static const double ind_max[JX_TEMPLATE_INDICATOR_COLS] = {24, 24, 30, 14, 14, 30, 8, 24, 6, 24, 10, 40, 8};
static const double proj_min[JX_TEMPLATE_PROJECT_COLS] = {8, 8, 10, 8, 12, 12, 12, 30, 30, 30};
static const double proj_max[JX_TEMPLATE_PROJECT_COLS] = {24, 24, 30, 8, 14, 14, 14, 40, 40, 40};

static const jx_xlsx_list_spec indicator_sheet = {
    .name = "指标", .head = jx_template_indicator_head, .min = ind_min, .max = ind_max,
    .ncols = JX_TEMPLATE_INDICATOR_COLS, .landscape = 1, .protect = 1,
};

static const jx_xlsx_list_spec project_sheet = {
    .name = "项目", .head = jx_template_project_head, .min = proj_min, .max = proj_max,
    .ncols = JX_TEMPLATE_PROJECT_COLS, .landscape = 1, .protect = 1,
};

/** The workbook being written and its two lists. */
typedef struct tpl_state {
    jx_xlsx_book book;  /* the workbook on its temporary file */
    jx_xlsx_list inds;  /* the 指标 sheet */
    jx_xlsx_list projs; /* the 项目 sheet */
} tpl_state;

/* Releases the workbook of a writer destroyed before finishing (the state's release). */
static void state_free(jx_writer *wr)
{
    tpl_state *st = wr->state;
    jx_xlsx_discard(&st->book);
}

/* The writer's state, NULL when beginning failed. */
static tpl_state *state_of(jx_writer *wr)
{
    return wr->state;
}

static void tpl_begin(jx_writer *wr, const jx_project *first)
{
    (void)first;
    tpl_state *st = jx_writer_state_new(wr, sizeof *st, state_free);
    if (!st)
        return;
    time_t created = (wr->flags & JX_WRITE_TIMESTAMP) ? time(NULL) : JX_XLSX_FIXED_TIME;
    jx_result rc = jx_xlsx_open(&st->book, wr->alloc, "实际完成值模板", created);
    if (rc != JX_OK) {
        wr->err = rc;
        jx_writer_state_drop(wr);
        return;
    }
    jx_xlsx_list_open(&st->inds, &st->book, &indicator_sheet);
    jx_xlsx_list_open(&st->projs, &st->book, &project_sheet);
    jx_out_xlsx_error(wr, &st->book);
}

/* Restricts the cell at row, col of the list's sheet by dv; a failure is the book's. */
static void validate(tpl_state *st, jx_xlsx_list *l, uint32_t row, size_t col, lxw_data_validation *dv)
{
    if (st->book.err != JX_OK || !l->cu.sh.ws)
        return;
    if (worksheet_data_validation_cell(l->cu.sh.ws, row, (lxw_col_t)col, dv) != LXW_NO_ERROR)
        st->book.err = JX_ERR_NOMEM;
}

/* The 评定 drop-down of a 定性 row. */
static void judge_list(tpl_state *st, uint32_t row)
{
    static const char *judges[] = {"达成", "部分达成", "未达成", NULL};
    lxw_data_validation dv = {
        .validate = LXW_VALIDATION_TYPE_LIST,
        .value_list = (char **)judges,
        .show_error = LXW_VALIDATION_ON,
        .error_title = "评定",
        .error_message = "请从下拉列表中选择：达成、部分达成或未达成",
    };
    validate(st, &st->inds, row, COL_JUDGE, &dv);
}

/* An amount cell (年初预算, 全年预算, 全年执行): a number not below 0. */
static void amount_rule(tpl_state *st, uint32_t row, size_t col)
{
    lxw_data_validation dv = {
        .validate = LXW_VALIDATION_TYPE_DECIMAL,
        .criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
        .value_number = 0,
        .show_error = LXW_VALIDATION_ON,
        .error_title = "金额",
        .error_message = "请填写不小于 0 的数字",
    };
    validate(st, &st->projs, row, col, &dv);
}

/* The project's three naming cells, locked, at the start of a list's row. */
static void name_cells(jx_xlsx_list *l, const jx_project *p)
{
    jx_xlsx_list_text(l, 0, p->dept.s, JX_XLSX_LOCKED);
    jx_xlsx_list_text(l, 1, p->org.s, JX_XLSX_LOCKED);
    jx_xlsx_list_text(l, 2, p->name.s, JX_XLSX_LOCKED);
}

static void tpl_project(jx_writer *wr, const jx_project *p)
{
    tpl_state *st = state_of(wr);
    if (!st)
        return;
    jx_order ord;
    if (!jx_writer_order(wr, p, &ord))
        return;
    for (size_t i = 0; i < ord.ninds; i++) {
        const jx_indicator *ind = ord.inds[i];
        uint32_t row = jx_xlsx_list_row(&st->inds);
        name_cells(&st->inds, p);
        jx_xlsx_list_text(&st->inds, 3, jx_indicator_level1(ind), JX_XLSX_LOCKED);
        jx_xlsx_list_text(&st->inds, 4, jx_indicator_level2(ind), JX_XLSX_LOCKED);
        jx_xlsx_list_text(&st->inds, 5, ind->name.s, JX_XLSX_LOCKED);
        jx_xlsx_list_text(&st->inds, 6, jx_template_kind(ind), JX_XLSX_LOCKED);
        jx_xlsx_list_text(&st->inds, 7, ind->target.present ? ind->target.text.s : "", JX_XLSX_LOCKED);
        jx_xlsx_list_text(&st->inds, 8, ind->has_weight ? jx_form_dec(&wr->scratch, ind->weight) : "",
                          JX_XLSX_LOCKED);
        for (size_t c = JX_TEMPLATE_INDICATOR_INPUT; c < JX_TEMPLATE_INDICATOR_COLS; c++)
            jx_xlsx_list_text(&st->inds, c, "", JX_XLSX_INPUT);
        if (jx_indicator_qualitative(ind))
            judge_list(st, row);
    }
    uint32_t row = jx_xlsx_list_row(&st->projs);
    name_cells(&st->projs, p);
    jx_xlsx_list_text(&st->projs, JX_TEMPLATE_PROJECT_FIRST, p->money_unit.s, JX_XLSX_LOCKED);
    for (size_t c = JX_TEMPLATE_PROJECT_INPUT; c < JX_TEMPLATE_PROJECT_COLS; c++)
        jx_xlsx_list_text(&st->projs, c, "", JX_XLSX_INPUT);
    for (size_t c = JX_TEMPLATE_PROJECT_INPUT; c < JX_TEMPLATE_PROJECT_INPUT + JX_TEMPLATE_PROJECT_AMOUNTS; c++)
        amount_rule(st, row, c);
    jx_out_xlsx_error(wr, &st->book);
}

static void tpl_finish(jx_writer *wr)
{
    tpl_state *st = state_of(wr);
    if (!st)
        return;
    if (wr->err == JX_OK) {
        jx_xlsx_list_close(&st->inds);
        jx_xlsx_list_close(&st->projs);
        jx_out_xlsx_close(wr, &st->book);
    }
    jx_writer_state_drop(wr);
}

const jx_reporter jx_reporter_template_xlsx = {.name = "template", .begin = tpl_begin, .project = tpl_project,
                                               .finish = tpl_finish};
