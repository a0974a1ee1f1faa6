/* SPDX-License-Identifier: MIT */
/* test_reader.c — streaming projects: several per file, buffer refills, file lines,
 * stray text, missing files, a cut project, and flat memory over 20k projects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model.h"
#include "reader.h"
#include "tmpdir.h"
#include "write_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------------ helpers */

/* A counting allocator: live bytes, their peak and the number of calls that allocate. */
typedef struct counter {
    size_t live;   /* bytes currently allocated */
    size_t peak;   /* the most ever allocated at once */
    size_t allocs; /* calls that allocated or grew a block */
} counter;

static void *count_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    counter *c = ud;
    if (nsize == 0) {
        c->live -= ptr ? osize : 0;
        free(ptr);
        return NULL;
    }
    void *q = realloc(ptr, nsize);
    if (!q)
        return NULL;
    c->live += nsize - (ptr ? osize : 0);
    if (c->live > c->peak)
        c->peak = c->live;
    c->allocs++;
    return q;
}

/* Three projects with a comment, blank lines and a one-line project between them. */
static const char three[] =
    "# 文件头注释\n"                            /* 1 */
    "\n"                                        /* 2 */
    "项目 \"甲\" {\n"                           /* 3 */
    "  年度 2024\n"                             /* 4 */
    "  产出 60 {\n"                             /* 5 */
    "    数量 60 {\n"                           /* 6 */
    "      a ≥1个 权重 30 实际 1个\n"           /* 7 */
    "      \"b 带 } 的名字\" ≥2 权重 30 实际 2\n" /* 8: a '}' inside a string */
    "    }\n"                                   /* 9 */
    "  }\n"                                     /* 10 */
    "}\n"                                       /* 11 */
    "# 中间的注释 }\n"                          /* 12: a '}' inside a comment */
    "项目 \"乙\" { 产 { 量 { c ≥3 权重 100 实际 3 } } }\n" /* 13 */
    "\n"                                        /* 14 */
    "  项目 \"丙\" {\n"                         /* 15: indented */
    "    产 { 量 {\n"                           /* 16 */
    "      d ≥4 权重 100 实际 4\n"              /* 17 */
    "    } }\n"                                 /* 18 */
    "  }\n";                                    /* 19 */

/* The summary of one project, to compare streams read in different ways. */
typedef struct seen {
    char name[32];     /* project name */
    uint32_t line;     /* its 项目 line */
    size_t ninds;      /* indicators */
    uint32_t last_ind; /* line of its last indicator */
    size_t errors;     /* syntax errors */
} seen;

/* Reads every project of rd into out (at most max); returns how many. Fails on any non-ROW result. */
static size_t read_all(jx_reader *rd, seen *out, size_t max)
{
    size_t n = 0;
    jx_project *p;
    jx_result rc;
    while ((rc = jx_reader_next(rd, &p)) == JX_ROW) {
        assert_true(n < max);
        snprintf(out[n].name, sizeof out[n].name, "%s", p->name.s);
        out[n].line = p->pos.line;
        out[n].ninds = p->ninds;
        out[n].last_ind = p->ninds ? p->inds[p->ninds - 1].pos.line : 0;
        out[n].errors = p->diags.errors;
        n++;
    }
    assert_int_equal(rc, JX_DONE);
    return n;
}

/* The expected summary of `three`, counted by hand from its line comments. */
static void check_three(const seen *s, size_t n)
{
    assert_int_equal(n, 3);
    assert_string_equal(s[0].name, "甲");
    assert_int_equal(s[0].line, 3);
    assert_int_equal(s[0].ninds, 2);
    assert_int_equal(s[0].last_ind, 8);
    assert_string_equal(s[1].name, "乙");
    assert_int_equal(s[1].line, 13);
    assert_int_equal(s[1].ninds, 1);
    assert_int_equal(s[1].last_ind, 13);
    assert_string_equal(s[2].name, "丙");
    assert_int_equal(s[2].line, 15);
    assert_int_equal(s[2].last_ind, 17);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(s[i].errors, 0);
}

/* ------------------------------------------------------------------- tests */

static void test_memory_stream(void **state)
{
    (void)state;
    jx_reader *rd;
    seen s[8];
    assert_int_equal(jx_reader_open_memory(&rd, "three.jx", three, strlen(three), NULL), JX_OK);
    assert_string_equal(jx_reader_file(rd), "three.jx");
    check_three(s, read_all(rd, s, 8));
    jx_project *p;
    assert_int_equal(jx_reader_next(rd, &p), JX_DONE); /* stays done */
    jx_reader_close(rd);
}

/* The same projects come out whatever the read size, even one byte at a time. */
static void test_refills(void **state)
{
    (void)state;
    const char *path = jx_test_temp_file(three, strlen(three));
    static const size_t sizes[] = {1, 2, 3, 7, 16, 64, 1 << 20};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        jx_reader *rd;
        seen s[8];
        assert_int_equal(jx_reader_open(&rd, path, NULL), JX_OK);
        jx_reader_set_chunk_size(rd, sizes[i]);
        check_three(s, read_all(rd, s, 8));
        jx_reader_close(rd);
    }
    unlink(path);
}

/* The project's text and positions survive: p->src quotes the item, diagnostics quote lines. */
static void test_source_and_diagnostics(void **state)
{
    (void)state;
    const char text[] = "项目 \"甲\" { 产 { 量 { a 5 权重 1 } } }\n"
                        "项目 \"乙\" {\n  产 { 量 {\n    b 6 权重 1\n  } }\n}\n";
    const char *path = jx_test_temp_file(text, strlen(text));
    jx_reader *rd;
    jx_project *p;
    assert_int_equal(jx_reader_open(&rd, path, NULL), JX_OK);
    jx_reader_set_chunk_size(rd, 5);
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_string_equal(p->name.s, "乙");
    assert_int_equal(p->diags.n, 1); /* implicit-sign on "6" */
    const jx_diag *d = &p->diags.v[0];
    assert_string_equal(d->code, "implicit-sign");
    assert_int_equal(d->line, 4);
    assert_int_equal(d->column, 7);
    assert_string_equal(d->source_line, "    b 6 权重 1");
    assert_string_equal(d->file, path);
    assert_memory_equal(p->src.text + p->inds[0].target.pos.off, "6 ", 2);
    assert_memory_equal(p->src.text + p->close_pos.off, "}", 1);
    assert_int_equal(p->close_pos.line, 6);
    jx_reader_close(rd);
    unlink(path);
}

/* Text between projects is an error on the reader; the next call goes on. */
static void test_stray_text(void **state)
{
    (void)state;
    const char text[] = "项目 \"甲\" { }\n"
                        "这是 多余的 文字\n"
                        "还有 一行 { }\n"
                        "项目 \"乙\" { } 尾巴\n"
                        "# 注释不算\n";
    jx_reader *rd;
    jx_project *p;
    assert_int_equal(jx_reader_open_memory(&rd, "s.jx", text, strlen(text), NULL), JX_OK);
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_string_equal(p->name.s, "甲");
    assert_int_equal(jx_reader_next(rd, &p), JX_ERR_INPUT);
    assert_null(p);
    assert_int_equal(jx_reader_diag_count(rd), 1); /* one report for the whole stray run */
    const jx_diag *d = jx_reader_diag(rd, 0);
    assert_int_equal(d->severity, JX_SEV_ERROR);
    assert_int_equal(d->line, 2);
    assert_int_equal(d->column, 1);
    assert_int_equal(d->width, 2);
    assert_non_null(strstr(d->message, "“这是”"));
    assert_string_equal(d->source_line, "这是 多余的 文字");
    assert_null(jx_reader_diag(rd, 1));
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_string_equal(p->name.s, "乙");
    assert_int_equal(p->pos.line, 4);
    assert_int_equal(jx_reader_diag_count(rd), 0); /* diagnostics are those of the last call */
    assert_int_equal(jx_reader_next(rd, &p), JX_ERR_INPUT); /* 尾巴 after the '}' */
    d = jx_reader_diag(rd, 0);
    assert_int_equal(d->line, 4);
    assert_int_equal(d->column, 12); /* 项目 ␠ "乙" ␠ { ␠ } ␠ → 2+1+3+1+1+1+1+1 = 11 chars before it */
    assert_int_equal(jx_reader_next(rd, &p), JX_DONE);
    jx_reader_close(rd);
}

/* A missing '}' ends the project at the next line starting with 项目, which is read normally. */
static void test_cut_project(void **state)
{
    (void)state;
    const char text[] = "项目 \"甲\" {\n"
                        "  产 { 量 {\n"
                        "    a ≥1 权重 1\n"
                        "  }\n"
                        "项目 \"乙\" {\n"
                        "  年度 2024\n"
                        "}\n";
    jx_reader *rd;
    jx_project *p;
    assert_int_equal(jx_reader_open_memory(&rd, "c.jx", text, strlen(text), NULL), JX_OK);
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_int_equal(p->diags.errors, 1);
    const jx_diag *d = &p->diags.v[p->diags.n - 1];
    /* 产 { at 2:5 is closed by nothing: line 4's '}' closes 量; reported at 5:1, the 项目 */
    assert_int_equal(d->line, 5);
    assert_int_equal(d->column, 1);
    assert_non_null(strstr(d->message, "第 2 行第 5 列的“{”没有闭合"));
    assert_string_equal(d->source_line, "项目 \"乙\" {");
    assert_int_equal(p->ninds, 1);
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_string_equal(p->name.s, "乙");
    assert_int_equal(p->year, 2024);
    assert_int_equal(p->pos.line, 5);
    assert_int_equal(p->diags.errors, 0);
    assert_int_equal(jx_reader_next(rd, &p), JX_DONE);
    jx_reader_close(rd);
}

/* A 评分办法 block in a project file is refused with a hint. */
static void test_policy_block(void **state)
{
    (void)state;
    const char text[] = "评分办法 \"x\" {\n 小数 2\n}\n项目 \"甲\" { }\n";
    jx_reader *rd;
    jx_project *p;
    assert_int_equal(jx_reader_open_memory(&rd, "p.jx", text, strlen(text), NULL), JX_OK);
    assert_int_equal(jx_reader_next(rd, &p), JX_ERR_INPUT);
    assert_non_null(strstr(jx_reader_diag(rd, 0)->message, "--policy"));
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_int_equal(p->pos.line, 4);
    assert_int_equal(jx_reader_next(rd, &p), JX_DONE);
    jx_reader_close(rd);
}

/* System errors are said in Chinese (jx_errno_text), the system's own text kept for a
 * number without a name. */
static void system_errors_in_chinese(void **state)
{
    (void)state;
    assert_string_equal(jx_errno_text(ENOENT), "文件或文件夹不存在");
    assert_string_equal(jx_errno_text(ENOSPC), "磁盘空间不足");
    assert_string_equal(jx_errno_text(EACCES), "没有访问权限");
    assert_string_equal(jx_errno_text(EISDIR), "这是一个文件夹");
    assert_string_equal(jx_errno_text(EDOM), strerror(EDOM));
}

static void test_missing_file(void **state)
{
    (void)state;
    jx_reader *rd;
    assert_int_equal(jx_reader_open(&rd, "no-such-dir/x.jx", NULL), JX_ERR_IO);
    assert_non_null(rd);
    assert_int_equal(jx_reader_diag_count(rd), 1);
    const jx_diag *d = jx_reader_diag(rd, 0);
    assert_string_equal(d->message, "无法打开“no-such-dir/x.jx”：文件或文件夹不存在");
    assert_int_equal(d->severity, JX_SEV_ERROR);
    assert_int_equal(d->line, 0);
    jx_project *p;
    assert_int_equal(jx_reader_next(rd, &p), JX_DONE);
    jx_reader_close(rd);
    jx_reader_close(NULL);
}

/* A project larger than the limit is an error, and reading goes on at the next project. */
static void test_too_large(void **state)
{
    (void)state;
    char text[4096];
    size_t n = (size_t)snprintf(text, sizeof text, "项目 \"大\" {\n");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "  年度目标 \"很长的一行文字 %d\"\n", i);
    n += (size_t)snprintf(text + n, sizeof text - n, "}\n项目 \"小\" { }\n");
    const char *path = jx_test_temp_file(text, n);
    jx_reader *rd;
    jx_project *p;
    assert_int_equal(jx_reader_open(&rd, path, NULL), JX_OK);
    jx_reader_set_chunk_size(rd, 64);
    jx_reader_set_max_item(rd, 256);
    assert_int_equal(jx_reader_next(rd, &p), JX_ERR_INPUT);
    assert_non_null(strstr(jx_reader_diag(rd, 0)->message, "项目过大"));
    assert_int_equal(jx_reader_next(rd, &p), JX_ROW);
    assert_string_equal(p->name.s, "小");
    assert_int_equal(p->pos.line, 43); /* 1 + 40 + 1 + 1 */
    assert_int_equal(jx_reader_next(rd, &p), JX_DONE);
    jx_reader_close(rd);
    unlink(path);
}

/* 20 000 generated projects read through a counting allocator: the peak stays flat. */
static void test_flat_memory(void **state)
{
    (void)state;
    enum { NPROJ = 20000 };
    const char *path = jx_test_projects_file(NPROJ);

    counter c = {0, 0, 0};
    jx_allocator al = {count_alloc, &c};
    jx_reader *rd;
    jx_project *p;
    assert_int_equal(jx_reader_open(&rd, path, &al), JX_OK);
    jx_reader_set_chunk_size(rd, 64 * 1024);
    size_t count = 0, peak_early = 0, allocs_early = 0, inds = 0;
    jx_result rc;
    while ((rc = jx_reader_next(rd, &p)) == JX_ROW) {
        assert_int_equal(p->diags.errors, 0);
        inds += p->ninds;
        if (++count == 1000) {
            peak_early = c.peak;
            allocs_early = c.allocs;
        }
    }
    assert_int_equal(rc, JX_DONE);
    assert_int_equal(count, NPROJ);
    assert_int_equal(inds, 2 * NPROJ);
    assert_int_equal(p == NULL, 1);
    /* after warming up on 1000 projects, the other 19 000 take no more memory */
    assert_int_equal(c.peak, peak_early);
    /* and the buffer (64 KiB) dominates: the whole file (~3 MB) was never held */
    assert_true(c.peak < 512 * 1024);
    /* and in steady state nothing at all is allocated */
    assert_int_equal(c.allocs, allocs_early);
    jx_reader_close(rd);
    assert_int_equal(c.live, 0);
    unlink(path);
}

/* A table of n projects of five indicators each, as CSV. */
static char *table_csv(size_t n, size_t *len)
{
    size_t cap = 128 + n * 5 * 128, o = 0;
    char *t = malloc(cap);
    assert_non_null(t);
    o += (size_t)snprintf(t + o, cap - o, "项目,一级指标,二级指标,三级指标,年度指标值,实际完成值,权重\n");
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 5; k++)
            o += (size_t)snprintf(t + o, cap - o, "项目%06zu,产出指标,数量指标,指标%d,≥%d个,%d个,20\n", i, k, 10 + k,
                                  12 + k);
    *len = o;
    return t;
}

/* Bytes jx_import_run writes: counted. */
static size_t count_bytes(void *ud, const char *data, size_t len)
{
    (void)data;
    *(size_t *)ud += len;
    return len;
}

/* Reads text (len bytes) through the importer under a counting allocator; the peak of bytes
 * in use, the projects and indicators read into *projects and *inds. */
static size_t import_peak(const char *text, size_t len, size_t *projects, size_t *inds)
{
    counter c = {0, 0, 0};
    jx_allocator al = {count_alloc, &c};
    jx_reader *rd;
    jx_project *p;
    assert_int_equal(jx_reader_open_import_memory(&rd, "t.csv", text, len, NULL, &al), JX_OK);
    jx_result rc;
    *projects = *inds = 0;
    while ((rc = jx_reader_next(rd, &p)) == JX_ROW) {
        assert_int_equal(p->diags.errors, 0);
        ++*projects;
        *inds += p->ninds;
    }
    assert_int_equal(rc, JX_DONE);
    jx_reader_close(rd);
    assert_int_equal(c.live, 0);
    return c.peak;
}

/*
 * The rule text an import makes of a table is held in memory up to JX_READER_CHUNK (1 MiB)
 * and past that read back from a temporary file, removed at once; where none can be made
 * it is all held in memory. Both ways read the same 10,000 projects and 50,000 indicators,
 * and the file's way holds, at its peak, less by at least half the rule text: the text is
 * several MiB, the file's way never more than 1 MiB of it.
 */
static void test_import_held_in_a_file(void **state)
{
    (void)state;
    size_t len, rule = 0, projects, inds;
    char *text = table_csv(10000, &len);
    jx_import *imp = NULL;
    assert_int_equal(jx_import_open_memory(&imp, "t.csv", text, len, NULL, NULL), JX_OK);
    assert_int_equal(jx_import_run(imp, count_bytes, &rule), JX_OK);
    jx_import_close(imp);
    assert_true(rule > 3 * JX_READER_CHUNK);

    const char *dir = jx_test_private_tmpdir("reader");
    size_t in_file = import_peak(text, len, &projects, &inds);
    assert_int_equal(projects, 10000);
    assert_int_equal(inds, 50000);
    assert_int_equal(jx_test_files_in(dir), 0);

    setenv("TMPDIR", "/nonexistent-jixiao-dir", 1); /* no temporary file can be made */
    size_t in_memory = import_peak(text, len, &projects, &inds);
    setenv("TMPDIR", dir, 1);
    assert_int_equal(projects, 10000);
    assert_int_equal(inds, 50000);
    print_message("rule text %zu bytes; peak %zu in a file, %zu in memory\n", rule, in_file, in_memory);
    assert_true(in_memory > in_file + rule / 2);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memory_stream),
        cmocka_unit_test(system_errors_in_chinese),
        cmocka_unit_test(test_refills),
        cmocka_unit_test(test_source_and_diagnostics),
        cmocka_unit_test(test_stray_text),
        cmocka_unit_test(test_cut_project),
        cmocka_unit_test(test_policy_block),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_flat_memory),
        cmocka_unit_test(test_import_held_in_a_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
