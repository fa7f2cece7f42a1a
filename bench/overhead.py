"""The harness's overhead over running the case programs directly: the one way bench measures it.

    python3 -m bench overhead [BUILD_DIR=build/default] [ROUNDS=3] [--limit 1.05] [--harness EXE] [--parts]

The harness side is the very command CTest runs for each case test at the build's default level (`ctest
--show-only=json-v1`: tsan-verify with the binary, the compiler and the flags the case was built with, so the
compiler's reading and the proof count), in the test's working folder, its results file sent to a scratch folder.
The direct side is the binary with exactly the TSAN_OPTIONS the harness gives it (`tsan-verify --print-tsan-options`,
log_path pointed at a scratch folder, as the harness points it at its private one), under bench/run-and-reap.c,
which waits for every process the program started: TSan's symbolizer outlives the program by a little, and the
harness waits for it too, so a baseline that did not would favour the direct side. UBSAN_OPTIONS is taken out of
the environment of both sides (clang's runtime reads it after TSAN_OPTIONS; the harness sets it to the options it
pins anyway).

Each round runs every case directly and through the harness back to back, in turns (direct first in odd rounds,
the harness first in even ones), so that load drifting over the minutes of a round weighs on both alike; the figure
is the ratio of the summed wall times. A case the harness skips (exit 77: requires-tsan) or does not pass (exit 1
or 2) is left out of both sums and named.

--harness EXE times that tsan-verify instead of the build's, with the same commands (a build of an earlier commit:
before and after on one machine, in one run); the direct side keeps the build's options. --parts also times, in
the same turns, the harness command without the compiler's reading (no --cc and --cflag: the harness then reads
the case with its own reader and the binary's line table only) and the compiler's reading alone (`CC FLAGS -E -C
CASE`, as the harness starts it beside the run), and counts the cases whose reading alone outlasts the direct run.

Exit status: 0; 1 when the ratio is above --limit; 2 when it cannot measure."""
import argparse
import glob
import json
import os
import pathlib
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

from casebook import catalog

ROOT = pathlib.Path(__file__).resolve().parent.parent
REAPER_SOURCE = pathlib.Path(__file__).resolve().parent / "run-and-reap.c"
SIDES = ("direct", "harness", "bare", "reading")


class CannotMeasure(Exception):
    """The measurement cannot be made: the message says why."""


def ctest_case_tests(build, level):
    """The case tests of BUILD at LEVEL as ctest would run them: [{name, command, folder}]."""
    command = ["ctest", "--test-dir", str(build), "--show-only=json-v1", "-L", "^case$", "-L", f"^{level}$"]
    done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise CannotMeasure(f"{' '.join(command)}: exit {done.returncode}: {done.stderr.strip()[:300]}")
    tests = []
    for test in json.loads(done.stdout).get("tests", []):
        properties = {p["name"]: p["value"] for p in test.get("properties", [])}
        tests.append({"name": test["name"], "command": list(test.get("command", [])),
                      "folder": properties.get("WORKING_DIRECTORY") or str(build)})
    if not tests:
        raise CannotMeasure(f"{build}: ctest lists no case test at {level} (is the build configured with cases?)")
    return tests


def _value_after(command, flag, name):
    try:
        return command[command.index(flag) + 1]
    except (ValueError, IndexError):
        raise CannotMeasure(f"{name}: its command has no {flag} VALUE: {shlex.join(command)[:300]}") from None


def plan(tests, scratch, harness=None, options_of=catalog.harness_tsan_options, environment=None):
    """What each case runs on each side: [{name, folder, command, binary, source, options, bare, reading}].
    OPTIONS_OF(verify, sources, env) gives the TSAN_OPTIONS the build's tsan-verify gives each source's program."""
    scratch = pathlib.Path(scratch)
    cases = []
    for test in tests:
        command = list(test["command"])
        binary = _value_after(command, "--binary", test["name"])
        if "--results" in command:
            command[command.index("--results") + 1] = str(scratch / "result.json")
        verify = command[0]
        if harness:
            command[0] = str(harness)
        # The same command without the compiler's reading, and that reading alone.
        bare, reading = list(command), None
        if "--cc" in command and "--cflag" in command and command[-1].endswith(".c"):
            flags = _value_after(command, "--cflag", test["name"])
            words = shlex.split(pathlib.Path(flags[1:]).read_text()) if flags.startswith("@") else [flags]
            reading = [_value_after(command, "--cc", test["name"])] + words + ["-E", "-C", command[-1], "-o",
                                                                                 "/dev/null"]
            for flag in ("--cc", "--cflag"):
                at = bare.index(flag)
                del bare[at:at + 2]
        cases.append({"name": test["name"], "folder": test["folder"], "command": command, "binary": binary,
                      "source": command[-1], "verify": verify, "bare": bare, "reading": reading})
    by_verify = {}
    for case in cases:
        by_verify.setdefault(case["verify"], []).append(case)
    for verify, group in by_verify.items():
        try:
            options = options_of(verify, [c["source"] for c in group], environment)
        except catalog.OptionsUnknown as error:
            raise CannotMeasure(str(error)) from None
        for case in group:
            case["options"] = catalog.with_log_path(options[case["source"]], str(scratch / "direct"))
    return cases


def compile_reaper(scratch, compiler=None):
    """bench/run-and-reap.c built into SCRATCH with COMPILER (default: $CC, else cc): its path."""
    compiler = compiler or os.environ.get("CC") or "cc"
    if not shutil.which(compiler):
        raise CannotMeasure(f"{compiler}: no C compiler to build {REAPER_SOURCE.name} with (set CC)")
    output = pathlib.Path(scratch) / "run-and-reap"
    done = subprocess.run([compiler, "-O2", "-o", str(output), str(REAPER_SOURCE)], capture_output=True, text=True)
    if done.returncode != 0:
        raise CannotMeasure(f"{compiler} cannot build {REAPER_SOURCE}: {done.stderr.strip()[:300]}")
    return str(output)


class Sides:
    """How each side runs one case; each returns the exit status."""

    def __init__(self, reaper, scratch, environment):
        self.reaper, self.scratch, self.environment = reaper, pathlib.Path(scratch), environment

    def _run(self, command, folder, env=None):
        return subprocess.run(command, cwd=folder, env=env or self.environment, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode

    def direct(self, case):
        status = self._run([self.reaper, case["binary"]], case["folder"],
                           dict(self.environment, TSAN_OPTIONS=case["options"]))
        for log in glob.glob(str(self.scratch / "direct.*")):
            os.remove(log)
        return status

    def harness(self, case):
        return self._run(case["command"], case["folder"])

    def bare(self, case):
        return self._run(case["bare"], case["folder"])

    def reading(self, case):
        return self._run(case["reading"], case["folder"]) if case["reading"] else 0


def measure(cases, rounds, sides, parts=False, clock=time.monotonic, progress=None, state=None):
    """Runs every case on each side, ROUNDS times, in turns; STATE (what an earlier call returned) goes on from the
    rounds it made. Returns the state: {rounds: [{side: seconds}], per_case: {name: {side: [seconds, a round
    each]}}, left_out: {name: why}, outlasted: in how many runs the reading alone outlasted the direct run, runs,
    cases: how many were measured}. A case left out in a later round leaves the earlier rounds' sums too."""
    order = SIDES if parts else SIDES[:2]
    state = state or {"per_case": {}, "left_out": {}, "done": 0}
    per_case, left_out = state["per_case"], state["left_out"]
    for number in range(state["done"] + 1, state["done"] + rounds + 1):
        turn = order if number % 2 else tuple(reversed(order))
        for case in cases:
            if case["name"] in left_out:
                continue
            took, status = {}, {}
            for side in turn:
                started = clock()
                status[side] = getattr(sides, side)(case)
                took[side] = clock() - started
            if status["harness"] != 0:
                left_out[case["name"]] = "skipped (exit 77)" if status["harness"] == 77 else \
                    f"the harness exited {status['harness']} (not met or cannot check)"
                per_case.pop(case["name"], None)
                continue
            times = per_case.setdefault(case["name"], {side: [] for side in order})
            for side in order:
                times[side].append(took[side])
        state["done"] = number
        if progress:
            progress(number, _round_sums(per_case, order, number - 1), len(per_case))
    state["rounds"] = [_round_sums(per_case, order, i) for i in range(state["done"])]
    state["runs"] = sum(len(t["direct"]) for t in per_case.values())
    state["cases"] = len(per_case)
    state["outlasted"] = sum(r > d for t in per_case.values() if "reading" in t
                             for r, d in zip(t["reading"], t["direct"])) if parts else 0
    return state


def _round_sums(per_case, order, index):
    return {side: sum(times[side][index] for times in per_case.values()) for side in order}


def totals(result):
    """{side: seconds} over every round."""
    summed = {}
    for sums in result["rounds"]:
        for side, seconds in sums.items():
            summed[side] = summed.get(side, 0.0) + seconds
    return summed


def ratio(result):
    summed = totals(result)
    return summed["harness"] / summed["direct"] if summed.get("direct") else float("nan")


def main(argv=None, prog="python3 -m bench overhead"):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 2)[2])
    parser.add_argument("build", nargs="?", default=str(ROOT / "build" / "default"),
                        help="the build folder (default: build/default; its cases.manifest is taken for its folder)")
    parser.add_argument("rounds", nargs="?", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--limit", type=float, default=1.05, help="exit 1 above this ratio (default 1.05)")
    parser.add_argument("--harness", help="time this tsan-verify instead of the build's, with the same commands")
    parser.add_argument("--parts", action="store_true",
                        help="also time the harness without the compiler's reading, and that reading alone")
    args = parser.parse_args(argv)
    build = pathlib.Path(args.build)
    if build.is_file():  # the old first argument was the manifest: its folder is the build
        build = build.parent
    if args.rounds < 1:
        parser.error("ROUNDS takes a number from 1")
    environment = {k: v for k, v in os.environ.items() if k != "UBSAN_OPTIONS"}
    with tempfile.TemporaryDirectory(prefix="tsan-casebook-overhead.") as scratch:
        try:
            cases = plan(ctest_case_tests(build, catalog.default_level(build)), scratch, args.harness,
                         environment=environment)
            sides = Sides(compile_reaper(scratch), scratch, environment)
        except (CannotMeasure, OSError) as error:
            print(f"bench overhead: {error}", file=sys.stderr)
            return 2

        def progress(number, sums, count):
            print(f"round {number}: {count} cases, direct {sums['direct']:.2f} s, harness {sums['harness']:.2f} s, "
                  f"ratio {sums['harness'] / sums['direct']:.3f}" if sums["direct"] else f"round {number}: no case",
                  flush=True)
            if args.parts:
                print(f"  without the compiler's reading {sums['bare']:.2f} s; the reading alone "
                      f"{sums['reading']:.2f} s", flush=True)

        result = measure(cases, args.rounds, sides, args.parts, progress=progress)
    for name, why in sorted(result["left_out"].items()):
        print(f"left out: {name}: {why}")
    summed = totals(result)
    if not summed.get("direct"):
        print("bench overhead: no case was measured", file=sys.stderr)
        return 2
    value = ratio(result)
    if args.parts:
        print(f"without the compiler's reading: {summed['bare']:.2f} s = {summed['bare'] / summed['direct']:.3f}x; "
              f"the reading alone: {summed['reading']:.2f} s, longer than the direct run in {result['outlasted']} of "
              f"{result['runs']} runs")
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    measured = len(cases) - len(result["left_out"])
    print(f"overhead: harness {summed['harness']:.2f} s / direct {summed['direct']:.2f} s = {value:.3f}x over "
          f"{args.rounds} rounds of {measured} cases (limit {args.limit:.2f}x; load {load})")
    return 0 if value <= args.limit else 1
