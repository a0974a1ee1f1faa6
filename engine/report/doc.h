/* SPDX-License-Identifier: MIT */
/* doc.h — the document model of the reports.
 *
 * A report is a stream of blocks. A builder (one per document: the 自评表 in
 * build_form.c, later the audit and the 复核 sheet) decides what the document says and
 * words every label, number and sentence once; a renderer (one per human format:
 * render_text.c, render_md.c, render_txt.c, …) decides how it looks, and is the only
 * place that knows its format. Blocks are handed over one by one as the projects stream
 * by, so nothing is kept beyond the block being drawn (a renderer that must see a whole
 * table before drawing it, as the aligned text does, keeps its rows in the writer's
 * scratch arena).
 *
 * The stream of one document:
 *   doc_begin  (part_begin  block*  part_end)*  doc_end
 * where a part is what a project gives (a form, a sheet) and a block is one of fields,
 * table (table_begin row* table_end), conclusion, foot, steps, findings or notes.
 *
 * Invariants every builder keeps and renderers rely on:
 *   - every string is valid UTF-8, NUL-terminated, never NULL ("" for nothing);
 *   - a table's rows have exactly spec->ncols cells; a cell with covered set lies under a
 *     cell of an earlier row whose `rows` reaches it, in the same column;
 *   - the strings of a block live at least until the end of its part (the scratch arena is
 *     reset between parts only), and the spec given to table_begin until table_end, the
 *     part given to part_begin until part_end; a renderer keeps what it needs across the
 *     calls of a table (of a part, for the grid formats) in wr->render_state or wr->state;
 *   - (form grid) on a part's grid every row is filled: the columns of its cells and of
 *     the cells above spanning down to it add up to the grid's.
 *
 * A report over many projects (the audit, build_audit.c) has its title on top, then an
 * entry per project, then sections (the summary, the sample) with the close of the
 * overview among them. It is begun by report_begin in place of doc_begin, its parts by
 * report_part_begin, its tables by report_table_begin (the calls of the renderer's last
 * group); part_end, row, table_end, fields and doc_end are those of any document:
 *   report_begin  entry*  section  overview  section*  doc_end
 * where an entry or a section is report_part_begin (fields | table | finding_list)*
 * part_end, a table report_table_begin row* table_end. Each entry is there in three views,
 * and a format draws one: its detail (the blocks of the part other than its overview row
 * and its records; the text and txt forms draw it where it comes), its row of the
 * overview, the table of every entry (JX_TABLE_OVERVIEW; the Markdown and the HTML hold the
 * rows and the entries' findings, and draw them where the overview closes), or its records
 * (JX_TABLE_RECORDS: the workbook's; see "the audit report in HTML and the workbook").
 */
#ifndef JX_DOC_H
#define JX_DOC_H

#include "report.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/** Most columns a table of a document has. */
#define JX_DOC_MAXCOLS 16

/* ---------------------------------------------------------------- (form grid)
 * The formats that draw a part as its paper form is ruled — one grid of columns, labels and
 * values in cells spanning rows and columns (render_html.c, render_xlsx.c) — place every
 * field, heading and cell of a part that has a grid (jx_part.grid) on it. The form is laid
 * out on two grids, which differ in a few rows (the 资金 and 自评结论 rows of the 自评表):
 * the printed page (JX_GRID_PAGE, the HTML: a column for the sections' labels, then the
 * indicator table's eight) and the sheet (JX_GRID_SHEET, the workbook: the sections' labels
 * in the first of eight). The builder states the layout on both, as data; a renderer reads
 * the grid it draws. The members marked "(form grid)" read zero as one column, plain, not
 * laid out: a block without them is drawn a column a cell. */
enum { JX_GRID_PAGE = 0, JX_GRID_SHEET = 1, JX_NGRIDS = 2 };

/** The columns on a grid of a cell drawn as part of the cell before it (which spans them). */
#define JX_COLS_JOINED 0xFF

/** A part's grid: its columns on each grid and their widths. */
typedef struct jx_grid {
    uint8_t ncols[JX_NGRIDS];   /* columns of each grid, at most JX_DOC_MAXCOLS */
    const uint16_t *page_share; /* each page column's share of the width, in tenths of a percent (Σ 1000) */
    const uint8_t *sheet_min;   /* each sheet column's narrowest width, in Excel's units (characters of '0') */
    const uint8_t *sheet_max;   /* …and its widest: longer text wraps */
    /* the 复核 sheet (build_review.c) */
    const char *name;           /* what the grid is, for the formats that name what they draw (the
                                   HTML's class of its table, which the document's style styles:
                                   "review", "head"); NULL: "form" */
    uint8_t landscape;          /* its sheet is printed across the page (a wide table) */
} jx_grid;

/** How a cell stands out on a grid. */
typedef enum jx_cell_look {
    JX_LOOK_PLAIN = 0, /* as its kind says */
    JX_LOOK_GROUP,     /* a group's cell over its rows (一级, 二级) */
    JX_LOOK_STRONG,    /* set off: a head of the form, 总分 and its score */
    /* the 复核 sheet (build_review.c) */
    JX_LOOK_MARKED,    /* a value that calls for attention (a 偏差 other than 0): bold on the page */
    /* the audit report (build_audit.c) */
    JX_LOOK_FLAGGED    /* marked, and said with its table's flag (jx_report_table.flag): the
                          recomputed 结论 where the claim differs, "良" 不符 */
} jx_cell_look;

/** Where a cell's text stands on a grid. */
typedef enum jx_cell_align {
    JX_ALIGN_AUTO = 0, /* text from the left, labels, numbers and dashes centred */
    JX_ALIGN_LEFT,     /* from the left (a name read as text) */
    JX_ALIGN_CENTER,   /* centred (a short value: 年度指标值, 不适用) */
    /* the audit report (build_audit.c) */
    JX_ALIGN_RIGHT     /* to the right (an amount in a table read from the left) */
} jx_cell_align;

/** A number as the formats that store numbers keep it (the workbook): exactly v × 10^-scale,
 * shown with `places` places, or as a percentage when `percent` (v × 10^-scale is then the
 * fraction: 9668 × 10^-4 is 96.68%). The builder states it exactly; a renderer may make a
 * double of it. */
typedef struct jx_cell_num {
    int64_t v;
    uint8_t scale;   /* 0..JX_DEC_MAX_SCALE + 4 */
    uint8_t places;  /* 0..9 */
    uint8_t percent; /* shown as a percentage */
    uint8_t set;     /* the cell holds this number; 0: its text only */
} jx_cell_num;

/** What a cell holds, for the formats that style or type it (the text, md and txt
 * renderers show only its text). */
typedef enum jx_cell_kind {
    JX_CELL_TEXT = 0, /* text */
    JX_CELL_LABEL,    /* a row's label or a group cell (一级/二级, 总分) */
    JX_CELL_NUMBER,   /* an exact number, shown as s: ASCII, as wide as it is long */
    JX_CELL_DASH,     /* no number: "—" */
    /* the audit report (build_audit.c) */
    JX_CELL_NONE      /* nothing here, not even an empty cell where a format can leave one out
                         (the workbook: the 名称 of the findings' sums); "" */
} jx_cell_kind;

/** One cell of a table. */
typedef struct jx_cell {
    const char *s;     /* the text shown */
    uint32_t rows;     /* rows this cell spans down (1 for one); 0 in a covered cell */
    uint8_t kind;      /* jx_cell_kind */
    uint8_t covered;   /* lies under a cell above that spans down to it: drawn empty or not at all */
    /* (form grid) */
    uint8_t look;      /* jx_cell_look */
    uint8_t align;     /* jx_cell_align */
    uint8_t blank;     /* nothing applies here (a group without indicators has no 三级指标): drawn
                          empty and plain, never merged with the cells it spans */
    uint8_t nofit;     /* not measured where columns are fitted to their text (the sheet): a head or
                          label that wraps in its column, a sum, a score the 总分 bounds */
    uint8_t cols[JX_NGRIDS]; /* columns it takes on each grid: 0 or 1 for one; JX_COLS_JOINED */
    jx_cell_num num;   /* a NUMBER cell's exact value, for the formats that store numbers */
    /* the 复核 sheet (build_review.c) */
    uint8_t span_blank; /* (form grid) a blank cell is one cell over the rows it spans, merged as any
                           cell is (a group without a name over its indicators), not an empty cell
                           a row */
} jx_cell;

/** What a table is to its document. */
typedef enum jx_table_role {
    JX_TABLE_SECTION = 0, /* a section of the document under its heading (项目资金) */
    JX_TABLE_GRID,        /* the document's main table (the indicators): the text form prints it
                             full width, without its heading */
    /* a report's (jx_report_table) */
    JX_TABLE_CROSS,       /* rows labelled by their first cell, columns by the head; head[0], the
                             corner, names what the rows are (结论分布: 自评/重算 × 优…差) */
    JX_TABLE_PAIRS,       /* labelled values: a label and a value a row (汇总); the head names the two
                             (a third column, when there is one, says what the value is) */
    JX_TABLE_LIST,        /* records that say what they are without a head (the 抽查 picks) */
    JX_TABLE_OVERVIEW,    /* a row of the overview, given by each entry; closed by the
                             renderer's overview (jx_overview) */
    /* the audit report's workbook (build_audit.c) */
    JX_TABLE_RECORDS,     /* rows of a list of records (jx_report_table.list), for the formats that
                             keep one: the workbook, a sheet of a row each (项目, 发现, 抽查) */
    /* the vet's report (build_vet.c) */
    JX_TABLE_SHEET        /* an entry's own sheet (the 审核表 of a project): its heading names it,
                             its lead says what stands over it, its note what it came to. The
                             text forms draw it in the entry's detail; the HTML and the Markdown
                             hold it (jx_held.sheets) and draw each on a page of its own after the
                             overview's findings; the workbook gives it a sheet of its own, named
                             from jx_report_table.sheet_name, after the lists */
} jx_table_role;

/** A table's shape: its heading, its columns' heads and alignment. */
typedef struct jx_table_spec {
    const char *heading;      /* the section heading ("项目资金（万元）"), "" for none */
    jx_table_role role;
    const char *const *head;  /* the ncols column heads */
    const char *align;        /* ncols letters: 'l' left, 'r' right (numbers), 'c' centred */
    size_t ncols;             /* at most JX_DOC_MAXCOLS */
    /* (form grid) */
    size_t nrows;             /* body rows that will come (the heading spans them); 0: not said */
    size_t nfoot;             /* the last of them that close the table (总分): they begin in the
                                 grid's first column, under the heading's rows */
    const char *grid_heading[JX_NGRIDS]; /* the heading as each grid labels the section in its first
                                            columns ("项目资金\n（万元）"); NULL: not there */
    uint8_t heading_cols[JX_NGRIDS];     /* columns that label takes */
    const jx_cell *grid_head[JX_NGRIDS]; /* the head row on each grid, ncols cells (text, cols, look,
                                            nofit); NULL: the heads, a column each */
    /* the 复核 sheet (build_review.c) */
    uint8_t head_rows[JX_NGRIDS]; /* (form grid) rows of the head on each grid (0: one): grid_head then
                                     holds head_rows × ncols cells, row after row, a head over heads
                                     below it spanning columns (自评 over 完成值 and 得分), one beside
                                     them spanning rows down to the body, the cells it covers covered */
} jx_table_spec;

/** One labelled value (项目名称 · 越城区…). */
typedef struct jx_field {
    const char *label;
    const char *value;
    int optional;      /* may be left out when its value is "" (the printed form keeps it) */
    int fill;          /* a blank to fill in by hand (复核人): drawn with its label where empty values are left out */
} jx_field;

/** (form grid) Where a field sits on the grids. Its label stands before its value, or heads it
 * from the row above (`above`: 预期目标 over its text); beside fields fill a grid row left to
 * right, a run of above fields takes two rows, labels then values. */
typedef struct jx_field_place {
    uint8_t label_cols[JX_NGRIDS]; /* columns the label takes on each grid (0: one) */
    uint8_t value_cols[JX_NGRIDS]; /* …and the value (the same as the label's for an above field) */
    uint8_t above;                 /* the label heads its value */
    uint8_t nofit;                 /* the label is not measured where columns fit their text */
    /* the 复核 sheet (build_review.c) */
    uint8_t off[JX_NGRIDS];        /* not on this grid (the page has no 自评表) */
} jx_field_place;

/** (form grid) A fields block on the grids: its heading labels the section in the first
 * columns, over the rows of the leading above fields (or the first row). */
typedef struct jx_fields_grid {
    uint8_t heading_cols[JX_NGRIDS]; /* columns the heading takes; 0: not there */
    const jx_field_place *v;         /* a place per field */
    /* the 复核 sheet (build_review.c) */
    const jx_field *fields;          /* the fields the grids show, a place each, when they are more than
                                        the block's own (the workbook adds the 自评表); NULL: the block's */
    size_t n;                        /* …how many */
    const jx_grid *own;              /* a grid of its own on the page (ncols[JX_GRID_PAGE] set), a table
                                        ahead of the part's grid (the 复核 sheet's head, four columns);
                                        NULL: the part's grid. A sheet has one grid: the part's */
} jx_fields_grid;

/**
 * Labelled values: the head of a form (项目名称, 主管部门, 预算单位), 年度总体目标. They
 * come in rows of per_row fields, as the form puts them side by side.
 */
typedef struct jx_fields {
    const char *heading;   /* "年度总体目标", "" for none */
    const jx_field *v;
    size_t n;
    size_t per_row;        /* fields side by side on the form (≥ 1) */
    int optional;          /* the whole block may be left out when every value is "" */
    /* (form grid) */
    const jx_fields_grid *grid; /* the fields' places; NULL: not laid out on a grid */
} jx_fields;

/** One verdict: 自评结论 优, with what backs it ("（总分 100.00）", "" for nothing). */
typedef struct jx_verdict {
    const char *label;  /* "自评结论" */
    const char *grade;  /* "优", "—" */
    const char *detail; /* said right after the grade, "" for nothing */
} jx_verdict;

/** The result of a part: 满分 when stated, its verdicts, the policy's bands. */
typedef struct jx_conclusion {
    const char *full_label;  /* "满分", or "" when the 满分 is not stated */
    const char *full_value;  /* "80（不适用 20 分剔除）" */
    const jx_verdict *v;     /* the verdicts, at least one */
    size_t n;
    const char *note;        /* the bands ("总分高于90分（含）…"), "" for none */
    /* (form grid) a row each for 满分 and the verdicts: the label, then the value, or the
       grade and after the last verdict's the note; the value and the note take the rest */
    uint8_t label_cols[JX_NGRIDS];
    uint8_t grade_cols[JX_NGRIDS];
    /* the 复核 sheet (build_review.c) */
    uint8_t detail_cols[JX_NGRIDS]; /* (form grid) the columns a verdict's detail takes in a cell of its
                                       own after the grade's, on every verdict's row; 0: said in the
                                       grade's cell, after the grade (set off from it where the format
                                       can). A row the label, grade and detail fill has no note */
} jx_conclusion;

/** One step of a computation shown (计分过程): 接入系统数量：45 ÷ 60 × 30 = 22.50 [ratio]. */
typedef struct jx_step {
    const char *label; /* what was computed */
    const char *text;  /* how */
    const char *tag;   /* the method's code */
} jx_step;

/** A list of steps under a heading. */
typedef struct jx_steps {
    const char *heading; /* "计分过程" */
    const jx_step *v;
    size_t n;
    /* (form grid) */
    const char *const *head; /* the heads of a table of the steps: what, how, the tag ("指标",
                                "计分过程", "计分方法"); NULL: none */
} jx_steps;

/** A part of the document: a project's form. */
typedef struct jx_part {
    const char *title;   /* the form's title ("项目支出绩效自评表") */
    const char *caption; /* the line under it ("（2024年度）"), "" for none */
    const char *name;    /* what the part is about (the project's name) */
    size_t index;        /* parts before this one in the document */
    /* (form grid) */
    const jx_grid *grid;      /* the grid its fields, tables and conclusion are drawn on; NULL: none */
    const char *file;         /* the file it was read from: its findings there say line:col; NULL */
    const jx_cell *list_row;  /* its row in the document's list (jx_doc_head.list), list->ncols
                                 cells; NULL */
    const char *list_title;   /* the list's title when every part has this one ("2024年项目支出…
                                 结果清单"); NULL or "": the list's own */
    const jx_project *project; /* the project the part shows, for the document's data
                                  (jx_doc_head.data); NULL */
} jx_part;

/** Sentences said under a part's table, each on its own, in the order given: what the table
 * does not show (the 复核 sheet's "已复核 7 个指标…" and its "注：…"). */
typedef struct jx_notes {
    const char *const *v; /* whole sentences */
    size_t n;             /* at least one */
} jx_notes;

/** One line of a form's foot (jx_foot): what is written by hand, and how much room it takes. */
typedef struct jx_blank {
    const char *label;     /* "填报人" (said with "：" after it) */
    const char *fill;      /* the blank as the form prints it, each full-width space (U+3000) a
                              character written by hand, the rest printed: "　　　　　　",
                              "　　年　　月　　日"; never "" */
    uint8_t cols[JX_NGRIDS]; /* (form grid) the columns the label and its blank take on the sheet,
                                side by side in one row (0: one); the page draws the foot under its
                                grid, not on it */
} jx_blank;

/** The foot of a form: the lines filled in by hand when it is signed and handed in (the 自评表's
 * 填报人 · 审核人 · 联系电话 · 填报日期), in that order, once under each part's form — a line to
 * write on where the format is printed, the label alone where it is plain text. */
typedef struct jx_foot {
    const jx_blank *v;
    size_t n;              /* at least one */
} jx_foot;

/** (form grid) A list of the document's parts, for the formats with room for it ahead of
 * them (the workbook's first sheet 自评结果清单): a row per part (jx_part.list_row). */
typedef struct jx_doc_list {
    const char *name;        /* the sheet: "自评结果清单" */
    const char *title;       /* its title, when the parts do not share one: "项目支出绩效自评结果清单" */
    const char *const *head; /* the ncols column heads */
    const uint8_t *min;      /* each column's narrowest width, in Excel's units */
    const uint8_t *max;      /* …and its widest */
    size_t ncols;            /* at most JX_DOC_MAXCOLS */
    /* the 复核 sheet (build_review.c) */
    uint8_t own_title;       /* the parts never give the list a title (jx_part.list_title): it has
                                `title`, written as the list begins */
    uint8_t fit_rows;        /* each row as tall as its wrapped text at the columns' widest */
    uint8_t filter_empty;    /* the head has its filter even when no part came */
    uint8_t landscape;       /* printed across the page */
} jx_doc_list;

/** (the 复核 sheet) How a document's pages look, in the formats that style them (the HTML's
 * stylesheet is the renderer's, one for each). */
typedef enum jx_doc_style {
    JX_STYLE_FORM = 0, /* an official form: one ruled grid of labels and values (the 自评表) */
    JX_STYLE_SHEET,    /* a working sheet: its head over a dense ruled table, notes under it,
                          the pages numbered (the 复核 sheet) */
    /* the audit report (build_audit.c) */
    JX_STYLE_REPORT    /* a report: what sums it up on the first page, then the tables of every
                          entry, the pages numbered (the audit) */
} jx_doc_style;

/** The whole document. */
typedef struct jx_doc_head {
    const char *title;   /* "项目支出绩效自评表" */
    const char *empty;   /* said when the document has no part: "没有可以计分的项目。" */
    /* (form grid) */
    const jx_doc_list *list; /* a list of the parts; NULL: none */
    /* the 复核 sheet (build_review.c) */
    uint8_t style;           /* jx_doc_style: how its pages look, in the formats with a stylesheet */
    /* the 自评表 (build_form.c): its data, for the formats that carry it beside the document to
       be read back (the workbook: a sheet of that name, its last) — the serialisation `data`
       of every part's project (jx_part.project), one table of rows under one header row, each
       cell as the serialisation has it; NULL: none */
    const jx_reporter *data;
    const char *data_name;
} jx_doc_head;

/* ------------------------------------------------ a report (the audit, build_audit.c) */

/** A report's head. */
typedef struct jx_report_head {
    jx_doc_head doc;     /* the title ("审核报告"); empty "" (a report always has its sections) */
    const char *caption; /* what the report is of, said with the title: "评分办法：财政部2020；列出提示及以上的发现" */
    const char *note;    /* how to read it, for the formats with room: "自评总分、结论按评分办法重算。"; "" */
    /* the audit report in HTML and the workbook (below) */
    const char *const *meta;         /* the caption and the note as phrases, for the formats that set them
                                        apart on one line: "评分办法：财政部2020", "列出提示及以上的发现",
                                        "自评总分、结论按评分办法重算" */
    size_t nmeta;
    const jx_doc_list *sheet;        /* the workbook's first sheet, of the head and the sections: its name
                                        ("汇总"), title ("审核汇总"), columns and their widths (head
                                        unused); NULL: none */
    const jx_doc_list *const *lists; /* the lists of records the entries give (JX_TABLE_RECORDS), for the
                                        formats that keep them: a sheet each after the first (项目, 发现) */
    size_t nlists;                   /* at most JX_REPORT_MAXLISTS */
} jx_report_head;

/** What a part of a report is. */
typedef enum jx_part_role {
    JX_PART_ENTRY = 0, /* a project's entry: its detail, and its row of the overview */
    JX_PART_SECTION    /* a section under its title (汇总, 抽查) */
} jx_part_role;

/** A part of a report. */
typedef struct jx_report_part {
    jx_part part;       /* title: a section's ("抽查"), "" for an entry; caption: what the section is
                           ("抽取 20%，种子 42，…"), ""; name: the project's, ""; index */
    jx_part_role role;
    const char *result; /* what the section came to, said after its caption: "抽中 2 个项目"; "" */
} jx_report_part;

/* ---------------------------------- the audit report in HTML and the workbook (build_audit.c)
 * Each format draws a report as it reads best. The formats read as pages (text, md, txt,
 * html) say the summary in sentences and show an entry as its detail (text, txt) or its row
 * of the overview (md, html, which holds the rows and the findings until the overview
 * closes, after the summary); the workbook keeps numbers as numbers and a row a record: the
 * head's sheet with the sections' tables, written last, then a sheet for each list of
 * records the entries give (jx_report_head.lists), and a section's records in a sheet of
 * their own. A table says which of them draw it (jx_view). On the page (the HTML) a table of
 * a report is a ruled table of its own (jx_report_table.grid); a cell joined to the one
 * before it there (cols[JX_GRID_PAGE] JX_COLS_JOINED) is drawn in that cell, on a line of
 * its own, when it says anything (the overview's 预算单位 and 位置 under the 项目名称). */

/** Most lists of records a report's entries give. */
#define JX_REPORT_MAXLISTS 4

/** The formats that draw a report's table. */
typedef enum jx_view {
    JX_VIEW_ALL = 0, /* every format */
    JX_VIEW_PAGE,    /* the formats read as pages, not the workbook (the summary in sentences) */
    JX_VIEW_BOOK     /* the workbook only (the summary's figures, the lists of records) */
} jx_view;

/** A table of a report: its spec, and what a report's tables say besides. It lives, as a
 * spec given to table_begin, until table_end. */
typedef struct jx_report_table {
    jx_table_spec spec;  /* its role one of the report's, or JX_TABLE_SECTION */
    const char *lead;    /* a sentence under the heading, before the rows: "28 条：错误 1，…"; "" */
    const char *note;    /* a sentence under the rows: "有错误，未能计分"; "" */
    const char *derived; /* ncols letters: '#' the row's number, '=' the sum of the row's counts, '.' a
                            value of its own; NULL: all '.'. The text and txt forms leave the
                            derived columns out */
    /* the audit report in HTML and the workbook (above) */
    jx_view view;            /* the formats that draw it */
    const jx_grid *grid;     /* (page) the table on the page: its columns (ncols[JX_GRID_PAGE], those of
                                the cells not joined) and their widths, its name; its head there is
                                spec.grid_head[JX_GRID_PAGE] when given (spec.head_rows rows). NULL:
                                not drawn on the page */
    size_t row_head;         /* (page) the column, from 1, whose cell heads its row; 0: none */
    const char *flag;        /* said with a JX_LOOK_FLAGGED cell, set off from its text: "不符"; NULL */
    const char *marked_note; /* the note where marked cells are set off, saying what marks them; NULL:
                                note */
    const jx_doc_list *list; /* JX_TABLE_RECORDS: the list its rows go to, one of the head's (an entry's
                                records), or a section's own, under the section's title and what it
                                came to; NULL otherwise */
    /* the vet's report */
    const char *sheet_name;  /* JX_TABLE_SHEET: what its sheet in the workbook is called (the project's
                                name; the workbook makes it a sheet name, unique); NULL otherwise */
    const uint8_t *sheet_min; /* JX_TABLE_SHEET: each column's narrowest width in the workbook */
    const uint8_t *sheet_max; /* …and its widest: longer text wraps */
} jx_report_table;

/** One finding as a report words it (the audit's positions are its own: a table's row). */
typedef struct jx_finding {
    jx_severity severity;
    const char *level;   /* its severity in words: "警告" */
    const char *where;   /* "a-road.jx:21:13" */
    const char *code;    /* "missing-reason": words and hyphens */
    const char *message;
    /* the audit report in HTML */
    const char *at;      /* where in the entry's file (jx_finding_list.file), without it: "21:13";
                            where, when it is in another */
} jx_finding;

/** An entry's findings, in report order (errors first). */
typedef struct jx_finding_list {
    const char *heading; /* under the entry: "发现（9 条：错误 0，警告 8，提示 1）" */
    const char *title;   /* in the list of every entry's findings: "越城区道路养护项目（9 条）" */
    const char *label;   /* said with `empty` when there is none: "发现" */
    const char *empty;   /* "无" */
    const jx_finding *v;
    size_t n;
    /* the audit report in HTML */
    const char *name;    /* the entry's: "越城区道路养护项目" */
    const char *file;    /* the file of its findings' `at`: "a-road.jx" */
} jx_finding_list;

/** The close of a report's overview: the table whose rows the entries gave, then the list
 * of their findings. */
typedef struct jx_overview {
    const jx_report_table *table; /* JX_TABLE_OVERVIEW: heading "项目（5）", heads, the note under it */
    const char *empty;            /* said instead of the table when no entry came: "没有审核的项目。" */
    size_t nrows;                 /* the entries: rows given */
    const char *findings;         /* the heading of the findings: "发现明细（28）" */
    const char *findings_empty;   /* said when no entry had any: "没有发现。" */
    size_t nfindings;             /* findings the entries gave */
    /* the audit report in HTML */
    const jx_grid *findings_grid;     /* the findings as one table on the page, a group of rows an entry:
                                         its columns — the entry, 序号, severity, code, position
                                         (jx_finding.at), message — their widths, its name */
    const char *const *findings_head; /* its heads, in that order */
    const char *findings_note;        /* said under it: "位置：项目文件中的行:列（导入的表格为行号）。" */
} jx_overview;

/** (the audit report) A series of a chart: a value for each category. */
typedef struct jx_chart_series {
    const char *name;       /* "自评" */
    const uint64_t *values; /* ncategories of them */
} jx_chart_series;

/** The numbers of a table drawn, for the formats that draw (the HTML: bars in groups), after
 * the table; the formats that do not have the table. */
typedef struct jx_chart {
    const char *title;             /* "结论分布：自评与重算" */
    const char *x_label;           /* what the categories are: "结论" */
    const char *y_label;           /* what the values count: "项目数（个）" */
    const char *unit;              /* said after each value: "个" */
    const char *const *categories; /* "优" … "未填/未计分" */
    size_t ncategories;            /* a format may draw fewer (svg_chart.c: 16) */
    const jx_chart_series *series;
    size_t nseries;                /* a format may draw fewer (svg_chart.c: 4) */
} jx_chart;

/**
 * A renderer: draws the blocks in one format through the writer. Each function is
 * called in the order of the stream above; part->index and nparts count the parts.
 */
typedef struct jx_renderer {
    const char *name;
    /* not NULL when the 自评表's parts are drawn each the same whatever came before them
       but for these bytes, which part_begin writes before every part but the first
       (part->index > 0), and doc_begin and doc_end draw nothing of the parts: the form's
       projects can then be rendered apart (jx_writer_render). NULL when a part or the
       document's end depends on the parts before (xlsx's list and data). */
    const char *apart;
    void (*doc_begin)(jx_writer *wr, const jx_doc_head *h);
    void (*part_begin)(jx_writer *wr, const jx_part *pt);
    void (*fields)(jx_writer *wr, const jx_fields *f);
    void (*table_begin)(jx_writer *wr, const jx_table_spec *t);
    void (*row)(jx_writer *wr, const jx_cell *cells);
    void (*table_end)(jx_writer *wr);
    void (*conclusion)(jx_writer *wr, const jx_conclusion *c);
    void (*steps)(jx_writer *wr, const jx_steps *s);
    void (*findings)(jx_writer *wr, const jx_diag *v, size_t n);
    void (*part_end)(jx_writer *wr);
    void (*doc_end)(jx_writer *wr, const jx_doc_head *h, size_t nparts);
    /* the 复核 sheet (build_review.c): its notes under the table; NULL in a renderer that
       does not draw the sheet */
    void (*notes)(jx_writer *wr, const jx_notes *n);
    /* the audit report (build_audit.c): a report's begin, its parts, its tables, an entry's
       findings, the close of the overview (doc_end, part_end, row and table_end close them
       as any document's); NULL in a renderer that does not draw reports */
    void (*report_begin)(jx_writer *wr, const jx_report_head *h);
    void (*report_part_begin)(jx_writer *wr, const jx_report_part *p);
    void (*report_table_begin)(jx_writer *wr, const jx_report_table *t);
    void (*finding_list)(jx_writer *wr, const jx_finding_list *l);
    void (*overview)(jx_writer *wr, const jx_overview *o);
    /* the audit report in HTML and the workbook (build_audit.c): a chart of the table just
       drawn, NULL in a renderer that draws none; whether it draws the workbook's own tables
       (JX_VIEW_BOOK), which a builder then words for it only */
    void (*chart)(jx_writer *wr, const jx_chart *c);
    uint8_t book_view;
    /* the 自评表 (build_form.c): the foot of a form, after its conclusion; every renderer of
       the 自评表 draws it */
    void (*foot)(jx_writer *wr, const jx_foot *f);
} jx_renderer;

/* The pieces the reports over many projects share (build_report.c). */

/** The Chinese name of a severity threshold: "提示及以上", "警告及以上", "错误". */
const char *jx_report_min_name(jx_severity s);

/** The renderer of w, which draws reports (asserted). */
const jx_renderer *jx_report_renderer(const jx_writer *w);

/** A project's entry, the index-th part. */
jx_report_part jx_report_entry(const char *name, size_t index);

/** A section under its title, what it is (caption) and what it came to (result), the index-th part. */
jx_report_part jx_report_section(const char *title, const char *caption, const char *result, size_t index);

/** The head's first phrases, in w's scratch arena: the policy under its label ("评分办法：…",
 * "审核办法：…"), "列出提示及以上的发现". */
void jx_report_meta(jx_writer *w, const char *label, const char *policy, jx_severity min, const char *meta[2]);

/** The summary in sentences: labelled values, n of them, drawn by the formats of view. */
void jx_report_sentences(jx_writer *w, const jx_renderer *r, const char *const *label, const char *const *value,
                         size_t n, jx_view view);

/** The close of the overview t (JX_TABLE_OVERVIEW) after nprojects entries with nfindings
 * findings, and the table of every finding on the page. */
void jx_report_close_overview(jx_writer *w, const jx_renderer *r, const jx_report_table *t, size_t nprojects,
                              size_t nfindings);

/** The renderers. */
extern const jx_renderer jx_render_text; /* the forms as printed, aligned by display width */
extern const jx_renderer jx_render_md;   /* GitHub-flavoured Markdown */
extern const jx_renderer jx_render_txt;  /* plain lines for mail and chat, nothing aligned */
extern const jx_renderer jx_render_html; /* a self-contained HTML page, a sheet of A4 a part, forms on their grid */
extern const jx_renderer jx_render_xlsx; /* an Excel workbook: the document's list, then a sheet a part */

/** True when an optional block of fields is left out: it is optional and every value is "". */
static inline int jx_fields_skipped(const jx_fields *f)
{
    if (!f->optional)
        return 0;
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].value[0])
            return 0;
    return 1;
}

/** A cell of kind k holding s (NULL reads ""). */
static inline jx_cell jx_cell_of(const char *s, jx_cell_kind k)
{
    jx_cell c = {.s = s ? s : "", .rows = 1, .kind = (uint8_t)k};
    return c;
}

/** A number cell: s as the text formats show it, n as the workbook stores it. */
static inline jx_cell jx_cell_number(const char *s, jx_cell_num n)
{
    jx_cell c = jx_cell_of(s, JX_CELL_NUMBER);
    c.num = n;
    return c;
}

/** A count as a number cell, its text in the scratch arena. */
static inline jx_cell jx_cell_count(jx_writer *w, size_t n)
{
    return jx_cell_number(jx_scratch_printf(w, "%zu", n), (jx_cell_num){.v = (int64_t)n, .set = 1});
}

/** A cell of kind k holding s, aligned a. */
static inline jx_cell jx_cell_aligned(const char *s, jx_cell_kind k, jx_cell_align a)
{
    jx_cell c = jx_cell_of(s, k);
    c.align = (uint8_t)a;
    return c;
}

/** "file:line" where a project is (in the scratch arena), or the file alone when the line
 *  is unknown. */
static inline const char *jx_where_of(jx_writer *w, const char *file, uint32_t line)
{
    return line ? jx_scratch_printf(w, "%s:%u", file, (unsigned)line) : file;
}

/** (a report) A table of the workbook only, of role `role`, without a heading. */
static inline jx_report_table jx_book_table(jx_table_role role, const char *const *head, const char *align,
                                            size_t ncols)
{
    const jx_report_table t = {
        .spec = {.heading = "", .role = role, .head = head, .align = align, .ncols = ncols},
        .lead = "",
        .note = "",
        .view = JX_VIEW_BOOK,
    };
    return t;
}

/* ------------------------------------------------ Markdown text (render_md.c) */

/**
 * Appends s[0..n) as Markdown text that reads back as written: the characters that
 * would start markup (\ ` * _ [ ] < > | ~ & $) get a backslash, so a `|` cannot end a
 * table cell, and a line break (\n, \r\n or \r) becomes <br>, so a cell stays on its line.
 */
void jx_md_text(jx_writer *wr, const char *s, size_t n);

/** jx_md_text of a NUL-terminated string. */
void jx_md_str(jx_writer *wr, const char *s);

/**
 * Appends a table's head: the n head cells (escaped), then the delimiter row with each
 * column's alignment from align[0..n): 'l' left, 'c' centre, 'r' right.
 */
void jx_md_table_head(jx_writer *wr, const char *const *heads, const char *align, size_t n);

/** Appends one table row of the n cells, escaped. */
void jx_md_table_row(jx_writer *wr, const char *const *cells, size_t n);

/**
 * Appends the findings d[0..n) as a numbered list under a `### title` heading, one item
 * each: "1. 警告 `code` file:line:col：message". Writes nothing when n is 0.
 */
void jx_md_diag_list(jx_writer *wr, const char *title, const jx_diag *d, size_t n);

/* ================================================================ held reports (writer.c)
 * A report whose summary comes first (Markdown, HTML) holds what its entries give — their
 * rows of the overview and their findings — in spools until the overview closes, after the
 * summary. The held report is the writer's state (wr->state) from report_begin to doc_end. */

/** What a report holds until its overview. */
typedef struct jx_held {
    jx_spool rows;                /* the overview's rows, as the entries give them */
    jx_spool findings;            /* the entries' findings */
    jx_spool sheets;              /* the entries' own sheets (JX_TABLE_SHEET), a page each */
    size_t count;                 /* the renderer's count: entries begun, or findings held */
    int in_entry;                 /* the part is an entry: only its row and its findings are drawn, held */
    const jx_report_table *table; /* the table being drawn; NULL when none is, or it is not drawn */
    jx_writer *to;                /* where its rows go: the output, or the spool of the overview's rows */
    size_t table_rows;            /* its rows so far */
} jx_held;

/** Makes the writer's state a held report with three empty spools; the writer fails for
 * want of memory when it cannot. wr->state must be free. */
void jx_held_begin(jx_writer *wr);

/** The held report of wr; NULL when wr draws no report. */
jx_held *jx_held_of(jx_writer *wr);

/** Passes the first failure of the held report's spools on to the writer. */
void jx_held_check(jx_writer *wr, const jx_held *h);

/** An entry's end: a spool that ran out of memory fails the writer now; the next part is
 * no entry until it says so. */
void jx_held_part_end(jx_writer *wr);


/* ================================================================ HTML (render_html.c)
   HTML written through a jx_writer: escaped text, table cells, the document
 * shell with its inline style for A4 print, and a table of findings.
 *
 * What every HTML report of the library shares. A document is self-contained: its
 * style is inline and nothing in it refers to another file or address, so it opens
 * and prints the same anywhere.
 */

/**
 * Appends s[0..n) as HTML text, escaped as jx_text_html_escape says: & < > " ' written as
 * character references, and the control characters HTML does not allow (all but tab,
 * LF and CR; DEL; the C1 controls) as U+FFFD. s is valid UTF-8: every text is checked
 * where it enters (the rule reader, the table reader), so nothing is decoded here.
 */
void jx_html_text(jx_writer *wr, const char *s, size_t n);

/** jx_html_text of a NUL-terminated string. */
void jx_html_str(jx_writer *wr, const char *s);

/** How a table cell is written; zero fields mean none. */
typedef struct jx_html_cell {
    const char *scope; /* a header cell's scope ("col", "row", "colgroup", "rowgroup"); NULL: a <td> */
    const char *cls;   /* class attribute, NULL for none */
    uint32_t rowspan;  /* rows spanned, 0 or 1 for one */
    uint32_t colspan;  /* columns spanned, 0 or 1 for one */
} jx_html_cell;

/** Appends one cell holding text (escaped): <th scope=…> when c->scope is set, else <td>. */
void jx_html_cell_text(jx_writer *wr, const jx_html_cell *c, const char *text);

/** The start tag of cell c as jx_html_cell_text writes it, for a cell whose content is more
 * than a text (the caller writes it, then jx_html_cell_close). */
void jx_html_cell_open(jx_writer *wr, const jx_html_cell *c);

/** The end tag of cell c. */
void jx_html_cell_close(jx_writer *wr, const jx_html_cell *c);

/** A <th scope="col"> for each of the n texts, as one row. */
void jx_html_head_row(jx_writer *wr, const char *const *heads, size_t n);

/**
 * Starts a document: the doctype, <html lang="zh-CN">, the head with its charset,
 * the title (escaped) and a <style> holding the shared style then `css` (trusted,
 * written as is; NULL for none), and <body>.
 *
 * The shared style sets A4 pages with their margins, a CJK font list (宋体 first, as
 * the printed forms use, then the fonts Debian ships), tables with ruled cells, and on
 * screen shows each `<section class="sheet">` as a sheet of paper. Each sheet after the
 * first starts a new page.
 */
void jx_html_begin(jx_writer *wr, const char *title, const char *css);

/** Ends the document begun by jx_html_begin. */
void jx_html_end(jx_writer *wr);

/**
 * Appends the findings d[0..n) as a table with the columns 序号, 级别, 代码, 位置 and
 * 说明, under the heading `title` (escaped). When `file` is not NULL, the findings in
 * that file give their 位置 as line:col and the file is named once, under the heading;
 * the others (and all when file is NULL) as file:line:col, or the file alone. Writes
 * nothing when n is 0.
 */
void jx_html_diag_table(jx_writer *wr, const char *title, const char *file, const jx_diag *d, size_t n);

/* ================================================================ the grade chart as SVG (svg_chart.c)
   a grouped bar chart drawn as inline SVG for the HTML reports.
 *
 * The chart is drawn by the program, not by a script: every coordinate is an integer
 * computed with integer arithmetic, so the same numbers give the same bytes on any
 * machine. It reads without colour: each bar has its value written above it and a
 * <title> naming its series, category and value, the chart a <title> and a <desc>
 * listing every value, and the legend names the series. The SVG has no namespace
 * declaration, no link and no address: it is meant to sit inside an HTML document,
 * whose font it inherits.
 */

/** Most series and categories a chart draws; the rest are left out. */
#define JX_SVG_MAX_SERIES 4
#define JX_SVG_MAX_CATEGORIES 16

/** The geometry, in the SVG's user units (its viewBox is JX_SVG_WIDTH × JX_SVG_HEIGHT). */
enum {
    JX_SVG_WIDTH = 640,       /* the whole chart */
    JX_SVG_HEIGHT = 300,
    JX_SVG_LEFT = 64,         /* the value axis's x; tick labels to its left */
    JX_SVG_TOP = 44,          /* the top of the plot: the axis's maximum */
    JX_SVG_PLOT_WIDTH = 560,  /* from the value axis to the right margin */
    JX_SVG_PLOT_HEIGHT = 200, /* from the axis's maximum down to 0 */
    JX_SVG_BASE = JX_SVG_TOP + JX_SVG_PLOT_HEIGHT /* the y of 0: bars stand on it */
};

/** One series: a bar in every group. */
typedef struct jx_svg_series {
    const char *name;       /* in the legend and the bars' titles: "自评" */
    const char *fill;       /* the bars' fill, a colour written as is ("#c8c8c8") */
    const uint64_t *values; /* one per category */
} jx_svg_series;

/** A grouped bar chart: one group per category, one bar per series in each. */
typedef struct jx_svg_bars {
    const char *title;             /* the chart's <title>: "结论分布" */
    const char *x_label;           /* under the categories: "结论" */
    const char *y_label;           /* above the value axis: "项目数（个）" */
    const char *unit;              /* after each value in the titles and the description: "个" */
    const char *const *categories; /* the groups, left to right */
    size_t ncategories;            /* at most JX_SVG_MAX_CATEGORIES */
    const jx_svg_series *series;   /* the bars of each group, left to right */
    size_t nseries;                /* at most JX_SVG_MAX_SERIES */
} jx_svg_bars;

/** The value axis: from 0 to max in steps of step. */
typedef struct jx_svg_axis {
    uint64_t max;  /* the top of the axis, a multiple of step, at least the largest value */
    uint64_t step; /* 1, 2 or 5 × 10^k */
} jx_svg_axis;

/**
 * The axis for values up to largest: the smallest step of 1, 2 or 5 × 10^k that reaches
 * largest in at most 5 steps (largest 0 gives 0 … 1).
 */
jx_svg_axis jx_svg_axis_for(uint64_t largest);

/** The height of a bar of value v (≤ axis_max) in a plot of plot_h units: v × plot_h / axis_max, rounded half up. */
uint32_t jx_svg_bar_height(uint64_t v, uint64_t axis_max, uint32_t plot_h);

/**
 * Writes the chart as one <svg class="chart"> element: the legend, the value axis with
 * its ticks and grid lines, the bars of each group (`<rect class="bar sJ">` for series
 * J, categories left to right and the series within each, every bar written, a bar of
 * 0 with height 0) with their values, the category labels and the axis labels.
 */
void jx_svg_bar_chart(jx_writer *wr, const jx_svg_bars *c);

/* ================================================================ placing cells on a printed form's grid (render_html.c, render_xlsx.c)
   a cursor over a part's grid (doc.h, "form grid"), for the renderers that draw a
 * form as one ruled grid (render_html.c, render_xlsx.c): where the next cell of a row goes,
 * past the columns that cells begun in rows above still take, and the check that every
 * row is filled — the layout a builder states adds up, or the renderer stops (assert).
 */

/** A grid being filled row by row. */
typedef struct jx_grid_cursor {
    size_t ncols;                   /* the grid's columns, at most JX_DOC_MAXCOLS */
    size_t at;                      /* the next free column of the row being filled; ncols when full */
    uint32_t taken[JX_DOC_MAXCOLS]; /* rows from this one on that a cell begun above still takes */
    uint32_t fresh[JX_DOC_MAXCOLS]; /* rows a cell begun in this row takes, 0 where none begun */
} jx_grid_cursor;

/* The first column from c on that no cell takes in the current row. */
static inline size_t jx_grid_next_free(const jx_grid_cursor *g, size_t c)
{
    while (c < g->ncols && (g->taken[c] > 0 || g->fresh[c] > 0))
        c++;
    return c;
}

/** Starts an empty grid of ncols columns. */
static inline void jx_grid_start(jx_grid_cursor *g, size_t ncols)
{
    assert(ncols > 0 && ncols <= JX_DOC_MAXCOLS);
    memset(g, 0, sizeof *g);
    g->ncols = ncols;
}

/** Begins a row: the cursor at its first free column. */
static inline void jx_grid_row(jx_grid_cursor *g)
{
    g->at = jx_grid_next_free(g, 0);
}

/** Columns of the current row no cell takes yet. */
static inline size_t jx_grid_left(const jx_grid_cursor *g)
{
    size_t n = 0;
    for (size_t c = 0; c < g->ncols; c++)
        n += g->taken[c] == 0 && g->fresh[c] == 0;
    return n;
}

/** Places a cell of cols columns and rows rows (each at least 1) at the cursor; returns its
 * first column. The columns must be free: the builder's layout adds up. */
static inline size_t jx_grid_place(jx_grid_cursor *g, size_t cols, uint32_t rows)
{
    size_t c0 = g->at;
    assert(cols >= 1 && rows >= 1);
    assert(c0 + cols <= g->ncols);
    for (size_t c = c0; c < c0 + cols; c++) {
        assert(g->taken[c] == 0 && g->fresh[c] == 0);
        g->fresh[c] = rows;
    }
    g->at = jx_grid_next_free(g, c0 + cols);
    return c0;
}

/** Ends the row: every column is taken (by a cell of this row or one above it). */
static inline void jx_grid_row_end(jx_grid_cursor *g)
{
    assert(g->at == g->ncols && jx_grid_left(g) == 0);
    for (size_t c = 0; c < g->ncols; c++) {
        if (g->fresh[c])
            g->taken[c] = g->fresh[c] - 1;
        else if (g->taken[c])
            g->taken[c]--;
        g->fresh[c] = 0;
    }
}

/** True when no cell begun in a row drawn reaches past it: the grid may end here. */
static inline int jx_grid_closed(const jx_grid_cursor *g)
{
    for (size_t c = 0; c < g->ncols; c++)
        if (g->taken[c])
            return 0;
    return 1;
}

/** The fields the grids show of a block laid out on them (jx_fields.grid): the grid's own list,
 * else the block's; their number in *n. */
static inline const jx_field *jx_grid_fields(const jx_fields *f, size_t *n)
{
    if (f->grid->fields) {
        *n = f->grid->n;
        return f->grid->fields;
    }
    *n = f->n;
    return f->v;
}

/** The first of the n fields from i on that grid k shows (n when none). */
static inline size_t jx_grid_field_next(const jx_fields_grid *g, size_t i, size_t n, int k)
{
    while (i < n && g->v[i].off[k])
        i++;
    return i;
}

/** A cell's columns on grid k: 0 for a cell not drawn there (joined to the one before). */
static inline size_t jx_grid_cols(const jx_cell *c, int k)
{
    uint8_t n = c->cols[k];
    return n == JX_COLS_JOINED ? 0 : n ? n : 1;
}

#endif
