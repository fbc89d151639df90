#!/usr/bin/env bash
# CLI test for `sddlc compile`: outputs, all-errors reporting, exit codes, whole-or-nothing files.
set -u
SDDLC=$1
SRC=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/check.sh"  # check NAME EXPECTED ACTUAL, $fails
P=$SRC/policies
out=$("$SDDLC" compile "$P/service-section-readonly.toml"); check "one policy: exit" 0 $?
check "one policy: bare SDDL" "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GR;;;IU)" "$out"
out=$("$SDDLC" compile "$P"/*.toml); check "all policies: exit" 0 $?
check "all policies: one prefixed line each" "$(ls "$P"/*.toml | wc -l)" "$(printf '%s\n' "$out" | grep -c '\.toml: D:')"

"$SDDLC" compile --emit binary -o "$tmp/sd.bin" "$P/service-section-lowil-readwrite.toml"; check "binary: exit" 0 $?
check "binary equals hex" "$("$SDDLC" compile --emit hex "$P/service-section-lowil-readwrite.toml")" "$(od -An -tx1 -v "$tmp/sd.bin" | tr -d ' \n')"
"$SDDLC" compile --emit binary "$P/service-section-readonly.toml" "$P/client-signal-event.toml" >/dev/null 2>&1; check "binary with two policies: usage error" 2 $?

"$SDDLC" compile --emit cpp --namespace svc::acl -o "$tmp/p.hpp" "$P"/*.toml; check "cpp: exit" 0 $?
check "cpp: namespace per policy" 1 "$(grep -c 'namespace svc::acl::client_signal_event {' "$tmp/p.hpp")"
printf '#include "p.hpp"\nstatic_assert(svc::acl::service_section_readonly::descriptor[0] == 1);\nint main() { return svc::acl::lowil_named_pipe::sddl.size() > 0 ? 0 : 1; }\n' > "$tmp/use.cpp"
c++ -std=c++20 -Wall -Werror -I"$tmp" "$tmp/use.cpp" -o "$tmp/use" && "$tmp/use"; check "cpp: header compiles and links" 0 $?

json=$("$SDDLC" compile --emit json "$P/client-signal-event.toml"); check "json: exit" 0 $?
check "json: object type" 1 "$(printf '%s' "$json" | grep -c '"object":"event"')"
check "json: expectations" 1 "$(printf '%s' "$json" | grep -c '"expected":"granted"')"

cat > "$tmp/bad.toml" <<'TOML'
object = "event"
objct-name = 'Global\x'
[dacl]
[[dacl.allow]]
principal = "Interactve users"
rights = ["modify-state", "map-read"]
[label]
level = "lowest"
TOML
echo "previous content" > "$tmp/out.hpp"
err=$("$SDDLC" compile --emit cpp -o "$tmp/out.hpp" "$tmp/bad.toml" 2>&1 >/dev/null); check "bad policy: exit 1" 1 $?
check "bad policy: every error reported" 4 "$(printf '%s\n' "$err" | grep -c ': error: ')"
check "bad policy: first error positioned" "$tmp/bad.toml:2:1: error: unknown key 'objct-name' in policy (did you mean 'object-name'?); expected one of: name, description, object, object-name, domain-sid, owner, group, dacl, label, resource-attribute, expect" "$(printf '%s\n' "$err" | head -1)"
check "bad policy: output file untouched" "previous content" "$(cat "$tmp/out.hpp")"
check "bad policy: no temporary left" 0 "$(ls -a "$tmp" | grep -c '^\.tmp-')"

cat > "$tmp/expect.toml" <<'TOML'
object = "section"
[dacl]
[[dacl.allow]]
principal = "IU"
rights = "read, write"
[[expect]]
token = "low-integrity-user"
rights = "map-write"
result = "granted"
TOML
err=$("$SDDLC" compile -o "$tmp/e.txt" "$tmp/expect.toml" 2>&1 >/dev/null); check "failed expectation: exit 1" 1 $?
check "failed expectation: positioned error" "$tmp/expect.toml:6:1: error: expectation failed: token preset=low-integrity-user asking for map-write (0x2) on the section is denied, expected granted" "$(printf '%s\n' "$err" | head -1)"
check "failed expectation: trace shown" 1 "$(printf '%s\n' "$err" | grep -c '^  integrity: token low is below object medium')"
check "failed expectation: nothing written" 0 "$(ls "$tmp" | grep -c '^e.txt$')"
out=$("$SDDLC" check "$P/service-section-lowil-readwrite.toml" --token preset=low-integrity-user --desired read,write); check "check a policy: allowed" 0 $?
check "check a policy: verdict" "ALLOWED section: desired 0x20007 (query|map-write|map-read|read-control), granted 0x20007 (query|map-write|map-read|read-control)" "$(printf '%s\n' "$out" | head -1)"
"$SDDLC" check "$P/service-section-readonly.toml" --token preset=low-integrity-user --desired write >/dev/null; check "check a policy: denied" 1 $?
"$SDDLC" check 'D:(A;;GA;;;WD)' --token preset=interactive-user --desired read >/dev/null 2>&1; check "check SDDL without --object: usage" 2 $?

"$SDDLC" compile "$tmp/missing.toml" >/dev/null 2>&1; check "missing file: exit 2" 2 $?
"$SDDLC" compile --emit cpp -o "$tmp/no/such/dir/x.hpp" "$P/service-section-readonly.toml" >/dev/null 2>&1; check "unwritable output: exit 2" 2 $?
"$SDDLC" compile --emit cpp --namespace 9bad "$P/service-section-readonly.toml" >/dev/null 2>&1; check "bad namespace: exit 2" 2 $?
# Issue #18: messages users meet often, and a BOM at the start of a policy.
err=$("$SDDLC" compile --emit cpp -o "$tmp/no/such/dir/x.hpp" "$P/service-section-readonly.toml" 2>&1 >/dev/null)
check "unwritable output: the OS reason" "sddlc compile: cannot write $tmp/no/such/dir/x.hpp: No such file or directory" "$err"
err=$("$SDDLC" check "$tmp/missing.toml" --token preset=low-integrity-user --desired read 2>&1); status=$?
check "check a missing policy: exit 2" 2 "$status"
check "check a missing policy: no such file" "$tmp/missing.toml: error: cannot read the file: No such file or directory" "$err"
err=$("$SDDLC" check "$tmp/missing/policy" --object section --token preset=low-integrity-user --desired read 2>&1); status=$?
check "check a missing path: exit 2" 2 "$status"
check "check a missing path: no such file, not an SDDL error" "sddlc check: $tmp/missing/policy: no such file (and not an SDDL string)" "$err"
cp "$P/service-section-readonly.toml" "$tmp/plain.toml"
{ printf '\xef\xbb\xbf'; cat "$tmp/plain.toml"; } > "$tmp/bom.toml"
check "a policy with a BOM compiles as without" "$("$SDDLC" compile "$tmp/plain.toml")" "$("$SDDLC" compile "$tmp/bom.toml" 2>&1)"
sed 's/^object-name = .*/object-name = "Global\\SecdescDemoReadOnly"/' "$P/service-section-readonly.toml" > "$tmp/escape.toml"
err=$("$SDDLC" compile "$tmp/escape.toml" 2>&1 >/dev/null)
case $err in
  *"write Windows names in single quotes ('Global\\Name'"*) check "TOML escape error suggests single quotes" yes yes ;;
  *) check "TOML escape error suggests single quotes" "...single quotes ('Global\\Name'..." "$err" ;;
esac
[ "$fails" -eq 0 ]
