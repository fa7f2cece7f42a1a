#!/usr/bin/env bash
# The harness's overhead over running the case programs directly.
#   bench/overhead.sh [MANIFEST] [ROUNDS=3]     (default manifest: build/default/cases.manifest; BUILD_DIR: its folder)
# For every case of the manifest, the direct run is the binary with exactly the TSAN_OPTIONS the harness gives it
# (read from `tsan-verify --json`, log_path pointed at a scratch folder), under bench/run-and-reap, which waits for
# every process the program started (TSan's symbolizer outlives it by a little, and the harness waits for it too).
# Each round runs every case directly and through the harness back to back, in turns; the figure is the ratio of the
# summed wall times.
# Exit 1 when the ratio is above $OVERHEAD_LIMIT (default 1.05).
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=${1:-build/default/cases.manifest}
rounds=${2:-3}
limit=${OVERHEAD_LIMIT:-1.05}
build=${BUILD_DIR:-$(dirname "$manifest")}
verify="$build/harness/tsan-verify"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cc -O2 -o "$scratch/run-and-reap" bench/run-and-reap.c

# name, binary, case, toolchain, options: one tab-separated line per case
/usr/bin/python3 - "$verify" "$manifest" "$scratch" > "$scratch/plan.tsv" <<'PY'
import json, re, subprocess, sys
verify, manifest, scratch = sys.argv[1:4]
for line in open(manifest):
    name, binary, source, toolchain = line.rstrip("\n").split("\t")
    out = subprocess.run([verify, "--json", "--binary", binary, "--toolchain", toolchain, source],
                         capture_output=True, text=True)
    doc = json.loads(out.stdout.splitlines()[0])
    if not doc["run"] or doc["outcome"] == "skipped":
        continue
    options = re.sub(r'log_path="[^"]*"', f'log_path="{scratch}/direct"', doc["run"]["tsan_options"])
    print("\t".join([name, binary, source, toolchain, options]))
PY
count=$(wc -l < "$scratch/plan.tsv")

now() { date +%s.%N; }
run_direct() {
  TSAN_OPTIONS="$5" "$scratch/run-and-reap" "$2" > /dev/null 2>&1 || true
  rm -f "$scratch"/direct.*
}
run_harness() { "$verify" --binary "$2" --toolchain "$4" "$3" > /dev/null 2>&1 || true; }
direct_total=0
harness_total=0
# Each case runs directly and through the harness back to back, the two in turns (direct first in odd rounds,
# harness first in even ones): a machine whose load drifts over the minutes of a round weighs on both alike, where
# a whole pass of direct runs followed by a whole pass of harness runs would charge the drift to one side.
for round in $(seq "$rounds"); do
  direct=0
  harness=0
  while IFS=$'\t' read -r name binary source toolchain options; do
    for side in $([ $((round % 2)) = 1 ] && echo "direct harness" || echo "harness direct"); do
      start=$(now)
      "run_$side" "$name" "$binary" "$source" "$toolchain" "$options"
      took=$(echo "$(now) - $start" | bc -l)
      if [ "$side" = direct ]; then direct=$(echo "$direct + $took" | bc -l); else harness=$(echo "$harness + $took" | bc -l); fi
    done
  done < "$scratch/plan.tsv"
  printf 'round %d: %d cases, direct %.2f s, harness %.2f s, ratio %.3f\n' "$round" "$count" "$direct" "$harness" \
    "$(echo "$harness / $direct" | bc -l)"
  direct_total=$(echo "$direct_total + $direct" | bc -l)
  harness_total=$(echo "$harness_total + $harness" | bc -l)
done
ratio=$(echo "$harness_total / $direct_total" | bc -l)
printf 'overhead: harness %.2f s / direct %.2f s = %.3fx over %d rounds of %d cases (limit %.2fx; load %s)\n' \
  "$harness_total" "$direct_total" "$ratio" "$rounds" "$count" "$limit" "$(cut -d' ' -f1-3 /proc/loadavg)"
[ "$(echo "$ratio <= $limit" | bc -l)" = 1 ]
