#!/bin/sh
# The main job, run by the README's first command after the build: shows each command, then
# runs it. Usage: cmake/main-job.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
B=${1:-build}
SEED='D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)'
run() { printf '\n$ %s\n' "$*"; "$@"; }

# The seed descriptor to Windows' self-relative bytes and back.
run "$B/tools/sddlc" convert "$SEED"
HEX=$("$B/tools/sddlc" convert "$SEED")
run "$B/tools/sddlc" convert --from hex --to sddl "$HEX"

# Every reference policy to SDDL, then one as the C++ header a service embeds.
run "$B/tools/sddlc" compile policies/*.toml
run "$B/tools/sddlc" compile --emit cpp --namespace svc_acl policies/service-section-lowil-readwrite.toml
