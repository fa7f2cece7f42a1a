"""Where a test run spends its time: one row per test (or per group of tests), wall time and CPU time.

  python3 -m bench test-times log [--build-dir DIR] [--top N] [--by-test]
      reads the last ctest run of DIR (Testing/Temporary/LastTest.log): each test's wall time as ctest measured it.
      Labels come from `ctest --show-only=json-v1`, so the case tests (label "case") make one row; that call
      rewrites LastTest.log (every ctest call does), so the log is read first and `log` works once per run.
  python3 -m bench test-times run [--build-dir DIR] [-j N] [--top N] [--by-test] [-- CTEST_SELECTION...]
      runs the tests itself, the ones `ctest CTEST_SELECTION --show-only=json-v1` lists (default: `--preset default`,
      run from the source folder), N at a time in ctest's order (fixture setups and DEPENDS first, the costliest
      ready test first), each with its command, folder, environment, timeout, SKIP_RETURN_CODE and pass/fail
      regular expressions. For each test it records the wall time and the CPU time (user + system) of the test and
      of every process it waited for (wait4), which load changes far less than wall time: on a machine shared with
      others, the CPU column is the one to compare between runs.

  python3 -m bench test-times suite [--top N] [-j N] TEST_BINARY...
      runs Criterion suites (build/default/harness/tests/test_*) with --tap and lists their slowest tests (wall
      time as Criterion measured it), with each suite's wall and CPU time: where a harness suite's time goes.

Each prints a Markdown table, slowest first, the sums and the load average. Exit status: 0, or 2 when the log or
the build folder cannot be read. What ctest's own scheduler adds is not in `run`'s wall total; `log` is ctest's.
"""
import argparse
import json
import os
import pathlib
import re
import resource
import signal
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def ctest_tests(build_dir, selection):
    """The tests ctest would run: [{name, command, properties{...}}] from --show-only=json-v1."""
    command = ["ctest", "--show-only=json-v1"] + selection
    where = ROOT if any(a.startswith("--preset") for a in selection) else build_dir
    if where == build_dir:
        command[1:1] = ["--test-dir", str(build_dir)]
    done = subprocess.run(command, cwd=where, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"test-times: {' '.join(command)}: {done.stderr.strip()[:300]}")
    tests = []
    for test in json.loads(done.stdout)["tests"]:
        properties = {p["name"]: p["value"] for p in test.get("properties", [])}
        tests.append({"name": test["name"], "command": test.get("command", []), "properties": properties})
    return tests


def group_of(name, labels):
    """The row a test adds to: the case tests make one row per level, the rest one row each."""
    if "case" in labels:
        level = name.split("@", 1)[1] if "@" in name else "default level"
        return f"cases ({level})"
    return name


def read_last_log(build_dir):
    """[(name, wall seconds, status)] of the last ctest run in build_dir."""
    log = build_dir / "Testing" / "Temporary" / "LastTest.log"
    try:
        text = log.read_text(errors="replace")
    except OSError as error:
        raise SystemExit(f"test-times: cannot read {log}: {error.strerror}")
    rows = []
    # Each test's block: `N/M Test: NAME` ... `Test time =   1.23 sec` ... `Test Passed.` (or Failed, Skipped...)
    for block in re.split(r"\n(?=\d+/\d+ Testing: )", text):
        name = re.search(r"^\d+/\d+ Test: (.+)$", block, re.M)
        seconds = re.search(r"^Test time = +([0-9.]+) sec$", block, re.M)
        if not name or not seconds:
            continue
        status = re.search(r"^Test (Passed|Failed|Skipped|Not Run)|^Test [A-Za-z ]+\.", block, re.M)
        rows.append((name.group(1).strip(), float(seconds.group(1)), status.group(0) if status else "?"))
    if not rows:
        raise SystemExit(f"test-times: {log} names no test (was ctest run in {build_dir}?)")
    return rows


class Runner:
    """Runs tests as ctest would, N at a time, and measures each with wait4."""

    def __init__(self, tests, jobs, progress=None):
        self.tests = {t["name"]: t for t in tests}
        self.jobs = jobs
        self.progress = progress   # a file: one line per finished test, as it finishes
        self.results = []
        setups = {}
        for test in tests:
            for fixture in self._list(test, "FIXTURES_SETUP"):
                setups.setdefault(fixture, []).append(test["name"])
        self.waits_for = {}
        for test in tests:
            before = set(self._list(test, "DEPENDS"))
            for fixture in self._list(test, "FIXTURES_REQUIRED"):
                before.update(setups.get(fixture, []))
            before.discard(test["name"])
            self.waits_for[test["name"]] = {b for b in before if b in self.tests}

    @staticmethod
    def _list(test, key):
        value = test["properties"].get(key, [])
        return value if isinstance(value, list) else [value]

    def _depth(self, name, seen=()):
        """ctest's order: tests that others wait for (deepest chains first), then COST."""
        waiting = [n for n, before in self.waits_for.items() if name in before and n not in seen]
        return 1 + max((self._depth(n, seen + (name,)) for n in waiting), default=0)

    def _start(self, name):
        test = self.tests[name]
        properties = test["properties"]
        environment = dict(os.environ)
        for item in self._list(test, "ENVIRONMENT"):
            key, _, value = item.partition("=")
            environment[key] = value
        # A file, not a pipe: a test that writes much would block on a pipe nobody reads until it exits.
        output = tempfile.TemporaryFile()
        process = subprocess.Popen(test["command"], cwd=properties.get("WORKING_DIRECTORY") or None,
                                   env=environment, stdin=subprocess.DEVNULL, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        process.output_file = output
        timeout = float(properties.get("TIMEOUT") or 1500)
        return process, time.monotonic(), timeout

    def _verdict(self, test, status, output):
        properties = test["properties"]
        passes = self._list(test, "PASS_REGULAR_EXPRESSION")
        fails = self._list(test, "FAIL_REGULAR_EXPRESSION")
        if str(status) == str(properties.get("SKIP_RETURN_CODE", "")):
            return "skipped"
        if any(re.search(f, output, re.M) for f in fails):
            return "failed"
        if passes:
            return "passed" if any(re.search(p, output, re.M) for p in passes) else "failed"
        return "passed" if status == 0 else f"failed ({status})"

    def run(self):
        order = {n: (self._depth(n), float(t["properties"].get("COST") or 0)) for n, t in self.tests.items()}
        pending, done, running, results = set(self.tests), set(), {}, self.results
        self.running = running
        while pending or running:
            ready = sorted((n for n in pending if self.waits_for[n] <= done), key=lambda n: order[n], reverse=True)
            while ready and len(running) < self.jobs:
                name = ready.pop(0)
                pending.discard(name)
                process, started, timeout = self._start(name)
                running[process.pid] = (name, process, started, timeout)
            if not running:   # what is left waits for a test that is not selected: run it anyway, as ctest does
                for name in pending:
                    self.waits_for[name] = set()
                continue
            pid, status, usage = os.wait4(-1, os.WNOHANG)
            if pid == 0:
                self._kill_late(running)
                time.sleep(0.02)
                continue
            if pid not in running:
                continue
            name, process, started, _ = running.pop(pid)
            wall = time.monotonic() - started
            process.returncode = os.waitstatus_to_exitcode(status)   # reaped here: Popen must not wait again
            process.output_file.seek(0)
            output = process.output_file.read().decode(errors="replace")
            process.output_file.close()
            code = os.waitstatus_to_exitcode(status)
            results.append((name, wall, usage.ru_utime + usage.ru_stime,
                            self._verdict(self.tests[name], code, output)))
            if self.progress:
                print("\t".join(str(x) for x in results[-1]), file=self.progress, flush=True)
                if results[-1][3] not in ("passed", "skipped"):   # what a failed test said, next to the progress file
                    pathlib.Path(f"{self.progress.name}.{re.sub(r'[^A-Za-z0-9_.@-]', '_', name)}.log").write_text(output)
            done.add(name)
        return results

    def stop(self):
        """SIGTERM or Ctrl-C: the tests still running are killed; what finished is kept."""
        for _, process, _, _ in getattr(self, "running", {}).values():
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    @staticmethod
    def _kill_late(running):
        for name, process, started, timeout in running.values():
            if time.monotonic() - started > timeout:
                os.killpg(process.pid, signal.SIGKILL)


def print_table(rows, labels, top, by_test, header):
    """rows: (name, wall, cpu or None, status)."""
    groups = {}
    for name, wall, cpu, status in rows:
        key = name if by_test else group_of(name, labels.get(name, []))
        entry = groups.setdefault(key, [0, 0.0, None if cpu is None else 0.0, {}])
        entry[0] += 1
        entry[1] += wall
        if cpu is not None:
            entry[2] += cpu
        entry[3][status] = entry[3].get(status, 0) + 1
    with_cpu = any(cpu is not None for _, _, cpu, _ in rows)
    key = (lambda item: item[1][2]) if with_cpu else (lambda item: item[1][1])
    listed = sorted(groups.items(), key=key, reverse=True)
    print(header)
    print()
    print("| test | tests | wall (sum) | " + ("CPU (user + sys) | " if with_cpu else "") + "status |")
    print("|---|---:|---:|" + ("---:|" if with_cpu else "") + "---|")
    for name, (count, wall, cpu, statuses) in listed[:top]:
        status = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
        print(f"| {name} | {count} | {wall:.1f} s | " + (f"{cpu:.1f} s | " if with_cpu else "") + f"{status} |")
    if len(listed) > top:
        rest = listed[top:]
        wall = sum(e[1] for _, e in rest)
        cpu = sum(e[2] or 0 for _, e in rest)
        print(f"| ({len(rest)} more rows) | {sum(e[0] for _, e in rest)} | {wall:.1f} s | "
              + (f"{cpu:.1f} s | " if with_cpu else "") + " |")
    cases = [r for r in rows if "case" in labels.get(r[0], [])]
    if cases and len(cases) < len(rows):
        wall = sum(r[1] for r in cases)
        cpu = sum(r[2] or 0 for r in cases)
        print(f"| the case tests (label case) | {len(cases)} | {wall:.1f} s | " + (f"{cpu:.1f} s | " if with_cpu else "")
              + " |")
    total_wall = sum(r[1] for r in rows)
    total_cpu = sum(r[2] or 0 for r in rows)
    print(f"| **all** | {len(rows)} | {total_wall:.1f} s | " + (f"{total_cpu:.1f} s | " if with_cpu else "") + " |")


def suite_times(binaries, jobs, top):
    """The slowest tests of Criterion suites, from their TAP lines `ok - suite::test  (1.23s)`."""
    if not binaries:
        raise SystemExit("test-times: suite needs the Criterion binaries to run")
    tests, suites = [], []
    for binary in binaries:
        started = time.monotonic()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run([binary, "--tap", f"--jobs={jobs}"], capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        suites.append((pathlib.Path(binary).name, time.monotonic() - started, cpu, done.returncode))
        for line in done.stdout.splitlines():
            found = re.match(r"^(ok|not ok) - (\S+)\s.*\(([0-9.]+)s\)\s*$", line)
            if found:
                tests.append((float(found.group(3)), found.group(2), found.group(1)))
    print(f"Criterion suites, --jobs={jobs}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} after.")
    print()
    print("| suite | wall | CPU (user + sys) | exit |")
    print("|---|---:|---:|---:|")
    for name, wall, cpu, code in sorted(suites, key=lambda s: s[2], reverse=True):
        print(f"| {name} | {wall:.1f} s | {cpu:.1f} s | {code} |")
    print()
    print("| test | wall | result |")
    print("|---|---:|---|")
    for seconds, name, result in sorted(tests, reverse=True)[:top]:
        print(f"| {name} | {seconds:.2f} s | {result} |")
    return 0


def main(argv=None, prog="python3 -m bench test-times"):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["log", "run", "suite"])
    parser.add_argument("--build-dir", type=pathlib.Path, default=ROOT / "build" / "default")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--top", type=int, default=40, help="rows shown (the rest are summed in one)")
    parser.add_argument("--by-test", action="store_true", help="one row per test, the case tests too")
    parser.add_argument("--progress", type=pathlib.Path, help="run: also write a line per finished test to this file")
    parser.add_argument("selection", nargs="*", help="ctest's selection (after --), default --preset default")
    args = parser.parse_intermixed_args(argv)
    if args.mode == "suite":
        return suite_times(args.selection, args.jobs, args.top)
    build_dir = args.build_dir.resolve()
    selection = args.selection or ["--preset", "default"]
    # Read first: any ctest call, --show-only too, rewrites LastTest.log.
    last_run = read_last_log(build_dir) if args.mode == "log" else []
    try:
        listed = ctest_tests(build_dir, selection if args.mode == "run" else [])
    except SystemExit:
        if args.mode == "run":
            raise
        listed = []
    labels = {t["name"]: Runner._list(t, "LABELS") for t in listed}
    load_before = os.getloadavg()
    if args.mode == "log":
        rows = [(name, wall, None, status) for name, wall, status in last_run]
        header = f"Last ctest run in {build_dir} (Testing/Temporary/LastTest.log): wall time per test as ctest measured it."
        print_table(rows, labels, args.top, args.by_test, header)
        return 0
    started = time.monotonic()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    progress = open(args.progress, "w") if args.progress else None
    runner = Runner(listed, args.jobs, progress)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    stopped = ""
    try:
        rows = runner.run()
    except KeyboardInterrupt:
        runner.stop()
        rows = runner.results
        stopped = f" STOPPED before its end: {len(listed) - len(rows)} of {len(listed)} tests did not finish;"
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed = time.monotonic() - started
    load_after = os.getloadavg()
    cpu_all = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    header = (f"`python3 -m bench test-times run -j {args.jobs} -- {' '.join(selection)}` in {build_dir}:{stopped} {len(rows)} tests "
              f"in {elapsed:.1f} s of wall time, {cpu_all:.1f} s of CPU (user + system, the tests and their "
              f"children); load average {' '.join(f'{x:.2f}' for x in load_before)} before, "
              f"{' '.join(f'{x:.2f}' for x in load_after)} after ({os.cpu_count()} CPUs).")
    print_table([(n, w, c, s) for n, w, c, s in rows], labels, args.top, args.by_test, header)
    return 0

