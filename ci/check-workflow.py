#!/usr/bin/env python3
"""Checks .github/workflows/ci.yml: it parses, has a job for every toolchain preset of CMakePresets.json, lowers
vm.mmap_rnd_bits before any step that runs TSan, and runs the same ci/ scripts as .ci/run.
usage: ci/check-workflow.py [REPO]   -- exit 0 ok, 1 with one line per problem, 77 without python3-yaml."""
import json
import pathlib
import sys

try:
    import yaml
except ImportError:
    print("skipped: python3-yaml is not installed (ci/install-deps.sh installs it)")
    sys.exit(77)

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
problems = []
workflow = yaml.safe_load((root / ".github/workflows/ci.yml").read_text())
presets = json.loads((root / "CMakePresets.json").read_text())
toolchain_presets = {p["name"] for p in presets["configurePresets"] if p["name"] not in ("fuzz", "asan")}
jobs = workflow.get("jobs", {})
if not jobs:
    problems.append("ci.yml: no jobs")
for name, job in jobs.items():
    include = job.get("strategy", {}).get("matrix", {}).get("include", [])
    named = {entry.get("preset") for entry in include}
    for missing in sorted(toolchain_presets - named):
        problems.append(f"ci.yml: job {name} has no matrix entry for preset {missing}")
    for extra in sorted(named - toolchain_presets):
        problems.append(f"ci.yml: job {name} names preset {extra}, which CMakePresets.json lacks")
    steps = [step.get("run", "") for step in job.get("steps", [])]
    sysctl = next((i for i, run in enumerate(steps) if "vm.mmap_rnd_bits=28" in run), None)
    tests = [i for i, run in enumerate(steps) if "ci/test.sh" in run or "ctest" in run or "tsan-verify" in run]
    if sysctl is None:
        problems.append(f"ci.yml: job {name} never sets vm.mmap_rnd_bits=28")
    elif tests and sysctl > min(tests):
        problems.append(f"ci.yml: job {name} runs TSan (step {min(tests) + 1}) before the sysctl (step {sysctl + 1})")
    if not tests:
        problems.append(f"ci.yml: job {name} runs no tests")
    local = (root / ".ci/run").read_text()
    for script in ("ci/install-deps.sh", "ci/test.sh"):
        if script in local and not any(script in run for run in steps):
            problems.append(f"ci.yml: job {name} does not call {script}, which .ci/run uses")
for problem in problems:
    print(problem)
print(f"ci.yml: {len(jobs)} jobs, presets {sorted(toolchain_presets)}, {len(problems)} problems")
sys.exit(1 if problems else 0)
