#!/bin/bash
# ci/dataracebench-selftest.sh VERIFY OUT: ci/dataracebench.py on three programs of the DataRaceBench checkout named
# by $DATARACEBENCH_DIR (a race, a race-free loop, and a PolyBench program that needs its own flags and that the proof
# refuses to score), under
# TSan+Archer, so that the script, the list it writes and the page it makes cannot rot unseen. Exit 77 (a ctest
# SKIP) without a checkout: DataRaceBench is not ours to ship.
set -euo pipefail
verify=$1 out=$2
if [[ -z "${DATARACEBENCH_DIR:-}" ]]; then
  echo "skipped: set DATARACEBENCH_DIR to a DataRaceBench checkout (git clone https://github.com/LLNL/dataracebench)"
  exit 77
fi
if [[ ! -d "$DATARACEBENCH_DIR/micro-benchmarks" ]]; then
  echo "DATARACEBENCH_DIR=$DATARACEBENCH_DIR has no micro-benchmarks/ folder: not a DataRaceBench checkout" >&2
  exit 1
fi
if [[ ! -e /usr/lib/llvm-14/lib/libarcher.so ]] || ! command -v clang-14 >/dev/null; then
  echo "skipped: TSan+Archer needs clang-14 and /usr/lib/llvm-14/lib/libarcher.so (libomp-14-dev)"
  exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
python3 "$here/dataracebench.py" "$DATARACEBENCH_DIR" --verify "$verify" --out "$out" --configs archer \
  --only '^DRB(001|045|041)-' --doc "$out/page.md"
python3 - "$out" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
listed = [l.split("\t") for l in (out / "dataracebench/list.tsv").read_text().splitlines() if not l.startswith("#")]
assert len(listed) == 3, listed
poly = [l for l in listed if "DRB041" in l[0]][0]
assert "utilities/polybench.c" in poly[2] and "-DPOLYBENCH_TIME" in poly[2], poly
results = json.loads((out / "results.json").read_text())["results"]
archer = results[0]
cases = {c["case"].split("/")[-1]: c for c in archer["cases"]}
assert archer["complete"], archer
assert cases["DRB001-antidep1-orig-yes"]["result"] == "caught", cases
assert cases["DRB045-doall1-orig-no"]["result"] == "silent", cases
# DRB041's vectorized stores are not the addresses TSan's hooks were told of (docs/DATARACEBENCH.md): the proof
# refuses to score it, naming the function, and the page counts it as not scorable, never as a pass.
assert cases["DRB041-3mm-parallel-no"]["state"] == "unchecked", cases
reason = cases["DRB041-3mm-parallel-no"]["reason"]
assert "is not fully instrumented by TSan" in reason and ".omp_outlined." in reason, reason
assert archer["counts"]["not scorable"] == 1, archer["counts"]
assert "ignore_noninstrumented_modules=1" in archer["command"], archer["command"]
page = (out / "page.md").read_text()
assert "| TSan+Archer (clang-14, libomp) | 3 | 2 | 1 |" in page, page
print("dataracebench self-test: the list, the Archer run and the page are as expected")
PY
