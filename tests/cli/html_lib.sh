# SPDX-License-Identifier: MIT
# html_lib.sh — what the tests of the HTML reports share, sourced after lib.sh:
#   . "$(dirname "$0")/html_lib.sh"
# Checks of a file's text (has, lacks, count), of its tables (grid), and headless
# Chromium (chromium_or_skip, render).

# has FILE TEXT: FILE holds TEXT
has() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; fi; }
# lacks FILE TEXT: FILE does not hold TEXT
lacks() { if grep -qF -- "$2" "$1"; then fail "$1 holds: $2"; grep -nF -- "$2" "$1" | head -3; else ok; fi; }
# count FILE TEXT N: TEXT occurs N times in FILE
count() {
  local n
  n=$(grep -oF -- "$2" "$1" | wc -l)
  if [ "$n" = "$3" ]; then ok; else fail "$1: “$2” $n times, want $3"; fi
}

# grid FILE: every row of every table covers its table's columns (counted from its
# <col> elements), rowspans and colspans included; prints the first row that does not
grid() {
  awk 'BEGIN { RS = "</tr>"; bad = 0 }
  {
    rec = $0
    if (rec ~ /<table/) {             # a new table: count its columns, forget spans
      t = rec; sub(/.*<table/, "", t); ncols = gsub(/<col /, "", t)
      for (c = 0; c < 64; c++) carry[c] = 0
    }
    if (rec !~ /<tr>/) next
    sub(/.*<tr>/, "", rec)
    col = 0; nrow++
    while (match(rec, /<t[hd][^>]*>/)) {
      cell = substr(rec, RSTART, RLENGTH); rec = substr(rec, RSTART + RLENGTH)
      cs = 1; rs = 1
      if (match(cell, /colspan="[0-9]+"/)) cs = substr(cell, RSTART + 9, RLENGTH - 10) + 0
      if (match(cell, /rowspan="[0-9]+"/)) rs = substr(cell, RSTART + 9, RLENGTH - 10) + 0
      while (carry[col] > 0) col++
      for (k = 0; k < cs; k++) carry[col + k] = rs
      col += cs
    }
    used = 0
    for (c = 0; c < 64; c++) if (carry[c] > 0) { used++; carry[c]-- }
    if (used != ncols && !bad) { print "row " nrow ": " used " columns of " ncols; bad = 1 }
  }
  END { exit bad }' "$1"
}

# chromium_or_skip NAME: finds headless Chromium ($chrome) and poppler-utils; without
# them ends the script, NAME naming its counts: a failure in CI, else skipped (exit 77)
chromium_or_skip() {
  chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
  if [ -z "$chrome" ] || ! command -v pdfinfo >/dev/null || ! command -v pdftotext >/dev/null; then
    if [ "${CI:-}" = true ]; then
      fail "chromium, pdfinfo and pdftotext must be installed in CI (scripts/deps.sh installs them)"
      finish "$1"
      exit 1
    fi
    echo "SKIP: 未安装 chromium 或 poppler-utils（scripts/deps.sh 会安装），跳过 Chromium 渲染检查"
    finish "$1" || exit 1
    exit 77
  fi
}

# render HTML ARGS…: headless Chromium on the file HTML, with its own profile
render() {
  local page=$1
  shift
  timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$work/profile" "$@" "file://$page" >"$work/chrome.log" 2>&1
}
