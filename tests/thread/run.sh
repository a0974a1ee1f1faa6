#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The threads rule of <jixiao.h> under ThreadSanitizer: builds the shared library of the
# tree this script is in with -fsanitize=thread into WORKDIR, builds tests/thread/threads.c
# against it, and runs it from tests/ (one policy shared by four threads, each scoring,
# vetting, auditing and reviewing with handles of its own; every output compared with one
# thread's alone). Fails on any ThreadSanitizer report and on any difference.
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
# run_threads [PREFIX…]: runs the program (a run takes seconds; the time limit turns a
# hang into a failure), its exit status in $status
run_threads() {
  status=0
  (cd "$top/tests" &&
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 print_suppressions=1 suppressions=$top/tests/thread/tsan.supp" \
      "$@" timeout 300 "$work/threads" "$work/diff") >"$work/threads.out" 2>"$work/threads.err" || status=$?
}
run_threads
# ThreadSanitizer's runtime cannot start where the kernel spreads mappings wider than its
# layout allows (vm.mmap_rnd_bits above 28 with older runtimes): then again without ASLR
if grep -q 'unexpected memory mapping' "$work/threads.err"; then
  echo "(ThreadSanitizer cannot map its memory here: run again under setarch -R)"
  run_threads setarch "$(uname -m)" -R
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
echo "tests/thread: passed"
