"""ci/docs-browser.py can fail at each width (ctest docs/generator; skipped without /usr/bin/chromium).

The browser check loads each page once, at the phone's width, and measures it again with the viewport made
desktop-wide (issue 26). A page that overflows only on a desktop, or only on a phone, must still be named, each at
its own width, and a page that fits at both must not."""
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

from docsgen.model import ROOT

CHROMIUM = pathlib.Path("/usr/bin/chromium")
PAGE = """<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">
<style>body {{ margin: 0; }} {style}</style></head>
<body data-ready="yes" data-shown="1"><div class="case-row">a</div><div id="box">{name}</div></body></html>
"""


@unittest.skipUnless(CHROMIUM.exists(), f"{CHROMIUM} is not installed")
class WidthsOfOneLoad(unittest.TestCase):
    def test_a_page_that_overflows_at_one_width_is_named_at_that_width_only(self):
        site = pathlib.Path(tempfile.mkdtemp(prefix="docs-browser-test-"))
        self.addCleanup(shutil.rmtree, site, True)
        pages = {
            "index.html": "",
            "cases.html": "",
            "seed/no_lock.html": "@media (prefers-color-scheme: dark) { body { background: #000; } }",
            # 1000 px wide only where the viewport is at least 1000 px: fits a phone, overflows a 1400 px desktop
            "desktop_only.html": "@media (min-width: 1000px) { #box { width: 1500px; } }",
            # 500 px wide only below 700 px: overflows a 390 px phone, fits a desktop
            "phone_only.html": "@media (max-width: 700px) { #box { width: 500px; } }",
        }
        for name, style in pages.items():
            path = site / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(PAGE.format(style=style, name=name))
        done = subprocess.run([sys.executable, str(ROOT / "ci" / "docs-browser.py"), "--no-generate", "--site",
                               str(site), "--screenshots", str(site / "shots")],
                              capture_output=True, text=True, timeout=600)
        lines = done.stdout.splitlines()
        self.assertEqual(done.returncode, 1, done.stdout + done.stderr)
        overflow = [line for line in lines if "px viewport" in line]
        self.assertTrue(any(line.startswith("FAIL: desktop_only.html @1400px: ") and "div#box" in line
                            for line in overflow), done.stdout)
        self.assertTrue(any(line.startswith("FAIL: phone_only.html @390px: ") and "div#box" in line
                            for line in overflow), done.stdout)
        self.assertEqual(len(overflow), 2, done.stdout)


if __name__ == "__main__":
    unittest.main()
