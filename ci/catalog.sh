#!/usr/bin/env bash
# The main job: install what is missing, configure, build the harness and every case, and run the catalog,
# ending with a table (case, expected, reported, verdict). Exit status: 0 when every case passes.
#   ci/catalog.sh [PRESET]    (default: "default", clang 14)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-default}
case "$preset" in
  default) toolchain=clang-14 ;;
  gcc-12) toolchain=gcc-12 ;;
  *) toolchain=$preset ;;
esac
bash ci/install-deps.sh "$toolchain" browser
bash ci/check-tsan-works.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
exec "build/$preset/harness/tsan-verify" catalog "build/$preset/cases.manifest"
