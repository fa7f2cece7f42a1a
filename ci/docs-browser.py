#!/usr/bin/env python3
"""The site in a real browser (issue 15): headless Chromium, driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: no port, no network; ci/chromium.py), loads every page of docs/site/ from file:// once, at 390 px (a
phone), and measures it there and again with the viewport 1400 px wide, and checks at both widths, after the
scripts ran, that
  - nothing sticks out of the viewport sideways, except inside a box that scrolls (overflow-x),
  - the side by side panels of twins wrap their code, never cut it or scroll it sideways,
  - no SVG label renders smaller than 11 px, is cut off at its diagram's edge, covers another label of its
    drawing or is outlined with a dash (a line's style leaking onto it), and no diagram is wider than its box or
    the screen (a part of it off screen until scrolled sideways),
  - every internal link leads to a page that exists, and its #fragment to an element of that page,
  - the list of cases filters through its URL, and casebook.js ran on every page,
  - predict mode hides every answer on the list and on a case page until it is asked for,
  - the seed's step-through works from the keyboard alone (Enter, the arrow keys, Home, End) and shows every step
    without JavaScript,
  - printed (the print stylesheet, 720 px), the start page, the guide and the seed lessons fit the paper, no text
    runs out of its box, no list is left with its links gone, and every case page prints (Chromium's printToPDF,
    A4) on at most two pages;
  - the same for the editions in other languages (docs/site/ko/: their start page, guide and seed lessons), whose
    pages declare their language and link the English page of the same name, which links them back;
then saves screenshots (phone and desktop: the start page, all cases, case pages, how to read a report; and
a case page in dark mode).

usage: ci/docs-browser.py [--build-dir DIR] [--verify EXE] [--site DIR] [--screenshots DIR] [--no-generate]
                          [--page NAME]...
Exit status: 0 pass, 1 fail (one line per failed check), 2 cannot run, 77 skipped: no /usr/bin/chromium."""
import argparse
import base64
import pathlib
import re
import shutil
import sys
import tempfile
import time
import urllib.parse

import chromium
from chromium import CHROMIUM, Browser, CannotRun

ROOT = pathlib.Path(__file__).resolve().parent.parent
WIDTHS = {"phone": (390, 844), "desktop": (1400, 900)}
MIN_SVG_PX = 11
PRINT_WIDTH = 720
SCREENSHOTS = ["index.html", "cases.html", "seed/no_lock.html", "report.html", "limits/fence_bug.html", "ko/index.html",
               "ko/seed/no_lock.html"]
CASES = ROOT / "cases"

# Runs in the page: what sticks out sideways, the rendered size of SVG labels, the links and ids.
MEASURE = r"""
(() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden") return true;
    }
    return false;
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.classList.length ? "." + Array.from(el.classList).join(".") : "");
  const sticking = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (!r.width && !r.height) continue;
    if ((r.right > width + 1 || r.left < -1) && !scrolls(el))
      sticking.push(name(el) + " [" + Math.round(r.left) + ".." + Math.round(r.right) + "]");
  }
  const small = [], cut = [], overlaps = [], dashed = [], offscreen = [];
  let shownTexts = 0;
  const label = t => JSON.stringify(t.textContent.trim().slice(0, 30));
  for (const svg of document.querySelectorAll("svg")) {
    if (!svg.getClientRects().length) continue;
    // two labels of one drawing that cover each other (a pixel of touching allowed: glyph boxes include the
    // font's whole ascent and descent, more than the ink)
    const boxes = Array.from(svg.querySelectorAll("text")).filter(t => t.textContent.trim() &&
      t.getBoundingClientRect().width).map(t => [t, t.getBoundingClientRect()]);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i], [b, q] = boxes[j];
        const wide = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const high = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (wide > 1 && high > 2) overlaps.push(label(a) + " over " + label(b));
      }
    // a drawing the reader must scroll to see whole: wider than the box that shows it, or than the screen
    if (svg.classList.contains("diagram")) {
      const r = svg.getBoundingClientRect(), box = svg.parentElement.getBoundingClientRect();
      if (r.width > box.width + 1 || r.right > width + 1)
        offscreen.push(name(svg) + " " + Math.round(r.width) + " px wide in " +
                       Math.round(Math.min(box.width, width)) + " px");
    }
  }
  for (const t of document.querySelectorAll("svg text")) {
    if (!t.textContent.trim() || !t.getBoundingClientRect().width) continue;
    shownTexts++;
    const m = t.getScreenCTM();
    const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
    if (px < MIN_PX) small.push(JSON.stringify(t.textContent.trim().slice(0, 30)) + " " + px.toFixed(1) + "px");
    // a label is drawn with a plain outline (a halo) or none: a dashed one is a line's style leaking onto it
    const dash = getComputedStyle(t).strokeDasharray;
    if (dash && dash !== "none" && getComputedStyle(t).stroke !== "none") dashed.push(label(t) + " " + dash);
    const box = t.getBoundingClientRect(), frame = t.ownerSVGElement.getBoundingClientRect();
    if (box.left < frame.left - 1 || box.right > frame.right + 1 ||
        box.top < frame.top - 1 || box.bottom > frame.bottom + 1)
      cut.push(JSON.stringify(t.textContent.trim().slice(0, 30)));
  }
  return {width: width, scrollWidth: document.documentElement.scrollWidth, sticking: sticking, small: small, cut: cut,
          overlaps: overlaps, dashed: dashed, offscreen: offscreen,
          svgTexts: shownTexts,
          links: Array.from(document.querySelectorAll("a[href]")).map(a => a.getAttribute("href")),
          ids: Array.from(document.querySelectorAll("[id]")).map(e => e.id),
          ready: document.body.getAttribute("data-ready"), print: matchMedia("print").matches,
          lang: document.documentElement.lang,
          switches: Array.from(document.querySelectorAll("nav.languages a[hreflang]"))
            .map(a => [a.getAttribute("hreflang"), a.getAttribute("href")]),
          dark: matchMedia("(prefers-color-scheme: dark)").matches,
          background: getComputedStyle(document.body).backgroundColor,
          shown: document.body.getAttribute("data-shown"),
          rows: document.querySelectorAll(".case-row").length,
          visible: Array.from(document.querySelectorAll(".case-row")).filter(r => !r.hidden).length,
          height: document.documentElement.scrollHeight,
          overflowing: Array.from(document.querySelectorAll("pre")).filter(e => e.getClientRects().length &&
            e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible").map(name),
          emptyLists: Array.from(document.querySelectorAll("main p, main li, main dd"))
            .filter(e => e.getClientRects().length && /,\s*,|:\s*,\s*\.?\s*$/.test(e.innerText))
            .map(e => JSON.stringify(e.innerText.trim().slice(0, 40))),
          cutPanels: Array.from(document.querySelectorAll("#twins .code-box"))
            .filter(box => box.scrollWidth > box.clientWidth + 1)
            .map(box => box.scrollWidth + " px of code in a " + box.clientWidth + " px panel")};
})()
"""


class Tab(chromium.Tab):
    """A tab that measures each page it opens (MEASURE)."""

    def measure(self):
        return self.evaluate(MEASURE.replace("MIN_PX", str(MIN_SVG_PX)))

    def open(self, url):
        self.load(url)
        return self.measure()


def edition_roots(site):
    """The site's root and each other language's folder under it (a folder holding a start page: ko/)."""
    return [site] + sorted(d for d in site.iterdir() if d.is_dir() and (d / "index.html").exists())


def is_case_page(page):
    """A case's page (FOLDER/STEM.html in the site or in an edition's folder), as the folders of cases/ name them."""
    return (CASES / page.parent.name).is_dir()


def switch_problems(site, page, seen):
    """A page of another language's edition declares its language and links the English page of the same name,
    and the English page links it back (the language switch, both ways)."""
    roots = edition_roots(site)
    root = next((r for r in roots[1:] if r in page.parents), site)
    name = page.relative_to(root).as_posix()
    problems = []
    lang = root.name if root != site else "en"
    if seen["lang"] != lang:
        problems.append(f"{page.relative_to(site).as_posix()}: <html lang> is {seen['lang']!r}, not {lang!r}")
    for other in roots:
        if other == root or not (other / name).exists():
            continue
        want = "en" if other == site else other.name
        hrefs = [href for hreflang, href in seen["switches"] if hreflang == want]
        if not hrefs or (page.parent / hrefs[0]).resolve() != (other / name).resolve():
            problems.append(f"{page.relative_to(site).as_posix()}: no language switch to "
                            f"{(other / name).relative_to(site).as_posix()} (found {hrefs})")
    return problems


def page_problems(name, width, seen):
    """What one measure of a page at `width` shows wrong: casebook.js, sideways overflow, SVG labels."""
    problems = []
    if seen["ready"] != "yes":
        problems.append(f"{name} @{width}px: casebook.js did not run (body[data-ready])")
    if seen["sticking"] or seen["scrollWidth"] > seen["width"]:
        problems.append(f"{name} @{width}px: {seen['scrollWidth']} px wide in a {seen['width']} px "
                        f"viewport; sticking out: {', '.join(seen['sticking'][:4]) or 'the page'}")
    if seen["small"]:
        problems.append(f"{name} @{width}px: SVG text below {MIN_SVG_PX} px: {', '.join(seen['small'][:4])}")
    if seen["cut"]:
        problems.append(f"{name} @{width}px: SVG text cut off at the diagram's edge: {', '.join(seen['cut'][:4])}")
    if seen["overlaps"]:
        problems.append(f"{name} @{width}px: SVG labels overlap: {', '.join(seen['overlaps'][:4])}")
    if seen["dashed"]:
        problems.append(f"{name} @{width}px: SVG labels drawn with a dashed outline: {', '.join(seen['dashed'][:4])}")
    if seen["offscreen"]:
        problems.append(f"{name} @{width}px: a diagram does not fit the screen (part of it is off screen until "
                        f"scrolled): {', '.join(seen['offscreen'][:4])}")
    if seen["cutPanels"]:
        problems.append(f"{name} @{width}px: a side by side panel cuts its code (it must wrap): "
                        f"{', '.join(seen['cutPanels'])}")
    return problems


def internal_target(site, page, href):
    """(file, fragment) an internal link of `page` leads to, or None for an external one."""
    parsed = urllib.parse.urlparse(href)
    if parsed.scheme or href.startswith("//"):
        return None
    target = (page.parent / urllib.parse.unquote(parsed.path)).resolve() if parsed.path else page
    return target, urllib.parse.unquote(parsed.fragment)


VISIBLE = "(sel => Array.from(document.querySelectorAll(sel)).filter(e => e.getClientRects().length).length)"


A4 = (8.27, 11.69)        # inches
MAX_SHEETS = 2


def pdf_pages(data):
    """The number of pages of a PDF Chromium printed (base64): its page objects."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", base64.b64decode(data)))


def predict_problems(tab, site):
    """Predict mode in a real browser: the list's switch (from its URL) hides every answer, a row's "show the
    answer" brings back that row's alone, the case links carry the mode on, and a case page opened in it hides
    what gives the answer away until the exercise's first answer is opened."""
    problems = []
    tab.open((site / "cases.html").as_uri())
    shown = tab.evaluate(f"{VISIBLE}('.case-row .answer')")
    if not shown or tab.evaluate(f"{VISIBLE}('details.reveal')"):
        problems.append(f"cases.html: without predict mode {shown} answers are shown, or 'show the answer' is")
    tab.open((site / "cases.html").as_uri() + "#predict=1")
    if not tab.evaluate("!!(document.getElementById('predict') || {}).checked"):
        problems.append("cases.html#predict=1: the predict switch is off")
    leaked = tab.evaluate(f"{VISIBLE}('.case-row .answer')")
    if leaked:
        problems.append(f"cases.html#predict=1: {leaked} answers are still shown")
    if not tab.evaluate("Array.from(document.querySelectorAll('a.case-link')).every("
                        "a => /[?]predict/.test(a.getAttribute('href')))"):
        problems.append("cases.html#predict=1: the links to the cases do not carry predict mode")
    tab.evaluate("document.querySelectorAll('.case-row details.reveal').forEach((d, k) => { d.open = !k; })")
    first = tab.evaluate(f"{VISIBLE}('.case-row:first-of-type .answer')")
    others = tab.evaluate(f"{VISIBLE}('.case-row:not(:first-of-type) .answer')")
    if not first or others:
        problems.append(f"cases.html#predict=1: opening the first row's answer shows {first} of its answers "
                        f"and {others} of the other rows'")
    tab.open((site / "seed" / "no_lock.html").as_uri() + "?predict")
    leaked = tab.evaluate(f"{VISIBLE}('.spoiler')")
    if leaked or not tab.evaluate(f"{VISIBLE}('#exercise')"):
        problems.append(f"seed/no_lock.html?predict: {leaked} parts that give the answer away are shown, "
                        "or there is no exercise")
    tab.evaluate("document.querySelectorAll('#exercise details.answer').forEach((d, k) => { d.open = !k; })")
    time.sleep(0.3)     # the toggle event is queued as a task
    if not tab.evaluate(f"{VISIBLE}('.spoiler')"):
        problems.append("seed/no_lock.html?predict: opening the answer does not bring the page's answers back")
    return problems


def press(tab, key, code, keycode, text=None):
    """A key pressed and released on the keyboard (DevTools' Input domain: the page sees real key events; a key
    that types `text`, Enter's "\r", also activates the focused button, as a real one does)."""
    down = {"text": text, "unmodifiedText": text} if text else {}
    tab.browser.call("Input.dispatchKeyEvent", tab.session, type="keyDown", key=key, code=code,
                     windowsVirtualKeyCode=keycode, nativeVirtualKeyCode=keycode, **down)
    tab.browser.call("Input.dispatchKeyEvent", tab.session, type="keyUp", key=key, code=code,
                     windowsVirtualKeyCode=keycode, nativeVirtualKeyCode=keycode)


def step_problems(tab, site):
    """The seed's step-through (#steps on seed/no_lock.html), with the keyboard alone: it opens on its first step,
    Enter on "next step" and the arrow keys move it, End reaches TSan's verdict, Home goes back; without
    JavaScript every step shows and there is no button that would do nothing."""
    problems = []
    page = "seed/no_lock.html"
    visible = "(() => Array.from(document.querySelectorAll('#steps li.step')).filter(e => e.getClientRects().length)" \
              ".map(e => e.id))()"
    tab.open((site / page).as_uri())
    total = tab.evaluate("document.querySelectorAll('#steps li.step').length")
    if not total:
        return [f"{page}: no step-through (#steps li.step)"]
    if tab.evaluate("document.querySelectorAll('#steps .step-controls button').length") != 3:
        problems.append(f"{page}: the step-through has no buttons (casebook.js)")
        return problems
    shown = tab.evaluate(visible)
    if len(shown) != 1:
        problems.append(f"{page}: the step-through opens on {len(shown)} steps, not its first")
    tab.evaluate("document.querySelector('#steps .step-next').focus()")
    press(tab, "Enter", "Enter", 13, "\r")
    after_enter = len(tab.evaluate(visible))
    press(tab, "ArrowRight", "ArrowRight", 39)
    after_arrow = len(tab.evaluate(visible))
    if (after_enter, after_arrow) != (2, 3):
        problems.append(f"{page}: Enter on 'next step', then the right arrow, show {after_enter} and {after_arrow} "
                        "steps, not 2 and 3")
    status = tab.evaluate("document.querySelector('#steps .step-status').textContent")
    if "3" not in status:
        problems.append(f"{page}: the step-through's live status does not say step 3: {status!r}")
    press(tab, "End", "End", 35)
    shown = tab.evaluate(visible)
    last = tab.evaluate("(document.querySelector('#steps li.step:last-child') || {}).textContent || ''")
    if len(shown) != total or "TSan" not in last:
        problems.append(f"{page}: End shows {len(shown)} of {total} steps, or the last is not TSan's verdict")
    press(tab, "Home", "Home", 36)
    if len(tab.evaluate(visible)) != 1:
        problems.append(f"{page}: Home does not go back to the first step")
    if tab.evaluate("document.activeElement && document.activeElement.className") != "step-next":
        problems.append(f"{page}: the keyboard's focus left the step-through's buttons")
    tab.browser.call("Emulation.setScriptExecutionDisabled", tab.session, value=True)
    try:
        tab.load((site / page).as_uri())
        shown = tab.evaluate(visible)
        buttons = tab.evaluate("document.querySelectorAll('#steps button').length")
    finally:
        tab.browser.call("Emulation.setScriptExecutionDisabled", tab.session, value=False)
    if len(shown) != total or buttons:
        problems.append(f"{page} without JavaScript: {len(shown)} of {total} steps show, {buttons} buttons")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", type=pathlib.Path, default=ROOT / "build" / "default")
    parser.add_argument("--verify", type=pathlib.Path)
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "docs" / "site")
    parser.add_argument("--screenshots", type=pathlib.Path, default=ROOT / "build" / "docs-screenshots")
    parser.add_argument("--no-generate", action="store_true", help="test the site as it is")
    parser.add_argument("--page", action="append", help="only this page (its path under the site; repeatable): "
                        "its links' #fragments are then checked only on the pages loaded")
    args = parser.parse_args()

    if not CHROMIUM.exists():
        print(f"SKIP: {CHROMIUM} is not installed, so the site cannot be loaded in a browser "
              "(bash ci/install-deps.sh browser installs Debian's chromium)")
        return 77
    site = args.site.resolve()
    if not args.no_generate:
        why = chromium.generate_site(site, args.build_dir, args.verify)
        if why:
            print(f"FAIL: the site could not be generated: {why}")
            return 1
    pages = sorted(site.rglob("*.html"))
    if not (site / "index.html").exists():
        print(f"FAIL: no {site / 'index.html'}")
        return 1
    if args.page:
        wanted = set(args.page)
        pages = [p for p in pages if p.relative_to(site).as_posix() in wanted]
        if len(pages) != len(wanted):
            print(f"FAIL: no such page under {site}: "
                  f"{', '.join(sorted(wanted - {p.relative_to(site).as_posix() for p in pages}))}")
            return 2

    problems = []
    profile = pathlib.Path(tempfile.mkdtemp(prefix="docs-browser-"))
    args.screenshots.mkdir(parents=True, exist_ok=True)
    browser = None
    try:
        browser = Browser(profile)
        ids, links, svg_texts, printed_sheets = {}, [], 0, 0
        # Each page is loaded once, at the phone's width (as a phone loads it), measured, then measured again with
        # the viewport made desktop-wide: the pages are static and casebook.js reads no width, so the second
        # measure is what a load at 1400 px shows, and every page is still checked at both widths (issue 26: one
        # load per page, not one per page and width).
        tab = Tab(browser, *WIDTHS["phone"])
        for page in pages:
            name = page.relative_to(site).as_posix()
            tab.resize(*WIDTHS["phone"])
            seen = tab.open(page.as_uri())
            ids[page] = set(seen["ids"])
            links += [(page, href) for href in seen["links"]]
            problems += switch_problems(site, page, seen)
            for label, (width, height) in WIDTHS.items():
                if label != "phone":
                    tab.resize(width, height)
                    seen = tab.measure()
                problems += page_problems(name, width, seen)
                svg_texts += seen["svgTexts"]
                if name in SCREENSHOTS:
                    shot = args.screenshots / f"{label}-{name.replace('/', '-').replace('.html', '')}.png"
                    tab.screenshot(shot, seen["height"])
            # each case page as a worksheet on A4 (Chromium's own print to PDF), printed from this same load:
            # printToPDF lays the page out again for the paper's width and the print media, whatever the viewport
            # (measured: the same sheet count as a fresh load in a print-emulated tab, on 40 pages)
            if is_case_page(page):
                sheets = pdf_pages(browser.call("Page.printToPDF", tab.session, timeout=120, paperWidth=A4[0],
                                                paperHeight=A4[1], printBackground=False)["data"])
                if sheets > MAX_SHEETS:
                    problems.append(f"{name} printed on A4: {sheets} pages, more than {MAX_SHEETS}")
                printed_sheets = max(printed_sheets, sheets)
        # the list of cases, filtered through its URL, on a phone: the script must hide exactly the others
        tab.resize(*WIDTHS["phone"])
        seen = tab.open((site / "cases.html").as_uri())
        rows = seen["rows"]
        if not rows or seen["shown"] != str(rows):
            problems.append(f"cases.html: {rows} cases but the script shows {seen['shown']}")
        filtered = tab.open((site / "cases.html").as_uri() + "#folder=seed&role=mistake")
        expected = tab.evaluate("document.querySelectorAll("
                                "'.case-row[data-folder=seed][data-role=mistake]').length")
        if filtered["visible"] != expected or filtered["shown"] != str(expected):
            problems.append(f"cases.html#folder=seed&role=mistake: {expected} seed mistakes, the page shows "
                            f"{filtered['visible']}")
        problems += predict_problems(tab, site)
        problems += step_problems(tab, site)
        # the same page as a reader with a dark system theme sees it on a desktop (a screenshot to look at)
        tab.resize(*WIDTHS["desktop"])
        tab.color_scheme("dark")
        seen = tab.open((site / "seed" / "no_lock.html").as_uri())
        if not seen["dark"] or seen["background"] == "rgb(245, 247, 249)":
            problems.append(f"seed/no_lock.html dark: the dark scheme did not apply ({seen['background']})")
        tab.screenshot(args.screenshots / "desktop-dark-seed-no_lock.png", seen["height"])
        tab.color_scheme(None)
        # printed as a handout (A4 is about 720 CSS px inside its margins): nothing scrolls on paper, so
        # nothing may stick out at all
        tab = Tab(browser, PRINT_WIDTH, 1000)
        browser.call("Emulation.setEmulatedMedia", tab.session, media="print")
        printed = [p for p in pages if p.parent in edition_roots(site) or p.parent.name == "seed"]
        for page in printed:
            seen = tab.open(page.as_uri())
            if not seen["print"]:
                problems.append(f"{page.relative_to(site).as_posix()}: the print media did not apply")
            if seen["sticking"] or seen["scrollWidth"] > seen["width"]:
                problems.append(f"{page.relative_to(site).as_posix()} printed: {seen['scrollWidth']} px wide on a "
                                f"{seen['width']} px page; sticking out: "
                                f"{', '.join(seen['sticking'][:4]) or 'the page'}")
            if seen["overflowing"]:
                problems.append(f"{page.relative_to(site).as_posix()} printed: text runs out of its box over what "
                                f"is beside it: {', '.join(seen['overflowing'][:4])}")
            if seen["emptyLists"]:
                problems.append(f"{page.relative_to(site).as_posix()} printed: a list whose links are gone: "
                                f"{', '.join(seen['emptyLists'][:4])}")
            if is_case_page(page):
                # a worksheet: nothing that answers its questions is on the paper (the lesson in the header
                # comment, the label, the verdict, the markers, the report, the steps, the diagram)
                told = tab.evaluate(f"{VISIBLE}('tr.lesson-text, .spoiler, #steps, #lesson')")
                if told:
                    problems.append(f"{page.relative_to(site).as_posix()} printed: {told} parts that answer the "
                                    "worksheet's questions are on the paper")
        checked = 0
        for page, href in links:
            target = internal_target(site, page, href)
            if target is None:
                continue
            file, fragment = target
            checked += 1
            where = page.relative_to(site).as_posix()
            if not file.exists():
                problems.append(f"{where}: link {href} leads to no file")
            elif fragment and "=" not in fragment and (file in ids or not args.page) and \
                    fragment not in ids.get(file, set()):
                problems.append(f"{where}: link {href}: {file.relative_to(site).as_posix()} has no id {fragment}")
    except CannotRun as error:
        print(f"FAIL: {error}")
        return 2
    finally:
        if browser:
            browser.close()
        shutil.rmtree(profile, ignore_errors=True)

    for problem in problems[:40]:
        print(f"FAIL: {problem}")
    if len(problems) > 40:
        print(f"FAIL: ... and {len(problems) - 40} more")
    if problems:
        return 1
    print(f"PASS: {len(pages)} pages at {' and '.join(f'{w}px' for w, _ in WIDTHS.values())}: nothing sticks out "
          f"sideways, {svg_texts} SVG labels shown, all at least {MIN_SVG_PX} px and inside their diagram, "
          f"{checked} internal links resolve, {len(printed)} pages print within {PRINT_WIDTH} px, every case on "
          f"at most {printed_sheets} A4 pages; "
          f"screenshots in {args.screenshots}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
