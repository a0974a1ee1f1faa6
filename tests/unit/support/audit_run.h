/* SPDX-License-Identifier: MIT */
/* audit_run.h — an audit of rule files written in one format, and the inflated corpus
 * (tests/audit/inflated) the audit's tests run it on. */
#ifndef JX_TEST_AUDIT_RUN_H
#define JX_TEST_AUDIT_RUN_H

#include "jixiao.h"
#include "write_text.h"

#include <stdbool.h>
#include <stddef.h>

/** Files of the inflated corpus. */
#define JX_TEST_NINFLATED 4

/** The files of the inflated corpus, in name order (relative to tests/, where the unit tests run). */
extern const char *const jx_test_inflated[JX_TEST_NINFLATED];

/** What jx_test_audit_files audits and how it writes it. */
typedef struct jx_test_audit_spec {
    const jx_policy *pol;        /* the policy every project is scored under */
    const char *const *paths;    /* the rule files, read in order */
    size_t n;                    /* how many */
    const char *extra;           /* rule text read after them as "extra.jx"; NULL: none */
    const jx_audit_options *o;   /* the audit's options; NULL: the defaults */
    jx_format fmt;               /* the report's format */
    unsigned flags;              /* jx_audit_writer_set_flags before writing; 0: not called */
    bool score_all;              /* score every project asserting JX_OK; else only those without errors */
} jx_test_audit_spec;

/**
 * Audits the projects of spec with the audit and its writer on allocator a (NULL: the C
 * library's), the report going to out; returns the first failure.
 */
jx_result jx_test_audit_files(const jx_test_audit_spec *spec, const jx_allocator *a, jx_test_text *out);

#endif
