#!/bin/bash
# A response file of the project names an include folder relative to the build folder (where the SDK headers are
# generated). The compile (Makefiles: in the build folder) finds build/sdk/include/hooks.h, whose #line names the
# case. The man page: relative paths inside a response file are not anchored, and tsan-verify's compiler works in
# its private folder, so its reading (kept or fresh) falls back to stub/hooks.h.
cd "$WORK"; . ./helper.sh
mkdir -p build/sdk/include
printf '#line 9 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > build/sdk/include/hooks.h
nice -n 10 cmake -S . -B build -G "Unix Makefiles" -DCMAKE_C_COMPILER=clang -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
run_registered build
