#!/usr/bin/env bash
# Bad input to every command-line tool gives a clear error (the tool's name
# and what is wrong, on stderr) and a non-zero exit: 2 for a usage error, 1
# for a file, plugin or value the tool cannot use. No input file changes
# (checksums before and after), no output appears where none was asked
# for or allowed, and no temporary file is left behind. An interrupted
# render exits 130 and writes nothing.
set -u
cd "$(dirname "$0")/.." || exit 1
: "${LV2_PATH:?set LV2_PATH to the build bundle (make check does)}"
render=build/balun-render bench=build/balun-bench
for tool in $render $bench; do
  [ -x "$tool" ] || { echo "check-cli-errors: $tool not built (make)"; exit 1; }
done
command -v sox >/dev/null || {
  echo "check-cli-errors: sox missing: apt-get install sox" >&2
  exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
root=$OLDPWD
fail=0
count=0

# Inputs, good and bad. Their checksums must not change.
sox -V1 -n -r 48000 -c 2 -b 32 -e float in.wav synth 0.2 sine 440
sox -V1 -n -r 48000 -c 3 -b 16 three.wav synth 0.1 sine 440
sox -V1 -n -r 500 -c 1 -b 16 slow.wav synth 0.1 sine 100
echo "not audio" >text.wav
: >empty.wav
head -c 3000 in.wav >cut.wav # a header promising 0.2 s, 370 frames held
cp in.wav existing.wav
ln -s in.wav symlink.wav
ln in.wav hardlink.wav
mkdir outdir
mkdir -p nowhere && empty_lv2=$tmp/nowhere
sha256sum ./*.wav >inputs.sha256

# expect STATUS "TEXT ON STDERR" command...: the status, the text, and no
# OUTPUT.wav made (every case names its output out*.wav).
expect() {
  local status=$1 text=$2 rc
  shift 2
  count=$((count + 1))
  (cd "$tmp" && timeout 60 "$@") >stdout 2>stderr
  rc=$?
  if [ $rc -ne "$status" ] || ! grep -qF -- "$text" stderr; then
    echo "check-cli-errors: FAIL: $* -> exit $rc (want $status), stderr:"
    sed 's/^/    /' stderr
    echo "    (want \"$text\")"
    fail=1
  fi
  if compgen -G "out*.wav" >/dev/null; then
    echo "check-cli-errors: FAIL: $* left" out*.wav
    rm -f out*.wav
    fail=1
  fi
}
r=$root/$render

# files
expect 1 "cannot read nope.wav" "$r" nope.wav out.wav
expect 1 "is a directory" "$r" outdir out.wav
expect 1 "text.wav is not an audio file" "$r" text.wav out.wav
expect 1 "empty.wav is not an audio file" "$r" empty.wav out.wav
expect 1 "has 3 channels" "$r" three.wav out.wav
expect 1 "cut.wav is cut short" "$r" cut.wav out.wav
expect 1 "at 500 Hz failed" "$r" slow.wav out.wav
expect 1 "existing.wav exists; use --force" "$r" in.wav existing.wav
expect 1 "is the input file" "$r" --force in.wav in.wav
expect 1 "is the input file" "$r" --force in.wav ./in.wav
expect 1 "is the input file" "$r" --force in.wav symlink.wav
expect 1 "is the input file" "$r" --force in.wav hardlink.wav
expect 1 "is the input file" "$r" --force symlink.wav in.wav
expect 1 "is a directory" "$r" --force in.wav outdir
expect 1 "cannot create a file in nowhere/sub/" "$r" in.wav nowhere/sub/out.wav
# presets, symbols, values
expect 1 'unknown preset "No such scene"; available: "' \
  "$r" --preset "No such scene" in.wav out.wav
expect 1 "unknown symbol 'nosuch'" "$r" --set nosuch=1 in.wav out.wav
expect 1 "cable_length = 1000 is out of range: cable_length takes 0.3 to 300 m" \
  "$r" --set cable_length=1000 in.wav out.wav
expect 1 "path_a = -1 is out of range" "$r" --set path_a=-1 in.wav out.wav
expect 1 "SYMBOL=VALUE with a number" "$r" --set cable_length=nan in.wav out.wav
expect 1 "SYMBOL=VALUE with a number" "$r" --set cable_length=inf in.wav out.wav
expect 1 "SYMBOL=VALUE with a number" "$r" --set cable_length=3m in.wav out.wav
expect 1 "SYMBOL=VALUE with a number" "$r" --set cable_length in.wav out.wav
expect 1 "SYMBOL=VALUE with a number" "$r" --set =3 in.wav out.wav
expect 1 "'snr_a' is not a control input" "$r" --set snr_a=0 in.wav out.wav
# usage
expect 2 "--rate takes a sample rate" "$r" --demo 1 --rate 0 out.wav
expect 2 "--rate takes a sample rate" "$r" --demo 1 --rate 2e6 out.wav
expect 2 "--rate takes a sample rate" "$r" --demo 1 --rate fast out.wav
expect 2 "--rate is for --demo" "$r" --rate 44100 in.wav out.wav
expect 2 "--block takes a whole number" "$r" --block 0 in.wav out.wav
expect 2 "--block takes a whole number" "$r" --block 1.5 in.wav out.wav
expect 2 "--block takes a whole number" "$r" --block 70000 in.wav out.wav
expect 2 "--demo takes a duration" "$r" --demo -1 out.wav
expect 2 "--demo takes a duration" "$r" --demo 4000 out.wav
expect 2 "--demo takes a duration" "$r" --demo inf out.wav
expect 2 "unknown option '--bogus'" "$r" --bogus in.wav out.wav
expect 2 "--preset needs a value" "$r" in.wav out.wav --preset
expect 2 "expected INPUT.wav OUTPUT.wav" "$r" in.wav
expect 2 "too many arguments: 'out2.wav'" "$r" in.wav out.wav out2.wav
expect 2 "takes one file name" "$r" --demo 1 in.wav out.wav
expect 1 "a WAV file holds at most 536870904" "$r" --demo 3600 --rate 1e6 out.wav
# the plugin missing
expect 1 "is not installed where lilv looks" env LV2_PATH="$empty_lv2" \
  "$r" in.wav out.wav
expect 1 "is not installed where lilv looks" env LV2_PATH="$empty_lv2" \
  "$r" --list-presets
# the benchmark, and the scripts that take arguments
b=$root/$bench
for bad in 0 100 abc 5x 1e9 2.5 4294967297; do
  expect 2 "--rounds takes 1 to" "$b" --rounds $bad
done
for bad in nan 0.01 1e9 -1; do
  expect 2 "--seconds 0.1 to 600" "$b" --seconds $bad
done
expect 2 "Usage: balun-bench" "$b" --bogus
expect 2 "Usage: balun-bench" "$b" --rounds
expect 2 "unknown argument '--tset'" "$root/tools/install-deps" --tset
expect 2 "SECONDS is a whole number" "$root/tools/fuzz" 1.5
expect 2 "DIR is a plain name" "$root/tools/variant-tree" ../elsewhere
expect 2 "Usage: tools/demo [--render-only]" "$root/tools/demo" --bogus

# Interrupted: the render stops, says so, exits 130 and leaves nothing.
count=$((count + 1))
$r --quiet --demo 3600 out-long.wav 2>stderr &
pid=$!
for _ in $(seq 300); do
  compgen -G ".out-long.wav.*" >/dev/null && break
  sleep 0.1
done
kill -INT $pid
wait $pid
rc=$?
if [ $rc -ne 130 ] || ! grep -qF "interrupted; nothing written" stderr ||
  [ -e out-long.wav ]; then
  echo "check-cli-errors: FAIL: SIGINT during a render: exit $rc, stderr:"
  cat stderr
  fail=1
fi

if ! sha256sum --quiet -c inputs.sha256; then
  echo "check-cli-errors: FAIL: an input file changed"
  fail=1
fi
leftovers=$(find . -name '.*.wav.*')
[ -z "$leftovers" ] || { echo "check-cli-errors: FAIL: left $leftovers"; fail=1; }
[ $fail -eq 0 ] && echo "check-cli-errors: $count bad inputs, each refused" \
  "clearly; inputs unchanged, nothing left behind"
exit $fail
