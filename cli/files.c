/* SPDX-License-Identifier: MIT */
/* files.c — reading the projects of the files a command is given: opening a file (or
 * rule text held in memory), saying why it cannot be read, the loop over its projects,
 * and what that means for the exit code, the same for every command. */
#include "cli.h"

#include <stdio.h>

/**
 * Hands the diagnostics of rd to r->diag (printed when r or r->diag is NULL), or prints
 * "path: error: why" for a failure rc that came without any.
 */
static void files_report(const jx_reader *rd, const char *path, jx_result rc, const jx_cli_reading *r)
{
    size_t n = jx_reader_diag_count(rd);
    for (size_t i = 0; i < n; i++) {
        if (r && r->diag)
            r->diag(jx_reader_diag(rd, i), r->ud);
        else
            jx_cli_print_diag(jx_reader_diag(rd, i));
    }
    if (n == 0 && rc != JX_ERR_INPUT)
        fprintf(stderr, "%s: error: %s\n", path, jx_strerror(rc));
}

/** What the first jx_reader_next of a reader returned when it was made elsewhere (ahead.c). */
typedef struct files_first {
    jx_result rc;       /* its result */
    jx_project *p;      /* its project */
    jx_result prepared; /* jx_reader_prepared then */
} files_first;

/** Reads the projects of rd to its end or to a failure, starting with *first when given;
 * returns what jx_cli_read_projects records. */
static jx_result files_each(jx_reader *rd, const char *path, const jx_cli_reading *r, const files_first *first)
{
    jx_result seen = JX_OK;
    for (;;) {
        jx_project *p = NULL;
        jx_result rc;
        if (first) {
            rc = first->rc;
            p = first->p;
        } else {
            rc = jx_reader_next(rd, &p);
        }
        if (rc == JX_DONE)
            return seen;
        if (rc == JX_ROW) {
            if (r->prepared)
                *r->prepared = first ? first->prepared : jx_reader_prepared(rd);
            first = NULL;
            if (!r->select || jx_cli_selected(r->select, p))
                r->project(p, r->ud);
            continue;
        }
        first = NULL;
        files_report(rd, path, rc, r);
        if (rc != JX_ERR_INPUT)
            return rc;
        seen = JX_ERR_INPUT;
    }
}

/** Reads the projects of rd, opened as rc says, and records the outcome in st. */
static void files_read(jx_reader *rd, jx_result rc, const char *path, const jx_cli_reading *r, jx_cli_status *st,
                       const files_first *first)
{
    if (rc == JX_OK && !first && (r->threads > 1 || r->prepare))
        rc = jx_reader_set_threads(rd, r->threads, r->prepare, r->prepare_ud);
    if (rc == JX_OK)
        rc = files_each(rd, path, r, first);
    else
        files_report(rd, path, rc, NULL);
    jx_reader_close(rd);
    if (rc == JX_ERR_INPUT)
        st->invalid = 1;
    else if (rc != JX_OK)
        st->io_failed = 1;
}

void jx_cli_read_projects(const char *path, const jx_cli_reading *r, jx_cli_status *st)
{
    jx_reader *rd = NULL;
    jx_result rc = jx_reader_open(&rd, path, NULL);
    files_read(rd, rc, path, r, st, NULL);
}

void jx_cli_read_reader(jx_reader *rd, const char *path, const jx_cli_reading *r, jx_cli_status *st)
{
    files_read(rd, JX_OK, path, r, st, NULL);
}

void jx_cli_read_opened(jx_reader *rd, jx_result open_rc, jx_result first_rc, jx_project *first, jx_result prepared,
                        const char *path, const jx_cli_reading *r, jx_cli_status *st)
{
    files_first f = {first_rc, first, prepared};
    files_read(rd, open_rc, path, r, st, open_rc == JX_OK ? &f : NULL);
}

int jx_cli_exit_code(const jx_cli_status *st)
{
    return st->io_failed ? JX_EXIT_IO : st->invalid ? JX_EXIT_INPUT : JX_EXIT_OK;
}

int jx_cli_findings_exit(jx_cli_status *st, size_t errors, size_t warnings, int werror)
{
    if (errors > 0)
        fprintf(stderr, "jixiao: 审核发现 %zu 个错误\n", errors);
    else if (werror && warnings > 0)
        fprintf(stderr, "jixiao: 有 %zu 个警告（--werror 视为错误）\n", warnings);
    if (errors > 0 || (werror && warnings > 0))
        st->invalid = 1;
    return jx_cli_exit_code(st);
}

int jx_cli_walk_take(jx_cli_output *out, const char *command, const char *path, int *refused, jx_cli_input *in)
{
    if (!*refused && in && jx_cli_output_refuses(out, path))
        jx_cli_input_flush(in); /* what the files before it say comes first */
    int use = *refused ? 0 : jx_cli_output_walked(out, command, path);
    if (use > 0)
        *refused = use;
    return use < 0;
}

int jx_cli_report_close(jx_cli_output *out, const jx_cli_status *st, int refused, int code)
{
    /* the report is kept with findings or unreadable input too: only an I/O failure, a
     * report not written whole (or an input that is the output) drops it */
    int drop = refused                                ? refused
               : st->io_failed || st->report_lost ? (code != JX_EXIT_OK ? code : JX_EXIT_IO)
                                                      : JX_EXIT_OK;
    int kept = jx_cli_output_close(out, drop);
    return kept != JX_EXIT_OK ? kept : code;
}
