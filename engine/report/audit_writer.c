/* audit_writer.c — jx_audit_writer: one reporter per format, the view of a project the
 * reporters print, and the number formats they share. */
#include "report_audit.h"

#include "alloc.h"
#include "report_parts.h"

#include <string.h>

jx_result jx_audit_writer_create(jx_audit_writer **out, jx_audit *au, jx_format fmt, jx_write_fn fn, void *ud,
                                 const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    const jx_audit_reporter *rep;
    const jx_format_row *row = jx_format_row_of(fmt);
    if (!row || !row->audit)
        return JX_ERR_USAGE;
    rep = row->audit;
    if (!au || !fn)
        return JX_ERR_USAGE;
    const jx_allocator *a = jx_alloc_or_default(alloc);
    jx_audit_writer *aw = jx_calloc(a, sizeof *aw);
    if (!aw)
        return JX_ERR_NOMEM;
    aw->alloc = a;
    /* the text reporter of projects is never called: only the buffer is used */
    jx_result rc = jx_writer_create(&aw->out, JX_FORMAT_TEXT, 0, fn, ud, a);
    if (rc != JX_OK) {
        jx_free(a, aw, sizeof *aw);
        return rc;
    }
    aw->rep = rep;
    aw->au = au;
    *out = aw;
    return JX_OK;
}

jx_result jx_audit_writer_set_flags(jx_audit_writer *aw, unsigned flags)
{
    if (!aw || aw->begun || aw->finished)
        return JX_ERR_USAGE;
    aw->out->flags = flags;
    return JX_OK;
}

void jx_audit_writer_destroy(jx_audit_writer *aw)
{
    if (!aw)
        return;
    jx_writer_destroy(aw->out);
    jx_free(aw->alloc, aw, sizeof *aw);
}

/* Runs the reporter's begin once. */
static void audit_begin(jx_audit_writer *aw)
{
    if (!aw->begun) {
        aw->begun = true;
        aw->rep->begin(aw);
    }
}

/* Works out what the reporters print of p. Returns false when the scratch arena ran out. */
static bool audit_view(jx_audit_writer *aw, const jx_project *p, unsigned flags, jx_audit_view *v)
{
    memset(v, 0, sizeof *v);
    v->p = p;
    v->flags = flags;
    v->line = jx_audit_project_line(p, flags);
    v->scored = p->scored; /* also with errors found while scoring: its total stands */
    v->funds = jx_audit_project_funds(p, &v->budget_fen, &v->spent_fen);
    v->has_difference = jx_audit_claim_difference(p, &v->difference); /* audit.c */
    v->grade_differs = v->scored && p->claimed_grade != JX_GRADE_NONE && p->grade != JX_GRADE_NONE &&
                       p->claimed_grade != p->grade;
    return jx_audit_collect(p, aw->au->opts.min_severity, &aw->out->scratch, &v->f);
}

jx_result jx_audit_writer_project(jx_audit_writer *aw, const jx_project *p, unsigned flags)
{
    if (!aw || !p || aw->finished)
        return JX_ERR_USAGE;
    if (aw->out->err != JX_OK)
        return aw->out->err;
    jx_arena_reset(&aw->out->scratch);
    audit_begin(aw);
    jx_audit_view v;
    if (!audit_view(aw, p, flags, &v))
        return aw->out->err = JX_ERR_NOMEM;
    aw->rep->project(aw, &v);
    aw->nprojects++;
    return jx_out_result(aw->out);
}

jx_result jx_audit_writer_finish(jx_audit_writer *aw)
{
    if (!aw || aw->finished)
        return JX_ERR_USAGE;
    aw->finished = true;
    jx_result rc = jx_audit_finish(aw->au);
    if (rc != JX_OK && aw->out->err == JX_OK)
        aw->out->err = rc;
    jx_arena_reset(&aw->out->scratch);
    audit_begin(aw);
    aw->rep->finish(aw);
    jx_out_result(aw->out);
    jx_out_flush(aw->out);
    return aw->out->err;
}

/* ----------------------------------------------------------- shared formats */

/* d with at least two decimals, exactly, into buf (a '+' before a positive d when sign). */
static char *audit_points(jx_dec d, bool sign, char *buf, size_t size)
{
    char tmp[JX_DEC_BUFSZ];
    if (d.scale < 2) {
        int64_t units = (int64_t)jx_dec_scaled(d, 2);
        jx_fixed_format(units, 2, tmp, sizeof tmp);
    } else {
        jx_fixed_format(d.v, d.scale, tmp, sizeof tmp);
    }
    size_t k = 0;
    if (sign && d.v > 0 && size > 1)
        buf[k++] = '+';
    size_t n = strlen(tmp);
    if (n >= size - k)
        n = size - k - 1;
    memcpy(buf + k, tmp, n);
    buf[k + n] = '\0';
    return buf;
}

void jx_audit_out_points(jx_writer *w, jx_dec d, bool sign)
{
    char buf[JX_DEC_BUFSZ + 1];
    jx_out_str(w, audit_points(d, sign, buf, sizeof buf));
}

const char *jx_audit_points_str(jx_writer *w, jx_dec d, bool sign)
{
    char buf[JX_DEC_BUFSZ + 1];
    return jx_scratch_str(w, audit_points(d, sign, buf, sizeof buf));
}

const char *jx_audit_position_str(jx_writer *w, const jx_project *p, const jx_diag *d, unsigned flags)
{
    const char *s = jx_audit_position(&w->scratch, p, d, flags);
    return s ? s : jx_scratch_fail(w);
}

/* Whether something else of p starts on line `line` after column `after` and at or before
 * column `upto`: a group, a 资金 row, the 总分, the 结论 or the project's closing brace. */
static bool audit_other_between(const jx_project *p, uint32_t line, uint32_t after, uint32_t upto)
{
    const jx_pos *fixed[] = {&p->pos, &p->total_pos, &p->grade_pos, &p->close_pos};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (fixed[i]->line == line && fixed[i]->col > after && fixed[i]->col <= upto)
            return true;
    for (size_t g = 0; g < p->ngroups; g++)
        if (p->groups[g].pos.line == line && p->groups[g].pos.col > after && p->groups[g].pos.col <= upto)
            return true;
    for (size_t f = 0; f < p->nfunds; f++)
        if (p->funds[f].pos.line == line && p->funds[f].pos.col > after && p->funds[f].pos.col <= upto)
            return true;
    return false;
}

const char *jx_audit_indicator_name(const jx_project *p, const jx_diag *d)
{
    if (d->line == 0)
        return "";
    const jx_indicator *best = NULL;
    for (size_t i = 0; i < p->ninds; i++) {
        const jx_indicator *ind = &p->inds[i];
        if (ind->pos.line == d->line && ind->pos.col <= d->column && (!best || ind->pos.col > best->pos.col))
            best = ind;
    }
    if (!best || audit_other_between(p, d->line, best->pos.col, d->column))
        return "";
    return best->name.s;
}

const char *jx_audit_policy_name(const jx_audit *au)
{
    return au->pol ? au->pol->name.s : "";
}

char *jx_audit_percent(uint32_t bp, char *buf, size_t size)
{
    return jx_fixed_format((int64_t)bp, 2, buf, size);
}

const char *jx_audit_why_code(jx_audit_why why)
{
    switch (why) {
    case JX_AUDIT_FLAGGED: return "flagged";
    case JX_AUDIT_WEIGHTED: return "weighted";
    default: return "drawn";
    }
}
