#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program test of `jixiao vet` on seed 004 (tests/import/seeds/004_6deff1062909ad4a.txt),
# read as it is through the importer: the projects, each project's 审核结果 and, for every
# finding code, the seed rows it is reported at, all worked out by hand from the seed text
# and the rules of docs/vet.md and docs/checks.md. Row numbers below are lines of the seed.
# Usage: test_vet_seed004.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

s004=$here/../import/seeds/004_6deff1062909ad4a.txt

is() { if [ "$2" = "$3" ]; then ok; else fail "$1: got $2, want $3"; fi; }
# The CSV report is 项目,文件,行,主管部门,单位,审核结果,方面,严重程度,代码,位置,说明; no
# field before 说明 holds a comma here, so columns 1–10 split on commas.
# code_lines CODE: the seed rows (位置 is FILE:ROW) of the findings of CODE, in order
code_lines() {
  awk -F, -v c="$1" '$9 == c { sub(/.*:/, "", $10); print $10 }' "$work/csv" | sort -n | tr '\n' ' ' | sed 's/ $//'
}
code_count() { awk -F, -v c="$1" '$9 == c' "$work/csv" | wc -l | tr -d ' '; }
# check CODE ROWS…: CODE is reported at exactly these rows, as many times as listed
check() {
  local code=$1
  shift
  local want="$*"
  is "seed 004: $code rows" "$(code_lines "$code")" "$want"
  is "seed 004: $code count" "$(code_count "$code")" "$#"
}
# finding CODE ROW: the CSV lines of CODE at ROW
finding() { awk -F, -v c="$1" -v r="$2" '$9 == c && $10 ~ (":" r "$")' "$work/csv"; }

# one error-level finding (AK 项目质保金 has no indicator, below): exit 1, the report kept
expect 1 "seed 004 is vetted (one error-level finding)" -- "$bin" vet --format csv "$s004"
cp "$work/out" "$work/csv"
cp "$work/err" "$work/csv.err"

# --- what is read ----------------------------------------------------------------------
# Seed 004 is the 2023 部门预算说明 of 武汉经开区（汉南区）大数据中心, a wh-declare document: the
# 整体支出绩效目标申报表 (title row 420, 部门 on row 426) and ten 部门项目申报表 (title rows 638,
# 706, 767, 830, 897, 955, 1023, 1103, 1183, 1212; 项目名称 on rows 644, 712, 773, 836, 903,
# 961, 1029, 1109, 1189, 1218): 11 projects, each reported at its title row. 单位 is the
# 项目执行单位 (网群科 on rows 645 and 1219, 区大数据中心 on 962, 大数据中心 elsewhere).
# Each table has a 长期绩效目标表 and a 年度绩效目标表; the indicators are the rows of the
# 年度 table (docs/import.md, wh-declare), whose columns are 前年 | 上年 | 预计当年实现 (the
# target) | 指标值确定依据 (依据). A blank 一级 or 二级 cell is the one above (a merged cell).
# The 年度 rows: 543–632 (整体, 83 indicators), 694–704 (网上群众工作部服务中心, 9), 756–763
# (IT 外包服务项目, 7), 821–828 (全区政务网络…运维项目, 7), 885–895 (视频会议运维项目, 9),
# 949–953 (办公室租赁, 5), 1015–1020 (区政府门户网站运维服务, 5), 1087–1101 (政务云资源服务
# 采购项目, 15), 1168–1181 (2023年数据治理运维项目, 13), none for AK 项目质保金 (its table
# stops after 项目支出明细测算, row 1210), 1260–1265 (“民呼我应”…整合提升项目, 6): 159.
# Cells the PDF broke over two lines make one row each: 549+551, 609+611, 697+699, 890+892.
# The seed has no 权重 column anywhere, so no project has a weight and the parser's
# missing-weight findings are dropped (docs/vet.md, *Weights*).
is "seed 004: projects" "$(awk -F, 'NR > 1 {print $3}' "$work/csv" | sort -un | tr '\n' ' ' | sed 's/ $//')" \
  "420 638 706 767 830 897 955 1023 1103 1183 1212"

# --- 完整性 -------------------------------------------------------------------------------
# implicit-sign (parser, warning): a number target written without ≥ ≤ = > <. 定性 texts
# (每周五, 全年, 达标 …) are not numbers; -0%以内 reads as ≤0% (docs/dsl.md); 上年 and 前年
# never warn. Targets with no sign:
#   整体 547 100%, 549 24小时, 556 100%, 557 12个月, 563 12, 565 100M, 570 10M,
#        572 339.76平方米, 573 2000000人次, 574 7000, 577 10000M, 584 10000M, 589 1080P,
#        590 25路, 592 256路, 594 595 100%, 596 0, 603 604 100%, 612 90%, 623 100%   (22)
#   网上 700 12, 703 100% (2); IT 759 24小时 (1); 全区 821 100M, 827 100% (2);
#   视频 887 10M, 888 1080P, 889 25路, 890 256路, 895 100% (5);
#   办公室 949 339.76平方米, 951 100%, 952 90% (3);
#   门户 1015 2000000人次, 1016 1017 100%, 1018 7000, 1020 0 (5);
#   政务云 1091 10000M, 1095 12个月 (2); 数据治理 none (every target has ≥ or ≤);
#   民呼我应 1260 7, 1261 0 (2).                                        22+2+1+2+5+3+5+2+2 = 44
check implicit-sign 547 549 556 557 563 565 570 572 573 574 577 584 589 590 592 594 595 596 \
  603 604 612 623 700 703 759 821 827 887 888 889 890 895 949 951 952 1015 1016 1017 1018 \
  1020 1091 1095 1260 1261

# missing-unit (warning): a number target, not a %, without a unit, in a 数量 二级 group.
#   整体 562 ≥45, 563 12, 564 ≥26, 566 >160, 567 >160, 568 ≥12, 569 ≥3, 574 7000, 582 ≥12
#        (the other 数量指标 rows 565–586 carry M, 平方米, 人次, 核, GB, 个, 用户 or %)  (9)
#   网上 697 ≥45, 700 12 (2); IT 756 ≥26 (1); 全区 823 824 >160 (2); 视频 885 ≥12, 886 ≥3 (2);
#   门户 1018 7000 (1); 数据治理 1172 ≥12 (1); 民呼我应 1260 7 (1); 办公室 949 has 平方米 and
#   政务云 1089–1092 核, GB, M, %: none.                               9+2+1+2+2+1+1+1 = 19
# 563, 574, 700, 1018 and 1260 have neither a sign nor a unit: they are implicit-sign too.
check missing-unit 562 563 564 566 567 568 569 574 582 697 700 756 823 824 885 886 1018 1172 1260

# missing-goal (warning): no 年度目标. AK 项目质保金 (1183) has no 项目绩效总目标 at all;
# “民呼我应” (1212) has 年度绩效目标 1 on row 1247 with every cell empty and "....." on 1248.
# The others have one: rows 539, 677, 743, 806, 870, 936, 1001, 1064, 1144.          2
check missing-goal 1183 1212

# missing-level1 (warning): one finding per missing 一级 group of 产出 or 效益 (满意度 is
# 可选 by default). 效益 is missing in 网上 (638: 一级 of 694–704 are 产出, 满意度), 全区 (767:
# 产出 821–827, 满意度 828), 视频 (830: 产出 only), 办公室 (897: 949 names 产出指标 and the
# blank 一级 cells of 950–952 keep it, so 952's 社会效益指标 is a 二级 group under 产出;
# 953 满意度), 门户 (955: 产出 only). Not AK (1183): it has no indicator at all, which is
# missing-indicators (below), and its groups are not looked at.                      5
check missing-level1 638 767 830 897 955

# missing-indicators (error): a project without any indicator. AK 项目质保金 (1183) has a
# 申报表 head and no 年度绩效目标表 (its next project starts on 1212).                1
check missing-indicators 1183

# missing-level2 (warning): one finding per project whose 产出 has no 数量, 质量, 时效 or 成本
# 二级 group (成本 必需 by default), naming every group missing.
#   成本 missing: 网上 638 (时效, 数量, 质量), IT 706 (数量, 质量, 时效), 办公室 897 (数量,
#   质量, 时效, 社会效益), 民呼我应 1212 (数量, 质量, 时效). Not 政务云 1023 and 数据治理 1103:
#   their 成本指标 is a 一级 group of its own (rows 1087, 1168), as the 2021 tables set it;
#   质量 missing: 全区 767 (数量, 时效, 成本 — 质量 only in its 长期 table, 814–815);
#   时效 and 成本 missing: 门户 955 (数量, 质量), one finding naming both.
#   Not: 整体 (时效, 数量, 质量, 成本指标 under 产出), 视频 (数量, 质量, 时效, 成本), AK (no 产出
#   group to look under: missing-indicators).                                          6
check missing-level2 638 706 767 897 955 1212
if finding missing-level2 955 | grep -q "时效指标、成本指标"; then ok
else fail "seed 004: 门户 955 missing-level2 names 时效指标 and 成本指标"; fi

# --- 相关性 -------------------------------------------------------------------------------
# vague-target (warning): a 定性 target made only of 提升/提高/有所提高/明显/较好/持续/进一步.
#   614 615 616 提高; 626 (整体) and 762 (IT) 持续提升 = 持续 + 提升.                        5
#   Not: 逐步提升 (617, 1179, 1264; 逐步 is not one of the words), 持续整合 (609,
#   760), 持续发展 (613, 1099), 持续提供 (618, 627, 1180), 持续增加 (620, 624, 1097, 1178),
#   有效提高管理效率 (621, 1098), 节约, 达标, 长期, 每周五, 每月最后一个工作日, 全年.
check vague-target 614 615 616 626 762

# duplicate-indicator (warning): a 三级 name twice in one project, reported at each later
# one against the first.
#   整体: 项目按期完成率 558/560, 根据需求开通内存资源 576/583, 政务云带宽 577/584,
#   项目竣工验收合格率 597/599, 项目竣工验收优良率 598/600, 资金有效利用率 603/604,
#   成本控制率 605/606/607 (a third time: two findings, 606 and 607), 拉动社会需求，产生直接的
#   经济效益 620/624, 污染物排放量 608 (产出) / 625 (效益), 运维保障满意率 629/630       (11)
#   政务云: 污染物排放量 1088/1100                                                     (1)
#   Not: 项目完成率 578 / 项目实际完成率 585, 年度计划按期完成率 561 / 年度计划实际完成率 586,
#   月报 563 / 服务月报 582, 资金利用率 623; names shared by different projects.     11+1 = 12
check duplicate-indicator 560 583 584 599 600 604 606 607 624 625 630 1100
if finding duplicate-indicator 630 | grep -q "运维保障满意率.*第 629 行和第 630 行"; then ok
else fail "seed 004: 运维保障满意率 630 repeats 629"; fi
if finding duplicate-indicator 625 | grep -q "产出指标.*效益指标"; then ok
else fail "seed 004: 污染物排放量 625 is under 产出 (608) and 效益"; fi

# --- 适当性 -------------------------------------------------------------------------------
# satisfaction-target (warning): 满意 in the name (or 满意度 in the group's) and a ≥ > = %
# target of 100 % or more, or below 80 %.
#   632 周边居民满意率 ≥100%, 1101 使用者满意率 ≥100%, 1181 使用满意率 ≥100%.              3
#   Not: 628 704 ≥85%, 629 630 763 828 ≥95%, 631 953 ≥90%, 1265 用户满意度 ≥80% (80 is not
#   below 80).
check satisfaction-target 632 1101 1181
for r in 632:周边居民满意率 1101:使用者满意率; do
  if finding satisfaction-target "${r%%:*}" | grep -q "${r#*:}.*≥100%"; then ok
  else fail "seed 004: ${r#*:} ≥100% (row ${r%%:*}) is satisfaction-target"; fi
done

# target-lowered (warning): a ≥ or > target below 上年's number (≤ or < above it), in
# comparable units.
#   562 (整体) and 697 (网上) 周报 ≥45 against 上年 ≥48;
#   581 (整体) and 1171 (数据治理) 数据服务并发支持指标 ≥500用户 against 上年 2000, a year
#   without a unit taking the target's (docs/vet.md's own example).                     4
#   Every other ≥/> target is level with or above its 上年, every ≤ target level with it
#   (548 554 758 893 ≤1小时, 555 894 ≤12小时 against the same 上年); targets without a sign
#   have no direction (573 1015 2000000人次 against 1500000人次 is never lowered).
check target-lowered 562 581 697 1171
for r in 562 697; do
  if finding target-lowered $r | grep -q "周报.*≥45.*≥48"; then ok
  else fail "seed 004: 周报 ≥45 against 上年 ≥48 (row $r) is target-lowered"; fi
done

# target-lowered-before (note): the same against 前年 when 上年 does not show it.
#   575 (整体) and 1089 (政务云) CPU ≥1900核: 上年 1900核 level, 前年 2700核 above;
#   576 (整体) and 1090 (政务云) 内存 ≥5000GB: 上年 5000GB level, 前年 7200GB above.         4
#   Other 前年 figures are below a ≥ target (566 567 823 824 >120, 568 885 ≥6, 585 ≥60%,
#   628 704 ≥75%, 629 630 763 828 ≥90%) or above a ≤ one (548 554 758 893 ≤2小时,
#   555 894 ≤24小时): stricter now, not lowered.
check target-lowered-before 575 576 1089 1090
for r in 575:2700核 1089:2700核 576:7200GB 1090:7200GB; do
  if finding target-lowered-before "${r%%:*}" | grep -q "${r#*:}"; then ok
  else fail "seed 004: row ${r%%:*} is target-lowered-before against 前年 ${r#*:}"; fi
done

# target-flat (note): target, 上年 and 前年 the same number (a year without a sign taking
# the target's sign, without a unit or % the target's), or the same 定性 text. A 前年 of
# "-" or "/" is no year, so such a row is never flat.
#   整体 (42): 543 ≤24小时; 544 545 546 the same text; 547 100%; 549 24小时; 552 553 ≤2小时;
#     557 12个月; 558 578 597 598 100% 100% ≥100% (the years take ≥); 561 586 601 602 ≥100%;
#     563 12; 564 ≥26; 565 100M; 569 ≥3; 570 10M; 577 10000M; 583 ≥4000GB; 587 ≤0; 588 ≤5%;
#     590 25路; 592 256路; 594 595 603 604 623 100%; 596 0; 605 -0%以内 (≤0%) three times;
#     606 0 0 ≤0% (the years take ≤ and %); 607 608 ≤0%; 622 节约; 625 0% 0% ≤0%;
#     627 持续提供; 632 ≥100%.
#     Not: 前年 "-" or "/" (556 559 560 572 579–582 593 599 600 612 617 618 624 631) and the
#     rows whose cells differ (548 554 555 562 566–568 573–576 584 585 589 609 613–616 620
#     621 626 628–630): 16 + 25 + 42 = 83.
#   网上 (7): 694 ≤24小时; 695 696 702 the same text; 700 12; 701 ≤0; 703 100%.
#   IT (3): 756 ≥26; 757 ≤5%; 759 24小时.
#   全区 (4): 821 100M; 825 826 ≤2小时; 827 100%.
#   视频 (5): 886 ≥3; 887 10M; 889 25路; 890 256路; 895 100%.
#   办公室 (0): every row's 前年 is "-".
#   门户 (3): 1016 1017 100%; 1020 0.
#   政务云 (10): 1087 1088 ≤0%; 1091 10000M; 1092 1093 1094 1096 1101 100% 100% ≥100%;
#     1095 12个月; 1100 0% 0% ≤0%.
#   数据治理 (1): 1168 ≤0%; every other row's 前年 is "/".
#   民呼我应 (6): 1260 7; 1261 0; 1262 ≤24小时; 1263 长期; 1264 逐步提升; 1265 ≥80%.
#                                                       42+7+3+4+5+0+3+10+1+0+6 = 81
check target-flat 543 544 545 546 547 549 552 553 557 558 561 563 564 565 569 570 577 578 583 \
  586 587 588 590 592 594 595 596 597 598 601 602 603 604 605 606 607 608 622 623 625 627 632 \
  694 695 696 700 701 702 703 756 757 759 821 825 826 827 886 887 889 890 895 1016 1017 1020 \
  1087 1088 1091 1092 1093 1094 1095 1096 1100 1101 1168 1260 1261 1262 1263 1264 1265

# --- nothing else -------------------------------------------------------------------------
# Not raised on this seed:
#   missing-target — no 预计当年实现 cell of a 年度 row is empty;
#   qualitative-share — the most 定性 targets a project has is 17 of 83 (整体), 3 of 9 (网上),
#     2 of 6 (民呼我应), never above 50 %;
#   overlapping-projects — the projects of one 单位 share few 三级 names (网群科's two none;
#     of 大数据中心's, 政务云 and 数据治理 share 5 of their 22 names, far from 80 %);
#   target-always-met — no ≥0, no > a negative number, no ≤100% (案件无漏派 ≤0 is a cap);
#   cost-over-budget — the 成本 targets are ≤0% and 100%, none in money;
#   execution-target-low — 预算资金执行率 is 100% (556, 951);
#   missing-weight — dropped, as no indicator of the seed has a weight.
is "seed 004: the codes reported" "$(awk -F, 'NR > 1 && $9 != "" {print $9}' "$work/csv" | sort -u | tr '\n' ' ' | sed 's/ $//')" \
  "duplicate-indicator implicit-sign missing-goal missing-indicators missing-level1 missing-level2 missing-unit satisfaction-target target-flat target-lowered target-lowered-before vague-target"
# the two notes are 提示, missing-indicators the one 错误, every other finding a 警告
is "seed 004: notes" "$(awk -F, 'NR > 1 && $8 == "提示" {print $9}' "$work/csv" | sort -u | tr '\n' ' ' | sed 's/ $//')" \
  "target-flat target-lowered-before"
is "seed 004: notes counted" "$(awk -F, 'NR > 1 && $8 == "提示"' "$work/csv" | wc -l | tr -d ' ')" 85
is "seed 004: warnings counted" "$(awk -F, 'NR > 1 && $8 == "警告"' "$work/csv" | wc -l | tr -d ' ')" 100
is "seed 004: one error" "$(awk -F, 'NR > 1 && $8 == "错误" {print $9}' "$work/csv")" missing-indicators
# 81 + 4 notes; 44 + 19 + 2 + 5 + 6 + 5 + 12 + 3 + 4 = 100 warnings
if grep -q "审核发现 1 个错误" "$work/csv.err"; then ok; else fail "seed 004: the error said on stderr"; fi

# Every row of the seed's tables is read: no value or history cell is unreadable and no
# table row is left not understood, in the report or among the import's warnings.
for c in history-unreadable unreadable-value row-not-understood; do
  if grep -q -- "$c" "$work/csv" "$work/csv.err"; then fail "seed 004: $c reported"; else ok; fi
done
# AK 项目质保金 has no 年度绩效目标表: the import says so on standard error
if grep -q "AK 项目质保金.*no-indicators" "$work/csv.err"; then ok
else fail "seed 004: the import's no-indicators warning for AK 项目质保金 on stderr"; fi

# --- 审核结果 -----------------------------------------------------------------------------
# 差 with an error; 中 when a project has warnings under 2 aspects or more, 良 under one, 优 under none;
# notes (target-flat, target-lowered-before) never count. implicit-sign and missing-* are
# 完整性, vague-target and duplicate-indicator 相关性, satisfaction-target and
# target-lowered 适当性.
#   整体 420 中: 完整性, 相关性 (614…, 560…), 适当性 (562, 581, 632);
#   网上 638 中: 完整性, 适当性 (697);  IT 706 中: 完整性, 相关性 (762);
#   政务云 1023 中: 完整性 (1091, 1095), 相关性 (1100), 适当性 (1101);
#   数据治理 1103 中: 完整性 (1172), 适当性 (1171, 1181);
#   AK 1183 差: missing-indicators;
#   全区 767, 视频 830, 办公室 897, 门户 955, 民呼我应 1212 良: 完整性 only.
is "seed 004: results" "$(awk -F, 'NR > 1 {print $3 ":" $6}' "$work/csv" | sort -u -t: -k1,1n | tr '\n' ' ' | sed 's/ $//')" \
  "420:中 638:中 706:中 767:良 830:良 897:良 955:良 1023:中 1103:中 1183:差 1212:良"
is "seed 004: 中" "$(awk -F, 'NR > 1 {print $3 ":" $6}' "$work/csv" | sort -u | grep -c ':中$')" 5
is "seed 004: 良" "$(awk -F, 'NR > 1 {print $3 ":" $6}' "$work/csv" | sort -u | grep -c ':良$')" 5
is "seed 004: 差" "$(awk -F, 'NR > 1 {print $3 ":" $6}' "$work/csv" | sort -u | grep -c ':差$')" 1

finish test_vet_seed004
