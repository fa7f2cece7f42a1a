#!/usr/bin/env python3
"""Scores LLNL's DataRaceBench with `tsan-verify score`: TSan+Archer (clang-14, libomp), TSan+libgomp (gcc-12),
Helgrind and DRD.

    ci/dataracebench.py CHECKOUT [--verify EXE] [--out DIR] [--configs archer,libgomp,helgrind,drd]
                        [--only REGEX] [--doc docs/DATARACEBENCH.md]

CHECKOUT is a DataRaceBench checkout the user fetched (`git clone https://github.com/LLNL/dataracebench`); its
programs are not ours and are never copied into this repository, only the figures are. The script

  1. writes OUT/dataracebench/list.tsv, one `FILE<TAB>bug|correct<TAB>FLAGS` line per C program of
     micro-benchmarks/ whose name ends in -yes.c (a data race: bug) or -no.c (none: correct). FLAGS are the
     program's own words, as DataRaceBench's scripts/test-harness.sh builds it: `-lm` for every program and, for
     the PolyBench ones (those that say `PolyBench`), its POLYFLAG (utilities/polybench.c, -I of micro-benchmarks
     and utilities, -DPOLYBENCH_NO_FLUSH_CACHE -DPOLYBENCH_TIME -D_POSIX_C_SOURCE=200112L). Left out, and said so
     in the page: the C++ programs (*.cpp: `score` builds every program of a run with one C compiler) and the
     Fortran ones (micro-benchmarks-fortran/);
  2. runs `nice -n 10 tsan-verify score --json` on it once per configuration, one after the other (each run's JSON
     and stderr are kept in OUT), with OMP_NUM_THREADS=3 (the thread count of DataRaceBench's own
     `check-data-races.sh --small`), 3 runs per program under TSan and 1 under Valgrind (a race when any run
     reports one), 20 s per run;
  3. with --doc, writes the page (docs/DATARACEBENCH.md) from those results: the counts, precision and recall of
     each configuration, DataRaceBench's published figures beside them, and every program's result.

Exit status: 0, or 1 when a configuration scored no program (or a run could not be started), 2 on bad arguments.
"""
import argparse
import collections
import datetime
import json
import pathlib
import re
import shlex
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
THREADS = "3"
ARCHER = "/usr/lib/llvm-14/lib/libarcher.so"

# name: (title, tsan-verify score arguments, runs per program)
CONFIGS = {
    "archer": ("TSan+Archer (clang-14, libomp)",
               ["--cc", "clang-14", "--cflags", "-fopenmp", "--env", f"OMP_TOOL_LIBRARIES={ARCHER}",
                # Archer's own advice (it prints it otherwise): libomp is not instrumented, and its internal
                # synchronization would be reported as races; Archer supplies the OpenMP semantics instead.
                "--tsan-options", "ignore_noninstrumented_modules=1",
                # libomp, found through the RUNPATH clang writes and called from every program (__kmpc_fork_call),
                # is a library of the program built without TSan: score refuses such a program unless it is
                # declared, as a case would declare it, and DataRaceBench's sources cannot say it.
                "--tsan-hides", "uninstrumented libomp.so.5 -- LLVM's OpenMP runtime, not built with TSan: Archer "
                "tells TSan its synchronization"], 3),
    "libgomp": ("TSan+libgomp (gcc-12)", ["--cc", "gcc-12", "--cflags", "-fopenmp"], 3),
    "helgrind": ("Helgrind (gcc-12, libgomp)", ["--detector", "helgrind", "--cc", "gcc-12", "--cflags", "-fopenmp"],
                 1),
    "drd": ("DRD (gcc-12, libgomp)", ["--detector", "drd", "--cc", "gcc-12", "--cflags", "-fopenmp"], 1),
}

POLYFLAGS = ["utilities/polybench.c", "-I", ".", "-I", "utilities", "-DPOLYBENCH_NO_FLUSH_CACHE", "-DPOLYBENCH_TIME",
             "-D_POSIX_C_SOURCE=200112L"]


def write_list(checkout, out_dir, only):
    """OUT/dataracebench/list.tsv, and what was left out."""
    bench = checkout / "micro-benchmarks"
    if not bench.is_dir():
        sys.exit(f"dataracebench.py: {checkout}: no micro-benchmarks/ folder: is it a DataRaceBench checkout?")
    lines, left_out = [], collections.Counter()
    for path in sorted(bench.iterdir()):
        if path.suffix in (".cpp", ".cc", ".cxx"):
            left_out["C++ (score builds a run's programs with one C compiler)"] += 1
            continue
        if path.suffix != ".c":
            continue
        label = "bug" if path.name.endswith("-yes.c") else "correct" if path.name.endswith("-no.c") else None
        if label is None:
            left_out["no -yes/-no label"] += 1
            continue
        if only and not re.search(only, path.name):
            continue
        flags = []
        if "PolyBench" in path.read_text(errors="replace"):
            # Relative to the list's folder, as score reads them: the list lives in OUT, so give absolute paths.
            flags += [str(bench / f) if not f.startswith("-") else f for f in POLYFLAGS]
        flags.append("-lm")
        lines.append(f"{path}\t{label}\t{' '.join(flags)}")
    fortran = checkout / "micro-benchmarks-fortran"
    if fortran.is_dir():
        left_out["Fortran (micro-benchmarks-fortran/)"] += sum(1 for p in fortran.iterdir() if p.is_file() and
                                                               p.suffix.lower().startswith(".f"))
    list_dir = out_dir / "dataracebench"
    list_dir.mkdir(parents=True, exist_ok=True)
    corpus = list_dir / "list.tsv"
    corpus.write_text("# written by ci/dataracebench.py from " + str(checkout) + "\n" + "\n".join(lines) + "\n")
    return corpus, len(lines), left_out


CHUNK = 12  # programs per `score` run: what a stopped run leaves is kept, and the next run goes on from there


def chunks(corpus):
    """The list cut into parts beside it (the same folder, so the same case names), one `score` run each."""
    lines = [line for line in corpus.read_text().splitlines() if line and not line.startswith("#")]
    parts = []
    for number, first in enumerate(range(0, len(lines), CHUNK), 1):
        part = corpus.parent / f"part-{number:02}.tsv"
        text = "\n".join(lines[first:first + CHUNK]) + "\n"
        if not part.exists() or part.read_text() != text:
            part.write_text(text)
        parts.append(part)
    return parts


def score_command(verify, name, part, timeout):
    _, arguments, repeat = CONFIGS[name]
    return ["nice", "-n", "10", str(verify), "score", "--json", *arguments, "--env", f"OMP_NUM_THREADS={THREADS}",
            "--repeat", str(repeat), "--timeout", f"{timeout:g}", str(part)]


def run_config(verify, name, corpus, out_dir, timeout):
    """Runs `score` on each part of the list not yet scored with this command (OUT/NAME/part-NN.json)."""
    folder = out_dir / name
    folder.mkdir(exist_ok=True)
    for part in chunks(corpus):
        command = score_command(verify, name, part, timeout)
        done = folder / (part.stem + ".json")
        if done.exists():
            kept = json.loads(done.read_text())
            if kept["command"] == command and kept["list"] == part.read_text():
                continue
        started = time.monotonic()
        result = subprocess.run(command, capture_output=True, text=True)
        seconds = time.monotonic() - started
        print(f"{name} {part.name}: exit {result.returncode} in {seconds:.0f} s", flush=True)
        if not result.stdout.strip():
            print(result.stderr, file=sys.stderr)
            return None
        done.write_text(json.dumps({"command": command, "list": part.read_text(), "seconds": seconds,
                                    "status": result.returncode, "stderr": result.stderr,
                                    "score": json.loads(result.stdout)}, indent=1) + "\n")
    return load_config(name, corpus, out_dir)


def load_config(name, corpus, out_dir):
    """A configuration's results, the parts OUT/NAME holds put together; None when it holds none."""
    parts = chunks(corpus)
    cases, seconds, command, done = [], 0.0, None, 0
    for part in parts:
        path = out_dir / name / (part.stem + ".json")
        if not path.exists():
            continue
        kept = json.loads(path.read_text())
        done += 1
        seconds += kept["seconds"]
        command = kept["command"]
        cases += kept["score"]["configs"][0]["cases"]
    if not cases:
        print(f"{name}: no results in {out_dir / name}", file=sys.stderr)
        return None
    counts = collections.Counter()
    for case in cases:
        if case["state"] != "scored":
            counts["not scorable"] += 1
            continue
        bug = case["truth"] == "bug"
        counts[{(True, True): "tp", (True, False): "fn", (False, True): "fp", (False, False): "tn"}[
            (bug, case["detected"])]] += 1
    total = sum(len([l for l in p.read_text().splitlines() if l]) for p in parts)
    return {"name": name, "title": CONFIGS[name][0], "command": command[:-1] + ["LIST.tsv"], "seconds": seconds,
            "counts": counts, "cases": cases, "programs_run": len(cases), "programs": total,
            "complete": done == len(parts),
            "reasons": {c["case"]: c.get("reason", "") for c in cases if c["state"] != "scored"}}


def reason_class(reason):
    """The kind of reason a program could not be scored, for the summary."""
    if "compile error" in reason or "cannot compile" in reason:
        return "build failed"
    if "timed out" in reason or "did not finish" in reason:
        return "time limit"
    if "ERROR: ThreadSanitizer: SEGV" in reason or "killed by SIG" in reason:
        return "crashed"
    if "is not fully instrumented by TSan" in reason:
        return "code TSan does not watch"
    if "cannot read what" in reason:
        return "detector's log unreadable"
    return "run not watched to its end"


def fmt(value):
    return "–" if value is None else f"{value:.3f}"


PUBLISHED = """\
## DataRaceBench's own published figures

{published}
"""


def page(results, wanted, corpus_count, left_out, checkout, commit, published):
    out = ["# DataRaceBench scored by `tsan-verify score`", "",
           "Generated by `ci/dataracebench.py` from real runs; do not edit by hand. [DataRaceBench]"
           "(https://github.com/LLNL/dataracebench) (LLNL, BSD licence) is the field's benchmark for data race "
           "detectors: OpenMP micro-benchmarks, each labelled by its name, `-yes` (a data race) or `-no` (none). "
           "Its programs are not part of this repository; to reproduce these figures, fetch it and run",
           "", "```sh", "git clone https://github.com/LLNL/dataracebench /tmp/dataracebench",
           "ci/dataracebench.py /tmp/dataracebench --doc docs/DATARACEBENCH.md", "```", "",
           f"Measured on DataRaceBench commit `{commit}`: {corpus_count} C programs of `micro-benchmarks/`, scored at "
           "file level (a `-yes` program with a data-race report is a true positive, one without a false negative; "
           "a `-no` program with one a false positive, one without a true negative; only data-race reports count). "
           "Left out: " + "; ".join(f"{n} {what}" for what, n in sorted(left_out.items())) + ".", "",
           "A program is **not scorable** when it could not be built, when the detector did not watch a run to "
           "its end (the 20 s limit per run, a crash, a runtime that did not finish), or, under TSan, when its binary "
           "holds code TSan's instrumentation does not cover: it is counted apart, never as a detection or a miss. "
           "Precision and recall are over the scored programs.", "",
           "## Results", "",
           "| configuration | runs per program | scored | TP | FP | TN | FN | not scorable | precision | recall |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        c = r["counts"]
        scored = c["tp"] + c["fp"] + c["tn"] + c["fn"]
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
        title = r["title"] if r["complete"] else f"{r['title']} (**{r['programs_run']} of {r['programs']} run**)"
        out.append(f"| {title} | {CONFIGS[r['name']][2]} | {scored} | {c['tp']} | {c['fp']} | {c['tn']} | {c['fn']} | "
                   f"{c['not scorable']} | {fmt(precision)} | {fmt(recall)} |")
    unfinished = [r for r in results if not r["complete"]] + [n for n in wanted if n not in {r["name"] for r in results}]
    if unfinished:
        out += ["", "Not finished in the time this page was made for (the machine is shared): " +
                ", ".join(r["title"] if isinstance(r, dict) else CONFIGS[r][0] for r in unfinished) +
                ". Running the command above goes on where this run stopped (each part of the list is kept in "
                "`build/dataracebench/NAME/`); `--configs archer,libgomp,helgrind,drd` picks the configurations."]
    out += ["", "Not scorable, by cause:", ""]
    for r in results:
        counts = collections.Counter(reason_class(reason) for reason in r["reasons"].values())
        out.append(f"- {r['title']}: " + (", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "none"))
    out += ["", "## How these runs were made", "",
            f"Every configuration ran `tsan-verify score` on the list the script writes (one `FILE<TAB>LABEL<TAB>FLAGS` "
            f"line per program), with `OMP_NUM_THREADS={THREADS}` (DataRaceBench's `check-data-races.sh --small`), "
            "each run killed after 20 s, under `nice -n 10`; every program is also linked with `-lm`, and the "
            "PolyBench ones with DataRaceBench's `utilities/polybench.c` and flags (its `scripts/test-harness.sh`, "
            "POLYFLAG). Under TSan each run is traced and judged as check mode judges a case (every instrumented "
            "process's own log, complete, consistent with its exit).", ""]
    for r in results:
        shown = [a if "/" not in a or a.startswith("OMP_") else pathlib.Path(a).name for a in r["command"]]
        out.append(f"- **{r['title']}** ({r['seconds']:.0f} s): `{' '.join(shlex.quote(a) for a in shown)}`")
    out += ["", "- **TSan+Archer**: Archer (LLVM's OpenMP tool, `libarcher.so`, loaded by libomp through "
            "`OMP_TOOL_LIBRARIES`) tells TSan the happens-before edges of OpenMP's barriers, tasks, locks and "
            "reductions; libomp itself is not instrumented, so TSan must ignore its accesses "
            "(`ignore_noninstrumented_modules=1`, declared with `--tsan-options`, which is what Archer asks for when "
            "it starts without it), and `score`, which proves each program's code as check mode does, is told so "
            "(`--tsan-hides 'uninstrumented libomp.so.5 -- ...'`: a library of the program, found through the "
            "RUNPATH clang writes, that TSan does not watch).",
            "- **TSan+libgomp**: gcc-12's libgomp is neither instrumented for TSan nor an OMPT runtime Archer could "
            "attach to, so nothing tells TSan the order its barriers and tasks create; what TSan reports there, "
            "false alarms included, is what that gives.",
            "- **Helgrind and DRD** (Valgrind 3.19, default options): the programs built by gcc-12 `-fopenmp "
            "-gdwarf-4`, against the same libgomp, whose futex-based synchronization neither tool understands "
            "(Valgrind's Helgrind manual, on GNU OpenMP, asks for a libgomp built with `--disable-linux-futex`).", ""]
    out.append(PUBLISHED.format(published=published))
    out += ["## Program by program", "", "| program | label | " + " | ".join(r["name"] for r in results) + " |",
            "|---|---|" + "---|" * len(results)]
    names = sorted({case["case"] for r in results for case in r["cases"]})
    by_config = [{case["case"]: case for case in r["cases"]} for r in results]
    for name in names:
        label = "bug" if name.endswith("-yes") else "correct"
        cells = []
        for cases in by_config:
            case = cases.get(name)
            if not case:
                cells.append("")
            elif case["state"] != "scored":
                cells.append("*not scorable*")
            else:
                cells.append(case["result"] if case["result"] in ("caught", "silent") else f"**{case['result']}**")
        out.append(f"| {name.split('/')[-1]} | {label} | " + " | ".join(cells) + " |")
    out += ["", "Not scorable, each program's reason (as `tsan-verify score` gave it):", ""]
    for r in results:
        for name, reason in sorted(r["reasons"].items()):
            out.append(f"- {r['name']}: `{name.split('/')[-1]}`: {reason.replace(str(checkout) + '/', '')}")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkout", type=pathlib.Path, help="a DataRaceBench checkout")
    parser.add_argument("--verify", type=pathlib.Path, default=ROOT / "build/default/harness/tsan-verify")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "build/dataracebench")
    parser.add_argument("--configs", default="archer,libgomp,helgrind,drd")
    parser.add_argument("--only", help="score only the programs whose file name matches this regular expression")
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--page-only", action="store_true",
                        help="run nothing: write the page from the results earlier runs left in OUT")
    parser.add_argument("--doc", type=pathlib.Path, help="write the page here (docs/DATARACEBENCH.md)")
    parser.add_argument("--published", type=pathlib.Path, default=ROOT / "ci/dataracebench-published.md",
                        help="the Markdown of DataRaceBench's published figures, put beside ours in the page")
    args = parser.parse_args()
    names = [n for n in args.configs.split(",") if n]
    unknown = [n for n in names if n not in CONFIGS]
    if unknown or not names:
        parser.error(f"--configs takes some of {', '.join(CONFIGS)}, not {args.configs}")
    if not args.verify.exists():
        parser.error(f"{args.verify}: no tsan-verify (build the harness first, or give --verify)")
    checkout = args.checkout.resolve()
    out_dir = args.out.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus, count, left_out = write_list(checkout, out_dir, args.only)
    if count == 0:
        sys.exit(f"dataracebench.py: no program of {checkout}/micro-benchmarks matches")
    # The checkout's own commit (not that of a repository around it); an unpacked archive may say it in COMMIT.
    commit = "unknown"
    top = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--show-toplevel", "HEAD"], capture_output=True,
                         text=True)
    if top.returncode == 0 and pathlib.Path(top.stdout.split()[0]).resolve() == checkout:
        commit = top.stdout.split()[1]
    elif (checkout / "COMMIT").exists():
        commit = (checkout / "COMMIT").read_text().strip()
    print(f"{corpus}: {count} programs; left out: {dict(left_out)}", flush=True)
    results, failed = [], False
    for name in names:
        result = (load_config(name, corpus, out_dir) if args.page_only else
                  run_config(args.verify, name, corpus, out_dir, args.timeout))
        if result is None or result["programs_run"] == result["counts"]["not scorable"]:
            failed = True
        if result is not None:
            results.append(result)
            print(f"{name}: {dict(result['counts'])} ({result['programs_run']} of {result['programs']} run)",
                  flush=True)
    (out_dir / "results.json").write_text(json.dumps(
        {"commit": commit, "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
         "results": results}, indent=1) + "\n")
    if args.doc and results:
        published = args.published.read_text() if args.published.exists() else "(not given)"
        args.doc.write_text(page(results, names, count, left_out, checkout, commit, published))
        print(f"wrote {args.doc}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
