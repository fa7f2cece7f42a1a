#!/usr/bin/env bash
# ci/conformance.sh: run the catalog with any compiler and say where its TSan differs from the reference matrix.
#
#   ci/conformance.sh --cc /path/to/cc [--levels O0,O1,O2] [--cases REGEX] [--reference docs/matrix.json]
#                     [--build-dir DIR] [--verify TSAN-VERIFY] [--json FILE] [--junit FILE] [--no-build] [--jobs N]
#                     [--results DIR]
#
# Builds every case (at the levels asked for) with that compiler, runs each through tsan-verify, and compares each
# result (verdict and what TSan reported) with the seven toolchains of the committed docs/matrix.json. A result
# like one of theirs is no difference. One unlike all of them is printed as a line
#   CASE LEVEL: reference TOOLCHAINS: RESULT; ... | this one (TOOLCHAIN): RESULT
# and is *allowed* when the case's markers are still met (the markers are what the catalog promises; `x2` against
# `x1` is how runtimes differ), *unexpected* otherwise. Exit 0 when nothing is unexpected, 1 when something is,
# 2 when it could not check (bad arguments, no reference, configure failed). A case run the harness could not
# check (tsan-verify exit 2, e.g. a symbolizer that outlived the program on a loaded machine) is run once more.
#
# The build is reused: when CC is the compiler of a preset's build (build/<preset>, e.g. the matrix's), that build
# is used; otherwise build/conformance/<name>-<hash of CC's path>, which holds only the cases --cases selects at the
# --levels asked (CASEBOOK_CASES, CASEBOOK_OPT_LEVELS), checked with a tsan-verify built elsewhere
# (CASEBOOK_TSAN_VERIFY): --verify, else build/default's (built if missing). Only the case binaries are built.
# With --results (ctest's ci/conformance-own-compiler), nothing is built or run: each case's result is the one its
# test wrote in this test run (tsan-verify --results), and a missing or stale one is a failure.
# JSON and JUnit go to the build folder (conformance.json, conformance.junit.xml) unless --json/--junit say where.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=/usr/bin/python3
[ -x "$python" ] || python=python3
exec "$python" - "$root" "$@" <<'PYTHON'
import argparse
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

ROOT = pathlib.Path(sys.argv[1])
sys.path.insert(0, str(ROOT / "ci"))
sys.path.insert(0, str(ROOT))
import matrix  # noqa: E402  (ci/matrix.py: its presets, and the results the case tests wrote)
from casebook import catalog  # noqa: E402  (casebook/catalog.py: the same runner the matrix uses)

parser = argparse.ArgumentParser(prog="ci/conformance.sh",
                                 description="Run the catalog with CC and compare it with the reference matrix.")
parser.add_argument("--cc", required=True, help="the C compiler to check (a path or a command on PATH)")
parser.add_argument("--levels", default=",".join(catalog.LEVELS), help="comma-separated (default: O0,O1,O2)")
parser.add_argument("--cases", help="only cases whose name matches this regular expression (e.g. '^seed/')")
parser.add_argument("--reference", default=str(ROOT / "docs" / "matrix.json"))
parser.add_argument("--build-dir", help="where to build (default: a preset's build of CC, or build/conformance/...)")
parser.add_argument("--verify", help="the tsan-verify to use")
parser.add_argument("--json", help="write the results and differences here")
parser.add_argument("--junit", help="write one JUnit test per case and level here")
parser.add_argument("--no-build", action="store_true", help="use the binaries already in the build folder")
parser.add_argument("--results", help="read each case's result from this folder, written by the case tests of this "
                    "test run (tsan-verify --results), instead of running the cases again; implies --no-build")
parser.add_argument("--jobs", type=int, default=2)
args = parser.parse_args(sys.argv[2:])


def shown(path):
    """PATH relative to the repository when it is inside it."""
    path = os.path.abspath(path)
    return os.path.relpath(path, ROOT) if path.startswith(str(ROOT) + os.sep) else path


def fail(message):
    print(f"ci/conformance.sh: {message}", file=sys.stderr)
    sys.exit(2)


def run(command):
    """Runs a cmake step; its last lines go to stderr when it fails. Returns its exit status."""
    done = subprocess.run(command, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        print(tail, file=sys.stderr)
    return done.returncode


cc = shutil.which(args.cc)
if not cc:
    fail(f"--cc {args.cc}: no such compiler")
cc = os.path.abspath(cc)
levels = [level.strip().lstrip("-") for level in args.levels.split(",") if level.strip()]
for level in levels:
    if level not in catalog.LEVELS:
        fail(f"--levels: {level} is not one of {', '.join(catalog.LEVELS)}")
try:
    selected = re.compile(args.cases) if args.cases else None
except re.error as error:
    fail(f"--cases {args.cases}: {error}")
try:
    reference = json.loads(pathlib.Path(args.reference).read_text())
    reference_cases, reference_toolchains = reference["cases"], reference["toolchains"]
except (OSError, ValueError, KeyError, TypeError) as error:
    fail(f"{args.reference}: not a matrix.json with 'toolchains' and 'cases' ({error})")


def preset_build_of(compiler):
    """build/<preset> whose CMAKE_C_COMPILER is the same file as COMPILER, or None."""
    target = os.path.realpath(compiler)
    for preset in matrix.PRESETS:
        build = ROOT / "build" / preset
        configured = catalog.cache_value(build, "CMAKE_C_COMPILER")
        if configured and os.path.realpath(shutil.which(configured) or configured) == target:
            return build
    return None


build = pathlib.Path(args.build_dir).resolve() if args.build_dir else preset_build_of(cc)
if build is None:
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", os.path.basename(cc))
    build = ROOT / "build" / "conformance" / f"{stem}-{hashlib.sha1(cc.encode()).hexdigest()[:8]}"


def find_verify(build):
    """--verify, else the build's own tsan-verify, else build/default's (built if missing)."""
    if args.verify:
        return args.verify
    for candidate in (build / "harness" / "tsan-verify", ROOT / "build" / "default" / "harness" / "tsan-verify"):
        if os.access(candidate, os.X_OK):
            return str(candidate)
    default = ROOT / "build" / "default"
    if run(["cmake", "--preset", "default"]) != 0 or \
            run(["cmake", "--build", str(default), "--target", "tsan-verify"]) != 0:
        fail("could not build tsan-verify (preset default)")
    return str(default / "harness" / "tsan-verify")


# A folder of conformance's own (none yet, or one it configured before: CASEBOOK_TSAN_VERIFY in its cache) holds
# only what this run checks: the cases --cases selects, at the --levels asked, checked with a tsan-verify built
# elsewhere, so neither the harness nor the rest of the catalog is built with CC. A build of the whole tree (a
# preset's, the matrix's) is used as it is.
if args.results:
    args.no_build = True
fresh = not (build / "CMakeCache.txt").exists()
if fresh and args.no_build:
    fail(f"{build}: not configured, and --no-build was given")


def check_compiler():
    configured = catalog.cache_value(build, "CMAKE_C_COMPILER")
    if configured and os.path.realpath(shutil.which(configured) or configured) != os.path.realpath(cc):
        fail(f"{build} is configured with {configured}, not {cc}; choose another --build-dir")


if not fresh:
    check_compiler()
verify = None
if (fresh or catalog.cache_value(build, "CASEBOOK_TSAN_VERIFY")) and not args.no_build:
    verify = os.path.abspath(find_verify(build))
    names = sorted(f"{source.parent.name}/{source.stem}" for source in (ROOT / "cases").glob("*/*.c"))
    if selected:
        names = [name for name in names if selected.search(name)]
        if not names:
            fail("no case matches --cases")
    # The first level is the build's default one; catalog.read_manifest reads it from the cache.
    build_levels = [level for level in catalog.LEVELS if level in levels]
    if "O1" in build_levels:
        build_levels.remove("O1")
        build_levels.insert(0, "O1")
    print(f"conformance: configuring {build} with {cc} ({len(names)} cases)", flush=True)
    if run(["cmake", "-S", str(ROOT), "-B", str(build), "-G", "Ninja", f"-DCMAKE_C_COMPILER={cc}",
            "-DCMAKE_BUILD_TYPE=RelWithDebInfo", f"-DCASEBOOK_TSAN_VERIFY={verify}",
            f"-DCASEBOOK_OPT_LEVELS={';'.join(build_levels)}",
            f"-DCASEBOOK_CASES={';'.join(names) if selected else ''}"]) != 0:
        fail(f"configuring {build} with {cc} failed (the lines above)")
    check_compiler()
try:
    entries = catalog.read_manifest(build)
except (OSError, ValueError) as error:
    fail(f"{build}: no case manifest ({error})")
entries = [e for e in entries if e["level"] in levels and (not selected or selected.search(e["case"]))]
if not entries:
    fail("no case matches --cases/--levels")

if not args.no_build:
    targets = [os.path.relpath(e["binary"], build) for e in entries]
    print(f"conformance: building {len(targets)} case binaries in {build}", flush=True)
    # -k 0: a case the compiler cannot build is a difference to report, not the end of the run.
    if run(["cmake", "--build", str(build), "-j", str(args.jobs), "--target"] + targets + ["--", "-k", "0"]) != 0:
        print("conformance: some cases did not build; they count as failed", file=sys.stderr)

if verify is None:
    verify = find_verify(build)

toolchain = entries[0]["toolchain"]
runtime, symbolizer = catalog.probe_runtime(entries)
version = catalog.compiler_version(cc)
if symbolizer:
    print(f"conformance: the runtime finds no symbolizer of its own; using {symbolizer}", flush=True)
print(f"conformance: {cc} ({version or 'version unknown'}) is {toolchain}, TSan runtime {runtime or 'unknown'}; "
      f"{len(entries)} case variants at {','.join(levels)} against {shown(args.reference)} "
      f"({len(reference_toolchains)} toolchains)", flush=True)
results, details = catalog.run_entries(
    verify, entries, args.jobs, catalog.tsan_environment(symbolizer),
    recorded=(lambda entry: matrix.recorded_case(args.results, verify, entry)) if args.results else None)


def describe(result):
    return catalog.cell_text(result) if result else "not in the reference"


differences, same = [], 0
for entry in entries:
    case, level = entry["case"], entry["level"]
    mine = results[case][level]
    theirs = {t: levels_.get(level) for t, levels_ in reference_cases.get(case, {}).items() if levels_.get(level)}
    alike = sorted((t for t, r in theirs.items() if r == mine), key=catalog.toolchain_key)
    if alike:
        same += 1
        continue
    expected = mine["verdict"] in ("pass", "skip")
    groups = {}
    for t, r in sorted(theirs.items(), key=lambda item: catalog.toolchain_key(item[0])):
        groups.setdefault(describe(r), []).append(t)
    differences.append({"case": case, "level": level, "result": mine, "allowed": expected,
                        "detail": details.get((case, level), ""),
                        "reference": {t: r for t, r in theirs.items()},
                        "reference_text": "; ".join(f"{', '.join(ts)}: {text}" for text, ts in groups.items())
                        or "not in the reference"})

unexpected = [d for d in differences if not d["allowed"]]
for d in sorted(differences, key=lambda d: (d["allowed"], d["case"], d["level"])):
    tag = "allowed: the markers are met" if d["allowed"] else "UNEXPECTED"
    print(f"{d['case']} {d['level']}: reference {d['reference_text']} | this one ({toolchain}): "
          f"{describe(d['result'])} [{tag}]" + (f" -- {d['detail']}" if d["detail"] and not d["allowed"] else ""))
missing = sorted({(c, l) for c, ls in reference_cases.items() for t in ls.values() for l in t
                  if l in levels and (not selected or selected.search(c))} - {(e["case"], e["level"]) for e in entries})
for case, level in missing:
    print(f"{case} {level}: in the reference, but this build has no such case")
for line in catalog.RETRIED:
    print(f"retried: {line}")
print(f"conformance: {toolchain} ({runtime or '?'}): {len(entries)} results, {same} like a reference toolchain, "
      f"{len(differences)} differ: {len(unexpected)} unexpected, {len(differences) - len(unexpected)} allowed by "
      f"the markers; {len(missing)} reference cells not run")

document = {"compiler": cc, "version": version, "toolchain": toolchain, "runtime": runtime,
            "symbolizer": symbolizer, "levels": levels,
            "reference": shown(args.reference), "build": str(build),
            "cases": results, "differences": [{k: v for k, v in d.items() if k != "reference_text"}
                                              for d in differences],
            "missing": [{"case": c, "level": l} for c, l in missing], "retried": catalog.RETRIED,
            "summary": {"results": len(entries), "same": same, "differences": len(differences),
                        "unexpected": len(unexpected)}}
json_path = pathlib.Path(args.json) if args.json else build / "conformance.json"
json_path.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")

suites = ElementTree.Element("testsuites", name="conformance")
suite = ElementTree.SubElement(suites, "testsuite", name=f"conformance.{toolchain}", tests=str(len(entries)),
                            failures=str(len(unexpected)), skipped=str(sum(r["verdict"] == "skip" for ls in
                                                                            results.values() for r in ls.values())))
by_cell = {(d["case"], d["level"]): d for d in differences}
for entry in entries:
    case, level = entry["case"], entry["level"]
    mine = results[case][level]
    test = ElementTree.SubElement(suite, "testcase", classname=f"conformance.{toolchain}", name=f"{case}@{level}")
    d = by_cell.get((case, level))
    if mine["verdict"] == "skip":
        ElementTree.SubElement(test, "skipped", message="requires-tsan: not for this toolchain")
    if d and not d["allowed"]:
        failure = ElementTree.SubElement(test, "failure", message=f"{describe(mine)}; reference "
                                                                  f"{d['reference_text']}")
        failure.text = d["detail"]
    elif d:
        ElementTree.SubElement(test, "system-out").text = (f"differs from the reference ({d['reference_text']}), "
                                                           f"allowed: the markers are met")
junit_path = pathlib.Path(args.junit) if args.junit else build / "conformance.junit.xml"
tree = ElementTree.ElementTree(suites)
ElementTree.indent(tree)
tree.write(junit_path, encoding="utf-8", xml_declaration=True)
print(f"conformance: wrote {json_path} and {junit_path}")
sys.exit(1 if unexpected else 0)
PYTHON
