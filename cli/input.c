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

/* A jx_write_fn appending the imported rule text to the jx_cli_input in ud. */
static size_t input_write(void *ud, const char *data, size_t len)
{
    jx_cli_input *in = ud;
    if (len > in->cap - in->len) {
        size_t ncap = in->cap ? in->cap : 65536;
        while (ncap - in->len < len)
            ncap *= 2;
        char *ns = realloc(in->text, ncap);
        if (!ns) {
            in->oom = 1;
            return 0;
        }
        in->text = ns;
        in->cap = ncap;
    }
    memcpy(in->text + in->len, data, len);
    in->len += len;
    return len;
}

/* Imports the table at path into in->text and reads its projects. The import's
 * diagnostics go to in->diag, its warnings counted, but the rows it skips on purpose
 * (skipped-row notes, which `jixiao import` lists). A table with errors in some rows still
 * has its readable rows read. */
static void input_import(jx_cli_input *in, const char *path)
{
    jx_import *imp = NULL;
    in->len = 0;
    in->oom = 0;
    jx_result rc = jx_import_open(&imp, path, in->import, NULL);
    bool opened = rc == JX_OK;
    if (opened)
        rc = jx_import_run(imp, input_write, in);
    size_t n = jx_import_diag_count(imp);
    for (size_t i = 0; i < n; i++) {
        const jx_diag *d = jx_import_diag(imp, i);
        if (d->severity == JX_SEV_NOTE && strcmp(d->code, "skipped-row") == 0)
            continue;
        if (d->severity == JX_SEV_WARNING)
            in->warnings++;
        input_diag(d, in);
    }
    jx_import_close(imp);
    if (in->oom) {
        fprintf(stderr, "jixiao: %s：%s\n", path, jx_strerror(JX_ERR_NOMEM));
        in->status->io_failed = 1;
        return;
    }
    if (rc == JX_ERR_INPUT) {
        in->status->invalid = 1;
    } else if (rc != JX_OK) {
        if (n == 0)
            fprintf(stderr, "%s: error: %s\n", path, jx_strerror(rc));
        in->status->io_failed = 1;
    }
    if (opened && (rc == JX_OK || rc == JX_ERR_INPUT)) {
        jx_cli_reading r = {.project = input_project, .diag = input_diag, .ud = in, .select = in->select};
        in->flags = JX_AUDIT_IMPORTED;
        jx_cli_read_text(path, in->text, in->len, &r, in->status);
        in->flags = 0;
    }
}

void jx_cli_read_input(jx_cli_input *in, const char *path)
{
    if (jx_cli_is_rules(path)) {
        jx_cli_reading r = {.project = input_project, .diag = input_diag, .ud = in, .select = in->select};
        jx_cli_read_projects(path, &r, in->status);
    } else {
        input_import(in, path);
    }
}

void jx_cli_input_free(jx_cli_input *in)
{
    free(in->text);
    in->text = NULL;
    in->len = 0;
    in->cap = 0;
}
