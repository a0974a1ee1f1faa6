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
    size_t projects;   /* projects read */
    size_t indicators; /* indicators in them */
    size_t errors;     /* error diagnostics */
    size_t warnings;   /* warning diagnostics */
    int io_failed;     /* a file could not be read */
} check_counts;

static void count_diag(check_counts *c, const jx_diag *d)
{
    jx_cli_print_diag(d);
    if (d->severity == JX_SEV_ERROR)
        c->errors++;
    else if (d->severity == JX_SEV_WARNING)
        c->warnings++;
}

static void check_file(const char *path, check_counts *c)
{
    jx_reader *rd = NULL;
    jx_result rc = jx_reader_open(&rd, path, NULL);
    if (rc != JX_OK) {
        size_t n = rd ? jx_reader_diag_count(rd) : 0;
        for (size_t i = 0; i < n; i++)
            jx_cli_print_diag(jx_reader_diag(rd, i));
        if (n == 0)
            fprintf(stderr, "%s: error: %s\n", path, jx_strerror(rc));
        c->io_failed = 1;
        jx_reader_close(rd);
        return;
    }
    for (;;) {
        jx_project *p = NULL;
        rc = jx_reader_next(rd, &p);
        if (rc == JX_DONE)
            break;
        if (rc == JX_ROW) {
            c->projects++;
            c->indicators += jx_project_indicator_count(p);
            for (size_t i = 0; i < jx_project_diag_count(p); i++)
                count_diag(c, jx_project_diag(p, i));
            continue;
        }
        for (size_t i = 0; i < jx_reader_diag_count(rd); i++)
            count_diag(c, jx_reader_diag(rd, i));
        if (rc == JX_ERR_INPUT)
            continue;
        if (rc == JX_ERR_IO)
            c->io_failed = 1;
        else if (jx_reader_diag_count(rd) == 0)
            fprintf(stderr, "%s: error: %s\n", path, jx_strerror(rc));
        break;
    }
    jx_reader_close(rd);
}

int jx_cli_check(int argc, char **argv)
{
    int werror = 0;
    int nfiles = 0;
    int options_done = 0;
    /* options may come before or after the files; "--" ends them */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0') {
            argv[++nfiles] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0)
            options_done = 1;
        else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(check_help, stdout);
            return JX_EXIT_OK;
        } else if (strcmp(a, "--werror") == 0)
            werror = 1;
        else
            return jx_cli_usage_error("check", "未知选项“%s”", a);
    }
    if (nfiles == 0)
        return jx_cli_usage_error("check", "没有给出要检查的文件");
    check_counts c;
    memset(&c, 0, sizeof c);
    for (int i = 1; i <= nfiles; i++)
        check_file(argv[i], &c);
    fprintf(stderr, "检查完成：%zu 个项目，%zu 个指标，%zu 个错误，%zu 个警告\n", c.projects, c.indicators,
            c.errors, c.warnings);
    if (c.io_failed)
        return JX_EXIT_IO;
    if (c.errors > 0 || (werror && c.warnings > 0))
        return JX_EXIT_INPUT;
    return JX_EXIT_OK;
}
