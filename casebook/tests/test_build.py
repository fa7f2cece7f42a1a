"""casebook.build: steps timed with their output kept, failures named, and the TSan link probe."""
import os
import pathlib
import tempfile
import unittest

from casebook import build
from casebook.tests.support import write_script


class Steps(unittest.TestCase):
    def test_output_in_the_log_and_its_tail(self):
        with tempfile.TemporaryDirectory() as folder:
            log = pathlib.Path(folder) / "logs" / "step.log"
            result = build.step(["sh", "-c", "for i in $(seq 1 40); do echo line $i; done; echo err >&2; exit 3"], log)
            self.assertEqual(result.status, 3)
            self.assertTrue(log.read_text().startswith("line 1\n"))
            tail = result.tail.splitlines()
            self.assertEqual(len(tail), build.TAIL_LINES)
            self.assertEqual(tail[-1], "err")
            self.assertGreaterEqual(result.seconds, 0)

    def test_without_a_log_the_tail_is_kept_in_memory(self):
        result = build.step(["sh", "-c", "echo one; echo two"])
        self.assertEqual((result.status, result.tail), (0, "one\ntwo"))

    def test_checked_names_the_failed_step(self):
        failed = build.step(["sh", "-c", "echo cmake said no; exit 1"])
        with self.assertRaisesRegex(build.StepFailed, r"(?s)configuring preset x failed \(exit 1\).*cmake said no"):
            build.checked(failed, "configuring preset x")
        passed = build.step(["true"])
        self.assertIs(build.checked(passed, "fine"), passed)

    def test_build_for_catalog_configures_only_once_and_names_the_targets(self):
        with tempfile.TemporaryDirectory() as folder:
            calls = pathlib.Path(folder) / "calls"
            bin_dir = pathlib.Path(folder) / "bin"
            bin_dir.mkdir()
            write_script(bin_dir / "cmake", f"open({str(calls)!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')")
            path = os.environ["PATH"]
            os.environ["PATH"] = f"{bin_dir}:{path}"
            try:
                target = pathlib.Path(folder) / "b"
                target.mkdir()
                build.build_for_catalog("p", target, 2, lambda b: ["cases/O1/x"])
                (target / "CMakeCache.txt").write_text("")
                build.build_for_catalog("p", target, 2, lambda b: ["cases/O1/x"])
            finally:
                os.environ["PATH"] = path
            self.assertEqual(calls.read_text().splitlines(),
                             [f"--preset p -B {target}", f"--build {target} -j 2 --target tsan-verify cases/O1/x",
                              f"--build {target} -j 2 --target tsan-verify cases/O1/x"])


class TsanLinks(unittest.TestCase):
    def test_a_missing_compiler(self):
        with tempfile.TemporaryDirectory() as folder:
            self.assertEqual(build.tsan_links("no-such-compiler-here", folder),
                             (False, "no-such-compiler-here is not installed"))

    def test_a_compiler_that_cannot_link(self):
        with tempfile.TemporaryDirectory() as folder:
            compiler = write_script(pathlib.Path(folder) / "cc", "sys.exit(1 if '-fsanitize=thread' in sys.argv else 0)")
            usable, why = build.tsan_links(compiler, pathlib.Path(folder) / "scratch")
            self.assertFalse(usable)
            self.assertIn("cannot link a TSan program", why)
            self.assertEqual(list((pathlib.Path(folder) / "scratch").iterdir()), [], "the probe leaves nothing")


if __name__ == "__main__":
    unittest.main()
