"""ci/docs-lighthouse.py fails a page Lighthouse scores below the bar, naming the audits that cost it (ctest
docs/generator; the run in Chromium is skipped without /usr/bin/chromium, node or Lighthouse), and reads
Lighthouse's report as it is: an audit that scored is named with what it points at, one that did not count is not."""
import importlib.util
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

from docsgen.model import ROOT

CHROMIUM = pathlib.Path("/usr/bin/chromium")
spec = importlib.util.spec_from_file_location("docs_lighthouse", ROOT / "ci" / "docs-lighthouse.py")
checker = importlib.util.module_from_spec(spec)
spec.loader.exec_module(checker)
LIGHTHOUSE = checker.default_lighthouse()

# A page that is fine but for its missing description and a link whose words say nothing ("here").
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A page</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"></head>
<body><main><h1>A page</h1><p>The other page is <a href="other.html">here</a>.</p></main></body></html>
"""


class ReadingTheReport(unittest.TestCase):
    REPORT = {"categories": {"seo": {"score": 0.83, "auditRefs": [
        {"id": "meta-description", "weight": 1}, {"id": "link-text", "weight": 1}, {"id": "hreflang", "weight": 1},
        {"id": "structured-data", "weight": 0}]}},
        "audits": {"meta-description": {"score": 0, "title": "Document does not have a meta description"},
                   "link-text": {"score": 0, "title": "Links do not have descriptive text", "details": {"items": [
                       {"href": "http://127.0.0.1/other.html", "text": "here"}]}},
                   "hreflang": {"score": 1, "title": "Document has a valid hreflang"},
                   "structured-data": {"score": 0, "title": "Structured data is valid"}}}

    def test_the_audits_that_cost_points_are_named_with_what_they_point_at(self):
        lost = checker.lost_points(self.REPORT, "seo")
        self.assertEqual(lost, ["meta-description (Document does not have a meta description)",
                                "link-text (Links do not have descriptive text): http://127.0.0.1/other.html"])


@unittest.skipUnless(CHROMIUM.exists(), f"{CHROMIUM} is not installed")
@unittest.skipUnless(shutil.which("node"), "no node")
@unittest.skipUnless(LIGHTHOUSE.is_file(), f"no Lighthouse at {LIGHTHOUSE} (ci/install-deps.sh browser)")
class InChromium(unittest.TestCase):
    def test_a_page_without_a_description_fails_seo_and_says_why(self):
        site = pathlib.Path(tempfile.mkdtemp(prefix="docs-lighthouse-test-"))
        self.addCleanup(shutil.rmtree, site, True)
        (site / "bad.html").write_text(PAGE)
        (site / "other.html").write_text(PAGE)
        done = subprocess.run([sys.executable, str(ROOT / "ci" / "docs-lighthouse.py"), "--site", str(site),
                               "--page", "bad.html", "--form-factor", "mobile"],
                              capture_output=True, text=True, timeout=600)
        self.assertEqual(done.returncode, 1, done.stdout + done.stderr)
        fails = [line for line in done.stdout.splitlines() if line.startswith("FAIL: ")]
        self.assertEqual(len(fails), 1, done.stdout)
        self.assertRegex(fails[0], r"^FAIL: bad\.html \(mobile\): seo \d+ < 98: .*meta-description")
        self.assertIn("link-text", fails[0])


if __name__ == "__main__":
    unittest.main()
