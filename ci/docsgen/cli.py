"""Teaching pages from the cases and their real runs (issue 15).

Runs every case of the build's manifest through `tsan-verify --json --normalize` (one run each, cached under
BUILD_DIR/docs/runs so that the docs tests share it), then writes
  docs/catalog.md   the committed catalog, the form GitHub shows
  docs/site/        the static site: a start page and the path through the lessons, how to read a report, every
                    case with its role, diagram, code, report and toolchain matrix, mistake and fix side by side;
                    and under docs/site/ko/ the Korean edition (translation.py, docs/site-src/ko.yaml)

usage: ci/gen-docs.py [--build-dir DIR] [--verify EXE] [--runs-only] [--check] [--no-site] [--no-catalog]
                      [--reuse-runs] [--matrix JSON]... [--repository URL] [--check-translations]
  --runs-only     run the cases (BUILD_DIR/docs/runs) and write nothing else: the docs tests' shared setup
  --check         regenerate the catalog into a temporary file and compare: exit 0 fresh, 1 stale (one line),
                  77 when the build's toolchain is not the one the committed catalog documents
  --reuse-runs    use the runs cached under BUILD_DIR/docs/runs when newer than the binary, source and harness
  --repository    the address the pages tell a reader to clone (default: the placeholder REPOSITORY-URL)
  --check-translations  build the other languages' pages into a temporary folder and name every entry of their
                  docs/site-src/LANG.yaml that is stale (its English changed after it was translated), missing or
                  unused; exit 0 when there is none, 1 when there is (one line each), writing nothing
Exit status: 0 done, 1 stale (--check, --check-translations), 2 cannot generate (no manifest, no harness, bad
input: one line)."""
import argparse
import os
import pathlib
import shutil
import sys
import tempfile

import yaml

from . import catalog, explainpage, model, pages, runs, translation
from .model import ROOT, SITE_SRC


def read_path(file):
    try:
        data = yaml.safe_load(file.read_text()) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise runs.CannotGenerate(f"{model.relative(str(file))}:{mark.line + 1 if mark else 1}: not YAML: "
                                  f"{getattr(error, 'problem', error)}")
    if not isinstance(data, dict):
        raise runs.CannotGenerate(f"{model.relative(str(file))}:1: expected a mapping with seed: and folders:")
    return data


def arguments(argv):
    parser = argparse.ArgumentParser(description="The catalog and the site, from the cases and their real runs.")
    parser.add_argument("--build-dir", type=pathlib.Path, default=ROOT / "build" / "default")
    parser.add_argument("--verify", type=pathlib.Path, help="tsan-verify (default: BUILD_DIR/harness/tsan-verify)")
    parser.add_argument("--level", help="the manifest's optimization level, for the text (default: from its paths)")
    parser.add_argument("--catalog", type=pathlib.Path, default=ROOT / "docs" / "catalog.md")
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "docs" / "site")
    parser.add_argument("--matrix", type=pathlib.Path, action="append",
                        help="toolchain matrix JSON, first found wins (default: docs/matrix.json, then "
                             "build/matrix/matrix.json)")
    parser.add_argument("--path", type=pathlib.Path, default=SITE_SRC / "path.yaml")
    parser.add_argument("--runs-only", action="store_true")
    parser.add_argument("--check", action="store_true", help="compare with the committed catalog, write nothing")
    parser.add_argument("--no-site", action="store_true")
    parser.add_argument("--no-catalog", action="store_true")
    parser.add_argument("--reuse-runs", action="store_true")
    parser.add_argument("--repository", help="the address to clone the casebook from, which every page's footer and "
                        "the start page give (CMake: CASEBOOK_REPOSITORY_URL; default: a placeholder, REPOSITORY-URL)")
    parser.add_argument("--check-translations", action="store_true",
                        help="name every stale, missing or unused entry of the other languages' text files")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--retries", type=int, default=60,
                        help="reruns in all to reproduce the catalog's text of cases whose report varies (default 60)")
    return parser.parse_args(argv)


def generate(args):
    build_dir = args.build_dir.resolve()
    manifest = build_dir / "cases.manifest"
    verify = (args.verify or build_dir / "harness" / "tsan-verify").resolve()
    if not manifest.exists():
        raise runs.CannotGenerate(f"no {manifest}: configure and build first "
                                  "(cmake --preset default && cmake --build --preset default)")
    if not verify.exists():
        raise runs.CannotGenerate(f"no {verify}: build the harness first")
    cases = model.discover(manifest)
    toolchain = next((c.toolchain for c in cases if c.binary), "unknown")
    level = args.level or next((c.binary.parent.name for c in cases if c.binary), "O1")

    if args.check and args.catalog.exists():
        documented = catalog.CATALOG_TOOLCHAIN.search(args.catalog.read_text())
        if documented and (documented.group(1), documented.group(2)) != (toolchain, level):
            print(f"SKIP: {args.catalog.name} documents {documented.group(1)} -{documented.group(2)}, "
                  f"this build is {toolchain} -{level}")
            return 77

    # Bad input stops the generator before any case runs.
    path = read_path(args.path)
    matrix = runs.read_matrix(args.matrix or [ROOT / "docs" / "matrix.json", ROOT / "build" / "matrix" / "matrix.json"])
    results = runs.run_all(cases, verify, build_dir, args.reuse_runs, max(1, args.jobs))
    if args.runs_only:
        print(f"gen-docs: ran {len(cases)} cases into {model.relative(str(build_dir / 'docs' / 'runs'))}")
        return 0
    model.assign_roles(cases, results, path)
    ordered = model.teaching_order(cases, path)
    if args.check_translations:
        return check_translations(ordered, results, path, matrix, toolchain, level)

    reports = {case.name: model.reports_of(results[case.name], renumber=True) for case in ordered}
    blocks = {case.name: catalog.render_case(case, results[case.name], reports[case.name], level)
              for case in ordered}
    known = catalog.catalog_blocks(args.catalog.read_text()) if args.catalog.exists() else {}
    matched, _ = catalog.keep_known_variants(ordered, results, reports, blocks, known,
                                             lambda case: runs.run_case(case, verify, build_dir, False), level,
                                             args.retries)
    varying = f"; reports that vary between runs, matched on a rerun: {', '.join(matched)}" if matched else ""
    text = catalog.render_catalog(ordered, blocks, toolchain, level)

    if args.check:
        with tempfile.NamedTemporaryFile("w", suffix=".md", prefix="catalog-", delete=False) as fresh:
            fresh.write(text)
        old = args.catalog.read_text() if args.catalog.exists() else ""
        if old == text:
            os.unlink(fresh.name)
            print(f"{model.relative(str(args.catalog))} is fresh ({len(cases)} cases{varying})")
            return 0
        print(f"{model.relative(str(args.catalog))} is stale{catalog.first_changed_case(old, text)}: regenerate it "
              f"with `cmake --build --preset default --target docs` (the fresh one: {fresh.name})")
        return 1
    if matched:
        print(f"gen-docs: kept the catalog's text{varying}", file=sys.stderr)
    if not args.no_catalog:
        args.catalog.write_text(text)
        print(f"gen-docs: wrote {model.relative(str(args.catalog))} ({len(cases)} cases)")
    if not args.no_site:
        site_reports = {case.name: model.reports_of(results[case.name], renumber=False) for case in ordered}
        args.site.mkdir(parents=True, exist_ok=True)
        translators = pages.write_site(args.site.resolve(), ordered, results, site_reports, path, matrix,
                                       toolchain, level, args.repository,
                                       explain_module=explainpage.module_of(build_dir))
        print(f"gen-docs: wrote {model.relative(str(args.site / 'index.html'))} and {len(cases)} case pages, and "
              f"the editions in {', '.join(sorted(translation.LANGUAGES))}")
        for translator in translators.values():
            for problem in translator.problems():
                print(f"gen-docs: {problem} (the page shows the English)" if " is stale" in problem or
                      " is missing" in problem else f"gen-docs: {problem}", file=sys.stderr)
    return 0


def check_translations(ordered, results, path, matrix, toolchain, level):
    """Every other language's pages built into a temporary folder (the English pages are not needed), then
    each entry of its text file that is stale, missing, unused or leaves out what its English fills in."""
    site_reports = {case.name: model.reports_of(results[case.name], renumber=False) for case in ordered}
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="translations-"))
    try:
        translators = pages.write_site(scratch / "site", ordered, results, site_reports, path, matrix, toolchain,
                                       level, english=False)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    problems = [p for t in translators.values() for p in t.problems()]
    for problem in problems:
        print(f"FAIL: {problem}")
    if problems:
        return 1
    counts = ", ".join(f"{lang}: {len(t.asked)} texts" for lang, t in sorted(translators.items()))
    print(f"PASS: every translated text is fresh ({counts}; each entry's fingerprint is its English's own)")
    return 0


def main(argv=None):
    args = arguments(argv)
    try:
        return generate(args)
    except runs.CannotGenerate as error:
        print(f"gen-docs: {error}", file=sys.stderr)
        return 2
