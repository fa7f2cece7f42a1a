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
