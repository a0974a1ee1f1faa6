/* SPDX-License-Identifier: MIT */
/* write_csv.c — the library's CSV documents, RFC 4180 with "\n" line ends, written by
 * hand straight into the writer's output buffer (report.h):
 *
 *   scores    one row per indicator, UTF-8 without BOM (jx_reporter_csv)
 *   template  the actuals template `score --actuals` reads back, UTF-8 with a BOM
 *             (jx_reporter_template)
 *   audit     one table whose first column says what a row is (jx_audit_reporter_csv)
 *   review    a row per indicator and a 总分 row per project (jx_review_reporter_csv)
 *
 * One field writer serves the four: jx_out_csv_field (through jx_csv_put_field, csv.c, the
 * one encoder of a field) quotes a cell (quotes doubled) when it holds a comma, quote or
 * line break, and puts the formula guard "'" before a cell a spreadsheet would take for a
 * formula — the decision is jx_csv_guarded's (csv.h), which the reader shares, so what is
 * written reads back as it was. Numbers are written as they
 * are, never guarded (jx_csv_guarded takes no number for a formula).
 *
 * Why by hand: the scores are the hot path of `jixiao score --format csv` (bench/). What
 * every row of a project shares is found once (csv_rows), and the usual indicator — its
 * texts found plain by the parser (jx_indicator_plain: no comma, quote or control
 * character, so nothing to quote) — is written through a pointer after one check of the
 * room left (row_fast). Invariant: row_fast writes exactly the bytes of the general path,
 * or writes nothing and returns false (tests/unit/test_report_fast.c writes every input
 * both ways and compares).
 */
#include "report.h"

#include "csv.h"
#include "order.h"
#include "score.h"
#include "value.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------------ field writer */

/* Whether s[0..n) goes into a row unquoted: it holds no comma, quote or line break. */
static inline bool csv_unquoted(const char *s, size_t n)
{
    return jx_csv_special_at(s, n) == n;
}

/* Whether s, a text of a project that the parser found plain when s.s is `plain`
 * (jx_project.plain, jx_funds.source_plain; NULL: not known), goes into a row unquoted. */
static inline bool project_unquoted(jx_str s, const char *plain)
{
    return jx_str_plain_as_read(s, plain) || csv_unquoted(s.s, s.n);
}

/* jx_out_csv_field's output: the writer's buffer (a failure is the writer's, sticky). */
static int out_put(void *ud, const char *s, size_t n)
{
    jx_out_bytes(ud, s, n);
    return 0;
}

void jx_out_csv_field(jx_writer *wr, const char *s, size_t n)
{
    jx_csv_put_field(s, n, out_put, wr);
}

/* A NUL-terminated field. */
static void field(jx_writer *wr, const char *s)
{
    jx_out_csv_field(wr, s, strlen(s));
}

/* ",", then a NUL-terminated field. */
static void next_field(jx_writer *wr, const char *s)
{
    jx_out_char(wr, ',');
    field(wr, s);
}

/* units with `decimals` places, nothing when negative (absent). */
static void fixed_or_empty(jx_writer *wr, int64_t units, int decimals)
{
    if (units >= 0)
        jx_out_fixed(wr, units, decimals);
}

/* d as written ("30", "7.5"), nothing when it is absent. */
static void dec_or_empty(jx_writer *wr, bool has, jx_dec d)
{
    if (has)
        jx_out_dec(wr, d);
}

/* A grade's word, nothing for none (jx_grade_name gives ""). */
static void grade_cell(jx_writer *wr, jx_grade g)
{
    jx_out_str(wr, jx_grade_name(g));
}

/* The cells 一级指标,二级指标,三级指标 of an indicator. */
static void path_cells(jx_writer *wr, const jx_indicator *ind)
{
    field(wr, jx_indicator_level1(ind));
    next_field(wr, jx_indicator_level2(ind));
    jx_out_char(wr, ',');
    jx_out_csv_field(wr, ind->name.s, ind->name.n);
}

/* ================================================================= scores */

/* A score of project p, nothing when p is not scored or it is absent. */
static void score_cell(jx_writer *wr, const jx_project *p, int64_t units)
{
    fixed_or_empty(wr, p->scored ? units : -1, p->decimals);
}

/* The columns after the indicator's own: 总分, 自评结论. */
static void totals(jx_writer *wr, const jx_project *p)
{
    jx_out_char(wr, ',');
    score_cell(wr, p, p->total);
    jx_out_char(wr, ',');
    grade_cell(wr, p->scored ? p->grade : JX_GRADE_NONE);
}

/* ,file:line:col of an indicator (empty without a position). */
static void position(jx_writer *wr, const jx_project *p, jx_pos pos)
{
    jx_out_char(wr, ',');
    if (pos.line == 0)
        return;
    size_t fn = strlen(p->src.file);
    /* file:line:col as one field, quoted when the file name needs it */
    if (!csv_unquoted(p->src.file, fn) || jx_csv_guard_lead(p->src.file, fn)) {
        char *tmp = jx_arena_printf(&wr->scratch, "%s:%u:%u", p->src.file, (unsigned)pos.line, (unsigned)pos.col);
        if (tmp)
            field(wr, tmp);
        return;
    }
    jx_out_bytes(wr, p->src.file, fn);
    jx_out_char(wr, ':');
    jx_out_uint(wr, pos.line);
    jx_out_char(wr, ':');
    jx_out_uint(wr, pos.col);
}

/* The columns appended after 满分, so that the table carries every field of the model and
 * reads back (engine/import_csv.c knows the header as jixiao's own by its 计分方法 column:
 * there 得分, 总分 and 自评结论 are the recomputed ones, the claims are the 填报 columns).
 * The indicator's own (SCORE_IND_COLS) on each row; the project's (SCORE_PROJECT_COLS) on
 * its first row only, the 资金 rows one per row from the first: see score_project. */
#define SCORE_IND_COLS "计算符号,计量单位,偏差原因,评定,不适用,填报得分,一级分值,二级分值"
#define SCORE_PROJECT_COLS                                                                                         \
    "单位,主管部门,年度,金额单位,资金来源,年初预算,全年预算,全年执行,年度目标,完成情况,偏离原因,整改措施,填报总分,填报结论"
/* The project's cells of a row that carries none: one comma per column of SCORE_PROJECT_COLS. */
#define SCORE_PROJECT_BLANK ",,,,,,,,,,,,,,"
/* The history of the indicator's target, appended last of all (hist_cells). */
#define SCORE_HIST_COLS "上年,前年,依据"
/* Those cells of a row that is no indicator's. */
#define SCORE_HIST_BLANK ",,,"

static void score_begin(jx_writer *wr, const jx_project *first)
{
    (void)first;
    jx_out_str(wr, "项目,一级指标,二级指标,三级指标,年度指标值,实际完成值,权重,得分,计分方法,总分,自评结论,位置,满分,"
                   SCORE_IND_COLS "," SCORE_PROJECT_COLS "," SCORE_HIST_COLS "\n");
}

/* The history cells (SCORE_HIST_COLS), each after a comma: 上年 and 前年 as written (a dash
 * or slash when written as none, jx_history_text), 依据; ind NULL for a row that is no
 * indicator's. */
static void hist_cells(jx_writer *wr, const jx_indicator *ind)
{
    if (!ind) {
        jx_out_str(wr, SCORE_HIST_BLANK);
        return;
    }
    jx_str h;
    jx_out_char(wr, ',');
    if (jx_history_text(&ind->last_year, &h))
        jx_out_csv_field(wr, h.s, h.n);
    jx_out_char(wr, ',');
    if (jx_history_text(&ind->year_before, &h))
        jx_out_csv_field(wr, h.s, h.n);
    jx_out_char(wr, ',');
    if (ind->basis.n > 0)
        jx_out_csv_field(wr, ind->basis.s, ind->basis.n);
}

/* The indicator's own appended cells (SCORE_IND_COLS), each after a comma; ind NULL for a
 * row that is no indicator's, g1/g2 its groups for the points (NULL: blank). */
static void ind_cells(jx_writer *wr, const jx_indicator *ind, const jx_group *g1, const jx_group *g2)
{
    if (ind) {
        jx_str sign = jx_indicator_sign_str(ind);
        jx_out_char(wr, ',');
        jx_out_csv_field(wr, sign.s, sign.n);
        jx_out_char(wr, ',');
        if (ind->target.unit.n == 0 && ind->target.percent)
            jx_out_char(wr, '%');
        else
            jx_out_csv_field(wr, ind->target.unit.s, ind->target.unit.n);
        jx_out_char(wr, ',');
        jx_out_csv_field(wr, ind->reason.s, ind->reason.n);
        next_field(wr, jx_judge_name(ind->judge));
        next_field(wr, ind->not_applicable ? "是" : "");
        jx_out_char(wr, ',');
        dec_or_empty(wr, ind->has_claim, ind->claim);
    } else {
        jx_out_str(wr, ",,,,,,");
    }
    jx_out_char(wr, ',');
    if (g1)
        dec_or_empty(wr, g1->has_points, g1->points);
    jx_out_char(wr, ',');
    if (g2)
        dec_or_empty(wr, g2->has_points, g2->points);
}

/* The project's appended cells (SCORE_PROJECT_COLS), each after a comma, on the k-th row of
 * p: its fields on the first row, its k-th 资金 row on the k-th, blanks otherwise. */
static void project_cells(jx_writer *wr, const jx_project *p, size_t k)
{
    if (k > 0 && k >= p->nfunds) {
        jx_out_str(wr, SCORE_PROJECT_BLANK);
        return;
    }
    jx_out_char(wr, ',');
    if (k == 0) {
        jx_out_csv_field(wr, p->org.s, p->org.n);
        jx_out_char(wr, ',');
        jx_out_csv_field(wr, p->dept.s, p->dept.n);
        jx_out_char(wr, ',');
        if (p->has_year)
            jx_out_uint(wr, (uint64_t)(p->year < 0 ? 0 : p->year));
        jx_out_char(wr, ',');
        jx_out_csv_field(wr, p->money_unit.s, p->money_unit.n);
    } else {
        jx_out_str(wr, ",,,");
    }
    jx_out_char(wr, ',');
    if (k < p->nfunds) {
        const jx_funds *f = &p->funds[k];
        const jx_dec amounts[] = {f->initial, f->budget, f->spent};
        const bool given[] = {f->has_initial, f->has_budget, f->has_spent};
        jx_out_csv_field(wr, f->source.s, f->source.n);
        for (size_t a = 0; a < 3; a++) {
            jx_out_char(wr, ',');
            dec_or_empty(wr, given[a], amounts[a]); /* empty: not given (jx_funds) */
        }
    } else {
        jx_out_str(wr, ",,,");
    }
    if (k > 0) {
        jx_out_str(wr, ",,,,,,");
        return;
    }
    const jx_str texts[4] = {p->goal, p->outcome, p->deviation, p->remedy};
    for (size_t i = 0; i < 4; i++) {
        jx_out_char(wr, ',');
        jx_out_csv_field(wr, texts[i].s, texts[i].n);
    }
    jx_out_char(wr, ',');
    dec_or_empty(wr, p->has_claimed_total, p->claimed_total);
    jx_out_char(wr, ',');
    grade_cell(wr, p->claimed_grade);
}

/* Appends a string literal at o. */
#define O_LIT(o, lit) (memcpy((o), "" lit, sizeof(lit) - 1), (o) += sizeof(lit) - 1)

/* The block by which o_own copies, and so the bytes it may read past what it copies and
 * write past it, less one. */
#define OWN_BLOCK 32

/* Appends s[0..n) at o, s one of the parts of a row made beforehand in this file's own
 * arrays (csv_rows.tail, row_group.head and .points), by whole blocks of OWN_BLOCK bytes
 * without jx_copy_short's choice of a size: it reads up to OWN_BLOCK - 1 bytes past s + n,
 * which the array holds (its maker leaves the room), and writes as many past o + n, which
 * the row asks room for (OWN_BLOCK more) and writes over or leaves past its end. Returns
 * o + n. */
static inline char *o_own(char *o, const char *s, size_t n)
{
    memcpy(o, s, OWN_BLOCK);
    for (size_t i = OWN_BLOCK; i < n; i += OWN_BLOCK)
        memcpy(o + i, s + i, OWN_BLOCK);
    return o + n;
}

/* Appends a cell s[0..n) that needs no quoting at o, with the formula guard "'" first when
 * jx_csv_guarded says so (as jx_out_csv_field writes it); returns the end. Room: n + 1. */
static inline char *o_cell(char *o, const char *s, size_t n)
{
    if (jx_csv_guard_lead(s, n) && jx_csv_guarded(s, n))
        *o++ = '\'';
    return jx_at_bytes(o, s, n);
}

/* Whether the project's appended cells of its k-th row go into it as they are, unquoted
 * (o_cell puts the guard "'" where it is due), so that o_project_cells may write them, and
 * the bytes they need then; 0 when they do not. */
static size_t project_cells_fast_need(const jx_project *p, size_t k)
{
    if (k > 0 && k >= p->nfunds)
        return sizeof SCORE_PROJECT_BLANK;
    size_t need = 64;
    if (k == 0) {
        const jx_str texts[] = {p->org, p->dept, p->money_unit, p->goal, p->outcome, p->deviation, p->remedy};
        const char *const plain[] = {p->plain.org,  p->plain.dept,      p->plain.money_unit, p->plain.goal,
                                     p->plain.outcome, p->plain.deviation, p->plain.remedy};
        for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
            if (!project_unquoted(texts[i], plain[i]))
                return 0;
            need += texts[i].n + 1;
        }
        if (p->has_claimed_total && p->claimed_total.scale > 18)
            return 0;
        need += 2 * JX_DEC_BUFSZ + 16;
    }
    if (k < p->nfunds) {
        const jx_funds *f = &p->funds[k];
        if (!project_unquoted(f->source, f->source_plain) ||
            f->initial.scale > 18 || f->budget.scale > 18 ||
            f->spent.scale > 18)
            return 0;
        need += f->source.n + 1 + 3 * JX_DEC_BUFSZ;
    }
    return need;
}

/* The project's appended cells of its k-th row at o, as project_cells writes them, when
 * project_cells_fast_need said they fit; returns the end. */
static char *o_project_cells(char *o, const jx_project *p, size_t k)
{
    if (k > 0 && k >= p->nfunds) {
        O_LIT(o, SCORE_PROJECT_BLANK);
        return o;
    }
    *o++ = ',';
    if (k == 0) {
        o = o_cell(o, p->org.s, p->org.n);
        *o++ = ',';
        o = o_cell(o, p->dept.s, p->dept.n);
        *o++ = ',';
        if (p->has_year)
            o = jx_at_uint(o, (uint64_t)(p->year < 0 ? 0 : p->year));
        *o++ = ',';
        o = o_cell(o, p->money_unit.s, p->money_unit.n);
    } else {
        O_LIT(o, ",,,");
    }
    *o++ = ',';
    if (k < p->nfunds) {
        const jx_funds *f = &p->funds[k];
        const jx_dec amounts[] = {f->initial, f->budget, f->spent};
        const bool given[] = {f->has_initial, f->has_budget, f->has_spent};
        o = o_cell(o, f->source.s, f->source.n);
        for (size_t a = 0; a < 3; a++) {
            *o++ = ',';
            if (given[a])
                o = jx_at_dec(o, amounts[a]);
        }
    } else {
        O_LIT(o, ",,,");
    }
    if (k > 0) {
        O_LIT(o, ",,,,,,");
        return o;
    }
    const jx_str texts[4] = {p->goal, p->outcome, p->deviation, p->remedy};
    for (size_t i = 0; i < 4; i++) {
        *o++ = ',';
        o = o_cell(o, texts[i].s, texts[i].n);
    }
    *o++ = ',';
    if (p->has_claimed_total)
        o = jx_at_dec(o, p->claimed_total);
    *o++ = ',';
    const char *g = jx_grade_name(p->claimed_grade);
    return jx_at_bytes(o, g, strlen(g));
}

/* What every row of a project shares, found once: its name field and the columns from
 * 总分 to the file name of 位置 (the row's line and column follow), and its 满分. */
typedef struct csv_rows {
    char head[512];   /* the name field and its comma */
    size_t head_n;    /* its length */
    char tail[512];   /* ",总分,自评结论,file:" */
    size_t tail_n;    /* its length */
    const char *full; /* the 满分 column: "80（不适用 20 分剔除）" (report.h), "" when not stated */
    size_t full_n;    /* its length */
    char place[128];  /* full with the comma before and after it, as a fast row has them */
    size_t place_n;   /* its length */
    bool fast;        /* head, tail and full go into a row as they are: row_fast may write its rows */
} csv_rows;

/* Fills r for p; r->fast is false when a part is too long or needs quoting. */
static void csv_rows_of(csv_rows *r, jx_writer *wr, const jx_project *p)
{
    jx_full_marks fm;
    jx_full_marks_of(p, &fm);
    r->full = jx_form_full_marks_value(&wr->scratch, &fm);
    r->full_n = strlen(r->full);
    r->head_n = r->tail_n = 0;
    r->fast = false;
    if (p->name.n + 2 >= sizeof r->head || !project_unquoted(p->name, p->plain.name))
        return;
    char *h = o_cell(r->head, p->name.s, p->name.n);
    *h++ = ',';
    r->head_n = (size_t)(h - r->head);
    size_t fn = strlen(p->src.file);
    if (fn + 64 + OWN_BLOCK >= sizeof r->tail || !csv_unquoted(p->src.file, fn) ||
        jx_csv_guard_lead(p->src.file, fn) || r->full_n + 2 + OWN_BLOCK > sizeof r->place ||
        !csv_unquoted(r->full, r->full_n) || jx_csv_guarded(r->full, r->full_n))
        return;
    r->place[0] = ',';
    memcpy(r->place + 1, r->full, r->full_n);
    r->place[r->full_n + 1] = ',';
    r->place_n = r->full_n + 2;
    char *o = r->tail;
    *o++ = ',';
    if (p->scored && p->total >= 0)
        o = jx_at_fixed(o, p->total, p->decimals);
    *o++ = ',';
    if (p->scored) {
        const char *g = jx_grade_name(p->grade);
        o = jx_at_bytes(o, g, strlen(g));
    }
    *o++ = ',';
    o = jx_at_bytes(o, p->src.file, fn);
    *o++ = ':';
    r->tail_n = (size_t)(o - r->tail);
    r->fast = true;
}

/* Whether a text s of ind goes into a row unquoted: found plain by the parser, or else
 * (a unit the value reader made, a 偏差 not in the line's copy) checked here. */
static inline bool cell_as_is(const jx_indicator *ind, jx_str s)
{
    return jx_indicator_plain(ind, s) || csv_unquoted(s.s, s.n);
}

/* Whether group g's name goes into a row as it is (NULL: an empty cell does). */
static inline bool group_as_is(const jx_group *g)
{
    return !g || g->plain == g->name.s; /* plain: no ',', '"' or control character (jx_group.plain) */
}

/* A fast row's head at o: the project's name (r->head) and the cells of the groups g1
 * and g2 (NULL: blank), each followed by its comma; returns the end. */
static inline char *o_row_groups(char *o, const csv_rows *r, const jx_group *g1, const jx_group *g2)
{
    o = jx_at_bytes(o, r->head, r->head_n);
    if (g1)
        o = o_cell(o, g1->name.s, g1->name.n);
    *o++ = ',';
    if (g2)
        o = o_cell(o, g2->name.s, g2->name.n);
    *o++ = ',';
    return o;
}

/* A fast row's cells from after 计分方法 to 满分 at o: the project's shared ones
 * (r->tail), the position pos as "line:col", and the full marks between their commas
 * (r->place); returns the end. */
static inline char *o_row_place(char *o, const csv_rows *r, jx_pos pos)
{
    o = o_own(o, r->tail, r->tail_n);
    o = jx_at_line(o, pos.line);
    *o++ = ':';
    o = jx_at_line(o, pos.col);
    return o_own(o, r->place, r->place_n);
}

/* The points cells of a row, 一级分值,二级分值, of the groups g1 and g2 (NULL or no points:
 * blank) at o, as ind_cells writes them; returns the end. Room: 2 * JX_DEC_BUFSZ + 1. */
static inline char *o_group_points(char *o, const jx_group *g1, const jx_group *g2)
{
    if (g1 && g1->has_points)
        o = jx_at_dec(o, g1->points);
    *o++ = ',';
    if (g2 && g2->has_points)
        o = jx_at_dec(o, g2->points);
    return o;
}

/* The cells of a row that its indicator's group decides, made once for the indicators of
 * a group (they come group by group) rather than once a row. Invariant: for an indicator
 * of `project` whose group is `group`, g1 and g2 are what jx_indicator_group_at
 * gives for levels 1 and 2, and when fast is true, head is o_row_groups' bytes for them
 * and points o_group_points', followed by the rest of a row that carries no project cell
 * and no history (see row_fast); fast is false when the writer writes by the general path
 * only, the project is not scored, a name needs quoting, a points value has more than 18
 * decimals or the head outgrows its room, and row_fast then writes nothing. */
typedef struct row_group {
    const jx_project *project;       /* the indicators' project (jx_indicator.project) */
    uint32_t group;                  /* their group (jx_indicator.group); UINT32_MAX: none yet */
    bool fast;                       /* head and points made */
    char head[1024];                 /* the name field, the 一级 and 二级 cells, each with its comma */
    size_t head_n;                   /* its length */
    char points[2 * JX_DEC_BUFSZ + sizeof SCORE_PROJECT_BLANK SCORE_HIST_BLANK "\n" + OWN_BLOCK];
                                     /* 一级分值,二级分值 (points_n bytes), then the end of a row
                                        that carries no project cell and no history:
                                        SCORE_PROJECT_BLANK SCORE_HIST_BLANK "\n" (end_n in all) */
    size_t points_n;                 /* the points' length */
    size_t end_n;                    /* the points' and the row end's */
    size_t need;                     /* room a row asks for besides its indicator's texts and
                                        project cells: its group's, its project's and numbers' */
} row_group;

/* rg for ind's group (ind of p): as it is when it is the last indicator's, else made for it. */
static inline const row_group *row_group_of(row_group *rg, const jx_writer *wr, const jx_project *p,
                                            const csv_rows *r, const jx_indicator *ind)
{
    if (ind->group == rg->group && ind->project == rg->project)
        return rg;
    const jx_group *g1 = jx_indicator_group_at(ind, 1), *g2 = jx_indicator_group_at(ind, 2);
    rg->project = ind->project;
    rg->group = ind->group;
    rg->fast = r->fast && !wr->general_only && p->scored && group_as_is(g1) && group_as_is(g2) &&
               !(g1 && g1->has_points && g1->points.scale > 18) &&
               !(g2 && g2->has_points && g2->points.scale > 18) &&
               r->head_n + (g1 ? g1->name.n : 0) + (g2 ? g2->name.n : 0) + 4 + OWN_BLOCK <= sizeof rg->head;
    if (rg->fast) {
        rg->head_n = (size_t)(o_row_groups(rg->head, r, g1, g2) - rg->head);
        char *o = o_group_points(rg->points, g1, g2);
        rg->points_n = (size_t)(o - rg->points);
        O_LIT(o, SCORE_PROJECT_BLANK SCORE_HIST_BLANK "\n");
        rg->end_n = (size_t)(o - rg->points);
        rg->need = rg->head_n + rg->end_n + r->tail_n + r->full_n + 4 * JX_DEC_BUFSZ + 128 + 10 /* guards */ +
                   OWN_BLOCK;
    }
    return rg;
}

/*
 * Writes the row of ind (the k-th of p) in one go when it is the usual one: the project's
 * shared parts found (r->fast), scored, the texts plain (see jx_indicator.plain) and the
 * group's cells made (rg, row_group_of); returns false having written nothing otherwise. Its texts need
 * no quoting; each goes through o_cell, which puts the formula guard before a
 * formula-like one ("'=1年") as jx_out_csv_field does. The most common row — past the
 * project's first and its 资金 rows, without a history — ends with its group's bytes
 * (row_group.points to end_n) in one copy; another writes its project cells and history.
 */
JX_FAST_PATH static bool row_fast(jx_writer *wr, const jx_project *p, const csv_rows *r, row_group *rgs,
                                  const jx_indicator *ind, size_t k)
{
    if (ind->pos.line == 0 || ind->score < 0)
        return false;
    const row_group *rg = row_group_of(rgs, wr, p, r, ind);
    if (!rg->fast ||
        !jx_indicator_plain(ind, ind->name) || !jx_indicator_plain(ind, ind->target.text) ||
        !jx_indicator_plain(ind, ind->actual.text) || !cell_as_is(ind, ind->target.unit) ||
        !cell_as_is(ind, ind->reason) || (ind->has_weight && ind->weight.scale > 18) ||
        (ind->has_claim && ind->claim.scale > 18))
        return false;
    size_t need = rg->need + ind->name.n + ind->target.text.n + ind->actual.text.n + ind->target.unit.n +
                  ind->reason.n;
    /* past the project's first row and its 资金 rows (project_cells writes SCORE_PROJECT_BLANK)
     * and no history (hist_cells writes SCORE_HIST_BLANK: nothing given, and none written as
     * none, which has a position): the row ends with its group's bytes */
    bool bare_end = k > 0 && k >= p->nfunds && !ind->last_year.present && !ind->last_year.pos.line &&
                    !ind->year_before.present && !ind->year_before.pos.line && ind->basis.n == 0;
    if (!bare_end) {
        if (!cell_as_is(ind, ind->last_year.text) || !cell_as_is(ind, ind->year_before.text) ||
            !cell_as_is(ind, ind->basis) || (!ind->last_year.present && ind->last_year.pos.line) ||
            (!ind->year_before.present && ind->year_before.pos.line))
            return false;
        size_t project_need = project_cells_fast_need(p, k);
        if (project_need == 0)
            return false;
        need += project_need + ind->last_year.text.n + ind->year_before.text.n + ind->basis.n;
    }
    if (!jx_out_room(wr, need))
        return false;
    char *o = o_own(wr->buf + wr->len, rg->head, rg->head_n);
    o = o_cell(o, ind->name.s, ind->name.n);
    *o++ = ',';
    if (ind->target.present)
        o = o_cell(o, ind->target.text.s, ind->target.text.n);
    *o++ = ',';
    if (ind->actual.present)
        o = o_cell(o, ind->actual.text.s, ind->actual.text.n);
    *o++ = ',';
    if (ind->has_weight)
        o = jx_at_dec(o, ind->weight);
    *o++ = ',';
    o = jx_at_fixed(o, ind->score, p->decimals);
    *o++ = ',';
    jx_str method = jx_method_code_str(ind->method);
    o = jx_at_bytes(o, method.s, method.n);
    o = o_row_place(o, r, ind->pos);
    /* the appended cells, as ind_cells and project_cells write them (the first comma
     * o_row_place's) */
    jx_str sign = jx_indicator_sign_str(ind);
    o = o_cell(o, sign.s, sign.n);
    *o++ = ',';
    if (ind->target.unit.n == 0 && ind->target.percent)
        *o++ = '%';
    else
        o = o_cell(o, ind->target.unit.s, ind->target.unit.n);
    *o++ = ',';
    o = o_cell(o, ind->reason.s, ind->reason.n);
    *o++ = ',';
    if (ind->judge != JX_JUDGE_NONE) { /* none: "" (jx_judge_name) */
        const char *judge = jx_judge_name(ind->judge);
        o = jx_at_bytes(o, judge, strlen(judge));
    }
    *o++ = ',';
    if (ind->not_applicable)
        O_LIT(o, "是");
    *o++ = ',';
    if (ind->has_claim)
        o = jx_at_dec(o, ind->claim);
    *o++ = ',';
    if (bare_end) {
        o = o_own(o, rg->points, rg->end_n);
        wr->len = (size_t)(o - wr->buf);
        return true;
    }
    o = jx_at_bytes(o, rg->points, rg->points_n);
    o = o_project_cells(o, p, k);
    /* the history, as hist_cells writes it (a value written as none is left to it) */
    *o++ = ',';
    if (ind->last_year.present)
        o = o_cell(o, ind->last_year.text.s, ind->last_year.text.n);
    *o++ = ',';
    if (ind->year_before.present)
        o = o_cell(o, ind->year_before.text.s, ind->year_before.text.n);
    *o++ = ',';
    o = o_cell(o, ind->basis.s, ind->basis.n);
    *o++ = '\n';
    wr->len = (size_t)(o - wr->buf);
    return true;
}

/* The start of a row of p that is no indicator's: 项目,一级指标,二级指标,三级指标 with the
 * groups g1/g2 (NULL: blank) and no 三级指标. */
static void other_row_head(jx_writer *wr, const jx_project *p, const jx_group *g1, const jx_group *g2)
{
    jx_out_csv_field(wr, p->name.s, p->name.n);
    jx_out_char(wr, ',');
    if (g1)
        jx_out_csv_field(wr, g1->name.s, g1->name.n);
    jx_out_char(wr, ',');
    if (g2)
        jx_out_csv_field(wr, g2->name.s, g2->name.n);
    jx_out_char(wr, ',');
}

/* A row of p that is no indicator's up to its 满分: the groups g1/g2 (NULL: blank), the
 * indicator's cells blank, the project's totals, the position pos and the 满分. */
static void bare_row(jx_writer *wr, const jx_project *p, const jx_group *g1, const jx_group *g2, jx_pos pos,
                     const csv_rows *r)
{
    other_row_head(wr, p, g1, g2);
    jx_out_str(wr, ",,,,,"); /* 三级指标 to 计分方法 blank */
    totals(wr, p);
    position(wr, p, pos);
    jx_out_char(wr, ',');
    jx_out_csv_field(wr, r->full, r->full_n);
}

/*
 * Writes a row of p that is no indicator's — bare_row's cells for the groups g1/g2 (NULL:
 * blank) and the position pos, the indicator's own cells blank but the groups' points
 * (ind_cells without an indicator), the project's cells of its k-th row, the history blank
 * — in one go when it is the usual one: the project's shared parts found (r->fast), a
 * position, the group names plain; returns false having written nothing otherwise.
 */
JX_FAST_PATH static bool bare_row_fast(jx_writer *wr, const jx_project *p, const csv_rows *r, const jx_group *g1,
                                       const jx_group *g2, jx_pos pos, size_t k)
{
    if (!r->fast || wr->general_only || pos.line == 0 || !group_as_is(g1) || !group_as_is(g2) ||
        (g1 && g1->has_points && g1->points.scale > 18) || (g2 && g2->has_points && g2->points.scale > 18))
        return false;
    size_t project_need = project_cells_fast_need(p, k);
    if (project_need == 0)
        return false;
    size_t need = project_need + r->head_n + r->tail_n + r->full_n + (g1 ? g1->name.n : 0) +
                  (g2 ? g2->name.n : 0) + 4 * JX_DEC_BUFSZ + 64 + OWN_BLOCK;
    if (!jx_out_room(wr, need))
        return false;
    char *o = o_row_groups(wr->buf + wr->len, r, g1, g2);
    O_LIT(o, ",,,,,"); /* 三级指标 to 计分方法 blank */
    o = o_row_place(o, r, pos);
    O_LIT(o, ",,,,,,"); /* the indicator's own cells blank up to the groups' points */
    o = o_group_points(o, g1, g2);
    o = o_project_cells(o, p, k);
    O_LIT(o, SCORE_HIST_BLANK "\n");
    wr->len = (size_t)(o - wr->buf);
    return true;
}

/*
 * The rows of p: the 单列 预算执行率 (when the policy sets it apart), one per indicator in
 * the 自评表's order, one per group that holds no indicator (so its points come back),
 * and rows with only project cells while 资金 rows are left to carry. The project's
 * fields go on its first row, its k-th 资金 row on its k-th (project_cells): a project
 * always has at least one row, and every field of the model is on one of them.
 */
static void score_project(jx_writer *wr, const jx_project *p)
{
    csv_rows rows;
    csv_rows_of(&rows, wr, p);
    jx_order ord;
    if (!jx_writer_order(wr, p, &ord))
        return;
    size_t k = 0;                  /* the project's rows written */
    row_group rg;                  /* the cells of the last indicator's group: none yet (its bytes
                                      left unset, 1 KiB, made when first asked for; an indicator
                                      of no project and of group UINT32_MAX, never from the parser,
                                      finds fast false and takes the general path) */
    rg.project = NULL;
    rg.group = UINT32_MAX;
    rg.fast = false;
    if (p->exec_separate) {
        jx_out_csv_field(wr, p->name.s, p->name.n);
        jx_out_str(wr, ",预算执行率,,,100%,,");
        jx_out_dec(wr, p->exec_points);
        jx_out_char(wr, ',');
        score_cell(wr, p, p->exec_score);
        jx_out_char(wr, ',');
        if (p->scored)
            jx_out_str(wr, jx_method_code(JX_METHOD_EXECUTION));
        totals(wr, p);
        jx_out_str(wr, ",,");
        jx_out_csv_field(wr, rows.full, rows.full_n);
        ind_cells(wr, NULL, NULL, NULL);
        project_cells(wr, p, k++);
        hist_cells(wr, NULL);
        jx_out_char(wr, '\n');
    }
    /* the groups that hold an indicator or a 二级 group: they get no row of their own (NULL:
     * out of memory, said after the indicators' rows) */
    bool *used = p->ngroups ? jx_arena_alloc(&wr->scratch, p->ngroups * sizeof *used) : NULL;
    for (size_t i = 0; used && i < p->ngroups; i++)
        used[i] = false;
    for (size_t i = 0; i < ord.ninds; i++) {
        const jx_indicator *ind = ord.inds[i];
        if (ind->group < p->ngroups && used)
            used[ind->group] = true;
        if (row_fast(wr, p, &rows, &rg, ind, k)) {
            k++;
            wr->fast_written++;
            continue;
        }
        jx_out_csv_field(wr, p->name.s, p->name.n);
        jx_out_char(wr, ',');
        path_cells(wr, ind);
        jx_out_char(wr, ',');
        if (ind->target.present)
            jx_out_csv_field(wr, ind->target.text.s, ind->target.text.n);
        jx_out_char(wr, ',');
        if (ind->actual.present)
            jx_out_csv_field(wr, ind->actual.text.s, ind->actual.text.n);
        jx_out_char(wr, ',');
        dec_or_empty(wr, ind->has_weight, ind->weight);
        jx_out_char(wr, ',');
        score_cell(wr, p, ind->score);
        jx_out_char(wr, ',');
        if (p->scored)
            jx_out_str(wr, jx_method_code(ind->method));
        totals(wr, p);
        position(wr, p, ind->pos);
        jx_out_char(wr, ',');
        jx_out_csv_field(wr, rows.full, rows.full_n);
        ind_cells(wr, ind, jx_indicator_group_at(ind, 1), jx_indicator_group_at(ind, 2));
        project_cells(wr, p, k++);
        hist_cells(wr, ind);
        jx_out_char(wr, '\n');
    }
    /* groups without an indicator: a 二级 group, or a 一级 group without any 二级 one (the
     * indicators' own groups were marked as their rows were written; ord.inds holds every
     * indicator of p, order.h) */
    if (p->ngroups && !used) {
        jx_scratch_fail(wr);
        return;
    }
    for (size_t i = 0; i < p->ngroups; i++)
        if (p->groups[i].level == 2 && p->groups[i].parent < p->ngroups)
            used[p->groups[i].parent] = true; /* its 二级 groups' rows name it */
    for (size_t i = 0; i < ord.ngroups; i++) {
        const jx_group *g = ord.groups[i];
        if (used[g - p->groups])
            continue;
        const jx_group *g1 = g->level == 2 && g->parent < p->ngroups ? &p->groups[g->parent] : g;
        const jx_group *g2 = g->level == 2 ? g : NULL;
        if (bare_row_fast(wr, p, &rows, g1, g2, g->pos, k)) {
            k++;
            wr->fast_written++;
            continue;
        }
        bare_row(wr, p, g1, g2, g->pos, &rows);
        jx_out_str(wr, ",,,,,,");
        jx_out_char(wr, ',');
        dec_or_empty(wr, g1->has_points, g1->points);
        jx_out_char(wr, ',');
        if (g2)
            dec_or_empty(wr, g2->has_points, g2->points);
        project_cells(wr, p, k++);
        hist_cells(wr, NULL);
        jx_out_char(wr, '\n');
    }
    /* the project's own cells left to carry: its fields, or 资金 rows past the rows above */
    while (k == 0 || k < p->nfunds) {
        if (bare_row_fast(wr, p, &rows, NULL, NULL, p->pos, k)) {
            k++;
            wr->fast_written++;
            continue;
        }
        bare_row(wr, p, NULL, NULL, p->pos, &rows);
        ind_cells(wr, NULL, NULL, NULL);
        project_cells(wr, p, k++);
        hist_cells(wr, NULL);
        jx_out_char(wr, '\n');
    }
}

/* Nothing follows the last row (of the scores, the template and the 复核 sheets). */
static void finish_nothing(jx_writer *wr)
{
    (void)wr;
}

const jx_reporter jx_reporter_csv = {.name = "csv", .begin = score_begin, .project = score_project,
                                     .finish = finish_nothing, .apart = ""};

/* =============================================================== template
 *
 * The CSV `score --actuals` reads back, to be filled in by hand or in a spreadsheet:
 * UTF-8 with a BOM (so Excel and WPS open it as UTF-8), one row per indicator in the
 * order of the 自评表 (order.h), as a person fills them in from it. Its columns are those
 * of the workbook template's 指标 sheet (jx_template_indicator_head), then the project's
 * (jx_template_project_head); the column names are the ones actuals.c looks for.
 * 主管部门 and 单位 are written beside 项目, so a project name that several 单位 share is
 * told apart when the file is read back; 一级指标 and 二级指标 always, so an indicator
 * name used in two groups is. 指标性质, 年度指标值, 权重 and 金额单位 are there to read
 * while filling in and are not read back. The cells to fill (实际完成值, 评定, 偏差原因分析
 * 及改进措施, 得分; 年初预算, 全年预算, 全年执行, 实际完成情况, 目标偏离原因, 整改措施) are left
 * empty, even when the rule file has them: an empty cell read back changes nothing, so
 * a cell left unfilled keeps what the rule file says. The project's cells belong to its
 * first row; its other rows leave them empty.
 */

/*
 * The 年度指标值 as written, for reading only. A leading '=' would make a spreadsheet
 * take the cell for a formula ("=1年" → #NAME?), so it is written as the full-width
 * '＝', which the DSL reads as the same sign; the rest goes through the field writer
 * (and its guard).
 */
static void target_field(jx_writer *wr, const jx_value *t)
{
    if (!t->present)
        return;
    const char *s = t->text.s;
    size_t n = t->text.n;
    if (n > 0 && s[0] == '=') {
        size_t eq = 1;
        while (eq < n && s[eq] == '=')
            eq++; /* "==" is one sign */
        jx_out_str(wr, "＝");
        s += eq;
        n -= eq;
    }
    jx_out_csv_field(wr, s, n);
}

static void template_begin(jx_writer *wr, const jx_project *first)
{
    (void)first;
    jx_out_str(wr, "\xEF\xBB\xBF");
    for (size_t c = 0; c < JX_TEMPLATE_INDICATOR_COLS; c++) {
        if (c)
            jx_out_char(wr, ',');
        jx_out_str(wr, jx_template_indicator_head[c]);
    }
    for (size_t c = JX_TEMPLATE_PROJECT_FIRST; c < JX_TEMPLATE_PROJECT_COLS; c++) {
        jx_out_char(wr, ',');
        jx_out_str(wr, jx_template_project_head[c]);
    }
    jx_out_char(wr, '\n');
}

static void template_project(jx_writer *wr, const jx_project *p)
{
    jx_order ord;
    if (!jx_writer_order(wr, p, &ord))
        return;
    for (size_t i = 0; i < ord.ninds; i++) {
        const jx_indicator *ind = ord.inds[i];
        jx_out_csv_field(wr, p->dept.s, p->dept.n);
        jx_out_char(wr, ',');
        jx_out_csv_field(wr, p->org.s, p->org.n);
        jx_out_char(wr, ',');
        jx_out_csv_field(wr, p->name.s, p->name.n);
        jx_out_char(wr, ',');
        path_cells(wr, ind);
        jx_out_char(wr, ',');
        jx_out_str(wr, jx_template_kind(ind));
        jx_out_char(wr, ',');
        target_field(wr, &ind->target);
        jx_out_char(wr, ',');
        dec_or_empty(wr, ind->has_weight, ind->weight);
        /* 实际完成值, 评定, 偏差原因分析及改进措施, 得分: to be filled in */
        jx_out_str(wr, ",,,,");
        /* 金额单位 on the project's first row, then its cells to fill (年初预算 … 整改措施), empty */
        jx_out_char(wr, ',');
        if (i == 0)
            jx_out_csv_field(wr, p->money_unit.s, p->money_unit.n);
        for (size_t c = JX_TEMPLATE_PROJECT_INPUT; c < JX_TEMPLATE_PROJECT_COLS; c++)
            jx_out_char(wr, ',');
        jx_out_char(wr, '\n');
    }
}

const jx_reporter jx_reporter_template = {.name = "template", .begin = template_begin, .project = template_project,
                                          .finish = finish_nothing};

/* ================================================================== audit
 *
 * Every row has the same columns; the first, 类别, says what the row is:
 *   项目    one per project: its totals and grades, claimed and recomputed
 *   发现    one per finding, after its project's row
 *   汇总    one statistic of the summary: its key in 代码, its value in 说明
 *   按代码  the findings of one code at one severity: the count in 说明
 *   抽查    one project of the sample: why in 代码, the reason in 说明
 */

/** The columns, in order. */
enum { AC_KIND, AC_NAME, AC_FILE, AC_LINE, AC_DEPT, AC_ORG, AC_CLAIMED, AC_TOTAL, AC_DIFF, AC_CGRADE, AC_GRADE,
       AC_SEVERITY, AC_CODE, AC_POS, AC_TEXT, AC_NCOLS };

/* Writes one row of cells (NULL cells are empty). */
static void ac_row(jx_writer *w, const char *const *cells)
{
    for (size_t c = 0; c < AC_NCOLS; c++) {
        if (c)
            jx_out_char(w, ',');
        if (cells[c])
            field(w, cells[c]);
    }
    jx_out_char(w, '\n');
}

/* A line number as a cell, NULL (empty) for 0 (unknown). */
static const char *ac_line(jx_writer *w, uint32_t line)
{
    return line ? jx_scratch_printf(w, "%u", (unsigned)line) : NULL;
}

/* The 项目 row of a project, then a 发现 row per finding. */
static void ac_project(jx_audit_writer *aw, const jx_audit_view *v)
{
    jx_writer *w = aw->out;
    const jx_project *p = v->p;
    const char *cells[AC_NCOLS] = {0};
    cells[AC_KIND] = "项目";
    cells[AC_NAME] = p->name.s;
    cells[AC_FILE] = p->src.file;
    cells[AC_LINE] = ac_line(w, v->line);
    cells[AC_DEPT] = p->dept.s;
    cells[AC_ORG] = p->org.s;
    cells[AC_CLAIMED] = p->has_claimed_total ? jx_audit_points_str(w, p->claimed_total, false) : NULL;
    cells[AC_TOTAL] = v->scored ? jx_audit_points_str(w, jx_audit_total_dec(p), false) : NULL;
    cells[AC_DIFF] = v->has_difference ? jx_audit_points_str(w, v->difference, false) : NULL;
    cells[AC_CGRADE] = jx_grade_name(p->claimed_grade);
    cells[AC_GRADE] = v->scored && p->grade != JX_GRADE_NONE ? jx_grade_name(p->grade) : NULL;
    cells[AC_TEXT] = v->scored ? NULL : "有错误，未能计分";
    ac_row(w, cells);
    for (size_t i = 0; i < v->f.n; i++) {
        const jx_diag *d = v->f.v[i];
        const char *f[AC_NCOLS] = {0};
        f[AC_KIND] = "发现";
        f[AC_NAME] = p->name.s;
        f[AC_FILE] = p->src.file;
        f[AC_LINE] = cells[AC_LINE];
        f[AC_SEVERITY] = jx_severity_name(d->severity);
        f[AC_CODE] = d->code;
        f[AC_POS] = jx_audit_position_str(w, p, d, v->flags);
        f[AC_TEXT] = d->message;
        ac_row(w, f);
    }
}

/* One row of the kind (汇总, 按代码) with a severity, a code and a text; NULL cells empty. */
static void ac_stat_row(jx_writer *w, const char *kind, const char *severity, const char *code, const char *text)
{
    const char *cells[AC_NCOLS] = {0};
    cells[AC_KIND] = kind;
    cells[AC_SEVERITY] = severity;
    cells[AC_CODE] = code;
    cells[AC_TEXT] = text;
    ac_row(w, cells);
}

/* One 汇总 row: key and value. */
static void ac_stat(jx_writer *w, const char *key, const char *value)
{
    ac_stat_row(w, "汇总", NULL, key, value);
}

/* A 汇总 row of a count. */
static void ac_count(jx_writer *w, const char *key, size_t n)
{
    ac_stat(w, key, jx_scratch_printf(w, "%zu", n));
}

/* The 汇总 rows of the grade distribution, prefix "claimed" or "recomputed". */
static void ac_grades(jx_writer *w, const char *prefix, const size_t *counts)
{
    static const jx_grade order[] = {JX_GRADE_EXCELLENT, JX_GRADE_GOOD, JX_GRADE_FAIR, JX_GRADE_POOR, JX_GRADE_NONE};
    for (size_t i = 0; i < 5; i++)
        ac_count(w, jx_scratch_printf(w, "%s:%s", prefix, order[i] == JX_GRADE_NONE ? "none" : jx_grade_name(order[i])),
                 counts[order[i]]);
}

/* The 汇总 rows, then the 按代码 rows. */
static void ac_summary(jx_writer *w, const jx_audit *au)
{
    const jx_audit_summary *s = &au->sum;
    char buf[JX_DEC_BUFSZ];
    ac_count(w, "projects", s->projects);
    ac_count(w, "unscored", s->unscored);
    ac_count(w, "funded", s->funded);
    ac_count(w, "unconverted", s->unconverted);
    ac_stat(w, "budget", jx_scratch_str(w, jx_audit_wan(s->budget_fen, buf, sizeof buf)));
    ac_stat(w, "spent", jx_scratch_str(w, jx_audit_wan(s->spent_fen, buf, sizeof buf)));
    ac_grades(w, "claimed", s->claimed_grades);
    ac_grades(w, "recomputed", s->grades);
    ac_count(w, "claimed_totals", s->claimed_totals);
    ac_stat(w, "inflation", s->claimed_totals ? jx_scratch_str(w, jx_fixed_format(s->inflation_cents, 2, buf, sizeof buf))
                                              : NULL);
    ac_count(w, "claims_100", s->claims_100);
    ac_stat(w, "claims_100_percent", jx_scratch_str(w, jx_audit_percent(s->claims_100_bp, buf, sizeof buf)));
    ac_count(w, "total_differs", s->total_differs);
    ac_count(w, "grade_differs", s->grade_differs);
    ac_count(w, "differs", s->differs);
    ac_count(w, "errors", s->findings[JX_SEV_ERROR]);
    ac_count(w, "warnings", s->findings[JX_SEV_WARNING]);
    ac_count(w, "notes", s->findings[JX_SEV_NOTE]);
    ac_count(w, "flagged", s->flagged);
    for (size_t i = 0; i < au->ntallies; i++) {
        const jx_code_tally *c = &au->tallies[i];
        for (int sev = JX_SEV_ERROR; sev >= JX_SEV_NOTE; sev--)
            if (c->count[sev] != 0)
                ac_stat_row(w, "按代码", jx_severity_name((jx_severity)sev), c->code,
                            jx_scratch_printf(w, "%zu", c->count[sev]));
    }
}

/* One 抽查 row per project picked. */
static void ac_sample(jx_writer *w, const jx_audit *au)
{
    for (size_t i = 0; i < au->npicks; i++) {
        const jx_audit_pick *pk = &au->picks[i];
        const char *cells[AC_NCOLS] = {0};
        cells[AC_KIND] = "抽查";
        cells[AC_NAME] = pk->name;
        cells[AC_FILE] = pk->file;
        cells[AC_LINE] = ac_line(w, pk->line);
        if (au->opts.by == JX_AUDIT_BY_DEPT)
            cells[AC_DEPT] = pk->stratum;
        else if (au->opts.by == JX_AUDIT_BY_ORG)
            cells[AC_ORG] = pk->stratum;
        cells[AC_CODE] = jx_audit_why_code(pk->why);
        cells[AC_TEXT] = pk->reason;
        ac_row(w, cells);
    }
}

/* The header row. */
static void ac_begin(jx_audit_writer *aw)
{
    jx_out_str(aw->out, "类别,项目,文件,行,主管部门,单位,自评总分,重算总分,差额,自评结论,重算结论,严重程度,代码,位置,说明\n");
}

/* The summary and the sample, after the last project. */
static void ac_finish(jx_audit_writer *aw)
{
    ac_summary(aw->out, aw->au);
    ac_sample(aw->out, aw->au);
}

const jx_audit_reporter jx_audit_reporter_csv = {.name = "csv", .begin = ac_begin, .project = ac_project,
                                                 .finish = ac_finish};

/* ================================================================= review
 *
 * A row per indicator, after them a row for a 单列 预算执行率, and a 总分 row per project
 * carrying both totals and the three conclusions (自评 recomputed, as 填报, 复核).
 */

/* ",", then hundredths with 2 decimals, nothing when negative (absent). */
static void rc_cents(jx_writer *wr, int64_t c)
{
    jx_out_char(wr, ',');
    fixed_or_empty(wr, c, 2);
}

/* ",", then a weight in hundredths as written ("30", "7.5"), nothing when absent. */
static void rc_weight(jx_writer *wr, int64_t c)
{
    jx_out_char(wr, ',');
    dec_or_empty(wr, c >= 0, (jx_dec){c, 2});
}

/* ",", then a grade's word, nothing for none. */
static void rc_grade(jx_writer *wr, jx_grade g)
{
    jx_out_char(wr, ',');
    grade_cell(wr, g);
}

/* The header row. */
static void rc_begin(jx_writer *wr)
{
    jx_out_str(wr, "项目,一级指标,二级指标,三级指标,指标性质,指标值,单位,权重,自评完成值,自评得分,填报得分,"
                   "复核完成值,复核得分,扣分,偏差,备注,复核依据,复核表行,自评结论,填报结论,复核结论\n");
}

/* One indicator's row. */
static void rc_line(jx_writer *wr, const jx_review_sheet *s, const jx_review_line *l)
{
    field(wr, s->project);
    next_field(wr, l->level1);
    next_field(wr, l->level2);
    next_field(wr, l->name);
    next_field(wr, l->nature);
    next_field(wr, l->target);
    next_field(wr, l->unit);
    rc_weight(wr, l->weight_cents);
    next_field(wr, l->self_actual);
    rc_cents(wr, l->self_cents);
    rc_cents(wr, l->claimed_cents);
    next_field(wr, l->review_actual);
    rc_cents(wr, l->review_cents);
    rc_cents(wr, l->deduction_cents);
    jx_out_char(wr, ',');
    if (!l->not_applicable)
        jx_out_fixed(wr, l->diff_cents, 2); /* signed */
    next_field(wr, l->note);
    next_field(wr, jx_review_basis_code(l->basis));
    jx_out_char(wr, ',');
    if (l->row)
        jx_out_uint(wr, l->row);
    jx_out_str(wr, ",,,\n");
}

/* The project's rows. */
static void rc_sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    (void)i;
    for (size_t k = 0; k < s->nlines; k++)
        rc_line(wr, s, &s->lines[k]);
    if (s->execution_cents >= 0) {
        field(wr, s->project);
        jx_out_str(wr, ",预算执行率,,,,,");
        rc_weight(wr, s->execution_points_cents);
        jx_out_char(wr, ',');
        rc_cents(wr, s->execution_cents);
        rc_cents(wr, -1);
        jx_out_char(wr, ',');
        rc_cents(wr, s->execution_cents);
        rc_cents(wr, -1);
        rc_cents(wr, 0);
        jx_out_str(wr, ",按资金计分，不复核,,,,,\n");
    }
    field(wr, s->project);
    jx_out_str(wr, ",总分,,,,,");
    rc_weight(wr, s->weight_cents);
    jx_out_char(wr, ',');
    rc_cents(wr, s->self_total_cents);
    rc_cents(wr, s->claimed_total_cents);
    jx_out_char(wr, ',');
    rc_cents(wr, s->review_total_cents);
    jx_out_str(wr, ",,");
    jx_out_fixed(wr, s->diff_cents, 2); /* signed */
    jx_out_str(wr, ",,,");
    rc_grade(wr, s->self_grade);
    rc_grade(wr, s->claimed_grade);
    rc_grade(wr, s->review_grade);
    jx_out_char(wr, '\n');
}

/* Nothing follows the last row. */
static void rc_finish(jx_writer *wr, size_t nsheets)
{
    (void)wr;
    (void)nsheets;
}

const jx_review_reporter jx_review_reporter_csv = {.name = "csv", .begin = rc_begin, .sheet = rc_sheet,
                                                   .finish = rc_finish};

/* ==================================================================== vet
 * The 审核表, every row with the same columns: the project's (项目, 文件, 行, 主管部门, 单位,
 * 审核结果), a finding's (方面, 严重程度, 代码, 位置, 说明), then the indicator's (一级指标,
 * 二级指标, 三级指标, 年度指标值, 上年指标值, 前年指标值, 指标值确定依据). First the
 * project's own findings, a row each with the indicator's columns empty; then each indicator
 * in order, a row for each of its findings or one with the finding's columns empty. A
 * project without indicators or findings is one row; so every project and indicator is in
 * the table, and every finding once. */

enum { VC_NAME, VC_FILE, VC_LINE, VC_DEPT, VC_ORG, VC_RESULT, VC_ASPECT, VC_SEVERITY, VC_CODE, VC_POS, VC_TEXT,
       VC_L1, VC_L2, VC_IND, VC_TARGET, VC_LAST, VC_BEFORE, VC_BASIS, VC_NCOLS };

static void vc_row(jx_writer *w, const char *const *cells)
{
    for (size_t c = 0; c < VC_NCOLS; c++) {
        if (c)
            jx_out_char(w, ',');
        if (cells[c])
            field(w, cells[c]);
    }
    jx_out_char(w, '\n');
}

static void vc_begin(jx_vet_writer *vw)
{
    jx_out_str(vw->out, "项目,文件,行,主管部门,单位,审核结果,方面,严重程度,代码,位置,说明,"
                        "一级指标,二级指标,三级指标,年度指标值,上年指标值,前年指标值,指标值确定依据\n");
}

/* The rows of v's findings about ind (NULL: the project's own); how many. */
static size_t vc_findings(jx_writer *w, const jx_vet_view *v, const jx_indicator *ind, const char **cells)
{
    size_t n = 0;
    for (size_t i = 0; i < v->f.n; i++) {
        if (v->of[i] != ind)
            continue;
        const jx_diag *d = v->f.v[i];
        cells[VC_ASPECT] = jx_vet_aspect_name(jx_vet_aspect_of(d->code));
        cells[VC_SEVERITY] = jx_severity_name(d->severity);
        cells[VC_CODE] = d->code;
        cells[VC_POS] = jx_audit_position_str(w, v->p, d, v->flags);
        cells[VC_TEXT] = d->message;
        vc_row(w, cells);
        n++;
    }
    for (size_t c = VC_ASPECT; c <= VC_TEXT; c++)
        cells[c] = NULL;
    return n;
}

static void vc_project(jx_vet_writer *vw, const jx_vet_view *v)
{
    jx_writer *w = vw->out;
    const jx_project *p = v->p;
    const char *cells[VC_NCOLS] = {
        [VC_NAME] = p->name.s, [VC_FILE] = p->src.file, [VC_LINE] = ac_line(w, v->line), [VC_DEPT] = p->dept.s,
        [VC_ORG] = p->org.s,   [VC_RESULT] = jx_vet_result_name(v->result),
    };
    size_t rows = vc_findings(w, v, NULL, cells);
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        const jx_group *g1 = jx_indicator_group_at(ind, 1), *g2 = jx_indicator_group_at(ind, 2);
        cells[VC_L1] = g1 ? g1->name.s : NULL;
        cells[VC_L2] = g2 ? g2->name.s : NULL;
        cells[VC_IND] = ind->name.s;
        cells[VC_TARGET] = ind->target.present ? ind->target.text.s : NULL;
        cells[VC_LAST] = jx_history_str(&ind->last_year);
        cells[VC_BEFORE] = jx_history_str(&ind->year_before);
        cells[VC_BASIS] = ind->basis.s;
        if (vc_findings(w, v, ind, cells) == 0)
            vc_row(w, cells);
        rows++;
    }
    if (rows == 0)
        vc_row(w, cells);
}

static void vc_finish(jx_vet_writer *vw)
{
    (void)vw;
}

const jx_vet_reporter jx_vet_reporter_csv = {.name = "csv", .begin = vc_begin, .project = vc_project,
                                             .finish = vc_finish};
