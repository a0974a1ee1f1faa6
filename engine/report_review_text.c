/* report_review_text.c — the 复核 sheet as text: the project's heading, one table row per
 * indicator (columns padded to their widest cell in terminal cells, CJK = 2), the 总分 row,
 * both conclusions and the notes saying what the table does not. */
#include "review.h"

#include "report_parts.h"
#include "width.h"

#include <string.h>

/** The columns of the sheet. */
enum {
    C_L1, C_L2, C_L3, C_NATURE, C_TARGET, C_UNIT, C_WEIGHT, C_SELF_ACTUAL, C_SELF_SCORE,
    C_REVIEW_ACTUAL, C_REVIEW_SCORE, C_DIFF, C_NOTE, NCOLS
};

static const char *const head[NCOLS] = {
    "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "单位", "权重", "自评完成值", "自评得分",
    "复核完成值", "复核得分", "偏差", "备注",
};

/* Hundredths as "22.50" in the scratch arena. */
static const char *cents_cell(jx_writer *wr, int64_t cents)
{
    char buf[JX_DEC_BUFSZ];
    return jx_scratch_str(wr, jx_fixed_format(cents, 2, buf, sizeof buf));
}

/* A weight in hundredths as written in the form ("30", "7.5"), "—" when none. */
static const char *weight_cell(jx_writer *wr, int64_t cents)
{
    if (cents < 0)
        return "—";
    char buf[JX_DEC_BUFSZ];
    jx_dec d = {cents, 2};
    return jx_scratch_str(wr, jx_dec_format(d, buf, sizeof buf));
}

/* The row of one indicator; its group names only where they change. */
static void line_row(jx_table *g, const jx_review_line *l, const jx_review_line *prev)
{
    jx_writer *wr = g->w;
    const char **row = jx_table_row(g);
    if (!row)
        return;
    bool same_l1 = prev && strcmp(prev->level1, l->level1) == 0;
    row[C_L1] = same_l1 ? "" : l->level1;
    row[C_L2] = same_l1 && strcmp(prev->level2, l->level2) == 0 ? "" : l->level2;
    row[C_L3] = l->name;
    row[C_NATURE] = l->nature;
    row[C_TARGET] = l->target;
    row[C_UNIT] = l->unit;
    row[C_WEIGHT] = weight_cell(wr, l->weight_cents);
    row[C_SELF_ACTUAL] = l->self_actual;
    row[C_REVIEW_ACTUAL] = l->review_actual;
    if (l->not_applicable) {
        row[C_SELF_SCORE] = row[C_REVIEW_SCORE] = "不适用";
        row[C_DIFF] = "—";
    } else {
        row[C_SELF_SCORE] = cents_cell(wr, l->self_cents);
        row[C_REVIEW_SCORE] = cents_cell(wr, l->review_cents);
        row[C_DIFF] = cents_cell(wr, l->diff_cents);
    }
    row[C_NOTE] = l->basis == JX_REVIEW_UNREVIEWED ? "（未复核，沿用自评）" : l->note;
}

/* The table: heading, the 单列 预算执行率, the indicators and the 总分 row. */
static void table(jx_writer *wr, const jx_review_sheet *s)
{
    jx_table g;
    jx_table_init(&g, wr, NCOLS);
    const char **row = jx_table_row(&g);
    if (!row)
        return;
    for (size_t c = 0; c < NCOLS; c++)
        row[c] = head[c];
    if (s->execution_cents >= 0) {
        row = jx_table_row(&g);
        if (!row)
            return;
        row[C_L1] = jx_scratch_printf(wr, "预算执行率 (%s分)", cents_cell(wr, s->execution_points_cents));
        row[C_WEIGHT] = weight_cell(wr, s->execution_points_cents);
        row[C_SELF_SCORE] = row[C_REVIEW_SCORE] = cents_cell(wr, s->execution_cents);
        row[C_DIFF] = cents_cell(wr, 0);
        row[C_NOTE] = "（按资金计分，不复核）";
    }
    for (size_t i = 0; i < s->nlines; i++)
        line_row(&g, &s->lines[i], i ? &s->lines[i - 1] : NULL);
    row = jx_table_row(&g);
    if (!row)
        return;
    row[C_L1] = "总分";
    row[C_WEIGHT] = weight_cell(wr, s->weight_cents);
    row[C_SELF_SCORE] = cents_cell(wr, s->self_total_cents);
    row[C_REVIEW_SCORE] = cents_cell(wr, s->review_total_cents);
    row[C_DIFF] = cents_cell(wr, s->diff_cents);
    jx_table_print(&g, 0);
}

/* "label  text" with the label padded to the 8 cells of 项目名称. */
static void labelled(jx_writer *wr, const char *label, const char *text)
{
    jx_out_str(wr, label);
    jx_out_spaces(wr, 8 - jx_display_width(label, strlen(label)) + 2);
    jx_out_str(wr, text);
    jx_out_char(wr, '\n');
}

/* The two conclusions, and the claim of the 自评表 when it differs from the recomputed one. */
static void conclusions(jx_writer *wr, const jx_review_sheet *s)
{
    jx_out_str(wr, "自评结论  ");
    jx_out_str(wr, jx_review_grade_word(s->self_grade));
    jx_out_str(wr, "（总分 ");
    jx_out_str(wr, cents_cell(wr, s->self_total_cents));
    jx_out_str(wr, "）\n复核结论  ");
    jx_out_str(wr, jx_review_grade_word(s->review_grade));
    jx_out_str(wr, "（总分 ");
    jx_out_str(wr, cents_cell(wr, s->review_total_cents));
    jx_out_str(wr, "，偏差 ");
    jx_out_str(wr, cents_cell(wr, s->diff_cents));
    jx_out_str(wr, "）\n");
}

/* The notes under the table: what is not reviewed, and claims that differ from the rules. */
static void notes(jx_writer *wr, const jx_review_sheet *s)
{
    size_t unreviewed = s->nlines - s->reviewed;
    jx_out_str(wr, "已复核 ");
    jx_out_uint(wr, s->reviewed);
    jx_out_str(wr, " 个指标");
    if (unreviewed) {
        jx_out_str(wr, "，");
        jx_out_uint(wr, unreviewed);
        jx_out_str(wr, " 个未复核，其复核列沿用自评");
    }
    jx_out_str(wr, "。\n");
    for (size_t i = 0; i < s->nlines; i++) {
        const jx_review_line *l = &s->lines[i];
        if (l->not_applicable || l->claimed_cents < 0 || l->claimed_cents == l->self_cents)
            continue;
        jx_out_str(wr, "注：指标“");
        jx_out_str(wr, l->name);
        jx_out_str(wr, "”自评表填报得分 ");
        jx_out_str(wr, cents_cell(wr, l->claimed_cents));
        jx_out_str(wr, "，按评分办法重算为 ");
        jx_out_str(wr, cents_cell(wr, l->self_cents));
        jx_out_str(wr, "，表中自评得分为重算值。\n");
    }
    bool total_differs = s->claimed_total_cents >= 0 && s->claimed_total_cents != s->self_total_cents;
    bool grade_differs = s->claimed_grade != JX_GRADE_NONE && s->claimed_grade != s->self_grade;
    if (total_differs || grade_differs) {
        jx_out_str(wr, "注：自评表填报");
        if (s->claimed_total_cents >= 0) {
            jx_out_str(wr, "总分 ");
            jx_out_str(wr, cents_cell(wr, s->claimed_total_cents));
        }
        if (s->claimed_grade != JX_GRADE_NONE) {
            jx_out_str(wr, s->claimed_total_cents >= 0 ? "、结论 " : "结论 ");
            jx_out_str(wr, jx_grade_name(s->claimed_grade));
        }
        jx_out_str(wr, "，按评分办法重算为 ");
        jx_out_str(wr, cents_cell(wr, s->self_total_cents));
        jx_out_str(wr, "、");
        jx_out_str(wr, jx_review_grade_word(s->self_grade));
        jx_out_str(wr, "。\n");
    }
}

/* Nothing precedes the first sheet. */
static void begin(jx_writer *wr)
{
    (void)wr;
}

/* One project's sheet, a blank line before every sheet but the first. */
static void sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    if (i > 0)
        jx_out_char(wr, '\n');
    jx_out_str(wr, "项目支出绩效自评复核表\n");
    if (s->year > 0) {
        jx_out_str(wr, "（");
        jx_out_uint(wr, (uint64_t)s->year);
        jx_out_str(wr, "年度）\n");
    }
    jx_out_char(wr, '\n');
    labelled(wr, "项目名称", s->project);
    if (s->dept[0])
        labelled(wr, "主管部门", s->dept);
    if (s->org[0])
        labelled(wr, "预算单位", s->org);
    labelled(wr, "复核表", s->review_file);
    jx_out_char(wr, '\n');
    table(wr, s);
    conclusions(wr, s);
    notes(wr, s);
}

/* Nothing follows the last sheet. */
static void finish(jx_writer *wr, size_t nsheets)
{
    (void)wr;
    (void)nsheets;
}

const jx_review_reporter jx_review_reporter_text = {"text", begin, sheet, finish};
