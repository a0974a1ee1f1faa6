/* SPDX-License-Identifier: MIT */
/* main.c — the jixiao program: dispatches to one command per file (score.c, check.c,
 * template.c, import.c, audit.c with review.c, vet.c), and holds what the commands share:
 * diagnostics, usage errors and the walk over their arguments (reading files is files.c,
 * rule files or tables input.c, folders walk.c, output output.c). */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static const char main_help[] =
    "用法：jixiao <命令> [选项] 文件…\n"
    "\n"
    "按评分办法为预算绩效指标计分，输出项目支出绩效自评表。\n"
    "\n"
    "命令：\n"
    "  score     计分并输出自评表，格式 %s\n"
    "  check     做 score 的全部检查（语法、计分、一致性），报告错误、警告和提示，不输出自评表\n"
    "  template  写出实际完成值模板（CSV 或 Excel 工作簿），填好后用 score --actuals 读回\n"
    "  import    把绩效目标表、申报表、自评表或 CSV 表格转换成规则文件\n"
    "  audit     审核多个自评表：重算、比较自评，汇总，抽查\n"
    "  vet       审核绩效目标表（预算年度前）：完整性、相关性、适当性、可行性，给出审核结果\n"
    "\n"
    "选项：\n"
    "  --help      显示本帮助\n"
    "  --version   显示版本\n"
    "\n"
    "各命令的选项见 jixiao <命令> --help。\n"
    "退出码：0 成功（允许警告），1 输入有误，2 用法错误，3 读写文件失败。\n";

void jx_cli_print_diag(const jx_diag *d)
{
    char buf[4096];
    size_t need = jx_diag_format(d, buf, sizeof buf);
    if (need < sizeof buf) {
        fputs(buf, stderr);
        return;
    }
    char *big = malloc(need + 1);
    if (!big) {
        fputs(buf, stderr);
        return;
    }
    jx_diag_format(d, big, need + 1);
    fputs(big, stderr);
    free(big);
}

int jx_cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("jixiao: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (command)
        fprintf(stderr, "（见 jixiao %s --help）\n", command);
    else
        fputs("（见 jixiao --help）\n", stderr);
    return JX_EXIT_USAGE;
}

void jx_cli_args_start(jx_cli_args *a, const char *command, int argc, char **argv)
{
    a->command = command;
    a->argc = argc;
    a->argv = argv;
    a->i = 0;
    a->options_done = 0;
    a->usage = 0;
    a->files = argv + 1;
    a->nfiles = 0;
}

const char *jx_cli_args_next(jx_cli_args *a)
{
    while (!a->usage && ++a->i < a->argc) {
        const char *arg = a->argv[a->i];
        if (a->options_done || arg[0] != '-' || arg[1] == '\0')
            a->files[a->nfiles++] = a->argv[a->i];
        else if (strcmp(arg, "--") == 0)
            a->options_done = 1;
        else
            return arg;
    }
    return NULL;
}

int jx_cli_is_help(const char *opt)
{
    return strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0;
}

int jx_cli_option_value(jx_cli_args *a, const char *name, const char **out)
{
    const char *arg = a->argv[a->i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *out = arg + n + 1;
        return 1;
    }
    if (arg[n] != '\0')
        return 0;
    if (a->i + 1 >= a->argc) {
        *out = NULL;
        return 1;
    }
    *out = a->argv[++a->i];
    return 1;
}

/* Sets *out to v, or prints the usage error "LABEL 缺少WHAT" and ends the walk when v is missing or
 * empty; returns 1. */
static int args_take(jx_cli_args *a, const char *v, const char *label, const char *what, const char **out)
{
    if (v && *v) {
        *out = v;
        return 1;
    }
    jx_cli_usage_error(a->command, "%s 缺少%s", label, what);
    a->usage = 1;
    return 1;
}

int jx_cli_option_text(jx_cli_args *a, const char *name, const char *what, const char **out)
{
    const char *v = NULL;
    return jx_cli_option_value(a, name, &v) && args_take(a, v, name, what, out);
}

int jx_cli_option_output(jx_cli_args *a, const char **out)
{
    const char *v = NULL;
    if (!jx_cli_option_value(a, "-o", &v) && !jx_cli_option_value(a, "--output", &v))
        return 0;
    return args_take(a, v, "-o", "输出文件名", out);
}

int jx_cli_option_jobs(jx_cli_args *a, unsigned *out)
{
    const char *arg = a->argv[a->i], *v = NULL;
    if (strncmp(arg, "-j", 2) == 0 && arg[2] >= '0' && arg[2] <= '9')
        v = arg + 2; /* -jN, as make takes it */
    else if (!jx_cli_option_value(a, "-j", &v) && !jx_cli_option_value(a, "--jobs", &v))
        return 0;
    char *end = NULL;
    long n = v && *v >= '0' && *v <= '9' ? strtol(v, &end, 10) : 0;
    if (!end || *end != '\0' || n < 1 || n > JX_READER_THREADS_MAX) {
        jx_cli_usage_error(a->command, "-j 需要 1 到 %d 之间的线程数%s%s%s", JX_READER_THREADS_MAX, v ? "，不是“" : "",
                           v ? v : "", v ? "”" : "");
        a->usage = 1;
        return 1;
    }
    *out = (unsigned)n;
    return 1;
}

int jx_cli_option_table(jx_cli_args *a, jx_table_options *t)
{
    return jx_cli_option_text(a, "--encoding", "编码", &t->encoding) ||
           jx_cli_option_text(a, "--sheet", "工作表名称或序号", &t->sheet);
}

/* Writes the names of the formats writing doc to buf as "text、json、…", NUL-terminated. */
static void format_names(jx_document doc, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; jx_format_at(i); i++) {
        const jx_format_info *f = jx_format_at(i);
        if (!f->help[doc])
            continue;
        int k = snprintf(buf + n, size - n, "%s%s", n ? "、" : "", f->name);
        if (k < 0 || (size_t)k >= size - n)
            return;
        n += (size_t)k;
    }
}

int jx_cli_option_format(jx_cli_args *a, jx_document doc, jx_format *out)
{
    const char *v = NULL;
    if (!jx_cli_option_value(a, "--format", &v))
        return 0;
    if (!args_take(a, v, "--format", "格式", &v))
        return 1;
    if (a->usage)
        return 1;
    char names[256];
    format_names(doc, names, sizeof names);
    jx_format f;
    if (jx_format_parse(v, &f) != JX_OK) {
        jx_cli_usage_error(a->command, "未知的输出格式“%s”，可用 %s", v, names);
        a->usage = 1;
        return 1;
    }
    for (size_t i = 0; jx_format_at(i); i++)
        if (jx_format_at(i)->format == f && !jx_format_at(i)->help[doc]) {
            jx_cli_usage_error(a->command, "%s 不输出 %s 格式，可用 %s", a->command, v, names);
            a->usage = 1;
            return 1;
        }
    *out = f;
    return 1;
}

void jx_cli_print_help(const char *head, jx_document doc, size_t column, const char *tail)
{
    fputs(head, stdout);
    const char *opt = "  --format 格式"; /* 15 display columns: the CJK word takes four */
    size_t first = 1;
    for (size_t i = 0; jx_format_at(i); i++) {
        const jx_format_info *f = jx_format_at(i);
        if (!f->help[doc])
            continue;
        if (first)
            printf("%s%*s", opt, (int)(column > 15 ? column - 15 : 1), "");
        else
            printf("%*s", (int)column, "");
        first = 0;
        if (f->help[doc][0])
            printf("%-10s%s\n", f->name, f->help[doc]);
        else
            printf("%s\n", f->name);
    }
    fputs(tail, stdout);
}

/* The files a run may open, raised from the soft limit (1,024 by default) towards the hard
 * one, up to JX_CLI_OPEN_FILES: an xlsx workbook keeps a temporary file open a sheet until
 * it is written (JX_XLSX_PROJECTS_MAX forms, jixiao.h), and -j opens files ahead. Where
 * the hard limit allows no more, the soft one stays; nothing is said. */
#define JX_CLI_OPEN_FILES 4096

static void open_files_room(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= JX_CLI_OPEN_FILES)
        return;
    rlim_t want = rl.rlim_max != RLIM_INFINITY && rl.rlim_max < JX_CLI_OPEN_FILES ? rl.rlim_max : JX_CLI_OPEN_FILES;
    if (want > rl.rlim_cur) {
        rl.rlim_cur = want;
        (void)setrlimit(RLIMIT_NOFILE, &rl);
    }
}

/* Runs the command argv names; its exit code. */
static int run(int argc, char **argv)
{
    if (argc < 2)
        return jx_cli_usage_error(NULL, "缺少命令");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        char names[256];
        format_names(JX_DOC_FORM, names, sizeof names);
        printf(main_help, names);
        return JX_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("jixiao %s\n", jx_version());
        return JX_EXIT_OK;
    }
    if (strcmp(cmd, "score") == 0)
        return jx_cli_score(argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0)
        return jx_cli_check(argc - 1, argv + 1);
    if (strcmp(cmd, "template") == 0)
        return jx_cli_template(argc - 1, argv + 1);
    if (strcmp(cmd, "import") == 0)
        return jx_cli_import(argc - 1, argv + 1);
    if (strcmp(cmd, "audit") == 0)
        return jx_cli_audit(argc - 1, argv + 1);
    if (strcmp(cmd, "vet") == 0)
        return jx_cli_vet(argc - 1, argv + 1);
    if (cmd[0] == '-')
        return jx_cli_usage_error(NULL, "未知选项“%s”", cmd);
    return jx_cli_usage_error(NULL, "未知命令“%s”", cmd);
}

int main(int argc, char **argv)
{
    open_files_room();
    return jx_cli_stdout_done(run(argc, argv));
}
