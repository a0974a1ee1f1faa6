/* md.h — GitHub-flavoured Markdown written through a jx_writer: escaped text, tables
 * and a list of findings, for the Markdown reports. */
#ifndef JX_MD_H
#define JX_MD_H

#include "report.h"

#include <stddef.h>

/**
 * Appends s[0..n) as Markdown text that reads back as written: the characters that
 * would start markup (\ ` * _ [ ] < > | ~ & $) get a backslash, so a `|` cannot end a
 * table cell, and a line break (\n, \r\n or \r) becomes <br>, so a cell stays on its line.
 */
void jx_md_text(jx_writer *wr, const char *s, size_t n);

/** jx_md_text of a NUL-terminated string. */
void jx_md_str(jx_writer *wr, const char *s);

/**
 * Appends a table's head: the n head cells (escaped), then the delimiter row with each
 * column's alignment from align[0..n): 'l' left, 'c' centre, 'r' right.
 */
void jx_md_table_head(jx_writer *wr, const char *const *heads, const char *align, size_t n);

/** Appends one table row of the n cells, escaped. */
void jx_md_table_row(jx_writer *wr, const char *const *cells, size_t n);

/**
 * Appends the findings d[0..n) as a numbered list under a `### title` heading, one item
 * each: "1. 警告 `code` file:line:col：message". Writes nothing when n is 0.
 */
void jx_md_diag_list(jx_writer *wr, const char *title, const jx_diag *d, size_t n);

#endif
