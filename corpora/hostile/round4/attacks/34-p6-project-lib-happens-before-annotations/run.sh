#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 -fPIC -shared sync.c -o libsync.so && clang -fsanitize=thread -g -O1 case.c -L. -lsync -Wl,-rpath,'$ORIGIN' -o prog || exit 99
nice "$TSAN_VERIFY" ./prog
