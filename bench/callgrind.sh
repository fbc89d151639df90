#!/bin/sh
# Instruction counts (valgrind --tool=callgrind) for the seed's parse+encode and one access
# check, each minus a baseline run of the same probe in the same script.
# Usage: bench/callgrind.sh BUILD_DIR
set -eu
P=$1/bench/secdesc_callgrind_probe
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$P" "$1" 2>&1 |
    sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
base=$(count none)
pe=$(count parse-encode)
setup=$(count access-check-setup)
ac=$(count access-check)
act=$(count access-check-trace)
echo "baseline (process start/exit): $base instructions"
echo "seed SDDL parse + encode:      $((pe - base)) instructions"
echo "one access check (seed, low-integrity user, read+write; token and parse excluded)"
echo "  without its trace:           $((ac - setup)) instructions"
echo "  with its trace:              $((act - setup)) instructions"
