/* SPDX-License-Identifier: MIT */
/* import_emit.h — the last stage of an import: a table model project → a DSL 项目 block.
 *
 * The emitter decides how every cell is written: values go through the value reader
 * (value.h) and come out in one canonical spelling (≥1900核, 定性 "及时"), names are
 * quoted when the lexer needs it, and whatever the rule language cannot hold is kept
 * in a comment with a warning on the model, never dropped. Every indicator line ends
 * with a comment naming its source row.
 */
#ifndef JX_IMPORT_EMIT_H
#define JX_IMPORT_EMIT_H

#include "import.h"

/** Writes projects as DSL through a jx_write_fn; one per import run. */
typedef struct jx_imp_emitter jx_imp_emitter;

/** An emitter writing to fn(ud, …); NULL when memory ran out. */
jx_imp_emitter *jx_imp_emitter_create(const jx_allocator *alloc, jx_write_fn fn, void *ud);

/** Makes em write target tables (JX_IMPORT_WEIGHTS_UNSET): a project that sets no weight at
 * all is not warned about (missing-weight); one with some and not others still is. */
void jx_imp_emitter_unweighted(jx_imp_emitter *em);

/** Releases the emitter; NULL is a no-op. */
void jx_imp_emitter_destroy(jx_imp_emitter *em);

/**
 * Writes the comment that heads a file's output: where it was imported from, the
 * table format and the encoding. JX_OK, JX_ERR_IO when the write failed, JX_ERR_NOMEM.
 */
jx_result jx_imp_emit_source(jx_imp_emitter *em, const char *file, const char *format,
                             const char *encoding);

/**
 * Writes p as one `项目 "…" { … }` block. Warnings and errors about its cells go to
 * im at their rows (codes: empty-value, unreadable-value, weight-not-number,
 * missing-weight, missing-group, score-not-number, points-not-number, points-conflict,
 * funds-not-number, history-unreadable, field-unreadable, missing-name, no-indicators).
 * notes[0..nnotes) are written as comment lines at the top of the block (how weights
 * came about, …). JX_OK, JX_ERR_IO when the write failed, JX_ERR_NOMEM.
 */
jx_result jx_imp_emit(jx_imp_emitter *em, jx_imp *im, const jx_imp_project *p, const char *const *notes,
                      size_t nnotes);

/** The placeholder group for indicators whose table gives no 一级 or 二级 指标. */
#define JX_IMP_UNGROUPED "未分类"

/** The name written for a project whose table gives none. */
#define JX_IMP_UNNAMED "未命名项目"

#endif
