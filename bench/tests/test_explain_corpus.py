"""bench.explain_corpus on a corpus of its own: logs answered by a fake `tsan-verify explain` whose answers each log
states (its first line), the shares, the review's verdicts, and the exit statuses."""
import contextlib
import io
import json
import pathlib
import tempfile
import unittest

from bench import explain_corpus
from casebook.tests.support import write_script

# The fake reads its answer from the log's first line: "exit N" and, after it, the explanations as JSON.
FAKE = """
first, _, rest = open(sys.argv[3]).read().partition("\\n")
status = int(first.split()[1])
if status == 1:
    print(json.dumps({"explanations": json.loads(rest)}))
elif status == 2:
    print("tsan-verify: " + rest.strip(), file=sys.stderr)
sys.exit(status)
"""


def explanation(kind, line, patterns=(), reading=()):
    return {"kind": kind, "first_line": line, "reading": list(reading),
            "patterns": [{"id": p, "because": ["TSan's headline", f"{p} evidence"]} for p in patterns]}


class Corpus(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.dir = pathlib.Path(self.folder.name)
        self.verify = write_script(self.dir / "verify", "import json\n" + FAKE)
        self.logs = self.dir / "logs"
        (self.logs / "deep").mkdir(parents=True)
        self.write("a.log", 1, [explanation("data race", 3, ["unlocked-write"]),
                                explanation("data race", 20, [], ["the read by main thread holds no mutex."])])
        self.write("deep/b.log", 1, [explanation("data race", 5, ["lock-order", "unlocked-write"]),
                                     explanation("thread leak", 9, ["leaked-thread"])])
        self.write("clean.log", 0, None)
        self.write("refused.log", 2, "refused.log: no TSan banner")
        (self.logs / "ignored.txt").write_text("exit 3\n")

    def tearDown(self):
        self.folder.cleanup()

    def write(self, name, status, body):
        text = f"exit {status}\n" + (json.dumps(body) if status == 1 else (body or ""))
        (self.logs / name).write_text(text)

    def run_main(self, *arguments):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = explain_corpus.main(["--verify", self.verify, "-j", "2"] + list(arguments))
            except SystemExit as stop:
                status = stop.code
        return status, out.getvalue(), err.getvalue()

    def test_the_shares_and_tables(self):
        status, out, _ = self.run_main(str(self.logs))
        self.assertEqual(status, 0)
        self.assertIn("- logs: 4: 2 with reports explained, 1 refused by explain (exit 2), 1 with no report (exit 0)",
                      out)
        self.assertIn("- reports: 4, of which 3 data races, in 2 logs", out)
        self.assertIn("- **data-race reports with a specific pattern: 2 of 3 (66.7%)**", out)
        self.assertIn("| `unlocked-write` | 1 | 1 | 2 |", out)  # first for 1, shown for 2
        self.assertIn("| `lock-order` | 1 | 1 | 1 |", out)
        self.assertIn("  - line 20, data race: the read by main thread holds no mutex.", out)
        self.assertIn("refused.log`: tsan-verify: refused.log: no TSan banner", out)

    def test_min_share_fails_below_it(self):
        self.assertEqual(self.run_main("--min-share", "0.6", str(self.logs))[0], 0)
        status, _, err = self.run_main("--min-share", "0.7", str(self.logs))
        self.assertEqual(status, 1)
        self.assertIn("the data-race share 2/3 is below 0.7", err)

    def test_an_answer_it_cannot_read_is_exit_2(self):
        (self.logs / "weird.log").write_text("exit 3\n")
        status, _, err = self.run_main(str(self.logs))
        self.assertEqual(status, 2)
        self.assertIn("weird.log: explain exited 3", err)

    def test_no_log_is_exit_2(self):
        status, _, err = self.run_main("--glob", "*.nothing", str(self.logs))
        self.assertEqual(status, 2)
        self.assertIn("no log matching *.nothing", err)

    def review(self, rows):
        path = self.dir / "review.tsv"
        path.write_text("log\tline\tfirst pattern\tverdict\tright pattern\twhy\n"
                        + "".join("\t".join(map(str, row)) + "\n" for row in rows))
        return path

    def test_the_review_counts_wrong_stale_and_unjudged(self):
        review = self.review([("logs/a.log", 3, "unlocked-write", "right", "unlocked-write", "yes"),
                              ("logs/deep/b.log", 5, "lock-order", "WRONG", "unlocked-write", "no inversion here"),
                              ("logs/deep/b.log", 9, "old-pattern", "right", "old-pattern", "was right")])
        status, out, err = self.run_main("--review", str(review), "--max-wrong", "1", str(self.logs))
        self.assertIn("with a wrong first pattern: **1**", out)
        self.assertIn("`logs/deep/b.log`:5 `lock-order` (right: `unlocked-write`): no inversion here", out)
        self.assertIn("reviewed as `old-pattern` (right), now `leaked-thread`", out)
        self.assertIn("Unjudged (1", out)
        self.assertEqual(status, 1, "an unjudged answer fails the check: " + err)

    def test_a_bad_verdict_is_named_by_line(self):
        review = self.review([("logs/a.log", 3, "unlocked-write", "maybe", "", "")])
        status, _, err = self.run_main("--review", str(review), str(self.logs))
        self.assertEqual(status, 2)
        self.assertIn("review.tsv:2: the verdict is right or WRONG, not 'maybe'", err)


if __name__ == "__main__":
    unittest.main()
