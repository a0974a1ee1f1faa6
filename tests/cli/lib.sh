# SPDX-License-Identifier: MIT
# lib.sh — what the whole-program tests share, sourced at the top of each
# tests/cli/test_*.sh:   . "$(dirname "$0")/lib.sh"
# It takes the program under test from the script's first argument ($bin), names the
# script's folder ($here) and its data/ ($data), makes a work folder removed on exit
# ($work), and counts the checks: ok, fail, expect, and finish at the end.
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
data=$here/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect CODE DESCRIPTION -- COMMAND…: runs COMMAND (stdout to $work/out, stderr to
# $work/err) and checks its exit code
expect() {
  local want=$1 what=$2
  shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" = "$want" ]; then ok; else fail "$what: exit $got, want $want"; sed 's/^/  | /' "$work/err"; fi
}

# finish [NAME]: prints the counts (after "NAME: " when given); fails when a check failed
finish() {
  echo "${1:+$1: }$passed passed, $failed failed"
  [ "$failed" = 0 ]
}
