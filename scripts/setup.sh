#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, builds jixiao into build/ (in Release, optimized by profile:
# scripts/release.sh), and scores every sample project.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
jx_install_missing
bash scripts/release.sh build -DJX_TESTS=OFF
echo "已构建 build/jixiao；对 samples/ 评分："
exec build/jixiao score samples/*.jx
