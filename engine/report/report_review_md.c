/* report_review_md.c — the 复核 sheets as GitHub-flavoured Markdown: a `##` section per
 * project with its heading rows, the table of the text sheet (a group's name on its first
 * row, as Markdown cannot merge cells), 总分, both conclusions and the notes. */
#include "report_review.h"

#include "md.h"
#include "report_parts.h"

#include <string.h>

/* The alignment of the columns: numbers right, text left. */
static const char review_align[JX_RV_NCOLS + 1] = "llllllrlrlrrl";

/* The heading rows as a table of one row. */
static void rm_heading(jx_writer *wr, const jx_review_sheet *s)
{
    static const char *const heads[] = {"项目名称", "主管部门", "预算单位", "复核表"};
    const char *cells[] = {s->project, s->dept, s->org, s->review_file};
    jx_md_table_head(wr, heads, "llll", 4);
    jx_md_table_row(wr, cells, 4);
}

/* The table: a 单列 预算执行率, the indicators, 总分. */
static void rm_table(jx_writer *wr, const jx_review_sheet *s)
{
    const char *cells[JX_RV_NCOLS];
    jx_out_char(wr, '\n');
    jx_md_table_head(wr, jx_review_heads, review_align, JX_RV_NCOLS);
    if (s->execution_cents >= 0) {
        jx_review_execution_cells(wr, s, cells);
        jx_md_table_row(wr, cells, JX_RV_NCOLS);
    }
    for (size_t i = 0; i < s->nlines; i++) {
        const jx_review_line *l = &s->lines[i];
        const jx_review_line *prev = i ? &s->lines[i - 1] : NULL;
        jx_review_line_cells(wr, l, cells);
        bool same_l1 = prev && strcmp(prev->level1, l->level1) == 0;
        if (same_l1) {
            cells[JX_RV_L1] = "";
            if (strcmp(prev->level2, l->level2) == 0)
                cells[JX_RV_L2] = "";
        }
        jx_md_table_row(wr, cells, JX_RV_NCOLS);
    }
    jx_review_total_cells(wr, s, cells);
    jx_md_table_row(wr, cells, JX_RV_NCOLS);
}

/* The document's title. */
static void rm_begin(jx_writer *wr)
{
    jx_out_str(wr, "# 项目支出绩效自评复核表\n");
}

/* One project's section. */
static void rm_sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    (void)i;
    jx_out_str(wr, "\n## ");
    jx_md_str(wr, s->project);
    if (s->year > 0) {
        jx_out_str(wr, "（");
        jx_out_uint(wr, (uint64_t)s->year);
        jx_out_str(wr, "年度）");
    }
    jx_out_str(wr, "\n\n");
    rm_heading(wr, s);
    rm_table(wr, s);
    const char *grades[2] = {jx_review_grade_word(s->self_grade), jx_review_grade_word(s->review_grade)};
    const char *words[2] = {jx_review_self_words(wr, s), jx_review_review_words(wr, s)};
    const char *labels[2] = {"自评结论", "复核结论"};
    for (size_t k = 0; k < 2; k++) {
        size_t n = strlen(grades[k]);
        jx_out_str(wr, "\n**");
        jx_out_str(wr, labels[k]);
        jx_out_str(wr, "：");
        jx_out_str(wr, grades[k]);
        jx_out_str(wr, "**");
        jx_md_str(wr, strncmp(words[k], grades[k], n) == 0 ? words[k] + n : words[k]);
        jx_out_char(wr, '\n');
    }
    size_t n;
    const char **notes = jx_review_notes(wr, s, &n);
    jx_out_char(wr, '\n');
    for (size_t k = 0; k < n; k++) {
        jx_out_str(wr, "- ");
        jx_md_str(wr, notes[k]);
        jx_out_char(wr, '\n');
    }
}

/* A run without sheets says so. */
static void rm_finish(jx_writer *wr, size_t nsheets)
{
    if (nsheets == 0)
        jx_out_str(wr, "\n没有复核的项目。\n");
}

const jx_review_reporter jx_review_reporter_md = {"md", rm_begin, rm_sheet, rm_finish};
