#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of `jixiao audit`: exit codes (--werror, --min-severity), usage
# errors, folders walked in name order (hidden names skipped, links to folders not
# followed inside a walk), tables imported beside rule files, standard input, -o, the
# sample options as the report states them, and no progress line when stderr is no terminal.
# Usage: test_audit.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

inflated=$here/../audit/inflated
mixed=$here/../audit/mixed
bad=$here/../golden/audit-unscored/bad.jx

# has FILE TEXT: FILE holds TEXT as a whole line
has() { if grep -qxF -- "$2" "$1"; then ok; else fail "$1 lacks line: $2"; sed 's/^/  | /' "$1" | head -40; fi; }
# lacks FILE TEXT: TEXT is nowhere in FILE
lacks() { if grep -qF -- "$2" "$1"; then fail "$1 holds: $2"; else ok; fi; }

# --- exit codes -----------------------------------------------------------------------
# the corpus has one error, c-training's 定性 claim of 30 outside the 部分达成 band
# [18.00, 24.00) (qualitative-band), 25 warnings (claimed-grade 3, claimed-score 8,
# claimed-total 4, missing-reason 8, execution-gap 1, funds-inconsistent 1) and 2 notes
expect 1 "an error fails" -- "$bin" audit "$inflated"
has "$work/err" "jixiao: 审核发现 1 个错误"
# without c-training: warnings and a note only (claimed-grade 2, claimed-score 6,
# claimed-total 3, missing-reason 5, execution-gap 1: 17 warnings; all-full-marks a note)
mkdir "$work/warned"
cp "$inflated/a-road.jx" "$inflated/b-waste.jx" "$inflated/d-claims-hold.jx" "$work/warned/"
expect 0 "warnings pass" -- "$bin" audit "$work/warned"
if [ ! -s "$work/err" ]; then ok; else fail "a clean run writes nothing to stderr"; cat "$work/err"; fi
expect 1 "--werror fails on warnings" -- "$bin" audit --werror "$work/warned"
has "$work/err" "jixiao: 有 17 个警告（--werror 视为错误）"
expect 0 "--werror counts only what --min-severity keeps" -- "$bin" audit --werror --min-severity error "$work/warned"
has "$work/out" "发现（错误）  无"
lacks "$work/out" "claimed-total"
expect 1 "--min-severity warning keeps warnings" -- "$bin" audit --werror --min-severity warning "$work/warned"
# a project with a syntax error: an error finding, exit 1, at any --min-severity
expect 1 "errors fail" -- "$bin" audit "$bad"
has "$work/err" "jixiao: 审核发现 1 个错误"
expect 1 "errors fail at --min-severity error" -- "$bin" audit --min-severity error "$bad"
has "$work/out" "  错误  $bad:7:26  syntax  权重应为数字，这里是“abc”"

# --- usage ----------------------------------------------------------------------------
expect 2 "no files" -- "$bin" audit
expect 2 "unknown option" -- "$bin" audit --frobnicate "$inflated"
expect 2 "bad format" -- "$bin" audit --format xml "$inflated"
expect 2 "template is no audit format" -- "$bin" audit --format template "$inflated"
expect 2 "bad severity" -- "$bin" audit --min-severity fatal "$inflated"
expect 2 "sample not a size" -- "$bin" audit --sample abc --seed 1 "$inflated"
expect 2 "sample of 0" -- "$bin" audit --sample 0 --seed 1 "$inflated"
expect 2 "sample above 100%" -- "$bin" audit --sample 100.01% --seed 1 "$inflated"
expect 2 "sample with 3 decimals" -- "$bin" audit --sample 1.255% --seed 1 "$inflated"
expect 2 "sample without a seed" -- "$bin" audit --sample 20% "$inflated"
expect 2 "negative seed" -- "$bin" audit --sample 20% --seed -1 "$inflated"
expect 2 "seed too large" -- "$bin" audit --sample 20% --seed 18446744073709551616 "$inflated"
expect 2 "seed without a sample" -- "$bin" audit --seed 1 "$inflated"
expect 2 "--by without a sample" -- "$bin" audit --by 单位 "$inflated"
expect 2 "--include-flagged without a sample" -- "$bin" audit --include-flagged "$inflated"
expect 2 "bad --by" -- "$bin" audit --sample 2 --seed 1 --by 地区 "$inflated"
expect 2 "bad --weight" -- "$bin" audit --sample 2 --seed 1 --weight size "$inflated"
expect 2 "unknown policy" -- "$bin" audit --policy 没有这个办法 "$inflated"
expect 0 "help" -- "$bin" audit --help
has "$work/out" "用法：jixiao audit [选项] 文件或文件夹…"

# --- the sample as asked for (which projects are picked is the sampling's own test) ----
# (each run exits 1: the corpus holds c-training's qualitative-band error)
expect 1 "sample by share" -- "$bin" audit --sample 20% --seed 42 --by 单位 --weight funds --include-flagged "$inflated"
if grep -q '^抽查（抽取 20%，种子 42，按单位分层，按资金加权，有错误或自评高于重算的项目必抽）：抽中 [0-9]* 个项目$' "$work/out"; then
  ok; else fail "the sample line"; tail -5 "$work/out"; fi
expect 1 "sample by count" -- "$bin" audit --sample=3 --seed=18446744073709551615 --by 主管部门 "$inflated"
if grep -q '^抽查（抽取 3 个，种子 18446744073709551615，按主管部门分层）：' "$work/out"; then
  ok; else fail "the sample line by count"; tail -5 "$work/out"; fi
expect 1 "sample 12.5%" -- "$bin" audit --format json --sample 12.5% --seed 0 "$inflated"
if grep -qF '"sample":{"size":"12.5%","seed":0,"by":null,"weight":null,"include_flagged":false,"picks":[' "$work/out"; then
  ok; else fail "the JSON sample"; tail -3 "$work/out"; fi

# --- folders --------------------------------------------------------------------------
expect 0 "a folder of tables and rule files" -- "$bin" audit "$mixed"
# name order, recursively: 001_….txt (two 自评表), b-claims-hold.jx (two), sub/wangan.jx;
# .hidden.jx is skipped
grep '^项目名称' "$work/out" | sed 's/^项目名称  //' >"$work/names"
printf '%s\n' 越城区电子政务云资源服务项目 越城区网络安全运营中心项目 诸暨市河道保洁项目 \
  嵊州市应急物资储备项目 区政务网络安全运营项目 >"$work/want"
if cmp -s "$work/names" "$work/want"; then ok; else fail "folder order"; diff "$work/want" "$work/names"; fi
lacks "$work/out" "不读的隐藏文件"
# seed 001's tables: claimed and recomputed 100 / 优, positions on the seed's rows
has "$work/out" "位置      $mixed/001_79da5c65fa76b1ff.txt:1042"
has "$work/out" "位置      $mixed/001_79da5c65fa76b1ff.txt:1193"
if [ "$(grep -c '^  总分  100.00  100.00  0.00$' "$work/out")" = 2 ]; then ok; else fail "seed 001 totals"; fi
# a hidden file named on the command line is read (and its errors fail the run)
expect 1 "a hidden file named" -- "$bin" audit "$mixed/.hidden.jx"

# a folder holding a file no importer reads: reported, exit 1, the rest audited
mkdir -p "$work/d/inner" "$work/elsewhere"
cp "$inflated/a-road.jx" "$work/d/"
printf '这不是任何表格\n只是两行字\n' >"$work/d/notes.txt"
cp "$inflated/b-waste.jx" "$work/elsewhere/"
ln -s "$work/elsewhere" "$work/d/inner/link"
expect 1 "an unreadable table" -- "$bin" audit "$work/d"
if grep -q "notes.txt" "$work/err"; then ok; else fail "the unreadable table is named"; cat "$work/err"; fi
has "$work/out" "项目名称  越城区道路养护项目"
# the link to a folder inside the walk is not followed, and says so
has "$work/err" "$work/d/inner/link: warning: 文件夹中指向文件夹的符号链接不读取"
lacks "$work/out" "柯桥区垃圾分类项目"
# named on the command line, a link to a folder is followed
expect 0 "a link named" -- "$bin" audit "$work/d/inner/link"
has "$work/out" "项目名称  柯桥区垃圾分类项目"

# --- standard input, I/O --------------------------------------------------------------
expect 0 "standard input" -- sh -c "\"$bin\" audit - <\"$inflated/a-road.jx\""
has "$work/out" "位置      -:12"
expect 3 "missing file" -- "$bin" audit "$work/none.jx"
expect 3 "missing folder" -- "$bin" audit "$work/none/"
expect 3 "unwritable output" -- "$bin" audit -o "$work/none/out.txt" "$inflated"

# -o: written when the run has findings, even errors; left alone on an I/O failure
echo old >"$work/report.txt"
expect 1 "-o with errors" -- "$bin" audit -o "$work/report.txt" "$bad"
has "$work/report.txt" "项目名称  权重写错的项目"
echo old >"$work/report.txt"
expect 3 "-o with a missing input" -- "$bin" audit -o "$work/report.txt" "$inflated" "$work/none.jx"
has "$work/report.txt" "old"
if [ "$(ls "$work" | grep -c 'report.txt.tmp')" = 0 ]; then ok; else fail "temporary file left"; fi

finish test_audit
