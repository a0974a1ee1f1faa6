/* report_template.c — the actuals template: the CSV `score --actuals` reads back, to be
 * filled in by hand or in a spreadsheet.
 *
 * UTF-8 with a BOM (so Excel and WPS open it as UTF-8), RFC 4180 quoting, "\n" line
 * ends, one row per indicator in source order. The column names are the ones
 * actuals.c looks for; 年度指标值 and 权重 are there to read while filling in and are
 * not read back. 主管部门 and 单位 are written beside 项目, so a project name that several
 * 单位 share is told apart when the file is read back. 实际完成值, 偏差原因 and 评定 are left empty, even when the DSL has an
 * actual: an empty cell read back changes nothing, so a row left unfilled keeps what
 * the DSL says. 一级指标 and 二级指标 are always written, so an indicator name used in
 * two groups is told apart when the file is read back.
 */
#include "report.h"

#include "order.h"
#include "report_parts.h"

#include <string.h>

/** The header: the names actuals.c reads, plus 年度指标值 and 权重 for reference. */
static const char template_header[] =
    "项目,主管部门,单位,一级指标,二级指标,三级指标,年度指标值,权重,实际完成值,偏差原因,评定\n";

/* A NUL-terminated field. */
static void field(jx_writer *wr, const char *s)
{
    jx_out_csv_field(wr, s, strlen(s));
}

/*
 * The 年度指标值 as written, for reading only. A leading '=' would make a spreadsheet
 * take the cell for a formula ("=1年" → #NAME?), so it is written as the full-width
 * '＝', which the DSL reads as the same sign.
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

static void begin(jx_writer *wr, const jx_project *first)
{
    (void)first;
    jx_out_str(wr, "\xEF\xBB\xBF");
    jx_out_str(wr, template_header);
}

static void project(jx_writer *wr, const jx_project *p)
{
    /* the rows in the order of the 自评表 (order.h), as a person fills them in from it */
    jx_order ord;
    if (jx_order_build(&ord, p, &wr->scratch) != JX_OK) {
        jx_scratch_fail(wr);
        return;
    }
    for (size_t i = 0; i < ord.ninds; i++) {
        const jx_indicator *ind = ord.inds[i];
        jx_out_csv_field(wr, p->name.s, p->name.n);
        jx_out_char(wr, ',');
        jx_out_csv_field(wr, p->dept.s, p->dept.n);
        jx_out_char(wr, ',');
        jx_out_csv_field(wr, p->org.s, p->org.n);
        jx_out_char(wr, ',');
        field(wr, jx_indicator_level1(ind));
        jx_out_char(wr, ',');
        field(wr, jx_indicator_level2(ind));
        jx_out_char(wr, ',');
        jx_out_csv_field(wr, ind->name.s, ind->name.n);
        jx_out_char(wr, ',');
        target_field(wr, &ind->target);
        jx_out_char(wr, ',');
        if (ind->has_weight)
            jx_out_dec(wr, ind->weight);
        /* 实际完成值, 偏差原因, 评定: to be filled in */
        jx_out_str(wr, ",,,\n");
    }
}

static void finish(jx_writer *wr)
{
    (void)wr;
}

const jx_reporter jx_reporter_template = {"template", begin, project, finish, NULL};
