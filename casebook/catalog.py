"""A build's catalog: its case manifest, its cases run through `tsan-verify --json` (or read from the results its
case tests wrote), the TSan runtime its cases run under, and the TSAN_OPTIONS the harness gives a case's program.

The manifests are the configure step's (cases/CMakeLists.txt): BUILD/cases.manifest lists the default level,
BUILD/cases-all-levels.manifest every level, one `NAME<TAB>BINARY<TAB>SOURCE<TAB>TOOLCHAIN` line a case."""
import collections
import concurrent.futures
import json
import os
import pathlib
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree

LEVELS = ["O0", "O1", "O2"]
BANNER = re.compile(r"Running under ThreadSanitizer (v\d+)")
ALL_LEVELS = "cases-all-levels.manifest"
DEFAULT_LEVEL = "cases.manifest"
SYMBOLIZER_TROUBLE = ("invalid path to external symbolizer", "Failed to use and restart external symbolizer",
                      "Failed to spawn external symbolizer")
RETRIED = []  # the runs run_case made twice, for the summary (appended from a pool's threads; list.append is atomic)


def short(kind):
    return kind.split(" (")[0]


def cache_value(build, key):
    """A value from BUILD/CMakeCache.txt, or None."""
    try:
        for line in (pathlib.Path(build) / "CMakeCache.txt").read_text().splitlines():
            if line.startswith(key + ":"):
                return line.split("=", 1)[1]
    except OSError:
        pass
    return None


def default_level(build):
    """The build's default level: the first of its CASEBOOK_OPT_LEVELS (O1 when the cache does not say)."""
    return (cache_value(build, "CASEBOOK_OPT_LEVELS") or "O1").split(";")[0]


def read_manifest(build, manifest=ALL_LEVELS):
    """The lines of BUILD/MANIFEST as dicts: name (the test's), case, level, binary, source, toolchain. A name
    without "@LEVEL" is the build's default level. ValueError naming FILE:LINE for a line that is not 4 fields;
    OSError when there is no manifest."""
    path = pathlib.Path(build) / manifest
    level_of_plain = default_level(build)
    entries = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        fields = line.split("\t")
        if len(fields) != 4:
            raise ValueError(f"{path}:{number}: expected 4 tab-separated fields, found {len(fields)}")
        name, binary, source, toolchain = fields
        case, _, level = name.partition("@")
        entries.append({"name": name, "case": case, "level": level or level_of_plain, "binary": binary,
                        "source": source, "toolchain": toolchain})
    return entries


def manifest_targets(build):
    """The build targets of BUILD's case binaries (every level), as `cmake --build --target` takes them."""
    return [os.path.relpath(e["binary"], build) for e in read_manifest(build)]


def json_diagnostics(text):
    try:
        return "; ".join(d.get("message", "") for d in json.loads(text).get("diagnostics", []))
    except (json.JSONDecodeError, AttributeError):
        return ""


def verdict_of(doc):
    """(verdict, reported kinds with counts, detail) of one `tsan-verify --json` object; KeyError/TypeError when it
    is not one. The verdict is pass, skip or FAIL."""
    counts = collections.Counter(short(r["kind"]) for r in doc["reports"])
    kinds = [kind if n == 1 else f"{kind} x{n}" for kind, n in sorted(counts.items())]
    verdict = {"met": "pass", "skipped": "skip"}.get(doc["outcome"], "FAIL")
    detail = "" if verdict == "pass" else "; ".join(d.get("message", "") for d in doc.get("diagnostics", []))
    return verdict, kinds, detail


def read_verdict(out):
    """verdict_of the JSON a finished `tsan-verify --json` printed (a CompletedProcess); FAIL with its last line of
    stderr when it printed none."""
    try:
        return verdict_of(json.loads(out.stdout))
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
        detail = (out.stderr.strip().splitlines() or [f"tsan-verify exited {out.returncode}"])[-1]
        return "FAIL", [], detail


def run_case(verify, entry, env=None):
    """One manifest entry through `tsan-verify --json`: (verdict, reported kinds with counts, detail). A run the
    harness could not check (exit 2: a crash, a timeout, a symbolizer that outlived the program on a loaded
    machine) is made once more, and the detail says so; the verdict is the second run's. A verdict that is only
    *not met* (exit 1) is never run again: telling flaky verdicts apart is ci/flake.sh's job."""
    built = os.path.exists(entry["binary"])
    command = [verify, "--json", "--binary", entry["binary"], "--opt", entry["level"], "--toolchain",
               entry["toolchain"], entry["source"]]
    out = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env)
    retried = ""
    if out.returncode == 2 and built:
        first = json_diagnostics(out.stdout) or f"exit {out.returncode}"
        out = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env)
        retried = f"run again after exit 2 ({first})"
    verdict, kinds, detail = read_verdict(out)
    if not built and verdict != "skip":
        # Only a skip stands for a program the build did not make (an OpenMP case on a toolchain without its runtime).
        return "FAIL", [], f"not built ({detail})" if detail else "not built"
    if retried:
        RETRIED.append(f"{entry['case']}@{entry['level']}: {retried}, then {verdict}")
    return verdict, kinds, "; ".join(d for d in (retried, detail) if d)


def run_entries(verify, entries, jobs, env=None, recorded=None):
    """{case: {level: {"verdict", "reported"}}} for the entries, JOBS at a time; details of non-passing cells
    go to a second dict {(case, level): detail}. ENV: the environment tsan-verify runs in (default: ours).
    RECORDED: a function of an entry giving its (verdict, kinds, detail) without running it (the result its case
    test wrote in this test run); None runs every entry."""
    cases, details = {}, {}
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        if recorded:
            results = map(recorded, entries)
        else:
            results = pool.map(lambda e: run_case(verify, e, env), entries)
        for entry, (verdict, kinds, detail) in zip(entries, results):
            cases.setdefault(entry["case"], {})[entry["level"]] = {"verdict": verdict, "reported": kinds}
            if detail:
                details[(entry["case"], entry["level"])] = detail
    return cases, details


def probe_runtime(entries):
    """Runs one racy case binary of the build directly (verbosity=1) and returns (the runtime's version from its
    start banner, e.g. "v2" or "v3", or None; the symbolizer it must be given, or None when it finds its own).
    Debian's clang 16 runtime looks only for /usr/bin/llvm-symbolizer-16, which only the llvm-16 package
    installs; without it every frame is `<null>`, and the llvm-symbolizer on PATH does the job instead."""
    racy = [e for e in entries if e["case"] == "seed/no_lock"]
    for entry in racy + entries[:3]:
        if not os.path.exists(entry["binary"]):
            continue
        env = dict(os.environ, TSAN_OPTIONS="verbosity=1:atexit_sleep_ms=0")
        try:
            out = subprocess.run([entry["binary"]], env=env, capture_output=True, text=True, timeout=60,
                                 stdin=subprocess.DEVNULL, errors="replace")
        except subprocess.TimeoutExpired:
            continue
        match = BANNER.search(out.stderr)
        if not match:
            continue
        trouble = any(text in out.stderr for text in SYMBOLIZER_TROUBLE)
        return match.group(1), (shutil.which("llvm-symbolizer") if trouble else None)
    return None, None


def tsan_environment(symbolizer):
    """The environment to run a build's cases in: ours, plus external_symbolizer_path when the runtime needs it
    (after the caller's own TSAN_OPTIONS, which tsan-verify passes on)."""
    if not symbolizer:
        return None
    options = ":".join(o for o in (os.environ.get("TSAN_OPTIONS", ""), f"external_symbolizer_path={symbolizer}") if o)
    return dict(os.environ, TSAN_OPTIONS=options)


def compiler_version(compiler):
    try:
        out = subprocess.run([compiler, "--version"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    except OSError:
        return None
    lines = out.stdout.strip().splitlines()
    return lines[0] if lines else None


def toolchain_key(toolchain):
    family, _, major = toolchain.partition("-")
    return (family, int(major) if major.isdigit() else 0, toolchain)


def cell_text(result):
    return f"{result['verdict']} " + (", ".join(result["reported"]) or "none")


class OptionsUnknown(Exception):
    """tsan-verify could not say which options it gives a case: the message says why."""


def harness_tsan_options(verify, sources, env=None):
    """{source: the TSAN_OPTIONS the harness VERIFY gives that case's program}, as `tsan-verify
    --print-tsan-options` prints them (from ENV's TSAN_OPTIONS and UBSAN_OPTIONS): every process logs to stderr
    (their last item is log_path=stderr), where a check logs into its private folder."""
    sources = list(dict.fromkeys(str(s) for s in sources))
    done = subprocess.run([str(verify), "--print-tsan-options"] + sources, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, env=env)
    lines = done.stdout.splitlines()
    if done.returncode != 0 or len(lines) != max(1, len(sources)):
        why = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        raise OptionsUnknown(f"{verify} --print-tsan-options: {why} ({len(lines)} lines for {len(sources)} cases)")
    for line in lines:
        if not line.endswith(":log_path=stderr"):
            raise OptionsUnknown(f"{verify} --print-tsan-options: a line that does not end in log_path=stderr: "
                                 f"{line[-80:]}")
    return dict(zip(sources, lines))


def with_log_path(options, log_path):
    """OPTIONS (as harness_tsan_options gives them) logging to LOG_PATH.PID instead of stderr, quoted as the runtime
    reads a value that holds a separator."""
    value = log_path if not re.search(r"[\s:,\"']", log_path) else f'"{log_path}"'
    return options[:-len("stderr")] + value if options.endswith("log_path=stderr") else f"{options}:log_path={value}"


def junit_results(path, name_of=lambda testcase: testcase.get("name")):
    """{test name: (status, seconds)} from a JUnit or xUnit XML FILE (ctest's --output-junit, lit's
    --xunit-xml-output), each test named by NAME_OF(its testcase element); status is pass, fail or skip. {} when
    the file is missing or not XML (the run did not get that far)."""
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
        results[name_of(case)] = (status, float(case.get("time") or 0))
    return results


def tally(results):
    """{pass, fail, skip: count} of junit_results."""
    counts = {"pass": 0, "fail": 0, "skip": 0}
    for status, _ in results.values():
        counts[status] += 1
    return counts
