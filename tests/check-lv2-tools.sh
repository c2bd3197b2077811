#!/usr/bin/env bash
# The bundle as lilv's own tools see it: lv2info lists it, lv2apply (one
# frame per run(), no features) processes a file through it.
set -u
cd "$(dirname "$0")/.."
for tool in lv2info lv2apply sox; do
  command -v $tool >/dev/null || {
    echo "check-lv2-tools: $tool missing: apt-get install lilv-utils sox" >&2
    exit 1
  }
done
: "${LV2_PATH:?set LV2_PATH to the build bundle (make check does)}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

info=$(lv2info urn:balun:interconnect 2>&1)
for want in "Balun Interconnect Simulator" "Simulator Plugin" "hardRTCapable" \
  "01 RCA 2 Vrms"; do
  grep -q "$want" <<<"$info" || { echo "lv2info lacks '$want'"; fail=1; }
done
if grep -qi "warning\|error" <<<"$info"; then
  echo "lv2info complained:"; grep -i "warning\|error" <<<"$info"; fail=1
fi

# A second of digital silence through RCA with a 1 V ground loop, buzz 0:
# physics.md §4 by hand: 1 V x 0.06 Ω / (0.06 + 0.2 Ω) = 0.2308 V, through
# the input divider 47k/(47k + 100.3) = 0.9979: 0.2303 V against 2 V full
# scale = -18.77 dBFS.
sox -n -r 48000 -c 2 -b 32 -e float "$tmp/in.wav" trim 0 1
if lv2apply -i "$tmp/in.wav" -o "$tmp/out.wav" -c ground_voltage 1000 \
  -c buzz 0 urn:balun:interconnect; then
  rms=$(sox "$tmp/out.wav" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')
  dbfs=$(awk -v r="$rms" 'BEGIN {printf "%.1f", 20 * log(r * sqrt(2)) / log(10)}')
  echo "lv2apply: hum at $dbfs dBFS"
  awk -v d="$dbfs" 'BEGIN {exit !(d > -18.97 && d < -18.57)}' ||
    { echo "lv2apply: hum level $dbfs dBFS, expected -18.77"; fail=1; }
else
  echo "lv2apply failed"; fail=1
fi
[ $fail -eq 0 ] && echo "check-lv2-tools: OK"
exit $fail
