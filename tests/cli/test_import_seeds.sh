#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The four seed documents, imported whole: each table format is detected, every indicator
# row counted by hand is imported, `jixiao check` accepts the result, seed 001's two
# 自评表 score 100.00 / 优 again with their claimed scores carried through, and a GB18030
# copy imports to the same DSL as the UTF-8 original.
# Usage: test_import_seeds.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"
seeds=$(cd "$here/../import/seeds" && pwd)

# seed FILE FORMAT PROJECTS INDICATORS — the counts are the hand counts written in the
# readers' unit tests (tests/unit/test_import_*.c), table by table:
#   000  29 projects, 173 rows (lines 385–562 less 4 page-break lines and 1 unit row)
#   001   2 自评表, 6 + 7 rows
#   003   整体表 32 + six project tables 18, 16, 18, 21, 19, 38 = 162, 7 projects
#   004   整体 83 + ten project 年度 tables 9, 7, 7, 9, 5, 5, 15, 13, 0, 6 = 159, 11 projects
seed() {
  local file=$1 format=$2 projects=$3 indicators=$4
  local name
  name=$(basename "$file" .txt)
  if "$bin" import -o "$work/$name.jx" "$seeds/$file" 2>"$work/$name.err"; then ok; else
    fail "$name: import exit $?"; tail -n 3 "$work/$name.err"; return; fi
  if head -n 1 "$work/$name.jx" | grep -q "（表格格式 $format，编码 utf-8）"; then ok; else
    fail "$name: detected as $format"; head -n 1 "$work/$name.jx"; fi
  if tail -n 1 "$work/$name.err" | grep -q "：项目 $projects 个，指标 $indicators 条，.*未能识别 0 行$"; then ok; else
    fail "$name: summary"; tail -n 1 "$work/$name.err"; fi
  "$bin" check "$work/$name.jx" 2>"$work/$name.check"
  local code=$?
  if [ "$code" = 0 ] && tail -n 1 "$work/$name.check" | grep -q "^检查完成：$projects 个项目，$indicators 个指标，0 个错误，"; then ok; else
    fail "$name: check (exit $code)"; tail -n 1 "$work/$name.check"; fi
}

seed 000_070324ba240a519e.txt zj-target 29 173
seed 001_79da5c65fa76b1ff.txt zj-selfeval 2 13
seed 003_e426a0e6973cc52b.txt zz-target 7 162
seed 004_6deff1062909ad4a.txt wh-declare 11 159

# --- seed 001 scored: both forms claim 100 / 优 and every claimed 得分 equals its
# weight; every actual meets its target (10 of them only restate it: vague-actual), so
# the recomputed totals are 100.00 / 优 and no claimed-* warning is raised.
one=$work/001_79da5c65fa76b1ff.jx
if "$bin" score --format json -o "$work/001.json" "$one" 2>"$work/001.score"; then ok; else fail "score 001"; fi
totals=$(grep -o '"total":[0-9.]*,"grade":"[^"]*"' "$work/001.json" | tr '\n' ' ')
if [ "$totals" = '"total":100.00,"grade":"优" "total":100.00,"grade":"优" ' ]; then ok; else
  fail "001 totals: [$totals]"; fi
claims=$(grep -c '"得分\|得分 [0-9]' "$one")
if [ "$claims" = 13 ]; then ok; else fail "001: 13 claimed scores carried through, got $claims"; fi
if grep -q 'claimed-' "$work/001.score" "$work/001.json"; then fail "001: a claimed-* warning"; else ok; fi
vague=$(grep -o '"code":"vague-actual"' "$work/001.json" | wc -l)
if [ "$vague" = 10 ]; then ok; else fail "001: 10 vague-actual, got $vague"; fi
if grep -q '总分 100.00 结论 优' "$one"; then ok; else fail "001: claimed 总分 and 结论 kept"; fi

# --- seed 003 has no weights: --weights equal gives each project's indicators the
# policy's 一级分值 (产出 60, 效益 30, 满意度 10; groups the policy does not name, such as
# 投入管理指标, share what is left of 100, here 0) and says so in a note; the weights then
# add up to 100 in every project, so check finds no weight-sum and no missing-weight.
if "$bin" import --weights equal -o "$work/003w.jx" "$seeds/003_e426a0e6973cc52b.txt" 2>"$work/003w.err"; then ok; else
  fail "import --weights equal"; fi
notes=$(grep -c 'note: 权重按一级分值平均分配' "$work/003w.err")
if [ "$notes" = 7 ]; then ok; else fail "one weights-equal note per project: $notes"; fi
"$bin" check "$work/003w.jx" 2>"$work/003w.check"
if grep -q 'weight-sum\|missing-weight' "$work/003w.check"; then fail "weights equal leaves weight-sum/missing-weight"; else ok; fi
# the first project table (line 509): 产出 holds 3 indicators → 20.00 each
if grep -q '一件事和高频事项上线数量 ≥300项 权重 20.00' "$work/003w.jx"; then ok; else fail "产出 60 over 3 indicators"; fi

# --- a GB18030 copy of a seed imports to the same DSL (less the line naming the encoding)
if command -v iconv >/dev/null; then
  iconv -f UTF-8 -t GB18030 "$seeds/000_070324ba240a519e.txt" >"$work/000-gb.txt"
  if cmp -s "$seeds/000_070324ba240a519e.txt" "$work/000-gb.txt"; then fail "the GB18030 copy differs in bytes"; else ok; fi
  if "$bin" import -o "$work/000-gb.jx" "$work/000-gb.txt" 2>/dev/null; then ok; else fail "import GB18030 copy"; fi
  if head -n 1 "$work/000-gb.jx" | grep -q '编码 gb18030'; then ok; else fail "GB18030 detected"; fi
  if diff <(tail -n +2 "$work/000_070324ba240a519e.jx") <(tail -n +2 "$work/000-gb.jx") >/dev/null; then ok; else
    fail "GB18030 copy imports to the same DSL"; fi
else
  fail "iconv is missing"
fi

finish
