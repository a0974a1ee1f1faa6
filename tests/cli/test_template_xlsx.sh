#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of the template with the project's cells: `template --format xlsx`
# filled by another program (fill_template_xlsx.py: Python's zipfile + xml.etree, not
# libxlsxwriter) and read back by `score --actuals`; the CSV template's project columns
# read back, with conflicting values refused; a 年度资金总额 row made without 年初预算 warned;
# a template from before 年初预算 and an old 11-column one still read.
# Every expected number is worked out by hand below from docs/scoring.md.
# Usage: test_template_xlsx.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

root=$(cd "$(dirname "$0")/../.." && pwd)
sample="$root/samples/yuecheng-2024.jx"
fill="$(dirname "$0")/fill_template_xlsx.py"
p1=越城区电子政务云资源服务项目
p2=越城区网络安全运营中心项目

# jget FILE EXPR: a python expression over d (the JSON document), printed
jget() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
# same WHAT GOT WANT
same() { if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi; }

# --- the workbook template of the sample --------------------------------------------------
"$bin" template --format xlsx -o "$work/t.xlsx" "$sample" 2>"$work/err"
code=$?
if [ "$code" = 0 ] && [ ! -s "$work/err" ]; then ok; else fail "template --format xlsx: exit $code"; cat "$work/err"; fi
# -o *.xlsx without --format is the workbook too, byte for byte (a fixed document time)
"$bin" template -o "$work/t2.xlsx" "$sample" 2>/dev/null
if cmp -s "$work/t.xlsx" "$work/t2.xlsx"; then ok; else fail "same input, same bytes; .xlsx picks the workbook"; fi
# --format csv wins over the name
"$bin" template --format csv -o "$work/t3.xlsx" "$sample" 2>/dev/null
if [ "$(head -c 3 "$work/t3.xlsx" | od -An -tx1 | tr -d ' ')" = efbbbf ]; then ok; else fail "--format csv with -o x.xlsx"; fi
"$bin" template --format json "$sample" >/dev/null 2>"$work/err"
code=$?
if [ "$code" = 2 ] && grep -q 'csv、xlsx' "$work/err"; then ok; else fail "--format json: exit $code, want 2"; cat "$work/err"; fi
"$bin" template --help >"$work/out"
if grep -q 'xlsx' "$work/out" && grep -q '项目' "$work/out"; then ok; else fail "--help lists xlsx from the table of formats"; fi

# --- fill it as a person would ---------------------------------------------------------------
cat >"$work/spec.json" <<JSON
{"指标": [
  {"match": {"项目": "$p1", "三级指标": "接入系统数量"},
   "set": {"实际完成值": 45, "偏差原因分析及改进措施": "两个系统推迟上云", "得分": 22.5}},
  {"match": {"项目": "$p1", "三级指标": "执行率"}, "set": {"实际完成值": "90%"}},
  {"match": {"项目": "$p1", "三级指标": "工作效率"},
   "set": {"实际完成值": "基本提升", "评定": "部分达成", "得分": 11}},
  {"match": {"项目": "$p1", "三级指标": "政务云稳定性"}, "set": {"实际完成值": "99.5%"}},
  {"match": {"项目": "$p2", "三级指标": "漏洞扫描"}, "set": {"实际完成值": 3}},
  {"match": {"项目": "$p2", "三级指标": "驻场人员"}, "set": {"评定": "达成"}}
 ],
 "项目": [
  {"match": {"项目": "$p1"},
   "set": {"年初预算": 366, "全年预算": 360, "全年执行": 342, "实际完成情况": "完成云资源扩容，接入系统45个",
           "目标偏离原因": "两个系统推迟至2025年上云", "整改措施": "督促相关部门按期迁移"}}
 ]}
JSON
python3 "$fill" "$work/t.xlsx" "$work/f.xlsx" "$work/spec.json" >"$work/locks" 2>"$work/err"
if [ $? = 0 ]; then ok; else fail "filling the workbook"; cat "$work/err"; fi
# both sheets protected; the 项目 cells locked, every cell typed into unlocked
if [ "$(grep -c 'protected=1$' "$work/locks")" = 2 ]; then ok; else fail "<sheetProtection sheet=\"1\"> on both sheets"; cat "$work/locks"; fi
# (C is the 项目 column on both sheets: one line per matched row)
if grep -q '^C2 locked=1$' "$work/locks" && ! grep -q '^C[0-9]* locked=0$' "$work/locks"; then ok; else
  fail "the 项目 cells are locked"; cat "$work/locks"; fi
# 16 cells typed, all unlocked: 3 + 1 + 3 + 1 + 1 + 1 on 指标, 6 on 项目
if [ "$(grep -v '^C' "$work/locks" | grep -c 'locked=0$')" = 16 ] && ! grep -v '^C' "$work/locks" | grep -q 'locked=1'; then
  ok; else fail "the cells to fill are unlocked"; cat "$work/locks"; fi

"$bin" score --actuals "$work/f.xlsx" --format json "$sample" >"$work/o.json" 2>"$work/err"
code=$?
if [ "$code" = 0 ]; then ok; else fail "score --actuals filled.xlsx: exit $code"; cat "$work/err"; fi
# 评定 on a 定量 row is kept as the rule language keeps it, with a warning
if grep -q '驻场人员.*是定量指标.*不影响得分' "$work/err"; then ok; else fail "评定 of a 定量 row warned"; cat "$work/err"; fi
if ! grep -q 'actuals-unused\|没有对应' "$work/err"; then ok; else fail "every row used"; cat "$work/err"; fi
# both projects had a 年度资金总额 row: none is made, so no word about 年初预算
if ! grep -q '年初预算' "$work/err"; then ok; else fail "no 年初预算 warning when the row exists"; cat "$work/err"; fi

# project 1, by hand (docs/scoring.md):
#   接入系统数量 ≥60个 w30, actual 45:    30 × 45 / 60            = 22.50 (得分 22.5 claimed)
#   运行保障期限 =1年 w20, not filled:   the rule file's 1年 meets = 20.00
#   执行率 ≥95% w10, actual 90%:          10 × 90 / 95 = 9.4736…  =  9.47
#   工作效率 定性 w15, 部分达成 得分 11:  inside [9.00, 12.00)     = 11.00
#   政务云稳定性 ≥99% w15, actual 99.5%:  met                      = 15.00
#   服务对象满意率 ≥90% w10, not filled: met                      = 10.00
#   总分 22.50 + 20.00 + 9.47 + 11.00 + 15.00 + 10.00 = 87.97 → 良 (80 ≤ 87.97 < 90)
same "p1 total" "$(jget "$work/o.json" "d['projects'][0]['total']")" 87.97
same "p1 grade" "$(jget "$work/o.json" "d['projects'][0]['grade']")" 良
same "p1 接入系统数量" "$(jget "$work/o.json" "[(i['actual'],i['score'],i['claimed']) for i in d['projects'][0]['indicators'] if i['path'][-1]=='接入系统数量']")" "[('45', 22.5, 22.5)]"
same "p1 执行率" "$(jget "$work/o.json" "[(i['actual'],i['score']) for i in d['projects'][0]['indicators'] if i['path'][-1]=='执行率']")" "[('90%', 9.47)]"
same "p1 工作效率" "$(jget "$work/o.json" "[(i['actual'],i['score'],i['claimed'],i['method']) for i in d['projects'][0]['indicators'] if i['path'][-1]=='工作效率']")" "[('基本提升', 11.0, 11, 'qualitative-claimed')]"
same "p1 政务云稳定性" "$(jget "$work/o.json" "[(i['actual'],i['score']) for i in d['projects'][0]['indicators'] if i['path'][-1]=='政务云稳定性']")" "[('99.5%', 15.0)]"
# 年初预算 366 / 全年预算 360 / 全年执行 342 land on the 年度资金总额 row (the rule file's 0 0 0);
# its rate 342 / 360 = 95.00 %; the 一般公共预算资金 row is untouched
same "p1 funds" "$(jget "$work/o.json" "[(f['source'],f['initial'],f['budget'],f['spent'],f['rate']) for f in d['projects'][0]['funds']]")" \
  "[('年度资金总额', 366, 360, 342, 95.0), ('一般公共预算资金', 366, 358.35, 358.35, 100.0)]"
# project 2: 漏洞扫描 ＝4次 w20, actual 3: 20 × 3 / 4 = 15.00; the others as the rule file
# (all met: 100 before) → 100 − 20 + 15 = 95.00 → 优; its funds untouched
same "p2 total" "$(jget "$work/o.json" "d['projects'][1]['total']")" 95.0
same "p2 grade" "$(jget "$work/o.json" "d['projects'][1]['grade']")" 优
same "p2 funds" "$(jget "$work/o.json" "[(f['source'],f['initial'],f['budget'],f['spent']) for f in d['projects'][1]['funds']]")" \
  "[('年度资金总额', 0, 0, 0), ('一般公共预算资金', 80, 77.5, 74.93)]"
# the texts typed are in the 自评表
"$bin" score --actuals "$work/f.xlsx" "$sample" >"$work/form" 2>/dev/null
for t in 两个系统推迟上云 完成云资源扩容，接入系统45个 两个系统推迟至2025年上云 督促相关部门按期迁移; do
  if grep -qF -- "$t" "$work/form"; then ok; else fail "the form shows “$t”"; fi
done
# check --actuals reads the same workbook
"$bin" check --actuals "$work/f.xlsx" "$sample" >/dev/null 2>"$work/err"
code=$?
if [ "$code" = 0 ]; then ok; else fail "check --actuals filled.xlsx: exit $code"; cat "$work/err"; fi

# --- a target table imported (seed 003): its funds come from the template --------------------
"$bin" import -o "$work/seed.jx" "$root"/tests/import/seeds/003_*.txt 2>/dev/null
"$bin" template -o "$work/seed.xlsx" "$work/seed.jx" 2>/dev/null
code=$?
if [ "$code" = 0 ]; then ok; else fail "template of the imported seed: exit $code"; fi
sp="郑州市大数据管理局整体绩效目标"
cat >"$work/seed.json" <<JSON
{"指标": [{"match": {"项目": "$sp", "三级指标": "“一网通办”便民利企高频事项"}, "set": {"实际完成值": "320项"}}],
 "项目": [{"match": {"项目": "$sp"}, "set": {"全年预算": 9653.46, "全年执行": 9200.12, "实际完成情况": "全年值守无中断"}}]}
JSON
python3 "$fill" "$work/seed.xlsx" "$work/seedf.xlsx" "$work/seed.json" >/dev/null || fail "filling the seed's workbook"
"$bin" score --actuals "$work/seedf.xlsx" --format json "$work/seed.jx" >"$work/s.json" 2>"$work/err"
code=$?
# the imported table has no weights: no 结论 (exit 0 with warnings)
if [ "$code" = 0 ]; then ok; else fail "score of the filled seed: exit $code"; fi
# the project has the table's 资金 rows with 年初预算 alone (seed lines 469–470: 部门预算总额
# 9653.46, the total, read as the 年度资金总额 row; 财政性资金 9653.46 a source): the filled
# 全年预算 and 全年执行 go onto the 年度资金总额 row beside its 年初预算, so no row is made and
# nothing is warned (the warning for a 年初预算 left empty is tested in test_actuals.c and
# test_submission_roundtrip.sh); 9200.12 / 9653.46 = 0.9530386… → 95.30 %; the source row
# gives no 全年预算 or 全年执行, so no rate (null)
same "seed: no 年初预算 warning" "$(grep -c '没有填写年初预算' "$work/err")" 0
same "seed funds" "$(jget "$work/s.json" "[(f['source'],f['initial'],f['budget'],f['spent'],f['rate']) for p in d['projects'] if p['name']=='$sp' for f in p['funds']]")" \
  "[('年度资金总额', 9653.46, 9653.46, 9200.12, 95.3), ('财政性资金', 9653.46, None, None, None)]"
same "seed actual" "$(jget "$work/s.json" "[i['actual'] for p in d['projects'] if p['name']=='$sp' for i in p['indicators'] if i['path'][-1]=='“一网通办”便民利企高频事项']")" "['320项']"
"$bin" score --actuals "$work/seedf.xlsx" "$work/seed.jx" 2>/dev/null | grep -q '全年值守无中断' && ok || fail "seed: 实际完成情况 shown"

# --- the CSV template's project columns ---------------------------------------------------------
cat >"$work/p.jx" <<'JX'
项目 "资金往返" {
    金额单位 万元
    资金 一般公共预算资金 年初预算 100 全年预算 100 全年执行 90
    产出指标 100 {
        数量指标 100 {
            接入系统数量 ≥60个 权重 60
            工作效率 定性 "提升" 权重 40
        }
    }
}
JX
"$bin" template -o "$work/p.csv" "$work/p.jx" 2>/dev/null
# the first row carries 金额单位; fill: row 2 the amounts and 实际完成情况, row 3 目标偏离原因
# (a project's cells may be on any of its rows) and 全年预算 again, the same number written otherwise;
# 年初预算 ($15) left empty. Columns: 13 of the indicator, 金额单位 14, 年初预算 15, 全年预算 16,
# 全年执行 17, 实际完成情况 18, 目标偏离原因 19, 整改措施 20.
awk -F, -v OFS=, '
NR == 1 { print; next }
$6 == "接入系统数量" { $10 = "45"; $16 = "100"; $17 = "80"; $18 = "按期完成" }
$6 == "工作效率"     { $10 = "提升"; $11 = "达成"; $16 = "100.00"; $19 = "资金拨付延迟" }
{ print }' "$work/p.csv" >"$work/pf.csv"
if grep -q '^,,资金往返,产出指标,数量指标,接入系统数量,定量,≥60个,60,,,,,万元,,,,,,$' "$work/p.csv"; then ok; else
  fail "CSV template's first row"; cat "$work/p.csv"; fi
if head -1 "$work/p.csv" | grep -q ',金额单位,年初预算,全年预算,全年执行,实际完成情况,目标偏离原因,整改措施$'; then ok; else
  fail "CSV template's project columns"; head -1 "$work/p.csv"; fi
"$bin" score --actuals "$work/pf.csv" --format json "$work/p.jx" >"$work/p.json" 2>"$work/err"
code=$?
if [ "$code" = 0 ]; then ok; else fail "CSV with project columns: exit $code"; cat "$work/err"; fi
# 60 × 45 / 60 = 45.00, 工作效率 达成 40 × 100 % = 40.00 → 85.00 (良); the 年度资金总额 row made
# first: 年初预算 not given (null) / 100 / 80, rate 80.00 %; the source row as written
same "csv total" "$(jget "$work/p.json" "d['projects'][0]['total']")" 85.0
same "csv funds" "$(jget "$work/p.json" "[(f['source'],f['initial'],f['budget'],f['spent'],f['rate']) for f in d['projects'][0]['funds']]")" \
  "[('年度资金总额', None, 100, 80, 80.0), ('一般公共预算资金', 100, 100, 90, 90.0)]"
# the 年初预算 of the row made is not given because no row filled it: warned once, at the cell that made
# the row (row 2's 全年预算)
same "csv: 年初预算 warning" "$(grep -c '^[^ ]*pf.csv:2:[0-9]*: warning: 第 2 行（项目“资金往返”）没有填写年初预算.*请在模板中填写年初预算 \[actuals\]$' "$work/err")" 1
# 年初预算 filled on row 3 (工作效率): the row made has it, 100 / 100 / 80, and no warning
awk -F, -v OFS=, '$6 == "工作效率" { $15 = "100" } { print }' "$work/pf.csv" >"$work/pi.csv"
"$bin" score --actuals "$work/pi.csv" --format json "$work/p.jx" >"$work/pi.json" 2>"$work/err"
code=$?
if [ "$code" = 0 ] && ! grep -q '年初预算' "$work/err"; then ok; else fail "年初预算 filled: exit $code"; cat "$work/err"; fi
same "csv funds with 年初预算" "$(jget "$work/pi.json" "[(f['source'],f['initial'],f['budget'],f['spent']) for f in d['projects'][0]['funds']]")" \
  "[('年度资金总额', 100, 100, 80), ('一般公共预算资金', 100, 100, 90)]"
# 年初预算 filled differently on rows 2 and 3: an error naming both, as for the other cells
awk -F, -v OFS=, '$6 == "接入系统数量" { $15 = "90" } { print }' "$work/pi.csv" >"$work/pic.csv"
"$bin" score --actuals "$work/pic.csv" "$work/p.jx" >/dev/null 2>"$work/err"
code=$?
if [ "$code" = 1 ] && grep -q '第 3 行（项目“资金往返”）的年初预算“100”与第 2 行的“90”不一致，每个项目只能填一个；按第 2 行' "$work/err"
then ok; else fail "conflicting 年初预算: exit $code"; cat "$work/err"; fi
# …and a negative one is refused at its cell
sed 's/,100,100\.00,/,-1,100.00,/' "$work/pi.csv" >"$work/pin.csv"
"$bin" score --actuals "$work/pin.csv" "$work/p.jx" >/dev/null 2>"$work/err"
code=$?
if [ "$code" = 1 ] && grep -q '年初预算“-1”为负数' "$work/err"; then ok; else fail "negative 年初预算: exit $code"; cat "$work/err"; fi
# a template from before 年初预算 (its project columns 全年预算 … 整改措施) reads as before:
# the same funds, the same warning
cut -d, -f1-14,16- "$work/pf.csv" >"$work/pold.csv"
"$bin" score --actuals "$work/pold.csv" --format json "$work/p.jx" >"$work/pold.json" 2>"$work/err"
code=$?
same "pre-年初预算 template exit" "$code" 0
same "pre-年初预算 template funds" "$(jget "$work/pold.json" "[(f['source'],f['initial'],f['budget'],f['spent']) for f in d['projects'][0]['funds']]")" \
  "[('年度资金总额', None, 100, 80), ('一般公共预算资金', 100, 100, 90)]"
if grep -q '没有填写年初预算' "$work/err"; then ok; else fail "pre-年初预算 template: warned"; cat "$work/err"; fi
"$bin" score --actuals "$work/pf.csv" "$work/p.jx" 2>/dev/null >"$work/pform"
grep -q '按期完成' "$work/pform" && grep -q '资金拨付延迟' "$work/pform" && ok || fail "CSV project texts shown"
# two rows with different 全年预算: an error naming both rows, exit 1
sed 's/,100\.00,,,资金拨付延迟/,120,,,资金拨付延迟/' "$work/pf.csv" >"$work/pc.csv"
"$bin" score --actuals "$work/pc.csv" "$work/p.jx" >/dev/null 2>"$work/err"
code=$?
if [ "$code" = 1 ] && grep -q '第 3 行（项目“资金往返”）的全年预算“120”与第 2 行的“100”不一致' "$work/err"; then ok; else
  fail "conflicting 全年预算: exit $code"; cat "$work/err"; fi
# a negative amount is refused at its cell
sed 's/,80,按期完成/,-5,按期完成/' "$work/pf.csv" >"$work/pn.csv"
"$bin" score --actuals "$work/pn.csv" "$work/p.jx" >/dev/null 2>"$work/err"
code=$?
if [ "$code" = 1 ] && grep -q '全年执行“-5”为负数' "$work/err"; then ok; else fail "negative 全年执行: exit $code"; cat "$work/err"; fi
# a project row naming no project is reported as before (actuals-unused)
printf '项目,全年预算\n别的项目,5\n' >"$work/pu.csv"
"$bin" score --actuals "$work/pu.csv" "$work/p.jx" >/dev/null 2>"$work/err"
if grep -q 'actuals-unused' "$work/err" && grep -q '别的项目' "$work/err"; then ok; else fail "unknown project row reported"; cat "$work/err"; fi

# --- an old template (11 columns, 偏差原因) is still read ----------------------------------------
printf '\xEF\xBB\xBF项目,主管部门,单位,一级指标,二级指标,三级指标,年度指标值,权重,实际完成值,偏差原因,评定\n' >"$work/old.csv"
printf '资金往返,,,产出指标,数量指标,接入系统数量,≥60个,60,30,旧模板原因,\n' >>"$work/old.csv"
printf '资金往返,,,产出指标,数量指标,工作效率,提升,40,提升,,部分达成\n' >>"$work/old.csv"
"$bin" score --actuals "$work/old.csv" --format json "$work/p.jx" >"$work/old.json" 2>/dev/null
code=$?
# 60 × 30 / 60 = 30.00, 部分达成 40 × 70 % = 28.00 → 58.00 (差); the funds as the rule file
same "old template exit" "$code" 0
same "old template total" "$(jget "$work/old.json" "d['projects'][0]['total']")" 58.0
same "old template funds" "$(jget "$work/old.json" "len(d['projects'][0]['funds'])")" 1
"$bin" score --actuals "$work/old.csv" "$work/p.jx" 2>/dev/null | grep -q '旧模板原因' && ok || fail "old 偏差原因 read"

finish test_template_xlsx
