# Sourced by setup.sh and test.sh: installs the Debian packages jixiao needs, when missing.
jx_packages="cmake make gcc pkg-config libpcre2-dev libcjson-dev libcmocka-dev libutf8proc-dev libxlsxwriter-dev unzip python3"

jx_install_missing() {
  local missing=""
  for pkg in $jx_packages; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  [ -z "$missing" ] && return 0
  echo "安装缺少的软件包:$missing"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
}
