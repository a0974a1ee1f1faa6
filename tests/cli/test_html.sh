#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of `jixiao score --format html` and `--format md`: the HTML is
# one self-contained document whose tables are whole grids, its text escaped; every
# format gives the same bytes on every run; and headless Chromium renders the samples
# to a PNG and to a PDF of exactly one A4 page per project, whose text holds each
# project's 总分 and 自评结论 (worked out by hand in the files' comments).
# The rendering is skipped, with a message and exit 77, only where Chromium is not
# installed and this is not CI (scripts/deps.sh installs it).
# Usage: test_html.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/html_lib.sh"

samples=$here/../../samples
yuecheng=$samples/yuecheng-2024.jx
wangan=$samples/wangan-2025-review.jx

# --- the samples as HTML ----------------------------------------------------------------
html=$work/yuecheng.html
"$bin" score --format html -o "$html" "$yuecheng" 2>"$work/err"
code=$?
if [ "$code" = 0 ]; then ok; else fail "score --format html exit $code"; cat "$work/err"; fi
# the warnings go into the report, not to stderr
if [ ! -s "$work/err" ]; then ok; else fail "html writes nothing to stderr"; cat "$work/err"; fi
if [ "$(head -n 1 "$html")" = "<!DOCTYPE html>" ]; then ok; else fail "doctype"; fi
if [ "$(tail -n 1 "$html")" = "</html>" ]; then ok; else fail "ends with </html>"; fi
has "$html" '<html lang="zh-CN">'
has "$html" '<meta charset="utf-8">'
# self-contained: nothing fetched, no address at all
for bad in "http" "//" "<script" "<link" "<img" "src=" "url(" "@import"; do lacks "$html" "$bad"; done
# A4, the CJK fonts, a new page for every project after the first
has "$html" "@page { size: A4;"
has "$html" '"Noto Serif CJK SC"'
has "$html" '"WenQuanYi Micro Hei"'
has "$html" ".sheet + .sheet { break-before: page;"
count "$html" '<section class="sheet">' 2
count "$html" '<h1>项目支出绩效自评表</h1>' 2
count "$html" '<p class="year">（2024年度）</p>' 2
count "$html" '<table class="form">' 2
count "$html" '<table class="findings">' 2
# balanced tables and rows, and every row a whole grid
count "$html" "</table>" 4
if [ "$(grep -o '<tr>' "$html" | wc -l)" = "$(grep -o '</tr>' "$html" | wc -l)" ]; then ok; else fail "<tr> and </tr> differ"; fi
if grid "$html"; then ok; else fail "a row of $html is not a whole grid"; fi
# header cells with their scope; the column heads of the indicator table
has "$html" '<th scope="col" class="k">偏差原因分析及改进措施</th>'
has "$html" '<th scope="row" colspan="2">项目名称</th><td colspan="7" class="l">越城区电子政务云资源服务项目</td>'
# rows spanned, counted in the sample: 产出指标 2 + 1 (质量, empty) + 1 + 1 (成本, empty) = 5
# in the first project and 3 + 1 + 1 + 1 = 6 in the second; 效益指标 4 rows in both;
# 满意度指标 one row; 绩效指标 spans its head and 5 + 4 + 1 (6 + 4 + 1) rows
has "$html" '<th scope="rowgroup" rowspan="5" class="g">产出指标 (60.00分)</th>'
has "$html" '<th scope="rowgroup" rowspan="6" class="g">产出指标 (60.00分)</th>'
count "$html" '<th scope="rowgroup" rowspan="4" class="g">效益指标 (30.00分)</th>' 2
count "$html" '<th scope="rowgroup" class="g">满意度指标 (10.00分)</th>' 2
has "$html" '<th scope="rowgroup" rowspan="11">绩效指标</th>'
has "$html" '<th scope="rowgroup" rowspan="12">绩效指标</th>'
has "$html" '<th scope="rowgroup" rowspan="2" class="g">数量指标 (50.00分)</th>'
has "$html" '<th scope="rowgroup" rowspan="3" class="g">数量指标 (50.00分)</th>'
# the 资金 block: 2 sources and the head; 74.93 / 77.5 = 96.68%
count "$html" '<th scope="rowgroup" rowspan="3" colspan="2">项目资金' 2
has "$html" '<td colspan="2">77.5</td><td colspan="2">74.93</td><td>96.68%</td>'
# 总分: weights 30+20+10+15+15+10 and 20+10+20+10+15+15+10 are 100, every indicator full marks
count "$html" '<th scope="row" colspan="6" class="k">总分</th><td>100</td><td class="k">100.00</td>' 2
count "$html" '<td colspan="2" class="grade">优</td>' 2
# the findings: 7 and 8, as the text report counts them
has "$html" '<h2>附：检查发现（7）</h2>'
has "$html" '<h2>附：检查发现（8）</h2>'

# --- escaping ----------------------------------------------------------------------------
esc=$work/escape.html
"$bin" score --format html --actuals "$data/html-escape.csv" "$data/html-escape.jx" >"$esc" 2>"$work/err"
code=$?
if [ "$code" = 0 ]; then ok; else fail "escape html exit $code"; cat "$work/err"; fi
has "$esc" '转义 &lt;测试&gt; &amp; &quot;引号&quot; | 竖线 *星号* _下划线_'
has "$esc" 'a|b &lt;i&gt;x&lt;/i&gt; [链接](x) `code` ~删除~ $x$ \反斜杠'
has "$esc" "第一行"
lacks "$esc" "<测试>"
lacks "$esc" "<i>"
if grid "$esc"; then ok; else fail "a row of $esc is not a whole grid"; fi
# 45.00 + 30.00 + 10.00 = 85.00 → 良
has "$esc" '<td class="k">85.00</td>'
has "$esc" '<td colspan="2" class="grade">良</td>'

# --- the same bytes on every run, for every format; -o writes what stdout gets ------------
for fmt in text json csv html md; do
  "$bin" score --format "$fmt" "$yuecheng" "$wangan" >"$work/a.$fmt" 2>/dev/null
  "$bin" score --format "$fmt" "$yuecheng" "$wangan" >"$work/b.$fmt" 2>/dev/null
  "$bin" score --format "$fmt" -o "$work/c.$fmt" "$yuecheng" "$wangan" 2>/dev/null
  if [ -s "$work/a.$fmt" ] && cmp -s "$work/a.$fmt" "$work/b.$fmt"; then ok; else fail "$fmt: two runs differ"; fi
  if cmp -s "$work/a.$fmt" "$work/c.$fmt"; then ok; else fail "$fmt: -o differs from stdout"; fi
done
# -o replaces the file only when the run succeeds
echo keep >"$work/keep.html"
echo '项目 "坏" {' >"$work/bad.jx"
"$bin" score --format html -o "$work/keep.html" "$yuecheng" "$work/bad.jx" >/dev/null 2>&1
if [ "$(cat "$work/keep.html")" = keep ]; then ok; else fail "-o replaced the file of a failed run"; fi
if [ -z "$(ls "$work" | grep '\.tmp\.')" ]; then ok; else fail "temporary file left"; ls "$work"; fi

# --- Markdown ----------------------------------------------------------------------------
md=$work/a.md
# one section per project, and the tables' delimiter rows
if [ "$(grep -c '^## ' "$md")" = 3 ]; then ok; else fail "md: 3 project sections"; fi
count "$md" "| --- | --- | --- | --- | --- | ---: | ---: | --- |" 3
# wangan: 16.67 + 7.50 + 10.00 + 9.61 + 3.75 + 4.91 + 10.00 + 3.50 + 11.25 + 10.00 = 87.19 → 良
has "$md" "| 总分 |  |  |  |  | 100 | 87.19 |  |"
has "$md" "**自评结论：良**"
"$bin" score --format md --actuals "$data/html-escape.csv" "$data/html-escape.jx" >"$work/e.md" 2>/dev/null
has "$work/e.md" "a\\|b \\<i\\>x\\</i\\>"
has "$work/e.md" "第一行<br>第二行\\|尾"

# --- rendered by headless Chromium --------------------------------------------------------
chromium_or_skip html

render "$html" --screenshot="$work/y.png" --window-size=900,1250
if [ "$(head -c 8 "$work/y.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then ok; else
  fail "screenshot is not a PNG"; cat "$work/chrome.log"; fi
# IHDR: 900 × 1250
if [ "$(od -An -tu4 --endian=big -j16 -N8 "$work/y.png" 2>/dev/null | tr -s ' ')" = " 900 1250" ]; then ok; else
  fail "screenshot size"; fi
# a page of ruled tables and text, not a blank one
if [ "$(wc -c <"$work/y.png")" -gt 50000 ]; then ok; else fail "screenshot looks empty"; fi

render "$html" --no-pdf-header-footer --print-to-pdf="$work/y.pdf"
pdfinfo "$work/y.pdf" >"$work/info" 2>&1
if grep -qE '^Pages: +2$' "$work/info"; then ok; else fail "samples: not 2 pages"; cat "$work/info" "$work/chrome.log"; fi
if grep -qE '^Page size: +59[45]\.[0-9]+ x 84[12]\.[0-9]+ pts \(A4\)' "$work/info"; then ok; else
  fail "samples: pages not A4"; grep Page "$work/info"; fi
# page by page: its project, 总分 (权重 100, 得分 100.00) and 自评结论 优; no header or footer
for pg in 1 2; do
  pdftotext -layout -f "$pg" -l "$pg" "$work/y.pdf" "$work/p$pg.txt"
  if grep -qE '总分 +100 +100\.00' "$work/p$pg.txt"; then ok; else fail "page $pg: 总分 100 100.00"; cat "$work/p$pg.txt"; fi
  if grep -qE '自评结论 +优' "$work/p$pg.txt"; then ok; else fail "page $pg: 自评结论 优"; fi
  lacks "$work/p$pg.txt" "file:"
done
has "$work/p1.txt" "越城区电子政务云资源服务项目"
has "$work/p2.txt" "越城区网络安全运营中心项目"
lacks "$work/p1.txt" "越城区网络安全运营中心项目" # the second project starts its own page
# the findings are printed after each table: 7 and 8
has "$work/p1.txt" "附：检查发现（7）"
has "$work/p2.txt" "附：检查发现（8）"

# two more projects, with other totals and grades: 87.19 良 (wangan) and 85.00 良 (escape)
"$bin" score --format html --actuals "$data/html-escape.csv" "$wangan" "$data/html-escape.jx" >"$work/w.html" 2>/dev/null
render "$work/w.html" --no-pdf-header-footer --print-to-pdf="$work/w.pdf"
if pdfinfo "$work/w.pdf" 2>/dev/null | grep -qE '^Pages: +2$'; then ok; else fail "wangan + escape: not 2 pages"; fi
pdftotext -layout -f 1 -l 1 "$work/w.pdf" "$work/w1.txt"
pdftotext -layout -f 2 -l 2 "$work/w.pdf" "$work/w2.txt"
if grep -qE '总分 +100 +87\.19' "$work/w1.txt"; then ok; else fail "wangan: 总分 87.19"; cat "$work/w1.txt"; fi
if grep -qE '自评结论 +良' "$work/w1.txt"; then ok; else fail "wangan: 良"; fi
if grep -qE '总分 +100 +85\.00' "$work/w2.txt"; then ok; else fail "escape: 总分 85.00"; cat "$work/w2.txt"; fi
has "$work/w2.txt" '转义 <测试> & "引号" | 竖线'

finish html
