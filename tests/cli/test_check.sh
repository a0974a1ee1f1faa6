#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of `jixiao check` (issue 10, item 8): check runs every check score
# runs — it scores each project under --policy (with --actuals applied) and prints every
# error, warning and note on stderr, writing no 自评表 — so it finds the weights of 110,
# the inflated 得分 and the wrong 结论 it once passed with 0 warnings; for every input here
# the findings it prints are the ones score reports, position for position. Also its
# options, exit codes and help, and that the top-level --help lists every format score
# writes. Every number is worked out by hand beside its input.
# Usage: test_check.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

# has FILE TEXT: FILE holds TEXT (fixed string)
has() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; sed 's/^/  | /' "$1"; fi; }
# lacks FILE TEXT: FILE does not hold TEXT
lacks() { if grep -qF -- "$2" "$1"; then fail "$1 holds: $2"; else ok; fi; }

# check_codes OUT: the findings check printed on stderr, "line:col code" a line ("-" for
# an error printed without its code), sorted
check_codes() {
  sed -n -e 's/^[^ ]*\.jx:\([0-9]*\):\([0-9]*\): \(error\|warning\|note\): .* \[\([a-z0-9-]*\)\]$/\1:\2 \4/p' \
    -e 't' -e 's/^[^ ]*\.jx:\([0-9]*\):\([0-9]*\): \(error\|warning\|note\): .*$/\1:\2 -/p' "$1" | sort
}
# score_codes OUT ERR: the findings score reported, in the 自评表 ("  file:l:c [code] …")
# and on stderr (a project with errors), in the same form; a finding in both, once
score_codes() {
  { sed -n 's/^  [^ ]*\.jx:\([0-9]*\):\([0-9]*\) \[\([a-z0-9-]*\)\] .*$/\1:\2 \3/p' "$1"
    check_codes "$2"; } | sort -u
}
# same_findings TITLE FILE [OPTION…]: check and score find the same, and exit alike
same_findings() {
  local title=$1 file=$2
  shift 2
  "$bin" check "$@" "$file" >"$work/c.out" 2>"$work/c.err"
  local cc=$?
  "$bin" score "$@" "$file" >"$work/s.out" 2>"$work/s.err"
  local sc=$?
  check_codes "$work/c.err" >"$work/c.codes"
  score_codes "$work/s.out" "$work/s.err" >"$work/s.codes"
  if [ -s "$work/c.codes" ] && cmp -s "$work/c.codes" "$work/s.codes"; then ok; else
    fail "$title: check and score differ"; diff "$work/s.codes" "$work/c.codes" | sed 's/^/  | /'; fi
  if [ "$cc" = "$sc" ]; then ok; else fail "$title: check exits $cc, score $sc"; fi
  if [ ! -s "$work/c.out" ]; then ok; else fail "$title: check writes a 自评表"; fi
}

# --- the issue's file: inflated 得分, a wrong 结论 (weights 100) -----------------------------
# 接入系统数量 ≥60个 权重 60 实际 30个: 60 × 30 / 60 = 30.00, 得分 60 claimed → claimed-score;
# 运行保障期限 =1年 权重 40 实际 1年: 40.00. 总分 70.00 (中) against 100 优 → claimed-total,
# claimed-grade; every self-score full (60/60, 40/40) → the note all-full-marks, 填报总分 100.
# 3 warnings, 1 note: exit 0, under --werror 1.
cat >"$work/claims.jx" <<'JX'
项目 "自评虚高" {
    产出指标 {
        数量指标 {
            接入系统数量 ≥60个 权重 60 实际 30个 偏差 "推迟上线" 得分 60
            运行保障期限 =1年 权重 40 实际 1年
        }
    }
    总分 100 结论 优
}
JX
expect 0 "check claims" -- "$bin" check "$work/claims.jx"
if [ ! -s "$work/out" ]; then ok; else fail "check writes nothing to stdout"; fi
has "$work/err" "claims.jx:4:51: warning: 指标“接入系统数量”自评得分 60 与重算得分 30.00 不符 [claimed-score]"
has "$work/err" "claims.jx:8:8: warning: 项目“自评虚高”自评总分 100 与重算总分 70.00 不符 [claimed-total]"
has "$work/err" "claims.jx:8:15: warning: 项目“自评虚高”自评结论“优”与按重算总分 70.00 评定的“中”不符 [claimed-grade]"
has "$work/err" "claims.jx:8:8: note: 项目“自评虚高”的 2 个指标全部满分，填报总分 100；请核实目标是否偏低、完成值是否有依据 [all-full-marks]"
if [ "$(tail -n 1 "$work/err")" = "检查完成：1 个项目，2 个指标，0 个错误，3 个警告" ]; then ok; else
  fail "claims: summary line"; tail -n 1 "$work/err"; fi
expect 1 "check --werror claims" -- "$bin" check --werror "$work/claims.jx"
same_findings "claims" "$work/claims.jx"

# --- weights of 110 ---------------------------------------------------------------------------
# 接入系统数量 权重 60 + 巡检次数 权重 50 = 110, not 100: weight-sum, whatever its severity;
# check exits as score does.
cat >"$work/weights.jx" <<'JX'
项目 "权重一百一" {
    产出指标 {
        数量指标 {
            接入系统数量 ≥60个 权重 60 实际 60个
            巡检次数 =12次 权重 50 实际 12次
        }
    }
}
JX
"$bin" check "$work/weights.jx" >"$work/out" 2>"$work/err"
has "$work/err" "[weight-sum]"
has "$work/err" "权重合计 110"
same_findings "weights of 110" "$work/weights.jx"

# --- --policy: the same file, other findings ----------------------------------------------
# weights 50 + 40 = 90 and one 资金 row (全年预算 100, 全年执行 100): under default the weights
# should add up to 100 → weight-sum; under central (预算执行率 单列 10 分) to 90 → none, and
# 预算执行率 scores 10 × 100 / 100 = 10.00: 总分 50 + 40 + 10 = 100.00.
cat >"$work/ninety.jx" <<'JX'
项目 "九十" {
    资金 一般公共预算资金 年初预算 100 全年预算 100 全年执行 100
    产出指标 {
        数量指标 {
            接入系统数量 ≥60个 权重 50 实际 60个
            巡检次数 =12次 权重 40 实际 12次
        }
    }
}
JX
"$bin" check "$work/ninety.jx" >"$work/out" 2>"$work/err"
has "$work/err" "[weight-sum]"
expect 0 "check --policy central" -- "$bin" check --policy central "$work/ninety.jx"
lacks "$work/err" "[weight-sum]"
same_findings "ninety, default" "$work/ninety.jx"
same_findings "ninety, central" "$work/ninety.jx" --policy central
expect 0 "check --policy=central" -- "$bin" check --policy=central "$work/ninety.jx"
lacks "$work/err" "[weight-sum]"
expect 2 "check: unknown policy" -- "$bin" check --policy 没有这个办法 "$work/ninety.jx"
expect 2 "check: --policy without a value" -- "$bin" check "$work/ninety.jx" --policy

# --- --actuals: applied before checking ------------------------------------------------------
# no 实际: missing-actual, scored 0 (and missing-reason: 0 of 100 without 偏差); the table
# gives 60个 → 100.00, neither
cat >"$work/bare.jx" <<'JX'
项目 "待填" {
    产出指标 {
        数量指标 {
            接入系统数量 ≥60个 权重 100
        }
    }
}
JX
printf '项目,三级指标,实际完成值\n待填,接入系统数量,60个\n' >"$work/actuals.csv"
expect 0 "check without actuals" -- "$bin" check "$work/bare.jx"
has "$work/err" "[missing-actual]"
expect 0 "check --actuals" -- "$bin" check --actuals "$work/actuals.csv" "$work/bare.jx"
lacks "$work/err" "[missing-actual]"
lacks "$work/err" "[missing-reason]"
same_findings "actuals" "$work/bare.jx" --actuals "$work/actuals.csv"
# a row naming a project not checked: actuals-unused, as score says it
printf '项目,三级指标,实际完成值\n待填,接入系统数量,60个\n别的项目,接入系统数量,1个\n' >"$work/extra.csv"
expect 0 "check --actuals with an unused row" -- "$bin" check --actuals "$work/extra.csv" "$work/bare.jx"
has "$work/err" "[actuals-unused]"
expect 2 "check: --encoding without --actuals" -- "$bin" check --encoding gbk "$work/bare.jx"
expect 3 "check: actuals that do not exist" -- "$bin" check --actuals "$work/none.csv" "$work/bare.jx"

# --- errors: the project is not scored, its errors are printed as before -----------------
cat >"$work/bad.jx" <<'JX'
项目 "坏项目" {
    产出指标 {
        数量指标 {
            接入系统数量 ≥60个 权重 很多 实际 60
        }
    }
    总分 100 结论 优
}
JX
expect 1 "check an error" -- "$bin" check "$work/bad.jx"
has "$work/err" "error:"
lacks "$work/err" "[claimed-total]"
same_findings "an error" "$work/bad.jx"

# --- several files, standard input -------------------------------------------------------
# claims' 3 warnings and bare's 2 (missing-actual, missing-reason), over 2 + 1 indicators
expect 0 "check two files" -- "$bin" check "$work/claims.jx" "$work/bare.jx"
if [ "$(tail -n 1 "$work/err")" = "检查完成：2 个项目，3 个指标，0 个错误，5 个警告" ]; then ok; else
  fail "two files: summary line"; tail -n 1 "$work/err"; fi
"$bin" check - <"$work/claims.jx" >"$work/out" 2>"$work/err"
has "$work/err" "[claimed-grade]"

# --- usage, help -----------------------------------------------------------------------------
expect 2 "check: unknown option" -- "$bin" check --format json "$work/claims.jx"
expect 2 "check: no file" -- "$bin" check
expect 3 "check: a file that does not exist" -- "$bin" check "$work/none.jx"
expect 0 "check --help" -- "$bin" check --help
has "$work/out" "--policy"
has "$work/out" "--actuals"
has "$work/out" "--werror"
has "$work/out" "退出码：0 没有错误"
has "$work/out" "2 用法错误"
has "$work/out" "3 读文件失败"

# the top-level help names every format score writes, and score writes each of them
expect 0 "--help" -- "$bin" --help
cp "$work/out" "$work/help"
score_line=$(grep '^  score ' "$work/help")
for fmt in text json csv html md xlsx txt template; do
  if grep -A1 '^  score ' "$work/help" | grep -q "$fmt"; then ok; else fail "--help: score's line lacks $fmt: $score_line"; fi
  expect 0 "score --format $fmt" -- "$bin" score --format "$fmt" -o "$work/f.$fmt" "$work/claims.jx"
done

finish test_check
