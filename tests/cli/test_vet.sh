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

# --- a workbook of more projects than sheets: the first 1000 (JX_XLSX_PROJECTS_MAX) have a
# 审核表 sheet each (a temporary file each while it is written, so run under the 1,024 files a
# process may open by default); past them every project is still a row of 项目, every finding
# a row of 发现, and all are counted in 汇总; a warning says how many have no 审核表 (exit 0;
# --werror counts it). 1050 projects 项目0001 … 项目1050, each with a 三级 name of its own
# (次数NNNN), so that no two overlap (overlapping-projects), and no weight (no missing-weight):
#   even: 年度目标, 产出's 数量/质量/时效/成本, 效益 — no finding, 优 (10 lines each);
#   odd: 产出 has only 数量 — missing-level2 (完整性, warning), 良 (5 lines each);
#   1049 also 知晓率 定性 "提升" — vague-target (相关性, warning): warnings under 2 aspects, 中.
# So 优 525, 良 524, 中 1, 差 0; 526 findings, all warnings: 525 missing-level2, 1 vague-target.
# 项目 is its head (row 1) and a row per project (2 … 1051, 序号 1050 last: 项目1050, no
# finding, 优); 发现 its head and a row per finding in the projects' order (2 … 527), 项目1049's
# two last: missing-level2 (完整性 first), then vague-target about 知晓率 on its 4th line — the
# projects before it take 524 × 5 + 524 × 10 = 7860 lines, so line 7864.
complete='项目 "项目%04d" {\n    年度目标 "x"\n    产出指标 {\n        数量指标 { 次数%04d ≥1次 }\n        质量指标 { 合格率 ≥95%% }\n        时效指标 { 完成时间 ≤12月 }\n        成本指标 { 培训成本 ≤5万元 }\n    }\n    效益指标 { 社会效益指标 { 知晓率 ≥90%% } }\n}\n'
short='项目 "项目%04d" {\n    年度目标 "x"\n    产出指标 { 数量指标 { 次数%04d ≥1次 } }\n    效益指标 { 社会效益指标 { 知晓率 %s } }\n}\n'
for i in $(seq 1 1050); do
  if [ $((i % 2)) = 0 ]; then printf "$complete" "$i" "$i"
  elif [ "$i" = 1049 ]; then printf "$short" "$i" "$i" '定性 "提升"'
  else printf "$short" "$i" "$i" '≥90%'; fi
done >"$work/many.jx"
read_book() { python3 "$here/xlsx_read.py" "$@"; }
# cell FILE REF: the value of cell REF in FILE (xlsx_read.py cells: "REF<TAB>value" lines)
cell() { awk -F'\t' -v r="$2" '$1 == r {print $2}' "$1"; }
warned="jixiao: warning: 审核表只写了前 1000 个项目（一个 xlsx 工作簿最多 1000 张），其余 50 个项目没有审核表；全部 1050 个项目都在“项目”工作表中，它们的发现都在“发现”工作表中，并都计入“汇总”"
expect 0 "1050 projects in one workbook" -- bash -c "ulimit -n 1024; \"\$0\" vet --format xlsx -o \"\$1\" \"\$2\"" "$bin" "$work/many.xlsx" "$work/many.jx"
is "1050 projects: stderr" "$(cat "$work/err")" "$warned"
read_book sheets "$work/many.xlsx" >"$work/sheets"
is "1050 projects: sheets" "$(wc -l <"$work/sheets" | tr -d ' ') $(sed -n '1,4p' "$work/sheets" | tr '\n' ' ')$(tail -n 1 "$work/sheets")" \
  "1003 汇总 项目 发现 项目0001 项目1000"
read_book cells "$work/many.xlsx" 2 >"$work/projects"
is "项目: the last row" "$(for c in A B F G H I J; do cell "$work/projects" "${c}1051"; done | tr '\n' ' ')" \
  "1050.0 项目1050 0.0 0.0 0.0 0.0 优 "
is "项目: 项目1049" "$(for c in A B F G H I J; do cell "$work/projects" "${c}1050"; done | tr '\n' ' ')" \
  "1049.0 项目1049 1.0 1.0 0.0 0.0 中 "
is "项目: no row past the last" "$(cell "$work/projects" A1052)" ""
read_book cells "$work/many.xlsx" 3 >"$work/findings"
is "发现: missing-level2 rows" "$(awk -F'\t' '$1 ~ /^A/ && $2 == "missing-level2"' "$work/findings" | wc -l | tr -d ' ')" 525
is "发现: the last row" "$(for c in A C D E F; do cell "$work/findings" "${c}527"; done | tr '\n' ' ')" \
  "vague-target 相关性 警告 项目1049 知晓率 "
is "发现: its position's line" "$(cell "$work/findings" G527 | cut -d: -f1-2)" "$work/many.jx:7864"
is "发现: the row before it" "$(for c in A C E; do cell "$work/findings" "${c}526"; done | tr '\n' ' ')" \
  "missing-level2 完整性 项目1049 "
is "发现: no row past the last" "$(cell "$work/findings" A528)" ""
# 汇总: the results' row (项目数: 优 良 中 差) and the findings by aspect (完整性, 相关性: 错误 警告 提示 合计)
read_book cells "$work/many.xlsx" 1 >"$work/summary"
row() { awk -F'\t' -v t="$2" '$1 ~ /^A[0-9]+$/ && $2 == t {print substr($1, 2); exit}' "$1"; }
r=$(row "$work/summary" 项目数)
is "汇总: results" "$(for c in B C D E; do cell "$work/summary" "$c$r"; done | tr '\n' ' ')" "525.0 524.0 1.0 0.0 "
r=$(row "$work/summary" 完整性)
is "汇总: 完整性" "$(for c in B C D E; do cell "$work/summary" "$c$r"; done | tr '\n' ' ')" "0.0 525.0 0.0 525.0 "
r=$(row "$work/summary" 相关性)
is "汇总: 相关性" "$(for c in B C D E; do cell "$work/summary" "$c$r"; done | tr '\n' ' ')" "0.0 1.0 0.0 1.0 "
# the 1000th sheet is 项目1000's 审核表: its title and the rows of its indicators (the 5 of an even project)
read_book cells "$work/many.xlsx" 1003 >"$work/last"
is "项目1000's 审核表" "$(cell "$work/last" A1) $(cell "$work/last" C4) $(cell "$work/last" C8)" "审核表：项目1000 次数1000 知晓率"
# 1000 projects: a sheet each, nothing said
head -n $((500 * 5 + 500 * 10)) "$work/many.jx" >"$work/thousand.jx"
expect 0 "1000 projects in one workbook" -- bash -c "ulimit -n 1024; \"\$0\" vet --format xlsx -o \"\$1\" \"\$2\"" "$bin" "$work/thousand.xlsx" "$work/thousand.jx"
is "1000 projects: sheets" "$(read_book sheets "$work/thousand.xlsx" | wc -l | tr -d ' ')" 1003
is "1000 projects: warnings" "$(grep -c "审核表只写了" "$work/err")" 0
# --werror: the warning of 1001 projects without any finding (the even ones, 项目0002 …) fails
# the run, the report written all the same; 1000 of them give no warning
for i in $(seq 2 2 2002); do printf "$complete" "$i" "$i"; done >"$work/clean.jx"
expect 1 "1001 projects without a finding, --werror" -- "$bin" vet --werror --format xlsx -o "$work/clean.xlsx" "$work/clean.jx"
is "--werror: stderr" "$(cat "$work/err")" "jixiao: warning: 审核表只写了前 1000 个项目（一个 xlsx 工作簿最多 1000 张），其余 1 个项目没有审核表；全部 1001 个项目都在“项目”工作表中，它们的发现都在“发现”工作表中，并都计入“汇总”
jixiao: 有 1 个警告（--werror 视为错误）"
is "--werror: the report written" "$(read_book sheets "$work/clean.xlsx" | wc -l | tr -d ' ')" 1003
head -n 10000 "$work/clean.jx" >"$work/clean1000.jx"
expect 0 "1000 projects without a finding, --werror" -- "$bin" vet --werror --format xlsx -o "$work/clean1000.xlsx" "$work/clean1000.jx"
# --- help ---------------------------------------------------------------------------------
expect 0 "jixiao --help" -- "$bin" --help
if grep -q "^  vet " "$work/out"; then ok; else fail "--help lists vet"; fi
expect 0 "jixiao vet --help" -- "$bin" vet --help
for opt in --policy --format --min-severity --project --werror -o; do
  if grep -q -- "  $opt" "$work/out"; then ok; else fail "vet --help lists $opt"; fi
done

finish test_vet
