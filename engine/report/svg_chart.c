/* SPDX-License-Identifier: MIT */
/* svg_chart.c — the grouped bar chart as inline SVG, integer coordinates only (declared in doc.h). */

#include "doc.h"
#include "width.h"

#include <string.h>

/* Sizes of the parts, in user units. */
enum {
    FONT = 12,       /* the font size of every text */
    SWATCH = 12,     /* a legend entry's square */
    LEGEND_Y = 10,   /* the top of the legend's squares */
    TICK_GAP = 8,    /* from a tick label to the axis */
    LABEL_GAP = 5,   /* from a value to the top of its bar */
    RIGHT = JX_SVG_LEFT + JX_SVG_PLOT_WIDTH /* the right end of the plot */
};

jx_svg_axis jx_svg_axis_for(uint64_t largest)
{
    static const uint64_t mantissa[] = {1, 2, 5};
    if (largest == 0)
        largest = 1;
    for (uint64_t mag = 1;; mag *= 10) {
        for (size_t i = 0; i < 3; i++) {
            uint64_t step = mantissa[i] * mag;
            uint64_t n = largest / step + (largest % step != 0);
            if (n <= 5 && n <= UINT64_MAX / step)
                return (jx_svg_axis){n * step, step};
        }
        if (mag > UINT64_MAX / 100) /* largest beyond 5 × 10^18: one step to it */
            return (jx_svg_axis){largest, largest};
    }
}

uint32_t jx_svg_bar_height(uint64_t v, uint64_t axis_max, uint32_t plot_h)
{
    if (axis_max == 0)
        return 0;
    if (v > axis_max)
        v = axis_max;
    unsigned __int128 twice = (unsigned __int128)v * plot_h * 2 + axis_max;
    return (uint32_t)(twice / ((unsigned __int128)axis_max * 2));
}

/* Appends ` name="v"`. */
static void attr_uint(jx_writer *wr, const char *name, uint64_t v)
{
    jx_out_char(wr, ' ');
    jx_out_str(wr, name);
    jx_out_str(wr, "=\"");
    jx_out_uint(wr, v);
    jx_out_char(wr, '"');
}

/* A rectangle's box and fill: ` x y width height fill="fill"`, the fill escaped. */
static void box(jx_writer *wr, uint64_t x, uint64_t y, uint64_t w, uint64_t h, const char *fill)
{
    attr_uint(wr, "x", x);
    attr_uint(wr, "y", y);
    attr_uint(wr, "width", w);
    attr_uint(wr, "height", h);
    jx_out_str(wr, " fill=\"");
    jx_html_str(wr, fill);
    jx_out_char(wr, '"');
}

/* <text x y [text-anchor]>s</text>; anchor NULL for the start. */
static void text_at(jx_writer *wr, uint64_t x, uint64_t y, const char *anchor, const char *s)
{
    jx_out_str(wr, "<text");
    attr_uint(wr, "x", x);
    attr_uint(wr, "y", y);
    if (anchor) {
        jx_out_str(wr, " text-anchor=\"");
        jx_out_str(wr, anchor);
        jx_out_char(wr, '"');
    }
    jx_out_char(wr, '>');
    jx_html_str(wr, s);
    jx_out_str(wr, "</text>\n");
}

/* A horizontal or vertical line; dashed for a grid line. */
static void line(jx_writer *wr, uint64_t x1, uint64_t y1, uint64_t x2, uint64_t y2, int grid)
{
    jx_out_str(wr, grid ? "<line class=\"grid\"" : "<line");
    attr_uint(wr, "x1", x1);
    attr_uint(wr, "y1", y1);
    attr_uint(wr, "x2", x2);
    attr_uint(wr, "y2", y2);
    jx_out_str(wr, grid ? " stroke=\"#b0b0b0\" stroke-dasharray=\"3 3\"/>\n" : " stroke=\"#000\"/>\n");
}

/* A value in decimal into buf. */
static const char *num(uint64_t v, char *buf, size_t size)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    size_t k = 0;
    while (n > 0 && k + 1 < size)
        buf[k++] = tmp[--n];
    buf[k] = '\0';
    return buf;
}

/* The width of s in user units, as the legend lays it out: half the font per display cell. */
static uint64_t text_width(const char *s)
{
    return (uint64_t)jx_display_width(s, strlen(s)) * FONT / 2;
}

/* <title> and <desc>: the chart's name, and every value in words ("自评：优 5 个，良 0 个；重算：…"). */
static void caption(jx_writer *wr, const jx_svg_bars *c, size_t ncat, size_t nser)
{
    char buf[24];
    jx_out_str(wr, "<title>");
    jx_html_str(wr, c->title);
    jx_out_str(wr, "</title>\n<desc>");
    for (size_t j = 0; j < nser; j++) {
        if (j)
            jx_out_str(wr, "；");
        jx_html_str(wr, c->series[j].name);
        jx_out_str(wr, "：");
        for (size_t i = 0; i < ncat; i++) {
            if (i)
                jx_out_str(wr, "，");
            jx_html_str(wr, c->categories[i]);
            jx_out_char(wr, ' ');
            jx_out_str(wr, num(c->series[j].values[i], buf, sizeof buf));
            jx_out_char(wr, ' ');
            jx_html_str(wr, c->unit);
        }
    }
    jx_out_str(wr, "</desc>\n");
}

/* The legend at the top right: a square of each series' fill and its name. */
static void legend(jx_writer *wr, const jx_svg_bars *c, size_t nser)
{
    uint64_t total = 0;
    for (size_t j = 0; j < nser; j++)
        total += (j ? 16 : 0) + SWATCH + 6 + text_width(c->series[j].name);
    uint64_t x = total < RIGHT ? RIGHT - total : 0;
    jx_out_str(wr, "<g class=\"legend\">\n");
    for (size_t j = 0; j < nser; j++) {
        jx_out_str(wr, "<rect");
        box(wr, x, LEGEND_Y, SWATCH, SWATCH, c->series[j].fill);
        jx_out_str(wr, " stroke=\"#000\"/>\n");
        text_at(wr, x + SWATCH + 6, LEGEND_Y + SWATCH - 1, NULL, c->series[j].name);
        x += SWATCH + 6 + text_width(c->series[j].name) + 16;
    }
    jx_out_str(wr, "</g>\n");
}

/* The grid lines and tick labels of the value axis, and its label above it. */
static void value_axis(jx_writer *wr, const jx_svg_bars *c, jx_svg_axis ax)
{
    char buf[24];
    jx_out_str(wr, "<g class=\"axis\">\n");
    for (uint64_t t = 0;; t += ax.step) {
        uint64_t y = JX_SVG_BASE - jx_svg_bar_height(t, ax.max, JX_SVG_PLOT_HEIGHT);
        if (t > 0)
            line(wr, JX_SVG_LEFT, y, RIGHT, y, 1);
        text_at(wr, JX_SVG_LEFT - TICK_GAP, y + FONT / 3, "end", num(t, buf, sizeof buf));
        if (t >= ax.max)
            break;
    }
    text_at(wr, 8, JX_SVG_TOP - 16, NULL, c->y_label);
    jx_out_str(wr, "</g>\n");
}

void jx_svg_bar_chart(jx_writer *wr, const jx_svg_bars *c)
{
    size_t ncat = c->ncategories < JX_SVG_MAX_CATEGORIES ? c->ncategories : JX_SVG_MAX_CATEGORIES;
    size_t nser = c->nseries < JX_SVG_MAX_SERIES ? c->nseries : JX_SVG_MAX_SERIES;
    uint64_t largest = 0;
    for (size_t j = 0; j < nser; j++)
        for (size_t i = 0; i < ncat; i++)
            if (c->series[j].values[i] > largest)
                largest = c->series[j].values[i];
    jx_svg_axis ax = jx_svg_axis_for(largest);

    jx_out_str(wr, "<svg class=\"chart\" viewBox=\"0 0 ");
    jx_out_uint(wr, JX_SVG_WIDTH);
    jx_out_char(wr, ' ');
    jx_out_uint(wr, JX_SVG_HEIGHT);
    jx_out_char(wr, '"');
    attr_uint(wr, "width", JX_SVG_WIDTH);
    attr_uint(wr, "height", JX_SVG_HEIGHT);
    attr_uint(wr, "font-size", FONT);
    jx_out_str(wr, " role=\"img\">\n");
    caption(wr, c, ncat, nser);
    legend(wr, c, nser);
    value_axis(wr, c, ax);

    /* the bars: each group as wide as the plot allows, its bars side by side in the middle */
    uint64_t group = ncat ? JX_SVG_PLOT_WIDTH / ncat : JX_SVG_PLOT_WIDTH;
    uint64_t bar = group / (nser + 1);
    uint64_t inset = (group - bar * nser) / 2;
    char buf[24];
    jx_out_str(wr, "<g class=\"bars\">\n");
    for (size_t i = 0; i < ncat; i++) {
        for (size_t j = 0; j < nser; j++) {
            const jx_svg_series *s = &c->series[j];
            uint64_t x = JX_SVG_LEFT + i * group + inset + j * bar;
            uint32_t h = jx_svg_bar_height(s->values[i], ax.max, JX_SVG_PLOT_HEIGHT);
            uint64_t y = JX_SVG_BASE - h;
            jx_out_str(wr, "<rect class=\"bar s");
            jx_out_uint(wr, j);
            jx_out_char(wr, '"');
            box(wr, x, y, bar, h, s->fill);
            jx_out_str(wr, " stroke=\"#000\"><title>");
            jx_html_str(wr, s->name);
            jx_out_char(wr, ' ');
            jx_html_str(wr, c->categories[i]);
            jx_out_str(wr, "：");
            jx_out_str(wr, num(s->values[i], buf, sizeof buf));
            jx_out_char(wr, ' ');
            jx_html_str(wr, c->unit);
            jx_out_str(wr, "</title></rect>\n");
            text_at(wr, x + bar / 2, y - LABEL_GAP, "middle", buf);
        }
    }
    jx_out_str(wr, "</g>\n");

    /* the axes over the bars' feet, the category labels and the label of the categories */
    line(wr, JX_SVG_LEFT, JX_SVG_TOP, JX_SVG_LEFT, JX_SVG_BASE, 0);
    line(wr, JX_SVG_LEFT, JX_SVG_BASE, RIGHT, JX_SVG_BASE, 0);
    jx_out_str(wr, "<g class=\"labels\">\n");
    for (size_t i = 0; i < ncat; i++)
        text_at(wr, JX_SVG_LEFT + i * group + group / 2, JX_SVG_BASE + 20, "middle", c->categories[i]);
    text_at(wr, JX_SVG_LEFT + JX_SVG_PLOT_WIDTH / 2, JX_SVG_BASE + 46, "middle", c->x_label);
    jx_out_str(wr, "</g>\n</svg>\n");
}
