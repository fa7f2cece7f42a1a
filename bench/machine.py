"""The machine a measurement runs on: its facts (CPU, memory, tools), and how much of it other processes took while
we measured (from /proc/stat, less our own and our children's CPU time)."""
import os
import platform
import resource
import shutil
import subprocess
import sys
import time

STARTED = time.monotonic()


def say(message, out=None):
    """A progress line on stderr, with the seconds since the start."""
    print(f"[{time.monotonic() - STARTED:6.1f} s] {message}", file=out or sys.stderr, flush=True)


def first_line(command):
    """The first non-blank line COMMAND prints (stdout and stderr), or None when it cannot be run."""
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in done.stdout.splitlines():
        if line.strip():
            return line.strip()
    return None


def parse_proc_stat(first_line_of_stat, ticks_per_second):
    """(busy CPU seconds, stolen seconds) from the `cpu` line of /proc/stat (proc(5): user nice system idle iowait irq
    softirq steal ..., in clock ticks)."""
    values = [int(v) for v in first_line_of_stat.split()[1:]] + [0] * 8
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    return (user + nice + system + irq + softirq) / ticks_per_second, steal / ticks_per_second


def cpu_snapshot():
    with open("/proc/stat") as stat:
        busy, steal = parse_proc_stat(stat.readline(), os.sysconf("SC_CLK_TCK"))
    own = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        own += usage.ru_utime + usage.ru_stime
    return {"at": time.monotonic(), "busy": busy, "steal": steal, "own": own}


def others_cpus(before, after):
    """(CPUs' worth of work done by processes that are not ours, CPUs the hypervisor stole), on average between two
    snapshots."""
    wall = after["at"] - before["at"]
    if wall <= 0:
        return 0.0, 0.0
    others = max(0.0, (after["busy"] - before["busy"]) - (after["own"] - before["own"]))
    return others / wall, (after["steal"] - before["steal"]) / wall


class Phase:
    """Times a block and records how busy the rest of the machine was meanwhile (in Phase.record)."""
    record = []

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        say(self.name + " ...")
        self.before = cpu_snapshot()
        return self

    def __exit__(self, *exc):
        after = cpu_snapshot()
        others, steal = others_cpus(self.before, after)
        self.seconds, self.others = after["at"] - self.before["at"], others
        Phase.record.append({"name": self.name, "seconds": self.seconds, "others": others, "steal": steal})
        return False


def read_loadavg():
    try:
        with open("/proc/loadavg") as file:
            return " ".join(file.read().split()[:3])
    except OSError:
        return "?"


def machine_facts(root, tools):
    """CPU, cores, memory, kernel, OS, whether it is a virtual machine, the load, the commit of ROOT, and the first
    line of each of TOOLS ({name: command or None})."""
    facts = {"cpu": "?", "cores": os.cpu_count(), "kernel": platform.release(), "memory": "?",
             "virtual": False, "load_before": read_loadavg(), "os": "?"}
    try:
        with open("/proc/cpuinfo") as file:
            for line in file:
                if line.startswith("model name") and facts["cpu"] == "?":
                    facts["cpu"] = line.split(":", 1)[1].strip()
                if line.startswith("flags") and " hypervisor" in line:
                    facts["virtual"] = True
        with open("/proc/meminfo") as file:
            for line in file:
                if line.startswith("MemTotal:"):
                    facts["memory"] = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    try:
        with open("/etc/os-release") as file:
            for line in file:
                if line.startswith("PRETTY_NAME="):
                    facts["os"] = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    facts["tools"] = {name: first_line(command) if command else None for name, command in tools.items()}
    facts["tools"]["python3"] = platform.python_version()
    if shutil.which("git"):
        facts["commit"] = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=normal"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
        facts["commit"], facts["dirty"] = facts["commit"] or None, bool(dirty)
    else:
        facts["commit"], facts["dirty"] = None, False
    return facts
