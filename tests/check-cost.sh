#!/usr/bin/env bash
# Per-block cost stays flat over a long session, counted in instructions
# (callgrind), not in time: on a shared machine a time can double by
# chance, an instruction count cannot. test_longrun plays its thirty-minute
# session under callgrind with instrumentation off, except at its
# checkpoints (the start, after each burst and silence, the end), where the
# same scene runs the same input for 50 blocks. Each checkpoint must cost
# what the first did within 1 %: growth, or a slow path after silence,
# would show as more. (Only data-dependent branches make the counts differ
# at all, by about 1e-5.) Denormal stalls cost cycles, not instructions:
# test_longrun counts those natively.
set -u
cd "$(dirname "$0")/.." || exit 1
command -v valgrind >/dev/null || {
  echo "check-cost: valgrind missing: apt-get install valgrind" >&2
  exit 1
}
: "${LV2_PATH:?set LV2_PATH to the build bundle (make check does)}"
test=build/tests/test_longrun
[ -x $test ] || { echo "check-cost: $test not built (make check)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! valgrind --tool=callgrind --instr-atstart=no \
  --callgrind-out-file="$tmp/cost" $test >"$tmp/log" 2>&1; then
  cat "$tmp/log"
  echo "check-cost: FAIL: test_longrun failed under callgrind"
  exit 1
fi
# One dump per checkpoint: "desc: Trigger: Client Request: checkpoint N"
# and "summary: INSTRUCTIONS".
for dump in "$tmp"/cost.*; do
  name=$(sed -n 's/^desc: Trigger: Client Request: //p' "$dump")
  ir=$(sed -n 's/^summary: //p' "$dump")
  [ -n "$name" ] && [ -n "$ir" ] && echo "$name $ir"
done | sort -k2,2n >"$tmp/checkpoints"
awk '
  { n++; ir[n] = $3; name[n] = $1 " " $2 }
  END {
    if (n < 8) { printf "check-cost: FAIL: %d checkpoints, want 8\n", n; exit 1 }
    for (i = 1; i <= n; i++) {
      change = 100 * (ir[i] - ir[1]) / ir[1]
      printf "  %-13s %9.1f instructions per frame (%+.4f %%)\n",
        name[i], ir[i] / (50 * 512), change
      if (change > 1 || change < -1) bad = 1
    }
    if (bad) { print "check-cost: FAIL: a checkpoint costs 1 % more or less than the first"; exit 1 }
    print "check-cost: per-block cost flat over the session"
  }' "$tmp/checkpoints"
