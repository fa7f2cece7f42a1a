"""Reading the runs: every case through `tsan-verify --json --normalize`, one JSON file per case under
BUILD_DIR/docs/runs (the docs tests share them), and the committed toolchain matrix. A case whose test already ran in
this test run (its result in BUILD_DIR/results, ci/results.py) is not run again."""
import concurrent.futures
import json
import os
import subprocess
import sys

from .model import ROOT, CannotGenerate, warn

sys.path.insert(0, str(ROOT / "ci"))
import results as recorded  # noqa: E402 (ci/results.py: what the case tests wrote in this test run)


def stand_in(outcome, why):
    """A result for a case that has no run to show."""
    return {"outcome": outcome, "reports": [], "normalized": "", "markers": [], "run": {},
            "diagnostics": [{"message": why}]}


def cache_path(build_dir, case):
    return build_dir / "docs" / "runs" / (case.name.replace("/", "__") + ".json")


def cached(case, verify, build_dir):
    """The cached run of a case when it is newer than its binary, its source and the harness, else None."""
    cache = cache_path(build_dir, case)
    if not cache.exists():
        return None
    newest = max(p.stat().st_mtime for p in (case.binary, case.source, verify))
    if cache.stat().st_mtime <= newest:
        return None
    try:
        return json.loads(cache.read_text())
    except ValueError:
        return None


def run_case(case, verify, build_dir, reuse):
    """The JSON object of tsan-verify for one case (cached), or a stand-in with outcome and reason."""
    if case.binary is None or not case.binary.exists():
        return stand_in("not built", "the case is not built yet")
    if reuse:
        result = cached(case, verify, build_dir)
        if result is not None:
            return result
    try:
        result = recorded.load(build_dir / "results", case.name, case.binary.parent.name, case.binary, case.source,
                               verify)
    except recorded.Missing:
        result = None  # not run by ctest yet (e.g. `cmake --build --target docs`): run it here
    if result is not None and "normalized" in result:
        return keep(build_dir, case, result)
    # The binary's folder is its level (build/<preset>/cases/O1/...): level-qualified markers need it.
    command = [str(verify), "--json", "--normalize", "--binary", str(case.binary), "--opt", case.binary.parent.name,
               "--toolchain", case.toolchain, str(case.source)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return stand_in("cannot check", "tsan-verify did not finish in 180 s")
    except OSError as error:
        raise CannotGenerate(f"{case.name}: cannot run {verify}: {error}")
    try:
        result = json.loads(done.stdout)
    except ValueError:
        lines = done.stderr.strip().splitlines()
        warn(f"{case.name}: tsan-verify gave no JSON (exit {done.returncode})")
        return stand_in("cannot check", f"tsan-verify gave no JSON (exit {done.returncode})" +
                        (f": {lines[-1]}" if lines else ""))
    if "normalized" not in result:
        raise CannotGenerate(f"{case.name}: this tsan-verify has no --normalize field; rebuild the harness")
    return keep(build_dir, case, result)


def keep(build_dir, case, result):
    """Caches a case's run for the docs tests that read it, and returns it."""
    cache = cache_path(build_dir, case)
    cache.parent.mkdir(parents=True, exist_ok=True)
    temporary = cache.with_suffix(f".tmp{os.getpid()}")
    temporary.write_text(json.dumps(result))
    os.replace(temporary, cache)
    return result


def run_all(cases, verify, build_dir, reuse, jobs):
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {case.name: pool.submit(run_case, case, verify, build_dir, reuse) for case in cases}
        return {name: future.result() for name, future in futures.items()}


def read_matrix(paths):
    """The first matrix that exists, as {"toolchains": {name: {...}}, "cases": {case: {toolchain: {level: cell}}},
    "source": path}. Reads docs/matrix.json's shape and ci/matrix.py's older cases-only one."""
    for path in paths:
        if not path.exists():
            continue
        try:
            data = json.loads(path.read_text())
        except ValueError as error:
            raise CannotGenerate(f"{path}:{getattr(error, 'lineno', 1)}: not JSON: {error}")
        if not isinstance(data, dict):
            raise CannotGenerate(f"{path}:1: expected an object of cases (or toolchains and cases)")
        if "cases" in data and isinstance(data["cases"], dict):
            cases, toolchains = data["cases"], data.get("toolchains") or {}
        else:
            cases, toolchains = data, {}
        for name in sorted({t for entry in cases.values() if isinstance(entry, dict) for t in entry}):
            toolchains.setdefault(name, {})
        return {"toolchains": toolchains, "cases": cases, "source": path}
    return {"toolchains": {}, "cases": {}, "source": None}
