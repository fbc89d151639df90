#!/bin/sh
# Instruction counts (valgrind --tool=callgrind): figures that do not move with machine noise.
#   - one cold call each of the seed's parse+encode and of one access check, minus a baseline run
#     of the same probe (process start and exit);
#   - per descriptor in a loop (warm: the count of 1,001 runs minus the count of one, over 1,000)
#     for the seed's DACL, one-shot and reusing storage, and for Samba's Python binding on the same
#     string (from_sddl + ndr_pack, as bench/compare_samba.py times it), when python3-samba is
#     installed: the ratio of these is the noise-free form of compare_samba.py's ratio.
# Usage: bench/callgrind.sh BUILD_DIR
set -eu
P=$1/bench/secdesc_callgrind_probe
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 |
    sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
per_run() {  # MODE: warm instructions per run
  echo $((($(count "$P" "$1" 1001) - $(count "$P" "$1" 1)) / 1000))
}
base=$(count "$P" none)
pe=$(count "$P" parse-encode)
setup=$(count "$P" access-check-setup)
ac=$(count "$P" access-check)
act=$(count "$P" access-check-trace)
echo "baseline (process start/exit): $base instructions"
echo "seed SDDL parse + encode:      $((pe - base)) instructions (one cold call)"
echo "one access check (seed, low-integrity user, read+write; token and parse excluded)"
echo "  without its trace:           $((ac - setup)) instructions"
echo "  with its trace:              $((act - setup)) instructions"
dacl=$(per_run parse-encode-dacl)
reuse=$(per_run parse-encode-dacl-reuse)
echo "seed DACL parse + encode, per descriptor in a loop (warm):"
echo "  parse_sddl + encode_self_relative:           $dacl instructions"
echo "  parse_sddl_into + encode_self_relative_into: $reuse instructions"
if /usr/bin/python3 -c 'import samba.dcerpc.security' 2>/dev/null; then
  SAMBA_LOOP='import sys
from samba.dcerpc import security
from samba.ndr import ndr_pack
d = security.dom_sid("S-1-5-21-2457507606-2709100691-398136650")
for _ in range(int(sys.argv[1])):
    ndr_pack(security.descriptor.from_sddl("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)", d))'
  s0=$(count /usr/bin/python3 -c "$SAMBA_LOOP" 0)
  s1=$(count /usr/bin/python3 -c "$SAMBA_LOOP" 1000)
  samba=$(((s1 - s0) / 1000))
  echo "  Samba from_sddl + ndr_pack (Python loop):    $samba instructions"
  awk -v s="$samba" -v a="$dacl" -v b="$reuse" 'BEGIN {
    printf "  ratios: one-shot %.1fx, reusing storage %.1fx fewer instructions than Samba\n", s / a, s / b }'
else
  echo "  (python3-samba not installed: cmake/install-deps.sh --bench; Samba's count skipped)"
fi
