#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The licence: LICENSE (MIT) at the top of the tree, and an SPDX line within the first three
# lines of every source file — C, shell, Python, awk, CMake — outside the fuzzers' corpus and
# the build folders (any that holds a CMakeCache.txt). A file added without one fails here.
# Usage: test_licence.sh /path/to/jixiao (unused: the tree is checked)
. "$(dirname "$0")/lib.sh"

top=$(cd "$here/../.." && pwd)
if grep -q "^MIT License" "$top/LICENSE" 2>/dev/null; then ok; else fail "LICENSE: no MIT licence"; fi
# a build folder is one that holds a CMakeCache.txt, whatever its name (build*, b-test…)
builds=$(cd "$top" && find . \( -path ./.git -o -path './build*' \) -prune -o -name CMakeCache.txt -print |
  sed 's|/CMakeCache.txt$|/|')
missing=$(cd "$top" && find . \( -path ./.git -o -path './build*' -o -path ./tests/fuzz/corpus -o -name node_modules \) -prune -o \
  -type f \( -name '*.c' -o -name '*.h' -o -name '*.sh' -o -name '*.py' -o -name '*.awk' -o -name '*.cmake' \
  -o -name CMakeLists.txt -o -path ./.ci/run \) -print |
  while read -r f; do
    inside=""
    for b in $builds; do case "$f" in "$b"*) inside=1 ;; esac; done
    [ -n "$inside" ] || head -n 3 "$f" | grep -q "SPDX-License-Identifier: MIT" || echo "$f"
  done | sort)
if [ -z "$missing" ]; then ok; else fail "no SPDX line in:"; echo "$missing" | head -20; fi
finish test_licence
