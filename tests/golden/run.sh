#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one golden case: `jixiao $(cat args)` inside the case folder (stdin from the
# file `stdin` when present), then compares stdout, stderr and the exit code with
# expected.out, expected.err and expected.code. Prints a diff on mismatch.
# With JX_GOLDEN_UPDATE=1 it rewrites the expected files instead (review the diff!).
# With JX_GOLDEN_JOBS=N it runs the command with -j N against the same expected files.
set -u
bin=$1
dir=$2
cd "$dir" || exit 2
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
args=$(cat args)
# JX_GOLDEN_JOBS=N: the same case read and scored on N threads (-j N after the command), which
# must give the same bytes; only for the commands that take -j (tests/CMakeLists.txt)
if [ -n "${JX_GOLDEN_JOBS:-}" ]; then
  [ "${JX_GOLDEN_UPDATE:-0}" = 1 ] && { echo "JX_GOLDEN_UPDATE with JX_GOLDEN_JOBS: update without threads" >&2; exit 2; }
  cmd=${args%%[[:space:]]*}
  rest=${args#"$cmd"}
  args="$cmd -j $JX_GOLDEN_JOBS$rest"
fi
if [ -f stdin ]; then
  eval "\"$bin\" $args" <stdin >"$out" 2>"$err"
else
  eval "\"$bin\" $args" </dev/null >"$out" 2>"$err"
fi
code=$?
if [ "${JX_GOLDEN_UPDATE:-0}" = 1 ]; then
  cp "$out" expected.out
  cp "$err" expected.err
  echo "$code" >expected.code
  exit 0
fi
fail=0
want_code=$(cat expected.code 2>/dev/null || echo 0)
if [ "$code" != "$want_code" ]; then
  echo "exit code: got $code, want $want_code"
  fail=1
fi
for pair in "out:expected.out" "err:expected.err"; do
  got=${pair%%:*}
  want=${pair#*:}
  f=$out
  [ "$got" = err ] && f=$err
  if [ -f "$want" ]; then
    if ! diff -u "$want" "$f"; then
      echo "std$got differs from $want"
      fail=1
    fi
  elif [ -s "$f" ]; then
    echo "unexpected std$got:"
    cat "$f"
    fail=1
  fi
done
exit $fail
