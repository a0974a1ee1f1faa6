#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh — builds jixiao in Release (no sanitizers; optimized by profile,
# scripts/release.sh) and measures the score path (read, jx_score with every check, the
# report out) against the cost of reading the same bytes, side by side in one run: for
# each size, `wc -l FILE` and `jixiao score --format F FILE` (json, csv, text; each also
# with -j 2) run RUNS times in turn, each with its output thrown away, and the fastest run
# of each is kept, since other work on the machine only ever makes a run slower. It prints
# wall seconds, indicators per second, the ratio to `wc -l` and the peak RSS (the child's
# own, wait4). Then every project total and grade of each size is checked against
# bench/oracle.py, which computes them from the written rules on its own: the mismatches
# must be 0.
# Usage: bench/run.sh [RUNS [SIZE…]]   (defaults: 3 runs; 10000 100000 1000000 indicators)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${JX_BENCH_BUILD:-$root/build-bench}
runs=${1:-3}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)

bash "$root/scripts/release.sh" "$build" -DJX_SANITIZE=OFF -DJX_TESTS=OFF
jixiao=$build/jixiao
run=$build/bench/jx_audit_run

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the modes: a label, then the command after the program (FILE stands for the input)
labels=("wc -l" "score json" "score csv" "score text" "score json -j 2" "score csv -j 2" "score text -j 2")
commands=("wc -l FILE" "$jixiao score --format json FILE" "$jixiao score --format csv FILE"
  "$jixiao score --format text FILE" "$jixiao score -j 2 --format json FILE" "$jixiao score -j 2 --format csv FILE"
  "$jixiao score -j 2 --format text FILE")

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg), best of $runs"
echo
echo "| indicators | run | wall s | indicators/s | × wc -l | peak RSS |"
echo "|--:|---|--:|--:|--:|--:|"
mismatches=0
rss_min="" rss_max=""
for n in "${sizes[@]}"; do
  file=$tmp/in-$n.jx
  "$build/bench/jx_gen" -n "$n" -s 1 -o "$file"
  count=$("$build/bench/jx_bench" --parse-only "$file" | awk '/^indicators/ {print $2}')
  declare -A best=() rss=()
  for ((r = 0; r < runs; r++)); do
    for ((m = 0; m < ${#labels[@]}; m++)); do
      # shellcheck disable=SC2086 # the command is words
      res=$("$run" ${commands[m]//FILE/$file})
      s=$(awk '/^seconds/ {print $2}' <<<"$res")
      k=$(awk '/^peak_rss_kib/ {print $2}' <<<"$res")
      code=$(awk '/^exit/ {print $2}' <<<"$res")
      [ "$code" = 0 ] || { echo "run.sh: ${labels[m]} on $n indicators: exit $code" >&2; exit 1; }
      if [ -z "${best[$m]:-}" ] || awk -v a="$s" -v b="${best[$m]}" 'BEGIN {exit !(a < b)}'; then
        best[$m]=$s
      fi
      [ -n "${rss[$m]:-}" ] && [ "${rss[$m]}" -ge "$k" ] || rss[$m]=$k
    done
  done
  for ((m = 0; m < ${#labels[@]}; m++)); do
    awk -v n="$count" -v l="${labels[m]}" -v s="${best[$m]}" -v w="${best[0]}" -v k="${rss[$m]}" \
      'BEGIN { printf "| %d | %s | %.3f | %d | %.1f | %.1f MB |\n", n, l, s, (s > 0 ? n / s : 0), (w > 0 ? s / w : 0), k / 1024 }'
    if [ "$m" -gt 0 ]; then
      [ -n "$rss_min" ] && [ "$rss_min" -le "${rss[$m]}" ] || rss_min=${rss[$m]}
      [ -n "$rss_max" ] && [ "$rss_max" -ge "${rss[$m]}" ] || rss_max=${rss[$m]}
    fi
  done
  # exactness: every total and grade against the independent computation
  "$jixiao" score --format json "$file" >"$tmp/out.json"
  python3 -B "$root/bench/oracle.py" --from-json "$tmp/out.json" >"$tmp/got.tsv"
  rm -f "$tmp/out.json"
  check=$(python3 -B "$root/bench/oracle.py" "$file" --check "$tmp/got.tsv" 2>&1) || true
  bad=$(awk '/^mismatches/ {print $2}' <<<"$check")
  projects=$(awk '/^projects/ {print $2}' <<<"$check")
  echo "|   $n: $projects projects checked against bench/oracle.py | mismatches ${bad:-?} | | | | |"
  [ "${bad:-1}" = 0 ] || { echo "$check" >&2; mismatches=$((mismatches + ${bad:-1})); }
  rm -f "$file"
  unset best rss
done
echo
awk -v a="$rss_min" -v b="$rss_max" 'BEGIN { printf "peak RSS of the score runs: %.1f to %.1f MB over every size\n", a / 1024, b / 1024 }'
echo "mismatches: $mismatches"
[ "$mismatches" = 0 ]
