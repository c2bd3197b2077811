#!/usr/bin/env bash
# Every C file is formatted with the committed .clang-format.
set -u
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || {
  echo "check-format: clang-format missing: apt-get install clang-format" >&2
  exit 1
}
files=$(git ls-files '*.c' '*.h' 2>/dev/null || ls src/*.[ch] tools/*.[ch] tests/*.[ch] gui/*.[ch])
if clang-format --dry-run -Werror $files; then
  echo "check-format: $(wc -w <<<"$files") files formatted"
else
  echo "check-format: run 'make format'" >&2
  exit 1
fi
