#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of `jixiao import`: usage, exit codes, encodings, -o atomicity,
# and that `jixiao check` accepts what import writes.
# Usage: test_import.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"
table=$here/../golden/import-csv/table.csv

# the DSL without the comment naming the source file and its encoding
body() { grep -v '^# 由“' "$1"; }

# --- help and usage ---------------------------------------------------------------
expect 0 "import --help" -- "$bin" import --help
for f in zj-selfeval zj-target zz-target wh-declare csv; do
  if grep -q "$f" "$work/out"; then ok; else fail "--help lists the format $f"; fi
done
if "$bin" --help | grep -q '^  import'; then ok; else fail "jixiao --help lists import"; fi
expect 2 "no file" -- "$bin" import
expect 2 "unknown option" -- "$bin" import --frobnicate "$table"
expect 2 "unknown --from" -- "$bin" import --from xls "$table"
if grep -q '未知的表格格式“xls”' "$work/err"; then ok; else fail "unknown --from is named"; fi
expect 2 "--from without value" -- "$bin" import "$table" --from
expect 2 "unknown --encoding" -- "$bin" import --encoding latin-1 "$table"
if grep -q '未知的编码“latin-1”' "$work/err"; then ok; else fail "unknown --encoding is named"; fi
expect 2 "bad --weights" -- "$bin" import --weights some "$table"
expect 2 "--policy without --weights equal" -- "$bin" import --policy default "$table"
expect 2 "--weights equal with an unknown policy" -- "$bin" import --weights equal --policy 没有这个办法 "$table"

# --- a table imports, and check accepts the result ---------------------------------
expect 0 "import the seed table" -- "$bin" import -o "$work/table.jx" "$table"
if [ ! -s "$work/out" ]; then ok; else fail "-o writes nothing to stdout"; fi
if grep -q 'table.csv：项目 2 个，指标 13 条，读入 29 行，跳过 2 行（表头、页眉页脚等），未能识别 0 行$' "$work/err"; then ok; else
  fail "summary line"; cat "$work/err"; fi
expect 0 "check the imported table" -- "$bin" check "$work/table.jx"
if tail -n 1 "$work/err" | grep -q '^检查完成：2 个项目，13 个指标，0 个错误，'; then ok; else
  fail "check accepts the import"; tail -n 3 "$work/err"; fi
expect 0 "score the imported table" -- "$bin" score --format csv "$work/table.jx"
# both 自评表 of seed 001 claim 100: every 得分 equals its 权重 and every 实际完成值 meets
# its target (the two 执行率 are 100% and 96.68% against ≥95%), so both recompute to 100.00
totals=$(tail -n +2 "$work/out" | cut -d, -f1,10 | sort -u | tr '\n' ' ')
if [ "$totals" = "越城区电子政务云资源服务项目,100.00 越城区网络安全运营中心项目,100.00 " ]; then ok; else
  fail "imported projects score 100.00: [$totals]"; fi
expect 0 "--weights equal runs" -- "$bin" import --weights equal "$table"

# --- encodings and line ends give the same DSL -------------------------------------
"$bin" import "$table" >"$work/utf8.jx" 2>/dev/null
iconv -f UTF-8 -t GB18030 "$table" >"$work/gb.csv"
expect 0 "import a GB18030 copy" -- "$bin" import -o "$work/gb.jx" "$work/gb.csv"
if diff <(body "$work/utf8.jx") <(body "$work/gb.jx") >/dev/null; then ok; else fail "GB18030 copy imports to the same DSL"; fi
if grep -q '编码 gb18030' "$work/gb.jx"; then ok; else fail "the GB18030 copy is named as such"; fi
expect 0 "import a GB18030 copy named gbk" -- "$bin" import --encoding gbk -o "$work/gbk.jx" "$work/gb.csv"
if diff <(body "$work/utf8.jx") <(body "$work/gbk.jx") >/dev/null; then ok; else fail "--encoding gbk imports the same DSL"; fi
expect 1 "GB18030 bytes named utf-8" -- "$bin" import --encoding utf-8 "$work/gb.csv"
if grep -q 'error: .*不是有效的 UTF-8' "$work/err"; then ok; else fail "the bad byte is reported"; fi
{ printf '\xEF\xBB\xBF'; tr -d '\r' <"$table"; } >"$work/bom-lf.csv"
"$bin" import "$work/bom-lf.csv" >"$work/bom.jx" 2>/dev/null
if diff <(body "$work/utf8.jx") <(body "$work/bom.jx") >/dev/null; then ok; else fail "BOM and LF line ends import to the same DSL"; fi
expect 0 "standard input" -- "$bin" import - <"$table"
if diff <(body "$work/utf8.jx") <(body "$work/out") >/dev/null; then ok; else fail "stdin imports the same DSL"; fi

# --- exit 1 and 3 ---------------------------------------------------------------------
printf '绍兴市大数据发展管理局\n\n2021 年部门预算\n' >"$work/prose.txt"
expect 1 "no format recognises prose" -- "$bin" import "$work/prose.txt"
if grep -q '无法识别表格格式' "$work/err"; then ok; else fail "unrecognised format is said"; fi
expect 3 "missing file" -- "$bin" import "$work/nothing.csv"
expect 3 "unwritable output" -- "$bin" import -o "$work/no-such-dir/out.jx" "$table"

# --- -o: a failed run leaves the old file and no temporary file ------------------------
printf '项目,三级指标,指标值,权重\n甲,周报,≥45份,四十\n' >"$work/weights.csv"
echo "old" >"$work/keep.jx"
expect 1 "weight text" -- "$bin" import -o "$work/keep.jx" "$work/weights.csv"
if [ "$(cat "$work/keep.jx")" = "old" ]; then ok; else fail "-o kept the old file on failure"; fi
if [ -z "$(ls "$work" | grep '\.tmp\.')" ]; then ok; else fail "no temporary file left behind"; fi
expect 0 "-o success" -- "$bin" import -o "$work/keep.jx" "$table"
if grep -q '^项目 "越城区网络安全运营中心项目"' "$work/keep.jx"; then ok; else fail "-o replaced the file"; fi

# --- several files go to one output, each with its summary ------------------------------
printf '项目,三级指标,指标值,权重\n乙,月报,=12份,100\n' >"$work/b.csv"
expect 0 "two files" -- "$bin" import "$table" "$work/b.csv"
if [ "$(grep -c '^项目 ' "$work/out")" = 3 ]; then ok; else fail "two files give 3 projects"; fi
if [ "$(grep -c '：项目 ' "$work/err")" = 2 ]; then ok; else fail "one summary per file"; fi
expect 1 "a good file and a bad one" -- "$bin" import "$table" "$work/prose.txt"

finish
