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
 * table (table_begin row* table_end), conclusion, steps or findings.
 *
 * Invariants every builder keeps and renderers rely on:
 *   - every string is valid UTF-8, NUL-terminated, never NULL ("" for nothing);
 *   - a table's rows have exactly spec->ncols cells; a cell with covered set lies under a
 *     cell of an earlier row whose `rows` reaches it, in the same column;
 *   - the strings of a block live at least until the end of its part (the scratch arena is
 *     reset between parts only), and the spec given to table_begin until table_end; a
 *     renderer keeps what it needs across the calls of a table in wr->render_state.
 */
#ifndef JX_DOC_H
#define JX_DOC_H

#include "report.h"

#include <stddef.h>
#include <stdint.h>

/** Most columns a table of a document has. */
#define JX_DOC_MAXCOLS 16

/** What a cell holds, for the formats that style or type it (the text, md and txt
 * renderers show only its text). */
typedef enum jx_cell_kind {
    JX_CELL_TEXT = 0, /* text */
    JX_CELL_LABEL,    /* a row's label or a group cell (一级/二级, 总分) */
    JX_CELL_NUMBER,   /* an exact number, shown as s: ASCII, as wide as it is long */
    JX_CELL_DASH      /* no number: "—" */
} jx_cell_kind;

/** One cell of a table. */
typedef struct jx_cell {
    const char *s;     /* the text shown */
    uint32_t rows;     /* rows this cell spans down (1 for one); 0 in a covered cell */
    uint8_t kind;      /* jx_cell_kind */
    uint8_t covered;   /* lies under a cell above that spans down to it: drawn empty or not at all */
} jx_cell;

/** What a table is to its document. */
typedef enum jx_table_role {
    JX_TABLE_SECTION = 0, /* a section of the document under its heading (项目资金) */
    JX_TABLE_GRID         /* the document's main table (the indicators): the text form prints it
                             full width, without its heading */
} jx_table_role;

/** A table's shape: its heading, its columns' heads and alignment. */
typedef struct jx_table_spec {
    const char *heading;      /* the section heading ("项目资金（万元）"), "" for none */
    jx_table_role role;
    const char *const *head;  /* the ncols column heads */
    const char *align;        /* ncols letters: 'l' left, 'r' right (numbers) */
    size_t ncols;             /* at most JX_DOC_MAXCOLS */
} jx_table_spec;

/** One labelled value (项目名称 · 越城区…). */
typedef struct jx_field {
    const char *label;
    const char *value;
    int optional;      /* may be left out when its value is "" (the printed form keeps it) */
} jx_field;

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
} jx_steps;

/** A part of the document: a project's form. */
typedef struct jx_part {
    const char *title;   /* the form's title ("项目支出绩效自评表") */
    const char *caption; /* the line under it ("（2024年度）"), "" for none */
    const char *name;    /* what the part is about (the project's name) */
    size_t index;        /* parts before this one in the document */
} jx_part;

/** The whole document. */
typedef struct jx_doc_head {
    const char *title;   /* "项目支出绩效自评表" */
    const char *empty;   /* said when the document has no part: "没有可以计分的项目。" */
} jx_doc_head;

/**
 * A renderer: draws the blocks in one format through the writer. Each function is
 * called in the order of the stream above; part->index and nparts count the parts.
 */
typedef struct jx_renderer {
    const char *name;
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
} jx_renderer;

/** The renderers. */
extern const jx_renderer jx_render_text; /* the forms as printed, aligned by display width */
extern const jx_renderer jx_render_md;   /* GitHub-flavoured Markdown */
extern const jx_renderer jx_render_txt;  /* plain lines for mail and chat, nothing aligned */

/** A cell of kind k holding s (NULL reads ""). */
static inline jx_cell jx_cell_of(const char *s, jx_cell_kind k)
{
    jx_cell c = {s ? s : "", 1, (uint8_t)k, 0};
    return c;
}

#endif
