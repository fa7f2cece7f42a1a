"""How fast `tsan-verify parse` reads a large log of real reports.

    python3 -m bench parse-speed [TSAN_VERIFY [FIXTURE]] [--runs 5] [--min-mbps 100] [--megabytes 50]

Builds a log of about 50 MB by concatenating FIXTURE (default: the clang 14 run of the C++ program, whose frames
have long names with spaces; each copy holds its banner, its report, the Stats and "reported 1 warnings"), times
`tsan-verify parse` on it RUNS times, and prints the median in MB/s, wall clock (which decides) and CPU time (user +
system, from wait4: a run slowed by other load shows as such). It checks the answer too: exit status 1 and, on its
last line, one copy's report count times the copies.

Exit status: 0; 1 under --min-mbps MB/s; 2 when it cannot measure (no tsan-verify, an unreadable fixture, a wrong
answer)."""
import argparse
import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "harness" / "tests" / "fixtures" / "real-world" / "clang14-cxx-race.txt"


class CannotMeasure(Exception):
    pass


def reports_found(output):
    """The report count `tsan-verify parse` prints on its last line ("N reports ..."), or None."""
    lines = output.strip().splitlines()
    match = re.match(r"^(\d+)", lines[-1]) if lines else None
    return int(match.group(1)) if match else None


def timed(command, stdout):
    """(wall seconds, CPU seconds of the process and its children, exit status, stderr) of COMMAND."""
    with tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=stdout, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        err.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, process.returncode, err.read().decode(errors="replace")


def concatenate(fixture, target_bytes, out_path):
    """Writes whole copies of FIXTURE to OUT_PATH until it holds at least TARGET_BYTES; returns (copies, bytes)."""
    data = pathlib.Path(fixture).read_bytes()
    if not data:
        raise CannotMeasure(f"{fixture}: empty")
    copies = -(-target_bytes // len(data))
    with open(out_path, "wb") as out:
        for _ in range(copies):
            out.write(data)
    return copies, copies * len(data)


def measure(verify, fixture, runs, megabytes, work):
    """{bytes, copies, reports, walls, cpus} of RUNS parses of the big log; CannotMeasure when the answer is wrong."""
    for path in (verify, fixture):
        if not os.access(path, os.R_OK):
            raise CannotMeasure(f"cannot read {path} (build the default preset first)")
    one = pathlib.Path(work) / "one.txt"
    with open(one, "wb") as out:
        _, _, status, err = timed([str(verify), "parse", str(fixture)], out)
    if status != 1:
        raise CannotMeasure(f"{fixture} should hold reports (exit 1), got exit {status}: {err.strip()[:300]}")
    per_copy = reports_found(one.read_text(errors="replace"))
    if not per_copy:
        raise CannotMeasure(f"{fixture}: parse names no report count on its last line")
    log = pathlib.Path(work) / "log.txt"
    copies, size = concatenate(fixture, megabytes * 1000 * 1000, log)
    walls, cpus, found = [], [], None
    out_path = pathlib.Path(work) / "out.txt"
    for _ in range(runs):
        with open(out_path, "wb") as out:
            wall, cpu, status, err = timed([str(verify), "parse", str(log)], out)
        if status != 1:
            raise CannotMeasure(f"parse should exit 1 on the big log, got {status}: {err.strip()[:300]}")
        walls.append(wall)
        cpus.append(cpu)
        found = reports_found(out_path.read_text(errors="replace"))
    if found != copies * per_copy:
        raise CannotMeasure(f"{copies} copies of {per_copy} reports, but parse found {found}")
    return {"bytes": size, "copies": copies, "reports": found, "walls": walls, "cpus": cpus}


def main(argv=None, prog="python3 -m bench parse-speed"):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 2)[2])
    parser.add_argument("verify", nargs="?", default=str(ROOT / "build" / "default" / "harness" / "tsan-verify"))
    parser.add_argument("fixture", nargs="?", default=str(FIXTURE))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--min-mbps", type=float, default=100.0)
    parser.add_argument("--megabytes", type=int, default=50, help="the log's size (default 50)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.megabytes < 1:
        parser.error("--runs and --megabytes take a number from 1")
    with tempfile.TemporaryDirectory(prefix="tsan-casebook-parse.") as work:
        try:
            result = measure(args.verify, args.fixture, args.runs, args.megabytes, work)
        except (CannotMeasure, OSError) as error:
            print(f"bench parse-speed: {error}", file=sys.stderr)
            return 2
    wall, cpu = statistics.median(result["walls"]), statistics.median(result["cpus"])
    mbps = result["bytes"] / 1e6 / wall
    cpu_mbps = result["bytes"] / 1e6 / cpu if cpu > 0 else 0.0
    print(f"parse: {result['bytes']} bytes ({result['copies']} copies of {pathlib.Path(args.fixture).name}, "
          f"{result['reports']} reports): {wall:.3f} s wall, {cpu:.3f} s CPU (medians of {args.runs}): {mbps:.0f} "
          f"MB/s ({cpu_mbps:.0f} MB/s of CPU; goal >= {args.min_mbps:g} MB/s)")
    if mbps < args.min_mbps:
        load = " ".join(open("/proc/loadavg").read().split()[:3])
        print(f"bench parse-speed: slower than {args.min_mbps:g} MB/s (load average: {load})", file=sys.stderr)
        return 1
    return 0
