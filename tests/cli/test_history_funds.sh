#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The history a target table gives (上年, 前年, 指标值确定依据 → the attributes 上年, 前年,
# 依据) and its 资金 rows with 年初预算 alone: imported as rule text, not comments; carried
# through `score --format jx`, JSON and CSV and read back the same (docs/dsl.md, "History",
# and "资金").
# Usage: test_history_funds.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"
root=$(cd "$here/../.." && pwd)
seeds=$root/tests/import/seeds

# --- seed 004: line 562 of the seed is the 周报 row of the 整体 年度绩效目标表:
#   数量指标 | 周报 | ≥48 (前年) | ≥48 (上年) | ≥45 (预计当年实现) | 每年周数不一样，…下调最低数量要求。
"$bin" import -o "$work/004.jx" "$seeds"/004_*.txt 2>"$work/004.err"
has() { if grep -qxF -- "$2" "$1"; then ok; else fail "$1 lacks line: $2"; fi; }
has "$work/004.jx" '            周报 ≥45 上年 ≥48 前年 ≥48 依据 "每年周数不一样，再结合公休调休等因素影响，下调最低数量要求。"   # 第 562 行'
# line 556: 预算资金执行率 | - (前年) | 100% (上年) | 100% and no 依据 cell
has "$work/004.jx" '            预算资金执行率 100% 上年 100% 前年 -   # 第 556 行'
# line 559: 系统运维服务时长 | / | 365 | ≥365 天 | 经验标准
has "$work/004.jx" '            系统运维服务时长 ≥365天 上年 365 前年 / 依据 "经验标准"   # 第 559 行：指标值原文 ≥365 天'
# the history is no longer a comment: no 前年 or 指标值确定依据 left in one
if grep -q '# .*；前年 \|指标值确定依据 ' "$work/004.jx"; then fail "004: history left in comments"; grep -m3 '前年 ' "$work/004.jx"; else ok; fi
if grep -q 'history-unreadable' "$work/004.err"; then fail "004: a history cell unreadable"; else ok; fi

# --- seed 000: every project row of the 绩效目标表 (from the header at line 381 on, a
# name in column 2 and an amount in 总计, column 3) gives 总计 and its sources (columns
# 4–7) that hold an amount: 29 rows, each with 总计 and one source → 58 资金 rows, all
# written as rule text now, none as a comment with funds-incomplete.
"$bin" import -o "$work/000.jx" "$seeds"/000_*.txt 2>"$work/000.err"
want=$(awk -F'\t' 'NR >= 381 && $2 != "" && $3 ~ /^[0-9][0-9,]*\.[0-9][0-9]$/ {
  for (i = 3; i <= 7; i++) if ($i ~ /^[0-9][0-9,]*\.[0-9][0-9]$/) n++ } END { print n }' "$seeds"/000_*.txt)
if [ "$want" = 58 ]; then ok; else fail "000: the hand count is 58, the seed gives $want"; fi
got=$(grep -c '^    资金 .* 年初预算 [0-9.]*   # 第 [0-9]* 行$' "$work/000.jx")
if [ "$got" = 58 ]; then ok; else fail "000: $got 资金 rows, want 58"; fi
if grep -q 'funds-incomplete\|# 资金' "$work/000.jx" "$work/000.err"; then fail "000: funds kept as comments"; else ok; fi
# 385: 2021年重点人员管控组保障经费 | 78,000.00 (总计) | 78,000.00 (一般公共预算)
has "$work/000.jx" '    资金 年度资金总额 年初预算 78000.00   # 第 385 行'
has "$work/000.jx" '    资金 一般公共预算 年初预算 78000.00   # 第 385 行'

# --- round trips: jx → jx is idempotent and carries both; jx → json/csv → import → jx
# gives the same rule text (groups without points: JSON writes points with two decimals)
cat >"$work/h.jx" <<'JX'
项目 "历史" {
    资金 年初预算 100
    资金 一般公共预算资金 年初预算 80 全年执行 60
    产出指标 {
        数量指标 {
            周报 ≥45 权重 30 实际 46 上年 ≥48 前年 ≥48 依据 "每年周数不一样"
            月报 12次 权重 20 实际 12次 上年 12次 前年 - 依据 "经验,标准"
            汇总 定性 "每周五" 权重 10 实际 "每周五" 上年 "每周五" 前年 /
            达标 定性 "达标" 权重 10 上年 "100" 前年 "98%"
        }
    }
}
JX
"$bin" score --format jx "$work/h.jx" >"$work/h1.jx" 2>/dev/null
"$bin" score --format jx "$work/h1.jx" >"$work/h2.jx" 2>/dev/null
if cmp -s "$work/h1.jx" "$work/h2.jx"; then ok; else fail "jx: not idempotent"; diff "$work/h1.jx" "$work/h2.jx"; fi
has "$work/h1.jx" '    资金 年度资金总额 年初预算 100'
has "$work/h1.jx" '    资金 一般公共预算资金 年初预算 80 全年执行 60'
has "$work/h1.jx" '            周报 ≥45 权重 30 实际 46 上年 ≥48 前年 ≥48 依据 "每年周数不一样"'
has "$work/h1.jx" '            月报 12次 权重 20 实际 12次 上年 12次 前年 - 依据 "经验,标准"'
has "$work/h1.jx" '            汇总 定性 "每周五" 权重 10 实际 "每周五" 上年 "每周五" 前年 /'
# a 定性 indicator's years are texts, even when they look like numbers: "100" stays "100"
# through JSON and CSV, where a cell cannot say it is quoted
has "$work/h1.jx" '            达标 定性 "达标" 权重 10 上年 "100" 前年 "98%"'
for fmt in json csv; do
  "$bin" score --format $fmt -o "$work/h.$fmt" "$work/h.jx" 2>/dev/null
  "$bin" import -o "$work/back-$fmt.jx" "$work/h.$fmt" 2>"$work/back-$fmt.err"
  "$bin" score --format jx "$work/back-$fmt.jx" >"$work/back-$fmt.out" 2>/dev/null
  if cmp -s "$work/h1.jx" "$work/back-$fmt.out"; then ok; else
    fail "$fmt: read back differs"; diff "$work/h1.jx" "$work/back-$fmt.out"; fi
done
# an amount not given is no 0: the source row has no 全年预算, so no 执行率 (—), and the
# 年度资金总额 row none either
"$bin" score "$work/h.jx" >"$work/h.txt" 2>/dev/null
if grep -q '一般公共预算资金  *80  *—  *60  *—' "$work/h.txt"; then ok; else fail "text: amounts not given"; grep 资金 "$work/h.txt"; fi

finish test_history_funds
