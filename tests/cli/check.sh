# Sourced by the CLI test scripts: check NAME EXPECTED ACTUAL prints ok/FAIL and counts failures
# in $fails (each script ends with [ "$fails" -eq 0 ]); contains NAME NEEDLE HAYSTACK checks that
# HAYSTACK holds NEEDLE.
fails=0
check() {
  if [ "$2" != "$3" ]; then
    printf 'FAIL %s\n  want: %s\n  got:  %s\n' "$1" "$2" "$3"
    fails=$((fails + 1))
  else
    printf 'ok   %s\n' "$1"
  fi
}
contains() {  # contains NAME NEEDLE HAYSTACK
  case $3 in
    *"$2"*) check "$1" yes yes ;;
    *) check "$1" "...$2..." "$3" ;;
  esac
}
