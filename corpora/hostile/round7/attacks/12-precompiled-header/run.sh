#!/bin/bash
# A precompiled header (target_precompile_headers) whose generated part carries a #line naming the case: its hook()
# races, reported on the marker's line 7. The compiler's -E reading with -include-pch does not print the PCH's text.
cd "$WORK"; . ./helper.sh
printf 'int shared;\n#line 7 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > common.h
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
cat build/CMakeFiles/tsan-verify-flags/*.cflags; echo
run_registered build
