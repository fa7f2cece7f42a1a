"""python3 -m bench SUBCOMMAND [ARGS...]: how fast the suite is (run from the repository's root).

  run             the whole measurement, written to docs/PERFORMANCE.md (bench/run.py)
  overhead        the harness's overhead over running the cases' programs directly (bench/overhead.py)
  parse-speed     how fast `tsan-verify parse` reads a large log (bench/parse_speed.py)
  test-times      where a test run spends its time, wall and CPU per test (bench/test_times.py)
  explain-corpus  how often `tsan-verify explain` names a pattern, on folders of logs (bench/explain_corpus.py)

`python3 -m bench SUBCOMMAND --help` tells each one's options."""
import importlib
import sys

SUBCOMMANDS = {"run": "bench.run", "overhead": "bench.overhead", "parse-speed": "bench.parse_speed",
               "test-times": "bench.test_times", "explain-corpus": "bench.explain_corpus"}


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    if argv[0] not in SUBCOMMANDS:
        print(f"python3 -m bench: no subcommand {argv[0]!r}; the subcommands are {', '.join(SUBCOMMANDS)}",
              file=sys.stderr)
        return 2
    module = importlib.import_module(SUBCOMMANDS[argv[0]])
    return module.main(argv[1:], prog=f"python3 -m bench {argv[0]}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
