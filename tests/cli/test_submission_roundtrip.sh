#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The submission round trip, whole: a seed's 绩效目标表 imported (weights shared out
# equally) → `template -o t.xlsx` → filled by another program (fill_template_xlsx.py:
# Python's zipfile + xml.etree, not libxlsxwriter) → `score --actuals t.xlsx --format jx
# -o filled.jx` → `audit filled.jx`. Every value typed is in filled.jx, the totals are
# the ones worked out by hand below, scoring filled.jx again gives the same, and a cell
# the template locks is locked.
# Usage: test_submission_roundtrip.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

root=$(cd "$(dirname "$0")/../.." && pwd)
fill="$(dirname "$0")/fill_template_xlsx.py"
seed=$(ls "$root"/tests/import/seeds/003_*.txt)
sp=郑州市大数据管理局整体绩效目标

# same WHAT GOT WANT
same() { if [ "$2" = "$3" ]; then ok; else fail "$1: got '$2', want '$3'"; fi; }
# jget FILE EXPR: a python expression over d (the JSON document), printed
jget() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# --- import, template ------------------------------------------------------------------------
expect 0 "import --weights equal" -- "$bin" import --weights equal -o "$work/seed.jx" "$seed"
expect 0 "template -o t.xlsx" -- "$bin" template -o "$work/t.xlsx" "$work/seed.jx"

# --- fill: every weighted indicator of one project, and its project cells ----------------------
# (年初预算 9653.46 as the seed's table gives its 部门预算总额; the project has no 资金 row, so
# the 年度资金总额 row is made from these cells)
# The import shares out the weights (its comment in seed.jx): 产出指标 60 over 8 indicators,
# 7.50 each; 效益指标 30 over 3, 10.00 each; 满意度 10 over 2, 5.00 each; 投入管理指标 0.
cat >"$work/spec.json" <<JSON
{"指标": [
  {"match": {"项目": "$sp", "三级指标": "“一网通办”便民利企高频事项"}, "set": {"实际完成值": "320项"}},
  {"match": {"项目": "$sp", "三级指标": "政务云平台系统部署数量"}, "set": {"实际完成值": "8个", "偏差原因分析及改进措施": "两个系统延至次年部署"}},
  {"match": {"项目": "$sp", "三级指标": "全市各部门设备托管"}, "set": {"实际完成值": "120个"}},
  {"match": {"项目": "$sp", "三级指标": "短信平台对接政务系统"}, "set": {"实际完成值": "14个"}},
  {"match": {"项目": "$sp", "三级指标": "实现证照调用和数据共享的业务应用系统数量"}, "set": {"实际完成值": "10个"}},
  {"match": {"项目": "$sp", "三级指标": "完成全市政务部门安全检查"}, "set": {"实际完成值": "27个", "偏差原因分析及改进措施": "3个部门机房搬迁"}},
  {"match": {"项目": "$sp", "三级指标": "完成全市政务信息系统等保测评"}, "set": {"实际完成值": "12个"}},
  {"match": {"项目": "$sp", "三级指标": "郑州市绕城高速内0.1米分辨率航飞摄影面积"}, "set": {"实际完成值": "1200平方公里"}},
  {"match": {"项目": "$sp", "三级指标": "全市数字化建设水平"}, "set": {"实际完成值": "有所提高", "评定": "部分达成", "得分": 7, "偏差原因分析及改进措施": "三期建设刚启动"}},
  {"match": {"项目": "$sp", "三级指标": "政务网络及应用系统运行稳定性"}, "set": {"实际完成值": "提升"}},
  {"match": {"项目": "$sp", "三级指标": "数据共享量（支撑应用系统）"}, "set": {"实际完成值": "20个"}},
  {"match": {"项目": "$sp", "三级指标": "数据使用单位对数据共享提供服务满意程度"}, "set": {"实际完成值": "90%"}},
  {"match": {"项目": "$sp", "三级指标": "市直各单位对本单位信息化建设方案技术审核结果满意"}, "set": {"实际完成值": "80%", "偏差原因分析及改进措施": "响应时间偏长"}}
 ],
 "项目": [
  {"match": {"项目": "$sp"},
   "set": {"年初预算": 9653.46, "全年预算": 9653.46, "全年执行": 9200.12, "实际完成情况": "城市大脑二期全面应用",
           "目标偏离原因": "机房搬迁影响安全检查", "整改措施": "次年一季度补检"}}
 ]}
JSON
python3 "$fill" "$work/t.xlsx" "$work/f.xlsx" "$work/spec.json" >"$work/locks" 2>"$work/err"
if [ $? = 0 ]; then ok; else fail "filling the workbook"; cat "$work/err"; fi
# the template's protection: both sheets protected, the 项目 cell (C) of a row locked, the
# cells typed into unlocked
if [ "$(grep -c 'protected=1$' "$work/locks")" = 2 ]; then ok; else fail "both sheets protected"; cat "$work/locks"; fi
if grep -q '^C[0-9]* locked=1$' "$work/locks" && ! grep -q '^C[0-9]* locked=0$' "$work/locks"; then ok; else fail "项目 cells locked"; fi
if ! grep -v '^C' "$work/locks" | grep -q 'locked=1'; then ok; else fail "typed cells unlocked"; cat "$work/locks"; fi

# --- one file to submit ----------------------------------------------------------------------
expect 0 "score --actuals f.xlsx --format jx -o filled.jx" -- \
  "$bin" score --actuals "$work/f.xlsx" --format jx -o "$work/filled.jx" "$work/seed.jx"
# 年初预算 was filled: no warning that it is taken as 0
"$bin" score --actuals "$work/f.xlsx" "$work/seed.jx" >/dev/null 2>"$work/err"
if ! grep -q '没有填写年初预算' "$work/err"; then ok; else fail "年初预算 filled, yet warned"; cat "$work/err"; fi
# every value typed is in it, on the line of its indicator or in the project's fields
has_line() { if grep -qE -- "$2" "$1"; then ok; else fail "filled.jx lacks: $2"; fi; }
f=$work/filled.jx
has_line "$f" '“一网通办”便民利企高频事项 .*实际 320项'
has_line "$f" '政务云平台系统部署数量 .*实际 8个 偏差 "两个系统延至次年部署"'
has_line "$f" '全市各部门设备托管 .*实际 120个'
has_line "$f" '短信平台对接政务系统 .*实际 14个'
has_line "$f" '实现证照调用和数据共享的业务应用系统数量 .*实际 10个'
has_line "$f" '完成全市政务部门安全检查 .*实际 27个 偏差 "3个部门机房搬迁"'
has_line "$f" '完成全市政务信息系统等保测评 .*实际 12个'
has_line "$f" '航飞摄影面积 .*实际 1200平方公里'
has_line "$f" '全市数字化建设水平 .*实际 "有所提高" 偏差 "三期建设刚启动" 评定 部分达成 得分 7'
has_line "$f" '政务网络及应用系统运行稳定性 .*实际 "?提升"?'
has_line "$f" '数据共享量（支撑应用系统） .*实际 20个'
has_line "$f" '数据使用单位对数据共享提供服务满意程度 .*实际 90%'
has_line "$f" '市直各单位对本单位信息化建设方案技术审核结果满意 .*实际 80% 偏差 "响应时间偏长"'
has_line "$f" '资金 年度资金总额 年初预算 9653.46 全年预算 9653.46 全年执行 9200.12'
has_line "$f" '完成情况 "城市大脑二期全面应用"'
has_line "$f" '偏离原因 "机房搬迁影响安全检查"'
has_line "$f" '整改措施 "次年一季度补检"'
# the department's claims only where it made them: the one 得分 typed, no 总分 or 结论
same "claims in filled.jx" "$(grep -c '得分 \|总分 \|结论 ' "$f")" 1

# --- the bureau's side: audit filled.jx ----------------------------------------------------------
# By hand (docs/scoring.md), the weighted indicators of 郑州市大数据管理局整体绩效目标:
#   ≥300项, 320项:            met                      7.50
#   ≥10个, 8个:               7.50 × 8 / 10          = 6.00
#   ≥100个, 120个:            met                      7.50
#   ≥14个, 14个:              met                      7.50
#   ≥10个, 10个:              met                      7.50
#   ≥30个, 27个:              7.50 × 27 / 30         = 6.75
#   ≥10个, 12个:              met                      7.50
#   =1200平方公里, 1200:      met                      7.50   产出 57.75
#   定性 "提高", 部分达成 得分 7: inside [6.00, 8.00) (70 % band of 10) = 7.00
#   定性 "提升", "提升":      the texts agree, 达成    10.00
#   =20个, 20个:              met                     10.00   效益 27.00
#   ≥85%, 90%:                met                      5.00
#   ≥85%, 80%:                5.00 × 80 / 85 = 4.7058… = 4.71  满意度 9.71
#   the 19 投入管理指标 at weight 0: 0
#   总分 57.75 + 27.00 + 9.71 = 94.46 → 优 (≥ 90)
"$bin" audit --format json "$f" >"$work/audit.json" 2>"$work/err"
same "audited projects" "$(jget "$work/audit.json" "d['summary']['projects']")" 7
same "the filled project's total" "$(jget "$work/audit.json" "[p['total'] for p in d['projects'] if p['name']=='$sp']")" "[94.46]"
same "…and its grade" "$(jget "$work/audit.json" "[p['grade'] for p in d['projects'] if p['name']=='$sp']")" "['优']"
# its funds counted: 9653.46 and 9200.12 万元
same "…and its funds" "$(jget "$work/audit.json" "[(p['funds']['budget'], p['funds']['spent']) for p in d['projects'] if p['name']=='$sp']")" "[(9653.46, 9200.12)]"
# the same as scoring the inputs: the template and the rule file
"$bin" score --actuals "$work/f.xlsx" --format json "$work/seed.jx" >"$work/direct.json" 2>/dev/null
"$bin" score --format json "$f" >"$work/again.json" 2>/dev/null
pick="[(p['name'], p['total'], p['grade']) for p in d['projects']]"
same "filled.jx scores as the inputs" "$(jget "$work/again.json" "$pick")" "$(jget "$work/direct.json" "$pick")"
# and filled.jx written again is the same bytes
"$bin" score --format jx "$f" >"$work/again.jx" 2>/dev/null
if cmp -s "$f" "$work/again.jx"; then ok; else fail "score --format jx is not idempotent on filled.jx"; diff "$f" "$work/again.jx" | head; fi

finish test_submission_roundtrip
