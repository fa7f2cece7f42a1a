"""The explain page (docs/EXPLAIN.md, "On the site"): a report pasted into the page is explained in the browser by
`tsan-verify explain`'s own C code, which the build compiles to WebAssembly (harness/web, cmake/ExplainPage.cmake).

The site gets the module as a script, explain-wasm.js, that holds it in base64: a page opened from file:// may not
fetch() a file beside it, and a script it may load. explain.js (docs/site-src) runs it; explain.css styles the page.
Without the module (a build without the wasm32-wasi toolchain) the page says so and names the command instead."""
import base64
import json
import pathlib
import shutil

from .model import SITE_SRC

PAGE = "explain.html"
TITLE = "Explain a report"
# Where cmake/ExplainPage.cmake builds the module, under the build folder.
MODULE = pathlib.PurePosixPath("explain-page") / "tsan-explain.wasm"
ASSETS = ("explain.js", "explain.css")
MODULE_SCRIPT = "explain-wasm.js"


def module_of(build_dir):
    """The build's module, or None when it built none."""
    path = pathlib.Path(build_dir) / MODULE
    return path if path.is_file() else None


def write_assets(site, module):
    """The page's script and style, and the module as a script when there is one."""
    for asset in ASSETS:
        shutil.copyfile(SITE_SRC / asset, site / asset)
    if module:
        data = base64.b64encode(pathlib.Path(module).read_bytes()).decode("ascii")
        (site / MODULE_SCRIPT).write_text(
            "/* tsan-verify explain compiled to WebAssembly (harness/web), in base64: written by ci/gen-docs.py from "
            "the build's explain-page/tsan-explain.wasm; run by explain.js. */\n"
            f'window.casebookExplainWasm = "{data}";\n')


DESCRIPTION = ("Paste a ThreadSanitizer report and read it explained in your browser, offline: what each access did, the "
               "mistake pattern it shows and the catalog's lesson, from tsan-verify explain's own code.")


def render_page(render, ordered, module):
    """The page, in the English edition: `pages` are the case pages a lesson line may link to."""
    render("explain.html", PAGE, title=TITLE, page_class="explain", wasm=module is not None,
           description=DESCRIPTION, pages=json.dumps(sorted(case.page for case in ordered)))
