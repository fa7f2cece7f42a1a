#!/usr/bin/env bash
# Builds and tests examples/user-project the two ways a user gets tsan-verify, each in a fresh folder:
#   examples/check-user-project.sh install     BUILD_DIR CC   install BUILD_DIR into a temporary prefix, then
#                                                             find_package(TsanVerify) from it
#   examples/check-user-project.sh fetchcontent SOURCE_DIR CC FetchContent of the tsan-casebook tree SOURCE_DIR, by a
#                                                             project that has neither expat nor libyaml: tsan-verify
#                                                             builds without its Valgrind and SV-COMP parts, links
#                                                             neither library, and `score` names the missing part
#   examples/check-user-project.sh prefix       PREFIX CC     find_package(TsanVerify) from a prefix already there
#                                                             (the .deb unpacked: cmake/check-deb.sh)
#   examples/check-user-project.sh errors       SOURCE_DIR CC tsan_verify_add_test() refuses bad arguments at
#                                                             configure time, naming the test and the argument
# Passes when the project's ctest runs exactly its own 4 tests and all pass. Exit 0 ok, 1 failed.
set -euo pipefail
mode=$1 from=$2 cc=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/user-project.XXXXXX")
trap 'rm -rf "$work"' EXIT
configure=(cmake -S "$here/user-project" -B "$work/build" -G Ninja -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo)
case "$mode" in
  install)
    cmake --install "$from" --prefix "$work/prefix" >"$work/install.log"
    for installed in bin/tsan-verify share/man/man1/tsan-verify.1.gz share/doc/tsan-verify/MARKERS.md \
        share/tsan-verify/report.schema.json lib/cmake/TsanVerify/TsanVerifyConfig.cmake \
        lib/cmake/TsanVerify/TsanVerifyConfigVersion.cmake lib/cmake/TsanVerify/TsanVerify.cmake \
        lib/cmake/TsanVerify/TsanVerifyOffFlags.txt lib/cmake/TsanVerify/TsanVerifyRecordFlags.sh; do
      [ -e "$work/prefix/$installed" ] || { echo "cmake --install: $installed is missing"; exit 1; }
    done
    "$work/prefix/bin/tsan-verify" --version
    if command -v groff >/dev/null; then
      warnings=$(gzip -dc "$work/prefix/share/man/man1/tsan-verify.1.gz" | groff -man -ww -z 2>&1)
      [ -z "$warnings" ] || { echo "the man page has groff warnings: $warnings"; exit 1; }
    fi
    if command -v man >/dev/null; then
      MANPATH="$work/prefix/share/man" man -w tsan-verify
      MANPATH="$work/prefix/share/man" MANWIDTH=80 man tsan-verify 2>/dev/null | grep -q -- '--binary' \
        || { echo "man tsan-verify: the page does not render"; exit 1; }
    fi
    configure+=(-DCMAKE_PREFIX_PATH="$work/prefix")
    ;;
  fetchcontent)
    # expat cannot be found; libyaml's part is turned off (pkg-config modules have no switch of their own). One build
    # of the fetched tree checks both the user's FetchContent and a tsan-verify without its optional parts (they were
    # two builds of tsan-verify, this test's and harness/p15_build's: one run, issue 26).
    configure+=(-DTSAN_VERIFY_SOURCE="$from" -DCMAKE_DISABLE_FIND_PACKAGE_EXPAT=ON -DTSAN_VERIFY_SVCOMP=OFF)
    ;;
  prefix)
    configure+=(-DCMAKE_PREFIX_PATH="$from")
    ;;
  errors) ;;
  *) echo "usage: $0 install|fetchcontent|prefix|errors FROM CC" >&2; exit 2 ;;
esac
if [ "$mode" = errors ]; then
  # Each call must stop the configure with its message.
  calls=("tsan_verify_add_test(NAME bad_level SOURCES t.c LEVELS O9)|bad_level): LEVELS takes O0, O1, O2, O3, Os, Og, Oz or Ofast, not 'O9'"
         "tsan_verify_add_test(NAME bad_timeout SOURCES t.c TIMEOUT 0)|bad_timeout): TIMEOUT takes whole seconds above 0, not '0'"
         "tsan_verify_add_test(SOURCES t.c)|tsan_verify_add_test: NAME and SOURCES are required"
         "tsan_verify_add_test(NAME typo SOURCES t.c LEVEL O1)|typo): SOURCES names no file 'LEVEL' (a misspelt keyword?)"
         "tsan_verify_add_test(NAME extra SOURCES t.c OOPS)|extra): SOURCES names no file 'OOPS'")
  for entry in "${calls[@]}"; do
    call=${entry%%|*} message=${entry#*|}
    rm -rf "$work/bad" && mkdir -p "$work/bad"
    printf '// expect-tsan: none\nint main(void) { return 0; }\n' >"$work/bad/t.c"
    printf 'cmake_minimum_required(VERSION 3.21)\nproject(bad LANGUAGES C)\ninclude(FetchContent)\n%s\n%s\n%s\n' \
      "FetchContent_Declare(TsanVerify SOURCE_DIR $from)" "FetchContent_MakeAvailable(TsanVerify)" "$call" \
      >"$work/bad/CMakeLists.txt"
    if cmake -S "$work/bad" -B "$work/bad/build" -G Ninja -DCMAKE_C_COMPILER="$cc" >"$work/bad.log" 2>&1; then
      echo "$call: the configure should fail"; exit 1
    fi
    # CMake wraps long messages: compare with the lines joined.
    tr -s ' \n' ' ' <"$work/bad.log" | grep -qF "$message" || { cat "$work/bad.log"; echo "$call: expected: $message"; exit 1; }
  done
  echo "tsan_verify_add_test: ${#calls[@]} bad calls refused with their message"
  exit 0
fi
"${configure[@]}" >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" -j2 >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
listed=$(cd "$work/build" && ctest -N | sed -n 's/^Total Tests: //p')
[ "$listed" = 4 ] || { (cd "$work/build" && ctest -N); echo "expected the project's own 4 tests, ctest lists $listed"; exit 1; }
(cd "$work/build" && ctest --output-on-failure -j2)
labels=$(cd "$work/build" && ctest -N -L race | sed -n 's/^Total Tests: //p')
[ "$labels" = 2 ] || { echo "expected 2 tests labelled race (racy_counter, racy_counter@O0), got $labels"; exit 1; }
if [ "$mode" = fetchcontent ]; then
  tool="$work/build/_deps/tsanverify-build/harness/tsan-verify"
  needed=$(readelf -d "$tool") || { echo "readelf -d $tool failed"; exit 1; }
  grep -q 'libc\.so' <<<"$needed" || { echo "readelf -d $tool names no libc:"; echo "$needed"; exit 1; }
  if grep -E 'libexpat|libyaml' <<<"$needed"; then
    echo "the fetched tsan-verify, built without expat and libyaml, should link neither"; exit 1
  fi
  # Each missing part is cannot check (2) naming the part, never a failure that says nothing.
  expect_missing() { # MESSAGE ARGS...
    local message=$1 status=0 said
    shift
    said=$("$tool" "$@" 2>&1 >/dev/null) || status=$?
    [ "$status" = 2 ] && grep -qF -- "$message" <<<"$said" \
      || { echo "tsan-verify $*: expected exit 2 naming '$message', got $status: $said"; exit 1; }
  }
  expect_missing "built without its SV-COMP part (TSAN_VERIFY_SVCOMP=OFF" score "$from/corpora/svcomp/race_counter.yml"
  expect_missing "--detector helgrind: this tsan-verify was built without its Valgrind part" \
    score --detector helgrind "$from/corpora/labels.tsv"
  echo "the fetched tsan-verify: without expat and libyaml, links neither; score names each missing part (exit 2)"
fi
echo "user-project ($mode): 4 tests, all passed"
