#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the fuzz targets (clang, -DJX_FUZZ=ON) into build-fuzz/ and runs each for a
# fixed time on its checked-in corpus with its dictionary; fails on the first crash,
# leak, timeout or out-of-memory, the input kept in build-fuzz/crashes/<target>/.
#
#   tests/fuzz/run.sh [TARGET…]        every target (dsl import table actuals review policy) by default
#   JX_FUZZ_SECONDS=25                 seconds each target runs (CPU time of one process)
#   JX_FUZZ_BUILD=DIR                  the build directory (default build-fuzz at the top)
#
# The inputs a run finds go to a temporary directory and are dropped: the corpus changes
# only by hand (README.md beside this file says how to merge a long run's finds).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
secs="${JX_FUZZ_SECONDS:-25}"
build="${JX_FUZZ_BUILD:-$root/build-fuzz}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(dsl import table actuals review policy)

cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJX_FUZZ=ON \
      -DJX_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz

found="$(mktemp -d)"
trap 'rm -rf "$found"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "$build/crashes/$t" "$found/$t"
  log="$build/fuzz-$t.log"
  if ! "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -dict="$root/tests/fuzz/$t.dict" -artifact_prefix="$build/crashes/$t/" \
        "$found/$t" "$root/tests/fuzz/corpus/$t" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "模糊测试 $t 失败：输入已保存在 $build/crashes/$t/，完整日志见 $log" >&2
    exit 1
  fi
  last="$(grep -E '^#[0-9]+' "$log" | tail -n 1)"
  echo "模糊测试 $t：${secs} 秒，${last}"
done
