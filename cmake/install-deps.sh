#!/bin/sh
# Installs the Debian 12 packages secdesc needs to build and test: the toolchain too, so a bare
# machine works. As root it runs apt-get; otherwise it prints the exact command to run.
#   cmake/install-deps.sh              the build and the test suite (python3-jsonschema for the
#                                      JSON Schema test, tests/schemas/validate_json.py)
#   cmake/install-deps.sh --hardening  also clang and its sanitizer/libFuzzer runtime
#   cmake/install-deps.sh --windows    also mingw-w64 (posix threads) and Wine, for the cross build
#   cmake/install-deps.sh --differential  also python3 and Samba's Python binding (the
#                                         differential.samba test, docs/differential-testing.md)
#   cmake/install-deps.sh --bench      also valgrind and Samba's binding, for bench/callgrind.sh and
#                                      bench/compare_samba.py (docs/performance.md)
#   cmake/install-deps.sh --sarif      also npm, and Microsoft's SARIF Multitool from the npm
#                                      registry (@microsoft/sarif-multitool-linux, a self-contained
#                                      binary) into $SECDESC_SARIF_DIR (default
#                                      $HOME/.cache/secdesc-sarif), outside the source tree, where
#                                      CMake finds it for the sarif.multitool test
set -eu
PACKAGES="build-essential cmake ninja-build git ca-certificates pkg-config \
libfmt-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libssl-dev \
googletest libgtest-dev libgmock-dev libbenchmark-dev python3-jsonschema pre-commit"
SARIF=no
for arg in "$@"; do
  case $arg in
    --hardening) PACKAGES="$PACKAGES clang libclang-rt-14-dev" ;;
    --windows) PACKAGES="$PACKAGES g++-mingw-w64-x86-64-posix wine wine64" ;;
    --differential) PACKAGES="$PACKAGES python3 python3-samba" ;;
    --bench) PACKAGES="$PACKAGES valgrind python3 python3-samba" ;;
    # npm from Debian, unless an npm (e.g. Node.js's own) is already on PATH.
    --sarif) command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES npm"; SARIF=yes ;;
    *) echo "install-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
elif [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: not root; run:"
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing"
  exit 1
else
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing
fi

if [ "$SARIF" = yes ]; then
  # One fixed version, so that CI's verdict does not change under it; kept between runs.
  version=5.7.0
  dir=${SECDESC_SARIF_DIR:-${HOME:-/root}/.cache/secdesc-sarif}
  tool=$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
  if [ -x "$tool" ] && grep -q "\"version\": \"$version\"" "$(dirname "$tool")/package.json"; then
    echo "install-deps: SARIF Multitool $version present in $dir"
  else
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --no-save "@microsoft/sarif-multitool-linux@$version"
    # The package's postinstall (chmod u+x) does not run where npm skips install scripts.
    chmod u+x "$tool"
    echo "install-deps: SARIF Multitool $version installed in $dir"
  fi
fi
