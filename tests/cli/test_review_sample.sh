#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of the 复核 of a 抽查 sample: `audit --sample 3 --seed 15
# --review-template` writes the reviewer's table for the 3 projects drawn out of 37 (CSV and
# xlsx), the table filled in by another program reads back with `audit --review … --sample`
# into the sheets of exactly those 3, and the inflated project reads 填报 · 重算 · 复核 side by
# side.
#
# The corpus, 37 projects read in this order (a folder, its files in byte order of names):
#   000.jx            seed 000 imported (tests/import/seeds, 29 projects: 目标表, no actuals)
#   a-road.jx         tests/audit/inflated/a-road.jx (1)
#   b-waste.jx        tests/audit/inflated/b-waste.jx (1)
#   d-claims-hold.jx  tests/audit/inflated/d-claims-hold.jx (2)
#   e-claims.jx       tests/audit/review/claims.jx (4: 甲 乙 丙 庚, 甲 the 34th project read)
# The sample is drawn by tests/audit/sample_picks.py, the separate implementation of
# docs/sampling.md, run here over 37 units without strata: a count of 3 with seed 15 is a
# partial Fisher–Yates shuffle whose picks are positions 8, 28 and 33 (from 0), 33 being 甲
# (seed 15 was chosen with that program so that 甲 is drawn).
#
# 甲 (tests/audit/review/claims.jx), by hand under the default policy: 接入系统数量 ≥100个
# w60 实际 100个 → 60.00 (填报 60); 巡检次数 ≥400次 w40 实际 271.9次 → 40 × 271.9 / 400 =
# 27.19 (填报 40); 重算 87.19 良 against 填报 100 优: 重算−填报 −12.81. The reviewer takes
# 6 off 接入系统数量 (60 − 6 = 54.00) and finds 250 巡检 (40 × 250 / 400 = 25.00): 复核
# 54 + 25 = 79.00 → 中 (60 ≤ 79 < 80), 复核−重算 79.00 − 87.19 = −8.19, 复核−填报 −21.00.
# Usage: test_review_sample.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

has() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; sed 's/^/  | /' "$1" | head -40; fi; }

corpus=$work/corpus
mkdir -p "$corpus"
if "$bin" import -o "$corpus/000.jx" "$here/../import/seeds/000_070324ba240a519e.txt" 2>/dev/null; then ok; else fail "import seed 000"; fi
cp "$here/../audit/inflated/a-road.jx" "$corpus/a-road.jx"
cp "$here/../audit/inflated/b-waste.jx" "$corpus/b-waste.jx"
cp "$here/../audit/inflated/d-claims-hold.jx" "$corpus/d-claims-hold.jx"
cp "$here/../audit/review/claims.jx" "$corpus/e-claims.jx"

# the projects' names in reading order, from the files themselves
for f in 000.jx a-road.jx b-waste.jx d-claims-hold.jx e-claims.jx; do
  sed -n 's/^项目 "\([^"]*\)".*$/\1/p' "$corpus/$f"
done >"$work/names"
if [ "$(wc -l <"$work/names")" = 37 ]; then ok; else fail "corpus of $(wc -l <"$work/names") projects, want 37"; fi

# the picks of the separate sampler, by position, then by name (in reading order)
PYTHONPATH=$here/../audit python3 -c '
import sys, sample_picks as sp
sp.PROJECTS = [("p%d" % i, ("", ""), 0, False) for i in range(37)]
print("\n".join(str(i) for i, _, _ in sp.sample(count=3, seed=15)))' >"$work/picks"
if [ "$(paste -sd, "$work/picks")" = "8,28,33" ]; then ok; else fail "sampler picks $(paste -sd, "$work/picks")"; fi
while read -r i; do sed -n "$((i + 1))p" "$work/names"; done <"$work/picks" >"$work/want"
if [ "$(sed -n 3p "$work/want")" = 甲 ]; then ok; else fail "甲 not drawn"; fi

# --- the template, CSV: the 3 projects' indicators, the columns to fill empty -------------
expect 0 "template csv" -- "$bin" audit --sample 3 --seed 15 --review-template -o "$work/t.csv" "$corpus"
if [ "$(head -c 3 "$work/t.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]; then ok; else fail "template: no BOM"; fi
has "$work/t.csv" "项目,单位,主管部门,一级指标,二级指标,三级指标,年度指标值,实际完成值,填报得分,重算得分,复核完成值,复核得分,扣分,备注"
# 甲's two rows: the claims (60, 40) beside the recomputed scores (60.00, 27.19)
has "$work/t.csv" "甲,示例复核单位,,产出指标,数量指标,接入系统数量,≥100个,100个,60.00,60.00,,,,"
has "$work/t.csv" "甲,示例复核单位,,产出指标,数量指标,巡检次数,≥400次,271.9次,40.00,27.19,,,,"
tail -n +2 "$work/t.csv" | cut -d, -f1 | uniq >"$work/got"
if cmp -s "$work/want" "$work/got"; then ok; else fail "template's projects"; diff "$work/want" "$work/got"; fi
# without --sample: every project
expect 0 "template of all" -- "$bin" audit --review-template --format csv -o "$work/all.csv" "$corpus"
if [ "$(tail -n +2 "$work/all.csv" | cut -d, -f1 | uniq | wc -l)" = 37 ]; then ok; else fail "template of all: not 37 projects"; fi
expect 2 "template in text" -- "$bin" audit --review-template --format text "$corpus"
has "$work/err" "--review-template 只能输出 csv 或 xlsx"

# --- filled in (Python's csv module) and read back with the sample -------------------------
python3 - "$work/t.csv" "$work/filled.csv" <<'EOF'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
head = rows[0]
col = {name: i for i, name in enumerate(head)}
for r in rows[1:]:
    if r[col["项目"]] == "甲" and r[col["三级指标"]] == "接入系统数量":
        r[col["扣分"]], r[col["备注"]] = "6", "2 个系统未验收"
    if r[col["项目"]] == "甲" and r[col["三级指标"]] == "巡检次数":
        r[col["复核完成值"]], r[col["备注"]] = "250", "巡检记录只有 250 次"
with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
EOF
expect 0 "review of the sample" -- "$bin" audit --review "$work/filled.csv" --sample 3 --seed 15 "$corpus"
cp "$work/out" "$work/sheets.txt"
sed -n 's/^项目名称  //p' "$work/out" >"$work/got"
if cmp -s "$work/want" "$work/got"; then ok; else fail "the sample's sheets"; diff "$work/want" "$work/got"; fi
has "$work/out" "填报结论  优（总分 100.00）"
has "$work/out" "重算结论  良（总分 87.19，较填报 -12.81）"
has "$work/out" "复核结论  中（总分 79.00，较重算 -8.19，较填报 -21.00）"
# 接入系统数量: 填报 60.00, 重算 60.00, 复核 54.00, 0.00, −6.00; 巡检次数: 40.00, 27.19, 25.00, −12.81, −2.19
grep -E '^ *(产出指标 +数量指标 +)?(接入系统数量|巡检次数) ' "$work/out" | sed 's/  */ /g' >"$work/lines"
has "$work/lines" "接入系统数量 正向 ≥100 个 60 100个 100个 60.00 60.00 54.00 0.00 -6.00 2 个系统未验收"
has "$work/lines" "巡检次数 正向 ≥400 次 40 271.9次 250 40.00 27.19 25.00 -12.81 -2.19 巡检记录只有 250 次"
if [ "$(grep -c '^尚未复核：复核表中没有本项目的行' "$work/out")" = 2 ]; then ok; else fail "two sampled sheets unreviewed"; fi
has "$work/out" "复核人  ____________________"
# without --sample, the sheet of 甲 alone: the only project with rows filled
expect 0 "review without the sample" -- "$bin" audit --review "$work/filled.csv" "$corpus"
if [ "$(sed -n 's/^项目名称  //p' "$work/out")" = 甲 ]; then ok; else fail "without --sample: not 甲 alone"; fi

# --- the template, xlsx: locked and shaded to read, four columns to fill -------------------
expect 0 "template xlsx" -- "$bin" audit --sample 3 --seed 15 --review-template --format xlsx -o "$work/t.xlsx" "$corpus"
python3 "$here/xlsx_read.py" view "$work/t.xlsx" 1 >"$work/v"
has "$work/v" "pane=1 A2 frozen"
python3 "$here/xlsx_read.py" setup "$work/t.xlsx" 1 >"$work/p"
has "$work/p" "orientation=landscape"
has "$work/p" "paperSize=9"
# the sheet protected, and only the styles of K…N unlocked (read from the package with zipfile)
python3 - "$work/t.xlsx" >"$work/lock" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheet = z.read("xl/worksheets/sheet1.xml").decode()
styles = z.read("xl/styles.xml").decode()
xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S).group(1)
xf = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", xfs, re.S)
unlocked = {i for i, x in enumerate(xf) if 'locked="0"' in x}
filled = {i for i, x in enumerate(xf) if 'fillId="0"' not in x and "fillId" in x}
print("protected" if "<sheetProtection" in sheet else "open")
cols = {}
for col, s in re.findall(r'<c r="([A-Z]+)3" s="(\d+)"', sheet):
    cols[col] = ("input" if int(s) in unlocked else "locked") + ("+shaded" if int(s) in filled else "")
print(" ".join("%s=%s" % kv for kv in sorted(cols.items())))
EOF
has "$work/lock" "protected"
has "$work/lock" "A=locked+shaded B=locked+shaded C=locked+shaded D=locked+shaded E=locked+shaded F=locked+shaded G=locked+shaded H=locked+shaded I=locked+shaded J=locked+shaded K=input L=input M=input N=input"

# filled in with Python's zipfile and plain XML text (not libxlsxwriter): the cells to fill
# of 甲's rows get inline strings, everything else of the package is copied as it is
python3 - "$work/t.xlsx" "$work/filled.xlsx" <<'EOF'
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
zin = zipfile.ZipFile(src)
sheet = zin.read("xl/worksheets/sheet1.xml").decode()
def text_of(row, col):
    m = re.search(r'<c r="%s%d"[^>]*?t="inlineStr"[^>]*><is><t[^>]*>([^<]*)</t></is></c>' % (col, row), sheet)
    if m:
        return m.group(1)
    m = re.search(r'<c r="%s%d"[^>]*?t="s"[^>]*><v>(\d+)</v></c>' % (col, row), sheet)
    if m:
        sst = re.findall(r"<si><t[^>]*>([^<]*)</t></si>", zin.read("xl/sharedStrings.xml").decode())
        return sst[int(m.group(1))]
    return None
def put(row, col, value):
    global sheet
    cell = '<c r="%s%d"([^>]*?)(/>|>.*?</c>)' % (col, row)
    m = re.search(cell, sheet)
    assert m, (row, col)
    attrs = re.sub(r'\s*t="[^"]*"', "", m.group(1))
    sheet = sheet[:m.start()] + '<c r="%s%d"%s t="inlineStr"><is><t>%s</t></is></c>' % (col, row, attrs, value) + sheet[m.end():]
fills = {("甲", "接入系统数量"): {"M": "6", "N": "2 个系统未验收"},
         ("甲", "巡检次数"): {"K": "250", "N": "巡检记录只有 250 次"}}
done = 0
for row in range(2, 200):
    key = (text_of(row, "A"), text_of(row, "F"))
    for col, value in fills.get(key, {}).items():
        put(row, col, value)
        done += 1
assert done == 4, done
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = sheet.encode() if item.filename == "xl/worksheets/sheet1.xml" else zin.read(item.filename)
        zout.writestr(item, data)
EOF
expect 0 "review of the sample, xlsx" -- "$bin" audit --review "$work/filled.xlsx" --sample 3 --seed 15 "$corpus"
# the same sheets as from the CSV, but for the line naming the table
grep -v '^复核表  ' "$work/out" >"$work/a"
grep -v '^复核表  ' "$work/sheets.txt" >"$work/b"
if cmp -s "$work/a" "$work/b"; then ok; else fail "xlsx and csv read back differently"; diff "$work/a" "$work/b" | head; fi

# --- the 复核 workbook of the sample: 3 sheets after the list, 甲's three columns --------------
expect 0 "review workbook" -- "$bin" audit --review "$work/filled.csv" --sample 3 --seed 15 --format xlsx -o "$work/r.xlsx" "$corpus"
python3 "$here/xlsx_read.py" sheets "$work/r.xlsx" | tail -n +2 >"$work/got"
if cmp -s "$work/want" "$work/got"; then ok; else fail "workbook's sheets"; diff "$work/want" "$work/got"; fi
python3 "$here/xlsx_read.py" cells "$work/r.xlsx" 4 >"$work/c"
# 甲 has no 年度, so no caption row: head in row 5, the two indicators 6–7, row 8 the 总分:
# J 填报 100, K 重算 87.19, L 复核 79, M −12.81, N −8.19; then the three 结论
has "$work/c" "J8	100.0"
has "$work/c" "K8	87.19"
has "$work/c" "L8	79.0"
has "$work/c" "M8	-12.81"
has "$work/c" "N8	-8.19"
has "$work/c" "B9	优"
has "$work/c" "B10	良"
has "$work/c" "B11	中"
# the list: 甲 (row 5) 填报 100.00 优, 重算 87.19 良, 复核 79.00 中
python3 "$here/xlsx_read.py" cells "$work/r.xlsx" 1 >"$work/c"
has "$work/c" "D5	100.0"
has "$work/c" "E5	优"
has "$work/c" "F5	87.19"
has "$work/c" "H5	79.0"
has "$work/c" "I5	中"

finish test_review_sample
