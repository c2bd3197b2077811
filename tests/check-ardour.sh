#!/usr/bin/env bash
# Balun in a real Ardour 7 session, headless (ardour7-lua, "None (Dummy)"
# backend), as a user would use it: a 48 kHz session, a programme on a
# stereo track, the plugin inserted by URI, a factory preset recalled by
# its label, controls set by symbol, automation on ground_voltage and on
# listen (A, B, A), a user preset saved, the session saved and reloaded,
# and an export to WAV.
# Then it checks what Ardour showed against the preset file and the model
# (build/tests/expect), and the exported audio against the model
# (build/tests/ardour_scene, which also defines the scene and programme).
#
# Ardour 7.3 facts this relies on (../shared/reference/lv2-and-hosts.md):
# no headless import, so the programme is written into the sources of a
# region bounced from the empty track; one export per process; a crashed
# or hung Ardour process is run again, up to three more times.
# KEEP=1 keeps the session, the export and what Ardour showed for a look.
set -u
cd "$(dirname "$0")/.." || exit 1

if ! command -v ardour7-lua >/dev/null; then
  echo "check-ardour: FAIL: ardour7-lua is not installed, so Balun was not" \
    "tested in Ardour. Install it: tools/install-deps --test" \
    "(apt-get install --no-install-recommends ardour)" >&2
  exit 1
fi
: "${LV2_PATH:?set LV2_PATH to the build bundle (make check does)}"
scene=build/tests/ardour_scene
expect=build/tests/expect
for tool in "$scene" "$expect"; do
  [ -x "$tool" ] || {
    echo "check-ardour: $tool missing: run make check" >&2
    exit 1
  }
done
preset=presets/10-tv-antenna-ground-loop.ttl
mapfile -t sets < <("$scene" sets) # what the scene's Lua sets

tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
# Ardour writes its configuration and caches under HOME and XDG_*: keep
# them out of the user's.
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache \
  XDG_DATA_HOME=$tmp/data
mkdir -p "$HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME" \
  "$XDG_CONFIG_HOME/ardour7/export" "$tmp/out" "$tmp/export"
# The stock session-rate WAV preset is 16-bit with dither: install one
# that writes exactly the samples the plugin produced.
cp tests/ardour/balun-float.format tests/ardour/balun-float.preset \
  "$XDG_CONFIG_HOME/ardour7/export/"
# Hosts find user presets in ~/.lv2, first on LV2's default path.
export LV2_PATH=$HOME/.lv2:$LV2_PATH
"$scene" lua "$preset" >"$tmp/scene.lua" || exit 1
frames=$(sed -n 's/^  frames = \([0-9]*\),$/\1/p' "$tmp/scene.lua")
session=$tmp/session
name=balun

# Runs one step (a Lua script in its own ardour7-lua process). A Lua error
# is a failure; a crash or a hang is Ardour's, and the step runs again
# from the session as it was before the step, up to three more times.
step() { # script, args...
  local script=tests/ardour/$1 attempt rc
  shift
  [ -d "$session" ] && cp -a "$session" "$tmp/before"
  for attempt in 1 2 3 4; do
    timeout 120 ardour7-lua "$script" "$@" >"$tmp/step.log" 2>&1
    rc=$?
    grep '^ardour: ' "$tmp/step.log"
    [ $rc -eq 0 ] && { rm -rf "$tmp/before"; return 0; }
    if [ $rc -ne 124 ] && [ $rc -lt 128 ]; then # not a hang, not a signal
      echo "check-ardour: FAIL: $script stopped with an error:"
      grep -v '^ardour: ' "$tmp/step.log" | tail -n 20
      return 1
    fi
    echo "check-ardour: ardour7-lua $script crashed or hung (exit $rc," \
      "attempt $attempt of 4):"
    tail -n 5 "$tmp/step.log"
    if [ -d "$tmp/before" ]; then
      rm -rf "$session"
      cp -a "$tmp/before" "$session"
    else
      rm -rf "$session"
    fi
    rm -f "$tmp"/export/*
  done
  echo "check-ardour: FAIL: $script crashed or hung four times"
  return 1
}

fail=0
start=$SECONDS
step session.lua "$session" "$name" "$frames" || exit 1
sources=("$session"/interchange/*/audiofiles/*.wav)
if [ ${#sources[@]} -ne 2 ] || [ ! -f "${sources[0]}" ]; then
  echo "check-ardour: FAIL: expected the region's two mono sources, found:" \
    "${sources[*]}"
  exit 1
fi
"$scene" programme "${sources[@]}" || exit 1
echo "check-ardour: wrote the programme into ${sources[*]##*/}"
step setup.lua "$session" "$name" "$tmp/scene.lua" "$tmp/out" || exit 1
step export.lua "$session" "$name" "$tmp/scene.lua" "$tmp/out" \
  "$tmp/export" || exit 1
echo "check-ardour: Ardour took $((SECONDS - start)) s"

echo "check-ardour: the controls Ardour shows after recalling the preset," \
  "against $preset:"
"$expect" controls "$preset" <"$tmp/out/preset.txt" || fail=1
echo "check-ardour: the readouts Ardour shows after setting ${sets[*]}," \
  "against the model:"
"$expect" readouts "$preset" "${sets[@]}" <"$tmp/out/readouts.txt" || fail=1
echo "check-ardour: the controls after saving and reloading the session:"
"$expect" controls "$preset" "${sets[@]}" <"$tmp/out/reloaded.txt" || fail=1
user=()
for f in "$HOME"/.lv2/*.lv2/*.ttl; do
  [ -f "$f" ] && [ "${f##*/}" != manifest.ttl ] && user+=("$f")
done
echo "check-ardour: the user preset Ardour saved, ${user[*]#"$HOME"/}:"
if [ ${#user[@]} -ne 1 ]; then
  echo "  FAIL: expected one preset file in ~/.lv2, found: ${user[*]}"
  fail=1
else
  "$expect" show "${user[0]}" | sed -n 's/^control //p' |
    "$expect" controls "$preset" "${sets[@]}" || fail=1
fi

exports=("$tmp"/export/*.wav)
if [ ${#exports[@]} -ne 1 ] || [ ! -f "${exports[0]}" ]; then
  echo "check-ardour: FAIL: expected one exported WAV, found: ${exports[*]}"
  exit 1
fi
echo "check-ardour: the export against the model:"
"$scene" analyse "${exports[0]}" "$preset" || fail=1
[ $fail -eq 0 ] && echo "check-ardour: Balun works in Ardour" ||
  echo "check-ardour: FAIL: see above"
exit $fail
