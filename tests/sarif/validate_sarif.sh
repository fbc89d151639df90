#!/usr/bin/env bash
# sddl-lint's SARIF through Microsoft's SARIF Multitool (`validate`): the golden, and the logs of
# the lint goldens, the reference policies and --sddl strings must have no error and no warning.
# Every log is validated with the Multitool's default settings: the tool's default informationUri
# (the installed README), and logs written with --sarif-information-uri and --sarif-help-uri
# (test addresses under the reserved example domain). A log with a relative helpUri and a log
# without informationUri must be reported, so that a validator run that finds nothing cannot pass.
# Usage: validate_sarif.sh MULTITOOL SDDL_LINT SOURCE_DIR   (MULTITOOL empty: skipped, exit 77)
set -u
TOOL=$1
LINT=$2
SRC=$3
if [ -z "$TOOL" ] || [ ! -x "$TOOL" ]; then
  echo "SKIP: the SARIF Multitool was not found (cmake/install-deps.sh --sarif installs it; or set SECDESC_SARIF_MULTITOOL)"
  exit 77
fi
# The Multitool is a .NET program: without ICU installed it needs the invariant globalization mode.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# validate NAME CONFIG FILES...: prints the verdict; the counts come from the Multitool's lines
# "file(line,col): error|warning SARIFnnnn: ...".
validate() {
  local name=$1 config=$2
  shift 2
  local out
  if [ -n "$config" ]; then
    out=$("$TOOL" validate --config "$config" "$@" 2>&1)
  else
    out=$("$TOOL" validate "$@" 2>&1)
  fi
  local status=$?
  errors=$(printf '%s\n' "$out" | grep -cE '\): error [A-Z]+[0-9]+:')
  warnings=$(printf '%s\n' "$out" | grep -cE '\): warning [A-Z]+[0-9]+:')
  if [ $status -ne 0 ] || ! printf '%s\n' "$out" | grep -q "Done. $# files scanned"; then
    printf 'FAIL %s: the Multitool did not finish (status %d)\n%s\n' "$name" $status "$out"
    fails=$((fails + 1))
    errors=-1
    return
  fi
  printf '%s: %d file(s), %d error(s), %d warning(s)\n' "$name" $# "$errors" "$warnings"
  [ "$errors" -eq 0 ] && [ "$warnings" -eq 0 ] || printf '%s\n' "$out" | grep -E '\): (error|warning) ' | head -5
}
expect_clean() {
  validate "$@"
  if [ "$errors" -ne 0 ] || [ "$warnings" -ne 0 ]; then fails=$((fails + 1)); echo "FAIL $1"; else echo "ok   $1"; fi
}

# The logs: the lint goldens' fixtures from their directory (relative paths), the reference
# policies by absolute path (file: URIs), strings and standard input (pseudo-files).
lint_logs() {  # lint_logs PREFIX [sddl-lint options...]
  local prefix=$1
  shift
  (cd "$SRC/tests/golden/lint" && for f in *.cpp; do
    "$LINT" --no-config --format sarif "$@" "$f" >"$tmp/$prefix-${f%.cpp}.sarif"
  done)
  "$LINT" --no-config --format sarif "$@" "$SRC/policies" >"$tmp/$prefix-policies.sarif"
  "$LINT" --no-config --format sarif "$@" --sddl 'D:NO_ACCESS_CONTROL' --sddl 'D:(A;;GA;;;WD)(a;;GA;;;WD)' \
    --sddl 'D:(A;;GA;;;SY' >"$tmp/$prefix-strings.sarif"
  printf 'D:(A;;GA;;;AN)\n' | "$LINT" --no-config --format sarif "$@" - >"$tmp/$prefix-stdin.sarif"
}
lint_logs plain
lint_logs linked --sarif-help-uri https://secdesc.example/docs/lint-rules.md \
  --sarif-information-uri https://secdesc.example/
cp "$SRC/tests/golden/lint/sample.sarif" "$tmp/golden-sample.sarif"

expect_clean "golden and logs with the default informationUri" "" "$tmp"/golden-*.sarif "$tmp"/plain-*.sarif
expect_clean "logs with informationUri and helpUri" "" "$tmp"/linked-*.sarif

# The check can fail: a relative helpUri is an error (SARIF1002), as it was before issue #19.
sed 's|"help": {|"helpUri": "docs/lint-rules.md#x", "help": {|' "$tmp/golden-sample.sarif" >"$tmp/bad.sarif"
validate "a log with relative helpUris" "" "$tmp/bad.sarif"
if [ "$errors" -gt 0 ]; then echo "ok   a relative helpUri is reported"; else echo "FAIL a relative helpUri is not reported"; fails=$((fails + 1)); fi

# ... and a log without informationUri is a warning (SARIF2005) under the default settings.
"$LINT" --no-config --format sarif --sarif-information-uri '' --sddl 'D:(A;;GA;;;WD)' >"$tmp/no-information-uri.sarif"
validate "a log without informationUri" "" "$tmp/no-information-uri.sarif"
if [ "$warnings" -gt 0 ]; then echo "ok   a missing informationUri is reported"; else echo "FAIL a missing informationUri is not reported"; fails=$((fails + 1)); fi

[ "$fails" -eq 0 ]
