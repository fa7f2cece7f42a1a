"""bench.test_times: ctest's last log read, the rows grouped, and the runner that runs tests as ctest would (their
order, their verdicts, their CPU time) on tests made for it."""
import contextlib
import io
import pathlib
import sys
import tempfile
import unittest

from bench import test_times

FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"


def test(name, command, **properties):
    return {"name": name, "command": command, "properties": properties}


class LastLog(unittest.TestCase):
    def test_each_test_with_its_time_and_status(self):
        rows = test_times.read_last_log(FIXTURES / "build")
        self.assertEqual(rows, [("seed/no_lock", 2.56, "Test Passed"), ("seed/no_lock@O0", 1.8, "Test Failed"),
                                ("format/clang-format", 5.84, "Test Passed")])

    def test_a_folder_without_a_log_is_an_error_naming_it(self):
        with tempfile.TemporaryDirectory() as folder:
            with self.assertRaisesRegex(SystemExit, r"cannot read .*LastTest\.log"):
                test_times.read_last_log(pathlib.Path(folder))

    def test_case_tests_make_a_row_per_level(self):
        self.assertEqual(test_times.group_of("seed/no_lock", ["case", "O1"]), "cases (default level)")
        self.assertEqual(test_times.group_of("seed/no_lock@O2", ["case"]), "cases (O2)")
        self.assertEqual(test_times.group_of("docs/runs", ["docs"]), "docs/runs")

    def test_the_table_sums_the_groups_and_the_cases(self):
        rows = [("a/x", 1.0, 0.5, "passed"), ("a/x@O0", 2.0, 1.0, "passed"), ("b/y", 1.0, 0.5, "passed"),
                ("docs/runs", 10.0, 3.0, "failed (1)")]
        labels = {"a/x": ["case"], "a/x@O0": ["case"], "b/y": ["case"], "docs/runs": ["docs"]}
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            test_times.print_table(rows, labels, 40, False, "header")
        text = out.getvalue()
        self.assertIn("| cases (default level) | 2 | 2.0 s | 1.0 s | 2 passed |", text)
        self.assertIn("| the case tests (label case) | 3 | 4.0 s | 2.0 s |  |", text)
        self.assertIn("| **all** | 4 | 14.0 s | 5.0 s |  |", text)
        self.assertLess(text.index("docs/runs"), text.index("cases (O0)"), "slowest CPU first")


class Runner(unittest.TestCase):
    def test_order_verdicts_and_cpu(self):
        with tempfile.TemporaryDirectory() as folder:
            order = pathlib.Path(folder) / "order"
            append = f"open({str(order)!r}, 'a').write('{{}}\\n')"
            py = sys.executable
            tests = [
                test("needs-fixture", [py, "-c", append.format("needs-fixture")], FIXTURES_REQUIRED=["f"], COST="99"),
                test("setup", [py, "-c", append.format("setup") + "; import time; time.sleep(0.2)"],
                     FIXTURES_SETUP=["f"]),
                test("skips", [py, "-c", "raise SystemExit(77)"], SKIP_RETURN_CODE=77),
                test("says-ok", [py, "-c", "print('all OK')"], PASS_REGULAR_EXPRESSION=["OK$"]),
                test("says-no", [py, "-c", "print('nope')"], PASS_REGULAR_EXPRESSION=["OK$"]),
                test("says-error", [py, "-c", "print('ERROR: x')"], FAIL_REGULAR_EXPRESSION=["^ERROR"]),
                test("exits-3", [py, "-c", "raise SystemExit(3)"]),
                test("busy", [py, "-c", "sum(range(3_000_000))"]),
            ]
            results = {name: (wall, cpu, verdict) for name, wall, cpu, verdict in
                       test_times.Runner(tests, 2).run()}
            lines = order.read_text().splitlines()
            self.assertEqual(lines, ["setup", "needs-fixture"], "a fixture's setup ends before the test that needs it")
            self.assertEqual({n: v for n, (_, _, v) in results.items()},
                             {"needs-fixture": "passed", "setup": "passed", "skips": "skipped", "says-ok": "passed",
                              "says-no": "failed", "says-error": "failed", "exits-3": "failed (3)", "busy": "passed"})
            self.assertGreaterEqual(results["setup"][0], 0.2)
            self.assertGreater(results["busy"][1], 0.0, "CPU time measured with wait4")

    def test_a_late_test_is_killed_and_its_time_kept(self):
        tests = [test("slow", [sys.executable, "-c", "import time; time.sleep(30)"], TIMEOUT="0.3")]
        [(name, wall, _, verdict)] = test_times.Runner(tests, 1).run()
        self.assertEqual(name, "slow")
        self.assertLess(wall, 10)
        self.assertEqual(verdict, "failed (-9)")


if __name__ == "__main__":
    unittest.main()
