#!/bin/sh
# Installs the Debian 12 packages the Windows cross build and its tests need: mingw-w64 (posix
# thread model) and Wine. The header-only libraries and GoogleTest come from cmake/install-deps.sh.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -eu
PACKAGES="g++-mingw-w64-x86-64-posix wine wine64"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "install-windows-deps: all packages present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-windows-deps: not root; run:"
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing"
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing
