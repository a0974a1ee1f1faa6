#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes a department's 项目支出绩效目标表 of two projects, in three forms (see README.md).

Run as /usr/bin/python3 make.py, on Debian 12 with python3-openpyxl and
libreoffice-calc-nogui. The rows are written once, below, by openpyxl (targets.xlsx, as a
department fills the form in Excel or WPS: a title over the table, the project's cells and
the 一级/二级 cells merged over their rows, the 上年 rates stored as numbers formatted as
percentages); the other two files are made from that workbook by LibreOffice:

  targets.xls           soffice --convert-to xls (LibreOffice's "MS Excel 97" filter)
  targets-gb18030.csv   soffice --convert-to csv, comma, GB18030, values as shown; CRLF

LibreOffice on Linux ends its text lines with LF; Excel and WPS on Windows end them with
CRLF, so the LF line ends are made CRLF here (no cell holds a line break).
"""
import os
import shutil
import subprocess
import tempfile

import openpyxl
from openpyxl.styles import Alignment

HERE = os.path.dirname(os.path.abspath(__file__))
ORG = "某区民政局"
TITLE = "2025年度项目支出绩效目标表"
HEAD = ["项目名称", "单位", "年度目标", "一级指标", "二级指标", "三级指标", "指标值", "度量单位",
        "上年度实际完成值", "指标值设定依据"]
PCT = "0%"

# (project, goal, [(一级, 二级, 三级, 指标值, 度量单位, 上年 (a number, a (number, format) or a
# text), 依据)])
PROJECTS = [
    ("社区养老服务补贴", "为辖区高龄老人发放养老服务补贴", [
        ("产出指标", "数量指标", "服务老人人数", "≥1000", "人", 1200, "按上年实际下调"),
        ("产出指标", "质量指标", "服务合格率", "≥95%", "", (0.95, PCT), "行业标准"),
        ("产出指标", "时效指标", "补贴发放及时率", "≥98%", "", (0.99, PCT), None),
        ("产出指标", "成本指标", "人均补贴标准", "≤1200", "元/人", None, None),
        ("效益指标", "社会效益指标", "老年人生活质量", "有所提高", "", None, None),
        ("满意度指标", "服务对象满意度指标", "老人满意度", "≥100%", "", "≥90%", None),
    ]),
    ("居家养老上门服务", "", [
        ("产出指标", "数量指标", "上门服务次数", "≥5000", "次", 4000, None),
        ("产出指标", "质量指标", "服务合格率", "≥95%", "", None, None),
        ("产出指标", "时效指标", "响应时间", "≤2", "小时", 1, None),
        ("效益指标", "社会效益指标", "居家养老覆盖率", "≥60%", "", (0.5, PCT), None),
    ]),
]


def merge_runs(ws, col, first, values):
    """Merges the cells of column col from row first over each run of equal values."""
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            if i - start > 1:
                ws.merge_cells(start_row=first + start, start_column=col, end_row=first + i - 1, end_column=col)
                ws.cell(first + start, col).alignment = Alignment(vertical="center")
            start = i


def write_xlsx(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    ws.cell(1, 1, TITLE)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEAD))
    for c, h in enumerate(HEAD, 1):
        ws.cell(2, c, h)
    row = 3
    for name, goal, inds in PROJECTS:
        first = row
        for l1, l2, l3, target, unit, last, basis in inds:
            cells = [name, ORG, goal, l1, l2, l3, target, unit]
            for c, v in enumerate(cells, 1):
                if v:
                    ws.cell(row, c, v)
            if isinstance(last, tuple):
                ws.cell(row, 9, last[0]).number_format = last[1]
            elif last is not None:
                ws.cell(row, 9, last)
            if basis:
                ws.cell(row, 10, basis)
            row += 1
        n = len(inds)
        for col in (1, 2, 3):  # the project's cells over its rows
            ws.merge_cells(start_row=first, start_column=col, end_row=first + n - 1, end_column=col)
        merge_runs(ws, 4, first, [i[0] for i in inds])
        merge_runs(ws, 5, first, [(i[0], i[1]) for i in inds])
    wb.save(path)


def soffice(args, cwd):
    subprocess.run(["soffice", "--headless", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def main():
    xlsx = os.path.join(HERE, "targets.xlsx")
    write_xlsx(xlsx)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(xlsx, tmp)
        soffice(["--convert-to", "xls", "targets.xlsx"], tmp)
        soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,85,1,,0,false,false,true", "targets.xlsx"], tmp)
        shutil.copy(os.path.join(tmp, "targets.xls"), os.path.join(HERE, "targets.xls"))
        with open(os.path.join(tmp, "targets.csv"), "rb") as f:
            text = f.read()
    assert b"\r" not in text
    with open(os.path.join(HERE, "targets-gb18030.csv"), "wb") as f:
        f.write(text.replace(b"\n", b"\r\n"))
    # the bytes: GB18030 without a BOM, the title first, CRLF line ends
    with open(os.path.join(HERE, "targets-gb18030.csv"), "rb") as f:
        data = f.read()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.decode("gb18030").startswith(TITLE)
    assert data.count(b"\r\n") == data.count(b"\n")
    with open(os.path.join(HERE, "targets.xls"), "rb") as f:
        assert f.read(8) == bytes.fromhex("d0cf11e0a1b11ae1")


if __name__ == "__main__":
    main()
