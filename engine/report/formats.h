/* formats.h — the table of output formats (formats.c): a row per format, with the
 * reporter of each document it writes. */
#ifndef JX_FORMATS_H
#define JX_FORMATS_H

#include "report.h"
#include "report_audit.h"
#include "report_review.h"

/** A format: what the public table says of it, and its reporters (NULL: not written). */
typedef struct jx_format_row {
    jx_format_info info;                /* name, code, --help words per document */
    const jx_reporter *form;            /* the 自评表, or the template (JX_DOC_TEMPLATE) */
    const jx_audit_reporter *audit;     /* the audit report */
    const jx_review_reporter *review;   /* the 复核 sheets */
} jx_format_row;

/** The row of fmt, NULL for a code the table does not have. */
const jx_format_row *jx_format_row_of(jx_format fmt);

#endif
