#!/bin/bash
# The project's library, built WITH TSan and -g, holds only pure functions.
gcc -fsanitize=thread -g -O1 -fPIC -shared mathlib.c -o libmath.so || exit 99
gcc -fsanitize=thread -g -O1 case.c -o prog -L. -lmath -Wl,-rpath,"$PWD" || exit 99
"$TSAN_VERIFY" ./prog
