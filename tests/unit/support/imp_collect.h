/* SPDX-License-Identifier: MIT */
/* imp_collect.h — running a table format reader in a test and keeping what it produced. */
#ifndef JX_TEST_IMP_COLLECT_H
#define JX_TEST_IMP_COLLECT_H

#include "import.h"

/** One project as the reader left it (copies). */
typedef struct jx_test_imp_project {
    uint32_t row;                          /* where it started */
    char *field[JX_IMP_FIELD_COUNT];       /* copies of the fields */
    jx_imp_funds *funds;                   /* copies of the 资金 rows */
    size_t nfunds;                         /* how many */
    jx_imp_points *points;                 /* copies of the group points */
    size_t npoints;                        /* how many */
    jx_imp_indicator *inds;                /* copies of the indicator rows */
    size_t ninds;                          /* how many */
} jx_test_imp_project;

/** Everything one run of a format reader produced. */
typedef struct jx_test_imp {
    jx_test_imp_project *projects; /* in order */
    size_t nprojects;              /* how many */
    size_t nindicators;            /* indicator rows over all projects */
    jx_imp_stats stats;            /* the model's counts after the run */
    jx_imp *im;                    /* the model, kept open so its diagnostics can be read */
    char *text;                    /* the text read (owned) */
} jx_test_imp;

/**
 * Reads the file at path (relative paths are taken from JX_TESTS_DIR, i.e. tests/) with
 * format fmt and collects the result; fails the test on I/O errors. Free with
 * jx_test_imp_free.
 */
jx_test_imp *jx_test_imp_run_file(const jx_imp_format *fmt, const char *path);

/** The same for text in memory (copied); file_name names it in diagnostics. */
jx_test_imp *jx_test_imp_run_text(const jx_imp_format *fmt, const char *file_name, const char *text);

/** The first project whose name (JX_IMP_NAME) equals name, or NULL. */
const jx_test_imp_project *jx_test_imp_project_named(const jx_test_imp *r, const char *name);

/** The first indicator of p whose name equals name, or NULL. */
const jx_imp_indicator *jx_test_imp_ind_named(const jx_test_imp_project *p, const char *name);

/** The project called name, failing the test when there is none. */
const jx_test_imp_project *jx_test_imp_project_get(const jx_test_imp *r, const char *name);

/** The indicator of p that starts on row, failing the test when there is none. */
const jx_imp_indicator *jx_test_imp_ind_at(const jx_test_imp_project *p, uint32_t row);

/**
 * How many diagnostics of im have code, lie on rows [from, to] and, when prefix is not
 * NULL, have a message starting with it; *first (when first is not NULL) is the first of
 * them, NULL when there is none.
 */
size_t jx_test_imp_diags(const jx_imp *im, const char *code, uint32_t from, uint32_t to, const char *prefix,
                         const jx_diag **first);

/** How many of the model's diagnostics have code code. */
size_t jx_test_imp_count_code(const jx_test_imp *r, const char *code);

/** jx_test_imp_diags over the model of r, counting only. */
size_t jx_test_imp_count_diags(const jx_test_imp *r, const char *code, uint32_t from, uint32_t to,
                               const char *prefix);

/** The first of the model's diagnostics with code, or NULL. */
const jx_diag *jx_test_imp_find_code(const jx_test_imp *r, const char *code);

/** Frees everything; NULL is a no-op. */
void jx_test_imp_free(jx_test_imp *r);

#endif
