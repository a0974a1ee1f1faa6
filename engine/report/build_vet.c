/* SPDX-License-Identifier: MIT */
/* build_vet.c — the 审核 of targets (jixiao vet) as a document (doc.h): the 审核表 worded
 * once for the text, Markdown, txt, HTML and workbook renderers, on the report shape the
 * audit uses (build_audit.c).
 *
 * The document (a report, doc.h):
 *   - the head: 绩效目标审核表, the policy and the severity threshold, the rule of the
 *     result; the workbook's sheets: 汇总 first, then the lists 项目 and 发现;
 *   - an entry per project: its detail — 项目名称, 位置, 主管部门, 预算单位, 审核结果 —,
 *     its findings counted by aspect, its 审核表 (a sheet of its own: the indicators with
 *     target, 上年, 前年 and 依据, the findings beside each, a row for the project's own,
 *     the aspects' results and the 审核结果 over it), its findings grouped under the four
 *     aspects (a list each, errors first within it); its row of the overview; its records
 *     for the workbook;
 *   - the section 汇总: the counts in sentences for the pages, the results' distribution,
 *     the findings by aspect, by 单位 and by code;
 *   - the close of the overview.
 * The numbers are the scoring layer's (vet.h): this file words them and computes nothing.
 */
#include "doc.h"

#include "codes.h"

#include <assert.h>
#include <string.h>

/* The results in the order shown. */
static const jx_grade result_order[4] = {JX_GRADE_EXCELLENT, JX_GRADE_GOOD, JX_GRADE_FAIR, JX_GRADE_POOR};


/* "良（修改后通过）". */
static const char *result_words(jx_writer *w, jx_grade g)
{
    return jx_scratch_printf(w, "%s（%s）", jx_vet_result_name(g), jx_vet_result_meaning(g));
}

/* ------------------------------------------------------------ the layout */

static const uint8_t sheet_min[9] = {26, 14, 10, 10, 10, 10, 10, 10, 10};
static const uint8_t sheet_max[9] = {40, 30, 14, 14, 14, 14, 14, 14, 14};
static const jx_doc_list summary_sheet = {
    .name = "汇总", .title = "绩效目标审核汇总", .min = sheet_min, .max = sheet_max, .ncols = 9};

enum { P_NO, P_NAME, P_WHERE, P_DEPT, P_ORG, P_A0, P_A1, P_A2, P_A3, P_RESULT, NP };
static const char *const project_head[NP] = {"序号", "项目名称", "位置", "主管部门", "预算单位",
                                             "完整性", "相关性", "适当性", "可行性", "审核结果"};
static const uint8_t project_min[NP] = {6, 20, 16, 12, 16, 8, 8, 8, 8, 10};
static const uint8_t project_max[NP] = {8, 40, 40, 30, 40, 8, 8, 8, 8, 16};
static const jx_doc_list project_list = {
    .name = "项目", .head = project_head, .min = project_min, .max = project_max, .ncols = NP, .landscape = 1};

enum { F_CODE, F_CODE_NAME, F_ASPECT, F_SEVERITY, F_PROJECT, F_INDICATOR, F_WHERE, F_MESSAGE, NF };
static const char *const finding_head[NF] = {"代码", "代码名称", "方面", "级别", "项目", "指标", "位置", "说明"};
static const uint8_t finding_min[NF] = {12, 12, 8, 8, 20, 14, 16, 40};
static const uint8_t finding_max[NF] = {24, 24, 8, 8, 36, 24, 48, 60};
static const jx_doc_list finding_list = {
    .name = "发现", .head = finding_head, .min = finding_min, .max = finding_max, .ncols = NF, .landscape = 1};

static const jx_doc_list *const entry_lists[] = {&project_list, &finding_list};

static const uint16_t dist_share[5] = {200, 200, 200, 200, 200};
static const uint16_t aspects_share[5] = {200, 200, 200, 200, 200};
static const uint16_t orgs_share[9] = {280, 90, 90, 90, 90, 90, 90, 90, 90};
static const uint16_t codes_share[7] = {220, 220, 100, 115, 115, 115, 115};
static const uint16_t projects_share[7] = {50, 450, 100, 100, 100, 100, 100}; /* 预算单位, 位置 joined */
static const jx_grid dist_grid = {.ncols = {5, 0}, .page_share = dist_share, .name = "dist"};
static const jx_grid aspects_grid = {.ncols = {5, 0}, .page_share = aspects_share, .name = "codes"};
static const jx_grid orgs_grid = {.ncols = {9, 0}, .page_share = orgs_share, .name = "codes"};
static const jx_grid codes_grid = {.ncols = {7, 0}, .page_share = codes_share, .name = "codes"};
static const jx_grid projects_grid = {.ncols = {7, 0}, .page_share = projects_share, .name = "projects"};

/* The counts of an entry by aspect. */
static const char *const aspect_counts_head[] = {"方面", "错误", "警告", "提示"};

/* The overview: a row per project (序号 derived). */
enum { OV_NUMBER, OV_NAME, OV_ORG, OV_WHERE, OV_A0, OV_A1, OV_A2, OV_A3, OV_RESULT, NOV };
static const char *const overview_head[NOV] = {"序号", "项目名称", "预算单位", "位置", "完整性",
                                               "相关性", "适当性", "可行性", "审核结果"};
static const char overview_align[] = "rllrrrrrc";
static const char overview_derived[] = "#........";
_Static_assert(sizeof overview_align - 1 == NOV && sizeof overview_derived - 1 == NOV, "a letter per column");
static const char overview_note[] = "完整性、相关性、适当性、可行性下为各方面的发现条数。";

/* The overview's head on the page: 预算单位 and 位置 under the 项目名称, in its cell. */
#define HEAD(text) {.s = (text), .rows = 1, .kind = JX_CELL_LABEL, .cols = {1, 1}}
#define JOINED {.s = "", .rows = 1, .kind = JX_CELL_LABEL, .cols = {JX_COLS_JOINED, 1}}
static const jx_cell overview_page_head[NOV] = {
    HEAD("序号"), HEAD("项目名称／预算单位／位置"), JOINED, JOINED, HEAD("完整性"), HEAD("相关性"),
    HEAD("适当性"), HEAD("可行性"), HEAD("审核结果"),
};
#undef HEAD
#undef JOINED

static const char *const dist_head[] = {"审核结果", "优", "良", "中", "差"};
static const char *const aspects_head[] = {"方面", "错误", "警告", "提示", "合计"};
static const char *const orgs_head[] = {"单位", "项目", "优", "良", "中", "差", "错误", "警告", "提示"};
static const char *const codes_head[] = {"代码", "名称", "方面", "错误", "警告", "提示", "合计"};

/* The rule of the result, for the head. */
static const char *rule_words(jx_writer *w, const jx_policy *pol)
{
    return jx_scratch_printf(w, "审核结果：有错误为差（不予通过），%d 个及以上方面有警告为中（退回重报），"
                                "其余有警告为良（修改后通过），没有警告为优（通过）；提示不影响结果",
                             pol->vet_redo_aspects);
}

/* ------------------------------------------------------------ the document */

static jx_report_head head_of(jx_vet_writer *vw, const char *meta[3])
{
    const jx_policy *pol = vw->vt->pol;
    jx_report_meta(vw->out, "审核办法", pol->name.s, vw->vt->opts.min_severity, meta);
    meta[2] = rule_words(vw->out, pol);
    const jx_report_head h = {
        .doc = {.title = "绩效目标审核表", .empty = "", .style = JX_STYLE_REPORT},
        .caption = jx_scratch_printf(vw->out, "%s；%s", meta[0], meta[1]),
        .note = jx_scratch_printf(vw->out, "%s。", meta[2]),
        .meta = meta,
        .nmeta = 3,
        .sheet = &summary_sheet,
        .lists = entry_lists,
        .nlists = sizeof entry_lists / sizeof entry_lists[0],
    };
    return h;
}

/* The sum of a severity count. */
static size_t total3(const size_t c[3])
{
    return c[0] + c[1] + c[2];
}

/* The entry's detail: 项目名称, 位置, 主管部门, 预算单位, 审核结果. */
static void entry_fields(jx_writer *w, const jx_renderer *r, const jx_vet_view *v, const char *where)
{
    const jx_project *p = v->p;
    const jx_field f[] = {
        {.label = "项目名称", .value = p->name.s},
        {.label = "位置", .value = where},
        {.label = "主管部门", .value = p->dept.n ? p->dept.s : "", .optional = 1},
        {.label = "预算单位", .value = p->org.n ? p->org.s : "", .optional = 1},
        {.label = "审核结果", .value = result_words(w, v->result)},
    };
    const jx_fields fs = {.heading = "", .v = f, .n = sizeof f / sizeof f[0], .per_row = 1};
    r->fields(w, &fs);
}

/* The entry's findings counted by aspect. */
static void entry_counts(jx_writer *w, const jx_renderer *r, const jx_vet_view *v)
{
    const jx_report_table t = {
        .spec = {.heading = "", .role = JX_TABLE_CROSS, .head = aspect_counts_head, .align = "lrrr", .ncols = 4},
        .lead = "",
        .note = "",
        .view = JX_VIEW_PAGE,
    };
    r->report_table_begin(w, &t);
    for (int a = 0; a < JX_VET_ASPECTS; a++) {
        const size_t *n = v->c.by_aspect[a];
        const jx_cell c[4] = {jx_cell_of(jx_vet_aspect_name((jx_vet_aspect)a), JX_CELL_LABEL),
                              jx_cell_count(w, n[JX_SEV_ERROR]), jx_cell_count(w, n[JX_SEV_WARNING]), jx_cell_count(w, n[JX_SEV_NOTE])};
        r->row(w, c);
    }
    r->table_end(w);
}

static jx_report_table overview_table(const char *heading)
{
    const jx_report_table t = {
        .spec = {.heading = heading, .role = JX_TABLE_OVERVIEW, .head = overview_head, .align = overview_align,
                 .ncols = NOV, .grid_head = {overview_page_head, NULL}},
        .lead = "",
        .note = overview_note,
        .derived = overview_derived,
        .grid = &projects_grid,
        .row_head = OV_NAME + 1,
    };
    return t;
}

static void entry_row(jx_writer *w, const jx_renderer *r, const jx_vet_view *v, const char *where, size_t nth)
{
    const jx_project *p = v->p;
    jx_cell c[NOV];
    c[OV_NUMBER] = jx_cell_count(w, nth);
    c[OV_NUMBER].align = JX_ALIGN_CENTER;
    c[OV_NAME] = jx_cell_aligned(p->name.s, JX_CELL_LABEL, JX_ALIGN_LEFT);
    c[OV_ORG] = jx_cell_of(p->org.n ? p->org.s : p->dept.s, JX_CELL_TEXT);
    c[OV_ORG].cols[JX_GRID_PAGE] = JX_COLS_JOINED;
    c[OV_WHERE] = jx_cell_of(where, JX_CELL_TEXT);
    c[OV_WHERE].cols[JX_GRID_PAGE] = JX_COLS_JOINED;
    for (int a = 0; a < JX_VET_ASPECTS; a++)
        c[OV_A0 + a] = jx_cell_count(w, total3(v->c.by_aspect[a]));
    c[OV_RESULT] = jx_cell_aligned(jx_vet_result_name(v->result), JX_CELL_TEXT, JX_ALIGN_CENTER);
    if (v->result == JX_GRADE_FAIR || v->result == JX_GRADE_POOR)
        c[OV_RESULT].look = JX_LOOK_MARKED;
    const jx_report_table t = overview_table("项目");
    r->report_table_begin(w, &t);
    r->row(w, c);
    r->table_end(w);
}

static void entry_record(jx_writer *w, const jx_renderer *r, const jx_vet_view *v, const char *where, size_t nth)
{
    const jx_project *p = v->p;
    jx_cell c[NP];
    c[P_NO] = jx_cell_count(w, nth);
    c[P_NAME] = jx_cell_of(p->name.s, JX_CELL_TEXT);
    c[P_WHERE] = jx_cell_of(where, JX_CELL_TEXT);
    c[P_DEPT] = jx_cell_of(p->dept.s, JX_CELL_TEXT);
    c[P_ORG] = jx_cell_of(p->org.s, JX_CELL_TEXT);
    for (int a = 0; a < JX_VET_ASPECTS; a++)
        c[P_A0 + a] = jx_cell_count(w, total3(v->c.by_aspect[a]));
    c[P_RESULT] = jx_cell_aligned(jx_vet_result_name(v->result), JX_CELL_TEXT, JX_ALIGN_CENTER);
    jx_report_table t = jx_book_table(JX_TABLE_RECORDS, project_head, "rllllrrrrc", NP);
    t.list = &project_list;
    r->report_table_begin(w, &t);
    r->row(w, c);
    r->table_end(w);
}

/* The entry's findings of aspect a in report order (errors first), worded, into *out
 * (the scratch arena); how many. */
static size_t aspect_findings(jx_writer *w, const jx_vet_view *v, int a, jx_finding **out, const jx_diag ***diags)
{
    *out = NULL;
    *diags = NULL;
    size_t n = total3(v->c.by_aspect[a]);
    if (n == 0)
        return 0;
    jx_finding *list = jx_arena_alloc(&w->scratch, n * sizeof *list);
    const jx_diag **d = jx_arena_alloc(&w->scratch, n * sizeof *d);
    if (!list || !d) {
        jx_scratch_fail(w);
        return 0;
    }
    const char *file = v->p->src.file;
    size_t nfile = strlen(file), k = 0;
    for (size_t i = 0; i < v->f.n && k < n; i++) {
        const jx_diag *x = v->f.v[i];
        if ((int)jx_vet_aspect_of(x->code) != a)
            continue;
        const char *where = jx_audit_position_str(w, v->p, x, v->flags);
        int here = strncmp(where, file, nfile) == 0 && where[nfile] == ':';
        d[k] = x;
        list[k++] = (jx_finding){.severity = x->severity, .level = jx_severity_name(x->severity), .where = where,
                                 .code = x->code, .message = x->message, .at = here ? where + nfile + 1 : where};
    }
    *out = list;
    *diags = d;
    return k;
}

/* The entry's findings under the four aspects: a list for each aspect that has any, or
 * one saying 无; in the workbook a row each in 发现. */
static void entry_findings(jx_writer *w, const jx_renderer *r, const jx_vet_view *v)
{
    bool any = false;
    for (int a = 0; a < JX_VET_ASPECTS; a++) {
        jx_finding *list;
        const jx_diag **diags;
        size_t n = aspect_findings(w, v, a, &list, &diags);
        if (n == 0)
            continue;
        any = true;
        const size_t *c = v->c.by_aspect[a];
        const char *aspect = jx_vet_aspect_name((jx_vet_aspect)a);
        const jx_finding_list l = {
            .heading = jx_scratch_printf(w, "%s（%zu 条：错误 %zu，警告 %zu，提示 %zu）", aspect, n, c[JX_SEV_ERROR],
                                         c[JX_SEV_WARNING], c[JX_SEV_NOTE]),
            .title = jx_scratch_printf(w, "%s · %s（%zu 条）", v->p->name.s, aspect, n),
            .label = aspect,
            .empty = "无",
            .v = list,
            .n = n,
            .name = v->p->name.s,
            .file = v->p->src.file,
        };
        r->finding_list(w, &l);
        if (!r->book_view)
            continue;
        jx_report_table t = jx_book_table(JX_TABLE_RECORDS, finding_head, "llccllll", NF);
        t.list = &finding_list;
        r->report_table_begin(w, &t);
        for (size_t i = 0; i < n; i++) {
            const jx_cell row[NF] = {
                [F_CODE] = jx_cell_of(list[i].code, JX_CELL_TEXT),
                [F_CODE_NAME] = jx_cell_of(jx_code_name_or_empty(list[i].code), JX_CELL_TEXT),
                [F_ASPECT] = jx_cell_aligned(aspect, JX_CELL_TEXT, JX_ALIGN_CENTER),
                [F_SEVERITY] = jx_cell_aligned(list[i].level, JX_CELL_TEXT, JX_ALIGN_CENTER),
                [F_PROJECT] = jx_cell_of(v->p->name.s, JX_CELL_TEXT),
                [F_INDICATOR] = jx_cell_of(jx_audit_indicator_name(v->p, diags[i]), JX_CELL_TEXT),
                [F_WHERE] = jx_cell_of(list[i].where, JX_CELL_TEXT),
                [F_MESSAGE] = jx_cell_of(list[i].message, JX_CELL_TEXT),
            };
            r->row(w, row);
        }
        r->table_end(w);
    }
    if (!any) {
        const jx_finding_list l = {
            .heading = "",
            .title = jx_scratch_printf(w, "%s（0 条）", v->p->name.s),
            .label = "发现",
            .empty = "无",
            .v = NULL,
            .n = 0,
            .name = v->p->name.s,
            .file = v->p->src.file,
        };
        r->finding_list(w, &l);
    }
}

/* ------------------------------------------------------------ the 审核表 */

enum { S_L1, S_L2, S_NAME, S_TARGET, S_LAST, S_BEFORE, S_BASIS, S_FINDINGS, NS };
static const char *const sheet_head[NS] = {"一级指标", "二级指标", "三级指标", "年度指标值",
                                           "上年指标值", "前年指标值", "指标值确定依据", "审核意见"};
static const uint8_t table_min[NS] = {10, 10, 16, 12, 10, 10, 16, 24};
static const uint8_t table_max[NS] = {14, 16, 30, 16, 14, 14, 36, 48};
static const uint16_t sheet_share[NS] = {70, 80, 160, 95, 95, 95, 165, 240}; /* 上年指标值 on one line */
static const jx_grid sheet_grid = {.ncols = {NS, 0}, .page_share = sheet_share, .name = "targets"};

/* What an aspect came to: 不通过 with an error, 需修改 with a warning, else 通过; its counts. */
static const char *aspect_result(jx_writer *w, const size_t c[3])
{
    const char *r = c[JX_SEV_ERROR] ? "不通过" : c[JX_SEV_WARNING] ? "需修改" : "通过";
    if (total3(c) == 0)
        return r;
    return jx_scratch_printf(w, "%s（错误 %zu，警告 %zu，提示 %zu）", r, c[JX_SEV_ERROR], c[JX_SEV_WARNING],
                             c[JX_SEV_NOTE]);
}

/* The findings of v about ind (NULL: about none), "级别：名称" joined by "；", "" for none. */
static const char *findings_of(jx_writer *w, const jx_vet_view *v, const jx_indicator *ind)
{
    const char *s = "";
    for (size_t i = 0; i < v->f.n; i++) {
        if (v->of[i] != ind)
            continue;
        const jx_diag *d = v->f.v[i];
        const char *name = jx_code_name_or_empty(d->code);
        s = jx_scratch_printf(w, "%s%s%s：%s", s, s[0] ? "；" : "", jx_severity_name(d->severity),
                              name[0] ? name : d->code);
    }
    return s;
}

/* The entry's 审核表: a row for the project's own findings when it has any, then a row per
 * indicator with its groups, target, 上年, 前年, 依据 and findings. */
static void entry_sheet(jx_writer *w, const jx_renderer *r, const jx_vet_view *v)
{
    const jx_project *p = v->p;
    const char *org = p->org.n ? p->org.s : p->dept.s;
    const jx_report_table t = {
        .spec = {.heading = org[0] ? jx_scratch_printf(w, "审核表：%s（%s）", p->name.s, org)
                                   : jx_scratch_printf(w, "审核表：%s", p->name.s),
                 .role = JX_TABLE_SHEET, .head = sheet_head, .align = "llllllll", .ncols = NS},
        .lead = jx_scratch_printf(w, "审核结果：%s；完整性：%s；相关性：%s；适当性：%s；可行性：%s",
                                  result_words(w, v->result), aspect_result(w, v->c.by_aspect[0]),
                                  aspect_result(w, v->c.by_aspect[1]), aspect_result(w, v->c.by_aspect[2]),
                                  aspect_result(w, v->c.by_aspect[3])),
        .note = "",
        .grid = &sheet_grid,
        .sheet_name = p->name.s,
        .sheet_min = table_min,
        .sheet_max = table_max,
    };
    r->report_table_begin(w, &t);
    const char *own = findings_of(w, v, NULL);
    if (own[0]) {
        jx_cell c[NS];
        for (size_t k = 0; k < NS; k++)
            c[k] = jx_cell_of("", JX_CELL_TEXT);
        c[S_NAME] = jx_cell_of("（项目整体）", JX_CELL_LABEL);
        c[S_FINDINGS] = jx_cell_of(own, JX_CELL_TEXT);
        r->row(w, c);
    }
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        const jx_cell c[NS] = {
            [S_L1] = jx_cell_of(jx_indicator_group_at(ind, 1) ? jx_indicator_group_at(ind, 1)->name.s : "", JX_CELL_LABEL),
            [S_L2] = jx_cell_of(jx_indicator_group_at(ind, 2) ? jx_indicator_group_at(ind, 2)->name.s : "", JX_CELL_LABEL),
            [S_NAME] = jx_cell_of(ind->name.s, JX_CELL_LABEL),
            [S_TARGET] = jx_cell_of(ind->target.present ? ind->target.text.s : "", JX_CELL_TEXT),
            [S_LAST] = jx_cell_of(jx_history_str(&ind->last_year), JX_CELL_TEXT),
            [S_BEFORE] = jx_cell_of(jx_history_str(&ind->year_before), JX_CELL_TEXT),
            [S_BASIS] = jx_cell_of(ind->basis.s, JX_CELL_TEXT),
            [S_FINDINGS] = jx_cell_of(findings_of(w, v, ind), JX_CELL_TEXT),
        };
        r->row(w, c);
    }
    r->table_end(w);
}

/* ------------------------------------------------------------ the summary */

static void summary_sentences(jx_writer *w, const jx_renderer *r, const jx_vet_summary *s)
{
    size_t n = total3(s->findings);
    const char *label[3] = {"项目", "审核结果", "发现"};
    const char *value[3] = {
        jx_scratch_printf(w, "%zu 个", s->projects),
        jx_scratch_printf(w, "优 %zu 个，良 %zu 个，中 %zu 个，差 %zu 个", s->results[JX_GRADE_EXCELLENT],
                          s->results[JX_GRADE_GOOD], s->results[JX_GRADE_FAIR], s->results[JX_GRADE_POOR]),
        n ? jx_scratch_printf(w, "%zu 条：错误 %zu，警告 %zu，提示 %zu", n, s->findings[JX_SEV_ERROR],
                              s->findings[JX_SEV_WARNING], s->findings[JX_SEV_NOTE])
          : "无",
    };
    jx_report_sentences(w, r, label, value, 3, JX_VIEW_PAGE); /* the workbook has the counts as numbers */
}

static void summary_results(jx_writer *w, const jx_renderer *r, const jx_vet_summary *s)
{
    const jx_report_table t = {
        .spec = {.heading = "审核结果分布", .role = JX_TABLE_CROSS, .head = dist_head, .align = "lrrrr", .ncols = 5},
        .lead = "",
        .note = "",
        .grid = &dist_grid,
        .row_head = 1,
    };
    r->report_table_begin(w, &t);
    jx_cell c[5];
    c[0] = jx_cell_of("项目数", JX_CELL_LABEL);
    for (size_t i = 0; i < 4; i++)
        c[i + 1] = jx_cell_count(w, s->results[result_order[i]]);
    r->row(w, c);
    r->table_end(w);
}

static void summary_aspects(jx_writer *w, const jx_renderer *r, const jx_vet_summary *s)
{
    const jx_report_table t = {
        .spec = {.heading = "按方面", .role = JX_TABLE_SECTION, .head = aspects_head, .align = "lrrrr", .ncols = 5},
        .lead = "",
        .note = "",
        .derived = "....=",
        .grid = &aspects_grid,
        .row_head = 1,
    };
    r->report_table_begin(w, &t);
    for (int a = 0; a < JX_VET_ASPECTS; a++) {
        const size_t *n = s->aspects[a];
        const jx_cell c[5] = {jx_cell_aligned(jx_vet_aspect_name((jx_vet_aspect)a), JX_CELL_LABEL, JX_ALIGN_LEFT),
                              jx_cell_count(w, n[JX_SEV_ERROR]), jx_cell_count(w, n[JX_SEV_WARNING]), jx_cell_count(w, n[JX_SEV_NOTE]),
                              jx_cell_count(w, total3(n))};
        r->row(w, c);
    }
    r->table_end(w);
}

static void summary_orgs(jx_writer *w, const jx_renderer *r, const jx_vet *vt)
{
    const jx_report_table t = {
        .spec = {.heading = "按单位", .role = JX_TABLE_SECTION, .head = orgs_head, .align = "lrrrrrrrr", .ncols = 9},
        .lead = "",
        .note = "",
        .grid = &orgs_grid,
        .row_head = 1,
    };
    r->report_table_begin(w, &t);
    for (size_t i = 0; i < jx_vet_org_count(vt); i++) {
        const jx_vet_org *o = jx_vet_org_at(vt, i);
        jx_cell c[9];
        c[0] = jx_cell_aligned(o->org[0] ? o->org : "（未填单位）", JX_CELL_LABEL, JX_ALIGN_LEFT);
        c[1] = jx_cell_count(w, o->projects);
        for (size_t k = 0; k < 4; k++)
            c[2 + k] = jx_cell_count(w, o->results[result_order[k]]);
        c[6] = jx_cell_count(w, o->findings[JX_SEV_ERROR]);
        c[7] = jx_cell_count(w, o->findings[JX_SEV_WARNING]);
        c[8] = jx_cell_count(w, o->findings[JX_SEV_NOTE]);
        r->row(w, c);
    }
    r->table_end(w);
}

static void summary_codes(jx_writer *w, const jx_renderer *r, const jx_vet *vt)
{
    const jx_report_table t = {
        .spec = {.heading = jx_scratch_printf(w, "按代码（%s）", jx_report_min_name(vt->opts.min_severity)),
                 .role = JX_TABLE_SECTION,
                 .head = codes_head,
                 .align = "llcrrrr",
                 .ncols = 7},
        .lead = "",
        .note = "",
        .derived = "......=",
        .grid = &codes_grid,
        .row_head = 1,
    };
    r->report_table_begin(w, &t);
    for (size_t i = 0; i < jx_vet_tally_count(vt); i++) {
        const jx_code_tally *k = jx_vet_tally(vt, i);
        const jx_cell c[7] = {
            jx_cell_aligned(k->code, JX_CELL_LABEL, JX_ALIGN_LEFT),
            jx_cell_aligned(jx_code_name_or_empty(k->code), JX_CELL_LABEL, JX_ALIGN_LEFT),
            jx_cell_aligned(jx_vet_aspect_name(jx_vet_aspect_of(k->code)), JX_CELL_TEXT, JX_ALIGN_CENTER),
            jx_cell_count(w, k->count[JX_SEV_ERROR]),
            jx_cell_count(w, k->count[JX_SEV_WARNING]),
            jx_cell_count(w, k->count[JX_SEV_NOTE]),
            jx_cell_count(w, total3(k->count)),
        };
        r->row(w, c);
    }
    r->table_end(w);
}

/* ------------------------------------------------------------ reporter */

static void begin(jx_vet_writer *vw)
{
    const char *meta[3];
    const jx_report_head h = head_of(vw, meta);
    jx_report_renderer(vw->out)->report_begin(vw->out, &h);
}

static void project(jx_vet_writer *vw, const jx_vet_view *v)
{
    const jx_renderer *r = jx_report_renderer(vw->out);
    jx_writer *w = vw->out;
    const jx_report_part pt = jx_report_entry(v->p->name.s, vw->nprojects);
    r->report_part_begin(w, &pt);
    const char *where = jx_where_of(w, v->p->src.file, v->line);
    entry_fields(w, r, v, where);
    entry_counts(w, r, v);
    entry_sheet(w, r, v);
    entry_row(w, r, v, where, vw->nprojects + 1);
    if (r->book_view)
        entry_record(w, r, v, where, vw->nprojects + 1);
    entry_findings(w, r, v);
    r->part_end(w);
}

static void finish(jx_vet_writer *vw)
{
    const jx_renderer *r = jx_report_renderer(vw->out);
    jx_writer *w = vw->out;
    const jx_vet_summary *s = jx_vet_get_summary(vw->vt);
    const jx_report_part pt = jx_report_section("汇总", "", "", vw->nprojects);
    r->report_part_begin(w, &pt);
    summary_sentences(w, r, s);
    summary_results(w, r, s);
    summary_aspects(w, r, s);
    summary_orgs(w, r, vw->vt);
    summary_codes(w, r, vw->vt);
    r->part_end(w);
    const jx_report_table t = overview_table(jx_scratch_printf(w, "项目（%zu）", vw->nprojects));
    jx_report_close_overview(w, r, &t, vw->nprojects, vw->nfindings);
    const char *meta[3];
    const jx_report_head h = head_of(vw, meta);
    r->doc_end(w, &h.doc, vw->nprojects + 1);
}

const jx_vet_reporter jx_vet_doc_reporter = {.name = "document", .begin = begin, .project = project, .finish = finish};
