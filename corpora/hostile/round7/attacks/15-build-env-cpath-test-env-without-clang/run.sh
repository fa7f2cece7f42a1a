#!/bin/bash
# The build runs in a shell whose environment puts an SDK on the include path (CPATH, as 'module load' or a
# toolchain's env script sets it); ctest runs later in a shell without it. The SDK's generated hooks.h has a #line
# naming the case. Compiler: clang.
cd "$WORK"; . ./helper.sh
mkdir -p sdk/include
printf '#line 9 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > sdk/include/hooks.h
export CPATH=$WORK/sdk/include
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
unset CPATH
ls -l build/CMakeFiles/tsan-verify-flags/
run_registered build
