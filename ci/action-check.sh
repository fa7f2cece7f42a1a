#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), as a script that runs the same here:
#   ci/action-check.sh install TOOLCHAIN     apt-get the compiler and its TSan runtime (clang, clang-N, gcc, gcc-N),
#                                            unless installed; cmake too
#   ci/action-check.sh build DIR             build tsan-verify from this tree into DIR (prints its path)
#   ci/action-check.sh check                 check the files; reads the environment:
#       TSAN_VERIFY  the tsan-verify to run       FILES   files or globs (** included), separated by blanks
#       TOOLCHAIN    as for install (the compiler) LEVELS  optimization levels, e.g. "O1 O0" (default O1)
#       FLAGS        extra compiler flags          ARGS    arguments for every program (split on blanks)
#       SARIF        the SARIF file to write       SUMMARY the Markdown summary to append to
#                                                          (default: $GITHUB_STEP_SUMMARY, else stdout)
#       ROOT         what SARIF paths are relative to (default: $GITHUB_WORKSPACE, else the git top level)
#   ci/action-check.sh selftest BUILD_DIR    what ctest runs: install, build and check on examples/user-project,
#                                            then checks the SARIF and the summary table
# check exits 0 when every case is met (or skipped), 1 when one is not met, 2 when one cannot be checked.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
python=/usr/bin/python3
[ -x "$python" ] || python=python3

compiler_for() {
  case "$1" in
    clang | clang-[0-9]* | gcc | gcc-[0-9]*) echo "$1" ;;
    *) echo "ci/action-check.sh: unknown toolchain '$1' (clang, clang-N, gcc, gcc-N)" >&2; return 2 ;;
  esac
}

# The package holding clang-N's TSan runtime: libclang-rt-N-dev where the distribution split it out (Debian 12:
# 14, 16, 19; Ubuntu's newer clangs), else libclang-common-N-dev (Debian 12's clang 13 and 15).
clang_runtime_package() {
  local n=$1 package
  for package in "libclang-rt-$n-dev" "libclang-common-$n-dev"; do
    if dpkg-query -L "$package" 2>/dev/null | grep -q 'libclang_rt\.tsan'; then
      echo "$package"
      return 0
    fi
  done
  if apt-cache show "libclang-rt-$n-dev" >/dev/null 2>&1; then
    echo "libclang-rt-$n-dev"
  else
    echo "libclang-common-$n-dev"
  fi
}

install_toolchain() {
  local toolchain=$1 packages=(cmake make python3)
  compiler_for "$toolchain" >/dev/null
  case "$toolchain" in
    clang) packages+=(clang libclang-rt-dev) ;;
    clang-*) packages+=("$toolchain" "$(clang_runtime_package "${toolchain#clang-}")") ;;
    gcc) packages+=(gcc libtsan2) ;;
    gcc-*) packages+=("$toolchain" libtsan2) ;;
  esac
  local missing=() package
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "ci/action-check.sh: ${packages[*]} installed already"
    return 0
  fi
  local as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  echo "ci/action-check.sh: installing ${missing[*]}"
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build_harness() {
  local dir=$1
  mkdir -p "$(dirname "$dir")"
  # Only tsan-verify: no cases, no tests, no Criterion needed.
  cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCASEBOOK_BUILD_CASES=OFF -DCASEBOOK_BUILD_TESTS=OFF \
    >"$dir.configure.log" 2>&1 || { cat "$dir.configure.log" >&2; return 2; }
  cmake --build "$dir" --target tsan-verify -j2 >"$dir.build.log" 2>&1 || { cat "$dir.build.log" >&2; return 2; }
  echo "$dir/harness/tsan-verify"
}

check_files() {
  local verify=${TSAN_VERIFY:?TSAN_VERIFY names the tsan-verify to run}
  local cc levels=${LEVELS:-O1} sarif=${SARIF:-tsan-verify.sarif}
  local summary=${SUMMARY:-${GITHUB_STEP_SUMMARY:-/dev/stdout}}
  cc=$(compiler_for "${TOOLCHAIN:-clang}")
  local root=${ROOT:-${GITHUB_WORKSPACE:-}}
  [ -n "$root" ] || root=$(git rev-parse --show-toplevel 2>/dev/null || pwd)
  local files=() pattern
  shopt -s globstar nullglob
  for pattern in ${FILES:?FILES names the files or globs to check}; do
    # shellcheck disable=SC2206  # the pattern is meant to be expanded as a glob
    local matched=($pattern)
    [ ${#matched[@]} -gt 0 ] || { echo "ci/action-check.sh: '$pattern' matches no file" >&2; return 2; }
    files+=("${matched[@]}")
  done
  shopt -u globstar nullglob
  local args=()
  [ -z "${ARGS:-}" ] || read -r -a args <<<"$ARGS"
  local work
  work=$(mktemp -d "${TMPDIR:-/tmp}/tsan-action.XXXXXX")
  local level worst=0 status
  for level in $levels; do
    status=0
    "$verify" --cc "$cc" --opt "$level" --cflags "-fsanitize=thread -g -pthread ${FLAGS:-}" --sarif --root "$root" \
      "${files[@]}" -- "${args[@]}" >"$work/$level.sarif" 2>"$work/$level.txt" || status=$?
    cat "$work/$level.txt" >&2
    case "$status" in
      0 | 77) ;;
      1) [ "$worst" -eq 2 ] || worst=1 ;;
      *) worst=2 ;;
    esac
  done
  mkdir -p "$(dirname "$sarif")"
  "$python" - "$sarif" "$summary" "$cc" "$work" "$levels" "${files[@]}" <<'EOF'
"""Merges the per-level SARIF into one run and appends the verdict table to the summary."""
import json
import pathlib
import re
import sys

sarif_path, summary_path, cc, work, levels, files = sys.argv[1], sys.argv[2], sys.argv[3], pathlib.Path(
    sys.argv[4]), sys.argv[5].split(), sys.argv[6:]
merged, rules, results, rows = None, [], [], []
verdicts = ("met", "not met", "cannot check", "skipped")
for level in levels:
    text = (work / f"{level}.txt").read_text(errors="replace").splitlines()
    try:
        document = json.loads((work / f"{level}.sarif").read_text())
    except ValueError:
        document = None
    if document:
        run = document["runs"][0]
        if merged is None:
            merged = document
        for result in run.get("results", []):
            rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
            if rule["id"] not in [r["id"] for r in rules]:
                rules.append(rule)
            result["ruleIndex"] = [r["id"] for r in rules].index(rule["id"])
            result.setdefault("properties", {})["optimization"] = level
            results.append(result)
    for path in files:
        verdict, reported, detail = "cannot check", "", ""
        # "PATH: VERDICT", or "PATH (-O0, binary B): VERDICT" when the level or binary is not the default.
        verdict_line = re.compile(re.escape(path) + r"(?: \([^()]*\))?: (.*)")
        for line in text:
            match = verdict_line.fullmatch(line)
            if match:
                rest = match.group(1)
                for name in verdicts:
                    if rest == name or rest.startswith(name + " ("):
                        verdict = name
                        if rest.startswith("met (reported: "):
                            reported = rest[len("met (reported: "):-1]
            elif line.startswith(path + ":") and not detail:
                detail = line[len(path) + 1:].split(": ", 1)[-1]
        rows.append((path, level, verdict, reported or detail))
if merged is None:
    merged = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
              "runs": [{"tool": {"driver": {"name": "ThreadSanitizer", "rules": []}}, "results": []}]}
merged["runs"][0]["tool"]["driver"]["rules"] = rules
merged["runs"][0]["results"] = results
pathlib.Path(sarif_path).write_text(json.dumps(merged, indent=1) + "\n")
cell = lambda text: text.replace("|", "\\|")
mark = {"met": "✅ met", "not met": "❌ not met", "cannot check": "⚠️ cannot check", "skipped": "⏭️ skipped"}
lines = [f"### tsan-verify ({cc})", "", "| case | level | verdict | reported |", "| --- | --- | --- | --- |"]
lines += [f"| `{cell(p)}` | {lv} | {mark[v]} | {cell(r)} |" for p, lv, v, r in rows]
counts = {name: sum(1 for row in rows if row[2] == name) for name in verdicts}
# A marker no report met is a result too (rule tsan-verify/expected-report-missing), not a report.
unmet = sum(1 for result in results if result.get("ruleId") == "tsan-verify/expected-report-missing")
lines += ["", f"{counts['met']} met, {counts['not met']} not met, {counts['cannot check']} cannot check, "
          f"{counts['skipped']} skipped; {len(results) - unmet} reports"
          + (f" and {unmet} marker{'s' if unmet != 1 else ''} no report met" if unmet else "") + f" in {sarif_path}", ""]
with open(summary_path, "a") as summary:
    summary.write("\n".join(lines) + "\n")
EOF
  rm -rf "$work"
  return "$worst"
}

selftest() {
  local build=$1 work
  work=$(mktemp -d "${TMPDIR:-/tmp}/tsan-action-selftest.XXXXXX")
  selftest_work=$work
  trap 'rm -rf "$selftest_work"' EXIT
  install_toolchain "${TOOLCHAIN:-clang}"
  local verify
  verify=$(build_harness "$build/action-harness")
  cd "$here"
  local status=0
  TSAN_VERIFY=$verify FILES="examples/user-project/tests/*.c" LEVELS="O1 O0" ARGS=4 \
    FLAGS="-I examples/user-project/include examples/user-project/src/counter.c" SARIF="$work/out/tsan.sarif" \
    SUMMARY="$work/summary.md" ROOT="$here" check_files || status=$?
  cat "$work/summary.md"
  [ "$status" -eq 0 ] || { echo "selftest: check exited $status, 0 expected"; return 1; }
  "$python" - "$work/out/tsan.sarif" "$work/summary.md" <<'EOF'
import json
import sys

sarif = json.load(open(sys.argv[1]))
summary = open(sys.argv[2]).read()
problems = []
if len(sarif["runs"]) != 1:
    problems.append(f"{len(sarif['runs'])} runs in the SARIF, 1 expected")
results = sarif["runs"][0]["results"]
# racy_counter at O1 and O0: one data race each, located where it happens (the library's line), relative to the root.
races = [r for r in results if r["ruleId"] == "tsan/data-race"]
if len(races) != 2 or len(results) != 2:
    problems.append(f"{len(results)} results ({len(races)} data races), 2 data races expected")
for result in results:
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    if location.get("uriBaseId") != "SRCROOT" or location["uri"] != "examples/user-project/src/counter.c":
        problems.append(f"a result located at {location}, not examples/user-project/src/counter.c")
rows = [line for line in summary.splitlines() if line.startswith("| `")]
if len(rows) != 6 or sum("✅ met" in row for row in rows) != 6:
    problems.append(f"the summary table should have 6 met rows, it has {len(rows)}: {rows}")
if "6 met, 0 not met, 0 cannot check, 0 skipped; 2 reports" not in summary:
    problems.append("the summary's count line is wrong")
for problem in problems:
    print("selftest:", problem)
sys.exit(1 if problems else 0)
EOF
  echo "selftest: action steps passed on examples/user-project (6 met, 2 reports in SARIF)"
}

command=${1:-}
shift || true
case "$command" in
  install) install_toolchain "${1:?toolchain}" ;;
  build) build_harness "${1:?build folder}" ;;
  check) check_files ;;
  selftest) selftest "${1:?build folder}" ;;
  *) echo "usage: ci/action-check.sh install TOOLCHAIN | build DIR | check | selftest BUILD_DIR" >&2; exit 2 ;;
esac
