/* SPDX-License-Identifier: MIT */
/* import_decode.c — a table file's bytes → UTF-8 text with "\n" line ends.
 *
 * UTF-8 is checked and copied; every other encoding goes through the C library's
 * iconv. Either way the first byte that does not decode stops the import with its
 * offset, line and column: a table read with the wrong encoding would turn every
 * name into mojibake, and a score computed from mojibake names is worse than none.
 */
#include "import_decode.h"

#include "alloc.h"
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ names */

/** An encoding the user may name, and the name iconv knows it by. */
typedef struct decode_encoding {
    const char *name;  /* what --encoding takes */
    const char *canon; /* the canonical name reported back */
    const char *iconv; /* iconv's name; NULL for UTF-8, which is only checked */
} decode_encoding;

static const decode_encoding decode_encodings[] = {
    {"utf-8", "utf-8", NULL},         {"utf8", "utf-8", NULL},
    {"gb18030", "gb18030", "GB18030"}, {"gbk", "gbk", "GBK"},
    {"gb2312", "gbk", "GBK"},          {"cp936", "gbk", "GBK"},
    {"utf-16", "utf-16le", "UTF-16LE"}, {"utf-16le", "utf-16le", "UTF-16LE"},
    {"utf-16be", "utf-16be", "UTF-16BE"},
};

#define DECODE_NENCODINGS (sizeof decode_encodings / sizeof decode_encodings[0])

/** The table entry for name (any case), or NULL. */
static const decode_encoding *decode_find(const char *name)
{
    for (size_t i = 0; i < DECODE_NENCODINGS; i++)
        if (strcasecmp(decode_encodings[i].name, name) == 0)
            return &decode_encodings[i];
    return NULL;
}

const char *jx_imp_encoding_name(const char *name)
{
    const decode_encoding *e = name ? decode_find(name) : NULL;
    return e ? e->canon : NULL;
}

/* ------------------------------------------------------------------- BOMs */

size_t jx_imp_bom(const char *bytes, size_t len, const char **encoding)
{
    const unsigned char *d = (const unsigned char *)bytes;
    *encoding = NULL;
    if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) {
        *encoding = "utf-8";
        return 3;
    }
    if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF))) {
        *encoding = d[0] == 0xFF ? "utf-16le" : "utf-16be";
        return 2;
    }
    return 0;
}

/* ----------------------------------------------------------------- errors */

/**
 * Fills err for the byte at offset off of data, given the text decoded before it
 * (out[0..olen)), from which its line and column are counted.
 */
static void decode_locate(jx_imp_decode_error *err, const unsigned char *data, size_t len, size_t off,
                          const char *out, size_t olen)
{
    err->offset = off;
    err->line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < olen; i++) {
        if (out[i] == '\n' || (out[i] == '\r' && !(i + 1 < olen && out[i + 1] == '\n'))) {
            err->line++;
            line_start = i + 1;
        }
    }
    err->col = 1 + jx_text_utf8_count(out + line_start, olen - line_start);
    err->nbytes = 0;
    for (size_t i = off; i < len && err->nbytes < 2; i++)
        err->bytes[err->nbytes++] = data[i];
}

/** The offending bytes of err as "0xFF" or "0x81 0x20". */
static void decode_bytes_text(const jx_imp_decode_error *err, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < err->nbytes && o < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s0x%02X", i ? " " : "", err->bytes[i]);
}

/* -------------------------------------------------------------- the output */

/** The text being produced. */
typedef struct decode_out {
    const jx_allocator *alloc; /* where s comes from */
    char *s;                   /* the bytes so far */
    size_t len;                /* how many */
    size_t cap;                /* allocated */
} decode_out;

/** Makes room for need more bytes (and a NUL). 0, or -1 when memory ran out. */
static int decode_reserve(decode_out *o, size_t need)
{
    if (o->cap - o->len > need)
        return 0;
    size_t ncap = o->cap ? o->cap : 256;
    while (ncap - o->len <= need)
        ncap *= 2;
    char *ns = jx_realloc(o->alloc, o->s, o->cap, ncap);
    if (!ns)
        return -1;
    o->s = ns;
    o->cap = ncap;
    return 0;
}

/** Turns CRLF pairs and lone CRs into "\n" in place, so lines stay lines. */
static void decode_line_ends(decode_out *o)
{
    size_t k = 0;
    for (size_t i = 0; i < o->len; i++) {
        char c = o->s[i];
        if (c == '\r') {
            if (i + 1 < o->len && o->s[i + 1] == '\n')
                continue;
            c = '\n';
        }
        o->s[k++] = c;
    }
    o->len = k;
    o->s[k] = '\0';
}

/* ------------------------------------------------------------------ iconv */

/**
 * Converts data[start..len) from iconv's encoding `from` into o. Returns 1 when every
 * byte converted, 0 after filling err at the first that did not, -1 when memory ran
 * out, -2 when iconv does not know the encoding.
 */
static int decode_iconv(decode_out *o, const unsigned char *data, size_t start, size_t len,
                        const char *from, jx_imp_decode_error *err)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return -2;
    char *in = (char *)data + start;
    size_t inleft = len - start;
    int result = 1;
    if (decode_reserve(o, inleft + inleft / 2 + 16) != 0) {
        iconv_close(cd);
        return -1;
    }
    while (inleft > 0) {
        char *outp = o->s + o->len;
        size_t outleft = o->cap - o->len - 1;
        size_t r = iconv(cd, &in, &inleft, &outp, &outleft);
        int e = errno;
        o->len = (size_t)(outp - o->s);
        if (r != (size_t)-1)
            break;
        if (e == E2BIG) {
            if (decode_reserve(o, inleft * 2 + 16) != 0) {
                result = -1;
                break;
            }
            continue;
        }
        /* EILSEQ: an invalid sequence; EINVAL: a sequence cut short by the end */
        decode_locate(err, data, len, (size_t)((const unsigned char *)in - data), o->s, o->len);
        result = 0;
        break;
    }
    iconv_close(cd);
    return result;
}

/* ------------------------------------------------------------- rule files */

bool jx_imp_rule_not_utf8(const jx_allocator *alloc, const char *s, size_t n, const jx_text_scan *scan,
                          char *reason, size_t size)
{
    if (scan->bad == 0 || scan->bad <= scan->multibyte)
        return false; /* mostly UTF-8: the bad bytes are errors of their own */
    decode_out o = {jx_alloc_or_default(alloc), NULL, 0, 0};
    jx_imp_decode_error gb;
    memset(&gb, 0, sizeof gb);
    int r = decode_iconv(&o, (const unsigned char *)s, 0, n, "GB18030", &gb);
    jx_free(o.alloc, o.s, o.cap);
    if (r != 1)
        return false;
    snprintf(reason, size,
             "文件不是 UTF-8 编码（字节 0x%02X 无效），看来是 GBK/GB18030 编码；"
             "规则文件须为 UTF-8（可带 BOM）或带 BOM 的 UTF-16，请先转换，如 iconv -f gb18030 -t utf-8 原文件 > 新文件",
             (unsigned char)s[scan->first_bad]);
    return true;
}

void jx_imp_bad_run_text(char *buf, size_t size, size_t nbytes, unsigned char first)
{
    if (nbytes == 1)
        snprintf(buf, size, "无效的 UTF-8 字节 0x%02X", first);
    else
        snprintf(buf, size, "无效的 UTF-8 字节 0x%02X 等 %zu 个字节", first, nbytes);
}

/* ----------------------------------------------------------------- decode */

/** Refuses files that are no text at all; 1 when refused (err filled). */
static int decode_refuse_binary(const unsigned char *data, size_t len, jx_imp_decode_error *err)
{
    static const unsigned char zip[] = {'P', 'K', 3, 4};
    static const unsigned char ole[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    const char *what = NULL;
    if (len >= sizeof zip && memcmp(data, zip, sizeof zip) == 0)
        what = "这是 Excel 工作簿（.xlsx）或其他压缩文件，不是文本表格";
    else if (len >= sizeof ole && memcmp(data, ole, sizeof ole) == 0)
        what = "这是旧版 Excel 工作簿（.xls）或其他 Office 文件，不是文本表格";
    if (!what)
        return 0;
    memset(err, 0, sizeof *err);
    snprintf(err->reason, sizeof err->reason, "%s；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入", what);
    return 1;
}

/** Finds a NUL byte in data[0..len) (8-bit encodings); 1 when found (err filled). */
static int decode_refuse_nul(const unsigned char *data, size_t len, jx_imp_decode_error *err)
{
    const unsigned char *z = memchr(data, 0, len);
    if (!z)
        return 0;
    size_t off = (size_t)(z - data);
    /* lines and columns of the bytes before it, counted as UTF-8 would */
    decode_locate(err, data, len, off, (const char *)data, off);
    snprintf(err->reason, sizeof err->reason,
             "字节偏移 %zu 处有 NUL 字节：这不是文本文件（UTF-16 编码的文件须以 BOM 开头）", off);
    return 1;
}

/* jx_imp_decode, and jx_imp_decode_take when own_cap > 0 (bytes then being a block of
 * own_cap bytes from alloc that the text may take over). */
static jx_imp_decode_status decode(const jx_allocator *alloc, const char *bytes, size_t len, size_t own_cap,
                                   const char *encoding, jx_imp_text *out, jx_imp_decode_error *err)
{
    const unsigned char *data = (const unsigned char *)bytes;
    memset(out, 0, sizeof *out);
    memset(err, 0, sizeof *err);
    decode_out o = {jx_alloc_or_default(alloc), NULL, 0, 0};
    const decode_encoding *enc = NULL;
    if (encoding) {
        enc = decode_find(encoding);
        if (!enc) {
            snprintf(err->reason, sizeof err->reason, "未知的编码“%s”，可用 utf-8、gb18030、gbk、utf-16",
                     encoding);
            return JX_IMP_DECODE_UNKNOWN;
        }
    }
    if (decode_refuse_binary(data, len, err))
        return JX_IMP_DECODE_BAD_BYTES;

    bool utf8_bom = len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF;
    bool le_bom = len >= 2 && data[0] == 0xFF && data[1] == 0xFE;
    bool be_bom = len >= 2 && data[0] == 0xFE && data[1] == 0xFF;
    size_t start = 0;
    const char *canon = NULL, *from = NULL;
    if (!enc) {
        if (le_bom || be_bom) {
            canon = le_bom ? "utf-16le" : "utf-16be";
            from = le_bom ? "UTF-16LE" : "UTF-16BE";
            start = 2;
        } else {
            canon = "utf-8";
            start = utf8_bom ? 3 : 0;
        }
    } else {
        canon = enc->canon;
        from = enc->iconv;
        if (!from)
            start = utf8_bom ? 3 : 0;
        else if (strncmp(canon, "utf-16", 6) == 0) {
            if (le_bom || be_bom) {
                canon = le_bom ? "utf-16le" : "utf-16be";
                from = le_bom ? "UTF-16LE" : "UTF-16BE";
                start = 2;
            }
        } else if (utf8_bom) {
            snprintf(err->reason, sizeof err->reason,
                     "文件以 UTF-8 的 BOM 开头，却指定了 --encoding %s；请去掉 --encoding 或改用 utf-8", canon);
            return JX_IMP_DECODE_BAD_BYTES;
        }
    }
    bool wide = from && strncmp(from, "UTF-16", 6) == 0;
    if (!wide && decode_refuse_nul(data, len, err))
        return JX_IMP_DECODE_BAD_BYTES;

    if (!from) {
        /* UTF-8, named or assumed: check it, and when guessing, maybe it is GB18030 */
        jx_text_scan scan = jx_text_utf8_scan((const char *)data + start, len - start);
        if (scan.bad > 0) {
            size_t off = start + scan.first_bad;
            decode_locate(err, data, len, off, (const char *)data + start, scan.first_bad);
            err->nbytes = 1; /* a UTF-8 error is about one byte */
            char b[32];
            decode_bytes_text(err, b, sizeof b);
            if (enc || utf8_bom || scan.multibyte > scan.bad) {
                snprintf(err->reason, sizeof err->reason,
                         "字节 %s（字节偏移 %zu）不是有效的 UTF-8，无法解码；若文件是 GBK/GB18030 编码，请用 --encoding gb18030",
                         b, off);
                return JX_IMP_DECODE_BAD_BYTES;
            }
            jx_imp_decode_error gb;
            memset(&gb, 0, sizeof gb);
            int r = decode_iconv(&o, data, 0, len, "GB18030", &gb);
            if (r == 1) {
                canon = "gb18030";
                goto done;
            }
            jx_free(o.alloc, o.s, o.cap);
            if (r == -1)
                return JX_IMP_DECODE_NOMEM;
            char g[32];
            decode_bytes_text(&gb, g, sizeof g);
            snprintf(err->reason, sizeof err->reason,
                     "文件既不是有效的 UTF-8（字节偏移 %zu 处的 %s），也无法按 GB18030 解码（字节偏移 %zu 处的 %s）；请用 --encoding 指定文件的编码",
                     off, b, gb.offset, g);
            return JX_IMP_DECODE_BAD_BYTES;
        }
        if (own_cap > len) { /* valid UTF-8, read as it is: the block becomes the text */
            o.s = (char *)(uintptr_t)bytes;
            memmove(o.s, o.s + start, len - start);
            o.len = len - start;
            o.cap = own_cap;
            goto done;
        }
        if (decode_reserve(&o, len - start) != 0)
            return JX_IMP_DECODE_NOMEM;
        memcpy(o.s, data + start, len - start);
        o.len = len - start;
    } else {
        int r = decode_iconv(&o, data, start, len, from, err);
        if (r != 1) {
            jx_free(o.alloc, o.s, o.cap);
            if (r == -1)
                return JX_IMP_DECODE_NOMEM;
            if (r == -2) {
                memset(err, 0, sizeof *err);
                snprintf(err->reason, sizeof err->reason, "本机的 iconv 不支持编码“%s”", canon);
                return JX_IMP_DECODE_UNKNOWN;
            }
            char b[32];
            decode_bytes_text(err, b, sizeof b);
            snprintf(err->reason, sizeof err->reason, "字节 %s（字节偏移 %zu）不是有效的 %s 编码，无法解码", b,
                     err->offset, canon);
            return JX_IMP_DECODE_BAD_BYTES;
        }
        if (wide) {
            const char *z = memchr(o.s, 0, o.len);
            if (z) {
                decode_locate(err, data, len, len, o.s, (size_t)(z - o.s));
                err->nbytes = 0;
                err->offset = (size_t)-1;
                snprintf(err->reason, sizeof err->reason, "文件中有 NUL 字符（U+0000）：这不是文本表格");
                jx_free(o.alloc, o.s, o.cap);
                return JX_IMP_DECODE_BAD_BYTES;
            }
        }
    }
done:
    if (decode_reserve(&o, 0) != 0) {
        jx_free(o.alloc, o.s, o.cap);
        return JX_IMP_DECODE_NOMEM;
    }
    decode_line_ends(&o);
    out->s = o.s;
    out->len = o.len;
    out->cap = o.cap;
    out->encoding = canon;
    return JX_IMP_DECODE_OK;
}

jx_imp_decode_status jx_imp_decode(const jx_allocator *alloc, const char *bytes, size_t len,
                                   const char *encoding, jx_imp_text *out, jx_imp_decode_error *err)
{
    return decode(alloc, bytes, len, 0, encoding, out, err);
}

jx_imp_decode_status jx_imp_decode_take(const jx_allocator *alloc, char **buf, size_t len, size_t cap,
                                        const char *encoding, jx_imp_text *out, jx_imp_decode_error *err)
{
    jx_imp_decode_status st = decode(alloc, *buf, len, cap, encoding, out, err);
    if (st == JX_IMP_DECODE_OK && out->s == *buf)
        *buf = NULL; /* taken */
    return st;
}

void jx_imp_text_free(const jx_allocator *alloc, jx_imp_text *t)
{
    if (!t || !t->s)
        return;
    jx_free(jx_alloc_or_default(alloc), t->s, t->cap);
    memset(t, 0, sizeof *t);
}
