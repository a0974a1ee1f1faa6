/* SPDX-License-Identifier: MIT */
/* readall.c — reading a stream to its end (readall.h). */
#include "readall.h"

#include "alloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
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

void jx_stash_init(jx_stash *h, const jx_allocator *alloc, size_t memory)
{
    memset(h, 0, sizeof *h);
    h->alloc = jx_alloc_or_default(alloc);
    h->memory = memory;
}

/* Moves the bytes in memory into a new temporary file, data freed; on failure they stay in
 * memory for good (memory lifted, so no file is tried again), which goes on growing. */
static void stash_spill(jx_stash *h)
{
    FILE *f = jx_tmpfile();
    if (f && h->len && (fwrite(h->data, 1, h->len, f) != h->len || fflush(f) != 0)) {
        fclose(f);
        f = NULL;
    }
    if (!f) {
        h->memory = SIZE_MAX;
        return;
    }
    h->file = f;
    jx_free(h->alloc, h->data, h->cap);
    h->data = NULL;
    h->len = h->cap = 0;
}

size_t jx_stash_write(jx_stash *h, const char *data, size_t len)
{
    if (!h->file && h->len + len > h->memory)
        stash_spill(h);
    if (h->file) {
        if (fwrite(data, 1, len, h->file) != len) {
            h->io = true;
            h->err = errno;
            return 0;
        }
        return len;
    }
    if (JX_GROW(h->alloc, h->data, h->cap, h->len + len) != 0) {
        h->oom = true;
        return 0;
    }
    memcpy(h->data + h->len, data, len);
    h->len += len;
    return len;
}

bool jx_stash_drain(jx_stash *h, void (*put)(void *ud, const char *data, size_t len), void *ud)
{
    if (h->len) /* data is NULL until something was held */
        put(ud, h->data, h->len);
    h->len = 0;
    if (!h->file)
        return true;
    char buf[1u << 16];
    size_t n;
    rewind(h->file);
    while ((n = fread(buf, 1, sizeof buf, h->file)) > 0)
        put(ud, buf, n);
    bool ok = !ferror(h->file);
    fclose(h->file);
    h->file = NULL;
    return ok;
}

void jx_stash_free(jx_stash *h)
{
    if (!h->alloc)
        return;
    jx_free(h->alloc, h->data, h->cap);
    if (h->file)
        fclose(h->file);
    memset(h, 0, sizeof *h);
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
