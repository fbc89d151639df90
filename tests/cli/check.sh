# Sourced by the CLI test scripts: check NAME EXPECTED ACTUAL prints ok/FAIL and counts failures
# in $fails (each script ends with [ "$fails" -eq 0 ]).
fails=0
check() {
  if [ "$2" != "$3" ]; then
    printf 'FAIL %s\n  want: %s\n  got:  %s\n' "$1" "$2" "$3"
    fails=$((fails + 1))
  else
    printf 'ok   %s\n' "$1"
  fi
}
