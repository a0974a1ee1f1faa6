#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Makes table.xlsx, the .xlsx twin of table.txt (a 市级部门预算项目绩效目标表 exported
# tab-separated), the way the budget system's own workbook lays it out: every cell as the
# text it holds in table.txt, and the 一级指标 / 二级指标 cells of consecutive rows of one
# project merged into one cell (openpyxl keeps the value in the top-left cell only).
# Run with Debian's python3-openpyxl: /usr/bin/python3 make.py
import openpyxl

COL_L1, COL_L2 = 8, 9  # 1-based columns of 一级指标 and 二级指标 in table.txt

rows = [line.rstrip("\n").split("\t") for line in open("table.txt", encoding="utf-8")]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "绩效目标表"
for r, cells in enumerate(rows, start=1):
    for c, v in enumerate(cells, start=1):
        if v != "":
            ws.cell(row=r, column=c, value=v)


def merge_runs(col):
    """Merges each run of two or more rows holding the same text in col, within one project."""
    r = 1
    while r <= len(rows):
        v = ws.cell(row=r, column=col).value
        end = r
        while (v and end + 1 <= len(rows) and ws.cell(row=end + 1, column=col).value == v
               and not ws.cell(row=end + 1, column=2).value):  # a new project starts where column B is filled
            end += 1
        if end > r:
            ws.merge_cells(start_row=r, start_column=col, end_row=end, end_column=col)
        r = end + 1


merge_runs(COL_L1)
merge_runs(COL_L2)
wb.save("table.xlsx")

# two.xlsx: a 说明 sheet, then the table twice (sheets 目标表 and 目标表（复制）), to try the
# choice of sheet: import reads 目标表 and warns about the copy; --sheet picks either.
wb2 = openpyxl.load_workbook("table.xlsx")
notes = wb2.create_sheet("说明", 0)
notes["A1"] = "本工作簿由预算系统导出，请勿修改表头。"
copy = wb2.copy_worksheet(wb2["绩效目标表"])
copy.title = "目标表（复制）"
wb2.save("two.xlsx")
