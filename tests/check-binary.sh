#!/usr/bin/env bash
# The linter's binary rules (lv2-and-hosts.md, "Binaries and symbols"), for
# the DSP binary and, once it exists, the UI binary:
#   - exports exactly lv2_descriptor (DSP) or lv2ui_descriptor (UI);
#   - needs only libc and libm (DSP), or libc, libm, cairo and X11 with
#     Xext, Xrandr and Xcursor at most (UI: Pugl's Cairo backend, no
#     OpenGL, no toolkit, no shared Pugl);
#   - carries no crtfastmath (-ffast-math at the link), whose constructor
#     would change the host thread's FPU mode on load;
#   - has no text relocations and no executable stack.
set -u
cd "$(dirname "$0")/.." || exit 1
fail=0
bad() { echo "check-binary: $*"; fail=1; }

check() { # binary, the one symbol, allowed libraries (regex)
  local so=$1 symbol=$2 allowed=$3
  [ -f "$so" ] || { bad "$so not built (make)"; return; }
  local exported needed
  exported=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sort)
  [ "$exported" = "$symbol" ] ||
    bad "$so exports ${exported//$'\n'/ } - expected only $symbol"
  needed=$(objdump -p "$so" | awk '/NEEDED/ {print $2}' | sort | tr '\n' ' ')
  for lib in $needed; do
    [[ $lib =~ ^($allowed)$ ]] || bad "$so links $lib - allowed: $allowed"
  done
  local symbols
  symbols=$(nm "$so" 2>&1)
  if grep -q "no symbols" <<<"$symbols"; then
    bad "$so is stripped: cannot look for crtfastmath"
  elif grep -q " set_fast_math$" <<<"$symbols"; then
    bad "$so carries crtfastmath's set_fast_math: -ffast-math reached the link"
  fi
  readelf -d "$so" | grep -q TEXTREL && bad "$so has text relocations"
  readelf -lW "$so" | awk '$1 == "GNU_STACK" && $7 ~ /E/ {exit 1}' ||
    bad "$so asks for an executable stack"
  echo "check-binary: $so exports $exported; needs $needed"
}

check plugin.lv2/balun.so lv2_descriptor 'libc\.so\.6|libm\.so\.6'
if [ -f plugin.lv2/balun_ui.so ]; then
  check plugin.lv2/balun_ui.so lv2ui_descriptor \
    'libc\.so\.6|libm\.so\.6|libcairo\.so\.2|libX11\.so\.6|libXext\.so\.6|libXrandr\.so\.2|libXcursor\.so\.1'
else
  echo "check-binary: no plugin.lv2/balun_ui.so yet: the DSP binary only"
fi
exit $fail
