#!/usr/bin/env bash
# The whole detector comparison, incrementally, and its time: TSan on the case binaries of each preset given (with
# lines; default: the default preset, clang 14, at O0/O1/O2) and every other toolchain of docs/matrix.json at file
# level, then Helgrind and DRD on every case built without TSan. Rewrites docs/DETECTORS.md and
# build/detectors/{runs.tsv,scores.json,detectors.html}.
#   ci/detectors.sh [--presets default,gcc-12,clang-19] [--jobs N]
# What is built and unchanged is not built or run again (ninja for the TSan binaries; content hashes in
# build/detectors for the plain builds and every run), so a second run with nothing changed takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
presets=default
args=()
while [ $# -gt 0 ]; do
  case $1 in
  --presets) presets=$2; shift 2 ;;
  *) args+=("$1"); shift ;;
  esac
done
started=$(date +%s)
cmake --preset default > /dev/null # the harness that runs and scores everything is the default preset's
cmake --build --preset default --target tsan-verify
builds=()
for preset in ${presets//,/ }; do
  cmake --preset "$preset" > /dev/null
  cmake --build --preset "$preset"
  builds+=("build/$preset")
done
build_list=$(IFS=,; echo "${builds[*]}")
/usr/bin/python3 ci/detectors.py run --build-dir "$build_list" --verify build/default/harness/tsan-verify "${args[@]}"
echo "ci/detectors.sh: $(( $(date +%s) - started )) s in all"
