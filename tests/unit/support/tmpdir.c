/* SPDX-License-Identifier: MIT */
/* tmpdir.c — a private temporary folder for tests. */
#include "tmpdir.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *jx_test_private_tmpdir(const char *name)
{
    static char dir[256];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/jx-%s-test-XXXXXX", name);
        assert_non_null(mkdtemp(dir));
    }
    setenv("TMPDIR", dir, 1);
    return dir;
}

int jx_test_files_in(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}
