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

"$SDDLC" convert 'D:(A;;GA;;;DA)' 2>/dev/null; check "domain alias without domain exits 1" 1 $?
out=$("$SDDLC" convert --to sddl --domain-sid S-1-5-21-1-2-3 'D:(A;;GA;;;DA)'); check "domain alias with --domain-sid" "D:(A;;GA;;;DA)" "$out"
out=$("$SDDLC" convert --to sddl --domain-sid S-1-5-21-1-2-3 --from hex "$("$SDDLC" convert --domain-sid S-1-5-21-1-2-3 'D:(A;;GA;;;DA)')"); check "domain SID emitted as alias" "D:(A;;GA;;;DA)" "$out"
"$SDDLC" convert --strict 'D: (A;;GA;;;SY)' 2>/dev/null; check "--strict rejects spaces" 1 $?
"$SDDLC" convert --to nope x >/dev/null 2>&1; check "usage error exits 2" 2 $?
"$SDDLC" convert --domain-sid S-1-5-32-544 'D:' >/dev/null 2>&1; check "bad --domain-sid exits 2" 2 $?
err=$("$SDDLC" convert --from hex 01000480ff 2>&1 >/dev/null); check "bad bytes exit and message" "sddlc convert: error: 0: a self-relative descriptor has a 20-byte header; got 5 bytes" "$err"
json=$("$SDDLC" convert --to json "$SEED"); check "json has the trustee name" 1 "$(printf '%s' "$json" | grep -c '"name":"NT AUTHORITY\\\\INTERACTIVE"')"

[ "$fails" -eq 0 ]
