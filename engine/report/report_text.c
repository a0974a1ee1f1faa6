/* report_text.c — the 项目支出绩效自评表 as the form prints it, aligned by display width.
 *
 * Each table is built as rows of cells in the writer's scratch arena, measured in
 * terminal cells (CJK = 2, width.h), then printed with every column padded to its
 * widest cell. A cell the arena has no room for stands in as empty or as a dash: the
 * failed allocation fails the call (jx_out_result), so that output is never taken
 * for the whole form.
 */
#include "report.h"

#include "form.h"
#include "report_parts.h"
#include "width.h"

#include <stdint.h>
#include <string.h>

/** Columns of the indicator table. */
enum { COL_L1, COL_L2, COL_L3, COL_TARGET, COL_ACTUAL, COL_WEIGHT, COL_SCORE, COL_REASON, NCOLS };

static const char *const table_head[NCOLS] = {
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分", "偏差原因分析及改进措施",
};

/** Columns of the funds table. */
enum { FCOL_SOURCE, FCOL_INITIAL, FCOL_BUDGET, FCOL_SPENT, FCOL_RATE, NFCOLS };

static const char *const funds_head[NFCOLS] = {
    "资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率",
};

/** A cell: its bytes, and its size when known. */
typedef struct cell {
    const char *s;  /* the text, NUL-terminated */
    uint32_t len;   /* its length in bytes */
    uint32_t width; /* its width in terminal cells, CELL_UNMEASURED until measured */
} cell;

/** The width of a cell not measured yet. */
#define CELL_UNMEASURED UINT32_MAX

/**
 * A table of cells being laid out: rows of `ncols` cells in the scratch arena. When
 * the arena runs out the table takes no more rows and the writer has failed with
 * JX_ERR_NOMEM, so the part of the form it was to hold is never silently left out.
 */
typedef struct table {
    jx_writer *wr;       /* owner of the scratch arena */
    size_t ncols;        /* columns */
    cell *cells;         /* rows × ncols cells, row-major */
    size_t nrows;        /* rows filled */
    size_t cap;          /* rows allocated */
    int oom;             /* the arena ran out: the writer failed */
} table;

/* A cell of the NUL-terminated text s, measured when printed. */
static inline cell cell_of(const char *s)
{
    cell c = {s, (uint32_t)strlen(s), CELL_UNMEASURED};
    return c;
}

/* A cell of ASCII text s[0..n) (a number): as wide as it is long. */
static inline cell cell_ascii(const char *s, size_t n)
{
    cell c = {s, (uint32_t)n, (uint32_t)n};
    return c;
}

/* The empty cell. */
static const cell cell_empty = {"", 0, 0};

static void table_init(table *t, jx_writer *wr, size_t ncols, size_t rows_hint)
{
    t->wr = wr;
    t->ncols = ncols;
    t->nrows = 0;
    t->cap = rows_hint ? rows_hint : 8;
    t->oom = 0;
    t->cells = jx_arena_alloc(&wr->scratch, t->cap * ncols * sizeof *t->cells);
    if (!t->cells) {
        t->oom = 1;
        jx_scratch_fail(wr);
    }
}

/* A new row of empty cells; NULL when memory ran out. */
static cell *table_row(table *t)
{
    if (t->oom)
        return NULL;
    if (t->nrows == t->cap) {
        size_t ncap = t->cap * 2;
        cell *nc = jx_arena_alloc(&t->wr->scratch, ncap * t->ncols * sizeof *nc);
        if (!nc) {
            t->oom = 1;
            jx_scratch_fail(t->wr);
            return NULL;
        }
        memcpy(nc, t->cells, t->nrows * t->ncols * sizeof *nc);
        t->cells = nc;
        t->cap = ncap;
    }
    cell *row = t->cells + t->nrows * t->ncols;
    for (size_t i = 0; i < t->ncols; i++)
        row[i] = cell_empty;
    t->nrows++;
    return row;
}

/* Appends s[0..n) to the output, inline when the buffer has room. */
static inline void out_put(jx_writer *wr, const char *s, size_t n)
{
    if (wr->cap - wr->len >= n) {
        jx_copy_short(wr->buf + wr->len, s, n);
        wr->len += n;
    } else {
        jx_out_bytes(wr, s, n);
    }
}

/* Prints the rows with each column padded to its widest cell, two cells apart, with
 * `indent` spaces before each row; trailing blanks are not written. Each cell is
 * measured once. */
static void table_print(table *t, size_t indent)
{
    jx_writer *wr = t->wr;
    size_t widths[NCOLS] = {0}; /* NCOLS is the widest table */
    size_t ncells = t->nrows * t->ncols;
    for (size_t i = 0; i < ncells; i++) {
        cell *c = &t->cells[i];
        if (c->width == CELL_UNMEASURED)
            c->width = (uint32_t)jx_display_width(c->s, c->len);
        if (c->width > widths[i % t->ncols])
            widths[i % t->ncols] = c->width;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        const cell *row = t->cells + r * t->ncols;
        size_t last = t->ncols;
        while (last > 0 && row[last - 1].len == 0)
            last--;
        jx_out_spaces(wr, indent);
        for (size_t c = 0; c < last; c++) {
            out_put(wr, row[c].s, row[c].len);
            if (c + 1 < last)
                jx_out_spaces(wr, widths[c] - row[c].width + 2);
        }
        jx_out_char(wr, '\n');
    }
}

/* A fixed-point number as a cell in the scratch arena. */
static cell fixed_cell(jx_writer *wr, int64_t units, int decimals)
{
    char buf[JX_DEC_BUFSZ];
    size_t n = jx_num_put(units, decimals, false, buf);
    const char *s = jx_arena_strndup(&wr->scratch, buf, n);
    return s ? cell_ascii(s, n) : cell_empty;
}

/* A jx_dec as written ("358.35", "30") as a cell in the scratch arena. */
static cell dec_cell(jx_writer *wr, jx_dec d)
{
    char buf[JX_DEC_BUFSZ];
    size_t n = jx_num_put(d.v, d.scale, true, buf);
    const char *s = jx_arena_strndup(&wr->scratch, buf, n);
    return s ? cell_ascii(s, n) : cell_empty;
}

/* "产出指标 (60.00分)", or the bare name when no points were declared. */
static cell group_cell(jx_writer *wr, const jx_project *p, const jx_group *g)
{
    if (!g->has_points)
        return cell_of(g->name.s);
    char buf[JX_DEC_BUFSZ];
    jx_fixed_format(jx_dec_to_units(g->points, p->decimals), p->decimals, buf, sizeof buf);
    const char *s = jx_arena_printf(&wr->scratch, "%s (%s分)", g->name.s, buf);
    return cell_of(s ? s : g->name.s);
}

/* The dash of a cell with no number. */
static const cell cell_dash = {"—", sizeof "—" - 1, CELL_UNMEASURED};

static cell score_cell(jx_writer *wr, const jx_project *p, int64_t units)
{
    if (!p->scored || units < 0)
        return cell_dash;
    return fixed_cell(wr, units, p->decimals);
}

static cell indicator_score_cell(jx_writer *wr, const jx_project *p, const jx_indicator *ind)
{
    if (ind->not_applicable && (!p->scored || ind->method == JX_METHOD_NOT_APPLICABLE))
        return cell_of("不适用");
    return score_cell(wr, p, ind->score);
}

/* The value as written, or "" when absent. */
static cell value_cell(const jx_value *v)
{
    return v->present ? cell_of(v->text.s) : cell_empty;
}

/* The execution rate of all funds together (jx_project_funds_rate) as a "96.68%" cell. */
static cell total_rate_cell(jx_writer *wr, const jx_project *p)
{
    int64_t rate = jx_project_funds_rate(p);
    if (rate < 0)
        return cell_dash;
    char buf[JX_DEC_BUFSZ];
    jx_fixed_format(rate, 2, buf, sizeof buf);
    const char *c = jx_arena_printf(&wr->scratch, "%s%%", buf);
    return c ? cell_of(c) : cell_dash;
}

static void indicator_table(jx_writer *wr, const jx_project *p)
{
    table t;
    table_init(&t, wr, NCOLS, p->ninds + p->ngroups + 4);
    cell *row = table_row(&t);
    if (!row)
        return;
    for (size_t c = 0; c < NCOLS; c++)
        row[c] = cell_of(table_head[c]);

    __int128 weight_sum = 0;
    for (size_t i = 0; i < p->ninds; i++)
        if (p->inds[i].has_weight)
            weight_sum += jx_dec_scaled(p->inds[i].weight, JX_DEC_MAX_SCALE);

    if (p->exec_separate) {
        row = table_row(&t);
        if (!row)
            return;
        char buf[JX_DEC_BUFSZ];
        jx_fixed_format(jx_dec_to_units(p->exec_points, p->decimals), p->decimals, buf, sizeof buf);
        const char *label = jx_arena_printf(&wr->scratch, "预算执行率 (%s分)", buf);
        row[COL_L1] = cell_of(label ? label : "预算执行率");
        row[COL_TARGET] = cell_ascii("100%", 4);
        row[COL_ACTUAL] = total_rate_cell(wr, p);
        row[COL_WEIGHT] = dec_cell(wr, p->exec_points);
        row[COL_SCORE] = score_cell(wr, p, p->exec_score);
        weight_sum += jx_dec_scaled(p->exec_points, JX_DEC_MAX_SCALE);
    }

    jx_form f;
    if (jx_form_build(&f, p, &wr->scratch) != JX_OK) {
        jx_scratch_fail(wr);
        return;
    }
    for (size_t r = 0; r < f.nrows; r++) {
        const jx_form_row *fr = &f.rows[r];
        row = table_row(&t);
        if (!row)
            return;
        row[COL_L1] = fr->l1_span ? group_cell(wr, p, fr->l1) : cell_empty;
        row[COL_L2] = fr->l2_span && fr->l2 ? group_cell(wr, p, fr->l2) : cell_empty;
        const jx_indicator *ind = fr->ind;
        if (!ind) {
            /* an empty group is one row, scored 0 like the form */
            row[COL_SCORE] = score_cell(wr, p, p->scored ? 0 : -1);
            continue;
        }
        row[COL_L3] = cell_of(ind->name.s);
        row[COL_TARGET] = value_cell(&ind->target);
        row[COL_ACTUAL] = value_cell(&ind->actual);
        row[COL_WEIGHT] = ind->has_weight ? dec_cell(wr, ind->weight) : cell_dash;
        row[COL_SCORE] = indicator_score_cell(wr, p, ind);
        row[COL_REASON] = cell_of(ind->reason.s);
    }

    row = table_row(&t);
    if (!row)
        return;
    row[COL_L1] = cell_of("总分");
    jx_dec ws = {(int64_t)weight_sum, JX_DEC_MAX_SCALE};
    row[COL_WEIGHT] = dec_cell(wr, ws);
    row[COL_SCORE] = score_cell(wr, p, p->total);
    table_print(&t, 0);
}

static void funds_table(jx_writer *wr, const jx_project *p)
{
    if (p->nfunds == 0)
        return;
    jx_out_str(wr, "项目资金");
    if (p->money_unit.n) {
        jx_out_str(wr, "（");
        jx_out_bytes(wr, p->money_unit.s, p->money_unit.n);
        jx_out_str(wr, "）");
    }
    jx_out_char(wr, '\n');
    table t;
    table_init(&t, wr, NFCOLS, p->nfunds + 1);
    cell *row = table_row(&t);
    if (!row)
        return;
    for (size_t c = 0; c < NFCOLS; c++)
        row[c] = cell_of(funds_head[c]);
    for (size_t i = 0; i < p->nfunds; i++) {
        const jx_funds *f = &p->funds[i];
        row = table_row(&t);
        if (!row)
            return;
        row[FCOL_SOURCE] = cell_of(f->source.s);
        row[FCOL_INITIAL] = dec_cell(wr, f->initial);
        row[FCOL_BUDGET] = dec_cell(wr, f->budget);
        row[FCOL_SPENT] = dec_cell(wr, f->spent);
        int64_t rate = jx_funds_rate(f);
        if (rate < 0) {
            row[FCOL_RATE] = cell_dash;
        } else {
            char buf[JX_DEC_BUFSZ];
            jx_fixed_format(rate, 2, buf, sizeof buf);
            const char *c = jx_arena_printf(&wr->scratch, "%s%%", buf);
            row[FCOL_RATE] = c ? cell_of(c) : cell_dash;
        }
    }
    table_print(&t, 2);
}

/* A label and its text, the labels padded to `width` cells. */
static void labelled(jx_writer *wr, size_t indent, const char *label, size_t width, jx_str text)
{
    jx_out_spaces(wr, indent);
    jx_out_str(wr, label);
    jx_out_spaces(wr, width - jx_display_width(label, strlen(label)) + 2);
    jx_out_bytes(wr, text.s, text.n);
    jx_out_char(wr, '\n');
}

static void goals(jx_writer *wr, const jx_project *p)
{
    if (!p->goal.n && !p->outcome.n && !p->deviation.n && !p->remedy.n)
        return;
    const size_t w = 16; /* 目标偏离原因分析: the widest label */
    jx_out_str(wr, "年度总体目标\n");
    labelled(wr, 2, "预期目标", w, p->goal);
    labelled(wr, 2, "实际完成情况", w, p->outcome);
    if (p->deviation.n)
        labelled(wr, 2, "目标偏离原因分析", w, p->deviation);
    if (p->remedy.n)
        labelled(wr, 2, "整改措施及建议", w, p->remedy);
    jx_out_char(wr, '\n');
}

static void explain(jx_writer *wr, const jx_project *p)
{
    if (!p->scored)
        return;
    jx_out_str(wr, "\n计分过程\n");
    if (p->exec_separate) {
        jx_out_str(wr, "  预算执行率：");
        jx_out_str(wr, p->exec_formula ? p->exec_formula : "");
        jx_out_str(wr, " [");
        jx_out_str(wr, jx_method_code(JX_METHOD_EXECUTION));
        jx_out_str(wr, "]\n");
    }
    jx_order o;
    if (jx_form_order(&o, p, &wr->scratch) != JX_OK) {
        jx_scratch_fail(wr);
        return;
    }
    for (size_t i = 0; i < o.ninds; i++) {
        const jx_indicator *ind = o.inds[i];
        jx_out_str(wr, "  ");
        jx_out_bytes(wr, ind->name.s, ind->name.n);
        jx_out_str(wr, "：");
        char small[256];
        jx_sbuf b;
        jx_sbuf_init(&b, small, sizeof small, &wr->scratch);
        jx_formula_write(&b, ind, p->decimals);
        jx_out_bytes(wr, b.s, b.len);
        jx_out_str(wr, " [");
        jx_out_str(wr, jx_method_code(ind->method));
        jx_out_str(wr, "]\n");
    }
}

/* Lists p's diagnostics of severity sev under a heading naming it and their count
 * ("警告（7）"), in the order they were made; nothing when there are none. */
static void diags_of(jx_writer *wr, const jx_project *p, jx_severity sev)
{
    size_t count = 0;
    for (size_t i = 0; i < p->diags.n; i++)
        count += p->diags.v[i].severity == sev;
    if (count == 0)
        return;
    jx_out_char(wr, '\n');
    jx_out_str(wr, jx_severity_name(sev));
    jx_out_str(wr, "（");
    jx_out_uint(wr, count);
    jx_out_str(wr, "）\n");
    for (size_t i = 0; i < p->diags.n; i++) {
        const jx_diag *d = &p->diags.v[i];
        if (d->severity != sev)
            continue;
        jx_out_str(wr, "  ");
        jx_out_str(wr, d->file);
        if (d->line) {
            jx_out_char(wr, ':');
            jx_out_uint(wr, d->line);
            jx_out_char(wr, ':');
            jx_out_uint(wr, d->column);
        }
        jx_out_str(wr, " [");
        jx_out_str(wr, d->code);
        jx_out_str(wr, "] ");
        jx_out_str(wr, d->message);
        jx_out_char(wr, '\n');
    }
}

/* The project's findings after its table: errors, then warnings, then notes (提示). */
static void findings(jx_writer *wr, const jx_project *p)
{
    diags_of(wr, p, JX_SEV_ERROR);
    diags_of(wr, p, JX_SEV_WARNING);
    diags_of(wr, p, JX_SEV_NOTE);
}

static void begin(jx_writer *wr, const jx_project *first)
{
    (void)wr;
    (void)first;
}

static void project(jx_writer *wr, const jx_project *p)
{
    if (wr->nprojects > 0)
        jx_out_char(wr, '\n');
    jx_out_str(wr, "项目支出绩效自评表\n");
    if (p->has_year) {
        jx_out_str(wr, "（");
        jx_out_uint(wr, (uint64_t)(p->year > 0 ? p->year : 0));
        jx_out_str(wr, "年度）\n");
    }
    jx_out_char(wr, '\n');
    const size_t lw = 8; /* 项目名称 */
    labelled(wr, 0, "项目名称", lw, p->name);
    if (p->dept.n)
        labelled(wr, 0, "主管部门", lw, p->dept);
    if (p->org.n)
        labelled(wr, 0, "预算单位", lw, p->org);
    jx_out_char(wr, '\n');
    if (p->nfunds) {
        funds_table(wr, p);
        jx_out_char(wr, '\n');
    }
    goals(wr, p);
    indicator_table(wr, p);
    jx_full_marks fm;
    jx_form_full_marks(p, &fm);
    if (fm.stated) {
        jx_out_str(wr, jx_form_full_marks_label);
        jx_out_spaces(wr, 6); /* as wide as 自评结论 and two more */
        jx_out_str(wr, jx_form_full_marks_value(&wr->scratch, &fm));
        jx_out_char(wr, '\n');
    }
    jx_out_str(wr, "自评结论  ");
    jx_out_str(wr, p->scored && p->grade != JX_GRADE_NONE ? jx_grade_name(p->grade) : "—");
    jx_out_char(wr, '\n');
    if (p->scored && p->band_note && p->band_note[0]) {
        jx_out_str(wr, "  ");
        jx_out_str(wr, p->band_note);
        jx_out_char(wr, '\n');
    }
    if (wr->flags & JX_WRITE_EXPLAIN)
        explain(wr, p);
    findings(wr, p);
}

static void finish(jx_writer *wr)
{
    (void)wr;
}

const jx_reporter jx_reporter_text = {"text", begin, project, finish};
