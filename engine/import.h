/* SPDX-License-Identifier: MIT */
/* import.h — turning the budget systems' tables into the rule DSL.
 *
 * Three stages, each in its own files:
 *
 *   decode (import_decode.c)   bytes → UTF-8 text: BOM, CRLF, GB18030/GBK through iconv;
 *                              line numbers are kept, so a row number in the output is
 *                              the line of the file the user has.
 *   read   (import_<fmt>.c)    one reader per table format walks the text and records
 *                              what it finds into the table model below: projects, their
 *                              fields, their indicator rows, and every row it skipped
 *                              (headers, page furniture) or did not understand.
 *   emit   (import_emit.c)     each finished project is written out as a `项目` block,
 *                              its values normalised by the value reader (value.c).
 *
 * A format reader never writes DSL and never decides how a value reads: it copies cells
 * as written into the model (trimmed, with cells a PDF or a page break split joined
 * back), and says which line each row came from. The model keeps one project at a
 * time: jx_imp_begin() hands the previous one to the sink and reuses the memory, so an
 * import runs in memory bounded by its largest project.
 */
#ifndef JX_IMPORT_H
#define JX_IMPORT_H

#include "arena.h"
#include "diag.h"
#include "jixiao.h"
#include "text.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------ the table model */

/** A piece of the text being read (text.h's span, so jx_text_trim gives one). */
typedef jx_text_span jx_imp_span;

/** One 资金 row of a project, its amounts as written ("358.35", "78,000.00", ""). */
typedef struct jx_imp_funds {
    uint32_t row;        /* line of the source text */
    const char *source;  /* 资金来源: 年度资金总额, 一般公共预算资金, …; "" for the only row */
    const char *initial; /* 年初预算数 */
    const char *budget;  /* 全年预算数 */
    const char *spent;   /* 全年执行数; "" in a target table (nothing spent yet) */
    /* an amount "" is not given: the row is written with the others (jx_funds) */
} jx_imp_funds;

/** Points declared for a 一级 or 二级 group (`产出指标 (60分)`), as written. */
typedef struct jx_imp_points {
    uint32_t row;        /* line of the source text */
    const char *level1;  /* 一级指标 */
    const char *level2;  /* 二级指标, "" for the 一级 group itself */
    const char *points;  /* "60", "0", "60.00" */
} jx_imp_points;

/**
 * One indicator row (三级指标). Every field is the cell as written, trimmed, never NULL
 * ("" when the table has no such cell or it is empty).
 */
typedef struct jx_imp_indicator {
    uint32_t row;        /* line of the source text where the row starts */
    const char *level1;  /* 一级指标, carried down from the row above when the cell was merged */
    const char *level2;  /* 二级指标, likewise */
    const char *name;    /* 三级指标 */
    const char *sign;    /* 计算符号 when the table has a column of its own ("≥", "定性"), else "" */
    const char *target;  /* 指标值 / 年度指标值 / 预计当年实现: "≥60个", "10000", "及时" */
    const char *unit;    /* 计量单位 / 度量单位 when in a column of its own ("人次", "(%)") */
    const char *weight;  /* 权重 / 指标权重, "" when the table has none */
    const char *actual;  /* 实际完成值 (self-evaluations), "" */
    const char *score;   /* 得分 as claimed (self-evaluations), "" */
    const char *reason;  /* 偏差原因分析及改进措施, "" */
    const char *judge;   /* 评定 of a 定性 indicator: 达成, 部分达成, 未达成, "" */
    const char *not_applicable; /* 不适用: "是" (or "不适用", "√") when the indicator is excluded, "" */
    const char *last_year;   /* 上年: the indicator's value of last year (a 申报表's column), "" */
    const char *year_before; /* 前年: of the year before, "" */
    const char *basis;       /* 指标值确定依据, "" */
    const char *note;    /* kept as a comment beside the indicator (目标名称, a long-term target…) */
} jx_imp_indicator;

/** Project-level text fields; the order is the order the emitter writes them in. */
typedef enum jx_imp_field {
    JX_IMP_NAME = 0,      /* 项目名称 */
    JX_IMP_DEPT,          /* 主管部门 */
    JX_IMP_ORG,           /* 预算单位 / 单位名称 (with its code when the table gives one) */
    JX_IMP_YEAR,          /* 年度, e.g. "2024" */
    JX_IMP_MONEY_UNIT,    /* 金额单位: 万元, 元 */
    JX_IMP_GOAL,          /* 年度目标 / 总体绩效目标 / 年度绩效目标 */
    JX_IMP_OUTCOME,       /* 完成情况 (实际完成情况) */
    JX_IMP_DEVIATION,     /* 偏离原因 (目标偏离原因分析) */
    JX_IMP_REMEDY,        /* 整改措施 */
    JX_IMP_CLAIMED_TOTAL, /* 总分 as claimed */
    JX_IMP_CLAIMED_GRADE, /* 自评结论 as claimed: 优 良 中 差 */
    JX_IMP_FIELD_COUNT
} jx_imp_field;

/** One project as read from a table. Strings live in the model's arena. */
typedef struct jx_imp_project {
    uint32_t row;                            /* line where the project starts */
    const char *field[JX_IMP_FIELD_COUNT];   /* project fields, "" when not given */
    uint32_t field_row[JX_IMP_FIELD_COUNT];  /* line of each field, 0 when not given */
    jx_imp_funds *funds;                     /* 资金 rows in table order */
    size_t nfunds, funds_cap;                /* count and capacity of funds */
    jx_imp_points *points;                   /* group points in table order */
    size_t npoints, points_cap;              /* count and capacity of points */
    jx_imp_indicator *inds;                  /* indicator rows in table order */
    size_t ninds, inds_cap;                  /* count and capacity of inds */
} jx_imp_project;

/** Why a row was not made into an indicator. */
typedef enum jx_imp_row_kind {
    JX_IMP_ROW_SKIPPED = 0,   /* understood and not an indicator: a header, page furniture, a total */
    JX_IMP_ROW_NOT_UNDERSTOOD /* looked like table content but could not be read: a warning */
} jx_imp_row_kind;

/** Counts for the summary printed after an import. */
typedef struct jx_imp_stats {
    size_t projects;       /* projects emitted */
    size_t indicators;     /* indicator rows emitted */
    size_t rows;           /* lines of input read */
    size_t skipped;        /* rows skipped as non-indicator */
    size_t not_understood; /* rows not understood (each also a warning) */
} jx_imp_stats;

/** Receives each finished project; returns 0, or -1 to stop the import (its own error). */
typedef int (*jx_imp_sink)(void *ud, const jx_imp_project *p);

/** The table model a format reader fills; one per import. */
typedef struct jx_imp jx_imp;

/** A model for file (named in diagnostics) sending projects to sink; NULL when memory ran out. */
jx_imp *jx_imp_create(const jx_allocator *alloc, const char *file, jx_imp_sink sink, void *ud);

/** Releases the model; NULL is a no-op. */
void jx_imp_destroy(jx_imp *im);

/** Hands the project being filled (if any) to the sink. 0, or -1 when the sink or memory failed. */
int jx_imp_finish(jx_imp *im);

/** Starts a new project at row, finishing the previous one. NULL when memory ran out or the sink failed. */
jx_imp_project *jx_imp_begin(jx_imp *im, uint32_t row);

/** The project being filled, or NULL before the first jx_imp_begin. */
jx_imp_project *jx_imp_current(jx_imp *im);

/** A copy of s[0..n) in the model's arena with the blanks around it (JX_TEXT_BLANKS) trimmed. "" on n == 0. */
const char *jx_imp_str(jx_imp *im, const char *s, size_t n);

/**
 * The n parts one after another ("name", "；", "goal"), trimmed and copied into the
 * model's arena like jx_imp_str: how a reader joins text of any length. "" when memory ran out.
 */
const char *jx_imp_join(jx_imp *im, const jx_imp_span *part, size_t n);

/** Sets a field of the current project to s[0..n) (trimmed). 0, or -1 when memory ran out. */
int jx_imp_set(jx_imp *im, jx_imp_field f, uint32_t row, const char *s, size_t n);

/** Adds an empty indicator row (all fields "") to the current project; NULL when memory ran out. */
jx_imp_indicator *jx_imp_indicator_add(jx_imp *im, uint32_t row);

/** Adds a 资金 row (all fields "") to the current project; NULL when memory ran out. */
jx_imp_funds *jx_imp_funds_add(jx_imp *im, uint32_t row);

/** Records points for a group of the current project (level2 "" for a 一级 group). 0 or -1. */
int jx_imp_points_add(jx_imp *im, uint32_t row, const char *level1, const char *level2,
                      const char *points);

/** Records a row that did not become an indicator, with why (Chinese, printf-style). */
void jx_imp_row(jx_imp *im, uint32_t row, jx_imp_row_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** Adds a warning with a stable code at row (column 1) to the model's diagnostics. */
void jx_imp_warn(jx_imp *im, uint32_t row, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** Adds a note (information, never a failure, not even under --werror) at row. */
void jx_imp_note(jx_imp *im, uint32_t row, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/**
 * Records a row that could not be read at all (an unclosed quote), at its line row and
 * column col (characters; off is the byte offset of that place in the text): an error
 * with code, counted as not understood. Nothing of the row is imported.
 */
void jx_imp_row_error(jx_imp *im, uint32_t row, const char *code, uint32_t col, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/** Adds an error (the input cannot be imported as written) at row to the diagnostics. */
void jx_imp_error(jx_imp *im, uint32_t row, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/**
 * Gives the model the decoded text being read (the driver calls it once, before the
 * format reader): it counts the rows, and diagnostics quote their line from it. The
 * text must outlive the model.
 */
void jx_imp_set_text(jx_imp *im, const char *text, size_t len);

/** The counts so far. */
jx_imp_stats jx_imp_get_stats(const jx_imp *im);

/** The diagnostics recorded so far (warnings, errors, and one note per skipped row). */
size_t jx_imp_diag_count(const jx_imp *im);
const jx_diag *jx_imp_diag(const jx_imp *im, size_t i);

/** The allocator the model was created with, for a format reader's own working memory. */
const jx_allocator *jx_imp_alloc(const jx_imp *im);

/** 1 once memory ran out in any call above (the import then fails with JX_ERR_NOMEM). */
int jx_imp_oom(const jx_imp *im);

/* ------------------------------------------------------------------ weights */

/**
 * `--weights equal`: gives every indicator of p that has no 权重 a weight by an explicit
 * rule — the policy's first-level points (一级分值), split evenly among the indicators
 * of each first-level group — and records one note on im stating the rule and the
 * weights it produced, so the output says how they came about. Indicators that have
 * a weight keep it. 0, or -1 when memory ran out.
 */
int jx_imp_weights_equal(jx_imp *im, jx_imp_project *p, const jx_policy *pol);

/* --------------------------------------------------------------- formats */

/** One table format: how to recognise it and how to read it. */
typedef struct jx_imp_format {
    const char *name;  /* the --from name: "zj-target", "csv", … */
    const char *title; /* what it is, in Chinese, for --help and messages */
    /** How sure the format is that text[0..len) is one of its tables: 0 (no) to 100. */
    int (*detect)(const char *text, size_t len);
    /** Reads text[0..len) into im. 0 when read (rows may still be reported), -1 when memory ran out. */
    int (*read)(jx_imp *im, const char *text, size_t len);
} jx_imp_format;

extern const jx_imp_format jx_imp_zj_target;   /* 市级部门预算项目绩效目标表 (tab-separated) */
extern const jx_imp_format jx_imp_zz_target;   /* 项目绩效目标表 / 整体绩效目标申报表 */
extern const jx_imp_format jx_imp_wh_declare;  /* 部门项目申报表 / 整体支出绩效目标表 */
extern const jx_imp_format jx_imp_zj_selfeval; /* 项目支出绩效自评表 (a PDF's text) */
extern const jx_imp_format jx_imp_csv;         /* a plain table with a header row */
extern const jx_imp_format jx_imp_json;        /* jixiao's own `score --format json` */

/** The formats, NULL-terminated, in the order detection tries them. */
extern const jx_imp_format *const jx_imp_formats[];

/** The format called name, or NULL. */
const jx_imp_format *jx_imp_format_find(const char *name);

struct jx_table_cell;

/**
 * Whether a header row of cells[0..n) is jixiao's own scores' (`score --format csv`), as the
 * csv format knows it (import_csv.c): it names the 三级指标 column and the 计分方法 column.
 * import.c reads a workbook's 数据 sheet with that header as the CSV it holds.
 */
bool jx_imp_csv_own_header(const struct jx_table_cell *cells, size_t n);

/* --------------------------------------------------------- line helpers */

/** One line of a text, without its newline. */
typedef struct jx_imp_line {
    const char *s;  /* start of the line */
    size_t n;       /* bytes, without "\n" (and without a "\r" before it) */
    uint32_t row;   /* 1-based line number */
} jx_imp_line;

/** Iterates the lines of text[0..len): starts with *pos = 0, row = 0; returns false at the end. */
bool jx_imp_next_line(const char *text, size_t len, size_t *pos, jx_imp_line *line);

/**
 * Splits a line at tabs into at most max cells (the last takes the rest); returns the
 * number of cells. Cells are not trimmed.
 */
size_t jx_imp_split_tabs(const jx_imp_line *line, const char **cell, size_t *cell_n, size_t max);

/** True when a equals the C string b. */
bool jx_imp_span_eq(jx_imp_span a, const char *b);

/** True when a starts with the C string b. */
bool jx_imp_span_starts(jx_imp_span a, const char *b);

/** The first occurrence of the C string needle in a, or NULL. */
const char *jx_imp_span_find(jx_imp_span a, const char *needle);

/** The length of a as printf's "%.*s" takes it, at most 4096 (longer text is quoted cut). */
int jx_imp_span_len(jx_imp_span a);

#endif
