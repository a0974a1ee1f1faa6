/* report_review_text.c — the 复核 sheet as text: the project's heading, one table row per
 * indicator (columns padded to their widest cell in terminal cells, CJK = 2), the 总分 row,
 * both conclusions and the notes saying what the table does not. */
#include "report_review.h"

#include "report_parts.h"
#include "width.h"

#include <string.h>

/* The row of one indicator; its group names only where they change. */
static void line_row(jx_table *g, const jx_review_line *l, const jx_review_line *prev)
{
    const char **row = jx_table_row(g);
    if (!row)
        return;
    jx_review_line_cells(g->w, l, row);
    bool same_l1 = prev && strcmp(prev->level1, l->level1) == 0;
    if (same_l1)
        row[JX_RV_L1] = "";
    if (same_l1 && strcmp(prev->level2, l->level2) == 0)
        row[JX_RV_L2] = "";
}

/* The table: heading, the 单列 预算执行率, the indicators and the 总分 row. */
static void table(jx_writer *wr, const jx_review_sheet *s)
{
    jx_table g;
    jx_table_init(&g, wr, JX_RV_NCOLS);
    const char **row = jx_table_row(&g);
    if (!row)
        return;
    for (size_t c = 0; c < JX_RV_NCOLS; c++)
        row[c] = jx_review_heads[c];
    if (s->execution_cents >= 0) {
        row = jx_table_row(&g);
        if (!row)
            return;
        jx_review_execution_cells(wr, s, row);
    }
    for (size_t i = 0; i < s->nlines; i++)
        line_row(&g, &s->lines[i], i ? &s->lines[i - 1] : NULL);
    row = jx_table_row(&g);
    if (!row)
        return;
    jx_review_total_cells(wr, s, row);
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

/* The two conclusions with their totals and the difference. */
static void conclusions(jx_writer *wr, const jx_review_sheet *s)
{
    jx_out_str(wr, "自评结论  ");
    jx_out_str(wr, jx_review_self_words(wr, s));
    jx_out_str(wr, "\n复核结论  ");
    jx_out_str(wr, jx_review_review_words(wr, s));
    jx_out_char(wr, '\n');
}

/* The notes under the table: what is not reviewed, and claims that differ from the rules. */
static void notes(jx_writer *wr, const jx_review_sheet *s)
{
    size_t n;
    const char **v = jx_review_notes(wr, s, &n);
    for (size_t i = 0; i < n; i++) {
        jx_out_str(wr, v[i]);
        jx_out_char(wr, '\n');
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
