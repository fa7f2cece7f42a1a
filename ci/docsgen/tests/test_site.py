"""The generator's own tests (ctest docs/generator), on the real runs the docs/runs fixture left in
BUILD_DIR/docs/runs: the site is generated once into a temporary directory and read back.

Each of the three misleading things issue 15 found has a test here: thread names that were not the run's
(test_thread_names_are_the_runs_own), correct code titled "the mistake" with a diagram saying "no
happens-before" (test_false_positives_*), and "As if synchronized via sleep" left unexplained
(test_sleep_is_explained_where_it_appears)."""
import html
import html.parser
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import unittest

from docsgen import (catalog, cli, commands, edition, exercise, glossary, highlight, model, pages, scaffolding, sources,
                     translation)
from docsgen.highlight import highlight_lines
from docsgen.model import ROOT

BUILD = pathlib.Path(os.environ.get("CASEBOOK_BUILD_DIR", ROOT / "build" / "default"))
RUNS = BUILD / "docs" / "runs"


class Page(html.parser.HTMLParser):
    """Just enough of a page: its elements as (tag, attributes), its text, its links."""

    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path, self.elements, self.texts = path, [], []
        self.feed(path.read_text())

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texts.append(data)

    @property
    def text(self):
        return " ".join(" ".join(self.texts).split())

    def links(self, rel=None):
        return [a.get("href") for tag, a in self.elements if tag == "a" and (rel is None or a.get("rel") == rel)]

    def by_class(self, cls):
        return [a for tag, a in self.elements if cls in (a.get("class") or "").split()]


class FirstUses(html.parser.HTMLParser):
    """Where each glossary term is first used in a page's <main> prose and where its first link to the glossary
    is, as positions in document order: read independently of docsgen/glossary.py, with the same idea of prose
    (outside links, code, listings, reports, diagrams, headings, form controls, badges and exercise answers)."""

    SKIP_TAGS = {"a", "code", "pre", "script", "style", "svg", "title", "h1", "h2", "h3", "summary", "select",
                 "option", "label", "textarea", "button", "table"}
    SKIP_CLASSES = {"verdict", "role", "report", "case-name", "crumbs", "pager", "key", "answer"}
    VOID = {"br", "hr", "img", "input", "link", "meta", "wbr"}

    def __init__(self, text, terms):
        super().__init__(convert_charrefs=True)
        self.terms, self.position, self.in_main, self.skipping = terms, 0, False, []
        self.unlinked, self.linked = {}, {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.position += 1
        if tag == "main":
            self.in_main = True
        href = attrs.get("href") or ""
        match = re.search(r"glossary\.html#term-([\w-]+)$", href)
        if match and self.in_main:
            self.linked.setdefault(match.group(1), self.position)
        if tag in self.VOID:
            return
        if self.skipping:
            self.skipping.append(tag)
        elif tag in self.SKIP_TAGS or set((attrs.get("class") or "").split()) & self.SKIP_CLASSES:
            self.skipping.append(tag)

    def handle_endtag(self, tag):
        self.position += 1
        if tag == "main":
            self.in_main = False
        if self.skipping:
            self.skipping.pop()

    def handle_data(self, data):
        self.position += 1
        if not self.in_main or self.skipping:
            return
        for term in self.terms:
            words = "|".join(re.escape(f) for f in sorted(term["forms"], key=len, reverse=True))
            match = re.search(rf"(?<![\w-])(?:{words})(?![\w-])", data, re.I)
            if match:
                self.unlinked.setdefault(term["id"], (self.position, match.group(0)))


def run_of(name):
    return json.loads((RUNS / (name.replace("/", "__") + ".json")).read_text())


@unittest.skipUnless(RUNS.is_dir(), f"no runs in {RUNS}: run ctest (the docs/runs fixture) or ci/gen-docs.py first")
class SiteFromRealRuns(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.out = pathlib.Path(tempfile.mkdtemp(prefix="docsgen-test-"))
        cls.site = cls.out / "site"
        status = cli.main(["--build-dir", str(BUILD), "--reuse-runs", "--no-catalog", "--site", str(cls.site)])
        assert status == 0, f"gen-docs exited {status}"
        cls.cases = sorted(p.relative_to(cls.site).with_suffix("").as_posix()
                           for p in cls.site.glob("*/*.html") if (ROOT / "cases" / p.parent.name).is_dir())

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.out, ignore_errors=True)

    def page(self, name):
        return Page(self.site / f"{name}.html")

    def role(self, name):
        badges = self.page(name).by_class("role-line")
        text = (self.site / f"{name}.html").read_text()
        match = re.search(r'<p class="role-line[^"]*"><span class="role r-([\w-]+)">', text)
        self.assertTrue(badges and match, f"{name}: no role badge")
        return match.group(1)

    def test_false_positives_are_not_titled_the_mistake(self):
        flagged = [c for c in self.cases if self.role(c) == "false-positive"]
        self.assertIn("limits/fence_bug", flagged, "limits/fence_bug is correct code TSan flags")
        for name in flagged:
            title = re.search(r"<h1>(.*?)</h1>", (self.site / f"{name}.html").read_text(), re.S).group(1)
            self.assertNotIn("mistake", title, f"{name}: titled the mistake")
            self.assertIn("correct code TSan flags", title, f"{name}: its title does not say what it is")

    def test_false_positives_never_draw_no_happens_before(self):
        for name in (c for c in self.cases if self.role(c) in ("false-positive", "rewrite")):
            svg = " ".join(re.findall(r"<svg.*?</svg>", (self.site / f"{name}.html").read_text(), re.S))
            self.assertNotIn("no happens-before", svg, f"{name}: correct code drawn as unordered")
            # An edge between two threads is drawn only where the report names two (a wide and a narrow form each).
            if svg.count('class="lane-name"') >= 4:
                self.assertIn("an order TSan cannot see", svg, f"{name}: the edge does not say so")

    def test_a_mistake_still_draws_no_happens_before(self):
        svg = " ".join(re.findall(r"<svg.*?</svg>", (self.site / "seed/no_lock.html").read_text(), re.S))
        self.assertIn("no happens-before", svg)

    def test_thread_names_are_the_runs_own(self):
        checked = 0
        for name in self.cases:
            run = run_of(name)
            for report in run["reports"]:
                for section in report["sections"]:
                    if not section.get("access"):
                        continue
                    shown = model.scrub_title(section["title"])
                    self.assertIn(shown, (self.site / f"{name}.html").read_text().replace("&#39;", "'"),
                                  f"{name}: the page does not show the run's own '{shown}'")
                    checked += 1
        self.assertGreater(checked, 20)
        text = self.page("patterns/double_checked_locking_bug").text
        first = run_of("patterns/double_checked_locking_bug")["reports"][0]["sections"][0]["access"]["thread"]
        self.assertIn(f"by {first}", text)

    def test_sleep_is_explained_where_it_appears(self):
        pages_with_sleep = [c for c in self.cases if any(s["kind"] == "sleep" for r in run_of(c)["reports"]
                                                         for s in r["sections"])]
        if not pages_with_sleep:
            self.skipTest("no report in these runs says 'As if synchronized via sleep'")
        for name in pages_with_sleep:
            page = self.page(name)
            self.assertIn("../report.html#part-sleep", page.links(), f"{name}: the sleep part links nowhere")
            self.assertIn("A sleep orders nothing", page.text, f"{name}: no word on the sleep beside the report")
        anatomy = Page(self.site / "report.html")
        self.assertTrue(any(a.get("id") == "part-sleep" for _t, a in anatomy.elements))
        self.assertIn("a sleep is not synchronization", anatomy.text)

    def test_the_anatomy_explains_every_part_and_shows_it_in_a_case(self):
        text = (self.site / "report.html").read_text()
        anatomy = Page(self.site / "report.html")
        ids = {a.get("id") for _t, a in anatomy.elements if a.get("id")}
        for part in ("headline", "access", "stack", "previous", "location", "thread", "mutexes", "sleep",
                     "summary"):
            self.assertIn(f"part-{part}", ids, f"no part-{part}")
            block = text.split(f'id="part-{part}"', 1)[1].split('<div class="part"', 1)[0]
            self.assertIn("Seen in:", block, f"part-{part} names no case that shows it")
            self.assertRegex(block, r'<pre class="excerpt scroll"[^>]*>\s*\S', f"part-{part} shows no excerpt")

    def test_every_report_part_of_a_case_links_to_the_anatomy(self):
        anatomy_ids = {a.get("id") for _t, a in Page(self.site / "report.html").elements if a.get("id")}
        for name in self.cases:
            for href in self.page(name).links():
                if href.startswith("../report.html#"):
                    self.assertIn(href.split("#")[1], anatomy_ids, f"{name}: {href}")

    def test_the_path_starts_with_the_seed_lessons_in_teaching_order(self):
        order = ["no_lock", "explicit_lock", "scoped_lock", "lock_read_only", "split_lock", "semaphore_one",
                 "semaphore_two", "lock_order_inversion"]
        start = Page(self.site / "index.html")
        seed_links = [a["href"][len("seed/"):-len(".html")] for a in start.by_class("path-case")
                      if a["href"].startswith("seed/")]
        present = [s for s in order if (self.site / "seed" / f"{s}.html").exists()]
        self.assertEqual([s for s in dict.fromkeys(seed_links) if s in order], present)

    def test_after_the_seed_the_path_is_gentle(self):
        """Issue 24: after the seed, the simplest locks, then signalling; cancellation after the other locks,
        lifecycle and the C library later."""
        start = Page(self.site / "index.html")
        path = list(dict.fromkeys(a["href"][:-len(".html")] for a in start.by_class("path-case")))
        after_seed = [name for name in path if not name.startswith("seed/")]
        self.assertEqual(after_seed[0], "locks/normal_mutex_bug")
        first = {folder: next(k for k, name in enumerate(path) if name.startswith(folder + "/"))
                 for folder in ("locks", "signaling", "lifecycle", "libc")}
        self.assertLess(first["locks"], first["signaling"])
        self.assertLess(first["signaling"], first["lifecycle"])
        self.assertLess(first["lifecycle"], first["libc"])
        cancel = path.index("locks/cancel_cleanup_bug")
        self.assertEqual({n.split("/")[0] for n in path[first["locks"]:cancel]}, {"locks"})
        self.assertGreater(cancel - first["locks"], 10, "cancellation comes after the simpler locks")

    def test_previous_and_next_form_one_chain(self):
        # one chain for each edition: the English one from index.html, the Korean one from ko/index.html
        seen = []
        for start in (self.site / "index.html", self.site / "ko" / "index.html"):
            walked, page = [], start
            while page is not None:
                walked.append(page)
                nxt = Page(page).links(rel="next")
                page = (page.parent / nxt[0]).resolve() if nxt else None
                self.assertLess(len(walked), 1000, "previous/next loops")
                if page is not None:
                    back = Page(page).links(rel="prev")
                    self.assertEqual((page.parent / back[0]).resolve(), walked[-1].resolve(),
                                     f"{page}: prev is not {walked[-1]}")
                    self.assertEqual(page.resolve().is_relative_to((self.site / "ko").resolve()),
                                     start.parent.name == "ko", f"{page}: the chain from {start} leaves its edition")
            seen += walked
        every = {p.resolve() for p in self.site.rglob("*.html")}
        self.assertEqual({p.resolve() for p in seen}, every, "some page is not on the previous/next chain")

    def test_seed_mistakes_link_their_fixes(self):
        text = self.page("seed/no_lock").text
        self.assertIn("The fix: seed/explicit_lock", text)
        self.assertIn("seed/no_lock", self.page("seed/explicit_lock").text)
        self.assertEqual(self.role("seed/no_lock"), "mistake")
        self.assertEqual(self.role("seed/explicit_lock"), "fix")

    def test_a_lesson_that_loses_an_update_without_a_report_is_a_miss(self):
        stdout = run_of("seed/split_lock")["run"]["stdout"]
        self.assertIn("Ending value is 2.", stdout)
        self.assertEqual(self.role("seed/split_lock"), "miss")

    def test_a_source_line_is_shown_as_links_and_left_out_of_the_lesson(self):
        cited = [c for c in self.cases if "Source:" in (ROOT / "cases" / f"{c}.c").read_text().split("*/")[0]]
        self.assertTrue(cited, "no case has a Source: line")
        for name in cited:
            case = model.Case(name, ROOT / "cases" / f"{name}.c", None, "clang-14")
            page = self.page(name)
            self.assertTrue(page.by_class("source"), f"{name}: no Source: paragraph")
            links = page.links()
            for item, link in case.sources:
                if link:
                    self.assertIn(link, links, f"{name}: {item} is not linked")
            lesson = (self.site / f"{name}.html").read_text().split('<p class="lesson">')[1].split("</p>")[0]
            self.assertNotIn("Source:", lesson, f"{name}: the lesson still holds the Source: line")

    def test_every_case_page_has_the_toolchain_section(self):
        for name in self.cases:
            self.assertIn("Across toolchains", self.page(name).text, name)

    def test_the_detectors_page_has_a_row_per_scored_configuration(self):
        scores = json.loads((ROOT / "docs" / "detectors.json").read_text())
        page = (self.site / "detectors.html").read_text()
        for config in scores["configs"]:
            self.assertIn(f'<th scope="row">{config["name"]}<span class="counts">', page, config["name"])
        self.assertIn('href="detectors.html"', (self.site / "index.html").read_text(), "the nav links it")

    def test_every_bug_tsan_misses_has_its_diagram_and_its_steps(self):
        """Issue 24: a miss has no report to draw, so its steps (docs/site-src/steps.yaml) are drawn instead, and
        told one at a time, ending with what TSan said of the run (nothing)."""
        misses = [name for name in self.cases if "/" in name and not name.startswith("ko/") and
                  self.role(name) == "miss"]
        self.assertGreaterEqual(len(misses), 30, misses)
        for name in misses:
            text = (self.site / f"{name}.html").read_text()
            diagram = re.search(r'<section id="diagram".*?</section>', text, re.S)
            self.assertIsNotNone(diagram, f"{name}: a bug TSan misses without a diagram")
            self.assertIn("<svg", diagram.group(0), name)
            steps = re.search(r'<section id="steps".*?</section>', text, re.S)
            self.assertIsNotNone(steps, f"{name}: a bug TSan misses without its steps")
            self.assertIn('class="step ', steps.group(0), name)
            last = re.findall(r'<li class="step verdict-step[^"]*"[^>]*>(.*?)</li>', steps.group(0), re.S)
            self.assertTrue(last and "TSan" in last[0], f"{name}: the steps do not end with TSan's verdict")

    def test_the_seed_step_through_ends_with_the_report_of_its_run(self):
        page = (self.site / "seed" / "no_lock.html").read_text()
        steps = re.search(r'<section id="steps".*?</section>', page, re.S).group(0)
        texts = [html.unescape(re.sub(r"<[^>]+>", "", t)) for t in
                 re.findall(r'<li class="step[^"]*"[^>]*>(.*?)</li>', steps, re.S)]
        self.assertRegex(texts[0], r"^First copies value into its local_copy: 0")
        self.assertRegex(texts[1], r"^Second copies value")
        line = next(r["line"] for r in model.reports_of(run_of("seed/no_lock"), renumber=False))
        self.assertIn(f"reported data race at line {line}", texts[-1])
        self.assertIn("Ending value is 2.", texts[-1])

    def test_the_header_comment_is_marked_for_the_worksheet_to_leave_out(self):
        """The header comment is the lesson, which answers the exercise: its rows are `lesson-text`, which the
        printed worksheet hides (docs-browser.py checks the paper)."""
        for name in ("seed/no_lock", "limits/check_then_act_bug"):
            case = next(c for c in model.discover(BUILD / "cases.manifest") if c.name == name)
            rows = re.findall(r'<tr class="([^"]*)" id="L(\d+)"', (self.site / f"{name}.html").read_text())
            marked = sorted(int(n) for cls, n in rows if "lesson-text" in cls.split())
            self.assertEqual(marked, list(range(1, case.code_start)), name)

    def test_every_page_has_its_own_description_and_the_icon(self):
        """Lighthouse's SEO audits (ctest docs/lighthouse) want a meta description; search engines show it. Each
        page's is its own: no two pages share one, and a case page's names the case and its lesson."""
        seen = {}
        for path in sorted(self.site.rglob("*.html")):
            name = path.relative_to(self.site).as_posix()
            page = Page(path)
            descriptions = [a.get("content") or "" for tag, a in page.elements
                            if tag == "meta" and a.get("name") == "description"]
            self.assertEqual(len(descriptions), 1, f"{name}: {len(descriptions)} meta descriptions")
            self.assertGreater(len(descriptions[0].split()), 6, f"{name}: description {descriptions[0]!r}")
            self.assertNotIn("`", descriptions[0], name)
            self.assertNotIn(descriptions[0], seen, f"{name} and {seen.get(descriptions[0])} share a description")
            seen[descriptions[0]] = name
            icons = [a.get("href") for tag, a in page.elements if tag == "link" and a.get("rel") == "icon"]
            self.assertEqual(len(icons), 1, name)
            self.assertTrue((path.parent / icons[0]).resolve().is_file(), f"{name}: no icon at {icons[0]}")
        for case in self.cases:
            self.assertTrue([d for d, n in seen.items() if n == f"{case}.html" and d.startswith(f"{case} (")], case)

    def test_the_detectors_page_explains_its_scores_on_an_example_that_adds_up(self):
        text = self.page("detectors").text
        for name in ("Precision", "Recall", "F1"):
            self.assertRegex(text, rf"{name}: [^.]+\.", f"{name} is not explained in a sentence")
        example = re.search(r"it reported (\d+) cases, of which (\d+) have a bug and (\d+) are correct code, so its "
                            r"precision is \2 / \1 = ([\d.]+)\. Of the (\d+) cases with a bug it reported \2 and "
                            r"missed (\d+), so its recall is \2 / \5 = ([\d.]+)\. Its F1 is .*? = ([\d.]+)\.", text)
        self.assertIsNotNone(example, "no worked example of precision, recall and F1")
        reported, tp, fp, buggy, fn = (int(example.group(k)) for k in (1, 2, 3, 5, 6))
        precision, recall, f1 = (float(example.group(k)) for k in (4, 7, 8))
        self.assertEqual((tp + fp, tp + fn), (reported, buggy))
        self.assertAlmostEqual(precision, tp / reported, places=3)
        self.assertAlmostEqual(recall, tp / buggy, places=3)
        self.assertAlmostEqual(f1, 2 * precision * recall / (precision + recall), places=2)


    # ------------------------------------------------------------------------------------------ the exercise (issue 24)

    def exercise(self, name):
        """[(question, answer's text, answer's html)] of a case page's #exercise, in the order it asks them."""
        text = (self.site / f"{name}.html").read_text()
        section = re.search(r'<section id="exercise"[^>]*>(.*?)</section>', text, re.S)
        self.assertTrue(section, f"{name}: no element with id exercise")
        asked = re.findall(r'<p class="ask">(.*?)</p>\s*<details class="answer"><summary>[^<]*</summary>'
                           r'(.*?)</details>', section.group(1), re.S)
        self.assertTrue(asked, f"{name}: the exercise asks nothing, or its answer is not behind <details>")
        return [(html.unescape(q), " ".join(html.unescape(re.sub(r"<[^>]+>", " ", a)).split()), a) for q, a in asked]

    def test_every_case_page_asks_first_and_answers_on_demand(self):
        for name in self.cases:
            text = (self.site / f"{name}.html").read_text()
            at = text.index('id="exercise"')
            for later in ('id="code"', 'id="markers"', 'id="report"', 'class="verdict-line'):
                if later in text:
                    self.assertLess(at, text.index(later), f"{name}: the answer ({later}) comes before the question")
            questions = self.exercise(name)
            first, answer, _ = questions[0]
            run = run_of(name)
            expects = any(m["kind"] != "none" for m in run.get("markers") or [] if m.get("applies", True))
            self.assertEqual(first, exercise.WHICH_LINE if expects else exercise.ANYTHING, name)
            self.assertIn(f"The verdict: {run['outcome']}", answer, f"{name}: the answer does not give the verdict")
            self.assertIn("The markers:", answer, name)
            for report in run["reports"]:
                self.assertIn(report["kind"].split(" (")[0], answer, f"{name}: the answer leaves out a report")
            if not run["reports"]:
                self.assertIn("nothing (no report)", answer, name)

    def test_a_mistake_with_a_twin_asks_for_the_smallest_change_and_shows_it(self):
        asked = {q: (a, raw) for q, a, raw in self.exercise("seed/no_lock")}
        self.assertIn(exercise.SMALLEST_FIX, asked)
        answer, raw = asked[exercise.SMALLEST_FIX]
        self.assertIn("seed/explicit_lock", answer)
        added = re.findall(r'<span class="added">\+\s+\d+\s+(.*?)</span>', raw)
        self.assertTrue(any("lock" in html.unescape(line) for line in added), f"the change adds no lock: {added}")
        for name in self.cases:
            if self.role(name) == "fix":
                self.assertNotIn(exercise.SMALLEST_FIX, [q for q, _, _ in self.exercise(name)], name)

    def test_a_bug_tsan_misses_asks_what_and_why(self):
        misses = [c for c in self.cases if self.role(c) == "miss"]
        self.assertIn("seed/split_lock", misses)
        for name in misses:
            asked = {q: a for q, a, _ in self.exercise(name)}
            self.assertIn(exercise.WHAT_MISSED, asked, name)
            self.assertIn("Why:", asked[exercise.WHAT_MISSED], name)

    def test_the_answer_key_answers_every_case_as_its_page_does(self):
        key = (self.site / "answers.html").read_text()
        for name in self.cases:
            anchor = name.replace("/", "-")
            entry = re.search(rf'<article class="key-case" id="{re.escape(anchor)}">(.*?)</article>', key, re.S)
            self.assertTrue(entry, f"the answer key has no {name}")
            for question, answer, _ in self.exercise(name):
                self.assertIn(html.escape(question, quote=False), entry.group(1), f"{name}: {question}")
            self.assertIn(f'../answers.html#{anchor}', self.page(name).links(), f"{name}: no link to its key")

    def test_the_case_list_has_a_predict_switch_over_every_answer(self):
        text = (self.site / "cases.html").read_text()
        switch = text.index('<input type="checkbox" id="predict"')
        self.assertLess(switch, text.index('id="cases"'), "the switch must precede the cards (a ~ selector)")
        css = (self.site / "casebook.css").read_text()
        self.assertIn("#predict:checked ~ .cases .answer { display: none; }", css)
        for row in re.findall(r'<article class="case-row".*?</article>', text, re.S):
            self.assertIn('<details class="reveal">', row)
            facts = re.search(r'<dl class="facts">(.*?)</dl>', row, re.S).group(1)
            for div in re.findall(r"<div[^>]*>", facts):
                self.assertIn('class="answer', div, f"a fact outside predict mode's reach: {div}")
            self.assertIn('<span class="answer"><span class="role', row, "the label is an answer too")
            self.assertLess(row.index('class="reveal"'), row.index('class="facts"'))

    # ------------------------------------------------------------------------------------ where to get it (issue 24)

    def test_every_page_says_where_to_get_it_and_how_to_build_and_run_a_case(self):
        for page in self.site.rglob("*.html"):
            footer = page.read_text().split("<footer>")[1]
            self.assertIn(f"git clone {commands.REPOSITORY_PLACEHOLDER} tsan-casebook", html.unescape(footer),
                          f"{page}: the footer does not say where to get it")
            for step in ("configure", "build", "run"):
                self.assertIn(f'<code class="command {step}', footer, f"{page}: the footer has no {step} command")
        start = (self.site / "index.html").read_text()
        self.assertIn('<section id="get-it">', start)
        self.assertIn('<code class="command run" data-case="seed/no_lock">', start)
        readme = (ROOT / "README.md").read_text()
        self.assertTrue(commands.REPOSITORY_PLACEHOLDER in readme and "CASEBOOK_REPOSITORY_URL" in readme,
                        "the README does not explain the placeholder and the setting")

    def test_each_case_page_builds_and_runs_its_own_case_as_the_build_registers_it(self):
        listed = subprocess.run(["ctest", "--test-dir", str(BUILD), "--show-only=json-v1"], capture_output=True,
                                text=True, check=True)
        tests = {test["name"] for test in json.loads(listed.stdout)["tests"]}
        targets = subprocess.run(["cmake", "--build", str(BUILD), "--target", "help"], capture_output=True,
                                 text=True, check=True).stdout
        for name in self.cases:
            run_it = re.search(r'<div class="get-it" id="run-it">(.*?)</div>',
                               (self.site / f"{name}.html").read_text(), re.S)
            self.assertTrue(run_it, f"{name}: no commands to build and run it")
            given = dict(re.findall(rf'<code class="command (build|run)" data-case="{re.escape(name)}">(.*?)</code>',
                                    run_it.group(1)))
            self.assertEqual(set(given), {"build", "run"}, name)
            target = given["build"].split()[-1]
            self.assertIn(f"{target}:", targets, f"{name}: the build has no target {target}")
            test = re.search(r"-R &#39;\^(.*?)\$&#39;", given["run"])
            self.assertTrue(test and test.group(1).replace("\\", "") in tests,
                            f"{name}: ctest has no test {test.group(1) if test else given['run']}")

    # -------------------------------------------------------------------------------------- honest diffs (issue 24)

    def test_the_side_by_side_tints_only_what_the_fix_changes(self):
        functions = scaffolding.header_functions()
        self.assertIn("meet_other_update", functions)
        paired = 0
        for name in self.cases:
            text = (self.site / f"{name}.html").read_text()
            twins = re.search(r'<section id="twins".*?</section>', text, re.S)
            if not twins:
                continue
            paired += 1
            for row in re.findall(r'<tr class="line[^"]*\bchanged\b[^"]*"[^>]*>(.*?)</tr>', twins.group(0), re.S):
                source = html.unescape(re.sub(r"<[^>]+>", "", re.search(r'<td class="src">(.*?)</td>', row,
                                                                         re.S).group(1)))
                code = highlight.code_lines(source)[0]
                self.assertTrue(code.strip(), f"{name}: a line that differs only in comments is tinted: {source}")
                self.assertFalse(scaffolding.scaffolding_calls(code, functions),
                                 f"{name}: casebook.h's scaffolding is tinted as the fix: {source.strip()}")
        self.assertGreater(paired, 50)
        twins = re.search(r'<section id="twins".*?</section>', (self.site / "seed/no_lock.html").read_text(), re.S)
        for name in ("meet_other_update", "wait_for_my_turn", "pass_the_turn"):
            self.assertIn(f"scaffolding, not the fix: casebook.h&#39;s {name}", twins.group(0), name)
            self.assertIn(f"<code>{name}</code>", twins.group(0), f"the hint does not name {name}")
        asked = {q: raw for q, _a, raw in self.exercise("seed/no_lock")}
        self.assertNotIn("meet_other_update", asked[exercise.SMALLEST_FIX], "the smallest change holds scaffolding")

    # ------------------------------------------------------------------------------------------ glossary (issue 24)

    def test_the_glossary_defines_the_words_and_each_page_links_their_first_use(self):
        wanted = ["race condition", "data race", "happens-before", "mutex", "semaphore", "deadlock", "atomic",
                  "memory order", "met", "marker", "level", "runtime version"]
        terms = glossary.load(model.SITE_SRC / "glossary.yaml")
        self.assertEqual([t["name"] for t in terms], wanted)
        entries = Page(self.site / "glossary.html")
        ids = {a.get("id") for _t, a in entries.elements if a.get("id")}
        for term in terms:
            self.assertIn(f"term-{term['id']}", ids)
        linked_somewhere = set()
        for page in self.site.rglob("*.html"):
            if page.name == "glossary.html":
                continue
            first = FirstUses(page.read_text(), terms)
            for term in terms:
                use, link = first.unlinked.get(term["id"]), first.linked.get(term["id"])
                where = page.relative_to(self.site)
                if use is not None:
                    self.assertIsNotNone(link, f"{where}: '{term['name']}' is used ({use[1]!r}) and never linked")
                if link is not None:
                    self.assertTrue(use is None or link < use[0],
                                    f"{where}: the first use of '{term['name']}' ({use and use[1]!r}) is not the "
                                    "linked one")
                    linked_somewhere.add(term["id"])
        self.assertEqual(linked_somewhere, {t["id"] for t in terms}, "some term is linked from no page")

    # ------------------------------------------------------------------------------------ the Korean edition (issue 24)

    def korean_pages(self):
        """The pages the Korean edition has: the start page, from Python to C, the report guide, the glossary and
        the seed lessons."""
        return ["index.html", "python.html", "report.html", "glossary.html"] + \
            sorted(f"seed/{p.name}" for p in (self.site / "seed").glob("*.html"))

    @staticmethod
    def hangul(text):
        return sum(1 for c in text if "\uac00" <= c <= "\ud7a3")

    def test_the_korean_pages_are_in_korean_and_switch_to_english_and_back(self):
        for name in self.korean_pages():
            ko, en = self.site / "ko" / name, self.site / name
            self.assertTrue(ko.exists(), f"no ko/{name}")
            ko_page, en_page = Page(ko), Page(en)
            self.assertEqual([a.get("lang") for t, a in ko_page.elements if t == "html"], ["ko"], name)
            self.assertEqual([a.get("lang") for t, a in en_page.elements if t == "html"], ["en"], name)
            for page, path, lang, other in ((ko_page, ko, "en", en), (en_page, en, "ko", ko)):
                switch = [a["href"] for t, a in page.elements if t == "a" and "language" in (a.get("class") or "")
                          and a.get("hreflang") == lang]
                self.assertTrue(switch and (path.parent / switch[0]).resolve() == other.resolve(),
                                f"{path.relative_to(self.site)}: no switch to {other.relative_to(self.site)}")
            main = ko.read_text().split("<main>")[1].split("</main>")[0]
            prose = re.sub(r"<(pre|table|code|svg)\b.*?</\1>", " ", main, flags=re.S)
            self.assertGreater(self.hangul(re.sub(r"<[^>]+>", " ", prose)), 150, f"ko/{name}: hardly any Korean")
            h1 = re.search(r"<h1>(.*?)</h1>", ko.read_text(), re.S).group(1)
            self.assertGreater(self.hangul(h1), 0, f"ko/{name}: its title is not in Korean: {h1}")
        self.assertFalse(Page(self.site / "cases.html").by_class("languages"),
                         "a page with no Korean edition offers a switch")

    def test_the_korean_pages_keep_the_code_the_reports_and_the_commands(self):
        for name in self.korean_pages()[4:]:
            ko, en = (self.site / "ko" / name).read_text(), (self.site / name).read_text()
            # the listings' tooltips (title="...") are words about the code, in the page's language
            ko, en = (re.sub(r' title="[^"]*"', "", text) for text in (ko, en))
            for pattern in (r'<table class="code hl">.*?</table>', r'<pre class="normalized scroll"[^>]*>.*?</pre>',
                            r'<code class="command (?:build|run)"[^>]*>.*?</code>'):
                self.assertEqual(re.findall(pattern, ko, re.S), re.findall(pattern, en, re.S), f"ko/{name}: {pattern}")

    def test_the_korean_glossary_speaks_the_seeds_words(self):
        text = Page(self.site / "ko" / "glossary.html").text
        for word in ("세마포어", "뮤텍스", "락", "데드락", "경쟁 상태", "데이터 경쟁"):
            self.assertIn(word, text)
        ids = {a.get("id") for _t, a in Page(self.site / "ko" / "glossary.html").elements if a.get("id")}
        for term in glossary.load(model.SITE_SRC / "glossary.yaml"):
            self.assertIn(f"term-{term['id']}", ids)
        start = (self.site / "ko" / "index.html").read_text()
        self.assertIn('href="glossary.html#term-race-condition"', start, "the start page's 경쟁 상태 is not linked")

    def test_a_korean_page_links_english_only_pages_in_english(self):
        for name in self.korean_pages():
            page = self.site / "ko" / name
            for href in Page(page).links():
                if re.match(r"[a-z]+:", href) or href.startswith("#"):
                    continue
                target = (page.parent / href.split("#")[0].split("?")[0]).resolve()
                self.assertTrue(target.exists(), f"ko/{name}: {href} leads to no page")

    def test_a_changed_english_text_makes_its_translation_stale_and_the_check_names_it(self):
        # what happens when the English of seed/no_lock's lesson changes after its translation: the entry's
        # fingerprint is the old English's (here made so by recording another one), and the check fails naming it
        import contextlib
        import io
        import unittest.mock
        catalog = pathlib.Path(tempfile.mkdtemp(prefix="ko-stale-")) / "ko.yaml"
        self.addCleanup(shutil.rmtree, catalog.parent, True)
        key = "case.seed/no_lock.lesson"
        text = translation.catalog_path("ko").read_text()
        recorded = re.search(rf'^{re.escape(key)}:\n  en: "([0-9a-f]{{12}})"', text, re.M)
        self.assertTrue(recorded, f"ko.yaml has no {key}")
        old = translation.fingerprint("No lock. An older lesson, since rewritten.")
        catalog.write_text(text.replace(recorded.group(0), f'{key}:\n  en: "{old}"'))
        out = io.StringIO()
        with unittest.mock.patch.object(translation, "catalog_path", lambda lang: catalog), \
                contextlib.redirect_stdout(out):
            status = cli.main(["--build-dir", str(BUILD), "--reuse-runs", "--check-translations"])
        self.assertEqual(status, 1, out.getvalue())
        stale = [line for line in out.getvalue().splitlines() if " is stale" in line]
        self.assertEqual(len(stale), 1, out.getvalue())
        self.assertIn(f"{key} is stale", stale[0])
        self.assertIn(f"recorded {old}, the English now {recorded.group(1)}", stale[0])


class Translations(unittest.TestCase):
    """translation.py on a catalog written for the test: an entry is used only while its fingerprint is its
    English's own, and the check names each entry that is stale, missing, unused or drops what its English fills."""

    def translator(self, entries):
        directory = pathlib.Path(tempfile.mkdtemp(prefix="docsgen-ko-"))
        self.addCleanup(shutil.rmtree, directory, True)
        path = directory / "ko.yaml"
        path.write_text("".join(f"{key}:\n  en: \"{fp}\"\n  ko: {text!r}\n" for key, (fp, text) in entries.items()))
        return translation.Translator("ko", path, phrases={})

    def test_the_fingerprint_ignores_how_the_text_is_wrapped_but_not_a_changed_word(self):
        self.assertEqual(translation.fingerprint("a  race\n condition"), translation.fingerprint("a race condition"))
        self.assertNotEqual(translation.fingerprint("a race condition"), translation.fingerprint("a data race"))

    def test_a_fresh_entry_is_used_a_stale_one_is_not_and_is_named(self):
        tr = self.translator({"a": (translation.fingerprint("One lock."), "락 하나."),
                              "b": (translation.fingerprint("Two locks."), "락 둘.")})
        self.assertEqual(tr.text("a", "One lock."), "락 하나.")
        self.assertEqual(tr.text("b", "Two locks, taken in opposite orders."), "Two locks, taken in opposite orders.")
        problems = tr.problems()
        self.assertEqual(len(problems), 1, problems)
        self.assertRegex(problems[0], r"ko\.yaml: b is stale: its English changed after it was translated")

    def test_missing_and_unused_entries_are_named(self):
        tr = self.translator({"gone": (translation.fingerprint("Old."), "옛 문장.")})
        tr.text("new", "A new paragraph.")
        problems = "\n".join(tr.problems())
        self.assertIn("new is missing", problems)
        self.assertIn("gone is unused", problems)

    def test_a_phrase_or_a_block_must_fill_in_what_its_english_does(self):
        tr = self.translator({"p": (translation.fingerprint("{count} cases"), "사례 몇 개"),
                              "t": (translation.fingerprint("<p>{{ count }} cases</p>"), "<p>사례</p>")})
        self.assertEqual(tr.text("p", "{count} cases", count=3), "사례 몇 개")
        tr.block("t", "<p>{{ count }} cases</p>")
        problems = "\n".join(tr.problems())
        self.assertIn("p: the translation does not fill in what the English does (left out: {count}", problems)
        self.assertIn("t: the translation does not fill in what the English does (left out: {{ count }}", problems)

    def test_a_template_block_is_the_translation_in_its_language_and_the_english_in_english(self):
        import jinja2
        source = '{% tr "cases" %}<p>{{ count }} small C programs</p>{% endtr %}'
        korean = self.translator({"cases": (translation.fingerprint("<p>{{ count }} small C programs</p>"),
                                            "<p>작은 C 프로그램 {{ count }}개</p>")})
        for tr, expected in ((korean, "<p>작은 C 프로그램 3개</p>"), (translation.Translator(), "<p>3 small C programs</p>")):
            env = jinja2.Environment(loader=jinja2.DictLoader({"page": source}),
                                     extensions=[translation.TranslatedBlocks])
            env.translator = tr
            self.assertEqual(env.get_template("page").render(count=3), expected)
        self.assertEqual(korean.problems(), [])


class Roles(unittest.TestCase):
    """Roles from ground-truth markers, on case files written for the test."""

    def case(self, text, stem="probe", folder="limits"):
        directory = pathlib.Path(tempfile.mkdtemp(prefix="docsgen-role-"))
        self.addCleanup(shutil.rmtree, directory, True)
        (directory / folder).mkdir()
        source = directory / folder / f"{stem}.c"
        source.write_text(text)
        case = model.Case(f"{folder}/{stem}", source, None, "clang-14")
        model.assign_roles([case], {}, {})
        return case

    def test_expect_bug_none_is_a_false_positive(self):
        case = self.case("/* A. B. */\nint x; // expect-tsan: data race\n// expect-bug: none -- correct\n",
                         stem="thing_bug")
        self.assertEqual(case.role, "false-positive")
        self.assertNotIn("mistake", case.title)

    def test_expect_bug_kind_without_a_report_is_a_miss(self):
        case = self.case("/* A. B. */\n// expect-tsan: none\nint x; // expect-bug: data race -- in libc\n")
        self.assertEqual(case.role, "miss")
        self.assertEqual(case.title, "Probe: a bug TSan misses")

    def test_expect_bug_kind_beside_a_real_report_is_a_mistake(self):
        case = self.case("/* A. B. */\nint x; // expect-tsan: data race\nint y; // expect-bug: data race\n")
        self.assertEqual(case.role, "mistake")

    def test_expect_bug_on_the_reported_line_is_that_report_not_another_bug(self):
        case = self.case("/* A. B. */\n// expect-bug: data race -- gcc misses it\n"
                         "int x; // expect-tsan[clang]: data race\n")
        self.assertEqual(case.role, "mistake")
        self.assertNotIn("another", case.role_reason)

    def test_expect_bug_kind_beside_a_false_positive_is_a_miss(self):
        case = self.case("/* A. B. */\nint x; // expect-tsan: data race -- false positive: a lock it cannot see\n"
                         "int y; // expect-bug: data race -- the count\n")
        self.assertEqual(case.role, "miss")

    def test_expect_bug_none_without_a_report_is_correct_code(self):
        case = self.case("/* A. B. */\n// expect-tsan: none\n// expect-bug: none\n", stem="thing_fixed")
        self.assertEqual(case.role, "fix")

    def test_notes_decide_without_ground_truth(self):
        case = self.case("/* A. B. */\n// expect-tsan: none -- misses: not instrumented\n", stem="x_bug")
        self.assertEqual(case.role, "miss")


class SourceLine(unittest.TestCase):
    """The header's `Source:` line (docs/CASES.md): each form links to the upstream file at the version read, the
    lesson is the header without it, and an item no form reads stops the generator naming the file and line."""

    def case(self, header):
        directory = pathlib.Path(tempfile.mkdtemp(prefix="docsgen-source-"))
        self.addCleanup(shutil.rmtree, directory, True)
        (directory / "libc").mkdir()
        source = directory / "libc" / "probe.c"
        source.write_text(f"/* The mistake. TSan says so.\n * {header}\n */\n// expect-tsan: none\nint x;\n")
        return model.Case("libc/probe", source, None, "clang-14")

    def test_each_form_links_to_the_file_at_the_version_read(self):
        links = {
            "compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp MemoryAccessRangeT (LLVM 14)":
                "https://github.com/llvm/llvm-project/blob/llvmorg-14.0.6/compiler-rt/lib/tsan/rtl/tsan_rtl_access.cpp",
            "compiler-rt lib/tsan/rtl/tsan_defs.h kShadowCnt (LLVM 13.0.1)":
                "https://github.com/llvm/llvm-project/blob/llvmorg-13.0.1/compiler-rt/lib/tsan/rtl/tsan_defs.h",
            "glibc 2.36 nptl/pthread_create.c __pthread_create_2_1":
                "https://sourceware.org/git/?p=glibc.git;a=blob;f=nptl/pthread_create.c;hb=glibc-2.36",
            "gcc 12 gcc/tsan.cc instrument_builtin_call":
                "https://gcc.gnu.org/git/?p=gcc.git;a=blob;f=gcc/tsan.cc;hb=releases/gcc-12.2.0",
            "POSIX.1-2017 fork()": "https://pubs.opengroup.org/onlinepubs/9699919799/functions/fork.html",
            "POSIX.1-2017 XSH 2.4.3":
                "https://pubs.opengroup.org/onlinepubs/9699919799/functions/V2_chap02.html#tag_15_04_03",
            "POSIX.1-2017 XBD 4.12": "https://pubs.opengroup.org/onlinepubs/9699919799/basedefs/V1_chap04.html#tag_04_12",
            "C11 7.14.1.1p5": "https://www.open-std.org/jtc1/sc22/wg14/www/docs/n1570.pdf",
            "measured only": None,
        }
        for item, link in links.items():
            self.assertEqual(sources.link_of(item), link, item)

    def test_the_lesson_leaves_out_the_source_line_the_case_keeps_its_items(self):
        case = self.case("Source: glibc 2.36 nptl/pthread_create.c __pthread_create_2_1;\n * POSIX.1-2017 "
                         "pthread_create().")
        self.assertEqual(case.lesson, "The mistake. TSan says so.")
        self.assertEqual([item for item, _ in case.sources],
                         ["glibc 2.36 nptl/pthread_create.c __pthread_create_2_1", "POSIX.1-2017 pthread_create()"])
        self.assertEqual(case.code_start, 5)

    def test_the_catalog_shows_each_item_as_a_link(self):
        case = self.case("Source: POSIX.1-2017 fork(); measured only")
        case.role, case.role_reason = "tool", "test"
        block = catalog.render_case(case, {}, [], "O1")
        self.assertIn("Source: [POSIX.1-2017 fork()](https://pubs.opengroup.org/onlinepubs/9699919799/functions/"
                      "fork.html); measured only", block)

    def test_an_item_no_form_reads_names_the_file_and_line(self):
        with self.assertRaisesRegex(model.CannotGenerate, r"libc/probe\.c:2: the Source item \"tsan_rtl\.cpp\""):
            self.case("Source: tsan_rtl.cpp")
        with self.assertRaisesRegex(model.CannotGenerate, r"no known release of LLVM 9"):
            self.case("Source: compiler-rt lib/tsan/rtl/tsan_rtl.cpp Finalize (LLVM 9)")


class Pieces(unittest.TestCase):
    def test_pygments_gives_one_line_of_html_per_source_line(self):
        for source in sorted((ROOT / "cases").glob("*/*.c"))[:40] + [ROOT / "cases" / "casebook.h"]:
            text = source.read_text()
            lines = highlight_lines(text)
            self.assertEqual(len(lines), len(text.splitlines()), source)
        lines = highlight_lines("/* one\n two */\nint x; // expect-tsan: data race\n")
        self.assertIn('class="cm"', lines[1], "a block comment's second line lost its class")
        self.assertIn("mark", lines[2])

    def test_the_catalog_shows_a_descriptor_number_as_n_and_says_why(self):
        # The lowest free descriptor depends on what the process inherited (a CI runner's open files): the
        # catalog's text must not change with it, and must say so; the site keeps the run's own number.
        text = ("WARNING: ThreadSanitizer: data race\n  Write of size 8 by main thread:\n    #0 close <null>\n\n"
                "  Location is file descriptor 7 created by main thread at:\n    #0 pipe <null>\n\n"
                "SUMMARY: ThreadSanitizer: data race in close\n")
        result = {"normalized": text, "reports": [{"kind": "data race", "summary": "data race in close",
                  "sections": [{"kind": "location", "title": "Location is file descriptor 7 created by main thread at:",
                                "frames": []}]}]}
        shown = model.reports_of(result, renumber=True)
        self.assertIn("file descriptor N created", shown[0]["text"])
        self.assertNotIn("descriptor 7", shown[0]["text"] + shown[0]["sections"][0]["title"])
        self.assertTrue(any("descriptor's number is shown as N" in line for line in catalog.renumbering_note(shown)))
        own = model.reports_of(result, renumber=False)
        self.assertIn("file descriptor 7 created", own[0]["text"])
        self.assertEqual(catalog.renumbering_note(own), [])

    def test_matrix_marks_and_explains_a_second_report_on_newer_runtimes(self):
        matrix = {"toolchains": {"clang-14": {"runtime": "v3"}, "clang-16": {"runtime": "v3"}},
                  "cases": {"seed/no_lock": {
                      "clang-14": {lv: {"verdict": "pass", "reported": ["data race"]} for lv in ("O0", "O1", "O2")},
                      "clang-16": {lv: {"verdict": "pass", "reported": ["data race x2"]}
                                   for lv in ("O0", "O1", "O2")}}},
                  "source": None}
        case = type("C", (), {"name": "seed/no_lock"})()
        view = pages.matrix_view(matrix, case, [{"kind": "data race"}], "clang-14", "O1")
        differs = {(row["toolchain"], k) for row in view["rows"] for k, cell in enumerate(row["cells"])
                   if cell and cell["differs"]}
        self.assertEqual(differs, {("clang-16", 0), ("clang-16", 1), ("clang-16", 2)})
        self.assertIn("suppress_equal_addresses", " ".join(view["why"]))
        self.assertEqual(pages.matrix_sentence(matrix, case), "data race on clang-14; data race x2 on clang-16")


if __name__ == "__main__":
    unittest.main()


class PagesWorkflow(unittest.TestCase):
    """.github/workflows/pages.yml publishes the site from main, built from real runs after the sysctl."""

    def test_it_builds_checks_and_deploys_the_site_from_main(self):
        import yaml
        workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
        triggers = workflow.get("on", workflow.get(True))
        self.assertEqual(triggers["push"]["branches"], ["main"])
        self.assertEqual(workflow["permissions"].get("pages"), "write")
        self.assertEqual(workflow["permissions"].get("id-token"), "write")
        steps = workflow["jobs"]["build"]["steps"]
        runs = [step.get("run", "") for step in steps]
        sysctl = next(i for i, run in enumerate(runs) if "vm.mmap_rnd_bits=28" in run)
        docs = next(i for i, run in enumerate(runs) if "--target docs" in run)
        browser = next(i for i, run in enumerate(runs) if "ci/docs-browser.py" in run)
        self.assertLess(sysctl, docs)
        self.assertLess(docs, browser)
        upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
        self.assertEqual(upload["with"]["path"], "docs/site")
        deploy = workflow["jobs"]["deploy"]
        self.assertEqual(deploy["needs"], "build")
        self.assertTrue(any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"]))


@unittest.skipUnless(RUNS.is_dir(), f"no runs in {RUNS}")
class BadInput(unittest.TestCase):
    """A broken path.yaml or matrix stops the generator with one line naming the file and line, exit 2."""

    def generate(self, *extra):
        import contextlib
        import io
        directory = pathlib.Path(tempfile.mkdtemp(prefix="docsgen-bad-"))
        self.addCleanup(shutil.rmtree, directory, True)
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors):
            status = cli.main(["--build-dir", str(BUILD), "--reuse-runs", "--no-catalog",
                               "--site", str(directory / "site")] + [a.replace("DIR", str(directory)) for a in extra])
        return status, errors.getvalue().strip().splitlines(), directory

    def test_a_path_that_is_not_yaml(self):
        directory = pathlib.Path(tempfile.mkdtemp(prefix="docsgen-bad-"))
        self.addCleanup(shutil.rmtree, directory, True)
        (directory / "path.yaml").write_text("seed:\n  order: [no_lock\nfolders: x\n")
        status, lines, _ = self.generate("--path", str(directory / "path.yaml"))
        self.assertEqual(status, 2)
        self.assertEqual(len(lines), 1, lines)
        self.assertRegex(lines[0], r"path\.yaml:\d+: not YAML")

    def test_a_matrix_that_is_not_json(self):
        directory = pathlib.Path(tempfile.mkdtemp(prefix="docsgen-bad-"))
        self.addCleanup(shutil.rmtree, directory, True)
        (directory / "matrix.json").write_text('{"cases": {\n  "seed/no_lock": [1,\n}\n')
        status, lines, _ = self.generate("--matrix", str(directory / "matrix.json"))
        self.assertEqual(status, 2)
        self.assertEqual(len(lines), 1, lines)
        self.assertRegex(lines[0], r"matrix\.json:3: not JSON")
