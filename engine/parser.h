/* parser.h — recursive-descent parser of the rule DSL: projects and 评分办法 blocks. */
#ifndef JX_PARSER_H
#define JX_PARSER_H

#include "model.h"

/**
 * Parses text, which must hold exactly one `评分办法 "name" { … }` block (comments and
 * blank lines around it allowed), into pol. pol's fields must already hold the
 * defaults (jx_policy_set_defaults); settings the block leaves out keep them.
 * Errors are added to pol->diags (strings in pol->arena) with file:line:col.
 * Returns JX_OK, JX_ERR_INPUT when the text has errors, or JX_ERR_NOMEM.
 */
jx_result jx_parse_policy_text(jx_policy *pol, const char *file, const char *text, size_t len);

#endif
