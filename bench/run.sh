#!/usr/bin/env bash
# bench/run.sh: how fast the suite is, measured in one run, printed as a table and written to
# docs/PERFORMANCE.md (between its generated-block markers; the rest of that file is kept as it is).
#
#   bench/run.sh              the full measurement: medians of 5 runs (about 10 minutes on 2 idle cores)
#   bench/run.sh --quick      1 run of everything, the default preset only, results in the work folder
#
# What it measures, in this order:
#   1. from scratch: configure + build + test of the default preset from an empty build folder (the median of
#      the 5 runs is the "default preset from scratch" number); then the toolchain x level matrix from scratch:
#      `ci/matrix.py` over every preset whose compiler is installed (7 toolchains x O0/O1/O2 = 21 configurations),
#      each from an empty build folder, once; then what reusing those builds costs: ci/conformance.sh and
#      ci/flake.sh on one of them
#   2. harness overhead: `ctest -L case` (default level) against the same binaries run directly with the same
#      TSAN_OPTIONS through xargs, with two jobs (all cases) and one (half of the cases, to fit the time budget)
#   3. lit + FileCheck: the same binaries checked the way compiler-rt checks its TSan tests, with CHECK lines
#      generated from the cases' markers into a temporary lit suite
#   4. scaling: ctest -j1 against -j2 (half of the cases), and 1/4, 1/2 and all of the cases at -j2
#   5. per-case cost: the slowest cases; and the harness's own instructions under callgrind (valgrind)
# Steps 2-5 run in rounds (every measurement once per round), so a burst of load elsewhere hits them alike.
# Nothing is written into the source tree except docs/PERFORMANCE.md: builds go to a temporary work folder.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if ! command -v python3 >/dev/null; then
  echo "bench/run.sh: python3 is needed (ci/install-deps.sh installs it)" >&2
  exit 2
fi
for tool in cmake ctest ninja xargs; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench/run.sh: $tool is needed (ci/install-deps.sh installs it)" >&2
    exit 2
  fi
done

exec python3 - "$root" "$@" <<'PYTHON'
import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
import zlib

ROOT = sys.argv[1]
LLVM14 = "/usr/lib/llvm-14"
LIT = os.path.join(LLVM14, "build/utils/lit/lit.py")
FILECHECK = os.path.join(LLVM14, "bin/FileCheck")
DOC = os.path.join(ROOT, "docs", "PERFORMANCE.md")
BLOCK_BEGIN = "<!-- bench/run.sh: begin of the generated block (rewritten by every full run; edit outside it) -->"
BLOCK_END = "<!-- bench/run.sh: end of the generated block -->"
HARNESS_DEFAULTS = "atexit_sleep_ms=0:second_deadlock_stack=1"
# What the harness forces, checked against the harness below. It sends each process's log to a private folder
# (log_path="DIR/tsan"); the direct runs and the lit suite send it to stderr instead, the one difference.
HARNESS_FORCED = ("report_bugs=1:verbosity=1:log_exe_name=0:print_suppressions=1:symbolize=1:strip_path_prefix=:"
                  "color=never:log_path=stderr")
SLOW_CASE_SECONDS = 1.0

parser = argparse.ArgumentParser(prog="bench/run.sh", description="Measure how fast tsan-casebook checks its cases.")
parser.add_argument("--quick", action="store_true",
                    help="1 run of each measurement and only the default preset from scratch; "
                         "results go to the work folder, not docs/")
parser.add_argument("--runs", type=int, help="runs per measurement (default: 5, or 1 with --quick)")
parser.add_argument("--workdir", help="folder for builds and logs (default: a new folder under $TMPDIR or /tmp)")
parser.add_argument("--keep", action="store_true", help="keep the work folder (builds, logs, lit suite)")
parser.add_argument("--reuse-build", action="store_true",
                    help="skip step 1 and reuse WORKDIR/build-default from an earlier --keep run (for trying "
                         "changes to the measurements; implies --keep)")
parser.add_argument("--output", help="the Markdown file to write (default: docs/PERFORMANCE.md, or "
                                     "WORKDIR/PERFORMANCE.md with --quick)")
args = parser.parse_args(sys.argv[2:])
RUNS = args.runs if args.runs else (1 if args.quick else 5)
if args.reuse_build:
    args.keep = True
    if not args.workdir:
        parser.error("--reuse-build needs --workdir")
if RUNS < 1:
    parser.error("--runs takes a number from 1")
COMMAND = "bench/run.sh" + "".join(" " + a for a in sys.argv[2:])
STARTED = time.monotonic()


def say(message):
    print(f"[{time.monotonic() - STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


# ---- CPU accounting: how much of the machine other processes took while we measured ----------------------

def cpu_snapshot():
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]] + [0] * 8
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    hz = os.sysconf("SC_CLK_TCK")
    own = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        own += usage.ru_utime + usage.ru_stime
    return {"at": time.monotonic(), "busy": (user + nice + system + irq + softirq) / hz, "steal": steal / hz,
            "own": own}


def others_cpus(before, after):
    """CPUs' worth of work done by processes that are not ours (and time the hypervisor stole), on average."""
    wall = after["at"] - before["at"]
    if wall <= 0:
        return 0.0, 0.0
    others = max(0.0, (after["busy"] - before["busy"]) - (after["own"] - before["own"]))
    return others / wall, (after["steal"] - before["steal"]) / wall


class Phase:
    """Times a block and records how busy the rest of the machine was meanwhile."""
    record = []

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        say(self.name + " ...")
        self.before = cpu_snapshot()
        return self

    def __exit__(self, *exc):
        after = cpu_snapshot()
        others, steal = others_cpus(self.before, after)
        Phase.record.append({"name": self.name, "seconds": after["at"] - self.before["at"], "others": others,
                             "steal": steal})
        return False


# ---- running things -------------------------------------------------------------------------------------

def run(command, log, cwd=None, env=None, stdin_path=None, quiet=False):
    """Runs `command` with its output in logs/`log`; returns (wall seconds, exit status)."""
    path = os.path.join(LOGS, log)
    with open(path, "wb") as out:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        try:
            started = time.monotonic()
            done = subprocess.run(command, cwd=cwd, env=env, stdin=stdin, stdout=out if not quiet else
                                  subprocess.DEVNULL, stderr=subprocess.STDOUT if not quiet else subprocess.DEVNULL)
            seconds = time.monotonic() - started
        finally:
            if stdin_path:
                stdin.close()
    return seconds, done.returncode


def first_line(command):
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in done.stdout.splitlines():
        if line.strip():
            return line.strip()
    return None


def median(values):
    return statistics.median(values) if values else float("nan")


def fmt_s(seconds):
    if seconds != seconds:
        return "n/a"
    return f"{seconds:.1f} s" if seconds >= 10 else f"{seconds:.2f} s"


def fmt_ratio(value):
    return "n/a" if value != value else f"{value:.2f}x"


def spread(values):
    return "" if len(values) < 2 else f" ({min(values):.2f}-{max(values):.2f})"


# ---- the markers, read the way docs/MARKERS.md states them ----------------------------------------------

DIRECTIVES = ("expect-tsan", "expect-output", "tsan-options", "requires-tsan")


def skip_literal(line, i):
    quote = line[i]
    i += 1
    while i < len(line) and line[i] != quote:
        if line[i] == "\\":
            i += 1
        i += 1
    return i + 1 if i < len(line) else len(line)


def holds_code(line, in_comment):
    code, i = False, 0
    while i < len(line):
        if in_comment:
            if line.startswith("*/", i):
                in_comment, i = False, i + 2
            else:
                i += 1
        elif line.startswith("//", i):
            break
        elif line.startswith("/*", i):
            in_comment, i = True, i + 2
        elif line[i] in "\"'":
            code, i = True, skip_literal(line, i)
        else:
            code = code or not line[i].isspace()
            i += 1
    return code, in_comment


def find_directive(line, in_comment):
    i = 0
    while i + 1 < len(line):
        if in_comment:
            in_comment = not line.startswith("*/", i)
            i += 1 if in_comment else 2
        elif line[i] in "\"'":
            i = skip_literal(line, i)
        elif line.startswith("/*", i):
            in_comment, i = True, i + 2
        elif not line.startswith("//", i):
            i += 1
        else:
            j = i + 2
            while j < len(line) and line[j] == " ":
                j += 1
            for index, name in enumerate(DIRECTIVES):
                if line.startswith(name, j):
                    return index, i, j + len(name)
            return None
    return None


def resolve_options(path, options):
    folder = os.path.dirname(path) or "."
    kept = []
    for piece in re.split(r"[: ]", options):
        if not piece:
            continue
        if piece.startswith("suppressions=") and not piece[len("suppressions="):].startswith("/"):
            piece = f"suppressions={folder}/{piece[len('suppressions='):]}"
        kept.append(piece)
    return ":".join(kept)


def read_case(path):
    spec = {"markers": [], "outputs": [], "options": [], "requires": None}
    pending, in_comment = [], False
    with open(path, encoding="utf-8", errors="replace") as source:
        lines = source.read().split("\n")
    for number, line in enumerate(lines, 1):
        starts_in_comment = in_comment
        code, in_comment = holds_code(line, in_comment)
        if code:
            for marker in pending:
                marker["line"] = number
            pending = []
        found = find_directive(line, starts_in_comment)
        if not found:
            continue
        directive, comment_at, name_end = found
        standalone = not holds_code(line[:comment_at], starts_in_comment)[0]
        rest, selector = line[name_end:], None
        if rest.startswith("["):
            close = rest.find("]")
            if close < 0:
                continue
            selector, rest = rest[1:close].strip(), rest[close + 1:]
        if not rest.startswith(":"):
            continue
        whole = rest[1:].strip()
        body = whole.split(" -- ", 1)[0].strip()
        if directive == 0:
            marker = {"kind": body, "line": number, "selector": selector}
            spec["markers"].append(marker)
            if standalone and body != "none":
                pending.append(marker)
        elif directive == 1:
            spec["outputs"].append(whole)
        elif directive == 2:
            spec["options"].append(resolve_options(path, body))
        elif spec["requires"] is None:
            spec["requires"] = body
    return spec


def selector_matches(selector, toolchain):
    family, _, major = toolchain.partition("-")
    major = int(major) if major.isdigit() else 0
    compare = {">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, "==": lambda a, b: a == b,
               "!=": lambda a, b: a != b, ">": lambda a, b: a > b, "<": lambda a, b: a < b}
    for item in selector.split(","):
        match = re.fullmatch(r"\s*(clang|gcc)\s*(?:(>=|<=|==|!=|>|<)(\d+))?\s*", item)
        if match and match.group(1) == family and (not match.group(2) or
                                                   compare[match.group(2)](major, int(match.group(3)))):
            return True
    return False


def harness_options(case_options):
    parts = [HARNESS_DEFAULTS]
    user = os.environ.get("TSAN_OPTIONS")
    if user:
        parts.append(user)
    if case_options:
        parts.append(case_options)
    parts.append(HARNESS_FORCED)
    return ":".join(parts)


# ---- CMake presets --------------------------------------------------------------------------------------

def cache_value(value):
    return value.get("value", "") if isinstance(value, dict) else str(value)


def matrix_presets():
    """The configure presets that build the cases (the toolchain x level matrix), in file order."""
    with open(os.path.join(ROOT, "CMakePresets.json")) as file:
        data = json.load(file)
    by_name = {p["name"]: p for p in data.get("configurePresets", [])}

    def variables(preset):
        merged = {}
        inherits = preset.get("inherits", [])
        for parent in [inherits] if isinstance(inherits, str) else inherits:
            merged.update(variables(by_name[parent]))
        merged.update({k: cache_value(v) for k, v in preset.get("cacheVariables", {}).items()})
        return merged

    tests = {t["name"]: t for t in data.get("testPresets", [])}
    chosen = []
    for preset in data.get("configurePresets", []):
        if preset.get("hidden"):
            continue
        cache = variables(preset)
        off = ("OFF", "FALSE", "NO", "0", "N")
        if cache.get("CASEBOOK_BUILD_CASES", "ON").upper() in off:
            continue
        if cache.get("CASEBOOK_FUZZ", "OFF").upper() not in off or cache.get("CASEBOOK_HARNESS_SANITIZE"):
            continue
        chosen.append({"name": preset["name"], "compiler": cache.get("CMAKE_C_COMPILER", "cc"),
                       "ctest": ctest_arguments(tests.get(preset["name"], {}), tests),
                       "environment": test_environment(tests.get(preset["name"], {}), tests)})
    return chosen


def test_preset_field(preset, tests, *path):
    """A test preset's field, following `inherits`."""
    value = preset
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if value is not None:
        return value
    inherits = preset.get("inherits", [])
    for parent in [inherits] if isinstance(inherits, str) else inherits:
        value = test_preset_field(tests.get(parent, {}), tests, *path)
        if value is not None:
            return value
    return None


def ctest_arguments(preset, tests):
    """The ctest options a test preset stands for (ctest 3.25 ignores --test-dir with --preset, so the bench
    passes them itself): its filters, jobs, output and no-tests action."""
    arguments = []
    for path, option in ((("filter", "include", "label"), "-L"), (("filter", "exclude", "label"), "-LE"),
                         (("filter", "include", "name"), "-R"), (("filter", "exclude", "name"), "-E")):
        value = test_preset_field(preset, tests, *path)
        if value:
            arguments += [option, value]
    jobs = test_preset_field(preset, tests, "execution", "jobs")
    arguments += ["-j", str(jobs or 2)]
    if test_preset_field(preset, tests, "output", "outputOnFailure"):
        arguments.append("--output-on-failure")
    action = test_preset_field(preset, tests, "execution", "noTestsAction")
    if action in ("error", "ignore"):
        arguments.append(f"--no-tests={action}")
    return arguments


def test_environment(preset, tests):
    environment = dict(os.environ)
    for key, value in (test_preset_field(preset, tests, "environment") or {}).items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = str(value)
    return environment


def tsan_usable(compiler):
    """Whether `compiler` exists and links a TSan program (its runtime is installed)."""
    if not shutil.which(compiler):
        return False, f"{compiler} is not installed"
    source = os.path.join(WORK, "probe.c")
    with open(source, "w") as file:
        file.write("int main(void) { return 0; }\n")
    done = subprocess.run([compiler, "-fsanitize=thread", source, "-o", os.path.join(WORK, "probe")],
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (True, "") if done.returncode == 0 else (False, f"{compiler} cannot link a TSan program "
                                                          "(its TSan runtime is missing)")


def junit_results(path):
    """{test name: (status, seconds)} from ctest's --output-junit; status is pass, fail or skip."""
    results = {}
    try:
        tree = ElementTree.parse(path)
    except (OSError, ElementTree.ParseError):
        return results
    for case in tree.iter("testcase"):
        status = "pass"
        if case.find("failure") is not None or case.find("error") is not None or case.get("status") == "fail":
            status = "fail"
        elif case.find("skipped") is not None or case.get("status") in ("notrun", "disabled"):
            status = "skip"
        results[case.get("name")] = (status, float(case.get("time") or 0))
    return results


def tally(results):
    counts = {"pass": 0, "fail": 0, "skip": 0}
    for status, _ in results.values():
        counts[status] += 1
    return counts


# ---- 1. from scratch ------------------------------------------------------------------------------------

def from_scratch(presets):
    rows = []
    for preset in presets:
        row = {"preset": preset["name"], "compiler": preset["compiler"], "version": None, "skipped": None}
        rows.append(row)
        if args.reuse_build:
            row["skipped"] = "--reuse-build"
            if preset["name"] == "default":
                row["results"] = {}
            continue
        if preset["name"] != "default":
            row["skipped"] = "built by the matrix run below"
            continue
        usable, why = tsan_usable(preset["compiler"])
        if not usable:
            row["skipped"] = why
            say(f"from scratch: {preset['name']}: skipped, {why}")
            continue
        row["version"] = first_line([preset["compiler"], "--version"])
        build = os.path.join(WORK, "build-" + preset["name"])
        junit = os.path.join(WORK, f"junit-scratch-{preset['name']}.xml")
        # The default preset's row is the headline number: RUNS times, medians.
        repeats = RUNS
        samples = {"configure": [], "build": [], "test": [], "total": [], "others": []}
        for rep in range(1, repeats + 1):
            shutil.rmtree(build, ignore_errors=True)
            attempt = {}
            label = f"{preset['name']}-{rep}" if repeats > 1 else preset["name"]
            with Phase(f"from scratch: {preset['name']}" + (f", run {rep} of {repeats}" if repeats > 1 else "")):
                attempt["configure"], status = run(["cmake", "--preset", preset["name"], "-B", build],
                                                   f"scratch-{label}-configure.log", cwd=ROOT)
                if status == 0:
                    attempt["build"], status = run(["cmake", "--build", build], f"scratch-{label}-build.log")
                if status == 0:
                    attempt["test"], row["test_status"] = run(
                        ["ctest", "--test-dir", build] + preset["ctest"] + ["--output-junit", junit],
                        f"scratch-{label}-test.log", env=preset["environment"])
                    row["ctest_arguments"] = " ".join(preset["ctest"])
                    row["results"] = junit_results(junit)
                else:
                    step = "build" if "build" in attempt else "configure"
                    row["failed"] = f"{step} failed (see logs/scratch-{label}-{step}.log)"
            for step in ("configure", "build", "test"):
                if step in attempt:
                    samples[step].append(attempt[step])
            samples["total"].append(sum(attempt.get(step, 0) for step in ("configure", "build", "test")))
            samples["others"].append(Phase.record[-1]["others"])
            if "failed" in row:
                break
        for step in ("configure", "build", "test"):
            if samples[step]:
                row[step] = median(samples[step])
        row["total"] = median(samples["total"])
        row["totals"] = samples["total"]
        row["others"] = max(samples["others"])
        if "results" in row:
            counts = tally(row["results"])
            say(f"from scratch: {preset['name']}: {fmt_s(row['total'])} ({counts['pass']} passed, "
                f"{counts['fail']} failed, {counts['skip']} skipped)")
    return rows


def matrix_from_scratch(presets):
    """ci/matrix.py over every preset, each from an empty folder under WORK/matrix; then ci/conformance.sh and
    ci/flake.sh on the last preset's build, as they reuse it."""
    result = {"skipped": None}
    if args.quick or args.reuse_build:
        result["skipped"] = "--quick" if args.quick else "--reuse-build"
        return result
    build_root, out_dir = os.path.join(WORK, "matrix"), os.path.join(WORK, "matrix-out")
    shutil.rmtree(build_root, ignore_errors=True)
    usable = [p["name"] for p in presets if tsan_usable(p["compiler"])[0]]
    result["presets"] = usable
    with Phase(f"the matrix from scratch: ci/matrix.py, {len(usable)} presets"):
        result["seconds"], result["status"] = run(
            [sys.executable, os.path.join(ROOT, "ci", "matrix.py"), "--presets", ",".join(usable), "--build-root",
             build_root, "--output-dir", out_dir, "--no-docs"], "matrix.log")
    result["others"] = Phase.record[-1]["others"]
    try:
        with open(os.path.join(out_dir, "timings.json")) as file:
            result["timings"] = json.load(file)
        with open(os.path.join(out_dir, "matrix.json")) as file:
            document = json.load(file)
        result["toolchains"] = document["toolchains"]
        cells = [r for levels in document["cases"].values() for t in levels.values() for r in t.values()]
        result["cells"] = {v: sum(c["verdict"] == v for c in cells) for v in ("pass", "FAIL", "skip")}
    except (OSError, ValueError, KeyError):
        result["timings"], result["toolchains"], result["cells"] = {}, {}, {}
    say(f"the matrix from scratch: {fmt_s(result['seconds'])}, exit {result['status']}, cells {result['cells']}")
    reused = next((p for p in reversed(usable) if p != "default"), None)
    if reused and result["timings"].get(reused):
        build = os.path.join(build_root, reused)
        compiler = next(p["compiler"] for p in presets if p["name"] == reused)
        verify = os.path.join(build, "harness", "tsan-verify")
        result["reused"] = reused
        with Phase(f"ci/conformance.sh on the matrix's {reused} build"):
            result["conformance"] = run(["bash", os.path.join(ROOT, "ci", "conformance.sh"), "--cc", compiler,
                                         "--build-dir", build, "--verify", verify, "--reference",
                                         os.path.join(out_dir, "matrix.json")], "conformance.log")
        result["conformance_summary"] = last_line(os.path.join(LOGS, "conformance.log"), "conformance: ")
        env = dict(os.environ, FLAKE_VERIFY=verify, FLAKE_MANIFEST=os.path.join(build, "cases.manifest"))
        with Phase(f"ci/flake.sh 2 runs on the matrix's {reused} build"):
            result["flake"] = run(["bash", os.path.join(ROOT, "ci", "flake.sh"), "2", reused, "default"],
                                  "flake.log", env=env)
        result["flake_summary"] = last_line(os.path.join(LOGS, "flake.log"), f"{reused}: ")
    shutil.rmtree(build_root, ignore_errors=True)
    return result


def last_line(path, prefix):
    try:
        with open(path, errors="replace") as file:
            lines = [line.strip() for line in file if line.startswith(prefix)]
    except OSError:
        return ""
    return lines[-1] if lines else ""


# ---- 2-4. the default level, run several ways -----------------------------------------------------------

def ctest_regex_escape(text):
    return re.sub(r"([][.*+?^$(){}|\\])", r"\\\1", text)


def write_lit_suite(folder, cases):
    """A lit suite over the prebuilt binaries, its CHECK lines generated from the markers."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with open(os.path.join(folder, "lit.cfg.py"), "w") as cfg:
        cfg.write("# Generated by bench/run.sh: the casebook's cases as compiler-rt would check them.\n"
                  "import os\n"
                  "import lit.formats\n"
                  "config.name = 'tsan-casebook'\n"
                  "config.test_format = lit.formats.ShTest(execute_external=True)\n"
                  "config.suffixes = ['.test']\n"
                  "config.test_source_root = os.path.dirname(__file__)\n"
                  "config.test_exec_root = os.path.join(os.path.dirname(__file__), 'Output')\n"
                  "config.substitutions.append(('%run', ''))\n"
                  f"config.environment['PATH'] = {os.path.join(LLVM14, 'bin')!r} + os.pathsep + "
                  "os.environ.get('PATH', '')\n")
    for case in cases:
        spec = case["spec"]
        lines = [f"# Generated by bench/run.sh from the markers of {os.path.relpath(case['source'], ROOT)}."]
        if case["skip"]:
            lines.append(f"# requires-tsan: {spec['requires']}; this toolchain is {case['toolchain']}")
            lines.append("UNSUPPORTED: true")
            lines.append("RUN: true")
        else:
            applicable = [m for m in spec["markers"] if not m["selector"] or
                          selector_matches(m["selector"], case["toolchain"])]
            none = any(m["kind"] == "none" for m in applicable)
            quoted = "'" + case["options"].replace("'", "'\\''") + "'"
            checks = []
            if none:
                # A CHECK-NOT only covers the text between two matches; --implicit-check-not covers all of it.
                filecheck = "FileCheck --implicit-check-not='WARNING: ThreadSanitizer' %s" \
                    if spec["outputs"] else "FileCheck %s"
                lines.append(f"RUN: env TSAN_OPTIONS={quoted} %run {case['binary']} 2>&1 | {filecheck}")
                if not spec["outputs"]:
                    checks.append("CHECK-NOT: WARNING: ThreadSanitizer")
            else:
                lines.append(f"RUN: env TSAN_OPTIONS={quoted} not %run {case['binary']} 2>&1 | FileCheck %s")
                base = os.path.basename(case["source"])
                for kind in dict.fromkeys(m["kind"] for m in applicable):
                    checks.append(f"CHECK-DAG: WARNING: ThreadSanitizer: {kind}")
                for line in dict.fromkeys(m["line"] for m in applicable):
                    checks.append(f"CHECK-DAG: /{base}:{line}{{{{[: ]|$}}}}")
            for text in spec["outputs"]:
                if "{{" not in text and "[[" not in text:
                    checks.append(f"CHECK-DAG: {text}")
            lines += checks
        path = os.path.join(folder, case["name"] + ".test")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as test:
            test.write("\n".join(lines) + "\n")


def lit_results(path):
    results = {}
    try:
        tree = ElementTree.parse(path)
    except (OSError, ElementTree.ParseError):
        return results
    for case in tree.iter("testcase"):
        folder = case.get("classname", "").split(".", 1)[1] if "." in case.get("classname", "") else ""
        name = case.get("name", "")
        name = name[:-len(".test")] if name.endswith(".test") else name
        name = f"{folder.replace('.', '/')}/{name}" if folder else name
        status = "pass"
        if case.find("failure") is not None or case.find("error") is not None:
            status = "fail"
        elif case.find("skipped") is not None:
            status = "skip"
        results[name] = (status, float(case.get("time") or 0))
    return results


def callgrind(tsan_verify, label, command):
    """Instructions of one harness invocation (its own process only: the TSan program runs natively)."""
    out = os.path.join(WORK, f"callgrind.{label}.out")
    seconds, status = run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", tsan_verify] + command,
                          f"callgrind-{label}.log")
    if not os.path.exists(out):
        return None
    result = {"label": label, "exit": status, "total": None, "self": [], "inclusive": {}, "objects": {}}
    line_re = re.compile(r"^\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?(\S.*)$")
    for inclusive in (False, True):
        done = subprocess.run(["callgrind_annotate", "--auto=no", f"--inclusive={'yes' if inclusive else 'no'}",
                               "--threshold=100", out], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
        for line in done.stdout.splitlines():
            match = line_re.match(line)
            if not match:
                continue
            count, what = int(match.group(1).replace(",", "")), match.group(2).strip()
            if what.startswith("PROGRAM TOTALS"):
                result["total"] = count
                continue
            where = re.match(r"(?:(?P<file>[^:]*):)?(?P<function>[^ \[]+)(?: \[(?P<object>[^\]]+)\])?", what)
            if not where:
                continue
            function = where.group("function")
            obj = where.group("object")
            if obj:
                obj = os.path.basename(obj)
            else:  # inlined code callgrind_annotate names by file only
                obj = "glibc (inlined)" if (where.group("file") or "").startswith("./") else "(inlined)"
            if inclusive:
                result["inclusive"][function] = max(count, result["inclusive"].get(function, 0))
            else:
                result["self"].append((count, function, obj))
                result["objects"][obj] = result["objects"].get(obj, 0) + count
    result["self"].sort(reverse=True)
    return result


def main():
    global WORK, LOGS
    if args.workdir:
        WORK = os.path.abspath(args.workdir)
        os.makedirs(WORK, exist_ok=True)
        if os.listdir(WORK) and not os.path.exists(os.path.join(WORK, ".tsan-casebook-bench")):
            sys.exit(f"bench/run.sh: {WORK} is not empty and not a bench work folder; choose another")
    else:
        WORK = tempfile.mkdtemp(prefix="tsan-casebook-bench.", dir=os.environ.get("TMPDIR") or "/tmp")
    open(os.path.join(WORK, ".tsan-casebook-bench"), "w").close()
    LOGS = os.path.join(WORK, "logs")
    os.makedirs(LOGS, exist_ok=True)
    say(f"work folder {WORK}; {RUNS} run(s) per measurement")
    start_snapshot = cpu_snapshot()
    facts = machine_facts()
    results = {"facts": facts, "runs": RUNS}

    # 1. from scratch --------------------------------------------------------------------------------------
    presets = matrix_presets()
    if not any(p["name"] == "default" for p in presets):
        sys.exit("bench/run.sh: CMakePresets.json has no 'default' preset that builds the cases")
    presets.sort(key=lambda p: p["name"] != "default")
    results["scratch"] = from_scratch(presets)
    results["matrix"] = matrix_from_scratch(presets)
    default_row = results["scratch"][0]
    build = os.path.join(WORK, "build-default")
    tsan_verify = os.path.join(build, "harness", "tsan-verify")
    if "results" not in default_row or not os.access(tsan_verify, os.X_OK):
        sys.exit(f"bench/run.sh: the default preset did not build; see {LOGS}")

    # The default level's cases, as the manifest lists them.
    cases = []
    with open(os.path.join(build, "cases.manifest")) as manifest:
        for line in manifest:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 4:
                continue
            name, binary, source, toolchain = fields[:4]
            spec = read_case(source)
            skip = bool(spec["requires"]) and not selector_matches(spec["requires"], toolchain)
            cases.append({"name": name, "binary": binary, "source": source, "toolchain": toolchain, "spec": spec,
                          "skip": skip, "options": harness_options(":".join(spec["options"]))})
    # The direct runs and the lit suite must see exactly what the harness gives a case: ask it.
    for case in cases:
        if case["skip"]:
            continue
        shown = subprocess.run([tsan_verify, "--json", "--binary", case["binary"], "--toolchain", case["toolchain"],
                                case["source"]], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
        try:
            actual = json.loads(shown.stdout)["run"]["tsan_options"]
        except (ValueError, KeyError, TypeError):
            sys.exit(f"bench/run.sh: tsan-verify --json gave no run.tsan_options for {case['name']}")
        actual = re.sub(r'log_path="[^"]*"$', "log_path=stderr", actual)
        if actual != case["options"]:
            sys.exit(f"bench/run.sh: {case['name']}: the harness runs it with TSAN_OPTIONS={actual}, this script "
                     f"would use {case['options']}; update HARNESS_DEFAULTS/HARNESS_FORCED")
        break
    level = "O1"
    with open(os.path.join(build, "CMakeCache.txt")) as cache:
        for line in cache:
            if line.startswith("CASEBOOK_OPT_LEVELS:"):
                level = line.split("=", 1)[1].strip().split(";")[0]
    runnable = [c for c in cases if not c["skip"]]
    results["level"], results["cases"], results["runnable"] = level, len(cases), len(runnable)
    results["toolchain"] = cases[0]["toolchain"] if cases else "?"
    ctest_case = ["ctest", "--test-dir", build, "-L", "^case$", "-L", f"^{level}$"]
    listed = subprocess.run(ctest_case + ["-N"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True)
    match = re.search(r"Total Tests: (\d+)", listed.stdout)
    if not match or int(match.group(1)) != len(cases):
        say(f"warning: ctest -L case -L ^{level}$ lists {match.group(1) if match else '?'} tests, "
            f"the manifest {len(cases)}")

    # Subsets: a fixed pseudo-random order (CRC-32 of the name; every 2nd in manifest order would take all the _bug
    # twins and none of the _fixed ones), its first quarter and first half. The sequential runs (1 job) use the
    # half: all of the cases five times over would not fit the 10-minute budget.
    shuffled = sorted(cases, key=lambda c: (zlib.crc32(c["name"].encode()), c["name"]))
    quarter, half = shuffled[:(len(cases) + 3) // 4], shuffled[:(len(cases) + 1) // 2]

    # The direct runs: `env TSAN_OPTIONS=... BINARY`, NUL-separated pairs for xargs -0 -n 2.
    direct_list, direct_half_list = os.path.join(WORK, "direct.list"), os.path.join(WORK, "direct-half.list")
    for path, subset in ((direct_list, cases), (direct_half_list, half)):
        with open(path, "wb") as out:
            for case in subset:
                if not case["skip"]:
                    out.write(f"TSAN_OPTIONS={case['options']}\0{case['binary']}\0".encode())

    def through_xargs(arguments, jobs, listing, log, command):
        seconds, status = run(["xargs", "-0", "-n", str(arguments), "-P", str(jobs)] + command, log,
                              stdin_path=listing, quiet=True)
        if status not in (0, 123):  # 123: some exited non-zero, as racy programs do (TSan's exitcode 66)
            say(f"warning: xargs exited {status} ({log})")
        return seconds

    def direct(jobs, listing, log):
        return through_xargs(2, jobs, listing, log, ["env"])

    def subset_regex(subset):
        return "^(" + "|".join(ctest_regex_escape(c["name"]) for c in subset) + ")$"

    lit_ok = os.path.exists(LIT) and os.access(FILECHECK, os.X_OK)
    lit_suite = os.path.join(WORK, "lit")
    if lit_ok:
        write_lit_suite(lit_suite, cases)
    else:
        say(f"lit comparison skipped: {LIT} or {FILECHECK} is missing (apt-get install llvm-14-tools)")
    results["lit_available"] = lit_ok

    times = {k: [] for k in ("ctest_j2", "direct_p2", "lit_j2", "half_j2", "half_j1",
                             "direct_half_p1", "quarter_j2")}
    per_case = {}
    ctest_status, lit_status = {}, {}
    with Phase("default level, run every way") as phase:
        for rep in range(1, RUNS + 1):
            say(f"run {rep} of {RUNS}: all at 2 jobs (ctest, binaries, lit); the half at 2 jobs and "
                f"1 (ctest, binaries); the quarter at 2 jobs")
            junit = os.path.join(WORK, f"junit-j2-{rep}.xml")
            seconds, _ = run(ctest_case + ["-j", "2", "--output-junit", junit], f"ctest-j2-{rep}.log")
            times["ctest_j2"].append(seconds)
            results_j2 = junit_results(junit)
            ctest_status = {n: status for n, (status, _) in results_j2.items()}
            for name, (status, case_seconds) in results_j2.items():
                per_case.setdefault(name, []).append(case_seconds)
            times["direct_p2"].append(direct(2, direct_list, f"direct-p2-{rep}.log"))
            if lit_ok:
                xunit = os.path.join(WORK, f"lit-{rep}.xml")
                shutil.rmtree(os.path.join(lit_suite, "Output"), ignore_errors=True)
                seconds, _ = run([sys.executable, LIT, "-j", "2", "-q", "--xunit-xml-output", xunit, lit_suite],
                                 f"lit-j2-{rep}.log")
                times["lit_j2"].append(seconds)
                lit_status = {n: status for n, (status, _) in lit_results(xunit).items()}
            for jobs in (2, 1):
                seconds, _ = run(ctest_case + ["-R", subset_regex(half), "-j", str(jobs)],
                                 f"ctest-half-j{jobs}-{rep}.log")
                times[f"half_j{jobs}"].append(seconds)
            times["direct_half_p1"].append(direct(1, direct_half_list, f"direct-half-p1-{rep}.log"))
            seconds, _ = run(ctest_case + ["-R", subset_regex(quarter), "-j", "2"], f"ctest-quarter-j2-{rep}.log")
            times["quarter_j2"].append(seconds)
    results["loop_others"] = phase.record[-1]["others"]
    results["times"] = times
    results["subsets"] = {"quarter": len(quarter), "half": len(half), "all": len(cases),
                          "half_runnable": sum(1 for c in half if not c["skip"])}
    results["ctest_status"] = ctest_status
    results["lit_status"] = lit_status
    results["per_case"] = {n: median(v) for n, v in per_case.items()}

    # 5. the harness under callgrind, and its wall-clock cost per invocation --------------------------------
    racy = next((c for c in runnable if c["name"] == "seed/no_lock"), None) or next(
        (c for c in runnable if any(m["kind"] == "data race" for m in c["spec"]["markers"])), None)
    clean = next((c for c in runnable if c["name"].startswith("seed/") and
                  any(m["kind"] == "none" for m in c["spec"]["markers"])), None) or next(
        (c for c in runnable if any(m["kind"] == "none" for m in c["spec"]["markers"])), None)
    results["callgrind"] = []
    results["invocation"] = []
    with Phase("callgrind and per-invocation cost"):
        # valgrind 3.19 gives up on the DWARF 5 that clang 14 writes ("possibly corrupted debuginfo"): profile a
        # copy of tsan-verify built the same way (the default preset, RelWithDebInfo) but with -gdwarf-4.
        profiled = os.path.join(WORK, "build-profile")
        status = 1
        if shutil.which("valgrind") and shutil.which("callgrind_annotate"):
            _, status = run(["cmake", "--preset", "default", "-B", profiled, "-DCMAKE_C_FLAGS=-gdwarf-4",
                             "-DCASEBOOK_BUILD_CASES=OFF", "-DCASEBOOK_BUILD_TESTS=OFF"], "profile-configure.log",
                            cwd=ROOT)
            if status == 0:
                _, status = run(["cmake", "--build", profiled, "--target", "tsan-verify"], "profile-build.log")
            if status != 0:
                say(f"callgrind skipped: the -gdwarf-4 copy of tsan-verify did not build (see {LOGS})")
        else:
            say("callgrind skipped: valgrind is not installed")
        if status == 0:
            profiled = os.path.join(profiled, "harness", "tsan-verify")
            results["callgrind"].append(callgrind(profiled, "startup", ["--help"]))
            for label, case in (("racy", racy), ("clean", clean)):
                if case:
                    profile = callgrind(profiled, label, ["--binary", case["binary"], "--toolchain",
                                                             case["toolchain"], case["source"]])
                    if profile:
                        profile["case"] = case["name"]
                        results["callgrind"].append(profile)
        # Wall clock per invocation, on the fastest racy and clean cases (where a fixed cost shows most).
        def fastest(kind):
            chosen = [c for c in runnable if any(m["kind"] == kind for m in c["spec"]["markers"])]
            return min(chosen, key=lambda c: results["per_case"].get(c["name"], 1e9)) if chosen else None
        samples = 3 if args.quick else 10
        for case in (fastest("data race"), fastest("none")):
            if not case:
                continue
            env = dict(os.environ, TSAN_OPTIONS=case["options"])
            direct_s, harness_s = [], []
            for _ in range(samples):
                started = time.monotonic()
                subprocess.run([case["binary"]], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                direct_s.append(time.monotonic() - started)
                started = time.monotonic()
                subprocess.run([tsan_verify, "--binary", case["binary"], "--toolchain", case["toolchain"],
                                case["source"]], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                harness_s.append(time.monotonic() - started)
            results["invocation"].append({"case": case["name"], "direct": median(direct_s),
                                          "harness": median(harness_s), "samples": samples})
        help_s = []
        for _ in range(samples * 2):
            started = time.monotonic()
            subprocess.run([tsan_verify, "--help"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
            help_s.append(time.monotonic() - started)
        results["help_seconds"] = median(help_s)

    results["elapsed"] = time.monotonic() - STARTED
    results["others"], results["steal"] = others_cpus(start_snapshot, cpu_snapshot())
    results["phases"] = Phase.record
    facts["load_after"] = read_loadavg()
    text, markdown = render(results)
    print(text)
    output = args.output or (os.path.join(WORK, "PERFORMANCE.md") if args.quick else DOC)
    write_doc(output, markdown)
    say(f"wrote {output}")
    if args.keep:
        say(f"kept {WORK}")
    elif output.startswith(WORK + os.sep):
        keep_only_doc(WORK)
        say(f"removed the builds from {WORK}")
    else:
        shutil.rmtree(WORK, ignore_errors=True)


def keep_only_doc(work):
    """--quick writes its Markdown into the work folder: keep that file (and the logs), drop the builds."""
    for entry in os.listdir(work):
        if entry not in ("PERFORMANCE.md", "logs", ".tsan-casebook-bench"):
            path = os.path.join(work, entry)
            shutil.rmtree(path, ignore_errors=True) if os.path.isdir(path) else os.remove(path)


# ---- machine facts --------------------------------------------------------------------------------------

def read_loadavg():
    try:
        with open("/proc/loadavg") as file:
            return " ".join(file.read().split()[:3])
    except OSError:
        return "?"


def machine_facts():
    facts = {"cpu": "?", "cores": os.cpu_count(), "kernel": platform.release(), "memory": "?",
             "virtual": False, "load_before": read_loadavg()}
    try:
        with open("/proc/cpuinfo") as file:
            for line in file:
                if line.startswith("model name") and facts["cpu"] == "?":
                    facts["cpu"] = line.split(":", 1)[1].strip()
                if line.startswith("flags") and " hypervisor" in line:
                    facts["virtual"] = True
        with open("/proc/meminfo") as file:
            for line in file:
                if line.startswith("MemTotal:"):
                    facts["memory"] = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    facts["os"] = "?"
    try:
        with open("/etc/os-release") as file:
            for line in file:
                if line.startswith("PRETTY_NAME="):
                    facts["os"] = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    facts["tools"] = {
        "cmake": first_line(["cmake", "--version"]),
        "ninja": first_line(["ninja", "--version"]),
        "python3": platform.python_version(),
        "lit": first_line([sys.executable, LIT, "--version"]) if os.path.exists(LIT) else None,
        "FileCheck": (first_line([FILECHECK, "--version"]) or "").replace("LLVM (http://llvm.org/):", "").strip()
        if os.path.exists(FILECHECK) else None,
        "valgrind": first_line(["valgrind", "--version"]) if shutil.which("valgrind") else None,
    }
    try:
        facts["commit"] = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL, text=True).stdout.strip() or None
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=normal"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
        facts["dirty"] = bool(dirty)
    except OSError:
        facts["commit"], facts["dirty"] = None, False
    return facts


# ---- the report -----------------------------------------------------------------------------------------

def verdict(ok):
    return "met" if ok else "MISSED"


def render(r):
    """The terminal table and the Markdown block, from the same numbers."""
    t = r["times"]
    m = {k: median(v) for k, v in t.items()}
    n_runs = r["runs"]
    def ratio(a, b):
        return m[a] / m[b] if t[a] and t[b] and m[b] > 0 else float("nan")
    ratio_j2, ratio_j1 = ratio("ctest_j2", "direct_p2"), ratio("half_j1", "direct_half_p1")
    lit_ratio = ratio("lit_j2", "ctest_j2")
    scaling = ratio("half_j1", "half_j2")
    sub = r["subsets"]
    per_case_overhead_ms = (m["half_j1"] - m["direct_half_p1"]) / max(1, sub["half_runnable"]) * 1000
    facts = r["facts"]
    md, tx = [], []

    def both(line=""):
        md.append(line)
        tx.append(line)

    contention = r["others"] >= 0.25 or r["steal"] >= 0.05
    md.append(f"Measured by `{COMMAND}` from the repository's root; {n_runs} run(s) of every measurement, "
              f"medians shown (range in parentheses), except the matrix from scratch (one run: five of it would not "
              f"fit the 10-minute budget). The whole run took {fmt_s(r['elapsed'])}"
              + (f" (goal: under 10 minutes, {verdict(r['elapsed'] < 600)})." if n_runs >= 5 and not args.quick
                 else "."))
    md.append("")
    tx.append(f"tsan-casebook bench: `{COMMAND}`, {n_runs} run(s) per measurement (medians), "
              f"{fmt_s(r['elapsed'])} in all")
    md.append("### Machine")
    md.append("")
    md.append("| | |")
    md.append("|---|---|")
    md.append(f"| CPU | {facts['cpu']}{' (virtual machine)' if facts['virtual'] else ''} |")
    md.append(f"| cores | {facts['cores']} |")
    md.append(f"| memory | {facts['memory']} |")
    md.append(f"| kernel | {facts['kernel']} ({facts['os']}) |")
    toolchains = r["matrix"].get("toolchains", {})
    for row in r["scratch"]:
        info = next((t for t in toolchains.values() if t.get("preset") == row["preset"]), None)
        version = row["version"] or (info or {}).get("version") or (row["compiler"] + ": " + row["skipped"])
        runtime = f" (TSan runtime {info['runtime']})" if info and info.get("runtime") else ""
        md.append(f"| {row['preset']} compiler | {version}{runtime} |")
    for tool, version in facts["tools"].items():
        md.append(f"| {tool} | {version or 'not installed'} |")
    if facts.get("commit"):
        md.append(f"| source | commit {facts['commit']}{' + uncommitted changes' if facts['dirty'] else ''} |")
    md.append(f"| load average | {facts['load_before']} before, {facts['load_after']} after |")
    md.append(f"| other processes | used {r['others']:.2f} of {facts['cores']} CPUs on average during the run"
              f"{'; the hypervisor stole %.2f' % r['steal'] if r['steal'] >= 0.01 else ''}"
              f"{' (**contention**: numbers are slower than on an idle machine)' if contention else ''} |")
    md.append("")
    tx.append(f"machine: {facts['cpu']}, {facts['cores']} cores, kernel {facts['kernel']}; other processes used "
              f"{r['others']:.2f} CPUs on average{' (CONTENTION)' if contention else ''}")
    tx.append("")

    # 1
    both("### 1. From scratch: configure + build + test")
    both("")
    md.append("The default preset from an empty build folder: `cmake --preset default -B DIR`, "
              "`cmake --build DIR`, `ctest --test-dir DIR OPTIONS` with the OPTIONS the test preset stands for "
              "(below the table; ctest 3.25 cannot combine `--preset` with another build folder). The tests are "
              "what the preset selects: every case at every level, the harness's own tests, the format and docs "
              "checks. The other presets are built from scratch by the matrix run below.")
    md.append("")
    md.append("| preset | configure | build | test | total | tests | other processes |")
    md.append("|---|---:|---:|---:|---:|---|---:|")
    tx.append(f"  {'preset':<10}{'configure':>10}{'build':>10}{'test':>10}{'total':>10}  tests")
    for row in r["scratch"]:
        if row["skipped"] == "built by the matrix run below":
            continue
        if row["skipped"] or "total" not in row:
            why = row["skipped"] or row.get("failed", "failed")
            md.append(f"| {row['preset']} | | | | | skipped: {why} | |")
            tx.append(f"  {row['preset']:<10}skipped: {why}")
            continue
        counts = tally(row.get("results", {}))
        failed = sorted(n for n, (status, _) in row.get("results", {}).items() if status == "fail")
        tests = f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped" \
            if "results" in row else row.get("failed", "")
        if failed:
            tests += " (failed: " + ", ".join(failed[:5]) + (" ..." if len(failed) > 5 else "") + ")"
        runs_note = f" (median of {len(row['totals'])}, {min(row['totals']):.1f}-{max(row['totals']):.1f} s)" \
            if len(row.get("totals", [])) > 1 else ""
        md.append(f"| {row['preset']} | {fmt_s(row.get('configure', 0))} | {fmt_s(row.get('build', 0))} | "
                  f"{fmt_s(row.get('test', 0))} | **{fmt_s(row['total'])}**{runs_note} | {tests} | "
                  f"{row['others']:.2f} CPUs |")
        tx.append(f"  {row['preset']:<10}{fmt_s(row.get('configure', 0)):>10}{fmt_s(row.get('build', 0)):>10}"
                  f"{fmt_s(row.get('test', 0)):>10}{fmt_s(row['total']):>10}  {tests}")
    md.append("")
    md.append("ctest options: " + "; ".join(f"{row['preset']}: `{row['ctest_arguments']}`" for row in r["scratch"]
                                           if row.get("ctest_arguments")) + ".")
    md.append("")
    tx.append("")
    render_matrix(r["matrix"], md, tx)

    # 2
    both("### 2. Harness overhead")
    both("")
    md.append(f"`ctest -L case -L '^{r['level']}$'` runs every case at the default level, {r['level']} "
              f"({r['cases']} tests; {r['cases'] - r['runnable']} are skipped by `requires-tsan` without running "
              f"anything). It is set against the same {r['runnable']} binaries run directly with the TSAN_OPTIONS the "
              f"harness gives them: `xargs -0 -n 2 -P J env TSAN_OPTIONS=... BINARY`, output to /dev/null. The "
              f"1-job column uses half of the cases ({sub['half']}, the half of section 4): five sequential runs "
              f"of all of them would not fit the time budget. The default "
              f"level is a third of `ctest -L case`; the other levels are the same programs compiled differently.")
    md.append("")
    md.append(f"| | 1 job (half: {sub['half']} cases) | 2 jobs (all {r['cases']}) |")
    md.append("|---|---:|---:|")
    md.append(f"| ctest + tsan-verify | {fmt_s(m['half_j1'])}{spread(t['half_j1'])} | "
              f"{fmt_s(m['ctest_j2'])}{spread(t['ctest_j2'])} |")
    md.append(f"| binaries directly (xargs) | {fmt_s(m['direct_half_p1'])}{spread(t['direct_half_p1'])} | "
              f"{fmt_s(m['direct_p2'])}{spread(t['direct_p2'])} |")
    md.append(f"| **ratio ctest / direct** (goal <= 1.10x) | **{fmt_ratio(ratio_j1)}** {verdict(ratio_j1 <= 1.10)} | "
              f"**{fmt_ratio(ratio_j2)}** {verdict(ratio_j2 <= 1.10)} |")
    md.append("")
    samples = r["invocation"][0]["samples"] if r["invocation"] else 0
    md.append(f"Sequentially, ctest + tsan-verify add {per_case_overhead_ms:.1f} ms per case. One invocation "
              f"alone, without ctest, on the fastest racy and clean cases (median of {samples}), tells the "
              f"harness's share from ctest's:")
    md.append("")
    tx.append(f"  {'':<30}{'1 job (half)':>14}{'2 jobs (all)':>14}")
    tx.append(f"  {'ctest + tsan-verify':<30}{fmt_s(m['half_j1']):>14}{fmt_s(m['ctest_j2']):>14}")
    tx.append(f"  {'binaries directly (xargs)':<30}{fmt_s(m['direct_half_p1']):>14}{fmt_s(m['direct_p2']):>14}")
    tx.append(f"  {'ratio (goal <= 1.10x)':<30}{fmt_ratio(ratio_j1):>14}{fmt_ratio(ratio_j2):>14}  "
              f"{verdict(ratio_j1 <= 1.10 and ratio_j2 <= 1.10)}")
    tx.append(f"  per case (1 job): +{per_case_overhead_ms:.1f} ms; `tsan-verify --help` takes "
              f"{r['help_seconds'] * 1000:.1f} ms")
    md.append("| case | program alone | tsan-verify --binary | difference |")
    md.append("|---|---:|---:|---:|")
    for item in r["invocation"]:
        md.append(f"| {item['case']} | {item['direct'] * 1000:.1f} ms | {item['harness'] * 1000:.1f} ms | "
                  f"{(item['harness'] - item['direct']) * 1000:+.1f} ms |")
        tx.append(f"  {item['case']}: alone {item['direct'] * 1000:.1f} ms, tsan-verify "
                  f"{item['harness'] * 1000:.1f} ms ({(item['harness'] - item['direct']) * 1000:+.1f} ms)")
    md.append(f"| (`tsan-verify --help`: start and exit) | | {r['help_seconds'] * 1000:.1f} ms | |")
    md.append("")
    tx.append("")

    # 3
    both("### 3. Against lit + FileCheck")
    both("")
    if not r["lit_available"]:
        both(f"Skipped: {LIT} or {FILECHECK} is not installed (`apt-get install llvm-14-tools`).")
    else:
        agree = sum(1 for n, s in r["ctest_status"].items() if r["lit_status"].get(n) == s)
        disagree = sorted(n for n, s in r["ctest_status"].items() if r["lit_status"].get(n) != s)
        md.append("The same binaries, checked the way compiler-rt checks its TSan tests: a lit suite generated "
                  "from the markers (one `.test` per case: `RUN: env TSAN_OPTIONS=... [not] %run BINARY 2>&1 | "
                  "FileCheck %s`; `CHECK-DAG: WARNING: ThreadSanitizer: KIND` and `CHECK-DAG: /FILE:LINE` per "
                  "marker, `CHECK-NOT: WARNING: ThreadSanitizer` for `none`, `CHECK-DAG: TEXT` per "
                  "`expect-output`, `UNSUPPORTED` where `requires-tsan` skips), run by lit's external shell as "
                  "compiler-rt does, `lit -j2` against `ctest -j2`. These checks are weaker than tsan-verify's (no "
                  "innermost-frame rule, no check that every report is expected or that TSan finished).")
        md.append("")
        md.append("| | 2 jobs |")
        md.append("|---|---:|")
        md.append(f"| ctest + tsan-verify | {fmt_s(m['ctest_j2'])}{spread(t['ctest_j2'])} |")
        md.append(f"| lit + FileCheck | {fmt_s(m['lit_j2'])}{spread(t['lit_j2'])} |")
        md.append(f"| **lit / tsan-verify** (goal > 1: tsan-verify faster) | **{fmt_ratio(lit_ratio)}** "
                  f"{verdict(lit_ratio > 1)} |")
        md.append("")
        md.append(f"Verdicts: lit and tsan-verify agree on {agree} of {len(r['ctest_status'])} cases"
                  + (f"; they differ on {', '.join(disagree[:8])}{' ...' if len(disagree) > 8 else ''}."
                     if disagree else "."))
        tx.append(f"  ctest -j2 {fmt_s(m['ctest_j2'])}, lit -j2 {fmt_s(m['lit_j2'])}: lit / tsan-verify = "
                  f"{fmt_ratio(lit_ratio)} ({verdict(lit_ratio > 1)}: tsan-verify should be faster)")
        tx.append(f"  verdicts agree on {agree} of {len(r['ctest_status'])} cases"
                  + (f"; differ: {', '.join(disagree[:8])}" if disagree else ""))
    md.append("")
    tx.append("")

    # 4
    both("### 4. Scaling")
    both("")
    md.append("| | time | per case |")
    md.append("|---|---:|---:|")
    md.append(f"| `ctest -j1`, 1/2 of the cases ({sub['half']}) | {fmt_s(m['half_j1'])}{spread(t['half_j1'])} | "
              f"{m['half_j1'] / max(1, sub['half']) * 1000:.0f} ms |")
    md.append(f"| `ctest -j2`, 1/2 of the cases ({sub['half']}) | {fmt_s(m['half_j2'])}{spread(t['half_j2'])} | "
              f"{m['half_j2'] / max(1, sub['half']) * 1000:.0f} ms |")
    md.append(f"| **speed-up -j2 / -j1** (goal >= 1.8x) | **{fmt_ratio(scaling)}** {verdict(scaling >= 1.8)} | |")
    for key, label, size in (("quarter_j2", "1/4", sub["quarter"]), ("half_j2", "1/2", sub["half"]),
                             ("ctest_j2", "all", sub["all"])):
        md.append(f"| `ctest -j2`, {label} of the cases ({size}) | {fmt_s(m[key])}{spread(t[key])} | "
                  f"{m[key] / max(1, size) * 1000:.0f} ms |")
    md.append("")
    md.append("The subsets are the first quarter and the first half of the cases in a fixed pseudo-random order "
              "(CRC-32 of the name), so each mixes folders and bug/fixed twins; the quarter lies inside the half.")
    md.append("")
    tx.append(f"  half at -j1 {fmt_s(m['half_j1'])}, at -j2 {fmt_s(m['half_j2'])}: {fmt_ratio(scaling)} "
              f"({verdict(scaling >= 1.8)}: goal >= 1.8x)")
    tx.append(f"  -j2 on 1/4 ({sub['quarter']}): {fmt_s(m['quarter_j2'])}, 1/2 ({sub['half']}): "
              f"{fmt_s(m['half_j2'])}, all ({sub['all']}): {fmt_s(m['ctest_j2'])}")
    tx.append("")

    # 5
    both("### 5. Per-case cost")
    both("")
    slow = sorted(r["per_case"].items(), key=lambda item: -item[1])
    md.append(f"The 10 slowest cases at the default level on {r['toolchain']} (median of the `ctest -j2` runs of "
              f"all cases, tsan-verify included, as ctest reports them); over {SLOW_CASE_SECONDS:.0f} s is "
              f"flagged.")
    md.append("")
    md.append("| case | time | |")
    md.append("|---|---:|---|")
    for name, seconds in slow[:10]:
        flag = "**over 1 s**" if seconds > SLOW_CASE_SECONDS else ""
        md.append(f"| {name} | {seconds:.2f} s | {flag} |")
        tx.append(f"  {name:<48}{seconds:6.2f} s {'OVER 1 s' if flag else ''}")
    over = [n for n, s in slow if s > SLOW_CASE_SECONDS]
    scratch_default = r["scratch"][0].get("results", {})
    over_any = sorted((n for n, (_, s) in scratch_default.items() if s > SLOW_CASE_SECONDS),
                      key=lambda n: -scratch_default[n][1])
    md.append("")
    md.append(f"Over 1 s at the default level: {', '.join(over) if over else 'none'}. In the from-scratch test "
              f"run of the default preset (every level, 2 jobs, one run): "
              + (", ".join(f"{n} ({scratch_default[n][1]:.1f} s)" for n in over_any) if over_any else "none")
              + " over 1 s.")
    md.append("")
    tx.append(f"  over 1 s: {', '.join(over) if over else 'none'}; any test over 1 s in the from-scratch run: "
              f"{', '.join(over_any) if over_any else 'none'}")
    tx.append("")

    both("### Callgrind: tsan-verify's own instructions")
    both("")
    profiles = [p for p in r["callgrind"] if p]
    if not profiles:
        both("Skipped: valgrind is not installed.")
    else:
        md.append("`valgrind --tool=callgrind tsan-verify ...` on a copy of the default preset's tsan-verify built "
                  "with `-gdwarf-4` (valgrind 3.19 cannot read clang 14's DWARF 5); the TSan program is not traced, "
                  "it runs natively. Instructions (Ir) by object, and the top functions by their own instructions:")
        md.append("")
        md.append("| run | total Ir | by object |")
        md.append("|---|---:|---|")
        for p in profiles:
            what = f"`--help` (start + exit)" if p["label"] == "startup" else f"{p['label']}: {p['case']}"
            objects = ", ".join(f"{o} {c:,}" for o, c in sorted(p["objects"].items(), key=lambda i: -i[1])[:4])
            md.append(f"| {what} | {p['total'] or 0:,} | {objects} |")
            tx.append(f"  {what}: {p['total'] or 0:,} Ir ({objects})")
        md.append("")
        for p in profiles:
            if p["label"] == "startup":
                continue
            md.append(f"Top functions, {p['label']} case ({p['case']}):")
            md.append("")
            md.append("| Ir (self) | function | object |")
            md.append("|---:|---|---|")
            for count, function, obj in p["self"][:10]:
                md.append(f"| {count:,} | `{function}` | {obj} |")
            md.append("")
            inclusive = p["inclusive"]
            keys = ["main", "case_spec_read", "run_program", "tsan_parse", "expect_check", "same_source_file",
                    "write_text", "realpath"]
            parts = [f"`{k}` {inclusive[k]:,}" for k in keys if k in inclusive]
            if parts:
                md.append("Inclusive: " + ", ".join(parts) + ".")
                md.append("")
            tx.append(f"  {p['label']}: top " + ", ".join(f"{f} {c:,}" for c, f, _ in p["self"][:5]))
    md.append("")
    tx.append("")
    busy = [ph for ph in r["phases"] if ph["others"] >= 0.25]
    if busy:
        md.append("Phases during which other processes used at least a quarter of a CPU: "
                  + ", ".join(f"{ph['name']} ({ph['others']:.2f} CPUs)" for ph in busy) + ".")
        md.append("")
    return "\n".join(tx), "\n".join(md)


def render_matrix(mx, md, tx):
    """Section 1b: the 21-configuration matrix from scratch, and what reusing its builds costs."""
    both = lambda line="": (md.append(line), tx.append(line))  # noqa: E731
    both("### 1b. The toolchain matrix from scratch, and reusing its builds")
    both("")
    if mx.get("skipped"):
        both(f"Skipped ({mx['skipped']}).")
        both("")
        return
    timings = mx.get("timings", {})
    configurations = 3 * len(timings)
    md.append(f"`ci/matrix.py --build-root DIR` with every preset whose compiler links a TSan program, each from an "
              f"empty folder, one after the other, 2 jobs: configure, build what the matrix needs (tsan-verify and "
              f"the case binaries at O0, O1, O2; not the harness's unit tests), read the runtime's version from its "
              f"banner, run every case variant through `tsan-verify --json` two at a time. "
              f"{len(timings)} toolchains x 3 levels = {configurations} configurations.")
    md.append("")
    md.append("| preset | toolchain | runtime | configure | build | run | total |")
    md.append("|---|---|---|---:|---:|---:|---:|")
    tx.append(f"  the matrix from scratch ({configurations} configurations):")
    for preset, t in timings.items():
        runtime = mx.get("toolchains", {}).get(t["toolchain"], {}).get("runtime") or "?"
        total = t["configure"] + t["build"] + t["run"]
        md.append(f"| {preset} | {t['toolchain']} | {runtime} | {fmt_s(t['configure'])} | {fmt_s(t['build'])} | "
                  f"{fmt_s(t['run'])} ({t['variants']} variants) | {fmt_s(total)} |")
        tx.append(f"  {preset:<10}{t['toolchain']:<10}{runtime:<4}{fmt_s(t['configure']):>10}{fmt_s(t['build']):>10}"
                  f"{fmt_s(t['run']):>10}{fmt_s(total):>10}")
    cells = mx.get("cells", {})
    goal = mx["seconds"] <= 360
    md.append(f"| **the whole matrix** (wall clock, goal <= 6 min) | | | | | | **{fmt_s(mx['seconds'])}** "
              f"{verdict(goal)} |")
    md.append("")
    md.append(f"Cells: {cells.get('pass', 0)} passed, {cells.get('FAIL', 0)} failed, {cells.get('skip', 0)} skipped "
              f"(ci/matrix.py exit {mx['status']}); other processes used {mx['others']:.2f} CPUs meanwhile.")
    tx.append(f"  whole matrix {fmt_s(mx['seconds'])} ({verdict(goal)}: goal <= 6 min); cells {cells}; "
              f"others {mx['others']:.2f} CPUs")
    if mx.get("reused"):
        conformance, flake = mx["conformance"], mx["flake"]
        md.append("")
        md.append(f"Reusing the matrix's `{mx['reused']}` build (nothing is rebuilt): `ci/conformance.sh --cc ... "
                  f"--build-dir` every case at every level against the matrix just made, "
                  f"{fmt_s(conformance[0])} (exit {conformance[1]}: {mx.get('conformance_summary') or '?'}); "
                  f"`ci/flake.sh 2` at the default level with the other core busy, {fmt_s(flake[0])} (exit "
                  f"{flake[1]}: {mx.get('flake_summary') or '?'}).")
        tx.append(f"  reusing {mx['reused']}: conformance {fmt_s(conformance[0])} (exit {conformance[1]}), "
                  f"flake.sh 2 runs {fmt_s(flake[0])} (exit {flake[1]})")
    md.append("")
    tx.append("")


def write_doc(path, block):
    generated = f"{BLOCK_BEGIN}\n\n{block.rstrip()}\n\n{BLOCK_END}"
    if os.path.exists(path):
        with open(path) as file:
            text = file.read()
        begin, end = text.find(BLOCK_BEGIN), text.find(BLOCK_END)
        if begin >= 0 and end > begin:
            text = text[:begin] + generated + text[end + len(BLOCK_END):]
        else:
            text = text.rstrip() + "\n\n" + generated + "\n"
    else:
        text = ("# Performance\n\nHow long the suite takes, from `bench/run.sh`. The block below is rewritten by "
                "every run; the findings after it are written by hand.\n\n" + generated + "\n\n## Findings\n\n")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as file:
        file.write(text)


main()
PYTHON
