/* SPDX-License-Identifier: MIT */
/* test_readall.c — bytes held back (jx_stash): in memory up to its bound, then all of them
 * in a temporary file; in memory for good when no file can be made; drained in order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "counting.h"
#include "readall.h"
#include "tmpdir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where jx_stash_drain's bytes go: a buffer. */
typedef struct collected {
    char text[64];
    size_t len;
} collected;

static void collect(void *ud, const char *data, size_t len)
{
    collected *c = ud;
    assert_true(c->len + len < sizeof c->text);
    memcpy(c->text + c->len, data, len);
    c->len += len;
    c->text[c->len] = '\0';
}

/* Everything the stash holds, drained into out; the stash is empty after. */
static size_t stash_text(jx_stash *st, collected *out)
{
    out->len = 0;
    out->text[0] = '\0';
    assert_true(jx_stash_drain(st, collect, out));
    assert_null(st->file);
    assert_int_equal(st->len, 0);
    return out->len;
}

/* Under the bound the bytes stay in memory; the write that passes it moves them all, and
 * itself, into a temporary file, removed at once, and every later write goes there. */
static void spills_past_its_bound(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("readall");
    jx_test_counting c = {0};
    jx_allocator a = jx_test_counting_allocator(&c);
    jx_stash st;
    jx_stash_init(&st, &a, 8);
    assert_int_equal(jx_stash_write(&st, "甲乙", 6), 6); /* 6 bytes: within 8 */
    assert_null(st.file);
    assert_int_equal(st.len, 6);
    assert_int_equal(jx_stash_write(&st, "ab", 2), 2); /* 8: still within */
    assert_null(st.file);
    assert_int_equal(jx_stash_write(&st, "c", 1), 1); /* 9: past it */
    assert_non_null(st.file);
    assert_int_equal(c.in_use, 0); /* the memory was given back */
    assert_int_equal(jx_test_files_in(dir), 0); /* the file has no name */
    assert_int_equal(jx_stash_write(&st, "丙", 3), 3);
    collected got;
    assert_int_equal(stash_text(&st, &got), 12);
    assert_string_equal(got.text, "甲乙abc丙");
    assert_false(st.oom);
    assert_false(st.io);
    /* drained: what is written next is held in memory again */
    assert_int_equal(jx_stash_write(&st, "丁", 3), 3);
    assert_null(st.file);
    assert_int_equal(stash_text(&st, &got), 3);
    assert_string_equal(got.text, "丁");
    jx_stash_free(&st);
    assert_int_equal(c.in_use, 0);
}

/* With no temporary folder the bytes stay in memory, and no file is tried again: the bound
 * is lifted at the first failure, so a long text does not try to spill at every write. */
static void stays_in_memory_without_a_file(void **state)
{
    (void)state;
    const char *dir = jx_test_private_tmpdir("readall");
    setenv("TMPDIR", "/nonexistent-jixiao-dir", 1);
    jx_stash st;
    jx_stash_init(&st, NULL, 4);
    assert_int_equal(jx_stash_write(&st, "abc", 3), 3);
    assert_int_equal(jx_stash_write(&st, "def", 3), 3); /* past 4: no file can be made */
    assert_null(st.file);
    assert_int_equal(st.memory, SIZE_MAX);
    setenv("TMPDIR", dir, 1); /* a folder again: still not tried */
    assert_int_equal(jx_stash_write(&st, "ghi", 3), 3);
    assert_null(st.file);
    collected got;
    assert_int_equal(stash_text(&st, &got), 9);
    assert_string_equal(got.text, "abcdefghi");
    jx_stash_free(&st);
    jx_stash_free(&st); /* freed: a no-op */
}

/* A stash whose memory runs out says so and drops the write. */
static void out_of_memory(void **state)
{
    (void)state;
    jx_test_counting c = {0};
    c.fail_from = 1;
    jx_allocator a = jx_test_counting_allocator(&c);
    jx_stash st;
    jx_stash_init(&st, &a, 1024);
    assert_int_equal(jx_stash_write(&st, "abc", 3), 0);
    assert_true(st.oom);
    assert_int_equal(st.len, 0);
    jx_stash_free(&st);
}

/* The folder of temporary files: $TMPDIR when set and not empty, else /tmp. */
static void tmpdir_from_the_environment(void **state)
{
    (void)state;
    const char *was = getenv("TMPDIR");
    char *keep = was ? strdup(was) : NULL;
    setenv("TMPDIR", "/var/tmp", 1);
    assert_string_equal(jx_tmpdir(), "/var/tmp");
    setenv("TMPDIR", "", 1);
    assert_string_equal(jx_tmpdir(), "/tmp");
    unsetenv("TMPDIR");
    assert_string_equal(jx_tmpdir(), "/tmp");
    if (keep)
        setenv("TMPDIR", keep, 1);
    free(keep);
}

/* A write to the file that fails keeps the errno it failed with, which a later call cannot
 * change: here the file is /dev/full, whose writes fail with ENOSPC once its buffer flushes
 * (a write larger than the buffer flushes at once). */
static void keeps_the_reason_a_write_failed(void **state)
{
    (void)state;
    (void)jx_test_private_tmpdir("readall");
    jx_stash st;
    jx_stash_init(&st, NULL, 0);
    assert_int_equal(jx_stash_write(&st, "a", 1), 1); /* past 0 bytes: to a file */
    assert_non_null(st.file);
    FILE *full = fopen("/dev/full", "w");
    if (!full) {
        jx_stash_free(&st);
        skip();
    }
    fclose(st.file);
    st.file = full;
    static char big[1u << 17];
    memset(big, 'x', sizeof big);
    assert_int_equal(jx_stash_write(&st, big, sizeof big), 0);
    assert_true(st.io);
    assert_int_equal(st.err, ENOSPC);
    errno = EINVAL; /* what some later call left */
    assert_int_equal(st.err, ENOSPC);
    clearerr(st.file);
    jx_stash_free(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spills_past_its_bound),
        cmocka_unit_test(stays_in_memory_without_a_file),
        cmocka_unit_test(out_of_memory),
        cmocka_unit_test(tmpdir_from_the_environment),
        cmocka_unit_test(keeps_the_reason_a_write_failed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
