#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests that every input row is accounted for and that inputs which are
# not plain files are handled: an unclosed quote in an imported table swallows no row;
# a second actuals row for one indicator is an error naming both rows; what import
# writes is what the parser reads, whatever the table's cells hold; audit reads only
# regular files inside a folder (pipes, devices, broken links skipped with a warning);
# --policy reads a pipe as the other inputs do; a folder given as --actuals, --review or
# --policy is said to be one; a policy that cannot be opened says why.
# Usage: test_inputs.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

rules=$here/../../rules

# has FILE TEXT: FILE holds TEXT somewhere
has() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; sed 's/^/  | /' "$1" | head -20; fi; }
# lacks FILE TEXT: FILE does not hold TEXT
lacks() { if grep -qF -- "$2" "$1"; then fail "$1 holds: $2"; grep -F -- "$2" "$1" | sed 's/^/  | /' | head -5; else ok; fi; }
# lacks_line FILE LINE: FILE has no line that is LINE
lacks_line() { if grep -qxF -- "$2" "$1"; then fail "$1 holds the line: $2"; else ok; fi; }

# project NAME: a project scored 100 (巡查次数 ≥12次, 实际 12次, 权重 100)
project() {
  printf '项目 "%s" {\n    产出指标 100 {\n        数量指标 100 {\n            巡查次数 ≥12次 权重 100 实际 12次\n        }\n    }\n}\n' "$1"
}

# ---------------------------------------------------------------- unclosed quote
# Row 3 opens a quote it never closes (甲 is column 1, the comma 2, the quote 3). Rows 4
# and 5 are a second project and are imported: 2 projects, 3 indicators, exit 1.
printf '项目,三级指标,指标值,权重\n甲,周报,≥45次,100\n甲,"月报,12次,0\n乙,年报,=1次,50\n乙,季报,=4次,50\n' >"$work/q.csv"
expect 1 "import: an unclosed quote is an error" -- "$bin" import "$work/q.csv"
has "$work/err" "$work/q.csv:3:3: error: 第 3 行第 3 列的引号没有闭合"
has "$work/err" "项目 2 个，指标 3 条，读入 5 行，跳过 1 行（表头、页眉页脚等），未能识别 1 行"
has "$work/out" '项目 "乙"'
has "$work/out" "年报 =1次 权重 50"
has "$work/out" "季报 =4次 权重 50"

# --------------------------------------------------------- duplicate actuals row
# Rows 2 and 3 both fill 巡查次数 of 甲: an error naming both, exit 1.
project 甲 >"$work/a.jx"
printf '项目,三级指标,实际完成值\n甲,巡查次数,12次\n甲,巡查次数,10次\n' >"$work/dup.csv"
expect 1 "score: two actuals rows for one indicator" -- "$bin" score --actuals "$work/dup.csv" "$work/a.jx"
has "$work/err" "第 3 行（项目“甲”，指标“巡查次数”）与第 2 行填写的是同一个指标，每个指标只能有一行"

# ------------------------------------------------ what import writes, the parser reads
# Each row is its own project with one hostile cell; every other cell is plain. The
# output must hold no line the parser refuses (a syntax error), and the years that are
# no year between 1000 and 9999 are kept in a comment and warned about, naming the cell.
cat >"$work/hostile.csv" <<'EOF'
项目,主管部门,单位,年度,金额单位,一级指标,二级指标,三级指标,计算符号,指标值,计量单位,权重,实际完成值,偏差原因,总分,结论
Y1,部门,单位,0202,万元,产出指标,数量指标,指标,,≥60个,,100,45个,,,
Y2,部门,单位,0000,万元,产出指标,数量指标,指标,,≥60个,,100,45个,,,
Y3,部门,单位,20202年度,万元,产出指标,数量指标,指标,,≥60个,,100,45个,,,
Y4,部门,单位,-202,万元,产出指标,数量指标,指标,,≥60个,,100,45个,,,
N1,"部""门\",单位,2024,万元,产出指标,数量指标,"a""b",,≥60个,,100,45个,,,
N2,部门,"单
位",2024,万元,"产出""指标",数量指标,"a
b",,≥60个,,100,45个,"x
""y""\",,
N3,部门,单位,2024,万 元,产出指标,{,},,≥60个,,100,45个,#,,
N4,部门,单位,2024,"元""",产出指标,数量指标,#x,,≥60个,,100,45个,,,
U1,部门,单位,2024,万元,产出指标,数量指标,指标,,≥60,"个}",100,45,,,
U2,部门,单位,2024,万元,产出指标,数量指标,指标,,≥60,"个""",100,45,,,
U3,部门,单位,2024,万元,产出指标,数量指标,指标,,≥60,个 #,100,45,,,
W1,部门,单位,2024,万元,产出指标,数量指标,指标,,≥60个,,1e400,45个,,,
W2,部门,单位,2024,万元,产出指标,数量指标,指标,,≥60个,,99999999999999999999999,45个,,,
W3,部门,单位,2024,万元,产出指标,数量指标,指标,,≥60个,,"1,2,3",45个,,,
V1,部门,单位,2024,万元,产出指标,数量指标,指标,,≥1e999个,,100,1e999个,,,
V2,部门,单位,2024,万元,产出指标,数量指标,指标,,"≥60""个",,100,"a
b",,,
V3,部门,单位,2024,万元,产出指标,数量指标,指标,≠,{,,100,},,,
T1,部门,单位,2024,万元,产出指标,数量指标,指标,,≥60个,,100,45个,,99999999999999999999,优秀
EOF
expect 1 "import: hostile cells" -- "$bin" import -o "$work/hostile.jx" "$work/hostile.csv"
cp "$work/err" "$work/hostile.err"
has "$work/hostile.err" "项目 18 个"
has "$work/hostile.err" "年度“0202”不是 1000 到 9999 之间的四位数年份，未导入（保留在注释中）"
has "$work/hostile.err" "年度“0000”不是 1000 到 9999 之间的四位数年份"
has "$work/hostile.err" "年度“20202年度”不是 1000 到 9999 之间的四位数年份"
# the import failed (the weights that are no number), so -o was not written: write again to stdout
"$bin" import "$work/hostile.csv" >"$work/hostile.jx" 2>/dev/null
lacks_line "$work/hostile.jx" "    年度 0202"
lacks_line "$work/hostile.jx" "    年度 0000"
# it reads, and scores: no error at all (warnings about the 0 weights and 定性 readings)
expect 0 "check reads what import wrote" -- "$bin" check "$work/hostile.jx"
# the parser's own refusals: a syntax error, or a statement it could not read
lacks "$work/err" "[syntax]"
lacks "$work/err" "年度应为四位整数"
lacks "$work/err" "[unknown"
if [ "$(grep -c '^项目 ' "$work/hostile.jx")" = 18 ]; then ok; else fail "import wrote $(grep -c '^项目 ' "$work/hostile.jx") projects, want 18"; fi

# zj-selfeval: a title year of five digits is named as written, never cut to 4
sed '1s/（2023年度）/（20232年度）/' "$here/../import/zj/selfeval_edge.txt" >"$work/year5.txt"
"$bin" import --from zj-selfeval "$work/year5.txt" >"$work/out" 2>"$work/err"
has "$work/err" "年度“20232”不是 1000 到 9999 之间的四位数年份"
lacks_line "$work/out" "    年度 0232"

# ------------------------------------------------------------- audit of a folder
# Inside a folder only regular files are read: a FIFO (which would block), a link to
# /dev/zero (which never ends), a broken link are each skipped with a warning; a link
# to a regular file is read. Named on the command line, a pipe is read (a table: its
# name /dev/fd/N does not end in .jx).
dir=$work/tree
mkdir -p "$dir"
project P-a >"$dir/a.jx"
project P-link >"$work/elsewhere.jx"
ln -s "$work/elsewhere.jx" "$dir/b-link.jx"
mkfifo "$dir/c-fifo.jx"
ln -s /dev/zero "$dir/d-zero.jx"
ln -s "$work/nowhere.jx" "$dir/e-broken.jx"
expect 0 "audit skips what is no regular file" -- timeout 60 "$bin" audit "$dir"
sed -n 's/^项目名称  //p' "$work/out" >"$work/names"
printf '%s\n' P-a P-link >"$work/want"
if cmp -s "$work/want" "$work/names"; then ok; else fail "audit read"; diff "$work/want" "$work/names"; fi
has "$work/err" "$dir/c-fifo.jx: warning: 不是普通文件（命名管道），不读取"
has "$work/err" "$dir/d-zero.jx: warning: 符号链接指向的不是普通文件（字符设备），不读取"
has "$work/err" "$dir/e-broken.jx: warning: 符号链接指向的文件无法访问（"
expect 1 "audit: the skips fail under --werror" -- timeout 60 "$bin" audit --werror "$dir"
has "$work/err" "jixiao: 有 3 个警告（--werror 视为错误）"
printf '项目,三级指标,扣分,备注\n' >"$work/review.csv"
expect 0 "audit --review skips them too" -- timeout 60 "$bin" audit --review "$work/review.csv" "$dir"
has "$work/err" "$dir/c-fifo.jx: warning: 不是普通文件（命名管道），不读取"
expect 0 "audit reads a pipe named on the command line" -- \
  "$bin" audit <(printf '项目,三级指标,指标值,权重,实际完成值\nP-pipe,巡查次数,≥12次,100,12次\n')
has "$work/out" "项目名称  P-pipe"

# ---------------------------------------------------------------------- policies
expect 0 "--policy reads a pipe" -- "$bin" score --policy <(cat "$rules/default.jx") "$work/a.jx"
expect 0 "--policy reads /dev/stdin from a pipe" -- sh -c 'cat "$3" | "$1" score --policy /dev/stdin "$2"' sh "$bin" "$work/a.jx" "$rules/default.jx"
# central wants the weights to add up to 90, so it is not default read twice: exit 1
expect 1 "--policy from a pipe is the policy piped" -- "$bin" score --policy <(cat "$rules/central.jx") "$work/a.jx"
has "$work/err" "[weight-sum]"
ln -s "$work/loop.jx" "$work/loop.jx"
expect 3 "--policy that cannot be opened" -- "$bin" score --policy "$work/loop.jx" "$work/a.jx"
has "$work/err" "无法打开评分办法文件“$work/loop.jx”："

# --actuals and --review read pipes too: 甲's 巡查次数 ≥12次 w100 with 实际 6次 from the
# pipe scores 6 / 12 × 100 = 50.00 (the file says 12次, which would score 100.00)
expect 0 "--actuals reads a pipe" -- "$bin" score --actuals <(printf '项目,三级指标,实际完成值\n甲,巡查次数,6次\n') "$work/a.jx"
has "$work/out" "6次"
has "$work/out" "50.00"
expect 0 "--actuals reads /dev/stdin from a pipe" -- \
  sh -c 'printf "项目,三级指标,实际完成值\n甲,巡查次数,6次\n" | "$1" score --actuals /dev/stdin "$2"' sh "$bin" "$work/a.jx"
has "$work/out" "50.00"
expect 0 "--review reads a pipe" -- "$bin" audit --review <(printf '项目,三级指标,扣分,备注\n甲,巡查次数,10,记录缺失\n') "$work/a.jx"
has "$work/out" "记录缺失"

# ------------------------------------------------------------- folders as files
mkdir "$work/folder"
expect 3 "--actuals a folder" -- "$bin" score --actuals "$work/folder" "$work/a.jx"
has "$work/err" "实际完成值文件“$work/folder”是一个文件夹"
expect 3 "--review a folder" -- "$bin" audit --review "$work/folder" "$work/a.jx"
has "$work/err" "复核表“$work/folder”是一个文件夹"
expect 3 "--policy a folder" -- "$bin" score --policy "$work/folder" "$work/a.jx"
has "$work/err" "评分办法“$work/folder”是一个文件夹"

finish test_inputs
