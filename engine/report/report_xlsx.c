/* report_xlsx.c — the 自评表 as an Excel workbook.
 *
 * One workbook for the whole run: a first sheet 自评结果清单 listing every project (序号,
 * 预算部门（单位）, 项目名称, 总分, 自评结论, as the 附件 of a department's final accounts
 * lists them), then one sheet per project laid out as the official 项目支出绩效自评表:
 * title and year, 项目名称 / 主管部门 / 预算单位, the 资金 block, 年度总体目标, the indicator
 * table with the 一级 and 二级 cells merged over their rows, 总分 and 自评结论 with the
 * band note. Below the printed form come the formulas (with --explain) and the warnings.
 * Numbers are stored as numbers; the workbook is built by xlsx_book.c.
 */
#include "report.h"

#include "alloc.h"
#include "form.h"
#include "order.h"
#include "report_parts.h"
#include "score.h"
#include "xlsx_book.h"

#include <stdbool.h>
#include <string.h>
#include <time.h>

/** Columns of a project's sheet: those of the indicator table, which the blocks above share. */
enum { C_L1, C_L2, C_L3, C_TARGET, C_ACTUAL, C_WEIGHT, C_SCORE, C_REASON, NCOLS };

static const char *const table_head[NCOLS] = {
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分", "偏差原因分析及改进措施",
};

/** The narrowest and widest each column of a project's sheet may be, in Excel's units. */
static const double col_min[NCOLS] = {10, 10, 12, 10, 10, 7, 8, 20};
static const double col_max[NCOLS] = {16, 18, 22, 14, 14, 10, 10, 30};

/** Columns of the 自评结果清单. */
enum { L_NO, L_ORG, L_NAME, L_TOTAL, L_GRADE, LCOLS };

static const char *const list_head[LCOLS] = {"序号", "预算部门（单位）", "项目名称", "总分", "自评结论"};

static const double list_min[LCOLS] = {6, 16, 20, 9, 10};
static const double list_max[LCOLS] = {8, 40, 50, 12, 10};

/** The name of the first sheet. */
#define LIST_SHEET "自评结果清单"

/** A writer's workbook, from the first project to finish. */
typedef struct xlsx_state {
    jx_xlsx_book book;         /* the workbook */
    jx_xlsx_sheet list;        /* the 自评结果清单 */
    uint32_t listed;           /* projects in the list */
    int year;                  /* the year all listed projects share: 0 before the first, -1 when none is shared */
    double list_w[LCOLS];      /* the widest cell of each column of the list */
} xlsx_state;

/** A project's sheet being laid out, row by row. */
typedef struct form {
    jx_writer *wr;         /* for the scratch arena */
    jx_xlsx_book *bk;      /* the workbook */
    jx_xlsx_sheet sh;      /* the sheet */
    const jx_project *p;   /* the project */
    uint32_t row;          /* the row being written */
    unsigned lines;        /* the most lines a wrapped cell of this row takes */
} form;

/* ------------------------------------------------------------------ numbers */

/* The exact decimal d as the nearest double (v and 10^scale are exact doubles, and one
 * division rounds once). */
static double dec_value(jx_dec d)
{
    return (double)d.v / (double)jx_pow10_128(d.scale);
}

/* Places to show d with: its own, at least two. */
static int dec_places(jx_dec d)
{
    return d.scale > 2 ? d.scale : 2;
}

/* units × 10^-decimals as a double. */
static double units_value(int64_t units, int decimals)
{
    return (double)units / (double)jx_pow10_128(decimals);
}

/* units × 10^-decimals as text with exactly `decimals` places, in the scratch arena. */
static const char *units_text(jx_writer *wr, int64_t units, int decimals)
{
    char buf[JX_DEC_BUFSZ];
    jx_fixed_format(units, decimals, buf, sizeof buf);
    const char *s = jx_arena_strndup(&wr->scratch, buf, strlen(buf));
    return s ? s : "";
}

/* ------------------------------------------------------------------ rows */

/* Notes that s, wrapped over columns c1..c2 of the current row, needs its lines. */
static void fit(form *f, size_t c1, size_t c2, const char *s)
{
    unsigned n = jx_xlsx_lines(&f->sh, c1, c2, s);
    if (n > f->lines)
        f->lines = n;
}

/* Closes the current row: makes it tall enough for its text, and moves to the next. */
static void end_row(form *f)
{
    jx_xlsx_row_lines(f->bk, &f->sh, f->row, f->lines);
    f->lines = 1;
    f->row++;
}

/* Text in one cell of the current row, wrapped. */
static void text(form *f, size_t col, const char *s, jx_xlsx_style st)
{
    jx_xlsx_text(f->bk, &f->sh, f->row, col, s, st);
    fit(f, col, col, s);
}

/* Text across columns c1..c2 of the current row, wrapped. */
static void span(form *f, size_t c1, size_t c2, const char *s, jx_xlsx_style st)
{
    jx_xlsx_merge(f->bk, &f->sh, f->row, c1, f->row, c2, s, st);
    fit(f, c1, c2, s);
}

/* "产出指标 (60.00分)", or the bare name when no points were declared. */
static const char *group_label(form *f, const jx_group *g)
{
    if (!g->has_points)
        return g->name.s;
    const char *pts = units_text(f->wr, jx_dec_to_units(g->points, f->p->decimals), f->p->decimals);
    const char *s = jx_arena_printf(&f->wr->scratch, "%s (%s分)", g->name.s, pts);
    return s ? s : g->name.s;
}

/* ------------------------------------------------------------------ widths */

/* Widens w[col] to hold s on one line. */
static void widen(double *w, size_t col, const char *s)
{
    double need = jx_xlsx_text_width(s);
    if (need > w[col])
        w[col] = need;
}

/* Widens w[col] to hold the decimal d shown with `places` places. */
static void widen_dec(form *f, double *w, size_t col, jx_dec d, int places)
{
    widen(w, col, units_text(f->wr, jx_dec_to_units(d, places), places));
}

/* Sets the columns of the project's sheet to fit its cells that stand in one column,
 * within col_min..col_max; longer text wraps. */
static void size_columns(form *f)
{
    const jx_project *p = f->p;
    double w[NCOLS];
    for (size_t c = 0; c < NCOLS; c++)
        w[c] = col_min[c];
    for (size_t c = C_TARGET; c <= C_SCORE; c++)
        widen(w, c, table_head[c]);
    widen(w, C_L1, "项目名称");
    for (size_t i = 0; i < p->nfunds; i++) {
        widen(w, C_L2, p->funds[i].source.s);
        widen_dec(f, w, C_L3, p->funds[i].initial, dec_places(p->funds[i].initial));
        widen_dec(f, w, C_TARGET, p->funds[i].budget, dec_places(p->funds[i].budget));
        widen_dec(f, w, C_ACTUAL, p->funds[i].spent, dec_places(p->funds[i].spent));
    }
    for (size_t g = 0; g < p->ngroups; g++)
        widen(w, p->groups[g].level == 1 ? C_L1 : C_L2, group_label(f, &p->groups[g]));
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        widen(w, C_L3, ind->name.s);
        if (ind->target.present)
            widen(w, C_TARGET, ind->target.text.s);
        if (ind->actual.present)
            widen(w, C_ACTUAL, ind->actual.text.s);
        if (ind->has_weight)
            widen_dec(f, w, C_WEIGHT, ind->weight, dec_places(ind->weight));
        widen(w, C_REASON, ind->reason.s);
    }
    if (p->scored)
        widen(w, C_SCORE, units_text(f->wr, p->total, p->decimals));
    for (size_t c = 0; c < NCOLS; c++)
        if (w[c] > col_max[c])
            w[c] = col_max[c];
    jx_xlsx_set_widths(f->bk, &f->sh, w);
}

/* ------------------------------------------------------------------ blocks */

/* The title, the year, and the 项目名称 / 主管部门 / 预算单位 rows. */
static void heading(form *f)
{
    const jx_project *p = f->p;
    span(f, 0, NCOLS - 1, "项目支出绩效自评表", JX_XLSX_TITLE);
    jx_xlsx_row_height(f->bk, &f->sh, f->row, 28);
    f->lines = 1;
    f->row++;
    if (p->has_year) {
        const char *y = jx_arena_printf(&f->wr->scratch, "（%d年度）", p->year);
        span(f, 0, NCOLS - 1, y ? y : "", JX_XLSX_CAPTION);
        end_row(f);
    }
    text(f, C_L1, "项目名称", JX_XLSX_LABEL);
    span(f, C_L2, C_REASON, p->name.s, JX_XLSX_TEXT);
    end_row(f);
    text(f, C_L1, "主管部门", JX_XLSX_LABEL);
    span(f, C_L2, C_TARGET, p->dept.s, JX_XLSX_TEXT);
    text(f, C_ACTUAL, "预算单位", JX_XLSX_LABEL);
    span(f, C_WEIGHT, C_REASON, p->org.s, JX_XLSX_TEXT);
    end_row(f);
}

/* The 资金 block: 资金来源, 年初预算数, 全年预算数, 全年执行数 and 执行率 per row. */
static void funds(form *f)
{
    const jx_project *p = f->p;
    if (p->nfunds == 0)
        return;
    const char *label = "项目资金";
    if (p->money_unit.n) {
        const char *l = jx_arena_printf(&f->wr->scratch, "项目资金（%s）", p->money_unit.s);
        label = l ? l : label;
    }
    jx_xlsx_merge(f->bk, &f->sh, f->row, C_L1, f->row + (uint32_t)p->nfunds, C_L1, label, JX_XLSX_LABEL);
    text(f, C_L2, "资金来源", JX_XLSX_HEAD);
    text(f, C_L3, "年初预算数", JX_XLSX_HEAD);
    text(f, C_TARGET, "全年预算数", JX_XLSX_HEAD);
    text(f, C_ACTUAL, "全年执行数", JX_XLSX_HEAD);
    span(f, C_WEIGHT, C_REASON, "执行率", JX_XLSX_HEAD);
    end_row(f);
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *fu = &p->funds[i];
        text(f, C_L2, fu->source.s, JX_XLSX_TEXT);
        jx_xlsx_number(f->bk, &f->sh, f->row, C_L3, dec_value(fu->initial), dec_places(fu->initial));
        jx_xlsx_number(f->bk, &f->sh, f->row, C_TARGET, dec_value(fu->budget), dec_places(fu->budget));
        jx_xlsx_number(f->bk, &f->sh, f->row, C_ACTUAL, dec_value(fu->spent), dec_places(fu->spent));
        int64_t rate = jx_funds_rate(fu);
        if (rate < 0)
            span(f, C_WEIGHT, C_REASON, "—", JX_XLSX_CENTER);
        else
            jx_xlsx_merge_percent(f->bk, &f->sh, f->row, C_WEIGHT, f->row, C_REASON, (double)rate / 10000.0);
        end_row(f);
    }
}

/* 年度总体目标: 预期目标 beside 实际完成情况, then 目标偏离原因分析 and 整改措施及建议 when given. */
static void goals(form *f)
{
    const jx_project *p = f->p;
    if (!p->goal.n && !p->outcome.n && !p->deviation.n && !p->remedy.n)
        return;
    jx_xlsx_merge(f->bk, &f->sh, f->row, C_L1, f->row + 1, C_L1, "年度总体目标", JX_XLSX_LABEL);
    span(f, C_L2, C_ACTUAL, "预期目标", JX_XLSX_HEAD);
    span(f, C_WEIGHT, C_REASON, "实际完成情况", JX_XLSX_HEAD);
    end_row(f);
    span(f, C_L2, C_ACTUAL, p->goal.s, JX_XLSX_TEXT);
    span(f, C_WEIGHT, C_REASON, p->outcome.s, JX_XLSX_TEXT);
    end_row(f);
    if (p->deviation.n) {
        text(f, C_L1, "目标偏离原因分析", JX_XLSX_LABEL);
        span(f, C_L2, C_REASON, p->deviation.s, JX_XLSX_TEXT);
        end_row(f);
    }
    if (p->remedy.n) {
        text(f, C_L1, "整改措施及建议", JX_XLSX_LABEL);
        span(f, C_L2, C_REASON, p->remedy.s, JX_XLSX_TEXT);
        end_row(f);
    }
}

/* The score of units in column C_SCORE: a number, or "—" before scoring. */
static void score_cell(form *f, int64_t units)
{
    if (!f->p->scored || units < 0)
        text(f, C_SCORE, "—", JX_XLSX_CENTER);
    else
        jx_xlsx_number(f->bk, &f->sh, f->row, C_SCORE, units_value(units, f->p->decimals), f->p->decimals);
}

/* One indicator's row (its group cells are merged by the caller). */
static void indicator_row(form *f, const jx_indicator *ind)
{
    const jx_project *p = f->p;
    text(f, C_L3, ind->name.s, JX_XLSX_TEXT);
    text(f, C_TARGET, ind->target.present ? ind->target.text.s : "", JX_XLSX_CENTER);
    text(f, C_ACTUAL, ind->actual.present ? ind->actual.text.s : "", JX_XLSX_CENTER);
    if (ind->has_weight)
        jx_xlsx_number(f->bk, &f->sh, f->row, C_WEIGHT, dec_value(ind->weight), dec_places(ind->weight));
    else
        text(f, C_WEIGHT, "—", JX_XLSX_CENTER);
    if (ind->not_applicable && (!p->scored || ind->method == JX_METHOD_NOT_APPLICABLE))
        text(f, C_SCORE, "不适用", JX_XLSX_CENTER);
    else
        score_cell(f, ind->score);
    text(f, C_REASON, ind->reason.s, JX_XLSX_TEXT);
    end_row(f);
}

/* The row of a group without indicators: blank cells, and 0 for its score like the form. */
static void empty_group_row(form *f)
{
    for (size_t c = C_L3; c <= C_REASON; c++)
        if (c != C_SCORE)
            text(f, c, "", JX_XLSX_TEXT);
    score_cell(f, f->p->scored ? 0 : -1);
    end_row(f);
}

/* The indicator rows as the form lays them out (form.h): each 一级 cell merged over its
 * rows, each 二级 cell over its own. */
static void indicator_rows(form *f, const jx_form *fl)
{
    const jx_project *p = f->p;
    for (size_t r = 0; r < fl->nrows; r++) {
        const jx_form_row *row = &fl->rows[r];
        if (row->l1_span) {
            const char *label = group_label(f, row->l1);
            jx_xlsx_merge(f->bk, &f->sh, f->row, C_L1, f->row + row->l1_span - 1, C_L1, label, JX_XLSX_LABEL);
            if (row->l1_span == 1)
                fit(f, C_L1, C_L1, label);
        }
        if (!row->l2) {
            text(f, C_L2, "", JX_XLSX_LABEL);
        } else if (row->l2_span) {
            const char *sublabel = group_label(f, row->l2);
            jx_xlsx_merge(f->bk, &f->sh, f->row, C_L2, f->row + row->l2_span - 1, C_L2, sublabel, JX_XLSX_LABEL);
            if (row->l2_span == 1)
                fit(f, C_L2, C_L2, sublabel);
        }
        if (row->ind)
            indicator_row(f, row->ind);
        else
            empty_group_row(f);
    }
    (void)p;
}

/* The indicator table, 总分 and 自评结论; returns the row of its header. */
static uint32_t indicator_table(form *f)
{
    const jx_project *p = f->p;
    uint32_t head = f->row;
    for (size_t c = 0; c < NCOLS; c++)
        text(f, c, table_head[c], JX_XLSX_HEAD);
    end_row(f);

    int places = 2; /* the 总分 row's 权重 with as many places as the most precise weight */
    for (size_t i = 0; i < p->ninds; i++)
        if (p->inds[i].has_weight && dec_places(p->inds[i].weight) > places)
            places = dec_places(p->inds[i].weight);
    if (p->exec_separate) {
        const char *pts = units_text(f->wr, jx_dec_to_units(p->exec_points, p->decimals), p->decimals);
        const char *label = jx_arena_printf(&f->wr->scratch, "预算执行率 (%s分)", pts);
        span(f, C_L1, C_L3, label ? label : "预算执行率", JX_XLSX_LABEL);
        text(f, C_TARGET, "100%", JX_XLSX_CENTER);
        int64_t rate = jx_project_funds_rate(p);
        if (rate < 0)
            text(f, C_ACTUAL, "—", JX_XLSX_CENTER);
        else
            jx_xlsx_number_styled(f->bk, &f->sh, f->row, C_ACTUAL, (double)rate / 10000.0, JX_XLSX_PERCENT);
        jx_xlsx_number(f->bk, &f->sh, f->row, C_WEIGHT, dec_value(p->exec_points), dec_places(p->exec_points));
        score_cell(f, p->exec_score);
        text(f, C_REASON, "", JX_XLSX_TEXT);
        end_row(f);
    }
    jx_form fl;
    if (jx_form_build(&fl, p, &f->wr->scratch) != JX_OK)
        jx_scratch_fail(f->wr);
    else
        indicator_rows(f, &fl);

    span(f, C_L1, C_ACTUAL, "总分", JX_XLSX_LABEL);
    jx_xlsx_number(f->bk, &f->sh, f->row, C_WEIGHT, dec_value(jx_weight_total(p)), places);
    score_cell(f, p->total);
    text(f, C_REASON, "", JX_XLSX_TEXT);
    end_row(f);

    jx_full_marks fm;
    jx_full_marks_of(p, &fm);
    if (fm.stated) { /* 满分 80（不适用 20 分剔除） */
        text(f, C_L1, jx_form_full_marks_label, JX_XLSX_LABEL);
        span(f, C_L2, C_REASON, jx_form_full_marks_value(&f->wr->scratch, &fm), JX_XLSX_TEXT);
        end_row(f);
    }

    text(f, C_L1, "自评结论", JX_XLSX_LABEL);
    text(f, C_L2, p->scored && p->grade != JX_GRADE_NONE ? jx_grade_name(p->grade) : "—", JX_XLSX_CENTER);
    span(f, C_L3, C_REASON, p->scored && p->band_note ? p->band_note : "", JX_XLSX_TEXT);
    end_row(f);
    return head;
}

/* Under the form: each indicator's formula with the numbers put in. */
static void explain(form *f)
{
    const jx_project *p = f->p;
    if (!p->scored)
        return;
    f->row++;
    span(f, 0, NCOLS - 1, "计分过程", JX_XLSX_PLAIN);
    end_row(f);
    if (p->exec_separate) {
        const char *s = jx_arena_printf(&f->wr->scratch, "预算执行率：%s [%s]", p->exec_formula ? p->exec_formula : "",
                                        jx_method_code(JX_METHOD_EXECUTION));
        span(f, 0, NCOLS - 1, s ? s : "", JX_XLSX_PLAIN);
        end_row(f);
    }
    jx_order o;
    if (jx_order_build(&o, p, &f->wr->scratch) != JX_OK) {
        jx_scratch_fail(f->wr);
        return;
    }
    for (size_t i = 0; i < o.ninds; i++) {
        const jx_indicator *ind = o.inds[i];
        char small[256];
        jx_sbuf b;
        jx_sbuf_init(&b, small, sizeof small, &f->wr->scratch);
        jx_sbuf_put(&b, ind->name.s, ind->name.n);
        jx_sbuf_str(&b, "：");
        jx_formula_write(&b, ind, p->decimals);
        jx_sbuf_str(&b, " [");
        jx_sbuf_str(&b, jx_method_code(ind->method));
        jx_sbuf_str(&b, "]");
        span(f, 0, NCOLS - 1, jx_sbuf_cstr(&b), JX_XLSX_PLAIN);
        end_row(f);
    }
}

/* Under the form: the project's warnings and notes, as the text report lists them. */
static void warnings(form *f)
{
    const jx_project *p = f->p;
    if (p->diags.n == 0)
        return;
    f->row++;
    const char *head = jx_arena_printf(&f->wr->scratch, "警告（%zu）", p->diags.n);
    span(f, 0, NCOLS - 1, head ? head : "警告", JX_XLSX_PLAIN);
    end_row(f);
    for (size_t i = 0; i < p->diags.n; i++) {
        const jx_diag *d = &p->diags.v[i];
        const char *s = d->line ? jx_arena_printf(&f->wr->scratch, "%s:%u:%u [%s] %s", d->file, (unsigned)d->line,
                                                  (unsigned)d->column, d->code, d->message)
                                : jx_arena_printf(&f->wr->scratch, "%s [%s] %s", d->file, d->code, d->message);
        span(f, 0, NCOLS - 1, s ? s : d->message, JX_XLSX_PLAIN);
        end_row(f);
    }
}

/* ------------------------------------------------------------------ the list */

/* The unit's name as the 附件 lists it: without the budget system's code before it
 * ("301001-绍兴市…（本级）" is listed "绍兴市…（本级）"); the code stays on the project's sheet. */
static const char *unit_name(const char *s)
{
    const char *c = s;
    while (*c >= '0' && *c <= '9')
        c++;
    return c > s && *c == '-' && c[1] ? c + 1 : s;
}

/* Adds p as the next row of the 自评结果清单. */
static void list_row(xlsx_state *st, const jx_project *p, jx_writer *wr)
{
    jx_xlsx_book *bk = &st->book;
    jx_xlsx_sheet *sh = &st->list;
    uint32_t row = 2 + st->listed++;
    const char *org = unit_name(p->org.n ? p->org.s : p->dept.s);
    jx_xlsx_number(bk, sh, row, L_NO, (double)st->listed, 0);
    jx_xlsx_text(bk, sh, row, L_ORG, org, JX_XLSX_TEXT);
    jx_xlsx_text(bk, sh, row, L_NAME, p->name.s, JX_XLSX_TEXT);
    widen(st->list_w, L_ORG, org);
    widen(st->list_w, L_NAME, p->name.s);
    if (p->scored) {
        jx_xlsx_number(bk, sh, row, L_TOTAL, units_value(p->total, p->decimals), p->decimals);
        widen(st->list_w, L_TOTAL, units_text(wr, p->total, p->decimals));
    } else {
        jx_xlsx_text(bk, sh, row, L_TOTAL, "—", JX_XLSX_CENTER);
    }
    jx_xlsx_text(bk, sh, row, L_GRADE, p->scored && p->grade != JX_GRADE_NONE ? jx_grade_name(p->grade) : "—", JX_XLSX_CENTER);
    if (st->year == 0)
        st->year = p->has_year && p->year > 0 ? p->year : -1;
    else if (!p->has_year || p->year != st->year)
        st->year = -1;
}

/* Finishes the list: its title (with the year when every project has the same), widths,
 * row heights, filter and print setup. */
static void list_finish(xlsx_state *st, jx_writer *wr)
{
    jx_xlsx_book *bk = &st->book;
    jx_xlsx_sheet *sh = &st->list;
    const char *title = "项目支出绩效自评结果清单";
    if (st->year > 0) {
        const char *t = jx_arena_printf(&wr->scratch, "%d年项目支出绩效自评结果清单", st->year);
        title = t ? t : title;
    }
    jx_xlsx_merge(bk, sh, 0, 0, 0, LCOLS - 1, title, JX_XLSX_TITLE);
    jx_xlsx_row_height(bk, sh, 0, 28);
    double w[LCOLS];
    for (size_t c = 0; c < LCOLS; c++)
        w[c] = st->list_w[c] > list_max[c] ? list_max[c] : st->list_w[c];
    jx_xlsx_set_widths(bk, sh, w);
    jx_xlsx_freeze_rows(bk, sh, 2);
    if (st->listed > 0)
        jx_xlsx_autofilter(bk, sh, 1, 0, 1 + st->listed, LCOLS - 1);
    jx_xlsx_print_setup(bk, sh, 1, 1, 1 + st->listed);
}

/* ------------------------------------------------------------------ reporter */

/* Releases the workbook of a writer destroyed before (or after) finishing. */
static void state_free(jx_writer *wr)
{
    xlsx_state *st = wr->state;
    if (!st)
        return;
    jx_xlsx_discard(&st->book);
    jx_free(wr->alloc, st, sizeof *st);
    wr->state = NULL;
    wr->state_free = NULL;
}

/* A jx_write_fn appending the workbook's bytes to the writer's output. */
static size_t out_bytes(void *ud, const char *data, size_t len)
{
    jx_writer *wr = ud;
    jx_out_bytes(wr, data, len);
    return wr->err == JX_OK ? len : 0;
}

/* Opens the workbook on its temporary file and starts the list with its header row. */
static void begin(jx_writer *wr, const jx_project *first)
{
    (void)first;
    xlsx_state *st = jx_calloc(wr->alloc, sizeof *st);
    if (!st) {
        wr->err = JX_ERR_NOMEM;
        return;
    }
    wr->state = st;
    wr->state_free = state_free;
    time_t created = (wr->flags & JX_WRITE_TIMESTAMP) ? time(NULL) : JX_XLSX_FIXED_TIME;
    jx_result rc = jx_xlsx_open(&st->book, wr->alloc, "项目支出绩效自评表", created);
    if (rc != JX_OK) {
        wr->err = rc;
        return;
    }
    jx_xlsx_add_sheet(&st->book, &st->list, LIST_SHEET, LCOLS, NULL);
    for (size_t c = 0; c < LCOLS; c++) {
        jx_xlsx_text(&st->book, &st->list, 1, c, list_head[c], JX_XLSX_HEAD);
        st->list_w[c] = list_min[c];
        widen(st->list_w, c, list_head[c]);
    }
    if (st->book.err != JX_OK)
        wr->err = st->book.err;
}

/* Adds the project's sheet (the form, then the formulas and warnings) and its row of the list. */
static void project(jx_writer *wr, const jx_project *p)
{
    xlsx_state *st = wr->state;
    if (!st || wr->err != JX_OK)
        return;
    form f = {wr, &st->book, {0}, p, 0, 1};
    jx_xlsx_add_sheet(&st->book, &f.sh, p->name.s, NCOLS, NULL);
    size_columns(&f);
    heading(&f);
    funds(&f);
    goals(&f);
    uint32_t head = indicator_table(&f);
    uint32_t last = f.row - 1;
    if (wr->flags & JX_WRITE_EXPLAIN)
        explain(&f);
    warnings(&f);
    jx_xlsx_print_setup(&st->book, &f.sh, head, head, last);
    list_row(st, p, wr);
    if (st->book.err != JX_OK)
        wr->err = st->book.err;
}

/* Finishes the list, writes the workbook through the writer's output and removes the file. */
static void finish(jx_writer *wr)
{
    xlsx_state *st = wr->state;
    if (!st)
        return;
    if (wr->err == JX_OK) {
        jx_arena_reset(&wr->scratch);
        list_finish(st, wr);
        jx_result rc = jx_xlsx_close(&st->book, out_bytes, wr);
        if (rc != JX_OK && wr->err == JX_OK)
            wr->err = rc;
    }
    state_free(wr);
}

const jx_reporter jx_reporter_xlsx = {"xlsx", begin, project, finish, NULL};
