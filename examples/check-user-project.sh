#!/usr/bin/env bash
# Builds and tests examples/user-project the two ways a user gets tsan-verify, each in a fresh folder:
#   examples/check-user-project.sh install     BUILD_DIR CC   install BUILD_DIR into a temporary prefix, then
#                                                             find_package(TsanVerify) from it
#   examples/check-user-project.sh fetchcontent SOURCE_DIR CC FetchContent of the tsan-casebook tree SOURCE_DIR
#   examples/check-user-project.sh prefix       PREFIX CC     find_package(TsanVerify) from a prefix already there
#                                                             (the .deb unpacked: cmake/check-deb.sh)
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
    for installed in bin/tsan-verify share/man/man1/tsan-verify.1 share/doc/tsan-verify/MARKERS.md \
        share/tsan-verify/report.schema.json lib/cmake/TsanVerify/TsanVerifyConfig.cmake \
        lib/cmake/TsanVerify/TsanVerifyConfigVersion.cmake lib/cmake/TsanVerify/TsanVerify.cmake; do
      [ -e "$work/prefix/$installed" ] || { echo "cmake --install: $installed is missing"; exit 1; }
    done
    "$work/prefix/bin/tsan-verify" --version
    if command -v groff >/dev/null; then
      warnings=$(groff -man -ww -z "$work/prefix/share/man/man1/tsan-verify.1" 2>&1)
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
    configure+=(-DTSAN_VERIFY_SOURCE="$from")
    ;;
  prefix)
    configure+=(-DCMAKE_PREFIX_PATH="$from")
    ;;
  *) echo "usage: $0 install|fetchcontent|prefix FROM CC" >&2; exit 2 ;;
esac
"${configure[@]}" >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" -j2 >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
listed=$(cd "$work/build" && ctest -N | sed -n 's/^Total Tests: //p')
[ "$listed" = 4 ] || { (cd "$work/build" && ctest -N); echo "expected the project's own 4 tests, ctest lists $listed"; exit 1; }
(cd "$work/build" && ctest --output-on-failure -j2)
labels=$(cd "$work/build" && ctest -N -L race | sed -n 's/^Total Tests: //p')
[ "$labels" = 2 ] || { echo "expected 2 tests labelled race (racy_counter, racy_counter@O0), got $labels"; exit 1; }
echo "user-project ($mode): 4 tests, all passed"
