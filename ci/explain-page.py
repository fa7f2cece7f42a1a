#!/usr/bin/env python3
"""The explain page in a real browser (docs/EXPLAIN.md, "On the site"): the site's explain.html loaded in headless
Chromium (ci/chromium.py) at 390 px (a phone) and 1400 px (a desktop), from file:// and from a local HTTP server
(127.0.0.1, a port of its own), with each LOG pasted into its text area and explained. Checks, for each:

  - the explanation the page shows (the text of its output, then its error messages, and the exit status) is what
    `tsan-verify explain --color never -` prints of the same text, byte for byte, with the same exit status, and the
    text the page explained is the file's (a browser's text area turns CR LF into LF: a LOG must have none);
  - a pattern's lesson line links each case it names to that case's page, and that page is in the site;
  - every resource the page loaded is the site's own (no fetch elsewhere; the page works offline), and the page is no
    wider than the screen;
  - two texts that are not a whole report, as the command line would answer them: text that is not a TSan report,
    and the first LOG cut off in its first report;
  - axe-core (as ci/docs-accessibility.py runs it: WCAG 2.x A and AA, best practices, target-size) finds no violation
    on the page, before and after an explanation is shown, at both widths, in the light and the dark theme;
  - with --all, every log (*.txt, *.log) of the files and folders named is explained once more (1400 px, http), as
    the command line explains it; a file a text area cannot hold as it is (a carriage return, bytes that are not
    UTF-8) is left out and counted.

usage: ci/explain-page.py --site DIR --verify TSAN-VERIFY [--axe FILE] [--missing REASON] [--screenshots DIR]
                          [--all FILE|DIR]... LOG...
  --missing REASON   the build has no WebAssembly module for the page (CMake says why): skip, saying so
Exit status: 0 every check holds, 1 one does not (a line each), 2 cannot run, 77 skipped (no module: the reason
names the packages; no Chromium; no axe-core)."""
import argparse
import functools
import http.server
import importlib.util
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from chromium import CHROMIUM, Browser, CannotRun, Tab

ROOT = pathlib.Path(__file__).resolve().parent.parent
WIDTHS = [(390, 844), (1400, 900)]
THEMES = ["light", "dark"]
NOT_A_REPORT = "make: *** [Makefile:12: test] Error 1\nthis text is not a ThreadSanitizer report\n"
CUT_AT_LINE = 14            # of the first LOG: inside its first report's stacks

# The accessibility check's own way of running axe (rules, options, what each violation reports).
_spec = importlib.util.spec_from_file_location("docs_accessibility", ROOT / "ci" / "docs-accessibility.py")
accessibility = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(accessibility)

# Runs in the page: the text `TEXT` pasted and explained; the page's answer, or null while the module loads.
EXPLAIN = r"""
(() => {
  const form = document.getElementById("explain-form");
  if (!form) return {missing: true};
  if (form.dataset.ready !== "true") return form.dataset.ready === "failed" ? {failed: document.getElementById("explain-status").textContent} : null;
  const input = document.getElementById("explain-input");
  input.value = TEXT;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  document.getElementById("explain-button").click();
  const text = id => { const el = document.getElementById(id); return el ? el.textContent : ""; };
  const exit = document.getElementById("explain-exit");
  const links = [...document.querySelectorAll("#explain-stdout a")].map(a => ({text: a.textContent,
                                                                             href: a.getAttribute("href")}));
  return {pasted: input.value, stdout: text("explain-stdout"), stderr: text("explain-stderr"),
          status: exit ? Number(exit.dataset.status) : null, links: links,
          lesson_lines: text("explain-stdout").split("\n").filter(l => /^\s*lesson: /.test(l)),
          live: !!document.querySelector("#explain-result[aria-live]"),
          label: !!document.querySelector("label[for=explain-input]")};
})()
"""

# Runs in the page: what it loaded (other than itself), and whether it is wider than the screen.
LOADED = r"""
(() => ({resources: performance.getEntriesByType("resource").map(e => e.name),
         overflow: document.documentElement.scrollWidth - window.innerWidth}))()
"""


def cli(verify, text):
    """(stdout, stderr, exit status) of `tsan-verify explain --color never -` with `text` on its standard input."""
    done = subprocess.run([str(verify), "explain", "--color", "never", "-"], input=text.encode(),
                          capture_output=True, timeout=120)
    return done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"), done.returncode


def first_difference(a, b):
    """Where two texts first differ: the line number and both lines."""
    left, right = a.split("\n"), b.split("\n")
    for k, (x, y) in enumerate(zip(left, right), 1):
        if x != y:
            return f"line {k}: page {x!r}, command line {y!r}"
    return f"after line {min(len(left), len(right))}: the page has {len(left)} lines, the command line {len(right)}"


class Server:
    """The site over HTTP on 127.0.0.1, a port the system picks, in a thread."""

    def __init__(self, site):
        handler = functools.partial(QuietHandler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def root(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def wait_explained(tab, text, timeout=60):
    """The page's answer to `text`, once its module has loaded."""
    script = EXPLAIN.replace("TEXT", json.dumps(text))
    deadline = time.monotonic() + timeout
    while True:
        answer = tab.evaluate(script)
        if answer is not None:
            return answer
        if time.monotonic() > deadline:
            raise CannotRun("the page's explainer did not load in time")
        time.sleep(0.1)


def page_of(url, site):
    """The file under `site` a link of the page (relative to the site's root, as explain.html is) points to."""
    return site / urllib.parse.urlsplit(url).path.lstrip("/")


def check_texts(tab, where, texts, verify, site, failures):
    """Each text pasted and explained on the loaded page, against the command line; returns how many."""
    for name, text in texts:
        answer = wait_explained(tab, text)
        if answer.get("missing"):
            failures.append(f"{where}: the page has no form: the site was built without its WebAssembly module")
            return 0
        if answer.get("failed"):
            failures.append(f"{where}: the explainer did not load: {answer['failed']}")
            return 0
        if not answer["label"] or not answer["live"]:
            failures.append(f"{where}: the text area has no label, or the output region no aria-live")
        if answer["pasted"] != text:
            failures.append(f"{where}: {name}: the text area holds other text than the file's ("
                            f"{first_difference(answer['pasted'], text)})")
            continue
        stdout, stderr, status = cli(verify, answer["pasted"])
        for part, page, command in (("output", answer["stdout"], stdout), ("errors", answer["stderr"], stderr)):
            if page != command:
                failures.append(f"{where}: {name}: the page's {part} differ from tsan-verify explain's: "
                                f"{first_difference(page, command)}")
        if answer["status"] != status:
            failures.append(f"{where}: {name}: the page says exit status {answer['status']}, the command line "
                            f"exits {status}")
        named = answer["lesson_lines"]
        if named and not answer["links"]:
            failures.append(f"{where}: {name}: {len(named)} lesson lines and no link to a case page")
        for link in answer["links"]:
            if not page_of(link["href"], site).is_file():
                failures.append(f"{where}: {name}: a lesson links {link['href']}, which the site does not have")
        linked = {link["text"].removesuffix(".html") for link in answer["links"]}
        for line in named:
            # each lesson line names a mistake and its fix: both have pages on the site
            cases = [word.rstrip(",:") for word in line.split() if "/" in word and word.rstrip(",:").endswith(
                ("_bug", "_fixed"))]
            for case in cases:
                if case not in linked:
                    failures.append(f"{where}: {name}: {case} is named in a lesson and not linked")
    return len(texts)


def check_loaded(tab, where, site_url, failures):
    loaded = tab.evaluate(LOADED)
    foreign = [url for url in loaded["resources"] if not url.startswith(site_url)]
    if foreign:
        failures.append(f"{where}: the page loaded what is not the site's: {', '.join(foreign[:3])}")
    if loaded["overflow"] > 0:
        failures.append(f"{where}: the page is {loaded['overflow']} px wider than the screen")
    return len(loaded["resources"])


def check_axe(tab, where, failures):
    """axe in both themes at the tab's width, on the page as it is now; returns how many runs."""
    runs = 0
    for theme in THEMES:
        tab.color_scheme(theme)
        violations = tab.evaluate(accessibility.run_axe(), timeout=180, wait=True)
        runs += 1
        for violation in violations:
            nodes = "; ".join(n["target"] + (f" [{n['measured']}]" if n["measured"] else "")
                              for n in violation["nodes"])
            failures.append(f"{where} {theme}: axe: {violation['id']} ({violation['impact']}): {nodes}")
    tab.color_scheme(None)
    return runs


def name_of(path):
    path = path.resolve()
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def pastable(paths):
    """(name, text) of every log under `paths` a text area holds as it is, and {reason: count} of those left out."""
    files = []
    for path in paths:
        files += sorted(p for p in path.rglob("*") if p.suffix in (".txt", ".log")) if path.is_dir() else [path]
    texts, left_out = [], {}
    for path in files:
        data = path.read_bytes()
        reason = "a carriage return" if b"\r" in data else None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            reason = reason or "bytes that are not UTF-8"
        if reason:
            left_out[reason] = left_out.get(reason, 0) + 1
        else:
            texts.append((name_of(path), text))
    return texts, left_out


def main():
    parser = argparse.ArgumentParser(description="The explain page in Chromium, against tsan-verify explain")
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "docs" / "site")
    parser.add_argument("--verify", type=pathlib.Path, required=True)
    parser.add_argument("--axe", type=pathlib.Path)
    parser.add_argument("--missing", help="why the build has no module for the page: skip, saying so")
    parser.add_argument("--screenshots", type=pathlib.Path)
    parser.add_argument("--all", type=pathlib.Path, action="append", default=[],
                        help="explain every log of this file or folder once more (repeatable)")
    parser.add_argument("logs", type=pathlib.Path, nargs="+")
    args = parser.parse_args()

    if args.missing:
        print(f"SKIP: the explain page has no WebAssembly module in this build: {args.missing}")
        return 77
    if not CHROMIUM.exists():
        print(f"SKIP: {CHROMIUM} is not installed, so the page cannot be loaded in a browser "
              "(bash ci/install-deps.sh browser installs Debian's chromium)")
        return 77
    axe = args.axe or accessibility.default_axe()
    if not axe.is_file():
        print(f"SKIP: no axe-core at {axe} (bash ci/install-deps.sh browser installs axe-core "
              f"{accessibility.axe_version_pinned()} from npm there)")
        return 77
    site = args.site.resolve()
    page = site / "explain.html"
    if not page.is_file() or not (site / "explain-wasm.js").is_file():
        print(f"FAIL: {page} or its module (explain-wasm.js) is not in the site, though the build has the module: "
              "regenerate the site (ci/gen-docs.py, ctest docs/site)")
        return 1
    texts = []
    for log in args.logs:
        try:
            data = log.read_bytes()
        except OSError as error:
            print(f"FAIL: {log}: cannot read: {error.strerror}")
            return 2
        if b"\r" in data:
            print(f"FAIL: {log}: holds a carriage return, which a browser's text area turns into a line feed: "
                  "pick a log without")
            return 2
        texts.append((name_of(log), data.decode()))
    corpus, left_out = pastable(args.all)
    cut = "\n".join(texts[0][1].split("\n")[:CUT_AT_LINE]) + "\n"
    texts += [("a text that is not a report", NOT_A_REPORT), (f"{texts[0][0]} cut at line {CUT_AT_LINE}", cut)]

    failures, explained, loaded, axe_runs, corpus_explained = [], 0, 0, 0, 0
    started = time.monotonic()
    profile = pathlib.Path(tempfile.mkdtemp(prefix="explain-page-"))
    server, browser = Server(site), None
    try:
        browser = Browser(profile)
        tab = Tab(browser, *WIDTHS[0])
        browser.call("Page.addScriptToEvaluateOnNewDocument", tab.session, source=axe.read_text())
        for origin, root in (("file", site.as_uri() + "/"), ("http", server.root)):
            for width, height in WIDTHS:
                where = f"{origin} {width}px"
                tab.resize(width, height)
                tab.load(root + "explain.html")
                axe_runs += check_axe(tab, f"{where} (empty)", failures)
                explained += check_texts(tab, where, texts, args.verify, site, failures)
                # the page as it stands after the last explanation: a real report's, its lessons linked
                wait_explained(tab, texts[0][1])
                loaded += check_loaded(tab, where, root, failures)
                axe_runs += check_axe(tab, f"{where} (explained)", failures)
                if args.screenshots and origin == "file":
                    args.screenshots.mkdir(parents=True, exist_ok=True)
                    height_now = tab.evaluate("document.documentElement.scrollHeight")
                    tab.screenshot(args.screenshots / f"explain-{width}.png", height_now)
        corpus_explained = check_texts(tab, "http 1400px", corpus, args.verify, site, failures)
    except CannotRun as error:
        print(f"FAIL: {error}")
        return 2
    finally:
        if browser:
            browser.close()
        server.close()
        shutil.rmtree(profile, ignore_errors=True)
    seconds = time.monotonic() - started
    for failure in failures:
        print(f"FAIL: {failure}")
    if failures:
        return 1
    if args.all:
        out = "; ".join(f"{n} with {reason}" for reason, n in sorted(left_out.items()))
        print(f"PASS: {corpus_explained} more logs explained on the page as tsan-verify explain explains them"
              f"{f' (left out: {out})' if out else ''}")
    print(f"PASS: {explained} texts explained on the page ({len(args.logs)} logs, a text that is not a report and a "
          f"cut-off report; file:// and http, {' and '.join(f'{w}px' for w, _ in WIDTHS)}) as tsan-verify explain "
          f"explains them, byte for byte, with its exit status; lessons linked to pages the site has; "
          f"{loaded} resources loaded, all the site's; axe-core {axe_runs} runs, no violation ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
