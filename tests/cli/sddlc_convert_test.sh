#!/usr/bin/env bash
# CLI test for `sddlc convert`: outputs, one line per input line, error lines and exit codes.
set -u
SDDLC=$1
. "$(dirname "$0")/check.sh"  # check NAME EXPECTED ACTUAL, $fails
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

# Issue #18. Offsets count characters (code points), as sddl-lint's columns do: 'Ü' is two bytes
# but one character, so the error is at 11, not 12 (sddl_lint_test.sh: the same input, col=12).
out=$(printf 'D:(A;;GA;;;\xc3\x9cnknown)\n' | "$SDDLC" convert -)
check "offset in characters with non-ASCII input" "error: 11: unknown SID 'Ünknown': expected a two-letter alias or S-1-..." "$out"
out=$(printf 'D:(XA;;FA;;;WD;(@User.\xc3\xa9 == "\xc3\xa9" ZZ))\n' | "$SDDLC" convert -)
check "offset after non-ASCII in a condition (33 bytes, 31 characters)" "error: 31" "${out%%: expected*}"
# A UTF-8 BOM at the start of standard input is skipped; elsewhere it is text.
out=$(printf '\xef\xbb\xbfD:(A;;GA;;;WD)\n\xef\xbb\xbfD:\n' | "$SDDLC" convert --to sddl -); status=$?
check "BOM at the start: skipped" "D:(A;;GA;;;WD)" "$(printf '%s\n' "$out" | sed -n 1p)"
check "BOM on a later line: an error line" "error: 0" "$(printf '%s\n' "$out" | sed -n 2p | cut -d: -f1,2)"
check "BOM: exit status" 1 "$status"
out=$(printf '\xef\xbb' | "$SDDLC" convert -); status=$?
check "two bytes of a BOM are not one: an error line" "error: 0" "$(printf '%s' "$out" | cut -d: -f1,2)"
check "two bytes of a BOM: exit status" 1 "$status"
# Output is UTF-8 whatever the input: invalid bytes in a message are written as \xNN.
out=$(printf 'D:(A;;\xff\xfe;;;WD)\n' | "$SDDLC" convert -)
check "invalid UTF-8 quoted as \\xNN" "error: 6: unknown access right '\\xFF\\xFE': expected two-letter rights (GA, GR, FA, KR, ...) or a number" "$out"
out=$(printf 'D:(XA;;FA;;;WD;(@User.x == "\xed\xa0\x80"))\n' | "$SDDLC" convert -)
check "an encoded surrogate is not UTF-8" "error: 28: string is not valid UTF-8" "$out"
# --strict: forms a reviewer misreads.
for bad in 'D:(A;;11;;;WD)' 'D:(A;;0X1F;;;WD)' 'D:(A;;GA0x10;;;WD)'; do
  "$SDDLC" convert "$bad" >/dev/null 2>&1; check "$bad accepted without --strict" 0 $?
  "$SDDLC" convert --strict "$bad" >/dev/null 2>&1; check "$bad rejected by --strict" 1 $?
done
err=$("$SDDLC" convert --strict 'D:(A;;11;;;WD)' 2>&1)
check "--strict decimal message" "sddlc convert: error: 6: strict mode: decimal access mask '11' reads like hex: write 0xb" "$err"
# Messages users meet often.
err=$("$SDDLC" convert 'O:Nonexistent account' 2>&1)
check "an account name with a space is one unknown SID" "sddlc convert: error: 2: unknown SID 'Nonexistent account': expected a two-letter alias or S-1-..." "$err"
err=$("$SDDLC" convert $'D:(A;;GA;;;S\u20111\u20115\u201118)' 2>&1)
case $err in
  *"U+2011 NON-BREAKING HYPHEN, which looks like '-'"*) check "look-alike hyphen named" yes yes ;;
  *) check "look-alike hyphen named" "...U+2011 NON-BREAKING HYPHEN..." "$err" ;;
esac
err=$("$SDDLC" convert $'D:(XA;;FA;;;WD;(@User.x == \u201cab\u201d))' 2>&1)
case $err in
  *"U+201C LEFT DOUBLE QUOTATION MARK, which looks like '\"'"*) check "look-alike quote named" yes yes ;;
  *) check "look-alike quote named" "...U+201C LEFT DOUBLE QUOTATION MARK..." "$err" ;;
esac

# TL and FL ACEs (docs/sddl.md): \KnownDlls's trust label as Windows prints it, and an access
# filter with its condition and the TP flag, through SDDL, hex and JSON.
TLFL='O:BAG:SYD:(A;;CCDCRC;;;WD)S:(TL;;CCDCRC;;;S-1-19-512-8192)(FL;TP;FR;;;WD;(@USER.Department == "Finance"))'
hex=$("$SDDLC" convert "$TLFL"); check "TL/FL to hex (exit)" 0 $?
check "TL ACE bytes as Windows lays them out" 1 "$(printf '%s' "$hex" | grep -c '14001800030002000102000000000013000200000020000015404800')"
out=$("$SDDLC" convert --from hex --to sddl "$hex"); check "TL/FL hex back to sddl" "$TLFL" "$out"
json=$("$SDDLC" convert --to json "$TLFL"); check "TL/FL to json (exit)" 0 $?
check "json shows the TL ACE" 1 "$(printf '%s' "$json" | grep -c '{"flags":\[\],"mask":"0x00020003","rights":"CCDCRC","trustee":{"sid":"S-1-19-512-8192"},"type":"TL"}')"
check "json shows the FL ACE with TP and its condition" 1 "$(printf '%s' "$json" | grep -c '{"condition":"(@USER.Department == \\"Finance\\")","condition_tree":.*"flags":\["TP"\],"mask":"0x00120089","rights":"FR",.*"type":"FL"}')"

out=$("$SDDLC" --version); check "--version exits 0" 0 $?
check "--version" "sddlc $(sed -n 's/^project(secdesc VERSION \([0-9.]*\).*/\1/p' "$(dirname "$0")/../../CMakeLists.txt")" "$out"

[ "$fails" -eq 0 ]
