#!/bin/sh
# Runs every libFuzzer target for a fixed time, seeded from ../shared/vectors and policies/.
# Usage: tests/fuzz/run-fuzzers.sh BUILD_DIR SECONDS_PER_TARGET [WORK_DIR]
# Exits non-zero when a target finds a crash or an invariant violation (the reproducer is kept in
# WORK_DIR/<target>/). Prints the executions per target.
set -eu
cd "$(dirname "$0")/../.."
B=$1
SECONDS_PER_TARGET=$2
W=${3:-$B/fuzz-work}
VECTORS=${SECDESC_VECTORS:-../shared/vectors}
mkdir -p "$W"

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
fi

status=0
for target in fuzz_sddl fuzz_binary fuzz_policy; do
  case $target in
    fuzz_sddl) seed=$W/seed-sddl ;;
    fuzz_binary) seed=$W/seed-binary ;;
    fuzz_policy) seed=$W/seed-policy ;;
  esac
  mkdir -p "$W/$target/corpus"
  log=$W/$target/log.txt
  if (cd "$W/$target" && "$OLDPWD/$B/tests/fuzz/$target" -max_total_time="$SECONDS_PER_TARGET" \
        -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        corpus "$OLDPWD/$seed") >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  echo "fuzz $target: $result, $execs executions in ${SECONDS_PER_TARGET}s"
  if [ $result = FAILED ]; then tail -40 "$log"; fi
done
exit $status
