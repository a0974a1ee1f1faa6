#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of `jixiao`: exit codes, --werror, -o atomicity, ASCII aliases.
# Usage: test_exit_codes.sh /path/to/jixiao   (run from tests/, or anywhere)
. "$(dirname "$0")/lib.sh"

# --- a project with warnings only, one with a syntax error -------------------------
cat >"$work/warn.jx" <<'JX'
项目 "有警告的项目" {
    产出指标 100 {
        数量指标 100 {
            接入系统数量 ≥60个 权重 100 实际 ≥60个
        }
    }
}
JX
cat >"$work/bad.jx" <<'JX'
项目 "坏项目" {
    产出指标 100 {
        数量指标 100 {
            接入系统数量 ≥60个 权重 很多 实际 60
        }
    }
}
JX
cat >"$work/clean.jx" <<'JX'
项目 "干净的项目" {
    产出指标 100 {
        数量指标 100 {
            接入系统数量 ≥60个 权重 100 实际 60
        }
    }
}
JX

# exit 0: success, warnings allowed
expect 0 "score clean" -- "$bin" score "$work/clean.jx"
expect 0 "score with warnings" -- "$bin" score "$work/warn.jx"
expect 0 "check with warnings" -- "$bin" check "$work/warn.jx"
expect 0 "--help" -- "$bin" --help
expect 0 "score --help" -- "$bin" score --help
expect 0 "check --help" -- "$bin" check --help
expect 0 "--version" -- "$bin" --version
if grep -q '^jixiao 0\.1\.0$' "$work/out"; then ok; else fail "--version prints jixiao 0.1.0"; fi

# exit 1: invalid input, or warnings under --werror
expect 1 "score syntax error" -- "$bin" score "$work/bad.jx"
expect 1 "check syntax error" -- "$bin" check "$work/bad.jx"
expect 1 "score --werror with warnings" -- "$bin" score --werror "$work/warn.jx"
expect 1 "check --werror with warnings" -- "$bin" check --werror "$work/warn.jx"
expect 0 "score --werror without warnings" -- "$bin" score --werror "$work/clean.jx"
printf '项目,三级指标\n干净的项目,接入系统数量\n' >"$work/nocol.csv"
expect 1 "actuals without 实际完成值 column" -- "$bin" score --actuals "$work/nocol.csv" "$work/clean.jx"
if grep -q '表头缺少“实际完成值”列' "$work/err"; then ok; else fail "missing column is named"; fi

# check: diagnostics and the summary go to stderr, stdout stays empty
"$bin" check "$work/warn.jx" "$work/clean.jx" >"$work/out" 2>"$work/err"
if [ ! -s "$work/out" ]; then ok; else fail "check writes nothing to stdout"; fi
if tail -n 1 "$work/err" | grep -q '^检查完成：2 个项目，2 个指标，0 个错误，1 个警告$'; then ok; else
  fail "check summary line"; cat "$work/err"; fi

# exit 3: standard output that cannot take what is written (a full device), said on
# stderr, never exit 0 with the output lost: the help and version texts; a report shorter
# than a page (through stdio) and one of many pages (written a block at a time, straight
# to the descriptor)
if [ -w /dev/full ]; then
  full() { # full DESCRIPTION ARGS…: exit 3 and the failure said, with stdout on /dev/full
    local what=$1
    shift
    "$bin" "$@" >/dev/full 2>"$work/err"
    local got=$?
    if [ "$got" = 3 ]; then ok; else fail "$what to a full device: exit $got, want 3"; fi
    if grep -q '写标准输出失败\|无法写出报告' "$work/err"; then ok; else fail "$what to a full device is not said"; fi
  }
  for i in $(seq 1 200); do cat "$work/clean.jx"; done >"$work/many.jx"
  [ "$("$bin" score --format json "$work/many.jx" | wc -c)" -gt 65536 ] && ok || fail "many.jx's JSON is under 64 KB"
  [ "$("$bin" score --format csv "$work/clean.jx" | wc -c)" -lt 4096 ] && ok || fail "clean.jx's CSV is over 4 KB"
  full "--version" --version
  if grep -q '写标准输出失败：磁盘空间不足' "$work/err"; then ok; else fail "the full device is not said in Chinese"; cat "$work/err"; fi
  full "--help" --help
  full "score --help" score --help
  full "a short report" score --format csv "$work/clean.jx"
  full "a long report" score --format json "$work/many.jx"
else
  echo "note: no /dev/full; the full-device checks were not run"
fi

# exit 2: usage
expect 2 "no command" -- "$bin"
expect 2 "unknown command" -- "$bin" frobnicate
expect 2 "unknown option" -- "$bin" score --frobnicate "$work/clean.jx"
expect 2 "no file" -- "$bin" score
expect 2 "check no file" -- "$bin" check
expect 2 "unknown format" -- "$bin" score --format xml "$work/clean.jx"
expect 2 "unknown policy" -- "$bin" score --policy 没有这个办法 "$work/clean.jx"
expect 2 "--format without value" -- "$bin" score "$work/clean.jx" --format

# every command reads its arguments the same way: options may follow the files, "--"
# ends the options, and after it a name starting with "-" is a file (here a missing one)
expect 1 "check FILE --werror" -- "$bin" check "$work/warn.jx" --werror
expect 1 "score FILE --werror" -- "$bin" score "$work/warn.jx" --werror
expect 2 "check -no-such.jx is an option" -- "$bin" check "$work/clean.jx" -no-such.jx
if grep -q '未知选项“-no-such.jx”' "$work/err"; then ok; else fail "the unknown option is named"; fi
for cmd in check score template import; do
  expect 3 "$cmd -- --help is a file" -- "$bin" $cmd -- --help
  if grep -q '无法打开“--help”' "$work/err"; then ok; else fail "$cmd -- --help opens the file --help"; fi
done

# exit 3: I/O
expect 3 "missing input" -- "$bin" score "$work/nothing-here.jx"
expect 3 "check missing input" -- "$bin" check "$work/nothing-here.jx"
expect 3 "missing actuals" -- "$bin" score --actuals "$work/nothing.csv" "$work/clean.jx"
expect 3 "unwritable output" -- "$bin" score -o "$work/no-such-dir/out.txt" "$work/clean.jx"

# -o: a failed run leaves the old file intact and no temporary file behind
echo "old report" >"$work/report.txt"
expect 1 "-o with a syntax error" -- "$bin" score -o "$work/report.txt" "$work/bad.jx"
if [ "$(cat "$work/report.txt")" = "old report" ]; then ok; else fail "-o kept the old file on failure"; fi
expect 1 "-o under --werror with warnings" -- "$bin" score --werror -o "$work/report.txt" "$work/warn.jx"
if [ "$(cat "$work/report.txt")" = "old report" ]; then ok; else fail "-o kept the old file under --werror"; fi
if [ -z "$(ls "$work" | grep '\.tmp\.')" ]; then ok; else fail "no temporary file left behind"; fi
# … and a successful run replaces it
expect 0 "-o success" -- "$bin" score --format json -o "$work/report.txt" "$work/clean.jx"
if grep -q '"total":100.00' "$work/report.txt"; then ok; else fail "-o replaced the file on success"; fi
if [ ! -s "$work/out" ]; then ok; else fail "-o writes nothing to stdout"; fi
if [ -z "$(ls "$work" | grep '\.tmp\.')" ]; then ok; else fail "no temporary file left after success"; fi

# an ASCII-only file scores the same as its Chinese twin (73.00, worked out in zh.jx)
scores() { "$bin" score --format csv "$1" | tail -n +2 | cut -d, -f7-11; }
zh=$(scores "$data/zh.jx")
ascii=$(scores "$data/ascii.jx")
if [ -n "$zh" ] && [ "$zh" = "$ascii" ]; then ok; else fail "ASCII twin scores differ: [$zh] vs [$ascii]"; fi
if echo "$zh" | head -n 1 | grep -q '^30,22.50,ge-ratio,73.00,中$'; then ok; else fail "zh.jx scores 22.50 / 73.00: [$zh]"; fi
if LC_ALL=C grep -q '[^ -~]' "$data/ascii.jx"; then fail "ascii.jx is not ASCII-only"; else ok; fi

finish
