/* table_xls.c — the .xls backend of the table reader: Excel 97–2003 workbooks (BIFF5 and
 * BIFF8 in an OLE2 compound file) read through libfreexl.
 *
 * freexl reads the whole workbook when it opens it and holds every sheet's values; rows
 * are then taken from the sheets to read, one at a time, with only the row's own number
 * texts kept here. freexl opens only paths, so a workbook given in memory is written to a
 * private temporary file (mkstemp in $TMPDIR or /tmp), opened, and removed at once.
 *
 * What a cell reads as:
 *   text          as written (freexl gives UTF-8);
 *   integer       in decimal ("1200");
 *   number        as Excel shows it in a General cell: "%.17g" made plain decimal with at
 *                 most 15 significant digits by jx_table_number (0.30000000000000004 → "0.3");
 *   date, time    as freexl writes them: "2024-03-31", "2024-03-31 08:30:00", "08:30:00".
 *
 * What freexl cannot give, so this reader cannot either: number formats (a cell shown as
 * 97% reads as its fraction "0.97", 1,200 reads "1200"); the values of formula cells
 * (freexl skips FORMULA records, so such a cell reads empty); merged ranges (only the
 * top-left cell holds the value); sheet kinds and visibility (a hidden sheet is read
 * like any other).
 *
 * Encrypted workbooks are found before freexl sees them, since freexl cannot tell them
 * from damaged ones (an encrypted .xlsx fails as "no workbook stream"; on an RC4-encrypted
 * .xls freexl_open returns FREEXL_OK with no handle, as for any record that does not
 * parse): a small reader of the compound file (MS-CFB, below) looks for an
 * "EncryptionInfo" stream (what Excel and WPS write for a password-protected .xlsx, and
 * for an .xls with modern encryption) and for a FILEPASS record at the head of the
 * "Workbook" stream (legacy .xls encryption).
 */
#include "table_internal.h"

#include "alloc.h"

#include <freexl.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define XLS_ENCRYPTED_MSG "工作簿有密码保护（已加密），无法读取；请在 Excel 或 WPS 中取消密码后另存"
#define XLS_CORRUPT_MSG "不是可读的 .xls 工作簿（已损坏或不完整）；请在 Excel 或 WPS 中打开并另存为 .xlsx"

/* ------------------------------------------------- the compound file (MS-CFB) */

/*
 * Just enough of the compound file to find two things, every read bounds-checked and
 * every chain walk bounded by the number of sectors the file has (a damaged or crafted
 * file ends the search, never the program; freexl then judges the file):
 *
 *   header (512 bytes)  magic; sector shift at 30 (9: 512-byte, 12: 4096-byte sectors);
 *                       FAT sector count at 44; first directory sector at 48; mini
 *                       stream cutoff at 56; first DIFAT sector at 68, DIFAT sector count
 *                       at 72; the first 109 FAT sector numbers at 76.
 *   sector s            at byte (s + 1) << shift.
 *   FAT                 entry s (a little-endian u32) is the sector after s in its chain,
 *                       CFB_END at the end. The FAT's own sectors are listed by the DIFAT:
 *                       109 in the header, then DIFAT sectors of (size / 4 − 1) numbers
 *                       each, their last u32 naming the next DIFAT sector.
 *   directory           a chain of 128-byte entries from the first directory sector: name
 *                       in UTF-16LE (64 bytes), its length in bytes with the NUL at 64
 *                       (u16), type at 66 (2 stream, 5 root), first sector at 116, size at
 *                       120 (low u32).
 *   mini stream         streams under the cutoff (4096) live in 64-byte mini sectors of
 *                       the root entry's stream; only the first mini sector of the
 *                       workbook stream is read, so the mini FAT is never needed.
 */

#define CFB_END 0xFFFFFFFEu      /* ENDOFCHAIN */
#define CFB_MAX_SECTOR 0xFFFFFFFAu /* the largest regular sector number */
#define CFB_HEAD 64              /* bytes of the workbook stream read for FILEPASS */

/** The file's bytes: in memory, or an open descriptor. */
typedef struct cfb {
    const unsigned char *data; /* the bytes, or NULL when read from fd */
    int fd;                    /* when data is NULL */
    uint64_t size;             /* of the file */
    unsigned shift;            /* sector size is 1 << shift */
    uint32_t nsectors;         /* sectors in the file: bounds every walk */
    unsigned char header[512];
} cfb;

static uint32_t cfb_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t cfb_u16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/** Reads n bytes at off into buf; false when they are not all in the file. */
static bool cfb_read(const cfb *c, uint64_t off, void *buf, size_t n)
{
    if (off > c->size || n > c->size - off)
        return false;
    if (c->data) {
        memcpy(buf, c->data + off, n);
        return true;
    }
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(c->fd, (char *)buf + done, n - done, (off_t)(off + done));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        done += (size_t)r;
    }
    return true;
}

/** The u32 at byte off of sector s; false when outside the file. */
static bool cfb_sector_u32(const cfb *c, uint32_t s, uint32_t off, uint32_t *out)
{
    unsigned char b[4];
    if (s > CFB_MAX_SECTOR || !cfb_read(c, (((uint64_t)s + 1) << c->shift) + off, b, 4))
        return false;
    *out = cfb_u32(b);
    return true;
}

/** The sector after s in its chain (CFB_END at the end); false when the FAT cannot say. */
static bool cfb_next(const cfb *c, uint32_t s, uint32_t *next)
{
    uint32_t per = (1u << c->shift) / 4; /* u32 entries per sector */
    uint32_t idx = s / per;              /* which FAT sector holds entry s */
    uint32_t fat;
    if (idx >= cfb_u32(c->header + 44))
        return false;
    if (idx < 109) {
        fat = cfb_u32(c->header + 76 + 4 * idx);
    } else {
        uint32_t k = idx - 109, d = cfb_u32(c->header + 68), hops = k / (per - 1);
        if (hops >= cfb_u32(c->header + 72))
            return false;
        for (uint32_t i = 0; i < hops; i++)
            if (!cfb_sector_u32(c, d, 4 * (per - 1), &d))
                return false;
        if (!cfb_sector_u32(c, d, 4 * (k % (per - 1)), &fat))
            return false;
    }
    return cfb_sector_u32(c, fat, 4 * (s % per), next);
}

/** Whether the UTF-16LE name of n bytes (with its NUL) is ascii, ignoring ASCII case. */
static bool cfb_name_is(const unsigned char *name, size_t n, const char *ascii)
{
    size_t len = strlen(ascii);
    if (n != 2 * (len + 1))
        return false;
    for (size_t i = 0; i < len; i++) {
        uint16_t u = cfb_u16(name + 2 * i);
        char a = ascii[i];
        if (u >= 'a' && u <= 'z')
            u = (uint16_t)(u - 'a' + 'A');
        if (a >= 'a' && a <= 'z')
            a = (char)(a - 'a' + 'A');
        if (u != (unsigned char)a)
            return false;
    }
    return true;
}

/**
 * Reads the first CFB_HEAD bytes of the stream starting at sector start (a mini sector
 * when size is under the cutoff; root is the mini stream's first sector) into buf;
 * returns how many, 0 when they cannot be read.
 */
static size_t cfb_stream_head(const cfb *c, uint32_t start, uint32_t size, uint32_t root,
                              unsigned char buf[CFB_HEAD])
{
    size_t n = size < CFB_HEAD ? size : CFB_HEAD;
    uint64_t off;
    if (size >= cfb_u32(c->header + 56)) {
        if (start > CFB_MAX_SECTOR)
            return 0;
        off = ((uint64_t)start + 1) << c->shift;
    } else {
        uint64_t at = (uint64_t)start * 64; /* byte of the mini stream */
        uint64_t hops = at >> c->shift;
        uint32_t s = root;
        if (hops >= c->nsectors)
            return 0;
        for (uint64_t i = 0; i < hops; i++)
            if (!cfb_next(c, s, &s))
                return 0;
        if (s > CFB_MAX_SECTOR)
            return 0;
        off = (((uint64_t)s + 1) << c->shift) + (at & ((1u << c->shift) - 1));
    }
    return n && cfb_read(c, off, buf, n) ? n : 0;
}

/** Whether a BIFF workbook stream starting with head[0..n) has FILEPASS after its BOF. */
static bool biff_filepass(const unsigned char *head, size_t n)
{
    size_t p = 0;
    while (p + 4 <= n) {
        uint16_t type = cfb_u16(head + p), len = cfb_u16(head + p + 2);
        if (type == 0x002F) /* FILEPASS */
            return true;
        if (type != 0x0809 && type != 0x0086) /* only BOF and WRITEPROT come before it */
            return false;
        p += 4 + (size_t)len;
    }
    return false;
}

/**
 * Whether the compound file is encrypted: it has an "EncryptionInfo" stream, or its
 * workbook stream starts with FILEPASS. A file that cannot be read this far is taken as
 * not encrypted (freexl then says what is wrong with it).
 */
static bool cfb_encrypted(cfb *c)
{
    if (!cfb_read(c, 0, c->header, sizeof c->header))
        return false;
    unsigned shift = cfb_u16(c->header + 30);
    if (shift != 9 && shift != 12)
        return false;
    c->shift = shift;
    uint64_t n = c->size >> shift;
    c->nsectors = n > CFB_MAX_SECTOR ? CFB_MAX_SECTOR : (uint32_t)n;

    uint32_t per_sector = (1u << shift) / 128;
    uint32_t root = CFB_END, book = CFB_END, book_size = 0;
    uint32_t s = cfb_u32(c->header + 48);
    for (uint32_t walked = 0; s != CFB_END; walked++) {
        if (walked >= c->nsectors)
            break; /* a cycle */
        for (uint32_t i = 0; i < per_sector; i++) {
            unsigned char e[128];
            if (s > CFB_MAX_SECTOR || !cfb_read(c, (((uint64_t)s + 1) << shift) + 128 * i, e, sizeof e))
                goto walked; /* the directory ends here; what was found still counts */
            size_t name_len = cfb_u16(e + 64);
            if (name_len > 64)
                continue;
            if (e[66] == 5)
                root = cfb_u32(e + 116);
            else if (e[66] == 2 && cfb_name_is(e, name_len, "EncryptionInfo"))
                return true;
            else if (e[66] == 2 && book == CFB_END &&
                     (cfb_name_is(e, name_len, "Workbook") || cfb_name_is(e, name_len, "Book"))) {
                book = cfb_u32(e + 116);
                book_size = cfb_u32(e + 120);
            }
        }
        if (!cfb_next(c, s, &s))
            break;
    }
walked:
    if (book == CFB_END)
        return false;
    unsigned char head[CFB_HEAD];
    size_t got = cfb_stream_head(c, book, book_size, root, head);
    return biff_filepass(head, got);
}

/* ------------------------------------------------------------- the backend */

typedef struct xls_impl {
    const void *book;          /* the freexl handle */
    unsigned short *index;     /* freexl's number of each sheet read, in the order of t->sheets */
    size_t index_cap;          /* capacity of index */
    size_t cur;                /* the sheet being read (an index into index) */
    bool selected;             /* cur is freexl's active sheet and rows/cols are its size */
    unsigned int rows, r;      /* its rows, and the next row (0-based) */
    unsigned short cols;       /* its columns */
    char *buf;                 /* the texts of the row's numbers */
    size_t buf_cap;            /* capacity of buf */
} xls_impl;

/**
 * Writes the bytes to a new private temporary file whose name is set in *name (of
 * *name_size bytes, to free); JX_OK, JX_ERR_IO with *err, or JX_ERR_NOMEM.
 */
static jx_result xls_temp_file(jx_table *t, const char *data, size_t len, char **name, size_t *name_size,
                               jx_table_error *err)
{
    static const char tail[] = "/jixiao-XXXXXX.xls";
    const char *dir = getenv("TMPDIR");
    if (!dir || !dir[0])
        dir = "/tmp";
    size_t dlen = strlen(dir), size = dlen + sizeof tail;
    char *p = jx_malloc(t->alloc, size);
    if (!p)
        return JX_ERR_NOMEM;
    memcpy(p, dir, dlen);
    memcpy(p + dlen, tail, sizeof tail);
    int fd = mkstemps(p, 4);
    if (fd < 0) {
        jx_table_fail(err, 0, 0, "无法建立临时文件（%s）：%s", dir, strerror(errno));
        jx_free(t->alloc, p, size);
        return JX_ERR_IO;
    }
    size_t done = 0;
    int e = 0;
    while (done < len && !e) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno != EINTR)
            e = errno;
        else if (w > 0)
            done += (size_t)w;
    }
    if (close(fd) != 0 && !e)
        e = errno;
    if (e) {
        jx_table_fail(err, 0, 0, "无法写入临时文件（%s）：%s", dir, strerror(e));
        unlink(p);
        jx_free(t->alloc, p, size);
        return JX_ERR_IO;
    }
    *name = p;
    *name_size = size;
    return JX_OK;
}

/** Whether the workbook at path or in data[0..len) is encrypted (see cfb_encrypted). */
static bool xls_encrypted(const char *path, const char *data, size_t len)
{
    cfb c;
    memset(&c, 0, sizeof c);
    c.fd = -1;
    if (!path) {
        c.data = (const unsigned char *)data;
        c.size = len;
        return cfb_encrypted(&c);
    }
    c.fd = open(path, O_RDONLY);
    if (c.fd < 0)
        return false; /* freexl_open says why */
    bool enc = false;
    struct stat st;
    if (fstat(c.fd, &st) == 0 && st.st_size > 0) {
        c.size = (uint64_t)st.st_size;
        enc = cfb_encrypted(&c);
    }
    close(c.fd);
    return enc;
}

/** Registers the sheets opts asks for from the open book. */
static jx_result xls_pick_sheets(jx_table *t, xls_impl *x, const jx_table_options *opts, jx_table_error *err)
{
    unsigned int count = 0;
    if (freexl_get_info(x->book, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK) {
        jx_table_fail(err, 0, 0, XLS_CORRUPT_MSG);
        return JX_ERR_INPUT;
    }
    if (count > 65535)
        count = 65535; /* freexl numbers sheets with an unsigned short */
    size_t cap = count ? count : 1;
    x->index = jx_malloc(t->alloc, cap * sizeof *x->index);
    if (!x->index)
        return JX_ERR_NOMEM;
    x->index_cap = cap;
    const char **names = jx_malloc(t->alloc, cap * sizeof *names); /* freexl's, valid while the book is open */
    if (!names)
        return JX_ERR_NOMEM;
    for (unsigned int i = 0; i < count; i++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(x->book, (unsigned short)i, &name) != FREEXL_OK || !name)
            name = "";
        names[i] = name;
    }
    jx_result rc = JX_OK;
    size_t n = 0;
    for (unsigned int i = 0; i < count && rc == JX_OK; i++) {
        if (!jx_table_sheet_wanted(opts, i, names[i], names, count))
            continue;
        if (jx_table_add_sheet(t, names[i], strlen(names[i])) != 0)
            rc = JX_ERR_NOMEM;
        else
            x->index[n++] = (unsigned short)i;
    }
    if (rc == JX_OK && opts->sheet && n == 0) {
        jx_table_no_such_sheet(err, opts->sheet, names, count);
        rc = JX_ERR_INPUT;
    }
    jx_free(t->alloc, names, cap * sizeof *names);
    return rc;
}

static void xls_close(jx_table *t)
{
    xls_impl *x = t->impl;
    if (!x)
        return;
    if (x->book)
        freexl_close(x->book);
    jx_free(t->alloc, x->index, x->index_cap * sizeof *x->index);
    jx_free(t->alloc, x->buf, x->buf_cap);
    jx_free(t->alloc, x, sizeof *x);
    t->impl = NULL;
}

static jx_result xls_open(jx_table *t, const char *path, const char *data, size_t len, const jx_table_options *opts,
                          jx_table_error *err)
{
    xls_impl *x = jx_calloc(t->alloc, sizeof *x);
    if (!x)
        return JX_ERR_NOMEM;
    t->impl = x;
    if (xls_encrypted(path, data, len)) {
        jx_table_fail(err, 0, 0, XLS_ENCRYPTED_MSG);
        return JX_ERR_INPUT;
    }
    char *tmp = NULL;
    size_t tmp_size = 0;
    if (!path) {
        jx_result rc = xls_temp_file(t, data, len, &tmp, &tmp_size, err);
        if (rc != JX_OK)
            return rc;
        path = tmp;
    }
    const void *book = NULL;
    errno = 0;
    int rc = freexl_open(path, &book);
    int open_errno = errno;
    if (tmp) {
        unlink(tmp);
        jx_free(t->alloc, tmp, tmp_size);
    }
    if (rc != FREEXL_OK || !book) {
        /* freexl may hand back a handle on failure (to be closed), and returns
         * FREEXL_OK with no handle when a record does not parse */
        if (book)
            freexl_close(book);
        if (rc == FREEXL_INSUFFICIENT_MEMORY)
            return JX_ERR_NOMEM;
        if (rc == FREEXL_FILE_NOT_FOUND) {
            jx_table_fail(err, 0, 0, "无法打开文件：%s", strerror(open_errno ? open_errno : ENOENT));
            return JX_ERR_IO;
        }
        jx_table_fail(err, 0, 0, XLS_CORRUPT_MSG);
        return JX_ERR_INPUT;
    }
    x->book = book;
    unsigned int pass = 0;
    if (freexl_get_info(book, FREEXL_BIFF_PASSWORD, &pass) == FREEXL_OK && pass == FREEXL_BIFF_OBFUSCATED) {
        jx_table_fail(err, 0, 0, XLS_ENCRYPTED_MSG);
        return JX_ERR_INPUT;
    }
    return xls_pick_sheets(t, x, opts, err);
}

/** Whether freexl's value v is an empty cell. */
static bool xls_empty(const FreeXL_CellValue *v)
{
    switch (v->type) {
    case FREEXL_CELL_INT:
    case FREEXL_CELL_DOUBLE:
        return false;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
        return !v->value.text_value || !v->value.text_value[0];
    default:
        return true;
    }
}

/** Appends s[0..n) to the row's number texts; -1 when memory ran out. */
static int xls_buf_add(jx_table *t, xls_impl *x, size_t *used, const char *s, size_t n)
{
    if (*used + n > x->buf_cap && JX_GROW(t->alloc, x->buf, x->buf_cap, *used + n) != 0)
        return -1;
    memcpy(x->buf + *used, s, n);
    *used += n;
    return 0;
}

/**
 * Fills *row from row r (0-based) of the active sheet: JX_TABLE_ROW, JX_TABLE_END when
 * the row has no non-empty cell, JX_TABLE_ERROR or JX_TABLE_NOMEM.
 */
static jx_table_status xls_row(jx_table *t, xls_impl *x, unsigned int r, jx_table_row *row)
{
    FreeXL_CellValue v;
    size_t last = 0; /* 1-based column of the last non-empty cell */
    for (size_t c = x->cols; c > 0 && !last; c--) {
        if (freexl_get_cell_value(x->book, r, (unsigned short)(c - 1), &v) != FREEXL_OK) {
            jx_table_fail(&t->err, r + 1, (uint32_t)c,
                          "工作表“%s”第 %u 行的单元格无法读取，工作簿可能已损坏；请在 Excel 中打开并重新保存",
                          t->sheets[x->cur], r + 1);
            return JX_TABLE_ERROR;
        }
        if (!xls_empty(&v))
            last = c;
    }
    if (!last)
        return JX_TABLE_END;
    jx_table_cell *cells = jx_table_cells(t, last);
    if (!cells)
        return JX_TABLE_NOMEM;
    size_t used = 0; /* bytes of x->buf; cells whose text is there get s = NULL until the end */
    for (size_t c = 0; c < last; c++) {
        cells[c].line = r + 1;
        if (freexl_get_cell_value(x->book, r, (unsigned short)c, &v) != FREEXL_OK || xls_empty(&v))
            continue;
        if (v.type == FREEXL_CELL_INT || v.type == FREEXL_CELL_DOUBLE) {
            char raw[40], out[JX_TABLE_NUMBER_MAX];
            const char *s = raw;
            int k = v.type == FREEXL_CELL_INT ? snprintf(raw, sizeof raw, "%d", v.value.int_value)
                                              : snprintf(raw, sizeof raw, "%.17g", v.value.double_value);
            size_t n = k > 0 ? (size_t)k : 0;
            if (v.type == FREEXL_CELL_DOUBLE) {
                size_t m = jx_table_number(raw, n, false, out);
                if (m) { /* else not a number ("inf", "nan"): kept as written */
                    s = out;
                    n = m;
                }
            }
            if (xls_buf_add(t, x, &used, s, n) != 0)
                return JX_TABLE_NOMEM;
            cells[c].s = NULL;
            cells[c].n = (uint32_t)n;
        } else {
            cells[c].s = v.value.text_value;
            cells[c].n = (uint32_t)strlen(v.value.text_value);
        }
    }
    size_t at = 0; /* x->buf no longer moves: point the number cells into it, in order */
    for (size_t c = 0; c < last; c++) {
        if (!cells[c].s) {
            cells[c].s = x->buf + at;
            at += cells[c].n;
        }
    }
    row->sheet = (uint32_t)x->cur;
    row->row = r + 1;
    row->off = 0;
    row->ncells = last;
    row->cells = cells;
    return JX_TABLE_ROW;
}

static jx_table_status xls_next(jx_table *t, jx_table_row *row)
{
    xls_impl *x = t->impl;
    while (x->cur < t->nsheets) {
        if (!x->selected) {
            if (freexl_select_active_worksheet(x->book, x->index[x->cur]) != FREEXL_OK ||
                freexl_worksheet_dimensions(x->book, &x->rows, &x->cols) != FREEXL_OK) {
                jx_table_fail(&t->err, 0, 0, "工作表“%s”无法读取，工作簿可能已损坏；请在 Excel 中打开并重新保存",
                              t->sheets[x->cur]);
                return JX_TABLE_ERROR;
            }
            x->selected = true;
            x->r = 0;
        }
        while (x->r < x->rows) {
            jx_table_status st = xls_row(t, x, x->r++, row);
            if (st != JX_TABLE_END)
                return st;
        }
        x->cur++;
        x->selected = false;
    }
    return JX_TABLE_END;
}

const jx_table_backend jx_table_xls_backend = {JX_TABLE_XLS, xls_open, xls_next, xls_close};
