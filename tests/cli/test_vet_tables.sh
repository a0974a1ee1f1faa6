#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `jixiao vet` on a department's 项目支出绩效目标表 as Excel, LibreOffice and WPS save it
# (tests/tables/targets: targets.xlsx by openpyxl, .xls and GB18030 .csv by LibreOffice;
# README.md there says how): the same findings from every form, counted by hand.
# Usage: test_vet_tables.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

tables=$here/../tables/targets
is() { if [ "$2" = "$3" ]; then ok; else fail "$1: got $2, want $3"; fi; }

# The table (make.py): a title in row 1, the header in row 2, then 社区养老服务补贴 (rows
# 3–8) and 居家养老上门服务 (rows 9–12) of 某区民政局, the project's cells and the 一级 /
# 二级 cells merged over their rows; no 权重 column. The findings, row by row:
#   3 服务老人人数 ≥1000人, 上年度实际完成值 1200 (no unit: the target's 人): 1000 < 1200,
#     target-lowered, quoting 按上年实际下调;
#   4 服务合格率 ≥95%, 上年 95% (0.95 formatted 0%): the same, no 前年 — nothing;
#   5 补贴发放及时率 ≥98%, 上年 99% (0.99 formatted 0%): 98 < 99, target-lowered;
#   6 人均补贴标准 ≤1200元/人: 元/人 is no amount of money, and there is no budget — nothing;
#   7 老年人生活质量 有所提高: only a vague word, vague-target;
#   8 老人满意度 ≥100%: satisfaction-target (上年 ≥90% asks less: not lowered);
#   9 (the project) 居家养老上门服务: no 成本 group under 产出, missing-level2; its 年度目标
#     cell is empty, missing-goal;
#   9 上门服务次数 ≥5000次 against 4000, 10 服务合格率 ≥95% without a year — nothing;
#  11 响应时间 ≤2小时 against 上年 1 (小时): 2 > 1 on a ≤, target-lowered;
#  12 居家养老覆盖率 ≥60% against 50% — nothing.
# 社区养老服务补贴: 相关性 and 适当性 warned → 中; 居家养老上门服务: 完整性 and 适当性 → 中.
# No indicator has a weight: no missing-weight, from the import or the parser.
want="3:target-lowered 5:target-lowered 7:vague-target 8:satisfaction-target 9:missing-level2 9:missing-goal 11:target-lowered"
for f in targets.xlsx targets.xls targets-gb18030.csv; do
  expect 0 "$f is vetted" -- "$bin" vet --format csv "$tables/$f"
  cp "$work/out" "$work/$f.csv"
  is "$f: findings" "$(awk -F, 'NR > 1 && $9 != "" {n = split($10, a, ":"); print a[n] ":" $9}' "$work/$f.csv" | tr '\n' ' ' | sed 's/ $//')" "$want"
  is "$f: results" "$(awk -F, 'NR > 1 {print $1 ":" $6}' "$work/$f.csv" | sort -u | tr '\n' ' ' | sed 's/ $//')" \
    "居家养老上门服务:中 社区养老服务补贴:中"
  is "$f: indicators" "$(awk -F, 'NR > 1 && $14 != ""' "$work/$f.csv" | wc -l | tr -d ' ')" 10
  if grep -q "missing-weight\|row-not-understood\|unreadable" "$work/err" "$work/out"; then
    fail "$f: a weight asked for, or a row not read"; cat "$work/err"
  else ok; fi
  if grep -q '按上年实际下调' "$work/$f.csv"; then ok; else fail "$f: the 依据 quoted"; fi
done
# The .xls holds no number formats: its 上年 rates come as 0.99 and 0.95, read against a %
# target as 99 % and 95 % and said so; the .xlsx and the CSV have 99% as shown.
if grep -q '比上年的“0.99（按 99% 计）”要求低' "$work/targets.xls.csv"; then ok; else fail "xls: 0.99 read as 99%"; fi
if grep -q '比上年的“99%”要求低' "$work/targets.xlsx.csv"; then ok; else fail "xlsx: 99% as shown"; fi
finish test_vet_tables
