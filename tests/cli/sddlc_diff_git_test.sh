#!/usr/bin/env bash
# CLI test for `sddlc diff --git REV` and `--format github`: a throw-away git repository with
# copies of reference policies, modified, added and deleted; reordering is no change; the issue's
# widening (interactive users gain write on a pipe, AppContainers map-write on a section) exits 1
# under --fail-on widen; annotations name the policy file and the line of the entry that widens;
# errors (not a repository, unknown revision, git missing) exit 2.
set -u
SDDLC=$1
ROOT=$2
. "$(dirname "$0")/check.sh"  # check NAME EXPECTED ACTUAL, $fails
lacks() {  # lacks NAME NEEDLE HAYSTACK
  case $3 in
    *"$2"*) check "$1" "no ...$2..." "$3" ;;
    *) check "$1" yes yes ;;
  esac
}
# The line of the first line of FILE equal to TEXT after line AFTER.
line_of() { awk -v t="$2" -v a="${3:-0}" 'NR > a && $0 == t { print NR; exit }' "$1"; }

if ! command -v git >/dev/null 2>&1; then
  echo "SKIP: git is not installed"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A git of our own: no user or system configuration, a fixed identity.
export HOME=$tmp/home GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid \
  GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid
mkdir -p "$HOME"
repo=$tmp/repo
mkdir -p "$repo/policies"
cd "$repo" || exit 1
git init -q -b main .
cp "$ROOT/policies/lowil-named-pipe.toml" "$ROOT/policies/appcontainer-section-read.toml" \
  "$ROOT/policies/client-signal-event.toml" "$ROOT/policies/acme-sync-section.toml" policies/
printf '[package]\nname = "not-a-policy"\n' > Cargo.toml
git add -A && git commit -q -m base

out=$("$SDDLC" diff --git HEAD); status=$?
check "unchanged tree: exit 0" 0 "$status"
contains "unchanged tree: summary" "4 policies compared between HEAD and the working tree: 0 change access" "$out"
lacks "unchanged tree: no section" "==" "$out"
lacks "a TOML file without object or dacl is not a policy" "Cargo.toml" "$out"

# Reordering: the SY and BA allow entries (both "all") swap places.
pipe=policies/lowil-named-pipe.toml
sed -i 's/^principal = "SY"$/principal = "@@"/; s/^principal = "BA"$/principal = "SY"/; s/^principal = "@@"$/principal = "BA"/' "$pipe"
check "the reordering edited the file" yes "$(git diff --quiet && echo no || echo yes)"
out=$("$SDDLC" diff --git HEAD --fail-on any); status=$?
check "reordered entries: exit 0 under --fail-on any" 0 "$status"
contains "reordered entries: no change" "== policies/lowil-named-pipe.toml (modified) ==
no change in access" "$out"
git checkout -q -- "$pipe"

# The issue's example: interactive users gain write on the pipe, AppContainers (those holding the
# lpacCom capability) map-write on AcmeSync's section. An AppContainer gets what both its user's
# SIDs and its AppContainer SIDs are granted, so the change gives map-write to IU and to lpacCom.
sed -i 's/^rights = \["read-data", "write-data", "read-attributes", "read-ea", "read-control", "synchronize"\]$/rights = ["read", "write"]/' "$pipe"
section=policies/acme-sync-section.toml
sed -i 's/^rights = \["map-read", "query"\]$/rights = ["map-read", "map-write", "query"]/' "$section"
check "the example edits both files" 2 "$(git diff --name-only | wc -l)"
out=$("$SDDLC" diff --git HEAD --fail-on widen); status=$?
check "the issue's widening: exit 1 under --fail-on widen" 1 "$status"
contains "pipe: interactive-user gains write" "interactive-user:
  gains" "$out"
contains "pipe: create-pipe-instance gained" "create-pipe-instance" "$out"
contains "section: an lpacCom AppContainer gains map-write" "appcontainer + capability S-1-15-3-1024-" "$out"
contains "section: ... map-write" "gains map-write (0x2)" "$out"
contains "summary: 2 of 4 change" "4 policies compared between HEAD and the working tree: 2 change access" "$out"
lacks "an unchanged policy has no section" "client-signal-event" "$out"
"$SDDLC" diff --git HEAD --fail-on widen -- policies/client-signal-event.toml >/dev/null
check "a PATHSPEC limits the comparison: exit 0" 0 $?
out=$("$SDDLC" diff --git HEAD -- "$section"); status=$?
check "PATHSPEC: exit 1" 1 "$status"
lacks "PATHSPEC: the pipe is not compared" "lowil-named-pipe" "$out"

# --format github: an error on the line of each entry that widens.
iu_line=$(line_of "$pipe" 'principal = "IU"')
iu_entry=$((iu_line - 1))
lpac_entry=$(( $(line_of "$section" 'principal = "capability:lpacCom"') - 1 ))
out=$("$SDDLC" diff --git HEAD --fail-on widen --format github); status=$?
check "github: exit 1" 1 "$status"
contains "github: the pipe's IU entry" "::error file=policies/lowil-named-pipe.toml,line=$iu_entry,title=sddlc diff%3A access widens::[[dacl.allow]] entry widens access:%0A" "$out"
contains "github: the callers, one a line" "%0Ainteractive-user gains " "$out"
contains "github: the section's lpacCom entry" "::error file=policies/acme-sync-section.toml,line=$lpac_entry,title=sddlc diff%3A access widens::[[dacl.allow]] entry widens access:" "$out"
contains "github: the summary" "::error title=sddlc diff::4 policies compared" "$out"
check "github: the entry line is a [[dacl.allow]] table" "[[dacl.allow]]" "$(sed -n "${iu_entry}p" "$pipe")"
# Under widen-write, the section's map-write is write: error; a read-only gain would be a warning.
out=$("$SDDLC" diff --git HEAD --fail-on widen-write --format github -- "$section")
contains "github widen-write: map-write is an error" "::error file=policies/acme-sync-section.toml" "$out"

# JSON: a files array.
out=$("$SDDLC" diff --git HEAD --fail-on widen --format json)
contains "json: rev" '"rev":"HEAD"' "$out"
contains "json: a modified file" '"path":"policies/lowil-named-pipe.toml"' "$out"
contains "json: schema_version 2" '"schema_version":2' "$out"
if python3 -c 'import jsonschema' 2>/dev/null; then
  verdict=$(printf '%s' "$out" | python3 -c '
import json, sys
from jsonschema import Draft202012Validator
v = Draft202012Validator(json.load(open(sys.argv[1])))
doc = json.load(sys.stdin)
errors = list(v.iter_errors(doc))
doc["files"][0]["surprise"] = 1
print("valid" if not errors else errors[0].message, "rejects" if list(v.iter_errors(doc)) else "accepts")
' "$ROOT/docs/schemas/sddlc-diff.schema.json")
  check "json --git: valid for docs/schemas/sddlc-diff.schema.json, an unknown field rejected" "valid rejects" "$verdict"
fi
out=$("$SDDLC" diff --git HEAD --format markdown)
contains "markdown: a section per file" '### `policies/acme-sync-section.toml` (modified)' "$out"
git checkout -q -- .

# Added and deleted policies; --staged compares the index.
git rm -q policies/client-signal-event.toml
mkdir -p sub && cp "$ROOT/policies/lowil-named-pipe.toml" sub/new-pipe.toml
out=$("$SDDLC" diff --git HEAD --fail-on widen); status=$?
check "added policy: exit 1 under widen (all it grants is gained)" 1 "$status"
contains "added policy: a section" "== sub/new-pipe.toml (added) ==" "$out"
contains "added policy: interactive-user gains" "interactive-user:
  gains read-data|write-data" "$out"
contains "deleted policy: a section" "== policies/client-signal-event.toml (deleted) ==" "$out"
contains "deleted policy: a loss" "loses" "$out"
out=$("$SDDLC" diff --git HEAD --staged --fail-on widen); status=$?
check "--staged: the untracked policy is not compared, the deletion only narrows: exit 0" 0 "$status"
lacks "--staged: no untracked file" "new-pipe" "$out"
contains "--staged: the deletion" "policies/client-signal-event.toml (deleted)" "$out"
out=$(cd sub && "$SDDLC" diff --git HEAD --format github); status=$?
contains "from a subdirectory: paths from the repository root" "file=sub/new-pipe.toml,line=" "$out"
rm -rf sub
git reset -q --hard

# A broken policy at one side: exit 2, the file and line named, nothing on stdout.
printf 'object = "file"\n[dacl]\n[[dacl.allow]]\nprincipal = "XX"\nrights = "all"\n' > bad.toml
out=$("$SDDLC" diff --git HEAD 2>"$tmp/err"); status=$?
check "broken policy: exit 2" 2 "$status"
check "broken policy: nothing on stdout" "" "$out"
contains "broken policy: file:line named" "bad.toml:4" "$(cat "$tmp/err")"
rm bad.toml

# Errors: an unknown revision, not a repository, git missing.
err=$("$SDDLC" diff --git no-such-rev 2>&1 >/dev/null); status=$?
check "unknown revision: exit 2" 2 "$status"
contains "unknown revision: says so" "unknown revision 'no-such-rev'" "$err"
err=$("$SDDLC" diff --git --output=x 2>&1 >/dev/null); status=$?
check "a revision that looks like an option: exit 2" 2 "$status"
err=$(cd "$tmp" && GIT_CEILING_DIRECTORIES=$tmp "$SDDLC" diff --git HEAD 2>&1 >/dev/null); status=$?
check "not a repository: exit 2" 2 "$status"
contains "not a repository: says so" "not a git repository" "$err"
err=$(PATH=$tmp/empty "$SDDLC" diff --git HEAD 2>&1 >/dev/null); status=$?
check "git missing: exit 2" 2 "$status"
contains "git missing: says so" "is git installed" "$err"
err=$("$SDDLC" diff --staged 'D:' 'D:' 2>&1 >/dev/null); status=$?
check "--staged without --git: exit 2" 2 "$status"
err=$("$SDDLC" diff --object file 'D:' 2>&1 >/dev/null); status=$?
check "one input without --git: exit 2" 2 "$status"
contains "one input without --git: says what to give" "give OLD and NEW" "$err"

# --format github without a policy file: annotations without file, naming the ACE.
out=$("$SDDLC" diff --object named-pipe --fail-on widen --format github 'D:P(A;;GA;;;SY)(A;;GR;;;IU)' 'D:P(A;;GA;;;SY)(A;;GRGW;;;IU)'); status=$?
check "github on SDDL: exit 1" 1 "$status"
contains "github on SDDL: an annotation without file on the ACE" "::error title=sddlc diff%3A access widens::DACL ACE #1 (A;;" "$out"
out=$("$SDDLC" diff --object file --fail-on widen-write --format github 'D:(A;;GA;;;SY)' 'D:(A;;GA;;;SY)(A;;GR;;;IU)'); status=$?
check "github read gain under widen-write: exit 0" 0 "$status"
contains "github read gain under widen-write: a warning" "::warning title=" "$out"
contains "github read gain under widen-write: a notice summary" "::notice title=sddlc diff::" "$out"

echo "$fails failed"
[ "$fails" -eq 0 ]
