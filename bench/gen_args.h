/* SPDX-License-Identifier: MIT */
/* gen_args.h — the generators' command line (bench/gen.c, bench/gen_target.c): -p PROJECTS,
 * -n INDICATORS, -s SEED and -o FILE, each taken only where the generator's usage names
 * it; the output opened and closed the same way. */
#ifndef JX_BENCH_GEN_ARGS_H
#define JX_BENCH_GEN_ARGS_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** What a generator was asked for; members not on its command line keep the caller's defaults. */
typedef struct bench_gen_args {
    long long projects;   /* -p */
    long long indicators; /* -n */
    uint64_t seed;        /* -s */
    const char *out;      /* -o, NULL for standard output */
} bench_gen_args;

/* A non-negative number, or -1. */
static inline long long bench_gen_number(const char *s)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    return errno || end == s || *end || v < 0 ? -1 : v;
}

/**
 * Reads argv into a: options are the letters the generator takes ("pnso" or "nso"), and
 * usage its help. Returns -1 to go on, or the exit code (0 after --help, 2 for a usage error).
 */
static inline int bench_gen_parse(int argc, char **argv, const char *options, void (*usage)(FILE *),
                                  bench_gen_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            usage(stdout);
            return 0;
        }
        if (o[0] != '-' || !o[1] || o[2] || !strchr(options, o[1]) || i + 1 >= argc) {
            usage(stderr);
            return 2;
        }
        const char *v = argv[++i];
        long long n = o[1] == 'o' ? 0 : bench_gen_number(v);
        if (n < 0) {
            usage(stderr);
            return 2;
        }
        switch (o[1]) {
        case 'p': a->projects = n; break;
        case 'n': a->indicators = n; break;
        case 's': a->seed = (uint64_t)n; break;
        default: a->out = v; break;
        }
    }
    return -1;
}

/** The output of a (standard output without -o); NULL, said on stderr, when it cannot be opened. */
static inline FILE *bench_gen_open(const char *prog, const bench_gen_args *a)
{
    FILE *f = a->out ? fopen(a->out, "w") : stdout;
    if (!f)
        fprintf(stderr, "%s：无法写入“%s”：%s\n", prog, a->out, strerror(errno));
    return f;
}

/** Closes f (flushes standard output); the exit code: 0, or 3 after saying the write failed. */
static inline int bench_gen_close(const char *prog, const bench_gen_args *a, FILE *f)
{
    int bad = ferror(f);
    bad |= a->out ? fclose(f) != 0 : fflush(f) != 0;
    if (bad) {
        fprintf(stderr, "%s：写入失败\n", prog);
        return 3;
    }
    return 0;
}

#endif
