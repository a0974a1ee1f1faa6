#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scale.sh — builds jixiao in Release (no sanitizers; optimized by profile,
# scripts/release.sh) and measures how it scales with the number of indicators: 10,000,
# 100,000 and 1,000,000 by default. For each size, one markdown row per run with the wall
# time, indicators per second, peak RSS and exit status:
#   - `jixiao import --from zj-target` on a 市级部门预算项目绩效目标表 of N indicators
#     (jx_gen_target, bench/gen_target.c); the output must hold exactly N indicators, or
#     the script stops with an error;
#   - `jixiao audit` as text and as xlsx (`--format xlsx -o`) on jx_gen's file of N
#     indicators (bench/gen.c, one file); `jixiao score --format xlsx -o` of the same file,
#     and `jixiao audit` reading that workbook back, whose summary (projects, funds) must
#     be the text audit's;
#   - the table reader (`jx_bench_tables read`) on N actuals rows as CSV and as .xlsx.
# Each run goes through jx_audit_run (wall time, the child's own peak RSS). Each size's
# inputs are written into a temporary directory, removed when the size is done and at exit.
# Usage: bench/scale.sh [INDICATORS…]   (JX_BENCH_BUILD: another build directory)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${JX_BENCH_BUILD:-$root/build-bench}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
for n in "${sizes[@]}"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "scale.sh: not a number of indicators: $n" >&2; exit 2; }
done

bash "$root/scripts/release.sh" "$build" -DJX_SANITIZE=OFF -DJX_TESTS=OFF
jixiao=$build/jixiao
run=$build/bench/jx_audit_run
bench=$build/bench/jx_bench
tables=$build/bench/jx_bench_tables

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "scale.sh: $*" >&2; exit 1; }

# megabytes FILE: its size in MB, one decimal (two below 1 MB)
megabytes() {
    awk -v b="$(stat -c %s "$1")" 'BEGIN {printf (b < 1e6 ? "%.2f" : "%.1f"), b / 1e6}'
}

# indicators FILE: the indicators of a rule file, as the parser counts them
indicators() {
    "$bench" --parse-only "$1" | awk '$1 == "indicators" {print $2}'
}

# measure WHAT COUNT OUT COMMAND…: runs COMMAND under jx_audit_run, its standard output to
# OUT and its standard error to $dir/err, and prints one table row
measure() {
    local what=$1 count=$2 out=$3
    shift 3
    local res secs kib code
    res=$("$run" -o "$out" "$@" 2>"$dir/err")
    secs=$(awk '/^seconds/ {print $2}' <<<"$res")
    kib=$(awk '/^peak_rss_kib/ {print $2}' <<<"$res")
    code=$(awk '/^exit/ {print $2}' <<<"$res")
    awk -v what="$what" -v n="$count" -v s="$secs" -v kib="$kib" -v code="$code" 'BEGIN {
        printf "| %s | %d | %.3f | %s | %.1f | %s |\n", what, n, s,
            (s > 0 ? sprintf("%.0f", n / s) : "–"), kib / 1024, code
    }'
    echo "$code" >"$dir/code"
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
echo "| what | indicators | wall s | indicators/s | peak RSS MB | exit |"
echo "|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
    dir=$tmp/$n
    mkdir "$dir"

    # import: a 绩效目标表 of exactly n indicators; every one must come out
    "$build/bench/jx_gen_target" -n "$n" -s 1 -o "$dir/target.txt"
    measure "import (zj-target, $(megabytes "$dir/target.txt") MB)" "$n" "$dir/import.jx" \
        "$jixiao" import --from zj-target "$dir/target.txt"
    [ "$(cat "$dir/code")" = 0 ] || fail "import of $n indicators exited $(cat "$dir/code"): $(tail -3 "$dir/err")"
    summary=$(tail -1 "$dir/err")
    [[ $summary == *"指标 $n 条"* && $summary == *"未能识别 0 行" ]] ||
        fail "import of $n indicators: $summary"
    got=$(indicators "$dir/import.jx")
    [ "$got" = "$n" ] || fail "import wrote $got indicators, not $n"
    rm -f "$dir/target.txt" "$dir/import.jx"

    # audit: jx_gen's projects in one file, as text and as a workbook
    "$build/bench/jx_gen" -n "$n" -s 1 -o "$dir/in.jx"
    count=$(indicators "$dir/in.jx")
    measure "audit, text ($(megabytes "$dir/in.jx") MB in)" "$count" "$dir/audit.txt" "$jixiao" audit "$dir/in.jx"
    measure "audit, xlsx" "$count" /dev/null "$jixiao" audit --format xlsx -o "$dir/audit.xlsx" "$dir/in.jx"
    # the 自评表 workbook of the same projects, and the audit reading it back (its 数据 sheet):
    # the same projects and funds as from the rule text
    measure "score, xlsx" "$count" /dev/null "$jixiao" score --format xlsx -o "$dir/score.xlsx" "$dir/in.jx"
    measure "audit of that workbook ($(megabytes "$dir/score.xlsx") MB in)" "$count" "$dir/back.txt" \
        "$jixiao" audit "$dir/score.xlsx"
    for f in audit back; do grep -A2 '^汇总' "$dir/$f.txt" | tail -2 >"$dir/$f.sum"; done
    cmp -s "$dir/audit.sum" "$dir/back.sum" ||
        fail "the workbook of $count indicators audits to other projects: $(cat "$dir/back.sum")"
    rm -f "$dir/in.jx" "$dir/audit.txt" "$dir/audit.xlsx" "$dir/score.xlsx" "$dir/back.txt"

    # the table reader: n actuals rows (one an indicator) and the header
    "$tables" gen "$n" "$dir"
    for kind in csv xlsx; do
        measure "table reader, $kind ($(megabytes "$dir/actuals.$kind") MB)" "$n" "$dir/read.out" \
            "$tables" read "$dir/actuals.$kind"
        grep -q "^$((n + 1)) rows," "$dir/read.out" || fail "the reader read $(cat "$dir/read.out") from $n rows"
    done
    rm -rf "$dir"
done
