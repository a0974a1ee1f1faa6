/* SPDX-License-Identifier: MIT */
/* import_zj_selfeval.c — the zj-selfeval format: 项目支出绩效自评表 as text taken out of a PDF.
 *
 * Each table (a 部门决算 prints one per project) becomes one project. The PDF's text
 * keeps the table's reading order but not its grid: cells are separated by spaces, a
 * row's cells may share a line or not, and a cell too long for its column wraps onto
 * lines of its own, with blank lines in between. Line by line, one table reads:
 *
 *   项目支出绩效自评表                       the title: a new project
 *   （2024年度）                             年度
 *   项目名称 越城区电子政务云资源服务项目
 *   主管部门 301-大数据管理 预算单位         主管部门, then 预算单位 wrapping over
 *   301001-绍兴市越城区大数据发展管理中心     the lines up to 项目资金
 *   （本级）
 *   项目资金 / （万元）                       金额单位
 *   资金来源 年初预算数 / 全年预算数 …        the funds header, over several lines
 *   年度资金总额 0 0 0 0                     one line per 资金来源: 年初预算数 全年预算数
 *   一般公共预算资金 366 358.35 358.35 0 100.00%      全年执行数, then columns not kept
 *   年度总体目标 / 预期目标 实际完成情况      then the 预期目标 cell's lines, the first
 *   提高…区级 / 各部门…环境 / 。              ending in "。", and the 实际完成情况 cell's
 *   提高…各部 / 门提供…环境。
 *   目标偏离原因分析 / 因…2.5 / 万元划转…。    偏离原因, 整改措施, 其他需说明的问题
 *   整改措施及建议 / 其他需说明的问题
 *   绩效指 / 标 / 一级指标 二级指标 三级指标 年度指标值 实际完成值 权重 得分 /
 *   偏差原因分析及 / 改进措施                 the indicator header
 *   产出指标 / (60.00分)                      a 一级 group and its points
 *   数量指标 / (50.00分)                      a 二级 group and its points
 *   接入系统数量 ≥60个 ≥60个 30 30.00         an indicator: 三级指标 年度指标值 实际完成值
 *                                             权重 得分 [偏差原因]
 *   质量指标(0 / 分) / 0.00                   an empty group: points split over two
 *                                             lines, then its 得分 cell
 *   服务对象满 / 意度(10.00 / 分)              a group name wrapped in its cell
 *   政务外网重大安全事故发 / 生率 /            an indicator name wrapped in its cell,
 *   ≤0.5% ≤0.5% 15 15.00                      its values on the next line
 *   总  分 100 100.00                         权重 total, then the claimed 总分
 *   自评结论 优                               the claimed grade, then three lines on
 *   总分高于90分（含）的结论为“优”，…           how grades are given
 *
 * The reader is a state machine over the table's sections in this order. A line that
 * opens a later section ends the current one (so a section the form leaves out is
 * simply skipped); within the indicator part, text too short to be a row is held as a
 * fragment and joined to the group or indicator it turns out to begin. Blank lines
 * carry nothing and are passed over; prose before, between and after the tables is not
 * part of any table and is not read.
 */
#include "import.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define ZS_MAX_TOKENS 64  /* space-separated cells read from one line */
#define ZS_MAX_FRAGS 16   /* lines of a wrapped name held before it is complete */

/** Where the reader is in the table, in the order of the form. */
typedef enum zs_state {
    ZS_OUTSIDE = 0, /* prose: looking for the title 项目支出绩效自评表 */
    ZS_HEAD,        /* 年度, 项目名称, 主管部门 */
    ZS_ORG,         /* the 预算单位 cell, wrapping over lines until 项目资金 */
    ZS_FUNDS,       /* 项目资金（万元）: the funds header and one row per 资金来源 */
    ZS_GOAL,        /* 年度总体目标: the 预期目标 cell, then the 实际完成情况 cell */
    ZS_DEVIATION,   /* 目标偏离原因分析 */
    ZS_REMEDY,      /* 整改措施及建议 */
    ZS_OTHER,       /* 其他需说明的问题: no project field of its own */
    ZS_IND_HEAD,    /* 绩效指标: the indicator header over several lines */
    ZS_INDICATORS,  /* groups with their points, indicator rows */
    ZS_GRADE,       /* after 总分: waiting for 自评结论 */
    ZS_BANDS        /* the note under 自评结论 on how grades are given */
} zs_state;

/** A line of a wrapped name held until the group or indicator it begins is complete. */
typedef struct zs_frag {
    jx_imp_span text; /* the line, trimmed */
    uint32_t row;     /* its line */
} zs_frag;

/** The reader's state over one text. */
typedef struct zs_reader {
    jx_imp *im;                     /* the model being filled */
    zs_state state;                 /* the section being read */
    uint32_t title_row;             /* line of the table's title, where its project starts */
    bool open;                      /* the table's project has been begun in the model */
    jx_imp_span year;               /* 年度 read before the project was begun */
    uint32_t year_row;              /* its line, 0 when none */
    jx_imp_field text_field;        /* the field lines of text are added to (GOAL, OUTCOME, …) */
    bool goal_done;                 /* the 预期目标 cell ended ("。"): lines go to 实际完成情况 */
    int goal_lines;                 /* lines read into 预期目标 */
    uint32_t goal_row;              /* line of 年度总体目标, for the warning when it cannot be split */
    bool funds_seen;                /* a 资金来源 row has been read */
    zs_frag frag[ZS_MAX_FRAGS];     /* held lines of a wrapped name */
    int nfrags;                     /* how many */
    const char *level1;             /* current 一级指标 (in the model's arena), "" before the first */
    const char *level2;             /* current 二级指标, "" when none */
    bool level2_is_group;           /* the last group read is a 二级 group */
    size_t group_inds;              /* indicators read since the last group header */
    bool after_group;               /* the last row read was a group header (its 得分 cell may follow) */
    bool close_points;              /* a group's points wrapped: "分)" is still to come */
    bool want_grade;                /* 自评结论 had no grade on its line */
    int band_lines;                 /* lines of the note read */
} zs_reader;

/* --------------------------------------------------------- text slices, cells */

/** a from byte i on. */
static jx_imp_span zs_from(jx_imp_span a, size_t i)
{
    jx_imp_span t = {a.s + (i < a.n ? i : a.n), i < a.n ? a.n - i : 0};
    return t;
}

/** True when a ends with the C string b. */
static bool zs_ends(jx_imp_span a, const char *b)
{
    size_t n = strlen(b);
    return a.n >= n && memcmp(a.s + a.n - n, b, n) == 0;
}

/** a with every blank removed, into b (for labels the PDF spaced out: "总  分"). */
static jx_imp_span zs_squeeze(jx_imp_span a, char *b, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < a.n;) {
        size_t k = jx_text_blank_at(a.s + i, a.n - i, JX_TEXT_BLANKS);
        if (k) {
            i += k;
            continue;
        }
        if (n < cap)
            b[n++] = a.s[i];
        i++;
    }
    jx_imp_span t = {b, n};
    return t;
}

/** True when a is a plain number: [-]digits[.digits]. */
static bool zs_number(jx_imp_span a)
{
    size_t i = a.n && a.s[0] == '-' ? 1 : 0, digits = 0, dots = 0;
    for (; i < a.n; i++) {
        if (a.s[i] >= '0' && a.s[i] <= '9')
            digits++;
        else if (a.s[i] == '.' && dots == 0 && digits > 0)
            dots++;
        else
            return false;
    }
    return digits > 0 && a.s[a.n - 1] != '.';
}

/** True when a is an amount or a rate as the funds rows write them: a number, "1,234.5", "96.68%". */
static bool zs_amount(jx_imp_span a)
{
    size_t digits = 0;
    for (size_t i = 0; i < a.n; i++) {
        char c = a.s[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (!(c == '.' || c == ',' || (c == '-' && i == 0) || (c == '%' && i == a.n - 1)))
            return false;
    }
    return digits > 0;
}

/** True when a is a sign standing alone in its cell ("≥", "＝"), split from its value. */
static bool zs_lone_sign(jx_imp_span a)
{
    static const char *const signs[] = {"≥", "≤", "=", ">", "<", "＝", "＞", "＜", "≧", "≦", ">=", "<="};
    for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
        if (jx_imp_span_eq(a, signs[i]))
            return true;
    return false;
}

/**
 * Splits a at blanks into at most max tokens; a sign standing alone is joined to the
 * token after it (the slice then spans both, as written). Returns the count.
 */
static int zs_tokens(jx_imp_span a, jx_imp_span *tok, int max)
{
    int n = 0;
    size_t i = 0;
    while (i < a.n) {
        size_t k = jx_text_blank_at(a.s + i, a.n - i, JX_TEXT_BLANKS);
        if (k) {
            i += k;
            continue;
        }
        size_t start = i;
        while (i < a.n && !jx_text_blank_at(a.s + i, a.n - i, JX_TEXT_BLANKS))
            i++;
        if (n == max) {
            tok[n - 1].n = (size_t)(a.s + a.n - tok[n - 1].s); /* the last takes the rest */
            break;
        }
        tok[n].s = a.s + start;
        tok[n].n = i - start;
        n++;
    }
    for (int j = 0; j + 1 < n; j++) {
        if (!zs_lone_sign(tok[j]))
            continue;
        tok[j].n = (size_t)(tok[j + 1].s + tok[j + 1].n - tok[j].s);
        memmove(&tok[j + 1], &tok[j + 2], (size_t)(n - j - 2) * sizeof *tok);
        n--;
    }
    return n;
}

/** The slice from the start of tok[a] to the end of tok[b - 1] (tokens a..b, b > a). */
static jx_imp_span zs_span(const jx_imp_span *tok, int a, int b)
{
    jx_imp_span t = {tok[a].s, (size_t)(tok[b - 1].s + tok[b - 1].n - tok[a].s)};
    return t;
}

/**
 * The table's project, begun at its title the first time something is to be recorded
 * (so a table that holds nothing makes no project). Warns when it is begun by anything
 * but its 项目名称. NULL when memory ran out or the sink failed.
 */
static jx_imp_project *zs_project(zs_reader *z, bool naming)
{
    if (z->open)
        return jx_imp_current(z->im);
    jx_imp_project *p = jx_imp_begin(z->im, z->title_row);
    if (!p)
        return NULL;
    z->open = true;
    if (z->year_row && jx_imp_set(z->im, JX_IMP_YEAR, z->year_row, z->year.s, z->year.n))
        return NULL;
    if (!naming)
        jx_imp_warn(z->im, z->title_row, "no-project-name", "自评表在“项目名称”之前就有内容");
    return p;
}

/** Sets field f of the table's project to t. */
static int zs_set(zs_reader *z, jx_imp_field f, uint32_t row, jx_imp_span t)
{
    if (!zs_project(z, f == JX_IMP_NAME))
        return -1;
    return jx_imp_set(z->im, f, row, t.s, t.n);
}

/**
 * Adds the line t to field f of the current project: the PDF wrapped the cell, so the
 * line is joined to what the field holds without a separator. The field keeps the row
 * of its first line.
 */
static int zs_add_text(zs_reader *z, jx_imp_field f, jx_imp_span t, uint32_t row)
{
    jx_imp_project *p = zs_project(z, f == JX_IMP_NAME);
    if (!p)
        return -1;
    if (p->field_row[f] == 0)
        return jx_imp_set(z->im, f, row, t.s, t.n);
    jx_imp_span part[2] = {{p->field[f], strlen(p->field[f])}, t};
    const char *joined = jx_imp_join(z->im, part, 2);
    return jx_imp_set(z->im, f, p->field_row[f], joined, strlen(joined));
}

/** The held fragments joined, then s (may be empty), copied into the model's arena. */
static const char *zs_join_frags(zs_reader *z, jx_imp_span s)
{
    jx_imp_span part[ZS_MAX_FRAGS + 1];
    for (int i = 0; i < z->nfrags; i++)
        part[i] = z->frag[i].text;
    part[z->nfrags] = s;
    const char *joined = jx_imp_join(z->im, part, (size_t)z->nfrags + 1);
    z->nfrags = 0;
    return joined;
}

/** Reports the held fragments as rows not understood and forgets them. */
static void zs_drop_frags(zs_reader *z)
{
    for (int i = 0; i < z->nfrags; i++)
        jx_imp_row(z->im, z->frag[i].row, JX_IMP_ROW_NOT_UNDERSTOOD, "无法识别的指标行“%.*s”",
                   jx_imp_span_len(z->frag[i].text), z->frag[i].text.s);
    z->nfrags = 0;
}

/** Holds t as a fragment of a wrapped name; the oldest is reported when too many are held. */
static void zs_hold(zs_reader *z, jx_imp_span t, uint32_t row)
{
    if (z->nfrags == ZS_MAX_FRAGS) {
        jx_imp_row(z->im, z->frag[0].row, JX_IMP_ROW_NOT_UNDERSTOOD, "无法识别的指标行“%.*s”",
                   jx_imp_span_len(z->frag[0].text), z->frag[0].text.s);
        memmove(&z->frag[0], &z->frag[1], (ZS_MAX_FRAGS - 1) * sizeof z->frag[0]);
        z->nfrags--;
    }
    z->frag[z->nfrags].text = t;
    z->frag[z->nfrags].row = row;
    z->nfrags++;
}

/* ------------------------------------------------------------- labels */

/** The labels that open a section of the form. */
typedef enum zs_label {
    ZS_L_NONE = 0,
    ZS_L_TITLE,      /* 项目支出绩效自评表 */
    ZS_L_NAME,       /* 项目名称 … */
    ZS_L_DEPT,       /* 主管部门 … [预算单位 …] */
    ZS_L_FUNDS,      /* 项目资金 [（万元）] */
    ZS_L_GOAL,       /* 年度总体目标 */
    ZS_L_DEVIATION,  /* 目标偏离原因分析 [text] */
    ZS_L_REMEDY,     /* 整改措施及建议 [text] */
    ZS_L_OTHER,      /* 其他需说明的问题 [text] */
    ZS_L_INDICATORS, /* 绩效指 / 绩效指标, or the header 一级指标 二级指标 三级指标 … */
    ZS_L_TOTAL,      /* 总  分 … */
    ZS_L_GRADE       /* 自评结论 … */
} zs_label;

/** The state each label opens. */
static const zs_state zs_label_state[] = {
    ZS_OUTSIDE, ZS_HEAD, ZS_HEAD, ZS_HEAD, ZS_FUNDS, ZS_GOAL,
    ZS_DEVIATION, ZS_REMEDY, ZS_OTHER, ZS_IND_HEAD, ZS_GRADE, ZS_GRADE,
};

/** The label t starts with, and in *rest what follows it on the line. */
static zs_label zs_label_of(jx_imp_span t, jx_imp_span *rest)
{
    static const struct {
        const char *text;
        zs_label label;
    } prefixes[] = {
        {"项目支出绩效自评表", ZS_L_TITLE}, {"项目名称", ZS_L_NAME},
        {"主管部门", ZS_L_DEPT},            {"项目资金", ZS_L_FUNDS},
        {"年度总体目标", ZS_L_GOAL},        {"目标偏离原因分析", ZS_L_DEVIATION},
        {"整改措施及建议", ZS_L_REMEDY},    {"其他需说明的问题", ZS_L_OTHER},
        {"自评结论", ZS_L_GRADE},
    };
    *rest = t;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (jx_imp_span_starts(t, prefixes[i].text)) {
            *rest = jx_text_trim(t.s + strlen(prefixes[i].text), t.n - strlen(prefixes[i].text), JX_TEXT_BLANKS);
            return prefixes[i].label;
        }
    if (jx_imp_span_eq(t, "绩效指") || jx_imp_span_eq(t, "绩效指标") ||
        (jx_imp_span_starts(t, "一级指标") && jx_imp_span_find(t, "三级指标") && jx_imp_span_find(t, "权重")))
        return ZS_L_INDICATORS;
    char b[16];
    jx_imp_span sq = zs_squeeze((jx_imp_span){t.s, t.n < 64 ? t.n : 64}, b, sizeof b);
    if (jx_imp_span_starts(sq, "总分") && !jx_imp_span_starts(t, "总分高于")) {
        /* "总  分 100 100.00": what follows the two characters, however spaced. */
        const char *fen = jx_imp_span_find(t, "分");
        *rest = jx_text_trim(fen + strlen("分"), t.n - (size_t)(fen + strlen("分") - t.s), JX_TEXT_BLANKS);
        return ZS_L_TOTAL;
    }
    return ZS_L_NONE;
}

/* --------------------------------------------------------- the sections */

/**
 * "（2024年度）" or "(2024年度)": the digits before 年, else an empty slice. All of a run
 * of four or more is taken ("20202年度" gives 20202, which the emitter refuses as a year,
 * naming it, rather than a 0202 cut from its end).
 */
static jx_imp_span zs_year(jx_imp_span t)
{
    size_t run = 0; /* digits ending at i */
    for (size_t i = 0; i < t.n; i++) {
        if (run >= 4 && jx_imp_span_starts(zs_from(t, i), "年"))
            return (jx_imp_span){t.s + i - run, run};
        run = t.s[i] >= '0' && t.s[i] <= '9' ? run + 1 : 0;
    }
    return (jx_imp_span){t.s, 0};
}

/** The text inside the brackets of "（万元）" / "(万元)", else an empty slice. */
static jx_imp_span zs_bracketed(jx_imp_span t)
{
    static const char *const open[] = {"（", "("}, *const close[] = {"）", ")"};
    for (size_t k = 0; k < 2; k++) {
        const char *a = jx_imp_span_find(t, open[k]);
        if (!a)
            continue;
        jx_imp_span in = zs_from(t, (size_t)(a - t.s) + strlen(open[k]));
        const char *b = jx_imp_span_find(in, close[k]);
        if (b)
            return jx_text_trim(in.s, (size_t)(b - in.s), JX_TEXT_BLANKS);
    }
    return (jx_imp_span){t.s, 0};
}

/** "主管部门 301-大数据管理 预算单位 [301001-…]": 主管部门 and the start of 预算单位. */
static int zs_dept(zs_reader *z, jx_imp_span rest, uint32_t row)
{
    static const char *const org_labels[] = {"预算单位", "实施单位"};
    for (size_t k = 0; k < 2; k++) {
        const char *at = jx_imp_span_find(rest, org_labels[k]);
        if (!at)
            continue;
        jx_imp_span dept = jx_text_trim(rest.s, (size_t)(at - rest.s), JX_TEXT_BLANKS);
        jx_imp_span org =
            jx_text_trim(at + strlen(org_labels[k]), rest.n - (size_t)(at - rest.s) - strlen(org_labels[k]), JX_TEXT_BLANKS);
        if (dept.n && zs_set(z, JX_IMP_DEPT, row, dept))
            return -1;
        z->state = ZS_ORG;
        return org.n ? zs_add_text(z, JX_IMP_ORG, org, row) : 0;
    }
    return rest.n ? zs_set(z, JX_IMP_DEPT, row, rest) : 0;
}

/**
 * A line of the funds part: a row "来源 年初预算数 全年预算数 全年执行数 [列4] [执行率]",
 * the 金额单位 "（万元）", a line of the funds header, or a wrapped 资金来源 name.
 */
static int zs_funds_line(zs_reader *z, jx_imp_span t, uint32_t row)
{
    jx_imp_project *p = z->open ? jx_imp_current(z->im) : NULL;
    if ((!p || p->field_row[JX_IMP_MONEY_UNIT] == 0) && !z->funds_seen &&
        (jx_imp_span_starts(t, "（") || jx_imp_span_starts(t, "(")) && (zs_ends(t, "）") || zs_ends(t, ")"))) {
        jx_imp_span unit = zs_bracketed(t); /* "（万元）" under 项目资金 */
        if (zs_ends(unit, "元"))
            return zs_set(z, JX_IMP_MONEY_UNIT, row, unit);
    }
    jx_imp_span tok[ZS_MAX_TOKENS];
    int n = zs_tokens(t, tok, ZS_MAX_TOKENS);
    int first_amount = n;
    for (int i = 0; i < n; i++)
        if (zs_amount(tok[i])) {
            first_amount = i;
            break;
        }
    bool amounts_only = true;
    for (int i = first_amount; i < n; i++)
        amounts_only = amounts_only && zs_amount(tok[i]);
    if ((first_amount > 0 || z->nfrags) && n - first_amount >= 3 && amounts_only) {
        /* 年度资金总额 0 0 0 0 — 一般公共预算资金 366 358.35 358.35 0 100.00% */
        if (!zs_project(z, false))
            return -1;
        jx_imp_span src = first_amount ? zs_span(tok, 0, first_amount) : (jx_imp_span){t.s, 0};
        uint32_t at = z->nfrags ? z->frag[0].row : row;
        const char *source = zs_join_frags(z, src);
        jx_imp_funds *f = jx_imp_funds_add(z->im, at);
        if (!f)
            return -1;
        f->source = source;
        f->initial = jx_imp_str(z->im, tok[first_amount].s, tok[first_amount].n);
        f->budget = jx_imp_str(z->im, tok[first_amount + 1].s, tok[first_amount + 1].n);
        f->spent = jx_imp_str(z->im, tok[first_amount + 2].s, tok[first_amount + 2].n);
        z->funds_seen = true;
        /* The columns after 全年执行数 have no field: the 4th is let go when it is 0 (nothing
           lost) and reported otherwise; the last, 执行率 (B/A), follows from the amounts. */
        for (int i = first_amount + 3; i < n; i++) {
            jx_imp_span v = tok[i];
            bool zero = true;
            for (size_t k = 0; k < v.n; k++)
                zero = zero && (v.s[k] == '0' || v.s[k] == '.' || v.s[k] == ',');
            bool rate = i == n - 1 && zs_ends(v, "%");
            if (!zero && !rate)
                jx_imp_warn(z->im, row, "funds-not-understood",
                            "资金来源“%s”的第 %d 个数“%.*s”没有对应的字段（只导入年初预算数、全年预算数、全年执行数）",
                            source, i - first_amount + 1, jx_imp_span_len(v), v.s);
        }
        return jx_imp_oom(z->im) ? -1 : 0;
    }
    if (!z->funds_seen) {
        jx_imp_row(z->im, row, JX_IMP_ROW_SKIPPED, "表头（项目资金）");
        return 0;
    }
    if (n == 1 && !zs_amount(tok[0])) {
        zs_hold(z, t, row); /* a 资金来源 name wrapped in its cell */
        return 0;
    }
    zs_drop_frags(z);
    jx_imp_row(z->im, row, JX_IMP_ROW_NOT_UNDERSTOOD, "无法识别的资金行：应为资金来源后跟年初预算数、全年预算数、全年执行数");
    return 0;
}

/** A line of 年度总体目标: the 预期目标 cell up to its "。", then the 实际完成情况 cell. */
static int zs_goal_line(zs_reader *z, jx_imp_span t, uint32_t row)
{
    if (jx_imp_span_find(t, "预期目标") && jx_imp_span_find(t, "实际完成情况") && t.n <= strlen("预期目标 实际完成情况") + 8) {
        jx_imp_row(z->im, row, JX_IMP_ROW_SKIPPED, "表头（年度总体目标）");
        return 0;
    }
    if (z->goal_done)
        return zs_add_text(z, JX_IMP_OUTCOME, t, row);
    z->goal_lines++;
    if (zs_ends(t, "。"))
        z->goal_done = true;
    return zs_add_text(z, JX_IMP_GOAL, t, row);
}

/** Ends 年度总体目标: warns when its two cells could not be told apart. */
static void zs_goal_end(zs_reader *z)
{
    if (z->state == ZS_GOAL && !z->goal_done && z->goal_lines > 1)
        jx_imp_warn(z->im, z->goal_row, "goal-not-split",
                    "年度总体目标的“预期目标”没有以“。”结束，无法与“实际完成情况”分开：%d 行都作为年度目标导入",
                    z->goal_lines);
}

/** Points of a group written "(60.00分)", "（0分）" or wrapped "(0" … "分)": prefix, points, closed. */
static bool zs_points(jx_imp_span t, jx_imp_span *prefix, jx_imp_span *points, bool *closed)
{
    const char *open = NULL;
    size_t open_n = 0;
    for (size_t i = 0; i < t.n; i++) {
        if (t.s[i] == '(') {
            open = t.s + i;
            open_n = 1;
        } else if (jx_imp_span_starts(zs_from(t, i), "（")) {
            open = t.s + i;
            open_n = strlen("（");
        }
    }
    if (!open)
        return false;
    jx_imp_span in = zs_from(t, (size_t)(open - t.s) + open_n);
    size_t k = 0;
    while (k < in.n && ((in.s[k] >= '0' && in.s[k] <= '9') || in.s[k] == '.'))
        k++;
    jx_imp_span num = {in.s, k}, tail = jx_text_trim(in.s + k, in.n - k, JX_TEXT_BLANKS);
    if (!zs_number(num))
        return false;
    if (jx_imp_span_starts(tail, "分"))
        tail = jx_text_trim(tail.s + strlen("分"), tail.n - strlen("分"), JX_TEXT_BLANKS);
    if (!(tail.n == 0 || jx_imp_span_eq(tail, ")") || jx_imp_span_eq(tail, "）")))
        return false;
    *prefix = jx_text_trim(t.s, (size_t)(open - t.s), JX_TEXT_BLANKS);
    *points = num;
    *closed = tail.n != 0;
    return true;
}

/** True when name is a 一级指标 given the current one (成本指标 is 二级 under 产出指标). */
static bool zs_is_level1(const zs_reader *z, const char *name)
{
    if (strcmp(name, "产出指标") == 0 || strcmp(name, "效益指标") == 0 || strcmp(name, "满意度指标") == 0)
        return true;
    return strcmp(name, "成本指标") == 0 && strcmp(z->level1, "产出指标") != 0;
}

/** Records a group header: 一级 or 二级 by its name, with its points as written. */
static int zs_group(zs_reader *z, const char *name, jx_imp_span points, uint32_t row)
{
    jx_imp_project *p = zs_project(z, false);
    const char *pts = jx_imp_str(z->im, points.s, points.n);
    if (!p || jx_imp_oom(z->im))
        return -1;
    if (z->level2_is_group && z->group_inds == 0 && strcmp(z->level2, "成本指标") == 0 &&
        strstr(name, "成本") && strcmp(name, "成本指标") != 0 && p->npoints > 0) {
        /* 经济成本指标 under 成本指标: 成本指标 is a 一级 group of its own (the 2021 layout). */
        jx_imp_points *last = &p->points[p->npoints - 1];
        last->level1 = last->level2;
        last->level2 = "";
        z->level1 = last->level1;
    }
    z->after_group = true;
    z->group_inds = 0;
    if (zs_is_level1(z, name)) {
        z->level1 = name;
        z->level2 = "";
        z->level2_is_group = false;
        return jx_imp_points_add(z->im, row, name, "", pts);
    }
    if (!z->level1[0])
        jx_imp_warn(z->im, row, "group-without-level1", "二级指标“%s”之前没有一级指标", name);
    z->level2 = name;
    z->level2_is_group = true;
    return jx_imp_points_add(z->im, row, z->level1, name, pts);
}

/**
 * Reads an indicator row from its tokens: [三级指标…] 年度指标值 实际完成值 权重 得分
 * [偏差原因…]. Returns 1 when read, 0 when the line is no indicator row, -1 when memory
 * ran out. The name may have begun on held lines; a line of values with no name of
 * its own takes its name from them.
 */
static int zs_indicator(zs_reader *z, const jx_imp_span *tok, int n, uint32_t row)
{
    if (n < 4)
        return 0;
    int k = -1; /* index of 年度指标值: tokens before it are the name */
    if (zs_number(tok[n - 1]) && zs_number(tok[n - 2])) {
        k = n - 4;
    } else {
        for (int i = z->nfrags ? 0 : 1; i + 4 < n; i++)
            if (zs_number(tok[i + 2]) && zs_number(tok[i + 3])) {
                k = i;
                break;
            }
    }
    if (k < 0 || (k == 0 && z->nfrags == 0))
        return 0;
    uint32_t at = z->nfrags ? z->frag[0].row : row;
    const char *name = zs_join_frags(z, k ? zs_span(tok, 0, k) : (jx_imp_span){tok[0].s, 0});
    jx_imp_indicator *ind = jx_imp_indicator_add(z->im, at);
    if (!ind)
        return -1;
    ind->level1 = z->level1;
    ind->level2 = z->level2;
    ind->name = name;
    ind->target = jx_imp_str(z->im, tok[k].s, tok[k].n);
    ind->actual = jx_imp_str(z->im, tok[k + 1].s, tok[k + 1].n);
    ind->weight = jx_imp_str(z->im, tok[k + 2].s, tok[k + 2].n);
    ind->score = jx_imp_str(z->im, tok[k + 3].s, tok[k + 3].n);
    if (k + 4 < n) {
        jx_imp_span reason = zs_span(tok, k + 4, n);
        ind->reason = jx_imp_str(z->im, reason.s, reason.n);
    }
    z->group_inds++;
    z->after_group = false;
    return jx_imp_oom(z->im) ? -1 : 1;
}

/** A line of the indicator part: a group (maybe wrapped), its 得分 cell, an indicator, a fragment. */
static int zs_indicator_line(zs_reader *z, jx_imp_span t, uint32_t row)
{
    if (!zs_project(z, false))
        return -1; /* begun first: beginning resets the arena the strings below go into */
    if (z->close_points) {
        z->close_points = false;
        if (jx_imp_span_eq(t, "分)") || jx_imp_span_eq(t, "分）") || jx_imp_span_eq(t, ")") || jx_imp_span_eq(t, "）"))
            return 0; /* the end of the points cell begun on the line before */
    }
    jx_imp_span prefix, points;
    bool closed;
    if (zs_points(t, &prefix, &points, &closed)) {
        uint32_t at = z->nfrags ? z->frag[0].row : row;
        const char *name = zs_join_frags(z, prefix);
        if (!name[0]) {
            jx_imp_row(z->im, row, JX_IMP_ROW_NOT_UNDERSTOOD, "分值“%.*s”之前没有指标名称", jx_imp_span_len(t), t.s);
            return 0;
        }
        z->close_points = !closed;
        return zs_group(z, name, points, at);
    }
    jx_imp_span tok[ZS_MAX_TOKENS];
    int n = zs_tokens(t, tok, ZS_MAX_TOKENS);
    if (n == 1 && zs_number(tok[0]) && z->after_group && z->nfrags == 0) {
        z->after_group = false;
        jx_imp_row(z->im, row, JX_IMP_ROW_SKIPPED, "“%s”下没有三级指标，这一行是它的得分“%.*s”",
                   z->level2_is_group ? z->level2 : z->level1, jx_imp_span_len(t), t.s);
        return 0;
    }
    int r = zs_indicator(z, tok, n, row);
    if (r != 0)
        return r < 0 ? -1 : 0;
    if (n == 1 && !zs_number(tok[0]) && !zs_lone_sign(tok[0])) {
        zs_hold(z, t, row); /* a name wrapped in its cell: the rest follows */
        return 0;
    }
    zs_drop_frags(z);
    jx_imp_row(z->im, row, JX_IMP_ROW_NOT_UNDERSTOOD,
               "无法识别的指标行“%.*s”：应为 三级指标 年度指标值 实际完成值 权重 得分 [偏差原因]，这一行有 %d 项",
               jx_imp_span_len(t), t.s, n);
    return 0;
}

/** True when t is a piece of the indicator header's words (绩效指 / 标, 偏差原因分析及 / 改进措施). */
static bool zs_header_piece(jx_imp_span t)
{
    static const char *const words[] = {"绩效指标", "偏差原因分析及改进措施"};
    char piece[64];
    if (t.n == 0 || t.n >= sizeof piece)
        return false;
    memcpy(piece, t.s, t.n);
    piece[t.n] = '\0';
    for (size_t k = 0; k < 2; k++)
        if (strstr(words[k], piece))
            return true;
    return false;
}

/** "自评结论 优": the claimed grade. */
static int zs_grade(zs_reader *z, jx_imp_span grade, uint32_t row)
{
    z->want_grade = grade.n == 0;
    z->state = ZS_BANDS;
    z->band_lines = 0;
    return grade.n ? zs_set(z, JX_IMP_CLAIMED_GRADE, row, grade) : 0;
}

/** "总  分 100 100.00": the claimed 总分 is the last number (the one before is the 权重 total). */
static int zs_total(zs_reader *z, jx_imp_span rest, uint32_t row)
{
    jx_imp_span tok[ZS_MAX_TOKENS];
    int n = zs_tokens(rest, tok, ZS_MAX_TOKENS);
    z->state = ZS_GRADE;
    if (n == 0 || !zs_number(tok[n - 1])) {
        jx_imp_row(z->im, row, JX_IMP_ROW_NOT_UNDERSTOOD, "总分行没有分数");
        return 0;
    }
    return zs_set(z, JX_IMP_CLAIMED_TOTAL, row, tok[n - 1]);
}

/** Ends the table being read: reports what was held and returns to the prose. */
static void zs_end_table(zs_reader *z)
{
    zs_goal_end(z);
    zs_drop_frags(z);
    z->state = ZS_OUTSIDE;
}

/** Forgets everything about the table read before. */
static void zs_reset(zs_reader *z, jx_imp *im)
{
    memset(z, 0, sizeof *z);
    z->im = im;
    z->level1 = z->level2 = "";
}

/** Starts a table at its title; its project is begun when it has something to hold. */
static void zs_begin(zs_reader *z, jx_imp_span rest, uint32_t row)
{
    if (z->state != ZS_OUTSIDE)
        zs_end_table(z);
    zs_reset(z, z->im);
    z->state = ZS_HEAD;
    z->title_row = row;
    jx_imp_row(z->im, row, JX_IMP_ROW_SKIPPED, "表名");
    z->year = zs_year(rest);
    z->year_row = z->year.n ? row : 0;
}

/** Switches to the section label opens, handling what its line carries. */
static int zs_open(zs_reader *z, zs_label label, jx_imp_span t, jx_imp_span rest, uint32_t row)
{
    if (z->state == ZS_GOAL)
        zs_goal_end(z);
    zs_drop_frags(z); /* a wrapped name left incomplete by the section's end */
    z->state = zs_label_state[label];
    switch (label) {
    case ZS_L_NAME:
        return rest.n ? zs_set(z, JX_IMP_NAME, row, rest) : 0;
    case ZS_L_DEPT:
        return zs_dept(z, rest, row);
    case ZS_L_FUNDS: {
        jx_imp_span unit = zs_bracketed(rest);
        return unit.n ? zs_set(z, JX_IMP_MONEY_UNIT, row, unit) : 0;
    }
    case ZS_L_GOAL:
        z->goal_row = row;
        jx_imp_row(z->im, row, JX_IMP_ROW_SKIPPED, "表头（年度总体目标）");
        return 0;
    case ZS_L_DEVIATION:
    case ZS_L_REMEDY:
        z->text_field = label == ZS_L_DEVIATION ? JX_IMP_DEVIATION : JX_IMP_REMEDY;
        if (rest.n)
            return zs_add_text(z, z->text_field, rest, row);
        jx_imp_row(z->im, row, JX_IMP_ROW_SKIPPED, "表头（%.*s）", jx_imp_span_len(t), t.s);
        return 0;
    case ZS_L_OTHER:
        if (rest.n)
            jx_imp_row(z->im, row, JX_IMP_ROW_SKIPPED, "“其他需说明的问题”没有对应的项目字段，没有导入：%.*s",
                       jx_imp_span_len(rest), rest.s);
        else
            jx_imp_row(z->im, row, JX_IMP_ROW_SKIPPED, "表头（其他需说明的问题）");
        return 0;
    case ZS_L_INDICATORS:
        jx_imp_row(z->im, row, JX_IMP_ROW_SKIPPED, "表头（绩效指标）");
        return 0;
    case ZS_L_TOTAL:
        return zs_total(z, rest, row);
    case ZS_L_GRADE:
        return zs_grade(z, rest, row);
    default:
        return 0;
    }
}

/** True when label may open its section from state s: a later section, or the same one again. */
static bool zs_label_fits(zs_label label, zs_state s)
{
    if (label == ZS_L_NONE || label == ZS_L_TITLE)
        return false;
    if (label == ZS_L_TOTAL)
        return s == ZS_IND_HEAD || s == ZS_INDICATORS;
    if (label == ZS_L_GRADE)
        return s >= ZS_IND_HEAD && s <= ZS_GRADE;
    if (label == ZS_L_INDICATORS)
        return s <= ZS_IND_HEAD;
    if (s >= ZS_IND_HEAD)
        return false;
    return zs_label_state[label] >= (s == ZS_ORG ? ZS_FUNDS : s);
}

/** Reads one non-blank line inside a table. */
static int zs_table_line(zs_reader *z, jx_imp_span t, uint32_t row)
{
    jx_imp_span rest;
    zs_label label = zs_label_of(t, &rest);
    if (zs_label_fits(label, z->state))
        return zs_open(z, label, t, rest, row);
    switch (z->state) {
    case ZS_HEAD: {
        jx_imp_span year = zs_year(t);
        jx_imp_project *p = z->open ? jx_imp_current(z->im) : NULL;
        if (year.n && zs_bracketed(t).n && !z->year_row) {
            z->year = year;
            z->year_row = row;
            return p ? jx_imp_set(z->im, JX_IMP_YEAR, row, year.s, year.n) : 0;
        }
        if (p && p->field_row[JX_IMP_NAME] && !p->field_row[JX_IMP_DEPT])
            return zs_add_text(z, JX_IMP_NAME, t, row); /* the name wrapped */
        jx_imp_row(z->im, row, JX_IMP_ROW_NOT_UNDERSTOOD, "表头部分无法识别的行");
        return 0;
    }
    case ZS_ORG:
        return zs_add_text(z, JX_IMP_ORG, t, row);
    case ZS_FUNDS:
        return zs_funds_line(z, t, row);
    case ZS_GOAL:
        return zs_goal_line(z, t, row);
    case ZS_DEVIATION:
    case ZS_REMEDY:
        return zs_add_text(z, z->text_field, t, row);
    case ZS_OTHER:
        jx_imp_row(z->im, row, JX_IMP_ROW_SKIPPED, "“其他需说明的问题”没有对应的项目字段，没有导入：%.*s",
                   jx_imp_span_len(t), t.s);
        return 0;
    case ZS_IND_HEAD:
        if (zs_header_piece(t)) {
            jx_imp_row(z->im, row, JX_IMP_ROW_SKIPPED, "表头（绩效指标）");
            return 0;
        }
        z->state = ZS_INDICATORS;
        return zs_indicator_line(z, t, row);
    case ZS_INDICATORS:
        return zs_indicator_line(z, t, row);
    case ZS_GRADE:
        jx_imp_row(z->im, row, JX_IMP_ROW_NOT_UNDERSTOOD, "总分之后应为自评结论");
        return 0;
    default:
        return 0;
    }
}

/**
 * After 自评结论: the grade if it wrapped, then the note on how grades are given
 * ("总分高于90分（含）的结论为“优”，…" over up to four lines, up to its "。"). Returns 1
 * when the line was read here, 0 when the table is over and the line is prose.
 */
static int zs_bands_line(zs_reader *z, jx_imp_span t, uint32_t row, int *err)
{
    *err = 0;
    if (z->want_grade) {
        z->want_grade = false;
        if (t.n <= 3) {
            *err = zs_set(z, JX_IMP_CLAIMED_GRADE, row, t);
            return 1;
        }
    }
    if ((z->band_lines == 0 && jx_imp_span_starts(t, "总分高于")) || (z->band_lines > 0 && z->band_lines < 4)) {
        z->band_lines++;
        jx_imp_row(z->im, row, JX_IMP_ROW_SKIPPED, "说明（自评结论的等级）");
        if (zs_ends(t, "。"))
            z->band_lines = 4;
        return 1;
    }
    return 0;
}

/* ----------------------------------------------------------- the format */

/** 95 when text holds the title 项目支出绩效自评表 and the indicator header, else 0. */
static int zj_selfeval_detect(const char *text, size_t len)
{
    size_t pos = 0;
    jx_imp_line line = {0};
    bool title = false, header = false;
    while (jx_imp_next_line(text, len, &pos, &line) && !(title && header)) {
        jx_imp_span t = jx_text_trim(line.s, line.n, JX_TEXT_BLANKS);
        title = title || jx_imp_span_starts(t, "项目支出绩效自评表");
        header = header || (jx_imp_span_starts(t, "一级指标") && jx_imp_span_find(t, "年度指标值") &&
                            jx_imp_span_find(t, "实际完成值"));
    }
    return title && header ? 95 : 0;
}

/** Reads every 项目支出绩效自评表 of text into im, one project each. */
static int zj_selfeval_read(jx_imp *im, const char *text, size_t len)
{
    zs_reader z;
    zs_reset(&z, im);
    size_t pos = 0, tables = 0;
    jx_imp_line line = {0};
    while (jx_imp_next_line(text, len, &pos, &line)) {
        jx_imp_span t = jx_text_trim(line.s, line.n, JX_TEXT_BLANKS);
        if (t.n == 0)
            continue; /* blank: the PDF's spacing between lines */
        if (jx_imp_span_starts(t, "项目支出绩效自评表")) {
            tables++;
            zs_begin(&z, zs_from(t, strlen("项目支出绩效自评表")), line.row);
            continue;
        }
        if (z.state == ZS_OUTSIDE)
            continue;
        if (z.state == ZS_BANDS) {
            int err;
            if (zs_bands_line(&z, t, line.row, &err)) {
                if (err)
                    return -1;
                continue;
            }
            z.state = ZS_OUTSIDE; /* the table is over: prose again */
            continue;
        }
        if (zs_table_line(&z, t, line.row))
            return -1;
    }
    if (z.state != ZS_OUTSIDE && z.state != ZS_BANDS) {
        jx_imp_warn(im, line.row, "table-incomplete", "自评表在第 %u 行之后没有结束（缺少总分或自评结论）", line.row);
        zs_end_table(&z);
    }
    if (tables == 0)
        jx_imp_warn(im, 1, "no-table", "没有找到“项目支出绩效自评表”");
    return jx_imp_oom(im) ? -1 : 0;
}

const jx_imp_format jx_imp_zj_selfeval = {
    "zj-selfeval", "项目支出绩效自评表（PDF 转出的文字）", zj_selfeval_detect, zj_selfeval_read,
};
