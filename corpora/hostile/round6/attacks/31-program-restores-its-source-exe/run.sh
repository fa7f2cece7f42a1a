#!/bin/bash
# The binary is built from Y (counter++ unmarked, "// expect-tsan: none" at the end: a false claim, the code races).
# Then case.c is X (same code, "// expect-tsan: data race" on the racy line). While it runs, the program writes Y
# back into case.c (same inode). Markers are read from X before the run; the MD5 freshness check, made after the
# run, sees Y and passes. Honest: the binary is stale against the file the markers came from (2), or Y's none
# fails (1).
set -u; cd "$WORK"
python3 gen.py X > case.c.X; python3 gen.py Y > case.c.Y; cp case.c.Y case.c
clang-14 -fsanitize=thread -g -O1 -DSRC="\"$WORK/case.c\"" case.c -o prog || exit 100
cp case.c.X case.c
"$TSAN_VERIFY" ./prog
