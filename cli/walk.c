/* SPDX-License-Identifier: MIT */
/* walk.c — the files a command finds in the files and folders it is given: a folder's
 * entries in byte order of their names, recursively, names starting with '.' skipped,
 * links to folders followed only when named on the command line, and inside a folder only
 * regular files read (pipes, devices, sockets and broken links skipped with a warning).
 * One walk for every command that takes folders (audit, audit --review). */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/** The names of one folder: NUL-terminated, one after another in one buffer. */
typedef struct walk_names {
    char *text;    /* the names */
    size_t len;    /* bytes used */
    size_t cap;    /* bytes allocated */
    size_t *offs;  /* where each name starts in text */
    size_t n;      /* how many */
    size_t ncap;   /* offsets allocated */
} walk_names;

static void walk_path(jx_cli_walk *w, const char *path, bool top);

/* Calls w->quiet, when there is one, before the walk writes to stderr. */
static void walk_quiet(jx_cli_walk *w)
{
    if (w->quiet)
        w->quiet(w->ud);
}

/* Says that memory ran out while path was walked, and marks the run as failed. */
static void walk_nomem(jx_cli_walk *w, const char *path)
{
    walk_quiet(w);
    fprintf(stderr, "jixiao: %s：%s\n", path, jx_strerror(JX_ERR_NOMEM));
    w->status->io_failed = 1;
}

/* Orders names by their bytes (strcmp), the same on every machine and in every locale. */
static int walk_by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends name; false when memory ran out. */
static bool walk_names_add(walk_names *nm, const char *name)
{
    size_t k = strlen(name) + 1;
    if (k > nm->cap - nm->len) {
        size_t cap = nm->cap ? nm->cap : 4096;
        while (cap - nm->len < k)
            cap *= 2;
        char *t = realloc(nm->text, cap);
        if (!t)
            return false;
        nm->text = t;
        nm->cap = cap;
    }
    if (nm->n == nm->ncap) {
        size_t ncap = nm->ncap ? nm->ncap * 2 : 256;
        size_t *o = realloc(nm->offs, ncap * sizeof *o);
        if (!o)
            return false;
        nm->offs = o;
        nm->ncap = ncap;
    }
    memcpy(nm->text + nm->len, name, k);
    nm->offs[nm->n++] = nm->len;
    nm->len += k;
    return true;
}

/* Reads the names in the folder dir, but those starting with '.'; false when memory ran out. */
static bool walk_names_read(walk_names *nm, DIR *dir)
{
    struct dirent *e;
    while ((e = readdir(dir)) != NULL)
        if (e->d_name[0] != '.' && !walk_names_add(nm, e->d_name))
            return false;
    return true;
}

/* Walks the entries of the folder at path in name order. Only this folder's names are
 * held while it is walked: packed in one buffer, a dozen bytes and two words a name. */
static void walk_dir(jx_cli_walk *w, const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) {
        walk_quiet(w);
        fprintf(stderr, "%s: error: 无法读取文件夹：%s\n", path, jx_errno_text(errno));
        w->status->io_failed = 1;
        return;
    }
    walk_names nm;
    memset(&nm, 0, sizeof nm);
    bool read = walk_names_read(&nm, dir);
    closedir(dir);
    char **names = read && nm.n ? malloc(nm.n * sizeof *names) : NULL;
    if (!read || (nm.n && !names)) {
        walk_nomem(w, path);
        nm.n = 0;
    }
    for (size_t i = 0; i < nm.n; i++)
        names[i] = nm.text + nm.offs[i];
    free(nm.offs);
    if (nm.n)
        qsort(names, nm.n, sizeof *names, walk_by_name);
    size_t plen = strlen(path);
    bool slash = plen > 0 && path[plen - 1] == '/';
    for (size_t i = 0; i < nm.n; i++) {
        size_t len = plen + 1 + strlen(names[i]) + 1;
        char *child = malloc(len);
        if (!child) {
            walk_nomem(w, path);
            break;
        }
        snprintf(child, len, "%s%s%s", path, slash ? "" : "/", names[i]);
        walk_path(w, child, false);
        free(child);
    }
    free(names);
    free(nm.text);
}

/* What a file that is neither a regular file nor a folder is, for a warning. */
static const char *walk_kind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "命名管道";
    if (S_ISCHR(mode))
        return "字符设备";
    if (S_ISBLK(mode))
        return "块设备";
    if (S_ISSOCK(mode))
        return "套接字";
    return "特殊文件";
}

/* Warns about an entry of a folder that is not read: "PATH: warning: WHY（DETAIL），不读取". */
static void walk_skip(jx_cli_walk *w, const char *path, const char *why, const char *detail)
{
    walk_quiet(w);
    fprintf(stderr, "%s: warning: %s（%s），不读取\n", path, why, detail);
    w->warnings++;
}

/* Walks a file, or a folder's files. A link to a folder is followed when it was named on
 * the command line (top), and not inside a folder, so a walk has no cycles. Inside a
 * folder only regular files are read (links to them followed): a pipe, a device, a
 * socket, a link to one of those or a broken link is skipped with a warning, since
 * reading it could block or never end. What is named on the command line is read
 * whatever it is (a pipe from <(…) is a file there). A path that cannot be looked at or
 * read is handed over as a file: reading it says why. */
static void walk_path(jx_cli_walk *w, const char *path, bool top)
{
    struct stat st;
    if (strcmp(path, "-") == 0) {
        w->file(path, w->ud);
        return;
    }
    if (lstat(path, &st) != 0) {
        walk_quiet(w); /* why it cannot be read goes on a line of its own */
        w->file(path, w->ud);
        return;
    }
    struct stat target;
    bool link = S_ISLNK(st.st_mode);
    if (link && stat(path, &target) != 0) {
        if (!top) {
            walk_skip(w, path, "符号链接指向的文件无法访问", jx_errno_text(errno));
            return;
        }
        target = st; /* handed over below: reading it says why */
    }
    mode_t mode = link ? target.st_mode : st.st_mode;
    if (!top && !S_ISDIR(mode) && !S_ISREG(mode)) {
        walk_skip(w, path, link ? "符号链接指向的不是普通文件" : "不是普通文件", walk_kind(mode));
        return;
    }
    if (access(path, R_OK) != 0) {
        walk_quiet(w);
        w->file(path, w->ud);
        return;
    }
    bool link_to_dir = link && S_ISDIR(mode);
    if (link_to_dir && !top) {
        walk_quiet(w);
        fprintf(stderr, "%s: warning: 文件夹中指向文件夹的符号链接不读取\n", path);
        w->warnings++;
        return;
    }
    if (S_ISDIR(mode))
        walk_dir(w, path);
    else
        w->file(path, w->ud);
}

void jx_cli_walk_path(jx_cli_walk *w, const char *path)
{
    walk_path(w, path, true);
}
