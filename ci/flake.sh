#!/usr/bin/env bash
# Runs every case RUNS times while a busy loop keeps the other core loaded, and prints, per case, how many runs
# gave a different verdict than the first (its flips). Exit 0 only when no case flipped or failed.
#   ci/flake.sh [RUNS] [PRESET] [LEVELS]     defaults: 50, default, all (LEVELS=default: the -O1 variants only)
#   FLAKE_JOBS=N ci/flake.sh ...             N cases at a time (default 1); the busy loop runs either way
#   FLAKE_MANIFEST=FILE ci/flake.sh ...      check the lines of FILE (cases.manifest format) instead
#   FLAKE_VERIFY=EXE ci/flake.sh ...         use this tsan-verify instead of build/PRESET's
# Each case goes through `tsan-verify --repeat RUNS --binary ...`, which makes every run and compares outcome,
# report kinds and hit markers with run 1's. The per-case lines also go to the manifest's name + .flake.txt, and
# for a case that flips, run 1 and the first differing run in full (TSAN_OPTIONS, output, each process's TSan log)
# to the manifest's name + .flakes/CASE.txt: a flip seen once in hundreds of runs may never come back.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
preset=${2:-default}
levels=${3:-all}
jobs=${FLAKE_JOBS:-1}
verify=${FLAKE_VERIFY:-$PWD/build/$preset/harness/tsan-verify}
case "$levels" in
  all) manifest="build/$preset/cases-all-levels.manifest" ;;
  default) manifest="build/$preset/cases.manifest" ;;
  *) echo "ci/flake.sh: LEVELS is 'all' or 'default', not '$levels'" >&2; exit 2 ;;
esac
manifest=${FLAKE_MANIFEST:-$manifest}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "ci/flake.sh: RUNS must be a positive number, not '$runs'" >&2; exit 2; }
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "ci/flake.sh: FLAKE_JOBS must be a positive number, not '$jobs'" >&2; exit 2; }
[ -x "$verify" ] && [ -s "$manifest" ] || { echo "ci/flake.sh: build the '$preset' preset first ($manifest)" >&2; exit 2; }

# One line per case: "FLIPS/RUNS  NAME  DETAIL". FLIPS is "-" when no run could be compared (skipped, failed).
check_case() {
  local runs=$1 verify=$2 name binary source toolchain out status=0 flips
  IFS=$'\t' read -r name binary source toolchain <<< "$3"
  local level opt=()
  level=$(basename "$(dirname "$binary")")  # cases/O1/...: the level, for level-qualified markers
  [[ "$level" =~ ^O([0-3]|s|z|g|fast)$ ]] && opt=(--opt "$level")
  out=$("$verify" --verbose --repeat "$runs" --binary "$binary" "${opt[@]}" --toolchain "$toolchain" "$source" 2>&1) || status=$?
  flips=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9][0-9]*\) of [0-9][0-9]* runs differ from run 1.*/\1/p' | head -n1)
  if [ "$status" -eq 77 ]; then
    printf '%s\t%s\t%s\n' "-/$runs" "$name" "skipped: $(printf '%s\n' "$out" | grep -m1 'skipped' || true)"
  elif [ -n "$flips" ]; then
    printf '%s\n' "$out" > "$FLAKE_DETAILS/${name//\//.}.txt"
    printf '%s\t%s\t%s\n' "$flips/$runs" "$name" "FLIPS: $(printf '%s\n' "$out" | grep -m1 'runs differ')"
  elif [ "$status" -eq 0 ]; then
    printf '%s\t%s\t\n' "0/$runs" "$name"
  else
    printf '%s\t%s\t%s\n' "-/$runs" "$name" "FAILED (exit $status) on run 1: $(printf '%s\n' "$out" | tail -n1)"
  fi
}
export -f check_case

( while :; do :; done ) &
busy=$!
trap 'kill $busy 2>/dev/null' EXIT

start=$(date +%s)
results="${manifest%.manifest}.flake.txt"
export FLAKE_DETAILS="${manifest%.manifest}.flakes"
rm -rf "$FLAKE_DETAILS" && mkdir -p "$FLAKE_DETAILS"
tr '\n' '\0' < "$manifest" \
  | xargs -0 -P "$jobs" -I{} bash -c 'check_case "$@"' check_case "$runs" "$verify" {} \
  | sort -t$'\t' -k2,2 > "$results"
seconds=$(($(date +%s) - start))

awk -F'\t' '{ printf "%-8s %-48s %s\n", $1, $2, $3 }' "$results"
variants=$(wc -l < "$results")
expected=$(grep -c . "$manifest")
flipped=$(awk -F'\t' '$3 ~ /^FLIPS/' "$results" | wc -l)
failed=$(awk -F'\t' '$3 ~ /^FAILED/' "$results" | wc -l)
skipped=$(awk -F'\t' '$3 ~ /^skipped/' "$results" | wc -l)
echo "$preset: $variants case variants x $runs runs, $jobs at a time, the other core busy: $flipped with flips," \
  "$failed failed, $skipped skipped (${seconds} s)"
[ "$flipped" -eq 0 ] || echo "the flipping runs in full: $FLAKE_DETAILS/"
[ "$variants" -eq "$expected" ] || { echo "ci/flake.sh: $variants results for $expected manifest lines" >&2; exit 1; }
[ "$flipped" -eq 0 ] && [ "$failed" -eq 0 ]
