#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tables.sh — builds jixiao in Release (optimized by profile, scripts/release.sh) and
# measures the table reader on the same actuals rows saved as CSV (UTF-8 with BOM) and as
# .xlsx (libxlsxwriter: shared strings, numbers formatted #,##0 and 0%), at a tenth of N
# and at N rows (default 100000): wall time and peak RSS of reading every row
# (jx_bench_tables read), and of `jixiao score --actuals` loading the same file for one
# project (every row then counted as unused).
# Usage: bench/tables.sh [ROWS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-bench
big=${1:-100000}
small=$((big / 10))

bash "$root/scripts/release.sh" "$build" -DJX_SANITIZE=OFF -DJX_TESTS=OFF
jixiao=$build/jixiao
run=$build/bench/jx_audit_run
bt=$build/bench/jx_bench_tables

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# measure LABEL COMMAND…: one table row with the wall time and peak RSS of COMMAND
measure() {
    local label=$1
    shift
    local res secs kib code
    res=$("$run" -o "$tmp/out" "$@" 2>"$tmp/err")
    secs=$(echo "$res" | awk '/^seconds/ {print $2}')
    kib=$(echo "$res" | awk '/^peak_rss_kib/ {print $2}')
    code=$(echo "$res" | awk '/^exit/ {print $2}')
    printf '| %s | %s s | %.1f MB | exit %s |\n' "$label" "$secs" "$(echo "$kib / 1024" | bc -l)" "$code"
    echo "$secs" >"$tmp/last"
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
echo "| run | wall time | peak RSS | status |"
echo "|---|---|---|---|"
# the first project of the rows, with the ten indicators jx_bench_tables writes for each
{
    printf '项目 "项目000000" {\n    单位 "000001-单位0"\n    产出指标 100 {\n        数量指标 100 {\n'
    for name in 服务人次 巡检次数 系统可用率 工作效率 满意率 接入系统数量 培训人次 响应时间 覆盖率 故障率; do
        printf '            %s ≥1000 权重 10\n' "$name"
    done
    printf '        }\n    }\n}\n'
} >"$tmp/one.jx"
for n in "$small" "$big"; do
    mkdir -p "$tmp/$n"
    "$bt" gen "$n" "$tmp/$n"
    # the same CSV as "CSV (逗号分隔)" saves it on Chinese Windows: GB18030, no BOM
    tail -c +4 "$tmp/$n/actuals.csv" | iconv -f UTF-8 -t GB18030 >"$tmp/$n/actuals-gb.csv"
    measure "$n rows, CSV (GB18030), read" "$bt" read "$tmp/$n/actuals-gb.csv"
    gb=$(cat "$tmp/last")
    measure "$n rows, CSV, read" "$bt" read "$tmp/$n/actuals.csv"
    csv=$(cat "$tmp/last")
    measure "$n rows, xlsx, read" "$bt" read "$tmp/$n/actuals.xlsx"
    xlsx=$(cat "$tmp/last")
    echo "|   xlsx ÷ CSV (UTF-8) | $(echo "$xlsx / $csv" | bc -l | cut -c1-4) × | | |"
    echo "|   xlsx ÷ CSV (GB18030) | $(echo "$xlsx / $gb" | bc -l | cut -c1-4) × | | |"
    measure "$n rows, CSV, score --actuals" "$jixiao" score --actuals "$tmp/$n/actuals.csv" "$tmp/one.jx"
    csvrun=$(cat "$tmp/last")
    measure "$n rows, xlsx, score --actuals" "$jixiao" score --actuals "$tmp/$n/actuals.xlsx" "$tmp/one.jx"
    echo "|   xlsx ÷ CSV | $(echo "$(cat "$tmp/last") / $csvrun" | bc -l | cut -c1-4) × | | |"
done
