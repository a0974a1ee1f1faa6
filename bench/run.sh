#!/usr/bin/env bash
# run.sh — builds jixiao in Release (no sanitizers) and measures it on synthetic input:
# 1,000,000 indicators (about 130 MB) and 100,000, so the two peak RSS figures show
# whether memory grows with the input. Usage: bench/run.sh [INDICATORS] (default 1000000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-bench
big=${1:-1000000}
small=$((big / 10))

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DJX_SANITIZE=OFF -DJX_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target jx_gen jx_bench jx_bench_values >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for n in "$big" "$small"; do
    "$build/bench/jx_gen" -n "$n" -s 1 -o "$tmp/in.jx"
    echo
    echo "## $n indicators, $(du -m "$tmp/in.jx" | cut -f1) MB"
    echo "### --parse-only"
    "$build/bench/jx_bench" --parse-only "$tmp/in.jx"
    echo "### score + json"
    "$build/bench/jx_bench" "$tmp/in.jx"
done
echo
echo "## jx_value_read"
"$build/bench/jx_bench_values"
