#!/usr/bin/python3
"""Which detector catches which mistake: every case under TSan, Helgrind and DRD, scored by `tsan-verify score`.

usage:
  ci/detectors.py plain  [--cc CC] [--out DIR] [--jobs CORES]
      Builds every case without TSan (`CC -pthread -g -O1`) and runs it: each must exit 0 and print every
      `expect-output` text (the cases in NOT_DETERMINISTIC below are only built, with the reason printed).
  ci/detectors.py run    [--build-dir build/default[,build/gcc-12...]] [--verify EXE] [--out build/detectors] [--jobs 2]
      The whole comparison, incrementally: TSan (tsan-verify -v on each build's case binaries, every level of its
      cases-all-levels.manifest, plus every other toolchain of docs/matrix.json at file level), then Helgrind and DRD on
      every case built with clang -gdwarf-4 -O1 (no TSan). A binary is rebuilt, and a run redone, only when what it
      depends on changed (the source, casebook.h, the compiler, the binary, the tool). Writes OUT/runs.tsv,
      OUT/scores.json, OUT/detectors.html and docs/DETECTORS.md, and prints what it ran and how long it took.
  ci/detectors.py check  [--build-dir DIR] [--verify EXE] [--out DIR] [--from-results]
      The freshness test: redoes the TSan rows of the build's toolchain (as `run` does, without Valgrind), and the
      matrix rows, and fails when those rows of docs/DETECTORS.md differ from them. With --from-results (ctest's
      docs/detectors-fresh) the cases are not run again: each one's result is what its test wrote in this test run.
  ci/detectors.py corpus --verify EXE --detector D --expect tp=N,fp=N,tn=N,fn=N CORPUS...
      Scores a file-labelled corpus (SV-COMP tasks, TSV) with `tsan-verify score` and checks the counts.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import pathlib
import re
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import results as recorded  # noqa: E402 (ci/results.py: what the case tests wrote in this test run)

ROOT = pathlib.Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
DOC = ROOT / "docs" / "DETECTORS.md"
MATRIX = ROOT / "docs" / "matrix.json"
LEVELS = ["O0", "O1", "O2"]
VALGRIND_TOOLS = ["helgrind", "drd"]
VALGRIND_TIMEOUT = 300
# A forked child stays silent: its own XML document would be appended to the parent's file.

# Cases whose expect-output a build without TSan cannot be held to, and why (the others' output is forced by the
# invisible barrier or by real synchronization, not by TSan). Add "folder/name": "reason".
NOT_DETERMINISTIC = {
    "lifecycle/fork_thread_bug": "the child's exit status 66 is TSan's refusal of a thread after a multithreaded "
                                 "fork; without TSan the thread starts and the child exits 0",
}


def case_files():
    return sorted(p for p in CASES.glob("*/*.c"))


def case_name(path):
    return f"{path.parent.name}/{path.stem}"


def digest(*parts):
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode())
        h.update(b"\0")
    return h.hexdigest()


def compiler_id(cc):
    out = subprocess.run([cc, "--version"], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[0]


def fresh(stamp, key):
    return stamp.exists() and stamp.read_text() == key


def library_folders(source):
    """The library folders of a case (cases/CMakeLists.txt: <folder>/<base>/ for <folder>/<base>_*.c)."""
    return sorted(folder for folder in source.parent.iterdir()
                  if folder.is_dir() and source.stem.startswith(folder.name + "_") and any(folder.glob("*.c")))


def case_libraries(source):
    """The sources of the library a case links (a plugin_* folder is loaded with dlopen instead, never linked)."""
    return sorted(library for folder in library_folders(source) if not folder.name.startswith("plugin_")
                  for library in folder.glob("*.c"))


def case_plugins(source):
    """The plugin folders of a case: each built as lib casebook_<folder>_<base>.so, found through the DT_RPATH."""
    return [folder for folder in library_folders(source) if folder.name.startswith("plugin_")]


def linked_names(source):
    """The names of `// link-libraries: NAME... -- reason` (docs/MARKERS.md), linked as -lNAME as both builds do."""
    names = []
    for match in re.finditer(r"^[ \t]*//[ \t]*link-libraries[ \t]*:(.*)$", source.read_text(), re.M):
        names += match.group(1).split(" -- ")[0].split()
    return names


def uses_openmp(source):
    """Whether the case is an OpenMP program (`// uses-openmp: threads=N ...`, docs/MARKERS.md): built with -fopenmp,
    as both of its TSan builds are."""
    return re.search(r"^[ \t]*//[ \t]*uses-openmp[ \t]*:", source.read_text(), re.M) is not None


def link_options(source):
    """The options of `// link-options: OPTION... -- reason` (docs/MARKERS.md), linked as both TSan builds link them."""
    options = []
    for match in re.finditer(r"^[ \t]*//[ \t]*link-options[ \t]*:(.*)$", source.read_text(), re.M):
        options += match.group(1).split(" -- ")[0].split()
    return options


def build_plain(cc, flags, out_dir, jobs):
    """Every case without TSan, into out_dir, JOBS compilers at a time; returns ({name: binary}, built, reused,
    seconds)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    header = (CASES / "casebook.h").read_bytes()
    version = compiler_id(cc)
    started = time.monotonic()

    def build_one(source):
        """(name, binary, compiled?) for one case; a case that does not build stops the whole check."""
        name = case_name(source)
        binary = out_dir / name.replace("/", ".")
        stamp = binary.parent / (binary.name + ".key")
        libraries = case_libraries(source)
        plugins = case_plugins(source)
        plugin_sources = [sorted(folder.glob("*.c")) for folder in plugins]
        extra = [f"-l{name}" for name in linked_names(source)]
        if uses_openmp(source):
            extra.append("-fopenmp")
        extra += link_options(source)
        if plugins:
            extra += ["-ldl", "-Wl,--disable-new-dtags", f"-Wl,-rpath,{out_dir / 'lib'}"]
        key = digest(version, flags, source.read_bytes(), header, *extra,
                     *(lib.read_bytes() for lib in libraries + sum(plugin_sources, [])))
        if binary.exists() and fresh(stamp, key):
            return name, binary, False
        for folder, sources in zip(plugins, plugin_sources):
            # As cases/CMakeLists.txt names it: the case loads it by this file name.
            relative = folder.relative_to(CASES).as_posix().replace("/", "_")
            (out_dir / "lib").mkdir(exist_ok=True)
            built = subprocess.run([cc, *flags, "-shared", "-fPIC", *map(str, sources),
                                    "-o", str(out_dir / "lib" / f"libcasebook_{relative}.so")],
                                   capture_output=True, text=True)
            if built.returncode != 0:
                first = (built.stderr.strip().splitlines() or ["(no message)"])[0]
                raise SystemExit(f"{folder}:1: the plugin does not build without TSan ({cc}): {first}")
        result = subprocess.run([cc, *flags, str(source), *map(str, libraries), "-o", str(binary), *extra],
                                capture_output=True, text=True)
        if result.returncode != 0:
            errors = [line for line in result.stderr.strip().splitlines() if "error" in line]
            first = (errors or result.stderr.strip().splitlines() or ["(no message)"])[0]
            raise SystemExit(f"{source}:1: does not build without TSan ({cc}): {first}")
        stamp.write_text(key)
        return name, binary, True

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        outcomes = list(pool.map(build_one, case_files()))
    binaries = {name: binary for name, binary, _ in outcomes}
    built = sum(compiled for _, _, compiled in outcomes)
    return binaries, built, len(outcomes) - built, time.monotonic() - started


def expected_outputs(source):
    return [m.group(1).strip() for m in re.finditer(r"//\s*expect-output:(.*)", source.read_text())]


def run_plain(source, binary):
    """The problems of one case built without TSan (it must end, exit 0 and print its expect-output texts), or None
    when its output is not deterministic."""
    name = case_name(source)
    if name in NOT_DETERMINISTIC:
        return None
    try:
        run = subprocess.run([str(binary)], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return [f"{source}:1: did not end within 60 s without TSan"]
    problems = []
    if run.returncode != 0:
        problems.append(f"{source}:1: exits {run.returncode} without TSan; expected 0")
    for text in expected_outputs(source):
        if text not in run.stdout:
            problems.append(f"{source}:1: expect-output \"{text}\" is not in the output of a build without TSan")
    return problems


def command_plain(args):
    binaries, built, reused, seconds = build_plain(args.cc, ["-pthread", "-g", "-O1"], pathlib.Path(args.out),
                                                   args.jobs)
    sources = case_files()
    # The cases mostly sleep (turn-taking, sleeps that widen a window): running several at once costs no accuracy,
    # since none of them measures time.
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(args.jobs, 4)) as pool:
        outcomes = list(pool.map(lambda source: run_plain(source, binaries[case_name(source)]), sources))
    failures, checked = [], 0
    for source, problems in zip(sources, outcomes):
        if problems is None:
            name = case_name(source)
            print(f"{name}: built; output not checked: {NOT_DETERMINISTIC[name]}")
            continue
        checked += 1
        failures += problems
    for failure in failures:
        print(failure)
    print(f"{len(binaries)} cases built with {args.cc} -pthread ({built} compiled, {reused} unchanged, "
          f"{seconds:.1f} s); {checked} run and checked, {len(failures)} problems")
    return 1 if failures else 0


# ---- runs -------------------------------------------------------------------------------------------------------

def run_tsan(verify, line, out_dir):
    """One manifest line: tsan-verify -v on the built binary; returns (config, name, source, evidence, ran)."""
    test_name, binary, source, toolchain = line.split("\t")
    name, _, level = test_name.partition("@")
    level = level or "O1"
    log = out_dir / "tsan" / toolchain / level / (name.replace("/", ".") + ".log")
    stamp = log.with_suffix(".key")
    key = digest(pathlib.Path(binary).read_bytes(), pathlib.Path(source).read_bytes(),
                 pathlib.Path(verify).read_bytes())
    config = f"tsan {toolchain} {level}"
    status_file = log.with_suffix(".status")
    ran = False
    if not (log.exists() and fresh(stamp, key) and status_file.exists()):
        log.parent.mkdir(parents=True, exist_ok=True)
        result = subprocess.run([verify, "-v", "--binary", binary, "--opt", level, "--toolchain", toolchain, source],
                                capture_output=True, text=True)
        log.write_text(result.stdout + result.stderr)
        status_file.write_text(str(result.returncode))
        stamp.write_text(key)
        ran = True
    status = int(status_file.read_text())
    if status == 77:
        reason = next((l for l in log.read_text().splitlines() if "skipped" in l), "skipped").replace("\t", " ")
        evidence = f"skipped:{reason}"
    elif status == 2:
        reason = next((l for l in log.read_text().splitlines() if ": " in l and source in l), "cannot check")
        evidence = f"unchecked:{reason.strip()}"
    else:
        evidence = f"tsan-log:{log}"
    return config, name, source, evidence, ran


def recorded_tsan(verify, line, out_dir, results_dir):
    """One manifest line, from the result its case test wrote in this test run (ci/results.py) instead of a run:
    the same (config, name, source, evidence, ran) as run_tsan. The evidence log is the result's normalized TSan
    output, which `tsan-verify score` reads like the raw one (paths relative to the source tree name the case by their
    ending). A missing or stale result is evidence that cannot be scored, and says why."""
    test_name, binary, source, toolchain = line.split("\t")
    name, _, level = test_name.partition("@")
    level = level or pathlib.Path(binary).parent.name
    config = f"tsan {toolchain} {level}"
    try:
        result = recorded.load(results_dir, name, level, binary, source, verify)
    except recorded.Missing as missing:
        return config, name, source, f"unchecked:{missing}", False
    reason = "; ".join(d.get("message", "") for d in result.get("diagnostics", [])).replace("\t", " ")
    if result["outcome"] == "skipped":
        return config, name, source, f"skipped:{reason or 'skipped'}", False
    if result["outcome"] == "cannot check":
        return config, name, source, f"unchecked:{reason or 'cannot check'}", False
    log = out_dir / "tsan" / toolchain / level / (name.replace("/", ".") + ".normalized.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(result["normalized"])
    return config, name, source, f"tsan-log:{log}", False


def run_valgrind(tool, name, binary, out_dir):
    xml = out_dir / tool / (name.replace("/", ".") + ".xml")
    stamp = xml.with_suffix(".key")
    seconds_file = xml.with_suffix(".seconds")
    options = [f"--tool={tool}", "--xml=yes", "--child-silent-after-fork=yes"]
    key = digest(options, compiler_id("valgrind"), binary.read_bytes())
    ran = False
    if not (xml.exists() and fresh(stamp, key) and seconds_file.exists()):
        xml.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        try:
            subprocess.run(["valgrind", *options, f"--xml-file={xml}", str(binary)],
                           capture_output=True, timeout=VALGRIND_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass  # the XML then lacks its FINISHED status, and the scorer counts the run as unchecked
        seconds_file.write_text(f"{time.monotonic() - started:.2f}")
        stamp.write_text(key)
        ran = True
    text = xml.read_text(errors="replace") if xml.exists() else ""
    seconds = float(seconds_file.read_text())
    if "<state>FINISHED</state>" not in text and seconds >= VALGRIND_TIMEOUT:
        evidence = f"unchecked:{tool} did not finish within {VALGRIND_TIMEOUT} s"
    elif "<state>FINISHED</state>" not in text:
        evidence = f"unchecked:{tool} itself stopped before the program ended (its log has no FINISHED status)"
    else:
        evidence = f"valgrind-xml:{xml}"
    return tool, name, seconds, evidence, ran


def matrix_rows(measured):
    """File-level rows from docs/matrix.json for every toolchain x level not measured with lines here."""
    if not MATRIX.exists():
        return []
    matrix = json.loads(MATRIX.read_text())
    rows = []
    for name, toolchains in sorted(matrix.get("cases", {}).items()):
        source = CASES / f"{name}.c"
        if not source.exists():
            continue
        for toolchain, levels in sorted(toolchains.items()):
            for level, cell in sorted(levels.items()):
                config = f"tsan {toolchain} {level}"
                if config in measured:
                    continue
                if cell.get("verdict") == "skip":
                    evidence = "skipped:the toolchain cannot run this case (matrix)"
                else:
                    evidence = "reported:" + ";".join(cell.get("reported", []))
                rows.append((config + " (matrix)", "tsan", name, str(source), evidence))
    return rows


def tsan_rows(args, out_dir, log):
    lines = []
    for build_dir in args.build_dir.split(","):
        manifest = pathlib.Path(build_dir) / "cases-all-levels.manifest"
        if not manifest.exists():
            raise SystemExit(f"{manifest}: missing; configure and build that preset first (cmake --preset ...)")
        lines += [(build_dir, l) for l in manifest.read_text().splitlines() if l.strip()]
    started = time.monotonic()
    rows, ran = [], 0
    if getattr(args, "from_results", False):
        def one(entry):
            build_dir, line = entry
            return recorded_tsan(args.verify, line, out_dir, pathlib.Path(build_dir) / "results")
    else:
        def one(entry):
            return run_tsan(args.verify, entry[1], out_dir)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for config, name, source, evidence, did_run in pool.map(one, lines):
            rows.append((config, "tsan", name, source, evidence))
            ran += did_run
    rows.sort(key=lambda r: (r[0].split()[1], LEVELS.index(r[0].split()[-1]), r[2]))
    measured = {r[0] for r in rows}
    log.append(f"TSan: {len(lines)} case runs ({ran} run now, {len(lines) - ran} unchanged) in "
               f"{time.monotonic() - started:.0f} s, configurations {', '.join(sorted(measured))}")
    extra = matrix_rows(measured)
    if extra:
        log.append(f"TSan from docs/matrix.json (file level): {len({r[0] for r in extra})} configurations")
    return rows + extra


def valgrind_rows(args, out_dir, log):
    started = time.monotonic()
    binaries, built, reused, _ = build_plain("clang", ["-pthread", "-g", "-gdwarf-4", "-O1"], out_dir / "plain",
                                               args.jobs)
    log.append(f"built without TSan (clang -gdwarf-4 -O1): {built} compiled, {reused} unchanged, "
               f"{time.monotonic() - started:.0f} s")
    rows = []
    for tool in VALGRIND_TOOLS:
        started = time.monotonic()
        jobs = [(name, binary) for name, binary in sorted(binaries.items())]
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(lambda job: run_valgrind(tool, job[0], job[1], out_dir), jobs))
        ran = [r for r in results if r[4]]
        seconds = sorted(r[2] for r in results)
        for tool_name, name, _, evidence, _ in results:
            rows.append((tool_name, tool_name, name, str(CASES / f"{name}.c"), evidence))
        log.append(f"{tool}: {len(results)} cases ({len(ran)} run now, {len(results) - len(ran)} unchanged) in "
                   f"{time.monotonic() - started:.0f} s wall; per case under {tool}: median {seconds[len(seconds) // 2]:.1f} s, "
                   f"slowest {seconds[-1]:.1f} s, sum {sum(seconds):.0f} s")
    return rows


def write_runs(rows, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as out:
        out.write("# CONFIG\tDETECTOR\tCASE_NAME\tCASE_SOURCE\tEVIDENCE (written by ci/detectors.py)\n")
        for row in rows:
            out.write("\t".join(row) + "\n")


def score(verify, runs, fmt):
    result = subprocess.run([verify, "score", f"--{fmt}", "--command", "ci/detectors.sh", "--runs", str(runs)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"tsan-verify score failed: {result.stderr.strip()}")
    return result.stdout


def page(scores):
    """The site's DETECTORS page: a standalone HTML file rendered with Jinja2."""
    import jinja2
    template = jinja2.Environment(autoescape=True).from_string(PAGE_TEMPLATE)
    return template.render(configs=scores["configs"], only=scores["only_one_detector"],
                           missed=scores["caught_by_none"])


PAGE_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Which detector catches which mistake — tsan-casebook</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem}
.scroll{overflow-x:auto}table{border-collapse:collapse}td,th{padding:.25rem .5rem;border-bottom:1px solid #ccc;
text-align:right;white-space:nowrap}td:first-child,th:first-child{text-align:left}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}td,th{border-color:#444}}
</style></head><body>
<h1>Which detector catches which mistake</h1>
<p>TSan on every toolchain and level against Valgrind's Helgrind and DRD, scored against each case's ground truth,
file by file and line by line. Generated by <code>ci/detectors.sh</code> from the same runs as
<code>docs/DETECTORS.md</code> in the repository, which explains the counting and lists every case.</p>
<div class="scroll"><table>
<tr><th>configuration</th><th>file P</th><th>file R</th><th>file F1</th><th>line P</th><th>line R</th><th>line F1</th></tr>
{% for c in configs %}<tr><td>{{ c.name }}</td>
{% for level in [c.file, c.line] %}{% if level %}{% for m in ["precision", "recall", "f1"] %}
<td>{{ "%.3f"|format(level[m]) if level[m] is not none else "–" }}</td>{% endfor %}
{% else %}<td>n/a</td><td>n/a</td><td>n/a</td>{% endif %}{% endfor %}</tr>
{% endfor %}</table></div>
<h2>Cases only one detector catches</h2>
<ul>{% for o in only %}<li><code>{{ o.case }}</code>: only {{ o.detector }}</li>{% else %}<li>none</li>{% endfor %}</ul>
<h2>Bugs no detector catches</h2>
<ul>{% for n in missed %}<li><code>{{ n }}</code></li>{% else %}<li>none</li>{% endfor %}</ul>
</body></html>
"""


HOW = """
## How these runs were made

- **TSan, with lines**: every case binary (`-fsanitize=thread -g` at O0, O1 and O2) of
  {measured},
  run by `tsan-verify -v --binary`, whose log `tsan-verify score` parses like any TSan output. Cases whose
  `requires-tsan` excludes the toolchain are skipped, and left out of that row.
- **TSan, file level only**, marked "(matrix)":
  {matrix}.
  The committed matrix keeps the verdict and the kinds reported, not their lines.{matrix_only}
- **Helgrind and DRD** (Valgrind 3.19, default options, `--xml=yes --child-silent-after-fork=yes`): every case
  built without TSan by `clang -pthread -g -gdwarf-4 -O1` (Valgrind 3.19 reads clang 14's DWARF 5 poorly). Without
  TSan, `casebook.h`'s invisible barrier is a spinning barrier on C11 atomics whose words are hidden from both tools
  by their client requests, so it forces the same interleaving as under TSan and orders nothing for them; TSan's
  annotation calls (`__tsan_mutex_*`, `__tsan_release`/`__tsan_acquire`) become Helgrind's and DRD's own
  annotations. What the tools say of the cases' own code is theirs: neither understands C11 atomics, and DRD
  reports glibc's stdio buffers as racy when two threads print.
- Incremental: a plain binary is rebuilt, and a run redone, only when the hash of what it depends on changed.
"""


# The field's benchmark beside the catalog. Its figures live in a page of their own, which ci/dataracebench.py writes
# from a DataRaceBench checkout the user fetched (an hour of runs, at its own pace): this page is rewritten whole
# from the catalog's runs, so a section of figures made elsewhere would be lost at each regeneration.
FIELD = """
## The field's benchmark: DataRaceBench

LLNL's [DataRaceBench](https://github.com/LLNL/dataracebench) (OpenMP micro-benchmarks labelled `-yes`/`-no`) is
scored with `tsan-verify score` for TSan+Archer, TSan+libgomp, Helgrind and DRD, its published figures beside ours
and the differences explained: [docs/DATARACEBENCH.md](DATARACEBENCH.md), written by `ci/dataracebench.py` from a
checkout you fetch (its programs are not part of this repository).
"""


def how(args, rows, scores):
    """HOW, naming the builds this run measured with lines and the toolchains that came from the matrix."""
    measured = []
    for build_dir in args.build_dir.split(","):
        manifest = pathlib.Path(build_dir) / "cases-all-levels.manifest"
        toolchains = sorted({line.split("\t")[3] for line in manifest.read_text().splitlines() if line.strip()})
        measured.append(f"`{pathlib.Path(build_dir).name}` ({', '.join(toolchains)})")
    builds = ("the preset build " if len(measured) == 1 else "the preset builds ") + ", ".join(measured)
    from_matrix = sorted({r[0].split()[1] for r in rows if r[0].endswith("(matrix)")})
    matrix = (f"every other toolchain and level of `docs/matrix.json`: {', '.join(from_matrix)}" if from_matrix
              else "none: every toolchain of `docs/matrix.json` was measured with lines")
    # "Caught" needs a line, so a bug only a (matrix) row reports is listed under "Bugs no detector catches".
    reported = {}
    for config, _, name, _, evidence in rows:
        if config.endswith("(matrix)") and evidence.startswith("reported:") and evidence != "reported:":
            reported.setdefault(name, []).append(config.split()[1])
    only_matrix = [f"`{name}` ({', '.join(sorted(set(reported[name])))})"
                   for name in scores["caught_by_none"] if name in reported]
    matrix_only = ("" if not only_matrix else
                   "\n  Being caught needs a line, so a bug that only these rows report is listed under \"Bugs no "
                   "detector\n  catches\" although TSan reports it there, at file level: " + ", ".join(only_matrix) + ".")
    return HOW.format(measured=builds, matrix=matrix, matrix_only=matrix_only)


def command_run(args):
    started = time.monotonic()
    out_dir = pathlib.Path(args.out).resolve()
    log = []
    rows = tsan_rows(args, out_dir, log)
    rows += valgrind_rows(args, out_dir, log)
    runs = out_dir / "runs.tsv"
    write_runs(rows, runs)
    markdown = score(args.verify, runs, "markdown")
    scores = json.loads(score(args.verify, runs, "json"))
    (out_dir / "scores.json").write_text(json.dumps(scores, indent=1) + "\n")
    # The committed copy the site's detectors page is made from (ci/docsgen), next to docs/DETECTORS.md.
    (ROOT / "docs" / "detectors.json").write_text(json.dumps(scores, indent=1, sort_keys=True) + "\n")
    (out_dir / "detectors.html").write_text(page(scores))
    total = time.monotonic() - started
    log.append(f"whole comparison: {total:.0f} s")
    cost = "\n## Cost of this run\n\nMeasured by `ci/detectors.sh` on the machine that generated this page " \
           f"(jobs: {args.jobs}):\n\n" + "".join(f"- {line}\n" for line in log)
    DOC.write_text(markdown + how(args, rows, scores) + FIELD + cost)
    for line in log:
        print(line)
    print(f"wrote {DOC.relative_to(ROOT)}, {out_dir / 'scores.json'}, {out_dir / 'detectors.html'}")
    return 0


def tsan_table_rows(text, toolchains):
    """The table rows of TSan configurations on these toolchains (measured, or from the matrix)."""
    return [line for line in text.splitlines()
            if line.startswith("| tsan ") and line.split()[2] in toolchains and "(matrix)" not in line]


def command_check(args):
    out_dir = pathlib.Path(args.out).resolve()
    log = []
    rows = tsan_rows(args, out_dir, log)
    runs = out_dir / "runs-tsan.tsv"
    write_runs(rows, runs)
    # Only the toolchains this check measured with lines (its build folders'); the page's other rows may be
    # measured elsewhere (ci/detectors.sh --presets) or come from the matrix, and are not this check's to judge.
    toolchains = {line.split("\t")[3] for build_dir in args.build_dir.split(",")
                  for line in (pathlib.Path(build_dir) / "cases-all-levels.manifest").read_text().splitlines()
                  if line.strip()}
    fresh_rows = tsan_table_rows(score(args.verify, runs, "markdown"), toolchains)
    if not DOC.exists():
        print(f"{DOC}: missing; run ci/detectors.sh")
        return 1
    committed = tsan_table_rows(DOC.read_text(), toolchains)
    if committed == fresh_rows:
        print(f"{DOC.relative_to(ROOT)}: its {len(committed)} TSan rows are what the cases report today")
        return 0
    print(f"{DOC}:1: the TSan rows differ from today's runs; regenerate with ci/detectors.sh")
    for line in sorted(set(committed) - set(fresh_rows)):
        print(f"- {line}")
    for line in sorted(set(fresh_rows) - set(committed)):
        print(f"+ {line}")
    return 1


def command_corpus(args):
    result = subprocess.run([args.verify, "score", "--json", "--detector", args.detector, *args.corpus],
                            capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stderr.strip())
        return 1
    configs = json.loads(result.stdout)["configs"]
    counts = configs[0]["file"]
    want = dict(item.split("=") for item in args.expect.split(","))
    wrong = [f"{k}: expected {v}, got {counts[k]}" for k, v in want.items() if counts[k] != int(v)]
    print(f"{args.detector} on {len(args.corpus)} corpus files: " +
          ", ".join(f"{k}={counts[k]}" for k in ("tp", "fp", "tn", "fn")) + (f"; {'; '.join(wrong)}" if wrong else ""))
    if result.stderr.strip():
        print(result.stderr.strip())
    return 1 if wrong or configs[0]["unchecked"] else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    plain = sub.add_parser("plain")
    plain.add_argument("--cc", default="cc")
    plain.add_argument("--out", default=str(ROOT / "build" / "plain"))
    plain.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="compilers at a time (default: the cores)")
    for name in ("run", "check"):
        p = sub.add_parser(name)
        p.add_argument("--build-dir", default=str(ROOT / "build" / "default"),
                       help="the preset build(s) whose TSan case binaries to run, comma-separated")
        p.add_argument("--verify", default=None)
        p.add_argument("--out", default=str(ROOT / "build" / "detectors"))
        p.add_argument("--jobs", type=int, default=2)
    sub.choices["check"].add_argument(
        "--from-results", action="store_true",
        help="read the results the case tests of each build wrote in this test run (BUILD/results) instead of "
             "running the cases again")
    corpus = sub.add_parser("corpus")
    corpus.add_argument("--verify", required=True)
    corpus.add_argument("--detector", default="tsan")
    corpus.add_argument("--expect", required=True)
    corpus.add_argument("corpus", nargs="+")
    args = parser.parse_args()
    if getattr(args, "verify", "") is None:
        args.verify = str(pathlib.Path(args.build_dir.split(",")[0]) / "harness" / "tsan-verify")
    return {"plain": command_plain, "run": command_run, "check": command_check, "corpus": command_corpus}[
        args.command](args)


if __name__ == "__main__":
    sys.exit(main())
