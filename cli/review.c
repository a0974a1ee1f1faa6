/* review.c — `jixiao audit --review 复核表.csv FILE|DIR…`: the 复核 sheet of every project
 * read (rule files, or any table the importers read), scored and set against the
 * reviewer's CSV. */
#include "cli.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char review_help[] =
    "用法：jixiao audit --review 复核表.csv [选项] 文件|目录…\n"
    "\n"
    "按复核表为每个项目出具复核表：每个指标的指标性质、指标值、单位、权重、自评完成值、\n"
    "自评得分（按评分办法重算）、复核完成值、复核得分、偏差、备注，以及自评与复核的总分和结论。\n"
    "\n"
    "复核表是 CSV（UTF-8，可带 BOM），表头含 项目、三级指标、备注，以及 复核完成值、复核得分、\n"
    "扣分 中至少一列；同名指标可加 一级指标、二级指标 区分。复核得分依次取：填写的复核得分；\n"
    "（按复核完成值计算的得分，或自评得分）减扣分；按复核完成值计算的得分；自评得分。\n"
    "同时填写的各项必须一致。扣分或复核得分低于自评得分而备注为空的行不予采用（报错）。\n"
    "没有复核行的指标，复核列沿用自评值。\n"
    "\n"
    "选项：\n"
    "  --review 文件.csv   复核表（必需）\n"
    "  --policy 办法       评分办法：文件路径，或内置名称 default（财政部2020）、central（中央部门自评）\n"
    "  --format 格式       text（默认）、json 或 csv\n"
    "  --werror            复核表有警告时退出码为 1\n"
    "  -o 文件             写到文件（成功后才替换原文件）；默认写到标准输出\n"
    "  --help              显示本帮助\n"
    "\n"
    "以 .jx 结尾的文件和 - （标准输入）按规则文件读，其他文件按 jixiao import 识别的表格读；\n"
    "目录按文件名顺序逐个读其中的文件（含子目录，跳过以 . 开头的）。\n"
    "有错误的项目不出复核表，错误输出到标准错误。\n"
    "退出码：0 成功（允许警告），1 输入有误或复核表有不予采用的行，2 用法错误，3 读写文件失败。\n";

/** The parsed command line. */
typedef struct review_opts {
    const char *review;  /* --review */
    const char *policy;  /* --policy, "default" when not given */
    const char *output;  /* -o, NULL for standard output */
    jx_format format;    /* --format */
    int werror;          /* --werror */
    char **files;        /* the inputs */
    int nfiles;          /* how many */
} review_opts;

/** What the run needs and has seen. */
typedef struct review_run {
    jx_policy *pol;          /* the scoring policy */
    jx_review *rv;           /* the reviewer's CSV */
    jx_review_writer *rw;    /* the sheets */
    jx_cli_status status;    /* I/O failures, invalid input */
    size_t warnings;         /* warnings on the review handle */
    size_t printed;          /* review diagnostics already printed */
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
        const char *v = NULL;
        if (jx_cli_is_help(a)) {
            fputs(review_help, stdout);
            return JX_EXIT_OK;
        } else if (strcmp(a, "--werror") == 0) {
            o->werror = 1;
        } else if (jx_cli_option_text(&args, "--review", "复核表文件名", &o->review) ||
                   jx_cli_option_text(&args, "--policy", "评分办法", &o->policy) ||
                   jx_cli_option_output(&args, &o->output)) {
            continue;
        } else if (jx_cli_option_value(&args, "--format", &v)) {
            if (!v)
                return jx_cli_usage_error("audit", "--format 缺少格式");
            if (jx_format_parse(v, &o->format) != JX_OK ||
                (o->format != JX_FORMAT_TEXT && o->format != JX_FORMAT_JSON && o->format != JX_FORMAT_CSV))
                return jx_cli_usage_error("audit", "未知的输出格式“%s”，可用 text、json、csv", v);
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

/* Scores p, builds its sheet and writes it; a project with errors is only printed. */
static void review_project(jx_project *p, void *ud)
{
    review_run *run = ud;
    if (jx_project_error_count(p) > 0) {
        for (size_t i = 0; i < jx_project_diag_count(p); i++)
            if (jx_project_diag(p, i)->severity == JX_SEV_ERROR)
                jx_cli_print_diag(jx_project_diag(p, i));
        run->status.invalid = 1;
        return;
    }
    jx_result rc = jx_score(p, run->pol);
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
    if (jx_review_writer_sheet(run->rw, jx_review_sheet_get(run->rv)) != JX_OK)
        run->status.io_failed = 1;
}

/** Text an import writes, gathered in memory. */
typedef struct mem_text {
    char *s;    /* the bytes */
    size_t len; /* how many */
    size_t cap; /* allocated */
    int oom;    /* memory ran out */
} mem_text;

/* A jx_write_fn appending to the mem_text in ud. */
static size_t mem_write(void *ud, const char *data, size_t len)
{
    mem_text *m = ud;
    if (m->cap - m->len < len) {
        size_t ncap = m->cap ? m->cap : 65536;
        while (ncap - m->len < len)
            ncap *= 2;
        char *ns = realloc(m->s, ncap);
        if (!ns) {
            m->oom = 1;
            return 0;
        }
        m->s = ns;
        m->cap = ncap;
    }
    memcpy(m->s + m->len, data, len);
    m->len += len;
    return len;
}

/* Reads the projects of a rule text in memory, named path in diagnostics. */
static void read_memory(const char *path, const mem_text *m, review_run *run)
{
    jx_reader *rd = NULL;
    jx_result rc = jx_reader_open_memory(&rd, path, m->s ? m->s : "", m->len, NULL);
    for (;;) {
        jx_project *p = NULL;
        if (rc == JX_OK)
            rc = jx_reader_next(rd, &p);
        if (rc == JX_DONE)
            break;
        if (rc == JX_ROW) {
            review_project(p, run);
            rc = JX_OK;
            continue;
        }
        for (size_t i = 0; rd && i < jx_reader_diag_count(rd); i++)
            jx_cli_print_diag(jx_reader_diag(rd, i));
        if (rc != JX_ERR_INPUT) {
            fprintf(stderr, "%s: error: %s\n", path, jx_strerror(rc));
            run->status.io_failed = 1;
            break;
        }
        run->status.invalid = 1;
        rc = JX_OK;
    }
    jx_reader_close(rd);
}

/* Imports the table at path into rule text and reads its projects; the table's errors
 * and warnings are printed (the rows skipped on purpose are not). */
static void read_table(const char *path, review_run *run)
{
    jx_import *imp = NULL;
    mem_text m = {NULL, 0, 0, 0};
    jx_result rc = jx_import_open(&imp, path, NULL, NULL);
    if (rc == JX_OK)
        rc = jx_import_run(imp, mem_write, &m);
    size_t shown = 0;
    for (size_t i = 0; i < jx_import_diag_count(imp); i++) {
        const jx_diag *d = jx_import_diag(imp, i);
        if (d->severity != JX_SEV_NOTE) {
            jx_cli_print_diag(d);
            shown++;
        }
    }
    if (rc == JX_OK) {
        read_memory(path, &m, run);
    } else if (rc == JX_ERR_INPUT) {
        run->status.invalid = 1;
        if (m.len > 0) /* the table was read, with errors in some rows */
            read_memory(path, &m, run);
    } else {
        if (shown == 0)
            fprintf(stderr, "%s: error: %s\n", path, jx_strerror(m.oom ? JX_ERR_NOMEM : rc));
        run->status.io_failed = 1;
    }
    free(m.s);
    jx_import_close(imp);
}

/* True when path names a rule file: "-" or a name ending in .jx. */
static int is_rule_file(const char *path)
{
    size_t n = strlen(path);
    return strcmp(path, "-") == 0 || (n > 3 && strcmp(path + n - 3, ".jx") == 0);
}

/* Orders directory entries by name, byte by byte, the same on every machine. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Skips "." and ".." and hidden entries. */
static int visible(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static void read_input(const char *path, review_run *run);

/* Reads every visible entry of the directory at path, in name order. */
static void read_dir(const char *path, review_run *run)
{
    struct dirent **list = NULL;
    int n = scandir(path, &list, visible, by_name);
    if (n < 0) {
        fprintf(stderr, "%s: error: 无法读取目录\n", path);
        run->status.io_failed = 1;
        return;
    }
    size_t plen = strlen(path);
    for (int i = 0; i < n; i++) {
        size_t elen = strlen(list[i]->d_name);
        char *child = malloc(plen + elen + 2);
        if (child) {
            memcpy(child, path, plen);
            size_t k = plen;
            if (k == 0 || path[k - 1] != '/')
                child[k++] = '/';
            memcpy(child + k, list[i]->d_name, elen + 1);
            read_input(child, run);
            free(child);
        } else {
            fprintf(stderr, "jixiao: %s\n", jx_strerror(JX_ERR_NOMEM));
            run->status.io_failed = 1;
        }
        free(list[i]);
    }
    free(list);
}

/* Reads one argument: a directory, a rule file or a table to import. */
static void read_input(const char *path, review_run *run)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        read_dir(path, run);
        return;
    }
    if (is_rule_file(path)) {
        jx_cli_reading r = {review_project, NULL, run};
        jx_cli_read_projects(path, &r, &run->status);
        return;
    }
    read_table(path, run);
}

/* Opens the policy; returns -1 on success or the exit code. */
static int review_open_policy(const char *name, jx_policy **pol)
{
    jx_result rc = jx_policy_open(pol, name, NULL);
    if (rc == JX_OK)
        return -1;
    size_t n = *pol ? jx_policy_diag_count(*pol) : 0;
    for (size_t i = 0; i < n; i++)
        jx_cli_print_diag(jx_policy_diag(*pol, i));
    jx_policy_close(*pol);
    *pol = NULL;
    if (rc == JX_ERR_NOTFOUND)
        return n > 0 ? JX_EXIT_USAGE : jx_cli_usage_error("audit", "找不到评分办法“%s”", name);
    if (rc == JX_ERR_IO) {
        if (n == 0)
            fprintf(stderr, "jixiao: 无法读取评分办法“%s”\n", name);
        return JX_EXIT_IO;
    }
    if (n == 0)
        fprintf(stderr, "jixiao: 评分办法“%s”：%s\n", name, jx_strerror(rc));
    return JX_EXIT_INPUT;
}

/* Opens the reviewer's CSV; returns -1 on success or the exit code. */
static int review_open_csv(const review_opts *o, review_run *run)
{
    jx_result rc = jx_review_open(&run->rv, o->review, run->pol, NULL);
    if (rc == JX_OK)
        return -1;
    if (run->rv)
        print_new_diags(run);
    else
        fprintf(stderr, "jixiao: %s：%s\n", o->review, jx_strerror(rc));
    return rc == JX_ERR_INPUT ? JX_EXIT_INPUT : JX_EXIT_IO;
}

int jx_cli_review(int argc, char **argv)
{
    review_opts o;
    int code = review_parse_args(argc, argv, &o);
    if (code >= 0)
        return code;
    review_run run;
    memset(&run, 0, sizeof run);
    code = review_open_policy(o.policy, &run.pol);
    if (code < 0)
        code = review_open_csv(&o, &run);
    jx_cli_output of;
    if (code < 0)
        code = jx_cli_output_open(&of, o.output);
    if (code >= 0) {
        jx_review_close(run.rv);
        jx_policy_close(run.pol);
        return code;
    }
    jx_result rc = jx_review_writer_create(&run.rw, o.format, jx_cli_output_write, of.fp, NULL);
    if (rc != JX_OK) {
        fprintf(stderr, "jixiao: %s\n", jx_strerror(rc));
        run.status.io_failed = 1;
    } else {
        for (int i = 0; i < o.nfiles; i++)
            read_input(o.files[i], &run);
        if (jx_review_finish(run.rv) != JX_OK)
            run.status.invalid = 1;
        print_new_diags(&run);
        if (jx_review_writer_finish(run.rw) != JX_OK)
            run.status.io_failed = 1;
    }
    if (o.werror && run.warnings > 0) {
        fprintf(stderr, "jixiao: 复核表有 %zu 个警告（--werror 视为错误）\n", run.warnings);
        run.status.invalid = 1;
    }
    code = jx_cli_exit_code(&run.status);
    code = jx_cli_output_close(&of, code);
    jx_review_writer_destroy(run.rw);
    jx_review_close(run.rv);
    jx_policy_close(run.pol);
    return code;
}
