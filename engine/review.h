/* review.h — the 复核 sheet inside the library: the reviewer's CSV (review.c) and the
 * reporters writing sheets (report_review_*.c) behind jx_review_writer (review_writer.c).
 */
#ifndef JX_REVIEW_H
#define JX_REVIEW_H

#include "report.h"

#include <stddef.h>

/** The reporter of one sheet format. */
typedef struct jx_review_reporter {
    const char *name;                                                 /* "text", "json", "csv" */
    void (*begin)(jx_writer *wr);                                     /* before the first sheet */
    void (*sheet)(jx_writer *wr, const jx_review_sheet *s, size_t i); /* the i-th sheet (from 0) */
    void (*finish)(jx_writer *wr, size_t nsheets);                    /* closes the document */
} jx_review_reporter;

/** The sheet as the form prints it, aligned by display width. */
extern const jx_review_reporter jx_review_reporter_text;
/** {"sheets":[…]} with exact 2-decimal numbers. */
extern const jx_review_reporter jx_review_reporter_json;
/** One row per indicator and a 总分 row per project. */
extern const jx_review_reporter jx_review_reporter_csv;
/** The workbook: 复核结果清单, then one sheet per project. */
extern const jx_review_reporter jx_review_reporter_xlsx;

/** The word of a grade for a sheet: 优 … 差, or "—" for none. */
const char *jx_review_grade_word(jx_grade g);

#endif
