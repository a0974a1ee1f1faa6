#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of -o: what each kind of path gets (a new file, a file replaced, a
# symbolic link, a FIFO, /dev/stdout, a character device), the modes of what is written,
# -o naming an input, and that a failed or interrupted run leaves nothing behind and the
# old output as it was. Every path is one this script makes under $work.
# Usage: test_output_files.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

# same_as FILE TEXT: FILE holds exactly TEXT
same_as() { if [ "$(cat "$1")" = "$2" ]; then ok; else fail "$1 differs:"; diff <(echo "$2") "$1" | sed 's/^/  | /'; fi; }
# same_file A B: the two files hold the same bytes
same_file() { if cmp -s "$1" "$2"; then ok; else fail "$2 is not the same as $1"; fi; }
# mode_is FILE MODE: FILE's permission bits are MODE (octal, as stat %a prints them)
mode_is() { local m; m=$(stat -c %a "$1"); if [ "$m" = "$2" ]; then ok; else fail "$1 has mode $m, want $2"; fi; }
# only_left DIR NAMES…: DIR holds exactly NAMES (no temporary file left)
only_left() {
  local dir=$1; shift
  local got want
  got=$(ls -A "$dir" | sort | tr '\n' ' ')
  want=$( (($#)) && printf '%s\n' "$@" | sort | tr '\n' ' ')
  if [ "$got" = "$want" ]; then ok; else fail "$dir holds: $got; want: $want"; fi
}

d=$work/d
mkdir "$d"
export TMPDIR=$work/tmp
mkdir "$TMPDIR"
in=$d/in.jx
cp "$here/../../samples/yuecheng-2024.jx" "$in"
cp "$in" "$work/in.orig"
# what score writes to standard output: every -o below must get the same bytes
"$bin" score "$in" >"$work/want.txt" 2>/dev/null
if [ -s "$work/want.txt" ]; then ok; else fail "score to standard output wrote nothing"; fi

# --- a new file: 0666 minus the umask ----------------------------------------------------
(umask 022 && "$bin" score -o "$d/new022.txt" "$in")
mode_is "$d/new022.txt" 644
same_file "$work/want.txt" "$d/new022.txt"
(umask 002 && "$bin" score -o "$d/new002.txt" "$in")
mode_is "$d/new002.txt" 664
# the same for the other commands that write with -o
(umask 002 && "$bin" template -o "$d/t.csv" "$in")
mode_is "$d/t.csv" 664

# --- a file replaced keeps its mode, whatever the umask --------------------------------
printf 'old\n' >"$d/shared.txt"
chmod 664 "$d/shared.txt"
(umask 077 && "$bin" score -o "$d/shared.txt" "$in")
mode_is "$d/shared.txt" 664
same_file "$work/want.txt" "$d/shared.txt"
printf 'old\n' >"$d/ro.txt"
chmod 640 "$d/ro.txt"
(umask 000 && "$bin" score -o "$d/ro.txt" "$in")
mode_is "$d/ro.txt" 640

# --- a symbolic link: followed; the link stays, the file it names is replaced ----------
printf 'old\n' >"$d/target.txt"
chmod 604 "$d/target.txt"
ln -s target.txt "$d/link.txt"
"$bin" score -o "$d/link.txt" "$in"
if [ -L "$d/link.txt" ] && [ "$(readlink "$d/link.txt")" = target.txt ]; then ok; else fail "the link was replaced"; fi
same_file "$work/want.txt" "$d/target.txt"
mode_is "$d/target.txt" 604
# a link to a file not there yet: the file is made where the link points
ln -s made.txt "$d/dangling.txt"
"$bin" score -o "$d/dangling.txt" "$in"
if [ -L "$d/dangling.txt" ]; then ok; else fail "the dangling link was replaced"; fi
same_file "$work/want.txt" "$d/made.txt"
only_left "$d" in.jx new022.txt new002.txt t.csv shared.txt ro.txt target.txt link.txt dangling.txt made.txt

# --- a FIFO is written through, and stays a FIFO -----------------------------------------
mkfifo "$work/fifo"
timeout 20 cat "$work/fifo" >"$work/from-fifo" &
reader=$!
expect 0 "score -o FIFO" -- timeout 20 "$bin" score -o "$work/fifo" "$in"
wait "$reader"
if [ -p "$work/fifo" ]; then ok; else fail "the FIFO was replaced"; fi
same_file "$work/want.txt" "$work/from-fifo"

# --- /dev/stdout is the descriptor: the shell's file gets the report, at its offset ------
# As root, /dev could be written: these runs then see a private /dev (a mount namespace
# with this script's folder bound over /dev, holding the same links), so a program that
# replaced /dev/stdout would replace the copy, never the system's. Without that they are
# left out.
mkdir "$work/dev"
ln -s /proc/self/fd/1 "$work/dev/stdout"
ln -s /proc/self/fd "$work/dev/fd"
cat >"$work/dev-cases.sh" <<'CASES'
bin=$1 in=$2 work=$3
"$bin" score -o /dev/stdout "$in" >"$work/stdout.txt"
printf 'before\n' >"$work/append.txt"
"$bin" score -o /dev/stdout "$in" >>"$work/append.txt"
exec 7>"$work/fd7.txt"
"$bin" score -o /dev/fd/7 "$in"
exec 7>&-
cp "$work/in.orig" "$work/grow.jx"
"$bin" score -o /dev/stdout "$work/grow.jx" >>"$work/grow.jx" 2>"$work/grow.err"
echo $? >"$work/grow.code"
CASES
dev_ran=1
if [ "$(id -u)" != 0 ]; then
  bash "$work/dev-cases.sh" "$bin" "$in" "$work"
elif unshare --mount --propagation private true 2>/dev/null; then
  unshare --mount --propagation private sh -c 'mount --bind "$0" /dev && exec bash "$@"' \
    "$work/dev" "$work/dev-cases.sh" "$bin" "$in" "$work"
else
  dev_ran=0
  echo "note: no private mount namespace; -o /dev/stdout not run as root"
fi
if [ "$dev_ran" = 1 ]; then
  if [ -L "$work/dev/stdout" ]; then ok; else fail "/dev/stdout was replaced"; fi
  same_file "$work/want.txt" "$work/stdout.txt"
  { printf 'before\n'; cat "$work/want.txt"; } >"$work/append.want"
  same_file "$work/append.want" "$work/append.txt"
  same_file "$work/want.txt" "$work/fd7.txt"
  # standard output appended to the input is the input: refused, the input as it was
  same_as "$work/grow.code" 2
  same_file "$work/in.orig" "$work/grow.jx"
fi

# --- a character device (made here, never the system's) stays a device -------------------
if [ "$(id -u)" = 0 ] && mknod "$work/null" c 1 3 2>/dev/null; then
  expect 0 "score -o a character device" -- "$bin" score -o "$work/null" "$in"
  if [ -c "$work/null" ]; then ok; else fail "the device node was replaced by a file"; fi
  rm -f "$work/null"
fi

# --- -o naming an input is refused before anything is written ----------------------------
expect 2 "-o the input" -- "$bin" score -o "$in" "$in"
same_as "$work/err" "jixiao: 输出文件“$in”就是输入文件“$in”，写出会毁掉输入；请用 -o 指定另一个文件（见 jixiao score --help）"
same_file "$work/in.orig" "$in"
ln -s in.jx "$d/in-link.jx"
expect 2 "-o a link to the input" -- "$bin" score -o "$d/in-link.jx" "$in"
same_file "$work/in.orig" "$in"
ln "$in" "$d/in-hard.jx"
expect 2 "-o a hard link to the input" -- "$bin" template -o "$d/in-hard.jx" "$in"
same_file "$work/in.orig" "$in"
rm "$d/in-link.jx" "$d/in-hard.jx"
expect 2 "-o the input read as standard input" -- sh -c '"$1" score -o "$2" - <"$2"' sh "$bin" "$in"
same_file "$work/in.orig" "$in"
# the tables read: --actuals, --policy
"$bin" template -o "$work/act.csv" "$in"
cp "$work/act.csv" "$work/act.orig"
expect 2 "-o the --actuals table" -- "$bin" score --actuals "$work/act.csv" -o "$work/act.csv" "$in"
same_file "$work/act.orig" "$work/act.csv"
cp "$here/../../rules/default.jx" "$work/pol.jx"
expect 2 "-o the --policy file" -- "$bin" score --policy "$work/pol.jx" -o "$work/pol.jx" "$in"
same_file "$here/../../rules/default.jx" "$work/pol.jx"
# audit: a file in a folder it reads; its own temporary file there is passed over
mkdir "$work/corpus"
cp "$in" "$work/corpus/a.jx"
expect 0 "audit -o into the folder read" -- "$bin" audit -o "$work/corpus/report.txt" "$work/corpus"
"$bin" audit "$work/corpus" >"$work/audit.want" 2>/dev/null
same_file "$work/audit.want" "$work/corpus/report.txt"
cp "$work/corpus/report.txt" "$work/report.orig"
expect 2 "audit -o a file in the folder read" -- "$bin" audit -o "$work/corpus/report.txt" "$work/corpus"
same_file "$work/report.orig" "$work/corpus/report.txt"
only_left "$work/corpus" a.jx report.txt

# --- a failed run leaves the old output as it was, and no temporary file -----------------
printf 'old\n' >"$d/keep.txt"
printf '项目 "坏" {\n' >"$work/bad.jx"
expect 1 "score of a file with errors" -- "$bin" score -o "$d/keep.txt" "$work/bad.jx"
same_as "$d/keep.txt" "old"
expect 3 "score of a file not there" -- "$bin" score -o "$d/keep.txt" "$work/nothing.jx"
same_as "$d/keep.txt" "old"
printf 'old\n' >"$d/keep.xlsx"
expect 1 "score --format xlsx of a file with errors" -- "$bin" score --format xlsx -o "$d/keep.xlsx" "$work/bad.jx"
same_as "$d/keep.xlsx" "old"
only_left "$d" in.jx new022.txt new002.txt t.csv shared.txt ro.txt target.txt link.txt dangling.txt made.txt \
  keep.txt keep.xlsx
only_left "$TMPDIR"

# --- SIGTERM in the middle of a run leaves no temporary file ------------------------------
# The input is a FIFO this script holds open after one whole project and the start of the
# next, so the run is under way (its temporary file made, the workbook begun) when the
# signal comes.
interrupted() {
  local format=$1 out=$2
  mkfifo "$work/slow.jx"
  (cat "$work/in.orig"; printf '项目 "下一个" {\n'; sleep 30) >"$work/slow.jx" &
  local feeder=$!
  "$bin" score --format "$format" -o "$out" "$work/slow.jx" 2>"$work/err" &
  local run=$!
  local tries=0
  while [ -z "$(ls "$(dirname "$out")" | grep -F "$(basename "$out").tmp.")" ] && [ $tries -lt 100 ]; do
    sleep 0.1; tries=$((tries + 1))
  done
  sleep 1.5 # the first project read and handed to the writer
  kill -TERM "$run"
  wait "$run"
  local code=$?
  kill "$feeder" 2>/dev/null
  wait "$feeder" 2>/dev/null
  rm -f "$work/slow.jx"
  if [ "$code" = 143 ]; then ok; else fail "SIGTERM ($format): exit $code, want 143 (killed by SIGTERM)"; fi
}
mkdir "$work/sig"
printf 'old\n' >"$work/sig/keep.txt"
interrupted text "$work/sig/keep.txt"
same_as "$work/sig/keep.txt" "old"
interrupted xlsx "$work/sig/new.xlsx"
only_left "$work/sig" keep.txt
only_left "$TMPDIR"

finish test_output_files
