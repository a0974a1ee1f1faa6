#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, builds jixiao into build/, and scores every sample project.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
jx_install_missing
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DJX_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
echo "已构建 build/jixiao；对 samples/ 评分："
exec build/jixiao score samples/*.jx
