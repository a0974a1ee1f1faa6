/* SPDX-License-Identifier: MIT */
/* check.c — `jixiao check [--policy P] [--actuals TABLE] [--werror] FILE…`: every check
 * `score` runs — the parser's, the evaluator's (scored under the policy, with the actuals
 * applied), the consistency checks' and the policy's — printed compiler-style on stderr
 * with a summary line; only the 自评表 is not written. */
#include "cli.h"

#include <string.h>

static const char check_help[] =
    "用法：jixiao check [选项] 文件…\n"
    "\n"
    "检查规则文件：与 score 做同样的全部检查——语法、按评分办法计分（有 --actuals 时先读入\n"
    "实际完成值）、一致性检查和评分办法本身——只是不输出自评表。每条错误、警告和提示按\n"
    "出现顺序输出到标准错误，最后输出一行汇总（项目、指标、错误和警告的个数）。\n"
    "\n"
    "选项：\n"
    "  --policy 办法       评分办法：文件路径，或内置名称 default（财政部2020）、central（中央部门自评）\n"
    "  --actuals 文件      从表格读实际完成值后再检查（与 score --actuals 相同）\n"
    "  --encoding 编码     实际完成值文本的编码：utf-8、gb18030、gbk 或 utf-16，默认自动识别\n"
    "  --sheet 工作表      只读实际完成值工作簿中的这张工作表（名称或从 1 起的序号）\n"
    "  --project 名称      只检查这个项目（可重复；几个单位有同名项目时写 单位/项目名称）\n"
    "  --werror            把警告也当作错误（有警告时退出码为 1）\n"
    "  --help              显示本帮助\n"
    "\n"
    "文件名为 - 时读标准输入。\n"
    "退出码：0 没有错误，1 有错误（或 --werror 下有警告），2 用法错误，3 读文件失败。\n";

/** The parsed command line. */
typedef struct check_opts {
    const char *policy;     /* --policy, "default" when not given */
    const char *actuals;    /* --actuals, NULL when not given */
    jx_table_options table; /* --encoding and --sheet for the actuals */
    int werror;             /* --werror */
    char **files;           /* the input files */
    int nfiles;             /* how many */
    jx_cli_select select;   /* --project */
} check_opts;

/** Totals over every file checked, and what the checking needs. */
typedef struct check_counts {
    size_t projects;        /* projects read */
    size_t indicators;      /* indicators in them */
    size_t count[3];        /* diagnostics printed, by jx_severity */
    jx_cli_status status;   /* a file could not be read; input errors outside the counts */
    jx_policy *pol;         /* the scoring policy */
    jx_actuals *act;        /* the actuals, NULL when not given */
    size_t actuals_printed; /* actuals diagnostics already printed */
} check_counts;

/* Prints d and counts it by its severity. */
static void count_diag(const jx_diag *d, void *ud)
{
    check_counts *c = ud;
    jx_cli_print_diag(d);
    c->count[d->severity <= JX_SEV_ERROR ? d->severity : JX_SEV_ERROR]++;
}

/* Prints and counts the actuals' diagnostics not printed yet. */
static void print_new_actuals_diags(check_counts *c)
{
    size_t n = jx_actuals_diag_count(c->act);
    for (; c->actuals_printed < n; c->actuals_printed++)
        count_diag(jx_actuals_diag(c->act, c->actuals_printed), c);
}

/* Scores p as score does (the actuals applied first), unless it has errors; then prints
 * and counts every diagnostic it has, in its order: the parser's, the evaluator's, the checks'. */
static void check_project(jx_project *p, void *ud)
{
    check_counts *c = ud;
    c->projects++;
    c->indicators += jx_project_indicator_count(p);
    if (jx_project_error_count(p) == 0) {
        jx_result rc = JX_OK;
        if (c->act) {
            rc = jx_actuals_apply(c->act, p);
            print_new_actuals_diags(c);
            if (rc == JX_ERR_NOMEM) {
                fprintf(stderr, "jixiao: %s\n", jx_strerror(rc));
                c->status.io_failed = 1;
                return;
            }
            if (rc != JX_OK)
                c->status.invalid = 1;
        }
        rc = jx_score(p, c->pol);
        if (rc != JX_OK) {
            fprintf(stderr, "%s:%u: error: 项目“%s”无法计分：%s\n", jx_project_file(p), (unsigned)jx_project_line(p),
                    jx_project_name(p), jx_strerror(rc));
            c->count[JX_SEV_ERROR]++;
        }
    }
    for (size_t i = 0; i < jx_project_diag_count(p); i++)
        count_diag(jx_project_diag(p, i), c);
}

/* Makes a project known to the actuals (the pass before checking). */
static void know_project(jx_project *p, void *ud)
{
    check_counts *c = ud;
    if (jx_actuals_know(c->act, p) != JX_OK)
        c->status.io_failed = 1;
}

/* Leaves a diagnostic of the pass before checking unprinted: the checking pass prints it. */
static void know_quiet(const jx_diag *d, void *ud)
{
}

/*
 * Makes every project of the files known to the actuals before any is applied, as score
 * does, so a row whose project name several projects share is refused rather than applied
 * to the first. Standard input cannot be read twice: its projects are known as they come.
 */
static void know_projects(const check_opts *o, check_counts *c)
{
    jx_cli_status scratch = {0};
    jx_cli_reading r = {.project = know_project, .diag = know_quiet, .ud = c};
    for (int i = 0; i < o->nfiles; i++)
        if (strcmp(o->files[i], "-") != 0)
            jx_cli_read_projects(o->files[i], &r, &scratch);
}

/* Opens the actuals; returns -1 on success or the exit code (after saying why). */
static int open_actuals(const check_opts *o, check_counts *c)
{
    jx_result rc = jx_actuals_open_table(&c->act, o->actuals, &o->table, NULL);
    if (rc == JX_OK)
        return -1;
    if (c->act)
        print_new_actuals_diags(c);
    else
        fprintf(stderr, "jixiao: %s：%s\n", o->actuals, jx_strerror(rc));
    jx_actuals_close(c->act);
    c->act = NULL;
    return rc == JX_ERR_INPUT ? JX_EXIT_INPUT : rc == JX_ERR_USAGE ? JX_EXIT_USAGE : JX_EXIT_IO;
}

/* Returns -1 when parsed, or the exit code to stop with. */
static int parse_args(int argc, char **argv, check_opts *o)
{
    memset(o, 0, sizeof *o);
    o->policy = "default";
    jx_cli_args args;
    jx_cli_args_start(&args, "check", argc, argv);
    const char *a;
    while ((a = jx_cli_args_next(&args))) {
        if (jx_cli_is_help(a)) {
            fputs(check_help, stdout);
            return JX_EXIT_OK;
        } else if (strcmp(a, "--werror") == 0) {
            o->werror = 1;
        } else if (jx_cli_option_text(&args, "--policy", "评分办法", &o->policy) ||
                   jx_cli_option_text(&args, "--actuals", "文件名", &o->actuals) ||
                   jx_cli_option_table(&args, &o->table) || jx_cli_option_project(&args, &o->select)) {
            continue;
        } else {
            return jx_cli_usage_error("check", "未知选项“%s”", a);
        }
    }
    if (args.usage)
        return JX_EXIT_USAGE;
    o->files = args.files;
    o->nfiles = args.nfiles;
    if (o->nfiles == 0)
        return jx_cli_usage_error("check", "没有给出要检查的文件");
    if ((o->table.encoding || o->table.sheet) && !o->actuals)
        return jx_cli_usage_error("check", "--encoding 和 --sheet 只用于 --actuals 的表格");
    return -1;
}

int jx_cli_check(int argc, char **argv)
{
    check_opts o;
    int code = parse_args(argc, argv, &o);
    if (code >= 0)
        return code;
    check_counts c;
    memset(&c, 0, sizeof c);
    code = jx_cli_open_policy("check", o.policy, &c.pol);
    if (code >= 0)
        return code;
    for (size_t i = 0; i < jx_policy_diag_count(c.pol); i++) /* a policy's warnings, e.g. level1-points */
        count_diag(jx_policy_diag(c.pol, i), &c);
    if (o.actuals) {
        code = open_actuals(&o, &c);
        if (code >= 0) {
            jx_policy_close(c.pol);
            return code;
        }
        know_projects(&o, &c);
    }
    jx_cli_reading r = {.project = check_project, .diag = count_diag, .ud = &c, .select = &o.select};
    for (int i = 0; i < o.nfiles; i++)
        jx_cli_read_projects(o.files[i], &r, &c.status);
    jx_cli_select_finish(&o.select, &c.status);
    jx_cli_select_free(&o.select);
    if (c.act) {
        if (jx_actuals_finish(c.act) != JX_OK)
            c.status.invalid = 1;
        print_new_actuals_diags(&c);
    }
    fprintf(stderr, "检查完成：%zu 个项目，%zu 个指标，%zu 个错误，%zu 个警告\n", c.projects, c.indicators,
            c.count[JX_SEV_ERROR], c.count[JX_SEV_WARNING]);
    jx_actuals_close(c.act);
    jx_policy_close(c.pol);
    if (c.status.io_failed)
        return JX_EXIT_IO;
    if (c.count[JX_SEV_ERROR] > 0 || c.status.invalid || (o.werror && c.count[JX_SEV_WARNING] > 0))
        return JX_EXIT_INPUT;
    return JX_EXIT_OK;
}
