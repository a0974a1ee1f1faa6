# SPDX-License-Identifier: MIT
# Sourced by setup.sh and test.sh: installs the Debian packages jixiao needs, when missing.
jx_packages="cmake make gcc pkg-config libpcre2-dev libcjson-dev libcmocka-dev libutf8proc-dev libxlsxwriter-dev libzip-dev libexpat1-dev libfreexl-dev"
# What the tests need besides: headless Chromium renders the HTML reports to PNG and PDF,
# poppler-utils reads the PDF back (pdfinfo, pdftotext), a CJK font shows the Chinese;
# unzip and python3 read the xlsx workbooks back; g++ compiles the public header as C++ and
# python3-venv with python3-setuptools installs the Python package (tests/library).
jx_test_packages="chromium poppler-utils fonts-noto-cjk unzip python3 g++ python3-venv python3-setuptools"
# What the clang build and the fuzz targets (tests/fuzz) need: clang, and libFuzzer with
# clang's sanitizer runtimes, which Debian 12 ships in libclang-rt-dev.
jx_fuzz_packages="clang libclang-rt-dev"

# Prints the packages among "$@" that are not installed.
jx_missing() {
  local missing=""
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  echo "$missing"
}

# Installs the packages among "$@" that are missing; fails when apt-get does.
jx_apt_install() {
  local missing
  missing=$(jx_missing "$@")
  [ -z "$missing" ] && return 0
  echo "安装缺少的软件包:$missing"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
}

# What building needs: without it nothing goes on.
jx_install_missing() {
  jx_apt_install $jx_packages
}

# What the tests need besides; a failure is reported and the tests that need these
# packages say they were skipped (outside CI, where they fail instead).
jx_install_test_tools() {
  jx_apt_install $jx_test_packages || echo "无法安装$(jx_missing $jx_test_packages)：HTML 渲染测试将跳过" >&2
  return 0
}

# What the clang build and the fuzz targets need; returns 1 when it cannot be had (the
# caller skips them, except in CI, where they then fail).
jx_install_fuzz_tools() {
  jx_apt_install $jx_fuzz_packages && return 0
  echo "无法安装$(jx_missing $jx_fuzz_packages)：clang 构建和模糊测试将跳过" >&2
  return 1
}
