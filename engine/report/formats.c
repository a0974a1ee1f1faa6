/* SPDX-License-Identifier: MIT */
/* formats.c — the one table of output formats: for each, its name, the documents it
 * writes and the reporter that writes each, and what --help says of it. The writers
 * (jx_writer_create, jx_audit_writer_create, jx_review_writer_create), jx_format_parse and
 * the CLI's --help and option checks all read it: adding a format is a renderer (or a
 * reporter) and a row here.
 */

#include "doc.h"

#include <string.h>

/* The order is that of --help and of the error messages listing the formats. */
static const jx_format_row rows[] = {
    {{"text", JX_FORMAT_TEXT,
      {"默认，自评表，按显示宽度对齐", "默认，按显示宽度对齐", "默认，按显示宽度对齐", NULL, "默认，按显示宽度对齐"}},
     &jx_render_text, &jx_form_doc_reporter, &jx_audit_doc_reporter, &jx_review_doc_reporter, NULL,
     &jx_vet_doc_reporter},
    {{"json", JX_FORMAT_JSON, {"", "", "", NULL, ""}},
     NULL, &jx_reporter_json, &jx_audit_reporter_json, &jx_review_reporter_json, NULL, &jx_vet_reporter_json},
    {{"csv", JX_FORMAT_CSV, {"每个指标一行", "", "", "默认，UTF-8 带 BOM，每个指标一行，项目的列在其第一行", "每条发现一行"}},
     NULL, &jx_reporter_csv, &jx_audit_reporter_csv, &jx_review_reporter_csv, &jx_reporter_template,
     &jx_vet_reporter_csv},
    {{"html", JX_FORMAT_HTML, {"按 A4 打印的自评表", "按 A4 打印", "按 A4 打印，每个项目一页复核表", NULL, "按 A4 打印"}},
     &jx_render_html, &jx_form_doc_reporter, &jx_audit_doc_reporter, &jx_review_doc_reporter, NULL,
     &jx_vet_doc_reporter},
    {{"md", JX_FORMAT_MD, {"Markdown", "Markdown", "Markdown", NULL, "Markdown"}},
     &jx_render_md, &jx_form_doc_reporter, &jx_audit_doc_reporter, &jx_review_doc_reporter, NULL,
     &jx_vet_doc_reporter},
    {{"xlsx", JX_FORMAT_XLSX,
      {"Excel 工作簿：自评结果清单，每个项目一张自评表", "Excel 工作簿：汇总、项目、发现、抽查",
       "Excel 工作簿：复核结果清单，每个项目一张复核表", "Excel 工作簿：指标、项目两张表，只有要填的单元格可编辑",
       "Excel 工作簿：汇总、项目、发现"}},
     &jx_render_xlsx, &jx_form_doc_reporter, &jx_audit_doc_reporter, &jx_review_doc_reporter,
     &jx_reporter_template_xlsx, &jx_vet_doc_reporter},
    {{"txt", JX_FORMAT_TXT,
      {"纯文本，不对齐，便于贴进邮件和聊天", "纯文本，不对齐，便于贴进邮件和聊天", "纯文本，不对齐，便于贴进邮件和聊天",
       NULL, "纯文本，不对齐，便于贴进邮件和聊天"}},
     &jx_render_txt, &jx_form_doc_reporter, &jx_audit_doc_reporter, &jx_review_doc_reporter, NULL,
     &jx_vet_doc_reporter},
    {{"jx", JX_FORMAT_JX, {"规则文本：目标与实际合并，可提交、可再计分", NULL, NULL, NULL}},
     NULL, &jx_reporter_jx, NULL, NULL, NULL, NULL},
    {{"template", JX_FORMAT_TEMPLATE, {"实际完成值模板（CSV），同 template 命令", NULL, NULL, NULL}},
     NULL, &jx_reporter_template, NULL, NULL, NULL, NULL},
};

#define NROWS (sizeof rows / sizeof rows[0])

const jx_format_info *jx_format_at(size_t i)
{
    return i < NROWS ? &rows[i].info : NULL;
}

const jx_format_row *jx_format_row_of(jx_format fmt)
{
    for (size_t i = 0; i < NROWS; i++)
        if (rows[i].info.format == fmt)
            return &rows[i];
    return NULL;
}

jx_result jx_format_parse(const char *name, jx_format *out)
{
    if (!name || !out)
        return JX_ERR_USAGE;
    for (size_t i = 0; i < NROWS; i++)
        if (strcmp(rows[i].info.name, name) == 0) {
            *out = rows[i].info.format;
            return JX_OK;
        }
    return JX_ERR_USAGE;
}
