/* SPDX-License-Identifier: MIT */
/* tables.c — the table reader measured on its own.
 *
 *     jx_bench_tables gen N DIR    writes DIR/actuals.csv (UTF-8 with BOM, as Excel's
 *                                  "CSV UTF-8" saves it) and DIR/actuals.xlsx (written
 *                                  by libxlsxwriter, text in the shared-string table as
 *                                  Excel writes it, 实际完成值 a number formatted #,##0
 *                                  or 0%) with the same N actuals rows
 *     jx_bench_tables read FILE    reads FILE through the table reader to its end and
 *                                  prints the rows and cells read
 *
 * bench/tables.sh runs `read` under jx_audit_run for both files at two sizes, to show
 * the time ratio and whether memory grows with the rows.
 */
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/** The indicators each project has, cycled through the rows. */
static const char *const names[] = {"服务人次", "巡检次数", "系统可用率", "工作效率", "满意率",
                                    "接入系统数量", "培训人次", "响应时间", "覆盖率", "故障率"};

static int gen(long n, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/actuals.csv", dir);
    FILE *csv = fopen(path, "wb");
    snprintf(path, sizeof path, "%s/actuals.xlsx", dir);
    lxw_workbook *wb = workbook_new(path);
    if (!csv || !wb) {
        fprintf(stderr, "jx_bench_tables: cannot write into %s\n", dir);
        return 1;
    }
    lxw_worksheet *ws = workbook_add_worksheet(wb, "实际完成值");
    lxw_format *thousands = workbook_add_format(wb);
    format_set_num_format(thousands, "#,##0");
    lxw_format *percent = workbook_add_format(wb);
    format_set_num_format(percent, "0%");
    static const char *const header[] = {"项目", "单位", "三级指标", "实际完成值", "偏差原因"};
    fputs("\xEF\xBB\xBF项目,单位,三级指标,实际完成值,偏差原因\n", csv);
    for (int c = 0; c < 5; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, header[c], NULL);
    for (long i = 0; i < n; i++) {
        char project[64], org[64];
        long p = i / 10;
        snprintf(project, sizeof project, "项目%06ld", p);
        snprintf(org, sizeof org, "%03ld001-单位%ld", p % 500, p % 500);
        const char *name = names[i % 10];
        const char *reason = i % 7 == 0 ? "部分工作顺延至下年" : "";
        lxw_row_t r = (lxw_row_t)(i + 1);
        worksheet_write_string(ws, r, 0, project, NULL);
        worksheet_write_string(ws, r, 1, org, NULL);
        worksheet_write_string(ws, r, 2, name, NULL);
        if (i % 10 == 2 || i % 10 == 4) { /* a rate: 0.97 formatted 0%, "97%" in the CSV */
            worksheet_write_number(ws, r, 3, 0.9 + (double)(i % 10) / 100, percent);
            fprintf(csv, "%s,%s,%s,%ld%%,%s\n", project, org, name, 90 + i % 10, reason);
        } else { /* a count: 1200 formatted #,##0, "1,200" as Excel's CSV shows it */
            long v = 1000 + i % 997;
            worksheet_write_number(ws, r, 3, (double)v, thousands);
            fprintf(csv, "%s,%s,%s,\"%ld,%03ld\",%s\n", project, org, name, v / 1000, v % 1000, reason);
        }
        if (*reason)
            worksheet_write_string(ws, r, 4, reason, NULL);
    }
    int bad = fclose(csv) != 0;
    if (workbook_close(wb) != LXW_NO_ERROR || bad) {
        fprintf(stderr, "jx_bench_tables: writing failed\n");
        return 1;
    }
    return 0;
}

static int read_all(const char *path)
{
    jx_table *t = NULL;
    jx_table_error err;
    if (jx_table_open(&t, path, NULL, NULL, &err) != JX_OK) {
        fprintf(stderr, "jx_bench_tables: %s: %s\n", path, err.message);
        return 1;
    }
    jx_table_row r;
    jx_table_status st;
    unsigned long rows = 0, cells = 0, bytes = 0;
    while ((st = jx_table_next(t, &r)) == JX_TABLE_ROW) {
        rows++;
        cells += r.ncells;
        for (size_t i = 0; i < r.ncells; i++)
            bytes += r.cells[i].n;
    }
    if (st != JX_TABLE_END)
        fprintf(stderr, "jx_bench_tables: %s: %s\n", path, jx_table_last_error(t)->message);
    jx_table_close(t);
    printf("%lu rows, %lu cells, %lu bytes of text\n", rows, cells, bytes);
    return st == JX_TABLE_END ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "gen") == 0)
        return gen(strtol(argv[2], NULL, 10), argv[3]);
    if (argc == 3 && strcmp(argv[1], "read") == 0)
        return read_all(argv[2]);
    fprintf(stderr, "usage: jx_bench_tables gen N DIR | read FILE\n");
    return 2;
}
