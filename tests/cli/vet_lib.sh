# SPDX-License-Identifier: MIT
# vet_lib.sh — what the tests of `jixiao vet` on the seeds share, sourced after lib.sh:
#   . "$(dirname "$0")/vet_lib.sh"
# They read the CSV report (docs/vet.md: columns 1 项目, 3 行, 6 审核结果, 8 严重程度, 9 代码,
# 10 位置, 11 说明, 12-14 一级/二级/三级指标) as tab-separated lines, its cells unquoted.

is() { if [ "$2" = "$3" ]; then ok; else fail "$1: got $2, want $3"; fi; }
# table: the CSV report $work/out as tab-separated lines in $work/rows
table() {
  python3 -c 'import csv, sys
for r in csv.reader(open(sys.argv[1], encoding="utf-8", newline="")):
    print("\t".join(c.replace("\t", " ").replace("\n", " ") for c in r))' "$work/out" >"$work/rows"
}
# code_count CODE: the findings of CODE
code_count() { awk -F'\t' -v c="$1" '$9 == c' "$work/rows" | wc -l | tr -d ' '; }
# rows CODE: the seed rows the findings of CODE point at (the line of 位置), sorted
rows() { awk -F'\t' -v c="$1" '$9 == c {n = split($10, a, ":"); print a[n]}' "$work/rows" | sort -n | tr '\n' ' ' | sed 's/ $//'; }
# projects CODE: the rows of the projects with a finding of CODE, one per finding, sorted
projects() { awk -F'\t' -v c="$1" '$9 == c {print $3}' "$work/rows" | sort -n | tr '\n' ' ' | sed 's/ $//'; }
# per_project AWK-EXPR: "行:value" for each row of the report the expression gives a value for, sorted
per_project() { awk -F'\t' "$1" "$work/rows" | sort -u | sort -n | tr '\n' ' ' | sed 's/ $//'; }
# codes_are NAME WANT: the codes reported, "code=count" in byte order, are WANT
codes_are() {
  is "$1: the codes reported" \
    "$(awk -F'\t' 'NR > 1 && $9 != "" {print $9}' "$work/rows" | LC_ALL=C sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ' | sed 's/ $//')" \
    "$2"
}
# errors_are NAME N: N findings are errors
errors_are() { is "$1: errors" "$(awk -F'\t' '$8 == "错误"' "$work/rows" | wc -l | tr -d ' ')" "$2"; }
# all_read NAME: no row the importer could not understand, no value it could not read, in
# the report or on stderr
all_read() {
  local code
  for code in history-unreadable unreadable-value row-not-understood; do
    if grep -q -- "$code" "$work/out" "$work/err"; then fail "$1: $code reported"; else ok; fi
  done
}
