/* SPDX-License-Identifier: MIT */
/* xlsx_book.h — what every reporter writing an Excel workbook shares: libxlsxwriter
 * behind a temporary file streamed through a jx_write_fn at the end, fixed document
 * properties (the same bytes for the same input), the cell styles of the forms in a
 * CJK font, sheet names Excel accepts, column widths and row heights measured by
 * display width, and the A4 print setup.
 *
 * Every book is written in order (libxlsxwriter's constant memory: rows go to temporary
 * files as they are done, a merge over rows written a row at a time), so what it holds is
 * the row being written of each sheet (libxlsxwriter's allocations are its business);
 * everything of jixiao's here goes through the book's jx_allocator.
 */
#ifndef JX_XLSX_BOOK_H
#define JX_XLSX_BOOK_H

#include "jixiao.h"

#include <xlsxwriter.h>

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/** The document time of a workbook written without JX_WRITE_TIMESTAMP: 1980-01-01T00:00:00Z,
 * the date libxlsxwriter gives every entry of the zip container. */
#define JX_XLSX_FIXED_TIME ((time_t)315532800)

/** Most characters (UTF-16 units, as Excel counts them) in a sheet name. */
#define JX_XLSX_NAME_MAX 31

/** Bytes a sheet name may take in UTF-8, its NUL included. */
#define JX_XLSX_NAME_BUFSZ (JX_XLSX_NAME_MAX * 4 + 1)

/** Most characters a cell holds (Excel's limit); longer text is cut, ending in "…". */
#define JX_XLSX_CELL_MAX 32767

/** Most sheets a workbook takes unless its writer bounds its sheets itself
 * (jx_xlsx_book.sheets_max): a list and a sheet for each of JX_XLSX_PROJECTS_MAX projects.
 * The sheet past it is JX_ERR_LIMIT: a book holds a temporary file open per sheet until it
 * closes (libxlsxwriter's constant memory), which the 1,024 files a process may open by
 * default bound. A document whose data holds every project, and a report whose lists hold
 * every entry (the vet's), give the projects past JX_XLSX_PROJECTS_MAX no sheet
 * (render_xlsx.c) and lift the book's bound for the sheets their data and lists fill. */
#define JX_XLSX_SHEETS_MAX (JX_XLSX_PROJECTS_MAX + 1)

/** Most columns a sheet of these reporters lays out (the 自评表's 数据 sheet has the score
 * CSV's 35). */
#define JX_XLSX_MAX_COLS 64

/** The cell styles the forms use; all in 宋体 11pt unless said. */
typedef enum jx_xlsx_style {
    JX_XLSX_TITLE = 0, /* a form's title: bold 16pt, centred, no border */
    JX_XLSX_CAPTION,   /* the line under a title (（2024年度）): centred, no border */
    JX_XLSX_HEAD,      /* a table's header cell: bold, centred, wrapped, bordered */
    JX_XLSX_LABEL,     /* a row label (项目名称, 总分) or a group cell: centred, wrapped, bordered */
    JX_XLSX_TEXT,      /* text: left, wrapped, bordered */
    JX_XLSX_CENTER,    /* short text (指标值, 结论, "—"): centred, wrapped, bordered */
    JX_XLSX_PERCENT,   /* a rate: 0.00%, bordered */
    JX_XLSX_PLAIN,     /* text outside the form (warnings, formulas): wrapped, no border */
    JX_XLSX_LOCKED,    /* a template's cell to read, not to fill: left, wrapped, bordered, shaded, locked */
    JX_XLSX_INPUT,     /* a template's cell to fill in: left, wrapped, bordered, unlocked */
    JX_XLSX_BLANK,     /* a line to write on (a form's foot: 填报人：): left, wrapped, ruled under only */
    JX_XLSX_NSTYLES
} jx_xlsx_style;

/** A merge over rows, begun at its first row and not yet merged. */
typedef struct jx_xlsx_span {
    uint32_t r1, r2;   /* its rows */
    uint32_t next;     /* the first of them whose cells are not written yet (r1 < next <= r2 + 1) */
    uint8_t c1, c2;    /* its columns */
    lxw_format *f;     /* the style of its cells */
} jx_xlsx_span;

/** A sheet being written: the libxlsxwriter sheet and its column widths. */
typedef struct jx_xlsx_sheet {
    lxw_worksheet *ws;              /* the sheet; NULL when it could not be added */
    double width[JX_XLSX_MAX_COLS]; /* column widths in Excel's units (characters of '0') */
    size_t ncols;                   /* columns in use */
    /* its merges over rows still open, in the order begun. Merged
       ranges never overlap, so a column is in one at most: JX_XLSX_MAX_COLS of them */
    jx_xlsx_span open[JX_XLSX_MAX_COLS];
    size_t nopen;
} jx_xlsx_sheet;

/** A workbook being written to its temporary file. */
typedef struct jx_xlsx_book {
    const jx_allocator *alloc;            /* for the path and the names */
    lxw_workbook *wb;                     /* NULL once closed or discarded */
    int fd;                               /* the file the workbook is written to, -1 when none */
    char *path;                           /* the name libxlsxwriter opens it by (/proc/self/fd/N), NULL when none */
    size_t path_size;                     /* bytes allocated for path */
    int named;                            /* the file has a name in tmpdir (no /proc): removed on discard */
    char *tmpdir;                         /* $TMPDIR, else /tmp: where the temporary data goes */
    lxw_format *style[JX_XLSX_NSTYLES];   /* the shared styles */
    lxw_format *number[10];               /* bordered numbers with 0..9 decimals, made when first used */
    char **names;                         /* the sheet names in use, case-folded: an open-addressing set */
    size_t names_cap;                     /* slots in names (a power of two, or 0) */
    size_t nnames;                        /* names in the set */
    size_t sheets_max;                    /* the most sheets the book takes: JX_XLSX_SHEETS_MAX when
                                             opened; SIZE_MAX once a writer that gives no project past
                                             JX_XLSX_PROJECTS_MAX a sheet lifts it (render_xlsx.c) */
    jx_result err;                        /* the first failure; later calls do nothing */
} jx_xlsx_book;

/**
 * Starts a workbook on a new temporary file in $TMPDIR (else /tmp), with the document
 * title `title` and `created` as its time (JX_XLSX_FIXED_TIME for reproducible bytes).
 * The file has no name (O_TMPFILE, or unlinked at once; libxlsxwriter opens it as
 * /proc/self/fd/N), so nothing is left behind however the process ends; libxlsxwriter's
 * own temporary files go to the same folder. JX_ERR_IO when the file cannot be made,
 * JX_ERR_NOMEM. Release bk with jx_xlsx_discard (or jx_xlsx_close) whatever this returns.
 *
 * The workbook is written in order: in each sheet, rows top to bottom, each row whole
 * (its cells, merges within it and its height) before the next is begun. The
 * rows then go to temporary files as they are done (libxlsxwriter's constant_memory), and
 * memory stays flat however many rows there are; a cell written above the row being
 * written is refused (JX_ERR_IO). A merge over rows (jx_xlsx_merge and its kin with r1 <
 * r2) is written at its first row — its value and that row's cells — and its cells of
 * each row below, blank in its style, as the sheet reaches that row (any cell or height
 * written in a later row), the range merged once its last row is written; nothing else
 * may be written in its range, and jx_xlsx_rows_end after the sheet's last cell writes
 * what is left of it. Each sheet holds a temporary file open until the book is closed
 * (JX_XLSX_SHEETS_MAX).
 */
jx_result jx_xlsx_open(jx_xlsx_book *bk, const jx_allocator *alloc, const char *title, time_t created);

/**
 * Writes the workbook, sends the file's bytes to fn(ud, …) and removes the file. Returns
 * the book's first failure, else JX_ERR_IO when the file could not be written or read
 * back or fn did not take every byte. The book is released either way.
 */
jx_result jx_xlsx_close(jx_xlsx_book *bk, jx_write_fn fn, void *ud);

/** Releases the book without writing anything and removes its file; safe to call twice. */
void jx_xlsx_discard(jx_xlsx_book *bk);

/**
 * The n-th (from 1) candidate sheet name for a sheet called name: the name with what
 * Excel refuses replaced ([]:*?/\ by their full-width forms ［］：＊？／＼, control
 * characters by spaces, apostrophes at either end dropped; "项目" when nothing is
 * left), cut to leave room for the suffix "(n)" (n > 1) with "…" where it was cut, so
 * the whole is at most JX_XLSX_NAME_MAX characters. Writes it NUL-terminated to out,
 * which holds JX_XLSX_NAME_BUFSZ bytes, and returns its length in bytes.
 */
size_t jx_xlsx_sheet_name(const char *name, unsigned n, char *out);

/**
 * Adds a sheet of ncols columns called after name (jx_xlsx_sheet_name: the first
 * candidate not yet used in the book, compared as Excel does, ignoring case; "History"
 * is reserved), with default widths. The name given is written to used_name when not
 * NULL (JX_XLSX_NAME_BUFSZ bytes). On failure sh->ws is NULL and the book's error set:
 * JX_ERR_LIMIT for the sheet past sheets_max; JX_ERR_IO when the
 * book can open no more files (a temporary file a sheet).
 */
void jx_xlsx_add_sheet(jx_xlsx_book *bk, jx_xlsx_sheet *sh, const char *name, size_t ncols, char *used_name);

/** The width in Excel's units a column needs to show s on one line (its widest line). */
double jx_xlsx_text_width(const char *s);

/** Sets the widths of the sheet's columns to w[0..ncols). */
void jx_xlsx_set_widths(jx_xlsx_book *bk, jx_xlsx_sheet *sh, const double *w);

/** Lines s takes wrapped in a cell spanning columns c1..c2 at the sheet's widths (at least 1). */
unsigned jx_xlsx_lines(const jx_xlsx_sheet *sh, size_t c1, size_t c2, const char *s);

/** Makes row tall enough for `lines` lines of text (a single line keeps the default height). */
void jx_xlsx_row_lines(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t row, unsigned lines);

/** Sets the height of row in points. */
void jx_xlsx_row_height(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t row, double points);

/** Writes the text s in a cell (cut at JX_XLSX_CELL_MAX characters). */
void jx_xlsx_text(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t row, size_t col, const char *s, jx_xlsx_style st);

/** Writes the number v shown with `decimals` places (0..9), bordered and right-aligned. */
void jx_xlsx_number(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t row, size_t col, double v, int decimals);

/** Writes the number v in style st (JX_XLSX_PERCENT: v is a fraction, 0.9668 for 96.68%). */
void jx_xlsx_number_styled(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t row, size_t col, double v,
                           jx_xlsx_style st);

/**
 * Merges the cells r1..r2 × c1..c2 and writes s there in style st; a range of one
 * cell is written as that cell, unmerged.
 */
void jx_xlsx_merge(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t r1, size_t c1, uint32_t r2, size_t c2,
                   const char *s, jx_xlsx_style st);

/** Merges r1..r2 × c1..c2 and writes the number v with `decimals` places there. */
void jx_xlsx_merge_number(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t r1, size_t c1, uint32_t r2, size_t c2,
                          double v, int decimals);

/** Merges r1..r2 × c1..c2 and writes the fraction v as a percentage (0.00%) there. */
void jx_xlsx_merge_percent(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t r1, size_t c1, uint32_t r2, size_t c2,
                           double v);

/**
 * Writes the rows the sheet's merges over rows still cover (their blank cells) and merges
 * them: after the sheet's last cell.
 */
void jx_xlsx_rows_end(jx_xlsx_book *bk, jx_xlsx_sheet *sh);

/** Adds an autofilter to the table r1..r2 × c1..c2 (its header row is r1). */
void jx_xlsx_autofilter(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t r1, size_t c1, uint32_t r2, size_t c2);

/**
 * Protects the sheet without a password: only cells of an unlocked style (JX_XLSX_INPUT)
 * can be changed; selecting cells, the autofilter and resizing rows and columns stay allowed.
 */
void jx_xlsx_protect(jx_xlsx_book *bk, jx_xlsx_sheet *sh);

/** Keeps rows 0..rows-1 in view when the sheet scrolls (frozen panes). */
void jx_xlsx_freeze_rows(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t rows);

/**
 * Sets up printing: A4 portrait, fitted to one page wide, centred, page numbers in the
 * footer, rows first_repeat..last_repeat repeated at the top of every page (none when
 * first_repeat > last_repeat), and rows 0..last_row × all columns as the print area.
 */
void jx_xlsx_print_setup(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t first_repeat, uint32_t last_repeat,
                         uint32_t last_row);

/** Prints the sheet across the page (A4 landscape), for tables too wide for portrait. */
void jx_xlsx_landscape(jx_xlsx_book *bk, jx_xlsx_sheet *sh);

/* ------------------------------------------------------------- row by row */

/** A sheet written row by row: where the next cell goes, and how tall its row must be. */
typedef struct jx_xlsx_cursor {
    jx_xlsx_book *bk; /* the workbook */
    jx_xlsx_sheet sh; /* the sheet */
    uint32_t row;     /* the row being written */
    unsigned lines;   /* the most lines a wrapped cell of this row takes at the sheet's widths */
} jx_xlsx_cursor;

/**
 * Adds a sheet of ncols columns called after name (as jx_xlsx_add_sheet; the name given
 * to used_name when not NULL) and puts the cursor at its first row.
 */
void jx_xlsx_cursor_start(jx_xlsx_cursor *cu, jx_xlsx_book *bk, const char *name, size_t ncols, char *used_name);

/** Writes the text s in column col of the current row, noting the lines it wraps to. */
void jx_xlsx_cursor_text(jx_xlsx_cursor *cu, size_t col, const char *s, jx_xlsx_style st);

/** Merges columns c1..c2 of the current row and writes s there, noting the lines it wraps to. */
void jx_xlsx_cursor_span(jx_xlsx_cursor *cu, size_t c1, size_t c2, const char *s, jx_xlsx_style st);

/** Writes the number v with `decimals` places in column col of the current row. */
void jx_xlsx_cursor_number(jx_xlsx_cursor *cu, size_t col, double v, int decimals);

/** Makes the current row tall enough for its wrapped text and moves to the next. */
void jx_xlsx_cursor_end_row(jx_xlsx_cursor *cu);

/* -------------------------------------------------------------- lists */

/** The shape of a list: its sheets' name, the rows above its header, and its columns. */
typedef struct jx_xlsx_list_spec {
    const char *name;        /* the sheets' name: "发现", then "发现(2)", … when one is full */
    const char *title;       /* a title row above the header (JX_XLSX_TITLE), NULL for none */
    const char *caption;     /* a line under the title (JX_XLSX_CAPTION), NULL for none */
    const char *const *head; /* the header's cells, ncols of them */
    const double *min;       /* each column's narrowest width, in Excel's units */
    const double *max;       /* …and its widest: longer text wraps */
    size_t ncols;            /* columns, at most JX_XLSX_MAX_COLS */
    int landscape;           /* non-zero: printed across the page */
    int protect;             /* non-zero: each sheet protected (jx_xlsx_protect), only unlocked cells editable */
} jx_xlsx_list_spec;

/**
 * A table of one row per record under a header row, for any number of records: when a
 * sheet holds as many rows as Excel allows, the list goes on in a new sheet of the same
 * name (made unique: "发现(2)") under the same header. Each sheet's header row is frozen,
 * filtered (autofilter over the records) and repeated on every printed page; its
 * columns are as wide as their widest cell within the spec's bounds and its rows as
 * tall as their wrapped text. The strings of the spec must stay valid until the list is
 * closed.
 */
typedef struct jx_xlsx_list {
    jx_xlsx_cursor cu;           /* the sheet being filled and its current row */
    jx_xlsx_list_spec spec;      /* what the list looks like */
    double w[JX_XLSX_MAX_COLS];  /* each column's widest cell in this sheet, within the bounds */
    uint32_t head_row;           /* the header's row in each sheet */
    uint32_t last_row;           /* the last row a sheet may use: Excel's last, lower in tests */
    int open;                    /* a record's row is being written */
    size_t nsheets;              /* sheets begun */
    size_t nrecords;             /* records in all sheets */
} jx_xlsx_list;

/** Starts a list in bk: its first sheet with the title, caption and header rows. */
void jx_xlsx_list_open(jx_xlsx_list *l, jx_xlsx_book *bk, const jx_xlsx_list_spec *spec);

/**
 * Begins the next record's row (on a new sheet when this one is full) and returns its
 * row; the cells go in with jx_xlsx_list_text and jx_xlsx_list_number.
 */
uint32_t jx_xlsx_list_row(jx_xlsx_list *l);

/** Writes the text s in column col of the record's row, widening the column to fit it. */
void jx_xlsx_list_text(jx_xlsx_list *l, size_t col, const char *s, jx_xlsx_style st);

/** Writes the number v with `decimals` places in column col of the record's row. */
void jx_xlsx_list_number(jx_xlsx_list *l, size_t col, double v, int decimals);

/** Finishes the last sheet: widths, row height, filter, frozen header and print setup. */
void jx_xlsx_list_close(jx_xlsx_list *l);

#endif
