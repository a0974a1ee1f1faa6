#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# test_gen.sh GEN JIXIAO BENCH — the generator is deterministic, its output is valid
# input (no errors, weights summing to 100, groups matching their children), and
# jx_bench reads back exactly the indicators written.
set -euo pipefail
gen=$1 jixiao=$2 bench=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test_gen: $*" >&2; exit 1; }

"$gen" -p 50 -s 42 -o "$tmp/a.jx"
"$gen" -p 50 -s 42 > "$tmp/b.jx"
"$gen" -p 50 -s 43 -o "$tmp/c.jx"
cmp -s "$tmp/a.jx" "$tmp/b.jx" || fail "same seed gave different files"
cmp -s "$tmp/a.jx" "$tmp/c.jx" && fail "different seeds gave the same file"

# 50 projects of 10–20 indicators each
projects=$(grep -c '^项目 ' "$tmp/a.jx")
[ "$projects" -eq 50 ] || fail "expected 50 projects, got $projects"

# -n stops at the end of the first project reaching the count
"$gen" -n 1000 -s 1 -o "$tmp/n.jx"
weights=$(grep -o '权重 [0-9]*' "$tmp/n.jx" | wc -l)
[ "$weights" -ge 1000 ] && [ "$weights" -lt 1020 ] || fail "-n 1000 wrote $weights indicators"

# valid input: check exits 0 and reports no error, no weight or points mismatch
"$jixiao" check "$tmp/a.jx" 2> "$tmp/check.err" || fail "check failed: $(tail -3 "$tmp/check.err")"
grep -q '0 个错误' "$tmp/check.err" || fail "errors: $(tail -1 "$tmp/check.err")"
if grep -q -e '\[weight-sum\]' -e '\[points-mismatch\]' -e '\[syntax\]' "$tmp/check.err"; then
    fail "inconsistent weights: $(grep -m1 -e weight-sum -e points-mismatch "$tmp/check.err")"
fi
grep -q '\[vague-actual\]' "$tmp/check.err" || fail "no vague actuals generated"

# the bench counts what was written
out=$("$bench" "$tmp/n.jx")
echo "$out"
echo "$out" | grep -q "^indicators    $weights\$" || fail "jx_bench counted other than $weights indicators"
echo "$out" | grep -q '^invalid       0$' || fail "jx_bench saw invalid projects"
parse=$("$bench" --parse-only "$tmp/n.jx")
echo "$parse" | grep -q '^output        0.0 MB$' || fail "--parse-only wrote output"
echo "test_gen: ok"
