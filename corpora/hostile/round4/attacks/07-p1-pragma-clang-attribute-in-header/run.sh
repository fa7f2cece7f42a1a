#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 -Iinclude -c src/counter.c -o counter.o && clang -fsanitize=thread -g -O1 -Iinclude tests/t.c counter.o -o t -pthread || exit 99
nice "$TSAN_VERIFY" ./t
