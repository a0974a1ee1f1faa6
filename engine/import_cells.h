/* SPDX-License-Identifier: MIT */
/* import_cells.h — cell texts of budget documents' tables, as the table readers see them.
 *
 * The 绩效目标表 and 申报表 of budget documents reach us as text dumps of PDFs and web
 * pages: cells wrapped in `<p>…</p>` or `<b>…</b>`, words split by a blank where the PDF
 * broke a line inside a cell ("投入管理 指标", "根据需求开 通"), and the category words
 * (一级/二级指标) written a dozen ways. These helpers split a row into cleaned cells,
 * join pieces of a cell that a page break split, and recognise category words, keys and
 * value-like cells, so the readers can find where a shifted row's cells belong; and they
 * hold the steps the readers of those tables share (naming a project from its 名称 row).
 * They never decide how a value reads: that is jx_value_classify_cells().
 */
#ifndef JX_IMPORT_CELLS_H
#define JX_IMPORT_CELLS_H

#include "import.h"

#include <stdbool.h>
#include <stddef.h>

/** How jx_cell_clean treats a cell. */
enum {
    JX_CELL_MARKUP = 1,  /* drop HTML tags (`<p>`, `</p>`, `<b>`, `<ol …>`, `<br/>`) */
    JX_CELL_JOIN = 2     /* drop blanks between two CJK characters (a PDF's line break in a cell) */
};

/** The longest cell jx_cell_clean cleans; a longer cell is kept as written. */
#define JX_CELL_MAX 16384

/** The longest normalised key (jx_cell_key) compared; longer texts are never keys. */
#define JX_CELL_KEY_MAX 256

/**
 * s[0..n) cleaned as flags say, trimmed and copied into im's project arena; "" when
 * nothing is left. A cell longer than JX_CELL_MAX is copied as written (trimmed).
 */
const char *jx_cell_clean(jx_imp *im, const char *s, size_t n, unsigned flags);

/** The most cells jx_cell_split reads from a row. */
#define JX_CELL_ROW_MAX 64

/**
 * Splits line at tabs into at most max (≤ JX_CELL_ROW_MAX) cells, the last taking the
 * rest, each cleaned as jx_cell_clean with flags into c; returns how many.
 */
size_t jx_cell_split(jx_imp *im, const jx_imp_line *line, const char **c, size_t max, unsigned flags);

/** a, sep and b joined and copied into im (trimmed); an empty a or b is left out with sep. */
const char *jx_cell_join(jx_imp *im, const char *a, const char *sep, const char *b);

/**
 * The key form of s into out[cap]: markup and every blank dropped, full-width （）：
 * read as ( ) :, a trailing colon dropped. "" when s does not fit.
 */
const char *jx_cell_key(const char *s, char *out, size_t cap);

/** jx_cell_key of s[0..n), which need not be NUL-terminated; "" when n ≥ JX_CELL_KEY_MAX. */
const char *jx_cell_key_n(const char *s, size_t n, char *out, size_t cap);

/** True when s in key form equals word ("部门 (单位) 名称" is "部门(单位)名称"). */
bool jx_cell_is(const char *s, const char *word);

/** True when s in key form starts with prefix. */
bool jx_cell_starts(const char *s, const char *prefix);

/**
 * True when s and t are the same name once blanks are dropped and full-width ，；：（）
 * read as ASCII (two tables of one document spell a name differently).
 */
bool jx_cell_same(const char *s, const char *t);

/**
 * True when s starts like a value rather than a name: a comparison sign (≥ ≤ > < = ＞ ＜
 * ＝ ≧ ≦ and LaTeX `$\geq`), a digit, `$`, `/`, `-`, `—`.
 */
bool jx_cell_valueish(const char *s);

/** True when s is a comparison sign and nothing else ("≥", "$\geq$", ">=", "＜"). */
bool jx_cell_bare_sign(const char *s);

/** True when s is a 一级指标 word: 产出指标, 效益指标, 满意度指标, 产出目标, 投入与目标管理, 满意度 … */
bool jx_cell_level1_word(const char *s);

/**
 * True when s is a 二级指标 word: 数量, 质量指标, 社会效益指标, 经济成本指标, 服务对象满意度指标,
 * 长效管理, 资产管理 … (a word can be both, like 满意度 and 成本指标).
 */
bool jx_cell_level2_word(const char *s);

/**
 * True when s could be a category cell at all: a 一级 or 二级 word, anything ending in
 * 指标, or a word a page break cut after 指 ("社会效益指").
 */
bool jx_cell_category_like(const char *s);

/** True when s holds only ASCII digits, punctuation and blanks ("1", "12", "100%", "-"). */
bool jx_cell_ascii_number(const char *s);

/**
 * The first year written in s ("(2021年度)", "2023 年部门预算": four digits 1900–2099
 * followed by 年, blanks allowed between) into out[5]; false when there is none.
 */
bool jx_cell_year(const char *s, size_t n, char out[5]);

/** True when the line holds nothing but blanks and tabs. */
bool jx_cell_line_blank(const jx_imp_line *line);

/** Sets field f of the current project to s (a model string or a literal). */
void jx_cell_set(jx_imp *im, jx_imp_field f, uint32_t row, const char *s);

/**
 * Names the current project from the 名称 cell of its 项目名称 row at row. For a whole
 * department's table (whole_suffix not NULL: its 部门（单位）名称 row) the name is name
 * and whole_suffix ("…整体绩效目标"), and name is its 主管部门 and 单位 too. Warns
 * missing-name when name is empty.
 */
void jx_cell_name_project(jx_imp *im, uint32_t row, const char *name, const char *whole_suffix);

#endif
