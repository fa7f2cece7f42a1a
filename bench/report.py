"""What `python3 -m bench run` prints and writes: the terminal table and the Markdown block of docs/PERFORMANCE.md,
both from the same numbers, and the block put between its markers (the rest of the file is kept as it is)."""
import os
import statistics

from casebook.catalog import tally

BLOCK_BEGIN = "<!-- python3 -m bench run: begin of the generated block (rewritten by every full run; edit outside it) -->"
BLOCK_END = "<!-- python3 -m bench run: end of the generated block -->"
SLOW_CASE_SECONDS = 1.0
OVERHEAD_GOAL = 1.05


def median(values):
    return statistics.median(values) if values else float("nan")


def fmt_s(seconds):
    if seconds != seconds:
        return "n/a"
    return f"{seconds:.1f} s" if seconds >= 10 else f"{seconds:.2f} s"


def fmt_ratio(value):
    return "n/a" if value != value else f"{value:.2f}x"


def spread(values):
    return "" if len(values) < 2 else f" ({min(values):.2f}-{max(values):.2f})"


def verdict(ok):
    return "met" if ok else "MISSED"


def _ratio(a, b):
    return a / b if b and b == b and a == a else float("nan")


def write_doc(path, block):
    """Puts BLOCK between the generated-block markers of the Markdown file PATH (appended when it has none; a new
    file when there is none)."""
    generated = f"{BLOCK_BEGIN}\n\n{block.rstrip()}\n\n{BLOCK_END}"
    if os.path.exists(path):
        with open(path) as file:
            text = file.read()
        begin, end = text.find(BLOCK_BEGIN), text.find(BLOCK_END)
        if begin >= 0 and end > begin:
            text = text[:begin] + generated + text[end + len(BLOCK_END):]
        else:
            text = text.rstrip() + "\n\n" + generated + "\n"
    else:
        text = ("# Performance\n\nHow long the suite takes, from `python3 -m bench run`. The block below is rewritten "
                "by every run; the findings after it are written by hand.\n\n" + generated + "\n\n## Findings\n\n")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as file:
        file.write(text)


class Out:
    """The two outputs being written: md (Markdown lines) and tx (terminal lines)."""

    def __init__(self):
        self.md, self.tx = [], []

    def both(self, line=""):
        self.md.append(line)
        self.tx.append(line)

    def section(self, title):
        """Starts a section titled TITLE in both outputs; returns (md, tx) to write it on."""
        self.both(f"### {title}")
        self.both("")
        return self.md, self.tx


def render(r, command, quick):
    """(terminal text, Markdown block) of a run's results R, COMMAND being how it was started."""
    out = Out()
    md, tx = out.md, out.tx
    n_runs = r["runs"]
    facts = r["facts"]
    contention = r["others"] >= 0.25 or r["steal"] >= 0.05
    md.append(f"Measured by `{command}` from the repository's root; {n_runs} run(s) of every measurement, medians "
              f"shown (range in parentheses), except the matrix from scratch (one run: five of it would not fit the "
              f"10-minute budget). The whole run took {fmt_s(r['elapsed'])}"
              + (f" (goal: under 10 minutes, {verdict(r['elapsed'] < 600)})." if n_runs >= 5 and not quick else "."))
    md.append("")
    tx.append(f"tsan-casebook bench: `{command}`, {n_runs} run(s) per measurement (medians), "
              f"{fmt_s(r['elapsed'])} in all")
    md += ["### Machine", "", "| | |", "|---|---|",
           f"| CPU | {facts['cpu']}{' (virtual machine)' if facts['virtual'] else ''} |",
           f"| cores | {facts['cores']} |", f"| memory | {facts['memory']} |",
           f"| kernel | {facts['kernel']} ({facts['os']}) |"]
    toolchains = r["matrix"].get("toolchains", {})
    for row in r["scratch"]:
        info = next((t for t in toolchains.values() if t.get("preset") == row["preset"]), None)
        version = row.get("version") or (info or {}).get("version") or (row["compiler"] + ": " + str(row["skipped"]))
        runtime = f" (TSan runtime {info['runtime']})" if info and info.get("runtime") else ""
        md.append(f"| {row['preset']} compiler | {version}{runtime} |")
    for tool, version in facts["tools"].items():
        md.append(f"| {tool} | {version or 'not installed'} |")
    if facts.get("commit"):
        md.append(f"| source | commit {facts['commit']}{' + uncommitted changes' if facts['dirty'] else ''} |")
    md.append(f"| load average | {facts['load_before']} before, {facts['load_after']} after |")
    md.append(f"| other processes | used {r['others']:.2f} of {facts['cores']} CPUs on average during the run"
              f"{'; the hypervisor stole %.2f' % r['steal'] if r['steal'] >= 0.01 else ''}"
              f"{' (**contention**: numbers are slower than on an idle machine)' if contention else ''} |")
    md.append("")
    tx.append(f"machine: {facts['cpu']}, {facts['cores']} cores, kernel {facts['kernel']}; other processes used "
              f"{r['others']:.2f} CPUs on average{' (CONTENTION)' if contention else ''}")
    tx.append("")
    render_scratch(r["scratch"], out)
    render_matrix(r["matrix"], out)
    render_overhead(r, out)
    render_lit(r, out)
    render_scaling(r, out)
    render_per_case(r, out)
    render_callgrind(r, out)
    busy = [ph for ph in r["phases"] if ph["others"] >= 0.25]
    if busy:
        md.append("Phases during which other processes used at least a quarter of a CPU: "
                  + ", ".join(f"{ph['name']} ({ph['others']:.2f} CPUs)" for ph in busy) + ".")
        md.append("")
    return "\n".join(tx), "\n".join(md)


def render_scratch(scratch, out):
    md, tx = out.section("1. From scratch: configure + build + test")
    md.append("The default preset from an empty build folder: `cmake --preset default -B DIR`, "
              "`cmake --build DIR`, `ctest --test-dir DIR OPTIONS` with the OPTIONS the test preset stands for "
              "(below the table; ctest 3.25 cannot combine `--preset` with another build folder). The tests are "
              "what the preset selects: every case at every level, the harness's own tests, the format and docs "
              "checks. The other presets are built from scratch by the matrix run below.")
    md.append("")
    md.append("| preset | configure | build | test | total | tests | other processes |")
    md.append("|---|---:|---:|---:|---:|---|---:|")
    tx.append(f"  {'preset':<10}{'configure':>10}{'build':>10}{'test':>10}{'total':>10}  tests")
    for row in scratch:
        if row["skipped"] == "built by the matrix run below":
            continue
        if row["skipped"] or "total" not in row:
            why = row["skipped"] or row.get("failed", "failed")
            md.append(f"| {row['preset']} | | | | | skipped: {why} | |")
            tx.append(f"  {row['preset']:<10}skipped: {why}")
            continue
        counts = tally(row.get("results", {}))
        failed = sorted(n for n, (status, _) in row.get("results", {}).items() if status == "fail")
        tests = f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped" \
            if "results" in row else row.get("failed", "")
        if failed:
            tests += " (failed: " + ", ".join(failed[:5]) + (" ..." if len(failed) > 5 else "") + ")"
        runs_note = f" (median of {len(row['totals'])}, {min(row['totals']):.1f}-{max(row['totals']):.1f} s)" \
            if len(row.get("totals", [])) > 1 else ""
        md.append(f"| {row['preset']} | {fmt_s(row.get('configure', 0))} | {fmt_s(row.get('build', 0))} | "
                  f"{fmt_s(row.get('test', 0))} | **{fmt_s(row['total'])}**{runs_note} | {tests} | "
                  f"{row['others']:.2f} CPUs |")
        tx.append(f"  {row['preset']:<10}{fmt_s(row.get('configure', 0)):>10}{fmt_s(row.get('build', 0)):>10}"
                  f"{fmt_s(row.get('test', 0)):>10}{fmt_s(row['total']):>10}  {tests}")
    md.append("")
    arguments = [f"{row['preset']}: `{row['ctest_arguments']}`" for row in scratch if row.get("ctest_arguments")]
    if arguments:
        md.append("ctest options: " + "; ".join(arguments) + ".")
        md.append("")
    tx.append("")


def render_matrix(mx, out):
    """Section 1b: the 21-configuration matrix from scratch, and what reusing its builds costs."""
    md, tx = out.section("1b. The toolchain matrix from scratch, and reusing its builds")
    if mx.get("skipped"):
        out.both(f"Skipped ({mx['skipped']}).")
        out.both("")
        return
    timings = mx.get("timings", {})
    configurations = 3 * len(timings)
    md.append(f"`ci/matrix.py --build-root DIR` with every preset whose compiler links a TSan program, each from an "
              f"empty folder, one after the other, 2 jobs: configure, build what the matrix needs (tsan-verify and "
              f"the case binaries at O0, O1, O2; not the harness's unit tests), read the runtime's version from its "
              f"banner, run every case variant through `tsan-verify --json` two at a time. "
              f"{len(timings)} toolchains x 3 levels = {configurations} configurations.")
    md.append("")
    md.append("| preset | toolchain | runtime | configure | build | run | total |")
    md.append("|---|---|---|---:|---:|---:|---:|")
    tx.append(f"  the matrix from scratch ({configurations} configurations):")
    for preset, t in timings.items():
        runtime = mx.get("toolchains", {}).get(t["toolchain"], {}).get("runtime") or "?"
        total = t["configure"] + t["build"] + t["run"]
        md.append(f"| {preset} | {t['toolchain']} | {runtime} | {fmt_s(t['configure'])} | {fmt_s(t['build'])} | "
                  f"{fmt_s(t['run'])} ({t['variants']} variants) | {fmt_s(total)} |")
        tx.append(f"  {preset:<10}{t['toolchain']:<10}{runtime:<4}{fmt_s(t['configure']):>10}{fmt_s(t['build']):>10}"
                  f"{fmt_s(t['run']):>10}{fmt_s(total):>10}")
    cells = mx.get("cells", {})
    goal = mx["seconds"] <= 360
    md.append(f"| **the whole matrix** (wall clock, goal <= 6 min) | | | | | | **{fmt_s(mx['seconds'])}** "
              f"{verdict(goal)} |")
    md.append("")
    md.append(f"Cells: {cells.get('pass', 0)} passed, {cells.get('FAIL', 0)} failed, {cells.get('skip', 0)} skipped "
              f"(ci/matrix.py exit {mx['status']}); other processes used {mx['others']:.2f} CPUs meanwhile.")
    tx.append(f"  whole matrix {fmt_s(mx['seconds'])} ({verdict(goal)}: goal <= 6 min); cells {cells}; "
              f"others {mx['others']:.2f} CPUs")
    if mx.get("reused"):
        conformance, flake = mx["conformance"], mx["flake"]
        md.append("")
        md.append(f"Reusing the matrix's `{mx['reused']}` build (nothing is rebuilt): `ci/conformance.sh --cc ... "
                  f"--build-dir` every case at every level against the matrix just made, "
                  f"{fmt_s(conformance[0])} (exit {conformance[1]}: {mx.get('conformance_summary') or '?'}); "
                  f"`ci/flake.sh 2` at the default level with the other core busy, {fmt_s(flake[0])} (exit "
                  f"{flake[1]}: {mx.get('flake_summary') or '?'}).")
        tx.append(f"  reusing {mx['reused']}: conformance {fmt_s(conformance[0])} (exit {conformance[1]}), "
                  f"flake.sh 2 runs {fmt_s(flake[0])} (exit {flake[1]})")
    md.append("")
    tx.append("")


def render_overhead(r, out):
    """Section 2: the one overhead method (bench/overhead.py), on the half of the cases."""
    ov = r["overhead"]
    md, tx = out.section("2. Harness overhead")
    rounds = ov["rounds"]
    harness = sum(x["harness"] for x in rounds)
    direct = sum(x["direct"] for x in rounds)
    ratio = _ratio(harness, direct)
    md.append(f"`python3 -m bench overhead`'s method (bench/overhead.py), on the half of the cases of section 4 at "
              f"the default level, {r['level']}: each case's test command as CTest registers it (tsan-verify with the "
              f"binary, the compiler and the flags the case was built with) against its binary run directly with the "
              f"TSAN_OPTIONS the harness gives it (`tsan-verify --print-tsan-options`), under bench/run-and-reap.c, "
              f"which waits for every process the program started, as the harness does. One case after the other, "
              f"the two back to back and in turns, {len(rounds)} round(s) of {ov['cases']} cases"
              + (f" ({len(ov['left_out'])} left out: {', '.join(sorted(ov['left_out'])[:6])}"
                 f"{' ...' if len(ov['left_out']) > 6 else ''}: skipped by `requires-tsan`, or not met)"
                 if ov["left_out"] else "") + ".")
    md.append("")
    md.append("| round | tsan-verify (the registered command) | binaries directly | ratio |")
    md.append("|---|---:|---:|---:|")
    for number, sums in enumerate(rounds, 1):
        md.append(f"| {number} | {fmt_s(sums['harness'])} | {fmt_s(sums['direct'])} | "
                  f"{fmt_ratio(_ratio(sums['harness'], sums['direct']))} |")
    md.append(f"| **all rounds** (goal <= {OVERHEAD_GOAL:.2f}x) | {fmt_s(harness)} | {fmt_s(direct)} | "
              f"**{fmt_ratio(ratio)}** {verdict(ratio <= OVERHEAD_GOAL)} |")
    md.append("")
    runs = max(1, ov["cases"] * len(rounds))
    per_case_ms = (harness - direct) / runs * 1000
    md.append(f"The harness adds {per_case_ms:.1f} ms per case. The fastest racy and clean cases, where a fixed "
              f"cost shows most (medians of their {len(rounds)} run(s) above):")
    md.append("")
    md.append("| case | program alone (reaped) | the registered command | difference |")
    md.append("|---|---:|---:|---:|")
    tx.append(f"  overhead, {len(rounds)} round(s) of {ov['cases']} cases: tsan-verify {fmt_s(harness)}, directly "
              f"{fmt_s(direct)}: {fmt_ratio(ratio)} ({verdict(ratio <= OVERHEAD_GOAL)}: goal <= "
              f"{OVERHEAD_GOAL:.2f}x); +{per_case_ms:.1f} ms per case")
    for item in ov["invocation"]:
        md.append(f"| {item['case']} | {item['direct'] * 1000:.1f} ms | {item['harness'] * 1000:.1f} ms | "
                  f"{(item['harness'] - item['direct']) * 1000:+.1f} ms |")
        tx.append(f"  {item['case']}: alone {item['direct'] * 1000:.1f} ms, tsan-verify "
                  f"{item['harness'] * 1000:.1f} ms ({(item['harness'] - item['direct']) * 1000:+.1f} ms)")
    md.append(f"| (`tsan-verify --help`: start and exit) | | {r['help_seconds'] * 1000:.1f} ms | |")
    tx.append(f"  `tsan-verify --help` takes {r['help_seconds'] * 1000:.1f} ms")
    md.append("")
    tx.append("")


def render_lit(r, out):
    t = r["times"]
    m = {k: median(v) for k, v in t.items()}
    md, tx = out.section("3. Against lit + FileCheck")
    if not r["lit_available"]:
        out.both(f"Skipped: {r['lit_missing']} is not installed (`apt-get install llvm-14-tools`).")
        out.both("")
        return
    lit_ratio = _ratio(m["lit_j2"], m["ctest_j2"])
    agree = sum(1 for n, s in r["ctest_status"].items() if r["lit_status"].get(n) == s)
    disagree = sorted(n for n, s in r["ctest_status"].items() if r["lit_status"].get(n) != s)
    md.append("The same binaries, checked the way compiler-rt checks its TSan tests: a lit suite generated "
              "from the markers (one `.test` per case: `RUN: env TSAN_OPTIONS=... [not] %run BINARY 2>&1 | "
              "FileCheck %s`, the TSAN_OPTIONS the harness gives the case; `CHECK-DAG: WARNING: ThreadSanitizer: "
              "KIND` and `CHECK-DAG: /FILE:LINE` per marker, `CHECK-NOT: WARNING: ThreadSanitizer` for `none`, "
              "`CHECK-DAG: TEXT` per `expect-output`, `UNSUPPORTED` where `requires-tsan` skips), run by lit's "
              "external shell as compiler-rt does, `lit -j2` against `ctest -j2`. These checks are weaker than "
              "tsan-verify's (no innermost-frame rule, no check that every report is expected or that TSan "
              "finished).")
    md.append("")
    md.append("| | 2 jobs |")
    md.append("|---|---:|")
    md.append(f"| ctest + tsan-verify | {fmt_s(m['ctest_j2'])}{spread(t['ctest_j2'])} |")
    md.append(f"| lit + FileCheck | {fmt_s(m['lit_j2'])}{spread(t['lit_j2'])} |")
    md.append(f"| **lit / tsan-verify** (goal > 1: tsan-verify faster) | **{fmt_ratio(lit_ratio)}** "
              f"{verdict(lit_ratio > 1)} |")
    md.append("")
    md.append(f"Verdicts: lit and tsan-verify agree on {agree} of {len(r['ctest_status'])} cases"
              + (f"; they differ on {', '.join(disagree[:8])}{' ...' if len(disagree) > 8 else ''}."
                 if disagree else "."))
    tx.append(f"  ctest -j2 {fmt_s(m['ctest_j2'])}, lit -j2 {fmt_s(m['lit_j2'])}: lit / tsan-verify = "
              f"{fmt_ratio(lit_ratio)} ({verdict(lit_ratio > 1)}: tsan-verify should be faster)")
    tx.append(f"  verdicts agree on {agree} of {len(r['ctest_status'])} cases"
              + (f"; differ: {', '.join(disagree[:8])}" if disagree else ""))
    md.append("")
    tx.append("")


def render_scaling(r, out):
    t = r["times"]
    m = {k: median(v) for k, v in t.items()}
    sub = r["subsets"]
    scaling = _ratio(m["half_j1"], m["half_j2"])
    md, tx = out.section("4. Scaling")
    md.append("| | time | per case |")
    md.append("|---|---:|---:|")
    md.append(f"| `ctest -j1`, 1/2 of the cases ({sub['half']}) | {fmt_s(m['half_j1'])}{spread(t['half_j1'])} | "
              f"{m['half_j1'] / max(1, sub['half']) * 1000:.0f} ms |")
    md.append(f"| `ctest -j2`, 1/2 of the cases ({sub['half']}) | {fmt_s(m['half_j2'])}{spread(t['half_j2'])} | "
              f"{m['half_j2'] / max(1, sub['half']) * 1000:.0f} ms |")
    md.append(f"| **speed-up -j2 / -j1** (goal >= 1.8x) | **{fmt_ratio(scaling)}** {verdict(scaling >= 1.8)} | |")
    for key, label, size in (("quarter_j2", "1/4", sub["quarter"]), ("half_j2", "1/2", sub["half"]),
                             ("ctest_j2", "all", sub["all"])):
        md.append(f"| `ctest -j2`, {label} of the cases ({size}) | {fmt_s(m[key])}{spread(t[key])} | "
                  f"{m[key] / max(1, size) * 1000:.0f} ms |")
    md.append("")
    md.append("The subsets are the first quarter and the first half of the cases in a fixed pseudo-random order "
              "(CRC-32 of the name), so each mixes folders and bug/fixed twins; the quarter lies inside the half.")
    md.append("")
    tx.append(f"  half at -j1 {fmt_s(m['half_j1'])}, at -j2 {fmt_s(m['half_j2'])}: {fmt_ratio(scaling)} "
              f"({verdict(scaling >= 1.8)}: goal >= 1.8x)")
    tx.append(f"  -j2 on 1/4 ({sub['quarter']}): {fmt_s(m['quarter_j2'])}, 1/2 ({sub['half']}): "
              f"{fmt_s(m['half_j2'])}, all ({sub['all']}): {fmt_s(m['ctest_j2'])}")
    tx.append("")


def render_per_case(r, out):
    md, tx = out.section("5. Per-case cost")
    slow = sorted(r["per_case"].items(), key=lambda item: -item[1])
    md.append(f"The 10 slowest cases at the default level on {r['toolchain']} (median of the `ctest -j2` runs of "
              f"all cases, tsan-verify included, as ctest reports them); over {SLOW_CASE_SECONDS:.0f} s is "
              f"flagged.")
    md.append("")
    md.append("| case | time | |")
    md.append("|---|---:|---|")
    for name, seconds in slow[:10]:
        flag = "**over 1 s**" if seconds > SLOW_CASE_SECONDS else ""
        md.append(f"| {name} | {seconds:.2f} s | {flag} |")
        tx.append(f"  {name:<48}{seconds:6.2f} s {'OVER 1 s' if flag else ''}")
    over = [n for n, s in slow if s > SLOW_CASE_SECONDS]
    scratch_default = r["scratch"][0].get("results", {}) if r["scratch"] else {}
    over_any = sorted((n for n, (_, s) in scratch_default.items() if s > SLOW_CASE_SECONDS),
                      key=lambda n: -scratch_default[n][1])
    md.append("")
    md.append(f"Over 1 s at the default level: {', '.join(over) if over else 'none'}."
              + (" In the from-scratch test run of the default preset (every level, 2 jobs, one run): "
                 + (", ".join(f"{n} ({scratch_default[n][1]:.1f} s)" for n in over_any) if over_any else "none")
                 + " over 1 s." if scratch_default else ""))
    md.append("")
    tx.append(f"  over 1 s: {', '.join(over) if over else 'none'}; any test over 1 s in the from-scratch run: "
              f"{', '.join(over_any) if over_any else 'none'}")
    tx.append("")


def render_callgrind(r, out):
    md, tx = out.section("Callgrind: tsan-verify's own instructions")
    profiles = [p for p in r["callgrind"] if p]
    if not profiles:
        out.both(f"Skipped: {r.get('callgrind_skipped') or 'valgrind is not installed'}.")
        out.both("")
        return
    md.append("`valgrind --tool=callgrind tsan-verify ...` on a copy of the default preset's tsan-verify built "
              "with `-gdwarf-4` (valgrind 3.19 cannot read clang 14's DWARF 5); the TSan program is not traced, "
              "it runs natively. Instructions (Ir) by object, and the top functions by their own instructions:")
    md.append("")
    md.append("| run | total Ir | by object |")
    md.append("|---|---:|---|")
    for p in profiles:
        what = "`--help` (start + exit)" if p["label"] == "startup" else f"{p['label']}: {p['case']}"
        objects = ", ".join(f"{o} {c:,}" for o, c in sorted(p["objects"].items(), key=lambda i: -i[1])[:4])
        md.append(f"| {what} | {p['total'] or 0:,} | {objects} |")
        tx.append(f"  {what}: {p['total'] or 0:,} Ir ({objects})")
    md.append("")
    for p in profiles:
        if p["label"] == "startup":
            continue
        md += [f"Top functions, {p['label']} case ({p['case']}):", "", "| Ir (self) | function | object |",
               "|---:|---|---|"]
        for count, function, obj in p["self"][:10]:
            md.append(f"| {count:,} | `{function}` | {obj} |")
        md.append("")
        inclusive = p["inclusive"]
        keys = ["main", "case_spec_read", "run_program", "tsan_parse", "expect_check", "same_source_file",
                "write_text", "realpath"]
        parts = [f"`{k}` {inclusive[k]:,}" for k in keys if k in inclusive]
        if parts:
            md.append("Inclusive: " + ", ".join(parts) + ".")
            md.append("")
        tx.append(f"  {p['label']}: top " + ", ".join(f"{f} {c:,}" for c, f, _ in p["self"][:5]))
    md.append("")
    tx.append("")


def fastest(per_case, names):
    """The name among NAMES whose direct run's median is the smallest, or None."""
    chosen = [n for n in names if n in per_case]
    return min(chosen, key=lambda n: median(per_case[n]["direct"])) if chosen else None


def invocation_rows(per_case, racy_names, clean_names):
    """The per-invocation rows of section 2: the fastest racy and clean cases of the overhead's per-case times."""
    rows = []
    for names in (racy_names, clean_names):
        name = fastest(per_case, names)
        if name:
            rows.append({"case": name, "direct": median(per_case[name]["direct"]),
                         "harness": median(per_case[name]["harness"])})
    return rows
