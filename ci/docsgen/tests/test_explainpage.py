"""The explain page's files (docsgen/explainpage.py): the module carried as a script, and the page's own assets. The
page itself is checked in Chromium against the command line by ci/explain-page.py (ctest docs/explain-page)."""
import base64
import pathlib
import re
import tempfile
import unittest

from docsgen import explainpage
from docsgen.model import SITE_SRC


class ExplainPageFiles(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory(prefix="explainpage-")
        self.dir = pathlib.Path(self.scratch.name)

    def tearDown(self):
        self.scratch.cleanup()

    def test_the_script_holds_the_module_byte_for_byte(self):
        module = self.dir / "tsan-explain.wasm"
        data = bytes(range(256)) * 3 + b"\0asm"
        module.write_bytes(data)
        site = self.dir / "site"
        site.mkdir()
        explainpage.write_assets(site, module)
        script = (site / explainpage.MODULE_SCRIPT).read_text()
        found = re.search(r'window\.casebookExplainWasm = "([A-Za-z0-9+/=]*)";', script)
        self.assertIsNotNone(found, "explain-wasm.js sets window.casebookExplainWasm to the module in base64")
        self.assertEqual(base64.b64decode(found.group(1)), data)
        for asset in explainpage.ASSETS:
            self.assertEqual((site / asset).read_bytes(), (SITE_SRC / asset).read_bytes(), asset)

    def test_without_a_module_there_is_no_script_to_load(self):
        site = self.dir / "site"
        site.mkdir()
        explainpage.write_assets(site, None)
        self.assertFalse((site / explainpage.MODULE_SCRIPT).exists())
        self.assertTrue((site / "explain.js").exists())

    def test_the_module_is_found_only_where_the_build_writes_it(self):
        self.assertIsNone(explainpage.module_of(self.dir))
        built = self.dir / explainpage.MODULE
        built.parent.mkdir(parents=True)
        built.write_bytes(b"\0asm\1\0\0\0")
        self.assertEqual(explainpage.module_of(self.dir), built)

    def test_the_page_names_the_packages_when_it_has_no_module(self):
        template = (SITE_SRC / "templates" / "explain.html").read_text()
        missing = template.split("{%- else %}", 1)[1]
        for package in ("wasi-libc", "libclang-rt-14-dev-wasm32", "lld-14"):
            self.assertIn(package, missing)
        install = (SITE_SRC.parent.parent / "ci" / "install-deps.sh").read_text()
        for package in ("wasi-libc", "libclang-rt-14-dev-wasm32", "lld-14"):
            self.assertIn(package, install, "ci/install-deps.sh browser installs what the page names")


if __name__ == "__main__":
    unittest.main()
