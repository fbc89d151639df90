#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml under pre-commit (Debian's package): a throw-away hook
# repository holding the manifest, a sample repository holding a reference policy, and
# `pre-commit try-repo` with the build's sddl-lint and sddlc first on PATH, PRE_COMMIT_HOME in the
# temporary directory and no network (language: system installs nothing). The lint hook passes
# on a clean policy; the diff hook fails on a widening and passes on a reordering.
# Exit 77 (ctest: skipped) without pre-commit or git.
set -u
SDDLC=$1
SDDL_LINT=$2
ROOT=$3
. "$(dirname "$0")/check.sh"  # check NAME EXPECTED ACTUAL, $fails
for tool in pre-commit git; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (Debian: apt-get install pre-commit; cmake/install-deps.sh)"
    exit 77
  fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home PRE_COMMIT_HOME=$tmp/pre-commit-cache GIT_CONFIG_NOSYSTEM=1 \
  GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t \
  GIT_COMMITTER_EMAIL=t@example.invalid PRE_COMMIT_COLOR=never
# No network: a proxy that does not exist, so anything that tries to download fails loudly.
export http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 no_proxy=
mkdir -p "$HOME"
PATH=$(dirname "$SDDLC"):$(dirname "$SDDL_LINT"):$PATH
export PATH

hooks=$tmp/hooks
mkdir -p "$hooks"
cp "$ROOT/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q -b main && git -C "$hooks" add -A && git -C "$hooks" commit -q -m hooks

sample=$tmp/sample
mkdir -p "$sample/policies"
cd "$sample" || exit 1
git init -q -b main
policy=policies/lowil-named-pipe.toml
cp "$ROOT/$policy" "$policy"
git add -A && git commit -q -m policy

# The lint hook on the clean reference policy.
out=$(pre-commit try-repo "$hooks" sddl-lint --all-files 2>&1); status=$?
check "sddl-lint hook on a clean policy: exit 0" 0 "$status"
contains "sddl-lint hook ran" "sddl-lint" "$out"
contains "sddl-lint hook passed" "Passed" "$out"

# A widening, staged: Everyone gets what interactive users had.
sed -i 's/^principal = "IU"$/principal = "WD"/' "$policy"
git add "$policy"
out=$(pre-commit try-repo "$hooks" sddlc-diff 2>&1); status=$?
check "sddlc-diff hook on a widening: exit 1" 1 "$status"
contains "sddlc-diff hook failed" "Failed" "$out"
contains "sddlc-diff hook says who gains" "SID WD:" "$out"
git reset -q --hard

# A reordering, staged: the SY and BA allow entries (both "all") swap places.
sed -i 's/^principal = "SY"$/principal = "@@"/; s/^principal = "BA"$/principal = "SY"/; s/^principal = "@@"$/principal = "BA"/' "$policy"
git add "$policy"
check "the reordering is staged" yes "$(git diff --cached --quiet && echo no || echo yes)"
out=$(pre-commit try-repo "$hooks" sddlc-diff 2>&1); status=$?
check "sddlc-diff hook on a reordering: exit 0" 0 "$status"
contains "sddlc-diff hook passed" "Passed" "$out"

# The lint hook fails on a broken policy (an unknown principal: a policy-error finding).
printf 'object = "file"\n[dacl]\n[[dacl.allow]]\nprincipal = "XX"\nrights = "all"\n' > policies/bad.toml
git add policies/bad.toml
out=$(pre-commit try-repo "$hooks" sddl-lint 2>&1); status=$?
check "sddl-lint hook on a broken policy: exit 1" 1 "$status"
contains "sddl-lint hook names the file and line" "policies/bad.toml:4" "$out"

echo "$fails failed"
[ "$fails" -eq 0 ]
