/* render_md.c — documents (doc.h) as GitHub-flavoured Markdown, for pasting into reports
 * and issue trackers: the document's title as `#`, a part as `##`, its sections as `###`,
 * labelled values and tables as pipe tables, findings as a numbered list. Every text is
 * escaped (md.c), so a `|` cannot end a cell nor a line break leave it.
 */
#include "doc.h"

#include "md.h"
#include "report_parts.h"

#include <assert.h>

static void md_doc_begin(jx_writer *wr, const jx_doc_head *h)
{
    jx_out_str(wr, "# ");
    jx_md_str(wr, h->title);
    jx_out_char(wr, '\n');
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
    int any = 0;
    for (size_t i = 0; i < f->n; i++)
        any |= f->v[i].value[0] != 0;
    if (f->optional && !any)
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

static void md_table_begin(jx_writer *wr, const jx_table_spec *t)
{
    assert(t->ncols <= JX_DOC_MAXCOLS);
    heading(wr, t->heading);
    jx_md_table_head(wr, t->head, t->align, t->ncols);
    wr->render_state = (void *)t;
}

/* A row: covered cells are empty, as the form prints a group's name on its first row only. */
static void md_row(jx_writer *wr, const jx_cell *cells)
{
    const jx_table_spec *t = wr->render_state;
    const char *s[JX_DOC_MAXCOLS];
    for (size_t c = 0; c < t->ncols; c++)
        s[c] = cells[c].covered ? "" : cells[c].s;
    jx_md_table_row(wr, s, t->ncols);
}

static void md_table_end(jx_writer *wr)
{
    wr->render_state = NULL;
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

static void md_part_end(jx_writer *wr)
{
    (void)wr;
}

/* A document without parts says so. */
static void md_doc_end(jx_writer *wr, const jx_doc_head *h, size_t nparts)
{
    if (nparts > 0)
        return;
    jx_out_char(wr, '\n');
    jx_md_str(wr, h->empty);
    jx_out_char(wr, '\n');
}

const jx_renderer jx_render_md = {
    .name = "md",
    .doc_begin = md_doc_begin,
    .part_begin = md_part_begin,
    .fields = md_fields,
    .table_begin = md_table_begin,
    .row = md_row,
    .table_end = md_table_end,
    .conclusion = md_conclusion,
    .steps = md_steps,
    .findings = md_findings,
    .part_end = md_part_end,
    .doc_end = md_doc_end,
};
