#!/usr/bin/env bash
# CLI test for `sddlc convert`: outputs, one line per input line, error lines and exit codes.
set -u
SDDLC=$1
fails=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" != "$3" ]; then
    printf 'FAIL %s\n  want: %s\n  got:  %s\n' "$1" "$2" "$3"
    fails=$((fails + 1))
  else
    printf 'ok   %s\n' "$1"
  fi
}
SEED='D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)'
hex=$("$SDDLC" convert "$SEED"); check "seed to hex (exit)" 0 $?
check "seed to hex starts with header" "0100149000000000000000001400000030000000" "${hex:0:40}"
back=$("$SDDLC" convert --from hex --to sddl "$hex"); check "hex back to sddl (exit)" 0 $?
check "hex back to sddl" 'D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GWGR;;;IU)S:(ML;;NW;;;LW)' "$back"

out=$(printf '%s\nD:(A;;ZZ;;;WD)\nD:\n' "$SEED" | "$SDDLC" convert --to sddl -); status=$?
check "stdin exit status with a failing line" 1 "$status"
check "stdin writes one line per input" 3 "$(printf '%s\n' "$out" | wc -l)"
check "stdin error line" "error: 6: unknown access right 'ZZ': expected two-letter rights (GA, GR, FA, KR, ...) or a number" "$(printf '%s\n' "$out" | sed -n 2p)"
check "stdin third line" "D:" "$(printf '%s\n' "$out" | sed -n 3p)"
# Input is read in 64 KiB blocks: lines that straddle blocks, CRLF, and a last line without '\n'.
many=$(for i in $(seq 1 5000); do printf '%s\r\n' "$SEED"; done; printf 'D:(A;;GA;;;SY)')
out=$(printf '%s' "$many" | "$SDDLC" convert --to sddl -); status=$?
check "5001 lines: exit status" 0 "$status"
check "5001 lines: one output line each" 5001 "$(printf '%s\n' "$out" | wc -l)"
check "5001 lines: every seed line converts as alone" 5000 "$(printf '%s\n' "$out" | grep -cxF "$("$SDDLC" convert --to sddl "$SEED")")"
check "5001 lines: the last line without a newline" "D:(A;;GA;;;SY)" "$(printf '%s\n' "$out" | tail -n 1)"
out=$( { printf 'D:'; head -c 1100000 /dev/zero | tr '\0' ' '; printf '\nD:\n'; } | "$SDDLC" convert --to sddl -); status=$?
check "over-long line: exit status" 1 "$status"
check "over-long line: its error" "error: 1048576: line of 1100002 characters is over the 1048576-character limit" "$(printf '%s\n' "$out" | sed -n 1p)"
check "over-long line: the next line still converts" "D:" "$(printf '%s\n' "$out" | sed -n 2p)"

"$SDDLC" convert 'D:(A;;GA;;;DA)' 2>/dev/null; check "domain alias without domain exits 1" 1 $?
out=$("$SDDLC" convert --to sddl --domain-sid S-1-5-21-1-2-3 'D:(A;;GA;;;DA)'); check "domain alias with --domain-sid" "D:(A;;GA;;;DA)" "$out"
out=$("$SDDLC" convert --to sddl --domain-sid S-1-5-21-1-2-3 --from hex "$("$SDDLC" convert --domain-sid S-1-5-21-1-2-3 'D:(A;;GA;;;DA)')"); check "domain SID emitted as alias" "D:(A;;GA;;;DA)" "$out"
"$SDDLC" convert --strict 'D: (A;;GA;;;SY)' 2>/dev/null; check "--strict rejects spaces" 1 $?
"$SDDLC" convert --to nope x >/dev/null 2>&1; check "usage error exits 2" 2 $?
"$SDDLC" convert --domain-sid S-1-5-32-544 'D:' >/dev/null 2>&1; check "bad --domain-sid exits 2" 2 $?
err=$("$SDDLC" convert --from hex 01000480ff 2>&1 >/dev/null); check "bad bytes exit and message" "sddlc convert: error: 0: a self-relative descriptor has a 20-byte header; got 5 bytes" "$err"
json=$("$SDDLC" convert --to json "$SEED"); check "json has the trustee name" 1 "$(printf '%s' "$json" | grep -c '"name":"NT AUTHORITY\\\\INTERACTIVE"')"
check "json carries schema_version and tool_version" 1 "$(printf '%s' "$json" | grep -c '^{"schema_version":2,"tool_version":"[0-9]*\.[0-9]*\.[0-9]*",')"
out=$("$SDDLC" --version); check "--version exits 0" 0 $?
check "--version" "sddlc $(sed -n 's/^project(secdesc VERSION \([0-9.]*\).*/\1/p' "$(dirname "$0")/../../CMakeLists.txt")" "$out"

[ "$fails" -eq 0 ]
