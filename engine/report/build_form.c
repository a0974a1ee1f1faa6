/* build_form.c — the 项目支出绩效自评表 as a document (doc.h): what each project's form
 * says, worded once for every renderer.
 *
 * A part per project: the title and year; 项目名称 / 主管部门 / 预算单位; the 资金 table;
 * 年度总体目标; the indicator table in the form's order (form.h) with the 一级 and 二级
 * cells spanning their rows, a 单列 预算执行率 first and 总分 last; 满分 (when 不适用
 * indicators lowered it), 自评结论 and the policy's bands; with --explain how each score
 * was computed; then the project's findings.
 */
#include "doc.h"

#include "form.h"
#include "report_parts.h"

#include <string.h>

/** Columns of the indicator table. */
enum { COL_L1, COL_L2, COL_L3, COL_TARGET, COL_ACTUAL, COL_WEIGHT, COL_SCORE, COL_REASON, NCOLS };

static const char *const ind_head[NCOLS] = {
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分", "偏差原因分析及改进措施",
};

/** Columns of the funds table. */
enum { FCOL_SOURCE, FCOL_INITIAL, FCOL_BUDGET, FCOL_SPENT, FCOL_RATE, NFCOLS };

static const char *const funds_head[NFCOLS] = {"资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率"};

static const jx_doc_head form_doc = {"项目支出绩效自评表", "没有可以计分的项目。"};

/* A number cell of the text s the form helpers made: a dash when it is "—". */
static jx_cell number(const char *s)
{
    return jx_cell_of(s, strcmp(s, "—") == 0 ? JX_CELL_DASH : JX_CELL_NUMBER);
}

/* The cells of one row, empty. */
static void clear(jx_cell *cells, size_t n)
{
    for (size_t c = 0; c < n; c++)
        cells[c] = jx_cell_of("", JX_CELL_TEXT);
}

/* 项目名称, 主管部门, 预算单位. */
static void head_fields(jx_writer *wr, const jx_renderer *r, const jx_project *p)
{
    const jx_field v[] = {
        {"项目名称", p->name.s, 0},
        {"主管部门", p->dept.s, 1},
        {"预算单位", p->org.s, 1},
    };
    const jx_fields f = {"", v, 3, 3, 0};
    r->fields(wr, &f);
}

/* The 资金 table, when the project has funds. */
static void funds(jx_writer *wr, const jx_renderer *r, const jx_project *p)
{
    if (p->nfunds == 0)
        return;
    jx_arena *ar = &wr->scratch;
    const char *heading = "项目资金";
    if (p->money_unit.n) {
        const char *s = jx_arena_printf(ar, "项目资金（%s）", p->money_unit.s);
        heading = s ? s : heading;
    }
    const jx_table_spec t = {heading, JX_TABLE_SECTION, funds_head, "lrrrr", NFCOLS};
    r->table_begin(wr, &t);
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        jx_cell cells[NFCOLS];
        cells[FCOL_SOURCE] = jx_cell_of(f->source.s, JX_CELL_LABEL);
        cells[FCOL_INITIAL] = number(jx_form_dec(ar, f->initial));
        cells[FCOL_BUDGET] = number(jx_form_dec(ar, f->budget));
        cells[FCOL_SPENT] = number(jx_form_dec(ar, f->spent));
        cells[FCOL_RATE] = number(jx_form_funds_rate(ar, f));
        r->row(wr, cells);
    }
    r->table_end(wr);
}

/* 年度总体目标: 预期目标 beside 实际完成情况, then 目标偏离原因分析 and 整改措施及建议. */
static void goals(jx_writer *wr, const jx_renderer *r, const jx_project *p)
{
    const jx_field v[] = {
        {"预期目标", p->goal.s, 0},
        {"实际完成情况", p->outcome.s, 0},
        {"目标偏离原因分析", p->deviation.s, 1},
        {"整改措施及建议", p->remedy.s, 1},
    };
    const jx_fields f = {"年度总体目标", v, 4, 2, 1};
    r->fields(wr, &f);
}

/* The indicator table: a 单列 预算执行率, the rows with their group cells, 总分. */
static void indicators(jx_writer *wr, const jx_renderer *r, const jx_project *p, const jx_form *f)
{
    jx_arena *ar = &wr->scratch;
    const jx_table_spec t = {"绩效指标", JX_TABLE_GRID, ind_head, "lllllrrl", NCOLS};
    r->table_begin(wr, &t);
    jx_cell cells[NCOLS];
    if (p->exec_separate) {
        clear(cells, NCOLS);
        cells[COL_L1] = jx_cell_of(jx_form_exec_label(ar, p), JX_CELL_LABEL);
        cells[COL_TARGET] = jx_cell_of("100%", JX_CELL_NUMBER);
        cells[COL_ACTUAL] = number(jx_form_total_rate(ar, p));
        cells[COL_WEIGHT] = number(jx_form_dec(ar, p->exec_points));
        cells[COL_SCORE] = number(jx_form_score(ar, p, p->exec_score));
        r->row(wr, cells);
    }
    for (size_t i = 0; i < f->nrows; i++) {
        const jx_form_row *row = &f->rows[i];
        clear(cells, NCOLS);
        if (row->l1_span) {
            cells[COL_L1] = jx_cell_of(jx_form_group_label(ar, p, row->l1), JX_CELL_LABEL);
            cells[COL_L1].rows = row->l1_span;
        } else {
            cells[COL_L1].covered = 1;
            cells[COL_L1].rows = 0;
        }
        if (row->l2_span) {
            cells[COL_L2] = jx_cell_of(row->l2 ? jx_form_group_label(ar, p, row->l2) : "", JX_CELL_LABEL);
            cells[COL_L2].rows = row->l2_span;
        } else {
            cells[COL_L2].covered = 1;
            cells[COL_L2].rows = 0;
        }
        const jx_indicator *ind = row->ind;
        if (ind) {
            cells[COL_L3] = jx_cell_of(ind->name.s, JX_CELL_LABEL);
            cells[COL_TARGET] = jx_cell_of(ind->target.present ? ind->target.text.s : "", JX_CELL_TEXT);
            cells[COL_ACTUAL] = jx_cell_of(ind->actual.present ? ind->actual.text.s : "", JX_CELL_TEXT);
            cells[COL_WEIGHT] = number(jx_form_weight(ar, ind));
            const char *score = jx_form_indicator_score(ar, p, ind);
            cells[COL_SCORE] = strcmp(score, "不适用") == 0 ? jx_cell_of(score, JX_CELL_TEXT) : number(score);
            cells[COL_REASON] = jx_cell_of(ind->reason.s, JX_CELL_TEXT);
        } else {
            cells[COL_SCORE] = number(jx_form_score(ar, p, p->scored ? 0 : -1)); /* an empty group scores 0 */
        }
        r->row(wr, cells);
    }
    clear(cells, NCOLS);
    cells[COL_L1] = jx_cell_of("总分", JX_CELL_LABEL);
    cells[COL_WEIGHT] = number(jx_form_dec(ar, f->weight_sum));
    cells[COL_SCORE] = number(jx_form_score(ar, p, p->total));
    r->row(wr, cells);
    r->table_end(wr);
}

/* 满分 when stated, 自评结论 and the bands. */
static void conclusion(jx_writer *wr, const jx_renderer *r, const jx_project *p)
{
    jx_full_marks fm;
    jx_full_marks_of(p, &fm);
    const jx_verdict grade = {"自评结论", jx_form_grade(p), ""};
    jx_conclusion c = {"", "", &grade, 1, ""};
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
    const jx_steps s = {"计分过程", v, n};
    r->steps(wr, &s);
}

/* ------------------------------------------------------------ reporter */

static void begin(jx_writer *wr, const jx_project *first)
{
    (void)first;
    wr->rep->render->doc_begin(wr, &form_doc);
}

static void project(jx_writer *wr, const jx_project *p)
{
    const jx_renderer *r = wr->rep->render;
    jx_form f;
    if (jx_form_build(&f, p, &wr->scratch) != JX_OK) {
        jx_scratch_fail(wr);
        return;
    }
    const char *caption = "";
    if (p->has_year) {
        const char *s = jx_arena_printf(&wr->scratch, "（%d年度）", p->year > 0 ? p->year : 0);
        caption = s ? s : jx_scratch_fail(wr);
    }
    const jx_part pt = {form_doc.title, caption, p->name.s, wr->nprojects};
    r->part_begin(wr, &pt);
    head_fields(wr, r, p);
    funds(wr, r, p);
    goals(wr, r, p);
    indicators(wr, r, p, &f);
    conclusion(wr, r, p);
    if (wr->flags & JX_WRITE_EXPLAIN)
        explain(wr, r, p, &f);
    r->findings(wr, p->diags.v, p->diags.n);
    r->part_end(wr);
}

static void finish(jx_writer *wr)
{
    wr->rep->render->doc_end(wr, &form_doc, wr->nprojects);
}

const jx_reporter jx_reporter_text = {"text", begin, project, finish, &jx_render_text};
const jx_reporter jx_reporter_md = {"md", begin, project, finish, &jx_render_md};
const jx_reporter jx_reporter_txt = {"txt", begin, project, finish, &jx_render_txt};
