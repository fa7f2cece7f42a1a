#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 -c lib/race.c -o lib/race.o && clang -fsanitize=thread -g -O1 tests/race.c lib/race.o -o prog || exit 99
nice "$TSAN_VERIFY" ./prog
