#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of how table rows find their project: same-named projects told
# apart by 单位 (or refused), rows about projects not scored (one warning), a name that
# differs only in its brackets (an error with the suggestion), and text tables in the
# encodings and separators Excel and WPS save, each read by score --actuals.
# The projects are tests/tables/demo.jx, scored by hand in its header comment.
# Usage: test_table_rows.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

demo=$here/../tables/demo.jx
has() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; sed 's/^/  | /' "$1"; fi; }
lacks() { if ! grep -qF -- "$2" "$1"; then ok; else fail "$1 has: $2"; sed 's/^/  | /' "$1"; fi; }

# --- 单位 tells the two 日常运维经费 apart -------------------------------------------------
# 301001: every indicator met → 100.00; 302001: 18.00 + 18.33 + 20 + 30 + 9.44 = 95.77
cat >"$work/a.csv" <<'CSV'
项目,单位,三级指标,实际完成值
日常运维经费,301001-大数据发展管理中心,服务人次,1200
日常运维经费,301001-大数据发展管理中心,巡检次数,12
日常运维经费,301001-大数据发展管理中心,系统可用率,97%
日常运维经费,301001-大数据发展管理中心,工作效率,提升
日常运维经费,301001-大数据发展管理中心,满意率,93%
日常运维经费,302001-数据资源中心,服务人次,900
日常运维经费,302001-数据资源中心,巡检次数,11
日常运维经费,302001-数据资源中心,系统可用率,97%
日常运维经费,数据资源中心,工作效率,提升
日常运维经费,302001-数据资源中心,满意率,85%
CSV
expect 0 "rows with 单位" -- "$bin" score --actuals "$work/a.csv" --format csv "$demo"
has "$work/out" "日常运维经费,产出指标,数量指标,服务人次,≥1000人次,1200,20,20.00,ge-met,100.00,优,"
has "$work/out" "日常运维经费,产出指标,数量指标,服务人次,≥1000人次,900,20,18.00,ge-ratio,95.77,优,"
# "数据资源中心" names "302001-数据资源中心" without its code
has "$work/out" "日常运维经费,效益指标,社会效益,工作效率,提升,提升,30,30.00,"
if [ ! -s "$work/err" ]; then ok; else fail "no diagnostics"; cat "$work/err"; fi

# --- the same rows in the 主管部门 column alone cannot tell them apart --------------------
printf '项目,三级指标,实际完成值\n日常运维经费,服务人次,1200\n' >"$work/bare.csv"
expect 1 "a row without 单位" -- "$bin" score --actuals "$work/bare.csv" --format csv "$demo"
has "$work/err" "第 2 行的项目“日常运维经费”有 2 个同名项目（单位 “301001-大数据发展管理中心”、“302001-数据资源中心”），这一行没有说明是哪一个，未采用"
# applied to neither: both projects score 服务人次 as missing (0.00)
if [ "$(grep -c '服务人次,≥1000人次,,20,0.00,missing-actual' "$work/out")" = 2 ]; then ok; else
  fail "the ambiguous row was applied"; cat "$work/out"; fi

# --- rows about projects not scored: one warning with the count, exit 0 ------------------
printf '项目,单位,三级指标,实际完成值\n日常运维经费,301001-大数据发展管理中心,服务人次,1200\n别的项目,,满意率,90%%\n别的项目,,巡检次数,3\n,,,\n第三个项目,,满意率,1\n' >"$work/other.csv"
expect 0 "rows of other projects" -- "$bin" score --actuals "$work/other.csv" "$demo"
has "$work/err" "warning: 实际完成值文件中有 3 行所属的项目不在本次计分的项目中，未使用：“别的项目”、“第三个项目” [actuals-unused]"
if [ "$(grep -c 'warning' "$work/err")" = 1 ]; then ok; else fail "one warning"; cat "$work/err"; fi

# --- a whole template while one project is scored: its empty rows are passed over silently
"$bin" template "$here/../../samples/yuecheng-2024.jx" "$here/../../samples/wangan-2025-review.jx" >"$work/full.csv"
expect 0 "full template, one project" -- "$bin" score --actuals "$work/full.csv" "$here/../../samples/yuecheng-2024.jx"
if [ ! -s "$work/err" ]; then ok; else fail "empty template rows reported"; cat "$work/err"; fi

# --- a name that differs only in its brackets: an error naming the project meant ---------
cat >"$work/b.jx" <<'JX'
项目 "信息化运维(一期)" {
    产出指标 100 { 数量指标 100 { 巡检次数 =12次 权重 100 } }
}
JX
printf '项目,三级指标,实际完成值\n信息化运维（一期）,巡检次数,12\n' >"$work/b.csv"
expect 1 "full-width brackets" -- "$bin" score --actuals "$work/b.csv" "$work/b.jx"
has "$work/err" "第 2 行的项目“信息化运维（一期）”没有对应的项目；是否是“信息化运维(一期)”？"

# --- text tables as Excel and WPS save them: the same scores ------------------------------
"$bin" score --actuals "$work/a.csv" "$demo" >"$work/want" 2>&1
# GB18030 with CRLF ("CSV (逗号分隔)" on Chinese Windows)
iconv -f UTF-8 -t GB18030 "$work/a.csv" | sed 's/$/\r/' >"$work/gb.csv"
expect 0 "GB18030 CRLF" -- "$bin" score --actuals "$work/gb.csv" "$demo"
if cmp -s "$work/out" "$work/want"; then ok; else fail "GB18030 differs"; diff "$work/want" "$work/out" | head; fi
# tab-separated, UTF-16LE with a BOM ("Unicode 文本")
{ printf '\xff\xfe'; tr ',' '\t' <"$work/a.csv" | sed 's/$/\r/' | iconv -f UTF-8 -t UTF-16LE; } >"$work/u16.txt"
expect 0 "UTF-16LE tabs" -- "$bin" score --actuals "$work/u16.txt" "$demo"
if cmp -s "$work/out" "$work/want"; then ok; else fail "UTF-16 differs"; diff "$work/want" "$work/out" | head; fi
# --encoding names what detection would guess otherwise; an unknown one is a usage error
expect 0 "--encoding gbk" -- "$bin" score --actuals "$work/gb.csv" --encoding gbk "$demo"
expect 2 "--encoding unknown" -- "$bin" score --actuals "$work/gb.csv" --encoding latin9 "$demo"
has "$work/err" "未知的编码“latin9”"
expect 2 "--sheet without --actuals" -- "$bin" score --sheet 1 "$demo"

# --- numbers as people type them: "1,200" is 1200; "1,20" is an error naming the cell ------
# 301001's 服务人次 "1,200" ≥ 1000 → 20.00 (met)
printf '项目,单位,三级指标,实际完成值,得分\n日常运维经费,301001-大数据发展管理中心,服务人次,"1,200","1,0"\n' >"$work/n.csv"
expect 1 "a 得分 of 1,0" -- "$bin" score --actuals "$work/n.csv" --format csv "$demo"
has "$work/err" "第 2 行（项目“日常运维经费”，指标“服务人次”）的得分“1,0”中的逗号不是千位分隔符"
printf '项目,单位,三级指标,实际完成值\n日常运维经费,301001-大数据发展管理中心,服务人次,"1,200"\n' >"$work/n.csv"
expect 0 "an actual of 1,200" -- "$bin" score --actuals "$work/n.csv" --format csv "$demo"
has "$work/out" "日常运维经费,产出指标,数量指标,服务人次,≥1000人次,1200,20,20.00,ge-met,"
printf '项目,单位,三级指标,实际完成值\n日常运维经费,301001-大数据发展管理中心,服务人次,"1,20"\n' >"$work/n.csv"
expect 1 "an actual of 1,20" -- "$bin" score --actuals "$work/n.csv" "$demo"
has "$work/err" "n.csv:2:30: error: 第 2 行（项目“日常运维经费”，指标“服务人次”）的实际完成值：“1,20”中的逗号不是千位分隔符（千位分隔应为 1,234 的形式） [actuals]"
# the same in the 复核表: 扣分 "1,5" refused, 复核完成值 "1,150" read as 1150
printf '项目,单位,三级指标,复核完成值,扣分,备注\n日常运维经费,302001-数据资源中心,服务人次,"1,150",,以签到表为准\n日常运维经费,302001-数据资源中心,巡检次数,,"1,5",缺一次巡检记录\n' >"$work/r.csv"
expect 1 "a 扣分 of 1,5" -- "$bin" audit --review "$work/r.csv" "$demo"
has "$work/err" "第 3 行（项目“日常运维经费”，指标“巡检次数”）的扣分“1,5”中的逗号不是千位分隔符"
lacks "$work/err" "服务人次"

finish test_table_rows
