#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes the actuals and 复核 tables of demo.jx, each in five forms (see README.md).

Run as /usr/bin/python3 make.py, on Debian 12 with python3-openpyxl and
libreoffice-calc-nogui. The rows are written once, below, by openpyxl (actuals.xlsx,
review.xlsx); every other file is made from those two workbooks:

  NAME.xls           soffice --convert-to xls (LibreOffice's "MS Excel 97" filter)
  NAME-gb18030.csv   soffice --convert-to csv, comma, GB18030, values as shown; CRLF
  NAME-utf16.txt     soffice --convert-to txt, tab, UTF-16 (LibreOffice writes the BOM), as shown; CRLF
  NAME-bom.csv       Python's csv module, UTF-8 with a BOM, from the values openpyxl reads back

LibreOffice on Linux ends its text lines with LF; Excel and WPS on Windows end them with
CRLF, so the LF line ends of the two LibreOffice texts are made CRLF here (no cell holds a
line break, so every LF is a line end). At the end every file's bytes are checked.
"""
import codecs
import csv
import io
import os
import shutil
import subprocess
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))

PROJECT = "日常运维经费"
U1 = "301001-大数据发展管理中心"
U2 = "302001-数据资源中心"
THOUSANDS = "#,##0"

# (一级指标, 二级指标, 三级指标) of each project, in demo.jx's order
INDICATORS = [
    ("产出指标", "数量指标", "服务人次"),
    ("产出指标", "数量指标", "巡检次数"),
    ("产出指标", "质量指标", "系统可用率"),
    ("效益指标", "社会效益", "工作效率"),
    ("满意度指标", "服务对象满意度", "满意率"),
]

# 实际完成值 and 偏差原因 by 单位 and 三级指标; a (value, format) pair is a number cell
ACTUALS = {
    U1: {"服务人次": ((1200, THOUSANDS), None), "巡检次数": (12, None), "系统可用率": ("97%", None),
         "工作效率": ("提升", None), "满意率": ("93%", None)},
    U2: {"服务人次": ((900, THOUSANDS), "受疫情影响, 服务人次减少"), "巡检次数": (11, "设备更换顺延一次"),
         "系统可用率": ("97%", None), "工作效率": ("提升", None), "满意率": ("85%", None)},
}

# 复核 rows: 单位, 三级指标, 复核完成值, 复核得分, 扣分, 备注
REVIEW = [
    (U2, "服务人次", (1150, THOUSANDS), None, None, "以签到表为准"),
    (U2, "巡检次数", None, None, 2.5, "缺一次巡检记录"),
    (U2, "满意率", None, 8, None, "问卷样本偏少"),
    (U1, "工作效率", "部分达成", None, None, "佐证材料不足"),
]


def put_row(ws, values):
    """Appends a row; a (number, format) pair becomes a number cell with that format."""
    ws.append([v[0] if isinstance(v, tuple) else v for v in values])
    for col, v in enumerate(values, start=1):
        if isinstance(v, tuple):
            ws.cell(row=ws.max_row, column=col).number_format = v[1]


def write_actuals(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "实际完成值"
    ws.append(["项目", "单位", "一级指标", "二级指标", "三级指标", "实际完成值", "偏差原因"])
    for unit in (U1, U2):
        for l1, l2, name in INDICATORS:
            value, reason = ACTUALS[unit][name]
            put_row(ws, [PROJECT, unit, l1, l2, name, value, reason])
    wb.save(path)


def write_review(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "复核"
    ws.append(["项目", "单位", "三级指标", "复核完成值", "复核得分", "扣分", "备注"])
    for unit, name, value, score, deduct, note in REVIEW:
        put_row(ws, [PROJECT, unit, name, value, score, deduct, note])
    wb.save(path)


def soffice(scratch, src, target, outdir):
    """soffice --headless --convert-to target src, into outdir; returns the file written."""
    subprocess.run(["soffice", "-env:UserInstallation=file://%s/profile" % scratch, "--headless",
                    "--convert-to", target, "--outdir", outdir, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + target.split(":")[0])
    assert os.path.exists(out), out
    return out


def lf_to_crlf(data, unit):
    """LF line ends made CRLF, in a text of code units of unit bytes (1 or UTF-16LE's 2)."""
    if unit == 1:
        assert b"\r" not in data
        return data.replace(b"\n", b"\r\n")
    lf, cr = "\n".encode("utf-16-le"), "\r".encode("utf-16-le")
    units = [data[i:i + 2] for i in range(0, len(data), 2)]
    assert cr not in units
    return b"".join(cr + lf if u == lf else u for u in units)


def shown(cell):
    """A cell's value as Excel shows it, for the few formats used here."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if cell.number_format == THOUSANDS:
            return "{:,}".format(int(round(v)))
        return str(int(v)) if float(v).is_integer() else repr(v)
    return str(v)


def write_bom_csv(xlsx, path):
    """What Excel's "CSV UTF-8" writes: a BOM, commas, minimal quoting, CRLF."""
    ws = openpyxl.load_workbook(xlsx).active
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in ws.iter_rows():
        w.writerow([shown(c) for c in row])
    with open(path, "wb") as f:
        f.write(codecs.BOM_UTF8 + out.getvalue().encode("utf-8"))


def make(scratch, name, writer):
    xlsx = os.path.join(HERE, name + ".xlsx")
    writer(xlsx)
    shutil.copy(soffice(scratch, xlsx, "xls", scratch), os.path.join(HERE, name + ".xls"))
    # token 1: 44 = ',' / 9 = tab; 2: 34 = '"'; 3: character set (85 = RTL_TEXTENCODING_GB_18030,
    # 65535 = RTL_TEXTENCODING_UNICODE, UTF-16); 4: first line 1; 5: no column formats;
    # 6: language 0; 7: false = quote text only when needed; 8: unused on export;
    # 9: true = save cell contents as shown ("1,200", not 1200)
    gb = soffice(scratch, xlsx, "csv:Text - txt - csv (StarCalc):44,34,85,1,,0,false,false,true", scratch)
    with open(os.path.join(HERE, name + "-gb18030.csv"), "wb") as f:
        f.write(lf_to_crlf(open(gb, "rb").read(), 1))
    u16 = soffice(scratch, xlsx, "txt:Text - txt - csv (StarCalc):9,34,65535,1,,0,false,false,true", scratch)
    with open(os.path.join(HERE, name + "-utf16.txt"), "wb") as f:
        f.write(lf_to_crlf(open(u16, "rb").read(), 2))
    write_bom_csv(xlsx, os.path.join(HERE, name + "-bom.csv"))


def rows_of_text(text, sep):
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))


def check(name, lines, thousands):
    """Checks the bytes of the four files made from NAME.xlsx; prints what was found."""
    ws = openpyxl.load_workbook(os.path.join(HERE, name + ".xlsx")).active
    want = [[shown(c) for c in row] for row in ws.iter_rows()]
    assert len(want) == lines, len(want)

    raw = open(os.path.join(HERE, name + "-gb18030.csv"), "rb").read()
    assert not raw.startswith(codecs.BOM_UTF8) and raw.count(b"\r\n") == lines and raw.count(b"\n") == lines
    text = raw.decode("gb18030")
    assert raw == text.encode("gbk"), "not plain GBK"  # what Chinese Windows writes, byte for byte
    assert ('"%s"' % thousands) in text
    assert rows_of_text(text, ",") == want
    print("%s-gb18030.csv: %d bytes, no BOM, GB18030 (within GBK), %d CRLF lines, \"%s\" quoted" %
          (name, len(raw), lines, thousands))

    raw = open(os.path.join(HERE, name + "-utf16.txt"), "rb").read()
    assert raw.startswith(codecs.BOM_UTF16_LE)
    text = raw[2:].decode("utf-16-le")
    assert text.count("\r\n") == lines and text.count("\n") == lines and "\t" in text
    assert ("\t%s\t" % thousands) in text
    assert rows_of_text(text, "\t") == want
    print("%s-utf16.txt: %d bytes, BOM FF FE, UTF-16LE, tabs, %d CRLF lines, %s unquoted" %
          (name, len(raw), lines, thousands))

    raw = open(os.path.join(HERE, name + "-bom.csv"), "rb").read()
    assert raw.startswith(codecs.BOM_UTF8)
    text = raw[3:].decode("utf-8")
    assert text.count("\r\n") == lines and text.count("\n") == lines
    assert ('"%s"' % thousands) in text
    assert rows_of_text(text, ",") == want
    print("%s-bom.csv: %d bytes, BOM EF BB BF, UTF-8, %d CRLF lines, \"%s\" quoted" % (name, len(raw), lines, thousands))

    raw = open(os.path.join(HERE, name + ".xls"), "rb").read()
    assert raw.startswith(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
    print("%s.xls: %d bytes, OLE2 compound file" % (name, len(raw)))


def main():
    scratch = tempfile.mkdtemp(prefix="jx-tables-")
    try:
        make(scratch, "actuals", write_actuals)
        make(scratch, "review", write_review)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    check("actuals", 11, "1,200")
    check("review", 5, "1,150")


if __name__ == "__main__":
    main()
