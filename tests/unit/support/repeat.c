/* SPDX-License-Identifier: MIT */
/* repeat.c — long texts for tests of long lines and tokens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "repeat.h"

#include <stdlib.h>
#include <string.h>

char *jx_test_repeat(const char *s, size_t n)
{
    size_t k = strlen(s);
    char *b = malloc(n * k + 1);
    assert_non_null(b);
    for (size_t i = 0; i < n; i++)
        memcpy(b + i * k, s, k);
    b[n * k] = '\0';
    return b;
}
