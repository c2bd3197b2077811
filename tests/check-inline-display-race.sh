#!/usr/bin/env bash
# The mixer-strip view's data shared between run() (the audio thread) and
# render() (the host's GUI thread) has no data race: tests/
# inline_display_race.c drives both at once, built with ThreadSanitizer,
# which stops it on the first race it sees.
set -u
cd "$(dirname "$0")/.." || exit 1
race=build/inline-display-race
[ -x $race ] || { echo "check-inline-display-race: $race not built (make check)"; exit 1; }
TSAN_OPTIONS="halt_on_error=1 exitcode=66" $race
rc=$?
[ $rc -eq 0 ] || echo "check-inline-display-race: FAIL (exit $rc)"
exit $rc
