# SPDX-License-Identifier: MIT
# test_limits.sh — the limits of the rule language (docs/limits.md), the bounded
# diagnostics, and work that grows no faster than the input on its worst shapes.
#
# Scaling: each shape is written at two sizes, N and 8N, and `jixiao check` is timed on
# both in this one run; the best of three runs of each counts (other work on the machine
# only ever makes a run slower), less the time of a project of one indicator (starting the
# program, which under AddressSanitizer is most of a small run). The check is that 8N
# takes less than 24 times (3 × 8) as long as N, N counted as at least 50 ms so that a fast
# N is no noise: linear work gives about 8, work that rescans the line or the earlier
# indicators once per indicator gives about 64 and more. This is a ratio within one run on
# one machine, with a wide margin, not a measurement: how fast jixiao is lives in bench/
# (bench/README.md). Wall time rather than counted instructions (valgrind --tool=callgrind)
# because the tests run the program under AddressSanitizer, which valgrind cannot run; the
# sizes are chosen so that N takes tens of milliseconds there, well above the noise, and
# the whole script a few seconds. A shape that once was quadratic took seconds at 8N.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }

# has FILE TEXT: FILE holds TEXT
has() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; head -c 600 "$1" | sed 's/^/  | /'; fi; }

# gen SHAPE N FILE: one project holding the shape at size N
gen() {
  python3 - "$@" <<'PY'
import sys
shape, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
head = '项目 "甲" {\n    年度 2024\n    产出指标 100 {\n        数量指标 100 {\n'
tail = '\n        }\n    }\n}\n'
if shape == 'semi':        # many ';'-separated indicators on one line, read by the fast path
    body = '            ' + '; '.join('指标%d ≥60个 权重 1 实际 60个' % i for i in range(n))
elif shape == 'semi-slow': # the same, each written so the token path reads it (blanks in the value)
    body = '            ' + '; '.join('指标%d ≥ 60 个 权重 1 实际 60 个' % i for i in range(n))
elif shape == 'errors':    # one error for each indicator of the line, each quoting its line
    body = '            ' + '; '.join('指标%d ≥60个 权重 x' % i for i in range(n))
elif shape == 'string':    # a long string
    body = '            甲 ≥1个 权重 100 实际 1个 偏差 "' + '长' * n + '"'
elif shape == 'stray':     # a long stray word
    body = '            甲 ≥1个 权重 100 实际 1个 ' + '字' * n
elif shape == 'nesting':   # braces nested deep inside an indicator group
    body = '            乙 ' + '{ ' * n + '} ' * n
elif shape == 'bad-bytes': # many invalid bytes on one line, each an error
    body = '            甲 ≥1个 权重 100 ' + '\udcff ' * n
elif shape == 'many':      # N indicators, one to a line (weights 0.01: 10,000 of them make 100)
    body = '\n'.join('            指标%d ≥60个 权重 0.01 实际 60个' % i for i in range(n))
with open(path, 'w', encoding='utf-8', errors='surrogateescape') as f:
    f.write(head + body + tail)
PY
}

# best_ms FILE: the fastest of three runs of `jixiao check FILE`, in milliseconds
best_ms() {
  local best=
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s%N)
    "$bin" check "$1" >/dev/null 2>"$work/scale.err"
    t1=$(date +%s%N)
    local ms=$(((t1 - t0) / 1000000))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

gen many 1 "$work/one.jx"
base=$(best_ms "$work/one.jx")

# scales SHAPE N: 8N takes less than 24 times as long as N (both less base)
scales() {
  local shape=$1 n=$2
  gen "$shape" "$n" "$work/small.jx"
  gen "$shape" $((8 * n)) "$work/big.jx"
  local small big
  small=$(($(best_ms "$work/small.jx") - base))
  big=$(($(best_ms "$work/big.jx") - base))
  echo "  $shape: N=$n ${small} ms, 8N ${big} ms (each less ${base} ms)"
  [ "$small" -ge 50 ] || small=50
  if [ "$big" -lt $((24 * small)) ]; then ok; else fail "$shape: 8N took ${big} ms, N ${small} ms (more than 24 times)"; fi
}

scales semi 1200
scales semi-slow 1200
scales errors 1200
scales string 30000
scales stray 30000
scales nesting 20000
scales many 1250
scales bad-bytes 3000

# --- columns on a line of many indicators, counted on from one indicator to the next:
# 12 blanks, then "指标K ≥60个 实际 60个" (15 characters while K is one digit, 16 for 10 and
# 11) joined by "; ", each warned missing-weight at its name: indicator 0 at column 13,
# indicator 3 at 12 + 3 × 17 + 1 = 64, indicator 11 at 12 + 10 × 17 + 18 + 1 = 201.
python3 -c "
import sys
sys.stdout.write('项目 \"甲\" {\n    年度 2024\n    产出指标 100 {\n        数量指标 100 {\n            ' + '; '.join('指标%d ≥60个 实际 60个' % i for i in range(12)) + '\n        }\n    }\n}\n')" >"$work/cols.jx"
expect 0 "columns on one line" -- "$bin" check "$work/cols.jx"
has "$work/err" "cols.jx:5:13: warning: 指标“指标0”没有权重"
has "$work/err" "cols.jx:5:64: warning: 指标“指标3”没有权重"
has "$work/err" "cols.jx:5:201: warning: 指标“指标11”没有权重"

# item FILE LINE: a project 甲 whose 数量指标 holds the line LINE (a Python expression,
# after 12 blanks, on line 4)
item() {
  python3 -c "
import sys
sys.stdout.write('项目 \"甲\" {\n    产出指标 100 {\n        数量指标 100 {\n            ' + $2 + '\n        }\n    }\n}\n')" >"$1"
}

# bounded WHAT: the last command's stderr is under 2,000 bytes
bounded() {
  local bytes
  bytes=$(wc -c <"$work/err")
  if [ "$bytes" -lt 2000 ]; then ok; else fail "$1: $bytes bytes of stderr"; fi
}

# --- a 1 MB stray word (under the 1 MiB token limit): one error, its excerpt and quote
# bounded. The error's three lines are the message (the value quoted cut short with "…"),
# an excerpt of at most 120 columns and the carets under it: well under 2,000 bytes; the
# whole word would be 1 MB, three times over (message, line, carets).
item "$work/stray.jx" "'甲 ≥1个 权重 100 实际 1个 ' + 'x' * 1000000"
expect 1 "1 MB stray word" -- "$bin" check "$work/stray.jx"
bounded "1 MB stray word"
# the word runs on the 实际 value "1个", which cannot be read: at line 4 column 29 (12 blanks
# and the 16 characters of `甲 ≥1个 权重 100 实际 ` before it), the value quoted cut short
has "$work/err" "stray.jx:4:29: error: 指标“甲”的实际完成值“1个 xxxxxxxxxx"
has "$work/err" "xxx…”无法识别为数值"

# --- a 1 MB stray word where a statement belongs: "未知的关键字" naming it cut to 40 columns
# (40 letters and "…"), at line 2 column 5 (after 4 blanks)
python3 -c "
import sys
sys.stdout.write('项目 \"甲\" {\n    ' + 'w' * 1000000 + '\n}\n')" >"$work/word.jx"
expect 1 "1 MB unknown word" -- "$bin" check "$work/word.jx"
has "$work/err" "word.jx:2:5: error: 未知的关键字“wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww…”"
bounded "1 MB unknown word"

# --- limits, each an error with file:line:col and exit 1 -------------------------------
# a string of 1 MiB + 1 bytes with its quotes: over the token limit (1,048,576 bytes)
item "$work/token.jx" "'甲 ≥1个 权重 100 实际 1个 偏差 \"' + 'y' * 1048575 + '\"'"
expect 1 "token over the limit" -- "$bin" check "$work/token.jx"
# the string token is 1,048,577 bytes (quotes included), at line 4 column 35 (12 blanks and
# the 22 characters of `甲 ≥1个 权重 100 实际 1个 偏差 ` before it), quoted to 40 columns
has "$work/err" "token.jx:4:35: error: “\"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…”过长：1048577 字节，一个词、数字或字符串最多 1048576 字节"
bounded "token over the limit"

# a string of exactly 1 MiB (1,048,576 bytes with its quotes) is within the limit
item "$work/token-ok.jx" "'甲 ≥1个 权重 100 实际 1个 偏差 \"' + 'y' * 1048574 + '\"'"
expect 0 "token at the limit" -- "$bin" check "$work/token-ok.jx"

# 10,001 indicators in one project: the 10,001st is refused (line 10,005: four lines before
# the first indicator; column 13 after 12 blanks), once
gen many 10001 "$work/many.jx"
expect 1 "indicators over the limit" -- "$bin" check "$work/many.jx"
has "$work/err" "many.jx:10005:13: error: 项目的指标过多：一个项目最多 10000 个指标"
n=$(grep -c "指标过多" "$work/err")
if [ "$n" = 1 ]; then ok; else fail "indicators over the limit reported $n times"; fi
gen many 10000 "$work/many-ok.jx"
expect 0 "10,000 indicators" -- "$bin" check "$work/many-ok.jx"

# a line of more than 16 MiB (12 blanks and a comment of 16,777,216 bytes and more): refused
# at the token that passes 16,777,216 bytes, the comment at line 4 column 13
item "$work/line.jx" "'# ' + 'z' * (16 * 1024 * 1024) + ' 长注释'"
expect 1 "line over the limit" -- "$bin" check "$work/line.jx"
has "$work/err" "line.jx:4:13: error: 这一行过长：一行最多 16777216 字节"
bounded "line over the limit"

finish test_limits
