#!/usr/bin/env python3
"""Lighthouse on the site (issue 24): its accessibility, best practices and SEO categories, each scored 0-100 by
Google's Lighthouse in the system's headless Chromium, must reach at least 98 on the pages a class meets first:
the start page, the report guide, a seed lesson, the list of cases and the detectors page, as a phone (Lighthouse's
mobile emulation, 412 px) and as a desktop (its desktop preset, 1350 px) sees them. A category below the bar fails,
naming each audit that cost it points and the first element or resource the audit names; a category Lighthouse
could not score (an error, a page that did not load) fails too: what was not measured is not passed.

Lighthouse reads pages over HTTP only, so the site is served for the run from 127.0.0.1 on a port the system picks
(a thread of this script; nothing leaves the machine). Lighthouse comes from npm, pinned in ci/install-deps.sh
(LIGHTHOUSE_VERSION), which `ci/install-deps.sh browser` installs into $CASEBOOK_TOOLS_DIR (default
${XDG_CACHE_HOME:-~/.cache}/tsan-casebook)/lighthouse-VERSION; --lighthouse or $CASEBOOK_LIGHTHOUSE names another
cli/index.js (the package around it is used). All the runs are made by one node process through Lighthouse's node
API (ci/docs-lighthouse.mjs), in one Chromium it starts as Lighthouse's command line does (chrome-launcher,
/usr/bin/chromium): one start of node, Lighthouse and Chromium instead of one per run; each run still gets a tab of
its own and a cleared origin.

usage: ci/docs-lighthouse.py [--site DIR] [--lighthouse CLI] [--page NAME]... [--form-factor mobile|desktop|both]
                             [--min SCORE] [--json FILE]
Exit status: 0 every score at least --min, 1 a score below it or not measured (one line each), 2 cannot run,
77 skipped: no /usr/bin/chromium, no node, or no Lighthouse."""
import argparse
import functools
import http.server
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHROMIUM = pathlib.Path("/usr/bin/chromium")
CATEGORIES = ["accessibility", "best-practices", "seo"]
PAGES = ["index.html", "report.html", "seed/no_lock.html", "cases.html", "detectors.html"]
# Lighthouse's own configurations: the default one (a phone) and its desktop preset (`--preset=desktop`)
PRESETS = {"mobile": None, "desktop": "desktop"}
MINIMUM = 98
# Chromium as the other browser checks start it (ci/chromium.py), in a profile chrome-launcher makes (one for all
# the runs; Lighthouse clears the origin's storage and the cache before each)
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking " \
               "--disable-component-update --disable-sync --mute-audio"
# Lighthouse's settings for every run (its command line's --only-categories, --max-wait-for-load and
# --disable-full-page-screenshot). The throttling method is Lighthouse's default, "simulate": the page loads
# unthrottled and only the performance category, not scored here, would compute a slow phone's timings from the
# load afterwards. ("provided", also unthrottled, makes Lighthouse wait 5.25 s of a quiet network, then 5.25 s of
# an idle CPU, then 5.25 s more after the load, for timings it measures itself: 10 s and more a run, for nothing
# these three categories read; core/config/config.js, overrideThrottlingWindows.) The full-page screenshot only
# illustrates the HTML report's elements (core/runner.js); no audit reads it (core/audits names no
# FullPageScreenshot), and on the list of cases it is a tall picture to encode.
LIGHTHOUSE_FLAGS = {"onlyCategories": CATEGORIES, "output": "json", "logLevel": "error", "maxWaitForLoad": 60000,
                    "disableFullPageScreenshot": True}


def version_pinned():
    found = re.search(r"^LIGHTHOUSE_VERSION=([0-9][0-9A-Za-z.+-]*)", (ROOT / "ci" / "install-deps.sh").read_text(),
                      re.M)
    return found.group(1) if found else None


def default_lighthouse():
    """Where ci/install-deps.sh browser puts Lighthouse's command line (or $CASEBOOK_LIGHTHOUSE)."""
    if os.environ.get("CASEBOOK_LIGHTHOUSE"):
        return pathlib.Path(os.environ["CASEBOOK_LIGHTHOUSE"])
    tools = os.environ.get("CASEBOOK_TOOLS_DIR") or \
        os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "tsan-casebook")
    return pathlib.Path(tools) / f"lighthouse-{version_pinned()}" / "node_modules" / "lighthouse" / "cli" / "index.js"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(site):
    """The site over HTTP on 127.0.0.1 (a port the system picks), in a thread: (server, base URL)."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def first_item(audit):
    """What an audit names first: an element (its selector or snippet), a resource (its URL), or its message."""
    items = (audit.get("details") or {}).get("items") or []
    for item in items[:1]:
        for key in ("node", "source"):
            node = item.get(key)
            if isinstance(node, dict) and (node.get("selector") or node.get("snippet")):
                return node.get("selector") or node.get("snippet")
        if isinstance(item.get("sourceLocation"), dict):
            return item["sourceLocation"].get("url", "")
        for key in ("url", "description", "href", "text"):
            if isinstance(item.get(key), str) and item[key]:
                return item[key][:120]
    return (audit.get("explanation") or audit.get("errorMessage") or "")[:160]


def lost_points(report, category):
    """The audits of `category` that scored below 1 and count towards it: 'id (title): first item'."""
    audits = report.get("audits") or {}
    out = []
    for ref in (report["categories"][category].get("auditRefs") or []):
        audit = audits.get(ref["id"]) or {}
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            where = first_item(audit)
            out.append(f"{ref['id']} ({audit.get('title', '')})" + (f": {where}" if where else ""))
    return out


def run_lighthouse(cli, runs, scratch):
    """Lighthouse's JSON report of each (url, form factor) of `runs`, in their order: each a dict, or a str saying
    why that run has none. One node process and one Chromium do them all (ci/docs-lighthouse.mjs); the CannotRun
    message (a str) when they could not be started."""
    job = {"lighthouse": str(cli.resolve().parent.parent), "chrome": str(CHROMIUM), "chromeFlags": CHROME_FLAGS.split(),
           "flags": LIGHTHOUSE_FLAGS, "runs": []}
    for k, (url, form_factor) in enumerate(runs):
        job["runs"].append({"url": url, "preset": PRESETS[form_factor], "out": str(scratch / f"report-{k}.json")})
    (scratch / "job.json").write_text(json.dumps(job))
    env = dict(os.environ, TMPDIR=str(scratch))
    try:
        done = subprocess.run(["node", str(ROOT / "ci" / "docs-lighthouse.mjs"), str(scratch / "job.json")],
                              capture_output=True, text=True, timeout=120 + 300 * len(runs), env=env)
    except subprocess.TimeoutExpired:
        return f"Lighthouse did not finish {len(runs)} runs in {120 + 300 * len(runs)} s"
    if done.returncode != 0:
        lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        return f"Lighthouse failed (exit {done.returncode}): {' / '.join(lines[-2:])[:300]}"
    reports = []
    for run in job["runs"]:
        out = pathlib.Path(run["out"])
        if not out.exists():
            reports.append("Lighthouse wrote no report")
            continue
        report = json.loads(out.read_text())
        if report.get("runtimeError"):
            reports.append(f"Lighthouse: {report['runtimeError'].get('code')}: {report['runtimeError'].get('message')}")
        else:
            reports.append(report)
    return reports


def main():
    parser = argparse.ArgumentParser(description="Lighthouse's accessibility, best practices and SEO on the site's "
                                                 "first pages")
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "docs" / "site")
    parser.add_argument("--lighthouse", type=pathlib.Path, help="Lighthouse's cli/index.js (default: where "
                        "ci/install-deps.sh browser installs it, or $CASEBOOK_LIGHTHOUSE)")
    parser.add_argument("--page", action="append", help=f"only this page (its path under the site; repeatable; "
                                                        f"default: {', '.join(PAGES)})")
    parser.add_argument("--form-factor", choices=["mobile", "desktop", "both"], default="both")
    parser.add_argument("--min", type=int, default=MINIMUM, help=f"the lowest score that passes (default {MINIMUM})")
    parser.add_argument("--json", type=pathlib.Path, help="write every page's scores and lost points to this file")
    args = parser.parse_args()

    if not CHROMIUM.exists():
        print(f"SKIP: {CHROMIUM} is not installed (bash ci/install-deps.sh browser installs Debian's chromium)")
        return 77
    if not shutil.which("node"):
        print("SKIP: no node, which Lighthouse runs on (bash ci/install-deps.sh browser installs npm and node)")
        return 77
    cli = args.lighthouse or default_lighthouse()
    if not cli.is_file():
        print(f"SKIP: no Lighthouse at {cli} (bash ci/install-deps.sh browser installs Lighthouse "
              f"{version_pinned()} from npm there; --lighthouse or $CASEBOOK_LIGHTHOUSE names another cli/index.js)")
        return 77
    site = args.site.resolve()
    pages = args.page or PAGES
    missing = [page for page in pages if not (site / page).is_file()]
    if missing:
        print(f"FAIL: no such page under {site}: {', '.join(missing)}")
        return 1
    factors = ["mobile", "desktop"] if args.form_factor == "both" else [args.form_factor]

    started = time.monotonic()
    server, base = serve(site)
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="docs-lighthouse-"))
    problems, scores, version = [], {}, None
    runs = [(page, factor) for page in pages for factor in factors]
    try:
        reports = run_lighthouse(cli, [(base + page, factor) for page, factor in runs], scratch)
        if isinstance(reports, str):
            problems.append(f"cannot check: {reports}")
            reports = []
        for (page, factor), report in zip(runs, reports):
            where = f"{page} ({factor})"
            if isinstance(report, str):
                problems.append(f"{where}: cannot check: {report}")
                continue
            version = report.get("lighthouseVersion")
            scores[where] = {}
            for category in CATEGORIES:
                entry = (report.get("categories") or {}).get(category) or {}
                score = entry.get("score")
                lost = lost_points(report, category) if entry else []
                scores[where][category] = {"score": None if score is None else round(score * 100),
                                           "lost": lost}
                if score is None:
                    problems.append(f"{where}: {category}: not scored (Lighthouse could not measure it): "
                                    f"{'; '.join(lost) or 'no audit says why'}")
                elif round(score * 100) < args.min:
                    problems.append(f"{where}: {category} {round(score * 100)} < {args.min}: "
                                    f"{'; '.join(lost) or 'no audit named'}")
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(scratch, ignore_errors=True)
    seconds = time.monotonic() - started
    if args.json:
        args.json.write_text(json.dumps({"lighthouse": version, "minimum": args.min, "seconds": round(seconds, 1),
                                         "scores": scores}, indent=1) + "\n")
    for where, by_category in scores.items():
        print(f"{where}: " + ", ".join(f"{c} {v['score']}" for c, v in by_category.items()))
    for problem in problems:
        print(f"FAIL: {problem}")
    if problems:
        return 1
    lowest = min(v["score"] for by in scores.values() for v in by.values())
    print(f"PASS: Lighthouse {version}: {', '.join(CATEGORIES)} at least {args.min} on {len(pages)} pages "
          f"({' and '.join(factors)}; the lowest {lowest}; {seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
