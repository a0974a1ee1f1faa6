/* SPDX-License-Identifier: MIT */
/* zip_entry.c — one entry of a workbook held in memory, and its sheets, read with libzip. */
#include "zip_entry.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zip.h>

char *jx_test_zip_entry(const char *buf, size_t len, const char *name)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(buf, len, 0, &err);
    assert_non_null(src);
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &err);
    assert_non_null(za);
    zip_stat_t st;
    assert_int_equal(zip_stat(za, name, 0, &st), 0);
    char *out = calloc(1, st.size + 1);
    assert_non_null(out);
    zip_file_t *f = zip_fopen(za, name, 0);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, out, st.size), (zip_int64_t)st.size);
    zip_fclose(f);
    zip_close(za);
    return out;
}

size_t jx_test_zip_sheets(const char *buf, size_t len, char *last, size_t size)
{
    char *wb = jx_test_zip_entry(buf, len, "xl/workbook.xml");
    size_t n = 0;
    last[0] = '\0';
    for (const char *p = wb; (p = strstr(p, "<sheet name=\"")) != NULL; n++) {
        p += strlen("<sheet name=\"");
        const char *q = strchr(p, '"');
        assert_non_null(q);
        snprintf(last, size, "%.*s", (int)(q - p), p);
    }
    free(wb);
    return n;
}
