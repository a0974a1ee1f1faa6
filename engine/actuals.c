/* actuals.c — 实际完成值 read from a CSV file and applied to projects as they stream.
 *
 * The whole file is loaded once; its rows are kept as slices of it (or of the arena,
 * for fields with doubled quotes) and indexed by project name in a hash table, so
 * applying them to a project costs one lookup and a pass over its indicators.
 */
#include "model.h"

#include "alloc.h"
#include "csv.h"
#include "value.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/** The columns the header may name. */
enum {
    AC_PROJECT, AC_L1, AC_L2, AC_L3, AC_ACTUAL, AC_REASON, AC_JUDGE, AC_CLAIM, AC_NCOLS
};

static const char *const column_names[AC_NCOLS] = {
    "项目", "一级指标", "二级指标", "三级指标", "实际完成值", "偏差原因", "评定", "得分",
};

/** A slice of the loaded text (or of the arena). */
typedef struct act_cell {
    const char *s; /* bytes, not NUL-terminated */
    uint32_t n;    /* length */
    uint32_t col;  /* 1-based column of the cell, for diagnostics */
    uint32_t off;  /* byte offset of the cell in the file */
} act_cell;

/** One data row of the file. */
typedef struct act_row {
    act_cell cell[AC_NCOLS]; /* the cells of the known columns ("" when absent) */
    uint32_t line;           /* the row's line */
    uint32_t off;            /* byte offset where the row starts */
    uint32_t next;           /* next row in the same hash bucket, UINT32_MAX at the end */
    uint32_t matched;        /* indicators it has filled */
    int reported;            /* an error about the row has been given */
} act_row;

struct jx_actuals {
    const jx_allocator *alloc; /* for the handle and its arrays */
    jx_arena arena;            /* strings and diagnostics */
    jx_diags diags;            /* errors (code "actuals") */
    jx_source src;             /* the file, so diagnostics can quote its lines */
    char *text;                /* the file's bytes */
    size_t text_cap;           /* allocated size of text */
    act_row *rows;             /* data rows in file order */
    size_t nrows, rows_cap;    /* how many, capacity */
    uint32_t *buckets;         /* hash of project name → first row, UINT32_MAX when empty */
    size_t nbuckets;           /* a power of two */
    jx_value_reader *vr;       /* reads actual texts */
};

#define NO_ROW UINT32_MAX

static int cell_eq(act_cell c, const char *s, size_t n)
{
    return c.n == n && memcmp(c.s, s, n) == 0;
}

/* Trims ASCII blanks around a field. */
static act_cell make_cell(const jx_csv_field *f)
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
    act_cell c = {s, (uint32_t)n, col, f->off};
    return c;
}

static jx_pos pos_of(uint32_t line, uint32_t col, uint32_t off, uint32_t width)
{
    jx_pos p = {off, line, col, width ? width : 1};
    return p;
}

/* Adds an error at a row's cell. */
#define ACT_ERROR(act, pos, ...) \
    jx_diags_add(&(act)->diags, &(act)->arena, JX_SEV_ERROR, "actuals", &(act)->src, (pos), __VA_ARGS__)

static jx_result load_file(jx_actuals *act, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        jx_pos none = {0, 0, 0, 1};
        ACT_ERROR(act, none, "无法打开实际完成值文件：%s", strerror(errno));
        return JX_ERR_IO;
    }
    size_t len = 0;
    for (;;) {
        if (act->text_cap - len < 4096) {
            size_t ncap = act->text_cap ? act->text_cap * 2 : 65536;
            char *nt = jx_realloc(act->alloc, act->text, act->text_cap, ncap);
            if (!nt) {
                fclose(f);
                return JX_ERR_NOMEM;
            }
            act->text = nt;
            act->text_cap = ncap;
        }
        size_t k = fread(act->text + len, 1, act->text_cap - len - 1, f);
        len += k;
        if (k == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        jx_pos none = {0, 0, 0, 1};
        ACT_ERROR(act, none, "读取实际完成值文件失败");
        return JX_ERR_IO;
    }
    act->text[len] = '\0';
    act->src.text = act->text;
    act->src.len = len;
    return JX_OK;
}

static jx_result index_rows(jx_actuals *act)
{
    size_t nb = 16;
    while (nb < act->nrows * 2)
        nb *= 2;
    act->buckets = jx_malloc(act->alloc, nb * sizeof *act->buckets);
    if (!act->buckets)
        return JX_ERR_NOMEM;
    act->nbuckets = nb;
    for (size_t i = 0; i < nb; i++)
        act->buckets[i] = NO_ROW;
    /* insert backwards so each chain runs in file order */
    for (size_t i = act->nrows; i-- > 0;) {
        act_row *r = &act->rows[i];
        uint32_t h = jx_csv_hash(r->cell[AC_PROJECT].s, r->cell[AC_PROJECT].n) & (uint32_t)(nb - 1);
        r->next = act->buckets[h];
        act->buckets[h] = (uint32_t)i;
    }
    return JX_OK;
}

static jx_result parse_rows(jx_actuals *act)
{
    jx_csv csv;
    jx_csv_init(&csv, act->text, act->src.len, act->alloc, &act->arena);
    int colmap[64]; /* field index → column, -1 for columns we ignore */
    size_t nmapped = 0;
    jx_result rc = JX_OK;
    jx_csv_status st = jx_csv_next(&csv);
    if (st == JX_CSV_END) {
        jx_pos none = {0, 0, 0, 1};
        ACT_ERROR(act, none, "实际完成值文件是空的，缺少表头（项目、三级指标、实际完成值）");
        jx_csv_free(&csv);
        return JX_ERR_INPUT;
    }
    if (st == JX_CSV_ROW) {
        int seen[AC_NCOLS] = {0};
        nmapped = csv.nfields < 64 ? csv.nfields : 64;
        for (size_t i = 0; i < nmapped; i++) {
            act_cell c = make_cell(&csv.fields[i]);
            colmap[i] = -1;
            for (int k = 0; k < AC_NCOLS; k++)
                if (!seen[k] && cell_eq(c, column_names[k], strlen(column_names[k]))) {
                    colmap[i] = k;
                    seen[k] = 1;
                }
        }
        static const int required[] = {AC_PROJECT, AC_L3, AC_ACTUAL};
        for (size_t k = 0; k < sizeof required / sizeof *required; k++)
            if (!seen[required[k]]) {
                jx_pos at = pos_of(csv.rec_line, 1, (uint32_t)csv.rec_off, 1);
                ACT_ERROR(act, at, "表头缺少“%s”列", column_names[required[k]]);
                rc = JX_ERR_INPUT;
            }
        if (rc != JX_OK) {
            jx_csv_free(&csv);
            return rc;
        }
        st = jx_csv_next(&csv);
    }
    for (; st == JX_CSV_ROW; st = jx_csv_next(&csv)) {
        if (JX_GROW(act->alloc, act->rows, act->rows_cap, act->nrows + 1) != 0) {
            jx_csv_free(&csv);
            return JX_ERR_NOMEM;
        }
        act_row *r = &act->rows[act->nrows];
        memset(r, 0, sizeof *r);
        for (int k = 0; k < AC_NCOLS; k++) {
            r->cell[k].s = "";
            r->cell[k].col = 1;
            r->cell[k].off = (uint32_t)csv.rec_off;
        }
        for (size_t i = 0; i < csv.nfields && i < nmapped; i++)
            if (colmap[i] >= 0)
                r->cell[colmap[i]] = make_cell(&csv.fields[i]);
        r->line = csv.rec_line;
        r->off = (uint32_t)csv.rec_off;
        int blank = 1; /* a row of empty cells (",,,") is skipped like a blank line */
        for (int k = 0; k < AC_NCOLS; k++)
            if (r->cell[k].n)
                blank = 0;
        if (blank)
            continue;
        if (r->cell[AC_PROJECT].n == 0 || r->cell[AC_L3].n == 0) {
            jx_pos at = pos_of(r->line, 1, r->off, 1);
            ACT_ERROR(act, at, "第 %u 行缺少%s", (unsigned)r->line,
                      r->cell[AC_PROJECT].n == 0 ? "项目名称" : "三级指标名称");
            rc = JX_ERR_INPUT;
            continue;
        }
        act->nrows++;
    }
    if (st == JX_CSV_ERROR) {
        jx_pos at = pos_of(csv.err_line, csv.err_col, (uint32_t)csv.rec_off, 1);
        ACT_ERROR(act, at, "第 %u 行：%s", (unsigned)csv.err_line, csv.error);
        rc = JX_ERR_INPUT;
    } else if (st == JX_CSV_NOMEM) {
        rc = JX_ERR_NOMEM;
    }
    jx_csv_free(&csv);
    if (rc == JX_ERR_NOMEM)
        return rc;
    jx_result irc = index_rows(act);
    return irc != JX_OK ? irc : rc;
}

jx_result jx_actuals_open(jx_actuals **out, const char *path, const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!path)
        return JX_ERR_USAGE;
    const jx_allocator *a = jx_alloc_or_default(alloc);
    jx_actuals *act = jx_calloc(a, sizeof *act);
    if (!act)
        return JX_ERR_NOMEM;
    act->alloc = a;
    jx_arena_init(&act->arena, a);
    jx_diags_init(&act->diags, a);
    *out = act;
    const char *file = jx_arena_strndup(&act->arena, path, strlen(path));
    if (!file)
        return JX_ERR_NOMEM;
    act->src.file = file;
    act->vr = jx_value_reader_create(a);
    if (!act->vr)
        return JX_ERR_NOMEM;
    jx_result rc = load_file(act, path);
    if (rc != JX_OK)
        return rc;
    return parse_rows(act);
}

void jx_actuals_close(jx_actuals *act)
{
    if (!act)
        return;
    const jx_allocator *a = act->alloc;
    jx_value_reader_destroy(act->vr);
    jx_free(a, act->buckets, act->nbuckets * sizeof *act->buckets);
    jx_free(a, act->rows, act->rows_cap * sizeof *act->rows);
    jx_free(a, act->text, act->text_cap);
    jx_arena_free(&act->arena);
    jx_diags_free(&act->diags);
    jx_free(a, act, sizeof *act);
}

/* Does the row name this indicator? Empty 一级/二级 cells match any group. */
static int row_matches(const act_row *r, const jx_indicator *ind)
{
    if (!cell_eq(r->cell[AC_L3], ind->name.s, ind->name.n))
        return 0;
    if (r->cell[AC_L1].n) {
        const char *l1 = jx_indicator_level1(ind);
        if (!cell_eq(r->cell[AC_L1], l1, strlen(l1)))
            return 0;
    }
    if (r->cell[AC_L2].n) {
        const char *l2 = jx_indicator_level2(ind);
        if (!cell_eq(r->cell[AC_L2], l2, strlen(l2)))
            return 0;
    }
    return 1;
}

/* Drops the parser's vague-actual warning about an actual the CSV replaces. */
static void drop_stale_warning(jx_project *p, const jx_value *old)
{
    if (!old->present || old->pos.line == 0)
        return;
    for (size_t i = 0; i < p->diags.n; i++) {
        jx_diag *d = &p->diags.v[i];
        if (strcmp(d->code, "vague-actual") == 0 && d->line == old->pos.line && d->column == old->pos.col) {
            if (d->severity == JX_SEV_WARNING)
                p->diags.warnings--;
            memmove(d, d + 1, (p->diags.n - i - 1) * sizeof *d);
            p->diags.n--;
            return;
        }
    }
}

static jx_result set_actual(jx_actuals *act, jx_project *p, jx_indicator *ind, const act_row *r)
{
    act_cell c = r->cell[AC_ACTUAL];
    jx_value v;
    memset(&v, 0, sizeof v);
    v.present = true;
    v.pos = ind->pos;
    v.text = jx_project_str(p, c.s, c.n);
    v.unit = jx_str_empty;
    bool qualitative = ind->target.sign == JX_SIGN_QUAL || ind->target.is_text;
    if (qualitative) {
        v.is_text = true;
    } else {
        const char *detail = NULL;
        jx_value_status st = jx_value_read(act->vr, &p->arena, c.s, c.n, &v, &detail);
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
                char num[JX_DEC_BUFSZ];
                jx_dec_format(v.num, num, sizeof num);
                jx_project_diag_add(p, JX_SEV_WARNING, "vague-actual", ind->pos,
                                    "指标“%s”的实际完成值“%s”带有计算符号，按 %s%s%s 计分（%s 第 %u 行）",
                                    ind->name.s, v.text.s, num, v.percent ? "%" : (v.unit.n ? " " : ""),
                                    v.percent ? "" : v.unit.s, act->src.file, (unsigned)r->line);
                v.sign = JX_SIGN_NONE;
            }
        }
    }
    drop_stale_warning(p, &ind->actual);
    ind->actual = v;
    ind->actual_from_csv = true;
    return JX_OK;
}

static jx_result apply_row(jx_actuals *act, jx_project *p, act_row *r, jx_indicator *ind)
{
    if (r->cell[AC_ACTUAL].n) {
        jx_result rc = set_actual(act, p, ind, r);
        if (rc != JX_OK)
            return rc;
    }
    if (r->cell[AC_REASON].n)
        ind->reason = jx_project_str(p, r->cell[AC_REASON].s, r->cell[AC_REASON].n);
    act_cell j = r->cell[AC_JUDGE];
    if (j.n) {
        if (cell_eq(j, "达成", strlen("达成")) || cell_eq(j, "met", 3))
            ind->judge = JX_JUDGE_MET;
        else if (cell_eq(j, "部分达成", strlen("部分达成")) || cell_eq(j, "partly", 6))
            ind->judge = JX_JUDGE_PARTLY;
        else if (cell_eq(j, "未达成", strlen("未达成")) || cell_eq(j, "unmet", 5))
            ind->judge = JX_JUDGE_UNMET;
        else {
            ACT_ERROR(act, pos_of(r->line, j.col, j.off, jx_utf8_count(j.s, j.n)),
                      "第 %u 行（项目“%s”，指标“%s”）的评定“%.*s”应为 达成、部分达成 或 未达成",
                      (unsigned)r->line, p->name.s, ind->name.s, (int)j.n, j.s);
            return JX_ERR_INPUT;
        }
    }
    act_cell s = r->cell[AC_CLAIM];
    if (s.n) {
        jx_dec d;
        if (jx_dec_parse(s.s, s.n, &d) != JX_DEC_OK) {
            ACT_ERROR(act, pos_of(r->line, s.col, s.off, jx_utf8_count(s.s, s.n)),
                      "第 %u 行（项目“%s”，指标“%s”）的得分“%.*s”不是数字", (unsigned)r->line,
                      p->name.s, ind->name.s, (int)s.n, s.s);
            return JX_ERR_INPUT;
        }
        ind->has_claim = true;
        ind->claim = d;
        ind->claim_pos = ind->pos;
    }
    return JX_OK;
}

jx_result jx_actuals_apply(jx_actuals *act, jx_project *p)
{
    if (!act || !p)
        return JX_ERR_USAGE;
    if (act->nbuckets == 0)
        return act->diags.errors ? JX_ERR_INPUT : JX_OK;
    jx_result rc = JX_OK;
    uint32_t h = jx_csv_hash(p->name.s, p->name.n) & (uint32_t)(act->nbuckets - 1);
    for (uint32_t ri = act->buckets[h]; ri != NO_ROW; ri = act->rows[ri].next) {
        act_row *r = &act->rows[ri];
        if (!cell_eq(r->cell[AC_PROJECT], p->name.s, p->name.n))
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
                act_cell c = r->cell[AC_L3];
                ACT_ERROR(act, pos_of(r->line, c.col, c.off, jx_utf8_count(c.s, c.n)),
                          "第 %u 行（项目“%s”，指标“%.*s”）对应 %zu 个指标，请填写一级指标、二级指标加以区分",
                          (unsigned)r->line, p->name.s, (int)c.n, c.s, found);
                r->reported = 1;
            }
            rc = JX_ERR_INPUT;
            continue;
        }
        r->matched++;
        jx_result arc = apply_row(act, p, r, hit);
        if (arc == JX_ERR_NOMEM)
            return arc;
        if (arc != JX_OK)
            rc = arc;
    }
    return rc;
}

jx_result jx_actuals_finish(jx_actuals *act)
{
    if (!act)
        return JX_ERR_USAGE;
    for (size_t i = 0; i < act->nrows; i++) {
        act_row *r = &act->rows[i];
        if (r->matched || r->reported)
            continue;
        act_cell c = r->cell[AC_L3];
        ACT_ERROR(act, pos_of(r->line, c.col, c.off, jx_utf8_count(c.s, c.n)),
                  "第 %u 行（项目“%.*s”，指标“%.*s”）没有对应的指标", (unsigned)r->line,
                  (int)r->cell[AC_PROJECT].n, r->cell[AC_PROJECT].s, (int)c.n, c.s);
        r->reported = 1;
    }
    return act->diags.errors ? JX_ERR_INPUT : JX_OK;
}

size_t jx_actuals_diag_count(const jx_actuals *act)
{
    return act ? act->diags.n : 0;
}

const jx_diag *jx_actuals_diag(const jx_actuals *act, size_t i)
{
    return act && i < act->diags.n ? &act->diags.v[i] : NULL;
}
