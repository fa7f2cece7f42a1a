"""The exercise on each case page and its line in the answer key (issue 24): the questions a class can answer
from the code alone, and the answers, drawn from what the case is (its role, its markers, its twin) and from
what its run reported; nothing is written per case by hand.

The questions, by what the case is:
  - every case: "Which line will TSan name, and which kind?" when its markers expect a report, else
    "Will TSan say anything?" (the markers are the case's own claim of what TSan says);
  - a mistake (or correct code TSan flags) with a twin: "What is the smallest change that fixes it?" (or that
    lets TSan follow it), answered by the lines the twin changes;
  - a bug TSan misses: "What does TSan miss here, and why?", answered by its `expect-bug` markers and notes;
  - correct code TSan flags: "Why does TSan report this correct code?", answered by its markers' notes."""
import difflib

from .highlight import code_lines
from .phrases import PHRASES
from .scaffolding import header_functions, scaffolding_calls
from .model import BUGGY_ROLES, applying
from .translation import ENGLISH

WHICH_LINE = PHRASES["exercise.which-line"]
ANYTHING = PHRASES["exercise.anything"]
SMALLEST_FIX = PHRASES["exercise.smallest-fix"]
SMALLEST_REWRITE = PHRASES["exercise.smallest-rewrite"]
WHAT_MISSED = PHRASES["exercise.what-missed"]
WHY_FLAGGED = PHRASES["exercise.why-flagged"]


def expects_report(case):
    return any(m["kind"] != "none" for m in applying(case.markers))


def reported(reports):
    """[(kind, line or None)] once each, in the order the page shows the reports."""
    seen = []
    for report in reports:
        item = (report["kind"], report["line"])
        if item not in seen:
            seen.append(item)
    return seen


def change(first, second):
    """What turns `first` into `second` (their code after the header comment, comments and casebook.h's scaffolding
    left out: a marker, a note or a turn-taking call is not part of the fix, scaffolding.py), as hunks of removed and added lines, each (line number, code); lines that
    differ only in indentation are the same line."""
    a_lines = code_lines(first.text)[first.code_start - 1:]
    b_lines = code_lines(second.text)[second.code_start - 1:]
    functions = header_functions()
    a_code = [(first.code_start + i, line) for i, line in enumerate(a_lines)
              if line.strip() and not scaffolding_calls(line, functions)]
    b_code = [(second.code_start + j, line) for j, line in enumerate(b_lines)
              if line.strip() and not scaffolding_calls(line, functions)]
    matcher = difflib.SequenceMatcher(None, [l.strip() for _, l in a_code], [l.strip() for _, l in b_code],
                                      autojunk=False)
    hunks = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            hunks.append({"removed": a_code[i1:i2], "added": b_code[j1:j2]})
    return hunks


def fixing_twin(case):
    """The twin whose difference is the answer to "the smallest change", or None."""
    if case.role not in BUGGY_ROLES + ("false-positive",):
        return None
    wanted = ("fix",) if case.role in BUGGY_ROLES else ("rewrite", "fix")
    return next((other for other, _ in case.twins if other.role in wanted), None)


def exercise_of(case, reports, outcome, detail, tr=ENGLISH):
    """{"questions": [{"key", "ask", "answer": {...}}]} for the case page and the answer key. Each answer
    carries what the page reveals on demand: the reports (kind, line), the markers, the verdict; and the
    twin's change or the missed bug where the question asks for them. `tr` asks in its language (the case, then,
    is that language's view of it: its notes and reasons translated)."""
    markers = applying(case.markers)
    verdict = {"outcome": outcome, "detail": detail, "toolchain": case.toolchain}
    first = {"key": "predict", "ask": tr.phrase("exercise.which-line" if expects_report(case) else "exercise.anything"),
             "answer": {"reported": reported(reports), "markers": markers, "verdict": verdict}}
    questions = [first]
    twin = fixing_twin(case)
    if twin is not None:
        questions.append({"key": "fix", "ask": tr.phrase("exercise.smallest-fix" if case.role in BUGGY_ROLES
                                                         else "exercise.smallest-rewrite"),
                          "answer": {"twin": twin, "hunks": change(case, twin)}})
    if case.role == "miss":
        missed = [m for m in case.bug_markers if m["kind"] != "none"]
        notes = [m for m in markers if (m.get("note") or "").lower().startswith("misses")]
        questions.append({"key": "missed", "ask": tr.phrase("exercise.what-missed"),
                          "answer": {"bugs": missed, "notes": notes, "why": case.role_reason}})
    elif case.role == "false-positive":
        notes = [m for m in markers if m.get("note")]
        questions.append({"key": "flagged", "ask": tr.phrase("exercise.why-flagged"),
                          "answer": {"bugs": [], "notes": notes, "why": case.role_reason}})
    return {"questions": questions}
