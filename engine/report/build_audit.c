/* build_audit.c — the audit report (jixiao audit) as a document (doc.h): what it says,
 * worded once for every renderer, and its reporters for the text, Markdown and txt
 * formats; also the audit's wording the HTML report and the workbook still use
 * (report_audit.h), so that each sentence of the audit is written here only.
 *
 * The document (a report, doc.h):
 *   - the head: 审核报告, the policy and the severity threshold, how to read it;
 *   - an entry per project, in two views: its detail — 项目名称, 位置, 主管部门, 预算单位,
 *     资金; the 自评/重算/差额 of its 总分 and 结论; its findings — and its row of the
 *     overview (序号 … 错误 警告 提示);
 *   - the section 汇总: the counts (项目, 资金, 平均虚高, 自评 100 分, 自评与重算不符),
 *     结论分布, the findings by code;
 *   - the close of the overview: its heading with the number of projects, the number of
 *     findings;
 *   - the section 抽查 when a sample was asked for: how it was drawn and the picks.
 * The numbers are the scoring layer's (audit.h): this file words them and computes nothing.
 */
#include "doc.h"
#include "report_audit.h"

#include "codes.h"
#include "report_parts.h"

#include <assert.h>
#include <string.h>

/* ------------------------------------------------------------ the wording */

const jx_grade jx_audit_grade_order[5] = {JX_GRADE_EXCELLENT, JX_GRADE_GOOD, JX_GRADE_FAIR, JX_GRADE_POOR,
                                          JX_GRADE_NONE};

const char *jx_audit_grade_head(jx_grade g)
{
    return g == JX_GRADE_NONE ? "未填/未计分" : jx_grade_name(g);
}

void jx_audit_summary_rows(jx_writer *w, const jx_audit_summary *s, const char *label[JX_AUDIT_SUMMARY_ROWS],
                           const char *value[JX_AUDIT_SUMMARY_ROWS])
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

const char *jx_audit_findings_words(jx_writer *w, const jx_audit_summary *s)
{
    size_t n = s->findings[0] + s->findings[1] + s->findings[2];
    if (n == 0)
        return "无";
    return jx_scratch_printf(w, "%zu 条：错误 %zu，警告 %zu，提示 %zu；有错误的项目 %zu 个", n,
                             s->findings[JX_SEV_ERROR], s->findings[JX_SEV_WARNING], s->findings[JX_SEV_NOTE],
                             s->flagged);
}

const char *jx_audit_sample_words(jx_writer *w, const jx_audit *au)
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

const char *jx_audit_funds_cell(jx_writer *w, const jx_audit_view *v, bool spent)
{
    if (v->funds != JX_AUDIT_FUNDS_OK)
        return "—";
    char buf[JX_DEC_BUFSZ];
    return jx_scratch_str(w, jx_audit_wan(spent ? v->spent_fen : v->budget_fen, buf, sizeof buf));
}

const char *jx_audit_where(jx_writer *w, const char *file, uint32_t line)
{
    return line ? jx_scratch_printf(w, "%s:%u", file, (unsigned)line) : file;
}

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

/* The note under the overview. */
static const char overview_note[] = "差额 = 自评总分 − 重算总分。资金按年度资金总额一行计，该行缺失或为 0 时按各资金来源合计。";

/* The summary's counts, its grade distribution, its findings by code (合计 derived). */
static const char *const stats_head[] = {"统计", "结果"};
static const char *const codes_head[] = {"代码", "名称", "错误", "警告", "提示", "合计"};

/* The sample's picks (序号 derived). */
static const char *const picks_head[] = {"序号", "项目", "位置", "抽取方式", "说明"};

/* A cell of a number the audit words ("100.00", "+13.56", "180"): ASCII. */
static jx_cell number(const char *s)
{
    return jx_cell_of(s, JX_CELL_NUMBER);
}

/* A dash: no number. */
static jx_cell dash(void)
{
    return jx_cell_of("—", JX_CELL_DASH);
}

/* A count as a number cell. */
static jx_cell count(jx_writer *w, size_t n)
{
    return number(jx_scratch_printf(w, "%zu", n));
}

/* A section of the report: its title, what it is, what it came to. */
static void section(jx_writer *w, const jx_renderer *r, const char *title, const char *caption, const char *result,
                    size_t index)
{
    const jx_report_part pt = {
        .part = {.title = title, .caption = caption, .name = "", .index = index},
        .role = JX_PART_SECTION,
        .result = result,
    };
    r->report_part_begin(w, &pt);
}

/* ------------------------------------------------------------ the document */

/* The head: the title, the policy and the threshold, how to read it. */
static jx_report_head head_of(jx_audit_writer *aw)
{
    const char *pol = jx_audit_policy_name(aw->au);
    const jx_report_head h = {
        .doc = {.title = "审核报告", .empty = ""},
        .caption = jx_scratch_printf(aw->out, "评分办法：%s；列出%s的发现", pol[0] ? pol : "—",
                                     jx_audit_min_name(aw->au->opts.min_severity)),
        .note = "自评总分、结论按评分办法重算。",
    };
    return h;
}

/* The renderer of aw, which draws reports. */
static const jx_renderer *renderer_of(const jx_audit_writer *aw)
{
    const jx_renderer *r = aw->rep->render;
    assert(r && r->report_begin && r->report_part_begin && r->report_table_begin && r->finding_list && r->overview);
    return r;
}

/* The entry's detail: 项目名称, 位置, and 主管部门, 预算单位 and 资金 when it has them. */
static void entry_fields(jx_writer *w, const jx_renderer *r, const jx_audit_view *v)
{
    const jx_project *p = v->p;
    const char *funds = "";
    if (v->funds == JX_AUDIT_FUNDS_OK) {
        char b[JX_DEC_BUFSZ], s[JX_DEC_BUFSZ];
        funds = jx_scratch_printf(w, "全年预算 %s 万元，全年执行 %s 万元", jx_audit_wan(v->budget_fen, b, sizeof b),
                                  jx_audit_wan(v->spent_fen, s, sizeof s));
    } else if (v->funds == JX_AUDIT_FUNDS_UNCONVERTED) {
        funds = jx_scratch_printf(w, "金额单位“%s”无法换算为万元", p->money_unit.s);
    }
    const jx_field f[] = {
        {.label = "项目名称", .value = p->name.s},
        {.label = "位置", .value = jx_audit_where(w, p->src.file, v->line)},
        {.label = "主管部门", .value = p->dept.n ? p->dept.s : "", .optional = 1},
        {.label = "预算单位", .value = p->org.n ? p->org.s : "", .optional = 1},
        {.label = "资金", .value = funds, .optional = 1},
    };
    const jx_fields fs = {.heading = "", .v = f, .n = sizeof f / sizeof f[0], .per_row = 1};
    r->fields(w, &fs);
}

/* The entry's 总分 and 结论, claimed and recomputed; a project that could not be scored
 * says so under them. */
static void entry_claims(jx_writer *w, const jx_renderer *r, const jx_audit_view *v)
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
    c[1] = p->has_claimed_total ? number(jx_audit_points_str(w, p->claimed_total, false)) : dash();
    c[2] = v->scored ? number(jx_audit_points_str(w, jx_audit_total_dec(p), false)) : dash();
    c[3] = v->has_difference ? number(jx_audit_points_str(w, v->difference, true)) : dash();
    r->row(w, c);
    c[0] = jx_cell_of("结论", JX_CELL_LABEL);
    c[1] = p->claimed_grade != JX_GRADE_NONE ? jx_cell_of(jx_grade_name(p->claimed_grade), JX_CELL_TEXT) : dash();
    c[2] = v->scored && p->grade != JX_GRADE_NONE ? jx_cell_of(jx_grade_name(p->grade), JX_CELL_TEXT) : dash();
    c[3] = jx_cell_of(v->grade_differs ? "不符" : "", JX_CELL_TEXT);
    r->row(w, c);
    r->table_end(w);
}

/* The overview's table: its heading, heads, the note under it. */
static jx_report_table overview_table(const char *heading)
{
    const jx_report_table t = {
        .spec = {.heading = heading, .role = JX_TABLE_OVERVIEW, .head = overview_head, .align = overview_align,
                 .ncols = NOV},
        .lead = "",
        .note = overview_note,
        .derived = overview_derived,
    };
    return t;
}

/* The entry's row of the overview, numbered from 1. */
static void entry_row(jx_writer *w, const jx_renderer *r, const jx_audit_view *v, size_t nth)
{
    const jx_project *p = v->p;
    const char *grade = !v->scored ? "未能计分" : p->grade != JX_GRADE_NONE ? jx_grade_name(p->grade) : "—";
    if (v->grade_differs)
        grade = jx_scratch_printf(w, "%s（不符）", grade);
    jx_cell c[NOV];
    c[OV_NUMBER] = count(w, nth);
    c[OV_NAME] = jx_cell_of(p->name.s, JX_CELL_LABEL);
    c[OV_ORG] = jx_cell_of(p->org.n ? p->org.s : p->dept.s, JX_CELL_TEXT);
    c[OV_WHERE] = jx_cell_of(jx_audit_where(w, p->src.file, v->line), JX_CELL_TEXT);
    c[OV_BUDGET] = v->funds == JX_AUDIT_FUNDS_OK ? number(jx_audit_funds_cell(w, v, false)) : dash();
    c[OV_SPENT] = v->funds == JX_AUDIT_FUNDS_OK ? number(jx_audit_funds_cell(w, v, true)) : dash();
    c[OV_CLAIMED] = p->has_claimed_total ? number(jx_audit_points_str(w, p->claimed_total, false)) : dash();
    c[OV_TOTAL] = v->scored ? number(jx_audit_points_str(w, jx_audit_total_dec(p), false)) : dash();
    c[OV_DIFF] = v->has_difference ? number(jx_audit_points_str(w, v->difference, true)) : dash();
    c[OV_CLAIMED_GRADE] =
        p->claimed_grade != JX_GRADE_NONE ? jx_cell_of(jx_grade_name(p->claimed_grade), JX_CELL_TEXT) : dash();
    c[OV_GRADE] = jx_cell_of(grade, strcmp(grade, "—") == 0 ? JX_CELL_DASH : JX_CELL_TEXT);
    c[OV_ERRORS] = count(w, v->f.count[JX_SEV_ERROR]);
    c[OV_WARNINGS] = count(w, v->f.count[JX_SEV_WARNING]);
    c[OV_NOTES] = count(w, v->f.count[JX_SEV_NOTE]);
    const jx_report_table t = overview_table("项目");
    r->report_table_begin(w, &t);
    r->row(w, c);
    r->table_end(w);
}

/* The entry's findings in report order, each with its position as the audit words it;
 * returns how many. */
static size_t entry_findings(jx_writer *w, const jx_renderer *r, const jx_audit_view *v)
{
    const jx_audit_findings *f = &v->f;
    jx_finding *list = NULL;
    if (f->n) {
        list = jx_arena_alloc(&w->scratch, f->n * sizeof *list);
        if (!list) {
            jx_scratch_fail(w);
            return 0;
        }
    }
    for (size_t i = 0; i < f->n; i++) {
        const jx_diag *d = f->v[i];
        list[i] = (jx_finding){.severity = d->severity,
                               .level = jx_severity_name(d->severity),
                               .where = jx_audit_position_str(w, v->p, d, v->flags),
                               .code = d->code,
                               .message = d->message};
    }
    const jx_finding_list l = {
        .heading = f->n ? jx_scratch_printf(w, "发现（%zu 条：错误 %zu，警告 %zu，提示 %zu）", f->n,
                                            f->count[JX_SEV_ERROR], f->count[JX_SEV_WARNING], f->count[JX_SEV_NOTE])
                        : "",
        .title = jx_scratch_printf(w, "%s（%zu 条）", v->p->name.s, f->n),
        .label = "发现",
        .empty = "无",
        .v = list,
        .n = f->n,
    };
    r->finding_list(w, &l);
    return f->n;
}

/* 汇总: the counts, the grade distribution, the findings by code. */
static void summary(jx_audit_writer *aw, const jx_renderer *r)
{
    jx_writer *w = aw->out;
    const jx_audit *au = aw->au;
    const jx_audit_summary *s = &au->sum;
    section(w, r, "汇总", "", "", aw->nprojects);

    const jx_report_table stats = {
        .spec = {.heading = "", .role = JX_TABLE_PAIRS, .head = stats_head, .align = "ll", .ncols = 2},
        .lead = "",
        .note = "",
    };
    const char *label[JX_AUDIT_SUMMARY_ROWS], *value[JX_AUDIT_SUMMARY_ROWS];
    jx_audit_summary_rows(w, s, label, value);
    r->report_table_begin(w, &stats);
    for (size_t i = 0; i < JX_AUDIT_SUMMARY_ROWS; i++) {
        const jx_cell c[2] = {jx_cell_of(label[i], JX_CELL_LABEL), jx_cell_of(value[i], JX_CELL_TEXT)};
        r->row(w, c);
    }
    r->table_end(w);

    const char *grade_head[6] = {"结论"};
    for (size_t i = 0; i < 5; i++)
        grade_head[i + 1] = jx_audit_grade_head(jx_audit_grade_order[i]);
    const jx_report_table grades = {
        .spec = {.heading = "结论分布", .role = JX_TABLE_CROSS, .head = grade_head, .align = "lrrrrr", .ncols = 6},
        .lead = "",
        .note = "",
    };
    r->report_table_begin(w, &grades);
    for (int claimed = 1; claimed >= 0; claimed--) {
        jx_cell c[6];
        c[0] = jx_cell_of(claimed ? "自评" : "重算", JX_CELL_LABEL);
        for (size_t i = 0; i < 5; i++) {
            jx_grade g = jx_audit_grade_order[i];
            c[i + 1] = count(w, claimed ? s->claimed_grades[g] : s->grades[g]);
        }
        r->row(w, c);
    }
    r->table_end(w);

    /* a code is tallied for each finding counted: rows exactly when there are findings */
    assert((au->ntallies == 0) == (s->findings[0] + s->findings[1] + s->findings[2] == 0));
    const jx_report_table codes = {
        .spec = {.heading = jx_scratch_printf(w, "发现（%s）", jx_audit_min_name(au->opts.min_severity)),
                 .role = JX_TABLE_SECTION,
                 .head = codes_head,
                 .align = "llrrrr",
                 .ncols = 6},
        .lead = jx_audit_findings_words(w, s),
        .note = "",
        .derived = ".....=",
    };
    r->report_table_begin(w, &codes);
    for (size_t i = 0; i < au->ntallies; i++) {
        const jx_code_tally *t = &au->tallies[i];
        const jx_cell c[6] = {
            jx_cell_of(t->code, JX_CELL_LABEL),
            jx_cell_of(jx_code_name_or_empty(t->code), JX_CELL_LABEL),
            count(w, t->count[JX_SEV_ERROR]),
            count(w, t->count[JX_SEV_WARNING]),
            count(w, t->count[JX_SEV_NOTE]),
            count(w, t->count[0] + t->count[1] + t->count[2]),
        };
        r->row(w, c);
    }
    r->table_end(w);
    r->part_end(w);
}

/* The close of the overview: how many projects, how many findings. */
static void overview(jx_audit_writer *aw, const jx_renderer *r)
{
    jx_writer *w = aw->out;
    const jx_report_table t = overview_table(jx_scratch_printf(w, "项目（%zu）", aw->nprojects));
    const jx_overview o = {
        .table = &t,
        .empty = "没有审核的项目。",
        .nrows = aw->nprojects,
        .findings = jx_scratch_printf(w, "发现明细（%zu）", aw->nfindings),
        .findings_empty = "没有发现。",
        .nfindings = aw->nfindings,
    };
    r->overview(w, &o);
}

/* 抽查: how the sample was drawn, what it came to, then each pick with its reason. */
static void sample(jx_audit_writer *aw, const jx_renderer *r)
{
    jx_writer *w = aw->out;
    const jx_audit *au = aw->au;
    section(w, r, "抽查", jx_audit_sample_words(w, au), jx_scratch_printf(w, "抽中 %zu 个项目", au->npicks),
            aw->nprojects + 1);
    if (au->npicks) {
        const jx_report_table t = {
            .spec = {.heading = "", .role = JX_TABLE_LIST, .head = picks_head, .align = "rllll", .ncols = 5},
            .lead = "",
            .note = "",
            .derived = "#....",
        };
        r->report_table_begin(w, &t);
        for (size_t i = 0; i < au->npicks; i++) {
            const jx_audit_pick *pk = &au->picks[i];
            const jx_cell c[5] = {
                count(w, i + 1),
                jx_cell_of(pk->name, JX_CELL_LABEL),
                jx_cell_of(jx_audit_where(w, pk->file, pk->line), JX_CELL_TEXT),
                jx_cell_of(jx_audit_pick_why_name(pk), JX_CELL_TEXT),
                jx_cell_of(pk->reason, JX_CELL_TEXT),
            };
            r->row(w, c);
        }
        r->table_end(w);
    }
    r->part_end(w);
}

/* ------------------------------------------------------------ reporter */

static void begin(jx_audit_writer *aw)
{
    const jx_report_head h = head_of(aw);
    renderer_of(aw)->report_begin(aw->out, &h);
}

/* An entry: its detail, its row of the overview, its findings. */
static void project(jx_audit_writer *aw, const jx_audit_view *v)
{
    const jx_renderer *r = renderer_of(aw);
    jx_writer *w = aw->out;
    const jx_report_part pt = {
        .part = {.title = "", .caption = "", .name = v->p->name.s, .index = aw->nprojects},
        .role = JX_PART_ENTRY,
        .result = "",
    };
    r->report_part_begin(w, &pt);
    entry_fields(w, r, v);
    entry_claims(w, r, v);
    entry_row(w, r, v, aw->nprojects + 1);
    aw->nfindings += entry_findings(w, r, v);
    r->part_end(w);
}

/* The summary, the overview's close, the sample when one was asked for. */
static void finish(jx_audit_writer *aw)
{
    const jx_renderer *r = renderer_of(aw);
    summary(aw, r);
    overview(aw, r);
    if (aw->au->sampling)
        sample(aw, r);
    const jx_report_head h = head_of(aw);
    r->doc_end(aw->out, &h.doc, aw->nprojects + 1 + (aw->au->sampling ? 1 : 0));
}

const jx_audit_reporter jx_audit_reporter_text = {
    .name = "text", .begin = begin, .project = project, .finish = finish, .render = &jx_render_text};
const jx_audit_reporter jx_audit_reporter_md = {
    .name = "md", .begin = begin, .project = project, .finish = finish, .render = &jx_render_md};
const jx_audit_reporter jx_audit_reporter_txt = {
    .name = "txt", .begin = begin, .project = project, .finish = finish, .render = &jx_render_txt};
