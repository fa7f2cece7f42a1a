"""bench.run's pieces: the subsets, the ctest name filter, the cases read from a build's manifest with the options
the harness gives them, and the work folder's guard."""
import argparse
import contextlib
import io
import os
import pathlib
import re
import tempfile
import unittest

from bench import run
from casebook.tests.support import real_tsan_verify, write_script

ROOT = pathlib.Path(__file__).resolve().parents[2]


class Subsets(unittest.TestCase):
    cases = [{"name": f"folder{i % 3}/case{i}_{'bug' if i % 2 else 'fixed'}"} for i in range(11)]

    def test_the_quarter_lies_in_the_half_and_the_order_is_fixed(self):
        quarter, half = run.subsets(self.cases)
        self.assertEqual((len(quarter), len(half)), (3, 6))
        self.assertEqual(quarter, half[:3])
        self.assertEqual(run.subsets(list(reversed(self.cases))), (quarter, half), "whatever the manifest's order")

    def test_the_name_filter_matches_exactly_the_subset(self):
        subset = [{"name": "a/x+y"}, {"name": "b/z.w"}]
        pattern = re.compile(run.subset_regex(subset))
        self.assertTrue(pattern.match("a/x+y") and pattern.match("b/z.w"))
        self.assertFalse(pattern.match("a/xxy") or pattern.match("b/zzw") or pattern.match("a/x+y@O0"))


class Cases(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.build = pathlib.Path(self.folder.name)
        (self.build / "CMakeCache.txt").write_text("CASEBOOK_OPT_LEVELS:STRING=O1;O0;O2\n")
        sources = self.build / "src"
        sources.mkdir()
        (sources / "racy.c").write_text("int x; // expect-tsan: data race\n")
        (sources / "new.c").write_text("// requires-tsan: clang>=18\n// expect-tsan: none\n")
        (self.build / "cases.manifest").write_text(
            f"seed/racy\t/b/seed.racy\t{sources}/racy.c\tclang-14\nmisuse/new\t/b/misuse.new\t{sources}/new.c\tclang-14\n")

    def tearDown(self):
        self.folder.cleanup()

    def test_markers_skips_and_the_harness_options(self):
        verify = write_script(self.build / "verify", """
for source in sys.argv[2:]:
    print(f"from={os.path.basename(source)}:log_path=stderr")
""")
        cases = run.read_cases(self.build, verify, dict(os.environ))
        self.assertEqual([(c["name"], c["skip"], c["options"]) for c in cases],
                         [("seed/racy", False, "from=racy.c:log_path=stderr"),
                          ("misuse/new", True, "from=new.c:log_path=stderr")])
        self.assertEqual(run.kind_names(cases, "data race"), ["seed/racy"])
        self.assertEqual(run.kind_names(cases, "none"), [], "a skipped case is never a fastest case")

    @unittest.skipUnless(real_tsan_verify(), "needs the built tsan-verify ($TSAN_VERIFY, set by ctest)")
    def test_with_the_real_harness(self):
        source = ROOT / "cases" / "limits" / "suppressed.c"
        (self.build / "cases.manifest").write_text(f"limits/suppressed\t/b/x\t{source}\tclang-14\n")
        [case] = run.read_cases(self.build, real_tsan_verify(),
                                {k: v for k, v in os.environ.items() if k not in ("TSAN_OPTIONS", "UBSAN_OPTIONS")})
        self.assertTrue(case["options"].endswith(":log_path=stderr"))
        self.assertIn(f"suppressions={source.parent}/suppressed.supp", case["options"])


class WorkFolder(unittest.TestCase):
    def test_a_foreign_folder_is_refused_and_a_bench_folder_reused(self):
        with tempfile.TemporaryDirectory() as folder:
            foreign = pathlib.Path(folder) / "foreign"
            foreign.mkdir()
            (foreign / "precious.txt").write_text("mine")
            with self.assertRaisesRegex(SystemExit, "not empty and not a bench work folder"):
                run.work_folder(argparse.Namespace(workdir=str(foreign)))
            mine = run.work_folder(argparse.Namespace(workdir=str(pathlib.Path(folder) / "work")))
            (mine / "build-default").mkdir()
            self.assertEqual(run.work_folder(argparse.Namespace(workdir=str(mine))), mine)
            (mine / "PERFORMANCE.md").write_text("numbers")
            run.keep_only_doc(mine)
            self.assertEqual(sorted(p.name for p in mine.iterdir()), [run.MARK, "PERFORMANCE.md", "logs"])

    def test_runs_default_by_mode(self):
        self.assertEqual(run.parse_args([], "bench run").runs, 5)
        self.assertEqual(run.parse_args(["--quick"], "bench run").runs, 1)
        with contextlib.redirect_stderr(io.StringIO()), self.assertRaises(SystemExit):
            run.parse_args(["--runs", "0"], "bench run")


if __name__ == "__main__":
    unittest.main()
