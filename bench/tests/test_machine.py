"""bench.machine: /proc/stat read, other processes' CPU, the callgrind annotation, and the subcommand dispatch."""
import contextlib
import io
import unittest

from bench import __main__ as entry
from bench import callgrind, machine


class Cpu(unittest.TestCase):
    def test_proc_stat_fields(self):
        busy, steal = machine.parse_proc_stat("cpu  100 20 30 5000 40 5 5 10 0 0", 100)
        self.assertEqual((busy, steal), (1.6, 0.1))  # user+nice+system+irq+softirq; idle and iowait are not busy

    def test_others_are_the_busy_time_that_is_not_ours(self):
        before = {"at": 0.0, "busy": 10.0, "steal": 0.0, "own": 2.0}
        after = {"at": 4.0, "busy": 16.0, "steal": 0.4, "own": 4.0}
        self.assertEqual(machine.others_cpus(before, after), (1.0, 0.1))
        self.assertEqual(machine.others_cpus(before, dict(after, own=20.0))[0], 0.0, "never below zero")
        self.assertEqual(machine.others_cpus(before, before), (0.0, 0.0))

    def test_a_phase_is_recorded(self):
        with contextlib.redirect_stderr(io.StringIO()), machine.Phase("a phase") as phase:
            pass
        self.assertEqual(machine.Phase.record[-1]["name"], "a phase")
        self.assertGreaterEqual(phase.seconds, 0.0)


ANNOTATED = """\
--------------------------------------------------------------------------------
Ir
--------------------------------------------------------------------------------
12,345,678 (100.0%)  PROGRAM TOTALS

--------------------------------------------------------------------------------
Ir                  file:function
--------------------------------------------------------------------------------
5,000,000 (40.50%)  ./string/../sysdeps/x86_64/multiarch/strlen-avx2.S:__strlen_avx2 [/usr/lib/x86_64-linux-gnu/libc.so.6]
3,000,000 (24.30%)  harness/report/parse.c:tsan_parse [/build/harness/tsan-verify]
1,000,000 ( 8.10%)  ./malloc/malloc.c:_int_malloc
  500,000 ( 4.05%)  ???:inlined_thing
"""


class Callgrind(unittest.TestCase):
    def test_self_counts_by_function_and_object(self):
        result = {"total": None, "self": [], "inclusive": {}, "objects": {}}
        callgrind.read_annotation(ANNOTATED, result, inclusive=False)
        self.assertEqual(result["total"], 12345678)
        self.assertEqual(result["self"][:2], [(5000000, "__strlen_avx2", "libc.so.6"),
                                              (3000000, "tsan_parse", "tsan-verify")])
        self.assertEqual(result["objects"], {"libc.so.6": 5000000, "tsan-verify": 3000000,
                                             "glibc (inlined)": 1000000, "(inlined)": 500000})
        callgrind.read_annotation("7,000,000 (50%)  harness/cli/main.c:main [/b/tsan-verify]\n", result, inclusive=True)
        self.assertEqual(result["inclusive"], {"main": 7000000})


class Dispatch(unittest.TestCase):
    def test_an_unknown_subcommand_is_exit_2_naming_them_all(self):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            self.assertEqual(entry.main(["bogus"]), 2)
        self.assertIn("run, overhead, parse-speed, test-times, explain-corpus", err.getvalue())

    def test_help_lists_every_subcommand(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            self.assertEqual(entry.main(["--help"]), 0)
        for name in entry.SUBCOMMANDS:
            self.assertIn(f"  {name} ", out.getvalue())

    def test_each_subcommand_has_a_main_of_its_own(self):
        for name in entry.SUBCOMMANDS:
            out = io.StringIO()
            with contextlib.redirect_stdout(out), self.assertRaises(SystemExit) as stop:
                entry.main([name, "--help"])
            self.assertEqual(stop.exception.code, 0)
            self.assertIn(f"python3 -m bench {name}", out.getvalue())


if __name__ == "__main__":
    unittest.main()
