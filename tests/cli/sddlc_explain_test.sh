#!/usr/bin/env bash
# CLI test for `sddlc explain`: the golden explanation of EVERY reference policy
# (tests/golden/explain/<policy>.txt, and .md / .json where present), the input forms, and the
# errors (exit 2, naming the argument and the offset, nothing on stdout).
# SECDESC_UPDATE_GOLDENS=1 rewrites the goldens from the tool (review the diff before committing:
# tests/cli/sddlc_explain_test.cpp checks the matrix cells against `sddlc check`).
set -u
SDDLC=$1
ROOT=$2
GOLDEN=$ROOT/tests/golden/explain
. "$(dirname "$0")/check.sh"  # check NAME EXPECTED ACTUAL
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The secdesc version changes with every release; the goldens keep the one they were written with.
no_version() { sed -E 's/"tool_version":"[0-9]+\.[0-9]+\.[0-9]+"/"tool_version":"X"/'; }

cd "$ROOT" || exit 1
policies=0
for policy in policies/*.toml; do
  name=$(basename "$policy" .toml)
  policies=$((policies + 1))
  for format in txt md json; do
    golden=$GOLDEN/$name.$format
    case $format in txt) f=text ;; md) f=markdown ;; json) f=json ;; esac
    if [ ! -f "$golden" ]; then
      # Every policy has a text golden; markdown and json are kept for some.
      if [ "$format" = txt ] && [ "${SECDESC_UPDATE_GOLDENS:-0}" != 1 ]; then
        check "$name: golden $name.txt exists" yes no
      fi
      [ "${SECDESC_UPDATE_GOLDENS:-0}" = 1 ] && [ "$format" = txt ] || continue
    fi
    "$SDDLC" explain "$policy" --format "$f" >"$tmp/out" 2>"$tmp/err"; status=$?
    check "$name ($f): exit 0" 0 "$status"
    if [ "${SECDESC_UPDATE_GOLDENS:-0}" = 1 ]; then
      cp "$tmp/out" "$golden"
      continue
    fi
    if diff -u <(no_version <"$golden") <(no_version <"$tmp/out") >"$tmp/diff"; then
      check "$name ($f): matches $name.$format" same same
    else
      check "$name ($f): matches $name.$format" same "differs:
$(head -40 "$tmp/diff")"
    fi
  done
done
check "every policy explained (policies/ is not empty)" yes "$([ "$policies" -gt 0 ] && echo yes || echo no)"
[ "${SECDESC_UPDATE_GOLDENS:-0}" = 1 ] && exit 0

# Input forms: SDDL with --object, hex bytes, --object overriding a policy's type.
out=$("$SDDLC" explain 'D:P(A;;GA;;;SY)(A;;GR;;;IU)S:(ML;;NW;;;LW)' --object named-pipe); status=$?
check "sddl: exit 0" 0 "$status"
contains "sddl: the type's words" "read-data" "$out"
contains "sddl: the label" "label: low NW" "$out"
contains "sddl: the matrix" "interactive-user" "$out"
hex=$("$SDDLC" convert --to hex 'D:P(A;;GA;;;SY)(A;;GR;;;IU)')
out2=$("$SDDLC" explain "$hex" --object named-pipe); status=$?
check "hex: exit 0" 0 "$status"
contains "hex: the ACE" "DACL ACE #1 (A;;GR;;;IU)" "$out2"
out=$("$SDDLC" explain policies/service-section-readonly.toml --object file); status=$?
check "--object overrides the policy's type: exit 0" 0 "$status"
contains "--object overrides the policy's type" "read-data" "$out"
out=$("$SDDLC" explain 'D:(XA;;GW;;;IU;(@User.clearance >= 3))' --object file --format markdown)
contains "markdown: the matrix table" "| Caller |" "$out"
contains "markdown: the condition in words" "the user claim clearance is at least 3" "$out"

# Errors: exit 2, the argument and the offset named, nothing on stdout.
out=$("$SDDLC" explain 'D:(A;;GA;;;SY' --object file 2>"$tmp/err"); status=$?
check "bad SDDL: exit 2" 2 "$status"
check "bad SDDL: nothing on stdout" "" "$out"
contains "bad SDDL: names INPUT and the offset" "sddlc explain: INPUT: at " "$(cat "$tmp/err")"
out=$("$SDDLC" explain 'D:(A;;GA;;;SY)' 2>"$tmp/err"); status=$?
check "no --object: exit 2" 2 "$status"
contains "no --object: says so" "--object is required" "$(cat "$tmp/err")"
"$SDDLC" explain 'D:(A;;GA;;;SY)' --object fiel 2>"$tmp/err"; status=$?
check "unknown --object: exit 2" 2 "$status"
contains "unknown --object: names it" "unknown object type 'fiel'" "$(cat "$tmp/err")"
out=$("$SDDLC" explain 'D:(A;;GA;;;WD)S:(ML;;NW;;;LU)' --object section 2>"$tmp/err"); status=$?
check "label that is not an integrity level: exit 2" 2 "$status"
check "label that is not an integrity level: nothing on stdout" "" "$out"
contains "label that is not an integrity level: no answer" "no answer" "$(cat "$tmp/err")"
# A process trust label (\KnownDlls's, docs/access-check.md): no answer either, naming the ACE.
out=$("$SDDLC" explain 'D:(A;;CCDCRC;;;WD)S:(TL;;CCDCRC;;;S-1-19-512-8192)' --object section 2>"$tmp/err"); status=$?
check "trust label: exit 2" 2 "$status"
check "trust label: nothing on stdout" "" "$out"
contains "trust label: no answer naming the ACE" "no answer: SACL ACE #0 is a process trust label (TL) ACE" "$(cat "$tmp/err")"
"$SDDLC" explain 'D:(A;;GA;;;SY)' --object file --format yaml 2>/dev/null; status=$?
check "unknown --format: exit 2" 2 "$status"
"$SDDLC" explain "$tmp/missing.toml" 2>"$tmp/err"; status=$?
check "missing policy file: exit 2" 2 "$status"
# An attribute name holding an unpaired surrogate (SDDL %d800): the words write it as SDDL does
# (valid UTF-8); JSON, which gives names themselves, refuses the input (docs/sddl.md, Output rule).
for f in text markdown; do
  "$SDDLC" explain --object file --format $f 'D:(XA;;FA;;;WD;(@User.%d800 == "x"))' >"$tmp/out" 2>&1; status=$?
  check "lone surrogate in a name, $f: exit 0" 0 "$status"
  contains "lone surrogate in a name, $f: written escaped" "the user claim %d800" "$(cat "$tmp/out")"
  if iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null 2>&1; then check "lone surrogate, $f: valid UTF-8" yes yes
  else check "lone surrogate, $f: valid UTF-8" yes no; fi
done
out=$("$SDDLC" explain --object file --format json 'D:(XA;;FA;;;WD;(@User.%d800 == "x"))' 2>"$tmp/err"); status=$?
check "lone surrogate in a name, json: exit 2" 2 "$status"
check "lone surrogate in a name, json: nothing on stdout" "" "$out"
contains "lone surrogate in a name, json: says why" "cannot be written as JSON" "$(cat "$tmp/err")"
help=$("$SDDLC" explain --help)
contains "--help: exit statuses" "Exit status: 0 explained, 2 usage or input error" "$help"
contains "--help: the schema" "docs/schemas/sddlc-explain.schema.json" "$help"

if [ "$fails" -ne 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
echo "all passed"
