"""What twins share that is not the fix (issue 24, "honest diffs"): the scaffolding of cases/casebook.h. A line
whose code (comments left out, highlight.code_lines) is nothing but calls to functions casebook.h defines or
declares (say, pretend_to_work, the lesson's turn-taking, the invisible barrier, which orders nothing TSan can
see) is scaffolding: where one twin has it and the other does not, the side by side shows it untinted and named,
and the smallest change leaves it out. A line that differs only in its comments is no change either."""
import re

from .highlight import code_lines
from .model import ROOT

HEADER = ROOT / "cases" / "casebook.h"
DEFINED = re.compile(r"^(?!typedef\b)[A-Za-z_][\w \t*]*?\b([A-Za-z_]\w*)\s*\(")
CALL = re.compile(r"\s*([A-Za-z_]\w*)\s*\((?:[^;()]|\([^;()]*\))*\)\s*;")


def header_functions(header=HEADER):
    """The names of the functions casebook.h defines or declares (at the start of a line of its code)."""
    if not header.exists():
        return frozenset()
    names = set()
    for line in code_lines(header.read_text(errors="replace")):
        match = DEFINED.match(line)
        if match and match.group(1) not in ("if", "while", "for", "switch", "return", "sizeof"):
            names.add(match.group(1))
    return frozenset(names)


def scaffolding_calls(code, functions):
    """The casebook.h functions a line of code calls when that is all it does, else []."""
    rest, called = code.strip(), []
    while rest:
        match = CALL.match(rest)
        if not match or match.group(1) not in functions:
            return []
        called.append(match.group(1))
        rest = rest[match.end():].strip()
    return called
