"""The cases checked the way compiler-rt checks its TSan tests: a lit suite over prebuilt binaries, its FileCheck
lines generated from the cases' markers (read here the way docs/MARKERS.md states them: a marker on a line of code,
or alone on its line for the next line of code), and lit's xUnit results read back.

These checks are weaker than tsan-verify's (no innermost-frame rule, no check that every report is expected or that
TSan finished): the suite is a yardstick for speed, not a second verdict."""
import os
import pathlib
import re
import shutil

from casebook import catalog

LLVM14 = pathlib.Path("/usr/lib/llvm-14")
LIT = LLVM14 / "build" / "utils" / "lit" / "lit.py"
FILECHECK = LLVM14 / "bin" / "FileCheck"
DIRECTIVES = ("expect-tsan", "expect-output", "tsan-options", "requires-tsan")
# `KIND in FUNCTION` and `KIND at FILE:LINE` (docs/MARKERS.md, "Pinning a report outside this file").
PINNED = re.compile(r"^(?P<kind>.+?) (?P<how>in|at) (?P<where>[A-Za-z_][\w:.~<>]*|\S+:\d+)$")


def _skip_literal(line, i):
    quote = line[i]
    i += 1
    while i < len(line) and line[i] != quote:
        if line[i] == "\\":
            i += 1
        i += 1
    return i + 1 if i < len(line) else len(line)


def holds_code(line, in_comment):
    """(whether LINE holds code outside comments, whether a block comment is open at its end)."""
    code, i = False, 0
    while i < len(line):
        if in_comment:
            if line.startswith("*/", i):
                in_comment, i = False, i + 2
            else:
                i += 1
        elif line.startswith("//", i):
            break
        elif line.startswith("/*", i):
            in_comment, i = True, i + 2
        elif line[i] in "\"'":
            code, i = True, _skip_literal(line, i)
        else:
            code = code or not line[i].isspace()
            i += 1
    return code, in_comment


def _find_directive(line, in_comment):
    """(index in DIRECTIVES, where its // starts, where its name ends) of the line comment holding a directive."""
    i = 0
    while i + 1 < len(line):
        if in_comment:
            in_comment = not line.startswith("*/", i)
            i += 1 if in_comment else 2
        elif line[i] in "\"'":
            i = _skip_literal(line, i)
        elif line.startswith("/*", i):
            in_comment, i = True, i + 2
        elif not line.startswith("//", i):
            i += 1
        else:
            j = i + 2
            while j < len(line) and line[j] == " ":
                j += 1
            for index, name in enumerate(DIRECTIVES):
                if line.startswith(name, j):
                    return index, i, j + len(name)
            return None
    return None


def read_markers(text):
    """{markers: [{kind, line, selector; function or at for a pinned one, whose line is None}], outputs: [text],
    requires: text or None} of a case's source TEXT."""
    spec = {"markers": [], "outputs": [], "requires": None}
    pending, in_comment = [], False
    for number, line in enumerate(text.split("\n"), 1):
        starts_in_comment = in_comment
        code, in_comment = holds_code(line, in_comment)
        if code:
            for marker in pending:
                marker["line"] = number
            pending = []
        found = _find_directive(line, starts_in_comment)
        if not found:
            continue
        directive, comment_at, name_end = found
        standalone = not holds_code(line[:comment_at], starts_in_comment)[0]
        rest, selector = line[name_end:], None
        if rest.startswith("["):
            close = rest.find("]")
            if close < 0:
                continue
            selector, rest = rest[1:close].strip(), rest[close + 1:]
        if not rest.startswith(":"):
            continue
        whole = rest[1:].strip()
        body = whole.split(" -- ", 1)[0].strip()
        if directive == 0:
            marker = {"kind": body, "line": number, "selector": selector}
            pinned = PINNED.match(body)
            if pinned:  # KIND in FUNCTION, KIND at FILE:LINE: about a frame anywhere, not about this file's lines
                marker.update(kind=pinned.group("kind"), line=None, where=pinned.group("where"))
                marker["function" if pinned.group("how") == "in" else "at"] = pinned.group("where")
            spec["markers"].append(marker)
            if standalone and body != "none" and not pinned:
                pending.append(marker)
        elif directive == 1:
            spec["outputs"].append(whole)
        elif directive == 3 and spec["requires"] is None:
            spec["requires"] = body
    return spec


def read_case(path):
    with open(path, encoding="utf-8", errors="replace") as source:
        return read_markers(source.read())


def selector_matches(selector, toolchain):
    """Whether a marker's [SELECTOR] (clang, gcc>=12, clang<14,gcc ...) names TOOLCHAIN (clang-14, gcc-12)."""
    family, _, major = toolchain.partition("-")
    major = int(major) if major.isdigit() else 0
    compare = {">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, "==": lambda a, b: a == b,
               "!=": lambda a, b: a != b, ">": lambda a, b: a > b, "<": lambda a, b: a < b}
    for item in selector.split(","):
        match = re.fullmatch(r"\s*(clang|gcc)\s*(?:(>=|<=|==|!=|>|<)(\d+))?\s*", item)
        if match and match.group(1) == family and (not match.group(2) or
                                                   compare[match.group(2)](major, int(match.group(3)))):
            return True
    return False


def test_lines(case, root):
    """The lines of CASE's .test file. CASE: {name, binary, source, toolchain, spec (read_case), skip, options (the
    TSAN_OPTIONS the harness gives it, logging to stderr)}."""
    spec = case["spec"]
    lines = [f"# Generated by python3 -m bench run from the markers of {os.path.relpath(case['source'], root)}."]
    if case["skip"]:
        return lines + [f"# requires-tsan: {spec['requires']}; this toolchain is {case['toolchain']}",
                        "UNSUPPORTED: true", "RUN: true"]
    applicable = [m for m in spec["markers"] if not m["selector"] or selector_matches(m["selector"], case["toolchain"])]
    none = any(m["kind"] == "none" for m in applicable)
    # Quoted for the shell; every % doubled, as lit reads %S, %s, %t... in a RUN line as its own substitutions (the
    # harness's stack_trace_format holds %n %f %S %M).
    quoted = "'" + case["options"].replace("'", "'\\''").replace("%", "%%") + "'"
    checks = []
    if none:
        # A CHECK-NOT only covers the text between two matches; --implicit-check-not covers all of it.
        filecheck = "FileCheck --implicit-check-not='WARNING: ThreadSanitizer' %s" if spec["outputs"] else \
            "FileCheck %s"
        lines.append(f"RUN: env TSAN_OPTIONS={quoted} %run {case['binary']} 2>&1 | {filecheck}")
        if not spec["outputs"]:
            checks.append("CHECK-NOT: WARNING: ThreadSanitizer")
    else:
        lines.append(f"RUN: env TSAN_OPTIONS={quoted} not %run {case['binary']} 2>&1 | FileCheck %s")
        base = os.path.basename(case["source"])
        for kind in dict.fromkeys(m["kind"] for m in applicable):
            checks.append(f"CHECK-DAG: WARNING: ThreadSanitizer: {kind}")
        for line in dict.fromkeys(m["line"] for m in applicable if m["line"] is not None):
            checks.append(f"CHECK-DAG: /{base}:{line}{{{{[: ]|$}}}}")
        for function in dict.fromkeys(m["function"] for m in applicable if m.get("function")):
            checks.append(f"CHECK-DAG: {{{{#[0-9]+}}}} {function} ")
        for where in dict.fromkeys(m["at"] for m in applicable if m.get("at")):
            checks.append(f"CHECK-DAG: {where}{{{{[: ]|$}}}}")
    for text in spec["outputs"]:
        if "{{" not in text and "[[" not in text:
            checks.append(f"CHECK-DAG: {text}")
    return lines + checks


def write_suite(folder, cases, root):
    """A lit suite in FOLDER (emptied first): lit.cfg.py and a NAME.test per case."""
    folder = pathlib.Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "lit.cfg.py").write_text(
        "# Generated by python3 -m bench run: the casebook's cases as compiler-rt would check them.\n"
        "import os\n"
        "import lit.formats\n"
        "config.name = 'tsan-casebook'\n"
        "config.test_format = lit.formats.ShTest(execute_external=True)\n"
        "config.suffixes = ['.test']\n"
        "config.test_source_root = os.path.dirname(__file__)\n"
        "config.test_exec_root = os.path.join(os.path.dirname(__file__), 'Output')\n"
        "config.substitutions.append(('%run', ''))\n"
        f"config.environment['PATH'] = {str(LLVM14 / 'bin')!r} + os.pathsep + os.environ.get('PATH', '')\n")
    for case in cases:
        path = folder / (case["name"] + ".test")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(test_lines(case, root)) + "\n")


def case_name(testcase):
    """The case a lit xUnit testcase is about: classname `tsan-casebook.FOLDER`, name `CASE.test` -> FOLDER/CASE."""
    classname = testcase.get("classname", "")
    folder = classname.split(".", 1)[1] if "." in classname else ""
    name = testcase.get("name", "")
    name = name[:-len(".test")] if name.endswith(".test") else name
    return f"{folder.replace('.', '/')}/{name}" if folder else name


def results(path):
    """{case name: (status, seconds)} from lit's --xunit-xml-output FILE; status is pass, fail or skip."""
    return catalog.junit_results(path, case_name)


def available():
    return LIT.exists() and os.access(FILECHECK, os.X_OK)
