#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 -c sync.c -o sync.o && ar rcs libsync.a sync.o && clang -fsanitize=thread -g -O1 case.c -L. -lsync -o prog || exit 99
nice "$TSAN_VERIFY" ./prog
