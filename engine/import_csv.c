/* SPDX-License-Identifier: MIT */
/* import_csv.c — the csv table format: a plain table whose header row names its columns.
 *
 * For anything the budget systems' own formats do not cover, and for tables saved from
 * Excel: comma-separated (RFC 4180 quoting, through csv.h) or tab-separated, UTF-8 or
 * whatever the decoder took. The header is the first row, among the first few, that
 * names the 三级指标 column and at least one other; rows above it (a title) are
 * skipped. Columns are found by their Chinese names (csv_columns[] below); a column
 * with a name not in the table is kept, cell by cell, in the indicator's comment.
 *
 * Rows of one project need not be adjacent: a first pass finds each project's rows
 * (by the 项目 cell) and a second writes the projects in the order they first appear,
 * each from its own rows in file order. So memory is the text plus a few words a row.
 * A blank 项目, 一级指标 or 二级指标 cell takes the value of the row above in the same
 * project, as a merged cell does when Excel saves it.
 */
#include "import.h"

#include "alloc.h"
#include "csv.h"
#include "table.h"
#include "text.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/** The columns the header may name. */
typedef enum csv_col {
    CSV_PROJECT = 0, CSV_DEPT, CSV_ORG, CSV_YEAR, CSV_MONEY_UNIT, CSV_GOAL, CSV_OUTCOME, CSV_DEVIATION,
    CSV_REMEDY, CSV_TOTAL, CSV_GRADE, CSV_INITIAL, CSV_BUDGET, CSV_SPENT, CSV_L1, CSV_L2, CSV_L3,
    CSV_SIGN, CSV_TARGET, CSV_UNIT, CSV_WEIGHT, CSV_ACTUAL, CSV_SCORE, CSV_REASON, CSV_NOTE,
    CSV_JUDGE, CSV_NA, CSV_SOURCE, CSV_L1_POINTS, CSV_L2_POINTS,
    CSV_LAST, CSV_BEFORE, CSV_BASIS, /* 上年, 前年, 指标值确定依据: the history of a target */
    CSV_METHOD,  /* 计分方法: names the table as jixiao's own scores (see csv_own_derived) */
    CSV_DERIVED, /* a column of jixiao's own scores recomputed from the others: not read */
    CSV_NCOLS,
    CSV_OTHER = -1 /* a column the table does not know: kept in the indicator's comment */
} csv_col;

/** A header name and the column it names. */
typedef struct csv_column_name {
    const char *name; /* as written in a header, blanks removed */
    csv_col col;      /* the column */
} csv_column_name;

static const csv_column_name csv_columns[] = {
    {"项目", CSV_PROJECT},          {"项目名称", CSV_PROJECT},        {"主管部门", CSV_DEPT},
    {"部门", CSV_DEPT},             {"单位", CSV_ORG},                {"预算单位", CSV_ORG},
    {"单位名称", CSV_ORG},          {"实施单位", CSV_ORG},            {"年度", CSV_YEAR},
    {"金额单位", CSV_MONEY_UNIT},   {"年度目标", CSV_GOAL},           {"年度总体目标", CSV_GOAL},
    {"总体绩效目标", CSV_GOAL},     {"年度绩效目标", CSV_GOAL},       {"总体目标", CSV_GOAL},
    {"完成情况", CSV_OUTCOME},      {"实际完成情况", CSV_OUTCOME},    {"偏离原因", CSV_DEVIATION},
    {"目标偏离原因", CSV_DEVIATION}, {"目标偏离原因分析", CSV_DEVIATION}, {"整改措施", CSV_REMEDY},
    {"整改措施及建议", CSV_REMEDY}, {"总分", CSV_TOTAL},              {"自评总分", CSV_TOTAL},
    {"结论", CSV_GRADE},            {"自评结论", CSV_GRADE},          {"年初预算", CSV_INITIAL},
    {"年初预算数", CSV_INITIAL},    {"全年预算", CSV_BUDGET},         {"全年预算数", CSV_BUDGET},
    {"全年执行", CSV_SPENT},        {"全年执行数", CSV_SPENT},        {"一级指标", CSV_L1},
    {"二级指标", CSV_L2},           {"事级指标", CSV_L2},             {"三级指标", CSV_L3},
    {"指标名称", CSV_L3},           {"计算符号", CSV_SIGN},           {"符号", CSV_SIGN},
    {"指标值", CSV_TARGET},         {"年度指标值", CSV_TARGET},       {"目标值", CSV_TARGET},
    {"年度目标值", CSV_TARGET},     {"预计当年实现", CSV_TARGET},     {"预计当年实现值", CSV_TARGET},
    {"预期当年实现值", CSV_TARGET}, {"计量单位", CSV_UNIT},           {"度量单位", CSV_UNIT},
    {"权重", CSV_WEIGHT},           {"指标权重", CSV_WEIGHT},         {"分值", CSV_WEIGHT},
    {"实际完成值", CSV_ACTUAL},     {"实际值", CSV_ACTUAL},           {"得分", CSV_SCORE},
    {"指标得分", CSV_SCORE},        {"偏差原因", CSV_REASON},         {"偏差原因分析", CSV_REASON},
    {"偏差原因分析及改进措施", CSV_REASON}, {"偏差原因及改进措施", CSV_REASON}, {"备注", CSV_NOTE},
    {"说明", CSV_NOTE},             {"指标值确定依据", CSV_BASIS},    {"依据", CSV_BASIS},
    {"上年", CSV_LAST},             {"上年指标值", CSV_LAST},         {"上年度指标值", CSV_LAST},
    {"上年目标值", CSV_LAST},       {"上年度目标值", CSV_LAST},       {"上年值", CSV_LAST},
    {"上年完成值", CSV_LAST},       {"上年实际完成值", CSV_LAST},     {"上年度实际完成值", CSV_LAST},
    {"前年", CSV_BEFORE},           {"前年指标值", CSV_BEFORE},       {"前年度指标值", CSV_BEFORE},
    {"前年目标值", CSV_BEFORE},     {"前年值", CSV_BEFORE},           {"前年完成值", CSV_BEFORE},
    {"前年实际完成值", CSV_BEFORE}, {"指标值设定依据", CSV_BASIS},    {"目标值确定依据", CSV_BASIS},
    {"确定依据", CSV_BASIS},        {"设定依据", CSV_BASIS},          {"评定", CSV_JUDGE},
    {"不适用", CSV_NA},             {"资金来源", CSV_SOURCE},         {"一级分值", CSV_L1_POINTS},
    {"二级分值", CSV_L2_POINTS},    {"计分方法", CSV_METHOD},         {"填报得分", CSV_SCORE},
    {"填报总分", CSV_TOTAL},        {"填报结论", CSV_GRADE},
};

/*
 * The columns of jixiao's own scores (`score --format csv`, engine/report/write_csv.c),
 * known by its 计分方法 column, that are recomputed rather than claimed: its 得分, 总分
 * and 自评结论 are jixiao's, the department's are in 填报得分, 填报总分 and 填报结论. They
 * are not read, so a claim never comes back as anything but a claim. Its 年度指标值 is the
 * target as written, sign and unit included: of its 计算符号 only 定性 is read (a 定性
 * target may look like a number), and its 计量单位 is not.
 */
static const char *const csv_own_derived[] = {"得分", "总分", "自评结论", "位置", "满分", "计量单位"};

/* What the 计分方法 column of jixiao's own scores says on the row of a 单列 预算执行率,
 * which the scoring makes from the 资金 rows (jx_method_code(JX_METHOD_EXECUTION)). */
#define CSV_EXECUTION_METHOD "execution-rate"

/** The project fields the columns fill. */
static const struct {
    csv_col col;       /* the column */
    jx_imp_field field; /* the field */
} csv_fields[] = {
    {CSV_DEPT, JX_IMP_DEPT},         {CSV_ORG, JX_IMP_ORG},           {CSV_YEAR, JX_IMP_YEAR},
    {CSV_MONEY_UNIT, JX_IMP_MONEY_UNIT}, {CSV_GOAL, JX_IMP_GOAL},     {CSV_OUTCOME, JX_IMP_OUTCOME},
    {CSV_DEVIATION, JX_IMP_DEVIATION}, {CSV_REMEDY, JX_IMP_REMEDY},   {CSV_TOTAL, JX_IMP_CLAIMED_TOTAL},
    {CSV_GRADE, JX_IMP_CLAIMED_GRADE},
};

/** Header rows are looked for among this many records at the top. */
#define CSV_HEADER_SEARCH 10

/* --------------------------------------------------------------- cells */

/**
 * Copies a header cell s[0..n) into buf without blanks ("一级 指标" → "一级指标") and
 * without a trailing bracket ("年初预算数（万元）" → "年初预算数"), which goes to
 * *bracket (without its brackets) when given. Returns the name's length.
 */
static size_t csv_header_name(const char *s, size_t n, char *buf, size_t size, char *bracket, size_t bsize)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t b = jx_text_blank_at(s + i, n - i, JX_TEXT_BLANKS);
        if (b) {
            i += b;
            continue;
        }
        if (s[i] == '"') {
            i++;
            continue;
        }
        if (k + 1 < size)
            buf[k++] = s[i];
        i++;
    }
    buf[k] = '\0';
    if (bracket)
        bracket[0] = '\0';
    static const char *const pairs[][2] = {{"(", ")"}, {"（", "）"}};
    for (size_t p = 0; p < 2; p++) {
        size_t cl = strlen(pairs[p][1]);
        if (k < cl || memcmp(buf + k - cl, pairs[p][1], cl) != 0)
            continue;
        char *open = NULL;
        for (char *q = buf; (q = strstr(q, pairs[p][0])) != NULL; q++)
            open = q;
        if (!open || open == buf)
            continue;
        size_t ol = strlen(pairs[p][0]);
        if (bracket)
            snprintf(bracket, bsize, "%.*s", (int)(buf + k - cl - (open + ol)), open + ol);
        k = (size_t)(open - buf);
        buf[k] = '\0';
        break;
    }
    return k;
}

/** The column a header cell names, CSV_OTHER when none; *bracket as csv_header_name. */
static csv_col csv_column_of(const char *s, size_t n, char *bracket, size_t bsize)
{
    char buf[128];
    csv_header_name(s, n, buf, sizeof buf, bracket, bsize);
    for (size_t i = 0; i < sizeof csv_columns / sizeof csv_columns[0]; i++)
        if (strcmp(buf, csv_columns[i].name) == 0)
            return csv_columns[i].col;
    return CSV_OTHER;
}

bool jx_imp_csv_own_header(const jx_table_cell *cells, size_t n)
{
    bool l3 = false, method = false;
    for (size_t i = 0; i < n; i++) {
        csv_col c = csv_column_of(cells[i].s, cells[i].n, NULL, 0);
        l3 |= c == CSV_L3;
        method |= c == CSV_METHOD;
    }
    return l3 && method;
}

/** What a line says as a header, split at sep without regard to quotes (for detection). */
static void csv_header_score(const char *s, size_t n, char sep, int *known, bool *l3, bool *target, bool *project)
{
    *known = 0;
    *l3 = *target = *project = false;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != sep)
            continue;
        csv_col c = csv_column_of(s + start, i - start, NULL, 0);
        if (c != CSV_OTHER)
            (*known)++;
        *l3 |= c == CSV_L3;
        *target |= c == CSV_TARGET;
        *project |= c == CSV_PROJECT;
        start = i + 1;
    }
}

/* ----------------------------------------------------------------- detect */

/**
 * Sure of a table whose header, among the first lines, names 三级指标 and 指标值: 95 when it
 * also names the project (项目名称: a flat table, a project a row — the systems' own forms
 * give the project above their indicator header, never in it), above a form whose title
 * it shares ("…项目支出绩效目标表", zz-target's 90); 90 when comma-separated; 50 when
 * tab-separated (a workbook's sheet reads so); 40 for a comma-separated header naming
 * 三级指标 and other columns but no 指标值 (so the read reports what is missing).
 */
static int csv_detect(const char *text, size_t len)
{
    size_t pos = 0;
    jx_imp_line line = {0};
    int best = 0, seen = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (seen < CSV_HEADER_SEARCH && jx_imp_next_line(text, len, &pos, &line)) {
        if (jx_text_is_blank(line.s, line.n, JX_TEXT_BLANKS))
            continue;
        seen++;
        static const char seps[2] = {',', '\t'};
        for (int k = 0; k < 2; k++) {
            int known;
            bool l3, target, project;
            csv_header_score(line.s, line.n, seps[k], &known, &l3, &target, &project);
            /* a tab-separated header is also what the systems' own formats print: those
             * formats score their tables above 50, so they win over the plain reading —
             * but their indicator headers never name the project, which they give above */
            int score = 0;
            if (l3 && target)
                score = project ? 95 : seps[k] == ',' ? 90 : 50;
            else if (l3 && known >= 2 && seps[k] == ',')
                score = 40;
            if (score > best)
                best = score;
        }
    }
    return best;
}

/* ------------------------------------------------------------------- read */

/** One data row found by the first pass. */
typedef struct csv_row {
    uint32_t off;  /* byte offset where its record starts */
    uint32_t line; /* its line */
    uint32_t next; /* the project's next row, UINT32_MAX at the end */
} csv_row;

/** One project found by the first pass. */
typedef struct csv_proj {
    const char *name; /* the 项目 cell ("" when the table has none), in the reader's arena */
    uint32_t first;   /* its first row (index into rows) */
    uint32_t last;    /* its last row so far */
} csv_proj;

#define CSV_NONE UINT32_MAX

/** The state of one read. */
typedef struct csv_reader {
    jx_imp *im;                /* the model */
    const jx_allocator *alloc; /* the model's allocator */
    const char *text;          /* the decoded text */
    size_t len;                /* its length */
    size_t text_off;           /* where text starts in the model's text (3 past a BOM left in it) */
    jx_csv csv;                /* the record reader */
    jx_arena arena;            /* unescaped fields and project names */
    jx_arena scratch;          /* unescaped fields of the second pass, reset per row */
    int colmap[256];           /* field index → csv_col (CSV_OTHER for others) */
    const char *colname[256];  /* field index → the header's text for that column (arena) */
    size_t ncols;              /* fields in the header */
    uint32_t header_line;      /* the header's line */
    const char *money_unit;    /* from a header bracket ("年初预算数（万元）"), "" when none */
    bool own;                  /* the header is jixiao's own scores' (a 计分方法 column) */
    bool group_rows;           /* the header has 一级分值 or 二级分值: a row with groups and no
                                  三级指标 is a group without indicators */
    csv_row *rows;             /* data rows in file order */
    size_t nrows, rows_cap;    /* count and capacity */
    csv_proj *projs;           /* projects in order of first appearance */
    size_t nprojs, projs_cap;  /* count and capacity */
    uint32_t *hash;            /* open addressing: project name → index into projs, CSV_NONE empty */
    size_t nhash;              /* slots (a power of two) */
    int oom;                   /* memory ran out */
} csv_reader;

/** Re-inserts every project into a table of n slots. 0, or -1 when memory ran out. */
static int csv_rehash(csv_reader *r, size_t n)
{
    uint32_t *h = jx_malloc(r->alloc, n * sizeof *h);
    if (!h)
        return -1;
    for (size_t i = 0; i < n; i++)
        h[i] = CSV_NONE;
    for (size_t p = 0; p < r->nprojs; p++) {
        size_t i = jx_csv_hash(r->projs[p].name, strlen(r->projs[p].name)) & (n - 1);
        while (h[i] != CSV_NONE)
            i = (i + 1) & (n - 1);
        h[i] = (uint32_t)p;
    }
    jx_free(r->alloc, r->hash, r->nhash * sizeof *r->hash);
    r->hash = h;
    r->nhash = n;
    return 0;
}

/** The project called name[0..n), added (its name copied) when new; CSV_NONE when memory ran out. */
static uint32_t csv_project(csv_reader *r, const char *name, size_t n)
{
    if (r->nprojs * 2 + 2 > r->nhash && csv_rehash(r, r->nhash ? r->nhash * 2 : 64) != 0)
        return CSV_NONE;
    size_t i = jx_csv_hash(name, n) & (r->nhash - 1);
    while (r->hash[i] != CSV_NONE) {
        const char *pn = r->projs[r->hash[i]].name;
        if (strlen(pn) == n && memcmp(pn, name, n) == 0)
            return r->hash[i];
        i = (i + 1) & (r->nhash - 1);
    }
    if (JX_GROW(r->alloc, r->projs, r->projs_cap, r->nprojs + 1) != 0)
        return CSV_NONE;
    char *copy = jx_arena_strndup(&r->arena, name, n);
    if (!copy)
        return CSV_NONE;
    csv_proj *p = &r->projs[r->nprojs];
    p->name = copy;
    p->first = p->last = CSV_NONE;
    r->hash[i] = (uint32_t)r->nprojs;
    return (uint32_t)r->nprojs++;
}

/** Cell i of the current record, trimmed of blanks, as a slice *s / *n (0 when absent). */
static void csv_cell_span(const csv_reader *r, size_t i, const char **s, size_t *n)
{
    *s = "";
    *n = 0;
    if (i >= r->csv.nfields)
        return;
    jx_text_span t = jx_text_trim(r->csv.fields[i].s, r->csv.fields[i].n, JX_TEXT_BLANKS);
    *s = t.s;
    *n = t.n;
}

/** Cell i of the current record, trimmed, as a string in arena ar; "" when absent. */
static const char *csv_cell(csv_reader *r, jx_arena *ar, size_t i)
{
    const char *s;
    size_t n;
    csv_cell_span(r, i, &s, &n);
    if (n == 0)
        return "";
    char *c = jx_arena_strndup(ar, s, n);
    if (!c) {
        r->oom = 1;
        return "";
    }
    return c;
}

/** Moves the record reader to the record starting at off on line. */
static void csv_seek(jx_csv *c, uint32_t off, uint32_t line)
{
    c->off = off;
    c->line = line;
    c->line_start = off;
}

/**
 * Reports the unclosed quote the record reader stopped at as an error at its line and
 * column, and moves the reader to the line after it: the rows below are read again, none
 * is swallowed by the quote (which would otherwise run to the end of the text).
 */
static void csv_unclosed(csv_reader *r)
{
    const jx_csv *c = &r->csv;
    size_t i = c->rec_off;
    for (uint32_t line = c->rec_line; line < c->err_line && i < r->len; i++)
        if (r->text[i] == '\n')
            line++;
    size_t quote = i; /* err_col characters into the quote's line */
    for (uint32_t col = 1; col < c->err_col && quote < r->len; col++)
        for (quote++; quote < r->len && ((unsigned char)r->text[quote] & 0xC0) == 0x80; quote++)
            ;
    jx_imp_row_error(r->im, c->err_line, "unclosed-quote", c->err_col, r->text_off + quote,
                     "第 %u 行第 %u 列的引号没有闭合，这一行无法读取（下一行起照常读取）", (unsigned)c->err_line,
                     (unsigned)c->err_col);
    const char *nl = memchr(r->text + quote, '\n', r->len - quote);
    size_t next = nl ? (size_t)(nl - r->text) + 1 : r->len;
    csv_seek(&r->csv, (uint32_t)next, c->err_line + 1);
}

/** The line of the last byte of the current record (a quoted cell may span lines). */
static uint32_t csv_record_last_line(const csv_reader *r)
{
    uint32_t line = r->csv.rec_line;
    size_t end = r->csv.off;
    while (end > r->csv.rec_off && (r->text[end - 1] == '\n' || r->text[end - 1] == '\r'))
        end--;
    for (size_t i = r->csv.rec_off; i < end; i++)
        if (r->text[i] == '\n')
            line++;
    return line;
}

/**
 * Finds the header among the first records, trying ',' and then '\t' as the separator.
 * Rows above it are skipped. Returns 1 when found (the reader then stands after it),
 * 0 when not (an error is recorded), -1 when memory ran out.
 */
static int csv_find_header(csv_reader *r)
{
    static const char seps[2] = {',', '\t'};
    uint32_t skipped[CSV_HEADER_SEARCH];
    size_t nskipped = 0;
    size_t pos = 0;
    jx_imp_line line = {0};
    int seen = 0;
    /* decide on lines first (cheap, no quoting), then read the header as a record */
    while (seen < CSV_HEADER_SEARCH && jx_imp_next_line(r->text, r->len, &pos, &line)) {
        if (jx_text_is_blank(line.s, line.n, JX_TEXT_BLANKS))
            continue;
        seen++;
        int best_known = 0, best = -1;
        for (int k = 0; k < 2; k++) {
            int known;
            bool l3, target, project;
            csv_header_score(line.s, line.n, seps[k], &known, &l3, &target, &project);
            if (l3 && known >= 2 && known > best_known) {
                best_known = known;
                best = k;
            }
        }
        if (best < 0) {
            skipped[nskipped++] = line.row;
            continue;
        }
        for (size_t i = 0; i < nskipped; i++)
            jx_imp_row(r->im, skipped[i], JX_IMP_ROW_SKIPPED, "表头之前的标题行");
        r->csv.sep = seps[best];
        csv_seek(&r->csv, (uint32_t)(line.s - r->text), line.row);
        jx_csv_status st = jx_csv_next(&r->csv);
        if (st == JX_CSV_NOMEM)
            return -1;
        if (st != JX_CSV_ROW) {
            csv_unclosed(r); /* no header to read the rows below by */
            return 0;
        }
        r->header_line = r->csv.rec_line;
        jx_imp_row(r->im, r->header_line, JX_IMP_ROW_SKIPPED, "表头");
        return 1;
    }
    jx_imp_error(r->im, 0, "no-header",
                 "前 %d 行里没有表头：csv 表格须有一行表头，写明“三级指标”“指标值”等列名（逗号或制表符分隔）",
                 CSV_HEADER_SEARCH);
    return 0;
}

/** True when header cell s[0..n) names one of csv_own_derived. */
static bool csv_own_derived_name(const char *s, size_t n)
{
    char buf[128];
    csv_header_name(s, n, buf, sizeof buf, NULL, 0);
    for (size_t i = 0; i < sizeof csv_own_derived / sizeof csv_own_derived[0]; i++)
        if (strcmp(buf, csv_own_derived[i]) == 0)
            return true;
    return false;
}

/** Maps the header's fields to columns. 1 when usable, 0 when a required column is missing. */
static int csv_map_header(csv_reader *r)
{
    bool seen[CSV_NCOLS] = {false};
    r->ncols = r->csv.nfields;
    r->money_unit = "";
    bool own = false; /* jixiao's own scores: a 计分方法 column */
    for (size_t i = 0; i < r->ncols && i < 256; i++)
        own |= csv_column_of(r->csv.fields[i].s, r->csv.fields[i].n, NULL, 0) == CSV_METHOD;
    r->own = own;
    for (size_t i = 0; i < r->ncols; i++) {
        const jx_csv_field *f = &r->csv.fields[i];
        char bracket[64];
        csv_col c = i < 256 ? csv_column_of(f->s, f->n, bracket, sizeof bracket) : CSV_OTHER;
        if (own && i < 256 && csv_own_derived_name(f->s, f->n))
            c = CSV_DERIVED;
        const char *name = csv_cell(r, &r->arena, i);
        if (c != CSV_OTHER && c != CSV_DERIVED && seen[c]) {
            jx_imp_warn(r->im, r->header_line, "unknown-column", "表头第 %zu 列“%s”与前面的列重复，其内容只写进注释",
                        i + 1, name);
            c = CSV_OTHER;
        } else if (c == CSV_OTHER && i < 256 && *name) {
            jx_imp_warn(r->im, r->header_line, "unknown-column", "表头第 %zu 列“%s”不是已知的列名，其内容只写进注释", i + 1,
                        name);
        }
        if (c != CSV_OTHER)
            seen[c] = true;
        if ((c == CSV_INITIAL || c == CSV_BUDGET || c == CSV_SPENT) && !*r->money_unit && *bracket &&
            strstr(bracket, "元")) {
            r->money_unit = jx_arena_strndup(&r->arena, bracket, strlen(bracket));
            if (!r->money_unit) {
                r->oom = 1;
                r->money_unit = "";
            }
        }
        if (i < 256) {
            r->colmap[i] = c;
            r->colname[i] = name;
        }
    }
    r->group_rows = seen[CSV_L1_POINTS] || seen[CSV_L2_POINTS];
    if (r->ncols > 256) {
        jx_imp_error(r->im, r->header_line, "too-many-columns", "表头有 %zu 列，最多读 256 列", r->ncols);
        return 0;
    }
    if (!seen[CSV_TARGET]) {
        jx_imp_error(r->im, r->header_line, "no-header",
                     "表头缺少指标值列（“指标值”“年度指标值”“目标值”或“预计当年实现值”）");
        return 0;
    }
    return 1;
}

/** The field index of column c in the header, or -1. */
static int csv_index(const csv_reader *r, csv_col c)
{
    for (size_t i = 0; i < r->ncols; i++)
        if (r->colmap[i] == c)
            return (int)i;
    return -1;
}

/** First pass: every data row, tied to its project. 0, or -1 when memory ran out. */
static int csv_find_rows(csv_reader *r)
{
    int pcol = csv_index(r, CSV_PROJECT);
    uint32_t cur = CSV_NONE;
    r->csv.arena = &r->scratch;
    for (;;) {
        jx_arena_reset(&r->scratch);
        jx_csv_status st = jx_csv_next(&r->csv);
        if (st == JX_CSV_END)
            return 0;
        if (st == JX_CSV_NOMEM)
            return -1;
        if (st == JX_CSV_ERROR) {
            csv_unclosed(r);
            continue;
        }
        const char *name = "";
        size_t n = 0;
        if (pcol >= 0)
            csv_cell_span(r, (size_t)pcol, &name, &n);
        /* a blank 项目 cell continues the project of the row above */
        if (cur == CSV_NONE || (n > 0 && !(strlen(r->projs[cur].name) == n &&
                                           memcmp(r->projs[cur].name, name, n) == 0))) {
            cur = csv_project(r, name, n);
            if (cur == CSV_NONE)
                return -1;
        }
        if (JX_GROW(r->alloc, r->rows, r->rows_cap, r->nrows + 1) != 0)
            return -1;
        uint32_t ri = (uint32_t)r->nrows++;
        r->rows[ri].off = (uint32_t)r->csv.rec_off;
        r->rows[ri].line = r->csv.rec_line;
        r->rows[ri].next = CSV_NONE;
        csv_proj *p = &r->projs[cur];
        if (p->first == CSV_NONE)
            p->first = ri;
        else
            r->rows[p->last].next = ri;
        p->last = ri;
    }
}

/** The cells of one data row by column, and the columns the table does not know. */
typedef struct csv_cells {
    const char *c[CSV_NCOLS]; /* trimmed cells, "" when absent or empty */
    const char *other;        /* "列名：值；…" of unknown and note columns, "" when none */
} csv_cells;

/** True for the words of a row that totals others: 合计, 总计, 小计, 总分. */
static bool csv_total_word(const char *s)
{
    return strcmp(s, "合计") == 0 || strcmp(s, "总计") == 0 || strcmp(s, "小计") == 0 ||
           strcmp(s, "总分") == 0;
}

/** Sets a project field from a row, warning when a later row says something else. */
static void csv_field(csv_reader *r, jx_imp_project *p, jx_imp_field f, const char *v, uint32_t line,
                      const char *colname)
{
    if (!*v)
        return;
    if (!*p->field[f]) {
        if (jx_imp_set(r->im, f, line, v, strlen(v)) != 0)
            r->oom = 1;
    } else if (strcmp(p->field[f], v) != 0) {
        jx_imp_warn(r->im, line, "field-conflict", "“%s”在这一行是“%s”，与第 %u 行的“%s”不同，按第 %u 行导入", colname, v,
                    (unsigned)p->field_row[f], p->field[f], (unsigned)p->field_row[f]);
    }
}

/** Carried-down group cells within one project. */
typedef struct csv_carry {
    const char *l1; /* 一级指标 of the row above, in the model's arena */
    const char *l2; /* 二级指标 of the row above */
} csv_carry;

/** Reads one data row of project p (the record is current). */
static void csv_data_row(csv_reader *r, jx_imp_project *p, uint32_t line, csv_carry *carry)
{
    jx_imp *im = r->im;
    size_t nf = r->csv.nfields;
    bool blank = true;
    for (size_t i = 0; i < nf && blank; i++) {
        const char *s;
        size_t n;
        csv_cell_span(r, i, &s, &n);
        blank = n == 0;
    }
    if (blank) {
        jx_imp_row(im, line, JX_IMP_ROW_SKIPPED, "空行");
        return;
    }
    /* a record whose quoted cell runs over several lines names them all, so no line of it goes unreported */
    uint32_t last = csv_record_last_line(r);
    const char *span = last > line ? jx_arena_printf(&r->scratch, "（第 %u 行到第 %u 行：引号里的换行把它们连成了一行）",
                                                     (unsigned)line, (unsigned)last)
                                   : "";
    if (!span) {
        r->oom = 1;
        return;
    }
    /* a line shorter than its header was cut: Excel and WPS write every column of the used
     * range (a workbook's rows, which do not hold the empty cells they end with, are
     * padded when the workbook is read as text, import.c) */
    if (nf < r->ncols) {
        jx_imp_row(im, line, JX_IMP_ROW_NOT_UNDERSTOOD, "这一行只有 %zu 格，表头有 %zu 列（可能被截断）%s", nf, r->ncols,
                   span);
        return;
    }
    size_t extra = 0;
    for (size_t i = r->ncols; i < nf; i++)
        if (*csv_cell(r, &r->scratch, i))
            extra++;
    if (extra > 0) {
        jx_imp_row(im, line, JX_IMP_ROW_NOT_UNDERSTOOD,
                   "这一行比表头多出 %zu 个有内容的格（可能是没有加引号的逗号）%s", extra, span);
        return;
    }
    csv_cells cl;
    for (int c = 0; c < CSV_NCOLS; c++)
        cl.c[c] = "";
    char *other = NULL;
    for (size_t i = 0; i < r->ncols; i++) {
        const char *v = csv_cell(r, &r->scratch, i);
        int c = r->colmap[i];
        if (c == CSV_OTHER || c == CSV_NOTE) {
            if (*v)
                other = jx_arena_printf(&r->scratch, "%s%s%s：%s", other ? other : "", other ? "；" : "",
                                        *r->colname[i] ? r->colname[i] : "无名列", v);
            if (*v && !other)
                r->oom = 1;
        } else {
            cl.c[c] = v;
        }
    }
    cl.other = other ? other : "";
    if (r->oom)
        return;
    if (r->own && strcmp(cl.c[CSV_SIGN], "定性") != 0)
        cl.c[CSV_SIGN] = ""; /* the 年度指标值 carries its sign as written */

    /* project fields and funds: the first row that gives one sets it */
    for (size_t k = 0; k < sizeof csv_fields / sizeof csv_fields[0]; k++) {
        int idx = csv_index(r, csv_fields[k].col);
        csv_field(r, p, csv_fields[k].field, cl.c[csv_fields[k].col], line, idx >= 0 ? r->colname[idx] : "");
    }
    /* a 资金 row per 资金来源 (one when the table has no such column): a row repeating one
     * already read is the same row, one saying otherwise is warned about */
    bool funds = *cl.c[CSV_INITIAL] || *cl.c[CSV_BUDGET] || *cl.c[CSV_SPENT];
    const jx_imp_funds *same = NULL;
    for (size_t k = 0; funds && k < p->nfunds && !same; k++)
        if (strcmp(p->funds[k].source, cl.c[CSV_SOURCE]) == 0)
            same = &p->funds[k];
    if (funds && !same) {
        jx_imp_funds *f = jx_imp_funds_add(im, line);
        if (!f) {
            r->oom = 1;
            return;
        }
        f->source = jx_imp_str(im, cl.c[CSV_SOURCE], strlen(cl.c[CSV_SOURCE]));
        f->initial = jx_imp_str(im, cl.c[CSV_INITIAL], strlen(cl.c[CSV_INITIAL]));
        f->budget = jx_imp_str(im, cl.c[CSV_BUDGET], strlen(cl.c[CSV_BUDGET]));
        f->spent = jx_imp_str(im, cl.c[CSV_SPENT], strlen(cl.c[CSV_SPENT]));
    } else if (funds) {
        if (strcmp(same->initial, cl.c[CSV_INITIAL]) != 0 || strcmp(same->budget, cl.c[CSV_BUDGET]) != 0 ||
            strcmp(same->spent, cl.c[CSV_SPENT]) != 0)
            jx_imp_warn(im, line, "field-conflict", "资金金额与第 %u 行不同，按第 %u 行导入", (unsigned)same->row,
                        (unsigned)same->row);
    }
    if (strcmp(cl.c[CSV_METHOD], CSV_EXECUTION_METHOD) == 0 && !*cl.c[CSV_L3]) {
        jx_imp_row(im, line, JX_IMP_ROW_SKIPPED, "单列的预算执行率（由资金重算）");
        return;
    }

    /* groups, carried down from the row above as merged cells are */
    const char *l1 = cl.c[CSV_L1], *l2 = cl.c[CSV_L2], *name = cl.c[CSV_L3];
    if (csv_total_word(l1) || csv_total_word(l2) || csv_total_word(name)) {
        /* a 自评表's last row, "总分 … 100 100.00": its 得分 is the claimed total */
        bool total = strcmp(l1, "总分") == 0 || strcmp(l2, "总分") == 0 || strcmp(name, "总分") == 0;
        if (total && *cl.c[CSV_SCORE] && !*p->field[JX_IMP_CLAIMED_TOTAL])
            csv_field(r, p, JX_IMP_CLAIMED_TOTAL, cl.c[CSV_SCORE], line, "总分");
        else
            jx_imp_row(im, line, JX_IMP_ROW_SKIPPED, "合计行");
        return;
    }
    if (*l1) {
        if (strcmp(l1, carry->l1) != 0)
            carry->l2 = "";
        carry->l1 = jx_imp_str(im, l1, strlen(l1));
    }
    if (*l2)
        carry->l2 = jx_imp_str(im, l2, strlen(l2));
    bool value = *cl.c[CSV_SIGN] || *cl.c[CSV_TARGET] || *cl.c[CSV_UNIT] || *cl.c[CSV_ACTUAL] ||
                 *cl.c[CSV_SCORE] || *cl.c[CSV_REASON] || *cl.c[CSV_JUDGE] || *cl.c[CSV_NA] ||
                 *cl.c[CSV_LAST] || *cl.c[CSV_BEFORE] || *cl.c[CSV_BASIS];
    /* the points of the row's groups, in columns of their own (jixiao's scores) */
    const char *p1 = cl.c[CSV_L1_POINTS], *p2 = cl.c[CSV_L2_POINTS];
    if (*p1 && *carry->l1 && jx_imp_points_add(im, line, carry->l1, "", jx_imp_str(im, p1, strlen(p1))) != 0)
        r->oom = 1;
    if (*p2 && *carry->l1 && *carry->l2 &&
        jx_imp_points_add(im, line, carry->l1, carry->l2, jx_imp_str(im, p2, strlen(p2))) != 0)
        r->oom = 1;

    if (!*name) {
        if (value) {
            jx_imp_row(im, line, JX_IMP_ROW_NOT_UNDERSTOOD, "这一行有指标值等内容，却没有三级指标名称");
        } else if (*cl.c[CSV_WEIGHT] && (*l1 || *l2)) {
            /* a group's points: "产出指标,,,,60" or ",数量指标,,,50" */
            if (jx_imp_points_add(im, line, carry->l1, *l2 ? carry->l2 : "",
                                  jx_imp_str(im, cl.c[CSV_WEIGHT], strlen(cl.c[CSV_WEIGHT]))) != 0)
                r->oom = 1;
        } else if ((*l1 || *l2) && r->group_rows) {
            /* a group without indicators, kept so it comes back (jixiao's scores): its
             * points were taken above; a group with none is recorded without */
            bool two = *l2 && *carry->l1;
            if (!*(two ? p2 : p1) && *carry->l1 &&
                jx_imp_points_add(im, line, carry->l1, two ? carry->l2 : "", "") != 0)
                r->oom = 1;
        } else if (*l1 || *l2) {
            jx_imp_row(im, line, JX_IMP_ROW_SKIPPED, "“%s”下没有三级指标", *l2 ? l2 : l1);
        } else if (*cl.c[CSV_WEIGHT] || *cl.other) {
            jx_imp_row(im, line, JX_IMP_ROW_NOT_UNDERSTOOD, "这一行没有三级指标名称，也不是分组的分值行");
        } else {
            /* only project fields or funds: a field row */
        }
        return;
    }
    jx_imp_indicator *ind = jx_imp_indicator_add(im, line);
    if (!ind) {
        r->oom = 1;
        return;
    }
    ind->level1 = carry->l1;
    ind->level2 = carry->l2;
#define CSV_COPY(dst, col) ind->dst = jx_imp_str(im, cl.c[col], strlen(cl.c[col]))
    CSV_COPY(name, CSV_L3);
    CSV_COPY(sign, CSV_SIGN);
    CSV_COPY(target, CSV_TARGET);
    CSV_COPY(unit, CSV_UNIT);
    CSV_COPY(weight, CSV_WEIGHT);
    CSV_COPY(actual, CSV_ACTUAL);
    CSV_COPY(score, CSV_SCORE);
    CSV_COPY(reason, CSV_REASON);
    CSV_COPY(judge, CSV_JUDGE);
    CSV_COPY(not_applicable, CSV_NA);
    CSV_COPY(last_year, CSV_LAST);
    CSV_COPY(year_before, CSV_BEFORE);
    CSV_COPY(basis, CSV_BASIS);
#undef CSV_COPY
    ind->note = jx_imp_str(im, cl.other, strlen(cl.other));
}

/** Second pass: each project from its rows. 0, or -1 when memory ran out or the sink stopped. */
static int csv_write_projects(csv_reader *r)
{
    for (size_t k = 0; k < r->nprojs; k++) {
        const csv_proj *cp = &r->projs[k];
        jx_imp_project *p = jx_imp_begin(r->im, r->rows[cp->first].line);
        if (!p)
            return -1;
        if (*cp->name && jx_imp_set(r->im, JX_IMP_NAME, r->rows[cp->first].line, cp->name, strlen(cp->name)) != 0)
            return -1;
        if (*r->money_unit && jx_imp_set(r->im, JX_IMP_MONEY_UNIT, r->header_line, r->money_unit,
                                          strlen(r->money_unit)) != 0)
            return -1;
        csv_carry carry = {"", ""};
        for (uint32_t ri = cp->first; ri != CSV_NONE; ri = r->rows[ri].next) {
            jx_arena_reset(&r->scratch);
            r->csv.arena = &r->scratch;
            csv_seek(&r->csv, r->rows[ri].off, r->rows[ri].line);
            jx_csv_status st = jx_csv_next(&r->csv);
            if (st != JX_CSV_ROW)
                return -1; /* the first pass read the same record whole */
            csv_data_row(r, p, r->rows[ri].line, &carry);
            if (r->oom || jx_imp_oom(r->im))
                return -1;
        }
    }
    return jx_imp_finish(r->im);
}

/** Reads text[0..len) as a csv table into im. */
static int csv_read(jx_imp *im, const char *text, size_t len)
{
    size_t bom = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        bom = 3;
        text += 3; /* a BOM left in the text (the decoder removes it) */
        len -= 3;
    }
    csv_reader *r = jx_calloc(jx_imp_alloc(im), sizeof *r);
    if (!r)
        return -1;
    r->im = im;
    r->alloc = jx_imp_alloc(im);
    r->text = text;
    r->len = len;
    r->text_off = bom;
    jx_arena_init(&r->arena, r->alloc);
    jx_arena_init(&r->scratch, r->alloc);
    jx_csv_init(&r->csv, text, len, r->alloc, &r->arena);
    r->csv.columns = false; /* its messages name rows and columns by their header, not by place */
    int rc = 0;
    int found = csv_find_header(r);
    if (found < 0) {
        rc = -1;
    } else if (found > 0 && len <= UINT32_MAX) {
        if (!csv_map_header(r) || r->oom)
            rc = r->oom ? -1 : 0;
        else if (csv_find_rows(r) != 0 || r->oom)
            rc = -1;
        else
            rc = csv_write_projects(r);
    } else if (found > 0) {
        jx_imp_error(im, 0, "too-large", "csv 表格超过 4 GiB，无法导入");
    }
    jx_csv_free(&r->csv);
    jx_arena_free(&r->arena);
    jx_arena_free(&r->scratch);
    jx_free(r->alloc, r->rows, r->rows_cap * sizeof *r->rows);
    jx_free(r->alloc, r->projs, r->projs_cap * sizeof *r->projs);
    jx_free(r->alloc, r->hash, r->nhash * sizeof *r->hash);
    jx_free(r->alloc, r, sizeof *r);
    return rc;
}

const jx_imp_format jx_imp_csv = {"csv", "带表头的 CSV 或制表符分隔表格，如从 Excel 另存的表格", csv_detect, csv_read};
