/* report_review.h — writing 复核 sheets: the reporter of each format behind
 * jx_review_writer (review_writer.c). The human formats (text, Markdown, txt, HTML, the
 * workbook) draw the sheet built once as a document (doc.h, build_review.c); JSON and CSV
 * write it themselves (write_json.c, write_csv.c). The sheet itself is computed by review.c
 * (review.h); a reporter formats its numbers and computes none.
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

#endif
