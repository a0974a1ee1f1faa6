#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 10's scoring rules through `jixiao score`, in every format: a withheld 结论 (weight-sum
# an error on a project still scored and written, exit 1, -o still replaced), the target
# tables of seeds 003 and 004 (no weights: warnings, no 结论, exit 0), a percent saved as a
# fraction coming from an --actuals table, and projects refused for out-of-range numbers.
# Usage: test_score_rules.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"
golden=$here/../golden
seeds=$here/../import/seeds

# --- weights 50 + 40 + 20 = 110 (score-rules-weight-sum): 109.50, no 结论, exit 1 --------
w110=$golden/score-rules-weight-sum/weights-110.jx
expect 1 "weight-sum: text" -- "$bin" score "$w110"
has() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; fi; }
has "$work/out" "总分                                                                           110   109.50"
has "$work/out" "自评结论  —"
has "$work/out" "  各指标权重合计 110，不等于满分 100，不评定自评结论。"
has "$work/err" "error: 项目“权重合计110”各指标权重合计 110，不等于 100，总分按实际合计计算，未折算；不评定自评结论 [weight-sum]"

expect 1 "weight-sum: json" -- "$bin" score --format json "$w110"
has "$work/out" '"total":109.50,"grade":null'
has "$work/out" '{"code":"weight-sum","severity":"error"'
expect 1 "weight-sum: csv" -- "$bin" score --format csv "$w110"
has "$work/out" ',19.50,ge-ratio,109.50,,'
expect 1 "weight-sum: md" -- "$bin" score --format md "$w110"
has "$work/out" "**自评结论：—**　各指标权重合计 110，不等于满分 100，不评定自评结论。"
expect 1 "weight-sum: html" -- "$bin" score --format html "$w110"
has "$work/out" '<td colspan="2" class="grade">—</td><td colspan="5" class="note">各指标权重合计 110，不等于满分 100，不评定自评结论。</td>'

# -o is replaced: the report is whole, only the run fails
expect 1 "weight-sum: -o" -- "$bin" score --format xlsx -o "$work/w.xlsx" "$w110"
if [ -s "$work/w.xlsx" ]; then ok; else fail "-o written despite exit 1"; fi
if command -v python3 >/dev/null; then
  python3 "$here/xlsx_read.py" cells "$work/w.xlsx" 1 >"$work/c1"
  has "$work/c1" "D3	109.5"
  has "$work/c1" "E3	—"
  python3 "$here/xlsx_read.py" cells "$work/w.xlsx" 2 >"$work/c2"
  has "$work/c2" "各指标权重合计 110，不等于满分 100，不评定自评结论。"
fi
expect 1 "weight-sum: -o text" -- "$bin" score -o "$work/w.txt" "$w110"
has "$work/w.txt" "自评结论  —"
# a syntax error elsewhere in the run still leaves -o alone
printf '项目 "坏" {\n    产出指标 { 数量指标 { 甲 ≥三十个 权重 100 实际 1 } }\n}\n' >"$work/bad.jx"
expect 1 "syntax error: -o" -- "$bin" score -o "$work/none.txt" "$w110" "$work/bad.jx"
if [ ! -e "$work/none.txt" ]; then ok; else fail "-o replaced despite a syntax error"; fi

# the old behaviour under 权重合计 警告: 优, exit 0
expect 0 "权重合计 警告" -- "$bin" score --policy "$golden/score-rules-weight-sum-warn/old-rule.jx" "$w110"
has "$work/out" "自评结论  优"
# and --werror still fails on its warning
expect 1 "权重合计 警告 --werror" -- "$bin" score --werror --policy "$golden/score-rules-weight-sum-warn/old-rule.jx" "$w110"

# --- seeds 003 and 004: target tables without weights — no error, no 结论, exit 0 --------
for seed in 003_e426a0e6973cc52b 004_6deff1062909ad4a; do
  "$bin" import -o "$work/$seed.jx" "$seeds/$seed.txt" 2>/dev/null
  expect 0 "seed $seed scored" -- "$bin" score --format json "$work/$seed.jx"
  projects=$(grep -c '^{"name"' "$work/out")
  nulls=$(grep -o '"grade":null' "$work/out" | wc -l)
  if [ "$projects" -gt 0 ] && [ "$nulls" = "$projects" ]; then ok; else
    fail "seed $seed: $nulls of $projects projects without 结论"; fi
  if grep -q '"severity":"error"' "$work/out"; then fail "seed $seed: an error"; else ok; fi
  has "$work/out" '"code":"missing-weight","severity":"warning"'
done

# --- a percent saved as a fraction, from an --actuals table --------------------------------
cat >"$work/rate.jx" <<'JX'
项目 "执行率" {
    产出指标 {
        时效指标 { 执行率 ≥95% 权重 10 偏差 "年底集中支付" }
        数量指标 { 接入系统数量 ≥60个 权重 90 实际 60个 }
    }
}
JX
printf '项目,三级指标,实际完成值\n执行率,执行率,0.97\n' >"$work/rate.csv"
# 10 × 0.97 / 95 = 0.1021… → 0.10; 90.00 + 0.10 = 90.10
expect 0 "percent-fraction from --actuals" -- "$bin" score --actuals "$work/rate.csv" "$work/rate.jx"
has "$work/out" "[percent-fraction] 指标“执行率”实际完成值“0.97”没有百分号，对照目标值“≥95%”按 0.97% 计分；它可能是 97% 写成了小数（0.97 × 100%）"
has "$work/out" "90.10"

# --- numbers out of range: the project refused, the others written -------------------------
ranges=$golden/score-rules-value-range/ranges.jx
expect 1 "value-range: csv" -- "$bin" score --format csv "$ranges"
if [ "$(grep -c '^正常,' "$work/out")" = 1 ] && ! grep -q '^大权重,\|^负权重,' "$work/out"; then ok; else
  fail "only the project in range is written"; cat "$work/out"; fi
errors=$(grep -c 'error: .*\[value-range\]' "$work/err")
if [ "$errors" = 5 ]; then ok; else fail "5 value-range errors, got $errors"; fi

finish test_score_rules
