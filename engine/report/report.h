/* report.h — the reporter interface: one vtable per output format behind jx_writer.
 *
 * A writer owns an output buffer that is flushed through the caller's jx_write_fn when
 * full and at finish, and a scratch arena reset before each project, so writing a
 * stream of projects allocates nothing in steady state. Its first failure is sticky:
 * from then on output is dropped and every call returns it (jx_out_result).
 *
 * The report layer formats; it computes nothing of the rules. Rates, rounding, sums of
 * weights, the 满分 and grades come from the scoring layer (score.h), the order of the
 * 自评表 from order.h. No header of engine/report/ is included outside it
 * (tests/cli/test_layers.sh).
 */
#ifndef JX_REPORT_H
#define JX_REPORT_H

#include "arena.h"
#include "model.h"

#include <stddef.h>
#include <stdint.h>

/** Bytes the output buffer holds before it is flushed. */
#define JX_WRITER_BUFSZ 65536

typedef struct jx_reporter jx_reporter;

/** A writer: the chosen reporter, its output buffer and its sticky error. */
struct jx_writer {
    const jx_allocator *alloc;  /* for the handle, the buffer and the scratch arena */
    const jx_reporter *rep;     /* the format's reporter */
    unsigned flags;             /* JX_WRITE_* */
    jx_write_fn fn;             /* where flushed bytes go */
    void *ud;                   /* passed to fn */
    char *buf;                  /* pending output */
    size_t len;                 /* bytes pending in buf */
    size_t cap;                 /* size of buf */
    jx_result err;              /* first failure; once set, output is dropped */
    jx_arena scratch;           /* per-project temporaries, reset for each project */
    size_t nprojects;           /* projects written so far */
    int begun;                  /* the reporter's begin ran */
    int finished;               /* jx_writer_finish ran */
    void *state;                /* a reporter's own state (the xlsx workbook), NULL for the others */
    void (*state_free)(jx_writer *wr); /* releases state when the writer is destroyed; set with it */
    void *render_state;         /* a renderer's state within one table (doc.h), in the scratch arena */
};

/** One output format: called at the first project, for every project, and at the end. */
struct jx_reporter {
    const char *name;                                       /* "text", "json", "csv", "template", "html", "md", "xlsx" */
    void (*begin)(jx_writer *wr, const jx_project *first);  /* first is NULL for an empty run */
    void (*project)(jx_writer *wr, const jx_project *p);    /* one project */
    void (*finish)(jx_writer *wr);                          /* closes the document */
    const struct jx_renderer *render;                       /* a document's renderer (doc.h); NULL for the
                                                               direct serialisations */
};

/** The reporter of the 自评表 text. */
extern const jx_reporter jx_reporter_text;
/** The reporter of the JSON document. */
extern const jx_reporter jx_reporter_json;
/** The reporter of one CSV row per indicator. */
extern const jx_reporter jx_reporter_csv;
/** The reporter of the actuals template: the CSV `--actuals` reads back, to be filled in. */
extern const jx_reporter jx_reporter_template;
/** The reporter of the 自评表 as a self-contained HTML page per project, for A4 print. */
extern const jx_reporter jx_reporter_html;
/** The reporter of the 自评表 as GitHub-flavoured Markdown. */
extern const jx_reporter jx_reporter_md;
/** The reporter of the 自评表 as plain lines for mail and chat, nothing aligned. */
extern const jx_reporter jx_reporter_txt;
/** The reporter of the Excel workbook: the list of projects, then one 自评表 sheet per project. */
extern const jx_reporter jx_reporter_xlsx;

/**
 * The result of a call into a reporter: wr->err, after making a scratch allocation
 * that failed during the call (wr->scratch.oom) the writer's failure, JX_ERR_NOMEM.
 * So a reporter, or a helper it calls, that goes on with a stand-in when the scratch
 * arena runs out still fails the call: the output is never silently short.
 */
jx_result jx_out_result(jx_writer *wr);

/** Sends the buffered bytes to the write function; sets wr->err on failure. */
void jx_out_flush(jx_writer *wr);

/** Appends s[0..n) to the output. */
void jx_out_bytes(jx_writer *wr, const char *s, size_t n);

/** Appends s[0..n) as one RFC 4180 field: quoted, quotes doubled, when it holds , " or a line break. */
void jx_out_csv_field(jx_writer *wr, const char *s, size_t n);

/** Appends a NUL-terminated string. */
void jx_out_str(jx_writer *wr, const char *s);

/** Appends one byte. */
void jx_out_char(jx_writer *wr, char c);

/** Appends n spaces. */
void jx_out_spaces(jx_writer *wr, size_t n);

/** Appends an unsigned integer in decimal. */
void jx_out_uint(jx_writer *wr, uint64_t v);

/** Appends units (10^-decimals) with exactly `decimals` places ("22.50"). */
void jx_out_fixed(jx_writer *wr, int64_t units, int decimals);

/** Appends a jx_dec in plain notation without trailing zeros ("358.35", "60"). */
void jx_out_dec(jx_writer *wr, jx_dec d);

#endif
