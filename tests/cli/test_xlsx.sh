#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of `jixiao score --format xlsx`: the workbook is unzipped and read back
# (xlsx_read.py: zipfile + ElementTree) and its cells checked against `score --format json`
# on the same input, and against numbers worked out by hand (the samples' comments, the
# 越城区 2024 accounts, data/xlsx-*.jx); merged ranges, the A4 print setup, sheet names
# for long, odd and repeated project names, the same bytes on every run, --timestamp, -o
# and the temporary files.
# Usage: test_xlsx.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

read_book() { python3 "$here/xlsx_read.py" "$@"; }
samples=$here/../../samples
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"

# has FILE LINE: FILE holds LINE as a whole line
has() { if grep -qxF -- "$2" "$1"; then ok; else fail "$1 lacks line: $2"; fi; }
# lacks FILE TEXT: FILE does not hold TEXT
lacks() { if grep -qF -- "$2" "$1"; then fail "$1 holds: $2"; else ok; fi; }
# same_as FILE TEXT: FILE holds exactly the lines of TEXT
same_as() { if [ "$(cat "$1")" = "$2" ]; then ok; else fail "$1 differs:"; diff <(echo "$2") "$1" | sed 's/^/  | /'; fi; }
# no_temp: the run left nothing in TMPDIR
no_temp() { if [ -z "$(ls -A "$TMPDIR")" ]; then ok; else fail "files left in TMPDIR: $(ls -A "$TMPDIR")"; fi; }

# --- the samples: read back and compared with the JSON -----------------------------------
yc=$samples/yuecheng-2024.jx
wa=$samples/wangan-2025-review.jx
expect 0 "score --format xlsx samples" -- "$bin" score --format xlsx -o "$work/s.xlsx" "$yc" "$wa"
if [ ! -s "$work/err" ]; then ok; else fail "xlsx writes nothing to stderr"; cat "$work/err"; fi
no_temp
if unzip -tq "$work/s.xlsx" >/dev/null; then ok; else fail "unzip -t s.xlsx"; fi
"$bin" score --format json "$yc" "$wa" >"$work/s.json"
if read_book compare "$work/s.xlsx" "$work/s.json" >"$work/cmp"; then ok; else fail "workbook differs from JSON"; cat "$work/cmp"; fi

read_book sheets "$work/s.xlsx" >"$work/sheets"
same_as "$work/sheets" "自评结果清单
越城区电子政务云资源服务项目
越城区网络安全运营中心项目
区政务网络安全运营项目
数据"

# the last sheet, 数据: the rows of `score --format csv` of the same input, every cell as
# text, read with python's csv module (its formula guard taken off as csv.h says), but
# 位置, which names the samples' absolute path by the file's name alone as the forms do; its
# header row (1) frozen, filtering the rows under it over the CSV's 35 columns (A–AI): a
# row per indicator and per group without one — 越城区 6 + 4 and 7 + 4, 区政务 10 + 3 — so
# 34 rows, 35 lines with the header (no cell holds a line break)
"$bin" score --format csv "$yc" "$wa" >"$work/s.csv"
if read_book data "$work/s.xlsx" "$work/s.csv" >"$work/cmp"; then ok; else fail "数据 differs from the CSV"; cat "$work/cmp"; fi
if [ "$(wc -l <"$work/s.csv")" = 35 ]; then ok; else fail "s.csv: not 35 lines"; fi
# the filter spans the 38 columns of the CSV (A … AL, the history last)
read_book view "$work/s.xlsx" 5 >"$work/v5"
same_as "$work/v5" "autoFilter=A1:AL35
pane=1 A2 frozen"
# read back, it is what audit reads: no form sheet is tried
"$bin" audit "$work/s.xlsx" >/dev/null 2>"$work/err"
lacks "$work/err" "sheets-not-imported"
lacks "$work/err" "row-not-understood"

# the list: the years differ (2024, 2025), so the title has none; 总分 and 自评结论 as
# worked out in the samples (100 → 优 twice; 87.19 → 良); the unit without its code
read_book cells "$work/s.xlsx" 1 >"$work/c1"
has "$work/c1" "A1	项目支出绩效自评结果清单"
has "$work/c1" "A3	1.0"
has "$work/c1" "B3	绍兴市越城区大数据发展管理中心（本级）"
has "$work/c1" "C3	越城区电子政务云资源服务项目"
has "$work/c1" "D3	100.0"
has "$work/c1" "E3	优"
has "$work/c1" "C4	越城区网络安全运营中心项目"
has "$work/c1" "E4	优"
has "$work/c1" "A5	3.0"
has "$work/c1" "B5	区大数据发展管理中心（本级）"
has "$work/c1" "D5	87.19"
has "$work/c1" "E5	良"
read_book merges "$work/s.xlsx" 1 >"$work/m1"
same_as "$work/m1" "A1:E1"
# its header row (2) filters rows 3–5 and stays in view
unzip -p "$work/s.xlsx" xl/worksheets/sheet1.xml >"$work/x1"
if grep -qF '<autoFilter ref="A2:E5"/>' "$work/x1" && grep -qF '<pane ySplit="2" topLeftCell="A3"' "$work/x1"; then
  ok; else fail "list: autofilter and frozen header"; cat "$work/x1"; fi

# 越城区电子政务云资源服务项目, rows laid out by hand: 1 title, 2 year, 3 项目名称, 4 主管部门 /
# 预算单位, 5 资金 header, 6–7 年度资金总额 and 一般公共预算资金, 8–9 年度总体目标, 10 the
# indicator header, 11–15 产出指标 (数量 2 rows, 质量 empty, 时效 1, 成本 empty), 16–19 效益指标
# (经济 1, 社会 and 生态 empty, 可持续 1), 20 满意度指标, 21 总分, 22 自评结论
read_book cells "$work/s.xlsx" 2 >"$work/c2"
has "$work/c2" "A1	项目支出绩效自评表"
has "$work/c2" "A2	（2024年度）"
has "$work/c2" "B3	越城区电子政务云资源服务项目"
has "$work/c2" "B4	301-大数据管理"
has "$work/c2" "F4	301001-绍兴市越城区大数据发展管理中心（本级）"
has "$work/c2" "A5	项目资金（万元）"
has "$work/c2" "F6	—"
has "$work/c2" "C7	366.0"
has "$work/c2" "D7	358.35"
has "$work/c2" "F7	1.0"
has "$work/c2" "B9	提高电子政务云资源集约利用水平，为各镇街、区级各部门提供更加便捷高效的电子政务云资源应用环境。"
has "$work/c2" "A11	产出指标 (60.00分)"
has "$work/c2" "B11	数量指标 (50.00分)"
has "$work/c2" "C11	接入系统数量"
has "$work/c2" "D11	≥60个"
has "$work/c2" "F11	30.0"
has "$work/c2" "G11	30.0"
has "$work/c2" "B13	质量指标 (0.00分)"
has "$work/c2" "G13	0.0"
has "$work/c2" "C14	执行率"
has "$work/c2" "E14	100%"
has "$work/c2" "A20	满意度指标 (10.00分)"
has "$work/c2" "A21	总分"
has "$work/c2" "F21	100.0"
has "$work/c2" "G21	100.0"
has "$work/c2" "A22	自评结论"
has "$work/c2" "B22	优"
has "$work/c2" "C22	总分高于90分（含）的结论为“优”，90～80分（含）为“良”，80～60分（含）为“中”，低于60分为“差”。"
# the foot after a blank row (23): 填报人, 审核人, 联系电话 and 填报日期 two columns each on row
# 24, ruled under; then, after another blank row, the findings
has "$work/c2" "A24	填报人："
has "$work/c2" "C24	审核人："
has "$work/c2" "E24	联系电话："
has "$work/c2" "G24	填报日期：　　年　　月　　日"
has "$work/c2" "A26	警告（7）"
read_book merges "$work/s.xlsx" 2 >"$work/m2"
for ref in A1:H1 A2:H2 B3:H3 B4:D4 F4:H4 A5:A7 F5:H5 F6:H6 F7:H7 A8:A9 B8:E8 F8:H8 B9:E9 F9:H9 \
           A11:A15 B11:B12 A16:A19 A21:E21 C22:H22 A24:B24 C24:D24 E24:F24 G24:H24; do
  has "$work/m2" "$ref"
done
lacks "$work/m2" "A20:"
read_book setup "$work/s.xlsx" 2 >"$work/p2"
has "$work/p2" "paperSize=9"
has "$work/p2" "orientation=portrait"
has "$work/p2" "fitToPage=1"
has "$work/p2" "fitToHeight=0"
has "$work/p2" "_xlnm.Print_Titles='越城区电子政务云资源服务项目'!\$10:\$10"
has "$work/p2" "_xlnm.Print_Area='越城区电子政务云资源服务项目'!\$A\$1:\$H\$24"

# 区政务网络安全运营项目, the scores of the sample's comment: 目标偏离原因分析 and 整改措施及建议
# take rows 10 and 11, the header 12; 产出指标 13–19 (数量 3, 质量 1, 时效 2, 成本 empty),
# 效益指标 20–24 (经济 empty, 社会 2, 生态 empty, 可持续 1), 满意度 25, 总分 26, 自评结论 27;
# the empty 其他需说明的问题 takes no row (as an empty 目标偏离原因分析 would not); the foot 29
read_book cells "$work/s.xlsx" 4 >"$work/c4"
has "$work/c4" "A2	（2025年度）"
has "$work/c4" "E6	107.26"
has "$work/c4" "F6	0.9327"
has "$work/c4" "A10	目标偏离原因分析"
has "$work/c4" "A11	整改措施及建议"
has "$work/c4" "B11	提前编排年度检测计划，与系统迁移错开；对厂商补丁类漏洞建立临时防护和跟踪销号机制。"
has "$work/c4" "D13	=12次"
has "$work/c4" "E13	10次"
has "$work/c4" "G13	16.67"
has "$work/c4" "H13	年中政务云迁移，两次扫描顺延至下年一季度"
has "$work/c4" "G14	7.5"
has "$work/c4" "G15	10.0"
has "$work/c4" "G16	9.61"
has "$work/c4" "G17	3.75"
has "$work/c4" "G18	4.91"
has "$work/c4" "G21	10.0"
has "$work/c4" "D22	明显提升"
has "$work/c4" "G22	3.5"
has "$work/c4" "G24	11.25"
has "$work/c4" "G25	10.0"
has "$work/c4" "F26	100.0"
has "$work/c4" "G26	87.19"
has "$work/c4" "B27	良"
has "$work/c4" "A29	填报人："
has "$work/c4" "A31	警告（1）"
read_book merges "$work/s.xlsx" 4 >"$work/m4"
for ref in A13:A19 B13:B15 B17:B18 A20:A24 B21:B22 A26:E26 C27:H27 B10:H10 B11:H11; do
  has "$work/m4" "$ref"
done
for n in 1 2 3 4; do
  read_book setup "$work/s.xlsx" "$n" >"$work/p"
  has "$work/p" "paperSize=9"
done

# --explain: after the form (which ends at row 27), a blank row and its foot (29) and a blank
# row, 计分过程 and one formula per indicator, the sample's comment worked out, then the
# warning; still printed to row 29, the foot
expect 0 "--explain" -- "$bin" score --format xlsx --explain -o "$work/e.xlsx" "$wa"
read_book cells "$work/e.xlsx" 2 >"$work/c"
has "$work/c" "A31	计分过程"
has "$work/c" "A32	漏洞扫描：16.67 = 20 × 10 / 12 [eq-ratio]"
has "$work/c" "A40	隐患平均处置时长：11.25 = 15 × (2 × 24 − 30) / 24 [le-linear]"
has "$work/c" "A43	警告（1）"
read_book setup "$work/e.xlsx" 2 >"$work/p"
has "$work/p" "_xlnm.Print_Area='区政务网络安全运营项目'!\$A\$1:\$H\$29"

# one year for every project: the list's title names it, as the 附件 of the accounts does
expect 0 "score --format xlsx yuecheng" -- "$bin" score --format xlsx -o "$work/y.xlsx" "$yc"
read_book cells "$work/y.xlsx" 1 >"$work/y1"
has "$work/y1" "A1	2024年项目支出绩效自评结果清单"

# --- the same bytes every run; the time only with --timestamp -------------------------------
expect 0 "second run" -- "$bin" score --format xlsx -o "$work/s2.xlsx" "$yc" "$wa"
if cmp -s "$work/s.xlsx" "$work/s2.xlsx"; then ok; else fail "two runs differ"; fi
"$bin" score --format xlsx "$yc" "$wa" >"$work/stdout.xlsx"
if cmp -s "$work/s.xlsx" "$work/stdout.xlsx"; then ok; else fail "standard output differs from -o"; fi
no_temp
read_book dates "$work/s.xlsx" >"$work/dates"
if [ -s "$work/dates" ] && ! grep -vq ' 1980-01-01 00:00:00$' "$work/dates"; then ok; else
  fail "zip entries dated other than 1980-01-01"; cat "$work/dates"; fi
unzip -p "$work/s.xlsx" docProps/core.xml >"$work/core"
if grep -q '<dcterms:created xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:created>' "$work/core"; then
  ok; else fail "fixed creation time"; cat "$work/core"; fi
day1=$(date -u +%Y-%m-%d)
expect 0 "--timestamp" -- "$bin" score --format xlsx --timestamp -o "$work/t.xlsx" "$yc" "$wa"
day2=$(date -u +%Y-%m-%d)
unzip -p "$work/t.xlsx" docProps/core.xml >"$work/core"
if grep -q "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\($day1\|$day2\)T" "$work/core"; then ok; else
  fail "--timestamp: today's date"; cat "$work/core"; fi
if ! cmp -s "$work/s.xlsx" "$work/t.xlsx"; then ok; else fail "--timestamp changes the bytes"; fi

# --- sheet names: 60 characters twice, characters Excel refuses, the list's own name, an
# apostrophe first; each project 100 × 5 / 10 = 50.00 → 差 ----------------------------------
expect 0 "names" -- "$bin" score --format xlsx -o "$work/n.xlsx" "$data/xlsx-names.jx"
read_book sheets "$work/n.xlsx" >"$work/sheets"
same_as "$work/sheets" "自评结果清单
一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉…
一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午…(2)
清单［2024］：审计／复核＊？
自评结果清单(2)
引号'项目
数据"
"$bin" score --format json "$data/xlsx-names.jx" >"$work/n.json"
if read_book compare "$work/n.xlsx" "$work/n.json" >"$work/cmp"; then ok; else fail "names: workbook differs from JSON"; cat "$work/cmp"; fi
# no year, 主管部门, 资金 or 目标: 1 title, 2 项目名称, 3 主管部门, 4 the header, 5 the
# indicator, 6 总分, 7 自评结论
read_book cells "$work/n.xlsx" 3 >"$work/c"
has "$work/c" "B2	一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉春夏秋冬东南西北上下金木水火土日月星辰风山川河海江湖天地人和"
has "$work/c" "G5	50.0"
has "$work/c" "G6	50.0"
has "$work/c" "B7	差"
read_book cells "$work/n.xlsx" 1 >"$work/c"
has "$work/c" "B4	第二单位"
has "$work/c" "C5	清单[2024]:审计/复核*?"
has "$work/c" "D7	50.0"

# --- layout: weights with decimals, 不适用, an empty 一级指标, four-decimal funds, no year ------
expect 0 "layout" -- "$bin" score --format xlsx -o "$work/l.xlsx" "$data/xlsx-layout.jx"
"$bin" score --format json "$data/xlsx-layout.jx" >"$work/l.json"
if read_book compare "$work/l.xlsx" "$work/l.json" >"$work/cmp"; then ok; else fail "layout: workbook differs from JSON"; cat "$work/cmp"; fi
read_book cells "$work/l.xlsx" 2 >"$work/c"
# no year: the 项目名称 row follows the title
has "$work/c" "A2	项目名称"
has "$work/c" "C5	12.3456"
has "$work/c" "F5	0.81"
has "$work/c" "F11	37.5"
has "$work/c" "G11	30.0"
has "$work/c" "G12	22.5"
has "$work/c" "G13	不适用"
has "$work/c" "G14	8.89"
has "$work/c" "A15	可持续影响指标 (0.00分)"
has "$work/c" "G15	0.0"
has "$work/c" "G16	61.39"
# 不适用 剔除 takes its 30 from the 满分: 100 − 30 = 70, stated under 总分 (issue 10, item 4)
has "$work/c" "A17	满分"
has "$work/c" "B17	70（不适用 30 分剔除）"
has "$work/c" "B18	中"
read_book merges "$work/l.xlsx" 2 >"$work/m"
has "$work/m" "B17:H17"
has "$work/m" "A11:A12"
has "$work/m" "B11:B12"
lacks "$work/m" "A13:"
# funds with four decimals are shown with four, the rest with two
unzip -p "$work/l.xlsx" xl/styles.xml >"$work/styles"
if grep -q 'formatCode="0.0000"' "$work/styles" && grep -q 'formatCode="0.00"' "$work/styles" &&
   grep -q 'formatCode="0.00%"' "$work/styles" && grep -q '<name val="宋体"/>' "$work/styles"; then ok; else
  fail "number formats and font"; cat "$work/styles"; fi

# --- the 满分 and the order of the groups (issue 10, items 4 and 11) -------------------------
# tests/golden/score-full-marks-text: one 不适用 of weight 20, the rest met: 80.00 / 良, 满分 80
fm=$here/../golden/score-full-marks-text/full-marks.jx
expect 0 "full marks" -- "$bin" score --format xlsx -o "$work/fm.xlsx" "$fm"
"$bin" score --format json "$fm" >"$work/fm.json"
if read_book compare "$work/fm.xlsx" "$work/fm.json" >"$work/cmp"; then ok; else fail "full marks: workbook differs from JSON"; cat "$work/cmp"; fi
read_book cells "$work/fm.xlsx" 2 >"$work/c"
has "$work/c" "G9	80.0"
has "$work/c" "A10	满分"
has "$work/c" "B10	80（不适用 20 分剔除）"
has "$work/c" "A11	自评结论"
has "$work/c" "B11	良"
# tests/golden/score-order-text: written 效益 before 产出, 质量 before 数量, 投入管理 first;
# printed 产出 (数量, 质量, 进度), 效益 (经济, 社会), 满意度, then 投入管理 and 项目管理 as written
od=$here/../golden/score-order-text/order.jx
expect 0 "order" -- "$bin" score --format xlsx -o "$work/o.xlsx" "$od"
"$bin" score --format json "$od" >"$work/o.json"
if read_book compare "$work/o.xlsx" "$work/o.json" >"$work/cmp"; then ok; else fail "order: workbook differs from JSON"; cat "$work/cmp"; fi
read_book cells "$work/o.xlsx" 2 >"$work/c"
grep -P '^C([4-9]|1[01])\t' "$work/c" | cut -f2 | paste -sd ' ' >"$work/names"
same_as "$work/names" "三级指标 接入系统数量 验收合格率 按期完成率 带动就业人数 群众受益人次 满意率 预算执行率"
has "$work/c" "A5	产出指标 (50.00分)"
has "$work/c" "A8	效益指标 (25.00分)"
has "$work/c" "A10	满意度指标 (10.00分)"
has "$work/c" "A11	投入管理 (5.00分)"
has "$work/c" "A12	项目管理 (10.00分)"
read_book merges "$work/o.xlsx" 2 >"$work/m"
has "$work/m" "A5:A7"
has "$work/m" "A8:A9"
# 分组顺序 原文: as written
expect 0 "order, source" -- "$bin" score --format xlsx --policy "$here/../golden/score-order-source/source-order.jx" -o "$work/os.xlsx" "$od"
read_book cells "$work/os.xlsx" 2 >"$work/c"
has "$work/c" "A5	效益指标 (25.00分)"
has "$work/c" "C5	群众受益人次"
has "$work/c" "A7	投入管理 (5.00分)"
has "$work/c" "A8	产出指标 (50.00分)"
has "$work/c" "C8	验收合格率"

# --- a cell longer than Excel holds: 33000 characters are cut to 32766 and "…" (the 偏差 of
# the one indicator, row 5 as above) ------------------------------------------------------
python3 - "$work/long.jx" <<'EOF'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write('项目 "长文本" {\n    产出指标 100 { 数量指标 100 {\n')
    f.write('        完成数量 ≥10个 权重 100 实际 5个 偏差 "%s"\n' % ("长" * 33000))
    f.write('    } }\n}\n')
EOF
expect 0 "long cell" -- "$bin" score --format xlsx -o "$work/long.xlsx" "$work/long.jx"
read_book cells "$work/long.xlsx" 2 >"$work/c"
if python3 -c '
import sys
for line in open(sys.argv[1], encoding="utf-8"):
    ref, _, v = line.rstrip("\n").partition("\t")
    if ref == "H5":
        sys.exit(0 if v == "长" * 32766 + "…" else 1)
sys.exit(1)' "$work/c"; then ok; else fail "long cell cut to 32767 characters"; fi

# --- no project: the list alone ---------------------------------------------------------
printf '# 没有项目\n' >"$work/none.jx"
expect 0 "no project" -- "$bin" score --format xlsx -o "$work/none.xlsx" "$work/none.jx"
read_book sheets "$work/none.xlsx" >"$work/sheets"
same_as "$work/sheets" "自评结果清单
数据"
read_book cells "$work/none.xlsx" 2 >"$work/c"
# 38 columns: … AI1 填报结论, then the history AJ1 上年, AK1 前年, AL1 依据
if [ "$(wc -l <"$work/c")" = 38 ] && grep -qxF "A1	项目" "$work/c" && grep -qxF "AI1	填报结论" "$work/c" &&
  grep -qxF "AL1	依据" "$work/c"; then ok; else
  fail "no project: 数据 is not the header alone"; cat "$work/c"; fi

# --- read back by its 数据: a text with a line break, a comma and quotes, and formula-like
# texts (guarded in the CSV, not in the sheet), come back as they were — the import of the
# workbook is the import of the CSV, but for the line naming the file; a project called
# 数据 has that sheet, and the data's is 数据(2), read all the same -----------------------
printf '项目 "数据" {\n  完成情况 "第一行\\n第二行，含,逗号和\\"引号\\""\n  产出指标 100 { 数量指标 100 { 次数 ≥1次 权重 100 实际 1次 偏差 "=SUM(A1) 与 \x27=2" } }\n}\n' \
    >"$work/data.jx"
expect 0 "project 数据" -- "$bin" score --format xlsx -o "$work/data.xlsx" "$work/data.jx"
read_book sheets "$work/data.xlsx" >"$work/sheets"
same_as "$work/sheets" "自评结果清单
数据
数据(2)"
"$bin" score --format csv -o "$work/data.csv" "$work/data.jx"
expect 0 "import the workbook" -- "$bin" import -o "$work/data.x.jx" "$work/data.xlsx"
lacks "$work/err" "warning"
expect 0 "import the CSV" -- "$bin" import -o "$work/data.c.jx" "$work/data.csv"
if [ "$(tail -n +2 "$work/data.x.jx")" = "$(tail -n +2 "$work/data.c.jx")" ]; then ok; else
  fail "import of the workbook differs from the CSV's"; diff "$work/data.x.jx" "$work/data.c.jx"; fi
has "$work/data.x.jx" '    完成情况 "第一行\n第二行，含,逗号和\"引号\""'
if grep -qF '偏差 "=SUM(A1) 与 '"'"'=2"' "$work/data.x.jx"; then ok; else fail "formula-like 偏差 not read back"; fi

# --- -o: a failed run keeps the old file; nothing is left behind ----------------------------
printf 'old\n' >"$work/keep.xlsx"
expect 3 "missing file" -- "$bin" score --format xlsx -o "$work/keep.xlsx" "$yc" "$work/missing.jx"
same_as "$work/keep.xlsx" "old"
no_temp
expect 3 "unwritable output" -- "$bin" score --format xlsx -o "$work/nodir/out.xlsx" "$yc"
no_temp
# TMPDIR holds the workbook's temporary data when writing to standard output; with -o FILE
# it is FILE's folder, and TMPDIR does not matter
TMPDIR=$work/nodir expect 3 "unwritable TMPDIR" -- "$bin" score --format xlsx "$yc"
if [ ! -s "$work/out" ]; then ok; else fail "unwritable TMPDIR wrote output"; fi
same_as "$work/err" "jixiao: 无法写出报告：读写文件失败"
TMPDIR=$work/nodir expect 0 "unwritable TMPDIR, -o FILE" -- "$bin" score --format xlsx -o "$work/x.xlsx" "$yc"

# --- U+FFFE and U+FFFF: valid UTF-8, no XML character: written as U+FFFD, so the workbook
# parses (the name also names the sheet, the 偏差 is a cell) -------------------------------
printf '项目 "坏\xef\xbf\xbf名" {\n  产出指标 100 { 数量指标 100 { 次数 ≥1次 权重 100 实际 1次 偏差 "a\xef\xbf\xbeb" } }\n}\n' \
    >"$work/nonchar.jx"
expect 0 "U+FFFF in a name, U+FFFE in a 偏差" -- "$bin" score --format xlsx -o "$work/nonchar.xlsx" "$work/nonchar.jx"
read_book sheets "$work/nonchar.xlsx" >"$work/sheets"
same_as "$work/sheets" "$(printf '自评结果清单\n坏\xef\xbf\xbd名\n数据')"
if read_book cells "$work/nonchar.xlsx" 2 | grep -qF "$(printf 'a\xef\xbf\xbdb')"; then ok; else fail "U+FFFE not written as U+FFFD"; fi

# --- a workbook gives 1000 projects a sheet each; past them it holds every project all the
# same — its row of 自评结果清单 and its rows of 数据 — without a form, and says so: a warning
# on stderr (exit 0; --werror makes it an error: exit 1, an old file at -o stays). 1050
# projects of one indicator each: 1000 forms, the list's rows 3 to 1052 (序号 1050 last,
# 项目1050), 1050 data rows under the header. Run with at most 1024 open files, the common
# default: a sheet holds a temporary file open until the workbook is written ---------------
for i in $(seq 1 1050); do
    printf '项目 "项目%d" {\n  产出指标 100 { 数量指标 100 { 次数 ≥1次 权重 100 实际 1次 } }\n}\n' "$i"
done >"$work/many.jx"
head -n 3000 "$work/many.jx" >"$work/thousand.jx"
expect 0 "1000 projects in a workbook" -- "$bin" score --format xlsx -o "$work/thousand.xlsx" "$work/thousand.jx"
if [ ! -s "$work/err" ]; then ok; else fail "1000 projects: stderr not empty"; cat "$work/err"; fi
read_book sheets "$work/thousand.xlsx" >"$work/sheets"
if [ "$(wc -l <"$work/sheets")" = 1002 ] && [ "$(tail -n 1 "$work/sheets")" = 数据 ]; then ok; else
  fail "1000 projects: not 1002 sheets, 数据 last"; fi
(ulimit -n 1024 && "$bin" score --format xlsx -o "$work/many.xlsx" "$work/many.jx" >"$work/out" 2>"$work/err")
if [ $? = 0 ]; then ok; else fail "1050 projects in a workbook: exit not 0"; cat "$work/err"; fi
same_as "$work/err" "jixiao: warning: 自评表只写了前 1000 个项目（一个 xlsx 工作簿最多 1000 张），其余 50 个项目没有自评表；全部 1050 个项目都在“自评结果清单”和“数据”两张工作表中"
no_temp
read_book sheets "$work/many.xlsx" >"$work/sheets"
if [ "$(wc -l <"$work/sheets")" = 1002 ] && [ "$(head -n 1 "$work/sheets")" = 自评结果清单 ] &&
   [ "$(sed -n 1001p "$work/sheets")" = 项目1000 ] && [ "$(tail -n 1 "$work/sheets")" = 数据 ]; then ok; else
  fail "1050 projects: not 清单, 项目1 … 项目1000, 数据"; fi
lacks "$work/sheets" "项目1001"
read_book cells "$work/many.xlsx" 1 >"$work/c1"
has "$work/c1" "A1052	1050.0"
has "$work/c1" "C1052	项目1050"
lacks "$work/c1" "A1053"
"$bin" score --format json "$work/many.jx" >"$work/many.json"
if read_book compare "$work/many.xlsx" "$work/many.json" >"$work/cmp"; then ok; else fail "1050: workbook differs from JSON"; tail "$work/cmp"; fi
expect 0 "1050 projects as CSV" -- "$bin" score --format csv -o "$work/many.csv" "$work/many.jx"
if [ "$(wc -l <"$work/many.csv")" = 1051 ]; then ok; else fail "many.csv: not 1051 lines"; fi
if read_book data "$work/many.xlsx" "$work/many.csv" >"$work/cmp"; then ok; else fail "1050: 数据 differs from the CSV"; tail "$work/cmp"; fi
# audit reads every project back from the workbook: the same 1050 as from the CSV
"$bin" audit --format json "$work/many.xlsx" >"$work/back.json" 2>/dev/null
"$bin" audit --format json "$work/many.csv" >"$work/csv.json" 2>/dev/null
python3 - "$work/back.json" "$work/csv.json" >"$work/cmp" <<'PY'
import json, sys
def key(path):
    return [(p["name"], p.get("total"), p.get("grade")) for p in json.load(open(path))["projects"]]
a, b = key(sys.argv[1]), key(sys.argv[2])
print(len(a), len(b), a == b)
PY
same_as "$work/cmp" "1050 1050 True"
# with a soft limit of 1000 open files the program raises it towards the hard limit for
# the 1002 sheets' files (when the hard limit allows: not under `ulimit -n 1024` above)
if [ "$(ulimit -H -n)" = unlimited ] || [ "$(ulimit -H -n)" -ge 2048 ]; then
  (ulimit -S -n 1000 && "$bin" score --format xlsx -o "$work/raised.xlsx" "$work/many.jx" >"$work/out" 2>"$work/err")
  if [ $? = 0 ] && cmp -s "$work/raised.xlsx" "$work/many.xlsx"; then ok; else
    fail "1050 projects under a soft limit of 1000 files: not written as under 1024"; cat "$work/err"; fi
fi
echo old >"$work/kept.xlsx"
expect 1 "1050 projects with --werror" -- "$bin" score --werror --format xlsx -o "$work/kept.xlsx" "$work/many.jx"
same_as "$work/err" "jixiao: warning: 自评表只写了前 1000 个项目（一个 xlsx 工作簿最多 1000 张），其余 50 个项目没有自评表；全部 1050 个项目都在“自评结果清单”和“数据”两张工作表中
jixiao: 有 1 个警告（--werror 视为错误）"
same_as "$work/kept.xlsx" "old"
no_temp

finish test_xlsx
