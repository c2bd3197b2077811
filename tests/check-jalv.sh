#!/usr/bin/env bash
# The bundle in a real JACK host: jalv's console on a private dummy JACK
# server, driven as a user at its prompt would drive it.
#  1. By hand (physics.md §4): with a 1 V ground loop and no buzz, RCA's
#     interference is 1 V x 0.06/0.26 Ω through the 47k/(47k + 100.3)
#     input divider = 0.2303 V on 2 V: -18.77 dBFS (set with -c).
#  2. Every factory preset in presets/ is listed by `presets` and applied
#     with `preset URI`; then `controls` must show the values the preset
#     file holds and `monitors` the readouts the model gives for them.
#  3. After each preset, two controls are changed from the console, one
#     with `set SYMBOL VALUE` and one with `SYMBOL = VALUE`, and controls
#     and readouts are checked again.
# build/tests/expect works out what jalv must show from the preset file and
# the model alone. jalv updates its copy of the readouts some 30 times a
# second after the plugin has run, so readouts are asked for again until
# they agree or 10 s have passed; only agreement passes.
#
# jalv 1.6.6's `preset URI` restores a preset's values only after `presets`
# has been run: before that it restores none and says nothing (so with
# Ardour's own a-delay presets too).
set -u
cd "$(dirname "$0")/.." || exit 1
for tool in jackd jack_wait jalv stdbuf; do
  command -v $tool >/dev/null || {
    echo "check-jalv: FAIL: $tool missing: tools/install-deps --test" \
      "(apt-get install jackd2 jalv)" >&2
    exit 1
  }
done
: "${LV2_PATH:?set LV2_PATH to the build bundle (make check does)}"
expect=build/tests/expect
[ -x "$expect" ] || {
  echo "check-jalv: $expect missing: run make check" >&2
  exit 1
}
# A private server, and no client may start another one.
export JACK_DEFAULT_SERVER="balun-check-$$" JACK_NO_AUDIO_RESERVATION=1 \
  JACK_NO_START_SERVER=1
tmp=$(mktemp -d)
jackd --no-realtime -d dummy -r 48000 -p 256 >"$tmp/jackd.log" 2>&1 &
jack=$!
jalv='' jalv_in='' jalv_out=''
# jalv first (end of input makes it quit), then the server: jackd killed
# while a client is going away can leave its entry in JACK's registry of
# servers, and after eight of those no server starts on this machine.
# shellcheck disable=SC2317 # called by the EXIT trap
finish() {
  if [ -n "$jalv" ]; then
    exec {jalv_in}>&-
    for _ in $(seq 50); do
      kill -0 "$jalv" 2>/dev/null || break
      sleep 0.1
    done
    kill "$jalv" 2>/dev/null
    wait "$jalv" 2>/dev/null
  fi
  kill "$jack" 2>/dev/null
  wait "$jack" 2>/dev/null
  rm -rf "$tmp"
}
trap finish EXIT
if ! jack_wait -w -t 20 >/dev/null 2>&1; then
  echo "check-jalv: FAIL: jackd did not start:"
  cat "$tmp/jackd.log"
  exit 1
fi

# jalv's console, line-buffered so each answer arrives whole. Bash forgets
# a coprocess's variables once it has ended: keep them.
coproc JALV {
  exec stdbuf -oL jalv -c ground_voltage=1000 -c buzz=0 \
    urn:balun:interconnect 2>&1
}
jalv=$JALV_PID jalv_in=${JALV[1]} jalv_out=${JALV[0]}

# Sends a command, then a line jalv does not understand: everything jalv
# prints before it says so is the answer, left in $tmp/answer. With no
# command, the answer is what jalv printed so far.
ask() { # [command]
  local line send=not-a-command
  [ $# -gt 0 ] && send=$1$'\n'$send
  printf '%s\n' "$send" >&"$jalv_in" || {
    echo "check-jalv: FAIL: jalv has gone; it said:"
    cat "$tmp/answer"
    return 1
  }
  : >"$tmp/answer"
  while IFS= read -r -t 20 -u "$jalv_out" line; do
    case $line in *"error: invalid command"*) return 0 ;; esac
    while [ "${line#> }" != "$line" ]; do line=${line#> }; done
    printf '%s\n' "$line" >>"$tmp/answer"
  done
  echo "check-jalv: FAIL: jalv did not answer \"${1:-}\"; it said:"
  cat "$tmp/answer"
  return 1
}

# Asks `controls` or `monitors` until they agree with expect (see above).
agree() { # controls|monitors, preset file, assignments...
  local command=$1 kind=controls deadline=$((SECONDS + 10))
  shift
  [ "$command" = monitors ] && kind=readouts
  while :; do
    ask "$command" || return 1
    if "$expect" "$kind" "$@" <"$tmp/answer" >"$tmp/verdict"; then
      sed 's/^ */    /' "$tmp/verdict"
      return 0
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "    FAIL: jalv's $command after 10 s:"
      cat "$tmp/verdict"
      return 1
    fi
    sleep 0.1
  done
}

fail=0
ask || exit 1 # jalv's greeting

# 1. the hand-worked case
deadline=$((SECONDS + 10))
while :; do
  ask monitors || exit 1
  value=$(awk '$1 == "interference_a" {v = $3} END {print v}' "$tmp/answer")
  awk -v v="${value:-0}" 'BEGIN {exit !(v > -18.87 && v < -18.67)}' && break
  [ $SECONDS -ge $deadline ] && break
  sleep 0.1
done
if awk -v v="${value:-0}" 'BEGIN {exit !(v > -18.87 && v < -18.67)}'; then
  echo "check-jalv: -c ground_voltage=1000 -c buzz=0: interference_a =" \
    "$value dBFS, by hand -18.77"
else
  echo "check-jalv: FAIL: -c ground_voltage=1000 -c buzz=0: interference_a" \
    "= ${value:-nothing} dBFS, by hand -18.77"
  fail=1
fi

# 2. and 3. every factory preset
ask presets || exit 1
cp "$tmp/answer" "$tmp/presets"
for file in presets/*.ttl; do
  "$expect" show "$file" >"$tmp/show" || {
    fail=1
    continue
  }
  uri=$(sed -n 's/^uri //p' "$tmp/show")
  label=$(sed -n 's/^label //p' "$tmp/show")
  echo "check-jalv: \"$label\""
  if ! grep -qF "$uri ($label)" "$tmp/presets"; then
    echo "    FAIL: \`presets\` does not list $uri ($label)"
    fail=1
    continue
  fi
  ask "preset $uri" || exit 1
  echo "  preset $uri"
  agree controls "$file" || fail=1
  agree monitors "$file" || fail=1

  # New values inside the ranges (ports.md): ground_voltage x3 (or /3 from
  # 1 V up), cable_length x10 (or /10 from 30 m up).
  volts=$(awk '$2 == "ground_voltage" {print ($3 < 1000) ? $3 * 3 : $3 / 3}' \
    "$tmp/show")
  metres=$(awk '$2 == "cable_length" {print ($3 < 30) ? $3 * 10 : $3 / 10}' \
    "$tmp/show")
  for command in "set ground_voltage $volts" "cable_length = $metres"; do
    ask "$command" || exit 1
    if grep -q '^error' "$tmp/answer"; then
      echo "    FAIL: jalv answered \`$command\` with: $(cat "$tmp/answer")"
      fail=1
    fi
  done
  echo "  set ground_voltage $volts; cable_length = $metres"
  agree controls "$file" "ground_voltage=$volts" "cable_length=$metres" ||
    fail=1
  agree monitors "$file" "ground_voltage=$volts" "cable_length=$metres" ||
    fail=1
done
[ $fail -eq 0 ] && echo "check-jalv: jalv shows what the presets and the" \
  "model say" || echo "check-jalv: FAIL: see above"
exit $fail
