/* SPDX-License-Identifier: MIT */
/* vet.h — the 审核 of targets behind jx_vet_* (vet.c), and what its reporters share with it.
 *
 * A vet keeps counters, one tally per finding code and one record per 单位; for
 * overlapping-projects each 单位 also keeps a window of its last JX_VET_WINDOW projects,
 * each as the sorted hashes of at most JX_VET_NAMES of its normalised 三级 names with its
 * name, file and line (one allocation a project, freed when the window moves on). So
 * memory grows with the number of 单位, never past JX_VET_WINDOW × (JX_VET_NAMES × 8 bytes
 * + a name and a file) for each, whatever the number of projects.
 */
#ifndef JX_VET_H
#define JX_VET_H

#include "arena.h"
#include "audit.h"
#include "model.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Projects of one 单位 a project is compared with for overlapping-projects: the last ones. */
#define JX_VET_WINDOW 32

/** 三级 names of a project kept for that comparison: the first ones (a target table has a few dozen). */
#define JX_VET_NAMES 256

/** A project of a 单位's window: its names' hashes, and where it is. */
typedef struct jx_vet_kept {
    uint64_t *hash;   /* n sorted distinct hashes of normalised names; the block that also holds name and file */
    size_t n;
    size_t bytes;     /* the block's size */
    const char *name; /* its 项目名称, in the block */
    const char *file; /* its file, in the block */
    uint32_t line;    /* its line, or its table row when imported */
} jx_vet_kept;

/** A 单位: its public record and its window. */
typedef struct jx_vet_unit {
    jx_vet_org pub;                    /* what jx_vet_org_at gives; org in the vet's arena */
    uint64_t hash;                     /* of org */
    uint32_t orglen;                   /* bytes of org */
    jx_vet_kept kept[JX_VET_WINDOW];   /* a ring: the next slot is nkept % JX_VET_WINDOW */
    size_t nkept;                      /* projects kept so far (the ring holds the last JX_VET_WINDOW) */
} jx_vet_unit;

/** A vet. */
struct jx_vet {
    const jx_allocator *alloc;
    const jx_policy *pol;
    jx_vet_options opts;
    bool finished;
    jx_vet_summary sum;
    jx_code_tally *tallies;   /* in byte order of the code */
    size_t ntallies, tallies_cap;
    jx_arena arena;           /* the codes of the tallies, the names of the 单位 */
    jx_vet_unit **units;      /* in the order first seen; sorted by name at jx_vet_finish */
    size_t nunits, units_cap;
    size_t *index;            /* open addressing over units by org: index + 1, 0 for empty; cap a power of two */
    size_t index_cap;
};

/** The aspect and result of one project, for the reporters. */
typedef struct jx_vet_counts {
    size_t by_aspect[JX_VET_ASPECTS][3]; /* p's findings at or above min, by aspect and severity */
} jx_vet_counts;

/** Counts p's findings at or above min by aspect and severity into c. */
void jx_vet_count(const jx_project *p, jx_severity min, jx_vet_counts *c);

/** The 审核结果's word: "优" … "差". */
const char *jx_vet_result_name(jx_grade g);

/** What the result means for the project: "通过", "修改后通过", "退回重报", "不予通过". */
const char *jx_vet_result_meaning(jx_grade g);

#endif
