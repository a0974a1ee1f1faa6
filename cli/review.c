/* SPDX-License-Identifier: MIT */
/* review.c — `jixiao audit --review 复核表.csv FILE|DIR…`: the 复核 sheet of every project
 * read (rule files, or any table the importers read, found in folders as the audit finds
 * them: walk.c, input.c) that the reviewer's table has rows for, scored and set against
 * them; with --sample, the sheets of the 抽查 sample instead. `audit --review-template`
 * writes the table for the reviewer to fill, for every project or the sample's. */
#include "cli.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
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
    "  --review 文件       复核表（与 --review-template 二选一）；只为复核表中有行的项目出复核表\n"
    "  --review-template   输出供复核人填写的复核表模板（--format csv 或 xlsx，默认 csv）：每个指标一行，\n"
    "                      项目至三级指标、年度指标值、实际完成值、填报得分、重算得分供核对，\n"
    "                      复核完成值、复核得分、扣分、备注待填；可直接用作 --review 的复核表\n"
    "  --sample N|N%       只复核抽查样本中的项目（须同时给出 --seed；--by、--weight、\n"
    "                      --include-flagged 同 audit）；抽中而复核表中没有行的项目也出复核表，注明尚未复核\n"
    "  --seed S            抽查的种子\n"
    "  --encoding 编码     复核表文本的编码：utf-8、gb18030、gbk 或 utf-16，默认自动识别\n"
    "  --sheet 工作表      只读复核表工作簿中的这张工作表（名称或从 1 起的序号）\n"
    "  --policy 办法       评分办法：文件路径，或内置名称 default（财政部2020）、central（中央部门自评）\n";

static const char review_help_tail[] =
    "  --project 名称      只复核这个项目（可重复；几个单位有同名项目时写 单位/项目名称）\n"
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
    int template_only;   /* --review-template: the reviewer's table to fill, no review read */
    int format_given;    /* --format was given */
    jx_audit_options audit; /* the 抽查 options */
    jx_cli_sample sample;   /* …as read, into audit */
    jx_table_options table; /* --encoding and --sheet for it */
    const char *policy;  /* --policy, "default" when not given */
    const char *output;  /* -o, NULL for standard output */
    jx_format format;    /* --format */
    int werror;          /* --werror */
    unsigned flags;      /* JX_WRITE_TIMESTAMP with --timestamp */
    char **files;        /* the inputs */
    int nfiles;          /* how many */
    jx_cli_select select; /* --project: the projects reviewed and known, in both passes */
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
    jx_audit *au;            /* with --sample: the audit that draws it, in the pass before reviewing */
    unsigned char *picked;   /* with --sample: per project in reading order, 1 when it is in the sample */
    size_t npicked;          /* projects picked is over (all the projects read) */
    size_t ordinal;          /* projects read so far in the reviewing pass */
    int template_only;       /* --review-template: every project's (or the sample's) table to fill */
} review_run;

/** Options of `audit` that have no meaning for the 复核 sheet. */
static const char *const audit_only[] = {
    "--min-severity",
};

/* Returns -1 when parsed, or the exit code to stop with. */
static int review_parse_args(int argc, char **argv, review_opts *o)
{
    memset(o, 0, sizeof *o);
    o->policy = "default";
    o->format = JX_FORMAT_TEXT;
    o->sample.audit = &o->audit;
    jx_cli_args args;
    jx_cli_args_start(&args, "audit", argc, argv);
    const char *a;
    int code = -1;
    while ((a = jx_cli_args_next(&args))) {
        if (jx_cli_is_help(a)) {
            jx_cli_print_help(review_help, JX_DOC_REVIEW, 22, review_help_tail);
            return JX_EXIT_OK;
        } else if (strcmp(a, "--werror") == 0) {
            o->werror = 1;
        } else if (strcmp(a, "--timestamp") == 0) {
            o->flags |= JX_WRITE_TIMESTAMP;
        } else if (strcmp(a, "--review-template") == 0) {
            o->template_only = 1;
        } else if (jx_cli_option_sample(&args, a, &o->sample, &code)) {
            if (code >= 0)
                return code;
        } else if (jx_cli_option_text(&args, "--review", "复核表文件名", &o->review) ||
                   jx_cli_option_table(&args, &o->table) ||
                   jx_cli_option_text(&args, "--policy", "评分办法", &o->policy) ||
                   jx_cli_option_output(&args, &o->output) || jx_cli_option_project(&args, &o->select)) {
            continue;
        } else if (jx_cli_option_format(&args, JX_DOC_REVIEW, &o->format)) {
            o->format_given = 1;
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
    if (o->template_only && o->review)
        return jx_cli_usage_error("audit", "--review 与 --review-template 不能一起使用：模板是给复核人填写的，填好后再用 --review 读入");
    if (o->template_only && !o->format_given)
        o->format = JX_FORMAT_CSV;
    if (o->template_only && o->format != JX_FORMAT_CSV && o->format != JX_FORMAT_XLSX)
        return jx_cli_usage_error("audit", "--review-template 只能输出 csv 或 xlsx");
    if (!o->review && !o->template_only)
        return jx_cli_usage_error("audit", "缺少 --review 复核表");
    code = jx_cli_sample_check(&o->sample);
    if (code >= 0)
        return code;
    if (o->nfiles == 0)
        return jx_cli_usage_error("audit", "没有给出要复核的文件");
    for (int i = 0; o->sample.given && i < o->nfiles; i++)
        if (strcmp(o->files[i], "-") == 0) /* the pass that draws the sample cannot read it again */
            return jx_cli_usage_error("audit", "--sample 与 --review 或 --review-template 一起使用时不能从标准输入读取");
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

/*
 * Whether sheet s (of p, the k-th project read) is written: with --sample when the project
 * is in the sample, reviewed or not (its sheet then says it is not); without, when the
 * reviewer's table has rows for it; every one (or the sample's) for the template. A project
 * left out of the sample whose rows the table has is said on stderr (a warning): its rows
 * were checked, but make no sheet.
 */
static bool review_wanted(review_run *run, const jx_project *p, const jx_review_sheet *s, size_t k)
{
    if (!run->picked)
        return run->template_only || s->reviewed > 0;
    bool in = k < run->npicked && run->picked[k];
    if (!in && s->reviewed > 0) {
        fprintf(stderr, "%s:%u: warning: 项目“%s”不在抽查样本中，复核表中它的 %zu 个指标的复核行不出复核表\n",
                jx_project_file(p), (unsigned)jx_project_line(p), jx_project_name(p), s->reviewed);
        run->warnings++;
    }
    return in;
}

/* Scores p, builds its sheet and writes it when it is wanted (review_wanted); a project
 * with errors is only printed. Whether p came from an imported table (flags) makes no
 * difference to its sheet. */
static void review_project(jx_project *p, unsigned flags, void *ud)
{
    (void)flags;
    review_run *run = ud;
    size_t k = run->ordinal++; /* the projects come in the order the sample was drawn over */
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
    const jx_review_sheet *s = jx_review_sheet_get(run->rv);
    if (!review_wanted(run, p, s, k))
        return;
    rc = jx_review_writer_sheet(run->rw, s);
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

/* Opens the reviewer's CSV (none for the template); returns -1 on success or the exit code. */
static int review_open_csv(const review_opts *o, review_run *run)
{
    jx_result rc = o->template_only ? jx_review_open_blank(&run->rv, run->pol, NULL)
                                    : jx_review_open_table(&run->rv, o->review, &o->table, run->pol, NULL);
    if (rc == JX_OK)
        return -1;
    if (run->rv)
        print_new_diags(run);
    else
        fprintf(stderr, "jixiao: %s：%s\n", o->review, jx_strerror(rc));
    return rc == JX_ERR_INPUT ? JX_EXIT_INPUT : rc == JX_ERR_USAGE ? JX_EXIT_USAGE : JX_EXIT_IO;
}

/* Makes a project known to the 复核表 (the pass before reviewing) and, with --sample, adds
 * it to the audit that draws the sample: scored unless it has errors, as audit does. */
static void review_know(jx_project *p, unsigned flags, void *ud)
{
    review_run *run = ud;
    if (jx_review_know(run->rv, p) != JX_OK)
        run->status.io_failed = 1;
    if (!run->au)
        return;
    if (jx_project_error_count(p) == 0 && jx_score(p, run->pol) == JX_ERR_NOMEM)
        run->status.io_failed = 1;
    if (jx_audit_add(run->au, p, flags) != JX_OK)
        run->status.io_failed = 1;
}

/* Draws the sample over the projects the pass before reviewing added: run->picked[k] is 1
 * for the k-th project read when it is picked. Returns -1, or the exit code to stop with. */
static int review_draw(review_run *run)
{
    jx_result rc = jx_audit_finish(run->au);
    const jx_audit_summary *sum = jx_audit_get_summary(run->au);
    size_t n = sum->projects;
    if (rc == JX_OK && n > 0) {
        run->picked = calloc(n, 1);
        if (!run->picked)
            rc = JX_ERR_NOMEM;
    }
    if (rc != JX_OK) {
        fprintf(stderr, "jixiao: %s\n", jx_strerror(rc));
        return JX_EXIT_IO;
    }
    run->npicked = n;
    for (size_t i = 0; i < jx_audit_pick_count(run->au); i++) {
        const jx_audit_pick *pk = jx_audit_picked(run->au, i);
        assert(pk->index < n);
        run->picked[pk->index] = 1;
    }
    return -1;
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
static void review_know_all(review_opts *o, review_run *run)
{
    jx_cli_status scratch = {0};
    run->input = (jx_cli_input){
        .project = review_know, .diag = review_know_quiet, .ud = run, .status = &scratch, .select = &o->select};
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
    const char *const tables[] = {o.policy, o.review, NULL}; /* no 复核表 for the template */
    if (code < 0)
        code = jx_cli_output_open(&of, "audit", o.output, o.files, o.nfiles, tables);
    if (code >= 0) {
        jx_review_close(run.rv);
        jx_policy_close(run.pol);
        return code;
    }
    run.out = &of;
    run.template_only = o.template_only;
    jx_cli_output_sheets(o.format);
    jx_result rc = jx_review_writer_create(&run.rw, o.format, jx_cli_output_write, of.fp, NULL);
    if (rc == JX_OK)
        rc = jx_review_writer_set_flags(run.rw, o.flags);
    if (rc == JX_OK && o.template_only)
        rc = jx_review_writer_set_template(run.rw);
    if (rc == JX_OK && o.sample.given) {
        rc = jx_audit_create(&run.au, run.pol, &o.audit, NULL);
        if (rc == JX_OK)
            rc = jx_cli_sample_start(&o.sample, run.au);
    }
    int created = rc == JX_OK;
    if (!created) {
        fprintf(stderr, "jixiao: %s\n", jx_strerror(rc));
        run.status.io_failed = 1;
    } else if (!o.template_only || run.au) { /* the blank template's handle needs no project known */
        review_know_all(&o, &run);
        if (run.au && !run.refused && review_draw(&run) >= 0)
            run.status.io_failed = 1;
    }
    if (created && !run.refused) { /* an input that is the output: nothing is reviewed */
        run.input =
            (jx_cli_input){.project = review_project, .ud = &run, .status = &run.status, .select = &o.select};
        run.walk = (jx_cli_walk){.file = review_file, .ud = &run, .status = &run.status};
        for (int i = 0; i < o.nfiles; i++)
            jx_cli_walk_path(&run.walk, o.files[i]);
        jx_cli_select_finish(&o.select, &run.status);
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
    jx_audit_destroy(run.au);
    free(run.picked);
    jx_policy_close(run.pol);
    jx_cli_input_free(&run.input);
    jx_cli_select_free(&o.select);
    return code;
}
