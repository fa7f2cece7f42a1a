#!/bin/bash
# First build: plain. Then the same build folder is reconfigured as a unity build (CMAKE_UNITY_BUILD, a common
# speed-up) with the hooks on. The case is now compiled inside unity_0_c.c, so the recording launcher never sees
# the case as the input and the flags file keeps the first build's flags; the kept reading and the test read the
# case without -DUSE_HOOKS, while the program has hooks.h (a #line naming the case) in it.
cd "$WORK"; . ./helper.sh
printf '#line 13 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > hooks.h
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
nice -n 10 cmake -S . -B build -DCMAKE_UNITY_BUILD=ON -DWITH_HOOKS=ON >/dev/null || exit 99
nice -n 10 cmake --build build | tail -2
cat build/CMakeFiles/tsan-verify-flags/*.cflags; echo
run_registered build
