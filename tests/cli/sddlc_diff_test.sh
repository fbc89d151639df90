#!/usr/bin/env bash
# CLI test for `sddlc diff`: the input forms (SDDL, hex, policy file), the formats, exit codes and
# --fail-on, and errors that name the argument and the offset.
set -u
SDDLC=$1
ROOT=$2
. "$(dirname "$0")/check.sh"  # check NAME EXPECTED ACTUAL, $fails
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

OLD='D:P(A;;GA;;;SY)(A;;GR;;;IU)'
NEW='D:P(A;;GA;;;SY)(A;;GRGW;;;IU)'
out=$("$SDDLC" diff --object named-pipe "$OLD" "$NEW"); status=$?
check "pipe write gained: exit 1" 1 "$status"
contains "pipe write gained: interactive-user listed" "interactive-user:" "$out"
contains "pipe write gained: in the type's words" "gains write-data" "$out"
contains "pipe write gained: the deciding ACE" "why:" "$out"
"$SDDLC" diff --object named-pipe --fail-on widen "$OLD" "$NEW" >/dev/null; check "widen: exit 1" 1 $?
"$SDDLC" diff --object named-pipe --fail-on widen-write "$OLD" "$NEW" >/dev/null
check "widen-write: exit 1" 1 $?
# The reverse change only narrows.
"$SDDLC" diff --object named-pipe --fail-on widen "$NEW" "$OLD" >/dev/null; check "narrowing under widen: exit 0" 0 $?
"$SDDLC" diff --object named-pipe "$NEW" "$OLD" >/dev/null; check "narrowing under any: exit 1" 1 $?
# A gain of read only is a widening but not a write widening.
"$SDDLC" diff --object file --fail-on widen-write 'D:(A;;GA;;;SY)' 'D:(A;;GA;;;SY)(A;;GR;;;IU)' >/dev/null
check "read gained under widen-write: exit 0" 0 $?
"$SDDLC" diff --object file --fail-on widen 'D:(A;;GA;;;SY)' 'D:(A;;GA;;;SY)(A;;GR;;;IU)' >/dev/null
check "read gained under widen: exit 1" 1 $?

out=$("$SDDLC" diff --object file 'D:(A;;GA;;;SY)(A;;GRGW;;;IU)' 'D:(A;;GWGR;;;IU)(A;;GA;;;SY)'); status=$?
check "reorder and spelling: exit 0" 0 "$status"
contains "reorder and spelling: no change" "no change in access" "$out"
"$SDDLC" diff --object file 'D:(A;;GR;;;IU)' 'D:(A;;FR;;;IU)' >/dev/null; check "generic vs specific: exit 0" 0 $?

# Label: adding S:(ML;;NW;;;LW) widens for Low-integrity callers.
out=$("$SDDLC" diff --object file --fail-on widen-write 'D:(A;;GRGW;;;IU)' 'D:(A;;GRGW;;;IU)S:(ML;;NW;;;LW)'); status=$?
check "label lowered: exit 1" 1 "$status"
contains "label lowered: low-integrity-user gains" "low-integrity-user:" "$out"

# Hex input: the same descriptor in self-relative bytes is no change.
hex=$("$SDDLC" convert --to hex "$OLD")
"$SDDLC" diff --object named-pipe "$hex" "$OLD" >/dev/null; check "hex vs SDDL: exit 0" 0 $?

# Formats.
out=$("$SDDLC" diff --object named-pipe --format markdown "$OLD" "$NEW")
contains "markdown: table header" "| Caller | Gains | Loses | Why (new descriptor) |" "$out"
contains "markdown: a row" "| interactive-user |" "$out"
out=$("$SDDLC" diff --object named-pipe --format json --fail-on widen "$OLD" "$NEW")
contains "json: changed" '"changed":true' "$out"
contains "json: failed" '"failed":true' "$out"
contains "json: object" '"object":"named-pipe"' "$out"

# Policy files: the policy names its type; a copy of a reference policy is no change, and a
# copy that also gives Everyone write is a widening.
policy=$ROOT/policies/lowil-named-pipe.toml
"$SDDLC" diff "$policy" "$policy" >/dev/null; check "policy vs itself: exit 0" 0 $?
sed 's/^principal = "IU"$/principal = "WD"/' "$policy" > "$tmp/widened.toml"
out=$("$SDDLC" diff --fail-on widen "$policy" "$tmp/widened.toml"); status=$?
check "policy widened to WD: exit 1" 1 "$status"
contains "policy widened to WD: who" "SID WD" "$out"
compiled=$("$SDDLC" compile --emit sddl "$policy" 2>/dev/null)
check "the policy compiles to SDDL" yes "$([ -n "$compiled" ] && echo yes || echo no)"
"$SDDLC" diff "$policy" "$compiled" >/dev/null; check "policy vs its compiled SDDL: exit 0" 0 $?

# Errors: exit 2, the argument named, the offset given.
err=$("$SDDLC" diff 'D:(A;;GR;;;IU)' 'D:(A;;GR;;;IU)' 2>&1 >/dev/null); status=$?
check "no --object: exit 2" 2 "$status"
contains "no --object: says so" "--object is required" "$err"
err=$("$SDDLC" diff --object file 'D:(A;;GR;;;IU)' 'D:(A;;GQ;;;IU)' 2>&1 >/dev/null); status=$?
check "bad NEW: exit 2" 2 "$status"
contains "bad NEW: names the argument and offset" "sddlc diff: NEW: at " "$err"
err=$("$SDDLC" diff --object file 'D:(A;;GR;;;IU)' '0102zz' 2>&1 >/dev/null); status=$?
check "bad SDDL-looking input: exit 2" 2 "$status"
err=$("$SDDLC" diff --object file '0100' 'D:' 2>&1 >/dev/null); status=$?
check "truncated hex: exit 2" 2 "$status"
contains "truncated hex: names OLD" "sddlc diff: OLD:" "$err"
err=$("$SDDLC" diff --object nope 'D:' 'D:' 2>&1 >/dev/null); status=$?
check "unknown --object: exit 2" 2 "$status"
"$SDDLC" diff --object file --fail-on wider 'D:' 'D:' >/dev/null 2>&1; check "bad --fail-on: exit 2" 2 $?
err=$("$SDDLC" diff --object file 'D:(A;;GA;;;WD)' 'D:(A;;GA;;;WD)S:(ML;;NW;;;BA)' 2>&1 >/dev/null); status=$?
check "label not an integrity level: exit 2" 2 "$status"
contains "label not an integrity level: no answer" "no answer: new descriptor" "$err"
"$SDDLC" diff --object file 'D:' "$tmp/missing.toml" >/dev/null 2>&1; check "missing policy: exit 2" 2 $?

echo "$fails failed"
[ "$fails" -eq 0 ]
