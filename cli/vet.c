/* SPDX-License-Identifier: MIT */
/* vet.c — `jixiao vet`: the 审核 of 绩效目标表 before the budget year (docs/vet.md). Reads
 * rule files or tables the importers read, from folders walked in name order, as audit
 * does (walk.c, input.c, select.c); vets each project as it streams and reports its
 * findings under the four aspects with its 审核结果, then the summary by 单位 and by code. */
#include "cli.h"

#include <string.h>

static const char vet_help[] =
    "用法：jixiao vet [选项] 文件或文件夹…\n"
    "\n"
    "审核绩效目标表（预算年度开始前）：按完整性、相关性、适当性、可行性四个方面检查每个项目的\n"
    "绩效目标和指标，给出审核结果——优（通过）、良（修改后通过）、中（退回重报）、差（不予通过），\n"
    "最后按单位和按代码汇总。文件夹按文件名的字节顺序逐层读取；.jx 文件按规则文件读，\n"
    "其他文件按 jixiao import 能读的表格（目标表、申报表等）导入后再审核。\n"
    "\n"
    "选项：\n"
    "  --policy 办法         评分办法（其中的“审核”设置见 docs/vet.md）：文件路径，或内置名称 default、central\n";

static const char vet_help_tail[] =
    "  --min-severity 级别   只列出并统计该级别及以上的发现：note（默认）、warning、error\n"
    "                        （审核结果按全部发现评定）\n"
    "  --project 名称        只审核这个项目（可重复；几个单位有同名项目时写 单位/项目名称）\n"
    "  --werror              有警告时退出码为 1\n"
    "  -j 线程数             用几个线程读入和审核（默认 1）；输出与单线程的逐字节相同\n"
    "  --timestamp           在 xlsx 的文档属性里记下当前时间（默认用固定时间）\n"
    "  --encoding 编码       文本表格的编码：utf-8、gb18030、gbk 或 utf-16，默认自动识别\n"
    "  --sheet 工作表        .xlsx/.xls 工作簿中要读的工作表（名称或从 1 起的序号）\n"
    "  -o 文件               写到文件（读写都成功后才替换原文件，有错误的发现也写）；默认写到标准输出\n"
    "  --help                显示本帮助\n"
    "\n"
    "文件名为 - 时从标准输入读规则文件。\n"
    "退出码：0 成功（允许警告），1 有错误（或 --werror 下有警告；只计 --min-severity\n"
    "及以上的发现），2 用法错误，3 读写文件失败。\n";

/** The parsed command line. */
typedef struct vet_opts {
    const char *policy;       /* --policy, "default" when not given */
    const char *output;       /* -o, NULL for standard output */
    jx_format format;         /* --format */
    int werror;               /* --werror */
    unsigned flags;           /* JX_WRITE_TIMESTAMP with --timestamp */
    jx_vet_options vet;       /* --min-severity */
    jx_import_options import; /* --encoding and --sheet */
    char **files;
    int nfiles;
    jx_cli_select select;      /* --project */
    unsigned threads;          /* -j */
} vet_opts;

/* Returns -1 when parsed, or the exit code to stop with. */
static int vet_parse_args(int argc, char **argv, vet_opts *o)
{
    memset(o, 0, sizeof *o);
    o->policy = "default";
    o->import.weights = JX_IMPORT_WEIGHTS_UNSET; /* target tables set no weights */
    o->format = JX_FORMAT_TEXT;
    jx_cli_args args;
    jx_cli_args_start(&args, "vet", argc, argv);
    const char *a, *v = NULL;
    while ((a = jx_cli_args_next(&args))) {
        jx_table_options table = {.encoding = o->import.encoding, .sheet = o->import.sheet};
        if (jx_cli_is_help(a)) {
            jx_cli_print_help(vet_help, JX_DOC_VET, 24, vet_help_tail);
            return JX_EXIT_OK;
        } else if (strcmp(a, "--werror") == 0) {
            o->werror = 1;
        } else if (strcmp(a, "--timestamp") == 0) {
            o->flags |= JX_WRITE_TIMESTAMP;
        } else if (jx_cli_option_table(&args, &table)) {
            o->import.encoding = table.encoding;
            o->import.sheet = table.sheet;
        } else if (jx_cli_option_text(&args, "--policy", "评分办法", &o->policy) ||
                   jx_cli_option_output(&args, &o->output) || jx_cli_option_project(&args, &o->select) ||
                   jx_cli_option_format(&args, JX_DOC_VET, &o->format) || jx_cli_option_jobs(&args, &o->threads)) {
            /* taken, or a usage error printed (args.usage) */
        } else if (jx_cli_option_text(&args, "--min-severity", "级别", &v)) {
            if (!v)
                continue;
            if (strcmp(v, "note") == 0 || strcmp(v, "提示") == 0)
                o->vet.min_severity = JX_SEV_NOTE;
            else if (strcmp(v, "warning") == 0 || strcmp(v, "警告") == 0)
                o->vet.min_severity = JX_SEV_WARNING;
            else if (strcmp(v, "error") == 0 || strcmp(v, "错误") == 0)
                o->vet.min_severity = JX_SEV_ERROR;
            else
                return jx_cli_usage_error("vet", "--min-severity 只能是 note、warning 或 error，不是“%s”", v);
        } else {
            return jx_cli_usage_error("vet", "未知选项“%s”", a);
        }
    }
    if (args.usage)
        return JX_EXIT_USAGE;
    o->files = args.files;
    o->nfiles = args.nfiles;
    if (o->nfiles == 0)
        return jx_cli_usage_error("vet", "没有给出要审核的文件或文件夹");
    return -1;
}

/** Everything one run uses and has seen. */
typedef struct vet_run {
    const vet_opts *o;
    jx_policy *pol;
    jx_vet *vt;
    jx_vet_writer *vw;
    jx_cli_input input;     /* reads rule files and tables */
    jx_cli_walk walk;       /* finds the files in folders */
    jx_cli_status status;
    int report_failed;      /* the report could not be written (said once) */
    size_t policy_warnings; /* for --werror */
    size_t forms_warnings;  /* the workbook's projects past its 审核表 sheets said (0 or 1), for --werror */
    jx_cli_output *out;
    int refused;            /* a file read is the output: the exit code, else 0 */
} vet_run;

/* Checks p alone where it was parsed (-j): jx_vet_add then counts it. */
static jx_result vet_prepare(void *ud, jx_project *p)
{
    const vet_run *run = ud;
    return jx_vet_check(run->vt, p);
}

/* Vets p and writes it. */
static void vet_project(jx_project *p, unsigned flags, void *ud)
{
    vet_run *run = ud;
    jx_result rc = jx_vet_add(run->vt, p, flags);
    if (rc == JX_OK)
        rc = jx_vet_writer_project(run->vw, p, flags);
    if (rc != JX_OK)
        jx_cli_report_failed(&run->status, &run->report_failed, rc);
}

/* One file the walk found. */
static void vet_file(const char *path, void *ud)
{
    vet_run *run = ud;
    if (!jx_cli_walk_take(run->out, "vet", path, &run->refused, &run->input))
        return;
    jx_cli_read_input(&run->input, path);
}

/* Reads the files opened ahead before the walk writes to standard error. */
static void vet_quiet(void *ud)
{
    vet_run *run = ud;
    jx_cli_input_flush(&run->input);
}

/* I/O, then errors (input or findings), then warnings under --werror. */
static int vet_exit_code(vet_run *run)
{
    const jx_vet_summary *s = jx_vet_get_summary(run->vt);
    size_t errors = s->findings[JX_SEV_ERROR];
    size_t warnings = s->findings[JX_SEV_WARNING];
    if (run->o->vet.min_severity <= JX_SEV_WARNING)
        warnings += run->policy_warnings + run->input.warnings + run->walk.warnings + run->forms_warnings;
    return jx_cli_findings_exit(&run->status, errors, warnings, run->o->werror);
}

int jx_cli_vet(int argc, char **argv)
{
    vet_opts o;
    int code = vet_parse_args(argc, argv, &o);
    if (code >= 0) {
        jx_cli_select_free(&o.select);
        return code;
    }
    vet_run run;
    memset(&run, 0, sizeof run);
    run.o = &o;
    run.input = (jx_cli_input){.project = vet_project, .ud = &run, .status = &run.status, .import = &o.import,
                               .select = &o.select, .threads = o.threads, .prepare = vet_prepare};
    run.walk = (jx_cli_walk){.file = vet_file, .quiet = vet_quiet, .ud = &run, .status = &run.status};
    code = jx_cli_open_policy("vet", o.policy, &run.pol);
    if (code >= 0) {
        jx_cli_select_free(&o.select);
        return code;
    }
    for (size_t i = 0; i < jx_policy_diag_count(run.pol); i++) {
        jx_cli_print_diag(jx_policy_diag(run.pol, i));
        run.policy_warnings++;
    }
    jx_cli_output of;
    const char *const tables[] = {o.policy, NULL};
    code = jx_cli_output_open(&of, "vet", o.output, o.files, o.nfiles, tables);
    if (code >= 0) {
        jx_policy_close(run.pol);
        jx_cli_select_free(&o.select);
        return code;
    }
    run.out = &of;
    jx_cli_output_sheets(o.format);
    jx_result rc = jx_vet_create(&run.vt, run.pol, &o.vet, NULL);
    if (rc == JX_OK)
        rc = jx_vet_writer_create(&run.vw, run.vt, o.format, jx_cli_output_write, of.fp, NULL);
    if (rc == JX_OK)
        rc = jx_vet_writer_set_flags(run.vw, o.flags);
    if (rc != JX_OK) {
        fprintf(stderr, "jixiao: %s\n", jx_strerror(rc));
        run.status.io_failed = 1;
    } else {
        for (int i = 0; i < o.nfiles; i++)
            jx_cli_walk_path(&run.walk, o.files[i]);
        jx_cli_input_flush(&run.input);
        jx_cli_select_finish(&o.select, &run.status);
        rc = jx_vet_writer_finish(run.vw);
        if (rc != JX_OK)
            jx_cli_report_failed(&run.status, &run.report_failed, rc);
        /* a warning: the workbook holds every project and finding, not every 审核表 */
        run.forms_warnings = (size_t)jx_cli_forms_left_out(rc == JX_OK ? jx_vet_writer_forms_left_out(run.vw) : 0,
                                                           "审核表", "都在“项目”工作表中，它们的发现都在“发现”工作表中，"
                                                                     "并都计入“汇总”");
    }
    code = run.refused ? run.refused : run.vt ? vet_exit_code(&run) : jx_cli_exit_code(&run.status);
    code = jx_cli_report_close(&of, &run.status, run.refused, code);
    jx_vet_writer_destroy(run.vw);
    jx_vet_destroy(run.vt);
    jx_policy_close(run.pol);
    jx_cli_input_free(&run.input);
    jx_cli_select_free(&o.select);
    return code;
}
