#!/usr/bin/env bash
# What `tools/demo` shows a newcomer, checked by running its own rendering
# step (tools/demo --render-only: the same renders, readouts and sox
# spectrograms, with the plugin on LV2_PATH) into a temporary directory:
# - README.md's table ("The two commands") is the table it prints, line by
#   line, so neither a change of the model nor of the demo's scene leaves
#   the README behind;
# - its console has no warning (sox reads balun-render's WAV files without
#   "wave header missing extended part of fmt chunk");
# - its files are 32-bit float stereo WAV of the demo's length, as sox and
#   libsndfile (balun-render reading one back) see them.
set -u
cd "$(dirname "$0")/.." || exit 1
: "${LV2_PATH:?set LV2_PATH to the build bundle (make check does)}"
[ -x build/balun-render ] || {
  echo "check-demo: build/balun-render not built (make)"
  exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# The table: its header line, then every line up to the end of the block.
table() { awk '/^path +SNR +interference +file$/ { p = 1 } p && /^(```)?$/ { exit } p'; }

seconds=10 # the demo's default length
if ! DEMO_SECONDS=$seconds DEMO_OUT="$tmp/out/demo" tools/demo --render-only \
  >"$tmp/stdout" 2>"$tmp/stderr"; then
  echo "check-demo: FAIL: tools/demo --render-only failed:"
  cat "$tmp/stdout" "$tmp/stderr"
  exit 1
fi

# The demo names its files out/demo/...; here they were written in $tmp.
sed "s|$tmp/||" "$tmp/stdout" | table >"$tmp/printed"
table <README.md >"$tmp/readme"
if [ ! -s "$tmp/printed" ] || [ ! -s "$tmp/readme" ]; then
  echo "check-demo: FAIL: no table found in" \
    "$([ -s "$tmp/printed" ] && echo README.md || echo "the demo's output")"
  cat "$tmp/stdout"
  fail=1
elif ! diff -u --label README.md --label "tools/demo prints" \
  "$tmp/readme" "$tmp/printed"; then
  echo "check-demo: FAIL: README.md's demo table is not what tools/demo" \
    "prints; replace it with:"
  cat "$tmp/printed"
  fail=1
fi

# soxi FIELD FILE, its warnings kept with the demo's.
info() { soxi "$1" "$2" 2>>"$tmp/stderr"; }
frames=$((seconds * 48000))
n=0
for wav in "$tmp"/out/demo/*.wav; do
  n=$((n + 1))
  got="$(info -c "$wav") $(info -s "$wav") $(info -b "$wav") $(info -e "$wav")"
  want="2 $frames 32 Floating Point PCM"
  if [ "$got" != "$want" ]; then
    echo "check-demo: FAIL: sox reads $(basename "$wav") as '$got'" \
      "(want '$want': channels, frames, bits, encoding)"
    fail=1
  fi
  if ! build/balun-render --force "$wav" "$tmp/again.wav" 2>>"$tmp/stderr" |
    grep -qF "Readouts after $seconds.00 s at 48000 Hz"; then
    echo "check-demo: FAIL: balun-render (libsndfile) cannot read back" \
      "$(basename "$wav")"
    fail=1
  fi
done
[ "$n" -eq 3 ] || { echo "check-demo: FAIL: $n files, want 3"; fail=1; }
if grep -i 'warn' "$tmp/stdout" "$tmp/stderr"; then
  echo "check-demo: FAIL: the demo's console (or sox reading its files)" \
    "shows warnings, above"
  fail=1
fi

[ $fail -eq 0 ] && echo "check-demo: README.md's table is what tools/demo" \
  "prints; no warnings; $n files of 32-bit float stereo WAV"
exit $fail
