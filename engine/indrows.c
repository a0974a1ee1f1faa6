/* indrows.c — CSV rows naming indicators: loading, the header, the index by project,
 * matching rows to a project's indicators, and the rows that matched nothing. */
#include "indrows.h"

#include "alloc.h"
#include "csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define NO_ROW UINT32_MAX

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
    jx_free(a, t->text, t->text_cap);
    jx_arena_free(&t->arena);
    jx_diags_free(&t->diags);
    jx_value_reader_destroy(t->vr);
    t->vr = NULL;
    t->buckets = NULL;
    t->rows = NULL;
    t->text = NULL;
    t->nbuckets = t->nrows = t->rows_cap = t->text_cap = 0;
}

bool jx_indrows_cell_eq(jx_indrows_cell c, const char *s, size_t n)
{
    return c.n == n && memcmp(c.s, s, n) == 0;
}

/* A field trimmed of ASCII blanks at both ends. */
static jx_indrows_cell make_cell(const jx_csv_field *f)
{
    const char *s = f->s;
    size_t n = f->n;
    uint32_t col = f->col;
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
        col++;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    jx_indrows_cell c = {s, (uint32_t)n, col, f->off};
    return c;
}

/* The position line:col at byte off, width characters wide (at least one). */
static jx_pos pos_of(uint32_t line, uint32_t col, uint32_t off, uint32_t width)
{
    jx_pos p = {off, line, col, width ? width : 1};
    return p;
}

jx_pos jx_indrows_cell_pos(const jx_indrows_row *r, jx_indrows_cell c)
{
    return pos_of(r->line, c.col, c.off, jx_utf8_count(c.s, c.n));
}

jx_diag *jx_indrows_diag(jx_indrows *t, jx_severity sev, jx_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    jx_diag *d = jx_diags_vadd(&t->diags, &t->arena, sev, t->spec->code, &t->src, pos, fmt, ap);
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
    jx_diags_vadd(&t->diags, &t->arena, JX_SEV_ERROR, t->spec->code, &t->src, none, fmt, ap);
    va_end(ap);
}

/* Names the sheet after path (copied into the arena). */
static jx_result set_name(jx_indrows *t, const char *name)
{
    const char *file = jx_arena_strndup(&t->arena, name, strlen(name));
    if (!file)
        return JX_ERR_NOMEM;
    t->src.file = file;
    return JX_OK;
}

/* Makes room for len bytes and a NUL in t->text. */
static jx_result text_room(jx_indrows *t, size_t need)
{
    if (t->text_cap >= need)
        return JX_OK;
    size_t ncap = t->text_cap ? t->text_cap : 65536;
    while (ncap < need)
        ncap *= 2;
    char *nt = jx_realloc(t->alloc, t->text, t->text_cap, ncap);
    if (!nt)
        return JX_ERR_NOMEM;
    t->text = nt;
    t->text_cap = ncap;
    return JX_OK;
}

/* Reads the whole file into t->text. */
static jx_result read_file(jx_indrows *t, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        file_error(t, "无法打开%s：%s", t->spec->what, strerror(errno));
        return JX_ERR_IO;
    }
    size_t len = 0;
    for (;;) {
        if (t->text_cap - len < 4096 && text_room(t, t->text_cap ? t->text_cap * 2 : 65536) != JX_OK) {
            fclose(f);
            return JX_ERR_NOMEM;
        }
        size_t k = fread(t->text + len, 1, t->text_cap - len - 1, f);
        len += k;
        if (k == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        file_error(t, "读取%s失败", t->spec->what);
        return JX_ERR_IO;
    }
    t->text[len] = '\0';
    t->src.text = t->text;
    t->src.len = len;
    return JX_OK;
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
        jx_indrows_cell c = r->cell[JX_INDROWS_PROJECT];
        uint32_t h = jx_csv_hash(c.s, c.n) & (uint32_t)(nb - 1);
        r->next = t->buckets[h];
        t->buckets[h] = (uint32_t)i;
    }
    return JX_OK;
}

/* Maps the header's fields to the spec's columns; reports the required ones missing. */
static jx_result read_header(jx_indrows *t, const jx_csv *csv, int *colmap, size_t nmapped)
{
    const jx_indrows_spec *spec = t->spec;
    for (size_t i = 0; i < nmapped; i++) {
        jx_indrows_cell c = make_cell(&csv->fields[i]);
        colmap[i] = -1;
        for (size_t k = 0; k < spec->ncolumns; k++)
            if (!t->seen[k] && jx_indrows_cell_eq(c, spec->columns[k], strlen(spec->columns[k]))) {
                colmap[i] = (int)k;
                t->seen[k] = true;
            }
    }
    jx_result rc = JX_OK;
    for (size_t k = 0; k < spec->nrequired; k++)
        if (!t->seen[spec->required[k]]) {
            jx_pos at = pos_of(csv->rec_line, 1, (uint32_t)csv->rec_off, 1);
            jx_indrows_diag(t, JX_SEV_ERROR, at, "表头缺少“%s”列", spec->columns[spec->required[k]]);
            rc = JX_ERR_INPUT;
        }
    return rc;
}

/* Reads the header and the rows of the loaded text, then indexes them. */
static jx_result parse_rows(jx_indrows *t)
{
    const jx_indrows_spec *spec = t->spec;
    jx_csv csv;
    jx_csv_init(&csv, t->text, t->src.len, t->alloc, &t->arena);
    int colmap[64]; /* field index → column, -1 for columns the sheet ignores */
    size_t nmapped = 0;
    jx_result rc = JX_OK;
    jx_csv_status st = jx_csv_next(&csv);
    if (st == JX_CSV_END) {
        file_error(t, "%s是空的，缺少表头（%s）", spec->what, spec->header_hint);
        jx_csv_free(&csv);
        return JX_ERR_INPUT;
    }
    if (st == JX_CSV_ROW) {
        nmapped = csv.nfields < 64 ? csv.nfields : 64;
        t->header_read = true;
        rc = read_header(t, &csv, colmap, nmapped);
        if (rc != JX_OK) {
            jx_csv_free(&csv);
            return rc;
        }
        st = jx_csv_next(&csv);
    }
    for (; st == JX_CSV_ROW; st = jx_csv_next(&csv)) {
        if (JX_GROW(t->alloc, t->rows, t->rows_cap, t->nrows + 1) != 0) {
            jx_csv_free(&csv);
            return JX_ERR_NOMEM;
        }
        jx_indrows_row *r = &t->rows[t->nrows];
        memset(r, 0, sizeof *r);
        for (size_t k = 0; k < spec->ncolumns; k++) {
            r->cell[k].s = "";
            r->cell[k].col = 1;
            r->cell[k].off = (uint32_t)csv.rec_off;
        }
        for (size_t i = 0; i < csv.nfields && i < nmapped; i++)
            if (colmap[i] >= 0)
                r->cell[colmap[i]] = make_cell(&csv.fields[i]);
        r->line = csv.rec_line;
        r->off = (uint32_t)csv.rec_off;
        bool blank = true; /* a row of empty cells (",,,") is skipped like a blank line */
        for (size_t k = 0; k < spec->ncolumns; k++)
            if (r->cell[k].n)
                blank = false;
        if (blank)
            continue;
        if (r->cell[JX_INDROWS_PROJECT].n == 0 || r->cell[JX_INDROWS_L3].n == 0) {
            jx_pos at = pos_of(r->line, 1, r->off, 1);
            jx_indrows_diag(t, JX_SEV_ERROR, at, "第 %u 行缺少%s", (unsigned)r->line,
                            r->cell[JX_INDROWS_PROJECT].n == 0 ? "项目名称" : "三级指标名称");
            rc = JX_ERR_INPUT;
            continue;
        }
        t->nrows++;
    }
    if (st == JX_CSV_ERROR) {
        jx_pos at = pos_of(csv.err_line, csv.err_col, (uint32_t)csv.rec_off, 1);
        jx_indrows_diag(t, JX_SEV_ERROR, at, "第 %u 行：%s", (unsigned)csv.err_line, csv.error);
        rc = JX_ERR_INPUT;
    } else if (st == JX_CSV_NOMEM) {
        rc = JX_ERR_NOMEM;
    }
    jx_csv_free(&csv);
    if (rc == JX_ERR_NOMEM)
        return rc;
    jx_result irc = index_rows(t);
    return irc != JX_OK ? irc : rc;
}

jx_result jx_indrows_load_file(jx_indrows *t, const char *path)
{
    jx_result rc = set_name(t, path);
    if (rc == JX_OK)
        rc = read_file(t, path);
    return rc == JX_OK ? parse_rows(t) : rc;
}

jx_result jx_indrows_load_memory(jx_indrows *t, const char *file_name, const char *data, size_t len)
{
    jx_result rc = set_name(t, file_name);
    if (rc == JX_OK)
        rc = text_room(t, len + 1);
    if (rc != JX_OK)
        return rc;
    if (len)
        memcpy(t->text, data, len);
    t->text[len] = '\0';
    t->src.text = t->text;
    t->src.len = len;
    return parse_rows(t);
}

/* Does the row name this indicator? Empty 一级/二级 cells match any group. */
static bool row_matches(const jx_indrows_row *r, const jx_indicator *ind)
{
    if (!jx_indrows_cell_eq(r->cell[JX_INDROWS_L3], ind->name.s, ind->name.n))
        return false;
    if (r->cell[JX_INDROWS_L1].n) {
        const char *l1 = jx_indicator_level1(ind);
        if (!jx_indrows_cell_eq(r->cell[JX_INDROWS_L1], l1, strlen(l1)))
            return false;
    }
    if (r->cell[JX_INDROWS_L2].n) {
        const char *l2 = jx_indicator_level2(ind);
        if (!jx_indrows_cell_eq(r->cell[JX_INDROWS_L2], l2, strlen(l2)))
            return false;
    }
    return true;
}

jx_result jx_indrows_match(jx_indrows *t, jx_project *p, jx_indrows_fn fn, void *ud)
{
    if (t->nbuckets == 0)
        return t->diags.errors ? JX_ERR_INPUT : JX_OK;
    jx_result rc = JX_OK;
    uint32_t h = jx_csv_hash(p->name.s, p->name.n) & (uint32_t)(t->nbuckets - 1);
    for (uint32_t ri = t->buckets[h]; ri != NO_ROW; ri = t->rows[ri].next) {
        jx_indrows_row *r = &t->rows[ri];
        if (!jx_indrows_cell_eq(r->cell[JX_INDROWS_PROJECT], p->name.s, p->name.n))
            continue;
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
        if (found > 1) {
            if (!r->reported) {
                jx_indrows_cell c = r->cell[JX_INDROWS_L3];
                jx_indrows_diag(t, JX_SEV_ERROR, jx_indrows_cell_pos(r, c),
                                "第 %u 行（项目“%s”，指标“%.*s”）对应 %zu 个指标，请填写一级指标、二级指标加以区分",
                                (unsigned)r->line, p->name.s, (int)c.n, c.s, found);
                r->reported = 1;
            }
            rc = JX_ERR_INPUT;
            continue;
        }
        r->matched++;
        jx_result frc = fn(ud, p, r, hit);
        if (frc == JX_ERR_NOMEM)
            return frc;
        if (frc != JX_OK)
            rc = frc;
    }
    return rc;
}

jx_result jx_indrows_finish(jx_indrows *t)
{
    for (size_t i = 0; i < t->nrows; i++) {
        jx_indrows_row *r = &t->rows[i];
        if (r->matched || r->reported)
            continue;
        jx_indrows_cell c = r->cell[JX_INDROWS_L3];
        jx_indrows_cell pc = r->cell[JX_INDROWS_PROJECT];
        jx_indrows_diag(t, JX_SEV_ERROR, jx_indrows_cell_pos(r, c), "第 %u 行（项目“%.*s”，指标“%.*s”）没有对应的指标",
                        (unsigned)r->line, (int)pc.n, pc.s, (int)c.n, c.s);
        r->reported = 1;
    }
    return t->diags.errors ? JX_ERR_INPUT : JX_OK;
}

jx_result jx_indrows_actual(jx_indrows *t, jx_project *p, const jx_indicator *ind, jx_indrows_cell c,
                            jx_value *out, bool *had_sign)
{
    jx_value v;
    memset(&v, 0, sizeof v);
    v.present = true;
    v.pos = ind->pos;
    v.text = jx_project_str(p, c.s, c.n);
    v.unit = jx_str_empty;
    *had_sign = false;
    bool qualitative = ind->target.sign == JX_SIGN_QUAL || ind->target.is_text;
    if (qualitative) {
        v.is_text = true;
    } else {
        if (!t->vr && !(t->vr = jx_value_reader_create(t->alloc)))
            return JX_ERR_NOMEM;
        const char *detail = NULL;
        jx_value_status st = jx_value_read(t->vr, &p->arena, c.s, c.n, &v, &detail);
        if (st == JX_VALUE_NOMEM)
            return JX_ERR_NOMEM;
        if (st != JX_VALUE_OK) {
            /* words, not a number: the evaluator scores it as a text actual */
            v.is_text = true;
            v.sign = JX_SIGN_NONE;
            v.percent = false;
            v.unit = jx_str_empty;
        } else {
            v.is_text = false;
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

const char *jx_indrows_value_text(jx_indrows *t, const jx_value *v)
{
    char num[JX_DEC_BUFSZ];
    jx_dec_format(v->num, num, sizeof num);
    if (v->percent)
        return jx_arena_printf(&t->arena, "%s%%", num);
    return jx_arena_printf(&t->arena, "%s%s%s", num, v->unit.n ? " " : "", v->unit.s);
}
