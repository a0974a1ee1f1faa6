/* SPDX-License-Identifier: MIT */
/* text_find.c — what a test looks for in a report's text. */
#include "text_find.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

size_t jx_test_occurrences(const char *s, const char *end, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p && (!end || p < end); p = strstr(p + strlen(needle), needle))
        n++;
    return n;
}

int jx_test_has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *s = strstr(text, line); s; s = strstr(s + 1, line))
        if ((s == text || s[-1] == '\n') && (s[n] == '\n' || s[n] == '\0'))
            return 1;
    return 0;
}

void jx_test_has(const char *s, const char *want)
{
    if (!strstr(s, want))
        fail_msg("missing: %s", want);
}
