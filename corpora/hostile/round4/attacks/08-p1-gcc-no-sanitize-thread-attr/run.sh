#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
gcc -fsanitize=thread -g -O1 -Iinclude src/counter.c tests/t.c -o t -pthread || exit 99
nice "$TSAN_VERIFY" ./t
