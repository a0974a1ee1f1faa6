/* SPDX-License-Identifier: MIT */
/* select.c — `--project NAME` (repeatable) on score, check, template and audit: which
 * projects of the files a command reads it hands on (cli.h, jx_cli_select). A name
 * picks by 项目名称, or by 单位/项目名称 where several 单位 share a name; a name that
 * picks nothing, or a bare name whose projects belong to several 单位, is an error at
 * the end of the run, since the files are read once, as they stream. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/** Most 单位 an ambiguous name's message lists. */
#define PICK_ORGS_SHOWN 5

/** What one name picked so far. */
struct jx_cli_pick {
    size_t projects;             /* projects picked */
    size_t norgs;                /* distinct 单位 among them (bare names only), at most
                                    PICK_ORGS_SHOWN + 1 (for "more") */
    char *orgs[PICK_ORGS_SHOWN]; /* the first of them, copied */
};

/* Says that memory ran out and ends the run (exit 3). */
static void select_oom(void)
{
    fprintf(stderr, "jixiao: %s\n", jx_strerror(JX_ERR_NOMEM));
    exit(JX_EXIT_IO);
}

int jx_cli_option_project(jx_cli_args *a, jx_cli_select *sel)
{
    const char *v = NULL;
    if (!jx_cli_option_text(a, "--project", "项目名称", &v))
        return 0;
    if (!v)
        return 1;
    const char **names = realloc(sel->names, (sel->n + 1) * sizeof *names);
    if (!names)
        select_oom();
    names[sel->n++] = v;
    sel->names = names;
    return 1;
}

/* True when name is org, '/', project name. */
static int is_org_slash_name(const char *name, const char *org, const char *pname)
{
    size_t no = strlen(org);
    return no > 0 && strncmp(name, org, no) == 0 && name[no] == '/' && strcmp(name + no + 1, pname) == 0;
}

/* Notes that the bare name of pick picked a project of org. */
static void pick_org(struct jx_cli_pick *pick, const char *org)
{
    size_t shown = pick->norgs < PICK_ORGS_SHOWN ? pick->norgs : PICK_ORGS_SHOWN;
    for (size_t i = 0; i < shown; i++)
        if (strcmp(pick->orgs[i], org) == 0)
            return;
    if (pick->norgs > PICK_ORGS_SHOWN)
        return;
    if (pick->norgs < PICK_ORGS_SHOWN && !(pick->orgs[pick->norgs] = strdup(org)))
        select_oom();
    pick->norgs++;
}

int jx_cli_selected(jx_cli_select *sel, const jx_project *p)
{
    if (sel->n == 0)
        return 1;
    if (!sel->got) {
        sel->got = calloc(sel->n, sizeof *sel->got);
        if (!sel->got)
            select_oom();
    }
    const char *pname = jx_project_name(p), *org = jx_project_org(p);
    int picked = 0;
    for (size_t i = 0; i < sel->n; i++) {
        struct jx_cli_pick *pick = &sel->got[i];
        if (strcmp(sel->names[i], pname) == 0) {
            pick_org(pick, org);
        } else if (!is_org_slash_name(sel->names[i], org, pname)) {
            continue;
        }
        pick->projects++;
        picked = 1;
    }
    return picked;
}

void jx_cli_select_finish(jx_cli_select *sel, jx_cli_status *st)
{
    for (size_t i = 0; i < sel->n; i++) {
        const struct jx_cli_pick *pick = sel->got ? &sel->got[i] : NULL;
        if (!pick || pick->projects == 0) {
            fprintf(stderr, "jixiao: --project：没有名为“%s”的项目（可写 项目名称，或 单位/项目名称）\n", sel->names[i]);
            st->invalid = 1;
        } else if (pick->norgs > 1) {
            if (pick->norgs > PICK_ORGS_SHOWN)
                fprintf(stderr, "jixiao: --project：%d 个以上单位都有名为“%s”的项目：", PICK_ORGS_SHOWN, sel->names[i]);
            else
                fprintf(stderr, "jixiao: --project：%zu 个单位都有名为“%s”的项目：", pick->norgs, sel->names[i]);
            for (size_t k = 0; k < pick->norgs && k < PICK_ORGS_SHOWN; k++)
                fprintf(stderr, "%s“%s”", k ? "、" : "", pick->orgs[k]);
            fprintf(stderr, "%s；请写成 单位/项目名称 指明其中一个\n", pick->norgs > PICK_ORGS_SHOWN ? "等" : "");
            st->invalid = 1;
        }
    }
}

void jx_cli_select_free(jx_cli_select *sel)
{
    if (sel->got)
        for (size_t i = 0; i < sel->n; i++)
            for (size_t k = 0; k < PICK_ORGS_SHOWN; k++)
                free(sel->got[i].orgs[k]);
    free(sel->got);
    free(sel->names);
    sel->got = NULL;
    sel->names = NULL;
    sel->n = 0;
}
