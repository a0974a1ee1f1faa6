/* SPDX-License-Identifier: MIT */
/* test_arena_copy.c — jx_copy_short (arena.h), the copy of short texts by overlapping
 * loads and stores, copies what memcpy copies at every length of each of its ranges
 * (0, 1–3, 4–7, 8–16, 17–32, 33–64, beyond), at every misalignment of either end, and
 * touches nothing outside: no byte of the destination's neighbours changes, and no byte
 * past the source is read (the source ends where a page ends, the next unreadable). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arena.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { MAX_LEN = 100, GUARD = 32 };

/* A pattern byte for position i of copy `round`, never the guard's 0xA5. */
static unsigned char pattern(size_t i, unsigned round)
{
    unsigned char c = (unsigned char)(i * 7 + round * 13 + 1);
    return c == 0xA5 ? 0x5A : c;
}

/*
 * Copies n bytes for every n in 0..MAX_LEN and every offset 0..15 of the destination,
 * the source ending where a page ends; the destination holds exactly the source's bytes,
 * and the GUARD bytes on each side keep 0xA5.
 */
static void copies_what_memcpy_copies(void **state)
{
    (void)state;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(map != MAP_FAILED);
    assert_int_equal(mprotect(map + page, page, PROT_NONE), 0);
    unsigned round = 0;
    for (size_t n = 0; n <= MAX_LEN; n++) {
        for (size_t at = 0; at < 16; at++, round++) {
            char *src = map + page - n; /* its last byte is the page's last */
            for (size_t i = 0; i < n; i++)
                src[i] = (char)pattern(i, round);
            unsigned char buf[GUARD + 16 + MAX_LEN + GUARD];
            memset(buf, 0xA5, sizeof buf);
            unsigned char *dst = buf + GUARD + at;
            jx_copy_short(dst, src, n);
            for (size_t i = 0; i < n; i++)
                if (dst[i] != pattern(i, round))
                    fail_msg("length %zu at offset %zu: byte %zu is %02x, want %02x", n, at, i, dst[i],
                             pattern(i, round));
            for (unsigned char *g = buf; g < dst; g++)
                if (*g != 0xA5)
                    fail_msg("length %zu at offset %zu: byte %td before the copy changed", n, at, dst - g);
            for (unsigned char *g = dst + n; g < buf + sizeof buf; g++)
                if (*g != 0xA5)
                    fail_msg("length %zu at offset %zu: byte %td after the copy changed", n, at, g - (dst + n));
        }
    }
    munmap(map, 2 * page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(copies_what_memcpy_copies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
