/* check.c — `jixiao check [--werror] FILE…`: every diagnostic and a summary on stderr. */
#include "cli.h"

#include <string.h>

static const char check_help[] =
    "用法：jixiao check [--werror] 文件…\n"
    "\n"
    "检查规则文件，把每条错误和警告按出现顺序输出到标准错误，最后输出一行汇总。\n"
    "\n"
    "选项：\n"
    "  --werror   把警告也当作错误（有警告时退出码为 1）\n"
    "  --help     显示本帮助\n"
    "\n"
    "文件名为 - 时读标准输入。\n"
    "退出码：0 没有错误，1 有错误（或 --werror 下有警告），2 用法错误，3 读文件失败。\n";

/** Totals over every file checked. */
typedef struct check_counts {
    size_t projects;      /* projects read */
    size_t indicators;    /* indicators in them */
    size_t errors;        /* error diagnostics */
    size_t warnings;      /* warning diagnostics */
    jx_cli_status status; /* a file could not be read (its errors are counted above) */
} check_counts;

/* Prints d and counts it as an error or a warning. */
static void count_diag(const jx_diag *d, void *ud)
{
    check_counts *c = ud;
    jx_cli_print_diag(d);
    if (d->severity == JX_SEV_ERROR)
        c->errors++;
    else if (d->severity == JX_SEV_WARNING)
        c->warnings++;
}

/* Counts p, its indicators and its diagnostics (printed). */
static void count_project(jx_project *p, void *ud)
{
    check_counts *c = ud;
    c->projects++;
    c->indicators += jx_project_indicator_count(p);
    for (size_t i = 0; i < jx_project_diag_count(p); i++)
        count_diag(jx_project_diag(p, i), c);
}

int jx_cli_check(int argc, char **argv)
{
    int werror = 0;
    jx_cli_args args;
    jx_cli_args_start(&args, "check", argc, argv);
    const char *a;
    while ((a = jx_cli_args_next(&args))) {
        if (jx_cli_is_help(a)) {
            fputs(check_help, stdout);
            return JX_EXIT_OK;
        } else if (strcmp(a, "--werror") == 0) {
            werror = 1;
        } else {
            return jx_cli_usage_error("check", "未知选项“%s”", a);
        }
    }
    if (args.nfiles == 0)
        return jx_cli_usage_error("check", "没有给出要检查的文件");
    check_counts c;
    memset(&c, 0, sizeof c);
    jx_cli_reading r = {count_project, count_diag, &c};
    for (int i = 0; i < args.nfiles; i++)
        jx_cli_read_projects(args.files[i], &r, &c.status);
    fprintf(stderr, "检查完成：%zu 个项目，%zu 个指标，%zu 个错误，%zu 个警告\n", c.projects, c.indicators,
            c.errors, c.warnings);
    if (c.status.io_failed)
        return JX_EXIT_IO;
    if (c.errors > 0 || (werror && c.warnings > 0))
        return JX_EXIT_INPUT;
    return JX_EXIT_OK;
}
