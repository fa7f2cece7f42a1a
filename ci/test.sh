#!/usr/bin/env bash
# Configure, build and run the whole test suite of one preset: what `.ci/run` and every CI job call.
#   ci/test.sh [PRESET] [CTEST ARGS...]     (default preset: default; e.g. ci/test.sh gcc-12 --output-junit j.xml)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-default}
shift || true
bash ci/check-tsan-works.sh
cmake --preset "$preset"
cmake --build --preset "$preset"
ctest --preset "$preset" "$@"
