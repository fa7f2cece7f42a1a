#!/bin/bash
# By hand, clang, `--binary prog --cc clang --cflag ...` (the flags it was built with, so the compiler reads the case)
# and no --reading: the compiler's reading is made while the program runs. The program swaps its generated header
# (whose #line names the case; its racy write lands on the marker's line) for a stub during its first seconds and
# restores it (same bytes, same time): the reading sees the stub, the binary is fresh.
cd "$WORK"
printf '#line 11 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > gen.h
touch -d '-1 hour' gen.h
clang -fsanitize=thread -g -gdwarf-5 -fdebug-macro -O1 -DGEN_PATH="\"$WORK/gen.h\"" case.c -o prog || exit 99
"$TSAN_VERIFY" --binary ./prog --cc clang --cflag -fsanitize=thread --cflag -g --cflag "-DGEN_PATH=\"$WORK/gen.h\"" case.c
