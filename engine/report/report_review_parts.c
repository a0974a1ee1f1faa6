/* report_review_parts.c — the cells, conclusions and notes of a 复核 sheet, worded once
 * for the text, HTML, Markdown and workbook reporters (report_review.h). */
#include "report_review.h"

#include "report_parts.h"

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
static const char *rp_weight(jx_writer *wr, int64_t cents)
{
    if (cents < 0)
        return "—";
    char buf[JX_DEC_BUFSZ];
    jx_dec d = {cents, 2};
    return jx_scratch_str(wr, jx_dec_format(d, buf, sizeof buf));
}

/* Every cell empty. */
static void rp_clear(const char *cells[JX_RV_NCOLS])
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
    cells[JX_RV_WEIGHT] = rp_weight(wr, l->weight_cents);
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
    rp_clear(cells);
    cells[JX_RV_L1] = jx_scratch_printf(wr, "预算执行率 (%s分)", jx_review_cents(wr, s->execution_points_cents));
    cells[JX_RV_WEIGHT] = rp_weight(wr, s->execution_points_cents);
    cells[JX_RV_SELF_SCORE] = cells[JX_RV_REVIEW_SCORE] = jx_review_cents(wr, s->execution_cents);
    cells[JX_RV_DIFF] = jx_review_cents(wr, 0);
    cells[JX_RV_NOTE] = "（按资金计分，不复核）";
}

void jx_review_total_cells(jx_writer *wr, const jx_review_sheet *s, const char *cells[JX_RV_NCOLS])
{
    rp_clear(cells);
    cells[JX_RV_L1] = "总分";
    cells[JX_RV_WEIGHT] = rp_weight(wr, s->weight_cents);
    cells[JX_RV_SELF_SCORE] = jx_review_cents(wr, s->self_total_cents);
    cells[JX_RV_REVIEW_SCORE] = jx_review_cents(wr, s->review_total_cents);
    cells[JX_RV_DIFF] = jx_review_cents(wr, s->diff_cents);
}

const char *jx_review_self_words(jx_writer *wr, const jx_review_sheet *s)
{
    return jx_scratch_printf(wr, "%s（总分 %s）", jx_review_grade_word(s->self_grade),
                             jx_review_cents(wr, s->self_total_cents));
}

const char *jx_review_review_words(jx_writer *wr, const jx_review_sheet *s)
{
    return jx_scratch_printf(wr, "%s（总分 %s，偏差 %s）", jx_review_grade_word(s->review_grade),
                             jx_review_cents(wr, s->review_total_cents), jx_review_cents(wr, s->diff_cents));
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
    return v;
}
