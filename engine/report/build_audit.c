/* SPDX-License-Identifier: MIT */
/* build_audit.c — the audit report (jixiao audit) as a document (doc.h): what it says,
 * worded once for every renderer, and its reporters for the text, Markdown, txt, HTML and
 * workbook formats; the audit's wording, so that each sentence of the audit is written
 * here only.
 *
 * The document (a report, doc.h):
 *   - the head: 审核报告, the policy and the severity threshold, how to read it; the
 *     workbook's sheets: 汇总 first, then the lists 项目 and 发现;
 *   - an entry per project, in three views: its detail — 项目名称, 位置, 主管部门, 预算单位,
 *     资金; the 自评/重算/差额 of its 总分 and 结论; its findings —, its row of the overview
 *     (序号 … 错误 警告 提示: on the page 预算单位 and 位置 under the 项目名称, the recomputed
 *     总分 and 结论 marked where the claim differs), and its records for the workbook: its
 *     row of 项目, a row of 发现 per finding (with the 指标 it is about);
 *   - the section 汇总: the counts in sentences for the pages (项目, 资金, 平均虚高, 自评 100
 *     分, 自评与重算不符), as figures with what each counts for the workbook; 结论分布 with its
 *     chart; the findings by code, with their sums and the projects with an error for the
 *     workbook;
 *   - the close of the overview: its heading with the number of projects, the number of
 *     findings, the table of the findings on the page;
 *   - the section 抽查 when a sample was asked for: how it was drawn and the picks, for the
 *     workbook with each pick's stratum and funds.
 * The numbers are the scoring layer's (audit.h): this file words them and computes nothing.
 * The layout is stated here as data: the page's tables (their columns' widths, the
 * overview's head of two rows), the workbook's sheets (their columns' widths, the numbers
 * they store and with how many places).
 */
#include "doc.h"

#include "codes.h"

#include <assert.h>
#include <string.h>

/* ------------------------------------------------------------ the wording */

/* The columns of the grade distribution, in order: 优, 良, 中, 差, then none. */
static const jx_grade grade_order[5] = {JX_GRADE_EXCELLENT, JX_GRADE_GOOD, JX_GRADE_FAIR, JX_GRADE_POOR,
                                        JX_GRADE_NONE};

/* The head of a column of the distribution: "优" … "差", "未填/未计分" for none. */
static const char *grade_head(jx_grade g)
{
    return g == JX_GRADE_NONE ? "未填/未计分" : jx_grade_name(g);
}


/* Why a project was picked: "有错误，必抽", or "自评偏高，必抽" for a claimed 总分 or 结论
 * above the recomputed one; "按资金加权抽取", "随机抽取". */
static const char *pick_why_name(const jx_audit_pick *pk)
{
    switch (pk->why) {
    case JX_AUDIT_FLAGGED: return pk->flagged_for & JX_AUDIT_FLAG_ERROR ? "有错误，必抽" : "自评偏高，必抽";
    case JX_AUDIT_WEIGHTED: return "按资金加权抽取";
    default: return "随机抽取";
    }
}

/* Rows of the summary's sentences. */
#define SUMMARY_ROWS 5

/* The summary's sentences — 项目, 资金, 平均虚高, 自评 100 分, 自评与重算不符 — into label[]
 * and value[]. */
static void summary_rows(jx_writer *w, const jx_audit_summary *s, const char *label[SUMMARY_ROWS],
                         const char *value[SUMMARY_ROWS])
{
    char b[JX_DEC_BUFSZ], sp[JX_DEC_BUFSZ], pct[JX_DEC_BUFSZ];
    label[0] = "项目";
    value[0] = jx_scratch_printf(w, "%zu 个，其中无法计分 %zu 个", s->projects, s->unscored);
    label[1] = "资金";
    value[1] = jx_scratch_printf(w, "全年预算 %s 万元，全年执行 %s 万元（%zu 个项目）",
                                 jx_audit_wan(s->budget_fen, b, sizeof b), jx_audit_wan(s->spent_fen, sp, sizeof sp),
                                 s->funded);
    if (s->unconverted)
        value[1] = jx_scratch_printf(w, "%s；另有 %zu 个项目的金额单位无法换算，未计入", value[1], s->unconverted);
    label[2] = "平均虚高";
    jx_dec mean = {s->inflation_cents, 2};
    value[2] = s->claimed_totals
                   ? jx_scratch_printf(w, "%s 分（自评总分 − 重算总分，%zu 个填了总分并已计分的项目的平均）",
                                       jx_audit_points_str(w, mean, true), s->claimed_totals)
                   : "—（没有填了总分并已计分的项目）";
    label[3] = "自评 100 分";
    value[3] = jx_scratch_printf(w, "%zu 个，占全部项目的 %s%%", s->claims_100,
                                 jx_audit_percent(s->claims_100_bp, pct, sizeof pct));
    label[4] = "自评与重算不符";
    value[4] = jx_scratch_printf(w, "%zu 个：总分不符 %zu 个，结论不符 %zu 个", s->differs, s->total_differs,
                                 s->grade_differs);
}

/* The findings counted: "28 条：错误 0，警告 26，提示 2；有错误的项目 0 个", or "无". */
static const char *findings_words(jx_writer *w, const jx_audit_summary *s)
{
    size_t n = s->findings[0] + s->findings[1] + s->findings[2];
    if (n == 0)
        return "无";
    return jx_scratch_printf(w, "%zu 条：错误 %zu，警告 %zu，提示 %zu；有错误的项目 %zu 个", n,
                             s->findings[JX_SEV_ERROR], s->findings[JX_SEV_WARNING], s->findings[JX_SEV_NOTE],
                             s->flagged);
}

/* How the sample of au was drawn: "抽取 20%，种子 42，按单位分层，有错误或自评高于重算的项目必抽". */
static const char *sample_words(jx_writer *w, const jx_audit *au)
{
    const jx_audit_options *o = &au->opts;
    char pct[JX_DEC_BUFSZ];
    const char *s = au->share
                        ? jx_scratch_printf(w, "抽取 %s%%", jx_dec_format((jx_dec){o->sample_bp, 2}, pct, sizeof pct))
                        : jx_scratch_printf(w, "抽取 %u 个", (unsigned)o->sample_count);
    s = jx_scratch_printf(w, "%s，种子 %llu", s, (unsigned long long)o->seed);
    if (o->by != JX_AUDIT_BY_NONE)
        s = jx_scratch_printf(w, "%s，按%s分层", s, o->by == JX_AUDIT_BY_ORG ? "单位" : "主管部门");
    if (o->weight_funds)
        s = jx_scratch_printf(w, "%s，按资金加权", s);
    if (o->include_flagged)
        s = jx_scratch_printf(w, "%s，有错误或自评高于重算的项目必抽", s);
    return s;
}

/* 备注 of a project's record: what its numbers do not say. */
static const char *remark_of(jx_writer *w, const jx_audit_view *v)
{
    const char *s = "";
    if (!v->scored)
        s = "有错误，未能计分";
    if (v->funds == JX_AUDIT_FUNDS_UNCONVERTED)
        s = jx_scratch_printf(w, "%s%s金额单位“%s”无法换算为万元，未计入资金合计", s, s[0] ? "；" : "",
                              v->p->money_unit.s);
    if (v->grade_differs)
        s = jx_scratch_printf(w, "%s%s结论不符", s, s[0] ? "；" : "");
    return s;
}

/* ------------------------------------------------------------ cells */

/* A dash: no number. */
static jx_cell dash(void)
{
    return jx_cell_of("—", JX_CELL_DASH);
}

/* Points as the workbook stores them: exactly, with their places, at least two. */
static jx_cell_num points_num(jx_dec d)
{
    return (jx_cell_num){.v = d.v, .scale = (uint8_t)d.scale, .places = (uint8_t)(d.scale > 2 ? d.scale : 2), .set = 1};
}

/* Points as a number cell ("86.44", "+13.56" with sign). */
static jx_cell points(jx_writer *w, jx_dec d, bool sign)
{
    return jx_cell_number(jx_audit_points_str(w, d, sign), points_num(d));
}

/* 分 as 万元, exactly (1 万元 = 10^6 分), with as many places as it needs, at least two. */
static jx_cell_num wan_num(int64_t fen)
{
    uint8_t places = 6;
    for (int64_t f = fen; places > 2 && f % 10 == 0; f /= 10)
        places--;
    return (jx_cell_num){.v = fen, .scale = 6, .places = places, .set = 1};
}

/* 分 as a number cell in 万元 ("180", "171.5"). */
static jx_cell wan(jx_writer *w, int64_t fen)
{
    char buf[JX_DEC_BUFSZ];
    return jx_cell_number(jx_scratch_str(w, jx_audit_wan(fen, buf, sizeof buf)), wan_num(fen));
}

/* A cell not measured where the workbook fits its columns to their text. */
static jx_cell unfit(jx_cell c)
{
    c.nofit = 1;
    return c;
}

/* A cell spanning the rest of a row of the workbook's first sheet: a figure's note. */
static jx_cell note_cell(const char *s)
{
    jx_cell c = jx_cell_of(s, JX_CELL_TEXT);
    c.cols[JX_GRID_SHEET] = 4;
    return c;
}

/* ------------------------------------------------------------ the layout */

/* The workbook's first sheet: a label, then five columns of numbers (a note spans the
 * last four). The labels' column is as wide as the findings' codes, the next as their
 * names and the total budget; the other figures are not measured. */
static const uint8_t sheet_min[6] = {26, 14, 14, 14, 14, 14};
static const uint8_t sheet_max[6] = {40, 30, 14, 14, 14, 14};
static const jx_doc_list summary_sheet = {
    .name = "汇总", .title = "审核汇总", .min = sheet_min, .max = sheet_max, .ncols = 6};

/* The workbook's list of projects: a row each, 主管部门 and 预算单位 apart, what the numbers
 * do not say in 备注. */
enum {
    P_NO, P_NAME, P_WHERE, P_DEPT, P_ORG, P_BUDGET, P_SPENT, P_CLAIMED, P_TOTAL, P_DIFF,
    P_CLAIMED_GRADE, P_GRADE, P_ERRORS, P_WARNINGS, P_NOTES, P_REMARK, NP
};
static const char *const project_head[NP] = {
    "序号", "项目名称", "位置", "主管部门", "预算单位", "全年预算（万元）", "全年执行（万元）", "自评总分",
    "重算总分", "差额", "自评结论", "重算结论", "错误", "警告", "提示", "备注",
};
static const uint8_t project_min[NP] = {6, 20, 16, 12, 16, 12, 12, 10, 10, 9, 10, 10, 6, 6, 6, 10};
static const uint8_t project_max[NP] = {8, 40, 40, 30, 40, 20, 20, 12, 12, 12, 11, 11, 8, 8, 8, 40};
static const jx_doc_list project_list = {
    .name = "项目", .head = project_head, .min = project_min, .max = project_max, .ncols = NP, .landscape = 1};

/* The workbook's list of findings: a row each, with its code's name and the 指标 it is about. */
enum { F_CODE, F_CODE_NAME, F_SEVERITY, F_PROJECT, F_INDICATOR, F_WHERE, F_MESSAGE, NF };
static const char *const finding_head[NF] = {"代码", "代码名称", "级别", "项目", "指标", "位置", "说明"};
static const uint8_t finding_min[NF] = {12, 12, 8, 20, 14, 16, 40};
static const uint8_t finding_max[NF] = {24, 24, 8, 36, 24, 48, 60};
static const jx_doc_list finding_list = {
    .name = "发现", .head = finding_head, .min = finding_min, .max = finding_max, .ncols = NF, .landscape = 1};

static const jx_doc_list *const entry_lists[] = {&project_list, &finding_list};

/* The workbook's list of the sample's picks, with each one's stratum and funds. */
enum { S_NO, S_NAME, S_WHERE, S_STRATUM, S_FUNDS, S_WHY, S_REASON, NS };
static const uint8_t sample_min[NS] = {6, 20, 16, 12, 12, 12, 40};
static const uint8_t sample_max[NS] = {8, 40, 40, 40, 20, 16, 60};

/* The tables on the page: each column's share of the width, in tenths of a percent. */
static const uint16_t dist_share[6] = {150, 170, 170, 170, 170, 170};
static const uint16_t codes_share[6] = {250, 270, 120, 120, 120, 120};
static const uint16_t projects_share[12] = {50, 275, 80, 80, 75, 75, 75, 60, 60, 55, 55, 60};
static const uint16_t picks_share[5] = {50, 200, 180, 100, 470};
static const jx_grid dist_grid = {.ncols = {6, 0}, .page_share = dist_share, .name = "dist"};
static const jx_grid codes_grid = {.ncols = {6, 0}, .page_share = codes_share, .name = "codes"};
static const jx_grid projects_grid = {.ncols = {12, 0}, .page_share = projects_share, .name = "projects"};
static const jx_grid picks_grid = {.ncols = {5, 0}, .page_share = picks_share, .name = "picks"};

/* ------------------------------------------------------------ the tables */

/* The 总分 and 结论 of an entry: claimed, recomputed, how they differ. The corner is
 * empty: the rows say what they are. */
static const char *const claims_head[] = {"", "自评", "重算", "差额"};

/* The overview: a row per project. The 序号 is derived (the text leaves it out). */
enum {
    OV_NUMBER, OV_NAME, OV_ORG, OV_WHERE, OV_BUDGET, OV_SPENT, OV_CLAIMED, OV_TOTAL, OV_DIFF,
    OV_CLAIMED_GRADE, OV_GRADE, OV_ERRORS, OV_WARNINGS, OV_NOTES, NOV
};
static const char *const overview_head[NOV] = {"序号", "项目名称", "预算单位", "位置", "全年预算（万元）",
                                               "全年执行（万元）", "自评总分", "重算总分", "差额", "自评结论",
                                               "重算结论", "错误", "警告", "提示"};
static const char overview_align[] = "rlllrrrrrccrrr";
static const char overview_derived[] = "#.............";
_Static_assert(sizeof overview_align - 1 == NOV && sizeof overview_derived - 1 == NOV,
               "a letter per column of the overview");

/* The overview's head on the page: 预算单位 and 位置 under the 项目名称, the funds, 总分, 结论
 * and the findings each a group of short heads. */
#define HEAD(text, nrows, ncols) {.s = (text), .rows = (nrows), .kind = JX_CELL_LABEL, .cols = {(ncols), 1}}
#define JOINED {.s = "", .rows = 1, .kind = JX_CELL_LABEL, .cols = {JX_COLS_JOINED, 1}}
#define COVERED {.s = "", .rows = 0, .kind = JX_CELL_LABEL, .covered = 1}
static const jx_cell overview_page_head[2 * NOV] = {
    HEAD("序号", 2, 1), HEAD("项目名称／预算单位／位置", 2, 1), JOINED, JOINED, HEAD("资金（万元）", 1, 2), JOINED,
    HEAD("总分", 1, 3), JOINED, JOINED, HEAD("结论", 1, 2), JOINED, HEAD("发现", 1, 3), JOINED, JOINED,
    COVERED, COVERED, JOINED, JOINED, HEAD("全年预算", 1, 1), HEAD("全年执行", 1, 1), HEAD("自评", 1, 1),
    HEAD("重算", 1, 1), HEAD("差额", 1, 1), HEAD("自评", 1, 1), HEAD("重算", 1, 1), HEAD("错误", 1, 1),
    HEAD("警告", 1, 1), HEAD("提示", 1, 1),
};
#undef HEAD
#undef JOINED
#undef COVERED

/* The note under the overview; on the page, where the recomputed 总分 and 结论 that differ
 * from the claim are set off, it says so. */
static const char overview_note[] = "差额 = 自评总分 − 重算总分。资金按年度资金总额一行计，该行缺失或为 0 时按各资金来源合计。";
static const char overview_marked_note[] = "差额 = 自评总分 − 重算总分；加粗的重算总分、结论与自评不符。"
                                           "资金按年度资金总额一行计，该行缺失或为 0 时按各资金来源合计。";

/* The findings of every entry on the page, in the order the page draws them. */

/* The summary's counts, its figures, its grade distribution, its findings by code (合计
 * derived), their sums. */
static const char *const figures_head[] = {"统计", "数", "说明"};
static const char *const codes_head[] = {"代码", "名称", "错误", "警告", "提示", "合计"};

/* The sample's picks (序号 derived). */
static const char *const picks_head[] = {"序号", "项目", "位置", "抽取方式", "说明"};

/* A section of the report: its title, what it is, what it came to (the caller keeps it
 * until the section's part_end). */
/* ------------------------------------------------------------ the document */

/* The head: the title, the policy and the threshold, how to read it (the phrases of the
 * caption and the note in meta[3]); the workbook's sheets. */
static jx_report_head head_of(jx_audit_writer *aw, const char *meta[3])
{
    const char *pol = jx_audit_policy_name(aw->au);
    jx_report_meta(aw->out, "评分办法", pol, aw->au->opts.min_severity, meta);
    meta[2] = "自评总分、结论按评分办法重算";
    const jx_report_head h = {
        .doc = {.title = "审核报告", .empty = "", .style = JX_STYLE_REPORT},
        .caption = jx_scratch_printf(aw->out, "%s；%s", meta[0], meta[1]),
        .note = jx_scratch_printf(aw->out, "%s。", meta[2]),
        .meta = meta,
        .nmeta = 3,
        .sheet = &summary_sheet,
        .lists = entry_lists,
        .nlists = sizeof entry_lists / sizeof entry_lists[0],
    };
    return h;
}

/* What an entry's views share: its position, its funds, its 总分. */
typedef struct entry_words {
    const char *where;  /* "a-road.jx:12" */
    jx_cell budget;     /* 全年预算 in 万元, or a dash */
    jx_cell spent;      /* 全年执行 */
    jx_cell claimed;    /* the 总分 claimed, or a dash */
    jx_cell total;      /* recomputed */
    jx_cell difference; /* claimed − recomputed, signed */
} entry_words;

static entry_words words_of(jx_writer *w, const jx_audit_view *v)
{
    const jx_project *p = v->p;
    entry_words e;
    e.where = jx_where_of(w, p->src.file, v->line);
    e.budget = v->funds == JX_AUDIT_FUNDS_OK ? wan(w, v->budget_fen) : dash();
    e.spent = v->funds == JX_AUDIT_FUNDS_OK ? wan(w, v->spent_fen) : dash();
    e.claimed = p->has_claimed_total ? points(w, p->claimed_total, false) : dash();
    e.total = v->scored ? points(w, jx_audit_total_dec(p), false) : dash();
    e.difference = v->has_difference ? points(w, v->difference, true) : dash();
    return e;
}

/* The entry's detail: 项目名称, 位置, and 主管部门, 预算单位 and 资金 when it has them. */
static void entry_fields(jx_writer *w, const jx_renderer *r, const jx_audit_view *v, const entry_words *e)
{
    const jx_project *p = v->p;
    const char *funds = "";
    if (v->funds == JX_AUDIT_FUNDS_OK)
        funds = jx_scratch_printf(w, "全年预算 %s 万元，全年执行 %s 万元", e->budget.s, e->spent.s);
    else if (v->funds == JX_AUDIT_FUNDS_UNCONVERTED)
        funds = jx_scratch_printf(w, "金额单位“%s”无法换算为万元", p->money_unit.s);
    const jx_field f[] = {
        {.label = "项目名称", .value = p->name.s},
        {.label = "位置", .value = e->where},
        {.label = "主管部门", .value = p->dept.n ? p->dept.s : "", .optional = 1},
        {.label = "预算单位", .value = p->org.n ? p->org.s : "", .optional = 1},
        {.label = "资金", .value = funds, .optional = 1},
    };
    const jx_fields fs = {.heading = "", .v = f, .n = sizeof f / sizeof f[0], .per_row = 1};
    r->fields(w, &fs);
}

/* The entry's 总分 and 结论, claimed and recomputed; a project that could not be scored
 * says so under them. */
static void entry_claims(jx_writer *w, const jx_renderer *r, const jx_audit_view *v, const entry_words *e)
{
    const jx_project *p = v->p;
    const jx_report_table t = {
        .spec = {.heading = "", .role = JX_TABLE_CROSS, .head = claims_head, .align = "lrrr", .ncols = 4},
        .lead = "",
        .note = v->scored ? "" : "有错误，未能计分",
    };
    r->report_table_begin(w, &t);
    jx_cell c[4];
    c[0] = jx_cell_of("总分", JX_CELL_LABEL);
    c[1] = e->claimed;
    c[2] = e->total;
    c[3] = e->difference;
    r->row(w, c);
    c[0] = jx_cell_of("结论", JX_CELL_LABEL);
    c[1] = p->claimed_grade != JX_GRADE_NONE ? jx_cell_of(jx_grade_name(p->claimed_grade), JX_CELL_TEXT) : dash();
    c[2] = v->scored && p->grade != JX_GRADE_NONE ? jx_cell_of(jx_grade_name(p->grade), JX_CELL_TEXT) : dash();
    c[3] = jx_cell_of(v->grade_differs ? "不符" : "", JX_CELL_TEXT);
    r->row(w, c);
    r->table_end(w);
}

/* The overview's table: its heading, heads, the note under it; on the page its columns, its
 * head of two rows, the name heading each row, the flag of a 结论 that differs. */
static jx_report_table overview_table(const char *heading)
{
    const jx_report_table t = {
        .spec = {.heading = heading,
                 .role = JX_TABLE_OVERVIEW,
                 .head = overview_head,
                 .align = overview_align,
                 .ncols = NOV,
                 .grid_head = {overview_page_head, NULL},
                 .head_rows = {2, 0}},
        .lead = "",
        .note = overview_note,
        .derived = overview_derived,
        .grid = &projects_grid,
        .row_head = OV_NAME + 1,
        .flag = "不符",
        .marked_note = overview_marked_note,
    };
    return t;
}

/* The entry's row of the overview, numbered from 1: the recomputed 总分 marked where it
 * differs from the claim, the 结论 flagged. */
static void entry_row(jx_writer *w, const jx_renderer *r, const jx_audit_view *v, const entry_words *e, size_t nth)
{
    const jx_project *p = v->p;
    const char *grade = !v->scored ? "未能计分" : p->grade != JX_GRADE_NONE ? jx_grade_name(p->grade) : "—";
    jx_cell c[NOV];
    c[OV_NUMBER] = jx_cell_count(w, nth);
    c[OV_NUMBER].align = JX_ALIGN_CENTER;
    c[OV_NAME] = jx_cell_aligned(p->name.s, JX_CELL_LABEL, JX_ALIGN_LEFT);
    c[OV_ORG] = jx_cell_of(p->org.n ? p->org.s : p->dept.s, JX_CELL_TEXT);
    c[OV_ORG].cols[JX_GRID_PAGE] = JX_COLS_JOINED;
    c[OV_WHERE] = jx_cell_of(e->where, JX_CELL_TEXT);
    c[OV_WHERE].cols[JX_GRID_PAGE] = JX_COLS_JOINED;
    c[OV_BUDGET] = e->budget;
    c[OV_BUDGET].align = JX_ALIGN_RIGHT;
    c[OV_SPENT] = e->spent;
    c[OV_SPENT].align = JX_ALIGN_RIGHT;
    c[OV_CLAIMED] = e->claimed;
    c[OV_TOTAL] = e->total;
    if (v->has_difference && v->difference.v != 0)
        c[OV_TOTAL].look = JX_LOOK_MARKED;
    c[OV_DIFF] = e->difference;
    c[OV_CLAIMED_GRADE] =
        p->claimed_grade != JX_GRADE_NONE ? jx_cell_of(jx_grade_name(p->claimed_grade), JX_CELL_TEXT) : dash();
    c[OV_GRADE] = jx_cell_of(grade, strcmp(grade, "—") == 0 ? JX_CELL_DASH : JX_CELL_TEXT);
    if (v->grade_differs)
        c[OV_GRADE].look = JX_LOOK_FLAGGED;
    c[OV_ERRORS] = jx_cell_count(w, v->f.count[JX_SEV_ERROR]);
    c[OV_WARNINGS] = jx_cell_count(w, v->f.count[JX_SEV_WARNING]);
    c[OV_NOTES] = jx_cell_count(w, v->f.count[JX_SEV_NOTE]);
    const jx_report_table t = overview_table("项目");
    r->report_table_begin(w, &t);
    r->row(w, c);
    r->table_end(w);
}

/* The entry's record in the workbook's list of projects. */
static void entry_record(jx_writer *w, const jx_renderer *r, const jx_audit_view *v, const entry_words *e,
                         size_t nth)
{
    const jx_project *p = v->p;
    jx_cell c[NP];
    c[P_NO] = jx_cell_count(w, nth);
    c[P_NAME] = jx_cell_of(p->name.s, JX_CELL_TEXT);
    c[P_WHERE] = jx_cell_of(e->where, JX_CELL_TEXT);
    c[P_DEPT] = jx_cell_of(p->dept.s, JX_CELL_TEXT);
    c[P_ORG] = jx_cell_of(p->org.s, JX_CELL_TEXT);
    c[P_BUDGET] = e->budget;
    c[P_SPENT] = e->spent;
    c[P_CLAIMED] = e->claimed;
    c[P_TOTAL] = e->total;
    c[P_DIFF] = e->difference;
    c[P_CLAIMED_GRADE] = p->claimed_grade != JX_GRADE_NONE
                             ? jx_cell_aligned(jx_grade_name(p->claimed_grade), JX_CELL_TEXT, JX_ALIGN_CENTER)
                             : dash();
    c[P_GRADE] = v->scored && p->grade != JX_GRADE_NONE ? jx_cell_aligned(jx_grade_name(p->grade), JX_CELL_TEXT, JX_ALIGN_CENTER)
                                                        : dash();
    c[P_ERRORS] = jx_cell_count(w, v->f.count[JX_SEV_ERROR]);
    c[P_WARNINGS] = jx_cell_count(w, v->f.count[JX_SEV_WARNING]);
    c[P_NOTES] = jx_cell_count(w, v->f.count[JX_SEV_NOTE]);
    c[P_REMARK] = jx_cell_of(remark_of(w, v), JX_CELL_TEXT);
    jx_report_table t = jx_book_table(JX_TABLE_RECORDS, project_head, "rllllrrrrrccrrrl", NP);
    t.list = &project_list;
    r->report_table_begin(w, &t);
    r->row(w, c);
    r->table_end(w);
}

/* The entry's findings in report order, each with its position as the audit words it,
 * into *out (the scratch arena); returns how many, 0 and the writer failed when the arena
 * ran out. */
static size_t entry_finding_words(jx_writer *w, const jx_audit_view *v, const jx_finding **out)
{
    const jx_audit_findings *f = &v->f;
    *out = NULL;
    if (f->n == 0)
        return 0;
    jx_finding *list = jx_arena_alloc(&w->scratch, f->n * sizeof *list);
    if (!list) {
        jx_scratch_fail(w);
        return 0;
    }
    const char *file = v->p->src.file;
    size_t nfile = strlen(file);
    for (size_t i = 0; i < f->n; i++) {
        const jx_diag *d = f->v[i];
        const char *where = jx_audit_position_str(w, v->p, d, v->flags);
        int here = strncmp(where, file, nfile) == 0 && where[nfile] == ':';
        list[i] = (jx_finding){.severity = d->severity,
                               .level = jx_severity_name(d->severity),
                               .where = where,
                               .code = d->code,
                               .message = d->message,
                               .at = here ? where + nfile + 1 : where};
    }
    *out = list;
    return f->n;
}

/* The entry's findings: a list under its heading. */
static void entry_findings(jx_writer *w, const jx_renderer *r, const jx_audit_view *v, const jx_finding *list,
                           size_t n)
{
    const jx_audit_findings *f = &v->f;
    const jx_finding_list l = {
        .heading = n ? jx_scratch_printf(w, "发现（%zu 条：错误 %zu，警告 %zu，提示 %zu）", n, f->count[JX_SEV_ERROR],
                                         f->count[JX_SEV_WARNING], f->count[JX_SEV_NOTE])
                     : "",
        .title = jx_scratch_printf(w, "%s（%zu 条）", v->p->name.s, n),
        .label = "发现",
        .empty = "无",
        .v = list,
        .n = n,
        .name = v->p->name.s,
        .file = v->p->src.file,
    };
    r->finding_list(w, &l);
}

/* The entry's findings in the workbook's list of findings: a row each, with its code's name
 * and the 指标 it is about. */
static void entry_finding_records(jx_writer *w, const jx_renderer *r, const jx_audit_view *v, const jx_finding *list,
                                  size_t n)
{
    jx_report_table t = jx_book_table(JX_TABLE_RECORDS, finding_head, "llcllll", NF);
    t.list = &finding_list;
    r->report_table_begin(w, &t);
    for (size_t i = 0; i < n; i++) {
        const jx_finding *f = &list[i];
        const jx_cell c[NF] = {
            [F_CODE] = jx_cell_of(f->code, JX_CELL_TEXT),
            [F_CODE_NAME] = jx_cell_of(jx_code_name_or_empty(f->code), JX_CELL_TEXT),
            [F_SEVERITY] = jx_cell_aligned(f->level, JX_CELL_TEXT, JX_ALIGN_CENTER),
            [F_PROJECT] = jx_cell_of(v->p->name.s, JX_CELL_TEXT),
            [F_INDICATOR] = jx_cell_of(jx_audit_indicator_name(v->p, v->f.v[i]), JX_CELL_TEXT),
            [F_WHERE] = jx_cell_of(f->where, JX_CELL_TEXT),
            [F_MESSAGE] = jx_cell_of(f->message, JX_CELL_TEXT),
        };
        r->row(w, c);
    }
    r->table_end(w);
}

/* 汇总 in sentences, for the pages. */
static void summary_sentences(jx_writer *w, const jx_renderer *r, const jx_audit_summary *s)
{
    const char *label[SUMMARY_ROWS], *value[SUMMARY_ROWS];
    summary_rows(w, s, label, value);
    jx_report_sentences(w, r, label, value, SUMMARY_ROWS, JX_VIEW_PAGE);
}

/* A figure of the workbook's summary: its label, its value (not measured), what it counts. */
static void figure(jx_writer *w, const jx_renderer *r, const char *label, jx_cell value, const char *note)
{
    const jx_cell c[3] = {jx_cell_of(label, JX_CELL_LABEL), unfit(value), note_cell(note)};
    r->row(w, c);
}

/* 汇总 as figures, for the workbook: each number stored, and what it counts. The total
 * budget sets its column's width. */
static void summary_figures(jx_writer *w, const jx_renderer *r, const jx_audit_summary *s)
{
    const jx_report_table t = jx_book_table(JX_TABLE_PAIRS, figures_head, "lrl", 3);
    r->report_table_begin(w, &t);
    figure(w, r, "项目", jx_cell_count(w, s->projects), "审核的项目");
    figure(w, r, "无法计分", jx_cell_count(w, s->unscored), "有错误、未能重算总分的项目");
    const char *funded = jx_scratch_printf(w, "%zu 个项目的资金合计", s->funded);
    jx_cell budget = wan(w, s->budget_fen);
    const jx_cell c[3] = {jx_cell_of("全年预算（万元）", JX_CELL_LABEL), budget, note_cell(funded)};
    r->row(w, c);
    figure(w, r, "全年执行（万元）", wan(w, s->spent_fen), funded);
    figure(w, r, "计入资金的项目", jx_cell_count(w, s->funded), "资金取年度资金总额行，该行缺失或全年预算为 0 时取各来源之和");
    figure(w, r, "金额单位无法换算", jx_cell_count(w, s->unconverted),
           "金额单位不是元、千元、万元、百万元、亿元的项目，未计入资金合计");
    if (s->claimed_totals) {
        jx_dec mean = {s->inflation_cents, 2};
        figure(w, r, "平均虚高（分）", jx_cell_number(jx_audit_points_str(w, mean, false), points_num(mean)),
               jx_scratch_printf(w, "自评总分 − 重算总分，%zu 个填了总分并已计分的项目的平均", s->claimed_totals));
    } else {
        figure(w, r, "平均虚高（分）", dash(), "没有填了总分并已计分的项目");
    }
    figure(w, r, "填了总分并已计分", jx_cell_count(w, s->claimed_totals), "平均虚高所平均的项目");
    figure(w, r, "自评 100 分", jx_cell_count(w, s->claims_100), "自评总分为 100 的项目");
    char pct[JX_DEC_BUFSZ];
    const jx_cell_num share = {.v = s->claims_100_bp, .scale = 4, .places = 2, .percent = 1, .set = 1};
    figure(w, r, "自评 100 分的比例",
           jx_cell_number(jx_scratch_printf(w, "%s%%", jx_audit_percent(s->claims_100_bp, pct, sizeof pct)), share),
           "占全部项目");
    figure(w, r, "自评与重算不符", jx_cell_count(w, s->differs), "总分或结论与重算不符的已计分项目");
    figure(w, r, "总分不符", jx_cell_count(w, s->total_differs), "");
    figure(w, r, "结论不符", jx_cell_count(w, s->grade_differs), "");
    r->table_end(w);
}

/* 结论分布: the grades claimed and recomputed, and their chart for the formats that draw. */
static void summary_grades(jx_writer *w, const jx_renderer *r, const jx_audit_summary *s)
{
    const char *grade_heads[6] = {"结论"};
    uint64_t claimed[5], recomputed[5];
    for (size_t i = 0; i < 5; i++) {
        grade_heads[i + 1] = grade_head(grade_order[i]);
        claimed[i] = s->claimed_grades[grade_order[i]];
        recomputed[i] = s->grades[grade_order[i]];
    }
    const jx_report_table grades = {
        .spec = {.heading = "结论分布", .role = JX_TABLE_CROSS, .head = grade_heads, .align = "lrrrrr", .ncols = 6},
        .lead = "",
        .note = "",
        .grid = &dist_grid,
        .row_head = 1,
    };
    r->report_table_begin(w, &grades);
    for (int k = 0; k < 2; k++) {
        const uint64_t *n = k == 0 ? claimed : recomputed;
        jx_cell c[6];
        c[0] = jx_cell_of(k == 0 ? "自评" : "重算", JX_CELL_LABEL);
        for (size_t i = 0; i < 5; i++)
            c[i + 1] = unfit(jx_cell_count(w, n[i]));
        r->row(w, c);
    }
    r->table_end(w);
    if (r->chart) {
        const jx_chart_series series[2] = {{.name = "自评", .values = claimed}, {.name = "重算", .values = recomputed}};
        const jx_chart chart = {
            .title = "结论分布：自评与重算",
            .x_label = "结论",
            .y_label = "项目数（个）",
            .unit = "个",
            .categories = grade_heads + 1,
            .ncategories = 5,
            .series = series,
            .nseries = 2,
        };
        r->chart(w, &chart);
    }
}

/* The findings by code, with each code's Chinese name. */
static void summary_codes(jx_audit_writer *aw, const jx_renderer *r)
{
    jx_writer *w = aw->out;
    const jx_audit *au = aw->au;
    const jx_audit_summary *s = &au->sum;
    /* a code is tallied for each finding counted: rows exactly when there are findings */
    assert((au->ntallies == 0) == (s->findings[0] + s->findings[1] + s->findings[2] == 0));
    const jx_report_table codes = {
        .spec = {.heading = jx_scratch_printf(w, "发现（%s）", jx_report_min_name(au->opts.min_severity)),
                 .role = JX_TABLE_SECTION,
                 .head = codes_head,
                 .align = "llrrrr",
                 .ncols = 6},
        .lead = findings_words(w, s),
        .note = "",
        .derived = ".....=",
        .grid = &codes_grid,
        .row_head = 1,
    };
    r->report_table_begin(w, &codes);
    for (size_t i = 0; i < au->ntallies; i++) {
        const jx_code_tally *t = &au->tallies[i];
        const jx_cell c[6] = {
            jx_cell_aligned(t->code, JX_CELL_LABEL, JX_ALIGN_LEFT),
            jx_cell_aligned(jx_code_name_or_empty(t->code), JX_CELL_LABEL, JX_ALIGN_LEFT),
            jx_cell_count(w, t->count[JX_SEV_ERROR]),
            jx_cell_count(w, t->count[JX_SEV_WARNING]),
            jx_cell_count(w, t->count[JX_SEV_NOTE]),
            jx_cell_count(w, t->count[0] + t->count[1] + t->count[2]),
        };
        r->row(w, c);
    }
    r->table_end(w);
}

/* After the findings by code, for the workbook: their sums, and the projects with an error. */
static void summary_code_sums(jx_writer *w, const jx_renderer *r, const jx_audit_summary *s)
{
    const jx_report_table sums = jx_book_table(JX_TABLE_LIST, codes_head, "llrrrr", 6);
    r->report_table_begin(w, &sums);
    const jx_cell c[6] = {
        jx_cell_of("合计", JX_CELL_LABEL),
        jx_cell_of("", JX_CELL_NONE),
        jx_cell_count(w, s->findings[JX_SEV_ERROR]),
        jx_cell_count(w, s->findings[JX_SEV_WARNING]),
        jx_cell_count(w, s->findings[JX_SEV_NOTE]),
        jx_cell_count(w, s->findings[0] + s->findings[1] + s->findings[2]),
    };
    r->row(w, c);
    r->table_end(w);

    const jx_report_table flagged = jx_book_table(JX_TABLE_PAIRS, figures_head, "lrl", 3);
    r->report_table_begin(w, &flagged);
    figure(w, r, "有错误的项目", jx_cell_count(w, s->flagged), "有错误级发现的项目");
    r->table_end(w);
}

/* 汇总: the counts (in sentences, and as figures), the grade distribution, the findings by
 * code. */
static void summary(jx_audit_writer *aw, const jx_renderer *r)
{
    jx_writer *w = aw->out;
    const jx_audit_summary *s = &aw->au->sum;
    const jx_report_part pt = jx_report_section("汇总", "", "", aw->nprojects);
    r->report_part_begin(w, &pt);
    summary_sentences(w, r, s);
    if (r->book_view)
        summary_figures(w, r, s);
    summary_grades(w, r, s);
    summary_codes(aw, r);
    if (r->book_view)
        summary_code_sums(w, r, s);
    r->part_end(w);
}

/* The close of the overview: how many projects, how many findings. */
static void overview(jx_audit_writer *aw, const jx_renderer *r)
{
    jx_writer *w = aw->out;
    const jx_report_table t = overview_table(jx_scratch_printf(w, "项目（%zu）", aw->nprojects));
    jx_report_close_overview(w, r, &t, aw->nprojects, aw->nfindings);
}

/* The sample's picks for the workbook: each with its stratum and funds. */
static void sample_records(jx_writer *w, const jx_renderer *r, const jx_audit *au)
{
    const char *head[NS] = {"序号", "项目名称", "位置", "分层", "全年预算（万元）", "抽取方式", "理由"};
    if (au->opts.by != JX_AUDIT_BY_NONE)
        head[S_STRATUM] = au->opts.by == JX_AUDIT_BY_ORG ? "单位" : "主管部门";
    const jx_doc_list list = {
        .name = "抽查", .head = head, .min = sample_min, .max = sample_max, .ncols = NS, .landscape = 1};
    jx_report_table t = jx_book_table(JX_TABLE_RECORDS, head, "rlllrcl", NS);
    t.list = &list;
    r->report_table_begin(w, &t);
    for (size_t i = 0; i < au->npicks; i++) {
        const jx_audit_pick *pk = &au->picks[i];
        const jx_cell c[NS] = {
            [S_NO] = jx_cell_count(w, i + 1),
            [S_NAME] = jx_cell_of(pk->name, JX_CELL_TEXT),
            [S_WHERE] = jx_cell_of(jx_where_of(w, pk->file, pk->line), JX_CELL_TEXT),
            [S_STRATUM] = jx_cell_of(pk->stratum, JX_CELL_TEXT),
            [S_FUNDS] = wan(w, pk->funds_fen),
            [S_WHY] = jx_cell_aligned(pick_why_name(pk), JX_CELL_TEXT, JX_ALIGN_CENTER),
            [S_REASON] = jx_cell_of(pk->reason, JX_CELL_TEXT),
        };
        r->row(w, c);
    }
    r->table_end(w);
}

/* 抽查: how the sample was drawn, what it came to, then each pick with its reason; for the
 * workbook with its stratum and funds. */
static void sample(jx_audit_writer *aw, const jx_renderer *r)
{
    jx_writer *w = aw->out;
    const jx_audit *au = aw->au;
    const jx_report_part pt =
        jx_report_section("抽查", sample_words(w, au), jx_scratch_printf(w, "抽中 %zu 个项目", au->npicks), aw->nprojects + 1);
    r->report_part_begin(w, &pt);
    if (au->npicks) {
        const jx_report_table t = {
            .spec = {.heading = "", .role = JX_TABLE_LIST, .head = picks_head, .align = "rllll", .ncols = 5},
            .lead = "",
            .note = "",
            .derived = "#....",
            .view = JX_VIEW_PAGE,
            .grid = &picks_grid,
        };
        r->report_table_begin(w, &t);
        for (size_t i = 0; i < au->npicks; i++) {
            const jx_audit_pick *pk = &au->picks[i];
            jx_cell c[5] = {
                jx_cell_count(w, i + 1),
                jx_cell_of(pk->name, JX_CELL_LABEL),
                jx_cell_of(jx_where_of(w, pk->file, pk->line), JX_CELL_TEXT),
                jx_cell_of(pick_why_name(pk), JX_CELL_TEXT),
                jx_cell_of(pk->reason, JX_CELL_TEXT),
            };
            c[0].align = JX_ALIGN_CENTER;
            r->row(w, c);
        }
        r->table_end(w);
    }

    if (r->book_view)
        sample_records(w, r, au);
    r->part_end(w);
}

/* ------------------------------------------------------------ reporter */

static void begin(jx_audit_writer *aw)
{
    const char *meta[3];
    const jx_report_head h = head_of(aw, meta);
    jx_report_renderer(aw->out)->report_begin(aw->out, &h);
}

/* An entry: its detail, its row of the overview, its records, its findings. */
static void project(jx_audit_writer *aw, const jx_audit_view *v)
{
    const jx_renderer *r = jx_report_renderer(aw->out);
    jx_writer *w = aw->out;
    const jx_report_part pt = jx_report_entry(v->p->name.s, aw->nprojects);
    r->report_part_begin(w, &pt);
    const entry_words e = words_of(w, v);
    const jx_finding *list;
    size_t n = entry_finding_words(w, v, &list);
    entry_fields(w, r, v, &e);
    entry_claims(w, r, v, &e);
    entry_row(w, r, v, &e, aw->nprojects + 1);
    if (r->book_view)
        entry_record(w, r, v, &e, aw->nprojects + 1);
    entry_findings(w, r, v, list, n);
    if (r->book_view)
        entry_finding_records(w, r, v, list, n);
    aw->nfindings += n;
    r->part_end(w);
}

/* The summary, the overview's close, the sample when one was asked for. */
static void finish(jx_audit_writer *aw)
{
    const jx_renderer *r = jx_report_renderer(aw->out);
    summary(aw, r);
    overview(aw, r);
    if (aw->au->sampling)
        sample(aw, r);
    const char *meta[3];
    const jx_report_head h = head_of(aw, meta);
    r->doc_end(aw->out, &h.doc, aw->nprojects + 1 + (aw->au->sampling ? 1 : 0));
}

const jx_audit_reporter jx_audit_doc_reporter = {.name = "document", .begin = begin, .project = project, .finish = finish};
