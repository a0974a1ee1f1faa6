#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh — builds jixiao in Release (no sanitizers) and measures it on synthetic input:
# 1,000,000 indicators (about 130 MB) and 100,000, so the two peak RSS figures show
# whether memory grows with the input. Each mode runs RUNS times and the fastest run
# is printed, since other work on the machine only ever makes a run slower.
# Usage: bench/run.sh [INDICATORS] [RUNS] (defaults 1000000 and 3)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-bench
big=${1:-1000000}
runs=${2:-3}
small=$((big / 10))

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DJX_SANITIZE=OFF -DJX_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target jx_gen jx_bench jx_bench_values >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# best MODE-ARGS…: runs jx_bench RUNS times and prints the output of the fastest run.
best() {
    local out best_out="" best_s=""
    for ((r = 0; r < runs; r++)); do
        out=$("$build/bench/jx_bench" "$@")
        local s
        s=$(awk '/^seconds/ {print $2}' <<<"$out")
        if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" 'BEGIN {exit !(a < b)}'; then
            best_s=$s
            best_out=$out
        fi
    done
    echo "$best_out"
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), best of $runs"
for n in "$big" "$small"; do
    "$build/bench/jx_gen" -n "$n" -s 1 -o "$tmp/in.jx"
    echo
    echo "## $n indicators, $(du -m "$tmp/in.jx" | cut -f1) MB"
    echo "### --parse-only"
    best --parse-only "$tmp/in.jx"
    for fmt in json text csv; do
        echo "### score + $fmt"
        best --format "$fmt" "$tmp/in.jx"
    done
done
echo
echo "## jx_value_read"
"$build/bench/jx_bench_values"
