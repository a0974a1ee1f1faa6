/* SPDX-License-Identifier: MIT */
/* readall.c — reading a stream to its end (readall.h). */
#include "readall.h"

#include "alloc.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

const char *jx_tmpdir(void)
{
    const char *dir = getenv("TMPDIR");
    return dir && dir[0] ? dir : "/tmp";
}

FILE *jx_tmpfile(void)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/jixiao-spool-XXXXXX", jx_tmpdir()) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    unlink(path);
    FILE *f = fdopen(fd, "w+b");
    if (!f) {
        int e = errno;
        close(fd);
        errno = e;
    }
    return f;
}

jx_result jx_read_all(const jx_allocator *a, FILE *f, char **buf, size_t *len, size_t *cap)
{
    *len = 0;
    for (;;) {
        if (*cap - *len < 4096) {
            size_t ncap = *cap ? *cap * 2 : 65536;
            char *nb = jx_realloc(a, *buf, *cap, ncap);
            if (!nb)
                return JX_ERR_NOMEM;
            *buf = nb;
            *cap = ncap;
        }
        size_t k = fread(*buf + *len, 1, *cap - *len, f);
        *len += k;
        if (k == 0)
            break;
    }
    return ferror(f) ? JX_ERR_IO : JX_OK;
}
