#!/usr/bin/env python3
"""Measures casebook.h's stay-alive rule on every case: can TSan's v3 runtime (LLVM >= 14) have recycled the trace
of a thread that exited, and so dropped a report that needs that thread's stack?

The runtime's own code decides it (LLVM 14.0.6, compiler-rt lib/tsan/rtl):
  - tsan_rtl.cpp TracePartAlloc: a thread that switches to a new trace part takes one from the global recycle queue
    only when it has already allocated Trace::kMinParts + history_size (3 + 0) parts of its own, or when
    ctx->trace_part_finished_excess is not zero; otherwise it maps a fresh part.
  - tsan_rtl_thread.cpp ThreadContext::OnFinished: an exiting thread queues all its parts for recycling; the
    excess grows only once the finished threads' queued parts pass Trace::kFinishedThreadLo (16) (tsan_trace.h).
  - tsan_rtl_report.cpp ReportRace: when RestoreStack cannot replay the earlier access, the report is dropped.
So no exited thread's history can be lost in a run where, after the first thread exits, no thread switches to its
fourth trace part, and no thread starts a part at all once the finished threads hold more than 16 parts between
them (a conservative count: every part a thread ever started). The script counts both with gdb, on the runtime's
own functions (__tsan::TraceSwitchPartImpl is called once per part a thread starts,
__tsan::ThreadContext::OnFinished once per exit, on the exiting thread), in the parent process (a forked child's
own trace is not followed).

usage: ci/check-stay-alive.py MANIFEST [NAME_REGEX]
  MANIFEST is build/<preset>/cases.manifest of a clang >= 14 preset. Exit 0 when every case keeps the rule, 1 with
  one line per case that does not, 2 when it cannot measure (no gdb, a runtime without the v3 functions).
  STAY_ALIVE_JOBS=N runs N cases at a time (default: the number of CPUs)."""
import collections
import concurrent.futures
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

MIN_PARTS = 3  # Trace::kMinParts, with history_size=0 (the flag's default)
CANNOT_CHECK = re.compile(r"^[ \t]*//[ \t]*expect-cannot-check[ \t]*:", re.M)
FINISHED_THREAD_LO = 16  # Trace::kFinishedThreadLo
GDB_SCRIPT = r"""set pagination off
set confirm off
set print thread-events off
set print inferior-events off
set follow-fork-mode parent
set detach-on-fork on
break __tsan::TraceSwitchPartImpl
commands
silent
printf "stay-alive: part %d\n", $_thread
continue
end
break __tsan::ThreadContext::OnFinished
commands
silent
printf "stay-alive: exit %d\n", $_thread
continue
end
run > /dev/null 2> /dev/null
"""


def measure(binary):
    """The runtime's part switches and thread exits, in order, as ("part"|"exit", gdb thread number)."""
    with tempfile.NamedTemporaryFile("w", suffix=".gdb") as script:
        script.write(GDB_SCRIPT)
        script.flush()
        result = subprocess.run(["gdb", "-nx", "-batch", "-x", script.name, binary], capture_output=True, text=True,
                                stdin=subprocess.DEVNULL, timeout=300)
    if "Function \"__tsan::TraceSwitchPartImpl\" not defined" in result.stdout + result.stderr:
        raise RuntimeError(f"{binary}: no __tsan::TraceSwitchPartImpl: not a v3 runtime (clang >= 14)")
    events = [(m.group(1), int(m.group(2))) for m in re.finditer(r"^stay-alive: (part|exit) (\d+)$", result.stdout,
                                                                 re.M)]
    if not any(kind == "part" for kind, _ in events):  # every thread starts a part: gdb did not watch the runtime
        raise RuntimeError(f"{binary}: gdb saw no trace part start: {result.stderr.strip()[-200:]}")
    return events


def judge(events):
    """None when no exited thread's trace part could be recycled; else why it could."""
    parts = collections.Counter()
    exited, finished_parts, excess = [], 0, None
    for kind, thread in events:
        if kind == "exit":
            exited.append(thread)
            finished_parts += parts[thread]
            if finished_parts > FINISHED_THREAD_LO and not excess:
                excess = (f"the exited threads hold {finished_parts} trace parts, more than kFinishedThreadLo "
                          f"({FINISHED_THREAD_LO})")
            continue
        # A part is taken from the recycle queue only when some thread starts one: then by this thread's count,
        # or by the excess the exits left.
        if exited and parts[thread] >= MIN_PARTS:
            return (f"thread {thread} starts its trace part {parts[thread] + 1} after thread {exited[0]} exited: "
                    f"it takes the part from the recycle queue")
        if excess:
            return f"{excess}, and thread {thread} then starts a trace part: it takes one of theirs"
        parts[thread] += 1
    return None


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__.split("usage: ")[1], file=sys.stderr)
        return 2
    if not shutil.which("gdb"):
        print("ci/check-stay-alive.py: gdb not found (ci/install-deps.sh installs it)", file=sys.stderr)
        return 2
    only = re.compile(sys.argv[2]) if len(sys.argv) == 3 else None
    with open(sys.argv[1]) as manifest:
        lines = [line.rstrip("\n").split("\t") for line in manifest if line.strip()]
    cases = []
    for name, binary, source, *_ in lines:
        if only and not only.search(name):
            continue
        # A case about a program the harness cannot check (docs/MARKERS.md, expect-cannot-check: one linked with
        # -static dies as TSan's runtime starts) has no watched run whose traces could be recycled.
        if CANNOT_CHECK.search(pathlib.Path(source).read_text(errors="replace")):
            print(f"n/a\t{name}\tthe case expects the harness not to check its program: no watched run to measure")
            continue
        cases.append((name, binary))
    jobs = int(os.environ.get("STAY_ALIVE_JOBS", os.cpu_count() or 1))
    broken = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        try:
            measured = list(pool.map(lambda case: measure(case[1]), cases))
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            print(f"ci/check-stay-alive.py: {error}", file=sys.stderr)
            return 2
    for (name, _), events in zip(cases, measured):
        threads = {thread for _, thread in events}
        most = max(collections.Counter(t for kind, t in events if kind == "part").values(), default=0)
        why = judge(events)
        exits = sum(kind == "exit" for kind, _ in events)
        print(f"{'BREAKS' if why else 'keeps'}\t{name}\t{len(threads)} threads, {exits} exits, at most {most} "
              f"trace parts a thread{': ' + why if why else ''}")
        broken += why is not None
    print(f"ci/check-stay-alive.py: {broken} case(s) where an exited thread's trace could be recycled")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
