#!/bin/bash
# The marker stands in the library's own file (a marker file, found in the program's DWARF). The library is built
# with its PRIVATE definition COUNTER_TRACE, which includes a generated trace_hooks.h whose #line names
# src/counter.c: its racy write is reported on the marker's line. tsan-verify reads every marker file "with the
# case's flags" (test.c's), which lack COUNTER_TRACE, so its reading of counter.c never sees the header.
cd "$WORK"; . ./helper.sh
printf '#line 11 "%s/src/counter.c"\nstatic void trace(void) { value++; }\n' "$WORK" > src/trace_hooks.h
nice -n 10 cmake -S . -B build -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" >/dev/null || exit 99
nice -n 10 cmake --build build >/dev/null || exit 99
run_registered build
