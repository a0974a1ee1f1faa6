/* html.c — escaped text, cells, the document shell and the findings table of the HTML reports. */
#include "html.h"

#include "text.h"

#include <string.h>

void jx_html_text(jx_writer *wr, const char *s, size_t n)
{
    while (n > 0) {
        size_t k = jx_text_html_plain(s, n), used;
        jx_out_bytes(wr, s, k); /* the run that needs nothing, at once */
        s += k;
        n -= k;
        if (n > 0) {
            char esc[JX_TEXT_ESCAPE_MAX];
            jx_out_bytes(wr, esc, jx_text_html_escape(s, n, esc, &used));
            s += used;
            n -= used;
        }
    }
}

void jx_html_str(jx_writer *wr, const char *s)
{
    jx_html_text(wr, s, strlen(s));
}

/* Appends ` name="v"` for v > 1. */
static void span_attr(jx_writer *wr, const char *name, uint32_t v)
{
    if (v <= 1)
        return;
    jx_out_char(wr, ' ');
    jx_out_str(wr, name);
    jx_out_str(wr, "=\"");
    jx_out_uint(wr, v);
    jx_out_char(wr, '"');
}

void jx_html_cell_open(jx_writer *wr, const jx_html_cell *c)
{
    jx_out_str(wr, c->scope ? "<th" : "<td");
    if (c->scope) {
        jx_out_str(wr, " scope=\"");
        jx_out_str(wr, c->scope);
        jx_out_char(wr, '"');
    }
    span_attr(wr, "rowspan", c->rowspan);
    span_attr(wr, "colspan", c->colspan);
    if (c->cls) {
        jx_out_str(wr, " class=\"");
        jx_html_str(wr, c->cls);
        jx_out_char(wr, '"');
    }
    jx_out_char(wr, '>');
}

void jx_html_cell_close(jx_writer *wr, const jx_html_cell *c)
{
    jx_out_str(wr, c->scope ? "</th>" : "</td>");
}

void jx_html_cell_text(jx_writer *wr, const jx_html_cell *c, const char *text)
{
    jx_html_cell_open(wr, c);
    jx_html_str(wr, text);
    jx_html_cell_close(wr, c);
}

void jx_html_head_row(jx_writer *wr, const char *const *heads, size_t n)
{
    static const jx_html_cell col = {"col", NULL, 0, 0};
    jx_out_str(wr, "<tr>");
    for (size_t i = 0; i < n; i++)
        jx_html_cell_text(wr, &col, heads[i]);
    jx_out_str(wr, "</tr>\n");
}

/* The style every HTML report shares: A4 pages, the fonts, ruled tables, and on
 * screen each sheet drawn as a page. */
static const char base_css[] =
    "@page { size: A4; margin: 12mm 12mm; }\n"
    "* { box-sizing: border-box; }\n"
    "html { font-family: \"SimSun\", \"宋体\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\",\n"
    "  \"Noto Sans CJK SC\", \"WenQuanYi Micro Hei\", \"Microsoft YaHei\", serif;\n"
    "  font-size: 10pt; line-height: 1.3; color: #000; }\n"
    "body { margin: 0; background: #e8e8e8; }\n"
    ".sheet { background: #fff; width: 210mm; min-height: 297mm; margin: 6mm auto; padding: 12mm 12mm;\n"
    "  box-shadow: 0 0 2mm rgba(0, 0, 0, 0.3); }\n"
    ".sheet + .sheet { break-before: page; page-break-before: always; }\n"
    "h1 { font-size: 15pt; font-weight: bold; text-align: center; letter-spacing: 0.08em; margin: 0; }\n"
    "h2 { font-size: 10pt; font-weight: bold; margin: 3mm 0 1mm;\n"
    "  break-after: avoid; page-break-after: avoid; }\n"
    "table { width: 100%; border-collapse: collapse; table-layout: fixed; }\n"
    "th, td { border: 0.75pt solid #000; padding: 0.5mm 0.8mm; text-align: center; vertical-align: middle;\n"
    "  white-space: pre-line; overflow-wrap: anywhere; }\n"
    "th { font-weight: normal; }\n"
    "tr { break-inside: avoid; page-break-inside: avoid; }\n"
    "td.l, th.l { text-align: left; }\n"
    "p.file { font-size: 8.5pt; margin: 0 0 1mm; overflow-wrap: anywhere; break-after: avoid; }\n"
    "table.findings { font-size: 8.5pt; line-height: 1.25; }\n"
    "table.findings th { font-weight: bold; }\n"
    "table.findings td { text-align: left; vertical-align: top; }\n"
    "table.findings td.n { text-align: center; }\n"
    "@media print {\n"
    "  body { background: none; }\n"
    "  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }\n"
    "}\n";

void jx_html_begin(jx_writer *wr, const char *title, const char *css)
{
    jx_out_str(wr, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"generator\" content=\"jixiao " JX_VERSION "\">\n<title>");
    jx_html_str(wr, title);
    jx_out_str(wr, "</title>\n<style>\n");
    jx_out_str(wr, base_css);
    if (css)
        jx_out_str(wr, css);
    jx_out_str(wr, "</style>\n</head>\n<body>\n");
}

void jx_html_end(jx_writer *wr)
{
    jx_out_str(wr, "</body>\n</html>\n");
}

/* The columns of the findings table and their widths. */
static const char *const diag_head[] = {"序号", "级别", "代码", "位置", "说明"};
static const char diag_cols[] =
    "<colgroup><col style=\"width: 5%\"><col style=\"width: 6%\"><col style=\"width: 17%\">"
    "<col style=\"width: 10%\"><col style=\"width: 62%\"></colgroup>\n";

void jx_html_diag_table(jx_writer *wr, const char *title, const char *file, const jx_diag *d, size_t n)
{
    if (n == 0)
        return;
    jx_out_str(wr, "<h2>");
    jx_html_str(wr, title);
    jx_out_str(wr, "</h2>\n");
    if (file) {
        jx_out_str(wr, "<p class=\"file\">文件：");
        jx_html_str(wr, file);
        jx_out_str(wr, "</p>\n");
    }
    jx_out_str(wr, "<table class=\"findings\">\n");
    jx_out_str(wr, diag_cols);
    jx_out_str(wr, "<thead>");
    jx_html_head_row(wr, diag_head, sizeof diag_head / sizeof *diag_head);
    jx_out_str(wr, "</thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        jx_out_str(wr, "<tr><td class=\"n\">");
        jx_out_uint(wr, i + 1);
        jx_out_str(wr, "</td><td class=\"n\">");
        jx_html_str(wr, jx_severity_name(d[i].severity));
        jx_out_str(wr, "</td><td>");
        jx_html_str(wr, d[i].code);
        jx_out_str(wr, "</td><td>");
        int same_file = file && strcmp(d[i].file, file) == 0;
        if (!same_file)
            jx_html_str(wr, d[i].file);
        if (d[i].line) {
            if (!same_file)
                jx_out_char(wr, ':');
            jx_out_uint(wr, d[i].line);
            jx_out_char(wr, ':');
            jx_out_uint(wr, d[i].column);
        }
        jx_out_str(wr, "</td><td>");
        jx_html_str(wr, d[i].message);
        jx_out_str(wr, "</td></tr>\n");
    }
    jx_out_str(wr, "</tbody>\n</table>\n");
}
