#!/bin/bash
# gcc: no MD5 in any line table (HOSTILE.md principle 8 limit: the times judge), and the record --write-reading
# leaves for gcc is empty. The object is compiled from hooks.h with a #line naming the case; a PRE_LINK step rewrites hooks.h; the program is
# linked (newer than the header) and the kept reading is written from the rewritten header.
cd "$WORK"; . ./helper.sh
printf '#line 11 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > hooks.h
touch -d '-1 hour' hooks.h
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=gcc -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
run_registered build
