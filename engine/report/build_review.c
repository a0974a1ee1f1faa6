/* build_review.c — the 项目支出绩效自评复核表 (the 复核 sheet of `jixiao audit --review`) as a
 * document (doc.h): every label, number and sentence of a sheet worded once, for the text,
 * Markdown and txt renderers, and — through report_review.h — for the HTML and workbook
 * reporters that still lay the sheet out themselves.
 *
 * A part per sheet: the title and the year; 项目名称 / 主管部门 / 预算单位 / 复核表; the table
 * of 13 columns — a 单列 预算执行率 first, the indicators in the order of the 自评表 with
 * the 一级 and 二级 cells spanning their rows, 总分 last; the two verdicts (自评结论 with
 * its total, 复核结论 with its total and 偏差); then the notes: how many indicators were
 * reviewed, and each claim of the 自评表 the rules recompute otherwise.
 *
 * The sheet (review.c) holds the numbers; this file only words them (two decimals for
 * scores, the weight as written) and computes none.
 */
#include "doc.h"

#include "report_parts.h"
#include "report_review.h"
#include "review.h"

#include <assert.h>
#include <stdbool.h>
#include <string.h>

/* ------------------------------------------------------------ the words of a sheet */

const char *const jx_review_heads[JX_RV_NCOLS] = {
    "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "单位", "权重", "自评完成值", "自评得分",
    "复核完成值", "复核得分", "偏差", "备注",
};

const char *jx_review_grade_word(jx_grade g)
{
    return g == JX_GRADE_NONE ? "—" : jx_grade_name(g);
}

const char *jx_review_cents(jx_writer *wr, int64_t cents)
{
    char buf[JX_DEC_BUFSZ];
    return jx_scratch_str(wr, jx_fixed_format(cents, 2, buf, sizeof buf));
}

/* A weight in hundredths as written in the form ("30", "7.5"), "—" when none. */
static const char *weight_words(jx_writer *wr, int64_t cents)
{
    if (cents < 0)
        return "—";
    char buf[JX_DEC_BUFSZ];
    jx_dec d = {cents, 2};
    return jx_scratch_str(wr, jx_dec_format(d, buf, sizeof buf));
}

/* Every cell empty. */
static void clear_words(const char *cells[JX_RV_NCOLS])
{
    for (size_t c = 0; c < JX_RV_NCOLS; c++)
        cells[c] = "";
}

void jx_review_line_cells(jx_writer *wr, const jx_review_line *l, const char *cells[JX_RV_NCOLS])
{
    cells[JX_RV_L1] = l->level1;
    cells[JX_RV_L2] = l->level2;
    cells[JX_RV_L3] = l->name;
    cells[JX_RV_NATURE] = l->nature;
    cells[JX_RV_TARGET] = l->target;
    cells[JX_RV_UNIT] = l->unit;
    cells[JX_RV_WEIGHT] = weight_words(wr, l->weight_cents);
    cells[JX_RV_SELF_ACTUAL] = l->self_actual;
    cells[JX_RV_REVIEW_ACTUAL] = l->review_actual;
    if (l->not_applicable) {
        cells[JX_RV_SELF_SCORE] = cells[JX_RV_REVIEW_SCORE] = "不适用";
        cells[JX_RV_DIFF] = "—";
    } else {
        cells[JX_RV_SELF_SCORE] = jx_review_cents(wr, l->self_cents);
        cells[JX_RV_REVIEW_SCORE] = jx_review_cents(wr, l->review_cents);
        cells[JX_RV_DIFF] = jx_review_cents(wr, l->diff_cents);
    }
    cells[JX_RV_NOTE] = l->basis == JX_REVIEW_UNREVIEWED ? "（未复核，沿用自评）" : l->note;
}

void jx_review_execution_cells(jx_writer *wr, const jx_review_sheet *s, const char *cells[JX_RV_NCOLS])
{
    clear_words(cells);
    cells[JX_RV_L1] = jx_scratch_printf(wr, "预算执行率 (%s分)", jx_review_cents(wr, s->execution_points_cents));
    cells[JX_RV_WEIGHT] = weight_words(wr, s->execution_points_cents);
    cells[JX_RV_SELF_SCORE] = cells[JX_RV_REVIEW_SCORE] = jx_review_cents(wr, s->execution_cents);
    cells[JX_RV_DIFF] = jx_review_cents(wr, 0);
    cells[JX_RV_NOTE] = "（按资金计分，不复核）";
}

void jx_review_total_cells(jx_writer *wr, const jx_review_sheet *s, const char *cells[JX_RV_NCOLS])
{
    clear_words(cells);
    cells[JX_RV_L1] = "总分";
    cells[JX_RV_WEIGHT] = weight_words(wr, s->weight_cents);
    cells[JX_RV_SELF_SCORE] = jx_review_cents(wr, s->self_total_cents);
    cells[JX_RV_REVIEW_SCORE] = jx_review_cents(wr, s->review_total_cents);
    cells[JX_RV_DIFF] = jx_review_cents(wr, s->diff_cents);
}

/* What backs the 自评结论: "（总分 100.00）". */
static const char *self_detail(jx_writer *wr, const jx_review_sheet *s)
{
    return jx_scratch_printf(wr, "（总分 %s）", jx_review_cents(wr, s->self_total_cents));
}

/* What backs the 复核结论: "（总分 82.50，偏差 -17.50）". */
static const char *review_detail(jx_writer *wr, const jx_review_sheet *s)
{
    return jx_scratch_printf(wr, "（总分 %s，偏差 %s）", jx_review_cents(wr, s->review_total_cents),
                             jx_review_cents(wr, s->diff_cents));
}

const char *jx_review_self_words(jx_writer *wr, const jx_review_sheet *s)
{
    return jx_scratch_printf(wr, "%s%s", jx_review_grade_word(s->self_grade), self_detail(wr, s));
}

const char *jx_review_review_words(jx_writer *wr, const jx_review_sheet *s)
{
    return jx_scratch_printf(wr, "%s%s", jx_review_grade_word(s->review_grade), review_detail(wr, s));
}

const char **jx_review_notes(jx_writer *wr, const jx_review_sheet *s, size_t *n)
{
    *n = 0;
    const char **v = jx_arena_alloc(&wr->scratch, (s->nlines + 2) * sizeof *v);
    if (!v) {
        jx_scratch_fail(wr);
        return NULL;
    }
    size_t unreviewed = s->nlines - s->reviewed;
    v[(*n)++] = unreviewed ? jx_scratch_printf(wr, "已复核 %zu 个指标，%zu 个未复核，其复核列沿用自评。", s->reviewed,
                                               unreviewed)
                           : jx_scratch_printf(wr, "已复核 %zu 个指标。", s->reviewed);
    for (size_t i = 0; i < s->nlines; i++) {
        const jx_review_line *l = &s->lines[i];
        if (l->not_applicable || l->claimed_cents < 0 || l->claimed_cents == l->self_cents)
            continue;
        v[(*n)++] = jx_scratch_printf(wr, "注：指标“%s”自评表填报得分 %s，按评分办法重算为 %s，表中自评得分为重算值。",
                                      l->name, jx_review_cents(wr, l->claimed_cents),
                                      jx_review_cents(wr, l->self_cents));
    }
    bool total_differs = s->claimed_total_cents >= 0 && s->claimed_total_cents != s->self_total_cents;
    bool grade_differs = s->claimed_grade != JX_GRADE_NONE && s->claimed_grade != s->self_grade;
    if (total_differs || grade_differs) {
        const char *claim = "";
        if (s->claimed_total_cents >= 0)
            claim = jx_scratch_printf(wr, "总分 %s", jx_review_cents(wr, s->claimed_total_cents));
        if (s->claimed_grade != JX_GRADE_NONE)
            claim = jx_scratch_printf(wr, "%s%s结论 %s", claim, s->claimed_total_cents >= 0 ? "、" : "",
                                      jx_grade_name(s->claimed_grade));
        v[(*n)++] = jx_scratch_printf(wr, "注：自评表填报%s，按评分办法重算为 %s、%s。", claim,
                                      jx_review_cents(wr, s->self_total_cents), jx_review_grade_word(s->self_grade));
    }
    assert(*n <= s->nlines + 2); /* one sentence, one per line at most, one on the total */
    return v;
}

/* ------------------------------------------------------------ the document */

static const jx_doc_head review_doc = {.title = "项目支出绩效自评复核表", .empty = "没有复核的项目。"};

/* The alignment of the columns: numbers right, text left. */
static const char review_align[JX_RV_NCOLS + 1] = "llllllrlrlrrl";

/* What each column holds: the three names are labels, 权重 and the scores numbers. */
static const jx_cell_kind column_kind[JX_RV_NCOLS] = {
    [JX_RV_L1] = JX_CELL_LABEL,           [JX_RV_L2] = JX_CELL_LABEL,          [JX_RV_L3] = JX_CELL_LABEL,
    [JX_RV_NATURE] = JX_CELL_TEXT,        [JX_RV_TARGET] = JX_CELL_TEXT,       [JX_RV_UNIT] = JX_CELL_TEXT,
    [JX_RV_WEIGHT] = JX_CELL_NUMBER,      [JX_RV_SELF_ACTUAL] = JX_CELL_TEXT,  [JX_RV_SELF_SCORE] = JX_CELL_NUMBER,
    [JX_RV_REVIEW_ACTUAL] = JX_CELL_TEXT, [JX_RV_REVIEW_SCORE] = JX_CELL_NUMBER, [JX_RV_DIFF] = JX_CELL_NUMBER,
    [JX_RV_NOTE] = JX_CELL_TEXT,
};

/* True when s is a number as the words above write one: an optional '-', digits, at most
 * one '.' followed by digits. Such a cell is ASCII, as wide as it is long (doc.h). */
static bool is_number(const char *s)
{
    if (*s == '-')
        s++;
    if (!(*s >= '0' && *s <= '9'))
        return false;
    while (*s >= '0' && *s <= '9')
        s++;
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9'))
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

/* The cell of column c holding s: in a number column a number, "—" a dash, anything else
 * (不适用, nothing) text. */
static jx_cell cell(size_t c, const char *s)
{
    jx_cell_kind k = column_kind[c];
    if (k == JX_CELL_NUMBER && !is_number(s))
        k = strcmp(s, "—") == 0 ? JX_CELL_DASH : JX_CELL_TEXT;
    return jx_cell_of(s, k);
}

/* The cells of a row the words above fill (execution, total), as they are. */
static void row_of_words(const jx_renderer *r, jx_writer *wr, const char *words[JX_RV_NCOLS])
{
    jx_cell cells[JX_RV_NCOLS];
    for (size_t c = 0; c < JX_RV_NCOLS; c++)
        cells[c] = cell(c, words[c]);
    /* the names of an execution or total row are its first cell; the others are no labels */
    cells[JX_RV_L2].kind = cells[JX_RV_L3].kind = JX_CELL_TEXT;
    r->row(wr, cells);
}

/* Whether line i starts a run of lines under one 一级指标 (and, with l2, one 二级指标 too):
 * the first line, or one whose group differs from the line before. */
static bool starts_group(const jx_review_sheet *s, size_t i, bool l2)
{
    if (i == 0)
        return true;
    const jx_review_line *l = &s->lines[i], *prev = &s->lines[i - 1];
    if (strcmp(prev->level1, l->level1) != 0)
        return true;
    return l2 && strcmp(prev->level2, l->level2) != 0;
}

/* The lines of the run that line i starts: it and those after it up to the next start. */
static uint32_t group_rows(const jx_review_sheet *s, size_t i, bool l2)
{
    assert(starts_group(s, i, l2));
    size_t end = i + 1;
    while (end < s->nlines && !starts_group(s, end, l2))
        end++;
    return (uint32_t)(end - i);
}

/* 项目名称, 主管部门, 预算单位 (left out when not given) and the reviewer's table. */
static void head_fields(jx_writer *wr, const jx_renderer *r, const jx_review_sheet *s)
{
    const jx_field v[] = {
        {.label = "项目名称", .value = s->project},
        {.label = "主管部门", .value = s->dept, .optional = 1},
        {.label = "预算单位", .value = s->org, .optional = 1},
        {.label = "复核表", .value = s->review_file},
    };
    const jx_fields f = {.heading = "", .v = v, .n = 4, .per_row = 4};
    r->fields(wr, &f);
}

/* The table: a 单列 预算执行率, the indicators with their group cells spanning their
 * runs of lines, 总分. A group cell covers the rows below it that its span reaches, so a
 * covered cell always lies under one of an earlier row (doc.h). */
static void table(jx_writer *wr, const jx_renderer *r, const jx_review_sheet *s)
{
    const jx_table_spec t = {
        .heading = "", .role = JX_TABLE_GRID, .head = jx_review_heads, .align = review_align, .ncols = JX_RV_NCOLS,
    };
    r->table_begin(wr, &t);
    const char *words[JX_RV_NCOLS];
    if (s->execution_cents >= 0) {
        jx_review_execution_cells(wr, s, words);
        row_of_words(r, wr, words);
    }
    /* a group cell's place on the rows below it that it spans */
    static const jx_cell covered = {.s = "", .rows = 0, .kind = JX_CELL_LABEL, .covered = 1};
    uint32_t l1_left = 0, l2_left = 0; /* rows the current group cells still span, this one included */
    for (size_t i = 0; i < s->nlines; i++) {
        jx_review_line_cells(wr, &s->lines[i], words);
        jx_cell cells[JX_RV_NCOLS];
        for (size_t c = 0; c < JX_RV_NCOLS; c++)
            cells[c] = cell(c, words[c]);
        bool new_l1 = starts_group(s, i, false), new_l2 = starts_group(s, i, true);
        assert(new_l1 == (l1_left == 0) && new_l2 == (l2_left == 0));
        if (new_l1)
            l1_left = cells[JX_RV_L1].rows = group_rows(s, i, false);
        else
            cells[JX_RV_L1] = covered;
        if (new_l2)
            l2_left = cells[JX_RV_L2].rows = group_rows(s, i, true);
        else
            cells[JX_RV_L2] = covered;
        assert(l2_left <= l1_left); /* a 二级 group lies within its 一级 group */
        l1_left--;
        l2_left--;
        r->row(wr, cells);
    }
    assert(l1_left == 0 && l2_left == 0);
    jx_review_total_cells(wr, s, words);
    row_of_words(r, wr, words);
    r->table_end(wr);
}

/* 自评结论 and 复核结论, each with its total (and the 偏差). */
static void verdicts(jx_writer *wr, const jx_renderer *r, const jx_review_sheet *s)
{
    const jx_verdict v[2] = {
        {.label = "自评结论", .grade = jx_review_grade_word(s->self_grade), .detail = self_detail(wr, s)},
        {.label = "复核结论", .grade = jx_review_grade_word(s->review_grade), .detail = review_detail(wr, s)},
    };
    const jx_conclusion c = {.full_label = "", .full_value = "", .v = v, .n = 2, .note = ""};
    r->conclusion(wr, &c);
}

/* The notes: reviewed and unreviewed indicators, claims recomputed otherwise. */
static void notes(jx_writer *wr, const jx_renderer *r, const jx_review_sheet *s)
{
    size_t n;
    const char **v = jx_review_notes(wr, s, &n);
    if (!v || n == 0)
        return; /* the scratch arena ran out: the writer failed */
    const jx_notes ns = {.v = v, .n = n};
    r->notes(wr, &ns);
}

/* One sheet as a part of the document. */
static void build_sheet(jx_writer *wr, const jx_renderer *r, const jx_review_sheet *s, size_t i)
{
    assert(jx_review_sheet_consistent(s));
    assert(r->notes); /* a renderer of the sheet draws its notes */
    const char *caption = s->year > 0 ? jx_scratch_printf(wr, "（%d年度）", s->year) : "";
    const jx_part pt = {.title = review_doc.title, .caption = caption, .name = s->project, .index = i};
    r->part_begin(wr, &pt);
    head_fields(wr, r, s);
    table(wr, r, s);
    verdicts(wr, r, s);
    notes(wr, r, s);
    r->part_end(wr);
}

/* ------------------------------------------------------------ reporters
 * A jx_review_reporter's functions get the writer only: each format's are bound here to
 * its reporter, whose render draws the document. */

static void text_begin(jx_writer *wr)
{
    jx_review_reporter_text.render->doc_begin(wr, &review_doc);
}

static void text_sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    build_sheet(wr, jx_review_reporter_text.render, s, i);
}

static void text_finish(jx_writer *wr, size_t nsheets)
{
    jx_review_reporter_text.render->doc_end(wr, &review_doc, nsheets);
}

static void md_begin(jx_writer *wr)
{
    jx_review_reporter_md.render->doc_begin(wr, &review_doc);
}

static void md_sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    build_sheet(wr, jx_review_reporter_md.render, s, i);
}

static void md_finish(jx_writer *wr, size_t nsheets)
{
    jx_review_reporter_md.render->doc_end(wr, &review_doc, nsheets);
}

static void txt_begin(jx_writer *wr)
{
    jx_review_reporter_txt.render->doc_begin(wr, &review_doc);
}

static void txt_sheet(jx_writer *wr, const jx_review_sheet *s, size_t i)
{
    build_sheet(wr, jx_review_reporter_txt.render, s, i);
}

static void txt_finish(jx_writer *wr, size_t nsheets)
{
    jx_review_reporter_txt.render->doc_end(wr, &review_doc, nsheets);
}

const jx_review_reporter jx_review_reporter_text = {
    .name = "text", .begin = text_begin, .sheet = text_sheet, .finish = text_finish, .render = &jx_render_text,
};
const jx_review_reporter jx_review_reporter_md = {
    .name = "md", .begin = md_begin, .sheet = md_sheet, .finish = md_finish, .render = &jx_render_md,
};
const jx_review_reporter jx_review_reporter_txt = {
    .name = "txt", .begin = txt_begin, .sheet = txt_sheet, .finish = txt_finish, .render = &jx_render_txt,
};
