/* SPDX-License-Identifier: MIT */
/* import_model.c — the table model format readers fill, one project at a time. */
#include "import.h"

#include "alloc.h"

#include <stdio.h>
#include <string.h>

struct jx_imp {
    const jx_allocator *alloc; /* for the handle, the arrays and both arenas */
    jx_arena arena;            /* the current project's strings; reset by jx_imp_begin */
    jx_arena diag_arena;       /* diagnostics' strings, kept for the whole import */
    jx_diags diags;            /* warnings, errors and skipped-row notes */
    jx_source src;             /* file name and decoded text, for quoting lines */
    uint32_t *line_start;      /* byte offset of each line (index row - 1) */
    size_t nlines;             /* lines in src.text */
    jx_imp_sink sink;          /* receives each finished project */
    void *sink_ud;             /* passed to sink */
    jx_imp_project project;    /* the project being filled */
    bool open;                 /* a project has been begun and not yet handed over */
    bool failed;               /* the sink asked to stop */
    int oom;                   /* memory ran out */
    jx_imp_stats stats;        /* counts for the summary */
};

jx_imp *jx_imp_create(const jx_allocator *alloc, const char *file, jx_imp_sink sink, void *ud)
{
    alloc = jx_alloc_or_default(alloc);
    jx_imp *im = jx_calloc(alloc, sizeof *im);
    if (!im)
        return NULL;
    im->alloc = alloc;
    jx_arena_init(&im->arena, alloc);
    jx_arena_init(&im->diag_arena, alloc);
    jx_diags_init(&im->diags, alloc);
    im->src.file = jx_arena_strndup(&im->diag_arena, file ? file : "", file ? strlen(file) : 0);
    if (!im->src.file) {
        jx_imp_destroy(im);
        return NULL;
    }
    im->sink = sink;
    im->sink_ud = ud;
    return im;
}

void jx_imp_destroy(jx_imp *im)
{
    if (!im)
        return;
    jx_imp_project *p = &im->project;
    jx_free(im->alloc, p->funds, p->funds_cap * sizeof *p->funds);
    jx_free(im->alloc, p->points, p->points_cap * sizeof *p->points);
    jx_free(im->alloc, p->inds, p->inds_cap * sizeof *p->inds);
    jx_free(im->alloc, im->line_start, im->nlines * sizeof *im->line_start);
    jx_diags_free(&im->diags);
    jx_arena_free(&im->arena);
    jx_arena_free(&im->diag_arena);
    jx_free(im->alloc, im, sizeof *im);
}

void jx_imp_set_text(jx_imp *im, const char *text, size_t len)
{
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            lines++;
    if (len > 0 && text[len - 1] != '\n')
        lines++;
    jx_free(im->alloc, im->line_start, im->nlines * sizeof *im->line_start);
    im->nlines = 0;
    im->line_start = lines ? jx_malloc(im->alloc, lines * sizeof *im->line_start) : NULL;
    if (lines && !im->line_start) {
        im->oom = 1;
        return;
    }
    size_t k = 0;
    if (len > 0)
        im->line_start[k++] = 0;
    for (size_t i = 0; i + 1 < len; i++)
        if (text[i] == '\n')
            im->line_start[k++] = (uint32_t)(i + 1);
    im->nlines = lines;
    im->src.text = text;
    im->src.len = len;
    im->stats.rows = lines;
}

/** Hands the open project to the sink and counts it. */
static int imp_flush(jx_imp *im)
{
    if (!im->open)
        return 0;
    im->open = false;
    im->stats.projects++;
    im->stats.indicators += im->project.ninds;
    if (im->sink && im->sink(im->sink_ud, &im->project) != 0) {
        im->failed = true;
        return -1;
    }
    return 0;
}

int jx_imp_finish(jx_imp *im)
{
    if (imp_flush(im) != 0)
        return -1;
    return im->oom ? -1 : 0;
}

jx_imp_project *jx_imp_begin(jx_imp *im, uint32_t row)
{
    if (imp_flush(im) != 0 || im->oom)
        return NULL;
    jx_arena_reset(&im->arena);
    jx_imp_project *p = &im->project;
    p->row = row;
    for (int f = 0; f < JX_IMP_FIELD_COUNT; f++) {
        p->field[f] = "";
        p->field_row[f] = 0;
    }
    p->nfunds = p->npoints = p->ninds = 0;
    im->open = true;
    return p;
}

jx_imp_project *jx_imp_current(jx_imp *im)
{
    return im->open ? &im->project : NULL;
}

const char *jx_imp_str(jx_imp *im, const char *s, size_t n)
{
    jx_imp_span t = jx_text_trim(s, n, JX_TEXT_BLANKS);
    if (t.n == 0)
        return "";
    char *copy = jx_arena_strndup(&im->arena, t.s, t.n);
    if (!copy) {
        im->oom = 1;
        return "";
    }
    return copy;
}

const char *jx_imp_join(jx_imp *im, const jx_imp_span *part, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += part[i].n;
    char *text = jx_arena_alloc(&im->arena, len + 1);
    if (!text) {
        im->oom = 1;
        return "";
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (part[i].n)
            memcpy(text + k, part[i].s, part[i].n);
        k += part[i].n;
    }
    jx_imp_span t = jx_text_trim(text, len, JX_TEXT_BLANKS);
    if (t.n == 0)
        return "";
    text[(size_t)(t.s - text) + t.n] = '\0';
    return t.s;
}

int jx_imp_set(jx_imp *im, jx_imp_field f, uint32_t row, const char *s, size_t n)
{
    if (!im->open || f < 0 || f >= JX_IMP_FIELD_COUNT)
        return -1;
    const char *v = jx_imp_str(im, s, n);
    if (im->oom)
        return -1;
    im->project.field[f] = v;
    im->project.field_row[f] = row;
    return 0;
}

jx_imp_indicator *jx_imp_indicator_add(jx_imp *im, uint32_t row)
{
    jx_imp_project *p = &im->project;
    if (!im->open || JX_GROW(im->alloc, p->inds, p->inds_cap, p->ninds + 1) != 0) {
        im->oom |= im->open;
        return NULL;
    }
    jx_imp_indicator *ind = &p->inds[p->ninds++];
    ind->row = row;
    ind->level1 = ind->level2 = ind->name = ind->sign = ind->target = ind->unit = "";
    ind->weight = ind->actual = ind->score = ind->reason = ind->judge = ind->not_applicable = ind->note = "";
    ind->last_year = ind->year_before = ind->basis = "";
    return ind;
}

jx_imp_funds *jx_imp_funds_add(jx_imp *im, uint32_t row)
{
    jx_imp_project *p = &im->project;
    if (!im->open || JX_GROW(im->alloc, p->funds, p->funds_cap, p->nfunds + 1) != 0) {
        im->oom |= im->open;
        return NULL;
    }
    jx_imp_funds *f = &p->funds[p->nfunds++];
    f->row = row;
    f->source = f->initial = f->budget = f->spent = "";
    return f;
}

int jx_imp_points_add(jx_imp *im, uint32_t row, const char *level1, const char *level2,
                      const char *points)
{
    jx_imp_project *p = &im->project;
    if (!im->open || JX_GROW(im->alloc, p->points, p->points_cap, p->npoints + 1) != 0) {
        im->oom |= im->open;
        return -1;
    }
    jx_imp_points *pt = &p->points[p->npoints++];
    pt->row = row;
    pt->level1 = level1 ? level1 : "";
    pt->level2 = level2 ? level2 : "";
    pt->points = points ? points : "";
    return 0;
}

/** The position of the start of row (column 1), width 1; line 0 when row is unknown. */
static jx_pos imp_row_pos(const jx_imp *im, uint32_t row)
{
    jx_pos pos = {0, 0, 1, 1};
    if (row >= 1 && row <= im->nlines) {
        pos.off = im->line_start[row - 1];
        pos.line = row;
    } else if (row >= 1) {
        pos.line = row;
    }
    return pos;
}

/** Records one diagnostic at pos, a place on row. */
static void imp_vdiag_at(jx_imp *im, jx_severity sev, uint32_t row, jx_pos pos, const char *code, const char *fmt,
                         va_list ap)
{
    jx_source file_only = {im->src.file, NULL, 0, false}; /* names the file without quoting a line */
    const jx_source *src = pos.line && row <= im->nlines ? &im->src : &file_only;
    if (!jx_diags_vadd(&im->diags, &im->diag_arena, sev, code, src, pos, fmt, ap))
        im->oom = 1;
}

/** Records one diagnostic at row. */
static void imp_vdiag(jx_imp *im, jx_severity sev, uint32_t row, const char *code, const char *fmt,
                      va_list ap)
{
    imp_vdiag_at(im, sev, row, imp_row_pos(im, row), code, fmt, ap);
}

void jx_imp_row(jx_imp *im, uint32_t row, jx_imp_row_kind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (kind == JX_IMP_ROW_SKIPPED) {
        im->stats.skipped++;
        imp_vdiag(im, JX_SEV_NOTE, row, "skipped-row", fmt, ap);
    } else {
        im->stats.not_understood++;
        imp_vdiag(im, JX_SEV_WARNING, row, "row-not-understood", fmt, ap);
    }
    va_end(ap);
}

void jx_imp_row_error(jx_imp *im, uint32_t row, const char *code, uint32_t col, size_t off, const char *fmt, ...)
{
    jx_pos pos = imp_row_pos(im, row);
    if (pos.line && row <= im->nlines && off <= UINT32_MAX) {
        pos.col = col ? col : 1;
        pos.off = (uint32_t)off;
    }
    va_list ap;
    va_start(ap, fmt);
    im->stats.not_understood++;
    imp_vdiag_at(im, JX_SEV_ERROR, row, pos, code, fmt, ap);
    va_end(ap);
}

void jx_imp_warn(jx_imp *im, uint32_t row, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    imp_vdiag(im, JX_SEV_WARNING, row, code, fmt, ap);
    va_end(ap);
}

void jx_imp_note(jx_imp *im, uint32_t row, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    imp_vdiag(im, JX_SEV_NOTE, row, code, fmt, ap);
    va_end(ap);
}

void jx_imp_error(jx_imp *im, uint32_t row, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    imp_vdiag(im, JX_SEV_ERROR, row, code, fmt, ap);
    va_end(ap);
}

jx_imp_stats jx_imp_get_stats(const jx_imp *im)
{
    return im->stats;
}

size_t jx_imp_diag_count(const jx_imp *im)
{
    return im->diags.n;
}

const jx_diag *jx_imp_diag(const jx_imp *im, size_t i)
{
    return i < im->diags.n ? &im->diags.v[i] : NULL;
}

const jx_allocator *jx_imp_alloc(const jx_imp *im)
{
    return im->alloc;
}

int jx_imp_oom(const jx_imp *im)
{
    return im->oom || im->diags.oom;
}

/* ------------------------------------------------------------ line helpers */

bool jx_imp_next_line(const char *text, size_t len, size_t *pos, jx_imp_line *line)
{
    if (*pos >= len)
        return false;
    const char *start = text + *pos;
    const char *nl = memchr(start, '\n', len - *pos);
    size_t n = nl ? (size_t)(nl - start) : len - *pos;
    *pos += n + (nl ? 1 : 0);
    line->s = start;
    line->n = n > 0 && start[n - 1] == '\r' ? n - 1 : n;
    line->row++;
    return true;
}

size_t jx_imp_split_tabs(const jx_imp_line *line, const char **cell, size_t *cell_n, size_t max)
{
    if (max == 0)
        return 0;
    size_t count = 0, start = 0;
    for (size_t i = 0;; i++) {
        bool end = i == line->n;
        if (end || (line->s[i] == '\t' && count + 1 < max)) {
            cell[count] = line->s + start;
            cell_n[count] = i - start;
            count++;
            if (end)
                break;
            start = i + 1;
        }
    }
    return count;
}

bool jx_imp_span_eq(jx_imp_span a, const char *b)
{
    size_t n = strlen(b);
    return a.n == n && memcmp(a.s, b, n) == 0;
}

bool jx_imp_span_starts(jx_imp_span a, const char *b)
{
    size_t n = strlen(b);
    return a.n >= n && memcmp(a.s, b, n) == 0;
}

const char *jx_imp_span_find(jx_imp_span a, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n && i + n <= a.n; i++)
        if (memcmp(a.s + i, needle, n) == 0)
            return a.s + i;
    return NULL;
}

int jx_imp_span_len(jx_imp_span a)
{
    return a.n > 4096 ? 4096 : (int)a.n;
}

/* ---------------------------------------------------------------- formats */

const jx_imp_format *const jx_imp_formats[] = {
    &jx_imp_zj_selfeval, &jx_imp_zj_target, &jx_imp_zz_target, &jx_imp_wh_declare, &jx_imp_csv, &jx_imp_json, NULL,
};

const jx_imp_format *jx_imp_format_find(const char *name)
{
    for (size_t i = 0; jx_imp_formats[i]; i++)
        if (strcmp(jx_imp_formats[i]->name, name) == 0)
            return jx_imp_formats[i];
    return NULL;
}
