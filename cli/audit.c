/* SPDX-License-Identifier: MIT */
/* audit.c — `jixiao audit`: recompute many self-evaluations (rule files, or tables the
 * importers read, found in folders walked in name order: walk.c, input.c), report each
 * project's claimed and recomputed 总分 and 结论 with its findings, then the summary and
 * the 抽查 sample. Projects stream: one file is in memory at a time. */
#include "cli.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char audit_help[] =
    "用法：jixiao audit [选项] 文件或文件夹…\n"
    "\n"
    "审核自评表：重算每个项目的总分和结论，与自评的比较，列出每个项目的发现（错误在前），\n"
    "最后汇总：项目和资金、自评与重算的结论分布、平均虚高、自评 100 分的比例、各代码的发现数。\n"
    "文件夹按文件名的字节顺序逐层读取（跳过以 . 开头的名字，不进入文件夹中指向文件夹的\n"
    "符号链接）；.jx 文件（不分大小写）按规则文件读，其他文件按 jixiao import 能读的表格\n"
    "（自评表、目标表、CSV 等）导入后再审核。\n"
    "\n"
    "选项：\n"
    "  --policy 办法         评分办法：文件路径，或内置名称 default、central\n";

static const char audit_help_tail[] =
    "  --min-severity 级别   只列出并统计该级别及以上的发现：note（默认）、warning、error\n"
    "  --project 名称        只审核这个项目（可重复；几个单位有同名项目时写 单位/项目名称）\n"
    "  --werror              有警告时退出码为 1\n"
    "  -j 线程数             用几个线程读入和计分（默认 1）；输出与单线程的逐字节相同\n"
    "  --timestamp           在 xlsx 的文档属性里记下当前时间（默认用固定时间，同样的输入得到同样的字节）\n"
    "  --sample N|N%         抽查：抽取 N 个项目，或 N% 的项目（须同时给出 --seed）\n"
    "  --seed S              抽查的种子（非负整数），同一种子在任何机器上抽中同样的项目\n"
    "  --by 单位|主管部门    按单位或主管部门分层，在每层内按比例抽取\n"
    "  --weight funds        按项目资金加权，资金多的项目更可能被抽中\n"
    "  --include-flagged     有错误的项目，以及自评总分或结论高于重算的项目，一律抽中\n"
    "                        （--sample 0% 时只抽这些项目）\n"
    "  --encoding 编码       文本表格的编码：utf-8、gb18030、gbk 或 utf-16，默认自动识别\n"
    "  --sheet 工作表        .xlsx/.xls 工作簿中要读的工作表（名称或从 1 起的序号）\n"
    "  --review 文件         复核：读复核人的复核表（CSV、文本、.xlsx 或 .xls），输出复核表（见 docs/review.md）；\n"
    "                        与 --sample 同用时只出抽中项目的复核表\n"
    "  --review-template     输出供复核人填写的复核表模板（csv 或 xlsx），与 --sample 同用时只含抽中的项目\n"
    "  -o 文件               写到文件（读写都成功后才替换原文件，有错误的发现也写）；\n"
    "                        默认写到标准输出\n"
    "  --help                显示本帮助\n"
    "\n"
    "文件名为 - 时从标准输入读规则文件。运行超过 1 秒、标准错误是终端而报告不输出到终端时，\n"
    "在标准错误显示进度。\n"
    "退出码：0 成功（允许警告），1 有错误（或 --werror 下有警告；只计 --min-severity\n"
    "及以上的发现），2 用法错误，3 读写文件失败。\n";

/** The parsed command line. */
typedef struct audit_opts {
    const char *policy;     /* --policy, "default" when not given */
    const char *output;     /* -o, NULL for standard output */
    jx_format format;       /* --format */
    int werror;             /* --werror */
    unsigned flags;         /* JX_WRITE_TIMESTAMP with --timestamp */
    jx_audit_options audit; /* --min-severity and the sample options */
    jx_cli_sample sample;   /* the sample options, read into audit */
    jx_import_options import; /* --encoding and --sheet for the tables read */
    char **files;           /* the files and folders */
    int nfiles;             /* how many */
    jx_cli_select select;   /* --project */
    unsigned threads;       /* -j */
} audit_opts;

/* True when the arguments ask for the review sheet or its template (--review,
 * --review-template before any "--"). */
static bool audit_wants_review(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "--review") == 0 || strncmp(argv[i], "--review=", 9) == 0 ||
            strcmp(argv[i], "--review-template") == 0)
            return true;
    }
    return false;
}

/* Parses "N" (a count above 0) or "N%" / "N.NN%" (a share, 0% to 100%) into o, *share set
 * for a share; false when it is neither. */
static bool audit_parse_size(const char *v, jx_audit_options *o, int *share)
{
    uint64_t whole = 0, frac = 0;
    int fdigits = 0;
    const char *s = v;
    if (*s < '0' || *s > '9')
        return false;
    for (; *s >= '0' && *s <= '9'; s++) {
        whole = whole * 10 + (uint64_t)(*s - '0');
        if (whole > UINT32_MAX)
            return false;
    }
    if (*s == '\0') {
        o->sample_count = (uint32_t)whole;
        return whole > 0;
    }
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++) {
            if (++fdigits > 2)
                return false;
            frac = frac * 10 + (uint64_t)(*s - '0');
        }
        if (fdigits == 0)
            return false;
    }
    if (strcmp(s, "%") != 0 && strcmp(s, "％") != 0)
        return false;
    if (fdigits == 1)
        frac *= 10;
    uint64_t bp = whole * 100 + frac;
    if (bp > 10000)
        return false;
    o->sample_bp = (uint32_t)bp;
    *share = 1;
    return true;
}

/* Parses a non-negative decimal seed; false when v is not one. */
static bool audit_parse_seed(const char *v, uint64_t *out)
{
    uint64_t n = 0;
    if (!*v)
        return false;
    for (const char *s = v; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        uint64_t d = (uint64_t)(*s - '0');
        if (n > (UINT64_MAX - d) / 10)
            return false;
        n = n * 10 + d;
    }
    *out = n;
    return true;
}

int jx_cli_option_sample(jx_cli_args *args, const char *a, jx_cli_sample *s, int *code)
{
    const char *v = NULL;
    jx_audit_options *o = s->audit;
    if (strcmp(a, "--include-flagged") == 0) {
        o->include_flagged = 1;
        return 1;
    }
    if (jx_cli_option_text(args, "--sample", "抽查数量（N 或 N%）", &v)) {
        s->given = 1;
        if (v && !audit_parse_size(v, o, &s->share))
            *code = jx_cli_usage_error("audit", "--sample 应为正整数 N 或 0%%～100%% 之间的比例（最多两位小数），不是“%s”", v);
        return 1;
    }
    if (jx_cli_option_text(args, "--seed", "种子", &v)) {
        s->seed_given = 1;
        if (v && !audit_parse_seed(v, &o->seed))
            *code = jx_cli_usage_error("audit", "--seed 应为非负整数，不是“%s”", v);
        return 1;
    }
    if (jx_cli_option_text(args, "--by", "分层依据", &v)) {
        if (!v)
            return 1;
        if (strcmp(v, "单位") == 0 || strcmp(v, "org") == 0)
            o->by = JX_AUDIT_BY_ORG;
        else if (strcmp(v, "主管部门") == 0 || strcmp(v, "dept") == 0)
            o->by = JX_AUDIT_BY_DEPT;
        else
            *code = jx_cli_usage_error("audit", "--by 只能是 单位 或 主管部门，不是“%s”", v);
        return 1;
    }
    if (jx_cli_option_text(args, "--weight", "加权依据", &v)) {
        if (v && strcmp(v, "funds") != 0 && strcmp(v, "资金") != 0)
            *code = jx_cli_usage_error("audit", "--weight 只能是 funds，不是“%s”", v);
        o->weight_funds = 1;
        return 1;
    }
    return 0;
}

int jx_cli_sample_check(const jx_cli_sample *s)
{
    const jx_audit_options *o = s->audit;
    bool sample_options = s->seed_given || o->by || o->weight_funds || o->include_flagged;
    if (!s->given && sample_options)
        return jx_cli_usage_error("audit", "--seed、--by、--weight 和 --include-flagged 只和 --sample 一起使用");
    if (s->given && !s->seed_given)
        return jx_cli_usage_error("audit", "--sample 需要 --seed，同一种子才能抽中同样的项目");
    return -1;
}

jx_result jx_cli_sample_start(const jx_cli_sample *s, jx_audit *au)
{
    return s->share ? jx_audit_set_sample_share(au, s->audit->sample_bp) : JX_OK;
}

/* Reads one option that takes a value; returns 1 when a was at it (usage errors print and return via *code). */
static int audit_option(jx_cli_args *args, const char *a, audit_opts *o, int *code)
{
    const char *v = NULL;
    jx_table_options table = {.encoding = o->import.encoding, .sheet = o->import.sheet};
    if (jx_cli_option_table(args, &table)) {
        o->import.encoding = table.encoding;
        o->import.sheet = table.sheet;
        return 1;
    }
    if (jx_cli_option_text(args, "--policy", "评分办法", &o->policy) || jx_cli_option_output(args, &o->output) ||
        jx_cli_option_project(args, &o->select) || jx_cli_option_jobs(args, &o->threads))
        return 1;
    if (jx_cli_option_format(args, JX_DOC_AUDIT, &o->format)) {
        if (args->usage)
            *code = JX_EXIT_USAGE;
        return 1;
    }
    if (jx_cli_option_text(args, "--min-severity", "级别", &v)) {
        if (!v)
            return 1;
        if (strcmp(v, "note") == 0 || strcmp(v, "提示") == 0)
            o->audit.min_severity = JX_SEV_NOTE;
        else if (strcmp(v, "warning") == 0 || strcmp(v, "警告") == 0)
            o->audit.min_severity = JX_SEV_WARNING;
        else if (strcmp(v, "error") == 0 || strcmp(v, "错误") == 0)
            o->audit.min_severity = JX_SEV_ERROR;
        else
            *code = jx_cli_usage_error("audit", "--min-severity 只能是 note、warning 或 error，不是“%s”", v);
        return 1;
    }
    return jx_cli_option_sample(args, a, &o->sample, code);
}

/* Returns -1 when parsed, or the exit code to stop with. */
static int audit_parse_args(int argc, char **argv, audit_opts *o)
{
    memset(o, 0, sizeof *o);
    o->policy = "default";
    o->format = JX_FORMAT_TEXT;
    o->sample.audit = &o->audit;
    jx_cli_args args;
    jx_cli_args_start(&args, "audit", argc, argv);
    const char *a;
    int code = -1;
    while (code < 0 && (a = jx_cli_args_next(&args))) {
        if (jx_cli_is_help(a)) {
            jx_cli_print_help(audit_help, JX_DOC_AUDIT, 24, audit_help_tail);
            return JX_EXIT_OK;
        } else if (strcmp(a, "--werror") == 0) {
            o->werror = 1;
        } else if (strcmp(a, "--timestamp") == 0) {
            o->flags |= JX_WRITE_TIMESTAMP;
        } else if (!audit_option(&args, a, o, &code)) {
            return jx_cli_usage_error("audit", "未知选项“%s”", a);
        }
    }
    if (code >= 0)
        return code;
    if (args.usage)
        return JX_EXIT_USAGE;
    o->files = args.files;
    o->nfiles = args.nfiles;
    code = jx_cli_sample_check(&o->sample);
    if (code >= 0)
        return code;
    if (o->nfiles == 0)
        return jx_cli_usage_error("audit", "没有给出要审核的文件或文件夹");
    return -1;
}

/* ------------------------------------------------------------------- a run */

/** Progress on stderr when it is a terminal and the run is long. */
typedef struct audit_progress {
    int tty;        /* stderr is a terminal, and the report does not go to it */
    double start;   /* when the run began (seconds, monotonic) */
    double last;    /* when the line was last written */
    int shown;      /* the line is on the screen */
    size_t files;   /* files audited so far */
} audit_progress;

/** Everything one run uses and has seen. */
typedef struct audit_run {
    const audit_opts *o;      /* the command line */
    jx_policy *pol;           /* the scoring policy */
    jx_audit *au;             /* the summary */
    jx_audit_writer *aw;      /* the report */
    jx_cli_input input;       /* reads rule files and tables */
    jx_cli_walk walk;         /* finds the files in folders */
    audit_progress progress;  /* the progress line */
    jx_cli_status status;     /* I/O failures, input errors outside projects */
    int report_failed;        /* the report could not be written (said once) */
    size_t policy_warnings;   /* the policy's warnings, for --werror */
    jx_cli_output *out;       /* the report's file, passed over when a folder read holds it */
    int refused;              /* a file read is the output: the exit code, else 0 */
    jx_result prepared;       /* audit_prepare's result on the project being handed over */
} audit_run;

/* Seconds on the monotonic clock. */
static double audit_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Counts a file done and, past the first second, rewrites the progress line (10 times a second at most). */
static void audit_progress_step(audit_progress *pg)
{
    pg->files++;
    if (!pg->tty)
        return;
    double now = audit_now();
    if (now - pg->start < 1.0 || now - pg->last < 0.1)
        return;
    pg->last = now;
    pg->shown = 1;
    fprintf(stderr, "\r已审核 %zu 个文件…", pg->files);
    fflush(stderr);
}

/* Clears the progress line, if one was written, before anything else goes to stderr. */
static void audit_progress_clear(audit_progress *pg)
{
    if (pg->shown) {
        fputs("\r\033[K", stderr);
        pg->shown = 0;
    }
}

/* Notes that the audit or its report failed with rc, saying why the first time. */
static void audit_failed(audit_run *run, jx_result rc)
{
    jx_cli_report_failed(&run->status, &run->report_failed, rc);
}

/* Scores p unless it has errors, on the thread that parsed it. */
static jx_result audit_prepare(void *ud, jx_project *p)
{
    const audit_run *run = ud;
    return jx_project_error_count(p) == 0 ? jx_score(p, run->pol) : JX_OK;
}

/* Hands p, scored where it was parsed (audit_prepare), to the audit and the report; flags
 * says whether it came from an imported table. */
static void audit_project(jx_project *p, unsigned flags, void *ud)
{
    audit_run *run = ud;
    if (run->prepared == JX_ERR_NOMEM) {
        fprintf(stderr, "jixiao: %s\n", jx_strerror(run->prepared));
        run->status.io_failed = 1;
        return;
    }
    jx_result rc = jx_audit_add(run->au, p, flags);
    if (rc == JX_OK)
        rc = jx_audit_writer_project(run->aw, p, flags);
    if (rc != JX_OK)
        audit_failed(run, rc);
}

/* Prints a diagnostic of the text between projects (after clearing the progress line). */
static void audit_diag(const jx_diag *d, void *ud)
{
    audit_run *run = ud;
    audit_progress_clear(&run->progress);
    jx_cli_print_diag(d);
}

/* Clears the progress line before the walk writes to stderr. */
static void audit_quiet(void *ud)
{
    audit_run *run = ud;
    jx_cli_input_flush(&run->input); /* the files before it first */
    audit_progress_clear(&run->progress);
}

/* Audits one file the walk found: a rule file, standard input ("-") or a table to import. */
static void audit_file(const char *path, void *ud)
{
    audit_run *run = ud;
    if (!jx_cli_walk_take(run->out, "audit", path, &run->refused, &run->input))
        return;
    jx_cli_read_input(&run->input, path);
    audit_progress_step(&run->progress);
}

/* The exit code of a finished run: I/O, then errors (input or findings), then warnings under --werror. */
static int audit_exit_code(audit_run *run)
{
    const jx_audit_summary *s = jx_audit_get_summary(run->au);
    size_t errors = s->findings[JX_SEV_ERROR];
    size_t warnings = s->findings[JX_SEV_WARNING];
    if (run->o->audit.min_severity <= JX_SEV_WARNING)
        warnings += run->policy_warnings + run->input.warnings + run->walk.warnings;
    return jx_cli_findings_exit(&run->status, errors, warnings, run->o->werror);
}

int jx_cli_audit(int argc, char **argv)
{
    if (audit_wants_review(argc, argv))
        return jx_cli_review(argc, argv);
    audit_opts o;
    int code = audit_parse_args(argc, argv, &o);
    if (code >= 0)
        return code;
    audit_run run;
    memset(&run, 0, sizeof run);
    run.o = &o;
    /* a report printed on the terminal shows the progress itself, and would be cut by the line */
    run.progress.tty = isatty(STDERR_FILENO) && (o.output || !isatty(STDOUT_FILENO));
    run.progress.start = audit_now();
    run.input = (jx_cli_input){.project = audit_project, .diag = audit_diag, .ud = &run, .status = &run.status,
                               .import = &o.import, .select = &o.select, .threads = o.threads,
                               .prepare = audit_prepare, .prepared = &run.prepared};
    run.walk = (jx_cli_walk){.file = audit_file, .quiet = audit_quiet, .ud = &run, .status = &run.status};
    code = jx_cli_open_policy("audit", o.policy, &run.pol);
    if (code >= 0)
        return code;
    for (size_t i = 0; i < jx_policy_diag_count(run.pol); i++) { /* a policy's warnings, e.g. level1-points */
        jx_cli_print_diag(jx_policy_diag(run.pol, i));
        run.policy_warnings++;
    }
    jx_cli_output of;
    const char *const tables[] = {o.policy, NULL};
    code = jx_cli_output_open(&of, "audit", o.output, o.files, o.nfiles, tables);
    if (code >= 0) {
        jx_policy_close(run.pol);
        return code;
    }
    run.out = &of;
    jx_result rc = jx_audit_create(&run.au, run.pol, &o.audit, NULL);
    if (rc == JX_OK) /* a share, also 0%: the flagged alone with --include-flagged */
        rc = jx_cli_sample_start(&o.sample, run.au);
    if (rc == JX_OK)
        rc = jx_audit_writer_create(&run.aw, run.au, o.format, jx_cli_output_write, of.fp, NULL);
    if (rc == JX_OK)
        rc = jx_audit_writer_set_flags(run.aw, o.flags);
    if (rc != JX_OK) {
        fprintf(stderr, "jixiao: %s\n", jx_strerror(rc));
        run.status.io_failed = 1;
    } else {
        for (int i = 0; i < o.nfiles; i++)
            jx_cli_walk_path(&run.walk, o.files[i]);
        jx_cli_input_flush(&run.input);
        audit_progress_clear(&run.progress);
        jx_cli_select_finish(&o.select, &run.status);
        rc = jx_audit_writer_finish(run.aw);
        if (rc != JX_OK)
            audit_failed(&run, rc);
    }
    code = run.refused ? run.refused : run.au ? audit_exit_code(&run) : jx_cli_exit_code(&run.status);
    code = jx_cli_report_close(&of, &run.status, run.refused, code);
    jx_audit_writer_destroy(run.aw);
    jx_audit_destroy(run.au);
    jx_policy_close(run.pol);
    jx_cli_input_free(&run.input);
    jx_cli_select_free(&o.select);
    return code;
}
