#!/usr/bin/env python3
"""The site in a real browser (issue: teaching pages): regenerates docs/site/ (reusing cached runs), loads the
index and one case page in headless Chromium from file://, checks the DOM after the scripts ran (--dump-dom),
and saves a screenshot of the case page.

usage: ci/docs-browser.py [--build-dir DIR] [--verify EXE] [--site DIR] [--screenshot PNG] [--no-generate]
Exit status: 0 pass, 1 fail (one line per failed check), 2 cannot run, 77 skipped: no /usr/bin/chromium."""
import argparse
import html.parser
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHROMIUM = pathlib.Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--mute-audio", "--virtual-time-budget=3000"]


class Dom(html.parser.HTMLParser):
    """Just enough of a DOM: every element as (tag, attributes), and the text inside <text> and <body>."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements, self.texts = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texts.append(data)

    def find(self, tag=None, **want):
        """Elements with this tag whose attributes match: a string exactly, True present, a class word via cls."""
        out = []
        for name, attrs in self.elements:
            if tag and name != tag:
                continue
            ok = True
            for key, value in want.items():
                if key == "cls":
                    ok = ok and value in (attrs.get("class") or "").split()
                elif value is True:
                    ok = ok and key in attrs
                else:
                    ok = ok and attrs.get(key) == value
            if ok:
                out.append(attrs)
        return out

    def text(self):
        return " ".join(self.texts)


def chromium(profile, *args, timeout=120):
    command = [str(CHROMIUM)] + FLAGS + [f"--user-data-dir={profile}"] + list(args)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"FAIL: chromium did not finish in {timeout} s: {' '.join(command)}")
    return done


def dump(profile, url):
    done = chromium(profile, "--dump-dom", url)
    if done.returncode != 0 or "<html" not in done.stdout:
        tail = done.stderr.strip().splitlines()[-3:]
        raise SystemExit(f"FAIL: chromium --dump-dom {url} gave no page (exit {done.returncode}): {' | '.join(tail)}")
    return Dom(done.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", type=pathlib.Path, default=ROOT / "build" / "default")
    parser.add_argument("--verify", type=pathlib.Path)
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "docs" / "site")
    parser.add_argument("--screenshot", type=pathlib.Path, default=ROOT / "build" / "docs-screenshot.png")
    parser.add_argument("--no-generate", action="store_true", help="test the site as it is")
    args = parser.parse_args()

    if not CHROMIUM.exists():
        print(f"SKIP: {CHROMIUM} is not installed, so the site cannot be loaded in a browser "
              "(bash ci/install-deps.sh browser installs Debian's chromium)")
        return 77
    site = args.site.resolve()
    if not args.no_generate:
        command = [sys.executable, str(ROOT / "ci" / "gen-docs.py"), "--no-catalog", "--reuse-runs",
                   "--build-dir", str(args.build_dir), "--site", str(site)]
        if args.verify:
            command += ["--verify", str(args.verify)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"FAIL: the site could not be generated: {(done.stderr or done.stdout).strip()[-400:]}")
            return 1
    index = site / "index.html"
    if not index.exists():
        print(f"FAIL: no {index}")
        return 1

    problems = []

    def check(condition, message):
        if not condition:
            problems.append(message)
        return condition

    profile = pathlib.Path(tempfile.mkdtemp(prefix="docs-browser-"))
    try:
        # The index, unfiltered: every case row, and the script ran (it counts the rows it shows).
        page = dump(profile, index.as_uri())
        rows = page.find("tr", cls="case-row")
        check(page.find("input", id="search"), "index: no search box (input#search)")
        check(page.find("select", id="folder"), "index: no folder filter (select#folder)")
        check(page.find("select", id="kind"), "index: no report-kind filter (select#kind)")
        check(rows, "index: no case row (tr.case-row)")
        body = page.find("body")
        check(body and body[0].get("data-ready") == "yes", "index: casebook.js did not run (body[data-ready])")
        check(body and body[0].get("data-shown") == str(len(rows)),
              f"index: {len(rows)} rows but the script shows {body[0].get('data-shown') if body else None}")
        pages = [site / r["href"] for r in page.find("a", cls="case-link")]
        check(pages and all(p.exists() for p in pages), "index: a case link leads to no page")

        # The index filtered through its URL: the script must hide exactly the rows that do not match.
        has_seed = any(r.get("data-folder") == "seed" for r in rows)
        folder, word = ("seed", "semaphore") if has_seed else (rows[0].get("data-folder"), "lock")
        expected = sum(1 for r in rows if r.get("data-folder") == folder and word in r.get("data-search", ""))
        page = dump(profile, index.as_uri() + f"#folder={folder}&q={word}")
        body = page.find("body")
        shown = [r for r in page.find("tr", cls="case-row") if "hidden" not in r]
        check(body and body[0].get("data-shown") == str(expected) and len(shown) == expected,
              f"index#folder={folder}&q={word}: expected {expected} of {len(rows)} rows shown, the page shows "
              f"{len(shown)}")

        # One case page: a data race with its diagram, highlighted lines and linked frames.
        candidates = [site / r["data-page"] for r in rows if "data race" in r.get("data-kinds", "").split("|")]
        if not candidates:
            print("FAIL: index: no case reports a data race, so there is no case page to check")
            return 1
        preferred = site / "seed" / "no_lock.html"
        case = preferred if preferred in candidates else candidates[0]
        page = dump(profile, case.as_uri())
        svgs = page.find("svg", cls="diagram")
        check(svgs, f"{case.name}: no diagram (svg.diagram)")
        check("no happens-before" in page.text(), f"{case.name}: the diagram has no 'no happens-before' edge")
        check(page.find("tr", cls="racing"), f"{case.name}: no racing line highlighted (tr.racing)")
        check(page.find("tr", cls="marked"), f"{case.name}: no marked line highlighted (tr.marked)")
        ids = {a.get("id") for _tag, a in page.elements if a.get("id")}
        links = [a["href"] for a in page.find("a", cls="frame-link") if re.fullmatch(r"#L\d+", a["href"])]
        check(links, f"{case.name}: no frame links to code lines")
        check(all(link[1:] in ids for link in links), f"{case.name}: a frame link points to no line")
        body = page.find("body")
        check(body and body[0].get("data-ready") == "yes", f"{case.name}: casebook.js did not run")

        args.screenshot.parent.mkdir(parents=True, exist_ok=True)
        done = chromium(profile, "--window-size=1280,2200", f"--screenshot={args.screenshot}", case.as_uri())
        check(done.returncode == 0 and args.screenshot.exists() and args.screenshot.stat().st_size > 10000,
              f"no screenshot at {args.screenshot} (exit {done.returncode})")
    finally:
        shutil.rmtree(profile, ignore_errors=True)

    for problem in problems:
        print(f"FAIL: {problem}")
    if problems:
        return 1
    print(f"PASS: {len(rows)} case rows, filters work, {case.relative_to(site)} has {len(svgs)} diagram(s) and "
          f"{len(links)} frame links; screenshot: {args.screenshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
