#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program test of -j N (score, audit, vet): read and worked on N threads, a run writes
# the same bytes to standard output and standard error, and ends with the same exit code,
# as the same run on one thread. The inputs mix what makes the order matter: many projects
# (so the ring of projects read ahead fills and wraps), projects with syntax errors, text
# between projects, bytes that are not UTF-8, a project cut by the next one, tables read
# through the importer, folders, and actuals applied in order. The golden cases are run
# with -j 2 and -j 3 too (tests/CMakeLists.txt, golden-j2.* and golden-j3.*).
# Usage: test_jobs.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

seeds=$here/../import/seeds
tables=$here/../tables

# A long file of rule text: the samples and the golden cases' inputs with errors, over and
# over (300 rounds), so errors fall between and inside projects all along the ring.
for ((i = 0; i < 300; i++)); do
  cat "$here/../../samples/"*.jx
  cat "$here/../golden/check-invalid-utf8/bad.jx" "$here/../golden/check-missing-brace/"*.jx
  printf '多余的文字 %d\n' "$i"
  cat "$here/../golden/check-three-errors/"*.jx
done >"$work/long.jx"
# the same without the errors, for the formats that need clean input to say much
for ((i = 0; i < 200; i++)); do cat "$here/../../samples/"*.jx; done >"$work/clean.jx"

# same LABEL ARGS…: jixiao ARGS… on one thread, then with -j 2 and -j 4 after the command
# name (ARGS' first word), gives the same stdout, stderr and exit code; each run reads
# standard input from the file $stdin
stdin=/dev/null
same() {
  local label=$1 cmd=$2
  shift 2
  "$bin" "$cmd" "$@" <"$stdin" >"$work/o1" 2>"$work/e1"
  local c1=$?
  for j in 2 4; do
    "$bin" "$cmd" -j "$j" "$@" <"$stdin" >"$work/o$j" 2>"$work/e$j"
    local cj=$?
    if [ "$c1" = "$cj" ] && cmp -s "$work/o1" "$work/o$j" && cmp -s "$work/e1" "$work/e$j"; then
      ok
    else
      fail "$label: -j $j differs from one thread (exit $cj, want $c1)"
      diff "$work/o1" "$work/o$j" | head -5
      diff "$work/e1" "$work/e$j" | head -5
    fi
  done
  # the run did something: output, or what was wrong with the input
  if [ -s "$work/o1" ] || [ -s "$work/e1" ]; then ok; else fail "$label: nothing written"; fi
}

for fmt in text json csv md html xlsx; do
  same "score $fmt, errors throughout" score --format "$fmt" "$work/long.jx"
done
same "score json, clean" score --format json "$work/clean.jx"
same "score --explain" score --explain "$work/clean.jx"
same "score --findings none" score --findings none "$work/long.jx"
same "score --project" score --format csv --project 越城区城市管理综合执法项目 "$work/clean.jx"
stdin=$work/long.jx
same "score, standard input" score --format json -
stdin=/dev/null
same "score --actuals (applied in order)" score --format json --actuals "$tables/actuals.xlsx" "$tables/demo.jx"
same "score --actuals CSV" score --actuals "$tables/actuals-gb18030.csv" "$tables/demo.jx"
same "score, a table through the importer" score --format json "$seeds/004_6deff1062909ad4a.txt"
# tables imported ahead between rule files: the order of the files is the report's
same "score, tables and rule files in turn" score --format csv "$seeds/001_79da5c65fa76b1ff.txt" \
  "$here/../../samples/yuecheng-2024.jx" "$seeds/004_6deff1062909ad4a.txt" "$tables/demo.jx" \
  "$seeds/000_070324ba240a519e.txt"
same "score --werror, tables' warnings counted" score --werror --format json "$seeds/004_6deff1062909ad4a.txt" \
  "$seeds/003_e426a0e6973cc52b.txt"
"$bin" score --format json "$work/long.jx" >"$work/long.json" 2>/dev/null
same "score --from json (its own report read back)" score --from json --format csv "$work/long.json"
for fmt in text json csv xlsx; do
  same "audit $fmt, errors throughout" audit --format "$fmt" "$work/long.jx"
  same "vet $fmt, errors throughout" vet --format "$fmt" "$work/long.jx"
done
same "audit, a folder of files and tables" audit --format json "$here/../audit/mixed"
# A folder of many small files, opened ahead on threads (cli/ahead.c): projects one per file
# and with errors, tables, a nested folder, and entries the walk warns about (a broken link,
# a pipe) between them, whose warnings must come after the files before them.
mkdir -p "$work/folder/b-nested"
for ((i = 0; i < 120; i++)); do
  f=$(printf '%s/folder/%03d' "$work" "$i")
  case $((i % 6)) in
    0) cp "$here/../golden/check-three-errors/bad.jx" "$f.jx" ;;
    1) cp "$here/../audit/mixed/001_79da5c65fa76b1ff.txt" "$f.txt" ;;
    2) printf '多余的文字\n' | cat - "$here/../../samples/yuecheng-2024.jx" >"$f.jx" ;;
    *) cp "$(ls "$here/../../samples/"*.jx | head -n $((i % 3 + 1)) | tail -n 1)" "$f.jx" ;;
  esac
done
cp "$here/../golden/check-invalid-utf8/bad.jx" "$work/folder/b-nested/x.jx"
cp "$seeds/000_070324ba240a519e.txt" "$work/folder/b-nested/y.txt"
ln -s "$work/nowhere" "$work/folder/050-broken.jx"
mkfifo "$work/folder/090-pipe.jx"
for fmt in text json; do
  same "audit $fmt, a folder of 120 files" audit --format "$fmt" "$work/folder"
  same "vet $fmt, a folder of 120 files" vet --format "$fmt" "$work/folder"
done
same "audit --sample, a folder" audit --sample 20% --seed 3 "$work/folder"
# the report written into the folder being walked: the refusal comes after the files before it
for j in 1 2; do
  rm -f "$work/folder/060-report.csv"
  "$bin" audit -j "$j" --format csv -o "$work/folder/060-report.csv" "$work/folder" >/dev/null 2>"$work/refused$j"
  echo "exit $?" >>"$work/refused$j"
done
if cmp -s "$work/refused1" "$work/refused2"; then ok; else fail "audit -o inside the folder: -j 2 differs"; diff "$work/refused1" "$work/refused2" | head -5; fi
same "audit --sample" audit --sample 10% --seed 7 --by 单位 "$work/clean.jx"
same "vet, the seeds through the importer" vet --format json "$seeds"
same "vet, target tables" vet --format csv "$tables/targets/targets.xlsx" "$tables/targets/targets-gb18030.csv"

# -j takes 1 … 64 threads, as -j N, -jN, --jobs N or --jobs=N
expect 0 "-j2" -- "$bin" score -j2 "$work/clean.jx"
expect 0 "--jobs=3" -- "$bin" audit --jobs=3 "$work/clean.jx"
expect 0 "--jobs 64" -- "$bin" vet --jobs 64 "$work/clean.jx"
for bad in 0 65 x 2x ""; do
  expect 2 "-j '$bad' is a usage error" -- "$bin" score -j "$bad" "$work/clean.jx"
  if grep -q -- "-j 需要 1 到 64 之间的线程数" "$work/err"; then ok; else fail "-j '$bad': $(cat "$work/err")"; fi
done
expect 2 "-j without a number" -- "$bin" score "$work/clean.jx" -j

finish test_jobs
