#!/usr/bin/env bash
# Runs every case at every optimization level RUNS times while a busy loop keeps the other core loaded, and
# prints, per case, how many runs gave a different verdict than the first (a "flip").
#   ci/flake.sh [RUNS] [PRESET] [LEVELS]   (defaults: 20, default, all; LEVELS=default checks only the -O1 variant)
# Each case goes through `tsan-verify --repeat RUNS`, which compares outcome, report kinds and hit markers.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
preset=${2:-default}
verify="build/$preset/harness/tsan-verify"
manifest="build/$preset/cases-all-levels.manifest"
[ "${3:-all}" = default ] && manifest="build/$preset/cases.manifest"
[ -x "$verify" ] && [ -f "$manifest" ] || { echo "ci/flake.sh: build the '$preset' preset first" >&2; exit 2; }

( while :; do :; done ) &
busy=$!
trap 'kill $busy 2>/dev/null' EXIT

start=$(date +%s)
cases=0 flipped=0
while IFS=$'\t' read -r name binary source toolchain; do
  cases=$((cases + 1))
  status=0
  out=$("$verify" --repeat "$runs" --binary "$binary" --toolchain "$toolchain" "$source" 2>&1) || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 77 ]; then
    flipped=$((flipped + 1))
    printf '%-48s FLIP/FAIL  %s\n' "$name" "$(printf '%s' "$out" | grep -m1 -E 'differs|: not met|cannot check' || true)"
  fi
done < "$manifest"
echo "$cases case variants x $runs runs on $preset with the other core busy: $flipped with flips or failures ($(( $(date +%s) - start )) s)"
[ "$flipped" -eq 0 ]
