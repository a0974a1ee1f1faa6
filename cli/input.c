/* SPDX-License-Identifier: MIT */
/* input.c — reading one file a command is given, whatever it holds: rule text (a name
 * ending in .jx, any case, or "-" for standard input) is read as it is; any other file is
 * a table for the importer (jx_import_*), turned into rule text in memory, reused from
 * table to table, and read from there. One reading for every command that takes tables
 * beside rule files (audit, audit --review). */
#include "cli.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

int jx_cli_is_rules(const char *path)
{
    size_t n = strlen(path);
    if (strcmp(path, "-") == 0)
        return 1;
    return n >= 3 && path[n - 3] == '.' && (path[n - 2] | 0x20) == 'j' && (path[n - 1] | 0x20) == 'x';
}

/* Hands a project to in->project with the flags of what is being read. */
static void input_project(jx_project *p, void *ud)
{
    jx_cli_input *in = ud;
    in->project(p, in->flags, in->ud);
}

/* Hands a diagnostic outside projects to in->diag, or prints it. */
static void input_diag(const jx_diag *d, void *ud)
{
    jx_cli_input *in = ud;
    if (in->diag)
        in->diag(d, in->ud);
    else
        jx_cli_print_diag(d);
}

/* How in's files are read: its projects to in->project, prepared on its threads. */
static jx_cli_reading input_reading(jx_cli_input *in)
{
    return (jx_cli_reading){.project = input_project, .diag = input_diag, .ud = in, .select = in->select,
                            .threads = in->threads, .prepare = in->prepare, .prepare_ud = in->ud,
                            .prepared = in->prepared};
}

/* Says what opening the table at path through the importer found (rc; rd the reader,
 * NULL when none could be made), then reads its projects. The import's diagnostics go to
 * in->diag, its warnings counted (the reader leaves out the rows it skips on purpose). A
 * table with errors in some rows still has its readable rows read. */
void jx_cli_input_imported(jx_cli_input *in, const char *path, jx_reader *rd, jx_result rc)
{
    size_t n = jx_reader_diag_count(rd);
    for (size_t i = 0; i < n; i++) {
        const jx_diag *d = jx_reader_diag(rd, i);
        if (d->severity == JX_SEV_WARNING)
            in->warnings++;
        input_diag(d, in);
    }
    if (rc == JX_ERR_INPUT) {
        in->status->invalid = 1;
    } else if (rc != JX_OK) {
        if (n == 0)
            fprintf(stderr, "%s: error: %s\n", path, jx_strerror(rc));
        in->status->io_failed = 1;
        jx_reader_close(rd);
        return;
    }
    jx_cli_reading r = input_reading(in);
    in->flags = JX_AUDIT_IMPORTED;
    jx_cli_read_reader(rd, path, &r, in->status);
    in->flags = 0;
}

void jx_cli_input_rules(jx_cli_input *in, const char *path, jx_reader *rd, jx_result open_rc, jx_result first_rc,
                        jx_project *first, jx_result prepared)
{
    jx_cli_reading r = input_reading(in);
    jx_cli_read_opened(rd, open_rc, first_rc, first, prepared, path, &r, in->status);
}

void jx_cli_read_input(jx_cli_input *in, const char *path)
{
    if (jx_cli_input_ahead(in, path))
        return; /* opened on a thread, read in its turn */
    jx_cli_input_flush(in);
    if (jx_cli_is_rules(path)) {
        jx_cli_reading r = input_reading(in);
        jx_cli_read_projects(path, &r, in->status);
    } else {
        jx_reader *rd = NULL;
        jx_result rc = jx_reader_open_import(&rd, path, in->import, NULL);
        jx_cli_input_imported(in, path, rd, rc);
    }
}

void jx_cli_input_free(jx_cli_input *in)
{
    jx_cli_ahead_stop(in); /* the tables' text is the readers', released with them */
}
