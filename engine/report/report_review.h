/* report_review.h — writing 复核 sheets: the reporter of each format behind
 * jx_review_writer (review_writer.c), and the cells, conclusions and notes of a sheet
 * worded once (build_review.c), where the sheet is built as a document (doc.h) for the
 * text, Markdown and txt renderers and whence the HTML and workbook reporters take their
 * words. The sheet itself is computed by review.c (review.h); a reporter formats its
 * numbers and computes none.
 */
#ifndef JX_REPORT_REVIEW_H
#define JX_REPORT_REVIEW_H

#include "report.h"

#include <stddef.h>

/** The reporter of one sheet format. */
typedef struct jx_review_reporter {
    const char *name;                                                 /* "text", "json", "csv", "html", "md", "txt" */
    void (*begin)(jx_writer *wr);                                     /* before the first sheet */
    void (*sheet)(jx_writer *wr, const jx_review_sheet *s, size_t i); /* the i-th sheet (from 0) */
    void (*finish)(jx_writer *wr, size_t nsheets);                    /* closes the document */
    const struct jx_renderer *render;                                 /* the document's renderer (doc.h,
                                                                         build_review.c); NULL for the
                                                                         reporters that write the sheet
                                                                         themselves */
} jx_review_reporter;

/** The sheet as the form prints it, aligned by display width. */
extern const jx_review_reporter jx_review_reporter_text;
/** {"sheets":[…]} with exact 2-decimal numbers. */
extern const jx_review_reporter jx_review_reporter_json;
/** One row per indicator and a 总分 row per project. */
extern const jx_review_reporter jx_review_reporter_csv;
/** The workbook: 复核结果清单, then one sheet per project. */
extern const jx_review_reporter jx_review_reporter_xlsx;
/** A self-contained HTML document, each sheet a page of A4. */
extern const jx_review_reporter jx_review_reporter_html;
/** Markdown: a section per sheet with its table. */
extern const jx_review_reporter jx_review_reporter_md;
/** Plain lines for mail and chat, nothing aligned. */
extern const jx_review_reporter jx_review_reporter_txt;

/** The word of a grade for a sheet: 优 … 差, or "—" for none. */
const char *jx_review_grade_word(jx_grade g);

/* ----------------------- the words of a sheet, for the document and the HTML and workbook reporters (build_review.c)
 * Strings in the writer's scratch arena; "" (and the writer failed) when it ran out. */

/** The columns of a sheet's table. */
enum {
    JX_RV_L1, JX_RV_L2, JX_RV_L3, JX_RV_NATURE, JX_RV_TARGET, JX_RV_UNIT, JX_RV_WEIGHT, JX_RV_SELF_ACTUAL,
    JX_RV_SELF_SCORE, JX_RV_REVIEW_ACTUAL, JX_RV_REVIEW_SCORE, JX_RV_DIFF, JX_RV_NOTE, JX_RV_NCOLS
};

/** The heads of the columns: 一级指标 … 备注. */
extern const char *const jx_review_heads[JX_RV_NCOLS];

/**
 * Fills cells[] with the row of line l as the text sheet prints it: group names always
 * (a reporter blanks or merges repeats), weight as written, scores with two decimals,
 * 不适用 and "—" for an indicator that is not applicable, "（未复核，沿用自评）" as the
 * 备注 of a line without a row.
 */
void jx_review_line_cells(jx_writer *wr, const jx_review_line *l, const char *cells[JX_RV_NCOLS]);

/** The row of a 单列 预算执行率 (s->execution_cents >= 0), scored from the funds on both sides. */
void jx_review_execution_cells(jx_writer *wr, const jx_review_sheet *s, const char *cells[JX_RV_NCOLS]);

/** The 总分 row: Σ 权重, both totals and their difference. */
void jx_review_total_cells(jx_writer *wr, const jx_review_sheet *s, const char *cells[JX_RV_NCOLS]);

/** Hundredths as "22.50". */
const char *jx_review_cents(jx_writer *wr, int64_t cents);

/** "优（总分 100.00）", the self-evaluation's conclusion as recomputed. */
const char *jx_review_self_words(jx_writer *wr, const jx_review_sheet *s);

/** "良（总分 82.50，偏差 -17.50）", the review's conclusion. */
const char *jx_review_review_words(jx_writer *wr, const jx_review_sheet *s);

/**
 * The sentences under a sheet, as the text sheet writes them: how many indicators were
 * reviewed, then each score or total the 自评表 claimed that the rules recompute
 * otherwise. An array of *n strings in the scratch arena (NULL and *n 0 when it ran out).
 */
const char **jx_review_notes(jx_writer *wr, const jx_review_sheet *s, size_t *n);

#endif
