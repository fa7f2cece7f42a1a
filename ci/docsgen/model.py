"""The model the pages and the catalog are drawn from: the cases (lesson, code, markers), the role each plays
(read from its content), the path through them, and their reports in the two forms the docs show."""
import os
import pathlib
import re
import sys

from . import sources

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
SITE_SRC = ROOT / "docs" / "site-src"

KINDS = [
    "data race", "heap-use-after-free", "thread leak", "destroy of a locked mutex", "double lock of a mutex",
    "use of an invalid mutex", "unlock of an unlocked mutex", "read lock of a write locked mutex",
    "read unlock of a write locked mutex", "signal-unsafe call inside of a signal", "signal handler spoils errno",
    "lock-order-inversion", "race on external object", "mutex held in the wrong context",
]
THREAD_NAME = re.compile(r"(?<=[Tt]hread )T(\d+)\b")
# The number a descriptor gets is the lowest one free (POSIX open(), pipe()): it depends on the descriptors the
# process inherited from whoever started it, so the catalog's stable text shows it as N.
DESCRIPTOR = re.compile(r"\b(file descriptor) \d+\b")
TSAN_MARKER = re.compile(r"//\s*expect-tsan(?:\[([^\]]*)\])?:\s*(.*?)(?:\s+--\s+(.*))?\s*$")
BUG_MARKER = re.compile(r"//\s*expect-bug(?:\[([^\]]*)\])?:\s*(.*?)(?:\s+--\s+(.*))?\s*$")
ENDING_VALUE = re.compile(r"Ending value is (\d+)\.")
LESSON_UPDATES = 3          # casebook.h's run_lesson: "First", "Second", "Third"

# Each role: what the title says after the case's name, the badge, and what a twin link calls a case of it.
ROLES = {
    "mistake": ("the mistake", "mistake", "the mistake"),
    "fix": ("the fix", "fix", "the fix"),
    "false-positive": ("correct code TSan flags", "TSan false positive", "the correct code TSan flags"),
    "rewrite": ("the same, in a form TSan can follow", "TSan can follow it", "the form TSan can follow"),
    "miss": ("a bug TSan misses", "TSan miss", "the bug TSan misses"),
    "tool": ("how TSan behaves", "how the tool behaves", "how TSan behaves"),
}
BUGGY_ROLES = ("mistake", "miss")
SLEEP_NOTE = ("TSan noticed that this thread slept after the other access; it says so because a sleep can make a "
              "race look ordered. A sleep orders nothing: the race stands. See `As if synchronized via sleep`.")


class CannotGenerate(Exception):
    """A problem that stops the docs: the message names the file (and line) it is about."""


def warn(message):
    print(f"gen-docs: {message}", file=sys.stderr)


def family(kind):
    """A report headline reduced to the marker vocabulary (KINDS): 'race on Store' is a race on external object."""
    for known in KINDS:
        if kind.startswith(known):
            return known
    if kind.startswith("race on "):
        return "race on external object"
    return kind


def relative(path):
    clean = os.path.normpath(path)
    root = str(ROOT) + os.sep
    return clean[len(root):] if clean.startswith(root) else clean


def parse_header(text, name="the case"):
    """The header comment as one paragraph without its Source: line, the 1-based line where the code after it
    starts, and the Source: items as [(item, link)] (sources.split_header; CannotGenerate on a malformed one)."""
    match = re.match(r"\s*/\*(.*?)\*/[ \t]*\n?", text, re.S)
    if not match:
        return "", 1, []
    try:
        inside, cited = sources.split_header(text, name)
    except sources.SourceError as error:
        raise CannotGenerate(str(error))
    prose = re.sub(r"\s*\n\s*\*?[ \t]?", " ", inside).strip()
    code_start = text[: match.end()].count("\n") + 1
    return re.sub(r"\s+", " ", prose), code_start, cited


def applied_line(lines, number):
    """The line a marker on line `number` is about: its own when it trails code; when it stands alone, the next
    line holding code (docs/MARKERS.md; blank, `//` and preprocessor lines are skipped: the harness's own reading
    is the authority, this is the docs' approximation of it)."""
    if not lines[number - 1].lstrip().startswith("//"):
        return number
    for later in range(number + 1, len(lines) + 1):
        text = lines[later - 1].strip()
        if text and not text.startswith(("//", "#")):
            return later
    return number


def source_markers(lines, pattern):
    """(line, kind, note, selector) for each marker of `pattern` in the source; `line` is the line it applies to."""
    out = []
    for number, line in enumerate(lines, 1):
        match = pattern.search(line)
        if match:
            out.append({"line": applied_line(lines, number), "kind": match.group(2).strip(), "note": match.group(3),
                        "toolchains": match.group(1), "applies": True})
    return out


class Case:
    def __init__(self, name, source, binary, toolchain):
        self.name = name                                   # "seed/no_lock"
        self.folder, self.stem = name.split("/", 1)
        self.source = pathlib.Path(source)
        self.binary = pathlib.Path(binary) if binary else None
        self.toolchain = toolchain
        self.text = self.source.read_text(errors="replace")
        self.lines = self.text.splitlines()
        self.lesson, self.code_start, self.sources = parse_header(self.text, relative(str(self.source)))
        self.suffix = "bug" if self.stem.endswith("_bug") else "fixed" if self.stem.endswith("_fixed") else None
        self.base = re.sub(r"_(bug|fixed)$", "", self.stem)
        first = re.match(r"(.+?[.!?])(\s|$)", self.lesson)
        self.summary = first.group(1) if first else self.lesson
        self.anchor = self.name.replace("/", "-")
        self.page = f"{self.folder}/{self.stem}.html"      # relative to the site's root
        self.bug_markers = source_markers(self.lines, BUG_MARKER)
        self.role, self.role_reason = "tool", ""
        self.twins = []                                    # [(Case, how this page names it)]
        self.markers = source_markers(self.lines, TSAN_MARKER)

    @property
    def title(self):
        words = self.base.replace("_", " ")
        return f"{words[:1].upper()}{words[1:]}: {ROLES[self.role][0]}"

    @property
    def badge(self):
        return ROLES[self.role][1]

    @property
    def twin(self):
        """The case shown side by side with this one (the first twin), or None."""
        return self.twins[0][0] if self.twins else None


def read_manifest(path):
    rows = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < 4:
            raise CannotGenerate(f"{path}:{number}: expected NAME, BINARY, SOURCE, TOOLCHAIN separated by tabs")
        rows.append(tuple(fields[:4]))
    return rows


def discover(manifest):
    """Every case the manifest names (built) and every cases/*/*.c it does not (listed as not built)."""
    rows = read_manifest(manifest)
    known = {name for name, *_ in rows}
    toolchain = rows[0][3] if rows else "unknown"
    cases = []
    for name, binary, source, tc in rows:
        if pathlib.Path(source).exists():
            cases.append(Case(name, source, binary, tc))
        else:
            warn(f"{name}: {source} is gone (the manifest is older than the cases); left out")
    for source in sorted((ROOT / "cases").glob("*/*.c")):
        name = f"{source.parent.name}/{source.stem}"
        if name not in known:
            warn(f"{name} is not in {manifest} (reconfigure and build first); listed as not built")
            cases.append(Case(name, source, None, toolchain))
    return cases


# ---------------------------------------------------------------------------------------------------- roles

def applying(markers):
    return [m for m in markers if m.get("applies", True)]


def note_says(markers, word):
    return next((m for m in applying(markers) if (m.get("note") or "").lower().startswith(word)), None)


def lost_update(case, result):
    """A lesson run that ended below three updates lost one: the program's own output shows the bug."""
    if case.folder != "seed":
        return None
    match = ENDING_VALUE.search((result.get("run") or {}).get("stdout") or "")
    return int(match.group(1)) if match and int(match.group(1)) < LESSON_UPDATES else None


def role_of(case, result, fix_targets):
    """(role, why) from the case's content: ground-truth markers first (`expect-bug: none`, the program is
    correct; `expect-bug: KIND`, a real bug TSan misses, docs/MARKERS.md), then the notes of its expect-tsan
    markers (false positive, misses), then its file name, then what the lesson's run printed."""
    markers = case.markers
    expects_report = any(m["kind"] != "none" for m in applying(markers))
    real_reports = [m for m in applying(markers) if m["kind"] != "none" and
                    not (m.get("note") or "").lower().startswith("false positive")]
    bugs = [m for m in case.bug_markers if m["kind"] != "none"]
    if bugs:
        kinds = ", ".join(dict.fromkeys(m["kind"] for m in bugs))
        if real_reports and {m["line"] for m in bugs} <= {m["line"] for m in real_reports}:
            return "mistake", (f"TSan reports the real bug its `expect-bug: {kinds}` marker names (a toolchain or "
                               "level that misses it is named by the markers).")
        if real_reports:
            return "mistake", (f"TSan reports a real bug here; its `expect-bug: {kinds}` marker names another "
                               "that TSan misses.")
        return "miss", f"Its `expect-bug: {kinds}` marker names a real bug, and TSan does not report it."
    if case.bug_markers and expects_report:
        return "false-positive", ("Its `expect-bug: none` marker says the program is correct, and TSan reports "
                                  "it anyway.")
    marker = note_says(markers, "false positive")
    if marker:
        return "false-positive", f"The note on its marker at line {marker['line']} says: {marker['note']}."
    marker = note_says(markers, "misses")
    if marker:
        return "miss", f"The note on its marker says: {marker['note']}."
    if case.suffix == "bug":
        return "mistake", "Its name ends in `_bug`."
    if case.suffix == "fixed":
        return "fix", "Its name ends in `_fixed`."
    ending = lost_update(case, result)
    if ending is not None and not expects_report:
        return "miss", f"The run ends at {ending}, not {LESSON_UPDATES} (an update was lost), and TSan reports nothing."
    if case.folder == "seed" and expects_report:
        return "mistake", "It expects a report, and the path names its fixes."
    if case.stem in fix_targets:
        return "fix", "It expects no report, and the path names it as the fix of a seed mistake."
    return "tool", "It is neither a `_bug` nor a `_fixed` case: it shows what TSan does."


def assign_roles(cases, results, path):
    """Each case's role, and its twins: STEM_bug/STEM_fixed pairs, and the seed pairs the path names."""
    by_name = {case.name: case for case in cases}
    seed_fixes = (path.get("seed") or {}).get("fixes") or {}
    fix_targets = {stem for fixes in seed_fixes.values() for stem in fixes}
    for case in cases:
        if results.get(case.name, {}).get("markers"):
            case.markers = results[case.name]["markers"]
        case.role, case.role_reason = role_of(case, results.get(case.name, {}), fix_targets)
    for case in cases:
        if case.suffix:
            other = by_name.get(f"{case.folder}/{case.base}_{'fixed' if case.suffix == 'bug' else 'bug'}")
            if other:
                case.twins.append((other, None))
    for mistake, fixes in seed_fixes.items():
        bug = by_name.get(f"seed/{mistake}")
        for stem in fixes:
            fix = by_name.get(f"seed/{stem}")
            if bug and fix:
                bug.twins.append((fix, None))
                fix.twins.append((bug, None))
            else:
                warn(f"path.yaml: seed pair {mistake} -> {stem} names a case that does not exist; left out")
    for case in cases:
        if case.role == "fix" and case.twin and case.twin.role == "false-positive":
            case.role = "rewrite"
            case.role_reason = (f"Its twin {case.twin.name} is correct code TSan flags; this one says the same in a "
                                "form TSan can follow.")
    for case in cases:
        case.twins = [(other, twin_phrase(case, other)) for other, _ in case.twins]


def twin_phrase(case, other):
    if other.role == "fix" and case.role in BUGGY_ROLES:
        return "the fix"
    if other.role in BUGGY_ROLES and case.role == "fix":
        return "the mistake it fixes" if other.role == "mistake" else "the bug it fixes (TSan misses it)"
    return ROLES[other.role][2]


# ---------------------------------------------------------------------------------------------------- the path

def teaching_order(cases, path):
    """The cases in the order the path walks them: folders as path.yaml lists them (others before limits/,
    alphabetically), seed/ in its stated order, a folder with an `order:` of its own (names without _bug/_fixed)
    in that order and the cases it does not name after them; elsewhere by name, each mistake before its fix."""
    folders = [entry["name"] for entry in path.get("folders") or []]
    present = list(dict.fromkeys(sorted(case.folder for case in cases)))
    unnamed = [f for f in present if f not in folders]
    order = [f for f in folders if f != "limits"] + unnamed + (["limits"] if "limits" in folders else [])
    order = [f for f in order if f in present]
    stated = (path.get("seed") or {}).get("order") or []
    for stem in stated:
        if not any(c.name == f"seed/{stem}" for c in cases):
            warn(f"path.yaml: seed/{stem} does not exist; left out of the path")

    named = {entry["name"]: entry.get("order") or [] for entry in path.get("folders") or []}
    for folder, bases in named.items():
        for base in bases:
            if not any(c.folder == folder and c.base == base for c in cases):
                warn(f"path.yaml: {folder}/{base} names no case; left out of the path")

    def key(case):
        if case.folder == "seed" and case.stem in stated:
            rank = stated.index(case.stem)
        elif case.base in named.get(case.folder, []):
            rank = named[case.folder].index(case.base)
        else:
            rank = len(stated) + len(named.get(case.folder, []))
        return (order.index(case.folder), rank, case.base, {"bug": 0, None: 1, "fixed": 2}[case.suffix])

    return sorted(cases, key=key)


def folder_intros(path):
    return {entry["name"]: entry.get("intro", "") for entry in path.get("folders") or []}


# ---------------------------------------------------------------------------------------------------- reports

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


def renumbering(text):
    """Worker threads renumbered in order of first mention (T0, the main thread, keeps its name): two workers
    that swap roles from run to run give the same text. Returns {run's number: shown number}."""
    seen = []
    for match in THREAD_NAME.finditer(text):
        number = int(match.group(1))
        if number and number not in seen:
            seen.append(number)
    return dict(zip(seen, sorted(seen)))


def rename(text, mapping):
    if not text or not mapping:
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


def split_normalized(result):
    chunks = [c for c in re.split(r"^==================\n?", result.get("normalized") or "", flags=re.M) if c.strip()]
    reports = result.get("reports") or []
    if len(chunks) != len(reports):
        chunks = ["\n".join(r.get("summary", "") for r in reports)] * len(reports)
    return chunks


def reports_of(result, renumber):
    """The reports in a fixed order (by the line they are about), each with its normalized text (SUMMARY rebuilt
    from the raw line) and parsed sections. With `renumber`, worker threads are renumbered in order of first
    mention (the catalog's stable text) and `renamed` says how; without, the names are the run's own."""
    out = []
    for chunk, report in zip(split_normalized(result), result.get("reports") or []):
        lines = chunk.rstrip("\n").split("\n")
        lines = [clean_summary(report["summary"]) if line.startswith("SUMMARY: ") else line for line in lines]
        text = "\n".join(lines) + "\n=================="
        mapping = renumbering(text) if renumber else {}
        sections = []
        for section in report["sections"]:
            section = dict(section)
            section["title"] = rename(scrub_title(section.get("title") or ""), mapping)
            if section.get("access"):
                section["access"] = dict(section["access"], thread=rename(section["access"]["thread"], mapping))
            sections.append(section)
        workers = sorted(mapping)
        shown = rename(text, mapping)
        descriptors = bool(DESCRIPTOR.search(shown))
        if renumber:
            shown = DESCRIPTOR.sub(r"\1 N", shown)
            for section in sections:
                section["title"] = DESCRIPTOR.sub(r"\1 N", section["title"])
        out.append({"kind": report["kind"], "family": family(report["kind"]), "text": shown,
                    "descriptors": renumber and descriptors,
                    "sections": sections, "line": report_line(report),
                    "summary": rename(clean_summary(report["summary"]), mapping),
                    "renamed": {f"T{k}": f"T{v}" for k, v in mapping.items() if k != v},
                    "workers": [f"T{n}" for n in workers]})
    out.sort(key=lambda r: (r["line"] if r["line"] is not None else 1 << 30, r["text"]))
    return out


def diagnostics_text(result):
    out = []
    for diagnostic in result.get("diagnostics") or []:
        message = diagnostic.get("message", "")
        message = rename(re.sub(r"/[^\s:()]+", lambda m: relative(m.group(0)), message), renumbering(message))
        # A process's number changes from run to run; the page says which process, not which number it had.
        message = re.sub(r"==\d+==", "==N==", re.sub(r"\b(pid|process) \d+\b", r"\1 N", message))
        where = f"line {diagnostic['line']}: " if diagnostic.get("line") else ""
        out.append(where + message)
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


# ---------------------------------------------------------------------------------------------------- report parts

# The parts of a TSan report the anatomy page explains, in the order a report prints them.
PARTS = ["headline", "access", "stack", "previous", "mutexes", "sleep", "location", "thread", "lock-order",
         "summary"]


def section_parts(section):
    """The anatomy parts (PARTS) one parsed section shows."""
    kind = section["kind"]
    parts = []
    if kind == "access" or (kind == "other" and section.get("title", "").startswith(("Modifying", "Previous"))):
        previous = (section.get("access") or {}).get("previous") or section.get("title", "").startswith("Previous")
        parts.append("previous" if previous else "access")
        if (section.get("access") or {}).get("mutexes") or "(mutexes:" in section.get("title", ""):
            parts.append("mutexes")
    elif kind == "mutex-creation":
        parts.append("mutexes")
    elif kind == "sleep":
        parts.append("sleep")
    elif kind == "location":
        parts.append("location")
    elif kind == "thread-creation":
        parts.append("thread")
    elif kind in ("lock-acquire", "lock-cycle"):
        parts.append("lock-order")
    if section.get("frames"):
        parts.append("stack")
    return parts


def report_parts(report):
    seen = ["headline"]
    for section in report["sections"]:
        seen += section_parts(section)
    seen.append("summary")
    return [part for part in PARTS if part in seen]
