#!/usr/bin/env bash
# The UI under valgrind, in its test host under Xvfb: build/tests/ui-host
# --cycles N opens the UI in a parent window, lets it draw, sends it
# automation (a line adapter, headphone stages, one clipping), lets it
# draw again, checks it drew, and closes it, N times.
#   - No valgrind error but leaks: no invalid read or write, no use of
#     uninitialised memory, no bad free, in the UI, Pugl, cairo or X11.
#   - No memory definitely lost per open/close: ten cycles lose exactly
#     what one loses, and all of that is fontconfig's (it loses a few
#     hundred bytes parsing its configuration, once per process).
set -u
cd "$(dirname "$0")/.."
for tool in valgrind Xvfb; do
  command -v $tool >/dev/null || {
    echo "check-ui-valgrind: FAIL: $tool missing: apt-get install valgrind xvfb" >&2
    exit 1
  }
done
: "${LV2_PATH:?set LV2_PATH to the build bundle (make check does)}"
host=build/tests/ui-host
[ -x $host ] || { echo "check-ui-valgrind: FAIL: run make check"; exit 1; }
tmp=$(mktemp -d)
Xvfb -displayfd 5 -screen 0 1600x1200x24 -nolisten tcp 5>"$tmp/display" \
  2>"$tmp/xvfb.log" &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.05; done
[ -s "$tmp/display" ] || { echo "check-ui-valgrind: FAIL: Xvfb did not start:"; cat "$tmp/xvfb.log"; exit 1; }
export DISPLAY=":$(cat "$tmp/display")"

fail=0
lost() { # log: bytes definitely lost (0 when valgrind found no leak)
  sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$1" | tr -d , |
    awk '{n = $1} END {print n + 0}'
}
for cycles in 1 10; do
  log=$tmp/valgrind.$cycles
  valgrind --error-exitcode=3 --errors-for-leak-kinds=none --leak-check=full \
    --show-leak-kinds=definite --keep-debuginfo=yes --num-callers=30 \
    $host --cycles $cycles >"$log" 2>&1
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "check-ui-valgrind: FAIL: $cycles cycles: exit $rc (3: valgrind errors)"
    grep -A 30 -E "Invalid|uninitialised|Mismatched|ui-host:" "$log" | head -n 80
    fail=1
  fi
  # Whose are the lost blocks: the caller of malloc in each record.
  callers=$(grep -A 2 "definitely lost in loss record" "$log" | grep "by 0x" |
    sed 's/.*by 0x[0-9A-F]*: //')
  echo "check-ui-valgrind: $cycles cycles: $(lost "$log") bytes definitely lost"
  [ -n "$callers" ] && sed 's/.*(in \(.*\))/\1/' <<<"$callers" | sort | uniq -c |
    sed 's/^/  allocated by /'
  if [ -n "$callers" ] && grep -vq "libfontconfig" <<<"$callers"; then
    echo "check-ui-valgrind: FAIL: memory lost that fontconfig did not allocate:"
    grep -A 30 "definitely lost in loss record" "$log" | head -n 60
    fail=1
  fi
done
one=$(lost "$tmp/valgrind.1")
ten=$(lost "$tmp/valgrind.10")
if [ "$one" != "$ten" ]; then
  echo "check-ui-valgrind: FAIL: 1 cycle loses $one bytes, 10 cycles $ten: a leak per open/close"
  grep -A 30 "definitely lost in loss record" "$tmp/valgrind.10" | head -n 80
  fail=1
fi
[ $fail -eq 0 ] && echo "check-ui-valgrind: OK: no errors; nothing lost per open/close ($one bytes once, fontconfig's)"
exit $fail
