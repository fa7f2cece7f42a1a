"""The page from the Python lesson to C (issue 24): the seed's Python (docs/site-src/python.yaml), a few lines at a
time, beside the lines of the seed cases that retell it, and what changes. Each C line is found in its case by its
text, so the page links the line where it is today; a line its case no longer has stops the generator, naming the
row, rather than link the wrong line."""
import yaml

from .highlight import highlight_python
from .model import CannotGenerate, relative
from .translation import ENGLISH


def rows(path, cases, highlighted, tr=ENGLISH):
    """[{"id", "python": [markup per line], "c": [{"case", "lines": [{"n", "html"}]}], "text"}] in the file's order;
    `cases` maps a case's name to the case, `highlighted(case)` gives its lines as markup."""
    where = relative(str(path))
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as error:
        raise CannotGenerate(f"{where}: not YAML: {error}")
    out = []
    for row in data.get("rows") or []:
        sides = []
        for part in row.get("c") or []:
            case = cases.get(part["case"])
            if case is None:
                raise CannotGenerate(f"{where}: row {row['id']}: no case {part['case']}")
            found, after = [], 0
            for wanted in part["lines"]:
                number = next((n for n in range(after + 1, len(case.lines) + 1)
                               if case.lines[n - 1].strip() == wanted.strip()), None)
                if number is None:
                    raise CannotGenerate(f"{where}: row {row['id']}: {relative(str(case.source))} has no line "
                                         f"`{wanted.strip()}` (after line {after})")
                found.append({"n": number, "html": highlighted(case)[number - 1]})
                after = number
            sides.append({"case": case, "lines": found})
        out.append({"id": row["id"], "python": highlight_python(row["python"].rstrip("\n")), "c": sides,
                    "text": tr.text(f"python.{row['id']}", " ".join(row["text"].split()))})
    return out
