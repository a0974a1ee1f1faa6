#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Seed 001's two 自评表, imported from the seed text and scored: the claimed totals and
# grades hold (100 / 优 both), and the findings are exactly the ones a reviewer makes by
# hand, nothing else:
#   vague-actual ×10          the actuals written as the targets again (≥60个, =1年, ≥99%,
#                             ≥90% in the first form; ＝4次, ＝1次, ＝3人, ≤0.5%, ≤24小时,
#                             ≥90% in the second)
#   qualitative-evidence ×1   工作效率: 定性 "提升", actual "提升", 15 of 15
#   funds-inconsistent ×2     the 年度资金总额 rows of 0 beside 366 / 358.35 / 358.35 and
#                             80 / 77.5 / 74.93 of 一般公共预算资金
#   all-full-marks ×2         6 of 6 and 7 of 7 indicators at full marks (notes)
# and not the 执行率 rule: 100% is 358.35 / 358.35, 96.68% is 74.93 / 77.5 = 96.683…%.
# Usage: test_checks_seed001.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"
seed=$here/../import/seeds/001_79da5c65fa76b1ff.txt

if "$bin" import --from zj-selfeval -o "$work/seed001.jx" "$seed" 2>"$work/import.err"; then ok; else
  fail "import exit $?"; tail -n 3 "$work/import.err"; fi

# warnings and notes only: exit 0
expect 0 "score exits 0" -- "$bin" score "$work/seed001.jx"
cp "$work/out" "$work/report.txt"

# every finding line of the text report: "  file:line:col [code] message"
grep -E '^  .*seed001\.jx:[0-9]+:[0-9]+ \[[a-z-]+\] ' "$work/report.txt" >"$work/findings"
count() { grep -c "\[$1\]" "$work/findings"; }
total=$(wc -l <"$work/findings")
if [ "$total" = 15 ]; then ok; else fail "15 findings in all, got $total"; cat "$work/findings"; fi
for want in vague-actual:10 qualitative-evidence:1 funds-inconsistent:2 all-full-marks:2; do
  code=${want%%:*} n=${want#*:}
  got=$(count "$code")
  if [ "$got" = "$n" ]; then ok; else fail "$code ×$n, got $got"; fi
done
# no claimed-vs-recomputed difference, no other check
for code in claimed-total claimed-grade claimed-score execution-gap score-over-weight direction \
  duplicate-indicator weight-sum points-mismatch missing-reason; do
  if ! grep -q "\[$code\]" "$work/report.txt"; then ok; else fail "no $code"; fi
done

# the findings name their indicator or row and the numbers
has() {
  if grep -qF -- "$1" "$work/findings"; then ok; else fail "finding: $1"; fi
}
has '[qualitative-evidence] 定性指标“工作效率”得分 15 为满分（权重 15），但实际完成值“提升”只是照抄年度指标值'
has '[funds-inconsistent] 资金“年度资金总额”各数均为 0，但各资金来源合计年初预算 366、全年预算 358.35、全年执行 358.35'
has '[funds-inconsistent] 资金“年度资金总额”各数均为 0，但各资金来源合计年初预算 80、全年预算 77.5、全年执行 74.93'
has '[all-full-marks] 项目“越城区电子政务云资源服务项目”的 6 个指标全部满分，填报总分 100；'
has '[all-full-marks] 项目“越城区网络安全运营中心项目”的 7 个指标全部满分，填报总分 100；'

# claimed and recomputed agree: 100.00 / 优 for both, in the JSON report
expect 0 "score --format json exits 0" -- "$bin" score --format json "$work/seed001.jx"
n=$(grep -o '"total":100.00,"grade":"优","claimed_total":100,"claimed_grade":"优"' "$work/out" | wc -l)
if [ "$n" = 2 ]; then ok; else fail "both projects 100.00 优 as claimed, got $n"; fi
# the JSON carries the same findings with their severities: 13 warnings, 2 notes
n=$(grep -o '"severity":"warning"' "$work/out" | wc -l)
if [ "$n" = 13 ]; then ok; else fail "13 warnings in JSON, got $n"; fi
n=$(grep -o '"code":"all-full-marks","severity":"note"' "$work/out" | wc -l)
if [ "$n" = 2 ]; then ok; else fail "2 all-full-marks notes in JSON, got $n"; fi

# --werror fails on the 13 warnings; the notes are not counted
expect 1 "score --werror exits 1" -- "$bin" score --werror "$work/seed001.jx"
if grep -q "有 13 个警告" "$work/err"; then ok; else fail "--werror counts 13 warnings"; cat "$work/err"; fi

finish test_checks_seed001
