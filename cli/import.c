/* SPDX-License-Identifier: MIT */
/* import.c — `jixiao import`: tables from the budget systems → rule files, with a summary. */
#include "cli.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/** The parsed command line. */
typedef struct import_opts {
    const char *from;          /* --from, NULL to detect */
    const char *encoding;      /* --encoding, NULL to detect */
    const char *sheet;         /* --sheet, NULL for the sheets a format recognises */
    jx_import_weights weights; /* --weights */
    const char *policy;        /* --policy, NULL for the default */
    const char *output;        /* -o, NULL for standard output */
    int verbose;               /* --verbose */
    char **files;              /* the input files */
    int nfiles;                /* how many */
} import_opts;

/** Prints the help, with the table formats this build reads. */
static void import_help(void)
{
    fputs("用法：jixiao import [选项] 文件…\n"
          "\n"
          "把预算系统的指标表格（绩效目标表、申报表、自评表，或带表头的 CSV；文本、.xlsx 或 .xls）\n"
          "转换成规则文件，\n"
          "每个项目一个“项目”块，写到标准输出或 -o 指定的文件。每个文件的汇总、警告和错误\n"
          "输出到标准错误；表格的每一行或成为指标、项目信息、资金、分组分值，或被报告为\n"
          "跳过（表头、页眉页脚等）或未能识别。\n"
          "\n"
          "选项：\n"
          "  --from 格式        表格格式，默认自动识别：\n",
          stdout);
    const char *const *names = jx_import_format_names();
    for (size_t i = 0; names[i]; i++)
        printf("                       %-12s %s\n", names[i], jx_import_format_title(names[i]));
    fputs("  --encoding 编码    文本表格的编码：utf-8、gb18030、gbk 或 utf-16，默认自动识别\n"
          "  --sheet 工作表     .xlsx/.xls 工作簿中要导入的工作表（名称或从 1 起的序号）；\n"
          "                     默认导入能识别格式的每张工作表\n"
          "  --weights equal    表格没有权重时，按评分办法的一级指标分值在各一级指标内平均分配\n"
          "  --policy 办法      --weights equal 所用的评分办法（默认 default）\n"
          "  --verbose          列出格式、编码，以及每个跳过和未能识别的行\n"
          "  -o 文件            写到文件（全部成功后才替换原文件）；默认写到标准输出\n"
          "  --help             显示本帮助\n"
          "\n"
          "文件名为 - 时读标准输入。\n"
          "退出码：0 成功（允许警告），1 输入有误（无法解码、无法识别格式、权重不是数字等），\n"
          "2 用法错误，3 读写文件失败。\n",
          stdout);
}

/* Returns -1 when parsed, or the exit code to stop with. */
static int import_parse_args(int argc, char **argv, import_opts *o)
{
    memset(o, 0, sizeof *o);
    jx_cli_args args;
    jx_cli_args_start(&args, "import", argc, argv);
    const char *a;
    while ((a = jx_cli_args_next(&args))) {
        const char *v = NULL;
        if (jx_cli_is_help(a)) {
            import_help();
            return JX_EXIT_OK;
        } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
            o->verbose = 1;
        } else if (jx_cli_option_text(&args, "--from", "表格格式", &v)) {
            if (v && !jx_import_format_title(v))
                return jx_cli_usage_error("import", "未知的表格格式“%s”", v);
            o->from = v;
        } else if (jx_cli_option_text(&args, "--encoding", "编码", &o->encoding) ||
                   jx_cli_option_text(&args, "--sheet", "工作表名称或序号", &o->sheet) ||
                   jx_cli_option_text(&args, "--policy", "评分办法", &o->policy) ||
                   jx_cli_option_output(&args, &o->output)) {
            continue;
        } else if (jx_cli_option_value(&args, "--weights", &v)) {
            if (v && strcmp(v, "equal") == 0)
                o->weights = JX_IMPORT_WEIGHTS_EQUAL;
            else if (v && strcmp(v, "none") == 0)
                o->weights = JX_IMPORT_WEIGHTS_NONE;
            else
                return jx_cli_usage_error("import", "--weights 只能是 equal 或 none");
        } else {
            return jx_cli_usage_error("import", "未知选项“%s”", a);
        }
    }
    if (args.usage)
        return JX_EXIT_USAGE;
    o->files = args.files;
    o->nfiles = args.nfiles;
    if (o->policy && o->weights != JX_IMPORT_WEIGHTS_EQUAL)
        return jx_cli_usage_error("import", "--policy 只和 --weights equal 一起使用");
    if (o->nfiles == 0)
        return jx_cli_usage_error("import", "没有给出要导入的表格文件");
    return -1;
}

/** Orders diagnostics by line, then by the order they were found. */
static int import_by_line(const void *a, const void *b)
{
    const jx_diag *const *x = a, *const *y = b;
    if ((*x)->line != (*y)->line)
        return (*x)->line < (*y)->line ? -1 : 1;
    return *x < *y ? -1 : *x > *y;
}

/** Lists the skipped and not-understood rows of imp by row number (--verbose). */
static void import_list_rows(const jx_import *imp)
{
    size_t n = jx_import_diag_count(imp), k = 0;
    const jx_diag **rows = n ? malloc(n * sizeof *rows) : NULL;
    if (n && !rows)
        return;
    for (size_t i = 0; i < n; i++) {
        const jx_diag *d = jx_import_diag(imp, i);
        if (strcmp(d->code, "skipped-row") == 0 || strcmp(d->code, "row-not-understood") == 0)
            rows[k++] = d;
    }
    /* diagnostics of one handle live in one array, so their addresses keep the order found */
    qsort(rows, k, sizeof *rows, import_by_line);
    for (size_t i = 0; i < k; i++)
        fprintf(stderr, "  第 %u 行：%s——%s\n", (unsigned)rows[i]->line,
                strcmp(rows[i]->code, "skipped-row") == 0 ? "跳过" : "未能识别", rows[i]->message);
    free(rows);
}

/** Imports one file into out, printing its diagnostics and summary. Returns -1, or an exit code to stop with. */
static int import_file(const char *path, const import_opts *o, FILE *out, jx_cli_status *st)
{
    jx_import *imp = NULL;
    jx_import_options io = {.format = o->from, .encoding = o->encoding, .weights = o->weights, .policy = o->policy, .sheet = o->sheet};
    jx_result rc = jx_import_open(&imp, path, &io, NULL);
    bool opened = rc == JX_OK;
    if (opened)
        rc = jx_import_run(imp, jx_cli_output_write, out);
    size_t n = jx_import_diag_count(imp);
    for (size_t i = 0; i < n; i++) {
        const jx_diag *d = jx_import_diag(imp, i);
        if (d->severity == JX_SEV_NOTE && strcmp(d->code, "skipped-row") == 0)
            continue;
        if (strcmp(d->code, "usage") == 0)
            jx_cli_usage_error("import", "%s", d->message); /* an option the library refused */
        else
            jx_cli_print_diag(d);
    }
    if (opened) {
        if (o->verbose)
            fprintf(stderr, "%s：表格格式 %s（%s），编码 %s\n", path, jx_import_format(imp),
                    jx_import_format_title(jx_import_format(imp)), jx_import_encoding(imp));
        fprintf(stderr, "%s：项目 %zu 个，指标 %zu 条，读入 %zu 行，跳过 %zu 行（表头、页眉页脚等），未能识别 %zu 行\n",
                path, jx_import_project_count(imp), jx_import_indicator_count(imp), jx_import_row_count(imp),
                jx_import_skipped_count(imp), jx_import_not_understood_count(imp));
        if (o->verbose)
            import_list_rows(imp);
    }
    int stop = -1;
    switch (rc) {
    case JX_OK:
        break;
    case JX_ERR_INPUT:
        st->invalid = 1;
        break;
    case JX_ERR_USAGE:
    case JX_ERR_NOTFOUND:
        stop = JX_EXIT_USAGE;
        break;
    case JX_ERR_IO:
        if (opened)
            fprintf(stderr, "jixiao: 写入输出失败\n");
        st->io_failed = 1;
        break;
    default:
        fprintf(stderr, "jixiao: %s：%s\n", path, jx_strerror(rc));
        st->io_failed = 1;
        break;
    }
    jx_import_close(imp);
    return stop;
}

int jx_cli_import(int argc, char **argv)
{
    import_opts o;
    int code = import_parse_args(argc, argv, &o);
    if (code >= 0)
        return code;
    jx_cli_status st = {0};
    jx_cli_output out;
    const char *const tables[] = {o.policy, NULL};
    code = jx_cli_output_open(&out, "import", o.output, o.files, o.nfiles, tables);
    if (code >= 0)
        return code;
    int stop = -1;
    for (int i = 0; i < o.nfiles && stop < 0; i++)
        stop = import_file(o.files[i], &o, out.fp, &st);
    code = stop >= 0 ? stop : jx_cli_exit_code(&st);
    return jx_cli_output_close(&out, code);
}
