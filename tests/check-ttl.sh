#!/usr/bin/env bash
# Validates the bundle's Turtle (manifest, plugin, presets) with sord_validate
# against the LV2 vocabularies: syntax, undefined properties and classes,
# domains, ranges and the specs' cardinality restrictions. It cannot see a
# default outside its range or a preset value out of range: test_metadata
# checks those with lilv.
#
# sord_validate reads only the files it is given, so it gets the RDF schemas
# (schemas.lv2) and every bundle that declares an lv2:Specification, then
# ours. The specs alone may already draw errors on some systems; only errors
# beyond that baseline count against us.
#
# Usage: tests/check-ttl.sh [BUNDLE_DIR]. Without an argument the bundle is
# the first balun.lv2 on LV2_PATH, else plugin.lv2 in the repository.
set -u
cd "$(dirname "$0")/.." || exit 1

if ! command -v sord_validate >/dev/null 2>&1; then
  echo "check-ttl: FAIL: sord_validate not found: apt-get install sordi" >&2
  exit 1
fi

find_bundle() {
  local dir
  local IFS=:
  for dir in ${LV2_PATH:-}; do
    if [ -f "$dir/balun.lv2/manifest.ttl" ]; then
      echo "$dir/balun.lv2"
      return
    fi
  done
  echo plugin.lv2
}
bundle=${1:-$(find_bundle)}
ours=("$bundle"/*.ttl)
if [ ! -f "$bundle/manifest.ttl" ] || [ ! -f "$bundle/balun.ttl" ]; then
  echo "check-ttl: FAIL: no manifest.ttl and balun.ttl in '$bundle' (run make)" >&2
  exit 1
fi

spec_dir=${LV2_SPEC_DIR:-/usr/lib/lv2}
specs=("$spec_dir"/schemas.lv2/*.ttl)
for manifest in "$spec_dir"/*/manifest.ttl; do
  if grep -q 'lv2:Specification' "$manifest"; then
    specs+=("$(dirname "$manifest")"/*.ttl)
  fi
done
if [ ! -f "$spec_dir/schemas.lv2/rdfs.ttl" ] ||
  [ ! -f "$spec_dir/core.lv2/lv2core.ttl" ]; then
  echo "check-ttl: FAIL: LV2 schemas not found in $spec_dir: apt-get install lv2-dev" >&2
  exit 1
fi

error_count() { # the N of sord_validate's "Found N errors among ..." line
  sed -n 's/^Found \([0-9]*\) errors among.*/\1/p' | tail -n 1
}
baseline_out=$(sord_validate -l "${specs[@]}" 2>&1)
full_out=$(sord_validate -l "${specs[@]}" "${ours[@]}" 2>&1)
baseline=$(printf '%s\n' "$baseline_out" | error_count)
full=$(printf '%s\n' "$full_out" | error_count)

echo "check-ttl: validated ${#ours[@]} files of $bundle:"
printf '  %s\n' "${ours[@]##*/}"
echo "against ${#specs[@]} schema and specification files under $spec_dir"
echo "specs alone: ${baseline:-?} errors; specs and bundle: ${full:-?} errors"

# Errors that the specs alone do not produce are ours. A file that cannot
# be read or parsed is reported without counting as an error.
ours_errors=$(printf '%s\n' "$full_out" | grep -Fxv -f <(printf '%s\n' "$baseline_out") |
  grep -E '^(error|warning)|^Skipping file' || true)
if [ -z "$baseline" ] || [ -z "$full" ] || [ "$full" -gt "$baseline" ] ||
  [ -n "$ours_errors" ]; then
  printf '%s\n' "$ours_errors"
  echo "check-ttl: FAIL"
  exit 1
fi
echo "check-ttl: OK"
