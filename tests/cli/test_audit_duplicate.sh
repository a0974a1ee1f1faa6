#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of duplicate-submission: the same 单位 + 项目 + 年度 in two inputs
# of one audit is one warning on the later one, naming where the first came; another
# 单位 or another 年度 is another submission; imported tables are named by their rows.
# Usage: test_audit_duplicate.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

sample=$here/../../samples/yuecheng-2024.jx
seed=$here/../import/seeds/003_e426a0e6973cc52b.txt

# count FILE: the duplicate-submission lines of an audit's text report
count() { grep -c "duplicate-submission  与" "$1"; }
# is WHAT GOT WANT
is() { if [ "$2" = "$3" ]; then ok; else fail "$1: got $2, want $3"; fi; }

# The sample holds two projects, their 项目 lines at these lines of the file.
lines=$(grep -n '^项目 ' "$sample" | cut -d: -f1 | tr '\n' ' ')
is "the sample's two projects" "$(echo $lines | wc -w)" 2
first=${lines%% *}

# --- two files, the same two projects: one finding each, in the later file ------------
mkdir "$work/two"
cp "$sample" "$work/two/a.jx"
cp "$sample" "$work/two/b.jx"
(cd "$work" && "$bin" audit two >"$work/out" 2>"$work/err")
is "two copies: findings" "$(count "$work/out")" 2
if grep -q "two/b.jx:$first:1 *duplicate-submission  与 two/a.jx:$first 的项目重复提交：" "$work/out"; then ok
else fail "the finding stands in b.jx and names a.jx:$first"; grep duplicate "$work/out"; fi
if grep "duplicate-submission  与" "$work/out" | grep -q "two/a.jx:[0-9]*:1 *duplicate"; then
  fail "the first submission is not the duplicate"; else ok; fi
# a warning: the exit status is 0 without --werror (the sample has no error), 1 with it
expect 0 "a duplicate is a warning" -- "$bin" audit "$work/two"
expect 1 "--werror fails on it" -- "$bin" audit --werror "$work/two"

# --- three copies: the second and the third each name the first -----------------------
cp "$sample" "$work/two/c.jx"
(cd "$work" && "$bin" audit two >"$work/out" 2>"$work/err")
is "three copies: findings" "$(count "$work/out")" 4
is "all name a.jx" "$(grep "duplicate-submission  与" "$work/out" | grep -c "与 two/a.jx:")" 4

# --- the JSON summary counts them as warnings ---------------------------------------
"$bin" audit --format json "$work/two/a.jx" "$work/two/b.jx" >"$work/json" 2>/dev/null
got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join("%s:%d:%d" % (c["code"], c["warning"], c["error"]) for c in d["summary"]["findings"]["by_code"] if c["code"] == "duplicate-submission"))' "$work/json")
is "JSON tally" "$got" "duplicate-submission:2:0"

# --- the same project twice in one file is a duplicate too ---------------------------
mkdir "$work/one"
cat "$sample" "$sample" >"$work/one/twice.jx"
(cd "$work" && "$bin" audit one/twice.jx >"$work/out" 2>"$work/err")
is "one file twice: findings" "$(count "$work/out")" 2

# --- another 单位 or another 年度 is another submission -----------------------------
mkdir "$work/other"
cp "$sample" "$work/other/a.jx"
sed 's/^\( *单位 "\)/\1另一单位-/' "$sample" >"$work/other/org.jx"
sed 's/^\( *年度 \)2024/\12025/' "$sample" >"$work/other/year.jx"
if ! cmp -s "$sample" "$work/other/org.jx" && ! cmp -s "$sample" "$work/other/year.jx"; then ok
else fail "the edited copies differ from the sample"; fi
"$bin" audit "$work/other" >"$work/out" 2>"$work/err"
is "other 单位 or 年度: findings" "$(count "$work/out")" 0

# --- an imported table sent twice: named by its table rows -------------------------------
mkdir "$work/tables"
cp "$seed" "$work/tables/a.txt"
cp "$seed" "$work/tables/b.txt"
"$bin" audit --format json "$work/tables/a.txt" >"$work/one.json" 2>/dev/null
"$bin" audit --format json "$work/tables" >"$work/both.json" 2>/dev/null
python3 - "$work/one.json" "$work/both.json" <<'PY' && ok || fail "imported tables"
import json, sys
one = json.load(open(sys.argv[1]))
both = json.load(open(sys.argv[2]))
# every project of the table once more, at the same row of b.txt as of a.txt
keys = [(p["org"], p["name"]) for p in one["projects"]]
dups = [(p, f) for p in both["projects"] for f in p["findings"] if f["code"] == "duplicate-submission"]
assert len(dups) == len(keys) == len(set(keys)), (len(dups), len(keys))
for p, f in dups:
    assert p["file"].endswith("/b.txt"), p["file"]
    assert ("/a.txt:%d " % p["line"]) in f["message"], f["message"]
PY

finish test_audit_duplicate
