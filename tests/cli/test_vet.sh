#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of `jixiao vet`, the 审核 of targets: the three target-table seeds
# read as they are (through the importer, as audit reads them; each seed's counts by code,
# worked out by hand, are in test_vet_seed000/003/004.sh), every format, usage errors and
# exit codes.
# Usage: test_vet.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

seeds=$here/../import/seeds
s000=$seeds/000_070324ba240a519e.txt
s003=$seeds/003_e426a0e6973cc52b.txt
s004=$seeds/004_6deff1062909ad4a.txt

is() { if [ "$2" = "$3" ]; then ok; else fail "$1: got $2, want $3"; fi; }

# --- the seeds, each counted by hand: test_vet_seed000.sh, test_vet_seed003.sh, test_vet_seed004.sh
expect 0 "seed 000 is vetted (warnings only)" -- "$bin" vet --format csv "$s000"
# the import's own warnings go to stderr, as audit prints them
if grep -q "empty-value" "$work/err"; then ok; else fail "the import's warning on row 401 on stderr"; fi

# --- the three seeds together, every format ---------------------------------------------
# seed 004's AK 项目质保金 has no indicator (missing-indicators, an error): exit 1, the report kept
for f in text json csv html md txt xlsx; do
  expect 1 "three seeds as $f" -- "$bin" vet --format "$f" -o "$work/all.$f" "$s000" "$s003" "$s004"
  if [ -s "$work/all.$f" ]; then ok; else fail "three seeds as $f: empty"; fi
done
# 29 + the projects of 003 and 004, each counted once in the summary's results
if python3 - "$work/all.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert s["projects"] == len(d["projects"]), s
assert sum(s["results"].values()) == s["projects"], s
assert sum(o["projects"] for o in s["by_org"]) == s["projects"], s
assert sum(c["warning"] for c in s["findings"]["by_code"]) == s["findings"]["warning"], s
PY
then ok; else fail "the JSON summary adds up"; fi
if grep -q "^按单位" "$work/all.text" && grep -q "^按代码" "$work/all.text"; then ok
else fail "the text report has the summary by 单位 and by code"; fi

# --- exit codes ---------------------------------------------------------------------------
expect 1 "--werror with warnings" -- "$bin" vet --werror "$s000"
if grep -q "werror" "$work/err"; then ok; else fail "--werror says why"; fi
printf '项目 "P" {\n    年度目标 "x"\n    金额单位 万元\n    资金 年度资金总额 年初预算 10 全年预算 10 全年执行 0\n    产出指标 { 成本指标 { 设备成本 ≤12万元 权重 100 } }\n}\n' >"$work/cost.jx"
# 设备成本 ≤12 万元 above the 全年预算 10 万元: cost-over-budget, an error
expect 1 "an error-level finding" -- "$bin" vet "$work/cost.jx"
if grep -q "cost-over-budget" "$work/out" && grep -q "审核发现 1 个错误" "$work/err"; then ok
else fail "cost-over-budget and its line on stderr"; fi
expect 0 "--min-severity error hides warnings, keeps the result" -- "$bin" vet --min-severity error "$s000"
expect 2 "no file" -- "$bin" vet
if grep -q "没有给出要审核的文件或文件夹" "$work/err"; then ok; else fail "no file: says so"; fi
expect 2 "unknown option" -- "$bin" vet --bogus "$s000"
expect 2 "bad --min-severity" -- "$bin" vet --min-severity loud "$s000"
expect 2 "a format the 审核 is not written in" -- "$bin" vet --format jx "$s000"
expect 3 "a file that cannot be read" -- "$bin" vet "$work/nothing-here.jx"
expect 1 "--project naming nothing" -- "$bin" vet --project 没有这个项目 "$s000"
expect 0 "--project picks one" -- "$bin" vet --format csv --project 大数据讲堂 "$s000"
is "--project: one project" "$(awk -F, 'NR > 1 {print $1}' "$work/out" | sort -u)" "大数据讲堂"

# --- a workbook's bound: a sheet per project, 1000 at most (a temporary file each while it
# is written, under the 1,024 files a process may open); one more is an error that says so,
# and the other formats take any number
for i in $(seq 1 1001); do
  printf '项目 "项目%04d" {\n    年度目标 "x"\n    产出指标 { 数量指标 { 次数 ≥%d次 } }\n    效益指标 { 社会效益指标 { 知晓率 ≥90%% } }\n}\n' "$i" "$i"
done >"$work/many.jx"
expect 1 "1001 projects in one workbook" -- bash -c "ulimit -n 1024; \"\$0\" vet --format xlsx -o \"\$1\" \"\$2\"" "$bin" "$work/many.xlsx" "$work/many.jx"
if grep -q "一个 xlsx 工作簿最多容纳 1000 个项目" "$work/err"; then ok; else fail "the workbook's bound said"; cat "$work/err"; fi
if [ -e "$work/many.xlsx" ]; then fail "a workbook cut short is not kept"; else ok; fi
head -n $((1000 * 5)) "$work/many.jx" >"$work/thousand.jx"
expect 0 "1000 projects in one workbook" -- bash -c "ulimit -n 1024; \"\$0\" vet --format xlsx -o \"\$1\" \"\$2\"" "$bin" "$work/thousand.xlsx" "$work/thousand.jx"
if [ -s "$work/thousand.xlsx" ]; then ok; else fail "1000 projects: no workbook"; fi

# --- help ---------------------------------------------------------------------------------
expect 0 "jixiao --help" -- "$bin" --help
if grep -q "^  vet " "$work/out"; then ok; else fail "--help lists vet"; fi
expect 0 "jixiao vet --help" -- "$bin" vet --help
for opt in --policy --format --min-severity --project --werror -o; do
  if grep -q -- "  $opt" "$work/out"; then ok; else fail "vet --help lists $opt"; fi
done

finish test_vet
