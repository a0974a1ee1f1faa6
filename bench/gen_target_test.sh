#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# gen_target_test.sh GEN_TARGET JIXIAO — the 绩效目标表 generator of bench/scale.sh is
# deterministic and writes exactly the indicators asked for, in the three levels; `jixiao
# import` detects the table as zj-target and reads every indicator, skipping only the
# header rows and page numbers; and `jixiao check` finds no error in what it wrote.
set -euo pipefail
gen=$1 jixiao=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "gen_target_test: $*" >&2; exit 1; }

"$gen" -n 200 -s 1 -o "$tmp/a.txt"
"$gen" -n 200 -s 1 > "$tmp/b.txt"
"$gen" -n 200 -s 2 -o "$tmp/c.txt"
cmp -s "$tmp/a.txt" "$tmp/b.txt" || fail "same seed gave different tables"
cmp -s "$tmp/a.txt" "$tmp/c.txt" && fail "different seeds gave the same table"

# 200 indicator rows: a cell naming a 一级指标, the three of them present
rows=$(awk -F'\t' '{ for (i = 1; i <= NF; i++) if ($i ~ /^(产出指标|效益指标|满意度指标)$/) { n++; seen[$i] = 1; break } }
    END { print n + 0, length(seen) }' "$tmp/a.txt")
[ "$rows" = "200 3" ] || fail "expected 200 indicator rows over 3 一级指标, got $rows"

# the import reads every one
"$jixiao" import --from zj-target -o "$tmp/a.jx" "$tmp/a.txt" 2> "$tmp/import.err" ||
    fail "import failed: $(tail -3 "$tmp/import.err")"
summary=$(tail -1 "$tmp/import.err")
[[ $summary == *"指标 200 条"* ]] || fail "import summary: $summary"
[[ $summary == *"未能识别 0 行" ]] || fail "rows not understood: $summary"
grep -q 'warning' "$tmp/import.err" && fail "import warned: $(grep -m1 warning "$tmp/import.err")"
# without --from the table is detected as the same format
"$jixiao" import -o "$tmp/detected.jx" "$tmp/a.txt" 2>/dev/null || fail "import without --from failed"
cmp -s "$tmp/a.jx" "$tmp/detected.jx" || fail "the table was not detected as zj-target"

# what it wrote checks with no error and the 200 indicators
"$jixiao" check "$tmp/a.jx" 2> "$tmp/check.err" || fail "check failed: $(tail -3 "$tmp/check.err")"
last=$(tail -1 "$tmp/check.err")
[[ $last == *"200 个指标，0 个错误"* ]] || fail "check: $last"
if grep -q -e '\[weight-sum\]' -e '\[syntax\]' -e '\[duplicate' "$tmp/check.err"; then
    fail "check: $(grep -m1 -e weight-sum -e syntax -e duplicate "$tmp/check.err")"
fi
echo "$summary"
echo "$last"
echo "gen_target_test: ok"
