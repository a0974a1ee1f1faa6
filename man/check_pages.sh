#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks the manual pages man/jixiao.1 and man/jixiao.5 against the program, so that the
# pages cannot fall behind it unnoticed:
#   - every command `jixiao --help` lists has a subsection (.SS) under COMMANDS in
#     jixiao.1 and a line in its SYNOPSIS, and every subsection there is a command;
#   - every option `jixiao --help` lists is an item (.TP) of OPTIONS;
#   - every option `jixiao CMD --help` prints is an item (.TP) of that command's
#     subsection, written as the help writes it (the option and its value's name), every
#     value the help lists under it (the formats of --format, --from) is named there, and
#     no item of the subsection is an option the help does not print;
#   - the example project and policy of jixiao.5 pass `jixiao check --werror`;
#   - both pages render without warnings with groff (through preconv, as man runs it: the
#     pages are UTF-8) and with `man --warnings`, when those are installed.
# Every mismatch is listed on standard error; the exit status is 1 when there is one.
# Usage: man/check_pages.sh /path/to/jixiao
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
  echo "usage: $0 /path/to/jixiao" >&2
  exit 2
fi
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
page1=$here/jixiao.1
page5=$here/jixiao.5
work=$(mktemp -d "${TMPDIR:-/tmp}/check_pages.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

problems=0
bad() {
  echo "check_pages: $*" >&2
  problems=$((problems + 1))
}

for p in "$page1" "$page5"; do
  [ -r "$p" ] || { bad "$p: missing"; }
done
[ "$problems" -eq 0 ] || exit 1

# Reads a man(7) page and prints one record a line, fields separated by a tab:
#   T <section> <subsection> <tag>   the tag of a .TP item, as it renders
#   W <section> <subsection> <text>  a line of text, escapes resolved
#   S <section> <subsection>         a subsection heading
# Fonts are dropped and escapes resolved (\- to -, \e to a backslash, ...); the arguments
# of the alternating font macros (.BI, .BR, ...) are joined as troff joins them.
read_page() {
  awk '
    function unescape(s) {
      gsub(/\\f\[[^]]*\]/, "", s); gsub(/\\f\([A-Z][A-Z]/, "", s); gsub(/\\f[BIRP1-4]/, "", s)
      gsub(/\\-/, "-", s); gsub(/\\\(aq/, "\047", s); gsub(/\\\(dq/, "\"", s)
      gsub(/\\\(lq/, "\"", s); gsub(/\\\(rq/, "\"", s); gsub(/\\\(em/, "-", s)
      gsub(/\\&/, "", s); gsub(/\\%/, "", s); gsub(/\\c/, "", s); gsub(/\\e/, "\\", s)
      return s
    }
    function squeeze(s) {
      gsub(/[ \t]+/, " ", s); sub(/^ /, "", s); sub(/ $/, "", s)
      return s
    }
    # the text a macro line renders: its arguments, joined by spaces for .B, .I, .SM, .SB
    # and without them for the alternating macros; any other line as it stands
    function rendered(line,    name, rest, n, args, c, a, out, i, alt) {
      if (line !~ /^\.[A-Z][A-Z]?( |$)/) return line
      name = line; sub(/ .*/, "", name); name = substr(name, 2)
      rest = line; if (!sub(/^[^ ]+ /, "", rest)) rest = ""
      n = 0
      while (length(rest) > 0) {
        c = substr(rest, 1, 1)
        if (c == " ") { rest = substr(rest, 2); continue }
        if (c == "\"") {
          rest = substr(rest, 2)
          i = index(rest, "\"")
          if (i == 0) { a = rest; rest = "" } else { a = substr(rest, 1, i - 1); rest = substr(rest, i + 1) }
        } else {
          i = index(rest, " ")
          if (i == 0) { a = rest; rest = "" } else { a = substr(rest, 1, i - 1); rest = substr(rest, i + 1) }
        }
        args[++n] = a
      }
      alt = (name ~ /^(BI|IB|BR|RB|IR|RI)$/)
      out = ""
      for (i = 1; i <= n; i++) out = out ((i > 1 && !alt) ? " " : "") args[i]
      return out
    }
    /^\.\\"/ { next }
    /^\.SH( |$)/ { sect = squeeze(unescape(rendered($0))); sub_ = ""; next }
    /^\.SS( |$)/ { sub_ = squeeze(unescape(rendered($0))); print "S\t" sect "\t" sub_; next }
    /^\.TP( |$)/ { want_tag = 1; next }
    {
      text = squeeze(unescape(rendered($0)))
      if (want_tag) { want_tag = 0; print "T\t" sect "\t" sub_ "\t" text; next }
      if ($0 ~ /^\./ && $0 !~ /^\.[A-Z][A-Z]?( |$)/) next
      if ($0 ~ /^\.(TH|PP|P|LP|IP|RS|RE|EX|EE|nf|fi)( |$)/) next
      print "W\t" sect "\t" sub_ "\t" text
    }
  ' "$1"
}

read_page "$page1" >"$work/page1" || { bad "jixiao.1: cannot be read"; exit 1; }

# --- the commands ---------------------------------------------------------------------
if ! "$bin" --help >"$work/help" 2>&1; then
  bad "$bin --help failed"
  exit 1
fi
commands=$(awk '/^命令：/ { on = 1; next } on && /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }' "$work/help")
[ -n "$commands" ] || bad "jixiao --help lists no command"

# the subsections under COMMANDS, each "CMD" or "jixiao CMD"
subsections=$(awk -F'\t' '$1 == "S" && $2 == "COMMANDS" { s = $3; sub(/^jixiao /, "", s); print s }' "$work/page1")
for cmd in $commands; do
  if ! printf '%s\n' "$subsections" | grep -qxF -- "$cmd"; then
    bad "jixiao.1: the command $cmd (jixiao --help) has no subsection under COMMANDS"
  fi
  if ! awk -F'\t' -v c="jixiao $cmd" '$1 == "W" && $2 == "SYNOPSIS" && index($4, c " ") == 1 { f = 1 } END { exit !f }' \
    "$work/page1"; then
    bad "jixiao.1: the command $cmd (jixiao --help) has no line in SYNOPSIS"
  fi
done
for s in $subsections; do
  if ! printf '%s\n' "$commands" | grep -qxF -- "$s"; then
    bad "jixiao.1: the subsection $s of COMMANDS is no command of jixiao --help"
  fi
done

# --- options --------------------------------------------------------------------------
# Prints, for a help text, one line per option: the option, a tab, the option column as
# the help writes it (up to two blanks), a tab, the whole line without its indent.
help_options() {
  awk '
    /^  -/ {
      line = substr($0, 3)
      col = line; i = index(col, "  "); if (i) col = substr(col, 1, i - 1)
      opt = col; sub(/ .*/, "", opt)
      print opt "\t" col "\t" line
    }
  ' "$1"
}
# Prints the values a help text lists under its options: a word of lower-case letters,
# digits and hyphens standing first in a continuation line, or first after the column of
# an option line, followed by two blanks or the end of the line; one "option<TAB>value".
help_values() {
  awk '
    function value_of(s) {
      if (match(s, /^[a-z][a-z0-9-]*(  |$)/)) { s = substr(s, 1, RLENGTH); sub(/ +$/, "", s); return s }
      return ""
    }
    /^  -/ {
      opt = substr($0, 3); sub(/ .*/, "", opt)
      rest = substr($0, 3); i = index(rest, "  ")
      if (i) { rest = substr(rest, i); sub(/^ +/, "", rest); v = value_of(rest); if (v != "") print opt "\t" v }
      next
    }
    /^$/ { opt = "" }
    opt != "" && /^    / { rest = $0; sub(/^ +/, "", rest); v = value_of(rest); if (v != "") print opt "\t" v }
  ' "$1"
}

# check_options WHAT SECTION SUBSECTION HELPFILE: the options of HELPFILE against the
# items of SECTION/SUBSECTION of jixiao.1 ("" for a whole section)
check_options() {
  local what=$1 sect=$2 sub=$3 help=$4
  awk -F'\t' -v s="$sect" -v u="$sub" '$1 == "T" && $2 == s && ($3 == u || $3 == "jixiao " u) { print $4 }' \
    "$work/page1" >"$work/tags"
  awk -F'\t' -v s="$sect" -v u="$sub" '$1 != "S" && $2 == s && ($3 == u || $3 == "jixiao " u) { print $4 }' \
    "$work/page1" >"$work/text"
  help_options "$help" >"$work/opts"
  if [ ! -s "$work/opts" ]; then
    bad "$what: the help prints no option"
    return
  fi
  local opt col line tag words
  while IFS=$'\t' read -r opt col line; do
    tag=$(awk -v o="$opt" '{ w = $0; sub(/ .*/, "", w) } w == o { print; exit }' "$work/tags")
    if [ -z "$tag" ]; then
      bad "$what: the option $opt ($col) is not an item of the page"
      continue
    fi
    words=$(printf '%s\n' "$col" | awk '{ print NF }')
    if [ "$words" -le 2 ]; then
      [ "$tag" = "$col" ] || bad "$what: the page writes \"$tag\", the help \"$col\""
    else
      # the column runs into the description: the help line must begin with the tag
      case "$line" in
        "$tag "*) ;;
        *) bad "$what: the page writes \"$tag\", the help \"${line%%  *}\"" ;;
      esac
    fi
  done <"$work/opts"
  # options of the page the help does not print
  while IFS= read -r tag; do
    case "$tag" in -*) ;; *) continue ;; esac
    opt=${tag%% *}
    if ! cut -f1 "$work/opts" | grep -qxF -- "$opt"; then
      bad "$what: the page has the option $opt, which the help does not print"
    fi
  done <"$work/tags"
  # values listed under an option
  local value
  help_values "$help" | while IFS=$'\t' read -r opt value; do
    if ! grep -qE -- "(^|[^A-Za-z0-9_-])${value}([^A-Za-z0-9_-]|\$)" "$work/text"; then
      echo "$opt $value"
    fi
  done >"$work/missing"
  while read -r opt value; do
    bad "$what: the value $value of $opt (in the help) is not named in the page"
  done <"$work/missing"
}

awk '/^选项：/ { on = 1 } on { print } on && /^$/ && seen { exit } on && /^  -/ { seen = 1 }' "$work/help" >"$work/help-main"
check_options "jixiao.1: OPTIONS (jixiao --help)" OPTIONS "" "$work/help-main"

for cmd in $commands; do
  if ! "$bin" "$cmd" --help >"$work/help-$cmd" 2>&1; then
    bad "$bin $cmd --help failed"
    continue
  fi
  check_options "jixiao.1: $cmd (jixiao $cmd --help)" COMMANDS "$cmd" "$work/help-$cmd"
done

# --- the example of jixiao.5 ------------------------------------------------------------
# The lines between the marks, roff requests left out and escapes resolved.
extract() {
  awk -v mark="$1" '
    $0 == ".\\\" " mark ": begin" { on = 1; next }
    $0 == ".\\\" " mark ": end" { on = 0; next }
    on && /^\./ { next }
    on {
      s = $0
      gsub(/\\f\[[^]]*\]/, "", s); gsub(/\\f[BIRP]/, "", s)
      gsub(/\\-/, "-", s); gsub(/\\\(aq/, "\047", s); gsub(/\\\(dq/, "\"", s)
      gsub(/\\&/, "", s); gsub(/\\%/, "", s); gsub(/\\e/, "\\", s)
      print s
    }
  ' "$page5"
}
extract example-project >"$work/example.jx"
extract example-policy >"$work/policy.jx"
if [ ! -s "$work/example.jx" ] || [ ! -s "$work/policy.jx" ]; then
  bad "jixiao.5: the example-project and example-policy marks are missing"
else
  if ! "$bin" check --werror "$work/example.jx" >"$work/check.out" 2>&1; then
    bad "jixiao.5: the example project does not pass jixiao check --werror:"
    sed 's/^/    /' "$work/check.out" >&2
  fi
  if ! "$bin" check --werror --policy "$work/policy.jx" "$work/example.jx" >"$work/check.out" 2>&1; then
    bad "jixiao.5: the example with the example policy does not pass jixiao check --werror --policy:"
    sed 's/^/    /' "$work/check.out" >&2
  fi
fi

# --- rendering --------------------------------------------------------------------------
if command -v groff >/dev/null 2>&1; then
  for p in "$page1" "$page5"; do
    # -k: preconv reads the UTF-8 page, as man does; without it groff reads Latin-1
    if ! groff -k -man -Tutf8 -ww -z "$p" >"$work/render" 2>&1 || [ -s "$work/render" ]; then
      bad "$(basename "$p"): groff -k -man -Tutf8 -ww warns:"
      sed 's/^/    /' "$work/render" >&2
    fi
  done
  if command -v man >/dev/null 2>&1; then
    for p in "$page1" "$page5"; do
      if ! LC_ALL=C.UTF-8 MANWIDTH=100 man --warnings -l "$p" 2>"$work/render" >/dev/null || [ -s "$work/render" ]; then
        bad "$(basename "$p"): man --warnings warns:"
        sed 's/^/    /' "$work/render" >&2
      fi
    done
  else
    echo "check_pages: man is not installed: man --warnings not run" >&2
  fi
else
  echo "check_pages: groff is not installed: the rendering of the pages is not checked" >&2
fi

if [ "$problems" -ne 0 ]; then
  echo "check_pages: $problems mismatches" >&2
  exit 1
fi
echo "check_pages: jixiao.1 and jixiao.5 agree with $bin"
