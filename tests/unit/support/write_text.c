/* SPDX-License-Identifier: MIT */
/* write_text.c — jx_write_fn targets for tests. */
#include "write_text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

size_t jx_test_text_write(void *ud, const char *data, size_t len)
{
    jx_test_text *t = ud;
    t->s = realloc(t->s, t->len + len + 1);
    assert_non_null(t->s);
    memcpy(t->s + t->len, data, len);
    t->len += len;
    t->s[t->len] = '\0';
    return len;
}

size_t jx_test_write_nothing(void *ud, const char *data, size_t len)
{
    (void)ud;
    (void)data;
    (void)len;
    return 0;
}

const char *jx_test_temp_file(const char *data, size_t len)
{
    static char name[64];
    strcpy(name, "/tmp/jx_test_XXXXXX");
    int fd = mkstemp(name);
    assert_true(fd >= 0);
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        assert_true(n > 0);
        done += (size_t)n;
    }
    close(fd);
    return name;
}

const char *jx_test_projects_file(int n)
{
    size_t cap = (size_t)n * 400, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len,
                                "项目 \"p%d\" {\n  产出指标 60 {\n    数量指标 60 {\n"
                                "      接入 ≥60个 权重 30 实际 %d个\n      时长 ≤24小时 权重 30 实际 30小时\n"
                                "    }\n  }\n}\n",
                                i, i % 100);
    const char *path = jx_test_temp_file(text, len);
    free(text);
    return path;
}
