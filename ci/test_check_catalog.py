#!/usr/bin/env python3
"""ci/check-catalog.py must be able to fail: a case whose header names no Source: fails the catalog, naming the
file; a header with its Source: line, or with `measured only`, passes that rule.

usage: ci/test_check_catalog.py    -- unittest; ctest catalog/self-check-fails registers it."""
import pathlib
import subprocess
import sys
import tempfile
import unittest

CHECKER = pathlib.Path(__file__).resolve().parent / "check-catalog.py"
BODY = "int main(void) { return %d; } // expect-tsan: none\n"


def check(cases):
    """The checker's exit status and output on a catalog of {relative path: header}."""
    with tempfile.TemporaryDirectory() as root:
        for number, (name, header) in enumerate(cases.items()):
            path = pathlib.Path(root, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(header + "\n" + BODY % number)
        run = subprocess.run([sys.executable, str(CHECKER), root], capture_output=True, text=True)
        return run.returncode, run.stdout


class SourceRequired(unittest.TestCase):
    LESSON = "/* Correct code: one thread, nothing shared. TSan has nothing to report."

    def test_a_header_without_a_source_line_fails_naming_the_file(self):
        status, out = check({"seed/plain.c": self.LESSON + " */"})
        self.assertEqual(status, 1)
        self.assertIn("seed/plain.c:1: the header has no Source: line", out)

    def test_a_header_with_its_source_line_passes_the_rule(self):
        status, out = check({"seed/cited.c": self.LESSON + "\n * Source: POSIX.1-2017 pthread_create(). */",
                             "seed/measured.c": self.LESSON + "\n * Source: measured only. */"})
        self.assertNotIn("no Source: line", out)
        self.assertIn("(1 measured only)", out)

    def test_an_item_no_form_reads_fails_naming_the_file_and_line(self):
        status, out = check({"seed/vague.c": self.LESSON + "\n * Source: the TSan runtime. */"})
        self.assertEqual(status, 1)
        self.assertIn('seed/vague.c:2: the Source item "the TSan runtime" is none of the forms', out)


class MarkerRequired(unittest.TestCase):
    LESSON = "/* A lesson. TSan says this.\n * Source: measured only. */\n"

    def check_bodies(self, bodies):
        with tempfile.TemporaryDirectory() as root:
            for name, body in bodies.items():
                path = pathlib.Path(root, name)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(self.LESSON + body)
            run = subprocess.run([sys.executable, str(CHECKER), root], capture_output=True, text=True)
            return run.returncode, run.stdout

    def test_a_case_without_an_expectation_fails_naming_the_file(self):
        status, out = self.check_bodies({"seed/mute.c": "int main(void) { return 0; }\n"})
        self.assertEqual(status, 1)
        self.assertIn("seed/mute.c:1: no expect-tsan marker", out)

    def test_a_case_that_expects_cannot_check_needs_no_expect_tsan_marker(self):
        status, out = self.check_bodies({"limits/static.c": "// expect-cannot-check: is linked statically\n"
                                                            "int main(void) { return 0; }\n"})
        self.assertNotIn("no expect-tsan marker", out)


if __name__ == "__main__":
    unittest.main()
