#!/bin/bash
# --write-reading into a place it cannot write (a path under a regular file): exit 2 naming the cause, and nothing
# of its own left behind (TMPDIR, the folder).
cd "$WORK"
clang -fsanitize=thread -g -gdwarf-5 -O1 case.c -o prog || exit 99
touch notadir
"$TSAN_VERIFY" --write-reading notadir/case.reading --binary ./prog --cc clang --cflag -fsanitize=thread case.c; rc=$?
ls -a; [ "$(ls -A | grep -c partial)" = 0 ] || exit 98
exit $rc
