/* SPDX-License-Identifier: MIT */
/* test_value_seeds.c — every target and actual text of the four seed documents, read as
 * the hand-written table tests/unit/data/seed_values.tsv says it must be. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "dec.h"
#include "value.h"
#include "value_internal.h"

/* The columns of a line of seed_values.tsv. */
enum {
    COL_SEED,   /* 000 001 003 004 */
    COL_SIGN,   /* the 计算符号 cell, "" when the table has none */
    COL_VALUE,  /* the value cell as written */
    COL_UNIT,   /* the 计量单位 / 度量单位 cell, "" when the table has none */
    COL_PATH,   /* fast | slow */
    COL_KIND,   /* NUMBER TEXT EMPTY UNREADABLE */
    COL_RSIGN,  /* ≥ > = < ≤ none */
    COL_RNUM,   /* the number */
    COL_RPCT,   /* "%" or "" */
    COL_RLAST,  /* the unit (NUMBER), the text kept (TEXT), a word of the detail (UNREADABLE) */
    COL_COUNT
};

/** Rows read per seed and per kind, to check that no line was skipped. */
typedef struct seed_counts {
    size_t rows[4];  /* rows of seeds 000, 001, 003, 004 */
    size_t kind[4];  /* rows of each jx_value_kind but NOMEM */
    size_t slow;     /* rows marked slow */
} seed_counts;

/** The data file, found through JX_TESTS_DIR (set by ctest) or from tests/. */
static FILE *open_data(void)
{
    const char *dir = getenv("JX_TESTS_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/unit/data/seed_values.tsv", dir ? dir : ".");
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    return f;
}

/** Splits line at tabs into exactly COL_COUNT columns; returns the number found. */
static int split_columns(char *line, char **col)
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n == COL_COUNT)
            return n + 1; /* too many */
        col[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            return n;
        *tab = '\0';
        p = tab + 1;
    }
}

/** The jx_sign written in the sign column. */
static jx_sign sign_of(const char *s, int line)
{
    static const struct { const char *text; jx_sign sign; } signs[] = {
        {"none", JX_SIGN_NONE}, {"≥", JX_SIGN_GE}, {">", JX_SIGN_GT}, {"=", JX_SIGN_EQ},
        {"<", JX_SIGN_LT},      {"≤", JX_SIGN_LE},
    };
    for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
        if (strcmp(s, signs[i].text) == 0)
            return signs[i].sign;
    fail_msg("line %d: sign column “%s”", line, s);
    return JX_SIGN_NONE;
}

/** The jx_value_kind written in the kind column. */
static jx_value_kind kind_of(const char *s, int line)
{
    static const char *const kinds[] = {"NUMBER", "TEXT", "EMPTY", "UNREADABLE"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(s, kinds[i]) == 0)
            return (jx_value_kind)i;
    fail_msg("line %d: kind column “%s”", line, s);
    return JX_VALUE_KIND_NOMEM;
}

/** Checks that v holds the reading of the columns: sign, number and its scale, percent, unit. */
static void check_number(const jx_value *v, char **col, int line, const char *what)
{
    jx_dec want;
    if (jx_dec_parse(col[COL_RNUM], strlen(col[COL_RNUM]), &want) != JX_DEC_OK)
        fail_msg("line %d: number column “%s”", line, col[COL_RNUM]);
    bool percent = strcmp(col[COL_RPCT], "%") == 0;
    if (!percent && col[COL_RPCT][0])
        fail_msg("line %d: percent column “%s”", line, col[COL_RPCT]);
    if (v->sign != sign_of(col[COL_RSIGN], line) || jx_dec_cmp(v->num, want) != 0 || v->num.scale != want.scale ||
        v->percent != percent || strcmp(v->unit.s, col[COL_RLAST]) != 0 || v->unit.n != strlen(col[COL_RLAST]))
        fail_msg("line %d (%s) “%s%s%s”: sign %d, number %lld scale %d, percent %d, unit “%s”", line, what,
                 col[COL_SIGN], col[COL_VALUE], col[COL_UNIT], (int)v->sign, (long long)v->num.v,
                 (int)v->num.scale, (int)v->percent, v->unit.s);
}

/** Checks one line: the cells classify (and, for one cell, read) as its columns say. */
static void check_line(jx_value_reader *vr, jx_arena *ar, char **col, int line, seed_counts *counts)
{
    jx_value_kind want = kind_of(col[COL_KIND], line);
    bool slow = strcmp(col[COL_PATH], "slow") == 0;
    if (!slow && strcmp(col[COL_PATH], "fast") != 0)
        fail_msg("line %d: path column “%s”", line, col[COL_PATH]);
    static const char *const seeds[] = {"000", "001", "003", "004"};
    size_t seed = 4;
    for (size_t i = 0; i < 4; i++)
        if (strcmp(col[COL_SEED], seeds[i]) == 0)
            seed = i;
    if (seed == 4)
        fail_msg("line %d: seed column “%s”", line, col[COL_SEED]);
    counts->rows[seed]++;
    counts->kind[want]++;
    counts->slow += slow;

    /* the cells as an importer hands them over */
    jx_value v;
    memset(&v, 0, sizeof v);
    const char *text = NULL, *detail = NULL;
    size_t slow_before = jx_value_reader_slow_count(vr);
    jx_value_kind k = jx_value_classify_cells(vr, ar, col[COL_SIGN], col[COL_VALUE], col[COL_UNIT], &v, &text, &detail);
    size_t slow_reads = jx_value_reader_slow_count(vr) - slow_before;
    if (k != want)
        fail_msg("line %d “%s|%s|%s”: kind %d, expected %s (%s)", line, col[COL_SIGN], col[COL_VALUE],
                 col[COL_UNIT], (int)k, col[COL_KIND], detail ? detail : "");
    if (slow_reads != (slow ? 1u : 0u))
        fail_msg("line %d “%s”: %zu reads on the slow path, expected %s", line, col[COL_VALUE], slow_reads,
                 col[COL_PATH]);
    switch (want) {
    case JX_VALUE_KIND_NUMBER:
        check_number(&v, col, line, "cells");
        break;
    case JX_VALUE_KIND_TEXT:
        if (!text || strcmp(text, col[COL_RLAST]) != 0)
            fail_msg("line %d: text “%s”, expected “%s”", line, text ? text : "(null)", col[COL_RLAST]);
        break;
    case JX_VALUE_KIND_UNREADABLE:
        if (!detail || !strstr(detail, col[COL_RLAST]))
            fail_msg("line %d: detail “%s” lacks “%s”", line, detail ? detail : "(null)", col[COL_RLAST]);
        break;
    default:
        break;
    }

    /* a value written in one cell: the one-cell entry points agree */
    if (col[COL_SIGN][0] || col[COL_UNIT][0])
        return;
    memset(&v, 0, sizeof v);
    k = jx_value_classify(vr, ar, col[COL_VALUE], strlen(col[COL_VALUE]), &v, &detail);
    if (k != want)
        fail_msg("line %d “%s”: jx_value_classify kind %d, expected %s", line, col[COL_VALUE], (int)k,
                 col[COL_KIND]);
    if (want == JX_VALUE_KIND_NUMBER) {
        check_number(&v, col, line, "classify");
        memset(&v, 0, sizeof v);
        if (jx_value_read(vr, ar, col[COL_VALUE], strlen(col[COL_VALUE]), &v, &detail) != JX_VALUE_OK)
            fail_msg("line %d “%s”: jx_value_read refused it: %s", line, col[COL_VALUE], detail);
        check_number(&v, col, line, "read");
    } else if (jx_value_read(vr, ar, col[COL_VALUE], strlen(col[COL_VALUE]), &v, &detail) == JX_VALUE_OK) {
        fail_msg("line %d “%s”: jx_value_read took a %s as a number", line, col[COL_VALUE], col[COL_KIND]);
    }
}

/* Every line of the table, checked; then the counts, so that no line went unread. */
static void test_every_seed_value(void **state)
{
    (void)state;
    jx_value_reader *vr = jx_value_reader_create(NULL);
    assert_non_null(vr);
    jx_arena ar;
    jx_arena_init(&ar, NULL);
    FILE *f = open_data();
    char buf[1024];
    int line = 0;
    seed_counts counts;
    memset(&counts, 0, sizeof counts);
    while (fgets(buf, sizeof buf, f)) {
        line++;
        size_t len = strlen(buf);
        if (len == 0 || buf[len - 1] != '\n')
            fail_msg("line %d: too long or not ended", line);
        buf[--len] = '\0';
        if (len == 0 || buf[0] == '#')
            continue;
        char *col[COL_COUNT + 1] = {0};
        int n = split_columns(buf, col);
        if (n != COL_COUNT)
            fail_msg("line %d: %d columns, expected %d", line, n, COL_COUNT);
        check_line(vr, &ar, col, line, &counts);
        jx_arena_reset(&ar);
    }
    fclose(f);
    jx_arena_free(&ar);
    jx_value_reader_destroy(vr);

    /* the rows counted by hand in the table: 68 cell triples of 000, 13 texts of 001,
     * 24 + 48 of 003's two tables, 121 of 004 */
    assert_int_equal(counts.rows[0], 68);
    assert_int_equal(counts.rows[1], 13);
    assert_int_equal(counts.rows[2], 72);
    assert_int_equal(counts.rows[3], 121);
    /* every text is a number, a text or nothing: none is left unreadable */
    assert_int_equal(counts.kind[JX_VALUE_KIND_UNREADABLE], 0);
    /* only the LaTeX values, the product and the two units a PDF split need the slow path */
    assert_int_equal(counts.slow, 14);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_seed_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
