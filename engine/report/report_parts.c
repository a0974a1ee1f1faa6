/* report_parts.c — the table aligned by display width, the scratch strings and the JSON
 * strings every JSON reporter writes (report_parts.h). */
#include "report_parts.h"

#include "text.h"
#include "width.h"

#include <stdarg.h>
#include <string.h>

/* ------------------------------------------------------------------- table */

void jx_table_init(jx_table *t, jx_writer *w, size_t ncols)
{
    t->w = w;
    t->ncols = ncols < JX_TABLE_MAXCOLS ? ncols : JX_TABLE_MAXCOLS;
    t->cells = NULL;
    t->nrows = 0;
    t->cap = 0;
}

const char **jx_table_row(jx_table *t)
{
    if (t->nrows == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 16;
        const char **nc = jx_arena_alloc(&t->w->scratch, ncap * t->ncols * sizeof *nc);
        if (!nc) {
            jx_scratch_fail(t->w);
            return NULL;
        }
        if (t->nrows)
            memcpy(nc, t->cells, t->nrows * t->ncols * sizeof *nc);
        t->cells = nc;
        t->cap = ncap;
    }
    const char **row = t->cells + t->nrows * t->ncols;
    for (size_t c = 0; c < t->ncols; c++)
        row[c] = "";
    t->nrows++;
    return row;
}

void jx_table_print(const jx_table *t, size_t indent)
{
    size_t widths[JX_TABLE_MAXCOLS] = {0};
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = t->cells[r * t->ncols + c];
            size_t wd = jx_display_width(s, strlen(s));
            if (wd > widths[c])
                widths[c] = wd;
        }
    for (size_t r = 0; r < t->nrows; r++) {
        const char **row = t->cells + r * t->ncols;
        size_t last = t->ncols;
        while (last > 0 && row[last - 1][0] == '\0')
            last--;
        jx_out_spaces(t->w, indent);
        for (size_t c = 0; c < last; c++) {
            size_t n = strlen(row[c]);
            jx_out_bytes(t->w, row[c], n);
            if (c + 1 < last)
                jx_out_spaces(t->w, widths[c] - jx_display_width(row[c], n) + 2);
        }
        jx_out_char(t->w, '\n');
    }
}

/* --------------------------------------------------------- scratch strings */

const char *jx_scratch_fail(jx_writer *w)
{
    if (w->err == JX_OK)
        w->err = JX_ERR_NOMEM;
    return "";
}

const char *jx_scratch_printf(jx_writer *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = jx_arena_vprintf(&w->scratch, fmt, ap);
    va_end(ap);
    return s ? s : jx_scratch_fail(w);
}

const char *jx_scratch_str(jx_writer *w, const char *s)
{
    char *c = jx_arena_strndup(&w->scratch, s, strlen(s));
    return c ? c : jx_scratch_fail(w);
}

/* -------------------------------------------------------------------- JSON */

void jx_json_str_n(jx_writer *w, const char *s, size_t n)
{
    jx_out_char(w, '"');
    while (n > 0) {
        size_t k = jx_text_json_plain(s, n), used;
        jx_out_bytes(w, s, k); /* the run that needs nothing, at once */
        s += k;
        n -= k;
        if (n > 0) {
            char esc[JX_TEXT_ESCAPE_MAX];
            jx_out_bytes(w, esc, jx_text_json_escape(s, n, esc, &used));
            s += used;
            n -= used;
        }
    }
    jx_out_char(w, '"');
}

void jx_json_str(jx_writer *w, const char *s)
{
    jx_json_str_n(w, s ? s : "", s ? strlen(s) : 0);
}

void jx_json_key(jx_writer *w, const char *k)
{
    jx_out_str(w, ",\"");
    jx_out_str(w, k);
    jx_out_str(w, "\":");
}

void jx_json_grade(jx_writer *w, jx_grade g)
{
    if (g == JX_GRADE_NONE)
        jx_out_str(w, "null");
    else
        jx_json_str(w, jx_grade_name(g));
}
