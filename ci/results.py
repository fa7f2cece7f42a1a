"""The results of a test run: what each case test wrote with `tsan-verify --results` (cmake/TsanVerify.cmake
RESULTS_DIR), so that the tests which report on the whole catalog read one run of each case instead of running the
cases again.

A result is BUILD/results/<level>/<case name>.json, the object `tsan-verify --json` prints. It counts only when it is
newer than the binary, the case source and the tsan-verify that read it: an older file is a previous run's, and a
reader says so instead of using it (fail closed)."""
import json
import pathlib


class Missing(Exception):
    """No usable result: the message says which file and why."""


def path(results_dir, case, level):
    return pathlib.Path(results_dir) / level / f"{case}.json"


def load(results_dir, case, level, *inputs):
    """The result of CASE at LEVEL, as a dict; raises Missing when there is none, or when it is older than any of
    INPUTS (the binary, the source, tsan-verify: paths)."""
    file = path(results_dir, case, level)
    try:
        written = file.stat().st_mtime
    except OSError:
        raise Missing(f"{file}: no result; the test of {case} at {level} did not run in this test run (ctest -L case "
                      f"writes it)") from None
    try:
        doc = json.loads(file.read_text())
    except (OSError, ValueError) as error:
        raise Missing(f"{file}: not a result ({error})") from None
    for source in inputs:
        try:
            if pathlib.Path(source).stat().st_mtime > written:
                raise Missing(f"{file}: older than {source}; run the case test again")
        except OSError:
            # A case the build could not build (an OpenMP case on a toolchain without its runtime) has no binary,
            # and its test skipped it, saying why: that result stands. Any other missing input is no result.
            if isinstance(doc, dict) and doc.get("outcome") == "skipped":
                continue
            raise Missing(f"{source}: missing") from None
    return doc
