/* report_audit.h — the audit's reporters: one vtable per output format behind
 * jx_audit_writer, like report.h's for the 自评表. The writer uses a jx_writer, made by
 * jx_writer_create, for its output buffer, sticky error and scratch arena (reset before
 * each project), so the jx_out_* helpers of report.h write for it.
 */
#ifndef JX_REPORT_AUDIT_H
#define JX_REPORT_AUDIT_H

#include "audit.h"
#include "report.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct jx_audit_reporter jx_audit_reporter;

/** An audit writer: the reporter, the audit it reports and the output. */
struct jx_audit_writer {
    const jx_allocator *alloc;    /* for the handle */
    jx_writer *out;               /* buffer, write function, sticky error, scratch arena (its own reporter is never called) */
    const jx_audit_reporter *rep; /* the format's reporter */
    jx_audit *au;                 /* the audit whose summary ends the report */
    size_t nprojects;             /* projects written so far */
    bool begun;                   /* the reporter's begin ran */
    bool finished;                /* jx_audit_writer_finish ran */
    size_t nfindings;             /* findings the projects written so far gave (a document's reporter counts them) */
};

/** One project as the reporters print it: what the writer worked out from it. */
typedef struct jx_audit_view {
    const jx_project *p;       /* the project */
    unsigned flags;            /* JX_AUDIT_* it was written with */
    uint32_t line;             /* its line as reported (its table row when imported) */
    bool scored;               /* it was scored: it has a total (its 结论 may be withheld, JX_GRADE_NONE) */
    jx_audit_funds_kind funds; /* whether budget_fen and spent_fen hold its funds */
    int64_t budget_fen;        /* its 全年预算 in 分 */
    int64_t spent_fen;         /* its 全年执行 in 分 */
    bool has_difference;       /* it claimed a 总分 and was scored */
    jx_dec difference;         /* claimed − recomputed 总分, exactly */
    bool grade_differs;        /* it claimed a 结论 other than the recomputed one */
    jx_audit_findings f;       /* its findings in report order */
} jx_audit_view;

/** One output format: called before the first project, for each project, and at the end. */
struct jx_audit_reporter {
    const char *name;                                             /* "text", "json", "csv", "html", "md" */
    void (*begin)(jx_audit_writer *aw);                           /* the head of the report */
    void (*project)(jx_audit_writer *aw, const jx_audit_view *v); /* one project */
    void (*finish)(jx_audit_writer *aw);                          /* the summary and the sample */
    const struct jx_renderer *render;                             /* the report as a document (build_audit.c,
                                                                     doc.h): its renderer; NULL for the others */
};

/** The text report, aligned by display width (build_audit.c). */
extern const jx_audit_reporter jx_audit_reporter_text;
/** The report as plain lines for mail and chat, nothing aligned (build_audit.c). */
extern const jx_audit_reporter jx_audit_reporter_txt;
/** The JSON document. */
extern const jx_audit_reporter jx_audit_reporter_json;
/** The CSV table with a record-kind column. */
extern const jx_audit_reporter jx_audit_reporter_csv;
/** The Excel workbook: 汇总, 项目, 发现 and 抽查 sheets (build_audit.c). */
extern const jx_audit_reporter jx_audit_reporter_xlsx;
/** The self-contained HTML report for A4 print: summary with its chart, then the tables (build_audit.c). */
extern const jx_audit_reporter jx_audit_reporter_html;
/** The Markdown report: the same content as tables and lists (build_audit.c). */
extern const jx_audit_reporter jx_audit_reporter_md;

/** Appends d with at least two decimals, exactly ("95.00", "92.555"); a '+' before a positive d when sign. */
void jx_audit_out_points(jx_writer *w, jx_dec d, bool sign);

/** The same as a string in the scratch arena ("" and the writer failed when it ran out). */
const char *jx_audit_points_str(jx_writer *w, jx_dec d, bool sign);

/** jx_audit_position in the scratch arena; "" (and the writer failed) when it ran out. */
const char *jx_audit_position_str(jx_writer *w, const jx_project *p, const jx_diag *d, unsigned flags);

/*
 * The name of the indicator finding d is about, "" when it is about none. The audit's
 * findings carry a position, not an indicator: d is about the indicator whose line holds
 * d's position at or after the indicator's name, with nothing else (a group, a 资金 row,
 * 总分, 结论) starting between them — the name, the target, the actual, the weight and
 * the 得分 of an indicator are on its line, and several indicators on one line are told
 * apart by their columns. Positions are those of the rule text, also for an imported
 * table (before they become the table's rows).
 */
const char *jx_audit_indicator_name(const jx_project *p, const jx_diag *d);

/** The policy's name for the report's head: the audit's policy, or "" without one. */
const char *jx_audit_policy_name(const jx_audit *au);

/** basis points as a percentage with two decimals ("33.33") in buf. */
char *jx_audit_percent(uint32_t bp, char *buf, size_t size);

/** The stable code of why: "drawn", "weighted", "flagged". */
const char *jx_audit_why_code(jx_audit_why why);

#endif
