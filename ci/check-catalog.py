#!/usr/bin/env python3
"""Checks the catalog itself (issue: the case catalog): every case has its header and markers, every header
names where its claim about the runtime, the C library or a standard can be read (its `Source:` line,
docs/CASES.md), every TSan report kind reachable from C is expected by at least one case, every STEM_bug.c has
its STEM_fixed.c twin (and back), and no two cases are the same program once comments and spacing are set aside.

usage: ci/check-catalog.py CASES_DIR    -- exit 0 when the catalog holds together, 1 with one line per problem."""
import hashlib
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from docsgen import sources  # noqa: E402 (the Source: grammar; standard library only)

KINDS = [
    "data race", "heap-use-after-free", "thread leak", "destroy of a locked mutex", "double lock of a mutex",
    "use of an invalid mutex", "unlock of an unlocked mutex", "read lock of a write locked mutex",
    "read unlock of a write locked mutex", "signal-unsafe call inside of a signal", "signal handler spoils errno",
    "lock-order-inversion", "race on external object", "mutex held in the wrong context",
]
MARKER = re.compile(r"//\s*expect-tsan(\[[^\]]*\])?:\s*(.*?)(\s+--\s.*)?$")
CANNOT_CHECK = re.compile(r"^[ \t]*//[ \t]*expect-cannot-check[ \t]*:", re.M)


def read_header(text, name):
    """(the number of sentences of the header's lesson, its Source: items), or None without a header; the Source:
    line is no sentence of the lesson. SourceError when the Source: line has an item no form of docs/CASES.md
    reads."""
    inside, items = sources.split_header(text, name)
    if not re.match(r"\s*/\*", text):
        return None
    prose = re.sub(r"\s*\n\s*\*?\s*", " ", inside).strip()
    return len(re.findall(r"[.!?](\s|$)", prose)), [item for item, _ in items]


def source_problem(name, items):
    """Why a header's Source: line falls short of docs/CASES.md, or None. Every header explains what TSan says
    or why it stays silent, so every header names where that can be read, or says `measured only` where no
    source can."""
    if items:
        return None
    return (f"{name}:1: the header has no Source: line; name where its claim about the runtime, the C library or a "
            f"standard can be read (docs/CASES.md), or write `Source: measured only` where no source can")


def program_fingerprint(text):
    code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    code = re.sub(r"//[^\n]*", "", code)
    return hashlib.sha256(re.sub(r"\s+", "", code).encode()).hexdigest()


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "cases")
    cases = sorted(p for p in root.glob("*/*.c"))
    problems, expected_kinds, fingerprints, measured_only = [], set(), {}, 0
    for case in cases:
        text = case.read_text(errors="replace")
        name = case.relative_to(root)
        try:
            header = read_header(text, name)
        except sources.SourceError as error:
            problems.append(str(error))
            header = False
        if header is None:
            problems.append(f"{name}:1: no header comment (the mistake or the fix, and what TSan says)")
        elif header is not False:
            sentences, items = header
            if not 2 <= sentences <= 6:
                problems.append(f"{name}:1: the header has {sentences} sentences; a lesson takes 2 to 5")
            if problem := source_problem(name, items):
                problems.append(problem)
            measured_only += sources.MEASURED_ONLY in items
        kinds = [m.group(2).strip() for line in text.splitlines() if (m := MARKER.search(line))]
        # A case about a reason the harness cannot check the program expects that reason instead of a report
        # (docs/MARKERS.md, expect-cannot-check); every other case says what TSan reports.
        if not kinds and not CANNOT_CHECK.search(text):
            problems.append(f"{name}:1: no expect-tsan marker")
        for kind in kinds:
            for known in KINDS:
                if known.startswith(kind) or kind.startswith(known):
                    expected_kinds.add(known)
        fingerprint = program_fingerprint(text)
        if fingerprint in fingerprints:
            problems.append(f"{name}:1: the same program as {fingerprints[fingerprint]}")
        fingerprints.setdefault(fingerprint, name)
        stem = case.stem
        for mine, twin in (("_bug", "_fixed"), ("_fixed", "_bug")):
            if stem.endswith(mine):
                partner = case.with_name(stem[: -len(mine)] + twin + ".c")
                if not partner.exists():
                    problems.append(f"{name}:1: no twin {partner.relative_to(root)}")
    for kind in KINDS:
        if kind not in expected_kinds:
            problems.append(f"{root}: no case expects '{kind}'")
    for problem in problems:
        print(problem)
    print(f"{len(cases)} cases ({measured_only} measured only), {len(expected_kinds)}/{len(KINDS)} report kinds "
          f"expected, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
