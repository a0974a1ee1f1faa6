#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of how `jixiao vet` renders the 审核表 of each project (docs/vet.md,
# "Output"), on the target-table seeds 000, 003 and 004 read as they are and on a rule file
# worked by hand below:
#   - HTML: whole grids; one 审核表 section per project, each table's rows the same as the
#     JSON's indicators (and the project's own findings) of the same run; printed by headless
#     Chromium to a PDF of A4 pages only, 绩效目标审核表 on page 1, each 审核表 starting a page
#     of its own, every row of every table and every heading reading whole in the PDF's text,
#     the known rows of seed 004 (周报 lowered against 上年, 满意率 ≥100%) in the order of the
#     columns; no text wider than its box in the A4 layout, no word off the printable area;
#   - Markdown: one "## 审核表：" section per project, its table the same as the JSON's;
#   - xlsx: a zip of well-formed XML parts, each part typed; sheets 汇总, 项目, 发现, then one
#     per project, every name valid for Excel (at most 31 UTF-16 units, none of []:*?/\, no
#     apostrophe at either end, not History, unique ignoring case); each project sheet's title,
#     header row, indicator rows (shared strings resolved) the same as the JSON's, its header
#     frozen, filtered and repeated on every printed page, every sheet on A4 (paperSize 9).
# Every expected count comes from the JSON report of the same run or from the inputs by hand
# (the reasons in the comments). The rendering is skipped, with a message and exit 77, only
# where Chromium is not installed and this is not CI (scripts/deps.sh installs it).
# Usage: test_vet_render.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/html_lib.sh"

seeds=$here/../import/seeds
s000=$seeds/000_070324ba240a519e.txt
s003=$seeds/003_e426a0e6973cc52b.txt
s004=$seeds/004_6deff1062909ad4a.txt

# The checks of the reports against the JSON, in Python with the standard library only (and
# xlsx_read.py's Book and Sheet). Each prints "ok WHAT" or "FAIL WHAT: WHY", one a line;
# tally counts them.
cat >"$work/check.py" <<'PY'
import html
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.path.insert(0, sys.argv[1])
from xlsx_read import Book, Sheet, NS  # noqa: E402

M = "{%s}" % NS["m"]
SEV = {"error": "错误", "warning": "警告", "note": "提示"}
HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "上年指标值", "前年指标值", "指标值确定依据", "审核意见"]
FIXED = ["汇总", "项目", "发现"]


def report(what, bad, limit=3):
    """One line for a check: ok, or FAIL with the first few of what went wrong."""
    if not bad:
        print("ok " + what)
    else:
        print("FAIL %s: %d wrong: %s" % (what, len(bad), " | ".join(str(b) for b in bad[:limit])))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["projects"]


def squeeze(s):
    """Text without blanks or line breaks (pdftotext guesses the spacing of CJK runs)."""
    return re.sub(r"\s", "", s)


def heading(p):
    """A project's 审核表 heading: its name and its 单位 (its 主管部门 when it has no 单位)."""
    org = p.get("org") or p.get("dept") or ""
    return "审核表：%s（%s）" % (p["name"], org) if org else "审核表：" + p["name"]


def opinion(p, indexes):
    """The 审核意见 cell: "级别：代码名称" of each finding, joined by "；"."""
    return "；".join("%s：%s" % (SEV[f["severity"]], f.get("name") or f["code"])
                    for f in (p["findings"][i] for i in indexes))


def rows_of(p):
    """The rows of a project's 审核表 from its JSON object: a row for the findings about no
    indicator when there are any, then one per indicator (a year not given is empty)."""
    about = {i for ind in p["indicators"] for i in ind["findings"]}
    own = [i for i in range(len(p["findings"])) if i not in about]
    rows = [["", "", "（项目整体）", "", "", "", "", opinion(p, own)]] if own else []
    for ind in p["indicators"]:
        rows.append(list(ind["path"]) + [ind["target"] or "", ind["last_year"] or "", ind["year_before"] or "",
                                         ind["basis"] or "", opinion(p, ind["findings"])])
    return rows


def cell_text(c):
    return html.unescape(re.sub(r"<[^>]*>", "", c))


# ------------------------------------------------------------------ HTML

def html_sheets(path, json_path):
    projects = load(json_path)
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    sections = doc.split('<section class="sheet">')[1:]
    sheets = [s for s in sections if "<h2>审核表：" in s]
    report("html: one 审核表 section per project (%d)" % len(projects),
           [] if len(sheets) == len(projects) else ["%d sections" % len(sheets)])
    first = [i for i, s in enumerate(sections) if "<h2>审核表：" in s]
    report("html: the 审核表 sections come after the summary, the projects and the findings",
           [] if first and first[0] >= 1 and "发现明细" in "".join(sections[:first[0]]) else ["order"])
    head_bad, top_bad, thead_bad, count_bad, row_bad = [], [], [], [], []
    for s, p in zip(sheets, projects):
        m = re.match(r"\s*<h2>(.*?)</h2>", s, re.S)
        if not m:
            top_bad.append(p["name"])
        elif cell_text(m.group(1)) != heading(p):
            head_bad.append((cell_text(m.group(1)), heading(p)))
        t = re.search(r'<table class="targets">(.*?)</table>', s, re.S)
        if not t:
            thead_bad.append(p["name"] + ": no table")
            continue
        trs = re.findall(r"<tr>(.*?)</tr>", t.group(1), re.S)
        cells = [[cell_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)] for tr in trs]
        if not cells or cells[0] != HEAD:
            thead_bad.append((p["name"], cells[:1]))
            continue
        want = rows_of(p)
        if len(cells) - 1 != len(want):
            count_bad.append("%s: %d rows, JSON %d" % (p["name"], len(cells) - 1, len(want)))
        for got, w in zip(cells[1:], want):
            if got != w:
                row_bad.append((p["name"], got, w))
    report("html: each section opens with its 审核表 heading", top_bad)
    report("html: the headings name the project and its 单位", head_bad)
    report("html: each 审核表 has the header row " + " ".join(HEAD), thead_bad)
    report("html: each 审核表 has a row per indicator (and one for the project's own findings)", count_bad)
    report("html: each row is the JSON's indicator with its findings", row_bad)


# ------------------------------------------------------------------ Markdown

def md_cells(line):
    """The cells of a Markdown table row: split at unescaped bars, escapes taken out."""
    parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [re.sub(r"\\(.)", r"\1", x.strip()) for x in parts]


def md_sheets(path, json_path):
    projects = load(json_path)
    with open(path, encoding="utf-8") as f:
        doc = f.read()
    sheets = [s for s in re.split(r"^## ", doc, flags=re.M) if s.startswith("审核表：")]
    report("md: one ## 审核表 section per project (%d)" % len(projects),
           [] if len(sheets) == len(projects) else ["%d sections" % len(sheets)])
    head_bad, count_bad, row_bad = [], [], []
    for s, p in zip(sheets, projects):
        title = re.sub(r"\\(.)", r"\1", s.split("\n", 1)[0].strip())
        if title != heading(p):
            head_bad.append((title, heading(p)))
        lines = [x for x in s.split("\n") if x.startswith("|")]
        if len(lines) < 2 or md_cells(lines[0]) != HEAD:
            head_bad.append((p["name"], lines[:1]))
            continue
        rows = [md_cells(x) for x in lines[2:]]
        want = rows_of(p)
        if len(rows) != len(want):
            count_bad.append("%s: %d rows, JSON %d" % (p["name"], len(rows), len(want)))
        for got, w in zip(rows, want):
            if got != w:
                row_bad.append((p["name"], got, w))
    report("md: the headings name the project and its 单位, the tables have the header row", head_bad)
    report("md: each 审核表 has a row per indicator (and one for the project's own findings)", count_bad)
    report("md: each row is the JSON's indicator with its findings", row_bad)


# ------------------------------------------------------------------ the PDF

def pdf_whole(txt_path, html_path):
    """Every row of every table, and every heading and paragraph, of the HTML reads whole in
    the PDF's text (pdftotext -raw keeps Chromium's drawing order: cell after cell)."""
    with open(txt_path, encoding="utf-8") as f:
        text = squeeze(f.read())
    with open(html_path, encoding="utf-8") as f:
        doc = f.read()
    body = doc.split("<body>", 1)[1]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        rows.append("".join(squeeze(cell_text(c)) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)))
    report("pdf: every table row of the HTML reads whole (%d rows)" % len(rows), [r for r in rows if r not in text])
    lines = [squeeze(cell_text(x)) for x in re.findall(r"<(?:h1|h2|p)[^>]*>(.*?)</(?:h1|h2|p)>", body, re.S)]
    report("pdf: every heading and paragraph of the HTML reads whole (%d)" % len(lines),
           [x for x in lines if x not in text])


def pdf_pages(txt_path, json_path):
    """Each 审核表 starts a page (pdftotext puts a form feed between pages), in the JSON's order."""
    projects = load(json_path)
    with open(txt_path, encoding="utf-8") as f:
        pages = f.read().split("\f")
    pages = [re.sub(r"第\d+页，共\d+页", "", squeeze(x)) for x in pages]
    with_head = [x for x in pages if "审核表：" in x]
    report("pdf: one page opens each project's 审核表 (%d)" % len(projects),
           [] if len(with_head) == len(projects) else ["%d pages hold 审核表：" % len(with_head)])
    report("pdf: a 审核表 heading stands at the top of its page, one a page",
           [x[:40] for x in with_head if not x.startswith("审核表：") or x.count("审核表：") != 1])
    report("pdf: the pages' 审核表 are the JSON's projects in order",
           [(x[:40], heading(p)) for x, p in zip(with_head, projects) if not x.startswith(squeeze(heading(p)))])


def pdf_row(txt_path, prefix, item):
    """How many rows read PREFIX (the cells before 审核意见, squeezed) with ITEM (级别：名称)
    among the items of their 审核意见 cell."""
    with open(txt_path, encoding="utf-8") as f:
        text = squeeze(f.read())
    pat = re.escape(squeeze(prefix)) + r"(?:(?:错误|警告|提示)：[^；：]*；)*" + re.escape(item)
    print(len(re.findall(pat, text)))


def pdf_words(bbox_path):
    """Every word pdftotext finds lies on its page between the side margins (12 mm, 1 pt
    of slack) and within the page's height."""
    with open(bbox_path, encoding="utf-8") as f:
        doc = f.read()
    bad = []
    for page in re.finditer(r'<page width="([0-9.]+)" height="([0-9.]+)">(.*?)</page>', doc, re.S):
        w, h = float(page.group(1)), float(page.group(2))
        margin = 12 / 25.4 * 72
        for m in re.finditer(r'<word xMin="([0-9.-]+)" yMin="([0-9.-]+)" xMax="([0-9.-]+)" yMax="([0-9.-]+)">([^<]*)',
                             page.group(3)):
            x0, y0, x1, y1 = (float(m.group(k)) for k in range(1, 5))
            if x0 < margin - 1 or x1 > w - margin + 1 or y0 < 0 or y1 > h:
                bad.append("%s at %.1f–%.1f" % (html.unescape(m.group(5))[:30], x0, x1))
    report("pdf: every word lies within the printable width of its page", bad)


# ------------------------------------------------------------------ the workbook

def sheet_name_faults(names):
    """What Excel refuses in a workbook's sheet names."""
    bad = []
    for n in names:
        units = len(n.encode("utf-16-le")) // 2
        if not 1 <= units <= 31:
            bad.append("%r: %d UTF-16 units" % (n, units))
        if any(ch in n for ch in "[]:*?/\\"):
            bad.append("%r: a character of []:*?/\\" % n)
        if n.startswith("'") or n.endswith("'"):
            bad.append("%r: an apostrophe at an end" % n)
        if n.casefold() == "history":
            bad.append("%r: reserved" % n)
        if any(ord(ch) < 32 for ch in n):
            bad.append("%r: a control character" % n)
    seen = {}
    for n in names:
        k = n.casefold()
        if k in seen:
            bad.append("%r and %r: the same ignoring case" % (seen[k], n))
        seen[k] = n
    return bad


def book_parts(book_path):
    """The zip, its XML parts, their content types and the workbook's relationships."""
    z = zipfile.ZipFile(book_path)
    report("xlsx: every zip entry reads back (CRC)", [z.testzip()] if z.testzip() else [])
    names = [n for n in z.namelist() if not n.endswith("/")]
    bad = []
    for n in names:
        if n.endswith((".xml", ".rels")):
            try:
                ET.fromstring(z.read(n))
            except ET.ParseError as e:
                bad.append("%s: %s" % (n, e))
    report("xlsx: every XML part is well formed (%d parts)" % len(names), bad)
    ct = ET.fromstring(z.read("[Content_Types].xml"))
    P = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    defaults = {d.get("Extension").lower() for d in ct.iter(P + "Default")}
    overrides = {o.get("PartName") for o in ct.iter(P + "Override")}
    report("xlsx: every part has a content type",
           [n for n in names if n != "[Content_Types].xml" and "/" + n not in overrides
            and n.rsplit(".", 1)[-1].lower() not in defaults])
    R = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).iter(R + "Relationship")}
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    bad = []
    for k, s in enumerate(wb.find("m:sheets", NS)):
        target = rels.get(s.get(RID), "")
        target = target[1:] if target.startswith("/") else "xl/" + target
        # xlsx_read.py's Book reads sheet N from xl/worksheets/sheetN.xml
        if target != "xl/worksheets/sheet%d.xml" % (k + 1) or target not in names:
            bad.append("%s → %s" % (s.get("name"), target))
    report("xlsx: every sheet's relationship names its part", bad)


def book_sheets(book_path, json_path):
    projects = load(json_path)
    book_parts(book_path)
    book = Book(book_path)
    names = book.sheet_names
    report("xlsx: the sheets are 汇总, 项目, 发现, then one per project (%d)" % len(projects),
           [] if names[:3] == FIXED and len(names) == 3 + len(projects) else [names[:4], len(names)])
    report("xlsx: every sheet name is valid for Excel", sheet_name_faults(names))
    # 项目: a row per project under its header, in the JSON's order
    sh = Sheet(book, 2)
    got = [sh.get(r, 1) for r in range(1, sh.nrows)]
    report("xlsx: 项目 lists the JSON's projects", [] if got == [p["name"] for p in projects] else [got[:3]])
    titles = {(d[1], d[0]): d[2] for d in book.defined}
    setup_bad, title_bad, head_bad, count_bad, row_bad, pane_bad, print_bad, filter_bad = ([] for _ in range(8))
    for n in range(1, len(names) + 1):
        _, _, root = book.sheet(n)
        ps = root.find("m:pageSetup", NS)
        if ps is None or ps.get("paperSize") != "9":
            setup_bad.append(names[n - 1])
    for k, p in enumerate(projects):
        n = 4 + k
        if n > len(names):
            break
        sh = Sheet(book, n)
        name = names[n - 1]
        if sh.get(0, 0) != heading(p):
            title_bad.append((sh.get(0, 0), heading(p)))
        h = sh.find_row(0, "一级指标")
        if h is None or [sh.get(h, c) for c in range(9)] != HEAD + [""]:
            head_bad.append((name, None if h is None else [sh.get(h, c) for c in range(9)]))
            continue
        rows = [[sh.get(r, c) for c in range(8)] for r in range(h + 1, sh.nrows)]
        want = rows_of(p)
        if len(rows) != len(want):
            count_bad.append("%s: %d rows, JSON %d" % (name, len(rows), len(want)))
        for got, w in zip(rows, want):
            if got != w:
                row_bad.append((name, got, w))
        wide = [(r, c) for (r, c) in sh.cells if r > h and c >= 8]
        if wide:
            row_bad.append((name, "cells right of 审核意见", wide[:3]))
        pane = sh.root.find("m:sheetViews/m:sheetView/m:pane", NS)
        want_pane = (str(h + 1), "A%d" % (h + 2), "frozen")
        if pane is None or (pane.get("ySplit"), pane.get("topLeftCell"), pane.get("state")) != want_pane:
            pane_bad.append((name, None if pane is None else dict(pane.attrib)))
        quoted = "'%s'" % name.replace("'", "''")
        if titles.get((str(n - 1), "_xlnm.Print_Titles")) != "%s!$%d:$%d" % (quoted, h + 1, h + 1):
            print_bad.append((name, titles.get((str(n - 1), "_xlnm.Print_Titles"))))
        af = sh.root.find("m:autoFilter", NS)
        if af is None or af.get("ref") != "A%d:H%d" % (h + 1, h + 1 + len(want)):
            filter_bad.append((name, None if af is None else af.get("ref")))
    report("xlsx: every sheet is set to A4 (paperSize 9)", setup_bad)
    report("xlsx: each project sheet's title is its 审核表 heading", title_bad)
    report("xlsx: each project sheet has the header row " + " ".join(HEAD), head_bad)
    report("xlsx: each project sheet has a row per indicator (and one for the project's own findings)", count_bad)
    report("xlsx: each row is the JSON's indicator with its findings", row_bad)
    report("xlsx: each project sheet's header row is frozen", pane_bad)
    report("xlsx: each project sheet prints its header row on every page", print_bad)
    report("xlsx: each project sheet's filter covers its header and rows", filter_bad)


def book_rows(book_path, name):
    """The rows of the sheet NAME under its header, cells joined by tabs."""
    book = Book(book_path)
    sh = Sheet(book, book.sheet_names.index(name) + 1)
    h = sh.find_row(0, "一级指标")
    print(sh.get(0, 0))
    for r in range(h + 1, sh.nrows):
        print("\t".join(str(sh.get(r, c)) for c in range(8)).rstrip("\t"))


what = sys.argv[2]
args = sys.argv[3:]
{"html": html_sheets, "md": md_sheets, "whole": pdf_whole, "pages": pdf_pages, "row": pdf_row,
 "words": pdf_words, "book": book_sheets, "rows": book_rows}[what](*args)
PY
check() { python3 "$work/check.py" "$here" "$@"; }
# checked WHAT ARGS…: runs the check WHAT and counts its lines; a check that stops is a failure
checked() {
  check "$@" >"$work/r" 2>"$work/r.err"
  local code=$?
  tally "$work/r"
  if [ "$code" != 0 ]; then fail "check $1 stopped: $(tail -n 1 "$work/r.err")"; fi
}
# tally FILE: counts the checker's lines in FILE
tally() {
  local line
  while IFS= read -r line; do
    case $line in ok\ *) ok ;; *) fail "${line#FAIL }" ;; esac
  done <"$1"
}
# is WHAT GOT WANT
is() { if [ "$2" = "$3" ]; then ok; else fail "$1: got $2, want $3"; fi; }
# same_as FILE TEXT: FILE holds exactly the lines of TEXT
same_as() { if [ "$(cat "$1")" = "$2" ]; then ok; else fail "$1 differs:"; diff <(echo "$2") "$1" | sed 's/^/  | /'; fi; }

# --- the seeds: every format from one set of inputs ------------------------------------------
for f in json html md xlsx; do
  # seed 004's AK 项目质保金 has no indicator (missing-indicators, an error): exit 1, the report kept
  expect 1 "seeds as $f" -- "$bin" vet --format "$f" -o "$work/seeds.$f" "$s000" "$s003" "$s004"
done
np=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["projects"]))' "$work/seeds.json")
# seed 000 alone holds 29 projects (counted by hand in tests/cli/test_vet.sh); 003 and 004 add theirs
if [ "${np:-0}" -gt 29 ]; then ok; else fail "seeds: $np projects in the JSON, want more than seed 000's 29"; fi

html=$work/seeds.html
if [ "$(head -n 1 "$html")" = "<!DOCTYPE html>" ] && [ "$(tail -n 1 "$html")" = "</html>" ]; then ok; else fail "html: not a whole document"; fi
has "$html" "<title>绩效目标审核表</title>"
has "$html" "@page { size: A4;"
# self-contained: nothing fetched
for bad in "http" "<script" "<link" "<img" "src=" "url(" "@import"; do lacks "$html" "$bad"; done
if [ "$(grep -o '<tr>' "$html" | wc -l)" = "$(grep -o '</tr>' "$html" | wc -l)" ]; then ok; else fail "html: <tr> and </tr> differ"; fi
if [ "$(grep -o '<table' "$html" | wc -l)" = "$(grep -o '</table>' "$html" | wc -l)" ]; then ok; else fail "html: <table> and </table> differ"; fi
if grid "$html"; then ok; else fail "a row of $html is not a whole grid"; fi
count "$html" "<h2>审核表：" "$np"
count "$html" '<table class="targets">' "$np"
# each 审核表 opens a section of its own (a page of its own in print: .sheet + .sheet breaks)
is "html: sections opening with a 审核表" "$(grep -A1 '<section class="sheet">' "$html" | grep -c '^<h2>审核表：')" "$np"
has "$html" ".sheet + .sheet { break-before: page;"
checked html "$html" "$work/seeds.json"

count "$work/seeds.md" "## 审核表：" "$np"
checked md "$work/seeds.md" "$work/seeds.json"

checked book "$work/seeds.xlsx" "$work/seeds.json"
if unzip -tq "$work/seeds.xlsx" >/dev/null; then ok; else fail "unzip -t seeds.xlsx"; fi

# --- a rule file worked by hand ----------------------------------------------------------------
# 巡查保障项目 has 年度目标, 产出 with 数量, 质量, 时效 and 成本, 效益: nothing of its own to
# find (no weight anywhere: the parser's missing-weight are dropped). Its rows (docs/vet.md, 适当性):
#   周报 ≥45份 上年 ≥48份 前年 ≥48份: ≥ and 45 < 48 → 警告：指标值低于上年 (target-lowered);
#   核 ≥1900核 上年 1900核 前年 2700核: level with 上年, below 前年 → 提示：指标值低于前年;
#   合格率 ≥95% 上年 ≥95% 前年 95%: one number three years → 提示：指标值连续三年未变;
#   响应 ≤2小时 上年 ≤90分钟: ≤ and 120分钟 > 90分钟 → 警告：指标值低于上年;
#   设备成本 ≤5万元: within the 全年预算 of 10 万元 → nothing;
#   巡查覆盖率 ≥90%: above 0, below 100 % → nothing;
#   群众满意率 ≥100%: no survey shows 100 % → 警告：满意度目标不当.
# 汇总 has no indicator: missing-indicators, an error of its own (its groups not looked at), so
# the run exits 1. Its sheet cannot be named 汇总, the first sheet's.
# The third project's name and 依据 hold the characters HTML and Markdown escape.
cat >"$work/rules.jx" <<'EOF'
项目 "巡查保障项目" {
    单位 "901001 测试单位"
    年度目标 "按周汇总巡查情况"
    金额单位 万元
    资金 年度资金总额 年初预算 10 全年预算 10
    产出指标 {
        数量指标 { 周报 ≥45份 上年 ≥48份 前年 ≥48份 依据 "按周计，扣除节假日"
                   核 ≥1900核 上年 1900核 前年 2700核 }
        质量指标 { 合格率 ≥95% 上年 ≥95% 前年 95% }
        时效指标 { 响应 ≤2小时 上年 ≤90分钟 }
        成本指标 { 设备成本 ≤5万元 }
    }
    效益指标 { 社会效益指标 { 巡查覆盖率 ≥90% } }
    满意度指标 { 服务对象满意度指标 { 群众满意率 ≥100% } }
}
项目 "汇总" {
    单位 "901001 测试单位"
    年度目标 "x"
}
项目 "竖线|<项目> & \"引号\"" {
    年度目标 "x"
    产出指标 { 数量指标 { "甲|乙" ≥5份 依据 "a|b <c> & \"d\"" } }
}
EOF
# the projects: one 项目 block a line above
nr=$(grep -c '^项目 ' "$work/rules.jx")
for f in json html md xlsx; do
  expect 1 "rules as $f" -- "$bin" vet --format "$f" -o "$work/rules.$f" "$work/rules.jx"
  if grep -qF "审核发现 1 个错误" "$work/err"; then ok; else fail "rules as $f: the one error on stderr"; cat "$work/err"; fi
done
is "rules: projects in the JSON" "$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["projects"]))' "$work/rules.json")" "$nr"
if grid "$work/rules.html"; then ok; else fail "a row of rules.html is not a whole grid"; fi
count "$work/rules.html" "<h2>审核表：" "$nr"
count "$work/rules.md" "## 审核表：" "$nr"
checked html "$work/rules.html" "$work/rules.json"
checked md "$work/rules.md" "$work/rules.json"
checked book "$work/rules.xlsx" "$work/rules.json"
# the sheet of 巡查保障项目 (the fourth), by hand (above): no row of its own, the seven indicators
name4=$(python3 "$here/xlsx_read.py" sheets "$work/rules.xlsx" | sed -n 4p)
is "rules: the fourth sheet" "$name4" 巡查保障项目
check rows "$work/rules.xlsx" 巡查保障项目 >"$work/rows"
same_as "$work/rows" "审核表：巡查保障项目（901001 测试单位）
产出指标	数量指标	周报	≥45份	≥48份	≥48份	按周计，扣除节假日	警告：指标值低于上年
产出指标	数量指标	核	≥1900核	1900核	2700核		提示：指标值低于前年
产出指标	质量指标	合格率	≥95%	≥95%	95%		提示：指标值连续三年未变
产出指标	时效指标	响应	≤2小时	≤90分钟			警告：指标值低于上年
产出指标	成本指标	设备成本	≤5万元
效益指标	社会效益指标	巡查覆盖率	≥90%
满意度指标	服务对象满意度指标	群众满意率	≥100%				警告：满意度目标不当"
# the project named 汇总: the fifth sheet, under another name, the one row of its own finding
name5=$(python3 "$here/xlsx_read.py" sheets "$work/rules.xlsx" | sed -n 5p)
if [ -n "$name5" ] && [ "$name5" != 汇总 ]; then ok; else fail "the project 汇总's sheet is named “$name5”"; fi
check rows "$work/rules.xlsx" "$name5" >"$work/rows"
same_as "$work/rows" "审核表：汇总（901001 测试单位）
		（项目整体）					错误：缺少绩效指标"

# --- sheet names Excel refuses as they stand ------------------------------------------------------
# the fixed sheets' names, the characters []:*?/\, an apostrophe at the ends, the reserved
# History, names equal ignoring case (ASCII and full-width letters), two long names alike in
# their first 31 characters, characters outside the BMP (two UTF-16 units each, 20 of them).
# Each project has no indicator (missing-indicators, an error each): exit 1.
cat >"$work/names.jx" <<'EOF'
项目 "汇总" { 年度目标 "x" }
项目 "项目" { 年度目标 "x" }
项目 "发现" { 年度目标 "x" }
项目 "a/b:c*d?e[f]g\\h" { 年度目标 "x" }
项目 "'引号项目'" { 年度目标 "x" }
项目 "History" { 年度目标 "x" }
项目 "ABC项目" { 年度目标 "x" }
项目 "abc项目" { 年度目标 "x" }
项目 "ＡＢＣ项目" { 年度目标 "x" }
项目 "ａｂｃ项目" { 年度目标 "x" }
项目 "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十甲乙丙" { 年度目标 "x" }
项目 "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十甲乙丁" { 年度目标 "x" }
项目 "𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉𠀊𠀋𠀌𠀍𠀎𠀏𠀐𠀑𠀒𠀓" { 年度目标 "x" }
EOF
for f in json xlsx; do
  expect 1 "names as $f" -- "$bin" vet --format "$f" -o "$work/names.$f" "$work/names.jx"
done
is "names: projects in the JSON" "$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["projects"]))' "$work/names.json")" \
  "$(grep -c '^项目 ' "$work/names.jx")"
checked book "$work/names.xlsx" "$work/names.json"

# --- rendered by headless Chromium ----------------------------------------------------------
chromium_or_skip vet_render

# pdf NAME: prints $work/NAME.html to $work/NAME.pdf, its text (pages split by form feeds) to
# NAME.txt and its words' boxes to NAME.bbox; the number of pages to $pages
pdf() {
  render "$work/$1.html" --no-pdf-header-footer --print-to-pdf="$work/$1.pdf"
  pdfinfo "$work/$1.pdf" >"$work/$1.info" 2>&1
  pages=$(sed -n 's/^Pages: *//p' "$work/$1.info")
  pdftotext -raw "$work/$1.pdf" "$work/$1.txt" 2>/dev/null
  pdftotext -bbox "$work/$1.pdf" "$work/$1.bbox" 2>/dev/null
}
# a4 NAME: every page of NAME.pdf is A4 (595 × 842 pts)
a4() {
  local n
  n=$(pdfinfo -f 1 -l "${pages:-1}" "$work/$1.pdf" 2>/dev/null | grep -cE '^Page +[0-9]+ size: +59[45]\.[0-9]+ x 84[12]\.[0-9]+ pts \(A4\)')
  if [ "${pages:-0}" -ge 1 ] && [ "$n" = "$pages" ]; then ok; else
    fail "$1: $n of ${pages:-0} pages A4"; grep -E 'Page|Pages' "$work/$1.info"; cat "$work/chrome.log"; fi
}
# page1 NAME TEXT: page 1 of NAME.pdf holds TEXT
page1() {
  local p1
  p1=$(pdftotext -raw -f 1 -l 1 "$work/$1.pdf" - 2>/dev/null | tr -d ' \n')
  case $p1 in *"$2"*) ok ;; *) fail "$1: page 1 lacks $2" ;; esac
}
# rows NAME PREFIX ITEM N: N rows of NAME.pdf read PREFIX (the cells before 审核意见, in the
# order of the columns) with ITEM in their 审核意见
rows() { is "$1: rows “$2” with $3" "$(check row "$work/$1.txt" "$2" "$3")" "$4"; }
# fits NAME: no text in NAME.html is wider than its box, laid out at the A4 sheet's width
# (210 mm less 12 mm each side, as in print): a script added to a copy of the page marks each
# heading, paragraph and cell whose content is wider than it, and each sheet wider than the
# page, and Chromium's --dump-dom gives them back
fits() {
  sed 's|</body>|<script>\
var bad = [];\
document.querySelectorAll("h1, h2, p, th, td, .sheet").forEach(function (e) {\
  if (e.scrollWidth > e.clientWidth + 1) bad.push(e.tagName + " " + e.textContent.slice(0, 30) + " " + e.scrollWidth + ">" + e.clientWidth);\
});\
var o = document.createElement("pre"); o.id = "fits";\
o.textContent = "WIDER " + bad.length + "\\n" + bad.join("\\n"); document.body.appendChild(o);\
</script>\
</body>|' "$work/$1.html" >"$work/$1.probe.html"
  timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile" \
    --window-size=1000,1400 --dump-dom "file://$work/$1.probe.html" >"$work/$1.dom" 2>"$work/chrome.log"
  local n
  n=$(sed -n 's/.*<pre id="fits">WIDER \([0-9]*\).*/\1/p' "$work/$1.dom")
  if [ "$n" = "${2:-0}" ]; then ok; else
    fail "$1: ${n:-no answer} boxes narrower than their text, want ${2:-0}"; sed -n '/<pre id="fits">/,/<\/pre>/p' "$work/$1.dom" | head -6; fi
}

# the probe itself finds a cell whose text cannot wrap: a 10 mm column holding a run of 40
# letters without a break (white-space: nowrap)
printf '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><style>table { width: 50mm; table-layout: fixed; }</style></head><body>\n<table><colgroup><col style="width: 10mm"><col></colgroup><tr><td style="white-space: nowrap">%s</td><td>x</td></tr></table>\n</body>\n</html>\n' \
  "$(printf 'ABCDEFGHIJ%.0s' 1 2 3 4)" >"$work/probe.html"
fits probe 1

# the seeds
pdf seeds
a4 seeds
# the summary's page, then at least one page per project
if [ "${pages:-0}" -gt "$np" ]; then ok; else fail "seeds: $pages pages for $np projects"; fi
page1 seeds 绩效目标审核表
is "seeds pdf: 审核表 headings" "$(grep -o '审核表：' "$work/seeds.txt" | wc -l)" "$np"
checked pages "$work/seeds.txt" "$work/seeds.json"
checked whole "$work/seeds.txt" "$html"
checked words "$work/seeds.bbox"
fits seeds
# seed 004's 周报 rows, read by hand: the 年度绩效目标表 of 武汉经济技术开发区 (汉南区) 大数据中心
# 整体支出绩效目标 (line 562) and of 网上群众工作部服务中心 (line 697) give 前年 ≥48, 上年 ≥48 and
# 当年 ≥45 with the same 依据 (line 697's runs on to line 699). ≥ and 45 < 48: target-lowered,
# 指标值低于上年; a number without a unit in 数量指标: missing-unit, 缺少计量单位 (docs/vet.md).
zb="产出指标 数量指标 周报 ≥45 ≥48 ≥48 每年周数不一样，再结合公休调休等因素影响，下调最低数量要求。"
rows seeds "$zb" "警告：指标值低于上年" 2
rows seeds "$zb" "警告：缺少计量单位" 2
# seed 004's 满意率 rows of ≥100% in a 年度绩效目标表 (the 长期 tables of lines 535, 536, 943,
# 1081 and 1162 are not read): line 632 周边居民满意率 (前年, 上年 and 当年 ≥100%), line 1101
# 使用者满意率 (100%, 100%, ≥100%), line 1181 使用满意率 (/, 100%, ≥100%) — each 满意度目标不当;
# the first two the same number three years (a year without a sign takes the target's): flat too
rows seeds "满意度指标 受益对象或服务对象满意度指标 周边居民满意率 ≥100% ≥100% ≥100% 经验标准" "警告：满意度目标不当" 1
rows seeds "满意度指标 受益对象或服务对象满意度指标 周边居民满意率 ≥100% ≥100% ≥100% 经验标准" "提示：指标值连续三年未变" 1
rows seeds "满意度指标 服务对象满意度指标 使用者满意率 ≥100% 100% 100% 经验标准" "警告：满意度目标不当" 1
rows seeds "满意度指标 服务对象满意度指标 使用者满意率 ≥100% 100% 100% 经验标准" "提示：指标值连续三年未变" 1
rows seeds "满意度指标 服务对象满意度指标 使用满意率 ≥100% 100% / 经验标准" "警告：满意度目标不当" 1

# the rule file
pdf rules
a4 rules
page1 rules 绩效目标审核表
checked pages "$work/rules.txt" "$work/rules.json"
checked whole "$work/rules.txt" "$work/rules.html"
checked words "$work/rules.bbox"
fits rules
rows rules "产出指标 数量指标 周报 ≥45份 ≥48份 ≥48份 按周计，扣除节假日" "警告：指标值低于上年" 1
rows rules "产出指标 时效指标 响应 ≤2小时 ≤90分钟" "警告：指标值低于上年" 1
rows rules "满意度指标 服务对象满意度指标 群众满意率 ≥100%" "警告：满意度目标不当" 1

# a project name with a long run of letters and digits and no break in it (150 characters,
# a code as some systems write it): the 审核表 heading wraps like the cells do, and nothing of
# the name is cut off the printed page. One indicator, no 效益 group: warnings only, exit 0
long=$(printf 'XM2023ABCD%.0s' $(seq 1 15))
printf '项目 "%s" {\n    单位 "901001 测试单位"\n    年度目标 "x"\n    产出指标 { 数量指标 { 周报 ≥45份 } }\n}\n' \
  "$long" >"$work/long.jx"
expect 0 "a long name as html" -- "$bin" vet --format html -o "$work/long.html" "$work/long.jx"
pdf long
a4 long
is "long: the 审核表 heading with the whole name in the PDF" \
  "$(tr -d ' \n' <"$work/long.txt" | grep -o "审核表：$long（901001测试单位）" | wc -l)" 1
fits long

finish vet_render
