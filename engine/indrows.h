/* SPDX-License-Identifier: MIT */
/* indrows.h — a sheet whose rows name indicators (项目, 单位, 主管部门, 一级指标, 二级指标,
 * 三级指标), loaded whole through the table reader (table.h: CSV or tab-separated text in
 * any encoding, .xlsx, .xls), indexed by project and matched to a project's indicators as
 * projects stream: what the actuals (actuals.c) and the 复核 sheet (review.c) read alike.
 *
 * The sheet names its columns in a jx_indrows_spec; the first six are always 项目, 单位,
 * 主管部门, 一级指标, 二级指标 and 三级指标 (a header may also write 项目名称, 预算单位 …).
 * The header is the first row, among a sheet's first JX_INDROWS_HEADER_ROWS, that names
 * every required column; a workbook's sheets without one are passed over with a note.
 * Cells are copied into the sheet's arena.
 *
 * A row names a project by its 项目 and, when its 单位 or 主管部门 cells are filled,
 * those too. A row matches an indicator of the project it names when its 三级指标 equals
 * the indicator's name and its 一级指标 and 二级指标, when not empty, equal the
 * indicator's groups. Invariants: a row is applied to one project at most; a row whose
 * name several known projects share and whose cells do not tell which is an error
 * listing them (jx_indrows_know makes projects known before any is applied); a row that
 * matches several indicators is an error; by jx_indrows_finish, a row naming a project
 * that was seen but no indicator of it is an error, and rows naming projects never seen
 * are one warning (<code>-unused) with their count and the first few. A row that fills
 * none of the columns after 三级指标 (a template row left empty) is never reported.
 *
 * A spec may end in project columns (project_first): a row that leaves 三级指标 empty and
 * fills one of them is a project row, matched to the project it names alone (its
 * indicator NULL); a sheet whose header names 项目 and one of them but not the required
 * columns (the workbook template's 项目 sheet) is read as a sheet of project rows, and
 * its rows that fill none of them are passed over.
 */
#ifndef JX_INDROWS_H
#define JX_INDROWS_H

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "table.h"
#include "value.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** The most columns a sheet may name. */
#define JX_INDROWS_MAXCOLS 16

/** The columns every sheet has, at these indices of its spec's column names. */
enum { JX_INDROWS_PROJECT = 0, JX_INDROWS_ORG, JX_INDROWS_DEPT, JX_INDROWS_L1, JX_INDROWS_L2, JX_INDROWS_L3 };

/** How many rows of a sheet are searched for its header (a title may stand above it). */
#define JX_INDROWS_HEADER_ROWS 10

/** Another word a header may use for one of a spec's columns. */
typedef struct jx_indrows_alias {
    int column;       /* index in the spec's columns */
    const char *word; /* the word: "偏差原因分析及改进措施" for 偏差原因 */
} jx_indrows_alias;

/** What tells one sheet from another: its columns and the words its messages use. */
typedef struct jx_indrows_spec {
    const char *code;              /* code of every diagnostic: "actuals", "review" */
    const char *unused_code;       /* code of the warning about rows naming no project: "actuals-unused" */
    const char *what;              /* the file in messages: "实际完成值文件", "复核表" */
    const char *header_hint;       /* the columns an empty file lacks: "项目、三级指标、实际完成值" */
    const char *const *columns;    /* the header names, 项目, 单位, 主管部门, 一级指标, 二级指标, 三级指标 first */
    size_t ncolumns;               /* how many (at most JX_INDROWS_MAXCOLS) */
    const int *required;           /* indices of the columns the header must name */
    size_t nrequired;              /* how many */
    const jx_indrows_alias *aliases; /* other words for its columns, NULL for none */
    size_t naliases;               /* how many */
    size_t project_first;          /* 0, or the first of the project's columns, which run to the last: a
                                      row leaving 三级指标 empty and filling one of them is a project row
                                      (jx_indrows_match hands it over with no indicator), and a header
                                      naming 项目 and one of them is a project sheet's header */
} jx_indrows_spec;

/** A cell of a row: trimmed of blanks, with its place in the file. */
typedef struct jx_indrows_cell {
    const char *s; /* bytes in the sheet's arena, NUL-terminated ("" when the column is absent) */
    uint32_t n;    /* length */
    uint32_t col;  /* 1-based column of the cell (text: in characters; workbooks: A = 1) */
    uint32_t off;  /* text: byte offset of the cell in the decoded text; workbooks: 0 */
} jx_indrows_cell;

/** A column its header does not name, in jx_indrows_row.slot. */
#define JX_INDROWS_ABSENT 0xFF

/**
 * One data row of the sheet. It keeps the cells of the columns its sheet's header names
 * only, so a row of a five-column sheet takes five cells whatever the spec's width (a
 * province's actuals are a million rows): jx_indrows_cell_of gives any column's cell.
 */
typedef struct jx_indrows_row {
    const jx_indrows_cell *cells; /* the cells of the columns the header names, in the arena */
    const uint8_t *slot; /* spec column → its index in cells, JX_INDROWS_ABSENT when the header does
                            not name it; one array for all the rows under one header */
    uint32_t line;     /* the row's line (text) or row number (workbooks) */
    uint32_t off;      /* text: byte offset where the row starts */
    uint32_t sheet;    /* index of its source in jx_indrows.srcs (its sheet) */
    uint32_t owner;    /* the known project it was applied to + 1, 0 before */
    uint32_t next;     /* next row in the same hash bucket, UINT32_MAX at the end */
    uint32_t matched;  /* indicators it has been matched to */
    int reported;      /* an error about the row has been given */
} jx_indrows_row;

/** Column k (an index of the spec's columns) of row r: its cell, or an empty one ("", at
 * the row's start) when the row's header does not name the column. */
static inline jx_indrows_cell jx_indrows_cell_of(const jx_indrows_row *r, size_t k)
{
    if (r->slot[k] == JX_INDROWS_ABSENT) {
        jx_indrows_cell none = {"", 0, 1, r->off};
        return none;
    }
    return r->cells[r->slot[k]];
}

/** A loaded sheet, its diagnostics and its index. Embedded in the handle that reads it. */
typedef struct jx_indrows {
    const jx_allocator *alloc;   /* for the arrays */
    const jx_indrows_spec *spec; /* the columns */
    jx_arena arena;              /* strings and diagnostics */
    jx_diags diags;              /* the sheet's diagnostics, with the spec's code */
    jx_source src;               /* the file, so diagnostics can quote its lines (text) */
    jx_source *srcs;             /* one per sheet read: "file.xlsx[sheet]"; srcs[0] is src for text */
    size_t nsrcs, srcs_cap;      /* count and capacity */
    struct jx_table *table;      /* the table, kept open so messages can quote the text */
    bool header_read;            /* the file had a header row */
    bool seen[JX_INDROWS_MAXCOLS]; /* the header named the column */
    jx_indrows_row *rows;        /* data rows in file order */
    size_t nrows, rows_cap;      /* how many, capacity */
    uint32_t *buckets;           /* hash of project name → first row, UINT32_MAX when empty */
    size_t nbuckets;             /* a power of two; 0 until the rows are indexed */
    jx_value_reader *vr;         /* reads cells as 实际完成值 (jx_indrows_actual); made at its first use */
    struct jx_indrows_known *known; /* projects made known or seen, by name (indrows.c) */
    size_t nknown, known_cap;    /* count and capacity */
    uint32_t *kbuckets;          /* hash of name → first known project, UINT32_MAX when empty */
    size_t nkbuckets;            /* a power of two, 0 until the first is known */
} jx_indrows;

/** Prepares an empty sheet of the spec's columns; nothing is allocated yet. */
void jx_indrows_init(jx_indrows *t, const jx_indrows_spec *spec, const jx_allocator *alloc);

/** Frees everything the sheet holds (not t itself). */
void jx_indrows_free(jx_indrows *t);

/**
 * Loads the table at path (its name, copied, names it in diagnostics; "-" is standard
 * input) read as opts says (NULL: detect everything, every sheet) and reads its header
 * and rows. JX_ERR_IO when it cannot be read, JX_ERR_USAGE for an unknown encoding,
 * JX_ERR_INPUT when it is no table that can be read, the header lacks a required
 * column, a row lacks its 项目 or (not being a project row) its 三级指标 or a quote is not closed (the rows read are
 * kept), JX_ERR_NOMEM.
 */
jx_result jx_indrows_load_file(jx_indrows *t, const char *path, const jx_table_options *opts);

/** The same for data[0..len) in memory (copied when needed); file_name names it in diagnostics. */
jx_result jx_indrows_load_memory(jx_indrows *t, const char *file_name, const char *data, size_t len,
                                 const jx_table_options *opts);

/**
 * Makes project p known before any project is matched, so a row naming p's name without
 * a 单位 or 主管部门 that tells p from another known project of that name is refused
 * rather than applied to the first. 0, or -1 when memory ran out.
 */
int jx_indrows_know(jx_indrows *t, const jx_project *p);

/** Called for a row and the one indicator of p it matches — ind NULL for a project row (a spec with
 *  project columns only) —; returns JX_OK, JX_ERR_INPUT or JX_ERR_NOMEM. */
typedef jx_result (*jx_indrows_fn)(void *ud, jx_project *p, jx_indrows_row *r, jx_indicator *ind);

/**
 * Hands every row naming project p that matches exactly one of its indicators to fn, in
 * file order, and every project row naming p (with ind NULL). A row matching several is
 * an error (once per row). Returns JX_OK,
 * JX_ERR_INPUT when a row was ambiguous or fn returned it, JX_ERR_NOMEM at once.
 */
jx_result jx_indrows_match(jx_indrows *t, jx_project *p, jx_indrows_fn fn, void *ud);

/** Reports every row that matched no indicator and was not reported yet; JX_ERR_INPUT if any error. */
jx_result jx_indrows_finish(jx_indrows *t);

/** True when the cell holds exactly s[0..n). */
bool jx_indrows_cell_eq(jx_indrows_cell c, const char *s, size_t n);

/** The position of a row's cell, spanning it (at least one character). */
jx_pos jx_indrows_cell_pos(const jx_indrows_row *r, jx_indrows_cell c);

/** Adds a diagnostic with the sheet's code at pos of row r (NULL: the file), quoting the file's line. */
jx_diag *jx_indrows_diag(jx_indrows *t, jx_severity sev, const jx_indrows_row *r, jx_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/**
 * Reads the cell c as the 实际完成值 of ind, into p's arena, as a sheet means it: a text
 * for a 定性 target; else a number with its sign, percent and unit (a unit left out
 * is the target's; "1,200" is 1200), or, when the cell is words, a text actual the
 * evaluator scores 0. *had_sign is set when the number carried a sign (≥95%), which out
 * no longer has. Positions are ind's. JX_OK, JX_ERR_NOMEM, or JX_ERR_INPUT after an
 * error at the cell naming the file, row, column and indicator when a comma in it
 * groups no thousands ("1,20": neither 1.20 nor 120 can be assumed).
 */
jx_result jx_indrows_actual(jx_indrows *t, jx_project *p, const jx_indicator *ind, const jx_indrows_row *r,
                            jx_indrows_cell c, jx_value *out, bool *had_sign);

/**
 * Reads the numeric cell c of row r (得分, 复核得分, 扣分) into *out with
 * jx_value_read_plain_number ("1,200.5" reads; "1,20" does not). When it is no number,
 * adds an error at the cell — "第 N 行（项目“…”，指标“…”）的<column>“…”<why>" — and
 * returns false.
 */
bool jx_indrows_number(jx_indrows *t, const jx_project *p, const jx_indicator *ind, const jx_indrows_row *r,
                       int column, jx_indrows_cell c, jx_dec *out);

/**
 * A number read by jx_indrows_actual as a sheet's messages quote what it is scored as:
 * the number with its % or, after a space, its unit ("95%", "48 小时", "12"), in the
 * sheet's arena; NULL when memory ran out.
 */
const char *jx_indrows_value_text(jx_indrows *t, const jx_value *v);

#endif
