/* SPDX-License-Identifier: MIT */
/* score.c — `jixiao score`: stream projects, apply actuals, score, write a report. */
#include "cli.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char score_help[] =
    "用法：jixiao score [选项] 文件…\n"
    "\n"
    "按评分办法为每个项目计分，输出项目支出绩效自评表。\n"
    "语法错误和超出范围的数值输出到标准错误（该项目不计分）；警告写在报告里。\n"
    "权重合计不等于满分、定性自评得分不在评定区间，是计分后的错误：项目照样计分、写入报告\n"
    "（权重合计不符时不评定自评结论），错误同时输出到标准错误，退出码为 1。\n"
    "\n"
    "选项：\n"
    "  --policy 办法       评分办法：文件路径，或内置名称 default（财政部2020）、central（中央部门自评）\n"
    "  --actuals 文件      从表格读实际完成值：CSV、制表符分隔文本（UTF-8、GB18030/GBK、\n"
    "                      UTF-16）、.xlsx 或 .xls；列：项目、三级指标、实际完成值，可选 单位、\n"
    "                      主管部门、一级指标、二级指标、偏差原因、评定、得分\n"
    "  --encoding 编码     实际完成值文本的编码：utf-8、gb18030、gbk 或 utf-16，默认自动识别\n"
    "  --sheet 工作表      只读实际完成值工作簿中的这张工作表（名称或从 1 起的序号）；\n"
    "                      默认读表头可识别的每张工作表\n";

static const char score_help_tail[] =
    "  --explain           在自评表后列出每个指标的计分过程\n"
    "  --findings 方式     appendix（默认）：每张自评表后附检查发现；none：不附，得到可报送的\n"
    "                      自评表，检查发现改写到标准错误（退出码不变）；json、csv 不受影响\n"
    "  --project 名称      只计这个项目（可重复；几个单位有同名项目时写 单位/项目名称）\n"
    "  --from 格式         按这种表格格式读入文件（如 json：score --format json 的输出），经导入后\n"
    "                      计分；不给时 .jx 文件按规则语言读，其他文件按 jixiao import 识别的格式读\n"
    "  --werror            有警告时退出码为 1\n"
    "  -j 线程数           用几个线程读入和计分（默认 1）；输出与单线程的逐字节相同\n"
    "  --timestamp         在 xlsx 的文档属性里记下当前时间（默认用固定时间，同样的输入得到同样的字节）\n"
    "  -o 文件             写到文件（成功后才替换原文件；只有计分后的错误时也替换）；\n"
    "                      默认写到标准输出\n"
    "  --help              显示本帮助\n"
    "\n"
    "文件名为 - 时读标准输入。\n"
    "退出码：0 成功（允许警告），1 输入有误，2 用法错误，3 读写文件失败。\n";

/** The parsed command line. */
typedef struct score_opts {
    const char *policy;  /* --policy, "default" when not given */
    const char *actuals; /* --actuals, NULL when not given */
    jx_table_options table; /* --encoding and --sheet for the actuals */
    const char *output;  /* -o, NULL for standard output */
    jx_format format;    /* --format */
    unsigned flags;      /* JX_WRITE_* */
    int werror;          /* --werror */
    char **files;        /* the input files */
    int nfiles;          /* how many */
    jx_cli_select select; /* --project */
    jx_import_options import; /* --from: the files read through the importer in that format */
    unsigned threads;    /* -j */
} score_opts;

/** What a run has seen, deciding its exit code. */
typedef struct score_state {
    jx_cli_status status;   /* a file could not be read or written; syntax, actuals or policy errors */
    int scored_errors;      /* a project was scored and written with errors (weight-sum, qualitative-band) */
    size_t warnings;        /* warnings in the scored projects */
    size_t actuals_printed; /* actuals diagnostics already printed */
    int report_failed;      /* the report could not be written (said once) */
    jx_actuals *act;        /* the actuals, for the pass that makes projects known */
} score_state;

/* Notes that writing the report failed with rc, saying so the first time. */
static void report_failed(score_state *st, jx_result rc)
{
    jx_cli_report_failed(&st->status, &st->report_failed, rc);
}

/* Returns -1 when parsed, or the exit code to stop with. */
static int parse_args(int argc, char **argv, score_opts *o)
{
    memset(o, 0, sizeof *o);
    o->policy = "default";
    o->format = JX_FORMAT_TEXT;
    jx_cli_args args;
    jx_cli_args_start(&args, "score", argc, argv);
    const char *a, *findings = NULL;
    while ((a = jx_cli_args_next(&args))) {
        if (jx_cli_is_help(a)) {
            jx_cli_print_help(score_help, JX_DOC_FORM, 22, score_help_tail);
            return JX_EXIT_OK;
        } else if (strcmp(a, "--explain") == 0) {
            o->flags |= JX_WRITE_EXPLAIN;
        } else if (strcmp(a, "--werror") == 0) {
            o->werror = 1;
        } else if (strcmp(a, "--timestamp") == 0) {
            o->flags |= JX_WRITE_TIMESTAMP;
        } else if (jx_cli_option_text(&args, "--policy", "评分办法", &o->policy) ||
                   jx_cli_option_text(&args, "--actuals", "文件名", &o->actuals) ||
                   jx_cli_option_table(&args, &o->table) ||
                   jx_cli_option_output(&args, &o->output) || jx_cli_option_project(&args, &o->select) ||
                   jx_cli_option_jobs(&args, &o->threads)) {
            continue;
        } else if (jx_cli_option_text(&args, "--findings", "方式（appendix 或 none）", &findings)) {
            continue;
        } else if (jx_cli_option_text(&args, "--from", "表格格式", &o->import.format)) {
            if (o->import.format && !jx_import_format_title(o->import.format))
                return jx_cli_usage_error("score", "未知的表格格式“%s”（jixiao import --help 列出各种格式）",
                                          o->import.format);
            continue;
        } else if (jx_cli_option_format(&args, JX_DOC_FORM, &o->format)) {
            continue;
        } else {
            return jx_cli_usage_error("score", "未知选项“%s”", a);
        }
    }
    if (args.usage)
        return JX_EXIT_USAGE;
    if (findings && strcmp(findings, "none") == 0)
        o->flags |= JX_WRITE_NO_FINDINGS;
    else if (findings && strcmp(findings, "appendix") != 0)
        return jx_cli_usage_error("score", "未知的 --findings 方式“%s”，可用 appendix、none", findings);
    o->files = args.files;
    o->nfiles = args.nfiles;
    if (o->nfiles == 0)
        return jx_cli_usage_error("score", "没有给出要计分的文件");
    if ((o->table.encoding || o->table.sheet) && !o->actuals)
        return jx_cli_usage_error("score", "--encoding 和 --sheet 只用于 --actuals 的表格");
    return -1;
}

static void print_new_actuals_diags(const jx_actuals *act, score_state *st)
{
    size_t n = jx_actuals_diag_count(act);
    for (; st->actuals_printed < n; st->actuals_printed++)
        jx_cli_print_diag(jx_actuals_diag(act, st->actuals_printed));
}

/*
 * With -j and a format that renders projects apart (all but xlsx, jx and template:
 * jx_writer_renders_apart),
 * each project is also rendered where it was scored, its bytes attached to it
 * (jx_project_set_user_data) until score_project writes them in order
 * (jx_writer_project_rendered); the reader releases them with the project, back to a
 * pool the next project's rendering takes them from. So a run allocates as many
 * buffers as projects are out at once, not one a project: rendered on one thread and
 * released on another, they would otherwise go back and forth through malloc, which
 * returns such memory to the system and faults it in again.
 */
typedef struct score_rendered {
    char *s;                     /* the bytes */
    size_t n, cap;               /* their length and the room */
    jx_result rc;                /* jx_writer_render's result */
    struct rendered_pool *pool;  /* where it goes back */
    struct score_rendered *next; /* in the pool */
} score_rendered;

/* The buffers released, for the next projects. */
typedef struct rendered_pool {
    pthread_mutex_t mu;
    score_rendered *top; /* a stack through next, under mu */
} rendered_pool;

/* A buffer larger than this (a project of thousands of indicators) is freed, not kept. */
#define RENDERED_KEPT_MAX ((size_t)1 << 20)

/* An empty buffer: from the pool when it has one; NULL when memory ran out. */
static score_rendered *rendered_take(rendered_pool *pool)
{
    pthread_mutex_lock(&pool->mu);
    score_rendered *r = pool->top;
    if (r)
        pool->top = r->next;
    pthread_mutex_unlock(&pool->mu);
    if (!r && !(r = calloc(1, sizeof *r)))
        return NULL;
    r->n = 0;
    r->rc = JX_OK;
    r->pool = pool;
    return r;
}

static void rendered_free(void *data)
{
    score_rendered *r = data;
    if (r->cap > RENDERED_KEPT_MAX) {
        free(r->s);
        r->s = NULL;
        r->cap = 0;
    }
    rendered_pool *pool = r->pool;
    pthread_mutex_lock(&pool->mu);
    r->next = pool->top;
    pool->top = r;
    pthread_mutex_unlock(&pool->mu);
}

/* Frees the pool's buffers, once every project is released. */
static void rendered_pool_free(rendered_pool *pool)
{
    for (score_rendered *r = pool->top, *next; r; r = next) {
        next = r->next;
        free(r->s);
        free(r);
    }
    pool->top = NULL;
    pthread_mutex_destroy(&pool->mu);
}

/* A jx_write_fn appending to the score_rendered ud. */
static size_t rendered_append(void *ud, const char *data, size_t len)
{
    score_rendered *r = ud;
    if (r->cap - r->n < len) {
        size_t cap = r->cap * 2 + len + 4096;
        char *s = realloc(r->s, cap);
        if (!s)
            return 0;
        r->s = s;
        r->cap = cap;
    }
    memcpy(r->s + r->n, data, len);
    r->n += len;
    return len;
}

/** What score_project needs besides the project. */
typedef struct score_run {
    jx_policy *pol;    /* the scoring policy */
    jx_actuals *act;   /* the actuals, NULL when not given */
    jx_writer *wr;     /* the report */
    score_state *st;   /* what the run has seen */
    int quiet_report;  /* --findings none: the report holds no findings, standard error has them */
    int prescored;     /* score_prepare scored each project where it was parsed (no actuals) */
    jx_result prepared; /* its result on the project being handed over */
    int render;        /* -j with a format rendered apart: each project rendered where it was scored */
    rendered_pool *pool; /* then the buffers of its bytes */
} score_run;

/* Prints p's diagnostics of severity at least min on standard error. */
static void print_project_diags(const jx_project *p, jx_severity min)
{
    for (size_t i = 0; i < jx_project_diag_count(p); i++)
        if (jx_project_diag(p, i)->severity >= min)
            jx_cli_print_diag(jx_project_diag(p, i));
}

/* Writes p to the report: the bytes rendered where it was scored, when there are any. */
static jx_result score_write(const score_run *run, const jx_project *p)
{
    const score_rendered *r = run->render ? jx_project_user_data(p) : NULL;
    if (!r)
        return jx_writer_project(run->wr, p);
    return r->rc == JX_OK ? jx_writer_project_rendered(run->wr, p, r->s, r->n) : r->rc;
}

/*
 * Applies the actuals to p, scores it and writes it to the report. A project with
 * errors before scoring (syntax) or from it that leave it unscored (value-range) is only
 * printed. Errors jx_score adds to a project it still scores (weight-sum,
 * qualitative-band) are printed too, the project is written, and the run fails.
 */
static void score_project(jx_project *p, void *ud)
{
    const score_run *run = ud;
    score_state *st = run->st;
    jx_result rc = run->prepared;
    if (run->prescored)
        goto scored;
    if (jx_project_error_count(p) > 0) {
        for (size_t i = 0; i < jx_project_diag_count(p); i++)
            jx_cli_print_diag(jx_project_diag(p, i));
        st->status.invalid = 1;
        return;
    }
    if (run->act) {
        rc = jx_actuals_apply(run->act, p);
        print_new_actuals_diags(run->act, st);
        if (rc == JX_ERR_NOMEM) {
            fprintf(stderr, "jixiao: %s\n", jx_strerror(rc));
            st->status.io_failed = 1;
            return;
        }
        if (rc != JX_OK)
            st->status.invalid = 1;
    }
    rc = jx_score(p, run->pol);
scored:
    if (rc == JX_ERR_INPUT && jx_project_error_count(p) > 0) {
        print_project_diags(p, JX_SEV_NOTE);
        st->status.invalid = 1;
        return;
    }
    if (rc != JX_OK) {
        fprintf(stderr, "%s:%u: error: 项目“%s”无法计分：%s\n", jx_project_file(p), (unsigned)jx_project_line(p),
                jx_project_name(p), jx_strerror(rc));
        st->status.invalid = 1;
        return;
    }
    for (size_t i = 0; i < jx_project_diag_count(p); i++)
        if (jx_project_diag(p, i)->severity == JX_SEV_WARNING)
            st->warnings++;
    if (jx_project_error_count(p) > 0)
        st->scored_errors = 1;
    if (run->quiet_report)
        print_project_diags(p, JX_SEV_NOTE);
    else if (jx_project_error_count(p) > 0)
        print_project_diags(p, JX_SEV_ERROR);
    rc = score_write(run, p);
    if (rc != JX_OK)
        report_failed(st, rc);
}

/* Scores p where it was parsed, when no actuals are to be applied first (-j). A project
 * with the parser's errors is left unscored: jx_score returns JX_ERR_INPUT for it, as
 * score_project expects. */
static jx_result score_prepare(void *ud, jx_project *p)
{
    const score_run *run = ud;
    jx_result rc = jx_score(p, run->pol);
    if (rc != JX_OK || !run->render)
        return rc;
    /* written as it is scored: its bytes made here, on the thread that read it */
    score_rendered *r = rendered_take(run->pool);
    if (!r)
        return rc; /* written the plain way */
    r->rc = jx_writer_render(run->wr, p, rendered_append, r);
    jx_project_set_user_data(p, r, rendered_free);
    return rc;
}

/* Makes a project known to the actuals (the pass before scoring). */
static void know_project(jx_project *p, void *ud)
{
    score_state *st = ud;
    if (jx_actuals_know(st->act, p) != JX_OK)
        st->status.io_failed = 1;
}

/* A project of a file read through the importer: scored as any other. */
static void score_imported(jx_project *p, unsigned flags, void *ud)
{
    (void)flags;
    score_project(p, ud);
}

/* Leaves a diagnostic of the pass before scoring unprinted: the scoring pass prints it. */
static void know_quiet(const jx_diag *d, void *ud)
{
}

/*
 * Makes every project of the files known to the actuals before any is applied, so a row
 * whose project name several projects share is refused rather than applied to the first.
 * Standard input cannot be read twice: its projects are known as they are applied.
 */
static void know_projects(const score_opts *o, score_state *st)
{
    jx_cli_status scratch = {0};
    jx_cli_reading r = {.project = know_project, .diag = know_quiet, .ud = st};
    for (int i = 0; i < o->nfiles; i++)
        if (strcmp(o->files[i], "-") != 0)
            jx_cli_read_projects(o->files[i], &r, &scratch);
}

/* Opens the actuals; returns -1 on success or the exit code. */
static int open_actuals(const char *path, const jx_table_options *opts, jx_actuals **act, score_state *st)
{
    jx_result rc = jx_actuals_open_table(act, path, opts, NULL);
    if (rc == JX_OK)
        return -1;
    if (*act)
        print_new_actuals_diags(*act, st);
    else
        fprintf(stderr, "jixiao: %s：%s\n", path, jx_strerror(rc));
    jx_actuals_close(*act);
    *act = NULL;
    return rc == JX_ERR_IO ? JX_EXIT_IO : rc == JX_ERR_INPUT ? JX_EXIT_INPUT : rc == JX_ERR_USAGE ? JX_EXIT_USAGE : JX_EXIT_IO;
}

int jx_cli_score(int argc, char **argv)
{
    score_opts o;
    int code = parse_args(argc, argv, &o);
    if (code >= 0)
        return code;
    score_state st;
    memset(&st, 0, sizeof st);
    jx_policy *pol = NULL;
    code = jx_cli_open_policy("score", o.policy, &pol);
    if (code >= 0)
        return code;
    for (size_t i = 0; i < jx_policy_diag_count(pol); i++) { /* a policy's warnings, e.g. level1-points */
        jx_cli_print_diag(jx_policy_diag(pol, i));
        st.warnings++;
    }
    jx_actuals *act = NULL;
    if (o.actuals) {
        code = open_actuals(o.actuals, &o.table, &act, &st);
        if (code >= 0) {
            jx_policy_close(pol);
            return code;
        }
        st.act = act;
        know_projects(&o, &st);
    }
    jx_cli_output of;
    const char *const tables[] = {o.actuals, o.policy, NULL};
    code = jx_cli_output_open(&of, "score", o.output, o.files, o.nfiles, o.actuals ? tables : tables + 1);
    if (code >= 0) {
        jx_actuals_close(act);
        jx_policy_close(pol);
        return code;
    }
    jx_writer *wr = NULL;
    jx_cli_output_sheets(o.format);
    jx_result rc = jx_writer_create(&wr, o.format, o.flags, jx_cli_output_write, of.fp, NULL);
    if (rc != JX_OK) {
        fprintf(stderr, "jixiao: %s\n", jx_strerror(rc));
        st.status.io_failed = 1;
    } else {
        score_run run = {.pol = pol, .act = act, .wr = wr, .st = &st,
                         .quiet_report = (o.flags & JX_WRITE_NO_FINDINGS) && o.format != JX_FORMAT_JSON &&
                                         o.format != JX_FORMAT_CSV};
        /* without actuals each project is scored where it is parsed; with them, applied in order first */
        run.prescored = !act;
        run.render = run.prescored && o.threads > 1 && jx_writer_renders_apart(wr);
        rendered_pool pool = {.top = NULL};
        pthread_mutex_init(&pool.mu, NULL);
        run.pool = &pool;
        jx_project_fn prepare = act ? NULL : score_prepare;
        jx_cli_reading r = {.project = score_project, .ud = &run, .select = &o.select, .threads = o.threads,
                            .prepare = prepare, .prepare_ud = &run, .prepared = &run.prepared};
        jx_cli_input in = {.project = score_imported, .ud = &run, .status = &st.status, .import = &o.import,
                           .select = &o.select, .threads = o.threads, .prepare = prepare, .prepared = &run.prepared};
        for (int i = 0; i < o.nfiles; i++) {
            if (o.import.format || !jx_cli_is_rules(o.files[i])) {
                jx_cli_read_input(&in, o.files[i]); /* a table, or jixiao's own JSON: through the importer */
            } else {
                jx_cli_input_flush(&in); /* the tables before it, imported ahead (-j) */
                jx_cli_read_projects(o.files[i], &r, &st.status);
            }
        }
        jx_cli_input_free(&in);
        rendered_pool_free(&pool); /* every reader is closed, every project released */
        st.warnings += in.warnings;
        jx_cli_select_finish(&o.select, &st.status);
        if (act) {
            if (jx_actuals_finish(act) != JX_OK)
                st.status.invalid = 1;
            print_new_actuals_diags(act, &st);
        }
        rc = jx_writer_finish(wr);
        if (rc != JX_OK)
            report_failed(&st, rc);
        /* a warning: the workbook holds every project, not every form */
        st.warnings += (size_t)jx_cli_forms_left_out(rc == JX_OK ? jx_writer_forms_left_out(wr) : 0, "自评表",
                                                     "都在“自评结果清单”和“数据”两张工作表中");
    }
    if (o.werror && st.warnings > 0) {
        fprintf(stderr, "jixiao: 有 %zu 个警告（--werror 视为错误）\n", st.warnings);
        st.status.invalid = 1;
    }
    /* errors on projects that were scored and written fail the run, but the report is
     * whole: -o replaces OUT with it all the same */
    code = jx_cli_exit_code(&st.status);
    code = jx_cli_output_close(&of, code);
    if (code == JX_EXIT_OK && st.scored_errors)
        code = JX_EXIT_INPUT;
    jx_writer_destroy(wr);
    jx_actuals_close(act);
    jx_policy_close(pol);
    jx_cli_select_free(&o.select);
    return code;
}
