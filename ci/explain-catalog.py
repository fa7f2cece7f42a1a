#!/usr/bin/env python3
"""The catalog is the test suite of explain's patterns (docs/EXPLAIN.md): every `_bug` case's own report, as its
test wrote it in this test run, is explained by a pattern that names that case.

usage: ci/explain-catalog.py TSAN_VERIFY MANIFEST RESULTS_DIR
For every `_bug` line of the manifest (each case at each level), the case's result (ci/results.py) is read and its
normalized reports are given to `tsan-verify explain --json`; at every level where TSan reported something, one of
the reports must be matched by a pattern whose cases name the case. A case TSan reports nothing for (the catalog's
limits/ cases) has nothing to explain and is counted apart. A missing or stale result is a failure (fail closed).
Exit 0 when every reported `_bug` case is explained by its own pattern, 1 otherwise."""
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import results  # noqa: E402 (ci/results.py, beside this script)


def main():
    verify, manifest, results_dir = sys.argv[1:4]
    with open(manifest) as lines:
        entries = [line.rstrip("\n").split("\t") for line in lines if line.strip()]
    failures, explained, silent = [], 0, set()
    for name, binary, source, _toolchain in entries:
        case, _, level = name.partition("@")
        if not case.endswith("_bug"):
            continue
        level = level or pathlib.Path(binary).parent.name
        try:
            result = results.load(results_dir, case, level, binary, source, verify)
        except results.Missing as missing:
            failures.append(f"{case} at {level}: {missing}")
            continue
        if not result.get("reports"):
            silent.add(case)
            continue
        done = subprocess.run([verify, "explain", "--json", "-"], input=result.get("normalized", ""),
                              capture_output=True, text=True)
        if done.returncode != 1:
            failures.append(f"{case} at {level}: tsan-verify explain exited {done.returncode}: {done.stderr.strip()}")
            continue
        explanations = json.loads(done.stdout)["explanations"]
        naming = [pattern["id"] for report in explanations for pattern in report["patterns"]
                  if any(item["mistake"] == case for item in pattern["cases"])]
        if naming:
            explained += 1
            continue
        seen = sorted({pattern["id"] for report in explanations for pattern in report["patterns"]}) or ["none"]
        failures.append(f"{case} at {level}: no pattern that names {case} explains its reports (matched: "
                        f"{', '.join(seen)}; headlines: {', '.join(r['kind'] for r in explanations)})")
    for failure in failures:
        print(failure)
    print(f"{explained} case runs explained by a pattern naming the case, {len(failures)} not; "
          f"{len(silent)} cases with no report at a level: {', '.join(sorted(silent)) or 'none'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
