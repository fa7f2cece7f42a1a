#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
gcc -fsanitize=thread -g -O2 -flto case.c -o prog -pthread || exit 99
nice "$TSAN_VERIFY" --opt O2 ./prog
