#!/usr/bin/env bash
# The fuzz target (tests/fuzz_plugin.c) on every committed input: the seed
# corpus and each input that ever failed (tests/fuzz/regressions/). Each
# must run the plugin through its LV2 descriptor with no crash, every
# output sample finite and bounded, every output port finite, no
# allocation in run(), and the mixer-strip view rendered whole. Built with the suite's compiler (and sanitizers,
# under make check-sanitize); `make fuzz` searches for new inputs.
set -u
cd "$(dirname "$0")/.." || exit 1
replay=build/balun-fuzz-replay
[ -x $replay ] || { echo "check-fuzz-corpus: $replay not built (make check)"; exit 1; }
out=$($replay tests/fuzz/corpus tests/fuzz/regressions 2>&1)
rc=$?
if [ $rc -eq 0 ]; then
  tail -n 1 <<<"$out"
else
  printf '%s\n' "$out"
  echo "check-fuzz-corpus: FAIL (exit $rc) on the last input replayed above"
fi
exit $rc
