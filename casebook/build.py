"""Configuring and building a preset into a folder of one's choice, each step timed and its output kept (in a log
file, or its last lines in memory for the error message).

    step(command)                        any command, timed: Step(seconds, status, tail)
    configure(preset, folder)            cmake --preset PRESET -B FOLDER
    build(folder, targets, jobs)         cmake --build FOLDER [-j JOBS] [--target ...]
    build_for_catalog(preset, folder)    what running the catalog needs: tsan-verify and the manifest's case binaries
    tsan_links(compiler, scratch)        whether a compiler links a TSan program (its runtime is installed)"""
import collections
import os
import pathlib
import shutil
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
TAIL_LINES = 30

Step = collections.namedtuple("Step", "seconds status tail")


class StepFailed(Exception):
    """A configure or build step that exited non-zero: the message names it, its exit status and where its output
    is (its log, or its last lines)."""


def step(command, log=None, cwd=ROOT, env=None):
    """Runs COMMAND (stdin closed) with its stdout and stderr in the file LOG, or kept in memory when LOG is None;
    returns Step(wall seconds, exit status, its last TAIL_LINES lines)."""
    started = time.monotonic()
    if log:
        log = pathlib.Path(log)
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "wb") as out:
            status = subprocess.run(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=subprocess.STDOUT).returncode
        seconds = time.monotonic() - started
        lines = log.read_text(errors="replace").splitlines()
    else:
        done = subprocess.run(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, errors="replace")
        seconds, status, lines = time.monotonic() - started, done.returncode, done.stdout.splitlines()
    return Step(seconds, status, "\n".join(lines[-TAIL_LINES:]))


def checked(result, what, log=None):
    """RESULT (a Step) when it passed; StepFailed naming WHAT otherwise."""
    if result.status != 0:
        where = f"see {log}" if log else "its last lines:\n" + result.tail
        raise StepFailed(f"{what} failed (exit {result.status}); {where}")
    return result


def configure(preset, folder, log=None, options=()):
    """cmake --preset PRESET -B FOLDER [OPTIONS...], from the repository's folder."""
    return step(["cmake", "--preset", preset, "-B", str(folder)] + list(options), log)


def build(folder, targets=(), jobs=None, log=None):
    """cmake --build FOLDER [-j JOBS] [--target TARGETS...]."""
    command = ["cmake", "--build", str(folder)]
    if jobs:
        command += ["-j", str(jobs)]
    if targets:
        command += ["--target"] + list(targets)
    return step(command, log)


def build_for_catalog(preset, folder, jobs, manifest_targets):
    """Configures FOLDER with PRESET when it is not configured yet, then builds what running the catalog needs:
    tsan-verify and the targets MANIFEST_TARGETS(folder) names (the case binaries of its manifest, which the
    configure step writes), nothing else. Returns the seconds (configure, build); StepFailed when a step fails."""
    folder = pathlib.Path(folder)
    configure_s = 0.0
    if not (folder / "CMakeCache.txt").exists():
        configure_s = checked(configure(preset, folder), f"configuring preset {preset}").seconds
    targets = ["tsan-verify"] + list(manifest_targets(folder))
    return configure_s, checked(build(folder, targets, jobs), f"building preset {preset}").seconds


def tsan_links(compiler, scratch):
    """(True, "") when COMPILER is installed and links a TSan program in the folder SCRATCH, else (False, why)."""
    if not shutil.which(compiler):
        return False, f"{compiler} is not installed"
    scratch = pathlib.Path(scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    source = scratch / "tsan-probe.c"
    source.write_text("int main(void) { return 0; }\n")
    done = subprocess.run([compiler, "-fsanitize=thread", str(source), "-o", str(scratch / "tsan-probe")],
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for leftover in (source, scratch / "tsan-probe"):
        if leftover.exists():
            os.remove(leftover)
    if done.returncode != 0:
        return False, f"{compiler} cannot link a TSan program (its TSan runtime is missing)"
    return True, ""
