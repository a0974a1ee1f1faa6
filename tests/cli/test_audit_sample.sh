#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of `jixiao audit --sample`: the projects picked from the corpus
# tests/audit/sample for given seeds, with why and the sentence saying so; the same seed
# picking the same projects run after run; the number picked in each stratum (a share
# rounded half up, at least 1; a count by largest remainders); --include-flagged forcing
# in the project with an error, and (tests/audit/flagged) those claiming a 总分 or 结论
# above the recomputed one, --sample 0% taking those alone; --weight funds; the sample
# rows of the CSV.
#
# The corpus: 16 projects in four files read in name order (a-bigdata, b-roads,
# c-transport, d-more). 单位 301001-越城区大数据发展管理中心 has 8 (read first),
# 205001-越城区公路养护中心 5 (one, 越城区路灯维修项目, has 权重 abc: an error-level
# finding), one project gives no 单位 (（未填）), 205002-越城区交通运输服务中心 has 2 (read
# last, though its name sorts before 301001's); by 主管部门, 301-大数据管理 has 9 and
# 205-交通运输 7. Funds per project are in tests/audit/sample_picks.py.
#
# The expected picks come from tests/audit/sample_picks.py, a separate implementation of
# docs/sampling.md in Python (splitmix64 → xoshiro256**, rejection below n, strata in the
# order first read, partial Fisher–Yates or draws weighted by funds); it was run once and
# its output is pasted below, one line per pick: name, why, reason.
# Usage: test_audit_sample.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

corpus=$here/../audit/sample

# picks FILE: the picks of the JSON report in FILE, "name<TAB>why<TAB>reason" a line
picks() {
  sed -n '/"sample":{/,$p' "$1" |
    sed -n 's/^{"name":"\([^"]*\)",.*"why":"\([^"]*\)","reason":"\([^"]*\)"}.*$/\1\t\2\t\3/p'
}

# picks_are TITLE OPTION…: the sample the options draw from the corpus is the one on stdin
# (the corpus has an error, so every audit of it exits 1)
picks_are() {
  local title=$1
  shift
  cat >"$work/want"
  expect 1 "$title" -- "$bin" audit --format json "$@" "$corpus"
  picks "$work/out" >"$work/got"
  if cmp -s "$work/want" "$work/got"; then ok; else fail "picks of $title"; diff "$work/want" "$work/got"; fi
}

# strata_are TITLE WANT OPTION…: how many picks each stratum got, "N stratum" a line in
# the order of the strata's names (（未填） for none), joined by "; "
strata_are() {
  local title=$1 want=$2
  shift 2
  expect 1 "$title" -- "$bin" audit --format json "$@" "$corpus"
  local got
  got=$(sed -n '/"sample":{/,$p' "$work/out" | sed -n 's/^{"name":.*"stratum":"\([^"]*\)".*$/\1/p' |
    sed 's/^$/（未填）/' | LC_ALL=C sort | uniq -c | sed 's/^ *//' | paste -sd ';' | sed 's/;/; /g')
  if [ "$got" = "$want" ]; then ok; else fail "strata of $title: $got, want $want"; fi
}

# --- the picks, fixed by the separate implementation --------------------------------------
picks_are "20% seed 42" --sample 20% --seed 42 <<'EOF'
越城区公共数据治理项目	drawn	共 16 个项目，抽 3 个（20%），随机抽中（第 1 次抽取）
越城区政务热线升级项目	drawn	共 16 个项目，抽 3 个（20%），随机抽中（第 3 次抽取）
越城区交通标线施划项目	drawn	共 16 个项目，抽 3 个（20%），随机抽中（第 2 次抽取）
EOF
picks_are "20% seed 7" --sample 20% --seed 7 <<'EOF'
越城区政务云扩容项目	drawn	共 16 个项目，抽 3 个（20%），随机抽中（第 3 次抽取）
越城区公交站亭改造项目	drawn	共 16 个项目，抽 3 个（20%），随机抽中（第 1 次抽取）
越城区政务外网改造项目	drawn	共 16 个项目，抽 3 个（20%），随机抽中（第 2 次抽取）
EOF
picks_are "20% seed 42 by 单位" --sample 20% --seed 42 --by 单位 <<'EOF'
越城区视频会议系统升级项目	drawn	按单位分层：单位“301001-越城区大数据发展管理中心”共 8 个项目，抽 2 个（20%），随机抽中（第 2 次抽取）
越城区政务热线升级项目	drawn	按单位分层：单位（未填）共 1 个项目，抽 1 个（20%，至少 1 个），随机抽中（第 1 次抽取）
越城区出租车监管平台项目	drawn	按单位分层：单位“205002-越城区交通运输服务中心”共 2 个项目，抽 1 个（20%，至少 1 个），随机抽中（第 1 次抽取）
越城区电子证照归集项目	drawn	按单位分层：单位“301001-越城区大数据发展管理中心”共 8 个项目，抽 2 个（20%），随机抽中（第 1 次抽取）
越城区交通标线施划项目	drawn	按单位分层：单位“205001-越城区公路养护中心”共 5 个项目，抽 1 个（20%），随机抽中（第 1 次抽取）
EOF
picks_are "20% seed 42 by 单位 include-flagged" --sample 20% --seed 42 --by 单位 --include-flagged <<'EOF'
越城区视频会议系统升级项目	drawn	按单位分层：单位“301001-越城区大数据发展管理中心”共 8 个项目，抽 2 个（20%），随机抽中（第 2 次抽取）
越城区路灯维修项目	flagged	按单位分层：单位“205001-越城区公路养护中心”共 5 个项目，抽 1 个（20%），其中有错误级问题的 1 个必抽，本项目有错误级问题，必抽
越城区政务热线升级项目	drawn	按单位分层：单位（未填）共 1 个项目，抽 1 个（20%，至少 1 个），随机抽中（第 1 次抽取）
越城区电子证照归集项目	drawn	按单位分层：单位“301001-越城区大数据发展管理中心”共 8 个项目，抽 2 个（20%），随机抽中（第 1 次抽取）
越城区共享单车治理项目	drawn	按单位分层：单位“205002-越城区交通运输服务中心”共 2 个项目，抽 1 个（20%，至少 1 个），随机抽中（第 1 次抽取）
EOF
picks_are "40% seed 42 by 单位 include-flagged" --sample 40% --seed 42 --by 单位 --include-flagged <<'EOF'
越城区视频会议系统升级项目	drawn	按单位分层：单位“301001-越城区大数据发展管理中心”共 8 个项目，抽 3 个（40%），随机抽中（第 2 次抽取）
越城区桥梁检测项目	drawn	按单位分层：单位“205001-越城区公路养护中心”共 5 个项目，抽 2 个（40%），其中有错误级问题的 1 个必抽，在其余 4 个中随机抽中（第 1 次抽取）
越城区路灯维修项目	flagged	按单位分层：单位“205001-越城区公路养护中心”共 5 个项目，抽 2 个（40%），其中有错误级问题的 1 个必抽，本项目有错误级问题，必抽
越城区政务热线升级项目	drawn	按单位分层：单位（未填）共 1 个项目，抽 1 个（40%，至少 1 个），随机抽中（第 1 次抽取）
越城区出租车监管平台项目	drawn	按单位分层：单位“205002-越城区交通运输服务中心”共 2 个项目，抽 1 个（40%），随机抽中（第 1 次抽取）
越城区电子证照归集项目	drawn	按单位分层：单位“301001-越城区大数据发展管理中心”共 8 个项目，抽 3 个（40%），随机抽中（第 1 次抽取）
越城区政务外网改造项目	drawn	按单位分层：单位“301001-越城区大数据发展管理中心”共 8 个项目，抽 3 个（40%），随机抽中（第 3 次抽取）
EOF
picks_are "20% seed 42 by 主管部门" --sample 20% --seed 42 --by 主管部门 <<'EOF'
越城区网络安全等级保护测评项目	drawn	按主管部门分层：主管部门“301-大数据管理”共 9 个项目，抽 2 个（20%），随机抽中（第 1 次抽取）
越城区电子证照归集项目	drawn	按主管部门分层：主管部门“301-大数据管理”共 9 个项目，抽 2 个（20%），随机抽中（第 2 次抽取）
越城区交通标线施划项目	drawn	按主管部门分层：主管部门“205-交通运输”共 7 个项目，抽 1 个（20%），随机抽中（第 1 次抽取）
EOF
picks_are "5 seed 42 by 单位" --sample 5 --seed 42 --by 单位 <<'EOF'
越城区视频会议系统升级项目	drawn	按单位分层：单位“301001-越城区大数据发展管理中心”共 8 个项目，抽 2 个（共抽 5 个，按各层项目数分配），随机抽中（第 2 次抽取）
越城区路灯维修项目	drawn	按单位分层：单位“205001-越城区公路养护中心”共 5 个项目，抽 2 个（共抽 5 个，按各层项目数分配），随机抽中（第 2 次抽取）
越城区出租车监管平台项目	drawn	按单位分层：单位“205002-越城区交通运输服务中心”共 2 个项目，抽 1 个（共抽 5 个，按各层项目数分配），随机抽中（第 1 次抽取）
越城区电子证照归集项目	drawn	按单位分层：单位“301001-越城区大数据发展管理中心”共 8 个项目，抽 2 个（共抽 5 个，按各层项目数分配），随机抽中（第 1 次抽取）
越城区交通标线施划项目	drawn	按单位分层：单位“205001-越城区公路养护中心”共 5 个项目，抽 2 个（共抽 5 个，按各层项目数分配），随机抽中（第 1 次抽取）
EOF
picks_are "20% seed 42 by 单位 weight funds" --sample 20% --seed 42 --by 单位 --weight funds <<'EOF'
越城区数据共享平台运维项目	weighted	按单位分层：单位“301001-越城区大数据发展管理中心”共 8 个项目，抽 2 个（20%），按资金加权抽中（第 2 次抽取）：资金 120.50 万元，占该层资金的 6.6%
越城区公共数据治理项目	weighted	按单位分层：单位“301001-越城区大数据发展管理中心”共 8 个项目，抽 2 个（20%），按资金加权抽中（第 1 次抽取）：资金 1200.00 万元，占该层资金的 65.5%
越城区政务热线升级项目	weighted	按单位分层：单位（未填）共 1 个项目，抽 1 个（20%，至少 1 个），按资金加权抽中（第 1 次抽取）：资金 55.00 万元，占该层资金的 100.0%
越城区交通标线施划项目	weighted	按单位分层：单位“205001-越城区公路养护中心”共 5 个项目，抽 1 个（20%），按资金加权抽中（第 1 次抽取）：资金 8.80 万元，占该层资金的 1.5%
越城区共享单车治理项目	weighted	按单位分层：单位“205002-越城区交通运输服务中心”共 2 个项目，抽 1 个（20%，至少 1 个），按资金加权抽中（第 1 次抽取）：资金 12.50 万元，占该层资金的 25.8%
EOF
picks_are "25% seed 2024 weight funds" --sample 25% --seed 2024 --weight funds <<'EOF'
越城区政务云扩容项目	weighted	共 16 个项目，抽 4 个（25%），按资金加权抽中（第 3 次抽取）：资金 366.00 万元，占全部资金的 14.5%
越城区数据共享平台运维项目	weighted	共 16 个项目，抽 4 个（25%），按资金加权抽中（第 1 次抽取）：资金 120.50 万元，占全部资金的 4.8%
越城区视频会议系统升级项目	weighted	共 16 个项目，抽 4 个（25%），按资金加权抽中（第 2 次抽取）：资金 18.00 万元，占全部资金的 0.7%
越城区公交站亭改造项目	weighted	共 16 个项目，抽 4 个（25%），按资金加权抽中（第 4 次抽取）：资金 310.00 万元，占全部资金的 12.3%
EOF
picks_are "1 seed 42 by 单位 include-flagged" --sample 1 --seed 42 --by 单位 --include-flagged <<'EOF'
越城区路灯维修项目	flagged	按单位分层：单位“205001-越城区公路养护中心”共 5 个项目，抽 0 个（共抽 1 个，按各层项目数分配），有错误级问题的 1 个全部必抽，本项目有错误级问题，必抽
越城区电子证照归集项目	drawn	按单位分层：单位“301001-越城区大数据发展管理中心”共 8 个项目，抽 1 个（共抽 1 个，按各层项目数分配），随机抽中（第 1 次抽取）
EOF
picks_are "25 seed 1" --sample 25 --seed 1 <<'EOF'
越城区政务云扩容项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 14 次抽取）
越城区数据共享平台运维项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 10 次抽取）
越城区道路养护项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 15 次抽取）
越城区视频会议系统升级项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 8 次抽取）
越城区桥梁检测项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 6 次抽取）
越城区路灯维修项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 1 次抽取）
越城区公共数据治理项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 3 次抽取）
越城区政务热线升级项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 12 次抽取）
越城区城市大脑驾驶舱项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 2 次抽取）
越城区出租车监管平台项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 9 次抽取）
越城区公交站亭改造项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 4 次抽取）
越城区网络安全等级保护测评项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 11 次抽取）
越城区电子证照归集项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 7 次抽取）
越城区交通标线施划项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 13 次抽取）
越城区共享单车治理项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 16 次抽取）
越城区政务外网改造项目	drawn	共 16 个项目，抽 16 个（要求 25 个，只有 16 个），随机抽中（第 5 次抽取）
EOF

# --- the same seed, the same picks, run after run and in every format ---------------------
for fmt in text json csv; do
  "$bin" audit --format $fmt --sample 20% --seed 42 --by 单位 --weight funds "$corpus" >"$work/one" 2>/dev/null
  "$bin" audit --format $fmt --sample 20% --seed 42 --by 单位 --weight funds "$corpus" >"$work/two" 2>/dev/null
  if [ -s "$work/one" ] && cmp -s "$work/one" "$work/two"; then ok; else fail "two runs of seed 42 ($fmt) differ"; fi
done
# and another seed picks others (seed 7's picks above share none with seed 42's)
"$bin" audit --format json --sample 20% --seed 43 "$corpus" >"$work/one" 2>/dev/null
"$bin" audit --format json --sample 20% --seed 42 "$corpus" >"$work/two" 2>/dev/null
if ! cmp -s "$work/one" "$work/two"; then ok; else fail "seeds 42 and 43 pick the same"; fi

# --- stratification: the number each stratum gets, whatever the seed ----------------------
# 20% by 单位: 8 × 0.2 = 1.6 → 2; 5 × 0.2 = 1; 2 × 0.2 = 0.4 → 0 → at least 1; 1 × 0.2 → 1
# 30%: 8 × 0.3 = 2.4 → 2; 5 × 0.3 = 1.5 → 2 (half up); 2 × 0.3 = 0.6 → 1; 1 × 0.3 → 1
# 40%: 3.2 → 3; 2; 0.8 → 1; 0.4 → 1
# 20% by 主管部门: 9 × 0.2 = 1.8 → 2; 7 × 0.2 = 1.4 → 1
# 5 by 单位, largest remainders over 16: 5 × 8 = 40 → 2 r 8; 5 × 5 = 25 → 1 r 9;
#   5 × 2 = 10 → 0 r 10; 5 × 1 = 5 → 0 r 5; 3 given, the 2 left go to r 10 and r 9: 2, 2, 1, 0
for seed in 1 2 3 4 5 6 7 8 9 10; do
  strata_are "20% by 单位, seed $seed" \
    "1 205001-越城区公路养护中心; 1 205002-越城区交通运输服务中心; 2 301001-越城区大数据发展管理中心; 1 （未填）" \
    --sample 20% --seed $seed --by 单位
  strata_are "30% by 单位, seed $seed" \
    "2 205001-越城区公路养护中心; 1 205002-越城区交通运输服务中心; 2 301001-越城区大数据发展管理中心; 1 （未填）" \
    --sample 30% --seed $seed --by 单位
done
strata_are "40% by 单位" \
  "2 205001-越城区公路养护中心; 1 205002-越城区交通运输服务中心; 3 301001-越城区大数据发展管理中心; 1 （未填）" \
  --sample 40% --seed 42 --by 单位
strata_are "20% by 主管部门" "1 205-交通运输; 2 301-大数据管理" --sample 20% --seed 42 --by 主管部门
strata_are "5 by 单位" \
  "2 205001-越城区公路养护中心; 1 205002-越城区交通运输服务中心; 2 301001-越城区大数据发展管理中心" \
  --sample 5 --seed 42 --by 单位

# --- --include-flagged: the project with an error is in, whatever the seed ----------------
flagged='越城区路灯维修项目	flagged	'
for seed in 1 2 3 4 5 6 7 8 9 10; do
  expect 1 "include-flagged, seed $seed" -- "$bin" audit --format json --sample 20% --seed $seed --include-flagged "$corpus"
  if picks "$work/out" | grep -q "^$flagged"; then ok; else fail "seed $seed: the flagged project is not in"; fi
  # 16 × 0.2 = 3.2 → 3, the flagged one among them
  if [ "$(picks "$work/out" | wc -l)" = 3 ]; then ok; else fail "seed $seed: not 3 picks with the flagged one"; fi
  expect 1 "without include-flagged, seed $seed" -- "$bin" audit --format json --sample 20% --seed $seed "$corpus"
  if picks "$work/out" | grep -q "^$flagged"; then fail "seed $seed: forced in without --include-flagged"; else ok; fi
done

# --- flagged: errors, and claims above the recomputed ones (issue 10, item 9) --------------
# tests/audit/flagged/claims.jx, worked out in its comment: 甲 claims 100 / 优 and recomputes
# to 87.19 / 良, 丁 claims 88.5 against 88.00, 戊 优 against 85.00 / 良, 己 has an error; 乙
# claims what it recomputes to, 丙 less, 庚 nothing. --sample 0% --include-flagged: 0 of the
# 7 drawn, the 4 flagged all in, whatever the seed.
flagged_corpus=$here/../audit/flagged
cat >"$work/want0" <<'EOF'
甲	flagged	共 7 个项目，抽 0 个（0%），有错误级问题或自评高于重算的 4 个全部必抽，本项目自评总分 100 比重算总分 87.19 高 12.81 分，自评结论“优”高于重算结论“良”，必抽
丁	flagged	共 7 个项目，抽 0 个（0%），有错误级问题或自评高于重算的 4 个全部必抽，本项目自评总分 88.5 比重算总分 88.00 高 0.50 分，必抽
戊	flagged	共 7 个项目，抽 0 个（0%），有错误级问题或自评高于重算的 4 个全部必抽，本项目自评结论“优”高于重算结论“良”，必抽
己	flagged	共 7 个项目，抽 0 个（0%），有错误级问题或自评高于重算的 4 个全部必抽，本项目有错误级问题，必抽
EOF
for seed in 1 2 3; do
  expect 1 "0% include-flagged, seed $seed" -- "$bin" audit --format json --sample 0% --seed $seed --include-flagged "$flagged_corpus"
  picks "$work/out" >"$work/got"
  if cmp -s "$work/want0" "$work/got"; then ok; else fail "0% include-flagged, seed $seed"; diff "$work/want0" "$work/got"; fi
done
if grep -q '"flagged_for":\["total","grade"\],"why":"flagged"' "$work/out"; then ok; else fail "甲 flagged for total and grade"; fi
# 20% of 7 = 1.4 → 1, fewer than the 4 flagged: the 4, nothing drawn
expect 1 "20% include-flagged, flagged corpus" -- "$bin" audit --format json --sample 20% --seed 5 --include-flagged "$flagged_corpus"
if [ "$(picks "$work/out" | cut -f1,2 | paste -sd ' ')" = "甲	flagged 丁	flagged 戊	flagged 己	flagged" ]; then ok; else
  fail "20%: the four flagged"; picks "$work/out"; fi
# the text report names the kind of each forced pick
expect 1 "0% include-flagged, text" -- "$bin" audit --sample 0% --seed 1 --include-flagged "$flagged_corpus"
if grep -qx '抽查（抽取 0%，种子 1，有错误或自评高于重算的项目必抽）：抽中 4 个项目' "$work/out"; then ok; else fail "0%: the sample line"; fi
if grep -q '^  甲  .*  自评偏高，必抽  ' "$work/out" && grep -q '^  己  .*  有错误，必抽  ' "$work/out"; then ok; else
  fail "0%: why each is in"; fi
# without --include-flagged, 0% picks nothing; understated and matching claims are never forced
expect 1 "0% alone" -- "$bin" audit --sample 0% --seed 1 "$flagged_corpus"
if grep -qx '抽查（抽取 0%，种子 1）：抽中 0 个项目' "$work/out"; then ok; else fail "0% alone: no pick"; fi
expect 1 "0.00%" -- "$bin" audit --format json --sample 0.00% --seed 1 --include-flagged "$flagged_corpus"
if grep -q '"size":"0%"' "$work/out" && [ "$(picks "$work/out" | wc -l)" = 4 ]; then ok; else fail "0.00% is 0%"; fi
# the sample corpus: its one flagged project (路灯维修, an error) alone
expect 1 "0% include-flagged, sample corpus" -- "$bin" audit --format json --sample 0% --seed 42 --by 单位 --include-flagged "$corpus"
if [ "$(picks "$work/out" | cut -f1,2)" = "越城区路灯维修项目	flagged" ]; then ok; else fail "0%: the sample corpus's flagged one"; picks "$work/out"; fi
# a count of 0 is still no sample
expect 2 "--sample 0" -- "$bin" audit --sample 0 --seed 1 "$flagged_corpus"

# --- 抽查虚高 N: the margin of a claimed 总分 (issue 10, item 9) ----------------------------
# tests/audit/margin/claims.jx, worked out in its comment: three projects recompute to
# 90.00 / 优 and claim 92, 93 and 93.5. By default (margin 0) all three are flagged; under
# 抽查虚高 3 (tests/cli/data/flag-inflation-3.jx) only 丙, 3.50 above, is: 甲's 2.00 and
# 乙's 3.00 are not more than 3.
margin_corpus=$here/../audit/margin
expect 0 "margin 0" -- "$bin" audit --format json --sample 0% --seed 1 --include-flagged "$margin_corpus"
if [ "$(picks "$work/out" | cut -f1,2 | paste -sd ' ')" = "甲	flagged 乙	flagged 丙	flagged" ]; then ok; else
  fail "margin 0: all three flagged"; picks "$work/out"; fi
if picks "$work/out" | grep -qF '甲	flagged	共 3 个项目，抽 0 个（0%），有错误级问题或自评高于重算的 3 个全部必抽，本项目自评总分 92 比重算总分 90.00 高 2.00 分，必抽'; then
  ok; else fail "margin 0: 甲, 2 points above, flagged"; fi
expect 0 "抽查虚高 3" -- "$bin" audit --format json --policy "$here/data/flag-inflation-3.jx" --sample 0% --seed 1 --include-flagged "$margin_corpus"
picks "$work/out" >"$work/got"
cat >"$work/want" <<'EOF'
丙	flagged	共 3 个项目，抽 0 个（0%），有错误级问题或自评高于重算的 1 个全部必抽，本项目自评总分 93.5 比重算总分 90.00 高 3.50 分（超过 3 分），必抽
EOF
if cmp -s "$work/want" "$work/got"; then ok; else fail "抽查虚高 3: 丙 alone"; diff "$work/want" "$work/got"; fi
# a margin outside 0～100 is a policy error: the policy is not loaded, exit 1
printf '评分办法 "坏" {\n    抽查虚高 101\n}\n' >"$work/bad-margin.jx"
expect 1 "抽查虚高 101" -- "$bin" audit --policy "$work/bad-margin.jx" --sample 0% --seed 1 --include-flagged "$margin_corpus"
if grep -qF '“抽查虚高”应为 0～100 之间的分数' "$work/err"; then ok; else fail "抽查虚高 101: the error"; cat "$work/err"; fi

# --- --weight funds says so, and every pick says why --------------------------------------
expect 1 "weighted" -- "$bin" audit --sample 20% --seed 42 --by 单位 --weight funds "$corpus"
if grep -qx '抽查（抽取 20%，种子 42，按单位分层，按资金加权）：抽中 5 个项目' "$work/out"; then ok; else fail "the weighted sample's line"; fi
if [ "$(grep -c '按资金加权抽中（第 [12] 次抽取）：资金 [0-9.]* 万元，占该层资金的 [0-9.]*%$' "$work/out")" = 5 ]; then
  ok; else fail "five weighted picks with their funds"; fi

# --- the CSV: one 抽查 row per pick, after the summary -------------------------------------
expect 1 "csv" -- "$bin" audit --format csv --sample 20% --seed 42 --by 单位 --include-flagged "$corpus"
if [ "$(grep -c '^抽查,' "$work/out")" = 5 ]; then ok; else fail "five 抽查 rows"; fi
if grep -q '^抽查,越城区路灯维修项目,.*,205001-越城区公路养护中心,.*,flagged,,按单位分层：单位“205001-越城区公路养护中心”共 5 个项目，' "$work/out"; then
  ok; else fail "the flagged 抽查 row"; fi
if [ "$(tail -n 5 "$work/out" | grep -c '^抽查,')" = 5 ]; then ok; else fail "抽查 rows last"; fi

finish test_audit_sample
