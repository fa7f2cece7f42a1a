"""Rendering the pages: the model into Jinja2 templates (docs/site-src/templates), written as a static site that
works from file:// and from GitHub Pages."""
import collections
import difflib
import json
import os
import pathlib
import re
import shutil
import tempfile

import jinja2
import yaml
from markupsafe import Markup, escape

from . import bridge, diagrams, explainpage, glossary, steps
from .commands import case_commands, clone_command, configure_command
from .edition import Edition, localize_exercise
from .exercise import exercise_of
from .highlight import code_lines, highlight_lines, stylesheet
from .scaffolding import header_functions, scaffolding_calls
from .phrases import PHRASES
from .model import (PARTS, ROLES, ROOT, SITE_SRC, CannotGenerate, diagnostics_text, family, folder_intros,
                    relative, report_parts, section_parts)
from .translation import ENGLISH, LANGUAGES, TranslatedBlocks

LEVELS = ["O0", "O1", "O2"]
CHECK_WORDS = {"met": "hold", "not met": "do not hold", "skipped": "skipped on this toolchain",
               "not built": "not built yet", "cannot check": "could not be checked"}


def inline(text):
    """Prose with `backticks` as <code>, everything else escaped."""
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text))))


@jinja2.pass_context
def href(context, page):
    """A link from the page being rendered to `page` (relative to the site's root): to this edition's page when
    it has one, else to the English page."""
    return (context["prefix"] if context["edition"].has(page) else context["root"]) + page


@jinja2.pass_context
def elsewhere(context, page):
    """Does a link to `page` leave this edition for the English page?"""
    return not context["edition"].has(page)


def environment(translator=ENGLISH):
    """The templates in one language: {% tr %} blocks and t() phrases are that language's (translation.py)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(SITE_SRC / "templates")),
                             autoescape=jinja2.select_autoescape(["html", "svg"]), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, extensions=[TranslatedBlocks])
    env.translator = translator
    env.filters["inline"] = inline
    env.globals.update(t=translator.text, href=href, elsewhere=elsewhere)
    return env


# ---------------------------------------------------------------------------------------------------- pieces

def line_marks(case, reports, tr=ENGLISH):
    """Line -> (css classes, reasons): marked lines, the lines reports are about, other in-case frames."""
    marks = {}

    def add(line, cls, why):
        classes, reasons = marks.setdefault(line, ([], []))
        if cls not in classes:
            classes.append(cls)
        if why not in reasons:
            reasons.append(why)

    for marker in case.markers:
        if marker.get("applies", True) and marker["kind"] != "none":
            add(marker["line"], "marked", tr.phrase("code.marker", kind=marker["kind"]))
    for report in reports:
        for section in report["sections"]:
            frames = [f for f in section.get("frames") or [] if f.get("in_case")]
            for k, frame in enumerate(frames):
                if k == 0 and section["kind"] not in ("thread-creation", "mutex-creation", "location", "sleep"):
                    add(frame["line"], "racing", f"{report['kind']}: {section['title'] or tr.phrase('code.stack')}")
                else:
                    add(frame["line"], "frame", tr.phrase("code.frame-of", what=section["title"] or report["kind"]))
    return marks


def plain(text, limit=240):
    """Prose for a <meta name="description">: `backticks` and runs of white space gone, at most `limit`
    characters, cut after a word."""
    text = " ".join(re.sub(r"`([^`]+)`", r"\1", str(text)).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def code_rows(lines_html, marks, first=1):
    return [{"n": n, "html": body, "classes": marks.get(n, ([], []))[0], "why": marks.get(n, ([], []))[1]}
            for n, body in enumerate(lines_html, first) if n >= first]


def header_rows(rows, code_start):
    """The rows of a case's header comment marked `lesson-text`: the lesson tells the answer, and the printed
    worksheet leaves it out (casebook.css)."""
    return [dict(row, classes=row["classes"] + ["lesson-text"]) if row["n"] < code_start else row for row in rows]


def report_view(report, case, prefix, tr=ENGLISH):
    sections = []
    for section in report["sections"]:
        frames = []
        for frame in section.get("frames") or []:
            where = f"{relative(frame['file'])}:{frame['line']}" if frame.get("file") else "<null>"
            if frame.get("file") and frame.get("column"):
                where += f":{frame['column']}"
            frames.append(dict(frame, where=where, href=diagrams.frame_href(frame, case, prefix)))
        sections.append({"kind": section["kind"], "title": section["title"], "frames": frames,
                         "parts": [p for p in section_parts(section) if p != "stack"],
                         "explain": tr.phrase("report.sleep") if section["kind"] == "sleep" else ""})
    return {"kind": report["kind"], "summary": report["summary"], "sections": sections}


def threads_note(reports, tr=ENGLISH):
    named = sorted({t for r in reports for t in re.findall(r"\bT\d+\b", r["text"]) if t != "T0"})
    if not named:
        return ""
    return tr.phrase("report.threads", names=", ".join(named))


def toolchain_key(name):
    family_name, _, version = name.partition("-")
    return (family_name, int(version) if version.isdigit() else 0)


def counts(reported):
    """['data race x2', 'thread leak'] -> {'data race': 2, 'thread leak': 1}"""
    out = {}
    for item in reported:
        match = re.match(r"(.*) x(\d+)$", item)
        out[match.group(1) if match else item] = int(match.group(2)) if match else 1
    return out


def matrix_view(matrix, case, reports, toolchain, level):
    entry = matrix["cases"].get(case.name) or {}
    if not entry:
        return None
    here = counts([f"{k} x{n}" if n > 1 else k for k, n in
                   collections.Counter(r["kind"].split(" (")[0] for r in reports).items()])
    rows, differing = [], []
    for name in sorted(entry, key=toolchain_key):
        levels = entry[name] if isinstance(entry[name], dict) else {}
        cells = []
        for lv in LEVELS:
            info = levels.get(lv)
            if not isinstance(info, dict):
                cells.append(None)
                continue
            reported = [str(x) for x in info.get("reported") or []]
            differs = info.get("verdict") != "skip" and counts(reported) != here
            if differs:
                differing.append((name, lv, reported))
            cells.append({"verdict": str(info.get("verdict", "?")), "reported": reported, "differs": differs})
        runtime = (matrix["toolchains"].get(name) or {}).get("runtime")
        rows.append({"toolchain": name, "runtime": runtime, "cells": cells})
    return {"levels": LEVELS, "rows": rows, "why": matrix_reasons(matrix, entry, here, differing, toolchain),
            "source": relative(str(matrix["source"])) if matrix.get("source") else None}


def matrix_reasons(matrix, entry, here, differing, toolchain):
    """Why cells differ from this page's run, as far as the matrix itself shows it."""
    if not differing:
        return [PHRASES["matrix.same"]]
    why = []
    more = [(t, lv) for t, lv, reported in differing
            if set(counts(reported)) == set(here) and sum(counts(reported).values()) > sum(here.values())]
    fewer = [(t, lv) for t, lv, reported in differing
             if set(counts(reported)) == set(here) and sum(counts(reported).values()) < sum(here.values())]
    if more or fewer:
        names = sorted({t for t, _ in more + fewer}, key=toolchain_key)
        runtimes = {t: (matrix["toolchains"].get(t) or {}).get("runtime") for t in names}
        what = "more reports of the same kind" if more else "fewer reports of the same kind"
        text = f"{', '.join(names)} printed {what} than {toolchain}."
        if any(t.startswith("clang-") and toolchain_key(t)[1] >= 15 for t in names):
            text += (" The TSan runtime of LLVM 15 and later dropped the option `suppress_equal_addresses`, which made"
                     " older runtimes print one report per racy address; newer ones also print a later race on the"
                     " same variable between other lines.")
        elif any(runtimes.values()):
            text += " Their runtimes: " + ", ".join(f"{t} {r}" for t, r in runtimes.items() if r) + "."
        why.append(text)
    other = [(t, lv, r) for t, lv, r in differing if (t, lv) not in more + fewer]
    if other:
        listed = "; ".join(f"{t} -{lv}: {', '.join(r) or 'no report'}" for t, lv, r in other)
        why.append(f"Other kinds of report: {listed}. The case's qualified markers (`expect-tsan[...]`) say where "
                   "that is expected.")
    return why


def twins_view(case, highlighted, marks_of, functions=frozenset(), tr=ENGLISH, local=lambda case: case):
    """The twins side by side, lined up by their code (comments left out). Only what the fix changes is tinted
    (`changed`); a line that differs only in its comments, or that one twin has and the other does not but that is
    only casebook.h's scaffolding (`functions`, scaffolding.py), is shown untinted, the scaffolding marked and
    named."""
    other = case.twin
    if other is None:
        return None
    first, second = (other, case) if case.role not in ("mistake", "miss", "false-positive") and \
        other.role in ("mistake", "miss", "false-positive") else (case, other)
    a_code, b_code = code_lines(first.text)[first.code_start - 1:], code_lines(second.text)[second.code_start - 1:]
    a_html = highlighted(first)[first.code_start - 1:]
    b_html = highlighted(second)[second.code_start - 1:]
    a_marks, b_marks = marks_of(first), marks_of(second)
    left, right, scaffolding = [], [], []
    matcher = difflib.SequenceMatcher(None, [l.strip() for l in a_code], [l.strip() for l in b_code],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(max(i2 - i1, j2 - j1)):
            for side, html, code, start, marks, index, stop in (
                    (left, a_html, a_code, first.code_start, a_marks, i1 + k, i2),
                    (right, b_html, b_code, second.code_start, b_marks, j1 + k, j2)):
                if index >= stop:
                    side.append(None)
                    continue
                n = start + index
                classes, why = list(marks.get(n, ([], []))[0]), ""
                if tag != "equal" and code[index].strip():
                    called = scaffolding_calls(code[index], functions)
                    if called:
                        classes.append("scaffold")
                        why = tr.phrase("twins.scaffolding", names=", ".join(called))
                        scaffolding += [name for name in called if name not in scaffolding]
                    else:
                        classes.append("changed")
                side.append({"n": n, "html": html[index], "classes": classes, "why": why})
    heading = tr.phrase("twins.mistake-and-fix" if first.role in ("mistake", "miss") else "twins.two-ways")
    return {"heading": heading, "scaffolding": scaffolding,
            "sides": [{"case": local(first), "label": tr.phrase(f"twins.side.{first.role}"), "rows": left},
                      {"case": local(second), "label": tr.phrase(f"twins.side.{second.role}"), "rows": right}]}


def matrix_sentence(matrix, case, tr=ENGLISH):
    """'data race on clang-14, gcc-12; data race x2 on clang-16, clang-19 (at -O1)' from the matrix, or ''."""
    entry = matrix["cases"].get(case.name) or {}
    by_what = collections.defaultdict(list)
    for name in sorted(entry, key=toolchain_key):
        cell = (entry[name] or {}).get("O1") if isinstance(entry[name], dict) else None
        if isinstance(cell, dict):
            by_what[", ".join(cell.get("reported") or []) or tr.phrase("verdict.no-report")].append(name)
    return "; ".join(tr.phrase("matrix.on", what=what, toolchains=", ".join(names)) for what, names in by_what.items())


def verdict_detail(result, reports, tr=ENGLISH):
    """(outcome, what the run reported in words): model.verdict_phrase in the edition's language."""
    outcome = result.get("outcome", "unknown")
    if reports:
        seen = []
        for report in reports:
            phrase = tr.phrase("verdict.at-line", kind=report["kind"], line=report["line"]) if report["line"] \
                else report["kind"]
            if phrase not in seen:
                seen.append(phrase)
        return outcome, tr.phrase("verdict.reported", what="; ".join(seen))
    if outcome in ("skipped", "not built"):
        return outcome, ""
    return outcome, tr.phrase("verdict.no-report")


# ---------------------------------------------------------------------------------------------------- the anatomy

LINE_PARTS = [
    (re.compile(r"^(=+|WARNING: ThreadSanitizer)"), "headline"),
    (re.compile(r"^\s*SUMMARY: "), "summary"),
    (re.compile(r"^\s*Previous "), "previous"),
    (re.compile(r"^\s*(Atomic )?(Read|Write) of size|^\s*Modifying access"), "access"),
    (re.compile(r"^\s*As if synchronized via sleep"), "sleep"),
    (re.compile(r"^\s*Location is"), "location"),
    (re.compile(r"^\s*Mutex M\d+ .*created at"), "mutexes"),
    (re.compile(r"^\s*Thread T\d+ .*created by"), "thread"),
    (re.compile(r"^\s*(Cycle in lock order graph|Mutex M\d+ acquired here|Mutex M\d+ previously acquired)"),
     "lock-order"),
]


def text_blocks(text):
    """A report's text cut into blocks, each the lines of one part (a stack goes with the line above it)."""
    blocks = []
    for line in text.split("\n"):
        part = next((p for pattern, p in LINE_PARTS if pattern.search(line)), None)
        if part is None and blocks and line.strip():
            if (blocks[-1]["part"] == "access" and re.match(r"\s*#\d", line)
                    and not any(b["part"] == "stack" for b in blocks)):
                blocks.append({"part": "stack", "lines": []})     # the first stack gets its own explanation
            blocks[-1]["lines"].append(line)
            continue
        if part is None:
            continue
        if part == "headline" and blocks and blocks[-1]["part"] in ("headline", "summary"):
            blocks[-1]["lines"].append(line)
        else:
            blocks.append({"part": part, "lines": [line]})
    return [{"part": b["part"], "base": b["part"], "text": "\n".join(b["lines"])} for b in blocks]


def anatomy_view(ordered, site_reports):
    """The annotated example (the first report of the first case on the path that has one), excerpts for the
    parts it lacks, and for each part the first few cases on the path that show it."""
    shown_in = {part: [] for part in PARTS}
    for case in ordered:
        for report in site_reports[case.name][:1]:
            for part in report_parts(report):
                if len(shown_in[part]) < 4 and case not in shown_in[part]:
                    shown_in[part].append(case)
    example_case = next((c for c in ordered if site_reports[c.name]), None)
    if example_case is None:
        return None
    blocks = text_blocks(site_reports[example_case.name][0]["text"])
    # the mutexes part is shown inside access lines too; an access with "(mutexes:" is also a mutexes excerpt
    present = {b["part"] for b in blocks}
    extra = []
    for part in PARTS:
        if part in present or not shown_in[part]:
            continue
        source = shown_in[part][0]
        pieces = [b for r in site_reports[source.name][:1] for b in text_blocks(r["text"])
                  if b["part"] == part or (part == "mutexes" and "(mutexes:" in b["text"])]
        if pieces:
            extra.append({"part": part, "base": part, "case": source, "text": "\n".join(p["text"] for p in pieces[:2])})
    return {"case": example_case, "blocks": dedupe_ids(blocks)}, extra, shown_in


def dedupe_ids(blocks):
    """A part seen again (a second thread creation) joins the block before it when that is the same part, or
    else gets the anchor part-NAME-more: ids stay unique and each explanation is shown once."""
    seen, out = set(), []
    for block in blocks:
        if block["part"] not in seen:
            seen.add(block["part"])
            out.append(block)
        elif out[-1]["base"] == block["part"]:
            out[-1] = dict(out[-1], text=out[-1]["text"] + "\n" + block["text"])
        else:
            out.append(dict(block, part=block["part"] + "-more"))
    return out


# ---------------------------------------------------------------------------------------------------- the site

def chain(ordered, edition):
    """Previous/next along the path: start, from Python to C, how to read a report, every case in order, then
    the list and the rest. An edition in another language walks its own pages the same way."""
    title = edition.translator.phrase
    pages = [("index.html", title("page.start")), ("python.html", title("page.python")),
             ("report.html", title("page.report"))]
    pages += [(c.page, c.name) for c in ordered]
    pages += [("cases.html", "All cases"), ("casebook.h.html", "casebook.h"), ("detectors.html", "Detectors"),
              (explainpage.PAGE, explainpage.TITLE), ("answers.html", "Answer key"),
              ("glossary.html", title("page.glossary"))]
    pages = [(page, title) for page, title in pages if edition.has(page)]
    links = {}
    for k, (page, _title) in enumerate(pages):
        links[page] = {"prev": pages[k - 1] if k else None, "next": pages[k + 1] if k + 1 < len(pages) else None}
    return links


def nav_for(links, page, prefix):
    entry = links[page]
    return {key: ({"href": prefix + value[0], "title": value[1]} if value else None) for key, value in entry.items()}


def write_site(site, ordered, results, site_reports, path, matrix, toolchain, level, repository=None,
               languages=tuple(LANGUAGES), english=True, explain_module=None):
    """The English site at `site`, and an edition under its own folder for each of `languages`. Returns the
    translator of each edition, which knows what its pages asked for (translation.Translator.problems()).
    Without `english`, only the other editions are written (the check of their translations). `explain_module` is
    the explain page's WebAssembly (explainpage.py), or None."""
    editions = [Edition("en", ordered)] + [Edition(lang, ordered) for lang in languages]
    written = editions if english else editions[1:]
    staging = pathlib.Path(tempfile.mkdtemp(prefix=".site-", dir=site.parent))
    try:
        for asset in ("casebook.css", "casebook.js", "favicon.svg"):
            shutil.copyfile(SITE_SRC / asset, staging / asset)
        (staging / "pygments.css").write_text(stylesheet())
        (staging / ".nojekyll").write_text("")
        explainpage.write_assets(staging, explain_module)
        for edition in written:
            write_edition(staging, edition, editions, ordered, results, site_reports, path, matrix, toolchain,
                          level, repository, explain_module)
        if site.exists():
            shutil.rmtree(site)
        os.replace(staging, site)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return {edition.lang: edition.translator for edition in written}


def write_edition(staging, edition, editions, ordered, results, site_reports, path, matrix, toolchain, level,
                  repository, explain_module=None):
    """One edition's pages into the staging folder: every page for English, the edition's own for another."""
    tr = edition.translator
    local = edition.case
    env = environment(tr)
    anatomy = yaml.safe_load((SITE_SRC / "anatomy.yaml").read_text())
    parts = {part: {"name": tr.text(f"anatomy.{part}.name", entry["name"]),
                    "text": tr.text(f"anatomy.{part}.text", entry["text"])} for part, entry in anatomy.items()}
    part_names = {part: parts[part]["name"] for part in PARTS}
    terms = glossary.translated(glossary.load(SITE_SRC / "glossary.yaml"), tr)
    shown = [c for c in ordered if edition.has(c.page)]
    links = chain(shown, edition)
    highlighted_cache, marks_cache = {}, {}

    def highlighted(case):
        if case.name not in highlighted_cache:
            highlighted_cache[case.name] = highlight_lines(case.text)
        return highlighted_cache[case.name]

    def marks_of(case):
        if case.name not in marks_cache:
            marks_cache[case.name] = line_marks(case, site_reports[case.name], tr)
        return marks_cache[case.name]

    by_name = {c.name: c for c in ordered}
    no_lock = by_name.get("seed/no_lock") or ordered[0]
    common = {"toolchain": toolchain, "level": level, "part_names": part_names, "repository": repository,
              "clone": clone_command(repository), "lang": edition.lang, "edition": edition,
              "configure": configure_command(), "run_case": local(no_lock), "run_commands": case_commands(no_lock, level)}

    def render(name, page, **context):
        """One page; its `description` (the search engines' summary, a sentence or two) defaults to the site's."""
        context["description"] = plain(context.get("description") or tr.phrase("description.site"))
        depth = page.count("/")
        prefix = "../" * depth
        root = prefix + "../" * edition.folder.count("/")
        switches = [{"href": root + other.folder + page, "lang": other.lang, "name": other.name}
                    for other in editions if other is not edition and other.has(page)]
        text = env.get_template(name).render(prefix=prefix, root=root, nav=nav_for(links, page, prefix),
                                             switches=switches, **{**common, **context})
        if page != "glossary.html":
            text = glossary.link_terms(text, terms, prefix + "glossary.html", tr)
        target = staging / edition.folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)

    folders = []
    intros = folder_intros(path)
    for case in ordered:
        if not folders or folders[-1]["name"] != case.folder:
            intro = intros.get(case.folder, "")
            folders.append({"name": case.folder, "intro": tr.text(f"path.{case.folder}.intro", intro) if intro else "",
                            "cases": [], "listed": edition.has(case.page)})
        folders[-1]["cases"].append(local(case))
    role_counts = collections.Counter(c.role for c in ordered)
    roles = [(role, tr.phrase(f"role.{role}.badge"), role_counts[role], tr.phrase(f"role.{role}.text"))
             for role in ROLES if role_counts[role]]
    fixed = next((c for c in ordered if c.folder == "seed" and c.role == "fix"), None)
    render("index.html", "index.html", title=tr.phrase("page.start"), page_class="start",
           description=tr.phrase("description.index", count=len(ordered)),
           count=len(ordered), first=local(ordered[0]), folders=folders, roles=roles, no_lock=local(no_lock),
           no_lock_stdout=(results[no_lock.name].get("run") or {}).get("stdout") or "(no run)",
           fixed=local(fixed) if fixed else None,
           fixed_stdout=(results[fixed.name].get("run") or {}).get("stdout") if fixed else "")

    example, extra, shown_in = anatomy_view(ordered, site_reports) or (None, [], {p: [] for p in PARTS})
    if example is None:        # no case has run yet: the parts are explained without an excerpt
        extra = [{"part": part, "base": part, "case": None, "text": ""} for part in PARTS]
    else:
        example = dict(example, case=local(example["case"]))
    extra = [dict(block, case=local(block["case"]) if block["case"] else None) for block in extra]
    shown_in = {part: [local(c) for c in cases] for part, cases in shown_in.items()}
    render("report.html", "report.html", title=tr.phrase("page.report"), description=tr.phrase("description.report"),
           page_class="anatomy", example=example, extra=extra, parts=parts, shown_in=shown_in,
           no_lock=local(no_lock), no_lock_matrix=matrix_sentence(matrix, no_lock, tr))

    render("python.html", "python.html", title=tr.phrase("page.python"), description=tr.phrase("description.python"),
           page_class="bridge", rows=bridge.rows(SITE_SRC / "python.yaml", by_name, highlighted, tr),
           cases={name: local(case) for name, case in by_name.items() if case.folder == "seed"})

    render("glossary.html", "glossary.html", title=tr.phrase("page.glossary"), page_class="glossary",
           description=tr.phrase("description.glossary"),
           terms=terms)

    if edition.english:
        write_english_only(render, ordered, results, site_reports, matrix, folders, role_counts, level)
        explainpage.render_page(render, ordered, explain_module)

    functions = header_functions()
    step_throughs = steps.load()
    for case in shown:
        result, reports = results[case.name], site_reports[case.name]
        view = local(case)
        outcome, detail = verdict_detail(result, reports, tr)
        prefix = "../"
        root = prefix + "../" * edition.folder.count("/")
        svgs = []
        for k, report in enumerate(reports):
            wide, narrow = diagrams.layout_of(report, case, root, tr)
            svgs.append({"wide": Markup(env.get_template("diagram.svg").render(d=wide, n=k)),
                         "narrow": Markup(env.get_template("diagram-narrow.svg").render(d=narrow, n=k))
                         if narrow else None})
        walk = None
        if case.name in step_throughs:
            walk = steps.view(step_throughs[case.name], case, result, reports, root, tr)
            if not svgs or case.role == "miss":     # what TSan misses is in no report: its steps are drawn
                svgs.append({"wide": Markup(env.get_template("diagram-narrow.svg").render(
                    d=steps.diagram(walk, case, root, tr), n="s")), "narrow": None})
        parts_shown = list(dict.fromkeys(p for r in reports for p in report_parts(r)))
        exercise = exercise_of(case, reports, outcome, detail, tr)
        if not edition.english:
            exercise = localize_exercise(exercise, view, edition)
        matrix_here = matrix_view(matrix, case, reports, toolchain, level)
        if matrix_here and not edition.english:
            # the one sentence every case can have is a phrase; the others name toolchains: the case's own entries
            matrix_here = dict(matrix_here, why=[tr.phrase("matrix.same") if why == PHRASES["matrix.same"] else
                                                 tr.text(f"case.{case.name}.matrix.{k}", why)
                                                 for k, why in enumerate(matrix_here["why"])])
        render("case.html", case.page, title=case.name, page_class="case", case=view,
               description=f"{case.name} ({view.badge}): {view.lesson}",
               outcome=outcome, detail=detail, markers=view.markers, notes=diagnostics_text(result),
               diagrams=svgs, code_rows=header_rows(code_rows(highlighted(case), marks_of(case)), case.code_start),
               reports=[report_view(r, case, root, tr) for r in reports], parts=parts_shown,
               normalized="\n".join(r["text"] for r in reports), threads_note=threads_note(reports, tr),
               matrix=matrix_here, twins=twins_view(case, highlighted, marks_of, functions, tr, local),
               stdout=(result.get("run") or {}).get("stdout") or "", exercise=exercise, steps=walk,
               run_case=view, run_commands=case_commands(case, level))


def detectors_view(scores, source, cases, level):
    """The detectors page (docs/detectors.json, which ci/detectors.sh writes with docs/DETECTORS.md): every
    configuration's scores, the example that explains them (this build's level of the first TSan configuration
    scored line by line), F1 per folder for one configuration per detector, and the two lists. Precision, recall and
    F1 are computed again from each row's counts: a row whose numbers do not add up stops the generator."""
    configs = scores.get("configs") or []
    for config in configs:
        for scope in ("file", "line"):
            counts = config.get(scope)
            if not counts:
                continue
            tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            for name, value in (("precision", precision), ("recall", recall), ("f1", f1)):
                if abs(value - counts[name]) > 0.0005:
                    raise CannotGenerate(f"{relative(str(source))}: {config['name']}: {scope} {name} is "
                                         f"{counts[name]}, its counts (TP {tp}, FP {fp}, FN {fn}) make it {value:.3f}")
    lined = [c for c in configs if c.get("line")]
    example = next((c for c in lined if c["detector"] == "tsan" and c["name"].endswith(f" {level}")),
                   lined[0] if lined else None)
    if example:
        counts = example["file"]
        example = {"name": example["name"], "tp": counts["tp"], "fp": counts["fp"], "fn": counts["fn"],
                   "tn": counts["tn"], "reported": counts["tp"] + counts["fp"], "buggy": counts["tp"] + counts["fn"],
                   "precision": counts["precision"], "recall": counts["recall"], "f1": counts["f1"]}
    # per folder: one configuration per detector (TSan: each toolchain at this level), those scored line by line
    by_folder = [c for c in lined if c["detector"] != "tsan" or c["name"].endswith(f" {level}")]
    folders = sorted({f for c in by_folder for f in c.get("folders") or {}})
    # a TSan configuration is named "tsan TOOLCHAIN LEVEL" (and " (matrix)"): its toolchains, whatever the level
    toolchains = {" ".join(c["name"].split()[:2]) for c in configs if c["detector"] == "tsan"}
    return {"configs": configs, "example": example, "folder_configs": by_folder, "folders": folders,
            "toolchains": len(toolchains),
            "only": [dict(o, known=o["case"] in cases) for o in scores.get("only_one_detector") or []],
            "missed": [{"case": m, "known": m in cases} for m in scores.get("caught_by_none") or []]}


def write_english_only(render, ordered, results, site_reports, matrix, folders, role_counts, level):
    """The pages only the English edition has: the list of cases, casebook.h, the detectors, the answer key."""
    rows = []
    for case in ordered:
        result, reports = results[case.name], site_reports[case.name]
        outcome = result.get("outcome", "unknown")
        kinds = list(dict.fromkeys(r["family"] for r in reports))
        if not kinds and outcome not in ("skipped", "not built", "cannot check"):
            kinds = ["no report"]
        expects = list(dict.fromkeys("no report" if m["kind"] == "none" else family(m["kind"])
                                     for m in case.markers if m.get("applies", True)))
        entry = matrix["cases"].get(case.name) or {}
        reporting = [t for t in sorted(entry, key=toolchain_key) if isinstance(entry[t], dict) and
                     any(isinstance(v, dict) and v.get("reported") for v in entry[t].values())]
        tools = (", ".join(reporting) or "none") if entry else ""
        search = " ".join([case.name, case.title, case.badge, case.lesson] + kinds).lower()
        rows.append({"case": case, "kinds": kinds, "expects": expects, "outcome": outcome, "tools": tools,
                     "check": CHECK_WORDS.get(outcome, outcome), "search": search, "twins": case.twins})
    kinds = sorted({k for row in rows for k in row["kinds"]})
    render("cases.html", "cases.html", title="All cases", page_class="index", rows=rows,
           description=f"All {len(rows)} cases of the casebook, each a small C program run under ThreadSanitizer: "
                       "search them, filter them by folder, label and the kind of report, and hide the answers to "
                       "predict them first.",
           folders=[f["name"] for f in folders], kinds=kinds,
           role_options=[(role, ROLES[role][1]) for role in ROLES if role_counts[role]])

    header = ROOT / "cases" / "casebook.h"
    if header.exists():
        text = header.read_text(errors="replace")
        render("header.html", "casebook.h.html", title="casebook.h", page_class="case",
               description="casebook.h, the scaffolding every case shares: say(), the lesson's pool of workers "
                           "and the invisible barrier that makes threads overlap without telling ThreadSanitizer.",
               rows=code_rows(highlight_lines(text), {}))

    scores_file = ROOT / "docs" / "detectors.json"  # written by ci/detectors.sh with docs/DETECTORS.md
    scores = json.loads(scores_file.read_text()) if scores_file.exists() else {"configs": []}
    view = detectors_view(scores, scores_file, {c.name for c in ordered}, level)
    render("detectors.html", "detectors.html", title="Which detector catches which mistake",
           page_class="detectors", description=(
               f"ThreadSanitizer on {view['toolchains']} toolchains against Valgrind's Helgrind and DRD, scored on "
               "every case: precision, recall and F1, explained with an example, per folder, and the bugs no "
               "detector catches." if view["configs"] else ""), **view)

    exercises = {case.name: exercise_of(case, site_reports[case.name],
                                        *verdict_detail(results[case.name], site_reports[case.name]))
                 for case in ordered}
    render("answers.html", "answers.html", title="Answer key", page_class="answers", folders=folders,
           description="The answer key for teachers: what ThreadSanitizer reports for every case, what its markers "
                       "expect, the smallest fix of each mistake and why TSan misses what it misses.",
           exercises=exercises)
