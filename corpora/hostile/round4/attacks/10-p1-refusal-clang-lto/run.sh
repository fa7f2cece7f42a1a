#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
command -v ld.lld >/dev/null || exit 99
clang -fsanitize=thread -g -O1 -flto -fuse-ld=lld case.c -o prog || exit 99
nice "$TSAN_VERIFY" ./prog
