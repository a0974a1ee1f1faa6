/* SPDX-License-Identifier: MIT */
/* audit_run.c — jx_audit_run: runs one command and prints its wall time and peak RSS.
 *
 *     jx_audit_run [-o FILE] COMMAND [ARGUMENT…]
 *
 * Runs COMMAND with its standard output sent to FILE (default /dev/null), waits for it
 * and prints, one per line: the seconds it took (monotonic clock), its peak resident
 * set size in KiB (wait4's ru_maxrss, the child's own), and its exit status. Used by
 * bench/audit.sh to measure `jixiao audit` over 1,000 and 10,000 files.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/** Seconds on the monotonic clock. */
static double run_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Prints how to call the program to f. */
static void run_usage(FILE *f)
{
    fputs("用法：jx_audit_run [-o 文件] 命令 [参数…]\n"
          "运行命令（标准输出写到文件，默认丢弃），报告用时、内存峰值和退出码。\n",
          f);
}

int main(int argc, char **argv)
{
    const char *out = "/dev/null";
    int i = 1;
    if (i < argc && (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))) {
        run_usage(stdout);
        return 0;
    }
    if (i + 1 < argc && !strcmp(argv[i], "-o")) {
        out = argv[i + 1];
        i += 2;
    }
    if (i >= argc) {
        run_usage(stderr);
        return 2;
    }
    double start = run_now();
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "jx_audit_run：无法启动：%s\n", strerror(errno));
        return 3;
    }
    if (pid == 0) {
        int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) {
            fprintf(stderr, "jx_audit_run：无法写入“%s”：%s\n", out, strerror(errno));
            _exit(127);
        }
        close(fd);
        execvp(argv[i], argv + i);
        fprintf(stderr, "jx_audit_run：无法运行“%s”：%s\n", argv[i], strerror(errno));
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    if (wait4(pid, &status, 0, &ru) < 0) {
        fprintf(stderr, "jx_audit_run：等待失败：%s\n", strerror(errno));
        return 3;
    }
    double seconds = run_now() - start;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("seconds       %.3f\n", seconds);
    printf("peak_rss_kib  %ld\n", ru.ru_maxrss);
    printf("exit          %d\n", code);
    return 0;
}
