#!/usr/bin/env python3
"""Accessibility as a test: axe-core, the rules engine browsers' audit panels use, run in headless Chromium
(ci/chromium.py) on every page of docs/site/ at 390 px (a phone) and 1400 px (a desktop), each in the light and the
dark theme (prefers-color-scheme, emulated), with axe's default rules (WCAG 2.0, 2.1 and 2.2 A and AA, and its best
practices) and target-size (WCAG 2.2's 24 px targets, which axe leaves off by default). Every violation fails, named
with its rule, page, width, theme and its first few elements; no rule is turned off and no page is left out.

Each page is loaded once, at 390 px in the light theme; axe runs there, then again after the theme, then the width
(1400 px), then the theme again, are switched on that same load: the pages are static and casebook.js reads
neither, so each run sees what a load in that width and theme shows (as ci/docs-browser.py measures both widths).
At each width all the rules run in the first theme; in the second, when the page's layout is the same box for box
(every element's place, size and visibility: the themes differ in colours only), only the rules that read colours
run again (COLOUR_RULES), since no other rule can come out otherwise; a page whose layout differs gets all the
rules again there too. One Chromium; two tabs (--jobs) check two pages at a time, each in a renderer of its own.

axe-core comes from npm, pinned in ci/install-deps.sh (AXE_CORE_VERSION), which `ci/install-deps.sh browser`
installs into $CASEBOOK_TOOLS_DIR (default ${XDG_CACHE_HOME:-~/.cache}/tsan-casebook)/axe-core-VERSION; --axe (CMake:
CASEBOOK_AXE_CORE) or $CASEBOOK_AXE_CORE names another axe.min.js.

usage: ci/docs-accessibility.py [--build-dir DIR] [--verify EXE] [--site DIR] [--no-generate] [--axe FILE]
                                [--page NAME]... [--json FILE] [--jobs N]
Exit status: 0 no violation, 1 violations (one line per page and rule, then a count per rule), 2 cannot run,
77 skipped: no /usr/bin/chromium, or no axe-core."""
import argparse
import json
import os
import pathlib
import re
import shutil
import sys
import tempfile
import time

import chromium
from chromium import CHROMIUM, Browser, CannotRun, Tab

ROOT = pathlib.Path(__file__).resolve().parent.parent
WIDTHS = [(390, 844), (1400, 900)]
THEMES = ["light", "dark"]
NODES_SHOWN = 3
# The rules whose outcome depends on the colours of a page (the rest read its markup and its layout)
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

# Runs in the page: axe with its default rules and target-size; per violation its rule, impact, how many elements
# fail it and the first few of them (their CSS selector, and what axe measured: a contrast, a size).
RUN_AXE = r"""
(async () => {
  if (!window.axe) throw new Error("axe-core is not in the page");
  const options = {rules: {"target-size": {enabled: true}}, resultTypes: ["violations"]};
  if (ONLY) options.runOnly = {type: "rule", values: ONLY};
  const result = await axe.run(document, options);
  const measured = node => {
    const data = [].concat(node.any, node.all, node.none).map(c => c.data).find(d => d && typeof d === "object");
    if (!data) return "";
    if (data.contrastRatio && data.fgColor) return data.contrastRatio + ":1 (" + data.fgColor + " on " + data.bgColor + ")";
    if (data.contrastRatio && data.nodeColor)
      return data.contrastRatio + ":1 (" + data.nodeColor + " beside " + data.parentColor + ")";
    if (data.minSize && data.width !== undefined) return Math.round(data.width) + "x" + Math.round(data.height) + " px";
    return "";
  };
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, count: v.nodes.length,
    nodes: v.nodes.slice(0, NODES).map(n => ({target: n.target.join(" >> "), measured: measured(n)}))}));
})()
"""


# Runs in the page: a fingerprint of its layout, every element's box (rounded to 1/100 px) and visibility.
LAYOUT = r"""
(() => {
  let hash = 0;
  const add = text => { for (let k = 0; k < text.length; k++) hash = (Math.imul(hash, 31) + text.charCodeAt(k)) | 0; };
  for (const el of document.querySelectorAll("*")) {
    const r = el.getBoundingClientRect(), style = getComputedStyle(el);
    add([r.x, r.y, r.width, r.height].map(v => v.toFixed(2)).join(",") + style.visibility + style.display + ";");
  }
  return document.querySelectorAll("*").length + ":" + hash;
})()
"""


def run_axe(only=None):
    """The script that runs axe in the page as it is now: all the rules, or `only` these; its value is the
    violations."""
    return RUN_AXE.replace("NODES", str(NODES_SHOWN)).replace("ONLY", json.dumps(only))


def axe_version_pinned():
    """AXE_CORE_VERSION as ci/install-deps.sh pins it."""
    found = re.search(r"^AXE_CORE_VERSION=([0-9][0-9A-Za-z.+-]*)", (ROOT / "ci" / "install-deps.sh").read_text(), re.M)
    return found.group(1) if found else None


def default_axe():
    """Where ci/install-deps.sh browser puts axe.min.js (or $CASEBOOK_AXE_CORE)."""
    if os.environ.get("CASEBOOK_AXE_CORE"):
        return pathlib.Path(os.environ["CASEBOOK_AXE_CORE"])
    tools = os.environ.get("CASEBOOK_TOOLS_DIR") or \
        os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "tsan-casebook")
    return pathlib.Path(tools) / f"axe-core-{axe_version_pinned()}" / "node_modules" / "axe-core" / "axe.min.js"


def check_page(tab, url):
    """{(width, theme): [violation, ...]} of one page, loaded once, and how many runs of axe were of all the rules
    (see the module's text). A generator: it yields each run of axe (a script) and is sent its violations, so that
    the tabs run axe at the same time (check_pages())."""
    found, full_runs = {}, 0
    tab.resize(*WIDTHS[0])
    tab.color_scheme(THEMES[0])
    tab.load(url)
    themes = THEMES
    for width, height in WIDTHS:
        tab.resize(width, height)
        first, second = themes
        tab.color_scheme(first)
        found[(width, first)] = yield run_axe()
        layout = tab.evaluate(LAYOUT)
        tab.color_scheme(second)
        if tab.evaluate(LAYOUT) == layout:
            kept = [v for v in found[(width, first)] if v["id"] not in COLOUR_RULES]
            found[(width, second)] = sorted(kept + (yield run_axe(COLOUR_RULES)), key=lambda v: v["id"])
            full_runs += 1
        else:
            found[(width, second)] = yield run_axe()
            full_runs += 2
        themes = themes[::-1]       # the theme the last run left set first: one switch fewer
    return found, full_runs


def check_pages(browser, tabs, pages, site):
    """{page: {(width, theme): violations}} and the number of runs of all the rules: each tab checks one page at a
    time, taking the next page when it is done, its runs of axe under way at the same time as the others' (each
    tab's context has a renderer of its own)."""
    results, full_runs, waiting = {}, 0, {}
    queue = list(pages)

    def step(tab, name, checking, value):
        nonlocal full_runs
        while True:
            try:
                script = checking.send(value)
                waiting[tab.start(script)] = (tab, name, checking)
                return
            except StopIteration as done:
                results[name], full = done.value
                full_runs += full
            if not queue:
                return
            page = queue.pop(0)
            name, checking, value = page.relative_to(site).as_posix(), check_page(tab, page.as_uri()), None

    for tab in tabs:
        if queue:
            page = queue.pop(0)
            step(tab, page.relative_to(site).as_posix(), check_page(tab, page.as_uri()), None)
    while waiting:
        command, result = browser.answer(list(waiting), timeout=180)
        tab, name, checking = waiting.pop(command)
        step(tab, name, checking, tab.value(result))
    return results, full_runs


def describe(name, rule, runs):
    """One line for a rule a page fails: where (each width and theme), how many elements, the first few."""
    where = ", ".join(f"{width}px {theme}" for (width, theme), _ in runs)
    first = runs[0][1]
    counts = sorted({v["count"] for _, v in runs})
    nodes = "; ".join(n["target"] + (f" [{n['measured']}]" if n["measured"] else "") for n in first["nodes"])
    more = f" (of {'/'.join(map(str, counts))})" if max(counts) > len(first["nodes"]) else ""
    return f"{name}: {rule} ({first['impact']}) at {where}: {nodes}{more}"


def main():
    parser = argparse.ArgumentParser(description="axe-core on every page of the site, at 390 and 1400 px, light "
                                                 "and dark")
    parser.add_argument("--build-dir", type=pathlib.Path, default=ROOT / "build" / "default")
    parser.add_argument("--verify", type=pathlib.Path)
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "docs" / "site")
    parser.add_argument("--no-generate", action="store_true", help="check the site as it is")
    parser.add_argument("--axe", type=pathlib.Path, help="axe.min.js (default: where ci/install-deps.sh browser "
                                                         "installs it, or $CASEBOOK_AXE_CORE)")
    parser.add_argument("--page", action="append", help="only this page (its path under the site; repeatable)")
    parser.add_argument("--json", type=pathlib.Path, help="write every violation found to this file")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="pages checked at the same time, each in a tab of its own (default: 2, or 1 on one core)")
    args = parser.parse_args()

    if not CHROMIUM.exists():
        print(f"SKIP: {CHROMIUM} is not installed, so the site cannot be loaded in a browser "
              "(bash ci/install-deps.sh browser installs Debian's chromium)")
        return 77
    axe = args.axe or default_axe()
    if not axe.is_file():
        print(f"SKIP: no axe-core at {axe} (bash ci/install-deps.sh browser installs axe-core "
              f"{axe_version_pinned()} from npm there; --axe or CMake's CASEBOOK_AXE_CORE names another axe.min.js)")
        return 77
    site = args.site.resolve()
    if not args.no_generate:
        why = chromium.generate_site(site, args.build_dir, args.verify)
        if why:
            print(f"FAIL: the site could not be generated: {why}")
            return 1
    if not (site / "index.html").exists():
        print(f"FAIL: no {site / 'index.html'}")
        return 1
    pages = sorted(site.rglob("*.html"))
    if args.page:
        wanted = set(args.page)
        pages = [p for p in pages if p.relative_to(site).as_posix() in wanted]
        if len(pages) != len(wanted):
            print(f"FAIL: no such page under {site}: "
                  f"{', '.join(sorted(wanted - {p.relative_to(site).as_posix() for p in pages}))}")
            return 2

    started = time.monotonic()
    results = {}
    profile = pathlib.Path(tempfile.mkdtemp(prefix="docs-accessibility-"))
    browser = None
    try:
        browser = Browser(profile)
        tabs = [Tab(browser, *WIDTHS[0], own_context=True) for _ in range(max(1, min(args.jobs, len(pages))))]
        # axe is handed to each tab once and runs in every page it loads after, before the page's own scripts
        for tab in tabs:
            browser.call("Page.addScriptToEvaluateOnNewDocument", tab.session, source=axe.read_text())
        results, full_runs = check_pages(browser, tabs, pages, site)
        results = dict(sorted(results.items()))
        version = tabs[0].evaluate("window.axe && axe.version")
    except CannotRun as error:
        print(f"FAIL: {error}")
        return 2
    finally:
        if browser:
            browser.close()
        shutil.rmtree(profile, ignore_errors=True)
    seconds = time.monotonic() - started

    # one line per page and rule, naming each width and theme it fails at; then per rule, in how many of the
    # page x width x theme runs it failed and on how many elements in all
    lines, per_rule = [], {}
    for name, found in results.items():
        by_rule = {}
        for (width, theme), violations in found.items():
            for violation in violations:
                by_rule.setdefault(violation["id"], []).append(((width, theme), violation))
                runs, nodes = per_rule.get(violation["id"], (0, 0))
                per_rule[violation["id"]] = (runs + 1, nodes + violation["count"])
        lines += [describe(name, rule, runs) for rule, runs in sorted(by_rule.items())]
    if args.json:
        args.json.write_text(json.dumps({
            "axe": version, "pages": len(results), "seconds": round(seconds, 1),
            "per_rule": {rule: {"runs": r, "nodes": n} for rule, (r, n) in sorted(per_rule.items())},
            "violations": [{"page": name, "width": width, "theme": theme, **violation}
                           for name, found in results.items() for (width, theme), vs in found.items()
                           for violation in vs]}, indent=1) + "\n")
    combos = f"{' and '.join(f'{w}px' for w, _ in WIDTHS)}, {' and '.join(THEMES)}"
    if lines:
        for line in lines:
            print(f"FAIL: {line}")
        runs_in_all = len(results) * len(WIDTHS) * len(THEMES)
        for rule, (runs, nodes) in sorted(per_rule.items(), key=lambda item: -item[1][0]):
            print(f"FAIL: {rule}: {runs} of {runs_in_all} runs ({len(results)} pages at {combos}), {nodes} elements")
        return 1
    print(f"PASS: axe-core {version}: no violation on {len(results)} pages at {combos} (its default rules and "
          f"target-size; of the {len(results) * len(WIDTHS) * len(THEMES)} runs, {full_runs} of all the rules, the "
          f"others of {' and '.join(COLOUR_RULES)} on a layout the same as the other theme's; {seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
