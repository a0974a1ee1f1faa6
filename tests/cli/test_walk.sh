#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of how `jixiao audit` and `jixiao audit --review` walk folders: the
# two share one walk (cli/walk.c) and one reading of a file (cli/input.c), so a folder
# gives both the same files in the same order — byte order of the names, not the locale's
# (10 < 9 < B < M/ < _x < a < b), folders where their names fall — names starting with
# '.' skipped, .jx in any case read as rule text, a link to a folder inside the walk not
# followed (a warning), and followed when named on the command line.
# Usage: test_walk.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

# has FILE TEXT: FILE holds TEXT as a whole line
has() { if grep -qxF -- "$2" "$1"; then ok; else fail "$1 lacks line: $2"; sed 's/^/  | /' "$1" | head -20; fi; }

# project NAME: a project scored 100 (巡查次数 ≥12次, 实际 12次, 权重 100)
project() {
  printf '项目 "%s" {\n    产出指标 100 {\n        数量指标 100 {\n            巡查次数 ≥12次 权重 100 实际 12次\n        }\n    }\n}\n' "$1"
}

dir=$work/tree
mkdir -p "$dir/M" "$work/elsewhere"
for n in 10 9 B a b; do project "P-$n" >"$dir/$n.jx"; done
project "P-_x" >"$dir/_x.JX"
project "P-m" >"$dir/M/m.jx"
project "P-elsewhere" >"$work/elsewhere/e.jx"
echo '这不是项目' >"$dir/.hidden.jx"
ln -s ../elsewhere "$dir/c-link"
printf '项目,三级指标,扣分,备注\n' >"$work/review.csv"

# the order both must give, worked out from the bytes of the names:
# "1" 0x31 < "9" 0x39 < "B" 0x42 < "M" 0x4d < "_" 0x5f < "a" 0x61 < "b" 0x62 < "c" 0x63
printf '%s\n' P-10 P-9 P-B P-m P-_x P-a P-b >"$work/want"

expect 0 "audit walks the folder" -- env LC_ALL=C.UTF-8 "$bin" audit "$dir"
sed -n 's/^项目名称  //p' "$work/out" >"$work/names"
if cmp -s "$work/want" "$work/names"; then ok; else fail "audit's order"; diff "$work/want" "$work/names"; fi
has "$work/err" "$dir/c-link: warning: 文件夹中指向文件夹的符号链接不读取"
expect 1 "audit: the link's warning fails under --werror" -- "$bin" audit --werror "$dir"
has "$work/err" "jixiao: 有 1 个警告（--werror 视为错误）"

# (the table has no rows: --sample 100% gives every project read its sheet)
expect 0 "review walks the folder" -- env LC_ALL=en_US.UTF-8 "$bin" audit --review "$work/review.csv" --sample 100% --seed 1 --format csv "$dir"
grep ',总分,' "$work/out" | cut -d, -f1 >"$work/names"
if cmp -s "$work/want" "$work/names"; then ok; else fail "review's order"; diff "$work/want" "$work/names"; fi
has "$work/err" "$dir/c-link: warning: 文件夹中指向文件夹的符号链接不读取"

# named on the command line, the link is followed by both
expect 0 "audit follows a link named" -- "$bin" audit "$dir/c-link"
has "$work/out" "项目名称  P-elsewhere"
expect 0 "review follows a link named" -- "$bin" audit --review "$work/review.csv" --sample 100% --seed 1 "$dir/c-link"
has "$work/out" "项目名称  P-elsewhere"

# a hidden file named on the command line is read (and its text is no project: exit 1)
expect 1 "audit reads a hidden file named" -- "$bin" audit "$dir/.hidden.jx"
expect 1 "review reads a hidden file named" -- "$bin" audit --review "$work/review.csv" "$dir/.hidden.jx"

# a folder that does not exist: the same error from both
expect 3 "audit: no such folder" -- "$bin" audit "$work/none/"
cp "$work/err" "$work/err.audit"
expect 3 "review: no such folder" -- "$bin" audit --review "$work/review.csv" "$work/none/"
if cmp -s "$work/err" "$work/err.audit"; then ok; else fail "the two say it differently"; diff "$work/err.audit" "$work/err"; fi

finish test_walk
