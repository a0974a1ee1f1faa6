/* review.c — `jixiao audit --review 复核表.csv FILE|DIR…`: the 复核 sheet of every project
 * read (rule files, or any table the importers read, found in folders as the audit finds
 * them: walk.c, input.c), scored and set against the reviewer's CSV. */
#include "cli.h"

#include <string.h>

static const char review_help[] =
    "用法：jixiao audit --review 复核表.csv [选项] 文件|目录…\n"
    "\n"
    "按复核表为每个项目出具复核表：每个指标的指标性质、指标值、单位、权重、自评完成值、\n"
    "自评得分（按评分办法重算）、复核完成值、复核得分、偏差、备注，以及自评与复核的总分和结论。\n"
    "\n"
    "复核表是 CSV 或制表符分隔文本（UTF-8、GB18030/GBK、UTF-16）、.xlsx 或 .xls，表头含 项目、\n"
    "三级指标、备注，以及 复核完成值、复核得分、扣分 中至少一列；同名项目可加 单位、主管部门\n"
    "区分，同名指标可加 一级指标、二级指标 区分。复核得分依次取：填写的复核得分；\n"
    "（按复核完成值计算的得分，或自评得分）减扣分；按复核完成值计算的得分；自评得分。\n"
    "同时填写的各项必须一致。扣分或复核得分低于自评得分而备注为空的行不予采用（报错）。\n"
    "没有复核行的指标，复核列沿用自评值。\n"
    "\n"
    "选项：\n"
    "  --review 文件       复核表（必需）\n"
    "  --encoding 编码     复核表文本的编码：utf-8、gb18030、gbk 或 utf-16，默认自动识别\n"
    "  --sheet 工作表      只读复核表工作簿中的这张工作表（名称或从 1 起的序号）\n"
    "  --policy 办法       评分办法：文件路径，或内置名称 default（财政部2020）、central（中央部门自评）\n";

static const char review_help_tail[] =
    "  --werror            复核表有警告时退出码为 1\n"
    "  --timestamp         在 xlsx 的文档属性里记下当前时间（默认用固定时间，同样的输入得到同样的字节）\n"
    "  -o 文件             写到文件（成功后才替换原文件；只有计分后的错误时也替换）；\n"
    "                      默认写到标准输出\n"
    "  --help              显示本帮助\n"
    "\n"
    "以 .jx 结尾（不分大小写）的文件和 - （标准输入）按规则文件读，其他文件按 jixiao import\n"
    "识别的表格读；文件夹与 audit 相同，按文件名的字节顺序逐层读取（跳过以 . 开头的名字，\n"
    "不进入文件夹中指向文件夹的符号链接）。\n"
    "有错误的项目不出复核表，错误输出到标准错误。\n"
    "退出码：0 成功（允许警告），1 输入有误或复核表有不予采用的行，2 用法错误，3 读写文件失败。\n";

/** The parsed command line. */
typedef struct review_opts {
    const char *review;  /* --review */
    jx_table_options table; /* --encoding and --sheet for it */
    const char *policy;  /* --policy, "default" when not given */
    const char *output;  /* -o, NULL for standard output */
    jx_format format;    /* --format */
    int werror;          /* --werror */
    unsigned flags;      /* JX_WRITE_TIMESTAMP with --timestamp */
    char **files;        /* the inputs */
    int nfiles;          /* how many */
} review_opts;

/** What the run needs and has seen. */
typedef struct review_run {
    jx_policy *pol;          /* the scoring policy */
    jx_review *rv;           /* the reviewer's CSV */
    jx_review_writer *rw;    /* the sheets */
    jx_cli_input input;      /* reads rule files and tables */
    jx_cli_walk walk;        /* finds the files in folders */
    jx_cli_status status;    /* I/O failures, invalid input */
    int scored_errors;       /* a project was reviewed with errors from scoring (weight-sum, qualitative-band) */
    size_t warnings;         /* warnings on the review handle */
    size_t printed;          /* review diagnostics already printed */
    int report_failed;       /* the sheets could not be written (said once) */
    jx_cli_output *out;      /* the sheets' file, passed over when a folder read holds it */
    int refused;             /* a file read is the output: the exit code, else 0 */
} review_run;

/** Options of `audit` that have no meaning for the 复核 sheet. */
static const char *const audit_only[] = {
    "--sample", "--seed", "--by", "--weight", "--include-flagged", "--min-severity",
};

/* Returns -1 when parsed, or the exit code to stop with. */
static int review_parse_args(int argc, char **argv, review_opts *o)
{
    memset(o, 0, sizeof *o);
    o->policy = "default";
    o->format = JX_FORMAT_TEXT;
    jx_cli_args args;
    jx_cli_args_start(&args, "audit", argc, argv);
    const char *a;
    while ((a = jx_cli_args_next(&args))) {
        if (jx_cli_is_help(a)) {
            jx_cli_print_help(review_help, JX_DOC_REVIEW, 22, review_help_tail);
            return JX_EXIT_OK;
        } else if (strcmp(a, "--werror") == 0) {
            o->werror = 1;
        } else if (strcmp(a, "--timestamp") == 0) {
            o->flags |= JX_WRITE_TIMESTAMP;
        } else if (jx_cli_option_text(&args, "--review", "复核表文件名", &o->review) ||
                   jx_cli_option_table(&args, &o->table) ||
                   jx_cli_option_text(&args, "--policy", "评分办法", &o->policy) ||
                   jx_cli_option_output(&args, &o->output)) {
            continue;
        } else if (jx_cli_option_format(&args, JX_DOC_REVIEW, &o->format)) {
            continue;
        } else {
            for (size_t k = 0; k < sizeof audit_only / sizeof audit_only[0]; k++) {
                size_t n = strlen(audit_only[k]);
                if (strncmp(a, audit_only[k], n) == 0 && (a[n] == '\0' || a[n] == '='))
                    return jx_cli_usage_error("audit", "%s 不能与 --review 一起使用", audit_only[k]);
            }
            return jx_cli_usage_error("audit", "未知选项“%s”", a);
        }
    }
    if (args.usage)
        return JX_EXIT_USAGE;
    o->files = args.files;
    o->nfiles = args.nfiles;
    if (!o->review)
        return jx_cli_usage_error("audit", "缺少 --review 复核表");
    if (o->nfiles == 0)
        return jx_cli_usage_error("audit", "没有给出要复核的文件");
    return -1;
}

/* Prints the review diagnostics found since the last call, counting the warnings. */
static void print_new_diags(review_run *run)
{
    size_t n = jx_review_diag_count(run->rv);
    for (; run->printed < n; run->printed++) {
        const jx_diag *d = jx_review_diag(run->rv, run->printed);
        jx_cli_print_diag(d);
        if (d->severity == JX_SEV_WARNING)
            run->warnings++;
    }
}

/* Notes that writing the sheets failed with rc, saying so the first time. */
static void review_write_failed(review_run *run, jx_result rc)
{
    jx_cli_report_failed(&run->status, &run->report_failed, rc);
}

/* Scores p, builds its sheet and writes it; a project with errors is only printed. Whether
 * p came from an imported table (flags) makes no difference to its sheet. */
static void review_project(jx_project *p, unsigned flags, void *ud)
{
    (void)flags;
    review_run *run = ud;
    if (jx_project_error_count(p) > 0) {
        for (size_t i = 0; i < jx_project_diag_count(p); i++)
            if (jx_project_diag(p, i)->severity == JX_SEV_ERROR)
                jx_cli_print_diag(jx_project_diag(p, i));
        run->status.invalid = 1;
        return;
    }
    jx_result rc = jx_score(p, run->pol);
    if (rc == JX_ERR_INPUT || jx_project_error_count(p) > 0) {
        /* value-range refuses the project; weight-sum and qualitative-band let it be scored
         * and reviewed, and fail the run once its sheets are written, as score does */
        for (size_t i = 0; i < jx_project_diag_count(p); i++)
            if (jx_project_diag(p, i)->severity == JX_SEV_ERROR)
                jx_cli_print_diag(jx_project_diag(p, i));
        if (rc == JX_ERR_INPUT) {
            run->status.invalid = 1;
            return;
        }
        run->scored_errors = 1;
    }
    if (rc == JX_OK)
        rc = jx_review_apply(run->rv, p);
    print_new_diags(run);
    if (rc == JX_ERR_INPUT) {
        run->status.invalid = 1;
        return;
    }
    if (rc != JX_OK) {
        fprintf(stderr, "%s:%u: error: 项目“%s”无法复核：%s\n", jx_project_file(p), (unsigned)jx_project_line(p),
                jx_project_name(p), jx_strerror(rc));
        run->status.io_failed = 1;
        return;
    }
    rc = jx_review_writer_sheet(run->rw, jx_review_sheet_get(run->rv));
    if (rc != JX_OK)
        review_write_failed(run, rc);
}

/* Reads one file the walk found: a rule file, standard input ("-") or a table to import. */
static void review_file(const char *path, void *ud)
{
    review_run *run = ud;
    int use = run->refused ? 0 : jx_cli_output_walked(run->out, "audit", path);
    if (use > 0)
        run->refused = use;
    if (use < 0)
        jx_cli_read_input(&run->input, path);
}

/* Opens the reviewer's CSV; returns -1 on success or the exit code. */
static int review_open_csv(const review_opts *o, review_run *run)
{
    jx_result rc = jx_review_open_table(&run->rv, o->review, &o->table, run->pol, NULL);
    if (rc == JX_OK)
        return -1;
    if (run->rv)
        print_new_diags(run);
    else
        fprintf(stderr, "jixiao: %s：%s\n", o->review, jx_strerror(rc));
    return rc == JX_ERR_INPUT ? JX_EXIT_INPUT : rc == JX_ERR_USAGE ? JX_EXIT_USAGE : JX_EXIT_IO;
}

/* Makes a project known to the 复核表 (the pass before reviewing). */
static void review_know(jx_project *p, unsigned flags, void *ud)
{
    review_run *run = ud;
    if (jx_review_know(run->rv, p) != JX_OK)
        run->status.io_failed = 1;
}

/* Leaves a diagnostic of the pass before reviewing unprinted: the review pass prints it. */
static void review_know_quiet(const jx_diag *d, void *ud)
{
}

/* Reads one file for the pass before reviewing; standard input is read once, in the review pass. */
static void review_know_file(const char *path, void *ud)
{
    review_run *run = ud;
    if (strcmp(path, "-") == 0 || run->refused)
        return;
    int use = jx_cli_output_walked(run->out, "audit", path);
    if (use > 0)
        run->refused = use;
    if (use < 0)
        jx_cli_read_input(&run->input, path);
}

/*
 * Makes every project of the inputs known before any is reviewed, so a row whose
 * project name several projects share is refused rather than applied to the first.
 */
static void review_know_all(const review_opts *o, review_run *run)
{
    jx_cli_status scratch = {0};
    run->input = (jx_cli_input){.project = review_know, .diag = review_know_quiet, .ud = run, .status = &scratch};
    jx_cli_walk walk = {.file = review_know_file, .ud = run, .status = &scratch};
    for (int i = 0; i < o->nfiles; i++)
        jx_cli_walk_path(&walk, o->files[i]);
    jx_cli_input_free(&run->input);
}

int jx_cli_review(int argc, char **argv)
{
    review_opts o;
    int code = review_parse_args(argc, argv, &o);
    if (code >= 0)
        return code;
    review_run run;
    memset(&run, 0, sizeof run);
    code = jx_cli_open_policy("audit", o.policy, &run.pol);
    if (code < 0)
        code = review_open_csv(&o, &run);
    jx_cli_output of;
    const char *const tables[] = {o.review, o.policy, NULL};
    if (code < 0)
        code = jx_cli_output_open(&of, "audit", o.output, o.files, o.nfiles, tables);
    if (code >= 0) {
        jx_review_close(run.rv);
        jx_policy_close(run.pol);
        return code;
    }
    run.out = &of;
    jx_result rc = jx_review_writer_create(&run.rw, o.format, jx_cli_output_write, of.fp, NULL);
    if (rc == JX_OK)
        rc = jx_review_writer_set_flags(run.rw, o.flags);
    int created = rc == JX_OK;
    if (!created) {
        fprintf(stderr, "jixiao: %s\n", jx_strerror(rc));
        run.status.io_failed = 1;
    } else {
        review_know_all(&o, &run);
    }
    if (created && !run.refused) { /* an input that is the output: nothing is reviewed */
        run.input = (jx_cli_input){.project = review_project, .ud = &run, .status = &run.status};
        run.walk = (jx_cli_walk){.file = review_file, .ud = &run, .status = &run.status};
        for (int i = 0; i < o.nfiles; i++)
            jx_cli_walk_path(&run.walk, o.files[i]);
        if (jx_review_finish(run.rv) != JX_OK)
            run.status.invalid = 1;
        print_new_diags(&run);
        rc = jx_review_writer_finish(run.rw);
        if (rc != JX_OK)
            review_write_failed(&run, rc);
    }
    if (o.werror && run.warnings > 0) {
        fprintf(stderr, "jixiao: 复核表有 %zu 个警告（--werror 视为错误）\n", run.warnings);
        run.status.invalid = 1;
    }
    code = run.refused ? run.refused : jx_cli_exit_code(&run.status);
    code = jx_cli_output_close(&of, code);
    if (code == JX_EXIT_OK && run.scored_errors)
        code = JX_EXIT_INPUT;
    jx_review_writer_destroy(run.rw);
    jx_review_close(run.rv);
    jx_policy_close(run.pol);
    jx_cli_input_free(&run.input);
    return code;
}
