#!/usr/bin/env bash
# valgrind memcheck over whole host runs: no invalid read or write, no
# uninitialised value used, no definite leak (--errors-for-leak-kinds).
#   - test_lifecycle: instantiate at eight rates, presets, a parameter
#     change every block, deactivate, activate again, cleanup, three
#     instances side by side (through lilv);
#   - balun-render: a preset, --set, a second of the demo to a WAV file;
#   - the fuzz target on its committed inputs (NaN, Inf, odd rates, ...),
#     which catches the uninitialised reads AddressSanitizer cannot;
#   - the UI, once plugin.lv2/balun_ui.so exists: build/tests/ui-host
#     opens and closes it (--cycles) under Xvfb, and ten cycles must leave
#     no more memory in use than one. The known one-time state of
#     fontconfig and cairo is suppressed in tests/memcheck.supp.
set -u
cd "$(dirname "$0")/.." || exit 1
[ -n "${BALUN_SANITIZER:-}" ] && {
  echo "check-memcheck: skipped under $BALUN_SANITIZER: valgrind cannot run it"
  exit 77
}
command -v valgrind >/dev/null || {
  echo "check-memcheck: valgrind missing: apt-get install valgrind" >&2
  exit 1
}
: "${LV2_PATH:?set LV2_PATH to the build bundle (make check does)}"
tmp=$(mktemp -d)
xvfb=
trap '[ -n "$xvfb" ] && kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0

memcheck() { # name, command...
  local name=$1
  shift
  if valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=definite --track-origins=yes --num-callers=30 \
    --suppressions=tests/memcheck.supp --log-file="$tmp/$name.vg" \
    "$@" >"$tmp/$name.out" 2>&1; then
    echo "check-memcheck: $name: $(grep -o 'ERROR SUMMARY: [0-9]* errors' "$tmp/$name.vg")"
  else
    echo "check-memcheck: FAIL: $name:"
    cat "$tmp/$name.out" "$tmp/$name.vg"
    fail=1
  fi
}

for program in build/tests/test_lifecycle build/balun-render \
  build/balun-fuzz-replay; do
  [ -x $program ] || { echo "check-memcheck: $program not built (make check)"; exit 1; }
done
memcheck lifecycle build/tests/test_lifecycle
memcheck render build/balun-render --quiet \
  --preset "Stage run beside a dimmer pack, star-quad" --set listen=1 \
  --set cable_length=100 --demo 1 "$tmp/out.wav"
memcheck fuzz-inputs build/balun-fuzz-replay tests/fuzz/corpus \
  tests/fuzz/regressions

if [ -f plugin.lv2/balun_ui.so ]; then
  host=build/tests/ui-host
  [ -x $host ] || { echo "check-memcheck: FAIL: $host not built (make check)"; exit 1; }
  command -v Xvfb >/dev/null || {
    echo "check-memcheck: FAIL: Xvfb missing: apt-get install xvfb" >&2
    exit 1
  }
  Xvfb -displayfd 5 -screen 0 1600x1200x24 -nolisten tcp 5>"$tmp/display" \
    2>"$tmp/xvfb.log" &
  xvfb=$!
  for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.05; done
  DISPLAY=":$(cat "$tmp/display")"
  export DISPLAY
  memcheck ui-once $host --cycles 1
  memcheck ui-ten-times $host --cycles 10
  in_use() { sed -n 's/.*in use at exit: \([0-9,]*\) bytes.*/\1/p' "$1" | tr -d ,; }
  once=$(in_use "$tmp/ui-once.vg") ten=$(in_use "$tmp/ui-ten-times.vg")
  if [ -z "$once" ] || [ -z "$ten" ] || [ $((ten - once)) -gt 1024 ]; then
    echo "check-memcheck: FAIL: the UI leaks: ${once:-?} bytes in use at exit" \
      "after one cycle, ${ten:-?} after ten"
    fail=1
  else
    echo "check-memcheck: UI in use at exit: $once bytes after one cycle," \
      "$ten after ten"
  fi
fi
exit $fail
