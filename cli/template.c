/* SPDX-License-Identifier: MIT */
/* template.c — `jixiao template`: write the actuals template (CSV or an Excel workbook) to fill in
 * for the projects in DSL files. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char template_head[] =
    "用法：jixiao template [--format csv|xlsx] [--project 名称]… [-o 文件] 文件…\n"
    "\n"
    "为文件中的每个项目写出实际完成值模板。每个指标一行，列为：主管部门、单位、项目、\n"
    "一级指标、二级指标、三级指标、指标性质、年度指标值、权重，以及要填的实际完成值、\n"
    "评定（定性指标）、偏差原因分析及改进措施、得分（可不填）；每个项目还有要填的\n"
    "年初预算、全年预算、全年执行、实际完成情况、目标偏离原因、整改措施（CSV 中在项目的\n"
    "第一行，Excel 工作簿中在“项目”表）。填好后用 jixiao score --actuals 文件 读回计分。\n"
    "指标性质、年度指标值、权重和金额单位只供参考，不读回；要填的单元格一律留空，\n"
    "留空的单元格读回时不改变项目文件中已有的内容。\n"
    "有语法错误的项目不写入模板，错误输出到标准错误。\n"
    "\n"
    "选项：\n";

static const char template_tail[] =
    "  -o 文件        写到文件（成功后才替换原文件）；默认写到标准输出。\n"
    "                 未给 --format 而文件名以 .xlsx 结尾时写 Excel 工作簿\n"
    "  --project 名称 只取这个项目（可重复；几个单位有同名项目时写 单位/项目名称）\n"
    "  --help         显示本帮助\n"
    "\n"
    "文件名为 - 时读标准输入。\n"
    "退出码：0 成功（允许警告），1 输入有误，2 用法错误，3 读写文件失败。\n";

/*
 * Warns about indicators of p that share 一级, 二级 and 三级 names with an earlier one:
 * their template rows look the same, and reading them back is an error (one row
 * would match both).
 */
static void warn_duplicates(const jx_project *p)
{
    size_t n = jx_project_indicator_count(p);
    for (size_t j = 1; j < n; j++) {
        const jx_indicator *b = jx_project_indicator(p, j);
        for (size_t i = 0; i < j; i++) {
            const jx_indicator *a = jx_project_indicator(p, i);
            if (strcmp(jx_indicator_name(a), jx_indicator_name(b)) != 0 ||
                strcmp(jx_indicator_level1(a), jx_indicator_level1(b)) != 0 ||
                strcmp(jx_indicator_level2(a), jx_indicator_level2(b)) != 0)
                continue;
            char msg[1024];
            snprintf(msg, sizeof msg,
                     "项目“%s”中指标“%s / %s / %s”与第 %u 行的指标同名，模板中这两行无法区分，"
                     "读回时会报错；请改名",
                     jx_project_name(p), jx_indicator_level1(b), jx_indicator_level2(b),
                     jx_indicator_name(b), (unsigned)jx_indicator_line(a));
            jx_diag d = {JX_SEV_WARNING, "template-duplicate", msg, jx_project_file(p),
                         jx_indicator_line(b), 1, 1, NULL, 0};
            jx_cli_print_diag(&d);
            break;
        }
    }
}

/** What template_project needs besides the project. */
typedef struct template_run {
    jx_writer *wr;       /* the template being written */
    jx_cli_status *st;   /* what the run has seen: a project with errors is invalid */
} template_run;

/* Writes the rows of p to the template; a project with errors is left out, its errors printed. */
static void template_project(jx_project *p, void *ud)
{
    const template_run *run = ud;
    if (jx_project_error_count(p) > 0) {
        for (size_t i = 0; i < jx_project_diag_count(p); i++)
            if (jx_project_diag(p, i)->severity == JX_SEV_ERROR)
                jx_cli_print_diag(jx_project_diag(p, i));
        run->st->invalid = 1;
        return;
    }
    warn_duplicates(p);
    if (jx_writer_project(run->wr, p) != JX_OK)
        run->st->io_failed = 1;
}

/* Parses the options, then writes the template of every project without errors. */
int jx_cli_template(int argc, char **argv)
{
    const char *output = NULL;
    jx_format fmt = JX_FORMAT_CSV;
    int format_given = 0;
    jx_cli_select select = {0};
    jx_cli_args args;
    jx_cli_args_start(&args, "template", argc, argv);
    const char *a;
    while ((a = jx_cli_args_next(&args))) {
        if (jx_cli_is_help(a)) {
            jx_cli_print_help(template_head, JX_DOC_TEMPLATE, 17, template_tail);
            return JX_EXIT_OK;
        } else if (jx_cli_option_format(&args, JX_DOC_TEMPLATE, &fmt)) {
            format_given = 1;
        } else if (!jx_cli_option_output(&args, &output) && !jx_cli_option_project(&args, &select)) {
            return jx_cli_usage_error("template", "未知选项“%s”", a);
        }
    }
    if (args.usage)
        return JX_EXIT_USAGE;
    if (args.nfiles == 0)
        return jx_cli_usage_error("template", "没有给出项目文件");
    size_t olen = output ? strlen(output) : 0;
    if (!format_given && olen >= 5 && strcasecmp(output + olen - 5, ".xlsx") == 0)
        fmt = JX_FORMAT_XLSX;
    jx_cli_output of;
    int code = jx_cli_output_open(&of, "template", output, args.files, args.nfiles, NULL);
    if (code >= 0)
        return code;
    jx_cli_status st = {0};
    jx_writer *wr = NULL;
    jx_result rc = jx_template_writer_create(&wr, fmt, 0, jx_cli_output_write, of.fp, NULL);
    if (rc != JX_OK) {
        fprintf(stderr, "jixiao: %s\n", jx_strerror(rc));
        st.io_failed = 1;
    } else {
        template_run run = {wr, &st};
        jx_cli_reading r = {.project = template_project, .ud = &run, .select = &select};
        for (int i = 0; i < args.nfiles; i++)
            jx_cli_read_projects(args.files[i], &r, &st);
        jx_cli_select_finish(&select, &st);
        if (jx_writer_finish(wr) != JX_OK)
            st.io_failed = 1;
    }
    code = jx_cli_exit_code(&st);
    code = jx_cli_output_close(&of, code);
    jx_writer_destroy(wr);
    jx_cli_select_free(&select);
    return code;
}
