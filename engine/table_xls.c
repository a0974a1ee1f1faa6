/* SPDX-License-Identifier: MIT */
/* table_xls.c — the .xls backend of the table reader: Excel 97–2003 workbooks (BIFF5 and
 * BIFF8 in an OLE2 compound file) read through libfreexl 1.0.6.
 *
 * freexl reads the whole workbook when it opens it and holds every sheet's values; rows
 * are then taken from the sheets to read, one at a time, with only the row's own number
 * texts kept here. freexl opens only paths, so a workbook given in memory is written to a
 * private temporary file (mkstemp in jx_tmpdir()), opened, and removed at once.
 *
 * What a cell reads as:
 *   text          as written (freexl gives UTF-8);
 *   integer       in decimal ("1200");
 *   number        as Excel shows it in a General cell: "%.17g" made plain decimal with at
 *                 most 15 significant digits by jx_table_number (0.30000000000000004 → "0.3");
 *   date, time    as freexl writes them: "2024-03-31", "2024-03-31 08:30:00", "08:30:00";
 *   boolean       TRUE or FALSE; an error value as Excel shows it ("#DIV/0!", "#N/A");
 *   formula       its cached result, read like the constant it equals (below).
 *
 * What freexl cannot give, so this reader cannot either: number formats (a cell shown as
 * 97% reads as its fraction "0.97", 1,200 reads "1200", and so does a formula's result);
 * merged ranges (only the top-left cell holds the value); sheet kinds and visibility (a
 * hidden sheet is read like any other).
 *
 * Before freexl sees the file, this reader reads it itself (the compound file, MS-CFB,
 * and the workbook stream, MS-XLS), every read bounds-checked and every walk bounded, for
 * three reasons:
 *
 *   encryption    freexl cannot tell an encrypted workbook from a damaged one (an
 *                 encrypted .xlsx fails as "no workbook stream"; on an RC4-encrypted .xls
 *                 freexl_open returns FREEXL_OK with no handle), so an "EncryptionInfo"
 *                 stream (a password-protected .xlsx, or an .xls with modern encryption)
 *                 or a FILEPASS record (legacy .xls encryption) is looked for first.
 *   damage        freexl trusts what it reads: it copies records and strings by the
 *                 lengths they state, follows sector chains as long as they go, and leaks
 *                 what it allocated when a record fails. So the workbook stream is read
 *                 exactly as freexl will read it (the sector chains it follows, the bytes
 *                 it parses) and every record it would parse is checked first; anything
 *                 inconsistent is refused as damaged (JX_ERR_INPUT) and freexl never runs.
 *   formulas      freexl skips FORMULA records, so a formula cell would read empty. Their
 *                 cached results are read here from the same walk.
 *
 * What is checked (bk_check and the functions it calls; "freexl's view" is what freexl
 * 1.0.6 does, read in its source and checked against its behaviour):
 *
 *   compound file  the sector size (512 or 4096); the FAT sectors the header and the DIFAT
 *                  list, as many as the header counts, all inside the file, and as many
 *                  DIFAT sectors as they need (freexl skips a free slot instead of
 *                  stopping, which would give it another FAT than the one checked); the
 *                  mini FAT a chain of the length the header gives (freexl reads that
 *                  many sectors); the mini stream cutoff 4096; the first directory sector
 *                  (the only one freexl reads): names of at most 64 bytes, the "Workbook"
 *                  (or "Book") entry and "Root Entry" before it, as freexl finds them.
 *   stream bytes   freexl reads a workbook stream of at most the cutoff from the start of
 *                  the mini stream (whatever its mini sectors), so there the stream must
 *                  begin at mini sector 0 and run on in order, lie inside the root entry's
 *                  stream, and be under 4096 bytes; else it follows the FAT from the
 *                  entry's first sector. Each chain must have exactly the sectors the
 *                  stream's size needs and end there (freexl runs off its buffer on a
 *                  longer one and leaks the mini stream on a broken one).
 *   records        every record lies inside the stream and is at most 8224 bytes; the
 *                  stream starts with a BOF of BIFF8 or BIFF5 workbook globals; after an
 *                  EOF comes a BOF; every BOF is a sheet that BOUNDSHEET lists at that
 *                  offset and every BOUNDSHEET's offset has one; no BOF nests (freexl fails
 *                  on the embedded chart that nesting is); the records freexl parses have
 *                  the length their layout needs and consistent contents: BOF, BOUNDSHEET
 *                  (name length), DIMENSION (at most once per sheet, before its cells, rows
 *                  ≤ 65536, columns ≤ 256), CODEPAGE, DATEMODE, FORMAT (string length), XF
 *                  (at most 8192, freexl's table), NUMBER, RK, MULRK (cell count against
 *                  length and last column), LABEL (string length), LABELSST (an index into
 *                  the SST), BOOLERR; SST and its CONTINUE records walked the way freexl
 *                  walks them (each string's header and characters inside its record, a
 *                  string split between records ending in the next one, rich-text and
 *                  phonetic bytes skipped, every declared string present); every cell
 *                  inside its sheet's DIMENSION and met once (a cell set twice or outside
 *                  leaks freexl's text); a sheet without DIMENSION (as a chart sheet may
 *                  be) only last and without cells (freexl fills cells in its second pass only for
 *                  the last sheet it selected); and what is read here: FORMULA, its STRING
 *                  (and CONTINUE), RSTRING, BLANK, MULBLANK, ROW.
 *
 * Damaged records are refused with "不是可读的 .xls 工作簿（记录已损坏：…）", naming the
 * byte of the workbook stream where the record starts; damage to the compound file with
 * "不是可读的 .xls 工作簿（已损坏或不完整）". Three things are no damage but beyond freexl,
 * and say so: an SST text running over more than one CONTINUE record (thousands of
 * characters), a chart or other object embedded in a sheet (its BOF … EOF nested in the
 * sheet's), a workbook stream of exactly 4096 bytes. A file given by path is read twice,
 * here and then by freexl: one changed in between is not what was checked.
 *
 * Cells read here (x->fcells, sorted by sheet, row and column): the cached result of each
 * FORMULA record — a number (IEEE double) unless bytes 6–7 of the result are 0xFFFF, in
 * which case byte 0 says string (in the STRING record that follows, an XLUnicodeString
 * possibly continued in CONTINUE records), boolean (byte 2), error (byte 2, the code of
 * #NULL!, #DIV/0!, #VALUE!, #REF!, #NAME?, #NUM!, #N/A) or empty string; each BOOLERR
 * (freexl reads TRUE as 1 and every error as 1 too); each RSTRING (BIFF5 rich text, which
 * freexl skips). A number takes the date, time or date-time form when its XF's number
 * format is one freexl would take for a date (the same test), else the path of freexl's
 * doubles. They are merged into the rows freexl gives, over the union of freexl's rows and
 * theirs. Memory: 16 bytes for each such cell, and the UTF-8 of the texts (one buffer);
 * while the file is checked, the record (8 KB) and the sector (4 KB) being read, a bit
 * per cell of the sheet being checked (its DIMENSION, at most 2 MB), two bytes per XF,
 * four per date format and eight per sheet.
 */
#include "table_internal.h"

#include "alloc.h"
#include "readall.h"
#include "text.h"

#include <freexl.h>

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define XLS_ENCRYPTED_MSG "工作簿有密码保护（已加密），无法读取；请在 Excel 或 WPS 中取消密码后另存"
#define XLS_CORRUPT_MSG "不是可读的 .xls 工作簿（已损坏或不完整）；请在 Excel 或 WPS 中打开并另存为 .xlsx"
#define XLS_RECORDS_MSG "不是可读的 .xls 工作簿（记录已损坏：%s）；请在 Excel 或 WPS 中打开并另存为 .xlsx"
#define XLS_SAVE_AS "；请在 Excel 或 WPS 中打开并另存为 .xlsx"

/* ------------------------------------------------- the compound file (MS-CFB) */

/*
 * The compound file, every read bounds-checked and every chain walk bounded by the number
 * of sectors the file has:
 *
 *   header (512 bytes)  magic; sector shift at 30 (9: 512-byte, 12: 4096-byte sectors);
 *                       FAT sector count at 44; first directory sector at 48; mini
 *                       stream cutoff at 56; first mini FAT sector at 60; first DIFAT
 *                       sector at 68, DIFAT sector count at 72; the first 109 FAT sector
 *                       numbers at 76.
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
 *                       the root entry's stream, chained by the mini FAT (a stream of u32
 *                       from the first mini FAT sector).
 */

#define CFB_END 0xFFFFFFFEu        /* ENDOFCHAIN */
#define CFB_FREE 0xFFFFFFFFu       /* FREESECT */
#define CFB_MAX_SECTOR 0xFFFFFFFAu /* the largest regular sector number */
#define CFB_HEAD 64                /* bytes of the workbook stream read for FILEPASS */
#define CFB_CUTOFF 4096u           /* the mini stream cutoff, the only one MS-CFB allows */

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

/**
 * Whether sector s is wholly inside the file, at an offset freexl computes right (it
 * multiplies in 32 bits, so the sector must end below 4 GiB).
 */
static bool cfb_sector_ok(const cfb *c, uint32_t s)
{
    uint64_t end = ((uint64_t)s + 2) << c->shift;
    return s <= CFB_MAX_SECTOR && end <= c->size && end <= 0xFFFFFFFFu;
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

/** Reads the header and sets the sector size; false when it is not a compound file's. */
static bool cfb_load(cfb *c)
{
    if (!cfb_read(c, 0, c->header, sizeof c->header))
        return false;
    unsigned shift = cfb_u16(c->header + 30);
    if (shift != 9 && shift != 12)
        return false;
    c->shift = shift;
    uint64_t n = c->size >> shift;
    c->nsectors = n > CFB_MAX_SECTOR ? CFB_MAX_SECTOR : (uint32_t)n;
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
 * Whether the compound file (header loaded) is encrypted: it has an "EncryptionInfo"
 * stream, or its workbook stream starts with FILEPASS. A file that cannot be read this
 * far is taken as not encrypted (bk_check then says what is wrong with it).
 */
static bool cfb_encrypted(const cfb *c)
{
    uint32_t per_sector = (1u << c->shift) / 128;
    uint32_t root = CFB_END, book = CFB_END, book_size = 0;
    uint32_t s = cfb_u32(c->header + 48);
    for (uint32_t walked = 0; s != CFB_END; walked++) {
        if (walked >= c->nsectors)
            break; /* a cycle */
        for (uint32_t i = 0; i < per_sector; i++) {
            unsigned char e[128];
            if (s > CFB_MAX_SECTOR || !cfb_read(c, (((uint64_t)s + 1) << c->shift) + 128 * i, e, sizeof e))
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

/**
 * Whether the chain from sector s has exactly n sectors, each inside the file, the last
 * one's FAT entry CFB_END (a cycle never reaches CFB_END, so it fails too).
 */
static bool cfb_chain_ok(const cfb *c, uint32_t s, uint64_t n)
{
    if (n == 0 || n > c->nsectors)
        return false;
    for (uint64_t i = 0; i < n; i++) {
        if (!cfb_sector_ok(c, s) || !cfb_next(c, s, &s))
            return false;
        if ((s == CFB_END) != (i + 1 == n))
            return false;
    }
    return true;
}

/**
 * Whether the FAT is listed so that freexl and cfb_next agree on it: the header's count
 * of FAT sectors (at least one), that many sector numbers inside the file, in the header
 * and then in as many DIFAT sectors as they need (the header's count of them). freexl
 * reads every slot that is not free, skipping free ones instead of stopping, so a free
 * slot among the counted ones would shift its FAT against this one; slots past the count
 * (in the header and the last DIFAT sector) only add FAT sectors at its end, which no
 * chain checked here reaches, or make freexl fail. The mini FAT, which freexl reads
 * whole (from the wrong place, and never uses), must be a chain as long as the header
 * says, so that freexl reads no more than that.
 */
static bool cfb_fat_ok(const cfb *c)
{
    uint32_t nfat = cfb_u32(c->header + 44), per = (1u << c->shift) / 4;
    if (nfat == 0 || nfat > c->nsectors)
        return false;
    for (uint32_t i = 0; i < 109 && i < nfat; i++)
        if (!cfb_sector_ok(c, cfb_u32(c->header + 76 + 4 * i)))
            return false;
    uint32_t ndifat = cfb_u32(c->header + 72), left = nfat > 109 ? nfat - 109 : 0;
    if (ndifat != (left + per - 2) / (per - 1)) /* freexl reads them all, every slot of each */
        return false;
    uint32_t d = cfb_u32(c->header + 68);
    while (left > 0) { /* the DIFAT sectors holding the counted slots */
        if (!cfb_sector_ok(c, d))
            return false;
        for (uint32_t j = 0; j + 1 < per && left > 0; j++, left--) {
            uint32_t v;
            if (!cfb_sector_u32(c, d, 4 * j, &v) || !cfb_sector_ok(c, v))
                return false;
        }
        if (left > 0 && !cfb_sector_u32(c, d, 4 * (per - 1), &d))
            return false;
    }
    uint32_t nmini = cfb_u32(c->header + 64);
    return nmini == 0 || cfb_chain_ok(c, cfb_u32(c->header + 60), nmini);
}

/* ------------------------------------------- the workbook stream, as freexl reads it */

/**
 * The workbook stream's bytes: bytes [0, size) of the chain of regular sectors from first
 * (the workbook's own chain, or the root entry's when freexl reads the stream from the
 * start of the mini stream). The chain is checked before it is read.
 */
typedef struct bk_reader {
    const cfb *c;
    uint32_t first;  /* first sector of the chain */
    uint32_t size;   /* bytes of the workbook stream */
    bool mini;       /* read from the mini stream: freexl knows no end marker there */
    uint32_t sector; /* the sector at position index of the chain */
    uint32_t index;
    bool cached;     /* data holds that sector's bytes */
    unsigned char data[4096];
} bk_reader;

/** Reads n bytes at pos of the stream (pos + n ≤ size); false on a read error. */
static bool bk_read(bk_reader *r, uint32_t pos, unsigned char *buf, size_t n)
{
    uint32_t ss = 1u << r->c->shift;
    while (n > 0) {
        uint32_t k = pos >> r->c->shift, off = pos & (ss - 1);
        if (k < r->index) {
            r->index = 0;
            r->sector = r->first;
            r->cached = false;
        }
        while (r->index < k) { /* the chain was checked to be this long */
            if (!cfb_next(r->c, r->sector, &r->sector))
                return false;
            r->index++;
            r->cached = false;
        }
        if (!r->cached) { /* a sector at a time: one read per sector from a file */
            if (!cfb_read(r->c, ((uint64_t)r->sector + 1) << r->c->shift, r->data, ss))
                return false;
            r->cached = true;
        }
        size_t m = ss - off < n ? ss - off : n;
        memcpy(buf, r->data + off, m);
        buf += m;
        pos += (uint32_t)m;
        n -= m;
    }
    return true;
}

/** Whether the UTF-16LE name e[0..n) is ascii up to its first NUL, as freexl compares names. */
static bool cfb_name_exact(const unsigned char *e, size_t n, const char *ascii)
{
    size_t i = 0;
    for (; 2 * i + 1 < n; i++) {
        uint16_t u = cfb_u16(e + 2 * i);
        if (u == 0)
            break;
        if (!ascii[i] || u != (unsigned char)ascii[i])
            return false;
    }
    return ascii[i] == '\0';
}

/** Whether e[0..n) is UTF-16LE that iconv converts (every surrogate paired). */
static bool cfb_utf16_ok(const unsigned char *e, size_t n)
{
    if (n % 2)
        return false;
    for (size_t i = 0; i < n; i += 2) {
        uint16_t u = cfb_u16(e + i);
        if (u >= 0xDC00 && u <= 0xDFFF)
            return false;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 2 >= n || cfb_u16(e + i + 2) < 0xDC00 || cfb_u16(e + i + 2) > 0xDFFF)
                return false;
            i += 2;
        }
    }
    return true;
}

/**
 * Sets up r to read the workbook stream the way freexl finds and reads it. freexl reads
 * only the first directory sector, takes the first entry named exactly "Workbook" or
 * "Book" and the "Root Entry" met before it, and reads the stream from the start of the
 * mini stream when the file has a mini FAT and the stream is at most the cutoff, else
 * from the entry's first sector. Returns false when that is not a stream freexl reads as
 * the workbook: the caller says the file is damaged; *exactly_cutoff then tells the one
 * case that is no damage (a stream of exactly 4096 bytes, which freexl looks for in the
 * mini stream although it is not there).
 */
static bool bk_stream(const cfb *c, bk_reader *r, bool *exactly_cutoff)
{
    *exactly_cutoff = false;
    if (!cfb_fat_ok(c) || cfb_u32(c->header + 56) != CFB_CUTOFF)
        return false;
    uint32_t dir = cfb_u32(c->header + 48);
    if (!cfb_sector_ok(c, dir))
        return false;
    bool root = false, found = false;
    uint32_t root_start = 0, root_size = 0, start = 0, size = 0;
    for (uint32_t i = 0; i < (1u << c->shift) / 128 && !found; i++) {
        unsigned char e[128];
        if (!cfb_read(c, (((uint64_t)dir + 1) << c->shift) + 128 * i, e, sizeof e))
            return false;
        size_t n = cfb_u16(e + 64);
        if (n > 64 || !cfb_utf16_ok(e, n)) /* freexl would convert bytes past the name, or fail */
            return false;
        if (cfb_name_exact(e, n, "Root Entry")) {
            root = true;
            root_start = cfb_u32(e + 116);
            root_size = cfb_u32(e + 120);
        }
        if (cfb_name_exact(e, n, "Workbook") || cfb_name_exact(e, n, "Book")) {
            found = true;
            start = cfb_u32(e + 116);
            size = cfb_u32(e + 120);
        }
    }
    if (!found || size == 0)
        return false;
    uint32_t ss = 1u << c->shift;
    memset(r, 0, sizeof *r);
    r->c = c;
    r->size = size;
    if (cfb_u32(c->header + 64) > 0 && size <= CFB_CUTOFF) {
        /* freexl: the whole mini stream read from the root entry's chain, then its first
         * size bytes parsed, whatever the mini FAT says; so they must be the stream's */
        if (size == CFB_CUTOFF) {
            *exactly_cutoff = true;
            return false;
        }
        if (!root || start != 0 || size > root_size ||
            !cfb_chain_ok(c, root_start, ((uint64_t)root_size + ss - 1) / ss))
            return false;
        uint32_t mf = cfb_u32(c->header + 60), n = (size + 63) / 64; /* n ≤ 64: one mini FAT sector */
        if (!cfb_sector_ok(c, mf))
            return false;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t v;
            if (!cfb_sector_u32(c, mf, 4 * i, &v) || v != (i + 1 < n ? i + 1 : CFB_END))
                return false;
        }
        r->first = root_start;
        r->mini = true;
    } else {
        if (!cfb_chain_ok(c, start, ((uint64_t)size + ss - 1) / ss))
            return false;
        r->first = start;
    }
    r->sector = r->first;
    return true;
}

/* ----------------------------------------------------------- the BIFF records */

#define BIFF_MAX_LEN 8224       /* the longest record body (BIFF8), freexl's record buffer */
#define BIFF_MAX_XF 8192        /* XF records freexl keeps (it reads past its table beyond) */
#define BIFF_MAX_FORMATS 2048   /* date formats freexl keeps */
#define BIFF_MAX_SST 1048576u   /* strings freexl accepts in an SST */

#define R_FORMULA 0x0006
#define R_EOF 0x000A
#define R_DATEMODE 0x0022
#define R_FILEPASS 0x002F
#define R_CONTINUE 0x003C
#define R_CODEPAGE 0x0042
#define R_BOUNDSHEET 0x0085
#define R_MULRK 0x00BD
#define R_MULBLANK 0x00BE
#define R_RSTRING 0x00D6
#define R_XF 0x00E0
#define R_SST 0x00FC
#define R_LABELSST 0x00FD
#define R_DIMENSION 0x0200
#define R_BLANK 0x0201
#define R_NUMBER 0x0203
#define R_LABEL 0x0204
#define R_BOOLERR 0x0205
#define R_STRING 0x0207
#define R_ROW 0x0208
#define R_ARRAY 0x0221
#define R_TABLE 0x0236
#define R_RK 0x027E
#define R_FORMAT 0x041E
#define R_SHRFMLA 0x04BC
#define R_BOF 0x0809

/** What a cell read here holds. */
enum { XC_NUMBER, XC_DATE, XC_DATETIME, XC_TIME, XC_TEXT, XC_BOOL, XC_ERROR };

/** A cell read here (see the header comment): 16 bytes. */
typedef struct xls_fcell {
    uint16_t sheet; /* freexl's number of the sheet */
    uint16_t row;   /* 0-based */
    uint8_t col;    /* 0-based */
    uint8_t kind;   /* XC_* */
    uint8_t code;   /* XC_BOOL: 0 or 1; XC_ERROR: the error's code */
    union {
        double num;                         /* XC_NUMBER, XC_DATE, XC_DATETIME, XC_TIME */
        struct { uint32_t off, len; } text; /* XC_TEXT: bytes of xls_impl.text */
    } v;
} xls_fcell;

/** Excel's error values by code; NULL for a code that is none. */
static const char *xls_error_text(unsigned code)
{
    switch (code) {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0F: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    case 0x2A: return "#N/A";
    }
    return NULL;
}

typedef struct xls_impl {
    const void *book;          /* the freexl handle */
    unsigned short *index;     /* freexl's number of each sheet read, in the order of t->sheets */
    size_t index_cap;          /* capacity of index */
    size_t cur;                /* the sheet being read (an index into index) */
    bool selected;             /* cur is freexl's active sheet and rows/cols are its size */
    unsigned int rows, r;      /* its rows, and the next row (0-based) */
    unsigned short cols;       /* its columns */
    size_t fk, fend;           /* its cells in fcells: the next one, and the end */
    char *buf;                 /* the texts of the row's numbers */
    size_t buf_cap;            /* capacity of buf */
    xls_fcell *fcells;         /* cells read here, sorted by sheet, row, column */
    size_t nfcells, fcells_cap;
    char *text;                /* the UTF-8 texts of those cells */
    size_t text_len, text_cap;
    bool date1904;             /* DATEMODE: dates count from 1904 */
} xls_impl;

/** A sheet as BOUNDSHEET lists it. */
typedef struct bk_sheet {
    uint32_t offset; /* of its BOF in the stream */
    bool found;      /* that BOF was met */
} bk_sheet;

/** A number format freexl takes for a date, a time or both. */
typedef struct bk_fmt {
    uint16_t ifmt;
    uint8_t kind; /* XC_DATE, XC_DATETIME, XC_TIME */
} bk_fmt;

enum { BK_GLOBALS, BK_SHEET, BK_BETWEEN };

/** The walk of the workbook stream (bk_check). */
typedef struct bk {
    jx_table *t;
    xls_impl *x;
    jx_table_error *err;
    bk_reader rd;
    unsigned biff;                   /* 8 or 5, from the first BOF */
    unsigned char rec[BIFF_MAX_LEN]; /* the record's body; bytes past len hold earlier records', as freexl's do */
    uint32_t pos, len;               /* where the record starts in the stream; its body's length */
    uint16_t type, prev;             /* its type; the last type that was not CONTINUE */
    int state;                       /* BK_* */
    bk_sheet *sheets;                /* BOUNDSHEET's list */
    size_t nsheets, sheets_cap;
    size_t cur;                      /* BK_SHEET: the sheet whose substream this is */
    bool dim;                        /* its DIMENSION was met */
    uint32_t rows, cols;             /* what it says: freexl's bounds */
    unsigned char *seen;             /* a bit per cell of rows × cols: the cells met */
    size_t seen_size;
    bool nodim;                      /* a sheet without DIMENSION was met: it must be the last */
    bool sst;                        /* the SST was met */
    uint32_t sst_count, sst_index;   /* strings it declares; strings walked */
    uint32_t sst_plen, sst_poff;     /* a string split at the record's end: its characters, those read */
    uint64_t sst_skip;               /* bytes after that string's characters */
    uint64_t sst_next;               /* bytes freexl skips at the next record's start */
    uint16_t *xf;                    /* the format of each XF */
    size_t nxf, xf_cap;
    bk_fmt *fmts;                    /* the formats freexl takes for dates */
    size_t nfmts, fmts_cap;
    uint16_t codepage;               /* CODEPAGE (BIFF5 texts) */
    iconv_t cv;                      /* from that code page to UTF-8, opened when needed */
    bool pending;                    /* a formula's string result is to come in STRING */
    bool str_more;                   /* the STRING goes on in CONTINUE records */
    uint32_t str_left;               /* its characters still to come */
    unsigned char *raw;              /* BIFF5: its bytes so far, decoded when all are there */
    size_t raw_len, raw_cap;
    uint16_t str_high;               /* a high surrogate waiting for its low half, else 0 */
} bk;

/** Fails with the damaged-records message about the record being read. */
static jx_result bk_bad(bk *b, const char *why)
{
    char what[200];
    snprintf(what, sizeof what, "数据流第 %u 字节处的记录 0x%04X%s%s", (unsigned)b->pos, (unsigned)b->type,
             strncmp(why, "（", strlen("（")) == 0 ? "" : " ", why);
    jx_table_fail(b->err, 0, 0, XLS_RECORDS_MSG, what);
    return JX_ERR_INPUT;
}

/** Fails with the damaged-records message about the whole stream. */
static jx_result bk_bad_stream(bk *b, const char *why)
{
    jx_table_fail(b->err, 0, 0, XLS_RECORDS_MSG, why);
    return JX_ERR_INPUT;
}

/** Appends s[0..n) to the texts; -1 when memory ran out. */
static int bk_text(bk *b, const char *s, size_t n)
{
    xls_impl *x = b->x;
    if (n > UINT32_MAX - x->text_len)
        return -1;
    if (x->text_len + n > x->text_cap && JX_GROW(b->t->alloc, x->text, x->text_cap, x->text_len + n) != 0)
        return -1;
    memcpy(x->text + x->text_len, s, n);
    x->text_len += n;
    return 0;
}

/** Appends the UTF-8 of code point u; -1 when memory ran out. */
static int bk_utf8(bk *b, uint32_t u)
{
    char o[4];
    return bk_text(b, o, jx_text_utf8_put(o, u));
}

/**
 * Appends n characters of an XLUnicodeString's rgb at p (16-bit when wide, else 8-bit:
 * the code points U+0000–U+00FF) as UTF-8. A surrogate pair may be split between calls
 * (b->str_high). JX_OK, JX_ERR_INPUT for a lone surrogate, JX_ERR_NOMEM.
 */
static jx_result bk_chars(bk *b, const unsigned char *p, uint32_t n, bool wide)
{
    for (uint32_t i = 0; i < n; i++) {
        uint32_t u = wide ? cfb_u16(p + 2 * i) : p[i];
        if (b->str_high) {
            if (u < 0xDC00 || u > 0xDFFF)
                return bk_bad(b, "文字中有不成对的代理项");
            u = 0x10000 + ((uint32_t)(b->str_high - 0xD800) << 10) + (u - 0xDC00);
            b->str_high = 0;
        } else if (u >= 0xD800 && u <= 0xDBFF) {
            b->str_high = (uint16_t)u;
            continue;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            return bk_bad(b, "文字中有不成对的代理项");
        }
        if (bk_utf8(b, u) != 0)
            return JX_ERR_NOMEM;
    }
    return JX_OK;
}

/** iconv's name of a BIFF code page into buf[16]; NULL for none it knows. */
static const char *bk_codepage_name(uint16_t cp, char buf[16])
{
    switch (cp) {
    case 0:
    case 0x8001: return "CP1252"; /* BIFF5 without CODEPAGE: Windows Latin 1 */
    case 367: return "ASCII";
    case 1200: return "UTF-16LE";
    case 1361: return "JOHAB";
    case 10000:
    case 0x8000: return "MACINTOSH";
    }
    if (cp < 437 || cp > 1258)
        return NULL;
    snprintf(buf, 16, "CP%u", (unsigned)cp);
    return buf;
}

/** Appends BIFF5 text p[0..n) in the workbook's code page as UTF-8. */
static jx_result bk_codepage_text(bk *b, const unsigned char *p, size_t n)
{
    char name[16];
    if (b->cv == (iconv_t)-1) {
        const char *cs = bk_codepage_name(b->codepage, name);
        if (cs)
            b->cv = iconv_open("UTF-8", cs);
        if (b->cv == (iconv_t)-1)
            return bk_bad(b, "的文字用了不认识的代码页");
    }
    char *in = (char *)p;
    size_t inleft = n;
    iconv(b->cv, NULL, NULL, NULL, NULL);
    while (inleft > 0) {
        char out[1024], *o = out;
        size_t outleft = sizeof out;
        size_t r = iconv(b->cv, &in, &inleft, &o, &outleft);
        int e = errno;
        if (bk_text(b, out, (size_t)(o - out)) != 0)
            return JX_ERR_NOMEM;
        if (r == (size_t)-1 && e != E2BIG)
            return bk_bad(b, "的文字不能按代码页解码");
    }
    return JX_OK;
}

/** Adds a cell read here at (row, col) of the current sheet; NULL when memory ran out. */
static xls_fcell *bk_fcell(bk *b, uint16_t row, uint16_t col, int kind)
{
    xls_impl *x = b->x;
    if (JX_GROW(b->t->alloc, x->fcells, x->fcells_cap, x->nfcells + 1) != 0)
        return NULL;
    xls_fcell *f = &x->fcells[x->nfcells++];
    memset(f, 0, sizeof *f);
    f->sheet = (uint16_t)b->cur;
    f->row = row;
    f->col = (uint8_t)col;
    f->kind = (uint8_t)kind;
    return f;
}

/**
 * Checks a cell at (row, col) that freexl would set (or that is read here): in a sheet,
 * after its DIMENSION, inside it, and not met before.
 */
static jx_result bk_cell(bk *b, uint32_t row, uint32_t col)
{
    if (b->state != BK_SHEET)
        return bk_bad(b, "不在工作表中");
    if (!b->dim)
        return bk_bad(b, "在工作表的 DIMENSION 之前");
    if (row >= b->rows || col >= b->cols)
        return bk_bad(b, "的单元格超出工作表的 DIMENSION");
    size_t bit = (size_t)row * b->cols + col;
    if (b->seen[bit / 8] & (1u << (bit % 8)))
        return bk_bad(b, "的单元格已出现过");
    b->seen[bit / 8] |= (unsigned char)(1u << (bit % 8));
    return JX_OK;
}

/** The kind freexl gives a number with XF xf: XC_NUMBER or a date form (its test). */
static int bk_number_kind(const bk *b, uint16_t xf)
{
    if (xf >= b->nxf)
        return XC_NUMBER;
    uint16_t f = b->xf[xf];
    if (f >= 14 && f <= 17)
        return XC_DATE;
    if ((f >= 18 && f <= 21) || (f >= 45 && f <= 47))
        return XC_TIME;
    if (f == 22)
        return XC_DATETIME;
    for (size_t i = 0; i < b->nfmts; i++)
        if (b->fmts[i].ifmt == f)
            return b->fmts[i].kind;
    return XC_NUMBER;
}

/** Records a FORMAT's kind (freexl's test: the letters y, m, d, h, s it holds). */
static jx_result bk_format_kind(bk *b, uint16_t ifmt, unsigned y, unsigned m, unsigned d, unsigned h, unsigned s)
{
    int kind;
    if (y && m && d && h)
        kind = XC_DATETIME;
    else if ((y && m) || (m && d))
        kind = XC_DATE;
    else if ((h && m) || (m && s))
        kind = XC_TIME;
    else
        return JX_OK;
    if (b->nfmts >= BIFF_MAX_FORMATS) /* freexl keeps no more */
        return JX_OK;
    if (JX_GROW(b->t->alloc, b->fmts, b->fmts_cap, b->nfmts + 1) != 0)
        return JX_ERR_NOMEM;
    b->fmts[b->nfmts].ifmt = ifmt;
    b->fmts[b->nfmts].kind = (uint8_t)kind;
    b->nfmts++;
    return JX_OK;
}

/** Counts a format character for bk_format_kind. */
static void bk_letter(uint32_t u, unsigned n[5])
{
    switch (u) {
    case 'Y': case 'y': n[0]++; break;
    case 'M': case 'm': n[1]++; break;
    case 'D': case 'd': n[2]++; break;
    case 'H': case 'h': n[3]++; break;
    case 'S': case 's': n[4]++; break;
    }
}

/**
 * The header of an XLUnicodeRichExtendedString at r[p..len): cch (2), flags (1), then
 * cRun (2) when flags & 8 and cbExtRst (4) when flags & 4, in that order (freexl 1.0.6
 * reads them so). Sets *cch, *wide, *skip (the rich-text and phonetic bytes after the
 * characters) and *start (where the characters begin); false when the header is not
 * all inside the record.
 */
static bool bk_rich_header(const unsigned char *r, uint64_t p, uint64_t len, uint32_t *cch, bool *wide,
                           uint64_t *skip, uint64_t *start)
{
    if (p + 3 > len)
        return false;
    *cch = cfb_u16(r + p);
    unsigned fl = r[p + 2];
    p += 3;
    *wide = fl & 1;
    *skip = 0;
    if (fl & 8) {
        if (p + 2 > len)
            return false;
        *skip += 4 * (uint64_t)cfb_u16(r + p);
        p += 2;
    }
    if (fl & 4) {
        if (p + 4 > len)
            return false;
        *skip += cfb_u32(r + p);
        p += 4;
    }
    *start = p;
    return true;
}

/**
 * Walks SST strings from byte p of the record the way freexl's parse_SST does: at each
 * string, the bytes left over from the previous record are skipped first, then the
 * header must be in this record; characters that do not fit wait for the next CONTINUE.
 */
static jx_result bk_sst_strings(bk *b, uint64_t p)
{
    const unsigned char *r = b->rec;
    uint64_t len = b->len;
    while (b->sst_index < b->sst_count) {
        if (p >= len)
            return JX_OK;
        p += b->sst_next;
        b->sst_next = 0;
        uint32_t cch;
        bool wide;
        uint64_t skip, start;
        if (!bk_rich_header(r, p, len, &cch, &wide, &skip, &start))
            return bk_bad(b, "中的字符串头超出记录");
        if (cch == 0)
            return bk_bad(b, "中有长度为 0 的字符串");
        uint64_t need = (uint64_t)cch * (wide ? 2 : 1), avail = len - start;
        if (need > avail) { /* freexl: the rest in the next CONTINUE */
            b->sst_plen = cch;
            b->sst_poff = (uint32_t)(wide ? avail / 2 : avail);
            b->sst_skip = skip;
            return JX_OK;
        }
        p = start + need + skip;
        b->sst_next = p >= len ? p - len : 0;
        b->sst_index++;
    }
    return JX_OK;
}

/** A CONTINUE of the SST: ends the split string (freexl reads its rest from this record only), then more strings. */
static jx_result bk_sst_continue(bk *b)
{
    if (b->sst_plen == 0)
        return bk_sst_strings(b, 0);
    if (b->len < 1)
        return bk_bad(b, "（SST 的 CONTINUE）为空");
    bool wide = b->rec[0] & 1;
    uint64_t rest = (uint64_t)(b->sst_plen - b->sst_poff) * (wide ? 2 : 1);
    if (1 + rest > b->len) {
        if (b->len >= BIFF_MAX_LEN - 8 && (b->len - 1) % (wide ? 2 : 1) == 0) {
            /* a full record of characters: a text longer than one CONTINUE holds, no damage */
            jx_table_fail(b->err, 0, 0,
                          "工作簿中有一个长达数千字、跨越多个记录的文本单元格，本程序的 .xls 读取器无法读取" XLS_SAVE_AS);
            return JX_ERR_INPUT;
        }
        return bk_bad(b, "（SST 的 CONTINUE）短于其中字符串的其余部分");
    }
    b->sst_plen = 0;
    b->sst_index++;
    b->sst_next = 0; /* freexl does not carry what overflows this record */
    return bk_sst_strings(b, 1 + rest + b->sst_skip);
}

/** A BOF after an EOF: a sheet's substream, which BOUNDSHEET must list at this offset. */
static jx_result bk_sheet_bof(bk *b)
{
    if (b->len < 8)
        return bk_bad(b, "（BOF）长度不足");
    if (b->nodim)
        return bk_bad_stream(b, "没有 DIMENSION 记录的工作表不是最后一个");
    for (size_t i = 0; i < b->nsheets; i++) {
        if (b->sheets[i].offset == b->pos) { /* freexl takes the first so listed */
            b->sheets[i].found = true;
            b->cur = i;
            b->state = BK_SHEET;
            b->dim = false;
            return JX_OK;
        }
    }
    return bk_bad(b, "（BOF）不在任何 BOUNDSHEET 所指的位置");
}

/** BOUNDSHEET: a sheet's offset and name (its length checked; freexl reads the name). */
static jx_result bk_boundsheet(bk *b)
{
    const unsigned char *r = b->rec;
    if (b->state != BK_GLOBALS)
        return bk_bad(b, "（BOUNDSHEET）不在工作簿全局部分");
    uint32_t head = b->biff == 8 ? 8 : 7;
    if (b->len < head || r[6] == 0)
        return bk_bad(b, "（BOUNDSHEET）长度不足或工作表名为空");
    /* freexl reads 16-bit characters whenever the flags byte is not 0 */
    uint32_t need = head + (uint32_t)r[6] * (b->biff == 8 && r[7] ? 2 : 1);
    if (need > b->len)
        return bk_bad(b, "（BOUNDSHEET）的工作表名超出记录");
    if (b->nsheets >= 65535)
        return bk_bad(b, "（BOUNDSHEET）过多");
    if (JX_GROW(b->t->alloc, b->sheets, b->sheets_cap, b->nsheets + 1) != 0)
        return JX_ERR_NOMEM;
    b->sheets[b->nsheets].offset = cfb_u32(r);
    b->sheets[b->nsheets].found = false;
    b->nsheets++;
    return JX_OK;
}

/** DIMENSION: the sheet's size, freexl's bounds for its cells. */
static jx_result bk_dimension(bk *b)
{
    const unsigned char *r = b->rec;
    if (b->state != BK_SHEET)
        return bk_bad(b, "（DIMENSION）不在工作表中");
    if (b->dim)
        return bk_bad(b, "（DIMENSION）在同一工作表中重复");
    uint32_t rmin, rmax, cmin, cmax;
    if (b->biff == 8) {
        if (b->len < 14)
            return bk_bad(b, "（DIMENSION）长度不足");
        rmin = cfb_u32(r);
        rmax = cfb_u32(r + 4);
        cmin = cfb_u16(r + 8);
        cmax = cfb_u16(r + 10);
    } else {
        if (b->len < 10)
            return bk_bad(b, "（DIMENSION）长度不足");
        rmin = cfb_u16(r);
        rmax = cfb_u16(r + 2);
        cmin = cfb_u16(r + 4);
        cmax = cfb_u16(r + 6);
    }
    if (rmax > 65536 || cmax > 256 || rmin > rmax || cmin > cmax)
        return bk_bad(b, "（DIMENSION）的范围不成立");
    b->dim = true;
    b->rows = rmax;
    b->cols = cmax;
    size_t need = ((size_t)rmax * cmax + 7) / 8;
    if (need > b->seen_size) {
        unsigned char *s = jx_calloc(b->t->alloc, need);
        if (!s)
            return JX_ERR_NOMEM;
        jx_free(b->t->alloc, b->seen, b->seen_size);
        b->seen = s;
        b->seen_size = need;
    } else if (need) {
        memset(b->seen, 0, need);
    }
    return JX_OK;
}

/** FORMAT: its string's length; the formats freexl takes for dates are kept. */
static jx_result bk_format(bk *b)
{
    const unsigned char *r = b->rec;
    unsigned n[5] = {0};
    if (b->biff == 8) {
        uint32_t cch;
        bool wide;
        uint64_t skip, start;
        if (b->len < 5 || !bk_rich_header(r, 2, b->len, &cch, &wide, &skip, &start))
            return bk_bad(b, "（FORMAT）长度不足");
        if (cch == 0)
            return bk_bad(b, "（FORMAT）的格式为空");
        if (start + (uint64_t)cch * (wide ? 2 : 1) > b->len)
            return bk_bad(b, "（FORMAT）的格式超出记录");
        for (uint32_t i = 0; i < cch; i++)
            bk_letter(wide ? cfb_u16(r + start + 2 * i) : r[start + i], n);
    } else {
        if (b->len < 3 || 3u + r[2] > b->len)
            return bk_bad(b, "（FORMAT）长度不足");
        /* freexl reads the byte after the length as the length, and the string from it */
        for (uint32_t i = 0; i < r[3]; i++)
            bk_letter(r[3 + i], n);
    }
    return bk_format_kind(b, cfb_u16(r), n[0], n[1], n[2], n[3], n[4]);
}

/** XF: its format, for the dates (freexl keeps BIFF_MAX_XF of them, and reads past that table). */
static jx_result bk_xf(bk *b)
{
    if (b->len < (b->biff == 8 ? 20u : 16u))
        return bk_bad(b, "（XF）长度不足");
    if (b->nxf >= BIFF_MAX_XF)
        return bk_bad(b, "（XF）超过 8192 个");
    if (JX_GROW(b->t->alloc, b->xf, b->xf_cap, b->nxf + 1) != 0)
        return JX_ERR_NOMEM;
    b->xf[b->nxf++] = cfb_u16(b->rec + 2);
    return JX_OK;
}

/** LABEL: a text cell freexl reads; its string's length. */
static jx_result bk_label(bk *b)
{
    const unsigned char *r = b->rec;
    if (b->biff == 8) {
        uint32_t cch;
        bool wide;
        uint64_t skip, start;
        if (b->len < 9 || !bk_rich_header(r, 6, b->len, &cch, &wide, &skip, &start))
            return bk_bad(b, "（LABEL）长度不足");
        if (cch == 0)
            return bk_bad(b, "（LABEL）的文字为空");
        if (start + (uint64_t)cch * (wide ? 2 : 1) > b->len)
            return bk_bad(b, "（LABEL）的文字超出记录");
    } else if (b->len < 8 || 8u + cfb_u16(r + 6) > b->len) {
        return bk_bad(b, "（LABEL）的文字超出记录");
    }
    return bk_cell(b, cfb_u16(r), cfb_u16(r + 2));
}

/** RSTRING: a text cell with formatting runs, which freexl skips: read here. */
static jx_result bk_rstring(bk *b)
{
    const unsigned char *r = b->rec;
    jx_result rc = JX_OK;
    uint32_t off = (uint32_t)b->x->text_len;
    if (b->biff == 8) {
        if (b->len < 9)
            return bk_bad(b, "（RSTRING）长度不足");
        uint32_t cch = cfb_u16(r + 6);
        bool wide = r[8] & 1;
        if (9 + (uint64_t)cch * (wide ? 2 : 1) + 2 > b->len)
            return bk_bad(b, "（RSTRING）的文字超出记录");
        if ((rc = bk_cell(b, cfb_u16(r), cfb_u16(r + 2))) != JX_OK)
            return rc;
        b->str_high = 0;
        rc = bk_chars(b, r + 9, cch, wide);
        if (rc == JX_OK && b->str_high)
            rc = bk_bad(b, "文字中有不成对的代理项");
    } else {
        uint32_t cch = b->len >= 8 ? cfb_u16(r + 6) : 0;
        if (b->len < 8 || 8u + cch + 1 > b->len)
            return bk_bad(b, "（RSTRING）的文字超出记录");
        if ((rc = bk_cell(b, cfb_u16(r), cfb_u16(r + 2))) != JX_OK)
            return rc;
        rc = bk_codepage_text(b, r + 8, cch);
    }
    if (rc != JX_OK)
        return rc;
    xls_fcell *f = bk_fcell(b, cfb_u16(r), cfb_u16(r + 2), XC_TEXT);
    if (!f)
        return JX_ERR_NOMEM;
    f->v.text.off = off;
    f->v.text.len = (uint32_t)b->x->text_len - off;
    return JX_OK;
}

/** BOOLERR: a boolean or an error, which freexl reads as 1 or 0: read here. */
static jx_result bk_boolerr(bk *b)
{
    const unsigned char *r = b->rec;
    if (b->len < 8)
        return bk_bad(b, "（BOOLERR）长度不足");
    jx_result rc = bk_cell(b, cfb_u16(r), cfb_u16(r + 2));
    if (rc != JX_OK)
        return rc;
    if (r[7] > 1 || (r[7] == 0 && r[6] > 1) || (r[7] == 1 && !xls_error_text(r[6])))
        return bk_bad(b, "（BOOLERR）的值不成立");
    xls_fcell *f = bk_fcell(b, cfb_u16(r), cfb_u16(r + 2), r[7] ? XC_ERROR : XC_BOOL);
    if (!f)
        return JX_ERR_NOMEM;
    f->code = r[6];
    return JX_OK;
}

/** FORMULA: the cached result, read here (a string one in the STRING to come). */
static jx_result bk_formula(bk *b)
{
    const unsigned char *r = b->rec;
    if (b->len < 22 || 22u + cfb_u16(r + 20) > b->len)
        return bk_bad(b, "（FORMULA）长度不足");
    uint16_t row = cfb_u16(r), col = cfb_u16(r + 2);
    jx_result rc = bk_cell(b, row, col);
    if (rc != JX_OK)
        return rc;
    xls_fcell *f;
    if (cfb_u16(r + 12) != 0xFFFF) {
        uint64_t bits = (uint64_t)cfb_u32(r + 6) | (uint64_t)cfb_u32(r + 10) << 32;
        f = bk_fcell(b, row, col, bk_number_kind(b, cfb_u16(r + 4)));
        if (!f)
            return JX_ERR_NOMEM;
        memcpy(&f->v.num, &bits, sizeof f->v.num);
        return JX_OK;
    }
    switch (r[6]) {
    case 0: /* a string, in the STRING record that follows */
    case 3: /* the empty string */
        if (!(f = bk_fcell(b, row, col, XC_TEXT)))
            return JX_ERR_NOMEM;
        f->v.text.off = (uint32_t)b->x->text_len;
        b->pending = r[6] == 0;
        return JX_OK;
    case 1:
        if (r[8] > 1)
            return bk_bad(b, "（FORMULA）的逻辑值不成立");
        break;
    case 2:
        if (!xls_error_text(r[8]))
            return bk_bad(b, "（FORMULA）的错误值不成立");
        break;
    default:
        return bk_bad(b, "（FORMULA）的结果类型不成立");
    }
    if (!(f = bk_fcell(b, row, col, r[6] == 1 ? XC_BOOL : XC_ERROR)))
        return JX_ERR_NOMEM;
    f->code = r[8];
    return JX_OK;
}

/** Ends the STRING of the pending formula: its text is what was appended since. */
static jx_result bk_string_done(bk *b)
{
    if (b->str_high)
        return bk_bad(b, "文字中有不成对的代理项");
    if (b->biff == 5) {
        jx_result rc = bk_codepage_text(b, b->raw, b->raw_len);
        if (rc != JX_OK)
            return rc;
    }
    xls_fcell *f = &b->x->fcells[b->x->nfcells - 1];
    f->v.text.len = (uint32_t)b->x->text_len - f->v.text.off;
    b->pending = false;
    b->str_more = false;
    return JX_OK;
}

/**
 * Characters of a STRING from p[0..n) (the record's rest), as many as are left; they must
 * fill it exactly. BIFF5's are bytes in the code page, kept until all are there.
 */
static jx_result bk_string_chars(bk *b, const unsigned char *p, uint32_t n, bool wide)
{
    uint32_t w = wide ? 2 : 1, k = n / w < b->str_left ? n / w : b->str_left;
    if (k * w != n)
        return bk_bad(b, "（STRING）的长度与文字不符");
    jx_result rc = JX_OK;
    if (b->biff == 5) {
        if (b->raw_len + k > b->raw_cap && JX_GROW(b->t->alloc, b->raw, b->raw_cap, b->raw_len + k) != 0)
            return JX_ERR_NOMEM;
        memcpy(b->raw + b->raw_len, p, k);
        b->raw_len += k;
    } else {
        rc = bk_chars(b, p, k, wide);
    }
    if (rc != JX_OK)
        return rc;
    b->str_left -= k;
    b->str_more = b->str_left > 0;
    return b->str_more ? JX_OK : bk_string_done(b);
}

/** STRING: the pending formula's result (a STRING nobody waits for is let be). */
static jx_result bk_string(bk *b)
{
    const unsigned char *r = b->rec;
    if (!b->pending)
        return JX_OK;
    uint32_t head = b->biff == 8 ? 3 : 2; /* BIFF5: cch and bytes, going on in CONTINUE without flags */
    if (b->len < head)
        return bk_bad(b, "（STRING）长度不足");
    b->str_left = cfb_u16(r);
    b->str_high = 0;
    b->raw_len = 0;
    if (b->str_left == 0)
        return b->len == head ? bk_string_done(b) : bk_bad(b, "（STRING）的长度与文字不符");
    return bk_string_chars(b, r + head, b->len - head, b->biff == 8 && (r[2] & 1));
}

/** MULRK: its cells (six bytes each) against its length and last column. */
static jx_result bk_mulrk(bk *b)
{
    const unsigned char *r = b->rec;
    if (b->len < 12 || (b->len - 6) % 6 != 0)
        return bk_bad(b, "（MULRK）长度不符");
    uint32_t n = (b->len - 6) / 6, first = cfb_u16(r + 2);
    if (cfb_u16(r + b->len - 2) != first + n - 1)
        return bk_bad(b, "（MULRK）的末列与单元格数不符");
    for (uint32_t i = 0; i < n; i++) {
        jx_result rc = bk_cell(b, cfb_u16(r), first + i);
        if (rc != JX_OK)
            return rc;
    }
    return JX_OK;
}

/** MULBLANK: empty cells; its length against its last column. */
static jx_result bk_mulblank(bk *b)
{
    const unsigned char *r = b->rec;
    if (b->len < 8 || (b->len - 6) % 2 != 0 || cfb_u16(r + b->len - 2) != cfb_u16(r + 2) + (b->len - 6) / 2 - 1)
        return bk_bad(b, "（MULBLANK）长度不符");
    return JX_OK;
}

/** The first record: a BOF of BIFF8 or BIFF5 workbook globals. */
static jx_result bk_first(bk *b)
{
    const unsigned char *r = b->rec;
    if (b->type != R_BOF || b->len < 8)
        return bk_bad_stream(b, "数据流不以 BOF 记录开始");
    uint16_t vers = cfb_u16(r);
    if (vers == 0x0600)
        b->biff = 8;
    else if (vers == 0x0500)
        b->biff = 5;
    else
        return bk_bad(b, "（BOF）的版本既非 BIFF8 也非 BIFF5");
    if (cfb_u16(r + 2) != 0x0005)
        return bk_bad(b, "（BOF）不是工作簿全局部分");
    b->state = BK_GLOBALS;
    b->prev = R_BOF;
    return JX_OK;
}

/** Checks the record in b (not the first) and reads what this reader needs from it. */
static jx_result bk_record(bk *b)
{
    const unsigned char *r = b->rec;
    if (b->type == R_CONTINUE) { /* freexl: part of the SST when the SST came last, else skipped */
        if (b->prev == R_SST)
            return bk_sst_continue(b);
        if (b->str_more && b->biff == 5)
            return bk_string_chars(b, r, b->len, false);
        if (b->str_more) {
            if (b->len < 1)
                return bk_bad(b, "（STRING 的 CONTINUE）为空");
            return bk_string_chars(b, r + 1, b->len - 1, r[0] & 1);
        }
        return JX_OK;
    }
    if (b->str_more)
        return bk_bad(b, "之前的 STRING 记录文字不完整");
    if (b->pending && b->type != R_STRING && b->type != R_SHRFMLA && b->type != R_ARRAY && b->type != R_TABLE)
        return bk_bad(b, "前缺少公式结果的 STRING 记录");
    b->prev = b->type;
    if (b->state == BK_BETWEEN) { /* freexl fails on anything else */
        if (b->type != R_BOF)
            return bk_bad(b, "在 EOF 之后却不是 BOF");
        return bk_sheet_bof(b);
    }
    switch (b->type) {
    case R_BOF:
        if (b->state == BK_SHEET) {
            jx_table_fail(b->err, 0, 0,
                          "第 %zu 个工作表中有嵌入的图表或对象（或记录已损坏），本程序的 .xls 读取器无法读取" XLS_SAVE_AS,
                          b->cur + 1);
            return JX_ERR_INPUT;
        }
        return bk_bad(b, "（BOF）嵌套在工作簿全局部分中");
    case R_EOF:
        if (b->state == BK_SHEET && !b->dim)
            b->nodim = true;
        b->state = BK_BETWEEN;
        return JX_OK;
    case R_FILEPASS:
        jx_table_fail(b->err, 0, 0, XLS_ENCRYPTED_MSG);
        return JX_ERR_INPUT;
    case R_SST:
        if (b->state != BK_GLOBALS || b->biff != 8 || b->sst)
            return bk_bad(b, "（SST）的位置不对或重复");
        if (b->len < 8)
            return bk_bad(b, "（SST）长度不足");
        b->sst = true;
        b->sst_count = cfb_u32(r + 4);
        if (b->sst_count > BIFF_MAX_SST)
            return bk_bad(b, "（SST）的字符串数过大");
        return bk_sst_strings(b, 8);
    case R_CODEPAGE:
        if (b->len < 2)
            return bk_bad(b, "（CODEPAGE）长度不足");
        b->codepage = cfb_u16(r);
        return JX_OK;
    case R_DATEMODE:
        if (b->len < 2)
            return bk_bad(b, "（DATEMODE）长度不足");
        b->x->date1904 = cfb_u16(r) != 0;
        return JX_OK;
    case R_BOUNDSHEET:
        return bk_boundsheet(b);
    case R_DIMENSION:
        return bk_dimension(b);
    case R_FORMAT:
        return bk_format(b);
    case R_XF:
        return bk_xf(b);
    case R_NUMBER:
        if (b->len < 14)
            return bk_bad(b, "（NUMBER）长度不足");
        return bk_cell(b, cfb_u16(r), cfb_u16(r + 2));
    case R_RK:
        if (b->len < 10)
            return bk_bad(b, "（RK）长度不足");
        return bk_cell(b, cfb_u16(r), cfb_u16(r + 2));
    case R_MULRK:
        return bk_mulrk(b);
    case R_LABEL:
        return bk_label(b);
    case R_LABELSST:
        if (b->biff != 8 || b->len < 10)
            return bk_bad(b, "（LABELSST）长度不足或不属 BIFF8");
        if (!b->sst || cfb_u32(r + 6) >= b->sst_count)
            return bk_bad(b, "（LABELSST）的字符串序号超出 SST");
        return bk_cell(b, cfb_u16(r), cfb_u16(r + 2));
    case R_BOOLERR:
        return bk_boolerr(b);
    case R_RSTRING:
        return bk_rstring(b);
    case R_FORMULA:
        return bk_formula(b);
    case R_STRING:
        return bk_string(b);
    case R_BLANK:
        return b->len < 6 ? bk_bad(b, "（BLANK）长度不足") : JX_OK;
    case R_MULBLANK:
        return bk_mulblank(b);
    case R_ROW:
        return b->len < 16 ? bk_bad(b, "（ROW）长度不足") : JX_OK;
    }
    return JX_OK;
}

/** Orders cells read here by sheet, row, column. */
static int bk_fcell_cmp(const void *a, const void *b)
{
    const xls_fcell *p = a, *q = b;
    uint64_t ka = (uint64_t)p->sheet << 24 | (uint32_t)p->row << 8 | p->col;
    uint64_t kb = (uint64_t)q->sheet << 24 | (uint32_t)q->row << 8 | q->col;
    return ka < kb ? -1 : ka > kb;
}

/** Walks the whole stream; then what must hold at its end. */
static jx_result bk_walk(bk *b)
{
    uint32_t pos = 0, size = b->rd.size;
    bool first = true;
    while (size - pos >= 4) {
        unsigned char h[4];
        if (!bk_read(&b->rd, pos, h, 4))
            goto unreadable;
        b->pos = pos;
        b->type = cfb_u16(h);
        b->len = cfb_u16(h + 2);
        if (!b->rd.mini && b->type == 0 && b->len == 0)
            break; /* freexl's end of a stream in regular sectors */
        if (b->len > BIFF_MAX_LEN)
            return bk_bad(b, "长于 8224 字节");
        if (b->len > size - pos - 4)
            return bk_bad(b, "超出数据流的末尾");
        if (!bk_read(&b->rd, pos + 4, b->rec, b->len))
            goto unreadable;
        jx_result rc = first ? bk_first(b) : bk_record(b);
        if (rc != JX_OK)
            return rc;
        first = false;
        pos += 4 + b->len;
    }
    if (first)
        return bk_bad_stream(b, "数据流中没有记录");
    if (b->state != BK_BETWEEN || b->pending || b->str_more)
        return bk_bad_stream(b, "数据流在记录中途结束");
    if (b->sst && (b->sst_plen || b->sst_index != b->sst_count))
        return bk_bad_stream(b, "共享字符串表（SST）中的字符串少于它声明的个数");
    for (size_t i = 0; i < b->nsheets; i++) {
        if (!b->sheets[i].found) {
            char why[96];
            snprintf(why, sizeof why, "第 %zu 个工作表的数据不在 BOUNDSHEET 所指的位置", i + 1);
            return bk_bad_stream(b, why);
        }
    }
    xls_impl *x = b->x;
    if (x->nfcells > 1) {
        qsort(x->fcells, x->nfcells, sizeof *x->fcells, bk_fcell_cmp);
        for (size_t i = 1; i < x->nfcells; i++)
            if (bk_fcell_cmp(&x->fcells[i - 1], &x->fcells[i]) == 0)
                return bk_bad_stream(b, "同一单元格出现两次");
    }
    return JX_OK;
unreadable:
    jx_table_fail(b->err, 0, 0, XLS_CORRUPT_MSG);
    return JX_ERR_INPUT;
}

/**
 * Checks the compound file c (header loaded) and its workbook stream before freexl reads
 * them, and reads the cells freexl does not (the header comment says what). JX_OK;
 * JX_ERR_INPUT with *err; JX_ERR_NOMEM.
 */
static jx_result bk_check(jx_table *t, xls_impl *x, const cfb *c, jx_table_error *err)
{
    bk *b = jx_calloc(t->alloc, sizeof *b);
    if (!b)
        return JX_ERR_NOMEM;
    b->t = t;
    b->x = x;
    b->err = err;
    b->cv = (iconv_t)-1;
    bool exactly_cutoff;
    jx_result rc;
    if (bk_stream(c, &b->rd, &exactly_cutoff)) {
        rc = bk_walk(b);
    } else {
        jx_table_fail(err, 0, 0,
                      exactly_cutoff ? "工作簿的数据流恰为 4096 字节，本程序的 .xls 读取器无法读取" XLS_SAVE_AS
                                     : XLS_CORRUPT_MSG);
        rc = JX_ERR_INPUT;
    }
    if (b->cv != (iconv_t)-1)
        iconv_close(b->cv);
    jx_free(t->alloc, b->sheets, b->sheets_cap * sizeof *b->sheets);
    jx_free(t->alloc, b->seen, b->seen_size);
    jx_free(t->alloc, b->xf, b->xf_cap * sizeof *b->xf);
    jx_free(t->alloc, b->fmts, b->fmts_cap * sizeof *b->fmts);
    jx_free(t->alloc, b->raw, b->raw_cap);
    jx_free(t->alloc, b, sizeof *b);
    return rc;
}

/* ------------------------------------------------------------- the backend */

/**
 * Writes the bytes to a new private temporary file whose name is set in *name (of
 * *name_size bytes, to free); JX_OK, JX_ERR_IO with *err, or JX_ERR_NOMEM.
 */
static jx_result xls_temp_file(jx_table *t, const char *data, size_t len, char **name, size_t *name_size,
                               jx_table_error *err)
{
    static const char tail[] = "/jixiao-XXXXXX.xls";
    const char *dir = jx_tmpdir();
    size_t dlen = strlen(dir), size = dlen + sizeof tail;
    char *p = jx_malloc(t->alloc, size);
    if (!p)
        return JX_ERR_NOMEM;
    memcpy(p, dir, dlen);
    memcpy(p + dlen, tail, sizeof tail);
    int fd = mkstemps(p, 4);
    if (fd < 0) {
        jx_table_fail(err, 0, 0, "无法建立临时文件（%s）：%s", dir, jx_errno_text(errno));
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
        jx_table_fail(err, 0, 0, "无法写入临时文件（%s）：%s", dir, jx_errno_text(e));
        unlink(p);
        jx_free(t->alloc, p, size);
        return JX_ERR_IO;
    }
    *name = p;
    *name_size = size;
    return JX_OK;
}

/**
 * Reads the workbook at path or in data[0..len) before freexl does: refuses it when it is
 * encrypted (cfb_encrypted) or not a compound file and workbook stream freexl can read
 * safely (bk_check), and reads the cells freexl does not. JX_OK; JX_ERR_INPUT or
 * JX_ERR_IO with *err; JX_ERR_NOMEM.
 */
static jx_result xls_examine(jx_table *t, xls_impl *x, const char *path, const char *data, size_t len,
                             jx_table_error *err)
{
    cfb c;
    memset(&c, 0, sizeof c);
    c.fd = -1;
    if (!path) {
        c.data = (const unsigned char *)data;
        c.size = len;
    } else {
        c.fd = open(path, O_RDONLY);
        if (c.fd < 0) {
            jx_table_fail(err, 0, 0, "无法打开文件：%s", jx_errno_text(errno));
            return JX_ERR_IO;
        }
        struct stat st;
        if (fstat(c.fd, &st) == 0 && st.st_size > 0)
            c.size = (uint64_t)st.st_size;
    }
    jx_result rc;
    if (!cfb_load(&c)) {
        jx_table_fail(err, 0, 0, XLS_CORRUPT_MSG);
        rc = JX_ERR_INPUT;
    } else if (cfb_encrypted(&c)) {
        jx_table_fail(err, 0, 0, XLS_ENCRYPTED_MSG);
        rc = JX_ERR_INPUT;
    } else {
        rc = bk_check(t, x, &c, err);
    }
    if (c.fd >= 0)
        close(c.fd);
    return rc;
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
    jx_free(t->alloc, x->fcells, x->fcells_cap * sizeof *x->fcells);
    jx_free(t->alloc, x->text, x->text_cap);
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
    jx_result rc = xls_examine(t, x, path, data, len, err);
    if (rc != JX_OK)
        return rc;
    char *tmp = NULL;
    size_t tmp_size = 0;
    if (!path) {
        rc = xls_temp_file(t, data, len, &tmp, &tmp_size, err);
        if (rc != JX_OK)
            return rc;
        path = tmp;
    }
    const void *book = NULL;
    errno = 0;
    int fr = freexl_open(path, &book);
    int open_errno = errno;
    if (tmp) {
        unlink(tmp);
        jx_free(t->alloc, tmp, tmp_size);
    }
    if (fr != FREEXL_OK || !book) {
        /* freexl may hand back a handle on failure (to be closed), and returns
         * FREEXL_OK with no handle when a record does not parse */
        if (book)
            freexl_close(book);
        if (fr == FREEXL_INSUFFICIENT_MEMORY)
            return JX_ERR_NOMEM;
        if (fr == FREEXL_FILE_NOT_FOUND) {
            jx_table_fail(err, 0, 0, "无法打开文件：%s", jx_errno_text(open_errno ? open_errno : ENOENT));
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

/** A double as freexl's doubles read: "%.17g" made plain by jx_table_number, into out; its length. */
static size_t xls_number(double d, char out[JX_TABLE_NUMBER_MAX])
{
    char raw[40];
    int k = snprintf(raw, sizeof raw, "%.17g", d);
    size_t n = k > 0 ? (size_t)k : 0;
    size_t m = jx_table_number(raw, n, false, out);
    if (!m) { /* not a number ("inf", "nan"): kept as written */
        memcpy(out, raw, n);
        m = n;
    }
    return m;
}

/** The time of day of fraction f (0 ≤ f < 1) as freexl writes it ("08:30:00") into out; its length. */
static size_t xls_time(double f, char *out, size_t size)
{
    long s = (long)(f * 86400.0 + 0.5); /* lround, as freexl */
    int k = snprintf(out, size, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    return k > 0 ? (size_t)k : 0;
}

/**
 * The text of a number read here as kind (XC_NUMBER or a date form, see bk_number_kind)
 * into out; its length. A date form whose number is no date (negative, past 9999) reads
 * as the number.
 */
static size_t xls_dated(const xls_impl *x, int kind, double d, char out[JX_TABLE_NUMBER_MAX])
{
    if (kind == XC_NUMBER || !(d >= 0 && d < 2958466.0))
        return xls_number(d, out);
    long days = (long)d; /* d ≥ 0: the floor */
    double frac = d - (double)days;
    if (kind == XC_TIME)
        return xls_time(frac, out, JX_TABLE_NUMBER_MAX);
    char serial[24];
    int k = snprintf(serial, sizeof serial, "%ld", days);
    size_t n = jx_table_date(serial, (size_t)k, x->date1904, out);
    if (!n)
        return xls_number(d, out);
    if (kind == XC_DATETIME) {
        out[n++] = ' ';
        n += xls_time(frac, out + n, JX_TABLE_NUMBER_MAX - n);
    }
    return n;
}

/** Whether a cell read here is empty (an empty string). */
static bool xls_fcell_empty(const xls_fcell *f)
{
    return f->kind == XC_TEXT && f->v.text.len == 0;
}

/**
 * Fills *row from row r (0-based) of the active sheet and the cells read here for that
 * row (x->fk onwards): JX_TABLE_ROW, JX_TABLE_END when the row has no non-empty cell,
 * JX_TABLE_ERROR or JX_TABLE_NOMEM.
 */
static jx_table_status xls_row(jx_table *t, xls_impl *x, unsigned int r, jx_table_row *row)
{
    FreeXL_CellValue v;
    while (x->fk < x->fend && x->fcells[x->fk].row < r)
        x->fk++; /* none: rows are read in order */
    size_t lo = x->fk, hi = lo; /* the cells read here in this row */
    while (hi < x->fend && x->fcells[hi].row == r)
        hi++;
    x->fk = hi;
    size_t last = 0; /* 1-based column of the last non-empty cell */
    for (size_t k = hi; k > lo && !last; k--)
        if (!xls_fcell_empty(&x->fcells[k - 1]))
            last = (size_t)x->fcells[k - 1].col + 1;
    for (size_t c = r < x->rows ? x->cols : 0; c > last; c--) {
        if (freexl_get_cell_value(x->book, r, (unsigned short)(c - 1), &v) != FREEXL_OK) {
            jx_table_fail(&t->err, r + 1, (uint32_t)c,
                          "工作表“%s”第 %u 行的单元格无法读取，工作簿可能已损坏；请在 Excel 中打开并重新保存",
                          t->sheets[x->cur], r + 1);
            return JX_TABLE_ERROR;
        }
        if (!xls_empty(&v)) {
            last = c;
            break;
        }
    }
    if (!last)
        return JX_TABLE_END;
    jx_table_cell *cells = jx_table_cells(t, last);
    if (!cells)
        return JX_TABLE_NOMEM;
    size_t used = 0; /* bytes of x->buf; cells whose text is there get s = NULL until the end */
    size_t k = lo;
    for (size_t c = 0; c < last; c++) {
        cells[c].line = r + 1;
        char out[JX_TABLE_NUMBER_MAX];
        const char *s = NULL;
        size_t n = 0;
        bool here = k < hi && x->fcells[k].col == c;
        if (here) {
            const xls_fcell *f = &x->fcells[k++];
            switch (f->kind) {
            case XC_TEXT:
                if (f->v.text.len) { /* else an empty string: an empty cell */
                    cells[c].s = x->text + f->v.text.off;
                    cells[c].n = f->v.text.len;
                }
                continue;
            case XC_BOOL:
                s = f->code ? "TRUE" : "FALSE";
                n = strlen(s);
                break;
            case XC_ERROR:
                s = xls_error_text(f->code);
                n = strlen(s);
                break;
            default:
                n = xls_dated(x, f->kind, f->v.num, out);
                s = out;
                break;
            }
        } else {
            if (r >= x->rows || c >= x->cols ||
                freexl_get_cell_value(x->book, r, (unsigned short)c, &v) != FREEXL_OK || xls_empty(&v))
                continue;
            if (v.type == FREEXL_CELL_INT) {
                int w = snprintf(out, sizeof out, "%d", v.value.int_value);
                n = w > 0 ? (size_t)w : 0;
                s = out;
            } else if (v.type == FREEXL_CELL_DOUBLE) {
                n = xls_number(v.value.double_value, out);
                s = out;
            } else {
                cells[c].s = v.value.text_value;
                cells[c].n = (uint32_t)strlen(v.value.text_value);
                continue;
            }
        }
        if (xls_buf_add(t, x, &used, s, n) != 0)
            return JX_TABLE_NOMEM;
        cells[c].s = NULL;
        cells[c].n = (uint32_t)n;
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

/** The first of the cells read here that belongs to freexl's sheet number sheet or a later one. */
static size_t xls_fcells_from(const xls_impl *x, unsigned sheet)
{
    size_t lo = 0, hi = x->nfcells;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->fcells[mid].sheet < sheet)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
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
            x->fk = xls_fcells_from(x, x->index[x->cur]);
            x->fend = xls_fcells_from(x, x->index[x->cur] + 1u);
        }
        for (;;) {
            /* the union of freexl's rows and those of the cells read here */
            unsigned int r = x->r;
            if (r >= x->rows) {
                if (x->fk >= x->fend)
                    break;
                if (x->fcells[x->fk].row > r)
                    r = x->fcells[x->fk].row;
            }
            x->r = r + 1;
            jx_table_status st = xls_row(t, x, r, row);
            if (st != JX_TABLE_END)
                return st;
        }
        x->cur++;
        x->selected = false;
    }
    return JX_TABLE_END;
}

const jx_table_backend jx_table_xls_backend = {JX_TABLE_XLS, xls_open, xls_next, xls_close};
