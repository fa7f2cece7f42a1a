#!/usr/bin/env python3
"""Checks .github/workflows/ci.yml and action.yml.

Both must pass action-validator (npm @action-validator/cli, installed once into TOOLS_DIR; it checks them against
GitHub's schemas for workflows and actions). Then what a schema cannot know: the workflow has a job for every
toolchain preset of CMakePresets.json, lowers vm.mmap_rnd_bits before any step that runs TSan (in a job, or first in
the action), runs the same ci/ scripts as .ci/run, and a job uses this repository's action on the examples.
usage: ci/check-workflow.py [REPO [TOOLS_DIR]]   -- exit 0 ok, 1 with one line per problem, 77 when python3-yaml,
npm or the validator is missing."""
import json
import pathlib
import shutil
import subprocess
import sys

try:
    import yaml
except ImportError:
    print("skipped: python3-yaml is not installed (ci/install-deps.sh installs it)")
    sys.exit(77)

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
tools = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else root / "build" / "npm-tools")
VALIDATOR = "@action-validator/cli@0.6.0"


def validator():
    """The action-validator executable, installed from npm on first use; None when it cannot be."""
    executable = tools / "node_modules" / ".bin" / "action-validator"
    if executable.exists():
        return executable
    if not shutil.which("npm"):
        return None
    tools.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["npm", "install", "--prefix", str(tools), "--no-audit", "--no-fund", "--silent", VALIDATOR],
                          capture_output=True, text=True, timeout=240)
    return executable if done.returncode == 0 and executable.exists() else None


problems = []
workflow_path, action_path = root / ".github/workflows/ci.yml", root / "action.yml"
executable = validator()
if executable is None:
    print(f"skipped: cannot install {VALIDATOR} from the npm registry (or npm is missing)")
    sys.exit(77)
for path in (workflow_path, action_path):
    done = subprocess.run([str(executable), str(path)], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        errors = []
        try:
            report = json.loads(done.stdout or done.stderr)
            stack = list(report.get("errors", []))
            while stack:
                error = stack.pop(0)
                stack.extend(e for state in error.get("states", []) for e in state.get("errors", []))
                if not error.get("states"):
                    errors.append(f"{error.get('path', '')}: {error.get('detail') or error.get('title')}")
        except ValueError:
            errors.append((done.stdout + done.stderr).strip().splitlines()[0] if done.stdout + done.stderr else "")
        problems.append(f"{path.relative_to(root)}: action-validator: " + "; ".join(errors[:4]))

workflow = yaml.safe_load(workflow_path.read_text())
action = yaml.safe_load(action_path.read_text())
presets = json.loads((root / "CMakePresets.json").read_text())
toolchain_presets = {p["name"] for p in presets["configurePresets"] if p["name"] not in ("fuzz", "asan")}
action_steps = [step.get("run", "") for step in action.get("runs", {}).get("steps", [])]
if not action_steps or "vm.mmap_rnd_bits=28" not in action_steps[0]:
    problems.append("action.yml: the first step must set vm.mmap_rnd_bits=28")
if not any("ci/action-check.sh" in run for run in action_steps):
    problems.append("action.yml: no step runs ci/action-check.sh (the script ctest tests)")

jobs = workflow.get("jobs", {})
if not jobs:
    problems.append("ci.yml: no jobs")
local = (root / ".ci/run").read_text()
uses_action = []
for name, job in jobs.items():
    steps = job.get("steps", [])
    runs = [step.get("run", "") for step in steps]
    if any(step.get("uses") == "./" for step in steps):
        uses_action.append(name)
        # The action sets vm.mmap_rnd_bits itself, before it runs anything.
        continue
    include = job.get("strategy", {}).get("matrix", {}).get("include", [])
    named = {entry.get("preset") for entry in include}
    for missing in sorted(toolchain_presets - named):
        problems.append(f"ci.yml: job {name} has no matrix entry for preset {missing}")
    for extra in sorted(named - toolchain_presets):
        problems.append(f"ci.yml: job {name} names preset {extra}, which CMakePresets.json lacks")
    sysctl = next((i for i, run in enumerate(runs) if "vm.mmap_rnd_bits=28" in run), None)
    tests = [i for i, run in enumerate(runs) if "ci/test.sh" in run or "ctest" in run or "tsan-verify" in run]
    if sysctl is None:
        problems.append(f"ci.yml: job {name} never sets vm.mmap_rnd_bits=28")
    elif tests and sysctl > min(tests):
        problems.append(f"ci.yml: job {name} runs TSan (step {min(tests) + 1}) before the sysctl (step {sysctl + 1})")
    if not tests:
        problems.append(f"ci.yml: job {name} runs no tests")
    for script in ("ci/install-deps.sh", "ci/test.sh"):
        if script in local and not any(script in run for run in runs):
            problems.append(f"ci.yml: job {name} does not call {script}, which .ci/run uses")
if not uses_action:
    problems.append("ci.yml: no job uses this repository's action (uses: ./) on the examples")
for problem in problems:
    print(problem)
print(f"ci.yml: {len(jobs)} jobs, presets {sorted(toolchain_presets)}, action used by {uses_action}; "
      f"action-validator on ci.yml and action.yml; {len(problems)} problems")
sys.exit(1 if problems else 0)
