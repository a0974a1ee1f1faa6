#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs the Python package's tests against a built libjixiao:
#
#     bindings/python/run_tests.sh BUILD_DIR
#
# BUILD_DIR is a CMake build folder holding libjixiao.so (target jixiao_shared). The script
# makes a virtual environment in a temporary folder (with the system's site packages, for
# Debian's setuptools: no package index is needed), installs a copy of the package there
# with --no-build-isolation, and runs tests/test_jixiao.py with JIXIAO_LIBRARY naming the
# library. The temporary folder is removed at the end. Exit status: 0 when every test
# passed, 1 when one failed, 2 for a usage or setup error.
# PYTHON names the interpreter (default /usr/bin/python3).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR   (the folder holding libjixiao.so)" >&2
  exit 2
fi
build=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python=${PYTHON:-/usr/bin/python3}

lib=
for name in libjixiao.so.0 libjixiao.so; do
  if [ -e "$build/$name" ]; then
    lib=$(cd "$build" && pwd)/$name
    break
  fi
done
if [ -z "$lib" ]; then
  echo "$0: no libjixiao.so in $build (build it: cmake --build $build --target jixiao_shared)" >&2
  exit 2
fi
if ! "$python" -c 'import venv, setuptools' 2>/dev/null; then
  echo "$0: $python lacks venv or setuptools (Debian: python3-venv, python3-setuptools)" >&2
  exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-python.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# a copy of the package, so that building it leaves nothing (build/, *.egg-info) in the tree
mkdir "$tmp/src"
cp "$here/pyproject.toml" "$here/README.md" "$tmp/src/"
mkdir "$tmp/src/jixiao"
cp "$here"/jixiao/*.py "$tmp/src/jixiao/"

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
"$python" -m venv --system-site-packages "$tmp/venv" || exit 2
"$tmp/venv/bin/pip" install --quiet --no-index --no-build-isolation "$tmp/src" || exit 2

export JIXIAO_LIBRARY=$lib
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ left beside the tests
cd "$tmp"
# the tests must see the installed package, not the source folder
"$tmp/venv/bin/python" - <<'EOF' || exit 2
import os, sys, jixiao
if not os.path.realpath(jixiao.__file__).startswith(os.path.realpath(sys.prefix)):
    sys.exit("jixiao imported from %s, not from the virtual environment" % jixiao.__file__)
print("jixiao %s from %s, libjixiao %s from %s" % (jixiao.__version__, os.path.dirname(jixiao.__file__),
                                                   jixiao.version(), jixiao.library_path()))
EOF
status=0
"$tmp/venv/bin/python" -m unittest discover -s "$here/tests" -t "$here/tests" -p 'test_*.py' -v || status=1
exit $status
