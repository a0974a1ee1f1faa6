/* SPDX-License-Identifier: MIT */
/* test_svg_chart.c — the grouped bar chart drawn as inline SVG (svg_chart.c) and the spool
 * that holds part of a report back (writer.c): the axis and bar heights worked out by hand,
 * the geometry of the audit's grade chart read back from the SVG, escaping, the same
 * bytes twice, and a spool copying what it held, failing on memory without leaking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "counting.h"
#include "report.h"
#include "doc.h"
#include "write_text.h"
#include "text_find.h"

/* Writes chart c with a fresh writer and returns the text (free it). */
static char *draw(const jx_svg_bars *c)
{
    jx_test_text out = {NULL, 0};
    jx_writer *w = NULL;
    assert_int_equal(jx_writer_create(&w, JX_FORMAT_TEXT, 0, jx_test_text_write, &out, NULL), JX_OK);
    jx_svg_bar_chart(w, c);
    assert_int_equal(jx_writer_finish(w), JX_OK);
    jx_writer_destroy(w);
    assert_non_null(out.s);
    return out.s;
}

/* The value of attribute name in the tag starting at tag (up to its '>'), as a number; -1 when absent. */
static long attr(const char *tag, const char *name)
{
    char key[32];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *end = strchr(tag, '>');
    const char *a = strstr(tag, key);
    if (!a || (end && a > end))
        return -1;
    return strtol(a + strlen(key), NULL, 10);
}

/** A bar read back: its x, y, width and height. */
typedef struct bar {
    long x, y, w, h;
} bar;

/* Reads the bars of series j ("<rect class=\"bar sJ\"") in order into v; returns how many. */
static size_t bars_of(const char *svg, int j, bar *v, size_t max)
{
    char key[32];
    snprintf(key, sizeof key, "<rect class=\"bar s%d\"", j);
    size_t n = 0;
    for (const char *p = strstr(svg, key); p && n < max; p = strstr(p + 1, key)) {
        v[n].x = attr(p, "x");
        v[n].y = attr(p, "y");
        v[n].w = attr(p, "width");
        v[n].h = attr(p, "height");
        n++;
    }
    return n;
}

static void axis_steps_of_one_two_five(void **state)
{
    (void)state;
    /* the smallest step of 1, 2, 5 × 10^k reaching the largest value in at most 5 steps */
    static const struct {
        uint64_t largest, max, step;
    } cases[] = {
        {0, 1, 1},     /* nothing to show: 0 … 1 */
        {1, 1, 1},     {5, 5, 1},     /* 5 steps of 1 */
        {6, 6, 2},     /* 6 steps of 1 are too many; 3 of 2 */
        {7, 8, 2},     {10, 10, 2},   /* 5 steps of 2 */
        {11, 15, 5},   /* 6 steps of 2 are too many; 3 of 5 */
        {26, 30, 10},  {100, 100, 20}, {101, 150, 50},
        {16, 20, 5},   {999, 1000, 200},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        jx_svg_axis ax = jx_svg_axis_for(cases[i].largest);
        assert_int_equal(ax.max, cases[i].max);
        assert_int_equal(ax.step, cases[i].step);
    }
    /* values too large for a step of 1, 2 or 5 × 10^k to reach without overflow */
    jx_svg_axis ax = jx_svg_axis_for(UINT64_MAX);
    assert_true(ax.max == UINT64_MAX && ax.step == UINT64_MAX);
    ax = jx_svg_axis_for(UINT64_MAX / 3); /* 6.1 × 10^18: 4 steps of 2 × 10^18 */
    assert_true(ax.max == 8000000000000000000u && ax.step == 2000000000000000000u);
}

static void bar_heights_rounded_half_up(void **state)
{
    (void)state;
    assert_int_equal(jx_svg_bar_height(5, 5, 200), 200);
    assert_int_equal(jx_svg_bar_height(2, 5, 200), 80); /* 2 × 200 / 5 */
    assert_int_equal(jx_svg_bar_height(1, 5, 200), 40);
    assert_int_equal(jx_svg_bar_height(0, 5, 200), 0);
    assert_int_equal(jx_svg_bar_height(1, 3, 200), 67); /* 66.67 */
    assert_int_equal(jx_svg_bar_height(1, 6, 200), 33); /* 33.33 */
    assert_int_equal(jx_svg_bar_height(1, 8, 4), 1);    /* 0.5, half up */
    assert_int_equal(jx_svg_bar_height(3, 8, 4), 2);    /* 1.5 */
    assert_int_equal(jx_svg_bar_height(1, 400, 2), 0);  /* 0.005 */
    assert_int_equal(jx_svg_bar_height(9, 5, 200), 200); /* above the axis: cut to it */
    assert_int_equal(jx_svg_bar_height(1, 0, 200), 0);
    assert_int_equal(jx_svg_bar_height(UINT64_MAX, UINT64_MAX, 200), 200);
}

/* The categories and series of the audit's grade chart, for tests/audit/inflated: five
 * projects all claiming 优; recomputed 98.42 and 100.00 优, 86.44 and 80.56 良, 77.50 中. */
static const char *const grades[] = {"优", "良", "中", "差", "未填/未计分"};
static const uint64_t claimed[] = {5, 0, 0, 0, 0};
static const uint64_t recomputed[] = {2, 2, 1, 0, 0};

static void grade_chart_geometry(void **state)
{
    (void)state;
    const jx_svg_series series[] = {{"自评", "#d4d4d4", claimed}, {"重算", "#404040", recomputed}};
    const jx_svg_bars c = {"结论分布", "结论", "项目数（个）", "个", grades, 5, series, 2};
    char *svg = draw(&c);
    /* axis 0 … 5 in steps of 1, 200 units tall: 40 units a project; 0 at y 44 + 200 = 244 */
    bar s0[8], s1[8];
    assert_int_equal(bars_of(svg, 0, s0, 8), 5);
    assert_int_equal(bars_of(svg, 1, s1, 8), 5);
    static const long h0[] = {200, 0, 0, 0, 0}, h1[] = {80, 80, 40, 0, 0};
    /* groups of 560 / 5 = 112 units, bars 112 / 3 = 37 wide, inset (112 − 74) / 2 = 19 */
    for (int i = 0; i < 5; i++) {
        assert_int_equal(s0[i].h, h0[i]);
        assert_int_equal(s1[i].h, h1[i]);
        assert_int_equal(s0[i].y, 244 - h0[i]);
        assert_int_equal(s1[i].y, 244 - h1[i]);
        assert_int_equal(s0[i].w, 37);
        assert_int_equal(s0[i].x, 64 + 112 * i + 19);
        assert_int_equal(s1[i].x, 64 + 112 * i + 19 + 37);
    }
    /* ticks 0 … 5, every 40 units; the values over the bars; the words for readers */
    assert_non_null(strstr(svg, "<text x=\"56\" y=\"248\" text-anchor=\"end\">0</text>"));
    assert_non_null(strstr(svg, "<text x=\"56\" y=\"48\" text-anchor=\"end\">5</text>"));
    assert_int_equal(jx_test_occurrences(svg, NULL, "<line class=\"grid\""), 5);
    /* the value 5 over the first bar: x 83 + 37 / 2 = 101, y 44 − 5 = 39 */
    assert_non_null(strstr(svg, "<text x=\"101\" y=\"39\" text-anchor=\"middle\">5</text>"));
    assert_non_null(strstr(svg, "<title>自评 优：5 个</title>"));
    assert_non_null(strstr(svg, "<title>重算 中：1 个</title>"));
    assert_non_null(strstr(svg, "<title>结论分布</title>\n<desc>自评：优 5 个，良 0 个，中 0 个，差 0 个，未填/未计分 0 个；"
                                "重算：优 2 个，良 2 个，中 1 个，差 0 个，未填/未计分 0 个</desc>"));
    /* the legend names both series; the labels of the axes */
    assert_non_null(strstr(svg, ">自评</text>"));
    assert_non_null(strstr(svg, ">重算</text>"));
    assert_non_null(strstr(svg, ">项目数（个）</text>"));
    assert_non_null(strstr(svg, ">未填/未计分</text>"));
    /* integers only, and nothing that refers outside the document */
    assert_null(strstr(svg, ".5\""));
    for (const char *p = svg; (p = strchr(p, '"')) != NULL; p++)
        if (p[1] >= '0' && p[1] <= '9') {
            const char *q = p + 1;
            while ((*q >= '0' && *q <= '9') || *q == ' ')
                q++;
            assert_int_equal(*q, '"'); /* a number attribute is digits (and spaces) only */
            p = q;
        }
    assert_null(strstr(svg, "http"));
    assert_null(strstr(svg, "url("));
    assert_null(strstr(svg, "xmlns"));
    assert_true(strncmp(svg, "<svg class=\"chart\" viewBox=\"0 0 640 300\" width=\"640\" height=\"300\"", 64) == 0);
    assert_string_equal(svg + strlen(svg) - 7, "</svg>\n");
    /* the same bytes again */
    char *again = draw(&c);
    assert_string_equal(svg, again);
    free(again);
    free(svg);
}

static void larger_counts_and_escaping(void **state)
{
    (void)state;
    /* largest 16: axis 0 … 20 in steps of 5, 10 units a project */
    static const char *const cats[] = {"<a&b>", "\"q\""};
    static const uint64_t a[] = {16, 3}, b[] = {0, 7};
    const jx_svg_series series[] = {{"甲", "#fff", a}, {"乙<", "#000", b}};
    const jx_svg_bars c = {"图 & 表", "类", "数", "项", cats, 2, series, 2};
    char *svg = draw(&c);
    bar s0[4], s1[4];
    assert_int_equal(bars_of(svg, 0, s0, 4), 2);
    assert_int_equal(bars_of(svg, 1, s1, 4), 2);
    assert_int_equal(s0[0].h, 160); /* 16 × 200 / 20 */
    assert_int_equal(s0[1].h, 30);
    assert_int_equal(s1[0].h, 0);
    assert_int_equal(s1[1].h, 70);
    /* groups of 280, bars 280 / 3 = 93, inset (280 − 186) / 2 = 47 */
    assert_int_equal(s0[1].x, 64 + 280 + 47);
    assert_int_equal(s1[1].x, 64 + 280 + 47 + 93);
    assert_non_null(strstr(svg, ">20</text>"));
    assert_int_equal(jx_test_occurrences(svg, NULL, "<line class=\"grid\""), 4); /* 5, 10, 15, 20 */
    assert_non_null(strstr(svg, ">&lt;a&amp;b&gt;</text>"));
    assert_non_null(strstr(svg, ">&quot;q&quot;</text>"));
    assert_non_null(strstr(svg, "<title>图 &amp; 表</title>"));
    assert_non_null(strstr(svg, "<title>乙&lt; &quot;q&quot;：7 项</title>"));
    assert_null(strstr(svg, "<a&b>"));
    free(svg);
}

static void spool_holds_and_copies(void **state)
{
    (void)state;
    jx_test_counting c = {0};
    jx_allocator a = jx_test_counting_allocator(&c);
    jx_test_text out = {NULL, 0};
    jx_writer *w = NULL;
    assert_int_equal(jx_writer_create(&w, JX_FORMAT_TEXT, 0, jx_test_text_write, &out, &a), JX_OK);
    jx_spool sp;
    assert_int_equal(jx_spool_open(&sp, &a), JX_OK);
    /* more than the writer's buffer holds: 20,000 × "行12\n" (6 bytes) = 120,000 bytes */
    for (int i = 0; i < 20000; i++)
        jx_out_str(sp.w, "行12\n");
    jx_out_str(w, "头\n");
    assert_int_equal(jx_spool_error(&sp), JX_OK);
    jx_spool_copy(&sp, w);
    jx_out_str(w, "尾\n");
    jx_spool_copy(&sp, w); /* emptied: nothing more */
    assert_int_equal(jx_writer_finish(w), JX_OK);
    assert_int_equal(out.len, 4 + 120000 + 4);
    assert_true(strncmp(out.s, "头\n行12\n行12\n", 4 + 12) == 0);
    assert_string_equal(out.s + out.len - 10, "行12\n尾\n");
    jx_spool_close(&sp);
    jx_spool_close(&sp); /* closed twice: nothing */
    jx_writer_destroy(w);
    free(out.s);
    assert_int_equal(c.in_use, 0);

    jx_spool never = {0};
    jx_spool_close(&never);
}

static void spool_out_of_memory(void **state)
{
    (void)state;
    /* the spool's writer and its buffer come first; its own buffer then cannot grow */
    jx_test_counting c = {0};
    jx_allocator a = jx_test_counting_allocator(&c);
    jx_test_text out = {NULL, 0};
    jx_writer *w = NULL;
    assert_int_equal(jx_writer_create(&w, JX_FORMAT_TEXT, 0, jx_test_text_write, &out, NULL), JX_OK);
    jx_spool sp;
    assert_int_equal(jx_spool_open(&sp, &a), JX_OK);
    c.fail_from = c.calls + 1;
    for (int i = 0; i < 20000; i++)
        jx_out_str(sp.w, "行12\n");
    assert_int_equal(jx_spool_error(&sp), JX_ERR_NOMEM);
    jx_spool_copy(&sp, w);
    assert_int_equal(w->err, JX_ERR_NOMEM);
    jx_spool_close(&sp);
    assert_int_equal(c.in_use, 0);
    jx_writer_destroy(w);
    free(out.s);

    /* no memory for the spool's writer at all */
    jx_test_counting none = {.fail_from = 1};
    jx_allocator b = jx_test_counting_allocator(&none);
    assert_int_equal(jx_spool_open(&sp, &b), JX_ERR_NOMEM);
    jx_spool_close(&sp);
    assert_int_equal(none.in_use, 0);
}

/* Past JX_SPOOL_MEMORY (1 MiB) a spool goes on in a temporary file, its memory freed: 300,000
 * lines "行%06d\n" (10 bytes each: 行 3, six digits, \n) = 3,000,000 bytes come back whole and
 * in order, line by line; the memory in use while holding them is under 1 MiB (the writer's
 * buffer and a 1 MiB buffer at the most, freed when the file takes over). Then the emptied
 * spool holds in memory again. */
static void spool_goes_to_disk(void **state)
{
    (void)state;
    jx_test_counting c = {0};
    jx_allocator a = jx_test_counting_allocator(&c);
    jx_test_text out = {NULL, 0};
    jx_writer *w = NULL;
    assert_int_equal(jx_writer_create(&w, JX_FORMAT_TEXT, 0, jx_test_text_write, &out, NULL), JX_OK);
    jx_spool sp;
    assert_int_equal(jx_spool_open(&sp, &a), JX_OK);
    char line[32];
    for (int i = 0; i < 300000; i++) {
        snprintf(line, sizeof line, "行%06d\n", i);
        jx_out_str(sp.w, line);
    }
    jx_out_flush(sp.w);
    assert_non_null(sp.bytes.file);
    assert_true(c.in_use < JX_SPOOL_MEMORY);
    assert_int_equal(jx_spool_error(&sp), JX_OK);
    jx_spool_copy(&sp, w);
    assert_null(sp.bytes.file);
    jx_out_str(sp.w, "后\n"); /* held in memory again */
    jx_out_flush(sp.w);
    assert_null(sp.bytes.file);
    jx_spool_copy(&sp, w);
    assert_int_equal(jx_writer_finish(w), JX_OK);
    assert_int_equal(out.len, 3000000 + 4);
    for (int i = 0; i < 300000; i += 7919) {
        snprintf(line, sizeof line, "行%06d\n", i);
        assert_memory_equal(out.s + (size_t)i * 10, line, 10);
    }
    assert_string_equal(out.s + 3000000, "后\n");
    jx_spool_close(&sp);
    assert_int_equal(c.in_use, 0);
    jx_writer_destroy(w);
    free(out.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(axis_steps_of_one_two_five),
        cmocka_unit_test(bar_heights_rounded_half_up),
        cmocka_unit_test(grade_chart_geometry),
        cmocka_unit_test(larger_counts_and_escaping),
        cmocka_unit_test(spool_holds_and_copies),
        cmocka_unit_test(spool_out_of_memory),
        cmocka_unit_test(spool_goes_to_disk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
