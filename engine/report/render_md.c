/* SPDX-License-Identifier: MIT */
/* render_md.c — documents (doc.h) as GitHub-flavoured Markdown, for pasting into reports
 * and issue trackers: the document's title as `#`, a part as `##`, its sections as `###`,
 * labelled values and tables as pipe tables, findings as a numbered list. Every text is
 * escaped (jx_md_text below), so a `|` cannot end a cell nor a line break leave it.
 *
 * A report (the audit, build_audit.c) puts what sums it up first: its sections (汇总,
 * 抽查) are drawn where they come, as `##` with their tables under `###` headings; of each
 * entry only its row of the overview and its findings are drawn, and they are held in
 * spools (report.h) until the overview closes, after the summary, where they follow the
 * overview's heading: `## 项目（5）`, the table, `## 发现明细（28）`, a numbered list per
 * entry. Every block is set off from the one before by a blank line.
 */
#include "doc.h"

#include "alloc.h"

#include <assert.h>

/* ------------------------------------------------------------ Markdown text */

/* The bytes that take a backslash (1) and those that start a line break (2). */
static const unsigned char md_byte_class[256] = {
    ['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1, ['<'] = 1,
    ['>'] = 1,  ['|'] = 1, ['~'] = 1, ['&'] = 1, ['$'] = 1, ['\n'] = 2, ['\r'] = 2,
};

void jx_md_text(jx_writer *wr, const char *s, size_t n)
{
    size_t run = 0; /* start of the plain bytes not yet written */
    for (size_t i = 0; i < n; i++) {
        unsigned char cls = md_byte_class[(unsigned char)s[i]];
        if (cls == 0)
            continue;
        jx_out_bytes(wr, s + run, i - run);
        if (cls == 1) {
            jx_out_char(wr, '\\');
            jx_out_char(wr, s[i]);
        } else {
            if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++; /* \r\n is one break */
            jx_out_str(wr, "<br>");
        }
        run = i + 1;
    }
    jx_out_bytes(wr, s + run, n - run);
}

void jx_md_str(jx_writer *wr, const char *s)
{
    jx_md_text(wr, s, strlen(s));
}

void jx_md_table_head(jx_writer *wr, const char *const *heads, const char *align, size_t n)
{
    jx_md_table_row(wr, heads, n);
    jx_out_char(wr, '|');
    for (size_t i = 0; i < n; i++) {
        switch (align[i]) {
        case 'r': jx_out_str(wr, " ---: |"); break;
        case 'c': jx_out_str(wr, " :---: |"); break;
        default: jx_out_str(wr, " --- |"); break;
        }
    }
    jx_out_char(wr, '\n');
}

void jx_md_table_row(jx_writer *wr, const char *const *cells, size_t n)
{
    jx_out_char(wr, '|');
    for (size_t i = 0; i < n; i++) {
        jx_out_char(wr, ' ');
        jx_md_str(wr, cells[i]);
        jx_out_str(wr, " |");
    }
    jx_out_char(wr, '\n');
}

void jx_md_diag_list(jx_writer *wr, const char *title, const jx_diag *d, size_t n)
{
    if (n == 0)
        return;
    jx_out_str(wr, "\n### ");
    jx_md_str(wr, title);
    jx_out_str(wr, "\n\n");
    for (size_t i = 0; i < n; i++) {
        jx_out_uint(wr, i + 1);
        jx_out_str(wr, ". ");
        jx_out_str(wr, jx_severity_name(d[i].severity));
        jx_out_str(wr, " `");
        jx_out_str(wr, d[i].code); /* codes are words and hyphens: nothing to escape */
        jx_out_str(wr, "` ");
        jx_md_str(wr, d[i].file);
        if (d[i].line) {
            jx_out_char(wr, ':');
            jx_out_uint(wr, d[i].line);
            jx_out_char(wr, ':');
            jx_out_uint(wr, d[i].column);
        }
        jx_out_str(wr, "：");
        jx_md_str(wr, d[i].message);
        jx_out_char(wr, '\n');
    }
}

/* ------------------------------------------------------------ the blocks */


/* a, sep and b ("评分办法：…；自评总分…"), either alone when the other is "", as a
 * paragraph after a blank line; nothing when both are "". */
static void paragraph(jx_writer *wr, const char *a, const char *sep, const char *b)
{
    if (!a[0] && !b[0])
        return;
    jx_out_char(wr, '\n');
    jx_md_str(wr, a);
    if (a[0] && b[0])
        jx_out_str(wr, sep);
    jx_md_str(wr, b);
    jx_out_char(wr, '\n');
}

/* "# 项目支出绩效自评表". */
static void md_doc_begin(jx_writer *wr, const jx_doc_head *h)
{
    jx_out_str(wr, "# ");
    jx_md_str(wr, h->title);
    jx_out_char(wr, '\n');
}

/* "# 审核报告", the caption and the note after it, "；" between them. */
static void md_report_begin(jx_writer *wr, const jx_report_head *h)
{
    jx_held_begin(wr);
    md_doc_begin(wr, &h->doc);
    paragraph(wr, h->caption, "；", h->note);
}

/* A report's section: "## 抽查", then what it is and what it came to, "：" between them;
 * an entry: nothing, its blocks are held. */
static void md_report_part_begin(jx_writer *wr, const jx_report_part *rp)
{
    jx_held *st = jx_held_of(wr);
    if (st)
        st->in_entry = rp->role == JX_PART_ENTRY;
    if (rp->role == JX_PART_ENTRY) {
        if (st)
            st->count++;
        return;
    }
    jx_out_str(wr, "\n## ");
    jx_md_str(wr, rp->part.title);
    jx_out_char(wr, '\n');
    paragraph(wr, rp->part.caption, "：", rp->result);
}

/* "## 项目名（2024年度）". */
static void md_part_begin(jx_writer *wr, const jx_part *pt)
{
    jx_out_str(wr, "\n## ");
    jx_md_str(wr, pt->name);
    jx_md_str(wr, pt->caption);
    jx_out_str(wr, "\n\n");
}

/* A section's heading, when it has one. */
static void heading(jx_writer *wr, const char *h)
{
    if (!h[0])
        return;
    jx_out_str(wr, "\n### ");
    jx_md_str(wr, h);
    jx_out_str(wr, "\n\n");
}

/* The fields as tables of per_row columns, labels as the heads and values below; a row of
 * optional fields that are all empty is left out, as is an optional block all empty. */
static void md_fields(jx_writer *wr, const jx_fields *f)
{
    jx_held *st = jx_held_of(wr);
    if (st && st->in_entry)
        return; /* an entry's detail: the overview shows it */
    if (jx_fields_skipped(f))
        return;
    heading(wr, f->heading);
    static const char lefts[JX_DOC_MAXCOLS + 1] = "llllllllllllllll";
    size_t tables = 0;
    for (size_t at = 0; at < f->n; at += f->per_row) {
        size_t n = f->n - at < f->per_row ? f->n - at : f->per_row;
        assert(n <= JX_DOC_MAXCOLS);
        int shown = 0;
        for (size_t i = at; i < at + n; i++)
            shown |= !f->v[i].optional || f->v[i].value[0];
        if (!shown)
            continue;
        const char *heads[JX_DOC_MAXCOLS], *cells[JX_DOC_MAXCOLS];
        for (size_t i = 0; i < n; i++) {
            heads[i] = f->v[at + i].label;
            cells[i] = f->v[at + i].value;
        }
        if (tables++ > 0)
            jx_out_char(wr, '\n');
        jx_md_table_head(wr, heads, lefts, n);
        jx_md_table_row(wr, cells, n);
    }
}

/* A report's table. A row of the overview is held; the rest of an entry is not drawn, nor
 * are the workbook's own tables; a section's table under its `###` heading and its lead,
 * the head written with the first row, so that a table without rows is its heading and
 * lead alone. */
static void md_report_table_begin(jx_writer *wr, const jx_report_table *rt)
{
    const jx_table_spec *t = &rt->spec;
    assert(t->ncols <= JX_DOC_MAXCOLS);
    jx_held *st = jx_held_of(wr);
    if (!st)
        return; /* the writer failed making the report's state */
    st->table = NULL;
    st->table_rows = 0;
    if (t->role == JX_TABLE_OVERVIEW) {
        st->table = st->rows.w ? rt : NULL; /* no spool: the writer failed making it */
        st->to = st->rows.w;
        return;
    }
    /* an entry's sheet is held, under a heading of its own; a section's table is drawn in place */
    int sheet = t->role == JX_TABLE_SHEET;
    if (!sheet && (st->in_entry || rt->view == JX_VIEW_BOOK))
        return;
    jx_writer *to = sheet ? st->sheets.w : wr;
    if (!to)
        return; /* no spool: the writer failed making it */
    if (t->heading[0]) {
        jx_out_str(to, sheet ? "\n## " : "\n### ");
        jx_md_str(to, t->heading);
        jx_out_char(to, '\n');
    }
    paragraph(to, rt->lead, "", "");
    st->table = rt;
    st->to = to;
}

/* A table under its heading; one without a heading is set off by a blank line, so that it
 * does not run on from a table or a line before it. */
static void md_table_begin(jx_writer *wr, const jx_table_spec *t)
{
    assert(t->ncols <= JX_DOC_MAXCOLS);
    if (t->heading[0])
        heading(wr, t->heading);
    else
        jx_out_char(wr, '\n');
    jx_md_table_head(wr, t->head, t->align, t->ncols);
    wr->render_state = (void *)t;
}

/* A row: covered cells are empty, as the form prints a group's name on its first row only;
 * a flagged cell says its table's flag after its text, in brackets: "良（不符）". */
static void md_row(jx_writer *wr, const jx_cell *cells)
{
    jx_held *st = jx_held_of(wr);
    const jx_report_table *rt = st ? st->table : NULL;
    const jx_table_spec *t = rt ? &rt->spec : wr->render_state;
    if (!t)
        return; /* a report's table that is not drawn */
    jx_writer *to = rt ? st->to : wr;
    const char *s[JX_DOC_MAXCOLS];
    for (size_t c = 0; c < t->ncols; c++) {
        s[c] = cells[c].covered ? "" : cells[c].s;
        if (cells[c].look == JX_LOOK_FLAGGED && rt && rt->flag)
            s[c] = jx_scratch_printf(wr, "%s（%s）", s[c], rt->flag);
    }
    if (rt && (to == wr || t->role == JX_TABLE_SHEET) && st->table_rows == 0) {
        jx_out_char(to, '\n');
        jx_md_table_head(to, t->head, t->align, t->ncols);
    }
    if (rt)
        st->table_rows++;
    jx_md_table_row(to, s, t->ncols);
}

/* A report's table drawn in place ends with its note, when it has rows. */
static void md_table_end(jx_writer *wr)
{
    wr->render_state = NULL;
    jx_held *st = jx_held_of(wr);
    if (!st)
        return;
    if (st->table && (st->to == wr || st->table->spec.role == JX_TABLE_SHEET) && st->table_rows > 0)
        paragraph(st->to, st->table->note, "", "");
    st->table = NULL;
}

/* "满分 80（…）" on its line, then each verdict "**自评结论：优**（detail）", the bands
 * after the last: "　总分高于90分…". */
static void md_conclusion(jx_writer *wr, const jx_conclusion *c)
{
    if (c->full_label[0]) {
        jx_out_char(wr, '\n');
        jx_md_str(wr, c->full_label);
        jx_out_char(wr, ' ');
        jx_md_str(wr, c->full_value);
        jx_out_char(wr, '\n');
    }
    for (size_t i = 0; i < c->n; i++) {
        jx_out_str(wr, "\n**");
        jx_md_str(wr, c->v[i].label);
        jx_out_str(wr, "：");
        jx_md_str(wr, c->v[i].grade);
        jx_out_str(wr, "**");
        jx_md_str(wr, c->v[i].detail);
        if (i + 1 == c->n && c->note[0]) {
            jx_out_str(wr, "　");
            jx_md_str(wr, c->note);
        }
        jx_out_char(wr, '\n');
    }
}

/* The foot as a table after a blank line, the labels its heads and the blanks under them
 * to fill in ("　　年　　月　　日"). */
static void md_foot(jx_writer *wr, const jx_foot *f)
{
    assert(f->n > 0 && f->n <= JX_DOC_MAXCOLS);
    static const char lefts[JX_DOC_MAXCOLS + 1] = "llllllllllllllll";
    const char *heads[JX_DOC_MAXCOLS], *cells[JX_DOC_MAXCOLS];
    for (size_t i = 0; i < f->n; i++) {
        heads[i] = f->v[i].label;
        cells[i] = f->v[i].fill;
    }
    jx_out_char(wr, '\n');
    jx_md_table_head(wr, heads, lefts, f->n);
    jx_md_table_row(wr, cells, f->n);
}

static void md_steps(jx_writer *wr, const jx_steps *s)
{
    heading(wr, s->heading);
    for (size_t i = 0; i < s->n; i++) {
        jx_out_str(wr, "- ");
        jx_md_str(wr, s->v[i].label);
        jx_out_str(wr, "：");
        jx_md_str(wr, s->v[i].text);
        jx_out_str(wr, " `");
        jx_out_str(wr, s->v[i].tag); /* codes are words and hyphens: nothing to escape */
        jx_out_str(wr, "`\n");
    }
}

static void md_findings(jx_writer *wr, const jx_diag *v, size_t n)
{
    const char *title = jx_arena_printf(&wr->scratch, "检查发现（%zu）", n);
    jx_md_diag_list(wr, title ? title : jx_scratch_fail(wr), v, n);
}

/* The notes as a list after a blank line: "- 已复核 7 个指标…". */
static void md_notes(jx_writer *wr, const jx_notes *n)
{
    jx_out_char(wr, '\n');
    for (size_t i = 0; i < n->n; i++) {
        jx_out_str(wr, "- ");
        jx_md_str(wr, n->v[i]);
        jx_out_char(wr, '\n');
    }
    jx_out_char(wr, '\n'); /* the list ends: what follows (the sheet's foot) is no item of it */
}

/* An entry's findings, held until the overview closes: "### 3. 项目名（10 条）" and a
 * numbered list, "1. 警告 `code` a.jx:21:13：message"; nothing when there are none. */
static void md_finding_list(jx_writer *wr, const jx_finding_list *l)
{
    if (l->n == 0)
        return;
    jx_held *st = jx_held_of(wr);
    int held = st && st->in_entry;
    jx_writer *to = held ? st->findings.w : wr;
    if (!to)
        return; /* no spool: the writer failed making it */
    jx_out_str(to, "\n### ");
    if (held) {
        assert(st->count > 0);
        jx_out_uint(to, st->count);
        jx_out_str(to, ". ");
    }
    jx_md_str(to, l->title);
    jx_out_str(to, "\n\n");
    for (size_t i = 0; i < l->n; i++) {
        const jx_finding *f = &l->v[i];
        jx_out_uint(to, i + 1);
        jx_out_str(to, ". ");
        jx_md_str(to, f->level);
        jx_out_str(to, " `");
        jx_out_str(to, f->code); /* codes are words and hyphens: nothing to escape */
        jx_out_str(to, "` ");
        jx_md_str(to, f->where);
        jx_out_str(to, "：");
        jx_md_str(to, f->message);
        jx_out_char(to, '\n');
    }
}

/* The close of the overview: "## 项目（5）", its head, the held rows and the note, or
 * what is said without entries; then "## 发现明细（28）" and the held lists, or what is
 * said without findings. */
static void md_overview(jx_writer *wr, const jx_overview *o)
{
    jx_held *st = jx_held_of(wr);
    if (!st)
        return;
    assert(o->nrows == st->count); /* a row was held for each entry */
    const jx_table_spec *t = &o->table->spec;
    jx_out_str(wr, "\n## ");
    jx_md_str(wr, t->heading);
    jx_out_char(wr, '\n');
    if (o->nrows == 0) {
        paragraph(wr, o->empty, "", "");
    } else {
        jx_out_char(wr, '\n');
        jx_md_table_head(wr, t->head, t->align, t->ncols);
        jx_spool_copy(&st->rows, wr);
        paragraph(wr, o->table->note, "", "");
    }
    jx_out_str(wr, "\n## ");
    jx_md_str(wr, o->findings);
    jx_out_char(wr, '\n');
    if (o->nfindings == 0)
        paragraph(wr, o->findings_empty, "", "");
    else
        jx_spool_copy(&st->findings, wr);
    jx_spool_copy(&st->sheets, wr); /* the entries' own sheets, each under its "## " heading */
}

/* A document without parts says so; a report lets go of what it held. */
static void md_doc_end(jx_writer *wr, const jx_doc_head *h, size_t nparts)
{
    if (jx_held_of(wr)) {
        jx_writer_state_drop(wr);
        return;
    }
    if (nparts > 0)
        return;
    jx_out_char(wr, '\n');
    jx_md_str(wr, h->empty);
    jx_out_char(wr, '\n');
}

const jx_renderer jx_render_md = {
    .name = "md",
    .apart = "", /* md_part_begin begins with its own blank line */
    .doc_begin = md_doc_begin,
    .part_begin = md_part_begin,
    .fields = md_fields,
    .table_begin = md_table_begin,
    .row = md_row,
    .table_end = md_table_end,
    .conclusion = md_conclusion,
    .steps = md_steps,
    .findings = md_findings,
    .part_end = jx_held_part_end,
    .doc_end = md_doc_end,
    .notes = md_notes,
    .report_begin = md_report_begin,
    .report_part_begin = md_report_part_begin,
    .report_table_begin = md_report_table_begin,
    .finding_list = md_finding_list,
    .overview = md_overview,
    .foot = md_foot,
};
