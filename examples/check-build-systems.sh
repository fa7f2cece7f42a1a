#!/usr/bin/env bash
# Runs examples/library-race the way its build system runs tests, with the real tsan-verify, in a fresh copy:
#   examples/check-build-systems.sh make|meson|automake TOOL_DIR CC
# TOOL_DIR holds the tsan-verify to test (it goes first on PATH: the projects call `tsan-verify` by name). Passes
# when the race inside the library (pinned by `in add_unlocked` and `at src/pool.c:12`, its known race on the call
# count suppressed by the test's declared rule) and its fixed twin are met, and when the same run fails with a
# broad rule that also hides the pinned race: in the test's own suppressions file (race:pool.c instead of
# race:count_call), or in the user's TSAN_OPTIONS; for make, also when the library built without TSan makes the
# racy test "cannot check" (exit 2).
# Exit 0 ok, 1 wrong, 77 skipped (the build system is not installed).
set -euo pipefail
mode=$1 tool_dir=$2 cc=$3
here=$(cd "$(dirname "$0")" && pwd)
case "$mode" in
  make) needed=make ;;
  meson) needed=meson ;;
  automake) needed=autoreconf ;;
  *) echo "usage: $0 make|meson|automake TOOL_DIR CC" >&2; exit 2 ;;
esac
command -v "$needed" >/dev/null || { echo "skipped: $needed is missing (ci/install-deps.sh installs it)"; exit 77; }
if [ "$mode" = automake ] && ! command -v libtoolize >/dev/null; then
  echo "skipped: libtool is missing (ci/install-deps.sh installs it)"; exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/library-race.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$here/library-race" "$work/project"
export PATH="$tool_dir:$PATH"
unset TSAN_OPTIONS UBSAN_OPTIONS
cd "$work/project"
printf 'race:pool.c\n' >"$work/broad.supp"

# The build, then the command that runs the tests (twice: as is, and with the broad suppression).
case "$mode" in
  make)
    make -C make CC="$cc" race fixed >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
    check=(make -C make CC="$cc" check) ;;
  meson)
    CC="$cc" meson setup build >"$work/build.log" 2>&1 && meson compile -C build >>"$work/build.log" 2>&1 \
      || { cat "$work/build.log"; exit 1; }
    check=(meson test -C build --print-errorlogs) ;;
  automake)
    { autoreconf -fi && ./configure CC="$cc" && make race fixed; } >"$work/build.log" 2>&1 \
      || { tail -30 "$work/build.log"; exit 1; }
    check=(make check) ;;
esac
# What the runner printed, and the logs it keeps (Automake: race.log; Meson: testlog.txt).
logs() { cat "$work/check.log" ./*.log build/meson-logs/testlog.txt 2>/dev/null || true; }
"${check[@]}" >"$work/check.log" 2>&1 || { logs; echo "$mode: the tests should pass"; exit 1; }
logs | grep -E 'race\.c.*met \(reported: data race\)' >/dev/null \
  || { logs; echo "$mode: no 'met (reported: data race)' for race.c"; exit 1; }
echo "$mode: race (pinned in the library) and fixed are met"

if TSAN_OPTIONS="suppressions=$work/broad.supp" "${check[@]}" >"$work/suppressed.log" 2>&1; then
  cat "$work/suppressed.log"; echo "$mode: a suppression that hides the pinned race should fail the test"; exit 1
fi
echo "$mode: with suppressions=race:pool.c in TSAN_OPTIONS the tests fail"

# The natural broad rule for the library's known races, in the test's own file: it hides the pinned race too.
cp tests/known.supp "$work/known.supp"
printf 'race:pool.c\n' >tests/known.supp
if "${check[@]}" >"$work/broad.log" 2>&1; then
  cat "$work/broad.log"; echo "$mode: the test's own broad rule race:pool.c hides the pinned race: it should fail"; exit 1
fi
logs() { cat "$work/broad.log" ./*.log build/meson-logs/testlog.txt 2>/dev/null || true; }
logs | grep -F 'suppression "race:pool.c" hid a report about the code under test' >/dev/null \
  || { logs; echo "$mode: the failure should name the rule that hid the pinned race"; exit 1; }
cp "$work/known.supp" tests/known.supp
echo "$mode: with the test's own rule race:pool.c the tests fail, naming it"

if [ "$mode" = make ]; then
  # The library as a project might build it, with debug information and without TSan.
  "$cc" -g -O1 -c src/pool.c -o make/pool.o && ar rcs make/libpool.a make/pool.o && rm -f make/race \
    && make -C make CC="$cc" race >/dev/null
  status=0
  out=$(cd make && tsan-verify ./race 2>&1) || status=$?
  [ "$status" -eq 2 ] && grep -q 'pool.c: linked into the program without TSan instrumentation, and the marker' <<<"$out" \
    || { echo "$out"; echo "make: the library built without TSan should make race.c cannot check (2), got $status"; exit 1; }
  echo "make: the library built without TSan: cannot check"
fi
