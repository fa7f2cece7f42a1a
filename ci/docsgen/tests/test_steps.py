"""The step-throughs' checks (ci/docsgen/steps.py, ctest docs/generator): a step that no longer says what its line
says, or an ending the run did not print, stops the generator with the entry named; steps.yaml itself is read
strictly."""
import pathlib
import tempfile
import types
import unittest

from docsgen import steps
from docsgen.model import CannotGenerate

SOURCE = """static void update(const char *name) {
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy;
}
"""


def case():
    return types.SimpleNamespace(name="seed/example", lines=SOURCE.splitlines(),
                                 source=pathlib.Path("cases/seed/example.c"))


def entry(**fields):
    step = {"thread": "First", "line": 2, "code": "int local_copy = store.value;", "does": "copies `value`: 0",
            "kind": "read", "value": 0, "at": "steps.yaml:3: seed/example step 1"}
    last = {"thread": "First", "line": 4, "code": "store.value = local_copy;", "does": "writes back 1",
            "kind": "write", "value": 1, "at": "steps.yaml:4: seed/example step 2"}
    return dict({"shared": "value", "start": 0, "steps": [step, last], "at": "steps.yaml:1: seed/example"}, **fields)


RUN = {"outcome": "met", "run": {"stdout": "Testing update. Ending value is 1.\n"}}


class Checks(unittest.TestCase):
    def test_steps_that_match_their_lines_and_the_run_pass(self):
        self.assertEqual(steps.check(entry(ending="Ending value is 1."), case(), RUN), ["First"])

    def test_a_step_whose_line_says_something_else_is_named(self):
        changed = entry()
        changed["steps"][1] = dict(changed["steps"][1], line=3)
        with self.assertRaisesRegex(CannotGenerate, r"seed/example step 2: line 3 .* 'local_copy \+= 1;'"):
            steps.check(changed, case(), RUN)

    def test_a_step_past_the_end_of_the_file_is_named(self):
        changed = entry()
        changed["steps"][0] = dict(changed["steps"][0], line=40)
        with self.assertRaisesRegex(CannotGenerate, r"step 1: cases/seed/example.c has no line 40"):
            steps.check(changed, case(), RUN)

    def test_an_ending_the_run_did_not_print_is_named(self):
        with self.assertRaisesRegex(CannotGenerate, r"its ending 'Ending value is 3\.' is not what the run printed"):
            steps.check(entry(ending="Ending value is 3."), case(), RUN)

    def test_a_last_value_that_is_not_the_printed_ending_is_named(self):
        run = {"outcome": "met", "run": {"stdout": "Testing update. Ending value is 2.\n"}}
        with self.assertRaisesRegex(CannotGenerate, r"leaves value at 1, the run printed 'Ending value is 2\.'"):
            steps.check(entry(ending="Ending value is 2."), case(), run)

    def test_the_view_carries_the_value_forward_and_ends_with_tsans_verdict(self):
        report = {"kind": "data race", "line": 4}
        view = steps.view(entry(), case(), RUN, [report], "../")
        self.assertEqual([s["value"] for s in view["steps"]], ["0", "1"])
        self.assertEqual(view["tsan"], "reported data race at line 4 in this run.")
        self.assertEqual(steps.view(entry(), case(), RUN, [], "../")["tsan"], "reported nothing in this run.")


class Reading(unittest.TestCase):
    def read(self, text):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as file:
            file.write(text)
        self.addCleanup(pathlib.Path(file.name).unlink)
        return steps.load(pathlib.Path(file.name))

    def test_an_unknown_field_of_a_step_is_named_with_its_line(self):
        with self.assertRaisesRegex(CannotGenerate, r":3: seed/example step 1: unknown field colour"):
            self.read("seed/example:\n  steps:\n    - {thread: A, line: 1, code: x, does: y, colour: red}\n")

    def test_a_step_without_its_line_is_named(self):
        with self.assertRaisesRegex(CannotGenerate, r"step 1: expected thread, line, code and does"):
            self.read("seed/example:\n  steps:\n    - {thread: A, code: x, does: y}\n")

    def test_an_unknown_kind_is_named(self):
        with self.assertRaisesRegex(CannotGenerate, r"kind 'jump' is not one of"):
            self.read("seed/example:\n  steps:\n    - {thread: A, line: 1, code: x, does: y, kind: jump}\n")

    def test_the_file_as_committed_reads(self):
        entries = steps.load()
        self.assertIn("seed/no_lock", entries)
        self.assertTrue(all(e["steps"] for e in entries.values()))


if __name__ == "__main__":
    unittest.main()
