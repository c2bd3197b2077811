#!/usr/bin/env bash
# The GUI in a host, under Xvfb: build/tests/ui-host (tests/ui_host.c)
# embeds balun_ui.so in a parent window of its own (ui:parent), runs the
# plugin beside it and forwards ports both ways; xdotool clicks, drags,
# scrolls and types as a user would. Screenshots are kept as artifacts in
# build/screenshots/ (ui.png at 100 %, ui-200.png at 200 %, ui-min.png and
# ui-min-source-receiver.png at the minimum size, ui-1366x680.png in what a
# 1366 x 768 screen leaves under a host's title bar and toolbar, and a few
# scenes: ui-adapters.png, ui-headphones.png, ui-clipping.png and
# ui-min-clipping.png). Where to click comes from the layout module (ui-host's
# "where"). What it checks:
#   - the binary exports only lv2ui_descriptor and links no OpenGL;
#   - the UI embeds (a widget, a child of ui:parent), sets a minimum size
#     hint of at most 960 x 600, stays resizable, and doubles its minimum
#     at ui:scaleFactor 2;
#   - clicking B writes listen = 1 (at 100 % and at 200 %), key A listen = 0,
#     and resized to its minimum the UI still answers where it draws: a
#     press where a control of a closed tab sits does not reach it, its
#     tab opens it and then it answers; and so at 1366 x 680;
#   - dragging the cable length writes rising values within its range;
#   - with headphone stages on, the Headphones tab's volume answers the
#     wheel;
#   - a value from the host moves the control: it is drawn anew, and the
#     next drag continues from the host's value;
#   - double-click writes the default, the wheel steps a value;
#   - an ABX test through the keys writes only listen = 0 or 1.
set -u
cd "$(dirname "$0")/.."
for tool in Xvfb xdotool import compare; do
  command -v $tool >/dev/null || {
    echo "check-ui: FAIL: $tool missing: apt-get install xvfb xdotool imagemagick" >&2
    exit 1
  }
done
: "${LV2_PATH:?set LV2_PATH to the build bundle (make check does)}"
so=plugin.lv2/balun_ui.so
host=build/tests/ui-host
[ -f $so ] && [ -x $host ] || { echo "check-ui: FAIL: run make check"; exit 1; }
shots=build/screenshots
mkdir -p $shots
tmp=$(mktemp -d)
fail=0
bad() { echo "check-ui: FAIL: $*"; fail=1; }

# ---- the binary ----
exported=$(nm -D --defined-only $so | awk '$2 ~ /^[TDBRVW]$/ {print $3}')
[ "$exported" = "lv2ui_descriptor" ] ||
  bad "$so exports:" $exported "- expected only lv2ui_descriptor"
needed=$(objdump -p $so | awk '/NEEDED/ {print $2}' | sort | tr '\n' ' ')
grep -qi "GL" <<<"$needed" && bad "$so links OpenGL: $needed"
echo "check-ui: $so exports $exported; needs $needed"

# ---- a private X server on a free display ----
Xvfb -displayfd 5 -screen 0 2600x1800x24 -nolisten tcp 5>"$tmp/display" \
  2>"$tmp/xvfb.log" &
xvfb=$!
hostpid=
cleanup() {
  exec 3>&- 2>/dev/null
  [ -n "$hostpid" ] && kill "$hostpid" 2>/dev/null
  kill $xvfb 2>/dev/null
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.05; done
[ -s "$tmp/display" ] || { echo "check-ui: FAIL: Xvfb did not start:"; cat "$tmp/xvfb.log"; exit 1; }
export DISPLAY=":$(cat "$tmp/display")"

# ---- talking to the host ----
n=0
start_host() { # scale
  rm -f "$tmp/in"
  mkfifo "$tmp/in"
  : >"$tmp/out"
  $host --scale "$1" <"$tmp/in" >"$tmp/out" 2>&1 &
  hostpid=$!
  exec 3>"$tmp/in"
}
stop_host() {
  echo quit >&3
  exec 3>&-
  wait $hostpid
  local rc=$?
  hostpid=
  [ $rc -eq 0 ] || { bad "ui-host exited with $rc:"; cat "$tmp/out"; }
}
sync_host() { # waits until the host has done everything sent before
  n=$((n + 1))
  local token="$BASHPID.$n" # unique in subshells too
  echo "sync $token" >&3
  for _ in $(seq 300); do
    grep -qx "synced $token" "$tmp/out" && return 0
    kill -0 $hostpid 2>/dev/null || break
    sleep 0.02
  done
  bad "the host stopped answering:"
  cat "$tmp/out"
  exit 1
}
say() { echo "$*" >&3; sync_host; }
idle() { echo "wait $1" >&3; sync_host; }
mark() { wc -l <"$tmp/out"; } # writes after this line count as new
writes_since() { # line, symbol: the values written since the mark
  tail -n +"$(($1 + 1))" "$tmp/out" | awk -v s="$2" '$1 == "write" && $2 == s {print $3}'
}
await_writes() { # line symbol count: waits (10 s at most) for count writes
  for _ in $(seq 250); do
    [ "$(writes_since "$1" "$2" | wc -l)" -ge "$3" ] && return 0
    idle 20
  done
  return 1
}
rejected_since() { tail -n +"$(($1 + 1))" "$tmp/out" | grep "^write-rejected" || true; }
where() { # name -> "cx cy x y w h" in screen pixels
  say "where $1"
  grep "^at $1 " "$tmp/out" | tail -n 1 | awk '{print $3 + int($5 / 2), $4 + int($6 / 2), $3, $4, $5, $6}'
}
info() { say info; grep "^info " "$tmp/out" | tail -n 1; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
shoot() { # file: the host's window as the screen shows it
  idle 500
  import -window "$(field parent "$(info)")" "$1"
}
crop() { # name file: one control as the screen shows it
  read -r _ _ x y w h <<<"$(where "$1")"
  import -window root -crop "${w}x${h}+${x}+${y}" "$2"
}
click() { # name [button]
  read -r cx cy _ <<<"$(where "$1")"
  xdotool mousemove "$cx" "$cy" click "${2:-1}"
}
drag() { # name steps dx: press, move by dx `steps` times, release; each
  # step must write the control's port
  read -r cx cy _ <<<"$(where "$1")"
  local from
  from=$(mark)
  xdotool mousemove "$cx" "$cy" mousedown 1
  for i in $(seq "$2"); do
    xdotool mousemove_relative -- "$3" 0
    await_writes "$from" "$1" "$i" || break
  done
  xdotool mouseup 1
  idle 450 # longer than a double click
}
wheel() { # name button lo hi: one step of the wheel writes a value in (lo, hi]
  local m v
  m=$(mark)
  click "$1" "$2"
  await_writes "$m" "$1" 1
  v=$(writes_since "$m" "$1")
  awk -v v="$v" -v lo="$3" -v hi="$4" 'BEGIN {exit !(v > lo && v <= hi)}' ||
    bad "the wheel wrote $1 '$v', expected a value in ($3, $4]"
}
rising_within() { # values lo hi: strictly rising, all in [lo, hi]
  awk -v lo="$2" -v hi="$3" 'NF {if ($1 < lo || $1 > hi || (n && $1 <= last)) bad = 1; last = $1; n++}
    END {exit bad || n < 2}' <<<"$1"
}

# ---- at 100 % ----
start_host 1
idle 500
i1=$(info)
echo "check-ui: 100 %: $i1"
min1=$(field min "$i1")
[ "$(field resizable "$i1")" = 1 ] || bad "the UI fixed its size: $i1"
[ -n "$min1" ] && [ "${min1%x*}" -gt 0 ] || bad "no minimum size: $i1"
[ "${min1%x*}" -le 960 ] && [ "${min1#*x}" -le 600 ] ||
  bad "the minimum size $min1 does not fit 960x600"
shoot $shots/ui.png

m=$(mark)
click listen_b
await_writes "$m" listen 1
[ "$(writes_since "$m" listen)" = 1 ] ||
  bad "clicking B wrote listen '$(writes_since "$m" listen)', expected 1"
m=$(mark)
xdotool key a
await_writes "$m" listen 1
[ "$(writes_since "$m" listen)" = 0 ] || bad "key A wrote listen '$(writes_since "$m" listen)', expected 0"

m=$(mark)
drag cable_length 6 12
values=$(writes_since "$m" cable_length)
rising_within "$values" 0.3 300 ||
  bad "dragging cable length right wrote" $values "- expected rising values in [0.3, 300]"
echo "check-ui: dragging cable_length wrote" $values
crop cable_length "$tmp/before.png"
say "port cable_length 30"
for _ in $(seq 20); do
  idle 100
  crop cable_length "$tmp/after.png"
  changed=$(compare -metric AE "$tmp/before.png" "$tmp/after.png" null: 2>&1)
  [ "${changed%% *}" -gt 20 ] 2>/dev/null && break
done
[ "${changed%% *}" -gt 20 ] 2>/dev/null ||
  bad "the host's cable_length = 30 did not redraw the control ($changed pixels changed)"
m=$(mark)
drag cable_length 1 12 # the drag goes on from where the host put it
first=$(writes_since "$m" cable_length | head -n 1)
awk -v v="$first" 'BEGIN {exit !(v > 30 && v < 60)}' ||
  bad "after the host set 30 m, a drag wrote '$first', expected a little above 30"
echo "check-ui: after the host's 30 m, a drag wrote $first"

m=$(mark)
read -r cx cy _ <<<"$(where cable_length)"
xdotool mousemove "$cx" "$cy" click --repeat 2 --delay 80 1
await_writes "$m" cable_length 1
idle 450
[ "$(writes_since "$m" cable_length | tail -n 1)" = 3 ] ||
  bad "double-click wrote cable_length '$(writes_since "$m" cable_length)', expected the default 3"
wheel cable_capacitance 4 100 400 # up: a little above 100
idle 500

# A blind test through the keys: A, B, X and 16 answers.
m=$(mark)
click abx_start
xdotool key x
await_writes "$m" listen 2
shoot $shots/ui-abx-trial.png # X lit, nothing that tells what X is
for _ in $(seq 16); do
  for k in a x b x; do xdotool key $k; done
  xdotool key 1
done
await_writes "$m" listen $((2 + 16 * 5))
listens=$(writes_since "$m" listen | sort -u | tr '\n' ' ')
[ "$listens" = "0 1 " ] ||
  bad "an ABX test wrote listen values '$listens', expected only 0 and 1"
shoot $shots/ui-abx-result.png
click abx_stop

# The smallest size the UI allows: still laid out, still hit where drawn.
say "resize ${min1%x*} ${min1#*x}"
idle 300
[ "$(field size "$(info)")" = "$min1" ] || bad "resized to $min1, the UI is $(field size "$(info)")"
shoot $shots/ui-min.png
m=$(mark)
click listen_a_interference
await_writes "$m" listen 1
[ "$(writes_since "$m" listen)" = 2 ] ||
  bad "at the minimum size, A interference only wrote listen '$(writes_since "$m" listen)', expected 2"
# The controls of a closed tab do not answer; its tab opens them.
m=$(mark)
click pin1_problem
idle 100
[ -z "$(writes_since "$m" pin1_problem)" ] ||
  bad "pin1_problem answered in the closed Source & receiver tab: '$(writes_since "$m" pin1_problem)'"
click tab_source_receiver
idle 450 # no double click with the next press
click pin1_problem
await_writes "$m" pin1_problem 1
[ "$(writes_since "$m" pin1_problem)" = 1 ] ||
  bad "in the Source & receiver tab, pin1_problem wrote '$(writes_since "$m" pin1_problem)', expected 1"
shoot $shots/ui-min-source-receiver.png
click pin1_problem # back off, for the scenes below
await_writes "$m" pin1_problem 2

# Scenes for the eye: the cold-shorting adapter, a noisy environment.
say "port path_a 5"
say "port path_b 6"
say "port pin1_problem 1"
say "port rf_field 30"
shoot $shots/ui-adapters.png

# What a 1366 x 768 laptop leaves under a host's title bar and toolbar.
say "resize 1366 680"
idle 300
[ "$(field size "$(info)")" = 1366x680 ] || bad "resized to 1366x680, the UI is $(field size "$(info)")"
click tab_cable
idle 450
m=$(mark)
click star_quad
await_writes "$m" star_quad 1
[ "$(writes_since "$m" star_quad)" = 1 ] ||
  bad "at 1366x680, star_quad wrote '$(writes_since "$m" star_quad)', expected 1"
shoot $shots/ui-1366x680.png
click star_quad
await_writes "$m" star_quad 2

# A headphone scene (preset 22: an SE plug through the cold-shorting
# adapter on A, the balanced cable on B), in the Headphones tab, whose
# controls answer; then both stages that clip (preset 16's receiver on A,
# an amplifier at +6 dB on B).
for pv in "path_a 1" "path_b 1" "pin1_problem 0" "rf_field 0" \
  "ground_voltage 0" "level_match 1" "headphone_a 3" "headphone_b 2"; do
  say "port $pv"
done
click tab_headphones
idle 450
wheel headphone_volume 5 -60.01 -10.01 # down: a little under -10
say "port headphone_volume -10"
shoot $shots/ui-headphones.png
for pv in "path_a 2" "input_clip_level 16" "level_match 0" "headphone_a 0" \
  "headphone_b 1" "headphone_volume 6"; do
  say "port $pv"
done
shoot $shots/ui-clipping.png
say "resize ${min1%x*} ${min1#*x}"
idle 300
shoot $shots/ui-min-clipping.png

[ -z "$(rejected_since 0)" ] || bad "the plugin refused writes: $(rejected_since 0)"
stop_host

# ---- at 200 % ----
start_host 2
idle 800
i2=$(info)
echo "check-ui: 200 %: $i2"
min2=$(field min "$i2")
[ "${min2%x*}" -eq $((2 * ${min1%x*})) ] && [ "${min2#*x}" -eq $((2 * ${min1#*x})) ] ||
  bad "at 200 % the minimum is $min2, expected twice $min1"
shoot $shots/ui-200.png
m=$(mark)
click listen_b
await_writes "$m" listen 1
[ "$(writes_since "$m" listen)" = 1 ] || bad "at 200 %, clicking B wrote listen '$(writes_since "$m" listen)'"
stop_host

[ $fail -eq 0 ] && echo "check-ui: OK; screenshots in $shots/"
exit $fail
