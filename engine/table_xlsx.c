/* SPDX-License-Identifier: MIT */
/* table_xlsx.c — the .xlsx reader: a workbook's ZIP read part by part through libzip,
 * each part's XML through a streaming parser (expat), each sheet one row at a time.
 *
 * open reads what every row needs: the sheets and the date system (xl/workbook.xml),
 * where each sheet's part is (xl/_rels/workbook.xml.rels), the shared strings and the
 * number format of each cell style (xl/styles.xml). next feeds the current sheet's part
 * to expat 64 KiB at a time and stops the parser at each </row> (XML_StopParser, then
 * XML_ResumeParser at the next call), so a row is parsed when it is asked for.
 *
 * Memory: the shared strings, the styles' formats, the current sheet's merged ranges
 * (with each top-left cell's text once its row is read) and the current row; never a
 * row read before. A sheet's merged ranges (<mergeCells>) come after its rows
 * (<sheetData>), yet a row needs them when it is returned; so before a sheet's rows are
 * streamed its part is read through once for the merged ranges alone: first inflated and
 * searched for the bytes "mergeCell" (cheap), and only a sheet that has them is parsed
 * for them, so a form with merged cells is parsed twice and a plain export once.
 * A merged range's top-left text is given to every cell it covers, but a row whose only
 * text would be so given (a label merged down past the data) is skipped like an empty one.
 * Chartsheets have no cells and are not read, though they count as tabs for --sheet 3;
 * hidden sheets are read like the others.
 *
 * ZIP is read by libzip and XML by expat, every one of their returns checked, so a
 * corrupt file is an error, never a crash; by hand only a sheet's rows in their plainest
 * form, which is most of the time of a large sheet (the fast row path: why, and how it
 * gives way to expat for everything else, in its section). What is
 * written here is what OOXML says a cell means: its type (shared string, inline string,
 * formula string, boolean, error, number), the _xHHHH_ escapes of its text, and whether
 * its number format shows a percent or a date (the built-in format ids, or a format
 * code read for y, d, h, s and % outside quotes and brackets); jx_table_number and
 * jx_table_date then write the number as a person reads it. Names are compared by
 * their local part (expat's namespace mode), so a producer that writes prefixes
 * (x:sheetData) reads the same.
 *
 * expat and libzip allocate with the C library's malloc: expat's memory suite has no
 * user data to reach the handle's allocator through, and libzip has no hook at all.
 * Everything of the reader's own goes through t->alloc.
 */
#define _GNU_SOURCE /* memmem */
#include "table_internal.h"

#include "alloc.h"
#include "text.h"

#include <expat.h>
#include <zip.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/** Bytes of a part fed to expat at a time. */
#define XLSX_CHUNK 65536
/** Excel's last column (XFD) and row. */
#define XLSX_MAX_COL 16384u
#define XLSX_MAX_ROW 1048576u
/** The longest text one cell or shared string may have (Excel's own limit is 32767 characters). */
#define XLSX_MAX_TEXT (64u << 20)
/** What expat puts between a namespace and a local name; never part of a name. */
#define XLSX_NS ' '
/** The most of a sheet's part before its rows that is kept for the fast row path (see there). */
#define XLSX_HEAD_MAX (1u << 20)
/** The longest row the fast row path reads; a longer one goes through expat. */
#define XLSX_FAST_ROW_MAX (4u << 20)
/** Namespace prefixes in scope at <sheetData> that the fast row path knows; more turn it off. */
#define XLSX_FAST_PREFIXES 16
/** How long such a prefix may be. */
#define XLSX_FAST_PREFIX_LEN 24

/** What a cell's number format makes of its number. */
enum { XLSX_FMT_GENERAL = 0, XLSX_FMT_PERCENT, XLSX_FMT_DATE };

/** What the sheet pass's drivers return besides 1 (a row), 0 (the part ended) and -1 (x->fail). */
enum { XLSX_RUN_DETOUR = 2, XLSX_RUN_BACK = 3 };

/** Why a part could not be read further (xlsx.fail). */
enum { XLSX_OK = 0, XLSX_NOMEM, XLSX_BAD, XLSX_XML, XLSX_ZIP };

/** What a workbook relationship points at. */
enum { XLSX_REL_OTHER = 0, XLSX_REL_WORKSHEET, XLSX_REL_CHARTSHEET, XLSX_REL_STRINGS, XLSX_REL_STYLES };

/** A growing text. */
typedef struct xlsx_buf {
    char *s;        /* NUL-terminated once anything was added */
    size_t n, cap;  /* bytes and capacity */
} xlsx_buf;

/** A non-empty cell of the row being read: its text is row_text.s[off..off + n). */
typedef struct xlsx_cell {
    uint32_t col; /* 1-based */
    uint32_t n;
    size_t off;
} xlsx_cell;

/** A merged range of the current sheet and the text of its top-left cell. */
typedef struct xlsx_merge {
    uint32_t r1, c1, r2, c2; /* rows and columns, 1-based, r1 <= r2, c1 <= c2 */
    size_t off;              /* the text is merge_text.s[off..off + n) once have */
    uint32_t n;
    bool have;               /* the top-left cell's row was read (n may be 0) */
} xlsx_merge;

/** A <sheet> of xl/workbook.xml (while opening). */
typedef struct xlsx_book_sheet {
    char *name; /* owned */
    char *rid;  /* r:id, owned, NULL when none */
} xlsx_book_sheet;

/** A <Relationship> of xl/_rels/workbook.xml.rels (while opening). */
typedef struct xlsx_rel {
    char *id;     /* owned */
    char *target; /* the part it names, resolved ("xl/worksheets/sheet1.xml"), owned */
    int kind;     /* XLSX_REL_* */
} xlsx_rel;

/** A custom number format of xl/styles.xml (while opening). */
typedef struct xlsx_numfmt {
    uint32_t id;
    int kind; /* XLSX_FMT_* of its code */
} xlsx_numfmt;

typedef struct xlsx {
    jx_table *t;
    const jx_allocator *a;
    jx_table_error *err; /* where a handler's message goes: open's err, then t->err */
    zip_t *za;
    bool date1904;

    /* shared strings: string i is sst.s[sst_off[i]..end), end the next one's start or sst.n */
    xlsx_buf sst;
    size_t *sst_off;
    size_t nsst, sst_off_cap;

    /* styles: what cell style i (s="i") makes of a number */
    unsigned char *xf_kind;
    size_t nxf;

    /* the registered sheets' parts: sheet i of t->sheets is entry parts[i] of the ZIP */
    zip_uint64_t *parts;
    size_t parts_cap;
    size_t cur;      /* the sheet being read */
    bool streaming;  /* its rows are being streamed (zf and p are the row pass's) */

    /* the part being parsed */
    zip_file_t *zf;
    XML_Parser p;
    bool suspended, eof; /* the parser stopped at a </row>; the part's last byte was fed */
    int fail;            /* XLSX_* */
    enum XML_Error xml_code;
    unsigned long xml_line;
    char zmsg[160];      /* libzip's reason for XLSX_ZIP */
    bool zio;            /* that reason is the file's reading, not its bytes */
    bool stuck;          /* next returns sticky from now on */
    jx_table_status sticky;

    /* where the parser is: depth of the open elements, and of the ones that matter (0: not open) */
    unsigned depth, d_data, d_row, d_c, d_is, d_rph, d_fmts, d_xfs;
    bool cap;            /* character data goes into val */
    xlsx_buf val;        /* the text of the cell, shared string or attribute being read */

    /* the row being read */
    uint32_t row;        /* its number (the last row started) */
    uint32_t col;        /* the cell's column, 0 when it is past the last one */
    uint32_t last_col;   /* the previous cell's column */
    uint32_t style;      /* the cell's s= */
    char ctype;          /* the cell's t=: 'n' number, 's' shared, 'i' inline, 'f' formula string, 'b', 'e', 'd' */
    xlsx_buf row_text;   /* the texts of the row's cells */
    xlsx_cell *cells;
    size_t ncells, cells_cap;

    /* the sheet's merged ranges, sorted by first row; the ones over the current row are active */
    xlsx_merge *merges;
    size_t nmerges, merges_cap;
    size_t *active;
    size_t nactive, active_cap;
    size_t mnext;        /* merges[mnext..] start below the last row looked at */
    uint32_t mrow;       /* that row */
    xlsx_buf merge_text;

    /* the fast row path (see its section) */
    bool fast;           /* the rows are being read by it: p is NULL, the bytes are in fb */
    bool fast_used;      /* it has been taken in this part: never again */
    bool fast_go;        /* sheet_start found <sheetData> and stopped expat to take it */
    bool keep_head;      /* the part's bytes are being kept in head */
    xlsx_buf head;       /* the part's first bytes, through <sheetData ...> when taken */
    size_t head_keep;    /* head.s[0..head_keep) is the part up to the rows */
    char *fb;            /* the part's bytes from the rows on: fb[fb_at..fb_n) is unread */
    size_t fb_at, fb_n, fb_cap;
    uint32_t fast_prev;  /* x->row before the row being read */
    char nsp[XLSX_FAST_PREFIXES][XLSX_FAST_PREFIX_LEN]; /* prefixes declared and in scope */
    size_t nnsp;
    bool fast_off;       /* no fast path in this part: a DOCTYPE, an encoding but UTF-8, more prefixes than nsp holds */

    /* while opening */
    xlsx_book_sheet *book;
    size_t nbook, book_cap;
    xlsx_rel *rels;
    size_t nrels, rels_cap;
    xlsx_numfmt *fmts;
    size_t nfmts, fmts_cap;
    uint32_t *xf_fmt;    /* numFmtId of each cell style */
    size_t nxf_fmt, xf_fmt_cap;
} xlsx;

/* ------------------------------------------------------------ small things */

static int buf_add(const jx_allocator *a, xlsx_buf *b, const char *s, size_t n)
{
    if (JX_GROW(a, b->s, b->cap, b->n + n + 1) != 0)
        return -1;
    if (n)
        memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
    return 0;
}

static void buf_free(const jx_allocator *a, xlsx_buf *b)
{
    jx_free(a, b->s, b->cap);
    memset(b, 0, sizeof *b);
}

/** A NUL-terminated copy owned by the handle, or NULL. */
static char *xlsx_strdup(xlsx *x, const char *s)
{
    return jx_strndup(x->a, s, strlen(s));
}

static void xlsx_strfree(xlsx *x, char *s)
{
    if (s)
        jx_free(x->a, s, strlen(s) + 1);
}

/** The local part of an expat name ("uri name" in namespace mode). */
static const char *xlsx_local(const XML_Char *name)
{
    const char *s = strrchr(name, XLSX_NS);
    return s ? s + 1 : name;
}

/** The value of the attribute whose local name is local, or NULL. */
static const char *xlsx_attr(const XML_Char **atts, const char *local)
{
    for (; atts[0]; atts += 2)
        if (strcmp(xlsx_local(atts[0]), local) == 0)
            return atts[1];
    return NULL;
}

static bool xlsx_is(const char *local, const char *name)
{
    return strcmp(local, name) == 0;
}

static bool xlsx_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/** A whole non-negative decimal number up to max, or -1. */
static long xlsx_uint(const char *s, size_t n, long max)
{
    long v = 0;
    if (n == 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
        if (v > max)
            return -1;
    }
    return v;
}

/** An xsd:boolean attribute's truth. */
static bool xlsx_true(const char *v)
{
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

/**
 * A cell reference "AB12" taken apart: its column (A = 1) and row, each 0 when absent
 * or out of Excel's range.
 */
static void xlsx_ref(const char *s, uint32_t *col, uint32_t *row)
{
    uint32_t c = 0, r = 0;
    size_t i = 0;
    if (s[i] == '$')
        i++;
    for (; (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'); i++) {
        if (c > XLSX_MAX_COL)
            break;
        c = c * 26 + (uint32_t)((s[i] | 0x20) - 'a' + 1);
    }
    if (s[i] == '$')
        i++;
    size_t start = i;
    for (; s[i] >= '0' && s[i] <= '9'; i++) {
        if (r > XLSX_MAX_ROW)
            break;
        r = r * 10 + (uint32_t)(s[i] - '0');
    }
    *col = c >= 1 && c <= XLSX_MAX_COL ? c : 0;
    *row = i > start && r >= 1 && r <= XLSX_MAX_ROW ? r : 0;
}

/**
 * Decodes OOXML's _xHHHH_ escapes of a string (how a control character or a literal
 * "_x" is stored) in place; returns the new length. "_x000D_" is a carriage return.
 */
static size_t xlsx_unescape(char *s, size_t n)
{
    size_t i = 0, o = 0;
    while (i < n) {
        if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' && s[i + 6] == '_') {
            unsigned cp = 0;
            size_t k = 2;
            for (; k < 6; k++) {
                char c = s[i + k];
                unsigned d;
                if (c >= '0' && c <= '9')
                    d = (unsigned)(c - '0');
                else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
                    d = (unsigned)((c | 0x20) - 'a' + 10);
                else
                    break;
                cp = cp * 16 + d;
            }
            if (k == 6 && (cp < 0xD800 || cp > 0xDFFF)) {
                if (cp != 0) /* a NUL has no place in a cell's text */
                    o += jx_text_utf8_put(s + o, cp); /* at most 3 bytes where the escape had 7 */
                i += 7;
                continue;
            }
        }
        s[o++] = s[i++];
    }
    return o;
}

/* --------------------------------------------------------- number formats */

/** What a built-in number format id shows (ECMA-376 §18.8.30, with the East Asian ids 27–36 and 50–58). */
static int xlsx_builtin_kind(uint32_t id)
{
    if (id == 9 || id == 10)
        return XLSX_FMT_PERCENT;
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
        return XLSX_FMT_DATE;
    return XLSX_FMT_GENERAL;
}

/**
 * What a custom format code shows: a date when y, d, h or s stands outside quotes,
 * brackets and escapes (m alone may be minutes or months, and comes with d, y or h
 * anyway), or an elapsed-time bracket such as [h]; a percent when % does; else a
 * plain number ("General", "#,##0.00", "0.00E+00").
 */
static int xlsx_code_kind(const char *code)
{
    bool pct = false, date = false;
    for (const char *p = code; *p; p++) {
        char c = *p;
        if (c == '"') {
            const char *e = strchr(p + 1, '"');
            if (!e)
                break;
            p = e;
            continue;
        }
        if (c == '[') {
            const char *e = strchr(p + 1, ']');
            if (!e)
                break;
            bool elapsed = e > p + 1;
            for (const char *q = p + 1; q < e; q++)
                if (strchr("hHmMsS", *q) == NULL)
                    elapsed = false;
            if (elapsed)
                date = true;
            p = e;
            continue;
        }
        if (c == '\\' || c == '_' || c == '*') {
            if (p[1])
                p++;
            continue;
        }
        if (c == '%')
            pct = true;
        c = (char)(c | 0x20);
        if (c == 'y' || c == 'd' || c == 'h' || c == 's')
            date = true;
    }
    if (date)
        return XLSX_FMT_DATE;
    return pct ? XLSX_FMT_PERCENT : XLSX_FMT_GENERAL;
}

/** What number format id shows: a custom code of that id, else the built-in one. */
static int xlsx_fmt_kind(const xlsx *x, uint32_t id)
{
    for (size_t i = 0; i < x->nfmts; i++)
        if (x->fmts[i].id == id)
            return x->fmts[i].kind;
    return xlsx_builtin_kind(id);
}

/* ------------------------------------------------------- feeding a part */

/** Stops the parser for good: out of memory, or a bad cell already written into x->err. */
static void xlsx_abort(xlsx *x, int why)
{
    if (!x->fail) {
        x->fail = why;
        if (x->p) /* NULL on the fast row path */
            XML_StopParser(x->p, XML_FALSE);
    }
}

/** Ends the part being parsed, if any. */
static void xlsx_part_close(xlsx *x)
{
    if (x->p)
        XML_ParserFree(x->p);
    if (x->zf)
        zip_fclose(x->zf);
    x->p = NULL;
    x->zf = NULL;
    x->streaming = x->fast = x->fast_used = x->fast_go = x->keep_head = false;
    x->head.n = x->fb_at = x->fb_n = 0;
    x->nnsp = 0;
    x->fast_off = false;
}

/* What each libzip error means to the person whose workbook it is, in their words: libzip's
 * own texts are English. A code not listed is said by its number. */
static const struct {
    int code;
    const char *words;
} xlsx_zip_words[] = {
    {ZIP_ER_NOPASSWD, "内容已加密"},
    {ZIP_ER_WRONGPASSWD, "内容已加密"},
    {ZIP_ER_ENCRNOTSUPP, "内容已加密"},
    {ZIP_ER_COMPNOTSUPP, "压缩方式不受支持"},
    {ZIP_ER_CRC, "校验和不符"},
    {ZIP_ER_EOF, "数据提前结束"},
    {ZIP_ER_ZLIB, "压缩数据已损坏"},
    {ZIP_ER_COMPRESSED_DATA, "压缩数据已损坏"},
    {ZIP_ER_MULTIDISK, "分卷压缩的 ZIP 不受支持"},
    {ZIP_ER_NOZIP, "找不到 ZIP 目录"},
    {ZIP_ER_INCONS, "目录与内容不一致"},
    {ZIP_ER_NOENT, "目录列出的部件不存在"},
    {ZIP_ER_OPEN, "无法打开文件"},
    {ZIP_ER_READ, "读取失败"},
    {ZIP_ER_SEEK, "定位失败"},
    {ZIP_ER_TELL, "定位失败"},
    {ZIP_ER_MEMORY, "内存不足"},
};

/** The words for libzip's error ze into buf (n bytes): the code's, then, for an error of the
 * system, what the system said (jx_errno_text). */
static const char *xlsx_zip_text(zip_error_t *ze, char *buf, size_t n)
{
    int code = zip_error_code_zip(ze);
    const char *words = NULL;
    for (size_t i = 0; i < sizeof xlsx_zip_words / sizeof xlsx_zip_words[0]; i++)
        if (xlsx_zip_words[i].code == code)
            words = xlsx_zip_words[i].words;
    int sys = zip_error_code_system(ze);
    const char *why = zip_error_system_type(ze) == ZIP_ET_SYS && sys != 0 ? jx_errno_text(sys) : NULL;
    if (!words)
        snprintf(buf, n, "ZIP 错误 %d%s%s%s", code, why ? "（" : "", why ? why : "", why ? "）" : "");
    else
        snprintf(buf, n, "%s%s%s%s", words, why ? "（" : "", why ? why : "", why ? "）" : "");
    return buf;
}

/** Keeps libzip's reason for a failed read of the part. */
static void xlsx_zip_reason(xlsx *x, zip_error_t *ze)
{
    int code = zip_error_code_zip(ze);
    x->zio = code == ZIP_ER_READ || code == ZIP_ER_SEEK || code == ZIP_ER_OPEN;
    xlsx_zip_text(ze, x->zmsg, sizeof x->zmsg);
}

/** A new parser in x->p (names by local part) with the handlers; 0, or -1 with x->fail set. */
static int xlsx_parser_new(xlsx *x, XML_StartElementHandler start, XML_EndElementHandler end,
                           XML_CharacterDataHandler text)
{
    x->p = XML_ParserCreateNS(NULL, XLSX_NS);
    if (!x->p) {
        x->fail = XLSX_NOMEM;
        return -1;
    }
    XML_SetUserData(x->p, x);
    XML_SetElementHandler(x->p, start, end);
    XML_SetCharacterDataHandler(x->p, text);
    return 0;
}

/** Starts parsing ZIP entry idx with the handlers; 0, or -1 with x->fail set. */
static int xlsx_part_open(xlsx *x, zip_uint64_t idx, XML_StartElementHandler start, XML_EndElementHandler end,
                          XML_CharacterDataHandler text)
{
    xlsx_part_close(x);
    x->suspended = x->eof = x->cap = false;
    x->fail = XLSX_OK;
    x->depth = x->d_data = x->d_row = x->d_c = x->d_is = x->d_rph = x->d_fmts = x->d_xfs = 0;
    x->row = 0;
    x->val.n = 0;
    x->zf = zip_fopen_index(x->za, idx, 0);
    if (!x->zf) {
        int code = zip_error_code_zip(zip_get_error(x->za));
        if (code == ZIP_ER_MEMORY) {
            x->fail = XLSX_NOMEM;
            return -1;
        }
        xlsx_zip_reason(x, zip_get_error(x->za));
        x->fail = XLSX_ZIP;
        return -1;
    }
    return xlsx_parser_new(x, start, end, text);
}

/** The part's next bytes into buf[0..cap): how many (0 at its end, x->eof then set), or -1 with x->fail set. */
static zip_int64_t xlsx_read(xlsx *x, void *buf, size_t cap)
{
    zip_int64_t n = zip_fread(x->zf, buf, cap);
    if (n < 0) {
        zip_error_t *ze = zip_file_get_error(x->zf);
        x->fail = zip_error_code_zip(ze) == ZIP_ER_MEMORY ? XLSX_NOMEM : XLSX_ZIP;
        xlsx_zip_reason(x, ze);
        return -1;
    }
    x->eof = n == 0;
    return n;
}

/**
 * Keeps bytes the parser is fed in x->head while the rows have not begun, for the fast
 * row path; a part whose rows begin past XLSX_HEAD_MAX is parsed without it. 0, or -1
 * when memory ran out.
 */
static int xlsx_head_add(xlsx *x, const char *s, size_t n)
{
    if (x->head.n + n > XLSX_HEAD_MAX) {
        x->keep_head = false;
        return 0;
    }
    if (buf_add(x->a, &x->head, s, n) != 0) {
        x->fail = XLSX_NOMEM;
        return -1;
    }
    return 0;
}

/**
 * What a parse that returned st comes to: 1 the parser was suspended (a row ended), -1
 * it failed (x->fail says why), XLSX_RUN_DETOUR it was stopped for the fast row path,
 * 0 it went on to the end of what it was fed.
 */
static int xlsx_parsed(xlsx *x, enum XML_Status st)
{
    if (st == XML_STATUS_ERROR) {
        if (x->fast_go && !x->fail)
            return XLSX_RUN_DETOUR;
        if (!x->fail) {
            x->xml_code = XML_GetErrorCode(x->p);
            x->xml_line = (unsigned long)XML_GetCurrentLineNumber(x->p);
            x->fail = x->xml_code == XML_ERROR_NO_MEMORY ? XLSX_NOMEM : XLSX_XML;
        }
        return -1;
    }
    if (st == XML_STATUS_SUSPENDED) {
        x->suspended = true;
        return 1;
    }
    return 0;
}

/**
 * Feeds the part to the parser until a handler suspends it (a row ended) or the part
 * ends. 1: suspended; 0: the part was read to its end; -1: x->fail says why;
 * XLSX_RUN_DETOUR: the sheet's rows are to be read by the fast row path.
 */
static int xlsx_part_run(xlsx *x)
{
    for (;;) {
        enum XML_Status st;
        if (x->suspended) {
            x->suspended = false;
            st = XML_ResumeParser(x->p);
        } else if (x->eof) {
            return 0;
        } else {
            void *buf = XML_GetBuffer(x->p, XLSX_CHUNK);
            if (!buf) {
                x->fail = XLSX_NOMEM;
                return -1;
            }
            zip_int64_t n = xlsx_read(x, buf, XLSX_CHUNK);
            if (n < 0)
                return -1;
            if (x->keep_head && xlsx_head_add(x, buf, (size_t)n) != 0)
                return -1;
            st = XML_ParseBuffer(x->p, (int)n, x->eof ? XML_TRUE : XML_FALSE);
        }
        int r = xlsx_parsed(x, st);
        if (r != 0)
            return r;
    }
}

/**
 * Writes why a part failed (x->fail) into err, what naming the part ("工作表“Sheet1”"),
 * with the row it was at for a sheet; returns the open result it is.
 */
static jx_result xlsx_failed(xlsx *x, const char *what, bool sheet, jx_table_error *err)
{
    char where[64] = "";
    uint32_t line = sheet ? x->row : 0;
    if (sheet && x->row)
        snprintf(where, sizeof where, "（第 %u 行附近）", (unsigned)x->row);
    else if (sheet)
        snprintf(where, sizeof where, "（第一行之前）");
    else if (x->fail == XLSX_XML)
        snprintf(where, sizeof where, "（XML 第 %lu 行）", x->xml_line);
    switch (x->fail) {
    case XLSX_NOMEM:
        return JX_ERR_NOMEM;
    case XLSX_BAD:
        return JX_ERR_INPUT; /* the handler wrote err */
    case XLSX_ZIP:
        jx_table_fail(err, line, 0, "%s的数据已损坏或不完整%s：%s；请在 Excel 中打开并重新保存", what, where, x->zmsg);
        return x->zio ? JX_ERR_IO : JX_ERR_INPUT;
    default:
        jx_table_fail(err, line, 0, "%s的 XML 已损坏%s：%s；请在 Excel 中打开并重新保存", what, where,
                      XML_ErrorString(x->xml_code));
        return JX_ERR_INPUT;
    }
}

/** Parses the whole of ZIP entry idx with the handlers; what names it in messages. */
static jx_result xlsx_parse_part(xlsx *x, zip_uint64_t idx, XML_StartElementHandler start,
                                 XML_EndElementHandler end, XML_CharacterDataHandler text, const char *what,
                                 jx_table_error *err)
{
    jx_result rc = JX_OK;
    if (xlsx_part_open(x, idx, start, end, text) != 0 || xlsx_part_run(x) != 0)
        rc = xlsx_failed(x, what, false, err);
    xlsx_part_close(x);
    return rc;
}

/** Character data into x->val while x->cap; the text of a cell or string is capped. */
static void XMLCALL xlsx_chars(void *ud, const XML_Char *s, int len)
{
    xlsx *x = ud;
    if (!x->cap || x->fail)
        return;
    if (x->val.n + (size_t)len > XLSX_MAX_TEXT) {
        jx_table_fail(x->err, x->row, 0, "单元格文字超过 %u 字节，工作簿可能已损坏；请在 Excel 中打开并重新保存",
                      (unsigned)XLSX_MAX_TEXT);
        xlsx_abort(x, XLSX_BAD);
        return;
    }
    if (buf_add(x->a, &x->val, s, (size_t)len) != 0)
        xlsx_abort(x, XLSX_NOMEM);
}

/* ------------------------------------------------------- the workbook */

/** <workbookPr date1904>, <sheet name r:id>. */
static void XMLCALL book_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xlsx *x = ud;
    const char *n = xlsx_local(name);
    if (x->fail)
        return;
    if (xlsx_is(n, "workbookPr")) {
        x->date1904 = xlsx_true(xlsx_attr(atts, "date1904"));
    } else if (xlsx_is(n, "sheet")) {
        const char *sname = xlsx_attr(atts, "name");
        const char *rid = xlsx_attr(atts, "id");
        if (JX_GROW(x->a, x->book, x->book_cap, x->nbook + 1) != 0) {
            xlsx_abort(x, XLSX_NOMEM);
            return;
        }
        xlsx_book_sheet *b = &x->book[x->nbook];
        b->name = xlsx_strdup(x, sname ? sname : "");
        b->rid = rid ? xlsx_strdup(x, rid) : NULL;
        if (!b->name || (rid && !b->rid)) {
            xlsx_strfree(x, b->name);
            xlsx_strfree(x, b->rid);
            xlsx_abort(x, XLSX_NOMEM);
            return;
        }
        x->nbook++;
    }
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
    (void)ud;
    (void)name;
}

/**
 * The part a relationship's target names: "/xl/worksheets/sheet1.xml" from the ZIP's
 * root, "worksheets/sheet1.xml" from xl/, with "." and ".." resolved, into out[size];
 * false when it does not fit.
 */
static bool xlsx_part_name(const char *target, char *out, size_t size)
{
    char tmp[1024];
    int w = target[0] == '/' ? snprintf(tmp, sizeof tmp, "%s", target + 1) : snprintf(tmp, sizeof tmp, "xl/%s", target);
    if (w < 0 || (size_t)w >= sizeof tmp || (size_t)w >= size)
        return false;
    size_t o = 0;
    const char *s = tmp;
    while (*s) {
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 0 || (n == 1 && s[0] == '.')) {
            /* nothing */
        } else if (n == 2 && s[0] == '.' && s[1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
        } else {
            if (o)
                out[o++] = '/';
            memcpy(out + o, s, n);
            o += n;
        }
        s += n;
        if (*s == '/')
            s++;
    }
    out[o] = '\0';
    return true;
}

/** <Relationship Id Type Target>. */
static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xlsx *x = ud;
    if (x->fail || !xlsx_is(xlsx_local(name), "Relationship"))
        return;
    const char *id = xlsx_attr(atts, "Id");
    const char *type = xlsx_attr(atts, "Type");
    const char *target = xlsx_attr(atts, "Target");
    const char *mode = xlsx_attr(atts, "TargetMode");
    char part[1024];
    if (!id || !target || (mode && strcmp(mode, "External") == 0) || !xlsx_part_name(target, part, sizeof part))
        return;
    int kind = XLSX_REL_OTHER;
    if (type) {
        if (xlsx_ends_with(type, "/worksheet"))
            kind = XLSX_REL_WORKSHEET;
        else if (xlsx_ends_with(type, "/chartsheet") || xlsx_ends_with(type, "/dialogsheet"))
            kind = XLSX_REL_CHARTSHEET;
        else if (xlsx_ends_with(type, "/sharedStrings"))
            kind = XLSX_REL_STRINGS;
        else if (xlsx_ends_with(type, "/styles"))
            kind = XLSX_REL_STYLES;
    }
    if (JX_GROW(x->a, x->rels, x->rels_cap, x->nrels + 1) != 0) {
        xlsx_abort(x, XLSX_NOMEM);
        return;
    }
    xlsx_rel *r = &x->rels[x->nrels];
    r->id = xlsx_strdup(x, id);
    r->target = xlsx_strdup(x, part);
    r->kind = kind;
    if (!r->id || !r->target) {
        xlsx_strfree(x, r->id);
        xlsx_strfree(x, r->target);
        xlsx_abort(x, XLSX_NOMEM);
        return;
    }
    x->nrels++;
}

/** The relationship with id, or NULL. */
static const xlsx_rel *xlsx_rel_by_id(const xlsx *x, const char *id)
{
    for (size_t i = 0; id && i < x->nrels; i++)
        if (strcmp(x->rels[i].id, id) == 0)
            return &x->rels[i];
    return NULL;
}

/** The target of the first relationship of kind, or dflt. */
static const char *xlsx_rel_target(const xlsx *x, int kind, const char *dflt)
{
    for (size_t i = 0; i < x->nrels; i++)
        if (x->rels[i].kind == kind)
            return x->rels[i].target;
    return dflt;
}

/** The ZIP entry called name (case aside, as Excel reads it), or -1. */
static zip_int64_t xlsx_locate(xlsx *x, const char *name)
{
    zip_int64_t i = zip_name_locate(x->za, name, 0);
    if (i < 0)
        i = zip_name_locate(x->za, name, ZIP_FL_NOCASE);
    return i;
}

/* ------------------------------------------------------- shared strings */

/* <si> holds <t>, or rich-text runs <r><rPr/><t/></r>, and phonetic runs <rPh><t/></rPh> that are not part of it */

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xlsx *x = ud;
    const char *n = xlsx_local(name);
    (void)atts;
    x->depth++;
    if (x->fail)
        return;
    if (!x->d_is) {
        if (xlsx_is(n, "si")) {
            x->d_is = x->depth;
            x->val.n = 0;
        }
    } else if (!x->d_rph) {
        if (xlsx_is(n, "rPh"))
            x->d_rph = x->depth;
        else if (xlsx_is(n, "t"))
            x->cap = true;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    xlsx *x = ud;
    (void)name;
    unsigned d = x->depth--;
    if (x->fail)
        return;
    if (d == x->d_rph) {
        x->d_rph = 0;
    } else if (d == x->d_is) {
        x->d_is = 0;
        x->cap = false;
        size_t n = x->val.n ? xlsx_unescape(x->val.s, x->val.n) : 0;
        if (JX_GROW(x->a, x->sst_off, x->sst_off_cap, x->nsst + 1) != 0) {
            xlsx_abort(x, XLSX_NOMEM);
            return;
        }
        x->sst_off[x->nsst] = x->sst.n;
        if (buf_add(x->a, &x->sst, x->val.s, n) != 0) {
            xlsx_abort(x, XLSX_NOMEM);
            return;
        }
        x->nsst++;
    } else {
        x->cap = false; /* </t> or any other end inside a string */
    }
}

/* ----------------------------------------------------------------- styles */

/* <numFmts><numFmt numFmtId formatCode/></numFmts> and <cellXfs><xf numFmtId/></cellXfs> */

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xlsx *x = ud;
    const char *n = xlsx_local(name);
    x->depth++;
    if (x->fail)
        return;
    if (xlsx_is(n, "numFmts") && !x->d_fmts) {
        x->d_fmts = x->depth;
    } else if (xlsx_is(n, "cellXfs") && !x->d_xfs) {
        x->d_xfs = x->depth;
    } else if (x->d_fmts && x->depth == x->d_fmts + 1 && xlsx_is(n, "numFmt")) {
        const char *id = xlsx_attr(atts, "numFmtId");
        const char *code = xlsx_attr(atts, "formatCode");
        long v = id ? xlsx_uint(id, strlen(id), 0xFFFFFFL) : -1;
        if (v < 0 || !code)
            return;
        if (JX_GROW(x->a, x->fmts, x->fmts_cap, x->nfmts + 1) != 0) {
            xlsx_abort(x, XLSX_NOMEM);
            return;
        }
        x->fmts[x->nfmts++] = (xlsx_numfmt){(uint32_t)v, xlsx_code_kind(code)};
    } else if (x->d_xfs && x->depth == x->d_xfs + 1 && xlsx_is(n, "xf")) {
        const char *id = xlsx_attr(atts, "numFmtId");
        long v = id ? xlsx_uint(id, strlen(id), 0xFFFFFFL) : 0;
        if (JX_GROW(x->a, x->xf_fmt, x->xf_fmt_cap, x->nxf_fmt + 1) != 0) {
            xlsx_abort(x, XLSX_NOMEM);
            return;
        }
        x->xf_fmt[x->nxf_fmt++] = v < 0 ? 0 : (uint32_t)v;
    }
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
    xlsx *x = ud;
    (void)name;
    unsigned d = x->depth--;
    if (d == x->d_fmts)
        x->d_fmts = 0;
    else if (d == x->d_xfs)
        x->d_xfs = 0;
}

/* ------------------------------------------------------- merged ranges */

/* the first pass over a sheet: <mergeCell ref="A2:A5"/>, and the rows only to name them in messages */

static void XMLCALL merge_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xlsx *x = ud;
    const char *n = xlsx_local(name);
    if (x->fail)
        return;
    if (xlsx_is(n, "row")) {
        const char *r = xlsx_attr(atts, "r");
        long v = r ? xlsx_uint(r, strlen(r), XLSX_MAX_ROW) : -1;
        x->row = v > 0 ? (uint32_t)v : x->row + 1;
        return;
    }
    if (!xlsx_is(n, "mergeCell"))
        return;
    const char *ref = xlsx_attr(atts, "ref");
    const char *colon = ref ? strchr(ref, ':') : NULL;
    if (!colon)
        return;
    uint32_t c1, r1, c2, r2;
    xlsx_ref(ref, &c1, &r1);
    xlsx_ref(colon + 1, &c2, &r2);
    if (!c1 || !r1 || !c2 || !r2)
        return;
    if (JX_GROW(x->a, x->merges, x->merges_cap, x->nmerges + 1) != 0) {
        xlsx_abort(x, XLSX_NOMEM);
        return;
    }
    x->merges[x->nmerges++] = (xlsx_merge){r1 < r2 ? r1 : r2, c1 < c2 ? c1 : c2, r1 < r2 ? r2 : r1,
                                           c1 < c2 ? c2 : c1, 0, 0, false};
}

static int xlsx_merge_cmp(const void *a, const void *b)
{
    const xlsx_merge *p = a, *q = b;
    if (p->r1 != q->r1)
        return p->r1 < q->r1 ? -1 : 1;
    return p->c1 < q->c1 ? -1 : p->c1 > q->c1;
}

/** Makes the merged ranges active over row r: the ones that cover it. */
static void xlsx_merges_at(xlsx *x, uint32_t r)
{
    if (r < x->mrow) { /* rows out of order: start the walk again */
        x->mnext = 0;
        x->nactive = 0;
    }
    x->mrow = r;
    size_t k = 0;
    for (size_t i = 0; i < x->nactive; i++)
        if (x->merges[x->active[i]].r2 >= r)
            x->active[k++] = x->active[i];
    x->nactive = k;
    for (; x->mnext < x->nmerges && x->merges[x->mnext].r1 <= r; x->mnext++)
        if (x->merges[x->mnext].r2 >= r)
            x->active[x->nactive++] = x->mnext;
}

/* ------------------------------------------------------- a sheet's rows */

/** "工作表“name”" into buf, for messages. */
static const char *xlsx_sheet_what(const xlsx *x, char *buf, size_t size)
{
    snprintf(buf, size, "工作表“%s”", jx_table_sheet_name(x->t, x->cur));
    return buf;
}

/** An ISO 8601 date cell (t="d": "2024-03-31T08:30:00Z") written as jx_table_date writes a serial; 0 when it is not one. */
static size_t xlsx_iso_date(const char *s, size_t n, char out[32])
{
    static const char date[] = "dddd-dd-dd", time[] = "Tdd:dd:dd";
    if (n < 10)
        return 0;
    for (size_t i = 0; i < 10; i++)
        if (date[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != date[i])
            return 0;
    memcpy(out, s, 10);
    out[10] = '\0';
    if (n < 19)
        return 10;
    for (size_t i = 0; i < 9; i++)
        if (time[i] == 'd' ? s[10 + i] < '0' || s[10 + i] > '9' : s[10 + i] != time[i])
            return 10;
    if (memcmp(s + 11, "00:00:00", 8) == 0)
        return 10;
    out[10] = ' ';
    memcpy(out + 11, s + 11, 8);
    out[19] = '\0';
    return 19;
}

/** </c>: the cell's text as a person reads it, kept with the row when not empty. */
static void xlsx_cell_end(xlsx *x)
{
    char num[JX_TABLE_NUMBER_MAX];
    const char *s = x->val.s ? x->val.s : "";
    size_t n = x->val.n;
    if (!x->col || n == 0)
        return;
    switch (x->ctype) {
    case 's': {
        long i = xlsx_uint(s, n, 0x7FFFFFFFL);
        if (i < 0 || (size_t)i >= x->nsst) {
            char what[300], letters[8];
            jx_table_fail(x->err, x->row, x->col,
                          "%s的单元格 %s%u 引用的共享字符串“%.*s”不存在（共有 %zu 个）；工作簿已损坏，请在 Excel 中打开并重新保存",
                          xlsx_sheet_what(x, what, sizeof what), jx_table_col_letters(x->col, letters),
                          (unsigned)x->row, (int)(n < 20 ? n : 20), s, x->nsst);
            xlsx_abort(x, XLSX_BAD);
            return;
        }
        size_t end = (size_t)i + 1 < x->nsst ? x->sst_off[i + 1] : x->sst.n;
        s = x->sst.s + x->sst_off[i];
        n = end - x->sst_off[i];
        break;
    }
    case 'i':
    case 'f':
        n = xlsx_unescape(x->val.s, n);
        break;
    case 'b':
        if (n == 1 && (s[0] == '0' || s[0] == '1')) {
            s = s[0] == '1' ? "TRUE" : "FALSE";
            n = strlen(s);
        }
        break;
    case 'e':
        break;
    case 'd': {
        size_t w = xlsx_iso_date(s, n, num);
        if (w) {
            s = num;
            n = w;
        }
        break;
    }
    default: {
        int kind = x->style < x->nxf ? x->xf_kind[x->style] : XLSX_FMT_GENERAL;
        size_t w = 0;
        if (kind == XLSX_FMT_DATE)
            w = jx_table_date(s, n, x->date1904, num);
        if (!w)
            w = jx_table_number(s, n, kind == XLSX_FMT_PERCENT, num);
        if (w) {
            s = num;
            n = w;
        }
        break;
    }
    }
    if (n == 0)
        return;
    if (JX_GROW(x->a, x->cells, x->cells_cap, x->ncells + 1) != 0) {
        xlsx_abort(x, XLSX_NOMEM);
        return;
    }
    x->cells[x->ncells++] = (xlsx_cell){x->col, (uint32_t)n, x->row_text.n};
    if (buf_add(x->a, &x->row_text, s, n) != 0)
        xlsx_abort(x, XLSX_NOMEM);
}

/** <row r="...">: r[0..rn) (r NULL when absent) starts row r, or the row after the last. */
static void xlsx_row_begin(xlsx *x, const char *r, size_t rn)
{
    long v = r ? xlsx_uint(r, rn, XLSX_MAX_ROW) : -1;
    x->row = v > 0 ? (uint32_t)v : x->row + 1;
    x->ncells = 0;
    x->row_text.n = 0;
    x->last_col = 0;
}

/** A cell's t= (t[0..tn)) as x->ctype. */
static char xlsx_ctype(const char *t, size_t tn)
{
    static const struct {
        const char *name;
        char ctype;
    } types[] = {{"s", 's'}, {"inlineStr", 'i'}, {"str", 'f'}, {"b", 'b'}, {"e", 'e'}, {"d", 'd'}};
    for (size_t i = 0; t && i < sizeof types / sizeof types[0]; i++)
        if (strlen(types[i].name) == tn && memcmp(types[i].name, t, tn) == 0)
            return types[i].ctype;
    return 'n';
}

/**
 * <c r t s>: the cell's column, type and style, each attribute's value given as a
 * pointer and length (NULL when absent). r is followed by a byte that is no letter,
 * digit or '$' (its NUL, or the quote that closes it), which xlsx_ref stops at.
 */
static void xlsx_cell_begin(xlsx *x, const char *r, const char *t, size_t tn, const char *s, size_t sn)
{
    uint32_t col = 0, row = 0;
    if (r)
        xlsx_ref(r, &col, &row);
    if (!col)
        col = x->last_col + 1;
    x->last_col = col;
    x->col = col <= XLSX_MAX_COL ? col : 0;
    long sv = s ? xlsx_uint(s, sn, 0xFFFFFFL) : 0;
    x->style = sv > 0 ? (uint32_t)sv : 0;
    x->ctype = xlsx_ctype(t, tn);
    x->val.n = 0;
}

static void xlsx_fast_enter(xlsx *x);

/** <row r>, <c r t s>, <v>, <is> and its <t> outside <rPh>: only what is under <sheetData>. */
static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xlsx *x = ud;
    const char *n = xlsx_local(name);
    x->depth++;
    if (x->fail)
        return;
    if (!x->d_data) {
        if (xlsx_is(n, "sheetData")) {
            x->d_data = x->depth;
            xlsx_fast_enter(x);
        }
        return;
    }
    unsigned below = x->depth - x->d_data;
    if (below == 1) {
        if (!xlsx_is(n, "row"))
            return;
        const char *r = xlsx_attr(atts, "r");
        xlsx_row_begin(x, r, r ? strlen(r) : 0);
        x->d_row = x->depth;
    } else if (below == 2 && x->d_row) {
        if (!xlsx_is(n, "c"))
            return;
        const char *type = xlsx_attr(atts, "t");
        const char *style = xlsx_attr(atts, "s");
        xlsx_cell_begin(x, xlsx_attr(atts, "r"), type, type ? strlen(type) : 0, style, style ? strlen(style) : 0);
        x->d_c = x->depth;
    } else if (x->d_c) {
        if (below == 3 && xlsx_is(n, "v"))
            x->cap = true;
        else if (below == 3 && xlsx_is(n, "is"))
            x->d_is = x->depth;
        else if (x->d_is && !x->d_rph && xlsx_is(n, "rPh"))
            x->d_rph = x->depth;
        else if (x->d_is && !x->d_rph && xlsx_is(n, "t"))
            x->cap = true;
    }
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
    xlsx *x = ud;
    (void)name;
    unsigned d = x->depth--;
    if (x->fail || !x->d_data)
        return;
    if (d == x->d_data) {
        x->d_data = 0;
    } else if (d == x->d_row) {
        x->d_row = 0;
        XML_StopParser(x->p, XML_TRUE); /* the row is whole: hand it out */
    } else if (d == x->d_c) {
        x->cap = false;
        xlsx_cell_end(x);
        x->d_c = x->d_is = x->d_rph = 0;
    } else if (d == x->d_rph) {
        x->d_rph = 0;
    } else if (d == x->d_is) {
        x->d_is = 0;
    } else {
        x->cap = false; /* </v> or </t> */
    }
}

/* ------------------------------------------------- the fast row path */

/*
 * Why by hand: expat is about 60 % of the time of reading a large sheet, nearly all of
 * it on the plainest XML there is (<row r="2"><c r="A2" t="s"><v>5</v></c>…), and
 * 100,000 rows read through it alone took some 7 times as long as the same rows as CSV.
 * So a sheet's rows are read by this small recogniser of that plain form, and expat
 * reads everything else: the part up to <sheetData …> (the declaration, namespaces),
 * whatever follows </sheetData>, and every row that is not in the plain form.
 *
 * The invariant: the fast path never decides anything that expat would decide
 * otherwise. It reads only well-formed XML of this shape (S is XML white space):
 *   rows   := S? (row S?)* "</sheetData"        ; where it hands back to expat
 *   row    := "<row" attrs ("/>" | ">" S? (cell S?)* "</row" S? ">")
 *   cell   := "<c" attrs ("/>" | ">" S? ((f | v | is) S?)* "</c" S? ">")
 *   f, v, t := "<f" | "<v" | "<t" attrs ("/>" | ">" text ("</f" | "</v" | "</t") S? ">")
 *   is     := "<is" attrs ("/>" | ">" S? (t S?)* "</is" S? ">")
 *   attrs  := (S name S? "=" S? ('"' value '"' | "'" value "'"))* S?
 * names ASCII, unprefixed or with a prefix declared at <sheetData> (or xml), never
 * xmlns; no two attributes of one local name; values printable ASCII without < and &;
 * text valid UTF-8 of XML characters but carriage return, with character references
 * and the five predefined entities, and no "]]>"; a part in UTF-8 with no DOCTYPE.
 * Anything else (another entity, CDATA, a comment, a carriage return in text, rich
 * text, a prefixed element, a row longer than XLSX_FAST_ROW_MAX, bytes that end
 * mid-row) hands the sheet back to expat at the start of the row it is in, for the
 * rest of the part: a new parser is fed the kept bytes
 * before the rows (x->head), then the part from that row on, and reads from there as
 * if it had read the rows before itself, errors and all. The rows the fast path does
 * read go through the same xlsx_row_begin, xlsx_cell_begin and xlsx_cell_end as
 * expat's, so a row read either way is the same row; test_table_xlsx.c reads
 * workbooks both ways (jx_table_set_plain) and compares them row by row.
 */

/** What the recogniser came to: a whole row, the bytes ran out, not the plain form, a cell's error. */
enum { FAST_ROW, FAST_MORE, FAST_BACK, FAST_FAIL };

/** The most attributes one element may have on the fast path. */
#define FAST_ATTRS 16

/** An attribute of a start tag: its local name and value, in the bytes. */
typedef struct fast_attr {
    const char *local, *val;
    size_t nlocal, nval;
} fast_attr;

/* XML's white space (its production S): markup syntax, not a blank of the cells' text. */
static bool fast_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool fast_name_start(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool fast_name_char(char c)
{
    return fast_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/** Skips white space; false when the bytes end first. */
static bool fast_skip(const char **pp, const char *end)
{
    const char *p = *pp;
    while (p < end && fast_space(*p))
        p++;
    *pp = p;
    return p < end;
}

/** Start tag lit ("<row") at *pp, its name whole: 1 (*pp after the name), 0 not it, -1 the bytes end first. */
static int fast_start_tag(const char **pp, const char *end, const char *lit, size_t n)
{
    const char *p = *pp;
    size_t have = (size_t)(end - p);
    if (have <= n)
        return memcmp(p, lit, have) == 0 ? -1 : 0;
    if (memcmp(p, lit, n) != 0 || !(fast_space(p[n]) || p[n] == '>' || p[n] == '/'))
        return 0;
    *pp = p + n;
    return 1;
}

/** End tag lit ("</row") with S? ">" at *pp: 1 (*pp after it), 0 not it, -1 the bytes end first. */
static int fast_end_tag(const char **pp, const char *end, const char *lit, size_t n)
{
    const char *p = *pp;
    size_t have = (size_t)(end - p);
    if (have < n)
        return memcmp(p, lit, have) == 0 ? -1 : 0;
    if (memcmp(p, lit, n) != 0)
        return 0;
    p += n;
    if (!fast_skip(&p, end))
        return -1;
    if (*p != '>')
        return 0;
    *pp = p + 1;
    return 1;
}

/** Whether prefix s[0..n) is bound where the rows are: xml, or one declared in scope at <sheetData>. */
static bool fast_prefix_known(const xlsx *x, const char *s, size_t n)
{
    if (n == 3 && memcmp(s, "xml", 3) == 0)
        return true;
    for (size_t i = 0; i < x->nnsp; i++)
        if (strlen(x->nsp[i]) == n && memcmp(x->nsp[i], s, n) == 0)
            return true;
    return false;
}

/**
 * A start tag's attributes, from after its name through its ">" or "/>" into a[0..*na):
 * FAST_ROW (*empty when "/>"), FAST_MORE or FAST_BACK.
 */
static int fast_attrs(const xlsx *x, const char **pp, const char *end, fast_attr *a, size_t *na, bool *empty)
{
    const char *p = *pp;
    size_t n = 0;
    for (;;) {
        const char *before = p;
        if (!fast_skip(&p, end))
            return FAST_MORE;
        if (*p == '>' || *p == '/') {
            *empty = *p == '/';
            if (*empty) {
                if (p + 1 >= end)
                    return FAST_MORE;
                if (p[1] != '>')
                    return FAST_BACK;
                p++;
            }
            *pp = p + 1;
            *na = n;
            return FAST_ROW;
        }
        if (p == before || n == FAST_ATTRS || !fast_name_start(*p))
            return FAST_BACK;
        const char *name = p, *colon = NULL;
        for (;;) {
            if (p >= end)
                return FAST_MORE;
            if (fast_name_char(*p)) {
                p++;
            } else if (*p == ':' && !colon) {
                colon = p++;
                if (p >= end)
                    return FAST_MORE;
                if (!fast_name_start(*p))
                    return FAST_BACK;
            } else {
                break;
            }
        }
        if (p - name >= 5 && memcmp(name, "xmlns", 5) == 0)
            return FAST_BACK; /* a namespace declared here: expat's to bind */
        if (colon && !fast_prefix_known(x, name, (size_t)(colon - name)))
            return FAST_BACK;
        const char *local = colon ? colon + 1 : name;
        size_t nlocal = (size_t)(p - local);
        if (!fast_skip(&p, end))
            return FAST_MORE;
        if (*p++ != '=')
            return FAST_BACK;
        if (!fast_skip(&p, end))
            return FAST_MORE;
        char quote = *p++;
        if (quote != '"' && quote != '\'')
            return FAST_BACK;
        const char *val = p;
        for (;; p++) {
            if (p >= end)
                return FAST_MORE;
            unsigned char c = (unsigned char)*p;
            if (c == (unsigned char)quote)
                break;
            if (c < 0x20 || c >= 0x7F || c == '<' || c == '&')
                return FAST_BACK;
        }
        for (size_t i = 0; i < n; i++)
            if (a[i].nlocal == nlocal && memcmp(a[i].local, local, nlocal) == 0)
                return FAST_BACK;
        a[n++] = (fast_attr){local, val, nlocal, (size_t)(p - val)};
        p++; /* the closing quote */
    }
}

/** The value of the attribute of local name local (its length in *len), or NULL. */
static const char *fast_get(const fast_attr *a, size_t n, const char *local, size_t *len)
{
    size_t k = strlen(local);
    for (size_t i = 0; i < n; i++)
        if (a[i].nlocal == k && memcmp(a[i].local, local, k) == 0) {
            *len = a[i].nval;
            return a[i].val;
        }
    *len = 0;
    return NULL;
}

/** The rest of a start tag whose attributes do not matter (v, f, is, t): FAST_ROW (*empty when "/>"), or what stopped it. */
static int fast_open(const xlsx *x, const char **pp, const char *end, bool *empty)
{
    fast_attr a[FAST_ATTRS];
    size_t na;
    return fast_attrs(x, pp, end, a, &na, empty);
}

/**
 * In an element's content: white space, then its end tag close (n bytes): 1 (*pp after
 * it), 0 something else comes (*pp at it), -1 the bytes end first.
 */
static int fast_child(const char **pp, const char *end, const char *close, size_t n)
{
    return fast_skip(pp, end) ? fast_end_tag(pp, end, close, n) : -1;
}

/**
 * A reference at *pp (its '&'): a character reference to an XML character or one of
 * the five predefined entities, its UTF-8 into out (*n bytes). FAST_ROW (*pp after
 * its ';'), FAST_MORE or FAST_BACK.
 */
static int fast_ref(const char **pp, const char *end, char out[4], size_t *n)
{
    static const struct {
        const char *name, *text;
    } named[] = {{"lt;", "<"}, {"gt;", ">"}, {"amp;", "&"}, {"quot;", "\""}, {"apos;", "'"}};
    const char *p = *pp + 1;
    size_t have = (size_t)(end - p);
    if (have == 0)
        return FAST_MORE;
    if (*p != '#') {
        for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
            size_t k = strlen(named[i].name);
            if (memcmp(p, named[i].name, have < k ? have : k) != 0)
                continue;
            if (have < k)
                return FAST_MORE;
            out[0] = named[i].text[0];
            *n = 1;
            *pp = p + k;
            return FAST_ROW;
        }
        return FAST_BACK;
    }
    if (++p >= end)
        return FAST_MORE;
    bool hex = *p == 'x';
    if (hex && ++p >= end)
        return FAST_MORE;
    uint32_t cp = 0;
    size_t digits = 0;
    for (;; p++, digits++) {
        if (p >= end)
            return FAST_MORE;
        char c = *p;
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (unsigned)((c | 0x20) - 'a' + 10);
        else
            break;
        if (digits == 7)
            return FAST_BACK; /* leading zeros past sense: expat's to judge */
        cp = cp * (hex ? 16 : 10) + d;
    }
    if (*p != ';' || digits == 0)
        return FAST_BACK;
    if (!(cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
          (cp >= 0x10000 && cp <= 0x10FFFF)))
        return FAST_BACK; /* not an XML character: an error, expat's to report */
    *n = jx_text_utf8_put(out, (uint32_t)cp);
    *pp = p + 1;
    return FAST_ROW;
}

/** Adds s[0..n) to x->val when keep; FAST_ROW, or FAST_FAIL when memory ran out. */
static int fast_keep(xlsx *x, bool keep, const char *s, size_t n)
{
    if (!keep || n == 0 || buf_add(x->a, &x->val, s, n) == 0)
        return FAST_ROW;
    x->fail = XLSX_NOMEM;
    return FAST_FAIL;
}

/**
 * Character data up to the next '<', decoded into x->val when keep: FAST_ROW (*pp at
 * the '<'), FAST_MORE, FAST_BACK or FAST_FAIL.
 */
static int fast_text(xlsx *x, const char **pp, const char *end, bool keep)
{
    const char *p = *pp, *run = p;
    for (;;) {
        if (p >= end)
            return FAST_MORE;
        unsigned char c = (unsigned char)*p;
        if (c == '<')
            break;
        if ((c >= 0x20 && c < 0x7F && c != '&' && c != ']') || c == '\t' || c == '\n') {
            p++;
        } else if (c == ']') {
            if (end - p < 3)
                return FAST_MORE;
            if (p[1] == ']' && p[2] == '>')
                return FAST_BACK; /* "]]>" has no place in text: expat's to report */
            p++;
        } else if (c == '&') {
            char out[4];
            size_t n;
            int r = fast_keep(x, keep, run, (size_t)(p - run));
            if (r == FAST_ROW)
                r = fast_ref(&p, end, out, &n);
            if (r == FAST_ROW)
                r = fast_keep(x, keep, out, n);
            if (r != FAST_ROW)
                return r;
            run = p;
        } else if (c >= 0x80) {
            int32_t cp;
            size_t k = jx_text_utf8_decode(p, (size_t)(end - p), &cp);
            if (cp < 0)
                return end - p < 4 ? FAST_MORE : FAST_BACK;
            if (cp == 0xFFFE || cp == 0xFFFF)
                return FAST_BACK;
            p += k;
        } else {
            return FAST_BACK; /* a control character, or a carriage return that XML makes a newline */
        }
    }
    int r = fast_keep(x, keep, run, (size_t)(p - run));
    if (r == FAST_ROW)
        *pp = p;
    return r;
}

/**
 * An element whose content is text (v, f, t), from after its name: FAST_ROW with *pp
 * after its end tag close ("</v" n bytes) and its text kept when keep, or what stopped it.
 */
static int fast_text_element(xlsx *x, const char **pp, const char *end, const char *close, size_t n, bool keep)
{
    bool empty;
    const char *p = *pp;
    int r = fast_open(x, &p, end, &empty);
    if (r != FAST_ROW)
        return r;
    if (!empty) {
        r = fast_text(x, &p, end, keep);
        if (r != FAST_ROW)
            return r;
        int m = fast_end_tag(&p, end, close, n);
        if (m <= 0)
            return m < 0 ? FAST_MORE : FAST_BACK;
    }
    *pp = p;
    return FAST_ROW;
}

/** An inline string, from after "<is": its t elements' text kept. */
static int fast_inline(xlsx *x, const char **pp, const char *end)
{
    bool empty;
    const char *p = *pp;
    int r = fast_open(x, &p, end, &empty);
    if (r != FAST_ROW)
        return r;
    while (!empty) {
        int m = fast_child(&p, end, "</is", 4);
        if (m < 0)
            return FAST_MORE;
        if (m > 0)
            break;
        m = fast_start_tag(&p, end, "<t", 2);
        if (m <= 0)
            return m < 0 ? FAST_MORE : FAST_BACK; /* rich text runs, phonetic runs */
        r = fast_text_element(x, &p, end, "</t", 3, true);
        if (r != FAST_ROW)
            return r;
    }
    *pp = p;
    return FAST_ROW;
}

/** A cell, from after "<c": FAST_ROW when it is whole and kept (xlsx_cell_end), or what stopped it. */
static int fast_cell(xlsx *x, const char **pp, const char *end)
{
    fast_attr a[FAST_ATTRS];
    size_t na, rn, tn, sn;
    bool empty;
    const char *p = *pp;
    int r = fast_attrs(x, &p, end, a, &na, &empty);
    if (r != FAST_ROW)
        return r;
    const char *ref = fast_get(a, na, "r", &rn), *type = fast_get(a, na, "t", &tn), *style = fast_get(a, na, "s", &sn);
    xlsx_cell_begin(x, ref, type, tn, style, sn);
    while (!empty) {
        int m = fast_child(&p, end, "</c", 3);
        if (m < 0)
            return FAST_MORE;
        if (m > 0)
            break;
        /* as expat's handlers: the text of every v and of every t of an inline string, in order; f's is not kept */
        if ((m = fast_start_tag(&p, end, "<v", 2)) > 0)
            r = fast_text_element(x, &p, end, "</v", 3, true);
        else if (m == 0 && (m = fast_start_tag(&p, end, "<f", 2)) > 0)
            r = fast_text_element(x, &p, end, "</f", 3, false);
        else if (m == 0 && (m = fast_start_tag(&p, end, "<is", 3)) > 0)
            r = fast_inline(x, &p, end);
        else
            return m < 0 ? FAST_MORE : FAST_BACK;
        if (r != FAST_ROW)
            return r;
    }
    xlsx_cell_end(x);
    if (x->fail)
        return FAST_FAIL;
    *pp = p;
    return FAST_ROW;
}

/** A row at *pp (after white space): FAST_ROW when it is whole (*pp after it), or what stopped it. */
static int fast_row(xlsx *x, const char **pp, const char *end)
{
    fast_attr a[FAST_ATTRS];
    size_t na, rn;
    bool empty;
    const char *p = *pp;
    if (!fast_skip(&p, end))
        return FAST_MORE;
    int m = fast_start_tag(&p, end, "<row", 4);
    if (m <= 0)
        return m < 0 ? FAST_MORE : FAST_BACK; /* "</sheetData" comes here too */
    int r = fast_attrs(x, &p, end, a, &na, &empty);
    if (r != FAST_ROW)
        return r;
    const char *ref = fast_get(a, na, "r", &rn);
    xlsx_row_begin(x, ref, rn);
    while (!empty) {
        m = fast_child(&p, end, "</row", 5);
        if (m < 0)
            return FAST_MORE;
        if (m > 0)
            break;
        m = fast_start_tag(&p, end, "<c", 2);
        if (m <= 0)
            return m < 0 ? FAST_MORE : FAST_BACK;
        r = fast_cell(x, &p, end);
        if (r != FAST_ROW)
            return r;
    }
    *pp = p;
    return FAST_ROW;
}

/** Room in fb for n bytes; 0, or -1 when memory ran out. */
static int xlsx_fb_reserve(xlsx *x, size_t n)
{
    return JX_GROW(x->a, x->fb, x->fb_cap, n);
}

/**
 * More of the part into fb, what is unread moved to its start: 1 some was read; 0 none
 * (the part ended, or the row is longer than XLSX_FAST_ROW_MAX); -1 failed (x->fail).
 */
static int xlsx_fast_fill(xlsx *x)
{
    size_t keep = x->fb_n - x->fb_at;
    memmove(x->fb, x->fb + x->fb_at, keep);
    x->fb_at = 0;
    x->fb_n = keep;
    if (x->eof || keep >= XLSX_FAST_ROW_MAX)
        return 0;
    if (xlsx_fb_reserve(x, keep + XLSX_CHUNK) != 0) {
        x->fail = XLSX_NOMEM;
        return -1;
    }
    zip_int64_t n = xlsx_read(x, x->fb + keep, XLSX_CHUNK);
    if (n < 0)
        return -1;
    x->fb_n += (size_t)n;
    return n > 0;
}

/**
 * At <sheetData ...> (sheet_start): takes the rows onto the fast path when the part up
 * to here is kept in head and the tag is written plainly, by stopping expat
 * (XLSX_RUN_DETOUR) with what it was fed past the tag moved into fb.
 */
static void xlsx_fast_enter(xlsx *x)
{
    if (x->t->plain || x->fast_used || !x->keep_head || x->fast_off)
        return;
    int off = 0, size = 0;
    const char *ctx = XML_GetInputContext(x->p, &off, &size);
    int count = XML_GetCurrentByteCount(x->p);
    XML_Index at = XML_GetCurrentByteIndex(x->p);
    if (!ctx || count < 11 || at < 0 || off < 0 || size < off || count > size - off)
        return;
    const char *tag = ctx + off;
    size_t upto = (size_t)at + (size_t)count, rest = (size_t)(size - off - count);
    if (memcmp(tag, "<sheetData", 10) != 0 || !(fast_space(tag[10]) || tag[10] == '>') || tag[count - 2] == '/')
        return; /* prefixed (x:sheetData: its rows are too), or empty */
    if (upto + rest != x->head.n || memcmp(x->head.s + at, tag, (size_t)count) != 0)
        return; /* not what was kept: never so, but then expat goes on */
    if (xlsx_fb_reserve(x, rest + XLSX_CHUNK) != 0) {
        xlsx_abort(x, XLSX_NOMEM);
        return;
    }
    memcpy(x->fb, tag + count, rest);
    x->fb_at = 0;
    x->fb_n = rest;
    x->head_keep = upto;
    x->keep_head = false;
    x->fast_used = x->fast_go = true;
    x->fast_prev = x->row;
    XML_StopParser(x->p, XML_FALSE);
}

/**
 * The next row on the fast path: 1 it is in x->cells; -1 failed (x->fail);
 * XLSX_RUN_BACK expat is to go on from fb[fb_at] (the rows ended, or what comes is not
 * in the plain form). x->row is what expat would have it at each of these.
 */
static int xlsx_fast_next(xlsx *x)
{
    for (;;) {
        x->row = x->fast_prev; /* a row begun and not finished is begun again */
        const char *p = x->fb + x->fb_at;
        int r = fast_row(x, &p, x->fb + x->fb_n);
        if (r == FAST_ROW) {
            x->fb_at = (size_t)(p - x->fb);
            x->fast_prev = x->row;
            x->t->fast_rows++;
            return 1;
        }
        if (r == FAST_FAIL)
            return -1;
        if (r == FAST_MORE) {
            int f = xlsx_fast_fill(x);
            if (f < 0)
                return -1; /* x->row as expat would have it: at the row begun */
            if (f > 0)
                continue;
        }
        x->row = x->fast_prev;
        return XLSX_RUN_BACK;
    }
}

/** Feeds s[0..n) to the parser (last: the part's end); what xlsx_parsed makes of it. */
static int xlsx_feed(xlsx *x, const char *s, size_t n, bool last)
{
    if (n == 0)
        return xlsx_parsed(x, XML_Parse(x->p, "", 0, last ? XML_TRUE : XML_FALSE));
    void *buf = XML_GetBuffer(x->p, (int)n);
    if (!buf) {
        x->fail = XLSX_NOMEM;
        return -1;
    }
    memcpy(buf, s, n);
    return xlsx_parsed(x, XML_ParseBuffer(x->p, (int)n, last ? XML_TRUE : XML_FALSE));
}

/** Hands the rows back to expat at fb[fb_at] (see above): 1 a row was read, 0 the part ended, -1 failed. */
static int xlsx_fast_leave(xlsx *x)
{
    x->fast = false;
    if (xlsx_parser_new(x, sheet_start, sheet_end, xlsx_chars) != 0)
        return -1;
    x->depth = x->d_data = x->d_row = x->d_c = x->d_is = x->d_rph = 0;
    x->cap = false;
    x->val.n = 0;
    int r = xlsx_feed(x, x->head.s, x->head_keep, false);
    if (r == 0)
        r = xlsx_feed(x, x->fb + x->fb_at, x->fb_n - x->fb_at, x->eof);
    x->fb_at = x->fb_n = x->head.n = x->head_keep = 0;
    return r != 0 ? r : xlsx_part_run(x);
}

/** The sheet's next row, on the fast path or through expat: 1, 0 at the part's end, -1 failed (x->fail). */
static int xlsx_sheet_run(xlsx *x)
{
    int r = x->fast ? xlsx_fast_next(x) : xlsx_part_run(x);
    for (;;) {
        if (r == XLSX_RUN_DETOUR) {
            XML_ParserFree(x->p);
            x->p = NULL;
            x->fast_go = false;
            x->fast = true;
            r = xlsx_fast_next(x);
        } else if (r == XLSX_RUN_BACK) {
            r = xlsx_fast_leave(x);
        } else {
            return r;
        }
    }
}

/** A DOCTYPE may declare entities and attribute defaults the fast path knows nothing of. */
static void XMLCALL sheet_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                                  int internal)
{
    xlsx *x = ud;
    (void)name, (void)sysid, (void)pubid, (void)internal;
    x->fast_off = true;
}

/** The fast path reads UTF-8 only. */
static void XMLCALL sheet_xmldecl(void *ud, const XML_Char *version, const XML_Char *encoding, int standalone)
{
    xlsx *x = ud;
    (void)version, (void)standalone;
    if (encoding && strcasecmp(encoding, "UTF-8") != 0)
        x->fast_off = true;
}

/** Namespace prefixes declared on the way to <sheetData>, for the fast path to know. */
static void XMLCALL sheet_ns_start(void *ud, const XML_Char *prefix, const XML_Char *uri)
{
    xlsx *x = ud;
    (void)uri;
    if (!prefix)
        return;
    size_t n = strlen(prefix);
    if (x->nnsp == XLSX_FAST_PREFIXES || n >= XLSX_FAST_PREFIX_LEN) {
        x->fast_off = true;
        return;
    }
    memcpy(x->nsp[x->nnsp++], prefix, n + 1);
}

static void XMLCALL sheet_ns_end(void *ud, const XML_Char *prefix)
{
    xlsx *x = ud;
    if (!prefix)
        return;
    for (size_t i = x->nnsp; i-- > 0;)
        if (strcmp(x->nsp[i], prefix) == 0) {
            memmove(&x->nsp[i], &x->nsp[i + 1], (x->nnsp - i - 1) * sizeof x->nsp[0]);
            x->nnsp--;
            return;
        }
}

/**
 * The row just read into *row, with the merged ranges over it: 1 when it has a
 * non-empty cell of its own, 0 when it is to be skipped, -1 when memory ran out. A row
 * whose only text would come from merged ranges above it (the rows a tall title or a
 * label merged down past the data covers) says nothing of its own and is skipped too.
 */
static int xlsx_emit(jx_table *t, xlsx *x, jx_table_row *row)
{
    uint32_t r = x->row, last = 0;
    if (!x->ncells)
        return 0;
    for (size_t i = 0; i < x->ncells; i++)
        if (x->cells[i].col > last)
            last = x->cells[i].col;
    if (x->nmerges) {
        xlsx_merges_at(x, r);
        for (size_t k = 0; k < x->nactive; k++) {
            xlsx_merge *m = &x->merges[x->active[k]];
            if (!m->have && m->r1 == r) { /* the top-left cell's row: keep its text for the rows below */
                m->have = true;
                for (size_t i = 0; i < x->ncells; i++)
                    if (x->cells[i].col == m->c1) {
                        m->off = x->merge_text.n;
                        m->n = x->cells[i].n;
                        if (buf_add(x->a, &x->merge_text, x->row_text.s + x->cells[i].off, m->n) != 0)
                            return -1;
                    }
            }
            if (m->have && m->n && m->c2 > last)
                last = m->c2;
        }
    }
    if (!last)
        return 0;
    jx_table_cell *cells = jx_table_cells(t, last);
    if (!cells)
        return -1;
    for (uint32_t i = 0; i < last; i++)
        cells[i].line = r;
    for (size_t i = 0; i < x->ncells; i++) {
        jx_table_cell *c = &cells[x->cells[i].col - 1];
        c->s = x->row_text.s + x->cells[i].off;
        c->n = x->cells[i].n;
    }
    for (size_t k = 0; k < x->nactive; k++) {
        const xlsx_merge *m = &x->merges[x->active[k]];
        if (!m->have || !m->n)
            continue;
        for (uint32_t c = m->c1; c <= m->c2; c++) {
            cells[c - 1].s = x->merge_text.s + m->off;
            cells[c - 1].n = m->n;
        }
    }
    row->sheet = (uint32_t)x->cur;
    row->row = r;
    row->off = 0;
    row->ncells = last;
    row->cells = cells;
    return 1;
}

/**
 * Whether the part idx holds the bytes "mergeCell" anywhere: 1 or 0, -1 when it cannot
 * be read (x->fail says why). Only inflates and searches bytes, about a fifth of what
 * parsing the part costs; a sheet without merged ranges (most exports) is then parsed
 * once. The word inside a cell's text only costs the parse it would have had anyway.
 */
static int xlsx_part_mentions_merges(xlsx *x, zip_uint64_t idx)
{
    static const char word[] = "mergeCell";
    const size_t wn = sizeof word - 1;
    zip_file_t *zf = zip_fopen_index(x->za, idx, 0);
    if (!zf) {
        x->fail = zip_error_code_zip(zip_get_error(x->za)) == ZIP_ER_MEMORY ? XLSX_NOMEM : XLSX_ZIP;
        if (x->fail == XLSX_ZIP)
            xlsx_zip_reason(x, zip_get_error(x->za));
        return -1;
    }
    char *buf = jx_malloc(x->a, XLSX_CHUNK + wn);
    if (!buf) {
        zip_fclose(zf);
        x->fail = XLSX_NOMEM;
        return -1;
    }
    size_t keep = 0; /* the last wn - 1 bytes of the previous chunk, so the word may straddle two */
    int found = 0;
    for (;;) {
        zip_int64_t n = zip_fread(zf, buf + keep, XLSX_CHUNK);
        if (n < 0) {
            zip_error_t *ze = zip_file_get_error(zf);
            x->fail = zip_error_code_zip(ze) == ZIP_ER_MEMORY ? XLSX_NOMEM : XLSX_ZIP;
            xlsx_zip_reason(x, ze);
            found = -1;
            break;
        }
        if (n == 0)
            break;
        size_t have = keep + (size_t)n;
        if (memmem(buf, have, word, wn)) {
            found = 1;
            break;
        }
        keep = have < wn - 1 ? have : wn - 1;
        memmove(buf, buf + have - keep, keep);
    }
    jx_free(x->a, buf, XLSX_CHUNK + wn);
    zip_fclose(zf);
    return found;
}

/** Starts the current sheet: its merged ranges (the first pass), then its rows' parser. */
static jx_table_status xlsx_sheet_begin(jx_table *t, xlsx *x)
{
    char what[300];
    x->nmerges = x->nactive = x->mnext = 0;
    x->mrow = 0;
    x->merge_text.n = 0;
    int merges = xlsx_part_mentions_merges(x, x->parts[x->cur]);
    if (merges < 0 ||
        (merges && (xlsx_part_open(x, x->parts[x->cur], merge_start, no_end, NULL) != 0 || xlsx_part_run(x) != 0))) {
        jx_result rc = xlsx_failed(x, xlsx_sheet_what(x, what, sizeof what), true, &t->err);
        xlsx_part_close(x);
        return rc == JX_ERR_NOMEM ? JX_TABLE_NOMEM : JX_TABLE_ERROR;
    }
    xlsx_part_close(x);
    if (x->nmerges) {
        qsort(x->merges, x->nmerges, sizeof *x->merges, xlsx_merge_cmp);
        if (JX_GROW(x->a, x->active, x->active_cap, x->nmerges) != 0)
            return JX_TABLE_NOMEM;
    }
    if (xlsx_part_open(x, x->parts[x->cur], sheet_start, sheet_end, xlsx_chars) != 0) {
        jx_result rc = xlsx_failed(x, xlsx_sheet_what(x, what, sizeof what), true, &t->err);
        xlsx_part_close(x);
        return rc == JX_ERR_NOMEM ? JX_TABLE_NOMEM : JX_TABLE_ERROR;
    }
    XML_SetNamespaceDeclHandler(x->p, sheet_ns_start, sheet_ns_end);
    XML_SetStartDoctypeDeclHandler(x->p, sheet_doctype);
    XML_SetXmlDeclHandler(x->p, sheet_xmldecl);
    x->keep_head = !t->plain;
    x->streaming = true;
    return JX_TABLE_ROW;
}

static jx_table_status xlsx_next(jx_table *t, jx_table_row *row)
{
    xlsx *x = t->impl;
    if (x->stuck)
        return x->sticky;
    for (;;) {
        jx_table_status st = JX_TABLE_ROW;
        if (!x->streaming) {
            if (x->cur >= t->nsheets)
                return JX_TABLE_END;
            st = xlsx_sheet_begin(t, x);
            if (st != JX_TABLE_ROW)
                goto stuck;
        }
        int r = xlsx_sheet_run(x);
        if (r < 0) {
            char what[300];
            st = xlsx_failed(x, xlsx_sheet_what(x, what, sizeof what), true, &t->err) == JX_ERR_NOMEM ? JX_TABLE_NOMEM
                                                                                                  : JX_TABLE_ERROR;
            xlsx_part_close(x);
            goto stuck;
        }
        if (r == 0) { /* the sheet's last row was read */
            xlsx_part_close(x);
            x->cur++;
            continue;
        }
        int got = xlsx_emit(t, x, row);
        if (got < 0) {
            st = JX_TABLE_NOMEM;
            xlsx_part_close(x);
            goto stuck;
        }
        if (got)
            return JX_TABLE_ROW;
        continue;
    stuck:
        x->stuck = true;
        x->sticky = st;
        return st;
    }
}

/* ------------------------------------------------------- opening */

/** Opens the ZIP from the file or the bytes. */
static jx_result xlsx_zip_open(xlsx *x, const char *path, const char *data, size_t len, jx_table_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    if (path) {
        int code = 0;
        x->za = zip_open(path, ZIP_RDONLY, &code);
        if (!x->za)
            zip_error_init_with_code(&ze, code);
    } else {
        zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
        if (src) {
            x->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
            if (!x->za)
                zip_source_free(src);
        }
    }
    if (x->za) {
        zip_error_fini(&ze);
        return JX_OK;
    }
    jx_result rc = JX_ERR_INPUT;
    char why[160];
    switch (zip_error_code_zip(&ze)) {
    case ZIP_ER_MEMORY:
        rc = JX_ERR_NOMEM;
        break;
    case ZIP_ER_NOZIP:
        jx_table_fail(err, 0, 0,
                      "工作簿已损坏或不完整（不是有效的 ZIP 文件：%s，文件可能只复制或下载了一部分）；请在 Excel 中打开并重新保存",
                      xlsx_zip_text(&ze, why, sizeof why));
        break;
    case ZIP_ER_OPEN:
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
        if (path) { /* the file itself could not be read; bytes in memory always can */
            jx_table_fail(err, 0, 0, "无法读取工作簿：%s", xlsx_zip_text(&ze, why, sizeof why));
            rc = JX_ERR_IO;
            break;
        }
        /* fall through */
    case ZIP_ER_NOENT: /* the file was there (its first bytes were read): an entry the directory names is not */
        zip_error_set(&ze, ZIP_ER_INCONS, 0); /* each said as the directory's disagreeing with the bytes */
        /* fall through */
    default:
        jx_table_fail(err, 0, 0, "工作簿已损坏或不完整（不是有效的 ZIP 文件：%s）；请在 Excel 中打开并重新保存",
                      xlsx_zip_text(&ze, why, sizeof why));
        break;
    }
    zip_error_fini(&ze);
    return rc;
}

/** Frees what only opening needs. */
static void xlsx_free_book(xlsx *x)
{
    for (size_t i = 0; i < x->nbook; i++) {
        xlsx_strfree(x, x->book[i].name);
        xlsx_strfree(x, x->book[i].rid);
    }
    jx_free(x->a, x->book, x->book_cap * sizeof *x->book);
    x->book = NULL;
    x->nbook = x->book_cap = 0;
    for (size_t i = 0; i < x->nrels; i++) {
        xlsx_strfree(x, x->rels[i].id);
        xlsx_strfree(x, x->rels[i].target);
    }
    jx_free(x->a, x->rels, x->rels_cap * sizeof *x->rels);
    x->rels = NULL;
    x->nrels = x->rels_cap = 0;
    jx_free(x->a, x->fmts, x->fmts_cap * sizeof *x->fmts);
    x->fmts = NULL;
    x->nfmts = x->fmts_cap = 0;
    jx_free(x->a, x->xf_fmt, x->xf_fmt_cap * sizeof *x->xf_fmt);
    x->xf_fmt = NULL;
    x->nxf_fmt = x->xf_fmt_cap = 0;
}

/** The sheets to read, from the workbook's list and its relationships, registered on t. */
static jx_result xlsx_pick_sheets(jx_table *t, xlsx *x, const jx_table_options *opts, jx_table_error *err)
{
    size_t n = x->nbook;
    const char **names = jx_malloc(x->a, (n ? n : 1) * sizeof *names);
    if (!names)
        return JX_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        names[i] = x->book[i].name;
    jx_result rc = JX_OK;
    const char *chart = NULL; /* a wanted sheet that is a chart */
    for (size_t i = 0; i < n && rc == JX_OK; i++) {
        if (!jx_table_sheet_wanted(opts, i, names[i], names, n))
            continue;
        const xlsx_rel *rel = xlsx_rel_by_id(x, x->book[i].rid);
        if (rel && (rel->kind == XLSX_REL_CHARTSHEET ||
                    (rel->kind == XLSX_REL_OTHER && strstr(rel->target, "chartsheets/") != NULL))) {
            chart = names[i];
            continue;
        }
        zip_int64_t idx = rel ? xlsx_locate(x, rel->target) : -1;
        if (idx < 0) {
            jx_table_fail(err, 0, 0, "工作簿已损坏：工作表“%s”的内容（%s）不在文件中；请在 Excel 中打开并重新保存",
                          names[i], rel ? rel->target : "没有对应的关系");
            rc = JX_ERR_INPUT;
            break;
        }
        if (JX_GROW(x->a, x->parts, x->parts_cap, t->nsheets + 1) != 0 ||
            jx_table_add_sheet(t, names[i], strlen(names[i])) != 0) {
            rc = JX_ERR_NOMEM;
            break;
        }
        x->parts[t->nsheets - 1] = (zip_uint64_t)idx;
    }
    if (rc == JX_OK && opts->sheet && t->nsheets == 0) {
        if (chart)
            jx_table_fail(err, 0, 0, "工作表“%s”是图表，没有单元格可读；请用 --sheet 指定存放数据的工作表", chart);
        else
            jx_table_no_such_sheet(err, opts->sheet, names, n);
        rc = JX_ERR_INPUT;
    }
    jx_free(x->a, names, (n ? n : 1) * sizeof *names);
    return rc;
}

/** Reads the workbook's parts that every sheet needs and picks the sheets to read. */
static jx_result xlsx_read_book(jx_table *t, xlsx *x, const jx_table_options *opts, jx_table_error *err)
{
    zip_int64_t book = xlsx_locate(x, "xl/workbook.xml");
    if (book < 0) {
        if (xlsx_locate(x, "content.xml") >= 0)
            jx_table_fail(err, 0, 0, "这是 OpenDocument 表格（.ods），不是 .xlsx 工作簿；请在 WPS 或 Excel 中另存为 .xlsx");
        else
            jx_table_fail(err, 0, 0,
                          "这是 ZIP 文件，但不是 Excel 工作簿（其中没有 xl/workbook.xml）；请在 Excel 中打开并另存为 .xlsx");
        return JX_ERR_INPUT;
    }
    jx_result rc = xlsx_parse_part(x, (zip_uint64_t)book, book_start, no_end, NULL, "工作簿目录（xl/workbook.xml）", err);
    if (rc != JX_OK)
        return rc;
    zip_int64_t rels = xlsx_locate(x, "xl/_rels/workbook.xml.rels");
    if (rels < 0) {
        jx_table_fail(err, 0, 0, "工作簿已损坏（缺少 xl/_rels/workbook.xml.rels，找不到各工作表的内容）；请在 Excel 中打开并重新保存");
        return JX_ERR_INPUT;
    }
    rc = xlsx_parse_part(x, (zip_uint64_t)rels, rels_start, no_end, NULL, "工作簿的关系表（xl/_rels/workbook.xml.rels）", err);
    if (rc != JX_OK)
        return rc;
    rc = xlsx_pick_sheets(t, x, opts, err);
    if (rc != JX_OK)
        return rc;

    zip_int64_t sst = xlsx_locate(x, xlsx_rel_target(x, XLSX_REL_STRINGS, "xl/sharedStrings.xml"));
    if (sst >= 0) {
        rc = xlsx_parse_part(x, (zip_uint64_t)sst, sst_start, sst_end, xlsx_chars, "共享字符串表（sharedStrings.xml）",
                             err);
        if (rc != JX_OK)
            return rc;
    }
    zip_int64_t styles = xlsx_locate(x, xlsx_rel_target(x, XLSX_REL_STYLES, "xl/styles.xml"));
    if (styles >= 0) {
        rc = xlsx_parse_part(x, (zip_uint64_t)styles, styles_start, styles_end, NULL, "样式表（styles.xml）", err);
        if (rc != JX_OK)
            return rc;
        if (x->nxf_fmt) {
            x->xf_kind = jx_malloc(x->a, x->nxf_fmt);
            if (!x->xf_kind)
                return JX_ERR_NOMEM;
            x->nxf = x->nxf_fmt;
            for (size_t i = 0; i < x->nxf; i++)
                x->xf_kind[i] = (unsigned char)xlsx_fmt_kind(x, x->xf_fmt[i]);
        }
    }
    return JX_OK;
}

static jx_result xlsx_open(jx_table *t, const char *path, const char *data, size_t len, const jx_table_options *opts,
                           jx_table_error *err)
{
    xlsx *x = jx_calloc(t->alloc, sizeof *x);
    if (!x)
        return JX_ERR_NOMEM;
    t->impl = x;
    x->t = t;
    x->a = t->alloc;
    x->err = err;
    jx_result rc = xlsx_zip_open(x, path, data, len, err);
    if (rc == JX_OK)
        rc = xlsx_read_book(t, x, opts, err);
    xlsx_free_book(x);
    x->err = &t->err;
    return rc;
}

static void xlsx_close(jx_table *t)
{
    xlsx *x = t->impl;
    if (!x)
        return;
    const jx_allocator *a = x->a;
    xlsx_part_close(x);
    xlsx_free_book(x);
    if (x->za)
        zip_discard(x->za);
    buf_free(a, &x->sst);
    jx_free(a, x->sst_off, x->sst_off_cap * sizeof *x->sst_off);
    jx_free(a, x->xf_kind, x->nxf);
    jx_free(a, x->parts, x->parts_cap * sizeof *x->parts);
    buf_free(a, &x->val);
    buf_free(a, &x->row_text);
    jx_free(a, x->cells, x->cells_cap * sizeof *x->cells);
    jx_free(a, x->merges, x->merges_cap * sizeof *x->merges);
    jx_free(a, x->active, x->active_cap * sizeof *x->active);
    buf_free(a, &x->merge_text);
    buf_free(a, &x->head);
    jx_free(a, x->fb, x->fb_cap);
    jx_free(a, x, sizeof *x);
    t->impl = NULL;
}

const jx_table_backend jx_table_xlsx_backend = {JX_TABLE_XLSX, xlsx_open, xlsx_next, xlsx_close};
