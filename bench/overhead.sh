#!/usr/bin/env bash
# The harness's overhead over running the case programs directly.
#   bench/overhead.sh [BUILD_DIR=build/default] [ROUNDS=3]
# The harness side is the very command CTest runs for each case test at the default level (`ctest --show-only`:
# tsan-verify with the binary, the compiler and the flags the case was built with, so the preprocessor's reading and
# the proof count), in the test's working folder, its results file sent to a scratch folder. The direct side is the
# binary with exactly the TSAN_OPTIONS the harness gives it (read from that command with --json, log_path pointed at
# a scratch folder), under bench/run-and-reap, which waits for every process the program started (TSan's
# symbolizer outlives it by a little, and the harness waits for it too). Each round runs every case directly and
# through the harness back to back, in turns; the figure is the ratio of the summed wall times.
# Exit 1 when the ratio is above $OVERHEAD_LIMIT (default 1.05).
# OVERHEAD_HARNESS=PATH times that tsan-verify instead of the build's, with the same commands (a build of an earlier
# commit: before and after on one machine, in one run).
# OVERHEAD_PARTS=1 also times, in the same turns, the harness command without the compiler's reading (no --cc and
# --cflag: the harness then reads the case with its own reader and the binary's line table only) and the compiler's
# reading alone (`CC FLAGS -E -C CASE`, as the harness starts it beside the run), and prints how many cases the
# reading alone outlasts the direct run: what the reading costs, and the floor it sets.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/default}
# The old first argument was the manifest: its folder is the build.
[ -f "$build" ] && build=$(dirname "$build")
rounds=${2:-3}
limit=${OVERHEAD_LIMIT:-1.05}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cc -O2 -o "$scratch/run-and-reap" bench/run-and-reap.c

# One JSON line per case: name, working folder, the harness command, the binary, the direct run's options.
ctest --test-dir "$build" --show-only=json-v1 -L '^case$' -L '^O1$' > "$scratch/tests.json"
/usr/bin/python3 - "$scratch" > "$scratch/plan.jsonl" <<'PY'
import json, os, re, shlex, subprocess, sys
scratch = sys.argv[1]
tests = json.load(open(f"{scratch}/tests.json"))["tests"]
for test in tests:
    command = list(test["command"])
    properties = {p["name"]: p["value"] for p in test.get("properties", [])}
    folder = properties.get("WORKING_DIRECTORY", ".")
    if "--results" in command:
        command[command.index("--results") + 1] = f"{scratch}/result.json"
    binary = command[command.index("--binary") + 1]
    if os.environ.get("OVERHEAD_HARNESS"):
        command[0] = os.environ["OVERHEAD_HARNESS"]
    out = subprocess.run(command[:1] + ["--json"] + command[1:], capture_output=True, text=True, cwd=folder)
    doc = json.loads(out.stdout.splitlines()[0])
    if not doc["run"] or doc["outcome"] == "skipped":
        continue
    options = re.sub(r'log_path="[^"]*"', f'log_path="{scratch}/direct"', doc["run"]["tsan_options"])
    # The same command without the compiler's reading, and that reading alone.
    bare, reading = list(command), None
    if "--cc" in command and "--cflag" in command and command[-1].endswith(".c"):
        flags_file = command[command.index("--cflag") + 1]
        flags = shlex.split(open(flags_file[1:]).read()) if flags_file.startswith("@") else [flags_file]
        reading = [command[command.index("--cc") + 1]] + flags + ["-E", "-C", command[-1], "-o", "/dev/null"]
        for flag in ("--cc", "--cflag"):
            at = bare.index(flag)
            del bare[at:at + 2]
    print(json.dumps({"name": test["name"], "folder": folder, "command": command, "binary": binary,
                      "options": options, "bare": bare, "reading": reading}))
PY
count=$(wc -l < "$scratch/plan.jsonl")

# Runs the plan ROUNDS times and prints the sums; the timing loop is Python's (no shell and bc between the runs).
/usr/bin/python3 - "$scratch" "$rounds" "$limit" "${OVERHEAD_PARTS:-0}" <<'PY'
import glob, json, os, subprocess, sys, time
scratch, rounds, limit, parts = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4] == "1"
plan = [json.loads(line) for line in open(f"{scratch}/plan.jsonl")]
reap = f"{scratch}/run-and-reap"

def direct(case):
    env = dict(os.environ, TSAN_OPTIONS=case["options"])
    subprocess.run([reap, case["binary"]], cwd=case["folder"], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    for log in glob.glob(f"{scratch}/direct.*"):
        os.remove(log)

def harness(case):
    subprocess.run(case["command"], cwd=case["folder"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def bare(case):
    subprocess.run(case["bare"], cwd=case["folder"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def reading(case):
    if case["reading"]:
        subprocess.run(case["reading"], cwd=case["folder"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

run_side = {"direct": direct, "harness": harness, "bare": bare, "reading": reading}
sides = ("direct", "harness", "bare", "reading") if parts else ("direct", "harness")
outlasted = 0

# Each case runs directly and through the harness back to back, the two in turns (direct first in odd rounds,
# harness first in even ones): a machine whose load drifts over the minutes of a round weighs on both alike.
totals = {side: 0.0 for side in sides}
for round_number in range(1, rounds + 1):
    sums = {side: 0.0 for side in sides}
    order = sides if round_number % 2 else tuple(reversed(sides))
    for case in plan:
        took = {}
        for side in order:
            start = time.monotonic()
            run_side[side](case)
            took[side] = time.monotonic() - start
            sums[side] += took[side]
        outlasted += parts and case["reading"] is not None and took["reading"] > took["direct"]
    print(f"round {round_number}: {len(plan)} cases, direct {sums['direct']:.2f} s, harness {sums['harness']:.2f} s, "
          f"ratio {sums['harness'] / sums['direct']:.3f}")
    if parts:
        print(f"  without the compiler's reading {sums['bare']:.2f} s, ratio {sums['bare'] / sums['direct']:.3f}; "
              f"the reading alone {sums['reading']:.2f} s")
    for side in totals:
        totals[side] += sums[side]
ratio = totals["harness"] / totals["direct"]
if parts:
    print(f"without the compiler's reading: {totals['bare']:.2f} s = {totals['bare'] / totals['direct']:.3f}x; the "
          f"reading alone: {totals['reading']:.2f} s, longer than the direct run in {outlasted} of "
          f"{len(plan) * rounds} runs")
load = " ".join(open("/proc/loadavg").read().split()[:3])
print(f"overhead: harness {totals['harness']:.2f} s / direct {totals['direct']:.2f} s = {ratio:.3f}x over {rounds} "
      f"rounds of {len(plan)} cases (limit {limit:.2f}x; load {load})")
sys.exit(0 if ratio <= limit else 1)
PY
