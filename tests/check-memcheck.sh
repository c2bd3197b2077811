#!/usr/bin/env bash
# valgrind memcheck over whole host runs: no invalid read or write, no
# uninitialised value used, no definite leak (--errors-for-leak-kinds).
#   - test_lifecycle: instantiate at eight rates, presets, a parameter
#     change every block, deactivate, activate again, cleanup, three
#     instances side by side (through lilv);
#   - balun-render: a preset, --set, a second of the demo to a WAV file;
#   - test_inline_display: Ardour's mixer-strip view rendered at many
#     sizes (its pixels grow, every one is read) and freed at cleanup;
#   - the fuzz target on its committed inputs (NaN, Inf, odd rates, ...),
#     which catches the uninitialised reads AddressSanitizer cannot;
#   - the UI is tests/check-ui-valgrind.sh's (issue 3): its test host
#     opening and closing it under Xvfb. Once plugin.lv2/balun_ui.so
#     exists, this check fails if that one is missing.
set -u
cd "$(dirname "$0")/.." || exit 1
command -v valgrind >/dev/null || {
  echo "check-memcheck: valgrind missing: apt-get install valgrind" >&2
  exit 1
}
: "${LV2_PATH:?set LV2_PATH to the build bundle (make check does)}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

memcheck() { # name, command...
  local name=$1
  shift
  if valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=definite --track-origins=yes --num-callers=30 \
    --log-file="$tmp/$name.vg" \
    "$@" >"$tmp/$name.out" 2>&1; then
    echo "check-memcheck: $name: $(grep -o 'ERROR SUMMARY: [0-9]* errors' "$tmp/$name.vg")"
  else
    echo "check-memcheck: FAIL: $name:"
    cat "$tmp/$name.out" "$tmp/$name.vg"
    fail=1
  fi
}

for program in build/tests/test_lifecycle build/balun-render \
  build/tests/test_inline_display build/balun-fuzz-replay; do
  [ -x $program ] || { echo "check-memcheck: $program not built (make check)"; exit 1; }
done
memcheck lifecycle build/tests/test_lifecycle
memcheck render build/balun-render --quiet \
  --preset "18 Stage dimmers, star-quad" --set listen=1 \
  --set cable_length=100 --demo 1 "$tmp/out.wav"
memcheck inline-display build/tests/test_inline_display
memcheck fuzz-inputs build/balun-fuzz-replay tests/fuzz/corpus \
  tests/fuzz/regressions

if [ -f plugin.lv2/balun_ui.so ] && [ ! -x tests/check-ui-valgrind.sh ]; then
  echo "check-memcheck: FAIL: plugin.lv2/balun_ui.so exists, and" \
    "tests/check-ui-valgrind.sh, which runs it under valgrind, does not"
  fail=1
fi
exit $fail
