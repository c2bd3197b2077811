#!/usr/bin/env bash
# The GUI's modules in layers: a file includes only headers of lower
# layers (and its own), so no part of the view includes another part and
# nothing includes upwards. ui.c is the only file that knows every view.
#   0  theme abx           colours and sizes; the ABX test's logic
#   1  layout              where everything sits (pure geometry)
#   2  draw                cairo helpers
#   3  state format        the shared state; values as people read them
#   4  port_io             writing ports through the host, the model's view
#   5  controls listening readouts plot schematic_parts   the views, and
#                          what a schematic's two parts share
#   6  schematic_stage     the headphone stage in a schematic
#   7  schematic           a path's card and schematic
#   8  ui                  state and events, dispatched to the views
#   9  window              Pugl
#  10  ui_lv2              the LV2 glue
# Headers from src/ (ports.h, model.h) and system headers are below all.
set -u
cd "$(dirname "$0")/.."
declare -A layer=(
  [theme]=0 [abx]=0 [layout]=1 [draw]=2 [state]=3 [format]=3 [port_io]=4
  [controls]=5 [listening]=5 [readouts]=5 [plot]=5 [schematic_parts]=5
  [schematic_stage]=6 [schematic]=7 [ui]=8 [window]=9 [ui_lv2]=10
)
fail=0
n=0
for file in gui/*.c gui/*.h; do
  self=$(basename "${file%.*}")
  [ -n "${layer[$self]+set}" ] || {
    echo "check-gui-includes: FAIL: $file is in no layer: add it to $0"
    fail=1
    continue
  }
  for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file"); do
    dep=$(basename "${inc%.*}")
    [ "$dep" = "$self" ] && continue
    n=$((n + 1))
    if [ -z "${layer[$dep]+set}" ]; then
      [ -f "src/$inc" ] && continue # the model, below the GUI
      echo "check-gui-includes: FAIL: $file includes \"$inc\", which is in no layer"
      fail=1
    elif [ "${layer[$dep]}" -ge "${layer[$self]}" ]; then
      echo "check-gui-includes: FAIL: $file (layer ${layer[$self]}) includes $inc (layer ${layer[$dep]}): only lower layers"
      fail=1
    fi
  done
done
[ $fail -eq 0 ] && echo "check-gui-includes: OK: $n includes between GUI modules, each from a lower layer"
exit $fail
