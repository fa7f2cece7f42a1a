#!/bin/bash
# --reading names a FIFO nobody writes (a build that mkfifo'd its records for a log collector): the check must not
# block on it; the case is honest: met (the compiler reads the case), or cannot check.
cd "$WORK"
clang -fsanitize=thread -g -gdwarf-5 -O1 case.c -o prog || exit 99
mkfifo case.reading
timeout -s KILL 60 "$TSAN_VERIFY" --binary ./prog --cc clang --cflag -fsanitize=thread --cflag -g --reading case.reading case.c
