#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes the .xls fixtures of test_table_xls.c (see README.md beside this file).

Run as /usr/bin/python3 make.py (Debian's python3-openpyxl, python3-uno,
libreoffice-calc-nogui; python3-msoffcrypto-tool and python3-olefile to check the
encrypted files). The workbook is written by openpyxl as .xlsx in a scratch folder
and saved by LibreOffice as .xls; only the .xls files and the encrypted workbooks are
kept here. formulas.xls is checked twice: the cached results of its FORMULA (and
STRING) records are listed from the BIFF records, and LibreOffice converts it back to
CSV, which shows the values it holds.
"""
import datetime
import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

import openpyxl
from openpyxl.styles import PatternFill

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "jixiao"


def write_source(path):
    """The one workbook every fixture here is made from."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "实际完成值"
    ws.append(["项目", "指标", "数值", "日期"])
    ws.append(["日常运维经费", "服务人次", 1200, datetime.date(2024, 3, 31)])
    ws.append(["日常运维经费", "单价", 12.5, datetime.datetime(2024, 3, 31, 8, 30)])
    ws["A4"].fill = PatternFill("solid", fgColor="FFFF00")  # a styled empty cell only
    ws["A5"] = "合计"
    ws["C5"] = 0.1 + 0.2  # 0.30000000000000004
    ws["A6"] = "满意率"
    ws["C6"] = 0.97
    ws["C6"].number_format = "0%"
    ws["D6"] = "备注, 含逗号"
    ws["A7"] = "公式"
    ws["C7"] = "=C2*2"  # LibreOffice calculates it (2400) and saves a FORMULA record
    ws["A8"] = "大数"
    ws["B8"] = -1234567.891
    ws["C8"] = 1e20
    ws["D8"] = 1 / 3
    ws["A9"] = "时间"
    ws["B9"] = datetime.time(8, 30)
    ws2 = wb.create_sheet("复核")
    ws2.append(["三级指标", "复核得分"])
    ws2.append(["满意率", 8])
    wb.save(path)


class Office:
    """A headless LibreOffice reached over a UNO pipe, with a private profile."""

    def __init__(self, scratch):
        import uno  # python3-uno
        self.uno = uno
        pipe = "jxxls%d" % os.getpid()
        self.proc = subprocess.Popen(
            ["soffice", "-env:UserInstallation=file://%s/profile" % scratch, "--headless", "--invisible",
             "--nologo", "--norestore", "--accept=pipe,name=%s;urp;" % pipe],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(150):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.2)
        if ctx is None:
            self.proc.kill()
            sys.exit("LibreOffice did not start")
        self.desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

    def prop(self, name, value):
        from com.sun.star.beans import PropertyValue
        p = PropertyValue()
        p.Name = name
        p.Value = value
        return p

    def save_encrypted(self, src, dst, filter_name):
        """Opens src and saves it as dst with the password, as Calc's "Save with password" does."""
        from com.sun.star.beans import NamedValue
        uno = self.uno
        doc = self.desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0,
                                                (self.prop("Hidden", True),))
        try:
            if filter_name == "MS Excel 97":
                # the binary filter turns a plain password into RC4 encryption (FILEPASS)
                args = (self.prop("FilterName", filter_name), self.prop("Password", PASSWORD))
            else:
                # OOXML: ECMA-376 "standard" encryption (AES-128) in an OLE2 compound file
                pw, kind = NamedValue(), NamedValue()
                pw.Name, pw.Value = "OOXPassword", PASSWORD
                kind.Name, kind.Value = "CryptoType", "Standard"
                enc = self.prop("EncryptionData", None)
                enc.Value = uno.Any("[]com.sun.star.beans.NamedValue", (pw, kind))
                args = (self.prop("FilterName", filter_name), enc)
            uno.invoke(doc, "storeToURL",
                       (uno.systemPathToFileUrl(dst), uno.Any("[]com.sun.star.beans.PropertyValue", args)))
        finally:
            doc.close(True)

    def close(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def convert(scratch, src, fmt):
    """soffice --convert-to fmt of src into scratch; returns the file written."""
    subprocess.run(["soffice", "-env:UserInstallation=file://%s/profile" % scratch, "--headless",
                    "--convert-to", fmt, "--outdir", scratch, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = os.path.join(scratch, os.path.splitext(os.path.basename(src))[0] + "." + fmt.split(":")[0])
    assert os.path.exists(out), out
    return out


def biff_records(data):
    """The record types of a BIFF stream, in order."""
    types, p = [], 0
    while p + 4 <= len(data):
        rtype, rlen = struct.unpack_from("<HH", data, p)
        types.append(rtype)
        p += 4 + rlen
    return types


def check(name):
    """Checks what each kept file is, the way test_table_xls.c relies on it."""
    import msoffcrypto
    import olefile
    path = os.path.join(HERE, name)
    data = open(path, "rb").read()
    if name == "truncated.xls":
        assert data[:8] == b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
        print("%s: %d bytes, OLE2 magic, cut short" % (name, len(data)))
        return
    ole = olefile.OleFileIO(path)
    streams = ["/".join(e) for e in ole.listdir()]
    if name == "basic.xls":
        types = biff_records(ole.openstream("Workbook").read())
        assert 0x002F not in types
        assert 0x0006 in types, "no FORMULA record"
        print("%s: streams %s; %d BIFF records, FORMULA present, no FILEPASS" % (name, streams, len(types)))
    elif name == "longtext.xls":
        types = biff_records(ole.openstream("Workbook").read())
        i = types.index(0x00FC)
        assert types[i + 1:i + 3] == [0x003C, 0x003C], types[i:i + 4]
        print("%s: streams %s; the SST and two CONTINUE records in a row" % (name, streams))
    elif name == "chart.xls":
        assert nested_bof(ole.openstream("Workbook").read())
        print("%s: streams %s; a BOF nested in the sheet's records" % (name, streams))
    elif name == "formulas.xls":
        data = ole.openstream("Workbook").read()
        print("%s: streams %s; Workbook %d bytes; the cached results of its formulas:" % (name, streams, len(data)))
        for cell, value in formula_results(data):
            print("  %s %s" % (cell, value))
    elif name.endswith(".xls"):
        size = ole.get_size("Workbook")
        types = biff_records(ole.openstream("Workbook").read())
        assert types[0] == 0x0809 and types[1] == 0x002F, types[:2]
        print("%s: streams %s; Workbook %d bytes (%s); BOF then FILEPASS" %
              (name, streams, size, "mini stream" if size < ole.minisectorcutoff else "regular sectors"))
    else:
        assert "EncryptionInfo" in streams and "EncryptedPackage" in streams, streams
        print("%s: streams %s; EncryptionInfo version %s" %
              (name, streams, ole.openstream("EncryptionInfo").read(4).hex()))
    ole.close()
    if name.startswith("encrypted"):
        f = msoffcrypto.OfficeFile(io.BytesIO(data))
        assert f.is_encrypted()
        f.load_key(password=PASSWORD)
        out = io.BytesIO()
        f.decrypt(out)  # the password opens it: the bytes are really encrypted
        print("  msoffcrypto-tool decrypts it with the password: %d bytes" % len(out.getvalue()))


def write_formulas(path):
    """Formulas only openpyxl writes (no cached values): LibreOffice calculates them on load."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "实际完成值"
    ws.append(["项目", "指标", "实际完成值", "说明"])
    ws.append(["日常运维经费", "服务人次", "=600*2", '=IF(C2>=1000,"达标","未达标")'])
    ws.append(["日常运维经费", "合计", "=0.1+0.2"])
    ws["A4"] = "满意率"
    ws["C4"] = "=97/100"
    ws["C4"].number_format = "0%"
    ws.append(["判断", "=C2>1000", "=C2<1000"])
    ws.append(["错误", "=1/0", "=NA()", '="a"+1'])
    ws["A7"] = "空"
    ws["C7"] = '=""'
    ws["B8"] = "=C2+C3"  # a row of formula cells only
    ws["C8"] = "=LEN(D2)"
    ws["A9"] = "日期"
    ws["B9"] = "=DATE(2024,3,31)"
    ws["B9"].number_format = "yyyy-mm-dd"
    ws["C9"] = "=DATE(2024,3,31)+0.5"
    ws["C9"].number_format = "yyyy-mm-dd hh:mm"
    ws["A10"] = "长文本"
    ws["B10"] = '=REPT("长",5000)'  # 10000 bytes of UTF-16: a STRING record and a CONTINUE
    ws["A11"] = "三分之一"
    ws["B11"] = "=1/3"
    ws2 = wb.create_sheet("复核")
    ws2["A1"] = "=实际完成值!C2"
    ws2["B1"] = "复核"
    wb.save(path)


def write_longtext(path):
    """A text of 10000 characters: an SST string over three records (the SST and two CONTINUE)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "长文本"
    ws["A1"] = "长" * 10000
    ws["A2"] = "短"
    wb.save(path)


def write_chart(path):
    """A sheet with a bar chart on it: the chart's records nest in the sheet's (BOF … EOF)."""
    from openpyxl.chart import BarChart, Reference
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    for i in range(1, 6):
        ws.append(["项%d" % i, i * 10])
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=5))
    ws.add_chart(chart, "D2")
    wb.save(path)


def nested_bof(data):
    """Whether a BOF comes inside a sheet's records (before its EOF) in a BIFF stream."""
    depth, p = 0, 0
    while p + 4 <= len(data):
        rtype, rlen = struct.unpack_from("<HH", data, p)
        if rtype == 0x0809:
            depth += 1
            if depth > 1:
                return True
        elif rtype == 0x000A:
            depth -= 1
        p += 4 + rlen
    return False


def formula_results(data):
    """The cached result of each FORMULA record of a BIFF8 stream, by sheet, as text."""
    out, p, sheet, pending = [], 0, -1, None
    while p + 4 <= len(data):
        rtype, rlen = struct.unpack_from("<HH", data, p)
        body = data[p + 4:p + 4 + rlen]
        if rtype == 0x0809 and struct.unpack_from("<H", body, 2)[0] == 0x0010:
            sheet += 1
        elif rtype == 0x0006:
            row, col = struct.unpack_from("<HH", body)
            cell = "%d!%s%d" % (sheet, chr(ord("A") + col), row + 1)
            if body[12:14] != b"\xff\xff":
                out.append((cell, repr(struct.unpack_from("<d", body, 6)[0])))
            elif body[6] == 0:
                pending = cell
            else:
                out.append((cell, {1: "bool %d" % body[8], 2: "error 0x%02X" % body[8], 3: "empty string"}[body[6]]))
        elif rtype == 0x0207 and pending:
            cch, flags = struct.unpack_from("<HB", body)
            chars = body[3:]
            q = p + 4 + rlen
            while q + 4 <= len(data) and struct.unpack_from("<H", data, q)[0] == 0x003C:  # CONTINUE
                clen = struct.unpack_from("<H", data, q + 2)[0]
                chars += data[q + 5:q + 4 + clen]  # the continued text: its flags byte dropped
                q += 4 + clen
            text = chars.decode("utf-16-le" if flags & 1 else "latin-1")
            assert len(text) == cch
            out.append((pending, "string %r" % (text if len(text) < 20 else text[:3] + "… (%d chars)" % cch)))
            pending = None
        p += 4 + rlen
    return out


def write_large(path):
    """A workbook whose BIFF stream is over 4096 bytes, so it lives in regular sectors."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "行"
    for i in range(1, 401):
        ws.append(["行%04d" % i, i, i * 0.5])
    wb.save(path)


def main():
    scratch = tempfile.mkdtemp(prefix="jx-xls-fixtures-")
    try:
        src = os.path.join(scratch, "basic.xlsx")
        write_source(src)
        large = os.path.join(scratch, "large.xlsx")
        write_large(large)
        shutil.copy(convert(scratch, src, "xls"), os.path.join(HERE, "basic.xls"))
        for name, write in (("longtext", write_longtext), ("chart", write_chart)):
            source = os.path.join(scratch, name + ".xlsx")
            write(source)
            shutil.copy(convert(scratch, source, "xls"), os.path.join(HERE, name + ".xls"))
        formulas = os.path.join(scratch, "formulas.xlsx")
        write_formulas(formulas)
        shutil.copy(convert(scratch, formulas, "xls"), os.path.join(HERE, "formulas.xls"))
        # read back by LibreOffice: the values the .xls holds, sheet by sheet
        back = os.path.join(scratch, "back")
        os.mkdir(back)
        shutil.copy(os.path.join(HERE, "formulas.xls"), back)
        subprocess.run(["soffice", "-env:UserInstallation=file://%s/profile" % scratch, "--headless",
                        "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
                        "--outdir", back, os.path.join(back, "formulas.xls")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for csv_name in sorted(f for f in os.listdir(back) if f.endswith(".csv")):
            text = open(os.path.join(back, csv_name), encoding="utf-8").read()
            print("LibreOffice reads formulas.xls back (%s):" % csv_name)
            for line in text.splitlines():
                print("  " + (line if len(line) < 80 else line[:40] + "… (%d chars)" % len(line)))
        office = Office(scratch)
        try:
            office.save_encrypted(src, os.path.join(HERE, "encrypted.xls"), "MS Excel 97")
            office.save_encrypted(src, os.path.join(HERE, "encrypted.xlsx"), "Calc MS Excel 2007 XML")
            office.save_encrypted(large, os.path.join(HERE, "encrypted_large.xls"), "MS Excel 97")
        finally:
            office.close()
        data = open(os.path.join(HERE, "basic.xls"), "rb").read()
        open(os.path.join(HERE, "truncated.xls"), "wb").write(data[:len(data) // 2])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for name in ("basic.xls", "formulas.xls", "longtext.xls", "chart.xls", "encrypted.xls", "encrypted_large.xls",
                 "encrypted.xlsx", "truncated.xls"):
        check(name)


if __name__ == "__main__":
    main()
