/* SPDX-License-Identifier: MIT */
/* xlsx_book.c — a workbook written with libxlsxwriter to a temporary file and streamed
 * through a jx_write_fn: styles, sheet names, widths, row heights and print setup. */
#define _GNU_SOURCE /* O_TMPFILE, mkostemps */
#include "xlsx_book.h"

#include "alloc.h"
#include "csv.h"
#include "readall.h"
#include "text.h"
#include "width.h"

#include <utf8proc.h>

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/** The font of every cell: 宋体 (SimSun), which Excel and WPS substitute where missing. */
#define FONT_NAME "宋体"
/** GB2312_CHARSET, so a reader without 宋体 picks a Chinese font. */
#define FONT_CHARSET 134
/** Points per line of 11pt 宋体 text, and the height of a row of one line. */
#define LINE_POINTS 14.25
/** Width units one display cell takes (a CJK character is two cells). */
#define UNITS_PER_CELL 1.1
/** Width units a cell's padding takes. */
#define CELL_PADDING 2.0

/* The first failure of the book stays; a libxlsxwriter error becomes JX_ERR_NOMEM when
 * memory ran out, else JX_ERR_IO (the workbook cannot be written as asked). */
static void fail(jx_xlsx_book *bk, lxw_error e)
{
    if (e == LXW_NO_ERROR || bk->err != JX_OK)
        return;
    bk->err = e == LXW_ERROR_MEMORY_MALLOC_FAILED ? JX_ERR_NOMEM : JX_ERR_IO;
}

/*
 * XML 1.0 has no U+FFFE or U+FFFF, though UTF-8 encodes them (EF BF BE, EF BF BF): a
 * workbook holding one is refused by Excel and by every XML parser. They become U+FFFD
 * (EF BF BD, as long) in what is written; every other character libxlsxwriter escapes.
 */
static bool xml_nonchar(const char *s, size_t n)
{
    for (const char *p = s; (p = memchr(p, '\xEF', n - (size_t)(p - s))) != NULL; p++)
        if (n - (size_t)(p - s) >= 3 && (unsigned char)p[1] == 0xBF && ((unsigned char)p[2] & 0xFE) == 0xBE)
            return true;
    return false;
}

/** s[0..n) with its U+FFFE and U+FFFF as U+FFFD, in *owned (*owned_size bytes); NULL when memory ran out. */
static const char *xml_mended(jx_xlsx_book *bk, const char *s, size_t n, char **owned, size_t *owned_size)
{
    char *t = jx_malloc(bk->alloc, n + 1);
    if (!t) {
        bk->err = JX_ERR_NOMEM;
        return NULL;
    }
    memcpy(t, s, n + 1);
    for (size_t i = 0; i + 2 < n; i++)
        if ((unsigned char)t[i] == 0xEF && (unsigned char)t[i + 1] == 0xBF && ((unsigned char)t[i + 2] & 0xFE) == 0xBE)
            t[i + 2] = (char)0xBD;
    *owned = t;
    *owned_size = n + 1;
    return t;
}

/* A new style in 宋体 11pt, vertically centred, with a thin border when `border`. */
static lxw_format *base_style(lxw_workbook *wb, bool border)
{
    lxw_format *f = workbook_add_format(wb);
    if (!f)
        return NULL;
    format_set_font_name(f, FONT_NAME);
    format_set_font_size(f, 11);
    format_set_font_charset(f, FONT_CHARSET);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    return f;
}

/* What each shared style is beyond the base (base_style): a row per style, in the order
 * of jx_xlsx_style. */
static const struct style_spec {
    bool border;      /* thin border all round */
    bool bold;
    uint8_t size;     /* font size, 0 for the default */
    uint8_t align;    /* LXW_ALIGN_*, 0 for none */
    bool wrap;        /* text wrapped */
    const char *num;  /* number format, NULL for none */
    uint32_t shade;   /* a solid fill's colour, 0 for none */
    bool unlocked;    /* editable on a protected sheet */
    bool ruled_under; /* a thin line under it only */
} style_specs[JX_XLSX_NSTYLES] = {
    [JX_XLSX_TITLE] = {.bold = true, .size = 16, .align = LXW_ALIGN_CENTER},
    [JX_XLSX_CAPTION] = {.align = LXW_ALIGN_CENTER},
    [JX_XLSX_HEAD] = {.border = true, .bold = true, .align = LXW_ALIGN_CENTER, .wrap = true},
    [JX_XLSX_LABEL] = {.border = true, .align = LXW_ALIGN_CENTER, .wrap = true},
    [JX_XLSX_TEXT] = {.border = true, .align = LXW_ALIGN_LEFT, .wrap = true},
    [JX_XLSX_CENTER] = {.border = true, .align = LXW_ALIGN_CENTER, .wrap = true},
    [JX_XLSX_PERCENT] = {.border = true, .align = LXW_ALIGN_CENTER, .num = "0.00%"},
    [JX_XLSX_PLAIN] = {.align = LXW_ALIGN_LEFT, .wrap = true},
    [JX_XLSX_LOCKED] = {.border = true, .align = LXW_ALIGN_LEFT, .wrap = true,
                        .shade = 0xE7E6E6}, /* light grey: nothing to fill in */
    [JX_XLSX_INPUT] = {.border = true, .align = LXW_ALIGN_LEFT, .wrap = true, .unlocked = true},
    [JX_XLSX_BLANK] = {.align = LXW_ALIGN_LEFT, .wrap = true, .ruled_under = true},
};

/* Makes the shared styles; false when memory ran out. */
static bool make_styles(jx_xlsx_book *bk)
{
    for (int i = 0; i < JX_XLSX_NSTYLES; i++) {
        const struct style_spec *sp = &style_specs[i];
        lxw_format *f = bk->style[i] = base_style(bk->wb, sp->border);
        if (!f)
            return false;
        if (sp->bold)
            format_set_bold(f);
        if (sp->size)
            format_set_font_size(f, sp->size);
        if (sp->align)
            format_set_align(f, sp->align);
        if (sp->wrap)
            format_set_text_wrap(f);
        if (sp->num)
            format_set_num_format(f, sp->num);
        if (sp->shade) {
            format_set_pattern(f, LXW_PATTERN_SOLID);
            format_set_bg_color(f, sp->shade);
        }
        if (sp->unlocked)
            format_set_unlocked(f);
        if (sp->ruled_under)
            format_set_bottom(f, LXW_BORDER_THIN);
    }
    return true;
}

/* Makes the file the workbook is written to in dir: a file without a name (O_TMPFILE, or
 * made and unlinked at once), which libxlsxwriter opens again as /proc/self/fd/N, so
 * nothing is left behind however the process ends. Where /proc is missing the file keeps
 * its name until jx_xlsx_discard. Sets bk->fd and bk->path; false on failure. */
static bool open_file(jx_xlsx_book *bk, const char *dir)
{
    static const char tail[] = "/jixiao-XXXXXX.xlsx";
    size_t dn = strlen(dir);
    bk->path_size = dn + sizeof tail > 32 ? dn + sizeof tail : 32;
    bk->path = jx_malloc(bk->alloc, bk->path_size);
    if (!bk->path)
        return false;
    bool proc = access("/proc/self/fd", X_OK) == 0;
    bk->fd = proc ? open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600) : -1;
    if (bk->fd < 0) {
        memcpy(bk->path, dir, dn);
        memcpy(bk->path + dn, tail, sizeof tail);
        bk->fd = mkostemps(bk->path, 5, O_CLOEXEC);
        if (bk->fd < 0)
            return false;
        bk->named = !proc;
        if (proc)
            unlink(bk->path);
    }
    if (proc)
        snprintf(bk->path, bk->path_size, "/proc/self/fd/%d", bk->fd);
    return true;
}

jx_result jx_xlsx_open(jx_xlsx_book *bk, const jx_allocator *alloc, const char *title, time_t created)
{
    memset(bk, 0, sizeof *bk);
    bk->fd = -1;
    bk->sheets_max = JX_XLSX_SHEETS_MAX;
    bk->alloc = jx_alloc_or_default(alloc);
    const char *dir = jx_tmpdir();
    bk->tmpdir = jx_strndup(bk->alloc, dir, strlen(dir));
    if (!bk->tmpdir)
        return bk->err = JX_ERR_NOMEM;
    if (!open_file(bk, dir)) {
        jx_result rc = bk->path ? JX_ERR_IO : JX_ERR_NOMEM;
        jx_xlsx_discard(bk);
        return bk->err = rc;
    }
    /* in order: libxlsxwriter's constant_memory, each row written to a temporary file (in
     * tmpdir, without a name) once the next is begun, so the cells are never all in memory */
    lxw_workbook_options opts = {LXW_TRUE, bk->tmpdir, LXW_FALSE};
    bk->wb = workbook_new_opt(bk->path, &opts);
    if (!bk->wb) {
        jx_xlsx_discard(bk);
        return bk->err = JX_ERR_NOMEM;
    }
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    char *owned = NULL;
    size_t owned_size = 0;
    props.title = title && xml_nonchar(title, strlen(title)) ? (char *)xml_mended(bk, title, strlen(title), &owned, &owned_size)
                                                              : (char *)title;
    props.created = created;
    if (bk->err == JX_OK)
        fail(bk, workbook_set_properties(bk->wb, &props));
    if (owned)
        jx_free(bk->alloc, owned, owned_size);
    if (bk->err == JX_OK && !make_styles(bk))
        bk->err = JX_ERR_NOMEM;
    return bk->err;
}

/* Empties the set of sheet names. */
static void free_names(jx_xlsx_book *bk)
{
    for (size_t i = 0; i < bk->names_cap; i++)
        if (bk->names[i])
            jx_free(bk->alloc, bk->names[i], strlen(bk->names[i]) + 1);
    jx_free(bk->alloc, bk->names, bk->names_cap * sizeof *bk->names);
    bk->names = NULL;
    bk->names_cap = bk->nnames = 0;
}

void jx_xlsx_discard(jx_xlsx_book *bk)
{
    if (bk->wb) {
        lxw_workbook_free(bk->wb);
        bk->wb = NULL;
    }
    if (bk->fd >= 0) {
        close(bk->fd);
        bk->fd = -1;
    }
    if (bk->path) {
        if (bk->named)
            unlink(bk->path);
        jx_free(bk->alloc, bk->path, bk->path_size);
        bk->path = NULL;
    }
    if (bk->tmpdir) {
        jx_free(bk->alloc, bk->tmpdir, strlen(bk->tmpdir) + 1);
        bk->tmpdir = NULL;
    }
    free_names(bk);
}

/* libxlsxwriter writes a workbook's time (docProps/core.xml) through gmtime(3), whose result
 * is one static buffer of the C library: two workbooks closed at once in two threads would
 * race on it. Closing is the only place it is called, so the library closes one workbook at
 * a time — the one lock of jixiao, held for nothing else. */
static pthread_mutex_t xlsx_close_lock = PTHREAD_MUTEX_INITIALIZER;

jx_result jx_xlsx_close(jx_xlsx_book *bk, jx_write_fn fn, void *ud)
{
    if (bk->wb && bk->err == JX_OK) {
        pthread_mutex_lock(&xlsx_close_lock);
        lxw_error e = workbook_close(bk->wb); /* writes the file and frees the workbook */
        pthread_mutex_unlock(&xlsx_close_lock);
        bk->wb = NULL;
        fail(bk, e);
    }
    if (bk->err == JX_OK && bk->fd >= 0) {
        char buf[16384];
        off_t at = 0;
        for (;;) {
            ssize_t n = pread(bk->fd, buf, sizeof buf, at);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                bk->err = JX_ERR_IO;
            if (n <= 0)
                break;
            at += n;
            if (fn(ud, buf, (size_t)n) != (size_t)n) {
                bk->err = JX_ERR_IO;
                break;
            }
        }
    }
    jx_result rc = bk->err;
    jx_xlsx_discard(bk);
    return rc;
}

/* ------------------------------------------------------------------ sheet names */

/* What Excel refuses in a sheet name, as the full-width character that stands for it;
 * a control character as a space; anything else as it is. */
static int32_t name_char(int32_t cp)
{
    switch (cp) {
    case '[': return 0xFF3B;  /* ［ */
    case ']': return 0xFF3D;  /* ］ */
    case ':': return 0xFF1A;  /* ： */
    case '*': return 0xFF0A;  /* ＊ */
    case '?': return 0xFF1F;  /* ？ */
    case '/': return 0xFF0F;  /* ／ */
    case '\\': return 0xFF3C; /* ＼ */
    default: break;
    }
    if (cp < 0 || cp == 0xFFFE || cp == 0xFFFF)
        return 0xFFFD; /* not UTF-8, or no character XML allows */
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
        return ' ';
    return cp;
}

/* UTF-16 units of a code point: how Excel counts a name's length. */
static unsigned units_of(int32_t cp)
{
    return cp >= 0x10000 ? 2 : 1;
}

/* Appends cp to out at *len as UTF-8. */
static void put_cp(char *out, size_t *len, int32_t cp)
{
    *len += jx_text_utf8_put(out + *len, (uint32_t)cp);
}

size_t jx_xlsx_sheet_name(const char *name, unsigned n, char *out)
{
    /* enough characters to know whether the name fits, however it is cut */
    int32_t cps[2 * JX_XLSX_NAME_MAX + 2];
    size_t ncp = 0;
    bool more = false;
    size_t len = strlen(name);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += jx_text_utf8_decode(name + i, len - i, &cp);
        cp = name_char(cp);
        if (ncp == 0 && cp == '\'')
            continue; /* a name may not start with an apostrophe */
        if (ncp == sizeof cps / sizeof *cps) {
            more = true;
            break;
        }
        cps[ncp++] = cp;
    }
    if (!more)
        while (ncp > 0 && cps[ncp - 1] == '\'')
            ncp--; /* …nor end with one */
    static const int32_t fallback[] = {0x9879, 0x76EE}; /* 项目 */
    if (ncp == 0) {
        cps[0] = fallback[0];
        cps[1] = fallback[1];
        ncp = 2;
    }
    char suffix[16];
    size_t slen = 0;
    if (n > 1) {
        char digits[12];
        size_t k = sizeof digits;
        unsigned v = n;
        do {
            digits[--k] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        suffix[slen++] = '(';
        memcpy(suffix + slen, digits + k, sizeof digits - k);
        slen += sizeof digits - k;
        suffix[slen++] = ')';
    }
    unsigned room = JX_XLSX_NAME_MAX - (unsigned)slen;
    unsigned total = 0;
    for (size_t i = 0; i < ncp; i++)
        total += units_of(cps[i]);
    bool cut = more || total > room;
    size_t keep = ncp;
    if (cut) {
        unsigned u = 0;
        keep = 0;
        while (keep < ncp && u + units_of(cps[keep]) <= room - 1)
            u += units_of(cps[keep++]);
    }
    size_t olen = 0;
    for (size_t i = 0; i < keep; i++)
        put_cp(out, &olen, cps[i]);
    if (cut)
        put_cp(out, &olen, 0x2026); /* … */
    memcpy(out + olen, suffix, slen);
    olen += slen;
    out[olen] = '\0';
    return olen;
}

/* name folded to lower case code point by code point, as Excel compares sheet names. */
static void fold_name(const char *name, char *out)
{
    size_t len = strlen(name), olen = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += jx_text_utf8_decode(name + i, len - i, &cp);
        put_cp(out, &olen, cp < 0 ? 0xFFFD : utf8proc_tolower(cp));
    }
    out[olen] = '\0';
}

/* The slot of the folded name in the set: where it is, or the empty slot it would take. */
static size_t name_slot(const jx_xlsx_book *bk, const char *folded)
{
    size_t mask = bk->names_cap - 1;
    size_t i = jx_csv_hash(folded, strlen(folded)) & mask;
    while (bk->names[i] && strcmp(bk->names[i], folded) != 0)
        i = (i + 1) & mask;
    return i;
}

/* Adds the folded name to the set; false when memory ran out. */
static bool add_name(jx_xlsx_book *bk, const char *folded)
{
    if ((bk->nnames + 1) * 2 > bk->names_cap) {
        size_t ncap = bk->names_cap ? bk->names_cap * 2 : 64;
        char **old = bk->names;
        size_t ocap = bk->names_cap;
        bk->names = jx_calloc(bk->alloc, ncap * sizeof *bk->names);
        if (!bk->names) {
            bk->names = old;
            return false;
        }
        bk->names_cap = ncap;
        for (size_t i = 0; i < ocap; i++)
            if (old[i])
                bk->names[name_slot(bk, old[i])] = old[i];
        jx_free(bk->alloc, old, ocap * sizeof *old);
    }
    char *copy = jx_strndup(bk->alloc, folded, strlen(folded));
    if (!copy)
        return false;
    bk->names[name_slot(bk, copy)] = copy;
    bk->nnames++;
    return true;
}

/* True when the folded name is taken (or reserved by Excel). */
static bool name_used(const jx_xlsx_book *bk, const char *folded)
{
    if (strcmp(folded, "history") == 0)
        return true;
    return bk->names_cap > 0 && bk->names[name_slot(bk, folded)] != NULL;
}

void jx_xlsx_add_sheet(jx_xlsx_book *bk, jx_xlsx_sheet *sh, const char *name, size_t ncols, char *used_name)
{
    memset(sh, 0, sizeof *sh);
    sh->ncols = ncols < JX_XLSX_MAX_COLS ? ncols : JX_XLSX_MAX_COLS;
    for (size_t c = 0; c < JX_XLSX_MAX_COLS; c++)
        sh->width[c] = LXW_DEF_COL_WIDTH;
    if (used_name)
        used_name[0] = '\0';
    if (bk->err != JX_OK || !bk->wb)
        return;
    /* every sheet's name is in the set, so nnames counts the sheets */
    if (bk->nnames >= bk->sheets_max) {
        bk->err = JX_ERR_LIMIT;
        return;
    }
    char cand[JX_XLSX_NAME_BUFSZ], folded[JX_XLSX_NAME_BUFSZ];
    for (unsigned n = 1;; n++) {
        jx_xlsx_sheet_name(name, n, cand);
        fold_name(cand, folded);
        if (!name_used(bk, folded))
            break;
    }
    if (!add_name(bk, folded)) {
        bk->err = JX_ERR_NOMEM;
        return;
    }
    errno = 0;
    sh->ws = workbook_add_worksheet(bk->wb, cand);
    if (!sh->ws) {
        /* a sheet opens a temporary file: no more files is no output, not no memory
           (libxlsxwriter says both the same) */
        bk->err = errno == EMFILE || errno == ENFILE ? JX_ERR_IO : JX_ERR_NOMEM;
        return;
    }
    if (used_name)
        memcpy(used_name, cand, strlen(cand) + 1);
}

/* ------------------------------------------------------- merges over rows, in order */

/*
 * libxlsxwriter's worksheet_merge_range records the range and writes every cell of it, the
 * first then the others blank, row by row: in constant memory that moves the sheet past
 * rows whose other cells are still to come (their writes are then refused). So the book
 * writes a merge over rows itself, a row at a time — its first row when
 * it is made (span_begin), the blank cells of each row below when the sheet reaches that
 * row (reach) — and calls worksheet_merge_range only once the last row's cells are
 * written: the range is recorded all the same (it checks its last row only), its writes
 * above the row being written are refused and not reported, and those of the last row
 * write the blanks that are there again.
 */

/* Begins the merge r1..r2 × c1..c2 (r1 < r2) in style f whose first cell is written: the
 * rest of row r1 blank, the rows below left open. */
static void span_begin(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t r1, size_t c1, uint32_t r2, size_t c2,
                       lxw_format *f)
{
    for (size_t c = c1 + 1; c <= c2 && bk->err == JX_OK; c++)
        fail(bk, worksheet_write_blank(sh->ws, r1, (lxw_col_t)c, f));
    assert(c2 < JX_XLSX_MAX_COLS && sh->nopen < JX_XLSX_MAX_COLS); /* ranges never overlap */
    if (c2 >= JX_XLSX_MAX_COLS || sh->nopen == JX_XLSX_MAX_COLS) {
        fail(bk, LXW_ERROR_PARAMETER_VALIDATION);
        return;
    }
    sh->open[sh->nopen++] = (jx_xlsx_span){.r1 = r1, .r2 = r2, .next = r1 + 1, .c1 = (uint8_t)c1,
                                           .c2 = (uint8_t)c2, .f = f};
}

/* Writes the rows of the open merges up to `row`, top to bottom: in each, the cells of the
 * merges covering it blank; then every merge whose last row that was is merged. */
static void reach(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t row)
{
    while (sh->nopen > 0 && bk->err == JX_OK) {
        uint32_t r = sh->open[0].next;
        for (size_t i = 1; i < sh->nopen; i++)
            if (sh->open[i].next < r)
                r = sh->open[i].next;
        if (r > row)
            return;
        for (size_t i = 0; i < sh->nopen; i++) {
            jx_xlsx_span *m = &sh->open[i];
            if (m->next != r)
                continue;
            for (size_t c = m->c1; c <= m->c2; c++)
                fail(bk, worksheet_write_blank(sh->ws, r, (lxw_col_t)c, m->f));
            m->next++;
        }
        for (size_t i = 0; i < sh->nopen;) {
            jx_xlsx_span *m = &sh->open[i];
            if (m->next <= m->r2) {
                i++;
                continue;
            }
            fail(bk, worksheet_merge_range(sh->ws, m->r1, m->c1, m->r2, m->c2, "", m->f));
            memmove(m, m + 1, (sh->nopen - i - 1) * sizeof *m);
            sh->nopen--;
        }
    }
}

void jx_xlsx_rows_end(jx_xlsx_book *bk, jx_xlsx_sheet *sh)
{
    if (bk->err == JX_OK && sh->ws)
        reach(bk, sh, UINT32_MAX);
}

/* ------------------------------------------------------------ widths and heights */

double jx_xlsx_text_width(const char *s)
{
    size_t widest = 0;
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        size_t w = jx_display_width(s, n);
        if (w > widest)
            widest = w;
        s += n + (nl != NULL);
    }
    return (double)widest * UNITS_PER_CELL + CELL_PADDING;
}

void jx_xlsx_set_widths(jx_xlsx_book *bk, jx_xlsx_sheet *sh, const double *w)
{
    if (bk->err != JX_OK || !sh->ws)
        return;
    for (size_t c = 0; c < sh->ncols; c++) {
        sh->width[c] = w[c];
        fail(bk, worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c, w[c], NULL));
    }
}

unsigned jx_xlsx_lines(const jx_xlsx_sheet *sh, size_t c1, size_t c2, const char *s)
{
    double avail = -CELL_PADDING;
    for (size_t c = c1; c <= c2 && c < JX_XLSX_MAX_COLS; c++)
        avail += sh->width[c];
    /* whole display cells a line holds (the small term keeps 11 / 1.1 at 10) */
    size_t per_line = avail > 0 ? (size_t)(avail / UNITS_PER_CELL + 1e-9) : 0;
    if (per_line < 2)
        per_line = 2;
    unsigned lines = 0;
    do {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        size_t w = jx_display_width(s, n);
        lines += w == 0 ? 1 : (unsigned)((w + per_line - 1) / per_line);
        s += n + (nl != NULL);
    } while (*s);
    return lines;
}

void jx_xlsx_row_height(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t row, double points)
{
    if (bk->err != JX_OK || !sh->ws)
        return;
    reach(bk, sh, row);
    fail(bk, worksheet_set_row(sh->ws, row, points, NULL));
}

void jx_xlsx_row_lines(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t row, unsigned lines)
{
    if (lines > 1)
        jx_xlsx_row_height(bk, sh, row, LINE_POINTS * lines + 2);
}

/* ------------------------------------------------------------------------ cells */

/* s, or when it is longer than a cell holds a copy cut to fit, ending in "…" (*owned
 * is then set, of *owned_size bytes, for the caller to free). */
static const char *fit_text(jx_xlsx_book *bk, const char *s, char **owned, size_t *owned_size)
{
    *owned = NULL;
    size_t len = strlen(s);
    if (xml_nonchar(s, len)) {
        s = xml_mended(bk, s, len, owned, owned_size);
        if (!s)
            return NULL;
    }
    if (len <= JX_XLSX_CELL_MAX)
        return s; /* no more characters than bytes */
    size_t i = 0, units = 0, cut = 0;
    while (i < len) {
        int32_t cp;
        size_t k = jx_text_utf8_decode(s + i, len - i, &cp);
        units += units_of(cp);
        if (units <= JX_XLSX_CELL_MAX - 1)
            cut = i + k;
        i += k;
    }
    if (units <= JX_XLSX_CELL_MAX)
        return s;
    size_t size = cut + sizeof "…";
    char *t = jx_malloc(bk->alloc, size);
    if (!t) {
        bk->err = JX_ERR_NOMEM;
        return NULL;
    }
    memcpy(t, s, cut);
    memcpy(t + cut, "…", sizeof "…");
    if (*owned)
        jx_free(bk->alloc, *owned, *owned_size);
    *owned = t;
    *owned_size = size;
    return t;
}

void jx_xlsx_text(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t row, size_t col, const char *s, jx_xlsx_style st)
{
    jx_xlsx_merge(bk, sh, row, col, row, col, s, st);
}

/* The bordered number style with `decimals` places, made when first asked for. */
static lxw_format *number_style(jx_xlsx_book *bk, int decimals)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    if (bk->number[decimals])
        return bk->number[decimals];
    lxw_format *f = base_style(bk->wb, true);
    if (!f) {
        bk->err = JX_ERR_NOMEM;
        return NULL;
    }
    char fmt[16] = "0";
    if (decimals > 0) {
        fmt[1] = '.';
        memset(fmt + 2, '0', (size_t)decimals);
        fmt[2 + decimals] = '\0';
    }
    format_set_num_format(f, fmt);
    format_set_align(f, LXW_ALIGN_RIGHT);
    return bk->number[decimals] = f;
}

void jx_xlsx_number(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t row, size_t col, double v, int decimals)
{
    jx_xlsx_merge_number(bk, sh, row, col, row, col, v, decimals);
}

void jx_xlsx_number_styled(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t row, size_t col, double v,
                           jx_xlsx_style st)
{
    if (bk->err != JX_OK || !sh->ws)
        return;
    reach(bk, sh, row);
    fail(bk, worksheet_write_number(sh->ws, row, (lxw_col_t)col, v, bk->style[st]));
}

void jx_xlsx_merge(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t r1, size_t c1, uint32_t r2, size_t c2,
                   const char *s, jx_xlsx_style st)
{
    if (bk->err != JX_OK || !sh->ws)
        return;
    char *owned;
    size_t owned_size = 0;
    const char *text = fit_text(bk, s ? s : "", &owned, &owned_size);
    if (!text)
        return;
    lxw_format *f = bk->style[st];
    reach(bk, sh, r1);
    bool over_rows = r1 < r2; /* written a row at a time (span_begin) */
    if ((r1 == r2 && c1 == c2) || over_rows)
        fail(bk, text[0] ? worksheet_write_string(sh->ws, r1, (lxw_col_t)c1, text, f)
                         : worksheet_write_blank(sh->ws, r1, (lxw_col_t)c1, f));
    else
        fail(bk, worksheet_merge_range(sh->ws, r1, (lxw_col_t)c1, r2, (lxw_col_t)c2, text, f));
    if (over_rows && bk->err == JX_OK)
        span_begin(bk, sh, r1, c1, r2, c2, f);
    if (owned)
        jx_free(bk->alloc, owned, owned_size);
}

/* Merges the range in format f (when it is more than one cell) and writes v in its first cell. */
static void merge_value(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t r1, size_t c1, uint32_t r2, size_t c2,
                        double v, lxw_format *f)
{
    if (bk->err != JX_OK || !sh->ws || !f)
        return;
    reach(bk, sh, r1);
    bool over_rows = r1 < r2; /* written a row at a time (span_begin) */
    if ((r1 != r2 || c1 != c2) && !over_rows)
        fail(bk, worksheet_merge_range(sh->ws, r1, (lxw_col_t)c1, r2, (lxw_col_t)c2, "", f));
    if (bk->err == JX_OK)
        fail(bk, worksheet_write_number(sh->ws, r1, (lxw_col_t)c1, v, f));
    if (over_rows && bk->err == JX_OK)
        span_begin(bk, sh, r1, c1, r2, c2, f);
}

void jx_xlsx_merge_number(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t r1, size_t c1, uint32_t r2, size_t c2,
                          double v, int decimals)
{
    if (bk->err != JX_OK || !sh->ws)
        return;
    merge_value(bk, sh, r1, c1, r2, c2, v, number_style(bk, decimals));
}

void jx_xlsx_merge_percent(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t r1, size_t c1, uint32_t r2, size_t c2,
                           double v)
{
    merge_value(bk, sh, r1, c1, r2, c2, v, bk->style[JX_XLSX_PERCENT]);
}

void jx_xlsx_autofilter(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t r1, size_t c1, uint32_t r2, size_t c2)
{
    if (bk->err != JX_OK || !sh->ws)
        return;
    fail(bk, worksheet_autofilter(sh->ws, r1, (lxw_col_t)c1, r2, (lxw_col_t)c2));
}

void jx_xlsx_protect(jx_xlsx_book *bk, jx_xlsx_sheet *sh)
{
    if (bk->err != JX_OK || !sh->ws)
        return;
    lxw_protection opt = {.format_columns = 1, .format_rows = 1, .autofilter = 1};
    worksheet_protect(sh->ws, NULL, &opt);
}

void jx_xlsx_freeze_rows(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t rows)
{
    if (bk->err != JX_OK || !sh->ws)
        return;
    worksheet_freeze_panes(sh->ws, rows, 0);
}

/* ------------------------------------------------------------------------ print */

void jx_xlsx_print_setup(jx_xlsx_book *bk, jx_xlsx_sheet *sh, uint32_t first_repeat, uint32_t last_repeat,
                         uint32_t last_row)
{
    if (bk->err != JX_OK || !sh->ws)
        return;
    lxw_worksheet *ws = sh->ws;
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_portrait(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_center_horizontally(ws);
    worksheet_set_margins(ws, 0.5, 0.5, 0.75, 0.75);
    fail(bk, worksheet_set_footer(ws, "&C第 &P 页，共 &N 页"));
    if (first_repeat <= last_repeat)
        fail(bk, worksheet_repeat_rows(ws, first_repeat, last_repeat));
    if (sh->ncols > 0)
        fail(bk, worksheet_print_area(ws, 0, 0, last_row, (lxw_col_t)(sh->ncols - 1)));
}

void jx_xlsx_landscape(jx_xlsx_book *bk, jx_xlsx_sheet *sh)
{
    if (bk->err != JX_OK || !sh->ws)
        return;
    worksheet_set_landscape(sh->ws);
}

/* ------------------------------------------------------------- row by row */

void jx_xlsx_cursor_start(jx_xlsx_cursor *cu, jx_xlsx_book *bk, const char *name, size_t ncols, char *used_name)
{
    cu->bk = bk;
    cu->row = 0;
    cu->lines = 1;
    jx_xlsx_add_sheet(bk, &cu->sh, name, ncols, used_name);
}

/* Notes that s, wrapped over columns c1..c2 of the current row, needs its lines. */
static void cursor_fit(jx_xlsx_cursor *cu, size_t c1, size_t c2, const char *s)
{
    unsigned n = jx_xlsx_lines(&cu->sh, c1, c2, s ? s : "");
    if (n > cu->lines)
        cu->lines = n;
}

void jx_xlsx_cursor_text(jx_xlsx_cursor *cu, size_t col, const char *s, jx_xlsx_style st)
{
    jx_xlsx_text(cu->bk, &cu->sh, cu->row, col, s, st);
    if (st != JX_XLSX_TITLE && st != JX_XLSX_CAPTION)
        cursor_fit(cu, col, col, s);
}

void jx_xlsx_cursor_span(jx_xlsx_cursor *cu, size_t c1, size_t c2, const char *s, jx_xlsx_style st)
{
    jx_xlsx_merge(cu->bk, &cu->sh, cu->row, c1, cu->row, c2, s, st);
    if (st != JX_XLSX_TITLE && st != JX_XLSX_CAPTION)
        cursor_fit(cu, c1, c2, s);
}

void jx_xlsx_cursor_number(jx_xlsx_cursor *cu, size_t col, double v, int decimals)
{
    jx_xlsx_number(cu->bk, &cu->sh, cu->row, col, v, decimals);
}

void jx_xlsx_cursor_end_row(jx_xlsx_cursor *cu)
{
    jx_xlsx_row_lines(cu->bk, &cu->sh, cu->row, cu->lines);
    cu->lines = 1;
    cu->row++;
}

/* -------------------------------------------------------------- lists */

/* Starts a sheet of the list: the title, the caption and the header rows; the columns
 * counted at their widest while rows are written, so a row's height holds at any
 * narrower width the column ends with. */
static void list_sheet(jx_xlsx_list *l)
{
    const jx_xlsx_list_spec *sp = &l->spec;
    jx_xlsx_cursor_start(&l->cu, l->cu.bk, sp->name, sp->ncols, NULL);
    l->nsheets++;
    if (sp->protect)
        jx_xlsx_protect(l->cu.bk, &l->cu.sh);
    for (size_t c = 0; c < l->cu.sh.ncols; c++) {
        l->cu.sh.width[c] = sp->max[c];
        l->w[c] = sp->min[c];
        double need = jx_xlsx_text_width(sp->head[c]);
        if (need > l->w[c])
            l->w[c] = need > sp->max[c] ? sp->max[c] : need;
    }
    size_t last = l->cu.sh.ncols ? l->cu.sh.ncols - 1 : 0;
    if (sp->title) {
        jx_xlsx_cursor_span(&l->cu, 0, last, sp->title, JX_XLSX_TITLE);
        jx_xlsx_row_height(l->cu.bk, &l->cu.sh, l->cu.row, 28);
        l->cu.row++;
    }
    if (sp->caption) {
        jx_xlsx_cursor_span(&l->cu, 0, last, sp->caption, JX_XLSX_CAPTION);
        jx_xlsx_cursor_end_row(&l->cu);
    }
    for (size_t c = 0; c < l->cu.sh.ncols; c++)
        jx_xlsx_cursor_text(&l->cu, c, sp->head[c], JX_XLSX_HEAD);
    jx_xlsx_cursor_end_row(&l->cu);
}

/* Finishes the sheet being filled: its widths, filter, frozen header and print setup. */
static void list_sheet_end(jx_xlsx_list *l)
{
    jx_xlsx_book *bk = l->cu.bk;
    jx_xlsx_sheet *sh = &l->cu.sh;
    if (l->open) {
        jx_xlsx_cursor_end_row(&l->cu);
        l->open = 0;
    }
    uint32_t last = l->cu.row - 1; /* the last row written: the header at least */
    jx_xlsx_set_widths(bk, sh, l->w);
    jx_xlsx_freeze_rows(bk, sh, l->head_row + 1);
    if (sh->ncols > 0)
        jx_xlsx_autofilter(bk, sh, l->head_row, 0, last, sh->ncols - 1);
    jx_xlsx_print_setup(bk, sh, l->head_row, l->head_row, last);
    if (l->spec.landscape)
        jx_xlsx_landscape(bk, sh);
}

void jx_xlsx_list_open(jx_xlsx_list *l, jx_xlsx_book *bk, const jx_xlsx_list_spec *spec)
{
    memset(l, 0, sizeof *l);
    l->cu.bk = bk;
    l->spec = *spec;
    l->head_row = (spec->title != NULL) + (spec->caption != NULL);
    l->last_row = LXW_ROW_MAX - 1;
    list_sheet(l);
}

uint32_t jx_xlsx_list_row(jx_xlsx_list *l)
{
    if (l->open) {
        jx_xlsx_cursor_end_row(&l->cu);
        l->open = 0;
    }
    if (l->cu.row > l->last_row) {
        list_sheet_end(l);
        list_sheet(l);
    }
    l->open = 1;
    l->nrecords++;
    return l->cu.row;
}

/* Widens column col of the list's sheet to hold s on one line, up to its bound. */
static void list_widen(jx_xlsx_list *l, size_t col, const char *s)
{
    if (col >= l->cu.sh.ncols)
        return;
    double need = jx_xlsx_text_width(s);
    if (need > l->spec.max[col])
        need = l->spec.max[col];
    if (need > l->w[col])
        l->w[col] = need;
}

void jx_xlsx_list_text(jx_xlsx_list *l, size_t col, const char *s, jx_xlsx_style st)
{
    jx_xlsx_cursor_text(&l->cu, col, s ? s : "", st);
    list_widen(l, col, s ? s : "");
}

void jx_xlsx_list_number(jx_xlsx_list *l, size_t col, double v, int decimals)
{
    jx_xlsx_cursor_number(&l->cu, col, v, decimals);
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals < 0 ? 0 : decimals > 9 ? 9 : decimals, v);
    list_widen(l, col, buf);
}

void jx_xlsx_list_close(jx_xlsx_list *l)
{
    if (l->nsheets > 0)
        list_sheet_end(l);
    l->nsheets = 0;
}
