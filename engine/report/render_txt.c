/* SPDX-License-Identifier: MIT */
/* render_txt.c — documents (doc.h) as plain lines for mail and chat: nothing aligned, no
 * markup, so a message program or a phone shows it as it is whatever its font.
 *
 * Each labelled value is a line "项目名称：…". Each table row is one line that stands on
 * its own: the row's labels (its label cells, with a group's name repeated on the rows it
 * spans) joined by " / ", then "：" and the other non-empty cells as "head value" joined
 * by "，". Sections have their heading on a line of its own; parts are separated by a
 * line of dashes.
 *
 * A report (the audit, build_audit.c): its title with the caption in brackets, and its
 * note, on the first lines; each part after a blank line (a rule between parts), a
 * section under its title line "抽查（抽取 20%，…）：抽中 2 个项目"; the blocks of a
 * part a blank line apart; each entry's detail, the overview not at all. A list of
 * labelled values is drawn as fields ("项目：5 个…"), a table's lead and note are lines
 * of their own, the derived columns (序号, 合计) are left out.
 */
#include "doc.h"

#include "alloc.h"

#include <assert.h>
#include <string.h>

/** A table being written: its spec and the label each column shows on covered rows. */
typedef struct txt_table {
    const jx_table_spec *spec;
    const jx_report_table *rt;         /* a report's table: spec is &rt->spec; NULL for a form's */
    const char *label[JX_DOC_MAXCOLS]; /* the text of the last label cell of each column */
} txt_table;

/* A line of its own, when s is not "". */
static void line(jx_writer *wr, const char *s)
{
    if (!s[0])
        return;
    jx_out_line(wr, s);
}

/* Whether column c of t is derived (a 序号, a 合计): left out. */
static int derived(const txt_table *t, size_t c)
{
    return t->rt && t->rt->derived && t->rt->derived[c] != '.';
}

static void txt_doc_begin(jx_writer *wr, const jx_doc_head *h)
{
    (void)wr;
    (void)h;
}

/* A report: its state, its title with the caption in brackets, then its note. */
static void txt_report_begin(jx_writer *wr, const jx_report_head *h)
{
    wr->in_report = 1;
    wr->blocks = 0;
    jx_out_title(wr, h->doc.title, h->caption, "");
    jx_out_char(wr, '\n');
    line(wr, h->note);
}

/* A report's part, after a blank line or a rule: a section's title line with its caption
 * in brackets and what it came to after "："; an entry has none. */
static void txt_report_part_begin(jx_writer *wr, const jx_report_part *rp)
{
    wr->blocks = 0;
    const jx_part *pt = &rp->part;
    jx_out_str(wr, pt->index > 0 ? "\n----------\n\n" : "\n");
    if (!pt->title[0])
        return;
    jx_out_title(wr, pt->title, pt->caption, rp->result);
    jx_out_char(wr, '\n');
}

/* "项目支出绩效自评表（2024年度）", after a rule between parts. */
static void txt_part_begin(jx_writer *wr, const jx_part *pt)
{
    if (pt->index > 0)
        jx_out_str(wr, "\n----------\n\n");
    jx_out_str(wr, pt->title);
    jx_out_line(wr, pt->caption);
}

/* A section's heading on its line, after a blank line. */
static void heading(jx_writer *wr, const char *h)
{
    jx_out_char(wr, '\n');
    if (h[0]) {
        jx_out_line(wr, h);
    }
}

static void txt_fields(jx_writer *wr, const jx_fields *f)
{
    if (jx_fields_skipped(f))
        return;
    if (wr->in_report) {
        jx_doc_block(wr);
        line(wr, f->heading);
    } else if (f->heading[0]) {
        heading(wr, f->heading);
    }
    for (size_t i = 0; i < f->n; i++) {
        if (!f->v[i].value[0] && !f->v[i].fill)
            continue;
        jx_out_str(wr, f->v[i].label);
        jx_out_str(wr, "：");
        jx_out_line(wr, f->v[i].value);
    }
}

static void txt_table_begin(jx_writer *wr, const jx_table_spec *spec)
{
    assert(spec->ncols <= JX_DOC_MAXCOLS);
    txt_table *t = jx_arena_alloc(&wr->scratch, sizeof *t);
    wr->render_state = t;
    if (!t) {
        jx_scratch_fail(wr);
        return;
    }
    memset(t, 0, sizeof *t);
    t->spec = spec;
    heading(wr, spec->heading);
}

/* A report's table: its heading and its lead on lines of their own; nothing of the
 * overview, txt draws each entry's detail, nor of the workbook's own tables. */
static void txt_report_table_begin(jx_writer *wr, const jx_report_table *rt)
{
    assert(rt->spec.ncols <= JX_DOC_MAXCOLS);
    wr->render_state = NULL;
    if (rt->spec.role == JX_TABLE_OVERVIEW || rt->view == JX_VIEW_BOOK)
        return;
    txt_table *t = jx_arena_alloc(&wr->scratch, sizeof *t);
    if (!t) {
        jx_scratch_fail(wr);
        return;
    }
    memset(t, 0, sizeof *t);
    t->spec = &rt->spec;
    t->rt = rt;
    wr->render_state = t;
    jx_doc_block(wr);
    line(wr, rt->spec.heading);
    line(wr, rt->lead);
}

static void txt_row(jx_writer *wr, const jx_cell *cells)
{
    txt_table *t = wr->render_state;
    if (!t)
        return;
    const jx_table_spec *spec = t->spec;
    if (spec->role == JX_TABLE_PAIRS) { /* "label：value", as fields */
        assert(spec->ncols == 2);
        jx_out_str(wr, cells[0].s);
        jx_out_str(wr, "：");
        jx_out_line(wr, cells[1].s);
        return;
    }
    size_t n = spec->ncols, c = 0;
    size_t labels = 0;
    jx_out_str(wr, "- ");
    /* the leading label cells; a covered one shows the label it lies under */
    for (; c < n && (derived(t, c) || cells[c].kind == JX_CELL_LABEL || cells[c].covered); c++) {
        if (derived(t, c))
            continue;
        const char *s = cells[c].covered ? t->label[c] : cells[c].s;
        if (!cells[c].covered)
            t->label[c] = s;
        if (!s || !s[0])
            continue;
        if (labels++ > 0)
            jx_out_str(wr, " / ");
        jx_out_str(wr, s);
    }
    size_t values = 0;
    for (; c < n; c++) {
        if (!cells[c].s[0] || cells[c].covered || derived(t, c))
            continue;
        jx_out_str(wr, values++ == 0 ? (labels ? "：" : "") : "，");
        jx_out_str(wr, t->spec->head[c]);
        jx_out_char(wr, ' ');
        jx_out_str(wr, cells[c].s);
    }
    jx_out_char(wr, '\n');
}

/* A report's table ends with its note on a line. */
static void txt_table_end(jx_writer *wr)
{
    txt_table *t = wr->render_state;
    wr->render_state = NULL;
    if (t && t->rt)
        line(wr, t->rt->note);
}

/* "满分：…", then each verdict "自评结论：优detail", the bands after the last in brackets. */
static void txt_conclusion(jx_writer *wr, const jx_conclusion *c)
{
    jx_out_char(wr, '\n');
    if (c->full_label[0]) {
        jx_out_str(wr, c->full_label);
        jx_out_str(wr, "：");
        jx_out_line(wr, c->full_value);
    }
    for (size_t i = 0; i < c->n; i++) {
        jx_out_str(wr, c->v[i].label);
        jx_out_str(wr, "：");
        jx_out_str(wr, c->v[i].grade);
        jx_out_str(wr, c->v[i].detail);
        if (i + 1 == c->n && c->note[0]) {
            jx_out_str(wr, "（");
            jx_out_str(wr, c->note);
            jx_out_str(wr, "）");
        }
        jx_out_char(wr, '\n');
    }
}

/* The foot after a blank line, a line each with nothing after "：", to be answered in a
 * reply: "填报人：". */
static void txt_foot(jx_writer *wr, const jx_foot *f)
{
    jx_out_char(wr, '\n');
    for (size_t i = 0; i < f->n; i++) {
        jx_out_str(wr, f->v[i].label);
        jx_out_str(wr, "：\n");
    }
}

static void txt_steps(jx_writer *wr, const jx_steps *s)
{
    heading(wr, s->heading);
    for (size_t i = 0; i < s->n; i++) {
        jx_out_str(wr, "- ");
        jx_out_str(wr, s->v[i].label);
        jx_out_str(wr, "：");
        jx_out_str(wr, s->v[i].text);
        jx_out_str(wr, "（");
        jx_out_str(wr, s->v[i].tag);
        jx_out_str(wr, "）\n");
    }
}

/* "- 警告 vague-actual a.jx:19:41 message", in the order made. */
static void txt_findings(jx_writer *wr, const jx_diag *v, size_t n)
{
    if (n == 0)
        return;
    const char *h = jx_arena_printf(&wr->scratch, "检查发现（%zu）", n);
    heading(wr, h ? h : jx_scratch_fail(wr));
    for (size_t i = 0; i < n; i++) {
        jx_out_str(wr, "- ");
        jx_out_str(wr, jx_severity_name(v[i].severity));
        jx_out_char(wr, ' ');
        jx_out_str(wr, v[i].code);
        jx_out_char(wr, ' ');
        jx_out_str(wr, v[i].file);
        if (v[i].line) {
            jx_out_char(wr, ':');
            jx_out_uint(wr, v[i].line);
            jx_out_char(wr, ':');
            jx_out_uint(wr, v[i].column);
        }
        jx_out_char(wr, ' ');
        jx_out_line(wr, v[i].message);
    }
}

/* The notes after a blank line, a sentence a line. */
static void txt_notes(jx_writer *wr, const jx_notes *n)
{
    jx_out_char(wr, '\n');
    for (size_t i = 0; i < n->n; i++) {
        jx_out_line(wr, n->v[i]);
    }
}

/* An entry's findings: "发现：无", or the heading and "- 警告 code a.jx:21:13 message" each. */
static void txt_finding_list(jx_writer *wr, const jx_finding_list *l)
{
    jx_doc_block(wr);
    if (l->n == 0) {
        jx_out_str(wr, l->label);
        jx_out_str(wr, "：");
        jx_out_line(wr, l->empty);
        return;
    }
    line(wr, l->heading);
    for (size_t i = 0; i < l->n; i++) {
        const jx_finding *f = &l->v[i];
        jx_out_str(wr, "- ");
        jx_out_str(wr, f->level);
        jx_out_char(wr, ' ');
        jx_out_str(wr, f->code);
        jx_out_char(wr, ' ');
        jx_out_str(wr, f->where);
        jx_out_char(wr, ' ');
        jx_out_line(wr, f->message);
    }
}

/* The overview is not drawn: txt shows each entry's detail where it comes. */
static void txt_overview(jx_writer *wr, const jx_overview *o)
{
    (void)wr;
    (void)o;
}

static void txt_part_end(jx_writer *wr)
{
    (void)wr;
}

/* A document without parts says so; a report lets go of its state. */
static void txt_doc_end(jx_writer *wr, const jx_doc_head *h, size_t nparts)
{
    if (wr->in_report) {
        wr->in_report = 0;
        return;
    }
    if (nparts > 0)
        return;
    jx_out_line(wr, h->empty);
}

const jx_renderer jx_render_txt = {
    .name = "txt",
    .apart = "\n----------\n\n", /* txt_part_begin */
    .doc_begin = txt_doc_begin,
    .part_begin = txt_part_begin,
    .fields = txt_fields,
    .table_begin = txt_table_begin,
    .row = txt_row,
    .table_end = txt_table_end,
    .conclusion = txt_conclusion,
    .steps = txt_steps,
    .findings = txt_findings,
    .part_end = txt_part_end,
    .doc_end = txt_doc_end,
    .notes = txt_notes,
    .report_begin = txt_report_begin,
    .report_part_begin = txt_report_part_begin,
    .report_table_begin = txt_report_table_begin,
    .finding_list = txt_finding_list,
    .overview = txt_overview,
    .foot = txt_foot,
};
