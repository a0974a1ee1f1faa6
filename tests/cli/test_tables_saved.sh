#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The actuals and the 复核表 of tests/tables/demo.jx as Excel, WPS and LibreOffice save
# them — a GB18030 CSV with CRLF, UTF-16LE tab-separated text, a UTF-8 CSV with BOM, an
# .xlsx and an .xls, made by LibreOffice, openpyxl and Python's csv module (see
# tests/tables/README.md) — give byte-identical `score` and `audit --review` output,
# with the totals worked by hand in demo.jx and demo-filled.jx.
# Each file is copied to one name without an extension: the kind is found from the bytes.
# Usage: test_tables_saved.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

tables=$here/../tables
has() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; fi; }

# run KIND FILE ARGS…: copies FILE to $work/KIND and runs jixiao ARGS… in $work, output to $work/KIND.FILE.out
run() {
  local kind=$1 file=$2
  shift 2
  cp "$tables/$file" "$work/$kind"
  (cd "$work" && "$bin" "$@" >"$work/$kind.$file.out" 2>"$work/$kind.$file.err")
  local code=$?
  if [ "$code" = 0 ]; then ok; else fail "$file: exit $code"; sed 's/^/  | /' "$work/$kind.$file.err"; fi
  if [ ! -s "$work/$kind.$file.err" ]; then ok; else fail "$file: diagnostics"; sed 's/^/  | /' "$work/$kind.$file.err"; fi
}

cp "$tables/demo.jx" "$tables/demo-filled.jx" "$work/"
for f in actuals-gb18030.csv actuals-utf16.txt actuals-bom.csv actuals.xlsx actuals.xls; do
  run actuals "$f" score --actuals actuals --format csv demo.jx
done
want=$work/actuals.actuals-gb18030.csv.out
for f in actuals-utf16.txt actuals-bom.csv actuals.xlsx actuals.xls; do
  if cmp -s "$want" "$work/actuals.$f.out"; then ok; else fail "$f: other output"; diff "$want" "$work/actuals.$f.out"; fi
done
# demo.jx: 301001 100.00 优; 302001 18.00 + 18.33 + 20 + 30 + 9.44 = 95.77 优
# score CSV writes a target "=12次" with the formula guard: '=12次 (docs/reports.md)
has "$want" "日常运维经费,产出指标,数量指标,服务人次,≥1000人次,1200,20,20.00,ge-met,100.00,优,demo.jx:18:13"
has "$want" "日常运维经费,产出指标,数量指标,服务人次,≥1000人次,900,20,18.00,ge-ratio,95.77,优,demo.jx:43:13"
has "$want" "日常运维经费,产出指标,数量指标,巡检次数,'=12次,11,20,18.33,eq-ratio,95.77,优,demo.jx:44:13"
has "$want" "日常运维经费,满意度指标,服务对象满意度,满意率,≥90%,85%,10,9.44,ge-ratio,95.77,优,demo.jx:57:13"

for f in review-gb18030.csv review-utf16.txt review-bom.csv review.xlsx review.xls; do
  run review "$f" audit --review review demo-filled.jx
done
want=$work/review.review-gb18030.csv.out
for f in review-utf16.txt review-bom.csv review.xlsx review.xls; do
  if cmp -s "$want" "$work/review.$f.out"; then ok; else fail "$f: other output"; diff "$want" "$work/review.$f.out"; fi
done
# demo-filled.jx (no 总分 claimed, so no step from 填报): 301001 复核 91.00 (−9.00); 302001 复核 93.83 (−1.94)
has "$want" "复核结论  优（总分 91.00，较重算 -9.00）"
has "$want" "复核结论  优（总分 93.83，较重算 -1.94）"

finish test_tables_saved
