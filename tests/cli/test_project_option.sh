#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of --project NAME (repeatable) on score, check, template and
# audit: a name picks the projects of that 项目名称, or of 单位/项目名称 where several
# 单位 share the name; one that picks nothing, or a bare name shared by several 单位,
# is an error (exit 1) naming what to write instead.
# Usage: test_project_option.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

sample=$here/../../samples/yuecheng-2024.jx
first=越城区电子政务云资源服务项目
second=越城区网络安全运营中心项目
org=301001-绍兴市越城区大数据发展管理中心（本级）

# projects FILE: the distinct 项目 of a score CSV (its first column), one a line
projects() { python3 -c '
import csv, sys
seen = []
for row in list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))[1:]:
    if row and row[0] not in seen:
        seen.append(row[0])
print("\n".join(seen))' "$1"; }
# is WHAT GOT WANT
is() { if [ "$2" = "$3" ]; then ok; else fail "$1: got [$2], want [$3]"; fi; }

# --- score: one name, two names, 单位/项目 --------------------------------------------
expect 0 "score --project" -- "$bin" score --format csv --project "$second" "$sample"
is "one name picks one project" "$(projects "$work/out")" "$second"
expect 0 "two names" -- "$bin" score --format csv --project "$second" --project "$first" "$sample"
is "two names pick both, in file order" "$(projects "$work/out")" "$first
$second"
expect 0 "单位/项目" -- "$bin" score --format csv --project "$org/$first" "$sample"
is "单位/项目 picks it" "$(projects "$work/out")" "$first"
expect 0 "--project=NAME" -- "$bin" score --format csv "--project=$first" "$sample"
is "written with =" "$(projects "$work/out")" "$first"

# --- names that pick nothing --------------------------------------------------------
expect 1 "an unknown name" -- "$bin" score --format csv --project "没有这个项目" "$sample"
if grep -qF "jixiao: --project：没有名为“没有这个项目”的项目" "$work/err"; then ok; else fail "unknown name message"; cat "$work/err"; fi
expect 1 "a wrong 单位" -- "$bin" score --format csv --project "别的单位/$first" "$sample"
expect 2 "--project needs a value" -- "$bin" score --project "" "$sample"

# --- a name two 单位 share -----------------------------------------------------------
sed "s|$org|302002-另一单位|" "$sample" >"$work/other.jx"
expect 1 "a shared name" -- "$bin" score --format csv --project "$first" "$sample" "$work/other.jx"
if grep -qF "jixiao: --project：2 个单位都有名为“$first”的项目：“$org”、“302002-另一单位”；请写成 单位/项目名称 指明其中一个" "$work/err"
then ok; else fail "shared name message"; cat "$work/err"; fi
expect 0 "单位/项目 tells them apart" -- "$bin" score --format csv --project "302002-另一单位/$first" "$sample" "$work/other.jx"
is "the other 单位's project" "$(projects "$work/out")" "$first"
# the CSV's 位置 column names the file each row came from: other.jx only
if grep -q ",$work/other.jx:" "$work/out" && ! grep -qF ",$sample:" "$work/out"; then ok; else fail "picked the wrong 单位"; fi

# --- check ------------------------------------------------------------------------------
expect 0 "check --project" -- "$bin" check --project "$second" "$sample"
if grep -q "^检查完成：1 个项目" "$work/err"; then ok; else fail "check counts one project"; cat "$work/err"; fi
expect 1 "check, unknown name" -- "$bin" check --project "没有这个项目" "$sample"

# --- template and audit (and its 复核) take it too -----------------------------------------
expect 0 "template --project" -- "$bin" template --project "$second" "$sample"
# the CSV template: its 项目 column (the third) names the one project on every row
is "the template's projects" "$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))[1:]
print(" ".join(sorted(set(r[2] for r in rows if r))))' "$work/out")" "$second"
expect 1 "template, unknown name" -- "$bin" template --project "没有这个项目" "$sample"
expect 0 "audit --project" -- "$bin" audit --format json --project "$first" "$sample"
is "the audit's projects" "$(python3 -c '
import json, sys
print(" ".join(p["name"] for p in json.load(open(sys.argv[1]))["projects"]))' "$work/out")" "$first"
expect 1 "audit, unknown name" -- "$bin" audit --project "没有这个项目" "$sample"
expect 0 "audit --review-template --project" -- "$bin" audit --review-template --project "$second" "$sample"
is "the review template's projects" "$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))[1:]
print(" ".join(sorted(set(r[0] for r in rows if r))))' "$work/out")" "$second"

finish test_project_option
