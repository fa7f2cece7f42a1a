"""bench.parse_speed: the big log built of whole copies, and the answer checked (fake parsers whose count the test
states; the real tsan-verify where ctest names it)."""
import pathlib
import tempfile
import unittest

from bench import parse_speed
from casebook.tests.support import real_tsan_verify, write_script

COUNTING = """
text = open(sys.argv[2]).read()
found = text.count("WARNING: ThreadSanitizer:") {extra}
print(f"{{found}} reports, 0 damaged")
sys.exit(1 if found else 0)
"""


class Measure(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.dir = pathlib.Path(self.folder.name)
        self.fixture = self.dir / "fixture.txt"
        self.fixture.write_text("WARNING: ThreadSanitizer: data race\nstack\n" * 2)

    def tearDown(self):
        self.folder.cleanup()

    def test_copies_reports_and_timings(self):
        verify = write_script(self.dir / "verify", COUNTING.format(extra=""))
        result = parse_speed.measure(verify, self.fixture, 3, 1, self.dir)
        size = len(self.fixture.read_bytes())
        self.assertEqual(result["copies"], -(-1_000_000 // size))
        self.assertEqual(result["bytes"], result["copies"] * size)
        self.assertEqual(result["reports"], 2 * result["copies"])
        self.assertEqual((len(result["walls"]), len(result["cpus"])), (3, 3))
        self.assertEqual(self.fixture.stat().st_size, size, "the fixture itself is untouched")

    def test_a_wrong_count_cannot_be_measured(self):
        verify = write_script(self.dir / "verify", COUNTING.format(extra="+ (1 if len(text) > 1000 else 0)"))
        with self.assertRaisesRegex(parse_speed.CannotMeasure, r"copies of 2 reports, but parse found"):
            parse_speed.measure(verify, self.fixture, 1, 1, self.dir)

    def test_a_fixture_without_reports_cannot_be_measured(self):
        self.fixture.write_text("nothing here\n")
        verify = write_script(self.dir / "verify", COUNTING.format(extra=""))
        with self.assertRaisesRegex(parse_speed.CannotMeasure, r"should hold reports \(exit 1\), got exit 0"):
            parse_speed.measure(verify, self.fixture, 1, 1, self.dir)

    def test_the_report_count_of_the_last_line(self):
        self.assertEqual(parse_speed.reports_found("a\nb\n12 reports\n"), 12)
        self.assertIsNone(parse_speed.reports_found("no count\n"))
        self.assertIsNone(parse_speed.reports_found(""))

    @unittest.skipUnless(real_tsan_verify(), "needs the built tsan-verify ($TSAN_VERIFY, set by ctest)")
    def test_the_real_parser_on_the_real_fixture(self):
        result = parse_speed.measure(real_tsan_verify(), parse_speed.FIXTURE, 1, 1, self.dir)
        self.assertEqual(result["reports"], result["copies"], "one report per copy of the clang 14 C++ log")


if __name__ == "__main__":
    unittest.main()
