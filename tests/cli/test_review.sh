#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of `jixiao audit --review`: exit codes, -o left alone by a failed
# run, --werror, usage errors, a missing file, a directory mixing a rule file and a
# 自评表 text (imported), standard input. The sheets' numbers are worked out in
# tests/golden/review-text/demo.jx and asserted by tests/unit/test_review.c.
# Usage: test_review.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

demo=$here/../golden/review-text/demo.jx
csv=$here/../golden/review-text/review.csv
seed=$here/../import/seeds/001_79da5c65fa76b1ff.txt

# has FILE TEXT: FILE holds TEXT somewhere
has() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; sed 's/^/  | /' "$1"; fi; }

# --- a good run: stdout and -o give the same sheets --------------------------------------
expect 0 "review to stdout" -- "$bin" audit --review "$csv" "$demo"
cp "$work/out" "$work/stdout.txt"
has "$work/out" "复核结论  良（总分 82.50，较重算 -17.50，较填报 -17.50）"
# 未复核项目 has no row in the table: no sheet (one only for the projects the table reviews)
if grep -qF "未复核项目" "$work/out"; then fail "a sheet for a project without rows"; else ok; fi
if [ ! -s "$work/err" ]; then ok; else fail "nothing on stderr"; cat "$work/err"; fi
expect 0 "review -o" -- "$bin" audit "$demo" --review "$csv" -o "$work/sheet.txt"
if cmp -s "$work/sheet.txt" "$work/stdout.txt"; then ok; else fail "-o writes what stdout shows"; fi
expect 0 "review --format=json" -- "$bin" audit --review="$csv" --format=json "$demo"
has "$work/out" '"review":{"total":82.50,"grade":"良"},"difference":-17.50}'

# --- a refused row: exit 1, and -o leaves the old file as it was -------------------------
printf '项目,三级指标,扣分,备注\n复核示例项目,巡检次数,2,\n' >"$work/refused.csv"
echo "old" >"$work/keep.txt"
expect 1 "deduction without a reason" -- "$bin" audit --review "$work/refused.csv" -o "$work/keep.txt" "$demo"
has "$work/err" "refused.csv:2:13: error: 第 2 行（项目“复核示例项目”，指标“巡检次数”）扣分 2.00，备注中没有说明理由，不予采用 [review]"
if [ "$(cat "$work/keep.txt")" = old ]; then ok; else fail "-o replaced after a failed run"; fi
if [ -z "$(ls "$work" | grep 'keep.txt.tmp')" ]; then ok; else fail "temporary file left behind"; fi

# --- rows naming no indicator: exit 1, and no sheet -------------------------------------
printf '项目,三级指标,扣分,备注\n复核示例项目,不存在的指标,1,理由\n' >"$work/nomatch.csv"
expect 1 "unmatched row" -- "$bin" audit --review "$work/nomatch.csv" "$demo"
has "$work/err" "第 2 行（项目“复核示例项目”，指标“不存在的指标”）没有对应的指标"
# the row reviews no indicator: no project has a sheet
if grep -qF "项目名称" "$work/out"; then fail "a sheet without a reviewed indicator"; else ok; fi

# --- rows about projects not reviewed: one warning, exit 0 -------------------------------
printf '项目,三级指标,扣分,备注\n别的项目,满意率,1,理由\n别的项目,执行率,1,理由\n' >"$work/other.csv"
expect 0 "rows of another project" -- "$bin" audit --review "$work/other.csv" "$demo"
has "$work/err" "warning: 复核表中有 2 行所属的项目不在本次计分的项目中，未使用：“别的项目” [review-unused]"

# --- weights not adding up: the sheet is written, both 结论 withheld, exit 1 ---------------
# 甲 ≥10个 权重 60 实际 10个: met, 60.00; 扣分 5 → 55.00; weights 60 ≠ 100 → weight-sum
printf '项目 "权重不足" {\n    产出指标 { 数量指标 { 甲 ≥10个 权重 60 实际 10个 } }\n}\n' >"$work/ws.jx"
printf '项目,三级指标,扣分,备注\n权重不足,甲,5,缺记录\n' >"$work/ws.csv"
expect 1 "weight-sum reviewed" -- "$bin" audit --review "$work/ws.csv" "$work/ws.jx"
has "$work/out" "填报结论  —（未填报）"
has "$work/out" "重算结论  —（总分 60.00）"
has "$work/out" "复核结论  —（总分 55.00，较重算 -5.00）"
has "$work/err" "[weight-sum]"

# --- warnings: exit 0, or 1 under --werror -----------------------------------------------
printf '项目,三级指标,复核完成值,备注\n复核示例项目,满意率,≥95%%,\n' >"$work/signed.csv"
expect 0 "signed value warns" -- "$bin" audit --review "$work/signed.csv" "$demo"
has "$work/err" "warning: 第 2 行（项目“复核示例项目”，指标“满意率”）的复核完成值“≥95%”带有计算符号，按 95%计分 [review]"
expect 1 "signed value under --werror" -- "$bin" audit --werror --review "$work/signed.csv" "$demo"
has "$work/err" "复核表有 1 个警告（--werror 视为错误）"

# --- malformed CSV, missing files ---------------------------------------------------------
printf '项目,三级指标,扣分\n' >"$work/nonote.csv"
expect 1 "header without 备注" -- "$bin" audit --review "$work/nonote.csv" "$demo"
has "$work/err" "表头缺少“备注”列"
expect 3 "missing review file" -- "$bin" audit --review "$work/none.csv" "$demo"
has "$work/err" "无法打开复核表"
expect 3 "missing input file" -- "$bin" audit --review "$csv" "$work/none.jx"

# --- usage errors -------------------------------------------------------------------------
expect 2 "no files" -- "$bin" audit --review "$csv"
has "$work/err" "没有给出要复核的文件"
expect 2 "template format" -- "$bin" audit --review "$csv" --format template "$demo"
expect 2 "--sample with --review needs --seed" -- "$bin" audit --review "$csv" --sample 20% "$demo"
has "$work/err" "--sample 需要 --seed"
expect 2 "--min-severity with --review" -- "$bin" audit --review "$csv" --min-severity=error "$demo"
expect 2 "unknown option" -- "$bin" audit --review "$csv" --frobnicate "$demo"
expect 2 "unknown policy" -- "$bin" audit --review "$csv" --policy 不存在 "$demo"
expect 0 "help" -- "$bin" audit --review "$csv" --help
has "$work/out" "用法：jixiao audit --review 复核表.csv"

# --- a directory: files in name order, hidden ones skipped, tables imported ----------------
mkdir -p "$work/dir/sub"
cp "$seed" "$work/dir/001.txt"
cp "$demo" "$work/dir/sub/demo.jx"
echo "这不是项目" >"$work/dir/.hidden.jx"
# --sample 100%: every project has a sheet, reviewed or not
expect 0 "directory" -- "$bin" audit --review "$csv" --sample 100% --seed 1 --format csv "$work/dir"
# 2 projects of seed 001, then the 2 of demo.jx: a 总分 row each, in that order
grep ',总分,' "$work/out" | cut -d, -f1 >"$work/order"
printf '越城区电子政务云资源服务项目\n越城区网络安全运营中心项目\n复核示例项目\n未复核项目\n' >"$work/want"
if cmp -s "$work/order" "$work/want"; then ok; else fail "directory order"; cat "$work/order"; fi
# seed 001 claims and recomputes 100.00 / 优 on both projects, no rows for them: 0 偏差
has "$work/out" "越城区电子政务云资源服务项目,总分,,,,,,100,,100.00,100.00,,100.00,,0.00,,,,优,优,优"
has "$work/out" "复核示例项目,总分,,,,,,100,,100.00,100.00,,82.50,,-17.50,,,,优,优,良"

# --- standard input -----------------------------------------------------------------------
expect 0 "stdin" -- bash -c '"$1" audit --review "$2" - <"$3"' _ "$bin" "$csv" "$demo"
has "$work/out" "复核结论  良（总分 82.50，较重算 -17.50，较填报 -17.50）"

finish test_review
