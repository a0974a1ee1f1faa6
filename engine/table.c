/* SPDX-License-Identifier: MIT */
/* table.c — opening a table: the kind found from the bytes, the backend it names, and
 * what every backend shares (the row's cells, sheet names, errors, numbers and dates as
 * a spreadsheet shows them).
 *
 * Numbers and dates are converted here by hand, digit by digit, because they must be
 * exact: a cell stores "0.97" and a person reads 97%, never 97.00000000000001%.
 */
#include "table_internal.h"

#include "alloc.h"
#include "import_decode.h"
#include "options.h"
#include "text.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- the kinds */

/** One row per kind: the bytes it starts with and its backend. */
static const struct {
    const unsigned char *magic;
    size_t n;
    const jx_table_backend *be;
} table_kinds[] = {
    {(const unsigned char *)"PK\x03\x04", 4, &jx_table_xlsx_backend},
    {(const unsigned char *)"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, &jx_table_xls_backend},
};

/** The backend for a file starting with head[0..n): a workbook's magic, else text. */
static const jx_table_backend *table_backend_for(const unsigned char *head, size_t n)
{
    for (size_t i = 0; i < sizeof table_kinds / sizeof table_kinds[0]; i++)
        if (n >= table_kinds[i].n && memcmp(head, table_kinds[i].magic, table_kinds[i].n) == 0)
            return table_kinds[i].be;
    return &jx_table_text_backend;
}

jx_table_kind jx_table_kind_of(const char *data, size_t len)
{
    return table_backend_for((const unsigned char *)data, len)->kind;
}

const char *jx_table_kind_name(jx_table_kind k)
{
    switch (k) {
    case JX_TABLE_TEXT: return "text";
    case JX_TABLE_XLSX: return "xlsx";
    case JX_TABLE_XLS: return "xls";
    }
    return "";
}

/* ------------------------------------------------------------- the handle */

void jx_table_fail(jx_table_error *err, uint32_t line, uint32_t col, const char *fmt, ...)
{
    memset(err, 0, sizeof *err);
    err->line = line;
    err->col = col;
    err->code = "table";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

/** A new handle named name; NULL when memory ran out. */
static jx_table *table_new(const char *name, const jx_allocator *alloc)
{
    const jx_allocator *a = jx_alloc_or_default(alloc);
    jx_table *t = jx_calloc(a, sizeof *t);
    if (!t)
        return NULL;
    t->alloc = a;
    t->name_len = strlen(name);
    t->name = jx_strndup(a, name, t->name_len);
    t->encoding = "";
    if (!t->name) {
        jx_free(a, t, sizeof *t);
        return NULL;
    }
    return t;
}

void jx_table_close(jx_table *t)
{
    if (!t)
        return;
    const jx_allocator *a = t->alloc;
    if (t->be)
        t->be->close(t);
    for (size_t i = 0; i < t->nsheets; i++)
        jx_free(a, t->sheets[i], strlen(t->sheets[i]) + 1);
    jx_free(a, t->sheets, t->sheets_cap * sizeof *t->sheets);
    jx_free(a, t->cells, t->cells_cap * sizeof *t->cells);
    jx_free(a, t->owned, t->owned_cap);
    jx_free(a, (char *)t->name, t->name_len + 1);
    jx_free(a, t, sizeof *t);
}

/** Runs the backend's open; the handle is closed and *out left NULL when it fails. */
static jx_result table_start(jx_table **out, jx_table *t, const jx_table_backend *be, const char *path,
                             const char *data, size_t len, const jx_table_options *opts, jx_table_error *err)
{
    static const jx_table_options none = {0};
    t->be = be;
    jx_result rc = JX_ERR_USAGE;
    if (opts && !JX_OPTIONS_SIZE_OK(opts, jx_table_options, sheet))
        jx_table_fail(err, 0, 0, "jx_table_options 的 size（%zu）小于 0.1 版的结构", opts->size);
    else
        rc = be->open(t, path, data, len, opts ? opts : &none, err);
    if (rc != JX_OK) {
        jx_table_close(t);
        return rc;
    }
    *out = t;
    return JX_OK;
}

/** Reads all of f into t->owned; *len is how many bytes. */
static jx_result table_slurp(jx_table *t, FILE *f, size_t *len, jx_table_error *err)
{
    *len = 0;
    for (;;) {
        if (t->owned_cap - *len < 4096) {
            size_t ncap = t->owned_cap ? t->owned_cap * 2 : 65536;
            char *nb = jx_realloc(t->alloc, t->owned, t->owned_cap, ncap);
            if (!nb)
                return JX_ERR_NOMEM;
            t->owned = nb;
            t->owned_cap = ncap;
        }
        size_t k = fread(t->owned + *len, 1, t->owned_cap - *len, f);
        *len += k;
        if (k == 0)
            break;
    }
    if (ferror(f)) {
        jx_table_fail(err, 0, 0, "读取文件失败：%s", jx_errno_text(errno));
        return JX_ERR_IO;
    }
    return JX_OK;
}

/** Frees the bytes read for a backend that no longer needs them. */
static void table_drop_owned(jx_table *t)
{
    jx_free(t->alloc, t->owned, t->owned_cap);
    t->owned = NULL;
    t->owned_cap = 0;
}

jx_result jx_table_open(jx_table **out, const char *path, const jx_table_options *opts,
                        const jx_allocator *alloc, jx_table_error *err)
{
    if (!out || !path || !err)
        return JX_ERR_USAGE;
    *out = NULL;
    memset(err, 0, sizeof *err);
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        jx_table_fail(err, 0, 0, "%s", jx_errno_text(errno));
        return JX_ERR_IO;
    }
    jx_table *t = table_new(path, alloc);
    const jx_table_backend *be = NULL;
    jx_result rc = t ? JX_OK : JX_ERR_NOMEM;
    if (rc == JX_OK && !is_stdin) { /* a workbook reads its file itself, as it needs it */
        unsigned char head[8];
        size_t n = fread(head, 1, sizeof head, f);
        be = table_backend_for(head, n);
        if (ferror(f) || (be->kind == JX_TABLE_TEXT && fseek(f, 0, SEEK_SET) != 0)) {
            jx_table_fail(err, 0, 0, "读取文件失败：%s", jx_errno_text(errno));
            rc = JX_ERR_IO;
        }
    }
    size_t len = 0;
    if (rc == JX_OK && (is_stdin || be->kind == JX_TABLE_TEXT)) { /* the bytes in memory */
        rc = table_slurp(t, f, &len, err);
        if (rc == JX_OK)
            be = table_backend_for((const unsigned char *)t->owned, len);
    }
    if (!is_stdin)
        fclose(f);
    if (rc != JX_OK) {
        jx_table_close(t);
        return rc;
    }
    if (!t->owned)
        return table_start(out, t, be, path, NULL, 0, opts, err);
    rc = table_start(out, t, be, NULL, t->owned, len, opts, err);
    if (rc == JX_OK && be->kind == JX_TABLE_TEXT)
        table_drop_owned(*out); /* decoded: the bytes are no longer needed */
    return rc;
}

jx_result jx_table_open_memory(jx_table **out, const char *name, const char *data, size_t len,
                               const jx_table_options *opts, const jx_allocator *alloc, jx_table_error *err)
{
    if (!out || !name || (!data && len) || !err)
        return JX_ERR_USAGE;
    *out = NULL;
    memset(err, 0, sizeof *err);
    jx_table *t = table_new(name, alloc);
    if (!t)
        return JX_ERR_NOMEM;
    if (!data)
        data = "";
    return table_start(out, t, table_backend_for((const unsigned char *)data, len), NULL, data, len, opts, err);
}

#ifndef NDEBUG
/* Whether a cell of row holds a byte (the invariant of table.h). */
static bool row_has_text(const jx_table_row *row)
{
    for (size_t i = 0; i < row->ncells; i++)
        if (row->cells[i].n > 0)
            return true;
    return false;
}
#endif

/*
 * Invariant: no cell handed out holds bytes that are not UTF-8. Text is decoded and
 * checked whole (table_text.c); an .xlsx is XML that expat, or the fast row path,
 * checks. An .xls cell is text freexl converted: checked here, so a conversion that let
 * a bad sequence through is an error at its cell rather than a byte passed on.
 */
jx_table_status jx_table_next(jx_table *t, jx_table_row *row)
{
    memset(row, 0, sizeof *row);
    jx_table_status st = t->be->next(t, row);
    assert(st != JX_TABLE_ROW || row_has_text(row)); /* a row with no non-empty cell is never returned */
    if (st != JX_TABLE_ROW || t->be->kind != JX_TABLE_XLS)
        return st;
    for (size_t i = 0; i < row->ncells; i++) {
        jx_text_scan sc = jx_text_utf8_scan(row->cells[i].s, row->cells[i].n);
        if (sc.bad > 0) {
            char col[8];
            jx_table_fail(&t->err, row->row, (uint32_t)i + 1, "工作表“%s”的 %s%u 单元格中有无效的 UTF-8 字节 0x%02X",
                          jx_table_sheet_name(t, row->sheet), jx_table_col_letters((uint32_t)i + 1, col),
                          (unsigned)row->row, (unsigned char)row->cells[i].s[sc.first_bad]);
            return JX_TABLE_ERROR;
        }
    }
    return st;
}

const jx_table_error *jx_table_last_error(const jx_table *t)
{
    return &t->err;
}

void jx_table_set_plain(jx_table *t, bool plain)
{
    t->plain = plain;
}

size_t jx_table_fast_rows(const jx_table *t)
{
    return t->fast_rows;
}

jx_table_kind jx_table_get_kind(const jx_table *t)
{
    return t->be->kind;
}

const char *jx_table_encoding(const jx_table *t)
{
    return t->encoding;
}

char jx_table_separator(const jx_table *t)
{
    return t->sep;
}

const char *jx_table_text(const jx_table *t, size_t *len)
{
    if (len)
        *len = t->text ? t->text_len : 0;
    return t->text;
}

size_t jx_table_sheet_count(const jx_table *t)
{
    return t->be->kind == JX_TABLE_TEXT ? 1 : t->nsheets;
}

const char *jx_table_sheet_name(const jx_table *t, size_t i)
{
    return i < t->nsheets ? t->sheets[i] : "";
}

/* --------------------------------------------------- what backends share */

jx_table_cell *jx_table_cells(jx_table *t, size_t n)
{
    if (n > t->cells_cap && JX_GROW(t->alloc, t->cells, t->cells_cap, n) != 0)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        t->cells[i] = (jx_table_cell){"", 0, 0, (uint32_t)(i + 1), 0};
    }
    return t->cells;
}

int jx_table_add_sheet(jx_table *t, const char *name, size_t n)
{
    if (JX_GROW(t->alloc, t->sheets, t->sheets_cap, t->nsheets + 1) != 0)
        return -1;
    char *c = jx_strndup(t->alloc, name, n);
    if (!c)
        return -1;
    t->sheets[t->nsheets++] = c;
    return 0;
}

const char *jx_table_col_letters(uint32_t col, char buf[8])
{
    char tmp[8];
    size_t k = 0;
    while (col > 0 && k < 7) {
        col--;
        tmp[k++] = (char)('A' + col % 26);
        col /= 26;
    }
    for (size_t i = 0; i < k; i++)
        buf[i] = tmp[k - 1 - i];
    buf[k] = '\0';
    return buf;
}

/** True when s is all ASCII digits and not empty. */
static bool table_all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

bool jx_table_sheet_wanted(const jx_table_options *opts, size_t index, const char *name,
                           const char *const *names, size_t nsheets)
{
    if (!opts || !opts->sheet)
        return true;
    if (strcmp(opts->sheet, name) == 0)
        return true;
    for (size_t i = 0; i < nsheets; i++)
        if (strcmp(opts->sheet, names[i]) == 0)
            return false; /* another sheet has that very name */
    if (!table_all_digits(opts->sheet) || strlen(opts->sheet) > 6)
        return false;
    return (size_t)strtoul(opts->sheet, NULL, 10) == index + 1;
}

void jx_table_no_such_sheet(jx_table_error *err, const char *sheet, const char *const *names, size_t n)
{
    char list[400];
    size_t k = 0;
    list[0] = '\0';
    for (size_t i = 0; i < n && k < sizeof list - 8; i++) {
        int w = snprintf(list + k, sizeof list - k, "%s“%s”", i ? "、" : "", names[i]);
        if (w < 0 || (size_t)w >= sizeof list - k) {
            snprintf(list + k, sizeof list - k, "…");
            break;
        }
        k += (size_t)w;
    }
    jx_table_fail(err, 0, 0, "工作簿中没有工作表“%s”；共有 %zu 个工作表：%s（--sheet 可用名称或从 1 起的序号）",
                  sheet, n, list);
}

/* ---------------------------------------------------------------- numbers */

/*
 * A stored number is [-]digits[.digits][E[+-]digits]. It is taken apart into its
 * significant digits and the power of ten of the last one, rounded to 15 digits half
 * up (what Excel shows in a General cell), and written back in plain decimal.
 */

/** The most significant digits a stored number may have (Excel writes at most 17). */
#define TABLE_DIGITS_MAX 64

size_t jx_table_number(const char *s, size_t n, bool percent, char *out)
{
    char dig[TABLE_DIGITS_MAX + 1];
    size_t nd = 0, i = 0;  /* significant digits in dig, from the first non-zero one */
    long frac_digits = 0;  /* of them (and of the zeros before them), how many after the point */
    bool neg = false, any = false, point = false;

    snprintf(out, JX_TABLE_NUMBER_MAX, "%.*s", (int)(n < JX_TABLE_NUMBER_MAX - 1 ? n : JX_TABLE_NUMBER_MAX - 1), s);
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    for (; i < n; i++) {
        char c = s[i];
        if (c == '.' && !point) {
            point = true;
            continue;
        }
        if (c < '0' || c > '9')
            break;
        any = true;
        if (point)
            frac_digits++;
        if (nd == 0 && c == '0')
            continue; /* leading zeros */
        if (nd == TABLE_DIGITS_MAX)
            return 0;
        dig[nd++] = c;
    }
    if (!any)
        return 0;
    long e = 0;
    if (i < n && (s[i] == 'E' || s[i] == 'e')) {
        i++;
        bool eneg = false;
        if (i < n && (s[i] == '-' || s[i] == '+'))
            eneg = s[i++] == '-';
        size_t start = i;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            if (e < 100000)
                e = e * 10 + (s[i] - '0');
        if (i == start)
            return 0;
        if (eneg)
            e = -e;
    }
    if (i != n)
        return 0;
    /* invariant from here: the value is dig[0..nd) × 10^exp10 */
    long exp10 = e - frac_digits + (percent ? 2 : 0);
    char *o = out;
    if (nd == 0) {
        *o++ = '0';
        if (percent)
            *o++ = '%';
        *o = '\0';
        return (size_t)(o - out);
    }
    if (nd > 15) { /* 15 significant digits, half up on the digits as stored */
        bool up = dig[15] >= '5';
        exp10 += (long)(nd - 15);
        nd = 15;
        if (up) {
            size_t k = nd;
            while (k > 0 && dig[k - 1] == '9')
                dig[--k] = '0';
            if (k == 0) { /* 999…9 rounds to 1000…0: one digit more, so one power of ten more */
                dig[0] = '1';
                exp10++;
            } else {
                dig[k - 1]++;
            }
        }
    }
    while (nd > 1 && dig[nd - 1] == '0') { /* trailing zeros of the digits move into the exponent */
        nd--;
        exp10++;
    }
    if (exp10 > 300 || exp10 < -300)
        return 0;
    if (neg)
        *o++ = '-';
    if (exp10 >= 0) {
        memcpy(o, dig, nd);
        o += nd;
        for (long z = 0; z < exp10; z++)
            *o++ = '0';
    } else {
        long intlen = (long)nd + exp10; /* digits before the point */
        if (intlen > 0) {
            memcpy(o, dig, (size_t)intlen);
            o += intlen;
            *o++ = '.';
            memcpy(o, dig + intlen, nd - (size_t)intlen);
            o += nd - (size_t)intlen;
        } else {
            *o++ = '0';
            *o++ = '.';
            for (long z = 0; z < -intlen; z++)
                *o++ = '0';
            memcpy(o, dig, nd);
            o += nd;
        }
    }
    if (percent)
        *o++ = '%';
    *o = '\0';
    return (size_t)(o - out);
}

/* ------------------------------------------------------------------ dates */

/** The civil date of a day count since 1970-01-01 (Howard Hinnant's days_from_civil, inverted). */
static void table_civil(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned long doe = (unsigned long)(z - era * 146097);
    unsigned long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned long mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

size_t jx_table_date(const char *s, size_t n, bool date1904, char *out)
{
    size_t i = 0;
    long days = 0;
    if (n == 0 || s[0] < '0' || s[0] > '9')
        return 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        if (days > 10000000)
            return 0;
        days = days * 10 + (s[i] - '0');
    }
    /* the fraction of a day as seconds, rounded half up: F × 86400 / 10^k */
    unsigned long long secs = 0;
    if (i < n && s[i] == '.') {
        i++;
        unsigned long long f = 0, scale = 1; /* the first 12 digits of the fraction: f / scale */
        for (size_t k = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++, k++)
            if (k < 12) {
                f = f * 10 + (unsigned)(s[i] - '0');
                scale *= 10;
            }
        unsigned long long num = f * 86400ULL;
        secs = (num + scale / 2) / scale;
    }
    if (i != n)
        return 0;
    if (secs >= 86400) {
        secs -= 86400;
        days++;
    }
    long unix_days;
    if (date1904)
        unix_days = days - 24107; /* 1904-01-01 is day 0 */
    else if (days >= 61 || days == 0)
        unix_days = days - 25569; /* 1899-12-30 + days */
    else if (days == 60) {
        /* Excel's 1900-02-29, a day that never was */
        int w = snprintf(out, 32, "1900-02-29");
        return (size_t)w;
    } else
        unix_days = days - 25568;
    long y;
    unsigned m, d;
    table_civil(unix_days, &y, &m, &d);
    if (y < 1900 || y > 9999)
        return 0;
    int w;
    if (secs)
        w = snprintf(out, 32, "%04ld-%02u-%02u %02u:%02u:%02u", y, m, d, (unsigned)(secs / 3600),
                     (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
    else
        w = snprintf(out, 32, "%04ld-%02u-%02u", y, m, d);
    return w > 0 ? (size_t)w : 0;
}
