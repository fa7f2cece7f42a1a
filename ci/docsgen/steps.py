"""Step-throughs (issue 24): an interleaving told one step at a time (First reads 0, Second reads 0, ...), ending with
what TSan said of the run, for the seed's lost update and for each bug TSan misses (no report draws what TSan did
not report).
The steps are written by hand in docs/site-src/steps.yaml, one entry per case:

    seed/no_lock:
      shared: value                 # the shared state a column follows (optional)
      start: 0                      # its value before the first step
      ending: Ending value is 2.    # a line the run printed (optional): checked against the real run
      intro: ...                    # a word on these steps before them (optional)
      steps:
        - {thread: First, line: 18, code: 'int local_copy = store.value;', kind: read, value: 0,
           does: "copies `value` into its `local_copy`: 0"}

and each step is checked against the case: `code` must be on line `line` of the case's file (white space aside), so a
step-through cannot drift from the code it tells; `ending` must be a line of the run's output, and the last `value`
the number that line prints when it prints one. A step the check rejects stops the generator, naming the entry.

From the same steps come the page's step-through (an ordered list that casebook.js turns into one step at a time,
with buttons and the arrow keys; without a script every step shows) and its diagram (threads as columns, time
flowing down: diagrams.narrow_layout), which every width and the printed page show."""
import re

import yaml

from .diagrams import NARROW_WIDTH, narrow_layout, units, wrap
from .model import CannotGenerate, SITE_SRC, relative
from .translation import ENGLISH

KINDS = ("read", "write", "atomic", "lock", "event", "bug")
CHAR_VERDICT = 8.4          # the verdict's glyphs (14 px bold), generously
CHAR_LANE = 7.8             # a column's name (13 px bold)
CHAR_STEP = 7.4             # a step's words (13 px)
STEP_KEYS = {"thread", "line", "code", "does", "kind", "value", "bug"}
ENTRY_KEYS = {"shared", "start", "ending", "intro", "steps"}


def load(path=None):
    """{case name: entry} of steps.yaml, each entry's steps with the line of the file they are written on."""
    path = path or SITE_SRC / "steps.yaml"
    where = relative(str(path))
    try:
        text = path.read_text()
    except FileNotFoundError:
        return {}
    try:
        data = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CannotGenerate(f"{where}:{mark.line + 1 if mark else 1}: not YAML: {getattr(error, 'problem', error)}")
    if data is None:
        return {}
    if not isinstance(data, yaml.MappingNode):
        raise CannotGenerate(f"{where}:1: expected a mapping of case names to step-throughs")
    entries = {}
    plain = yaml.safe_load(text)
    for key_node, value_node in data.value:
        name = key_node.value
        entry = plain[name]
        line = key_node.start_mark.line + 1
        if not isinstance(entry, dict) or not isinstance(entry.get("steps"), list) or not entry["steps"]:
            raise CannotGenerate(f"{where}:{line}: {name}: expected `steps:`, a list of steps")
        unknown = set(entry) - ENTRY_KEYS
        if unknown:
            raise CannotGenerate(f"{where}:{line}: {name}: unknown field {', '.join(sorted(unknown))}")
        step_nodes = next(v for k, v in value_node.value if k.value == "steps").value
        steps = []
        for k, (step, node) in enumerate(zip(entry["steps"], step_nodes), 1):
            at = f"{where}:{node.start_mark.line + 1}: {name} step {k}"
            if not isinstance(step, dict) or not {"thread", "line", "code", "does"} <= set(step):
                raise CannotGenerate(f"{at}: expected thread, line, code and does")
            unknown = set(step) - STEP_KEYS
            if unknown:
                raise CannotGenerate(f"{at}: unknown field {', '.join(sorted(unknown))}")
            if step.get("kind", "event") not in KINDS:
                raise CannotGenerate(f"{at}: kind {step['kind']!r} is not one of {', '.join(KINDS)}")
            steps.append(dict(step, at=at, kind=step.get("kind", "event")))
        entries[name] = dict(entry, steps=steps, at=f"{where}:{line}: {name}")
    return entries


def same_code(line, code):
    return " ".join(str(code).split()) in " ".join(line.split())


def check(entry, case, result):
    """The step-through checked against its case and its run; CannotGenerate naming the first step that is not."""
    threads = []
    for step in entry["steps"]:
        number = step["line"]
        if not isinstance(number, int) or not 1 <= number <= len(case.lines):
            raise CannotGenerate(f"{step['at']}: {relative(str(case.source))} has no line {number}")
        if not same_code(case.lines[number - 1], step["code"]):
            raise CannotGenerate(f"{step['at']}: line {number} of {relative(str(case.source))} is "
                                 f"{case.lines[number - 1].strip()!r}, which does not contain {step['code']!r}: "
                                 "the case changed, tell the step again")
        if step["thread"] not in threads:
            threads.append(step["thread"])
    stdout = ((result.get("run") or {}).get("stdout") or "")
    ending = entry.get("ending")
    if ending:
        printed = [line.strip() for line in stdout.splitlines()]
        if not any(ending.strip() in line for line in printed):
            raise CannotGenerate(f"{entry['at']}: its ending {ending!r} is not what the run printed "
                                 f"({' / '.join(printed[-2:]) or 'nothing'})")
        number = re.search(r"(-?\d+)\.?\s*$", ending)
        values = [str(s["value"]) for s in entry["steps"] if "value" in s]
        if number and values and values[-1] != number.group(1):
            raise CannotGenerate(f"{entry['at']}: its last step leaves {entry.get('shared', 'the value')} at "
                                 f"{values[-1]}, the run printed {ending!r}")
    return threads


def view(entry, case, result, reports, prefix, tr=ENGLISH):
    """What the page shows: the threads, the steps (each with its thread's column, the line it links, the shared
    value after it), and what TSan said of this run."""
    threads = check(entry, case, result)
    value = str(entry["start"]) if "start" in entry else None
    steps = []
    for k, step in enumerate(entry["steps"]):
        if "value" in step:
            value = str(step["value"])
        steps.append({"n": k + 1, "thread": step["thread"], "column": threads.index(step["thread"]),
                      "does": tr.text(f"steps.{case.name}.{k + 1}", step["does"]), "line": step["line"],
                      "kind": step["kind"], "bug": bool(step.get("bug")) or step["kind"] == "bug", "value": value})
    seen = []
    for report in reports:
        phrase = tr.phrase("verdict.at-line", kind=report["kind"], line=report["line"]) if report["line"] \
            else report["kind"]
        if phrase not in seen:
            seen.append(phrase)
    outcome = result.get("outcome", "unknown")
    if seen:
        said = tr.phrase("steps.tsan-reported", what="; ".join(seen))
    elif outcome in ("skipped", "not built", "cannot check"):
        said = tr.phrase("steps.tsan-unknown", outcome=outcome)
    else:
        said = tr.phrase("steps.tsan-silent")
    intro = tr.text(f"steps.{case.name}.intro", " ".join(entry["intro"].split())) if entry.get("intro") else ""
    return {"threads": threads, "intro": intro, "shared": entry.get("shared"),
            "start": str(entry["start"]) if "start" in entry else None, "steps": steps, "tsan": said,
            "ending": entry.get("ending"), "reported": bool(seen)}


def diagram(steps_view, case, prefix, tr=ENGLISH):
    """The step-through drawn as the narrow diagrams are (threads as columns, time flowing down), with TSan's
    verdict under the last step: a layout for templates/diagram-narrow.svg."""
    marks = []
    for step in steps_view["steps"]:
        note = f"{steps_view['shared']} = {step['value']}" if steps_view["shared"] and step["value"] is not None \
            else ""
        caption = re.sub(r"`([^`]+)`", r"\1", step["does"])
        marks.append({"x": step["n"], "y": step["column"], "shape": "bug" if step["bug"] else step["kind"],
                      "caption": caption, "loc": tr.phrase("steps.line", line=step["line"]),
                      "href": f"#L{step['line']}", "note": note})
    wide = {"lane_names": steps_view["threads"], "lane_y": lambda i: i, "marks": marks, "edges": [],
            "title": case.source.name, "subtitle": "",
            "label": tr.phrase("steps.diagram-label", threads=", ".join(steps_view["threads"])),
            "legend_narrow": [tr.phrase("steps.legend")]}
    # a column as wide as its thread's name (13 px bold in a step-through's diagram), so that four fit a phone
    narrow = narrow_layout(wide, column=max([40] + [round(units(n) * CHAR_LANE) + 12 for n in steps_view["threads"]]),
                           char=CHAR_STEP)
    # what TSan said of the run, under the last step and above the legend
    said = wrap(tr.phrase("steps.diagram-verdict", said=steps_view["tsan"]), int((NARROW_WIDTH - 24) / CHAR_VERDICT))
    for k, line in enumerate(said):
        narrow["texts"].append({"x": 12, "y": narrow["legend_y"] + 4 + 19 * k, "cls": "verdict-text",
                                "anchor": "start", "text": line})
    shift = 19 * len(said) + 12
    narrow["legend_y"] += shift
    narrow["height"] += shift
    narrow["cls"] = "steps"
    return narrow
