#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of the 一级分值 policy setting: `score` prints a policy's
# level1-points warning with its position, and --werror counts it.
# Usage: test_level1_points.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

# one indicator meeting its target: no warnings of its own
cat >"$work/p.jx" <<'JX'
项目 "甲" {
    产出指标 100 {
        数量指标 100 {
            接入系统数量 ≥1个 权重 100 实际 1个
        }
    }
}
JX
# the same under a policy with 预算执行率 单列 10 分: its weights add up to the 满分 of 90,
# so weight-sum (an error when the weights do not) leaves the policy's warning alone
cat >"$work/p90.jx" <<'JX'
项目 "甲" {
    产出指标 90 {
        数量指标 90 {
            接入系统数量 ≥1个 权重 90 实际 1个
        }
    }
}
JX
# 60 + 30 + 10 = 100, plus 预算执行率 单列 10 = 110
cat >"$work/over.jx" <<'JX'
评分办法 "多了" {
    预算执行率 不单列
    预算执行率 单列 10 分
    一级分值 产出指标 60 效益指标 30 满意度指标 10
}
JX
cat >"$work/even.jx" <<'JX'
评分办法 "正好" {
    一级分值 产出指标 60 效益指标 30 满意度指标 10
}
JX

"$bin" score --policy "$work/over.jx" "$work/p90.jx" >"$work/out" 2>"$work/err"
code=$?
if [ "$code" = 0 ]; then ok; else fail "a policy warning alone exits 0, got $code"; fi
if grep -q "over.jx:4:10: warning: 评分办法“多了”的一级分值合计 100 分，加上预算执行率单列 10 分共 110 分，不等于 100 分 \[level1-points\]" "$work/err"; then
  ok; else fail "level1-points warning with its position"; cat "$work/err"; fi
"$bin" score --werror --policy "$work/over.jx" "$work/p90.jx" >/dev/null 2>&1
code=$?
if [ "$code" = 1 ]; then ok; else fail "--werror counts the policy warning, exit $code"; fi

"$bin" score --policy "$work/even.jx" "$work/p.jx" >"$work/out" 2>"$work/err"
code=$?
if [ "$code" = 0 ] && ! grep -q level1-points "$work/err"; then ok; else fail "100 points: no warning"; cat "$work/err"; fi
for shipped in default central; do
  "$bin" score --werror --policy $shipped "$work/p.jx" >/dev/null 2>"$work/err"
  if ! grep -q level1-points "$work/err"; then ok; else fail "$shipped adds up to 100"; fi
done

finish test_level1_points
