#!/usr/bin/env bash
# CLI test for `sddlc sid`: names to SIDs (derived ones as real Windows computes them, vectors in
# docs/principals.md), SIDs to what they are, errors and exit codes.
set -u
SDDLC=$1
. "$(dirname "$0")/check.sh"  # check NAME EXPECTED ACTUAL, $fails
TI=S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464
out=$("$SDDLC" sid 'NT SERVICE\TrustedInstaller' 'IIS APPPOOL\DefaultAppPool' \
        package:Microsoft.WindowsCalculator_8wekyb3d8bbwe capability:registryRead \
        capability:internetClient BA 'Interactive users'); status=$?
check "names: exit status" 0 "$status"
check "names: one line each" 7 "$(printf '%s\n' "$out" | wc -l)"
check "service SID" "$TI" "$(printf '%s\n' "$out" | sed -n 1p)"
check "app pool SID" S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415 "$(printf '%s\n' "$out" | sed -n 2p)"
check "AppContainer SID" S-1-15-2-466767348-3739614953-2700836392-1801644223-4227750657-1087833535-2488631167 "$(printf '%s\n' "$out" | sed -n 3p)"
check "capability SID" S-1-15-3-1024-1065365936-1281604716-3511738428-1654721687-432734479-3232135806-4053264122-3456934681 "$(printf '%s\n' "$out" | sed -n 4p)"
check "legacy capability SID" S-1-15-3-1 "$(printf '%s\n' "$out" | sed -n 5p)"
check "alias" S-1-5-32-544 "$(printf '%s\n' "$out" | sed -n 6p)"
check "plain words" S-1-5-4 "$(printf '%s\n' "$out" | sed -n 7p)"

out=$("$SDDLC" sid "$TI" S-1-5-32-544 S-1-16-4096 S-1-15-3-8); status=$?
check "SIDs: exit status" 0 "$status"
check "SID of a known service" 'service SID of NT SERVICE\TrustedInstaller' "$(printf '%s\n' "$out" | sed -n 1p)"
check "SID with an alias" 'BA: BUILTIN\Administrators' "$(printf '%s\n' "$out" | sed -n 2p)"
check "integrity SID" 'integrity level low' "$(printf '%s\n' "$out" | sed -n 3p)"
check "legacy capability" 'capability SID of enterpriseAuthentication' "$(printf '%s\n' "$out" | sed -n 4p)"

err=$("$SDDLC" sid 'NT SERVICES\AcmeSync' 2>&1 >/dev/null); status=$?
check "unknown name: exit status" 1 "$status"
case $err in
  *"did you mean 'NT SERVICE\\AcmeSync'"*) check "unknown name: did you mean" yes yes ;;
  *) check "unknown name: did you mean" "...did you mean 'NT SERVICE\\AcmeSync'..." "$err" ;;
esac
out=$("$SDDLC" sid 'Nonexistent account' BA 2>/dev/null); status=$?
check "a bad name does not stop the others" S-1-5-32-544 "$out"
check "a bad name: exit 1" 1 "$status"
"$SDDLC" sid >/dev/null 2>&1; check "no argument: usage error" 2 $?
"$SDDLC" sid --domain-sid S-1-5-21-1 DA >/dev/null 2>&1; check "bad --domain-sid: usage error" 2 $?
out=$("$SDDLC" sid --domain-sid S-1-5-21-1-2-3 DA); check "domain alias with --domain-sid" S-1-5-21-1-2-3-512 "$out"

echo "$fails failed"
[ "$fails" -eq 0 ]
