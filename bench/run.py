"""How fast the suite is, measured in one run, printed as a table and written to docs/PERFORMANCE.md (between its
generated-block markers; the rest of that file is kept as it is).

    python3 -m bench run                      the full measurement: medians of 5 runs (about 10 minutes on 2 idle cores)
    python3 -m bench run --quick              1 run of everything, the default preset only, results in the work folder
    python3 -m bench run --quick --build-dir build/default
                                              the same on a build already made: no build from scratch (a few minutes)

What it measures, in this order:
  1. from scratch: configure + build + test of the default preset from an empty build folder (the median of the runs
     is the "default preset from scratch" number); then the toolchain x level matrix from scratch: `ci/matrix.py`
     over every preset whose compiler links a TSan program (7 toolchains x O0/O1/O2 = 21 configurations), each from
     an empty build folder, once; then what reusing those builds costs: ci/conformance.sh and ci/flake.sh on one
  2. harness overhead, the one way bench measures it (bench/overhead.py, `python3 -m bench overhead`): on half of
     the cases, each case's registered test command against its binary run directly with the TSAN_OPTIONS the
     harness gives it, under bench/run-and-reap.c
  3. lit + FileCheck: the same binaries checked the way compiler-rt checks its TSan tests, with CHECK lines
     generated from the cases' markers into a temporary lit suite
  4. scaling: ctest -j1 against -j2 (half of the cases), and 1/4, 1/2 and all of the cases at -j2
  5. per-case cost: the slowest cases; and the harness's own instructions under callgrind (valgrind)
Steps 2-5 run in rounds (every measurement once per round), so a burst of load elsewhere hits them alike. Nothing
is written into the source tree except docs/PERFORMANCE.md: builds go to a temporary work folder."""
import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

from bench import callgrind, lit, overhead, report
from bench.machine import Phase, cpu_snapshot, machine_facts, others_cpus, read_loadavg, say
from casebook import build as building
from casebook import catalog
from casebook import presets as cmake_presets

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "PERFORMANCE.md"
MARK = ".tsan-casebook-bench"


def parse_args(argv, prog):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("--quick", action="store_true",
                        help="1 run of each measurement and only the default preset from scratch; results go to the "
                             "work folder, not docs/")
    parser.add_argument("--runs", type=int, help="runs per measurement (default: 5, or 1 with --quick)")
    parser.add_argument("--workdir", help="folder for builds and logs (default: a new folder under $TMPDIR or /tmp)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (builds, logs, lit suite)")
    parser.add_argument("--build-dir",
                        help="skip step 1 and measure this build of the default preset (e.g. build/default, or "
                             "WORKDIR/build-default of an earlier --keep run)")
    parser.add_argument("--output", help="the Markdown file to write (default: docs/PERFORMANCE.md, or "
                                         "WORKDIR/PERFORMANCE.md with --quick or --build-dir)")
    args = parser.parse_args(argv)
    args.runs = args.runs if args.runs is not None else (1 if args.quick else 5)
    if args.runs < 1:
        parser.error("--runs takes a number from 1")
    return args


def work_folder(args):
    if args.workdir:
        work = pathlib.Path(args.workdir).resolve()
        work.mkdir(parents=True, exist_ok=True)
        if any(work.iterdir()) and not (work / MARK).exists():
            raise SystemExit(f"bench run: {work} is not empty and not a bench work folder; choose another")
    else:
        work = pathlib.Path(tempfile.mkdtemp(prefix="tsan-casebook-bench.", dir=os.environ.get("TMPDIR") or "/tmp"))
    (work / MARK).touch()
    (work / "logs").mkdir(exist_ok=True)
    return work


# ---- 1. from scratch ------------------------------------------------------------------------------------

def from_scratch(presets, data, args, work):
    """A row per preset: the default one configured, built and tested from an empty folder args.runs times."""
    logs = work / "logs"
    rows = []
    for preset in presets:
        row = {"preset": preset["name"], "compiler": preset["compiler"], "version": None, "skipped": None}
        rows.append(row)
        if args.build_dir:
            row["skipped"] = "--build-dir"
            continue
        if preset["name"] != "default":
            row["skipped"] = "built by the matrix run below"
            continue
        usable, why = building.tsan_links(preset["compiler"], work)
        if not usable:
            row["skipped"] = why
            say(f"from scratch: {preset['name']}: skipped, {why}")
            continue
        row["version"] = catalog.compiler_version(preset["compiler"])
        build = work / ("build-" + preset["name"])
        junit = work / f"junit-scratch-{preset['name']}.xml"
        ctest_arguments = cmake_presets.test_arguments(data, preset["name"])
        environment = cmake_presets.test_environment(data, preset["name"])
        samples = {"configure": [], "build": [], "test": [], "total": [], "others": []}
        for rep in range(1, args.runs + 1):
            shutil.rmtree(build, ignore_errors=True)
            attempt = {}
            label = f"{preset['name']}-{rep}" if args.runs > 1 else preset["name"]
            with Phase(f"from scratch: {preset['name']}" + (f", run {rep} of {args.runs}" if args.runs > 1 else "")) \
                    as phase:
                step = building.configure(preset["name"], build, logs / f"scratch-{label}-configure.log")
                attempt["configure"] = step.seconds
                if step.status == 0:
                    step = building.build(build, log=logs / f"scratch-{label}-build.log")
                    attempt["build"] = step.seconds
                if step.status == 0:
                    tested = building.step(["ctest", "--test-dir", str(build)] + ctest_arguments
                                           + ["--output-junit", str(junit)], logs / f"scratch-{label}-test.log",
                                           env=environment)
                    attempt["test"], row["test_status"] = tested.seconds, tested.status
                    row["ctest_arguments"] = " ".join(ctest_arguments)
                    row["results"] = catalog.junit_results(junit)
                else:
                    which = "build" if "build" in attempt else "configure"
                    row["failed"] = f"{which} failed (see logs/scratch-{label}-{which}.log)"
            for name in ("configure", "build", "test"):
                if name in attempt:
                    samples[name].append(attempt[name])
            samples["total"].append(sum(attempt.get(name, 0) for name in ("configure", "build", "test")))
            samples["others"].append(phase.others)
            if "failed" in row:
                break
        for name in ("configure", "build", "test"):
            if samples[name]:
                row[name] = report.median(samples[name])
        row["total"], row["totals"], row["others"] = report.median(samples["total"]), samples["total"], \
            max(samples["others"])
        if "results" in row:
            counts = catalog.tally(row["results"])
            say(f"from scratch: {preset['name']}: {report.fmt_s(row['total'])} ({counts['pass']} passed, "
                f"{counts['fail']} failed, {counts['skip']} skipped)")
    return rows


def last_line(path, prefix):
    try:
        with open(path, errors="replace") as file:
            lines = [line.strip() for line in file if line.startswith(prefix)]
    except OSError:
        return ""
    return lines[-1] if lines else ""


def matrix_from_scratch(presets, args, work):
    """ci/matrix.py over every preset, each from an empty folder under WORK/matrix; then ci/conformance.sh and
    ci/flake.sh on the last preset's build, as they reuse it."""
    logs = work / "logs"
    result = {"skipped": None}
    if args.quick or args.build_dir:
        result["skipped"] = "--quick" if args.quick else "--build-dir"
        return result
    build_root, out_dir = work / "matrix", work / "matrix-out"
    shutil.rmtree(build_root, ignore_errors=True)
    usable = [p["name"] for p in presets if building.tsan_links(p["compiler"], work)[0]]
    result["presets"] = usable
    with Phase(f"the matrix from scratch: ci/matrix.py, {len(usable)} presets") as phase:
        step = building.step([sys.executable, str(ROOT / "ci" / "matrix.py"), "--presets", ",".join(usable),
                              "--build-root", str(build_root), "--output-dir", str(out_dir), "--no-docs"],
                             logs / "matrix.log")
    result["seconds"], result["status"], result["others"] = step.seconds, step.status, phase.others
    try:
        result["timings"] = json.loads((out_dir / "timings.json").read_text())
        document = json.loads((out_dir / "matrix.json").read_text())
        result["toolchains"] = document["toolchains"]
        cells = [r for levels in document["cases"].values() for t in levels.values() for r in t.values()]
        result["cells"] = {v: sum(c["verdict"] == v for c in cells) for v in ("pass", "FAIL", "skip")}
    except (OSError, ValueError, KeyError):
        result["timings"], result["toolchains"], result["cells"] = {}, {}, {}
    say(f"the matrix from scratch: {report.fmt_s(result['seconds'])}, exit {result['status']}, "
        f"cells {result['cells']}")
    reused = next((p for p in reversed(usable) if p != "default"), None)
    if reused and result["timings"].get(reused):
        build = build_root / reused
        compiler = next(p["compiler"] for p in presets if p["name"] == reused)
        verify = build / "harness" / "tsan-verify"
        result["reused"] = reused
        with Phase(f"ci/conformance.sh on the matrix's {reused} build"):
            step = building.step(["bash", str(ROOT / "ci" / "conformance.sh"), "--cc", compiler, "--build-dir",
                                  str(build), "--verify", str(verify), "--reference", str(out_dir / "matrix.json")],
                                 logs / "conformance.log")
        result["conformance"] = (step.seconds, step.status)
        result["conformance_summary"] = last_line(logs / "conformance.log", "conformance: ")
        env = dict(os.environ, FLAKE_VERIFY=str(verify), FLAKE_MANIFEST=str(build / "cases.manifest"))
        with Phase(f"ci/flake.sh 2 runs on the matrix's {reused} build"):
            step = building.step(["bash", str(ROOT / "ci" / "flake.sh"), "2", reused, "default"], logs / "flake.log",
                                 env=env)
        result["flake"] = (step.seconds, step.status)
        result["flake_summary"] = last_line(logs / "flake.log", f"{reused}: ")
    shutil.rmtree(build_root, ignore_errors=True)
    return result


# ---- 2-5. the default level, run several ways -----------------------------------------------------------

def read_cases(build, tsan_verify, environment):
    """The default level's cases, as BUILD's cases.manifest lists them, each with its markers (lit.read_case),
    whether requires-tsan skips it, and the TSAN_OPTIONS the harness gives its program (logging to stderr)."""
    entries = catalog.read_manifest(build, catalog.DEFAULT_LEVEL)
    options = catalog.harness_tsan_options(tsan_verify, [e["source"] for e in entries], environment)
    cases = []
    for entry in entries:
        spec = lit.read_case(entry["source"])
        skip = bool(spec["requires"]) and not lit.selector_matches(spec["requires"], entry["toolchain"])
        cases.append({"name": entry["name"], "binary": entry["binary"], "source": entry["source"],
                      "toolchain": entry["toolchain"], "spec": spec, "skip": skip,
                      "options": options[entry["source"]]})
    return cases


def ctest_regex_escape(text):
    return re.sub(r"([][.*+?^$(){}|\\])", r"\\\1", text)


def subset_regex(subset):
    return "^(" + "|".join(ctest_regex_escape(c["name"]) for c in subset) + ")$"


def subsets(cases):
    """(quarter, half): the first quarter and half of the cases in a fixed pseudo-random order (CRC-32 of the name;
    every 2nd in manifest order would take all the _bug twins and none of the _fixed ones)."""
    shuffled = sorted(cases, key=lambda c: (zlib.crc32(c["name"].encode()), c["name"]))
    return shuffled[:(len(cases) + 3) // 4], shuffled[:(len(cases) + 1) // 2]


def kind_names(cases, kind):
    return [c["name"] for c in cases if not c["skip"] and any(m["kind"] == kind for m in c["spec"]["markers"])]


def profile_harness(build, cases, args, work, results):
    """Section 5's callgrind profiles, on a -gdwarf-4 copy of tsan-verify (valgrind 3.19 gives up on the DWARF 5
    that clang 14 writes: "possibly corrupted debuginfo")."""
    logs = work / "logs"
    results["callgrind"] = []
    if not (shutil.which("valgrind") and shutil.which("callgrind_annotate")):
        results["callgrind_skipped"] = "valgrind is not installed"
        return
    profiled = work / "build-profile"
    step = building.configure("default", profiled, logs / "profile-configure.log",
                              ["-DCMAKE_C_FLAGS=-gdwarf-4", "-DCASEBOOK_BUILD_CASES=OFF", "-DCASEBOOK_BUILD_TESTS=OFF"])
    if step.status == 0:
        step = building.build(profiled, ["tsan-verify"], log=logs / "profile-build.log")
    if step.status != 0:
        results["callgrind_skipped"] = "the -gdwarf-4 copy of tsan-verify did not build"
        say(f"callgrind skipped: the -gdwarf-4 copy of tsan-verify did not build (see {logs})")
        return
    tsan_verify = str(profiled / "harness" / "tsan-verify")
    results["callgrind"].append(callgrind.profile(tsan_verify, "startup", ["--help"], str(work), str(logs)))
    runnable = [c for c in cases if not c["skip"]]
    racy = next((c for c in runnable if c["name"] == "seed/no_lock"), None) or next(
        (c for c in runnable if c["name"] in kind_names(cases, "data race")), None)
    clean = next((c for c in runnable if c["name"].startswith("seed/") and c["name"] in kind_names(cases, "none")),
                 None) or next((c for c in runnable if c["name"] in kind_names(cases, "none")), None)
    for label, case in (("racy", racy), ("clean", clean)):
        if case:
            found = callgrind.profile(tsan_verify, label, ["--binary", case["binary"], "--toolchain",
                                                           case["toolchain"], case["source"]], str(work), str(logs))
            if found:
                found["case"] = case["name"]
                results["callgrind"].append(found)


def keep_only_doc(work):
    """A run that writes its Markdown into the work folder keeps that file (and the logs), not the builds."""
    for entry in work.iterdir():
        if entry.name not in ("PERFORMANCE.md", "logs", MARK):
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink()


def main(argv=None, prog="python3 -m bench run"):
    args = parse_args(argv, prog)
    for tool in ("cmake", "ctest", "ninja"):
        if not shutil.which(tool):
            raise SystemExit(f"bench run: {tool} is needed (ci/install-deps.sh installs it)")
    command = prog + "".join(" " + a for a in (argv if argv is not None else sys.argv[1:]))
    started = time.monotonic()
    work = work_folder(args)
    logs = work / "logs"
    say(f"work folder {work}; {args.runs} run(s) per measurement")
    start_snapshot = cpu_snapshot()
    facts = machine_facts(ROOT, {
        "cmake": ["cmake", "--version"], "ninja": ["ninja", "--version"],
        "lit": [sys.executable, str(lit.LIT), "--version"] if lit.LIT.exists() else None,
        "FileCheck": [str(lit.FILECHECK), "--version"] if lit.FILECHECK.exists() else None,
        "valgrind": ["valgrind", "--version"] if shutil.which("valgrind") else None})
    if facts["tools"].get("FileCheck"):
        facts["tools"]["FileCheck"] = facts["tools"]["FileCheck"].replace("LLVM (http://llvm.org/):", "").strip()
    results = {"facts": facts, "runs": args.runs}

    # 1. from scratch --------------------------------------------------------------------------------------
    try:
        data = cmake_presets.load()
        presets = cmake_presets.catalog_presets(data)
    except cmake_presets.PresetError as error:
        raise SystemExit(f"bench run: {error}")
    if not any(p["name"] == "default" for p in presets):
        raise SystemExit("bench run: CMakePresets.json has no 'default' preset that builds the cases")
    presets.sort(key=lambda p: p["name"] != "default")
    results["scratch"] = from_scratch(presets, data, args, work)
    results["matrix"] = matrix_from_scratch(presets, args, work)
    build = pathlib.Path(args.build_dir).resolve() if args.build_dir else work / "build-default"
    tsan_verify = build / "harness" / "tsan-verify"
    if not os.access(tsan_verify, os.X_OK) or not (build / "cases.manifest").exists():
        raise SystemExit(f"bench run: {build} holds no built default preset (tsan-verify and cases.manifest); "
                         f"see {logs}")

    # The cases, and what the harness gives their programs: the direct runs and the lit suite see exactly that.
    environment = {k: v for k, v in os.environ.items() if k != "UBSAN_OPTIONS"}
    try:
        cases = read_cases(build, tsan_verify, environment)
    except (catalog.OptionsUnknown, OSError, ValueError) as error:
        raise SystemExit(f"bench run: {error}")
    level = catalog.default_level(build)
    runnable = [c for c in cases if not c["skip"]]
    results.update(level=level, cases=len(cases), runnable=len(runnable),
                   toolchain=cases[0]["toolchain"] if cases else "?")
    ctest_case = ["ctest", "--test-dir", str(build), "-L", "^case$", "-L", f"^{level}$"]
    listed = subprocess.run(ctest_case + ["-N"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True)
    match = re.search(r"Total Tests: (\d+)", listed.stdout)
    if not match or int(match.group(1)) != len(cases):
        say(f"warning: ctest -L case -L ^{level}$ lists {match.group(1) if match else '?'} tests, "
            f"the manifest {len(cases)}")
    quarter, half = subsets(cases)
    half_names = {c["name"] for c in half}

    # The overhead's cases: the half's registered test commands (bench/overhead.py).
    scratch = work / "overhead"
    scratch.mkdir(exist_ok=True)
    try:
        overhead_cases = overhead.plan([t for t in overhead.ctest_case_tests(build, level) if t["name"] in half_names],
                                       scratch, environment=environment)
        sides = overhead.Sides(overhead.compile_reaper(scratch), scratch, environment)
    except (overhead.CannotMeasure, OSError) as error:
        raise SystemExit(f"bench run: the overhead cannot be measured: {error}")

    lit_suite = work / "lit"
    results["lit_available"] = lit.available()
    if results["lit_available"]:
        lit.write_suite(lit_suite, cases, ROOT)
    else:
        results["lit_missing"] = f"{lit.LIT} or {lit.FILECHECK}"
        say(f"lit comparison skipped: {results['lit_missing']} is missing (apt-get install llvm-14-tools)")

    times = {k: [] for k in ("ctest_j2", "lit_j2", "half_j2", "half_j1", "quarter_j2")}
    per_case, ctest_status, lit_status, state = {}, {}, {}, None
    with Phase("default level, run every way") as phase:
        for rep in range(1, args.runs + 1):
            say(f"run {rep} of {args.runs}: all at 2 jobs (ctest, lit); the half at 2 jobs and 1; the overhead on "
                f"the half; the quarter at 2 jobs")
            junit = work / f"junit-j2-{rep}.xml"
            step = building.step(ctest_case + ["-j", "2", "--output-junit", str(junit)], logs / f"ctest-j2-{rep}.log")
            times["ctest_j2"].append(step.seconds)
            results_j2 = catalog.junit_results(junit)
            ctest_status = {n: status for n, (status, _) in results_j2.items()}
            for name, (_, case_seconds) in results_j2.items():
                per_case.setdefault(name, []).append(case_seconds)
            if results["lit_available"]:
                xunit = work / f"lit-{rep}.xml"
                shutil.rmtree(lit_suite / "Output", ignore_errors=True)
                step = building.step([sys.executable, str(lit.LIT), "-j", "2", "-q", "--xunit-xml-output", str(xunit),
                                      str(lit_suite)], logs / f"lit-j2-{rep}.log")
                times["lit_j2"].append(step.seconds)
                lit_status = {n: status for n, (status, _) in lit.results(xunit).items()}
            for jobs in (2, 1):
                step = building.step(ctest_case + ["-R", subset_regex(half), "-j", str(jobs)],
                                     logs / f"ctest-half-j{jobs}-{rep}.log")
                times[f"half_j{jobs}"].append(step.seconds)
            state = overhead.measure(overhead_cases, 1, sides, state=state)
            step = building.step(ctest_case + ["-R", subset_regex(quarter), "-j", "2"],
                                 logs / f"ctest-quarter-j2-{rep}.log")
            times["quarter_j2"].append(step.seconds)
    results["loop_others"] = phase.others
    results["times"] = times
    results["subsets"] = {"quarter": len(quarter), "half": len(half), "all": len(cases),
                          "half_runnable": sum(1 for c in half if not c["skip"])}
    results["ctest_status"], results["lit_status"] = ctest_status, lit_status
    results["per_case"] = {n: report.median(v) for n, v in per_case.items()}
    results["overhead"] = {"rounds": state["rounds"], "cases": state["cases"], "left_out": state["left_out"],
                           "invocation": report.invocation_rows(state["per_case"], kind_names(cases, "data race"),
                                                                kind_names(cases, "none"))}

    # 5. the harness under callgrind, and its start-and-exit cost -------------------------------------------
    with Phase("callgrind, and tsan-verify --help"):
        profile_harness(build, cases, args, work, results)
        samples = []
        for _ in range(6 if args.quick else 20):
            began = time.monotonic()
            subprocess.run([str(tsan_verify), "--help"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
            samples.append(time.monotonic() - began)
        results["help_seconds"] = report.median(samples)

    results["elapsed"] = time.monotonic() - started
    results["others"], results["steal"] = others_cpus(start_snapshot, cpu_snapshot())
    results["phases"] = Phase.record
    facts["load_after"] = read_loadavg()
    text, markdown = report.render(results, command, args.quick or bool(args.build_dir))
    print(text)
    output = pathlib.Path(args.output).resolve() if args.output else \
        (work / "PERFORMANCE.md" if args.quick or args.build_dir else DOC)
    report.write_doc(str(output), markdown)
    say(f"wrote {output}")
    if args.keep:
        say(f"kept {work}")
    elif work in output.parents:
        keep_only_doc(work)
        say(f"removed the builds from {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0
