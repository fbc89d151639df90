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

# The seed question: can a low-integrity interactive process open the section for read+write?
run "$B/tools/sddlc" check "${SEED%S:*}" --object section --token preset=low-integrity-user --desired read,write || true
run "$B/tools/sddlc" check policies/service-section-lowil-readwrite.toml --token preset=low-integrity-user --desired read,write

# Every reference policy to SDDL (their [[expect]] entries are checked on the way), then one as the C++ header a service embeds.
run "$B/tools/sddlc" compile policies/*.toml
run "$B/tools/sddlc" compile --emit cpp --namespace svc_acl policies/service-section-lowil-readwrite.toml

# Lint: the reference policies (clean), then the seed's hand-written SDDL in C++ (findings, exit 1).
run "$B/tools/sddl-lint" policies/
run "$B/tools/sddl-lint" docs/examples/seed_service.cpp || true
