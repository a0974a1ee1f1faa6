#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of `jixiao audit --format xlsx` and `jixiao audit --review … --format
# xlsx`: each workbook is unzipped and read back (xlsx_read.py: zipfile + ElementTree) and
# its cells checked against the JSON report of the same input (names, numbers, totals,
# grades, findings, picks) and against numbers worked out by hand in the inputs' comments
# (tests/audit/inflated, tests/golden/review-text/demo.jx, data/audit-xlsx-lines.jx); the
# 指标 column of the findings, the autofilter and frozen header of the lists, merged
# ranges, the A4 print setup, the same bytes on every run, --timestamp, -o, and a
# temporary folder that cannot be written.
# Usage: test_audit_xlsx.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

read_book() { python3 "$here/xlsx_read.py" "$@"; }
audit_dir=$here/../audit
review_dir=$here/../golden/review-text
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"

# has FILE LINE: FILE holds LINE as a whole line
has() { if grep -qxF -- "$2" "$1"; then ok; else fail "$1 lacks line: $2"; fi; }
# no_cell FILE REF: the sheet listed in FILE has nothing in cell REF
no_cell() { if grep -q "^$2	" "$1"; then fail "$1: $2 holds $(grep "^$2	" "$1")"; else ok; fi; }
# same_as FILE TEXT: FILE holds exactly the lines of TEXT
same_as() { if [ "$(cat "$1")" = "$2" ]; then ok; else fail "$1 differs:"; diff <(echo "$2") "$1" | sed 's/^/  | /'; fi; }
# no_temp: the run left nothing in TMPDIR
no_temp() { if [ -z "$(ls -A "$TMPDIR")" ]; then ok; else fail "files left in TMPDIR: $(ls -A "$TMPDIR")"; fi; }
# matches_json WHAT BOOK JSON: xlsx_read.py WHAT finds no difference
matches_json() {
  if read_book "$1" "$2" "$3" >"$work/cmp"; then ok; else fail "$2 differs from $3"; cat "$work/cmp"; fi
}

# --- the inflated corpus ---------------------------------------------------------------------
# exit 1: c-training's 定性 claim outside its band is an error (qualitative-band); the workbook is whole
expect 1 "audit --format xlsx" -- "$bin" audit --format xlsx -o "$work/a.xlsx" "$audit_dir/inflated"
same_as "$work/err" "jixiao: 审核发现 1 个错误"
no_temp
if unzip -tq "$work/a.xlsx" >/dev/null; then ok; else fail "unzip -t a.xlsx"; fi
"$bin" audit --format json "$audit_dir/inflated" >"$work/a.json"
matches_json audit "$work/a.xlsx" "$work/a.json"
read_book sheets "$work/a.xlsx" >"$work/sheets"
same_as "$work/sheets" "汇总
项目
发现"

# 汇总, the sums of the files' comments: 5 projects; 全年预算 180 + 45 + 70 + 30 = 325 and
# 全年执行 171.5 + 45 + 64.3 + 28 = 308.8 万元 over 4 (嵊州 has no 资金 row); inflation
# (13.56 + 17.50 + 8.44 + 0.00 − 6.00) / 5 = 6.70; one claim of 100 in 5 = 20%; 总分 differs
# in 4 projects, 结论 in 3 (良, 中, 良 against 优); recomputed 优 2 (诸暨, 嵊州), 良 2, 中 1
read_book cells "$work/a.xlsx" 1 >"$work/c1"
has "$work/c1" "A1	审核汇总"
has "$work/c1" "A2	评分办法：财政部2020；列出提示及以上的发现"
has "$work/c1" "A4	项目"
has "$work/c1" "B4	5.0"
has "$work/c1" "B5	0.0"
has "$work/c1" "A6	全年预算（万元）"
has "$work/c1" "B6	325.0"
has "$work/c1" "B7	308.8"
has "$work/c1" "B8	4.0"
has "$work/c1" "A10	平均虚高（分）"
has "$work/c1" "B10	6.7"
has "$work/c1" "B12	1.0"
has "$work/c1" "B13	0.2"
has "$work/c1" "B14	4.0"
has "$work/c1" "B15	4.0"
has "$work/c1" "B16	3.0"
has "$work/c1" "A20	自评"
has "$work/c1" "B20	5.0"
has "$work/c1" "A21	重算"
has "$work/c1" "B21	2.0"
has "$work/c1" "C21	2.0"
has "$work/c1" "D21	1.0"
unzip -p "$work/a.xlsx" xl/styles.xml >"$work/styles"
if grep -q 'formatCode="0.00%"' "$work/styles" && grep -q 'formatCode="0.00"' "$work/styles" &&
   grep -q '<name val="宋体"/>' "$work/styles"; then ok; else fail "number formats and font"; fi

# 项目: one row per project, the comments' 总分 and 结论
read_book cells "$work/a.xlsx" 2 >"$work/c2"
has "$work/c2" "B2	越城区道路养护项目"
has "$work/c2" "C2	$audit_dir/inflated/a-road.jx:12"
has "$work/c2" "F2	180.0"
has "$work/c2" "G2	171.5"
has "$work/c2" "H2	100.0"
has "$work/c2" "I2	86.44"
has "$work/c2" "J2	13.56"
has "$work/c2" "K2	优"
has "$work/c2" "L2	良"
has "$work/c2" "P2	结论不符"
has "$work/c2" "I3	77.5"
has "$work/c2" "L3	中"
has "$work/c2" "I4	83.56"
has "$work/c2" "I5	98.42"
has "$work/c2" "J5	0.0"
has "$work/c2" "B6	嵊州市应急物资储备项目"
has "$work/c2" "F6	—"
has "$work/c2" "H6	94.0"
has "$work/c2" "I6	100.0"
has "$work/c2" "J6	-6.0"

# 发现: a-road's first findings are about 养护里程 (its name at 21:13, its 得分 at 21:49);
# 总分 and 结论 (37:8, 37:15) and the note about the whole project name no indicator.
# Each code has its Chinese name beside it (代码名称, engine/codes.c, docs/checks.md)
read_book cells "$work/a.xlsx" 3 >"$work/c3"
has "$work/c3" "A1	代码"
has "$work/c3" "B1	代码名称"
has "$work/c3" "A2	missing-reason"
has "$work/c3" "B2	缺少偏差原因"
has "$work/c3" "C2	警告"
has "$work/c3" "D2	越城区道路养护项目"
has "$work/c3" "E2	养护里程"
has "$work/c3" "F2	$audit_dir/inflated/a-road.jx:21:13"
has "$work/c3" "A3	claimed-score"
has "$work/c3" "B3	自评得分与重算不符"
has "$work/c3" "E3	养护里程"
has "$work/c3" "E4	道路完好率"
has "$work/c3" "E7	群众满意率"
for ref in E8 E9 E10; do no_cell "$work/c3" "$ref"; done
has "$work/c3" "A8	claimed-total"
has "$work/c3" "B8	自评总分与重算不符"
has "$work/c3" "A9	claimed-grade"
has "$work/c3" "B9	自评结论与重算不符"
has "$work/c3" "A10	all-full-marks"
has "$work/c3" "B10	指标全部满分"
has "$work/c3" "C10	提示"
# 汇总's findings by code: the name beside each code, then the counts
r=$(grep -P '^A[0-9]+\tclaimed-total$' "$work/c1" | cut -f1 | tr -d A)
has "$work/c1" "B$r	自评总分与重算不符"
has "$work/c1" "D$r	4.0"

# the lists: the header row filtered over every row and frozen; A4 across the page
read_book view "$work/a.xlsx" 2 >"$work/v"
same_as "$work/v" "autoFilter=A1:P6
pane=1 A2 frozen"
read_book view "$work/a.xlsx" 3 >"$work/v"
same_as "$work/v" "autoFilter=A1:G29"$'\n'"pane=1 A2 frozen"
for n in 2 3; do
  read_book setup "$work/a.xlsx" "$n" >"$work/p"
  has "$work/p" "paperSize=9"
  has "$work/p" "orientation=landscape"
  has "$work/p" "fitToHeight=0"
done
read_book setup "$work/a.xlsx" 3 >"$work/p"
has "$work/p" "_xlnm.Print_Titles='发现'!\$1:\$1"
read_book setup "$work/a.xlsx" 1 >"$work/p"
has "$work/p" "paperSize=9"
has "$work/p" "orientation=portrait"

# --- which indicator a finding is about (data/audit-xlsx-lines.jx, worked in its comments) ---
# weights 70 ≠ 100: weight-sum is an error and the 结论 is withheld, so exit 1 and no claimed-grade
expect 1 "lines" -- "$bin" audit --format xlsx -o "$work/l.xlsx" "$data/audit-xlsx-lines.jx"
"$bin" audit --format json "$data/audit-xlsx-lines.jx" >"$work/l.json" 2>/dev/null
matches_json audit "$work/l.xlsx" "$work/l.json"
read_book cells "$work/l.xlsx" 3 >"$work/c"
# rows: 2 weight-sum, 3 产出指标's points, 4 甲, 5 乙, 6 质量指标's points (on 乙's line,
# after it), 7 claimed-total (on 丁's line, after it); no claimed-grade: the 结论 is withheld
has "$work/c" "A4	missing-reason"
has "$work/c" "E4	甲"
has "$work/c" "E5	乙"
has "$work/c" "A6	points-mismatch"
has "$work/c" "A7	claimed-total"
for ref in E2 E3 E6 E7 E8; do no_cell "$work/c" "$ref"; done
read_book cells "$work/l.xlsx" 2 >"$work/c"
has "$work/c" "I2	56.0"
has "$work/c" "L2	—"

# --- an imported table beside rule files: the table's rows, the indicators named --------------
expect 0 "mixed" -- "$bin" audit --format xlsx -o "$work/m.xlsx" "$audit_dir/mixed"
"$bin" audit --format json "$audit_dir/mixed" >"$work/m.json" 2>/dev/null
matches_json audit "$work/m.xlsx" "$work/m.json"
read_book cells "$work/m.xlsx" 3 >"$work/c"
has "$work/c" "E2	接入系统数量"
has "$work/c" "F2	$audit_dir/mixed/001_79da5c65fa76b1ff.txt:1107"
has "$work/c" "A7	qualitative-evidence"
has "$work/c" "B7	定性指标缺少完成依据"
has "$work/c" "E7	工作效率"
has "$work/c" "A6	funds-inconsistent"
no_cell "$work/c" "E6"

# --- an unscored project: the report with the error is still written, exit 1 ----------------
unscored=$here/../golden/audit-unscored/bad.jx
expect 1 "unscored" -- "$bin" audit --min-severity warning --format xlsx -o "$work/u.xlsx" "$unscored"
same_as "$work/err" "jixiao: 审核发现 1 个错误"
"$bin" audit --min-severity warning --format json "$unscored" >"$work/u.json" 2>/dev/null
matches_json audit "$work/u.xlsx" "$work/u.json"
read_book cells "$work/u.xlsx" 2 >"$work/c"
has "$work/c" "I2	—"
has "$work/c" "L2	—"
has "$work/c" "M2	1.0"
has "$work/c" "P2	有错误，未能计分"
read_book cells "$work/u.xlsx" 1 >"$work/c"
has "$work/c" "A2	评分办法：财政部2020；列出警告及以上的发现"

# --- no project: the summary of nothing, the lists with their header alone -------------------
printf '# 没有项目\n' >"$work/none.jx"
expect 0 "no project" -- "$bin" audit --format xlsx -o "$work/n.xlsx" "$work/none.jx"
"$bin" audit --format json "$work/none.jx" >"$work/n.json"
matches_json audit "$work/n.xlsx" "$work/n.json"
read_book cells "$work/n.xlsx" 1 >"$work/c"
has "$work/c" "B4	0.0"
has "$work/c" "B10	—"
has "$work/c" "C10	没有填了总分并已计分的项目"
read_book view "$work/n.xlsx" 3 >"$work/v"
same_as "$work/v" "autoFilter=A1:G1
pane=1 A2 frozen"

# --- the sample: its sheet holds the JSON's picks ------------------------------------------
sample=(--sample 20% --seed 42 --by 单位 --weight funds)
expect 1 "sample" -- "$bin" audit --format xlsx "${sample[@]}" -o "$work/s.xlsx" "$audit_dir/sample"
"$bin" audit --format json "${sample[@]}" "$audit_dir/sample" >"$work/s.json" 2>/dev/null
matches_json audit "$work/s.xlsx" "$work/s.json"
read_book cells "$work/s.xlsx" 4 >"$work/c"
has "$work/c" "A2	抽取 20%，种子 42，按单位分层，按资金加权：抽中 5 个项目"
has "$work/c" "D3	单位"
read_book view "$work/s.xlsx" 4 >"$work/v"
same_as "$work/v" "autoFilter=A3:G8
pane=3 A4 frozen"

# --- the 复核 sheets of the review demo ------------------------------------------------------
# (--sample 100%: both projects have a sheet, 未复核项目 though the table has no row for it)
cd "$review_dir" || exit 1
expect 0 "review --format xlsx" -- "$bin" audit --review review.csv --sample 100% --seed 1 --format xlsx -o "$work/r.xlsx" demo.jx
no_temp
"$bin" audit --review review.csv --sample 100% --seed 1 --format json demo.jx >"$work/r.json"
matches_json review "$work/r.xlsx" "$work/r.json"
read_book sheets "$work/r.xlsx" >"$work/sheets"
same_as "$work/sheets" "复核结果清单
复核示例项目
未复核项目"
# the list: 填报 100 优, 重算 100.00 优 → 复核 82.50 (良), −17.50, 7 reviewed and 2 not;
# 未复核项目 填报 100, 重算 90.00 (−10.00), 复核 90.00
read_book cells "$work/r.xlsx" 1 >"$work/c"
has "$work/c" "D3	100.0"
has "$work/c" "E3	优"
has "$work/c" "F3	100.0"
has "$work/c" "H3	82.5"
has "$work/c" "I3	良"
has "$work/c" "K3	-17.5"
has "$work/c" "L3	7.0"
has "$work/c" "M3	2.0"
has "$work/c" "D4	100.0"
has "$work/c" "F4	90.0"
has "$work/c" "J4	-10.0"
# the sheet, docs/review.md's worked example: rows 7–15 the indicators under the header (6);
# columns H 自评完成值, I 复核完成值, J 填报, K 重算, L 复核, M 重算−填报, N 复核−重算, O 备注
read_book cells "$work/r.xlsx" 2 >"$work/c"
has "$work/c" "A7	产出指标"
has "$work/c" "C7	接入系统数量"
has "$work/c" "D7	正向"
has "$work/c" "E7	≥60"
has "$work/c" "F7	个"
has "$work/c" "G7	20.0"
has "$work/c" "I7	45"
has "$work/c" "J7	—"
has "$work/c" "K7	20.0"
has "$work/c" "L7	15.0"
has "$work/c" "N7	-5.0"
has "$work/c" "L8	7.5"
has "$work/c" "L9	8.0"
has "$work/c" "L10	6.5"
has "$work/c" "O11	（未复核，沿用自评）"
has "$work/c" "I12	部分达成"
has "$work/c" "L12	10.5"
has "$work/c" "J13	5.0"
has "$work/c" "L14	10.0"
has "$work/c" "A16	总分"
has "$work/c" "G16	100.0"
has "$work/c" "J16	100.0"
has "$work/c" "K16	100.0"
has "$work/c" "L16	82.5"
has "$work/c" "N16	-17.5"
has "$work/c" "A17	填报结论"
has "$work/c" "B17	优"
has "$work/c" "B18	优"
has "$work/c" "B19	良"
has "$work/c" "C19	（总分 82.50，较重算 -17.50，较填报 -17.50）"
has "$work/c" "A20	已复核 7 个指标，2 个未复核，其复核列沿用自评。"
has "$work/c" "A21	复核人"
has "$work/c" "H21	日期"
read_book merges "$work/r.xlsx" 2 >"$work/m"
for ref in A7:A11 B7:B9 B10:B11 A12:A14 B12:B13 A16:F16; do has "$work/m" "$ref"; done
read_book setup "$work/r.xlsx" 2 >"$work/p"
has "$work/p" "paperSize=9"
has "$work/p" "orientation=landscape"
has "$work/p" "_xlnm.Print_Titles='复核示例项目'!\$6:\$6"
has "$work/p" "_xlnm.Print_Area='复核示例项目'!\$A\$1:\$O\$21"
# 未复核项目: 巡查次数 50 × 8 / 10 = 40.00 against the 50 claimed (−10.00); 总分 90.00 against 100
read_book cells "$work/r.xlsx" 3 >"$work/c"
has "$work/c" "J7	50.0"
has "$work/c" "K7	40.0"
has "$work/c" "L7	40.0"
has "$work/c" "M7	-10.0"
has "$work/c" "J9	100.0"
has "$work/c" "K9	90.0"
has "$work/c" "A13	尚未复核：复核表中没有本项目的行，复核列沿用自评。"
read_book view "$work/r.xlsx" 1 >"$work/v"
same_as "$work/v" "autoFilter=A2:M4
pane=2 A3 frozen"

# no project to review (and a 复核表 of no rows): the list alone
printf '项目,三级指标,复核得分,备注\n' >"$work/empty.csv"
expect 0 "review: no project" -- "$bin" audit --review "$work/empty.csv" --format xlsx -o "$work/rn.xlsx" "$work/none.jx"
read_book sheets "$work/rn.xlsx" >"$work/sheets"
same_as "$work/sheets" "复核结果清单"

# seed 001's two 自评表 under the central policy: the 单列 预算执行率 row. The 自评表 are
# laid out for the default policy (indicator weights 100, 执行率 among them), so under
# central (90 + 单列 10) weight-sum is an error on each and the 结论 are withheld: the
# sheets are written all the same and the run exits 1
seed_review=$here/../golden/review-seed001
cd "$seed_review" || exit 1
seed=../../import/seeds/001_79da5c65fa76b1ff.txt
expect 1 "review central" -- "$bin" audit --review review.csv --policy central --format xlsx -o "$work/c.xlsx" "$seed"
"$bin" audit --review review.csv --policy central --format json "$seed" >"$work/c.json" 2>/dev/null
matches_json review "$work/c.xlsx" "$work/c.json"
read_book cells "$work/c.xlsx" 2 >"$work/c"
has "$work/c" "A7	预算执行率 (10.00分)"
cd "$review_dir" || exit 1

# --- the same bytes every run; the time only with --timestamp -------------------------------
expect 1 "audit again" -- "$bin" audit --format xlsx -o "$work/a2.xlsx" "$audit_dir/inflated"
if cmp -s "$work/a.xlsx" "$work/a2.xlsx"; then ok; else fail "two audits differ"; fi
"$bin" audit --format xlsx "$audit_dir/inflated" >"$work/stdout.xlsx" 2>/dev/null
if cmp -s "$work/a.xlsx" "$work/stdout.xlsx"; then ok; else fail "standard output differs from -o"; fi
expect 0 "review again" -- "$bin" audit --review review.csv --sample 100% --seed 1 --format xlsx -o "$work/r2.xlsx" demo.jx
if cmp -s "$work/r.xlsx" "$work/r2.xlsx"; then ok; else fail "two reviews differ"; fi
expect 1 "sample again" -- "$bin" audit --format xlsx "${sample[@]}" -o "$work/s2.xlsx" "$audit_dir/sample"
if cmp -s "$work/s.xlsx" "$work/s2.xlsx"; then ok; else fail "two samples differ"; fi
no_temp
for b in a r; do
  read_book dates "$work/$b.xlsx" >"$work/dates"
  if [ -s "$work/dates" ] && ! grep -vq ' 1980-01-01 00:00:00$' "$work/dates"; then ok; else
    fail "$b: zip entries dated other than 1980-01-01"; cat "$work/dates"; fi
  unzip -p "$work/$b.xlsx" docProps/core.xml >"$work/core"
  if grep -q '<dcterms:created xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:created>' "$work/core"; then
    ok; else fail "$b: fixed creation time"; cat "$work/core"; fi
done
day1=$(date -u +%Y-%m-%d)
expect 1 "audit --timestamp" -- "$bin" audit --format xlsx --timestamp -o "$work/at.xlsx" "$audit_dir/inflated"
expect 0 "review --timestamp" -- "$bin" audit --review review.csv --timestamp --format xlsx -o "$work/rt.xlsx" demo.jx
day2=$(date -u +%Y-%m-%d)
for b in at rt; do
  unzip -p "$work/$b.xlsx" docProps/core.xml >"$work/core"
  if grep -q "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\($day1\|$day2\)T" "$work/core"; then ok; else
    fail "$b --timestamp: today's date"; cat "$work/core"; fi
done
if ! cmp -s "$work/a.xlsx" "$work/at.xlsx"; then ok; else fail "audit --timestamp changes the bytes"; fi
if ! cmp -s "$work/r.xlsx" "$work/rt.xlsx"; then ok; else fail "review --timestamp changes the bytes"; fi
# --timestamp does nothing to a text report
"$bin" audit "$audit_dir/inflated" >"$work/t1" 2>/dev/null
"$bin" audit --timestamp "$audit_dir/inflated" >"$work/t2" 2>/dev/null
if cmp -s "$work/t1" "$work/t2"; then ok; else fail "--timestamp changes the text report"; fi

# --- the formats refused and the output kept --------------------------------------------------
expect 2 "template" -- "$bin" audit --format template "$audit_dir/inflated"
same_as "$work/err" "jixiao: audit 不输出 template 格式，可用 text、json、csv、html、md、xlsx、txt（见 jixiao audit --help）"
expect 2 "review: an unknown format" -- "$bin" audit --review review.csv --format xml demo.jx
same_as "$work/err" "jixiao: 未知的输出格式“xml”，可用 text、json、csv、html、md、xlsx、txt（见 jixiao audit --help）"
# TMPDIR holds the workbook's temporary data when writing to standard output (with -o FILE
# it is FILE's folder)
TMPDIR=$work/nodir expect 3 "audit: unwritable TMPDIR" -- "$bin" audit --format xlsx "$audit_dir/inflated"
# the corpus's qualitative-band error is counted too; the I/O failure decides the exit code
same_as "$work/err" "jixiao: 无法写出报告：读写文件失败
jixiao: 审核发现 1 个错误"
if [ ! -s "$work/out" ]; then ok; else fail "audit: unwritable TMPDIR wrote output"; fi
TMPDIR=$work/nodir expect 3 "review: unwritable TMPDIR" -- "$bin" audit --review review.csv --format xlsx demo.jx
same_as "$work/err" "jixiao: 无法写出报告：读写文件失败"
if [ ! -s "$work/out" ]; then ok; else fail "review: unwritable TMPDIR wrote output"; fi
no_temp

finish test_audit_xlsx
