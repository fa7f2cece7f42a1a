#!/bin/bash
# Ninja runs every compile from the top build folder; the test (and its POST_BUILD --write-reading) runs in
# build/tests. The response file's relative -Isdk/include finds build/sdk/include/hooks.h (a #line naming the case)
# in the compile, and nothing from build/tests, where the reading falls back to stub/hooks.h.
cd "$WORK"; . ./helper.sh
mkdir -p build/sdk/include
printf '#line 9 "%s/tests/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > build/sdk/include/hooks.h
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
run_registered build
