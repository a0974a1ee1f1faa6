/* SPDX-License-Identifier: MIT */
/* wide_sheet.c — a CSV sheet wider than any fixed column limit (wide_sheet.h). */
#include "wide_sheet.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

/* Appends to buf at *n what fmt says; fails the test when it does not fit. */
static void __attribute__((format(printf, 4, 5))) put(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *n, size - *n, fmt, ap);
    va_end(ap);
    assert_true(w >= 0 && (size_t)w < size - *n);
    *n += (size_t)w;
}

void jx_test_wide_sheet(char *buf, size_t size, int filler, const char *tail_head, const char *row_head,
                        const char *row_tail)
{
    size_t n = 0;
    put(buf, size, &n, "项目,三级指标");
    for (int i = 0; i < filler; i++)
        put(buf, size, &n, ",其他%d", i + 1);
    put(buf, size, &n, ",%s\n%s", tail_head, row_head);
    for (int i = 0; i < filler; i++)
        put(buf, size, &n, ",");
    put(buf, size, &n, ",%s\n", row_tail);
}
