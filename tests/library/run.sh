#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The library as another program gets it: builds a Release tree, installs it into a
# prefix, and builds examples/consumer.c against the installed copy three ways —
# `pkg-config --cflags --libs jixiao` (shared), `pkg-config --static` with the static
# library, and CMake's find_package(jixiao) (shared and static) — then runs each on the
# samples and compares their totals with the command's own. Also: the shared library
# exports jx_ names only, and <jixiao.h> compiles as C99 and as C++ with -Wall -Wextra
# -pedantic -Werror.
# Usage: tests/library/run.sh [WORKDIR]   (default: build-lib/ in the tree)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$top/build-lib}
mkdir -p "$work"
work=$(cd "$work" && pwd) # absolute: the example's build runs elsewhere
prefix=$work/prefix
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
step() { echo "== $*"; }

step "build and install into $prefix"
cmake -S "$top" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DJX_TESTS=OFF -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
cmake --build "$work/build" -j"$(nproc)" >/dev/null
rm -rf "$prefix"
cmake --install "$work/build" >/dev/null
libdir=$(sed -n 's/^libdir=//p' "$prefix"/lib*/pkgconfig/jixiao.pc | head -1)
pcdir=$(dirname "$(ls "$prefix"/lib*/pkgconfig/jixiao.pc | head -1)")
export PKG_CONFIG_PATH="$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
libdir=$(pkg-config --variable=libdir jixiao)

samples=("$top"/samples/*.jx)
# the oracle: the command's own totals, as "name<TAB>total<TAB>grade"
"$prefix/bin/jixiao" score --format csv "${samples[@]}" 2>/dev/null |
  python3 -c 'import csv, sys
seen = set()
for r in csv.DictReader(sys.stdin):
    if r["项目"] not in seen and r["总分"]:
        seen.add(r["项目"]); print(r["项目"] + "\t" + r["总分"] + "\t" + r["自评结论"])' >"$work/want.txt"
if [ -s "$work/want.txt" ]; then :; else fail "no totals from jixiao score"; fi

# check NAME PROGRAM: PROGRAM prints the same totals as the command
check() {
  if "$2" "${samples[@]}" >"$work/$1.txt" 2>"$work/$1.err" && cmp -s "$work/want.txt" "$work/$1.txt"; then
    echo "ok: $1"
  else
    fail "$1: totals differ"; diff "$work/want.txt" "$work/$1.txt" || true; cat "$work/$1.err"
  fi
}

step "installed"
for f in bin/jixiao include/jixiao.h include/jixiao_version.h share/man/man1/jixiao.1 share/man/man5/jixiao.5 \
  share/jixiao/rules/default.jx share/doc/jixiao/LICENSE; do
  if [ -e "$prefix/$f" ]; then :; else fail "not installed: $f"; fi
done
for f in libjixiao.so libjixiao.a pkgconfig/jixiao.pc cmake/jixiao/jixiaoConfig.cmake; do
  if [ -e "$libdir/$f" ]; then :; else fail "not installed: $libdir/$f"; fi
done
if grep -q "JX_VERSION \"$("$prefix/bin/jixiao" --version | grep -o '[0-9][0-9.]*' | head -1)\"" "$prefix/include/jixiao_version.h"
then echo "ok: jixiao_version.h says the program's version"; else fail "jixiao_version.h and jixiao --version differ"; fi

step "pkg-config, shared"
cc -std=c99 -Wall -Wextra -Werror -o "$work/consumer-pc" "$top/examples/consumer.c" \
  $(pkg-config --cflags --libs jixiao) -Wl,-rpath,"$libdir"
check pkg-config "$work/consumer-pc"
# ldd's lines taken whole before they are searched: under pipefail, `ldd | grep -q` fails
# when grep, having found its line, exits before ldd has written the rest (SIGPIPE)
libs=$(ldd "$work/consumer-pc" || true)
if grep -q "libjixiao.so.0 => $libdir/" <<<"$libs"; then echo "ok: linked to the installed libjixiao.so.0"
else fail "pkg-config: not linked to $libdir/libjixiao.so.0"; printf '%s\n' "$libs"; fi

step "pkg-config --static"
cc -std=c99 -Wall -Wextra -Werror -o "$work/consumer-static" "$top/examples/consumer.c" \
  $(pkg-config --cflags jixiao) -Wl,-Bstatic -ljixiao -Wl,-Bdynamic \
  $(pkg-config --static --libs jixiao | sed 's/-ljixiao\b//')
check pkg-config-static "$work/consumer-static"
libs=$(ldd "$work/consumer-static" || true)
if grep -q libjixiao <<<"$libs"; then fail "--static: linked to the shared library"; else echo "ok: no libjixiao.so"; fi

for kind in shared static; do
  step "find_package(jixiao), $kind"
  opt=OFF; [ "$kind" = static ] && opt=ON
  cmake -S "$top/examples" -B "$work/example-$kind" -DCMAKE_PREFIX_PATH="$prefix" -DJX_STATIC=$opt \
    -DCMAKE_BUILD_RPATH="$libdir" >/dev/null
  cmake --build "$work/example-$kind" >/dev/null
  check "cmake-$kind" "$work/example-$kind/consumer"
done

step "Python: the package's tests, then the package installed and used on the installed library"
if bash "$top/bindings/python/run_tests.sh" "$libdir" >"$work/python-tests.log" 2>&1; then
  echo "ok: $(grep -E '^Ran ' "$work/python-tests.log")"
else
  fail "bindings/python tests"; tail -30 "$work/python-tests.log"
fi
rm -rf "$work/venv"
/usr/bin/python3 -m venv --system-site-packages "$work/venv"
cp -r "$top/bindings/python" "$work/pysrc"
PIP_DISABLE_PIP_VERSION_CHECK=1 "$work/venv/bin/pip" install --quiet --no-index --no-build-isolation "$work/pysrc"
rm -rf "$work/pysrc"
(cd "$work" && JIXIAO_LIBRARY="$libdir" "$work/venv/bin/python" -c 'import sys, jixiao
for f in sys.argv[1:]:
    for p in jixiao.score(f):
        print("%s\t%s\t%s" % (p.name, p.total, p.grade))' "${samples[@]}") >"$work/python.txt" 2>"$work/python.err"
if cmp -s "$work/want.txt" "$work/python.txt"; then echo "ok: jixiao.score from the installed package"
else fail "python: totals differ"; diff "$work/want.txt" "$work/python.txt" || true; cat "$work/python.err"; fi

step "exports: jx_ names only"
# (the linker's own __bss_start, _edata and _end mark the data segment's ends, in every library)
bad=$(nm -D --defined-only "$libdir/libjixiao.so" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' |
  grep -v -e '^jx_' -e '^__bss_start$' -e '^_edata$' -e '^_end$' || true)
if [ -z "$bad" ]; then echo "ok: $(nm -D --defined-only "$libdir/libjixiao.so" | awk '$2 == "T"' | wc -l) functions, all jx_"
else fail "exported without jx_: $(echo $bad | head -c 400)"; fi

step "the header as C99 and C++"
inc=$(pkg-config --variable=includedir jixiao)
printf '#include <jixiao.h>\nint main(void) { return jx_version_number() < 0; }\n' >"$work/h.c"
cc -std=c99 -Wall -Wextra -pedantic -Werror -I"$inc" -fsyntax-only "$work/h.c" && echo "ok: C99" || fail "the header as C99"
c++ -x c++ -std=c++11 -Wall -Wextra -pedantic -Werror -I"$inc" -fsyntax-only "$work/h.c" && echo "ok: C++11" || fail "the header as C++"

if [ "$failed" -gt 0 ]; then echo "tests/library: $failed failed"; exit 1; fi
echo "tests/library: all passed"
