#!/usr/bin/env bash
# Runs tsan-verify under valgrind memcheck over every case of a manifest (the programs themselves are not
# traced: --trace-children=no) and fails on any memcheck error or leak.
#   ci/memcheck.sh [PRESET]     (default: default)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-default}
build="${CASEBOOK_BUILD_DIR:-build/$preset}"
manifest="${MANIFEST:-$build/cases.manifest}"
# valgrind 3.19 cannot read clang 14's default DWARF 5, so memcheck gets its own tsan-verify built with DWARF 4.
cmake -S . -B build/memcheck -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS=-gdwarf-4 -DCASEBOOK_BUILD_CASES=OFF -DCASEBOOK_BUILD_TESTS=OFF >/dev/null
cmake --build build/memcheck --target tsan-verify >/dev/null
verify=build/memcheck/harness/tsan-verify
command -v valgrind >/dev/null || { echo "skipped: valgrind is not installed"; exit 77; }
[ -f "$manifest" ] || { echo "ci/memcheck.sh: build the '$preset' preset first" >&2; exit 2; }
cases=0 bad=0
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
while IFS=$'\t' read -r name binary source toolchain; do
  cases=$((cases + 1))
  log="$logs/$cases.log"
  set +e
  valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
    --trace-children=no --log-file="$log" "$verify" --binary "$binary" --toolchain "$toolchain" "$source" >/dev/null 2>&1
  status=$?
  set -e
  # "--PID--" lines are valgrind's own notes (e.g. pidfd_open is unknown to valgrind 3.19; the runner then
  # falls back to polling); "==PID==" lines are memcheck's findings.
  if [ "$status" -eq 99 ] || grep -q '^==[0-9]*==' "$log"; then
    bad=$((bad + 1))
    echo "$name: memcheck found errors:"
    grep '^==[0-9]*==' "$log" | head -30
  fi
done < "$manifest"
echo "memcheck: tsan-verify over $cases cases, $bad with errors or leaks"
[ "$bad" -eq 0 ]
