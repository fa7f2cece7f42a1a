#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -g -O1 case.c -o prog -pthread || exit 99
nice "$TSAN_VERIFY" --tap ./prog
