#!/usr/bin/env bash
# README.md shows the table `tools/demo` prints ("The two commands"): this
# runs the demo's own rendering step (tools/demo --render-only, the same
# renders, readouts and spectrograms, with the plugin on LV2_PATH) into a
# temporary directory and compares its table with the README's, line by
# line, so neither a change of the model nor of the demo's scene leaves
# the README behind.
set -u
cd "$(dirname "$0")/.." || exit 1
: "${LV2_PATH:?set LV2_PATH to the build bundle (make check does)}"
[ -x build/balun-render ] || {
  echo "check-readme-demo: build/balun-render not built (make)"
  exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The table: its header line, then every line up to the end of the block.
table() { awk '/^path +SNR +interference +file$/ { p = 1 } p && /^(```)?$/ { exit } p'; }

if ! DEMO_OUT="$tmp/out/demo" tools/demo --render-only >"$tmp/stdout" \
  2>"$tmp/stderr"; then
  echo "check-readme-demo: FAIL: tools/demo --render-only failed:"
  cat "$tmp/stdout" "$tmp/stderr"
  exit 1
fi
# The demo names its files out/demo/...; here they were written in $tmp.
sed "s|$tmp/||" "$tmp/stdout" | table >"$tmp/printed"
table <README.md >"$tmp/readme"
if [ ! -s "$tmp/printed" ] || [ ! -s "$tmp/readme" ]; then
  echo "check-readme-demo: FAIL: no table found in" \
    "$([ -s "$tmp/printed" ] && echo README.md || echo "the demo's output")"
  cat "$tmp/stdout"
  exit 1
fi
if ! diff -u --label README.md --label "tools/demo prints" \
  "$tmp/readme" "$tmp/printed"; then
  echo "check-readme-demo: FAIL: README.md's demo table is not what" \
    "tools/demo prints; replace it with:"
  cat "$tmp/printed"
  exit 1
fi
echo "check-readme-demo: README.md's table is what tools/demo prints" \
  "($(($(wc -l <"$tmp/printed") - 1)) paths)"
