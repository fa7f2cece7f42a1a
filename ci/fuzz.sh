#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 600) and prints executions, coverage and corpus size.
# New corpus entries go to build/fuzz/harness/fuzz/corpus-<target>; crashes to build/fuzz/harness/fuzz/<target>-crash-*.
#   ci/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz >/dev/null
dir=build/fuzz/harness/fuzz
status=0
for target in fuzz_parse fuzz_markers fuzz_expect; do
  log="$dir/$target.log"
  if ASAN_OPTIONS=detect_leaks=1 "$dir/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$dir/$target-" "$dir/corpus-$target" \
      "harness/fuzz/corpus/$target" harness/fuzz/regressions > "$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  runs=$(grep -m1 -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo '?')
  corpus=$(ls "$dir/corpus-$target" | wc -l)
  echo "$target: $result, $runs executions in $seconds s, coverage $cov edges, corpus $corpus new inputs"
done
exit $status
