/* SPDX-License-Identifier: MIT */
/* build_report.c — what the reports over many projects share (doc.h, "a report"): the
 * audit (build_audit.c) and the 审核 of targets (build_vet.c) word their entries and
 * summaries themselves, and these pieces once — the parts, the head's phrases, the
 * summary in sentences, the close of the overview with the table of every finding.
 */
#include "doc.h"

#include <assert.h>

static const uint16_t kv_share[2] = {180, 820};
static const jx_grid kv_grid = {.ncols = {2, 0}, .page_share = kv_share, .name = "kv"};
static const char *const stats_head[] = {"统计", "结果"};

static const uint16_t findings_share[6] = {170, 50, 55, 150, 75, 500};
static const jx_grid findings_grid = {.ncols = {6, 0}, .page_share = findings_share, .name = "findings"};
static const char *const findings_head[6] = {"项目", "序号", "级别", "代码", "位置", "说明"};

const char *jx_report_min_name(jx_severity s)
{
    return s == JX_SEV_ERROR ? "错误" : s == JX_SEV_WARNING ? "警告及以上" : "提示及以上";
}

const jx_renderer *jx_report_renderer(const jx_writer *w)
{
    const jx_renderer *r = w->render;
    assert(r && r->report_begin && r->report_part_begin && r->report_table_begin && r->finding_list && r->overview);
    return r;
}

jx_report_part jx_report_entry(const char *name, size_t index)
{
    const jx_report_part pt = {
        .part = {.title = "", .caption = "", .name = name, .index = index},
        .role = JX_PART_ENTRY,
        .result = "",
    };
    return pt;
}

jx_report_part jx_report_section(const char *title, const char *caption, const char *result, size_t index)
{
    const jx_report_part pt = {
        .part = {.title = title, .caption = caption, .name = "", .index = index},
        .role = JX_PART_SECTION,
        .result = result,
    };
    return pt;
}

void jx_report_meta(jx_writer *w, const char *label, const char *policy, jx_severity min, const char *meta[2])
{
    meta[0] = jx_scratch_printf(w, "%s：%s", label, policy && policy[0] ? policy : "—");
    meta[1] = jx_scratch_printf(w, "列出%s的发现", jx_report_min_name(min));
}

void jx_report_sentences(jx_writer *w, const jx_renderer *r, const char *const *label, const char *const *value,
                         size_t n, jx_view view)
{
    const jx_report_table t = {
        .spec = {.heading = "", .role = JX_TABLE_PAIRS, .head = stats_head, .align = "ll", .ncols = 2},
        .lead = "",
        .note = "",
        .view = view,
        .grid = &kv_grid,
        .row_head = 1,
    };
    r->report_table_begin(w, &t);
    for (size_t i = 0; i < n; i++) {
        const jx_cell c[2] = {jx_cell_of(label[i], JX_CELL_LABEL), jx_cell_of(value[i], JX_CELL_TEXT)};
        r->row(w, c);
    }
    r->table_end(w);
}

void jx_report_close_overview(jx_writer *w, const jx_renderer *r, const jx_report_table *t, size_t nprojects,
                              size_t nfindings)
{
    const jx_overview o = {
        .table = t,
        .empty = "没有审核的项目。",
        .nrows = nprojects,
        .findings = jx_scratch_printf(w, "发现明细（%zu）", nfindings),
        .findings_empty = "没有发现。",
        .nfindings = nfindings,
        .findings_grid = &findings_grid,
        .findings_head = findings_head,
        .findings_note = "位置：项目文件中的行:列（导入的表格为行号）。",
    };
    r->overview(w, &o);
}
