#!/usr/bin/env bash
# The bundle in a real JACK host: jalv on a private dummy JACK server loads
# it, takes controls, and shows the readouts. With a 1 V ground loop and no
# buzz, RCA's interference is by hand (physics.md §4) 1 V x 0.06/0.26 Ω
# through the 47k/(47k + 100.3) input divider = 0.2303 V on 2 V: -18.77 dBFS.
set -u
cd "$(dirname "$0")/.."
for tool in jackd jalv; do
  command -v $tool >/dev/null || {
    echo "check-jalv: $tool missing: apt-get install jackd2 jalv" >&2
    exit 1
  }
done
: "${LV2_PATH:?set LV2_PATH to the build bundle (make check does)}"
export JACK_DEFAULT_SERVER="balun-check-$$" JACK_NO_AUDIO_RESERVATION=1
tmp=$(mktemp -d)
jackd --no-realtime -d dummy -r 48000 -p 256 >"$tmp/jackd.log" 2>&1 &
jack=$!
trap 'kill $jack 2>/dev/null; wait $jack 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do
  grep -q "dummy" "$tmp/jackd.log" 2>/dev/null && break
  sleep 0.1
done
sleep 0.5
{ sleep 1.5; echo monitors; sleep 0.5; } |
  timeout 10 jalv -c ground_voltage=1000 -c buzz=0 urn:balun:interconnect \
    >"$tmp/jalv.log" 2>&1
fail=0
grep -q "^ground_voltage = 1000" "$tmp/jalv.log" ||
  { echo "check-jalv: jalv did not take ground_voltage"; fail=1; }
value=$(awk '$1 == "interference_a" {v = $3} END {print v}' "$tmp/jalv.log")
if [ -z "$value" ]; then
  echo "check-jalv: no readouts from jalv; its output:"; cat "$tmp/jalv.log"
  echo "jackd:"; cat "$tmp/jackd.log"
  fail=1
elif ! awk -v v="$value" 'BEGIN {exit !(v > -18.87 && v < -18.67)}'; then
  echo "check-jalv: interference_a = $value dBFS, expected -18.77"; fail=1
else
  echo "check-jalv: jalv runs it; interference_a = $value dBFS"
fi
exit $fail
