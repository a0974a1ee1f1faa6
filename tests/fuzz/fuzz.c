/* SPDX-License-Identifier: MIT */
/* fuzz.c — the checks and sinks the fuzz targets share (fuzz.h). */
#define _GNU_SOURCE
#include "fuzz.h"

#include "table.h"
#include "text.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

const jx_format jx_fuzz_formats[7] = {
    JX_FORMAT_TEXT, JX_FORMAT_JSON, JX_FORMAT_CSV, JX_FORMAT_TEMPLATE, JX_FORMAT_HTML, JX_FORMAT_MD, JX_FORMAT_XLSX,
};

void jx_fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("jixiao fuzz: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

size_t jx_fuzz_buf_write(void *ud, const char *data, size_t len)
{
    jx_fuzz_buf *b = ud;
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + len + 1)
            cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s)
            jx_fuzz_fail("out of memory");
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->len, data, len);
    b->len += len;
    b->s[b->len] = '\0';
    return len;
}

void jx_fuzz_buf_clear(jx_fuzz_buf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

void jx_fuzz_buf_free(jx_fuzz_buf *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

void jx_fuzz_check_utf8(const char *s, size_t n, const char *what)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = jx_text_utf8_decode(s + i, n - i, &cp);
        if (cp < 0)
            jx_fuzz_fail("%s: invalid UTF-8 at byte %zu of %zu", what, i, n);
        i += k;
    }
}

void jx_fuzz_check_json(const char *s, size_t n, const char *what)
{
    cJSON *doc = cJSON_ParseWithLength(s, n);
    if (!doc)
        jx_fuzz_fail("%s: not JSON near byte %td of %zu", what, cJSON_GetErrorPtr() - s, n);
    cJSON_Delete(doc);
}

void jx_fuzz_check_xlsx(const char *s, size_t n, const char *what)
{
    jx_table *t = NULL;
    jx_table_error err;
    if (jx_table_open_memory(&t, what, s, n, NULL, NULL, &err) != JX_OK)
        jx_fuzz_fail("%s: the workbook written does not open: %s", what, err.message);
    if (jx_table_get_kind(t) != JX_TABLE_XLSX)
        jx_fuzz_fail("%s: the workbook written reads as %s", what, jx_table_kind_name(jx_table_get_kind(t)));
    jx_table_row row;
    jx_table_status st;
    while ((st = jx_table_next(t, &row)) == JX_TABLE_ROW)
        ;
    if (st != JX_TABLE_END)
        jx_fuzz_fail("%s: the workbook written does not read back: %s", what,
                     st == JX_TABLE_ERROR ? jx_table_last_error(t)->message : "out of memory");
    jx_table_close(t);
}

void jx_fuzz_check_diag(const jx_diag *d)
{
    if (!d)
        jx_fuzz_fail("a diagnostic in range is NULL");
    if (!d->code || !jx_code_name(d->code))
        jx_fuzz_fail("diagnostic code \"%s\" is not in the codes table: %s", d->code ? d->code : "(null)",
                     d->message ? d->message : "(null)");
    if (!d->message || !d->file)
        jx_fuzz_fail("diagnostic \"%s\" without a message or a file", d->code);
    jx_fuzz_check_utf8(d->message, strlen(d->message), "a diagnostic's message");
    if (d->source_line)
        jx_fuzz_check_utf8(d->source_line, strlen(d->source_line), "a diagnostic's source line");
    char small[8];
    size_t need = jx_diag_format(d, small, sizeof small);
    char *buf = malloc(need + 1);
    if (!buf)
        jx_fuzz_fail("out of memory");
    size_t again = jx_diag_format(d, buf, need + 1);
    if (again != need || strlen(buf) != need)
        jx_fuzz_fail("jx_diag_format measured %zu bytes, wrote %zu (then measured %zu)", need, strlen(buf), again);
    if (strncmp(small, buf, sizeof small - 1) != 0)
        jx_fuzz_fail("jx_diag_format cut short writes other bytes");
    free(buf);
}

void jx_fuzz_check_output(jx_format fmt, const jx_fuzz_buf *b)
{
    static const char *const names[] = {"text", "json", "csv", "template", "html", "md", "xlsx"};
    const char *what = (unsigned)fmt < sizeof names / sizeof names[0] ? names[fmt] : "?";
    if (fmt == JX_FORMAT_XLSX) {
        jx_fuzz_check_xlsx(b->s, b->len, what);
        return;
    }
    jx_fuzz_check_utf8(b->s, b->len, what);
    if (fmt == JX_FORMAT_JSON)
        jx_fuzz_check_json(b->s, b->len, what);
}

char *jx_fuzz_read_source(const char *rel, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", JX_FUZZ_SOURCE_DIR, rel);
    FILE *f = fopen(path, "rb");
    if (!f)
        jx_fuzz_fail("cannot open %s", path);
    jx_fuzz_buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        jx_fuzz_buf_write(&b, chunk, n);
    fclose(f);
    if (!b.s)
        jx_fuzz_buf_write(&b, "", 0);
    *len = b.len;
    return b.s;
}

void jx_fuzz_demo_passes(void (*know)(void *ud, jx_project *p), void (*apply)(void *ud, jx_project *p), void *ud)
{
    static char *text;
    static size_t len;
    if (!text)
        text = jx_fuzz_read_source("tests/tables/demo.jx", &len);
    for (int pass = 0; pass < 2; pass++) {
        jx_reader *rd = NULL;
        if (jx_reader_open_memory(&rd, "demo.jx", text, len, NULL) != JX_OK)
            jx_fuzz_fail("tests/tables/demo.jx does not open");
        jx_project *p;
        while (jx_reader_next(rd, &p) == JX_ROW) {
            if (jx_project_error_count(p) > 0)
                jx_fuzz_fail("tests/tables/demo.jx has errors");
            (pass == 0 ? know : apply)(ud, p);
        }
        jx_reader_close(rd);
    }
}

const char *jx_fuzz_memfile(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("jixiao-fuzz", 0);
        if (fd < 0)
            jx_fuzz_fail("memfd_create failed");
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        jx_fuzz_fail("cannot write the in-memory file");
    return path;
}

void jx_fuzz_tmpdir(void)
{
    const char *dir = getenv("TMPDIR");
    if ((!dir || !dir[0]) && access("/dev/shm", W_OK) == 0)
        setenv("TMPDIR", "/dev/shm", 1);
}
