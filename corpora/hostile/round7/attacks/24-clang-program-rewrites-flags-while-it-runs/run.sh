#!/bin/bash
# clang: the kept reading is valid when the test starts. The program swaps the project's response file (which the
# record lists) for one without -DUSE_HOOKS during its first seconds, then restores it: a record judged late, or a
# reading made late, sees flags the program was not built with.
cd "$WORK"; . ./helper.sh
printf '#line 15 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > hooks.h
echo '-DUSE_HOOKS' > options.rsp
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
run_registered build
