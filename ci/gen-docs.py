#!/usr/bin/env python3
"""Teaching pages from the cases and their real runs (issue: teaching pages).

Runs every case of the build's manifest through `tsan-verify --json --normalize`, then writes
  docs/catalog.md   the committed catalog: per folder, per case its lesson, code, normalized report and verdict
  docs/site/        a static site that works from file:// (index with search and filters, a page per case with
                    the racing lines highlighted, the report's frames linked to the code, the twins side by side
                    and a diagram drawn from the parsed report); generated, never committed

usage: ci/gen-docs.py [--build-dir DIR] [--verify EXE] [--check] [--no-site] [--no-catalog] [--reuse-runs]
  --check         regenerate the catalog into a temporary file and compare: exit 0 fresh, 1 stale (one line),
                  77 when the build's toolchain is not the one the committed catalog documents
  --reuse-runs    use the runs cached under BUILD_DIR/docs/runs when newer than the binary, source and harness
Exit status: 0 done, 1 stale (--check), 2 cannot generate (no manifest, no harness, a run without JSON)."""
import argparse
import concurrent.futures
import difflib
import html
import json
import math
import os
import pathlib
import re
import shutil
import string
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SITE_SRC = ROOT / "docs" / "site-src"
KINDS = [
    "data race", "heap-use-after-free", "thread leak", "destroy of a locked mutex", "double lock of a mutex",
    "use of an invalid mutex", "unlock of an unlocked mutex", "read lock of a write locked mutex",
    "read unlock of a write locked mutex", "signal-unsafe call inside of a signal", "signal handler spoils errno",
    "lock-order-inversion", "race on external object", "mutex held in the wrong context",
]
THREAD_NAME = re.compile(r"(?<=[Tt]hread )T(\d+)\b")
CATALOG_TOOLCHAIN = re.compile(r"toolchain `([^`]+)`, `-(O\w+)`")


def fail(message, status=2):
    print(f"gen-docs: {message}", file=sys.stderr)
    sys.exit(status)


# ---------------------------------------------------------------------------------------------------- the cases

class Case:
    def __init__(self, name, source, binary, toolchain):
        self.name = name                                   # "seed/no_lock"
        self.folder, self.stem = name.split("/", 1)
        self.source = pathlib.Path(source)
        self.binary = pathlib.Path(binary) if binary else None
        self.toolchain = toolchain
        self.text = self.source.read_text(errors="replace")
        self.lines = self.text.splitlines()
        self.lesson, self.code_start = parse_header(self.text)
        self.role = "bug" if self.stem.endswith("_bug") else "fixed" if self.stem.endswith("_fixed") else None
        base = re.sub(r"_(bug|fixed)$", "", self.stem).replace("_", " ")
        self.title = base[:1].upper() + base[1:] + {"bug": ": the mistake", "fixed": ": the fix", None: ""}[self.role]
        first = re.match(r"(.+?[.!?])(\s|$)", self.lesson)
        self.summary = first.group(1) if first else self.lesson
        self.twin = None                                   # the other Case of a _bug/_fixed pair
        self.anchor = self.name.replace("/", "-")
        self.page = f"{self.folder}/{self.stem}.html"      # relative to the site's root


def parse_header(text):
    """The header comment as one paragraph, and the 1-based line where the code after it starts."""
    match = re.match(r"\s*/\*(.*?)\*/[ \t]*\n?", text, re.S)
    if not match:
        return "", 1
    prose = re.sub(r"\s*\n\s*\*?[ \t]?", " ", match.group(1)).strip()
    code_start = text[: match.end()].count("\n") + 1
    return re.sub(r"\s+", " ", prose), code_start


def read_manifest(path):
    rows = []
    for line in path.read_text().splitlines():
        if line.strip():
            name, binary, source, toolchain = line.split("\t")[:4]
            rows.append((name, binary, source, toolchain))
    return rows


def discover(manifest):
    rows = read_manifest(manifest)
    known = {name for name, *_ in rows}
    toolchain = rows[0][3] if rows else "unknown"
    cases = []
    for name, binary, source, tc in rows:
        if pathlib.Path(source).exists():
            cases.append(Case(name, source, binary, tc))
        else:
            print(f"gen-docs: {name}: {source} is gone (the manifest is older than the cases); left out",
                  file=sys.stderr)
    for source in sorted((ROOT / "cases").glob("*/*.c")):
        name = f"{source.parent.name}/{source.stem}"
        if name not in known:
            print(f"gen-docs: {name} is not in {manifest} (reconfigure and build first); listed as not built",
                  file=sys.stderr)
            cases.append(Case(name, source, None, toolchain))
    cases.sort(key=lambda case: case.name)
    by_name = {case.name: case for case in cases}
    for case in cases:
        if case.role:
            other = {"bug": "_fixed", "fixed": "_bug"}[case.role]
            case.twin = by_name.get(f"{case.folder}/{re.sub(r'_(bug|fixed)$', '', case.stem)}{other}")
    return cases


# ---------------------------------------------------------------------------------------------------- the runs

def stand_in(outcome, why):
    """A result for a case that has no run to show."""
    return {"outcome": outcome, "reports": [], "normalized": "", "markers": [], "run": {},
            "diagnostics": [{"message": why}]}


def cache_path(build_dir, case):
    return build_dir / "docs" / "runs" / (case.name.replace("/", "__") + ".json")


def run_case(case, verify, build_dir, reuse):
    """The raw JSON object of tsan-verify for one case (cached), or a stand-in with outcome and reason."""
    if case.binary is None or not case.binary.exists():
        return stand_in("not built", "the case is not built yet")
    cache = cache_path(build_dir, case)
    if reuse and cache.exists():
        newest = max(p.stat().st_mtime for p in (case.binary, case.source, verify))
        if cache.stat().st_mtime > newest:
            return json.loads(cache.read_text())
    command = [str(verify), "--json", "--normalize", "--binary", str(case.binary), "--toolchain", case.toolchain,
               str(case.source)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return stand_in("cannot check", "tsan-verify did not finish in 180 s")
    except OSError as error:
        fail(f"{case.name}: cannot run {verify}: {error}")
    try:
        result = json.loads(done.stdout)
    except ValueError:
        lines = done.stderr.strip().splitlines()
        print(f"gen-docs: {case.name}: tsan-verify gave no JSON (exit {done.returncode})", file=sys.stderr)
        return stand_in("cannot check", f"tsan-verify gave no JSON (exit {done.returncode})" +
                        (f": {lines[-1]}" if lines else ""))
    if "normalized" not in result:
        fail(f"{case.name}: this tsan-verify has no --normalize field; rebuild the harness")
    cache.parent.mkdir(parents=True, exist_ok=True)
    temporary = cache.with_suffix(f".tmp{os.getpid()}")
    temporary.write_text(json.dumps(result))
    os.replace(temporary, cache)
    return result


def run_all(cases, verify, build_dir, reuse, jobs):
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {case.name: pool.submit(run_case, case, verify, build_dir, reuse) for case in cases}
        return {name: future.result() for name, future in futures.items()}


# ---------------------------------------------------------------------------------------------------- canonical reports

def relative(path):
    clean = os.path.normpath(path)
    root = str(ROOT) + os.sep
    return clean[len(root):] if clean.startswith(root) else clean


def clean_summary(summary):
    """TSan's SUMMARY line without module offsets, BuildIds and machine path prefixes."""
    text = re.sub(r"\s*\(BuildId: [0-9a-fA-F]+\)", "", summary)
    text = re.sub(r"\s*\([^()\s]*\+0x[0-9a-fA-F]+\)", "", text)
    text = re.sub(r"/[^\s:()]+", lambda m: relative(m.group(0)), text)
    return "SUMMARY: ThreadSanitizer: " + text


def scrub_title(title):
    text = re.sub(r" at 0x[0-9a-fA-F]+", "", title)
    text = re.sub(r" \((?:0x[0-9a-fA-F]+|tid=[^)]*|[^()\s]+\+0x[0-9a-fA-F]+)\)", "", text)
    return re.sub(r"0x[0-9a-fA-F]+", "0x...", text)


def relabel_map(text):
    """Worker threads renumbered in order of first mention (T0, the main thread, keeps its name): two workers
    that swap roles from run to run give the same text."""
    seen = []
    for match in THREAD_NAME.finditer(text):
        number = int(match.group(1))
        if number and number not in seen:
            seen.append(number)
    return dict(zip(seen, sorted(seen)))


def relabel(text, mapping):
    if not text:
        return text
    return THREAD_NAME.sub(lambda m: "T%d" % mapping.get(int(m.group(1)), int(m.group(1))), text)


def innermost(frames, case_only=True):
    for frame in frames:
        if frame.get("in_case") if case_only else frame.get("file"):
            return frame
    return None


def report_line(report):
    """The case's own line a report is about: the innermost in-case frame of its first stack."""
    for section in report["sections"]:
        frame = innermost(section.get("frames") or [])
        if frame and section["kind"] not in ("thread-creation", "mutex-creation", "location"):
            return frame["line"]
    return None


def canonical_reports(result):
    """The reports in a fixed order, each with its normalized text (SUMMARY rebuilt from the raw line) and its
    parsed sections, worker threads renumbered the same way in both."""
    chunks = [c for c in re.split(r"^==================\n?", result.get("normalized") or "", flags=re.M) if c.strip()]
    reports = result.get("reports") or []
    if len(chunks) != len(reports):
        chunks = ["\n".join(r.get("summary", "") for r in reports)] * len(reports)
    out = []
    for chunk, report in zip(chunks, reports):
        lines = chunk.rstrip("\n").split("\n")
        lines = [clean_summary(report["summary"]) if line.startswith("SUMMARY: ") else line for line in lines]
        text = "\n".join(lines) + "\n=================="
        mapping = relabel_map(text)
        sections = []
        for section in report["sections"]:
            section = dict(section)
            section["title"] = relabel(scrub_title(section.get("title") or ""), mapping)
            if section.get("access"):
                section["access"] = dict(section["access"], thread=relabel(section["access"]["thread"], mapping))
            sections.append(section)
        out.append({"kind": report["kind"], "text": relabel(text, mapping), "sections": sections,
                    "line": report_line(report), "summary": relabel(clean_summary(report["summary"]), mapping)})
    out.sort(key=lambda r: (r["line"] if r["line"] is not None else 1 << 30, r["text"]))
    return out


def family(kind):
    """A report headline reduced to the marker vocabulary (KINDS): 'race on Store' is a race on external object."""
    for known in KINDS:
        if kind.startswith(known):
            return known
    if kind.startswith("race on "):
        return "race on external object"
    return kind


def diagnostics_text(result):
    out = []
    for diagnostic in result.get("diagnostics") or []:
        message = diagnostic.get("message", "")
        message = relabel(re.sub(r"/[^\s:()]+", lambda m: relative(m.group(0)), message), relabel_map(message))
        where = f"line {diagnostic['line']}: " if diagnostic.get("line") else ""
        out.append(where + message)
    return out


# ---------------------------------------------------------------------------------------------------- docs/catalog.md

def marker_phrase(marker, toolchain):
    kind = "no report" if marker["kind"] == "none" else f"`{marker['kind']}` at line {marker['line']}"
    if marker.get("toolchains"):
        kind += f" (on {marker['toolchains']}" + ("" if marker.get("applies") else f"; not {toolchain}") + ")"
    return kind + (f" — {marker['note']}" if marker.get("note") else "")


def markers_from_source(case):
    """Markers read from the source when there is no run (a case not built yet)."""
    out = []
    for number, line in enumerate(case.lines, 1):
        match = re.search(r"//\s*expect-tsan(?:\[([^\]]*)\])?:\s*(.*?)(?:\s+--\s+(.*))?$", line)
        if match:
            out.append({"line": number, "kind": match.group(2).strip(), "note": match.group(3),
                        "toolchains": match.group(1), "applies": True})
    return out


def verdict_phrase(result, reports):
    outcome = result.get("outcome", "unknown")
    if reports:
        seen = []
        for report in reports:
            phrase = report["kind"] + (f" at line {report['line']}" if report["line"] else "")
            if phrase not in seen:
                seen.append(phrase)
        return outcome, "reported " + "; ".join(seen)
    if outcome in ("skipped", "not built"):
        return outcome, ""
    return outcome, "no report"


REPORT_PART = re.compile(r"^(TSan reported|Verdict: )", re.M)
BLOCK = re.compile(r'^<a id="([^"]+)"></a>\n.*?(?=\n\n<a id="|\n\n## |\Z)', re.M | re.S)


def render_case(case, result, reports, level):
    """One case's part of the catalog, from its anchor to its verdict (no trailing newline)."""
    out = [f'<a id="{case.anchor}"></a>', "", f"### {case.name}: {case.title}", ""]
    if case.lesson:
        out += [case.lesson, ""]
    if case.twin:
        which = "the fix" if case.role == "bug" else "the mistake"
        out += [f"Twin: [{which}, {case.twin.name}](#{case.twin.anchor})", ""]
    markers = result.get("markers") or markers_from_source(case)
    if markers:
        out.append("Expects:")
        out += [f"- {marker_phrase(m, case.toolchain)}" for m in markers]
        out.append("")
    width = len(str(len(case.lines)))
    out.append("```c")
    out += [f"{n:>{width}}  {case.lines[n - 1]}".rstrip() for n in range(case.code_start, len(case.lines) + 1)]
    out += ["```", ""]
    if reports:
        out += [f"TSan reported (`{case.toolchain}`, `-{level}`, normalized):", "", "```text"]
        out += [r["text"] for r in reports]
        out += ["```", ""]
    outcome, detail = verdict_phrase(result, reports)
    out.append(f"Verdict: **{outcome}**" + (f", {detail}." if detail else "."))
    notes = diagnostics_text(result)
    if notes:
        out.append("")
        out += [f"- {note}" for note in notes]
    return "\n".join(out)


def catalog_blocks(text):
    """anchor -> that case's block, from a catalog as render_catalog writes it."""
    return {match.group(1): match.group(0).rstrip("\n") for match in BLOCK.finditer(text)}


def render_catalog(cases, blocks, toolchain, level):
    out = ["# The catalog", "",
           "<!-- Generated by ci/gen-docs.py from real runs: do not edit. "
           "Regenerate with `cmake --build --preset default --target docs`. -->", "",
           f"Every case under `cases/`, as it ran: toolchain `{toolchain}`, `-{level}`. For each: the lesson (its "
           "header comment), the code with its real line numbers, what TSan reported and the verdict of "
           "`tsan-verify`. Reports are normalized (no addresses, pids, tids, BuildIds or machine paths), "
           "listed by the line they are about, with worker threads renumbered in order of first mention, so "
           "that two workers swapping roles between runs read the same. The same pages as a site, with "
           "diagrams: `cmake --build --preset default --target docs`, then open `docs/site/index.html`.", ""]
    folders = list(dict.fromkeys(case.folder for case in cases))
    for folder in folders:
        members = [c for c in cases if c.folder == folder]
        out.append(f"- [{folder}/](#{folder}) ({len(members)}): " +
                   ", ".join(f"[{c.stem}](#{c.anchor})" for c in members))
    for folder in folders:
        out += ["", f"## {folder}"]
        for case in (c for c in cases if c.folder == folder):
            out += ["", blocks[case.name]]
    return "\n".join(out) + "\n"


def keep_known_variants(cases, results, reports, blocks, known, rerun, level, budget):
    """A case whose report varies between runs (which access TSan saw first, say) would flip the catalog from
    run to run. When only the report part of a case's block differs from the catalog on disk, rerun it (up to
    20 times, `budget` runs in all) and keep the run that reproduces the catalog's text. Returns the cases that needed it,
    and the ones still different."""
    matched, differ = [], []
    for case in cases:
        want, have = known.get(case.anchor), blocks[case.name]
        if want is None or want == have:
            continue
        cut_want, cut_have = REPORT_PART.search(want), REPORT_PART.search(have)
        same_code = cut_want and cut_have and want[: cut_want.start()] == have[: cut_have.start()]
        attempt = 0
        while same_code and budget > 0 and attempt < 20:
            attempt, budget = attempt + 1, budget - 1
            result = rerun(case)
            case_reports = canonical_reports(result)
            block = render_case(case, result, case_reports, level)
            if block == want:
                results[case.name], reports[case.name], blocks[case.name] = result, case_reports, block
                matched.append(f"{case.name} (run {attempt + 1})")
                break
        else:
            differ.append(case.name)
    return matched, differ


# ---------------------------------------------------------------------------------------------------- the site: code

C_KEYWORDS = set("""auto break case char const continue default do double else enum extern float for goto if inline int
long register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while
_Atomic _Bool _Noreturn _Thread_local _Alignas _Alignof _Static_assert bool true false NULL""".split())
C_TOKEN = re.compile(r"(?P<comment>//.*)|(?P<open>/\*)|(?P<string>\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*')"
                     r"|(?P<word>[A-Za-z_]\w*)|(?P<number>\b\d[\w.]*)|(?P<other>.)")


def highlight_c(lines):
    """Each line as HTML with spans for comments, strings, keywords and numbers (block comments span lines)."""
    out, in_block = [], False
    for line in lines:
        parts, i = [], 0
        while i < len(line):
            if in_block:
                end = line.find("*/", i)
                stop = len(line) if end < 0 else end + 2
                parts.append(f'<span class="c-com">{html.escape(line[i:stop])}</span>')
                in_block, i = end < 0, stop
                continue
            if line.lstrip().startswith("#") and i == 0:
                parts.append(f'<span class="c-pre">{html.escape(line)}</span>')
                break
            match = C_TOKEN.match(line, i)
            kind, token = match.lastgroup, match.group(0)
            if kind == "open":
                in_block = True
                continue
            if kind == "comment":
                cls = "c-mark" if re.search(r"expect-tsan|expect-output|tsan-options|requires-tsan", token) else "c-com"
                parts.append(f'<span class="{cls}">{html.escape(token)}</span>')
            elif kind == "string":
                parts.append(f'<span class="c-str">{html.escape(token)}</span>')
            elif kind == "word" and token in C_KEYWORDS:
                parts.append(f'<span class="c-key">{token}</span>')
            elif kind == "number":
                parts.append(f'<span class="c-num">{html.escape(token)}</span>')
            else:
                parts.append(html.escape(token))
            i = match.end()
        out.append("".join(parts))
    return out


def inline_code(text):
    """Prose with `backticks` as <code>, everything escaped."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text, quote=False))


def frame_href(frame, case, prefix):
    """Where a frame's line lives on the site: this page's listing, the casebook.h page, or nowhere."""
    if not frame.get("file") or not frame.get("line"):
        return None
    path = relative(frame["file"])
    if frame.get("in_case") or path == relative(str(case.source)):
        return f"#L{frame['line']}"
    if path == "cases/casebook.h":
        return f"{prefix}casebook.h.html#L{frame['line']}"
    return None


def code_listing(numbered, line_classes, id_prefix="L", first=1):
    rows = []
    for n, body in enumerate(numbered, first):
        classes, why = line_classes.get(n, ([], []))
        cls = " ".join(["line"] + classes)
        title = f' title="{html.escape("; ".join(why))}"' if why else ""
        rows.append(f'<tr class="{cls}" id="{id_prefix}{n}"{title}><td class="ln"><a href="#{id_prefix}{n}">{n}</a>'
                    f'</td><td class="src">{body or " "}</td></tr>')
    return '<table class="code">' + "".join(rows) + "</table>"


def highlights(case, result, reports):
    """Line -> (css classes, reasons): marked lines, the racing lines (innermost in-case frame of each stack
    the report is about) and the other in-case frames."""
    marks = {}

    def add(line, cls, why):
        classes, reasons = marks.setdefault(line, ([], []))
        if cls not in classes:
            classes.append(cls)
        if why not in reasons:
            reasons.append(why)

    for marker in result.get("markers") or markers_from_source(case):
        if marker.get("applies", True) and marker["kind"] != "none":
            add(marker["line"], "marked", f"marker: expect {marker['kind']}")
    for report in reports:
        for section in report["sections"]:
            frames = [f for f in section.get("frames") or [] if f.get("in_case")]
            for k, frame in enumerate(frames):
                if k == 0 and section["kind"] not in ("thread-creation", "mutex-creation", "location", "sleep"):
                    add(frame["line"], "racing", f"{report['kind']}: {section['title'] or 'stack'}")
                else:
                    add(frame["line"], "frame", f"frame of: {section['title'] or report['kind']}")
    return marks


# ---------------------------------------------------------------------------------------------------- the site: diagrams

def short_thread(name):
    if not name:
        return "?"
    if name == "main thread" or name == "thread T0":
        return "main"
    return name.replace("thread ", "")


def esc(text):
    return html.escape(str(text), quote=True)


def frame_label(frame, case):
    if frame is None:
        return "no stack", None
    return f"{pathlib.Path(frame['file']).name}:{frame['line']}", frame


def svg_mark(x, y, kind, top_text, ref, below, case, prefix):
    """One event: a mark, a caption above, the code location (a link) and a note below."""
    text, frame = ref
    href = frame_href(frame, case, prefix) if frame else None
    shape = {"write": f'<circle class="m-write" cx="{x}" cy="{y}" r="9"/>',
             "read": f'<circle class="m-read" cx="{x}" cy="{y}" r="9"/>',
             "atomic": f'<rect class="m-atomic" x="{x - 8}" y="{y - 8}" width="16" height="16" transform="rotate(45 {x} {y})"/>',
             "lock": f'<rect class="m-lock" x="{x - 8}" y="{y - 8}" width="16" height="16" rx="3"/>',
             "event": f'<circle class="m-event" cx="{x}" cy="{y}" r="7"/>'}[kind]
    location = f'<text class="loc" x="{x}" y="{y + 25}" text-anchor="middle">{esc(text)}</text>'
    if href:
        location = f'<a href="{esc(href)}">{location}</a>'
    below = " · ".join(part for part in (f"in {frame['function']}()" if frame else "", below) if part)
    note = f'<text class="note" x="{x}" y="{y + 40}" text-anchor="middle">{esc(below)}</text>' if below else ""
    return (f'<g class="event">{shape}<text class="cap" x="{x}" y="{y - 16}" text-anchor="middle">{esc(top_text)}'
            f"</text>{location}{note}</g>")


def svg_lanes(names, width, top, lane_h):
    parts = []
    for i, name in enumerate(names):
        y = top + i * lane_h
        cy = y + lane_h // 2
        parts.append(f'<rect class="lane{i % 2}" x="0" y="{y}" width="{width}" height="{lane_h}"/>'
                     f'<line class="life" x1="112" y1="{cy}" x2="{width - 14}" y2="{cy}" marker-end="url(#arrow-life)"/>'
                     f'<text class="lane-name" x="12" y="{cy + 5}">{esc(short_thread(name))}</text>')
    return "".join(parts)


SVG_DEFS = ('<defs><marker id="arrow-life" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            'orient="auto"><path d="M0,0 L10,5 L0,10 z" class="arrowhead-life"/></marker>'
            '<marker id="arrow-nohb" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
            'orient="auto"><path d="M0,0 L10,5 L0,10 z" class="arrowhead-nohb"/></marker>'
            '<marker id="arrow-hb" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
            'orient="auto"><path d="M0,0 L10,5 L0,10 z" class="arrowhead-hb"/></marker></defs>')


def svg_wrap(width, height, body, label):
    return (f'<svg class="diagram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{esc(label)}">{SVG_DEFS}{body}</svg>')


def location_caption(report):
    for section in report["sections"]:
        if section["kind"] == "location" and section.get("title"):
            return section["title"]
    return ""


def held(access):
    mutexes = access.get("mutexes") if access else None
    return f"holds {mutexes}" if mutexes else "holds no mutex"


def access_kind(access):
    if access.get("atomic"):
        return "atomic"
    return "write" if access.get("write") else "read"


def access_caption(access, section):
    first = section.get("frames") or [{}]
    if first[0].get("function") == "free":
        return f"free() of the block, {access.get('size')} bytes"
    words = ("Previous " if access.get("previous") else "") + ("atomic " if access.get("atomic") else "")
    words += "write" if access.get("write") else "read"
    return f"{words[:1].upper()}{words[1:]}, {access.get('size')} bytes"


def no_hb_edge(x1, y1, x2, y2):
    """The dashed edge between two accesses: it leaves and enters horizontally, clear of the captions."""
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    reach = max(40, (x2 - x1) / 2.5)
    return (f'<path class="nohb" d="M{x1 + 11},{y1} C{x1 + reach:.0f},{y1} {x2 - reach:.0f},{y2} {x2 - 12},{y2}" '
            f'marker-end="url(#arrow-nohb)"/>'
            f'<text class="nohb-label" x="{mx:.0f}" y="{my - 6 if y1 == y2 else my + 4:.0f}" '
            f'text-anchor="middle">no happens-before</text>')


def race_svg(report, case, prefix):
    """Data race (and any report with a current and a previous access): the two accesses on their threads'
    lanes, what each held, and the dashed edge that TSan could not find."""
    accesses = [s for s in report["sections"] if s["kind"] == "access" and s.get("access")]
    current = next((s for s in accesses if not s["access"]["previous"]), None)
    previous = next((s for s in accesses if s["access"]["previous"]), None)
    pair = [s for s in (previous, current) if s]
    names = []
    for section in pair:
        if section["access"]["thread"] not in names:
            names.append(section["access"]["thread"])
    width, top, lane_h = 820, 52, 100
    height = top + len(names) * lane_h + 26
    body = [f'<text class="title" x="12" y="20">{esc(report["kind"])}</text>',
            f'<text class="subtitle" x="12" y="38">{esc(location_caption(report))}</text>',
            svg_lanes(names, width, top, lane_h)]
    points = {}
    for section, x in zip(pair, (330, 640) if len(pair) == 2 else (480,)):
        access = section["access"]
        y = top + names.index(access["thread"]) * lane_h + lane_h // 2
        points[id(section)] = (x, y)
        body.append(svg_mark(x, y, access_kind(access), access_caption(access, section),
                             frame_label(innermost(section["frames"]) or innermost(section["frames"], False), case),
                             held(access), case, prefix))
    if previous and current:
        (x1, y1), (x2, y2) = points[id(previous)], points[id(current)]
        body.insert(3, no_hb_edge(x1, y1, x2, y2))
    body.append(f'<text class="legend" x="12" y="{height - 8}">● write  ○ read  ◆ atomic · time flows left to right · '
                'dashed: the order TSan found no synchronization for</text>')
    return svg_wrap(width, height, "".join(body), f"{report['kind']} between {', '.join(names)}")


def lock_order_svg(report, case, prefix):
    """Lock-order inversion: each thread's two acquisitions on its lane, and the cycle of the lock order graph."""
    steps, lanes = [], []
    sections = report["sections"]
    for i, section in enumerate(sections):
        match = re.match(r"Mutex (M\d+) acquired here while holding mutex (M\d+) in (.+?):?$", section["title"])
        if not match:
            continue
        taken, holding, thread = match.groups()
        if thread not in lanes:
            lanes.append(thread)
        before = None
        if i + 1 < len(sections) and sections[i + 1]["title"].startswith(f"Mutex {holding} previously acquired"):
            before = sections[i + 1]
        steps.append((thread, taken, holding, section, before))
    cycle = re.search(r"Cycle in lock order graph: (.*)", "\n".join(s["title"] for s in sections))
    nodes = [m for m in re.findall(r"M\d+", cycle.group(1))] if cycle else []
    nodes = list(dict.fromkeys(nodes))
    width, top, lane_h = 820, 52, 100
    height = max(top + len(lanes) * lane_h + 26, 260)
    body = [f'<text class="title" x="12" y="20">{esc(report["kind"])}</text>',
            f'<text class="subtitle" x="12" y="38">{esc(cycle.group(0) if cycle else "")}</text>',
            svg_lanes(lanes, 520, top, lane_h)]
    for thread, taken, holding, section, before in steps:
        y = top + lanes.index(thread) * lane_h + lane_h // 2
        if before:
            body.append(f'<line class="holding" x1="200" y1="{y}" x2="425" y2="{y}"/>')
            body.append(svg_mark(200, y, "lock", f"lock {holding}", frame_label(innermost(before["frames"]), case),
                                 "", case, prefix))
        body.append(svg_mark(410, y, "lock", f"lock {taken} holding {holding}",
                             frame_label(innermost(section["frames"]), case), "", case, prefix))
    cx, cy, radius = 680, top + (height - top) // 2 - 10, 62
    positions = {}
    for k, node in enumerate(nodes):
        if len(nodes) == 2:                        # the usual two-lock cycle: side by side
            positions[node] = (cx - radius if k == 0 else cx + radius, cy)
        else:
            angle = -math.pi / 2 + 2 * math.pi * k / len(nodes)
            positions[node] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    for thread, taken, holding, section, before in steps:
        if holding in positions and taken in positions:
            (x1, y1), (x2, y2) = positions[holding], positions[taken]
            bend = 44
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            dx, dy = x2 - x1, y2 - y1
            length = math.hypot(dx, dy) or 1
            qx, qy = mx + bend * dy / length, my - bend * dx / length
            (x1, y1), (x2, y2) = toward((x1, y1), (qx, qy), 22), toward((x2, y2), (qx, qy), 24)
            body.append(f'<path class="order" d="M{x1:.0f},{y1:.0f} Q{qx:.0f},{qy:.0f} {x2:.0f},{y2:.0f}" '
                        f'marker-end="url(#arrow-nohb)"/>')
            line = innermost(section["frames"])
            label = short_thread(thread) + (f", line {line['line']}" if line else "")
            body.append(f'<text class="order-label" x="{qx:.0f}" y="{qy + (4 if dy else (-4 if dx > 0 else 14)):.0f}" '
                        f'text-anchor="middle">{esc(label)}</text>')
    for node, (x, y) in positions.items():
        body.append(f'<circle class="mutex" cx="{x:.0f}" cy="{y:.0f}" r="20"/>'
                    f'<text class="mutex-name" x="{x:.0f}" y="{y + 5:.0f}" text-anchor="middle">{node}</text>')
    body.append(f'<text class="legend" x="12" y="{height - 8}">lanes: where each thread took its locks · right: '
                'the lock order graph, an arrow A → B for "took B while holding A"; a cycle can deadlock</text>')
    return svg_wrap(width, height, "".join(body), f"lock order cycle {' '.join(nodes)}")


def toward(point, target, distance):
    """point moved `distance` toward target (an edge's end pulled back to the rim of its node)."""
    dx, dy = target[0] - point[0], target[1] - point[1]
    length = math.hypot(dx, dy) or 1
    return point[0] + distance * dx / length, point[1] + distance * dy / length


def event_of(section, report):
    """A section as (order, lane, shape, caption, note) for the generic diagram, or None."""
    kind, title = section["kind"], section.get("title") or ""
    if kind in ("location", "sleep", "lock-cycle"):
        return None
    if kind == "thread-creation":
        match = re.match(r"Thread (T\d+).*created by (main thread|thread T\d+)", title)
        created, creator = (match.group(1), match.group(2)) if match else ("a thread", "main thread")
        return 0, creator, "event", f"creates {created}", ""
    if kind == "mutex-creation":
        name = re.match(r"Mutex (M\d+)", title)
        return 1, None, "lock", f"{name.group(1) if name else 'mutex'} created", ""
    if section.get("access"):
        access = section["access"]
        return (2 if access["previous"] else 4), access["thread"], access_kind(access), \
            access_caption(access, section), held(access)
    thread = re.search(r"by (main thread|thread T\d+)", title)
    caption = re.sub(r" (by|in) (main thread|thread T\d+).*", "", title).rstrip(":") or report["kind"]
    if caption == "and":
        caption = "locked here" if report["kind"].startswith("destroy of a locked") else "and here"
    first = (section.get("frames") or [{}])[0].get("function")
    note = f"calls {first}" if kind == "stack" and first and not (section["frames"][0].get("in_case")) else ""
    order = 2 if title.startswith("Previous") else 3 if kind == "other" else 4
    return order, thread.group(1) if thread else None, "event", caption[:48], note


def generic_svg(report, case, prefix):
    events = []
    for section in report["sections"]:
        event = event_of(section, report)
        if event and (innermost(section.get("frames") or []) or innermost(section.get("frames") or [], False)):
            events.append((event, section))
    events.sort(key=lambda item: item[0][0])
    unnamed = "thread"              # the report does not name the thread of a bare stack
    lanes = []
    for (order, lane, *_), _section in events:
        name = lane or unnamed
        if name not in lanes:
            lanes.append(name)
    for section in report["sections"]:            # a created thread gets its lane even when it did nothing shown
        match = re.match(r"Thread (T\d+)", section.get("title") or "") if section["kind"] == "thread-creation" else None
        if match and f"thread {match.group(1)}" not in lanes:
            lanes.append(f"thread {match.group(1)}")
    if not lanes:
        lanes = [unnamed]
    width, top, lane_h = max(820, 190 + 240 * len(events)), 52, 100
    height = top + len(lanes) * lane_h + 26
    span = max(len(events), 1)
    body = [f'<text class="title" x="12" y="20">{esc(report["kind"])}</text>',
            f'<text class="subtitle" x="12" y="38">{esc(location_caption(report))}</text>',
            svg_lanes(lanes, width, top, lane_h)]
    points, edges = [], []
    for k, ((order, lane, shape, caption, note), section) in enumerate(events):
        x = 190 + (k + 0.5) * (width - 250) / span
        y = top + lanes.index(lane or unnamed) * lane_h + lane_h // 2
        frame = innermost(section["frames"]) or innermost(section["frames"], False)
        body.append(svg_mark(round(x), y, shape, caption, frame_label(frame, case), note, case, prefix))
        points.append((order, round(x), y, section))
        created = re.match(r"Thread (T\d+)", section.get("title") or "") if section["kind"] == "thread-creation" else None
        if created and f"thread {created.group(1)}" in lanes:
            ty = top + lanes.index(f"thread {created.group(1)}") * lane_h + lane_h // 2
            if ty != y:
                edges.append(f'<line class="hb" x1="{round(x)}" y1="{y + (9 if ty > y else -9)}" x2="{round(x) + 40}" '
                             f'y2="{ty - (12 if ty > y else -12)}" marker-end="url(#arrow-hb)"/>')
    previous = [p for p in points if p[0] == 2]
    current = [p for p in points if p[0] in (3, 4) and (p[3].get("access") or "access" in p[3].get("title", ""))]
    if previous and current:
        _, x1, y1, _s = previous[0]
        _, x2, y2, _s = current[-1]
        edges.append(no_hb_edge(x1, y1, x2, y2))
    if "thread leak" in report["kind"]:
        for name in lanes:
            if name.startswith("thread T"):
                y = top + lanes.index(name) * lane_h + lane_h // 2
                body.append(f'<text class="note" x="{width - 20}" y="{y - 10}" text-anchor="end">'
                            'finished, never joined nor detached</text>')
    body[3:3] = edges
    body.append(f'<text class="legend" x="12" y="{height - 8}">events in the order they happened, as far as the '
                'report tells · solid arrow: happens-before · dashed: no happens-before</text>')
    return svg_wrap(width, height, "".join(body), f"{report['kind']} across {', '.join(lanes)}")


def report_svg(report, case, prefix):
    accesses = [s for s in report["sections"] if s["kind"] == "access" and s.get("access")]
    if family(report["kind"]) == "lock-order-inversion":
        return lock_order_svg(report, case, prefix)
    if family(report["kind"]) == "data race" and accesses:
        return race_svg(report, case, prefix)
    return generic_svg(report, case, prefix)


# ---------------------------------------------------------------------------------------------------- the site: pages

def template():
    return string.Template((SITE_SRC / "page.html").read_text())


def page(title, prefix, body, page_class):
    return template().substitute(title=esc(title), prefix=prefix, body=body, page_class=page_class)


def report_html(report, case, prefix):
    parts = [f'<div class="report"><p class="headline">WARNING: ThreadSanitizer: {esc(report["kind"])}</p>']
    for section in report["sections"]:
        title = section["title"] or "Stack:"
        parts.append(f'<div class="section s-{esc(section["kind"])}"><p class="stitle">{esc(title)}</p>')
        if section.get("frames"):
            parts.append('<ol class="frames">')
            for frame in section["frames"]:
                where = f"{relative(frame['file'])}:{frame['line']}" if frame.get("file") else "<null>"
                if frame.get("file") and frame.get("column"):
                    where += f":{frame['column']}"
                href = frame_href(frame, case, prefix)
                text = f'#{frame["index"]} {esc(frame["function"])} <span class="where">{esc(where)}</span>'
                cls = "in-case" if frame.get("in_case") else "outside"
                parts.append(f'<li class="{cls}">' + (f'<a class="frame-link" href="{esc(href)}">{text}</a>' if href else text) + "</li>")
            parts.append("</ol>")
        parts.append("</div>")
    parts.append(f'<p class="summary">{esc(report["summary"])}</p></div>')
    return "".join(parts)


def verdict_badge(outcome):
    return f'<span class="verdict v-{esc(outcome.replace(" ", "-"))}">{esc(outcome)}</span>'


def matrix_entry(matrix, case):
    """The case's entry of build/matrix/matrix.json, keyed by its name (or its source path)."""
    entry = matrix.get(case.name) or matrix.get(f"cases/{case.name}.c") or {}
    return entry if isinstance(entry, dict) else {}


def matrix_row(matrix, case):
    entry = matrix_entry(matrix, case)
    if not entry:
        return ""
    heads, cells = [], []
    for toolchain in sorted(entry):
        heads.append(f"<th>{esc(toolchain)}</th>")
        levels = entry[toolchain] if isinstance(entry[toolchain], dict) else {}
        items = []
        for level in sorted(levels):
            info = levels[level] if isinstance(levels[level], dict) else {}
            reported = info.get("reported") or []
            verdict = str(info.get("verdict", "?"))
            what = ", ".join(map(str, reported)) if reported else "nothing"
            cls = "yes" if reported else "no"
            items.append(f'<span class="mx {cls}" title="verdict: {esc(verdict)}">{esc(level)}: {esc(what)} '
                         f'{verdict_badge(verdict)}</span>')
        cells.append("<td>" + "<br>".join(items) + "</td>")
    return ('<section id="toolchains"><h2>Which toolchains report it</h2><table class="matrix"><tr>' + "".join(heads) +
            "</tr><tr>" + "".join(cells) + "</tr></table></section>")


def twins_html(case, marks_of):
    """The mistake and its fix side by side, aligned by difflib, changed rows marked."""
    bug, fix = (case, case.twin) if case.role == "bug" else (case.twin, case)
    left, right = bug.lines[bug.code_start - 1:], fix.lines[fix.code_start - 1:]
    left_html, right_html = highlight_c(bug.lines)[bug.code_start - 1:], highlight_c(fix.lines)[fix.code_start - 1:]
    rows = []
    matcher = difflib.SequenceMatcher(None, [l.strip() for l in left], [l.strip() for l in right], autojunk=False)
    bug_marks, fix_marks = marks_of(bug), marks_of(fix)

    def cell(side_html, n, first, marks, which):
        if n is None:
            return '<td class="ln"></td><td class="src empty"></td>'
        number = first + n
        cls = " ".join(marks.get(number, ([], []))[0])
        return f'<td class="ln">{number}</td><td class="src {cls}" id="{which}-L{number}">{side_html[n] or " "}</td>'

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(max(i2 - i1, j2 - j1)):
            i = i1 + k if i1 + k < i2 else None
            j = j1 + k if j1 + k < j2 else None
            cls = "same" if tag == "equal" else "changed"
            rows.append(f'<tr class="{cls}">{cell(left_html, i, bug.code_start, bug_marks, "bug")}'
                        f'{cell(right_html, j, fix.code_start, fix_marks, "fix")}</tr>')
    head = (f'<tr><th colspan="2"><a href="{bug.stem}.html">the mistake: {esc(bug.name)}</a></th>'
            f'<th colspan="2"><a href="{fix.stem}.html">the fix: {esc(fix.name)}</a></th></tr>')
    return ('<section id="twins"><h2>The mistake and its fix</h2><p class="hint">Rows that differ are tinted; '
            'the rest is the same program.</p><table class="sbs">' + head + "".join(rows) + "</table></section>")


def case_page(case, result, reports, level, matrix, marks_of):
    prefix = "../"
    marks = marks_of(case)
    body = [f'<nav class="crumbs"><a href="{prefix}index.html">Casebook</a> / '
            f'<a href="{prefix}index.html#folder={esc(case.folder)}">{esc(case.folder)}</a> / {esc(case.stem)}</nav>',
            f'<h1>{esc(case.title)} <span class="case-name">{esc(case.name)}.c</span></h1>']
    outcome, detail = verdict_phrase(result, reports)
    body.append(f'<p class="verdict-line">{verdict_badge(outcome)} {esc(detail)} '
                f'<span class="muted">({esc(case.toolchain)}, -{esc(level)})</span></p>')
    if case.twin:
        which = "the fix" if case.role == "bug" else "the mistake"
        body.append(f'<p class="twin-link">Twin: <a href="{esc(case.twin.stem)}.html">{which}, '
                    f'{esc(case.twin.name)}</a> (<a href="#twins">side by side</a>)</p>')
    body.append(f'<section id="lesson"><h2>The lesson</h2><p class="lesson">{inline_code(case.lesson)}</p></section>')
    markers = result.get("markers") or markers_from_source(case)
    if markers:
        items = []
        for marker in markers:
            what = "no report" if marker["kind"] == "none" else esc(marker["kind"])
            where = f' at <a href="#L{marker["line"]}">line {marker["line"]}</a>' if marker["kind"] != "none" else ""
            sel = f' <span class="muted">[{esc(marker["toolchains"])}]</span>' if marker.get("toolchains") else ""
            note = f' — {inline_code(marker["note"])}' if marker.get("note") else ""
            off = "" if marker.get("applies", True) else ' class="inactive"'
            items.append(f"<li{off}><b>{what}</b>{where}{sel}{note}</li>")
        body.append('<section id="markers"><h2>What the markers expect</h2><ul>' + "".join(items) + "</ul></section>")
    notes = diagnostics_text(result)
    if notes:
        body.append('<ul class="diagnostics">' + "".join(f"<li>{inline_code(n)}</li>" for n in notes) + "</ul>")
    if matrix:
        body.append(matrix_row(matrix, case))
    if reports:
        body.append('<section id="diagram"><h2>What TSan saw</h2>')
        body += [f'<figure>{report_svg(r, case, prefix)}</figure>' for r in reports]
        body.append("</section>")
    body.append('<section id="code"><h2>The code</h2><p class="hint"><span class="key marked">marked</span> '
                '<span class="key racing">the line a report is about</span> <span class="key frame">'
                'other frames in this file</span></p>')
    body.append(code_listing(highlight_c(case.lines), marks))
    body.append("</section>")
    if reports:
        body.append('<section id="report"><h2>The report</h2><p class="hint">Each frame in this file links to its '
                    'line; frames in <code>casebook.h</code> to its page.</p>')
        body += [report_html(r, case, prefix) for r in reports]
        body.append('<details><summary>as text (normalized)</summary><pre class="normalized">' +
                    esc("\n".join(r["text"] for r in reports)) + "</pre></details></section>")
    if case.twin:
        body.append(twins_html(case, marks_of))
    stdout = (result.get("run") or {}).get("stdout")
    if stdout:
        body.append(f'<details class="output"><summary>the program\'s output (one run)</summary><pre>{esc(stdout)}'
                    "</pre></details>")
    return page(f"{case.name}: {case.title}", prefix, "\n".join(body), "case")


def index_page(cases, results, reports, toolchain, level, matrix):
    folders = sorted({c.folder for c in cases})
    kinds = sorted({family(r["kind"]) for c in cases for r in reports[c.name]})
    rows = []
    for case in cases:
        result = results[case.name]
        outcome = result.get("outcome", "unknown")
        case_kinds = list(dict.fromkeys(family(r["kind"]) for r in reports[case.name]))
        if not case_kinds and outcome not in ("skipped", "not built", "cannot check"):
            case_kinds = ["no report"]
        expects = list(dict.fromkeys(("no report" if m["kind"] == "none" else family(m["kind"]))
                                     for m in (result.get("markers") or markers_from_source(case))
                                     if m.get("applies", True)))
        search = " ".join([case.name, case.title, case.lesson] + case_kinds).lower()
        twin = (f'<a href="{esc(case.twin.page)}">{"fix" if case.role == "bug" else "bug"}</a>' if case.twin else "")
        tool_cell = ""
        if matrix:
            entry = matrix_entry(matrix, case)
            reporting = [t for t, levels in sorted(entry.items()) if isinstance(levels, dict) and
                         any(isinstance(v, dict) and v.get("reported") for v in levels.values())]
            shown = ", ".join(reporting) or ("none" if entry else "not in the matrix")
            tool_cell = f'<td class="tools">{esc(shown)}</td>'
        rows.append(f'<tr class="case-row" data-page="{esc(case.page)}" data-folder="{esc(case.folder)}" '
                    f'data-kinds="{esc("|".join(case_kinds))}" '
                    f'data-search="{esc(search)}"><td class="folder">{esc(case.folder)}</td>'
                    f'<td><a class="case-link" href="{esc(case.page)}">{esc(case.stem)}</a>'
                    f'<div class="gist">{inline_code(case.summary)}</div></td>'
                    f'<td>{esc(", ".join(expects))}</td><td>{esc(", ".join(case_kinds) or "—")}</td>'
                    f'<td>{verdict_badge(outcome)}</td><td>{twin}</td>{tool_cell}</tr>')
    folder_options = "".join(f'<option value="{esc(f)}">{esc(f)}</option>' for f in folders)
    kind_options = "".join(f'<option value="{esc(k)}">{esc(k)}</option>' for k in kinds + ["no report"])
    tool_head = "<th>toolchains reporting</th>" if matrix else ""
    body = f"""<h1>The casebook</h1>
<p class="intro">{len(cases)} small C programs, each one synchronization mistake or its fix, with what ThreadSanitizer
reported when it ran ({esc(toolchain)}, -{esc(level)}). Open a case for its code, report and diagram.</p>
<form class="filters" id="filters" onsubmit="return false">
<label>Search <input type="search" id="search" placeholder="name, lesson, report kind" autocomplete="off"></label>
<label>Folder <select id="folder"><option value="">all folders</option>{folder_options}</select></label>
<label>Report <select id="kind"><option value="">any report</option>{kind_options}</select></label>
<span id="shown" class="muted"></span>
</form>
<table class="cases" id="cases"><thead><tr><th>folder</th><th>case</th><th>expects</th><th>TSan reported</th>
<th>verdict</th><th>twin</th>{tool_head}</tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table>
<p class="muted">Also: <a href="casebook.h.html">casebook.h</a>, the scaffolding every case includes.</p>"""
    return page("tsan-casebook", "", body, "index")


def header_page():
    source = ROOT / "cases" / "casebook.h"
    lines = source.read_text(errors="replace").splitlines()
    body = ('<nav class="crumbs"><a href="index.html">Casebook</a> / casebook.h</nav><h1>casebook.h '
            '<span class="case-name">cases/casebook.h</span></h1><p class="lesson">The only scaffolding the cases '
            'share. Report frames in this file link here.</p>' +
            code_listing(highlight_c(lines), {}))
    return page("casebook.h", "", body, "case")


def write_site(site, cases, results, reports, toolchain, level, matrix):
    staging = pathlib.Path(tempfile.mkdtemp(prefix=".site-", dir=site.parent))
    try:
        for asset in ("casebook.css", "casebook.js"):
            shutil.copyfile(SITE_SRC / asset, staging / asset)
        marks_cache = {}

        def marks_of(case):
            if case.name not in marks_cache:
                marks_cache[case.name] = highlights(case, results[case.name], reports[case.name])
            return marks_cache[case.name]

        (staging / "index.html").write_text(index_page(cases, results, reports, toolchain, level, matrix))
        if (ROOT / "cases" / "casebook.h").exists():
            (staging / "casebook.h.html").write_text(header_page())
        for case in cases:
            (staging / case.folder).mkdir(exist_ok=True)
            (staging / case.page).write_text(case_page(case, results[case.name], reports[case.name], level, matrix,
                                                       marks_of))
        if site.exists():
            shutil.rmtree(site)
        os.replace(staging, site)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


# ---------------------------------------------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description="The catalog and the site, from the cases and their real runs.")
    parser.add_argument("--build-dir", type=pathlib.Path, default=ROOT / "build" / "default")
    parser.add_argument("--verify", type=pathlib.Path, help="tsan-verify (default: BUILD_DIR/harness/tsan-verify)")
    parser.add_argument("--level", help="the manifest's optimization level, for the text (default: from its paths)")
    parser.add_argument("--catalog", type=pathlib.Path, default=ROOT / "docs" / "catalog.md")
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "docs" / "site")
    parser.add_argument("--matrix", type=pathlib.Path, default=ROOT / "build" / "matrix" / "matrix.json")
    parser.add_argument("--check", action="store_true", help="compare with the committed catalog, write nothing")
    parser.add_argument("--no-site", action="store_true")
    parser.add_argument("--no-catalog", action="store_true")
    parser.add_argument("--reuse-runs", action="store_true")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--retries", type=int, default=60,
                        help="reruns in all to reproduce the catalog's text of cases whose report varies (default 60)")
    args = parser.parse_args()

    build_dir = args.build_dir.resolve()
    manifest = build_dir / "cases.manifest"
    verify = (args.verify or build_dir / "harness" / "tsan-verify").resolve()
    if not manifest.exists():
        fail(f"no {manifest}: configure and build first (cmake --preset default && cmake --build --preset default)")
    if not verify.exists():
        fail(f"no {verify}: build the harness first")
    cases = discover(manifest)
    toolchain = next((c.toolchain for c in cases if c.binary), "unknown")
    level = args.level or next((c.binary.parent.name for c in cases if c.binary), "O1")

    if args.check and args.catalog.exists():
        documented = CATALOG_TOOLCHAIN.search(args.catalog.read_text())
        if documented and (documented.group(1), documented.group(2)) != (toolchain, level):
            print(f"SKIP: {args.catalog.name} documents {documented.group(1)} -{documented.group(2)}, "
                  f"this build is {toolchain} -{level}")
            return 77

    results = run_all(cases, verify, build_dir, args.reuse_runs and not args.check, max(1, args.jobs))
    reports = {case.name: canonical_reports(results[case.name]) for case in cases}
    blocks = {case.name: render_case(case, results[case.name], reports[case.name], level) for case in cases}
    known = catalog_blocks(args.catalog.read_text()) if args.catalog.exists() else {}
    matched, _ = keep_known_variants(cases, results, reports, blocks, known,
                                     lambda case: run_case(case, verify, build_dir, False), level, args.retries)
    varying = f"; reports that vary between runs, matched on a rerun: {', '.join(matched)}" if matched else ""
    catalog = render_catalog(cases, blocks, toolchain, level)

    if args.check:
        with tempfile.NamedTemporaryFile("w", suffix=".md", prefix="catalog-", delete=False) as fresh:
            fresh.write(catalog)
        old = args.catalog.read_text() if args.catalog.exists() else ""
        if old == pathlib.Path(fresh.name).read_text():
            os.unlink(fresh.name)
            print(f"{relative(str(args.catalog))} is fresh ({len(cases)} cases{varying})")
            return 0
        print(f"{relative(str(args.catalog))} is stale{first_changed_case(old, catalog)}: regenerate it with "
              f"`cmake --build --preset default --target docs` (the fresh one: {fresh.name})")
        return 1
    if matched:
        print(f"gen-docs: kept the catalog's text{varying}", file=sys.stderr)

    if not args.no_catalog:
        args.catalog.write_text(catalog)
        print(f"gen-docs: wrote {relative(str(args.catalog))} ({len(cases)} cases)")
    if not args.no_site:
        matrix = {}
        if args.matrix.exists():
            try:
                matrix = json.loads(args.matrix.read_text())
            except ValueError as error:
                print(f"gen-docs: ignoring {args.matrix}: {error}", file=sys.stderr)
        args.site.mkdir(parents=True, exist_ok=True)
        write_site(args.site.resolve(), cases, results, reports, toolchain, level, matrix)
        print(f"gen-docs: wrote {relative(str(args.site / 'index.html'))} and {len(cases)} case pages")
    return 0


def first_changed_case(old, new):
    """' (first difference: in seed/no_lock)' from the headings above the first differing line."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for n, (a, b) in enumerate(zip(old_lines + [None], new_lines + [None])):
        if a != b:
            heading = next((l for l in reversed(new_lines[: n + 1]) if l.startswith("### ")), None)
            return f" (first difference at line {n + 1}" + (f", in {heading[4:].split(':')[0]})" if heading else ")")
    return ""


if __name__ == "__main__":
    sys.exit(main())
