/* SPDX-License-Identifier: MIT */
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
#include "audit.h"
#include "vet.h"
#include "model.h"
#include "order.h"
#include "readall.h"
#include "score.h"
#include "text.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/** Bytes the output buffer holds before it is flushed. */
#define JX_WRITER_BUFSZ 65536

typedef struct jx_reporter jx_reporter;

/**
 * A writer: a sink — its output buffer, its sticky first failure, its scratch arena
 * (jx_sink_create) — and, for the writers of the public API, the format's reporter and
 * renderer. The audit and 复核 writers and the spools write through a bare sink.
 */
struct jx_writer {
    const jx_allocator *alloc;  /* for the handle, the buffer and the scratch arena */
    const jx_reporter *rep;     /* the format's reporter; NULL for a bare sink */
    unsigned flags;             /* JX_WRITE_* */
    jx_write_fn fn;             /* where flushed bytes go */
    void *ud;                   /* passed to fn */
    char *buf;                  /* pending output */
    size_t len;                 /* bytes pending in buf */
    size_t cap;                 /* size of buf */
    jx_result err;              /* first failure; once set, output is dropped */
    jx_arena scratch;           /* per-project temporaries, reset for each project */
    size_t nprojects;           /* projects written so far */
    size_t sheetless;           /* projects a workbook holds without a sheet of their own (past
                                   JX_XLSX_PROJECTS_MAX: render_xlsx.c); jx_writer_forms_left_out,
                                   jx_vet_writer_forms_left_out */
    int begun;                  /* the reporter's begin ran */
    int finished;               /* jx_writer_finish ran */
    void *state;                /* a renderer's own state (the xlsx workbook), NULL for the others;
                                   made and dropped by jx_writer_state_new/_drop only */
    size_t state_size;          /* …its size */
    void (*state_free)(jx_writer *wr); /* releases what state holds (not state itself); set with it */
    const struct jx_renderer *render; /* the format's renderer (formats.c), drawing a document's blocks; NULL
                                         for the serialisations (JSON, CSV, template) */
    void *render_state;         /* a renderer's state within one table or part (doc.h), in the scratch arena */
    int in_report;              /* a report (doc.h: report_begin) is being drawn, until doc_end */
    size_t blocks;              /* blocks of the report's current part drawn so far (jx_doc_block) */
    /* the serialisations' fast paths (write_json.c, write_csv.c) */
    int general_only;           /* set by a test before the first project: no fast path is tried, so
                                   the general path writes everything (test_report_fast.c) */
    size_t fast_written;        /* rows and objects a fast path wrote */
};

/** One output format: called at the first project, for every project, and at the end. */
struct jx_reporter {
    const char *name;                                       /* "text", "json", "csv", "template", "html", "md", "xlsx" */
    void (*begin)(jx_writer *wr, const jx_project *first);  /* first is NULL for an empty run */
    void (*project)(jx_writer *wr, const jx_project *p);    /* one project */
    void (*finish)(jx_writer *wr);                          /* closes the document */
    const char *apart;  /* not NULL when project writes a project the same whatever came before
                           it, but for these bytes before every project but the first (JSON's
                           ","; CSV's ""): jx_writer_render can then write it elsewhere */
};

/** The 自评表 as a document (build_form.c), drawn by the writer's renderer (wr->render). */
extern const jx_reporter jx_form_doc_reporter;
/** The reporter of the JSON document. */
extern const jx_reporter jx_reporter_json;
/** The reporter of one CSV row per indicator. */
extern const jx_reporter jx_reporter_csv;
/** The reporter of the actuals template: the CSV `--actuals` reads back, to be filled in. */
extern const jx_reporter jx_reporter_template;
/** The reporter of rule text: the projects, targets and results merged (write_jx.c). */
extern const jx_reporter jx_reporter_jx;
/** The reporter of the actuals template as a workbook: sheets 指标 and 项目 (write_template_xlsx.c). */
extern const jx_reporter jx_reporter_template_xlsx;

/** Columns of the template's 指标 sheet (the CSV template's first columns). */
#define JX_TEMPLATE_INDICATOR_COLS 13
/** The first of them to fill in (实际完成值); those before are for reading only. */
#define JX_TEMPLATE_INDICATOR_INPUT 9
/** Columns of the template's 项目 sheet. */
#define JX_TEMPLATE_PROJECT_COLS 10
/** The first of them after 主管部门, 单位, 项目 (金额单位): the CSV template's last columns. */
#define JX_TEMPLATE_PROJECT_FIRST 3
/** The first of them to fill in (年初预算); it and the next two (全年预算, 全年执行) are amounts. */
#define JX_TEMPLATE_PROJECT_INPUT 4
/** How many of the cells to fill, from JX_TEMPLATE_PROJECT_INPUT on, are amounts (≥ 0). */
#define JX_TEMPLATE_PROJECT_AMOUNTS 3

/** The header of the 指标 sheet: 主管部门 … 三级指标, 指标性质, 年度指标值, 权重, then the cells to
 *  fill, 实际完成值, 评定, 偏差原因分析及改进措施, 得分 — names actuals.c reads back. */
extern const char *const jx_template_indicator_head[JX_TEMPLATE_INDICATOR_COLS];
/** The header of the 项目 sheet: 主管部门, 单位, 项目, 金额单位, then the cells to fill, 年初预算,
 *  全年预算, 全年执行, 实际完成情况, 目标偏离原因, 整改措施. */
extern const char *const jx_template_project_head[JX_TEMPLATE_PROJECT_COLS];

/** An indicator's 指标性质 in the template: "定性" (jx_indicator_qualitative) or "定量". */
const char *jx_template_kind(const jx_indicator *ind);

/**
 * Creates a sink: a jx_writer with no reporter — the output buffer flushed through
 * fn(ud, …), the sticky first failure, the scratch arena. The audit and 复核 writers write
 * through one, and so does a spool; jx_writer_create is a sink bound to a format's
 * reporter and renderer. Release with jx_writer_destroy (jx_writer_project and
 * jx_writer_finish are for writers with a reporter).
 */
jx_result jx_sink_create(jx_writer **out, jx_write_fn fn, void *ud, const jx_allocator *alloc);

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

/** Appends s and a line feed. */
void jx_out_line(jx_writer *wr, const char *s);

struct jx_xlsx_book;

/** Closes the workbook bk, its bytes appended to the output; a failure of the book or of
 *  the close becomes the writer's (the first one kept). */
void jx_out_xlsx_close(jx_writer *wr, struct jx_xlsx_book *bk);

/** Passes the workbook's failure on to the writer (the first one kept). */
void jx_out_xlsx_error(jx_writer *wr, const struct jx_xlsx_book *bk);

/**
 * A renderer's state of size bytes, zeroed, for the writer to hold until
 * jx_writer_state_drop (or its destruction): release lets go of what the state holds,
 * then the state is freed. NULL, the writer failed with JX_ERR_NOMEM, when memory runs
 * out. The writer holds at most one state.
 */
void *jx_writer_state_new(jx_writer *wr, size_t size, void (*release)(jx_writer *wr));

/** Releases the writer's state and frees it; nothing when it holds none. */
void jx_writer_state_drop(jx_writer *wr);

/** Appends s[0..n) escaped by e (jx_text_json_escaper, jx_text_html_escaper): the one
 *  loop over an escaper's two steps, copying the runs that need nothing at once. */
void jx_out_escaped(jx_writer *wr, const jx_text_escaper *e, const char *s, size_t n);

/**
 * Appends s[0..n) as one RFC 4180 field (write_csv.c): quoted, quotes doubled, when it
 * holds , " or a line break, and with the formula guard "'" first when a spreadsheet
 * would take it for a formula (jx_csv_guarded, csv.h). Every CSV cell of the library
 * that holds a text goes through it, but for those the score CSV's fast path copies as
 * they are (write_csv.c, row_fast), which it writes without the guard.
 */
void jx_out_csv_field(jx_writer *wr, const char *s, size_t n);

/**
 * Writes s[0..n) as a JSON string (write_json.c), escaped as jx_text_json_escape says
 * (\" \\ \b \f \n \r \t, \u00XX for the other control characters, \ufffd for each
 * invalid byte), the rest copied as it is, in runs. Every JSON document of the library
 * (score, audit, review) writes its strings so.
 */
void jx_json_str_n(jx_writer *w, const char *s, size_t n);

/** jx_json_str_n of a NUL-terminated string; NULL is written "". */
void jx_json_str(jx_writer *w, const char *s);

/** `,"k":` — a member after the first of an object. */
void jx_json_key(jx_writer *w, const char *k);

/** A grade's name as a JSON string, or null for JX_GRADE_NONE. */
void jx_json_grade(jx_writer *w, jx_grade g);

/** Starts a block of a report's part: a blank line after the block before it; nothing
 * outside a report (wr->in_report). A renderer sets in_report at report_begin, zeroes
 * blocks at each part and clears in_report at doc_end. */
void jx_doc_block(jx_writer *wr);

/** Appends "title（caption）：result", leaving out （caption） and ：result when "". */
void jx_out_title(jx_writer *wr, const char *title, const char *caption, const char *result);

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

/* ------------------------------------------------ writing straight into the buffer
 * The fast paths of the JSON and CSV writers (write_json.c, write_csv.c) check the room
 * once for a whole indicator, then write through a pointer o into wr->buf: each jx_at_*
 * writes at o and returns the end. They write exactly the bytes of the jx_out_* call
 * named, so a fast path and the general one give the same output. */

/** True when the buffer has need bytes free, flushed first if it must be; false when
 * need is more than a flushed buffer holds (the caller takes its general path). */
static inline bool jx_out_room(jx_writer *wr, size_t need)
{
    if (wr->cap - wr->len < need) {
        jx_out_flush(wr);
        if (wr->cap - wr->len < need)
            return false;
    }
    return true;
}

/** s[0..n) at o. */
static inline char *jx_at_bytes(char *o, const char *s, size_t n)
{
    jx_copy_short(o, s, n);
    return o + n;
}

/** u in decimal at o, as jx_out_uint. */
static inline char *jx_at_uint(char *o, uint64_t u)
{
    return jx_uint_put(o, u);
}

/** A line or column of a position in decimal at o, as jx_out_uint (room for 20 bytes). A
 * number of five or six digits — a line of a long file — is its one or two leading digits
 * and then four by digit pairs, after one division by 10000 (jx_uint_put counts its
 * digits and writes a pair a division); the others are jx_uint_put's. */
static inline char *jx_at_line(char *o, uint32_t u)
{
    if (u - 10000u < 1000000u - 10000u) {
        uint32_t q = u / 10000, r = u - q * 10000, h = r / 100;
        o = jx_uint_put(o, q); /* 1 to 99 */
        memcpy(o, jx_digit_pairs + 2 * h, 2);
        memcpy(o + 2, jx_digit_pairs + 2 * (r - h * 100), 2);
        return o + 4;
    }
    return jx_uint_put(o, u);
}

/** d at o as jx_out_dec writes it (room for JX_DEC_BUFSZ bytes). */
static inline char *jx_at_dec(char *o, jx_dec d)
{
    if (d.scale == 0 && d.v >= 0)
        return jx_at_uint(o, (uint64_t)d.v);
    return o + jx_num_put(d.v, d.scale, true, o);
}

/** units with `decimals` places at o as jx_out_fixed writes them (room for JX_DEC_BUFSZ
 * bytes); the usual 2 decimals of a score >= 0 by digit pairs, without jx_num_put. */
static inline char *jx_at_fixed(char *o, int64_t units, int decimals)
{
    if (decimals != 2 || units < 0)
        return o + jx_num_put(units, decimals, false, o);
    uint64_t u = (uint64_t)units, hi = u / 100;
    o = jx_at_uint(o, hi);
    *o = '.';
    memcpy(o + 1, jx_digit_pairs + 2 * (u - hi * 100), 2);
    return o + 3;
}

/** d rounded half up to `decimals` places at o, as jx_at_fixed(o, jx_dec_to_units(d,
 * decimals), decimals) writes it (room for JX_DEC_BUFSZ bytes): a group's points. The
 * usual whole number at 2 places ("60" as "60.00") is its digits and ".00", without the
 * product by 100 and the division back. */
static inline char *jx_at_dec_fixed(char *o, jx_dec d, int decimals)
{
    if (d.scale == 0 && d.v >= 0 && d.v <= INT64_MAX / 100 && decimals == 2) { /* as many units as fit */
        o = jx_at_uint(o, (uint64_t)d.v);
        memcpy(o, ".00", 3);
        return o + 3;
    }
    return jx_at_fixed(o, jx_dec_to_units(d, decimals), decimals);
}

/* What the JSON and CSV fast paths (indicator_fast, row_fast, …) are compiled with: every
 * helper they call from their file and the headers inlined into them (flatten) — left to
 * itself the compiler kept the ones that write a string, a cell or a number (o_str, o_cell,
 * jx_copy_short, jx_at_uint) as calls, a tenth of what an indicator's object or row costs;
 * and compiled for speed throughout (hot) — behind their many tests that may return false
 * the compiler took the writing for rarely run and left the divisions by 100 of the
 * numbers as divisions. */
#define JX_FAST_PATH __attribute__((flatten, hot))

/* A fast path's test that sends the unusual input to the general path: said to be rarely
 * true. Left to guess, gcc takes a chain of such tests as apt to hold somewhere, so the
 * writing after it for rarely run, and lays it out and copies its constants as it would
 * cold code (a constant of 50 bytes byte by byte, rep movsb, rather than by registers). */
#define JX_RARE(c) __builtin_expect(!!(c), 0)

/* ------------------------------------------------------------- the formats (formats.c) */

typedef struct jx_audit_reporter jx_audit_reporter;   /* below */
typedef struct jx_review_reporter jx_review_reporter; /* below */
typedef struct jx_vet_reporter jx_vet_reporter;       /* below */

/**
 * A row of the one table of output formats: what the public table says of the format
 * (jx_format_at), and its reporter for each document (NULL: not written in it).
 */
typedef struct jx_format_row {
    jx_format_info info;                /* name, code, --help words per document */
    const struct jx_renderer *render;   /* a human format's renderer (doc.h); the documents' reporters are then
                                           their builders (jx_*_doc_reporter); NULL for a serialisation */
    const jx_reporter *form;            /* the 自评表 (JX_FORMAT_TEMPLATE: the CSV template, as it always was) */
    const jx_audit_reporter *audit;     /* the audit report */
    const jx_review_reporter *review;   /* the 复核 sheets */
    const jx_reporter *tmpl;            /* the actuals template (JX_DOC_TEMPLATE, jx_template_writer_create) */
    const jx_vet_reporter *vet;         /* the 审核 of targets (JX_DOC_VET) */
} jx_format_row;

/** The row of fmt, NULL for a code the table does not have. */
const jx_format_row *jx_format_row_of(jx_format fmt);

/* ------------------------------------------------ the 自评表's grid and cells (build_form.c)
 * The 项目支出绩效自评表 of a project laid out as the printed form's grid: the indicator
 * rows in the form's order with the rows each 一级 and 二级 cell spans, and the texts of
 * the cells that show a number ("产出指标 (60.00分)", "96.68%", "—"), for the builder and
 * the JSON and CSV writers. The numbers come from the scoring layer (score.h) and the
 * order from order.h; these only word them, in the arena the caller passes. */

/** The label of the statement: "满分". */
extern const char jx_form_full_marks_label[];

/** The value of the 满分 statement (jx_full_marks_of, score.h): "80（不适用 20 分剔除）", in ar
 * ("" when ar ran out or fm is not stated). */
const char *jx_form_full_marks_value(jx_arena *ar, const jx_full_marks *fm);

/** One row of the indicator table. */
typedef struct jx_form_row {
    const jx_indicator *ind; /* the indicator; NULL for an empty group's row */
    const jx_group *l1;      /* its 一级 group */
    const jx_group *l2;      /* its 二级 group; NULL for an indicator written directly in 一级 */
    uint32_t l1_span;        /* rows the 一级 cell spans when this row starts it, else 0 */
    uint32_t l2_span;        /* rows the 二级 cell (empty when l2 is NULL) spans when this row starts it, else 0 */
} jx_form_row;

/** The indicator table of a project, laid out. */
typedef struct jx_form {
    jx_form_row *rows; /* in the form's order (jx_order_build): each 一级 group, its direct indicators,
                          then its 二级 groups */
    size_t nrows;      /* how many */
    jx_dec weight_sum; /* Σ 权重, with the points of a 单列 预算执行率 (the 总分 row's 权重: jx_weight_total) */
} jx_form;

/**
 * Lays out p's indicator table in ar. An empty 二级 group is one row (ind NULL), and so
 * is an empty 一级 group (l2 NULL too). JX_ERR_NOMEM when ar ran out.
 */
jx_result jx_form_build(jx_form *f, const jx_project *p, jx_arena *ar);

/** "产出指标 (60.00分)" with the project's decimals, or the bare name when no points were declared. */
const char *jx_form_group_label(jx_arena *ar, const jx_project *p, const jx_group *g);

/** The label of a 单列 预算执行率 row: "预算执行率 (10.00分)". */
const char *jx_form_exec_label(jx_arena *ar, const jx_project *p);

/** A score with the project's decimals ("30.00"), or "—" before scoring or when units < 0. */
const char *jx_form_score(jx_arena *ar, const jx_project *p, int64_t units);

/** An indicator's 得分 cell: its score, "不适用", or "—". */
const char *jx_form_indicator_score(jx_arena *ar, const jx_project *p, const jx_indicator *ind);

/** An indicator's 权重 cell: the weight as written ("30"), or "—" when none. */
const char *jx_form_weight(jx_arena *ar, const jx_indicator *ind);

/** A number as written ("358.35", "0"). */
const char *jx_form_dec(jx_arena *ar, jx_dec d);

/** The 执行率 of one 资金 row ("100.00%"), or "—" when its 全年预算数 is 0. */
const char *jx_form_funds_rate(jx_arena *ar, const jx_funds *f);

/**
 * The 执行率 of all the funds together ("96.68%"): the 年度资金总额 row when it has a
 * budget, else the sum of the rows; "—" when the budget is 0.
 */
const char *jx_form_total_rate(jx_arena *ar, const jx_project *p);

/** The 自评结论 cell: the grade ("优"), or "—" before scoring. */
const char *jx_form_grade(const jx_project *p);

/* ================================================================ tables laid out in the scratch arena, scratch strings (writer.c)
   what the reporters of the audit (report_audit_*.c), of the 复核
 * sheet and the renderers share, all writing through a jx_writer (defined in writer.c):
 * a table whose columns are aligned by display width (CJK = 2 cells), and strings made
 * in the writer's scratch arena. The JSON strings and the CSV field every document
 * writes are report.h's (write_json.c, write_csv.c).
 *
 * Running out of memory fails the writer (its first failure is kept) and yields "" or
 * NULL, so a reporter goes on without checking and its output is dropped.
 */

/** Most columns a table has. */
#define JX_TABLE_MAXCOLS 16

/** A table being laid out: rows of ncols strings, kept in the writer's scratch arena. */
typedef struct jx_table {
    jx_writer *w;       /* the writer: its scratch arena holds the rows, its output gets them */
    size_t ncols;       /* columns, at most JX_TABLE_MAXCOLS */
    const char **cells; /* rows × ncols, row-major */
    size_t nrows;       /* rows filled */
    size_t cap;         /* rows allocated */
} jx_table;

/** Starts an empty table of ncols columns (at most JX_TABLE_MAXCOLS) written to w. */
void jx_table_init(jx_table *t, jx_writer *w, size_t ncols);

/** A new row of empty cells to fill in; NULL (the writer failed) when memory ran out. */
const char **jx_table_row(jx_table *t);

/**
 * Writes the rows after indent spaces, each column padded to its widest cell in display
 * cells and two cells from the next; a row's trailing empty cells are not written.
 */
void jx_table_print(const jx_table *t, size_t indent);

/** Fails w for want of memory (unless it failed before) and returns "". */
const char *jx_scratch_fail(jx_writer *w);

/** Orders p's groups and indicators as the 自评表 prints them (jx_order_build) in the
 *  scratch arena; false, the writer failed, when memory runs out. */
bool jx_writer_order(jx_writer *wr, const jx_project *p, jx_order *ord);

/** printf into w's scratch arena; "" when memory ran out. */
const char *jx_scratch_printf(jx_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** A copy of s in w's scratch arena; "" when memory ran out. */
const char *jx_scratch_str(jx_writer *w, const char *s);

/* ================================================================ spools: parts held back (writer.c)
   part of a report held back in memory and written later.
 *
 * A report whose head sums up what follows (the audit's summary before its tables)
 * cannot stream its tables as they come: it writes them to a spool, a jx_writer whose
 * bytes are kept in a growing buffer, and copies them into the real output at the end.
 * The buffer comes from the writer's jx_allocator, up to JX_SPOOL_MEMORY bytes; past that
 * the spool goes on in a temporary file in $TMPDIR (else /tmp; removed at once, so it goes
 * when closed or when the program ends), so a report of a province's projects holds them
 * on disk, not in memory. Running
 * out of memory or disk fails the spool's writer, and the copy passes the failure on.
 */

/** Bytes a spool holds in memory before it goes on in a temporary file. */
#define JX_SPOOL_MEMORY (1u << 20)

/** A spool: a writer and the bytes it has flushed so far (readall.h's jx_stash). */
typedef struct jx_spool {
    jx_writer *w;    /* write the held-back text here (jx_out_*, jx_html_*, …) */
    jx_stash bytes;  /* the bytes flushed from w: in memory up to JX_SPOOL_MEMORY, then in a file */
} jx_spool;

/**
 * Opens an empty spool whose memory comes from alloc (NULL: the default); JX_ERR_NOMEM.
 * Its writer writes to sp itself: sp must not move while it is open.
 */
jx_result jx_spool_open(jx_spool *sp, const jx_allocator *alloc);

/** JX_OK, or the spool's failure: JX_ERR_NOMEM when its buffer could not grow. */
jx_result jx_spool_error(const jx_spool *sp);

/**
 * Writes everything the spool holds into `to` and empties it; a failure of the spool's
 * writer (memory) becomes to's failure, unless `to` failed before.
 */
void jx_spool_copy(jx_spool *sp, jx_writer *to);

/** Releases the spool's writer and buffer; a spool that was never opened (zeroed) is a no-op. */
void jx_spool_close(jx_spool *sp);

/* ================================================================ the 复核 sheets' reporters (build_review.c, write_json.c, write_csv.c)
   writing 复核 sheets: the reporter of each format behind
 * jx_review_writer (writer.c). The human formats (text, Markdown, txt, HTML, the
 * workbook) draw the sheet built once as a document (doc.h, build_review.c); JSON and CSV
 * write it themselves (write_json.c, write_csv.c). The sheet itself is computed by review.c
 * (review.h); a reporter formats its numbers and computes none.
 */

/** The reporter of one sheet format. */
struct jx_review_reporter {
    const char *name;                                                 /* "text", "json", "csv", "html", "md", "txt" */
    void (*begin)(jx_writer *wr);                                     /* before the first sheet */
    void (*sheet)(jx_writer *wr, const jx_review_sheet *s, size_t i); /* the i-th sheet (from 0) */
    void (*finish)(jx_writer *wr, size_t nsheets);                    /* closes the document */
};

/** {"sheets":[…]} with exact 2-decimal numbers. */
/** The sheets as a document (build_review.c), drawn by the writer's renderer. */
extern const jx_review_reporter jx_review_doc_reporter;
/** {"sheets":[…]} with exact 2-decimal numbers. */
extern const jx_review_reporter jx_review_reporter_json;
/** One row per indicator and a 总分 row per project. */
extern const jx_review_reporter jx_review_reporter_csv;

/** The reviewer's table to fill in (write_review_template.c) in format fmt: the reporter
 * for JX_FORMAT_CSV or JX_FORMAT_XLSX, NULL for the formats it is not written in. */
const jx_review_reporter *jx_review_template_reporter(jx_format fmt);

/* ================================================================ the audit's reporters (build_audit.c, write_json.c, write_csv.c)
   the audit's reporters: one vtable per output format behind
 * jx_audit_writer, like report.h's for the 自评表. The writer uses a jx_writer, made by
 * jx_writer_create, for its output buffer, sticky error and scratch arena (reset before
 * each project), so the jx_out_* helpers of report.h write for it.
 */


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
};

/** The JSON document. */
/** The report as a document (build_audit.c), drawn by the writer's renderer. */
extern const jx_audit_reporter jx_audit_doc_reporter;
/** The JSON document. */
extern const jx_audit_reporter jx_audit_reporter_json;
/** The CSV table with a record-kind column. */
extern const jx_audit_reporter jx_audit_reporter_csv;

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

/** The indicator d is about (as jx_audit_indicator_name finds it), NULL when none. */
const jx_indicator *jx_audit_indicator_of(const jx_project *p, const jx_diag *d);

/** The policy's name for the report's head: the audit's policy, or "" without one. */
const char *jx_audit_policy_name(const jx_audit *au);

/** basis points as a percentage with two decimals ("33.33") in buf. */
char *jx_audit_percent(uint32_t bp, char *buf, size_t size);

/** The stable code of why: "drawn", "weighted", "flagged". */
const char *jx_audit_why_code(jx_audit_why why);

/* ================================================================ the 审核's reporters (build_vet.c, write_json.c, write_csv.c)
 * One vtable per format behind jx_vet_writer, as for the audit: the writer's jx_writer
 * holds the buffer, the sticky error and the scratch arena (reset before each project). */

/** A vet writer: the reporter, the vet it reports and the output. */
struct jx_vet_writer {
    const jx_allocator *alloc;
    jx_writer *out;             /* buffer, write function, sticky error, scratch arena */
    const jx_vet_reporter *rep; /* the format's reporter */
    jx_vet *vt;                 /* the vet whose summary ends the report */
    size_t nprojects;           /* projects written so far */
    bool begun;                 /* the reporter's begin ran */
    bool finished;              /* jx_vet_writer_finish ran */
    size_t nfindings;           /* findings the projects written so far gave */
};

/** One project as the reporters print it. */
typedef struct jx_vet_view {
    const jx_project *p;
    unsigned flags;          /* JX_AUDIT_IMPORTED: positions are table rows */
    uint32_t line;           /* its line as reported */
    jx_grade result;         /* its 审核结果 (jx_vet_result) */
    jx_audit_findings f;     /* its findings at or above min_severity, errors first */
    jx_vet_counts c;         /* the same counted by aspect */
    const jx_indicator **of; /* the indicator each of f's findings is about (jx_audit_indicator_of),
                                NULL for the project's own; f.n of them */
} jx_vet_view;

/** One output format of the 审核. */
struct jx_vet_reporter {
    const char *name;
    void (*begin)(jx_vet_writer *vw);
    void (*project)(jx_vet_writer *vw, const jx_vet_view *v);
    void (*finish)(jx_vet_writer *vw);
};

/** The report as a document (build_vet.c), drawn by the writer's renderer. */
extern const jx_vet_reporter jx_vet_doc_reporter;
/** The JSON document (write_json.c). */
extern const jx_vet_reporter jx_vet_reporter_json;
/** The CSV table, one row per finding (write_csv.c). */
extern const jx_vet_reporter jx_vet_reporter_csv;

#endif
