/* main.c — the jixiao program: dispatches to one command per file (score.c, check.c,
 * template.c, import.c), and holds what the commands share: diagnostics, usage errors
 * and options. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char main_help[] =
    "用法：jixiao <命令> [选项] 文件…\n"
    "\n"
    "按评分办法为预算绩效指标计分，输出项目支出绩效自评表。\n"
    "\n"
    "命令：\n"
    "  score     计分并输出自评表（text、json 或 csv）\n"
    "  check     只检查文件，报告错误和警告\n"
    "  template  写出实际完成值模板（CSV），填好后用 score --actuals 读回\n"
    "  import    把绩效目标表、申报表、自评表或 CSV 表格转换成规则文件\n"
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

int jx_cli_option_value(int argc, char **argv, int *i, const char *name, const char **out)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *out = a + n + 1;
        return 1;
    }
    if (a[n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        *out = NULL;
        return 1;
    }
    *out = argv[++*i];
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return jx_cli_usage_error(NULL, "缺少命令");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(main_help, stdout);
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
    if (cmd[0] == '-')
        return jx_cli_usage_error(NULL, "未知选项“%s”", cmd);
    return jx_cli_usage_error(NULL, "未知命令“%s”", cmd);
}
