"""ci/docs-accessibility.py names each violation at the width and theme it shows in, and the code colours keep their
contrast (ctest docs/generator; the browser check is skipped without /usr/bin/chromium or axe-core).

Each page is loaded once and checked at 390 and 1400 px, light and dark; in the second theme of a width only the
rules that read colours run again when the layout is the same. So a contrast that fails in the dark theme only, a
target that is too small on a desktop only, and a violation of another rule that only the dark theme's layout shows
must each be named where they are, and a clean page not at all."""
import importlib.util
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

from docsgen import highlight
from docsgen.model import ROOT

CHROMIUM = pathlib.Path("/usr/bin/chromium")
spec = importlib.util.spec_from_file_location("docs_accessibility", ROOT / "ci" / "docs-accessibility.py")
checker = importlib.util.module_from_spec(spec)
sys.path.insert(0, str(ROOT / "ci"))
spec.loader.exec_module(checker)
AXE = checker.default_axe()
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{name}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{style}</style></head>
<body><main><h1>{name}</h1><p class="x">Some text.</p>{extra}</main></body></html>
"""


@unittest.skipUnless(CHROMIUM.exists(), f"{CHROMIUM} is not installed")
@unittest.skipUnless(AXE.is_file(), f"no axe-core at {AXE} (ci/install-deps.sh browser)")
class EachWidthAndTheme(unittest.TestCase):
    def test_each_violation_is_named_where_it_shows(self):
        site = pathlib.Path(tempfile.mkdtemp(prefix="docs-accessibility-test-"))
        self.addCleanup(shutil.rmtree, site, True)
        pages = {
            "index.html": ("", ""),
            # grey on black in the dark theme only: 1.66:1
            "dark_contrast.html": ("@media (prefers-color-scheme: dark) { body { background: #000; color: #fff; } "
                                   "p.x { color: #333; } }", ""),
            # two links one above the other, 32 px high on a phone, 10 px where the viewport is at least 1000 px wide
            "desktop_targets.html": ("a { display: block; line-height: 32px; } @media (min-width: 1000px) { a { "
                                     "font-size: 8px; line-height: 10px; width: 10px; } }",
                                     '<div><a href="#a">a</a><a href="#b">b</a></div>'),
            # a button with no name, shown by the dark theme alone (a layout of its own: every rule runs there)
            "dark_button.html": ("button { display: none; } @media (prefers-color-scheme: dark) { button { "
                                 "display: inline-block; } }", "<button></button>"),
        }
        for name, (style, extra) in pages.items():
            (site / name).write_text(PAGE.format(name=name, style=style, extra=extra))
        report = site / "found.json"
        done = subprocess.run([sys.executable, str(ROOT / "ci" / "docs-accessibility.py"), "--no-generate",
                               "--site", str(site), "--json", str(report)],
                              capture_output=True, text=True, timeout=600)
        self.assertEqual(done.returncode, 1, done.stdout + done.stderr)
        found = {(v["page"], v["id"], v["width"], v["theme"]) for v in json.loads(report.read_text())["violations"]}
        self.assertEqual(found, {
            ("dark_contrast.html", "color-contrast", 390, "dark"), ("dark_contrast.html", "color-contrast", 1400, "dark"),
            ("desktop_targets.html", "target-size", 1400, "light"), ("desktop_targets.html", "target-size", 1400, "dark"),
            ("dark_button.html", "button-name", 390, "dark"), ("dark_button.html", "button-name", 1400, "dark")},
            done.stdout)
        lines = done.stdout.splitlines()
        self.assertIn("FAIL: dark_contrast.html: color-contrast (serious) at 390px dark, 1400px dark: p "
                      "[1.66:1 (#333333 on #000000)]", lines)
        self.assertFalse([line for line in lines if line.startswith("FAIL: index.html")], done.stdout)


class CodeColours(unittest.TestCase):
    """pygments.css: every token colour of both themes keeps 4.5:1 on every background a line of code can have
    (the page, a code block's wash, a marked, racing, framed or changed row), or on the rule's own background."""

    def test_every_token_colour_is_legible_on_every_code_background(self):
        css = highlight.stylesheet()
        light, rest = css.split("@media (prefers-color-scheme: dark) {", 1)
        dark = rest.split("@media print {", 1)[0]
        colors = highlight.theme_colors()
        checked = 0
        for theme, rules in (("light", light), ("dark", dark)):
            backgrounds = [colors[theme][name] for name in highlight.CODE_BACKGROUNDS]
            for line in rules.splitlines():
                color = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", line)
                if not color:
                    continue
                own = re.search(r"background-color:\s*(#[0-9a-fA-F]{3,6})", line)
                for background in [own.group(1)] if own else backgrounds:
                    checked += 1
                    self.assertGreaterEqual(highlight.contrast(color.group(1), background), 4.5,
                                            f"{theme}: {line.strip()} on {background}")
        self.assertGreater(checked, 100)

    def test_a_colour_is_only_darkened_or_lightened_as_much_as_it_needs(self):
        self.assertEqual(highlight.legible("#000000", ["#ffffff"], dark=False), "#000000")
        darker = highlight.legible("#3d7b7b", ["#ffd9d4"], dark=False)
        self.assertGreaterEqual(highlight.contrast(darker, "#ffd9d4"), 4.5)
        self.assertLess(highlight.contrast(darker, "#ffd9d4"), 4.7)
        lighter = highlight.legible("#75715e", ["#161b21", "#4d211c"], dark=True)
        self.assertGreaterEqual(min(highlight.contrast(lighter, b) for b in ["#161b21", "#4d211c"]), 4.5)


if __name__ == "__main__":
    unittest.main()
