#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Text from outside: a rule file saved with a BOM (UTF-8, UTF-16LE, UTF-16BE) scores like
# the plain one; a GBK rule file is one encoding error; a bad byte in a project or an
# actuals CSV is an error at its line and column and never reaches any output; CSV
# output guards cells a spreadsheet would take for formulas, and reads them back.
# The hostile files are made here with printf and iconv.
# Usage: test_text_guard.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

has() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; sed 's/^/  | /' "$1"; fi; }
# utf8 FILE: the file is valid UTF-8 (iconv refuses it otherwise)
utf8() { if iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; then ok; else fail "$1 is not UTF-8"; fi; }

# -培训 =4次 with 实际 3次 scores 100 × 3 / 4 = 75.00 (eq-ratio); with 4次 read from
# the actuals, 100.00 (eq-met)
cat >"$work/p.jx" <<'EOF'
项目 "=甲项目" {
    单位 "@乙单位"
    产出指标 100 {
        数量指标 100 { -培训 =4次 权重 100 实际 3次 }
    }
}
EOF
mkdir "$work/plain" "$work/bom" "$work/le" "$work/be"
cp "$work/p.jx" "$work/plain/p.jx"
{ printf '\357\273\277'; cat "$work/p.jx"; } >"$work/bom/p.jx"
(cd "$work/plain" && "$bin" score p.jx >"$work/plain.out" 2>&1)
has "$work/plain.out" "75.00"
(cd "$work/bom" && "$bin" score p.jx >"$work/bom.out" 2>&1)
if cmp -s "$work/plain.out" "$work/bom.out"; then ok; else fail "UTF-8 BOM: other output"; diff "$work/plain.out" "$work/bom.out"; fi
if command -v iconv >/dev/null && printf 'a' | iconv -f UTF-8 -t GBK >/dev/null 2>&1; then
  # iconv's UTF-16 writes a BOM; UTF-16BE does not, so it is put first by hand
  iconv -f UTF-8 -t UTF-16LE "$work/p.jx" | { printf '\377\376'; cat; } >"$work/le/p.jx"
  iconv -f UTF-8 -t UTF-16BE "$work/p.jx" | { printf '\376\377'; cat; } >"$work/be/p.jx"
  for d in le be; do
    (cd "$work/$d" && "$bin" score p.jx >"$work/$d.out" 2>&1)
    if cmp -s "$work/plain.out" "$work/$d.out"; then ok; else fail "UTF-16 $d: other output"; diff "$work/plain.out" "$work/$d.out"; fi
  done
  # GBK without BOM: one error saying the file is not UTF-8, at the first byte (1:1)
  iconv -f UTF-8 -t GBK "$work/p.jx" >"$work/gbk.jx"
  expect 1 "GBK rule file" -- "$bin" check "$work/gbk.jx"
  has "$work/err" "gbk.jx:1:1: error: 文件不是 UTF-8 编码"
  has "$work/err" "iconv -f gb18030 -t utf-8"
  if [ "$(grep -c 'error' "$work/err")" = 1 ]; then ok; else fail "GBK: more than one error"; cat "$work/err"; fi
  expect 1 "GBK policy file" -- "$bin" check --policy "$work/gbk.jx" "$work/p.jx"
  has "$work/err" "gbk.jx:1:1: error: 文件不是 UTF-8 编码"
fi

# a 0xFF in the 单位: an error at 2:11 (4 blanks, 单 位, blank, quote, 绍 兴 → 11),
# shown as U+FFFD; no output of any command or format holds the byte
printf '项目 "编码有误" {\n    单位 "绍兴\377中心"\n    产出指标 100 {\n        数量指标 100 { 驻场人员 =3人 权重 100 实际 3人 }\n    }\n}\n' >"$work/bad.jx"
expect 1 "bad byte" -- "$bin" check "$work/bad.jx"
has "$work/err" "bad.jx:2:11: error: 无效的 UTF-8 字节 0xFF"
for f in text json csv html md; do
  expect 1 "audit --format $f of a bad byte" -- "$bin" audit --format "$f" "$work/bad.jx"
  utf8 "$work/out"
  utf8 "$work/err"
  has "$work/out" "绍兴�中心"
done
expect 1 "score of a bad byte" -- "$bin" score "$work/bad.jx"
utf8 "$work/err"

# a file name that is not UTF-8 is shown with U+FFFD in messages and reports
cp "$work/p.jx" "$work/name"$'\377'".jx"
expect 0 "a file name with 0xFF" -- "$bin" score --format csv "$work/name"$'\377'".jx"
utf8 "$work/out"
has "$work/out" "name�.jx:4:20"
expect 3 "a missing file name with 0xFF (I/O)" -- "$bin" check "$work/none"$'\377'".jx"
utf8 "$work/err"
has "$work/err" "无法打开“$work/none�.jx”"

# an actuals CSV with 0xFF in 实际完成值: an error at row 2, exit 1
printf '项目,单位,三级指标,实际完成值\n甲,乙,培训,4\377次\n' >"$work/bad.csv"
expect 1 "actuals with 0xFF" -- "$bin" score --actuals "$work/bad.csv" "$work/p.jx"
# 甲 , 乙 , 培 训 , 4 → the byte after "4" is column 9
has "$work/err" "bad.csv:2:9: error: 第 2 行第 4 列："
has "$work/err" "0xFF"
utf8 "$work/err"

# CSV outputs: formula-like cells get the guard "'", numbers do not
expect 0 "score csv" -- "$bin" score --format csv "$work/p.jx"
has "$work/out" "'=甲项目,产出指标,数量指标,'-培训,'=4次,3次,100,75.00,"
expect 0 "template" -- "$bin" template "$work/p.jx"
has "$work/out" ",'@乙单位,'=甲项目,产出指标,数量指标,'-培训,定量,＝4次,100,,,,,,,,,,,"
# filled in and read back: the guard comes off, so the row names the project and the
# indicator, and 4次 scores 100.00
sed 's/,100,,,,,,,,,,,$/,100,4次,,,,,,,,,,/' "$work/out" >"$work/filled.csv"
expect 0 "actuals read back" -- "$bin" score --format csv --actuals "$work/filled.csv" "$work/p.jx"
has "$work/out" "'=甲项目,产出指标,数量指标,'-培训,'=4次,4次,100,100.00,"
# import reads the score CSV back as written: the names and the target without the "'"
expect 0 "score csv for import" -- "$bin" score --format csv "$work/p.jx"
cp "$work/out" "$work/scored.csv"
expect 0 "import of a score CSV" -- "$bin" import --from csv "$work/scored.csv"
has "$work/out" '项目 "=甲项目" {'
has "$work/out" "-培训 =4次 权重 100 实际 3次"
expect 0 "audit csv" -- "$bin" audit --format csv "$work/p.jx"
has "$work/out" "项目,'=甲项目,"
has "$work/out" ",'@乙单位,"

finish test_text_guard
