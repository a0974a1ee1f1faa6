/* SPDX-License-Identifier: MIT */
/* values.c — jx_bench_values: the cost of one jx_value_read on each path.
 *
 *     jx_bench_values [COUNT]
 *
 * Reads COUNT values (default 2,000,000) of the forms the fast path takes, then as
 * many that need NFKC and PCRE2, then classifies as many qualitative words (which
 * must stay off the slow path too), and prints nanoseconds per value for each. Unlike
 * jx_bench it reaches into the engine (value.h), since the value reader is internal.
 */
#include "value.h"
#include "value_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/** Seconds on the monotonic clock. */
static double values_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/** Reads count values cycling through texts; returns nanoseconds per value, or -1 on a failed read. */
static double values_run(jx_value_reader *vr, jx_arena *ar, const char *const *texts, size_t ntexts, long count)
{
    double t0 = values_now();
    for (long i = 0; i < count; i++) {
        const char *s = texts[(size_t)i % ntexts];
        const char *detail;
        jx_value v;
        if (jx_value_read(vr, ar, s, strlen(s), &v, &detail) != JX_VALUE_OK)
            return -1;
        if ((i & 1023) == 1023)
            jx_arena_reset(ar); /* as the reader does between projects */
    }
    return (values_now() - t0) / (double)count * 1e9;
}

/** Classifies count texts cycling through texts; returns nanoseconds per text, or -1 when one is not a text. */
static double values_words(jx_value_reader *vr, jx_arena *ar, const char *const *texts, size_t ntexts, long count)
{
    double t0 = values_now();
    for (long i = 0; i < count; i++) {
        const char *s = texts[(size_t)i % ntexts];
        const char *detail;
        jx_value v;
        if (jx_value_classify(vr, ar, s, strlen(s), &v, &detail) != JX_VALUE_KIND_TEXT)
            return -1;
    }
    return (values_now() - t0) / (double)count * 1e9;
}

int main(int argc, char **argv)
{
    static const char *const fast[] = {"≥60个", "=1年", "96.68%", "≤24小时", "＝4次", "≥ 95 %", "<10ms"};
    static const char *const slow[] = {"＝４次", "＞６０ ％", "$\\geq 1900$ 核", "１０　小时", "≥100 ㎡"};
    static const char *const words[] = {"及时", "提升", "每周五", "全年", "每月最后一个工作日", "完整、准确"};
    long count = argc > 1 ? atol(argv[1]) : 2000000;
    if (count <= 0) {
        fputs("用法：jx_bench_values [次数]\n", stderr);
        return 2;
    }
    jx_value_reader *vr = jx_value_reader_create(NULL);
    if (!vr)
        return 1;
    jx_arena ar;
    jx_arena_init(&ar, NULL);
    double f = values_run(vr, &ar, fast, sizeof fast / sizeof fast[0], count);
    size_t slow_before = jx_value_reader_slow_count(vr);
    double s = values_run(vr, &ar, slow, sizeof slow / sizeof slow[0], count);
    size_t slow_after = jx_value_reader_slow_count(vr);
    double w = values_words(vr, &ar, words, sizeof words / sizeof words[0], count);
    int status = 0;
    if (f < 0 || s < 0 || w < 0 || slow_before != 0 || jx_value_reader_slow_count(vr) != slow_after) {
        fputs("jx_bench_values：读取失败或快速路径未生效\n", stderr);
        status = 1;
    } else {
        printf("fast path     %.0f ns/value\n", f);
        printf("slow path     %.0f ns/value (NFKC + PCRE2%s)\n", s, jx_value_reader_uses_jit(vr) ? " JIT" : "");
        printf("words         %.0f ns/value (jx_value_classify, no NFKC)\n", w);
    }
    jx_arena_free(&ar);
    jx_value_reader_destroy(vr);
    return status;
}
