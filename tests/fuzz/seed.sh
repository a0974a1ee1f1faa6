#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fills tests/fuzz/corpus/<target>/ with the seeds taken from the tree's own inputs
# (samples, rules, golden cases, test tables, importer fixtures): run from anywhere;
# files already there (crash regressions, inputs a run added) are kept. Small files
# only: a seed over 64 KiB slows every mutation of it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$root/tests/fuzz/corpus"
max=65536

# seed TARGET FILE [PREFIX_BYTE]: copies FILE as corpus/TARGET/<its path with / as ->,
# with one byte in front when given (fuzz_import's format byte, in octal).
seed() {
  local target=$1 file=$2 prefix=${3:-}
  [ -f "$root/$file" ] || return 0
  [ "$(stat -c %s "$root/$file")" -le $max ] || return 0
  local name=${file//\//-}
  mkdir -p "$corpus/$target"
  if [ -n "$prefix" ]; then
    { printf "\\$prefix"; cat "$root/$file"; } >"$corpus/$target/$prefix-$name"
  else
    cp "$root/$file" "$corpus/$target/$name"
  fi
}

cd "$root"
for f in samples/*.jx tests/cli/data/*.jx tests/checks/*.jx tests/tables/*.jx tests/audit/*/*.jx \
         tests/golden/*/*.jx; do
  seed dsl "$f"
done
for f in rules/*.jx tests/checks/band-gap-*.jx tests/checks/gap-25.jx tests/cli/data/flag-inflation-3.jx \
         tests/golden/score-rules-weight-sum-warn/old-rule.jx tests/golden/score-order-source/source-order.jx \
         tests/golden/score-full-marks-rescale/rescale.jx; do
  seed policy "$f"
done
for f in tests/tables/*.csv tests/tables/*.txt tests/tables/*.xls tests/tables/*.xlsx tests/tables/zj-target/table.* \
         tests/unit/data/xls/*.xls tests/unit/data/xlsx/*.xlsx tests/golden/*/*.csv; do
  seed table "$f"
done
for f in tests/tables/actuals* tests/tables/percent.xlsx tests/tables/sheets.xlsx tests/golden/score-actuals*/actuals.csv; do
  seed actuals "$f"
done
for f in tests/tables/review* tests/golden/review-*/review.csv; do
  seed review "$f"
done
# fuzz_import: the first byte picks the format by its index in jx_import_format_names()
# (0 zj-selfeval, 1 zj-target, 2 zz-target, 3 wh-declare, 4 csv, 5 detect; +128: --weights equal).
for f in tests/import/zj/selfeval_* tests/golden/import-zj-selfeval/table.txt; do seed import "$f" 000; done
for f in tests/import/zj/target_* tests/golden/import-zj-target/table.txt tests/tables/zj-target/table.txt; do
  seed import "$f" 001
done
for f in tests/import/zz/*; do seed import "$f" 002; done
for f in tests/import/wh/*; do seed import "$f" 003; done
for f in tests/golden/import-*/*.csv tests/cli/data/*.csv; do seed import "$f" 004; done
for f in tests/golden/import-*/*.txt tests/golden/import-*/*.csv tests/tables/zj-target/*.xlsx \
         tests/tables/sheets.xlsx tests/import/seeds/000_*; do
  seed import "$f" 005
done
for f in tests/golden/import-*/*.txt; do seed import "$f" 205; done
