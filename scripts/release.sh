#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# release.sh BUILD [CMAKE-ARG…] — builds jixiao in Release into BUILD, optimized by
# profile where the compiler is gcc (about a tenth off the score path; bench/README.md):
#   1. the tree built instrumented (JX_PGO=generate, counts in BUILD/pgo);
#   2. runs over a training set: a corpus from bench/gen.c with another seed than
#      bench/'s own, and samples/, scored in each format of the score path, with -j 2,
#      checked and audited;
#   3. the tree built again by those counts (JX_PGO=use).
# Then every training run again with the new program: its output must be the same bytes
# as the instrumented program's, or the script fails. With another compiler (CC, or
# -DCMAKE_C_COMPILER=…) it is a plain Release build. CMAKE-ARGs go to the configure step.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: scripts/release.sh BUILD [CMAKE-ARG…]" >&2; exit 2; }
mkdir -p "$1"
build=$(cd "$1" && pwd) # absolute: the training runs in another directory
shift
root=$(cd "$(dirname "$0")/.." && pwd)

configure() { cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null; }
compile() { cmake --build "$build" -j"$(nproc)" >/dev/null; }

configure -DJX_PGO= "$@"
if ! grep -qs 'set(CMAKE_C_COMPILER_ID "GNU")' "$build"/CMakeFiles/*/CMakeCCompiler.cmake; then
  echo "release.sh: not gcc: a Release build without a profile" >&2
  compile
  exit 0
fi

rm -rf "$build/pgo"
configure -DJX_PGO=generate "$@"
compile

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/bench/jx_gen" -n 20000 -s 7 -o "$tmp/corpus.jx"
cp "$root"/samples/*.jx "$tmp/"

# the training runs, one a line: the command after the program (files under $tmp)
runs=(
  "score --format json corpus.jx"
  "score --format csv corpus.jx"
  "score --format text corpus.jx"
  "score --format html corpus.jx"
  "score --format md corpus.jx"
  "score -j 2 --format json corpus.jx"
  "score --format json wangan-2025-review.jx yuecheng-2024.jx"
  "score wangan-2025-review.jx yuecheng-2024.jx"
  "check corpus.jx wangan-2025-review.jx yuecheng-2024.jx"
  "audit wangan-2025-review.jx yuecheng-2024.jx"
)
# Runs each with program $1, its stdout into $tmp/<prefix><n>; an exit status above 1
# (usage, I/O) fails the script, 1 (findings in the input) is a result like 0.
train() {
  local prog=$1 prefix=$2 n=0 status
  for r in "${runs[@]}"; do
    n=$((n + 1))
    status=0
    # shellcheck disable=SC2086 # the run is words
    (cd "$tmp" && "$prog" $r >"$tmp/$prefix$n" 2>"$tmp/$prefix$n.err") || status=$?
    if [ "$status" -gt 1 ]; then
      echo "release.sh: jixiao $r: exit $status" >&2
      cat "$tmp/$prefix$n.err" >&2
      exit 1
    fi
    echo "$status" >>"$tmp/$prefix$n.err"
  done
}
train "$build/jixiao" counted.

configure -DJX_PGO=use "$@"
compile

train "$build/jixiao" trained.
n=0
for r in "${runs[@]}"; do
  n=$((n + 1))
  if ! cmp -s "$tmp/counted.$n" "$tmp/trained.$n" || ! cmp -s "$tmp/counted.$n.err" "$tmp/trained.$n.err"; then
    echo "release.sh: jixiao $r: the program built by profile writes other bytes than the instrumented one" >&2
    exit 1
  fi
done
