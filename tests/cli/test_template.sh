#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of `jixiao template`: the CSV it writes, the round trip through
# `score --actuals` (scores worked out by hand in data/roundtrip.jx), -o atomicity,
# the duplicate-name warning and the exit codes.
# Usage: test_template.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

# has FILE LINE: FILE holds LINE as a whole line
has() { if grep -qxF -- "$2" "$1"; then ok; else fail "$1 lacks line: $2"; fi; }

# --- the template of data/roundtrip.jx ------------------------------------------------
"$bin" template -o "$work/t.csv" "$data/roundtrip.jx" 2>"$work/err"
code=$?
if [ "$code" = 0 ]; then ok; else fail "template exit $code"; cat "$work/err"; fi
if [ ! -s "$work/err" ]; then ok; else fail "template writes nothing to stderr"; cat "$work/err"; fi
# UTF-8 BOM, then the header actuals.c reads (plus 指标性质, 年度指标值, 权重, 金额单位 to read)
if [ "$(head -c 3 "$work/t.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]; then ok; else fail "BOM"; fi
if [ "$(head -n 1 "$work/t.csv" | tail -c +4)" = "主管部门,单位,项目,一级指标,二级指标,三级指标,指标性质,年度指标值,权重,实际完成值,评定,偏差原因分析及改进措施,得分,金额单位,年初预算,全年预算,全年执行,实际完成情况,目标偏离原因,整改措施" ]; then
  ok; else fail "header"; head -n 1 "$work/t.csv"; fi
# 7 + 3 indicators (counted in data/roundtrip.jx), one row each, after the header
if [ "$(wc -l <"$work/t.csv")" = 11 ]; then ok; else fail "11 lines"; cat "$work/t.csv"; fi
# the same 三级指标 in two groups: two rows told apart by 一级/二级
# (13 columns of the indicator, then 金额单位 and the 6 project cells: 7 more, empty on
# rows after a project's first and for these projects, which give no 金额单位)
has "$work/t.csv" ",,往返项目,产出指标,时效指标,预算执行率,定量,≥95%,10,,,,,,,,,,,"
has "$work/t.csv" ",,往返项目,效益指标,经济效益,预算执行率,定量,＝100%,20,,,,,,,,,,,"
has "$work/t.csv" ",,往返项目,效益指标,可持续影响,平台运行状况,定性,稳定,10,,,,,,,,,,,"
has "$work/t.csv" ",,第二个项目,效益指标,社会效益,重大安全事故,定量,＝0起,40,,,,,,,,,,,"

# --- fill the 实际完成值 (and 评定, 偏差原因) columns by script, read it back ---------
# (the values are written as actual,评定,偏差原因 and put in the columns of that order)
awk -F, -v OFS=, '
BEGIN {
  v["往返项目,产出指标,数量指标,巡检次数"]       = "9,,\"设备更换, 三季度暂停\""
  v["往返项目,产出指标,数量指标,培训人次"]       = "210,,"
  v["往返项目,产出指标,时效指标,预算执行率"]     = "90%,,部分合同款次年支付"
  v["往返项目,产出指标,时效指标,响应时间"]       = "3,,夜间值守人员不足"
  v["往返项目,效益指标,经济效益,预算执行率"]     = "80%,,采购节约"
  v["往返项目,效益指标,可持续影响,平台运行状况"] = "基本稳定,部分达成,两次计划外停机"
  v["往返项目,满意度指标,服务对象满意度,用户满意率"] = "93%,,"
  v["第二个项目,产出指标,数量指标,接入系统数量"] = "45,,两个系统推迟上云"
  v["第二个项目,效益指标,社会效益,重大安全事故"] = "0,,"
  v["第二个项目,满意度指标,满意度,满意率"]       = "85%,,培训不足"
}
NR == 1 { print; next }
{
  k = $3 OFS $4 OFS $5 OFS $6
  if (!(k in v)) { print "no value for " k > "/dev/stderr"; exit 1 }
  print $1, $2, $3, $4, $5, $6, $7, $8, $9, v[k]
  used++
}
END { if (used != 10) { print "filled " used " rows, want 10" > "/dev/stderr"; exit 1 } }
' "$work/t.csv" >"$work/filled.csv"
if [ $? = 0 ]; then ok; else fail "filling the template"; fi

"$bin" score --actuals "$work/filled.csv" --format csv "$data/roundtrip.jx" >"$work/out" 2>"$work/err"
code=$?
if [ "$code" = 0 ]; then ok; else fail "score --actuals filled template: exit $code"; cat "$work/err"; fi
if ! grep -q '没有对应的指标\|对应 .* 个指标\|error' "$work/err"; then ok; else
  fail "every row matched one indicator"; cat "$work/err"; fi
# the scores of data/roundtrip.jx's header comment
# (a target "=100%" or "=0起" is written with the formula guard: '=100%, '=0起)
# the first 13 columns of each row (those after 满分 carry the rest of the model, read back
# by test_audit_roundtrip.sh); none of these rows has a quoted comma
grep -v '^项目,' "$work/out" | sed "s|$data|data|" | cut -d, -f1-13 >"$work/rows"
has "$work/rows" "往返项目,产出指标,数量指标,巡检次数,≥12次,9,20,15.00,ge-ratio,77.47,中,data/roundtrip.jx:23:13,"
has "$work/rows" "往返项目,产出指标,数量指标,培训人次,≥200人次,210,10,10.00,ge-met,77.47,中,data/roundtrip.jx:24:13,"
has "$work/rows" "往返项目,产出指标,时效指标,预算执行率,≥95%,90%,10,9.47,ge-ratio,77.47,中,data/roundtrip.jx:27:13,"
has "$work/rows" "往返项目,产出指标,时效指标,响应时间,≤2小时,3,20,10.00,le-linear,77.47,中,data/roundtrip.jx:28:13,"
has "$work/rows" "往返项目,效益指标,经济效益,预算执行率,'=100%,80%,20,16.00,eq-ratio,77.47,中,data/roundtrip.jx:33:13,"
has "$work/rows" "往返项目,效益指标,可持续影响,平台运行状况,稳定,基本稳定,10,7.00,qualitative-judged,77.47,中,data/roundtrip.jx:36:13,"
has "$work/rows" "往返项目,满意度指标,服务对象满意度,用户满意率,≥90%,93%,10,10.00,ge-met,77.47,中,data/roundtrip.jx:41:13,"
has "$work/rows" "第二个项目,产出指标,数量指标,接入系统数量,≥60个,45,50,37.50,ge-ratio,86.94,良,data/roundtrip.jx:48:13,"
has "$work/rows" "第二个项目,效益指标,社会效益,重大安全事故,'=0起,0,40,40.00,eq-met,86.94,良,data/roundtrip.jx:53:13,"
has "$work/rows" "第二个项目,满意度指标,满意度,满意率,≥90%,85%,10,9.44,ge-ratio,86.94,良,data/roundtrip.jx:58:13,"
if [ "$(wc -l <"$work/rows")" = 10 ]; then ok; else fail "10 scored rows"; cat "$work/rows"; fi
# the 偏差原因 with a comma came back whole
"$bin" score --actuals "$work/filled.csv" "$data/roundtrip.jx" >"$work/text" 2>/dev/null
if grep -q '设备更换, 三季度暂停' "$work/text"; then ok; else fail "quoted 偏差原因 read back"; fi

# without the 一级/二级 columns the two 预算执行率 rows cannot be told apart
cut -d, -f3,6- "$work/filled.csv" | sed '1s/^\xEF\xBB\xBF//' >"$work/flat.csv"
"$bin" score --actuals "$work/flat.csv" "$data/roundtrip.jx" >/dev/null 2>"$work/err"
code=$?
if [ "$code" = 1 ] && grep -q '对应 2 个指标' "$work/err"; then ok; else
  fail "flat actuals are ambiguous for 预算执行率 (exit $code)"; cat "$work/err"; fi

# an unfilled template read back changes nothing: the DSL's own actuals stay
cat >"$work/own.jx" <<'JX'
项目 "自带实际值" {
    产出指标 100 {
        数量指标 100 {
            接入系统数量 ≥60个 权重 60 实际 45个 偏差 "延期"
            巡检次数 =4次 权重 40 实际 4次
        }
    }
}
JX
"$bin" template "$work/own.jx" >"$work/own.csv"
"$bin" score "$work/own.jx" >"$work/plain" 2>&1
"$bin" score --actuals "$work/own.csv" "$work/own.jx" >"$work/via" 2>&1
code=$?
# 60 × 45 / 60 = 45.00 + 40.00 = 85.00 either way
if [ "$code" = 0 ] && cmp -s "$work/plain" "$work/via" && grep -q '85\.00' "$work/via"; then ok; else
  fail "unfilled template changes nothing (exit $code)"; diff "$work/plain" "$work/via"; fi

# --- -o is atomic ------------------------------------------------------------------------
cat >"$work/bad.jx" <<'JX'
项目 "坏项目" {
    产出指标 100 {
        数量指标 100 {
            接入系统数量 ≥60个 权重 很多
        }
    }
}
JX
echo "old" >"$work/keep.csv"
"$bin" template -o "$work/keep.csv" "$data/roundtrip.jx" "$work/bad.jx" >/dev/null 2>"$work/err"
code=$?
if [ "$code" = 1 ]; then ok; else fail "a project with an error: exit $code, want 1"; fi
if grep -q '^old$' "$work/keep.csv"; then ok; else fail "-o keeps the old file when the input has errors"; fi
if [ -z "$(ls "$work" | grep '\.tmp\.')" ]; then ok; else fail "no temporary file left"; ls "$work"; fi
if grep -q 'bad.jx:4:.*error' "$work/err"; then ok; else fail "the error is reported"; cat "$work/err"; fi
"$bin" template --output="$work/keep.csv" "$data/roundtrip.jx" 2>/dev/null
if [ "$(wc -l <"$work/keep.csv")" = 11 ]; then ok; else fail "-o replaces the file on success"; fi
# to stdout, the good project is still written and the exit code says 1
"$bin" template "$work/bad.jx" "$data/roundtrip.jx" >"$work/out" 2>/dev/null
code=$?
if [ "$code" = 1 ] && [ "$(wc -l <"$work/out")" = 11 ] && ! grep -q 坏项目 "$work/out"; then ok; else
  fail "stdout: good projects written, bad one left out, exit 1 (exit $code)"; fi

# --- duplicate names -----------------------------------------------------------------------
cat >"$work/dup.jx" <<'JX'
项目 "重名" {
    成本指标 100 {
        经济成本指标 100 {
            资金有效利用率 =100% 权重 50
            资金有效利用率 =100% 权重 50
        }
    }
}
JX
"$bin" template "$work/dup.jx" >"$work/out" 2>"$work/err"
code=$?
if [ "$code" = 0 ]; then ok; else fail "duplicates are a warning, exit $code"; fi
if grep -q 'dup.jx:5:1: warning: 项目“重名”中指标“成本指标 / 经济成本指标 / 资金有效利用率”与第 4 行的指标同名.*\[template-duplicate\]' "$work/err"; then
  ok; else fail "duplicate warning"; cat "$work/err"; fi
if [ "$(wc -l <"$work/out")" = 3 ]; then ok; else fail "both duplicate rows written"; fi

# --- usage and I/O ---------------------------------------------------------------------------
"$bin" template >/dev/null 2>&1
[ $? = 2 ] && ok || fail "no files: exit 2"
"$bin" template --bogus "$data/roundtrip.jx" >/dev/null 2>&1
[ $? = 2 ] && ok || fail "unknown option: exit 2"
"$bin" template -o >/dev/null 2>&1
[ $? = 2 ] && ok || fail "-o without a name: exit 2"
"$bin" template --help >"$work/out" 2>&1
if [ $? = 0 ] && grep -q 'score --actuals' "$work/out"; then ok; else fail "template --help"; fi
"$bin" template "$work/missing.jx" >/dev/null 2>&1
[ $? = 3 ] && ok || fail "missing file: exit 3"
"$bin" template -o "$work/no/such/dir/t.csv" "$data/roundtrip.jx" >/dev/null 2>&1
[ $? = 3 ] && ok || fail "unwritable -o: exit 3"
"$bin" template - <"$data/roundtrip.jx" >"$work/out" 2>/dev/null
if [ $? = 0 ] && [ "$(wc -l <"$work/out")" = 11 ]; then ok; else fail "reads standard input"; fi

finish test_template
