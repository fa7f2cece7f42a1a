#!/usr/bin/env bash
# Validates tsan-verify's SARIF against the SARIF 2.1.0 schema and rules with Microsoft's validator
# (npm @microsoft/sarif-multitool, installed once into the build folder).
#   ci/validate-sarif.sh TSAN_VERIFY BUILD_DIR LOG... [-- CASE_SOURCE...]
# Exit 0 valid, 1 invalid, 77 skipped (no npm, or the registry cannot be reached).
set -uo pipefail
verify=$1 build=$2
shift 2
tool_dir="$build/npm-tools"
validator="$tool_dir/node_modules/.bin/sarif-multitool"
if [ ! -x "$validator" ]; then
  command -v npm >/dev/null || { echo "skipped: npm is not installed"; exit 77; }
  mkdir -p "$tool_dir"
  if ! npm install --prefix "$tool_dir" --no-audit --no-fund --silent @microsoft/sarif-multitool@5.7.0 >/dev/null 2>&1; then
    echo "skipped: cannot install @microsoft/sarif-multitool from the npm registry"
    exit 77
  fi
  chmod u+x "$tool_dir"/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool 2>/dev/null || true
fi
out="$build/sarif-check"
rm -rf "$out" && mkdir -p "$out"
n=0
mode=log
for arg in "$@"; do
  if [ "$arg" = "--" ]; then mode=case; continue; fi
  n=$((n + 1))
  if [ "$mode" = log ]; then
    "$verify" parse --sarif "$arg" > "$out/$n.sarif"
    [ $? -le 1 ] || { echo "$arg: tsan-verify could not parse it"; exit 1; }
  else
    "$verify" --sarif "$arg" > "$out/$n.sarif" 2>/dev/null
  fi
done
[ "$n" -gt 0 ] || { echo "ci/validate-sarif.sh: nothing to validate" >&2; exit 2; }
report=$("$validator" validate "$out"/*.sarif 2>&1)
status=$?
errors=$(printf '%s\n' "$report" | grep -E ': error [A-Z]+[0-9]+' || true)
if [ $status -ne 0 ] || [ -n "$errors" ]; then
  printf '%s\n' "$report" | tail -40
  exit 1
fi
echo "$n SARIF documents valid ($(printf '%s\n' "$report" | grep -c ': warning ' || true) warnings)"
