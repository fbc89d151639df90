#!/bin/sh
# Runs every libFuzzer target for a fixed time, seeded from ../shared/vectors and policies/.
# Usage: tests/fuzz/run-fuzzers.sh BUILD_DIR SECONDS_PER_TARGET [WORK_DIR]
#        SECDESC_FUZZ_SMOKE=1 tests/fuzz/run-fuzzers.sh ...   CI's smoke run: a fixed seed and a
#        fixed number of inputs per target (reproducible: the same inputs on every run), each
#        still capped at SECONDS_PER_TARGET.
#        SECDESC_FUZZ_TARGETS="fuzz_sddl fuzz_binary" runs only those targets;
#        SECDESC_FUZZ_MAX_LEN=N caps an input's size (default 65536; the campaign uses smaller
#        inputs for speed, docs/security.md).
# Exits non-zero when a target finds a crash or an invariant violation (the reproducer is kept in
# WORK_DIR/<target>/). Prints the executions and the coverage per target.
set -eu
cd "$(dirname "$0")/../.."
B=$1
SECONDS_PER_TARGET=$2
W=${3:-$B/fuzz-work}
VECTORS=${SECDESC_VECTORS:-../shared/vectors}
mkdir -p "$W"
W=$(cd "$W" && pwd)
B=$(cd "$B" && pwd)

# Seed corpora: SDDL strings and their Windows bytes from the vectors (perl-base is always on
# Debian), the reference policies, and the docs' policy examples.
if [ ! -d "$W/seed-sddl" ]; then
  mkdir -p "$W/seed-sddl" "$W/seed-binary" "$W/seed-policy"
  if [ -d "$VECTORS" ]; then
    perl -e '
      my ($dir, $out_sddl, $out_bin) = @ARGV; my $n = 0;
      for my $f (glob("$dir/*.tsv")) {
        open(my $in, "<", $f) or die; 
        while (<$in>) {
          next if /^#/; chomp; my @c = split /\t/;
          next unless defined $c[0];
          $n++;
          open(my $o, ">", "$out_sddl/v$n") or die; print $o $c[0]; close $o;
          if (defined $c[1] && $c[1] =~ /^(?:[0-9a-f]{2})+$/ && length($c[1]) >= 40) {
            open(my $b, ">:raw", "$out_bin/v$n") or die; print $b pack("H*", $c[1]); close $b;
          }
        }
      }' "$VECTORS" "$W/seed-sddl" "$W/seed-binary"
  else
    echo "run-fuzzers: $VECTORS is missing; seeding from policies only"
  fi
  cp policies/*.toml "$W/seed-policy/"
  # Lint scanner inputs: a language byte (0 = C++) before each source file of the repository's
  # docs and tests that holds SDDL.
  mkdir -p "$W/seed-source"
  n=0
  for f in docs/examples/*.cpp tests/golden/lint/*.cpp tests/*/*_test.cpp docs/*.md; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    { printf '\000'; cat "$f"; } > "$W/seed-source/s$n"
  done
  # Access-check inputs: 6 header bytes (type, preset, desired mask) before each Windows descriptor.
  mkdir -p "$W/seed-access"
  for f in "$W"/seed-binary/*; do
    [ -f "$f" ] || continue
    { printf '\000\004\007\000\002\000'; cat "$f"; } > "$W/seed-access/$(basename "$f")"
  done
fi

status=0
for target in ${SECDESC_FUZZ_TARGETS:-fuzz_sddl fuzz_binary fuzz_policy fuzz_access_check fuzz_lint_scanner}; do
  case $target in
    fuzz_sddl) seed=$W/seed-sddl ;;
    fuzz_binary) seed=$W/seed-binary ;;
    fuzz_policy) seed=$W/seed-policy ;;
    fuzz_access_check) seed=$W/seed-access ;;
    fuzz_lint_scanner) seed=$W/seed-source ;;
  esac
  mkdir -p "$W/$target/corpus"
  # Inputs that once broke an invariant (tests/fuzz/corpus/<target>/) seed the run too.
  regressions=""
  if [ -d "tests/fuzz/corpus/$target" ]; then regressions=$(pwd)/tests/fuzz/corpus/$target; fi
  extra=""
  if [ "${SECDESC_FUZZ_SMOKE:-0}" = 1 ]; then
    case $target in
      fuzz_lint_scanner) runs=1000 ;;  # whole source files per input: slow
      fuzz_policy) runs=20000 ;;
      *) runs=50000 ;;
    esac
    extra="-seed=1 -runs=$runs"
  fi
  log=$W/$target/log.txt
  if (cd "$W/$target" && "$B/tests/fuzz/$target" -max_total_time="$SECONDS_PER_TARGET" \
        -max_len="${SECDESC_FUZZ_MAX_LEN:-65536}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 $extra \
        corpus "$seed" $regressions) >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || true)
  echo "fuzz $target: $result, $execs executions in ${SECONDS_PER_TARGET}s${cov:+, $cov}"
  if [ $result = FAILED ]; then tail -40 "$log"; fi
done
exit $status
