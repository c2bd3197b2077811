#!/usr/bin/env bash
# Writes the seed corpus (tests/fuzz/corpus/) in the input format that
# tests/fuzz_plugin.c documents: a rate byte, then commands. Each seed
# starts the fuzzer somewhere a host really goes. Run it after changing the
# format, and commit the result.
set -euo pipefail
cd "$(dirname "$0")/corpus"

SET=00 RUN=01 CYCLE=02 PLACE=03 EMPTY=04
# control inputs, counted from `enabled` (src/ports.h)
enabled=00 path_a=01 path_b=02 listen=03 level_match=04 cable_length=05
source_impedance=09 receiver=0c ground_voltage=0e mains_frequency=10 buzz=11
magnetic_field=12 rf_field=13 rf_source=14 pin1_problem=15
loop_type=21 leakage_current=22 hum_drift=23
# value kinds: raw float bits, special (NaN, Inf, -Inf, 1e30, ...), the
# range's end (odd: maximum), a fraction of the range, below, above
RAW=00 SPECIAL=01 END=02 FRACTION=03 BELOW=04 ABOVE=05
# audio fills: silence, raw bits, tone, salted tone, denormals, square
SILENCE=00 BITS=01 TONE=02 SALTED=03 DENORMAL=04 SQUARE=05

seed() { # name, hex bytes...
  local name=$1 bytes="" byte list
  shift
  read -ra list <<<"${*//$'\n'/ }"
  for byte in "${list[@]}"; do bytes+="\\x$byte"; done
  printf '%b' "$bytes" >"$name"
}
run() { printf '%s %s %s %s ' "$RUN" "${1:0:2} ${1:2:2}" "$2" "${3:-10}"; } # size fill [param]
set_() { printf '%s %s ' "$SET" "$*"; } # port kind bytes...
busy="$(set_ $ground_voltage $END 01)$(set_ $buzz $END 01)
$(set_ $magnetic_field $END 01)$(set_ $rf_field $END 01)
$(set_ $pin1_problem $END 01)$(set_ $path_a $FRACTION c0)
$(set_ $path_b $END 01)$(set_ $listen $FRACTION 80)
$(set_ $rf_source $FRACTION 80)"

seed defaults-48k "06 $(run 0200 $TONE)$(run 0200 $TONE)$(run 0200 $SILENCE)"
nan=""
for p in $(seq 0 21); do nan+="$(set_ "$(printf %02x "$p")" $SPECIAL 00)"; done
seed nan-controls "06 $nan$(run 0100 $TONE)$(run 0100 $SILENCE)"
seed inf-audio "05 $busy$(run 0400 $SALTED 07)$(run 0001 $SALTED 00)"
seed block-sizes "06 $busy$(run 0000 $TONE)$(run 0001 $TONE)$(run 2000 $TONE)
$(run 0011 $TONE)$EMPTY $(run 1fff $SQUARE 03)"
seed rate-8k "00 $busy$(run 1000 $TONE)$(run 1000 $DENORMAL)"
seed rate-768k "0e $busy$(run 2000 $TONE)$(run 2000 $SILENCE)"
seed odd-rate "80 01 23 45 $busy$(run 0800 $TONE)"
seed in-place-cycle "07 $PLACE $(run 0200 $TONE)$CYCLE $(run 0200 $TONE)
$PLACE $(run 0200 $SALTED 01)"
seed out-of-range "06 $(set_ $cable_length $ABOVE ff)$(set_ $source_impedance $BELOW ff)
$(set_ $receiver $ABOVE 10)$(set_ $mains_frequency $FRACTION 80)
$(set_ $enabled $RAW 7f c0 00 00)$(set_ $level_match $SPECIAL 01)
$(run 0400 $BITS)"
seed denormal-tail "06 $busy$(run 2000 $SQUARE 40)$(run 2000 $DENORMAL)
$(set_ $enabled $END 00)$(run 2000 $DENORMAL)$(run 2000 $SILENCE)"
# the two-prong loop and the hum's drift: hostile values, then both at full
seed loop-and-drift "06 $busy$(set_ $loop_type $SPECIAL 00)$(set_ $leakage_current $SPECIAL 01)
$(set_ $hum_drift $SPECIAL 02)$(run 0400 $TONE)$(set_ $loop_type $END 01)
$(set_ $leakage_current $END 01)$(set_ $hum_drift $END 01)$(run 2000 $TONE)
$(run 0011 $SILENCE)$(set_ $hum_drift $FRACTION 40)$(run 1fff $TONE)"
