#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The threads rule of <jixiao.h> under ThreadSanitizer: builds the shared library of the
# tree this script is in with -fsanitize=thread into WORKDIR, builds tests/thread/threads.c
# against it, and runs it from tests/ (one policy shared by four threads, each scoring,
# vetting, auditing and reviewing with handles of its own; every output compared with one
# thread's alone); then the program itself, built the same way, audits and vets a folder
# with -j 4 (its files opened ahead on threads) and with -j 1. Fails on any
# ThreadSanitizer report and on any difference.
# tests/thread/tsan.supp silences reports whose frames lie inside the C library (each
# line says why; threads.c settles both causes first, so none should match); the run
# prints the suppressions it used, if any.
# Usage: tests/thread/run.sh [WORKDIR]   (default /tmp/jixiao-tsan)
# CC picks the compiler (CC=clang tests/thread/run.sh /tmp/jixiao-tsan-clang); JOBS the
# build's parallel jobs (default 2). A WORKDIR keeps one compiler's build.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-/tmp/jixiao-tsan}
mkdir -p "$work"
work=$(cd "$work" && pwd)
cc=${CC:-cc}
tsan="-fsanitize=thread"

echo "== build the library with ThreadSanitizer ($cc) in $work/build"
if cmake -S "$top" -B "$work/build" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=Debug -DJX_TESTS=OFF \
  -DCMAKE_C_FLAGS="$tsan -g -O1" -DCMAKE_EXE_LINKER_FLAGS="$tsan" -DCMAKE_SHARED_LINKER_FLAGS="$tsan" \
  >"$work/cmake.log" 2>&1 &&
  cmake --build "$work/build" --target jixiao_shared -j"${JOBS:-2}" >"$work/build.log" 2>&1; then :; else
  cat "$work/cmake.log" "$work/build.log" 2>/dev/null | tail -40
  echo "FAIL: the library did not build"
  exit 1
fi

echo "== build tests/thread/threads.c against it"
"$cc" -std=c11 -Wall -Wextra -Werror -g -O1 $tsan -pthread \
  -I"$top/include" -I"$work/build/generated/include" \
  -o "$work/threads" "$top/tests/thread/threads.c" \
  -L"$work/build" -ljixiao -Wl,-rpath,"$work/build"

echo "== run it from tests/"
rm -rf "$work/diff"
mkdir -p "$work/diff"
# ThreadSanitizer's options for every run below, and what every run goes under: nothing,
# or setarch -R where its runtime needs it (found on the first run)
tsan_options="halt_on_error=1 second_deadlock_stack=1 suppressions=$top/tests/thread/tsan.supp"
pre=()
# run_threads: runs the program under $pre (a run takes seconds; the time limit turns a
# hang into a failure), its exit status in $status
run_threads() {
  status=0
  (cd "$top/tests" &&
    TSAN_OPTIONS="$tsan_options print_suppressions=1" \
      "${pre[@]}" timeout 300 "$work/threads" "$work/diff") >"$work/threads.out" 2>"$work/threads.err" || status=$?
}
run_threads
# ThreadSanitizer's runtime cannot start where the kernel spreads mappings wider than its
# layout allows (vm.mmap_rnd_bits above 28 with older runtimes): then again without ASLR
if grep -q 'unexpected memory mapping' "$work/threads.err"; then
  echo "(ThreadSanitizer cannot map its memory here: run again under setarch -R)"
  pre=(setarch "$(uname -m)" -R)
  run_threads
fi
cat "$work/threads.out"
cat "$work/threads.err" >&2
if grep -qE '(WARNING|ERROR): ThreadSanitizer|ThreadSanitizer: reported' "$work/threads.err"; then
  echo "FAIL: ThreadSanitizer reported (above; the whole log: $work/threads.err)"
  exit 1
fi
if [ "$status" -eq 124 ]; then
  echo "FAIL: threads did not end within 300 s"
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "FAIL: threads exited $status (outputs that differ, if any, are in $work/diff)"
  exit 1
fi
# The program's own threads (cli/ahead.c: -j over a folder, files opened ahead on threads
# while the caller reports them in walk order): the program built with ThreadSanitizer too,
# audit and vet of a folder of rule files, tables and a file with errors, with -j 4 and
# with -j 1: the same output, standard error and exit status, and no report.
echo "== the program's -j over a folder of files (cli/ahead.c)"
if ! cmake --build "$work/build" --target jixiao -j"${JOBS:-2}" >"$work/build-cli.log" 2>&1; then
  tail -40 "$work/build-cli.log"
  echo "FAIL: the program did not build"
  exit 1
fi
folder=$work/folder
rm -rf "$folder"
mkdir -p "$folder"
n=0
for ((k = 0; k < 20; k++)); do
  for f in "$top"/samples/*.jx "$top"/tests/audit/mixed/*.* "$top"/tests/golden/check-three-errors/bad.jx; do
    cp "$f" "$folder/$(printf '%04d' "$n")-$(basename "$f")"
    n=$((n + 1))
  done
done
# run_cli OUT ARGS…: the program on ARGS under $pre, its output in OUT, standard error in
# OUT.err, exit status in OUT.status
run_cli() {
  local out=$1 st=0
  shift
  (cd "$top/tests" &&
    TSAN_OPTIONS="$tsan_options" "${pre[@]}" timeout 300 "$work/build/jixiao" "$@") >"$out" 2>"$out.err" || st=$?
  echo "$st" >"$out.status"
}
for cmd in "audit --format json" "vet"; do
  for j in 1 4; do
    # shellcheck disable=SC2086 # the command is words
    run_cli "$work/cli-$j" $cmd -j "$j" "$folder"
  done
  if grep -qE '(WARNING|ERROR): ThreadSanitizer|ThreadSanitizer: reported' "$work/cli-4.err"; then
    cat "$work/cli-4.err" >&2
    echo "FAIL: ThreadSanitizer reported on $cmd -j 4 (above)"
    exit 1
  fi
  if [ "$(cat "$work/cli-4.status")" = 124 ]; then
    echo "FAIL: $cmd -j 4 did not end within 300 s"
    exit 1
  fi
  for part in "" .err .status; do
    if ! cmp -s "$work/cli-1$part" "$work/cli-4$part"; then
      diff "$work/cli-1$part" "$work/cli-4$part" | head -10
      echo "FAIL: $cmd of $n files: -j 4 differs from -j 1 (${part:-output})"
      exit 1
    fi
  done
  echo "ok: $cmd -j 4 of $n files, as -j 1 (exit $(cat "$work/cli-1.status"))"
done
echo "tests/thread: passed"
