/* report_csv.c — one RFC 4180 row per indicator, UTF-8 without BOM. */
#include "report.h"

#include <string.h>

/* The bytes that make a field quoted: comma, quote and line breaks. */
static const unsigned char csv_special[256] = {[','] = 1, ['"'] = 1, ['\n'] = 1, ['\r'] = 1};

/* Writes one field, quoted (with quotes doubled) when it holds a comma, quote or line break. */
void jx_out_csv_field(jx_writer *wr, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && !csv_special[(unsigned char)s[i]])
        i++;
    if (i == n) {
        jx_out_bytes(wr, s, n);
        return;
    }
    jx_out_char(wr, '"');
    size_t run = 0;
    for (i = 0; i < n; i++) {
        if (s[i] == '"') {
            jx_out_bytes(wr, s + run, i + 1 - run);
            jx_out_char(wr, '"');
            run = i + 1;
        }
    }
    jx_out_bytes(wr, s + run, n - run);
    jx_out_char(wr, '"');
}

/* One field of s[0..n). */
static void field_n(jx_writer *wr, const char *s, size_t n)
{
    jx_out_csv_field(wr, s, n);
}

/* A NUL-terminated field. */
static void field(jx_writer *wr, const char *s)
{
    field_n(wr, s, strlen(s));
}

/* A score with the policy's decimals, or nothing when there is none. */
static void fixed_or_empty(jx_writer *wr, const jx_project *p, int64_t units)
{
    if (p->scored && units >= 0)
        jx_out_fixed(wr, units, p->decimals);
}

/* The columns after the indicator's own: 总分, 自评结论. */
static void totals(jx_writer *wr, const jx_project *p)
{
    jx_out_char(wr, ',');
    fixed_or_empty(wr, p, p->total);
    jx_out_char(wr, ',');
    if (p->scored)
        jx_out_str(wr, jx_grade_name(p->grade));
}

/* ,file:line:col of an indicator (empty without a position). */
static void position(jx_writer *wr, const jx_project *p, jx_pos pos)
{
    jx_out_char(wr, ',');
    if (pos.line == 0)
        return;
    size_t fn = strlen(p->src.file);
    /* file:line:col as one field, quoted when the file name needs it */
    if (strpbrk(p->src.file, ",\"\r\n")) {
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

static void begin(jx_writer *wr, const jx_project *first)
{
    (void)first;
    jx_out_str(wr, "项目,一级指标,二级指标,三级指标,年度指标值,实际完成值,权重,得分,计分方法,总分,自评结论,位置\n");
}

static void project(jx_writer *wr, const jx_project *p)
{
    if (p->exec_separate) {
        field_n(wr, p->name.s, p->name.n);
        jx_out_str(wr, ",预算执行率,,,100%,,");
        jx_out_dec(wr, p->exec_points);
        jx_out_char(wr, ',');
        fixed_or_empty(wr, p, p->exec_score);
        jx_out_char(wr, ',');
        if (p->scored)
            jx_out_str(wr, jx_method_code(JX_METHOD_EXECUTION));
        totals(wr, p);
        jx_out_str(wr, ",\n");
    }
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        field_n(wr, p->name.s, p->name.n);
        jx_out_char(wr, ',');
        field(wr, jx_indicator_level1(ind));
        jx_out_char(wr, ',');
        field(wr, jx_indicator_level2(ind));
        jx_out_char(wr, ',');
        field_n(wr, ind->name.s, ind->name.n);
        jx_out_char(wr, ',');
        if (ind->target.present)
            field_n(wr, ind->target.text.s, ind->target.text.n);
        jx_out_char(wr, ',');
        if (ind->actual.present)
            field_n(wr, ind->actual.text.s, ind->actual.text.n);
        jx_out_char(wr, ',');
        if (ind->has_weight)
            jx_out_dec(wr, ind->weight);
        jx_out_char(wr, ',');
        fixed_or_empty(wr, p, ind->score);
        jx_out_char(wr, ',');
        if (p->scored)
            jx_out_str(wr, jx_method_code(ind->method));
        totals(wr, p);
        position(wr, p, ind->pos);
        jx_out_char(wr, '\n');
    }
}

static void finish(jx_writer *wr)
{
    (void)wr;
}

const jx_reporter jx_reporter_csv = {"csv", begin, project, finish};
