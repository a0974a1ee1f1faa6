#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Makes the .xlsx fixtures of tests/unit/test_table_xlsx.c (see README.md beside this file).

Run from anywhere with Debian's Python, which has openpyxl (python3-openpyxl) and
XlsxWriter (python3-xlsxwriter); LibreOffice (soffice) is needed for formula.xlsx and
lo_basic.xlsx:

    /usr/bin/python3 tests/unit/data/xlsx/make.py

The files are checked in; CI never runs this.
"""
import datetime
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl
from openpyxl.styles import Font
from openpyxl.workbook.workbook import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))


def out(name):
    return os.path.join(HERE, name)


def basic():
    """One sheet: shared strings, number formats, dates, booleans, merges, an empty and a sparse row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["一级指标", "二级指标", "三级指标", "指标值"])
    ws["A2"] = "产出指标"
    ws["B2"] = "数量指标"
    ws["C2"] = "完成率"
    ws["D2"] = 0.97
    ws["D2"].number_format = "0%"
    ws["B3"] = "质量指标"
    ws["C3"] = "达标率"
    ws["D3"] = 0.9712
    ws["D3"].number_format = "0.00%"
    ws["B4"] = "时效指标"
    ws["C4"] = "金额"
    ws["D4"] = 1200
    ws["D4"].number_format = "#,##0"
    ws.merge_cells("A2:A4")
    ws["A5"].font = Font(bold=True)  # a styled cell with no value: row 5 is written, empty
    ws["A6"] = 0.1 + 0.2  # stored as 0.30000000000000004
    ws["B6"] = datetime.date(2024, 3, 31)
    ws["C6"] = datetime.datetime(2024, 3, 31, 8, 30, 0)
    ws["D6"] = True
    ws["E6"] = False
    ws["F6"] = 42
    ws["G6"] = -1.5
    ws["A7"] = "甲"
    ws["D7"] = "丁"
    ws["A8"] = datetime.date(2024, 3, 31)
    ws["A8"].number_format = "mm-dd-yy"  # the built-in format 14
    ws["B8"] = datetime.date(2024, 3, 31)
    ws["B8"].number_format = 'yyyy"年"m"月"d"日"'
    ws["C8"] = 0.975
    ws["C8"].number_format = "0.0%"
    ws["D8"] = "  前后空格 "
    ws["E8"] = "第一行\n第二行"
    ws["B9"] = "合并标题"
    ws.merge_cells("B9:D9")
    wb.save(out("basic.xlsx"))


def sheets():
    """Four tabs: two worksheets, a chartsheet, a hidden worksheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "目标"
    ws.append(["项目", "目标值"])
    ws.append(["甲", 1])
    ws2 = wb.create_sheet("自评")
    ws2.append(["项目", "完成值"])
    ws2.append(["乙", 2])
    ws2.append(["丙", 3])
    cs = wb.create_chartsheet("图表")
    chart = openpyxl.chart.BarChart()
    chart.add_data(openpyxl.chart.Reference(ws2, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    cs.add_chart(chart)
    ws4 = wb.create_sheet("隐藏")
    ws4.sheet_state = "hidden"
    ws4["B2"] = "藏"
    wb.save(out("sheets.xlsx"))


def date1904():
    """The 1904 date system: the same date is another serial."""
    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws["A1"] = datetime.date(2024, 3, 31)
    ws["B1"] = 5
    wb.save(out("date1904.xlsx"))


def many_rows():
    """5000 rows of three cells, written in openpyxl's streaming mode: more than one 64 KiB piece of XML."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("行")
    for i in range(1, 5001):
        ws.append(["行%04d" % i, i, i * 0.5])
    wb.save(out("many_rows.xlsx"))


def inline():
    """XlsxWriter in constant_memory mode writes its strings inline (<c t="inlineStr"><is><t>)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(out("inline.xlsx"), {"constant_memory": True})
    ws = wb.add_worksheet("内联")
    ws.write_string(0, 0, "内联文字")
    ws.write_number(0, 1, 3.5)
    ws.write_string(1, 2, "第二行")
    # a formula with the cached value XlsxWriter is told to store
    ws.write_formula(2, 0, "=B1*2", None, 7)
    wb.close()


def libreoffice(src, name):
    """src (a workbook) opened and saved as .xlsx by LibreOffice, which calculates formulas."""
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("soffice (LibreOffice) is needed for " + name)
    with tempfile.TemporaryDirectory() as tmp:
        profile = "file://" + os.path.join(tmp, "profile")
        subprocess.run([soffice, "-env:UserInstallation=" + profile, "--headless", "--convert-to", "xlsx",
                        "--outdir", os.path.join(tmp, "out"), src], check=True, stdout=subprocess.DEVNULL)
        shutil.copyfile(os.path.join(tmp, "out", os.path.basename(src)), out(name))


def formula():
    """Formulas written by openpyxl (no cached values), calculated and saved by LibreOffice."""
    wb = Workbook()
    ws = wb.active
    ws.title = "公式"
    ws["A1"] = 10
    ws["B1"] = 20
    ws["C1"] = "=A1+B1"
    ws["D1"] = "=A1/B1"
    ws["D1"].number_format = "0%"
    ws["A2"] = "甲"
    ws["B2"] = '=A2&"乙"'
    ws["C2"] = "=1/0"
    ws["D2"] = "=A1>5"
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "formula.xlsx")
        wb.save(src)
        libreoffice(src, "formula.xlsx")


def broken():
    """Damaged copies of basic.xlsx: cut in half; its sheet's XML cut short; a ZIP with no workbook."""
    with open(out("basic.xlsx"), "rb") as f:
        data = f.read()
    with open(out("truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(out("broken_xml.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                cut = part.index(b'<row r="4"')
                part = part[: cut + 30]  # stops inside row 4
            z.writestr(info.filename, part)
    with zipfile.ZipFile(out("no_workbook.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "不是工作簿")


def excel_numbers():
    """Numbers as Excel stores them (17 significant digits, exponents), which no producer here
    writes: an openpyxl workbook whose <v> texts are then rewritten to Excel's spelling."""
    wb = Workbook()
    ws = wb.active
    ws.title = "数"
    ws["A1"] = 0.1 + 0.2
    ws["A2"] = 0.0015
    ws["A3"] = 123456789012345678
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    excel = {"A1": "0.30000000000000004", "A2": "1.5E-3", "A3": "1.2345678901234568E+17"}
    with zipfile.ZipFile(out("excel_numbers.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                for ref, text in excel.items():
                    part, n = re.subn(rb'(<c r="%s"[^>]*><v>)[^<]*(</v>)' % ref.encode(),
                                      rb"\g<1>" + text.encode() + rb"\g<2>", part)
                    assert n == 1, ref
            z.writestr(info.filename, part)


def main():
    basic()
    sheets()
    date1904()
    many_rows()
    inline()
    formula()
    libreoffice(out("basic.xlsx"), "lo_basic.xlsx")
    broken()
    excel_numbers()


if __name__ == "__main__":
    main()
