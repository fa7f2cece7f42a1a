#!/bin/bash
# Built with hooks.h carrying a #line that names the case; then hooks.h is regenerated without the #line (and
# given its old time), and the program is not rebuilt. Kept reading stale, binary stale: never met.
cd "$WORK"; . ./helper.sh
printf '#line 13 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > hooks.h
touch -d '-2 hours' hooks.h
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
printf '\nstatic void hook(void) { shared++; }\n' > hooks.h
touch -d '-2 hours' hooks.h
run_registered build
