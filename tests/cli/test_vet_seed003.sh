#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `jixiao vet` on seed 003 (郑州市大数据管理局, 2021 部门预算说明), read as it is through the
# importer (zz-target): the projects, every finding code, the rows behind each and each
# project's 审核结果, all worked out by hand from the seed text and the rules of
# docs/vet.md and docs/checks.md. Line numbers below are the seed file's.
# Usage: test_vet_seed003.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

seed=$here/../import/seeds/003_e426a0e6973cc52b.txt

. "$(dirname "$0")/vet_lib.sh"

# --- the projects ------------------------------------------------------------------------
# Rows 1-454 are the 部门预算说明 and its budget tables (收支, 采购): no targets. Then come
# seven target tables, each one project:
#   456  市级部门（单位）整体绩效目标申报表, the department as a whole (单位 郑州市大数据管理局):
#        its header rows 460-473 give the name, the 年度履职目标 (461, its 年度目标), the
#        年度主要任务 (462-468, text, no indicators) and the money — 部门预算总额 and 财政性资金
#        9653.46 万元 (469-470; 471 其他资金 is empty, 472-473 资金结构 split the same money).
#        Its indicator rows are 475-507 (483 blank): 32 indicators, vetted like any project's,
#        under the 一级 投入管理指标, 产出指标, 效益指标 and 满意度. Rows 503-504 are shifted two
#        cells right ("<TAB><TAB>效益指标<TAB>履职效益<TAB>全市数字化建设水平<TAB>提高…"): the
#        一级 效益指标, the 二级 履职效益, as in every other row of the table; 505 carries the
#        name in the first cell (same groups), 506-507 the 一级 满意度 and no 二级.
#   509, 560, 608, 658, 710, 762  郑州市大数据管理局机关支出项目绩效目标表, one project each
#        (单位 113001 郑州市大数据管理局机关), 年度绩效目标 on 529, 580, 628, 678, 731, 783, the
#        indicators from the row after 一级指标/二级指标/三级指标/目标值 (530, 581, 629, 679, 732,
#        784) to the next table. A group row with no 三级 (资产管理 543, 成本 547, 满意度 552,
#        经济效益, 人力资源 …) is an empty category, no indicator.
# 7 projects (the 说明 at row 185 counts the 6 project tables).
# Indicators per project, and how many have a 定性 target (words, not a number):
#   456: 32 (475-507), 定性 11: 475-478, 486-490, 503 提高, 504 提升
#   509: 18 (531, 533-542, 544-546, 549, 550, 555, 557), 定性 12: 533, 535-542, 546, 555, 557
#   560: 16 (582, 583, 585-591, 593-595, 598, 600, 601, 604), 定性 12: 583, 586-591, 594,
#        595, 598, 601, 604
#   608: 18 (630-634, 636-641, 643-645, 648, 650, 651, 654), 定性 11: 631, 633, 634, 636-641
#        (641 合格率百分比: words, no digit), 651, 654
#   658: 21 (681-690, 692-695, 698-700, 702, 703, 706, 707), 定性 14: 682, 684-690, 694, 695,
#        700, 702, 703, 706
#   710: 19 (733-735, 737-742, 744-748, 751, 752, 754, 755, 757), 定性 14: 734, 737-742, 746,
#        748, 751, 752, 754, 755, 757
#   762: 38 (785-796, 798-813, 815-818, 820-822, 824, 825, 828), 定性 21: 786, 788-796,
#        810 (empty, read as 定性 ""), 811-813, 815, 816, 820-822, 825, 828
# Rows 702, 754 and 824 ("满意度<TAB>NAME<TAB>VALUE") and 811-813 ("<TAB>NAME<TAB><TAB>VALUE")
# sit one cell left: the name, then its value (824's is ≥85%, so 702's 满意 and 754's 满意 are
# values too). Row 810 ("<TAB><TAB>质量<TAB>通信网络运行") sits one cell right: the 二级 质量 and
# the indicator 通信网络运行, whose value is missing (811-816 are that group's other rows).
# No indicator in the seed has a weight, so the parser's missing-weight findings are dropped
# (docs/vet.md, Weights).
"$bin" vet --format csv "$seed" >"$work/out" 2>"$work/err"
rc=$?
table
# one error-level finding (cost-over-budget, below): exit 1 and the count on stderr
is "seed 003: exit status" "$rc" 1
if grep -q "审核发现 1 个错误" "$work/err"; then ok; else fail "seed 003: stderr says 审核发现 1 个错误"; fi
is "seed 003: projects" "$(awk -F'\t' 'NR > 1 {print $1 "|" $3}' "$work/rows" | sort -u | wc -l | tr -d ' ')" 7
# the indicators of each project, as listed above (the CSV has a row for each indicator, or
# one per finding about it: distinct 一级/二级/三级 names)
is "seed 003: indicators per project" \
  "$(awk -F'\t' 'NR > 1 && $14 != "" && !seen[$3 "|" $12 "|" $13 "|" $14]++ {n[$3]++}
      END {for (p in n) print p ":" n[p]}' "$work/rows" | sort -n | tr '\n' ' ' | sed 's/ $//')" \
  "456:32 509:18 560:16 608:18 658:21 710:19 762:38"

# --- 完整性 -------------------------------------------------------------------------------
# implicit-sign (the parser's, under 完整性): a number target written without ≥ ≤ = > <.
# 456: 479 专项资金细化率, 485 政府采购执行率, 491 绩效监控完成率, 492 绩效自评完成率, 494
# 评价结果应用率, each "100%"; 762: 817 故障和电话技术支持 "7*24 小时", a product read as 168
# 小时 with no sign (docs/dsl.md). Every other number target has its sign: 6.
is "seed 003: implicit-sign" "$(code_count implicit-sign)" 6
is "seed 003: implicit-sign rows" "$(rows implicit-sign)" "479 485 491 492 494 817"
# missing-level2: 产出 without a 数量, 质量, 时效 or 成本 二级 group (成本 required by default),
# one finding naming all that are missing.
#   456: 产出指标 has the one 二级 履职目标和主要任务完成情况 (495-502) → all four missing;
#   509, 560, 608, 658: 产出目标 has 数量, 质量, 时效 and a 成本 row with nothing under it
#        (547, 596, 646, 696) → 成本 missing;
#   710: 数量 744, 质量 746, 时效 747; 成本 stands alone in the first cell of 749 with nothing
#        under it → 成本 missing;
#   762: 数量 798, 质量 810, 时效 817, 成本 818 → none.
# 6.
is "seed 003: missing-level2" "$(code_count missing-level2)" 6
is "seed 003: missing-level2, the groups missing per project" \
  "$(per_project '$9 == "missing-level2" {m = $11; sub(/.*：/, "", m); gsub(/指标|、/, "", m); print $3 ":" m}')" \
  "456:数量质量时效成本 509:成本 560:成本 608:成本 658:成本 710:成本"
# missing-target: row 810 通信网络运行 has no value (above); every other indicator has one: 1.
is "seed 003: missing-target" "$(code_count missing-target)" 1
is "seed 003: missing-target row" "$(rows missing-target)" 810
# missing-unit: a number target, not a percentage, without a unit, in a 二级 group of 数量:
# 658: 693 服务人次 ≥12; 710: 744 完成全市政务部门安全检查 =30, 745 完成全市政务信息系统等保测评
# =10. The other 数量 rows have units (544 项, 593 人, 643 平方公里, 692 套, 798-809 个/条/张);
# 648 市直部门使用数量 ≥8 has none but sits under 社会效益, not 数量: 3.
is "seed 003: missing-unit" "$(code_count missing-unit)" 3
is "seed 003: missing-unit rows" "$(rows missing-unit)" "693 744 745"
# missing-goal: all seven have a 年度目标 (461, 529, 580, 628, 678, 731, 783): 0.
# missing-level1: each has 产出 (产出指标 / 产出目标) and 效益 (效益指标 / 效果目标): 0.

# --- 相关性 -------------------------------------------------------------------------------
# qualitative-share: 定性 above 50 % of the project's indicators, strictly (counts above):
# 456 11/32 = 34.38 % no; 509 12/18 = 66.67 %, 560 12/16 = 75 %, 608 11/18 = 61.11 %, 658
# 14/21 = 66.67 %, 710 14/19 = 73.68 %, 762 21/38 = 55.26 % (20/37 = 54.05 % even with 810's
# empty value left out): 6.
is "seed 003: qualitative-share" "$(code_count qualitative-share)" 6
is "seed 003: qualitative-share, 定性 of all per project" \
  "$(per_project '$9 == "qualitative-share" {m = $11; sub(/.*的 /, "", m); split(m, a, " "); print $3 ":" a[3] "/" a[1]}')" \
  "509:12/18 560:12/16 608:11/18 658:14/21 710:14/19 762:21/38"
# vague-target: a 定性 target made only of 提升/提高/有所提高/明显/较好/持续/进一步:
# 456: 503 提高, 504 提升; 710: 751 提高; 762: 820 提高, 821 提升, 822 提高. The other texts
# (合理, 健全, 及时, 良好, 满意, 稳定, 完整、准确 …) say something else: 6.
is "seed 003: vague-target" "$(code_count vague-target)" 6
is "seed 003: vague-target rows" "$(rows vague-target)" "503 504 751 820 821 822"
# duplicate-indicator: no 三级 name twice within a project (746 上云应用系统的安全稳定性 and
# 752 上云应用系统安全稳定性 differ by 的): 0.
# overlapping-projects: 456 is its own 单位; the six 113001 tables share their 投入与目标管理
# names (预算执行率 … 项目验收规范性) and a few more (1, 配套设施配备完整性, 档案管理机制健全性),
# never more than 12 names between two tables, while every table has 16 or more: the
# overlap is at most 12/16 = 75 % (the highest pair, 608 against 560, 11 of 23 = 47.83 %),
# below 80 %: 0.

# --- 适当性 -------------------------------------------------------------------------------
# satisfaction-target: every percentage 满意度 target lies from 80 % to below 100 %: 506, 507
# and 824 ≥85%, 550 and 600 ≥90%, 650 市直各部门满意度 ≥80% (at the floor, not below); 700,
# 702 and 754 are words: 0.
# target-always-met: no ≥ 0; the ≤ rates (481, 482 ≤10%) are far below 100 %, and 484
# “三公经费”控制 ≤99% is no rate: 0. target-lowered, -before, target-flat: no 上年 or 前年: 0.

# --- 可行性 -------------------------------------------------------------------------------
# cost-over-budget (an error): a 成本 indicator with a cap (≤ < =) in money above the
# project's 全年预算, "or its 年初预算 when the 全年预算 is 0 (a table before the year)"
# (docs/vet.md). A 目标表 is that table: its money is the 年初预算 alone, nothing is budgeted
# for the whole year yet (docs/import.md: "a 目标表 has nothing spent yet: 资金 年初预算 360"),
# so the 年初预算 is the budget the cap is held against. 762's only 成本 indicator, row 818,
# caps 市政务网络、云、机房及业务系统建设维护经费 at =122586100 万元; the table gives the project
# 73586100.00 (row 771, 项目本年度金额, in 元 — the form's 金额单位 — 7358.61 万元 as row 113
# says) and no 全年预算. 122586100 万元 is above 7358.61 万元: 1. No other
# table has a 成本 indicator (by name or under a 成本 group).
is "seed 003: cost-over-budget" "$(code_count cost-over-budget)" 1
is "seed 003: cost-over-budget row" "$(rows cost-over-budget)" 818
# execution-target-low: 预算执行率 480 ≥95%, the others =100%: none below 90 %: 0.

# --- nothing else ---------------------------------------------------------------------------
codes_are "seed 003" "cost-over-budget=1 implicit-sign=6 missing-level2=6 missing-target=1 missing-unit=3 qualitative-share=6 vague-target=6"
errors_are "seed 003" 1
# every row is read: the shifted rows (503-507, 702, 754, 810-813, 824) are placed with a
# shifted-row warning on stderr, none is left unread, no value unreadable
all_read "seed 003"
# the import's own warning for row 810's missing value goes to stderr
if grep -q "003_e426a0e6973cc52b.txt:810:.*\[empty-value\]" "$work/err"; then ok
else fail "the import's warning on row 810 on stderr"; fi

# --- 审核结果 --------------------------------------------------------------------------------
# 456: implicit-sign, missing-level2 (完整性) and vague-target (相关性): 2 aspects → 中;
# 509, 560, 608: missing-level2 (完整性), qualitative-share (相关性) → 中; 658 the same with
# missing-unit → 中; 710 missing-level2, missing-unit, vague-target, qualitative-share → 中;
# 762 the error cost-over-budget → 差.
is "seed 003: the result of each project" \
  "$(per_project 'NR > 1 {print $3 ":" $6}')" \
  "456:中 509:中 560:中 608:中 658:中 710:中 762:差"

finish test_vet_seed003
