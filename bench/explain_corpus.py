"""How often `tsan-verify explain` names a mistake pattern, measured on folders of TSan logs.

    python3 -m bench explain-corpus [--verify EXE] [--glob PATTERN] [-j N] [--details] [--min-share S]
                                    [--review FILE [--max-wrong N]] PATH...

PATH is a folder of TSan logs (every file under it whose name matches --glob, `*.log` by default, at any depth) or
one log file. Each log is given to `tsan-verify explain --json LOG` (docs/EXPLAIN.md; the JSON is the `explain`
object of docs/report.schema.json) and the script prints, in Markdown:

  - the number of logs (and the ones explain refused: exit 2, a log it cannot read or believe, with its message;
    and the ones in which TSan reported nothing: exit 0) and of reports, by report kind;
  - the share of data-race reports given a specific pattern (at least one pattern shown), the figure of the goal,
    and the same share over all reports;
  - a table of patterns by count: per pattern, the reports it is the first pattern shown for (the most specific:
    explain tries patterns in the file's order and shows every one that holds), the reports it is shown for at
    all, and the logs, and a table of the first patterns by report kind;
  - the reports with no specific pattern, listed by log file, each with the reading's sentences about its
    accesses (who did what, holding which mutex), which say why no premise held.

--details also lists every explained report, one per line: log, line of the report, kind, the patterns shown and
the evidence of the first (its "because" lines), for reading the matches against the logs.

--review FILE reads a reader's verdicts on explained reports, a TSV with the header
`log<TAB>line<TAB>first pattern<TAB>verdict<TAB>right pattern<TAB>why` (log: its path relative to FILE's folder;
line: the report's first line; first pattern: the answer judged; verdict: `right` or `WRONG`; right pattern: the
pattern the reader judges right for the report, the first pattern itself when it is right, `none` when no pattern
fits; the column may be left out), and prints how many were read and how many are wrong, each wrong one with its
why. A report may have several rows, one per answer judged: when a rule changes a report's first pattern, the row
of the old answer stays (a WRONG one records what must not come back) and a row judges the new one. A row whose
answer explain no longer gives is listed as stale and counted apart; a reviewed report whose present answer no row
judges is listed as unjudged. corpora/explain-third-party/review.tsv is the review behind docs/EXPLAIN.md's
wrong-match figure.

--max-wrong N (with --review) makes the review a check: exit 1 when more than N reviewed reports get a first
pattern the review marks WRONG for them, or when a reviewed report's first pattern is unjudged (a rule changed it
and nobody has read the new answer).

The script only reads logs: it builds and runs nothing. To measure other programs, run them under TSan with
`TSAN_OPTIONS=log_path=DIR/NAME` (or capture their stderr) and give it DIR; corpora/explain-third-party/ holds
the logs of docs/EXPLAIN.md's figures and its README.md says how they were made.

Exit status: 0; 1 when --min-share is given and the data-race share is below it, or --max-wrong fails (above);
2 when no log is found,
tsan-verify cannot be run, explain refuses every log, or it answers something other than exit 0, 1 or 2 with its
JSON."""
import argparse
import collections
import csv
import concurrent.futures
import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA_RACE = "data race"
# the reading's sentences that say who accessed what: the current access and the previous one
ACCESS_WORDS = (" read ", " wrote ", " accessed ")


def fail(message):
    """Exit 2 with MESSAGE: the run cannot measure anything (bad arguments, an unreadable file)."""
    print(f"explain-corpus: {message}", file=sys.stderr)
    raise SystemExit(2)


def find_logs(paths, pattern):
    logs = []
    for path in paths:
        if path.is_dir():
            logs.extend(sorted(p for p in path.rglob(pattern) if p.is_file()))
        elif path.is_file():
            logs.append(path)
        else:
            fail(f"{path}: no such file or folder")
    return logs


def shown_name(log):
    """The log's path relative to the working folder when it is below it, else as given."""
    try:
        return str(log.resolve().relative_to(pathlib.Path.cwd()))
    except ValueError:
        return str(log)


def explain(verify, log):
    done = subprocess.run([verify, "explain", "--json", str(log)],
                          capture_output=True, text=True, errors="replace")
    if done.returncode == 1:
        try:
            return "explained", json.loads(done.stdout)["explanations"]
        except (ValueError, KeyError) as error:
            return "broken", f"explain exited 1 without its JSON ({error})"
    if done.returncode == 0:
        return "clean", []
    if done.returncode == 2:
        return "refused", done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "exit 2"
    return "broken", f"explain exited {done.returncode}: {done.stderr.strip()[:300]}"


def share(part, whole):
    return f"{part} of {whole} ({100.0 * part / whole:.1f}%)" if whole else f"{part} of 0"


def access_sentences(explanation):
    return [s for s in explanation.get("reading", []) if any(w in s for w in ACCESS_WORDS)][:2]


def review_section(path, reports):
    """The --review section: the verdicts of FILE checked against what explain answers now."""
    try:
        with open(path, newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except OSError as error:
        fail(f"{path}: {error.strerror}")
    needed = {"log", "line", "first pattern", "verdict", "why"}
    if not rows or not needed <= set(rows[0]):
        fail(f"{path}: no rows with the columns {', '.join(sorted(needed))}")
    answers = {(str(log.resolve()), e["first_line"]): (e["patterns"][0]["id"] if e["patterns"] else "none")
               for log, e in reports}
    current, stale, judged = [], [], collections.defaultdict(set)
    for number, row in enumerate(rows, start=2):
        if row["verdict"] not in ("right", "WRONG"):
            fail(f"{path}:{number}: the verdict is right or WRONG, not {row['verdict']!r}")
        key = (str((path.parent / row["log"]).resolve()), int(row["line"]))
        judged[key].add(row["first pattern"])
        now = answers.get(key)
        if now == row["first pattern"]:
            current.append(row)
        else:
            stale.append((row, now))
    unjudged = sorted((key, answers[key]) for key, patterns in judged.items()
                      if key in answers and answers[key] not in patterns)
    wrong = [row for row in current if row["verdict"] == "WRONG"]
    out = ["", "## Review", ""]
    out.append(f"- reports read against their logs: {len(current)} of the {len(reports)}, in "
               f"{len({r['log'] for r in current})} logs; with a wrong first pattern: **{len(wrong)}**")
    by_pattern = collections.Counter((r["first pattern"], r["verdict"]) for r in current)
    out.append("")
    out.append("| First pattern | Read | Wrong |")
    out.append("|---|---:|---:|")
    for pattern in sorted({r["first pattern"] for r in current}):
        read = by_pattern[(pattern, "right")] + by_pattern[(pattern, "WRONG")]
        out.append(f"| `{pattern}` | {read} | {by_pattern[(pattern, 'WRONG')]} |")
    if wrong:
        out.append("")
        out.append("Wrong:")
        out.append("")
        for row in wrong:
            right = row.get("right pattern")
            out.append(f"- `{row['log']}`:{row['line']} `{row['first pattern']}`"
                       + (f" (right: `{right}`)" if right else "") + f": {row['why']}")
    if stale:
        out.append("")
        out.append(f"Stale ({len(stale)}: explain's answer changed since the review, so the verdict is not counted):")
        out.append("")
        for row, now in stale:
            out.append(f"- `{row['log']}`:{row['line']}: reviewed as `{row['first pattern']}` "
                       f"({row['verdict']}), now " + (f"`{now}`" if now else "no such report"))
    if unjudged:
        out.append("")
        out.append(f"Unjudged ({len(unjudged)}: reviewed reports whose present first pattern no row judges):")
        out.append("")
        for (log, line), now in unjudged:
            out.append(f"- `{shown_name(pathlib.Path(log))}`:{line}: now `{now}`")
    return out, len(wrong), len(unjudged)


def main(argv=None, prog="python3 -m bench explain-corpus"):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", type=pathlib.Path, metavar="PATH", help="a folder of logs, or a log")
    default_verify = os.environ.get("TSAN_VERIFY", str(ROOT / "build/default/harness/tsan-verify"))
    parser.add_argument("--verify", default=default_verify,
                        help="the tsan-verify binary (default: $TSAN_VERIFY, else build/default/harness/tsan-verify)")
    parser.add_argument("--glob", default="*.log", help="the log files' names in a folder (default: *.log)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="explain runs at once")
    parser.add_argument("--details", action="store_true", help="list every explained report and its evidence")
    parser.add_argument("--review", type=pathlib.Path, metavar="FILE",
                        help="a TSV of verdicts on explained reports: count the wrong matches (see above)")
    parser.add_argument("--max-wrong", type=int, metavar="N",
                        help="with --review: exit 1 when more than N reviewed reports get a first pattern the review "
                             "marks WRONG, or a reviewed report's first pattern is unjudged")
    parser.add_argument("--min-share", type=float, metavar="S",
                        help="exit 1 when the share of data-race reports with a pattern is below S (0 to 1)")
    args = parser.parse_args(argv)
    if args.max_wrong is not None and not args.review:
        fail("--max-wrong needs --review")

    if not os.access(args.verify, os.X_OK):
        fail(f"{args.verify}: not an executable tsan-verify (--verify)")
    logs = find_logs(args.paths, args.glob)
    if not logs:
        fail(f"no log matching {args.glob} under {', '.join(map(str, args.paths))}")
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        answers = list(pool.map(lambda log: explain(args.verify, log), logs))

    broken = [(log, what) for log, (status, what) in zip(logs, answers) if status == "broken"]
    if broken:
        for log, what in broken:
            print(f"explain-corpus: {log}: {what}", file=sys.stderr)
        return 2
    refused = [(log, what) for log, (status, what) in zip(logs, answers) if status == "refused"]
    if len(refused) == len(logs):
        fail(f"explain refused every log, the first with: {refused[0][1]}")
    clean = [log for log, (status, _) in zip(logs, answers) if status == "clean"]
    reports = [(log, e) for log, (status, what) in zip(logs, answers) if status == "explained" for e in what]

    by_kind = collections.Counter(e["kind"] for _, e in reports)
    kind_named = collections.Counter(e["kind"] for _, e in reports if e["patterns"])
    kind_logs = collections.defaultdict(set)
    first = collections.Counter()
    first_kind = collections.Counter()
    shown = collections.Counter()
    pattern_logs = collections.defaultdict(set)
    for log, e in reports:
        kind_logs[e["kind"]].add(log)
        if e["patterns"]:
            first[e["patterns"][0]["id"]] += 1
            first_kind[(e["patterns"][0]["id"], e["kind"])] += 1
            pattern_logs[e["patterns"][0]["id"]].add(log)
        for p in e["patterns"]:
            shown[p["id"]] += 1
    races = by_kind[DATA_RACE]
    races_named = kind_named[DATA_RACE]
    race_logs = {log for log, e in reports if e["kind"] == DATA_RACE}
    race_logs_named = race_logs - {log for log, e in reports if e["kind"] == DATA_RACE and not e["patterns"]}

    out = []
    out.append(f"# tsan-verify explain on {len(logs)} logs")
    out.append("")
    out.append(f"- logs: {len(logs)}: {len(logs) - len(refused) - len(clean)} with reports explained, "
               f"{len(refused)} refused by explain (exit 2), {len(clean)} with no report (exit 0)")
    out.append(f"- reports: {len(reports)}, of which {races} data races, in {len(race_logs)} logs")
    out.append(f"- **data-race reports with a specific pattern: {share(races_named, races)}**")
    out.append("- logs whose every data-race report has a specific pattern: "
               f"{share(len(race_logs_named), len(race_logs))}")
    out.append(f"- all reports with a specific pattern: {share(sum(kind_named.values()), len(reports))}")
    out.append("")
    out.append("## Reports by kind")
    out.append("")
    out.append("| Kind | Reports | Logs | With a specific pattern | No specific pattern |")
    out.append("|---|---:|---:|---:|---:|")
    for kind, count in sorted(by_kind.items(), key=lambda item: (-item[1], item[0])):
        out.append(f"| {kind} | {count} | {len(kind_logs[kind])} | {kind_named[kind]} | {count - kind_named[kind]} |")
    out.append("")
    out.append("## Patterns by count")
    out.append("")
    out.append("First: the reports the pattern is the first (most specific) one shown for. Shown: the reports it is "
               "shown for at all (a report can show several).")
    out.append("")
    out.append("| Pattern | First | Logs | Shown |")
    out.append("|---|---:|---:|---:|")
    for pattern, count in sorted(first.items(), key=lambda item: (-item[1], item[0])):
        out.append(f"| `{pattern}` | {count} | {len(pattern_logs[pattern])} | {shown[pattern]} |")
    for pattern in sorted(set(shown) - set(first)):
        out.append(f"| `{pattern}` | 0 | 0 | {shown[pattern]} |")
    unnamed = len(reports) - sum(first.values())
    out.append(f"| no specific pattern | {unnamed} | "
               f"{len({log for log, e in reports if not e['patterns']})} | |")
    out.append("")
    out.append("## First patterns by report kind")
    out.append("")
    out.append("| Kind | Pattern | Reports |")
    out.append("|---|---|---:|")
    for (pattern, kind), count in sorted(first_kind.items(), key=lambda item: (item[0][1] != DATA_RACE,
                                                                              item[0][1], -item[1], item[0][0])):
        out.append(f"| {kind} | `{pattern}` | {count} |")
    for kind in sorted(by_kind):
        if by_kind[kind] > kind_named[kind]:
            out.append(f"| {kind} | no specific pattern | {by_kind[kind] - kind_named[kind]} |")
    out.append("")
    out.append("## Reports with no specific pattern")
    out.append("")
    none_by_log = collections.defaultdict(list)
    for log, e in reports:
        if not e["patterns"]:
            none_by_log[log].append(e)
    if not none_by_log:
        out.append("None.")
    for log in sorted(none_by_log, key=str):
        out.append(f"- `{shown_name(log)}`")
        for e in none_by_log[log]:
            sentences = " ".join(access_sentences(e)) or "(the reading names no access)"
            out.append(f"  - line {e['first_line']}, {e['kind']}: {sentences}")
    if refused:
        out.append("")
        out.append("## Logs explain refused")
        out.append("")
        for log, what in refused:
            out.append(f"- `{shown_name(log)}`: {what}")
    review_failed = False
    if args.review:
        section, wrong, unjudged = review_section(args.review, reports)
        out.extend(section)
        review_failed = args.max_wrong is not None and (wrong > args.max_wrong or unjudged > 0)
    if args.details:
        out.append("")
        out.append("## Every explained report")
        out.append("")
        for log, e in reports:
            if not e["patterns"]:
                continue
            ids = ", ".join(p["id"] for p in e["patterns"])
            because = "; ".join(b for b in e["patterns"][0]["because"] if not b.startswith("TSan's headline"))
            out.append(f"- `{shown_name(log)}`:{e['first_line']} {e['kind']}: **{ids}**"
                       + (f" because {because}" if because else ""))
    print("\n".join(out))
    if args.min_share is not None and races and races_named / races < args.min_share:
        print(f"explain-corpus: the data-race share {races_named}/{races} is below {args.min_share}", file=sys.stderr)
        return 1
    if review_failed:
        print(f"explain-corpus: {wrong} reviewed reports with a first pattern marked WRONG (at most {args.max_wrong}), "
              f"{unjudged} unjudged", file=sys.stderr)
        return 1
    return 0

