#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The engine's layers depend one way: model ← scoring ← reports. This test fails when
#   1. a file of engine/ outside engine/report/ includes a header of engine/report/;
#   2. a file of the model includes a header of the scoring layer;
#   3. a file of engine/ (outside engine/report/) is in neither layer below, so the rules
#      above would not see it: a new file must be placed in one;
#   4. a header name is in both engine/ and engine/report/: both folders are on the
#      include path, so `#include "x.h"` would not say which layer x.h belongs to.
# An include is a line `#include "name"`; a header is known by its file name.
# It then proves on a copy of the tree that each rule can fail (a bad include added,
# the check run, the copy removed), so a broken check cannot pass unnoticed.
# Usage: test_layers.sh /path/to/jixiao   (the program is not run; the sources checked
# are those of the checkout this script is in)
. "$(dirname "$0")/lib.sh"

root=$(cd "$here/../.." && pwd)

# The model: the in-memory project and policy, the numbers, the rule language, and the
# readers of files and tables that fill it. It may include model headers only.
model_files='
  alloc.c alloc.h arena.c arena.h dec.c dec.h diag.c diag.h width.c width.h text.c text.h
  lexer.c lexer.h keywords.c parser.c parser.h value.c value.h value_internal.h
  model.c model.h policy.c builtin_rules.h codes.c codes.h options.h
  readall.c readall.h reader.c reader.h frame.c frame.h csv.c csv.h
  table.c table.h table_internal.h table_text.c table_xls.c table_xlsx.c
  import.c import.h import_*.c import_*.h indrows.c indrows.h actuals.c
'
# The scoring layer: what jx_score computes (eval.c, checks.c) and what is computed from
# scores (score.c: rounding, rates, sums of weights, grades; order.c: the 自评表's order;
# review.c: the 复核; audit.c and sample.c: the audit and its 抽查). It may include model
# and scoring headers, never a header of engine/report/.
scoring_files='
  eval.c eval.h checks.c checks.h score.c score.h order.c order.h
  review.c review.h audit.c audit.h sample.c sample.h vet.c vet.h
'
# The headers of the scoring layer, by name (those that do not exist yet count too).
scoring_headers='eval.h checks.h score.h order.h review.h audit.h sample.h vet.h'

# in_list NAME LIST: NAME matches one of the patterns of LIST
in_list() {
  local pat found=1
  set -f # the patterns are matched by case, never expanded as file names
  for pat in $2; do
    # shellcheck disable=SC2254
    case $1 in $pat) found=0; break ;; esac
  done
  set +f
  return $found
}

# includes FILE: the names FILE includes with #include "…", one a line
includes() { sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$1"; }

# check ENGINE: prints one line per broken rule in the tree ENGINE (engine/ of a
# checkout); prints nothing when the layers hold
check() {
  local engine=$1 f name inc report_headers
  report_headers=$(cd "$engine/report" && ls -- *.h 2>/dev/null)
  for f in "$engine"/*.c "$engine"/*.h; do
    [ -e "$f" ] || continue
    name=${f##*/}
    if in_list "$name" "$report_headers"; then
      echo "engine/$name and engine/report/$name: one header name in two layers"
    fi
    local is_model=0
    if in_list "$name" "$model_files"; then
      is_model=1
    elif ! in_list "$name" "$scoring_files"; then
      echo "engine/$name is in no layer: add it to model_files or scoring_files in tests/cli/test_layers.sh"
    fi
    for inc in $(includes "$f"); do
      if in_list "$inc" "$report_headers"; then
        echo "engine/$name includes \"$inc\", a header of engine/report/"
      fi
      if [ $is_model = 1 ] && in_list "$inc" "$scoring_headers"; then
        echo "engine/$name (model) includes \"$inc\", a header of the scoring layer"
      fi
    done
  done
}

# expect_clean ENGINE WHAT: the layers hold in ENGINE
expect_clean() {
  local out
  out=$(check "$1")
  if [ -z "$out" ]; then ok; else fail "$2:"; printf '%s\n' "$out" | sed 's/^/  | /'; fi
}

# expect_broken ENGINE WHAT TEXT: the check finds a broken rule in ENGINE, naming TEXT
expect_broken() {
  local out
  out=$(check "$1")
  if printf '%s\n' "$out" | grep -qF -- "$3"; then ok; else fail "$2: the check did not say \"$3\""; printf '%s\n' "$out" | sed 's/^/  | /'; fi
}

# The tree itself.
[ -f "$root/engine/model.h" ] && [ -d "$root/engine/report" ] || { echo "no engine/ at $root"; exit 1; }
expect_clean "$root/engine" "the layers of engine/"

# Each rule can fail: on a copy of engine/, one bad include or one stray file at a time.
copy=$work/engine
fresh() { rm -rf "$copy"; cp -R "$root/engine" "$copy"; }

fresh
expect_clean "$copy" "the copy of engine/"
printf '#include "doc.h"\n' >>"$copy/review.c"
expect_broken "$copy" "the scoring layer including a report header" 'engine/review.c includes "doc.h"'

fresh
printf '#include "report.h"\n' >>"$copy/model.h"
expect_broken "$copy" "the model including a report header" 'engine/model.h includes "report.h"'

fresh
printf '#include "score.h"\n' >>"$copy/model.c"
expect_broken "$copy" "the model including a scoring header" 'engine/model.c (model) includes "score.h"'

fresh
printf '#  include "eval.h"\n' >>"$copy/value.c"
expect_broken "$copy" "the model including a scoring header not written yet" 'engine/value.c (model) includes "eval.h"'

fresh
printf '/* stray */\n' >"$copy/stray.c"
expect_broken "$copy" "a file in no layer" 'engine/stray.c is in no layer'

fresh
printf '/* twin */\n' >"$copy/report.h"
expect_broken "$copy" "a header name in two layers" 'engine/report.h and engine/report/report.h'

finish layers
