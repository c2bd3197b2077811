#!/usr/bin/env bash
# The DSP binary exports exactly lv2_descriptor and needs only libc and
# libm (lv2-and-hosts.md, "Binaries and symbols").
set -u
cd "$(dirname "$0")/.."
so=plugin.lv2/balun.so
[ -f $so ] || { echo "check-binary: $so not built (make)"; exit 1; }
fail=0
exported=$(nm -D --defined-only $so | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sort)
if [ "$exported" != "lv2_descriptor" ]; then
  echo "check-binary: exports" $exported "- expected only lv2_descriptor"
  fail=1
fi
needed=$(objdump -p $so | awk '/NEEDED/ {print $2}' | sort | tr '\n' ' ')
if [ "$needed" != "libc.so.6 libm.so.6 " ]; then
  echo "check-binary: links $needed- expected libc and libm only"
  fail=1
fi
[ $fail -eq 0 ] && echo "check-binary: exports lv2_descriptor; needs $needed"
exit $fail
