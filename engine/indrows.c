/* SPDX-License-Identifier: MIT */
/* indrows.c — table rows naming indicators: loading through the table reader, the
 * header, the index by project, telling same-named projects apart, matching rows to a
 * project's indicators, and the rows that matched nothing. */
#define _GNU_SOURCE /* memmem */
#include "indrows.h"

#include "alloc.h"
#include "csv.h"
#include "readall.h"
#include "table.h"
#include "text.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#define NO_ROW UINT32_MAX

/** Bytes set aside for each project name the unused-rows warning lists. */
#define UNUSED_NAME_BYTES 128

/** A project known by name: made known before matching, or seen by jx_indrows_match. */
typedef struct jx_indrows_known {
    const char *name, *org, *dept; /* 项目, 单位, 主管部门 ("" when not given), in the arena */
    const char *folded;            /* name as fold_name gives it, made when first needed */
    uint32_t name_n;               /* length of name */
    uint32_t next;                 /* next known project in the same bucket, NO_ROW at the end */
    bool seen;                     /* jx_indrows_match was called for it */
} jx_indrows_known;

void jx_indrows_init(jx_indrows *t, const jx_indrows_spec *spec, const jx_allocator *alloc)
{
    memset(t, 0, sizeof *t);
    t->alloc = jx_alloc_or_default(alloc);
    t->spec = spec;
    jx_arena_init(&t->arena, t->alloc);
    jx_diags_init(&t->diags, t->alloc);
    t->src.file = "";
}

void jx_indrows_free(jx_indrows *t)
{
    const jx_allocator *a = t->alloc;
    jx_free(a, t->buckets, t->nbuckets * sizeof *t->buckets);
    jx_free(a, t->rows, t->rows_cap * sizeof *t->rows);
    jx_free(a, t->srcs, t->srcs_cap * sizeof *t->srcs);
    jx_free(a, t->known, t->known_cap * sizeof *t->known);
    jx_free(a, t->kbuckets, t->nkbuckets * sizeof *t->kbuckets);
    jx_table_close(t->table);
    t->table = NULL;
    t->known = NULL;
    t->kbuckets = NULL;
    t->srcs = NULL;
    t->nknown = t->known_cap = t->nkbuckets = t->nsrcs = t->srcs_cap = 0;
    jx_arena_free(&t->arena);
    jx_diags_free(&t->diags);
    jx_value_reader_destroy(t->vr);
    t->vr = NULL;
    t->buckets = NULL;
    t->rows = NULL;
    t->nbuckets = t->nrows = t->rows_cap = 0;
}

bool jx_indrows_cell_eq(jx_indrows_cell c, const char *s, size_t n)
{
    return c.n == n && memcmp(c.s, s, n) == 0;
}

/* ------------------------------------------------------------ diagnostics */

/* The position line:col at byte off, width characters wide (at least one). */
static jx_pos pos_of(uint32_t line, uint32_t col, uint32_t off, uint32_t width)
{
    jx_pos p = {off, line, col, width ? width : 1};
    return p;
}

jx_pos jx_indrows_cell_pos(const jx_indrows_row *r, jx_indrows_cell c)
{
    return pos_of(r->line, c.col, c.off, jx_text_utf8_count(c.s, c.n));
}

/* The source a diagnostic about row r quotes: its sheet's, or the file's. */
static const jx_source *src_of(const jx_indrows *t, const jx_indrows_row *r)
{
    return r && r->sheet < t->nsrcs ? &t->srcs[r->sheet] : &t->src;
}

/* Adds a diagnostic with code at pos of row r (NULL: the file). */
static jx_diag *diag_code(jx_indrows *t, jx_severity sev, const char *code, const jx_indrows_row *r, jx_pos pos,
                          const char *fmt, va_list ap)
{
    return jx_diags_vadd(&t->diags, &t->arena, sev, code, src_of(t, r), pos, fmt, ap);
}

jx_diag *jx_indrows_diag(jx_indrows *t, jx_severity sev, const jx_indrows_row *r, jx_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    jx_diag *d = diag_code(t, sev, t->spec->code, r, pos, fmt, ap);
    va_end(ap);
    return d;
}

/* An error with no position (about the whole file). */
static void file_error(jx_indrows *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void file_error(jx_indrows *t, const char *fmt, ...)
{
    jx_pos none = {0, 0, 0, 1};
    va_list ap;
    va_start(ap, fmt);
    diag_code(t, JX_SEV_ERROR, t->spec->code, NULL, none, fmt, ap);
    va_end(ap);
}

/* -------------------------------------------------------------- loading */

/** Other words a header may use for the columns every sheet has. */
static const struct {
    int column;
    const char *word;
} header_aliases[] = {
    {JX_INDROWS_PROJECT, "项目名称"}, {JX_INDROWS_ORG, "预算单位"},     {JX_INDROWS_ORG, "单位名称"},
    {JX_INDROWS_ORG, "预算单位名称"}, {JX_INDROWS_DEPT, "主管部门名称"}, {JX_INDROWS_DEPT, "部门"},
};

/* The column of the spec a header cell names, or -1. */
static int header_column(const jx_indrows_spec *spec, const char *s, size_t n)
{
    for (size_t k = 0; k < spec->ncolumns; k++)
        if (n == strlen(spec->columns[k]) && memcmp(s, spec->columns[k], n) == 0)
            return (int)k;
    for (size_t i = 0; i < sizeof header_aliases / sizeof header_aliases[0]; i++)
        if (n == strlen(header_aliases[i].word) && memcmp(s, header_aliases[i].word, n) == 0)
            return header_aliases[i].column;
    for (size_t i = 0; i < spec->naliases; i++)
        if (n == strlen(spec->aliases[i].word) && memcmp(s, spec->aliases[i].word, n) == 0)
            return spec->aliases[i].column;
    return -1;
}

/* A table cell trimmed of blanks (JX_TEXT_BLANKS) at both ends (not copied); its column
 * moves on one per character trimmed, its offset (when known) by the bytes. */
static jx_indrows_cell trim_cell(const jx_table_cell *f)
{
    const char *s = f->s;
    size_t n = f->n, b;
    uint32_t col = f->col, off = f->off;
    while ((b = jx_text_blank_at(s, n, JX_TEXT_BLANKS)) != 0) {
        s += b, n -= b, col++, off += off ? (uint32_t)b : 0;
    }
    while ((b = jx_text_blank_before(s, n, JX_TEXT_BLANKS)) != 0)
        n -= b;
    jx_indrows_cell c = {s, (uint32_t)n, col, off};
    return c;
}

/** The header of the sheet being read: where each column of the spec is. Mapped from the
 * spec's side (at most JX_INDROWS_MAXCOLS entries), so a header may be any width. */
typedef struct header_map {
    size_t at[JX_INDROWS_MAXCOLS]; /* spec column → table column (0-based), NO_COLUMN when absent */
    bool found;      /* the header row has been read */
    uint32_t sheet;  /* the sheet it is the header of */
    uint32_t tried;  /* rows of the sheet looked at for it */
    bool seen[JX_INDROWS_MAXCOLS]; /* columns the header names */
    const uint8_t *slot; /* once found: spec column → index in a row's cells (jx_indrows_row.slot) */
    size_t nslots;       /* columns the header names: the cells a row keeps */
} header_map;

#define NO_COLUMN SIZE_MAX

/* True when the spec has project columns and row r fills one of them. */
static bool fills_project_column(const jx_indrows_spec *spec, const jx_indrows_row *r)
{
    for (size_t k = spec->project_first; spec->project_first && k < spec->ncolumns; k++)
        if (jx_indrows_cell_of(r, k).n)
            return true;
    return false;
}

/* Numbers the columns header h names into the slots every row under it shares (in the
 * arena); false when memory ran out. */
static bool header_slots(jx_indrows *t, header_map *h)
{
    uint8_t *slot = jx_arena_alloc(&t->arena, JX_INDROWS_MAXCOLS);
    if (!slot)
        return false;
    h->nslots = 0;
    for (size_t k = 0; k < JX_INDROWS_MAXCOLS; k++)
        slot[k] = k < t->spec->ncolumns && h->at[k] != NO_COLUMN ? (uint8_t)h->nslots++ : JX_INDROWS_ABSENT;
    h->slot = slot;
    return true;
}

/* Reads row as a header into h; true when it names every required column, or 项目 and a
 * project column (a project sheet). */
static bool header_try(const jx_indrows_spec *spec, const jx_table_row *row, header_map *h)
{
    memset(h->seen, 0, sizeof h->seen);
    for (size_t k = 0; k < JX_INDROWS_MAXCOLS; k++)
        h->at[k] = NO_COLUMN;
    for (size_t i = 0; i < row->ncells; i++) {
        jx_indrows_cell c = trim_cell(&row->cells[i]);
        int k = header_column(spec, c.s, c.n);
        if (k >= 0 && !h->seen[k]) /* a column named twice is read from its first */
            h->at[k] = i;
        if (k >= 0)
            h->seen[k] = true;
    }
    bool all = true;
    for (size_t k = 0; k < spec->nrequired; k++)
        if (!h->seen[spec->required[k]])
            all = false;
    for (size_t k = spec->project_first; !all && spec->project_first && k < spec->ncolumns && k < JX_INDROWS_MAXCOLS; k++)
        if (h->seen[JX_INDROWS_PROJECT] && h->seen[k])
            all = true;
    return all;
}

/* Reports the required columns a header row lacks. */
static void header_report(jx_indrows *t, const jx_table_row *row, const header_map *h)
{
    const jx_indrows_spec *spec = t->spec;
    for (size_t k = 0; k < spec->nrequired; k++)
        if (!h->seen[spec->required[k]]) {
            jx_indrows_row r = {.line = row->row, .off = row->off, .sheet = row->sheet};
            jx_indrows_diag(t, JX_SEV_ERROR, &r, pos_of(row->row, 1, row->off, 1), "表头缺少“%s”列",
                            spec->columns[spec->required[k]]);
        }
}

/* Names the sources: the file, and for a workbook one "file[sheet]" per sheet. */
static jx_result set_sources(jx_indrows *t)
{
    size_t len = 0;
    const char *text = jx_table_text(t->table, &len);
    t->src.text = text;
    t->src.len = len;
    size_t n = jx_table_get_kind(t->table) == JX_TABLE_TEXT ? 1 : jx_table_sheet_count(t->table);
    if (n == 0)
        return JX_OK;
    if (JX_GROW(t->alloc, t->srcs, t->srcs_cap, n) != 0)
        return JX_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        t->srcs[i] = t->src;
        if (jx_table_get_kind(t->table) != JX_TABLE_TEXT) {
            const char *f = jx_arena_printf(&t->arena, "%s[%s]", t->src.file, jx_table_sheet_name(t->table, i));
            if (!f)
                return JX_ERR_NOMEM;
            t->srcs[i].file = f;
        }
    }
    t->nsrcs = n;
    return JX_OK;
}

/* Copies a table row into a new data row of the sheet under header h; 1 when kept, 0 when blank. */
static int keep_row(jx_indrows *t, const jx_table_row *row, const header_map *h, jx_result *rc)
{
    const jx_indrows_spec *spec = t->spec;
    if (JX_GROW(t->alloc, t->rows, t->rows_cap, t->nrows + 1) != 0) {
        *rc = JX_ERR_NOMEM;
        return 0;
    }
    jx_indrows_row *r = &t->rows[t->nrows];
    memset(r, 0, sizeof *r);
    r->line = row->row;
    r->off = row->off;
    r->sheet = row->sheet;
    r->slot = h->slot;
    jx_indrows_cell cells[JX_INDROWS_MAXCOLS]; /* moved into the arena once the row is kept */
    r->cells = cells;
    bool blank = true;
    for (size_t k = 0; k < spec->ncolumns; k++) {
        if (h->slot[k] == JX_INDROWS_ABSENT)
            continue;
        jx_indrows_cell *to = &cells[h->slot[k]];
        *to = (jx_indrows_cell){"", 0, 1, row->off};
        if (h->at[k] >= row->ncells)
            continue;
        jx_indrows_cell c = trim_cell(&row->cells[h->at[k]]);
        if (c.n) {
            char *copy = jx_arena_strndup(&t->arena, c.s, c.n);
            if (!copy) {
                *rc = JX_ERR_NOMEM;
                return 0;
            }
            c.s = copy;
            blank = false;
        } else {
            c.s = "";
        }
        *to = c;
    }
    if (blank) /* a row with cells only in columns the sheet ignores */
        return 0;
    bool project_row = jx_indrows_cell_of(r, JX_INDROWS_L3).n == 0 && fills_project_column(spec, r);
    if (!project_row && h->at[JX_INDROWS_L3] == NO_COLUMN) /* a project sheet's row left empty */
        return 0;
    if (jx_indrows_cell_of(r, JX_INDROWS_PROJECT).n == 0 || (jx_indrows_cell_of(r, JX_INDROWS_L3).n == 0 && !project_row)) {
        jx_indrows_diag(t, JX_SEV_ERROR, r, pos_of(r->line, 1, r->off, 1), "第 %u 行缺少%s", (unsigned)r->line,
                        jx_indrows_cell_of(r, JX_INDROWS_PROJECT).n == 0 ? "项目名称" : "三级指标名称");
        *rc = JX_ERR_INPUT;
        return 0;
    }
    jx_indrows_cell *kept = jx_arena_alloc(&t->arena, h->nslots * sizeof *kept);
    if (!kept) {
        *rc = JX_ERR_NOMEM;
        return 0;
    }
    memcpy(kept, cells, h->nslots * sizeof *kept);
    r->cells = kept;
    t->nrows++;
    return 1;
}

/* Indexes the rows by project name, each chain in file order. */
static jx_result index_rows(jx_indrows *t)
{
    size_t nb = 16;
    while (nb < t->nrows * 2)
        nb *= 2;
    t->buckets = jx_malloc(t->alloc, nb * sizeof *t->buckets);
    if (!t->buckets)
        return JX_ERR_NOMEM;
    t->nbuckets = nb;
    for (size_t i = 0; i < nb; i++)
        t->buckets[i] = NO_ROW;
    /* insert backwards so each chain runs in file order */
    for (size_t i = t->nrows; i-- > 0;) {
        jx_indrows_row *r = &t->rows[i];
        jx_indrows_cell c = jx_indrows_cell_of(r, JX_INDROWS_PROJECT);
        uint32_t h = jx_csv_hash(c.s, c.n) & (uint32_t)(nb - 1);
        r->next = t->buckets[h];
        t->buckets[h] = (uint32_t)i;
    }
    return JX_OK;
}

/* The byte offset of line:col (col in characters) in the text of a text table, so a
 * message about a place the reader stopped at quotes that place's line; 0 when outside. */
static uint32_t text_offset(const jx_indrows *t, uint32_t line, uint32_t col)
{
    const char *s = t->src.text;
    size_t n = t->src.len, i = 0;
    for (uint32_t l = 1; s && l < line && i < n; i++)
        if (s[i] == '\n')
            l++;
    for (uint32_t c = 1; s && c < col && i < n && s[i] != '\n'; c++)
        for (i++; i < n && ((unsigned char)s[i] & 0xC0) == 0x80; i++)
            ;
    return s && i < n && i <= UINT32_MAX ? (uint32_t)i : 0;
}

/* Reads the header and the rows of every sheet of the open table, then indexes them. */
static jx_result read_rows(jx_indrows *t)
{
    const jx_indrows_spec *spec = t->spec;
    bool workbook = jx_table_get_kind(t->table) != JX_TABLE_TEXT;
    header_map h, first;
    memset(&h, 0, sizeof h);
    memset(&first, 0, sizeof first);
    jx_table_row first_row = {0};
    bool have_first = false;
    uint32_t sheet = UINT32_MAX;
    bool sheet_has_rows = false;
    jx_result rc = JX_OK;
    jx_table_row row;
    jx_table_status st;
    while ((st = jx_table_next(t->table, &row)) == JX_TABLE_ROW) {
        if (row.sheet != sheet) { /* a new sheet looks for its own header */
            if (workbook && sheet != UINT32_MAX && sheet_has_rows && !h.found)
                jx_indrows_diag(t, JX_SEV_NOTE, NULL, pos_of(0, 0, 0, 1), "工作表“%s”没有可识别的表头（%s），未读取",
                                jx_table_sheet_name(t->table, sheet), spec->header_hint);
            memset(&h, 0, sizeof h);
            sheet = row.sheet;
            sheet_has_rows = false;
        }
        sheet_has_rows = true;
        if (!h.found) {
            if (h.tried++ >= JX_INDROWS_HEADER_ROWS)
                continue;
            bool ok = header_try(spec, &row, &h);
            if (!have_first) { /* the first row is what an error about a missing header shows */
                first = h;
                first_row = row;
                have_first = true;
            }
            if (ok) {
                if (!header_slots(t, &h))
                    return JX_ERR_NOMEM;
                h.found = true;
                t->header_read = true;
                for (size_t k = 0; k < spec->ncolumns; k++)
                    t->seen[k] = t->seen[k] || h.seen[k];
            }
            continue;
        }
        keep_row(t, &row, &h, &rc);
        if (rc == JX_ERR_NOMEM)
            return rc;
    }
    if (st == JX_TABLE_NOMEM)
        return JX_ERR_NOMEM;
    if (workbook && sheet != UINT32_MAX && sheet_has_rows && !h.found && t->header_read)
        jx_indrows_diag(t, JX_SEV_NOTE, NULL, pos_of(0, 0, 0, 1), "工作表“%s”没有可识别的表头（%s），未读取",
                        jx_table_sheet_name(t->table, sheet), spec->header_hint);
    if (st == JX_TABLE_ERROR) {
        const jx_table_error *e = jx_table_last_error(t->table);
        jx_indrows_row r = {.line = e->line, .sheet = sheet == UINT32_MAX ? 0 : sheet};
        jx_pos at = pos_of(e->line, e->col ? e->col : 1, workbook ? 0 : text_offset(t, e->line, e->col), 1);
        jx_diags_add(&t->diags, &t->arena, JX_SEV_ERROR, workbook ? "table" : t->spec->code, src_of(t, &r), at, "%s",
                     e->message);
        rc = JX_ERR_INPUT;
    }
    if (!have_first) {
        file_error(t, "%s是空的，缺少表头（%s）", spec->what, spec->header_hint);
        return JX_ERR_INPUT;
    }
    if (!t->header_read) {
        header_report(t, &first_row, &first);
        return JX_ERR_INPUT;
    }
    jx_result irc = index_rows(t);
    return irc != JX_OK ? irc : rc;
}

/* Opens the table (from path, or data[0..len) when data), names the sources and reads the rows. */
static jx_result load(jx_indrows *t, const char *name, const char *data, size_t len, const jx_table_options *opts)
{
    const char *file = jx_arena_strndup(&t->arena, name, strlen(name));
    if (!file)
        return JX_ERR_NOMEM;
    t->src.file = file;
    struct stat st;
    bool piped = false; /* a pipe (<(…), /dev/stdin): read whole here, as the table reader seeks a file */
    if (!data && stat(name, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            file_error(t, "%s“%s”是一个文件夹，不是文件", t->spec->what, name);
            return JX_ERR_IO;
        }
        piped = !S_ISREG(st.st_mode);
    }
    char *buf = NULL;
    size_t cap = 0;
    if (piped) {
        FILE *f = fopen(name, "rb");
        jx_result rrc = f ? jx_read_all(t->alloc, f, &buf, &len, &cap) : JX_ERR_IO;
        int why = errno;
        if (f)
            fclose(f);
        if (rrc != JX_OK) {
            jx_free(t->alloc, buf, cap);
            if (rrc == JX_ERR_IO)
                file_error(t, "无法打开%s：%s", t->spec->what, jx_errno_text(why));
            return rrc;
        }
        data = buf ? buf : "";
    }
    jx_table_error err;
    jx_result rc = data ? jx_table_open_memory(&t->table, name, data, len, opts, t->alloc, &err)
                        : jx_table_open(&t->table, name, opts, t->alloc, &err);
    jx_free(t->alloc, buf, cap); /* the table copied what it keeps */
    if (rc == JX_ERR_NOMEM)
        return rc;
    if (rc != JX_OK) {
        jx_pos at = pos_of(err.line, err.col, 0, 1);
        if (rc == JX_ERR_IO)
            file_error(t, "无法打开%s：%s", t->spec->what, err.message);
        else
            jx_diags_add(&t->diags, &t->arena, JX_SEV_ERROR, rc == JX_ERR_USAGE ? "usage" : err.code ? err.code : "table", &t->src, at,
                         "%s", err.message);
        return rc;
    }
    rc = set_sources(t);
    return rc == JX_OK ? read_rows(t) : rc;
}

jx_result jx_indrows_load_file(jx_indrows *t, const char *path, const jx_table_options *opts)
{
    return load(t, path, NULL, 0, opts);
}

jx_result jx_indrows_load_memory(jx_indrows *t, const char *file_name, const char *data, size_t len,
                                 const jx_table_options *opts)
{
    return load(t, file_name, data ? data : "", len, opts);
}

/* ------------------------------------------------------ project identity */

/*
 * s[0..n) as names are compared loosely, into the arena: NFKC (full-width letters,
 * digits and （）become ASCII), blanks dropped, 【】〔〕[] read as (). NULL when memory ran out.
 */
static const char *fold_name(jx_indrows *t, const char *s, size_t n)
{
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
    if (k == UTF8PROC_ERROR_NOMEM)
        return NULL;
    if (k < 0) { /* not UTF-8: compared as written */
        free(m);
        return jx_arena_strndup(&t->arena, s, n);
    }
    char *out = jx_arena_alloc(&t->arena, (size_t)k + 1);
    size_t o = 0;
    for (utf8proc_ssize_t i = 0; out && i < k;) {
        int32_t c;
        utf8proc_ssize_t l = (utf8proc_ssize_t)jx_text_utf8_decode((const char *)m + i, (size_t)(k - i), &c);
        if (c < 0)
            break;
        if (c == 0x3010 || c == 0x3014 || c == '[') {
            out[o++] = '(';
        } else if (c == 0x3011 || c == 0x3015 || c == ']') {
            out[o++] = ')';
        } else if (jx_text_blank_at((const char *)m + i, (size_t)l, JX_TEXT_BLANKS) == 0) {
            memcpy(out + o, m + i, (size_t)l);
            o += (size_t)l;
        }
        i += l;
    }
    free(m);
    if (out)
        out[o] = '\0';
    return out;
}

/* True when a row's 单位 (or 主管部门) cell c names the project's org: the same text, the
 * same once folded, or the project's text without its leading code ("301001-…"). */
static bool org_names(jx_indrows *t, jx_indrows_cell c, const char *org)
{
    size_t on = strlen(org);
    if (jx_indrows_cell_eq(c, org, on))
        return true;
    const char *dash = strchr(org, '-');
    if (dash && dash > org) {
        bool code = true;
        for (const char *q = org; q < dash; q++)
            if (*q < '0' || *q > '9')
                code = false;
        if (code && jx_indrows_cell_eq(c, dash + 1, strlen(dash + 1)))
            return true;
    }
    const char *a = fold_name(t, c.s, c.n), *b = fold_name(t, org, on);
    return a && b && strcmp(a, b) == 0;
}

/* True when row r's 单位 and 主管部门 cells, where filled, fit the project org/dept (a
 * project that does not say is not told apart by them). */
static bool row_fits(jx_indrows *t, const jx_indrows_row *r, const char *org, const char *dept)
{
    if (jx_indrows_cell_of(r, JX_INDROWS_ORG).n && *org && !org_names(t, jx_indrows_cell_of(r, JX_INDROWS_ORG), org))
        return false;
    if (jx_indrows_cell_of(r, JX_INDROWS_DEPT).n && *dept && !org_names(t, jx_indrows_cell_of(r, JX_INDROWS_DEPT), dept))
        return false;
    return true;
}

/* The known project with p's name, 单位 and 主管部门, added when new; its index, or -1 when memory ran out. */
static long known_find_add(jx_indrows *t, const char *name, size_t name_n, const char *org, const char *dept)
{
    if (t->nkbuckets == 0) {
        t->kbuckets = jx_malloc(t->alloc, 64 * sizeof *t->kbuckets);
        if (!t->kbuckets)
            return -1;
        t->nkbuckets = 64;
        for (size_t i = 0; i < 64; i++)
            t->kbuckets[i] = NO_ROW;
    }
    uint32_t h = jx_csv_hash(name, name_n) & (uint32_t)(t->nkbuckets - 1);
    for (uint32_t i = t->kbuckets[h]; i != NO_ROW; i = t->known[i].next) {
        const jx_indrows_known *k = &t->known[i];
        if (k->name_n == name_n && memcmp(k->name, name, name_n) == 0 && strcmp(k->org, org) == 0 &&
            strcmp(k->dept, dept) == 0)
            return (long)i;
    }
    if (t->nknown >= t->nkbuckets) { /* keep the load at most one: rehash into twice the buckets */
        size_t nb = t->nkbuckets * 2;
        uint32_t *b = jx_malloc(t->alloc, nb * sizeof *b);
        if (!b)
            return -1;
        for (size_t i = 0; i < nb; i++)
            b[i] = NO_ROW;
        for (size_t i = t->nknown; i-- > 0;) {
            uint32_t hh = jx_csv_hash(t->known[i].name, t->known[i].name_n) & (uint32_t)(nb - 1);
            t->known[i].next = b[hh];
            b[hh] = (uint32_t)i;
        }
        jx_free(t->alloc, t->kbuckets, t->nkbuckets * sizeof *t->kbuckets);
        t->kbuckets = b;
        t->nkbuckets = nb;
        h = jx_csv_hash(name, name_n) & (uint32_t)(nb - 1);
    }
    if (JX_GROW(t->alloc, t->known, t->known_cap, t->nknown + 1) != 0)
        return -1;
    jx_indrows_known *k = &t->known[t->nknown];
    k->name = jx_arena_strndup(&t->arena, name, name_n);
    k->org = jx_arena_strndup(&t->arena, org, strlen(org));
    k->dept = jx_arena_strndup(&t->arena, dept, strlen(dept));
    if (!k->name || !k->org || !k->dept)
        return -1;
    k->name_n = (uint32_t)name_n;
    k->folded = NULL;
    k->seen = false;
    k->next = t->kbuckets[h];
    t->kbuckets[h] = (uint32_t)t->nknown;
    return (long)t->nknown++;
}

int jx_indrows_know(jx_indrows *t, const jx_project *p)
{
    return known_find_add(t, p->name.s, p->name.n, p->org.s, p->dept.s) < 0 ? -1 : 0;
}

/* How a known project is told in a message: its 单位, else its 主管部门, else "未填单位". */
static const char *known_label(const jx_indrows_known *k)
{
    return *k->org ? k->org : *k->dept ? k->dept : "未填单位";
}

/*
 * Whether row r, which names project number self by name and fits it, may be applied
 * to it: not when another known project of that name fits the row as well (the row
 * cannot tell them apart: an error listing them, once) or the row was applied to
 * another project already.
 */
static bool row_is_for(jx_indrows *t, jx_indrows_row *r, uint32_t self)
{
    const jx_indrows_known *me = &t->known[self];
    if (r->owner && r->owner != self + 1) {
        if (!r->reported) {
            const jx_indrows_known *o = &t->known[r->owner - 1];
            jx_indrows_cell c = jx_indrows_cell_of(r, JX_INDROWS_PROJECT);
            jx_indrows_diag(t, JX_SEV_ERROR, r, jx_indrows_cell_pos(r, c),
                            "第 %u 行（项目“%s”）已用于单位“%s”的同名项目，又对应单位“%s”的项目；请填写“单位”列加以区分",
                            (unsigned)r->line, me->name, known_label(o), known_label(me));
            r->reported = 1;
        }
        return false;
    }
    size_t fits = 0;
    uint32_t fit[8]; /* the first of them, listed in the order they became known */
    uint32_t h = jx_csv_hash(me->name, me->name_n) & (uint32_t)(t->nkbuckets - 1);
    for (uint32_t i = t->kbuckets[h]; i != NO_ROW; i = t->known[i].next) {
        const jx_indrows_known *k = &t->known[i];
        if (k->name_n != me->name_n || memcmp(k->name, me->name, me->name_n) != 0 || !row_fits(t, r, k->org, k->dept))
            continue;
        if (fits < 8) {
            size_t j = fits; /* the chain runs newest first: keep fit[] ascending */
            while (j > 0 && fit[j - 1] > i) {
                fit[j] = fit[j - 1];
                j--;
            }
            fit[j] = i;
        }
        fits++;
    }
    char list[600];
    size_t o = 0;
    list[0] = '\0';
    for (size_t j = 0; j < fits && j < 8 && o < sizeof list - 100; j++) {
        int w = snprintf(list + o, sizeof list - o, "%s“%s”", j ? "、" : "", known_label(&t->known[fit[j]]));
        if (w > 0 && (size_t)w < sizeof list - o)
            o += (size_t)w;
    }
    if (fits <= 1)
        return true;
    if (!r->reported) {
        jx_indrows_cell c = jx_indrows_cell_of(r, JX_INDROWS_PROJECT);
        jx_indrows_diag(t, JX_SEV_ERROR, r, jx_indrows_cell_pos(r, c),
                        "第 %u 行的项目“%s”有 %zu 个同名项目（单位 %s），这一行没有说明是哪一个，未采用；请填写“单位”或“主管部门”列",
                        (unsigned)r->line, me->name, fits, list);
        r->reported = 1;
    }
    return false;
}

/* ------------------------------------------------------------- matching */

/* Does the row name this indicator? Empty 一级/二级 cells match any group. */
static bool row_matches(const jx_indrows_row *r, const jx_indicator *ind)
{
    if (!jx_indrows_cell_eq(jx_indrows_cell_of(r, JX_INDROWS_L3), ind->name.s, ind->name.n))
        return false;
    if (jx_indrows_cell_of(r, JX_INDROWS_L1).n) {
        const char *l1 = jx_indicator_level1(ind);
        if (!jx_indrows_cell_eq(jx_indrows_cell_of(r, JX_INDROWS_L1), l1, strlen(l1)))
            return false;
    }
    if (jx_indrows_cell_of(r, JX_INDROWS_L2).n) {
        const char *l2 = jx_indicator_level2(ind);
        if (!jx_indrows_cell_eq(jx_indrows_cell_of(r, JX_INDROWS_L2), l2, strlen(l2)))
            return false;
    }
    return true;
}

jx_result jx_indrows_match(jx_indrows *t, jx_project *p, jx_indrows_fn fn, void *ud)
{
    long self = known_find_add(t, p->name.s, p->name.n, p->org.s, p->dept.s);
    if (self < 0)
        return JX_ERR_NOMEM;
    t->known[self].seen = true;
    if (t->nbuckets == 0)
        return t->diags.errors ? JX_ERR_INPUT : JX_OK;
    jx_result rc = JX_OK;
    uint32_t h = jx_csv_hash(p->name.s, p->name.n) & (uint32_t)(t->nbuckets - 1);
    for (uint32_t ri = t->buckets[h]; ri != NO_ROW; ri = t->rows[ri].next) {
        jx_indrows_row *r = &t->rows[ri];
        if (!jx_indrows_cell_eq(jx_indrows_cell_of(r, JX_INDROWS_PROJECT), p->name.s, p->name.n) ||
            !row_fits(t, r, p->org.s, p->dept.s))
            continue;
        if (jx_indrows_cell_of(r, JX_INDROWS_L3).n == 0) { /* a project row (keep_row kept it for its project columns) */
            assert(fills_project_column(t->spec, r));
            if (!row_is_for(t, r, (uint32_t)self)) {
                rc = JX_ERR_INPUT;
                continue;
            }
            r->matched++;
            r->owner = (uint32_t)self + 1;
            jx_result frc = fn(ud, p, r, NULL);
            if (frc == JX_ERR_NOMEM)
                return frc;
            if (frc != JX_OK)
                rc = frc;
            continue;
        }
        size_t found = 0;
        jx_indicator *hit = NULL;
        for (size_t i = 0; i < p->ninds; i++)
            if (row_matches(r, &p->inds[i])) {
                if (!hit)
                    hit = &p->inds[i];
                found++;
            }
        if (found == 0)
            continue;
        if (!row_is_for(t, r, (uint32_t)self)) {
            rc = JX_ERR_INPUT;
            continue;
        }
        if (found > 1) {
            if (!r->reported) {
                jx_indrows_cell c = jx_indrows_cell_of(r, JX_INDROWS_L3);
                jx_indrows_diag(t, JX_SEV_ERROR, r, jx_indrows_cell_pos(r, c),
                                "第 %u 行（项目“%s”，指标“%.*s”）对应 %zu 个指标，请填写一级指标、二级指标加以区分",
                                (unsigned)r->line, p->name.s, (int)c.n, c.s, found);
                r->reported = 1;
            }
            rc = JX_ERR_INPUT;
            continue;
        }
        r->matched++;
        r->owner = (uint32_t)self + 1;
        jx_result frc = fn(ud, p, r, hit);
        if (frc == JX_ERR_NOMEM)
            return frc;
        if (frc != JX_OK)
            rc = frc;
    }
    return rc;
}

/* ------------------------------------------------------------ finishing */

/* The seen project row r names (by name, fitting its 单位 and 主管部门), or NULL. */
static const jx_indrows_known *seen_project(jx_indrows *t, const jx_indrows_row *r)
{
    if (t->nkbuckets == 0)
        return NULL;
    jx_indrows_cell c = jx_indrows_cell_of(r, JX_INDROWS_PROJECT);
    uint32_t h = jx_csv_hash(c.s, c.n) & (uint32_t)(t->nkbuckets - 1);
    for (uint32_t i = t->kbuckets[h]; i != NO_ROW; i = t->known[i].next) {
        const jx_indrows_known *k = &t->known[i];
        if (k->seen && jx_indrows_cell_eq(c, k->name, k->name_n) && row_fits(t, r, k->org, k->dept))
            return k;
    }
    return NULL;
}

/* A seen project whose name is the row's once both are folded (（）and (), blanks), or NULL. */
static const jx_indrows_known *near_project(jx_indrows *t, const jx_indrows_row *r)
{
    jx_indrows_cell c = jx_indrows_cell_of(r, JX_INDROWS_PROJECT);
    const char *want = fold_name(t, c.s, c.n);
    for (size_t i = 0; want && i < t->nknown; i++) {
        jx_indrows_known *k = &t->known[i];
        if (!k->seen)
            continue;
        if (!k->folded && !(k->folded = fold_name(t, k->name, k->name_n)))
            return NULL;
        if (strcmp(k->folded, want) == 0)
            return k;
    }
    return NULL;
}

/* True when row r fills a column past the ones that name its indicator: a row of a
 * template left as it was says nothing, and is passed over silently wherever it points. */
static bool row_has_data(const jx_indrows *t, const jx_indrows_row *r)
{
    for (size_t k = JX_INDROWS_L3 + 1; k < t->spec->ncolumns; k++)
        if (jx_indrows_cell_of(r, k).n)
            return true;
    return false;
}

/** The most project names the unused-rows warning lists. */
#define UNUSED_LISTED 3

jx_result jx_indrows_finish(jx_indrows *t)
{
    size_t unused = 0, listed = 0;
    char names[UNUSED_LISTED * 3 * UNUSED_NAME_BYTES];
    size_t o = 0;
    names[0] = '\0';
    const jx_indrows_row *first_unused = NULL;
    jx_indrows_cell listed_name[UNUSED_LISTED]; /* the names in names */
    for (size_t i = 0; i < t->nrows; i++) {
        jx_indrows_row *r = &t->rows[i];
        if (r->matched || r->reported || !row_has_data(t, r))
            continue;
        jx_indrows_cell c = jx_indrows_cell_of(r, JX_INDROWS_L3);
        jx_indrows_cell pc = jx_indrows_cell_of(r, JX_INDROWS_PROJECT);
        r->reported = 1;
        if (c.n && seen_project(t, r)) { /* a project row of a seen project was matched */
            jx_indrows_diag(t, JX_SEV_ERROR, r, jx_indrows_cell_pos(r, c),
                            "第 %u 行（项目“%.*s”，指标“%.*s”）没有对应的指标", (unsigned)r->line, (int)pc.n, pc.s,
                            (int)c.n, c.s);
            continue;
        }
        const jx_indrows_known *near = near_project(t, r);
        if (near) {
            jx_indrows_diag(t, JX_SEV_ERROR, r, jx_indrows_cell_pos(r, pc),
                            "第 %u 行的项目“%.*s”没有对应的项目；是否是“%s”？（括号、空格写法不同）", (unsigned)r->line,
                            (int)pc.n, pc.s, near->name);
            continue;
        }
        /* a project not being scored: counted, its name listed among the first few */
        if (unused++ == 0)
            first_unused = r;
        bool again = false;
        for (size_t j = 0; j < listed && j < UNUSED_LISTED; j++)
            again = again || jx_indrows_cell_eq(listed_name[j], pc.s, pc.n);
        if (again)
            continue;
        if (listed < UNUSED_LISTED) {
            const char *q = jx_diag_quote(&t->arena, pc.s, pc.n); /* a long name cut whole characters at a time */
            if (!q)
                return JX_ERR_NOMEM;
            int w = snprintf(names + o, sizeof names - o, "%s“%s”", listed ? "、" : "", q);
            if (w > 0 && (size_t)w < sizeof names - o)
                o += (size_t)w;
            else
                names[o] = '\0'; /* never a name cut inside a character */
            listed_name[listed++] = pc;
        } else if (listed == UNUSED_LISTED) {
            snprintf(names + o, sizeof names - o, "等");
            listed++;
        }
    }
    if (unused) {
        jx_pos at = jx_indrows_cell_pos(first_unused, jx_indrows_cell_of(first_unused, JX_INDROWS_PROJECT));
        jx_diags_add(&t->diags, &t->arena, JX_SEV_WARNING, t->spec->unused_code, src_of(t, first_unused), at,
                     "%s中有 %zu 行所属的项目不在本次计分的项目中，未使用：%s", t->spec->what, unused, names);
    }
    return t->diags.errors ? JX_ERR_INPUT : JX_OK;
}

/* "实际完成值", or for a workbook "实际完成值（F5 单元格）": how a message names cell c of row r. */
static const char *column_label(jx_indrows *t, const jx_indrows_row *r, jx_indrows_cell c)
{
    int k = -1;
    for (size_t i = 0; i < t->spec->ncolumns; i++)
        if (jx_indrows_cell_of(r, i).s == c.s && jx_indrows_cell_of(r, i).n == c.n)
            k = (int)i;
    const char *name = k >= 0 ? t->spec->columns[k] : "单元格";
    if (!t->table || jx_table_get_kind(t->table) == JX_TABLE_TEXT)
        return name;
    char letters[8];
    const char *l = jx_arena_printf(&t->arena, "%s（%s%u 单元格）", name, jx_table_col_letters(c.col, letters),
                                    (unsigned)r->line);
    return l ? l : name;
}

/*
 * The text of a number cell as the forms show it: its thousands separators (, and ，
 * between digits) dropped, so "1,200" typed in a CSV shows as 1200, as the same number
 * stored in a workbook does. text (the cell copied) is kept when there are none.
 */
static jx_str ungrouped(jx_project *p, const char *s, size_t n, jx_str text)
{
    if (!memchr(s, ',', n) && !memmem(s, n, "\xEF\xBC\x8C", 3))
        return text;
    char buf[256];
    if (n > sizeof buf)
        return text;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        size_t w = s[i] == ',' ? 1 : (i + 3 <= n && memcmp(s + i, "\xEF\xBC\x8C", 3) == 0) ? 3 : 0;
        if (w && o > 0 && i + w < n) {
            unsigned char before = (unsigned char)buf[o - 1], after = (unsigned char)s[i + w];
            /* ASCII digits, or the last byte of a full-width one (０–９: EF BC 90–99) */
            bool digit_before = (before >= '0' && before <= '9') || (o >= 3 && (unsigned char)buf[o - 3] == 0xEF &&
                                                                      (unsigned char)buf[o - 2] == 0xBC &&
                                                                      before >= 0x90 && before <= 0x99);
            bool digit_after = (after >= '0' && after <= '9') || after == 0xEF;
            if (digit_before && digit_after) {
                i += w - 1;
                continue;
            }
        }
        buf[o++] = s[i];
    }
    return jx_project_str(p, buf, o);
}

jx_result jx_indrows_actual(jx_indrows *t, jx_project *p, const jx_indicator *ind, const jx_indrows_row *r,
                            jx_indrows_cell c, jx_value *out, bool *had_sign)
{
    jx_value v;
    memset(&v, 0, sizeof v);
    v.present = true;
    v.pos = ind->pos;
    v.text = jx_project_str(p, c.s, c.n);
    v.unit = jx_str_empty;
    *had_sign = false;
    bool qualitative = jx_indicator_qualitative(ind);
    if (qualitative) {
        v.is_text = true;
    } else {
        if (!t->vr && !(t->vr = jx_value_reader_create(t->alloc)))
            return JX_ERR_NOMEM;
        const char *detail = NULL;
        jx_value_status st = jx_value_read(t->vr, &p->arena, c.s, c.n, &v, &detail);
        if (st == JX_VALUE_NOMEM)
            return JX_ERR_NOMEM;
        if (st != JX_VALUE_OK && jx_value_detail_is_bad_grouping(detail)) {
            jx_indrows_diag(t, JX_SEV_ERROR, r, jx_indrows_cell_pos(r, c), "第 %u 行（项目“%s”，指标“%s”）的%s：%s",
                            (unsigned)r->line, p->name.s, ind->name.s, column_label(t, r, c), detail);
            return JX_ERR_INPUT;
        }
        if (st != JX_VALUE_OK) {
            /* words, not a number: the evaluator scores it as a text actual */
            v.is_text = true;
            v.sign = JX_SIGN_NONE;
            v.percent = false;
            v.unit = jx_str_empty;
        } else {
            v.is_text = false;
            v.text = ungrouped(p, c.s, c.n, v.text);
            if (v.unit.n == 0 && !v.percent)
                v.unit = ind->target.unit;
            if (v.sign != JX_SIGN_NONE) {
                *had_sign = true;
                v.sign = JX_SIGN_NONE;
            }
        }
    }
    *out = v;
    return JX_OK;
}

bool jx_indrows_number(jx_indrows *t, const jx_project *p, const jx_indicator *ind, const jx_indrows_row *r,
                       int column, jx_indrows_cell c, jx_dec *out)
{
    const char *why = NULL;
    if (jx_value_read_plain_number(c.s, c.n, out, &why) == JX_VALUE_OK)
        return true;
    (void)column;
    jx_indrows_diag(t, JX_SEV_ERROR, r, jx_indrows_cell_pos(r, c), "第 %u 行（项目“%s”，指标“%s”）的%s“%.*s”%s",
                    (unsigned)r->line, p->name.s, ind->name.s, column_label(t, r, c), (int)c.n, c.s, why);
    return false;
}

const char *jx_indrows_value_text(jx_indrows *t, const jx_value *v)
{
    char num[JX_DEC_BUFSZ];
    jx_dec_format(v->num, num, sizeof num);
    if (v->percent)
        return jx_arena_printf(&t->arena, "%s%%", num);
    return jx_arena_printf(&t->arena, "%s%s%s", num, v->unit.n ? " " : "", v->unit.s);
}
