#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `audit` reads jixiao's own scores back losslessly: for each source — the samples, the
# audit cases tests/audit/inflated and tests/audit/sample, and each seed imported with
# `jixiao import` — the audit of `score --format csv`, of `score --format json` and of the
# workbook `score --format xlsx` (read back by its 数据 sheet, the rows of the CSV) must
# give the same projects (总分 and 结论 claimed and recomputed, 资金, 主管部门) and the
# same findings as the audit of the source. Findings are compared by project (单位 +
# 名称), code, severity and what they are about (the first “…” of the message: the
# indicator, group or project named), counted, never by position in a file.
# Excepted, with the reason, (EXCEPT below): a project whose rule text does not parse
# (its `syntax` error) is scored by no one, so `score` writes no row for it.
# The comparison is not vacuous: the findings and claimed 总分 compared are counted (checked).
# Usage: test_audit_roundtrip.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"
root=$(cd "$here/../.." && pwd)

# project keys the scores cannot carry: 单位/名称 and why
EXCEPT='205001-越城区公路养护中心/越城区路灯维修项目'  # tests/audit/sample/b-roads.jx: 权重 abc, a syntax error

cat >"$work/cmp.py" <<'PY'
import json, re, sys
from collections import Counter
src, back, exceptions = sys.argv[1], sys.argv[2], set(sys.argv[3].split("|"))
def load(path):
    d = json.load(open(path))
    projs, finds = {}, Counter()
    for p in d["projects"]:
        key = (p.get("org") or "") + "/" + p["name"]
        if key in exceptions:
            continue
        projs[key] = {k: p.get(k) for k in ("dept", "scored", "claimed_total", "total", "difference",
                                            "claimed_grade", "grade", "grade_differs", "funds", "counts")}
        for f in p.get("findings", []):
            m = re.search(r"“([^”]*)”", f["message"])
            finds[(key, f["code"], f["severity"], m.group(1) if m else "")] += 1
    return projs, finds
a, fa = load(src)
b, fb = load(back)
bad = 0
for k in sorted(set(a) | set(b)):
    if a.get(k) != b.get(k):
        bad += 1
        print("  project %s: %s / %s" % (k, a.get(k), b.get(k)))
for k in sorted(set(fa) | set(fb)):
    if fa[k] != fb[k]:
        bad += 1
        print("  finding %s: %d / %d" % (k, fa[k], fb[k]))
if not a:
    bad += 1
    print("  the source's audit has no projects: nothing compared")
with open(sys.argv[4], "a") as stats:  # what was compared, summed at the end
    print(sum(fa.values()), sum(p["claimed_total"] is not None for p in a.values()), file=stats)
sys.exit(1 if bad else 0)
PY

# roundtrip NAME RULES: audits RULES, its score csv, json and xlsx, and compares
roundtrip() {
  local name=$1 rules=$2 fmt
  "$bin" audit --format json "$rules" >"$work/$name.src.json" 2>/dev/null
  for fmt in csv json xlsx; do
    local scored=$work/$name.scores.$fmt
    "$bin" score --format "$fmt" "$rules" >"$scored" 2>/dev/null
    "$bin" audit --format json "$scored" >"$work/$name.$fmt.json" 2>"$work/$name.$fmt.err"
    if [ -s "$work/$name.$fmt.json" ] && python3 "$work/cmp.py" "$work/$name.src.json" "$work/$name.$fmt.json" "$EXCEPT" "$work/stats" \
      >"$work/diff"; then ok; else
      fail "$name: audit of score --format $fmt differs from the audit of the source"
      head -n 20 "$work/diff" "$work/$name.$fmt.err"
    fi
    # what the import of the scores says beyond its summary: nothing about columns, rows or
    # (the workbook) the form sheets beside its 数据
    if grep -q "unknown-column\|field-conflict\|field-unreadable\|row-not-understood\|sheets-not-imported\|未能识别 [1-9]" \
      "$work/$name.$fmt.err"; then
      fail "$name: import of score --format $fmt warned"; head -n 5 "$work/$name.$fmt.err"
    else ok; fi
  done
}

for f in "$root"/samples/*.jx "$root"/tests/audit/inflated/*.jx "$root"/tests/audit/sample/*.jx; do
  roundtrip "$(basename "$(dirname "$f")")-$(basename "$f" .jx)" "$f"
done
for s in "$root"/tests/import/seeds/*.txt; do
  name=seed-$(basename "$s" .txt)
  if "$bin" import -o "$work/$name.jx" "$s" 2>/dev/null; then ok; else fail "$name: import exit $?"; continue; fi
  roundtrip "$name" "$work/$name.jx"
done

# the comparison is not vacuous: findings and claimed 总分 were compared (sums over all)
read -r nfind nclaim < <(awk '{f += $1; c += $2} END {print f + 0, c + 0}' "$work/stats")
if [ "$nfind" -gt 100 ] && [ "$nclaim" -gt 10 ]; then ok; else
  fail "compared only $nfind findings and $nclaim claimed totals"; fi

# the claims come back as claims: a 得分 and 总分 the department wrote, not the recomputed.
# c-training's 服务水平 claims 30 where the band allows 24 (30 × 80% = 24.00), so its
# recomputed 得分 24.00 differs from the claim 30 and qualitative-band names it; read
# back from either format, the claim is 30 again.
rules=$root/tests/audit/inflated/c-training.jx
for fmt in csv json xlsx; do
  "$bin" score --format "$fmt" "$rules" >"$work/ct.$fmt" 2>/dev/null
  "$bin" import "$work/ct.$fmt" >"$work/ct.$fmt.jx" 2>/dev/null
  if grep -q '服务水平 .*评定 部分达成 得分 30\b' "$work/ct.$fmt.jx"; then ok; else
    fail "c-training from $fmt: claim 30 not read back"; grep 服务水平 "$work/ct.$fmt.jx"; fi
done

# a JSON that is not jixiao's scores is a clear error (exit 1), by its bytes: an audit's
# JSON, and any other JSON, whatever the file is called
"$bin" audit --format json "$rules" >"$work/audit.csv" 2>/dev/null
expect 1 "audit JSON read back" -- "$bin" audit "$work/audit.csv"
if grep -q "不是 jixiao 的评分输出" "$work/err"; then ok; else fail "audit JSON: message"; cat "$work/err"; fi
printf '{"projects":[1,2]}\n' >"$work/other.json"
expect 1 "other JSON" -- "$bin" import "$work/other.json"
if grep -q "不是 jixiao 的评分输出" "$work/err"; then ok; else fail "other JSON: message"; cat "$work/err"; fi
printf '{"jixiao":"0.1.0","projects":[\n{"name":"x",\n' >"$work/cut.json"
expect 1 "cut JSON" -- "$bin" import "$work/cut.json"
if grep -q "不合语法" "$work/err"; then ok; else fail "cut JSON: message"; cat "$work/err"; fi

finish test_audit_roundtrip
