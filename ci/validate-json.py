#!/usr/bin/env python3
"""Validates tsan-verify's real JSON output against docs/report.schema.json.

usage: ci/validate-json.py SCHEMA TSAN_VERIFY MANIFEST [--results DIR] [LOG...]
Runs `tsan-verify --json` on every case of the manifest and `tsan-verify parse --json` and
`tsan-verify explain --json` on each LOG, and validates every document. With --results, the cases are not run again: the documents are the results their tests
wrote in this test run (ci/results.py), one for every line of the manifest, and a missing one is a failure.
Exit 0 valid, 1 invalid (naming the document and the path inside it), 77 when python3-jsonschema is missing."""
import concurrent.futures
import json
import os
import subprocess
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import results  # noqa: E402 (ci/results.py, beside this script)

try:
    import jsonschema
except ImportError:
    print("skipped: python3-jsonschema is not installed (ci/install-deps.sh installs it)")
    sys.exit(77)


def main():
    schema_path, verify, manifest = sys.argv[1:4]
    logs = sys.argv[4:]
    results_dir = None
    if logs[:1] == ["--results"]:
        results_dir, logs = logs[1], logs[2:]
    schema = json.load(open(schema_path))
    validator = jsonschema.Draft202012Validator(schema)
    documents = []
    with open(manifest) as lines:
        entries = [line.rstrip("\n").split("\t") for line in lines if line.strip()]

    def verify_json(entry):
        name, binary, source, toolchain = entry
        out = subprocess.run([verify, "--json", "--binary", binary, "--toolchain", toolchain, source],
                             capture_output=True, text=True)
        return f"{name} (--json)", out.stdout, None

    def recorded_json(entry):
        name, binary, source, toolchain = entry
        case, _, level = name.partition("@")
        try:
            document = results.load(results_dir, case, level or pathlib.Path(binary).parent.name, binary, source, verify)
        except results.Missing as missing:
            return f"{name} (result)", None, str(missing)
        return f"{name} (result)", json.dumps(document), None

    if results_dir:
        documents.extend(map(recorded_json, entries))
    else:
        # The cases mostly wait on the TSan runtime and its symbolizer: one run per core keeps this test short.
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            documents.extend(pool.map(verify_json, entries))
    for log in logs:
        out = subprocess.run([verify, "parse", "--json", log], capture_output=True, text=True)
        if out.returncode == 2:
            print(f"{log}: tsan-verify could not parse it: {out.stderr.strip()}")
            return 1
        documents.append((f"{log} (parse --json)", out.stdout, None))
        out = subprocess.run([verify, "explain", "--json", log], capture_output=True, text=True)
        documents.append((f"{log} (explain --json)", out.stdout, None))
    failures = 0
    for name, text, problem in documents:
        if problem:
            print(f"{name}: {problem}")
            failures += 1
            continue
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            print(f"{name}: not JSON: {error}")
            failures += 1
            continue
        for error in validator.iter_errors(document):
            print(f"{name}: {'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}")
            failures += 1
    print(f"{len(documents)} documents, {failures} schema violations")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
