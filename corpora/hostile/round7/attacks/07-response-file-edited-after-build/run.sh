#!/bin/bash
# Built with options.rsp = -DUSE_HOOKS (a generated hooks.h whose #line names the case: its race lands on the
# marker's line). Then options.rsp is edited; CMake does not know the response file, so `cmake --build` rebuilds
# nothing. The kept reading (which would refuse) no longer stands, and the compiler's new reading, under flags the
# program was not built with, sees no hooks.h.
cd "$WORK"; . ./helper.sh
printf '#line 13 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > hooks.h
echo '-DUSE_HOOKS' > options.rsp
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
echo '-DUSE_HOOKS_LATER' > options.rsp
nice -n 10 cmake --build build | tail -1
run_registered build
