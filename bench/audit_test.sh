#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# audit_test.sh GEN JIXIAO RUN — the pieces of bench/audit.sh work: the split writes one
# project per file with its claim, jx_audit_run reports the time, the peak RSS and the exit
# status of `jixiao audit` over them, and the audit counts every file's project.
set -euo pipefail
gen=$1 jixiao=$2 run=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "audit_test: $*" >&2; exit 1; }

"$gen" -p 20 -s 7 -o "$tmp/all.jx"
mkdir "$tmp/files"
awk -v dir="$tmp/files" -f "$here/audit_split.awk" "$tmp/all.jx"
[ "$(ls "$tmp/files" | wc -l)" -eq 20 ] || fail "the split wrote $(ls "$tmp/files" | wc -l) files, not 20"
[ "$(grep -l '^项目 ' "$tmp/files"/*.jx | wc -l)" -eq 20 ] || fail "a file without its project"
[ "$(grep -c '^    总分 100 结论 优$' "$tmp/files/000020.jx")" -eq 1 ] || fail "the last file has no claim"

out=$("$run" -o "$tmp/report.json" "$jixiao" audit --format json "$tmp/files")
echo "$out"
echo "$out" | grep -q '^seconds       [0-9.]*$' || fail "no time"
echo "$out" | grep -q '^peak_rss_kib  [1-9][0-9]*$' || fail "no peak RSS"
code=$(echo "$out" | awk '/^exit/ {print $2}')
[ "$code" = 0 ] || [ "$code" = 1 ] || fail "jixiao audit exited $code"
grep -q '"summary":{"projects":20,"unscored":0,' "$tmp/report.json" || fail "the audit did not count 20 projects"
grep -q '"claims_100":{"projects":20,"percent":100.00}' "$tmp/report.json" || fail "the claims were not read"
# a command that cannot run is reported by its status
out=$("$run" "$tmp/none" 2>/dev/null)
echo "$out" | grep -q '^exit          127$' || fail "a missing command did not exit 127"
echo "audit_test: ok"
