#!/usr/bin/env python3
"""The README's "Use it in your project" snippets are what the examples test: every line of its cmake block is a
line of examples/user-project/CMakeLists.txt, of its makefile, meson and automake blocks a line of
examples/library-race's make/Makefile, meson.build and Makefile.am, and every line of its yaml block (but the `uses:` naming this
repository from outside) is a line of the workflow's job that runs the action on the examples.
usage: examples/check-readme.py REPO   -- exit 0 ok, 1 with one line per snippet line found nowhere."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
readme = (root / "README.md").read_text()
section = readme.split("## Use it in your project", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```(\w+)\n(.*?)```", section, flags=re.S)
targets = {"cmake": root / "examples/user-project/CMakeLists.txt", "yaml": root / ".github/workflows/ci.yml",
           "makefile": root / "examples/library-race/make/Makefile", "meson": root / "examples/library-race/meson.build",
           "automake": root / "examples/library-race/Makefile.am"}
problems, checked = [], 0
for language, body in blocks:
    target = targets.get(language)
    if target is None:
        continue
    lines = {line.strip() for line in target.read_text().splitlines()}
    for line in body.splitlines():
        text = line.strip()
        if not text or text.startswith("uses: OWNER/"):
            continue
        checked += 1
        if text not in lines:
            problems.append(f"README.md ({language} snippet): '{text}' is not in {target.relative_to(root)}")
missing = set(targets) - {language for language, _ in blocks}
if missing:
    problems.append(f"README.md: the section lacks its {', '.join(sorted(missing))} snippet")
for problem in problems:
    print(problem)
print(f"README snippets: {checked} lines checked against the examples, {len(problems)} problems")
sys.exit(1 if problems else 0)
