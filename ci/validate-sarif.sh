#!/usr/bin/env bash
# Validates tsan-verify's SARIF against the SARIF 2.1.0 schema and rules with Microsoft's validator
# (npm @microsoft/sarif-multitool, installed once into the build folder): its rules, read from the log it writes, and
# the JSON schema it ships (sarif-2.1.0.json), checked with python3-jsonschema.
#   ci/validate-sarif.sh TSAN_VERIFY BUILD_DIR LOG... [-- CASE_SOURCE...] [--program SOURCE...]
# LOGs are read with `tsan-verify parse --sarif`, CASE_SOURCEs checked with `tsan-verify --sarif CASE`. The SOURCEs
# after --program are built into one TSan program (clang, with their folder on the include path) and checked as
# `tsan-verify --sarif PROGRAM`: every marked source is read, so its document holds what the markers add (the marker a
# report met as its suppression, a marker no report met as a result); it must, or the fields go unchecked.
# Before the documents, a broken one is validated and must be refused: a validator that finds nothing in it checks
# nothing here.
# Exit 0 valid, 1 invalid, 77 skipped (no npm, the registry cannot be reached, or no python3-jsonschema).
set -uo pipefail
verify=$1 build=$2
shift 2
python=${PYTHON:-python3}
"$python" -c 'import jsonschema' 2>/dev/null || { echo "skipped: python3-jsonschema is not installed"; exit 77; }
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
schema=$(find "$tool_dir/node_modules/@microsoft" -name sarif-2.1.0.json -print -quit)
[ -n "$schema" ] || { echo "the validator's package holds no sarif-2.1.0.json"; exit 1; }
out="$build/sarif-check"
rm -rf "$out" && mkdir -p "$out"

# The errors of documents (one line each, "FILE: RULE: ..."): the validator's own rules, from the SARIF log it writes
# (its console names none of them on some systems, and its exit status is 0 either way), then the schema's.
errors_of() {
  local log="$out/validation-$RANDOM.sarif"
  local console
  console=$("$validator" validate -o "$log" "$@" 2>&1)
  [ -f "$log" ] || { printf 'the validator wrote no log:\n%s\n' "$console" | tail -20; return; }
  "$python" - "$schema" "$log" "$@" <<'EOF'
import json, sys, jsonschema
schema_path, log_path, documents = sys.argv[1], sys.argv[2], sys.argv[3:]
log = json.load(open(log_path))
for run in log.get("runs", []):
    for result in run.get("results", []):
        if result.get("level") == "error":
            where = result.get("locations", [{}])[0].get("physicalLocation", {}).get("artifactLocation", {}).get("uri", "?")
            print(f"{where}: {result.get('ruleId')}: {result.get('message', {}).get('arguments')}")
schema = json.load(open(schema_path))
checker = jsonschema.validators.validator_for(schema)(schema)
for document in documents:
    for error in checker.iter_errors(json.load(open(document))):
        print(f"{document}: schema: {'/'.join(str(p) for p in error.absolute_path)}: {error.message[:200]}")
EOF
}

# The control: a result at line 0, which the validator's rules (SARIF1007, JSON1008) and the schema (minimum 1) refuse.
control="$out/control.sarif"
printf '%s\n' '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"control"}},"results":[{"ruleId":"c","level":"error",'\
'"message":{"text":"t"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"c.c"},"region":{"startLine":0}}}]}]}]}' \
  > "$control"
found=$(errors_of "$control")
if ! grep -q ': JSON1008: \|: SARIF1007: ' <<<"$found" || ! grep -q 'schema: .*region/startLine' <<<"$found"; then
  printf 'the validation finds too little in a document that breaks a rule and the schema (so it would pass anything):\n%s\n' \
    "$found"
  exit 1
fi
rm -f "$control"

n=0
mode=log
program_sources=()
for arg in "$@"; do
  if [ "$arg" = "--" ]; then mode=case; continue; fi
  if [ "$arg" = "--program" ]; then mode=program; continue; fi
  if [ "$mode" = program ]; then program_sources+=("$arg"); continue; fi
  n=$((n + 1))
  if [ "$mode" = log ]; then
    "$verify" parse --sarif "$arg" > "$out/$n.sarif"
    [ $? -le 1 ] || { echo "$arg: tsan-verify could not parse it"; exit 1; }
  else
    "$verify" --sarif "$arg" > "$out/$n.sarif" 2>/dev/null
  fi
done
if [ ${#program_sources[@]} -gt 0 ]; then
  n=$((n + 1))
  folder=$(dirname "${program_sources[0]}")
  clang -fsanitize=thread -g -O1 -pthread -I"$folder" "${program_sources[@]}" -o "$out/program" ||
    { echo "cannot build ${program_sources[*]}"; exit 1; }
  "$verify" --sarif --root "$folder" "$out/program" > "$out/$n.sarif" 2>"$out/program.verdict"
  status=$?
  # Cannot check (2) judges no marker, and the markers' fields would go unvalidated.
  [ $status -le 1 ] || { echo "tsan-verify $out/program: exit $status"; cat "$out/program.verdict"; exit 1; }
  for field in '"suppressions":[{"kind":"inSource"' '"ruleId":"tsan-verify/expected-report-missing"'; do
    grep -qF "$field" "$out/$n.sarif" || { echo "$out/$n.sarif holds no $field: the markers' fields go unchecked"; exit 1; }
  done
fi
[ "$n" -gt 0 ] || { echo "ci/validate-sarif.sh: nothing to validate" >&2; exit 2; }
found=$(errors_of "$out"/[0-9]*.sarif)
if [ -n "$found" ]; then
  printf '%s\n' "$found" | head -40
  exit 1
fi
echo "$n SARIF documents valid (the validator's rules and the SARIF 2.1.0 schema)"
