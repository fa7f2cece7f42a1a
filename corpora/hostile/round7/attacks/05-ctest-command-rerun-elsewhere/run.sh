#!/bin/bash
# A developer copies the command `ctest -V` shows for a test (every path in it absolute) and runs it from the
# source folder instead of the test's WORKING_DIRECTORY. The kept reading is then "not the same folder" and must
# simply not be used; the case is honest (a real race on its marked line): met, or cannot check.
cd "$WORK"; . ./helper.sh
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
cmd=$(cd build && ctest --show-only=json-v1 | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)["tests"][0]["command"]))')
mapfile -t argv <<<"$cmd"
echo "running from $PWD: ${argv[*]}"
"${argv[@]}"
