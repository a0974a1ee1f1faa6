#!/usr/bin/python3
"""Writes the .xls fixtures of test_table_xls.c (see README.md beside this file).

Run as /usr/bin/python3 make.py (Debian's python3-openpyxl, python3-uno,
libreoffice-calc-nogui; python3-msoffcrypto-tool and python3-olefile to check the
encrypted files). The workbook is written by openpyxl as .xlsx in a scratch folder
and saved by LibreOffice as .xls; only the .xls files and the encrypted workbooks are
kept here.
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
    for name in ("basic.xls", "encrypted.xls", "encrypted_large.xls", "encrypted.xlsx", "truncated.xls"):
        check(name)


if __name__ == "__main__":
    main()
