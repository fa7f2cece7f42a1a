"""bench.report: the generated block put in its place, and the numbers the sections state."""
import pathlib
import tempfile
import unittest

from bench import report


class Doc(unittest.TestCase):
    def test_the_block_between_the_markers_is_replaced_and_the_rest_kept(self):
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "PERFORMANCE.md"
            path.write_text(f"# Performance\n\nby hand\n\n{report.BLOCK_BEGIN}\n\nold numbers\n\n{report.BLOCK_END}\n\n"
                            "## Findings\n\nkept\n")
            report.write_doc(str(path), "new numbers\n")
            text = path.read_text()
            self.assertNotIn("old numbers", text)
            self.assertIn(f"{report.BLOCK_BEGIN}\n\nnew numbers\n\n{report.BLOCK_END}", text)
            self.assertTrue(text.startswith("# Performance\n\nby hand\n\n"))
            self.assertTrue(text.endswith("## Findings\n\nkept\n"))

    def test_a_file_without_markers_gets_the_block_appended(self):
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "notes.md"
            path.write_text("notes\n\n\n")
            report.write_doc(str(path), "numbers")
            self.assertEqual(path.read_text(), f"notes\n\n{report.BLOCK_BEGIN}\n\nnumbers\n\n{report.BLOCK_END}\n")
            fresh = pathlib.Path(folder) / "sub" / "new.md"
            report.write_doc(str(fresh), "numbers")
            self.assertIn("## Findings", fresh.read_text())

    def test_the_repository_page_has_the_markers(self):
        text = (pathlib.Path(__file__).resolve().parents[2] / "docs" / "PERFORMANCE.md").read_text()
        self.assertLess(text.index(report.BLOCK_BEGIN), text.index(report.BLOCK_END))


class Numbers(unittest.TestCase):
    def test_formats(self):
        self.assertEqual(report.fmt_s(12.345), "12.3 s")
        self.assertEqual(report.fmt_s(1.234), "1.23 s")
        self.assertEqual(report.fmt_s(float("nan")), "n/a")
        self.assertEqual(report.fmt_ratio(1.049), "1.05x")
        self.assertEqual(report.spread([1.0, 3.0, 2.0]), " (1.00-3.00)")
        self.assertEqual(report.spread([1.0]), "")

    def overhead_section(self, rounds):
        out = report.Out()
        state = {"overhead": {"rounds": rounds, "cases": 4, "left_out": {"misuse/x": "skipped (exit 77)"},
                              "invocation": [{"case": "seed/no_lock", "direct": 0.1, "harness": 0.125}]},
                 "level": "O1", "help_seconds": 0.002}
        report.render_overhead(state, out)
        return "\n".join(out.md), "\n".join(out.tx)

    def test_the_overhead_ratio_against_its_goal(self):
        md, tx = self.overhead_section([{"harness": 10.5, "direct": 10.0}, {"harness": 11.5, "direct": 10.0}])
        self.assertIn("| **all rounds** (goal <= 1.05x) | 22.0 s | 20.0 s | **1.10x** MISSED |", md)
        self.assertIn("| 1 | 10.5 s | 10.0 s | 1.05x |", md)
        self.assertIn("The harness adds 250.0 ms per case.", md)  # 2 s over 2 rounds of 4 cases
        self.assertIn("1 left out: misuse/x", md)
        self.assertIn("| seed/no_lock | 100.0 ms | 125.0 ms | +25.0 ms |", md)
        self.assertIn("1.10x (MISSED: goal <= 1.05x)", tx)
        md, _ = self.overhead_section([{"harness": 10.2, "direct": 10.0}])
        self.assertIn("**1.02x** met", md)

    def test_the_fastest_racy_and_clean_cases(self):
        per_case = {"a": {"direct": [0.3, 0.1, 0.2], "harness": [0.4, 0.2, 0.3]},
                    "b": {"direct": [0.15], "harness": [0.2]}, "c": {"direct": [0.5], "harness": [0.6]}}
        rows = report.invocation_rows(per_case, ["a", "b", "gone"], ["c"])
        self.assertEqual(rows, [{"case": "b", "direct": 0.15, "harness": 0.2},
                                {"case": "c", "direct": 0.5, "harness": 0.6}])
        self.assertIsNone(report.fastest(per_case, ["gone"]))


if __name__ == "__main__":
    unittest.main()


class Whole(unittest.TestCase):
    """render() on the results a full run gathers (every section), the numbers chosen so that each figure is known."""

    def results(self):
        facts = {"cpu": "Test CPU", "cores": 2, "kernel": "6.1", "memory": "8 GiB", "virtual": True, "os": "Debian 12",
                 "load_before": "0.10 0.10 0.10", "load_after": "0.20 0.20 0.20", "tools": {"cmake": "cmake 3.25"},
                 "commit": "abc1234", "dirty": False}
        scratch = [{"preset": "default", "compiler": "clang", "version": "clang 14", "skipped": None, "configure": 5.0,
                    "build": 100.0, "test": 60.0, "total": 165.0, "totals": [160.0, 165.0, 170.0], "others": 0.1,
                    "ctest_arguments": "-j 4", "results": {"a": ("pass", 1.5), "b": ("fail", 0.1), "c": ("skip", 0)}},
                   {"preset": "gcc-12", "compiler": "gcc", "skipped": "built by the matrix run below"}]
        matrix = {"skipped": None, "seconds": 300.0, "status": 0, "others": 0.0,
                  "timings": {"default": {"toolchain": "clang-14", "configure": 5.0, "build": 50.0, "run": 40.0,
                                          "variants": 735}},
                  "toolchains": {"clang-14": {"runtime": "v3", "preset": "default"}},
                  "cells": {"pass": 730, "FAIL": 0, "skip": 5}}
        times = {"ctest_j2": [40.0, 42.0], "lit_j2": [60.0, 62.0], "half_j2": [20.0, 22.0], "half_j1": [38.0, 40.0],
                 "quarter_j2": [10.0, 11.0]}
        return {"facts": facts, "runs": 5, "elapsed": 590.0, "others": 0.1, "steal": 0.0, "scratch": scratch,
                "matrix": matrix, "level": "O1", "toolchain": "clang-14", "times": times,
                "subsets": {"quarter": 62, "half": 123, "all": 245, "half_runnable": 122},
                "overhead": {"rounds": [{"harness": 21.0, "direct": 20.0}, {"harness": 20.0, "direct": 20.0}],
                             "cases": 122, "left_out": {}, "invocation": []},
                "help_seconds": 0.003, "lit_available": True, "ctest_status": {"a": "pass", "b": "fail"},
                "lit_status": {"a": "pass", "b": "pass"}, "per_case": {"a": 1.5, "b": 0.4},
                "callgrind": [], "callgrind_skipped": "valgrind is not installed",
                "phases": [{"name": "the matrix", "others": 0.5}]}

    def test_every_section_with_its_figures(self):
        text, md = report.render(self.results(), "python3 -m bench run", quick=False)
        self.assertIn("The whole run took 590.0 s (goal: under 10 minutes, met).", md)
        self.assertIn("| default | 5.00 s | 100.0 s | 60.0 s | **165.0 s** (median of 3, 160.0-170.0 s) | 1 passed, "
                      "1 failed, 1 skipped (failed: b) | 0.10 CPUs |", md)
        self.assertIn("**300.0 s** met |", md)
        self.assertIn("**1.02x** met", md)  # 41 s against 40 s
        self.assertIn("| **lit / tsan-verify** (goal > 1: tsan-verify faster) | **1.49x** met |", md)
        self.assertIn("Verdicts: lit and tsan-verify agree on 1 of 2 cases; they differ on b.", md)
        self.assertIn("| **speed-up -j2 / -j1** (goal >= 1.8x) | **1.86x** met | |", md)  # 39 / 21
        self.assertIn("| a | 1.50 s | **over 1 s** |", md)
        self.assertIn("In the from-scratch test run of the default preset (every level, 2 jobs, one run): a (1.5 s) "
                      "over 1 s.", md)
        self.assertIn("Skipped: valgrind is not installed.", md)
        self.assertIn("Phases during which other processes used at least a quarter of a CPU: the matrix (0.50 CPUs).",
                      md)
        self.assertIn("tsan-casebook bench: `python3 -m bench run`, 5 run(s) per measurement", text)

    def test_a_run_on_a_build_already_made(self):
        results = self.results()
        results["scratch"] = [{"preset": "default", "compiler": "clang", "skipped": "--build-dir"}]
        results["matrix"] = {"skipped": "--build-dir"}
        results["lit_available"], results["lit_missing"] = False, "lit.py or FileCheck"
        _, md = report.render(results, "python3 -m bench run --build-dir b", quick=True)
        self.assertIn("| default | | | | | skipped: --build-dir | |", md)
        self.assertIn("Skipped (--build-dir).", md)
        self.assertIn("Skipped: lit.py or FileCheck is not installed", md)
        self.assertNotIn("goal: under 10 minutes", md)
        self.assertNotIn("from-scratch test run", md)
