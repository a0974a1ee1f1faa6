/* report_audit_spools.c — the tables the HTML audit report holds until the
 * end, when the summary has been written before them (report_audit.h). */
#include "report_audit.h"

#include "alloc.h"

void jx_audit_spools_free(jx_writer *w)
{
    jx_audit_spools *st = w->state;
    if (!st)
        return;
    jx_spool_close(&st->projects);
    jx_spool_close(&st->findings);
    jx_free(w->alloc, st, sizeof *st);
    w->state = NULL;
    w->state_free = NULL;
}

void jx_audit_spools_begin(jx_audit_writer *aw)
{
    jx_writer *w = aw->out;
    jx_audit_spools *st = jx_calloc(w->alloc, sizeof *st);
    if (!st) {
        w->err = JX_ERR_NOMEM;
        return;
    }
    w->state = st;
    w->state_free = jx_audit_spools_free;
    if (jx_spool_open(&st->projects, w->alloc) != JX_OK || jx_spool_open(&st->findings, w->alloc) != JX_OK)
        w->err = JX_ERR_NOMEM;
}

void jx_audit_spools_check(jx_writer *w, const jx_audit_spools *st)
{
    jx_result err = jx_spool_error(&st->projects);
    if (err == JX_OK)
        err = jx_spool_error(&st->findings);
    if (err != JX_OK && w->err == JX_OK)
        w->err = err;
}
