#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of the hand-over from `jixiao audit` to the 复核 sheet: --review
# anywhere before "--", as "--review FILE" or "--review=FILE", beside the options the two
# share (--policy, --format, -o), gives the sheet (tests/golden/review-text) and not the
# audit's report; --min-severity, the audit's alone, is a usage error with --review,
# before it or after, and the sample's options follow the audit's rules; after "--",
# "--review" is a file name and the audit runs. The sheet's numbers are asserted in tests/unit/test_review.c.
# Usage: test_audit_review.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

case_dir=$here/../golden/review-text
sheet=$case_dir/expected.out

# has FILE TEXT: FILE holds TEXT somewhere
has() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; sed 's/^/  | /' "$1" | head -20; fi; }
# lacks FILE TEXT: TEXT is nowhere in FILE
lacks() { if grep -qF -- "$2" "$1"; then fail "$1 holds: $2"; else ok; fi; }
# is_sheet WHAT: the last output is the golden sheet, byte for byte
is_sheet() { if cmp -s "$sheet" "$work/out"; then ok; else fail "$1: not the sheet"; diff "$sheet" "$work/out" | head -20; fi; }

cd "$case_dir" || exit 1

# --- the hand-over, wherever --review stands ---------------------------------------------
expect 0 "--review first" -- "$bin" audit --review review.csv demo.jx
is_sheet "--review first"
lacks "$work/out" "审核报告"
lacks "$work/out" "抽查"
expect 0 "--review after the file" -- "$bin" audit demo.jx --review review.csv
is_sheet "--review after the file"
expect 0 "--review=FILE" -- "$bin" audit --review=review.csv demo.jx
is_sheet "--review=FILE"
expect 0 "beside --policy and --format" -- "$bin" audit --policy default --format text --review review.csv demo.jx
is_sheet "beside --policy and --format"
expect 0 "with -o" -- "$bin" audit --review review.csv -o "$work/sheet.txt" demo.jx
if cmp -s "$sheet" "$work/sheet.txt"; then ok; else fail "-o holds the sheet"; fi
if [ ! -s "$work/out" ]; then ok; else fail "-o leaves stdout empty"; fi
expect 0 "the review's help" -- "$bin" audit --help --review review.csv
has "$work/out" "用法：jixiao audit --review 复核表.csv"

# --- --min-severity, the audit's alone, is a usage error with --review, on either side ----
opt="--min-severity warning"
# shellcheck disable=SC2086 # the option and its value are two words
expect 2 "$opt before --review" -- "$bin" audit $opt --review review.csv demo.jx
has "$work/err" "jixiao: --min-severity 不能与 --review 一起使用（见 jixiao audit --help）"
if [ ! -s "$work/out" ]; then ok; else fail "$opt before --review: something on stdout"; fi
# shellcheck disable=SC2086
expect 2 "$opt after --review" -- "$bin" audit --review review.csv demo.jx $opt
has "$work/err" "jixiao: --min-severity 不能与 --review 一起使用（见 jixiao audit --help）"
# the sample's options go with --review (tests/cli/test_review_sample.sh), under the audit's
# rules: --seed without --sample, and --sample without --seed, are usage errors
expect 2 "--seed without --sample" -- "$bin" audit --seed 42 --review review.csv demo.jx
has "$work/err" "jixiao: --seed、--by、--weight 和 --include-flagged 只和 --sample 一起使用"
expect 2 "--sample without --seed" -- "$bin" audit --sample 1 --review review.csv demo.jx
has "$work/err" "jixiao: --sample 需要 --seed，同一种子才能抽中同样的项目"
# the sample is drawn in a pass before reviewing: standard input cannot be read twice
expect 2 "--sample with -" -- "$bin" audit --sample 1 --seed 1 --review review.csv - <demo.jx
has "$work/err" "不能从标准输入读取"
# a whole sample request, as an audit would take it: one project of two (the whole
# sample of the only 单位, 示例单位, rounds 20% of 1 up to 1; the other project has no
# 单位 and is a stratum of its own, also 1) — both sheets, the one with rows reviewed
expect 0 "a whole sample request" -- "$bin" audit --sample 20% --seed 42 --by 单位 --weight funds --include-flagged --review review.csv demo.jx
has "$work/out" "复核结论  良（总分 82.50，较重算 -17.50，较填报 -17.50）"
has "$work/out" "尚未复核：复核表中没有本项目的行，复核列沿用自评。"

# --- after "--", --review is a file: the audit runs, and cannot read it ------------------
expect 3 "--review after --" -- "$bin" audit demo.jx -- --review
has "$work/out" "审核报告"
has "$work/err" "--review: error: 无法打开“--review”"

finish test_audit_review
