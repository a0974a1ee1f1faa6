#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fills the cells of a `jixiao template --format xlsx` workbook as a person would in
Excel, and reports how the cells it touched are protected.

The filled workbook is made here, not by jixiao nor by libxlsxwriter: the workbook is
opened with Python's zipfile, each sheet's XML is edited with xml.etree (a typed number
becomes <c><v>…</v></c>, a typed text an inline string <c t="inlineStr"><is><t>…</t></is></c>,
the cell keeping its style), and every other part is copied as it is.

Usage: fill_template_xlsx.py IN.xlsx OUT.xlsx SPEC.json
SPEC is {"指标": [{"match": {"项目": …, "三级指标": …}, "set": {"实际完成值": 45, …}}, …],
         "项目": [{"match": {"项目": …}, "set": {"全年预算": 360, …}}, …]}
Every "match" must find exactly one row, or the script fails (exit 1).
Prints one line per sheet: "<sheet> protected=<sheetProtection sheet attribute>"; and for
each matched row's 项目 cell and each filled cell "<ref> locked=<0|1>" from the style's
<protection locked> in styles.xml (absent means locked, as Excel reads it).
"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PNS = "http://schemas.openxmlformats.org/package/2006/relationships"
ET.register_namespace("", NS)
ET.register_namespace("r", RNS)
Q = lambda tag: "{%s}%s" % (NS, tag)


def col_letters(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def col_of(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n


def cell_text(c, shared):
    t = c.get("t")
    if t == "inlineStr":
        return "".join(x.text or "" for x in c.iter(Q("t")))
    v = c.find(Q("v"))
    if v is None:
        return ""
    return shared[int(v.text)] if t == "s" else v.text


def sheet_paths(z):
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iter("{%s}Relationship" % PNS)}
    out = {}
    for s in wb.iter(Q("sheet")):
        t = target[s.get("{%s}id" % RNS)]
        out[s.get("name")] = "xl/" + t.lstrip("/").replace("xl/", "", 1) if not t.startswith("xl/") else t
    return out


def locked_styles(z):
    """Index of each cell style (cellXfs) → 1 when locked, 0 when unlocked."""
    st = ET.fromstring(z.read("xl/styles.xml"))
    xfs = st.find(Q("cellXfs"))
    out = []
    for xf in xfs.findall(Q("xf")):
        p = xf.find(Q("protection"))
        out.append(0 if p is not None and p.get("locked") == "0" else 1)
    return out


def main():
    src, dst, spec_path = sys.argv[1:4]
    spec = json.load(open(spec_path, encoding="utf-8"))
    z = zipfile.ZipFile(src)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
        shared = ["".join(t.text or "" for t in si.iter(Q("t"))) for si in sst.findall(Q("si"))]
    paths = sheet_paths(z)
    locks = locked_styles(z)
    new = {}
    for sheet, fills in spec.items():
        path = paths[sheet]
        root = ET.fromstring(z.read(path))
        prot = root.find(Q("sheetProtection"))
        print("%s protected=%s" % (sheet, prot.get("sheet") if prot is not None else "none"))
        rows = root.find(Q("sheetData")).findall(Q("row"))
        head = {cell_text(c, shared): col_of(c.get("r")) for c in rows[0].findall(Q("c"))}
        for f in fills:
            hits = []
            for row in rows[1:]:
                vals = {col_of(c.get("r")): cell_text(c, shared) for c in row.findall(Q("c"))}
                if all(vals.get(head[k], "") == v for k, v in f["match"].items()):
                    hits.append(row)
            if len(hits) != 1:
                sys.exit("%s: %d rows match %r" % (sheet, len(hits), f["match"]))
            row = hits[0]
            pref = "%s%s" % (col_letters(head["项目"]), row.get("r"))
            pc = next(c for c in row.findall(Q("c")) if c.get("r") == pref)
            print("%s locked=%d" % (pref, locks[int(pc.get("s", "0"))]))  # a cell to read only
            for name, value in f["set"].items():
                ref = "%s%s" % (col_letters(head[name]), row.get("r"))
                c = next((c for c in row.findall(Q("c")) if c.get("r") == ref), None)
                if c is None:
                    sys.exit("%s: no cell %s" % (sheet, ref))
                print("%s locked=%d" % (ref, locks[int(c.get("s", "0"))]))
                for child in list(c):
                    c.remove(child)
                if isinstance(value, (int, float)):
                    c.attrib.pop("t", None)
                    ET.SubElement(c, Q("v")).text = repr(value) if isinstance(value, float) else str(value)
                else:
                    c.set("t", "inlineStr")
                    ET.SubElement(ET.SubElement(c, Q("is")), Q("t")).text = value
        new[path] = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for item in z.infolist():
            out.writestr(item.filename, new.get(item.filename, z.read(item.filename)))


if __name__ == "__main__":
    main()
