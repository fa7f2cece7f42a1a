#!/usr/bin/env bash
# The whole detector comparison, incrementally, and its time: TSan (clang 14 at O0/O1/O2 from the default preset's
# case binaries, with lines; every toolchain of docs/matrix.json at file level), Helgrind and DRD on every case built
# without TSan. Rewrites docs/DETECTORS.md and build/detectors/{runs.tsv,scores.json,detectors.html}.
#   ci/detectors.sh [--jobs N]
# What is built and unchanged is not built or run again (ninja for the TSan binaries; content hashes in
# build/detectors for the plain builds and every run), so a second run with nothing changed takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
cmake --preset default > /dev/null
cmake --build --preset default
/usr/bin/python3 ci/detectors.py run --build-dir build/default "$@"
echo "ci/detectors.sh: $(( $(date +%s) - started )) s in all"
