/* report_md.c — the 项目支出绩效自评表 as GitHub-flavoured Markdown, for pasting into
 * reports and issue trackers.
 *
 * One `##` section per project: the heading rows, the 资金 block, 年度总体目标 and the
 * indicators as tables (a group's name on its first row, as the text form prints it),
 * then 总分 and 自评结论 with the band note, with --explain how each score was
 * computed, and the findings as a numbered list.
 */
#include "report.h"

#include "form.h"
#include "md.h"

#include <stdio.h>
#include <string.h>

/* 项目名称, 主管部门, 预算单位 as a table of one row. */
static void heading(jx_writer *wr, const jx_project *p)
{
    static const char *const heads[] = {"项目名称", "主管部门", "预算单位"};
    const char *cells[] = {p->name.s, p->dept.s, p->org.s};
    jx_md_table_head(wr, heads, "lll", 3);
    jx_md_table_row(wr, cells, 3);
}

/* The 资金 block, amounts aligned right. */
static void funds(jx_writer *wr, const jx_project *p)
{
    if (p->nfunds == 0)
        return;
    jx_arena *ar = &wr->scratch;
    jx_out_str(wr, "\n### 项目资金");
    if (p->money_unit.n) {
        jx_out_str(wr, "（");
        jx_md_str(wr, p->money_unit.s);
        jx_out_str(wr, "）");
    }
    jx_out_str(wr, "\n\n");
    static const char *const heads[] = {"资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率"};
    jx_md_table_head(wr, heads, "lrrrr", 5);
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        const char *cells[] = {f->source.s, jx_form_dec(ar, f->initial), jx_form_dec(ar, f->budget),
                               jx_form_dec(ar, f->spent), jx_form_funds_rate(ar, f)};
        jx_md_table_row(wr, cells, 5);
    }
}

/* 年度总体目标; 目标偏离原因分析 and 整改措施及建议 only when given. */
static void goals(jx_writer *wr, const jx_project *p)
{
    if (!p->goal.n && !p->outcome.n && !p->deviation.n && !p->remedy.n)
        return;
    jx_out_str(wr, "\n### 年度总体目标\n\n");
    static const char *const heads[] = {"预期目标", "实际完成情况"};
    const char *cells[] = {p->goal.s, p->outcome.s};
    jx_md_table_head(wr, heads, "ll", 2);
    jx_md_table_row(wr, cells, 2);
    if (p->deviation.n || p->remedy.n) {
        static const char *const more[] = {"目标偏离原因分析", "整改措施及建议"};
        const char *texts[] = {p->deviation.s, p->remedy.s};
        jx_out_char(wr, '\n');
        jx_md_table_head(wr, more, "ll", 2);
        jx_md_table_row(wr, texts, 2);
    }
}

/** Columns of the indicator table. */
enum { COL_L1, COL_L2, COL_L3, COL_TARGET, COL_ACTUAL, COL_WEIGHT, COL_SCORE, COL_REASON, NCOLS };

/* The indicator table with 总分 as its last row. */
static void indicators(jx_writer *wr, const jx_project *p, const jx_form *f)
{
    jx_arena *ar = &wr->scratch;
    static const char *const heads[NCOLS] = {"一级指标", "二级指标", "三级指标", "年度指标值",
                                             "实际完成值", "权重", "得分", "偏差原因分析及改进措施"};
    jx_out_str(wr, "\n### 绩效指标\n\n");
    jx_md_table_head(wr, heads, "lllllrrl", NCOLS);
    const char *cells[NCOLS];
    if (p->exec_separate) {
        for (size_t c = 0; c < NCOLS; c++)
            cells[c] = "";
        cells[COL_L1] = jx_form_exec_label(ar, p);
        cells[COL_TARGET] = "100%";
        cells[COL_ACTUAL] = jx_form_total_rate(ar, p);
        cells[COL_WEIGHT] = jx_form_dec(ar, p->exec_points);
        cells[COL_SCORE] = jx_form_score(ar, p, p->exec_score);
        jx_md_table_row(wr, cells, NCOLS);
    }
    for (size_t r = 0; r < f->nrows; r++) {
        const jx_form_row *row = &f->rows[r];
        for (size_t c = 0; c < NCOLS; c++)
            cells[c] = "";
        if (row->l1_span)
            cells[COL_L1] = jx_form_group_label(ar, p, row->l1);
        if (row->l2_span && row->l2)
            cells[COL_L2] = jx_form_group_label(ar, p, row->l2);
        const jx_indicator *ind = row->ind;
        if (ind) {
            cells[COL_L3] = ind->name.s;
            cells[COL_TARGET] = ind->target.present ? ind->target.text.s : "";
            cells[COL_ACTUAL] = ind->actual.present ? ind->actual.text.s : "";
            cells[COL_WEIGHT] = jx_form_weight(ar, ind);
            cells[COL_SCORE] = jx_form_indicator_score(ar, p, ind);
            cells[COL_REASON] = ind->reason.s;
        } else {
            cells[COL_SCORE] = jx_form_score(ar, p, p->scored ? 0 : -1); /* an empty group */
        }
        jx_md_table_row(wr, cells, NCOLS);
    }
    for (size_t c = 0; c < NCOLS; c++)
        cells[c] = "";
    cells[COL_L1] = "总分";
    cells[COL_WEIGHT] = jx_form_dec(ar, f->weight_sum);
    cells[COL_SCORE] = jx_form_score(ar, p, p->total);
    jx_md_table_row(wr, cells, NCOLS);
}

/* 计分过程: each indicator's formula with the numbers put in (--explain). */
static void explain(jx_writer *wr, const jx_project *p, const jx_form *f)
{
    if (!p->scored)
        return;
    jx_out_str(wr, "\n### 计分过程\n\n");
    if (p->exec_separate) {
        jx_out_str(wr, "- 预算执行率：");
        jx_md_str(wr, p->exec_formula ? p->exec_formula : "");
        jx_out_str(wr, " `");
        jx_out_str(wr, jx_method_code(JX_METHOD_EXECUTION));
        jx_out_str(wr, "`\n");
    }
    for (size_t r = 0; r < f->nrows; r++) {
        const jx_indicator *ind = f->rows[r].ind;
        if (!ind)
            continue;
        char small[256];
        jx_sbuf b;
        jx_sbuf_init(&b, small, sizeof small, &wr->scratch);
        jx_formula_write(&b, ind, p->decimals);
        jx_out_str(wr, "- ");
        jx_md_str(wr, ind->name.s);
        jx_out_str(wr, "：");
        jx_md_text(wr, b.s, b.len);
        jx_out_str(wr, " `");
        jx_out_str(wr, jx_method_code(ind->method));
        jx_out_str(wr, "`\n");
    }
}

/* The document's title. */
static void begin(jx_writer *wr, const jx_project *first)
{
    (void)first;
    jx_out_str(wr, "# 项目支出绩效自评表\n");
}

/* One project's section. */
static void project(jx_writer *wr, const jx_project *p)
{
    jx_form f;
    if (jx_form_build(&f, p, &wr->scratch) != JX_OK) {
        wr->err = JX_ERR_NOMEM;
        return;
    }
    jx_out_str(wr, "\n## ");
    jx_md_str(wr, p->name.s);
    if (p->has_year) {
        jx_out_str(wr, "（");
        jx_out_uint(wr, (uint64_t)(p->year > 0 ? p->year : 0));
        jx_out_str(wr, "年度）");
    }
    jx_out_str(wr, "\n\n");
    heading(wr, p);
    funds(wr, p);
    goals(wr, p);
    indicators(wr, p, &f);
    jx_full_marks fm;
    jx_form_full_marks(p, &fm);
    if (fm.stated) { /* 满分 80（不适用 20 分剔除） */
        jx_out_str(wr, "\n");
        jx_out_str(wr, jx_form_full_marks_label);
        jx_out_char(wr, ' ');
        jx_md_str(wr, jx_form_full_marks_value(&wr->scratch, &fm));
        jx_out_char(wr, '\n');
    }
    jx_out_str(wr, "\n**自评结论：");
    jx_out_str(wr, jx_form_grade(p));
    jx_out_str(wr, "**");
    if (p->scored && p->band_note && p->band_note[0]) {
        jx_out_str(wr, "　");
        jx_md_str(wr, p->band_note);
    }
    jx_out_char(wr, '\n');
    if (wr->flags & JX_WRITE_EXPLAIN)
        explain(wr, p, &f);
    char title[64];
    snprintf(title, sizeof title, "检查发现（%zu）", p->diags.n);
    jx_md_diag_list(wr, title, p->diags.v, p->diags.n);
}

/* A run without projects says so. */
static void finish(jx_writer *wr)
{
    if (wr->nprojects == 0)
        jx_out_str(wr, "\n没有可以计分的项目。\n");
}

const jx_reporter jx_reporter_md = {"md", begin, project, finish};
