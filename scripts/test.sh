#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, builds with AddressSanitizer + UndefinedBehaviorSanitizer
# into build-asan/, and runs every test (unit, golden, CLI, shared-library client); then
# installs a Release build into build-lib/prefix and builds a program against it, as
# pkg-config and CMake find it (tests/library/run.sh); builds the Release tree optimized
# by profile and checks it (scripts/release.sh, build-release/); runs four threads at once,
# and the program's -j over a folder, under ThreadSanitizer (tests/thread/run.sh,
# build-tsan/); then
# builds the tree with clang into build-clang/ (warnings are errors) and runs each fuzz
# target a short while on its corpus (tests/fuzz/run.sh), failing on any crash.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
jx_install_missing
jx_install_test_tools
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DJX_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build-asan --output-on-failure -j"$(nproc)"

# The library as another program gets it: installed, found by pkg-config and CMake,
# linked shared and static (tests/library/run.sh, a Release tree in build-lib/).
bash tests/library/run.sh build-lib

# The Release build as setup.sh makes it, optimized by profile (gcc): its training runs
# must give the same bytes as the instrumented build's (scripts/release.sh, build-release/).
bash scripts/release.sh build-release -DJX_TESTS=OFF

# The threads rule under ThreadSanitizer: one policy, four threads scoring and writing every
# format at once, each output the same as one thread's alone; then the program's own -j
# over a folder, as -j 1 (tests/thread/run.sh).
bash tests/thread/run.sh build-tsan

if jx_install_fuzz_tools || [ -n "${CI:-}" ]; then
  cmake -S . -B build-clang -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DJX_WERROR=ON >/dev/null
  cmake --build build-clang -j"$(nproc)"
  JX_FUZZ_SECONDS="${JX_FUZZ_SECONDS:-20}" bash tests/fuzz/run.sh
fi
