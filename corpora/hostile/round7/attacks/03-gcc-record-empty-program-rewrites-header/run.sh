#!/bin/bash
# CMake project, default compiler (gcc 12). The build's --write-reading leaves an empty record for gcc, so the test's
# --reading never stands and the compiler reads the case while the program runs. The program swaps its generated
# header (whose #line names the case) for a stub during the first seconds, then restores it: the reading sees the
# stub, the binary (restored header, unchanged time) is fresh.
cd "$WORK"; . ./helper.sh
printf '#line 10 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > gen.h
touch -d '-1 hour' gen.h
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
ls -la build/CMakeFiles/tsan-verify-flags/
run_registered build
