"""What the casebook and bench tests share: executables written for a test (fake tools whose behaviour the test
states), and the real tsan-verify when ctest names it."""
import os
import pathlib
import stat
import sys


def write_script(path, body):
    """An executable Python script at PATH running BODY (its argv in sys.argv); returns its path as text."""
    path = pathlib.Path(path)
    path.write_text(f"#!{sys.executable}\nimport os, sys\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def real_tsan_verify():
    """The built tsan-verify ctest gives the tests ($TSAN_VERIFY), or None when it is not there."""
    path = os.environ.get("TSAN_VERIFY")
    return path if path and os.access(path, os.X_OK) else None
