"""Where to get the casebook and how to build and run one case (issue 24): the commands every page gives, which
work from a fresh clone (ci/check-page-commands.py runs each case page's own).

A case is built and run the way the build registers it, not by a compiler line written here: cases/CMakeLists.txt
names each case's program `case.<folder>.<stem>.<level>` (and links what the case needs, such as the uninstrumented
library of limits/uninstrumented_lib_*), and registers its test `<folder>/<stem>` as tsan-verify on that program,
which reads the case's own `tsan-options:` (limits/suppressed's suppressions file) and checks its markers."""
import re

PRESET = "default"
BUILD_DIR = "build/default"
# What the pages show when the generator is not told the repository's address (CASEBOOK_REPOSITORY_URL,
# README.md "Teaching pages"): a placeholder that says what belongs there, never a guessed address.
REPOSITORY_PLACEHOLDER = "REPOSITORY-URL"


def clone_command(repository):
    return f"git clone {repository or REPOSITORY_PLACEHOLDER} tsan-casebook && cd tsan-casebook"


def configure_command():
    """Once per clone, before any case is built."""
    return f"cmake --preset {PRESET}"


def case_commands(case, level):
    """[build, run]: the two commands, run from the top of a configured clone, that build one case (and
    tsan-verify) and run it under tsan-verify, which prints the case's reports and its verdict."""
    target = f"case.{case.folder}.{case.stem}.{level}"
    build = f"cmake --build {BUILD_DIR} --target tsan-verify {target}"
    run = f"ctest --test-dir {BUILD_DIR} -R '^{re.escape(case.name)}$' --verbose"
    return [build, run]
