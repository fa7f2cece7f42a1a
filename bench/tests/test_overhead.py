"""bench.overhead: the plan made from ctest's commands, the rounds in turns, cases left out, and run-and-reap's
wait for every process."""
import os
import pathlib
import shutil
import subprocess
import tempfile
import time
import unittest

from bench import overhead
from casebook.tests.support import write_script


def fake_options(verify, sources, env):
    return {s: f"from={verify}:case={os.path.basename(s)}:log_path=stderr" for s in sources}


class Plan(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.dir = pathlib.Path(self.folder.name)
        flags = self.dir / "case.cflags"
        flags.write_text('-fsanitize=thread -g "-DNAME=a b"\n')
        self.test = {"name": "seed/no_lock", "folder": "/build/cases",
                     "command": ["/build/tsan-verify", "--binary", "/build/cases/O1/seed.no_lock", "--cc", "/usr/bin/cc",
                                 "--cflag", f"@{flags}", "--results", "/build/results/O1/seed/no_lock.json",
                                 "/src/cases/seed/no_lock.c"]}

    def tearDown(self):
        self.folder.cleanup()

    def test_each_side_of_a_case(self):
        [case] = overhead.plan([self.test], self.dir / "scratch", options_of=fake_options)
        self.assertEqual(case["binary"], "/build/cases/O1/seed.no_lock")
        self.assertEqual(case["command"][case["command"].index("--results") + 1], str(self.dir / "scratch" /
                                                                                       "result.json"))
        self.assertEqual(case["options"], f"from=/build/tsan-verify:case=no_lock.c:log_path={self.dir}/scratch/direct")
        self.assertNotIn("--cc", case["bare"])
        self.assertNotIn("--cflag", case["bare"])
        self.assertEqual(case["bare"][-1], "/src/cases/seed/no_lock.c")
        self.assertEqual(case["reading"], ["/usr/bin/cc", "-fsanitize=thread", "-g", "-DNAME=a b", "-E", "-C",
                                           "/src/cases/seed/no_lock.c", "-o", "/dev/null"])

    def test_another_harness_keeps_the_builds_options(self):
        [case] = overhead.plan([self.test], self.dir, harness="/old/tsan-verify", options_of=fake_options)
        self.assertEqual(case["command"][0], "/old/tsan-verify")
        self.assertTrue(case["options"].startswith("from=/build/tsan-verify:"))

    def test_a_command_without_binary_cannot_be_measured(self):
        self.test["command"].remove("--binary")
        with self.assertRaisesRegex(overhead.CannotMeasure, "seed/no_lock: its command has no --binary"):
            overhead.plan([self.test], self.dir, options_of=fake_options)


class FakeSides:
    """Sides whose runs take the seconds SECONDS[(side, name)] on a fake clock, with exit statuses STATUS."""

    def __init__(self, seconds, status=None):
        self.now, self.seconds, self.status, self.calls = 0.0, seconds, status or {}, []
        for side in overhead.SIDES:
            setattr(self, side, self._side(side))

    def clock(self):
        return self.now

    def _side(self, side):
        def run(case):
            self.calls.append((side, case["name"]))
            self.now += self.seconds.get((side, case["name"]), 0.0)
            key = (side, case["name"], len([c for c in self.calls if c == (side, case["name"])]))
            return self.status.get(key, 0)
        return run


class Measure(unittest.TestCase):
    cases = [{"name": "a", "reading": ["cc"]}, {"name": "b", "reading": None}]

    def test_rounds_in_turns_and_the_ratio(self):
        sides = FakeSides({("direct", "a"): 1.0, ("harness", "a"): 1.2, ("direct", "b"): 2.0, ("harness", "b"): 2.0})
        state = overhead.measure(self.cases, 2, sides, clock=sides.clock)
        self.assertEqual(sides.calls[:4], [("direct", "a"), ("harness", "a"), ("direct", "b"), ("harness", "b")])
        self.assertEqual(sides.calls[4:], [("harness", "a"), ("direct", "a"), ("harness", "b"), ("direct", "b")])
        self.assertEqual(state["rounds"], [{"direct": 3.0, "harness": 3.2}] * 2)
        self.assertAlmostEqual(overhead.ratio(state), 6.4 / 6.0)
        self.assertEqual((state["runs"], state["cases"]), (4, 2))

    def test_a_case_the_harness_skips_or_fails_leaves_every_round(self):
        sides = FakeSides({("direct", "a"): 1.0, ("harness", "a"): 1.0, ("direct", "b"): 5.0, ("harness", "b"): 0.25},
                          status={("harness", "b", 2): 2})
        state = overhead.measure(self.cases, 1, sides, clock=sides.clock)
        self.assertEqual(state["rounds"], [{"direct": 6.0, "harness": 1.25}])
        state = overhead.measure(self.cases, 2, sides, clock=sides.clock, state=state)
        self.assertEqual(state["left_out"], {"b": "the harness exited 2 (not met or cannot check)"})
        self.assertEqual(state["rounds"], [{"direct": 1.0, "harness": 1.0}] * 3, "b leaves round 1 too")
        self.assertNotIn(("direct", "b"), sides.calls[-2:], "and runs no more")
        skipped = FakeSides({}, status={("harness", "a", 1): 77})
        self.assertEqual(overhead.measure(self.cases, 1, skipped, clock=skipped.clock)["left_out"],
                         {"a": "skipped (exit 77)"})

    def test_parts_count_the_readings_that_outlast_the_run(self):
        sides = FakeSides({("direct", "a"): 1.0, ("reading", "a"): 1.5, ("direct", "b"): 1.0})
        state = overhead.measure(self.cases, 3, sides, parts=True, clock=sides.clock)
        self.assertEqual(state["outlasted"], 3)
        self.assertEqual(sides.calls[:4], [("direct", "a"), ("harness", "a"), ("bare", "a"), ("reading", "a")])


@unittest.skipUnless(shutil.which(os.environ.get("CC") or "cc"), "needs a C compiler for run-and-reap.c")
class RunAndReap(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.dir = pathlib.Path(self.folder.name)
        self.reaper = overhead.compile_reaper(self.dir)

    def tearDown(self):
        self.folder.cleanup()

    def test_it_waits_for_a_process_the_program_left_behind(self):
        late = self.dir / "late"
        command = ["sh", "-c", f"(sleep 0.5; echo done > {late}) & exit 3"]
        started = time.monotonic()
        status = subprocess.run([self.reaper] + command).returncode
        self.assertEqual(status, 3, "the program's own exit status")
        self.assertGreaterEqual(time.monotonic() - started, 0.5)
        self.assertEqual(late.read_text(), "done\n", "the background process finished before run-and-reap returned")

    def test_a_direct_run_gets_the_options_and_no_ubsan_options(self):
        seen = self.dir / "seen"
        program = write_script(self.dir / "program", f"""
open({str(seen)!r}, "w").write(os.environ["TSAN_OPTIONS"] + "|" + os.environ.get("UBSAN_OPTIONS", "unset"))
open({str(self.dir / 'direct.123')!r}, "w").write("a log")
""")
        environment = {k: v for k, v in os.environ.items() if k != "UBSAN_OPTIONS"}
        sides = overhead.Sides(self.reaper, self.dir, environment)
        case = {"binary": program, "folder": str(self.dir), "options": "a=1:log_path=/x"}
        self.assertEqual(sides.direct(case), 0)
        self.assertEqual(seen.read_text(), "a=1:log_path=/x|unset")
        self.assertFalse((self.dir / "direct.123").exists(), "the direct run's logs are removed")


if __name__ == "__main__":
    unittest.main()
