#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of `jixiao audit --format html|md` and `audit --review --format
# html|md`: the audit of tests/audit/inflated as one self-contained HTML document whose
# tables are whole grids with header cells, the chart's bars as tall as the hand-counted
# grade distribution, every format giving the same bytes on every run, and headless
# Chromium rendering the audit and the 复核 sheets to PNG and to A4 PDF, whose text holds
# each project's recomputed 总分 and 结论 and the summary's numbers (worked out by hand in
# the corpus's comments). The rendering is skipped, with a message and exit 77, only where
# Chromium is not installed and this is not CI (scripts/deps.sh installs it).
# Usage: test_audit_html.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/html_lib.sh"

inflated=$here/../audit/inflated
sample=$here/../audit/sample
demo=$here/../golden/review-text/demo.jx
review=$here/../golden/review-text/review.csv

# --- the audit as HTML -------------------------------------------------------------------
html=$work/audit.html
"$bin" audit --format html -o "$html" "$inflated" 2>"$work/err"
code=$?
# exit 1: c-training's 定性 claim outside its band is an error (qualitative-band); the report is whole
if [ "$code" = 1 ]; then ok; else fail "audit --format html exit $code"; cat "$work/err"; fi
if [ "$(cat "$work/err")" = "jixiao: 审核发现 1 个错误" ]; then ok; else fail "audit html: stderr"; cat "$work/err"; fi
if [ "$(head -n 1 "$html")" = "<!DOCTYPE html>" ]; then ok; else fail "doctype"; fi
if [ "$(tail -n 1 "$html")" = "</html>" ]; then ok; else fail "ends with </html>"; fi
has "$html" '<html lang="zh-CN">'
has "$html" '<meta charset="utf-8">'
# self-contained: nothing fetched, no address at all (the SVG has no namespace URL)
for bad in "http" "//" "<script" "<link" "<img" "src=" "url(" "@import" "xmlns"; do lacks "$html" "$bad"; done
has "$html" "@page { size: A4;"
has "$html" ".sheet + .sheet { break-before: page;"
count "$html" '<section class="sheet">' 2
# real tables with header cells; balanced; every row a whole grid
count "$html" '<table class="kv">' 1
count "$html" '<table class="dist">' 1
count "$html" '<table class="codes">' 1
count "$html" '<table class="projects">' 1
count "$html" '<table class="findings">' 1
count "$html" "</table>" 5
if [ "$(grep -o '<tr>' "$html" | wc -l)" = "$(grep -o '</tr>' "$html" | wc -l)" ]; then ok; else fail "<tr> and </tr> differ"; fi
if grid "$html"; then ok; else fail "a row of $html is not a whole grid"; fi
has "$html" '<tr><th scope="col">项目</th><th scope="col">序号</th><th scope="col">级别</th><th scope="col">代码</th><th scope="col">位置</th><th scope="col">说明</th></tr>'
has "$html" '<th scope="colgroup" colspan="3">总分</th>'

# the chart: grouped bars whose heights are the hand-counted distribution. All five
# projects claim 优; recomputed 98.42 and 100.00 are 优, 86.44 and 83.56 良, 77.50 中
# (the corpus's comments). The axis goes 0 … 5 over 200 units: 40 units a project.
claimed="5 0 0 0 0"
recomputed="2 2 1 0 0"
# heights SERIES: the heights of the bars of series SERIES (0 自评, 1 重算), in order
heights() { grep -o "<rect class=\"bar s$1\"[^>]*>" "$html" | sed 's/.* height="\([0-9]*\)".*/\1/' | tr '\n' ' '; }
want0=$(for n in $claimed; do printf '%s ' $((n * 200 / 5)); done)
want1=$(for n in $recomputed; do printf '%s ' $((n * 200 / 5)); done)
if [ "$(heights 0)" = "$want0" ]; then ok; else fail "自评 bars: $(heights 0), want $want0"; fi
if [ "$(heights 1)" = "$want1" ]; then ok; else fail "重算 bars: $(heights 1), want $want1"; fi
# bars stand on the axis at y 244: y + height = 244 for every bar
if grep -o '<rect class="bar s[01]"[^>]*>' "$html" | sed 's/.* y="\([0-9]*\)".* height="\([0-9]*\)".*/\1 \2/' |
  awk '$1 + $2 != 244 { bad = 1 } END { exit bad }'; then ok; else fail "a bar does not stand on the axis"; fi
# integer coordinates only, and words for a reader without colour
if ! grep -qE ' (x|y|width|height|x1|y1|x2|y2)="[0-9]*[^0-9"]' "$html"; then ok; else fail "a coordinate is not an integer"; fi
has "$html" '<title>重算 良：2 个</title>'
has "$html" '<desc>自评：优 5 个，良 0 个，中 0 个，差 0 个，未填/未计分 0 个；重算：优 2 个，良 2 个，中 1 个，差 0 个，未填/未计分 0 个</desc>'

# --- the same bytes on every run; -o writes what stdout gets --------------------------------
for fmt in html md; do
  "$bin" audit --format "$fmt" "$inflated" >"$work/a.$fmt" 2>/dev/null
  "$bin" audit --format "$fmt" "$inflated" >"$work/b.$fmt" 2>/dev/null
  "$bin" audit --format "$fmt" -o "$work/c.$fmt" "$inflated" 2>/dev/null
  if [ -s "$work/a.$fmt" ] && cmp -s "$work/a.$fmt" "$work/b.$fmt"; then ok; else fail "audit $fmt: two runs differ"; fi
  if cmp -s "$work/a.$fmt" "$work/c.$fmt"; then ok; else fail "audit $fmt: -o differs from stdout"; fi
  "$bin" audit --review "$review" --sample 100% --seed 1 --format "$fmt" "$demo" >"$work/ra.$fmt" 2>/dev/null
  "$bin" audit --review "$review" --sample 100% --seed 1 --format "$fmt" "$demo" >"$work/rb.$fmt" 2>/dev/null
  if [ -s "$work/ra.$fmt" ] && cmp -s "$work/ra.$fmt" "$work/rb.$fmt"; then ok; else fail "review $fmt: two runs differ"; fi
done
# a report with an error-level finding is still written, and exits 1
expect 1 "audit html with an unscored project" -- "$bin" audit --format html -o "$work/s.html" "$sample"
if grep -qF '审核发现 1 个错误' "$work/err"; then ok; else fail "the error is counted on stderr"; cat "$work/err"; fi
has "$work/s.html" "<td>未能计分</td>"
# the 复核 sheet: one section per project, and for the Markdown a table per project (--sample
# 100%: 未复核项目 too, which the table has no row for)
"$bin" audit --review "$review" --sample 100% --seed 1 --format html "$demo" >"$work/review.html" 2>/dev/null
count "$work/review.html" '<section class="sheet">' 2
count "$work/review.html" '<table class="review">' 2
if grid "$work/review.html"; then ok; else fail "a row of the review html is not a whole grid"; fi
count "$work/ra.md" "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 单位 | 权重 | 自评完成值 | 复核完成值 | 填报得分 | 重算得分 | 复核得分 | 重算−填报 | 复核−重算 | 备注 |" 2
# a format the audit does not write is a usage error that names those it does
expect 2 "audit --format template" -- "$bin" audit --format template "$inflated"
if grep -qF "可用 text、json、csv、html、md" "$work/err"; then ok; else fail "template: message"; cat "$work/err"; fi
expect 2 "audit --review --format template" -- "$bin" audit --review "$review" --format template "$demo"
if grep -qF "可用 text、json、csv、html、md" "$work/err"; then ok; else fail "review template: message"; cat "$work/err"; fi

# --- rendered by headless Chromium ----------------------------------------------------------
chromium_or_skip audit_html
# text PDF FIRST [LAST]: the text of pages FIRST…LAST, every space and line break taken
# out (Chromium lays CJK and numbers out in runs whose spacing pdftotext guesses)
text() { pdftotext -raw -f "$2" -l "${3:-$2}" "$1" - 2>/dev/null | tr -d ' \n'; }
# holds TEXT WANT WHAT: the squeezed TEXT holds WANT (spaces in WANT are ignored)
holds() {
  local w=${2// /}
  case $1 in *"$w"*) ok ;; *) fail "$3 lacks: $2" ;; esac
}

render "$html" --hide-scrollbars --screenshot="$work/audit.png" --window-size=820,1150
if [ "$(head -c 8 "$work/audit.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then ok; else
  fail "screenshot is not a PNG"; cat "$work/chrome.log"; fi
if [ "$(od -An -tu4 --endian=big -j16 -N8 "$work/audit.png" 2>/dev/null | tr -s ' ')" = " 820 1150" ]; then ok; else
  fail "screenshot size"; fi
if [ "$(wc -c <"$work/audit.png")" -gt 40000 ]; then ok; else fail "screenshot looks empty"; fi

render "$html" --no-pdf-header-footer --print-to-pdf="$work/audit.pdf"
pdfinfo "$work/audit.pdf" >"$work/info" 2>&1
pages=$(sed -n 's/^Pages: *//p' "$work/info")
if [ "${pages:-0}" -ge 2 ]; then ok; else fail "audit: fewer than 2 pages"; cat "$work/info" "$work/chrome.log"; fi
if grep -qE '^Page size: +59[45]\.[0-9]+ x 84[12]\.[0-9]+ pts \(A4\)' "$work/info"; then ok; else
  fail "audit: pages not A4"; grep Page "$work/info"; fi
# page 1: the summary. 180 + 45 + 70 + 30 = 325 and 171.5 + 45 + 64.3 + 28 = 308.8 万元 over
# 4 projects; (13.56 + 17.50 + 8.44 + 0.00 − 6.00) / 5 = +6.70; 1 claim of 100 of 5 = 20.00%;
# totals differ in 4, grades in 3; the distribution and its chart; the page number
p1=$(text "$work/audit.pdf" 1)
holds "$p1" "审核报告" "page 1"
holds "$p1" "项目 5 个，其中无法计分 0 个" "page 1"
holds "$p1" "资金 全年预算 325 万元，全年执行 308.8 万元（4 个项目）" "page 1"
holds "$p1" "平均虚高 +6.70 分" "page 1"
holds "$p1" "自评 100 分 1 个，占全部项目的 20.00%" "page 1"
holds "$p1" "自评与重算不符 4 个：总分不符 4 个，结论不符 3 个" "page 1"
holds "$p1" "自评 5 0 0 0 0 重算 2 2 1 0 0" "page 1"
holds "$p1" "项目数（个）" "page 1 (the chart)"
holds "$p1" "第 1 页，共 $pages 页" "page 1"
case $p1 in *"项目（5）"*) fail "the projects table starts on page 1" ;; *) ok ;; esac
# the next pages: each project's claimed, recomputed (the corpus's hand-worked totals),
# 差额 and grades, in the projects table
rest=$(text "$work/audit.pdf" 2 "$pages")
holds "$rest" "项目（5）" "the projects"
holds "$rest" "180 171.5 100.00 86.44 +13.56 优 良" "越城区道路养护项目"
holds "$rest" "45 45 95.00 77.50 +17.50 优 中" "柯桥区垃圾分类项目"
holds "$rest" "70 64.3 92.00 83.56 +8.44 优 良" "上虞区基层医疗培训项目"
holds "$rest" "30 28 98.42 98.42 0.00 优 优" "诸暨市河道保洁项目"
holds "$rest" "— — 94.00 100.00 -6.00 优 优" "嵊州市应急物资储备项目"
for name in 越城区道路养护项目 柯桥区垃圾分类项目 上虞区基层医疗培训项目 诸暨市河道保洁项目 嵊州市应急物资储备项目; do
  holds "$rest" "$name" "the projects"
done
holds "$rest" "发现明细（28）" "the findings"
holds "$rest" "claimed-total 62:8 项目“嵊州市应急物资储备项目”自评总分 94 与重算总分 100.00 不符" "the findings"

# with a sample: the picks end the report, each with why it was picked
"$bin" audit --format html --sample 20% --seed 42 --by 单位 --include-flagged "$sample" >"$work/sample.html" 2>/dev/null
render "$work/sample.html" --no-pdf-header-footer --print-to-pdf="$work/sample.pdf"
spages=$(pdfinfo "$work/sample.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
last=$(text "$work/sample.pdf" "${spages:-1}")
holds "$last" "抽取 20%，种子 42，按单位分层，有错误或自评高于重算的项目必抽：抽中 5 个项目" "the sample"
holds "$last" "越城区路灯维修项目" "the sample"
holds "$last" "b-roads.jx:28 有错误，必抽" "the sample"

# the 复核 sheets: one A4 page each, with both totals and grades (tests/golden/review-text/demo.jx)
render "$work/review.html" --no-pdf-header-footer --print-to-pdf="$work/review.pdf"
pdfinfo "$work/review.pdf" >"$work/info" 2>&1
if grep -qE '^Pages: +2$' "$work/info"; then ok; else fail "review: not 2 pages"; cat "$work/info"; fi
if grep -qE '^Page size: +59[45]\.[0-9]+ x 84[12]\.[0-9]+ pts \(A4\)' "$work/info"; then ok; else fail "review: not A4"; fi
r1=$(text "$work/review.pdf" 1)
r2=$(text "$work/review.pdf" 2)
# 复核示例项目: 填报 100 优, 重算 100.00 优; 复核 15 + 7.5 + 8 + 6.5 + 10 + 10.5 + 5 + 10 + 10 =
# 82.50 良, −17.50 (接入系统数量 claims no 得分: 填报 —)
holds "$r1" "复核示例项目" "review page 1"
holds "$r1" "接入系统数量 正向 ≥60 个 20 60个 45 — 20.00 15.00 — -5.00" "review page 1"
holds "$r1" "总分 100 100.00 100.00 82.50 0.00 -17.50" "review page 1"
holds "$r1" "填报结论 优（总分 100.00）" "review page 1"
holds "$r1" "复核结论 良（总分 82.50，较重算 -17.50，较填报 -17.50）" "review page 1"
holds "$r1" "复核人" "review page 1"
case $r1 in *"未复核项目"*) fail "the second sheet starts on page 1" ;; *) ok ;; esac
# 未复核项目: 50 × 8 / 10 = 40.00 + 50.00 = 90.00 优 on both sides, against 100 claimed
holds "$r2" "未复核项目" "review page 2"
holds "$r2" "总分 100 100.00 90.00 90.00 -10.00 0.00" "review page 2"
holds "$r2" "复核结论 优（总分 90.00，较重算 0.00，较填报 -10.00）" "review page 2"

finish audit_html
