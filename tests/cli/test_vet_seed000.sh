#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `jixiao vet` on seed 000 (绍兴市大数据发展管理局, 2021 部门预算), read as it is through the
# importer: the projects, every finding code, the rows behind each and each project's
# 审核结果, all worked out by hand from the seed text and the rules of docs/vet.md and
# docs/checks.md. Line numbers below are the seed file's (the importer's 第 N 行).
# Usage: test_vet_seed000.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

seed=$here/../import/seeds/000_070324ba240a519e.txt

. "$(dirname "$0")/vet_lib.sh"

# --- the projects ------------------------------------------------------------------------
# Seed 000 is a zj-target 目标表 (rows 375-562; the tables above it are budget tables, not
# targets) of two 单位 (rows 383 and 424 name them). A project starts on a row whose second
# cell is its name and whose next cells are its amounts: rows 385, 390, 395, 400, 405, 410,
# 419 (单位 253001, 7 projects) and 425, 433, 440, 446, 451, 461, 469, 475, 480, 484, 491,
# 498, 506, 517, 524, 529, 534, 539, 544, 548, 553, 558 (单位 253002, 22 projects): 29
# projects. The rows after a project's first, up to the next project, are its indicators
# (the last, row 562, 使用人群满意度, is the last line of the file and belongs to 558).
# Every indicator row has a 计算符号 (≥ ≤ = < > or 定性) and a 指标权重, so the parser has
# no implicit-sign and no missing-weight to add.
expect 0 "seed 000 is vetted (warnings only)" -- "$bin" vet --format csv "$seed"
table
is "seed 000: projects" "$(awk -F'\t' 'NR > 1 {print $1 "|" $3}' "$work/rows" | sort -u | wc -l | tr -d ' ')" 29
# the indicators of each project: its rows from its first to the next project's, the blank
# lines 413, 447, 490 and 536 aside (the CSV has a row for each indicator, or one per
# finding about it: distinct 一级/二级/三级 names)
want_n="385:5 390:5 395:5 400:5 405:5 410:8 419:5 425:8 433:7 440:6 446:4 451:10 461:8 469:6 475:5"
want_n="$want_n 480:4 484:6 491:7 498:8 506:11 517:7 524:5 529:5 534:4 539:5 544:4 548:5 553:5 558:5"
is "seed 000: indicators per project" \
  "$(awk -F'\t' 'NR > 1 && $14 != "" && !seen[$3 "|" $12 "|" $13 "|" $14]++ {n[$3]++}
      END {for (p in n) print p ":" n[p]}' "$work/rows" | sort -n | tr '\n' ' ' | sed 's/ $//')" "$want_n"

# --- 完整性 -------------------------------------------------------------------------------
# missing-goal: on a project's row the 年度目标 is the text between the amounts and the
# 一级 name (产出指标/效益指标/满意度指标). It is empty on rows 390, 433, 506, 539, 544, 548,
# 553 and 558: 8 projects.
is "seed 000: missing-goal" "$(code_count missing-goal)" 8
is "seed 000: missing-goal projects" "$(projects missing-goal)" "390 433 506 539 544 548 553 558"
# missing-target: row 401 (大数据发展管理业务经费) has the 计算符号 "=" and the unit 件 but
# no 指标值 ("=<TAB><TAB>件"); every other indicator row has a value: 1.
is "seed 000: missing-target" "$(code_count missing-target)" 1
is "seed 000: missing-target row" "$(rows missing-target)" 401
# missing-level2: one finding per project whose 产出指标 lacks any of the 二级 groups 数量,
# 质量, 时效 and 成本 (成本 is required by default). Only three projects have a 成本指标 at all
# (rows 408, 437 and 553), and none of those three has all four: every project gets one.
# Per project (its 产出 二级 groups, from the rows → the ones missing):
#   385 数量 (386, 388) → 质量 时效 成本       390 数量 391, 时效 393 → 质量 成本
#   395 数量 395-396, 时效 398 → 质量 成本     400 数量 402, 质量 403 → 时效 成本
#   405 数量 405, 成本 408, 质量 409 → 时效    410 质量 410, 数量 411, 时效 415 → 成本
#   419 数量 421, 质量 422, 时效 423 → 成本    425 数量 426, 质量 427 → 时效 成本
#   433 质量 435, 数量 436, 成本 437 → 时效    440 质量 441, 数量 442, 时效 444 → 成本
#   446 时效 448, 质量 450 → 数量 成本         451 数量 451, 质量 454 → 时效 成本
#   461 时效 461, 数量 462, 质量 466 → 成本    469 数量 470, 质量 471 → 时效 成本
#   475 时效 477, 质量 478, 数量 479 → 成本    480 质量 480, 数量 483 → 时效 成本
#   484 数量 484, 质量 489 → 时效 成本         491 数量 492, 质量 496 → 时效 成本
#   498 数量 498, 质量 499 → 时效 成本         506 数量 507, 质量 513 → 时效 成本
#   517 数量 519, 质量 522 → 时效 成本         524 时效 526, 数量 527, 质量 528 → 成本
#   529 数量 530, 质量 531 → 时效 成本         534 质量 537, 时效 538 → 数量 成本
#   539 数量 540, 时效 542 → 质量 成本         544 数量 544, 时效 545 → 质量 成本
#   548 数量 550, 质量 551 → 时效 成本         553 成本 553, 时效 555, 质量 556 → 数量
#   558 数量 559, 质量 560 → 时效 成本
# 29 findings.
is "seed 000: missing-level2" "$(code_count missing-level2)" 29
want_l2="385:质量时效成本 390:质量成本 395:质量成本 400:时效成本 405:时效 410:成本 419:成本 425:时效成本"
want_l2="$want_l2 433:时效 440:成本 446:数量成本 451:时效成本 461:成本 469:时效成本 475:成本 480:时效成本"
want_l2="$want_l2 484:时效成本 491:时效成本 498:时效成本 506:时效成本 517:时效成本 524:成本 529:时效成本"
want_l2="$want_l2 534:数量成本 539:质量成本 544:质量成本 548:时效成本 553:数量 558:时效成本"
is "seed 000: missing-level2, the groups missing per project" \
  "$(per_project '$9 == "missing-level2" {m = $11; sub(/.*：/, "", m); gsub(/指标|、/, "", m); print $3 ":" m}')" \
  "$want_l2"
# missing-level1: every project has an 产出指标 and an 效益指标 row (满意度 is optional by
# default): 0. missing-unit: every number target under a 数量指标 has its 计量单位 (个, 次, 人,
# 条, 核, G, T, 台, 套, 万条, 人/天 …) or is a percentage (预算执行率 rows 414, 429, 464, 470,
# 495, 507): 0.

# --- 相关性 -------------------------------------------------------------------------------
# qualitative-share: no project has more than one 定性 (or empty) target — 394 ("1"), 398,
# 401 (empty, read as 定性 ""), 409, 448, 535, 555 — and none has fewer than 4 indicators,
# so the share is at most 1 of 4 = 25 % (446, 534), not above 50 %: 0.
# vague-target: those 定性 targets are 1, 及时, (empty), 完备, 及时处理, 足额支付, 及时 —
# none made only of 提升/提高/有所提高/明显/较好/持续/进一步: 0.
# duplicate-indicator: no 三级 name is used twice within one project: 0.
# overlapping-projects: within each 单位, every later project against every earlier one
# (7 and 22 projects, inside the window of 32), |A ∩ B| / |A ∪ B| of the 三级 names:
#   446 {用户使用满意度, 业务处理及时性, 公共主页访问量, 系统故障率}
#   475 = 524 {公共主页访问量, 用户使用满意度, 业务处理及时性, 系统故障率, 系统开发数量}
#   480 = 544 {故障排除速度, 使用人群满意度, 数据共享率, 报表分析次数}
#   558 {数据共享率, 报表分析次数, 故障排除速度, 可使用年数, 使用人群满意度 (row 562)}
#   → 475 vs 446: 4 of 5 = 80 %; 524 vs 446: 4 of 5 = 80 %; 524 vs 475: 5 of 5 = 100 %;
#     544 vs 480: 4 of 4 = 100 %; 558 vs 480: 4 of 5 = 80 %; 558 vs 544: 4 of 5 = 80 %.
# 80 % or more is reported, on the later project: 6. The next highest pairs are 390 vs 385
# (4 of 6) and 433 vs 425 (6 of 9), 66.67 %, below 80 %.
is "seed 000: overlapping-projects" "$(code_count overlapping-projects)" 6
is "seed 000: overlapping-projects, later:earlier" \
  "$(per_project '$9 == "overlapping-projects" {m = $11; sub(/）.*/, "", m); n = split(m, a, ":"); print $3 ":" a[n]}')" \
  "475:446 524:446 524:475 544:480 558:480 558:544"

# --- 适当性 -------------------------------------------------------------------------------
# satisfaction-target: a satisfaction indicator — 满意 in its name, or under a 满意度 group
# a name with 认可, 好评 or 评价 (the seed has none) — with a ≥ > = percentage of 100 % or
# more, or below 80 %. Three rows under 满意度指标 ask for 100 %, but none is a satisfaction
# measure: 474 等保测评整改结果 ≥100%, 493 服务验收合格率 =100%, 534 支付及时率 =100%, filed
# there by mistake, not measured by a survey. The indicators named 满意 ask for 90 or 95
# (525 >95), and 419 用户使用满意度 ≥80% is at the floor, not below it: 0.
is "seed 000: satisfaction-target" "$(code_count satisfaction-target)" 0
# target-always-met: no ≥ 0 target, and every ≤ / < on a rate is at most 5 % (系统故障率
# ≤1%, 评审意见差错率 ≤5% …): 0. target-lowered, target-lowered-before, target-flat: the
# table has no 上年 or 前年 column: 0.

# --- 可行性 -------------------------------------------------------------------------------
# cost-over-budget: the only 成本 cap is row 408, 人均培训费 ≤400 元/日, against 大数据讲堂's
# 45,000.00 元 (rows 437 and 553 under 成本指标 are 预算执行率 ≥90%, a percentage): 400 元 is
# not above the budget, whatever 元/日 is read as: 0.
# execution-target-low: every 预算执行率 target is ≥90%, ≥95% or =100% (rows 389, 392, 414,
# 429, 437, 459, 464, 470, 485, 495, 505, 507, 518, 529, 537, 539, 553), none below 90 %: 0.

# --- nothing else ---------------------------------------------------------------------------
codes_are "seed 000" "missing-goal=8 missing-level2=29 missing-target=1 overlapping-projects=6"
errors_are "seed 000" 0
# every row is read: no row the importer could not understand, no value it could not read
all_read "seed 000"
# the import's own warnings go to stderr, as audit prints them: row 401's empty value
if grep -q "000_070324ba240a519e.txt:401:.*\[empty-value\]" "$work/err"; then ok
else fail "the import's warning on row 401 on stderr"; fi

# --- 审核结果 --------------------------------------------------------------------------------
# No error; warnings under 2 aspects or more → 中, under one → 良. Every project has its
# missing-level2 (完整性); 中 where a second aspect joins it: overlapping-projects (相关性) on
# 475, 524, 544, 558 — 4 projects 中; the other 25 have 完整性 warnings only (missing-level2,
# missing-goal, missing-target): 良.
want_res="385:良 390:良 395:良 400:良 405:良 410:良 419:良 425:良 433:良 440:良 446:良 451:良 461:良"
want_res="$want_res 469:良 475:中 480:良 484:良 491:良 498:良 506:良 517:良 524:中 529:良 534:良 539:良"
want_res="$want_res 544:中 548:良 553:良 558:中"
is "seed 000: the result of each project" \
  "$(per_project 'NR > 1 {print $3 ":" $6}')" "$want_res"

finish test_vet_seed000
