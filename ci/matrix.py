#!/usr/bin/env python3
"""The matrix report: every case x toolchain x optimization level -> verdict and reported kinds.

usage: ci/matrix.py [--presets clang-13,default,...] [--no-build] [--jobs 2]
Configures and builds each preset whose compiler is installed (others are listed as missing), runs
`tsan-verify --json` on every case binary of build/<preset>/cases-all-levels.manifest, reads the TSan runtime's
version (v2/v3) from its start banner, and writes build/matrix/matrix.json and build/matrix/MATRIX.md: one row per
case, one column per toolchain and level, and a mark on every row where toolchains disagree. When every preset of
the matrix ran, the same two files become docs/matrix.json and docs/MATRIX.md (the committed reference that
ci/conformance.sh compares a compiler with). Exit 0 when every cell passed or was skipped, 1 otherwise.

The functions above main() are shared with ci/conformance.sh, which runs the catalog the same way."""
import argparse
import collections
import concurrent.futures
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Preset -> the compiler command it configures, in the order of the table's columns (by toolchain id).
PRESETS = {"clang-13": "clang-13", "default": "clang", "clang-15": "clang-15", "clang-16": "clang-16",
           "clang-19": "clang-19", "gcc-11": "gcc-11", "gcc-12": "gcc"}
LEVELS = ["O0", "O1", "O2"]
BANNER = re.compile(r"Running under ThreadSanitizer (v\d+)")


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


def read_manifest(build):
    """The lines of BUILD/cases-all-levels.manifest as dicts: case, level, binary, source, toolchain. A name
    without "@LEVEL" is the build's default level, the first of its CASEBOOK_OPT_LEVELS."""
    path = pathlib.Path(build) / "cases-all-levels.manifest"
    default_level = (cache_value(build, "CASEBOOK_OPT_LEVELS") or "O1").split(";")[0]
    entries = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        fields = line.split("\t")
        if len(fields) != 4:
            raise ValueError(f"{path}:{number}: expected 4 tab-separated fields, found {len(fields)}")
        name, binary, source, toolchain = fields
        case, _, level = name.partition("@")
        entries.append({"case": case, "level": level or default_level, "binary": binary, "source": source,
                        "toolchain": toolchain})
    return entries


def run_case(verify, entry):
    """One manifest entry through `tsan-verify --json`: (verdict, reported kinds with counts, detail)."""
    if not os.path.exists(entry["binary"]):
        return "FAIL", [], "not built"
    out = subprocess.run([verify, "--json", "--binary", entry["binary"], "--toolchain", entry["toolchain"],
                          entry["source"]], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    try:
        doc = json.loads(out.stdout)
        counts = collections.Counter(short(r["kind"]) for r in doc["reports"])
        kinds = [kind if n == 1 else f"{kind} x{n}" for kind, n in sorted(counts.items())]
        verdict = {"met": "pass", "skipped": "skip"}.get(doc["outcome"], "FAIL")
        detail = "" if verdict == "pass" else "; ".join(d.get("message", "") for d in doc.get("diagnostics", []))
    except (json.JSONDecodeError, KeyError, TypeError):
        kinds, verdict = [], "FAIL"
        detail = (out.stderr.strip().splitlines() or [f"tsan-verify exited {out.returncode}"])[-1]
    return verdict, kinds, detail


def run_entries(verify, entries, jobs):
    """{case: {level: {"verdict", "reported"}}} for the entries, JOBS at a time; details of non-passing cells
    go to a second dict {(case, level): detail}."""
    cases, details = {}, {}
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for entry, (verdict, kinds, detail) in zip(entries, pool.map(lambda e: run_case(verify, e), entries)):
            cases.setdefault(entry["case"], {})[entry["level"]] = {"verdict": verdict, "reported": kinds}
            if detail:
                details[(entry["case"], entry["level"])] = detail
    return cases, details


def runtime_version(entries):
    """The TSan runtime's version ("v2", "v3") from the start banner of one of the build's case binaries,
    run directly with verbosity=1; None when no binary printed it."""
    clean = [e for e in entries if e["case"] == "seed/explicit_lock"]
    for entry in clean + entries[:3]:
        if not os.path.exists(entry["binary"]):
            continue
        env = dict(os.environ, TSAN_OPTIONS="verbosity=1:atexit_sleep_ms=0:report_bugs=0")
        try:
            out = subprocess.run([entry["binary"]], env=env, capture_output=True, text=True, timeout=60,
                                 stdin=subprocess.DEVNULL, errors="replace")
        except subprocess.TimeoutExpired:
            continue
        match = BANNER.search(out.stderr)
        if match:
            return match.group(1)
    return None


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


def build_preset(preset):
    subprocess.run(["cmake", "--preset", preset], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["cmake", "--build", "--preset", preset], cwd=ROOT, check=True, capture_output=True)


WHY = [
    "- **Which runtime** (the column's v2/v3): clang 13 and both gccs ship TSan's old v2 runtime, clang 14 and "
    "later the v3 rewrite (LLVM 14). Both find the same races on the same lines in this catalog; what differs is "
    "how many reports one variable gets and what a report looks like when its history is gone.",
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
    "- **A feature only newer runtimes have** (`misuse/lock_held_wrong_context_*`): "
    "`__tsan_check_no_mutexes_held` appeared in LLVM 18, so the case is skipped elsewhere.",
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
        lines.append(f"| {toolchain} | `{info.get('preset', '?')}` | `{info['compiler']}` "
                     f"({info.get('version') or '?'}) | {info['runtime'] or '?'} |")
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
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    presets = args.presets.split(",")
    unknown = [p for p in presets if p not in PRESETS]
    if unknown:
        parser.error(f"unknown preset(s) {', '.join(unknown)}; the matrix has {', '.join(PRESETS)}")
    document, missing = {"toolchains": {}, "cases": {}}, []
    for preset in presets:
        if not shutil.which(PRESETS[preset]):
            missing.append(preset)
            continue
        build = ROOT / "build" / preset
        if not args.no_build:
            build_preset(preset)
        entries = read_manifest(build)
        toolchain = entries[0]["toolchain"] if entries else preset
        document["toolchains"][toolchain] = {"runtime": runtime_version(entries), "compiler": PRESETS[preset],
                                             "preset": preset, "version": compiler_version(PRESETS[preset])}
        cases, details = run_entries(str(build / "harness" / "tsan-verify"), entries, args.jobs)
        for case, levels in cases.items():
            document["cases"].setdefault(case, {})[toolchain] = levels
        for (case, level), detail in sorted(details.items()):
            if cases[case][level]["verdict"] == "FAIL":
                print(f"{toolchain}: {case} at {level}: {detail}", file=sys.stderr)
    text, failures = markdown(document, missing)
    out_dir = ROOT / "build" / "matrix"
    out_dir.mkdir(parents=True, exist_ok=True)
    data = json.dumps(document, indent=1, sort_keys=True) + "\n"
    written = [out_dir / "matrix.json", out_dir / "MATRIX.md"]
    (out_dir / "matrix.json").write_text(data)
    (out_dir / "MATRIX.md").write_text(text)
    if set(presets) == set(PRESETS) and not missing:
        (ROOT / "docs" / "matrix.json").write_text(data)
        (ROOT / "docs" / "MATRIX.md").write_text(text)
        written += [ROOT / "docs" / "matrix.json", ROOT / "docs" / "MATRIX.md"]
    else:
        print(f"docs/matrix.json and docs/MATRIX.md left as they are: {len(document['toolchains'])} of "
              f"{len(PRESETS)} toolchains ran", file=sys.stderr)
    print(text.rstrip().splitlines()[-1])
    print("wrote " + ", ".join(os.path.relpath(p, ROOT) for p in written))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
