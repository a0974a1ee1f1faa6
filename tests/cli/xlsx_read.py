#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""xlsx_read.py — reads back a workbook `jixiao score --format xlsx` or `jixiao audit --format
xlsx` (with or without --review) wrote, with nothing but the standard library (zipfile,
xml.etree), for tests/cli/test_xlsx.sh and tests/cli/test_audit_xlsx.sh.

    xlsx_read.py sheets BOOK             the sheet names, one a line
    xlsx_read.py cells BOOK N            sheet N's cells: "A1<TAB>value" (numbers as stored)
    xlsx_read.py merges BOOK N           sheet N's merged ranges, one a line
    xlsx_read.py setup BOOK N            sheet N's pageSetup attributes and print titles
    xlsx_read.py view BOOK N             sheet N's autofilter range and frozen pane
    xlsx_read.py dates BOOK              each zip entry's date and time
    xlsx_read.py compare BOOK JSON       checks the cells against `score --format json` of
                                         the same input: every project's row of the list,
                                         and the sheets of the first 1000 (past them the
                                         workbook has none); prints what differs, exits 1
                                         if any
    xlsx_read.py data BOOK CSV           checks the last sheet, 数据, against `score --format
                                         csv` of the same input: the same rows, every cell the
                                         same text (stored as text), but 位置 names an absolute
                                         file by its name alone, as the forms do; exits 1 if
                                         any differs
    xlsx_read.py audit BOOK JSON         the same for `audit --format xlsx` against
                                         `audit --format json`
    xlsx_read.py review BOOK JSON        the same for `audit --review … --format xlsx`
                                         against `audit --review … --format json`
"""
import csv
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
M = "{%s}" % NS["m"]


def col_index(ref):
    """Column number (0-based) of a cell reference such as "H12"."""
    n = 0
    for ch in ref:
        if not ch.isalpha():
            break
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def split_ref(ref):
    """(row, col), both 0-based, of a cell reference."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    return int(ref[len(letters):]) - 1, col_index(letters)


class Book:
    """A workbook's sheets, shared strings and defined names."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        names = self.zip.namelist()
        self.strings = []
        if "xl/sharedStrings.xml" in names:
            root = ET.fromstring(self.zip.read("xl/sharedStrings.xml"))
            for si in root.findall("m:si", NS):
                self.strings.append("".join(t.text or "" for t in si.iter(M + "t")))
        wb = ET.fromstring(self.zip.read("xl/workbook.xml"))
        self.sheet_names = [s.get("name") for s in wb.find("m:sheets", NS)]
        self.defined = []
        dn = wb.find("m:definedNames", NS)
        if dn is not None:
            self.defined = [(d.get("name"), d.get("localSheetId"), d.text) for d in dn]

    def sheet(self, n):
        """Sheet n (1-based) as (cells, merges, root): cells maps (row, col) to a str or a float."""
        root = ET.fromstring(self.zip.read("xl/worksheets/sheet%d.xml" % n))
        cells = {}
        for row in root.find("m:sheetData", NS):
            for c in row:
                t = c.get("t")
                if t == "inlineStr":  # a string in the cell itself (libxlsxwriter's constant_memory)
                    cells[split_ref(c.get("r"))] = "".join(x.text or "" for x in c.iterfind(".//m:t", NS))
                    continue
                v = c.find("m:v", NS)
                if v is None:
                    continue
                if t == "s":
                    val = self.strings[int(v.text)]
                elif t in ("str", "inlineStr"):
                    val = v.text or ""
                else:
                    val = float(v.text)
                cells[split_ref(c.get("r"))] = val
        merges = []
        mc = root.find("m:mergeCells", NS)
        if mc is not None:
            merges = [m.get("ref") for m in mc]
        return cells, merges, root


class Sheet:
    """One sheet's cells, with a merged range's value read in each of its cells."""

    def __init__(self, book, n):
        self.cells, self.merges, self.root = book.sheet(n)
        self.owner = {}
        for ref in self.merges:
            a, b = ref.split(":")
            r1, c1 = split_ref(a)
            r2, c2 = split_ref(b)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    self.owner[(r, c)] = (r1, c1)
        self.nrows = 1 + max((r for r, _ in self.cells), default=-1)

    def get(self, r, c):
        """The value shown at (r, c): its own, or its merged range's; "" when empty."""
        return self.cells.get(self.owner.get((r, c), (r, c)), "")

    def find_row(self, col, text, start=0):
        """The first row from start whose cell in col shows text, or None."""
        for r in range(start, self.nrows):
            if self.get(r, col) == text:
                return r
        return None


class Compare:
    """Collects the differences between the workbook and the JSON."""

    def __init__(self):
        self.failures = 0

    def eq(self, where, got, want):
        if isinstance(want, (int, float)) and not isinstance(want, bool):
            ok = isinstance(got, (int, float)) and not isinstance(got, bool) and round(got, 6) == round(float(want), 6)
        else:
            ok = got == want
        if not ok:
            self.failures += 1
            print("FAIL %s: workbook %r, json %r" % (where, got, want))


def unit_name(s):
    """The 预算单位 without the budget system's code before it, as the list shows it."""
    i = 0
    while i < len(s) and s[i].isdigit() and s[i].isascii():
        i += 1
    return s[i + 1:] if i > 0 and i + 1 < len(s) and s[i] == "-" else s


def compare_project(cmp, sh, p, where):
    """Checks one project's sheet against its JSON object."""
    cmp.eq(where + " title", sh.get(0, 0), "项目支出绩效自评表")
    if p.get("year"):
        cmp.eq(where + " year", sh.get(1, 0), "（%d年度）" % p["year"])
    r = sh.find_row(0, "项目名称")
    cmp.eq(where + " 项目名称", sh.get(r, 1) if r is not None else None, p["name"])
    r = sh.find_row(0, "主管部门")
    cmp.eq(where + " 主管部门", sh.get(r, 1) if r is not None else None, p.get("dept", ""))
    cmp.eq(where + " 预算单位 label", sh.get(r, 4) if r is not None else None, "预算单位")
    cmp.eq(where + " 预算单位", sh.get(r, 5) if r is not None else None, p.get("org", ""))

    funds = p.get("funds", [])
    if funds:
        r = sh.find_row(1, "资金来源")
        cmp.eq(where + " 资金 header", r is not None, True)
        for i, f in enumerate(funds):
            row = r + 1 + i
            w = "%s 资金 %s" % (where, f["source"])
            cmp.eq(w + " 资金来源", sh.get(row, 1), f["source"])
            cmp.eq(w + " 年初预算数", sh.get(row, 2), f["initial"])
            cmp.eq(w + " 全年预算数", sh.get(row, 3), f["budget"])
            cmp.eq(w + " 全年执行数", sh.get(row, 4), f["spent"])
            cmp.eq(w + " 执行率", sh.get(row, 5), "—" if f["rate"] is None else f["rate"] / 100)

    head = sh.find_row(0, "一级指标")
    cmp.eq(where + " indicator header", head is not None, True)
    if head is None:
        return
    heads = [sh.get(head, c) for c in range(8)]
    cmp.eq(where + " header", heads,
           ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分", "偏差原因分析及改进措施"])
    total_row = sh.find_row(0, "总分", head)
    weight_sum = 0.0
    first = head + 1
    ex = p.get("execution")
    if ex:
        # 预算执行率 单列: its own row first, scored from the funds
        w = where + " 预算执行率"
        cmp.eq(w, sh.get(first, 0), "预算执行率 (%.2f分)" % ex["points"])
        cmp.eq(w + " 权重", sh.get(first, 5), ex["points"])
        cmp.eq(w + " 得分", sh.get(first, 6), ex["score"])
        weight_sum += ex["points"]
        first += 1
    # every other row between the header and 总分 is an indicator, or a group without indicators
    rows = [r for r in range(first, total_row) if sh.get(r, 2) != ""]
    empty = [r for r in range(first, total_row) if sh.get(r, 2) == ""]
    inds = p["indicators"]
    cmp.eq(where + " indicator rows", len(rows), len(inds))
    labels = {}
    for g in p.get("groups", []):
        label = g["path"][-1] if g.get("points") is None else "%s (%.2f分)" % (g["path"][-1], g["points"])
        labels[tuple(g["path"])] = (label, g)
    for ind, r in zip(inds, rows):
        w = "%s %s" % (where, "/".join(ind["path"]))
        path = ind["path"]
        cmp.eq(w + " 一级指标", sh.get(r, 0), labels[tuple(path[:1])][0])
        if len(path) == 3:
            cmp.eq(w + " 二级指标", sh.get(r, 1), labels[tuple(path[:2])][0])
        cmp.eq(w + " 三级指标", sh.get(r, 2), path[-1])
        cmp.eq(w + " 年度指标值", sh.get(r, 3), ind.get("target") or "")
        cmp.eq(w + " 实际完成值", sh.get(r, 4), ind.get("actual") or "")
        if ind.get("weight") is None:
            cmp.eq(w + " 权重", sh.get(r, 5), "—")
        else:
            cmp.eq(w + " 权重", sh.get(r, 5), ind["weight"])
            weight_sum += ind["weight"]
        if ind.get("method") == "not-applicable":
            cmp.eq(w + " 得分", sh.get(r, 6), "不适用")
        elif ind.get("score") is None:
            cmp.eq(w + " 得分", sh.get(r, 6), "—")
        else:
            cmp.eq(w + " 得分", sh.get(r, 6), ind["score"])
    # a group without indicators: its row names it and scores it as the JSON does
    for r in empty:
        l2 = sh.get(r, 1)
        group = [g for (label, g) in labels.values() if label == l2 and g["level"] == 2]
        if not group:
            group = [g for (label, g) in labels.values() if label == sh.get(r, 0) and g["level"] == 1]
        cmp.eq("%s empty group row %d" % (where, r + 1), len(group), 1)
        if group:
            cmp.eq("%s %s 得分" % (where, "/".join(group[0]["path"])), sh.get(r, 6), group[0]["score"])
    cmp.eq(where + " 总分 权重", sh.get(total_row, 5), round(weight_sum, 6))
    cmp.eq(where + " 总分", sh.get(total_row, 6), p["total"])
    grade_row = total_row + 1
    if p.get("full_marks") is not None:
        # 不适用 剔除 lowered the 满分: stated on the row under 总分
        def num(v):
            return "%d" % v if v == int(v) else repr(v)
        cmp.eq(where + " 满分 label", sh.get(grade_row, 0), "满分")
        cmp.eq(where + " 满分", sh.get(grade_row, 1),
               "%s（不适用 %s 分剔除）" % (num(p["full_marks"]), num(p["not_applicable_points"])))
        grade_row += 1
    cmp.eq(where + " 自评结论 label", sh.get(grade_row, 0), "自评结论")
    cmp.eq(where + " 自评结论", sh.get(grade_row, 1), p["grade"])
    warn = sh.find_row(0, "警告（%d）" % len(p.get("warnings", [])), total_row)
    if p.get("warnings"):
        cmp.eq(where + " 警告 count", warn is not None, True)


# The projects a workbook gives a sheet of their own (JX_XLSX_PROJECTS_MAX, include/jixiao.h).
FORMS_MAX = 1000


def compare(book_path, json_path):
    """Compares every sheet of the workbook with the JSON document; returns the exit code."""
    book = Book(book_path)
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    projects = doc["projects"]
    cmp = Compare()
    cmp.eq("sheet count", len(book.sheet_names), min(len(projects), FORMS_MAX) + 2)
    cmp.eq("first sheet", book.sheet_names[0], "自评结果清单")
    cmp.eq("last sheet", book.sheet_names[-1], "数据")
    lst = Sheet(book, 1)
    cmp.eq("list header", [lst.get(1, c) for c in range(5)], ["序号", "预算部门（单位）", "项目名称", "总分", "自评结论"])
    for i, p in enumerate(projects):
        w = "list row %d" % (i + 1)
        cmp.eq(w + " 序号", lst.get(2 + i, 0), i + 1)
        cmp.eq(w + " 预算部门", lst.get(2 + i, 1), unit_name(p.get("org") or p.get("dept", "")))
        cmp.eq(w + " 项目名称", lst.get(2 + i, 2), p["name"])
        cmp.eq(w + " 总分", lst.get(2 + i, 3), p["total"])
        cmp.eq(w + " 自评结论", lst.get(2 + i, 4), p["grade"])
        if i < FORMS_MAX:
            compare_project(cmp, Sheet(book, 2 + i), p, "sheet %d (%s)" % (2 + i, p["name"]))
    cmp.eq("list rows", lst.nrows, 2 + len(projects))
    print("compared %d projects: %d differences" % (len(projects), cmp.failures))
    return 1 if cmp.failures else 0



# ------------------------------------------------------------------ the 数据 sheet

NUMBER = re.compile(r"[+-]?(\d+(,\d{3})*)?(\.\d+)?([eE][+-]?\d+)?%?$")


def formula_like(t):
    """Whether a CSV jixiao writes puts the guard "'" before t (csv.h, "Formula guard"): t
    starts with = @ tab CR, or with + - and is no number, or is "'" and such a text."""
    u = t.lstrip("'")
    if not u:
        return False
    if u[0] in "=@\t\r":
        return True
    if u[0] in "+-":
        return not (NUMBER.match(u) and any(ch.isdigit() for ch in u))
    return False


def unguarded(field):
    """A CSV field as jixiao reads it: without the guard "'" it wrote before a formula-like text."""
    return field[1:] if field.startswith("'") and formula_like(field[1:]) else field


def shown(position):
    """A 位置 cell as a form names its file: "/…/a.jx:3:5" is "a.jx:3:5", "d/a.jx:3:5" stays."""
    return position.rsplit("/", 1)[1] if position.startswith("/") else position


def compare_data(book_path, csv_path):
    """Compares the workbook's last sheet with the CSV; returns the exit code."""
    book = Book(book_path)
    cmp = Compare()
    cmp.eq("last sheet", book.sheet_names[-1], "数据")
    sh = Sheet(book, len(book.sheet_names))
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = [[unguarded(x) for x in row] for row in csv.reader(f)]
    width = len(rows[0])
    pos = rows[0].index("位置")
    for row in rows[1:]:
        if pos < len(row):
            row[pos] = shown(row[pos])
    for (r, c), v in sorted(sh.cells.items()):
        if not isinstance(v, str):
            cmp.eq("cell %d,%d stored as text" % (r + 1, c + 1), repr(v), "text")
        if c >= width:
            cmp.eq("cell %d,%d past the header" % (r + 1, c + 1), v, "")
    cmp.eq("rows", sh.nrows, len(rows))
    for r, row in enumerate(rows):
        cmp.eq("row %d width" % (r + 1), len(row), width)
        for c in range(width):
            cmp.eq("row %d column %d" % (r + 1, c + 1), sh.get(r, c), row[c] if c < len(row) else "")
    print("compared %d rows of %d columns: %d differences" % (len(rows), width, cmp.failures))
    return 1 if cmp.failures else 0


# ------------------------------------------------------------------ the audit

SEVERITY = {"error": "错误", "warning": "警告", "note": "提示"}
WHY = {"drawn": "随机抽取", "weighted": "按资金加权抽取", "flagged": "有错误，必抽"}


def why_name(pick):
    """The 抽取方式 cell of a pick: a project flagged for a claim, not an error, says so."""
    if pick["why"] == "flagged" and "error" not in pick.get("flagged_for", ["error"]):
        return "自评偏高，必抽"
    return WHY[pick["why"]]
GRADES = ["优", "良", "中", "差"]


def number_or_dash(v):
    """What a cell shows for a JSON number that may be null: the number, or "—"."""
    return "—" if v is None else v


def compare_summary(cmp, sh, doc):
    """Checks the 汇总 sheet against the JSON summary."""
    s = doc["summary"]
    cmp.eq("汇总 title", sh.get(0, 0), "审核汇总")
    pol = doc.get("policy") or "—"
    words = {"note": "提示及以上", "warning": "警告及以上", "error": "错误"}[doc["min_severity"]]
    cmp.eq("汇总 policy", sh.get(1, 0), "评分办法：%s；列出%s的发现" % (pol, words))
    figures = [
        ("项目", s["projects"]),
        ("无法计分", s["unscored"]),
        ("全年预算（万元）", s["funds"]["budget"]),
        ("全年执行（万元）", s["funds"]["spent"]),
        ("计入资金的项目", s["funds"]["projects"]),
        ("金额单位无法换算", s["funds"]["unconverted"]),
        ("平均虚高（分）", number_or_dash(s["inflation"]["mean"])),
        ("填了总分并已计分", s["inflation"]["projects"]),
        ("自评 100 分", s["claims_100"]["projects"]),
        ("自评 100 分的比例", s["claims_100"]["percent"] / 100),
        ("自评与重算不符", s["differ"]["either"]),
        ("总分不符", s["differ"]["total"]),
        ("结论不符", s["differ"]["grade"]),
        ("有错误的项目", s["findings"]["flagged_projects"]),
    ]
    for label, want in figures:
        r = sh.find_row(0, label)
        cmp.eq("汇总 %s" % label, sh.get(r, 1) if r is not None else None, want)
    r = sh.find_row(0, "结论分布")
    if r is None:
        cmp.eq("汇总 结论分布", None, "结论分布")
    else:
        cmp.eq("汇总 结论分布 header", [sh.get(r + 1, c) for c in range(1, 6)], GRADES + ["未填/未计分"])
        for k, (label, key) in enumerate([("自评", "claimed"), ("重算", "recomputed")]):
            g = s["grades"][key]
            cmp.eq("汇总 结论分布 %s" % label, [sh.get(r + 2 + k, c) for c in range(6)],
                   [label] + [g[x] for x in GRADES] + [g["none"]])
    r = sh.find_row(0, "代码")
    if r is None:
        cmp.eq("汇总 代码", None, "代码")
        return
    cmp.eq("汇总 代码 header", [sh.get(r, c) for c in range(6)], ["代码", "名称", "错误", "警告", "提示", "合计"])
    codes = s["findings"]["by_code"]
    for i, c in enumerate(codes):
        cmp.eq("汇总 %s" % c["code"], [sh.get(r + 1 + i, k) for k in range(6)],
               [c["code"], c["name"] or "", c["error"], c["warning"], c["note"], c["error"] + c["warning"] + c["note"]])
    f = s["findings"]
    cmp.eq("汇总 合计", [sh.get(r + 1 + len(codes), k) for k in (0, 2, 3, 4, 5)],
           ["合计", f["error"], f["warning"], f["note"], f["error"] + f["warning"] + f["note"]])


def compare_audit(book_path, json_path):
    """Compares an audit's workbook with its JSON document; returns the exit code."""
    book = Book(book_path)
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    cmp = Compare()
    sample = doc.get("sample")
    cmp.eq("sheets", book.sheet_names, ["汇总", "项目", "发现"] + (["抽查"] if sample else []))
    compare_summary(cmp, Sheet(book, 1), doc)

    projects = doc["projects"]
    sh = Sheet(book, 2)
    cmp.eq("项目 header", [sh.get(0, c) for c in range(16)],
           ["序号", "项目名称", "位置", "主管部门", "预算单位", "全年预算（万元）", "全年执行（万元）", "自评总分",
            "重算总分", "差额", "自评结论", "重算结论", "错误", "警告", "提示", "备注"])
    cmp.eq("项目 rows", sh.nrows - 1, len(projects))
    for i, p in enumerate(projects):
        r, w = 1 + i, "项目 row %d (%s)" % (2 + i, p["name"])
        funds = p.get("funds")
        remark = sh.get(r, 15)
        cmp.eq(w, [sh.get(r, c) for c in range(15)], [
            i + 1, p["name"], "%s:%d" % (p["file"], p["line"]) if p["line"] else p["file"], p["dept"], p["org"],
            funds["budget"] if funds else "—", funds["spent"] if funds else "—",
            number_or_dash(p["claimed_total"]), number_or_dash(p["total"]), number_or_dash(p["difference"]),
            p["claimed_grade"] or "—", p["grade"] or "—",
            p["counts"]["error"], p["counts"]["warning"], p["counts"]["note"]])
        cmp.eq(w + " 备注 未能计分", "有错误，未能计分" in remark, not p["scored"])
        cmp.eq(w + " 备注 结论不符", "结论不符" in remark, p["grade_differs"])

    sh = Sheet(book, 3)
    cmp.eq("发现 header", [sh.get(0, c) for c in range(7)], ["代码", "代码名称", "级别", "项目", "指标", "位置", "说明"])
    findings = [(p, f) for p in projects for f in p["findings"]]
    cmp.eq("发现 rows", sh.nrows - 1, len(findings))
    for i, (p, f) in enumerate(findings):
        r = 1 + i
        cmp.eq("发现 row %d" % (r + 1), [sh.get(r, c) for c in (0, 1, 2, 3, 5, 6)],
               [f["code"], f["name"] or "", SEVERITY[f["severity"]], p["name"], f["source"], f["message"]])

    if sample:
        sh = Sheet(book, 4)
        cmp.eq("抽查 title", sh.get(0, 0), "抽查")
        cmp.eq("抽查 count", sh.get(1, 0).endswith("：抽中 %d 个项目" % len(sample["picks"])), True)
        stratum = {"单位": "单位", "主管部门": "主管部门"}.get(sample.get("by"), "分层")
        cmp.eq("抽查 header", [sh.get(2, c) for c in range(7)],
               ["序号", "项目名称", "位置", stratum, "全年预算（万元）", "抽取方式", "理由"])
        cmp.eq("抽查 rows", sh.nrows - 3, len(sample["picks"]))
        for i, pk in enumerate(sample["picks"]):
            r = 3 + i
            cmp.eq("抽查 row %d" % (r + 1), [sh.get(r, c) for c in range(7)],
                   [i + 1, pk["name"], "%s:%d" % (pk["file"], pk["line"]) if pk["line"] else pk["file"],
                    pk["stratum"], pk["funds"], why_name(pk), pk["reason"]])
    print("compared %d projects, %d findings: %d differences" % (len(projects), len(findings), cmp.failures))
    return 1 if cmp.failures else 0


# ------------------------------------------------------------------ the review

def compare_sheet(cmp, sh, s, where):
    """Checks one project's 复核 sheet against its JSON object."""
    cmp.eq(where + " title", sh.get(0, 0), "项目支出绩效自评复核表")
    if s.get("year"):
        cmp.eq(where + " year", sh.get(1, 0), "（%d年度）" % s["year"])
    r = sh.find_row(0, "项目名称")
    cmp.eq(where + " 项目名称", sh.get(r, 1) if r is not None else None, s["project"])
    r = sh.find_row(0, "主管部门")
    cmp.eq(where + " 主管部门", [sh.get(r, c) for c in (1, 6, 7)] if r is not None else None,
           [s["dept"], "预算单位", s["org"]])
    r = sh.find_row(0, "自评表")
    cmp.eq(where + " 自评表", [sh.get(r, c) for c in (1, 6, 7)] if r is not None else None,
           ["%s:%d" % (s["file"], s["line"]), "复核表", s["review_file"]])
    head = sh.find_row(0, "一级指标")
    cmp.eq(where + " header", [sh.get(head, c) for c in range(15)] if head is not None else None,
           ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "单位", "权重", "自评完成值", "复核完成值",
            "填报得分", "重算得分", "复核得分", "重算−填报", "复核−重算", "备注"])
    if head is None:
        return
    first = head + 1
    ex = s.get("execution")
    if ex:
        cmp.eq(where + " 预算执行率", [sh.get(first, c) for c in (0, 6, 9, 10, 11, 12, 13, 14)],
               ["预算执行率 (%.2f分)" % ex["points"], ex["points"], "—", ex["score"], ex["score"], "—", 0.0,
                "（按资金计分，不复核）"])
        first += 1
    total = sh.find_row(0, "总分", first)
    inds = s["indicators"]
    cmp.eq(where + " indicator rows", (total - first) if total is not None else None, len(inds))
    if total is None:
        return
    for k, ind in enumerate(inds):
        r = first + k
        w = "%s %s" % (where, "/".join(ind["path"]))
        na = ind["not_applicable"]
        note = "（未复核，沿用自评）" if ind["basis"] == "unreviewed" else ind["note"]
        claimed = ind["claimed_score"]
        step = None if claimed is None else round(ind["self_score"] - claimed, 2)
        cmp.eq(w, [sh.get(r, c) for c in range(15)], ind["path"] + [
            ind["nature"], ind["target"], ind["unit"], number_or_dash(ind["weight"]), ind["self_actual"],
            ind["review_actual"], "不适用" if na else number_or_dash(claimed), "不适用" if na else ind["self_score"],
            "不适用" if na else ind["review_score"], "—" if na else number_or_dash(step),
            "—" if na else ind["difference"], note])
    claimed = s["self"]["claimed_total"]
    step = None if claimed is None else round(s["self"]["total"] - claimed, 2)
    cmp.eq(where + " 总分", [sh.get(total, c) for c in (6, 9, 10, 11, 12, 13)],
           [s["weight"], number_or_dash(claimed), s["self"]["total"], s["review"]["total"], number_or_dash(step),
            s["difference"]])
    cmp.eq(where + " 填报结论", [sh.get(total + 1, c) for c in (0, 1)], ["填报结论", s["self"]["claimed_grade"] or "—"])
    cmp.eq(where + " 重算结论", [sh.get(total + 2, c) for c in (0, 1)], ["重算结论", s["self"]["grade"] or "—"])
    cmp.eq(where + " 复核结论", [sh.get(total + 3, c) for c in (0, 1)], ["复核结论", s["review"]["grade"] or "—"])
    unreviewed = len(inds) - s["reviewed"]
    note = ("尚未复核：复核表中没有本项目的行，复核列沿用自评。" if s["reviewed"] == 0 else
            "已复核 %d 个指标" % s["reviewed"] + ("，%d 个未复核，其复核列沿用自评。" % unreviewed if unreviewed else "。"))
    cmp.eq(where + " 已复核", sh.get(total + 4, 0), note)
    cmp.eq(where + " 复核人", [sh.get(total + 5, 0), sh.get(total + 5, 7)], ["复核人", "日期"])


def compare_review(book_path, json_path):
    """Compares the 复核 workbook with the review's JSON document; returns the exit code."""
    book = Book(book_path)
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    sheets = doc["sheets"]
    cmp = Compare()
    cmp.eq("sheet count", len(book.sheet_names), len(sheets) + 1)
    cmp.eq("first sheet", book.sheet_names[0], "复核结果清单")
    lst = Sheet(book, 1)
    cmp.eq("list title", lst.get(0, 0), "项目支出绩效自评复核结果清单")
    cmp.eq("list header", [lst.get(1, c) for c in range(13)],
           ["序号", "项目名称", "预算单位", "填报总分", "填报结论", "重算总分", "重算结论", "复核总分", "复核结论",
            "重算−填报", "复核−重算", "已复核指标", "未复核指标"])
    cmp.eq("list rows", lst.nrows - 2, len(sheets))
    for i, s in enumerate(sheets):
        claimed = s["self"]["claimed_total"]
        cmp.eq("list row %d" % (3 + i), [lst.get(2 + i, c) for c in range(13)], [
            i + 1, s["project"], s["org"] or s["dept"], number_or_dash(claimed), s["self"]["claimed_grade"] or "—",
            s["self"]["total"], s["self"]["grade"] or "—", s["review"]["total"], s["review"]["grade"] or "—",
            number_or_dash(None if claimed is None else round(s["self"]["total"] - claimed, 2)), s["difference"],
            s["reviewed"], len(s["indicators"]) - s["reviewed"]])
        compare_sheet(cmp, Sheet(book, 2 + i), s, "sheet %d (%s)" % (2 + i, s["project"]))
    print("compared %d sheets: %d differences" % (len(sheets), cmp.failures))
    return 1 if cmp.failures else 0


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    what, path = argv[1], argv[2]
    if what == "compare":
        return compare(path, argv[3])
    if what == "data":
        return compare_data(path, argv[3])
    if what == "audit":
        return compare_audit(path, argv[3])
    if what == "review":
        return compare_review(path, argv[3])
    book = Book(path)
    if what == "sheets":
        for name in book.sheet_names:
            print(name)
    elif what == "dates":
        for info in book.zip.infolist():
            print("%s %04d-%02d-%02d %02d:%02d:%02d" % ((info.filename,) + info.date_time))
    elif what == "view":
        _, _, root = book.sheet(int(argv[3]))
        af = root.find("m:autoFilter", NS)
        print("autoFilter=%s" % (af.get("ref") if af is not None else ""))
        pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
        if pane is not None:
            print("pane=%s %s %s" % (pane.get("ySplit"), pane.get("topLeftCell"), pane.get("state")))
    elif what in ("cells", "merges", "setup"):
        n = int(argv[3])
        cells, merges, root = book.sheet(n)
        if what == "cells":
            for (r, c), v in sorted(cells.items()):
                ref = ""
                k = c + 1
                while k:
                    k, rem = divmod(k - 1, 26)
                    ref = chr(65 + rem) + ref
                if isinstance(v, float):
                    v = repr(v)
                print("%s%d\t%s" % (ref, r + 1, v))
        elif what == "merges":
            for ref in merges:
                print(ref)
        else:
            ps = root.find("m:pageSetup", NS)
            pr = root.find("m:sheetPr/m:pageSetUpPr", NS)
            attrs = dict(ps.attrib) if ps is not None else {}
            if pr is not None:
                attrs.update(pr.attrib)
            for k in sorted(attrs):
                print("%s=%s" % (k, attrs[k]))
            for name, sheet_id, text in book.defined:
                if sheet_id is not None and int(sheet_id) == n - 1:
                    print("%s=%s" % (name, text))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
