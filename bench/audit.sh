#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# audit.sh — builds jixiao in Release (no sanitizers; optimized by profile,
# scripts/release.sh) and measures `jixiao audit` over 1,000 and 10,000 self-evaluation
# files (one project per file, in one folder), and over 100 and 1,000 copies of seed 001's
# 自评表 text read through the importer, printing the wall time and the peak RSS of each run,
# so the two sizes show whether memory grows with the number of files.
# Usage: bench/audit.sh [FILES] (default 10000; also a tenth of it)
#
# The files: jx_gen's projects (bench/gen.c: 10–20 indicators, 得分 on the indicators met,
# two 资金 rows), split one per file by bench/audit_split.awk, each given the claim
# departments usually make, 总分 100 结论 优.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-bench
big=${1:-10000}
small=$((big / 10))

bash "$root/scripts/release.sh" "$build" -DJX_SANITIZE=OFF -DJX_TESTS=OFF
jixiao=$build/jixiao
run=$build/bench/jx_audit_run

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# split FILE DIR: one project of FILE per file DIR/NNNNNN.jx, with the claimed 总分 and 结论
split() {
    mkdir -p "$2"
    awk -v dir="$2" -f "$root/bench/audit_split.awk" "$1"
}

# measure LABEL ARGS…: runs jixiao ARGS… (or, when ARGS start with sh, that shell command)
# under jx_audit_run and prints one table row; the seconds are left in $tmp/last
measure() {
    local label=$1
    shift
    local res
    local prog=("$jixiao")
    if [ "$1" = sh ]; then prog=(); fi
    res=$("$run" -o "$tmp/out" "${prog[@]}" "$@" 2>"$tmp/err")
    local secs kib code
    secs=$(echo "$res" | awk '/^seconds/ {print $2}')
    kib=$(echo "$res" | awk '/^peak_rss_kib/ {print $2}')
    code=$(echo "$res" | awk '/^exit/ {print $2}')
    printf '| %s | %s s | %.1f MB | %s MB out | exit %s |\n' "$label" "$secs" "$(echo "$kib / 1024" | bc -l)" \
        "$(du -m "$tmp/out" | cut -f1)" "$code"
    echo "$secs" >"$tmp/last"
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
echo "| run | wall time | peak RSS | output | status |"
echo "|---|---|---|---|---|"
for n in "$small" "$big"; do
    "$build/bench/jx_gen" -p "$n" -s 1 -o "$tmp/all.jx"
    rm -rf "$tmp/files"
    split "$tmp/all.jx" "$tmp/files"
    files=$(find "$tmp/files" -name '*.jx' | wc -l)
    [ "$files" -eq "$n" ] || { echo "audit.sh: split wrote $files files, not $n" >&2; exit 1; }
    # what reading the files' bytes costs, side by side: the audit is measured against it
    # shellcheck disable=SC2016 # $0 is the folder, expanded by that shell
    measure "$n files, cat" sh -c 'cat "$0"/*.jx' "$tmp/files"
    cat_s=$(cat "$tmp/last")
    measure "$n files, text" audit "$tmp/files"
    echo "|   audit ÷ cat | $(echo "$(cat "$tmp/last") / $cat_s" | bc -l | cut -c1-4) × | | | |"
    measure "$n files, text, -j 2" audit -j 2 "$tmp/files"
    echo "|   audit -j 2 ÷ cat | $(echo "$(cat "$tmp/last") / $cat_s" | bc -l | cut -c1-4) × | | | |"
    measure "$n files, json" audit --format json "$tmp/files"
    measure "$n files, csv" audit --format csv "$tmp/files"
    measure "$n files, text, --sample 10%" audit --sample 10% --seed 1 --by 单位 "$tmp/files"
    measure "$n projects in one file, text" audit "$tmp/all.jx"
    # tables through the importer: a tenth as many copies of seed 001's 自评表 text (2 projects each)
    rm -rf "$tmp/tables"
    mkdir "$tmp/tables"
    for ((i = 1; i <= n / 10; i++)); do
        cp "$root/tests/audit/mixed/001_79da5c65fa76b1ff.txt" "$tmp/tables/$(printf '%06d' "$i").txt"
    done
    measure "$((n / 10)) 自评表 texts ($((n / 5)) projects), text" audit "$tmp/tables"
done
