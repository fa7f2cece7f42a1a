#!/usr/bin/env python3
"""The matrix report: every case x toolchain x optimization level -> verdict and reported kinds.

usage: ci/matrix.py [--presets clang-13,default,...] [--no-build] [--jobs 2]
Configures and builds each preset whose compiler is installed (others are listed as missing), runs
`tsan-verify --json` on every case binary of build/<preset>/cases-all-levels.manifest, reads the TSan runtime's
version (v2/v3) from its start banner, and writes build/matrix/matrix.json and build/matrix/MATRIX.md: one row per
case, one column per toolchain and level, and a mark on every row where toolchains disagree. When every preset of
the matrix ran, the same two files become docs/matrix.json and docs/MATRIX.md (the committed reference that
ci/conformance.sh compares a compiler with). Exit 0 when every cell passed or was skipped, 1 otherwise.

What it shares with ci/conformance.sh and bench (the presets, building one, running the catalog) is the package
casebook/ at the repository's top."""
import argparse
import concurrent.futures
import json
import pathlib
import shutil
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "ci"))
sys.path.insert(0, str(ROOT))
import results as recorded  # noqa: E402 (ci/results.py: the results the case tests wrote in this test run)
from casebook import build as building  # noqa: E402 (casebook/: what this script shares with bench and conformance)
from casebook import catalog  # noqa: E402
from casebook import presets as cmake_presets  # noqa: E402
from casebook.catalog import LEVELS, toolchain_key  # noqa: E402

# Preset -> the compiler command it configures: every preset of CMakePresets.json that builds the catalog.
PRESETS = {p["name"]: p["compiler"] for p in cmake_presets.catalog_presets(cmake_presets.load())}


def recorded_case(results_dir, verify, entry):
    """(verdict, reported kinds with counts, detail) from the result the entry's case test wrote in this test run
    (ci/results.py); a missing or stale one is a failure that says so."""
    try:
        doc = recorded.load(results_dir, entry["case"], entry["level"], entry["binary"], entry["source"], verify)
    except recorded.Missing as missing:
        return "FAIL", [], str(missing)
    return catalog.verdict_of(doc)


WHY = [
    "- **Which runtime** (the column's v2/v3): clang 13 and both gccs ship TSan's old v2 runtime, clang 14 and "
    "later the v3 rewrite (LLVM 14). In this catalog both find the same races on the same lines, with one "
    "exception below; what differs is how many reports one variable gets and what happens to a report whose "
    "older access has left the history.",
    "- **A second report on the same variable** (`data race x2` on clang 15, 16 and 19): the older runtimes "
    "(v2, and v3 as clang 14 ships it) have `suppress_equal_addresses` (on by default) and print one report per "
    "racy address; LLVM 15 dropped that flag and keeps only `suppress_equal_stacks`, so a later race on the same "
    "variable between other lines (Second's write after First's) is printed too. Both are deterministic: the "
    "cases fix the order of the two writes.",
    "- **How many reports one statement makes** (`patterns/complex_object_bug`): a struct copy is one read per "
    "member, and TSan reports each member cell once; the compiler splits the copy differently at -O0 and from "
    "one toolchain to another.",
    "- **A report dropped or kept with a lost stack** (`limits/history_too_short`): when the older access has left "
    "the thread's history, the v3 runtime drops the report, the v2 runtimes (clang 13, gcc 11 and 12) print it "
    "with \"[failed to restore the stack]\". The case says so with `[clang>=14]`/`[clang<14,gcc]` markers.",
    "- **A race the old runtime misses** (`patterns/refcount_bug` on clang 13): once `release()` is inlined into "
    "the worker (-O1, -O2), clang 13's v2 runtime reports no race on the count at all, only the `free()` against "
    "First's read of `value`; at -O0, or built with `-fno-inline`, it reports the count like every other "
    "toolchain. The case requires `clang>=14,gcc`, so it is skipped on clang 13.",
    "- **A feature only newer runtimes have** (`misuse/lock_held_wrong_context_*`): "
    "`__tsan_check_no_mutexes_held` appeared in LLVM 18, so the case is skipped elsewhere.",
    "- **One report per pair of stacks** (`lifecycle/key_destructor_bug`, x2 at -O2, and on gcc at -O1): main reads "
    "the two freed tallies in a two-iteration loop. With `suppress_equal_stacks` (on by default) the runtime prints "
    "a report only for a pair of stacks (the access's and the free's) it has not printed yet (compiler-rt "
    "lib/tsan/rtl/tsan_rtl_report.cpp HandleRacyStacks, LLVM 14; the same in gcc's v2 copy): one read instruction "
    "in a loop makes one pair for both tallies, and where the compiler unrolls the loop (as measured: clang at -O2, "
    "gcc at -O1 and -O2) each read has its own instruction, so each tally gets its report.",
    "- **A race on a cell the runtime has already reported** (`limits/cell_after_race`, x2 on the v2 runtimes): "
    "after a report v3 marks the 8-byte shadow cell read-only and never checks a later read of it, so the second "
    "race on the same cell goes unseen; v2 keeps checking and reports both. The case's header names the runtime "
    "functions.",
    "- **What the compiler instruments** (`limits/memset_inlined`, `limits/x87_long_double`): gcc writes a memset of "
    "a known length out as stores after its TSan pass has run (at -O1 and above), so those stores have no hook and "
    "the race is missed; clang calls `memset`, which the runtime intercepts. clang gives the 10-byte x87 load and "
    "store of a `long double` no hook at all, gcc hooks the 16-byte object and reports. Each case's header names "
    "the compiler source it rests on.",
    "- **Which OpenMP runtime** (`limits/libgomp_barrier`, and the skipped cells of `openmp/`): under gcc the program "
    "runs on libgomp, whose barrier TSan never sees, and main's read after the loop is reported; under clang 14 it "
    "runs on libomp with Archer, which tells TSan the barrier, and TSan is silent. The other clangs skip the OpenMP "
    "cases, naming the package: Debian's libomp-N-dev packages conflict with one another, so one clang at a time has "
    "an OpenMP runtime (ci/install-deps.sh installs clang 14's). `openmp/` needs Archer, hence clang.",
    "- **A link the toolchain refuses** (`limits/static_link`): clang 13 to 16 link a TSan program with `-static`, "
    "and the harness says it cannot check it, as the case expects; gcc and clang 19 refuse the link, and the case "
    "skips there.",
]


def markdown(document, missing):
    toolchains = sorted(document["toolchains"], key=toolchain_key)
    cases = document["cases"]
    lines = ["# The toolchain matrix", "",
             "Generated by `ci/matrix.py` (the same data, as JSON: [matrix.json](matrix.json), which "
             "`ci/conformance.sh` compares any compiler with). Each cell is the verdict at -O0 / -O1 / -O2 and what "
             "TSan reported (`x2`: two reports of that kind). A row marked **differs** is one where toolchains (or "
             "levels) do not report the same kinds, or not as many; a skipped cell is a case the toolchain lacks "
             "the feature for.", "",
             "| toolchain | preset | compiler | TSan runtime |", "|---|---|---|---|"]
    for toolchain in toolchains:
        info = document["toolchains"][toolchain]
        note = f" (symbolizer: `external_symbolizer_path={info['symbolizer']}`)" if info.get("symbolizer") else ""
        lines.append(f"| {toolchain} | `{info.get('preset', '?')}` | `{info['compiler']}` "
                     f"({info.get('version') or '?'}) | {info['runtime'] or '?'}{note} |")
    lines += ["", "Why rows differ, as far as this catalog shows:", ""] + WHY + [""]
    if missing:
        lines += [f"Not installed here, so not in the table: {', '.join(missing)}.", ""]
    header = [f"{t} ({document['toolchains'][t]['runtime'] or '?'})" for t in toolchains]
    lines += ["| case | " + " | ".join(header) + " | |", "|---|" + "---|" * len(toolchains) + "---|"]
    failures = disagreements = 0
    for case in sorted(cases):
        cells, seen = [], set()
        for toolchain in toolchains:
            levels = cases[case].get(toolchain, {})
            verdicts = "/".join(levels.get(l, {}).get("verdict", "-") for l in LEVELS)
            kinds = {tuple(levels[l]["reported"]) for l in levels if levels[l]["verdict"] != "skip"}
            seen |= kinds
            failures += sum(levels[l]["verdict"] == "FAIL" for l in levels)
            reported = "; ".join(", ".join(k) or "none" for k in sorted(kinds)) or "-"
            cells.append(f"{verdicts} {reported}")
        differs = len(seen) > 1
        disagreements += differs
        lines.append(f"| {case} | " + " | ".join(cells) + f" | {'**differs**' if differs else ''} |")
    configurations = len(toolchains) * len(LEVELS)
    lines += ["", f"{len(cases)} cases, {len(toolchains)} toolchains x {len(LEVELS)} levels = {configurations} "
                  f"configurations, {failures} failing cells, {disagreements} rows where the reported kinds differ."]
    return "\n".join(lines) + "\n", failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presets", default=",".join(PRESETS), help="comma-separated (default: all seven)")
    parser.add_argument("--no-build", action="store_true", help="use the presets' builds as they are")
    parser.add_argument("--jobs", type=int, default=2, help="build jobs, and cases run at a time (default 2)")
    parser.add_argument("--build-root", default=str(ROOT / "build"),
                        help="preset P is built in BUILD_ROOT/P (default: build/, the presets' own folders)")
    parser.add_argument("--output-dir", default=str(ROOT / "build" / "matrix"),
                        help="where matrix.json, MATRIX.md and timings.json go (default build/matrix)")
    parser.add_argument("--no-docs", action="store_true", help="never write docs/matrix.json and docs/MATRIX.md")
    parser.add_argument("--render", metavar="MATRIX_JSON",
                        help="run nothing: write docs/MATRIX.md from this matrix.json (after editing the prose)")
    args = parser.parse_args()
    if args.render:
        document = json.loads(pathlib.Path(args.render).read_text())
        text, failures = markdown(document, [])
        (ROOT / "docs" / "MATRIX.md").write_text(text)
        print(text.rstrip().splitlines()[-1])
        return 1 if failures else 0
    presets = args.presets.split(",")
    unknown = [p for p in presets if p not in PRESETS]
    if unknown:
        parser.error(f"unknown preset(s) {', '.join(unknown)}; the matrix has {', '.join(PRESETS)}")
    document, timings = {"toolchains": {}, "cases": {}}, {}
    missing = [p for p in presets if not shutil.which(PRESETS[p])]
    presets = [p for p in presets if p not in missing]
    root = pathlib.Path(args.build_root).resolve()
    # The next preset builds while this one's cases run: a run phase leaves about a fifth of the two cores idle
    # (cases that wait on each other, the symbolizer starting), and the build fills it. One build at a time.
    builder = concurrent.futures.ThreadPoolExecutor(1)
    builds = {p: builder.submit(building.build_for_catalog, p, root / p, args.jobs, catalog.manifest_targets)
              for p in presets} if not args.no_build else {}
    for preset in presets:
        build = root / preset
        configure_s = build_s = 0.0
        if not args.no_build:
            try:
                configure_s, build_s = builds[preset].result()
            except building.StepFailed as failed:
                builder.shutdown(wait=False, cancel_futures=True)  # a failed build ends the matrix, not the queue
                raise SystemExit(f"ci/matrix.py: {failed}")
            except BaseException:
                builder.shutdown(wait=False, cancel_futures=True)
                raise
        started = time.monotonic()
        entries = catalog.read_manifest(build)
        toolchain = entries[0]["toolchain"] if entries else preset
        runtime, symbolizer = catalog.probe_runtime(entries)
        document["toolchains"][toolchain] = {"runtime": runtime, "compiler": PRESETS[preset], "preset": preset,
                                             "version": catalog.compiler_version(PRESETS[preset]), "symbolizer": symbolizer}
        cases, details = catalog.run_entries(str(build / "harness" / "tsan-verify"), entries, args.jobs,
                                             catalog.tsan_environment(symbolizer))
        for case, levels in cases.items():
            document["cases"].setdefault(case, {})[toolchain] = levels
        for (case, level), detail in sorted(details.items()):
            if cases[case][level]["verdict"] == "FAIL":
                print(f"{toolchain}: {case} at {level}: {detail}", file=sys.stderr)
        timings[preset] = {"toolchain": toolchain, "configure": configure_s, "build": build_s,
                           "run": time.monotonic() - started, "variants": len(entries)}
        if symbolizer:
            print(f"{preset}: the runtime finds no symbolizer of its own; using {symbolizer}", flush=True)
        print(f"{preset} ({toolchain}, {runtime}): configure {configure_s:.1f} s, "
              f"build {build_s:.1f} s, {len(entries)} case variants run in {timings[preset]['run']:.1f} s", flush=True)
    builder.shutdown()
    for line in catalog.RETRIED:
        print(f"retried: {line}", file=sys.stderr)
    text, failures = markdown(document, missing)
    out_dir = pathlib.Path(args.output_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    data = json.dumps(document, indent=1, sort_keys=True) + "\n"
    (out_dir / "matrix.json").write_text(data)
    (out_dir / "MATRIX.md").write_text(text)
    (out_dir / "timings.json").write_text(json.dumps(timings, indent=1) + "\n")
    written = [out_dir / "matrix.json", out_dir / "MATRIX.md", out_dir / "timings.json"]
    if set(presets) == set(PRESETS) and not missing and not args.no_docs:
        (ROOT / "docs" / "matrix.json").write_text(data)
        (ROOT / "docs" / "MATRIX.md").write_text(text)
        written += [ROOT / "docs" / "matrix.json", ROOT / "docs" / "MATRIX.md"]
    elif not args.no_docs:
        print(f"docs/matrix.json and docs/MATRIX.md left as they are: {len(document['toolchains'])} of "
              f"{len(PRESETS)} toolchains ran", file=sys.stderr)
    print(text.rstrip().splitlines()[-1])
    print("wrote " + ", ".join(str(p) for p in written))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
