/* md.c — escaped text, tables and the findings list of the Markdown reports. */
#include "md.h"

#include <string.h>

/* The bytes that take a backslash (1) and those that start a line break (2). */
static const unsigned char md_byte_class[256] = {
    ['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1, ['<'] = 1,
    ['>'] = 1,  ['|'] = 1, ['~'] = 1, ['&'] = 1, ['$'] = 1, ['\n'] = 2, ['\r'] = 2,
};

void jx_md_text(jx_writer *wr, const char *s, size_t n)
{
    size_t run = 0; /* start of the plain bytes not yet written */
    for (size_t i = 0; i < n; i++) {
        unsigned char cls = md_byte_class[(unsigned char)s[i]];
        if (cls == 0)
            continue;
        jx_out_bytes(wr, s + run, i - run);
        if (cls == 1) {
            jx_out_char(wr, '\\');
            jx_out_char(wr, s[i]);
        } else {
            if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++; /* \r\n is one break */
            jx_out_str(wr, "<br>");
        }
        run = i + 1;
    }
    jx_out_bytes(wr, s + run, n - run);
}

void jx_md_str(jx_writer *wr, const char *s)
{
    jx_md_text(wr, s, strlen(s));
}

void jx_md_table_head(jx_writer *wr, const char *const *heads, const char *align, size_t n)
{
    jx_md_table_row(wr, heads, n);
    jx_out_char(wr, '|');
    for (size_t i = 0; i < n; i++) {
        switch (align[i]) {
        case 'r': jx_out_str(wr, " ---: |"); break;
        case 'c': jx_out_str(wr, " :---: |"); break;
        default: jx_out_str(wr, " --- |"); break;
        }
    }
    jx_out_char(wr, '\n');
}

void jx_md_table_row(jx_writer *wr, const char *const *cells, size_t n)
{
    jx_out_char(wr, '|');
    for (size_t i = 0; i < n; i++) {
        jx_out_char(wr, ' ');
        jx_md_str(wr, cells[i]);
        jx_out_str(wr, " |");
    }
    jx_out_char(wr, '\n');
}

void jx_md_diag_list(jx_writer *wr, const char *title, const jx_diag *d, size_t n)
{
    if (n == 0)
        return;
    jx_out_str(wr, "\n### ");
    jx_md_str(wr, title);
    jx_out_str(wr, "\n\n");
    for (size_t i = 0; i < n; i++) {
        jx_out_uint(wr, i + 1);
        jx_out_str(wr, ". ");
        jx_out_str(wr, jx_severity_name(d[i].severity));
        jx_out_str(wr, " `");
        jx_out_str(wr, d[i].code); /* codes are words and hyphens: nothing to escape */
        jx_out_str(wr, "` ");
        jx_md_str(wr, d[i].file);
        if (d[i].line) {
            jx_out_char(wr, ':');
            jx_out_uint(wr, d[i].line);
            jx_out_char(wr, ':');
            jx_out_uint(wr, d[i].column);
        }
        jx_out_str(wr, "：");
        jx_md_str(wr, d[i].message);
        jx_out_char(wr, '\n');
    }
}
