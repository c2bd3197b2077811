#!/usr/bin/env bash
# balun-render shows a progress line only on a terminal and only for more
# than a few seconds of audio: one line rewritten in place (\r), ended with
# a newline; an error after it starts a line of its own. Piped, or with
# --quiet, or for a short render, stderr stays empty, so logs and tests
# see no progress. `script` (util-linux) gives the render a terminal.
set -u
cd "$(dirname "$0")/.." || exit 1
: "${LV2_PATH:?set LV2_PATH to the build bundle (make check does)}"
render=$PWD/build/balun-render
[ -x "$render" ] || { echo "check-render-progress: $render not built (make)"; exit 1; }
command -v script >/dev/null || {
  echo "check-render-progress: script missing: apt-get install util-linux" >&2
  exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
  echo "check-render-progress: FAIL: $1"
  fail=1
}

# on_terminal FILE ARGS...: balun-render ARGS on a pseudo-terminal, all it
# shows (stdout and stderr, the terminal's \r\n made \n) in FILE.
on_terminal() {
  local file=$1
  shift
  script -q -e -c "$(printf '%q ' "$render" "$@")" /dev/null </dev/null |
    sed 's/\r$//' >"$file"
}
progress_re='balun-render: rendering [0-9]+\.[0-9] s of 30\.0 s \([0-9]+ %\)'

# 30 s on a terminal: updates in place, then 100 % and a newline.
on_terminal "$tmp/long" --force --demo 30 "$tmp/a.wav"
updates=$(grep -oE $'\r'"$progress_re" "$tmp/long" | sort -u | wc -l)
[ "$updates" -ge 10 ] || bad "30 s on a terminal: $updates progress updates"
[ "$(grep -c 'rendering' "$tmp/long")" -eq 1 ] ||
  bad "the progress is not one line rewritten in place (\\r, no newline)"
grep -q $'\rbalun-render: rendering 30.0 s of 30.0 s (100 %)$' "$tmp/long" ||
  bad "the progress line does not end at 100 % with a newline"
grep -q '^Readouts after 30.00 s' "$tmp/long" ||
  bad "no readouts on their own line after the progress"

# Piped: nothing on stderr, the readouts on stdout as before.
"$render" --force --demo 30 "$tmp/b.wav" >"$tmp/out" 2>"$tmp/err"
[ -s "$tmp/err" ] && bad "not a terminal, yet stderr has: $(cat -v "$tmp/err")"
grep -q '^Readouts after 30.00 s' "$tmp/out" || bad "piped: no readouts"
# and a piped render that runs for seconds: still nothing but the error.
timeout -s INT 3 "$render" --force --demo 3600 "$tmp/f.wav" 2>"$tmp/err"
[ "$(cat "$tmp/err")" = "balun-render: error: interrupted; nothing written" ] ||
  bad "piped, 3 s of rendering: stderr has $(cat -v "$tmp/err")"

# A short render, or --quiet: no progress even on a terminal.
on_terminal "$tmp/short" --force --demo 2 "$tmp/c.wav"
grep -q 'rendering' "$tmp/short" && bad "2 s of audio showed progress"
on_terminal "$tmp/quiet" --quiet --force --demo 30 "$tmp/d.wav"
[ -s "$tmp/quiet" ] && bad "--quiet showed: $(cat -v "$tmp/quiet")"

# Interrupted mid-progress: the error starts a line of its own.
script -q -c "$(printf '%q ' timeout -s INT 1 "$render" --force --demo 3600 \
  "$tmp/e.wav")" /dev/null </dev/null | tr '\r' '\n' >"$tmp/stopped"
grep -q 'rendering' "$tmp/stopped" || bad "1 s of a 3600 s render showed no progress"
grep -q '^balun-render: error: interrupted; nothing written' "$tmp/stopped" ||
  bad "the interruption's error does not start its own line: $(cat -v "$tmp/stopped" | tail -n 2)"

[ $fail -eq 0 ] && echo "check-render-progress: on a terminal one line" \
  "updated $updates times, ended at 100 %; none piped, short or --quiet"
exit $fail
