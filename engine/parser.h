/* SPDX-License-Identifier: MIT */
/* parser.h — recursive-descent parser of the rule DSL: projects and 评分办法 blocks. */
#ifndef JX_PARSER_H
#define JX_PARSER_H

#include "lexer.h"
#include "model.h"
#include "value.h"

/*
 * The limits of the rule language (docs/limits.md), each reported as an error with its
 * file:line:col. Work is linear in the input below them; they keep offsets within 32 bits
 * and the memory and messages a single line, token or project can cost bounded.
 */
#define JX_LIMIT_LINE (16u << 20)          /* bytes in one line */
#define JX_LIMIT_TOKEN (1u << 20)          /* bytes in one word, number, sign or string */
#define JX_LIMIT_INDICATORS 10000u         /* indicators in one project */
#define JX_LIMIT_PROJECT (1u << 30)        /* bytes of one project's text */

/**
 * Parses text, which must hold exactly one `评分办法 "name" { … }` block (comments and
 * blank lines around it allowed), into pol. pol's fields must already hold the
 * defaults (jx_policy_set_defaults); settings the block leaves out keep them.
 * Errors are added to pol->diags (strings in pol->arena) with file:line:col.
 * Returns JX_OK, JX_ERR_INPUT when the text has errors, or JX_ERR_NOMEM.
 */
jx_result jx_parse_policy_text(jx_policy *pol, const char *file, const char *text, size_t len);

/** Where a project's text lies, as the reader framed it. */
typedef struct jx_item_text {
    const char *file;    /* the file name for diagnostics (outlives the project) */
    const char *text;    /* the start of the line holding the 项目 keyword */
    size_t start;        /* offset of the 项目 keyword in text */
    size_t end;          /* offset just past the item (its closing '}', or where it was cut) */
    size_t avail;        /* bytes readable from text (>= end), so a cut can be quoted */
    uint32_t first_line; /* the file line of text[0] */
    bool utf8;           /* text[0..avail) is valid UTF-8 (a reader's: checked, bad bytes mended),
                            so the parser's fast paths need not check its sequences */
} jx_item_text;

/**
 * Parses one `项目 NAME { … }` item into p (which the caller has reset). p->src is
 * set to the item text; positions are file lines. Values go through vr. Syntax
 * errors and parse warnings are added to p's diagnostics. Returns JX_OK (even when
 * the project has syntax errors: count them on p) or JX_ERR_NOMEM.
 */
jx_result jx_parse_project(jx_project *p, jx_value_reader *vr, const jx_item_text *item);

/**
 * jx_parse_project, looking words up in kwix (filled by jx_keyword_index_init) rather
 * than in the keyword table: the same result, found faster. A reader builds kwix once.
 */
jx_result jx_parse_project_indexed(jx_project *p, jx_value_reader *vr, const jx_keyword_index *kwix,
                                   const jx_item_text *item);

/** Where the reader's framer would end an item, as the parser found it while parsing. */
typedef struct jx_item_frame {
    bool found;          /* the end was found; false when the item must be framed first */
    size_t end;          /* offset just past the item in the item text */
    uint32_t end_line;   /* the file line at end */
    size_t end_lstart;   /* offset in the item text of the start of that line */
} jx_item_frame;

/**
 * jx_parse_project_indexed on an item whose end is not known: item->end is as far as
 * the text may be read (whole lines). The parser finds the item's end as the reader's
 * framer would (after the '}' that brings the depth of braces back to 0, or at the
 * start of a line whose first word is 项目) and stops there, with the same result as on
 * the framed item. frame->found is false when it could not tell: the text ran out first,
 * or the item holds a '#' the framer might read otherwise than the lexer (one inside a
 * word, or a comment after a byte the framer does not take for a token boundary:
 * framer_reads_comment); the caller then frames the item and parses it again.
 */
jx_result jx_parse_project_framing(jx_project *p, jx_value_reader *vr, const jx_keyword_index *kwix,
                                   const jx_item_text *item, jx_item_frame *frame);

#endif
