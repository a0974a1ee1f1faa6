/* SPDX-License-Identifier: MIT */
/* bench.c — jx_bench: measures reading, scoring and writing a large rule file.
 *
 *     jx_bench [--parse-only] [--format json|text|csv] [--policy P] FILE
 *
 * Opens FILE with jx_reader_open, scores every project with jx_score under the
 * policy (default "default"), writes each through a jx_writer whose sink only counts
 * bytes, and prints what it did and how fast: indicators, projects, seconds,
 * indicators per second, input MB per second and the peak resident set size.
 * --parse-only reads the projects and does nothing else, so parse cost can be told
 * apart from scoring and output. Uses nothing but the public header.
 */
#include <jixiao.h>

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

/** Where the writer's bytes go: nowhere, counted. */
typedef struct bench_sink {
    uint64_t bytes; /* bytes the writer produced */
} bench_sink;

static size_t bench_discard(void *ud, const char *data, size_t len)
{
    (void)data;
    ((bench_sink *)ud)->bytes += len;
    return len;
}

/** Seconds on the monotonic clock. */
static double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/** Peak resident set size of this process in kibibytes (Linux reports ru_maxrss in KiB). */
static long bench_peak_rss_kib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return ru.ru_maxrss;
}

static void bench_usage(FILE *f)
{
    fputs("用法：jx_bench [--parse-only] [--format json|text|csv] [--policy 评分办法] 文件\n"
          "读取、计分并输出（输出只计字节数，不写出），报告速度与内存峰值。\n",
          f);
}

int main(int argc, char **argv)
{
    const char *path = NULL, *policy_name = "default", *format_name = "json";
    int parse_only = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--parse-only"))
            parse_only = 1;
        else if (!strcmp(argv[i], "--format") && i + 1 < argc)
            format_name = argv[++i];
        else if (!strcmp(argv[i], "--policy") && i + 1 < argc)
            policy_name = argv[++i];
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            bench_usage(stdout);
            return 0;
        } else if (!path && argv[i][0] != '-')
            path = argv[i];
        else {
            bench_usage(stderr);
            return 2;
        }
    }
    jx_format fmt;
    if (!path || jx_format_parse(format_name, &fmt) != JX_OK) {
        bench_usage(stderr);
        return 2;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "jx_bench：无法读取“%s”\n", path);
        return 3;
    }

    double t0 = bench_now();
    jx_policy *pol = NULL;
    jx_reader *rd = NULL;
    jx_writer *wr = NULL;
    bench_sink sink = {0};
    int status = 0;
    jx_result rc = jx_policy_open(&pol, policy_name, NULL);
    if (rc != JX_OK) {
        fprintf(stderr, "jx_bench：评分办法“%s”：%s\n", policy_name, jx_strerror(rc));
        status = 1;
        goto done;
    }
    rc = jx_reader_open(&rd, path, NULL);
    if (rc != JX_OK) {
        fprintf(stderr, "jx_bench：“%s”：%s\n", path, jx_strerror(rc));
        status = 3;
        goto done;
    }
    if (!parse_only && (rc = jx_writer_create(&wr, fmt, 0, bench_discard, &sink, NULL)) != JX_OK) {
        fprintf(stderr, "jx_bench：%s\n", jx_strerror(rc));
        status = 1;
        goto done;
    }

    uint64_t projects = 0, indicators = 0, invalid = 0, diags = 0;
    jx_project *p;
    for (;;) {
        rc = jx_reader_next(rd, &p);
        if (rc == JX_DONE)
            break;
        if (rc == JX_ERR_INPUT) {
            invalid++;
            continue;
        }
        if (rc != JX_ROW) {
            fprintf(stderr, "jx_bench：读取失败：%s\n", jx_strerror(rc));
            status = 3;
            break;
        }
        projects++;
        indicators += jx_project_indicator_count(p);
        if (jx_project_error_count(p) > 0) {
            invalid++;
            continue;
        }
        if (parse_only)
            continue;
        if (jx_score(p, pol) != JX_OK) {
            invalid++;
            continue;
        }
        diags += jx_project_diag_count(p);
        if ((rc = jx_writer_project(wr, p)) != JX_OK) {
            fprintf(stderr, "jx_bench：输出失败：%s\n", jx_strerror(rc));
            status = 1;
            break;
        }
    }
    if (wr && status == 0 && (rc = jx_writer_finish(wr)) != JX_OK) {
        fprintf(stderr, "jx_bench：输出失败：%s\n", jx_strerror(rc));
        status = 1;
    }
    double secs = bench_now() - t0;
    double mb = (double)st.st_size / 1e6;
    printf("mode          %s\n", parse_only ? "parse-only" : format_name);
    printf("input         %.1f MB\n", mb);
    printf("projects      %llu\n", (unsigned long long)projects);
    printf("indicators    %llu\n", (unsigned long long)indicators);
    printf("invalid       %llu\n", (unsigned long long)invalid);
    printf("diagnostics   %llu\n", (unsigned long long)diags);
    printf("output        %.1f MB\n", (double)sink.bytes / 1e6);
    printf("seconds       %.3f\n", secs);
    printf("indicators/s  %.0f\n", secs > 0 ? (double)indicators / secs : 0.0);
    printf("MB/s          %.1f\n", secs > 0 ? mb / secs : 0.0);
    printf("peak RSS      %.1f MB\n", (double)bench_peak_rss_kib() / 1024.0);
done:
    jx_writer_destroy(wr);
    jx_reader_close(rd);
    jx_policy_close(pol);
    return status;
}
