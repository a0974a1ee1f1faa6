/* html.h — HTML written through a jx_writer: escaped text, table cells, the document
 * shell with its inline style for A4 print, and a table of findings.
 *
 * What every HTML report of the library shares. A document is self-contained: its
 * style is inline and nothing in it refers to another file or address, so it opens
 * and prints the same anywhere.
 */
#ifndef JX_HTML_H
#define JX_HTML_H

#include "report.h"

#include <stddef.h>
#include <stdint.h>

/**
 * Appends s[0..n) as HTML text, escaped as jx_text_html_escape says: & < > " ' written as
 * character references, and the control characters HTML does not allow (all but tab,
 * LF and CR; DEL; the C1 controls) as U+FFFD. s is valid UTF-8: every text is checked
 * where it enters (the rule reader, the table reader), so nothing is decoded here.
 */
void jx_html_text(jx_writer *wr, const char *s, size_t n);

/** jx_html_text of a NUL-terminated string. */
void jx_html_str(jx_writer *wr, const char *s);

/** How a table cell is written; zero fields mean none. */
typedef struct jx_html_cell {
    const char *scope; /* a header cell's scope ("col", "row", "colgroup", "rowgroup"); NULL: a <td> */
    const char *cls;   /* class attribute, NULL for none */
    uint32_t rowspan;  /* rows spanned, 0 or 1 for one */
    uint32_t colspan;  /* columns spanned, 0 or 1 for one */
} jx_html_cell;

/** Appends one cell holding text (escaped): <th scope=…> when c->scope is set, else <td>. */
void jx_html_cell_text(jx_writer *wr, const jx_html_cell *c, const char *text);

/** The start tag of cell c as jx_html_cell_text writes it, for a cell whose content is more
 * than a text (the caller writes it, then jx_html_cell_close). */
void jx_html_cell_open(jx_writer *wr, const jx_html_cell *c);

/** The end tag of cell c. */
void jx_html_cell_close(jx_writer *wr, const jx_html_cell *c);

/** A <th scope="col"> for each of the n texts, as one row. */
void jx_html_head_row(jx_writer *wr, const char *const *heads, size_t n);

/**
 * Starts a document: the doctype, <html lang="zh-CN">, the head with its charset,
 * the title (escaped) and a <style> holding the shared style then `css` (trusted,
 * written as is; NULL for none), and <body>.
 *
 * The shared style sets A4 pages with their margins, a CJK font list (宋体 first, as
 * the printed forms use, then the fonts Debian ships), tables with ruled cells, and on
 * screen shows each `<section class="sheet">` as a sheet of paper. Each sheet after the
 * first starts a new page.
 */
void jx_html_begin(jx_writer *wr, const char *title, const char *css);

/** Ends the document begun by jx_html_begin. */
void jx_html_end(jx_writer *wr);

/**
 * Appends the findings d[0..n) as a table with the columns 序号, 级别, 代码, 位置 and
 * 说明, under the heading `title` (escaped). When `file` is not NULL, the findings in
 * that file give their 位置 as line:col and the file is named once, under the heading;
 * the others (and all when file is NULL) as file:line:col, or the file alone. Writes
 * nothing when n is 0.
 */
void jx_html_diag_table(jx_writer *wr, const char *title, const char *file, const jx_diag *d, size_t n);

#endif
