#!/usr/bin/env bash
# Keeps one real json-c race as a regression test: builds json-c at the commit that had it and at the commit that
# fixed it, with json-c's own CMakeLists.txt, runs the test programs of tests/ with tsan-verify as the test driver
# (ctest), and prints each verdict. The project's code is not ours: this script only adds CMakeLists.txt and tests/
# of this folder to a checkout, which it switches between the two commits and gives back at the commit it found.
#
#   examples/upstream/run.sh CHECKOUT [TSAN_VERIFY [CC]]
#
# CHECKOUT: a clone of https://github.com/json-c/json-c (git clone https://github.com/json-c/json-c), without local
# changes to tracked files. TSAN_VERIFY: an installed prefix of tsan-casebook (cmake --install ... --prefix P), or a
# build folder of it (installed into a temporary prefix first); default: the prefix of the tsan-verify on PATH.
# CC: the C compiler (default: cc). No CHECKOUT: exit 77 (skipped), saying why. Exit 0 when every verdict is the one
# expected below, 1 when one is not, 2 when the run could not be made.
set -uo pipefail
buggy=5a99e527fff25844647554045c2f316156f9aef0 # the parent of the fix: json_object_int_to_json_string's static buffer
fixed=55ecae3e5866a2f14aee737649b3c2cf392051b3 # "Eliminate static qualifiers on a couple local variables that were
                                               # causing thread safety issues." (json-c, 2017-07-09)
checkout=${1:-} tool=${2:-} cc=${3:-cc}
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "$checkout" ]; then
  echo "skipped: no json-c checkout given (set CASEBOOK_UPSTREAM_CHECKOUT to a clone of https://github.com/json-c/json-c)"
  exit 77
fi
git -C "$checkout" cat-file -e "$buggy^{commit}" 2>/dev/null && git -C "$checkout" cat-file -e "$fixed^{commit}" 2>/dev/null \
  || { echo "$checkout: not a json-c clone holding commits $buggy and $fixed"; exit 2; }
[ -z "$(git -C "$checkout" status --porcelain --untracked-files=no)" ] \
  || { echo "$checkout: has local changes to tracked files; this script switches commits, so it needs a clean checkout"; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/upstream-json-c.XXXXXX")
start=$(git -C "$checkout" rev-parse HEAD)
trap 'git -C "$checkout" checkout -q --detach "$start"; rm -rf "$work"' EXIT

if [ -z "$tool" ]; then
  tool=$(dirname "$(dirname "$(command -v tsan-verify)")") || { echo "no tsan-verify on PATH; name a prefix"; exit 2; }
elif [ -f "$tool/CMakeCache.txt" ]; then
  cmake --install "$tool" --prefix "$work/prefix" >"$work/install.log" || { cat "$work/install.log"; exit 2; }
  tool=$work/prefix
fi

# One configure (json-c of 2017 runs autogen.sh and ./configure from its CMakeLists.txt, the slow part); between the
# commits only json_object.c differs, so ninja rebuilds what depends on it.
git -C "$checkout" checkout -q --detach "$buggy"
cmake -S "$here" -B "$work/build" -G Ninja -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_PREFIX_PATH="$tool" -DJSONC_SOURCE_DIR="$(cd "$checkout" && pwd)" >"$work/configure.log" 2>&1 \
  || { tail -20 "$work/configure.log"; exit 2; }

# The verdicts a kept race must give: test commit expected-exit-status.
expected=(
  "int_to_string_race buggy 0"       # met: the race is reported in json_object_int_to_json_string
  "int_to_string_fixed buggy 1"      # not met: the twin expects no report, and the race is there
  "int_to_string_suppressed buggy 1" # not met: the broad suppression hid the race, tsan-verify says so
  "int_to_string_race fixed 1"       # not met: the race marker has nothing left to pin
  "int_to_string_fixed fixed 0"      # met
  "int_to_string_suppressed fixed 0" # met: the suppression hides nothing
)
status=0
for commit in buggy fixed; do
  git -C "$checkout" checkout -q --detach "${!commit}"
  cmake --build "$work/build" --target tsan-verify-tests >"$work/build-$commit.log" 2>&1 \
    || { tail -20 "$work/build-$commit.log"; exit 2; }
  for entry in "${expected[@]}"; do
    read -r test at want <<<"$entry"
    [ "$at" = "$commit" ] || continue
    command=$(ctest --test-dir "$work/build" -R "^$test\$" --show-only=json-v1 \
      | python3 -c 'import json,sys; print("\0".join(json.load(sys.stdin)["tests"][0]["command"]))' | tr '\0' '\n')
    mapfile -t argv <<<"$command"
    (cd "$work/build" && "${argv[@]}") >"$work/$test-$commit.out" 2>&1
    got=$?
    verdict="ok"
    [ "$got" = "$want" ] || { verdict="WRONG (expected exit $want)"; status=1; }
    printf '%s at %s (%s): exit %s, %s\n' "$test" "$commit" "${!commit:0:7}" "$got" "$verdict"
    sed 's/^/    /' "$work/$test-$commit.out"
  done
done
exit $status
