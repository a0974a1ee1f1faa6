/* svg_chart.h — a grouped bar chart drawn as inline SVG for the HTML reports.
 *
 * The chart is drawn by the program, not by a script: every coordinate is an integer
 * computed with integer arithmetic, so the same numbers give the same bytes on any
 * machine. It reads without colour: each bar has its value written above it and a
 * <title> naming its series, category and value, the chart a <title> and a <desc>
 * listing every value, and the legend names the series. The SVG has no namespace
 * declaration, no link and no address: it is meant to sit inside an HTML document,
 * whose font it inherits.
 */
#ifndef JX_SVG_CHART_H
#define JX_SVG_CHART_H

#include "report.h"

#include <stddef.h>
#include <stdint.h>

/** Most series and categories a chart draws; the rest are left out. */
#define JX_SVG_MAX_SERIES 4
#define JX_SVG_MAX_CATEGORIES 16

/** The geometry, in the SVG's user units (its viewBox is JX_SVG_WIDTH × JX_SVG_HEIGHT). */
enum {
    JX_SVG_WIDTH = 640,       /* the whole chart */
    JX_SVG_HEIGHT = 300,
    JX_SVG_LEFT = 64,         /* the value axis's x; tick labels to its left */
    JX_SVG_TOP = 44,          /* the top of the plot: the axis's maximum */
    JX_SVG_PLOT_WIDTH = 560,  /* from the value axis to the right margin */
    JX_SVG_PLOT_HEIGHT = 200, /* from the axis's maximum down to 0 */
    JX_SVG_BASE = JX_SVG_TOP + JX_SVG_PLOT_HEIGHT /* the y of 0: bars stand on it */
};

/** One series: a bar in every group. */
typedef struct jx_svg_series {
    const char *name;       /* in the legend and the bars' titles: "自评" */
    const char *fill;       /* the bars' fill, a colour written as is ("#c8c8c8") */
    const uint64_t *values; /* one per category */
} jx_svg_series;

/** A grouped bar chart: one group per category, one bar per series in each. */
typedef struct jx_svg_bars {
    const char *title;             /* the chart's <title>: "结论分布" */
    const char *x_label;           /* under the categories: "结论" */
    const char *y_label;           /* above the value axis: "项目数（个）" */
    const char *unit;              /* after each value in the titles and the description: "个" */
    const char *const *categories; /* the groups, left to right */
    size_t ncategories;            /* at most JX_SVG_MAX_CATEGORIES */
    const jx_svg_series *series;   /* the bars of each group, left to right */
    size_t nseries;                /* at most JX_SVG_MAX_SERIES */
} jx_svg_bars;

/** The value axis: from 0 to max in steps of step. */
typedef struct jx_svg_axis {
    uint64_t max;  /* the top of the axis, a multiple of step, at least the largest value */
    uint64_t step; /* 1, 2 or 5 × 10^k */
} jx_svg_axis;

/**
 * The axis for values up to largest: the smallest step of 1, 2 or 5 × 10^k that reaches
 * largest in at most 5 steps (largest 0 gives 0 … 1).
 */
jx_svg_axis jx_svg_axis_for(uint64_t largest);

/** The height of a bar of value v (≤ axis_max) in a plot of plot_h units: v × plot_h / axis_max, rounded half up. */
uint32_t jx_svg_bar_height(uint64_t v, uint64_t axis_max, uint32_t plot_h);

/**
 * Writes the chart as one <svg class="chart"> element: the legend, the value axis with
 * its ticks and grid lines, the bars of each group (`<rect class="bar sJ">` for series
 * J, categories left to right and the series within each, every bar written, a bar of
 * 0 with height 0) with their values, the category labels and the axis labels.
 */
void jx_svg_bar_chart(jx_writer *wr, const jx_svg_bars *c);

#endif
