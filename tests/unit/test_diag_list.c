/* SPDX-License-Identifier: MIT */
/* test_diag_list.c — a list of diagnostics as it grows, is cleared and has a code dropped:
 * every diagnostic kept in the order added, with its own message, and the counts by
 * severity right. The array starts empty and doubles from 8 (jx_grow), so 20 additions
 * cross its growth from 0 to 8, 8 to 16 and 16 to 32, and a second round after
 * jx_diags_clear reuses the array without growing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "arena.h"
#include "diag.h"

#include <stdio.h>
#include <string.h>

/* Adds diagnostics number from to n - 1 to the end of d: message "第 i 条", severity
 * warning for an even i and note for an odd one, code "even" or "odd" to match. */
static void add_numbered(jx_diags *d, jx_arena *ar, size_t from, size_t n)
{
    jx_pos none = {0, 0, 0, 0};
    for (size_t i = from; i < n; i++) {
        const jx_diag *g = jx_diags_add(d, ar, i % 2 ? JX_SEV_NOTE : JX_SEV_WARNING, i % 2 ? "odd" : "even", NULL,
                                        none, "第 %zu 条", i);
        assert_non_null(g);
        assert_ptr_equal(g, &d->v[d->n - 1]);
    }
}

/* d holds exactly n of the diagnostics add_numbered made, in order: every step-th of them
 * from number first on (step 2 after a drop). */
static void assert_numbered(const jx_diags *d, size_t first, size_t step, size_t n)
{
    assert_int_equal(d->n, n);
    for (size_t k = 0; k < n; k++) {
        size_t i = first + k * step;
        char want[32];
        snprintf(want, sizeof want, "第 %zu 条", i);
        assert_string_equal(d->v[k].message, want);
        assert_string_equal(d->v[k].code, i % 2 ? "odd" : "even");
        assert_int_equal(d->v[k].severity, i % 2 ? JX_SEV_NOTE : JX_SEV_WARNING);
        assert_string_equal(d->v[k].file, "");
        assert_int_equal(d->v[k].line, 0);
        assert_null(d->v[k].source_line);
    }
}

static void grows_keeps_order_and_counts(void **state)
{
    (void)state;
    jx_arena ar;
    jx_arena_init(&ar, NULL);
    jx_diags d;
    jx_diags_init(&d, NULL);

    /* 20 diagnostics: 0, 2, …, 18 are warnings (10), 1, 3, …, 19 notes; the array grew
     * 0 → 8 → 16 → 32 */
    add_numbered(&d, &ar, 0, 20);
    assert_numbered(&d, 0, 1, 20);
    assert_int_equal(d.warnings, 10);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.cap, 32);
    assert_int_equal(d.oom, 0);

    /* dropping "odd" leaves the 10 warnings 0, 2, …, 18 in order */
    assert_int_equal(jx_diags_drop(&d, "odd"), 10);
    assert_numbered(&d, 0, 2, 10);
    assert_int_equal(d.warnings, 10);

    /* cleared, the same array takes 32 again without growing: 0 … 31, 16 warnings */
    const jx_diag *v = d.v;
    jx_diags_clear(&d);
    assert_int_equal(d.n, 0);
    assert_int_equal(d.warnings, 0);
    add_numbered(&d, &ar, 0, 32);
    assert_ptr_equal(d.v, v);
    assert_int_equal(d.cap, 32);
    assert_numbered(&d, 0, 1, 32);
    assert_int_equal(d.warnings, 16);

    /* the 33rd grows it to 64 (32 × 2), the 32 before kept: 0 … 32, 17 warnings */
    add_numbered(&d, &ar, 32, 33);
    assert_int_equal(d.cap, 64);
    assert_numbered(&d, 0, 1, 33);
    assert_int_equal(d.warnings, 17);

    jx_diags_free(&d);
    jx_arena_free(&ar);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grows_keeps_order_and_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
