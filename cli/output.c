/* SPDX-License-Identifier: MIT */
/* output.c — where a command's output goes.
 *
 * Standard output, or the file -o names, by what that path is:
 *  - /dev/stdout, /dev/stderr, /dev/stdin, /dev/fd/N and /proc/self/fd/N are the
 *    descriptor itself, whatever it points at: written through a copy of it, at its
 *    offset (a shell's >> keeps appending), never reopened or replaced;
 *  - a symbolic link is followed to the file it names (the link stays, the file is
 *    replaced);
 *  - a regular file, or nothing yet, is written atomically: to a temporary file
 *    TARGET.tmp.XXXXXX beside it, renamed over it only when the run succeeded, so a
 *    failed or interrupted run leaves the old file as it was. A new file gets 0666
 *    minus the umask, a replaced one keeps its mode and (where the system allows) its
 *    owner and group;
 *  - anything else (a device, a FIFO, a terminal, a socket) is opened and written
 *    through: it cannot be replaced, and must not be.
 * The temporary file is removed on failure and on SIGINT, SIGTERM and SIGHUP: the
 * handler only unlinks the one known path, then dies of the signal as it would have.
 * While a file is replaced, TMPDIR names the target's folder, so the library's own
 * temporary data (the xlsx workbook) takes space where the output goes.
 * -o naming a file the command reads (the same device and inode, followed through links)
 * is refused before anything is written: the run would destroy its own input.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/** Symbolic links followed from the -o path at most (the kernel's own bound). */
#define LINKS_MAX 40

/* The temporary file a signal must remove, NULL when none; set and cleared with the
 * signals blocked, so the handler sees a whole path or none. */
static char *volatile sig_tmp;

/* Removes the temporary file and dies of sig as if it had not been caught. */
static void on_signal(int sig)
{
    char *p = sig_tmp;
    if (p)
        unlink(p);
    signal(sig, SIG_DFL);
    raise(sig);
}

static const int caught[] = {SIGINT, SIGTERM, SIGHUP};

/* Blocks (how SIG_BLOCK) or restores the signals on_signal catches; *old keeps the mask. */
static void block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof caught / sizeof *caught; i++)
        sigaddset(&set, caught[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

/* Installs on_signal where the signal is not ignored (nohup keeps it ignored). */
static void catch_signals(void)
{
    for (size_t i = 0; i < sizeof caught / sizeof *caught; i++) {
        struct sigaction sa, old;
        if (sigaction(caught[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(caught[i], &sa, NULL);
    }
}

/* The descriptor path stands for (/dev/stdout, /dev/fd/N, /proc/self/fd/N, …), else -1. */
static int named_fd(const char *path)
{
    static const struct {
        const char *name;
        int fd;
    } std[] = {{"/dev/stdin", 0}, {"/dev/stdout", 1}, {"/dev/stderr", 2}};
    for (size_t i = 0; i < sizeof std / sizeof *std; i++)
        if (strcmp(path, std[i].name) == 0)
            return std[i].fd;
    const char *digits = NULL;
    if (strncmp(path, "/dev/fd/", 8) == 0)
        digits = path + 8;
    else if (strncmp(path, "/proc/self/fd/", 14) == 0)
        digits = path + 14;
    if (!digits || *digits < '0' || *digits > '9')
        return -1;
    long n = 0;
    for (const char *d = digits; *d; d++) {
        if (*d < '0' || *d > '9' || n > INT_MAX / 10)
            return -1;
        n = n * 10 + (*d - '0');
    }
    return (int)n;
}

/* A malloc'd copy of dir's part of path joined with rel ("a/b" + "c" = "a/c"). */
static char *join_dir(const char *path, const char *rel)
{
    const char *slash = strrchr(path, '/');
    size_t dn = slash ? (size_t)(slash - path) + 1 : 0, rn = strlen(rel);
    char *s = malloc(dn + rn + 1);
    if (!s)
        return NULL;
    memcpy(s, path, dn);
    memcpy(s + dn, rel, rn + 1);
    return s;
}

/*
 * The file path leads to, following symbolic links (a link that leads nowhere yet leads
 * to the file it names, as a shell's > creates it): a malloc'd path, with *st filled and
 * *exists set when something is there. NULL with errno set on failure (ELOOP, ENOMEM).
 */
static char *resolve(const char *path, struct stat *st, int *exists)
{
    char *cur = strdup(path);
    for (int hops = 0; cur; hops++) {
        if (lstat(cur, st) != 0) {
            *exists = 0;
            if (errno == ENOENT)
                return cur;
            free(cur);
            return NULL;
        }
        *exists = 1;
        if (!S_ISLNK(st->st_mode))
            return cur;
        if (hops == LINKS_MAX) {
            free(cur);
            errno = ELOOP;
            return NULL;
        }
        char buf[PATH_MAX];
        ssize_t n = readlink(cur, buf, sizeof buf - 1);
        if (n < 0) {
            free(cur);
            return NULL;
        }
        buf[n] = '\0';
        char *next = buf[0] == '/' ? strdup(buf) : join_dir(cur, buf);
        free(cur);
        cur = next;
    }
    errno = ENOMEM;
    return NULL;
}

/* The umask, read without changing it for longer than the two calls. */
static mode_t current_umask(void)
{
    mode_t m = umask(022);
    umask(m);
    return m;
}

/* True when in (a file named on the command line, "-" for standard input) is the same
 * file as the output out is about to replace or write: same device and inode. A
 * character device (a terminal, /dev/null) may be read and written at once. */
static int same_file(const jx_cli_output *out, const char *in)
{
    struct stat st;
    if (!out->has_id || !in)
        return 0;
    if (strcmp(in, "-") == 0 ? fstat(STDIN_FILENO, &st) != 0 : stat(in, &st) != 0)
        return 0;
    if (S_ISCHR(st.st_mode) || S_ISDIR(st.st_mode))
        return 0;
    return (unsigned long long)st.st_dev == out->dev && (unsigned long long)st.st_ino == out->ino;
}

/* The usage error for -o naming the input in. */
static int refuse(const char *command, const jx_cli_output *out, const char *in)
{
    return jx_cli_usage_error(command, "输出文件“%s”就是输入文件“%s”，写出会毁掉输入；请用 -o 指定另一个文件",
                              out->path, strcmp(in, "-") == 0 ? "标准输入" : in);
}

/*
 * The writers hand over their output in blocks of up to JX_WRITER_BUFSZ (64 KB) bytes. A
 * block of a page or more goes to the descriptor in one write(2), once what stdio holds
 * is out: through stdio's own buffer of a page, each would be split into two writes and
 * its tail copied. Shorter pieces (an importer's project, a help text) go through stdio.
 */
#define DIRECT_WRITE_MIN 4096

size_t jx_cli_output_write(void *ud, const char *data, size_t len)
{
    FILE *fp = ud;
    if (len < DIRECT_WRITE_MIN)
        return fwrite(data, 1, len, fp);
    if (fflush(fp) != 0)
        return 0;
    int fd = fileno(fp);
    size_t done = 0;
    while (done < len) {
        ssize_t k = write(fd, data + done, len - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break; /* the caller reports the short count as an I/O error */
        done += (size_t)k;
    }
    return done;
}

/* Writes through the descriptor fd, ours to close (-1: it could not be had, errno says why). */
static int write_through(jx_cli_output *out, int fd)
{
    FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!fp) {
        fprintf(stderr, "jixiao: 无法写入“%s”：%s\n", out->path, jx_errno_text(errno));
        if (fd >= 0)
            close(fd);
        return JX_EXIT_IO;
    }
    out->fp = fp;
    out->own_fp = 1;
    return -1;
}

/* Starts the temporary file beside target (taken over by out), with the mode (and
 * owner) of what it replaces, or 0666 minus the umask when st is NULL. */
static int open_replacing(jx_cli_output *out, char *target, const struct stat *st)
{
    out->target = target;
    size_t n = strlen(target);
    char *tmp = malloc(n + sizeof ".tmp.XXXXXX");
    if (!tmp) {
        fprintf(stderr, "jixiao: %s\n", jx_strerror(JX_ERR_NOMEM));
        free(target);
        out->target = NULL;
        return JX_EXIT_IO;
    }
    memcpy(tmp, target, n);
    memcpy(tmp + n, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    catch_signals();
    sigset_t old;
    block_signals(&old);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd >= 0) {
        out->tmp_path = tmp;
        sig_tmp = tmp;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        fprintf(stderr, "jixiao: 无法写入“%s”：%s\n", out->path, jx_errno_text(errno));
        free(tmp);
        free(target);
        out->target = NULL;
        return JX_EXIT_IO;
    }
    if (st) {
        /* an owner not ours to give (not root): the file becomes ours, as an editor's save makes it */
        (void)!fchown(fd, st->st_uid, st->st_gid);
        fchmod(fd, st->st_mode & 07777);
    } else {
        fchmod(fd, 0666 & ~current_umask());
    }
    struct stat ts;
    if (fstat(fd, &ts) == 0) {
        out->tmp_dev = (unsigned long long)ts.st_dev;
        out->tmp_ino = (unsigned long long)ts.st_ino;
    }
    out->fp = fdopen(fd, "wb");
    out->own_fp = 1;
    if (!out->fp) {
        fprintf(stderr, "jixiao: 无法写入“%s”：%s\n", out->path, jx_errno_text(errno));
        close(fd);
        return jx_cli_output_close(out, JX_EXIT_IO);
    }
    /* the library's temporary data beside the output (the folder of target) */
    char *slash = strrchr(target, '/');
    if (!slash) {
        setenv("TMPDIR", ".", 1);
    } else if (slash == target) {
        setenv("TMPDIR", "/", 1);
    } else {
        *slash = '\0';
        setenv("TMPDIR", target, 1);
        *slash = '/';
    }
    return -1;
}

/* Refuses -o when what it names (out->dev, out->ino) is one of the files read; -1 when not. */
static int check_inputs(jx_cli_output *out, const char *command, char **files, int nfiles,
                        const char *const *tables)
{
    for (int i = 0; i < nfiles; i++)
        if (same_file(out, files[i]))
            return refuse(command, out, files[i]);
    for (size_t i = 0; tables && tables[i]; i++)
        if (same_file(out, tables[i]))
            return refuse(command, out, tables[i]);
    return -1;
}

/* Notes what st is as the output's identity, for check_inputs and jx_cli_output_walked. */
static void set_id(jx_cli_output *out, const struct stat *st)
{
    out->has_id = 1;
    out->dev = (unsigned long long)st->st_dev;
    out->ino = (unsigned long long)st->st_ino;
}

int jx_cli_output_open(jx_cli_output *out, const char *command, const char *path, char **files, int nfiles,
                       const char *const *tables)
{
    memset(out, 0, sizeof *out);
    out->fp = stdout;
    out->path = path;
    if (!path)
        return -1;
    struct stat st;
    int code, fd = named_fd(path);
    if (fd >= 0) { /* the descriptor itself: a shell's >> onto an input is refused too */
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
            set_id(out, &st);
            if ((code = check_inputs(out, command, files, nfiles, tables)) >= 0)
                return code;
        }
        if (fd == STDOUT_FILENO)
            return -1; /* out->fp is stdout already */
        return write_through(out, fcntl(fd, F_DUPFD_CLOEXEC, 3)); /* a copy, at the descriptor's offset */
    }
    int exists = 0;
    char *target = resolve(path, &st, &exists);
    if (!target) {
        fprintf(stderr, "jixiao: 无法写入“%s”：%s\n", path, jx_errno_text(errno));
        return JX_EXIT_IO;
    }
    if (exists && S_ISDIR(st.st_mode)) {
        free(target);
        return jx_cli_usage_error(command, "输出“%s”是文件夹，请用 -o 指定文件", path);
    }
    if (exists) {
        set_id(out, &st);
        if ((code = check_inputs(out, command, files, nfiles, tables)) >= 0) {
            free(target);
            return code;
        }
    }
    if (exists && !S_ISREG(st.st_mode)) { /* a device, a FIFO: opened as it is, never created */
        code = write_through(out, open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC));
        free(target);
        return code;
    }
    return open_replacing(out, target, exists ? &st : NULL);
}

int jx_cli_output_refuses(jx_cli_output *out, const char *path)
{
    struct stat st;
    if (out->tmp_path && stat(path, &st) == 0 && (unsigned long long)st.st_dev == out->tmp_dev &&
        (unsigned long long)st.st_ino == out->tmp_ino)
        return 0;
    return same_file(out, path);
}

int jx_cli_output_walked(jx_cli_output *out, const char *command, const char *path)
{
    struct stat st;
    if (!out->tmp_path || stat(path, &st) != 0)
        return same_file(out, path) ? refuse(command, out, path) : -1;
    if ((unsigned long long)st.st_dev == out->tmp_dev && (unsigned long long)st.st_ino == out->tmp_ino)
        return 0;
    return same_file(out, path) ? refuse(command, out, path) : -1;
}

void jx_cli_report_failed(jx_cli_status *st, int *said, jx_result rc)
{
    st->report_lost = 1;
    if (rc == JX_ERR_LIMIT)
        st->invalid = 1;
    else
        st->io_failed = 1;
    if (*said)
        return;
    *said = 1;
    if (rc == JX_ERR_NOMEM)
        fprintf(stderr, "jixiao: %s\n", jx_strerror(rc));
    else if (rc == JX_ERR_LIMIT)
        fprintf(stderr,
                "jixiao: 无法写出报告：一个 xlsx 工作簿最多容纳 %d 个项目（每个项目一张工作表）；"
                "请分批写出，或改用 --format csv 或 json\n",
                JX_XLSX_PROJECTS_MAX);
    else
        fprintf(stderr, "jixiao: 无法写出报告：%s\n", jx_strerror(rc));
}

/*
 * libxlsxwriter gives each sheet of a workbook written row by row a row array of 128 KB
 * from calloc, most of it never touched. glibc serves a block that large from fresh pages
 * (zero, not resident until touched) until a freed one raises its threshold, then from its
 * heap, which calloc must clear: a workbook of 1,000 sheets then peaks at about 107 MB
 * instead of 35 MB. Fixing the threshold at 128 KB keeps such blocks on fresh pages. Only
 * for these workbooks: the other outputs allocate their large buffers once.
 */
void jx_cli_output_sheets(jx_format format)
{
#if defined(__GLIBC__)
    if (format == JX_FORMAT_XLSX)
        (void)mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#else
    (void)format;
#endif
}

int jx_cli_forms_left_out(size_t left_out, const char *form, const char *where)
{
    if (left_out == 0)
        return 0;
    fprintf(stderr,
            "jixiao: warning: %s只写了前 %d 个项目（一个 xlsx 工作簿最多 %d 张），其余 %zu 个项目没有%s；"
            "全部 %zu 个项目%s\n",
            form, JX_XLSX_PROJECTS_MAX, JX_XLSX_PROJECTS_MAX, left_out, form, left_out + JX_XLSX_PROJECTS_MAX, where);
    return 1;
}

int jx_cli_stdout_done(int code)
{
    if (code != JX_EXIT_OK)
        return code;
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "jixiao: 写标准输出失败：%s\n", jx_errno_text(errno ? errno : EIO));
        return JX_EXIT_IO;
    }
    return code;
}

int jx_cli_output_close(jx_cli_output *out, int code)
{
    if (!out->own_fp)
        return jx_cli_stdout_done(code);
    int bad = out->fp && ferror(out->fp) != 0;
    if (out->fp && fclose(out->fp) != 0)
        bad = 1;
    out->fp = NULL;
    out->own_fp = 0;
    if (bad && code == JX_EXIT_OK) {
        fprintf(stderr, "jixiao: 无法写入“%s”\n", out->path);
        code = JX_EXIT_IO;
    }
    if (out->tmp_path) {
        sigset_t old;
        block_signals(&old);
        if (code == JX_EXIT_OK && rename(out->tmp_path, out->target) != 0) {
            fprintf(stderr, "jixiao: 无法写入“%s”：%s\n", out->path, jx_errno_text(errno));
            code = JX_EXIT_IO;
        }
        if (code != JX_EXIT_OK)
            unlink(out->tmp_path);
        sig_tmp = NULL;
        sigprocmask(SIG_SETMASK, &old, NULL);
        free(out->tmp_path);
        out->tmp_path = NULL;
    }
    free(out->target);
    out->target = NULL;
    return code;
}
