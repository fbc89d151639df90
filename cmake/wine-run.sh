#!/bin/bash
# Runs one Windows program under Wine for the cross build's tests (CMAKE_CROSSCOMPILING_EMULATOR).
#
# Why a wrapper: about one start in two hundred, Wine 8 on Debian 12 cannot start the process at
# all. Its loader finds the fixed address of the shared user data page already taken (address
# space randomisation put something there) and exits 1 before the program runs, printing
#   err:virtual:virtual_alloc_first_teb wine: failed to map the shared user data: c0000018
# That exit status is the same as a failing test's, so ctest reported a random test as failed
# (.ci/run, stop 20). This wrapper retries only that case, which is recognisable and means the
# program never ran: nothing it does is repeated. Every other exit status, and all output, pass
# through unchanged. stderr is copied to a log only to look for that one line.
set -u
log=$(mktemp "${TMPDIR:-/tmp}/secdesc-wine.XXXXXX") || exit 125
trap 'rm -f "$log"' EXIT
# The err channel of "virtual" stays on (everything else is off) so the failure can be seen.
export WINEDEBUG="${WINEDEBUG:--all},err+virtual"
for attempt in 1 2 3 4 5; do
  # stdout goes straight out (fd 3); stderr goes through tee, and the pipeline ends only when
  # the tee has written everything, so the log is complete when it is read.
  { wine "$@" 2>&1 1>&3 3>&- | tee "$log" >&2 3>&-; } 3>&1
  status=${PIPESTATUS[0]}
  if [ "$status" -eq 0 ] || ! grep -q "failed to map the shared user data" "$log"; then
    exit "$status"
  fi
  echo "wine-run.sh: Wine could not start $1 (shared user data address taken); attempt $attempt, retrying" >&2
done
exit "$status"
