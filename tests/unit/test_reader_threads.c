/* SPDX-License-Identifier: MIT */
/* test_reader_threads.c — jx_reader_set_threads: projects parsed ahead on threads come back
 * in file order with the same fields, diagnostics and reader errors as on one thread,
 * whatever the read size; fn runs once on each project and its result is the project's;
 * memory stays bounded; a reader closed halfway through stops its threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model.h"
#include "reader.h"
#include "write_text.h"

#include "../shared/counter.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------------ helpers */

/* A growable string, for the traces. */
typedef struct buf {
    char *s;
    size_t n, cap;
} buf;

static void __attribute__((format(printf, 2, 3))) put(buf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        assert_true(k >= 0);
        if (b->s && (size_t)k < b->cap - b->n) {
            b->n += (size_t)k;
            return;
        }
        b->cap = b->cap * 2 + (size_t)k + 256;
        b->s = realloc(b->s, b->cap);
        assert_non_null(b->s);
    }
}

static void put_diag(buf *b, const jx_diag *d)
{
    put(b, "  %d %s %u:%u+%u %s | %s\n", (int)d->severity, d->code, d->line, d->column, d->width, d->message,
        d->source_line ? d->source_line : "(none)");
}

/* fn: counts the projects it sees, and says JX_ERR_INPUT for those whose name starts with "x". */
typedef struct tally {
    pthread_mutex_t mu;
    size_t calls;
} tally;

static jx_result count_fn(void *ud, jx_project *p)
{
    tally *t = ud;
    pthread_mutex_lock(&t->mu);
    t->calls++;
    pthread_mutex_unlock(&t->mu);
    return p->name.s[0] == 'x' ? JX_ERR_INPUT : JX_OK;
}

/*
 * Reads rd to its end on `threads` threads and writes down everything each call returned:
 * the result, the project (name, line, indicators and their values, every diagnostic) or
 * the reader's diagnostics, and fn's result. Closes rd; *calls is the projects returned.
 */
static char *trace_reader(jx_reader *rd, unsigned threads, const char *what, size_t *calls)
{
    tally t = {PTHREAD_MUTEX_INITIALIZER, 0};
    assert_int_equal(jx_reader_set_threads(rd, threads, count_fn, &t), JX_OK);
    buf b = {0};
    size_t projects = 0;
    for (int guard = 0; guard < 100000; guard++) {
        jx_project *p = NULL;
        jx_result rc = jx_reader_next(rd, &p);
        put(&b, "rc %d\n", (int)rc);
        if (rc == JX_DONE)
            break;
        if (rc == JX_ROW) {
            projects++;
            put(&b, "project %s line %u inds %zu prepared %d\n", p->name.s, p->pos.line, p->ninds,
                (int)jx_reader_prepared(rd));
            for (size_t i = 0; i < p->ninds; i++)
                put(&b, "  ind %s %u:%u target %d %lld/%d %s actual %d %lld/%d %s weight %lld/%d\n",
                    p->inds[i].name.s, p->inds[i].pos.line, p->inds[i].pos.col, (int)p->inds[i].target.sign,
                    (long long)p->inds[i].target.num.v, (int)p->inds[i].target.num.scale, p->inds[i].target.unit.s,
                    (int)p->inds[i].actual.sign, (long long)p->inds[i].actual.num.v,
                    (int)p->inds[i].actual.num.scale, p->inds[i].actual.unit.s, (long long)p->inds[i].weight.v,
                    (int)p->inds[i].weight.scale);
            for (size_t i = 0; i < p->diags.n; i++)
                put_diag(&b, &p->diags.v[i]);
            if (jx_reader_diag_count(rd) != 0)
                fail_msg("%s, %u threads: project %s with reader diagnostic %s", what, threads, p->name.s,
                         jx_reader_diag(rd, 0)->message);
        } else {
            for (size_t i = 0; i < jx_reader_diag_count(rd); i++)
                put_diag(&b, jx_reader_diag(rd, i));
        }
    }
    /* the end stays the end */
    jx_project *p = NULL;
    assert_int_equal(jx_reader_next(rd, &p), JX_DONE);
    assert_null(p);
    jx_reader_close(rd);
    /* fn ran once on every project returned, and on nothing else */
    assert_int_equal(t.calls, projects);
    *calls = projects;
    put(&b, "%s", "");
    return b.s;
}

/* trace_reader of the file at path, read `chunk` bytes at a time, projects up to max_item. */
static char *trace(const char *path, unsigned threads, size_t chunk, size_t max_item, size_t *calls)
{
    jx_reader *rd;
    assert_int_equal(jx_reader_open(&rd, path, NULL), JX_OK);
    jx_reader_set_chunk_size(rd, chunk);
    if (max_item)
        jx_reader_set_max_item(rd, max_item);
    char what[64];
    snprintf(what, sizeof what, "chunk %zu", chunk);
    return trace_reader(rd, threads, what, calls);
}

/* Rule text with everything that happens between and inside projects, `rounds` times over. */
static char *mixed_text(int rounds, size_t *len)
{
    buf b = {0};
    for (int r = 0; r < rounds; r++) {
        put(&b, "# 第 %d 轮\n", r);
        put(&b, "项目 \"甲%d\" {\n  年度 2024\n  产出 60 {\n    数量 60 {\n"
                "      a ≥1个 权重 30 实际 1个\n      \"b 带 } 的名字\" ≥2 权重 30 实际 ≥2\n    }\n  }\n}\n", r);
        put(&b, "多余的文字 %d\n", r);                                    /* stray text */
        put(&b, "项目 \"x%d\" { 产 { 量 { c ≥3 权重 100 实际 3 } } }\n", r); /* fn says JX_ERR_INPUT */
        put(&b, "项目 \"乙%d\" {\n  单位 \"绍兴\xff中心\"\n  产 { 量 { d =4 权重 100 实际 4 } }\n}\n", r); /* bad byte */
        put(&b, "项目 \"丙%d\" {\n  产 { 量 {\n      e ≤5天 权重 100 实际 6天\n", r); /* cut by the next */
        put(&b, "项目 \"丁%d\" { 产 { 量 { f ≥1 权重 oops } } }\n", r);            /* a syntax error */
        put(&b, "评分办法 \"p%d\" { }\n", r);                                   /* a policy block */
        if (r % 7 == 3) { /* a project too large for max_item 2048 */
            put(&b, "项目 \"大%d\" {\n", r);
            for (int i = 0; i < 60; i++)
                put(&b, "  # 很长的注释，让项目超过读入的上限 %d\n", i);
            put(&b, "}\n");
        }
        put(&b, "  项目 \"戊%d\" { 产 { 量 { g ≥9 权重 100 实际 9 } } }\n", r);
    }
    *len = b.n;
    return b.s;
}

/* ------------------------------------------------------------------- tests */

static void test_same_as_one_thread(void **state)
{
    (void)state;
    size_t len;
    char *text = mixed_text(40, &len);
    const char *path = jx_test_temp_file(text, len);
    free(text);
    const unsigned threads[] = {2, 3, 8};
    const size_t chunks[] = {7, 100, 4096, 1 << 20};
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        size_t want_projects;
        char *want = trace(path, 1, chunks[c], 2048, &want_projects);
        /* 6 projects a round; the 6 rounds' large project (r % 7 == 3) is refused as too
         * large when the reader has to read more of it (a small read size), else read */
        assert_int_equal(want_projects, chunks[c] < 2048 ? 40 * 6 : 40 * 6 + 6);
        assert_non_null(strstr(want, "rc 100\nproject x0 line"));
        assert_non_null(strstr(want, "project x0 line 12 inds 1 prepared 3\n")); /* line 12 of round 0; fn: JX_ERR_INPUT */
        assert_non_null(strstr(want, "无效的 UTF-8"));
        assert_non_null(strstr(want, "项目之外的多余内容"));
        assert_non_null(strstr(want, "评分办法不能写在项目文件里"));
        if (chunks[c] < 2048)
            assert_non_null(strstr(want, "项目过大"));
        for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
            size_t n;
            char *got = trace(path, threads[t], chunks[c], 2048, &n);
            if (strcmp(got, want) != 0) {
                size_t i = 0;
                while (got[i] == want[i])
                    i++;
                fail_msg("threads %u, chunk %zu: differs at byte %zu: …%.80s", threads[t], chunks[c], i,
                         got + (i > 40 ? i - 40 : 0));
            }
            assert_int_equal(n, want_projects);
            free(got);
        }
        free(want);
    }
    unlink(path);
}

/* trace_reader of text in memory (the whole text is there at once, so one thread finds
 * the ends of items as it parses them, and several frame them first). */
static char *trace_memory(const char *text, size_t len, unsigned threads)
{
    jx_reader *rd;
    assert_int_equal(jx_reader_open_memory(&rd, "mem.jx", text, len, NULL), JX_OK);
    size_t calls;
    return trace_reader(rd, threads, "memory", &calls);
}

/* A word longer than a token may be (1 MiB) holding '#' where the framer takes it for a
 * comment (after the 0x80 that ends 一): the parser, finding the item's end itself, must
 * give up on it as the framer would read it, so one thread and several agree. */
static void test_long_word_with_hash(void **state)
{
    (void)state;
    buf b = {0};
    put(&b, "%s", "项目 \"甲\" {\n  产出指标 100 {\n    数量指标 100 {\n      a ≥1个 权重 100 实际 1个\n      x");
    for (int i = 0; i < 360000; i++)
        put(&b, "%s", "一");
    put(&b, "%s", "#{ 权重 0\n    }\n  }\n}\n项目 \"乙\" {\n  产出指标 100 {\n    数量指标 100 {\n"
                  "      b ≥1个 权重 100 实际 1个\n    }\n  }\n}\n");
    char *one = trace_memory(b.s, b.n, 1), *two = trace_memory(b.s, b.n, 2);
    assert_string_equal(one, two);
    /* the word (line 5, column 7) is reported, then the '{' left open where the framer ends
     * the item, after the '}' of line 8; and both projects come back */
    const char *first = strstr(one, "project 甲 line 1 inds 1 "), *word = strstr(one, " syntax 5:7+"),
               *open = strstr(one, " syntax 8:2+"), *second = strstr(one, "project 乙 line 9 inds 1 ");
    assert_true(first && word && open && second);
    assert_true(first < word && word < open && open < second);
    free(one);
    free(two);
    free(b.s);
}

static void test_bounded_memory_and_early_close(void **state)
{
    (void)state;
    enum { NPROJ = 80000 };
    const char *path = jx_test_projects_file(NPROJ);
    /* the bound below on what is held, the ring's slots, is less than the file (~12 MB),
     * so a reader that held the whole file would fail it */
    const long bound = (long)JX_READER_SLOTS_PER_THREAD * 4 * 80 * 1024 + 128 * 1024;
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true((long)st.st_size > bound);

    counter c = COUNTER_INIT;
    jx_allocator al = {counting_alloc, &c};
    jx_reader *rd;
    jx_project *p;
    assert_int_equal(jx_reader_open(&rd, path, &al), JX_OK);
    jx_reader_set_chunk_size(rd, 64 * 1024);
    assert_int_equal(jx_reader_set_threads(rd, 4, NULL, NULL), JX_OK);
    /* a second call, or too many threads, is refused */
    assert_int_equal(jx_reader_set_threads(rd, 2, NULL, NULL), JX_ERR_USAGE);
    size_t count = 0, peak_early = 0;
    jx_result rc;
    while ((rc = jx_reader_next(rd, &p)) == JX_ROW) {
        char name[16];
        snprintf(name, sizeof name, "p%zu", count);
        assert_string_equal(p->name.s, name);
        assert_int_equal(p->diags.errors, 0);
        if (++count == 1000)
            peak_early = c.peak;
    }
    assert_int_equal(rc, JX_DONE);
    assert_int_equal(count, NPROJ);
    /* after warming up on 1000 projects, the other 79 000 take no more memory; what is held
     * is the buffer (64 KiB) and 4 threads × JX_READER_SLOTS_PER_THREAD slots of a project
     * each, at most 80 KB a slot: the whole file never */
    assert_int_equal(c.peak, peak_early);
    assert_true(c.peak < bound);
    jx_reader_close(rd);
    assert_int_equal(c.bytes, 0);

    /* closed with projects still queued and being parsed: the threads stop, nothing leaks */
    for (int k = 0; k < 20; k++) {
        assert_int_equal(jx_reader_open(&rd, path, &al), JX_OK);
        assert_int_equal(jx_reader_set_threads(rd, 3, NULL, NULL), JX_OK);
        for (int i = 0; i < k; i++)
            assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
        jx_reader_close(rd);
        assert_int_equal(c.bytes, 0);
    }
    assert_int_equal(jx_reader_open(&rd, path, NULL), JX_OK);
    assert_int_equal(jx_reader_set_threads(rd, JX_READER_THREADS_MAX + 1, NULL, NULL), JX_ERR_USAGE);
    /* a second call is refused after one thread too, as the header says */
    assert_int_equal(jx_reader_set_threads(rd, 1, NULL, NULL), JX_OK);
    assert_int_equal(jx_reader_set_threads(rd, 2, NULL, NULL), JX_ERR_USAGE);
    jx_reader_close(rd);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_one_thread),
        cmocka_unit_test(test_bounded_memory_and_early_close),
        cmocka_unit_test(test_long_word_with_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
