#!/usr/bin/env python3
"""Every case page's commands, run from a fresh clone (issue 24, "where to get it").

Clones this repository's committed HEAD into a temporary directory (what a reader gets), then for every case page of
the site takes the commands it gives in its #run-it (configure, once per clone; then the two that build and run
the case: docsgen/commands.py) and runs them in the clone, as the page says, with bash; a command that several
pages share (the configure step) runs once. Each
case passes when both commands exit 0 and the run prints the verdict the page shows (tsan-verify's own line,
"...: met (reported: ...)"): a page that says "no report" while the command reports a race fails.

usage: ci/check-page-commands.py [--site DIR] [--generate-from BUILD_DIR] [--clone-from DIR] [--case NAME]...
                                 [--own-shape] [--keep] [--timeout S]
  --case NAME   only this case's page (repeatable): a quicker check while working on one
  --own-shape   only the first case of each folder and of each way the build or the run treats a case on its own
                (own_shape()): every shape of command the pages' one template gives, in a few minutes instead of
                one build and run per case (the default preset's test; the label page-commands-all runs every page)
Exit status: 0 every command works, 1 some do not (one line each), 2 cannot check (no site, no git, no clone),
77 skipped: the site has no case page."""
import argparse
import html
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
COMMAND = re.compile(r'<code class="command (build|run)" data-case="([^"]+)">(.*?)</code>', re.S)
CONFIGURE = re.compile(r'<code class="command configure">(.*?)</code>', re.S)
VERDICT = re.compile(r'<p class="verdict-line[^"]*"><(?:span|a) class="verdict v-[\w-]+"[^>]*>([^<]+)</(?:span|a)>')


# Markers that change how a case is built or run beyond the page template's case name: its options, the libraries
# it links, what the runtime must be, what hides a report, a run that ends by TSan's hand.
OWN_MARKERS = re.compile(r"//\s*(tsan-options|requires-tsan|link-libraries|link-options|uses-openmp|tsan-hides|"
                         r"expect-tsan-dies|expect-suppressed|expect-cannot-check)\s*(?:\[[^\]]*\])?\s*:")


def own_shape(name):
    """The ways the build or the run treats case NAME (FOLDER/STEM) beyond the template's case name, as a sorted
    tuple (empty for a case of the plain shape): each marker of OWN_MARKERS its source holds, and a file or folder
    of its own beside it (a suppressions file STEM.supp; a library folder whose name starts the stem, as
    uninstrumented_lib/ for uninstrumented_lib_*, which the build compiles and links)."""
    source = ROOT / "cases" / f"{name}.c"
    if not source.exists():
        return ("no source",)
    ways = set(OWN_MARKERS.findall(source.read_text(errors="replace")))
    stem = source.stem
    for sibling in source.parent.iterdir():
        if sibling.suffix == ".c" and sibling.is_file():
            continue
        if sibling.name.startswith(stem):
            ways.add("own file " + sibling.name)
        elif sibling.is_dir() and stem.startswith(sibling.name):
            ways.add("own library folder " + sibling.name)
    return tuple(sorted(ways))


def page_commands(page):
    """(case, [configure, build, run], verdict) as the page gives them; [] when it gives none."""
    text = page.read_text()
    run_it = re.search(r'<div class="get-it" id="run-it">(.*?)</div>', text, re.S)
    found = COMMAND.findall(run_it.group(1)) if run_it else []
    configure = CONFIGURE.findall(run_it.group(1)) if run_it else []
    verdict = VERDICT.search(text)
    case = found[0][1] if found else None
    commands = [html.unescape(command) for command in configure[:1]] + \
        [html.unescape(command) for _step, _case, command in found]
    return case, commands, verdict.group(1) if verdict else None


def case_name(page):
    """FOLDER/STEM of a case page, in the site or in an edition's folder."""
    return f"{page.parent.name}/{page.stem}"


def run(command, cwd, timeout):
    done = subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout + done.stderr


def main():
    parser = argparse.ArgumentParser(description="Run every case page's commands from a fresh clone.")
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "docs" / "site")
    parser.add_argument("--clone-from", default=str(ROOT), help="the repository to clone (default: this one)")
    parser.add_argument("--case", action="append", help="only this case (repeatable)")
    parser.add_argument("--own-shape", action="store_true",
                        help="only the first case of each folder and of each way a case is built or run on its own")
    parser.add_argument("--keep", action="store_true", help="keep the clone (its path is printed)")
    parser.add_argument("--timeout", type=int, default=1200, help="seconds for one command (default 1200)")
    parser.add_argument("--generate-from", type=pathlib.Path, metavar="BUILD_DIR",
                        help="first generate the site (into --site) from BUILD_DIR's case runs (ci/gen-docs.py "
                             "--reuse-runs), as the ctest does")
    args = parser.parse_args()

    if args.generate_from:
        command = [sys.executable, str(ROOT / "ci" / "gen-docs.py"), "--no-catalog", "--reuse-runs",
                   "--build-dir", str(args.generate_from), "--site", str(args.site)]
        generated = subprocess.run(command, capture_output=True, text=True)
        if generated.returncode != 0:
            print(f"check-page-commands: the site could not be generated: "
                  f"{(generated.stderr or generated.stdout).strip()[-300:]}", file=sys.stderr)
            return 2

    # A case page is FOLDER/STEM.html, in the site or in an edition's folder (ko/seed/no_lock.html): each gives its
    # case's commands in its own language, the same commands, which run once.
    pages = sorted((p for p in list(args.site.glob("*/*.html")) + list(args.site.glob("*/*/*.html"))
                    if (ROOT / "cases" / p.parent.name).is_dir()),
                   key=lambda p: (len(p.relative_to(args.site).parts), p))     # the English pages first
    if args.case:
        pages = [args.site / f"{name}.html" for name in args.case]
        missing = [p for p in pages if not p.exists()]
        if missing:
            print(f"check-page-commands: no page {missing[0]}", file=sys.stderr)
            return 2
    if args.own_shape:
        # The first case of each folder, and of each way a case is treated on its own (a mistake and its fix
        # differ by the fix only, so both are taken when the way is the library folder both link).
        seen, chosen = set(), []
        for page in pages:
            name = case_name(page)
            keys = {"folder " + name.split("/")[0]} | {"way " + way for way in own_shape(name)}
            if keys - seen:
                seen |= keys
                chosen.append(page)
        # another language's page of a chosen case too: it gives the same commands, which run once
        names = {case_name(page) for page in chosen}
        pages = chosen + [page for page in pages if page not in chosen and case_name(page) in names]
    if not pages:
        print(f"SKIP: {args.site} has no case page (generate the site first: ci/gen-docs.py)")
        return 77
    if not shutil.which("git"):
        print("check-page-commands: git is not installed", file=sys.stderr)
        return 2

    workdir = pathlib.Path(tempfile.mkdtemp(prefix="page-commands-"))
    clone = workdir / "tsan-casebook"
    problems, checked = [], 0
    try:
        cloned = subprocess.run(["git", "clone", "--quiet", "--no-local", args.clone_from, str(clone)],
                                capture_output=True, text=True)
        if cloned.returncode != 0:
            print(f"check-page-commands: cannot clone {args.clone_from}: {cloned.stderr.strip()[-300:]}",
                  file=sys.stderr)
            return 2
        done = {}
        for page in pages:
            name = case_name(page)
            case, commands, verdict = page_commands(page)
            if len(commands) != 3 or case != name:
                problems.append(f"{name}: the page gives no configure, build and run command for itself "
                                f"(found {commands})")
                continue
            checked += 1
            for command in commands:
                if command not in done:
                    try:
                        done[command] = run(command, clone, args.timeout)
                    except subprocess.TimeoutExpired:
                        done[command] = (-1, f"still running after {args.timeout} s")
                status, output = done[command]
                if status != 0:
                    last = [line for line in output.splitlines() if line.strip()][-1:] or ["(no output)"]
                    problems.append(f"{name}: `{command}` exited {status} in a fresh clone: {last[0][:200]}")
                    break
            else:
                output = done[commands[2]][1]
                if verdict is None or not re.search(rf"\): {re.escape(verdict)}\b", output):
                    said = re.findall(r"\): (met|not met|cannot check|skipped)\b.*", output)
                    problems.append(f"{name}: the page says {verdict}, its command says "
                                    f"{said[0] if said else 'no verdict'}")
    finally:
        if args.keep:
            print(f"check-page-commands: the clone is kept in {clone}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    for problem in problems[:40]:
        print(f"FAIL: {problem}")
    if len(problems) > 40:
        print(f"FAIL: ... and {len(problems) - 40} more")
    if problems:
        return 1
    print(f"PASS: {checked} case pages: their build and run commands work in a fresh clone of {args.clone_from} "
          "and print the verdict the page shows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
