"""casebook.catalog: manifests, running a case through a tsan-verify (fakes whose behaviour each test states, and the
real one where ctest names it), the options the harness gives a case, ctest's JUnit."""
import json
import os
import pathlib
import tempfile
import unittest

from casebook import catalog
from casebook.tests.support import real_tsan_verify, write_script

ROOT = pathlib.Path(__file__).resolve().parents[2]


def json_doc(outcome, kinds=(), diagnostics=()):
    return {"outcome": outcome, "reports": [{"kind": k} for k in kinds],
            "diagnostics": [{"message": m} for m in diagnostics]}


class Manifest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.build = pathlib.Path(self.folder.name)
        (self.build / "CMakeCache.txt").write_text("CASEBOOK_OPT_LEVELS:STRING=O2;O0\nCMAKE_C_COMPILER:FILEPATH=/x/cc\n")

    def tearDown(self):
        self.folder.cleanup()

    def test_a_plain_name_is_the_first_level_of_the_cache(self):
        (self.build / catalog.ALL_LEVELS).write_text(
            f"seed/no_lock\t{self.build}/cases/O2/seed.no_lock\t/src/seed/no_lock.c\tclang-14\n"
            f"seed/no_lock@O0\t{self.build}/cases/O0/seed.no_lock\t/src/seed/no_lock.c\tclang-14\n")
        entries = catalog.read_manifest(self.build)
        self.assertEqual([(e["name"], e["case"], e["level"]) for e in entries],
                         [("seed/no_lock", "seed/no_lock", "O2"), ("seed/no_lock@O0", "seed/no_lock", "O0")])
        self.assertEqual(catalog.manifest_targets(self.build), ["cases/O2/seed.no_lock", "cases/O0/seed.no_lock"])
        self.assertEqual(catalog.cache_value(self.build, "CMAKE_C_COMPILER"), "/x/cc")
        self.assertIsNone(catalog.cache_value(self.build, "MISSING"))

    def test_a_bad_line_is_named_by_file_and_line(self):
        (self.build / catalog.DEFAULT_LEVEL).write_text("a\tb\tc\td\nonly\ttwo\n")
        with self.assertRaisesRegex(ValueError, r"cases\.manifest:2: expected 4 tab-separated fields, found 2"):
            catalog.read_manifest(self.build, catalog.DEFAULT_LEVEL)


class Verdicts(unittest.TestCase):
    def test_met_is_pass_with_the_kinds_counted(self):
        verdict, kinds, detail = catalog.verdict_of(json_doc("met", ["data race (write)", "data race", "thread leak"]))
        self.assertEqual((verdict, kinds, detail), ("pass", ["data race x2", "thread leak"], ""))

    def test_not_met_fails_with_its_diagnostics(self):
        self.assertEqual(catalog.verdict_of(json_doc("not met", [], ["a", "b"])), ("FAIL", [], "a; b"))
        self.assertEqual(catalog.verdict_of(json_doc("skipped"))[0], "skip")


class RunCase(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.dir = pathlib.Path(self.folder.name)
        self.binary = self.dir / "case.bin"
        self.binary.write_text("")
        self.entry = {"case": "seed/x", "level": "O1", "binary": str(self.binary), "source": "/src/x.c",
                      "toolchain": "clang-14"}
        del catalog.RETRIED[:]

    def tearDown(self):
        self.folder.cleanup()

    def test_exit_2_is_run_once_more_and_said(self):
        counter = self.dir / "runs"
        verify = write_script(self.dir / "verify", f"""
import json
path = {str(counter)!r}
runs = int(open(path).read()) + 1 if os.path.exists(path) else 1
open(path, "w").write(str(runs))
if runs == 1:
    print(json.dumps({json.dumps(json_doc("cannot check", [], ["symbolizer outlived"]))}))
    sys.exit(2)
assert sys.argv[1:4] == ["--json", "--binary", {str(self.binary)!r}], sys.argv
print(json.dumps({json.dumps(json_doc("met", ["data race"]))}))
""")
        verdict, kinds, detail = catalog.run_case(verify, self.entry)
        self.assertEqual((verdict, kinds), ("pass", ["data race"]))
        self.assertIn("run again after exit 2 (symbolizer outlived)", detail)
        self.assertEqual(counter.read_text(), "2")
        self.assertEqual(len(catalog.RETRIED), 1)

    def test_no_json_is_a_failure_naming_stderr(self):
        verify = write_script(self.dir / "verify", "print('boom', file=sys.stderr); sys.exit(1)")
        self.assertEqual(catalog.run_case(verify, self.entry), ("FAIL", [], "boom"))

    def test_a_binary_not_built_is_a_failure_unless_the_harness_skips_it(self):
        """A program the build did not make is asked of the harness once (an OpenMP case on a toolchain without
        its runtime skips, naming the package), and is a failure for any other answer."""
        self.entry["binary"] = str(self.dir / "missing")
        met = write_script(self.dir / "met", f"print({json.dumps(json.dumps(json_doc('met', [])))})")
        self.assertEqual(catalog.run_case(met, self.entry), ("FAIL", [], "not built"))
        skipped = write_script(self.dir / "skipped", f"print({json.dumps(json.dumps(json_doc('skipped', [])))})")
        self.assertEqual(catalog.run_case(skipped, self.entry)[0], "skip")

    def test_recorded_results_run_nothing(self):
        entries = [dict(self.entry, level="O0"), dict(self.entry, level="O2")]
        cases, details = catalog.run_entries("/nonexistent", entries, 2,
                                             recorded=lambda e: ("pass", [], "") if e["level"] == "O0" else
                                             ("FAIL", ["data race"], "why"))
        self.assertEqual(cases, {"seed/x": {"O0": {"verdict": "pass", "reported": []},
                                            "O2": {"verdict": "FAIL", "reported": ["data race"]}}})
        self.assertEqual(details, {("seed/x", "O2"): "why"})


class HarnessOptions(unittest.TestCase):
    def test_a_line_per_source_in_order(self):
        with tempfile.TemporaryDirectory() as folder:
            verify = write_script(pathlib.Path(folder) / "verify", """
assert sys.argv[1] == "--print-tsan-options"
for source in sys.argv[2:]:
    print(f"x={os.path.basename(source)}:{os.environ.get('TSAN_OPTIONS', '')}:log_path=stderr")
""")
            options = catalog.harness_tsan_options(verify, ["/a/one.c", "/b/two.c", "/a/one.c"],
                                                   env=dict(os.environ, TSAN_OPTIONS="mine=1"))
            self.assertEqual(options, {"/a/one.c": "x=one.c:mine=1:log_path=stderr",
                                       "/b/two.c": "x=two.c:mine=1:log_path=stderr"})

    def test_a_missing_line_or_a_failure_is_unknown(self):
        with tempfile.TemporaryDirectory() as folder:
            short = write_script(pathlib.Path(folder) / "short", "print('a=1:log_path=stderr')")
            with self.assertRaisesRegex(catalog.OptionsUnknown, r"1 lines for 2 cases"):
                catalog.harness_tsan_options(short, ["/a.c", "/b.c"])
            failing = write_script(pathlib.Path(folder) / "failing", "print('no such case', file=sys.stderr); sys.exit(2)")
            with self.assertRaisesRegex(catalog.OptionsUnknown, "no such case"):
                catalog.harness_tsan_options(failing, ["/a.c"])
            elsewhere = write_script(pathlib.Path(folder) / "elsewhere", "print('a=1:log_path=/tmp/x')")
            with self.assertRaisesRegex(catalog.OptionsUnknown, "does not end in log_path=stderr"):
                catalog.harness_tsan_options(elsewhere, ["/a.c"])

    def test_log_path_replaced_and_quoted_when_it_must_be(self):
        self.assertEqual(catalog.with_log_path("a=1:log_path=stderr", "/tmp/d/direct"), "a=1:log_path=/tmp/d/direct")
        self.assertEqual(catalog.with_log_path("a=1:log_path=stderr", "/tmp/a b/direct"),
                         'a=1:log_path="/tmp/a b/direct"')

    @unittest.skipUnless(real_tsan_verify(), "needs the built tsan-verify ($TSAN_VERIFY, set by ctest)")
    def test_the_real_harness_gives_the_case_its_own_suppressions(self):
        source = ROOT / "cases" / "limits" / "suppressed.c"
        plain = ROOT / "cases" / "seed" / "no_lock.c"
        environment = {k: v for k, v in os.environ.items() if k not in ("TSAN_OPTIONS", "UBSAN_OPTIONS")}
        options = catalog.harness_tsan_options(real_tsan_verify(), [source, plain], environment)
        self.assertIn(f":suppressions={source.parent}/suppressed.supp:", options[str(source)])
        self.assertIn(":suppressions=:", options[str(plain)])
        self.assertIn(":verbosity=1:", options[str(plain)])


class JUnit(unittest.TestCase):
    def test_statuses_and_times(self):
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "junit.xml"
            path.write_text('<?xml version="1.0"?><testsuite>'
                            '<testcase name="a" time="1.5" status="run"/>'
                            '<testcase name="b" time="0.2" status="fail"><failure message="x"/></testcase>'
                            '<testcase name="c" time="0" status="notrun"><skipped/></testcase>'
                            '<testcase name="d" status="disabled"/></testsuite>')
            results = catalog.junit_results(path)
            self.assertEqual(results, {"a": ("pass", 1.5), "b": ("fail", 0.2), "c": ("skip", 0.0),
                                       "d": ("skip", 0.0)})
            self.assertEqual(catalog.tally(results), {"pass": 1, "fail": 1, "skip": 2})
            path.write_text("<testsuite><testcase")
            self.assertEqual(catalog.junit_results(path), {})


class Toolchains(unittest.TestCase):
    def test_sorted_by_family_then_major(self):
        self.assertEqual(sorted(["gcc-12", "clang-19", "clang-13", "gcc-11", "clang-9"], key=catalog.toolchain_key),
                         ["clang-9", "clang-13", "clang-19", "gcc-11", "gcc-12"])


if __name__ == "__main__":
    unittest.main()
